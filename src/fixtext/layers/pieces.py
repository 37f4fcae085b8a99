"""Which parts of a run a wrong decode explains, and what could fill its gaps.

A *piece* is a span of damaged text that, encoded back with the channel's
codec, is UTF-8 except for gaps where the decoder lost bytes.  Each gap keeps
only the fillings that the channel check admits: some channel of the family,
decoding the filling followed by the next bytes, loses it and reproduces
exactly what we see.  What cannot be explained is cut out, and the parts on
either side are analysed again on their own.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..channel import REPLACEMENT, Channel
from ..model import ErrorMode
from ..utf8 import Gap, find_gaps

@dataclass(frozen=True)
class Piece:
    """A span of the text that decodes as UTF-8 once its gaps are filled."""

    start: int
    end: int
    data: bytes  # the span encoded with the channel's codec, markers removed
    gaps: tuple[Gap, ...]  # only the choices some channel of the family admits
    channel: Channel  # the channel the piece was read with
    family: tuple[Channel, ...]  # every channel that may have made the damage


def _encode_chars(chars: str, channel: Channel) -> list[bytes | None]:
    """Bytes of each character, or None where ``channel``'s codec cannot encode it.

    U+FFFD marks lost bytes in a marker mode and encodes to nothing; elsewhere
    it is not something a decoder produced from UTF-8 (GB18030 could even
    encode it), so it cannot be part of a repair.
    """
    out: list[bytes | None] = []
    for ch in chars:
        if ch == REPLACEMENT:
            out.append(b"" if channel.marker else None)
            continue
        try:
            out.append(ch.encode(channel.codec))
        except UnicodeEncodeError:
            out.append(None)
    return out


def reads_alike(chars: str, one: Channel, other: Channel) -> bool:
    """Does :func:`analyse` read ``chars`` the same through both channels?

    It looks at a channel's codec only to encode the characters it analyses
    (the channel checks go through the family), so when every character
    encodes alike, and markers are the same, the pieces differ in nothing but
    their ``channel``, which no repair looks at.  Short runs repeat in real
    documents, so their answer is remembered.
    """
    if one.errors is not other.errors:
        return False
    if one.codec == other.codec:
        return True
    if len(chars) <= REMEMBERED_RUN:
        return _encodes_alike(chars, one.codec, other.codec, one.errors)
    return _encodes_alike.__wrapped__(chars, one.codec, other.codec, one.errors)


#: Runs up to this many characters have their answers remembered, here and in
#: the multibyte layer: longer ones seldom repeat (and are costly to analyse
#: anyway), and this bounds the caches' memory on endless runs.
REMEMBERED_RUN = 256


@lru_cache(maxsize=1024)
def _encodes_alike(chars: str, codec: str, other: str, errors: ErrorMode) -> bool:
    if errors is ErrorMode.QMARK:  # as _analyse_span reads them
        chars = chars.replace("?", REPLACEMENT)
    return _encode_chars(chars, Channel(codec, errors)) == _encode_chars(chars, Channel(other, errors))


def _outside(length: int, bad: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges of ``range(length)`` not covered by any of the ``bad`` ranges."""
    keep, cursor = [], 0
    for first, last in sorted(bad):
        if first > cursor:
            keep.append((cursor, first))
        cursor = max(cursor, last, first + 1)
    if cursor < length:
        keep.append((cursor, length))
    return keep


def following(text: str, pos: int, channel: Channel) -> tuple[str, bytes]:
    """A few characters from ``pos`` and their bytes, for checking what a decoder does next.

    More than one, since a decoder may look ahead several bytes before it
    gives up (GB18030's four-byte sequences); cut before anything that is not
    plain text in ``channel``'s codec.
    """
    chars = []
    for ch in text[pos : pos + LOOKAHEAD]:
        if ch == REPLACEMENT or (channel.marker and ch == channel.marker):
            break
        try:
            ch.encode(channel.codec)
        except UnicodeEncodeError:
            break
        chars.append(ch)
    shown = "".join(chars)
    return shown, shown.encode(channel.codec)


LOOKAHEAD = 3


