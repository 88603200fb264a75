"""Transliteration speed, whole process against whole process, side by side in one run.

    python benchmarks/bench_translit.py               # Buckwalter, 5 runs
    python benchmarks/bench_translit.py --all-schemes # also every other scheme, both ways

On a 20 MB ``make_corpus.py --profile noisy`` corpus, file to file, each
figure the median of ``--runs`` runs, the commands of one run one after the
other (MB = 10^6 bytes of input):

- ``arabnorm translit --to bw`` against a Python program that imports CAMeL
  Tools 1.6.0 and runs its ``Transliterator`` (``ar2bw``) line by line, as
  ``camel_transliterate`` does, and against one that maps the whole text at
  once with CAMeL Tools' ``CharMapper`` (the other common use); outputs
  compared byte for byte;
- the floor: a Python program that only reads, decodes, encodes and writes
  the same file, and ``arabnorm translit`` on an empty file (start-up);
- with ``--all-schemes``, every CAMeL scheme in both directions the same way
  (the way back reads arabnorm's own output of the way there), and
  ``iso233-2`` there and back (no reference; the round trip is checked).

Each command is timed by wall clock and by CPU time (user + system of the
process), medians of each. When other work shares the machine, wall times
are noisy and CPU times less so: compare the ratios of one run, not figures
from different runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DATA, compile_bytecode, corpus

PY = sys.executable

PLAIN_COPY = """
import sys
data = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(data.decode("utf-8").encode("utf-8"))
"""

# What camel_transliterate does, minus docopt: line by line, text mode.
CAMEL_LINES = """
import sys
from camel_tools.utils.charmap import CharMapper
from camel_tools.utils.transliterate import Transliterator
trans = Transliterator(CharMapper.builtin_mapper(sys.argv[3]))
with open(sys.argv[1], encoding="utf-8") as fin:
    with open(sys.argv[2], "w", encoding="utf-8") as fout:
        for line in fin:
            fout.write(trans.transliterate(line))
