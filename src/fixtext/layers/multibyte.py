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
import math
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat

from .. import census, score
from ..channel import REPLACEMENT, Channel
from ..codecdata import any_start_chars, any_start_pattern, channel_prior, class_body, family_of, start_pattern
from ..config import Config
from ..matches import Matches, splitting
from ..model import ErrorMode, Step
from . import lossy
from .pieces import LOOKAHEAD, REMEMBERED_RUN, Piece, analyse, following, reads_alike

LAYER = "multibyte"
_FFFD_UTF8 = REPLACEMENT.encode("utf-8")
_CONTEXT = 3  # characters of context on each side when scoring a repair


@lru_cache(maxsize=4096)
def _fillings(head: bytes, tail: bytes, choices: tuple[bytes, ...]) -> tuple[dict[str, bytes], bool]:
    """Each character a gap's fillings complete, mapped to its filling; and whether
    context may choose among them (a lost ideograph's hundreds of candidates
    may not, and are looked through once)."""
    options = {(head + fill + tail).decode("utf-8"): fill for fill in choices}
    return options, lossy.guessable(options)


class _ParagraphSoFar:
    """The repaired text of the current paragraph up to a position, for context.

    Only the last :data:`_WINDOW` characters are kept: quotes are paired
    within that distance, and the cost stays linear on endless lines.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self.tail = ""
        self.pending: list[tuple[int, tuple[Step, ...]]] = []  # accepted, not yet in ``tail``

    def before(self, pos: int) -> str:
        if self.pending:
            self._catch_up()
        return _paragraph_before(self.text, self.tail, self.cursor, pos)

    def accept(self, offset: int, steps: tuple[Step, ...]) -> None:
        """Take ``steps``, placed ``offset`` characters on, as repaired text; the
        work waits until some context is asked for (runs whose steps were
        chosen earlier never ask)."""
        if steps:
            self.pending.append((offset, steps))

    def _catch_up(self) -> None:
        """Fold the pending steps into ``tail``, as :meth:`before` would read them one by one."""
        text, tail, cursor = self.text, self.tail, self.cursor
        for offset, steps in self.pending:
            for step in steps:
                tail = (_paragraph_before(text, tail, cursor, step.start + offset) + step.after)[-_WINDOW:]
                tail = tail[tail.rfind("\n") + 1 :]
                cursor = step.end + offset
        self.tail, self.cursor, self.pending = tail, cursor, []


_WINDOW = 1000


def _paragraph_before(text: str, tail: str, cursor: int, pos: int) -> str:
    """The last :data:`_WINDOW` characters of the paragraph before ``pos``: ``tail``
    (the repaired paragraph up to ``cursor``, without a newline) and the text
    from ``cursor`` on. A newline in the text decides without building the whole."""
    start = cursor if cursor > pos - _WINDOW else pos - _WINDOW
    newline = text.rfind("\n", start, pos)
    if newline >= 0:
        return text[newline + 1 : pos]
    return (tail + text[start:pos])[-_WINDOW:]


@dataclass
class _Filled:
    """A piece with its gaps filled: the repair, and bytes that pass the channel check."""

    out: bytearray
    verify: bytearray
    ops: list[tuple[str, object]]
    inferred: list[int]  # positions of inferred characters (or U+FFFD marks) in the repair
    least: float = 1.0  # the probability of the least certain guess
    only_markers: bool = False  # a wholly lost character could only be marked again


def _fill(piece: Piece, left: str, after: str, config: Config) -> _Filled:
    """Fill each gap with the character context chooses, or one U+FFFD when nobody can know."""
    data = piece.data
    filled = _Filled(bytearray(), bytearray(), [], [])
    chars = cursor = 0
    for n, gap in enumerate(piece.gaps):
        chunk = data[cursor : gap.seq_start]
        filled.out += chunk
        filled.verify += chunk
        chars += len(chunk.decode("utf-8"))
        right_end = piece.gaps[n + 1].seq_start if n + 1 < len(piece.gaps) else len(data)
        right = data[gap.seq_end : right_end].decode("utf-8", "replace") + after[: _CONTEXT + 1]
        head, tail = data[gap.seq_start : gap.pos], data[gap.pos : gap.seq_end]
        options, guessable = _fillings(head, tail, gap.choices)
        choice = None  # (lossy.choose refuses what is not guessable: spare it the context)
        if guessable:
            choice = lossy.choose(list(options), left + filled.out.decode("utf-8"), right, config.min_inference)
        # Any admissible filling passes the channel check; verify with the chosen one.
        filled.verify += head + options[choice[0] if choice else next(iter(options))] + tail
        if choice:
            filled.out += head + options[choice[0]] + tail
            filled.ops.append(("splice", (gap.pos, gap.pos, options[choice[0]].hex())))
            filled.least = min(filled.least, choice[1])
        else:
            # Where a decoder left markers for every byte of a character, one
            # more marker tells nothing new: only a guess is a repair there.
            filled.only_markers |= gap.seq_start == gap.seq_end
            filled.out += _FFFD_UTF8
            filled.ops.append(("splice", (gap.seq_start, gap.seq_end, _FFFD_UTF8.hex())))
        filled.inferred.append(chars)
        chars += 1
        cursor = gap.seq_end
    filled.out += data[cursor:]
    filled.verify += data[cursor:]
    return filled


def resolve(
    piece: Piece, text: str, left: str, config: Config, prior: float = score.CHANNEL_PRIOR, run_end: int = -1
) -> Step | None:
    """Fill the piece's gaps by context, check the channel, and score the result.

    Up to ``run_end`` the text after the piece is damaged too: it is not used
    to judge how the repair fits its neighbours.
    """
    after = text[piece.end :]
    try:
        filled = _fill(piece, left, after, config)
    except UnicodeDecodeError:
        return None  # the fillings do not make the bytes UTF-8 after all
    channel = _reproducing(piece, bytes(filled.verify), text)
    observed = text[piece.start : piece.end]
    try:
        candidate = filled.out.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if channel is None or candidate == observed or filled.only_markers:
        return None
    inferred = tuple(filled.inferred)
    context = (left[-_CONTEXT:], "" if piece.end < run_end else after[:_CONTEXT])
    if prior < score.CHANNEL_PRIOR and not score.fits_better(observed, candidate, *context):
        prior = score.CHANNEL_PRIOR  # the lower prior is for repairs that fit their surroundings
    prior += channel_prior(channel.codec)
    gain = score.repair_gain(observed, candidate, *context, prior)
    gain += score.utf8_evidence(candidate, inferred)
    confidence = score.confidence(gain) * filled.least
    if gain <= 0 or confidence < config.min_confidence:
        return None
    markers = (("markers", "?"),) if channel.errors is ErrorMode.QMARK else ()
    return Step(
        start=piece.start,
        end=piece.end,
        before=observed,
        after=candidate,
        layer="lossy" if piece.gaps else LAYER,
        chain=channel.chain,
        errors=channel.errors if piece.gaps else ErrorMode.STRICT,
        confidence=round(confidence, 4),
        ops=(*markers, ("encode", channel.codec), *reversed(filled.ops), ("decode", "utf-8")),
        inferred=inferred,
    )


def _reproducing(piece: Piece, original: bytes, text: str) -> Channel | None:
    """The first channel of the piece's family whose wrong decode of ``original`` gives what we see."""
    observed = text[piece.start : piece.end]
    for channel in piece.family:
        shown, follow = following(text, piece.end, channel)
        if channel.reproduces(original + follow, observed + shown):
            return channel
    return None


