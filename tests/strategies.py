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


COMMON_HANZI = _gb2312_level1()
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
#: Both, mixed.
mixed = st.lists(st.one_of(english, chinese, st.just(" ")), min_size=1, max_size=6).map("".join)

# Text whose UTF-8 bytes tend to decode strictly as GBK: every non-ASCII run is
# followed by a letter (a GBK trail byte) or has an even number of bytes.
_unit = st.one_of(hanzi_words.map(lambda w: w[:2].ljust(2, w[0])), cjk_punct.map(lambda p: p * 2))
english_gbk_safe = st.lists(
    st.tuples(english_words, st.sampled_from(list(ENGLISH_PUNCTUATION)), english_words), min_size=1, max_size=6
).map(lambda parts: " ".join(a + p + b for a, p, b in parts))
chinese_gbk_safe = st.lists(st.lists(_unit, min_size=1, max_size=5).map("".join), min_size=1, max_size=4).map(
    " ".join
)
