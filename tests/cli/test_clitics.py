"""The clitics stage from the command line, and its missing-resource error."""

from __future__ import annotations

from pathlib import Path

from arabnorm.errors import EXIT_USAGE
from tests.cli.helpers import run


def test_clean_with_the_clitics_stage() -> None:
    res = run(
        "clean", "--preset", "none", "--stages", "clitics:mode=mark", stdin="وقال إنه\n".encode()
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode() == "و+ قال إن +ه\n"


def test_missing_wordfreq_is_a_one_line_usage_error(tmp_path: Path) -> None:
    # A module that fails to import stands in for an uninstalled wordfreq.
    (tmp_path / "wordfreq.py").write_text("raise ImportError('not installed')\n")
    res = run(
        "clean",
        "--preset",
        "none",
        "--stages",
        "clitics",
        stdin="وقال\n".encode(),
        env={"PYTHONPATH": str(tmp_path)},
    )
    assert res.returncode == EXIT_USAGE
    err = res.stderr.decode()
    assert "pip install 'arabnorm[clitics]'" in err
    assert "Traceback" not in err
    assert res.stdout == b""


def test_after_the_search_preset_with_folded_spelling() -> None:
    res = run(
        "clean",
        "--preset",
        "search",
        "--stages",
        "clitics:spelling=folded",
        stdin="وقال إنه : الحكومة العسكرية ستعمل .\n".encode(),
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode() == "و قال ان ه : الحكومه العسكريه س تعمل .\n"
