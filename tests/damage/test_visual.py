"""Visual order: lines a PDF extractor reversed come back; logical lines never change."""

from __future__ import annotations

import random

import pytest

from arabnorm.damage import bidi, visual
from arabnorm.damage.visual import fix_line, fix_text, judge, maybe_visual_lines, visual_lines
from tests.damage.cases import own_sentences, real_text, seed_lines, seed_sentences

LINES = seed_lines() + seed_sentences() + own_sentences()


def _ligature_display(line: str) -> str:
    """``display``, but each lam-alef pair drawn as one glyph stays in logical order."""
    idx, lv = bidi.order(line)
    where = {k: p for p, k in enumerate(idx)}
    for i in range(len(line) - 1):
        if line[i] == "ل" and line[i + 1] in "اأإآ" and lv[i] % 2 and lv[i + 1] % 2:
            a, b = where[i], where[i + 1]
            if b == a - 1:
                idx[b], idx[a] = i, i + 1
    return "".join(line[k] for k in idx)


@pytest.mark.parametrize("mirror", [False, True])
def test_reversed_lines_come_back(mirror: bool) -> None:
    for line in LINES:
        shown = bidi.display(line, mirror=mirror)
        assert judge(shown).visual, shown
        assert fix_line(shown) == line, line


def test_logical_lines_never_change() -> None:
    for line in LINES:
        assert not judge(line).visual, line
        assert fix_line(line) == line
    for lines in real_text().values():
        for line in lines:
            assert fix_line(line) == line


def test_short_windows_of_logical_text_stay() -> None:
    rng = random.Random(3)
    for line in LINES:
        words = line.split()
        for _ in range(5):
            a = rng.randrange(len(words))
            window = " ".join(words[a : a + rng.randint(1, 4)])
            assert fix_line(window) == window, window


def test_lam_alef_kept_as_one_glyph_is_swapped_back_on_request() -> None:
    line = "خلال الاجتماع قال الرئيس إن البلاد تحتاج إلى الاستثمار"
    shown = _ligature_display(line)
    assert fix_line(shown) != line
    assert fix_line(shown, lam_alef=True) == line


def test_lam_alef_repair_leaves_plain_reversed_lines_alone() -> None:
    for line in LINES:
        assert fix_line(bidi.display(line), lam_alef=True) == line


def test_numbers_latin_and_brackets_keep_their_order() -> None:
    line = "قال المدير (في مؤتمر صحفي) إن شركة Boeing باعت 737 طائرة في 2020-2021 بنسبة 10%."
    assert fix_line(bidi.display(line)) == line
    assert fix_line(bidi.display(line, mirror=True)) == line


def test_spaces_at_the_ends_stay_where_they_are() -> None:
    line = "  " + bidi.display("قال الرئيس إن المدرسة ستفتح غدا") + " "
    assert fix_line(line) == "  قال الرئيس إن المدرسة ستفتح غدا "


def test_the_vector_pre_check_keeps_every_visual_line() -> None:
    rng = random.Random(5)
    lines = []
    for line in LINES * 3:
        r = rng.random()
        lines.append(bidi.display(line) if r < 0.3 else line[: rng.randint(0, len(line))])
    block = "\n".join(lines)
    candidates = set(maybe_visual_lines(block))
    for i, line in enumerate(lines):
        if judge(line).visual:
            assert i in candidates
    assert fix_text(block) == "\n".join(fix_line(x) for x in lines)
    assert visual_lines(block) == sum(judge(x).visual for x in lines)


def test_presentation_forms_and_ligatures() -> None:
    line = "ﻗﺎﻝ ﺍﻟﺮﺋﻴﺲ ﺇﻥ ﺍﻟﻤﺪﺭﺳﺔ ﺳﺘﻔﺘﺢ ﻏﺪﺍ"
    shown = bidi.display(line)
    assert judge(shown).visual
    assert fix_line(shown) == line
    assert not judge(line).visual


def test_too_long_lines_are_never_visual() -> None:
    line = bidi.display(LINES[0])
    long_line = " ".join([line] * (visual.MAX_LINE // len(line) + 2))
    assert fix_line(long_line) == long_line
    feed = visual.LineFeed(lam_alef=False)
    out = "".join(feed.feed(long_line[i : i + 5000], False) for i in range(0, len(long_line), 5000))
    out += feed.feed("\n", True)
    assert out == long_line + "\n"
