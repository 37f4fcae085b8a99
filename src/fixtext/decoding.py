"""Bytes in: find the encoding a file was written in, then hand the text to the repair.

Order of evidence: a byte-order mark settles it; valid UTF-8 is UTF-8; NUL
bytes mean binary; otherwise charset-normalizer proposes encodings and
fixtext re-ranks their decodings with its own plausibility model, which is
much better on short CJK text (a short GBK string often looks like Big5 or
cp949 to a statistical detector, but reads as nonsense in those).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from . import score

#: Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Encodings fixtext always considers besides charset-normalizer's proposals.
LEGACY_ENCODINGS = ("gb18030", "big5", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "cp1252", "latin-1")

#: How much of the input the detector reads (plausibility is per character).
_SAMPLE = 64 * 1024


class InputError(ValueError):
    """Bytes fixtext will not treat as text."""


class BinaryInputError(InputError):
    """The bytes look like a binary file (they contain NUL bytes)."""


class UndecodableInputError(InputError):
    """No known encoding decodes the bytes."""


@dataclass(frozen=True)
class Detection:
    """The encoding fixtext read some bytes with, and how sure it is."""

    encoding: str
    confidence: float
    bom: bool = False


def _bom(data: bytes) -> str | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    return None


def _proposals(data: bytes) -> list[str]:
    """charset-normalizer's candidate encodings, then fixtext's own list."""
    from charset_normalizer import from_bytes

    names = [match.encoding for match in from_bytes(data)]
    return list(dict.fromkeys([*names, *LEGACY_ENCODINGS]))


def _sample(data: bytes) -> bytes:
    """The start of the data, cut at a line break so no character is cut in two."""
    if len(data) <= _SAMPLE:
        return data
    cut = data.rfind(b"\n", 0, _SAMPLE)
    return data[: cut + 1] if cut > 0 else data[:_SAMPLE]


def _rank(data: bytes) -> list[tuple[float, str, str]]:
    """(cost, encoding, text) for each encoding that decodes the sample strictly, cheapest first."""
    sample = _sample(data)
    seen: dict[str, tuple[float, str, str]] = {}
    for encoding in _proposals(sample):
        try:
            text = sample.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if text not in seen:  # gb2312, gbk and gb18030 often agree
            # Every reading explains the same bytes, so total costs compare directly.
            seen[text] = (score.cost(text), encoding, text)
    return sorted(seen.values())


def detect_encoding(data: bytes) -> Detection:
    """The encoding ``data`` was most plausibly written in.

    Raises :class:`BinaryInputError` for binary data and
    :class:`UndecodableInputError` when no encoding decodes it.
    """
    bom = _bom(data)
    if bom:
        return Detection(bom, 1.0, bom=True)
    if b"\x00" in data[:_SAMPLE]:
        raise BinaryInputError("the data contains NUL bytes: it looks binary, not text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Detection("utf-8", 1.0)
    ranked = _rank(data)
    if not ranked:
        raise UndecodableInputError("no known encoding decodes the data")
    best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else best[0] + 4.0
    # A clear lead in cost is a confident choice.
    confidence = round(1.0 - 0.5 ** max(runner_up - best[0], 0.0), 4)
    return Detection(best[1], confidence)


def decode_bytes(data: bytes) -> tuple[str, Detection]:
    """Decode ``data`` with :func:`detect_encoding`'s choice."""
    detection = detect_encoding(data)
    try:
        return data.decode(detection.encoding), detection
    except UnicodeDecodeError as exc:
        raise UndecodableInputError(
            f"{detection.encoding} decodes the start of the data but not byte {exc.start}"
        ) from exc
