"""AraBERT's own definitions, for the ``arabert`` preset: one place for each.

``ArabertPreprocessor(model_name="bert-base-arabertv02").preprocess`` (the
``arabert`` package, 1.0.1) prepares text for the AraBERT v0.2, AraELECTRA
and AraGPT2 models. Where its idea of a URL, an e-mail address, a mention, a
tag or a token differs from arabnorm's own (``arabnorm.tokenizer``,
``arabnorm.markup``), the difference is written here, as a description of
what it does, so that the stages reproduce it to the byte when asked to
(``mask:rules=arabert``, ``html:tags=arabert``, ``tokens:style=arabert``).
Nothing of the package is imported or copied.

Its patterns are Python ``re`` patterns, whose classes (``\\w``, ``\\d``,
``\\s``, ``\\b``) are those of ``str.isalnum``, ``str.isdecimal`` and
``str.isspace``; they are run with ``re`` here too. Where one of them takes
quadratic time on some input (a long Latin word, a long chunk without
``@``), the pattern below matches the same text in linear time: a run that
cannot lead to a match is consumed whole and left as it is.
"""

from __future__ import annotations

import re
from typing import Any

from arabnorm import chars

URL_PLACEHOLDER = "[رابط]"
EMAIL_PLACEHOLDER = "[بريد]"
MENTION_PLACEHOLDER = "[مستخدم]"


class _Spaced:
    """Replacement: the placeholder with a space on each side, when ``test`` accepts the match."""

    __slots__ = ("test", "text")

    def __init__(self, placeholder: str, test: Any = None) -> None:
        self.text = f" {placeholder} "
        self.test = test

    def __call__(self, m: Any) -> str:
        if self.test is None or self.test(m):
            return self.text
        return str(m.group())


def _ends_with_com(m: Any) -> bool:
    return m.group(1) is not None


_URL_CHARS = r"-a-zA-Z0-9@:%._+~#="
_URL_TAIL = r"-a-zA-Z0-9@:%_+.~#?&/="

# (pattern, placeholder, test on the match or None), in the order they run; each
# runs on the output of the ones before. A placeholder is spaced, and none of
# these matches a space or a bracket, so no pattern ever touches an earlier one.
MASKS: tuple[tuple[str, str, Any], ...] = (
    # a host-like run of 2-256 characters, a dot and a 2-6 letter lower-case
    # ending at a word boundary, optionally after a scheme and one character
    # and/or "www.", and what may follow in a URL
    (
        rf"(?:https?://.)?(?:www\.)?[{_URL_CHARS}]{{2,256}}\.[a-z]{{2,6}}\b[{_URL_TAIL}]*",
        URL_PLACEHOLDER,
        None,
    ),
    (r"https?://[a-zA-Z0-9_\-./~?=%&]+", URL_PLACEHOLDER, None),
    (r"www[a-zA-Z0-9_\-?=%&/.~]+", URL_PLACEHOLDER, None),
    # Latin letters then ".com"; a run of letters without it is passed over whole
    (r"[a-zA-Z]++(\.com)?", URL_PLACEHOLDER, _ends_with_com),
    (r"http\S*+", URL_PLACEHOLDER, None),
    (r"www\S*+", URL_PLACEHOLDER, None),
    (r"://", URL_PLACEHOLDER, None),
    # word characters or "-", "@", then dot-separated labels of them; it can only
    # begin where such a run begins, and is looked for only there
    (r"(?<![\w-])[\w-]++@(?:[\w-]++\.)+[\w-]++", EMAIL_PLACEHOLDER, None),
    # then any whitespace-delimited run with an "@" inside it (not first or last)
    (r"(?<!\S)\S+?@\S+", EMAIL_PLACEHOLDER, None),
    (r"@\w++", MENTION_PLACEHOLDER, None),
)
"""AraBERT's URL, e-mail and mention rules: what ``mask:rules=arabert`` runs."""

MASK_TRIGGERS = frozenset("abcdefghijklmnopqrstuvwxyz@/")
"""Every match of ``MASKS`` holds a lower-case Latin letter, an ``@`` or a ``/``."""


def mask_rules() -> list[tuple[Any, Any, frozenset[str]]]:
    """Each of ``MASKS`` compiled with ``re``, with its replacement and its triggers."""
    out = []
    for pattern, placeholder, test in MASKS:
        compiled = re.compile(pattern)
        triggers = frozenset("@") if "@" in pattern and "[a-z" not in pattern else MASK_TRIGGERS
        out.append((compiled, _Spaced(placeholder, test), triggers))
    return out


BREAK_TAG = "<br />"
"""Written as a space before any other tag is looked for."""
TAG = re.compile(r"<[^>\n]++>|<[^>\n]*+")
"""AraBERT's tag: a ``<``, at least one character, and the first ``>`` after it.

``a < b > c`` holds one (``< b >``); ``<>`` is none. The second branch takes a
``<`` with no ``>`` after it on its line, which no later ``<`` can close
either, so each character is looked at once.
"""


def tag_text(m: Any) -> str:
    """A tag becomes a space; the rest of a line that cannot close one stays."""
    text: str = m.group()
    return " " if text.endswith(">") else text


# --- tokens -------------------------------------------------------------------

ARABIC_LETTERS = frozenset(map(chr, [*range(0x0621, 0x063B), *range(0x0641, 0x064B)]))
"""U+0621-U+063A and U+0641-U+064A: the letters AraBERT keeps inside words."""
DIGITS = frozenset(chars.ASCII_DIGITS + chars.ARABIC_INDIC_DIGITS)
WORD = ARABIC_LETTERS | DIGITS | frozenset(chars.ASCII_LETTERS) | frozenset("[]")
"""Characters that run together into a token; a token is cut between a digit and
an Arabic letter (a Latin letter and a digit stay together)."""
SINGLE_TOKENS = (
    frozenset("!\"#$%'()*+,-.:;<=>?@\\^_`{|}~/")
    | frozenset("\u00b7\u2014\u2013\u2026\u2018\u2019\u201c\u201d\u00ab\u00bb")
    | frozenset("\u060c\u061b\u061f\u066a\u066b\u066c\u0640\u06da\u0b4d")
    | frozenset(map(chr, range(0x064B, 0x0660)))
    | frozenset(map(chr, range(0x0671, 0x0675)))
)
"""Characters that are tokens of their own: ASCII punctuation, ``· — – … ‘ ’ “ ” « »``,
Arabic punctuation ``، ؛ ؟ ٪ ٫ ٬``, tatweel, the Arabic marks U+064B-U+065F,
U+0671-U+0674, U+06DA and U+0B4D. Every other character (emoji, Persian
letters, presentation forms, accented Latin, ``&``) separates tokens."""
SLASH_AS = {"/": "-"}
"""``/`` is not in AraBERT v0.2's vocabulary: it is written ``-``."""
