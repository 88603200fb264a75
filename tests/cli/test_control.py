"""``--config``, ``--print-spec`` and ``--explain`` on the commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run

TEXT = "كتـــاب\nبـلا\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "arabnorm.toml").write_text(
        'preset = "mine"\n[presets]\nmine = ["tatweel"]\nnothing = []\n', encoding="utf-8"
    )
    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def test_config_in_current_directory_sets_default_preset(project: Path) -> None:
    res = run("clean", "in.txt", cwd=project)
    assert (res.returncode, res.stdout) == (0, "كتاب\nبلا\n".encode())


def test_flags_override_config(project: Path) -> None:
    assert run("clean", "-p", "nothing", "in.txt", cwd=project).stdout == TEXT.encode()
    res = run("clean", "-p", "none", "-s", "tatweel", "in.txt", cwd=project)
    assert res.stdout == "كتاب\nبلا\n".encode()


def test_config_presets_work_in_every_command(project: Path) -> None:
    assert run("diff", "-p", "mine", "in.txt", cwd=project).returncode == 1
    assert run("diff", "-p", "nothing", "in.txt", cwd=project).returncode == 0
    audit = run("audit", "--json", "-p", "mine", "in.txt", cwd=project)
    assert b'"pipeline_changes": 4' in audit.stdout
    stages = run("stages", cwd=project, env={"COLUMNS": "200"})
    assert b"mine" in stages.stdout and b"default: mine" in stages.stdout


def test_pyproject_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "c"\n[tool.arabnorm]\npreset = "t"\n[tool.arabnorm.presets]\n'
        't = "tatweel"\n'
    )
    res = run("clean", stdin="بـ".encode(), cwd=tmp_path)
    assert res.stdout == "ب".encode()


def test_explicit_config_file(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    res = run(
        "clean", "--config", str(project / "arabnorm.toml"), stdin="بـ".encode(), cwd=elsewhere
    )
    assert res.stdout == "ب".encode()
    # Without --config, no config is found there: mine is unknown.
    res = run("clean", "-p", "mine", stdin=b"x", cwd=elsewhere)
    assert res.returncode == 2 and b"unknown preset 'mine'" in res.stderr


def test_bad_config_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "arabnorm.toml").write_text('[presets]\nmine = ["tatweel", "nostage"]\n')
    for command in ("clean", "diff", "audit", "stages"):
        res = run(command, stdin=b"x", cwd=tmp_path)
        assert res.returncode == 2, command
        assert res.stderr.decode().startswith(
            "arabnorm: arabnorm.toml: presets.mine: unknown stage"
        )
    res = run("clean", "--config", str(tmp_path / "none.toml"), stdin=b"x")
    assert res.returncode == 2 and b"none.toml: config file not found" in res.stderr


def test_print_spec(project: Path) -> None:
    res = run("clean", "--print-spec", cwd=project)
    assert res.stdout.decode().splitlines() == ["spec tatweel", "hash 50585dbf943b"]
    assert run("diff", "-s", "tatweel", "--print-spec").stdout == res.stdout
    assert run("audit", "-s", "tatweel", "--print-spec").stdout == res.stdout
    assert run("clean", "-s", "nostage", "--print-spec").returncode == 2


def test_explain_counts_on_stderr_output_unchanged(project: Path) -> None:
    plain = run("clean", "-s", "tatweel", "in.txt", cwd=project)
    explained = run("clean", "-s", "tatweel", "--explain", "in.txt", "in.txt", cwd=project)
    assert explained.stdout == plain.stdout * 2
    assert explained.stderr.decode().splitlines() == [
        "changes by stage (characters changed, of 26 read):",
        "  tatweel  8  30.77%",
    ]
    assert plain.stderr == b""


def test_explain_standard_on_the_seeds() -> None:
    from tests.cli.helpers import SEEDS

    seed = str(SEEDS[0])
    plain = run("clean", seed)
    explained = run("clean", "--explain", seed)
    assert explained.stdout == plain.stdout
    lines = explained.stderr.decode().splitlines()
    names = [line.split()[0] for line in lines[1:]]
    assert names == [
        "mojibake",
        "invisible",
        "forms",
        "tatweel",
        "diacritics",
        "quotes",
        "whitespace",
    ]
    counts = dict(
        zip(names, (int(line.split()[1].replace(",", "")) for line in lines[1:]), strict=True)
    )
    assert counts["mojibake"] == 0
    assert counts["tatweel"] == 3
    assert counts["diacritics"] == 13
    assert counts["quotes"] > 0


def test_tokenize_takes_config_print_spec_and_explain(project: Path) -> None:
    plain = run("tokenize", "in.txt", cwd=project)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.decode().splitlines() == ["كتاب", "بلا"]  # the config's preset
    explained = run("tokenize", "--explain", "--format", "jsonl", "in.txt", cwd=project)
    assert explained.stdout == run("tokenize", "--format", "jsonl", "in.txt", cwd=project).stdout
    assert explained.stderr.decode().splitlines()[1] == "  tatweel  4  30.77%"
    spec = run("tokenize", "--print-spec", cwd=project)
    assert spec.stdout.decode().splitlines()[0] == "spec tatweel"


def test_provenance_stamps_each_jsonl_record(tmp_path: Path) -> None:
    import json

    src = tmp_path / "in.jsonl"
    src.write_bytes('{"id":1,"text":"كتـــاب"}\r\n\n{"id":2 , "text":"بـ"}\n'.encode())
    spec_hash = run("clean", "-s", "tatweel", "--print-spec").stdout.decode().split()[-1]
    res = run("clean", "-s", "tatweel", "--provenance", str(src))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.decode().split("\n")
    assert lines[0] == '{"id":1,"text":"كتاب", "arabnorm_spec": "' + spec_hash + '"}\r'
    assert lines[1] == ""
    assert json.loads(lines[2]) == {"id": 2, "text": "ب", "arabnorm_spec": spec_hash}
    plain = tmp_path / "in.txt"
    plain.write_text("x\n")
    res = run("clean", "--provenance", str(plain))
    assert res.returncode == 2 and b"--provenance needs JSON Lines" in res.stderr


def test_explain_with_parallel_jobs_counts_in_this_process(project: Path) -> None:
    res = run("clean", "-s", "tatweel", "--explain", "-j", "2", "in.txt", cwd=project)
    assert res.returncode == 0
    assert res.stderr.decode().splitlines()[1] == "  tatweel  4  30.77%"


def test_tokenize_explain_with_parallel_jobs(project: Path) -> None:
    res = run("tokenize", "--explain", "-j", "2", "in.txt", cwd=project)
    assert res.returncode == 0, res.stderr
    assert res.stderr.decode().splitlines()[1] == "  tatweel  4  30.77%"
