"""Fast checks of the corpus builder (tools/build_corpus.py) and loader (benchmarks/corpus.py).

Everything runs on tiny inputs made here, plus a slice of the man pages
installed on this machine; nothing needs the built cache or the network.
No assertion here is about what fixtext does to the text.
"""

import gzip
import os
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))
import build_corpus
import corpus

# ------------------------------------------------------------------ the split


def test_split_is_deterministic_and_roughly_even():
    ids = [f"deb:fake/usr/share/man/xx/man1/page{i}.1.gz" for i in range(200)]
    halves = [corpus.half_of(doc_id) for doc_id in ids]
    assert halves == [corpus.half_of(doc_id) for doc_id in ids]
    assert set(halves) == {"tune", "check"}
    assert 70 <= halves.count("tune") <= 130  # 200 fair coin flips: 100 +- 30 is over 4 sigma


def test_split_is_by_document(tmp_path):
    cands = [build_corpus.Candidate(f"t:{i}", "machine-man", "de", "plain",
                                    f"Paragraph {i} über alles.\n\nShared boilerplate für alle.\n".encode())
             for i in range(40)]  # fmt: skip
    folder = _build(tmp_path, cands)
    docs = corpus.load_documents(folder=folder)
    paras = corpus.load_paragraphs(folder=folder)
    half_of_doc = {d.doc_id: d.half for d in docs}
    assert len(half_of_doc) == 40 and {d.half for d in docs} == {"tune", "check"}
    assert all(p.half == half_of_doc[p.doc_id] for p in paras)
    assert sum(p.text == "Shared boilerplate für alle." for p in paras) == 1  # kept once, in one half


# --------------------------------------------------------------------- troff

TROFF = r""".\" A comment line
.TH LS 1 "2024" "GNU" "Benutzerbefehle"
.SH BESCHREIBUNG
\fBls\fP listet Informationen über die \fIDATEIEN\fP auf
\(em standardmäßig das aktuelle Verzeichnis.
.PP
Mit
.B \-l
wird ausführlich gelistet\-\-auch Größen. \" trailing comment
.SH "SIEHE AUCH"
'br
\fBdir\fR(1), \f(CWvdir\fP(1)

Kurz.
"""


def test_troff_paragraphs():
    assert build_corpus.troff_paragraphs(TROFF) == [
        "ls listet Informationen über die DATEIEN auf — standardmäßig das aktuelle Verzeichnis.",
        "Mit wird ausführlich gelistet--auch Größen.",
        "dir(1), vdir(1)",
        "Kurz.",
    ]


def test_paragraph_rule():
    keep = build_corpus.keep_paragraph
    assert keep("Plain English words here.", "Latin")
    assert not keep("Plain English words here.", "Han")  # ASCII-only paragraphs only for Latin scripts
    assert keep("用法：ls [选项]... [文件]...", "Han")
    assert not keep("短", "Han") and not keep("x" * 401, "Latin")


def test_fortune_and_chunk_splitting():
    assert build_corpus.fortune_paragraphs("Eins.\n%\nZwei\nZeilen.\n%\n") == ["Eins.\n", "Zwei\nZeilen.\n", ""]
    assert build_corpus.chunk(["ab", "cd", "ef"], ", ", limit=6) == ["ab, cd", "ef"]


# -------------------------------------------------------- the damage rule


def test_invalid_utf8_and_c1_are_damage():
    assert corpus.check_text("Größe 大小".encode()) == ("Größe 大小", None)
    text, reason = corpus.check_text(b"Gr\xf6\xdfe")  # latin-1 bytes
    assert text is None and reason.startswith("invalid UTF-8")
    text, reason = corpus.check_text("operationsâ\u0080\u0094that".encode())  # an em dash encoded twice
    assert text is None and "U+0080" in reason
    assert corpus.check_decoded("DESCRIPCIÃ\u0093N") == (None, "C1 control U+0093 at character 10")


def test_builder_reports_damage_and_duplicates(tmp_path):
    cands = [
        build_corpus.Candidate("a:1", "deb-man", "es", "plain", "Descripción del programa.\n".encode()),
        build_corpus.Candidate("a:2", "machine-man", "es", "plain", "Descripción del programa.\n".encode()),
        build_corpus.Candidate("a:3", "machine-man", "es", "plain", "DESCRIPCIÃ\u0093N del programa\n".encode()),
        build_corpus.Candidate("a:4", "machine-man", "es", "plain", b"Descripci\xf3n\n"),
    ]
    folder = _build(tmp_path, cands)
    assert [d.doc_id for d in corpus.load_documents(folder=folder)] == ["a:1"]  # the pinned copy wins
    manifest = corpus.load_manifest(folder=folder)
    assert [row["doc_id"] for row in manifest["damaged_in_the_wild"]] == ["a:3", "a:4"]
    assert manifest["skipped"]["machine-man: duplicate text"] == 1


