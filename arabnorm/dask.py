"""arabnorm on a Dask cluster: Bags, DataFrame columns, and whole corpora.

Needs ``pip install 'arabnorm[dask]'`` (``dask[distributed]``).

Collections::

    import dask.bag as db, dask.dataframe as dd
    import arabnorm.dask

    arabnorm.dask.normalize(db.read_text("crawl/*.txt"), preset="search")
    df["clean"] = arabnorm.dask.normalize(df["text"], preset="search")
    df["tokens"] = arabnorm.dask.tokenize(df["text"], preset="none")

Each partition goes through ``Pipeline.map_batch`` in one pass (a Series
stored in Arrow stays in Arrow); the pipeline travels to the workers as its
spec, a few hundred bytes.

Corpora (what ``arabnorm clean|tokenize --dask ADDRESS`` runs)::

    arabnorm.dask.process_corpus(pipeline, ["corpus/"], CorpusOptions(...), "local:4")

Every input file is a task, and a large plain text or JSON Lines file one
task per byte range (``arabnorm.io.parts``). Tasks write part files beside
the output, on storage every worker can read and write; this process joins
them in order into the output, so it is byte for byte the output of a local
run. A worker that dies is replaced and its tasks run again (each part file
is written whole, then renamed), so the output is still complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from arabnorm.errors import MissingResourceError, UsageError
from arabnorm.io.corpus import CorpusOptions, CorpusResult, FileReport, plan
from arabnorm.io.parts import PART_SIZE, CorpusPartOptions, Part, PartResult, plan_parts
from arabnorm.io.runner import RunStats

INSTALL = "pip install 'arabnorm[dask]'"


def _require() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise MissingResourceError(f"Dask is not installed; {INSTALL}") from None


class _Normalize:
    """A partition (list or pandas Series) through a pipeline's ``map_batch``."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline

    def __call__(self, part: Any) -> Any:
        if isinstance(part, list | tuple) or _is_series(part):
            return self.pipeline.map_batch(part)
        return self.pipeline.map_batch(list(part))


class _Tokenize:
    """A partition to lists of tokens (clitics split if asked)."""

    def __init__(self, preset: str | None, stages: str | None, clitics: bool | str) -> None:
        self.preset = preset
        self.stages = stages
        self.clitics = clitics

    def _one_batch(self, texts: list[Any]) -> list[Any]:
        import arabnorm
        from arabnorm.tokenizer import tokens

        if self.clitics:
            return [
                arabnorm.tokenize(t, self.preset, self.stages, clitics=self.clitics)  # type: ignore[arg-type]
                if isinstance(t, str)
                else t
                for t in texts
            ]
        pipeline = arabnorm.build_pipeline(self.preset, self.stages)
        where = [i for i, t in enumerate(texts) if isinstance(t, str)]
        normalized = pipeline.map_batch([texts[i] for i in where])
        out = list(texts)
        for i, text in zip(where, normalized, strict=True):
            out[i] = tokens(text)
        return out

    def __call__(self, part: Any) -> Any:
        if _is_series(part):
            import pandas as pd

            values = self._one_batch(part.tolist())
            return pd.Series(values, index=part.index, name=part.name, dtype=object)
        return self._one_batch(list(part))


def _is_series(obj: Any) -> bool:
    return type(obj).__module__.startswith("pandas") and type(obj).__name__ == "Series"


def _apply(data: Any, func: Callable[[Any], Any], meta_dtype: str | None) -> Any:
    _require()
    import dask.bag as db

    collection: Any = data
    if isinstance(data, db.Bag):
        return collection.map_partitions(func)
    import dask.dataframe as dd

    if isinstance(data, dd.Series):
        meta = collection._meta if meta_dtype is None else (collection.name, meta_dtype)
        return collection.map_partitions(func, meta=meta)
    raise TypeError(f"expected a Dask Bag or a Dask DataFrame column, not {type(data).__name__}")


