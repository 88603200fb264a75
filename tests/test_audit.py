"""The audit: every category counted exactly, streaming, mojibake and visual-order lines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabnorm.audit import (
    CHAR_CATEGORIES,
    COUNT_NAMES,
    audit_stream,
    audit_text,
    count_categories,
    default_stages,
    mojibake_lines,
    visual_order_lines,
)
from arabnorm.pipeline import Pipeline

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))

# One line per category, with the count each adds; nothing else on a line
# falls into a category.
KNOWN_LINES: list[tuple[bytes, dict[str, int]]] = [
    ("كَتَبَ".encode(), {"diacritics": 3}),
    ("كتـــاب".encode(), {"tatweel": 3}),
    ("\ufefb \ufef7".encode(), {"presentation_forms": 2}),
    ("بي\u200fن\u200b\u00ad\ufeff".encode(), {"invisible": 4}),
    ("پچژگ ی".encode(), {"persian_letters": 5}),
    ("١٢٣ ۴ 42".encode(), {"arabic_indic_digits": 4, "ascii_digits": 2}),
    ("Ünïcode".encode(), {"latin_letters": 7}),
    (b"\xff\xfe \xd8", {"invalid_utf8_lines": 1}),
    ("ط³ظ„ط§ظ…".encode(), {"mojibake_lines": 1}),
    (".ملاعلاب ابحرم".encode(), {"visual_order_lines": 1}),
    (b"", {}),
]
KNOWN_BYTES = b"\r\n".join(line for line, _ in KNOWN_LINES) + b"\n"


def expected_counts() -> dict[str, int]:
    total = dict.fromkeys(COUNT_NAMES, 0)
    for _, counts in KNOWN_LINES:
        for key, n in counts.items():
            total[key] += n
    return total


def test_every_category_has_a_line() -> None:
    covered = {key for _, counts in KNOWN_LINES for key in counts}
    assert covered == set(COUNT_NAMES)


@pytest.mark.parametrize("block_size", [1, 7, 64, 1 << 20])
def test_known_counts_of_every_category(block_size: int) -> None:
    stages = Pipeline.from_spec("tatweel").stages
    report = audit_stream(io.BytesIO(KNOWN_BYTES), "known.txt", stages, block_size=block_size)
    assert report.counts == expected_counts()
    assert report.lines == len(KNOWN_LINES)
    assert report.chars == len(KNOWN_BYTES.decode("utf-8", "surrogateescape"))
    assert report.changes == {"tatweel": 3}


def test_each_category_alone() -> None:
    for line, counts in KNOWN_LINES:
        report = audit_stream(io.BytesIO(line), "x", stages=[])
        assert {k: v for k, v in report.counts.items() if v} == counts, line


def test_line_count_without_final_newline_and_empty_input() -> None:
    assert audit_stream(io.BytesIO(b"a\nb"), "x", stages=[]).lines == 2
    assert audit_stream(io.BytesIO(b"a\nb\n"), "x", stages=[]).lines == 2
    assert audit_stream(io.BytesIO(b""), "x", stages=[]).lines == 0


def test_invalid_bytes_counted_once_per_line() -> None:
    data = b"ok\n\xff\xff\xff bad \xfe\nfine\n\xc3\n"
    assert audit_stream(io.BytesIO(data), "x", stages=[]).counts["invalid_utf8_lines"] == 2


def test_pipeline_changes_and_total() -> None:
    pipeline = Pipeline.from_spec("tatweel")
    a = audit_text("كتـــاب\n", "a", stages=pipeline.stages, pipeline=pipeline)
    b = audit_text("بـ\n", "b", stages=pipeline.stages, pipeline=pipeline)
    assert (a.pipeline_changes, b.pipeline_changes) == (3, 1)
    a.add(b)
    assert (a.lines, a.counts["tatweel"], a.changes["tatweel"], a.pipeline_changes) == (2, 4, 4, 4)
    data = b.to_dict()
    assert set(data) >= {"path", "lines", "chars", "counts", "changes"}


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("ظ…ط±ط­ط¨ط§ ط¨ظƒ", 1),  # UTF-8 read as cp1256
        ("Ù…Ø±Ø­Ø¨Ø§", 1),  # UTF-8 read as Latin-1 (C1 controls kept)
        ("Ù…Ø±Ø­Ø¨Ø§".encode("cp1252", "ignore").decode("cp1252"), 1),
        ("مع، ثم عـ؟ غ« مرحبا", 0),  # ع، and friends: one pair at most
        ("Ø± is one pair only", 0),
        ("انظر المادة ط§ من القانون", 0),  # one pair alone is not repaired
        ("København, Øresund, Ærø, Ù ± é", 0),
        ("ظ…\nط±", 0),  # a pair per line never makes a suspect
    ],
)
def test_mojibake(text: str, n: int) -> None:
    assert mojibake_lines(text) == n


def test_no_mojibake_or_invalid_lines_in_the_seeds() -> None:
    for seed in SEEDS:
        with open(seed, "rb") as f:
            report = audit_stream(f, seed.name, stages=[])
        assert report.counts["mojibake_lines"] == 0
        assert report.counts["visual_order_lines"] == 0
        assert report.counts["invalid_utf8_lines"] == 0
        assert report.lines > 0


def test_hostile_input_is_linear() -> None:
    # 200k pair-like characters on one line: one scan, no backtracking.
    text = "ط" * 200_000 + "ظ…"
    assert mojibake_lines(text) == 0
    assert visual_order_lines("ةبتك " * 20_000) == 0  # too long a line to be visual
    assert count_categories("ـ" * 100_000)["tatweel"] == 100_000


def test_known_file_changes_of_the_real_stages() -> None:
    from arabnorm.audit import default_stages

    report = audit_stream(io.BytesIO(KNOWN_BYTES), "known.txt", default_stages())
    changes = report.changes
    assert changes["tatweel"] == 3
    assert changes["diacritics"] == 3
    assert changes["forms"] == 2
    assert changes["invisible"] == 4
    assert changes["digits"] == 4
    assert changes["whitespace"] == 0
    assert set(changes) >= {"alef", "yaa", "teh-marbuta", "hamza", "quotes", "camel"}


@given(st.text(alphabet="كـَa\n\r ظ…ط±Ø±\u200f١", max_size=60), st.integers(1, 9))
def test_streaming_gives_the_same_audit_as_one_block(text: str, block_size: int) -> None:
    data = text.encode()
    stages = Pipeline.from_spec("tatweel,diacritics").stages
    whole = audit_stream(io.BytesIO(data), "x", stages)
    pieces = audit_stream(io.BytesIO(data), "x", stages, block_size=block_size)
    assert pieces == whole
    assert sum(whole.counts[k] for k in CHAR_CATEGORIES) <= whole.chars


@pytest.mark.parametrize(
    ("spec", "segmented"),
    [
        ("tatweel,diacritics,forms,invisible", True),
        ("quotes:style=guillemets", False),  # pairs quotes across the line
        ("mojibake,quotes", True),
    ],
)
def test_a_long_line_read_in_pieces_gives_the_audit_of_the_whole_line(
    spec: str, segmented: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from arabnorm.damage import visual
    from arabnorm.io import longline
    from tests import registry

    monkeypatch.setattr(longline, "SEGMENT", 500)
    monkeypatch.setattr(longline, "MARGIN", 2000)
    monkeypatch.setattr(visual, "MAX_LINE", 200)  # lines read in pieces (> 250) are never visual
    cutters: list[object] = []
    make = longline.segment_cutter

    def spy(*chains: object, **options: object) -> object:
        cutters.append(make(*chains, **options))  # type: ignore[arg-type]
        return cutters[-1]

    monkeypatch.setattr(longline, "segment_cutter", spy)
    line = registry.long_line("audit") + " ظ…ط±ط­ط¨ط§ \udcff"
    data = (f"short\n{line}\r\n{line}\nlast").encode("utf-8", "surrogateescape")
    stages = Pipeline.from_spec(spec).stages
    pipeline = Pipeline.from_preset("standard")
    whole = audit_stream(io.BytesIO(data), "x", stages, pipeline)
    cut = audit_stream(io.BytesIO(data), "x", stages, pipeline, block_size=700, long_line=1000)
    assert cut == whole
    assert cut.lines == 4
    assert cut.counts["mojibake_lines"] == 2
    assert cut.counts["invalid_utf8_lines"] == 2
    assert cutters and all(isinstance(c, longline.WordCutter) == segmented for c in cutters)


def test_a_long_line_audited_by_every_stage_is_read_in_segments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every stage (stop words, translit, visual, html included) counts a long line piece by
    piece, with the counts of the whole line."""
    import random

    from arabnorm.damage import visual
    from arabnorm.io import longline

    monkeypatch.setattr(longline, "SEGMENT", 2)  # cut wherever a cut is allowed
    monkeypatch.setattr(longline, "MARGIN", 2000)
    monkeypatch.setattr(visual, "MAX_LINE", 200)
    rng = random.Random(5)
    words = ["في", "من", "الكتاب", "والمدرسة", "ظ…ط±ط­ط¨ط§", "Ù…Ø±Ø­Ø¨Ø§", "كتـاب", "a", "3"]
    words += ['<a href="x">', "</a>", "<!--", "-->", "&amp;", "😀", "https://x.com/ب"]
    line = " ".join(rng.choice(words) for _ in range(6000))
    data = f"قصير\n{line}\r\n{line}".encode()
    stages = default_stages()
    search = Pipeline.from_preset("search")
    whole = audit_stream(io.BytesIO(data), "x", stages, search)
    cut = audit_stream(io.BytesIO(data), "x", stages, search, block_size=700, long_line=1000)
    assert cut == whole
    assert whole.changes["stopwords"] > 0 and whole.counts["mojibake_lines"] == 2
    assert longline.segment_cutter(*[[s] for s in stages], line_chars=251) is not None
