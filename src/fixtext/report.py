"""What the command prints: findings (text or JSON Lines), unified diffs and the closing summary.

The JSON schema, one object per line and per finding, is stable:
``path`` ``line`` ``column`` (1-based, characters) ``layer`` ``rule``
``before`` ``after`` ``confidence`` ``chain`` ``errors`` ``inferred``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterable

from .model import Finding

_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")

_STYLES = {"path": "1", "before": "31", "after": "32", "dim": "2", "hunk": "36"}


def use_color(choice: str, stream) -> bool:
    """``always`` and ``never`` mean what they say; ``auto`` means a terminal, unless NO_COLOR is set."""
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


class Painter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if self.enabled and text else text


def finding_dict(path: str, finding: Finding) -> dict:
    step = finding.step
    return {
        "path": path,
        "line": finding.line,
        "column": finding.column,
        "layer": step.layer,
        "rule": step.rule,
        "before": step.before,
        "after": step.after,
        "confidence": round(step.confidence, 4),
        "chain": step.chain_label,
        "errors": step.errors.value,
        "inferred": list(step.inferred),
    }


def format_findings(path: str, findings: Iterable[Finding], fmt: str, explain: bool, paint: Painter) -> str:
    lines = []
    for finding in findings:
        if fmt == "json":
            lines.append(json.dumps(finding_dict(path, finding), ensure_ascii=False))
            continue
        step = finding.step
        kind = f"{step.layer}/{step.rule}" if step.rule else step.layer
        lines.append(
            f"{paint('path', f'{path}:{finding.line}:{finding.column}')}: {kind} "
            f"{paint('before', repr(step.before))} → {paint('after', repr(step.after))} "
            f"(confidence {step.confidence:.2f})"
        )
        if explain:
            detail = f"    {step.chain_label}, decoder errors: {step.errors.value}"
            if step.inferred:
                guessed = ", ".join(repr(step.after[i]) for i in step.inferred if i < len(step.after))
                detail += f"; inferred: {guessed}"
            lines.append(paint("dim", detail))
    return "".join(line + "\n" for line in lines)


def diff_header(path: str) -> str:
    return f"--- {path}\t(original)\n+++ {path}\t(repaired)\n"


def diff_hunks(old: str, new: str, first_line: int) -> str:
    """Unified-diff hunks (no header) for a chunk of a file that starts at ``first_line``."""
    shift = first_line - 1
    out = []
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), n=3)
    for line in list(lines)[2:]:  # the header comes once per file
        match = _HUNK.match(line)
        if match:
            a, b, c, d = match.groups()
            line = f"@@ -{int(a) + shift}{b or ''} +{int(c) + shift}{d or ''} @@\n"
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def color_diff(diff: str, paint: Painter) -> str:
    if not paint.enabled:
        return diff
    styled = []
    for line in diff.splitlines(keepends=True):
        body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "")
        if line.startswith(("---", "+++")):
            style = "path"
        else:
            style = {"-": "before", "+": "after", "@": "hunk"}.get(line[:1])
        styled.append((paint(style, body) if style else body) + end)
    return "".join(styled)


def summary(mode: str, changed: int, unchanged: int, skipped: int, errors: int, repairs: int) -> str:
    """One closing line, in the words of the mode: would be / were."""
    verb = {"write": "repaired", "report": "with findings"}.get(mode, "would be repaired")
    parts = [f"{_count(changed, 'file')} {verb}" + (f" ({_count(repairs, 'repair')})" if repairs else ""),
             f"{_count(unchanged, 'file')} unchanged"]  # fmt: skip
    if skipped:
        parts.append(f"{_count(skipped, 'file')} skipped")
    if errors:
        parts.append(_count(errors, "error"))
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"
