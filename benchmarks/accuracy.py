"""Accuracy harness: fixtext vs. ftfy over a matrix of corruptions.

Usage (from the repository root, with fixtext, ftfy and charset-normalizer
importable)::

    python benchmarks/accuracy.py                        # full run (real corpus if built)
    python benchmarks/accuracy.py --quick                # small subset, ~20-50 s
    python benchmarks/accuracy.py --max-paragraphs 12    # per language
    python benchmarks/accuracy.py --corpus real --half both --json out.json
    python benchmarks/accuracy.py --cells 'forward/*gbk*/*' --cells 'clean/*'
    python benchmarks/accuracy.py --corpus builtin       # the harness's own corpus

Corpus
------
``--corpus real`` (the default when its cache loads, else ``builtin`` with a
note): paragraphs of real text from ``benchmarks/corpus.py``'s loader (built
by ``tools/build_corpus.py`` into ~/.cache/fixtext/corpus/v1/), one half at a
time: ``--half check`` (default), ``tune``, or ``both`` (each half run and
reported separately; JSON rows carry ``half``). Per language, at most
``--max-paragraphs N`` (default 30), sampled with ``--seed``: documents, and
each document's paragraphs, are shuffled and taken in turn, so that no
document dominates. Paragraphs are clipped to 400 characters (80 with
``--quick``) at a sentence end; a paragraph whose own letters are not of its
document's script (an ASCII option list in a Japanese man page) is skipped.

``--corpus builtin``: paragraphs labelled en, fr, de, es, zh-Hans, zh-Hant,
ja, ko from CPython's ``test/cjkencodings/*-utf8.txt`` samples (lines mostly
CJK, language from the file's codec, corrected per line), installed CJK man
pages and fortunes-zh cookies if present (``apt-get install manpages-zh
manpages-ja fortunes-zh``), and sentences written for this harness (below).

Languages fall into script groups: ``latin`` (every Latin-script language),
``cyrillic``, ``greek``, ``cjk`` (zh-Hans, zh-Hant, ja, ko) and ``other``
(Arabic, Hebrew, Indic, Thai, ...), from the loader's script label, else the
language, else the letters. A group cell takes at most ``--group-max M``
paragraphs (default 8 x N; 8 with --quick), languages in turn, largest first:
the real corpus has some 90 Latin-script languages, and N of each in every
cell would take hours. Per-language cells use all N.

Cells
-----
``direction/source>read-as/errors/group`` (chains:
``chain/src>dst|src>dst.../errors/group``), each applied per paragraph:

* forward: UTF-8 read as each of 10 CJK codecs (gbk gb18030 gb2312 big5
  cp950 shift_jis cp932 euc_jp euc_kr cp949) with errors strict (paragraphs
  that fail are skipped), ignore, replace (one U+FFFD per bad byte, as
  Python does) and ``?`` (replace, then U+FFFD -> '?'), for every group
  present; UTF-8 read as a single-byte code page (cp1252 latin-1 cp1250
  cp1251 cp1254 cp437 cp850 koi8_r mac_roman), strict and, where the code
  page leaves bytes undefined, ``sloppy`` (each undefined byte read as the
  C1 control of its value), for latin/cyrillic/greek/cjk; decoder variants:
  ``gbk-whatwg`` (a lone 0x80 is U+20AC, as cp936 and browsers read it),
  strict and replace, and ``replace-run`` (one U+FFFD per run of
  consecutive bad bytes) for gbk and shift_jis.
* reverse, per language: legacy bytes read as latin-1 and as sloppy cp1252
  (zh-Hans gbk, zh-Hant big5, ja shift_jis and euc_jp, ko euc_kr;
  ru/bg cp1251 and koi8_r, uk cp1251 and koi8_u -- koi8_r has no і ї є ґ;
  be/mk/sr cp1251; el iso8859_7 and cp1253; he cp1255; ar/fa cp1256);
  Latin text in cp1252 read as gbk; CJK codecs read as each other
  (gbk<->big5, shift_jis->gbk, euc_kr->gbk, gbk->shift_jis, euc_kr->big5),
  strict and replace.
* chain: 2-3 wrong reads in a row, each result saved as UTF-8 again
  (utf-8>cp1252|utf-8>gbk, utf-8>gbk|utf-8>cp1252, double cp1252, double
  cp1252 then gbk, double gbk -- the 锟斤拷 family); errors (strict,
  replace) apply to the multibyte links, single-byte links read sloppily
  where the code page has undefined bytes. latin/cyrillic/greek/cjk.
* clean: the paragraph untouched (false positives), one row per language.

A cell is ``lossless`` when no decode dropped or replaced a byte: its mode
cannot (strict, sloppy, latin-1), or no paragraph needed it to (a replace
decode of bytes that were all valid); else ``lossy``.

Metrics
-------
Per cell and tool (fixtext with its default config, plus the multibyte
codecs a forward or chain cell reads as; ``ftfy`` = ``ftfy.fix_text``
defaults, which also uncurl quotes and normalize width; ``ftfy-enc`` =
``ftfy.fix_encoding``), side by side: ``exact`` = % of paragraphs restored
exactly; ``acc`` = mean character accuracy, 1 - Levenshtein(original,
output) / len(original), floored at 0; ``nowrs`` = % of paragraphs whose
output is no worse (accuracy >= that of the corrupted input); ``ex/tr`` =
exact among the ``trace`` paragraphs, those whose corruption left something
to repair (changed, and not merely by silently losing characters, as
``ignore`` does). ``in-acc`` is the corrupted input's own accuracy,
``same`` counts paragraphs the corruption left unchanged, ``skip`` those the
cell could not produce (the text does not encode in the source codec, or a
strict decode failed). Clean rows report ``chg``, the paragraphs each tool
changed. Tool outputs are memoized per (tool, input) within a process, so
"tool time" counts each distinct input once.

Then: ftfy 6.3.1's own ``tests/test_cases.json`` (downloaded once with pip
into ~/.cache/fixtext-bench/), scored as ftfy's suite does, with fixtext
followed by ftfy's non-encoding fixes, and with fixtext's ``ftfy``
normalization preset; if ``fixtext.detect_encoding`` exists, CJK
legacy-codec detection accuracy vs. charset-normalizer on short (10
characters) and long (whole paragraph) byte strings, per half; and last, the
targets: lossless cells under 99.5 % exact, lossy cells where a paragraph
came out worse than its input, lossy latin/cyrillic/greek cells under 90 %
exact among traced paragraphs, clean rows with any change -- the cells
``--targets-for`` (fixtext) misses, each with every tool's figure, and how
many each tool misses.

``--jobs N`` (default: every core) runs cells in worker processes.
"""
from __future__ import annotations

import argparse
import codecs
import fnmatch
import gzip
import importlib.util
import itertools
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import ftfy

import fixtext

