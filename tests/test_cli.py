"""The minimal command: ``fixtext -`` and ``fixtext FILE`` write the repaired text to stdout."""

import subprocess
import sys
from pathlib import Path

import pytest

from fixtext.cli import main

BROKEN = "It鈥檚 a “test”, isn鈥檛 it?\r\nSecond line.\r\n"
FIXED = "It’s a “test”, isn’t it?\r\nSecond line.\r\n"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fixtext", *args], input=stdin, capture_output=True, check=False
    )


def test_stdin_to_stdout_keeps_line_endings():
    result = run("-", stdin=BROKEN.encode("utf-8"))
    assert result.returncode == 0
    assert result.stdout == FIXED.encode("utf-8")


def test_file_to_stdout(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(BROKEN.encode("utf-8"))
    result = run(str(path))
    assert (result.returncode, result.stdout) == (0, FIXED.encode("utf-8"))
    assert path.read_bytes() == BROKEN.encode("utf-8")  # never written to


def test_clean_file_comes_back_byte_identical(tmp_path):
    path = tmp_path / "clean.txt"
    data = FIXED.encode("utf-8")
    path.write_bytes(data)
    assert run(str(path)).stdout == data


def test_diff_shows_the_changed_lines(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(BROKEN.encode("utf-8"))
    result = run("--diff", str(path))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "-It鈥檚" in out and "+It’s" in out and "-Second line" not in out


def test_explain_lists_steps():
    out = run("--explain", "-", stdin=BROKEN.encode("utf-8")).stdout.decode("utf-8")
    assert "utf-8 → gbk" in out and "'鈥檚' → '’s'" in out


def test_empty_input():
    result = run("-", stdin=b"")
    assert (result.returncode, result.stdout) == (0, b"")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01binary\x00", "binary"),
        ("caf\u00e9".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_unreadable_input_is_an_error_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "input.bin"
    path.write_bytes(content)
    result = run(str(path))
    assert result.returncode == 2
    assert result.stdout == b""
    assert message in result.stderr.decode()
    assert path.read_bytes() == content


def test_missing_file_is_an_error(tmp_path):
    result = run(str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and b"nope.txt" in result.stderr


def test_permission_denied_is_an_error(tmp_path, monkeypatch, capsys):
    # Simulated, so the test holds for root too (root may read any file).
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert main([str(tmp_path / "secret.txt")]) == 2
    assert "Permission denied" in capsys.readouterr().err


def test_directory_is_an_error(tmp_path):
    result = run(str(tmp_path))
    assert result.returncode == 2 and result.stdout == b""


def test_version_and_usage():
    assert run("--version").stdout.startswith(b"fixtext ")
    assert run().returncode == 2


def test_console_script_entry_point_is_declared():
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text()
    assert 'fixtext = "fixtext.cli:main"' in pyproject
