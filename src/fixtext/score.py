"""Plausibility: how much does a string look like text somebody meant to write?

``cost(text)`` is a rough negative log-likelihood: every character pays for how
rare its kind is, and neighbouring characters pay when their scripts clash.
Commonness is derived from the codecs themselves at import time (GB2312's
level-1 hanzi, JIS X 0208's level-1 kanji, Big5's frequent block, KS X 1001's
hangul), so no table has to be shipped for this part.

The scorer answers only "is this plausible text?".  Whether a span *is*
mojibake is the channel's question (see :mod:`fixtext.channel`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Typographic punctuation that ordinary prose uses.
COMMON_PUNCTUATION = frozenset("‘’“”–—…•′″€")

#: Latin-1 symbols that ordinary prose uses.
COMMON_SYMBOLS = frozenset("£¥©®°±×÷½¼¾«»·§¿¡")

_CJK_PUNCT_RANGES = ((0x3000, 0x303F), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))


def _double_byte(ch: str, codec: str) -> bytes | None:
    try:
        data = ch.encode(codec)
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 else None


def _common_ideograph(ch: str) -> bool:
    """In the frequent block of a national standard (GB2312 L1, JIS L1, Big5 frequent)."""
    gb = _double_byte(ch, "gb2312")
    if gb and 0xB0 <= gb[0] <= 0xD7:
        return True
    jis = _double_byte(ch, "euc_jp")
    if jis and 0xB0 <= jis[0] <= 0xCF:
        return True
    return _big5_frequent(ch)


def _standard_ideograph(ch: str) -> bool:
    """In GB2312, JIS X 0208 or Big5's frequent block: what everyday text is written with."""
    return bool(_double_byte(ch, "gb2312") or _double_byte(ch, "euc_jp") or _big5_frequent(ch))


def _big5_frequent(ch: str) -> bool:
    big5 = _double_byte(ch, "big5")
    return bool(big5 and 0xA4 <= big5[0] <= 0xC6)


@lru_cache(maxsize=65536)
def char_cost(ch: str) -> float:
    """What one character costs: lower is more ordinary."""
    cp = ord(ch)
    if cp < 0x80:
        return 0.5 if (ch.isprintable() or ch in "\t\n\r") else 10.0
    if ch == "\ufffd":
        return 12.0
    if ch in COMMON_PUNCTUATION:
        return 1.5
    category = unicodedata.category(ch)
    if category in ("Co", "Cn", "Cs") or 0x80 <= cp < 0xA0:
        return 15.0
    if category in ("Cc", "Cf", "Zl", "Zp"):
        return 10.0
    if 0xA0 <= cp < 0x100:
        return 3.0 if category[0] == "L" or ch in COMMON_SYMBOLS else 4.5
    if 0x4E00 <= cp <= 0x9FFF:
        if _common_ideograph(ch):
            return 3.0
        return 5.0 if _standard_ideograph(ch) else 8.0
    if 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3FFFF or 0xF900 <= cp <= 0xFAFF:
        return 12.0
    if 0xAC00 <= cp <= 0xD7A3:
        return 3.0 if _double_byte(ch, "euc_kr") else 9.0
    if 0x3041 <= cp <= 0x30FF:
        return 3.0
    if 0xFF61 <= cp <= 0xFF9F:
        return 8.0  # half-width katakana: rare in modern text, common in mojibake
    if any(lo <= cp <= hi for lo, hi in _CJK_PUNCT_RANGES):
        return 3.0
    if 0x2500 <= cp <= 0x25FF:
        return 8.0
    if 0x2000 <= cp <= 0x206F:
        return 8.0
    if category[0] == "L":
        return 4.0 if 0x370 <= cp < 0x530 else 6.0
    return 7.0


@lru_cache(maxsize=256)
def script_of(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x80:
        return "latin" if ch.isalnum() else "neutral"
    if 0x3040 <= cp <= 0x30FF or 0xFF61 <= cp <= 0xFF9F:
        return "kana"
    if 0xAC00 <= cp <= 0xD7A3 or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if 0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF or 0xF900 <= cp <= 0xFAFF:
        return "han"
    if ch.isalpha():
        return "latin" if cp < 0x250 else "other"
    return "neutral"


_CLASHES = {
    frozenset(("latin", "han")): 2.0,
    frozenset(("latin", "kana")): 2.0,
    frozenset(("latin", "hangul")): 2.0,
    frozenset(("hangul", "han")): 4.0,
    frozenset(("hangul", "kana")): 4.0,
    frozenset(("other", "han")): 3.0,
    frozenset(("other", "latin")): 2.0,
}


#: Extra cost of an uncommon ideograph standing alone in Latin-script text.
ISOLATED_RARE_IDEOGRAPH = 4.0
_ISOLATED = re.compile(r"(?<![\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3])[\u3400-\u9fff]{1,2}(?![\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3])")


def cost(text: str) -> float:
    """Total cost of ``text``: character costs, script clashes between neighbours,
    and uncommon ideographs standing alone among Latin letters (as mojibake does)."""
    total = sum(map(char_cost, text))
    scripts = [script_of(ch) for ch in text]
    for left, right in zip(scripts, scripts[1:]):
        if left != right:
            total += _CLASHES.get(frozenset((left, right)), 0.0)
    if text.isascii():
        return total
    for match in _ISOLATED.finditer(text):
        if "latin" in (_neighbour(scripts, match.start() - 1, -1), _neighbour(scripts, match.end(), 1)):
            total += ISOLATED_RARE_IDEOGRAPH * sum(char_cost(ch) >= 5.0 for ch in match.group())
    return total


def _neighbour(scripts: list[str], i: int, step: int) -> str:
    """The first script other than "neutral" from ``i`` outwards."""
    while 0 <= i < len(scripts) and scripts[i] == "neutral":
        i += step
    return scripts[i] if 0 <= i < len(scripts) else "neutral"


#: What believing "this span was damaged" costs before any evidence.
CHANNEL_PRIOR = 4.0


#: The prior once the same channel has already explained other damage in the document.
ESTABLISHED_PRIOR = -2.0


def repair_gain(
    observed: str, candidate: str, left: str = "", right: str = "", prior: float = CHANNEL_PRIOR
) -> float:
    """How much cheaper ``candidate`` is than ``observed`` in the same context, minus the prior."""
    return cost(left + observed + right) - cost(left + candidate + right) - prior


def confidence(gain: float) -> float:
    """Map a cost gain to [0, 1): zero gain is no confidence, large gains approach 1."""
    if gain <= 0:
        return 0.0
    return round(1.0 - 0.5 ** (gain / 4.0), 4)
