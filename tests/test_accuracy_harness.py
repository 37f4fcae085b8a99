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
    multibyte = [c for c in cells if c.direction == "forward" and c.read_as in acc.ALL_CODECS and c.errors in acc.FORWARD_ERRORS]
    assert len(multibyte) == 2 * len(acc.ALL_CODECS) * len(acc.FORWARD_ERRORS)  # builtin corpus: latin and cjk
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
    assert acc.main(["--quick", "--corpus", "builtin", "--jobs", "1", "--max-paragraphs", "1", *cells, "--json", str(out)]) == 0
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


# ------------------------------------------------------------- decoders
def test_whatwg_gbk_reads_a_lone_0x80_as_euro():
    assert acc.decode_as(b"\x80abc", "gbk-whatwg", "strict") == "€abc"
    assert acc.decode_as(b"\x80abc", "gbk", "strict") is None  # Python's gbk: 0x80 is an error
    assert acc.decode_as(b"\x80\xff", "gbk-whatwg", "replace") == "€\ufffd"  # other bad bytes stay bad
    assert acc.decode_as(b"\xff", "gbk-whatwg", "strict") is None
    # In UTF-8 text: '’À' is E2 80 | 99 C3 | 80 -- the last 0x80 is left alone at a lead position.
    assert _cell("forward/utf-8>gbk-whatwg/strict/latin").corrupt("’À") == "鈥櫭€"
    assert _cell("forward/utf-8>gbk/strict/latin").corrupt("’À") is None
    assert _cell("forward/utf-8>gbk/replace/latin").corrupt("’À") == "鈥櫭\ufffd"


def test_replace_run_gives_one_fffd_per_run_of_bad_bytes():
    data = b"\xff\xff\xffa\xff"
    assert acc.decode_as(data, "gbk", "replace") == "\ufffd\ufffd\ufffda\ufffd"  # Python: one per byte
    assert acc.decode_as(data, "gbk", "replace-run") == "\ufffda\ufffd"
    assert acc.decode_as(data, "gbk", "replace-run") == "\ufffda\ufffd"  # no state left from the last decode
    assert acc.decode_as(b"\x80\xa0x", "shift_jis", "replace-run") == "\ufffdx"
    assert _cell("forward/utf-8>shift_jis/replace-run/latin").corrupt("a\xff") == acc.decode_as("a\xff".encode(), "shift_jis", "replace-run")


def test_sloppy_and_strict_single_byte_cells():
    assert _cell("forward/utf-8>cp1252/strict/latin").corrupt("café") == "cafÃ©"
    assert _cell("forward/utf-8>cp1250/strict/latin").corrupt("Á") is None  # C3 81: 0x81 is undefined in cp1250
    assert _cell("forward/utf-8>cp1250/sloppy/latin").corrupt("Á") == "Ă\x81"
    assert _cell("forward/utf-8>koi8_r/strict/latin").corrupt("é") == "ц╘"
    assert acc.undefined_bytes("cp1251") == (0x98,) and acc.undefined_bytes("koi8_r") == ()
    keys = {c.key for c in acc.build_cells()}
    assert "forward/utf-8>cp1250/sloppy/latin" in keys and "forward/utf-8>koi8_r/sloppy/latin" not in keys


@pytest.mark.parametrize(
    ("key", "text", "expected", "lost"),
    [
        ("chain/utf-8>cp1252|utf-8>gbk/strict/latin", "café", "caf脙漏", False),
        ("chain/utf-8>cp1252|utf-8>gbk/strict/latin", "’", None, False),
        ("chain/utf-8>cp1252|utf-8>gbk/replace/latin", "Ä", "脙鈥\ufffd", True),
        ("chain/utf-8>gbk|utf-8>cp1252/replace/latin", "’", "éˆ¥ï¿½", True),
        ("chain/utf-8>cp1252|utf-8>cp1252/strict/latin", "café", "cafÃƒÂ©", False),
        ("chain/utf-8>cp1252|utf-8>cp1252|utf-8>gbk/strict/latin", "é", "脙茠脗漏", False),
        ("chain/utf-8>gbk|utf-8>gbk/replace/latin", "’", "閳ワ拷", True),  # the 锟斤拷 family
    ],
)
def test_chains(key, text, expected, lost):
    cell = _cell(key)
    assert cell.direction == "chain"
    assert cell.damage(text) == (expected, lost)
    assert cell.lossless == (cell.errors == "strict")


def test_chains_without_a_multibyte_link_have_no_error_modes():
    keys = {c.key for c in acc.build_cells()}
    assert "chain/utf-8>cp1252|utf-8>cp1252/strict/latin" in keys
    assert "chain/utf-8>cp1252|utf-8>cp1252/replace/latin" not in keys  # would equal the strict cell
    assert "chain/utf-8>gbk|utf-8>gbk/replace/cjk" in keys


