"""What the damaged-text features cost, side by side in one run.

    python benchmarks/bench_damaged.py              # 20 MB noisy corpus, 7 runs each
    python benchmarks/bench_damaged.py --runs 11 --mb 20

On the ``make_corpus.py --profile noisy`` corpus, file to file, the median
of ``--runs`` runs of each command, the commands taking turns so that the
machine's load falls on all of them alike:

- ``clean -p standard`` (``mojibake`` first) against the same preset
  without ``mojibake`` (``clean -s`` with the other six stages): the price
  of the repair on clean text, which must stay within 10%; the outputs are
  compared byte for byte (clean text has nothing to repair);
- ``clean --encoding auto`` against the default strict UTF-8 read on the
  same UTF-8 file, and ``--encoding cp1256`` / ``auto`` on the corpus
  written in windows-1256 (its non-Arabic characters folded away first);
- ``clean -p standard`` on the corpus with 2% of its lines damaged by
  windows-1256 mojibake.

Corpora are cached in ``bench-data/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DATA, PY, compile_bytecode, corpus

STANDARD_WITHOUT_MOJIBAKE = "invisible,forms,tatweel,diacritics,quotes,whitespace"


def arabnorm(*args: str) -> list[str]:
    return [PY, "-m", "arabnorm", *args]


CPU: dict[str, float] = {}
"""Median processor time (user + system) of each command of the last ``side_by_side``."""


def side_by_side(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command, the commands run in turn ``runs`` times.

    The processor time of each run is kept too (``CPU``): on a machine shared
    with other work it varies much less than the wall time.
    """
    import resource

    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            cpu[name].append(used)
    CPU.clear()
    CPU.update({name: statistics.median(t) for name, t in cpu.items()})
    return {name: statistics.median(t) for name, t in times.items()}


def ratios(t: dict[str, float], a: str, b: str) -> str:
    """``wall a/b (cpu a/b)``."""
    return f"{t[a] / t[b]:.3f} (processor time {CPU[a] / CPU[b]:.3f})"


def cp1256_copy(src: Path) -> Path:
    """The corpus in windows-1256: what that page cannot write folded or dropped first."""
    path = DATA / f"{src.stem}.cp1256.txt"
    if not path.exists():
        text = src.read_text(encoding="utf-8")
        path.write_bytes(text.encode("cp1256", "ignore"))
    return path


def damaged_copy(src: Path, every: int = 50) -> Path:
    """The corpus with every ``every``-th line turned into windows-1256 mojibake."""
    path = DATA / f"{src.stem}.damaged.txt"
    if not path.exists():
        lines = src.read_text(encoding="utf-8").split("\n")
        for i in range(0, len(lines), every):
            lines[i] = lines[i].encode("utf-8").decode("cp1256", "replace")
        path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--mb", type=int, default=20)
    args = parser.parse_args()
    compile_bytecode()
    src = corpus(args.mb)
    mb = src.stat().st_size / 1e6
    out_new, out_old = DATA / "new.txt", DATA / "old.txt"
    legacy = cp1256_copy(src)
    damaged = damaged_copy(src)

    t = side_by_side(
        {
            "with": arabnorm("clean", "-p", "standard", str(src), "-o", str(out_new)),
            "without": arabnorm(
                "clean", "-s", STANDARD_WITHOUT_MOJIBAKE, str(src), "-o", str(out_old)
            ),
        },
        args.runs,
    )
    same = out_new.read_bytes() == out_old.read_bytes()
    print(f"corpus: {src} ({mb:.1f} MB), median of {args.runs} runs, commands in turn\n")
    print("| command | seconds | MB/s | against | seconds | ratio: wall (processor time) |")
    print("|---|---|---|---|---|---|")
    print(
        f"| `clean -p standard` (with mojibake) | {t['with']:.3f} | {mb / t['with']:.1f} "
        f"| `clean -s {STANDARD_WITHOUT_MOJIBAKE}` | {t['without']:.3f} "
        f"| {ratios(t, 'with', 'without')}, output {'identical' if same else 'DIFFERENT'} |"
    )

    t = side_by_side(
        {
            "auto": arabnorm("clean", "--encoding", "auto", str(src), "-o", str(out_new)),
            "utf8": arabnorm("clean", str(src), "-o", str(out_old)),
        },
        args.runs,
    )
    print(
        f"| `clean --encoding auto` (UTF-8 file) | {t['auto']:.3f} | {mb / t['auto']:.1f} "
        f"| `clean` (strict UTF-8) | {t['utf8']:.3f} | {ratios(t, 'auto', 'utf8')} |"
    )
    legacy_mb = legacy.stat().st_size / 1e6
    t = side_by_side(
        {
            "auto": arabnorm("clean", "--encoding", "auto", str(legacy), "-o", str(out_new)),
            "given": arabnorm("clean", "--encoding", "cp1256", str(legacy), "-o", str(out_old)),
        },
        args.runs,
    )
    same = out_new.read_bytes() == out_old.read_bytes()
    print(
        f"| `clean --encoding auto` (windows-1256 file, {legacy_mb:.1f} MB) | {t['auto']:.3f} "
        f"| {legacy_mb / t['auto']:.1f} | `clean --encoding cp1256` | {t['given']:.3f} "
        f"| {ratios(t, 'auto', 'given')}, output {'identical' if same else 'DIFFERENT'} |"
    )
    t = side_by_side(
        {
            "damaged": arabnorm("clean", "-p", "standard", str(damaged), "-o", str(out_new)),
            "clean": arabnorm("clean", "-p", "standard", str(src), "-o", str(out_old)),
        },
        args.runs,
    )
    print(
        f"| `clean -p standard`, 2% of lines damaged | {t['damaged']:.3f} "
        f"| {mb / t['damaged']:.1f} | the same on the undamaged corpus | {t['clean']:.3f} "
        f"| {ratios(t, 'damaged', 'clean')} |"
    )


if __name__ == "__main__":
    main()
