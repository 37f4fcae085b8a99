"""Where a byte string stops being UTF-8, and which single bytes would mend it.

A wrong decode that loses bytes leaves UTF-8 with gaps.  Each gap shows up as a
decode error of one of two shapes: a sequence cut short (its last continuation
byte is missing) or continuation bytes with no lead (the lead is missing).
Both are mended by inserting one byte; the candidates for that byte are few
once UTF-8's own rules are applied.
"""

from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass
from functools import lru_cache

_local = threading.local()


def _record(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _local.errors.append((exc.start, exc.end))
    return "", exc.end


codecs.register_error("fixtext-record", _record)


def error_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges CPython's UTF-8 decoder rejects (maximal subparts, as it reports them)."""
    _local.errors = []
    data.decode("utf-8", "fixtext-record")
    spans, _local.errors = _local.errors, []
    return spans


def sequence_length(lead: int) -> int:
    """Length of the UTF-8 sequence ``lead`` starts; 0 for a continuation or invalid byte."""
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def is_continuation(byte: int) -> bool:
    return 0x80 <= byte <= 0xBF


@dataclass(frozen=True)
class Gap:
    """Bytes missing at ``pos`` in a byte string, and the fillings UTF-8 allows there."""

    pos: int
    choices: tuple[bytes, ...]  # the bytes that may have been lost here
    seq_start: int  # where the UTF-8 sequence containing the gap starts
    seq_end: int  # where it ends, without the missing bytes



def is_utf8(data: bytes) -> bool:
    """Is ``data`` well-formed UTF-8?"""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_CONTINUATIONS = tuple(bytes((b,)) for b in range(0x80, 0xC0))
_FILLS = {1: _CONTINUATIONS, 2: tuple(a + b for a in _CONTINUATIONS for b in _CONTINUATIONS)}


@lru_cache(maxsize=1024)
def _completions(head: bytes, missing: int) -> tuple[bytes, ...]:
    """The ``missing``-byte endings that make ``head`` one valid UTF-8 character."""
    return tuple(f for f in _FILLS[missing] if is_utf8(head + f))


@lru_cache(maxsize=1024)
def _leads(conts: bytes) -> tuple[bytes, ...]:
    """The beginnings that make ``conts`` one valid UTF-8 character: a lead byte,
    or a lead and a continuation byte (a decoder may lose both: cp949 drops
    E2 80 and keeps 99 as the lead of a character ending in an ASCII letter)."""
    leads = [bytes((b,)) for b in range(0xC2, 0xF5)]
    # Two lost bytes are only considered for the punctuation and symbol
    # block (E2): what English text loses this way.
    longer = [b"\xe2" + cont for cont in _CONTINUATIONS] if len(conts) == 1 else []
    return tuple(f for f in leads + longer if is_utf8(f + conts))


def find_gaps(data: bytes) -> tuple[list[Gap], list[tuple[int, int]]]:
    """Split UTF-8 errors in ``data`` into gaps and unmendable spans.

    A sequence cut short may lack one or two continuation bytes (a decoder
    that loses 0x80 at a lead position loses the byte after it too); orphan
    continuation bytes lack their lead.
    """
    gaps: list[Gap] = []
    broken: list[tuple[int, int]] = []
    spans = error_spans(data)
    i = 0
    while i < len(spans):
        start, end = spans[i]
        need = sequence_length(data[start])
        missing = need - (end - start)
        if need > 1 and missing in _FILLS:
            choices = _completions(data[start:end], missing)
            gaps.append(Gap(end, choices, start, end)) if choices else broken.append((start, end))
            i += 1
            continue
        if is_continuation(data[start]):
            # Orphan continuation bytes (each its own error span): the lead is missing.
            last = i
            while last + 1 < len(spans) and spans[last + 1][0] == spans[last][1] and last - i < 2:
                last += 1
            run_end = spans[last][1]
            conts = data[start:run_end]
            if all(map(is_continuation, conts)) and len(conts) <= 3:
                choices = _leads(conts)
                if choices:
                    gaps.append(Gap(start, choices, start, run_end))
                    i = last + 1
                    continue
        broken.append((start, end))
        i += 1
    return gaps, broken
