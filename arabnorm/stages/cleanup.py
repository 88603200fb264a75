"""Stages that remove noise without touching letters: tatweel."""

from __future__ import annotations

from collections.abc import Sequence

from arabnorm import chars
from arabnorm.stages import register
from arabnorm.stages.base import Stage, Step, Table


@register
class Tatweel(Stage):
    """Remove the tatweel (kashida) used to stretch words: كتـــاب becomes كتاب."""

    name = "tatweel"
    summary = "removes tatweel U+0640 (كتـــاب → كتاب)"
    kind = "table"
    lossy = True

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord(chars.TATWEEL): ""})]
