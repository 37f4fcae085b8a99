"""Text the user told fixtext to leave alone.

Inline markers work in any file type, inside whatever comment syntax it has:

* a line containing ``fixtext: ignore`` is never changed;
* from a line containing ``fixtext: off`` to the next line containing
  ``fixtext: on`` (both included), nothing is changed.

The ``ignore`` setting lists strings that are never changed wherever they
occur: literal text, or a regular expression written ``re:PATTERN``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MARKER = re.compile(r"fixtext:\s*(ignore|off|on)\b")

Span = tuple[int, int]


class IgnoreError(ValueError):
    """An ``ignore`` entry that is not a valid regular expression."""


def compile_patterns(entries: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression matching any of the ``ignore`` entries, or None for none."""
    alternatives = []
    for entry in entries:
        if entry.startswith("re:"):
            try:
                re.compile(entry[3:])
            except re.error as exc:
                raise IgnoreError(f"ignore entry {entry!r} is not a valid regular expression: {exc}") from exc
            alternatives.append(f"(?:{entry[3:]})")
        elif entry:
            alternatives.append(re.escape(entry))
    return re.compile("|".join(alternatives)) if alternatives else None


def _marked_lines(text: str, off: bool) -> tuple[list[Span], bool]:
    """Spans of lines silenced by markers; ``off`` says whether a region is open at the start."""
    spans: list[Span] = []
    if "fixtext:" not in text and not off:
        return spans, off
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        markers = {m.group(1) for m in _MARKER.finditer(line)}
        if off or markers & {"ignore", "off"}:
            spans.append((start, end))
        if "off" in markers:
            off = True
        elif "on" in markers:
            off = False
        start = end
    return spans, off


def ignored_spans(text: str, patterns: re.Pattern[str] | None, off: bool = False) -> tuple[list[Span], bool]:
    """Sorted, merged spans of ``text`` that must not change, and whether an
    ``off`` region is still open at its end (for the next chunk of the file)."""
    spans, off = _marked_lines(text, off)
    if patterns is not None:
        spans += [m.span() for m in patterns.finditer(text) if m.end() > m.start()]
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged, off
