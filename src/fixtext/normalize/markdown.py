"""Protected spans of a Markdown document, found by markdown-it-py.

Block tokens carry ``map``, their line range.  Inline tokens carry none for
their children, so the inline rules that make code spans, autolinks, inline
HTML, links and escapes are wrapped to record where in the block's inline
source they matched; those offsets are mapped back to the document through
the block's lines (each inline line is the end of its source line).  When a
block's lines cannot be matched up that way (tables, headings with closing
``#``), the whole block is protected: never touching code matters more than
normalizing every character.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from .markup import Span, line_offsets

_BLOCK_TYPES = ("fence", "code_block", "html_block")
_INLINE_RULES = ("backticks", "autolink", "html_inline", "escape", "link", "image")


def _recording(name: str, rule):
    def wrapped(state, silent):
        start = state.pos
        matched = rule(state, silent)
        if matched and not silent:
            if name in ("link", "image"):
                # Only the destination is protected: the link's text is prose.
                start = state.src.find("]", start)
            state.env.setdefault("fixtext_spans", []).append((start, state.pos))
        return matched

    return wrapped


def _reference_recording(rule):
    def wrapped(state, start_line, end_line, silent):
        matched = rule(state, start_line, end_line, silent)
        if matched and not silent:
            state.env.setdefault("fixtext_lines", []).append((start_line, state.line))
        return matched

    return wrapped


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").disable("inline")  # inline source is parsed per block, below
    for name in _INLINE_RULES:
        md.inline.ruler.at(name, _recording(name, md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn))
    reference = md.block.ruler.__rules__[md.block.ruler.__find__("reference")].fn
    md.block.ruler.at("reference", _reference_recording(reference), {"alt": ["paragraph", "reference"]})
    return md


def _same_length_source(text: str) -> str:
    """``text`` as markdown-it would normalize it, without changing any offset."""
    return text.replace("\r\n", " \n").replace("\r", "\n").replace("\0", "\ufffd")


def protected_spans(text: str) -> list[Span]:
    source = _same_length_source(text)
    md = _parser()
    lines = line_offsets(source)
    spans: list[Span] = []
    env: dict = {}
    for token in md.parse(source, env):
        if token.type in _BLOCK_TYPES and token.map:
            spans.append(_lines_span(lines, *token.map))
        elif token.type == "inline" and token.map:
            found: dict = {"references": env.get("references", {})}
            md.inline.parse(token.content, md, found, [])
            spans += _inline_spans(source, lines, token, found.get("fixtext_spans", []))
    spans += [_lines_span(lines, start, end) for start, end in env.get("fixtext_lines", [])]
    return spans


def _lines_span(lines: list[int], first: int, last: int) -> Span:
    return lines[min(first, len(lines) - 1)], lines[min(last, len(lines) - 1)]


def _inline_spans(source: str, lines: list[int], token, found: list[Span]) -> list[Span]:
    if not found:
        return []
    first, last = token.map
    content_lines = token.content.split("\n")
    if len(content_lines) != last - first:
        return [_lines_span(lines, first, last)]
    # Where each content line starts in the document: it is its source line's tail.
    starts, content_starts, offset = [], [], 0
    for k, part in enumerate(content_lines):
        line = source[lines[first + k] : lines[min(first + k + 1, len(lines) - 1)]].rstrip("\n").rstrip(" \t")
        stripped = part.rstrip(" \t")
        if not line.endswith(stripped):
            return [_lines_span(lines, first, last)]
        starts.append(lines[first + k] + len(line) - len(stripped))
        content_starts.append(offset)
        offset += len(part) + 1
    return [(_to_document(a, starts, content_starts), _to_document(b, starts, content_starts, end=True)) for a, b in found]


def _to_document(pos: int, starts: list[int], content_starts: list[int], end: bool = False) -> int:
    k = len(content_starts) - 1
    while k > 0 and (content_starts[k] > pos or (end and content_starts[k] == pos)):
        k -= 1
    return starts[k] + pos - content_starts[k]