@lru_cache(maxsize=64)
def _readings(codec: str, modes: frozenset[ErrorMode]) -> tuple[tuple[int, ...], tuple[int, ...], int | None]:
    """The wrong decodes through ``codec`` that ``modes`` allow, most likely first,
    by number (:func:`_numbered`): for a run with a U+FFFD in it, for a run
    without, and for one followed by ``?``."""
    marked = tuple(_numbered(codec, m) for m in (ErrorMode.REPLACE, ErrorMode.WHATWG) if m in modes)
    plain = (_numbered(codec, ErrorMode.IGNORE),) if ErrorMode.IGNORE in modes else ()
    qmark = _numbered(codec, ErrorMode.QMARK) if ErrorMode.QMARK in modes else None
    return marked, plain, qmark


def _numbered(codec: str, errors: ErrorMode) -> int:
    """The channel's number in :data:`_CHANNELS`.

    A run's readings are kept as (number, stop) tuples of plain integers,
    the stop counted from the run's start so that runs of one length share
    them: a channel holds an enum member, which the garbage collector would
    track, and ten megabytes of damaged English list over a million
    readings, walked by every full collection while they live.
    """
    channel = Channel(codec, errors)
    if channel not in _NUMBERS:
        _NUMBERS[channel] = len(_CHANNELS)
        _CHANNELS.append(channel)
    return _NUMBERS[channel]


