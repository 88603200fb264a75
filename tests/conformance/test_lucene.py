"""Conformance with the real Lucene 8 (Debian's liblucene8-java, run by LuceneDriver.java).

- the ``lucene`` preset against ``ArabicNormalizer`` and the ``persian``
  stage against ``PersianNormalizer`` on every code point U+0001..U+FFFF
  and on text;
- the shipped Java lowercase and digit tables against the JVM's, on every
  code point;
- the tokenizer against ``StandardTokenizer`` on every code point of the BMP
  (and many above it) in contexts that tell the word-break classes apart;
- ``stem`` against ``ArabicStemmer`` on every distinct word of the texts;
- ``arabnorm analyze -a arabic|persian`` against ``ArabicAnalyzer`` and
  ``PersianAnalyzer`` on the seeds, news sentences (UD Arabic-PUD), noisy
  web text, Persian text, random strings and Lucene's own test strings.

Everything is asked of one JVM, started once for the module. Skipped when
Java or the jars are missing (``scripts/install-references.sh`` installs
them).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from arabnorm.lucene import filters
from arabnorm.lucene.analyzer import Analyzer, AnalyzeWriter
from arabnorm.lucene.tokenizer import tokens, utf16_offsets
from arabnorm.pipeline import Pipeline
from tests.conformance import lucene_ref

if lucene_ref.missing() is not None:
    pytest.skip(str(lucene_ref.missing()), allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
PUD = SHARED / "eval" / "ud-arabic-pud" / "ar_pud-ud-test.conllu"
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
CASES = json.loads((Path(__file__).parent / "data" / "lucene_test_strings.json").read_text())

BMP = [chr(cp) for cp in range(0x0001, 0x10000) if not 0xD800 <= cp <= 0xDFFF]
ASTRAL = [
    chr(cp)
    for cp in range(0x10000, 0x110000)
    if cp < 0x20000 or 0xE0000 <= cp < 0xE0200 or cp % 61 == 0
]
# Contexts that tell the word-break classes apart: between letters and digits,
# alone, repeated, after an Arabic letter, before a mark, after an emoji,
# between Hebrew letters, before a keycap, after a regional indicator.
CONTEXTS = "a{c}b 1{c}2 {c} {c}{c}x ك{c}ك {c}\u0301 😀{c} א{c}ב {c}\u20e3 🇸{c}🇦 _{c}_"


def _context(c: str) -> str:
    return CONTEXTS.replace("{c}", c)


# --- texts -----------------------------------------------------------------------


def _seed_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").split("\n")
    return lines


def _pud_lines() -> list[str]:
    if not PUD.is_file():
        return []
    prefix = "# text = "
    return [
        line[len(prefix) :]
        for line in PUD.read_text(encoding="utf-8").splitlines()
        if line.startswith(prefix)
    ]


def _made_noisy_lines() -> list[str]:
    """Lines of the project's noisy benchmark corpus (1 MB), if its builder is there."""
    if not MAKE_CORPUS.is_file():
        return []
    res = subprocess.run(
        [sys.executable, str(MAKE_CORPUS), "--mb", "1", "--profile", "noisy", "-o", "/dev/stdout"],
        capture_output=True,
        check=True,
    )
    return res.stdout.decode("utf-8").split("\n")[:1500]


_NOISE = [
    "😀", "👍🏽", "👨\u200d👩\u200d👧", "🇸🇦", "1️⃣", "#⃣", "❤️", "©", "ℹ", "™", "🫠",
    "https://example.com/ar?q=كتاب&x=1", "user@example.com", "@user_1", "#وسم", "www.x.org",
    "3.14", "1,000", "١٢٣٫٤٥", "۱۴۰۳", "2024م", "12:30", "x_y", "O'Reilly", "don't",
    "\u200c", "\u200d", "\u200e", "\u200f", "\u00ad", "\ufeff", "\u200b", "\u00a0", "\u202f",
    "ـــ", "\u064e", "\u0651", "\u0670", "ﻛﺘﺎﺏ", "ﷺ", "ی", "ک", "ۀ", "ے", "ٱ", "ؤ", "ئ",
    "İstanbul", "ΣΊΣΥΦΟΣ", "Zürich", "中文", "ひらがな", "カタカナ", "한국어", "ไทยภาษา", "עברית",
    "«", "»", "“", "”", "،", "؛", "؟", "...", "!!", "(", ")", "-", "/", ":", "'", '"', "\t",
    "𝐀𝐁𝐂", "\U000e0067", "a" * 300, "ب" * 260, "\u200d" * 40 + "😀",
]  # fmt: skip


