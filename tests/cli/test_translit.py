"""``arabnorm translit`` through real subprocesses: schemes, inputs and outputs, markers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.cli.helpers import SEEDS, run

AR = "ذِئْبٌ أَشْهَبُ"
BW = "*i}obN >a$ohabu"


def ok(*args: str, stdin: bytes | None = None) -> str:
    res = run("translit", *args, stdin=stdin)
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b""
    return res.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("scheme", "written"),
    [
        ("bw", BW),
        ("safebw", "ViQobN Oacohabu"),
        ("xmlbw", "*i}obN Oa$ohabu"),
        ("hsb", "ðiŷ.bũ Âaš.habu"),
        ("iso233-2", "ḏiŷ˚buⁿ âaš˚habu"),
    ],
)
def test_each_scheme_there_and_back_through_standard_input(scheme: str, written: str) -> None:
    assert ok("--to", scheme, stdin=f"{AR}\r\n{AR}".encode()) == f"{written}\r\n{written}"
    assert ok("--from", scheme, stdin=f"{written}\n".encode()) == f"{AR}\n"


def test_files_to_a_file_and_in_place(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"{AR}\n\n", encoding="utf-8")
    b.write_text("كتب", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert ok("--to", "bw", str(a), str(b), "-o", str(out)) == ""
    assert out.read_text(encoding="utf-8") == f"{BW}\n\nktb"
    assert ok("--to", "bw", "-i", str(a)) == ""
    assert a.read_text(encoding="utf-8") == f"{BW}\n\n"
    assert ok("--from", "bw", "-i", str(a)) == ""
    assert a.read_text(encoding="utf-8") == f"{AR}\n\n"


def test_seeds_come_back_through_every_scheme(tmp_path: Path) -> None:
    from arabnorm.translit import SCHEMES, translation

    original = SEEDS[0].read_text(encoding="utf-8")
    for scheme in SCHEMES:
        out, back = tmp_path / f"{scheme}.txt", tmp_path / f"{scheme}.back.txt"
        ok("--to", scheme, str(SEEDS[0]), "-o", str(out))
        ok("--from", scheme, str(out), "-o", str(back))
        got = back.read_text(encoding="utf-8").split("\n")
        alphabet = set("".join(translation(scheme, back=True)))
        kept = [i for i, line in enumerate(original.split("\n")) if not alphabet & set(line)]
        assert len(got) == original.count("\n") + 1
        assert len(kept) > 5
        assert [got[i] for i in kept] == [original.split("\n")[i] for i in kept]


def test_jsonl_fields_and_csv_columns(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"id": 1, "title": "كتب", "text": "قرأ", "n": 1.50}\n', encoding="utf-8")
    got = ok("--to", "bw", "--field", "title", str(src))
    assert got == '{"id": 1, "title": "ktb", "text": "قرأ", "n": 1.50}\n'
    got = ok("--to", "bw", str(src), "--provenance")
    record = json.loads(got)
    assert record["text"] == "qr>" and len(record["arabnorm_spec"]) == 12
    csv = tmp_path / "a.csv"
    csv.write_bytes('id,body\r\n1,"كتب، ""قرأ""\nمن"\r\n'.encode())
    got = ok("--to", "bw", "--column", "body", str(csv))
    assert got == 'id,body\r\n1,"ktb، ""qr>""\nmn"\r\n'


def test_directories_output_dir_compression_and_jobs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(f"{AR}\n" * 3000, encoding="utf-8")
    (corpus / "sub" / "b.txt.gz").write_bytes(gzip.compress("كتب\n".encode()))
    out = tmp_path / "out"
    assert ok("--to", "bw", "-r", str(corpus), "--output-dir", str(out), "-j", "2") == ""
    assert (out / "a.txt").read_text(encoding="utf-8") == f"{BW}\n" * 3000
    assert gzip.decompress((out / "sub" / "b.txt.gz").read_bytes()) == b"ktb\n"


def test_normalize_first_with_a_preset_or_stages() -> None:
    assert ok("--to", "bw", stdin="كتـــاب مُحَمَّدٌ\n".encode()) == "kt___Ab muHama~dN\n"
    assert ok("--to", "bw", "-p", "standard", stdin="كتـــاب مُحَمَّدٌ\n".encode()) == "ktAb mHmd\n"
    assert ok("--to", "bw", "-s", "tatweel", stdin="كتـــاب مُحَمَّدٌ\n".encode()) == "ktAb muHama~dN\n"


def test_print_spec_and_explain() -> None:
    got = ok("--from", "hsb", "-s", "tatweel", "--marker", "@@", "--print-spec")
    assert got.startswith("spec tatweel,translit:to=:from=hsb:marker=@@:marked=keep\nhash ")
    res = run("translit", "--to", "bw", "--explain", stdin="كتب x\n".encode())
    assert res.stdout == b"ktb x\n"
    assert b"translit" in res.stderr and b"3" in res.stderr


def test_markers_kept_or_stripped() -> None:
    text = b"qAl @@IGNORE@@Hello w@@IGNORE@@x\n"
    assert (
        ok("--from", "bw", "--marker", "@@IGNORE@@", stdin=text)
        == "قال @@IGNORE@@Hello و@@IGNORE@@x\n"
    )
    got = ok("--from", "bw", "--marker", "@@IGNORE@@", "--strip-markers", stdin=text)
    assert got == "قال Hello وx\n"
    assert ok("--from", "bw", stdin=text).startswith("قال @@IگٌORع@@حeللْ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give one of --to SCHEME or --from SCHEME"),
        (("--to", "bw", "--from", "bw"), "give one of --to SCHEME or --from SCHEME"),
        (("--to", "bw", "--marker", ""), "--marker is empty"),
        (("--to", "bw", "--marker", "a b"), "contains whitespace"),
        (("--to", "bw", "--marker", "a,b"), "contains ',' or ':'"),
        (("--to", "bw", "--strip-markers"), "--strip-markers needs --marker"),
        (("--to", "bw", "-s", "nosuchstage"), "unknown stage 'nosuchstage'"),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    res = run("translit", *args, stdin=b"x\n")
    assert res.returncode == 2
    assert res.stdout == b""
    assert message in res.stderr.decode()
    assert len(res.stderr.decode().strip().splitlines()) == 1


def test_an_unknown_scheme_is_a_usage_error() -> None:
    res = run("translit", "--to", "buckwalter", stdin=b"x\n")
    assert res.returncode == 2
    assert b"'buckwalter' is not one of 'bw', 'safebw', 'xmlbw', 'hsb', 'iso233-2'" in res.stderr


def test_bad_bytes_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("كتب\n".encode() + b"\xff\n")
    res = run("translit", "--to", "bw", str(bad))
    assert res.returncode == 1
    assert f"{bad}:2: invalid UTF-8 byte 0xff" in res.stderr.decode()
    res = run("translit", "--to", "bw", "--errors", "surrogateescape", str(bad))
    assert res.returncode == 0 and res.stdout == b"ktb\n\xff\n"
    res = run("translit", "--to", "bw", str(tmp_path / "missing.txt"))
    assert res.returncode == 3
    assert "missing.txt" in res.stderr.decode()
