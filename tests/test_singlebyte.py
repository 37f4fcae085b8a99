"""The single-byte layer delegates to ftfy and must fix at least what ftfy's fix_encoding fixes."""

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fixtext

from .strategies import english


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("cafÃ©", "café"),
        ("The rÃ©sumÃ© is â€œreadyâ€\x9d", "The résumé is “ready”"),
        ("donâ€™t", "don’t"),
    ],
)
def test_utf8_read_as_cp1252_is_repaired(broken, fixed):
    assert fixtext.fix_text(broken) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "&lt;p&gt; is how you write <p> in HTML",
        "Use \"straight\" and 'single' quotes",
        "“Curly” quotes stay curly",
        "ﬁne ligatures and ｆｕｌｌ width stay",
        "Ångström, naïve, façade",
        "\x1b[31mred\x1b[0m",
    ],
)
def test_nothing_but_encoding_is_touched(clean):
    assert fixtext.fix_text(clean) == clean


def test_steps_name_ftfy_plan_and_chain():
    explained = fixtext.fix_and_explain("Ã©tÃ©")
    [step] = explained.steps
    assert step.layer == "single-byte"
    assert step.chain[0] == "utf-8"
    assert step.ops[0][0] == "ftfy"
    assert fixtext.apply_plan("Ã©tÃ©", explained.steps) == "été"


def test_a_change_on_one_line_does_not_touch_the_next():
    text = "fine line\ncafÃ© line\nnaïve line"
    assert fixtext.fix_text(text) == "fine line\ncafé line\nnaïve line"


SINGLE_BYTE = ["latin-1", "cp1252", "macroman", "cp437", "cp1251", "cp1250"]


@settings(max_examples=200)
@given(english, st.sampled_from(SINGLE_BYTE))
def test_fixes_everything_ftfy_fix_encoding_fixes(text, codec):
    try:
        broken = text.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return
    if ftfy.fix_encoding(broken) == text:
        assert fixtext.fix_text(broken) == text
