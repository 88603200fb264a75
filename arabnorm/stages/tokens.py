"""The tokenizer as a stage: tokens separated by one space, line by line."""

from __future__ import annotations

from collections.abc import Sequence

from arabnorm.stages import register
from arabnorm.stages.base import Edit, Example, Stage, Step


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
    """

    name = "tokens"
    summary = "splits into tokens separated by one space"
    lossy = True
    examples = (Example('قال:"السعر 3.14$"', 'قال : " السعر 3.14 $ "'),)

    def build_steps(self) -> Sequence[Step]:
        return [JoinTokens()]
