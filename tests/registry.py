"""What registry-wide tests walk: every stage with every parameter value, plugin stages
written with ``regex``-only syntax, and texts that give each of them work.

A stage added to the registry (built in, or from a plugin) is picked up here
without naming it anywhere.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import regex

from arabnorm import chars
from arabnorm.stages import _REGISTRY, all_stages, register
from arabnorm.stages.base import Edit, Example, Param, Rule, Stage, Step, Table

ROOT = Path(__file__).resolve().parents[1]

# Values tried for parameters without a list of choices.
FREE_VALUES = {
    "max": ("1", "2", "3"),
    "marker": ("@@IGNORE@@", "@"),
    "list": ("persian",),
    "url": ("keep", "<URL>"),
    "email": ("keep",),
    "mention": ("keep",),
    "hashtag": ("[وسم]",),
    "number": ("<NUM>",),
}


def stage_specs(names: Sequence[str] | None = None) -> list[str]:
    """A spec for every stage with default parameters, and one per other parameter value."""
    specs: list[str] = []
    for name, cls in all_stages().items():
        if names is not None and name not in names:
            continue
        specs.append(name)
        for p in cls.params:
            values = p.choices if p.choices is not None else FREE_VALUES.get(p.name, ())
            specs += [f"{name}:{p.name}={v}" for v in values if v != p.default]
    return specs


# --- plugin stages in regex-only syntax ----------------------------------------


class DigitHash(Stage):
    """Runs of digits become # (a POSIX class, which only regex reads this way)."""

    name = "toy-posix"
    summary = "digits to #"
    examples = (Example("ab 123", "ab #"),)

    def build_steps(self) -> Sequence[Step]:
        return [Rule(regex.compile(r"[[:digit:]]+"), "#")]


class LatinUpper(Stage):
    """Letters that are not Arabic are written upper case (a set operation, \\p{...})."""

    name = "toy-sets"
    summary = "non-Arabic letters upper-cased"
    examples = (Example("abc كتب", "ABC كتب"),)

    def build_steps(self) -> Sequence[Step]:
        return [Rule(regex.compile(r"[\p{L}--\p{Arabic}]++", regex.V1), lambda m: m[0].upper())]


class AtomicBeh(Stage):
    """A run of beh followed by alef becomes X (an atomic group)."""

    name = "toy-atomic"
    summary = "(?>ب+)ا to X"
    examples = (Example("ببا با", "X X"),)

    def build_steps(self) -> Sequence[Step]:
        return [Rule(r"(?>ب++)ا", "X")]


class ArticleKaf(Stage):
    """Kaf right after a word-initial article becomes K (a variable-length look-behind)."""

    name = "toy-lookbehind"
    summary = "ك after ال or وال becomes K"
    examples = (Example("الكتاب والكتب كتب", "الKتاب والKتب كتب"),)

    def build_steps(self) -> Sequence[Step]:
        return [Rule(r"(?<=(?<!\w)(?:ال|وال))ك", "K")]


class FinalYehMarked(Stage):
    """A Farsi yeh after an Arabic letter becomes ى; declares its trigger (a filtered rule)."""

    name = "toy-declared"
    summary = "\\p{Arabic}ی to \\p{Arabic}ى"
    examples = (Example("علی", "على"),)

    def build_steps(self) -> Sequence[Step]:
        return [
            Table({ord("ـ"): ""}),
            Rule(r"(?<=\p{Arabic})ی", "ى", triggers="ی", word_local=True),
            Table({ord("ك"): "ک"}),
        ]


class _SwapPairs(Step):
    """Swaps each two neighbouring Arabic letters: a step with only a reference."""

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        out: list[str] = []
        edits: list[Edit] = []
        last = 0
        for m in regex.finditer(r"(\p{Arabic})(\p{Arabic})", text):
            out += [text[last : m.start()], m[2] + m[1]]
            if m[1] != m[2]:
                edits.append((m.start(), m.end(), m.start(), m.end()))
            last = m.end()
        out.append(text[last:])
        return "".join(out), edits


