"""The knobs of a repair, in one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .model import ErrorMode

#: The repair layers, in the order each pass applies them.
LAYERS = ("multibyte", "legacy", "single-byte")

#: UTF-8 read as these codecs is repaired by default: the Chinese and Japanese
#: Windows code pages and their kin, where the damage leaves enough trace to
#: be repaired without touching clean text. Big5, EUC-JP and EUC-KR/cp949
#: are modelled too (name them in ``Config.codecs``); their damage mostly
#: leaves nothing to repair but markers, and their readings of clean text
#: are likelier to look plausible (docs/accuracy.md has the figures).
DEFAULT_CODECS = ("gbk", "gb18030", "gb2312", "shift_jis", "cp932")


@dataclass(frozen=True)
class Config:
    """What fixtext may change, and how sure it must be.

    ``layers``: which repair layers run (see :data:`LAYERS`).
    ``codecs``: the multibyte codecs UTF-8 may have been read as.
    ``error_modes``: which wrong-decoder behaviours are modelled.
    ``min_confidence``: steps below this confidence are not applied.
    ``min_inference``: a lost character is only guessed when the best candidate
    has at least this probability; otherwise one U+FFFD marks it.
    ``max_passes``: how many times the layers are re-applied, for chains.
    """

    layers: tuple[str, ...] = LAYERS
    codecs: tuple[str, ...] = DEFAULT_CODECS
    error_modes: frozenset[ErrorMode] = field(default_factory=lambda: frozenset(ErrorMode))
    min_confidence: float = 0.15
    min_inference: float = 0.25
    max_passes: int = 4

    def __post_init__(self) -> None:
        unknown = set(self.layers) - set(LAYERS)
        if unknown:
            raise ValueError(f"unknown layer(s): {', '.join(sorted(unknown))}; known: {', '.join(LAYERS)}")
        for codec in self.codecs:
            _check_codec(codec)
        if not 0.0 <= self.min_confidence <= 1.0 or not 0.0 <= self.min_inference <= 1.0:
            raise ValueError("min_confidence and min_inference must be between 0 and 1")
        if self.max_passes < 1:
            raise ValueError("max_passes must be at least 1")

    def with_(self, **changes: object) -> Config:
        """A copy with some knobs changed."""
        return replace(self, **changes)


def _check_codec(codec: str) -> None:
    from .codecdata import MULTIBYTE_CODECS

    if codec not in MULTIBYTE_CODECS:
        raise ValueError(f"unsupported codec {codec!r}; supported: {', '.join(MULTIBYTE_CODECS)}")


DEFAULT = Config()
