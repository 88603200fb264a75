"""Tests for arabnorm.clitics: evidence-based clitic splitting."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabnorm import clitics
from arabnorm.clitics import Segmentation, Segmenter, segment, segment_spans, segment_tokens
from arabnorm.errors import EXIT_USAGE, MissingResourceError

# -- with the real word list (wordfreq, installed by the test extra) ----------

MUST_STAY_WHOLE = [
    # begin with a proclitic letter
    "وزارة",
    "وصل",
    "وقت",
    "وفق",
    "وكالة",
    "واشنطن",
    "فقط",
    "فريق",
    "فرصة",
    "بين",
    "بعد",
    "برنامج",
    "بدأ",
    "لبنان",
    "لقاء",
    "ليلة",
    "كتاب",
    "كبير",
    "كيف",
    "سنة",
    "سياسة",
    "سوريا",
    # end like an enclitic
    "عربي",
    "دولي",
    "الهاتفي",
    "الأمريكي",
    "يعني",
    "تجاه",
    "الله",
    "هذه",
    "ذلك",
    "هناك",
    "يمكن",
    "هنا",
    "أنا",
    "تحسنا",
    "الوطني",
]

MUST_SPLIT = [
    ("وقال", ["و", "قال"]),
    ("فقال", ["ف", "قال"]),
    ("وبكتابه", ["و", "ب", "كتاب", "ه"]),
    ("للسلطة", ["ل", "لسلطة"]),
    ("والحكومة", ["و", "الحكومة"]),
    ("بالطائرات", ["ب", "الطائرات"]),
    ("ستكون", ["س", "تكون"]),
    ("وسيلتقي", ["و", "س", "يلتقي"]),
    ("حكومته", ["حكومت", "ه"]),
    ("مستواه", ["مستوا", "ه"]),
    ("عليه", ["علي", "ه"]),
    ("فيها", ["في", "ها"]),
    ("أنه", ["أن", "ه"]),
    ("لكنها", ["لكن", "ها"]),
    ("تمنحهم", ["تمنح", "هم"]),
    ("هجماتهما", ["هجمات", "هما"]),
    ("كتابي", ["كتاب", "ي"]),
    ("حكومتنا", ["حكومت", "نا"]),
    ("أعطاني", ["أعطا", "ني"]),
    ("به", ["ب", "ه"]),
    ("لهم", ["ل", "هم"]),
    ("وله", ["و", "ل", "ه"]),
    ("ولكن", ["و", "لكن"]),
]


@pytest.mark.parametrize("word", MUST_STAY_WHOLE)
def test_lexical_words_stay_whole(word: str) -> None:
    assert segment(word) == [word]


@pytest.mark.parametrize(("word", "pieces"), MUST_SPLIT)
def test_clitics_split(word: str, pieces: list[str]) -> None:
    assert segment(word) == pieces


def test_lakin_is_not_lam_plus_pronoun() -> None:
    assert segment("لكن") == ["لكن"]


def test_diacritics_and_tatweel_stay_on_their_piece() -> None:
    assert segment("وَقَالَ") == ["وَ", "قَالَ"]
    assert segment("بـالسلطة") == ["بـ", "السلطة"]


def test_non_arabic_tokens_pass_through() -> None:
    assert segment_tokens(["3.14", "hello", "،", "وقال"]) == ["3.14", "hello", "،", "و", "قال"]


def test_segment_tokens_flattens_in_order() -> None:
    assert segment_tokens(["وقال", "إنه", "سيعمل"]) == ["و", "قال", "إن", "ه", "س", "يعمل"]


def test_spans_point_into_the_text() -> None:
    text = "ثم وبكتابه"
    start = text.index("و")
    spans = segment_spans(text[start:], start)
    assert spans == [("و", 3, 4), ("ب", 4, 5), ("كتاب", 5, 9), ("ه", 9, 10)]
    for piece, s, e in spans:
        assert text[s:e] == piece


def test_analyze_and_mark() -> None:
    seg = clitics.default_segmenter()
    a = seg.analyze("وبكتابه")
    assert a == Segmentation(("و", "ب"), "كتاب", ("ه",))
    assert a.marked() == "و+ ب+ كتاب +ه"
    assert a.offsets() == ((0, 1), (1, 2), (2, 6), (6, 7))
    assert seg.analyze("به").marked() == "ب+ +ه"
    assert seg.analyze("به").pieces == ("ب", "ه")
    assert seg.analyze("وزارة") == Segmentation((), "وزارة", ())


@given(st.text(alphabet=st.sampled_from("وفبلكسهانميتةىأإـَُِّ x1"), min_size=1, max_size=12))
def test_pieces_always_join_to_the_word(word: str) -> None:
    pieces = segment(word)
    assert "".join(pieces) == word
    assert all(pieces)


# -- with a small hand-made table: the decision rule itself ---------------------

TABLE = {
    "كتاب": 1e-4,
    "كتابه": 2e-5,
    "وزارة": 3e-4,
    "زارة": 1e-6,
    "قال": 1e-3,
    "وقال": 2e-4,
    "السلطة": 1e-4,
}


def test_rule_needs_a_known_stem() -> None:
    seg = Segmenter(TABLE)
    assert seg.segment("وزارة") == ["وزارة"]  # زارة explains too little of وزارة
    assert seg.segment("وقال") == ["و", "قال"]
    assert seg.segment("وكتابه") == ["و", "كتاب", "ه"]
    assert seg.segment("وجديد") == ["وجديد"]  # unknown stem: no evidence, no split


def test_unknown_word_with_article_after_proclitic_splits() -> None:
    seg = Segmenter(TABLE)
    assert seg.segment("والمستشفيات") == ["و", "المستشفيات"]
    assert seg.segment("للمستشفيات") == ["ل", "لمستشفيات"]
    assert seg.segment("للسلطة") == ["ل", "لسلطة"]


def test_a_stricter_ratio_splits_less() -> None:
    assert Segmenter(TABLE, ratio=1.0).segment("وقال") == ["وقال"]


# -- the missing resource ---------------------------------------------------------


def test_missing_wordfreq_raises_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    clitics.load_wordfreq.cache_clear()
    monkeypatch.setitem(sys.modules, "wordfreq", None)  # makes `import wordfreq` fail
    try:
        with pytest.raises(MissingResourceError) as info:
            Segmenter()
        assert "pip install 'arabnorm[clitics]'" in str(info.value)
        assert info.value.exit_code == EXIT_USAGE
    finally:
        clitics.load_wordfreq.cache_clear()


def test_cache_is_bounded_and_answers_stay_the_same() -> None:
    seg = Segmenter(TABLE, max_cache=2)
    words = ["وقال", "وكتابه", "وزارة", "وقال", "وجديد", "وكتابه"]
    assert seg.segment_tokens(words) == Segmenter(TABLE).segment_tokens(words)
    assert len(seg._cache) <= 2


def test_a_very_long_token_is_handled() -> None:
    word = "وب" + "كتاب" * 20_000 + "ه"
    assert "".join(segment(word)) == word


def test_folded_lookup_tells_teh_marbuta_from_the_pronoun() -> None:
    table = {"مدينة": 1e-4, "مدين": 1e-5, "كتاب": 1e-4, "كتابه": 2e-5, "كتابة": 1e-6}
    seg = Segmenter(table, folded=True)
    assert seg.segment("مدينه") == ["مدينه"]  # folded مدينة, not مدين + ه
    assert seg.segment("كتابه") == ["كتاب", "ه"]
    assert seg.segment("وكتابه") == ["و", "كتاب", "ه"]
    assert Segmenter(table).segment("مدينه") == ["مدين", "ه"]  # as written: a pronoun


def test_fold_table_sums_variants() -> None:
    assert clitics.fold_table({"إلى": 2.0, "الى": 1.0, "مدينة": 3.0}) == {
        "الي": 3.0,
        "مدينه": 3.0,
    }


def test_the_letters_it_names_are_the_right_code_points() -> None:
    import unicodedata

    from arabnorm import chars

    names = {
        "ALEF": "ARABIC LETTER ALEF",
        "ALEF_HAMZA_ABOVE": "ARABIC LETTER ALEF WITH HAMZA ABOVE",
        "ALEF_HAMZA_BELOW": "ARABIC LETTER ALEF WITH HAMZA BELOW",
        "ALEF_MADDA": "ARABIC LETTER ALEF WITH MADDA ABOVE",
        "HAMZA": "ARABIC LETTER HAMZA",
        "WAW_HAMZA": "ARABIC LETTER WAW WITH HAMZA ABOVE",
        "YEH_HAMZA": "ARABIC LETTER YEH WITH HAMZA ABOVE",
        "BEH": "ARABIC LETTER BEH",
        "TEH_MARBUTA": "ARABIC LETTER TEH MARBUTA",
        "TEH": "ARABIC LETTER TEH",
        "DAL": "ARABIC LETTER DAL",
        "SEEN": "ARABIC LETTER SEEN",
        "AIN": "ARABIC LETTER AIN",
        "FEH": "ARABIC LETTER FEH",
        "KAF": "ARABIC LETTER KAF",
        "LAM": "ARABIC LETTER LAM",
        "MEEM": "ARABIC LETTER MEEM",
        "NOON": "ARABIC LETTER NOON",
        "HEH": "ARABIC LETTER HEH",
        "WAW": "ARABIC LETTER WAW",
        "ALEF_MAKSURA": "ARABIC LETTER ALEF MAKSURA",
        "YEH": "ARABIC LETTER YEH",
    }
    for const, name in names.items():
        assert unicodedata.name(getattr(chars, const)) == name
    assert all(unicodedata.category(ch) == "Lo" for ch in chars.BASIC_LETTERS)
    assert len(chars.BASIC_LETTERS) == 41
    marks = chars.CLITIC_IGNORED_MARKS - {chars.TATWEEL}
    assert all(unicodedata.category(ch) == "Mn" for ch in marks)


# -- through arabnorm.tokenize ------------------------------------------------------


def test_tokenize_with_clitics_and_spans() -> None:
    import arabnorm

    text = "وَقالَ: إنّه سيعمل"
    toks = arabnorm.tokenize(text, clitics=True, spans=True)
    assert [t.text for t in toks] == ["و", "قال", ":", "إن", "ه", "س", "يعمل"]
    # the standard preset removed the marks; each span still covers them
    assert [text[t.start : t.end] for t in toks] == ["وَ", "قالَ", ":", "إنّ", "ه", "س", "يعمل"]
    assert arabnorm.tokenize("وبكتابه", clitics="mark") == ["و+", "ب+", "كتاب", "+ه"]
    assert arabnorm.tokenize("وبكتابه") == ["وبكتابه"]


def test_split_token_keeps_the_whole_span_when_letters_do_not_correspond() -> None:
    # a normalized token whose letters differ in number from its source slice
    assert clitics.split_token("وقال", 0, 3, "xyz") == [("و", 0, 3), ("قال", 0, 3)]


def test_tokenize_with_clitics_after_the_search_preset() -> None:
    import arabnorm

    assert arabnorm.tokenize("الحكومة العسكرية وحكومته", preset="search", clitics=True) == [
        "الحكومه",
        "العسكريه",
        "و",
        "حكومت",
        "ه",
    ]
