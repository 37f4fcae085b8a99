"""Dashes, the minus sign and the ellipsis."""

from __future__ import annotations

from .rules import Rule, pattern_rule, table_rule

_ASCII_DASHES = {0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "--", 0x2015: "--"}

# Two hyphens between words, or between spaces, are a dash; runs of three or
# more are left alone (Markdown rules and table rulers), and so is ``--flag``.
_DOUBLE_HYPHEN = r"(?<=\w)(?<!-)--(?!-)(?=\w)|(?<= )--(?= )"
# A number range: two short numbers, rising, not part of a date, a decimal or
# a longer chain (2024-01-15, 1.5-2, 555-12-34 are left alone).
_RANGE = r"(?<![\d.,/:-])\b(\d{1,4})-(\d{1,4})\b(?![.,/:-]?\d)(?!-)"


def ascii_dashes() -> Rule:
    """En dash, hyphen and figure dash → ``-``; em dash and horizontal bar → ``--``."""
    return table_rule("dashes", _ASCII_DASHES)


def _range(match) -> str | None:
    low, high = match.group(1), match.group(2)
    return f"{low}–{high}" if int(low) < int(high) else None


def typographic_dashes() -> Rule:
    """``--`` → em dash; a rising number range ``10-20`` → ``10–20``."""
    em = pattern_rule("dashes", _DOUBLE_HYPHEN, lambda m: "—")
    en = pattern_rule("dashes", _RANGE, _range)
    return Rule("dashes", lambda text: sorted(em.find(text) + en.find(text)))


def ascii_minus() -> Rule:
    return table_rule("minus", {0x2212: "-"})


def unicode_minus() -> Rule:
    """A hyphen that stands alone before a number, ``-5``, is a minus sign ``−5``."""
    return pattern_rule("minus", r"(?<![\w)\]}.-])-(?=\d)", lambda m: "−")


def ascii_ellipsis() -> Rule:
    return table_rule("ellipsis", {0x2026: "..."})


def unicode_ellipsis() -> Rule:
    """Exactly three full stops become ``…`` (``....`` and ``..`` are left alone)."""
    return pattern_rule("ellipsis", r"(?<!\.)\.\.\.(?!\.)", lambda m: "…")
