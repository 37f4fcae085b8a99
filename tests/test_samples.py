"""The samples shipped in samples/ (our own text) are repaired exactly."""

from pathlib import Path

import pytest

import fixtext
from tools.make_samples import damage

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CLEAN = sorted(p for p in SAMPLES.glob("*.txt") if ".gbk-mojibake" not in p.name)


@pytest.mark.parametrize("clean", CLEAN, ids=lambda p: p.name)
def test_damaged_sample_is_repaired_exactly(clean):
    broken = clean.with_name(clean.stem + ".gbk-mojibake.txt").read_text(encoding="utf-8")
    expected = clean.read_text(encoding="utf-8")
    assert broken != expected
    assert fixtext.fix_text(broken) == expected


@pytest.mark.parametrize("clean", CLEAN, ids=lambda p: p.name)
def test_damaged_sample_is_up_to_date(clean):
    broken = clean.with_name(clean.stem + ".gbk-mojibake.txt").read_text(encoding="utf-8")
    assert damage(clean.read_text(encoding="utf-8")) == broken


def test_clean_samples_are_left_alone():
    assert CLEAN
    for clean in CLEAN:
        text = clean.read_text(encoding="utf-8")
        assert fixtext.fix_text(text) == text
