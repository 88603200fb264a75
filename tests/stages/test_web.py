"""The web stages: html, mask, emoji, repeats; and the parameters the arabert preset uses."""

from __future__ import annotations

import html as std_html
import random
from html.entities import html5

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabnorm.errors import SpecError
from arabnorm.pipeline import Pipeline
from arabnorm.stages.base import Edit, Rule, RuleChain, compose_edits
from arabnorm.tokenizer import TOKEN_KINDS, tokens


def run(spec: str, text: str) -> str:
    return Pipeline.from_spec(spec).apply(text)


def consistent(before: str, after: str, edits: list[Edit]) -> bool:
    """Edits in order, and the text between them copied unchanged."""
    last_in = last_out = 0
    for a, b, c, d in edits:
        if a < last_in or c < last_out or b < a or d < c:
            return False
        if before[last_in:a] != after[last_out:c]:
            return False
        last_in, last_out = b, d
    return before[last_in:] == after[last_out:]


# --- html: character references -------------------------------------------------


def test_every_html5_named_reference_decodes_as_the_standard_library_does() -> None:
    text = " ".join(f"&{name}" for name in html5) + " &notit; &ampx &amp"
    assert run("html:tags=keep", text) == std_html.unescape(text)


def test_numeric_references_are_repaired_as_html5_says() -> None:
    refs = [f"&#{n};" for n in range(0, 0x110) if n != 10] + [f"&#x{n:x}" for n in range(0, 0x110)]
    refs += ["&#xD800;", "&#x110000;", "&#xFFFE;", "&#1114112;", "&#00000065;", "&#" + "9" * 5000]
    for ref in refs[:-1]:
        assert run("html:tags=keep", ref) == std_html.unescape(ref), ref
    assert run("html:tags=keep", refs[-1]) == "\ufffd"  # the standard library raises here


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["&", "#", "x", "X", ";", "amp", "lt", "nbsp", "1605", "3", "a", " ", "é"]),
        max_size=20,
    ).map("".join)
)
def test_references_agree_with_the_standard_library(text: str) -> None:
    assert run("html:tags=keep", text) == std_html.unescape(text)


# --- html: tags --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<p>مرحبا &amp; أهلا</p>", " مرحبا & أهلا "),
        ("<b>مر</b>حبا", "مرحبا"),
        ("سطر<br>سطر<br/>سطر<BR />سطر", "سطر سطر سطر سطر"),
        ('<a href="https://x.com/?a=1&amp;b=2">نص</a>', "نص"),
        ("<div><span>a</span><span>b</span></div>", " ab "),
        ("a < b و c > d", "a < b و c > d"),
        ("a <b", "a <b"),
        ("<>x</>", "<>x"),
        ("<!-- تعليق -->نص<!---->", "نص"),
        ("نص <!-- لم يغلق <b>x</b>", "نص "),
        ("<!DOCTYPE html><?xml version='1.0'?>x", "x"),
        ("&lt;b&gt;نص&lt;/b&gt;", "<b>نص</b>"),
        ("<p>a\n</p>b", " a\n b"),
    ],
)
def test_tags_and_comments(before: str, after: str) -> None:
    assert run("html", before) == after


def test_arabert_tags() -> None:
    assert run("html:entities=keep:tags=arabert", "a < b > c <> <<br /> x") == "a   c <> <  x"
    assert run("html:tags=arabert", "&lt;b&gt;نص") == " نص"


@pytest.mark.parametrize("spec", ["html", "html:tags=arabert"])
@pytest.mark.parametrize("unit", ["<", "&", "<!--", "<a", "&#", "&amp", "< >", "<!-- -- "])
def test_hostile_runs_finish(spec: str, unit: str) -> None:
    text = unit * 60_000
    out = run(spec, text + "\n" + text)
    assert out.count("\n") == 1


# --- mask ------------------------------------------------------------------------


def test_urls_emails_and_mentions_become_placeholders() -> None:
    text = "زوروا https://موقع.com/مقالة?x=1 و www.x.org و news.com/a أو info@x.org @أحمد_1 #وسم"
    assert run("mask", text) == "زوروا [رابط] و [رابط] و [رابط] أو [بريد] [مستخدم] #وسم"


def test_placeholders_are_spaced_from_what_touches_them() -> None:
    assert run("mask", "انظر:https://x.com/a،") == "انظر: [رابط] ،"


def test_each_kind_can_be_kept_or_renamed() -> None:
    text = "https://x.com a@b.org @u #وسم 3.14 2020م"
    assert run("mask:url=keep", text) == "https://x.com [بريد] [مستخدم] #وسم 3.14 2020م"
    assert (
        run("mask:url=<URL>:email=keep:mention=@USER", text)
        == "<URL> a@b.org @USER #وسم 3.14 2020م"
    )
    assert run("mask:hashtag=<TAG>:number=<NUM>", text) == (
        "[رابط] [بريد] [مستخدم] <TAG> <NUM> 2020م"
    )


