"""Peak memory of the ``fixtext`` command on a big file, in place and as a stream.

    python benchmarks/memory.py                 # a 1 GB file (written to a temporary directory)
    python benchmarks/memory.py --size 100e6    # a smaller one

Runs ``fixtext --write FILE`` and ``fixtext - < FILE`` in subprocesses and
reads each one's peak resident set size with ``resource.getrusage(RUSAGE_CHILDREN)``
(each run in a fresh child of a fresh helper process, so the figures do not
mix).  The target is under 200 MB for a 1 GB file.  The file is clean English
with a little GBK-broken text in every paragraph.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inputs import INPUTS  # noqa: E402

TARGET_MB = 200


def write_input(path: Path, size: int) -> None:
    """About ``size`` bytes, written a block at a time (the benchmark itself must stay small)."""
    block = (INPUTS["clean English"](600_000) + INPUTS["English as GBK (ignore)"](400_000)).encode("utf-8")
    with path.open("wb") as out:
        written = 0
        while written < size:
            out.write(block)
            written += len(block)


_CHILD = """
import resource, subprocess, sys, time
cmd, stdin = sys.argv[1:-1], sys.argv[-1]
start = time.perf_counter()
source = open(stdin, "rb") if stdin != "-" else subprocess.DEVNULL
done = subprocess.run(cmd, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
print(done.returncode, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
sys.stderr.write(done.stderr.decode("utf-8", "replace")[-500:])
"""


def peak(cmd: list[str], stdin: str = "-") -> tuple[int, float, float]:
    """Exit status, seconds and peak RSS (MB) of ``cmd``, measured from a fresh helper process."""
    done = subprocess.run([sys.executable, "-c", _CHILD, *cmd, stdin], capture_output=True, text=True)
    code, seconds, rss = done.stdout.split()
    if done.stderr.strip():
        print("  stderr:", done.stderr.strip()[-300:])
    return int(code), float(seconds), float(rss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=lambda s: int(float(s)), default=1_000_000_000, help="bytes (default 1e9)")
    args = parser.parse_args(argv)
    command = shutil.which("fixtext") or str(Path(sys.executable).with_name("fixtext"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        write_input(path, args.size)
        mb = path.stat().st_size / 1e6
        print(f"input: {mb:,.0f} MB; target: peak RSS under {TARGET_MB} MB")
        for label, cmd, stdin in (
            ("fixtext - < FILE", [command, "-"], str(path)),
            ("fixtext --write FILE", [command, "--write", str(path)], "-"),
        ):
            code, seconds, rss = peak(cmd, stdin)
            # Exit status 1 only says something was found (or repaired); 2 is an error.
            verdict = f"exit {code}" if code not in (0, 1) else "ok" if rss < TARGET_MB else "MISSES TARGET"
            print(f"{label:24s} {seconds:8.1f} s  {mb / seconds:6.1f} MB/s  peak RSS {rss:8.0f} MB  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
