"""HTML in text: character references and tags, each defined once.

Character references follow the HTML5 rules for text content, the ones
Python's ``html.unescape`` implements: every named reference of HTML5
(``html.entities.html5``, standard library data), the legacy names that may
omit the semicolon (``&amp`` before a space), the longest known name at the
start of an unknown one (``&notit;`` is ``¬it;``), and numeric references
with HTML5's repairs (``&#128;`` is ``€``, ``&#0;`` and code points beyond
Unicode are U+FFFD, noncharacters and most controls vanish).

Tags are read as HTML5's tokenizer reads them, one line at a time: ``<``
followed by a letter starts a tag, ``</`` an end tag, ``<!--`` a comment,
``<!`` and ``<?`` a declaration; the tag ends at its first ``>`` and a
comment at ``-->``. A ``<`` followed by anything else (``a < b``) is text,
and so is a tag that does not close on its line. A comment that does not
close runs to the end of its line, as HTML's runs to the end of the
document.

>>> decode_references("&lt;p&gt; &#1605;&#x631; &nbsp;&amp &notit;")
'<p> مر \\xa0& ¬it;'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

# What a numeric reference to these code points gives instead (HTML5,
# "numeric character reference end state": windows-1252 for the C1 range).
_NUMERIC_REPAIRS = {
    0x00: "\ufffd",
    0x0D: "\r",
    0x80: "\u20ac",
    0x81: "\x81",
    0x82: "\u201a",
    0x83: "\u0192",
    0x84: "\u201e",
    0x85: "\u2026",
    0x86: "\u2020",
    0x87: "\u2021",
    0x88: "\u02c6",
    0x89: "\u2030",
    0x8A: "\u0160",
    0x8B: "\u2039",
    0x8C: "\u0152",
    0x8D: "\x8d",
    0x8E: "\u017d",
    0x8F: "\x8f",
    0x90: "\x90",
    0x91: "\u2018",
    0x92: "\u2019",
    0x93: "\u201c",
    0x94: "\u201d",
    0x95: "\u2022",
    0x96: "\u2013",
    0x97: "\u2014",
    0x98: "\u02dc",
    0x99: "\u2122",
    0x9A: "\u0161",
    0x9B: "\u203a",
    0x9C: "\u0153",
    0x9D: "\x9d",
    0x9E: "\u017e",
    0x9F: "\u0178",
}


def _dropped(cp: int) -> bool:
    """Code points a numeric reference gives nothing for: controls and noncharacters."""
    return (
        0x01 <= cp <= 0x08
        or cp == 0x0B
        or 0x0E <= cp <= 0x1F
        or 0x7F <= cp <= 0x9F
        or 0xFDD0 <= cp <= 0xFDEF
        or (cp & 0xFFFE) == 0xFFFE
    )


REFERENCE = regex.compile(r"&(?:#(?:[0-9]++|[xX][0-9a-fA-F]++);?|[^\t\n\f <&#;]{1,32};?)")
"""A character reference as HTML5 text content reads it (a name may be unknown)."""


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    from html.entities import html5

    return html5


def _numeric(digits: str, base: int) -> str:
    digits = digits.lstrip("0") or "0"
    if len(digits) > 8:  # far beyond U+10FFFF, in either base
        return "\ufffd"
    cp = int(digits, base)
    if cp in _NUMERIC_REPAIRS:
        return _NUMERIC_REPAIRS[cp]
    if 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
        return "\ufffd"
    return "" if _dropped(cp) else chr(cp)


def reference_text(m: Any) -> str:
    """What the character reference matched by ``REFERENCE`` stands for."""
    body: str = m.group()[1:]
    if body[0] == "#":
        digits = body[1:].rstrip(";")
        if digits[0] in "xX":
            return _numeric(digits[1:], 16)
        return _numeric(digits, 10)
    names = _names()
    if body in names:
        return names[body]
    for size in range(len(body) - 1, 1, -1):  # the longest known name it starts with
        if body[:size] in names:
            return names[body[:size]] + body[size:]
    return "&" + body


def decode_references(text: str) -> str:
    """``text`` with every character reference replaced by what it stands for."""
    if "&" not in text:
        return text
    return str(REFERENCE.sub(reference_text, text))


BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl
    dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header
    hgroup hr html iframe legend li main menu nav noscript ol optgroup option p pre section
    summary table tbody td tfoot th thead title tr ul""".split()
)
"""Tags that separate what comes before them from what comes after (a space)."""

# A comment (closed or running to the end of the line), or what may start a tag
# and the rest of it up to its first ">" (missing when the tag is not closed on
# its line: the match then takes the rest of the line, which cannot close a tag
# either, so each character is looked at once).
TAG = regex.compile(
    r"<!--(?:[^-\n]++|-(?!->))*+(?P<comment_end>-->)?"
    r"|<(?:/?(?P<name>[A-Za-z][A-Za-z0-9]*+)|[!?/])[^>\n]*+(?P<tag_end>>)?"
)
"""A comment, or a tag and (``tag_end``) whether it closes on its line."""


def tag_text(m: Any) -> str:
    """What a ``TAG`` match becomes: a space for a block tag or ``<br>``, else nothing.

    A tag that does not close on its line stays as it is.
    """
    if m.group("comment_end") is not None or m.group().startswith("<!--"):
        return ""
    if m.group("tag_end") is None:
        return str(m.group())
    name = m.group("name")
    return " " if name is not None and name.lower() in BLOCK_TAGS else ""
