"""arabnorm.dask on a real distributed.LocalCluster (worker processes, loopback only)."""

from __future__ import annotations

import gzip
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import arabnorm  # noqa: E402
import arabnorm.dask as ad  # noqa: E402
from arabnorm.errors import DecodeError, UsageError  # noqa: E402
from arabnorm.io.corpus import CorpusOptions, process_corpus  # noqa: E402
from arabnorm.pipeline import Pipeline  # noqa: E402
from tests.cli.helpers import SEEDS, run  # noqa: E402

SEARCH = Pipeline.from_preset("search")


def _cluster(workers: int = 2) -> Any:
    import logging

    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    )


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with _cluster() as cluster, distributed.Client(cluster) as c:
        yield c


def _lines() -> list[str]:
    return [ln for s in SEEDS for ln in s.read_text(encoding="utf-8").splitlines()]


def test_bag_normalize_and_tokenize(client: Any) -> None:
    import dask.bag as db

    texts = _lines()
    bag = db.from_sequence(texts, npartitions=4)
    assert ad.normalize(bag, preset="search").compute() == [SEARCH.apply(t) for t in texts]
    got = ad.tokenize(bag, preset="none").compute()
    assert got == [arabnorm.tokenize(t, preset="none") for t in texts]


def test_dataframe_column_keeps_index_dtype_and_missing_values(client: Any) -> None:
    import dask.dataframe as dd

    texts: list[Any] = _lines()[:40]
    texts[3] = None
    frame = pd.DataFrame({"text": texts, "n": range(40)}, index=range(100, 140))
    df = dd.from_pandas(frame, npartitions=3)
    clean = ad.normalize(df["text"], preset="search").compute()
    assert list(clean.index) == list(range(100, 140))
    assert clean.dtype == df["text"].dtype  # as Dask stores the column
    assert clean.isna().tolist() == [i == 3 for i in range(40)]
    want = [SEARCH.apply(t) for i, t in enumerate(texts) if i != 3]
    assert [v for i, v in enumerate(clean.tolist()) if i != 3] == want
    tokens = ad.tokenize(df["text"], stages="tatweel").compute()
    assert tokens.iloc[0] == arabnorm.tokenize(texts[0], stages="tatweel")
    with pytest.raises(TypeError, match="Dask Bag"):
        ad.normalize(["not", "dask"])


def _directory(root: Path) -> Path:
    """Twenty files of every kind a corpus run reads."""
    src = root / "in"
    (src / "sub").mkdir(parents=True)
    lines = _lines()
    for i in range(20):
        chunk = lines[i * 7 : i * 7 + 60]
        if i % 5 == 0:
            body = "".join(f'{{"id": {n}, "text": {t!r}}}\n' for n, t in enumerate(chunk))
            (src / f"f{i:02}.jsonl").write_text(body.replace("'", '"'), encoding="utf-8")
        elif i % 5 == 1:
            data = ("\r\n".join(chunk) + "\r\n").encode()
            (src / "sub" / f"f{i:02}.txt.gz").write_bytes(gzip.compress(data, mtime=0))
        elif i % 5 == 2:
            body = "text,n\n" + "".join(f'"{t}",{n}\n' for n, t in enumerate(chunk))
            (src / f"f{i:02}.csv").write_text(body, encoding="utf-8")
        else:
            (src / f"f{i:02}.txt").write_text("\n".join(chunk), encoding="utf-8")
    return src


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_directory_of_twenty_files_equals_a_local_run(client: Any, tmp_path: Path) -> None:
    src = _directory(tmp_path)
    local = CorpusOptions(output_dir=str(tmp_path / "local"), recursive=True)
    remote = CorpusOptions(output_dir=str(tmp_path / "dask"), recursive=True)
    want = process_corpus(SEARCH, [str(src)], local)
    got = ad.process_corpus(SEARCH, [str(src)], remote, client=client)
    assert len(_tree(tmp_path / "local")) == 20
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "local")
    assert got.total.lines == want.total.lines and got.total.bytes_out == want.total.bytes_out
    # one output file, in input order
    one = ad.process_corpus(
        SEARCH,
        [str(src)],
        CorpusOptions(output=str(tmp_path / "all.out"), recursive=True),
        client=client,
    )
    process_corpus(
        SEARCH, [str(src)], CorpusOptions(output=str(tmp_path / "all.ref"), recursive=True)
    )
    assert (tmp_path / "all.out").read_bytes() == (tmp_path / "all.ref").read_bytes()
    assert one.total.files == 20
    assert not [p for p in tmp_path.rglob(".arabnorm-parts-*")]


def _big(path: Path, long_line: bool = False) -> bytes:
    lines = _lines()
    body = "\n".join(lines[:200]) + "\r\n"
    if long_line:
        body += " ".join(lines) + "\n"  # one line longer than a part
    data = (body * 3).encode() + "لا سطر بعده".encode()
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("long_line", [False, True])
def test_a_large_file_in_byte_ranges_equals_a_local_run(
    client: Any, tmp_path: Path, long_line: bool
) -> None:
    src = tmp_path / "big.txt"
    data = _big(src, long_line)
    out = tmp_path / "out.txt"
    res = ad.process_corpus(
        SEARCH, [str(src)], CorpusOptions(output=str(out)), client=client, part_size=1000
    )
    assert len(data) > 20 * 1000
    assert out.read_bytes() == SEARCH.apply(data.decode()).encode()
    assert res.total.lines == data.count(b"\n") + 1
    assert res.total.bytes_in == len(data)


