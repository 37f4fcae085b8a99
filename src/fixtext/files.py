"""Which files a run looks at: the paths given, and the text files under the directories given.

A directory walk honours every ``.gitignore`` from the repository root down
(matched by pathspec, git's own rules), skips version-control and tool
directories, keeps the names ``include`` matches and drops those ``exclude``
matches.  A file named on the command line is always taken, unless
``force_exclude`` is set and ``exclude`` matches it: that is how a pre-commit
hook, which names every staged file, still honours ``exclude``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from .settings import Settings

#: Never walked into: version control, environments, caches, and fixtext's own
#: temporary files (left behind only when a run is killed mid-write).
BUILTIN_EXCLUDE = (
    ".git/", ".hg/", ".svn/", ".tox/", ".nox/", ".venv/", "venv/", "node_modules/",
    "__pycache__/", ".mypy_cache/", ".pytest_cache/", ".ruff_cache/", "*.fixtext-tmp",
)  # fmt: skip


@dataclass
class Discovery:
    """The files to process, in a stable order, and what went wrong finding them."""

    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix().lstrip("/")


class _GitIgnores:
    """The .gitignore files that apply below one directory, outermost first."""

    def __init__(self, rules: tuple[tuple[Path, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        self.rules = rules

    @classmethod
    def above(cls, directory: Path) -> _GitIgnores:
        """The .gitignore files from the enclosing repository's root down to ``directory``."""
        chain = [directory, *directory.parents]
        root = next((d for d in chain if (d / ".git").exists()), None)
        folders = chain[: chain.index(root) + 1] if root else [directory]
        ignores = cls()
        for folder in reversed(folders):
            ignores = ignores.entering(folder)
        return ignores

    def entering(self, directory: Path) -> _GitIgnores:
        path = directory / ".gitignore"
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return self
        return _GitIgnores((*self.rules, (directory, pathspec.GitIgnoreSpec.from_lines(lines))))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        result = False
        for base, spec in self.rules:  # a deeper .gitignore may re-include with '!'
            check = spec.check_file(_relative(path, base) + ("/" if is_dir else ""))
            if check.include is not None:
                result = check.include
        return result


class _Walker:
    def __init__(self, settings: Settings, found: Discovery) -> None:
        self.exclude = _spec((*BUILTIN_EXCLUDE, *settings.exclude))
        self.include = _spec(settings.include)
        self.found = found

    def walk(self, top: Path) -> None:
        self._walk(top, top, _GitIgnores.above(top.absolute()))

    def _walk(self, root: Path, directory: Path, ignores: _GitIgnores) -> None:
        try:
            with os.scandir(directory) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            self.found.errors.append(f"{directory}: cannot list directory: {exc.strerror or exc}")
            return
        for entry in listing:
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            relative = _relative(path, root) + ("/" if is_dir else "")
            if self.exclude.match_file(relative) or ignores.ignored(path.absolute(), is_dir):
                continue
            if is_dir:
                self._walk(root, path, ignores.entering(path.absolute()))
            elif entry.is_file() and self.include.match_file(relative):
                self.found.files.append(path)


def discover(paths: Iterable[str], settings: Settings) -> Discovery:
    """Expand the command line's paths into the files to process."""
    found = Discovery()
    walker = _Walker(settings, found)
    for name in paths:
        path = Path(name)
        if path.is_dir():
            walker.walk(path)
        elif path.is_file():
            if force_excluded(path, settings):
                found.skipped.append(f"{path}: excluded")
            else:
                found.files.append(path)
        elif path.is_symlink():
            found.errors.append(f"{path}: broken symbolic link")
        else:
            found.errors.append(f"{path}: no such file or directory")
    found.files = _unique(found.files)
    return found


def force_excluded(path: Path, settings: Settings) -> bool:
    """Whether ``--force-exclude`` drops a file named on the command line."""
    exclude = _spec((*BUILTIN_EXCLUDE, *settings.exclude))
    return settings.force_exclude and exclude.match_file(_relative(path.absolute(), Path.cwd()))


def _unique(files: list[Path]) -> list[Path]:
    """Each file once, even when named twice or reached through a symlink."""
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
