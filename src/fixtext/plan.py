"""Replaying plans: every step is a small list of ``(action, parameter)`` operations.

Actions:

``markers`` str → str: the named character, which a decoder wrote for lost bytes, becomes U+FFFD
``encode``  str → bytes with the named codec (U+FFFD, a lost byte, encodes to nothing)
``splice``  bytes → bytes: ``(start, end, hex)`` replaces ``data[start:end]``
``decode``  bytes → str with the named codec, strictly
``ftfy``    str → str: an ftfy plan, replayed by ``ftfy.apply_plan``
``literal`` str → str: the parameter itself (used by normalization rules)
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter
from typing import Any

import ftfy

from .model import Op, Step


class PlanError(ValueError):
    """A plan step cannot be applied to the text it was given."""


def _markers(value: Any, marker: str) -> str:
    return value.replace(marker, "\ufffd")


def _encode(value: Any, codec: str) -> bytes:
    return value.replace("\ufffd", "").encode(codec)


def _splice(value: Any, param: tuple[int, int, str]) -> bytes:
    start, end, hexbytes = param
    return value[:start] + bytes.fromhex(hexbytes) + value[end:]


def _decode(value: Any, codec: str) -> str:
    return value.decode(codec)


def _ftfy(value: Any, plan: tuple[tuple[str, str], ...]) -> str:
    return ftfy.apply_plan(value, [tuple(op) for op in plan])


def _literal(value: Any, replacement: str) -> str:
    return replacement


_ACTIONS = {
    "markers": _markers,
    "encode": _encode,
    "splice": _splice,
    "decode": _decode,
    "ftfy": _ftfy,
    "literal": _literal,
}


def run_ops(text: str, ops: Iterable[Op]) -> str:
    """Apply one step's operations to the span it covers."""
    value: Any = text
    for action, param in ops:
        try:
            value = _ACTIONS[action](value, param)
        except KeyError:
            raise PlanError(f"unknown plan action {action!r}") from None
        except (UnicodeError, TypeError, ValueError) as exc:
            raise PlanError(f"cannot {action} {param!r}: {exc}") from exc
    if not isinstance(value, str):
        raise PlanError("plan ends with bytes; a plan must end by decoding to text")
    return value


_START = attrgetter("start")


def apply_stage(text: str, steps: Iterable[Step], replay: bool = True) -> str:
    """Apply non-overlapping steps that all index the same text.

    With ``replay`` each step's operations are run on the span; without, the
    step's recorded ``after`` is spliced in (what the pipeline does).
    """
    out = []
    cursor = 0
    for step in sorted(steps, key=_START):
        if step.start < cursor or step.end > len(text):
            raise PlanError(f"step at {step.start}:{step.end} does not fit the text")
        out.append(text[cursor : step.start])
        out.append(run_ops(text[step.start : step.end], step.ops) if replay else step.after)
        cursor = step.end
    out.append(text[cursor:])
    return "".join(out)


def apply_plan(text: str, plan: Iterable[Step]) -> str:
    """Replay a plan (the ``steps`` of an :class:`~fixtext.Explained`) on ``text``.

    Each step's operations run on the same span of ``text`` that they ran on
    when the plan was made, stage by stage, so a plan made from one text can be
    replayed on another with the same layout.  Raises :class:`PlanError` when a
    step cannot be applied.
    """
    for _stage, steps in groupby(plan, key=lambda s: s.stage):
        text = apply_stage(text, list(steps))
    return text
