"""Stages for text from the web and social media: html, mask, emoji, repeats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from arabnorm import arabert, chars, markup
from arabnorm.errors import SpecError
from arabnorm.stages import register
from arabnorm.stages.base import (
    Edit,
    Example,
    Param,
    Rule,
    RuleChain,
    RunRule,
    Stage,
    Step,
    edits_from_matches,
)


@register
class Html(Stage):
    """Turn HTML into its text: character references decoded, tags and comments removed.

    Text scraped from web pages keeps ``&amp;``, ``&#1605;``, ``&nbsp;`` and
    markup that tokenizers cut into junk (``<p>مرحبا &amp; أهلا</p>``
    becomes ``مرحبا & أهلا``, with a space where each ``<p>`` stood). Every
    HTML5 named reference is known, and numeric references are repaired as
    browsers repair them. A tag is removed and the text between tags kept;
    ``<br>`` and block tags (``p``, ``div``, ``li``, ``td``, ``h1``...) become a
    space so words on both sides stay apart. A ``<`` that starts no tag
    (``a < b``) stays, as does a tag that does not close on its line; a
    comment that does not close runs to the end of its line. References are
    decoded after tags are removed, so ``&lt;p&gt;`` is the text ``<p>``.

    ``tags=keep`` only decodes references; ``entities=keep`` only removes
    tags. ``tags=arabert`` reads tags as AraBERT's preprocessor does:
    references are decoded first, ``<br />`` becomes a space, then any ``<``
    with at least one character before the next ``>`` on the line, up to that
    ``>``, becomes a space (``a < b > c`` becomes ``a   c``). Not idempotent:
    ``&amp;lt;`` decodes to ``&lt;``, which decodes again.
    """

    name = "html"
    summary = "decodes character references, removes tags and comments"
    lossy = True
    idempotent = False
    examples = (
        Example("<p>مرحبا &amp; أهلا</p>", " مرحبا & أهلا "),
        Example("<b>مر</b>حبا<br>&#1605;&nbsp;a < b", "مرحبا م\u00a0a < b"),
        Example("<!-- x -->&lt;p&gt;", "<p>"),
        Example("<p>&lt;b&gt;</p>", "<p><b></p>", "tags=keep"),
        Example("&amp;<i>x</i>", "&amp;x", "entities=keep"),
        Example("&lt;b&gt;a < b > c", " a   c", "tags=arabert"),
    )
    params = (
        Param(
            "tags",
            "remove",
            "remove: tags and comments removed; keep: left as they are; "
            "arabert: AraBERT's reading (anything from < to the next >)",
            choices=("remove", "keep", "arabert"),
        ),
        Param(
            "entities",
            "decode",
            "decode: character references decoded; keep: left as they are",
            choices=("decode", "keep"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        # a reference holds no whitespace; a tag is found in any prefix that
        # holds its "<" (its ">" is optional) and decided by itself alone
        decode = Rule(
            markup.REFERENCE,
            markup.reference_text,
            triggers="&",
            leads=True,
            context=0,
            space_local=True,
        )
        steps: list[Step] = []
        tags = self.options["tags"]
        entities = self.options["entities"] == "decode"
        if tags == "arabert":
            if entities:
                steps.append(decode)
            steps.append(Rule(arabert.BREAK_TAG, " ", triggers="<", leads=True, context=0))
            steps.append(Rule(arabert.TAG, arabert.tag_text, triggers="<", leads=True))
            return steps
        if tags == "remove":
            steps.append(Rule(markup.TAG, markup.tag_text, triggers="<", leads=True, context=0))
        if entities:
            steps.append(decode)
        return steps


class _Placeholder:
    """Replacement for a masked token: its placeholder, spaced from what touches it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def around(self, text: str, start: int, end: int) -> str:
        before = " " if start > 0 and not text[start - 1].isspace() else ""
        after = " " if end < len(text) and not text[end].isspace() else ""
        return before + self.text + after


