"""Conformance with the real AraBERT preprocessor (arabert 1.0.1).

The ``arabert`` preset must give, line by line, exactly what
``ArabertPreprocessor(model_name="bert-base-arabertv02").preprocess`` gives:
on every BMP code point alone and in contexts that exercise each of its
rules, on the seeds, on news sentences (UD Arabic-PUD, when the shared
folder is there), on a noisy corpus, on web and social lines written for
this test, and on generated strings. Skipped when ``arabert`` (and the
PyArabic it imports) is not installed: ``scripts/install-references.sh``
installs both without their dependencies.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabnorm.pipeline import Pipeline
from arabnorm.tokenizer import tokenize_with

preprocess = pytest.importorskip(
    "arabert.preprocess", reason="arabert is not installed (a test-time reference)"
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REF = preprocess.ArabertPreprocessor(model_name="bert-base-arabertv02")
ARABERT = Pipeline.from_preset("arabert")


def _shared_dir() -> Path | None:
    for candidate in (os.environ.get("ARABNORM_SHARED"), ROOT.parent / "shared"):
        if candidate and (Path(candidate) / "bench" / "make_corpus.py").is_file():
            return Path(candidate)
    return None


def reference(line: str) -> str:
    """The reference's output; a ``\\r`` ending the line is its terminator and stays."""
    if line.endswith("\r"):
        return str(REF.preprocess(line[:-1])) + "\r"
    return str(REF.preprocess(line))


def assert_same(lines: list[str]) -> None:
    """Every line alone, and all of them as one block, give the reference's lines."""
    want = [reference(line) for line in lines]
    got = [ARABERT.apply(line) for line in lines]
    bad = [(line, w, g) for line, w, g in zip(lines, want, got, strict=True) if w != g]
    assert not bad, (len(bad), bad[:5])
    assert ARABERT.apply("\n".join(lines)) == "\n".join(want)
    assert ARABERT.map_batch(lines) == want


WEB_LINES = [
    "<p>مرحبا &amp; أهلا</p>",
    "<div class='x'>خبر <b>عاجل</b><br />التفاصيل&nbsp;هنا</div> <!-- تعليق -->",
    "&lt;script&gt;alert(1)&lt;/script&gt; &#1605;&#x631;&#1581;&#1576;&#1575; &copy; &notit; &amp",
    'a < b و c > d <> <<br /> </> <a href="https://موقع.com/مقالة?id=5">رابط</a>',
    "زوروا https://example.com/مقالة/الأولى?ref=tw و www.الجزيرة.net/news أو x.com/a",
    "راسلونا على info@example.org أو user.name+tag@mail.co.uk أو a@b أو @@@",
    "تابعوا @ahmed_1 و @محمد_علي و @_x #وسم #عاجل_الآن #2024 email@",
    "http://a httpx wwwfoo www. file.txt index.html a.com b.comcom ://x abc@def@ghi",
    "رائع😀😀😀 👍🏽 👩\u200d💻 👨\u200d👩\u200d👧 🇸🇦🇪🇬 1\ufe0f\u20e3 #\ufe0f\u20e3 ❤\ufe0f ©™",
    "السعر ١٢٣٫٥ ريال أو 123.5$ أو ۱۲۳ تومان، عام2024م و2020-2021 و٢٠٢٤هـ 3أيام",
    "COVID19 و covid-19 وiPhone15 وA1ب و١ب٢ 50% و٥٠٪",
    "1ب1b 1ب2ج ب1ج x1ب2y ب1a ab1ب1 ١ب١b 2020م2021",
    "جمييييييل!!!!!! هههههههه ؟؟؟؟ .... ـــــ nooooo 1000000 ١١١١١",
    "كَتَبَ الطّالِبُ الدَّرْسَ آمين ا\u0653 ى\u0670 ٱلرحمن ﻛﺘﺎﺏ ﷺ کتاب فارسی",
    "\u200fنص\u200e مع\u200b علامات\u00ad خفية\ufeff و\u00a0فراغ\u3000غريب\t",
    "a/b/c 1/2 «اقتباس» “quote” ‘x’ — – … · [رابط] [ مستخدم ] {x} |y| ~z ^ \\ _",
    "   ",
    "",
]


def test_the_hand_made_web_and_social_lines() -> None:
    assert_same(WEB_LINES)


def test_there_are_seeds() -> None:
    assert len(SEEDS) >= 2


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_the_seeds(path: Path) -> None:
    assert_same(path.read_text(encoding="utf-8").splitlines())


