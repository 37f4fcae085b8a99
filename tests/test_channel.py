import pytest

from fixtext.channel import REPLACEMENT, Channel
from fixtext.model import ErrorMode

CURLY_CLOSE_THEN_SPACE = "” ".encode("utf-8")  # E2 80 9D 20: 9D has no trail byte in GBK


@pytest.mark.parametrize(
    ("errors", "expected"),
    [
        (ErrorMode.IGNORE, "鈥 "),
        (ErrorMode.REPLACE, "鈥\ufffd "),
        (ErrorMode.QMARK, "鈥? "),
        (ErrorMode.WHATWG, "鈥\ufffd "),
    ],
)
def test_each_error_mode_models_its_decoder(errors, expected):
    assert Channel("gbk", errors).decode(CURLY_CLOSE_THEN_SPACE) == expected


def test_strict_channel_raises_on_lost_bytes():
    with pytest.raises(UnicodeDecodeError):
        Channel("gbk", ErrorMode.STRICT).decode(CURLY_CLOSE_THEN_SPACE)


def test_whatwg_swallows_a_non_ascii_byte_after_a_bad_lead_but_keeps_ascii():
    # AA A1 is unassigned in GBK: CPython reports two errors, browsers one.
    assert Channel("gbk", ErrorMode.REPLACE).decode(b"\xaa\xa1x") == REPLACEMENT * 2 + "x"
    assert Channel("gbk", ErrorMode.WHATWG).decode(b"\xaa\xa1x") == REPLACEMENT + "x"
    assert Channel("gbk", ErrorMode.WHATWG).decode(b"\x99 ") == REPLACEMENT + " "


def test_reproduces_is_the_noisy_channel_check():
    channel = Channel("gbk", ErrorMode.IGNORE)
    assert channel.reproduces("”".encode("utf-8") + b" ", "鈥 ")
    assert not channel.reproduces("’t".encode("utf-8"), "鈥 ")
    assert not Channel("gbk", ErrorMode.STRICT).reproduces(b"\x99 ", " ")


def test_chain_and_marker():
    channel = Channel("gb18030", ErrorMode.QMARK)
    assert channel.chain == ("utf-8", "gb18030")
    assert channel.marker == "?"
    assert Channel("gbk", ErrorMode.IGNORE).marker == ""