class MaskTokens(Step):
    """Replace the tokens of some kinds (``arabnorm.tokenizer.TOKEN_KINDS``) with placeholders.

    Tokens never hold whitespace and depend on nothing beyond it, so the
    whitespace-free chunks that hold a trigger are all that is read.
    """

    word_local = False
    space_local = True  # tokens hold no whitespace
    context = None

    def __init__(self, placeholders: dict[str, str], numbers: str | None) -> None:
        self.placeholders = {k: _Placeholder(v) for k, v in placeholders.items()}
        self.numbers = _Placeholder(numbers) if numbers is not None else None
        found = set()
        if "url" in placeholders:
            found |= set(".:")
        if "email" in placeholders or "mention" in placeholders:
            found.add("@")
        if "hashtag" in placeholders:
            found.add("#")
        if numbers is not None:
            found |= chars.decimal_digits()
        self._needed = frozenset(found)
        self.triggers = self._needed

    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        from arabnorm.tokenizer import NUMBER, TOKEN_KINDS

        found: list[tuple[int, int, str]] = []
        for m in TOKEN_KINDS.finditer(text):
            for kind, place in self.placeholders.items():
                if m.group(kind) is not None:
                    start, end = m.span(kind)
                    found.append((start, end, place.around(text, start, end)))
                    break
            else:
                if self.numbers is not None and NUMBER.fullmatch(m.group()):
                    start, end = m.span()
                    found.append((start, end, self.numbers.around(text, start, end)))
        return found

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        if self._needed.isdisjoint(text):
            return text, []
        return edits_from_matches(text, map(_Found, self._matches(text)), _Found.new)

    def __repr__(self) -> str:
        return f"MaskTokens({sorted(self.placeholders)})"


class _Found:
    """A found span and its replacement, in the shape ``edits_from_matches`` reads."""

    __slots__ = ("_span", "replacement")

    def __init__(self, found: tuple[int, int, str]) -> None:
        self._span = (found[0], found[1])
        self.replacement = found[2]

    def span(self) -> tuple[int, int]:
        return self._span

    def group(self) -> Any:
        return None  # never equal to a replacement: every found token changes

    @staticmethod
    def new(found: _Found) -> str:
        return found.replacement


def _placeholder_ok(value: str) -> bool:
    return bool(value) and "\n" not in value and "\r" not in value


@register
class Mask(Stage):
    """Replace URLs, e-mail addresses and @mentions (and, on request, hashtags and numbers).

    Models trained on web text see one placeholder for every link, address
    and user name instead of thousands of rare tokens. What counts as a URL,
    an e-mail address, a mention, a hashtag or a number is what the
    tokenizer reads as one token of that kind (``https://موقع.com/مقالة``,
    ``www.x.org``, ``news.com/a``, ``user@mail.com``, ``@أحمد_1``,
    ``#وسم``, ``3.14``); the placeholder is spaced from what touches it.
    Defaults are AraBERT's: ``راسلوا info@x.org`` becomes ``راسلوا [بريد]``,
    and links and mentions become ``[رابط]`` and ``[مستخدم]``; each kind
    takes ``keep`` or another placeholder (``url=<URL>``), and hashtags and
    numbers are kept unless given one.

    ``rules=arabert`` uses AraBERT's preprocessor's own patterns instead
    (``arabnorm.arabert.MASKS``), in its order, with its placeholders: far
    looser (``file.txt`` is a link, and so is ``user@mail.com``, which its
    URL pattern takes before its e-mail one).
    """

    name = "mask"
    summary = "URLs, e-mails, @mentions (hashtags, numbers on request) to placeholders"
    lossy = True
    idempotent = False  # a mention glued to a masked URL is one only afterwards
    examples = (
        Example(
            "زوروا https://موقع.com/مقالة أو راسلوا info@x.org @أحمد_1",
            "زوروا [رابط] أو راسلوا [بريد] [مستخدم]",
        ),
        Example("#وسم 3.14 x.com", "[وسم] 3.14 x.com", "hashtag=[وسم]:url=keep"),
        Example("عام 2024", "عام <NUM>", "number=<NUM>"),
        Example("راسلوا user@mail.com file.txt", "راسلوا  [رابط]   [رابط] ", "rules=arabert"),
    )
    params = (
        Param(
            "rules",
            "tokenizer",
            "tokenizer: arabnorm's tokens; arabert: AraBERT's preprocessor's patterns",
            choices=("tokenizer", "arabert"),
        ),
        Param(
            "url", arabert.URL_PLACEHOLDER, "placeholder for URLs, or keep", check=_placeholder_ok
        ),
        Param(
            "email",
            arabert.EMAIL_PLACEHOLDER,
            "placeholder for e-mails, or keep",
            check=_placeholder_ok,
        ),
        Param(
            "mention",
            arabert.MENTION_PLACEHOLDER,
            "placeholder for @mentions, or keep",
            check=_placeholder_ok,
        ),
        Param("hashtag", "keep", "placeholder for #hashtags, or keep", check=_placeholder_ok),
        Param("number", "keep", "placeholder for numbers, or keep", check=_placeholder_ok),
    )

    def build_steps(self) -> Sequence[Step]:
        o = self.options
        if o["rules"] == "arabert":
            defaults = {
                "url": arabert.URL_PLACEHOLDER,
                "email": arabert.EMAIL_PLACEHOLDER,
                "mention": arabert.MENTION_PLACEHOLDER,
                "hashtag": "keep",
                "number": "keep",
            }
            if any(o[k] != v for k, v in defaults.items()):
                raise SpecError(
                    "stage 'mask': rules=arabert has AraBERT's placeholders and no rule for "
                    "hashtags or numbers; leave url, email, mention, hashtag and number as they are"
                )
            return [
                RuleChain(
                    [
                        Rule(pattern, replace, triggers=triggers)
                        for pattern, replace, triggers in arabert.mask_rules()
                    ]
                )
            ]
        kinds = {k: o[k] for k in ("url", "email", "mention", "hashtag") if o[k] != "keep"}
        numbers = o["number"] if o["number"] != "keep" else None
        if not kinds and numbers is None:
            return []
        return [MaskTokens(kinds, numbers)]