def normalize(data: Any, preset: str | None = None, stages: str | None = None) -> Any:
    """``data`` (a Dask Bag of strings, or a Dask DataFrame column) normalized, lazily.

    A column keeps its dtype and index; missing values stay missing.
    """
    from arabnorm import build_pipeline

    return _apply(data, _Normalize(build_pipeline(preset, stages)), None)


def tokenize(
    data: Any,
    preset: str | None = None,
    stages: str | None = None,
    *,
    clitics: bool | str = False,
) -> Any:
    """``data`` with each string a list of tokens, as ``arabnorm.tokenize`` makes them."""
    from arabnorm import build_pipeline

    build_pipeline(preset, stages)  # a bad spec fails here, not on a worker
    return _apply(data, _Tokenize(preset, stages, clitics), "object")


@contextlib.contextmanager
def client_for(address: str) -> Iterator[Any]:
    """A client of the scheduler at ``address``, or of a new local cluster for ``local:N``.

    The local cluster has N worker processes of one thread each, listens on
    the loopback address only (its status page too, on a free port).
    """
    _require()
    import logging

    import distributed

    Client: Any = distributed.Client
    LocalCluster: Any = distributed.LocalCluster

    if address.startswith("local:"):
        try:
            n = int(address[len("local:") :])
        except ValueError:
            n = 0
        if n < 1:
            raise UsageError(f"--dask {address}: local:N needs a number of workers N >= 1")
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise UsageError(f"--dask {address}: cannot reach the scheduler ({exc})") from None
    with client:
        yield client


def _spill_dir(options: CorpusOptions, files: Sequence[str]) -> str:
    """Where part files go: beside the output, which every worker must reach."""
    if options.output_dir is not None:
        os.makedirs(options.output_dir, exist_ok=True)
        base = options.output_dir
    elif options.output is not None and options.output != "-":
        base = os.path.dirname(os.path.abspath(options.output))
    elif options.in_place:
        base = os.path.dirname(os.path.abspath(files[0]))
    else:
        base = tempfile.gettempdir()
    return tempfile.mkdtemp(prefix=".arabnorm-parts-", dir=base)


def process_corpus(
    transform: Any,
    inputs: Sequence[str],
    options: CorpusOptions,
    address: str = "local:2",
    *,
    client: Any = None,
    part_size: int = PART_SIZE,
    on_part: Callable[[int, int], None] | None = None,
) -> CorpusResult:
    """``arabnorm.io.corpus.process_corpus`` with every file or range of one a Dask task.

    ``client``: an existing ``distributed.Client`` to use instead of
    ``address``. ``on_part(done, total)`` is called as parts finish.
    """
    import pickle

    files = plan(inputs, options)
    if any(f.path == "-" for f in files):
        raise UsageError("--dask needs file inputs, not standard input")
    for f in files:
        if not os.path.isfile(f.path):
            from arabnorm.errors import FileAccessError

            raise FileAccessError(f"{f.path}: not a regular file (--dask reads files)")
    part_options = CorpusPartOptions(
        format=options.format,
        fields=options.fields,
        columns=options.columns,
        header=options.header,
        errors=options.errors,
        on_error=options.on_error,
        stamp=options.stamp,
        encoding=options.encoding,
    )
    blob = pickle.dumps(transform)
    spill = _spill_dir(options, [f.path for f in files])
    started = time.perf_counter()
    try:
        parts = plan_parts([(f.path, f.path) for f in files], part_options, spill, part_size)
        context = contextlib.nullcontext(client) if client is not None else client_for(address)
        with context as c:
            results = _run(c, blob, parts, part_options, options, on_part)
        _raise_first_error(parts, results)
        result = _join(files, parts, results, options)
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result


