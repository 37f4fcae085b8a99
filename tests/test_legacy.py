"""The legacy layer: legacy encodings decoded with the wrong codec."""

import difflib

import pytest

import fixtext

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
