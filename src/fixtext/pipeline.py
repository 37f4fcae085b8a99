"""The pipeline: run the layers over the text, pass after pass, until nothing changes.

Each layer proposes non-overlapping steps on the text as it stands; the steps
of one layer form a *stage* and are applied together.  Passes repeat so that
chains of wrong decodes (UTF-8 → cp1252 → UTF-8 → GBK) come apart one link at
a time.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from .config import DEFAULT, Config
from .decoding import decode_bytes
from .layers import legacy, multibyte, singlebyte
from .model import Explained, Finding, Step
from .plan import apply_stage

_LAYERS = {
    "multibyte": multibyte.find,
    "single-byte": singlebyte.find,
    "legacy": legacy.find,
}


def _needs_work(text: str) -> bool:
    """The fast path: pure ASCII text has nothing any layer could repair."""
    return not text.isascii()


def _input_position(pos: int, steps: list[Step], *, end: bool) -> int:
    """Where position ``pos`` of a stage's output was in its input.

    A position inside a step's output maps to the edge of that step's input
    (its start for a span's start, its end for a span's end).
    """
    shift = 0
    for step in steps:  # in text order, non-overlapping
        out_start = step.start + shift
        out_end = out_start + len(step.after)
        if pos < out_start or (pos == out_start and not end):
            break
        if pos < out_end or (pos == out_end and end and out_start < pos):
            return step.end if end else step.start
        shift += len(step.after) - (step.end - step.start)
    return pos - shift


def _to_source(span: tuple[int, int], stages: list[list[Step]]) -> tuple[int, int]:
    """Map a span of a later stage's text back to the caller's input."""
    start, end = span
    for steps in reversed(stages):
        start, end = _input_position(start, steps, end=False), _input_position(end, steps, end=True)
    return start, max(start, end)


def fix_and_explain(text: str, *, normalize: str | None = None, config: Config | None = None) -> Explained:
    """Repair ``text`` and explain every change.  See :func:`fix_text`."""
    if not isinstance(text, str):
        raise TypeError(f"fix_and_explain() takes str, not {type(text).__name__}; use fix_bytes for bytes")
    if normalize is not None:
        raise ValueError(f"unknown normalization preset {normalize!r}")
    config = config or DEFAULT
    stages: list[list[Step]] = []
    for _ in range(config.max_passes):
        changed = False
        for layer in config.layers:
            if not _needs_work(text):
                break
            steps = _LAYERS[layer](text, config)
            if not steps:
                continue
            stage = len(stages)
            steps = [
                replace(s, stage=stage, source_start=a, source_end=b)
                for s in steps
                for a, b in [_to_source((s.start, s.end), stages)]
            ]
            text = apply_stage(text, steps, replay=False)
            stages.append(steps)
            changed = True
        if not changed:
            break
    return Explained(text, tuple(step for steps in stages for step in steps))


def fix_text(text: str, *, normalize: str | None = None, config: Config | None = None) -> str:
    """Repair mojibake in ``text``; clean text comes back unchanged.

    ``normalize`` names a punctuation-normalization preset to run after the
    repair (none is applied by default).  ``config`` adjusts layers, codecs and
    confidence thresholds.
    """
    return fix_and_explain(text, normalize=normalize, config=config).text


def fix_bytes_and_explain(
    data: bytes, *, normalize: str | None = None, config: Config | None = None
) -> Explained:
    """Decode ``data`` (see :func:`fixtext.decoding.detect_encoding`), then repair it."""
    text, detection = decode_bytes(data)
    explained = fix_and_explain(text, normalize=normalize, config=config)
    return replace(explained, encoding=detection.encoding, encoding_confidence=detection.confidence)


def fix_bytes(data: bytes, *, normalize: str | None = None, config: Config | None = None) -> str:
    """Repair text given as bytes in any encoding; see :func:`fix_bytes_and_explain`.

    Raises :class:`~fixtext.BinaryInputError` for binary data and
    :class:`~fixtext.UndecodableInputError` when no encoding decodes it.
    """
    return fix_bytes_and_explain(data, normalize=normalize, config=config).text


def fix_file(path: str | os.PathLike[str], *, normalize: str | None = None, config: Config | None = None) -> str:
    """Read a file in whatever encoding it is in, and return its repaired text."""
    return fix_bytes(Path(path).read_bytes(), normalize=normalize, config=config)


def diagnose(text: str, *, config: Config | None = None) -> list[Finding]:
    """Report what :func:`fix_text` would change, located in ``text``; change nothing."""
    findings = []
    for step in fix_and_explain(text, config=config).steps:
        start = step.source_start if step.source_start >= 0 else step.start
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        findings.append(Finding(line=line, column=column, step=step))
    return findings
