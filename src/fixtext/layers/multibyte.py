"""Multibyte layer: UTF-8 that was decoded with a multibyte CJK codec.

For each run of non-ASCII characters that could start such damage, the run is
encoded back with the codec.  If the bytes are UTF-8, the repair is lossless.
If the decoder lost bytes, the UTF-8 shows one-byte gaps; :mod:`fixtext.utf8`
lists the bytes UTF-8 allows in each gap, the channel keeps only those the
decoder would really have lost there, and :mod:`fixtext.layers.lossy` picks one
by context.  Parts of a run that cannot be explained this way are left as they
are and the rest is repaired around them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import score
from ..channel import REPLACEMENT, Channel
from ..codecdata import NON_ASCII_RUN, start_pattern
from ..config import Config
from ..model import ErrorMode, Step
from ..utf8 import Gap, find_gaps
from . import lossy

LAYER = "multibyte"
_FFFD_UTF8 = REPLACEMENT.encode("utf-8")
_CONTEXT = 3  # characters of context on each side when scoring a repair


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


def _following(text: str, pos: int, channel: Channel) -> tuple[str, bytes]:
    """A few characters from ``pos`` and their bytes, for checking what a decoder does next.

    More than one, since a decoder may look ahead several bytes before it
    gives up (GB18030's four-byte sequences); cut before anything that is not
    plain text in ``channel``'s codec.
    """
    chars = []
    for ch in text[pos : pos + _LOOKAHEAD]:
        if ch == REPLACEMENT or (channel.marker and ch == channel.marker):
            break
        try:
            ch.encode(channel.codec)
        except UnicodeEncodeError:
            break
        chars.append(ch)
    following = "".join(chars)
    return following, following.encode(channel.codec)


_LOOKAHEAD = 3


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
        if isinstance(result, Piece):
            yield result
        else:
            pending.extend((span_start + a, span_start + b) for a, b in reversed(result))


def _analyse_span(
    text: str, start: int, end: int, channel: Channel, run_end: int, family: tuple[Channel, ...]
) -> Piece | list[tuple[int, int]]:
    """A piece explaining ``text[start:end]`` whole, or the sub-ranges left once the unexplained parts are cut out.

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
    if data.isascii():
        return []
    gaps, broken = find_gaps(data)
    # Unexplained damage, as ranges of character indices.
    bad = [(bisect.bisect_right(offsets, bs) - 1, bisect.bisect_left(offsets, be)) for bs, be in broken]
    kept: list[Gap] = []
    used_markers: set[int] = set()
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
    if channel.marker:
        bad += [(i, i + 1) for i, ch in enumerate(chars) if ch == REPLACEMENT and i not in used_markers]
    if bad:
        return _outside(len(chars), bad)
    return Piece(start, end, data, tuple(kept), channel, family)


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
    keep: set[bytes] = set()
    for channel in family:
        if index < len(chars):
            following, follow = _following(chars, index, channel)
        else:
            following, follow = _following(text, start + len(chars), channel)
        keep.update(_admissible(channel, gap.choices, follow, channel.marker * markers + following))
    choices = tuple(f for f in gap.choices if f in keep)
    return Gap(gap.pos, choices, gap.seq_start, gap.seq_end) if choices else None


@lru_cache(maxsize=4096)
def _fillings(head: bytes, tail: bytes, choices: tuple[bytes, ...]) -> dict[str, bytes]:
    """Each character a gap's fillings complete, mapped to its filling."""
    return {(head + fill + tail).decode("utf-8"): fill for fill in choices}


@lru_cache(maxsize=4096)
def _admissible(channel: Channel, choices: tuple[bytes, ...], follow: bytes, expected: str) -> tuple[bytes, ...]:
    """The fillings that ``channel`` would have lost before ``follow``, leaving ``expected``."""
    return tuple(f for f in choices if channel.reproduces(f + follow, expected))


class _ParagraphSoFar:
    """The repaired text of the current paragraph up to a position, for context.

    Only the last :data:`_WINDOW` characters are kept: quotes are paired
    within that distance, and the cost stays linear on endless lines.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self.tail = ""

    def before(self, pos: int) -> str:
        tail = self.tail + self.text[max(self.cursor, pos - _WINDOW) : pos]
        return tail[tail.rfind("\n") + 1 :][-_WINDOW:]

    def accept(self, step: Step) -> None:
        self.tail = (self.before(step.start) + step.after)[-_WINDOW:]
        self.tail = self.tail[self.tail.rfind("\n") + 1 :]
        self.cursor = step.end


_WINDOW = 1000


def resolve(piece: Piece, text: str, left: str, config: Config, prior: float = score.CHANNEL_PRIOR) -> Step | None:
    """Fill the piece's gaps by context, check the channel, and score the result."""
    data, channel = piece.data, piece.channel
    out, verify = bytearray(), bytearray()
    ops: list[tuple[str, object]] = []
    inferred: list[int] = []
    chars = 0
    cursor = 0
    least = 1.0
    after = text[piece.end :]
    for n, gap in enumerate(piece.gaps):
        chunk = data[cursor : gap.seq_start]
        out += chunk
        verify += chunk
        chars += len(chunk.decode("utf-8"))
        right_end = piece.gaps[n + 1].seq_start if n + 1 < len(piece.gaps) else len(data)
        right = data[gap.seq_end : right_end].decode("utf-8", "replace") + after[: _CONTEXT + 1]
        head, tail = data[gap.seq_start : gap.pos], data[gap.pos : gap.seq_end]
        options = _fillings(head, tail, gap.choices)
        choice = lossy.choose(list(options), left + out.decode("utf-8"), right, config.min_inference)
        # Any admissible filling passes the channel check; verify with the chosen one.
        verify += head + options[choice[0] if choice else next(iter(options))] + tail
        if choice:
            out += head + options[choice[0]] + tail
            ops.append(("splice", (gap.pos, gap.pos, options[choice[0]].hex())))
            least = min(least, choice[1])
        else:
            out += _FFFD_UTF8  # one U+FFFD stands for the character nobody can know
            ops.append(("splice", (gap.seq_start, gap.seq_end, _FFFD_UTF8.hex())))
        inferred.append(chars)
        chars += 1
        cursor = gap.seq_end
    out += data[cursor:]
    verify += data[cursor:]
    observed = text[piece.start : piece.end]
    channel = _reproducing(piece, bytes(verify), text)
    if channel is None:
        return None
    try:
        candidate = out.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if candidate == observed:
        return None
    gain = score.repair_gain(observed, candidate, left[-_CONTEXT:], after[:_CONTEXT], prior)
    gain += score.utf8_evidence(candidate, tuple(inferred))
    confidence = score.confidence(gain) * least
    if gain <= 0 or confidence < config.min_confidence:
        return None
    errors = channel.errors if piece.gaps else ErrorMode.STRICT
    markers = (("markers", "?"),) if channel.errors is ErrorMode.QMARK else ()
    plan = (*markers, ("encode", channel.codec), *reversed(ops), ("decode", "utf-8"))
    return Step(
        start=piece.start,
        end=piece.end,
        before=observed,
        after=candidate,
        layer=LAYER if not piece.gaps else "lossy",
        chain=channel.chain,
        errors=errors,
        confidence=round(confidence, 4),
        ops=plan,
        inferred=tuple(inferred),
    )


def _reproducing(piece: Piece, original: bytes, text: str) -> Channel | None:
    """The first channel of the piece's family whose wrong decode of ``original`` gives what we see."""
    observed = text[piece.start : piece.end]
    for channel in piece.family:
        following, follow = _following(text, piece.end, channel)
        if channel.reproduces(original + follow, observed + following):
            return channel
    return None


def _channels_for(text: str, start: int, end: int, codec: str, allow_qmark: bool) -> list[tuple[Channel, int]]:
    """The wrong decodes that could have produced this run, most likely first, with
    the span each would cover."""
    if REPLACEMENT in text[start:end]:
        return [(Channel(codec, ErrorMode.REPLACE), end), (Channel(codec, ErrorMode.WHATWG), end)]
    channels = [(Channel(codec, ErrorMode.IGNORE), end)]
    if allow_qmark and text[end : end + 1] == "?":
        stop = end
        while text[stop : stop + 1] == "?":
            stop += 1
        channels.insert(0, (Channel(codec, ErrorMode.QMARK), stop))
    return channels


def _looks_like_utf8(run: str, codec: str) -> bool:
    """C-speed dismissal of long runs whose bytes are far from UTF-8 (real CJK text)."""
    try:
        data = run.replace(REPLACEMENT, "").encode(codec)
    except UnicodeEncodeError:
        return True  # mixed run: let the analysis split it
    if len(data) < 12:
        return True
    lost = len(data) - len(data.decode("utf-8", "ignore").encode("utf-8"))
    return lost * 4 <= len(data)


def _runs(text: str, codec: str) -> list[tuple[int, int]]:
    pattern = start_pattern(codec)
    if not pattern.search(text):
        return []
    return [
        m.span()
        for m in NON_ASCII_RUN.finditer(text)
        if pattern.search(m.group()) and _looks_like_utf8(m.group(), codec)
    ]


def _qmark_plausible(text: str, runs: list[tuple[int, int]], codec: str) -> bool:
    """Did this document's decoder write '?' for lost bytes?

    '?' after damage is only evidence if no lost byte in the document went
    unmarked: an unmarked gap means the decoder dropped bytes instead.
    """
    marked = False
    for start, end in runs:
        for piece in analyse(text, start, end, Channel(codec, ErrorMode.IGNORE)):
            if piece.gaps and piece.gaps[-1].pos == len(piece.data) and piece.end == end:
                if text[end : end + 1] != "?":
                    return False
                marked = True
    return marked


def find(text: str, config: Config) -> list[Step]:
    """All multibyte repairs in ``text``, non-overlapping and in order.

    Once one repair is confident, the document is known to have gone through
    this kind of damage, so the rest is judged again with a lower prior: a
    lone ``拢`` in a document full of GBK mojibake is a ``£``.
    """
    candidates = _candidates(text, config)
    steps = _choose(text, candidates, config, score.CHANNEL_PRIOR, {})
    if any(step.confidence >= ESTABLISHED for step in steps):
        kept = {}
        for step in steps:
            kept.setdefault(step.start, []).append(step)
        steps = _choose(text, candidates, config, score.ESTABLISHED_PRIOR, kept)
    return steps


#: A step this confident establishes that the document went through the channel.
ESTABLISHED = 0.6


def _candidates(text: str, config: Config) -> dict[tuple[int, int], list[tuple[Channel, int]]]:
    by_run: dict[tuple[int, int], list[tuple[Channel, int]]] = {}
    for codec in config.codecs:
        runs = _runs(text, codec)
        allow_qmark = ErrorMode.QMARK in config.error_modes and _qmark_plausible(text, runs, codec)
        for start, end in runs:
            channels = _channels_for(text, start, end, codec, allow_qmark)
            by_run.setdefault((start, end), []).extend(
                (ch, stop) for ch, stop in channels if ch.errors in config.error_modes
            )
    return by_run


def _choose(text, by_run, config: Config, prior: float, kept: dict[int, list[Step]]) -> list[Step]:
    """Resolve each run in order (so lossy choices see the repaired text before
    them); ``kept`` holds steps already chosen, by the run they start."""
    steps: list[Step] = []
    context = _ParagraphSoFar(text)
    for (start, _end), channels in sorted(by_run.items()):
        if steps and start < steps[-1].end:
            continue
        best: list[Step] = kept.get(start, [])
        for channel, stop in [] if best else channels:  # the first channel that explains the run wins
            family = tuple(c for c, s in channels if s == stop and c.errors is channel.errors)
            best = _resolve_run(text, start, stop, channel, family, context, config, prior)
            if best:
                break
        for step in best:
            context.accept(step)
        steps.extend(best)
    return steps


def _resolve_run(text, start, stop, channel, family, context, config, prior) -> list[Step]:
    """The steps repairing ``text[start:stop]``.

    Real documents repeat the same damaged runs, so each run is resolved in
    a minimal context that decides the same things (the quotes still open
    and a few characters each side) and the answer is remembered.
    """
    left = context.before(start)
    brief_left = lossy.open_quotes(left) + left[-_CONTEXT:]
    steps = _resolve_alone(text[start:stop], text[stop : stop + _CONTEXT + 1], brief_left, channel, family, config, prior)
    return [replace(s, start=s.start + start, end=s.end + start) for s in steps]


@lru_cache(maxsize=8192)
def _resolve_alone(run, after, left, channel, family, config, prior) -> tuple[Step, ...]:
    text = left + run + after
    offset = len(left)
    context = _ParagraphSoFar(text)
    found = []
    for piece in analyse(text, offset, offset + len(run), channel, family):
        step = resolve(piece, text, context.before(piece.start), config, prior)
        if step is not None:
            found.append(replace(step, start=step.start - offset, end=step.end - offset))
    return tuple(found)
