"""CJK punctuation width by context, and spacing between CJK and Latin text.

Chinese and Japanese sentences take full-width punctuation (GB/T 15834);
Latin sentences take half-width punctuation followed by a space.  A mark is
judged by its nearest non-space neighbours on the same line.
"""

from __future__ import annotations

import regex

from .rules import Rule, pattern_rule

#: Han ideographs, kana, and the iteration and prolonged-sound marks.
CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\u3005\u30fc"
_CJK_CHAR = regex.compile(f"[{CJK}]")
_LATIN_CHAR = regex.compile(r"[\p{Latin}0-9]")
_FULL_PUNCT = "，。！？：；（）、〈〉《》「」『』【】“”‘’"

TO_HALF = {"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";", "（": "(", "）": ")"}
TO_FULL = {half: full for full, half in TO_HALF.items()}
_SPACE_AFTER = ",.!?:;)"  # a half-width mark before a Latin word takes a space
_SPACE_BEFORE = "("

_BLANKS = " \t"


def _neighbours(text: str, start: int, end: int) -> tuple[int, int]:
    """Indices of the nearest non-blank characters before ``start`` and from ``end`` (-1, len: none)."""
    left = start - 1
    while left >= 0 and text[left] in _BLANKS:
        left -= 1
    right = end
    while right < len(text) and text[right] in _BLANKS:
        right += 1
    return left, right


def _kind(text: str, i: int) -> str:
    """'cjk', 'latin', or 'other' (nothing, an end of line, a symbol)."""
    if i < 0 or i >= len(text) or text[i] in "\r\n":
        return "none"
    char = text[i]
    if _CJK_CHAR.match(char) or char in _FULL_PUNCT:
        return "cjk"
    return "latin" if _LATIN_CHAR.match(char) else "other"


def _line(text: str, i: int) -> str:
    end = text.find("\n", i)
    return text[text.rfind("\n", 0, i) + 1 : len(text) if end < 0 else end]


def _to_half(match) -> str | None:
    text, start, end = match.string, match.start(), match.end()
    left, right = _neighbours(text, start, end)
    sides = (_kind(text, left), _kind(text, right))
    if "cjk" in sides or "latin" not in sides or ("none" in sides and _CJK_CHAR.search(_line(text, start))):
        return None  # at a sentence's edge, the line's script decides (用Go。 stays)
    half = TO_HALF[match.group()]
    if half in _SPACE_AFTER and end < len(text) and _LATIN_CHAR.match(text[end]):
        half += " "
    if half in _SPACE_BEFORE and start > 0 and _LATIN_CHAR.match(text[start - 1]):
        half = " " + half
    return half


def _to_full(match) -> tuple[int, int, str] | None:
    text = match.string
    left, right = _neighbours(text, match.start(), match.end())
    mark = match.group()
    kinds = (_kind(text, left), _kind(text, right))
    needs = {"(": (("cjk", "none"), ("cjk",)), ")": (("cjk",), ("cjk", "none"))}.get(mark, (("cjk",), ("cjk", "none")))
    if kinds[0] not in needs[0] or kinds[1] not in needs[1]:
        return None
    # The blanks around the mark go with it: 你好, 世界 → 你好，世界.
    return left + 1, right, TO_FULL[mark]


def punctuation_to_half() -> Rule:
    """``，。！？：；（）`` between Latin words become ``, . ! ? : ; ( )``."""
    return pattern_rule("punctuation-width", f"[{''.join(TO_HALF)}]", _to_half)


def punctuation_by_context() -> Rule:
    """As :func:`punctuation_to_half`, and ``, . ! ? : ; ( )`` inside CJK sentences become full width."""
    half = punctuation_to_half()
    pattern = regex.compile(r"[,.!?:;()]")

    def find(text: str) -> list[tuple[int, int, str]]:
        edits = half.find(text)
        for match in pattern.finditer(text):
            edit = _to_full(match)
            if edit is not None:
                edits.append(edit)
        return sorted(edits)

    return Rule("punctuation-width", find)


def cjk_latin_spacing() -> Rule:
    """A space between hanzi/kana and a Latin letter or digit, either way round."""
    pattern = rf"(?<=[{CJK}])(?=[\p{{Latin}}0-9])|(?<=[\p{{Latin}}0-9])(?=[{CJK}])"
    return pattern_rule("cjk-spacing", pattern, lambda m: " ")
