"""Hypothesis strategies: alphabets of clean text, derived from the codecs."""

from __future__ import annotations

from hypothesis import strategies as st


def _gb2312_level1() -> str:
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def _double_byte_range(codec: str, leads: range, trails: range) -> str:
    chars = []
    for lead in leads:
        for trail in trails:
            try:
                chars.append(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


COMMON_HANZI = _gb2312_level1()
COMMON_TRADITIONAL = _double_byte_range("big5", range(0xA4, 0xC7), range(0xA1, 0xFF))
COMMON_KANJI = _double_byte_range("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF))
KANA = "".join(chr(c) for c in range(0x3041, 0x3097)) + "".join(chr(c) for c in range(0x30A1, 0x30FB))
COMMON_HANGUL = _double_byte_range("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))
CJK_PUNCTUATION = "，。！？：；（）、「」《》“”"
ENGLISH_PUNCTUATION = "’‘“”–—…"

english_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10)
english_punct = st.sampled_from(list(ENGLISH_PUNCTUATION) + [",", ".", " ", "; ", "0", "1990", "42", "(", ")"])
hanzi_words = st.text(alphabet=COMMON_HANZI, min_size=1, max_size=6)
cjk_punct = st.sampled_from(list(CJK_PUNCTUATION))

#: English prose with typographic punctuation.
english = st.lists(st.one_of(english_words, english_punct, st.just(" ")), min_size=1, max_size=30).map("".join)
#: Chinese built from common hanzi and full-width punctuation.
chinese = st.lists(st.one_of(hanzi_words, cjk_punct), min_size=1, max_size=20).map("".join)
#: Traditional Chinese from Big5's frequent block.
traditional = st.lists(st.one_of(st.text(alphabet=COMMON_TRADITIONAL, min_size=1, max_size=6), cjk_punct), min_size=1, max_size=20).map("".join)
#: Japanese: JIS level-1 kanji and kana.
japanese = st.lists(
    st.one_of(st.text(alphabet=COMMON_KANJI, min_size=1, max_size=4), st.text(alphabet=KANA, min_size=1, max_size=6), cjk_punct),
    min_size=1,
    max_size=20,
).map("".join)
#: Korean: KS X 1001 hangul, words separated by spaces.
korean = st.lists(st.text(alphabet=COMMON_HANGUL, min_size=1, max_size=5), min_size=1, max_size=10).map(" ".join)
#: Everything, mixed.
mixed = st.lists(st.one_of(english, chinese, traditional, japanese, korean, st.just(" ")), min_size=1, max_size=6).map("".join)

# Text whose UTF-8 bytes tend to decode strictly as GBK: every non-ASCII run is
# followed by a letter (a GBK trail byte) or has an even number of bytes.
_unit = st.one_of(hanzi_words.map(lambda w: w[:2].ljust(2, w[0])), cjk_punct.map(lambda p: p * 2))
english_gbk_safe = st.lists(
    st.tuples(english_words, st.sampled_from(list(ENGLISH_PUNCTUATION)), english_words), min_size=1, max_size=6
).map(lambda parts: " ".join(a + p + b for a, p, b in parts))
chinese_gbk_safe = st.lists(st.lists(_unit, min_size=1, max_size=5).map("".join), min_size=1, max_size=4).map(
    " ".join
)


def frequent_chars(lang: str, count: int, codec: str) -> str:
    """The ``count`` most frequent characters of ``lang`` (fixtext's own statistics) that ``codec`` encodes in two bytes."""
    from fixtext import charstats

    return "".join(ch for ch in charstats.characters(lang) if len(ch.encode(codec, "ignore")) == 2)[:count]


def aligned(chars: str, source: str, via: str) -> str:
    """The characters whose two bytes in ``source`` make one character in ``via``:
    strings of them always survive being read the wrong way."""
    kept = []
    for ch in chars:
        try:
            if len(ch.encode(source).decode(via)) == 1:
                kept.append(ch)
        except UnicodeError:
            pass
    return "".join(kept)


#: Common hangul syllables, most of them among Korean's most frequent.
FREQUENT_HANGUL = (
    "이다는의에하고가를지기사서도한로리자수있정아대일으시인나보어우장전부제주구해니게상조오들동만성원면소과여요"
    "문스위라신경공생세방각중모연실화발무마비진것용국계내물학선개작유관말미간행저식출회법래거양때재감"
)
