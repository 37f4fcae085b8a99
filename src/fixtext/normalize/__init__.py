"""Punctuation and whitespace normalization, by named policy.

Repair is fixtext's default; normalization runs only when asked for, after
the repair, as a policy (:class:`Policy`) or the name of a preset
(:data:`PRESETS`).  Every change is a step (layer ``normalize``, with the
rule's name) in :func:`fixtext.fix_and_explain`.  docs/normalization.md has
the rules and presets.
"""

from __future__ import annotations

from ..model import Explained
from .markup import MARKUPS
from .policy import CHOICES, PRESETS, Policy, resolve

__all__ = ["CHOICES", "MARKUPS", "PRESETS", "Policy", "normalize", "normalize_and_explain", "resolve"]


def normalize_and_explain(text: str, policy: Policy | str, *, markup: str = "text") -> Explained:
    """Normalize ``text`` by ``policy`` (no repair), explaining every change."""
    from ..config import Config
    from ..pipeline import fix_and_explain  # the pipeline imports this package

    return fix_and_explain(text, normalize=policy, markup=markup, config=Config(layers=()))


def normalize(text: str, policy: Policy | str, *, markup: str = "text") -> str:
    """Normalize ``text`` by ``policy`` — a :class:`Policy` or a preset name —
    leaving ``markup`` ("text", "markdown" or "rst") code and URLs untouched."""
    return normalize_and_explain(text, policy, markup=markup).text
