"""Structural checks of benchmarks/accuracy.py (no fixtext accuracy targets)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy.py"


def _load():
    spec = importlib.util.spec_from_file_location("fixtext_bench_accuracy", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


acc = _load()


def _cell(key: str):
    [cell] = [c for c in acc.build_cells() if c.key == key]
    return cell


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("", "", 0), ("abc", "", 3), ("", "ab", 2), ("kitten", "sitting", 3), ("flaw", "lawn", 2),
     ("abc", "abc", 0), ("abcdef", "azced", 3), ("中文字", "中字", 1), ("ab", "ba", 2)],
)  # fmt: skip
def test_levenshtein_small_cases(a, b, distance):
    assert acc.levenshtein(a, b) == distance
    assert acc.levenshtein(b, a) == distance


def test_char_accuracy():
    assert acc.char_accuracy("abcd", "abcd") == 1.0
    assert acc.char_accuracy("abcd", "abce") == 0.75
    assert acc.char_accuracy("abcd", "") == 0.0
    assert acc.char_accuracy("ab", "xxxxxxxx") == 0.0  # floored, not negative
    assert acc.char_accuracy("", "") == 1.0


def test_sloppy_cp1252_maps_undefined_bytes_to_c1():
    assert acc.sloppy_cp1252(b"\x81") == "\x81"
    assert acc.sloppy_cp1252(b"\x81\x8d\x8f\x90\x9d") == "\x81\x8d\x8f\x90\x9d"
    assert acc.sloppy_cp1252(b"\x80\x96caf\xe9") == "€–café"


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("forward/utf-8>gbk/ignore/latin", "’", "鈥"),
        ("forward/utf-8>gbk/replace/latin", "’", "鈥\ufffd"),
        ("forward/utf-8>gbk/?/latin", "’", "鈥?"),
        ("forward/utf-8>gbk/strict/latin", "’", None),
        ("forward/utf-8>gbk/strict/latin", "“Hi”x", "鈥淗i鈥漻"),
        ("reverse/gbk>latin-1/strict/zh-Hans", "中文", "ÖÐÎÄ"),
        ("reverse/gbk>cp1252/sloppy/zh-Hans", "丂", "\x81@"),
        ("reverse/cp1252>gbk/strict/latin", "café", None),
        ("reverse/cp1252>gbk/strict/latin", "éte", "閠e"),
        ("clean/en", "“Hi”", "“Hi”"),
    ],
)
def test_corruptions(key, text, expected):
    assert _cell(key).corrupt(text) == expected


def test_cells_are_unique_and_marked():
    cells = acc.build_cells()
    assert len({c.key for c in cells}) == len(cells)
    assert len([c for c in cells if c.direction == "forward"]) == 2 * len(acc.ALL_CODECS) * len(acc.FORWARD_ERRORS)
    assert _cell("forward/utf-8>gbk/strict/cjk").lossless
    assert _cell("reverse/euc_kr>cp1252/sloppy/ko").lossless
    assert not _cell("forward/utf-8>big5/ignore/cjk").lossless
    assert {c.group for c in cells if c.direction == "clean"} == {*acc.LATIN_LANGS, *acc.CJK_LANGS}


def test_filter_cells():
    cells = acc.build_cells()
    assert {c.key for c in acc.filter_cells(cells, ["clean/*"])} == {c.key for c in cells if c.direction == "clean"}
    assert acc.filter_cells(cells, None) == cells


def test_our_corpus_is_encodable_where_the_cells_need_it():
    for para in acc.our_paragraphs():
        codecs = acc.LEGACY.get(para.lang, ("cp1252",))
        for codec in codecs:
            assert acc.encode_as(para.text, codec) is not None, (para, codec)
    assert all(acc.mostly_cjk(p.text) for p in acc.our_paragraphs() if p.lang in acc.CJK_LANGS)


def test_paragraphs_from_lines_groups_and_labels():
    lines = ["这是第一行中文句子。", "这是第二行中文句子。", "", "English only line here"]
    lines.append("파이썬은 강력한 언어입니다.")
    paras = acc.paragraphs_from_lines(lines, "zh-Hans", "t")
    assert [(p.text, p.lang) for p in paras] == [
        ("这是第一行中文句子。\n这是第二行中文句子。", "zh-Hans"),
        ("파이썬은 강력한 언어입니다.", "ko"),
    ]


def test_strip_roff():
    assert acc.strip_roff(".SH 名称") is None
    assert acc.strip_roff(r"\fBapropos\fP \- 搜索手册页\|名称") == "apropos - 搜索手册页名称"
    assert acc.strip_roff(r"\f(CWx\fR \(em y \s-1z\s0") == "x  y z"


def test_select_caps_each_language_and_dedupes():
    paras = acc.our_paragraphs() + acc.our_paragraphs()
    chosen = acc.select(paras, 2)
    assert len(chosen) == len({p.text for p in chosen})
    for lang in (*acc.LATIN_LANGS, *acc.CJK_LANGS):
        assert len([p for p in chosen if p.lang == lang]) == 2


def test_every_cell_has_a_row_and_false_positives_are_counted():
    corpus = acc.select(acc.our_paragraphs(), 1)
    tools = {"same": lambda t: t, "noisy": lambda t: t + "!"}
    cells = acc.build_cells()
    results = acc.run_cells(cells, corpus, tools)
    assert [r.cell.key for r in results] == [c.key for c in cells]
    for result in results:
        assert set(result.tools) == set(tools)
        assert result.n + result.skipped == sum(1 for p in corpus if result.cell.applies(p))
        if result.cell.direction == "clean":
            assert result.n == 1
            assert (result.tools["same"].changed, result.tools["noisy"].changed) == (0, 1)
            assert result.tools["same"].exact == 1
    row = acc.summarize(results[0])
    assert set(row["tools"]["same"]) >= {"exact_pct", "acc_pct", "no_worse_pct", "changed"}


def test_no_worse_and_exact_are_scored_per_paragraph():
    cell = _cell("forward/utf-8>gbk/ignore/latin")
    corpus = [acc.Paragraph("It’s fine.", "en", "t")]
    oracle = {"oracle": lambda t: "It’s fine.", "same": lambda t: t, "bad": lambda t: ""}
    result = acc.run_cell(cell, corpus, oracle)
    assert result.n == 1
    assert result.tools["oracle"].exact == 1 and result.tools["oracle"].no_worse == 1
    assert result.tools["same"].exact == 0 and result.tools["same"].no_worse == 1
    assert result.tools["bad"].no_worse == 0


def test_tool_errors_are_counted_not_raised():
    def boom(text: str) -> str:
        raise RuntimeError(text)

    result = acc.run_cell(_cell("clean/en"), [acc.Paragraph("Hello there, world.", "en", "t")], {"boom": boom})
    assert result.tools["boom"].errors == 1
    assert result.tools["boom"].first_error == "RuntimeError: Hello there, world."


def test_detection_samples_are_non_ascii_legacy_bytes():
    corpus = acc.select(acc.our_paragraphs(), 1)
    samples = list(acc.detection_samples(corpus))
    assert samples
    for label, data, text in samples:
        lang, codec, _length = label.split("/")
        assert not data.isascii() and data.decode(codec) == text
    assert acc.same_decoding("中文".encode("gb2312"), "gb18030", "中文")
    assert not acc.same_decoding("中文".encode("gbk"), "big5", "中文")
    assert not acc.same_decoding(b"\xff", "no-such-codec", "x")


def test_real_tools_smoke(tmp_path):
    """The quick path end to end on two cells, with fixtext and ftfy."""
    out = tmp_path / "r.json"
    cells = ["--cells", "clean/en", "--cells", "forward/utf-8>gbk/strict/latin"]
    assert acc.main(["--quick", "--max-paragraphs", "1", *cells, "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [row["cell"] for row in report["cells"]] == ["forward/utf-8>gbk/strict/latin", "clean/en"]
    assert set(report["cells"][0]["tools"]) == {"fixtext", "ftfy", "ftfy-enc"}
    assert report["ftfy_suite"] is None


def test_markdown_tables_list_every_cell():
    corpus = acc.select(acc.our_paragraphs(), 1)
    cells = [_cell("forward/utf-8>gbk/ignore/latin"), _cell("clean/en")]
    results = acc.run_cells(cells, corpus, {"fixtext": lambda t: t, "ftfy": lambda t: t})
    report = {"cells": [acc.summarize(r) for r in results], "detection": None}
    table = acc.markdown_tables(report)
    assert "| `forward/utf-8>gbk/ignore/latin` | lossy |" in table
    assert "| en | 1 | 0 | 0 |" in table
