"""The invariants: clean text unchanged, round trips, never raises, idempotence, replay."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import fixtext
from fixtext import charstats

from .strategies import chinese, chinese_gbk_safe, english, english_gbk_safe, japanese, korean, mixed, traditional

SETTINGS = settings()  # the profile's (tests/conftest.py)


@SETTINGS
@given(st.one_of(english, chinese, traditional, japanese, korean, mixed))
@example("# 目录")
@example("他说：“好的。”")
def test_clean_text_is_unchanged(text):
    assert fixtext.fix_text(text) == text


def _gbk_strict(text: str) -> str | None:
    try:
        return text.encode("utf-8").decode("gbk")
    except UnicodeDecodeError:
        return None


@settings(SETTINGS, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(english_gbk_safe, chinese_gbk_safe))
@example("It wasn’t “fine”.")
def test_round_trip_through_gbk(text):
    broken = _gbk_strict(text)
    assume(broken is not None and broken != text)
    assert fixtext.fix_text(broken) == text


ANY_TEXT = st.text(st.characters(exclude_categories=()))  # surrogates included
MOJIBAKE_ISH = st.text(alphabet="鈥檛淶渟拢茅窶弩 ?\ufffd\ud800ab1…’”“ÃÂ©â€\n")


@SETTINGS
@given(st.one_of(ANY_TEXT, MOJIBAKE_ISH))
def test_never_raises_and_is_idempotent(text):
    once = fixtext.fix_text(text)
    assert isinstance(once, str)
    assert fixtext.fix_text(once) == once


@SETTINGS
@given(st.one_of(english, chinese, mixed), st.sampled_from(["strict", "ignore", "replace", "fixtext-qmark"]))
def test_plan_replays_the_repair(text, errors):
    try:
        broken = text.encode("utf-8").decode("gbk", errors)
    except UnicodeDecodeError:
        broken = text
    explained = fixtext.fix_and_explain(broken)
    assert fixtext.apply_plan(broken, explained.steps) == explained.text
    assert fixtext.fix_text(broken) == explained.text  # fix_text keeps no steps, and gives the same text


@SETTINGS
@given(st.one_of(MOJIBAKE_ISH, english, mixed), st.sampled_from([None, "typographic", "ascii"]))
def test_fix_text_is_fix_and_explain_without_the_steps(text, normalize):
    assert fixtext.fix_text(text, normalize=normalize) == fixtext.fix_and_explain(text, normalize=normalize).text


@SETTINGS
@given(chinese, st.sampled_from(["ignore", "replace"]))
def test_lossy_chinese_repairs_never_invent_ideographs(text, errors):
    # Without character statistics a lost ideograph is marked, not guessed:
    # every ideograph of the output was in the original or already in the
    # damaged input. (Lost punctuation may be guessed; it is marked inferred.)
    broken = text.encode("utf-8").decode("gbk", errors)
    out = fixtext.fix_text(broken)
    ideographs = {ch for ch in out if "\u4e00" <= ch <= "\u9fff"}
    assert ideographs <= set(text) | set(broken)


def _strict(text: str, codec: str) -> str | None:
    try:
        return text.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return None


@settings(SETTINGS, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(english_gbk_safe, chinese_gbk_safe), st.sampled_from(["gb18030", "shift_jis", "cp932"]))
def test_round_trip_through_each_default_codec(text, codec):
    broken = _strict(text, codec)
    assume(broken is not None and broken != text)
    assert fixtext.fix_text(broken) == text


#: The 800 most frequent Simplified Chinese characters, from fixtext's own statistics.
FREQUENT_HANZI = "".join(sorted(charstats._table("zh_hans_chars.tsv"), key=charstats.unigram_cost)[:800])


@SETTINGS
@given(st.text(alphabet=FREQUENT_HANZI, min_size=4, max_size=30))
def test_round_trip_of_gbk_read_as_latin1(text):
    broken = text.encode("gbk").decode("latin-1")
    assert fixtext.fix_text(broken) == text
