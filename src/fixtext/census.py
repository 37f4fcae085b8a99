"""What a text holds, found at C speed: the layers' fast paths ask here first.

Most text is clean, and each layer could rule itself out with one regex scan
of the text for the characters its damage starts from. A scan costs about
3 ns a character, and three layers with five scans between them cost more
than everything else fixtext does to clean English. Instead the text is
encoded to UTF-8 once and projected twice with ``bytes.translate`` (a table
lookup per byte):

* :attr:`Census.non_ascii`: the text's non-ASCII characters alone, in order
  (ASCII bytes deleted). Every character any layer starts from is non-ASCII,
  so searching this string, a few per cent of an English text, answers "is
  there one?" exactly.
* :attr:`Census.cjk`: whether any of those is CJK (:data:`CJK`), asked once
  here because two kinds of legacy damage need it.
* :attr:`Census.shape`: one byte per character (continuation bytes deleted,
  so positions are the text's), saying only whether the character may be one
  a single-byte codec made of a high byte (``H``), may be CJK (``c``), is an
  ASCII letter or sign that can follow a high byte as a trail byte (``a``), a
  space (``s``), or something else (``.``). Legacy CJK read as latin-1 or
  cp1252 needs two ``H`` close together, Western text read as CJK a CJK
  character beside an ASCII letter; a regex with a literal first byte looks
  for either at memchr speed.

The shape is judged by UTF-8 lead byte, so ``H`` covers more characters than
a single-byte codec makes (U+2000–U+2FFF for the cp1252 punctuation): the
test may say "maybe" for clean text, never "no" for damage.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ASCII = bytes(range(0x80))
_CONTINUATION = bytes(range(0x80, 0xC0))


def _shape_table() -> bytes:
    table = bytearray(b"." * 256)
    table[0x40:0x7F] = b"a" * (0x7F - 0x40)
    table[ord(" ")] = ord("s")
    high = "".join(map(chr, range(0x80, 0x100))) + bytes(range(0x80, 0xA0)).decode("cp1252", "ignore")
    table[0xE3:0xEE] = b"c" * (0xEE - 0xE3)  # U+3000-U+DFFF: CJK, kana, hangul
    table[0xEF] = ord("c")  # U+F000-U+FFFF: compatibility ideographs, full width
    for lead in {ch.encode("utf-8")[0] for ch in high}:
        table[lead] = ord("H")  # E2 too: cp1252's punctuation (U+2000-U+2FFF, CJK radicals among them)
    return bytes(table)


_SHAPE = _shape_table()
#: CJK characters: ideographs, kana, hangul, their punctuation and full-width forms.
CJK = re.compile("[\u2e80-\ud7ff\uf900-\ufaff\uff00-\uffef]")
#: A character that may be CJK (c, or H for U+2E80-U+2FFF) beside an ASCII
#: letter, searched from either side: the regex engine skips at C speed to
#: the byte a match starts with, so the rarer side is the one to start from.
_LETTER_BY_WIDE = re.compile(rb"a(?:[cH]|(?<=[cH]a))")
_WIDE_BY_LETTER = re.compile(rb"[cH](?:a|(?<=a[cH]))")
#: Two H at most one trail byte apart, or spaced as ``¬O ¥Î``. (A literal
#: first byte lets the regex engine skip ahead at memchr speed.)
_SINGLE_BYTE_PAIR = re.compile(rb"H(?:a?H|asH)")


class Census(NamedTuple):
    non_ascii: str
    cjk: bool
    shape: bytes

    def may_hold_single_byte_pairs(self) -> bool:
        """Could two characters a single-byte codec made of high bytes stand
        together, at most one ASCII trail byte apart, or spaced as ``¬O ¥Î``?"""
        return _SINGLE_BYTE_PAIR.search(self.shape) is not None

    def may_hold_wide_by_letter(self) -> bool:
        """Could a CJK character stand right before or after an ASCII letter?"""
        pattern = _LETTER_BY_WIDE if self.mostly_wide() else _WIDE_BY_LETTER
        return pattern.search(self.shape) is not None

    def mostly_wide(self) -> bool:
        """Does the text hold more characters that may be CJK than ASCII letters
        (and signs from ``@`` to ``~``)? An estimate, for choosing which side
        of a search to start from."""
        return self.shape.count(b"c") > self.shape.count(b"a")


_last: tuple[str, Census] | None = None


def of(text: str) -> Census:
    """The census of ``text``; the last one is remembered, since every layer asks."""
    global _last
    last = _last  # one read: another thread may replace it
    if last is not None and last[0] is text:
        return last[1]
    data = text.encode("utf-8", "surrogatepass")
    non_ascii = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    census = Census(non_ascii, CJK.search(non_ascii) is not None, data.translate(_SHAPE, _CONTINUATION))
    _last = (text, census)
    return census
