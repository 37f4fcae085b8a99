"""One file (or standard input) from bytes in to findings, a diff and, when asked, new bytes out."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .decoding import BinaryInputError, UndecodableInputError
from .filesio import AtomicWriter, ChangedOnDiskError, Chunk, OutputError, Reader, encode_chunk
from .ignore import compile_patterns
from .model import Finding
from .repairing import repair_chunk
from .report import diff_hunks
from .settings import Settings


@dataclass
class FileResult:
    """What happened to one file; ``changed`` means would change, or did with ``--write``."""

    path: str
    findings: list[Finding] = field(default_factory=list)  # kept only when they will be printed
    repairs: int = 0
    diff: str = ""
    changed: bool = False
    written: bool = False
    error: str | None = None
    skipped: str | None = None
    encoding: str = ""


class _Run:
    """Repairs a reader's chunks one by one, collecting findings and diff hunks."""

    def __init__(self, reader: Reader, settings: Settings, result: FileResult, keep_findings: bool) -> None:
        self.reader = reader
        # A big file may have millions of findings: hold them only to print them.
        self.keep_findings = keep_findings
        self.settings = settings
        self.result = result
        self.target = reader.encoding.to_utf8() if settings.to_utf8 else reader.encoding
        self.patterns = compile_patterns(settings.ignore)
        result.encoding = reader.encoding.codec
        result.changed = self.target.bom != reader.encoding.bom

    def outputs(self) -> Iterator[tuple[Chunk, bytes]]:
        """Each chunk with its new bytes (the same bytes when nothing changed)."""
        off = False
        want_diff = self.settings.mode == "diff"
        for chunk in self.reader.chunks():
            repaired, off = repair_chunk(
                chunk.text,
                self.settings,
                self.patterns,
                name=self.result.path,
                line=chunk.line,
                column=chunk.column,
                off=off,
            )
            new = encode_chunk(chunk, repaired.text, self.reader.encoding, self.target)
            self.result.repairs += len(repaired.findings)
            if self.keep_findings:
                self.result.findings += repaired.findings
            if new != chunk.data:
                self.result.changed = True
                if want_diff:
                    self.result.diff += diff_hunks(chunk.text, repaired.text, chunk.line)
            yield chunk, new
            _spare_the_collector()


def _spare_the_collector() -> None:
    """Keep what the chunks so far left alive (fixtext's memos of damaged runs)
    out of the garbage collector's way: each full collection would otherwise
    walk all of it again, which on a long file costs more than the repairs.

    The collection first means nothing unreachable is kept for good; the
    command owns its process, so it may do this (the library never does).
    """
    gc.collect()
    gc.freeze()


def _printed(settings: Settings) -> bool:
    """Will the command print this file's findings one by one?"""
    return settings.mode == "report" or (settings.mode == "write" and settings.verbose)


def _guarded(result: FileResult, action: Callable[[], None]) -> FileResult:
    """Run ``action``; turn every reason a file cannot be processed into a message on the result."""
    try:
        action()
    except BinaryInputError:
        result.skipped = "binary file (NUL byte), skipped"
    except (UndecodableInputError, OutputError, ChangedOnDiskError) as exc:
        result.error = str(exc)
    except OSError as exc:
        result.error = exc.strerror or str(exc)
    if result.error or result.skipped:
        result.changed, result.written, result.diff = False, False, ""
    return result


def process_path(path: Path, settings: Settings) -> FileResult:
    """Check or repair one file, as ``settings.mode`` says."""
    result = FileResult(str(path))

    def action() -> None:
        with open(path, "rb") as handle:
            run = _Run(Reader(handle, settings.chunk_size), settings, result, _printed(settings))
            if settings.mode == "write":
                _write(path.resolve(), run)
            else:
                for _ in run.outputs():
                    pass

    return _guarded(result, action)


def _write(target: Path, run: _Run) -> None:
    """Stream the new content into a temporary file from the first changed chunk on, then swap it in."""
    writer: AtomicWriter | None = None
    try:
        for chunk, new in run.outputs():
            if writer is None and run.result.changed:
                writer = AtomicWriter(target)
                writer.write(run.target.bom)
                _copy_prefix(target, writer, len(run.reader.encoding.bom), chunk.offset)
            if writer is not None:
                writer.write(new)
        if writer is not None:
            writer.commit(run.reader.digest)
            run.result.written = True
    except BaseException:
        if writer is not None:
            writer.discard()
        raise


def _copy_prefix(source: Path, writer: AtomicWriter, start: int, length: int) -> None:
    """The unchanged bytes before the first changed chunk, copied from the file itself."""
    with open(source, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining:
            block = handle.read(min(remaining, 1 << 20))
            if not block:
                raise OSError(f"{source} became shorter while being read")
            writer.write(block)
            remaining -= len(block)


def process_stream(stream: BinaryIO, out: BinaryIO, name: str, settings: Settings, *, filter_mode: bool) -> FileResult:
    """Standard input: as a filter, write the repaired text to ``out`` as it is produced."""
    result = FileResult(name)

    def action() -> None:
        run = _Run(Reader(stream, settings.chunk_size), settings, result, not filter_mode and _printed(settings))
        if filter_mode:
            out.write(run.target.bom)
        for _chunk, new in run.outputs():
            if filter_mode:
                out.write(new)
                out.flush()

    _guarded(result, action)
    return result
