from hypothesis import given
from hypothesis import strategies as st

from fixtext.affixes import changed_span


@given(st.text(max_size=20), st.text(max_size=20), st.text(max_size=20), st.text(max_size=20))
def test_the_changed_span_rebuilds_the_new_text_from_the_old(prefix, old_mid, new_mid, suffix):
    old, new = prefix + old_mid + suffix, prefix + new_mid + suffix
    start, old_end, new_end = changed_span(old, new)
    assert old[:start] + new[start:new_end] + old[old_end:] == new
    assert start <= min(len(old), len(new)) and old_end >= start and new_end >= start


def test_examples():
    assert changed_span("abcdef", "abXdef") == (2, 3, 3)
    assert changed_span("same", "same") == (4, 4, 4)
    assert changed_span("", "new") == (0, 0, 3)
