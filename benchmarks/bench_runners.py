"""Where a preset's time goes in one process: each compiled runner on its own.

    python benchmarks/bench_runners.py                 # -p search on the 20 MB noisy corpus
    python benchmarks/bench_runners.py --preset standard --runs 7

The corpus is cut into blocks of whole lines of about 1 MiB, as the command
line cuts files; each runner of ``Pipeline.from_preset(preset)`` (what the
compiler made of its steps) runs over the blocks the runner before it wrote,
and the whole ``apply`` runs too. Each figure is the best of ``--runs`` by
processor time, in milliseconds per MB of input; decoding and encoding are
not counted (the floor does them too).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

from shared import corpus  # benchmarks/ is on sys.path

from arabnorm.io.allocator import tune_allocator
from arabnorm.pipeline import Pipeline


def best(run: Callable[[str], str], blocks: Sequence[str], runs: int) -> float:
    """The best processor time of ``run`` over fresh copies of ``blocks``."""
    seconds = float("inf")
    for _ in range(runs):
        fresh = [b + "" for b in blocks]  # no code units cached from the last round
        start = time.process_time()
        for b in fresh:
            run(b)
        seconds = min(seconds, time.process_time() - start)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="search")
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tune_allocator()  # as the command line does
    data = corpus(args.mb).read_bytes()
    mb = len(data) / 1e6
    blocks: list[str] = []
    start = 0
    while start < len(data):
        cut = data.find(b"\n", start + (1 << 20))
        cut = len(data) if cut < 0 else cut + 1
        blocks.append(data[start:cut].decode("utf-8"))
        start = cut
    pipeline = Pipeline.from_preset(args.preset)
    print(f"-p {args.preset}, {mb:.1f} MB in {len(blocks)} blocks, best of {args.runs}")
    print()
    print("| runner | ms per MB |")
    print("|---|---|")
    inputs = blocks
    for run in pipeline._run:
        print(f"| {type(run).__name__} | {best(run, inputs, args.runs) * 1000 / mb:.2f} |")
        inputs = [run(b) for b in inputs]
    print(f"| the whole apply | {best(pipeline.apply, blocks, args.runs) * 1000 / mb:.2f} |")


if __name__ == "__main__":
    main()
