"""The command's settings: built-in defaults, then a config file, then the command line.

The config file is the nearest of ``.fixtext.toml``, ``fixtext.toml`` or a
``pyproject.toml`` with a ``[tool.fixtext]`` table, found by walking up from
the files being checked.  Its keys are the long options without their dashes
(``min-confidence = 0.5``); an unknown key is an error that names it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from .config import DEFAULT as DEFAULT_CONFIG

#: Config file names, in the order they win when several sit in one directory.
CONFIG_NAMES = (".fixtext.toml", "fixtext.toml", "pyproject.toml")

#: The files a directory walk picks up unless ``include`` says otherwise.
DEFAULT_INCLUDE = (
    "*.txt", "*.text", "*.md", "*.markdown", "*.rst", "*.po", "*.pot",
    "*.srt", "*.vtt", "*.ass", "*.ssa", "*.sub", "*.csv", "*.tsv",
)  # fmt: skip

#: Files above this size are read, repaired and written in chunks.
DEFAULT_CHUNK_SIZE = 1024 * 1024


class SettingsError(ValueError):
    """A bad option value or config file; the message says which and where."""


@dataclass(frozen=True)
class Settings:
    """Everything one run of the command needs to know."""

    mode: str = "report"  # report | diff | check | write
    normalize: str | None = None
    min_confidence: float = DEFAULT_CONFIG.min_confidence
    explain: bool = False
    format: str = "text"
    color: str = "auto"
    quiet: bool = False
    verbose: bool = False
    jobs: int = 0  # 0: one per CPU
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    to_utf8: bool = False
    ignore: tuple[str, ...] = ()
    exit_zero: bool = False
    chunk_size: int = DEFAULT_CHUNK_SIZE
    stdin_filename: str | None = None

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


#: Keys a config file may set, with the type each value must have.
_FILE_KEYS: dict[str, type | tuple[type, ...]] = {
    "normalize": str,
    "min-confidence": (int, float),
    "explain": bool,
    "format": str,
    "color": str,
    "jobs": int,
    "include": list,
    "exclude": list,
    "force-exclude": bool,
    "to-utf8": bool,
    "ignore": list,
    "exit-zero": bool,
    "chunk-size": int,
}

_CHOICES = {"format": ("text", "json"), "color": ("auto", "always", "never")}


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or a directory above it."""
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read config: {exc}") from exc


def _has_tool_table(path: Path) -> bool:
    try:
        return "fixtext" in _read_toml(path).get("tool", {})
    except SettingsError:
        return True  # let load_config report the broken file rather than skip it


def load_config(path: Path) -> dict[str, Any]:
    """The validated settings in a config file, keyed by :class:`Settings` field names."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("fixtext", {})
    where = f"{path}" + (" [tool.fixtext]" if path.name == "pyproject.toml" else "")
    values = {}
    for key, value in data.items():
        if key.replace("_", "-") not in _FILE_KEYS:
            known = ", ".join(_FILE_KEYS)
            raise SettingsError(f"{where}: unknown key {key!r} (known keys: {known})")
        key = key.replace("_", "-")
        expected = _FILE_KEYS[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise SettingsError(f"{where}: {key!r} has the wrong type ({type(value).__name__})")
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise SettingsError(f"{where}: {key!r} must be a list of strings")
            value = tuple(value)
        values[key.replace("-", "_")] = value
    return check(values, where)


def check(values: dict[str, Any], where: str) -> dict[str, Any]:
    """Range and choice checks shared by the command line and config files."""
    for key, choices in _CHOICES.items():
        if key in values and values[key] not in choices:
            raise SettingsError(f"{where}: {key} must be one of {', '.join(choices)}, not {values[key]!r}")
    if "min_confidence" in values and not 0.0 <= values["min_confidence"] <= 1.0:
        raise SettingsError(f"{where}: min-confidence must be between 0 and 1")
    if "jobs" in values and values["jobs"] < 0:
        raise SettingsError(f"{where}: jobs must be 0 (one per CPU) or more")
    if "chunk_size" in values and values["chunk_size"] < 1024:
        raise SettingsError(f"{where}: chunk-size must be at least 1024 bytes")
    if values.get("normalize") == "none":
        values["normalize"] = None
    return values


def merge(config: dict[str, Any], command_line: dict[str, Any]) -> Settings:
    """Defaults, overridden by the config file, overridden by the command line."""
    names = {f.name for f in fields(Settings)}
    chosen = {**config, **{k: v for k, v in command_line.items() if v is not None}}
    settings = Settings(**{k: v for k, v in chosen.items() if k in names})
    if settings.jobs == 0:
        settings = settings.with_(jobs=os.cpu_count() or 1)
    return settings
