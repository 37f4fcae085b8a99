"""Repair-rate and throughput benchmark: fixtext vs. ftfy on UTF-8-as-GBK mojibake.

Run from the repository root (fixtext and ftfy must be importable)::

    python benchmarks/repair_rate.py
    python benchmarks/repair_rate.py --repeat 9
    python benchmarks/repair_rate.py --sample samples/x.gbk-mojibake.txt \
        --expected samples/x.txt

What it measures
----------------
1. Repair rate.  Every sentence in the built-in corpus (English, Simplified
   Chinese, mixed) is encoded as UTF-8 and decoded as GBK under three error
   modes: ``strict`` (only sentences whose bytes decode cleanly are kept),
   ``ignore`` (undecodable bytes dropped) and ``replace`` (each becomes
   U+FFFD).  A case counts as repaired only when ``fix_text(corrupted)`` is
   exactly equal to the original.  The ``clean`` rows feed the untouched
   originals to each tool; any change is a false positive.  Besides ftfy with
   its defaults, the column ``ftfy-fix`` runs ftfy with ``uncurl_quotes`` and
   ``fix_character_width`` off, since those normalizations alone make the
   default ftfy output differ from the originals.
2. Throughput.  About 1 MB of clean text and 1 MB of ``ignore``-mode mojibake
   (English and Chinese separately) is passed to both tools in the same
   process (ftfy with its default settings); best and median of ``--repeat``
   runs (``time.perf_counter``) are reported as MB/s, where MB = 1e6 bytes of
   the input encoded as UTF-8.
3. With ``--sample``/``--expected`` it also checks one mojibake file against
   its known original.

The corpus below was written for this benchmark; it is not copied from any
source.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

import ftfy

import fixtext

ENGLISH = [
    "It wasn’t the first time the council had delayed the vote.",
    "“We’re not going anywhere,” she said, folding her arms.",
    "The players’ union rejected the offer on Tuesday night.",
    "Prices rose sharply between 1990–1995, then leveled off.",
    "He paused — just for a second — before answering.",
    "The answer was simple—nobody had checked the logs.",
    "Well… I suppose we could try again tomorrow.",
    "• Bring a coat\n• Bring an umbrella\n• Don’t forget the tickets",
    "Tickets cost $12.50 for adults (children under 5 go free).",
    "‘Quiet,’ he whispered. ‘They’ll hear you.’",
    "Back in the ’90s, nobody owned a phone like this.",
    "The mayor’s office declined to comment on the report.",
    "“Is it raining?” asked Tom. “I can’t see a thing.”",
    "Revenue grew 8% in Q3 (up from 5% a year earlier).",
    "The bridge, built in 1931–1934, is closing for repairs.",
    "She said, “My brother told me, ‘Never trust a map.’”",
    "Doors open at 7:30 p.m.; the show starts at 8.",
    "It’s a long road — longer than anyone expected.",
    "The children’s library reopens on Monday, June 3.",
    "“Wait…” he began, then thought better of it.",
    "Our team won 3–2 after extra time.",
    "The report — all 240 pages of it — was leaked on Friday.",
    "A cup of coffee now costs £3.20 in the city centre.",
    "Pages 45–67 cover the history of the railway.",
    "“I’ll be there by noon,” Maria promised. “Probably.”",
    "Officials said the fire started in the kitchen; no one was hurt.",
    "You’ve got mail, and it isn’t spam this time.",
    "The ’80s synth sound is back, according to critics.",
    "• Step one: unplug it.\n• Step two: wait ten seconds.",
    "The company’s shares fell 12% — their worst day since 2008.",
    "“Don’t,” she said. “Just… don’t.”",
    "The museum (which opened in 1887) holds over 2,000 paintings.",
    "Rain is expected Thursday–Saturday, with winds up to 40 mph.",
    "He called it ‘the best meal of my life’ and left a big tip.",
    "The drivers’ strike ended after nine days.",
    "A new laptop costs about $1,299—too much for most students.",
    "“Who’s there?” “Only me,” came the reply.",
    "The 2019–2020 season was cut short.",
    "We waited… and waited… and finally the bus arrived.",
    "Ms. O’Brien’s class planted forty trees behind the school.",
]

CHINESE = [
    "今天天气很好，我们去公园散步吧。",
    "你吃饭了吗？我刚做好了面条。",
    "他说：“明天我一定会准时到。”",
    "这本书我已经看了三遍，每次都有新的发现！",
    "会议改到下午三点；请大家提前十分钟到场。",
    "妈妈问我：“作业写完了没有？”",
    "火车站离这里不远，走路大约十五分钟。",
    "我们班一共有四十二个学生，其中男生二十个。",
    "这家小店的包子特别好吃，每天早上都要排队。",
    "你知道图书馆几点关门吗？",
    "下雨了！快把衣服收进来。",
    "老师说：“学习要认真，做事要用心。”",
    "新的地铁线路预计明年年底开通。",
    "我喜欢春天，因为花都开了，空气也很清新。",
    "请注意：本次列车即将到达终点站。",
]

MIXED = [
    "我昨天买了一台 iPhone，价格是 5999 元。",
    "他在 Google 工作了三年，后来回国创业。",
    "请把 report 发到我的邮箱：“明天之前”就行。",
    "这个 bug 已经修好了，下个 version 会发布。",
    "我们用 Python 写了一个小工具，效果不错！",
]

ALPHABETS = {"English": ENGLISH, "Chinese": CHINESE, "mixed": MIXED}
MODES = ("strict", "ignore", "replace")
# ftfy's defaults also straighten curly quotes and narrow full-width
# punctuation, which counts as a change on this corpus.  "ftfy-fix" switches
# those two normalizations off to show ftfy's mojibake repair on its own.
_FTFY_FIX_ONLY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)
TOOLS = {
    "fixtext": fixtext.fix_text,
    "ftfy": ftfy.fix_text,
    "ftfy-fix": lambda text: ftfy.fix_text(text, _FTFY_FIX_ONLY),
}
TIMED_TOOLS = ("fixtext", "ftfy")
TARGET_BYTES = 1_000_000


def corrupt(text: str, mode: str) -> str | None:
    """UTF-8 bytes decoded as GBK; None if `mode` is strict and it fails."""
    try:
        return text.encode("utf-8").decode("gbk", errors=mode)
    except UnicodeDecodeError:
        return None


def build_cases(sentences: list[str], mode: str) -> list[tuple[str, str]]:
    """(original, input) pairs for one cell; `clean` keeps the originals."""
    if mode == "clean":
        return [(s, s) for s in sentences]
    pairs = [(s, corrupt(s, mode)) for s in sentences]
    return [(s, c) for s, c in pairs if c is not None]


def score_cell(cases: list[tuple[str, str]]) -> dict[str, list[tuple[str, str, str]]]:
    """Per tool, the failing cases as (original, input, output)."""
    failures: dict[str, list[tuple[str, str, str]]] = {}
    for name, fix in TOOLS.items():
        outs = [(orig, inp, fix(inp)) for orig, inp in cases]
        failures[name] = [t for t in outs if t[2] != t[0]]
    return failures


def pct(ok: int, total: int) -> str:
    return f"{100.0 * ok / total:6.1f}%" if total else "    n/a"


def cell_row(mode: str, alpha: str, cases: list, fails: dict) -> str:
    n = len(cases)
    same = "-" if mode == "clean" else sum(o == i for o, i in cases)
    cols = [f"{mode:<8}", f"{alpha:<8}", f"{n:>5}", f"{same:>5}"]
    for name in TOOLS:
        bad = len(fails[name])
        if mode == "clean":
            cols.append(f"{'changed ' + str(bad):>14}")
        else:
            cols.append(f"{pct(n - bad, n):>14}")
    return "  ".join(cols)


def repair_table() -> dict[tuple[str, str], dict]:
    """Print the repair-rate table; return failures keyed by (mode, alphabet)."""
    header = "  ".join([f"{'mode':<8}", f"{'alphabet':<8}", f"{'cases':>5}",
                        f"{'no-op':>5}"]
                       + [f"{t + ' exact':>14}" for t in TOOLS])
    print(header)
    print("-" * len(header))
    all_fails = {}
    for mode in ("clean",) + MODES:
        for alpha, sentences in ALPHABETS.items():
            cases = build_cases(sentences, mode)
            fails = score_cell(cases)
            all_fails[(mode, alpha)] = fails
            print(cell_row(mode, alpha, cases, fails))
    print("no-op = cases the corruption left unchanged (pure ASCII sentences)")
    return all_fails


def repeat_to_size(parts: list[str], target: int = TARGET_BYTES) -> str:
    """Join `parts` with newlines, repeated until ~`target` UTF-8 bytes."""
    block = "\n".join(parts) + "\n"
    reps = max(1, round(target / len(block.encode("utf-8"))))
    return block * reps


def time_tool(fix, text: str, repeat: int) -> tuple[float, float]:
    """(best, median) seconds over `repeat` calls of fix(text)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fix(text)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def throughput_inputs() -> dict[str, str]:
    eng, zh = ENGLISH, CHINESE + MIXED
    return {
        "clean English": repeat_to_size(eng),
        "clean Chinese": repeat_to_size(zh),
        "ignore English": repeat_to_size([corrupt(s, "ignore") for s in eng]),
        "ignore Chinese": repeat_to_size([corrupt(s, "ignore") for s in zh]),
    }


