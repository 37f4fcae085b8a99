"""The parts of a document normalization must never touch.

* In every kind of text: URLs (``https://a--b.example/x...`` stays as it is).
* Markdown: fenced and indented code blocks, raw HTML blocks, link reference
  definitions, inline code, autolinks, inline HTML, link destinations and
  backslash escapes.  These come from markdown-it-py, a CommonMark parser:
  what counts as a code span or a fence (backtick runs of matching length,
  indentation inside lists, unclosed fences running to the end) is subtle,
  and a parser gets it right where hand-written patterns do not.  It is
  imported only when Markdown is being normalized.
* reStructuredText: literal blocks (after a paragraph ending in ``::``) and
  the bodies of code, math and raw directives, plus ``inline literals``.
  These are marked by indentation alone, so a small scanner is enough and
  the heavy docutils parser (which also resolves roles and includes) is not
  needed.

Spans are ``(start, end)`` character offsets, sorted and merged.
"""

from __future__ import annotations

import bisect
import re

MARKUPS = ("text", "markdown", "rst")

_URL = re.compile(r"\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.|mailto:)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}]")

# In Markdown and reST, indentation is structure: removing an invisible or a
# control after a line's leading spaces, or turning a no-break space into a
# space there, could turn prose into a code block.  Such a prefix is kept.
_LINE_PREFIX = re.compile(
    "(?m)^[ \t]*(?:[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00a0\u2000-\u200d\u202f\u2060\u3000\ufeff]"
    "|\x1b\\[[0-9;]*[A-Za-z])+"
)

Span = tuple[int, int]


def protected_spans(text: str, markup: str) -> list[Span]:
    """The spans of ``text`` that no rule may change."""
    if markup not in MARKUPS:
        raise ValueError(f"unknown markup {markup!r}; expected one of {', '.join(MARKUPS)}")
    spans = [match.span() for match in _URL.finditer(text)]
    if markup != "text":
        spans += [match.span() for match in _LINE_PREFIX.finditer(text)]
    if markup == "markdown":
        from . import markdown  # markdown-it-py is needed only here

        spans += markdown.protected_spans(text)
    elif markup == "rst":
        spans += rst_spans(text)
    return merge(spans)


def merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def outside(spans: list[Span], start: int, end: int) -> bool:
    """Whether an edit of ``start:end`` leaves every span intact (an insertion may touch one's edge)."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for span_start, span_end in spans[max(i, 0) : i + 2]:
        if start < span_end and end > span_start or span_start < start < span_end:
            return False
    return True


#: What a Markdown or reST line may begin with to become a list item, a
#: heading, a quote, a table row, a heading underline or (whitespace) code.
_BLOCK_STARTS = frozenset("-*+#>|=0123456789 \t")


def changes_block_start(text: str, start: int, end: int, after: str, markup: str) -> bool:
    """Would replacing ``text[start:end]`` with ``after`` put a block marker or
    more indentation where a line's content begins? ("– A" made "- A" is a
    list item, and the indented code after it turns into list text; a control
    character removed before a tab leaves an indented code block.) Plain text
    has no such structure."""
    if markup == "text":
        return False
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1  # CR ends a line too
    if text[line_start:start].strip(" \t"):
        return False  # the edit is inside the line's content
    first = (after + text[end : end + 1])[:1]
    return first in _BLOCK_STARTS and first != text[start : start + 1]


def line_offsets(text: str) -> list[int]:
    """The offset at which each line starts, and one past the end."""
    offsets = [0]
    for match in re.finditer("\n", text):
        offsets.append(match.end())
    if offsets[-1] != len(text):
        offsets.append(len(text))
    return offsets


_INLINE_LITERAL = re.compile(r"``[^`]+?``")
_LITERAL_DIRECTIVE = re.compile(r"\s*\.\.\s+(?:code-block|code|sourcecode|highlight|math|raw|literalinclude)::")


def rst_spans(text: str) -> list[Span]:
    """reST literal blocks and literal directives (the directive line and its indented body), and inline literals."""
    spans = [match.span() for match in _INLINE_LITERAL.finditer(text)]
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = _LITERAL_DIRECTIVE.match(line)
        if directive or line.rstrip().endswith("::"):
            end = _indented_block_end(lines, i)
            if end > i + 1:
                spans.append((offsets[i] if directive else offsets[i + 1], offsets[end]))
            i = max(end, i + 1)
        else:
            i += 1
    return spans


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _indented_block_end(lines: list[str], i: int) -> int:
    """The index of the first line after the block indented deeper than line ``i``."""
    base, j, last = _indent(lines[i]), i + 1, i + 1
    while j < len(lines):
        if lines[j].strip():
            if _indent(lines[j]) <= base:
                break
            last = j + 1
        j += 1
    return last
