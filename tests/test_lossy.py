import pytest

from fixtext.layers.lossy import choose, rank

GENERAL_PUNCTUATION = [chr(cp) for cp in range(0x2000, 0x2040)]


def best(left, right, candidates=GENERAL_PUNCTUATION):
    return rank(candidates, left, right)[0][0]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("She called it “the best year", " of her life", "”"),  # an open quote wants closing
        ("The lawyers", " fees were paid.", "’"),  # no open quote: an apostrophe
        ("Revenue grew 1990", "1995 by half", "–"),  # digit–digit: en dash
        ("We waited", " and waited", "…"),  # a word-final apostrophe follows an s
        ("It was over ", " or so we thought", "—"),  # spaced dash
        ("", " first item", "•"),  # a bullet opens a line
        ("songs of the ", "80s and more", "’"),  # ’80s
        ("“Well…", " she said", "”"),  # closing after an ellipsis
        ("He said ‘no", " and left", "’"),  # single quotes pair too
    ],
)
def test_context_picks_the_lost_character(left, right, expected):
    assert best(left, right) == expected


def test_probabilities_sum_to_one_and_reflect_ambiguity():
    ranked = rank(GENERAL_PUNCTUATION, "the players", " union")
    assert abs(sum(p for _, p in ranked) - 1.0) < 1e-9
    assert ranked[0][1] < 0.99  # an apostrophe is likely, never certain
    assert [c for c, _ in ranked][:1] == ["’"]


def test_quote_state_is_per_paragraph():
    assert best("“Open quote in one paragraph\nA new paragraph about the players", " union") == "’"


def test_non_punctuation_candidates_are_ranked_by_plausibility():
    assert best("", "", ["丠", "中", "丢"]) == "中"


def test_punctuation_is_guessed_and_ideographs_are_not():
    assert choose(GENERAL_PUNCTUATION, "the players", " union", 0.25)[0] == "’"
    assert choose(["丠", "中"], "", "", 0.0) is None  # ideographs need statistics
    assert choose(GENERAL_PUNCTUATION, "x", "y", 0.99) is None  # not likely enough


def test_empty_candidates():
    assert rank([], "a", "b") == ()


# What Shift_JIS leaves possible for a lost second byte of C3: U+00C0..U+00E0.
AFTER_C3 = [chr(cp) for cp in range(0xC0, 0xE1) if chr(cp).isalpha()]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("Le garçon a déj", " mangé", "à"),  # lowercase inside a lowercase word
        ("Nous irons ", " la fête", "à"),  # the common one-letter word
        ("", "COLE", "É"),  # a capital starts the paragraph
    ],
)
def test_lost_accented_letters_follow_frequency_and_case(left, right, expected):
    assert choose(AFTER_C3, left, right, 0.0)[0] == expected


def test_ideographs_are_never_guessed_but_letters_are():
    assert choose(["中"], "", "", 0.0) is None
    assert choose(["é"], "caf", " ", 0.0) == ("é", 1.0)
