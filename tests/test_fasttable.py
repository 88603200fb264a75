"""The vectorized runners give exactly what the steps they run give."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabnorm.compiler import runner
from arabnorm.fasttable import MIN_VECTOR, VectorTable, fast_table
from arabnorm.stages.base import Step, Table

np = pytest.importorskip("numpy")

KEYS = st.sampled_from(
    [0x41, 0x640, 0x623, 0x64B, 0x649, 0xFDF2, 0xFEFB, 0x1F600, 0xFFFF, 0xFFFE, 0xE9]
)
VALUES = st.sampled_from(["", "ا", "ي", "لا", "الله", "\U0001f600", "x", "\ufffe", "ـ"])
TEXT = st.text(
    alphabet=st.sampled_from(
        ["a", "ـ", "أ", "\u064b", "ى", "ﷲ", "ﻻ", "😀", "\ufffe", " ", "\n", "é", "\udc80", "\ud83d"]
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=8), TEXT)
def test_vector_equals_translate(mapping: dict[int, str], text: str) -> None:
    table = Table(mapping)
    big = text * (MIN_VECTOR // max(1, len(text)) + 1)
    vector = fast_table(table)
    assert vector(big) == table.apply(big)
    assert vector(text) == table.apply(text)


def test_lone_surrogates_in_a_row_stay_two_characters() -> None:
    run = VectorTable.build(Table({ord("a"): "b"}))
    assert run is not None
    text = "\ud83d\ude00 a \udc80 " * 1000  # not one emoji: two lone halves
    assert run(text) == text.replace("a", "b")


def test_vector_path_is_used_for_ordinary_tables() -> None:
    table = Table({0x640: "", 0x623: "ا", 0xFDF2: "الله"})
    run = fast_table(table)
    assert isinstance(run, VectorTable)
    text = "أحـمد ﷲ\n" * 1000
    assert run(text) == "احمد الله\n" * 1000


def test_a_value_that_is_an_expansion_key_has_no_vector_runner() -> None:
    table = Table({0x41: "B", 0x42: "CC"})
    assert VectorTable.build(table) is None
    run = fast_table(table)
    assert run("AB" * 2000) == ("BCC" * 2000)


# --- rules: line filters and vectorized runs --------------------------------

from arabnorm.fasttable import LineFilter, VectorRuns, VectorTrim  # noqa: E402
from arabnorm.stages.base import KeepOnly, Rule, RunRule, TrimRule  # noqa: E402

RULES = [
    Rule(
        r"(?m)(?P<trim>^ ++|(?<! ) ++(?=\r?$))|(?<! ) {2,}+",
        lambda m: "" if m.group("trim") is not None else " ",
    ),
    Rule(r"[\u200c-\u200d]++", "", triggers="\u200c\u200d"),
    Rule(
        r"(?r)(?P<base>[اوي])(?P<h>[\u064b-\u0652]*+)(?P<mark>[\u0653-\u0655])",
        lambda m: "أ" + m.group("h"),
        triggers="\u0653\u0654\u0655",
    ),
    Rule(r"ی(?![\u0620-\u064a])", "ى", triggers="ی"),
    Rule(r"\p{Arabic}{3}", lambda m: m.captures(0)[0][::-1]),  # regex-only pattern and method
    Rule(r"[^\n\r a-zب]++", ""),
    RunRule("ب😀ا", 2, 1),  # found by comparing neighbours, also in UTF-32 text
    RunRule("بx", 3, 2),
    TrimRule(" "),  # runs located by position, line ends read around them
    TrimRule("x"),
]
LINE_TEXT = st.lists(
    st.sampled_from(
        [" ", "\n", "\r", "ا", "ب", "\u064e", "\u0654", "\u200c", "ی", "x", "ببب", "😀"]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE_TEXT, min_size=1, max_size=60))
def test_fast_rule_runners_equal_the_rule(parts: list[str]) -> None:
    dense = "".join(parts) * 40
    # sparse: the lines that can match are far apart, so the filters pick lines
    filler = "x" * 300
    sparse = "\n".join(f"{filler}\n{p}\n{filler}" for p in parts) * 3
    for text in (dense, sparse, sparse.replace("\n", "\r\n")):
        for rule in RULES:
            assert runner(rule, vector=True)(text) == rule.apply(text), rule


def test_runners_follow_the_declarations() -> None:
    assert isinstance(runner(RULES[1], vector=True), LineFilter)
    assert isinstance(runner(RULES[3], vector=True), LineFilter)
    assert runner(RULES[0], vector=True) == RULES[0].apply  # declares nothing
    assert isinstance(runner(RunRule("ب", 2, 1), vector=True), VectorRuns)
    assert isinstance(runner(TrimRule(" "), vector=True), VectorTrim)
    assert runner(RULES[1], vector=False) == RULES[1].apply


def test_a_plugin_rule_with_regex_only_syntax_runs_as_written() -> None:
    """The fast paths never read a pattern: a POSIX class means what regex says."""
    rule = Rule(r"[[:digit:]]+", "#")
    text = "ab 123\n" * 1000
    assert runner(rule, vector=True)(text) == rule.apply(text) == "ab #\n" * 1000


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([" ", "  ", "\n", "\r", "\r\n", "a", "ب", "بب", "ببب", "😀"]), max_size=40
    ),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=0, max_value=2),
)
def test_run_and_trim_rules_vectorized_equal_the_pattern(
    parts: list[str], longer_than: int, fewer: int
) -> None:
    """Every placement of runs against line ends and text ends, in large texts."""
    keep = max(1, longer_than - fewer)
    text = "".join(parts)
    runs = RunRule("ب😀", longer_than, keep)
    trim = TrimRule(" ")
    for big in (text * (MIN_VECTOR // max(1, len(text)) + 1), " " + text, text + " \r"):
        big = big if len(big) >= MIN_VECTOR else big * (MIN_VECTOR // max(1, len(big)) + 1)
        for rule in (runs, trim):
            assert runner(rule, vector=True)(big) == rule.apply(big), (rule, big[:80])


def test_trim_rule_at_the_very_ends_of_a_large_text() -> None:
    body = "a  b" * MIN_VECTOR
    rule = TrimRule(" ")
    for text in ("  " + body + "  ", " " + body + " \r", body + "\r\r  ", "\n " + body + " \r\n"):
        assert runner(rule, vector=True)(text) == rule.apply(text)


@settings(max_examples=150, deadline=None)
@given(
    st.sets(st.sampled_from(["a", "ـ", "أ", "\u064b", "ى", "ﷲ", " ", "\n", "é", "\ufffe"])),
    st.dictionaries(KEYS, VALUES, max_size=8),
    TEXT,
)
def test_keep_only_folded_into_a_table_equals_the_two_steps(
    keep: set[str], mapping: dict[int, str], text: str
) -> None:
    """Lone surrogates, pairs, U+FFFF and expansions, kept or not."""
    rule, table = KeepOnly(keep), Table(mapping)
    run = VectorTable.build(table, keep_only=rule)
    if run is None:
        return  # the pipeline then runs the two steps one by one
    big = text * (MIN_VECTOR // max(1, len(text)) + 1)
    for t in (text, big, big + "\uffff😀"):
        assert run(t) == table.apply(rule.apply(t))


def test_keep_only_and_a_table_run_as_one_pass_in_a_pipeline() -> None:
    from arabnorm.pipeline import Pipeline

    pipeline = Pipeline.from_spec("camel")
    assert len(pipeline.steps) == 2
    assert len(pipeline._run) == 1 and isinstance(pipeline._run[0], VectorTable)


# --- tables across rules that rarely apply ----------------------------------

from arabnorm.fasttable import TableWindow  # noqa: E402

WINDOW_STEPS = [
    Table({ord("أ"): "ا", ord("ﷺ"): "صلى ی", ord("ـ"): ""}),
    Rule(r"[\u200c-\u200d]++", "", triggers="\u200c\u200d"),
    Table({ord("\u064e"): "", ord("\u200d"): "\u200c"}),
    Rule(r"ی(?![\u0620-\u064a])", "ى", triggers="ی"),
    Table({ord("ی"): "ي", ord("x"): "xx"}),
    Rule(
        r"(?r)(?P<base>[اوي])(?P<h>[\u064b-\u0652]*+)(?P<mark>[\u0653-\u0655])",
        lambda m: "أ" + m.group("h"),
        triggers="\u0653\u0654\u0655",
    ),
    Table({ord("ى"): "ي"}),
]
ABSORBING_STEPS = [
    *WINDOW_STEPS[:3],
    # only turns some ی into ى, and the tables after it make both ي
    Rule(r"ی(?![\u0620-\u064a])", "ى", triggers="ی", one_char=True),
    *WINDOW_STEPS[4:],
]
WINDOW_TEXT = st.lists(
    st.sampled_from([*"\n ابأـ\u064e\u0654\u200c\u200dیﷺx😀\ufffe\uffff", "\r\n", "كتب"]),
    max_size=60,
).map("".join)


def _one_by_one(text: str, steps: list[Table | Rule]) -> str:
    for step in steps:
        text = step.apply(text)
    return text


@pytest.mark.parametrize("steps", [WINDOW_STEPS, ABSORBING_STEPS], ids=["rules", "absorbing"])
@settings(max_examples=150, deadline=None)
@given(parts=st.lists(WINDOW_TEXT, min_size=1, max_size=40))
def test_table_window_equals_the_steps_one_by_one(
    steps: list[Table | Rule], parts: list[str]
) -> None:
    window = TableWindow.build(steps, [s.apply for s in steps])
    assert isinstance(window, TableWindow)
    filler = "أبـ\u064eتث " * 60  # only table characters: the fused pass
    dense = "\n".join(parts) * 40
    sparse = "\n".join(f"{filler}\n{p}\n{filler}" for p in parts) * 3
    for text in (dense, sparse, sparse.replace("\n", "\r\n"), filler * 50, sparse + "x"):
        assert window(text) == _one_by_one(text, steps)


def test_a_watching_step_before_a_window_equals_the_steps_one_by_one() -> None:
    from arabnorm.fasttable import WatchedWindow
    from arabnorm.pipeline import Pipeline
    from tests import registry

    lines = registry.lines("watched")
    damaged = [ln.encode("utf-8", "surrogatepass").decode("cp1256", "replace") for ln in lines[:40]]
    filler = "\n".join(lines[:60]) + "\n"
    for preset in ("search", "standard"):
        pipeline = Pipeline.from_preset(preset)
        assert isinstance(pipeline._run[0], WatchedWindow), preset

        def reference(text: str, steps: Sequence[Step] = pipeline.steps) -> str:
            for step in steps:
                text = step.apply_with_edits(text)[0]
            return text

        plain = "كتب قال محمد على مدرسة، مسؤول رئيس”\n" * 150  # ة” looks like a UTF-8 start
        texts = [
            plain,  # clean: the one lookup
            filler * 3,  # a window rule's danger
            plain + damaged[3] + "\n" + plain,  # a damaged line: the repair, then the window
            plain + "ا\u0654 كتب\n" + plain,  # a window rule's danger, no damage
            filler + damaged[5] + "\nا\u0654\n" + filler,  # both
            filler + "\ufffe\uffff\n" + filler,  # noncharacters: no lookup
            damaged[7],  # short
        ]
        for text in texts:
            assert pipeline.apply(text) == reference(text), (preset, text[:80])


def test_a_one_char_rule_is_absorbed_only_where_the_tables_after_it_hide_it() -> None:
    def absorbed(steps: list[Table | Rule]) -> int:
        window = TableWindow.build(steps, [s.apply for s in steps])
        assert window is not None
        return window._absorbed

    assert absorbed(ABSORBING_STEPS) == 0b10  # the second rule
    assert absorbed(WINDOW_STEPS) == 0  # not declared one_char
    yeh = ABSORBING_STEPS[3]
    # the last table keeps ى apart from ي: the rule shows
    assert absorbed([*ABSORBING_STEPS[:3], yeh, Table({ord("ی"): "ي"})]) == 0
    # a later rule reads what it writes: it must run first
    reads = Rule("ى\u0654", "ئ", triggers="ى\u0654")
    assert absorbed([*ABSORBING_STEPS[:3], yeh, reads, Table({ord("ی"): "ى"})]) == 0
    assert absorbed([*ABSORBING_STEPS[:3], yeh, Table({ord("ی"): "ى"})]) == 0b10
    text = ("علی کتاب ی" + " كـتب" * 300 + "\n") * 20  # danger of the absorbed rule only
    assert TableWindow.build(ABSORBING_STEPS, [s.apply for s in ABSORBING_STEPS])(
        text
    ) == _one_by_one(text, ABSORBING_STEPS)


def test_a_one_char_rule_needs_triggers_and_one_character() -> None:
    with pytest.raises(ValueError):
        Rule("ی", "ىى", triggers="ی", one_char=True)
    with pytest.raises(ValueError):
        Rule("ی", "ى", one_char=True)


def test_table_window_danger_includes_what_earlier_tables_produce() -> None:
    steps = [
        Table({ord("ﷺ"): "صلى ی"}),
        Rule("ی", "Y", triggers="ی"),
        Table({ord("ی"): "ي", ord("ـ"): ""}),
    ]
    window = TableWindow.build(steps, [s.apply for s in steps])
    assert window is not None
    text = "ﷺ" + " كـتب" * 600 + "\n" + "كـتب " * 600  # ﷺ becomes words ending in ی
    assert window(text) == "صلى Y" + " كتب" * 600 + "\n" + "كتب " * 600


def test_table_window_needs_two_tables_and_rules_with_declared_triggers() -> None:
    def build(steps: list[Table | Rule]) -> TableWindow | None:
        return TableWindow.build(steps, [s.apply for s in steps])

    assert build(WINDOW_STEPS[:1]) is None
    assert build([WINDOW_STEPS[0], Rule(r"[^ab]", ""), WINDOW_STEPS[2]]) is None
    assert build([WINDOW_STEPS[0], Rule(r"(?i)k", "", triggers="kK"), WINDOW_STEPS[2]]) is not None


def test_table_window_falls_back_when_a_table_makes_line_breaks() -> None:
    steps = [Table({ord("|"): "\n"}), Rule("ی", "ى", triggers="ی"), Table({ord("ـ"): ""})]
    window = TableWindow.build(steps, [s.apply for s in steps])
    assert window is not None
    text = ("کتـب|ی\n" + "ـا" * 50 + "\n") * 100
    expected = steps[2].apply(steps[1].apply(steps[0].apply(text)))
    assert window(text) == expected


def test_search_and_standard_fuse_their_tables() -> None:
    from arabnorm.fasttable import WatchedWindow
    from arabnorm.pipeline import Pipeline

    for preset in ("search", "standard"):
        pipeline = Pipeline.from_preset(preset)
        # mojibake, which must see the text before any table changes it, and the
        # window after it: one lookup for both
        assert isinstance(pipeline._run[0], WatchedWindow), preset
        assert isinstance(pipeline._run[0]._window, TableWindow), preset
        assert sum(isinstance(s, Table) for s in pipeline.steps) >= 3


# --- edits of a table, for spans --------------------------------------------


def test_table_edits_equal_the_table_itself() -> None:
    import random

    from arabnorm.fasttable import TableEdits

    table = Table({ord("ـ"): "", ord("ﷲ"): "الله", ord("أ"): "ا", ord("x"): "x", 0x1F600: "?"})
    rng = random.Random(7)
    for alphabet in ("ـﷲأxب \n", "ـﷲأxب \n😀"):
        text = "".join(rng.choice(alphabet) for _ in range(5000))
        got = TableEdits(table)(text)
        assert got is not None
        out, arrays = got
        want_out, want_edits = table.apply_with_edits(text)
        assert out == want_out
        assert arrays is not None
        assert list(zip(*(a.tolist() for a in arrays), strict=True)) == want_edits


# --- class tokens ------------------------------------------------------------------


def _class_tokens_cases() -> list[str]:
    rng = random.Random(12)
    alphabet = "ab12/ x\r\n!😀ب١ج3٣\t"
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.choice([2100, 5000]))) for _ in range(60)
    ]


def test_vector_class_tokens_give_the_step_s_output() -> None:
    from arabnorm.fasttable import VectorClassTokens
    from arabnorm.stages.base import ClassTokens

    step = ClassTokens("ab12٣3ب", "12٣3", "abب", {"/": "-", "!": "!"})
    run = VectorClassTokens.build(step, step.apply)
    assert run is not None
    for text in _class_tokens_cases():
        assert run(text) == step.apply_with_edits(text)[0]


def test_a_table_folds_into_vector_class_tokens() -> None:
    from arabnorm.fasttable import VectorClassTokens
    from arabnorm.stages.base import ClassTokens

    step = ClassTokens("ab12٣3ب", "12٣3", "abب", {"/": "-", "!": "!"})
    table = Table({ord("١"): "1", ord("x"): "a", ord("ج"): "!"})
    run = VectorClassTokens.build(step, step.apply, table=table)
    assert run is not None
    for text in _class_tokens_cases():
        assert run(text) == step.apply_with_edits(table.apply(text))[0]
    assert VectorClassTokens.build(step, step.apply, table=Table({ord("x"): ""})) is None
