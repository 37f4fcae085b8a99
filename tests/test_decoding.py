"""Bytes in: BOMs, UTF-8, legacy encodings re-ranked by plausibility, and clear errors."""

import codecs

import pytest

import fixtext
from fixtext import BinaryInputError, UndecodableInputError, detect_encoding

BROKEN = "It鈥檚 fine."
FIXED = "It’s fine."


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8-sig", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_every_bom_is_honoured(encoding, bom):
    body = BROKEN.encode(encoding.replace("-sig", ""))
    data = body if body.startswith(bom) else bom + body
    detection = detect_encoding(data)
    assert detection.bom and detection.confidence == 1.0
    assert fixtext.fix_bytes(data) == FIXED


def test_valid_utf8_is_utf8():
    data = BROKEN.encode("utf-8")
    assert detect_encoding(data).encoding == "utf-8"
    explained = fixtext.fix_bytes_and_explain(data)
    assert explained.text == FIXED
    assert (explained.encoding, explained.encoding_confidence) == ("utf-8", 1.0)


def test_empty_input_is_empty_text():
    assert fixtext.fix_bytes(b"") == ""


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("我们明天在北京见面，别忘了带上护照。", "gbk"),
        ("這是一個繁體中文的句子，請仔細閱讀。", "big5"),
        ("これは日本語の文章です。よろしくお願いします。", "shift_jis"),
        ("これは日本語の文章です。よろしくお願いします。", "euc_jp"),
        ("Crème brûlée à la carte, s’il vous plaît.", "cp1252"),
    ],
)
def test_legacy_encodings_are_read_as_written(text, encoding):
    data = text.encode(encoding)
    explained = fixtext.fix_bytes_and_explain(data)
    assert explained.text == text
    assert data.decode(explained.encoding) == text
    assert 0.0 <= explained.encoding_confidence <= 1.0


@pytest.mark.parametrize("text", ["中文测试"])
def test_short_gbk_beats_other_readings(text):
    data = text.encode("gbk")
    assert data.decode(detect_encoding(data).encoding) == text


def test_binary_data_is_refused():
    with pytest.raises(BinaryInputError, match="NUL"):
        fixtext.fix_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_undecodable_data_is_refused(monkeypatch):
    # Only encodings that cannot decode these bytes are on offer.
    monkeypatch.setattr("fixtext.decoding._proposals", lambda data: ["ascii", "utf-8"])
    with pytest.raises(UndecodableInputError):
        fixtext.fix_bytes(b"caf\xe9 \xff\xfd")


def test_errors_are_value_errors_with_a_common_base():
    assert issubclass(BinaryInputError, fixtext.InputError)
    assert issubclass(UndecodableInputError, ValueError)


def test_fix_file_reads_any_encoding(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes("他说：“好的。” It鈥檚 fine.".encode("gb18030"))
    assert fixtext.fix_file(path) == "他说：“好的。” It’s fine."
