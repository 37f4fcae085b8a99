"""Silencing a false positive without turning fixtext off."""

from tests.clirun import cli

LINES = [
    "one it鈥檚\n",
    "two it鈥檚 <!-- fixtext: ignore -->\n",
    ".. fixtext: off\n",
    "three it鈥檚\n",
    ".. fixtext: on\n",
    "four it鈥檚\n",
]


def test_inline_markers_keep_their_lines(tmp_path):
    path = tmp_path / "doc.rst"
    path.write_text("".join(LINES), encoding="utf-8")
    assert cli("--write", str(path)).code == 1
    assert path.read_text(encoding="utf-8").splitlines(keepends=True) == [
        "one it’s\n", LINES[1], LINES[2], LINES[3], LINES[4], "four it’s\n",
    ]  # fmt: skip


def test_off_region_spans_chunks(tmp_path):
    path = tmp_path / "long.txt"
    quiet = ["# fixtext: off\n", *["held it鈥檚 line\n"] * 200, "# fixtext: on\n"]
    path.write_text("".join(quiet) + "after it鈥檚\n", encoding="utf-8")
    cli("--write", "--chunk-size", "1024", str(path))
    assert path.read_text(encoding="utf-8") == "".join(quiet) + "after it’s\n"


def test_ignore_literal_and_regex_on_the_command_line(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("Shop 鈥檚 name; it鈥檛 is; we鈥檙e\n", encoding="utf-8")
    cli("--write", "--ignore", "Shop 鈥檚", "--ignore", "re:we\\S+", str(path))
    assert path.read_text(encoding="utf-8") == "Shop 鈥檚 name; it’t is; we鈥檙e\n"


def test_ignored_text_is_not_reported(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("it鈥檚 # fixtext: ignore\n", encoding="utf-8")
    result = cli(str(path))
    assert (result.code, result.out) == (0, b"")
