"""Lossy reconstruction: choose the character a wrong decode destroyed.

When a decoder drops or replaces a byte, the channel model narrows the lost
character down to a set of candidates (for a curly quote read as GBK, the 64
characters U+2000–U+203F).  This module picks among them by context, the way a
proofreader would:

* an unclosed “ earlier in the paragraph wants a ” (and ‘ a ’);
* a letter followed by a space or punctuation, with no open quote, wants an
  apostrophe ’ (``the players’ union``);
* a digit on both sides wants an en dash (``1990–1995``);
* spaces on both sides want a dash;
* otherwise each character's ordinary frequency decides.

The result is a probability for every candidate, so the confidence of a step
reflects how ambiguous the choice was.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..score import cost

# Rough relative frequencies of punctuation in edited prose (log-weights).
_PRIOR = {
    "’": 4.0,
    "”": 3.0,
    "“": 3.0,
    "—": 2.0,
    "–": 2.0,
    "…": 1.5,
    "‘": 1.5,
    "•": 0.5,
    "″": -1.0,
    "′": -1.0,
}
_RARE = -4.0
_OPENING = "“‘"
_CLOSING = "”’"
_SPACE_BEFORE = " \t\n([{/-–—"
_DECADE = re.compile(r"\d0s\b")


def _open_quote(left: str, opening: str, closing: str) -> bool:
    """Is the last ``opening``/``closing`` quote in this paragraph an opening one?"""
    para = left[left.rfind("\n") + 1 :]
    last_open = para.rfind(opening)
    return last_open >= 0 and para.rfind(closing) < last_open


def _punctuation_score(ch: str, left: str, right: str) -> float:
    score = _PRIOR.get(ch, _RARE)
    prev = left[-1:] or "\n"
    nxt = right[:1] or "\n"
    after_word = prev.isalnum() or prev in ".,!?;:)]…’”"
    before_space = nxt.isspace() or nxt in ".,;:!?)]"
    if ch in _OPENING:
        score += 2.0 if prev in _SPACE_BEFORE or prev.isspace() else -4.0
        score += -4.0 if nxt.isspace() else 0.5
    elif ch == "”":
        score += 3.5 if _open_quote(left, "“", "”") else -3.0
        score += 0.5 if after_word else -5.0
    elif ch == "’":
        if _open_quote(left, "‘", "’"):
            score += 3.0
        elif _open_quote(left, "“", "”") and before_space:
            score -= 1.0  # inside a quotation a closing ” is likelier
        if _DECADE.match(right) and not prev.isalnum():
            score += 6.0  # ’90s, ’80s
        else:
            score += 1.0 if prev.isalpha() else -2.0
    elif ch == "–":
        score += 4.0 if prev.isdigit() and nxt.isdigit() else 0.0
    elif ch == "—":
        score += 1.5 if prev in " \t" and nxt.isspace() else 0.0
        score += -2.0 if prev.isdigit() and nxt.isdigit() else 0.0
    elif ch == "…":
        score += 1.0 if after_word and before_space else -1.0
    elif ch == "•":
        score += 3.0 if prev == "\n" and nxt.isspace() else -3.0
    if ch in _CLOSING + "…" and nxt.isalnum():
        score -= 2.0
    return score


def _general_score(ch: str, left: str, right: str) -> float:
    # Only the neighbours matter for script clashes; keep the context short.
    return -cost(left[-1:] + ch + right[:1])


def _score(ch: str, left: str, right: str) -> float:
    if ch in _PRIOR or 0x2000 <= ord(ch[0]) <= 0x206F:
        return _punctuation_score(ch, left, right)
    return _general_score(ch, left, right)


def rank(candidates: Sequence[str], left: str, right: str) -> list[tuple[str, float]]:
    """Candidates with probabilities, most likely first."""
    if not candidates:
        return []
    scored = [(c, _score(c, left, right)) for c in candidates]
    top = max(s for _, s in scored)
    weights = [(c, math.exp(s - top)) for c, s in scored]
    total = sum(w for _, w in weights)
    ranked = sorted(((c, w / total) for c, w in weights), key=lambda cw: -cw[1])
    return ranked
