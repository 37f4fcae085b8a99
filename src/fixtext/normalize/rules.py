"""What a normalization rule is: a name and a function finding its edits.

A rule never rewrites the text itself.  It returns *edits* — ``(start, end,
replacement)`` on the text it was given, in order and not overlapping — so
that the engine can drop the ones that fall in protected markup, record each
one as a step with its span, and replay it later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

#: ``(start, end, replacement)``; ``start == end`` inserts.
Edit = tuple[int, int, str]


@dataclass(frozen=True)
class Rule:
    name: str
    find: Callable[[str], list[Edit]]
    markups: tuple[str, ...] = ("text", "markdown", "rst")  # the kinds of document it applies to


def pattern_rule(name: str, pattern: str | Any, replace: Callable[[Any], str | None]) -> Rule:
    """A rule replacing each match of ``pattern`` by ``replace(match)``
    (``None``, or the match itself, leaves it alone)."""
    compiled = regex.compile(pattern) if isinstance(pattern, str) else pattern

    def find(text: str) -> list[Edit]:
        edits = []
        for match in compiled.finditer(text):
            after = replace(match)
            if after is not None and after != match.group():
                edits.append((match.start(), match.end(), after))
        return edits

    return Rule(name, find)


def table_rule(name: str, table: Mapping[int, Any]) -> Rule:
    """A rule mapping single characters through a ``str.translate`` table."""
    chars = "".join(regex.escape(chr(cp)) for cp in sorted(table))
    return pattern_rule(name, f"[{chars}]", lambda m: m.group().translate(table))