class SwapPairs(Stage):
    """A custom step that implements only its reference, ``apply_with_edits``."""

    name = "toy-reference-only"
    summary = "neighbouring Arabic letters swapped"
    idempotent = False
    params = (Param("unused", "x", "a parameter with one value", choices=("x", "y")),)
    examples = (Example("كتب", "تكب"),)

    def build_steps(self) -> Sequence[Step]:
        return [_SwapPairs()]


PLUGINS: tuple[type[Stage], ...] = (
    DigitHash,
    LatinUpper,
    AtomicBeh,
    ArticleKaf,
    FinalYehMarked,
    SwapPairs,
)


@contextlib.contextmanager
def plugin_stages() -> Iterator[list[str]]:
    """Register the plugin stages for a while; yields their names."""
    all_stages()  # built-ins first
    for cls in PLUGINS:
        register(cls)
    try:
        yield [cls.name for cls in PLUGINS]
    finally:
        for cls in PLUGINS:
            _REGISTRY.pop(cls.name, None)


def register_plugins() -> None:
    """Register the plugin stages for good (in a subprocess)."""
    all_stages()
    for cls in PLUGINS:
        register(cls)


# --- texts ------------------------------------------------------------------------

_PIECES = [
    *"كتب قال محمد الله على مدرسة مسؤول رئيس بيت".split(),
    *["ا\u0654", "ي\u0654", "و\u0655", "\u064e", "\u0651", "\u0670", "\u06d6", "ـ", "ـــ"],
    *["ﻛﺘﺎﺏ", "ﻷ", "ﷺ", "﷽", "ﷲ", "ی", "ک", "ہ", "ۃ", "ے", "علی", "می\u200cخواهم"],
    *["\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u2066", "\u00ad", "\ufeff", "\u200b"],
    *["“", "”", "„", "«", "»", "‘", "’", '"', "'", "″", "،", "؛", "؟", "٪", "٫", "٬"],
    *[" ", " ", " ", "  ", "\t", "\u00a0", "\u3000", " \r ", "\r"],
    *["٣", "٢٠٢٤", "۱۴۰۳", "3.14", "1,000", "2024"],
    *["ببب", "جمييييل", "!!", "...", "(", ")", "$", "%", "#", "@"],
    *["👩\u200d💻", "😀", "🇸🇦", "1\ufe0f\u20e3", "café", "e\u0301", "ﬁ", "²", "①", "Zürich"],
    *["https://example.com/كتاب", "a.b@x.org", "@user", "#وسم", "\u204b", "\udc80"],
    *["<p>", "</b>", "<br />", "<!-- x -->", "&amp;", "&#1605;", "&nbsp", "<", ">", "/"],
    *["www.x.org/a", "x.com", "file.txt", "!!!!", "ههههه", "👍🏽", "٢٠٢٤", "a1ب", "٫"],
]


def lines(seed: str, count: int = 120, examples: Sequence[Example] = ()) -> list[str]:
    """Lines that give every stage work: seeded, so a failure repeats."""
    rng = random.Random(seed)
    out = [e.before for e in examples]
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for path in seeds:
        out += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln][:10]
    for _ in range(count):
        out.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30))))
    return out


def block(seed: str, examples: Sequence[Example] = (), size: int = 12_000) -> str:
    """A block of lines long enough for the vectorized runners, some ending in CR LF."""
    rng = random.Random(seed)
    base = lines(seed, examples=examples)
    parts: list[str] = []
    total = 0
    while total < size:
        line = rng.choice(base)
        parts.append(line + rng.choice(["\n", "\n", "\r\n"]))
        total += len(line) + 1
    return "".join(parts)


def long_line(seed: str, examples: Sequence[Example] = ()) -> str:
    """One line of about 20,000 characters made of the lines above."""
    return " ".join(lines(seed, count=600, examples=examples))


def word_edge(rng: random.Random) -> str:
    """A letter or digit that marks a word boundary beside a space."""
    return rng.choice(sorted(chars.WORD_EDGE))


def examples_of(spec: str) -> tuple[Example, ...]:
    from arabnorm.pipeline import parse_spec

    ((name, _),) = parse_spec(spec)
    cls: Any = all_stages()[name]
    return tuple(cls.examples)
