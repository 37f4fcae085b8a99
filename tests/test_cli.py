"""The fixtext command: modes, options and exit codes."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.clirun import BROKEN, FIXED, cli, run


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A directory with one broken and one clean file, as the current directory."""
    (tmp_path / "broken.md").write_bytes(BROKEN.encode("utf-8"))
    (tmp_path / "clean.md").write_bytes(FIXED.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- standard input ------------------------------------------------------------------------


def test_stdin_to_stdout_keeps_line_endings_and_exits_1_when_repaired():
    result = run("-", stdin=BROKEN.encode("utf-8"))
    assert (result.returncode, result.stdout, result.stderr) == (1, FIXED.encode("utf-8"), b"")


def test_clean_stdin_comes_back_byte_identical_with_exit_0():
    data = FIXED.encode("utf-8")
    assert cli("-", stdin=data).code == 0 and cli("-", stdin=data).out == data


def test_stdin_keeps_its_encoding():
    data = "Fa\u00e7ade \u00e9t\u00e9, caf\u00c3\u00a9.\n".encode("cp1252")
    result = cli("-", stdin=data)
    assert result.out == "Fa\u00e7ade \u00e9t\u00e9, caf\u00e9.\n".encode("cp1252")


def test_stdin_with_explain_lists_the_steps_instead_of_the_text():
    result = cli("--explain", "-", stdin=BROKEN.encode("utf-8"))
    assert "utf-8 → gbk" in result.text and "'鈥檚' → '’s'" in result.text
    assert "<stdin>:1:3" in result.text


def test_stdin_diff_and_check():
    diff = cli("--diff", "-", stdin=BROKEN.encode("utf-8"))
    assert diff.code == 1 and "-It鈥檚" in diff.text and "+It’s" in diff.text
    check = cli("--check", "-", stdin=BROKEN.encode("utf-8"))
    assert check.code == 1 and check.out == b"" and "would be repaired" in check.err


def test_empty_stdin():
    assert (cli("-").code, cli("-").out) == (0, b"")


def test_binary_stdin_is_an_error_and_nothing_is_written():
    result = cli("-", stdin=b"\x00\x01binary\x00")
    assert result.code == 2 and result.out == b"" and "binary" in result.err


def test_dash_cannot_be_mixed_with_paths(tree):
    assert cli("-", "broken.md").code == 2


# --- the four modes ------------------------------------------------------------------------


def test_report_lists_findings_and_writes_nothing(tree):
    result = cli("-j1", ".")
    assert result.code == 1
    lines = result.text.splitlines()
    assert lines[0] == "broken.md:1:3: multibyte '鈥檚' → '’s' (confidence 0.96)"
    assert all(line.startswith("broken.md:") for line in lines)
    assert (tree / "broken.md").read_bytes() == BROKEN.encode("utf-8")
    assert "1 file with findings (2 repairs), 1 file unchanged" in result.err


def test_report_on_clean_files_exits_0(tree):
    result = cli("clean.md")
    assert (result.code, result.out) == (0, b"")


def test_diff_is_a_unified_diff_of_the_changed_lines(tree):
    result = cli("--diff", "broken.md", "clean.md")
    assert result.code == 1
    assert result.text.startswith("--- broken.md\t(original)\n+++ broken.md\t(repaired)\n@@ -1,2 +1,2 @@\n")
    assert "-It鈥檚" in result.text and "+It’s" in result.text and "clean.md" not in result.text
    assert (tree / "broken.md").read_bytes() == BROKEN.encode("utf-8")


def test_diff_applies_with_patch(tree):
    diff = cli("--diff", "broken.md").out
    subprocess.run(["patch", "-p0", "--quiet"], input=diff, check=True, cwd=tree)
    assert (tree / "broken.md").read_bytes() == FIXED.encode("utf-8")


def test_check_prints_only_a_summary(tree):
    result = cli("--check", ".")
    assert (result.code, result.out) == (1, b"")
    assert result.err == "fixtext: 1 file would be repaired (2 repairs), 1 file unchanged\n"
    assert cli("--check", "clean.md").code == 0


def test_write_rewrites_and_exits_1_then_0(tree):
    first = cli("--write", ".")
    assert first.code == 1 and "repaired broken.md" in first.err
    assert (tree / "broken.md").read_bytes() == FIXED.encode("utf-8")
    second = cli("-w", ".")
    assert second.code == 0 and "0 files repaired, 2 files unchanged" in second.err


def test_exit_zero_keeps_findings_but_exits_0(tree):
    result = cli("--diff", "--exit-zero", "broken.md")
    assert result.code == 0 and "+It’s" in result.text


def test_exit_zero_still_reports_errors(tree):
    assert cli("--exit-zero", "missing.md", "broken.md").code == 2


def test_modes_are_exclusive(tree):
    assert cli("--diff", "--check", "broken.md").code == 2


# --- options --------------------------------------------------------------------------------


def test_json_format_one_object_per_finding_with_a_stable_schema(tree):
    result = cli("--format", "json", "broken.md")
    records = [json.loads(line) for line in result.text.splitlines()]
    assert len(records) == 2
    assert set(records[0]) == {
        "path", "line", "column", "layer", "rule", "before", "after", "confidence", "chain", "errors", "inferred",
    }  # fmt: skip
    assert records[0]["path"] == "broken.md" and (records[0]["line"], records[0]["column"]) == (1, 3)
    assert records[0]["after"] == "’s" and records[0]["chain"] == "utf-8 → gbk"


def test_explain_adds_the_codec_chain(tree):
    text = cli("--explain", "broken.md").text
    assert "    utf-8 → gbk, decoder errors: strict" in text


def test_explain_names_inferred_characters(tmp_path):
    path = tmp_path / "lossy.txt"
    path.write_text("He said 鈥渘o鈥 today.\n", encoding="utf-8")
    text = cli("--explain", str(path)).text
    assert "inferred: '”'" in text


def test_min_confidence_filters_report_and_write_alike(tmp_path):
    path = tmp_path / "mixed.txt"
    original = "The 鈥渓ast鈥 word, it鈥檚 here.\n"
    path.write_text(original, encoding="utf-8")
    everything = json_findings(str(path))
    threshold = sorted(f["confidence"] for f in everything)[-1]
    strict = json_findings("--min-confidence", str(threshold), str(path))
    assert 0 < len(strict) < len(everything)
    assert all(f["confidence"] >= threshold for f in strict)
    cli("--write", "--min-confidence", str(threshold), str(path))
    written = path.read_text(encoding="utf-8")
    assert all(f["after"] in written for f in strict)
    assert written != original and "鈥" in written  # the less confident repair was left alone


def json_findings(*args: str) -> list[dict]:
    return [json.loads(line) for line in cli("--format", "json", *args).text.splitlines()]


def test_min_confidence_out_of_range_is_a_usage_error(tree):
    result = cli("--min-confidence", "1.5", "broken.md")
    assert result.code == 2 and "min-confidence" in result.err


def test_normalize_none_is_accepted_and_an_unknown_preset_is_a_usage_error(tree):
    assert cli("--normalize", "none", "broken.md").code == 1
    result = cli("--normalize", "no-such-preset", "broken.md")
    assert result.code == 2 and "no-such-preset" in result.err and result.out == b""


def test_normalize_presets_run_and_markdown_code_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = 'He said "yes" -- twice.\n\n```\nprint("code") -- here\n```\n'
    Path("notes.md").write_text(source, encoding="utf-8")
    Path("notes.txt").write_text(source, encoding="utf-8")
    assert cli("--normalize", "typographic", "--write", "notes.md", "notes.txt").code == 1
    markdown = Path("notes.md").read_text(encoding="utf-8")
    assert markdown.startswith("He said “yes” — twice.") and 'print("code") -- here' in markdown
    assert 'print(“code”)' in Path("notes.txt").read_text(encoding="utf-8")  # plain text has no code blocks


def test_stdin_filename_decides_the_markup(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = "Use `a -- b` and a -- b.\n".encode()
    as_markdown = cli("--normalize", "typographic", "--stdin-filename", "x.md", "-", stdin=source)
    assert as_markdown.text == "Use `a -- b` and a — b.\n"


def test_quiet_and_verbose(tree):
    verbose = cli("-v", "--check", ".")
    assert "broken.md: would be repaired" in verbose.err and "clean.md: unchanged" in verbose.err
    quiet = cli("-q", "--write", ".")
    assert quiet.err == "" and quiet.code == 1


def test_color(tree, monkeypatch):
    assert "\x1b[" in cli("--color", "always", "broken.md").text
    assert "\x1b[" in cli("--color", "always", "--diff", "broken.md").text
    assert "\x1b[" not in cli("--color", "never", "broken.md").text
    assert "\x1b[" not in cli("broken.md").text  # auto, and not a terminal


def test_auto_color_honours_no_color(monkeypatch):
    from fixtext.report import use_color

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color("auto", Terminal())
    assert use_color("always", Terminal()) and not use_color("never", Terminal())


def test_version_help_and_usage():
    assert run("--version").stdout.startswith(b"fixtext ")
    assert cli("--help").code == 0
    result = cli()
    assert result.code == 2 and "no PATH" in result.err


def test_unknown_option_is_a_usage_error():
    assert cli("--no-such-option", "x").code == 2


def test_parallel_jobs_give_the_serial_result(tmp_path, monkeypatch):
    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text(f"Line {i}: it鈥檚 number {i}.\n" * (i + 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    serial, parallel = cli("-j1", "--diff", "."), cli("-j3", "--diff", ".")
    assert serial.code == parallel.code == 1
    assert serial.out == parallel.out and serial.out.count(b"+++ ") == 6


def test_negative_jobs_is_a_usage_error(tree):
    assert cli("-j", "-1", "broken.md").code == 2


def test_console_script_entry_point_is_declared():
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text()
    assert 'fixtext = "fixtext.cli:main"' in pyproject


def test_progress_bar_only_on_a_terminal_and_never_under_pre_commit(tmp_path, monkeypatch):
    for i in range(5):
        (tmp_path / f"f{i}.txt").write_text(FIXED, encoding="utf-8")
    monkeypatch.setattr("fixtext.cli.PROGRESS_DELAY", 0)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    assert "/5 [" in cli("-j1", "--check", str(tmp_path), stderr_tty=True).err
    assert "/5 [" not in cli("-j1", "--check", str(tmp_path)).err
    assert "/5 [" not in cli("-j1", "-q", "--check", str(tmp_path), stderr_tty=True).err
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert "/5 [" not in cli("-j1", "--check", str(tmp_path), stderr_tty=True).err
