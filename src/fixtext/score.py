"""Plausibility: how much does a string look like text somebody meant to write?

``cost(text)`` is a rough negative log-likelihood: every character pays for how
rare its kind is, and neighbouring characters pay when their scripts clash.
Commonness comes from character statistics for Chinese and Korean (unigrams
and in-word pairs, see :mod:`fixtext.charstats`) and, for the rest, from the
codecs themselves (JIS X 0208's two levels of kanji).

The scorer answers only "is this plausible text?".  Whether a span *is*
mojibake is the channel's question (see :mod:`fixtext.channel`).
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import repeat

import regex

from . import charstats

#: Typographic punctuation that ordinary prose uses.
COMMON_PUNCTUATION = frozenset("‘’“”–—…•€")

#: Latin-1 symbols that ordinary prose uses.
COMMON_SYMBOLS = frozenset("£¥©®°±×÷½¼¾«»·§¿¡")

_CJK_PUNCT_RANGES = ((0x3000, 0x303F), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))


def _double_byte(ch: str, codec: str) -> bytes | None:
    try:
        data = ch.encode(codec)
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 else None


#: The languages whose everyday repertoire the scorer knows, in the order of
#: the cost vectors below.
LANGUAGES = ("zh-Hans", "zh-Hant", "ja", "ko")


def _ideograph_costs(ch: str) -> tuple[float, ...]:
    """Cost of a CJK ideograph in each language: from the character statistics, else by
    whether the national standard encodes it at all."""
    gb, big5, jis = _double_byte(ch, "gb2312"), _double_byte(ch, "big5"), _double_byte(ch, "euc_jp")
    bits = charstats.unigram_cost(ch, "zh-Hans")
    hans = _from_bits(bits) if bits is not None else (6.0 if gb else 8.0)
    bits = charstats.unigram_cost(ch, "zh-Hant")
    hant = _from_bits(bits) if bits is not None else (6.0 if big5 else 8.0)
    bits = charstats.unigram_cost(ch, "ja")
    ja = _from_bits(bits) if bits is not None else (6.0 if jis else 8.0)
    ko = 6.0 if _double_byte(ch, "euc_kr") else 8.0
    return (hans, hant, ja, ko)


#: How far the Korean statistics are trusted. They come from a dictionary's
#: word costs, a rough stand-in for how often prose uses a syllable (있 is in
#: few entries, common in text), so each syllable's probability is mixed with
#: an even spread over KS X 1001's 2350 syllables: 이 costs 2.1, 있 4.4, and a
#: syllable missing from the table 4.4 (one bit above the flat 4.0 that every
#: KS X 1001 syllable cost before). Trusting the table fully (rare syllables at
#: 6.0) lost more Korean words to the EUC-JP kanji that their bytes also read
#: as, on the accuracy harness's reverse euc_kr cells.
KO_TRUST = 0.5
_KS_HANGUL = 2350


def _hangul_costs(ch: str) -> tuple[float, ...]:
    """Cost of a hangul syllable: from the Korean statistics if KS X 1001 has it, else rare."""
    if not _double_byte(ch, "euc_kr"):
        return _uniform(9.0)
    bits = charstats.unigram_cost(ch, "ko")
    p = 0.0 if bits is None else 2.0**-bits
    return (9.0, 9.0, 9.0, _from_bits(-math.log2(KO_TRUST * p + (1 - KO_TRUST) / _KS_HANGUL)))


def _from_bits(bits: float) -> float:
    """Character statistics (bits) on the scale of the other costs (3 for a common hanzi)."""
    return min(max(0.4 * bits - 0.5, 1.5), 6.0)


#: The languages with in-word pair statistics, by their index in LANGUAGES.
_BIGRAM_LANGUAGES = ((0, "zh-Hans"), (1, "zh-Hant"), (2, "ja"), (3, "ko"))


def _bigram_discount(text: str, index: int) -> float:
    """How much cheaper ``text`` is in ``LANGUAGES[index]`` for its known in-word pairs (线路, 사랑).

    Only pairs of ideographs or hangul syllables (both from U+4E00 up) count.
    Every pair is looked up in C (``map`` over the text and itself shifted
    by one): a line of CJK text has a pair per character.
    """
    return sum(map(_DISCOUNTS_IN[index].__getitem__, map(operator.add, text, text[1:])))


def _uniform(value: float) -> tuple[float, ...]:
    return (value,) * len(LANGUAGES)


@lru_cache(maxsize=65536)
def char_costs(ch: str) -> tuple[float, ...]:
    """What one character costs in text of each of :data:`LANGUAGES`: lower is more ordinary."""
    cp = ord(ch)
    if 0x4E00 <= cp <= 0x9FFF:
        return _ideograph_costs(ch)
    if 0x3041 <= cp <= 0x30FF:
        return (8.0, 8.0, 2.5, 8.0)
    if 0xAC00 <= cp <= 0xD7A3:
        return _hangul_costs(ch)
    return _uniform(_other_cost(ch, cp))


def _other_cost(ch: str, cp: int) -> float:
    if cp < 0x80:
        return 0.5 if (ch.isprintable() or ch in "\t\n\r") else 15.0
    if ch == "\ufffd":
        return 12.0
    if ch in COMMON_PUNCTUATION:
        return 1.5
    category = unicodedata.category(ch)
    if category in ("Co", "Cn", "Cs") or 0x80 <= cp < 0xA0:
        return 15.0
    if category == "Cc":
        return 15.0
    if category in ("Cf", "Zl", "Zp"):
        return 10.0
    if 0xA0 <= cp < 0x100:
        return 3.0 if category[0] == "L" or ch in COMMON_SYMBOLS else 4.5
    if 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3FFFF or 0xF900 <= cp <= 0xFAFF:
        return 12.0
    if 0xFF61 <= cp <= 0xFF9F:
        return 8.0  # half-width katakana: rare in modern text, common in mojibake
    if any(lo <= cp <= hi for lo, hi in _CJK_PUNCT_RANGES):
        return 3.0
    if 0x2000 <= cp <= 0x206F or 0x2500 <= cp <= 0x25FF:
        return 8.0
    if category[0] == "L":
        return _letter_cost(cp)
    return 7.0


#: What a letter costs by how languages write it (CLDR's exemplar characters,
#: :func:`charstats.letter_tier`): in some language's everyday alphabet, only
#: in borrowed words, or in no language's alphabet at all, which is what a
#: wrong decode writes (``ϵͳ`` for ``系统``).
LETTER_COSTS = {"main": 4.0, "auxiliary": 7.0, None: 9.0}


def _letter_cost(cp: int) -> float:
    return LETTER_COSTS[charstats.letter_tier(chr(cp))]


def mean_char_cost(text: str) -> float:
    """The average cost of ``text``'s characters in the one language that suits
    them best, without the in-word pairs: a C-speed measure of fluency."""
    if not text:
        return 0.0
    return min(_totals(text)) / len(text)


class _FilledIn(dict):
    """Values in one language, filled in as their keys are met (so that ``map``
    over a text looks them up at C speed), and bounded like the cache behind
    :func:`char_costs`."""

    def __init__(self, index: int, value: Callable[[str, int], float]) -> None:
        super().__init__()
        self.index = index
        self.value = value

    def __missing__(self, key: str) -> float:
        if len(self) >= 65536:
            self.clear()
        value = self[key] = self.value(key, self.index)
        return value


def _cost_in(ch: str, index: int) -> float:
    return char_costs(ch)[index]


def _pair_discount_in(pair: str, index: int) -> float:
    """The second character's cost less what the pair's in-word statistics say
    it costs after the first, when that is less (:func:`_bigram_discount`)."""
    first, second = pair
    if first < "\u4e00" or second < "\u4e00":
        return 0.0
    bits = charstats.bigram_cost(first, second, LANGUAGES[index])
    return 0.0 if bits is None else max(0.0, char_costs(second)[index] - (0.4 * bits + 0.5))


_COSTS_IN = tuple(_FilledIn(index, _cost_in) for index in range(len(LANGUAGES)))
_DISCOUNTS_IN = {index: _FilledIn(index, _pair_discount_in) for index, _ in _BIGRAM_LANGUAGES}


def cost_sums(texts: list[str]) -> list[float]:
    """Each text's characters' costs summed in one language, the same for all
    (the one that suits the texts best on a sample), with no Python loop per
    text. :func:`mean_char_cost` takes each text's best language, so a sum
    bounds it from above: a text whose sum is within ``limit × length`` has a
    mean cost within ``limit``.
    """
    sample = "".join(texts[:64])[:512]  # enough to tell the language apart
    costs = min(_COSTS_IN, key=lambda table: sum(map(table.__getitem__, sample))).__getitem__
    return list(map(sum, map(map, repeat(costs), texts)))


def _totals(text: str) -> list[float]:
    """The sum of ``text``'s character costs in each of :data:`LANGUAGES`."""
    if len(text) < 128:
        return list(map(sum, zip(*map(char_costs, text))))
    # zip(*…) makes an iterator for every character, which on a long text
    # (a whole line reread) sends the garbage collector through everything
    # the process holds, hundreds of times: one pass per language instead.
    return [sum(map(costs.__getitem__, text)) for costs in _COSTS_IN]


