"""Lossy reconstruction: choose the character a wrong decode destroyed.

When a decoder drops or replaces a byte, the channel model narrows the lost
character down to a set of candidates (for a curly quote read as GBK, the 64
characters U+2000–U+203F).  This module picks among them by context, the way a
proofreader would:

* an unclosed “ earlier in the paragraph wants a ” (and ‘ a ’);
* an ``s`` followed by a space or punctuation, with no open quote, wants an
  apostrophe ’ (``the players’ union``); after other letters an ellipsis is likelier;
* a digit on both sides wants an en dash (``1990–1995``);
* spaces on both sides want a dash;
* otherwise each character's ordinary frequency decides.

The result is a probability for every candidate, so the confidence of a step
reflects how ambiguous the choice was.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

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


_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")


def _open_quote(left: str, opening: str, closing: str) -> bool:
    """Is the last ``opening``/``closing`` quote in this paragraph an opening one?

    An apostrophe inside a word (``they’ll``) closes nothing.
    """
    para = left[left.rfind("\n") + 1 :]
    if opening not in para:
        return False  # spares the apostrophes' regex below, in most paragraphs
    if closing == "’":
        para = _APOSTROPHE.sub("", para)
    last_open = para.rfind(opening)
    return last_open >= 0 and para.rfind(closing) < last_open


class _Context(NamedTuple):
    """All the scoring looks at: the neighbours and which quotes are open."""

    prev: str  # the character before the gap ("\n" at a paragraph start)
    right: str  # the next few characters
    double_open: bool
    single_open: bool
    low_open: bool  # a German „ is open, which “ closes
    sentence_start: bool  # nothing but spaces since the paragraph or the last sentence began

    @property
    def nxt(self) -> str:
        return self.right[:1] or "\n"


def open_quotes(left: str) -> str:
    """The opening quotes still open at the end of ``left``: all that its quote state amounts to."""
    para = left[left.rfind("\n") + 1 :]
    if "“" not in para and "‘" not in para and "„" not in para:
        return ""  # nothing opened in this paragraph: the common case, decided at C speed
    return (
        ("“" if _open_quote(para, "“", "”") else "")
        + ("‘" if _open_quote(para, "‘", "’") else "")
        + ("„" if _open_quote(para, "„", "“") else "")
    )


def _punctuation_score(ch: str, ctx: _Context) -> float:
    score = _PRIOR.get(ch, _RARE)
    prev, nxt = ctx.prev, ctx.nxt
    after_word = prev.isalnum() or prev in ".,!?;:)]…’”"
    before_space = nxt.isspace() or nxt in ".,;:!?)]"
    if ch == "“" and ctx.low_open and after_word:
        score += 3.5  # „so“: the German closing quote
    elif ch in _OPENING:
        score += 2.0 if prev in _SPACE_BEFORE or prev.isspace() else -4.0
        score += -4.0 if nxt.isspace() else 0.5
    elif ch == "”":
        score += 3.5 if ctx.double_open else -3.0
        score += 0.5 if after_word else -5.0
    elif ch == "’":
        score += _apostrophe_score(ctx, before_space)
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


def _apostrophe_score(ctx: _Context, before_space: bool) -> float:
    score = 0.0
    if ctx.single_open:
        score += 3.0
    elif ctx.double_open and before_space:
        score -= 1.0  # inside a quotation a closing ” is likelier
    if _DECADE.match(ctx.right) and not ctx.prev.isalnum():
        return score + 6.0  # ’90s, ’80s
    if ctx.prev.isalpha() and ctx.nxt.isalpha():
        return score + 4.0  # between letters: it’s, we’re, O’Brien
    if ctx.prev.isalpha() and before_space:
        # A word-final apostrophe is a plural possessive: the players’ union.
        return score + (1.0 if ctx.prev in "sSzx" else -3.0)
    return score + (1.0 if ctx.prev.isalpha() else -2.0)


def _is_punctuation(ch: str) -> bool:
    return ch in _PRIOR or 0x2000 <= ord(ch[0]) <= 0x206F


# Rough relative frequencies of accented letters in European prose (log-weights).
_LETTER_PRIOR = {
    "é": 4.0, "à": 3.0, "è": 2.5, "ç": 2.0, "ê": 2.0, "ö": 2.0, "ü": 2.0, "ä": 2.0, "â": 1.5,
    "ß": 1.5, "ñ": 1.5, "ó": 1.5, "í": 1.5, "á": 1.5, "ô": 1.5, "ú": 1.0, "ï": 1.0, "î": 1.0,
    "û": 1.0, "ë": 1.0, "ù": 1.0, "É": 2.0, "À": 1.0, "Ç": 1.5, "Ü": 1.0, "Ö": 1.0, "Ä": 1.0,
}  # fmt: skip


def _is_letter(ch: str) -> bool:
    """A Latin-1 letter: what UTF-8 European text loses through Shift_JIS or EUC codecs."""
    return "\u00c0" <= ch <= "\u00ff" and ch.isalpha()


def _letter_score(ch: str, ctx: _Context) -> float:
    score = _LETTER_PRIOR.get(ch, -2.0)
    prev, nxt = ctx.prev, ctx.nxt
    if prev.isalpha():  # inside a word: its case follows the word's
        score += 1.5 if ch.islower() == prev.islower() else -3.0
    elif nxt.isalpha():  # a word's first letter: a capital starts a sentence
        score += 1.5 if ch.isupper() == ctx.sentence_start else -3.0
    elif ch != "à":
        score -= 2.0  # a one-letter word: French "à" is the one that is common
    return score


def _score(ch: str, ctx: _Context) -> float:
    if _is_punctuation(ch):
        return _punctuation_score(ch, ctx)
    if _is_letter(ch):
        return _letter_score(ch, ctx)
    # Anything else is far rarer than punctuation in these gaps.
    return _RARE - 0.5 * cost(ctx.prev.strip() + ch + ctx.right[:1])


def rank(candidates: Sequence[str], left: str, right: str) -> tuple[tuple[str, float], ...]:
    """Candidates with probabilities, most likely first.

    ``left`` is the (repaired) text before the gap, ``right`` the text after it.
    """
    if not candidates:
        return ()
    ctx = _Context(
        prev=left[-1:] or "\n",
        right=right[:4],
        double_open=_open_quote(left, "“", "”"),
        single_open=_open_quote(left, "‘", "’"),
        low_open=_open_quote(left, "„", "“"),
        sentence_start=not left.strip() or left.rstrip()[-1] in ".!?",
    )
    return _rank(tuple(candidates), ctx)


def guessable(candidates: Iterable[str]) -> bool:
    """May :func:`choose` guess among these? Only punctuation and accented letters are guessed."""
    return any(_is_punctuation(c) or _is_letter(c) for c in candidates)


def choose(candidates: Sequence[str], left: str, right: str, threshold: float) -> tuple[str, float] | None:
    """The character to put in a gap and its probability, or None when nobody could know.

    Only punctuation and accented Latin letters are guessed, and only when
    the best candidate reaches ``threshold``. Choosing among ideographs needs
    statistics for the neighbouring words that fixtext does not have yet; a
    wrong ideograph reads as real text, so such a gap becomes U+FFFD instead.
    """
    if not guessable(candidates):
        return None  # nothing here may be guessed: spare the ranking (the hot spot of lossy CJK)
    ranked = rank(candidates, left, right)
    if not ranked or ranked[0][1] < threshold:
        return None
    best = ranked[0][0]
    return ranked[0] if _is_punctuation(best) or _is_letter(best) else None


@lru_cache(maxsize=4096)
def _rank(candidates: tuple[str, ...], ctx: _Context) -> tuple[tuple[str, float], ...]:
    scored = [(c, _score(c, ctx)) for c in candidates]
    top = max(s for _, s in scored)
    weights = [(c, math.exp(s - top)) for c, s in scored]
    total = sum(w for _, w in weights)
    return tuple(sorted(((c, w / total) for c, w in weights), key=lambda cw: -cw[1]))
