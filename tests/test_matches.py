"""Matches: a pattern's matches by one split, the same as finditer's."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixtext.codecdata import NON_ASCII_RUN
from fixtext.layers import legacy
from fixtext.matches import Matches, splitting

_TEXT = st.text(alphabet=st.sampled_from("ab \n中文éß’?\ufffd\U0001f600\ud800"), max_size=40)


def _as_finditer(found, pattern, text):
    assert found.strings == [match.group() for match in pattern.finditer(text)]
    assert found.spans() == [match.span() for match in pattern.finditer(text)]


@pytest.mark.parametrize("pattern", [NON_ASCII_RUN, legacy._CJK_LINE, re.compile("a|b?")], ids=["runs", "lines", "empty"])
@given(text=_TEXT)
def test_matches_are_finditers(pattern, text):
    _as_finditer(Matches.of(splitting(pattern), text), pattern, text)


@pytest.mark.parametrize(
    "separators, pattern",
    [("[\\x00-\\x7f]+", NON_ASCII_RUN), ("[ab]+", re.compile("[^ab]+")), ("\n+", re.compile("[^\n]+"))],
    ids=["non-ASCII runs", "letters", "lines"],
)
@given(text=_TEXT)
def test_stretches_between_separators_are_the_complements_matches(separators, pattern, text):
    _as_finditer(Matches.between(splitting(re.compile(separators)), text), pattern, text)


def test_a_capturing_pattern_is_refused():
    with pytest.raises(ValueError, match="capture"):
        splitting(re.compile("(a)b"))


def test_the_multibyte_layers_runs_are_the_non_ascii_runs():
    from fixtext.layers.multibyte import _SPLIT_BY_ASCII, _AllRuns

    runs = _AllRuns.between(_SPLIT_BY_ASCII, "ab中文 é\n’x")
    assert runs.strings == ["中文", "é", "’"]
    assert runs.spans() == [(2, 4), (5, 6), (7, 8)]
    assert runs.judged == {}


# Beyond the count from which runs are narrowed first: a word of one or two characters each.
_MANY_RUNS = st.lists(st.text(alphabet=st.sampled_from("中’éß\ufffda"), min_size=1, max_size=2), min_size=70, max_size=120).map(" ".join)


@given(text=st.one_of(_TEXT, _MANY_RUNS), marks=st.booleans())
def test_runs_holding_a_pattern_are_found_once_and_alike(text, marks):
    from fixtext.layers.multibyte import _SPLIT_BY_ASCII, _AllRuns

    pattern = re.compile("[中’]")
    runs = _AllRuns.between(_SPLIT_BY_ASCII, text)
    runs.any_start = re.compile("[中’éß]")  # a class holding the pattern's, as every codec's start characters do
    expected = [i for i, run in enumerate(runs.strings) if pattern.search(run) or (marks and "\ufffd" in run)]
    assert runs.holding(pattern, marks) == expected
    assert runs.holding(pattern, marks) is runs.holding(pattern, marks)


@given(text=_TEXT, data=st.data())
def test_the_spans_of_some_matches_are_theirs_among_all(text, data):
    found = Matches.between(splitting(re.compile("[\\x00-\\x7f]+")), text)
    every = found.spans()
    indexes = data.draw(st.lists(st.integers(0, len(every) - 1), unique=True).map(sorted) if every else st.just([]))
    assert found.spans(indexes) == [every[i] for i in indexes]
    assert found.spans(iter(indexes)) == [every[i] for i in indexes]
