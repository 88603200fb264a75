"""Accuracy of the clitic segmenter on the hand-labelled development data.

benchmarks/data/clitics_dev_seeds.txt (the seed articles, every word labelled)
and benchmarks/data/clitics_dev_words.txt (ambiguous words), used to choose
the settings; benchmarks/data/clitics_heldout_words.txt, never used for that.
Prints word accuracy for the default settings, or for a sweep of ratios on
the development data:

    python benchmarks/dev_clitics.py [--sweep]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from arabnorm.clitics import Segmenter, load_wordfreq

DATA = Path(__file__).resolve().parent / "data"


DEV = ("clitics_dev_seeds.txt", "clitics_dev_words.txt")
HELDOUT = ("clitics_heldout_words.txt",)


def load(names: tuple[str, ...] = DEV) -> list[tuple[str, tuple[str, ...]]]:
    """(word, gold pieces) for every labelled word in the named files."""
    out = []
    for name in names:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            for item in line.split():
                pieces = tuple(p for p in item.split("+") if p)
                out.append(("".join(pieces), pieces))
    return out


def score(seg: Segmenter, gold: list[tuple[str, tuple[str, ...]]]) -> tuple[float, list[str]]:
    """Word accuracy and the list of errors."""
    errors = []
    for word, pieces in gold:
        got = tuple(seg.segment(word))
        if got != pieces:
            errors.append(f"{'+'.join(pieces)} -> {'+'.join(got)}")
    return 100.0 * (1 - len(errors) / len(gold)), errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args()
    gold = load()
    freq = load_wordfreq()
    if args.sweep:
        print(f"{'ratio':>8} {'accuracy':>9} {'errors':>7}")
        for ratio in (5, 10, 20, 50, 100, 200, 500):
            acc, errs = score(Segmenter(freq, ratio=ratio), gold)
            print(f"{ratio:>8} {acc:>9.2f} {len(errs):>7}")
        return 0
    for label, names in (("development", DEV), ("held-out", HELDOUT)):
        data = load(names)
        acc, errs = score(Segmenter(freq), data)
        print(f"{label}: words {len(data)}  accuracy {acc:.2f}  errors {len(errs)}")
        for e in sorted(set(errs)):
            print("  ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
