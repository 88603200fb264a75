"""The console-script entry point: exit statuses, exit handlers and output at the end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import ROOT, run

# Runs the command as ``main`` does, after wrapping the command group so that
# an exit handler is registered while the command runs (as a plugin or a
# library it imports would): the handler must still run.
WITH_HANDLER = """
import atexit, sys
import arabnorm.cli as cli_module

inner = cli_module.cli
marker = sys.argv.pop(1)

def wrapped(*args, **kwargs):
    atexit.register(lambda: open(marker, "w").write("ran"))
    return inner(*args, **kwargs)

cli_module.cli = wrapped
sys.argv[0] = "arabnorm"
cli_module.main()
"""


@pytest.mark.parametrize(
    ("args", "stdin", "status"),
    [
        (["clean", "-p", "search"], "أَحمد\n".encode(), 0),
        (["clean", "--errors", "strict"], b"\xff\n", 1),
        (["clean", "-p", "nope"], b"", 2),
        (["clean", "missing-file.txt"], b"", 3),
    ],
)
def test_exit_status_is_the_commands(args: list[str], stdin: bytes, status: int) -> None:
    result = run(*args, stdin=stdin)
    assert result.returncode == status, result.stderr
    if status:
        assert len(result.stderr.decode().strip().splitlines()) == 1
        assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("status_args", [["-p", "search"], ["-p", "nope"]])
def test_exit_handlers_registered_during_the_run_still_run(
    tmp_path: Path, status_args: list[str]
) -> None:
    marker = tmp_path / "handler-ran"
    result = subprocess.run(
        [sys.executable, "-c", WITH_HANDLER, str(marker), "clean", *status_args],
        input="أَحمد\n".encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == (0 if status_args[1] == "search" else 2), result.stderr
    assert marker.read_text() == "ran"


def test_large_output_to_a_pipe_arrives_whole(tmp_path: Path) -> None:
    line = "قَالَ الرَّئِيسُ «إِنَّ» ١٢٣ https://example.com/a?b=c\r\n"
    source = tmp_path / "in.txt"
    source.write_text(line * 40_000, encoding="utf-8", newline="")
    to_file = tmp_path / "out.txt"
    assert run("clean", "-p", "search", "-j", "1", str(source), "-o", str(to_file)).returncode == 0
    piped = run("clean", "-p", "search", "-j", "1", str(source))
    assert piped.returncode == 0, piped.stderr
    assert len(piped.stdout) > 1 << 20
    assert piped.stdout == to_file.read_bytes()
    assert piped.stdout.count(b"\r\n") == 40_000
