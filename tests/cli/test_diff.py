"""``arabnorm diff``: only the changed lines, markers, exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from arabnorm.cli import diff as diff_cli
from tests.cli.helpers import run

DIRTY = "ok\nكتـــاب\r\nclean line\nبـلا\n"


def test_clean_input_exits_0_and_prints_nothing(tmp_path: Path) -> None:
    f = tmp_path / "clean.txt"
    f.write_text("كتاب\nok\n", encoding="utf-8")
    res = run("diff", "-s", "tatweel", str(f))
    assert (res.returncode, res.stdout, res.stderr) == (0, b"", b"")


def test_changed_lines_with_numbers_old_new_and_markers(tmp_path: Path) -> None:
    f = tmp_path / "dirty.txt"
    f.write_bytes(DIRTY.encode())
    res = run("diff", "-s", "tatweel", str(f))
    assert res.returncode == 1
    assert res.stdout.decode().splitlines() == [
        f"{f}:2",
        "- كت[-ـــ-]اب",
        "+ كتاب",
        f"{f}:4",
        "- ب[-ـ-]لا",
        "+ بلا",
    ]
    assert res.stderr.decode() == "arabnorm: 2 lines would change\n"


def test_stdin_quiet_and_summary_over_files(tmp_path: Path) -> None:
    res = run("diff", "-s", "tatweel", "-q", stdin=DIRTY.encode())
    assert (res.returncode, res.stdout, res.stderr) == (1, b"", b"")
    clean = tmp_path / "c.txt"
    clean.write_text("x\n")
    res = run("diff", "-s", "tatweel", str(clean), "-", stdin="بـ".encode())
    assert res.stdout.decode().splitlines()[0] == "<stdin>:1"
    assert res.stderr.decode() == "arabnorm: 1 line would change in 1 of 2 files\n"


def test_no_color_and_color(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_text("بـ\n", encoding="utf-8")
    plain = run("diff", "-s", "tatweel", "--color", "auto", str(f), env={"NO_COLOR": "1"})
    assert b"\x1b[" not in plain.stdout and b"[-" in plain.stdout
    colored = run("diff", "-s", "tatweel", "--color", "always", str(f))
    assert b"\x1b[" in colored.stdout and b"[-" not in colored.stdout


def test_use_color_auto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert diff_cli._use_color("auto")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not diff_cli._use_color("auto")
    assert diff_cli._use_color("always")
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    monkeypatch.delenv("NO_COLOR")
    assert not diff_cli._use_color("auto")


def test_render_makes_lone_marks_and_invisibles_visible() -> None:
    marks = diff_cli.PLAIN[0]
    assert diff_cli.render("بَ", [(1, 2)], marks) == "ب[-\u25cc\u064e-]"
    assert diff_cli.render("a\u200fb", [(1, 2)], marks) == "a[-<U+200F>-]b"
    assert diff_cli.render("a\tb", [], marks) == "a\tb"


def test_bad_bytes_strict_and_surrogateescape(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(b"\xff \xd9\x80\n")
    strict = run("diff", "-s", "tatweel", str(f))
    assert strict.returncode == 1 and b"invalid UTF-8" in strict.stderr
    kept = run("diff", "-s", "tatweel", "--errors", "surrogateescape", str(f))
    assert kept.returncode == 1
    assert kept.stdout.decode().splitlines()[1:] == ["- <U+DCFF> [-ـ-]", "+ <U+DCFF> "]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("diff", "-s", "nostage", str(tmp_path)).returncode == 2
    assert run("diff", "--color", "sometimes").returncode == 2


def test_missing_file_exits_3(tmp_path: Path) -> None:
    res = run("diff", "-s", "tatweel", str(tmp_path / "missing.txt"))
    assert res.returncode == 3


def test_context_crops_long_lines(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    f.write_text("a" * 30 + "بـ" + "b" * 30 + "جـ" + "c" * 30 + "\n", encoding="utf-8")
    res = run("diff", "-s", "tatweel", "-C", "3", str(f))
    assert res.stdout.decode().splitlines()[1:] == [
        "- …aaب[-ـ-]bbb…bbج[-ـ-]ccc…",
        "+ …aaبbbb…bbجccc…",
    ]
    res = run("diff", "-s", "tatweel", "-C", "40", str(f))
    assert "…" not in res.stdout.decode()


def _strip_markers(text: str) -> str:
    for marker in ("[-", "-]", "{+", "+}", "\u25cc"):
        text = text.replace(marker, "")
    return text


def test_seeds_diff_shows_exactly_what_clean_changes(tmp_path: Path) -> None:
    from tests.cli.helpers import SEEDS

    for seed in SEEDS:
        res = run("diff", "-p", "standard", str(seed))
        assert res.returncode == 1
        old_lines = seed.read_text(encoding="utf-8").splitlines()
        new_lines = run("clean", "-p", "standard", str(seed)).stdout.decode().splitlines()
        out = res.stdout.decode().splitlines()
        assert len(out) % 3 == 0 and out
        shown = set()
        for place, old, new in zip(out[0::3], out[1::3], out[2::3], strict=True):
            n = int(place.rsplit(":", 1)[1])
            shown.add(n)
            assert _strip_markers(old[2:]) == old_lines[n - 1]
            assert _strip_markers(new[2:]) == new_lines[n - 1]
        changed = {
            i + 1 for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b
        }
        assert shown == changed
        cleaned = tmp_path / seed.name
        cleaned.write_text("\n".join(new_lines) + "\n", encoding="utf-8")
        assert run("diff", "-p", "standard", str(cleaned)).returncode == 0


def test_compressed_input_and_directories(tmp_path: Path) -> None:
    import bz2

    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt.bz2").write_bytes(bz2.compress("ok\nبـ\n".encode()))
    res = run("diff", "-s", "tatweel", "-r", str(tmp_path / "d"))
    assert res.returncode == 1
    assert res.stdout.decode().splitlines() == [
        f"{tmp_path / 'd' / 'a.txt.bz2'}:2",
        "- ب[-ـ-]",
        "+ ب",
    ]


@pytest.mark.parametrize(
    "args", [[], ["-C", "9"], ["-p", "search", "-C", "30"], ["-s", "quotes:style=guillemets"]]
)
def test_a_long_line_read_in_pieces_gives_the_diff_of_the_whole_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from click.testing import CliRunner

    from arabnorm.cli import cli
    from arabnorm.io import longline, runner
    from tests import registry

    line = registry.long_line("diff")
    path = tmp_path / "long.txt"
    path.write_text(f"أوّل\n{line}\r\nكتـاب\n{line}", encoding="utf-8", errors="surrogateescape")
    cmd = ["diff", "--color", "never", "--errors", "surrogateescape", *args, str(path)]
    whole = CliRunner().invoke(cli, cmd)
    monkeypatch.setattr(runner, "LONG_LINE", 1000)
    monkeypatch.setattr(longline, "SEGMENT", 700)
    monkeypatch.setattr(longline, "MARGIN", 2000)
    cut = CliRunner().invoke(cli, cmd)
    assert whole.exit_code == cut.exit_code == 1
    assert cut.stdout_bytes == whole.stdout_bytes
    assert f"{path}:2\n" in cut.output and f"{path}:4\n" in cut.output