def analyse(
    text: str, start: int, end: int, channel: Channel, family: tuple[Channel, ...] = ()
) -> Iterator[Piece]:
    """Pieces of ``text[start:end]`` that ``channel`` explains, splitting around what it cannot.

    Each span is either explained whole or split around every part that
    cannot be explained; the parts are then analysed on their own (their
    edges may read differently once cut), until nothing is left to split.

    ``family`` lists every channel that could equally have made the damage
    (GBK and GB18030 read UTF-8 alike): a lost character may be anything one
    of them would have lost, so none of them narrows the choice on its own.
    """
    family = family or (channel,)
    pending = [(start, end)]
    while pending:
        span_start, span_end = pending.pop()
        result = _analyse_span(text, span_start, span_end, channel, end, family)
        if isinstance(result, tuple):
            yield from _independent(*result)
        else:
            pending.extend((span_start + a, span_start + b) for a, b in reversed(result))


def _analyse_span(
    text: str, start: int, end: int, channel: Channel, run_end: int, family: tuple[Channel, ...]
) -> tuple[Piece, list[int]] | list[tuple[int, int]]:
    """A piece explaining ``text[start:end]`` whole (with its characters' byte offsets),
    or the sub-ranges left once the unexplained parts are cut out.

    A gap at the end of a span cut out of a longer run (``end < run_end``) is
    an artifact of the cut: the bytes it lacks are in the unexplained part
    next to it, so it is not repaired.
    """
    chars = text[start:end]
    if channel.errors is ErrorMode.QMARK:
        chars = chars.replace("?", REPLACEMENT)
    encoded = _encode_chars(chars, channel)
    if None in encoded:
        return _outside(len(chars), [(i, i + 1) for i, part in enumerate(encoded) if part is None])
    offsets = [0]
    for part in encoded:
        offsets.append(offsets[-1] + len(part))
    data = b"".join(encoded)
    if data.isascii() and REPLACEMENT not in chars:
        return []
    gaps, broken = find_gaps(data)
    # Unexplained damage, as ranges of character indices.
    bad = [(bisect.bisect_right(offsets, bs) - 1, bisect.bisect_left(offsets, be)) for bs, be in broken]
    kept: list[Gap] = []
    used_markers: set[int] = set()
    for earlier, later in zip(gaps, gaps[1:]):
        if later.seq_start < earlier.seq_end:  # two gaps in one character: unexplained
            bad.append((bisect.bisect_right(offsets, earlier.seq_start) - 1, bisect.bisect_left(offsets, later.seq_end)))
    for gap in gaps:
        found = _follower(chars, offsets, gap.pos, channel)
        at_cut = found is not None and found[0] >= len(chars) and end < run_end
        checked = None if found is None or at_cut else _check_gap(text, start, chars, found, gap, family)
        if checked is None:
            bad.append((bisect.bisect_right(offsets, gap.seq_start) - 1, bisect.bisect_left(offsets, gap.seq_end)))
        else:
            kept.append(checked)
            index, markers = found
            used_markers.update(range(index - markers, index))
    for first, last in _marker_groups(chars, used_markers) if channel.marker else ():
        gap = _whole_character_gap(offsets[first], last - first)
        checked = gap and _check_gap(text, start, chars, (last, last - first), gap, family)
        if checked and not (last >= len(chars) and end < run_end):
            kept.append(checked)
        else:
            bad.append((first, last))
    if bad:
        return _outside(len(chars), bad)
    return Piece(start, end, data, tuple(sorted(kept, key=lambda g: g.pos)), channel, family), offsets


def _independent(piece: Piece, offsets: list[int]) -> Iterator[Piece]:
    """Cut a piece wherever a character of the text and a UTF-8 character both begin.

    Such parts are explained independently, and each must earn its own repair:
    a repair of damaged text next to clean text must not carry the clean text
    along (业业 is valid UTF-8 in GBK too). No cut goes next to a gap.
    """
    data, last = piece.data, len(offsets) - 1
    busy = {p for gap in piece.gaps for p in range(gap.seq_start, max(gap.seq_end, gap.pos) + 1)}
    cuts = [0]
    for i in range(1, last):
        pos = offsets[i]
        starts_char = offsets[i - 1] < pos < offsets[i + 1] and (data[pos] < 0x80 or 0xC2 <= data[pos] <= 0xF4)
        if starts_char and pos not in busy:
            cuts.append(i)
    cuts.append(last)
    for a, b in zip(cuts, cuts[1:]):
        lo, hi = offsets[a], offsets[b]
        gaps = tuple(
            Gap(g.pos - lo, g.choices, g.seq_start - lo, g.seq_end - lo)
            for g in piece.gaps
            if lo <= g.seq_start < hi or (b == last and g.seq_start == hi)
        )
        yield Piece(piece.start + a, piece.start + b, data[lo:hi], gaps, piece.channel, piece.family)


