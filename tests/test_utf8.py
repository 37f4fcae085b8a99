from fixtext.utf8 import error_spans, find_gaps, sequence_length


def test_sequence_length():
    assert [sequence_length(b) for b in (0x41, 0xC3, 0xE2, 0xF0, 0x80, 0xC0, 0xF5)] == [1, 2, 3, 4, 0, 0, 0]


def test_error_spans_are_maximal_subparts():
    assert error_spans(b"ok") == []
    assert error_spans(b"a\xe2\x80 b") == [(1, 3)]
    assert error_spans(b"\x80\x80") == [(0, 1), (1, 2)]


def test_one_missing_continuation_byte():
    gaps, broken = find_gaps(b"It\xe2\x80 ok")
    assert broken == []
    [gap] = gaps
    assert (gap.pos, gap.seq_start, gap.seq_end) == (4, 2, 4)
    assert len(gap.choices) == 64  # E2 80 xx is U+2000..U+203F
    assert b"\x9d" in gap.choices


def test_two_missing_continuation_bytes():
    [gap], broken = find_gaps(b"\xe2 ")
    assert broken == [] and {len(f) for f in gap.choices} == {2}
    assert b"\x80\x9d" in gap.choices


def test_missing_lead_byte():
    [gap], broken = find_gaps(b"\xb8\xad")  # the tail of U+4E2D
    assert broken == [] and gap.pos == 0
    assert b"\xe4" in gap.choices
    assert all(0xE0 <= fill[0] <= 0xEF for fill in gap.choices if len(fill) == 1)


def test_missing_lead_and_continuation():
    [gap], broken = find_gaps(b"\x99W")  # the last byte of U+2019 before an ASCII letter
    assert broken == [] and b"\xe2\x80" in gap.choices


def test_bytes_utf8_never_uses_are_unmendable():
    gaps, broken = find_gaps(b"a\xff b")
    assert gaps == [] and broken == [(1, 2)]
