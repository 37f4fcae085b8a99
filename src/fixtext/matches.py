"""A pattern's matches in a text, found at C speed, positioned only when asked.

``finditer`` makes a match object per match, and a megabyte of CJK text has
tens of thousands of lines or runs, of which the layers usually keep none.
One ``split`` by the pattern makes their strings instead; the text alternates
between what lies between matches (maybe empty) and matches, so the running
total of the parts' lengths holds every match's start and end, worked out
only for a caller that wants some of them.
"""

from __future__ import annotations

import re
from itertools import accumulate


def splitting(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` as one group, for :class:`Matches` (it must have no group of its own)."""
    if pattern.groups:
        raise ValueError("the pattern must not capture: split would return its groups")
    return re.compile(f"({pattern.pattern})", pattern.flags)


class Matches:
    """The non-overlapping matches of a :func:`splitting` pattern in ``text``."""

    def __init__(self, splitter: re.Pattern[str], text: str) -> None:
        self._parts = splitter.split(text)  # between, match, between, match, ..., between
        self.strings = self._parts[1::2]
        self._spans: list[tuple[int, int]] | None = None

    def spans(self) -> list[tuple[int, int]]:
        """Each match's ``(start, end)``, as ``Match.span()`` would give it."""
        if self._spans is None:
            ends = list(accumulate(map(len, self._parts)))
            self._spans = list(zip(ends[0::2], ends[1::2]))
        return self._spans