def _marker_groups(chars: str, used: set[int]) -> list[tuple[int, int]]:
    """Runs of markers that no gap in the bytes accounts for, as index ranges."""
    groups: list[tuple[int, int]] = []
    for i, ch in enumerate(chars):
        if ch == REPLACEMENT and i not in used:
            if groups and groups[-1][1] == i:
                groups[-1] = (groups[-1][0], i + 1)
            else:
                groups.append((i, i + 1))
    return groups


def _whole_character_gap(pos: int, size: int) -> Gap | None:
    """A character all of whose bytes were lost, one marker each (Big5, EUC-JP and
    EUC-KR reject every byte of a UTF-8 punctuation mark)."""
    choices = _whole_characters(size)
    return Gap(pos, choices, pos, pos) if choices else None


@lru_cache(maxsize=None)
def _whole_characters(size: int) -> tuple[bytes, ...]:
    """UTF-8 characters of ``size`` bytes worth considering for a wholly lost character.

    Only the three-byte ones of the punctuation and symbol blocks
    (U+2000–U+2FFF): what English text loses this way. Two markers are too
    common for other reasons (ftfy, for one, writes them for lost bytes) to be
    read as a lost accented letter, and a lost ideograph could not be chosen
    anyway (it is marked, not guessed).
    """
    conts = range(0x80, 0xC0)
    if size == 3:
        return tuple(bytes((0xE2, b, c)) for b in conts for c in conts)
    return ()


def _follower(chars: str, offsets: list[int], pos: int, channel: Channel) -> tuple[int, int] | None:
    """Index of the observed character right after the bytes lost at ``pos``,
    and how many markers stand for them.

    Lost bytes sit between two observed characters; with a marker mode the
    markers (which encode to no bytes) stand there and the follower is after them.
    """
    index = bisect.bisect_left(offsets, pos)
    if index >= len(offsets) or offsets[index] != pos:
        return None
    if not channel.marker:
        return index, 0
    while index < len(chars) and offsets[index] == pos and chars[index] != REPLACEMENT:
        index += 1
    first = index
    while index < len(chars) and chars[index] == REPLACEMENT:
        index += 1
    return (index, index - first) if index > first else None


def _check_gap(
    text: str, start: int, chars: str, found: tuple[int, int], gap: Gap, family: tuple[Channel, ...]
) -> Gap | None:
    """The channel check on one gap: keep the fillings some channel would have lost right here."""
    index, markers = found
    checks = []
    for channel in family:
        if index < len(chars):
            shown, follow = following(chars, index, channel)
        else:
            shown, follow = following(text, start + len(chars), channel)
        checks.append((channel, follow, channel.marker * markers + shown))
    choices = _admitted(tuple(checks), gap.choices)
    return Gap(gap.pos, choices, gap.seq_start, gap.seq_end) if choices else None


@lru_cache(maxsize=4096)
def _admitted(checks: tuple[tuple[Channel, bytes, str], ...], choices: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """The fillings that pass at least one of the channel ``checks``, in their original order."""
    keep: set[bytes] = set()
    for channel, follow, expected in checks:
        keep.update(_admissible(channel, choices, follow, expected))
    return tuple(f for f in choices if f in keep)


@lru_cache(maxsize=4096)
def _admissible(channel: Channel, choices: tuple[bytes, ...], follow: bytes, expected: str) -> tuple[bytes, ...]:
    """The fillings that ``channel`` would have lost before ``follow``, leaving ``expected``."""
    return tuple(channel.reproducing(choices, follow, expected))
