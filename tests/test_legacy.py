"""The legacy layer: legacy encodings decoded with the wrong codec."""

import difflib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fixtext

from .strategies import COMMON_KANJI, FREQUENT_HANGUL, KANA, aligned, frequent_chars

CHINESE = "这是一个关于中文编码的句子。"
TRADITIONAL = "這是一個關於繁體中文的句子。"
JAPANESE = "これは日本語の文章です。"
KOREAN_WORD = "문장입니다"


@pytest.mark.parametrize(
    ("text", "source", "via"),
    [
        (CHINESE, "gbk", "latin-1"),
        (CHINESE, "gbk", "sloppy-windows-1252"),
        (TRADITIONAL, "big5", "latin-1"),
        (JAPANESE, "shift_jis", "sloppy-windows-1252"),
        (JAPANESE, "euc_jp", "latin-1"),
        (KOREAN_WORD, "euc_kr", "latin-1"),
    ],
)
def test_legacy_cjk_read_as_single_byte(text, source, via):
    broken = text.encode(source).decode(via)
    explained = fixtext.fix_and_explain(broken)
    assert explained.text == text
    assert {s.layer for s in explained.steps} == {"legacy"}


def test_the_classic_example():
    assert fixtext.fix_text("ÖÐÎÄ") == "中文"


@pytest.mark.parametrize("text", ["Les Modèles et les thèmes", "Ein schöner Sommer"])
def test_western_text_read_as_gbk(text):
    broken = text.encode("cp1252").decode("gbk")
    assert broken != text
    assert fixtext.fix_text(broken) == text


@pytest.mark.parametrize(
    "clean",
    [
        "Crème brûlée, naïve café, Größe, façade",
        "ÀÉÎÕÜ in capitals",
        "Ørsted and Ærø",
        "這是一個繁體中文的句子。",
        "これは日本語です。",
    ],
)
def test_clean_text_is_not_reread(clean):
    assert fixtext.fix_text(clean) == clean


def test_utf8_read_as_latin1_is_left_to_the_single_byte_layer():
    broken = "It’s “done”".encode("utf-8").decode("latin-1")
    explained = fixtext.fix_and_explain(broken)
    assert explained.text == "It’s “done”"
    assert "legacy" not in {s.layer for s in explained.steps}


def test_readings_that_lost_bytes_are_never_made_worse():
    data = CHINESE.encode("gbk")
    broken = (data[:5] + data[6:]).decode("latin-1")  # one byte gone: the rest is misaligned

    def similarity(text):
        return difflib.SequenceMatcher(None, text, CHINESE).ratio()

    assert similarity(fixtext.fix_text(broken)) >= similarity(broken)


def test_legacy_steps_replay():
    broken = CHINESE.encode("gbk").decode("latin-1")
    explained = fixtext.fix_and_explain(broken)
    assert fixtext.apply_plan(broken, explained.plan) == CHINESE
    [step] = explained.steps
    assert step.chain == ("gbk", "latin-1") and step.ops == (("encode", "latin-1"), ("decode", "gbk"))


# One CJK codec read as another. Both readings are CJK characters, so the
# round trips draw from each language's frequent characters (real text is
# made of them), without the long runs of one character that random drawing
# favours and prose never has, and are long enough to be told from gibberish.
_HANS_AS_BIG5 = aligned(frequent_chars("zh-Hans", 800, "gbk"), "gbk", "big5")
_HANT_AS_GBK = aligned(frequent_chars("zh-Hant", 1500, "big5"), "big5", "gbk")
# kanji as Japanese uses them (fixtext's own statistics), not in JIS order
_JAPANESE_AS_GBK = aligned("".join(ch for ch in frequent_chars("ja", 3000, "shift_jis") if ch >= "\u4e00")[:500], "shift_jis", "gbk")


def _distinct(alphabet: str, min_size: int, max_size: int = 40, element=None):
    element = st.sampled_from(alphabet) if element is None else element
    return st.lists(element, min_size=min_size, max_size=max_size, unique=True).map("".join)


