"""Whole-corpus speed and memory, side by side with the reference tools, in one run.

    python benchmarks/bench_corpus.py            # everything (a few minutes)
    python benchmarks/bench_corpus.py --quick    # speed only, no 300 MB memory runs

On a 20 MB ``make_corpus.py --profile noisy`` corpus, file to file unless
said otherwise, each figure the median of ``--runs`` runs (MB = 10^6 bytes of
input):

- ``clean -p search`` against a plain Python program that only reads,
  decodes, encodes and writes the same file (the floor);
- ``clean -p camel`` against CAMeL Tools' own chain (``arclean`` CharMapper,
  ``dediac_ar``, ``normalize_alef_ar``, ``normalize_alef_maksura_ar``,
  ``normalize_teh_marbuta_ar``) on the whole text, outputs compared byte for byte;
- in process, ``Pipeline.from_spec("diacritics,tatweel,alef,yaa").apply`` on
  the whole text against the Rust library ``arabic-norm``'s ``normalize``;
- ``clean -p search -j 2`` against ``-j 1``;
- peak RSS of ``clean -p search`` on a 300 MB file (``-j 1``, and the largest
  process of ``-j 2``) and on a 60 MB single line.

Then the same corpus five times over (100 MB), where start-up is amortized:
``clean -p search`` against the floor, ``clean -p camel`` against CAMeL's
chain (each as the command runs by default, on every core for an input this
large, and with ``-j 1``), ``-j 2`` and ``-j 0`` against ``-j 1``, the commands of each row run
in turn, each run timed for wall and CPU (user + system, workers included)
and writing a new output file (the last run's is removed, untimed);
the start-up of each command on empty input is reported on its own, and
the rate once started is the input over (wall - start-up). Last, what the
machine itself allowed: the share of processor time the hypervisor gave to
other machines during the timed runs (steal), and the speed-up two busy
processes got against one; on a shared virtual machine these bound what
``-j`` can show.

Corpora are cached in ``bench-data/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from shared import DATA, compile_bytecode, corpus  # noqa: E402 - benchmarks/ is on sys.path

PY = sys.executable

PLAIN_COPY = """
import sys
data = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(data.decode("utf-8").encode("utf-8"))
"""

CAMEL_CHAIN = """
import sys
from camel_tools.utils.charmap import CharMapper
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar,
)
arclean = CharMapper.builtin_mapper("arclean")
text = open(sys.argv[1], "rb").read().decode("utf-8")
text = arclean.map_string(text)
text = dediac_ar(text)
text = normalize_alef_ar(text)
text = normalize_alef_maksura_ar(text)
text = normalize_teh_marbuta_ar(text)
open(sys.argv[2], "wb").write(text.encode("utf-8"))
"""

BUSY = """
import multiprocessing, sys, time
def spin(n):
    s = 0
    for i in range(n):
        s += i
    return s
if __name__ == "__main__":
    n = 5_000_000
    t = time.perf_counter(); spin(n); spin(n); one = time.perf_counter() - t
    with multiprocessing.Pool(2) as pool:
        t = time.perf_counter(); pool.map(spin, [n, n]); two = time.perf_counter() - t
    print(one / two)
"""

PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def big_file(base: Path, mb: int) -> Path:
    """``base`` repeated to about ``mb`` MB."""
    path = DATA / f"big{mb}.txt"
    if not path.exists():
        chunk = base.read_bytes()
        with open(path, "wb") as out:
            written = 0
            while written < mb * 1_000_000:
                out.write(chunk)
                written += len(chunk)
    return path


def one_line(base: Path, mb: int) -> Path:
    """A file of a single line of about ``mb`` MB (line breaks turned into spaces)."""
    path = DATA / f"oneline{mb}.txt"
    if not path.exists():
        chunk = base.read_bytes().replace(b"\r", b" ").replace(b"\n", b" ")
        with open(path, "wb") as out:
            written = 0
            while written < mb * 1_000_000:
                out.write(chunk)
                written += len(chunk)
            out.write(b"\n")
    return path


def timed(cmd: list[str], runs: int) -> float:
    """Median wall time of a command."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


IDLE_WAIT = 0.0
"""Seconds to wait, before each timed run, for the machine to be idle (``--idle-wait``)."""
IDLE_SEEN: list[bool] = []


