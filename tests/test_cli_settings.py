"""Config files: found by walking up, keys mirror the long options, the command line wins."""

import pytest

from fixtext.settings import SettingsError, find_config, load_config
from tests.clirun import BROKEN, cli


@pytest.fixture
def nested(tmp_path, monkeypatch):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "note.md").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("name", "body"),
    [("pyproject.toml", "[tool.fixtext]\nformat = 'json'\n"), ("fixtext.toml", "format = 'json'\n"),
     (".fixtext.toml", "format = 'json'\n")],
)  # fmt: skip
def test_config_is_found_walking_up_from_the_files(nested, name, body):
    (nested / "a" / name).write_text(body)
    assert cli("a/b/note.md").text.startswith("{")


def test_pyproject_without_a_fixtext_table_is_passed_over(nested):
    (nested / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (nested / "fixtext.toml").write_text("format = 'json'\n")
    assert find_config(nested / "a" / "b") == nested / "fixtext.toml"


def test_the_nearest_config_wins_and_dotfile_first(nested):
    (nested / "fixtext.toml").write_text("format = 'text'\n")
    (nested / "a" / "fixtext.toml").write_text("format = 'text'\n")
    (nested / "a" / ".fixtext.toml").write_text("format = 'json'\n")
    assert find_config(nested / "a" / "b") == nested / "a" / ".fixtext.toml"


def test_command_line_overrides_config(nested):
    (nested / "fixtext.toml").write_text("format = 'json'\nexit-zero = true\n")
    assert cli("a/b/note.md").code == 0
    result = cli("--format", "text", "a/b/note.md")
    assert result.text.startswith("a/b/note.md:1:3:")


def test_every_key_mirrors_a_long_option(nested):
    (nested / "fixtext.toml").write_text(
        "normalize = 'none'\nmin-confidence = 0.99\nexplain = true\nformat = 'text'\ncolor = 'never'\n"
        "jobs = 1\ninclude = ['*.md']\nexclude = ['*.txt']\nforce-exclude = false\nto-utf8 = false\n"
        "ignore = ['re:x^']\nexit-zero = false\nchunk-size = 4096\n"
    )
    result = cli("a/b/note.md")
    assert result.code == 0 and result.out == b""  # nothing reaches 0.99 confidence


def test_config_excludes_and_ignores_apply(nested):
    (nested / "fixtext.toml").write_text("ignore = ['鈥檚']\n")
    text = cli("a/b/note.md").text
    assert "鈥檚" not in text and "鈥檛" in text


def test_unknown_key_is_an_error_naming_it(nested):
    (nested / "pyproject.toml").write_text("[tool.fixtext]\nmin_confidense = 0.5\n")
    result = cli("a/b/note.md")
    assert result.code == 2 and "unknown key 'min_confidense'" in result.err and "[tool.fixtext]" in result.err


@pytest.mark.parametrize(
    ("body", "message"),
    [("jobs = 'four'\n", "'jobs' has the wrong type"), ("format = 'xml'\n", "format must be one of"),
     ("ignore = [1]\n", "list of strings"), ("min-confidence = 2\n", "between 0 and 1"),
     ("ignore = ['re:(']\n", "not a valid regular expression"), ("format = \n", "cannot read config"),
     ("normalize = 'no-such'\n", "no-such")],
)  # fmt: skip
def test_bad_values_are_usage_errors(nested, body, message):
    (nested / "fixtext.toml").write_text(body)
    result = cli("a/b/note.md")
    assert result.code == 2 and message in result.err, result.err


def test_explicit_config_file(nested, tmp_path):
    other = tmp_path / "elsewhere.toml"
    other.write_text("format = 'json'\n")
    assert cli("--config", str(other), "a/b/note.md").text.startswith("{")


def test_stdin_filename_picks_the_config(nested):
    (nested / "a" / "fixtext.toml").write_text("exit-zero = true\n")
    assert cli("--stdin-filename", "a/b/new.md", "-", stdin=BROKEN.encode()).code == 0
    assert cli("-", stdin=BROKEN.encode()).code == 1


def test_stdin_filename_excluded_with_force_exclude_passes_through(nested):
    result = cli("--stdin-filename", "a/b/vendor.md", "--exclude", "vendor.md", "--force-exclude", "-",
                 stdin=BROKEN.encode())  # fmt: skip
    assert (result.code, result.out) == (0, BROKEN.encode())


def test_load_config_of_a_broken_file_raises(tmp_path):
    path = tmp_path / "fixtext.toml"
    path.write_text("[")
    with pytest.raises(SettingsError):
        load_config(path)
