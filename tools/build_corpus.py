"""Build fixtext's development corpus of real text, outside the repository.

    python tools/build_corpus.py                  # everything: pinned .debs (apt-get download), CLDR, machine files
    python tools/build_corpus.py --no-download    # no network: machine files, repo files, babel, cached .debs
    python tools/build_corpus.py --out DIR --quiet

Output (default ``~/.cache/fixtext/corpus/v1/``, or ``$FIXTEXT_CORPUS_DIR``,
or ``--out``; never inside the repository): ``documents.jsonl`` (one whole
file per line), ``paragraphs.jsonl`` (10-400 characters each),
``manifest.json`` (sources, versions, SHA-256, licences, counts, and the
documents found damaged in the wild), plus the downloaded ``debs/`` and
their extracted ``pkgs/``. Rebuilding from the same sources gives
byte-identical jsonl: every list is sorted and nothing depends on time.
Read it with ``benchmarks/corpus.py``.

Sources, all real text written by others:

* ``deb-man`` / ``deb-fortunes``: the Debian packages in ``DEBS`` below,
  pinned by version and by the SHA-256 ``apt-cache show NAME=VERSION`` prints;
  fetched with ``apt-get download``, checked, unpacked with ``dpkg-deb -x``;
  each licence is read from its ``usr/share/doc/NAME/copyright``.
* ``machine-man``: translated man pages installed under /usr/share/man/<lang>/
  (not pinned: the machine's own).
* ``gettext``: the msgstr strings of .mo catalogs under /usr/share/locale
  (not pinned), a capped number per language.
* ``cldr``: CLDR strings through babel, one document per locale in
  ``CLDR_LOCALES``. Needs ``pip install babel==2.19.0`` (the pinned version).
* ``machine-files``: UTF-8 .md/.csv/.tsv/.po/.py/.txt/.rst files holding
  non-ASCII letters under /usr/share and the Python installs (not pinned),
  leaving out packages that keep mojibake on purpose (ftfy, charset_normalizer, ...).
* ``repo-data`` (src/fixtext/data/*.tsv) and ``repo-docs`` (README.md,
  docs/*.md, CHANGELOG.md): this repository's own files, read only. The
  docs quote mojibake on purpose, so expect fixtext to change them.

Rules: a document that is not valid UTF-8 or holds a C1 control
(U+0080-U+009F) is real damage, listed in the manifest as "damaged in the
wild" and left out. Identical texts are kept once (pinned sources first),
and so are identical paragraphs, so no text sits in both halves. A document's
half is a seeded hash of its id (``benchmarks/corpus.py``: ``half_of``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import sysconfig
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as rules  # benchmarks/corpus.py: the document rules the loader shares

BABEL_VERSION = "2.19.0"  # CLDR 49; what `pip download babel` served when this was pinned
MIN_CHARS, MAX_CHARS = 10, 400  # paragraph length bounds
CHUNK_CHARS = 300  # CLDR and table rows are grouped into paragraphs of at most this
MAX_DOC_BYTES = 3_000_000  # larger files are skipped (fortunes-zh's 'chinese' is 2.1 MB and stays)
TARGETS = {"paragraphs": 20_000, "documents": 500, "languages": 25, "scripts": 8}


@dataclass(frozen=True)
class Deb:
    """A pinned Debian package; `lang` for fortune packages (man pages carry theirs in the path)."""

    name: str
    version: str
    sha256: str
    lang: str | None = None


# Debian 12 (bookworm); versions and SHA-256 as `apt-cache show NAME=VERSION` prints them.
DEBS = (
    Deb("manpages-zh", "1.6.4.0-1", "81bae29495f6445db290e3f329f1203eb19b651c2a7ea165b74ebdc853a32ac1"),
    Deb("manpages-ja", "0.5.0.0.20221215+dfsg-1", "4d270e9a1e83be4de0c072a110892a17dc9caa4b501257324006ac28d82c5743"),
    Deb("manpages-cs", "4.18.1-1", "2c3c32887089fe16b173073cbd72fd5f000911f1b9b8f384f3f46e01fce39791"),
    Deb("manpages-da", "4.18.1-1", "977b0dee2ab0d0315cc8f0864dd1c89473ece240033e1651a1c23a62e66afff4"),
    Deb("manpages-de", "4.18.1-1", "37d2e7ee51f22952aecec3af93647ff59194a3c74bb7a694560f49c7f7ab3978"),
    Deb("manpages-el", "4.18.1-1", "79ae710057edfd437a6fcdbf27ed8a1a3e29ae785730282313ed31ff3f93a95d"),
    Deb("manpages-es", "4.18.1-1", "d21e9f85e487f149ae45b5c525b2b1a70ae7fd38d4b05b47c8753042c66f4c2b"),
    Deb("manpages-fi", "4.18.1-1", "a0491e7141cd540896388fd3d4f394fa96657838780bf7f213eb5e529b0880dd"),
    Deb("manpages-fr", "4.18.1-1", "ec29759cc0e4a44dc7719c1e32869d0060667049e584f09556f0d982b969ea33"),
    Deb("manpages-hu", "1:4.18.1-1", "f4f4556a25194958d08fe9c87c946294a1ad4bd2b265bdc71d9ae1883e5ea2cf"),
    Deb("manpages-id", "4.18.1-1", "b769b5398ecffe6db6e4170973a081bbd905e254ce768b34650ec1d1fb7ae9c2"),
    Deb("manpages-it", "4.18.1-1", "4b18e87cc1b6a930d40949ddc86fb8e84b50da1a862cd17e2a504eeb8e3b4e48"),
    Deb("manpages-mk", "4.18.1-1", "b0eb2409003de329e1e0e359f90a9204541501931a377b8d3c8bb3d4fbfc39fa"),
    Deb("manpages-nb", "4.18.1-1", "62f43554a179199b9cb95ecdf390f81e2eb779ff3f535c6b944ce0a647f15bb3"),
    Deb("manpages-nl", "4.18.1-1", "c1ac0e9fb2ff88a8d7f796042ce7d876fa8918e5d3367521c7f09dd885eb3b2d"),
    Deb("manpages-pl", "1:4.18.1-1", "31e518ea8331b5204d4fd0032037f96af1ba94a5afa4f0585dca1996b270cdf9"),
    Deb("manpages-pt-br", "4.18.1-1", "da971a7bc0107f7b74b4ae592d1d7cc6424fa7e77cc1808f5c110a07edaf3890"),
    Deb("manpages-ro", "4.18.1-1", "1d1d32dbc090850c1e796fd51156ae3852e1cc46a22d712493800182817f6024"),
    Deb("manpages-ru", "4.18.1-1", "5d5821dad5840652ba9c1c6b85bdc785c1fc52148a71c18fab6658c9659244c0"),
    Deb("manpages-sr", "4.18.1-1", "ea78e33605970a23b9d77a48249fb2d2e94372b0ff3e9b360c8e4f02d3d3dda0"),
    Deb("manpages-sv", "4.18.1-1", "12b386ce4e11fadf3c05b55a813c81df129d244606ba3383da586d39a4a8cca4"),
    Deb("manpages-tr", "2.0.6-2", "babf3ded00dd7c30db8fb333c1ff482fd5a52483d2bffec7557e3f78ed77eef1"),
    Deb("manpages-uk", "4.18.1-1", "7ad64b12010584a6cc10a341ba561a6774e8493166524f386bcd9fd7cbebdd5b"),
    Deb("manpages-vi", "4.18.1-1", "c3fb89f768663013c87babcad3fdd525588edb2c9a91a9d1c74dc33c1a6ee73b"),
    Deb("fortunes-zh", "2.98", "211c5ddee59d0ae74ce01cbfd02f7c8714740bae1835d5661eb2254edd739105", "zh-Hans"),
    Deb("fortunes-bg", "1.4", "654be0aacc5d932b12a17cbd895e66813e3097f81e761d991c6958591e69825c", "bg"),
    Deb("fortunes-br", "20220821", "0a181b5fdf4f9d83dd519c4a50af2e68d88c85d27ab32f665c72e5fc67331a4c", "pt-BR"),
    Deb("fortunes-cs", "2.0.9-1.1", "5a38a15bcd58c6a2f777a1f2db8d51da901bc3d0147b2db3597c8a1b78acb447", "cs"),
    Deb("fortunes-de", "0.35-1", "03fe7a7912935bd3d4e02e38d79ef32a289097f8718d4488c409595abce067a0", "de"),
    Deb("fortunes-eo", "20020729b-1.1", "23e258836bd9c76c47c71f6a365aea469563748fd4c6737bb636328da97302bf", "eo"),
    Deb("fortunes-es", "1.36", "54636edc1a4384093b68d1666c7e702ce42d1fcc8b5ab402d9646c328dcca899", "es"),
    Deb("fortunes-ga", "0.10+nmu1", "2c113ea36a2173a9c704e2e5fd7e9d211e2ea44b618f928fc6e843233a5cdbaf", "ga"),
    Deb("fortunes-it", "1.99-4.1", "675df6ecb00c3b67d06b39ab223ff17f1ef1d0ec82a7e40f989356a2eb61a97e", "it"),
    Deb("fortunes-pl", "0.0.20130525-3", "39602aece2081a67c9e95ff7f6e8b0b8fc2cce971e920a31d04133d4ac007ad0", "pl"),
    Deb("fortunes-ru", "1.52-3.1", "2dc76af9c0e02e2926d36f88dcb685bb171fab8677e553a6def41efe8a551cc6", "ru"),
)  # fmt: skip

# Chosen for scripts the man pages lack (Arabic, Hebrew, Thai, Indic, Georgian,
# Armenian, Ethiopic, Khmer, ...) plus the languages fixtext meets most.
CLDR_LOCALES = (
    "ar", "he", "fa", "ur", "ps", "th", "lo", "km", "my", "hi", "mr", "ne", "bn", "ta", "te", "kn", "ml",
    "gu", "pa", "si", "ka", "hy", "am", "ti", "el", "ru", "uk", "bg", "sr", "mk", "be", "kk", "mn",
    "zh_Hans", "zh_Hant", "ja", "ko", "vi", "tr", "pl", "cs", "sk", "hu", "ro", "hr", "sl", "lt", "lv",
    "et", "fi", "sv", "da", "nb", "is", "de", "fr", "es", "it", "pt", "nl", "ca", "eu", "gl", "ga", "cy",
    "sq", "az", "uz", "id", "ms", "fil", "sw", "zu", "af", "yo", "ha", "en",
)  # fmt: skip

# Per-source caps, so the corpus stays a few tens of MB: (documents, text bytes) per language.
CAPS = {
    "deb-man": (80, 500_000),
    "deb-fortunes": (30, 600_000),
    "machine-man": (60, 600_000),  # zh_CN's 43 pages (man-db's man.1, apropos.1 ...) all stay
    "gettext": (5, 100_000),
    "machine-files": (40, 1_000_000),
}
#: fortunes-zh's 'chinese' (2.1 MB) is the corpus's largest body of modern Chinese prose.
CAP_OVERRIDES = {("deb-fortunes", "zh-Hans"): (3, 2_300_000)}
#: Paragraphs kept per document, spread evenly over it: one bash.1 or git.mo
#: would otherwise outweigh whole languages.
MAX_PARAS_PER_DOC = 100
MO_ROOT = Path("/usr/share/locale")
FILE_SUFFIXES = (".md", ".csv", ".tsv", ".po", ".py", ".txt", ".rst")
# Kept out of machine-files: packages whose files hold mojibake on purpose
# (repair and detection libraries, CPython's codec tests), and the workplace's lists.
FILE_SKIP_DIRS = {"ftfy", "charset_normalizer", "chardet", "fixtext", "test", "package-lists", "locale", "man"}
# Source priority when two sources hold the same text: pinned first.
PRIORITY = ("deb-man", "deb-fortunes", "cldr", "repo-data", "repo-docs", "machine-man", "gettext", "machine-files")


@dataclass
class Candidate:
    """A file before the rules: its id, labels, format (how to cut paragraphs) and raw content."""

    doc_id: str
    source: str
    lang: str
    fmt: str  # troff | fortune | table | plain
    data: bytes | str


@dataclass
class Build:
    """What a build gathers besides documents: source records, damage, skip counts, notes."""

    sources: list[dict] = field(default_factory=list)
    damaged: list[dict] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ the CLI


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = output_dir(args.out)
    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, flush=True))
    build = Build()
    candidates = list(gather(out, build, download=not args.no_download, say=say))
    docs = select_documents(candidates, build)
    paragraphs = extract_paragraphs(docs, build)
    manifest = make_manifest(docs, paragraphs, build)
    write_outputs(out, docs, paragraphs, manifest)
    missed = report(out, docs, paragraphs, manifest, print)
    if missed and not args.no_download:
        return 1  # a full build that misses its targets is a failed build
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="output folder (default $FIXTEXT_CORPUS_DIR or ~/.cache/fixtext/corpus/v1)")
    parser.add_argument("--no-download", action="store_true", help="use only what is on this machine")
    parser.add_argument("--quiet", action="store_true", help="print only the final counts")
    return parser.parse_args(argv)


def output_dir(out: str | None) -> Path:
    """The output folder; refused inside the repository, where corpus text must never land."""
    folder = rules.corpus_dir(out).resolve()
    if folder == ROOT or ROOT in folder.parents:
        raise SystemExit(f"refusing to write the corpus inside the repository ({folder}); use a folder outside it")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------- gathering


def gather(out: Path, build: Build, download: bool, say: Callable) -> Iterator[Candidate]:
    """Every candidate document from every source, in a fixed order."""
    for deb in DEBS:
        root = fetch_deb(deb, out, build, download, say)
        if root is not None:
            yield from deb_candidates(deb, root)
    say("machine man pages ...")
    yield from man_candidates(rules.MAN_ROOT, "machine-man", lambda page: f"man:{page}")
    build.sources.append({"source": "machine-man", "root": str(rules.MAN_ROOT), "pinned": False})
    say("gettext catalogs ...")
    yield from mo_candidates(MO_ROOT, build)
    say("CLDR through babel ...")
    yield from cldr_candidates(build, required=download)
    say("machine files ...")
    yield from file_candidates(file_roots(), build)
    yield from repo_candidates(build)


def fetch_deb(deb: Deb, out: Path, build: Build, download: bool, say: Callable) -> Path | None:
    """The package unpacked under out/pkgs/, fetched and checked first if need be; None if unavailable."""
    record = {"source": "deb", "package": deb.name, "version": deb.version, "sha256": deb.sha256, "pinned": True}
    build.sources.append(record)
    path = out / "debs" / f"{deb.name}_{deb.version.replace(':', '%3a')}_all.deb"
    if not _sha_ok(path, deb.sha256) and download:
        say(f"apt-get download {deb.name}={deb.version}")
        _apt_download(deb, path.parent, record)
    if not _sha_ok(path, deb.sha256):
        missing = "not downloaded (--no-download) and not in the cache" if not download else "missing"
        record["status"] = record.get("status") or (missing if not path.exists() else "sha256 mismatch")
        build.notes.append(f"{deb.name} {deb.version}: {record['status']}; left out")
        return None
    root = out / "pkgs" / f"{deb.name}_{deb.version}"
    marker = root / ".extracted"
    if not marker.is_file() or marker.read_text() != deb.sha256:
        shutil.rmtree(root, ignore_errors=True)  # a half-unpacked tree from an interrupted run
        root.mkdir(parents=True)
        subprocess.run(["dpkg-deb", "-x", str(path), str(root)], check=True)
        marker.write_text(deb.sha256)
    record.update(status="ok", licences=licences(root / "usr/share/doc" / deb.name / "copyright"))
    return root


def _apt_download(deb: Deb, folder: Path, record: dict) -> None:
    # apt-get download needs no install and no root-owned cache; it names the file itself.
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["apt-get", "download", f"{deb.name}={deb.version}"], cwd=folder, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        record["status"] = "download failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]


def _sha_ok(path: Path, sha256: str) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256


def licences(copyright_file: Path) -> dict:
    """The `License:` names of a Debian copyright file (DEP-5), or its opening when it has none."""
    if not copyright_file.is_file():
        return {"file": None, "names": []}
    text = copyright_file.read_text(encoding="utf-8", errors="replace")
    names = sorted({m.group(1).strip() for m in re.finditer(r"^License:[ \t]*(\S.*)$", text, re.MULTILINE)})
    entry = {"file": str(copyright_file.relative_to(copyright_file.parents[4])), "names": names}
    entry["sha256"] = hashlib.sha256(copyright_file.read_bytes()).hexdigest()
    if not names:
        entry["opening"] = " ".join(text.split())[:300]
    return entry


def deb_candidates(deb: Deb, root: Path) -> Iterator[Candidate]:
    """A package's translated man pages and, for fortune packages, its cookie files."""
    yield from man_candidates(
        root / "usr/share/man", "deb-man", lambda page: f"deb:{deb.name}/{page.relative_to(root)}"
    )
    if deb.lang is None:
        return
    for path in sorted((root / "usr/share/games/fortunes").rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix != ".dat":
            lang = "sk" if path.name.endswith("-sk") else deb.lang  # fortunes-cs holds Slovak files too
            doc_id = f"deb:{deb.name}/{path.relative_to(root)}"
            yield Candidate(doc_id, "deb-fortunes", lang, "fortune", path.read_bytes())


def man_candidates(root: Path, source: str, doc_id: Callable[[Path], str]) -> Iterator[Candidate]:
    for page, lang in rules.translated_man_pages(root):
        try:
            data = rules.read_man(page)
        except (OSError, EOFError, ValueError):
            data = b"\xff unreadable gzip"  # fails the UTF-8 rule, so it is reported, not lost
        yield Candidate(doc_id(page), source, lang, "troff", data)


# ------------------------------------------------------------------ gettext


def mo_candidates(root: Path, build: Build) -> Iterator[Candidate]:
    """One document per .mo catalog: its translations, one per paragraph."""
    build.sources.append({"source": "gettext", "root": str(root), "pinned": False})
    if not root.is_dir():
        return
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name.endswith(("@quot", "@boldquot")):
            continue  # generated by msgen: English with curly quotes, nobody's translation
        for path in sorted(folder.glob("LC_MESSAGES/*.mo")):
            if path.is_symlink():
                continue
            try:
                data, charset = mo_text(path.read_bytes())
            except (OSError, ValueError, struct.error):
                build.skipped["gettext: unparsable .mo"] += 1
                continue
            if charset not in ("utf-8", "utf8", "ascii", "us-ascii", "charset", ""):
                build.skipped[f"gettext: declared charset {charset}"] += 1
                continue
            yield Candidate(f"mo:{path}", "gettext", rules.man_lang(folder.name), "plain", data)


def mo_text(data: bytes) -> tuple[bytes, str]:
    """(msgstrs joined by blank lines, declared charset) of a GNU .mo file; the format is a table of offsets."""
    magic = data[:4]
    order = "<" if magic == b"\xde\x12\x04\x95" else ">" if magic == b"\x95\x04\x12\xde" else None
    if order is None:
        raise ValueError("not a .mo file")
    count, ids_at, strs_at = struct.unpack_from(order + "3I", data, 8)
    strings, charset = [], ""
    for i in range(count):
        id_len, _ = struct.unpack_from(order + "2I", data, ids_at + 8 * i)
        str_len, str_off = struct.unpack_from(order + "2I", data, strs_at + 8 * i)
        msgstr = data[str_off : str_off + str_len]
        if id_len == 0:  # the header entry: only its charset matters
            found = re.search(rb"charset=([-\w]+)", msgstr)
            charset = found.group(1).decode("ascii").lower() if found else ""
            continue
        strings += [form for form in msgstr.split(b"\0") if form.strip()]  # plural forms apart
    return b"\n\n".join(strings), charset


# --------------------------------------------------------------------- CLDR


def cldr_candidates(build: Build, required: bool) -> Iterator[Candidate]:
    """One document per locale; each paragraph is a run of one category's strings."""
    try:
        import babel
        from babel import Locale
        from babel.core import get_cldr_version
    except ImportError:
        if required:
            raise SystemExit(
                f"babel is missing: pip install babel=={BABEL_VERSION} (or run with --no-download)"
            ) from None
        build.notes.append(f"babel is not installed (pip install babel=={BABEL_VERSION}): no CLDR documents")
        return
    if babel.__version__ != BABEL_VERSION:
        build.notes.append(f"babel {babel.__version__} is not the pinned {BABEL_VERSION}: CLDR strings may differ")
    build.sources.append({"source": "cldr", "package": "babel", "version": babel.__version__,
                          "cldr": get_cldr_version(), "pinned": babel.__version__ == BABEL_VERSION,
                          "licences": {"names": ["BSD-3-Clause (babel)", "Unicode-3.0 (CLDR data)"]}})  # fmt: skip
    for code in CLDR_LOCALES:
        locale = Locale.parse(code)
        text = cldr_document(locale)
        yield Candidate(f"cldr:{code}", "cldr", code.replace("_", "-"), "plain", text)


def cldr_document(locale) -> str:
    """The locale's strings, category by category, joined with its own list separator."""
    data = locale._data  # babel keeps unit and zone names only here
    categories = (
        locale.languages, locale.territories, locale.scripts, locale.currencies,
        locale.months, locale.days, locale.quarters, locale.eras, locale.day_periods,
        data["unit_display_names"], data["unit_patterns"], data["list_patterns"],
        data["date_fields"], data["meta_zones"],
    )  # fmt: skip
    middle = locale.list_patterns["standard"]["middle"]
    separator = middle.replace("{0}", "").replace("{1}", "") or ", "
    paragraphs: list[str] = []
    for category in categories:
        paragraphs += chunk(list(dict.fromkeys(strings_of(category))), separator)
    return "\n\n".join(paragraphs) + "\n"


def strings_of(value) -> Iterator[str]:
    """Every string in a nested CLDR mapping, keys in sorted order (for identical rebuilds)."""
    if isinstance(value, str):
        if value.strip():
            yield value
        return
    if hasattr(value, "items"):
        for key in sorted(value.keys(), key=str):
            yield from strings_of(value[key])


def chunk(items: list[str], separator: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Items joined by the separator into pieces of at most `limit` characters (one item may exceed it)."""
    pieces, current = [], ""
    for item in items:
        joined = current + separator + item if current else item
        if current and len(joined) > limit:
            pieces.append(current)
            joined = item
        current = joined
    return pieces + [current] if current else pieces


# ----------------------------------------------------- machine and repo files


def file_roots() -> list[Path]:
    """Where machine-files are looked for: /usr/share and each Python install here."""
    paths = sysconfig.get_paths()
    found = [Path("/usr/share"), Path("/usr/lib/python3"), Path(paths["stdlib"]), Path(paths["purelib"])]
    found += sorted(Path("/usr/lib").glob("python3.*"))
    return list(dict.fromkeys(p.resolve() for p in found if p.is_dir()))


def file_candidates(roots: Iterable[Path], build: Build) -> Iterator[Candidate]:
    """UTF-8-ish text files holding non-ASCII letters; the same content found twice is read once."""
    build.sources.append({"source": "machine-files", "roots": [str(r) for r in roots], "pinned": False})
    seen: set[Path] = set()
    for path in sorted(_walk_files(roots)):
        real = path.resolve()
        if real in seen or path.stat().st_size > MAX_DOC_BYTES:
            continue
        seen.add(real)
        data = path.read_bytes()
        if _non_ascii_letters(data) >= 20:  # a stray © is not worth a document
            fmt = "table" if path.suffix in (".csv", ".tsv") else "plain"
            yield Candidate(f"file:{path}", "machine-files", _file_lang(path.name), fmt, data)


def _walk_files(roots: Iterable[Path]) -> Iterator[Path]:
    for root in roots:
        for folder, subdirs, names in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if d not in FILE_SKIP_DIRS and not d.startswith("."))
            for name in names:
                path = Path(folder, name)
                if path.suffix in FILE_SUFFIXES and not path.is_symlink() and path.is_file():
                    yield path


def _non_ascii_letters(data: bytes) -> int:
    # Invalid UTF-8 counts as worth a look: the rules then report it as damaged.
    try:
        return sum(1 for c in data.decode("utf-8") if not c.isascii() and c.isalpha())
    except UnicodeDecodeError:
        return 20 if re.search(rb"[\x80-\xff]{2}", data) else 0


#: Language codes trusted in file names: a bare two-letter stem is too often a module (io.py, os.py).
FILE_NAME_LANGS = {
    "ar", "bg", "ca", "cs", "da", "de", "el", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu", "id", "it", "ja",
    "ko", "lt", "lv", "mk", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "th", "tr", "uk", "vi", "zh",
}  # fmt: skip


def _file_lang(name: str) -> str:
    """A language tag from a name like help.zh_CN.txt, zh_cn.py or README.ja.md, else 'und' (undetermined)."""
    found = re.search(r"(?:^|[._-])([a-z]{2})(?:[_-]([A-Za-z]{2}))?\.[a-z]+$", name)
    if not found or found.group(1) not in FILE_NAME_LANGS:
        return "und"
    region = found.group(2)
    return rules.man_lang(found.group(1) + ("_" + region.upper() if region else ""))


def repo_candidates(build: Build) -> Iterator[Candidate]:
    """This repository's data tables and Markdown, read only."""
    langs = {"ko": "ko", "zh_hans": "zh-Hans", "zh_hant": "zh-Hant"}
    for path in sorted((ROOT / "src/fixtext/data").glob("*.tsv")):
        lang = next((tag for prefix, tag in langs.items() if path.name.startswith(prefix + "_")), "und")
        yield Candidate(f"repo:{path.relative_to(ROOT)}", "repo-data", lang, "table", path.read_bytes())
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "CHANGELOG.md"]
    for path in docs:
        if path.is_file():
            yield Candidate(f"repo:{path.relative_to(ROOT)}", "repo-docs", "en", "plain", path.read_bytes())
    build.sources.append({"source": "repo", "root": str(ROOT), "pinned": False, "licences": {"names": ["MIT"]}})


# ---------------------------------------------------------------- selection


def select_documents(candidates: list[Candidate], build: Build) -> list[tuple[rules.Document, str]]:
    """Clean, distinct, capped documents with their format, sorted by id; damage is recorded."""
    clean: list[tuple[Candidate, str]] = []
    for cand in candidates:
        text, reason = _decode(cand)
        if reason:
            build.damaged.append({"doc_id": cand.doc_id, "source": cand.source, "lang": cand.lang, "reason": reason})
        elif not text.strip():
            build.skipped[f"{cand.source}: empty"] += 1
        elif rules.is_stub(text):
            build.skipped[f"{cand.source}: .so stub"] += 1
        elif len(text.encode("utf-8")) > MAX_DOC_BYTES:
            build.skipped[f"{cand.source}: over {MAX_DOC_BYTES} bytes"] += 1
        else:
            clean.append((cand, text))
    clean = _distinct(clean, build)
    clean = _capped(clean, build)
    docs = [(rules.Document(c.doc_id, c.source, c.lang, rules.script_of(t), rules.half_of(c.doc_id), t), c.fmt)
            for c, t in clean]  # fmt: skip
    build.damaged.sort(key=lambda row: row["doc_id"])
    return sorted(docs, key=lambda pair: pair[0].doc_id)


def _decode(cand: Candidate) -> tuple[str | None, str | None]:
    if isinstance(cand.data, str):
        return rules.check_decoded(cand.data)
    return rules.check_text(cand.data)


def _distinct(clean: list[tuple[Candidate, str]], build: Build) -> list[tuple[Candidate, str]]:
    # The same text under two ids could fall in both halves; the pinned copy is kept.
    ordered = sorted(clean, key=lambda pair: (PRIORITY.index(pair[0].source), pair[0].doc_id))
    seen: set[str] = set()
    kept = []
    for cand, text in ordered:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            build.skipped[f"{cand.source}: duplicate text"] += 1
            continue
        seen.add(digest)
        kept.append((cand, text))
    return kept


def _capped(clean: list[tuple[Candidate, str]], build: Build) -> list[tuple[Candidate, str]]:
    """At most CAPS[source] documents and bytes per language, taken in an order fixed by id hashes."""
    by_key: dict[tuple[str, str], list] = defaultdict(list)
    for cand, text in clean:
        by_key[(cand.source, cand.lang)].append((cand, text))
    kept = []
    for (source, lang), group in sorted(by_key.items()):
        max_docs, max_bytes = CAP_OVERRIDES.get((source, lang)) or CAPS.get(source, (None, None))
        if max_docs is None:
            kept += group
            continue
        group.sort(key=lambda pair: hashlib.sha256(pair[0].doc_id.encode()).hexdigest())
        size = taken = 0
        for cand, text in group:  # greedy: a document too big for what is left makes room for smaller ones
            length = len(text.encode("utf-8"))
            if taken >= max_docs or size + length > max_bytes:
                build.skipped[f"{source}: over the per-language cap"] += 1
                continue
            size, taken = size + length, taken + 1
            kept.append((cand, text))
    return kept


# --------------------------------------------------------------- paragraphs


_TROFF_BREAKS = re.compile(r"^[.'][ \t]*(PP|LP|P|TP|IP|HP|SH|SS|TH|br|sp|nf|fi|RS|RE|EX|EE|TS|TE|Sh|Pp|Bl|El|It)\b")
_TROFF_NAMED = {"em": "—", "en": "–", "bu": "•", "aq": "'", "dq": '"', "lq": "“", "rq": "”", "oq": "‘",
                "cq": "’", "co": "©", "rg": "®", "tm": "™", "mi": "−", "hy": "-", "ti": "~", "ha": "^",
                "rs": "\\", "lB": "[", "rB": "]", "Fo": "«", "Fc": "»", "fo": "‹", "fc": "›"}  # fmt: skip
_TROFF_ESCAPE = re.compile(
    r"\\(?:\"(?P<comment>.*)$|f(?:\(..|\[[^]]*\]|.)|s[-+]?\d+|\*(?:\(..|\[[^]]*\]|.)|n(?:\(..|\[[^]]*\]|.)"
    r"|\((?P<two>..)|\[(?P<long>[^]]*)\]|(?P<one>.))"
)
_TROFF_ONE = {"-": "-", "e": "\\", " ": " ", "~": " ", "0": " ", "t": "\t", "\\": "\\", ".": ".", "'": "'"}


def troff_paragraphs(text: str) -> list[str]:
    """Text paragraphs of troff source: requests dropped, escapes stripped crudely, lines filled."""
    paragraphs, current = [], []
    for line in text.splitlines():
        if not line.strip() or _TROFF_BREAKS.match(line):
            paragraphs.append(current)
            current = []
        elif not line.startswith((".", "'")):  # font macros (.B, .I, .BR) and the rest: dropped, no break
            current.append(strip_troff(line))
    paragraphs.append(current)
    return [" ".join(" ".join(lines).split()) for lines in paragraphs if lines]


def strip_troff(line: str) -> str:
    """One text line without inline escapes: \\fB, \\-, \\(em, \\*(xx, \\s-1, \\[..] ..."""

    def plain(match: re.Match) -> str:
        if match.group("two") is not None or match.group("long") is not None:
            return _TROFF_NAMED.get(match.group("two") or match.group("long"), "")
        one = match.group("one")
        return _TROFF_ONE.get(one, "") if one is not None else ""

    return _TROFF_ESCAPE.sub(plain, line)


def fortune_paragraphs(text: str) -> list[str]:
    """Cookies: the text between lines that are just '%'."""
    return re.split(r"(?m)^%[ \t]*$\n?", text)


def plain_paragraphs(text: str) -> list[str]:
    return re.split(r"\n[ \t]*\n", text)


def table_paragraphs(text: str) -> list[str]:
    """Rows of a table grouped into paragraphs of at most CHUNK_CHARS (tables have no blank lines)."""
    return chunk([row for row in text.splitlines() if row.strip()], "\n")


SPLITTERS = {
    "troff": troff_paragraphs, "fortune": fortune_paragraphs, "plain": plain_paragraphs, "table": table_paragraphs
}  # fmt: skip


def keep_paragraph(text: str, script: str) -> bool:
    """10-400 characters, with a non-ASCII letter unless the document is Latin-script."""
    return MIN_CHARS <= len(text) <= MAX_CHARS and (script == "Latin" or any(
        c.isalpha() and not c.isascii() for c in text))  # fmt: skip


def extract_paragraphs(docs: list[tuple[rules.Document, str]], build: Build) -> list[tuple[rules.Paragraph, int]]:
    """(paragraph, index in its document); a paragraph met before (boilerplate) is kept once."""
    seen: set[str] = set()
    out = []
    for doc, fmt in docs:
        found = []
        for index, raw in enumerate(SPLITTERS[fmt](doc.text)):
            text = raw.strip()
            if not keep_paragraph(text, doc.script):
                continue
            if text in seen:
                build.skipped["paragraphs: duplicate text"] += 1
                continue
            seen.add(text)
            found.append((rules.Paragraph(doc.doc_id, doc.source, doc.lang, doc.script, doc.half, text), index))
        kept = spread(found, MAX_PARAS_PER_DOC)
        build.skipped["paragraphs: over the per-document cap"] += len(found) - len(kept)
        out += kept
    return out


def spread(items: list, limit: int) -> list:
    """At most `limit` items, evenly spaced, so a long document is sampled from end to end."""
    if len(items) <= limit:
        return items
    return [items[i * len(items) // limit] for i in range(limit)]


# ------------------------------------------------------------------- output


def make_manifest(docs, paragraphs, build: Build) -> dict:
    """Sources, counts per language/script/half/source, damaged and skipped documents; no timestamps."""
    counts = {}
    for key in ("lang", "script", "half", "source"):
        table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for doc, _ in docs:
            table[getattr(doc, key)][f"documents_{doc.half}"] += 1
        for para, _ in paragraphs:
            table[getattr(para, key)][f"paragraphs_{para.half}"] += 1
        counts[key] = {k: dict(sorted(v.items())) for k, v in sorted(table.items())}
    totals = {"documents": len(docs), "paragraphs": len(paragraphs),
              "languages": len(counts["lang"]), "scripts": len(counts["script"]),
              "text_bytes": sum(len(d.text.encode("utf-8")) for d, _ in docs)}  # fmt: skip
    return {
        "version": 1, "split_seed": rules.SPLIT_SEED, "totals": totals, "targets": TARGETS,
        "sources": build.sources, "counts": counts, "damaged_in_the_wild": build.damaged,
        "skipped": dict(sorted(build.skipped.items())), "notes": build.notes,
    }  # fmt: skip


def write_outputs(out: Path, docs, paragraphs, manifest: dict) -> None:
    """documents.jsonl, paragraphs.jsonl and manifest.json, each written whole then renamed in."""
    doc_rows = ({**vars(doc), "format": fmt} for doc, fmt in docs)
    para_rows = ({**vars(para), "index": index} for para, index in paragraphs)
    _write(out / "documents.jsonl", (_json_line(row) for row in doc_rows))
    _write(out / "paragraphs.jsonl", (_json_line(row) for row in para_rows))
    _write(out / "manifest.json", [json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"])


def _json_line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"


def _write(path: Path, lines: Iterable[str]) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(lines)
    os.replace(temporary, path)


def report(out: Path, docs, paragraphs, manifest: dict, say: Callable) -> list[str]:
    """Print the language x half table, totals and targets; return the missed targets."""
    say(f"\ncorpus written to {out}")
    say(f"{'lang':<12} {'script':<10} {'docs tune':>9} {'docs check':>10} {'paras tune':>10} {'paras check':>11}")
    scripts = defaultdict(Counter)
    for doc, _ in docs:
        scripts[doc.lang][doc.script] += 1
    for lang, row in manifest["counts"]["lang"].items():
        script = scripts[lang].most_common(1)[0][0]
        cells = [row.get(k, 0) for k in ("documents_tune", "documents_check", "paragraphs_tune", "paragraphs_check")]
        say(f"{lang:<12} {script:<10} {cells[0]:>9} {cells[1]:>10} {cells[2]:>10} {cells[3]:>11}")
    for key in ("half", "script", "source"):
        say(f"\nper {key}: " + ", ".join(f"{name} {_pair(row)}" for name, row in manifest["counts"][key].items()))
    totals = manifest["totals"]
    say(f"\ntotal: {totals['documents']} documents, {totals['paragraphs']} paragraphs, {totals['languages']} languages,"
        f" {totals['scripts']} scripts, {totals['text_bytes'] / 1e6:.1f} MB of document text")  # fmt: skip
    say(f"damaged in the wild: {len(manifest['damaged_in_the_wild'])} documents (listed in manifest.json)")
    for note in manifest["notes"]:
        say(f"note: {note}")
    missed = [f"{k} {totals[k]} < {v}" for k, v in TARGETS.items() if totals[k] < v]
    say("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return missed


def _pair(row: dict) -> str:
    docs = row.get("documents_tune", 0) + row.get("documents_check", 0)
    paras = row.get("paragraphs_tune", 0) + row.get("paragraphs_check", 0)
    return f"{docs}d/{paras}p"


if __name__ == "__main__":
    sys.exit(main())
