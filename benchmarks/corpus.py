"""Load the development corpus built by ``tools/build_corpus.py``.

The corpus lives outside the repository, in ``~/.cache/fixtext/corpus/v1/``
(or ``$FIXTEXT_CORPUS_DIR``); build it first with::

    python tools/build_corpus.py              # pinned Debian packages, CLDR, machine files
    python tools/build_corpus.py --no-download  # only what is already on this machine

Scripts in ``benchmarks/`` import this module as a sibling::

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus

    docs = corpus.load_documents(half="check", langs={"zh-Hans", "ja"})
    paras = corpus.load_paragraphs(half="tune", limit=1000)
    for doc in corpus.machine_documents(limit_per_lang=5):  # no cache needed
        ...

The rules a document must pass (valid UTF-8, no C1 controls), its script
and its half (tune/check) are defined here once, so that the builder, the
loader and ``machine_documents()`` agree.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: Pinned: changing it reshuffles every document between the halves.
SPLIT_SEED = "fixtext-corpus-v1:"
HALVES = ("tune", "check")
DEFAULT_DIR = Path.home() / ".cache" / "fixtext" / "corpus" / "v1"
MAN_ROOT = Path("/usr/share/man")
#: C1 controls never occur in clean text; in a UTF-8 file they are the
#: trace of cp1252/latin-1 text decoded and re-encoded (real mojibake).
_C1 = re.compile("[\u0080-\u009f]")
#: Man directory names that are not BCP-47-ish language tags as they stand.
_MAN_DIR_LANGS = {"zh_CN": "zh-Hans", "zh_SG": "zh-Hans", "zh_TW": "zh-Hant", "zh_HK": "zh-Hant", "sr@latin": "sr-Latn"}


@dataclass(frozen=True)
class Document:
    """One whole file of real text, as it was (man pages as troff source)."""

    doc_id: str
    source: str
    lang: str
    script: str
    half: str
    text: str


@dataclass(frozen=True)
class Paragraph(Document):
    """A paragraph taken from a document; carries the document's labels (the same fields)."""


class CorpusMissingError(FileNotFoundError):
    """The corpus cache has not been built (or was built elsewhere)."""


# ------------------------------------------------------------------ location


def corpus_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the corpus is: the argument, else $FIXTEXT_CORPUS_DIR, else the default cache."""
    chosen = override or os.environ.get("FIXTEXT_CORPUS_DIR")
    return Path(chosen).expanduser() if chosen else DEFAULT_DIR


def _require(name: str, folder: Path) -> Path:
    # A missing cache is the normal state of a fresh checkout: say how to make it.
    path = folder / name
    if not path.is_file():
        raise CorpusMissingError(
            f"no corpus at {folder} ({name} is missing): build it with `python tools/build_corpus.py` "
            "(or `--no-download` for machine-only sources), or point FIXTEXT_CORPUS_DIR at a built one"
        )
    return path


# ------------------------------------------------------------------- loading


def load_documents(half=None, langs=None, sources=None, limit=None, folder=None) -> list[Document]:
    """Whole documents, filtered by half ("tune"/"check"), languages and sources; at most `limit`."""
    path = _require("documents.jsonl", corpus_dir(folder))
    return [Document(**row) for row in _rows(path, half, langs, sources, limit)]


def load_paragraphs(half=None, langs=None, sources=None, limit=None, folder=None) -> list[Paragraph]:
    """Paragraphs (10-400 characters), filtered like :func:`load_documents`."""
    path = _require("paragraphs.jsonl", corpus_dir(folder))
    return [Paragraph(**row) for row in _rows(path, half, langs, sources, limit)]


def load_manifest(folder=None) -> dict:
    """The build's manifest: sources, versions, licences, counts, damaged documents."""
    return json.loads(_require("manifest.json", corpus_dir(folder)).read_text(encoding="utf-8"))


_FIELDS = ("doc_id", "source", "lang", "script", "half", "text")


def _rows(path: Path, half, langs, sources, limit) -> Iterator[dict]:
    # Filters are checked before building objects: the files hold tens of MB.
    if half not in (None, *HALVES):
        raise ValueError(f"half must be None, 'tune' or 'check', not {half!r}")
    langs, sources = _as_set(langs), _as_set(sources)
    taken = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if (half and row["half"] != half) or (langs and row["lang"] not in langs):
                continue
            if sources and row["source"] not in sources:
                continue
            if limit is not None and taken >= limit:
                return
            taken += 1
            yield {key: row[key] for key in _FIELDS}  # extra keys (format, index) are the builder's


