"""The census answers the layers' "could there be anything here?" without missing anything."""

from hypothesis import given
from hypothesis import strategies as st

from fixtext import census
from fixtext.layers import legacy

_HIGH = [chr(c) for c in range(0x80, 0x100)] + list("‘’“”–—…•€™ŒœŠšŸŽžƒˆ˜")
_ALPHABET = _HIGH + list("aZ@~ .,?!\n\t0") + ["中", "한", "ア", "\u2e80", "\ud800", "\U0001f600", "\ufffd"]
soup = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60)
sparse = st.lists(st.one_of(soup, st.text(alphabet="abc def\n", max_size=30)), max_size=8).map("".join)


@given(st.one_of(soup, sparse, st.text()))
def test_non_ascii_is_every_non_ascii_character_in_order(text):
    assert census.of(text).non_ascii == "".join(ch for ch in text if ord(ch) >= 0x80)


@given(st.one_of(soup, sparse, st.text()))
def test_cjk_says_whether_the_text_holds_a_cjk_character(text):
    assert census.of(text).cjk == any("\u2e80" <= ch <= "\ud7ff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" for ch in text)


@given(st.one_of(soup, sparse, st.text()))
def test_shape_has_one_byte_per_character(text):
    shape = census.of(text).shape
    assert len(shape) == len(text)
    for ch, kind in zip(text, shape):
        if ch in _HIGH:
            assert kind == ord("H")
        elif "\x40" <= ch <= "\x7e":
            assert kind == ord("a")
        elif ch == " ":
            assert kind == ord("s")


@given(st.one_of(soup, sparse))
def test_no_pair_in_the_census_means_no_single_byte_span(text):
    if not census.of(text).may_hold_single_byte_pairs():
        assert not legacy._SINGLE_BYTE_SPAN.search(text)
        assert not legacy._SPACED_SINGLE_BYTE_SPAN.search(text)


def test_clean_prose_has_no_pairs_and_damage_has():
    assert not census.of("“It’s late,” she said — and left… Café, naïve.").may_hold_single_byte_pairs()
    for damaged in ("ÖÐÎÄ", "¤¤¤å", "¬O ¥Î"):
        assert census.of(f"see {damaged} here").may_hold_single_byte_pairs()


def test_the_last_census_is_remembered():
    text = "abc “def”"
    assert census.of(text) is census.of(text)
    assert census.of(text + "!") is not census.of(text)


@given(st.one_of(soup, sparse, st.text(alphabet="ab 中文한국é’", max_size=30)))
def test_wide_by_letter_is_a_wide_character_beside_a_letter_from_either_side(text):
    found = census.of(text)
    shape = found.shape
    neighbours = {shape[i : i + 2] for i in range(len(shape) - 1)}
    plainly = bool(neighbours & {b"ac", b"ca", b"aH", b"Ha"})
    assert found.may_hold_wide_by_letter() == plainly
    for pattern in (census._LETTER_BY_WIDE, census._WIDE_BY_LETTER):
        assert (pattern.search(shape) is not None) == plainly
