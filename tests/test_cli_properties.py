"""Invariants of the command's file handling, checked on generated text and bytes."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from fixtext.filesio import Encoding, Reader, encode_chunk
from fixtext.ignore import compile_patterns, ignored_spans
from fixtext.processing import process_stream
from fixtext.repairing import repair_chunk
from fixtext.settings import Settings
from tests import strategies as ts

line_endings = st.sampled_from(["\n", "\r\n", "\r", ""])
clean_lines = st.lists(st.tuples(ts.mixed, line_endings), min_size=1, max_size=12).map(
    lambda pairs: "".join(text + end for text, end in pairs)
)
#: English with punctuation, damaged the way GBK reads UTF-8.
damaged = ts.english.map(lambda t: t.encode("utf-8").decode("gbk", errors="ignore"))


def _gbk_strict(text: str) -> str:
    try:
        return text.encode("utf-8").decode("gbk")
    except UnicodeDecodeError:
        return text


#: The same, where no byte was lost: the repair needs no context beyond the damaged run.
losslessly_damaged = ts.english.map(_gbk_strict)
CODECS = ["utf-8", "utf-16-le", "gb18030", "cp932", "big5", "cp1252"]


def _run(data: bytes, chunk_size: int, **options) -> tuple[bytes, object]:
    out = io.BytesIO()
    result = process_stream(io.BytesIO(data), out, "x", Settings(chunk_size=chunk_size, **options), filter_mode=True)
    return out.getvalue(), result


@settings(max_examples=40)
@given(clean_lines, st.sampled_from(CODECS), st.integers(min_value=1024, max_value=1100))
def test_chunks_cover_the_data_exactly_and_know_their_lines(text, codec, chunk_size):
    text = (text * 40)[:4000]
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    reader = Reader(io.BytesIO(data), chunk_size, Encoding(codec))  # the cut rules are under test, not detection
    chunks = list(reader.chunks())
    assert b"".join(c.data for c in chunks) == data
    assert "".join(c.text for c in chunks) == data.decode(codec)
    for chunk in chunks:
        before = data.decode(codec)[: len(data[: chunk.offset].decode(codec))]
        assert chunk.line == before.count("\n") + 1
        assert chunk.column == len(before) - (before.rfind("\n") + 1)


@settings(max_examples=40)
@given(clean_lines, st.sampled_from(CODECS))
def test_unchanged_text_encodes_to_its_own_bytes(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    from fixtext.filesio import Chunk

    chunk = Chunk(data, text, 0, 1, 0)
    assert encode_chunk(chunk, text, Encoding(codec), Encoding(codec)) == data


@settings(max_examples=60)
@given(st.lists(st.tuples(st.one_of(damaged, ts.english), line_endings), min_size=1, max_size=30))
def test_write_is_idempotent(pairs):
    text = "".join(text + (end or "\n") for text, end in pairs)
    data = (text * (3000 // len(text) + 1)).encode("utf-8")
    once, _ = _run(data, 1 << 20)
    twice, result = _run(once, 1 << 20)
    assert twice == once and result.repairs == 0


@settings(max_examples=60)
@given(st.lists(st.tuples(st.one_of(losslessly_damaged, ts.english), line_endings), min_size=1, max_size=30))
def test_chunking_changes_nothing_when_the_damage_needs_no_context(pairs):
    # Inferring a lost byte may use the whole document (quote pairing, a
    # document's habits), so chunks may repair those differently; lossless
    # damage is repaired from the run alone, and chunking must not matter.
    text = "".join(text + (end or "\n") for text, end in pairs)
    data = (text * (3000 // len(text) + 1)).encode("utf-8")  # several chunks of 1 KiB
    whole, _ = _run(data, 1 << 20)
    chunked, _ = _run(data, 1024)
    assert chunked == whole  # the damage is line by line, so chunks on line breaks repair it alike


@given(st.binary(max_size=300), st.integers(min_value=1024, max_value=1500))
def test_arbitrary_bytes_never_raise(data, chunk_size):
    out, result = _run(data, chunk_size)
    assert result.error or result.skipped or out or not data.strip(b"\xef\xbb\xbf")


@given(st.lists(st.tuples(damaged, st.booleans()), min_size=1, max_size=10), st.booleans())
def test_ignored_lines_never_change(lines, regions):
    marker = "fixtext: off" if regions else "fixtext: ignore"
    text = "".join(f"{t} <!-- {marker} -->\n" if quiet else f"{t} <!-- fixtext: on -->\n" for t, quiet in lines)
    repaired, _ = repair_chunk(text, Settings(), None)
    spans, _ = ignored_spans(text, None)
    old_lines, new_lines = text.splitlines(), repaired.text.splitlines()
    for start, end in spans:
        for line in text[start:end].splitlines():
            assert line in new_lines
    assert len(old_lines) == len(new_lines)


@given(st.lists(damaged, min_size=1, max_size=5), st.sampled_from(["鈥", "re:鈥\\w", "re:[^ -~]+"]))
def test_ignored_strings_never_change(parts, entry):
    text = " ".join(parts)
    pattern = compile_patterns([entry])
    repaired, _ = repair_chunk(text, Settings(), pattern)
    for match in pattern.finditer(text):
        assert match.group() in repaired.text


@settings(max_examples=60)
@given(st.lists(damaged, min_size=1, max_size=8), st.floats(min_value=0.0, max_value=1.0))
def test_min_confidence_holds_for_every_finding(parts, threshold):
    repaired, _ = repair_chunk("\n".join(parts), Settings(min_confidence=threshold), None)
    assert all(f.confidence >= threshold for f in repaired.findings)


def test_a_filter_counts_its_repairs_without_holding_them():
    # Millions of findings in a big file must not pile up in memory when
    # nothing will print them one by one.
    data = ("It鈥檚 fine.\n" * 500).encode("utf-8")
    out, result = _run(data, 1024)
    assert out == ("It’s fine.\n" * 500).encode("utf-8")
    assert result.repairs == 500 and result.findings == []