_CHANNELS: list[Channel] = []
_NUMBERS: dict[Channel, int] = {}  # one number per codec and error mode ever asked for


def _looks_like_utf8(runs: list[str], codec: str, judged: dict[bytes, list[bool]]) -> list[bool]:
    """C-speed dismissal of long runs whose bytes are far from UTF-8 (real CJK text).

    All runs are judged at once: they hold no ASCII, so joined by newlines
    they encode and decode as one string while each run's bytes stay apart
    (a newline never belongs to a multibyte sequence, in UTF-8 or in any of
    the codecs modelled). The answer depends on the bytes alone, and codecs
    of one family often give the same bytes (GBK, GB18030 and GB2312 for
    Chinese), so ``judged`` keeps the answers by bytes.
    """
    # Characters the codec cannot encode are not part of such damage.
    data = "\n".join(runs).replace(REPLACEMENT, "").encode(codec, "ignore")
    if data not in judged:
        sizes = map(len, data.split(b"\n"))
        kept = map(len, map(str.encode, data.decode("utf-8", "ignore").split("\n")))
        judged[data] = [size < 12 or (size - valid) * 4 <= size for size, valid in zip(sizes, kept)]
    return judged[data]


def _runs(text: str, codec: str, all_runs: _AllRuns, has_marks: bool) -> list[tuple[int, int]]:
    """Of the text's non-ASCII runs, those that could be UTF-8 read as ``codec``:
    they hold a character such damage starts with (or a U+FFFD where a
    decoder lost a whole character), and their bytes are near UTF-8.

    Each test runs over all the runs at once, in C (``map`` over a C
    method), so text with many short runs (words of European languages)
    costs no Python per run.
    """
    pattern = start_pattern(codec)
    # Every start character is non-ASCII; ``has_marks``: the text holds U+FFFD.
    if not has_marks and not pattern.search(census.of(text).non_ascii):
        return []
    strings = all_runs.strings
    chosen = all_runs.holding(pattern, has_marks)
    if not chosen:
        return []
    near = _looks_like_utf8([strings[i] for i in chosen], codec, all_runs.judged)
    if not any(near):
        return []  # real CJK text: no need to find where its runs are
    return all_runs.spans(compress(chosen, near))


class _AllRuns(Matches):
    """The text's non-ASCII runs, found once for every codec (see :class:`~fixtext.matches.Matches`)."""

    #: A pattern every codec's start characters fall within (their union):
    #: searched once, it narrows the runs each codec's own pattern is tried on.
    any_start: re.Pattern[str] | None = None

    def __init__(self, parts: list[str]) -> None:
        super().__init__(parts)
        self.judged: dict[bytes, list[bool]] = {}  # see _looks_like_utf8
        self._holding: dict[tuple[str, bool], list[int]] = {}

    def holding(self, pattern: re.Pattern[str], marks: bool) -> list[int]:
        """The indexes of the runs holding a character of ``pattern`` (or, with
        ``marks``, a U+FFFD). Remembered by pattern: GBK and GB18030 damage
        starts from the same characters."""
        key = (pattern.pattern, marks)  # a compiled pattern hashes its whole program: its text is hashed once
        if key not in self._holding:
            among: Sequence[int] = range(len(self.strings))
            # Words of European languages drop out here; a short text's few
            # runs are searched at once instead, cheaper than narrowing them.
            if self.any_start is not None and pattern is not self.any_start and len(self.strings) > _NARROWED:
                among = self.holding(self.any_start, marks)
            strings = self.strings if len(among) == len(self.strings) else [self.strings[i] for i in among]
            found = map(bool, map(pattern.search, strings))
            if marks:
                found = map(operator.or_, found, map(str.__contains__, strings, repeat(REPLACEMENT)))
            self._holding[key] = list(compress(among, found))
        return self._holding[key]


_NARROWED = 64  # runs from which narrowing them first pays for itself

