"""``arabnorm analyze`` against the real Lucene 8 analyzers, whole process against whole process.

    python benchmarks/bench_analyze.py               # 5 runs of each, 20 MB noisy corpus
    python benchmarks/bench_analyze.py --runs 3 --persian

On a 20 MB ``make_corpus.py --profile noisy`` corpus, file to file, each
figure the median of ``--runs`` runs, the two tools run alternately in the
same loop (so machine load hits both alike):

- ``arabnorm analyze -a arabic`` (terms separated by spaces) against Lucene's
  ``ArabicAnalyzer`` run by ``tests/conformance/LuceneDriver.java`` writing
  the same terms (``run terms-arabic``), JVM start included;
- ``arabnorm analyze -a arabic --format jsonl --offsets utf16`` against the
  driver writing Elasticsearch's ``_analyze`` JSON (``run analyze-arabic``);
- with ``--persian``, the same for ``PersianAnalyzer``.

Outputs are compared byte for byte. The ratio is Lucene's time divided by
arabnorm's: above 1, arabnorm is faster. Needs Java and Debian's
liblucene8-java (``scripts/install-references.sh``). Corpora and outputs go
to ``bench-data/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from shared import DATA, compile_bytecode, corpus  # noqa: E402 - benchmarks/ is on sys.path

from tests.conformance import lucene_ref  # noqa: E402

PY = sys.executable


def run_once(cmd: list[str], stdin: Path | None, stdout: Path) -> float:
    with stdout.open("wb") as out:
        started = time.perf_counter()
        if stdin is None:
            subprocess.run(cmd, stdout=out, check=True)
        else:
            with stdin.open("rb") as src:
                subprocess.run(cmd, stdin=src, stdout=out, check=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--persian", action="store_true", help="also PersianAnalyzer")
    args = parser.parse_args()
    reason = lucene_ref.missing()
    if reason is not None:
        sys.exit(f"bench_analyze: {reason}")
    compile_bytecode()
    text = corpus(args.mb)
    size_mb = text.stat().st_size / 1e6
    lucene = lucene_ref.Lucene(DATA / "lucene-driver")
    print(f"corpus: {text} ({size_mb:.1f} MB); reference: {lucene.version()}")
    analyzers = ["arabic", "persian"] if args.persian else ["arabic"]
    cases = []
    for name in analyzers:
        ours = [PY, "-m", "arabnorm", "analyze", "-a", name, str(text)]
        cases.append((f"{name}, text", ours, lucene.command("run", f"terms-{name}")))
        cases.append(
            (
                f"{name}, jsonl",
                [*ours, "--format", "jsonl", "--offsets", "utf16"],
                lucene.command("run", f"analyze-{name}"),
            )
        )
    print(f"\n{'output':<16} {'arabnorm s':>11} {'Lucene s':>9} {'arabnorm MB/s':>14} "
          f"{'Lucene MB/s':>12} {'ratio':>6}  identical")  # fmt: skip
    for label, ours, theirs in cases:
        mine: list[float] = []
        ref: list[float] = []
        ours_out, ref_out = DATA / "analyze-ours.out", DATA / "analyze-lucene.out"
        for i in range(args.runs):
            if i % 2 == 0:
                mine.append(run_once(ours, None, ours_out))
                ref.append(run_once(theirs, text, ref_out))
            else:
                ref.append(run_once(theirs, text, ref_out))
                mine.append(run_once(ours, None, ours_out))
        same = ours_out.read_bytes() == ref_out.read_bytes()
        a, b = statistics.median(mine), statistics.median(ref)
        print(
            f"{label:<16} {a:>11.2f} {b:>9.2f} {size_mb / a:>14.1f} {size_mb / b:>12.1f} "
            f"{b / a:>6.2f}  {'yes' if same else 'NO'}"
        )
        runs = f"arabnorm {[round(x, 2) for x in mine]}, Lucene {[round(x, 2) for x in ref]}"
        print(f"{'':<16} runs: {runs}")


if __name__ == "__main__":
    main()
