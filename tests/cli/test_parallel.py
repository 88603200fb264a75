"""Every command on the corpus runner writes the same bytes with -j 2 as with -j 1.

The input spans several 1 MiB blocks, has CRLF and LF lines, an empty line
and no final newline, so block cuts, line endings and the last line are all
exercised through the real command line.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.cli.helpers import SEEDS, run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = b"".join(s.read_bytes() for s in SEEDS)
    lines = text.replace(b"\r\n", b"\n").split(b"\n")
    body = b"".join(ln + (b"\r\n" if i % 5 == 0 else b"\n") for i, ln in enumerate(lines))
    data = body * (2_500_000 // len(body) + 1) + b"\n" + "آخر سطـر".encode()
    path = tmp_path_factory.mktemp("par") / "big.txt"
    path.write_bytes(data)
    assert len(data) > 2 * (1 << 20)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("clean", "-p", "search"),
        ("clean", "-p", "camel"),
        ("tokenize",),
        ("tokenize", "-f", "jsonl"),
        ("tokenize", "-f", "conllu", "--sentences"),
        ("translit", "--to", "bw"),
        ("analyze",),
    ],
    ids=lambda a: "-".join(a),
)
def test_two_jobs_write_what_one_job_writes(corpus: Path, tmp_path: Path, args: tuple[str]) -> None:
    one, two = tmp_path / "one.out", tmp_path / "two.out"
    r1 = run(*args, str(corpus), "-o", str(one))
    r2 = run(*args, "-j", "2", str(corpus), "-o", str(two))
    assert r1.returncode == r2.returncode == 0, (r1.stderr, r2.stderr)
    assert r1.stderr == r2.stderr == b""
    assert one.read_bytes() == two.read_bytes()
    if args[-1] not in ("jsonl", "--sentences"):  # one output line per input line
        assert one.read_bytes().count(b"\r\n") == corpus.read_bytes().count(b"\r\n")


def test_stdin_compressed_and_output_dir_with_jobs(corpus: Path, tmp_path: Path) -> None:
    """Inputs that workers cannot read by offset reach them through shared memory."""
    data = corpus.read_bytes()
    want = run("clean", "-p", "search", str(corpus)).stdout
    assert run("clean", "-p", "search", "-j", "2", stdin=data).stdout == want
    packed = tmp_path / "in" / "big.txt.gz"
    packed.parent.mkdir()
    packed.write_bytes(gzip.compress(data, compresslevel=1))
    res = run("clean", "-p", "search", "-j", "2", str(packed), "--output-dir", str(tmp_path / "o"))
    assert res.returncode == 0, res.stderr
    assert gzip.decompress((tmp_path / "o" / "big.txt.gz").read_bytes()) == want


def test_bad_byte_deep_in_a_file_names_its_line_with_jobs(corpus: Path, tmp_path: Path) -> None:
    data = corpus.read_bytes()
    cut = data.index(b"\n", 1_700_000) + 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data[:cut] + b"\xc3(\n" + data[cut:])
    line = data[:cut].count(b"\n") + 1
    for jobs in ("1", "2"):
        res = run("clean", "-p", "search", "-j", jobs, str(bad), "-o", str(tmp_path / "x.txt"))
        assert res.returncode == 1
        assert res.stderr.decode().startswith(f"arabnorm: {bad}:{line}: invalid UTF-8 byte 0xc3")
        assert not (tmp_path / "x.txt").exists()
    passed = run("clean", "-p", "none", "-j", "2", "--errors", "surrogateescape", str(bad))
    assert passed.stdout == bad.read_bytes()


def test_arabnorm_jobs_sets_the_default_and_a_bad_value_is_a_usage_error(
    corpus: Path, tmp_path: Path
) -> None:
    want = run("clean", "-p", "search", "-j", "1", str(corpus)).stdout
    two = run("clean", "-p", "search", str(corpus), env={"ARABNORM_JOBS": "2"})
    assert two.returncode == 0 and two.stdout == want
    bad = run("clean", str(corpus), env={"ARABNORM_JOBS": "many"})
    assert bad.returncode == 2
    assert b"ARABNORM_JOBS" in bad.stderr or b"--jobs" in bad.stderr
    assert b"Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("args", "jobs"),
    [
        (("-f", "jsonl"), 2),
        (("-f", "text"), 2),
        (("-f", "conllu"), 1),
        (("-f", "jsonl", "--sentences"), 1),
        (("-f", "jsonl", "--explain"), 1),
    ],
)
def test_tokenize_runs_on_workers_unless_its_output_numbers_across_blocks(
    tmp_path: Path, executor_jobs: list[int], args: tuple[str, ...], jobs: int
) -> None:
    from click.testing import CliRunner

    from arabnorm.cli import cli

    src = tmp_path / "in.txt"
    src.write_text("قال: نعم.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["tokenize", *args, "-j", "2", str(src)])
    assert result.exit_code == 0, result.output
    assert executor_jobs == [jobs]