"""

CAMEL_WHOLE = """
import sys
from camel_tools.utils.charmap import CharMapper
mapper = CharMapper.builtin_mapper(sys.argv[3])
text = open(sys.argv[1], "rb").read().decode("utf-8")
open(sys.argv[2], "wb").write(mapper.map_string(text).encode("utf-8"))
"""


def arabnorm(*args: str) -> list[str]:
    return [PY, "-m", "arabnorm", *args]


Timing = tuple[float, float]
"""Median wall-clock seconds and median CPU seconds (user + system) of one command."""


def side_by_side(commands: dict[str, list[str]], runs: int) -> dict[str, Timing]:
    """Each command's medians; every run runs each command once, in turn.

    CPU time counts only what the process itself used, so it moves less than
    wall time when other work shares the machine.
    """
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            cpu[name].append(used)
    return {n: (statistics.median(wall[n]), statistics.median(cpu[n])) for n in commands}


def same(a: Path, b: Path) -> str:
    return "identical" if a.read_bytes() == b.read_bytes() else "DIFFERENT"


def report(
    src: Path,
    runs: int,
    t: dict[str, Timing],
    ours: str,
    out: Path,
    references: list[tuple[str, str, Path]],
) -> None:
    """The table of one side-by-side run: arabnorm (``t["ours"]``), each reference (its
    output compared with ``out``), the floor (``t["copy"]``) and start-up (``t["start"]``)."""
    mb = src.stat().st_size / 1e6
    print(f"corpus: {src.name}, {mb:.1f} MB, median of {runs} runs, {os.cpu_count()} cores")
    print("(wall: elapsed seconds; cpu: user + system seconds of the process)")
    print()
    print("| command | wall s | cpu s | MB/s (wall) | arabnorm, wall / cpu | output |")
    print("|---|---|---|---|---|---|")
    ours_w, ours_c = t["ours"]
    print(f"| {ours} | {ours_w:.2f} | {ours_c:.2f} | {mb / ours_w:.1f} | | |")
    rows = [
        (
            key,
            label,
            f"{t[key][0] / ours_w:.2f}x / {t[key][1] / ours_c:.2f}x as fast",
            same(out, ref_out),
        )
        for key, label, ref_out in references
    ]
    w, c = t["copy"]
    rows.append(
        (
            "copy",
            "plain Python read, decode, encode, write (the floor)",
            f"{w / ours_w:.2f} / {c / ours_c:.2f} of its speed",
            "",
        )
    )
    rows.append(("start", f"{ours} on an empty file (start-up)", "", ""))
    for key, label, ratio, check in rows:
        w, c = t[key]
        print(f"| {label} | {w:.2f} | {c:.2f} | {mb / w:.1f} | {ratio} | {check} |")


def round_trip(original: Path, back: Path) -> str:
    """How many lines without a letter of the scheme came back (all should)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from arabnorm.translit import translation

    alphabet = set("".join(translation("iso233-2", back=True)))
    pairs = zip(
        original.read_text(encoding="utf-8").split("\n"),
        back.read_text(encoding="utf-8").split("\n"),
        strict=True,
    )
    clean = [(a, b) for a, b in pairs if not alphabet & set(a)]
    same_lines = sum(a == b for a, b in clean)
    return f"{same_lines} of {len(clean)} lines without its letters come back"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--all-schemes", action="store_true")
    args = parser.parse_args()
    compile_bytecode()
    src = corpus(args.mb)
    empty = DATA / "empty.txt"
    empty.write_bytes(b"")
    out, lines_out, whole_out, copy_out = (
        DATA / f"tl_{n}.txt" for n in "ours lines whole copy".split()
    )

    t = side_by_side(
        {
            "ours": arabnorm("translit", "--to", "bw", str(src), "-o", str(out)),
            "lines": [PY, "-c", CAMEL_LINES, str(src), str(lines_out), "ar2bw"],
            "whole": [PY, "-c", CAMEL_WHOLE, str(src), str(whole_out), "ar2bw"],
            "copy": [PY, "-c", PLAIN_COPY, str(src), str(copy_out)],
            "start": arabnorm("translit", "--to", "bw", str(empty), "-o", str(DATA / "tl_e.txt")),
        },
        args.runs,
    )
    references = [
        ("lines", "CAMeL Tools `Transliterator` (ar2bw), line by line, import included", lines_out),
        ("whole", "CAMeL Tools `CharMapper` (ar2bw), whole text, import included", whole_out),
    ]
    report(src, args.runs, t, "`arabnorm translit --to bw`", out, references)

    if not args.all_schemes:
        return
    print()
    print("| direction | arabnorm, wall / cpu s | CAMeL Tools, wall / cpu s | ratio | output |")
    print("|---|---|---|---|---|")
    for scheme in ("bw", "safebw", "xmlbw", "hsb"):
        written = DATA / f"tl_{scheme}.txt"
        subprocess.run(
            arabnorm("translit", "--to", scheme, str(src), "-o", str(written)), check=True
        )
        for flag, name, source in (
            ("--to", f"ar2{scheme}", src),
            ("--from", f"{scheme}2ar", written),
        ):
            t = side_by_side(
                {
                    "ours": arabnorm("translit", flag, scheme, str(source), "-o", str(out)),
                    "lines": [PY, "-c", CAMEL_LINES, str(source), str(lines_out), name],
                },
                args.runs,
            )
            (ow, oc), (cw, cc) = t["ours"], t["lines"]
            print(
                f"| {flag} {scheme} | {ow:.2f} / {oc:.2f} | {cw:.2f} / {cc:.2f} | "
                f"{cw / ow:.2f} / {cc / oc:.2f} | {same(out, lines_out)} |"
            )
        written.unlink()
    iso = DATA / "tl_iso.txt"
    t = side_by_side(
        {
            "to": arabnorm("translit", "--to", "iso233-2", str(src), "-o", str(iso)),
            "from": arabnorm("translit", "--from", "iso233-2", str(iso), "-o", str(out)),
        },
        args.runs,
    )
    print(f"| --to iso233-2 | {t['to'][0]:.2f} / {t['to'][1]:.2f} | | | |")
    back = round_trip(src, out)
    print(f"| --from iso233-2 | {t['from'][0]:.2f} / {t['from'][1]:.2f} | | | {back} |")
    for path in (out, lines_out, whole_out, copy_out, iso):
        path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