# ------------------------------------------------------------- scoring
def test_levenshtein_matches_the_textbook_table():
    rng = acc.random.Random(7)
    for _ in range(300):
        a = "".join(rng.choice("abcé中") for _ in range(rng.randint(0, 90)))
        b = "".join(rng.choice("abcé中") for _ in range(rng.randint(0, 90)))
        assert acc.levenshtein(a, b) == acc.levenshtein_table(a, b), (a, b)


def test_trace():
    assert not acc.has_trace("café", "café")
    assert not acc.has_trace("It’s 9–5", "Its 95")  # characters silently dropped: nothing to repair
    assert acc.has_trace("It’s", "It\ufffds")
    assert acc.has_trace("café", "caf茅")
    assert acc.has_trace("ab", "ba")  # reordered: not a deletion


def test_trace_and_loss_are_counted_per_cell():
    corpus = [acc.Paragraph("It’s 9–5.", "en", "t"), acc.Paragraph("plain ascii", "en", "t")]
    tools = {"oracle": lambda t: {"It鈥檚 9鈥�5.": "It’s 9–5."}.get(t, t), "same": lambda t: t}
    replace = acc.run_cell(_cell("forward/utf-8>gbk/replace/latin"), corpus, tools)
    assert (replace.n, replace.traced, replace.lost, replace.lossless) == (2, 1, 1, False)
    assert (replace.tools["oracle"].traced_exact, replace.tools["same"].traced_exact) == (1, 0)
    assert acc.summarize(replace)["tools"]["oracle"]["traced_exact_pct"] == 100.0
    ignore = acc.run_cell(_cell("forward/utf-8>gb2312/ignore/latin"), [acc.Paragraph("9–5", "en", "t")], tools)
    assert ignore.traced == 0 and ignore.lost == 1  # gb2312 drops E2 80 93 whole: '95'
    # A replace decode that needed no replacement is lossless.
    clean = acc.run_cell(_cell("forward/utf-8>gbk/replace/latin"), [acc.Paragraph("plain ascii", "en", "t")], tools)
    assert clean.lossless and not clean.cell.lossless


def test_parallel_run_matches_serial():
    corpus = acc.select(acc.our_paragraphs(), 2)
    cells = [c for c in acc.build_cells() if c.key.startswith(("forward/utf-8>gbk/", "chain/", "clean/"))]
    tools = {"lower": str.lower, "same": str}  # picklable
    serial = [acc.summarize(r) for r in acc.run_cells(cells, corpus, tools)]
    parallel = [acc.summarize(r) for r in acc.run_cells(cells, corpus, tools, jobs=2)]
    for row in serial + parallel:  # timings differ
        row["input_acc_pct"] = round(row["input_acc_pct"], 9)  # sums in another order
        for t in row["tools"].values():
            t.pop("seconds")
            t["acc_pct"] = round(t["acc_pct"], 9)
    assert json.dumps(parallel) == json.dumps(serial)  # NaN (empty cells) compares equal as text


def test_targets_list_the_misses_with_every_tools_figure():
    def row(cell, direction, lossless, group, exact, nowrs, traced_exact, changed=0):
        tools = {name: {"exact_pct": e, "no_worse_pct": w, "traced_exact_pct": t, "changed": changed}
                 for name, e, w, t in (("fixtext", exact, nowrs, traced_exact), ("ftfy", 0.0, 100.0, 0.0))}  # fmt: skip
        return {"cell": cell, "direction": direction, "lossless": lossless, "script_group": group, "n": 10, "traced": 5, "tools": tools}

    rows = [
        row("forward/a/strict/latin", "forward", True, "latin", 99.0, 100.0, 99.0),
        row("forward/b/strict/latin", "forward", True, "latin", 100.0, 100.0, 100.0),
        row("forward/c/replace/cyrillic", "forward", False, "cyrillic", 50.0, 90.0, 80.0),
        row("forward/d/replace/cjk", "forward", False, "cjk", 50.0, 100.0, 10.0),
        row("clean/en", "clean", True, "latin", 100.0, 100.0, 100.0, changed=1),
    ]
    by_target = {t["target"].split(":")[0]: t for t in acc.target_misses(rows)}
    lossless = by_target["lossless cells"]
    assert [m["cell"] for m in lossless["misses"]] == ["forward/a/strict/latin", "forward/b/strict/latin"]
    assert lossless["misses"][0]["figures"] == {"fixtext": 99.0, "ftfy": 0.0}
    assert lossless["missed"] == {"fixtext": 1, "ftfy": 2}
    assert [m["cell"] for m in by_target["lossy cells"]["misses"]] == ["forward/c/replace/cyrillic"]
    traced = by_target["lossy latin/cyrillic/greek cells"]
    assert [m["cell"] for m in traced["misses"]] == ["forward/c/replace/cyrillic"]  # cjk is not covered
    assert by_target["clean rows"]["missed"] == {"fixtext": 1, "ftfy": 1}


