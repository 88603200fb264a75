"""Before and after: the same commands from two source trees, side by side in one run.

    python benchmarks/bench_versions.py --before ../arabnorm-old        # another checkout
    python benchmarks/bench_versions.py --before ../old --runs 7 --mb 20
    python benchmarks/bench_versions.py --before ../old --runs 40 --line   # start-up

Each command runs as ``python -m arabnorm ...`` with ``PYTHONPATH`` set to
one tree, then the other, alternating, ``--runs`` times each, on a
``make_corpus.py --profile noisy`` corpus (cached in ``bench-data/``); the
two outputs must be byte-identical. With ``--line`` the input is one short
line instead, so the times are the commands' start-up and exit. Both trees'
modules are compiled to bytecode first, as an installed package is. Prints
for each command the median wall time and the median CPU time (user +
system of the process, less disturbed by other load on the machine) of both
trees, and after/before ratios (below 1: faster now).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from shared import DATA, compile_bytecode, corpus  # benchmarks/ is on sys.path

ONE_LINE = "قالَ الرئيسُ «إنَّ الاجتماعَ ناجحٌ» في ٣ كانون الثاني.\n"

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

COMMANDS = [
    ["clean", "-p", "standard"],
    ["clean", "-p", "search"],
    ["clean", "-p", "camel"],
    ["tokenize", "-p", "none"],
    ["tokenize", "--format", "jsonl"],
    ["tokenize", "-p", "none", "--format", "jsonl"],
]


def run(tree: Path, args: list[str], src: Path, out: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and output digest of one run."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([PY, "-m", "arabnorm", *args, str(src), "-o", str(out)], env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, hashlib.sha256(out.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other source tree")
    parser.add_argument("--after", type=Path, default=ROOT, help="default: this tree")
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--line", action="store_true", help="one short line: start-up and exit")
    opts = parser.parse_args()
    for tree in (opts.before, opts.after):
        compile_bytecode(tree)
    if opts.line:
        DATA.mkdir(exist_ok=True)
        src = DATA / "one-line.txt"
        src.write_text(ONE_LINE, encoding="utf-8")
        what = "one line"
    else:
        src = corpus(opts.mb)
        what = f"{src.stat().st_size / 1e6:.0f} MB noisy corpus"
    print(f"{what}; medians of {opts.runs} runs; after = {opts.after}")
    print(f"{'command':<42} {'before s':>9} {'after s':>8} {'wall':>6} {'cpu':>6}")
    for args in COMMANDS:
        times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
        digests = set()
        for _ in range(opts.runs):
            for name, tree in (("before", opts.before), ("after", opts.after)):
                wall, cpu, digest = run(tree, args, src, DATA / f"versions-{name}.out")
                times[name].append((wall, cpu))
                digests.add(digest)
        if len(digests) != 1:
            sys.exit(f"{' '.join(args)}: the two trees write different output")
        (bw, bc), (aw, ac) = (
            tuple(statistics.median(t[k] for t in times[name]) for k in (0, 1))
            for name in ("before", "after")
        )
        label = " ".join(args)
        print(f"{label:<42} {bw:>9.3f} {aw:>8.3f} {aw / bw:>6.2f} {ac / bc:>6.2f}")


if __name__ == "__main__":
    main()
