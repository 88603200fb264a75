"""Orthographic-token F1 of ``arabnorm tokenize --preset none`` on UD Arabic-PUD.

Runs the shared CoNLL 2018-style scorer: writes the gold sentences as raw
text, tokenizes them without normalizing a single character, and scores the
result with ``--derive-mwt`` (clitics of the gold re-joined into the
orthographic words a whitespace-and-punctuation tokenizer can produce).
For comparison it scores the regex ``\\w+|[^\\w\\s]`` and, when installed,
CAMeL Tools' ``simple_word_tokenize`` in the same run.

    python benchmarks/eval_pud.py                  # from the project root
    python benchmarks/eval_pud.py --errors 30      # also list our commonest mistakes
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from shared import PUD_GOLD as GOLD  # noqa: E402 - benchmarks/ is on sys.path
from shared import SCORER  # noqa: E402


def _ours(line: str) -> list[str]:
    import arabnorm

    return arabnorm.tokenize(line, preset="none")


def _regex(line: str) -> list[str]:
    import regex

    return list(regex.findall(r"\w+|[^\w\s]", line))


def _camel() -> Callable[[str], list[str]] | None:
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize
    except ImportError:
        return None
    return simple_word_tokenize  # type: ignore[no-any-return]


def score(gold: Path, lines: list[str], tok: Callable[[str], list[str]], extra: list[str]) -> str:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        for line in lines:
            f.write(" ".join(tok(line)) + "\n")
        sys_path = f.name
    res = subprocess.run(
        [sys.executable, str(SCORER), str(gold), sys_path, "--derive-mwt", *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(sys_path).unlink()
    return res.stdout


def tokens_f1(report: str) -> tuple[str, str, str]:
    m = re.search(r"^tokens\s+\d+\s+\d+\s+\d+\s+(\S+)\s+(\S+)\s+(\S+)", report, re.M)
    if m is None:
        raise SystemExit(f"could not read the scorer's report:\n{report}")
    p, r, f1 = m.groups()
    return p, r, f1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--errors", type=int, default=0, help="list our N commonest mistakes")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "in.txt"
        subprocess.run(
            [sys.executable, str(SCORER), str(args.gold), "--emit-input", str(raw)],
            capture_output=True,
            check=True,
        )
        lines = raw.read_text(encoding="utf-8").splitlines()
    tools: list[tuple[str, Callable[[str], list[str]]]] = [
        ("arabnorm tokenize --preset none", _ours),
        ("regex \\w+|[^\\w\\s]", _regex),
    ]
    camel = _camel()
    if camel is not None:
        tools.append(("camel_tools simple_word_tokenize", camel))
    print(f"UD Arabic-PUD, {len(lines)} sentences, orthographic tokens (--derive-mwt)")
    print(f"{'tokenizer':36} {'P':>7} {'R':>7} {'F1':>7}")
    ours_report = ""
    for name, tok in tools:
        report = score(args.gold, lines, tok, [])
        if tok is _ours:
            ours_report = report
        p, r, f1 = tokens_f1(report)
        print(f"{name:36} {p:>7} {r:>7} {f1:>7}")
    if args.errors:
        report = score(args.gold, lines, _ours, ["--errors", str(args.errors)])
        print(report[report.find("Top ") :] if "Top " in report else report)
    del ours_report


if __name__ == "__main__":
    main()
