"""Where the benchmarks find the shared material (corpus builder, UD gold, scorer).

The shared folder sits beside the project checkout, as CI lays it out
(``../shared``); ``ARABNORM_SHARED`` names another place.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARABNORM_SHARED") or ROOT.parent / "shared")
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
PUD_GOLD = SHARED / "eval" / "ud-arabic-pud" / "ar_pud-ud-test.conllu"
SCORER = SHARED / "eval" / "score_tokens.py"
