"""``arabnorm clean`` on corpora, through real subprocesses: formats, trees, -j, stats."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
from pathlib import Path

import pytest

from tests.cli.helpers import run

JSONL = '{"id": 1, "text": "كـتاب", "n": null, "x": 1.50}\n{"id": 2, "text": "ـب"}\n'
JSONL_OUT = '{"id": 1, "text": "كتاب", "n": null, "x": 1.50}\n{"id": 2, "text": "ب"}\n'


def test_jsonl_field_from_stdin_with_format() -> None:
    res = run("clean", "-s", "tatweel", "--format", "jsonl", stdin=JSONL.encode())
    assert res.returncode == 0, res.stderr
    assert res.stdout == JSONL_OUT.encode()
    assert res.stderr == b""


def test_jsonl_named_fields_and_missing_warning(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"title": "ـأ", "text": "ـ"}\n{"text": "ـ"}\n', encoding="utf-8")
    res = run("clean", "-s", "tatweel", "--field", "title", str(src))
    assert res.returncode == 0
    assert res.stdout.decode() == '{"title": "أ", "text": "ـ"}\n{"text": "ـ"}\n'
    assert "1 record without" in res.stderr.decode()


def test_invalid_json_exit_and_skip(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "ـ"}\n{oops\n', encoding="utf-8")
    res = run("clean", "-s", "tatweel", str(src))
    assert res.returncode == 1
    assert f"{src}:2: invalid JSON" in res.stderr.decode()
    assert res.stdout == b""  # nothing past the bad line's block is written
    res = run("clean", "-s", "tatweel", "--on-error", "skip", str(src))
    assert res.returncode == 0
    assert res.stdout.decode() == '{"text": ""}\n{oops\n'
    assert "(line 2)" in res.stderr.decode()


def test_csv_column_keeps_quoting(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes('id,body\r\n1,"بـ ""ق""\nـ"\r\n2,ـا\r\n'.encode())
    res = run("clean", "-s", "tatweel", "--column", "body", str(src))
    assert res.returncode == 0, res.stderr
    assert res.stdout == 'id,body\r\n1,"ب ""ق""\n"\r\n2,ا\r\n'.encode()


def test_compressed_in_and_out(tmp_path: Path) -> None:
    for ext, mod in (("gz", gzip), ("bz2", bz2), ("xz", lzma)):
        src = tmp_path / f"a.jsonl.{ext}"
        src.write_bytes(mod.compress(JSONL.encode()))  # type: ignore[attr-defined]
        out = tmp_path / f"out.jsonl.{ext}"
        res = run("clean", "-s", "tatweel", str(src), "-o", str(out))
        assert res.returncode == 0, res.stderr
        assert mod.decompress(out.read_bytes()) == JSONL_OUT.encode()  # type: ignore[attr-defined]
        plain = run("clean", "-s", "tatweel", str(src))
        assert plain.stdout == JSONL_OUT.encode()


def test_gzip_output_is_reproducible(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("ـ\n" * 100, encoding="utf-8")
    run("clean", "-s", "tatweel", str(src), "-o", str(tmp_path / "1.gz"))
    run("clean", "-s", "tatweel", str(src), "-o", str(tmp_path / "2.gz"))
    assert (tmp_path / "1.gz").read_bytes() == (tmp_path / "2.gz").read_bytes()


def test_output_dir_mirrors_the_tree(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "y" / "z").mkdir(parents=True)
    (corpus / "a.txt").write_text("ـa\n", encoding="utf-8")
    (corpus / "y" / "b.jsonl").write_text('{"text": "ـb"}\n', encoding="utf-8")
    (corpus / "y" / "z" / "c.csv.gz").write_bytes(gzip.compress("text\nـc\n".encode()))
    (corpus / "y" / "skip.md").write_text("ـ", encoding="utf-8")
    out = tmp_path / "out"
    res = run(
        "clean", "-s", "tatweel", "-r", str(corpus), "--glob", "*.txt", "--glob", "*.jsonl",
        "--glob", "*.csv.gz", "--output-dir", str(out),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == "a\n"
    assert (out / "y" / "b.jsonl").read_text(encoding="utf-8") == '{"text": "b"}\n'
    assert gzip.decompress((out / "y" / "z" / "c.csv.gz").read_bytes()) == b"text\nc\n"
    assert not (out / "y" / "skip.md").exists()
    assert res.stdout == b""


def test_output_dir_symlink_escape_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text("x\n")
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    res = run("clean", "-p", "none", "-r", str(corpus), "--output-dir", str(out))
    assert res.returncode == 3
    assert "outside the output directory" in res.stderr.decode()
    assert list(outside.iterdir()) == []


def test_output_dir_needs_files_and_excludes_other_outputs(tmp_path: Path) -> None:
    res = run("clean", "-p", "none", "--output-dir", str(tmp_path), stdin=b"x")
    assert res.returncode == 2
    src = tmp_path / "a.txt"
    src.write_text("x")
    res = run("clean", "-p", "none", str(src), "-o", "x.txt", "--output-dir", str(tmp_path / "o"))
    assert res.returncode == 2
    res = run("clean", "-p", "none", str(src), "--output-dir", str(tmp_path))
    assert res.returncode == 2  # would overwrite its own input
    assert src.read_text() == "x"


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv"])
def test_jobs_output_identical(tmp_path: Path, fmt: str) -> None:
    lines = {
        "txt": "كـتاب  {i}\r\n",
        "jsonl": '{{"text": "كـتاب {i}", "i": {i}}}\n',
        "csv": '"كـتاب\n{i}",{i}\n',
    }[fmt]
    head = "text,i\n" if fmt == "csv" else ""
    src = tmp_path / f"big.{fmt}"
    src.write_text(head + "".join(lines.format(i=i) for i in range(120_000)), encoding="utf-8")
    one = run("clean", "-s", "tatweel", str(src))
    two = run("clean", "-s", "tatweel", "-j", "2", str(src))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert one.stdout.count(b"\n") == src.read_bytes().count(b"\n")


def test_stats_line_and_quiet_stderr(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("ـa\nb\n", encoding="utf-8")
    res = run("clean", "-s", "tatweel", str(src))
    assert res.stderr == b""
    res = run("clean", "-s", "tatweel", "--stats", str(src))
    line = res.stderr.decode().strip()
    assert line.startswith("arabnorm: 1 file, 2 lines, 0.0 MB in")
    assert "MB/s" in line and "\n" not in line


def test_progress_can_be_forced(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("ـa\n" * 10, encoding="utf-8")
    res = run("clean", "-s", "tatweel", "--progress", str(src))
    assert res.returncode == 0
    assert b"1/1 files" in res.stderr
    assert res.stdout == b"a\n" * 10


def test_in_place_compressed_keeps_mode(tmp_path: Path) -> None:
    src = tmp_path / "a.txt.gz"
    src.write_bytes(gzip.compress("ـa\n".encode()))
    src.chmod(0o640)
    res = run("clean", "-s", "tatweel", "-i", str(src))
    assert res.returncode == 0, res.stderr
    assert gzip.decompress(src.read_bytes()) == b"a\n"
    assert oct(os.stat(src).st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt.gz"]


def test_ctrl_c_with_workers_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out.txt"
    proc = subprocess.Popen(
        [sys.executable, "-m", "arabnorm", "clean", "-p", "search", "-j", "2", "-o", str(out)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write("كـتاب  قلم\n".encode() * 300_000)  # some blocks, then input stalls
    proc.stdin.flush()
    time.sleep(1.5)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().strip() == "arabnorm: interrupted"
    assert list(tmp_path.iterdir()) == []