# ------------------------------------------------------------- real corpus
class _Item:
    def __init__(self, doc_id, lang, script, text, half="check", source="stub"):
        self.doc_id, self.lang, self.script, self.text, self.half, self.source = doc_id, lang, script, text, half, source


def _stub_items(half="check"):
    items = []
    for doc in range(3):  # doc 0 is long: it must not take every slot
        for k in range(12 if doc == 0 else 2):
            items.append(_Item(f"{half}-ru-{doc}", "ru", "Cyrillic", f"Документ {doc}, абзац {k}: проверка текста.", half))
    items += [_Item(f"{half}-ja-0", "ja", "Japanese", f"日本語の文章です、その{k}。", half) for k in range(3)]
    items.append(_Item(f"{half}-ja-0", "ja", "Japanese", "--help  display this help", half))  # off-script: dropped
    items += [_Item(f"{half}-sq-0", "sq", "Latin", f"Kjo është një fjali shqip numër {k}.", half) for k in range(3)]
    items.append(_Item(f"{half}-ar-0", "ar", "Arabic", "هذه جملة عربية قصيرة للاختبار.", half))
    items.append(_Item(f"{half}-docs", "ar", "Arabic", "نص فيه تشويه مقصود للتوثيق.", half, source="repo-docs"))  # left out
    return items


class _StubCorpus:
    def __init__(self):
        self.calls = []

    def load_paragraphs(self, half=None, langs=None, sources=None, limit=None):
        self.calls.append(half)
        items = [i for i in _stub_items(half) if not langs or i.lang in langs]
        return items[:limit] if limit is not None else items


def test_to_paragraph_converts_clips_and_drops_off_script():
    para = acc.to_paragraph(_Item("d1", "ru", "Cyrillic", "  Первое предложение. Второе предложение.  "), max_chars=30)
    assert para == acc.Paragraph("Первое предложение.", "ru", "stub", doc_id="d1", half="check", script="Cyrillic")
    assert acc.group_of(para) == "cyrillic"
    assert acc.to_paragraph(_Item("d", "ja", "Japanese", "--help  display this help")) is None
    assert acc.to_paragraph(_Item("d", "ja", "Latin", "An English paragraph in a ja document.")) is None
    assert acc.to_paragraph(_Item("d", "sr-Latn", "Latin", "Ovo je rečenica na latinici.")).lang == "sr-Latn"
    assert acc.to_paragraph(_Item("d", "de", "Latin", "kurz")) is None  # under MIN_CHARS
    assert acc.group_of(acc.Paragraph("x" * 10, "sr-Latn", "s", script="Latin")) == "latin"
    assert acc.group_of(acc.Paragraph("مرحبا بالعالم", "ar", "s", script="Arabic")) == "other"
    assert acc.group_of(acc.Paragraph("123456789012", "el", "s", script="Common")) == "greek"  # label says nothing


def test_sampling_is_deterministic_and_spreads_over_documents():
    items = [item for item in _stub_items() if item.source == "stub"]
    convert = acc.to_paragraph
    first = acc.sample_paragraphs(items, 4, seed=3, convert=convert)
    assert acc.sample_paragraphs(list(reversed(items)), 4, seed=3, convert=convert) == first  # loader order does not matter
    ru = [p for p in first if p.lang == "ru"]
    assert len(ru) == 4 and len({p.doc_id for p in ru}) == 3  # round-robin: doc 0 does not dominate
    assert [p.lang for p in first] == ["sq"] * 3 + ["ru"] * 4 + ["ja"] * 3 + ["ar"]  # by script group
    others = {tuple(p.text for p in acc.sample_paragraphs(items, 4, seed=s, convert=convert)) for s in range(6)}
    assert len(others) > 1  # the seed matters
    picked = {frozenset(p.doc_id for p in acc.sample_paragraphs(items, 2, seed=s) if p.lang == "ru") for s in range(30)}
    assert len(picked) > 1 and all(len(docs) == 2 for docs in picked)  # which documents go first is seeded too


