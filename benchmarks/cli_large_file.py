"""Time and peak memory of `fixtext --check` on one large file, at several chunk sizes.

    python benchmarks/cli_large_file.py                # a 50 MB file, one line, a little damage
    python benchmarks/cli_large_file.py --size 200 --lines

Each run is a separate process that reports its own peak resident memory
(ru_maxrss): memory follows the chunk size, not the file size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_file(path: Path, megabytes: int, lines: bool, damage: int) -> None:
    """Written block by block, so this process never holds the file (a child's
    peak RSS counts what its parent held when it was forked)."""
    unit = ("plain words and numbers 12345, " * 32 + ("\n" if lines else "")).encode()
    block = unit * ((1 << 20) // len(unit))
    blocks = megabytes * (1 << 20) // len(block) + 1
    damaged = {i * blocks // (damage + 1) for i in range(1, damage + 1)}
    mark = "it鈥檚".encode()
    with open(path, "wb") as handle:
        for i in range(blocks):
            handle.write(
                block[: len(block) // 2] + mark + block[len(block) // 2 + len(mark) :] if i in damaged else block
            )


#: Runs the command and reports its own peak RSS (a child's rusage would include
#: the moment between fork and exec, when it still holds this process's memory).
_CHILD = (
    "import resource, sys\n"
    "from fixtext.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def run(path: Path, chunk: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    args = [sys.executable, "-c", _CHILD, "--check", "-q", "--chunk-size", str(chunk), str(path)]
    result = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak_kib = int(result.stderr.split()[-1])
    return elapsed, peak_kib / 1024, result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50, help="file size in MB")
    parser.add_argument("--lines", action="store_true", help="many lines instead of one")
    parser.add_argument("--damage", type=int, default=4, help="damaged spans spread over the file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.txt"
        make_file(path, args.size, args.lines, args.damage)
        print(f"{args.size} MB, {'many lines' if args.lines else 'one line'}, {args.damage} damaged spans")
        print("chunk size | seconds | peak RSS (MB) | exit")
        for chunk in (1 << 20, 4 << 20, 8 << 20):
            seconds, peak, code = run(path, chunk)
            print(f"{chunk >> 20:>6} MiB | {seconds:7.2f} | {peak:13.0f} | {code}")


if __name__ == "__main__":
    main()
