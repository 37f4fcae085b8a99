"""Character width: full-width Latin, half-width katakana."""

from __future__ import annotations

import unicodedata

from ftfy.chardata import WIDTH_MAP

from .rules import Rule, pattern_rule, table_rule

# Full-width letters and digits; half-width katakana (with a following voiced
# sound mark, so ｶﾞ becomes one ガ), half-width CJK punctuation and hangul.
_LETTERS = "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
_HALF_KANA = "[\uff66-\uff9d][\uff9e\uff9f]?|[\uff61-\uff65\uff9e\uff9f\uffa0-\uffdc\uffe8-\uffee]"


def _nfkc(match) -> str:
    return unicodedata.normalize("NFKC", match.group())


def letters() -> Rule:
    """Full-width ASCII letters and digits → ASCII; half-width katakana and hangul → full width."""
    return pattern_rule("width", f"{_LETTERS}|{_HALF_KANA}", _nfkc)


def every_width() -> Rule:
    """ftfy's ``fix_character_width``: all full-width ASCII (punctuation too) and U+3000."""
    return table_rule("width", WIDTH_MAP)