def throughput_row(label: str, text: str, repeat: int) -> str:
    mb = len(text.encode("utf-8")) / 1e6
    rates = {}
    for name in TIMED_TOOLS:
        best, med = time_tool(TOOLS[name], text, repeat)
        rates[name] = (mb / best, mb / med)
    fx, ft = rates["fixtext"], rates["ftfy"]
    return (f"{label:<15}  {mb:5.2f}  {fx[0]:11.3f} /{fx[1]:9.3f}  "
            f"{ft[0]:9.3f} /{ft[1]:9.3f}  {fx[0] / ft[0]:6.3f}")


def throughput_table(repeat: int) -> None:
    header = (f"{'input':<15}  {'MB':>5}  {'fixtext best/med MB/s':>22}  "
              f"{'ftfy best/med MB/s':>20}  {'ratio':>6}")
    print(header)
    print("-" * len(header))
    for label, text in throughput_inputs().items():
        print(throughput_row(label, text, repeat), flush=True)
    print("ratio = fixtext best MB/s / ftfy best MB/s (higher is faster)")


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def print_environment() -> None:
    print(f"Python  : {sys.version.split()[0]} ({platform.python_implementation()})")
    print(f"CPU     : {cpu_model()}")
    print(f"fixtext : {getattr(fixtext, '__version__', '?')}")
    print(f"ftfy    : {getattr(ftfy, '__version__', '?')}")


