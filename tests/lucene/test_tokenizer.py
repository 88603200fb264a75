"""Lucene's StandardTokenizer: the rules on the cases that matter, the DFA, the fast paths."""

from __future__ import annotations

import random

import pytest

from arabnorm.lucene import tokenizer as tk
from arabnorm.lucene.tokenizer import MAX_TOKEN_LENGTH, TYPES, tokens


def texts(line: str) -> list[str]:
    return [t.text for t in tokens(line)]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("الكتاب، الجديد.", ["الكتاب", "الجديد"]),
        ("كتابٌ ـــ", ["كتابٌ", "ـــ"]),  # marks and tatweel belong to the word
        ("ک\u200cتاب \u200fكتاب", ["ک\u200cتاب", "كتاب"]),  # ZWNJ inside, RLM before: skipped
        ("ك\u200bتاب", ["ك", "تاب"]),  # zero-width space splits
        ("3.14 1,000 ١٬٠٠٠ ٣٫١٤ 12:30", ["3.14", "1,000", "١٬٠٠٠", "٣٫١٤", "12", "30"]),
        ("example.com O'Reilly don't a:b", ["example.com", "O'Reilly", "don't", "a:b"]),
        ("user@example.com", ["user", "example.com"]),
        ("http://x.org/p?q=1", ["http", "x.org", "p", "q", "1"]),
        ("123abc x_y __init__ ___", ["123abc", "x_y", "__init__"]),
        ("a\u202fb", ["a\u202fb"]),  # NARROW NO-BREAK SPACE joins like _
        ("a🏽 👍🏽 🇸🇦 1️⃣ #⃣ ❤️", ["a", "🏽", "👍🏽", "🇸🇦", "1️⃣", "#⃣", "❤️"]),
        ("👨\u200d👩\u200d👧 © ℹ", ["👨\u200d👩\u200d👧", "©", "ℹ"]),
        (
            "中文 ひら カタカナ 한국어 ไทยภาษา",
            ["中", "文", "ひ", "ら", "カタカナ", "한국어", "ไทยภาษา"],
        ),
        ('א"ב', ['א"ב']),
        ("\u0860 \u08be x", ["x"]),  # letters assigned after Unicode 9.0 are not
    ],
)
def test_rules(line: str, want: list[str]) -> None:
    assert texts(line) == want


def test_types_and_offsets() -> None:
    assert tokens("كتاب 12 😀") == [
        tk.Token("كتاب", 0, 4, "<ALPHANUM>"),
        tk.Token("12", 5, 7, "<NUM>"),
        tk.Token("😀", 8, 9, "<EMOJI>"),
    ]
    assert {t.type for t in tokens("a 1 😀 한 カ ไทย 中 ひ")} == set(TYPES)


@pytest.mark.parametrize(
    ("line", "lengths"),
    [
        ("a" * 300, [255, 45]),
        ("ab" * 127 + ".cd", [254, 2]),  # a match cannot end on the dot
        ("𝐀" * 130, [127, 3]),  # 254 code units: a surrogate pair is never split
        ("a" * 254 + "\u0301" * 3 + "x", [255, 1]),  # two marks left over are skipped
        ("ب" * 600, [255, 255, 90]),
    ],
)
def test_long_words_are_cut_in_windows_of_255_code_units(line: str, lengths: list[int]) -> None:
    assert [len(t) for t in texts(line)] == lengths


def test_runs_that_never_become_tokens_take_linear_time() -> None:
    # Each of these would cost a window's scan per character without the
    # failed attempt carried over; they must simply finish.
    for line, count in [
        ("\u200d" * 200_000, 0),
        ("_" * 200_000, 0),
        ("_\u064e" * 100_000, 0),
        ("a." * 100_000, -(-200_000 // (MAX_TOKEN_LENGTH + 1))),  # 255 + the dot skipped
        ("\u200d" * 1000 + "😀", 1),
    ]:
        assert len(tokens(line)) == count


def test_zwj_run_before_an_emoji_is_cut_by_the_window() -> None:
    (tok,) = tokens("\u200d" * 1000 + "😀")
    assert tok.text == "\u200d" * 253 + "😀"  # 253 + 2 units = 255


def test_the_dfa_is_minimal_and_starts_only_on_starters() -> None:
    d = tk.dfa()
    n = len(d.accept)
    assert 20 < n < 200
    for cls in range(tk.N_CLASSES):
        assert (d.delta[d.start * tk.N_CLASSES + cls] >= 0) == (cls in tk.STARTERS)
    rows = {(d.accept[s], *d.delta[s * tk.N_CLASSES : (s + 1) * tk.N_CLASSES]) for s in range(n)}
    assert len(rows) == n  # no two states alike


def test_whitespace_splits_tokens_except_narrow_no_break_space() -> None:
    table = tk.class_table()
    spaces = [c for c in map(chr, range(0x110000)) if c.isspace()]
    assert [c for c in spaces if table[ord(c)] != tk.OTHER] == ["\u202f"]
    assert tk.chunk_cutter().findall("a\tb\u00a0c\u202fd\u3000e") == ["a", "b", "c\u202fd", "e"]


ALPHABET = [
    *"abc0123456789٠١٢٣۱۲كتابيةه.,':;_-\"#*",
    *["\u064e", "\u0651", "\u200c", "\u200d", "\u200f", "\ufe0f", "\u20e3", "ـ"],
    *["😀", "🏽", "🇸", "©", "ℹ", "א", "カ", "中", "ไ", "\U000e0067", "\U000e007f", "𝐀"],
]


def test_the_plain_chunk_path_agrees_with_the_dfa() -> None:
    rng = random.Random(3)
    table = tk.class_table()
    for _ in range(20_000):
        chunk = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        classes = bytes(table[ord(c)] for c in chunk)
        units = tk.utf16_offsets(chunk) if any(ord(c) > 0xFFFF for c in chunk) else None
        assert tk.chunk_spans(chunk) == tk.scan(classes, units), chunk


def test_symbols_of_many_chunks_at_once_are_those_of_each() -> None:
    rng = random.Random(4)
    bmp = [c for c in ALPHABET if ord(c) <= 0xFFFF]
    chunks = ["".join(rng.choice(bmp) for _ in range(rng.randint(0, 9))) for _ in range(500)]
    units = tk.units_many(chunks)
    assert units is not None
    assert tk.symbols_many(units) == [tk.symbols(c) for c in chunks]
    assert tk.units_many(["a", "𝐀"]) is None  # above the BMP: one by one
    assert tk.units_many(["a\udc80"]) is None  # a lone surrogate from undecodable bytes


def test_the_shipped_dfa_is_the_one_the_rules_compile_to() -> None:
    from arabnorm.datafiles import read_data

    built = tk.build_dfa()
    assert tk.dfa() == built
    assert read_data(tk.DFA_FILE) == tk.dfa_text(built)