@pytest.mark.parametrize("long_line", [False, True])
def test_json_lines_tokens_in_byte_ranges_equal_a_local_run(
    client: Any, tmp_path: Path, long_line: bool
) -> None:
    from arabnorm.io.formats import FunctionTransform
    from arabnorm.io.tokens import TokenWriter

    src = tmp_path / "big.txt"
    _big(src, long_line)
    writer = FunctionTransform(TokenWriter("jsonl", SEARCH))
    local, ranges = tmp_path / "local.jsonl", tmp_path / "ranges.jsonl"
    process_corpus(writer, [str(src)], CorpusOptions(output=str(local)))
    ad.process_corpus(
        writer, [str(src)], CorpusOptions(output=str(ranges)), client=client, part_size=1000
    )
    assert ranges.read_bytes() == local.read_bytes()
    assert local.read_bytes().count(b"\n") == src.read_bytes().count(b"\n") + 1


def test_ranges_of_json_lines_count_lines_of_the_file(client: Any, tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    rows = [f'{{"text": "كتـاب {i}"}}' if i % 150 else "{broken" for i in range(1, 3000)]
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    opts = CorpusOptions(output=str(tmp_path / "o.jsonl"), on_error="skip")
    got = ad.process_corpus(SEARCH, [str(src)], opts, client=client, part_size=4000)
    want = process_corpus(
        SEARCH, [str(src)], CorpusOptions(output=str(tmp_path / "r.jsonl"), on_error="skip")
    )
    assert got.total.invalid == want.total.invalid == [i for i in range(1, 3000) if i % 150 == 0]
    assert got.warnings() == want.warnings()
    assert (tmp_path / "o.jsonl").read_bytes() == (tmp_path / "r.jsonl").read_bytes()


def test_bad_byte_in_a_later_range_names_the_file_line(client: Any, tmp_path: Path) -> None:
    src = tmp_path / "bad.txt"
    data = _big(tmp_path / "ok.txt")
    cut = data.index(b"\n", len(data) // 2) + 1
    src.write_bytes(data[:cut] + b"\xff\n" + data[cut:])
    out = tmp_path / "out.txt"
    with pytest.raises(DecodeError) as local:
        process_corpus(SEARCH, [str(src)], CorpusOptions(output=str(out)))
    with pytest.raises(DecodeError) as remote:
        ad.process_corpus(
            SEARCH, [str(src)], CorpusOptions(output=str(out)), client=client, part_size=1000
        )
    assert str(remote.value) == str(local.value)
    assert remote.value.line == data[:cut].count(b"\n") + 1
    assert not out.exists()


def test_standard_input_and_bad_addresses_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="standard input"):
        ad.process_corpus(SEARCH, ["-"], CorpusOptions(), "local:1")
    (tmp_path / "a.txt").write_text("x\n")
    res = run("clean", str(tmp_path / "a.txt"), "--dask", "local:0")
    assert res.returncode == 2 and b"local:N" in res.stderr
    res = run("tokenize", "-f", "conllu", str(tmp_path / "a.txt"), "--dask", "local:1")
    assert res.returncode == 2 and b"--format text or jsonl" in res.stderr


def test_cli_dask_local_equals_local_run(tmp_path: Path) -> None:
    src = _directory(tmp_path)
    one = run("clean", "-p", "search", "-r", str(src), "--output-dir", str(tmp_path / "a"))
    two = run(
        "clean",
        "-p",
        "search",
        "-r",
        str(src),
        "--output-dir",
        str(tmp_path / "b"),
        "--dask",
        "local:2",
    )
    assert one.returncode == two.returncode == 0, two.stderr
    assert _tree(tmp_path / "b") == _tree(tmp_path / "a")
    for fmt in ("text", "jsonl"):
        tok = run("tokenize", "-f", fmt, str(src / "f03.txt"), "--dask", "local:1")
        local = run("tokenize", "-f", fmt, str(src / "f03.txt"))
        assert tok.returncode == 0 and tok.stdout == local.stdout, tok.stderr


class Slow:
    """The search preset, a little slower per block, so a job lasts long enough to be hurt."""

    def __init__(self) -> None:
        self.pipeline = SEARCH

    def apply(self, text: str) -> str:
        time.sleep(0.1)
        return self.pipeline.apply(text)

    def map_batch(self, texts: list[str]) -> list[str]:
        return self.pipeline.map_batch(texts)


def test_a_killed_worker_is_replaced_and_the_output_is_complete(tmp_path: Path) -> None:
    src = tmp_path / "big.txt"
    data = _big(src)
    out = tmp_path / "out.txt"
    killed: list[int] = []
    with _cluster() as cluster, distributed.Client(cluster) as c:

        def kill_one(done: int, total: int) -> None:
            if killed or done < 2:
                return
            busy = [w for w, keys in c.processing().items() if keys]
            pids = c.run(os.getpid, workers=busy[:1]) if busy else {}
            for pid in pids.values():
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        res = ad.process_corpus(
            Slow(),
            [str(src)],
            CorpusOptions(output=str(out)),
            client=c,
            part_size=800,
            on_part=kill_one,
        )
    assert killed, "no worker was busy to kill"
    assert out.read_bytes() == SEARCH.apply(data.decode()).encode()
    assert res.total.bytes_in == len(data)
