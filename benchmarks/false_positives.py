"""False positives on real clean text: what fixtext changes in whole documents and paragraphs.

Run from the repository root, after ``python tools/build_corpus.py``::

    python benchmarks/false_positives.py                          # both halves, every document
    python benchmarks/false_positives.py --half check --limit-per-lang 20 --time-budget 300
    python benchmarks/false_positives.py --langs zh-Hans,ja --sources machine-man,deb-man
    python benchmarks/false_positives.py --machine --limit-per-lang 5   # installed man pages, no cache
    python benchmarks/false_positives.py --json fp.json

Every text goes through ``fixtext.fix_text`` twice: with the default
configuration (``default``) and with ``Config(codecs=MULTIBYTE_CODECS)``,
every codec fixtext models (``all``). The corpus is clean text (documents
with C1 controls or invalid UTF-8 were set aside by the builder as damaged
in the wild), so any change is a false positive, except in sources that
quote mojibake on purpose (``repo-docs``).

Reported per half, configuration, language and source: documents checked /
changed and paragraphs checked / changed; for each changed document its
first differences (``--examples``, context of 10 characters either side,
before -> after), never whole documents; and the throughput of fix_text
(MB = 1e6 bytes of UTF-8 input, time spent inside fix_text only).

Work is taken round-robin over languages (a document, then a batch of
paragraphs, per language in turn), so when ``--time-budget`` runs out every
language has been sampled; the report says how much was covered. A text
whose fix_text runs past ``--doc-timeout`` is interrupted, counted as timed
out and skipped.  ``--limit-per-lang N`` keeps N documents and 10 x N
paragraphs per language (``--paragraphs-per-lang`` overrides the latter).
"""

from __future__ import annotations

import argparse
import difflib
import json
import signal
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import fixtext
from fixtext.codecdata import MULTIBYTE_CODECS

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

CONFIGS: dict[str, fixtext.Config | None] = {"default": None, "all": fixtext.Config(codecs=MULTIBYTE_CODECS)}
CONTEXT = 10  # characters shown either side of a difference
PARAGRAPH_BATCH = 10  # paragraphs per turn in the round-robin


class OutOfTime(Exception):
    """Raised by SIGALRM inside fix_text when a deadline passes."""


@dataclass
class Counts:
    documents: int = 0
    documents_changed: int = 0
    paragraphs: int = 0
    paragraphs_changed: int = 0
    timed_out: int = 0
    bytes: int = 0
    seconds: float = 0.0


@dataclass
class Run:
    """Everything one half and configuration produced."""

    by_lang: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_source: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    changed: list[dict] = field(default_factory=list)  # one entry per changed document or paragraph
    timeouts: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- the CLI


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    halves = ("tune", "check") if args.half == "both" else (args.half,)
    report: dict = {"halves": {}, "options": vars(args), "fixtext": fixtext.__version__}
    started = time.perf_counter()
    for n, half in enumerate(halves):
        budget = _share(args.time_budget, started, len(halves) - n)
        docs, paras = load(args, half)
        runs, coverage = check_half(docs, paras, budget, args.doc_timeout, args.examples)
        report["halves"][half] = {"coverage": coverage, "configs": {name: run_json(run) for name, run in runs.items()}}
        print_half(half, runs, coverage, args.show)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


def _share(budget: float | None, started: float, halves_left: int) -> float | None:
    """Each remaining half gets an equal share of what is left of the budget."""
    return None if budget is None else (budget - (time.perf_counter() - started)) / halves_left


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "check", "both"), default="both")
    parser.add_argument("--limit-per-lang", type=int, help="documents per language (default: all)")
    parser.add_argument("--paragraphs-per-lang", type=int, help="paragraphs per language (default 10 x the above)")
    parser.add_argument("--langs", type=_csv, help="comma-separated languages, e.g. zh-Hans,ja,ko")
    parser.add_argument("--sources", type=_csv, help="comma-separated sources, e.g. machine-man,cldr")
    parser.add_argument("--machine", action="store_true", help="installed man pages (machine_documents()), no cache")
    parser.add_argument("--json", help="also write the full report (counts, differences, timing) here")
    parser.add_argument("--time-budget", type=float, help="stop after this many seconds and report what was covered")
    parser.add_argument("--doc-timeout", type=float, default=60.0, help="interrupt one fix_text after this (s)")
    parser.add_argument("--examples", type=int, default=3, help="differences kept per changed text")
    parser.add_argument("--show", type=int, default=15, help="differing examples printed per configuration")
    return parser.parse_args(argv)


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


# ----------------------------------------------------------------- inputs


