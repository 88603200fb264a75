"""``arabnorm audit``: JSON shape and numbers, tables, stdin, bad bytes."""

from __future__ import annotations

import json
from pathlib import Path

from arabnorm.audit import COUNT_NAMES
from arabnorm.stages import all_stages
from tests.cli.helpers import SEEDS, run
from tests.test_audit import KNOWN_BYTES, expected_counts

# Every stage but tokenizers, which split text rather than change it.
NORMALIZING_STAGES = {name for name, cls in all_stages().items() if cls().kind != "tokenizer"}


def test_json_shape_and_known_counts(tmp_path: Path) -> None:
    known = tmp_path / "known.txt"
    known.write_bytes(KNOWN_BYTES)
    other = tmp_path / "other.txt"
    other.write_text("بـ\n", encoding="utf-8")
    res = run("audit", "--json", "-s", "tatweel", str(known), str(other))
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert set(doc) == {"files", "total", "pipeline"}
    first, second = doc["files"]
    assert set(first) >= {"path", "lines", "chars", "counts", "changes"}
    assert first["path"] == str(known)
    assert first["counts"] == expected_counts()
    assert set(first["changes"]) == NORMALIZING_STAGES
    assert first["changes"]["tatweel"] == 3
    assert first["pipeline_changes"] == 3
    assert doc["total"]["files"] == 2
    assert doc["total"]["lines"] == first["lines"] + second["lines"]
    assert doc["total"]["counts"]["tatweel"] == 4
    assert doc["total"]["changes"]["tatweel"] == 4
    assert doc["pipeline"]["spec"] == "tatweel"


def test_table_shows_every_category_and_stage(tmp_path: Path) -> None:
    known = tmp_path / "known.txt"
    known.write_bytes(KNOWN_BYTES)
    res = run("audit", "-s", "tatweel", str(known), env={"COLUMNS": "120"})
    assert res.returncode == 0, res.stderr
    out = res.stdout.decode()
    assert f"{known}: 11 lines" in out
    for name in [*COUNT_NAMES, *NORMALIZING_STAGES]:
        assert name in out
    assert "█" in out
    assert "total" not in out  # one file: no total table


def test_total_only_and_stdin() -> None:
    res = run("audit", "-s", "tatweel", "--total", *map(str, SEEDS))
    out = res.stdout.decode()
    assert res.returncode == 0
    assert out.lstrip().startswith(f"total: {len(SEEDS)} files")
    assert str(SEEDS[0]) not in out
    res = run("audit", "--json", "-s", "tatweel", stdin="كتـــاب".encode())
    doc = json.loads(res.stdout)
    assert doc["files"][0]["path"] == "<stdin>"
    assert doc["files"][0]["counts"]["tatweel"] == 3


def test_invalid_bytes_are_counted_not_fatal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\xfe\nok\n")
    res = run("audit", "--json", "-s", "tatweel", str(bad))
    assert res.returncode == 0
    assert json.loads(res.stdout)["files"][0]["counts"]["invalid_utf8_lines"] == 1


def test_errors(tmp_path: Path) -> None:
    assert run("audit", "-s", "tatweel", str(tmp_path / "missing")).returncode == 3
    assert run("audit", "-s", "nostage").returncode == 2


def test_directories_and_compressed_files(tmp_path: Path) -> None:
    import gzip

    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("كتـــاب\n", encoding="utf-8")
    (corpus / "sub" / "b.txt.gz").write_bytes(gzip.compress("بـ\n".encode()))
    (corpus / "skip.csv").write_text("x,y\n")
    (corpus / ".hidden.txt").write_text("ـــــ\n", encoding="utf-8")
    res = run("audit", "--json", "-s", "tatweel", "-r", str(corpus), "--glob", "*.txt*")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert [Path(f["path"]).name for f in doc["files"]] == ["a.txt", "b.txt.gz"]
    assert doc["total"]["counts"]["tatweel"] == 4
    res = run("audit", "-s", "tatweel", str(corpus))
    assert res.returncode == 3 and b"use -r/--recursive" in res.stderr
