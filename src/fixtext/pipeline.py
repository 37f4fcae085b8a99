"""The pipeline: run the layers over the text, pass after pass, until nothing changes.

Each layer proposes non-overlapping steps on the text as it stands; the steps
of one layer form a *stage* and are applied together.  Passes repeat so that
chains of wrong decodes (UTF-8 → cp1252 → UTF-8 → GBK) come apart one link at
a time.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path

from . import census
from .config import DEFAULT, Config
from .decoding import decode_bytes
from .layers import legacy, multibyte, singlebyte
from .model import Explained, Finding, Step
from .normalize import bidi, engine
from .normalize.markup import MARKUPS
from .normalize.policy import Policy, resolve
from .plan import apply_stage

_LAYERS = {
    "multibyte": multibyte.find,
    "single-byte": singlebyte.find,
    "legacy": legacy.find,
}


def _edits_of(find):
    return lambda text, config: [(s.start, s.end, s.after) for s in find(text, config)]


#: The same layers for fix_text, which needs only what changes where:
#: ``(start, end, after)``. The multibyte layer, with a repair every few
#: words of damaged text, gives these without making a step for each.
_EDITS = {
    "multibyte": multibyte.find_edits,
    "single-byte": _edits_of(singlebyte.find),
    "legacy": _edits_of(legacy.find),
}


def _needs_work(text: str) -> bool:
    """The fast path: pure ASCII text has nothing any layer could repair."""
    return not text.isascii()


def _surely_clean(text: str, config: Config) -> bool:
    """The fast path for the rest: no character of the text is one any layer's
    damage needs, and its shape holds nothing the legacy layer looks for.

    Each layer asks the same of its own characters first; asked together,
    clean text (Korean, where only hangul is non-ASCII) takes one scan
    instead of one per layer.
    """
    found = census.of(text)
    if _damage_chars(config.codecs).search(found.non_ascii):
        return False  # first: in most text that is not clean, a character says so at once
    return not legacy.may_hold_by_shape(found)


@lru_cache(maxsize=16)
def _damage_chars(codecs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"[{multibyte.damage_chars(codecs)}{singlebyte.DAMAGE_CHARS}{legacy.DAMAGE_CHARS}]")


class _StageMap:
    """Where the text a stage produced came from in the text it was given."""

    def __init__(self, steps: list[Step]) -> None:
        self.steps = steps
        self.out_starts: list[int] = []
        self.shifts: list[int] = []  # growth of the text before each step
        shift = 0
        for step in steps:  # in text order, non-overlapping
            self.out_starts.append(step.start + shift)
            self.shifts.append(shift)
            shift += len(step.after) - (step.end - step.start)
        self.total = shift

    def position(self, pos: int, *, end: bool) -> int:
        """Where output position ``pos`` was in the input; inside a step's output,
        the edge of its input (its start for a span's start, its end for an end)."""
        i = bisect.bisect_right(self.out_starts, pos) - 1
        if end and i >= 0 and self.out_starts[i] == pos and pos > 0:
            i -= 1  # a span ending where a step's output begins ends before it
        if i < 0:
            return pos
        step, out_start = self.steps[i], self.out_starts[i]
        if pos < out_start + len(step.after) or (end and pos == out_start + len(step.after) and out_start < pos):
            return step.end if end else step.start
        return pos - self.shifts[i] - (len(step.after) - (step.end - step.start))


def _to_source(span: tuple[int, int], stages: list[_StageMap]) -> tuple[int, int]:
    """Map a span of a later stage's text back to the caller's input."""
    start, end = span
    for stage in reversed(stages):
        start, end = stage.position(start, end=False), stage.position(end, end=True)
    return start, max(start, end)


def _run_stage(text: str, steps: list[Step], stages: list[_StageMap]) -> str:
    """Apply one stage of steps, each located in the caller's input."""
    stage = len(stages)
    if stages:
        sources = [_to_source((s.start, s.end), stages) for s in steps]
    else:  # the first stage's text is the caller's input: no mapping back
        sources = [(s.start, max(s.start, s.end)) for s in steps]
    steps = [s.moved(stage=stage, source_start=a, source_end=b) for s, (a, b) in zip(steps, sources)]
    stages.append(_StageMap(steps))
    return apply_stage(text, steps, replay=False)


def fix_and_explain(
    text: str, *, normalize: Policy | str | None = None, markup: str = "text", config: Config | None = None
) -> Explained:
    """Repair ``text`` and explain every change.  See :func:`fix_text`."""
    stages: list[_StageMap] = []
    record = partial(_run_stage, stages=stages)
    text = _repair(text, normalize, markup, config, _LAYERS, record, record)
    return Explained(text, tuple(step for stage in stages for step in stage.steps))


def fix_text(
    text: str, *, normalize: Policy | str | None = None, markup: str = "text", config: Config | None = None
) -> str:
    """Repair mojibake in ``text``; clean text comes back unchanged.

    ``normalize`` is a punctuation-normalization policy, or the name of a
    preset (``fixtext.PRESETS``), run after the repair (none by default);
    ``markup`` ("text", "markdown" or "rst") says which code and URLs it must
    leave alone.  ``config`` adjusts layers, codecs and confidence thresholds.
    """
    # The same repair, with each stage's changes spliced in and let go: nobody
    # asks where they were, and a long damaged text would keep hundreds of
    # thousands of steps (which the garbage collector walks again and again).
    return _repair(text, normalize, markup, config, _EDITS, _splice, partial(apply_stage, replay=False))


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each non-overlapping ``(start, end, after)`` put in:
    :func:`~fixtext.plan.apply_stage` without replay, for edits rather than steps."""
    out = []
    cursor = 0
    for start, end, after in sorted(edits):
        out.append(text[cursor:start])
        out.append(after)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _repair(text, normalize, markup: str, config: Config | None, layers, record_layer, record_rules) -> str:
    """Run normalization (if asked) and the layers, pass after pass.

    ``layers`` maps each layer's name to what it finds; ``record_layer``
    applies that to the text (and keeps what the caller needs of it),
    ``record_rules`` the same for normalization's steps.
    """
    if not isinstance(text, str):
        raise TypeError(f"fixtext repairs str, not {type(text).__name__}; use fix_bytes for bytes")
    if markup not in MARKUPS:
        raise ValueError(f"unknown markup {markup!r}; expected one of {', '.join(MARKUPS)}")
    policy = None if normalize is None else resolve(normalize)
    config = config or DEFAULT
    if policy is not None:
        text = engine.run(text, policy.rules_before_repair(), markup, record_rules)
    passes = 0 if not _needs_work(text) or _surely_clean(text, config) else config.max_passes
    for _ in range(passes):
        changed = False
        for layer in config.layers:
            if not _needs_work(text):
                break
            found = layers[layer](text, config)
            if not found:
                continue
            text = record_layer(text, found)
            changed = True
        if not changed:
            break
    if policy is not None:
        text = engine.run(text, policy.rules(), markup, record_rules)
    return text


def fix_bytes_and_explain(
    data: bytes, *, normalize: Policy | str | None = None, config: Config | None = None
) -> Explained:
    """Decode ``data`` (see :func:`fixtext.decoding.detect_encoding`), then repair it."""
    text, detection = decode_bytes(data)
    explained = fix_and_explain(text, normalize=normalize, config=config)
    return replace(explained, encoding=detection.encoding, encoding_confidence=detection.confidence)


def fix_bytes(data: bytes, *, normalize: Policy | str | None = None, config: Config | None = None) -> str:
    """Repair text given as bytes in any encoding; see :func:`fix_bytes_and_explain`.

    Raises :class:`~fixtext.BinaryInputError` for binary data and
    :class:`~fixtext.UndecodableInputError` when no encoding decodes it.
    """
    return fix_bytes_and_explain(data, normalize=normalize, config=config).text


def fix_file(path: str | os.PathLike[str], *, normalize: Policy | str | None = None, config: Config | None = None) -> str:
    """Read a file in whatever encoding it is in, and return its repaired text."""
    return fix_bytes(Path(path).read_bytes(), normalize=normalize, config=config)


def diagnose(
    text: str, *, normalize: Policy | str | None = None, markup: str = "text", config: Config | None = None
) -> list[Finding]:
    """Report what :func:`fix_text` would change, located in ``text``; change nothing.

    Bidirectional control characters (the "Trojan Source" class) are always
    reported: as a change when the policy removes them, else as a finding
    whose ``after`` is the character itself.
    """
    steps = list(fix_and_explain(text, normalize=normalize, markup=markup, config=config).steps)
    removed = {(s.source_start, s.source_end) for s in steps if s.rule == bidi.RULE}
    steps += [
        s.moved(source_start=s.start, source_end=s.end)
        for edit in bidi.find_bidi_controls(text)
        if edit[:2] not in removed
        for s in [engine.step(text, edit, bidi.RULE)]
    ]
    findings = []
    for step in steps:
        start = step.source_start if step.source_start >= 0 else step.start
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        findings.append(Finding(line=line, column=column, step=step))
    return findings
