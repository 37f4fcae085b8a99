"""Accuracy harness: fixtext vs. ftfy over a matrix of corruptions.

Usage (from the repository root, with fixtext, ftfy and charset-normalizer
importable)::

    python benchmarks/accuracy.py                        # full run (minutes)
    python benchmarks/accuracy.py --quick                # small subset, ~20 s
    python benchmarks/accuracy.py --max-paragraphs 10    # per language
    python benchmarks/accuracy.py --cells 'forward/*gbk*/*' --cells 'clean/*'
    python benchmarks/accuracy.py --json results.json    # also write numbers

Corpus
------
Paragraphs (at most 400 characters each), labelled with a language
(en, fr, de, es, zh-Hans, zh-Hant, ja, ko):

* CPython's ``test/cjkencodings/*-utf8.txt`` sample texts, lines that are
  mostly CJK/kana/hangul, grouped into paragraphs; the language comes from the
  file's codec (gb* -> zh-Hans, big5* -> zh-Hant, euc_jp/shift_jis/iso2022_jp*
  -> ja, euc_kr/cp949/johab/iso2022_kr -> ko), corrected per line when a line
  is plainly another script.  Skipped, with a note, when the ``test`` package
  is missing.
* Installed man pages in /usr/share/man/{zh_CN,zh_TW,ja,ko} (manpages-zh and
  manpages-ja, plus translations other packages ship) and fortunes-zh
  cookies, if present: a bounded number of files; roff requests (lines
  starting with '.') dropped, inline escapes stripped crudely, mostly-CJK
  lines kept.  Install them with
  ``apt-get install manpages-zh manpages-ja fortunes-zh``.
* Sentences written for this harness (below): English with typographic
  punctuation, French/German/Spanish, Chinese, Japanese and Korean.

``--max-paragraphs N`` keeps at most N paragraphs per language (default 30),
taken in turn from each kind of source; ``--quick`` keeps 3 of at most 80
characters and skips the ftfy download.

Cells
-----
``direction/source>read-as/errors/group`` -- each applied per paragraph:

* forward: UTF-8 bytes decoded as each of 10 CJK codecs with errors strict
  (paragraphs that fail are skipped), ignore, replace and ``?`` (replace,
  then U+FFFD -> '?'); group ``latin`` (en/fr/de/es) or ``cjk``.
* reverse: CJK text encoded in its legacy codec (zh-Hans gbk, zh-Hant big5,
  ja shift_jis and euc_jp, ko euc_kr) and decoded as latin-1 or as "sloppy"
  cp1252 (bytes cp1252 leaves undefined become the C1 control of the same
  value); European text in cp1252 read as gbk; and CJK codecs read as each
  other (gbk<->big5, shift_jis->gbk, euc_kr->gbk), strict and replace.
* clean: the paragraph untouched (false positives), one row per language.

A cell is ``lossless`` when its decode dropped no bytes (strict, latin-1,
sloppy cp1252), else ``lossy``.

Metrics
-------
Per cell and tool (fixtext with every modelled codec; ``ftfy`` =
``ftfy.fix_text`` defaults, which also uncurl quotes and normalize width;
``ftfy-enc`` = ``ftfy.fix_encoding``): ``exact`` = % of paragraphs restored
exactly; ``acc`` = mean character accuracy, 1 - Levenshtein(original, output)
/ len(original), floored at 0; ``nowrs`` = % of paragraphs whose output is no
worse (accuracy >= that of the corrupted input).  ``in-acc`` is the corrupted
input's own accuracy, ``same`` counts paragraphs the corruption left
unchanged, ``skip`` those the cell could not produce (the text does not encode
in the source codec, or a strict decode failed).
Clean rows report ``chg``, the paragraphs each tool changed.

Then: ftfy 6.3.1's own ``tests/test_cases.json`` (downloaded once with pip
into ~/.cache/fixtext-bench/), scored as ftfy's suite does, with fixtext
followed by ftfy's non-encoding fixes, and with fixtext's ``ftfy``
normalization preset; and, if ``fixtext.detect_encoding``
exists, legacy-codec detection accuracy vs. charset-normalizer on short (10
characters) and long (whole paragraph) byte strings.
"""

