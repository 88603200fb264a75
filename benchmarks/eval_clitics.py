"""Clitic segmentation accuracy on UD Arabic-PUD (words level, no --derive-mwt).

Scores, with the shared UD scorer, three systems on the PUD sentences: a
stand-in regex tokenizer (``\\w+|[^\\w\\s]``, runs of one punctuation mark
kept together) alone, the same followed by arabnorm.clitics, and
``arabnorm tokenize --preset none --clitics``. Prints the scorer's tables
and the commands that reproduce the last one.

    python benchmarks/eval_clitics.py [--shared ../shared] [--ratio 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import regex
from shared import SHARED

from arabnorm.clitics import Segmenter

TOKEN = regex.compile(r"\w+|([^\w\s])\1*")


def simple_tokens(line: str) -> list[str]:
    """Stand-in word tokenizer: letters/digits runs and punctuation runs."""
    return [m.group(0) for m in TOKEN.finditer(line)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--ratio", type=float, default=None)
    args = ap.parse_args()
    shared = args.shared
    gold = shared / "eval" / "ud-arabic-pud" / "ar_pud-ud-test.conllu"
    scorer = shared / "eval" / "score_tokens.py"
    seg = Segmenter() if args.ratio is None else Segmenter(ratio=args.ratio)
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.txt"
        subprocess.run(
            [sys.executable, str(scorer), str(gold), "--emit-input", str(inp)],
            check=True,
            capture_output=True,
        )
        lines = inp.read_text(encoding="utf-8").splitlines()
        base = Path(tmp) / "base.txt"
        sysf = Path(tmp) / "sys.txt"
        base.write_text("".join(" ".join(simple_tokens(s)) + "\n" for s in lines), "utf-8")
        sysf.write_text(
            "".join(" ".join(seg.segment_tokens(simple_tokens(s))) + "\n" for s in lines),
            "utf-8",
        )
        cli = Path(tmp) / "cli.txt"
        with cli.open("wb") as dst:
            subprocess.run(
                [
                    sys.executable,
                    *("-m", "arabnorm", "tokenize", "--preset", "none", "--clitics"),
                    str(inp),
                ],
                check=True,
                stdout=dst,
            )
        for label, path in (
            ("regex tokens only", base),
            ("regex + arabnorm clitics", sysf),
            ("arabnorm tokenize --preset none --clitics", cli),
        ):
            print(f"== {label}")
            out = subprocess.run(
                [sys.executable, str(scorer), str(gold), str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            print(out.stdout.strip())
    print("\ncommands:")
    print(f"  python3 {scorer} {gold} --emit-input in.txt")
    print("  arabnorm tokenize --preset none --clitics in.txt > sys.txt")
    print(f"  python3 {scorer} {gold} sys.txt      (no --derive-mwt)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
