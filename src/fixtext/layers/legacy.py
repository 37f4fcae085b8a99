"""Legacy layer: text in a legacy encoding that was decoded with another one.

Four kinds of damage, all undone the same way (encode the span with the
codec it was wrongly read as, decode it with the one it was written in):

* legacy CJK bytes read as latin-1 or cp1252: ``ÖÐÎÄ`` is GBK ``中文``;
* an alphabet's legacy code page read the same way: ``Ïðèâåò`` is cp1251
  ``Привет`` (KOI8-R/U, Greek, Hebrew and Arabic code pages too);
* Western cp1252 bytes read as a CJK codec: ``Mod鑜es`` is ``Modèles``;
* one CJK codec read as another: GBK read as Big5 and back, Shift_JIS or
  EUC-KR read as GBK. Both readings are CJK characters, so these are judged
  a whole line at a time, by character statistics (Simplified and
  Traditional Chinese), kana and hangul against gibberish hanzi.

Only strict decodes are repaired here: where the wrong reading lost bytes,
the original cannot be checked, and the text is left as it is.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import compress, repeat
from typing import NamedTuple

import ftfy  # also registers the sloppy-windows-1252 codec
import regex

from .. import census, score
from ..affixes import changed_span
from ..codecdata import CODEC_LANGUAGES
from ..config import Config
from ..matches import Matches, splitting
from ..model import ErrorMode, Step
from ..utf8 import is_utf8

LAYER = "legacy"

# What cp1252 makes of 0x80-0x9F, beside latin-1's 0xA0-0xFF.
_CP1252_HIGH = "".join(sorted(set(bytes(range(0x80, 0xA0)).decode("sloppy-windows-1252")))) + "".join(
    chr(c) for c in range(0xA0, 0x100)
)
_SINGLE_BYTE_HIGH = re.escape(_CP1252_HIGH + "".join(chr(c) for c in range(0x80, 0xA0)))

#: Legacy CJK read as a single-byte codec: high characters, each possibly
#: followed by the ASCII trail byte of a double-byte character.
#: (Spelled with a leading character class, which lets the regex engine skip
#: ahead at C speed: the same language as ``(?:[high][\x40-\x7e]?){2,}``.)
_SINGLE_BYTE_SPAN = re.compile(f"[{_SINGLE_BYTE_HIGH}][\\x40-\\x7e]?(?:[{_SINGLE_BYTE_HIGH}][\\x40-\\x7e]?)+")
#: The same, for text whose characters are spaced apart (``¬O ¥Î``: 是 用),
#: one double-byte character between spaces: each alone is too short to
#: judge, the passage is not.
_PAIR = f"[{_SINGLE_BYTE_HIGH}][\\x40-\\x7e{_SINGLE_BYTE_HIGH}]"
_SPACED_SINGLE_BYTE_SPAN = re.compile(  # the look-behind comes second, so the engine can skip ahead
    f"[{_SINGLE_BYTE_HIGH}](?<![{_SINGLE_BYTE_HIGH}]{{2}})[\\x40-\\x7e{_SINGLE_BYTE_HIGH}]"
    f"(?: {_PAIR})+(?![\\x40-\\x7e{_SINGLE_BYTE_HIGH}])"
)
#: An alphabet's legacy bytes read as a single-byte codec: a passage of high
#: characters and the ASCII between them that is no letter (spaces,
#: punctuation, digits: these encodings keep ASCII as it is), a whole word at
#: each end. Judged at once, so that one-letter words (``è`` for ``и``) are
#: read with their sentence. The two classes are disjoint, so the search is
#: linear.
_BETWEEN_WORDS = "\\x00-\\x09\\x0b-\\x40\\x5b-\\x60\\x7b-\\x7f"
_ALPHABET_SPAN = re.compile(
    f"(?<![A-Za-z])[{_SINGLE_BYTE_HIGH}](?:[{_BETWEEN_WORDS}]*[{_SINGLE_BYTE_HIGH}])*(?![A-Za-z])"
)
#: Two high characters together. A passage without them is punctuation and
#: one-letter words (``« à »``): a single letter's rereading can never pay
#: for a prior, so such passages are not worth a search.
_HIGH_PAIR = re.compile(f"[{_SINGLE_BYTE_HIGH}]{{2}}")


def _alphabet_spans(text: str) -> Iterator[tuple[int, int]]:
    return (match.span() for match in _ALPHABET_SPAN.finditer(text) if _HIGH_PAIR.search(match.group()))


#: Western text read as a CJK codec: runs of CJK characters (the accented
#: letter and its neighbour became one of them), never punctuation, glued to
#: the rest of their word: a strict decoder cannot pair an accented letter
#: with a space or punctuation, so the run always touches an ASCII letter.
#: Or the run is a short word of its own holding the letter's ASCII
#: neighbour itself: a character whose second byte is an ASCII letter
#: (``莂`` is C7 61, ``Ça``).
_CJK_RUN = "[\u2e80-\ud7ff\uf900-\ufaff\uff00-\uffef]+"


def _letter_trailed(codecs: tuple[str, ...]) -> str:
    """The characters ``codecs`` decode from a high byte followed by an ASCII letter."""
    letters = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
    pairs = b"\n".join(bytes((lead, trail)) for lead in range(0x81, 0xFF) for trail in letters)
    found = set().union(*(pairs.decode(codec, "replace") for codec in codecs))
    return "".join(sorted(ch for ch in found if "\u2e80" <= ch <= "\uffef"))


_LETTER_TRAILED_CHARS = _letter_trailed(("gbk", "big5", "shift_jis", "euc_kr"))
_LETTER_TRAILED = re.escape(_LETTER_TRAILED_CHARS)
_CJK_CHAR = _CJK_RUN[:-1]
#: Such runs, whole: glued to an ASCII letter before or after, or one or two
#: characters on their own, the first letter-trailed. Every alternative
#: starts at a run's first character (the look-behind rejects any other at
#: once) and reads the run a fixed number of times (the second backs off
#: through it once when no letter follows), so a long run of real CJK text
#: costs a few passes, never one per character.
_WESTERN_RUN = re.compile(
    f"{_CJK_CHAR}(?<!{_CJK_CHAR}{_CJK_CHAR})"
    f"(?:(?<=[A-Za-z]{_CJK_CHAR}){_CJK_CHAR}*|{_CJK_CHAR}*(?=[A-Za-z])|(?<=[{_LETTER_TRAILED}]){_CJK_CHAR}?(?!{_CJK_CHAR}))"
)
_ANY_LETTER_TRAILED = re.compile(f"[{_LETTER_TRAILED}]")

# The same runs found from the letters' side, for text with more CJK than
# ASCII letters: _WESTERN_RUN visits every CJK character, these patterns
# start at the rarer characters (an ASCII letter, a letter-trailed one)
# and skip to them at C speed.
_LETTER_BEFORE_RUN = re.compile(f"[A-Za-z](?={_CJK_CHAR})")
_LETTER_AFTER_RUN = re.compile(f"[A-Za-z](?<={_CJK_CHAR}[A-Za-z])")
_RUN_START = re.escape("".join(ch for ch in _LETTER_TRAILED_CHARS if re.fullmatch(_CJK_CHAR, ch)))
_SHORT_LETTER_TRAILED_RUN = re.compile(f"[{_RUN_START}](?<!{_CJK_CHAR}[{_RUN_START}]){_CJK_CHAR}?(?!{_CJK_CHAR})")
_RUN_FROM = re.compile(_CJK_RUN)
_RUN_UP_TO = regex.compile(f"(?r){_CJK_RUN}")  # matched backwards from where it ends


def _western_spans(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`_WESTERN_RUN` in ``text``, searched from whichever side is rarer."""
    if census.of(text).mostly_wide():  # an estimate; either way finds the same spans
        return _western_spans_by_letters(text)
    return [match.span() for match in _WESTERN_RUN.finditer(text)]