#: What separates the runs: splitting by it is three times faster on damaged
#: English than splitting by the runs themselves.
_SPLIT_BY_ASCII = splitting(re.compile("[\\x00-\\x7f]+"))


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

    Once repairs through one codec are confident (one of them, or several
    together), the document is known to have gone through that codec, so the
    rest is judged again with a lower prior for it: a lone ``拢`` in a
    document full of GBK mojibake is a ``£``.
    """
    return _placed(*_answers(text, config))


def find_edits(text: str, config: Config) -> list[tuple[int, int, str]]:
    """What :func:`find` would change, as ``(start, end, after)``: for a caller
    that wants the repaired text only. Tuples of plain values, which the
    garbage collector stops tracking, where steps would be objects it walks
    on every full collection (and there is one per damaged run)."""
    offsets, answers = _answers(text, config)
    return [(s.start + at, s.end + at, s.after) for at, steps in zip(offsets, answers) for s in steps]


def _placed(offsets: list[int], answers: list[tuple[Step, ...]]) -> list[Step]:
    """The answers' steps moved to their places in the text."""
    return [s.moved(start=s.start + at, end=s.end + at) if at else s for at, steps in zip(offsets, answers) for s in steps]


def _answers(text: str, config: Config) -> tuple[list[int], list[tuple[Step, ...]]]:
    """Each chosen run's steps (as remembered, relative to the run) and where the run starts."""
    runs = sorted(_candidates(text, config).items())
    if not runs:
        return [], []
    offsets, answers, chosen = _choose(text, runs, config, score.CHANNEL_PRIOR, {})
    shown = _shown_codecs(step for steps in answers for step in steps)
    if shown:
        starts = [start for (start, _), _ in runs]
        ends = dict(run for run, _ in runs)
        kept: dict[int, list[Step]] = {}
        for step in _placed(offsets, answers):  # by the run they belong to; the others' runs are judged again
            if step.chain[-1] in shown:
                kept.setdefault(starts[bisect.bisect_right(starts, step.start) - 1], []).append(step)
        # A run its steps repair only in part (two letters of 写械薪) is judged
        # again too: with the lower prior, the whole word may now be worth it.
        partial = {start for start, steps in kept.items() if sum(s.end - s.start for s in steps) < ends[start] - start}
        if not partial and _all_kept(starts, answers, chosen, shown):
            return offsets, answers  # nothing is judged again: a second pass would only repeat the first
        for start in partial:
            del kept[start]
        offsets, answers, _ = _choose(text, runs, config, score.SHOWN_CODEC_PRIOR, kept, shown)
    return offsets, answers


def _all_kept(
    starts: list[int], answers: list[tuple[Step, ...]], chosen: dict[int, tuple[int, int] | None], shown: frozenset[str]
) -> bool:
    """Would every run the first pass judged keep its steps in the second?

    True when every step went through a shown codec, every judged run found
    steps, and each run's steps (in order) start before the next run does, so
    that the second pass would find each run's own steps kept for it. Checked
    by run rather than by step: damaged English has a run every few words.
    """
    if not shown.issuperset({step.chain[-1] for steps in answers for step in steps}):
        return False
    # Where find's bisect would put a step: a repeated start ends up mapped to the next greater one.
    next_start = dict(zip(starts, starts[1:]))
    return all(
        found is not None and start <= found[0] and found[1] < next_start.get(start, math.inf)
        for start, found in chosen.items()
    )


def _shown_codecs(steps: Iterable[Step]) -> frozenset[str]:
    """The codecs of which one repair is certain on its own (:func:`score.shown`)."""
    return score.shown(steps, lambda step: step.chain[-1])


def damage_chars(codecs: tuple[str, ...]) -> str:
    """A regex class body of the characters this layer's damage through
    ``codecs`` holds one of: a run's start character, or U+FFFD."""
    return class_body(any_start_chars(codecs) | {REPLACEMENT})


