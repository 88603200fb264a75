"""``arabnorm tokenize`` through real subprocesses: formats, spans, I/O promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import ROOT, SEEDS, run

TEXT = 'قال:"نعم" 3.14%  \r\nبـ”التهديدات المتزايدة”. ثم ذهب!\n\nكتـــاب'


def test_listed_in_help() -> None:
    assert b"tokenize" in run("--help").stdout
    res = run("tokenize", "--help")
    assert res.returncode == 0
    assert b"--format" in res.stdout and b"--sentences" in res.stdout


def test_text_keeps_lines_and_terminators() -> None:
    res = run("tokenize", "-p", "none", stdin=TEXT.encode())
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode() == (
        'قال : " نعم " 3.14 %\r\nبـ ” التهديدات المتزايدة ” . ثم ذهب !\n\nكتـــاب'
    )


def test_a_carriage_return_that_ends_the_input_stays() -> None:
    data = "كتاب قال \r".encode()
    tokens = run("tokenize", "-p", "none", stdin=data)
    stage = run("clean", "-s", "tokens", stdin=data)
    assert tokens.returncode == stage.returncode == 0
    assert tokens.stdout == stage.stdout == "كتاب قال\r".encode()


def test_text_after_stages() -> None:
    res = run("tokenize", "-s", "tatweel", stdin="كتـــاب:جديد\n".encode())
    assert res.stdout.decode() == "كتاب : جديد\n"


def test_preset_none_changes_no_character_on_seeds() -> None:
    for seed in SEEDS:
        res = run("tokenize", "-p", "none", str(seed))
        assert res.returncode == 0
        original = seed.read_text(encoding="utf-8")
        out = res.stdout.decode()
        assert out.count("\n") == original.count("\n")
        assert "".join(out.split()) == "".join(original.split())


def test_jsonl_spans_point_into_the_original_line() -> None:
    res = run("tokenize", "-s", "tatweel", "--format", "jsonl", stdin=TEXT.encode())
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    lines = TEXT.replace("\r\n", "\n").split("\n")
    assert len(rows) == len(lines)
    assert rows[2] == {"tokens": [], "spans": []}
    assert rows[3] == {"tokens": ["كتاب"], "spans": [[0, 7]]}
    assert rows[1]["tokens"][:2] == ["ب", "”"]
    for row, line in zip(rows, lines, strict=True):
        for tok, (s, e) in zip(row["tokens"], row["spans"], strict=True):
            assert line[s:e].replace("ـ", "") == tok


def test_jsonl_sentences_carry_their_line() -> None:
    res = run("tokenize", "-p", "none", "--format", "jsonl", "--sentences", stdin=TEXT.encode())
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 2, 4]
    assert rows[2] == {
        "tokens": ["ثم", "ذهب", "!"],
        "spans": [[25, 27], [28, 31], [31, 32]],
        "line": 2,
    }


def test_conllu() -> None:
    res = run(
        "tokenize", "-p", "none", "--format", "conllu", stdin="قال:نعم 3.14%\n\nلا\n".encode()
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode() == (
        "# sent_id = 1\n# text = قال:نعم 3.14%\n"
        "1\tقال\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
        "2\t:\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
        "3\tنعم\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "4\t3.14\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
        "5\t%\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "\n"
        "# sent_id = 2\n# text = لا\n"
        "1\tلا\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "\n"
    )


def test_conllu_sentences() -> None:
    res = run(
        "tokenize",
        "-p",
        "none",
        "--format",
        "conllu",
        "--sentences",
        stdin="نعم.لا! حسنا\n".encode(),
    )
    blocks = res.stdout.decode().split("\n\n")
    assert blocks[0].splitlines()[1] == "# text = نعم."
    assert blocks[0].splitlines()[-1] == "2\t.\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No"
    assert blocks[1].splitlines()[1] == "# text = لا!"
    assert blocks[2].splitlines()[1] == "# text = حسنا"


def test_text_sentences_one_per_line() -> None:
    res = run("tokenize", "-p", "none", "--sentences", stdin="ذهب. ثم عاد د. أحمد!\r\nنعم".encode())
    assert res.stdout.decode() == "ذهب .\r\nثم عاد د . أحمد !\r\nنعم"


def test_output_file_and_in_place(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes("قال:نعم\n".encode())
    out = tmp_path / "out.txt"
    res = run("tokenize", "-p", "none", str(src), "-o", str(out))
    assert res.returncode == 0 and res.stdout == b""
    assert out.read_bytes() == "قال : نعم\n".encode()
    res = run("tokenize", "-p", "none", "-i", str(src))
    assert res.returncode == 0
    assert src.read_bytes() == "قال : نعم\n".encode()


def test_errors_like_clean(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\nbad \xff here\n")
    res = run("tokenize", "-p", "none", str(bad))
    assert res.returncode == 1
    assert res.stderr.decode().count("\n") == 1
    assert f"{bad}:2" in res.stderr.decode() and "Traceback" not in res.stderr.decode()
    res = run("tokenize", "-p", "none", "--errors", "surrogateescape", str(bad))
    assert res.returncode == 0
    assert res.stdout == b"ok\nbad \xff here\n"
    res = run("tokenize", "-p", "nope", stdin=b"x")
    assert res.returncode == 2 and b"nope" in res.stderr
    res = run("tokenize", "-p", "none", str(tmp_path / "missing.txt"))
    assert res.returncode == 3
    res = run("tokenize", "-p", "none", str(bad), "-o", str(bad))
    assert res.returncode == 2


def test_format_is_validated() -> None:
    res = run("tokenize", "--format", "xml", stdin=b"x")
    assert res.returncode == 2


def test_default_preset_normalizes_and_spans_point_into_the_seeds() -> None:
    import arabnorm

    pipeline = arabnorm.build_pipeline("standard")
    for seed in SEEDS:
        res = run("tokenize", "--format", "jsonl", str(seed))
        assert res.returncode == 0, res.stderr
        lines = seed.read_text(encoding="utf-8").split("\n")
        rows = [json.loads(x) for x in res.stdout.decode().splitlines()]
        assert len(rows) == len(lines) - (lines[-1] == "")
        for row, line in zip(rows, lines, strict=False):
            line = line.rstrip("\r")
            assert row["tokens"] == arabnorm.tokenize(line)
            for tok, (s, e) in zip(row["tokens"], row["spans"], strict=True):
                assert pipeline.apply(line[s:e]) == tok


def test_default_preset_text_on_the_seed_pattern() -> None:
    res = run("tokenize", stdin="بـ”التهديدات المتزايدة” السَّلامُ".encode())
    assert res.stdout.decode() == 'ب " التهديدات المتزايدة " السلام'


def test_tokenize_jsonl_field_and_parallel_output(tmp_path: Path) -> None:
    src = tmp_path / "posts.jsonl"
    src.write_text(
        '{"id": 1, "text": "قال: \\"نعم\\" 3.14", "n": null}\n{"id": 2}\n', encoding="utf-8"
    )
    res = run("tokenize", "-p", "none", str(src))
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode() == (
        '{"id": 1, "text": "قال : \\" نعم \\" 3.14", "n": null}\n{"id": 2}\n'
    )
    assert b"1 record without" in res.stderr


def test_tokenize_refuses_structured_input_for_jsonl_output(tmp_path: Path) -> None:
    src = tmp_path / "posts.jsonl"
    src.write_text('{"text": "نعم"}\n', encoding="utf-8")
    res = run("tokenize", "-f", "conllu", str(src))
    assert res.returncode == 2
    assert b"need text input" in res.stderr


@pytest.mark.parametrize("fmt", ["text", "jsonl", "conllu"])
def test_tokenize_jobs_output_identical(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "big.txt"
    seeds = b"".join(p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt")))
    src.write_bytes(seeds * 40)
    one = run("tokenize", "-f", fmt, str(src))
    two = run("tokenize", "-f", fmt, "-j", "2", str(src))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