# Japanese prose is mostly kana: two draws in three are kana.
_kana = st.sampled_from(aligned(KANA, "shift_jis", "gbk"))
_japanese = _distinct("", 8, element=st.one_of(_kana, _kana, st.sampled_from(_JAPANESE_AS_GBK)))
_korean_word = _distinct(FREQUENT_HANGUL, 2, 4)
_korean_sentences = st.lists(_korean_word, min_size=6, max_size=12, unique=True)

SETTINGS = settings(deadline=None)  # the profile's (tests/conftest.py), without a deadline

CROSS_CJK = {
    ("gbk", "big5"): _distinct(_HANS_AS_BIG5, 16),
    ("big5", "gbk"): _distinct(_HANT_AS_GBK, 24),  # its gibberish is kana-rich and cheap: it takes longer
    ("shift_jis", "gbk"): _japanese,
    ("euc_kr", "gbk"): _korean_sentences.map(" ".join),
}


@pytest.mark.parametrize(("source", "via"), list(CROSS_CJK))
@SETTINGS
@given(data=st.data())
def test_one_cjk_codec_read_as_another_round_trips(source, via, data):
    text = data.draw(CROSS_CJK[source, via])
    broken = text.encode(source).decode(via)
    explained = fixtext.fix_and_explain(broken)
    assert explained.text == text
    assert {step.chain for step in explained.steps} == {(source, via)}


@pytest.mark.parametrize(
    ("text", "source", "via"),
    [
        ("这是我的朋友，他叫小明。", "gbk", "big5"),
        ("この本はとても面白いです。", "shift_jis", "gbk"),
        ("오늘은 날씨가 정말 좋네요. 내일 다시 만나요.", "euc_kr", "gbk"),
        ("请把文件放在桌子上: --output 文件", "gbk", "big5"),
    ],
)
def test_cross_cjk_sentences(text, source, via):
    broken = text.encode(source).decode(via)
    assert broken != text
    assert fixtext.fix_text(broken) == text


@pytest.mark.parametrize(
    "clean",
    ["目录", "設定", "ファイル", "파일", "文件 (默认)", "請問火車站在哪裡？", "东京タワー", "한국어 문서 작성", "蔫蔫 蔫蔫"],
)
def test_short_cjk_labels_are_not_reread_as_another_codec(clean):
    assert fixtext.fix_text(clean) == clean


def test_spaced_characters_are_judged_as_one_passage():
    # Characters set apart by spaces (as in some man pages) are each too
    # short to judge; the passage as a whole is not.
    text = "這 些 訊 息 均 可 藉 由 finger 指 令 來 顯 示"
    assert fixtext.fix_text(text.encode("big5").decode("latin-1")) == text


@pytest.mark.parametrize("via", ["latin-1", "gbk"])
def test_a_korean_sentence_read_as_latin1_or_gbk_round_trips(via):
    # Before the Korean statistics, 친구와 read as latin-1 came back as EUC-JP kanji (模备客).
    text = "어제 저녁에 친구와 함께 시장에 가서 맛있는 떡볶이를 먹었어요."
    assert fixtext.fix_text(text.encode("euc_kr").decode(via)) == text


def test_a_two_character_word_of_latin1_signs_is_mojibake_in_a_broken_document():
    text = "도서관 앞 벤치에 앉아 따뜻한 커피를 마셨다."
    assert fixtext.fix_text(text.encode("euc_kr").decode("latin-1")) == text


@pytest.mark.parametrize("label", ["Q値", "CD店", "A丹", "A倏", "B型", "X線", "PC用", "UFO目撃情報"])
def test_a_latin_letter_glued_to_one_ideograph_is_left_alone(label):
    # Each of these also reads as cp1252 punctuation through Shift_JIS ("Q’l");
    # one character alone is too little evidence.
    assert fixtext.fix_text(label) == label


