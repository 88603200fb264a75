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


def _tokenize(*args: str, text: str) -> str:
    res = run("tokenize", *args, stdin=text.encode())
    assert res.returncode == 0, res.stderr
    return res.stdout.decode()


def test_tokenize_clitics_text_and_mark() -> None:
    text = "وقال إنه سيعمل، وبكتابه للسلطة.\n"
    assert _tokenize("--clitics", text=text) == "و قال إن ه س يعمل ، و ب كتاب ه ل لسلطة .\n"
    assert (
        _tokenize("--clitics=mark", text=text)
        == "و+ قال إن +ه س+ يعمل ، و+ ب+ كتاب +ه ل+ لسلطة .\n"
    )
    assert _tokenize(text=text) == "وقال إنه سيعمل ، وبكتابه للسلطة .\n"


def test_tokenize_clitics_jsonl_spans_point_into_the_original_line() -> None:
    import json

    line = "وَقالَ إنّه: وزارة"
    obj = json.loads(_tokenize("--clitics", "--format", "jsonl", text=line + "\n"))
    assert obj["tokens"] == ["و", "قال", "إن", "ه", ":", "وزارة"]
    assert [line[a:b] for a, b in obj["spans"]] == ["وَ", "قالَ", "إنّ", "ه", ":", "وزارة"]


def test_tokenize_clitics_conllu_has_multiword_ranges() -> None:
    out = _tokenize("--clitics", "--format", "conllu", text="وقال: وزارة\n")
    rows = [line.split("\t")[:2] for line in out.splitlines() if line and line[0] != "#"]
    assert rows == [["1-2", "وقال"], ["1", "و"], ["2", "قال"], ["3", ":"], ["4", "وزارة"]]
    assert out.splitlines()[2].endswith("SpaceAfter=No")  # the range line carries MISC


def test_bare_clitics_flag_before_an_input_file(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("وقال إنه\n", encoding="utf-8")
    res = run("tokenize", "--preset", "none", "--clitics", str(src))
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode() == "و قال إن ه\n"
    res = run("tokenize", "--clitics", "mark", str(src))
    assert res.stdout.decode() == "و+ قال إن +ه\n"