def _western_spans_by_letters(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`_WESTERN_RUN`: runs an ASCII letter comes before or
    after, and short runs starting with a letter-trailed character."""
    found = {(at, _RUN_FROM.match(text, at).end()) for at in map(re.Match.end, _LETTER_BEFORE_RUN.finditer(text))}
    found.update((_RUN_UP_TO.match(text, 0, at).start(), at) for at in map(re.Match.start, _LETTER_AFTER_RUN.finditer(text)))
    found.update(map(re.Match.span, _SHORT_LETTER_TRAILED_RUN.finditer(text)))
    return sorted(found)


#: One CJK codec read as another: a line from its first non-ASCII character
#: to its last, ASCII included, so that the whole passage is judged at once
#: (a clause of gibberish can look like a few real words). A U+FFFD ends the
#: stretch: bytes were lost there, and the rest is judged on its own.
_CJK_LINE = re.compile("[^\\x00-\\x7f\ufffd](?:[^\n\ufffd]*[^\\x00-\\x7f\ufffd])?")
_SPLIT_BY_CJK_LINES = splitting(_CJK_LINE)
_WIDE = census.CJK

LEGACY_CJK = ("gbk", "big5", "shift_jis", "euc_jp", "euc_kr")
SINGLE_BYTE = ("latin-1", "sloppy-windows-1252")
#: Single-byte encodings of alphabets that put every letter in the high half:
#: read as latin-1 or cp1252, a word becomes a word of accented Latin letters
#: (``Ïðèâåò`` is cp1251 ``Привет``, ``ðÒÉ×ÅÔ`` KOI8-R, ``ÃåéÜ`` Greek).
LEGACY_ALPHABETS = ("windows-1251", "koi8_r", "koi8_u", "iso8859_7", "windows-1253", "windows-1255", "windows-1256")


class Misreading(NamedTuple):
    """Bytes written in ``source`` and decoded as ``via``.

    (A named tuple, not a dataclass: it keys the rereading cache, and a
    tuple hashes at C speed.)
    """

    source: str
    via: str


_SINGLE_BYTE_MISREADINGS = tuple(Misreading(source, via) for source in LEGACY_CJK for via in SINGLE_BYTE)
_ALPHABET_MISREADINGS = tuple(Misreading(source, via) for source in LEGACY_ALPHABETS for via in SINGLE_BYTE)

_CROSS_CJK = tuple(
    Misreading(source, via) for source, via in (("gbk", "big5"), ("big5", "gbk"), ("shift_jis", "gbk"), ("euc_kr", "gbk"))
)

class SpanKind(NamedTuple):
    """Where one kind of damage can be found, and the misreadings that make it."""

    find: Callable[[str], Iterable[tuple[int, int]]]
    misreadings: tuple[Misreading, ...]
    #: Whether the text may hold this kind at all, asked of its census first:
    #: the searches cost a scan of the text each, the census a few per cent.
    may_hold: Callable[[census.Census], bool]


def _matches(pattern: re.Pattern[str]) -> Callable[[str], Iterator[tuple[int, int]]]:
    return lambda text: (match.span() for match in pattern.finditer(text))


def _holds_cjk(found: census.Census) -> bool:
    return found.cjk


def _may_hold_western(found: census.Census) -> bool:
    """Could :data:`_WESTERN_RUN` find anything: CJK beside an ASCII letter, or a letter-trailed character?

    (The shape's ``H`` is also cp1252 punctuation, so ``’s`` looks like CJK
    beside a letter there: the text must hold CJK as well.)
    """
    if not _holds_cjk(found):
        return False
    return found.may_hold_wide_by_letter() or _ANY_LETTER_TRAILED.search(found.non_ascii) is not None


_single_byte_pairs = census.Census.may_hold_single_byte_pairs

#: The kinds of span, and the misreadings each may come from.
SPAN_KINDS = (
    # An alphabet's passage may as well be CJK read the same way (``ÖÐÎÄ ÖÐÎÄ``):
    # both kinds of rereading compete for it.
    SpanKind(_alphabet_spans, _ALPHABET_MISREADINGS + _SINGLE_BYTE_MISREADINGS, _single_byte_pairs),
    SpanKind(_matches(_SINGLE_BYTE_SPAN), _SINGLE_BYTE_MISREADINGS, _single_byte_pairs),
    SpanKind(_matches(_SPACED_SINGLE_BYTE_SPAN), _SINGLE_BYTE_MISREADINGS, _single_byte_pairs),
    SpanKind(
        _western_spans,
        tuple(Misreading("windows-1252", via) for via in ("gbk", "big5", "shift_jis", "euc_kr")),
        _may_hold_western,
    ),
    # One CJK codec read as another: whole lines, found and narrowed to those
    # worth rereading all at once (see _cross_cjk_spans), not span by span.
)

_EVERY = tuple(dict.fromkeys([*(m for kind in SPAN_KINDS for m in kind.misreadings), *_CROSS_CJK]))


def _reread_all(span: str, misreadings: tuple[Misreading, ...]) -> tuple[tuple[Misreading, str], ...]:
    """Each of ``misreadings`` that rereads ``span`` plausibly, with its rereading
    (:func:`_reread_span`); usually none.

    Short spans recur (the same word, the same label) and are remembered,
    with every misreading at once; long ones (a whole line) are not, so
    memory stays bounded.
    """
    if len(span) <= _CACHED_SPAN:
        return _reread_all_cached(span, misreadings)
    return _reread_each(span, misreadings)


_CACHED_SPAN = 64


@lru_cache(maxsize=4096)
def _reread_all_cached(span: str, misreadings: tuple[Misreading, ...]) -> tuple[tuple[Misreading, str], ...]:
    return _reread_each(span, misreadings)


def _reread_each(span: str, misreadings: tuple[Misreading, ...]) -> tuple[tuple[Misreading, str], ...]:
    rereadings = ((misreading, _reread_span(span, misreading)) for misreading in misreadings)
    return tuple((misreading, candidate) for misreading, candidate in rereadings if candidate is not None)


def _reread_span(span: str, misreading: Misreading) -> str | None:
    if "\ufffd" in span:
        return None  # a lost byte: the original cannot be checked
    try:
        data = span.encode(misreading.via)
        candidate = data.decode(misreading.source)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None  # the usual answer for a clean line, found by the codecs alone
    if misreading in _CROSS_CJK and _not_worth_rereading(span):
        return None
    if misreading.via in SINGLE_BYTE and is_utf8(data) and score.cost(data.decode("utf-8")) <= score.cost(candidate):
        return None  # UTF-8 read as a single-byte codec, more plausibly: the single-byte layer's case
    return _plausible(span, candidate, misreading)


def _plausible(span: str, candidate: str, misreading: Misreading) -> str | None:
    """The rereading, if it is a change and reads as the source codec's kind of text."""
    if misreading.source in LEGACY_ALPHABETS:
        if not _mostly_one_alphabet(candidate):
            return None
    elif misreading.source != "windows-1252" and not (_mostly_cjk(candidate, misreading) and _fluent(candidate, misreading)):
        return None
    return candidate if candidate != span else None


#: Legacy bytes shown as latin-1 or cp1252 are reread a byte or two per
#: character: a span of fewer distinct high characters than this (``åååå``
#: and ``ÅÅÅÅ``, a date format's year, once ``탤탤`` through EUC-KR; ``ÃÃÃÃ``,
#: once ``妹妹``) says nothing about which code page wrote it, and is reread
#: only in a document that has shown the misreading elsewhere.
MIN_DISTINCT_LETTERS = 3


_THROUGH_SINGLE_BYTE = frozenset(_ALPHABET_MISREADINGS + _SINGLE_BYTE_MISREADINGS)


def _worth_trying(span: str, misreadings: tuple[Misreading, ...], lowered: Mapping | None) -> tuple[Misreading, ...]:
    """``misreadings`` less those through a single-byte codec that ``span`` has
    too few letters to show (:data:`MIN_DISTINCT_LETTERS`), unless the
    document has shown them. Spans of other kinds (whole CJK lines) are not
    scanned for it."""
    if _THROUGH_SINGLE_BYTE.isdisjoint(misreadings) or not _few_letters(span):
        return misreadings
    return tuple(m for m in misreadings if m not in _THROUGH_SINGLE_BYTE or m in (lowered or {}))


def _few_letters(span: str) -> bool:
    """Fewer than :data:`MIN_DISTINCT_LETTERS` distinct high characters, all
    letters? (``Ò»Ò»``, a letter and a sign in turn, is no Western word:
    that is GBK ``一一``.)"""
    high = set(_ASCII.sub("", span))
    return len(high) < MIN_DISTINCT_LETTERS and all(map(str.isalpha, high))


def _mostly_one_alphabet(text: str) -> bool:
    """Are most of ``text``'s non-ASCII characters letters of one script other
    than Latin, with no control or format characters? (What an alphabet's
    legacy encoding, reread, gives; a reading through the wrong one of them
    gives Latin letters and symbols left over, or a mix, or cp1255's
    direction marks between Hebrew letters where Icelandic ``ýþ`` stood.)"""
    if _CONTROL.search(text) or _FORMAT.search(text):
        return False
    wide = _ASCII.sub("", text)
    scripts = Counter(map(score.letter_script, wide))
    script, count = scripts.most_common(1)[0] if scripts else (None, 0)
    return script not in (None, "Latin") and count * 4 >= len(wide) * 3


def _decoded_together(spans: list[str]) -> dict[int, dict[Misreading, str]]:
    """What each CJK-to-CJK misreading decodes the spans to where their bytes
    fit, by the span's index, leaving out spans ruled out before any codec
    (:func:`_worth_asking`), spans no codec fits and spans one bound shows
    too fluent to reread (:func:`_surely_fluent`): the codec step of
    :func:`_reread_span`, and most of its fluency step, for all spans at once.

    Joined by newlines, the spans encode and decode as one string while each
    span's bytes stay apart: they hold no newline, no byte of a multibyte
    character in these codecs is one, and a lead byte left dangling before
    one decodes to U+FFFD and leaves the newline. A character the codec
    cannot encode becomes ``?``, so a span fits where its ``?`` are its own
    and its decoding has no U+FFFD (the spans hold none).
    """
    considered = _worth_asking(spans)
    joined = "\n".join([spans[i] for i in considered])
    own_marks = [spans[i].count("?") for i in considered]
    encodings = {}  # three misreadings share one wrong decoder (GBK): encode once for them
    for via in dict.fromkeys(misreading.via for misreading in _CROSS_CJK):
        pieces = joined.encode(via, "replace").split(b"\n")
        encodings[via] = pieces, list(map(operator.eq, map(bytes.count, pieces, repeat(b"?")), own_marks))
    decodings = []  # each misreading with the spans it fits, by index, decoded
    for misreading in _CROSS_CJK:
        pieces, whole = encodings[misreading.via]
        # Only the spans the wrong decoder could have written are decoded (few, for Chinese through Big5).
        encoded = compress(considered, whole)
        decoded = b"\n".join(compress(pieces, whole)).decode(misreading.source, "replace").split("\n")
        lossless = map(operator.not_, map(str.__contains__, decoded, repeat("\ufffd")))
        decodings.append((misreading, dict(compress(zip(encoded, decoded), lossless))))
    # Fluency last, where some codec fitted.
    fitting = sorted(set().union(*(fits for _, fits in decodings)))
    worth = compress(fitting, map(operator.not_, _surely_fluent([spans[i] for i in fitting])))
    return {i: {m: fits[i] for m, fits in decodings if i in fits} for i in worth}


def _worth_asking(spans: list[str]) -> list[int]:
    """The indexes of the spans a codec could show to be one CJK codec read as
    another: those with a CJK character (:func:`_not_worth_rereading` asks
    that first) and without hangul (no wrong decoder writes it)."""
    considered: Iterable[int] = range(len(spans))
    if _HANGUL.search("".join(spans)):  # one scan, and only Korean pays for this filter
        considered = compress(considered, map(operator.not_, map(_HANGUL.search, spans)))
    considered = list(considered)
    return list(compress(considered, map(_WIDE.search, map(spans.__getitem__, considered))))


#: Hangul, which neither wrong decoder (GBK, Big5) can have written.
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
#: Any CJK character (:data:`_WIDE`) but hangul.
_CJK_BUT_HANGUL = re.compile("[\u2e80-\u312f\u3190-\uabff\ud7a4-\ud7ff\uf900-\ufaff\uff00-\uffef]")

#: This layer's damage holds one of these characters (a regex class body),
#: unless its census shape already says it may (:func:`may_hold_by_shape`):
#: CJK other than hangul. One CJK codec read as another needs it, and so does
#: a Western word read as CJK that touches no ASCII letter (a short run
#: starting with a letter-trailed character, which no codec makes hangul).
DAMAGE_CHARS = _CJK_BUT_HANGUL.pattern[1:-1]


def may_hold_by_shape(found: census.Census) -> bool:
    """Could the text hold this layer's damage by its shape alone: two
    high-byte characters together (legacy CJK read as latin-1 or cp1252), or
    CJK beside an ASCII letter (Western text read as CJK)?"""
    return found.may_hold_single_byte_pairs() or (found.cjk and found.may_hold_wide_by_letter())


def _surely_fluent(spans: list[str]) -> list[bool]:
    """Which spans :func:`_not_worth_rereading` would call too fluent, as far
    as one bound for all of them shows (the rest are asked one by one)."""
    if not spans:
        return []
    wide = _ASCII_BUT_NEWLINE.sub("", "\n".join(spans)).split("\n")  # one pass: the spans hold no newline
    limits = map(operator.mul, map(len, wide), repeat(PROSE - 1e-9))  # a tie is left to the exact test
    return list(map(operator.le, score.cost_sums(wide), limits))


#: Between two CJK readings, a passage of fewer distinct characters than this
#: (``蔫蔫 蔫蔫``, a label) carries too little evidence either way.
MIN_DISTINCT = 4
_ASCII_CHARS = frozenset(map(chr, range(128)))

#: Real CJK prose costs at most about this much a character on average, by
#: its characters alone (Simplified Chinese paragraphs of the accuracy corpus:
#: median 3.5, 90th percentile 3.8); the gibberish one CJK codec makes of
#: another costs from 3.8 to 7. A passage this fluent is not reread as
#: another CJK codec.
PROSE = 3.7


def _not_worth_rereading(span: str) -> bool:
    """Is ``span`` too short or already too fluent to be one CJK codec read as another?"""
    if not _WIDE.search(span) or len(set(span) - _ASCII_CHARS) < MIN_DISTINCT:
        return True  # a Western line with curly quotes ends here, at C speed
    return score.mean_char_cost(_ASCII.sub("", span)) <= PROSE


def _western(text: str) -> bool:
    """Does ``text`` (a rereading with a character of context each side) look like
    Western writing: Latin-1 letters inside words of plain letters, and
    typographic punctuation?"""
    return all(
        ch.isascii()
        or (ch in score.COMMON_PUNCTUATION and not _glued_quote(text, i))
        or (_LATIN1_LETTER.match(ch) and (text[i - 1 : i].isascii() or text[i + 1 : i + 2].isascii()))
        for i, ch in enumerate(text)
    ) and any(ch.isascii() and ch.isalpha() for ch in text)


def _around(text: str, start: int, end: int) -> str:
    """The context a span's scripts are judged in: :data:`_SCRIPT_CONTEXT` characters each side."""
    return text[max(start - _SCRIPT_CONTEXT, 0) : start] + text[end : end + _SCRIPT_CONTEXT]


def _line_around(text: str, start: int, end: int) -> str:
    """The rest of the span's line, each side (at most :data:`_SCRIPT_CONTEXT` characters)."""
    lo, hi = max(start - _SCRIPT_CONTEXT, 0), end + _SCRIPT_CONTEXT
    before, after = text.rfind("\n", lo, start), text.find("\n", end, hi)
    return text[before + 1 if before >= 0 else lo : start] + text[end : after if after >= 0 else hi]


def _in_cjk_prose(text: str, start: int, end: int) -> bool:
    """Is the span's line, or the text around it, mostly CJK (:func:`_mostly_cjk_context`)?"""
    return _mostly_cjk_context(_line_around(text, start, end)) or _mostly_cjk_context(_around(text, start, end))


def _mostly_cjk_context(context: str) -> bool:
    """Is the text around a span Chinese or Japanese prose: more ideographs
    and kana than ASCII letters?

    Asked of the span's own line (:func:`_line_around`) and of the text
    around it (:func:`_around`), either being enough: a man page's Japanese
    sentence sits between lines of options that outnumber it in the wider
    window, and a Chinese fortune's line of package names (``down-extra与guessnet``)
    between lines of Chinese prose.

    A Western word read as a CJK codec sits among Western words; in Chinese
    and Japanese, which put no spaces between words, an ideograph beside an
    ASCII letter is ordinary writing. (Korean spaces its words: hangul does
    not count.)
    """
    return len(_CJK_BUT_HANGUL.findall(context)) > len(_ASCII_LETTER.findall(context))


#: Opening quotation marks begin a word, closing double ones end it: prose
#: glues neither to a letter on that side ("I‘S", "Y”N" are CJK read as cp1252).
_OPENING = frozenset("‘“„")
_CLOSING = frozenset("”")


def _glued_quote(text: str, i: int) -> bool:
    ch = text[i]
    return (ch in _OPENING and text[i - 1 : i].isalnum()) or (ch in _CLOSING and text[i + 1 : i + 2].isalnum())


_LATIN1_LETTER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")


def _mostly_cjk(text: str, misreading: Misreading) -> bool:
    """Is ``text`` the kind of text a CJK codec is for, with no control characters?

    Read through a single-byte codec, CJK text turns every character into
    non-ASCII ones, so most of the rereading must be CJK; between two CJK
    codecs ASCII stays itself and only the rest need be.
    """
    if _CONTROL.search(text):
        return False
    if misreading.via in LEGACY_CJK:
        text = _ASCII.sub("", text)
    return len(_FROM_CJK_BLOCKS.findall(text)) * 2 >= len(text)


_ASCII = re.compile("[\\x00-\\x7f]+")
_ASCII_BUT_NEWLINE = re.compile("[\\x00-\\x09\\x0b-\\x7f]+")
_CONTROL = re.compile("[\\x00-\\x1f\\x7f-\\x9f]")
_FORMAT = regex.compile(r"\p{Cf}")
_FROM_CJK_BLOCKS = re.compile("[\u2e80-\U0010ffff]")  # everything from the CJK radicals up


#: The most a character may cost, on average, in a rereading as legacy CJK
#: text: real text in the codec's language costs 3 to 4.5 a character; the
#: same bytes read through the wrong legacy codec are full of rare ones.
FLUENT = 5.0


def _fluent(candidate: str, misreading: Misreading) -> bool:
    """Are the rereading's non-ASCII characters, on average, ordinary in the codec's language?

    ASCII is left out: it is cheap, and a line of code or options with a few
    words of gibberish between would otherwise pass.
    """
    languages = CODEC_LANGUAGES.get(misreading.source, score.LANGUAGES)
    wide = _ASCII.sub("", candidate)
    return score.language_cost(wide, languages) <= FLUENT * len(wide)


#: Believing a span is a legacy misreading costs more than believing it is
#: UTF-8 damage: nothing as strict as UTF-8's structure vouches for it.
LEGACY_PRIOR = 8.0
#: Between two CJK codecs more still: both readings are CJK characters, and
#: short or repetitive clean text can read a little better the other way.
CROSS_PRIOR = 12.0


def _needed(start: int, end: int, config: Config) -> float:
    """The confidence a rereading of ``text[start:end]`` needs.

    One character is one piece of evidence, like a guessed character: alone
    ("Q値", a label) it must meet the bar for inferences; several in one
    document establish the misreading, and the lower prior lifts them over.
    """
    return max(config.min_confidence, config.min_inference if end - start == 1 else 0.0)


def _step(
    text: str,
    start: int,
    end: int,
    candidate: str,
    misreading: Misreading,
    config: Config,
    prior: float,
    needed: float | None = None,
) -> tuple[float, Step] | None:
    """The step rereading the span as ``candidate``, with its gain, if it is confident enough."""
    observed, left, right = text[start:end], text[max(start - 3, 0) : start], text[end : end + 3]
    if score.gain_at_most(observed, left, right, prior) < -1e-9:
        return None  # no rereading could pay for the prior: skip scoring this one
    languages = CODEC_LANGUAGES.get(misreading.source, score.LANGUAGES)
    gain = score.repair_gain(observed, candidate, left, right, prior, languages)
    confidence = score.confidence(gain)
    if gain <= 0 or confidence < (_needed(start, end, config) if needed is None else needed):
        return None
    return gain, Step(
        start=start,
        end=end,
        before=observed,
        after=candidate,
        layer=LAYER,
        chain=(misreading.source, misreading.via),
        errors=ErrorMode.STRICT,
        confidence=confidence,
        ops=(("encode", misreading.via), ("decode", misreading.source)),
    )


def _best(
    text: str,
    start: int,
    end: int,
    config: Config,
    misreadings: tuple[Misreading, ...],
    lowered: Mapping[tuple[str, str], float] | None = None,
    needed: float | None = None,
    decoded: Mapping[Misreading, str] | None = None,
) -> Step | None:
    """The most plausible rereading of one span, if any beats the span as it is.

    Each misreading is judged with :data:`LEGACY_PRIOR`, or with its entry in
    ``lowered`` once the document has shown it; ``needed`` overrides the
    confidence the rereading must reach (see :func:`_needed`); ``decoded``
    holds the span's decodings where they were made with other spans'
    (:func:`_decoded_together`).
    """
    best = None
    misreadings = _worth_trying(text[start:end], misreadings, lowered)
    for misreading, candidate in _rereadings(text[start:end], misreadings, decoded):
        if misreading.source == "windows-1252":
            window = text[start - 1 : start] + candidate + text[end : end + 1]
            if not _ASCII_LETTER.search(window) or not _western(window):  # the regex first: C speed
                continue
            if _in_cjk_prose(text, start, end):
                continue  # CJK prose glues its words to ASCII (如test, \fI全\fR): no Western text there
        if not candidate.isascii() and score.introduces_script(text[start:end], candidate, _around(text, start, end)):
            continue
        usual = CROSS_PRIOR if misreading in _CROSS_CJK else LEGACY_PRIOR
        prior = (lowered or {}).get(misreading, usual)
        if prior < usual and not score.fits_better(text[start:end], candidate, text[start - 3 : start], text[end : end + 3]):
            prior = usual  # as in the multibyte layer: the lower prior is for rereadings that fit their surroundings
        found = _step(text, start, end, candidate, misreading, config, prior, needed)
        # By gain, not confidence: long rereadings all round to confidence 1.
        if found and (best is None or found[0] > best[0]):
            best = found
    return best[1] if best else None


_ASCII_LETTER = re.compile("[A-Za-z]")
#: How far on each side of a span its context is searched for the scripts a rereading writes.
_SCRIPT_CONTEXT = 300


def _rereadings(
    span: str, misreadings: tuple[Misreading, ...], decoded: Mapping[Misreading, str] | None
) -> Iterable[tuple[Misreading, str]]:
    """Each misreading with a plausible rereading of ``span``, and the rereading."""
    if decoded is None:
        return _reread_all(span, misreadings)
    if decoded and not _not_worth_rereading(span):  # fluency once, after the codecs
        rereadings = ((misreading, _plausible(span, candidate, misreading)) for misreading, candidate in decoded.items())
        return [(misreading, candidate) for misreading, candidate in rereadings if candidate is not None]
    return ()


def _settled(text: str, step: Step, config: Config) -> bool:
    """Is the repair final: neither ftfy's reading of the line nor a rereading of the repair beats it?

    UTF-8 read as macroman or cp437 may also decode as GBK here and there;
    when ftfy's reading of the line changes this span too and is cheaper, the
    line is left to the single-byte layer. And a repair that would itself be reread next time is
    no repair.
    """
    line_start = text.rfind("\n", 0, step.start) + 1
    line_end = text.find("\n", step.end)
    line = text[line_start : None if line_end < 0 else line_end]
    ftfy_line = ftfy.fix_encoding(line)
    ours = line[: step.start - line_start] + step.after + line[step.end - line_start :]
    touched = changed_span(line, ftfy_line) if ftfy_line != line else None
    if touched and touched[0] < step.end - line_start and step.start - line_start < touched[1]:
        if score.cost(ftfy_line) <= score.cost(ours):
            return False
    repaired = text[: step.start] + step.after + text[step.end :]
    return _best(repaired, step.start, step.start + len(step.after), config, _EVERY) is None


def find(text: str, config: Config) -> list[Step]:
    """All legacy rereadings in ``text``, non-overlapping and in order.

    As with the multibyte layer, once rereadings of one kind are confident
    (one of them, or several together) the rest of the document is judged
    again with a lower prior for that misreading. Without that, a rereading
    of a single character is not made: see :func:`_needed`.
    """
    if text.isascii():
        return []
    spans, decoded = _spans(text)
    if not spans:
        return []  # the usual answer, and a short text's whole cost if it went on
    evidence = _find(text, spans, decoded, config, {}, config.min_confidence)
    established = score.shown(evidence, lambda step: step.chain)
    if established:
        return _find(text, spans, decoded, config, {chain: SHOWN_MISREADING_PRIOR for chain in established})
    return [step for step in evidence if step.confidence >= _needed(step.start, step.end, config)]


def _spans(text: str) -> tuple[list[tuple[tuple[int, int], tuple[Misreading, ...]]], dict]:
    """Every span of every kind, with the misreadings it may come from, in text
    order (the longest first where several start together); and the CJK lines
    worth rereading as another CJK codec, with their rereadings."""
    held = census.of(text)
    found: dict[tuple[int, int], tuple[Misreading, ...]] = {}
    for kind in SPAN_KINDS:
        if kind.may_hold(held):
            for span in kind.find(text):  # a span two kinds find is reread in both kinds' ways
                found[span] = tuple(dict.fromkeys(found.get(span, ()) + kind.misreadings))
    decoded = _cross_cjk_spans(text) if _holds_cjk(held) else {}
    spans = list(found.items()) + [(span, _CROSS_CJK) for span in decoded]
    spans.sort(key=_longest_first)
    return spans, decoded


def _longest_first(found: tuple[tuple[int, int], tuple[Misreading, ...]]) -> tuple[int, int]:
    """In text order, the longest first where several spans start together."""
    (start, end), _ = found
    return start, -end


def _cross_cjk_spans(text: str) -> dict[tuple[int, int], dict[Misreading, str]]:
    """The CJK lines worth rereading as another CJK codec, with their
    rereadings (:func:`_decoded_together`), by where they are.

    A megabyte of clean CJK text has tens of thousands of lines and keeps
    none: their strings come from one split, their places only for the few
    kept.
    """
    if not _CJK_BUT_HANGUL.search(census.of(text).non_ascii):
        return {}  # every line with CJK holds hangul (Korean): none is worth asking (_worth_asking)
    lines = Matches.of(_SPLIT_BY_CJK_LINES, text)
    together = _decoded_together(lines.strings)
    if not together:
        return {}
    return dict(zip(lines.spans(together), together.values()))


#: The prior for more of the same misreading in a document where one
#: rereading was certain on its own (:func:`score.shown`).
SHOWN_MISREADING_PRIOR = 4.0


def _find(text, spans, decoded: dict, config: Config, lowered: dict, needed: float | None = None) -> list[Step]:
    steps: list[Step] = []
    for (start, end), misreadings in spans:
        if steps and start < steps[-1].end:
            continue
        together = decoded[(start, end)] if misreadings is _CROSS_CJK else None  # decoded with the other lines
        step = _best(text, start, end, config, misreadings, lowered, needed, together)
        if step and _settled(text, step, config):
            steps.append(step)
    return steps