def test_single_character_rereadings_never_add_up_to_an_established_misreading():
    # Each "痴" could be "’s" read as Shift_JIS, and no single rereading is
    # certain on its own (confidence about 0.5), so weak ones must not vouch
    # for each other: that is how long clean CJK documents used to lose
    # characters. Each word is repaired exactly as it would be alone.
    text = "It’s late, and we don’t know if they’re coming. The report wasn’t ready; it’s due Monday."
    broken = text.encode("cp1252").decode("shift_jis")
    assert broken != text
    explained = fixtext.fix_and_explain(broken)
    assert all(step.confidence < 0.9 for step in explained.steps)
    assert explained.text == " ".join(fixtext.fix_text(word) for word in broken.split(" "))


# Lines of CJK, kana, hangul, ASCII and signs: what one CJK codec read as another is judged on.
_LINE_CHARS = COMMON_KANJI[:300] + KANA[:60] + FREQUENT_HANGUL + "，。“”?ab 12ｱ€\u3000\ue000"
_cjk_lines = st.lists(st.text(alphabet=st.sampled_from(_LINE_CHARS), min_size=1, max_size=30), max_size=12)


def _strictly(span, misreading):
    try:
        return span.encode(misreading.via).decode(misreading.source)
    except UnicodeError:
        return None


@SETTINGS
@given(_cjk_lines)
def test_lines_decoded_together_are_decoded_as_one_by_one(spans):
    from fixtext.layers import legacy

    together = legacy._decoded_together(spans)
    for i, span in enumerate(spans):
        readings = together.get(i, {})
        for misreading in legacy._CROSS_CJK:
            alone = _strictly(span, misreading)
            if misreading in readings:
                assert readings[misreading] == alone
            elif alone is not None:  # left out only when the line is too fluent to reread
                assert i not in together and legacy._not_worth_rereading(span)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_LINE_CHARS + "Modèles Ça"), max_size=40))
def test_western_spans_only_where_the_census_allows(text):
    from fixtext import census
    from fixtext.layers import legacy

    if not legacy._may_hold_western(census.of(text)):
        assert not legacy._WESTERN_RUN.search(text)


def _western_runs_one_by_one(text):
    """What _WESTERN_RUN must find, said plainly: every whole CJK run glued to
    an ASCII letter, or of one or two characters the first letter-trailed."""
    from fixtext.layers import legacy

    letter_trailed = re.compile(f"[{legacy._LETTER_TRAILED}]")
    for run in re.finditer(legacy._CJK_RUN, text):
        before, after = text[run.start() - 1 : run.start()], text[run.end() : run.end() + 1]
        glued = any(ch.isascii() and ch.isalpha() for ch in before + after)
        if glued or (len(run.group()) <= 2 and letter_trailed.match(run.group())):
            yield run.span()


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_LINE_CHARS + "Modèles Ça莂鑜"), max_size=40))
def test_western_runs_are_the_runs_glued_to_letters_or_short_and_letter_trailed(text):
    from fixtext.layers import legacy

    assert [m.span() for m in legacy._WESTERN_RUN.finditer(text)] == list(_western_runs_one_by_one(text))


def test_no_wrong_decoder_of_cjk_lines_writes_hangul():
    # Why a line with hangul is never reread as another CJK codec.
    from fixtext.layers import legacy

    hangul = [chr(cp) for cp in range(0x1100, 0xD7A4) if legacy._HANGUL.match(chr(cp))]
    assert len(hangul) > 11_000
    for via in {misreading.via for misreading in legacy._CROSS_CJK}:
        assert "".join(hangul).encode(via, "replace") == b"?" * len(hangul)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_LINE_CHARS + "Modèles Ça莂鑜\ue000\ufe30\ufe31xY"), max_size=40))
def test_western_runs_found_from_the_letters_side_are_the_same(text):
    from fixtext.layers import legacy

    assert legacy._western_spans_by_letters(text) == list(_western_runs_one_by_one(text))
    assert legacy._western_spans(text) == list(_western_runs_one_by_one(text))


def test_cjk_but_hangul_is_the_cjk_class_less_hangul():
    from fixtext.layers import legacy

    for cp in range(0x10000):
        ch = chr(cp)
        expected = bool(legacy._WIDE.match(ch)) and not legacy._HANGUL.match(ch)
        assert bool(legacy._CJK_BUT_HANGUL.match(ch)) == expected, hex(cp)
