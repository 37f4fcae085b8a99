"""Throughput of fixtext.fix_text next to ftfy.fix_text, same process, same inputs.

    python benchmarks/speed.py                       # 10 KB, 1 MB, 10 MB; medians of 5 runs
    python benchmarks/speed.py --quick               # 10 KB and 1 MB, 3 runs, no Dask line
    python benchmarks/speed.py --sizes 1e6 --repeat 9 --markdown

MB is 1e6 bytes of the input as UTF-8; each figure is the median of
``--repeat`` runs (``time.perf_counter``) after one warm-up call on a small
slice. Each run gets text it has not seen: one input of ``repeat + 1`` times
the size, its paragraphs numbered on, is cut into pieces of the size, so
fixtext's memos of damaged runs answer only for what recurs within real
text, never for a whole repeated input.  ``ratio`` is fixtext's MB/s over ftfy's.  The linearity table compares
each input's throughput at the largest size with the same input at 1 MB, and
the last line runs fixtext over a Dask bag on the local process scheduler and
reports MB/s per core.  Peak memory of the process is printed at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

import ftfy

import fixtext

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inputs import INPUTS, PATHOLOGICAL  # noqa: E402

SIZES = (10_000, 1_000_000, 10_000_000)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment() -> str:
    return (
        f"CPU: {cpu_name()} ({os.cpu_count()} cores)\n"
        f"Python: {platform.python_implementation()} {platform.python_version()}\n"
        f"fixtext {fixtext.__version__}, ftfy {ftfy.__version__}"
    )


def median_mbps(func, texts: list[str], repeat: int) -> float:
    """Median MB/s of ``func`` over ``repeat`` of ``texts`` (one each), after a warm-up on a slice."""
    func(texts[-1][:2000])
    times, sizes = [], []
    for text in texts[:repeat]:
        start = time.perf_counter()
        func(text)
        times.append(time.perf_counter() - start)
        sizes.append(len(text.encode("utf-8")) / 1e6)
    return statistics.median(size / seconds for size, seconds in zip(sizes, times))


def fresh_texts(make, size: int, count: int) -> list[str]:
    """``count`` inputs of about ``size`` bytes, none repeating another: pieces of one longer input."""
    whole = make(size * count)
    step = -(-len(whole) // count)
    return [whole[i : i + step] for i in range(0, len(whole), step)][:count]


def measure(kinds: dict, sizes, repeat: int, ftfy_too: bool = True) -> list[tuple[str, int, float, float | None]]:
    rows = []
    for name, make in kinds.items():
        for size in sizes:
            texts = fresh_texts(make, size, repeat + 1)
            ours = median_mbps(fixtext.fix_text, texts, repeat)
            # ftfy is slow on big inputs: fewer runs there keep the benchmark short.
            theirs = median_mbps(ftfy.fix_text, texts, repeat if size <= 1_000_000 else 1) if ftfy_too else None
            rows.append((name, size, ours, theirs))
            print(f"  measured {name} @ {size:,} B", file=sys.stderr, flush=True)
    return rows


def table(rows, markdown: bool) -> str:
    head = ("input", "size", "fixtext MB/s", "ftfy MB/s", "fixtext/ftfy")
    lines = []
    for name, size, ours, theirs in rows:
        ratio = f"{ours / theirs:.1f}×" if theirs else "-"
        lines.append((name, _size(size), f"{ours:.2f}", f"{theirs:.2f}" if theirs else "-", ratio))
    return _render(head, lines, markdown)


def linearity(rows, markdown: bool) -> str:
    """Each input's MB/s at its largest size over its MB/s at 1 MB."""
    by = {(name, size): ours for name, size, ours, _ in rows}
    lines = []
    for name in dict.fromkeys(name for name, _, _, _ in rows):
        largest = max(size for n, size in by if n == name)
        if largest > 1_000_000 and (name, 1_000_000) in by:
            change = by[(name, largest)] / by[(name, 1_000_000)] - 1
            lines.append((name, _size(largest), f"{change:+.0%}", "ok" if change >= -0.2 else "SLOWER"))
    return _render(("input", "vs. 1 MB at", "throughput change", "within 20 %"), lines, markdown)


def dask_per_core(size: int) -> str:
    """fixtext over a Dask bag of documents on the local process scheduler: MB/s per core."""
    try:
        import dask.bag as db
    except ImportError:
        return "Dask: not installed (pip install 'fixtext[dask]')"
    from fixtext.integrations.dask import fix_bag

    cores = os.cpu_count() or 1
    docs = [doc for kind in ("clean English", "English as GBK (ignore)") for doc in INPUTS[kind](size).split("\n")]
    mb = sum(len(doc.encode("utf-8")) for doc in docs) / 1e6
    bag = db.from_sequence(docs, npartitions=cores * 4)
    start = time.perf_counter()
    fix_bag(bag).compute(scheduler="processes", num_workers=cores)
    seconds = time.perf_counter() - start
    return f"Dask bag, processes scheduler, {cores} workers: {mb / seconds:.1f} MB/s, {mb / seconds / cores:.1f} MB/s per core ({mb:.1f} MB, half clean, half broken)"


def _size(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size / 1e3:g} KB"


def _render(head, lines, markdown: bool) -> str:
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(str(x)) for x in column) for column in zip(head, *lines)]
    fmt = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join(fmt.format(*row) for row in (head, *lines))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda s: [int(float(x)) for x in s.split(",")], help="comma-separated bytes, e.g. 1e4,1e6")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the median is reported")
    parser.add_argument("--quick", action="store_true", help="10 KB and 1 MB, 3 runs, no Dask line")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/performance.md)")
    parser.add_argument("--only", help="only inputs whose name contains this")
    args = parser.parse_args(argv)
    sizes = args.sizes or ((10_000, 1_000_000) if args.quick else SIZES)
    repeat = 3 if args.quick and args.repeat == 5 else args.repeat
    kinds = {k: v for k, v in INPUTS.items() if not args.only or args.only in k}
    odd = {k: v for k, v in PATHOLOGICAL.items() if not args.only or args.only in k}

    print(environment())
    print(f"\nMedian of {repeat} runs; MB = 1e6 bytes of UTF-8.\n")
    rows = measure(kinds, sizes, repeat)
    print(table(rows, args.markdown))
    print("\nPathological inputs (fixtext only at the largest size):\n")
    odd_rows = measure(odd, [s for s in sizes if s <= 1_000_000], repeat)
    odd_rows += measure(odd, [s for s in sizes if s > 1_000_000], max(1, repeat // 2), ftfy_too=False)
    print(table(odd_rows, args.markdown))
    print("\nLinearity:\n")
    print(linearity(rows + odd_rows, args.markdown))
    if not args.quick:
        print("\n" + dask_per_core(2_000_000))
    print(f"\npeak RSS of this process: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
