"""Regenerate the damaged samples in samples/ from their clean originals.

Each ``NAME.txt`` is text we wrote; ``NAME.gbk-mojibake.txt`` is what it
becomes when its UTF-8 bytes are decoded as GBK with ``errors="ignore"``,
paragraph by paragraph, except that every third paragraph is left intact so
the sample mixes clean and damaged text, as real files do.

    python tools/make_samples.py
"""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def damage(text: str) -> str:
    lines = text.split("\n")
    out = [
        line if i % 3 == 2 else line.encode("utf-8").decode("gbk", "ignore")
        for i, line in enumerate(lines)
    ]
    return "\n".join(out)


def main() -> None:
    for clean in sorted(SAMPLES.glob("*.txt")):
        if ".gbk-mojibake" in clean.name:
            continue
        target = clean.with_name(clean.stem + ".gbk-mojibake.txt")
        target.write_text(damage(clean.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote {target.relative_to(SAMPLES.parent)}")


if __name__ == "__main__":
    main()
