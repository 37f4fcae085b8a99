"""Running a policy's rules over a text, each rule's edits as one stage of steps."""

from __future__ import annotations

from collections.abc import Callable

from ..model import ErrorMode, Step
from . import markup as markup_
from .rules import Edit, Rule

LAYER = "normalize"
#: The rules are re-run until the text stops changing; rules whose output
#: enables another rule settle within a couple of passes.
MAX_PASSES = 4

#: Applies one stage of steps to the text and returns the new text (the
#: pipeline's, which also locates each step in the caller's input).
Record = Callable[[str, list[Step]], str]


def step(text: str, edit: Edit, rule: str) -> Step:
    start, end, after = edit
    return Step(
        start=start,
        end=end,
        before=text[start:end],
        after=after,
        layer=LAYER,
        chain=(),
        errors=ErrorMode.STRICT,
        confidence=1.0,
        ops=(("literal", after),),
        rule=rule,
    )


def run(text: str, rules: list[Rule], markup: str, record: Record) -> str:
    """Apply ``rules`` outside protected markup until nothing changes; in
    Markdown and reST, no edit may start a line with a block marker."""
    protected = None
    for _ in range(MAX_PASSES):
        changed = False
        for rule in rules:
            edits = rule.find(text) if markup in rule.markups else []
            if not edits:
                continue
            if protected is None:  # parsed lazily, and again only after a change
                protected = markup_.protected_spans(text, markup)
            steps = [
                step(text, edit, rule.name)
                for edit in edits
                if markup_.outside(protected, edit[0], edit[1])
                and not markup_.changes_block_start(text, *edit, markup)
            ]
            if steps:
                text = record(text, steps)
                protected, changed = None, True
        if not changed:
            break
    return text