def _run(
    client: Any,
    blob: bytes,
    parts: list[Part],
    part_options: CorpusPartOptions,
    options: CorpusOptions,
    on_part: Callable[[int, int], None] | None,
) -> list[PartResult]:
    """Submit every part; wait for all, showing progress as their futures finish."""
    import distributed

    as_completed: Any = distributed.as_completed

    from arabnorm.io.parts import run_part_pickled
    from arabnorm.io.progress import Progress

    sizes = [_part_bytes(p) for p in parts]
    progress = Progress(sum(sizes), len({p.file for p in parts}), options.progress)
    futures = [
        client.submit(run_part_pickled, blob, p, part_options, pure=False, retries=0) for p in parts
    ]
    index = {f.key: i for i, f in enumerate(futures)}
    remaining: dict[int, int] = {}
    for p in parts:
        remaining[p.file] = remaining.get(p.file, 0) + 1
    done = 0
    try:
        for fut in as_completed(futures):
            i = index[fut.key]
            _check(fut, parts[i])
            done += 1
            progress.file(parts[i].source)
            progress.advance(sizes[i])
            remaining[parts[i].file] -= 1
            if remaining[parts[i].file] == 0:
                progress.file_done()
            if on_part is not None:
                on_part(done, len(parts))
        return [f.result() for f in futures]
    finally:
        progress.close()
        for fut in futures:
            fut.release()


def _check(future: Any, part: Part) -> None:
    """A task's own failure, raised here; a worker that died too often is a ``WorkerError``."""
    from distributed.scheduler import KilledWorker

    from arabnorm.io.runner import WorkerError

    try:
        future.result()
    except KilledWorker:
        where = part.source if part.whole else f"{part.source} from byte {part.start}"
        raise WorkerError(
            f"Dask workers died each time they ran {where} (out of memory?)"
        ) from None


def _part_bytes(part: Part) -> int:
    size = os.path.getsize(part.path)
    end = size if part.end is None else min(part.end, size)
    return max(0, end - part.start)


def _raise_first_error(parts: list[Part], results: list[PartResult]) -> None:
    """The first bad input in file order, at its line in its file."""
    for i, (part, res) in enumerate(zip(parts, results, strict=True)):
        if res.error is None:
            continue
        err = res.error
        if part.whole or err.line is None:
            raise err
        before = sum(
            r.lines for p, r in zip(parts[:i], results[:i], strict=True) if p.file == part.file
        )
        raise err.at_line(before + err.line)


def _join(
    files: Sequence[Any], parts: list[Part], results: list[PartResult], options: CorpusOptions
) -> CorpusResult:
    """Part files into the outputs, in order; the counts of each file."""
    from arabnorm.io.corpus import _same_file, _sink, _writer
    from arabnorm.io.parts import join_parts
    from arabnorm.io.walk import output_path

    result = CorpusResult()
    by_file: dict[int, list[int]] = {}
    for i, p in enumerate(parts):
        by_file.setdefault(p.file, []).append(i)
    for n, f in enumerate(files):
        stats = RunStats(files=1)
        first = results[by_file[n][0]]
        for i in by_file[n]:
            r = results[i]
            base = stats.lines
            stats.lines += r.lines
            stats.records += r.records
            stats.bytes_in += r.bytes_in
            stats.bytes_out += r.bytes_out
            stats.missing += r.missing
            stats.invalid.extend(base + k if not parts[i].whole else k for k in r.invalid)
        result.total.add(stats)
        result.files.append(
            FileReport(f.path, parts[by_file[n][0]].format, stats, first.encoding, first.doubt)
        )
    if options.in_place or options.output_dir is not None:
        for n, f in enumerate(files):
            if options.in_place:
                target = f.path
            else:
                assert options.output_dir is not None
                target = os.fspath(output_path(options.output_dir, f.relative))
                if _same_file(f.path, target):
                    raise UsageError(
                        f"{f.path} would be overwritten by its own output in {options.output_dir}"
                    )
            with _writer(target, like=f.path if options.in_place else None) as dst:
                join_parts([parts[i] for i in by_file[n]], dst)
    else:
        with _sink(options.output) as dst:
            join_parts(parts, dst)
    return result
