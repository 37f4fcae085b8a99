"""benchmarks/floor.py runs and reports every clean CJK input (no timing targets here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "floor.py"


def _load():
    spec = importlib.util.spec_from_file_location("fixtext_bench_floor", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


floor = _load()


def test_the_table_has_a_row_per_clean_cjk_input(capsys):
    assert floor.main(["--size", "2e4", "--repeat", "1", "--markdown"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| clean ")]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == list(floor.CLEAN_CJK)
    assert all(row.count("×") == 2 for row in rows)


def _timed_calls(monkeypatch, text):
    calls = []
    monkeypatch.setattr(floor, "best_seconds", lambda func, repeat: calls.append(func) or 1.0)
    return floor.floor_seconds(text, 1)


def test_ascii_text_costs_only_the_census_encode(monkeypatch):
    # No run can be damage and no line another CJK codec: only the census's encode counts.
    assert _timed_calls(monkeypatch, "plain ASCII text\n" * 10) == 1.0


def test_hangul_lines_skip_the_cjk_to_cjk_codecs(monkeypatch):
    korean, chinese = _timed_calls(monkeypatch, "도서관 앞 벤치\n" * 10), _timed_calls(monkeypatch, "港口的渡船\n" * 10)
    assert korean < chinese
    assert chinese >= 1 + 2 + 4  # the census, two wrong decoders' encodes, four decodes (and the families')
