"""A run killed at any moment leaves every file either fully old or fully new."""

import os
import signal
import subprocess
import sys
import time

from fixtext.filesio import TEMP_SUFFIX
from tests.clirun import cli

FILES = 80
LINE = "Line {n}: it鈥檚 a 鈥渜uoted鈥 word, isn鈥檛 it? Plain text follows here.\r\n"


def _content() -> bytes:
    return "".join(LINE.format(n=n) for n in range(30)).encode("utf-8")


def test_sigkill_mid_run_leaves_each_file_old_or_new(tmp_path):
    old = _content()
    reference = tmp_path / "reference.txt"
    reference.write_bytes(old)
    cli("--write", str(reference))
    new = reference.read_bytes()
    assert new != old
    work = tmp_path / "work"
    work.mkdir()
    for i in range(FILES):
        (work / f"f{i:03}.txt").write_bytes(old)

    process = subprocess.Popen([sys.executable, "-m", "fixtext", "--write", "-q", "-j1", str(work)])
    first = work / "f000.txt"
    deadline = time.monotonic() + 60
    while first.read_bytes() == old and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    contents = {p.name: p.read_bytes() for p in work.iterdir() if not p.name.endswith(TEMP_SUFFIX)}
    assert len(contents) == FILES
    assert all(data in (old, new) for data in contents.values())
    states = [data == new for _, data in sorted(contents.items())]
    assert states[0] and not states[-1], "the run was not killed mid-way"

    # A leftover temporary file is never taken for content, and a second run finishes the job.
    result = cli("--write", "-j2", str(work))
    assert TEMP_SUFFIX not in result.err
    assert all(p.read_bytes() == new for p in work.iterdir() if not p.name.endswith(TEMP_SUFFIX))