def _candidates(text: str, config: Config) -> dict[tuple[int, int], tuple[tuple[int, int], ...]]:
    """Each run that may be damage, with its readings: (channel number, how far
    from the run's start the reading stops)."""
    by_run: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
    non_ascii = census.of(text).non_ascii  # every start character is non-ASCII
    if not any_start_pattern(config.codecs).search(non_ascii) and REPLACEMENT not in non_ascii:
        return by_run  # one scan instead of one per codec, for the common case: no damage
    all_runs = _AllRuns.between(_SPLIT_BY_ASCII, text)  # found once, only when some codec could use them
    all_runs.any_start = any_start_pattern(config.codecs)
    has_marks = REPLACEMENT in non_ascii
    # Codecs in a row that find the same runs (GBK and GB18030, in damaged
    # English) add their readings together, in one pass over the runs.
    group: list[tuple[str, bool]] = []
    group_runs: list[tuple[int, int]] = []
    for codec in config.codecs:
        runs = _runs(text, codec, all_runs, has_marks)
        if not runs:
            continue
        allow_qmark = (
            ErrorMode.QMARK in config.error_modes
            and any(map(text.startswith, repeat("?"), [end for _, end in runs]))
            and _qmark_plausible(text, runs, codec)
        )
        if runs != group_runs:
            _add_readings(by_run, text, group_runs, group, config.error_modes, has_marks)
            group, group_runs = [], runs
        group.append((codec, allow_qmark))
    _add_readings(by_run, text, group_runs, group, config.error_modes, has_marks)
    return by_run


def _add_readings(by_run, text, runs, codecs: list[tuple[str, bool]], modes, has_marks: bool) -> None:
    """Add each run's readings through ``codecs`` to ``by_run``, in their order,
    with how far from the run's start each would stop. Each codec comes with
    whether its decoder may have written ``?`` for lost bytes.

    (One loop with the channels made beforehand: there are tens of thousands
    of runs in a megabyte of damaged English.)
    """
    if not codecs:
        return
    marked: tuple[int, ...] = ()  # for a run holding U+FFFD
    plain: tuple[int, ...] = ()  # for any other
    questioned: tuple[int, ...] = ()  # for one followed by "?"
    qmarks = set()
    for codec, allow_qmark in codecs:
        codec_marked, codec_plain, qmark = _readings(codec, modes)
        marked += codec_marked
        plain += codec_plain
        questioned += ((qmark,) if allow_qmark else ()) + codec_plain
        if allow_qmark:
            qmarks.add(qmark)
    shared: dict[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]] = {}
    for run in runs:
        start, end = run
        size = end - start
        if has_marks and text.find(REPLACEMENT, start, end) >= 0:
            readings = tuple([(channel, size) for channel in marked])
        elif qmarks and text.startswith("?", end):
            stop = end
            while text.startswith("?", stop):
                stop += 1
            readings = tuple([(channel, stop - start if channel in qmarks else size) for channel in questioned])
        else:
            readings = tuple([(channel, size) for channel in plain])
        readings = by_run.get(run, ()) + readings
        # Runs of one length share their readings: one tuple each, not one per
        # run for the garbage collector to walk again and again.
        by_run[run] = shared.setdefault(readings, readings)


def _choose(
    text, runs, config: Config, prior: float, kept: dict[int, list[Step]], shown: frozenset[str] | None = None
) -> tuple[list[int], list[tuple[Step, ...]], dict[int, tuple[int, int] | None]]:
    """Resolve each run in order (so lossy choices see the repaired text before
    them); ``runs`` are the candidates sorted, ``kept`` holds steps already
    chosen, by the run they start.

    ``prior`` applies to the codecs in ``shown`` (all, when None): the ones
    the document has already shown; the others keep the usual prior.
    Returns each run's steps, relative to where they are placed (the run's
    start; 0 for kept steps), with those places, and for each run judged here
    (not kept), by its start, where its first and last steps start (None: it
    has none). (Integers and remembered answers, not a copy of every step:
    there is one per damaged run, and the garbage collector would walk them
    all on every full collection.)
    """
    offsets: list[int] = []
    answers: list[tuple[Step, ...]] = []
    chosen: dict[int, tuple[int, int] | None] = {}
    context = _ParagraphSoFar(text)
    reached = 0  # where the last step ends
    for (start, _end), channels in runs:
        if answers and start < reached:
            continue
        at, best = 0, tuple(kept.get(start, ()))
        if not best:
            at, best = start, _best_for_run(text, start, channels, context, config, prior, shown)
            chosen[start] = (best[0].start + at, best[-1].start + at) if best else None
        context.accept(at, best)
        if best:
            offsets.append(at)
            answers.append(best)
            reached = best[-1].end + at
    return offsets, answers, chosen


