"""Markdown and reStructuredText: code, URLs and markup are never normalized."""

from __future__ import annotations

import pytest

import fixtext
from fixtext.normalize import markup


def protected(text: str, kind: str) -> list[str]:
    return [text[a:b] for a, b in markup.protected_spans(text, kind)]


DOC = """# A "title"

Some "text" with `co"de` and <https://a.example/c--d> and [a "link"](https://x.example/a--b).
Raw <span title="x--y">html</span> and an escaped \\"quote\\".

```python
print("fenced -- code...")
```

    indented "code" -- here

- item with `code "x"`
  and more `y"z`

> quoted `q"`

[ref]: https://e.example/--x "Title"
"""


def test_markdown_protects_code_urls_html_and_references():
    spans = protected(DOC, "markdown")
    for part in ['`co"de`', "<https://a.example/c--d>", "](https://x.example/a--b)", '<span title="x--y">',
                 '```python\nprint("fenced -- code...")\n```\n', '    indented "code" -- here\n',
                 '`code "x"`', '`y"z`', '`q"`', '[ref]: https://e.example/--x "Title"\n', '\\"']:  # fmt: skip
        assert part in spans, part


def test_markdown_prose_is_normalized_and_code_is_not():
    fixed = fixtext.normalize(DOC, "typographic", markup="markdown")
    assert fixed.startswith("# A “title”\n\nSome “text” with `co\"de`")
    assert '[a “link”](https://x.example/a--b)' in fixed
    for span in protected(DOC, "markdown"):
        assert span in fixed


def test_an_unclosed_fence_protects_the_rest_of_the_document():
    doc = 'Intro "a"\n\n```\nstill "code" -- here\n'
    assert fixtext.normalize(doc, "typographic", markup="markdown") == 'Intro “a”\n\n```\nstill "code" -- here\n'


def test_crlf_markdown_keeps_its_offsets():
    doc = 'Say "x"\r\n\r\n    code "y"\r\n'
    assert protected(doc, "markdown") == ['    code "y"\r\n']


def test_plain_text_protects_urls_only():
    text = 'See https://example.com/a--b... or www.example.org/x--y, "ok"'
    assert fixtext.normalize(text, "typographic") == 'See https://example.com/a--b… or www.example.org/x--y, “ok”'


RST = """Title
=====

Run this "now"::

    echo "literal" -- block

Back to "prose" and ``inline "literal"``.

.. code-block:: python

   x = "y" -- z

Done -- really.
"""


def test_rst_literal_blocks_directives_and_inline_literals_are_protected():
    fixed = fixtext.normalize(RST, "typographic", markup="rst")
    assert 'Run this “now”::\n\n    echo "literal" -- block\n' in fixed
    assert 'Back to “prose” and ``inline "literal"``.' in fixed
    assert '.. code-block:: python\n\n   x = "y" -- z\n' in fixed
    assert fixed.endswith("Done — really.\n")


@pytest.mark.parametrize("kind", ["text", "markdown", "rst"])
def test_empty_and_trivial_documents(kind):
    for text in ["", "\n", "`", "::", "```"]:
        assert fixtext.normalize(text, "typographic", markup=kind) == text


def test_markdown_is_parsed_only_when_asked_for():
    import sys

    sys.modules.pop("fixtext.normalize.markdown", None)
    fixtext.normalize('plain "text"', "typographic")
    assert "fixtext.normalize.markdown" not in sys.modules


def test_html_entities_are_markup_in_markdown_and_rst():
    text = "Fish &amp; chips"
    assert fixtext.normalize(text, "ftfy") == "Fish & chips"
    assert fixtext.normalize(text, "ftfy", markup="markdown") == text
    assert fixtext.normalize(text, "ftfy", markup="rst") == text


def test_no_edit_starts_a_line_with_a_markdown_block_marker():
    # "– A" made "- A" would be a list item, and the indented code after it
    # would become list text.
    doc = "– A\n\n    code -- here\n"
    assert fixtext.normalize(doc, "ascii", markup="markdown") == doc
    assert fixtext.normalize("a – b", "ascii", markup="markdown") == "a - b"
    assert fixtext.normalize("– A", "ascii") == "- A"  # plain text has no blocks
    # Removing a control character before a tab would leave indented code.
    assert fixtext.normalize("x\r\x7f\t0", "ascii", markup="markdown").endswith("\x7f\t0")
