"""``arabnorm analyze`` through real subprocesses: formats, offsets, corpora, errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import SEEDS, run

TEXT = "الكتاب في المدرسة\r\n\n😀 والبيت، 3.14\nـــ"


def test_listed_in_help() -> None:
    assert b"analyze" in run("--help").stdout
    res = run("analyze", "--help")
    assert res.returncode == 0
    assert b"--analyzer" in res.stdout and b"--offsets" in res.stdout


def test_text_keeps_lines_and_terminators() -> None:
    res = run("analyze", stdin=TEXT.encode())
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode() == "كتاب مدرس\r\n\n😀 بيت 3.14\n"


def test_persian() -> None:
    res = run("analyze", "-a", "persian", stdin="کتاب‌ها را خواندم\n".encode())
    assert res.stdout.decode() == "كتاب خواندم\n"


def test_jsonl_is_elasticsearchs_analyze_response() -> None:
    res = run("analyze", "--format", "jsonl", stdin=TEXT.encode())
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert len(rows) == 4
    assert rows[0]["tokens"][1] == {
        "token": "مدرس",
        "start_offset": 10,
        "end_offset": 17,
        "type": "<ALPHANUM>",
        "position": 2,
    }
    assert rows[1] == {"tokens": []}
    assert [t["start_offset"] for t in rows[2]["tokens"]] == [0, 2, 10]
    assert rows[3]["tokens"] == [
        {"token": "", "start_offset": 0, "end_offset": 3, "type": "<ALPHANUM>", "position": 0}
    ]


def test_utf16_offsets_count_emoji_twice() -> None:
    res = run("analyze", "-f", "jsonl", "--offsets", "utf16", stdin="😀 والبيت\n".encode())
    (row,) = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert [(t["start_offset"], t["end_offset"]) for t in row["tokens"]] == [(0, 2), (3, 9)]


def test_files_output_and_parallel_jobs(tmp_path: Path) -> None:
    out1, out2 = tmp_path / "one.txt", tmp_path / "two.txt"
    assert run("analyze", *map(str, SEEDS), "-o", str(out1)).returncode == 0
    assert run("analyze", *map(str, SEEDS), "-o", str(out2), "-j", "2").returncode == 0
    text = out1.read_text(encoding="utf-8")
    assert text == out2.read_text(encoding="utf-8")
    lines = sum(p.read_text(encoding="utf-8").count("\n") for p in SEEDS)
    assert text.count("\n") == lines
    assert "ترامب" in text and "اوكرانيا" in text


def test_jsonl_fields_and_csv_columns(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"id": 1, "text": "الكتاب في\\nالمدرسة"}\n{"id": 2}\n', encoding="utf-8")
    res = run("analyze", str(posts))
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode().splitlines()[0] == '{"id": 1, "text": "كتاب مدرس"}'
    assert b"1 record without" in res.stderr
    table = tmp_path / "t.csv"
    table.write_text("id,body\n1,والبيت في\n", encoding="utf-8")
    res = run("analyze", "--column", "body", str(table))
    assert res.stdout.decode() == "id,body\n1,بيت\n"


def test_recursive_into_an_output_dir(tmp_path: Path) -> None:
    src = tmp_path / "in" / "sub"
    src.mkdir(parents=True)
    (src / "a.txt").write_text("الكتاب\n", encoding="utf-8")
    res = run("analyze", "-r", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out" / "sub" / "a.txt").read_text(encoding="utf-8") == "كتاب\n"


def test_jsonl_output_needs_text_input(tmp_path: Path) -> None:
    posts = tmp_path / "p.jsonl"
    posts.write_text('{"text": "x"}\n', encoding="utf-8")
    res = run("analyze", "-f", "jsonl", str(posts))
    assert res.returncode == 2
    assert res.stderr.decode().strip() == f"arabnorm: {posts}: --format jsonl needs text input"


def test_bad_usage_and_bad_input(tmp_path: Path) -> None:
    assert run("analyze", "-a", "english", stdin=b"x").returncode == 2
    res = run("analyze", str(tmp_path / "missing.txt"))
    assert res.returncode == 3
    assert len(res.stderr.decode().strip().splitlines()) == 1
    res = run("analyze", stdin=b"ok\n\xff\n")
    assert res.returncode == 1
    assert res.stderr.decode().startswith("arabnorm: <stdin>:2:")


def test_stopwords_stage_with_an_unreadable_list_is_one_line() -> None:
    res = run("clean", "-s", "stopwords:list=/nonexistent/words.txt", stdin="في\n".encode())
    assert res.returncode == 3
    assert res.stderr.decode() == (
        "arabnorm: /nonexistent/words.txt: cannot read the stop word list: "
        "No such file or directory\n"
    )


def test_lucene_preset_from_the_command_line() -> None:
    res = run("clean", "-p", "lucene", stdin="أَحْمَدُ إلى مدرسةٍ\n".encode())
    assert res.stdout.decode() == "احمد الي مدرسه\n"
