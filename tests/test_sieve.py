"""The sieve in front of ftfy's badness regex finds exactly what the regex finds."""

from ftfy.badness import BADNESS_RE
from hypothesis import given
from hypothesis import strategies as st

from fixtext.layers.sieve import COMMON_IN_CLEAN_TEXT, SIEVE, badness_matches

# Characters the badness regex is made of, ASCII that its classes use, and clean-text punctuation.
_PATTERN_CHARS = sorted({ch for ch in BADNESS_RE.pattern if ord(ch) >= 0x80})
_ALPHABET = _PATTERN_CHARS + list(COMMON_IN_CLEAN_TEXT) + list("aZ .,?!\n\t0_") + ["中", "é"]

mojibake_soup = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60)
sparse_soup = st.lists(st.one_of(mojibake_soup, st.text(alphabet="abc def\n", max_size=30)), max_size=8).map("".join)


def _spans(matches):
    return [match.span() for match in matches]


@given(st.one_of(mojibake_soup, sparse_soup))
def test_windowed_search_yields_the_same_matches_as_one_scan(text):
    assert _spans(badness_matches(text)) == _spans(BADNESS_RE.finditer(text))


@given(st.one_of(mojibake_soup, sparse_soup))
def test_no_sieve_hit_means_no_badness(text):
    if not SIEVE.search(text):
        assert not BADNESS_RE.search(text)


def test_clean_typography_passes_the_sieve():
    prose = "“It’s late,” she said — and left… • Café, naïve, Straße, año: 20 °C, © 2024, 5 € / £4."
    assert not SIEVE.search(prose)
    assert not BADNESS_RE.search(prose)


def test_russian_and_greek_prose_passes_the_sieve():
    # Their letters are in the badness regex only beside rarer characters (вЂ, β€, В¦В).
    prose = "Паром вышел из гавани в шесть. Το πλοίο έφυγε από το λιμάνι την αυγή."
    assert not SIEVE.search(prose)
    assert not BADNESS_RE.search(prose)


def test_mojibake_is_caught():
    for damaged in ("CafÃ© crÃ¨me", "donâ€™t", "вЂњquotedвЂќ"):
        assert SIEVE.search(damaged) and _spans(badness_matches(damaged)) == _spans(BADNESS_RE.finditer(damaged))
