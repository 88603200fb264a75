"""The one reader of the character maps shipped in arabnorm/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from arabnorm.charmaps import char_map, parse_char_map
from arabnorm.stages.camel import DATA_FILE
from arabnorm.translit import SCHEMES

DATA = Path(__file__).resolve().parents[1] / "arabnorm" / "data"
# The character maps the stages read (other data files have other formats).
MAPS = sorted(
    {DATA_FILE}
    | {s.forward for s in SCHEMES.values()}
    | {s.backward for s in SCHEMES.values() if s.backward}
)


def test_ranges_expand_and_later_entries_override_earlier_ones() -> None:
    found = parse_char_map(
        "# a comment\n\ndefault\tkeep\n0621-0623\tdelete\n0622\t0041 0042\n0640\tkeep\n", "t"
    )
    assert found.default is None
    assert found.mapping == {0x621: "", 0x622: "AB", 0x623: "", 0x640: "\u0640"}
    assert found.changes() == {0x621: "", 0x622: "AB", 0x623: ""}


def test_a_deleting_default() -> None:
    assert parse_char_map("default\tdelete\n", "t").default == ""


@pytest.mark.parametrize("line", ["0621 0627", "0621\t", "06G1\tkeep", "0621\tkeep\textra"])
def test_a_bad_entry_names_the_file_and_line(line: str) -> None:
    with pytest.raises(ValueError, match=r"^m\.tsv:3: "):
        parse_char_map(f"# header\ndefault\tkeep\n{line}\n", "m.tsv")


def test_every_shipped_map_reads_and_names_its_source_and_licence() -> None:
    assert len(MAPS) >= 10
    for name in MAPS:
        found = char_map(name)
        assert found.mapping, name
        header = (DATA / name).read_text(encoding="utf-8")[:3000]
        assert "MIT" in header, name
        assert "Format: one entry a line" in header, name
