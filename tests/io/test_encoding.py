"""Reading other encodings: the decision of ``auto``, and a reader that keeps every line."""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabnorm.errors import DecodeError, UsageError
from arabnorm.io.encoding import (
    AUTO,
    DecodingReader,
    detect,
    looks_like,
    resolve_encoding,
    utf8_error,
)
from tests.damage.cases import real_text, seed_lines, seed_sentences

ARABIC_PAGES = ("cp1256", "iso8859-6", "mac-arabic", "cp720")


def encodable(text: str, page: str) -> str:
    """``text`` with what ``page`` cannot write folded away, as a legacy file would have it."""
    folded = (
        text.replace("“", '"')
        .replace("”", '"')
        .replace("«", '"')
        .replace("»", '"')
        .replace("–", "-")
        .replace("—", "-")
        .replace("…", "...")
        .replace("ی", "ي")
        .replace("ک", "ك")
        .replace("ً", "")
    )
    if page == "cp720":
        folded = folded.replace("،", ",").replace("؛", ";").replace("؟", "?")
    return folded.encode(page, "ignore").decode(page)


def mac_file(text: str) -> bytes:
    """MacArabic as a Mac writes it: ASCII as ASCII (Python's encoder uses the copies)."""
    return b"".join(c.encode("ascii") if c.isascii() else c.encode("mac-arabic") for c in text)


def file_bytes(text: str, page: str) -> bytes:
    return mac_file(text) if page == "mac-arabic" else text.encode(page)


def read_all(data: bytes, encoding: str, errors: str = "strict", size: int = 7) -> bytes:
    reader = DecodingReader(io.BytesIO(data), encoding, errors, "x")
    out = []
    while chunk := reader.read(size):
        out.append(chunk)
    return b"".join(out)


def test_names() -> None:
    assert resolve_encoding("Windows-1256") == "cp1256"
    assert resolve_encoding("ISO-8859-6") == "iso8859-6"
    assert resolve_encoding("macarabic") == "mac-arabic"
    assert resolve_encoding("cp720") == "cp720"
    assert resolve_encoding("auto") == AUTO
    for bad in ("klingon", "rot13", "base64"):
        with pytest.raises(UsageError, match="unknown encoding"):
            resolve_encoding(bad)


@pytest.mark.parametrize("page", ARABIC_PAGES)
def test_auto_reads_each_arabic_page_back_exactly(page: str) -> None:
    article = "\n".join(encodable(line, page) for line in seed_lines()) + "\n"
    data = file_bytes(article, page)
    assert read_all(data, AUTO, size=1000).decode() == article
    assert read_all(data, page, size=1000).decode() == article
    for sentence in seed_sentences():
        line = encodable(sentence, page)
        if sum(c > "\x7f" for c in line) < 20:
            continue
        found = detect(file_bytes(line, page), final=True)
        assert found is not None
        assert file_bytes(line, page).decode(found.codec) == line, (page, line)


def test_latin_only_files_are_windows_1252() -> None:
    for lang in ("fr", "da", "de", "es", "pt"):
        text = "\n".join(real_text()[lang])
        found = detect(text.encode("cp1252"), final=True)
        assert found is not None and found.encoding == "cp1252", lang


@settings(max_examples=200)
@given(st.text())
def test_valid_utf8_is_always_utf8(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    found = detect(data, final=True)
    if data.startswith(codecs.BOM_UTF8):
        assert found is not None and found.encoding == "utf-8-sig"
    else:
        assert found is not None and found.codec == "utf-8"
    assert read_all(data, AUTO) == (data[3:] if data.startswith(codecs.BOM_UTF8) else data)


def test_ascii_waits_for_the_first_byte_above_ascii() -> None:
    assert detect(b"plain text", final=False) is None
    arabic = "\n".join(seed_lines()).encode("cp1256")
    data = b"x" * 200_000 + b"\n" + arabic
    reader = DecodingReader(io.BytesIO(data), AUTO, "strict", "x")
    out = b""
    while chunk := reader.read(1 << 16):
        out += chunk
    assert reader.encoding == "cp1256"
    assert out.decode() == data.decode("cp1256")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
@pytest.mark.parametrize("size", [1, 3, 4096])
def test_marked_and_given_unicode_keeps_every_line_and_ending(codec: str, size: int) -> None:
    text = "مرحبا بالعالم\r\nسطر\n\n\u060a\u0a0a ﷺ 😀\r\nend"
    data = text.encode(codec)
    assert read_all(data, codec, size=size).decode() == text
    if codec in ("utf-16", "utf-32", "utf-8-sig"):  # with a byte order mark
        assert read_all(data, AUTO, size=size).decode() == text


def test_byte_order_marks_name_the_encoding() -> None:
    for codec, name in (("utf-16", "utf-16"), ("utf-32", "utf-32"), ("utf-8-sig", "utf-8-sig")):
        found = detect("نص".encode(codec), final=True)
        assert found is not None and found.encoding == name


def test_unmarked_utf16_is_read_as_utf8_but_reported() -> None:
    found = detect("مرحبا بالعالم".encode("utf-16-le"), final=True)
    assert found is not None and found.codec == "utf-8" and found.doubt == "utf-16-le"


def test_an_undefined_byte_names_line_and_offset() -> None:
    data = "سطر\nسطر ثان\n".encode("iso8859-6") + b"ab\xa1"
    with pytest.raises(DecodeError) as err:
        read_all(data, "iso8859-6", size=3)
    assert err.value.line == 3 and err.value.offset == len(data) - 1
    assert "invalid iso8859-6 byte 0xa1" in str(err.value)


def test_truncated_utf16_is_an_error_at_its_offset() -> None:
    data = "سطر\nب".encode("utf-16-le") + b"\x28"
    with pytest.raises(DecodeError) as err:
        read_all(data, "utf-16-le", size=2)
    assert err.value.line == 2 and err.value.offset == len(data) - 1


def test_surrogateescape_keeps_undefined_bytes_and_replace_marks_them() -> None:
    data = "نص".encode("iso8859-6") + b"\xa1\n"
    assert read_all(data, "iso8859-6", "surrogateescape") == "نص".encode() + b"\xa1\n"
    assert read_all(data, "iso8859-6", "replace").decode() == "نص\ufffd\n"


def test_the_utf8_error_says_what_the_bytes_look_like() -> None:
    data = "\n".join(seed_lines()[:3]).encode("cp1256")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        err = utf8_error("a.txt", 1, 0, data, exc.start, exc.end)
    assert "look like windows-1256: pass --encoding cp1256 (or auto)" in str(err)
    mostly_utf8 = "مرحبا".encode() * 50 + b"\xff"
    assert looks_like(mostly_utf8) is None
    marked = "نص".encode("utf-16")
    assert looks_like(marked, at_start=True) == "utf-16"