def test_what_is_masked_is_what_the_tokenizer_calls_so() -> None:
    rng = random.Random(7)
    pieces = [
        "https://x.com/a",
        "www.",
        "x.com",
        "a@b.org",
        "@u",
        "#t",
        "a",
        "ب",
        ".",
        ":",
        " ",
        "/",
    ]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        kinds = [m.lastgroup for m in TOKEN_KINDS.finditer(text)]
        masked = [t for t in kinds if t in ("url", "email", "mention")]
        out = run("mask", text)
        found = out.count("[رابط]") + out.count("[بريد]") + out.count("[مستخدم]")
        assert found == len(masked), (text, out)


def test_arabert_rules_take_no_other_placeholders() -> None:
    with pytest.raises(SpecError, match="rules=arabert"):
        Pipeline.from_spec("mask:rules=arabert:hashtag=x")
    assert run("mask:rules=arabert", "a@b.com x.com") == " [رابط]   [رابط] "


def test_arabert_rules_stay_linear_on_long_runs() -> None:
    text = "a" * 200_000 + " " + "b@" * 50_000 + " " + "x." * 50_000
    assert isinstance(run("mask:rules=arabert", text), str)


# --- emoji -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("رائع😀", "رائع"),
        ("رائع😀جدا", "رائع جدا"),
        ("👍🏽👩\u200d💻👨\u200d👩\u200d👧 نص", " نص"),
        ("🇸🇦 و 1\ufe0f\u20e3 و #\ufe0f\u20e3", " و  و "),
        ("1 2 # * ١", "1 2 # * ١"),
        ("❤\ufe0f🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f!", "!"),
    ],
)
def test_emoji_sequences_go_whole(before: str, after: str) -> None:
    assert run("emoji", before) == after


def test_emoji_kept_apart_from_words() -> None:
    assert run("emoji:mode=space", "رائع😀😀جدا 👍🏽 x") == "رائع 😀😀 جدا 👍🏽 x"
    assert tokens(run("emoji:mode=space", "رائع👍🏽")) == ["رائع", "👍🏽"]


# --- repeats ------------------------------------------------------------------------


def test_repeats() -> None:
    text = "رائعععع!!!! nooooo ؟؟؟؟ .... 1000000 ١١١١   x"
    assert run("repeats", text) == "رائعع!! noo ؟؟ .. 1000000 ١١١١  x"
    assert run("repeats:max=1", text) == "رائع! no ؟ . 1000000 ١١١١ x"
    assert run("repeats:max=3", "aaaaa") == "aaa"


def test_repeats_keep_line_breaks() -> None:
    assert run("repeats", "a\n\n\n\nb\r\n\r\n\r\nc") == "a\n\n\n\nb\r\n\r\n\r\nc"


def test_repeats_rejects_a_bad_max() -> None:
    with pytest.raises(SpecError):
        Pipeline.from_spec("repeats:max=0")


# --- the parameters the arabert preset adds to older stages ------------------------


def test_diacritics_tashkeel_only() -> None:
    text = "مُحَمَّدٌ ا\u0653 ى\u0670 ي\u0654"
    assert run("diacritics:marks=tashkeel", text) == "محمد ا\u0653 ى\u0670 ي\u0654"
    assert run("diacritics:marks=tashkeel:keep=shadda", "مُحَمَّد") == "محمّد"


def test_digits_from_one_script() -> None:
    assert run("digits:from=arabic", "١٢ ۱۲ 12") == "12 ۱۲ 12"
    assert run("digits:from=persian:to=arabic", "١٢ ۱۲ 12") == "١٢ ١٢ 12"


def test_arabert_tokens() -> None:
    spec = "tokens:style=arabert"
    assert run(spec, "عام2024م x1ب COVID19 a/b 😀café") == "عام 2024 م x 1 ب COVID19 a - b caf"
    assert run(spec, " ، ؛ ؟ «x» & ﻛ\r\nب\n") == "، ؛ ؟ « x »\r\nب\n"
    # digits before letters are cut first; letters before digits only where neither was
    assert run(spec, "1ب1b ب1ج x1ب2y") == "1 ب 1b ب 1 ج x 1 ب 2y"
    # a \r ending the text is a line's terminator, as elsewhere; any other one a space
    assert run(spec, "x \ry \r") == "x y\r"
    assert run(spec, "\r\n".join(["a\r", "\r", ""])) == "a\r\n\r\n"


# --- rule chains and composed edits ------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="abxy ", max_size=30))
def test_a_rule_chain_gives_consistent_composed_edits(text: str) -> None:
    chain = RuleChain([Rule("a+", "XYZ"), Rule("Y|b", ""), Rule("x", "xx"), Rule("Zx", "Q")])
    out, edits = chain.apply_with_edits(text)
    assert out == chain.apply(text)
    assert consistent(text, out, edits)


def test_compose_edits_of_two_deletions_and_an_insertion() -> None:
    assert compose_edits([(1, 2, 1, 1)], [(1, 1, 1, 2)]) == [(1, 2, 1, 1), (2, 2, 1, 2)]