class _EmojiOut:
    """Replacement for a run of emoji: nothing, or a space between two non-spaces."""

    __slots__ = ("keep",)

    def __init__(self, keep: bool) -> None:
        self.keep = keep

    def __call__(self, m: Any) -> str:
        text: str = m.string
        start, end = m.span()
        before = start > 0 and not text[start - 1].isspace()
        after = end < len(text) and not text[end].isspace()
        if not self.keep:
            return " " if before and after else ""
        return (" " if before else "") + str(m.group()) + (" " if after else "")


@register
class Emoji(Stage):
    """Remove emoji, whole sequences at once, or keep them apart from words.

    An emoji is what the tokenizer reads as one: a pictograph with its skin
    tone, variation selector or tags, a ZWJ sequence (👩‍💻, 👨‍👩‍👧), a flag
    (🇸🇦), a keycap (1️⃣); a digit, ``#`` or ``*`` alone is no emoji. Text
    pictographs such as © and ™ count too, as for the tokenizer. By default
    each run of emoji is removed (a space stays where it stood between two
    words: ``رائع😀جدا`` becomes ``رائع جدا``). ``mode=space`` keeps them,
    spaced from the words they touch: ``رائع😀😀`` becomes ``رائع 😀😀``.
    """

    name = "emoji"
    summary = "removes emoji sequences, or spaces them apart with mode=space"
    lossy = True
    examples = (
        Example("رائع👍🏽 جدا😀جدا 👩\u200d💻🇸🇦1\ufe0f\u20e3 نعم", "رائع جدا جدا  نعم"),
        Example("رائع😀😀 1 #", "رائع 😀😀 1 #", "mode=space"),
    )
    params = (
        Param(
            "mode",
            "remove",
            "remove: emoji removed; space: kept, a space between them and words",
            choices=("remove", "space"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        from arabnorm.tokenizer import EMOJI

        # emoji sequences hold no whitespace
        out = _EmojiOut(self.options["mode"] == "space")
        return [Rule(f"(?:{EMOJI.pattern})++", out, space_local=True)]


def _positive(value: str) -> bool:
    return value.isdigit() and 1 <= int(value) <= 1000


@register
class Repeats(Stage):
    """Shorten any character repeated more than ``max`` times to ``max`` copies.

    Social media text stretches words and punctuation for emphasis
    (``رائعععع!!!!``, ``nooooo``): a run of more than ``max`` (2) copies of
    one character keeps ``max``, so ``nooooo!!!!`` becomes ``noo!!``.
    Digits are never shortened (``1000000`` is a number), nor are line
    breaks. ``elongation`` is the Arabic-letter stage that writes a
    stretched letter once.
    """

    name = "repeats"
    summary = "a character repeated more than max times (2) keeps max; digits stay"
    lossy = True
    examples = (
        Example("رائعععع!!!! nooooo 1000000", "رائعع!! noo 1000000"),
        Example("جمييييل...", "جميل.", "max=1"),
    )
    params = (Param("max", "2", "copies kept of a longer run (1-1000)", check=_positive),)

    def build_steps(self) -> Sequence[Step]:
        keep = int(self.options["max"])
        return [RunRule(chars.decimal_digits() | {"\n", "\r"}, keep, keep, negate=True)]
