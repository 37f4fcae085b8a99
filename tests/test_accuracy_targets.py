"""A fast subset of the accuracy harness, holding fixtext to its targets.

The full matrix (benchmarks/accuracy.py, docs/accuracy.md) takes minutes;
this runs the cells whose targets are met today on our own sentences and,
where the interpreter ships them, CPython's CJK sample texts.
"""

from __future__ import annotations

import fnmatch

import fixtext
import pytest

from .test_accuracy_harness import acc

CORPUS = acc.build_corpus(6, [], acc.MAX_CHARS)
CELLS = {cell.key: cell for cell in acc.build_cells()}
TOOLS = {"fixtext": fixtext.fix_text}


def _run(pattern: str) -> list:
    cells = [cell for key, cell in CELLS.items() if fnmatch.fnmatch(key, pattern)]
    assert cells, pattern
    return acc.run_cells(cells, CORPUS, TOOLS, per_cell_config=True)


def test_clean_paragraphs_are_never_changed():
    for result in _run("clean/*"):
        assert result.n > 0
        assert result.tools["fixtext"].changed == 0, result.cell.key


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "shift_jis", "cp932"])
def test_lossless_english_cells_are_repaired_exactly(codec):
    [result] = _run(f"forward/utf-8>{codec}/strict/latin")
    assert result.n > 0
    assert result.tools["fixtext"].exact == result.n


@pytest.mark.parametrize("cell", ["forward/utf-8>gbk/ignore/latin", "forward/utf-8>gb18030/replace/latin", "forward/utf-8>cp932/ignore/latin"])
def test_lossy_english_cells_reach_ninety_percent(cell):
    [result] = _run(cell)
    assert result.tools["fixtext"].exact >= 0.9 * result.n


def test_no_cell_is_made_worse_than_its_input():
    for result in _run("forward/utf-8>*/*/latin") + _run("reverse/*"):
        assert result.tools["fixtext"].no_worse == result.n, result.cell.key


def test_gbk_read_as_latin1_is_repaired():
    [result] = _run("reverse/gbk>latin-1/strict/*")
    assert result.tools["fixtext"].exact >= 0.8 * result.n


def test_ftfy_preset_matches_ftfy_on_its_own_test_cases():
    # ftfy 6.3.1's tests/test_cases.json, fetched with pip once and cached by the harness.
    notes: list[str] = []
    cases = acc.ftfy_cases(notes)
    assert cases is not None, notes
    suite = acc.run_ftfy_suite(cases, acc.make_tools(None))
    counts = suite["counts"]
    ours = counts.get("fixtext-ftfy-preset:pass", 0) + counts.get("fixtext-ftfy-preset:fail", 0)
    theirs = counts.get("ftfy:pass", 0) + counts.get("ftfy:fail", 0)
    assert ours >= theirs >= 152
