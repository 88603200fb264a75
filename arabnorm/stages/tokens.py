"""The tokenizer as a stage: tokens separated by one space, line by line."""

from __future__ import annotations

from collections.abc import Sequence

from arabnorm.stages import register
from arabnorm.stages.base import ClassTokens, Edit, Example, Param, Stage, Step


class JoinTokens(Step):
    """Separate the tokens of every line by one space; keep line breaks.

    Its edits say which run of spaces became one space or none, and where a
    space went in between two tokens that touched, so spans still map back.

    >>> JoinTokens().apply("قال:نعم  \\nلا!")
    'قال : نعم\\nلا !'
    """

    kind = "tokenizer"
    word_local = True

    def apply(self, text: str) -> str:
        from arabnorm.tokenizer import join_tokens

        return join_tokens(text)

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        from arabnorm.tokenizer import join_edits

        return join_edits(text)

    def __repr__(self) -> str:
        return "JoinTokens()"


@register
class Tokens(Stage):
    """Split words, numbers, URLs, emoji and punctuation into space-separated tokens.

    ``قال:"السعر 3.14$"`` becomes ``قال : " السعر 3.14 $ "``.

    ``style=arabert`` splits as AraBERT v0.2's preprocessor does
    (``arabnorm.arabert``): a token is a run of Arabic letters, digits, Latin
    letters and ``[ ]``, except that digits glued to Arabic letters, and
    those letters, are tokens of their own (``عام2024`` gives ``عام 2024``,
    ``x1ب`` gives ``x 1 ب``, ``COVID19`` stays whole); each
    punctuation mark and Arabic mark it knows is a token of its own, ``/``
    written ``-``; every other character (emoji, Persian letters,
    presentation forms, accented Latin letters) only separates tokens.
    """

    name = "tokens"
    summary = "splits into tokens separated by one space"
    lossy = True
    examples = (
        Example('قال:"السعر 3.14$"', 'قال : " السعر 3.14 $ "'),
        Example("عام2024/م😀 café", "عام 2024 - م caf", "style=arabert"),
    )
    params = (
        Param(
            "style",
            "arabnorm",
            "arabnorm: the tokenizer's tokens; arabert: AraBERT v0.2's (characters outside "
            "its vocabulary dropped, / written -)",
            choices=("arabnorm", "arabert"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        if self.options["style"] == "arabert":
            from arabnorm import arabert

            single = {c: arabert.SLASH_AS.get(c, c) for c in arabert.SINGLE_TOKENS}
            return [ClassTokens(arabert.WORD, arabert.DIGITS, arabert.ARABIC_LETTERS, single)]
        return [JoinTokens()]
