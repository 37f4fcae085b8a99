"""The pipeline's fast path says "clean" only where every layer would find nothing."""

from hypothesis import given, settings
from hypothesis import strategies as st

import fixtext
from fixtext import Config, pipeline

from .strategies import COMMON_HANGUL, COMMON_HANZI, KANA

# Clean and damaged characters of every kind the layers look at: hangul (which
# the fast path lets through), ideographs, kana, Latin-1 and cp1252 signs,
# GBK mojibake of punctuation, Cyrillic, U+FFFD, letters and spaces.
_ALPHABET = (
    list(COMMON_HANGUL[:200])
    + list(COMMON_HANZI[:50])
    + list(KANA[:20])
    + list("ÃÂÐÖÎÄ¬¥Î½Ä鈥檛淶莂鑜вЂ’“”éçßñ€™\ufffd\ue000")
    + list("aZk ?.,\n0")
)
# Mostly what the fast path lets through (hangul, ASCII, typographic signs,
# accented letters), with a few characters of damage now and then.
_MOSTLY_CLEAN = list(COMMON_HANGUL[:200]) + list("aZk ?.,\n0’“”éç")
_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40),
    st.lists(
        st.one_of(st.text(alphabet=st.sampled_from(_MOSTLY_CLEAN), max_size=12), st.sampled_from(_ALPHABET)), max_size=6
    ).map("".join),
)
_CONFIGS = st.sampled_from([Config(), Config(codecs=("gbk", "big5", "euc_kr", "cp949", "shift_jis", "euc_jp"))])


@settings(max_examples=1000)
@given(_TEXT, _CONFIGS)
def test_surely_clean_text_gives_every_layer_nothing(text, config):
    if pipeline._surely_clean(text, config):
        for find in pipeline._EDITS.values():
            assert find(text, config) == []


def test_korean_prose_takes_the_fast_path_and_damage_does_not():
    korean = "새벽에 여객선이 항구를 떠날 때 시장의 노점들은 아직 열지 않았다.\n" * 3
    assert pipeline._surely_clean(korean, Config())
    assert fixtext.fix_text(korean) == korean
    damaged = [
        korean + "It鈥檚 late.",  # UTF-8 read as GBK
        korean.encode("euc_kr").decode("latin-1"),  # legacy CJK read as latin-1
        korean + "Mod鑜es",  # Western text read as GBK
        korean + "这是我的朋友，他叫小明。".encode("gbk").decode("big5"),  # one CJK codec read as another
        korean + "Caf├⌐ au lait",  # UTF-8 read as cp437
    ]
    for text in damaged:
        assert not pipeline._surely_clean(text, Config())
        assert fixtext.fix_text(text) != text
    assert not pipeline._surely_clean(korean + "caf\ufffd", Config())  # a lost byte: the lossy layer looks


# Each layer's part of the fast path, against the layer's own first questions:
# where none of its characters occurs, it has nothing to look at.
_GATE_ALPHABET = _ALPHABET + list("莂鑜Ça\ufe30한") + list(COMMON_HANGUL[200:260])
_GATE_TEXT = st.text(alphabet=st.sampled_from(_GATE_ALPHABET), max_size=30)


def _holds(chars: str, text: str) -> bool:
    import re

    return re.search(f"[{chars}]", text) is not None


@given(_GATE_TEXT, _CONFIGS)
def test_without_its_characters_the_multibyte_layer_has_no_run(text, config):
    from fixtext.layers import multibyte

    if not _holds(multibyte.damage_chars(config.codecs), text):
        assert multibyte._candidates(text, config) == {}


@given(_GATE_TEXT)
def test_without_its_characters_the_single_byte_layer_flags_no_line(text):
    from fixtext.layers import singlebyte

    if not _holds(singlebyte.DAMAGE_CHARS, text):
        assert singlebyte._flagged_lines(text) == []


@given(_GATE_TEXT)
def test_without_its_characters_or_shape_the_legacy_layer_has_no_span(text):
    from fixtext import census
    from fixtext.layers import legacy

    if not legacy.may_hold_by_shape(census.of(text)) and not _holds(legacy.DAMAGE_CHARS, text):
        assert legacy._spans(text) == ([], {})
