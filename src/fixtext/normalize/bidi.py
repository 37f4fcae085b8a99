"""Bidirectional control characters: the embeddings, overrides and isolates
that can make source code display differently from what it is ("Trojan
Source", CVE-2021-42574).  They are always reported; the ``remove`` setting
deletes them.  LRM, RLM and ALM are left alone: right-to-left text needs them.
"""

from __future__ import annotations

import regex

from .rules import Edit, Rule, pattern_rule

BIDI_CONTROLS = regex.compile("[\u202a-\u202e\u2066-\u2069]")
RULE = "bidi-controls"


def remove_bidi_controls() -> Rule:
    return pattern_rule(RULE, BIDI_CONTROLS, lambda m: "")


def find_bidi_controls(text: str) -> list[Edit]:
    """Each bidi control in ``text``, as an edit that keeps it (for reports)."""
    return [(m.start(), m.end(), m.group()) for m in BIDI_CONTROLS.finditer(text)]
