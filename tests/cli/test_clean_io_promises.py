"""``arabnorm clean`` through real subprocesses: the I/O promises."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.helpers import SEEDS, run

TATWEEL_TEXT = "كتـــاب\r\nسطر ثانٍ\n\nبـلا نهاية"
TATWEEL_CLEAN = "كتاب\r\nسطر ثانٍ\n\nبلا نهاية"


def test_version_and_help() -> None:
    res = run("--version")
    assert res.returncode == 0
    assert res.stdout.decode().startswith("arabnorm, version ")
    assert b"clean" in run("--help").stdout


def test_stdin_to_stdout_keeps_lines_and_terminators() -> None:
    res = run("clean", "-s", "tatweel", stdin=TATWEEL_TEXT.encode())
    assert res.returncode == 0, res.stderr
    assert res.stdout == TATWEEL_CLEAN.encode()
    assert res.stderr == b""


def test_dash_means_stdin_and_files_concatenate(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("أـ\n".encode())
    res = run("clean", "-s", "tatweel", str(f), "-", stdin="بـ".encode())
    assert res.stdout == "أ\nب".encode()


def test_preset_none_changes_nothing_on_seeds() -> None:
    for seed in SEEDS:
        res = run("clean", "-p", "none", str(seed))
        assert res.returncode == 0
        assert res.stdout == seed.read_bytes()


def test_output_file_is_written(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(TATWEEL_TEXT.encode())
    out = tmp_path / "out.txt"
    res = run("clean", "-s", "tatweel", str(src), "-o", str(out))
    assert res.returncode == 0
    assert res.stdout == b""
    assert out.read_bytes() == TATWEEL_CLEAN.encode()


def test_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(b"abc\n")
    res = run("clean", str(src), "-o", str(src))
    assert res.returncode == 2
    assert b"also an input" in res.stderr
    assert src.read_bytes() == b"abc\n"


def test_in_place_rewrites_and_keeps_permissions(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(TATWEEL_TEXT.encode())
    src.chmod(0o604)
    res = run("clean", "-s", "tatweel", "-i", str(src))
    assert res.returncode == 0, res.stderr
    assert src.read_bytes() == TATWEEL_CLEAN.encode()
    assert stat.S_IMODE(src.stat().st_mode) == 0o604
    assert sorted(os.listdir(tmp_path)) == ["in.txt"]


def test_in_place_with_bad_bytes_leaves_original_untouched(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    original = "كتـاب\n".encode() * 1000 + b"bad \xfe byte\n"
    src.write_bytes(original)
    res = run("clean", "-s", "tatweel", "-i", str(src))
    assert res.returncode == 1
    assert src.read_bytes() == original
    assert os.listdir(tmp_path) == ["in.txt"]
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1
    assert f"{src}:1001: invalid UTF-8 byte 0xfe" in lines[0]
    assert "Traceback" not in res.stderr.decode()


def test_in_place_refuses_stdin() -> None:
    res = run("clean", "-i")
    assert res.returncode == 2


def test_invalid_utf8_policies() -> None:
    bad = "سلام\n".encode() + b"\xff\xfe x\n"
    strict = run("clean", "-s", "tatweel", stdin=bad)
    assert strict.returncode == 1
    assert strict.stderr.decode().count("\n") == 1
    assert "<stdin>:2: invalid UTF-8 byte 0xff at byte offset 9" in strict.stderr.decode()
    passed = run("clean", "-s", "tatweel", "--errors", "surrogateescape", stdin=bad)
    assert passed.returncode == 0
    assert passed.stdout == bad
    replaced = run("clean", "-s", "tatweel", "--errors", "replace", stdin=bad)
    assert replaced.stdout == "سلام\n\ufffd\ufffd x\n".encode()


def test_unknown_stage_and_parameter_exit_2_with_valid_names() -> None:
    res = run("clean", "-s", "tatweel,nosuch", stdin=b"x")
    assert res.returncode == 2
    err = res.stderr.decode()
    assert "nosuch" in err and "tatweel" in err and err.count("\n") == 1
    res = run("clean", "-s", "tatweel:zzz=1", stdin=b"x")
    assert res.returncode == 2
    assert "zzz" in res.stderr.decode()
    res = run("clean", "-p", "nosuchpreset", stdin=b"x")
    assert res.returncode == 2
    assert "standard" in res.stderr.decode()


def test_missing_and_unreadable_inputs(tmp_path: Path) -> None:
    res = run("clean", "-p", "none", str(tmp_path / "missing.txt"))
    assert res.returncode == 3
    assert "missing.txt: no such file or directory" in res.stderr.decode()
    res = run("clean", "-p", "none", str(tmp_path))
    assert res.returncode == 3
    assert "is a directory" in res.stderr.decode()
    if os.geteuid() != 0:
        locked = tmp_path / "locked.txt"
        locked.write_text("x")
        locked.chmod(0)
        assert run("clean", "-p", "none", str(locked)).returncode == 3


def test_output_into_missing_directory_fails_cleanly(tmp_path: Path) -> None:
    res = run("clean", "-p", "none", "-o", str(tmp_path / "no" / "out.txt"), stdin=b"x")
    assert res.returncode == 3
    assert "Traceback" not in res.stderr.decode()


def test_utf8_whatever_the_locale() -> None:
    text = "أهلًا وسهلـًا\n".encode()
    res = run(
        "clean",
        "-s",
        "tatweel",
        stdin=text,
        env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout == "أهلًا وسهلًا\n".encode()


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes("سطر طويل من النص العربي\n".encode() * 200_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "arabnorm", "clean", "-p", "none", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    code = proc.wait(timeout=60)
    assert first == "سطر طويل من النص العربي\n".encode()
    assert err == b""
    assert code == 0


def test_interrupt_leaves_no_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    proc = subprocess.Popen(
        [sys.executable, "-m", "arabnorm", "clean", "-s", "tatweel", "-o", str(out)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write("كتـاب\n".encode() * 1000)
    proc.stdin.flush()
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().strip() == "arabnorm: interrupted"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("command", ["clean", "stages"])
def test_subcommand_help(command: str) -> None:
    assert run(command, "--help").returncode == 0
