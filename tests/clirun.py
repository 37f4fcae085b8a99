"""Run the fixtext command in-process (fast) or as a real subprocess, and capture what it prints."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass

from fixtext.cli import main

#: Mojibake the repair is sure about (UTF-8 punctuation read as GBK), and its repair.
BROKEN = "It鈥檚 a “test”, isn鈥檛 it?\r\nSecond line.\r\n"
FIXED = "It’s a “test”, isn’t it?\r\nSecond line.\r\n"


@dataclass
class Result:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def cli(*args: str, stdin: bytes = b"", stderr_tty: bool = False) -> Result:
    """``fixtext ARGS`` in this process, with its own stdin, stdout and stderr."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = _Terminal() if stderr_tty else io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        code = main(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    out.flush()
    return Result(code, out.buffer.getvalue(), err.getvalue())


def run(*args: str, stdin: bytes = b"", **kwargs) -> subprocess.CompletedProcess:
    """``fixtext ARGS`` as a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "fixtext", *args], input=stdin, capture_output=True, check=False, **kwargs
    )
