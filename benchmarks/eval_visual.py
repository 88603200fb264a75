"""The ``visual`` stage against arafix on the same lines, in one run.

    python benchmarks/eval_visual.py                              # arabnorm only
    python benchmarks/eval_visual.py --arafix /tmp/arafix/bin/python

arafix is never a dependency: install it into a separate environment for
this comparison (``python3 -m venv /tmp/arafix && /tmp/arafix/bin/pip
install arafix==1.2.0``) and pass its interpreter with ``--arafix``.

Lines: the seed lines (``seeds/``), the 1,000 sentences of UD Arabic-PUD
(evaluation only; from ``../shared/eval``) and the first 2,000 lines of the
20 MB noisy corpus. Each line with an Arabic letter is put in visual order
as a PDF extractor returns it:

- ``nomirror``: the Unicode bidirectional algorithm's display order, the
  characters as they are (pdfminer on a shaped PDF);
- ``mirror``: the same with brackets mirrored (extractors that map glyphs
  by shape);
- ``ligature``: ``nomirror``, but each lam-alef pair (one glyph in the PDF)
  kept in logical order inside its reversed word; arabnorm runs with
  ``visual:lam-alef=repair`` on these, and (when wordfreq is installed)
  with ``visual:lam-alef=wordfreq`` as ``ligature/wordfreq``.

arabnorm runs ``visual`` with its default parameters on the other lines.

Reported per set and simulation: lines judged visual, lines restored exactly,
and how many of the logical (undamaged) lines each tool changed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_corpus import corpus  # noqa: E402
from shared import PUD_GOLD  # noqa: E402

from arabnorm import chars  # noqa: E402
from arabnorm.damage import bidi  # noqa: E402
from arabnorm.pipeline import Pipeline  # noqa: E402

ARAFIX = """
import json, sys
import arafix
lines = json.load(sys.stdin)
json.dump([arafix.fix(line) for line in lines], sys.stdout, ensure_ascii=False)
"""


def ligature_display(line: str) -> str:
    """``display``, each lam-alef pair at a right-to-left level left in logical order."""
    idx, lv = bidi.order(line)
    where = {k: p for p, k in enumerate(idx)}
    for i in range(len(line) - 1):
        if line[i] == chars.LAM and line[i + 1] in chars.LAM_ALEF_ALEFS and lv[i] % 2:
            a, b = where[i], where[i + 1]
            if b == a - 1 and lv[i + 1] % 2:
                idx[b], idx[a] = i, i + 1
    return "".join(line[k] for k in idx)


SIMULATIONS = {
    "nomirror": bidi.display,
    "mirror": lambda line: bidi.display(line, mirror=True),
    "ligature": ligature_display,
}


def line_sets(noisy_lines: int) -> dict[str, list[str]]:
    def arabic(line: str) -> bool:
        return any(c in chars.BASIC_LETTERS for c in line)

    seeds = [
        ln
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        for ln in p.read_text(encoding="utf-8").splitlines()
    ]
    sets = {"seeds": [ln for ln in seeds if arabic(ln)]}
    if PUD_GOLD.exists():
        pud = [
            ln[len("# text = ") :]
            for ln in PUD_GOLD.read_text(encoding="utf-8").splitlines()
            if ln.startswith("# text = ")
        ]
        sets["PUD"] = [ln for ln in pud if arabic(ln)]
    noisy = corpus(20).read_text(encoding="utf-8").split("\n")[:noisy_lines]
    sets[f"noisy20[:{noisy_lines}]"] = [ln for ln in noisy if arabic(ln)]
    return sets


def run_arafix(python: str, lines: list[str]) -> list[str]:
    res = subprocess.run(
        [python, "-c", ARAFIX],
        input=json.dumps(lines, ensure_ascii=False).encode(),
        capture_output=True,
        check=True,
    )
    return list(json.loads(res.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arafix", metavar="PYTHON", help="an interpreter with arafix installed")
    parser.add_argument("--noisy-lines", type=int, default=2000)
    args = parser.parse_args()
    keep = Pipeline.from_spec("visual")
    pipelines = {
        "nomirror": keep,
        "mirror": keep,
        "ligature": Pipeline.from_spec("visual:lam-alef=repair"),
    }
    simulations = dict(SIMULATIONS)
    try:
        import wordfreq  # noqa: F401

        pipelines["ligature/wordfreq"] = Pipeline.from_spec("visual:lam-alef=wordfreq")
        simulations["ligature/wordfreq"] = ligature_display
    except ImportError:
        pass
    head = "| set | simulation | lines | arabnorm: judged visual | arabnorm: exact |"
    rule = "|---|---|---|---|---|"
    if args.arafix:
        head += " arafix: exact |"
        rule += "---|"
    print(head)
    print(rule)
    logical_rows = []
    for name, lines in line_sets(args.noisy_lines).items():
        for sim, show in simulations.items():
            shown = [show(ln) for ln in lines]
            ours = pipelines[sim].map_batch(shown)
            judged = sum(o != s for o, s in zip(ours, shown, strict=True))
            exact = sum(o == ln for o, ln in zip(ours, lines, strict=True))
            row = (
                f"| {name} | {sim} | {len(lines)} | {100 * judged / len(lines):.2f}% "
                f"| {100 * exact / len(lines):.2f}% |"
            )
            if args.arafix:
                theirs = run_arafix(args.arafix, shown)
                same = sum(t == ln for t, ln in zip(theirs, lines, strict=True))
                row += f" {100 * same / len(lines):.2f}% |"
            print(row, flush=True)
        changed = sum(o != ln for o, ln in zip(keep.map_batch(lines), lines, strict=True))
        theirs_changed = None
        if args.arafix:
            fixed = run_arafix(args.arafix, lines)
            theirs_changed = sum(t != ln for t, ln in zip(fixed, lines, strict=True))
        logical_rows.append((name, len(lines), changed, theirs_changed))
    print("\n| logical lines (not reversed) | lines | changed by arabnorm |", end="")
    print(" changed by arafix |" if args.arafix else "")
    print("|---|---|---|" + ("---|" if args.arafix else ""))
    for name, n, changed, theirs in logical_rows:
        print(f"| {name} | {n} | {changed} |" + (f" {theirs} |" if theirs is not None else ""))


if __name__ == "__main__":
    main()
