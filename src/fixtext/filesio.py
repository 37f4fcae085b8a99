"""Reading files as they are and writing them back the same way.

A file is read as bytes, in chunks cut at line breaks (or, inside a line
longer than a chunk, at a space), so a large file never has to fit in memory
at once.  Its encoding is detected once, from the first chunk; the text keeps
its line endings, because nothing translates newlines.  When written back,
every line the repair did not touch keeps its original bytes, and changed
lines are encoded in the file's own encoding behind the same byte-order mark.

Writes are atomic: the new content goes to a temporary file in the same
directory, is flushed to disk, takes the original's permission bits, and
replaces the original with ``os.replace`` -- but only if the original has not
changed since it was read.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .decoding import UndecodableInputError, detect_encoding

#: Suffix of fixtext's temporary files; directory walks never pick them up.
TEMP_SUFFIX = ".fixtext-tmp"

_BOM_CODECS = {
    "utf-8-sig": ((codecs.BOM_UTF8, "utf-8"),),
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}

#: Codecs whose bytes cannot be cut at a newline or space byte: wide
#: encodings and stateful ones.  Their files are read whole.
_UNCUTTABLE = ("utf_16", "utf_32", "iso2022", "utf_7", "hz")


class OutputError(ValueError):
    """A repair that cannot be written in the file's encoding; the file is left alone."""


class ChangedOnDiskError(OSError):
    """The file changed between reading and writing; it was not overwritten."""


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes map to its text, and back."""

    codec: str
    bom: bytes = b""

    @property
    def cuttable(self) -> bool:
        """Whether newline and space bytes always stand for themselves (never part of a character)."""
        name = codecs.lookup(self.codec).name.replace("-", "_")
        return not name.startswith(_UNCUTTABLE)

    @classmethod
    def detect(cls, head: bytes) -> Encoding:
        """Detect the encoding from the first bytes (raises BinaryInputError / UndecodableInputError)."""
        detection = detect_encoding(head)
        for bom, codec in _BOM_CODECS.get(detection.encoding, ()):
            if head.startswith(bom):
                return cls(codec, bom)
        return cls(detection.encoding)

    def to_utf8(self) -> Encoding:
        return Encoding("utf-8", codecs.BOM_UTF8 if self.bom == codecs.BOM_UTF8 else b"")


@dataclass(frozen=True)
class Chunk:
    """A piece of a file: its bytes, its text, and where it starts (1-based line, 0-based column)."""

    data: bytes
    text: str
    offset: int  # of ``data`` in the file, after any BOM
    line: int
    column: int


def _read_block(stream: BinaryIO, size: int) -> bytes:
    parts, total = [], 0
    while total < size:
        part = stream.read(size - total)
        if not part:
            break
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def _cut(buffer: bytes) -> int:
    """Where to end a chunk: after the last line break, else after the last space; 0 if neither."""
    for mark in (b"\n", b" ", b"\t"):
        found = buffer.rfind(mark)
        if found >= 0:
            return found + 1
    return 0


class Reader:
    """Chunks of one stream, decoded with the encoding detected from the first chunk.

    ``digest`` is the hash of every byte read, for checking later that the
    file has not changed.
    """

    def __init__(self, stream: BinaryIO, chunk_size: int, encoding: Encoding | None = None) -> None:
        self.stream = stream
        self.chunk_size = chunk_size
        self._hash = hashlib.blake2b()
        head = self._read()
        self._eof = len(head) < chunk_size
        self.encoding = encoding or Encoding.detect(head if self._eof else head[: _cut(head) or len(head)])
        self._buffer = head[len(self.encoding.bom) :]

    def _read(self) -> bytes:
        block = _read_block(self.stream, self.chunk_size)
        self._hash.update(block)
        return block

    @property
    def digest(self) -> bytes:
        return self._hash.digest()

    def _fill(self) -> None:
        block = self._read()
        self._eof = len(block) < self.chunk_size
        self._buffer += block

    def _take(self) -> bytes | None:
        """The next chunk's bytes, or None when more must be read to find where it ends."""
        if self._eof:
            data = self._buffer
        elif not self.encoding.cuttable:
            return None
        else:
            cut = _cut(self._buffer[: self.chunk_size]) or _cut(self._buffer)
            if not cut:
                return None
            data = self._buffer[:cut]
        self._buffer = self._buffer[len(data) :]
        return data

    def chunks(self) -> Iterator[Chunk]:
        offset, line, column = 0, 1, 0
        while self._buffer or not self._eof:
            if not self._eof and len(self._buffer) < self.chunk_size:
                self._fill()
                continue
            data = self._take()
            if data is None:
                self._fill()
                continue
            chunk = Chunk(data, self._decode(data, offset), offset, line, column)
            yield chunk
            offset += len(data)
            newlines = chunk.text.count("\n")
            line += newlines
            column = (column if not newlines else 0) + len(chunk.text) - (chunk.text.rfind("\n") + 1)

    def _decode(self, data: bytes, offset: int) -> str:
        try:
            return data.decode(self.encoding.codec)
        except UnicodeDecodeError as exc:
            position = len(self.encoding.bom) + offset + exc.start
            raise UndecodableInputError(
                f"byte 0x{data[exc.start]:02x} at offset {position} is not {self.encoding.codec},"
                f" the encoding detected from the start of the file"
            ) from exc


