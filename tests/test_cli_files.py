"""Files: which are found, how they are read, and how they are written back."""

import codecs
import hashlib
import os
import stat
import subprocess
import time

import pytest

from fixtext.filesio import TEMP_SUFFIX
from tests.clirun import BROKEN, FIXED, cli

BROKEN_BYTES, FIXED_BYTES = BROKEN.encode("utf-8"), FIXED.encode("utf-8")


def listed(result) -> set[str]:
    """The files a report names."""
    return {line.split(":")[0] for line in result.text.splitlines()}


# --- finding files ---------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A git repository with text files at several depths, some ignored."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    files = [
        "README.md", "docs/guide.rst", "docs/old/notes.txt", "locale/fr.po", "subs/ep1.srt", "data/table.csv",
        "build/out.md", "docs/drafts/wip.md", "docs/drafts/keep.md", "node_modules/pkg/readme.md",
        "src/code.py", "logs/run.log",
    ]  # fmt: skip
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(BROKEN_BYTES)
    (tmp_path / ".gitignore").write_text("build/\n*.log\n")
    (tmp_path / "docs" / ".gitignore").write_text("drafts/*\n!drafts/keep.md\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_walk_takes_text_types_and_honours_gitignore(project):
    assert listed(cli("-j1", ".")) == {
        "README.md", "docs/guide.rst", "docs/old/notes.txt", "locale/fr.po", "subs/ep1.srt",
        "data/table.csv", "docs/drafts/keep.md",
    }  # fmt: skip


def test_gitignore_of_the_repository_applies_when_walking_a_subdirectory(project):
    assert listed(cli("-j1", "docs")) == {"docs/guide.rst", "docs/old/notes.txt", "docs/drafts/keep.md"}


def test_include_replaces_the_default_types(project):
    assert listed(cli("-j1", "--include", "*.py", "--include", "*.csv", ".")) == {"src/code.py", "data/table.csv"}


def test_exclude_skips_files_and_directories(project):
    found = listed(cli("-j1", "--exclude", "docs/", "--exclude", "*.po", "."))
    assert found == {"README.md", "subs/ep1.srt", "data/table.csv"}


def test_named_files_are_taken_unless_force_exclude(project):
    assert listed(cli("--exclude", "*.md", "build/out.md")) == {"build/out.md"}
    result = cli("--exclude", "*.md", "--force-exclude", "build/out.md", "README.md")
    assert (result.code, result.out) == (0, b"")


def test_a_file_named_twice_or_through_a_symlink_is_processed_once(project):
    os.symlink("README.md", project / "link.md")
    result = cli("-j1", "README.md", "README.md", "link.md")
    assert len(result.text.splitlines()) == 2  # two findings, one file


def test_binary_files_are_skipped_with_a_message(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "note.txt").write_bytes(BROKEN_BYTES)
    result = cli("-j1", "--write", str(tmp_path))
    assert result.code == 1 and "image.txt: binary file" in result.err
    assert (tmp_path / "image.txt").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "note.txt").read_bytes() == FIXED_BYTES


# --- errors: exit 2, the other files are still processed --------------------------------------


def test_missing_file_is_an_error_and_the_rest_is_processed(tmp_path):
    (tmp_path / "note.txt").write_bytes(BROKEN_BYTES)
    result = cli("--write", str(tmp_path / "nope.txt"), str(tmp_path / "note.txt"))
    assert result.code == 2 and "nope.txt: no such file or directory" in result.err
    assert (tmp_path / "note.txt").read_bytes() == FIXED_BYTES


def test_broken_symlink_is_an_error(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    result = cli(str(tmp_path / "dangling.txt"))
    assert result.code == 2 and "broken symbolic link" in result.err


def test_permission_denied_is_an_error(tmp_path, monkeypatch):
    # Simulated, so the test holds for root too (root may read any file).
    (tmp_path / "secret.txt").write_bytes(BROKEN_BYTES)
    (tmp_path / "open.txt").write_bytes(BROKEN_BYTES)
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    result = cli("-j1", "--write", str(tmp_path))
    assert result.code == 2 and "secret.txt: Permission denied" in result.err
    assert (tmp_path / "open.txt").read_bytes() == FIXED_BYTES
    assert (tmp_path / "secret.txt").read_bytes() == BROKEN_BYTES


def test_directory_without_read_access_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_bytes(BROKEN_BYTES)
    (tmp_path / "b.txt").write_bytes(BROKEN_BYTES)
    real_scandir = os.scandir

    def guarded_scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    result = cli("-j1", "--write", str(tmp_path))
    assert result.code == 2 and "locked: cannot list directory: Permission denied" in result.err
    assert (tmp_path / "b.txt").read_bytes() == FIXED_BYTES


def test_unwritable_directory_is_an_error_and_the_file_is_unchanged(tmp_path, monkeypatch):
    (tmp_path / "note.txt").write_bytes(BROKEN_BYTES)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    result = cli("--write", str(tmp_path / "note.txt"))
    assert result.code == 2 and "Permission denied" in result.err
    assert (tmp_path / "note.txt").read_bytes() == BROKEN_BYTES


def test_undecodable_file_is_an_error(tmp_path, monkeypatch):
    # Valid UTF-8 at the start, so detection settles on UTF-8 from the first chunk; invalid later.
    path = tmp_path / "late.txt"
    data = b"plain ascii line\n" * 200 + b"\xff\xfe\xfa broken tail\n"
    path.write_bytes(data)
    result = cli("--write", "--chunk-size", "1024", str(path))
    assert result.code == 2 and "is not utf-8" in result.err
    assert path.read_bytes() == data


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = cli("--write", str(path))
    assert result.code == 0 and path.read_bytes() == b""


# --- encodings, byte-order marks and line endings -------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
     ("utf-32-le", codecs.BOM_UTF32_LE)],
)  # fmt: skip
def test_bom_and_encoding_are_kept(tmp_path, encoding, bom):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + BROKEN.encode(encoding))
    assert cli("--write", str(path)).code == 1
    assert path.read_bytes() == bom + FIXED.encode(encoding)