def _as_set(values: str | Iterable[str] | None) -> set[str] | None:
    if values is None:
        return None
    return {values} if isinstance(values, str) else set(values)


# ------------------------------------------------------- shared document rules


def half_of(doc_id: str) -> str:
    """The document's half: a seeded hash of its id, so the split is by document and stable."""
    return "tune" if hashlib.sha256((SPLIT_SEED + doc_id).encode()).digest()[0] % 2 == 0 else "check"


def check_text(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) for clean UTF-8; (None, reason) for invalid UTF-8 or text holding C1 controls."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, f"invalid UTF-8 at byte {error.start}"
    return check_decoded(text)


def check_decoded(text: str) -> tuple[str | None, str | None]:
    """The C1 half of :func:`check_text`, for text that arrived already decoded."""
    c1 = _C1.search(text)
    if c1:
        return None, f"C1 control U+{ord(c1.group()):04X} at character {c1.start()}"
    return text, None


@cache
def char_script(char: str) -> str:
    """Script of one letter from its Unicode name; kana count as "Japanese"."""
    name = unicodedata.name(char, "")
    for prefix in ("HALFWIDTH ", "FULLWIDTH ", "MATHEMATICAL ", "SMALL "):
        name = name.removeprefix(prefix)
    word = name.split(" ", 1)[0].split("-", 1)[0]
    if word in ("HIRAGANA", "KATAKANA"):
        return "Japanese"
    if word in ("CJK", "IDEOGRAPHIC"):
        return "Han"
    if word == "MODIFIER":  # ʻokina, ʼ, ˈ: letters written with Latin text
        return "Latin"
    if word == "CANADIAN":
        return "Canadian_Aboriginal"
    return word.title() if word else "Other"


def script_of(text: str) -> str:
    """Dominant script of the letters; a non-Latin script wins from 5 % of the letters.

    Why not a plain majority: translated man pages and source files are full
    of ASCII option names and macros, yet what matters is their other script.
    Han with at least 10 % kana is Japanese.
    """
    counts = Counter(char_script(c) for c in text if c.isalpha() and not c.isascii())
    letters = sum(counts.values()) + sum(1 for c in text if c.isascii() and c.isalpha())
    if counts["Japanese"] and counts["Japanese"] >= 0.1 * (counts["Japanese"] + counts["Han"]):
        counts["Japanese"] += counts.pop("Han", 0)
    elif counts["Japanese"]:
        counts["Han"] += counts.pop("Japanese")
    others = [(n, s) for s, n in counts.items() if s != "Latin" and n]
    if others:
        count, script = max(others)
        if count >= 0.05 * letters:
            return script
    return "Latin" if letters else "Common"


def man_lang(folder: str) -> str:
    """BCP-47-ish tag of a /usr/share/man/<folder>: zh_CN -> zh-Hans, pt_BR -> pt-BR, de.UTF-8 -> de."""
    folder = folder.split(".", 1)[0]
    return _MAN_DIR_LANGS.get(folder) or folder.replace("_", "-").replace("@", "-")


def read_man(path: Path) -> bytes:
    """A man page's bytes, gunzipped when it is gzipped."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def is_stub(text: str) -> bool:
    """A page that only redirects (`.so man1/other.1`): no text of its own."""
    lines = [line for line in text.splitlines() if line.strip()]
    return (
        bool(lines)
        and all(line.startswith((".", "'")) for line in lines)
        and any(line.startswith(".so") for line in lines)
    )


def translated_man_pages(root: Path = MAN_ROOT) -> Iterator[tuple[Path, str]]:
    """(path, lang) of every regular file under root/<lang>/man*/, sorted; symlinks are left out."""
    if not root.is_dir():
        return
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("man")):
        for page in sorted(folder.glob("man*/*")):
            if page.is_file() and not page.is_symlink():
                yield page, man_lang(folder.name)


def machine_documents(limit_per_lang: int | None = None, root: Path = MAN_ROOT) -> Iterator[Document]:
    """The translated man pages installed here, whole, with no cache needed.

    Same rules as the builder's "machine-man" source: invalid UTF-8, C1
    controls, unreadable files, empty files and `.so` stubs are skipped.
    """
    taken: Counter[str] = Counter()
    for page, lang in translated_man_pages(root):
        if limit_per_lang is not None and taken[lang] >= limit_per_lang:
            continue
        try:
            text, _ = check_text(read_man(page))
        except (OSError, EOFError, gzip.BadGzipFile):
            continue
        if text is None or not text.strip() or is_stub(text):
            continue
        taken[lang] += 1
        doc_id = f"man:{page}"
        yield Document(doc_id, "machine-man", lang, script_of(text), half_of(doc_id), text)
