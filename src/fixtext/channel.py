"""The noisy channel: each wrong decode modelled as a known function ``bytes -> str``.

A :class:`Channel` is "these bytes were really ``source``, and somebody decoded
them as ``codec`` with error mode ``errors``".  Repairs are only admissible when
running :meth:`Channel.decode` on the proposed original reproduces the damaged
text exactly, so the error handlers here must behave like the decoders people
actually meet.  They are registered with :mod:`codecs` so the decode itself
runs inside CPython's C codecs.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

from .model import ErrorMode

REPLACEMENT = "\ufffd"

# Lead bytes of two-byte characters, per codec.  Browsers (WHATWG Encoding)
# consume a non-ASCII byte that follows an invalid lead together with it; an
# ASCII byte is put back and decoded on its own, exactly as CPython does.
_LEAD_BYTES: dict[str, range | tuple[int, ...]] = {
    "gbk": range(0x81, 0xFF),
    "gb18030": range(0x81, 0xFF),
    "gb2312": range(0xA1, 0xF8),
    "big5": range(0x81, 0xFF),
    "cp950": range(0x81, 0xFF),
    "shift_jis": (*range(0x81, 0xA0), *range(0xE0, 0xFD)),
    "cp932": (*range(0x81, 0xA0), *range(0xE0, 0xFD)),
    "euc_jp": (0x8E, 0x8F, *range(0xA1, 0xFF)),
    "euc_kr": range(0x81, 0xFF),
    "cp949": range(0x81, 0xFF),
}


def _qmark_handler(exc: UnicodeError) -> tuple[str, int]:
    if isinstance(exc, UnicodeDecodeError):
        return "?", exc.end
    raise exc


def _whatwg_handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    data, start, end = exc.object, exc.start, exc.end
    leads = _LEAD_BYTES.get(codecs.lookup(exc.encoding).name, ())
    if end - start == 1 and data[start] in leads and end < len(data) and data[end] >= 0x80:
        end += 1
    return REPLACEMENT, end


codecs.register_error("fixtext-qmark", _qmark_handler)
codecs.register_error("fixtext-whatwg", _whatwg_handler)

_HANDLERS = {
    ErrorMode.STRICT: "strict",
    ErrorMode.IGNORE: "ignore",
    ErrorMode.REPLACE: "replace",
    ErrorMode.QMARK: "fixtext-qmark",
    ErrorMode.WHATWG: "fixtext-whatwg",
}

#: What the decoder leaves where it lost bytes ("" means: no trace).
MARKERS = {
    ErrorMode.STRICT: "",
    ErrorMode.IGNORE: "",
    ErrorMode.REPLACE: REPLACEMENT,
    ErrorMode.QMARK: "?",
    ErrorMode.WHATWG: REPLACEMENT,
}


class Channel(NamedTuple):
    """Bytes that were really ``source`` decoded as ``codec`` under ``errors``.

    (A named tuple: channels key caches and are compared all the time, and a
    tuple hashes and compares at C speed.)
    """

    codec: str
    errors: ErrorMode
    source: str = "utf-8"

    def decode(self, data: bytes) -> str:
        return _decoder(self.codec)(data, _HANDLERS[self.errors])[0]

    @property
    def marker(self) -> str:
        return MARKERS[self.errors]

    @property
    def chain(self) -> tuple[str, str]:
        return (self.source, self.codec)

    def reproduces(self, original: bytes, observed: str) -> bool:
        """The noisy-channel check: does the wrong decode of ``original`` give ``observed``?"""
        try:
            return self.decode(original) == observed
        except UnicodeDecodeError:
            return False

    def reproducing(self, heads: Iterable[bytes], follow: bytes, observed: str) -> list[bytes]:
        """The ``heads`` for which :meth:`reproduces` holds on ``head + follow``, in order.

        The channel check of every filling a gap allows (thousands, for a
        wholly lost character) in one loop, without a method call each.
        """
        decode, errors = _decoder(self.codec), _HANDLERS[self.errors]
        kept = []
        for head in heads:
            try:
                if decode(head + follow, errors)[0] == observed:
                    kept.append(head)
            except UnicodeDecodeError:
                pass
        return kept


@lru_cache(maxsize=64)
def _decoder(codec: str) -> Callable[[bytes, str], tuple[str, int]]:
    """The codec's own decode function: what ``bytes.decode`` calls, without looking
    the codec up by name on every call."""
    return codecs.getdecoder(codec)