ALL_CODECS = ("gbk", "gb18030", "gb2312", "big5", "cp950", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949")
FORWARD_ERRORS = ("strict", "ignore", "replace", "?")
# UTF-8 read as a single-byte code page; those with undefined bytes also get a sloppy cell.
SINGLE_BYTE_CODECS = ("cp1252", "latin-1", "cp1250", "cp1251", "cp1254", "cp437", "cp850", "koi8_r", "mac_roman")
WHATWG = "-whatwg"  # suffix of a codec read as browsers do (gbk-whatwg: 0x80 is U+20AC)
VARIANT_CELLS = (("gbk" + WHATWG, "strict"), ("gbk" + WHATWG, "replace"), ("gbk", "replace-run"), ("shift_jis", "replace-run"))
LATIN_LANGS = ("en", "fr", "de", "es")
CJK_LANGS = ("zh-Hans", "zh-Hant", "ja", "ko")
GROUPS = {"latin": LATIN_LANGS, "cjk": CJK_LANGS}  # the builtin corpus's groups
SCRIPT_GROUPS = ("latin", "cyrillic", "greek", "cjk", "other")  # cell groups, in table order
ALPHABETIC_GROUPS = ("latin", "cyrillic", "greek")  # the groups the "exact among traced" target covers
SINGLE_BYTE_GROUPS = ("latin", "cyrillic", "greek", "cjk")
LEGACY = {"zh-Hans": ("gbk",), "zh-Hant": ("big5",), "ja": ("shift_jis", "euc_jp"), "ko": ("euc_kr",)}
# Single-byte legacy encodings per language (reverse cells only; detection stays CJK).
# Ukrainian gets koi8_u: koi8_r has no і, ї, є or ґ, so nearly every paragraph would be skipped.
SINGLE_LEGACY = {
    "ru": ("cp1251", "koi8_r"), "uk": ("cp1251", "koi8_u"), "bg": ("cp1251", "koi8_r"),
    "be": ("cp1251",), "mk": ("cp1251",), "sr": ("cp1251",),
    "el": ("iso8859_7", "cp1253"), "he": ("cp1255",), "ar": ("cp1256",), "fa": ("cp1256",),
}  # fmt: skip
CJK_PAIRS = (
    ("gbk", "big5", "zh-Hans"), ("big5", "gbk", "zh-Hant"), ("shift_jis", "gbk", "ja"), ("euc_kr", "gbk", "ko"),
    ("gbk", "shift_jis", "zh-Hans"), ("euc_kr", "big5", "ko"),
)  # fmt: skip
# Chains of wrong reads, each link "encode as source, decode as read-as" (see Cell.links).
CHAINS = (
    (("utf-8", "cp1252"), ("utf-8", "gbk")),
    (("utf-8", "gbk"), ("utf-8", "cp1252")),
    (("utf-8", "cp1252"), ("utf-8", "cp1252")),
    (("utf-8", "cp1252"), ("utf-8", "cp1252"), ("utf-8", "gbk")),
    (("utf-8", "gbk"), ("utf-8", "gbk")),
)
CHAIN_ERRORS = ("strict", "replace")
MAX_CHARS = 400  # paragraph cap, which also bounds the Levenshtein DP
MIN_CHARS = 10  # shorter found paragraphs (headings, table cells) are dropped
QUICK_PER_LANG = 3
QUICK_MAX_CHARS = 80  # --quick also skips longer paragraphs
DEFAULT_PER_LANG = 30
SEED = 1  # --seed default: which paragraphs of the real corpus are sampled
GROUP_FACTOR = 8  # --group-max default: 8 x --max-paragraphs (96 for 12)
QUICK_GROUP_MAX = 8  # --quick's --group-max default
TASK_PARAGRAPHS = 4  # paragraphs per --jobs task: small enough to balance two workers
MAN_FILES_PER_LANG = 20
FTFY_VERSION = "6.3.1"
CACHE_DIR = Path.home() / ".cache" / "fixtext-bench"

# ---------------------------------------------------------------- our corpus
# Written for this harness; not copied from any source.
OURS = {
    "en": [
        "“Is the ferry still running?” she asked, glancing at the clock.",
        "The committee’s findings — every last footnote — arrived by courier.",
        "We’d planned to leave at dawn… but the car wouldn’t start.",
        "Opening hours are 9–5 on weekdays and 10–2 on Saturdays.",
        "‘Not again,’ muttered the caretaker, reaching for the mop.",
        "He called it “the best soup in town,” which wasn’t saying much.",
        "The lighthouse, built in 1887–1891, is older than the station.",
        "I didn’t say you couldn’t come; I said it’d be crowded.",
        "Her answer was short—“No.”—and she didn’t elaborate.",
        "The children’s choir sang three songs; the audience wanted more…",
        "“Don’t touch that wire,” the electrician warned. “It’s live.”",
        "Chapters 4–6 cover the early years; the rest is mostly maps.",
        "It’s the kind of town where everyone knows whose dog barked.",
        "Wait — did anyone remember to lock the back door?",
        "The ’70s furniture looked oddly modern in the bright room.",
        "“We’ll see,” said Grandma, which everyone knew meant “no.”",
        "The forecast promised sun; the sky had other ideas…",
        "Read the label twice—once for the dose, once for the warnings.",
        "Tom’s and Maria’s bikes were chained to the same railing.",
        "She wrote ‘fragile’ on every box, even the ones full of books.",
        "The final score was 3–1, thanks to a late and scrappy goal.",
        "“Where’s the key?” “Under the mat, where it always is.”",
        "Nobody’s sure who painted the mural … or when.",
        "The recipe calls for flour, butter, sugar — and patience.",
        "I’ve read that chapter before; it doesn’t get any shorter.",
        "The train from Leeds is delayed by 20–25 minutes, they say.",
        "“Honestly,” he sighed, “I’d rather walk in the rain.”",
        "Their house—the blue one on the corner—has a new roof.",
        "The museum’s café closes at four, so don’t linger.",
        "Well… it isn’t what we ordered, but it’ll do.",
    ],
    "fr": [
        "« Où est la boulangerie ? » demanda-t-elle à l’épicier.",
        "Le garçon a déjà mangé sa crème brûlée avant le dîner.",
        "Nous irons à la fête de Noël chez ma sœur à Besançon.",
        "Ça coûte vingt-cinq euros, frais de livraison compris.",
    ],
    "de": [
        "Die Bäckerei öffnet um sechs Uhr, außer an Feiertagen.",
        "Größere Schüler dürfen über die Brücke zur Straßenbahn gehen.",
        "„Schön, dass du da bist“, sagte die Großmutter fröhlich.",
    ],
    "es": [
        "¿Dónde está la estación? Preguntó el niño con timidez.",
        "El señor Muñoz compró una piña y dos limones en el mercado.",
        "¡Qué sorpresa! Mañana llegará mi tía desde Cádiz.",
    ],
    "zh-Hans": [
        "今天下午图书馆提前关门，我们只好去咖啡店写作业。",
        "他把旧自行车修好了，打算周末骑车去郊外看油菜花。",
        "这家面馆的牛肉面很受欢迎，中午常常要排队二十分钟。",
        "请在星期五之前把报名表交给班主任，逾期不再受理。",
        "外婆用新鲜的荠菜包了饺子，全家人都说味道特别好。",
        "雨下了一整夜，早上出门时路边的小河已经涨满了水。",
        "我们在山顶等了很久，终于看到太阳从云海里慢慢升起。",
        "这本小说讲述了一个渔村少年离开家乡、外出闯荡的故事。",
        "公司决定明年在南方开设新的仓库，以缩短送货时间。",
        "孩子们在操场上放风筝，笑声一直传到了教学楼里。",
    ],
    "zh-Hant": [
        "今天早上的公車誤點了，我差點趕不上第一堂課。",
        "這間書店開了三十年，老闆仍然記得每位常客的名字。",
        "颱風過後，街道上到處都是被吹斷的樹枝。",
        "媽媽在陽台種了番茄和九層塔，夏天收成很好。",
        "請把會議紀錄整理好，下週一寄給所有與會者。",
        "他們沿著河邊散步，一直走到燈火通明的夜市。",
    ],
    "ja": [
        "駅前の本屋は、来月から営業時間を夜九時まで延ばすそうです。",
        "昨日の雨で、庭のあじさいが一段と鮮やかになりました。",
        "このアプリを使えば、電車の乗り換えを簡単に調べられます。",
        "週末は友達と一緒に、山のふもとの温泉へ行く予定です。",
        "祖母が作ってくれた梅干しは、少し酸っぱいけれど懐かしい味がします。",
        "会議の資料は、明日の朝までに全員へメールで送ってください。",
        "猫が窓辺で昼寝をしていて、起こすのがかわいそうだった。",
        "新しいパン屋のクロワッサンは、外がさくさくで中がしっとりしている。",
        "冬になると、この湖には遠くから白鳥が飛んできます。",
        "子どもたちは運動会のために、毎日リレーの練習をしています。",
    ],
    "ko": [
        "오늘 아침에는 안개가 짙어서 버스가 조금 늦게 왔습니다.",
        "도서관 앞 벤치에 앉아 따뜻한 커피를 마시며 책을 읽었다.",
        "이번 주말에 가족들과 함께 바닷가에 놀러 갈 계획이에요.",
        "시장에서 산 사과가 생각보다 훨씬 달고 맛있었다.",
        "회의 자료는 내일 오전까지 모두에게 메일로 보내 주세요.",
        "동생은 요즘 기타를 배우느라 매일 저녁 연습을 한다.",
        "비가 그친 뒤 하늘에 커다란 무지개가 떴습니다.",
        "새로 생긴 식당의 김치찌개가 동네에서 제일 맛있다고 한다.",
        "아이들이 운동장에서 공을 차며 신나게 뛰어놀고 있었다.",
        "겨울이 오기 전에 창문 틈을 막아 두는 것이 좋겠어요.",
    ],
}


@dataclass(frozen=True)
class Paragraph:
    text: str
    lang: str
    source: str
    doc_id: str = ""  # real corpus only: sampling takes documents in turn
    half: str = ""  # real corpus only: "tune" or "check"
    script: str = ""  # as the loader labels it ("Latn", "Cyrl", ...); "" = judge by lang/text
    grouped: bool = True  # whether script-group cells use it (--group-max); per-language cells always do


# ------------------------------------------------------------- script tests
def _script(ch: str) -> str | None:
    """'han', 'kana', 'hangul' or None."""
    cp = ord(ch)
    if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F:
        return "kana"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF:
        return "han"
    return None


def mostly_cjk(line: str, share: float = 0.5, minimum: int = 4) -> bool:
    """True when most letters of `line` are han, kana or hangul."""
    letters = [ch for ch in line if unicodedata.category(ch).startswith("L")]
    cjk = sum(1 for ch in letters if _script(ch))
    return cjk >= minimum and cjk >= share * len(letters)


def _encodes(text: str, codec: str) -> bool:
    return encode_as(text, codec) is not None


def refine_lang(line: str, lang: str) -> str:
    """The file's language, unless the line is plainly in another CJK script."""
    scripts = [s for s in map(_script, line) if s]
    if scripts.count("hangul") * 2 > len(scripts):
        return "ko"
    if "kana" in scripts:
        return "ja"
    if lang in ("ko", "ja"):
        return lang
    if lang == "zh-Hans" and not _encodes(line, "gb2312") and _encodes(line, "big5"):
        return "zh-Hant"
    return lang


# ------------------------------------------------------------ script groups
_LANG_GROUPS = {
    **{lang: "cjk" for lang in (*CJK_LANGS, "zh", "yue", "lzh")},
    **{lang: "cyrillic" for lang in ("ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "tg", "mn", "ba", "tt", "cv")},
    "el": "greek",
    **{lang: "other" for lang in ("ar", "he", "fa", "ur", "yi", "hi", "mr", "ne", "bn", "ta", "te", "th", "ka", "hy", "am")},
}  # fmt: skip
# Script labels (ISO 15924 codes, or names as benchmarks/corpus.py writes them) -> group.
_SCRIPT_NAMES = {
    "latn": "latin", "latin": "latin", "cyrl": "cyrillic", "cyrillic": "cyrillic", "grek": "greek", "greek": "greek",
    **{code: "cjk" for code in ("hans", "hant", "hani", "han", "jpan", "japanese", "kore", "korean", "hang", "hangul",
                                "hira", "hiragana", "kana", "katakana", "hrkt", "cjk", "chinese", "ideographic")},
}  # fmt: skip
_NO_SCRIPT = ("", "common", "zyyy", "zzzz", "unknown", "other")  # labels that say nothing: judge by language/letters
_NAME_GROUPS = {"LATIN": "latin", "CYRILLIC": "cyrillic", "GREEK": "greek", "CJK": "cjk", "HIRAGANA": "cjk",
                "KATAKANA": "cjk", "HANGUL": "cjk", "IDEOGRAPHIC": "cjk"}  # fmt: skip


def group_of(para: Paragraph) -> str:
    """The script group of a paragraph: the loader's script label, else its language, else its letters."""
    return _group(para.lang, para.script, para.text)


@lru_cache(maxsize=50_000)
def _group(lang: str, script: str, text: str) -> str:
    if script.lower() not in _NO_SCRIPT:
        return _SCRIPT_NAMES.get(script.lower(), "other")
    known = _LANG_GROUPS.get(lang) or _LANG_GROUPS.get(lang.split("-")[0])
    if known or lang in LATIN_LANGS:
        return known or "latin"
    return text_group(text) or "latin"


def text_group(text: str) -> str | None:
    """The group of a text's letters (by Unicode character name); None without letters.

    As benchmarks/corpus.py judges scripts, another group beats Latin from
    5 % of the letters: a Russian man page is full of ASCII option names.
    """
    counts: dict[str, int] = defaultdict(int)
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "?").removeprefix("FULLWIDTH ").removeprefix("HALFWIDTH ")
            counts[_NAME_GROUPS.get(name.split(" ")[0], "other")] += 1
    letters = sum(counts.values())
    others = [(n, group) for group, n in counts.items() if group != "latin"]
    if others and max(others)[0] >= 0.05 * letters:
        return max(others)[1]
    return "latin" if letters else None


def group_order(group: str) -> int:
    return SCRIPT_GROUPS.index(group) if group in SCRIPT_GROUPS else len(SCRIPT_GROUPS)


# ------------------------------------------------------------ paragraphs
def paragraphs_from_lines(lines: Iterable[str | None], lang: str, source: str) -> list[Paragraph]:
    """Group consecutive mostly-CJK lines of one language into paragraphs.

    A None, blank or rejected line ends a paragraph; so does MAX_CHARS.
    Paragraphs under MIN_CHARS are dropped.
    """
    out: list[Paragraph] = []
    block: list[str] = []
    block_lang = lang

    def flush() -> None:
        text = "\n".join(block)
        if len(text) >= MIN_CHARS:
            out.append(Paragraph(text, block_lang, source))
        block.clear()

    for raw in lines:
        line = (raw or "").strip()
        if not line or not mostly_cjk(line):
            flush()
            continue
        line = line[:MAX_CHARS]
        line_lang = refine_lang(line, lang)
        if line_lang != block_lang or sum(map(len, block)) + len(block) + len(line) > MAX_CHARS:
            flush()
            block_lang = line_lang
        block.append(line)
    flush()
    return out


CPYTHON_LANGS = {
    "gb2312": "zh-Hans", "gbk": "zh-Hans", "gb18030": "zh-Hans", "hz": "zh-Hans",
    "big5": "zh-Hant", "big5hkscs": "zh-Hant",
    "euc_jp": "ja", "shift_jis": "ja", "iso2022_jp": "ja", "euc_jisx0213": "ja", "shift_jisx0213": "ja",
    "euc_kr": "ko", "cp949": "ko", "johab": "ko", "iso2022_kr": "ko",
}  # fmt: skip


def cpython_paragraphs(notes: list[str]) -> list[Paragraph]:
    """Paragraphs from CPython's test/cjkencodings/*-utf8.txt."""
    try:
        import test
    except ImportError:
        notes.append("CPython's test package is missing: no cjkencodings paragraphs.")
        return []
    folder = Path(test.__file__).parent / "cjkencodings"
    files = sorted(folder.glob("*-utf8.txt"))
    if not files:
        notes.append(f"{folder} has no *-utf8.txt files: no cjkencodings paragraphs.")
    out: list[Paragraph] = []
    for path in files:
        codec = path.name[: -len("-utf8.txt")]
        lang = CPYTHON_LANGS.get(codec)
        if lang:
            lines = path.read_text(encoding="utf-8").splitlines()
            out += paragraphs_from_lines(lines, lang, f"cpython:{codec}")
    return out


MAN_DIRS = {"zh_CN": "zh-Hans", "zh_TW": "zh-Hant", "ja": "ja", "ko": "ko"}
_ROFF_SIMPLE = {"\\-": "-", "\\ ": " ", "\\~": " ", "\\&": "", "\\|": "", "\\^": "", "\\%": "", "\\c": ""}


def strip_roff(line: str) -> str | None:
    """A roff text line without inline escapes; None for a request line."""
    if line.startswith((".", "'")):
        return None
    for escape, plain in _ROFF_SIMPLE.items():
        line = line.replace(escape, plain)
    out, i = [], 0
    while i < len(line):
        if line[i] != "\\" or i + 1 == len(line):
            out.append(line[i])
            i += 1
        else:
            i = _skip_escape(line, i + 1)
    return "".join(out)


def _skip_escape(line: str, i: int) -> int:
    """Index after the escape whose letter is at `i` (\\fB, \\f(CW, \\f[..], \\(em, \\*x, \\s-1...)."""
    letter = line[i]
    i += 1
    if letter == "s":
        while i < len(line) and (line[i] in "+-" or line[i].isdigit()):
            i += 1
        return i
    if letter == "(":
        return i + 2
    if letter not in "f*n" or i >= len(line):
        return i
    if line[i] == "(":
        return i + 3
    if line[i] == "[":
        end = line.find("]", i)
        return end + 1 if end >= 0 else len(line)
    return i + 1


def man_paragraphs(notes: list[str], files_per_lang: int = MAN_FILES_PER_LANG) -> list[Paragraph]:
    """Paragraphs from installed CJK man pages (manpages-zh, manpages-ja, ...)."""
    out: list[Paragraph] = []
    for folder, lang in MAN_DIRS.items():
        pages = sorted(Path("/usr/share/man", folder).glob("man*/*"))[:files_per_lang]
        for page in pages:
            text = _read_man(page)
            if text is not None:
                lines = [strip_roff(line) for line in text.splitlines()]
                out += paragraphs_from_lines(lines, lang, f"man:{folder}")
    for package in ("manpages-zh", "manpages-ja"):
        if not Path("/usr/share/doc", package).exists():
            notes.append(f"{package} is not installed (apt-get install manpages-zh manpages-ja fortunes-zh).")
    return out


def _read_man(path: Path) -> str | None:
    try:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return data.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        return None


FORTUNE_GLOBS = ("/usr/share/games/fortunes/zh/*", "/usr/share/games/fortunes/*zh*", "/usr/share/games/fortunes-zh/*")


def fortune_paragraphs(notes: list[str], max_files: int = 10) -> list[Paragraph]:
    """Paragraphs from fortunes-zh cookie files ('%'-separated)."""
    files = sorted({p.resolve() for g in FORTUNE_GLOBS for p in Path("/").glob(g.lstrip("/")) if _is_cookie_file(p)})
    if not files:
        notes.append("fortunes-zh is not installed (apt-get install manpages-zh manpages-ja fortunes-zh).")
    out: list[Paragraph] = []
    for path in files[:max_files]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        lines = [None if line.strip() == "%" else line for line in text.splitlines()]
        for para in paragraphs_from_lines(lines, "zh-Hans", "fortunes-zh"):
            out.append(para)
    return out


def _is_cookie_file(path: Path) -> bool:
    return path.is_file() and path.suffix not in (".dat", ".u8", ".gz")


def our_paragraphs() -> list[Paragraph]:
    return [Paragraph(text, lang, "ours") for lang, texts in OURS.items() for text in texts]


def select(paragraphs: list[Paragraph], per_lang: int, max_chars: int = MAX_CHARS) -> list[Paragraph]:
    """At most `per_lang` paragraphs per language (of at most `max_chars`), taken in turn from each kind of source."""
    by_lang: dict[str, dict[str, list[Paragraph]]] = defaultdict(lambda: defaultdict(list))
    seen: set[str] = set()
    for para in paragraphs:
        if para.text not in seen and len(para.text) <= max_chars:
            seen.add(para.text)
            by_lang[para.lang][para.source.split(":")[0]].append(para)
    chosen: list[Paragraph] = []
    for lang in (*LATIN_LANGS, *CJK_LANGS):
        chosen += list(_round_robin(by_lang[lang].values()))[:per_lang]
    return chosen


def _round_robin(queues: Iterable[list]) -> Iterator:
    queues = [list(q) for q in queues]
    for i in range(max(map(len, queues), default=0)):
        for queue in queues:
            if i < len(queue):
                yield queue[i]


def build_corpus(per_lang: int, notes: list[str], max_chars: int = MAX_CHARS) -> list[Paragraph]:
    """Our sentences first, then CPython's samples, man pages and fortunes."""
    found = our_paragraphs() + cpython_paragraphs(notes) + man_paragraphs(notes) + fortune_paragraphs(notes)
    return select(found, per_lang, max_chars)


# ------------------------------------------------------------- real corpus
CORPUS_MODULE = Path(__file__).resolve().parent / "corpus.py"
# Left out of the real corpus: this repository's docs quote mojibake on purpose (not clean
# originals), and its data tables are what fixtext is built from (scoring on them flatters it).
SKIP_SOURCES = ("repo-docs", "repo-data")
SENTENCE_ENDS = ".!?。！？؟"


class CorpusUnavailable(RuntimeError):
    """benchmarks/corpus.py is missing, or its loader could not load (no cache)."""


def load_corpus_module() -> ModuleType:
    """benchmarks/corpus.py, loaded by path (benchmarks/ is not a package)."""
    if not CORPUS_MODULE.exists():
        raise CorpusUnavailable(f"{CORPUS_MODULE} does not exist")
    spec = importlib.util.spec_from_file_location("fixtext_bench_corpus", CORPUS_MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def load_real(half: str, langs: list[str] | None = None, limit: int | None = None) -> list:
    """The loader's paragraphs of one half; CorpusUnavailable (with its message) when it fails."""
    try:
        return list(load_corpus_module().load_paragraphs(half=half, langs=langs, limit=limit))
    except CorpusUnavailable:
        raise
    except Exception as exc:  # the loader's own "cache missing" error, whatever its type
        raise CorpusUnavailable(f"{type(exc).__name__}: {exc}") from exc


def real_corpus_problem() -> str | None:
    """Why the real corpus cannot be used (None: it loads; one paragraph is asked for)."""
    try:
        return None if load_real("check", limit=1) else "the loader returned no paragraphs"
    except CorpusUnavailable as exc:
        return str(exc)


def choose_corpus(requested: str | None, notes: list[str]) -> str:
    """'real' or 'builtin': as asked, else real when its cache loads; asking for real without one is an error."""
    if requested == "builtin":
        return "builtin"
    problem = real_corpus_problem()
    if problem is None:
        return "real"
    if requested == "real":
        raise SystemExit(f"--corpus real: {problem} (build the cache with: python tools/build_corpus.py)")
    notes.append(f"real corpus unavailable ({problem}); using the builtin corpus (python tools/build_corpus.py builds it)")
    return "builtin"


def clip(text: str, max_chars: int) -> str:
    """`text` cut to `max_chars`: after the last sentence end, else the last space, in the second half."""
    if len(text) <= max_chars:
        return text
    window = text[:max_chars]
    end = max(window.rfind(mark) for mark in SENTENCE_ENDS)
    if end >= max_chars // 2:
        return window[: end + 1]
    space = window.rfind(" ")
    return window[:space].rstrip() if space >= max_chars // 2 else window


def to_paragraph(item: Any, max_chars: int = MAX_CHARS) -> Paragraph | None:
    """A loader paragraph as the harness's Paragraph (clipped); None when too short or off-script.

    Paragraphs carry their document's script label, so an ASCII option list
    in a Japanese man page says "Japanese": such a paragraph (its own letters
    are of another group, or it has none) would only dilute its cells; so
    would English text in a document labelled ja (its label says Latin).
    """
    text = clip(str(item.text).strip(), max_chars)
    if len(text) < MIN_CHARS:
        return None
    extra = {name: str(getattr(item, name, "") or "") for name in ("doc_id", "half", "script")}
    para = Paragraph(text, str(item.lang), str(getattr(item, "source", "") or "real"), **extra)
    expected = _LANG_GROUPS.get(para.lang)  # exact tags only: sr-Latn is Latin, sr Cyrillic
    return para if text_group(text) == group_of(para) and expected in (None, group_of(para)) else None


def sample_paragraphs(
    items: Iterable, per_lang: int, seed: int = SEED, convert: Callable[[Any], Paragraph | None] | None = None
) -> list[Paragraph]:
    """At most `per_lang` paragraphs per language, documents taken in turn so that none dominates.

    `items` have lang, doc_id and text (loader paragraphs or Paragraphs);
    `convert` turns one into a Paragraph or None (skipped), and is called
    only on the items taken, in the order they are taken -- the real corpus
    holds some 270,000 per half. Documents, and each document's items, are
    shuffled by a generator seeded with (seed, language): a run is
    repeatable and independent of the loader's order. Languages come out
    ordered by script group, then by how many items they have (most first:
    cap_groups takes languages in this order), then name.
    """
    by_lang: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        by_lang[item.lang][str(item.doc_id)].append(item)
    chosen: list[Paragraph] = []
    seen: set[str] = set()
    size = {lang: sum(map(len, docs.values())) for lang, docs in by_lang.items()}
    for lang in sorted(by_lang, key=lambda lang: (_label_group_order(by_lang[lang]), -size[lang], lang)):
        rng = random.Random(f"{seed}:{lang}")
        docs = sorted(by_lang[lang])
        rng.shuffle(docs)
        queues = [rng.sample(sorted(by_lang[lang][doc], key=lambda item: item.text), len(by_lang[lang][doc])) for doc in docs]
        taken = 0
        for item in _round_robin(queues):
            para = convert(item) if convert else item
            if para is not None and para.text not in seen and taken < per_lang:
                seen.add(para.text)
                chosen.append(para)
                taken += 1
            if taken >= per_lang:
                break
    return chosen


def _label_group_order(docs: dict[str, list]) -> int:
    """The order of the group most of a language's items are labelled with (Icelandic has a Runic document)."""
    labels = Counter(_group(item.lang, getattr(item, "script", "") or "", "") for items in docs.values() for item in items)
    return group_order(labels.most_common(1)[0][0])


def cap_groups(corpus: list[Paragraph], group_max: int | None) -> list[Paragraph]:
    """Mark at most `group_max` paragraphs per script group for the group cells, languages in turn.

    The real corpus has some 90 Latin-script languages and 40 of other
    scripts: N per language in every group cell would cost hours (fixtext
    spends up to a second on a damaged paragraph). Languages are taken in
    corpus order (largest first), one paragraph each per round, so every
    language is represented before any gets a second paragraph.
    """
    if group_max is None:
        return corpus
    queues: dict[str, dict[str, list[Paragraph]]] = defaultdict(lambda: defaultdict(list))
    for para in corpus:
        queues[group_of(para)][para.lang].append(para)
    kept = {id(para) for langs in queues.values() for para in itertools.islice(_round_robin(langs.values()), group_max)}
    return [para if id(para) in kept else replace(para, grouped=False) for para in corpus]


def real_corpus(half: str, per_lang: int, max_chars: int = MAX_CHARS, seed: int = SEED, langs: list[str] | None = None) -> list[Paragraph]:
    """Sampled paragraphs of one half of the real corpus (benchmarks/corpus.py), SKIP_SOURCES left out."""
    items = [item for item in load_real(half, langs) if getattr(item, "source", "") not in SKIP_SOURCES]
    return sample_paragraphs(items, per_lang, seed, lambda item: to_paragraph(item, max_chars))


# ------------------------------------------------------------- corruption
def _sloppy(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(map(chr, exc.object[exc.start : exc.end])), exc.end


codecs.register_error("fixtext-bench-sloppy", _sloppy)


def sloppy_cp1252(data: bytes) -> str:
    """cp1252, with each byte it leaves undefined read as the C1 control of that value."""
    return data.decode("cp1252", "fixtext-bench-sloppy")


class _Run:
    """Where the last error of the decode in progress ended (for 'replace-run')."""

    data: object = None
    end = -1


def _error_handler(mode: str, euro: bool) -> Callable[[UnicodeError], tuple[str, int]]:
    """A codec error handler: `mode` for bad bytes, and (euro) a lone 0x80 read as U+20AC.

    Python's CJK decoders report one error per bad byte, so a run of bad
    bytes is consecutive errors, each starting where the last one ended.
    """

    def handle(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeDecodeError):
            raise exc
        if euro and exc.object[exc.start] == 0x80:
            return "\u20ac", exc.start + 1  # what cp936 and the WHATWG gbk decoder do
        if mode == "replace-run":
            continues = _Run.data is exc.object and _Run.end == exc.start
            _Run.data, _Run.end = exc.object, exc.end
            return ("" if continues else "\ufffd"), exc.end
        if mode == "replace":
            return "\ufffd", exc.end
        if mode == "ignore":
            return "", exc.end
        if mode == "sloppy":
            return _sloppy(exc)
        raise exc

    return handle


ERROR_MODES = ("strict", "ignore", "replace", "replace-run", "sloppy")
for _mode in ERROR_MODES:
    for _euro in (False, True):
        codecs.register_error(f"fixtext-bench-{'euro-' * _euro}{_mode}", _error_handler(_mode, _euro))


def encode_as(text: str, codec: str) -> bytes | None:
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        return None


def decode_as(data: bytes, codec: str, errors: str) -> str | None:
    """`data` read as `codec`; None when a strict decode fails.

    errors: strict, ignore, replace (one U+FFFD per bad byte, as Python
    does), '?' (replace, then U+FFFD -> '?'), replace-run (one U+FFFD per run
    of consecutive bad bytes) or sloppy (each undefined byte read as the
    character of the same number: a C1 control for the Windows code pages).
    A codec named 'gbk-whatwg' is gbk with a lone 0x80 read as U+20AC.
    """
    if errors == "?":
        out = decode_as(data, codec, "replace")
        return None if out is None else out.replace("\ufffd", "?")
    euro = codec.endswith(WHATWG)
    base = codec[: -len(WHATWG)] if euro else codec
    if errors not in ERROR_MODES:
        raise ValueError(f"unknown error mode {errors!r}")
    _Run.data, _Run.end = None, -1  # a run never continues from another decode
    try:
        return data.decode(base, f"fixtext-bench-{'euro-' * euro}{errors}")
    except UnicodeDecodeError:
        return None


def is_multibyte(codec: str) -> bool:
    return codec.removesuffix(WHATWG) in ALL_CODECS


@cache
def undefined_bytes(codec: str) -> tuple[int, ...]:
    """The bytes a single-byte `codec` does not define (cp1252: 0x81 0x8d 0x8f 0x90 0x9d)."""
    return tuple(b for b in range(256) if decode_as(bytes([b]), codec, "strict") is None)


def link_errors(read_as: str, errors: str) -> str:
    """How one link of a chain decodes: a multibyte codec with the cell's mode;
    a single-byte code page strictly, or sloppily if it has undefined bytes
    (as the Windows code pages are read in the wild)."""
    if is_multibyte(read_as):
        return errors
    return "sloppy" if undefined_bytes(read_as) else "strict"


def damage(text: str, links: tuple[tuple[str, str], ...], errors: str) -> tuple[str | None, bool]:
    """`text` through each (encode as, decode as) link: the result (None when
    it cannot be made) and whether a decode lost bytes (needed its error mode)."""
    lost = False
    for source, read_as in links:
        data = encode_as(text, source)
        mode = errors if len(links) == 1 else link_errors(read_as, errors)
        out = None if data is None else decode_as(data, read_as, mode)
        if out is None:
            return None, lost
        lost = lost or (mode not in ("strict", "sloppy") and decode_as(data, read_as, "strict") is None)
        text = out
    return text, lost


@dataclass(frozen=True)
class Cell:
    direction: str  # forward, reverse, chain or clean
    source: str  # codec the text was written in
    read_as: str  # codec it was wrongly read as
    errors: str  # strict, ignore, replace, ?, replace-run, sloppy
    group: str  # a script group (latin, cyrillic, greek, cjk, other) or a language
    links: tuple[tuple[str, str], ...] = ()  # chain only: (encode as, decode as) per link

    @property
    def key(self) -> str:
        if self.direction == "clean":
            return f"clean/{self.group}"
        if self.direction == "chain":
            path = "|".join(f"{source}>{read_as}" for source, read_as in self.links)
            return f"chain/{path}/{self.errors}/{self.group}"
        return f"{self.direction}/{self.source}>{self.read_as}/{self.errors}/{self.group}"

    @property
    def lossless(self) -> bool:
        """By error mode; a lossy-mode cell whose decodes lost nothing is lossless too (CellResult.lossless)."""
        return self.errors in ("strict", "sloppy", "-")

    def applies(self, para: Paragraph) -> bool:
        if self.group in SCRIPT_GROUPS:
            return para.grouped and group_of(para) == self.group
        return para.lang == self.group

    def damage(self, text: str) -> tuple[str | None, bool]:
        """The corrupted text (None: the cell cannot make it) and whether bytes were lost."""
        if self.direction == "clean":
            return text, False
        return damage(text, self.links or ((self.source, self.read_as),), self.errors)

    def corrupt(self, text: str) -> str | None:
        return self.damage(text)[0]


def chain(*links: tuple[str, str], errors: str, group: str) -> Cell:
    return Cell("chain", links[0][0], links[-1][1], errors, group, tuple(links))


def corpus_langs(corpus: Iterable[Paragraph] | None) -> dict[str, str]:
    """Language -> script group, in corpus order; the builtin languages for None."""
    if corpus is None:
        return {lang: group for group, langs in GROUPS.items() for lang in langs}
    langs: dict[str, str] = {}
    for para in corpus:
        langs.setdefault(para.lang, group_of(para))
    return langs


def build_cells(corpus: Iterable[Paragraph] | None = None) -> list[Cell]:
    """Every cell for the languages and script groups of `corpus` (None: the builtin corpus's)."""
    langs = corpus_langs(corpus)
    present = set(langs.values())
    groups = [g for g in SCRIPT_GROUPS if g in present]
    cells = [
        Cell("forward", "utf-8", codec, errors, group)
        for group in groups
        for codec in ALL_CODECS
        for errors in FORWARD_ERRORS
    ]
    cells += _single_byte_cells([g for g in groups if g in SINGLE_BYTE_GROUPS])
    cells += [Cell("forward", "utf-8", codec, errors, group) for group in groups for codec, errors in VARIANT_CELLS]
    cells += _reverse_cells(langs)
    cells += [chain(*links, errors=errors, group=g) for links in CHAINS for errors in _chain_errors(links) for g in groups if g in SINGLE_BYTE_GROUPS]
    cells += [Cell("clean", "-", "-", "-", lang) for lang in langs]
    return cells


def _chain_errors(links: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """A chain's error modes: they act on its multibyte links only (single-byte ones read sloppily)."""
    return CHAIN_ERRORS if any(is_multibyte(read_as) for _, read_as in links) else ("strict",)


def _single_byte_cells(groups: list[str]) -> list[Cell]:
    """UTF-8 read as each code page: strict (skips what fails) and, with undefined bytes, sloppy."""
    modes = {codec: ("strict", "sloppy") if undefined_bytes(codec) else ("strict",) for codec in SINGLE_BYTE_CODECS}
    return [Cell("forward", "utf-8", codec, errors, group) for group in groups for codec in SINGLE_BYTE_CODECS for errors in modes[codec]]


def _reverse_cells(langs: dict[str, str]) -> list[Cell]:
    """Legacy bytes read as latin-1 / sloppy cp1252, cp1252 read as gbk, CJK codecs read as each other."""
    cells = []
    for lang in langs:
        for codec in (*LEGACY.get(lang, ()), *SINGLE_LEGACY.get(lang, ())):
            cells.append(Cell("reverse", codec, "latin-1", "strict", lang))
            cells.append(Cell("reverse", codec, "cp1252", "sloppy", lang))
    if "latin" in langs.values():
        cells += [Cell("reverse", "cp1252", "gbk", errors, "latin") for errors in ("strict", "replace")]
    pairs = [(src, dst, lang) for src, dst, lang in CJK_PAIRS if lang in langs]
    cells += [Cell("reverse", src, dst, errors, lang) for src, dst, lang in pairs for errors in ("strict", "replace")]
    return cells


def filter_cells(cells: list[Cell], patterns: list[str] | None) -> list[Cell]:
    if not patterns:
        return cells
    return [cell for cell in cells if any(fnmatch.fnmatchcase(cell.key, p) for p in patterns)]


# ---------------------------------------------------------------- metrics
@lru_cache(maxsize=20_000)
def levenshtein(a: str, b: str) -> int:
    """Edit distance (insert, delete, substitute).

    Myers' bit-parallel algorithm (Hyyrö's formulation), with Python ints as
    bit vectors over `a`: one pass over `b` of a few integer operations per
    character, instead of len(a) * len(b) steps of the textbook table --
    the harness scores tens of thousands of 400-character paragraphs.
    """
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if not a or not b:
        return len(a) + len(b)
    match: dict[str, int] = defaultdict(int)  # character -> bits of its positions in a
    for i, ch in enumerate(a):
        match[ch] |= 1 << i
    mask, high = (1 << len(a)) - 1, 1 << (len(a) - 1)
    plus, minus, score = mask, 0, len(a)  # vertical deltas +1 / -1 down the current column
    for ch in b:
        eq = match.get(ch, 0)
        x_vertical = eq | minus
        x_horizontal = (((eq & plus) + plus) ^ plus) | eq
        h_plus = minus | ~(x_horizontal | plus)
        h_minus = plus & x_horizontal
        score += 1 if h_plus & high else -1 if h_minus & high else 0
        h_plus = (h_plus << 1) | 1  # row 0 of the table is 0, 1, 2, ...: each step right adds one
        h_minus <<= 1
        plus = (h_minus | ~(x_vertical | h_plus)) & mask
        minus = h_plus & x_vertical & mask
    return score


def levenshtein_table(a: str, b: str) -> int:
    """The textbook O(len(a) * len(b)) edit distance: the reference the tests hold levenshtein to."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def char_accuracy(original: str, other: str) -> float:
    """1 - edit distance / len(original), floored at 0; texts capped at MAX_CHARS (2x for `other`)."""
    original, other = original[:MAX_CHARS], other[: 2 * MAX_CHARS]
    if not original:
        return 1.0 if not other else 0.0
    if abs(len(other) - len(original)) >= len(original):
        return 0.0  # the distance is at least len(original)
    return max(0.0, 1.0 - levenshtein(original, other) / len(original))


def has_trace(original: str, corrupted: str) -> bool:
    """Whether the corruption left something to repair: the text changed, and
    not only by losing characters (a silent 'ignore' drop leaves no trace)."""
    if corrupted == original:
        return False
    rest = iter(original)
    return not all(ch in rest for ch in corrupted)  # False when corrupted is a subsequence


@dataclass
class ToolScore:
    exact: int = 0
    changed: int = 0
    no_worse: int = 0
    acc_sum: float = 0.0
    errors: int = 0
    first_error: str = ""
    seconds: float = 0.0
    traced_exact: int = 0  # exact among the paragraphs with a trace

    def add(self, other: ToolScore) -> None:
        """Fold in the score of another part of the same cell (--jobs)."""
        for f in fields(self):
            if f.name != "first_error":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.first_error = self.first_error or other.first_error


@dataclass
class CellResult:
    cell: Cell
    tools: dict[str, ToolScore]
    n: int = 0
    skipped: int = 0
    same: int = 0
    input_acc_sum: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # fixtext's, first few
    traced: int = 0  # paragraphs whose corruption left a trace (has_trace)
    lost: int = 0  # paragraphs whose decode lost bytes (needed its error mode)
    script_group: str = ""  # of the paragraphs scored (per-language cells)

    @property
    def lossless(self) -> bool:
        """No decode lost a byte: the mode cannot lose one, or no paragraph needed it to."""
        return self.cell.lossless or self.lost == 0

    def add(self, other: CellResult) -> None:
        """Fold in the result of another part of the same cell (--jobs)."""
        for name in ("n", "skipped", "same", "input_acc_sum", "traced", "lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, score in other.tools.items():
            self.tools[name].add(score)
        self.failures = (self.failures + other.failures)[:3]
        self.script_group = self.script_group or other.script_group


Tool = Callable[[str], str]


@dataclass(frozen=True)
class FixtextTool:
    """fixtext.fix_text with a config; a class, not a closure, so --jobs can pickle it."""

    config: fixtext.Config | None = None

    def __call__(self, text: str) -> str:
        return fixtext.fix_text(text, config=self.config) if self.config is not None else fixtext.fix_text(text)


def make_tools(config: fixtext.Config | None) -> dict[str, Tool]:
    return {"fixtext": FixtextTool(config), "ftfy": ftfy.fix_text, "ftfy-enc": ftfy.fix_encoding}


def harness_config() -> tuple[fixtext.Config | None, str]:
    """fixtext's default config: what users get (clean, reverse cells, ftfy's suite)."""
    note = "fixtext config: default; forward and chain cells add the multibyte codecs they read as (Config(codecs=default + them))"
    return None, note


def cell_config(cell: "Cell") -> fixtext.Config | None:
    """A forward or chain cell's multibyte codecs are named in the config, as a user who knows the damage would."""
    if cell.direction not in ("forward", "chain"):
        return None
    named = [read_as.removesuffix(WHATWG) for _, read_as in cell.links or ((cell.source, cell.read_as),)]
    default = fixtext.Config().codecs
    extra = tuple(dict.fromkeys((*default, *(codec for codec in named if codec in ALL_CODECS))))
    return None if extra == default else fixtext.Config(codecs=extra)


_MEMO: dict[tuple[Tool, str], str] = {}
MEMO_SIZE = 50_000  # outputs kept per process (a few tens of MB at most)


def run_tool(tool: Tool, text: str, score: ToolScore) -> str:
    """The tool's output; an error counts against the tool and leaves the text as it was.

    Outputs are memoized per (tool, input): many cells hand a tool the same
    input (strict, replace and ignore agree wherever no byte was bad; gbk
    and gb18030, shift_jis and cp932 mostly do), and fixtext can spend a
    second on one damaged paragraph. A memoized answer adds no seconds.
    """
    key = (tool, text)
    try:
        if key in _MEMO:
            return _MEMO[key]
    except TypeError:  # an unhashable tool: no memo
        key = None
    start = time.perf_counter()
    try:
        out = tool(text)
    except Exception as exc:  # noqa: BLE001 - an error counts against the tool, not the run
        score.errors += 1
        score.first_error = score.first_error or f"{type(exc).__name__}: {exc}"[:200]
        out, key = text, None
    score.seconds += time.perf_counter() - start
    if key is not None:
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.clear()
        _MEMO[key] = out
    return out


def score_case(result: CellResult, original: str, corrupted: str, tools: dict[str, Tool], lost: bool = False) -> None:
    base = char_accuracy(original, corrupted)
    traced = has_trace(original, corrupted)
    result.n += 1
    result.same += corrupted == original
    result.input_acc_sum += base
    result.traced += traced
    result.lost += lost
    for name, tool in tools.items():
        score = result.tools[name]
        out = run_tool(tool, corrupted, score)
        acc = char_accuracy(original, out)
        score.exact += out == original
        score.traced_exact += traced and out == original
        score.changed += out != corrupted
        score.no_worse += acc >= base - 1e-9
        score.acc_sum += acc
        if name == "fixtext" and out != original and len(result.failures) < 3:
            result.failures.append((original, corrupted, out))


def run_cell(cell: Cell, corpus: list[Paragraph], tools: dict[str, Tool]) -> CellResult:
    result = CellResult(cell, {name: ToolScore() for name in tools})
    for para in corpus:
        if cell.applies(para):
            result.script_group = result.script_group or group_of(para)
            corrupted, lost = cell.damage(para.text)
            if corrupted is None:
                result.skipped += 1
            else:
                score_case(result, para.text, corrupted, tools, lost)
    return result


def with_cell_config(cell: Cell, tools: dict[str, Tool]) -> dict[str, Tool]:
    """The tools, with fixtext configured for the cell (see cell_config)."""
    config = cell_config(cell)
    return tools if config is None or "fixtext" not in tools else {**tools, "fixtext": make_tools(config)["fixtext"]}


def run_cells(
    cells: list[Cell],
    corpus: list[Paragraph],
    tools: dict[str, Tool],
    progress: bool = False,
    per_cell_config: bool = False,
    jobs: int = 1,
) -> list[CellResult]:
    """One result per cell, in order; jobs > 1 needs picklable tools (make_tools' are)."""
    cell_tools = [with_cell_config(cell, tools) if per_cell_config else tools for cell in cells]
    if jobs > 1:
        return _run_parallel(cells, corpus, cell_tools, jobs, progress)
    results = []
    for i, (cell, its_tools) in enumerate(zip(cells, cell_tools), 1):
        if progress:
            print(f"\r[{i}/{len(cells)}] {cell.key:<60}", end="", file=sys.stderr, flush=True)
        results.append(run_cell(cell, corpus, its_tools))
    if progress:
        print(file=sys.stderr)
    return results


def _run_parallel(cells: list[Cell], corpus: list[Paragraph], cell_tools: list[dict[str, Tool]], jobs: int, progress: bool) -> list[CellResult]:
    """Tasks of TASK_PARAGRAPHS paragraphs x a family of cells, run by a pool, folded back per cell.

    A family is the cells of one group with the same tools (config), so a
    worker's memo (run_tool) answers the inputs they share. Small tasks keep
    both workers busy to the end: fixtext spends 2 ms on a Latin paragraph
    read as GBK and up to a second on a Chinese one read as Big5.
    """
    results = [CellResult(cell, {name: ToolScore() for name in its}) for cell, its in zip(cells, cell_tools)]
    tasks = list(_tasks(cells, corpus, cell_tools))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with context.Pool(jobs) as pool:
        for done, parts in enumerate(pool.imap_unordered(_run_task, tasks), 1):
            for i, part in parts:
                results[i].add(part)
            if progress:
                print(f"\r[{done}/{len(tasks)} tasks] {cells[parts[0][0]].key:<60}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return results


Task = list[tuple[int, Cell, dict[str, Tool]]]


def _tasks(cells: list[Cell], corpus: list[Paragraph], cell_tools: list[dict[str, Tool]]) -> Iterator[tuple[Task, list[Paragraph]]]:
    families: dict[object, Task] = defaultdict(list)
    for i, (cell, tools) in enumerate(zip(cells, cell_tools)):
        families[(cell.group, _tools_key(tools, i))].append((i, cell, tools))
    for family in families.values():
        mine = [para for para in corpus if family[0][1].applies(para)]  # a group's cells apply alike
        for k in range(0, len(mine), TASK_PARAGRAPHS):
            yield family, mine[k : k + TASK_PARAGRAPHS]


def _tools_key(tools: dict[str, Tool], fallback: int) -> object:
    """Equal for equal tools (FixtextTool compares by config); unhashable tools get a family each."""
    key = tuple(tools.items())
    try:
        hash(key)
    except TypeError:
        return fallback
    return key


def _run_task(task: tuple[Task, list[Paragraph]]) -> list[tuple[int, CellResult]]:
    family, paragraphs = task
    return [(i, run_cell(cell, paragraphs, tools)) for i, cell, tools in family]


def pct(count: float, total: int) -> float:
    return 100.0 * count / total if total else float("nan")


def summarize(result: CellResult) -> dict:
    """The numbers of one row, as printed and as written to JSON."""
    n = result.n
    tools = {
        name: {
            "exact_pct": pct(s.exact, n), "acc_pct": pct(s.acc_sum, n), "no_worse_pct": pct(s.no_worse, n),
            "traced_exact_pct": pct(s.traced_exact, result.traced),
            "changed": s.changed, "errors": s.errors, "first_error": s.first_error, "seconds": round(s.seconds, 3),
        }
        for name, s in result.tools.items()
    }  # fmt: skip
    cell = result.cell
    return {
        "cell": cell.key, "direction": cell.direction, "lossless": result.lossless, "errors_mode": cell.errors,
        "group": cell.group, "script_group": _row_group(result),
        "n": n, "skipped": result.skipped, "same": result.same, "traced": result.traced, "lost": result.lost,
        "input_acc_pct": pct(result.input_acc_sum, n), "tools": tools,
        "fixtext_misses": [{"original": o, "input": i, "fixtext": f} for o, i, f in result.failures],
    }  # fmt: skip


def _row_group(result: CellResult) -> str:
    if result.cell.group in SCRIPT_GROUPS:
        return result.cell.group
    return result.script_group or _group(result.cell.group, "", "")


# ---------------------------------------------------------------- tables
KEY_WIDTH = 40  # at least; widened to the longest key (chains)
DIRECTIONS = ("forward", "reverse", "chain", "clean")


def _num(value: float, width: int = 5) -> str:
    return f"{value:>{width}.1f}" if value == value else f"{'-':>{width}}"


def print_table(results: list[CellResult], title: str = "") -> None:
    tools = list(results[0].tools) if results else []
    width = max([KEY_WIDTH, *(len(r.cell.key) for r in results)])
    for direction in DIRECTIONS:
        rows = [summarize(r) for r in results if r.cell.direction == direction]
        if rows:
            print(f"\n== {title}{direction} ==")
            (_print_clean if direction == "clean" else _print_rows)(rows, tools, width)


def _print_rows(rows: list[dict], tools: list[str], width: int = KEY_WIDTH) -> None:
    """One line per cell, every tool side by side; ex/tr = exact among traced paragraphs."""
    head = f"{'cell':<{width}} {'loss':<8} {'n':>4} {'skip':>4} {'same':>4} {'trace':>5} {'in-acc':>6}"
    print(head + "".join(f" | {name:^23}" for name in tools))
    print(" " * len(head) + " | exact   acc nowrs ex/tr" * len(tools))
    for row in rows:
        loss = "lossless" if row["lossless"] else "lossy"
        line = f"{row['cell']:<{width}} {loss:<8} {row['n']:>4} {row['skipped']:>4} {row['same']:>4} {row['traced']:>5}"
        line += f" {_num(row['input_acc_pct'], 6)}"
        for name in tools:
            t = row["tools"][name]
            line += f" | {_num(t['exact_pct'])} {_num(t['acc_pct'])} {_num(t['no_worse_pct'])} {_num(t['traced_exact_pct'])}"
        errors = {name: row["tools"][name]["errors"] for name in tools if row["tools"][name]["errors"]}
        print(line + (f"  errors {errors}" if errors else ""))


def _print_clean(rows: list[dict], tools: list[str], width: int = KEY_WIDTH) -> None:
    head = f"{'cell':<{width}} {'n':>4}"
    print(head + "".join(f" | {name:^11}" for name in tools))
    print(" " * len(head) + " |   chg   acc" * len(tools))
    for row in rows:
        line = f"{row['cell']:<{width}} {row['n']:>4}"
        for name in tools:
            line += f" | {row['tools'][name]['changed']:>5} {_num(row['tools'][name]['acc_pct'])}"
        print(line)


def print_totals(results: list[CellResult]) -> None:
    """Exact repairs over all non-clean rows, lossless vs lossy, and clean false positives."""
    tools = list(results[0].tools) if results else []
    print()
    for label, keep in (("lossless", True), ("lossy", False)):
        rows = [r for r in results if r.cell.direction != "clean" and r.lossless == keep]
        n, traced = sum(r.n for r in rows), sum(r.traced for r in rows)
        parts = [f"{name} {sum(r.tools[name].exact for r in rows)}/{n}" for name in tools]
        print(f"total exact, {label} cells: " + ", ".join(parts))
        if not keep:
            parts = [f"{name} {sum(r.tools[name].traced_exact for r in rows)}/{traced}" for name in tools]
            print("total exact among traced, lossy cells: " + ", ".join(parts))
    clean = [r for r in results if r.cell.direction == "clean"]
    n = sum(r.n for r in clean)
    changed = [f"{name} {sum(r.tools[name].changed for r in clean)}/{n}" for name in tools]
    print("false positives (clean paragraphs changed): " + ", ".join(changed))
    print("tool time, s: " + ", ".join(f"{name} {sum(r.tools[name].seconds for r in results):.1f}" for name in tools))
    errors = {(name, r.tools[name].first_error): r.cell.key for r in results for name in tools if r.tools[name].errors}
    for (name, message), key in list(errors.items())[:10]:
        print(f"{name} raised (first seen in {key}): {message}")


# ---------------------------------------------------------------- targets
@dataclass(frozen=True)
class Target:
    label: str
    metric: str  # a per-tool number of a summarized row
    applies: Callable[[dict], bool]
    missed: Callable[[float], bool]


def _scored(row: dict) -> bool:
    return row["direction"] != "clean" and row["n"] > 0


TARGETS = (
    Target("lossless cells: exact >= 99.5 %", "exact_pct", lambda r: _scored(r) and r["lossless"], lambda v: v < 99.5),
    Target("lossy cells: no paragraph made worse (nowrs = 100 %)", "no_worse_pct",
           lambda r: _scored(r) and not r["lossless"], lambda v: v < 100.0),
    Target("lossy latin/cyrillic/greek cells: exact among traced >= 90 %", "traced_exact_pct",
           lambda r: _scored(r) and not r["lossless"] and r["traced"] > 0 and r["script_group"] in ALPHABETIC_GROUPS,
           lambda v: v < 90.0),
    Target("clean rows: no paragraph changed", "changed", lambda r: r["direction"] == "clean" and r["n"] > 0, lambda v: v > 0),
)  # fmt: skip


def target_misses(rows: list[dict]) -> list[dict]:
    """Per target, the rows it covers where some tool misses it, each with every tool's figure."""
    out = []
    for target in TARGETS:
        covered = [row for row in rows if target.applies(row)]
        tools = list(covered[0]["tools"]) if covered else []
        misses = []
        for row in covered:
            figures = {name: row["tools"][name][target.metric] for name in tools}
            missed_by = [name for name, value in figures.items() if target.missed(value)]
            if missed_by:
                misses.append({"half": row.get("half", ""), "cell": row["cell"], "n": row["n"], "traced": row["traced"],
                               "figures": figures, "missed_by": missed_by})  # fmt: skip
        counts = {name: sum(name in m["missed_by"] for m in misses) for name in tools}
        out.append({"target": target.label, "metric": target.metric, "cells": len(covered), "missed": counts, "misses": misses})
    return out


def print_targets(summary: list[dict], focus: str = "fixtext") -> None:
    """Each target: how many cells each tool misses, then the cells `focus` misses with every tool's figure."""
    print("\n== targets ==")
    for target in summary:
        counts = ", ".join(f"{name} misses {k}/{target['cells']}" for name, k in target["missed"].items())
        print(f"\n{target['target']}: {counts or 'no cells'}")
        mine = [m for m in target["misses"] if focus in m["missed_by"]]
        if not mine:
            continue
        tools = list(mine[0]["figures"])
        width = max(len(_target_key(m)) for m in mine)
        print(f"  {'cell':<{width}} {'n':>4} {'trace':>5}" + "".join(f" {name:>8}" for name in tools))
        for m in mine:
            figures = "".join(f" {_figure(m['figures'][name])}" for name in tools)
            print(f"  {_target_key(m):<{width}} {m['n']:>4} {m['traced']:>5}{figures}")
        others = len([m for m in target["misses"] if focus not in m["missed_by"]])
        if others:
            print(f"  (+{others} cells {focus} meets but another tool misses; listed in --json)")


def _target_key(miss: dict) -> str:
    return f"{miss['half']}:{miss['cell']}" if miss["half"] else miss["cell"]


def _figure(value: float) -> str:
    return f"{value:>8}" if isinstance(value, int) else _num(value, 8)


# ---------------------------------------------------------------- ftfy's suite
def show(text: str) -> str:
    """`text` on one line, with control and invisible characters escaped."""
    hidden = ("C", "Z")  # controls, format, unassigned; separators other than ' '
    return "".join(f"\\u{ord(ch):04x}" if ch != " " and unicodedata.category(ch).startswith(hidden) else ch for ch in text)


def ftfy_cases(notes: list[str]) -> list[dict] | None:
    """ftfy's tests/test_cases.json, downloaded with pip once and cached."""
    cached = CACHE_DIR / f"ftfy-{FTFY_VERSION}-test_cases.json"
    if not cached.exists():
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(_download_ftfy_cases())
        except (OSError, subprocess.SubprocessError, KeyError, tarfile.TarError) as exc:
            notes.append(f"could not get ftfy {FTFY_VERSION}'s test_cases.json: {exc}")
            return None
    return json.loads(cached.read_text(encoding="utf-8"))


def _download_ftfy_cases() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps"]
        command += [f"ftfy=={FTFY_VERSION}", "-d", tmp]
        subprocess.run(command, check=True, capture_output=True, timeout=600)
        sdist = next(Path(tmp).glob("ftfy-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            member = tar.extractfile(f"ftfy-{FTFY_VERSION}/tests/test_cases.json")
            if member is None:
                raise KeyError("tests/test_cases.json")
            return member.read()


def fixtext_then_ftfy(text: str, tools: dict[str, Tool]) -> str:
    """fixtext's repair, then ftfy's non-encoding fixes."""
    fixed = run_tool(tools["fixtext"], text, ToolScore())
    return ftfy.fix_text(fixed, fix_encoding=False, decode_inconsistent_utf8=False, fix_c1_controls=False)


def run_ftfy_suite(cases: list[dict], tools: dict[str, Tool]) -> dict:
    counts: dict[str, int] = defaultdict(int)
    failures = []
    for case in cases:
        expect, original, fixed = case.get("expect", "pass"), case["original"], case["fixed"]
        fixed_encoding = case.get("fixed-encoding", fixed)
        got = fixtext_then_ftfy(original, tools)
        checks = {
            "total": True,
            "ftfy": ftfy.fix_text(original) == fixed,
            "fixtext": got == fixed,
            "ftfy-enc": ftfy.fix_encoding(original) == fixed_encoding,
            "fixtext-alone": run_tool(tools["fixtext"], original, ToolScore()) == fixed_encoding,
            "fixtext-ftfy-preset": fixtext.fix_text(original, normalize="ftfy") == fixed,
        }
        for name, passed in checks.items():
            counts[f"{name}:{expect}"] += passed
        if got != fixed:
            label = case.get("label", "")
            failures.append({"label": label, "expect": expect, "original": original, "fixed": fixed, "got": got})
    return {"counts": dict(counts), "failures": failures}


def print_ftfy_suite(suite: dict) -> None:
    c = suite["counts"]
    n_pass, n_fail = c.get("total:pass", 0), c.get("total:fail", 0)
    total = n_pass + n_fail
    print(f"\n== ftfy {FTFY_VERSION} test_cases.json: {total} cases ({n_pass} expect=pass, {n_fail} expect=fail) ==")
    rows = (
        ("ftfy.fix_text == fixed", "ftfy"),
        ("fixtext + ftfy(no encoding fixes) == fixed", "fixtext"),
        ("ftfy.fix_encoding == fixed-encoding", "ftfy-enc"),
        ("fixtext.fix_text == fixed-encoding", "fixtext-alone"),
        ("fixtext.fix_text(normalize='ftfy') == fixed", "fixtext-ftfy-preset"),
    )
    for label, key in rows:
        on_pass, on_fail = c.get(f"{key}:pass", 0), c.get(f"{key}:fail", 0)
        split = f"expect=pass {on_pass}/{n_pass}, expect=fail {on_fail}/{n_fail}"
        print(f"  {label:<45} {on_pass + on_fail:>4}/{total}  ({split})")
    print(f"\nfixtext (+ftfy non-encoding fixes) fails {len(suite['failures'])} cases:")
    for f in suite["failures"]:
        print(f"- [expect={f['expect']}] {f['label']}")
        print(f"    original: {show(f['original'])}\n    expected: {show(f['fixed'])}\n    got:      {show(f['got'])}")


# ---------------------------------------------------------------- detection
def same_decoding(data: bytes, guess: str | None, truth: str) -> bool:
    """Whether `guess` decodes `data` to the same text as the true codec did."""
    if not guess:
        return False
    try:
        return data.decode(guess) == truth
    except (LookupError, UnicodeDecodeError):
        return False


def detection_samples(corpus: list[Paragraph]) -> Iterator[tuple[str, bytes, str]]:
    """(row label, bytes, true text) for each CJK paragraph, short and long."""
    for para in corpus:
        for codec in LEGACY.get(para.lang, ()):
            for length, text in (("short", para.text[:10]), ("long", para.text)):
                data = encode_as(text, codec)
                if data is not None and not data.isascii():
                    yield f"{para.lang}/{codec}/{length}", data, text


def _guess(detect: Callable[[bytes], str | None], data: bytes) -> str | None:
    try:
        return detect(data)
    except Exception:  # noqa: BLE001 - an error is a wrong guess
        return None


def _fixtext_guess(data: bytes) -> str:
    return fixtext.detect_encoding(data).encoding


def _cn_guess(data: bytes) -> str | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return best.encoding if best else None


def _fix_bytes_right(data: bytes, text: str) -> bool:
    try:
        return fixtext.fix_bytes(data) == text
    except Exception:  # noqa: BLE001
        return False


def run_detection(corpus: list[Paragraph]) -> dict[str, dict[str, int]]:
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    has_fix_bytes = hasattr(fixtext, "fix_bytes")
    for label, data, text in detection_samples(corpus):
        row = rows[label]
        row["n"] += 1
        row["fixtext"] += same_decoding(data, _guess(_fixtext_guess, data), text)
        row["charset-normalizer"] += same_decoding(data, _guess(_cn_guess, data), text)
        if has_fix_bytes:
            row["fix_bytes"] += _fix_bytes_right(data, text)
    return {label: dict(row) for label, row in rows.items()}


def print_detection(rows: dict[str, dict[str, int]], title: str = "") -> None:
    fix_bytes = "fix_bytes exact" if hasattr(fixtext, "fix_bytes") else "fix_bytes: not available"
    print(f"\n== byte detection{title}: % whose guess decodes to the true text ==")
    print(f"{'lang/codec/length':<26} {'n':>4} {'fixtext':>8} {'ch-norm':>8} {fix_bytes}")
    totals: dict[str, int] = defaultdict(int)
    for label in sorted(rows):
        row = rows[label]
        for k, v in row.items():
            totals[k] += v
        print(_detection_line(label, row))
    print(_detection_line("all", totals))


def _detection_line(label: str, row: dict[str, int]) -> str:
    n = row.get("n", 0)
    columns = ["fixtext", "charset-normalizer"] + (["fix_bytes"] if hasattr(fixtext, "fix_bytes") else [])
    return f"{label:<26} {n:>4}" + "".join(f" {_num(pct(row.get(name, 0), n), 8)}" for name in columns)


# ---------------------------------------------------------------- main
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    quick_help = f"{QUICK_PER_LANG} short paragraphs per language, no ftfy download"
    parser.add_argument("--quick", action="store_true", help=quick_help)
    per_lang_help = f"paragraphs per language (default {DEFAULT_PER_LANG})"
    parser.add_argument("--max-paragraphs", type=int, default=None, metavar="N", help=per_lang_help)
    parser.add_argument("--cells", action="append", metavar="PATTERN", help="fnmatch pattern on cell keys; repeatable")
    parser.add_argument("--json", metavar="OUT", help="also write the numbers to this JSON file")
    parser.add_argument("--markdown", metavar="OUT", help="also write the tables as Markdown (for docs/accuracy.md)")
    corpus_help = "builtin sentences and samples, or benchmarks/corpus.py's cache (default: real if its cache loads)"
    parser.add_argument("--corpus", choices=("builtin", "real"), default=None, help=corpus_help)
    parser.add_argument("--half", choices=("tune", "check", "both"), default="check", help="real corpus half (default check)")
    parser.add_argument("--langs", metavar="L1,L2", help="real corpus: only these languages (comma-separated)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"real corpus sampling seed (default {SEED})")
    group_help = f"paragraphs per script-group cell, languages in turn (default {GROUP_FACTOR} x --max-paragraphs; --quick {QUICK_GROUP_MAX})"
    parser.add_argument("--group-max", type=int, default=None, metavar="M", help=group_help)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes (default: all cores)")
    parser.add_argument("--targets-for", default="fixtext", metavar="TOOL", help="whose target misses to list (default fixtext)")
    return parser.parse_args(argv)


def _pct(value: float) -> str:
    return "–" if value != value else f"{value:.1f}"


def markdown_tables(report: dict) -> str:
    """The cell, clean and detection tables of a report, as Markdown (cells prefixed by their half when there are two)."""
    halves = len(report.get("halves") or ()) > 1
    lines = ["| cell | kind | n | input acc | fixtext exact | fixtext acc | no worse | ftfy exact | traced | fixtext exact/traced | ftfy exact/traced |"]
    lines.append("|---" * 11 + "|")
    for row in report["cells"]:
        if row["direction"] == "clean":
            continue
        ours, theirs = row["tools"]["fixtext"], row["tools"]["ftfy"]
        values = [row["input_acc_pct"], ours["exact_pct"], ours["acc_pct"], ours["no_worse_pct"], theirs["exact_pct"]]
        kind = "lossless" if row["lossless"] else "lossy"
        traced = [ours.get("traced_exact_pct", float("nan")), theirs.get("traced_exact_pct", float("nan"))]
        key = f"{row['half']}:{row['cell']}" if halves else row["cell"]
        lines.append(f"| `{key}` | {kind} | {row['n']} | " + " | ".join(map(_pct, values)) + f" | {row.get('traced', '')} | " + " | ".join(map(_pct, traced)) + " |")
    lines += ["", "| clean paragraphs | n | changed by fixtext | changed by ftfy.fix_text |", "|---|---|---|---|"]
    for row in report["cells"]:
        if row["direction"] == "clean":
            tools = row["tools"]
            lang = f"{row['half']}:{row['cell'].split('/')[1]}" if halves else row["cell"].split("/")[1]
            lines.append(f"| {lang} | {row['n']} | {tools['fixtext']['changed']} | {tools['ftfy']['changed']} |")
    if report.get("detection"):
        lines += ["", "| bytes | n | fixtext | charset-normalizer `best()` |", "|---|---|---|---|"]
        for key, row in report["detection"].items():
            lines.append(f"| {key} | {row['n']} | {_pct(pct(row['fixtext'], row['n']))} % | {_pct(pct(row['charset-normalizer'], row['n']))} % |")
    return "\n".join(lines) + "\n"


def print_corpus(corpus: list[Paragraph], notes: list[str], title: str = "") -> None:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    docs: dict[str, set[str]] = defaultdict(set)
    grouped: dict[str, int] = defaultdict(int)
    for para in corpus:
        counts[para.lang][para.source] += 1
        docs[para.lang].add(para.doc_id)
        grouped[para.lang] += para.grouped
    print(f"corpus{title} (paragraphs per language, how many the group cells use, by source):")
    for lang, sources in counts.items():
        detail = ", ".join(f"{source} {n}" for source, n in sources.items())
        in_docs = f" from {len(docs[lang])} documents" if any(docs[lang]) else ""
        group = Counter(group_of(p) for p in corpus if p.lang == lang).most_common(1)[0][0]
        print(f"  {lang:<11} {group:<8} {sum(sources.values()):>3} ({grouped[lang]:>2} in group cells){in_docs}: {detail}")
    by_group = defaultdict(int)
    for para in corpus:
        by_group[group_of(para)] += para.grouped
    print("  group cells: " + ", ".join(f"{group} {by_group[group]}" for group in SCRIPT_GROUPS if group in by_group))
    for note in dict.fromkeys(notes):
        print(f"note: {note}")


def load_corpus(kind: str, half: str, per_lang: int, args: argparse.Namespace, notes: list[str]) -> list[Paragraph]:
    """The paragraphs of one half (or the builtin corpus), group cells capped (cap_groups)."""
    max_chars = QUICK_MAX_CHARS if args.quick else MAX_CHARS
    if kind == "builtin":
        corpus = build_corpus(per_lang, notes, max_chars)
    else:
        corpus = real_corpus(half, per_lang, max_chars, args.seed, args.langs.split(",") if args.langs else None)
        notes.append(f"real corpus: sources {', '.join(SKIP_SOURCES)} left out (mojibake quoted on purpose; fixtext's own data)")
    return cap_groups(corpus, group_max(args, per_lang))


def group_max(args: argparse.Namespace, per_lang: int) -> int:
    return args.group_max or (QUICK_GROUP_MAX if args.quick else GROUP_FACTOR * per_lang)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    per_lang = args.max_paragraphs or (QUICK_PER_LANG if args.quick else DEFAULT_PER_LANG)
    config, config_note = harness_config()
    notes: list[str] = [config_note]
    kind = choose_corpus(args.corpus, notes)
    halves = (("tune", "check") if args.half == "both" else (args.half,)) if kind == "real" else ("",)
    if kind == "builtin" and args.half != "check":
        notes.append("--half is ignored: the builtin corpus has no halves")
    tools = make_tools(config)
    report: dict = {"config": config_note, "per_lang": per_lang, "quick": args.quick, "corpus_kind": kind}
    report |= {"halves": list(halves), "seed": args.seed, "group_max": group_max(args, per_lang), "jobs": args.jobs}
    report |= {"cells": [], "detection": {}, "corpus": []}
    for half in halves:
        _run_half(half, kind, per_lang, args, notes, tools, report)
    report["ftfy_suite"] = _ftfy_section(args.quick, tools)
    report["targets"] = target_misses(report["cells"])
    print_targets(report["targets"], args.targets_for)
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(f"\nruntime: {report['seconds']} s")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(markdown_tables(report), encoding="utf-8")
    return 0


def _run_half(half: str, kind: str, per_lang: int, args: argparse.Namespace, notes: list[str], tools: dict[str, Tool], report: dict) -> None:
    """The matrix and detection on one half (or the builtin corpus), added to `report`."""
    title = f" [{half} half]" if half else ""
    started = time.perf_counter()
    corpus = load_corpus(kind, half, per_lang, args, notes)
    print_corpus(corpus, notes, title)
    cells = filter_cells(build_cells(corpus), args.cells)
    results = run_cells(cells, corpus, tools, progress=sys.stderr.isatty(), per_cell_config=True, jobs=args.jobs)
    print_table(results, f"{half} half: " if half else "")
    print_totals(results)
    print(f"cells{title}: {len(cells)}, {time.perf_counter() - started:.1f} s")
    report["cells"] += [{**summarize(r), "half": half} for r in results]
    detection = _detection_section(corpus, title)
    prefix = f"{half}:" if len(report["halves"]) > 1 else ""
    report["detection"] |= {f"{prefix}{label}": row for label, row in (detection or {}).items()}
    report["corpus"] += [asdict(p) for p in corpus]


def _ftfy_section(quick: bool, tools: dict[str, Tool]) -> dict | None:
    if quick:
        print("\n== ftfy test_cases.json: skipped (--quick) ==")
        return None
    notes: list[str] = []
    cases = ftfy_cases(notes)
    if cases is None:
        print(f"\n== ftfy test_cases.json: unavailable ==\nnote: {notes[0]}")
        return None
    suite = run_ftfy_suite(cases, tools)
    print_ftfy_suite(suite)
    return suite


def _detection_section(corpus: list[Paragraph], title: str = "") -> dict | None:
    if not hasattr(fixtext, "detect_encoding"):
        print("\n== byte detection: not available (no fixtext.detect_encoding) ==")
        return None
    rows = run_detection(corpus)
    print_detection(rows, title)
    return rows


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    sys.exit(main())
