"""The command's one way into the library: repair a chunk of a file, minus what is ignored.

Every call to the repair engine goes through :func:`repair`, so options that
shape a repair (normalization preset, confidence threshold) are applied in one
place.  Ignored spans are never shown to the engine: the text between them is
repaired piece by piece and the ignored text is copied through, so it cannot
change whatever the engine decides.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from .config import Config
from .ignore import ignored_spans
from .model import Explained, Finding, Step
from .pipeline import fix_and_explain
from .settings import Settings


@lru_cache(maxsize=8)
def _config(min_confidence: float) -> Config:
    return Config(min_confidence=min_confidence)


def repair(text: str, settings: Settings, name: str = "") -> Explained:
    """Repair ``text``, from the file called ``name``, as the settings ask.

    Raises ValueError for an unknown normalization preset.  The engine itself
    drops steps below ``min_confidence`` (later passes see only what was
    applied), so the report and the written file agree.  ``name`` is where
    file-type decisions (markup-aware normalization) are to be made.
    """
    return fix_and_explain(
        text, normalize=settings.normalize, markup=markup_for(name), config=_config(settings.min_confidence)
    )


#: File suffixes whose markup normalization must leave alone (code, URLs, literal blocks).
_MARKUP_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".rst": "rst",
    ".rest": "rst",
}


def markup_for(name: str) -> str:
    """The markup of the file called ``name``, by its suffix: "markdown", "rst" or "text"."""
    return _MARKUP_BY_SUFFIX.get(PurePath(name).suffix.lower(), "text")


@dataclass(frozen=True)
class Repaired:
    """A chunk's repaired text and its findings, located in the file."""

    text: str
    findings: tuple[Finding, ...]


def _shifted(steps: tuple[Step, ...], by: int) -> list[Step]:
    return [s.moved(source_start=s.source_start + by, source_end=s.source_end + by) for s in steps]


def repair_chunk(
    text: str,
    settings: Settings,
    patterns: re.Pattern[str] | None,
    *,
    name: str = "",
    line: int = 1,
    column: int = 0,
    off: bool = False,
) -> tuple[Repaired, bool]:
    """Repair one chunk that starts at ``line``/``column`` of its file.

    ``off`` says whether a ``fixtext: off`` region is open where the chunk
    starts; the returned flag says whether one is open where it ends.
    """
    spans, off = ignored_spans(text, patterns, off)
    pieces: list[str] = []
    steps: list[Step] = []
    cursor = 0
    for start, end in [*spans, (len(text), len(text))]:
        if start > cursor:
            explained = repair(text[cursor:start], settings, name)
            pieces.append(explained.text)
            steps += _shifted(explained.steps, cursor)
        pieces.append(text[start:end])
        cursor = end
    return Repaired("".join(pieces), _locate(text, steps, line, column)), off


def _locate(text: str, steps: list[Step], line: int, column: int) -> tuple[Finding, ...]:
    if not steps:
        return ()
    breaks = [m.start() for m in re.finditer("\n", text)]
    findings = []
    for step in steps:
        index = bisect.bisect_left(breaks, step.source_start)
        line_start = breaks[index - 1] + 1 if index else 0
        col = step.source_start - line_start + 1 + (column if index == 0 else 0)
        findings.append(Finding(line=line + index, column=col, step=step))
    return tuple(findings)