def test_mixed_line_endings_are_kept_line_by_line(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("one 鈥渢wo鈥 three\r\nfour\nfive it鈥檚\rsix\r\n".encode())
    cli("--write", str(path))
    assert path.read_bytes() == "one “two” three\r\nfour\nfive it’s\rsix\r\n".encode()


def test_latin1_crlf_file_keeps_every_byte_but_the_repaired_ones(tmp_path):
    path = tmp_path / "latin.txt"
    original = "Fa\u00e7ade r\u00e9nov\u00e9e\r\nLe caf\u00c3\u00a9 est ouvert.\r\n\u00c9t\u00e9 \u00e0 Paris\r\n"
    path.write_bytes(original.encode("latin-1"))
    assert cli("--write", str(path)).code == 1
    assert path.read_bytes() == original.replace("\u00c3\u00a9", "\u00e9").encode("latin-1")


def test_lines_the_codec_cannot_round_trip_keep_their_bytes(tmp_path):
    # cp932 maps NEC-selected IBM extensions (0xED40) to a character it writes back as 0xFA5C.
    path = tmp_path / "sjis.txt"
    untouched = (
        "\u65e5\u672c\u8a9e ".encode("cp932") + b"\xed\x40" + "\u306e\u6587\u7ae0\u3067\u3059\r\n".encode("cp932")
    )
    broken = "\u3053\u308c\u306f It\u7ab6\u51b1 done \u3067\u3059\r\n"  # UTF-8 ’ read as Shift_JIS
    path.write_bytes(untouched + broken.encode("cp932"))
    assert cli("--write", str(path)).code == 1
    assert path.read_bytes() == untouched + broken.replace("\u7ab6\u51b1", "\u2019s").encode("cp932")


def test_a_repair_the_encoding_cannot_hold_leaves_the_file_unchanged(tmp_path):
    # UTF-8 é read as GBK, in a Japanese Shift_JIS file: é has no Shift_JIS bytes.
    path = tmp_path / "menu.txt"
    data = "\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059\u3002caf\u8305 \u3067\u3059\r\n".encode("cp932")
    path.write_bytes(data)
    result = cli("--write", str(path))
    assert result.code == 2 and "cannot be written in" in result.err and "--to-utf8" in result.err
    assert path.read_bytes() == data
    assert cli("--write", "--to-utf8", str(path)).code == 1
    assert path.read_bytes().decode("utf-8").endswith("caf\u00e9 \u3067\u3059\r\n")


def test_unencodable_repair_is_reported_without_writing(tmp_path):
    from fixtext.filesio import Chunk, Encoding, OutputError, encode_chunk

    chunk = Chunk(b"It\xe2\x80\x99s\n", "It\u00e2\u0080\u0099s\n", 0, 1, 0)
    with pytest.raises(OutputError, match="line 1: the repair '’' cannot be written in latin-1"):
        encode_chunk(chunk, "It’s\n", Encoding("latin-1"), Encoding("latin-1"))


def test_to_utf8_converts_legacy_files(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("中文的文本，没有问题。\n".encode("gbk"))
    assert cli("--check", str(path)).code == 0
    result = cli("--write", "--to-utf8", str(path))
    assert result.code == 1 and path.read_bytes() == "中文的文本，没有问题。\n".encode()


# --- safe writes -----------------------------------------------------------------------------


def test_permission_bits_are_kept(tmp_path):
    path = tmp_path / "script.txt"
    path.write_bytes(BROKEN_BYTES)
    path.chmod(0o751)
    cli("--write", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o751 and path.read_bytes() == FIXED_BYTES


def test_a_symlink_is_resolved_and_its_target_rewritten(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(BROKEN_BYTES)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    cli("--write", str(link))
    assert link.is_symlink() and target.read_bytes() == FIXED_BYTES


def test_unchanged_files_are_not_written(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_bytes(FIXED_BYTES)
    before = path.stat().st_mtime_ns
    time.sleep(0.01)
    cli("--write", str(path))
    assert path.stat().st_mtime_ns == before


def test_no_temporary_files_are_left_behind(tmp_path):
    (tmp_path / "a.txt").write_bytes(BROKEN_BYTES)
    cli("--write", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    from fixtext.filesio import AtomicWriter, ChangedOnDiskError, Reader

    path = tmp_path / "busy.txt"
    path.write_bytes(BROKEN_BYTES)
    with open(path, "rb") as handle:
        reader = Reader(handle, 1 << 20)
        list(reader.chunks())
    writer = AtomicWriter(path)
    writer.write(FIXED_BYTES)
    path.write_bytes(b"someone else's edit\n")
    with pytest.raises(ChangedOnDiskError):
        writer.commit(reader.digest)
    assert path.read_bytes() == b"someone else's edit\n"
    assert not list(tmp_path.glob(f"*{TEMP_SUFFIX}"))


def test_changed_on_disk_is_caught_even_with_the_same_size_and_time(tmp_path):
    from fixtext.filesio import AtomicWriter, ChangedOnDiskError

    path = tmp_path / "same.txt"
    path.write_bytes(b"aaaa\n")
    info = path.stat()
    writer = AtomicWriter(path)
    path.write_bytes(b"bbbb\n")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    with pytest.raises(ChangedOnDiskError):
        writer.commit(hashlib.blake2b(b"aaaa\n").digest())
