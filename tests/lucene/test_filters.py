"""The filters of Lucene's Arabic and Persian analyzers, and Lucene's own test strings."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from arabnorm.errors import FileAccessError
from arabnorm.lucene import filters
from arabnorm.lucene.analyzer import Analyzer
from arabnorm.lucene.tokenizer import tokens
from arabnorm.pipeline import Pipeline

CASES = json.loads(
    (Path(__file__).parents[1] / "conformance" / "data" / "lucene_test_strings.json").read_text()
)["cases"]


def spec_stem(word: str, units: int) -> str:
    """ArabicStemmer as its description reads, written plainly (lengths in UTF-16 units)."""
    for p in filters.PREFIXES:
        need = 4 if len(p) == 1 else len(p) + 2
        if units >= need and word.startswith(p):
            word, units = word[len(p) :], units - len(p)
            break
    for s in filters.SUFFIXES:
        if units >= len(s) + 2 and word.endswith(s):
            word, units = word[: -len(s)], units - len(s)
    return word


def test_stem_follows_the_rules_on_random_words() -> None:
    rng = random.Random(1)
    letters = "اوبكفلهانتيةمسدر𝐀"
    for _ in range(100_000):
        w = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        units = len(w.encode("utf-16-le")) // 2
        assert filters.stem(w) == spec_stem(w, units), w


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("والكتابان", "كتاب"),
        ("زوجها", "زوج"),
        ("ساهدهات", "ساهد"),  # ات then ه: suffixes accumulate in order
        ("الو", "الو"),  # too short for ال
        ("ال𝐀", "𝐀"),  # 𝐀 counts two code units, as in Java
        ("وحسن", "حسن"),
        ("وحس", "وحس"),  # و needs four letters
    ],
)
def test_stem(word: str, stem: str) -> None:
    assert filters.stem(word) == stem


def test_lowercase_and_digits_are_java_17s() -> None:
    table = filters.translate_table(filters.lower_digits())
    assert "İstanbul".translate(table) == "istanbul"  # Python's lower() gives i̇stanbul
    assert "ΣΊΣΥΦΟΣ".translate(table) == "σίσυφοσ"  # no final sigma
    assert "٣٫١٤ ۱۴۰۳ 𝟘 ①²".translate(table) == "3٫14 1403 0 ①²"  # No and Nl stay
    assert "\U00016ac1".translate(table) == "\U00016ac1"  # Tangsa (Unicode 14): not in Java 17
    assert len(filters.java_lowercase()) == 1393
    assert len(filters.java_digits()) == 640


def test_normalizer_tables() -> None:
    assert "آأإىةـًٌٍَُِّْ".translate(filters.translate_table(filters.ARABIC_NORMALIZER)) == "ااايه"
    assert "یےکۀہ\u0654".translate(filters.translate_table(filters.PERSIAN_NORMALIZER)) == "ييكهه"
    untouched = "ٱؤئٰٓ\u0655ی"
    assert Pipeline.from_preset("lucene").apply(untouched) == untouched


def test_shipped_stop_lists() -> None:
    assert len(filters.stop_words("arabic")) == 119
    assert len(filters.stop_words("persian")) == 308
    assert {"في", "أو", "او"} <= filters.stop_words("arabic")
    assert "" not in filters.stop_words("arabic")


def test_word_list_format() -> None:
    assert filters.parse_word_list("#c\n a \r\nb\x01\n\n#\nc") == {"a", "b", "c"}
    assert "" in filters.parse_word_list("a\n\n", keep_blank=True)


def test_a_list_of_ones_own(tmp_path: Path) -> None:
    f = tmp_path / "words.txt"
    f.write_text("# mine\nكتاب\n", encoding="utf-8")
    assert filters.stop_words(str(f)) == {"كتاب"}
    with pytest.raises(FileAccessError, match=r"missing\.txt: cannot read the stop word list"):
        filters.stop_words(str(tmp_path / "missing.txt"))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(FileAccessError, match="not UTF-8"):
        filters.stop_words(str(bad))


def _run(component: str, text: str) -> object:
    arabic, persian = Analyzer("arabic"), Analyzer("persian")
    words = text.split()
    if component == "ArabicNormalizer":
        return " ".join(Pipeline.from_preset("lucene").apply(w) for w in words)
    if component == "PersianNormalizer":
        return " ".join(Pipeline.from_spec("persian").apply(w) for w in words)
    if component == "ArabicStemmer":
        return " ".join(filters.stem(w) for w in words)
    if component == "ArabicAnalyzer":
        return arabic.terms(text)
    if component == "PersianAnalyzer":
        return persian.terms(text)
    if component == "StandardTokenizer+ArabicNormalizer":
        return [Pipeline.from_preset("lucene").apply(t.text) for t in tokens(text)]
    if component == "StandardTokenizer+ArabicNormalizer+ArabicStemmer":
        return [filters.stem(Pipeline.from_preset("lucene").apply(t.text)) for t in tokens(text)]
    assert component == "PersianCharFilter+StandardTokenizer"
    return [t.text for t in tokens(persian.char_filter(text))]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['suite']}.{c['method']}")
def test_lucenes_own_test_strings(case: dict[str, object]) -> None:
    assert _run(str(case["component"]), str(case["input"])) == case["expected"]


def test_there_are_lucenes_test_strings() -> None:
    assert len(CASES) >= 120
