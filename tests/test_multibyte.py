"""UTF-8 read as GBK: lossless and lossy repairs, in sentences of our own."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fixtext
from fixtext import Config, ErrorMode


def gbk(text: str, errors: str = "strict") -> str:
    return text.encode("utf-8").decode("gbk", errors)


def qmark(text: str) -> str:
    return gbk(text, "replace").replace("\ufffd", "?")


SENTENCES = [
    "The museum’s new wing opens in May.",
    "“We’re nearly there,” the guide said, “just one more hill.”",
    "Trading hours are 09:00–17:30, Monday to Friday.",
    "She paused… then laughed — loudly.",
    "The ’60s records sold out; the ’70s ones didn’t.",
    "Prices rose 3–4% in the first quarter.",
    "It’s a café, not a bar.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("damage", [lambda t: gbk(t, "ignore"), lambda t: gbk(t, "replace"), qmark])
def test_lossy_gbk_is_repaired_exactly(sentence, damage):
    broken = damage(sentence)
    assert broken != sentence
    assert fixtext.fix_text(broken) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("codec", ["gb18030", "shift_jis", "cp932"])
@pytest.mark.parametrize("errors", ["ignore", "replace"])
def test_other_codecs_plug_in_as_data(sentence, codec, errors):
    # The same code repairs any codec named in the config.
    broken = sentence.encode("utf-8").decode(codec, errors)
    assert fixtext.fix_text(broken, config=Config(codecs=(codec,))) == sentence


def test_lossless_gbk_is_repaired_and_explained():
    broken = gbk("Don’t “panic”now")  # every byte after E2 80 xx is a GBK trail byte
    explained = fixtext.fix_and_explain(broken)
    assert explained.text == "Don’t “panic”now"
    assert {s.errors for s in explained.steps} == {ErrorMode.STRICT}
    assert all(s.chain_label == "utf-8 → gbk" and not s.inferred for s in explained.steps)


def test_lost_character_is_marked_inferred():
    explained = fixtext.fix_and_explain(gbk("He said “no” today.", "ignore"))
    assert explained.text == "He said “no” today."
    [lossy] = [s for s in explained.steps if s.inferred]
    assert lossy.after == "”" and lossy.inferred == (0,)
    assert lossy.layer == "lossy" and lossy.errors is ErrorMode.IGNORE
    assert 0 < lossy.confidence < 1


def test_clean_and_broken_text_mixed_in_one_paragraph():
    clean = "It’s fine. "
    broken = gbk("It’s broken, isn’t it?", "ignore")
    assert fixtext.fix_text(clean + broken + " " + clean) == clean + "It’s broken, isn’t it?" + " " + clean


def test_only_the_broken_spans_change():
    text = "Intact: it’s “here”. " + gbk("Broken: it’s “there”.", "ignore")
    explained = fixtext.fix_and_explain(text)
    for step in explained.steps:
        assert step.start >= len("Intact: it’s “here”. ")


@pytest.mark.parametrize(
    "text",
    [
        "我们在北京的办公室已经搬到了新的地址。",
        "他说：“明天见。”",
        "文件 编辑 查看 帮助",
        "# 目录",
        "价格：100元（含税）",
        "中文和English混合的句子，包含“引号”和数字2025。",
    ],
)
def test_real_chinese_is_left_alone(text):
    assert fixtext.fix_text(text) == text


def test_gb18030_is_modelled_too():
    config = Config(codecs=("gb18030",))
    broken = "It’s done.".encode("utf-8").decode("gb18030")
    assert fixtext.fix_text(broken, config=config) == "It’s done."


def test_codecs_can_be_turned_off():
    broken = gbk("It’s done.")
    assert fixtext.fix_text(broken, config=Config(codecs=(), layers=("multibyte", "single-byte"))) == broken


def test_error_modes_can_be_restricted():
    broken = gbk("“Hi,” she said.", "replace")
    config = Config(error_modes=frozenset({ErrorMode.STRICT, ErrorMode.IGNORE}))
    assert "\ufffd" in fixtext.fix_text(broken, config=config)
    assert fixtext.fix_text(broken) == "“Hi,” she said."


def test_unknowable_character_becomes_one_replacement_character():
    # With a very high bar for guessing, the lost character is marked, not guessed,
    # and the rest of the span is still repaired.
    config = Config(min_inference=0.999)
    out = fixtext.fix_text(gbk("Costs rose 5–6 points; it’s odd.", "ignore"), config=config)
    assert out == "Costs rose 5\ufffd6 points; it’s odd."


def test_long_runs_of_mojibake_characters_do_not_raise():
    assert isinstance(fixtext.fix_text("鈥" * 5000), str)
    assert isinstance(fixtext.fix_text(("鈥 " * 2000)), str)


def test_the_famous_idiom_becomes_the_replacement_characters_it_was():
    # U+FFFD U+FFFD written as UTF-8 (EF BF BD EF BF BD) and read as GBK.
    assert fixtext.fix_text("Name: 锟斤拷") == "Name: \ufffd\ufffd"
    assert fixtext.fix_text("锟斤拷锟斤拷") == "\ufffd" * 4


def test_french_read_as_cp949_is_repaired_letter_by_letter():
    # Each accented letter is a modest repair through cp949 of its own, and
    # each is judged with its word around it.
    sentence = "Nous irons à la fête de Noël chez ma sœur à Besançon."
    broken = sentence.encode("utf-8").decode("cp949")
    config = Config(codecs=(*Config().codecs, "cp949"))
    assert fixtext.fix_text(broken, config=config) == sentence


def test_modest_repairs_never_add_up_to_an_established_codec():
    # Clean CJK text offers many weak chance readings; only a repair certain
    # on its own shows the document went through a codec.
    from fixtext.layers.multibyte import _shown_codecs

    step = fixtext.fix_and_explain("caf茅 au lait").steps[0]
    weak = [dataclasses.replace(step, confidence=0.35)]
    assert _shown_codecs(weak) == frozenset()
    assert _shown_codecs(weak * 30) == frozenset()
    assert _shown_codecs([*weak, dataclasses.replace(step, confidence=0.95)]) == {"gbk"}


def test_damage_on_the_next_line_does_not_count_against_a_repair():
    # A line break ends a neighbourhood: "’A" is not an ideograph's
    # neighbour because the next line is still mojibake.
    assert fixtext.fix_text("鈥橝\n" * 50) == "’A\n" * 50


def _readings_one_codec_at_a_time(text, runs, codecs, modes, has_marks):
    from fixtext.channel import REPLACEMENT
    from fixtext.layers.multibyte import _readings

    by_run = {}
    for codec, allow_qmark in codecs:
        marked, plain, qmark = _readings(codec, modes)
        for start, end in runs:
            if has_marks and REPLACEMENT in text[start:end]:
                readings = tuple((channel, end - start) for channel in marked)
            else:
                readings = tuple((channel, end - start) for channel in plain)
                if allow_qmark and text.startswith("?", end):
                    stop = len(text) - len(text[end:].lstrip("?"))
                    readings = ((qmark, stop - start), *readings)
            by_run[(start, end)] = by_run.get((start, end), ()) + readings
    return by_run


_CODEC_CHOICES = st.lists(
    st.tuples(st.sampled_from(["gbk", "gb18030", "shift_jis"]), st.booleans()), max_size=3, unique_by=lambda c: c[0]
)


@given(st.text(alphabet=st.sampled_from("鈥檚 a?\ufffd"), max_size=30), _CODEC_CHOICES, st.booleans())
def test_codecs_add_their_readings_together_as_one_at_a_time(text, codecs, has_marks):
    # Each codec comes with whether its decoder may have written "?" for lost bytes.
    from fixtext.codecdata import NON_ASCII_RUN
    from fixtext.layers.multibyte import _add_readings

    runs = [match.span() for match in NON_ASCII_RUN.finditer(text)]
    modes = Config().error_modes
    together: dict = {}
    _add_readings(together, text, runs, codecs, modes, has_marks)
    assert together == _readings_one_codec_at_a_time(text, runs, codecs, modes, has_marks)