def idle_fraction(seconds: float) -> float:
    """The share of processor time nobody used over ``seconds`` (Linux ``/proc/stat``)."""

    def snap() -> tuple[int, int]:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return v[3] + v[4], sum(v)

    i0, t0 = snap()
    time.sleep(seconds)
    i1, t1 = snap()
    return (i1 - i0) / max(1, t1 - t0)


STOLEN: list[tuple[int, int]] = []
"""(ticks the hypervisor ran others on our cores, all ticks) over each timed run."""


def cpu_ticks() -> tuple[int, int]:
    """(steal, total) processor ticks since boot (Linux ``/proc/stat``), zeros elsewhere."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return 0, 0
    return (v[7] if len(v) > 7 else 0), sum(v)


def wait_idle() -> None:
    """Wait up to ``IDLE_WAIT`` seconds for a second in which the cores were >= 90% idle.

    On a shared machine the kernel gives each session (autogroup) an equal
    share of the processors: while other sessions are busy, a run with two
    workers gets no more processor time than a run with one, so a parallel
    speed-up can only be seen on an idle machine.
    """
    if IDLE_WAIT <= 0 or not os.path.exists("/proc/stat"):
        return
    deadline = time.monotonic() + IDLE_WAIT
    while time.monotonic() < deadline:
        if idle_fraction(1.0) >= 0.9:
            IDLE_SEEN.append(True)
            return
    IDLE_SEEN.append(False)


def timed_cpu(
    cmds: list[list[str]], runs: int, fresh: tuple[Path, ...] = ()
) -> list[tuple[float, float]]:
    """Median (wall, CPU) seconds of each command, the commands run in turn each round.

    CPU is user + system time of the command and every process it waited
    for (its workers). A file of ``fresh`` (the outputs) that a command
    names is removed before each of its runs, untimed: replacing the
    previous run's 100 MB output would add the kernel's freeing of it
    (about 0.07 s here) to the command's time.
    """
    import resource

    walls: list[list[float]] = [[] for _ in cmds]
    cpus: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            for path in fresh:
                if str(path) in cmd:
                    path.unlink(missing_ok=True)
            wait_idle()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            ticks = cpu_ticks()
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            walls[i].append(time.perf_counter() - start)
            ticks_after = cpu_ticks()
            STOLEN.append((ticks_after[0] - ticks[0], ticks_after[1] - ticks[1]))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def timed_call(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(cmd: list[str]) -> float:
    out = subprocess.run([PY, "-c", PEAK_RSS, *cmd], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def arabnorm(*args: str) -> list[str]:
    return [PY, "-m", "arabnorm", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="skip the memory runs")
    parser.add_argument(
        "--steady-only", action="store_true", help="only the 100 MB (five times) runs"
    )
    parser.add_argument(
        "--idle-wait",
        type=float,
        default=0.0,
        metavar="S",
        help="in the 100 MB runs, wait up to S seconds before each run for an idle machine",
    )
    args = parser.parse_args()
    global IDLE_WAIT
    IDLE_WAIT = args.idle_wait
    compile_bytecode()
    src = corpus(args.mb)
    mb = src.stat().st_size / 1e6
    out = DATA / "out.txt"
    ref_out = DATA / "ref.txt"
    (DATA / "empty.txt").write_bytes(b"")
    rows: list[tuple[str, str, float, str, float, str]] = []
    if args.steady_only:
        steady_state(src, args.runs)
        return

    def mbs(seconds: float) -> float:
        return mb / seconds

    # 1. clean -p search vs a plain read/decode/encode/write program
    plain = timed([PY, "-c", PLAIN_COPY, str(src), str(ref_out)], args.runs)
    search = timed(arabnorm("clean", "-p", "search", str(src), "-o", str(out)), args.runs)
    rows.append(("clean -p search", "plain Python copy", mbs(search), "", mbs(plain), ">= 0.45"))

    # 2. clean -p camel vs CAMeL Tools' chain, identical output
    camel_ref = timed([PY, "-c", CAMEL_CHAIN, str(src), str(ref_out)], args.runs)
    camel = timed(arabnorm("clean", "-p", "camel", str(src), "-o", str(out)), args.runs)
    same = out.read_bytes() == ref_out.read_bytes()
    rows.append(
        (
            "clean -p camel",
            "CAMeL Tools chain",
            mbs(camel),
            "identical" if same else "DIFFERENT",
            mbs(camel_ref),
            ">= 10",
        )
    )

    # 3. in process, four stages vs arabic-norm
    sys.path.insert(0, str(ROOT))
    from arabnorm.pipeline import Pipeline

    text = src.read_bytes().decode("utf-8")
    pipeline = Pipeline.from_spec("diacritics,tatweel,alef,yaa")
    ours = timed_call(lambda: pipeline.apply(text), args.runs)
    try:
        import arabic_norm

        theirs: float | None = timed_call(lambda: arabic_norm.normalize(text), args.runs)
    except ImportError:
        theirs = None
    rows.append(
        (
            "Pipeline(diacritics,tatweel,alef,yaa)",
            "arabic-norm normalize" if theirs else "arabic-norm (not installed)",
            mbs(ours),
            "in process",
            mbs(theirs) if theirs else float("nan"),
            ">= 0.5",
        )
    )

    # 4. -j 2 vs -j 1
    j2 = timed(arabnorm("clean", "-p", "search", "-j", "2", str(src), "-o", str(out)), args.runs)
    rows.append(
        ("clean -p search -j 2", "clean -p search -j 1", mbs(j2), "", mbs(search), ">= 1.6")
    )
    # What the machine offers right now: two busy processes against one doing both.
    spare = float(subprocess.run([PY, "-c", BUSY], capture_output=True, text=True).stdout)
    # Fixed cost of a run: start-up and pipeline building, on empty input.
    startup = {
        p: timed(arabnorm("clean", "-p", p, str(DATA / "empty.txt")), args.runs)
        for p in ("search", "camel")
    }

    print(f"corpus: {src.name}, {mb:.1f} MB, median of {args.runs} runs, {os.cpu_count()} cores")
    print()
    print(f"| {'arabnorm':40} | {'MB/s':>7} | {'reference':28} | {'MB/s':>7} | ratio | goal    |")
    print(f"|{'-' * 42}|{'-' * 9}|{'-' * 30}|{'-' * 9}|-------|---------|")
    for name, ref, ours_rate, note, ref_rate, goal in rows:
        label = f"{name} ({note})" if note else name
        print(
            f"| {label:40} | {ours_rate:7.1f} | {ref:28} | {ref_rate:7.1f} | "
            f"{ours_rate / ref_rate:5.2f} | {goal:7} |"
        )

    print()
    print(f"parallel speed-up of two busy processes on this machine now: {spare:.2f}x")
    for p, t in startup.items():
        steady = mb / ((search if p == "search" else camel) - t)
        print(f"clean -p {p}: start-up {t:.2f} s on empty input; {steady:.1f} MB/s once started")

    if not args.quick:
        print()
        print("| peak RSS, clean -p search        | MB    | goal     |")
        print("|----------------------------------|-------|----------|")
        for label, path, jobs in (
            ("300 MB file", big_file(src, 300), "1"),
            ("300 MB file, -j 2 (largest process)", big_file(src, 300), "2"),
            ("60 MB single line", one_line(src, 60), "1"),
        ):
            cmd = arabnorm("clean", "-p", "search", "-j", jobs, str(path), "-o", str(out))
            rss = peak_rss_mb(cmd)
            print(f"| {label:32} | {rss:5.0f} | <= 150   |")
    out.unlink(missing_ok=True)
    ref_out.unlink(missing_ok=True)
    print()
    steady_state(src, args.runs)


def steady_state(src: Path, runs: int) -> None:
    """The 100 MB runs: the corpus five times, start-up reported on its own."""
    big = DATA / "five.txt"
    if not big.exists() or big.stat().st_size != 5 * src.stat().st_size:
        big.write_bytes(src.read_bytes() * 5)
    mb = big.stat().st_size / 1e6
    out, ref_out, empty = DATA / "out5.txt", DATA / "ref5.txt", DATA / "empty.txt"
    empty.write_bytes(b"")
    fresh = (out, ref_out)

    def clean(preset: str, *extra: str, path: Path = big) -> list[str]:
        return arabnorm("clean", "-p", preset, *extra, str(path), "-o", str(out))

    # On empty input no worker is started, so one start-up serves every -j.
    start = {
        name: timed_cpu([cmd], runs, fresh)[0][0]
        for name, cmd in (
            ("search", clean("search", path=empty)),
            ("camel", clean("camel", path=empty)),
            ("floor", [PY, "-c", PLAIN_COPY, str(empty), str(ref_out)]),
            ("camel chain", [PY, "-c", CAMEL_CHAIN, str(empty), str(ref_out)]),
        )
    }

    def beside(script: str, preset: str) -> list[tuple[float, float]]:
        """A reference script, then the preset as the command runs by default
        (every core for an input this large) and with ``-j 1``, in turn."""
        default = ["env", "-u", "ARABNORM_JOBS"]
        cmds = [[PY, "-c", script, str(big), str(ref_out)], [*default, *clean(preset)]]
        return timed_cpu([*cmds, clean(preset, "-j", "1")], runs, fresh)

    floor, search, search1 = beside(PLAIN_COPY, "search")
    camel_ref, camel, camel1 = beside(CAMEL_CHAIN, "camel")
    same = out.read_bytes() == ref_out.read_bytes()
    j1, j2, j0 = timed_cpu(
        [clean("search", "-j", "1"), clean("search", "-j", "2"), clean("search", "-j", "0")],
        runs,
        fresh,
    )
    one = out.read_bytes()
    subprocess.run(clean("search", "-j", "2"), check=True)
    same_j = out.read_bytes() == one
    # What the machine offers right now: two busy processes against one doing both.
    spare = float(subprocess.run([PY, "-c", BUSY], capture_output=True, text=True).stdout)
    stolen = sum(t for t, _ in STOLEN) / max(1, sum(n for _, n in STOLEN))

    print(
        f"{big.name}: {mb:.1f} MB ({src.name} five times), median of {runs} runs, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end"
    )
    if IDLE_SEEN:
        print(
            f"{sum(IDLE_SEEN)} of {len(IDLE_SEEN)} runs started on an idle machine "
            f"(waited up to {IDLE_WAIT:.0f} s for one)"
        )
    print()
    print(
        "| 100 MB, whole process                | wall s | CPU s | MB/s  | start-up s "
        "| MB/s once started |"
    )
    print(
        "|--------------------------------------|--------|-------|-------|------------|-------------------|"
    )
    table = (
        ("Python read/decode/encode/write floor", floor, start["floor"]),
        ("clean -p search (default -j)", search, start["search"]),
        ("clean -p search -j 1 (same round)", search1, start["search"]),
        ("CAMeL Tools chain (import included)", camel_ref, start["camel chain"]),
        ("clean -p camel" + (" (identical)" if same else " (DIFFERENT)"), camel, start["camel"]),
        ("clean -p camel -j 1", camel1, start["camel"]),
        ("clean -p search -j 1", j1, start["search"]),
        ("clean -p search -j 2" + ("" if same_j else " (DIFFERENT)"), j2, start["search"]),
        ("clean -p search -j 0", j0, start["search"]),
    )
    for label, (wall, cpu), st in table:
        print(
            f"| {label:36} | {wall:6.2f} | {cpu:5.2f} | {mb / wall:5.1f} | {st:10.2f} | "
            f"{mb / max(wall - st, 1e-9):17.1f} |"
        )
    print()

    def ratio(
        ref: tuple[float, float], ours: tuple[float, float], s_ref: float, s_ours: float
    ) -> str:
        return (
            f"{ref[0] / ours[0]:.2f}x wall, {(ref[0] - s_ref) / (ours[0] - s_ours):.2f}x once "
            f"started, {ref[1] / ours[1]:.2f}x CPU"
        )

    for label, ours in (("", search), (" -j 1", search1)):
        print(
            f"clean -p search{label} / floor: {floor[0] / ours[0]:.2f}x wall "
            f"(goal >= 0.6), "
            f"{(floor[0] - start['floor']) / (ours[0] - start['search']):.2f}x once started"
        )
    for label, ours in (("", camel), (" -j 1", camel1)):
        print(
            f"clean -p camel{label} / CAMeL chain: {camel_ref[0] / ours[0]:.2f}x wall, "
            f"{camel_ref[1] / ours[1]:.2f}x CPU (goal >= 10)"
        )
    print(
        f"-j 2 / -j 1: {ratio(j1, j2, start['search'], start['search'])} "
        "(goal >= 1.7; CPU below 1 is the cost of the workers' hand-over)"
    )
    print(
        f"-j 0 / -j 1: {j1[0] / j0[0]:.2f}x wall on {os.cpu_count()} cores (goal >= 0.85 per core)"
    )
    print(
        f"two busy processes against one doing both, at the end: {spare:.2f}x; "
        f"the hypervisor gave {stolen:.1%} of this machine's processor time to others "
        "during the timed runs"
    )
    for p in (out, ref_out):
        p.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
