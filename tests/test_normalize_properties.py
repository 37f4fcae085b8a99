"""Invariants of normalization, for every preset and every kind of markup."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from ftfy.fixes import ANSI_RE
from markdown_it import MarkdownIt

import fixtext
from fixtext.normalize import PRESETS, Policy

from .strategies import CJK_PUNCTUATION, ENGLISH_PUNCTUATION, chinese, english, japanese

# Everything the rules look at, plus letters and digits around it.
_SPECIAL = (
    "\"'`-.,!?:;()[]<>&/ \n\r\t" + ENGLISH_PUNCTUATION + CJK_PUNCTUATION + "…−‐‑―′"
    "\u00a0\u202f\u2009\u2007\u3000\u200b\u200c\u200d\u2060\ufeff\u202e\u2066\u2069"
    "ＡＺａ０９ｶﾞｷ｡ﬁﬂ\u0301\u212b\x00\x07\x1b\x7f\x85\x92"
)
_LETTERS = "abcXYZ019éßкπ中文字日本かなカナ한"
pieces = st.one_of(
    st.text(alphabet=_SPECIAL + _LETTERS, max_size=12),
    english,
    chinese,
    japanese,
    st.sampled_from(["--", "...", "10-20", "'90s", "don't", "https://a.example/x--y", "&amp;", "\x1b[1m", "👩\u200d💻"]),
)
texts = st.lists(pieces, max_size=8).map("".join)
presets = st.sampled_from(sorted(PRESETS))
markups = st.sampled_from(["text", "markdown", "rst"])


@given(texts, presets, markups)
def test_every_preset_is_idempotent_and_its_plan_replays(text, preset, kind):
    explained = fixtext.normalize_and_explain(text, preset, markup=kind)
    assert fixtext.normalize(explained.text, preset, markup=kind) == explained.text
    assert fixtext.apply_plan(text, explained.plan) == explained.text
    for step in explained.steps:
        assert step.layer == "normalize" and step.rule and 0 <= step.source_start <= step.source_end <= len(text)


@given(st.text(), markups)
def test_the_keep_policy_is_the_identity(text, kind):
    assert fixtext.normalize(text, Policy(), markup=kind) == text
    assert fixtext.normalize(text, "keep", markup=kind) == text


@given(st.text(), presets, markups)
def test_normalization_never_raises(text, preset, kind):
    assert isinstance(fixtext.normalize(text, preset, markup=kind), str)


def _letters(text: str) -> str:
    """Letters, digits and marks, compared up to compatibility (width, ligatures)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if unicodedata.category(ch)[0] in "LMN")


@given(texts, presets)
def test_no_preset_changes_a_letter_other_than_by_width_or_ligature(text, preset):
    if preset == "ftfy":
        # ftfy's preset decodes HTML entities and reads C1 controls as cp1252:
        # those make letters out of markup and mojibake, by design.
        text = text.replace("&", "").translate({cp: None for cp in range(0x80, 0xA0)})
    # Terminal escapes (ESC [ 1 m) are not text: their letters go with them.
    fixed = fixtext.normalize(text, preset)
    assert _letters(ANSI_RE.sub("", fixed)) == _letters(ANSI_RE.sub("", text))


_MD = MarkdownIt("commonmark")


def _code(doc: str) -> list[str]:
    """Every code block and code span of a Markdown document, with its markup, as the parser sees them."""
    found = []
    for token in _MD.parse(doc):
        if token.type in ("fence", "code_block"):
            found.append(token.markup + token.info + token.content)
        for child in token.children or []:
            if child.type == "code_inline":
                found.append(child.markup + child.content)
    return found


code_text = st.text(alphabet="ab \"'-.…，。ＡｶﾞA中x\u00a0\u200b", min_size=1, max_size=15)
md_blocks = st.one_of(
    texts.map(lambda t: t.replace("`", "")),
    code_text.map(lambda c: f"```\n{c}\n```\n"),
    code_text.map(lambda c: f"    {c}\n".replace("\n\n", "\n")),
    st.tuples(texts, code_text).map(lambda p: f"{p[0].replace('`', '')} `{p[1].strip() or 'x'}` end"),
)
md_docs = st.lists(md_blocks, min_size=1, max_size=5).map("\n\n".join)


@given(md_docs, presets)
def test_markdown_code_is_byte_identical_after_normalization(doc, preset):
    fixed = fixtext.normalize(doc, preset, markup="markdown")
    assert _code(fixed) == _code(doc)
