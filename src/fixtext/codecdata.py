"""Facts about the multibyte codecs, derived from the codecs themselves at import.

Everything the multibyte layer knows about a codec is computed here from
CPython's codec tables, so supporting another codec is a matter of naming it.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Codecs the multibyte layer knows how to model (as UTF-8 read through them).
MULTIBYTE_CODECS = (
    "gbk",
    "gb18030",
    "gb2312",
    "big5",
    "cp950",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp949",
)

#: Codecs that read UTF-8 alike (one extends the other): a lost byte may be
#: anything either would have lost.
CODEC_FAMILIES = (
    ("gbk", "gb18030", "gb2312"),
    ("big5", "cp950"),
    ("shift_jis", "cp932"),
    ("euc_jp",),
    ("euc_kr", "cp949"),
)


#: Extra prior cost of believing UTF-8 was read as a codec other than GBK's
#: family. Mainland Chinese Windows systems make most of the CJK mojibake
#: met in practice; the other codecs' damage is rarer, and their byte
#: layouts (ASCII trail bytes in Shift_JIS, dense EUC blocks) leave clean
#: text a little likelier to look like a repairable reading.
RARER_CHANNEL = 2.0


def channel_prior(codec: str) -> float:
    return 0.0 if codec in CODEC_FAMILIES[0] else RARER_CHANNEL


def family_of(codec: str) -> tuple[str, ...]:
    for family in CODEC_FAMILIES:
        if codec in family:
            return family
    return (codec,)


#: The languages each legacy encoding is written in.
CODEC_LANGUAGES = {
    "gbk": ("zh-Hans",),
    "gb18030": ("zh-Hans",),
    "gb2312": ("zh-Hans",),
    "big5": ("zh-Hant",),
    "cp950": ("zh-Hant",),
    "shift_jis": ("ja",),
    "cp932": ("ja",),
    "euc_jp": ("ja",),
    "euc_kr": ("ko",),
    "cp949": ("ko",),
}

#: A run of characters outside ASCII: the unit the multibyte layer inspects.
#: ASCII bytes decode to themselves in every codec modelled here, so a repair
#: never has to cross one.
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=None)
def start_chars(codec: str) -> frozenset[str]:
    """Characters that UTF-8 text read as ``codec`` can begin a run with.

    After an ASCII byte, a UTF-8 run starts with a lead byte (C2–F4) and a
    continuation byte (80–BF); whatever ``codec`` makes of such a pair is the
    first character of the damaged run.
    """
    pairs = [(lead, cont) for lead in range(0xC2, 0xF5) for cont in range(0x80, 0xC0)]
    if drops_utf8_leads(codec):
        # The lead is gone, so a continuation byte starts the run, paired with
        # an ASCII letter where the codec takes those as trail bytes (cp949).
        pairs += [(cont, letter) for cont in range(0x80, 0xC0) for letter in range(0x40, 0x7F)]
    chars = set()
    for pair in pairs:
        decoded = bytes(pair).decode(codec, "ignore")
        if decoded and ord(decoded[0]) >= 0x80:
            chars.add(decoded[0])
    return frozenset(chars)


@lru_cache(maxsize=None)
def drops_utf8_leads(codec: str) -> bool:
    """Does ``codec`` usually reject a three-byte UTF-8 lead with its first continuation?"""
    pairs = [bytes((lead, cont)) for lead in range(0xE0, 0xF0) for cont in range(0x80, 0xC0)]
    dropped = sum(pair.decode(codec, "replace").startswith("\ufffd") for pair in pairs)
    return dropped * 2 > len(pairs)


@lru_cache(maxsize=None)
def start_pattern(codec: str) -> re.Pattern[str]:
    """A compiled character class of :func:`start_chars`, for the C-speed fast path."""
    return _char_class(start_chars(codec))


@lru_cache(maxsize=64)
def any_start_pattern(codecs: tuple[str, ...]) -> re.Pattern[str]:
    """A character class of the start characters of all ``codecs``: one scan to rule them all out."""
    return _char_class(any_start_chars(codecs))


@lru_cache(maxsize=64)
def any_start_chars(codecs: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*map(start_chars, codecs))


def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    if not chars:
        return re.compile("(?!)")  # matches nothing
    return re.compile(f"[{class_body(chars)}]")


def class_body(chars: frozenset[str]) -> str:
    """What goes between the brackets of a regex character class of ``chars``, as ranges."""
    ranges = _ranges(sorted(map(ord, chars)))
    return "".join(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges)


def _ranges(codepoints: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for cp in codepoints:
        if out and out[-1][1] == cp - 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out