from __future__ import annotations

import argparse
import codecs
import fnmatch
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import ftfy

import fixtext

ALL_CODECS = ("gbk", "gb18030", "gb2312", "big5", "cp950", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949")
FORWARD_ERRORS = ("strict", "ignore", "replace", "?")
LATIN_LANGS = ("en", "fr", "de", "es")
CJK_LANGS = ("zh-Hans", "zh-Hant", "ja", "ko")
GROUPS = {"latin": LATIN_LANGS, "cjk": CJK_LANGS}
LEGACY = {"zh-Hans": ("gbk",), "zh-Hant": ("big5",), "ja": ("shift_jis", "euc_jp"), "ko": ("euc_kr",)}
MAX_CHARS = 400  # paragraph cap, which also bounds the Levenshtein DP
MIN_CHARS = 10  # shorter found paragraphs (headings, table cells) are dropped
QUICK_PER_LANG = 3
QUICK_MAX_CHARS = 80  # --quick also skips longer paragraphs
DEFAULT_PER_LANG = 30
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


def _round_robin(queues: Iterable[list[Paragraph]]) -> Iterator[Paragraph]:
    queues = [list(q) for q in queues]
    for i in range(max(map(len, queues), default=0)):
        for queue in queues:
            if i < len(queue):
                yield queue[i]


def build_corpus(per_lang: int, notes: list[str], max_chars: int = MAX_CHARS) -> list[Paragraph]:
    """Our sentences first, then CPython's samples, man pages and fortunes."""
    found = our_paragraphs() + cpython_paragraphs(notes) + man_paragraphs(notes) + fortune_paragraphs(notes)
    return select(found, per_lang, max_chars)


# ------------------------------------------------------------- corruption
def _sloppy(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(map(chr, exc.object[exc.start : exc.end])), exc.end


codecs.register_error("fixtext-bench-sloppy", _sloppy)


def sloppy_cp1252(data: bytes) -> str:
    """cp1252, with each byte it leaves undefined read as the C1 control of that value."""
    return data.decode("cp1252", "fixtext-bench-sloppy")


def encode_as(text: str, codec: str) -> bytes | None:
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        return None


def decode_as(data: bytes, codec: str, errors: str) -> str | None:
    """`data` read as `codec`; errors '?' replaces then turns U+FFFD to '?'.

    'sloppy' is the sloppy cp1252 decoder; None when a strict decode fails.
    """
    if errors == "sloppy":
        return sloppy_cp1252(data)
    if errors == "?":
        return data.decode(codec, "replace").replace("\ufffd", "?")
    try:
        return data.decode(codec, errors)
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class Cell:
    direction: str  # forward, reverse or clean
    source: str  # codec the text was written in
    read_as: str  # codec it was wrongly read as
    errors: str  # strict, ignore, replace, ?, sloppy
    group: str  # latin, cjk or a language

    @property
    def key(self) -> str:
        if self.direction == "clean":
            return f"clean/{self.group}"
        return f"{self.direction}/{self.source}>{self.read_as}/{self.errors}/{self.group}"

    @property
    def lossless(self) -> bool:
        return self.errors in ("strict", "sloppy", "-")

    def applies(self, para: Paragraph) -> bool:
        return para.lang in GROUPS.get(self.group, (self.group,))

    def corrupt(self, text: str) -> str | None:
        if self.direction == "clean":
            return text
        data = encode_as(text, self.source)
        return None if data is None else decode_as(data, self.read_as, self.errors)


def build_cells() -> list[Cell]:
    cells = [
        Cell("forward", "utf-8", codec, errors, group)
        for group in GROUPS
        for codec in ALL_CODECS
        for errors in FORWARD_ERRORS
    ]
    for lang, legacy in LEGACY.items():
        for codec in legacy:
            cells.append(Cell("reverse", codec, "latin-1", "strict", lang))
            cells.append(Cell("reverse", codec, "cp1252", "sloppy", lang))
    cells += [Cell("reverse", "cp1252", "gbk", errors, "latin") for errors in ("strict", "replace")]
    pairs = (
        ("gbk", "big5", "zh-Hans"), ("big5", "gbk", "zh-Hant"), ("shift_jis", "gbk", "ja"), ("euc_kr", "gbk", "ko")
    )  # fmt: skip
    cells += [Cell("reverse", src, dst, errors, lang) for src, dst, lang in pairs for errors in ("strict", "replace")]
    cells += [Cell("clean", "-", "-", "-", lang) for lang in (*LATIN_LANGS, *CJK_LANGS)]
    return cells


def filter_cells(cells: list[Cell], patterns: list[str] | None) -> list[Cell]:
    if not patterns:
        return cells
    return [cell for cell in cells if any(fnmatch.fnmatchcase(cell.key, p) for p in patterns)]


# ---------------------------------------------------------------- metrics
@lru_cache(maxsize=20_000)
def levenshtein(a: str, b: str) -> int:
    """Edit distance (insert, delete, substitute), O(len(a) * len(b))."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if len(a) < len(b):
        a, b = b, a
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


@dataclass
class ToolScore:
    exact: int = 0
    changed: int = 0
    no_worse: int = 0
    acc_sum: float = 0.0
    errors: int = 0
    first_error: str = ""
    seconds: float = 0.0


@dataclass
class CellResult:
    cell: Cell
    tools: dict[str, ToolScore]
    n: int = 0
    skipped: int = 0
    same: int = 0
    input_acc_sum: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # fixtext's, first few


Tool = Callable[[str], str]


def make_tools(config: fixtext.Config | None) -> dict[str, Tool]:
    def fix(text: str) -> str:
        return fixtext.fix_text(text, config=config) if config is not None else fixtext.fix_text(text)

    return {"fixtext": fix, "ftfy": ftfy.fix_text, "ftfy-enc": ftfy.fix_encoding}


def harness_config() -> tuple[fixtext.Config | None, str]:
    """fixtext's default config: what users get (clean, reverse cells, ftfy's suite)."""
    return None, "fixtext config: default; forward cells add the codec they read as (Config(codecs=default + it))"


def cell_config(cell: "Cell") -> fixtext.Config | None:
    """A forward cell's codec is named in the config, as a user who knows the damage would."""
    if cell.direction != "forward":
        return None
    default = fixtext.Config().codecs
    try:
        return fixtext.Config(codecs=tuple(dict.fromkeys((*default, cell.read_as))))
    except (ValueError, TypeError):
        return None


def run_tool(tool: Tool, text: str, score: ToolScore) -> str:
    start = time.perf_counter()
    try:
        out = tool(text)
    except Exception as exc:  # noqa: BLE001 - an error counts against the tool, not the run
        score.errors += 1
        score.first_error = score.first_error or f"{type(exc).__name__}: {exc}"[:200]
        out = text
    score.seconds += time.perf_counter() - start
    return out


def score_case(result: CellResult, original: str, corrupted: str, tools: dict[str, Tool]) -> None:
    base = char_accuracy(original, corrupted)
    result.n += 1
    result.same += corrupted == original
    result.input_acc_sum += base
    for name, tool in tools.items():
        score = result.tools[name]
        out = run_tool(tool, corrupted, score)
        acc = char_accuracy(original, out)
        score.exact += out == original
        score.changed += out != corrupted
        score.no_worse += acc >= base - 1e-9
        score.acc_sum += acc
        if name == "fixtext" and out != original and len(result.failures) < 3:
            result.failures.append((original, corrupted, out))


def run_cell(cell: Cell, corpus: list[Paragraph], tools: dict[str, Tool]) -> CellResult:
    result = CellResult(cell, {name: ToolScore() for name in tools})
    for para in corpus:
        if cell.applies(para):
            corrupted = cell.corrupt(para.text)
            if corrupted is None:
                result.skipped += 1
            else:
                score_case(result, para.text, corrupted, tools)
    return result


def with_cell_config(cell: Cell, tools: dict[str, Tool]) -> dict[str, Tool]:
    """The tools, with fixtext configured for the cell (see cell_config)."""
    config = cell_config(cell)
    return tools if config is None else {**tools, "fixtext": make_tools(config)["fixtext"]}


def run_cells(
    cells: list[Cell],
    corpus: list[Paragraph],
    tools: dict[str, Tool],
    progress: bool = False,
    per_cell_config: bool = False,
) -> list[CellResult]:
    results = []
    for i, cell in enumerate(cells, 1):
        if progress:
            print(f"\r[{i}/{len(cells)}] {cell.key:<45}", end="", file=sys.stderr, flush=True)
        results.append(run_cell(cell, corpus, with_cell_config(cell, tools) if per_cell_config else tools))
    if progress:
        print(file=sys.stderr)
    return results


def pct(count: float, total: int) -> float:
    return 100.0 * count / total if total else float("nan")


def summarize(result: CellResult) -> dict:
    """The numbers of one row, as printed and as written to JSON."""
    n = result.n
    tools = {
        name: {
            "exact_pct": pct(s.exact, n), "acc_pct": pct(s.acc_sum, n), "no_worse_pct": pct(s.no_worse, n),
            "changed": s.changed, "errors": s.errors, "first_error": s.first_error, "seconds": round(s.seconds, 3),
        }
        for name, s in result.tools.items()
    }  # fmt: skip
    return {
        "cell": result.cell.key, "direction": result.cell.direction, "lossless": result.cell.lossless,
        "n": n, "skipped": result.skipped, "same": result.same, "input_acc_pct": pct(result.input_acc_sum, n),
        "tools": tools,
    }  # fmt: skip


# ---------------------------------------------------------------- tables
KEY_WIDTH = 40


def _num(value: float, width: int = 5) -> str:
    return f"{value:>{width}.1f}" if value == value else f"{'-':>{width}}"


def print_table(results: list[CellResult]) -> None:
    tools = list(results[0].tools) if results else []
    for direction in ("forward", "reverse", "clean"):
        rows = [summarize(r) for r in results if r.cell.direction == direction]
        if rows:
            print(f"\n== {direction} ==")
            (_print_clean if direction == "clean" else _print_rows)(rows, tools)


def _print_rows(rows: list[dict], tools: list[str]) -> None:
    head = f"{'cell':<{KEY_WIDTH}} {'loss':<8} {'n':>4} {'skip':>4} {'same':>4} {'in-acc':>6}"
    print(head + "".join(f" | {name:^17}" for name in tools))
    print(" " * len(head) + " | exact   acc nowrs" * len(tools))
    for row in rows:
        loss = "lossless" if row["lossless"] else "lossy"
        line = f"{row['cell']:<{KEY_WIDTH}} {loss:<8} {row['n']:>4} {row['skipped']:>4} {row['same']:>4}"
        line += f" {_num(row['input_acc_pct'], 6)}"
        for name in tools:
            t = row["tools"][name]
            line += f" | {_num(t['exact_pct'])} {_num(t['acc_pct'])} {_num(t['no_worse_pct'])}"
        errors = {name: row["tools"][name]["errors"] for name in tools if row["tools"][name]["errors"]}
        print(line + (f"  errors {errors}" if errors else ""))


def _print_clean(rows: list[dict], tools: list[str]) -> None:
    head = f"{'cell':<{KEY_WIDTH}} {'n':>4}"
    print(head + "".join(f" | {name:^11}" for name in tools))
    print(" " * len(head) + " |   chg   acc" * len(tools))
    for row in rows:
        line = f"{row['cell']:<{KEY_WIDTH}} {row['n']:>4}"
        for name in tools:
            line += f" | {row['tools'][name]['changed']:>5} {_num(row['tools'][name]['acc_pct'])}"
        print(line)


def print_totals(results: list[CellResult]) -> None:
    """Exact repairs over all non-clean rows, lossless vs lossy, and clean false positives."""
    tools = list(results[0].tools) if results else []
    print()
    for label, keep in (("lossless", True), ("lossy", False)):
        rows = [r for r in results if r.cell.direction != "clean" and r.cell.lossless == keep]
        n = sum(r.n for r in rows)
        parts = [f"{name} {sum(r.tools[name].exact for r in rows)}/{n}" for name in tools]
        print(f"total exact, {label} cells: " + ", ".join(parts))
    clean = [r for r in results if r.cell.direction == "clean"]
    n = sum(r.n for r in clean)
    changed = [f"{name} {sum(r.tools[name].changed for r in clean)}/{n}" for name in tools]
    print("false positives (clean paragraphs changed): " + ", ".join(changed))
    print("tool time, s: " + ", ".join(f"{name} {sum(r.tools[name].seconds for r in results):.1f}" for name in tools))
    errors = {(name, r.tools[name].first_error): r.cell.key for r in results for name in tools if r.tools[name].errors}
    for (name, message), key in list(errors.items())[:10]:
        print(f"{name} raised (first seen in {key}): {message}")


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


def print_detection(rows: dict[str, dict[str, int]]) -> None:
    fix_bytes = "fix_bytes exact" if hasattr(fixtext, "fix_bytes") else "fix_bytes: not available"
    print("\n== byte detection: % whose guess decodes to the true text ==")
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
    return parser.parse_args(argv)


def _pct(value: float) -> str:
    return "–" if value != value else f"{value:.1f}"


def markdown_tables(report: dict) -> str:
    """The cell, clean and detection tables of a report, as Markdown."""
    lines = ["| cell | kind | n | input acc | fixtext exact | fixtext acc | no worse | ftfy exact |", "|---|---|---|---|---|---|---|---|"]
    for row in report["cells"]:
        if row["direction"] == "clean":
            continue
        ours, theirs = row["tools"]["fixtext"], row["tools"]["ftfy"]
        values = [row["input_acc_pct"], ours["exact_pct"], ours["acc_pct"], ours["no_worse_pct"], theirs["exact_pct"]]
        kind = "lossless" if row["lossless"] else "lossy"
        lines.append(f"| `{row['cell']}` | {kind} | {row['n']} | " + " | ".join(map(_pct, values)) + " |")
    lines += ["", "| clean paragraphs | n | changed by fixtext | changed by ftfy.fix_text |", "|---|---|---|---|"]
    for row in report["cells"]:
        if row["direction"] == "clean":
            tools = row["tools"]
            lines.append(f"| {row['cell'].split('/')[1]} | {row['n']} | {tools['fixtext']['changed']} | {tools['ftfy']['changed']} |")
    if report.get("detection"):
        lines += ["", "| bytes | n | fixtext | charset-normalizer `best()` |", "|---|---|---|---|"]
        for key, row in report["detection"].items():
            lines.append(f"| {key} | {row['n']} | {_pct(pct(row['fixtext'], row['n']))} % | {_pct(pct(row['charset-normalizer'], row['n']))} % |")
    return "\n".join(lines) + "\n"


def print_corpus(corpus: list[Paragraph], notes: list[str]) -> None:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for para in corpus:
        counts[para.lang][para.source] += 1
    print("corpus (paragraphs per language, by source):")
    for lang, sources in counts.items():
        detail = ", ".join(f"{source} {n}" for source, n in sources.items())
        print(f"  {lang:<8} {sum(sources.values()):>3}: {detail}")
    for note in dict.fromkeys(notes):
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    per_lang = args.max_paragraphs or (QUICK_PER_LANG if args.quick else DEFAULT_PER_LANG)
    config, config_note = harness_config()
    notes: list[str] = [config_note]
    corpus = build_corpus(per_lang, notes, QUICK_MAX_CHARS if args.quick else MAX_CHARS)
    print_corpus(corpus, notes)
    tools = make_tools(config)
    cells = filter_cells(build_cells(), args.cells)
    results = run_cells(cells, corpus, tools, progress=sys.stderr.isatty(), per_cell_config=True)
    print_table(results)
    print_totals(results)
    report: dict = {"config": config_note, "per_lang": per_lang, "quick": args.quick}
    report["cells"] = [summarize(r) for r in results]
    report["ftfy_suite"] = _ftfy_section(args.quick, tools)
    report["detection"] = _detection_section(corpus)
    report["corpus"] = [asdict(p) for p in corpus]
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(f"\nruntime: {report['seconds']} s")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(markdown_tables(report), encoding="utf-8")
    return 0


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


def _detection_section(corpus: list[Paragraph]) -> dict | None:
    if not hasattr(fixtext, "detect_encoding"):
        print("\n== byte detection: not available (no fixtext.detect_encoding) ==")
        return None
    rows = run_detection(corpus)
    print_detection(rows)
    return rows


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    sys.exit(main())
