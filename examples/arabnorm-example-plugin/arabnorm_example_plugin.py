"""An example arabnorm plugin: one stage, found through the ``arabnorm.stages`` entry point."""

from __future__ import annotations

from collections.abc import Sequence

from arabnorm.stages import Example, Stage, Step, Table


class QuestionMark(Stage):
    """Write the Latin question mark as the Arabic one: لماذا? becomes لماذا؟.

    Arabic text typed on a Latin keyboard often ends questions with ``?``;
    the Arabic question mark is mirrored and sits on the baseline of the
    script. A table stage: it fuses with the stages around it.
    """

    name = "plugin-stage"
    summary = "? becomes ؟ (example plugin)"
    lossy = False
    examples = (Example("لماذا?", "لماذا؟"),)

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord("?"): "\u061f"})]
