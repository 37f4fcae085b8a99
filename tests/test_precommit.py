"""The pre-commit hooks, run by the real pre-commit against a copy of this working tree.

pre-commit builds the hook's environment by pip-installing the hook repository
once per session (PRE_COMMIT_HOME is shared by every test here).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
BROKEN, FIXED = "It鈥檚 a “test”, isn鈥檛 it?\n", "It’s a “test”, isn’t it?\n"


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def env(tmp_path_factory):
    """Environment for git and pre-commit: a private PRE_COMMIT_HOME and a committer identity."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
    }  # fmt: skip


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory, env):
    """This working tree, as it is now, committed into a repository pre-commit can install from."""
    repo = tmp_path_factory.mktemp("hook-repo")
    shutil.copytree(ROOT / "src", repo / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "hook"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True)
    return repo, rev.stdout.strip()


def make_project(tmp_path: Path, env: dict, hook_repo, hook_id: str) -> Path:
    repo, rev = hook_repo
    project = tmp_path / "project"
    project.mkdir()
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": hook_id}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    subprocess.run(["git", "init", "-q"], cwd=project, env=env, check=True)
    subprocess.run([*PRE_COMMIT, "install"], cwd=project, env=env, check=True, capture_output=True)
    return project


def commit(project: Path, env: dict, name: str, data: bytes) -> subprocess.CompletedProcess:
    (project / name).write_bytes(data)
    subprocess.run(["git", "add", name, ".pre-commit-config.yaml"], cwd=project, env=env, check=True)
    return subprocess.run(
        ["git", "commit", "-m", "add"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_manifest_is_valid():
    result = subprocess.run([*PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")])
    assert result.returncode == 0
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"fixtext", "fixtext-check"}
    assert all(h["types"] == ["text"] and len(h["name"]) <= 50 for h in hooks)


def test_a_broken_file_stops_the_commit_and_is_repaired(tmp_path, env, hook_repo):
    project = make_project(tmp_path, env, hook_repo, "fixtext")
    result = commit(project, env, "notes.md", BROKEN.encode())
    assert result.returncode != 0, result.stdout
    assert "files were modified by this hook" in result.stdout
    assert (project / "notes.md").read_text(encoding="utf-8") == FIXED
    again = commit(project, env, "notes.md", (project / "notes.md").read_bytes())
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_clean_file_passes(tmp_path, env, hook_repo):
    project = make_project(tmp_path, env, hook_repo, "fixtext")
    result = commit(project, env, "clean.md", FIXED.encode())
    assert result.returncode == 0, result.stdout
    assert git(project, "log", "--oneline").stdout.count("\n") == 1


def test_a_crlf_latin1_file_keeps_its_bytes_except_the_repaired_spans(tmp_path, env, hook_repo):
    project = make_project(tmp_path, env, hook_repo, "fixtext")
    original = "Fa\u00e7ade r\u00e9nov\u00e9e\r\nLe caf\u00c3\u00a9 est ouvert.\r\n\u00c9t\u00e9 \u00e0 Paris\r\n"
    result = commit(project, env, "menu.txt", original.encode("latin-1"))
    assert result.returncode != 0
    expected = original.replace("\u00c3\u00a9", "\u00e9").encode("latin-1")
    assert (project / "menu.txt").read_bytes() == expected


def test_the_check_hook_never_writes(tmp_path, env, hook_repo):
    project = make_project(tmp_path, env, hook_repo, "fixtext-check")
    result = commit(project, env, "notes.md", BROKEN.encode())
    assert result.returncode != 0 and "would be repaired" in result.stdout
    assert (project / "notes.md").read_text(encoding="utf-8") == BROKEN
