"""Where the benchmarks find the shared material (corpus builder, UD gold, scorer).

The shared folder sits beside the project checkout, as CI lays it out
(``../shared``); ``ARABNORM_SHARED`` names another place.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARABNORM_SHARED") or ROOT.parent / "shared")
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
PUD_GOLD = SHARED / "eval" / "ud-arabic-pud" / "ar_pud-ud-test.conllu"
SCORER = SHARED / "eval" / "score_tokens.py"
DATA = ROOT / "bench-data"
"""Corpora and outputs of the benchmarks (ignored by git)."""

# arabnorm runs on every core by default for large inputs; the benchmarks
# compare one process with the single-process reference tools, unless a row
# says otherwise (``-j N``, or ``env -u ARABNORM_JOBS`` for the default).
os.environ.setdefault("ARABNORM_JOBS", "1")


def corpus(mb: int) -> Path:
    """The ``make_corpus.py --profile noisy`` corpus of ``mb`` MB, made once in ``DATA``."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"noisy{mb}.txt"
    if not path.exists():
        make = [sys.executable, str(MAKE_CORPUS), "--mb", str(mb), "--profile", "noisy"]
        subprocess.run([*make, "-o", str(path)], check=True)
    return path


def compile_bytecode(tree: Path = ROOT) -> None:
    """Compile arabnorm's modules in ``tree`` once, as installing a package does.

    With ``PYTHONDONTWRITEBYTECODE`` set (common in containers and CI), a
    checkout would otherwise recompile every module on every run, a fixed
    cost of tens of milliseconds that an installed package never pays.
    """
    import compileall

    compileall.compile_dir(str(tree / "arabnorm"), quiet=1)
