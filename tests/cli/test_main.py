"""The console-script entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import ROOT

# Runs the command as the console script does and reports, at exit, how many
# threads the process had (numpy is loaded by then: the input is large).
THREADS_AT_EXIT = """
import atexit, os, sys
atexit.register(lambda: print(len(os.listdir("/proc/self/task")), file=sys.stderr))
from arabnorm.cli import main
sys.argv[0] = "arabnorm"
main()
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="Linux /proc needed")
@pytest.mark.parametrize(("setting", "threads"), [(None, 1), ("2", 2)])
def test_no_linear_algebra_threads_unless_asked(
    tmp_path: Path, setting: str | None, threads: int
) -> None:
    if threads > (os.cpu_count() or 1):
        pytest.skip("OpenBLAS starts no more threads than there are cores")
    source = tmp_path / "in.txt"
    source.write_text("قَالَ الرَّئِيسُ «إِنَّ» ١٢٣\n" * 20_000, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if setting is not None:
        env["OPENBLAS_NUM_THREADS"] = setting
    result = subprocess.run(
        [sys.executable, "-c", THREADS_AT_EXIT, "clean", "-p", "search", "-j", "1", str(source)],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stderr.decode().split()[-1]) == threads
    assert result.stdout.count(b"\n") == 20_000
