"""Context rules like the real stages' (for testing cuts inside a long line).

They are built here from the step primitives so the tests do not depend on
which stages exist: a run of spaces collapsing, line ends trimmed, a run of
three or more of the same letter shortened, a word-final letter changed,
quotes paired into guillemets by position.
"""

from __future__ import annotations

from arabnorm.stages.base import Rule, Step, Table

QUOTE_PAIR = Rule(r'"([^"\n]*)"', lambda m: "«" + m.group(1) + "»")
COLLAPSE = Rule(r"[ \t]{2,}", " ")
TRIM = Rule(r"(?m)^[ \t]+|[ \t]+(?=\r?$)", "")
ELONGATION = Rule(r"(\p{Arabic})\1{2,}", lambda m: m.group(1))
WORD_FINAL = Rule(r"ی(?!\p{L})", "ى")
TATWEEL = Table({0x640: ""})


def context_steps() -> list[Step]:
    """Every rule above, in an order like the presets'."""
    return [TATWEEL, QUOTE_PAIR, WORD_FINAL, ELONGATION, COLLAPSE, TRIM]


def apply_all(text: str) -> str:
    for step in context_steps():
        text = step.apply(text)
    return text
