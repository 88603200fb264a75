#!/usr/bin/env python3
"""Build the Arabic letter-pair and word tables that arabnorm ships.

    python3 scripts/build_arabic_model.py          # writes arabnorm/data/arabic_*.tsv

Sources, both shippable: the sample articles in ``seeds/`` and the sentences
written for the project in ``scripts/data/arabic_text.txt``. Nothing else is
read (the UD Arabic-PUD treebank and the benchmark corpora built from it are
for evaluation only). The same sources give the same bytes.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from arabnorm.damage.model import BOUNDARY, PAIRS_FILE, WORDS_FILE, letters_of  # noqa: E402

SOURCES = [*sorted((ROOT / "seeds").glob("*.txt")), ROOT / "scripts" / "data" / "arabic_text.txt"]
DATA = ROOT / "arabnorm" / "data"
HEADER = (
    "% Built by scripts/build_arabic_model.py from seeds/*.txt and\n"
    "% scripts/data/arabic_text.txt (text of this project, MIT). Do not edit by hand.\n"
)


def main() -> None:
    pairs: Counter[tuple[str, str]] = Counter()
    words: Counter[str] = Counter()
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("%"):
                continue
            for word in letters_of(line):
                words[word] += 1
                seq = [BOUNDARY, *word, BOUNDARY]
                pairs.update(itertools.pairwise(seq))
    rows = [f"{a}\t{b}\t{n}" for (a, b), n in sorted(pairs.items())]
    (DATA / PAIRS_FILE).write_text(
        HEADER
        + "% first letter, next letter (# = word boundary), count\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    ranked = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))
    (DATA / WORDS_FILE).write_text(
        HEADER + "% word, count\n" + "\n".join(f"{w}\t{n}" for w, n in ranked) + "\n",
        encoding="utf-8",
    )
    print(f"{sum(pairs.values())} letter pairs ({len(pairs)} kinds), {len(words)} words")


if __name__ == "__main__":
    main()
