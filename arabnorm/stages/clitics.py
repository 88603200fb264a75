"""The clitic segmenter as a stage: splits tokenized Arabic words into pieces."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

import regex

from arabnorm import chars
from arabnorm.stages import register
from arabnorm.stages.base import Edit, Example, Param, Stage, Step

_LETTERS = "".join(sorted(chars.BASIC_LETTERS | chars.CLITIC_IGNORED_MARKS))
# A whole space-delimited token made only of Arabic letters, marks and
# tatweel: URLs, hashtags, mentions and mixed-script tokens never match.
_WORD = regex.compile(rf"(?<!\S)[{regex.escape(_LETTERS)}]++(?!\S)")


class SplitClitics(Step):
    """Put a separator between the clitics and the stem of every Arabic token.

    Only separators are inserted (no character of the word changes), and the
    edits say where, so spans of every piece map back to the input.

    ``mode="split"``: ``وبكتابه`` becomes ``و ب كتاب ه``; ``mode="mark"``:
    ``و+ ب+ كتاب +ه``.
    """

    kind = "tokenizer"
    word_local = True

    def __init__(self, mode: str = "split", folded: bool = False) -> None:
        self.mode = mode
        self.folded = folded
        self._cache: dict[str, list[tuple[int, str]]] = {}

    @cached_property
    def _segmenter(self) -> Any:
        from arabnorm.clitics import default_segmenter

        return default_segmenter(folded=self.folded)

    def _separators(self, word: str) -> list[tuple[int, str]]:
        """(offset in word, text to insert there) for every cut (cached)."""
        got = self._cache.get(word)
        if got is None:
            if len(self._cache) >= 1_000_000:
                self._cache.clear()
            got = self._cache[word] = self._cuts(word)
        return got

    def _cuts(self, word: str) -> list[tuple[int, str]]:
        """Between each two pieces, the end mark of one, a space, the start mark of the next."""
        seg = self._segmenter
        pieces = seg.pieces(word)
        if len(pieces) == 1:
            return []
        texts = seg.written(word, self.mode == "mark")
        out = []
        pos = 0
        for i in range(len(pieces) - 1):
            pos += len(pieces[i])
            tail = texts[i][len(pieces[i]) :] if texts[i].startswith(pieces[i]) else ""
            nxt, piece = texts[i + 1], pieces[i + 1]
            head = nxt[: len(nxt) - len(piece)] if nxt.endswith(piece) else ""
            out.append((pos, f"{tail} {head}"))
        return out

    def apply(self, text: str) -> str:
        return self.apply_with_edits(text)[0]

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        out: list[str] = []
        edits: list[Edit] = []
        last = 0
        shift = 0
        separators = self._separators
        for m in _WORD.finditer(text):
            start = m.start()
            for offset, sep in separators(m.group()):
                at = start + offset
                out.append(text[last:at])
                edits.append((at, at, at + shift, at + shift + len(sep)))
                out.append(sep)
                shift += len(sep)
                last = at
        out.append(text[last:])
        return "".join(out), edits

    def __repr__(self) -> str:
        return f"SplitClitics(mode={self.mode!r}, folded={self.folded!r})"


@register
class Clitics(Stage):
    """Split proclitics and pronoun enclitics off tokenized Arabic words.

    Runs after ``tokens``: ``وقال إنه`` becomes ``و قال إن ه``. Needs the word
    frequencies of ``pip install 'arabnorm[clitics]'``. After a preset that
    folds spelling variants (``search``), use ``spelling=folded``.
    """

    name = "clitics"
    summary = "splits clitics off Arabic tokens; needs arabnorm[clitics]"
    lossy = True
    # A piece can split again: للجيش gives ل لجيش, whose لجيش gives ل جيش.
    idempotent = False
    examples = (
        Example("وبكتابه وزارة", "و ب كتاب ه وزارة"),
        Example("وبكتابه", "و+ ب+ كتاب +ه", "mode=mark"),
    )
    params = (
        Param(
            "mode",
            "split",
            "split: pieces separated by spaces; mark: clitics flagged with + (و+ كتاب +ه)",
            choices=("split", "mark"),
        ),
        Param(
            "spelling",
            "as-written",
            "as-written: letters as in the source; folded: after alef, yaa and "
            "teh-marbuta folding (the search preset), ة written ه",
            choices=("as-written", "folded"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        folded = self.options["spelling"] == "folded"
        return [SplitClitics(self.options["mode"], folded=folded)]
