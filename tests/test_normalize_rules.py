"""Each normalization rule on its own: what it changes and what it leaves."""

from __future__ import annotations

import pytest

from fixtext.normalize import bidi, chars, cjk, dashes, quotes, spaces, width
from fixtext.normalize.rules import Rule


def run(rule: Rule, text: str) -> str:
    out, cursor = [], 0
    for start, end, after in rule.find(text):
        assert start >= cursor, "edits overlap"
        out += [text[cursor:start], after]
        cursor = end
    return "".join(out) + text[cursor:]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Hello," she said.', "“Hello,” she said."),
        ("It's 'fine', isn't it?", "It’s ‘fine’, isn’t it?"),
        ("the '90s and '60s", "the ’90s and ’60s"),
        ("in '1990' exactly", "in ‘1990’ exactly"),
        ("the players' union", "the players’ union"),
        ('("quoted")', "(“quoted”)"),
        ("O'Neill", "O’Neill"),
    ],
)
def test_curly_quotes_pair_by_context(text, expected):
    assert run(quotes.curly(), text) == expected


def test_straight_quotes_uncurl_like_ftfy():
    assert run(quotes.straight(), "“It’s ‚low‛ „here‟”") == "\"It's 'low' \"here\"\""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wait--what", "wait—what"),
        ("wait -- what", "wait — what"),
        ("pages 10-20", "pages 10–20"),
        ("1990-1995", "1990–1995"),
    ],
)
def test_typographic_dashes(text, expected):
    assert run(dashes.typographic_dashes(), text) == expected


@pytest.mark.parametrize(
    "text", ["ls --all", "--flag", "a --- b", "|---|---|", "2024-01-15", "1.5-2.5", "20-10", "COVID-19", "x---y"]
)
def test_typographic_dashes_leave_options_rulers_dates_and_falling_pairs(text):
    assert run(dashes.typographic_dashes(), text) == text


def test_ascii_dashes_and_minus():
    assert run(dashes.ascii_dashes(), "9–5, yes—no, non‑stop") == "9-5, yes--no, non-stop"
    assert run(dashes.ascii_minus(), "−5 °C") == "-5 °C"


def test_unicode_minus_only_before_a_lone_number():
    assert run(dashes.unicode_minus(), "it was -5 (or -3)") == "it was −5 (or −3)"
    assert run(dashes.unicode_minus(), "x-5, 3-4, COVID-19") == "x-5, 3-4, COVID-19"


def test_ellipsis_both_ways():
    assert run(dashes.unicode_ellipsis(), "well... no.... ok..") == "well… no.... ok.."
    assert run(dashes.ascii_ellipsis(), "well…") == "well..."


def test_ascii_spaces():
    text = "a\u00a0b\u202fc\u2009d\u2007e\u3000f"
    assert run(spaces.ascii_spaces(), text) == "a b c d e f"


def test_invisibles_removed_but_joiners_kept_where_they_spell():
    assert run(spaces.remove_invisibles(), "zero\u200bwidth\u2060x a\u200db") == "zerowidthx ab"
    assert run(spaces.remove_invisibles(), "\ufeffstart mid\ufeffdle") == "\ufeffstart middle"
    family = "👩\u200d👩\u200d👧"
    assert run(spaces.remove_invisibles(), family) == family
    persian = "می\u200cخواهم"
    assert run(spaces.remove_invisibles(), persian) == persian
    hindi = "क्\u200dष"
    assert run(spaces.remove_invisibles(), hindi) == hindi


def test_line_endings():
    assert run(spaces.lf_line_endings(), "a\r\nb\rc\u2028d\u2029e\x85f") == "a\nb\nc\nd\ne\nf"


def test_width_letters_and_katakana():
    assert run(width.letters(), "ＡＢＣ１２３ ｶﾞｷﾞｸｹｺ") == "ABC123 ガギクケコ"
    assert run(width.letters(), "中文，（注）") == "中文，（注）"  # punctuation is judged by context
    assert run(width.every_width(), "ＬＯＵＤ　ＮＯＩＳＥ！") == "LOUD NOISE!"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello，world！", "Hello, world!"),
        ("Yes（really）", "Yes (really)"),
        ("我们，他们。", "我们，他们。"),
        ("用Python，也用Go。", "用Python，也用Go。"),
    ],
)
def test_punctuation_to_half_between_latin_words_only(text, expected):
    assert run(cjk.punctuation_to_half(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们,他们.", "我们，他们。"),
        ("你好, 世界!", "你好，世界！"),
        ("注意(重要)", "注意（重要）"),
        ("版本3.0,很好", "版本3.0,很好"),
        ("文件名.txt", "文件名.txt"),
        ("等等...", "等等..."),
        ("Hello，world", "Hello, world"),
    ],
)
def test_punctuation_by_context_goes_full_width_inside_cjk(text, expected):
    assert run(cjk.punctuation_by_context(), text) == expected


def test_cjk_latin_spacing():
    assert run(cjk.cjk_latin_spacing(), "使用Python3开发") == "使用 Python3 开发"
    assert run(cjk.cjk_latin_spacing(), "日本語のAPIです") == "日本語の API です"
    assert run(cjk.cjk_latin_spacing(), "已有 Python 空格，好") == "已有 Python 空格，好"


def test_ligatures_and_unicode_form():
    assert run(chars.latin_ligatures(), "ﬁne ﬂuﬀy") == "fine fluffy"
    assert run(chars.unicode_form("NFC"), "cafe\u0301 \u212b") == "café Å"
    assert run(chars.unicode_form("NFC"), "ﬁ ＡＢ") == "ﬁ ＡＢ"  # compatibility forms only with NFKC
    assert run(chars.unicode_form("NFKC"), "ﬁ ＡＢ") == "fi AB"


def test_controls_and_terminal_escapes():
    assert run(chars.remove_controls(), "a\x00b\x07c\td\ne\x7f") == "abc\td\ne"
    assert run(chars.remove_c1_controls(), "a\x81b\x9fc\x85") == "abc\x85"
    assert run(chars.c1_as_cp1252(), "tur\x92stico") == "tur’stico"
    assert run(chars.remove_terminal_escapes(), "\x1b[31mred\x1b[0m") == "red"


def test_html_entities_unescaped_except_on_lines_with_tags():
    assert run(chars.unescape_html(), "caf&eacute; &amp; co\n<b>&amp;</b>") == "café & co\n<b>&amp;</b>"
    assert run(chars.unescape_html(), "this&not that") == "this&not that"


def test_surrogates():
    assert run(chars.fix_surrogates(), "a\ud83d\udca9b\udca9") == "a💩b\ufffd"


def test_bidi_controls():
    text = "if x\u202e // comment \u2066y\u2069"
    assert run(bidi.remove_bidi_controls(), text) == "if x // comment y"
    assert [edit[0] for edit in bidi.find_bidi_controls(text)] == [4, 17, 19]
    assert run(bidi.remove_bidi_controls(), "שלום\u200f") == "שלום\u200f"  # RLM is for RTL text, not an attack
