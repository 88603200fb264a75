"""Tokenizer speed: arabnorm next to CAMeL Tools, text next to JSON lines, one run.

Builds (or takes) a ``make_corpus.py`` corpus and times, in one process:

- ``arabnorm tokenize -p none`` (text output) against CAMeL Tools'
  ``simple_word_tokenize`` joined by spaces, line by line: both from a str to
  a str, no file I/O;
- ``--format jsonl`` (tokens and spans) against text output, same preset
  (``none``, and the default ``standard`` whose spans go through the alignment);
- the real command end to end (process start, reading, writing) for both formats,
  with the presets `none` and `standard` (the default).

Every in-process run starts with an empty chunk cache, as a fresh process
would. Figures are medians of ``--runs`` runs.

    python benchmarks/bench_tokenize.py                   # 5 MB clean corpus
    python benchmarks/bench_tokenize.py --mb 5 --runs 5 --profile clean
    python benchmarks/bench_tokenize.py --corpus my.txt
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

ROOT = Path(__file__).resolve().parent.parent
from shared import MAKE_CORPUS  # noqa: E402 - benchmarks/ is on sys.path

BLOCK = 1 << 20


def blocks(text: str, size: int = BLOCK) -> list[str]:
    """Cut like the CLI's reader: about ``size`` characters, ending after a line break."""
    out: list[str] = []
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size)
        end = len(text) if cut < 0 else cut + 1
        out.append(text[start:end])
        start = end
    return out


def median_seconds(func: Callable[[], object], runs: int, before: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        before()
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, help="a UTF-8 text file (default: build one)")
    ap.add_argument("--mb", type=float, default=5)
    ap.add_argument("--profile", default="clean")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--camel-runs", type=int, default=3)
    args = ap.parse_args()

    from arabnorm import build_pipeline
    from arabnorm.io.tokens import jsonl_writer, text_writer
    from arabnorm.pipeline import Pipeline
    from arabnorm.tokenizer import clear_cache

    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "corpus.txt"
            subprocess.run(
                [
                    sys.executable,
                    str(MAKE_CORPUS),
                    "--mb",
                    str(args.mb),
                    "--profile",
                    args.profile,
                    "-o",
                    str(corpus),
                ],
                check=True,
            )
        text = corpus.read_text(encoding="utf-8")
        mb = len(text.encode("utf-8")) / 1e6
        parts = blocks(text)
        none = Pipeline()
        to_text = text_writer(none)
        to_jsonl = jsonl_writer(none)
        standard = build_pipeline("standard")
        std_text = text_writer(standard)
        std_jsonl = jsonl_writer(standard)

        rows: list[tuple[str, float]] = []

        def ours_text() -> object:
            return [to_text(b) for b in parts]

        def ours_jsonl() -> object:
            return [to_jsonl(b) for b in parts]

        rows.append(
            ("arabnorm tokenize -p none (text)", median_seconds(ours_text, args.runs, clear_cache))
        )
        rows.append(
            (
                "arabnorm tokenize -p none --format jsonl",
                median_seconds(ours_jsonl, args.runs, clear_cache),
            )
        )
        rows.append(
            (
                "arabnorm tokenize (standard, text)",
                median_seconds(lambda: [std_text(b) for b in parts], args.runs, clear_cache),
            )
        )
        rows.append(
            (
                "arabnorm tokenize (standard) --format jsonl",
                median_seconds(lambda: [std_jsonl(b) for b in parts], args.runs, clear_cache),
            )
        )
        try:
            from camel_tools.tokenizers.word import simple_word_tokenize
        except ImportError:
            simple_word_tokenize = None
        if simple_word_tokenize is not None:
            lines = text.split("\n")

            def camel() -> object:
                return "\n".join([" ".join(simple_word_tokenize(line)) for line in lines])

            rows.append(
                (
                    "camel_tools simple_word_tokenize",
                    median_seconds(camel, args.camel_runs, lambda: None),
                )
            )

        cli: list[tuple[str, float]] = []
        out = Path(tmp) / "out"
        for preset in ("none", "standard"):
            for fmt in ("text", "jsonl"):
                cmd = [sys.executable, "-m", "arabnorm", "tokenize", "-p", preset]
                cmd += ["--format", fmt, str(corpus), "-o", str(out)]

                def run_cli(cmd: list[str] = cmd) -> object:
                    return subprocess.run(cmd, check=True)

                cli.append(
                    (
                        f"CLI end to end, -p {preset} --format {fmt}",
                        median_seconds(run_cli, args.runs, lambda: None),
                    )
                )

    source = (
        corpus.name if args.corpus else f"make_corpus.py --mb {args.mb} --profile {args.profile}"
    )
    print(f"corpus: {source} ({mb:.2f} MB), median of {args.runs} runs (CAMeL: {args.camel_runs})")
    print(f"{'':44} {'seconds':>8} {'MB/s':>8}")
    for name, sec in rows + cli:
        print(f"{name:44} {sec:8.3f} {mb / sec:8.1f}")
    by = dict(rows + cli)
    print()
    text_s = by["arabnorm tokenize -p none (text)"]
    if "camel_tools simple_word_tokenize" in by:
        ratio = by["camel_tools simple_word_tokenize"] / text_s
        print(f"speed-up over CAMeL Tools simple_word_tokenize: {ratio:5.1f}x  (target >= 15x)")
    jsonl_s = by["arabnorm tokenize -p none --format jsonl"]
    cli_ratio = (
        by["CLI end to end, -p none --format jsonl"] / by["CLI end to end, -p none --format text"]
    )
    cli_std_ratio = (
        by["CLI end to end, -p standard --format jsonl"]
        / by["CLI end to end, -p standard --format text"]
    )
    print(
        f"jsonl with spans / text, in process:            {jsonl_s / text_s:5.2f}x  (target <= 2x)"
    )
    std_ratio = (
        by["arabnorm tokenize (standard) --format jsonl"] / by["arabnorm tokenize (standard, text)"]
    )
    print(f"jsonl with spans / text, standard preset:       {std_ratio:5.2f}x")
    print(f"jsonl with spans / text, CLI end to end:        {cli_ratio:5.2f}x  (-p none)")
    print(f"jsonl with spans / text, CLI end to end:        {cli_std_ratio:5.2f}x  (standard)")


if __name__ == "__main__":
    main()