def _best_for_run(text, start, channels, context, config, prior, shown) -> tuple[Step, ...]:
    """The steps of the channel that explains most of the run starting at ``start``,
    relative to it.

    Real documents repeat the same damaged runs, so each run is resolved in
    a minimal context that decides the same things (the quotes still open
    and a few characters each side) and the answer is remembered.
    """
    if not channels:  # none of the run's readings is an error mode the config models
        return ()
    left = context.before(start)
    brief_left = lossy.open_quotes(left) + left[-_CONTEXT:]
    # (List comprehensions: for the few channels of a run they beat generators and map.)
    if shown is None:
        readings = tuple([(_CHANNELS[number], stop, prior) for number, stop in channels])
    else:
        readings = tuple([(_CHANNELS[number], stop, _prior(_CHANNELS[number].codec, prior, shown)) for number, stop in channels])
    # All that any of the channels looks at: the run, its markers, and the context after them.
    seen = text[start : start + max([stop for _, stop in channels]) + _CONTEXT + 1]
    best_alone = _best_alone if len(seen) <= REMEMBERED_RUN else _best_alone.__wrapped__
    best = best_alone(seen, brief_left, readings, config)
    if best and any(map(_writes_letters, best)):
        # Judged in a brief context, so that answers can be remembered; the
        # scripts the paragraph uses are asked of the whole of it (only for
        # repairs that write non-ASCII letters: most write punctuation).
        context = left + text[start + len(seen) : start + len(seen) + _SCRIPT_CONTEXT]
        best = tuple([step for step in best if not _foreign(step, seen, context)])
    return best


def _writes_letters(step: Step) -> bool:
    return not step.after.isascii() and any(ch.isalpha() and not ch.isascii() for ch in step.after)


#: How far after a run its context is searched for the scripts a repair writes.
_SCRIPT_CONTEXT = 300


def _foreign(step: Step, seen: str, context: str) -> bool:
    """Does the step write a script neither its run nor its paragraph needs (:func:`score.introduces_script`)?"""
    return score.introduces_script(step.before, step.after, context + seen[: step.start] + seen[step.end :])


def _prior(codec: str, prior: float, shown: frozenset[str]) -> float:
    """The prior of ``codec``'s readings: ``prior`` if the document has shown the codec."""
    return prior if codec in shown else score.CHANNEL_PRIOR


@lru_cache(maxsize=8192)
def _best_alone(seen: str, left: str, readings, config: Config) -> tuple[Step, ...]:
    """:func:`_best_for_run` on the run alone: ``seen`` starts with it, ``left`` is
    the brief context before it, ``readings`` its channels with where each
    reading stops and the prior it gets."""
    best: tuple[Step, ...] = ()
    tried: list[tuple[Channel, int, tuple[Channel, ...], float]] = []
    for channel, stop, prior in readings:
        kin = family_of(channel.codec)
        family = tuple(c for c, s, _ in readings if s == stop and c.errors is channel.errors and c.codec in kin)
        if _answered(seen[:stop], channel, stop, family, prior, tried):
            continue
        tried.append((channel, stop, family, prior))
        run, after = seen[:stop], seen[stop : stop + _CONTEXT + 1]
        resolve_alone = _resolve_alone if len(run) <= REMEMBERED_RUN else _resolve_alone.__wrapped__
        found = resolve_alone(run, after, left, channel, family, config, prior)
        if _coverage(found) > _coverage(best):  # the channel explaining most of the run wins
            best = found
    return best


def _answered(run: str, channel: Channel, stop: int, family, prior: float, tried) -> bool:
    """Was the run already resolved through a channel that reads it the same?

    GBK and GB18030 encode most text alike: judged by the same family with
    the same prior, such a channel would find the very same steps, which
    cannot cover more of the run than the best found so far.
    """
    return any(
        (stop, family, prior) == (t_stop, t_family, t_prior) and reads_alike(run, channel, t_channel)
        for t_channel, t_stop, t_family, t_prior in tried
    )


def _coverage(steps: list[Step]) -> tuple[int, float]:
    """How much of a run some steps explain: characters covered, then confidence."""
    return sum(s.end - s.start for s in steps), sum(s.confidence for s in steps)


