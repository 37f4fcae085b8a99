"""The ``fixtext`` command: find and repair mojibake in files, directories or standard input.

Exit status: 0 nothing to do, 1 something found (or rewritten with
``--write``), 2 a usage or I/O error (the other files are still processed).
docs/cli.md describes every option.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from tqdm import tqdm

from . import __version__
from .files import discover, force_excluded
from .ignore import IgnoreError, compile_patterns
from .processing import FileResult, process_path, process_stream
from .repairing import repair
from .report import Painter, color_diff, diff_header, format_findings, summary, use_color
from .settings import Settings, SettingsError, check, find_config, load_config, merge

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2

#: Seconds a run must last before its progress bar appears.
PROGRESS_DELAY = 1.0


class UsageError(Exception):
    """Bad options or configuration: exit status 2 before any file is read."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fixtext",
        description="Find and repair mojibake in text files. By default, report what would change; "
        "'-' reads standard input and writes the repaired text to standard output.",
    )
    parser.add_argument("paths", metavar="PATH", nargs="*", help="files or directories, or '-' for standard input")
    mode = parser.add_mutually_exclusive_group()
    flag = {"action": "store_const", "const": True, "default": None}
    mode.add_argument(
        "--diff", dest="mode", action="store_const", const="diff", help="print a unified diff of what would change"
    )
    mode.add_argument(
        "--check",
        dest="mode",
        action="store_const",
        const="check",
        help="print only a summary; exit 1 if anything would change",
    )
    mode.add_argument(
        "-w", "--write", dest="mode", action="store_const", const="write", help="rewrite the files in place"
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="the name standard input stands for (config, excludes)"
    )
    parser.add_argument(
        "--normalize", metavar="PRESET", help="normalization preset to apply after repairs ('none': repairs only)"
    )
    parser.add_argument(
        "--min-confidence", metavar="X", type=float, help="apply and report only repairs at least this confident (0-1)"
    )
    parser.add_argument("--explain", help="say for each finding which codecs and decoder behaviour explain it", **flag)
    parser.add_argument("--format", choices=("text", "json"), help="findings as text lines or JSON Lines")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        help="colour the output (auto: on a terminal, unless NO_COLOR is set)",
    )
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", help="print only errors (and what the mode itself prints)", **flag)
    talk.add_argument("-v", "--verbose", help="also name unchanged and skipped files", **flag)
    parser.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="files processed in parallel (default: one per CPU)"
    )
    parser.add_argument(
        "--include",
        action="append",
        metavar="PATTERN",
        help="gitignore-style pattern of files a directory walk takes (repeatable; replaces the default list)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        metavar="PATTERN",
        help="gitignore-style pattern of files and directories to skip (repeatable)",
    )
    parser.add_argument("--force-exclude", help="apply --exclude to files named on the command line too", **flag)
    parser.add_argument("--to-utf8", help="write UTF-8 instead of each file's own encoding", **flag)
    parser.add_argument(
        "--ignore", action="append", metavar="TEXT", help="text never to change: a literal, or 're:REGEX' (repeatable)"
    )
    parser.add_argument("--exit-zero", help="exit 0 even when something was found (errors still exit 2)", **flag)
    parser.add_argument(
        "--chunk-size", type=int, metavar="BYTES", help="files larger than this are processed in chunks (default 1 MiB)"
    )
    parser.add_argument("--config", metavar="FILE", help="read settings from this file instead of searching for one")
    parser.add_argument("--version", action="version", version=f"fixtext {__version__}")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    command_line = {k: v for k, v in vars(args).items() if k not in ("paths", "config") and v is not None}
    for key in ("include", "exclude", "ignore"):
        if key in command_line:
            command_line[key] = tuple(command_line[key])
    try:
        check(command_line, "command line")
        config_path = Path(args.config) if args.config else find_config(_config_start(args))
        config = load_config(config_path) if config_path else {}
        settings = merge(config, command_line)
    except SettingsError as exc:
        raise UsageError(str(exc)) from exc
    try:
        repair("", settings)  # an unknown normalization preset is refused here, before any file
        compile_patterns(settings.ignore)
    except (ValueError, IgnoreError) as exc:
        raise UsageError(str(exc)) from exc
    return settings


def _config_start(args: argparse.Namespace) -> Path:
    """Where the config search starts: the deepest directory holding every path given."""
    paths = [p for p in args.paths if p != "-"]
    if args.stdin_filename and "-" in args.paths:
        paths.append(args.stdin_filename)
    if not paths:
        return Path.cwd()
    common = Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
    return common if common.is_dir() else common.parent


def _emit(stream, text: str) -> None:
    if not text:
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)


