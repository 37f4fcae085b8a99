"""The public API: names, types and the contracts users rely on."""

import dataclasses

import pytest

import fixtext
from fixtext import Config, ErrorMode, Explained, Finding, PlanError, Step

BROKEN = "Line one is fine.\nIt鈥檚 “here” and 鈥渢here鈥 now."
FIXED = "Line one is fine.\nIt’s “here” and “there” now."


def test_fix_text_repairs_and_leaves_clean_text_identical():
    assert fixtext.fix_text(BROKEN) == FIXED
    assert fixtext.fix_text(FIXED) == FIXED
    assert fixtext.fix_text("") == ""


def test_fix_text_rejects_bytes_with_a_clear_error():
    with pytest.raises(TypeError, match="fix_bytes"):
        fixtext.fix_text(b"bytes")  # type: ignore[arg-type]


def test_normalize_none_is_accepted_and_unknown_presets_are_refused():
    assert fixtext.fix_text(BROKEN, normalize=None) == FIXED
    with pytest.raises(ValueError, match="preset"):
        fixtext.fix_text(BROKEN, normalize="no-such-preset")


def test_explained_steps_carry_everything_a_report_needs():
    explained = fixtext.fix_and_explain(BROKEN)
    assert isinstance(explained, Explained) and explained.text == FIXED and explained.changed
    for step in explained.steps:
        assert isinstance(step, Step)
        assert BROKEN[step.source_start : step.source_end] == step.before
        assert step.layer in {"multibyte", "lossy", "single-byte"}
        assert step.chain_label == "utf-8 → gbk"
        assert isinstance(step.errors, ErrorMode)
        assert 0.0 <= step.confidence <= 1.0
        assert all(0 <= i < len(step.after) for i in step.inferred)
        assert step.as_dict()["chain"] == "utf-8 → gbk"
    assert any(step.is_inferred for step in explained.steps)


def test_apply_plan_replays_on_the_same_text_and_on_text_with_the_same_layout():
    plan = fixtext.fix_and_explain(BROKEN).plan
    assert fixtext.apply_plan(BROKEN, plan) == FIXED
    other = "Line two is fine.\nIt鈥檚 “here” and 鈥渢here鈥 now."
    assert fixtext.apply_plan(other, plan) == "Line two is fine.\nIt’s “here” and “there” now."


def test_apply_plan_raises_when_the_plan_does_not_fit():
    plan = fixtext.fix_and_explain(BROKEN).plan
    with pytest.raises(PlanError):
        fixtext.apply_plan("short", plan)
    with pytest.raises(PlanError):
        fixtext.apply_plan("Line one is fine.\nIt is “here” and ok ok ok now.", plan)


def test_diagnose_reports_without_changing_anything():
    findings = fixtext.diagnose(BROKEN)
    assert findings and all(isinstance(f, Finding) for f in findings)
    first = findings[0]
    assert (first.line, first.column) == (2, 3)
    assert first.before == "鈥檚" and first.after == "’s"
    assert fixtext.diagnose(FIXED) == []


def test_chains_are_undone_one_link_at_a_time():
    meant = "Crème brûlée is served."
    broken = meant.encode("utf-8").decode("cp1252").encode("utf-8").decode("gbk")
    explained = fixtext.fix_and_explain(broken)
    assert explained.text == meant
    assert [s.layer for s in explained.steps][-1] == "single-byte"
    assert len({s.stage for s in explained.steps}) >= 2
    assert fixtext.apply_plan(broken, explained.plan) == meant
    for step in explained.steps:
        assert 0 <= step.source_start <= step.source_end <= len(broken)


def test_config_is_frozen_and_validated():
    config = Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.min_confidence = 0.5  # type: ignore[misc]
    assert config.with_(min_confidence=0.9).min_confidence == 0.9
    with pytest.raises(ValueError, match="layer"):
        Config(layers=("no-such-layer",))
    with pytest.raises(ValueError, match="codec"):
        Config(codecs=("utf-7",))
    with pytest.raises(ValueError):
        Config(min_confidence=1.5)
    with pytest.raises(ValueError):
        Config(max_passes=0)


def test_min_confidence_one_changes_nothing():
    assert fixtext.fix_text(BROKEN, config=Config(min_confidence=1.0)) == BROKEN


def test_layers_can_be_chosen():
    assert fixtext.fix_text("cafÃ©", config=Config(layers=("multibyte",))) == "cafÃ©"
    assert fixtext.fix_text(BROKEN, config=Config(layers=("single-byte",))) == BROKEN


def test_surrogates_and_controls_do_not_raise():
    for text in ["\ud800 lone surrogate 鈥", "\x00\x01鈥\x7f", "\ufeff鈥檛"]:
        assert isinstance(fixtext.fix_text(text), str)


def test_version():
    assert fixtext.__version__.count(".") == 2


def test_source_spans_point_into_the_callers_input():
    meant = "Crème brûlée is served."
    broken = meant.encode("utf-8").decode("cp1252").encode("utf-8").decode("gbk")
    text = "Intro line.\n" + broken
    for step in fixtext.fix_and_explain(text).steps:
        covered = text[step.source_start : step.source_end]
        assert covered and not covered.isascii(), (step, covered)
        assert step.source_start >= len("Intro line.\n")


def test_a_moved_step_equals_the_dataclass_replacement():
    import dataclasses

    step = fixtext.fix_and_explain("It wasn鈥檛 over.").steps[0]
    changes = {"start": step.start + 5, "end": step.end + 5, "stage": 2, "source_start": 9, "source_end": 11}
    moved = step.moved(**changes)
    assert moved == dataclasses.replace(step, **changes)
    assert moved is not step and step.start != moved.start  # the original is untouched