@lru_cache(maxsize=8192)
def _resolve_alone(run, after, left, channel, family, config, prior) -> tuple[Step, ...]:
    """The steps repairing ``run`` through ``channel``, between ``left`` and ``after``,
    at offsets in the run."""
    text = left + run + after
    offset = len(left)
    context = _ParagraphSoFar(text)
    pieces = list(analyse(text, offset, offset + len(run), channel, family))
    starts = {piece.start for piece in pieces}
    chosen: dict[int, tuple[Piece, str, Step]] = {}  # by the piece's start: the piece, its left context, its step
    for piece in pieces:
        # What follows a piece is damaged too only where another piece goes
        # on; a part of the run the channel cannot explain is text as it
        # stands, and judges the piece like any neighbour (路 before 径).
        run_end = piece.end + 1 if piece.end in starts else piece.end
        before = context.before(piece.start)
        step = _resolve_piece(piece, text, before, config, prior, run_end)
        if step is not None:
            context.accept(0, (step,))  # the next part sees this one repaired
            chosen[piece.start] = (piece, before, step)
    found = [
        step.moved(start=step.start - offset, end=step.end - offset)
        for piece, before, step in chosen.values()
        if _holds_beside(piece, before, chosen, starts, text, config, prior)
    ]
    whole = _whole_word(pieces, text, left, config, prior, offset + len(run))
    if whole is not None and whole.end - whole.start > _coverage(found)[0]:
        return (whole.moved(start=whole.start - offset, end=whole.end - offset),)
    return tuple(found)


def _holds_beside(piece: Piece, before: str, chosen: dict, starts: set[int], text: str, config: Config, prior: float) -> bool:
    """Does a piece's repair still hold once the part after it turned out not
    to be repaired? That part is then the text as it stands, and judges the
    piece as any neighbour does (``模`` before an unrepaired ``式``)."""
    if piece.end not in starts or piece.end in chosen:
        return True
    return _resolve_piece(piece, text, before, config, prior, piece.end) is not None


def _whole_word(pieces: list[Piece], text: str, left: str, config: Config, prior: float, run_end: int) -> Step | None:
    """The parts of a run, when none lost bytes and they follow one another,
    repaired as one damage.

    Each part must earn its own repair (see :func:`pieces.analyse`), but a
    word of an alphabet read through a CJK codec (``袩褉懈胁械褌`` for
    ``Привет``) is cut at every letter, and no single letter is worth the
    prior: one prior for the word is what believing one damage costs.
    """
    if len(pieces) < 2 or any(p.gaps for p in pieces) or any(a.end != b.start for a, b in zip(pieces, pieces[1:])):
        return None
    first = pieces[0]
    whole = Piece(first.start, pieces[-1].end, b"".join(p.data for p in pieces), (), first.channel, first.family)
    return resolve(whole, text, left, config, prior, run_end)


def _resolve_piece(piece: Piece, text: str, left: str, config: Config, prior: float, run_end: int) -> Step | None:
    """:func:`resolve`, remembered for pieces with the same surroundings.

    Runs that differ only at their ends (a paragraph whose next one has
    another number) share the pieces in between, with the same repaired text
    before them: only the pieces at the ends are resolved again.
    """
    if len(left) > REMEMBERED_RUN or piece.end - piece.start > REMEMBERED_RUN:  # bounds the memory
        return resolve(piece, text, left, config, prior, run_end)
    # All of the text that resolve reads: the piece and what follows it.
    seen = text[piece.start : piece.end + _AFTER]
    size, inside = piece.end - piece.start, piece.end < run_end
    step = _resolve_seen(seen, size, piece.data, piece.gaps, piece.family, left, config, prior, inside)
    return step and step.moved(start=piece.start, end=piece.end)


#: How many characters after a piece :func:`resolve` looks at: its context, and
#: the characters whose decoding the channel check repeats.
_AFTER = max(_CONTEXT + 1, LOOKAHEAD)


@lru_cache(maxsize=4096)
def _resolve_seen(seen, size, data, gaps, family, left, config, prior, inside) -> Step | None:
    """:func:`resolve` on a piece of ``size`` characters at the start of ``seen``
    (``inside``: damaged text follows it), with the step at offset 0."""
    piece = Piece(0, size, data, gaps, family[0], family)
    return resolve(piece, seen, left, config, prior, size + 1 if inside else size)