def char_cost(ch: str) -> float:
    """The character's cost in the language that suits it best."""
    return min(char_costs(ch))


@lru_cache(maxsize=256)
def script_of(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x80:
        if ch == "\n" or ch == "\r":
            return "break"  # a line break ends a neighbourhood: "neutral" is looked through
        return "latin" if ch.isalnum() else "neutral"
    if 0x3040 <= cp <= 0x30FF or 0xFF61 <= cp <= 0xFF9F:
        return "kana"
    if 0xAC00 <= cp <= 0xD7A3 or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if 0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF or 0xF900 <= cp <= 0xFAFF:
        return "han"
    if 0x2E80 <= cp <= 0x303F:
        return "neutral"  # radicals, CJK punctuation, iteration marks (々) sit among ideographs
    if ch.isalpha() or unicodedata.category(ch)[0] == "M":
        # a vowel point or harakat belongs to its alphabet: after "RGB" it is a
        # clash like a letter (GBK 值 is UTF-8 ֵ, a Hebrew point, misread)
        for name, lo, hi in _ALPHABETS:
            if lo <= cp <= hi:
                return name
        return "other" if ch.isalpha() else "neutral"
    return "neutral"


_ALPHABETS = (
    ("latin", 0x80, 0x24F),
    ("greek", 0x370, 0x3FF),
    ("cyrillic", 0x400, 0x52F),
    ("hebrew", 0x590, 0x5FF),
    ("arabic", 0x600, 0x6FF),
)
_LETTERS = frozenset(("latin", "greek", "cyrillic", "hebrew", "arabic", "other"))


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
#: Extra cost of a common ideograph standing alone in Latin-script text.
ISOLATED_IDEOGRAPH = 2.0
#: Extra cost of a single ideograph glued to a Latin word ("caf茅").
IDEOGRAPH_INSIDE_WORD = 3.0
_ISOLATED = re.compile(
    r"(?<![\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff61-\uff9f])[\u3400-\u9fff\uff61-\uff9f]{1,2}"
    r"(?![\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff61-\uff9f])"
)


#: Two alphabets inside one word (Latin and Arabic, Cyrillic and Greek):
#: no orthography does it, while a wrong decode does it all the time.
SCRIPTS_IN_ONE_WORD = 4.5


#: An alphabet's letter next to an ideograph, kana or hangul syllable: what
#: Latin next to them costs, for every alphabet alike.
_WIDE_SCRIPTS = frozenset(("han", "kana", "hangul"))


def _clash(left: str, right: str) -> float:
    known = _CLASHES.get(frozenset((left, right)))
    if known is not None:
        return known
    if left in _LETTERS and right in _LETTERS:
        return SCRIPTS_IN_ONE_WORD
    if (left in _LETTERS and right in _WIDE_SCRIPTS) or (right in _LETTERS and left in _WIDE_SCRIPTS):
        return _CLASHES[frozenset(("latin", "han"))]
    return 0.0


#: Words are mostly plain letters: "òò" or "ųųŤB" is not a word.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")


def _accent_heavy(text: str) -> int:
    """Accented letters in words where they are at least half of the letters."""
    total = 0
    for match in _LATIN_WORD.finditer(text):
        accented = sum(ch > "\x7f" for ch in match.group())
        if accented * 2 >= len(match.group()) and accented > 1:
            total += accented
    return total


#: Chinese and Japanese do not put spaces between ideographs; Korean read as
#: GBK or Big5 does.
SPACED_IDEOGRAPHS = 1.5
_SPACED_IDEOGRAPHS = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


#: ASCII symbols that prose does not glue to an ideograph, kana or hangul
#: ("歎~"), but that UTF-8 read as Shift_JIS leaves there as trail bytes:
#: those of the trail bytes' range 0x40-0x7E (``=`` in ``--mode=模式`` is none).
GLUED_SYMBOL = 2.5
_WIDE = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_TRAIL_SYMBOLS = re.escape("".join(ch for ch in map(chr, range(0x40, 0x7F)) if not ch.isalnum()))
_GLUED_SYMBOL = re.compile(f"[{_WIDE}][{_TRAIL_SYMBOLS}]|[{_TRAIL_SYMBOLS}][{_WIDE}]")


#: A single hangul syllable or kana (half-width too) glued to Latin letters ("est찼"), as
#: UTF-8 accented letters read as EUC-KR or Shift_JIS become.
_SYLLABLES = "\uac00-\ud7a3\u3040-\u30ff\uff61-\uff9f"
_SYLLABLE_IN_WORD = re.compile(
    f"(?<=[A-Za-z])[{_SYLLABLES}](?![{_SYLLABLES}])|(?<![{_SYLLABLES}A-Za-z])[{_SYLLABLES}](?=[A-Za-z])"
)

#: Three or more Latin-1 letters and signs in a row ("¾Ùºõ"), or two making a
#: word of their own ("¾Õ"), are what legacy CJK bytes read as latin-1 look
#: like; European words mix them with ASCII.
LATIN1_SOUP = 1.5
_LATIN1_SOUP = re.compile("[\u00a1-\u00ff]{3,}|(?<![\\w\u00a1-\u00ff])[\u00a1-\u00ff]{2}(?![\\w\u00a1-\u00ff])")

#: 锟斤拷 is what U+FFFD, written as UTF-8, looks like read as GBK: the most
#: famous mojibake there is, and never text anybody meant. 烫烫 and 屯屯 are
#: the bytes 0xCC and 0xCD, with which debug builds fill uninitialised
#: memory, read as GBK: not text either, though nothing can be recovered.
KNOWN_IDIOM = 20.0
_KNOWN_IDIOM = re.compile("锟斤拷|烫烫烫|屯屯屯")

#: A combining mark belongs after a letter of its script; one that follows a
#: space, punctuation or an ideograph (a Kannada vowel sign before a Canadian
#: syllable) is what decoding the wrong bytes as UTF-8 makes.
ORPHAN_MARK = 6.0
_ORPHAN_MARK = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{M}|(?<=\p{Han})\p{M}")

#: A letter of an alphabet or abugida from U+0900 up (Indic, Ethiopic,
#: Cherokee, Canadian syllabics, Yi…) standing alone: those scripts write
#: words, and one letter among ideographs is a wrong decode's accident.
LONE_RARE_LETTER = 6.0
_RARE = "\u0900-\u10ff\u1200-\u1dff\ua000-\uabff"
_LONE_RARE_LETTER = re.compile(f"(?<![{_RARE}])[{_RARE}](?![{_RARE}])")

#: A bullet is followed by a space, never glued to what follows ("•u").
GLUED_BULLET = 4.0
_GLUED_BULLET = re.compile(r"•(?=\S)")


#: Two letters from U+0100 up side by side that no language writes (``ЪЪ``,
#: ``κΡ``; :func:`charstats.letter_pair_written`): each letter may be
#: ordinary, the pair is a wrong decode's. (Latin-1's letters have a rule of
#: their own, :data:`LATIN1_SOUP`.)
UNWRITTEN_LETTER_PAIR = 3.0
_LETTER_PAIR = re.compile("(?=([^\\W\\d_\x00-\xff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\uffff]{2}))")


def _unwritten_pairs(text: str) -> int:
    return sum(not charstats.letter_pair_written(pair) for pair in _LETTER_PAIR.findall(text))


def cost(text: str) -> float:
    """Total cost of ``text``: its characters in the language that suits them
    best, plus how its neighbouring characters fit together."""
    return language_cost(text) + structure_cost(text)


def language_cost(text: str, languages: tuple[str, ...] = LANGUAGES, left: str = "", right: str = "") -> float:
    """Sum of character costs in the one of ``languages`` that makes ``text`` cheapest.

    ``left`` and ``right`` are its neighbours: a word that spans the edge
    (线 + 路) makes the text cheaper, but their own costs are not counted.
    """
    if not text:
        return 0.0
    totals = _totals(text)
    for index, lang in _BIGRAM_LANGUAGES:
        if lang in languages:
            totals[index] -= _bigram_discount(left[-1:] + text + right[:1], index)
    return min(totals[LANGUAGES.index(lang)] for lang in languages) - _letter_pair_discount(left[-1:] + text + right[:1])


def _letter_pair_discount(text: str) -> float:
    """How much cheaper ``text`` is for its pairs of non-ASCII letters that
    languages write (``по``, ``εί``), in any of :data:`LANGUAGES` alike: the
    second letter costs what the pair's statistics say, on the scale of the
    in-word pairs of CJK (:func:`_pair_discount_in`)."""
    if text.isascii():
        return 0.0
    return sum(map(_LETTER_PAIR_DISCOUNTS.__getitem__, _LETTER_PAIR.findall(text)))


def _letter_pair_discount_of(pair: str, _index: int = 0) -> float:
    bits = charstats.letter_pair_cost(pair)
    return 0.0 if bits is None else max(0.0, char_cost(pair[1]) - (0.4 * bits + 0.5))


_LETTER_PAIR_DISCOUNTS = _FilledIn(0, _letter_pair_discount_of)


#: Each occurrence of a pattern that mojibake makes and prose does not, with its cost.
_MISFITS = (
    (SPACED_IDEOGRAPHS, _SPACED_IDEOGRAPHS),
    (GLUED_SYMBOL, _GLUED_SYMBOL),
    (GLUED_BULLET, _GLUED_BULLET),
    (ORPHAN_MARK, _ORPHAN_MARK),
    (LONE_RARE_LETTER, _LONE_RARE_LETTER),
    (KNOWN_IDIOM, _KNOWN_IDIOM),
    (IDEOGRAPH_INSIDE_WORD, _SYLLABLE_IN_WORD),
)


def structure_cost(text: str) -> float:
    """How the characters of ``text`` fit together: script clashes between
    neighbours, accent-heavy words, Latin-1 soup, the misfits above, and
    ideographs or hangul syllables standing alone among (or glued to) Latin letters."""
    scripts = [script_of(ch) for ch in text]
    total = 0.0
    for left, right in zip(scripts, scripts[1:]):
        if left != right:
            total += _clash(left, right)
    if text.isascii():
        return total
    total += 2.0 * _accent_heavy(text)
    total += LATIN1_SOUP * sum(len(m.group()) for m in _LATIN1_SOUP.finditer(text))
    total += UNWRITTEN_LETTER_PAIR * _unwritten_pairs(text)
    total += sum(weight * len(pattern.findall(text)) for weight, pattern in _MISFITS)
    # Digits sit beside ideographs (3月, 2025年, a word list's counts) as
    # often as beside Latin words: they do not make an ideograph stand alone.
    words = [("neutral" if ch.isdigit() else script) for ch, script in zip(text, scripts)] if _ISOLATED.search(text) else scripts
    for match in _ISOLATED.finditer(text):
        start, end = match.span()
        if _LETTERS.intersection((_neighbour(words, start - 1, -1), _neighbour(words, end, 1))):
            total += sum(
                ISOLATED_RARE_IDEOGRAPH if char_cost(ch) >= 5.0 else ISOLATED_IDEOGRAPH for ch in match.group()
            )
        if end - start == 1 and "latin" in scripts[max(start - 1, 0) : start] + scripts[end : end + 1]:
            total += IDEOGRAPH_INSIDE_WORD
    for match in _LONE_SYLLABLE.finditer(text):
        left = _ASCII_WORD_END.search(text, 0, match.start())
        right = _ASCII_WORD_START.match(text, match.end())
        if left and right:
            total += LONE_SYLLABLE
    return total


#: A one-syllable hangul word between English or European words ("irons 횪 la"):
#: Korean quoted in Western prose comes in words of several syllables.
LONE_SYLLABLE = 3.0
_LONE_SYLLABLE = re.compile(f"(?<![{_SYLLABLES}])[{_SYLLABLES}](?![{_SYLLABLES}])")
_ASCII_WORD_END = re.compile(r"[A-Za-z][^\w]*\Z")
_ASCII_WORD_START = re.compile(r"[^\w]*[A-Za-z]")


def _neighbour(scripts: list[str], i: int, step: int) -> str:
    """The first script other than "neutral" from ``i`` outwards."""
    while 0 <= i < len(scripts) and scripts[i] == "neutral":
        i += step
    return scripts[i] if 0 <= i < len(scripts) else "neutral"


#: The scripts :func:`introduces_script` tells apart (Unicode's Script
#: property, through :mod:`regex`); kana are one, as Japanese writes both.
_SCRIPTS = (
    "Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Syriac", "Thaana", "Nko", "Devanagari",
    "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Thai",
    "Lao", "Tibetan", "Myanmar", "Georgian", "Hangul", "Ethiopic", "Cherokee", "Canadian_Aboriginal", "Ogham",
    "Runic", "Khmer", "Mongolian", "Hiragana Katakana", "Bopomofo", "Han", "Yi", "Coptic", "Tifinagh",
)  # fmt: skip
_SCRIPT_LETTERS = {
    name: regex.compile("[" + "".join(f"\\p{{sc={part}}}" for part in name.split()) + "]") for name in _SCRIPTS
}


#: Scripts where one character can be a word of its own: for them the rule
#: of :func:`introduces_script` says nothing (None: letters of no listed script).
_WORD_PER_CHARACTER = frozenset((None, "Han", "Hiragana Katakana", "Hangul", "Yi"))


@lru_cache(maxsize=4096)
def letter_script(ch: str) -> str | None:
    """The script of a letter, by name in :data:`_SCRIPTS` (None for others)."""
    return next((name for name, letters in _SCRIPT_LETTERS.items() if letters.match(ch)), None)


def introduces_script(observed: str, candidate: str, context: str) -> bool:
    """Would ``candidate`` bring in a script that neither the span nor its
    context needs?

    A repair may write letters of an alphabet the text around it does not use
    only by writing a word of it, two letters or more in a row (``Привет``
    for ``袩褉懈胁械褌``); a lone letter of a script foreign to its context
    (``ѡ`` for ``选`` in Chinese, ``ô`` for ``么`` after a digit) is what a
    chance reading of clean text looks like, and no scoring needs to weigh it.
    """
    # ASCII letters are left out: a repair does not write them, it finds them
    # among the bytes it decodes (the "A" of "’A", once a trail byte of 橝).
    for script in {letter_script(ch) for ch in candidate if ch.isalpha() and not ch.isascii()} - _WORD_PER_CHARACTER:
        letters = _SCRIPT_LETTERS[script]
        if letters.search(observed) or letters.search(context):
            continue
        if not any(map(_a_word, _runs_of(candidate, script))):
            return True
    return False


def _a_word(run: str) -> bool:
    """Two letters or more, each pair of them written by some language (not ``ԴԿ``)."""
    return len(run) >= 2 and not _unwritten_pairs(run)


def _runs_of(text: str, script: str) -> list[str]:
    """The maximal runs of ``text``'s letters (and their marks) of one script."""
    runs, current = [], []
    for ch in text:
        if ch.isalpha() and letter_script(ch) == script:
            current.append(ch)
        elif current and unicodedata.category(ch)[0] != "M":
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


#: What believing "this span was damaged" costs before any evidence.
CHANNEL_PRIOR = 4.0


#: What each decoded UTF-8 sequence of 2, 3 or 4 bytes is worth as evidence:
#: real text only rarely re-encodes into valid multibyte UTF-8 by chance, and
#: the longer the sequence, the rarer the accident.
_UTF8_EVIDENCE = {1: 0.0, 2: 0.5, 3: 3.0, 4: 4.0}


def utf8_evidence(candidate: str, skip: tuple[int, ...] = ()) -> float:
    """Evidence for a repair from the multibyte UTF-8 sequences it decoded (``skip``: inferred ones)."""
    return sum(
        _UTF8_EVIDENCE[len(ch.encode("utf-8", "surrogatepass"))]
        for i, ch in enumerate(candidate)
        if ord(ch) >= 0x80 and i not in skip
    )


#: The prior of UTF-8 damage through a codec once a certain repair in the
#: same document went through it (:func:`shown`).
SHOWN_CODEC_PRIOR = -2.0


def fits_better(observed: str, candidate: str, left: str, right: str) -> bool:
    """Does ``candidate`` sit better among its neighbours than ``observed`` (fewer clashes)?"""
    return structure_cost(left + candidate + right) < structure_cost(left + observed + right)


def repair_gain(
    observed: str,
    candidate: str,
    left: str = "",
    right: str = "",
    prior: float = CHANNEL_PRIOR,
    languages: tuple[str, ...] = LANGUAGES,
) -> float:
    """How much cheaper ``candidate`` is than ``observed`` in the same context, minus the prior.

    The context only counts for how the span fits its neighbours; the language
    is chosen for the span alone, since the context may be damaged too.
    ``languages`` are those the candidate may be written in (text decoded as
    EUC-KR is Korean).
    """
    after = language_cost(candidate, languages, left, right) + structure_cost(left + candidate + right)
    return _cost_as_it_stands(observed, left, right) - after - prior


def gain_at_most(observed: str, left: str = "", right: str = "", prior: float = CHANNEL_PRIOR) -> float:
    """A bound on :func:`repair_gain` for any candidate, from the observed
    span alone: a repair cannot cost less than nothing, except that an
    in-word pair reaching into ``right`` may take up to that character's cost
    off it. A span that costs little as it stands needs no candidate scored."""
    reach = max(char_costs(right[0])) if right and right[0] >= "\u4e00" else 0.0
    return _cost_as_it_stands(observed, left, right) - prior + reach


@lru_cache(maxsize=4)
def _cost_as_it_stands(observed: str, left: str, right: str) -> float:
    """The observed span's cost in context: the same for every candidate
    repair of it, which are judged one after another. (A few entries only:
    a span can be a whole chunk of text.)"""
    return language_cost(observed, LANGUAGES, left, right) + structure_cost(left + observed + right)


def confidence(gain: float) -> float:
    """Map a cost gain to [0, 1): zero gain is no confidence, large gains approach 1."""
    if gain <= 0:
        return 0.0
    return round(1.0 - 0.5 ** (gain / 4.0), 4)


#: How confident one repair must be, on its own, to show that the document
#: went through its channel. Several weak repairs never add up to this: clean
#: CJK text offers dozens of chance readings, each weak, and adding up their
#: doubts once made a long clean document "show" a channel and then lose
#: characters to it.
CERTAIN = 0.9


def shown(steps, key) -> frozenset:
    """The ``key(step)`` values of which at least one step is certain on its own
    (confidence at least :data:`CERTAIN`): document-level evidence comes only
    from repairs that need no help from the rest of the document."""
    return frozenset(key(step) for step in steps if step.confidence >= CERTAIN)
