"""The fastest fixtext could be on clean CJK text: the codec passes its model
cannot skip, timed alone, next to fixtext and ftfy.

    python benchmarks/floor.py                  # 1 MB of each clean CJK input, best of 5
    python benchmarks/floor.py --size 1e5 --repeat 9 --markdown

To call a CJK text clean, fixtext must rule out, for every stretch of it:

* UTF-8 read through each multibyte codec it models (by default the GBK and
  Shift_JIS families): where a run holds a character such damage starts
  with, only the run's bytes in that codec say whether they are UTF-8, so
  each family costs at least one encode of those runs and one UTF-8 decode;
* one CJK codec read as another (the legacy layer's four misreadings): for
  lines whose characters both codecs share, one encode per wrong decoder
  (GBK, Big5) and one decode per misreading;
* and the census's one UTF-8 encode.

Each of these is one call into a C codec. Timed alone
(best of ``--repeat``), their sum is a floor under fixtext's time on that
text, however little else it did; ftfy's time over that floor is the
highest ratio to ftfy that any design making these checks in CPython could
reach on this machine. The table shows it beside the ratio fixtext reaches.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

import fixtext
from fixtext.codecdata import NON_ASCII_RUN, family_of, start_pattern
from fixtext.layers import legacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inputs import INPUTS  # noqa: E402
from speed import environment, fresh_texts  # noqa: E402

CLEAN_CJK = ("clean Chinese", "clean Japanese", "clean Korean", "clean multilingual")


def best_seconds(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def floor_seconds(text: str, repeat: int) -> float:
    """The codec passes described above, each timed alone (best of ``repeat``), summed.

    Only over what fixtext's own character tests cannot rule out, so that the
    sum stays a floor: a family's runs that hold a character its damage
    starts with (the cheapest member's stands for the family), and the lines
    without hangul (which neither wrong decoder of the legacy layer writes).
    """
    total = best_seconds(lambda: text.encode("utf-8"), repeat)
    runs = NON_ASCII_RUN.findall(text)
    for family in dict.fromkeys(family_of(codec) for codec in fixtext.Config().codecs):
        costs = []
        for codec in family:
            starts = start_pattern(codec)
            damageable = "\n".join([run for run in runs if starts.search(run)])
            costs.append(_encode_and_check(damageable, codec, repeat) if damageable else 0.0)
        total += min(costs)
    lines = "\n".join([line for line in legacy._CJK_LINE.findall(text) if not legacy._HANGUL.search(line)])
    if not lines:
        return total
    encoded = {}
    for via in dict.fromkeys(misreading.via for misreading in legacy._CROSS_CJK):
        total += best_seconds(lambda via=via: lines.encode(via, "replace"), repeat)
        encoded[via] = lines.encode(via, "replace")
    for misreading in legacy._CROSS_CJK:
        data = encoded[misreading.via]
        total += best_seconds(lambda: data.decode(misreading.source, "replace"), repeat)
    return total


def _encode_and_check(text: str, codec: str, repeat: int) -> float:
    data = text.encode(codec, "ignore")
    encode = best_seconds(lambda: text.encode(codec, "ignore"), repeat)
    return encode + best_seconds(lambda: data.decode("utf-8", "ignore"), repeat)


def measure(size: int, repeat: int) -> list[tuple[str, float, float, float]]:
    """Per input: the floor, fixtext's and ftfy's seconds (fixtext and ftfy on unseen text each run)."""
    rows = []
    for name in CLEAN_CJK:
        texts = fresh_texts(INPUTS[name], size, repeat + 1)
        fixtext.fix_text(texts[-1][:2000])  # warm-up
        ours = min(best_seconds(lambda text=text: fixtext.fix_text(text), 1) for text in texts[:repeat])
        theirs = min(best_seconds(lambda text=text: ftfy.fix_text(text), 1) for text in texts[:repeat])
        rows.append((name, floor_seconds(texts[0], repeat), ours, theirs))
        print(f"  measured {name}", file=sys.stderr, flush=True)
    return rows


def table(rows, size: int, markdown: bool) -> str:
    head = ("input", "floor ms", "fixtext ms", "ftfy ms", "best possible ×ftfy", "fixtext ×ftfy")
    lines = [
        (name, f"{floor * 1e3:.1f}", f"{ours * 1e3:.1f}", f"{theirs * 1e3:.1f}", f"{theirs / floor:.0f}×", f"{theirs / ours:.1f}×")
        for name, floor, ours, theirs in rows
    ]
    title = f"Clean CJK, {size / 1e6:g} MB, best of the runs:"
    if markdown:
        body = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        body += ["| " + " | ".join(line) + " |" for line in lines]
    else:
        widths = [max(len(str(row[i])) for row in [head, *lines]) for i in range(len(head))]
        body = ["  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)) for row in [head, *lines]]
    return "\n".join([title, "", *body])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=1e6, help="bytes of each input (default 1e6)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the best is kept")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    size = int(args.size)
    print(environment())
    print()
    print(table(measure(size, args.repeat), size, args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
