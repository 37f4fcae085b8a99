"""The ``fixtext`` command: repair a file or standard input and write the result to stdout."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence

from . import __version__
from .pipeline import fix_and_explain

EXIT_OK, EXIT_ERROR = 0, 2


class InputError(Exception):
    """A file fixtext cannot read as text; the message says why."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fixtext",
        description="Repair mojibake in a text file (or '-' for standard input).",
    )
    parser.add_argument("path", metavar="PATH", help="file to repair, or '-' for standard input")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff instead of the text")
    mode.add_argument("--explain", action="store_true", help="list each change instead of the text")
    parser.add_argument("--version", action="version", version=f"fixtext {__version__}")
    return parser


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL byte); nothing was changed")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); nothing was changed"
        ) from exc


def _explanation(explained) -> str:
    lines = []
    for step in explained.steps:
        mark = " (inferred)" if step.inferred else ""
        lines.append(
            f"{step.source_start}:{step.source_end} {step.layer} [{step.chain_label}, {step.errors}] "
            f"{step.before!r} → {step.after!r} confidence {step.confidence:.2f}{mark}\n"
        )
    return "".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    name = "<stdin>" if args.path == "-" else args.path
    try:
        text = _decode(_read(args.path), name)
    except InputError as exc:
        print(f"fixtext: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    explained = fix_and_explain(text)
    if args.diff:
        diff = difflib.unified_diff(
            text.splitlines(keepends=True),
            explained.text.splitlines(keepends=True),
            fromfile=f"{name}\t(original)",
            tofile=f"{name}\t(repaired)",
        )
        out = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff)
    elif args.explain:
        out = _explanation(explained)
    else:
        out = explained.text
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