CONTEXTS = [
    "{c}",
    "ب{c}ب",
    "a{c}1",
    "{c}{c}{c}x",
    "1{c}ب",
    "x.co{c}m",
    "&amp{c}",
    "@a{c}b",
    "<{c}>",
]


@pytest.mark.parametrize("context", CONTEXTS)
def test_every_bmp_code_point_in_context(context: str) -> None:
    lines = [
        context.format(c=chr(cp))
        for cp in range(1, 0x10000)
        if cp != 0x0A and not 0xD800 <= cp <= 0xDFFF
    ]
    want = [reference(line) for line in lines]
    got = ARABERT.map_batch(lines)  # one block: the vectorized runners
    bad = [(line, w, g) for line, w, g in zip(lines, want, got, strict=True) if w != g]
    assert not bad, (len(bad), bad[:5])


def test_code_points_beyond_the_bmp() -> None:
    lines = [f"ب{chr(cp)}1 {chr(cp)}" for cp in range(0x10000, 0x110000, 97)]
    assert_same(lines)


def test_news_sentences() -> None:
    shared = _shared_dir()
    gold = shared / "eval" / "ud-arabic-pud" / "ar_pud-ud-test.conllu" if shared else None
    if gold is None or not gold.is_file():
        pytest.skip("../shared/eval/ud-arabic-pud not found beside the repository")
    lines = [
        line[len("# text = ") :]
        for line in gold.read_text(encoding="utf-8").splitlines()
        if line.startswith("# text = ")
    ]
    assert len(lines) == 1000
    assert_same(lines)


def test_a_noisy_corpus(tmp_path: Path) -> None:
    shared = _shared_dir()
    if shared is None:
        pytest.skip("../shared/bench/make_corpus.py not found beside the repository")
    out = tmp_path / "noisy.txt"
    args = ["--mb", "1", "--profile", "noisy", "-o", str(out)]
    subprocess.run([sys.executable, str(shared / "bench" / "make_corpus.py"), *args], check=True)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert len(lines) > 1000
    assert_same(lines)


web_piece = st.sampled_from(
    [
        *"<>&#;@/.:-_!?،؛؟٪ \t",
        "&amp;",
        "&#1605;",
        "&lt;b&gt;",
        "<p>",
        "</a>",
        "<br />",
        "https://",
        "http",
        "www.",
        ".com",
        ".org",
        "user",
        "x",
        "ab",
        "كتاب",
        "ب",
        "١٢",
        "12",
        "۱",
        "ـ",
        "\u064e",
        "\u0651",
        "😀",
        "👍🏽",
        "\u200d",
        "\ufe0f",
        "🇸🇦",
        "ههه",
        "!!!",
        "[رابط]",
        "é",
        "ﻛ",
    ]
)
web_line = st.lists(web_piece, max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(web_line, st.text(max_size=40).map(lambda s: s.replace("\n", " "))))
def test_generated_lines(text: str) -> None:
    assert ARABERT.apply(text) == reference(text)


def test_spans_point_into_the_original_line() -> None:
    line = "<p>زوروا https://x.com/مقالة&nbsp;اليوم!!!!</p> عام2024 كَتَبَ"
    toks = tokenize_with(ARABERT, line)
    assert " ".join(t.text for t in toks) == "زوروا [ رابط ] مقالة اليوم ! ! عام 2024 كتب"
    pieces = [line[t.start : t.end] for t in toks]
    assert pieces == [
        "زوروا",
        "https://x.com/",  # AraBERT's URL ends where Latin letters do
        "https://x.com/",
        "https://x.com/",
        "مقالة",
        "اليوم",
        "!!!!",
        "!!!!",
        "عام",
        "2024",
        "كَتَبَ",
    ]


PURE = """
import json, sys
from arabnorm.pipeline import Pipeline
lines = json.loads(sys.stdin.read())
p = Pipeline.from_preset("arabert")
print(json.dumps([p.apply("\\n".join(lines)), [p.align(x)[0] for x in lines]]))
"""


def test_arabnorm_pure_gives_the_same(tmp_path: Path) -> None:
    import json

    lines = [*WEB_LINES, *SEEDS[0].read_text(encoding="utf-8").splitlines()]
    res = subprocess.run(
        [sys.executable, "-c", PURE],
        input=json.dumps(lines).encode(),
        capture_output=True,
        env={**os.environ, "ARABNORM_PURE": "1"},
        check=True,
    )
    block, aligned = json.loads(res.stdout)
    want = [reference(line) for line in lines]
    assert block == "\n".join(want)
    assert aligned == want
