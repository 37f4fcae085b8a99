"""Spaces, invisible characters and line endings."""

from __future__ import annotations

import regex

from .rules import Rule, pattern_rule

#: No-break, narrow no-break, thin, figure, ideographic and the other Unicode spaces.
_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"

#: Scripts whose spelling needs the zero-width joiner and non-joiner (Persian
#: ``می‌خواهم``, Indic conjuncts): next to their letters the joiners stay.
_JOINING = regex.compile(
    r"[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}"
    r"\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}"
    r"\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}"
    r"\p{Script=Khmer}\p{Script=Tibetan}]"
)
#: What stands before a joiner in an emoji sequence (👩‍💻, ❤️‍🔥, 👍🏽‍…).
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\u20e3]")
_JOINERS = "\u200c\u200d"


def ascii_spaces() -> Rule:
    return pattern_rule("spaces", f"[{_SPACES}]", lambda m: " ")


def _invisible(match) -> str | None:
    text, i = match.string, match.start()
    char = match.group()
    if char == "\ufeff":
        return None if i == 0 else ""  # at the start it marks the encoding, not the text
    if char in _JOINERS:
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if (before and (_JOINING.match(before) or _EMOJI.match(before))) or (after and _JOINING.match(after)):
            return None
    return ""


def remove_invisibles() -> Rule:
    """Zero-width space, word joiner, a byte-order mark after the start, and
    joiners outside the scripts and emoji that use them, are removed."""
    return pattern_rule("invisibles", "[\u200b\u2060\u200c\u200d\ufeff]", _invisible)


def lf_line_endings() -> Rule:
    """CRLF, CR, U+2028, U+2029 and NEL become ``\\n``, as ftfy's ``fix_line_breaks``."""
    return pattern_rule("line-endings", "\r\n|[\r\u2028\u2029\x85]", lambda m: "\n")
