"""Repair that holds in every script, and clean text that stays clean.

The sentences are written for this test. The clean strings are shapes real
documents have (troff font escapes around CJK words, word lists with a
number per line, date formats): each of them was once "repaired".
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wordfreq

import fixtext
from fixtext import charstats, score

from .strategies import KANA

ALL_CODECS = fixtext.Config(codecs=("gbk", "gb18030", "gb2312", "big5", "cp950", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949"))

SENTENCES = {
    "ru": "Завтра утром поезд уходит в семь часов.",
    "uk": "Ми зустрінемося біля старої бібліотеки.",
    "bg": "Котката спи на топлия перваз цял ден.",
    "el": "Το λεωφορείο άργησε πάλι σήμερα το πρωί.",
    "he": "הספרייה נפתחת מחר בשעה תשע בבוקר.",
    "ar": "يفتح المتجر أبوابه في الساعة التاسعة صباحا.",
    "fr": "« Où est la gare ? » demanda l’étudiant.",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_utf8_read_as_gbk_is_repaired_in_every_script(lang):
    original = SENTENCES[lang]
    damaged = original.encode("utf-8").decode("gbk")
    assert damaged != original
    assert fixtext.fix_text(damaged) == original


CLEAN = [
    "0天0",
    "0么",
    "\\fI系统\\fP",
    "\\fB\\-M\\fP \\fI路径\\fP\\|]",
    "参见\n\\fB默认值\\fP 一节",
    "以下にある\\fI全\\fRパッケージ",
    "巍巍\t2.1\n碌碌\t0.5\n庐江\t1.7\n",
    "%Y年%m月%d日",
    "--mode=模式",
    "git add ‹路径>",
    "《中國Linux論壇man手冊頁翻譯計劃》",
    "使用Python开发",
    "預設值是5(即RGB值5x5x5)",  # GBK 值 is UTF-8 ֵ, a Hebrew vowel point, misread
    "Icelandic: ABCDEFGHIJK ÁÉÝÚÍÓÞÆÐÖ\n",  # through EUC-JP, rare kanji 蘇毓羊淨儘
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_shapes_are_unchanged(text):
    assert fixtext.fix_text(text) == text


def test_weak_repairs_never_add_up_to_a_shown_channel():
    class Step:
        def __init__(self, confidence):
            self.confidence = confidence

    weak = [Step(0.5)] * 20  # together as sure as anything, each a chance reading
    assert score.shown(weak, lambda step: "gbk") == frozenset()
    assert score.shown([*weak, Step(score.CERTAIN)], lambda step: "gbk") == {"gbk"}


@pytest.mark.parametrize(
    ("observed", "candidate", "context", "foreign"),
    [
        ("选", "ѡ", "的选项", True),  # one Cyrillic letter among Chinese
        ("么", "ô", "0", True),  # one Latin letter after a digit
        ("袩褉懈胁械褌", "Привет", "", False),  # a word of its own
        ("茅", "é", "caf", False),  # Latin is in the context
        ("鈥", "”", "", False),  # punctuation is no script
    ],
)
def test_a_repair_introduces_a_script_only_with_a_word_of_it(observed, candidate, context, foreign):
    assert score.introduces_script(observed, candidate, context) is foreign


def test_letter_tiers_come_from_cldr():
    assert charstats.letter_tier("ж") == "main"
    assert charstats.letter_tier("ł") == "main"
    assert charstats.letter_tier("ϵ") is None  # GREEK LUNATE EPSILON SYMBOL: a math symbol
    assert score.char_cost("ϵ") > score.char_cost("ж")


def test_unwritten_letter_pairs_cost_more():
    assert charstats.letter_pair_written("ри")
    assert not charstats.letter_pair_written("ЪЪ")
    assert score.structure_cost("ЪЪ") > score.structure_cost("ри")


def _words(table: str, count: int = 3000) -> list[str]:
    """Real two-character words: the most frequent in-word pairs of a shipped table."""
    from importlib import resources

    lines = resources.files("fixtext.data").joinpath(table).read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line and not line.startswith("#")][:count]


_WORDS_OF = {
    "zh-Hans": st.sampled_from(_words("zh_hans_bigrams.tsv")),
    "zh-Hant": st.sampled_from(_words("zh_hant_bigrams.tsv")),
    "ko": st.sampled_from(_words("ko_bigrams.tsv")),
    "kana": st.text(alphabet=KANA, min_size=2, max_size=6),
}
_SEPARATORS = st.sampled_from(["\\fI", "\\fP", "\\fB", "\t", "\n", " ", "0", "12", "Linux", "-", "：", "（", "="])


@pytest.mark.parametrize("script", sorted(_WORDS_OF))
def test_cjk_words_between_markup_and_numbers_are_unchanged(script):
    @given(st.lists(st.one_of(_WORDS_OF[script], _SEPARATORS), min_size=1, max_size=12).map("".join))
    def check(text):
        assert fixtext.fix_text(text) == text

    check()


def test_the_repository_itself_needs_no_repair():
    """Its data tables, code and docs are clean; the pages that show mojibake
    on purpose say so through fixtext's own exemptions (pyproject's exclude,
    ``fixtext: off`` markers)."""
    from pathlib import Path

    from .clirun import cli

    root = Path(__file__).resolve().parent.parent
    if not (root / "pyproject.toml").exists():
        pytest.skip("not run from a checkout of the repository")
    result = cli("--check", str(root))
    assert result.code == 0, result.err


_ALPHABET_WORDS = {
    lang: sorted({word.strip(".,:;!?«»’") for word in sentence.split()} - {""})
    for lang, sentence in SENTENCES.items()
    if lang in ("ru", "uk", "bg", "el", "he", "ar")
}


def _sentences_of(lang: str):
    # A sentence's words in any order: short strings of two or three words
    # are ambiguous ("Το Το" is 韦慰 韦慰 in GBK, good Chinese).
    return st.permutations(_ALPHABET_WORDS[lang]).map(" ".join)


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


@pytest.mark.parametrize("lang", sorted(_ALPHABET_WORDS))
def test_alphabet_text_read_as_gbk_is_repaired_and_never_made_worse(lang):
    # Every long word comes back; a short word before any repaired one
    # ("на ден" opening a sentence) may stay as it was read, never worse.
    @given(_sentences_of(lang))
    def check(text):
        damaged = text.encode("utf-8").decode("gbk")
        repaired = fixtext.fix_text(damaged)
        assert _distance(text, repaired) < _distance(text, damaged)
        for word in text.split():
            if len(word) >= 5:
                assert word in repaired

    check()


@pytest.mark.parametrize("lang", sorted(_ALPHABET_WORDS))
def test_alphabet_text_is_never_made_worse_by_lossy_repairs(lang):
    @given(_sentences_of(lang), st.sampled_from(["replace", "ignore"]))
    def check(text, errors):
        damaged = text.encode("utf-8").decode("big5", errors)
        repaired = fixtext.fix_text(damaged, config=ALL_CODECS)
        assert _distance(text, repaired) <= _distance(text, damaged)

    check()


#: Each alphabet's legacy encodings, which latin-1 and cp1252 show as accented Latin.
_LEGACY_ENCODINGS = {
    "ru": ("cp1251", "koi8_r"),
    "uk": ("cp1251", "koi8_u"),
    "bg": ("cp1251", "koi8_r"),
    "el": ("iso8859_7", "cp1253"),
    "he": ("cp1255",),
    "ar": ("cp1256",),
}
_LEGACY_CELLS = [(lang, codec) for lang, codecs in sorted(_LEGACY_ENCODINGS.items()) for codec in codecs]


@pytest.mark.parametrize(("lang", "codec"), _LEGACY_CELLS)
@pytest.mark.parametrize("shown_as", ["latin-1", "sloppy-windows-1252"])
def test_legacy_alphabet_bytes_shown_as_latin1_are_reread(lang, codec, shown_as):
    original = SENTENCES[lang]
    damaged = original.encode(codec).decode(shown_as)
    assert damaged != original
    assert fixtext.fix_text(damaged) == original


@pytest.mark.parametrize(("lang", "codec"), _LEGACY_CELLS)
def test_legacy_alphabet_rereading_round_trips_and_is_idempotent(lang, codec):
    @given(_sentences_of(lang))
    def check(text):
        damaged = text.encode(codec).decode("latin-1")
        repaired = fixtext.fix_text(damaged)
        assert _distance(text, repaired) < _distance(text, damaged)
        assert fixtext.fix_text(repaired) == repaired
        for word in text.split():
            if len(set(word)) >= 4:  # a long word is evidence on its own
                assert word in repaired

    check()


LATIN1_CLEAN = [
    "formatet åååå-mm-dd",  # a date format's year
    "Datum (ÅÅÅÅ-MM-DD)",
    "Dátum (ÉÉÉÉ-HH-NN)",
    "ÃÃÃÃ",
    "abcdefghijk áéýúíóþæðö",  # a font preview's Icelandic letters (cp1255 reads direction marks in them)
    "Il est à Paris. « Ça va ? »",
    "ÀÁÂÃÄÅÆÇÈÉÊ",  # a character table
    "þú ert á Íslandi",
    "Größe: 12 × 3 ½",
]


@pytest.mark.parametrize("text", LATIN1_CLEAN)
def test_western_accented_text_is_not_reread(text):
    assert fixtext.fix_text(text) == text


#: Japanese as written: wordfreq's most frequent words of kanji and kana.
_JAPANESE_WORDS = [word for word in wordfreq.top_n_list("ja", 3000) if charstats._JAPANESE_WORD.fullmatch(word)]


@given(st.lists(st.one_of(st.sampled_from(_JAPANESE_WORDS), st.sampled_from("、。「」")), min_size=1, max_size=30).map("".join))
def test_japanese_of_common_words_is_unchanged(text):
    assert fixtext.fix_text(text) == text
    assert fixtext.fix_text(text, config=ALL_CODECS) == text