def _lines(value: str) -> list[str]:
    parts = value.split("\n")
    return [part + "\n" for part in parts[:-1]] + [parts[-1]]


def encode_chunk(chunk: Chunk, new_text: str, source: Encoding, target: Encoding) -> bytes:
    """The bytes of a repaired chunk: untouched lines keep their bytes, changed ones are encoded."""
    if new_text == chunk.text and source == target:
        return chunk.data
    old_lines, new_lines = _lines(chunk.text), _lines(new_text)
    if source == target and source.cuttable and len(old_lines) == len(new_lines):
        old_bytes = chunk.data.split(b"\n")
        old_bytes = [part + b"\n" for part in old_bytes[:-1]] + [old_bytes[-1]]
        return b"".join(raw if old == new else _encode(new, target, chunk, i)
                        for i, (raw, old, new) in enumerate(zip(old_bytes, old_lines, new_lines)))  # fmt: skip
    return b"".join(_encode(line, target, chunk, i) for i, line in enumerate(new_lines))


def _encode(line: str, target: Encoding, chunk: Chunk, index: int) -> bytes:
    try:
        return line.encode(target.codec)
    except UnicodeEncodeError as exc:
        bad = line[exc.start : exc.end]
        raise OutputError(
            f"line {chunk.line + index}: the repair {bad!r} cannot be written in {target.codec};"
            " the file is left unchanged (--to-utf8 converts it to UTF-8)"
        ) from exc


class AtomicWriter:
    """New content for ``target``, built in a temporary file beside it and swapped in at once."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.before = target.stat()
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
        self.temp = Path(name)
        self.handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self, digest: bytes) -> None:
        """Replace the target, unless it changed since it was read (its hash was ``digest``)."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            os.chmod(self.handle.fileno(), stat.S_IMODE(self.before.st_mode))
            self.handle.close()
            if _changed(self.target, self.before, digest):
                raise ChangedOnDiskError(f"{self.target} changed on disk while fixtext read it; not overwritten")
            os.replace(self.temp, self.target)
        except BaseException:
            self.discard()
            raise
        _fsync_directory(self.target.parent)

    def discard(self) -> None:
        self.handle.close()
        self.temp.unlink(missing_ok=True)


def _changed(path: Path, before: os.stat_result, digest: bytes) -> bool:
    now = path.stat()
    if (now.st_size, now.st_mtime_ns, now.st_ino) != (before.st_size, before.st_mtime_ns, before.st_ino):
        return True
    hasher = hashlib.blake2b()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.digest() != digest


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