class _Printer:
    """Prints each result as it arrives and keeps the counts for the summary."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.paint = Painter(use_color(settings.color, sys.stdout))
        self.counts = {"changed": 0, "unchanged": 0, "skipped": 0, "errors": 0, "repairs": 0}

    def error(self, message: str) -> None:
        self.counts["errors"] += 1
        _emit(sys.stderr, f"fixtext: error: {message}\n")

    def note(self, message: str, *, verbose_only: bool = False) -> None:
        if not self.settings.quiet and (self.settings.verbose or not verbose_only):
            _emit(sys.stderr, f"fixtext: {message}\n")

    def result(self, result: FileResult) -> None:
        settings, mode = self.settings, self.settings.mode
        if result.error:
            return self.error(f"{result.path}: {result.error}")
        if result.skipped:
            self.counts["skipped"] += 1
            return self.note(f"{result.path}: {result.skipped}")
        found = result.changed or result.repairs > 0
        self.counts["changed" if found else "unchanged"] += 1
        self.counts["repairs"] += result.repairs
        if mode == "report" or (mode == "write" and settings.verbose):
            _emit(
                sys.stdout, format_findings(result.path, result.findings, settings.format, settings.explain, self.paint)
            )
        if mode == "diff" and result.diff:
            _emit(sys.stdout, color_diff(diff_header(result.path) + result.diff, self.paint))
        if result.written:
            self.note(f"repaired {result.path}")
        elif not found:
            self.note(f"{result.path}: unchanged", verbose_only=True)
        elif mode == "check":
            self.note(f"{result.path}: would be repaired", verbose_only=True)

    def finish(self) -> int:
        c = self.counts
        self.note(summary(self.settings.mode, c["changed"], c["unchanged"], c["skipped"], c["errors"], c["repairs"]))
        if c["errors"]:
            return EXIT_ERROR
        return EXIT_FOUND if c["changed"] and not self.settings.exit_zero else EXIT_OK


def _results(files: list[Path], settings: Settings) -> Iterator[FileResult]:
    """Each file's result, in the order of ``files``, from a process pool when that helps."""
    work = partial(process_path, settings=settings)
    if settings.jobs > 1 and len(files) > 1:
        try:
            pool = ProcessPoolExecutor(max_workers=min(settings.jobs, len(files)))
        except (OSError, NotImplementedError):  # no process support here: go on serially
            pool = None
        if pool is not None:
            with pool:
                yield from pool.map(work, files)
            return
    yield from map(work, files)


def _show_progress(settings: Settings) -> bool:
    """A progress bar only for a person watching: a terminal, and not inside pre-commit."""
    return not settings.quiet and sys.stderr.isatty() and not os.environ.get("PRE_COMMIT")


def _run_files(paths: list[str], settings: Settings, printer: _Printer) -> None:
    found = discover(paths, settings)
    for message in found.errors:
        printer.error(message)
    for message in found.skipped:
        printer.note(message, verbose_only=True)
    bar = tqdm(total=len(found.files), unit="file", file=sys.stderr, delay=PROGRESS_DELAY,
               disable=not _show_progress(settings), leave=False)  # fmt: skip
    with bar:
        for result in _results(found.files, settings):
            with tqdm.external_write_mode(file=sys.stderr):
                printer.result(result)
            bar.update()


def _run_stdin(settings: Settings, printer: _Printer) -> bool:
    """Process standard input; True when it was filtered to standard output."""
    name = settings.stdin_filename or "<stdin>"
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    if settings.stdin_filename and force_excluded(Path(name), settings):
        stdout.write(stdin.read())  # excluded: passed through untouched, as formatters do
        return True
    filter_mode = settings.mode in ("report", "write") and not settings.explain and settings.format == "text"
    result = process_stream(stdin, stdout, name, settings, filter_mode=filter_mode)
    if result.skipped:  # a filter must not swallow its input silently
        result.error, result.skipped = f"{result.skipped.split(',')[0]}; nothing was written", None
    if filter_mode and not result.error:
        printer.counts["changed" if result.changed else "unchanged"] += 1
        printer.counts["repairs"] += result.repairs
        return True
    printer.result(result)
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error argparse already printed
        return int(exc.code or 0)
    try:
        if not args.paths:
            raise UsageError("no PATH given: name files or directories, or '-' for standard input")
        if "-" in args.paths and len(args.paths) > 1:
            raise UsageError("'-' (standard input) cannot be combined with other paths")
        settings = _settings(args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"fixtext: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    printer = _Printer(settings)
    if args.paths == ["-"]:
        if _run_stdin(settings, printer):
            printer.settings = settings.with_(quiet=True)  # a filter's stderr stays clean
    else:
        _run_files(args.paths, settings, printer)
    return printer.finish()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
