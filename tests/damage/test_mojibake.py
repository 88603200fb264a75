"""The mojibake repair: damaged text comes back exactly, real text never changes."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabnorm.damage import mojibake as m
from arabnorm.stages.damaged import MojibakeRule
from tests.damage.cases import KINDS, damage, own_sentences, real_text, seed_sentences

SENTENCES = seed_sentences() + own_sentences()


@pytest.mark.parametrize("how", KINDS)
def test_whole_sentences_come_back(how: str) -> None:
    for sentence in SENTENCES:
        assert m.repair(damage(sentence, how)) == sentence, (how, sentence)


@pytest.mark.parametrize("how", ["cp1256", "cp1252", "latin-1", "cp1256+cp1256"])
def test_a_damaged_phrase_inside_good_text_comes_back(how: str) -> None:
    rng = random.Random(how)
    english = "The minister said on Monday that the new schools would open soon"
    for sentence in SENTENCES:
        words = sentence.split()
        a = rng.randrange(len(words))
        b = min(len(words), a + rng.randint(2, 5))
        phrase = " ".join(words[a:b])
        in_arabic = " ".join([*words[:a], damage(phrase, how), *words[b:]])
        assert m.repair(in_arabic) == sentence, (how, in_arabic)
        in_english = f"{english} {damage(phrase, how)} and more."
        assert m.repair(in_english) == f"{english} {phrase} and more."


@pytest.mark.parametrize("how", ["cp1252", "latin-1", "cp1252+cp1252", "cp1256"])
def test_latin_script_lines_come_back(how: str) -> None:
    for lang in ("fr", "da", "tr", "vi", "de", "es", "pt"):
        for line in real_text()[lang]:
            assert m.repair(damage(line, how)) == line, (how, line)


def test_lines_that_start_with_quotes_or_persian_letters() -> None:
    for line in ("«بسبب» اشتراكها في", "“في” الأفلام", "کان يوم 30 آب", "ﺍﺩﻉﻯ هذه المرة"):
        for how in KINDS:
            assert m.repair(damage(line, how)) == line, (how, line)


def test_real_text_never_changes() -> None:
    groups = real_text()
    assert set(groups) >= {"fa", "ur", "fr", "da", "tr", "vi", "ar-legit", "mixed"}
    for lines in groups.values():
        for line in lines:
            assert m.repair(line) == line
    for line in SENTENCES:
        assert m.repair(line) == line


def test_legit_pairs_beside_punctuation_stay() -> None:
    # every word of the sentences and of the Persian/Urdu lines, glued to each
    # character that damage is made of
    marks = "…§„»«”“’‘–—،؛؟\u00a0\u200c•€™°±·"
    words = {w for s in SENTENCES[:40] for w in s.split()}
    words |= {w for lang in ("fa", "ur") for s in real_text()[lang] for w in s.split()}
    for word in sorted(words):
        for mark in marks:
            for line in (word + mark, mark + word, f"قال {word}{mark} ثم"):
                assert m.repair(line) == line, line


def test_weak_runs_need_a_strong_neighbour() -> None:
    assert m.repair("ظ…") == "ظ…"
    assert m.repair("وقال: ظ„ هي") == "وقال: ظ„ هي"
    # a one-letter word beside damaged words is repaired with them
    assert m.repair(damage("و قال", "cp1256")) == "و قال"
    # a Latin letter glued to ASCII letters is strong on its own
    assert m.repair("cafÃ©") == "café"
    assert m.repair("25Â°C") == "25°C"


def test_lost_soft_hyphen_and_zwnj_are_put_back() -> None:
    sentence = "حصل الحزب على الأغلبية"
    damaged = damage(sentence, "cp1256")
    assert m.repair(damaged.replace("\u00ad", "")) == sentence
    quoted = "قال “نعم” ثم سكت"
    assert m.repair(damage(quoted, "cp1256").replace("\u200c", "")) == quoted


def test_lines_are_independent_and_terminators_stay() -> None:
    lines = [damage(s, "cp1256") for s in SENTENCES[:5]]
    for sep in ("\n", "\r\n"):
        assert m.repair(sep.join(lines)) == sep.join(SENTENCES[:5])


def test_repairs_explain_what_changed() -> None:
    found = m.repairs(damage("قال الرئيس", "cp1256") + " and " + damage("café", "cp1252"))
    assert [(r.new, r.code_page, r.strong) for r in found] == [
        ("قال", "windows-1256", True),
        ("الرئيس", "windows-1256", True),
        ("é", "windows-1252", True),
    ]


def test_the_pre_check_misses_no_repair() -> None:
    rule = MojibakeRule()
    rng = random.Random(11)
    alphabet = [*m.CONTINUATIONS, *m.LEADS, *"ابتعمن ،.«»\u00a0\u00ad", "a", "1", "😀"]
    for _ in range(150):
        lines = []
        for _ in range(rng.randint(1, 30)):
            s = rng.choice(SENTENCES)
            a = rng.randrange(len(s) + 1)
            b = rng.randint(a, len(s))
            noise = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            lines.append(s[:a] + damage(s[a:b], rng.choice(KINDS)) + s[b:] + noise)
        block = "\n".join(lines) * 3
        assert rule.apply(block) == m.repair(block)
        assert rule.apply(block) == rule.apply_with_edits(block)[0]


def test_clean_text_has_no_candidate_lines() -> None:
    block = "\n".join(SENTENCES) * 5
    assert m.strong_candidates(block) == []


def test_hostile_runs_take_linear_time() -> None:
    started = time.process_time()
    for text in ("ط" * 100_000 + "ظ…", "ظ…" * 100_000, "â€œ" * 50_000, "Ã" * 100_000 + "©"):
        m.repair(text)
        m.strong_candidates(text)
    assert time.process_time() - started < 60  # a bound against blow-ups, not a timing


def test_runs_longer_than_the_limit_are_left_alone() -> None:
    word = damage("ب" * (m.MAX_UNITS + 5), "cp1256")
    assert m.repair(word) == word


_UNIT_CHARS = [*sorted(m.CONTINUATIONS | m.LEADS)[::3], "ط", "ظ", "Ø", "Ù", "â", "€", "§", "…"]
_PIECES = [*_UNIT_CHARS, "„", " ", "\n", "a", "3", "ك", "ة", "ظ…", "ط§"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_UNIT_CHARS, " ", "\n", "a", "3", "ك", "ة", "ظ…", "ط§"]), max_size=80
    ),
    st.integers(min_value=0, max_value=20),
)
def test_run_matches_are_the_pattern_matches(pieces: list[str], pos: int) -> None:
    text = "".join(pieces)
    expected = [x.span() for x in m.RUN.finditer(text, pos)]
    assert [x.span() for x in m.run_matches(text, pos)] == expected


def test_run_matches_on_damaged_seed_sentences() -> None:
    sentences = seed_sentences()
    for kind in KINDS:
        # damaged sentences between good ones, as one line and as lines
        text = " ".join(s if i % 3 else damage(s, kind) for i, s in enumerate(sentences))
        for t in (text, text.replace(". ", ".\n")):
            assert [x.span() for x in m.run_matches(t)] == [x.span() for x in m.RUN.finditer(t)]


def test_continuation_chars_are_the_units_the_check_looks_for() -> None:
    import numpy as np

    from arabnorm.damage import mojibake as m

    looked_for = frozenset(map(chr, np.flatnonzero(m._tables()[3]).tolist()))
    assert m.continuation_chars() == looked_for
    assert "»" in looked_for and "ا" not in looked_for
