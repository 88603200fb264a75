"""``--encoding`` on every command that reads text, and the UTF-8 error that points to it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.damage.cases import damage, seed_lines

TEXT = "\n".join(seed_lines()[:8]).replace("“", '"').replace("”", '"') + "\r\nآخر سطر\n"


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    path = tmp_path / "old.txt"
    path.write_bytes(TEXT.encode("cp1256"))
    return path


def test_clean_reads_a_code_page_by_name_and_by_auto(legacy: Path, tmp_path: Path) -> None:
    utf8 = tmp_path / "new.txt"
    utf8.write_text(TEXT, encoding="utf-8", newline="")
    want = run("clean", str(utf8)).stdout
    for encoding in ("cp1256", "windows-1256", "auto"):
        res = run("clean", "--encoding", encoding, str(legacy))
        assert res.returncode == 0, res.stderr
        assert res.stdout == want
    res = run("clean", "-p", "none", "--encoding", "auto", str(legacy))
    assert res.stdout == TEXT.encode()


def test_every_page_and_utf16_with_auto(tmp_path: Path) -> None:
    text = "مرحبا بالعالم\r\nسطر ثان\n\nالأخير"
    for codec in ("cp1256", "iso8859-6", "cp720", "utf-16", "utf-32", "utf-8-sig"):
        path = tmp_path / f"x.{codec}"
        path.write_bytes(text.encode(codec))
        res = run("clean", "-p", "none", "--encoding", "auto", str(path))
        assert res.returncode == 0, (codec, res.stderr)
        assert res.stdout == text.encode(), codec


def test_the_default_error_names_the_encoding_and_the_option(legacy: Path) -> None:
    res = run("clean", str(legacy))
    assert res.returncode == 1
    message = res.stderr.decode()
    assert message.count("\n") == 1
    assert message.startswith(f"arabnorm: {legacy}:1: invalid UTF-8 byte 0x")
    assert "windows-1256: pass --encoding cp1256 (or auto)" in message


def test_an_unknown_encoding_is_a_usage_error(legacy: Path) -> None:
    res = run("clean", "--encoding", "klingon", str(legacy))
    assert res.returncode == 2
    assert "unknown encoding 'klingon'" in res.stderr.decode()


def test_tokenize_diff_and_audit_take_it(legacy: Path) -> None:
    res = run("tokenize", "--encoding", "auto", "-p", "none", str(legacy))
    assert res.returncode == 0 and "مكالمة" in res.stdout.decode()
    res = run("diff", "--encoding", "cp1256", "-s", "tatweel", str(legacy))
    assert res.returncode in (0, 1) and "invalid" not in res.stderr.decode()
    res = run("audit", "--json", "--encoding", "auto", str(legacy))
    doc = json.loads(res.stdout)
    assert doc["files"][0]["encoding"] == "cp1256"
    assert doc["files"][0]["lines"] == TEXT.count("\n")
    res = run("audit", "--json", str(legacy))
    assert json.loads(res.stdout)["files"][0]["encoding"] == "utf-8"


def test_jobs_stdin_compressed_and_jsonl(legacy: Path, tmp_path: Path) -> None:
    want = run("clean", "--encoding", "cp1256", str(legacy)).stdout
    assert run("clean", "--encoding", "auto", "-j", "2", str(legacy)).stdout == want
    assert run("clean", "--encoding", "auto", stdin=legacy.read_bytes()).stdout == want
    packed = tmp_path / "old.txt.gz"
    packed.write_bytes(gzip.compress(legacy.read_bytes()))
    assert run("clean", "--encoding", "auto", str(packed)).stdout == want
    records = tmp_path / "r.jsonl"
    records.write_bytes('{"id": 1, "text": "كتـاب جديد عن تاريخ المدينة"}\n'.encode("cp1256"))
    res = run("clean", "--encoding", "auto", str(records))
    assert res.stdout.decode() == '{"id": 1, "text": "كتاب جديد عن تاريخ المدينة"}\n'


def test_clean_of_a_damaged_line_is_clean_of_the_line(tmp_path: Path) -> None:
    lines = seed_lines()[:10]
    for how in ("cp1256", "cp1252", "latin-1", "cp1256+cp1256", "cp1252+cp1252"):
        damaged = tmp_path / "d.txt"
        damaged.write_text("\n".join(damage(x, how) for x in lines) + "\n", encoding="utf-8")
        original = tmp_path / "o.txt"
        original.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for preset in ("standard", "search"):
            got = run("clean", "-p", preset, str(damaged)).stdout
            assert got == run("clean", "-p", preset, str(original)).stdout, (how, preset)


def test_audit_counts_damaged_and_visual_lines(tmp_path: Path) -> None:
    from arabnorm.damage.bidi import display

    lines = seed_lines()[:6]
    text = [damage(lines[0], "cp1256"), damage(lines[1], "cp1252"), display(lines[2]), *lines[3:]]
    path = tmp_path / "a.txt"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    doc = json.loads(run("audit", "--json", str(path)).stdout)
    counts = doc["files"][0]["counts"]
    assert (counts["mojibake_lines"], counts["visual_order_lines"]) == (2, 1)


def test_diff_and_explain_show_both_stages(tmp_path: Path) -> None:
    from arabnorm.damage.bidi import display

    path = tmp_path / "a.txt"
    shown = display("قال الرئيس إن المدرسة ستفتح")
    path.write_text(damage("قال الرئيس", "cp1256") + "\n" + shown + "\n")
    res = run("diff", "--color", "never", "-s", "mojibake,visual", str(path))
    assert res.returncode == 1
    out = res.stdout.decode()
    assert f"{path}:1" in out and f"{path}:2" in out
    res = run("clean", "--explain", "-s", "mojibake,visual", str(path))
    names = [line.split()[0] for line in res.stderr.decode().splitlines()[1:]]
    assert names == ["mojibake", "visual"]
