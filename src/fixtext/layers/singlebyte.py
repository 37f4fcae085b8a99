"""Single-byte layer: UTF-8 read as latin-1, cp1252, macroman, cp437 and kin.

ftfy solves this well, so this layer delegates to ``ftfy.fix_encoding`` with
every non-encoding fixer turned off (no uncurled quotes, no unescaped HTML,
no normalization: those are not damage).  It only calls ftfy on lines that
ftfy's own badness regex flags (searched through :mod:`.sieve`), and reports each change as a step whose plan
is ftfy's replayable plan.
"""

from __future__ import annotations

import ftfy

from .. import score
from ..config import Config
from ..model import ErrorMode, Step
from .sieve import DAMAGE_CHARS as _SIEVE_CHARS
from .sieve import badness_matches

#: This layer's damage holds one of these characters (a regex class body):
#: the lines it hands to ftfy are those where ftfy's badness regex matches.
DAMAGE_CHARS = _SIEVE_CHARS

LAYER = "single-byte"

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)


def _flagged_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines in which ftfy's badness regex matches."""
    spans: list[tuple[int, int]] = []
    for match in badness_matches(text):
        if spans and match.start() < spans[-1][1]:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        spans.append((start, len(text) if end < 0 else end))
    return spans


def _chain(plan: list[tuple[str, str]]) -> tuple[str, ...]:
    """The history of wrong decodes, oldest first, read off ftfy's plan."""
    encodes = [param for action, param in plan if action == "encode"]
    if not encodes:
        return ("utf-8", "windows-1252")
    chain: list[str] = []
    for codec in reversed(encodes):
        chain += ["utf-8", codec]
    return tuple(chain)


def _narrow(before: str, after: str) -> tuple[int, int, int]:
    """Lengths of the common prefix and suffix, and where the changed part ends in ``before``."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, suffix, len(before) - suffix


def _step(start: int, line: str, fixed: str, plan: list[tuple[str, str]]) -> Step:
    ops = (("ftfy", tuple(tuple(op) for op in plan)),)
    prefix, suffix, end = _narrow(line, fixed)
    before, after = line[prefix:end], fixed[prefix : len(fixed) - suffix]
    try:
        replays = ftfy.apply_plan(before, plan) == after
    except (UnicodeError, ValueError):
        replays = False
    if not replays:
        prefix, end, before, after = 0, len(line), line, fixed
    gain = score.cost(line) - score.cost(fixed)
    lossy = any(param == "replace_lossy_sequences" for _, param in plan)
    return Step(
        start=start + prefix,
        end=start + end,
        before=before,
        after=after,
        layer=LAYER,
        chain=_chain(plan),
        errors=ErrorMode.REPLACE if lossy else ErrorMode.STRICT,
        confidence=round(max(0.5, score.confidence(gain)), 4),
        ops=ops,
    )


def find(text: str, config: Config) -> list[Step]:
    if text.isascii():
        return []
    steps = []
    for start, end in _flagged_lines(text):
        line = text[start:end]
        fixed, plan = ftfy.fix_encoding_and_explain(line, FTFY_CONFIG)
        if fixed != line and plan:
            step = _step(start, line, fixed, [tuple(op) for op in plan])
            if step.confidence >= config.min_confidence:
                steps.append(step)
    return steps