def _noisy_lines(base: list[str], count: int, seed: int) -> list[str]:
    """Lines of ``base`` with noise put between and inside words (seeded)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = rng.choice(base).split(" ")
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(words) + 1)
            piece = rng.choice(_NOISE)
            if rng.random() < 0.3 and words:
                k = rng.randrange(len(words))
                w = words[k]
                cut = rng.randrange(len(w) + 1)
                words[k] = w[:cut] + piece + w[cut:]
            else:
                words.insert(at, piece)
        out.append(" ".join(words))
    return out


def _random_lines(count: int, seed: int) -> list[str]:
    """Random strings of letters, marks, digits, punctuation, format characters, emoji."""
    rng = random.Random(seed)
    alphabet = [
        *"abcXYZéßİ0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
        *map(chr, range(0x621, 0x653)),
        *".,'’:;_-/@#*%«»“”()!?،؛٫٬ـ\"",
        *["\u200c", "\u200d", "\u200e", "\u200f", "\u200b", "\ufeff", "\u00ad", "\u00a0"],
        *[" ", " ", "\t", "\u202f", *"پچژگکیۀے", *"中文ひらカタ한국ไทยאב"],
        *[
            "😀",
            "👍",
            "🏽",
            "❤",
            "\ufe0f",
            "\u20e3",
            "🇸",
            "🇦",
            "©",
            "ℹ",
            "\U000e0067",
            "\U000e007f",
        ],
        *"ﻡﻥﺍﻝﻻﷲ",
    ]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _persian_lines(count: int, seed: int) -> list[str]:
    """Persian sentences from common Persian words (wordfreq), with ZWNJ compounds."""
    try:
        import wordfreq
    except ImportError:
        return []
    words = wordfreq.top_n_list("fa", 3000)
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        picked = []
        for _ in range(rng.randint(3, 18)):
            w = rng.choice(words)
            r = rng.random()
            if r < 0.1:
                w = "می\u200c" + w
            elif r < 0.2:
                w = w + "\u200cها"
            elif r < 0.25:
                w = w + rng.choice(["،", ".", "؟", "!"])
            elif r < 0.3:
                w = "".join(rng.choice("۰۱۲۳۴۵۶۷۸۹") for _ in range(rng.randint(1, 4)))
            picked.append(w)
        out.append(" ".join(picked))
    return out


def _corpora() -> dict[str, list[str]]:
    seeds = _seed_lines()
    pud = _pud_lines()
    base = [line for line in seeds + pud if line.strip()]
    return {
        "seeds": seeds,
        "pud": pud,
        "made-noisy": _made_noisy_lines(),
        "noisy": _noisy_lines(base, 3000, 13),
        "random": _random_lines(4000, 7),
        "persian": _persian_lines(2000, 5),
        "cases": [c["input"] for c in CASES["cases"] if isinstance(c["expected"], list)],
    }


CORPORA = _corpora()


def _words(lines: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for line in lines:
        for t in tokens(line):
            found[t.text] = None
    return list(found)


WORDS = _words([line for name in ("seeds", "pud", "made-noisy", "noisy") for line in CORPORA[name]])
NORMALIZED_WORDS = sorted({Pipeline.from_preset("lucene").apply(w) for w in WORDS} - {""})


def _groups(ws: list[str], size: int = 300) -> list[str]:
    return [" ".join(ws[i : i + size]) for i in range(0, len(ws), size)]


def _requests() -> dict[str, list[tuple[str, str]]]:
    lines = [line for corpus in CORPORA.values() for line in corpus]
    sweep = "".join(BMP)
    every = [c for c in map(chr, range(1, 0x110000)) if not 0xD800 <= ord(c) <= 0xDFFF]
    strings = ["".join(every[i : i + 512]) for i in range(0, len(every), 512)]
    return {
        "normalize-cp": [("normalize", c) for c in BMP] + [("normalize", sweep)],
        "persian-cp": [("persian-normalize", c) for c in BMP] + [("persian-normalize", sweep)],
        "lowercase": [("lowercase", s) for s in strings],
        "digits": [("digits", s) for s in strings],
        "tokens-bmp": [("tokens", _context(c)) for c in BMP],
        "tokens-astral": [("tokens", _context(c)) for c in ASTRAL],
        "normalize-lines": [("normalize", line) for line in lines],
        "persian-lines": [("persian-normalize", line) for line in lines],
        "stem-words": [("stem", g) for g in _groups(WORDS)],
        "stem-normalized": [("stem", g) for g in _groups(NORMALIZED_WORDS)],
        **{
            f"arabic-{name}": [("analyze-arabic", line) for line in corpus]
            for name, corpus in CORPORA.items()
        },
        **{
            f"persian-{name}": [("analyze-persian", line) for line in corpus]
            for name, corpus in CORPORA.items()
        },
    }


@pytest.fixture(scope="module")
def lucene() -> Iterator[dict[str, list[Any]]]:
    """Every answer of the real Lucene, from one JVM run."""
    ref = lucene_ref.Lucene()
    try:
        groups = _requests()
        flat = [r for group in groups.values() for r in group]
        answers = iter(ref.batch([("tokens", "x"), *flat]))
        next(answers)
        out = {name: [next(answers) for _ in group] for name, group in groups.items()}
        out["version"] = [ref.version()]
        yield out
    finally:
        ref.close()


def test_the_reference_is_lucene_8(lucene: dict[str, list[Any]]) -> None:
    assert lucene["version"][0].startswith("lucene 8.")


def test_there_is_text_of_every_kind() -> None:
    assert len(CORPORA["seeds"]) >= 40
    assert len(CORPORA["noisy"]) == 3000
    assert len(CORPORA["random"]) == 4000
    assert len(WORDS) > 2000


# --- normalizers and tables --------------------------------------------------------


def test_lucene_preset_is_arabic_normalizer_on_every_bmp_code_point(
    lucene: dict[str, list[Any]],
) -> None:
    preset = Pipeline.from_preset("lucene")
    answers = lucene["normalize-cp"]
    for c, want in zip(BMP, answers, strict=False):
        assert preset.apply(c) == want, f"U+{ord(c):04X}"
    assert preset.apply("".join(BMP)) == answers[-1]


def test_persian_stage_is_persian_normalizer_on_every_bmp_code_point(
    lucene: dict[str, list[Any]],
) -> None:
    stage = Pipeline.from_spec("persian")
    answers = lucene["persian-cp"]
    for c, want in zip(BMP, answers, strict=False):
        assert stage.apply(c) == want, f"U+{ord(c):04X}"
    assert stage.apply("".join(BMP)) == answers[-1]


def test_normalizers_on_text(lucene: dict[str, list[Any]]) -> None:
    lines = [line for corpus in CORPORA.values() for line in corpus]
    preset, persian = Pipeline.from_preset("lucene"), Pipeline.from_spec("persian")
    assert preset.map_batch(lines) == lucene["normalize-lines"]
    assert persian.map_batch(lines) == lucene["persian-lines"]
    block = "\n".join(lines)
    assert preset.apply(block) == "\n".join(lucene["normalize-lines"])


def test_java_lowercase_and_digit_tables_match_the_jvm(lucene: dict[str, list[Any]]) -> None:
    lower = filters.translate_table(filters.java_lowercase())
    digits = filters.translate_table(filters.java_digits())
    for s, want in zip((r[1] for r in _requests()["lowercase"]), lucene["lowercase"], strict=True):
        assert s.translate(lower) == want
    for s, want in zip((r[1] for r in _requests()["digits"]), lucene["digits"], strict=True):
        assert s.translate(digits) == want


# --- the tokenizer -----------------------------------------------------------------


def _ours(text: str) -> list[tuple[str, int, int, str]]:
    units = utf16_offsets(text)
    return [(t.text, units[t.start], units[t.end], t.type) for t in tokens(text)]


def _theirs(answer: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [(t["token"], t["start_offset"], t["end_offset"], t["type"]) for t in answer["tokens"]]


def test_tokenizer_on_every_bmp_code_point(lucene: dict[str, list[Any]]) -> None:
    wrong = [
        f"U+{ord(c):04X}"
        for c, answer in zip(BMP, lucene["tokens-bmp"], strict=True)
        if _ours(_context(c)) != _theirs(answer)
    ]
    assert not wrong, wrong[:20]


def test_tokenizer_beyond_the_bmp(lucene: dict[str, list[Any]]) -> None:
    wrong = [
        f"U+{ord(c):04X}"
        for c, answer in zip(ASTRAL, lucene["tokens-astral"], strict=True)
        if _ours(_context(c)) != _theirs(answer)
    ]
    assert not wrong, wrong[:20]


# --- the stemmer -------------------------------------------------------------------


@pytest.mark.parametrize("group", ["stem-words", "stem-normalized"])
def test_stem_is_arabic_stemmer_on_every_distinct_word(
    lucene: dict[str, list[Any]], group: str
) -> None:
    words = WORDS if group == "stem-words" else NORMALIZED_WORDS
    stem = Pipeline.from_spec("stem")
    theirs = " ".join(lucene[group]).split(" ")
    assert len(theirs) == len(words)
    wrong = [(w, t) for w, t in zip(words, theirs, strict=True) if stem.apply(w) != t]
    assert not wrong, wrong[:20]
    # the stage on whole lines stems word by word
    assert stem.apply(" ".join(words)) == " ".join(theirs)


# --- the analyzers -------------------------------------------------------------------


def _check_analyzer(name: str, corpus: str, answers: list[Any]) -> None:
    lines = CORPORA[corpus]
    if not lines:
        pytest.skip(f"no {corpus} text here")
    block = "".join(line + "\n" for line in lines)
    got_units = AnalyzeWriter(name, "jsonl", "utf16").apply(block).split("\n")[:-1]
    got_points = AnalyzeWriter(name, "jsonl").apply(block).split("\n")[:-1]
    got_text = AnalyzeWriter(name, "text").apply(block).split("\n")[:-1]
    assert len(got_units) == len(lines)
    wrong = []
    for i, (line, answer) in enumerate(zip(lines, answers, strict=True)):
        units = utf16_offsets(line)
        to_points = {u: k for k, u in enumerate(units)}
        points = {
            "tokens": [
                {**t, "start_offset": to_points[t["start_offset"]],
                 "end_offset": to_points[t["end_offset"]]}
                for t in answer["tokens"]
            ]
        }  # fmt: skip
        terms = " ".join(t["token"] for t in answer["tokens"])
        if (
            json.loads(got_units[i]) != answer
            or json.loads(got_points[i]) != points
            or got_text[i] != terms
        ):
            wrong.append(line)
    assert not wrong, f"{len(wrong)} of {len(lines)} lines differ, e.g. {wrong[:3]!r}"


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_arabic_analyzer(lucene: dict[str, list[Any]], corpus: str) -> None:
    _check_analyzer("arabic", corpus, lucene[f"arabic-{corpus}"])


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_persian_analyzer(lucene: dict[str, list[Any]], corpus: str) -> None:
    _check_analyzer("persian", corpus, lucene[f"persian-{corpus}"])


def test_python_api_gives_the_same_terms(lucene: dict[str, list[Any]]) -> None:
    import arabnorm

    for line, answer in zip(CORPORA["noisy"], lucene["arabic-noisy"], strict=True):
        assert arabnorm.analyze(line) == [t["token"] for t in answer["tokens"]]
    analyzer = Analyzer("persian")
    for line, answer in zip(CORPORA["persian"], lucene["persian-persian"], strict=True):
        got = analyzer.analyze(line, offsets="utf16")
        assert [[t.token, t.start, t.end, t.type, t.position] for t in got] == [
            list(t.values()) for t in answer["tokens"]
        ]