def test_real_corpus_through_a_stub_loader(monkeypatch):
    stub = _StubCorpus()
    monkeypatch.setattr(acc, "load_corpus_module", lambda: stub)
    corpus = acc.real_corpus("tune", 2)
    assert stub.calls == ["tune"] and {p.half for p in corpus} == {"tune"}
    assert {p.lang: acc.group_of(p) for p in corpus} == {"sq": "latin", "ru": "cyrillic", "ja": "cjk", "ar": "other"}
    assert [p.source for p in corpus if p.lang == "ar"] == ["stub"]  # repo-docs quotes mojibake: left out
    keys = {c.key for c in acc.build_cells(corpus)}
    assert {"forward/utf-8>gbk/replace/other", "reverse/cp1251>latin-1/strict/ru", "reverse/koi8_r>cp1252/sloppy/ru"} <= keys
    assert {"clean/ar", "forward/utf-8>cp1251/strict/cyrillic", "chain/utf-8>gbk|utf-8>cp1252/strict/cjk"} <= keys
    assert not any(k.endswith("/greek") for k in keys)  # no Greek paragraphs, no Greek cells
    notes = []
    assert acc.choose_corpus(None, notes) == "real" and not notes


def test_missing_real_corpus_falls_back_or_fails(monkeypatch):
    def missing():
        raise FileNotFoundError("no corpus at /nowhere: build it")

    monkeypatch.setattr(acc, "load_corpus_module", lambda: type("M", (), {"load_paragraphs": staticmethod(lambda **kw: missing())}))
    notes = []
    assert acc.choose_corpus(None, notes) == "builtin"
    assert "no corpus at /nowhere" in notes[0]
    with pytest.raises(SystemExit, match="no corpus at /nowhere"):
        acc.choose_corpus("real", [])
    assert acc.choose_corpus("builtin", []) == "builtin"


def test_main_with_both_halves(monkeypatch, tmp_path):
    monkeypatch.setattr(acc, "load_corpus_module", _StubCorpus)
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    cells = ["--cells", "clean/*", "--cells", "forward/utf-8>cp1251/strict/cyrillic"]
    argv = ["--quick", "--half", "both", "--max-paragraphs", "2", "--jobs", "1", *cells, "--json", str(out), "--markdown", str(md)]
    assert acc.main(argv) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["corpus_kind"] == "real" and report["halves"] == ["tune", "check"]
    halves = [(row["half"], row["cell"]) for row in report["cells"]]
    assert ("tune", "forward/utf-8>cp1251/strict/cyrillic") in halves and ("check", "clean/ru") in halves
    assert {p["half"] for p in report["corpus"]} == {"tune", "check"}
    assert [t["target"].split(":")[0] for t in report["targets"]][-1] == "clean rows"
    assert "| `tune:forward/utf-8>cp1251/strict/cyrillic` | lossless |" in md.read_text(encoding="utf-8")


def test_group_cells_are_capped_languages_in_turn():
    corpus = [acc.Paragraph(f"Text number {k} in {lang}.", lang, "t") for lang in ("de", "fr", "sv") for k in range(3)]
    corpus.append(acc.Paragraph("Только один абзац здесь.", "ru", "t"))
    capped = acc.cap_groups(corpus, 4)
    assert [p.text for p in capped] == [p.text for p in corpus]  # order kept, nothing dropped
    assert [(p.lang, p.text[12]) for p in capped if p.grouped and p.lang != "ru"] == [("de", "0"), ("de", "1"), ("fr", "0"), ("sv", "0")]
    assert [p.grouped for p in capped if p.lang == "ru"] == [True]  # each group has its own cap
    group_cell, lang_cell = _cell("forward/utf-8>cp1252/strict/latin"), acc.Cell("clean", "-", "-", "-", "sv")
    assert sum(map(group_cell.applies, capped)) == 4
    assert sum(map(lang_cell.applies, capped)) == 3  # per-language cells keep every paragraph
    assert acc.cap_groups(corpus, None) == corpus


def test_tool_outputs_are_memoized_but_errors_are_not():
    calls = []

    def counting(text: str) -> str:
        calls.append(text)
        if text == "boom":
            raise ValueError(text)
        return text.upper()

    score = acc.ToolScore()
    assert [acc.run_tool(counting, t, score) for t in ("memo me", "memo me", "boom", "boom")] == ["MEMO ME", "MEMO ME", "boom", "boom"]
    assert calls == ["memo me", "boom", "boom"] and score.errors == 2
    unhashable = type("Unhashable", (), {"__call__": lambda self, t: t[::-1], "__hash__": None})()
    assert acc.run_tool(unhashable, "ab", score) == "ba"


def test_a_language_sorts_by_its_majority_label():
    items = [_Item("runes", "is", "Runic", "ᚠᚢᚦᚨᚱᚲ ᚷᚹᚺᚾᛁᛃ")] + [_Item(f"d{k}", "is", "Latin", f"Þetta er setning númer {k}.") for k in range(3)]
    items += [_Item("ar", "ar", "Arabic", "هذه جملة عربية قصيرة للاختبار."), _Item("ru", "ru", "Cyrillic", "Это короткое предложение.")]
    assert [p.lang for p in acc.sample_paragraphs(items, 1)] == ["is", "ru", "ar"]  # Icelandic is Latin, not "other"
