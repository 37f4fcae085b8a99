import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixtext import score


def test_ascii_is_cheap_and_replacement_characters_are_expensive():
    assert score.cost("plain words") < score.cost("\ufffd")


@pytest.mark.parametrize(
    ("mojibake", "meant"),
    [
        ("wasn鈥檛", "wasn’t"),
        ("鈥淗i", "“Hi"),
        ("caf茅", "café"),
        ("涓枃", "中文"),
    ],
)
def test_mojibake_costs_more_than_what_was_meant(mojibake, meant):
    assert score.cost(mojibake) > score.cost(meant)


def test_language_is_chosen_for_the_whole_string():
    # Each of these is common somewhere, but not all in one language.
    assert score.language_cost("涓氫笢") > score.language_cost("业东")
    assert score.language_cost("日本語のテキスト") < score.language_cost("日本語のテキスト".replace("の", "의"))


# Menu labels and short words whose GBK bytes happen to be valid UTF-8
# ("目录" is C4 BF C2 BC, which UTF-8 reads as "Ŀ¼").
SHORT_WORDS_THAT_ARE_UTF8_IN_GBK = ["# 目录", "状态", "图片", "通知", "学校", "医院"]


@pytest.mark.parametrize("text", SHORT_WORDS_THAT_ARE_UTF8_IN_GBK)
def test_short_real_chinese_beats_its_utf8_reading(text):
    reading = text.encode("gbk").decode("utf-8")
    assert reading != text
    assert score.repair_gain(text, reading) + score.utf8_evidence(reading) <= 0


def test_isolated_rare_ideographs_in_latin_text_cost_extra():
    assert score.structure_cost("said 鈥 and") > score.structure_cost("说 鈥 的")


def test_accent_only_words_cost_extra():
    assert score.structure_cost("òò") > score.structure_cost("où")


def test_confidence_is_monotone_and_bounded():
    values = [score.confidence(g) for g in (-1, 0, 1, 4, 20)]
    assert values[0] == values[1] == 0.0
    assert values == sorted(values) and values[-1] < 1.0


def test_a_lone_hangul_syllable_between_latin_words_costs_extra():
    assert score.structure_cost("irons 횪 la fête") > score.structure_cost("irons à la fête")
    # Korean words quoted in English prose have several syllables.
    assert score.structure_cost("the word 사랑 means love") == score.structure_cost("the word 사랑")


@pytest.mark.parametrize("text", ["\u0cd5\u1463", " \u0301x"])
def test_orphan_marks_and_lone_rare_letters_cost_extra(text):
    assert score.structure_cost("漢字" + text) > score.structure_cost("漢字 ok")


@pytest.mark.parametrize("text", ["नमस्ते दुनिया", "é", "が", "ภาษาไทย"])
def test_marks_after_their_letters_and_words_of_rare_scripts_cost_nothing_extra(text):
    assert score.structure_cost(text) == 0.0


KO = score.LANGUAGES.index("ko")


@pytest.mark.parametrize("common", "이다는")
@pytest.mark.parametrize("rare", "갊꺌뇝")
def test_common_hangul_syllables_cost_less_than_rare_ones_in_korean(common, rare):
    assert score.char_costs(common)[KO] + 1.5 < score.char_costs(rare)[KO]


def test_hangul_outside_ks_x_1001_stays_dear():
    assert score.char_costs("뷁") == (9.0, 9.0, 9.0, 9.0)


@pytest.mark.parametrize(("word", "scrambled"), [("생각", "각생"), ("습니다", "다습니"), ("사랑", "랑사")])
def test_korean_words_cost_less_than_their_syllables_scrambled(word, scrambled):
    assert score.language_cost(word, ("ko",)) < score.language_cost(scrambled, ("ko",))


@pytest.mark.parametrize("idiom", ["锟斤拷", "烫烫烫", "屯屯屯"])
def test_the_known_idioms_of_broken_memory_are_not_text(idiom):
    # Each costs far more than three ordinary ideographs in the same place.
    assert score.cost(idiom * 2) > score.cost("中文字中文字") + 2 * score.KNOWN_IDIOM - 1


def test_the_idioms_are_what_their_bytes_make():
    assert bytes([0xCC] * 6).decode("gbk") == "烫烫烫"
    assert bytes([0xCD] * 6).decode("gbk") == "屯屯屯"


def test_rare_latin_extended_letters_cost_more_than_european_ones():
    # Ŀ (GBK's reading of 目 as UTF-8) is in no common European code page.
    assert score.char_cost("Ŀ") > score.char_cost("ł") == score.char_cost("ş") == score.char_cost("ő")


def test_two_alphabets_in_one_word_are_a_clash():
    # "Aٿ" is what 倏's GBK bytes make read as UTF-8: Latin and Arabic in one word.
    assert score.structure_cost("Aٿ") == score.SCRIPTS_IN_ONE_WORD
    assert score.structure_cost("A ٿ") == 0.0


_MIXED = "清晨的渡船驶离港口时集鍥犱负夜明け前にもっとロープ새벽에여객선이Modèles ÖÐÎÄ“”ab1\ue000\u3400"


@given(st.lists(st.text(alphabet=st.sampled_from(_MIXED), max_size=30), max_size=8))
def test_cost_sums_bound_each_texts_mean_cost(texts):
    for text, total in zip(texts, score.cost_sums(texts), strict=True):
        assert total >= score.mean_char_cost(text) * len(text) - 1e-9


_SPAN = st.text(alphabet=st.sampled_from(_MIXED + "’é鈥檛线路사랑"), max_size=8)


@given(_SPAN, _SPAN, _SPAN, _SPAN, st.sampled_from([0.0, score.CHANNEL_PRIOR, 8.0, 12.0]))
def test_no_candidate_gains_more_than_the_bound(observed, candidate, left, right, prior):
    bound = score.gain_at_most(observed, left, right, prior)
    assert score.repair_gain(observed, candidate, left, right, prior) <= bound + 1e-9


def test_the_bound_allows_for_a_word_reaching_into_the_right_context():
    # 是 before 否 is the word 是否: the pair takes more off 否 than 是 costs,
    # so the repair costs less than nothing, and the bound must allow for it.
    gain = score.repair_gain("x", "是", "", "否", 0.0)
    as_it_stands = score.repair_gain("x", "", "", "否", 0.0)  # an empty repair costs nothing
    assert gain > as_it_stands
    assert gain <= score.gain_at_most("x", "", "否", 0.0) + 1e-9


def _discount_pair_by_pair(text, index):
    from fixtext import charstats

    discount = 0.0
    for first, second in zip(text, text[1:]):
        if first >= "\u4e00" and second >= "\u4e00":
            bits = charstats.bigram_cost(first, second, score.LANGUAGES[index])
            if bits is not None:
                discount += max(0.0, score.char_costs(second)[index] - (0.4 * bits + 0.5))
    return discount


_WORDS = "线路是否我们已经今天天气사랑합니다도서관港口時間"


@pytest.mark.parametrize("index", [0, 1, 3], ids=["zh-Hans", "zh-Hant", "ko"])
@given(text=st.text(alphabet=st.sampled_from(_WORDS + _MIXED), max_size=40))
def test_in_word_pair_discounts_are_the_pairs_statistics(index, text):
    assert score._bigram_discount(text, index) == pytest.approx(_discount_pair_by_pair(text, index), abs=1e-9)


def test_known_pairs_make_words_cheaper():
    assert score._bigram_discount("线路", 0) > 0.0
    assert score._bigram_discount("사랑", 3) > 0.0