def print_failures(all_fails: dict, tool: str = "fixtext") -> None:
    rows = [(k, f) for k, fails in all_fails.items() for f in fails[tool]]
    print(f"{tool} failures: {len(rows)}")
    for (mode, alpha), (orig, inp, out) in rows:
        print(f"  [{mode}/{alpha}]")
        print(f"    original: {orig!r}")
        print(f"    input   : {inp!r}")
        print(f"    output  : {out!r}")


def sample_report(sample: Path, expected: Path | None) -> None:
    text = sample.read_text(encoding="utf-8")
    want = expected.read_text(encoding="utf-8") if expected else None
    print(f"sample: {sample} ({len(text)} chars)")
    for name, fix in TOOLS.items():
        out = fix(text)
        if want is None:
            verdict = "changed" if out != text else "unchanged"
        else:
            verdict = "exact match" if out == want else "MISMATCH"
        print(f"  {name:<8} {verdict}")
        if want is not None and out != want:
            print(f"    output: {out!r}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=5, help="timing runs (default 5)")
    p.add_argument("--sample", type=Path, help="extra mojibake file to check")
    p.add_argument("--expected", type=Path, help="known original of --sample")
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be >= 1")
    if args.expected and not args.sample:
        p.error("--expected needs --sample")
    return args


def section(title: str) -> None:
    print(f"\n== {title} ==")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    section("Environment")
    print_environment()
    section("Repair rate (exact match with the original; clean = false positives)")
    all_fails = repair_table()
    if args.sample:
        section("Sample file")
        sample_report(args.sample, args.expected)
    section(f"Throughput (~1 MB inputs, {args.repeat} runs each)")
    throughput_table(args.repeat)
    section("fixtext failures")
    print_failures(all_fails)
    return 0


if __name__ == "__main__":
    sys.exit(main())
