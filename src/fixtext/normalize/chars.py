"""Character-level clean-ups: ligatures, Unicode normalization form, control
characters, terminal escapes, HTML entities and surrogates.

Where ftfy has a fixer that does exactly what a rule needs, the rule uses
ftfy's own table or pattern (so the ``ftfy`` preset matches ftfy), applied
match by match so that every change is a step with its own span.
"""

from __future__ import annotations

import re
import unicodedata

import regex
from ftfy import fixes
from ftfy.chardata import C1_CONTROL_RE, CONTROL_CHARS, HTML_ENTITY_RE, LIGATURES

from ..affixes import changed_span
from .rules import Edit, Rule, pattern_rule, table_rule


def latin_ligatures() -> Rule:
    """``ﬁ`` → ``fi`` and the other Latin ligatures (ftfy's ``fix_latin_ligatures``)."""
    return table_rule("ligatures", LIGATURES)


def remove_controls() -> Rule:
    """C0 controls other than tab, line feed, form feed and carriage return; DEL;
    deprecated format characters; U+FFF9–FFFC; the byte-order mark (ftfy's
    ``remove_control_chars``)."""
    return table_rule("controls", CONTROL_CHARS)


def remove_c1_controls() -> Rule:
    """C1 controls, except NEL (a line break, left to the line-endings rule)."""
    return pattern_rule("c1-controls", "[\x80-\x84\x86-\x9f]", lambda m: "")


def c1_as_cp1252() -> Rule:
    """C1 controls read as the Windows-1252 characters they stand for, as browsers (and ftfy) do."""
    return pattern_rule("c1-controls", C1_CONTROL_RE, lambda m: fixes.fix_c1_controls(m.group()))


def remove_terminal_escapes() -> Rule:
    """ANSI colour and cursor sequences (ftfy's ``remove_terminal_escapes``)."""
    return pattern_rule("terminal-escapes", fixes.ANSI_RE, lambda m: "")


def fix_surrogates() -> Rule:
    """Surrogate pairs become the character they encode; lone surrogates become U+FFFD."""
    pattern = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
    return pattern_rule("surrogates", pattern, lambda m: fixes.fix_surrogates(m.group()))


def unescape_html() -> Rule:
    """HTML entities decoded as ftfy does by default: unambiguous entities
    only, and not on a line that holds a ``<`` (that line is probably HTML)."""

    def find(text: str) -> list[Edit]:
        edits, line_start, line_has_tag = [], -1, False
        for match in HTML_ENTITY_RE.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            if start != line_start:  # a new line: look once for a tag on it
                end = text.find("\n", match.end())
                line_start, line_has_tag = start, "<" in text[start : len(text) if end < 0 else end]
            after = fixes.unescape_html(match.group())
            if not line_has_tag and after != match.group():
                edits.append((match.start(), match.end(), after))
        return edits

    return Rule("html-entities", find, markups=("text",))  # in Markdown and reST an entity is markup


#: A grapheme cluster holding a character outside ASCII: the unit the
#: normalization form is applied to (marks stay with their base).
_CLUSTER = regex.compile(r"\X")


def unicode_form(form: str) -> Rule:
    """The Unicode normalization form (NFC or NFKC), cluster by cluster."""

    def find(text: str) -> list[Edit]:
        if text.isascii() or unicodedata.is_normalized(form, text):
            return []
        edits = []
        for match in _CLUSTER.finditer(text):
            cluster = match.group()
            if not cluster.isascii():
                after = unicodedata.normalize(form, cluster)
                if after != cluster:
                    edits.append((match.start(), match.end(), after))
        if _apply(text, edits) != unicodedata.normalize(form, text):
            return [_whole(text, unicodedata.normalize(form, text))]  # clusters were not enough
        return edits

    return Rule("unicode-form", find)


def _apply(text: str, edits: list[Edit]) -> str:
    out, cursor = [], 0
    for start, end, after in edits:
        out += [text[cursor:start], after]
        cursor = end
    return "".join(out) + text[cursor:]


def _whole(before: str, after: str) -> Edit:
    """One edit covering everything between the common prefix and suffix."""
    start, end, new_end = changed_span(before, after)
    return start, end, after[start:new_end]
