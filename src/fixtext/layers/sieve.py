"""A C-speed sieve in front of ftfy's badness regex.

``ftfy.badness.BADNESS_RE`` is a 37-way alternation tried at every position
of the text, so it scans at a few MB/s.  Every one of its alternatives needs
some character from a short list of mojibake-prone characters, though, and
for most alternatives one of those lists leaves out the typographic
punctuation and accented letters that clean prose is full of.  The sieve is
one character class made of such a list per alternative: text without any of
its characters cannot match ``BADNESS_RE``, and where it does have one, a
match can only lie within :data:`REACH` characters of it.

Both facts are derived at import from ftfy's own pattern, so a new ftfy
release that changes the regex changes the sieve with it.
"""

from __future__ import annotations

import re
import sys

from ftfy.badness import BADNESS_RE

from .. import census
from ..codecdata import class_body

if sys.version_info >= (3, 11):
    import re._parser as _sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

#: Characters clean text is full of: the sieve avoids them where it can.
#: Which of them may be avoided is decided by the pattern, not by this list.
COMMON_IN_CLEAN_TEXT = frozenset(
    "\u00a0‘’“”–—…•·«»©®°€£§¶±×"
    "àâäçéèêëîïôöùûüÿœæßñáíóúãõåø"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
)


def _chars(op, av) -> frozenset[int] | None:
    """The code points a LITERAL or non-negated IN item matches; None for anything else."""
    name = str(op)
    if name == "LITERAL":
        return frozenset((av,))
    if name != "IN" or any(str(o) == "NEGATE" or str(o) == "CATEGORY" for o, _ in av):
        return None
    points: set[int] = set()
    for o, a in av:
        if str(o) == "LITERAL":
            points.add(a)
        elif str(o) == "RANGE":
            points.update(range(a[0], a[1] + 1))
        else:
            return None
    return frozenset(points)


def _alternatives(pattern: re.Pattern[str]) -> list[list[frozenset[int] | None]]:
    """For each top-level alternative, the character set of each item (None: not one plain set)."""
    tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    (op, av), *rest = list(tree)
    if str(op) != "BRANCH" or rest:
        raise ValueError("expected one top-level alternation")
    return [[_chars(o, a) for o, a in branch] for branch in av[1]]


def _is_wide(chars: frozenset[int] | None) -> bool:
    return chars is not None and min(chars) >= 0x80


def _needle(items: list[frozenset[int] | None], common: frozenset[int]) -> tuple[frozenset[int], ...]:
    """What every match of one alternative contains: one of its non-ASCII sets, or
    two such sets side by side where each alone holds characters clean text is
    full of (an accented letter is common, an accented letter before “ is not)."""
    singles = [chars for chars in items if _is_wide(chars)]
    if not singles:
        raise ValueError("an alternative needs no non-ASCII character; no sieve is possible")
    best = min(singles, key=lambda chars: (len(chars & common), len(chars)))
    if not best & common:
        return (best,)
    pairs = [(a, b) for a, b in zip(items, items[1:]) if _is_wide(a) and _is_wide(b)]
    return pairs[0] if pairs else (best,)


def _char_class(points: frozenset[int]) -> str:
    return f"[{class_body(frozenset(map(chr, points)))}]"


def _sieve(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], str]:
    """One regex matching wherever any alternative's needle occurs, and the
    class of the characters every such match starts with."""
    common = frozenset(map(ord, COMMON_IN_CLEAN_TEXT))
    needles = {_needle(items, common) for items in _alternatives(pattern)}
    singles = frozenset().union(*(n[0] for n in needles if len(n) == 1))
    pairs = sorted((_char_class(n[0]), _char_class(n[1])) for n in needles if len(n) > 1)
    # One leading class for all needles lets the regex engine skip ahead at C
    # speed; the lookbehinds then tell which needle it found.
    first = _char_class(singles.union(*(n[0] for n in needles)))
    tails = [f"(?<={_char_class(singles)})", *(f"(?<={a}){b}" for a, b in pairs)]
    return re.compile(f"{first}(?:{'|'.join(tails)})"), first


SIEVE, _FIRST = _sieve(BADNESS_RE)
#: Every sieve hit, and so every ``BADNESS_RE`` match, holds one of these
#: characters (a regex character class's body).
DAMAGE_CHARS = _FIRST[1:-1]

#: The longest match ``BADNESS_RE`` can make: no match reaches further than
#: this from a sieve character inside it.
REACH = _sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()[1]


def badness_matches(text: str) -> list[re.Match[str]]:
    """What ``BADNESS_RE.finditer(text)`` yields, found by searching only around sieve hits.

    Windows reaching :data:`REACH` characters either side of each hit are
    merged where they touch, so every match lies inside one window and the
    windows are searched in order, just as one scan of the text would.
    """
    # Every needle is non-ASCII, and characters side by side in the text are
    # side by side among its non-ASCII characters: no hit there, none at all.
    if not SIEVE.search(census.of(text).non_ascii):
        return []  # the common case, decided on a few per cent of an English text
    windows: list[list[int]] = []
    for hit in SIEVE.finditer(text):
        # One more character on the right, so that nothing at a window's
        # edge is mistaken for the end of the text.
        lo, hi = max(hit.start() - REACH, 0), hit.end() + REACH + 1
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    return [match for lo, hi in windows for match in BADNESS_RE.finditer(text, lo, min(hi, len(text)))]
