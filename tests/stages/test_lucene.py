"""The stages of Lucene's Arabic and Persian filters: lucene, persian, stem, stopwords."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import arabnorm
from arabnorm.errors import FileAccessError, SpecError
from arabnorm.pipeline import Pipeline
from arabnorm.stages.lucene import RemoveStopWords, StemWords


def run(spec: str, text: str) -> str:
    return Pipeline.from_spec(spec).apply(text)


def test_lucene_folds_only_what_arabic_normalizer_folds() -> None:
    assert run("lucene", "آمن أحمد إسلام على مدرسة كتـــابٌ") == "امن احمد اسلام علي مدرسه كتاب"
    assert run("lucene", "ٱلمسؤول يئن ی ک ٰ") == "ٱلمسؤول يئن ی ک ٰ"
    assert Pipeline.from_preset("lucene").stages == Pipeline.from_spec("lucene").stages


def test_lucene_fuses_with_neighbouring_tables() -> None:
    assert len(Pipeline.from_spec("lucene,persian").steps) == 1


def test_persian() -> None:
    assert run("persian", "یک کتاب خانۀ ہ ے ئ\u0654") == "يك كتاب خانه ه ي ئ"
    assert run("lucene,persian", "کتابی") == "كتابي"


def test_stem_stems_each_lucene_token() -> None:
    assert run("stem", "والكتاب، للمدرسة (الطلاب) 2020") == "كتاب، مدرس (طلاب) 2020"
    assert run("stem", "example.com الكتابها") == "example.com كتاب"
    assert run("stem", "  كتابها\t\r\nبالبيت  ") == "  كتاب\t\r\nبيت  "


def test_a_stem_is_a_slice_of_its_word_and_spans_map_back() -> None:
    text = "والكتابان للمدرسة"
    got = arabnorm.tokenize(text, stages="stem", spans=True)
    # a deleted prefix lies before the span, a deleted suffix inside it (as for any stage)
    assert [(t.text, t.start, t.end) for t in got] == [("كتاب", 3, 9), ("مدرس", 12, 17)]
    assert text[3:7] == "كتاب" and text[12:16] == "مدرس"
    out, alignment = Pipeline.from_spec("stem").align(text)
    assert out == "كتاب مدرس"
    assert alignment.span(0, 4) == (3, 9)


def test_stem_keeps_prefix_rules_in_order() -> None:
    step = StemWords()
    assert step.cuts("والحسن") == [(0, 3)]
    assert step.cuts("الو") == []
    assert step.cuts("ساهدهات") == [(4, 7)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("الكتاب في المدرسة", "الكتاب المدرسة"),
        ("في البيت", "البيت"),
        ("ذهب إلى", "ذهب"),
        ("ذهب إلى من", "ذهب"),
        ("في من البيت", "البيت"),
        ("  في البيت", "  البيت"),
        ("ذهب في  ", "ذهب  "),
        ("في من", ""),
        ("(في) في،", "() ،"),
        ("ذهب إلى\r\nفي البيت\n", "ذهب\r\nالبيت\n"),
        ("فيلم كتاب", "فيلم كتاب"),  # a longer word is not a stop word
    ],
)
def test_stopwords_and_the_whitespace_beside_them(text: str, want: str) -> None:
    assert run("stopwords", text) == want


def test_stopwords_persian_list() -> None:
    assert run("stopwords:list=persian", "او به مدرسه رفت") == "مدرسه"


def test_stopwords_from_a_file(tmp_path: Path) -> None:
    f = tmp_path / "stop.txt"
    f.write_text("# my list\nالكتاب\nthe\n", encoding="utf-8")
    assert run(f"stopwords:list={f}", "الكتاب في the house") == "في house"


def test_an_unreadable_list_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match=r"nope\.txt: cannot read the stop word list"):
        Pipeline.from_spec(f"stopwords:list={tmp_path / 'nope.txt'}")
    with pytest.raises(SpecError):
        Pipeline.from_spec("stopwords:list=")


def test_stopwords_feeder_matches_the_whole_line_and_holds_little() -> None:
    rng = random.Random(2)
    step = RemoveStopWords(frozenset({"في", "من"}), "x")
    words = ["في", "من", "كتاب", "(في)", "  ", "\t", "بيت،"]
    for _ in range(200):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
        feeder = step.stream_feeder()
        out, pos = [], 0
        while pos <= len(line):
            size = rng.choice([1, 3, 10, 50])
            out.append(feeder.feed(line[pos : pos + size], pos + size >= len(line)))
            pos += size
        assert "".join(out) == step.apply(line), line
    feeder = step.stream_feeder()
    feeder.feed("كتاب " * 10_000, False)
    assert len(feeder.pending) < 20


def test_hostile_input_finishes() -> None:
    for spec in ("stem", "stopwords"):
        for text in ["في " * 50_000, "ال" * 100_000, "\u200d" * 100_000, "_" * 100_000]:
            assert len(run(spec, text)) <= len(text)
