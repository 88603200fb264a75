"""Speed of clitic segmentation on a make_corpus.py corpus, in MB/s.

Three rows, medians of --repeat runs over the same text (UTF-8 MB):
the stand-in regex tokenizer alone, tokenizer + clitic segmentation with a
cold cache (a fresh Segmenter, word list already loaded), and with a warm
cache (the same Segmenter run again); then the ``clitics`` stage alone on the
tokenized text (split and mark modes); then the ``arabnorm tokenize --preset
none`` text writer without and with ``--clitics`` (warm). Loading wordfreq's
list is timed once separately. MB/s are of the original corpus.

    python benchmarks/bench_clitics.py            # makes the 5 MB clean corpus itself
    python3 ../shared/bench/make_corpus.py --mb 5 --profile clean -o /tmp/clean5.txt
    python benchmarks/bench_clitics.py /tmp/clean5.txt
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import regex
from shared import SHARED

from arabnorm.clitics import Segmenter, load_wordfreq

TOKEN = regex.compile(r"\w+|([^\w\s])\1*")


def tokenize(line: str) -> list[str]:
    """Stand-in word tokenizer (the same as benchmarks/eval_clitics.py)."""
    return [m.group(0) for m in TOKEN.finditer(line)]


def run(lines: list[str], seg: Segmenter | None) -> int:
    """Tokenize (and segment) every line; returns the number of output tokens."""
    n = 0
    for line in lines:
        toks = tokenize(line)
        if seg is not None:
            toks = seg.segment_tokens(toks)
        n += len(" ".join(toks))
    return n


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "corpus",
        type=Path,
        nargs="?",
        help="default: make_corpus.py --mb 5 --profile clean from the shared folder",
    )
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.corpus is None:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "clean5.txt"
            subprocess.run(
                [
                    sys.executable,
                    str(args.shared / "bench" / "make_corpus.py"),
                    *("--mb", "5", "--profile", "clean", "-o", str(corpus)),
                ],
                check=True,
                capture_output=True,
            )
            text = corpus.read_text(encoding="utf-8")
        args.corpus = "make_corpus.py --mb 5 --profile clean"
    else:
        text = args.corpus.read_text(encoding="utf-8")
    mb = len(text.encode("utf-8")) / 1e6
    lines = text.splitlines()

    t = time.perf_counter()
    freq = load_wordfreq()
    load_s = time.perf_counter() - t

    rows = [("regex tokenizer only", timed(lambda: run(lines, None), args.repeat))]
    rows.append(
        ("tokenizer + clitics, cold cache", timed(lambda: run(lines, Segmenter(freq)), args.repeat))
    )
    warm = Segmenter(freq)
    run(lines, warm)
    rows.append(("tokenizer + clitics, warm cache", timed(lambda: run(lines, warm), args.repeat)))

    # The stage as the tokenize command runs it: on text already tokenized
    # (tokens separated by spaces), default segmenter, warm after one run.
    from arabnorm.pipeline import Pipeline

    tokenized = "\n".join(" ".join(tokenize(line)) for line in lines)
    for spec in ("clitics", "clitics:mode=mark"):
        stage = Pipeline.from_spec(spec)
        stage.apply(tokenized)
        rows.append(
            (
                f"{spec} stage on tokenized text",
                timed(lambda s=stage: s.apply(tokenized), args.repeat),
            )
        )

    # The tokenize command's text writer (--preset none), without and with clitics.
    from arabnorm.io.tokens import text_writer

    block = text if text.endswith("\n") else text + "\n"
    for label, clitics in (
        ("tokenize --preset none", None),
        ("tokenize --preset none --clitics", "split"),
        ("tokenize --preset none --clitics=mark", "mark"),
    ):
        writer = text_writer(Pipeline(), False, clitics)
        writer(block)
        rows.append((label, timed(lambda w=writer: w(block), args.repeat)))

    print(f"corpus: {args.corpus} ({mb:.2f} MB, {len(lines)} lines); wordfreq load {load_s:.2f} s")
    print(f"{'what':<42} {'median s':>9} {'MB/s':>8}")
    for label, secs in rows:
        print(f"{label:<42} {secs:>9.3f} {mb / secs:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
