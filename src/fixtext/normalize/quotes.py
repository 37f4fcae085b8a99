"""Quotation marks: straight (ftfy's uncurling) or curly (smart pairing)."""

from __future__ import annotations

from ftfy.chardata import DOUBLE_QUOTE_RE, SINGLE_QUOTE_RE

from .rules import Rule, pattern_rule

#: After these a quote opens; after anything else (a letter, a full stop) it closes.
_OPENERS = "([{<“‘—–-/"


def _opens(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in _OPENERS


def _curl_double(match) -> str:
    return "“" if _opens(match.string, match.start()) else "”"


def _curl_single(match) -> str:
    text, i = match.string, match.start()
    after = text[i + 1 : i + 4]
    if i > 0 and text[i - 1].isalnum() and after[:1].isalpha():
        return "’"  # an apostrophe inside a word: don’t, O’Neill
    if _opens(text, i) and len(after) >= 2 and after[:2].isdigit() and (len(after) < 3 or not after[2].isdigit()):
        return "’"  # a decade: ’90s, rock of the ’60s
    return "‘" if _opens(text, i) else "’"


def straight() -> Rule:
    """Every curly quote (and the modifier-letter apostrophe) becomes ' or ", as ftfy's ``uncurl_quotes``."""
    single = pattern_rule("quotes", SINGLE_QUOTE_RE, lambda m: "'")
    double = pattern_rule("quotes", DOUBLE_QUOTE_RE, lambda m: '"')
    return Rule("quotes", lambda text: sorted(single.find(text) + double.find(text)))


def curly() -> Rule:
    """Straight quotes become curly ones, paired by what stands before them."""
    single = pattern_rule("quotes", "'", _curl_single)
    double = pattern_rule("quotes", '"', _curl_double)
    return Rule("quotes", lambda text: sorted(single.find(text) + double.find(text)))
