"""A pattern's matches in a text, found at C speed, positioned only when asked.

``finditer`` makes a match object per match, and a megabyte of CJK text has
tens of thousands of lines or runs, of which the layers usually keep none.
One ``split`` makes their strings instead; the text alternates between what
lies between matches (maybe empty) and matches, so the running total of the
parts' lengths holds every match's start and end, worked out only for a
caller that wants some of them.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from itertools import accumulate, repeat


def splitting(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` as one group, for :meth:`Matches.of` and :meth:`Matches.between`
    (it must have no group of its own)."""
    if pattern.groups:
        raise ValueError("the pattern must not capture: split would return its groups")
    return re.compile(f"({pattern.pattern})", pattern.flags)


class Matches:
    """Matches in a text, from its parts: between, match, between, ..., between."""

    def __init__(self, parts: list[str]) -> None:
        self._parts = parts
        self.strings = parts[1::2]
        self._ends: list[int] | None = None  # where each part ends

    @classmethod
    def of(cls, splitter: re.Pattern[str], text: str) -> Matches:
        """The non-overlapping matches of a :func:`splitting` pattern in ``text``."""
        return cls(splitter.split(text))

    @classmethod
    def between(cls, separators: re.Pattern[str], text: str) -> Matches:
        """The stretches of ``text`` between the matches of ``separators``, a
        :func:`splitting` pattern whose matches are maximal (``[...]+``).

        The same as the matches of the complement, often faster: the regex
        engine consumes a long separator in one tight loop, where searching
        for the start of each stretch tests every character on the way.
        """
        if not text:
            return cls([""])
        parts = separators.split(text)  # stretch, separator, stretch, ..., stretch: empty only at the ends
        if parts[0]:
            parts.insert(0, "")
        else:
            del parts[0]
        if parts[-1]:
            parts.append("")
        else:
            del parts[-1]
        return cls(parts)

    def spans(self, indexes: Iterable[int] | None = None) -> list[tuple[int, int]]:
        """Each match's ``(start, end)``, as ``Match.span()`` would give it; or
        only those of the matches at ``indexes`` (no tuple made for the rest)."""
        if self._ends is None:
            self._ends = list(accumulate(map(len, self._parts)))
        ends = self._ends
        if indexes is None:
            return list(zip(ends[0::2], ends[1::2]))
        twice = list(map(operator.mul, indexes, repeat(2)))
        return list(zip(map(ends.__getitem__, twice), map(ends.__getitem__, map(operator.add, twice, repeat(1)))))
