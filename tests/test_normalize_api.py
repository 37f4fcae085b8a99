"""fix_text(normalize=...), normalize(), steps, replay and diagnose."""

from __future__ import annotations

import json

import pytest

import fixtext
from fixtext.normalize import CHOICES, Policy

MOJIBAKE_AND_QUOTES = 'It wasn\u9225\u6a9b "over" -- yet'


def test_presets_are_named_and_none_is_not_one():
    assert {"ascii", "typographic", "cjk", "ftfy"} <= set(fixtext.PRESETS)
    assert "none" not in fixtext.PRESETS
    assert all(isinstance(policy, Policy) for policy in fixtext.PRESETS.values())


def test_unknown_preset_names_the_valid_ones():
    with pytest.raises(ValueError, match="typographic"):
        fixtext.fix_text("x", normalize="fancy")
    with pytest.raises(ValueError, match="ascii"):
        fixtext.normalize("x", "none")


def test_bad_markup_and_bad_policy_values_are_refused():
    with pytest.raises(ValueError, match="markdown"):
        fixtext.normalize("x", "ascii", markup="html")
    with pytest.raises(ValueError, match="quotes"):
        Policy(quotes="smart")
    with pytest.raises(ValueError, match="cjk_spacing"):
        Policy(cjk_spacing="yes")


def test_policy_is_frozen_and_every_choice_builds():
    with pytest.raises(AttributeError):
        Policy().quotes = "curly"  # type: ignore[misc]
    for name, choices in CHOICES.items():
        for choice in choices:
            Policy(**{name: choice}).rules()


def test_fix_text_repairs_then_normalizes():
    assert fixtext.fix_text(MOJIBAKE_AND_QUOTES) == 'It wasn’t "over" -- yet'
    assert fixtext.fix_text(MOJIBAKE_AND_QUOTES, normalize="typographic") == "It wasn’t “over” — yet"
    assert fixtext.fix_text(MOJIBAKE_AND_QUOTES, normalize="ascii") == "It wasn't \"over\" -- yet"


def test_normalize_does_not_repair():
    assert fixtext.normalize(MOJIBAKE_AND_QUOTES, "typographic") == "It wasn\u9225\u6a9b “over” — yet"


def test_a_policy_object_works_like_a_preset():
    policy = fixtext.PRESETS["typographic"].with_(dashes="keep")
    assert fixtext.fix_text(MOJIBAKE_AND_QUOTES, normalize=policy) == "It wasn’t “over” -- yet"


def test_every_normalization_is_a_step_that_replays_and_points_into_the_input():
    explained = fixtext.fix_and_explain(MOJIBAKE_AND_QUOTES, normalize="typographic")
    layers = [(step.layer, step.rule) for step in explained.steps]
    assert layers == [("multibyte", ""), ("normalize", "quotes"), ("normalize", "quotes"), ("normalize", "dashes")]
    for step in explained.steps[1:]:
        assert MOJIBAKE_AND_QUOTES[step.source_start : step.source_end] == step.before
        assert step.confidence == 1.0 and step.chain == () and step.ops == (("literal", step.after),)
    assert fixtext.apply_plan(MOJIBAKE_AND_QUOTES, explained.plan) == explained.text
    assert json.dumps([step.as_dict() for step in explained.steps], ensure_ascii=False)


def test_insertions_are_steps_with_empty_spans():
    explained = fixtext.normalize_and_explain("用Python写", "cjk")
    assert explained.text == "用 Python 写"
    assert [(s.start, s.end, s.before, s.after, s.rule) for s in explained.steps] == [
        (1, 1, "", " ", "cjk-spacing"),
        (7, 7, "", " ", "cjk-spacing"),
    ]
    assert fixtext.apply_plan("用Python写", explained.plan) == "用 Python 写"


def test_diagnose_reports_normalizations_without_applying_them():
    text = 'line one\nsay "hi"...'
    findings = fixtext.diagnose(text, normalize="typographic")
    assert [(f.line, f.column, f.before, f.after, f.step.rule) for f in findings] == [
        (2, 5, '"', "“", "quotes"),
        (2, 8, '"', "”", "quotes"),
        (2, 9, "...", "…", "ellipsis"),
    ]
    assert fixtext.diagnose(text) == []


def test_bidi_controls_are_always_reported_and_removed_only_when_asked():
    text = "access\u202e level"
    assert [(f.column, f.step.rule, f.after) for f in fixtext.diagnose(text)] == [(7, "bidi-controls", "\u202e")]
    assert fixtext.fix_text(text, normalize="typographic") == text
    assert fixtext.fix_text(text, normalize="ascii") == "access level"
    [finding] = fixtext.diagnose(text, normalize="ascii")
    assert (finding.column, finding.after) == (7, "")


def test_html_entities_are_unescaped_before_the_repair_with_the_ftfy_preset():
    text = "10\u00ce&frac14;s"  # UTF-8 µ read as latin-1, then HTML-escaped
    assert fixtext.fix_text(text) == text
    assert fixtext.fix_text(text, normalize="ftfy") == "10μs"


def test_clean_text_stays_identical_without_a_policy():
    text = 'Plain "text" -- with ... and ＡＢＣ，我们'
    assert fixtext.fix_text(text) == text
    assert fixtext.fix_text(text, normalize="keep") == text


def test_markdown_code_is_left_alone_through_fix_text():
    doc = 'Say "hi" -- `print("hi")`\n\n```\nx = "a" -- b\n```\n'
    fixed = fixtext.fix_text(doc, normalize="typographic", markup="markdown")
    assert fixed == 'Say “hi” — `print("hi")`\n\n```\nx = "a" -- b\n```\n'