def test_rebuild_is_byte_identical(tmp_path):
    cands = [build_corpus.Candidate(f"r:{i}", "cldr", "ja", "plain", f"日本語の文{i}です。\n\n二つ目の段落{i}。")
             for i in range(10)]  # fmt: skip
    first = _build(tmp_path / "one", cands)
    second = _build(tmp_path / "two", list(reversed(cands)))
    for name in ("documents.jsonl", "paragraphs.jsonl", "manifest.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_mo_catalog_parsing():
    entries = [(b"", b"Content-Type: text/plain; charset=UTF-8\n"), (b"File", b"Datei"),
               (b"one\0many", b"eine Datei\0viele Dateien")]  # fmt: skip
    assert build_corpus.mo_text(_mo(entries)) == (b"Datei\n\neine Datei\n\nviele Dateien", "utf-8")


def test_language_from_a_file_name():
    names = ["help.zh_CN.txt", "zh_cn.py", "README.ja.md", "io.py", "test_format.py"]
    assert [build_corpus._file_lang(n) for n in names] == ["zh-Hans", "zh-Hans", "ja", "und", "und"]


def test_output_refused_inside_the_repository():
    with pytest.raises(SystemExit, match="inside the repository"):
        build_corpus.output_dir(str(ROOT / "corpus-here"))


# ------------------------------------------------------------------- loader


def test_loader_says_how_to_build_a_missing_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FIXTEXT_CORPUS_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(corpus.CorpusMissingError, match=r"python tools/build_corpus\.py"):
        corpus.load_documents()
    with pytest.raises(corpus.CorpusMissingError):
        corpus.load_paragraphs(half="check")


def test_loader_filters(tmp_path):
    cands = [build_corpus.Candidate("f:de", "machine-man", "de", "plain", "Grüße aus Köln, wie immer."),
             build_corpus.Candidate("f:ru", "gettext", "ru", "plain", "Привет из Москвы, как всегда.")]  # fmt: skip
    folder = _build(tmp_path, cands)
    assert [d.lang for d in corpus.load_documents(langs="ru", folder=folder)] == ["ru"]
    assert [d.script for d in corpus.load_documents(sources={"machine-man"}, folder=folder)] == ["Latin"]
    assert len(corpus.load_paragraphs(limit=1, folder=folder)) == 1
    with pytest.raises(ValueError):
        corpus.load_documents(half="both", folder=folder)


def test_script_of():
    assert corpus.script_of(".TH LS 1\n用法：列出目录内容\n") == "Han"
    assert corpus.script_of("使い方：ファイルを一覧表示する") == "Japanese"
    assert corpus.script_of("사용법: 파일 목록을 보여 줍니다") == "Hangul"
    assert corpus.script_of("Привет, мир") == "Cyrillic"
    assert corpus.script_of("Größe und Weiß des Kreises mit dem Radius r: Fläche π r²") == "Latin"  # one π is not Greek
    assert corpus.script_of("12345 !!") == "Common"


def test_machine_documents_rules_on_a_fake_tree(tmp_path):
    pages = tmp_path / "man" / "zh_CN" / "man1"
    pages.mkdir(parents=True)
    (pages / "good.1.gz").write_bytes(gzip.compress(".TH GOOD 1\n用法：很好。\n".encode()))
    (pages / "c1.1").write_bytes("DESCRIPCIÃ\u0093N\n".encode())
    (pages / "latin1.1").write_bytes(b"Gr\xf6\xdfe\n")
    (pages / "stub.1").write_bytes(b".so man1/good.1\n")
    (pages / "empty.1").write_bytes(b"")
    (pages / "broken.1.gz").write_bytes(b"\x1f\x8bnot gzip")
    os.symlink(pages / "good.1.gz", pages / "link.1.gz")
    (tmp_path / "man" / "man1").mkdir()  # untranslated pages are not looked at
    (tmp_path / "man" / "man1" / "en.1").write_text("English\n")
    docs = list(corpus.machine_documents(root=tmp_path / "man"))
    assert [(d.doc_id.rsplit("/", 1)[1], d.lang, d.script, d.source) for d in docs] == [
        ("good.1.gz", "zh-Hans", "Han", "machine-man")]  # fmt: skip


# ------------------------------------------------- CI slice: this machine

_TRANSLATED = next(corpus.translated_man_pages(), None)


@pytest.mark.skipif(_TRANSLATED is None, reason="/usr/share/man has no translated man pages on this machine")
def test_machine_documents_are_valid():
    docs = list(corpus.machine_documents(limit_per_lang=3))
    assert docs, "translated pages exist but none passed the rules"
    assert len({d.doc_id for d in docs}) == len(docs)
    for doc in docs:
        assert corpus.check_text(doc.text.encode("utf-8")) == (doc.text, None)
        assert not corpus.is_stub(doc.text)
        assert doc.half == corpus.half_of(doc.doc_id) and doc.lang and doc.script != "Common"
        for para in build_corpus.troff_paragraphs(doc.text):
            assert para == " ".join(para.split())  # filled: one line, single spaces
        # (A page may show troff as text, as lexgrog.1 does: `\&.SH NAME`; so no test of leading dots.)


# ------------------------------------------------------------------ helpers


def _build(folder: Path, cands: list) -> Path:
    """The builder's pipeline, minus gathering, on the given candidates."""
    folder.mkdir(parents=True, exist_ok=True)
    build = build_corpus.Build()
    docs = build_corpus.select_documents(cands, build)
    paragraphs = build_corpus.extract_paragraphs(docs, build)
    build_corpus.write_outputs(folder, docs, paragraphs, build_corpus.make_manifest(docs, paragraphs, build))
    return folder


def _mo(entries: list[tuple[bytes, bytes]]) -> bytes:
    """A little-endian GNU .mo file holding the entries (sorted by msgid, as msgfmt writes them)."""
    entries = sorted(entries)
    ids_at = 28
    strs_at = ids_at + 8 * len(entries)
    data_at = strs_at + 8 * len(entries)
    header = struct.pack("<7I", 0x950412DE, 0, len(entries), ids_at, strs_at, 0, data_at)
    tables, blob = [b"", b""], b""
    for which in (0, 1):
        for entry in entries:
            tables[which] += struct.pack("<2I", len(entry[which]), data_at + len(blob))
            blob += entry[which] + b"\0"
    return header + tables[0] + tables[1] + blob
