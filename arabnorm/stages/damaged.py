"""Stages that repair damage done before normalization: mojibake, visual."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from arabnorm import chars
from arabnorm.stages import register
from arabnorm.stages.base import Edit, Example, Param, Rule, Stage, Step


class MojibakeRule(Rule):
    """The mojibake repair (``arabnorm.damage.mojibake``) as a rule over damaged runs.

    A match is a run of units; its replacement reads at most ``CONTEXT``
    characters around it on its line. ``apply`` first finds, with one
    vectorized pass, the few lines that may hold a strong run (clean text
    has none) and runs the pattern on those lines only.
    """

    __slots__ = ()

    def __init__(self) -> None:
        from arabnorm.damage import mojibake as m

        super().__init__(m.RUN, m.replace_run, triggers=m.LEADS, context=m.CONTEXT)

    def matches(self, text: str, pos: int = 0) -> Iterable[Any]:
        from arabnorm.damage import mojibake as m

        return m.run_matches(text, pos)  # the pattern's matches, found where they can be

    def watched(self) -> frozenset[str]:
        """The continuation characters: every repaired run holds one."""
        from arabnorm.damage import mojibake as m

        return m.continuation_chars()

    def unchanged_at(self, units: Any, at: Any) -> bool:
        """No strong candidate among the continuations: no line is repaired."""
        from arabnorm.damage import mojibake as m

        return not m.candidates_at(units, at)

    def apply(self, text: str) -> str:
        from arabnorm.compiler import vectorized
        from arabnorm.damage import mojibake as m

        if len(text) < 256 or not vectorized():
            return m.repair(text)
        found = m.strong_candidates(text)
        if not found:
            return text
        from arabnorm.fasttable import _run_on_lines

        return _run_on_lines(text, ((p, p) for p in found), m.repair)


@register
class Mojibake(Stage):
    """Repair UTF-8 that was decoded with the wrong code page: ظ…ط±ط­ط¨ط§ becomes مرحبا.

    UTF-8 Arabic read as windows-1256 (``ط§ظ„ط¹ط§ظ„ظ…``), as windows-1252 or
    Latin-1 (``Ø§Ù„Ø¹Ø§Ù„Ù…``), and either of them twice, is turned back into
    the text it was, run by run inside a line, so a damaged phrase in good
    Arabic or English comes back and the rest of the line stays as it is. A
    run is repaired only when it decodes to valid UTF-8 in a script it was
    plausibly written in and does not touch a real word (see
    ``arabnorm.damage.mojibake``): Persian, Urdu, French, Danish, Turkish or
    Vietnamese text, and Arabic with ظ or ط beside … or „, never change.

    It runs first in the ``standard`` and ``search`` presets: later stages
    remove the soft hyphen, no-break space and ZWNJ that damaged letters are
    made of (ح is ``ط`` + U+00AD), after which the damage could no longer be
    undone. It is not idempotent in every case: a repaired run can, in
    contrived text, make a new damaged-looking run with its neighbours.
    """

    name = "mojibake"
    summary = "repairs UTF-8 read as windows-1256, windows-1252 or Latin-1, once or twice"
    lossy = False
    idempotent = False
    examples = (
        Example("ظ…ط±ط­ط¨ط§ ط¨ط§ظ„ط¹ط§ظ„ظ…", "مرحبا بالعالم"),
        Example("Ù…Ø±Ø­Ø¨Ø§", "مرحبا"),
        Example("Ã˜Â§Ã™â€žÃ˜Â¹Ã˜Â§Ã™â€žÃ™â€¦", "العالم"),
        Example("cafÃ© â€œokâ€\u009d", "café “ok”"),
        Example("الحظ… ظ„ ط§", "الحظ… ظ„ ط§"),
    )

    def build_steps(self) -> Sequence[Step]:
        return [MojibakeRule()]


class VisualStep(Step):
    """Each line judged and, when visual, put back in logical order (one edit per line)."""

    __slots__ = ("lam_alef",)

    @property
    def max_line(self) -> int:  # type: ignore[override]
        """Longer lines are never judged visual."""
        from arabnorm.damage.visual import MAX_LINE

        return MAX_LINE

    def __init__(self, lam_alef: bool | str) -> None:
        self.lam_alef = lam_alef

    @property
    def triggers(self) -> frozenset[str]:  # type: ignore[override]
        """Arabic letters and the presentation forms of them: a line without any is not visual."""
        from arabnorm.damage import model

        return model.LETTERS | chars.PRESENTATION_FORMS

    def apply(self, text: str) -> str:
        from arabnorm.damage.visual import fix_text

        return fix_text(text, self.lam_alef)

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        from arabnorm.damage.visual import fix_text

        out: list[str] = []
        edits: list[Edit] = []
        pos = shift = 0
        for line in text.split("\n"):
            new = fix_text(line, self.lam_alef)
            if new != line:
                a, b, c, d = _trimmed(line, new)
                edits.append((pos + a, pos + b, pos + shift + c, pos + shift + d))
                shift += len(new) - len(line)
            out.append(new)
            pos += len(line) + 1
        return "\n".join(out), edits

    def stream_feeder(self) -> Any:
        from arabnorm.damage.visual import LineFeed

        return LineFeed(self.lam_alef)


def _trimmed(old: str, new: str) -> tuple[int, int, int, int]:
    """The edit of ``old`` into ``new`` without their common start and end."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, len(old) - tail, head, len(new) - tail


@register
class Visual(Stage):
    """Put lines stored in visual order back in logical order: .ملاعلاب ابحرم becomes مرحبا بالعالم.

    PDF text extractors often return a right-to-left line in the order its
    glyphs are drawn: letters and words reversed, digits and Latin words
    left as they read. Each line is judged on its Arabic words (read
    backwards, are they likelier Arabic, or known words?) and, when visual,
    reordered by inverting the Unicode bidirectional algorithm, so numbers,
    Latin words, brackets and sentence punctuation land where they were.
    Lines in logical order never change. With ``lam-alef=repair``, a lam-alef
    pair that the extractor kept as one glyph (دوالر for دولار) is swapped
    back where the word list or the letter model says so.

    Not in a default preset: run it first on text extracted from PDFs
    (before ``forms``, which turns the ligature ﻻ into two letters, and
    before ``invisible``, which removes the direction marks it reads).
    """

    name = "visual"
    summary = "restores lines that a PDF extractor wrote in visual order"
    lossy = False
    params = (
        Param(
            "lam-alef",
            "keep",
            "keep: leave lam-alef pairs as restored; repair: swap back pairs an extractor "
            "left in logical order inside a reversed word (shipped word list); wordfreq: the "
            "same with wordfreq's Arabic list (pip install 'arabnorm[clitics]')",
            choices=("keep", "repair", "wordfreq"),
        ),
    )
    examples = (
        Example(".ملاعلاب ابحرم", "مرحبا بالعالم."),
        Example("2021-2020 ماع يف ةسردملا تحتتفا", "افتتحت المدرسة في عام 2020-2021"),
        Example("مرحبا بالعالم", "مرحبا بالعالم"),
        Example("لبقملا عوبسلأا للاخ", "خلال الأسبوع المقبل", "lam-alef=repair"),
    )

    def build_steps(self) -> Sequence[Step]:
        how = self.options["lam-alef"]
        return [VisualStep({"keep": False, "repair": True}.get(how, how))]