def load(args: argparse.Namespace, half: str) -> tuple[list[corpus.Document], list[corpus.Paragraph]]:
    """The half's documents and paragraphs, filtered and limited per language."""
    para_limit = args.paragraphs_per_lang
    if para_limit is None and args.limit_per_lang is not None:
        para_limit = 10 * args.limit_per_lang
    if args.machine:
        docs = [d for d in corpus.machine_documents() if d.half == half and _wanted(d, args)]
        paras = [p for p in machine_paragraphs(docs) if _wanted(p, args)]
    else:
        docs = corpus.load_documents(half=half, langs=args.langs, sources=args.sources)
        paras = corpus.load_paragraphs(half=half, langs=args.langs, sources=args.sources)
    return per_lang(docs, args.limit_per_lang), per_lang(paras, para_limit)


def _wanted(item, args: argparse.Namespace) -> bool:
    return (not args.langs or item.lang in args.langs) and (not args.sources or item.source in args.sources)


def machine_paragraphs(docs: Iterable[corpus.Document]) -> Iterator[corpus.Paragraph]:
    """Paragraphs of machine man pages, cut as the builder cuts them (no cache needed)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import build_corpus  # the builder owns the paragraph rules

    for doc in docs:
        for text in build_corpus.troff_paragraphs(doc.text):
            text = text.strip()
            if build_corpus.keep_paragraph(text, doc.script):
                yield corpus.Paragraph(doc.doc_id, doc.source, doc.lang, doc.script, doc.half, text)


def per_lang(items: list, limit: int | None) -> list:
    """At most `limit` items per language, taken in turn from each source (then by doc_id)."""
    if limit is None:
        return items
    by_lang: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        by_lang[item.lang][item.source].append(item)
    chosen = []
    for lang in sorted(by_lang):
        chosen += list(round_robin(by_lang[lang][s] for s in sorted(by_lang[lang])))[:limit]
    return chosen


def round_robin(queues: Iterable[list]) -> Iterator:
    queues = [list(q) for q in queues]
    for i in range(max((len(q) for q in queues), default=0)):
        for queue in queues:
            if i < len(queue):
                yield queue[i]


def work_order(docs: list, paras: list) -> list[tuple[str, list]]:
    """Units of work, round-robin over languages: ("document", [doc]) and ("paragraphs", [up to 10])."""
    queues: dict[str, list] = defaultdict(list)
    doc_by_lang, para_by_lang = defaultdict(list), defaultdict(list)
    for doc in docs:
        doc_by_lang[doc.lang].append(("document", [doc]))
    for para in paras:
        para_by_lang[para.lang].append(para)
    for lang in sorted(set(doc_by_lang) | set(para_by_lang)):
        batches = [("paragraphs", para_by_lang[lang][i : i + PARAGRAPH_BATCH])
                   for i in range(0, len(para_by_lang[lang]), PARAGRAPH_BATCH)]  # fmt: skip
        queues[lang] = list(round_robin([doc_by_lang[lang], batches]))
    return list(round_robin(queues.values()))


# ---------------------------------------------------------------- running


def check_half(docs, paras, budget, doc_timeout, examples) -> tuple[dict[str, Run], dict]:
    """Run every configuration over every unit until done or out of budget."""
    runs = {name: Run() for name in CONFIGS}
    units = work_order(docs, paras)
    deadline = None if budget is None else time.perf_counter() + max(budget, 0.0)
    done = 0
    try:
        for kind, items in units:
            if deadline is not None and time.perf_counter() >= deadline:
                break
            for item in items:
                for name, config in CONFIGS.items():
                    check_one(runs[name], kind, item, config, deadline, doc_timeout, examples)
            done += 1
    except OutOfTime:
        pass  # the budget ran out inside fix_text: the unit in hand is not in units_done
    coverage = {"units": len(units), "units_done": done, "documents": len(docs), "paragraphs": len(paras),
                "complete": done == len(units)}  # fmt: skip
    return runs, coverage


def check_one(run: Run, kind: str, item, config, deadline, doc_timeout, examples) -> None:
    """fix_text on one text under a deadline; count it and keep its first differences."""
    size = len(item.text.encode("utf-8"))
    try:
        after, seconds = timed(lambda: fixtext.fix_text(item.text, config=config), deadline, doc_timeout)
    except OutOfTime:
        if deadline is not None and time.perf_counter() >= deadline:
            raise
        for counts in (run.by_lang[item.lang], run.by_source[item.source]):
            counts.timed_out += 1
        run.timeouts.append(item.doc_id)
        return
    changed = after != item.text
    for counts in (run.by_lang[item.lang], run.by_source[item.source]):
        counts.bytes += size
        counts.seconds += seconds
        if kind == "document":
            counts.documents += 1
            counts.documents_changed += changed
        else:
            counts.paragraphs += 1
            counts.paragraphs_changed += changed
    if changed:
        run.changed.append({"kind": kind, "doc_id": item.doc_id, "lang": item.lang, "source": item.source,
                            "differences": differences(item.text, after, examples)})  # fmt: skip


def timed(call: Callable[[], str], deadline: float | None, doc_timeout: float | None) -> tuple[str, float]:
    """(result, seconds) of `call`, interrupted by SIGALRM at the deadline or after doc_timeout."""
    start = time.perf_counter()
    limits = [t for t in (doc_timeout, None if deadline is None else deadline - start) if t is not None]
    if limits and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, max(min(limits), 0.001))
    try:
        result = call()
    finally:
        if limits and hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)
    return result, time.perf_counter() - start


def _alarm(signum, frame):
    raise OutOfTime


def differences(before: str, after: str, limit: int) -> list[dict]:
    """The first `limit` differences, each with CONTEXT characters either side.

    Lines are diffed first and characters only inside changed lines, so a
    megabyte document with one change costs a line diff, not a character one.
    """
    out: list[dict] = []
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    old_at = _offsets(old_lines)
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        old, new = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        for diff in _char_differences(old, new):
            out.append({"at": old_at[i1] + diff[0], "before": diff[1], "after": diff[2]})
            if len(out) >= limit:
                return out
    return out


def _offsets(lines: list[str]) -> list[int]:
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line)
    return offsets + [total]


def _char_differences(old: str, new: str) -> Iterator[tuple[int, str, str]]:
    chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in chars.get_opcodes():
        if tag != "equal":
            yield i1, old[max(i1 - CONTEXT, 0) : i2 + CONTEXT], new[max(j1 - CONTEXT, 0) : j2 + CONTEXT]


# ---------------------------------------------------------------- reports


def run_json(run: Run) -> dict:
    return {"by_lang": {k: asdict(v) for k, v in sorted(run.by_lang.items())},
            "by_source": {k: asdict(v) for k, v in sorted(run.by_source.items())},
            "total": asdict(total(run.by_lang.values())), "changed": run.changed, "timeouts": run.timeouts}  # fmt: skip


def total(rows: Iterable[Counts]) -> Counts:
    out = Counts()
    for row in rows:
        for key, value in asdict(row).items():
            setattr(out, key, getattr(out, key) + value)
    return out


def print_half(half: str, runs: dict[str, Run], coverage: dict, show: int) -> None:
    covered = "complete" if coverage["complete"] else "STOPPED BY THE TIME BUDGET"
    print(f"\n=== half {half}: {coverage['documents']} documents, {coverage['paragraphs']} paragraphs; "
          f"{coverage['units_done']}/{coverage['units']} units of work done ({covered})")  # fmt: skip
    for name, run in runs.items():
        overall = total(run.by_lang.values())
        speed = overall.bytes / 1e6 / overall.seconds if overall.seconds else 0.0
        print(f"\n--- config {name}: {overall.documents_changed}/{overall.documents} documents changed, "
              f"{overall.paragraphs_changed}/{overall.paragraphs} paragraphs changed, {overall.timed_out} timed out; "
              f"{overall.bytes / 1e6:.2f} MB in {overall.seconds:.1f} s = {speed:.2f} MB/s")  # fmt: skip
        print_table("lang", run.by_lang, changed_only=True)
        print_table("source", run.by_source, changed_only=False)
        print_examples(run, show)


def print_table(key: str, rows: dict[str, Counts], changed_only: bool) -> None:
    """Rows with changes (or every row), as 'docs changed/checked  paras changed/checked'."""
    shown = {k: v for k, v in sorted(rows.items()) if not changed_only or v.documents_changed or v.paragraphs_changed}
    label = f"{key} (only those with changes)" if changed_only else key
    print(f"{label:<34} {'docs chg/chk':>13} {'paras chg/chk':>14} {'timeouts':>8} {'MB/s':>7}")
    for name, c in shown.items():
        speed = c.bytes / 1e6 / c.seconds if c.seconds else 0.0
        print(f"{name:<34} {c.documents_changed:>6}/{c.documents:<6} {c.paragraphs_changed:>6}/{c.paragraphs:<7}"
              f" {c.timed_out:>8} {speed:>7.2f}")  # fmt: skip
    if not shown:
        print("  (none)")


def print_examples(run: Run, show: int) -> None:
    """The first `show` differences, documents first: where, before -> after."""
    ordered = sorted(run.changed, key=lambda c: c["kind"] != "document")
    printed = 0
    for entry in ordered:
        for diff in entry["differences"]:
            if printed >= show:
                return
            print(f"  [{entry['kind'][0]}] {entry['doc_id']} @{diff['at']}: {diff['before']!r} -> {diff['after']!r}")
            printed += 1


if __name__ == "__main__":
    sys.exit(main())
