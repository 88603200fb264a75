"""What each record format keeps byte for byte, and what it changes."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest

from arabnorm.errors import DecodeError, InputError, UsageError
from arabnorm.io.formats import (
    CsvCodec,
    JsonlCodec,
    TextCodec,
    detect_format,
    make_codec,
    resolve_columns,
)
from arabnorm.io.runner import Executor, RunStats, run_stream
from arabnorm.pipeline import Pipeline

TATWEEL = Pipeline.from_spec("tatweel")


class Swap:
    """Replaces "x" by a string that needs CSV quoting and JSON escaping."""

    def __init__(self, new: str = 'a,"b"\nc') -> None:
        self.new = new

    def apply(self, text: str) -> str:
        return text.replace("x", self.new)

    def map_batch(self, texts: Sequence[str]) -> list[str]:
        return [self.apply(t) for t in texts]


def run(
    data: bytes, codec: object, transform: object = TATWEEL, **kw: int
) -> tuple[bytes, RunStats]:
    out = io.BytesIO()
    with Executor(transform) as ex:  # type: ignore[arg-type]
        stats = run_stream(io.BytesIO(data), out, codec, ex, "in", **kw)  # type: ignore[arg-type]
    return out.getvalue(), stats


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.jsonl", "jsonl"),
        ("dir/a.NDJSON.gz", "jsonl"),
        ("a.csv.bz2", "csv"),
        ("a.tsv.xz", "tsv"),
        ("a.txt", "text"),
        ("a", "text"),
        ("-", "text"),
    ],
)
def test_format_from_name(name: str, fmt: str) -> None:
    assert detect_format(name) == fmt


def test_explicit_format_wins() -> None:
    assert detect_format("a.txt", "jsonl") == "jsonl"
    with pytest.raises(UsageError):
        detect_format("a.txt", "xml")


# --- JSON Lines ---------------------------------------------------------


def test_jsonl_only_the_named_field_changes() -> None:
    line = (
        '{"id": 7,  "score":1.50,"big": 1e400, "n": null, "ok": true, '
        '"meta": {"text": "بـ"}, "text": "كـتاب", "tags": ["ـ"], "z": "ـ"}'
    )
    out, stats = run((line + "\n").encode(), JsonlCodec(("text",)))
    assert out.decode() == line.replace('"text": "كـتاب"', '"text": "كتاب"') + "\n"
    assert stats.records == 1 and stats.missing == 0


def test_jsonl_unchanged_values_keep_their_exact_bytes() -> None:
    data = b'{"text": "a\\/b \\u0041 \\"q\\""}\n{"text":"plain"}\n'
    out, _ = run(data, JsonlCodec(("text",)))
    assert out == data


def test_jsonl_escape_style_follows_the_original_value() -> None:
    data = b'{"text": "\\u0643\\u0640\\u062a"}\n{"text": "\xd9\x83\xd9\x80\xd8\xaa"}\n'
    out, _ = run(data, JsonlCodec(("text",)))
    assert out == b'{"text": "\\u0643\\u062a"}\n{"text": "\xd9\x83\xd8\xaa"}\n'


def test_jsonl_changed_value_is_escaped() -> None:
    out, _ = run(b'{"text": "x", "k": 1}\n', JsonlCodec(("text",)), Swap())
    assert out == b'{"text": "a,\\"b\\"\\nc", "k": 1}\n'


def test_jsonl_several_fields_blank_lines_crlf_and_no_final_newline() -> None:
    data = '{"title": "ـأ", "body": "بـ", "text": "ـ"}\r\n\n   \n{"body": "جـ"}'.encode()
    out, stats = run(data, JsonlCodec(("title", "body")))
    assert out == '{"title": "أ", "body": "ب", "text": "ـ"}\r\n\n   \n{"body": "ج"}'.encode()
    assert stats.lines == 4
    assert stats.missing == 1  # the last record has no "title"


def test_jsonl_missing_or_non_string_fields_pass_through_counted() -> None:
    data = b'{"text": 5}\n{"other": "\xd9\x80"}\n[1, 2]\n"str"\n{"text": null}\n'
    out, stats = run(data, JsonlCodec(("text",)))
    assert out == data
    assert stats.missing == 5


def test_jsonl_invalid_line_stops_naming_the_line() -> None:
    data = b'{"text": "a"}\n{"text": "a",}\n'
    with pytest.raises(InputError) as err:
        run(data, JsonlCodec(("text",)))
    assert err.value.line == 2
    assert "invalid JSON" in str(err.value)


@pytest.mark.parametrize("bad", [b'{"text": "a"} x', b"{bad", b'{"a" 1}', b"nul", b'{"a": 1'])
def test_jsonl_invalid_lines_are_skipped_and_reported(bad: bytes) -> None:
    data = b'{"text": "\xd9\x80"}\n' + bad + b'\n{"text": "\xd9\x80"}\n'
    out, stats = run(data, JsonlCodec(("text",), on_error="skip"))
    assert out == b'{"text": ""}\n' + bad + b'\n{"text": ""}\n'
    assert stats.invalid == [2]


def test_jsonl_undecodable_bytes() -> None:
    data = b'{"text": "a"}\n{"text": "\xff"}\n'
    with pytest.raises(DecodeError) as err:
        run(data, JsonlCodec(("text",)))
    assert err.value.line == 2 and err.value.offset == 24
    out, _ = run(data, JsonlCodec(("text",), errors="surrogateescape"))
    assert out == data


# --- CSV / TSV ----------------------------------------------------------

CSV = 'id,text,note\r\n1,"كـتاب, ""قديم""\nسطر ثانٍ",ـ\r\n2,بـاب,"ـ"\r\n3,,x\r\n4\r\n'


def test_csv_named_column_changes_and_everything_else_is_kept() -> None:
    out, stats = run(CSV.encode(), make_codec("csv"))
    expected = CSV.replace('"كـتاب, ""قديم""', '"كتاب, ""قديم""').replace("بـاب", "باب")
    assert out.decode() == expected
    assert stats.records == 4  # the header is not counted
    assert stats.missing == 1  # record 4 has no text column
    assert stats.lines == 6


def test_csv_quoting_is_added_only_when_needed() -> None:
    data = b'text,k\nx,1\n"x",2\nab,3\n'
    out, _ = run(data, make_codec("csv"), Swap())
    assert out == b'text,k\n"a,""b""\nc",1\n"a,""b""\nc",2\nab,3\n'
    out, _ = run(data, make_codec("csv"), Swap("y"))
    assert out == b'text,k\ny,1\n"y",2\nab,3\n'


def test_csv_columns_by_number_without_header() -> None:
    data = "ـa,ـb,ـc\nـd,ـe\n".encode()
    out, stats = run(data, make_codec("csv", columns=["0", "2"], header=False))
    assert out.decode() == "a,ـb,c\nd,ـe\n"
    assert stats.missing == 1


def test_csv_unknown_column_names_the_header() -> None:
    with pytest.raises(UsageError, match="columns: id, body"):
        run(b"id,body\n1,2\n", make_codec("csv", columns=["text"]))
    assert resolve_columns(["body", "0"], ["id", "body"], "f") == (1, 0)


def test_tsv_uses_tabs() -> None:
    data = "id\ttext\n1\tبـ,ـ\n".encode()
    out, _ = run(data, make_codec("tsv"))
    assert out.decode() == "id\ttext\n1\tب,\n"


def test_csv_records_with_newlines_across_block_boundaries() -> None:
    rows = "".join(f'{i},"ـ{i}\nـ\r\n""ـ""",z\n' for i in range(300))
    data = ("id,text,k\n" + rows).encode()
    small, _ = run(data, make_codec("csv"), block_size=37)
    whole, _ = run(data, make_codec("csv"))
    assert small == whole
    assert whole.decode().count('"ـ""') == 0
    assert whole.decode().count("\n") == data.decode().count("\n")


def test_csv_unterminated_quote_is_an_error() -> None:
    with pytest.raises(InputError, match="invalid CSV"):
        run(b'text\n"abc\n', make_codec("csv"))


def test_csv_lenient_quotes_pass_through_untouched() -> None:
    data = 'text,k\n"a"b,1\nab"c,ـ\n'.encode()
    out, stats = run(data, make_codec("csv"))
    assert out == data
    assert stats.missing == 1  # the malformed quoted field is not rewritten


def test_csv_needs_columns_without_header() -> None:
    with pytest.raises(UsageError):
        make_codec("csv", header=False)


def test_codec_kinds() -> None:
    assert CsvCodec("\t").kind == "tsv" and TextCodec().kind == "text"


def test_byte_order_marks_are_kept_and_ignored() -> None:
    data = '\ufeff{"text": "ـa"}\n'.encode()
    out, _ = run(data, JsonlCodec(("text",)))
    assert out == '\ufeff{"text": "a"}\n'.encode()
    data = "\ufefftext,k\nـb,1\n".encode()
    out, _ = run(data, make_codec("csv"))
    assert out == "\ufefftext,k\nb,1\n".encode()
