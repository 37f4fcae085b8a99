"""The records fixtext returns: repair steps, explanations and findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class ErrorMode(str, enum.Enum):
    """How the wrong decoder treated bytes it could not decode."""

    STRICT = "strict"  # nothing was lost: every byte became a character
    IGNORE = "ignore"  # Python errors="ignore": bad bytes dropped
    REPLACE = "replace"  # Python errors="replace": one U+FFFD per bad byte
    QMARK = "replace-?"  # Windows code pages, Java getBytes: '?' per bad byte
    WHATWG = "whatwg"  # browsers: U+FFFD, a bad lead swallows a non-ASCII trail

    def __str__(self) -> str:
        return self.value


#: One operation of a replayable plan: ``(action, parameter)``.
Op = tuple[str, Any]


@dataclass(frozen=True)
class Step:
    """One change fixtext made, with everything needed to explain and replay it.

    ``start``/``end`` index the text as it was when this step's stage ran;
    ``stage`` orders the stages (stage 0 sees the caller's input).
    ``source_start``/``source_end`` index the caller's original input.
    """

    start: int
    end: int
    before: str
    after: str
    layer: str
    chain: tuple[str, ...]
    errors: ErrorMode
    confidence: float
    ops: tuple[Op, ...]
    stage: int = 0
    inferred: tuple[int, ...] = ()  # offsets in ``after`` of inferred characters (or of U+FFFD marks)
    source_start: int = -1
    source_end: int = -1
    rule: str = ""  # for normalization steps: the rule that made the change

    def moved(self, **changes: Any) -> Step:
        """A copy with ``changes`` (positions, stage): :func:`dataclasses.replace`
        without re-running ``__init__``, which matters on text with a repair
        every few words (every field is kept as it is, so nothing needs
        checking again)."""
        copy = object.__new__(Step)
        fields = self.__dict__.copy()  # (copying the dict whole and setting it is the fastest way)
        fields.update(changes)
        object.__setattr__(copy, "__dict__", fields)
        return copy

    @property
    def chain_label(self) -> str:
        """The codec chain as people write it, e.g. ``utf-8 → gbk``."""
        return " → ".join(self.chain)

    @property
    def is_inferred(self) -> bool:
        return bool(self.inferred)

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "stage": self.stage,
            "before": self.before,
            "after": self.after,
            "layer": self.layer,
            "rule": self.rule,
            "chain": self.chain_label,
            "errors": self.errors.value,
            "confidence": round(self.confidence, 4),
            "inferred": list(self.inferred),
            "ops": [list(op) for op in self.ops],
        }


@dataclass(frozen=True)
class Explained:
    """The repaired text and the steps that produced it.

    For bytes input, ``encoding`` and ``encoding_confidence`` say how the
    bytes were read before the repair.
    """

    text: str
    steps: tuple[Step, ...] = field(default_factory=tuple)
    encoding: str | None = None
    encoding_confidence: float | None = None

    @property
    def plan(self) -> tuple[Step, ...]:
        """The steps, in the order ``apply_plan`` replays them."""
        return self.steps

    @property
    def changed(self) -> bool:
        return bool(self.steps)


@dataclass(frozen=True)
class Finding:
    """A step located in the caller's input, for reports that change nothing."""

    line: int  # 1-based
    column: int  # 1-based, in characters
    step: Step

    @property
    def before(self) -> str:
        return self.step.before

    @property
    def after(self) -> str:
        return self.step.after

    @property
    def confidence(self) -> float:
        return self.step.confidence
