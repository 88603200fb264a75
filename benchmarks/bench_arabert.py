"""The ``arabert`` preset against AraBERT's preprocessor, whole process against whole process.

    python benchmarks/bench_arabert.py            # 5 runs on the 20 MB noisy corpus
    python benchmarks/bench_arabert.py --runs 3 --corpus /path/to/file.txt

In one run, one after the other, file to file (MB = 10^6 bytes of input):

- ``arabnorm clean -p arabert``;
- a Python program that imports ``arabert`` 1.0.1 and runs
  ``ArabertPreprocessor(model_name="bert-base-arabertv02").preprocess`` on
  every line, as a user preparing a corpus does (import included);
- the floor: a Python program that only reads, decodes, encodes and writes
  the same file, and ``arabnorm clean -p arabert`` on an empty file
  (start-up).

Outputs are compared byte for byte. Each figure is the median of ``--runs``
runs, by wall clock and by CPU time (user + system of the process); on a
machine shared with other work, compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DATA, compile_bytecode, corpus
from bench_translit import PLAIN_COPY, PY, arabnorm, report, side_by_side

ARABERT_LINES = """
import sys
from arabert.preprocess import ArabertPreprocessor
prep = ArabertPreprocessor(model_name="bert-base-arabertv02")
with open(sys.argv[1], encoding="utf-8", newline="") as fin:
    with open(sys.argv[2], "w", encoding="utf-8", newline="") as fout:
        for line in fin:
            body = line.rstrip("\\r\\n")
            fout.write(prep.preprocess(body) + line[len(body):])
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--corpus", type=Path, help="a file to use instead of the noisy corpus")
    args = parser.parse_args()
    compile_bytecode()
    DATA.mkdir(exist_ok=True)
    src = args.corpus or corpus(args.mb)
    empty = DATA / "empty.txt"
    empty.write_bytes(b"")
    out, ref_out, copy_out = (DATA / f"ab_{n}.txt" for n in "ours arabert copy".split())
    t = side_by_side(
        {
            "ours": arabnorm("clean", "-p", "arabert", str(src), "-o", str(out)),
            "arabert": [PY, "-c", ARABERT_LINES, str(src), str(ref_out)],
            "copy": [PY, "-c", PLAIN_COPY, str(src), str(copy_out)],
            "start": arabnorm("clean", "-p", "arabert", str(empty), "-o", str(DATA / "ab_e.txt")),
        },
        args.runs,
    )
    label = "`ArabertPreprocessor` (bert-base-arabertv02), line by line, import included"
    report(src, args.runs, t, "`arabnorm clean -p arabert`", out, [("arabert", label, ref_out)])


if __name__ == "__main__":
    main()
