"""Speed of clitic segmentation on a make_corpus.py corpus, in MB/s.

Three rows, medians of --repeat runs over the same text (UTF-8 MB):
the stand-in regex tokenizer alone, tokenizer + clitic segmentation with a
cold cache (a fresh Segmenter, word list already loaded), and with a warm
cache (the same Segmenter run again). Loading wordfreq's list is timed once
separately.

    python3 ../shared/bench/make_corpus.py --mb 5 --profile clean -o /tmp/clean5.txt
    python benchmarks/bench_clitics.py /tmp/clean5.txt
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import regex

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
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
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

    print(f"corpus: {args.corpus} ({mb:.2f} MB, {len(lines)} lines); wordfreq load {load_s:.2f} s")
    print(f"{'what':<34} {'median s':>9} {'MB/s':>8}")
    for label, secs in rows:
        print(f"{label:<34} {secs:>9.3f} {mb / secs:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
