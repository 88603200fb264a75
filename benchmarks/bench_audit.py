"""What seeing the changes costs: audit, diff and --explain next to clean, in one run.

    python benchmarks/bench_audit.py                 # 10 MB noisy corpus, 3 runs
    python benchmarks/bench_audit.py --mb 50 --runs 5 --preset search

On a ``make_corpus.py --profile noisy`` corpus (cached in ``bench-data/``)
and on the same corpus once cleaned, prints for each command the median wall
time of ``--runs`` runs, its speed in MB/s (10^6 bytes of input) and its
time relative to ``clean`` on the same input:

- ``clean -p P`` (the reference), ``clean -p P --explain``;
- ``diff -q -p P``: on the noisy corpus (every changed line is traced) and on
  the cleaned one (the CI check: nothing changes);
- ``audit --json -p P``: counts, every stage alone, and the pipeline.

With ``--long-line MB``, also ``audit --json`` and ``diff -C 20`` on one line
of that many MB (the corpus with its line breaks made spaces): peak RSS of
each, and whether the result equals that of the same line processed whole
(read with the long-line threshold raised past its size, in this process).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from shared import DATA, corpus  # benchmarks/ is on sys.path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def timed(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        res = subprocess.run([PY, "-m", "arabnorm", *args], capture_output=True)
        times.append(time.perf_counter() - start)
        if res.returncode not in (0, 1):
            sys.exit(f"arabnorm {' '.join(args)} failed: {res.stderr.decode()}")
    return statistics.median(times)


def peak_rss_mb(args: list[str], out: Path) -> float:
    """Peak RSS of ``arabnorm ARGS`` (stdout to ``out``), in MB."""
    code = (
        "import resource, subprocess, sys\n"
        "with open(sys.argv[1], 'wb') as f:\n"
        "    subprocess.run(sys.argv[2:], stdout=f)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    res = subprocess.run(
        [PY, "-c", code, str(out), PY, "-m", "arabnorm", *args],
        capture_output=True,
        check=True,
    )
    return int(res.stdout) / 1024


def long_line(mb: int, source: Path) -> Path:
    path = DATA / f"line-{mb}mb.txt"
    if not path.exists():
        text = source.read_text(encoding="utf-8").replace("\n", " ")
        while len(text.encode()) < mb * 10**6:
            text += " " + text
        data = text.encode()[: mb * 10**6].decode("utf-8", "ignore")
        path.write_text(data + "\n", encoding="utf-8")
    return path


def whole_line_results(path: Path, preset: str) -> tuple[bytes, bytes]:
    """audit --json and diff -C 20 of ``path`` with the line read whole, in this process."""
    from click.testing import CliRunner

    from arabnorm.cli import cli
    from arabnorm.io import runner

    runner.LONG_LINE = 1 << 40
    audit = CliRunner().invoke(cli, ["audit", "--json", "-p", preset, str(path)])
    diff = CliRunner().invoke(
        cli, ["diff", "-C", "20", "--color", "never", "-p", preset, str(path)]
    )
    return audit.stdout_bytes, diff.stdout_bytes


def long_line_report(mb: int, preset: str, source: Path, check_mb: int = 8) -> None:
    """Peak RSS on one ``mb`` MB line; equality with the whole line on a ``check_mb`` MB one."""
    print(f"\none line, -p {preset}")
    print(f"{'command':<16} {'MB':>4} {'peak RSS MB':>12} {'same as whole':>14}", flush=True)
    commands = {
        "audit --json": ["audit", "--json", "-p", preset],
        "diff -C 20": ["diff", "-C", "20", "--color", "never", "-p", preset],
    }
    small = long_line(check_mb, source)
    whole = whole_line_results(small, preset)
    for (name, args), expected in zip(commands.items(), whole, strict=True):
        out = DATA / f"long-{name.split()[0]}.out"
        rss = peak_rss_mb([*args, str(small)], out)
        same = out.read_bytes() == expected
        print(f"{name:<16} {check_mb:>4} {rss:>12.0f} {same!s:>14}", flush=True)
        rss = peak_rss_mb([*args, str(long_line(mb, source))], out)
        print(f"{name:<16} {mb:>4} {rss:>12.0f} {'':>14}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--preset", default="standard")
    parser.add_argument("--long-line", type=int, default=0, metavar="MB")
    parser.add_argument("--long-line-only", action="store_true")
    opts = parser.parse_args()
    if opts.long_line_only:
        long_line_report(opts.long_line or 60, opts.preset, corpus(opts.mb))
        return
    noisy = corpus(opts.mb)
    cleaned = DATA / f"noisy-{opts.mb}mb.{opts.preset}.txt"
    subprocess.run(
        [PY, "-m", "arabnorm", "clean", "-p", opts.preset, noisy, "-o", cleaned], check=True
    )
    p = ["-p", opts.preset]
    rows: list[tuple[str, str, float, float]] = []
    for label, path in (("noisy", noisy), ("cleaned", cleaned)):
        base = timed(["clean", *p, str(path), "-o", str(DATA / "out.txt")], opts.runs)
        cases = [
            (f"clean -p {opts.preset}", base),
            (
                f"clean -p {opts.preset} --explain",
                timed(
                    ["clean", *p, "--explain", str(path), "-o", str(DATA / "out.txt")], opts.runs
                ),
            ),
            (f"diff -q -p {opts.preset}", timed(["diff", "-q", *p, str(path)], opts.runs)),
            (
                f"audit --json -p {opts.preset}",
                timed(["audit", "--json", *p, str(path)], opts.runs),
            ),
        ]
        mb = path.stat().st_size / 1e6
        rows.extend((label, name, mb / t, t / base) for name, t in cases)
    print(f"{'input':<8} {'command':<34} {'MB/s':>7} {'x clean':>8}")
    for label, name, speed, ratio in rows:
        print(f"{label:<8} {name:<34} {speed:>7.2f} {ratio:>8.2f}")
    if opts.long_line:
        long_line_report(opts.long_line, opts.preset, noisy)


if __name__ == "__main__":
    main()
