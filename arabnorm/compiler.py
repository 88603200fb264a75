"""The compiler: from a pipeline's stages to the functions that run them.

Every step has one meaning, its reference (``Step.apply_with_edits``). The
compiler only chooses *how* to run it, once per pipeline, from what the steps
are and declare (their class, ``triggers``, ``commutes_with``, ``one_char``,
``watched``), never from
timings, machine load or the text of a pattern:

- ``flatten``: the stages' steps in order, each run of tables fused into
  one, a table moved past steps it commutes with to join an earlier one;
- ``runners``: for each step, or each run of steps that can go as one, the
  fastest runner its declarations allow (see ``arabnorm.fasttable``):

  ========================================  =================================
  steps                                     runner
  ========================================  =================================
  ``KeepOnly`` then a table                 one lookup array (``VectorTable``)
  a one-to-one table then ``ClassTokens``   one class lookup (``VectorClassTokens``)
  tables with triggered rules between them  one table where no rule applies
                                            (``TableWindow``); a ``one_char``
                                            rule the later tables hide is
                                            absorbed
  a step that watches a few characters,     the window's lookup finds them
  then such a window                        too (``WatchedWindow``)
  a table                                   ``VectorTable``, else translate
  ``RunRule``, ``TrimRule``                 neighbours compared, vectorized
  ``ClassTokens``                           one class lookup, vectorized
  a rule led by its only trigger            its own ``apply`` (the engine
                                            finds the trigger itself)
  a step with a few declared triggers       only the lines holding one
                                            (``LineFilter``)
  any other step                            its own ``apply``
  ========================================  =================================

- ``tracers``: faster ways to a step's edits than its reference, for spans.

An optimization that does not fit says so by returning None, and the next
choice is taken. With ``ARABNORM_PURE=1`` nothing is compiled: every step of
every stage runs by its reference, unfused, which is how the tests tell a
fast path from the meaning it must keep.

>>> from arabnorm.stages import make_stage
>>> steps = flatten([make_stage("tatweel"), make_stage("alef")])
>>> steps
(Table(7 code points),)
>>> [run("أحـمد") for run in runners(steps)]
['احمد']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from arabnorm.stages.base import (
    ClassTokens,
    KeepOnly,
    Rule,
    RunRule,
    Stage,
    Step,
    Table,
    TrimRule,
    reference,
)

Runner = Callable[[str], str]

Layer = Any
"""One step's edits: a list of ``Edit`` tuples, or four arrays (``TableEdits``)."""
Tracer = Callable[[str], "tuple[str, Layer] | None"]
"""A faster way to a step's output and edits; None where it cannot help."""


def pure() -> bool:
    """Whether ``ARABNORM_PURE`` asks for the reference of every step."""
    return os.environ.get("ARABNORM_PURE", "") not in ("", "0")


def vectorized() -> bool:
    """Whether the numpy runners may be used (numpy importable, not pure).

    Only looks: importing numpy costs a tenth of a second, paid on the first
    block large enough to use it.
    """
    if pure():
        return False
    from importlib.util import find_spec

    return find_spec("numpy") is not None


def flatten(stages: Sequence[Stage], fuse: bool = True) -> tuple[Step, ...]:
    """The stages' steps in order; with ``fuse``, each run of tables as one table.

    A table that follows steps it commutes with (``Step.commutes_with``)
    moves before them when that lets it fuse with an earlier table: in the
    search preset, the spaces table of ``whitespace`` joins the letters
    table before ``elongation``, one pass fewer over the text.
    """
    steps: list[Step] = []
    for stage in stages:
        for step in stage.steps:
            if fuse and isinstance(step, Table):
                k = len(steps)
                while k > 0 and not isinstance(steps[k - 1], Table):
                    if not steps[k - 1].commutes_with(step):
                        break
                    k -= 1
                earlier = steps[k - 1] if k > 0 else None
                if isinstance(earlier, Table):
                    steps[k - 1] = earlier.then(step)
                    continue
            steps.append(step)
    if not fuse:
        return tuple(steps)
    return tuple(s for s in steps if not (isinstance(s, Table) and not s.mapping))


def runner(step: Step, vector: bool | None = None) -> Runner:
    """The fastest exact way to run one step (``vector``: numpy allowed; default: if usable)."""
    if pure():
        return reference(step)
    if vector is None:
        vector = vectorized()
    if not vector:
        return step.apply
    from arabnorm import fasttable as ft

    if isinstance(step, Table):
        return ft.fast_table(step)
    if isinstance(step, RunRule):
        return ft.VectorRuns(step, step.apply)
    if isinstance(step, TrimRule):
        return ft.VectorTrim(step, step.apply)
    if isinstance(step, ClassTokens):
        return ft.VectorClassTokens.build(step, step.apply) or step.apply
    if isinstance(step, Rule) and step.leads and step.triggers and len(step.triggers) == 1:
        return step.apply  # the engine looks for the one leading character itself
    return ft.LineFilter.build(step, step.apply) or step.apply


def runners(steps: Sequence[Step]) -> tuple[Runner, ...]:
    """The functions that run ``steps`` in order (some stand for several steps)."""
    if pure():
        return tuple(reference(step) for step in steps)
    vector = vectorized()
    if not vector:
        return tuple(step.apply for step in steps)
    from arabnorm import fasttable as ft

    runs: list[Runner] = []
    i = 0
    while i < len(steps):
        step = steps[i]
        following = steps[i + 1] if i + 1 < len(steps) else None
        if isinstance(step, KeepOnly) and isinstance(following, Table):
            folded = ft.VectorTable.build(following, keep_only=step)
            if folded is not None:
                runs.append(folded)
                i += 2
                continue
        if isinstance(step, Table) and isinstance(following, ClassTokens):
            joined = ft.VectorClassTokens.build(following, following.apply, table=step)
            if joined is not None:
                runs.append(joined)
                i += 2
                continue
        if isinstance(step, Table):
            end = _window_end(steps, i)
            if end > i + 1:
                window = list(steps[i:end])
                fused = ft.TableWindow.build(window, [runner(s, vector) for s in window])
                if fused is not None:
                    runs.append(fused)
                    i = end
                    continue
        if step.watched() is not None and isinstance(following, Table):
            # a step that can tell it has nothing to do from the places of a few
            # characters, before a window: the window's lookup finds those too
            end = _window_end(steps, i + 1)
            window = list(steps[i + 1 : end])
            fused = ft.TableWindow.build(window, [runner(s, vector) for s in window])
            watched = ft.WatchedWindow.build(step, runner(step, vector), fused) if fused else None
            if watched is not None:
                runs.append(watched)
                i = end
                continue
        runs.append(runner(step, vector))
        i += 1
    return tuple(runs)


def _window_end(steps: Sequence[Step], first: int) -> int:
    """One past the last table after ``first`` reached across rules with declared triggers."""
    from arabnorm.fasttable import MAX_TRIGGERS

    end = first + 1
    for k in range(first + 1, len(steps)):
        step = steps[k]
        if isinstance(step, Table):
            end = k + 1
        elif isinstance(step, KeepOnly) or not isinstance(step, Rule):
            break
        elif step.triggers is None or len(step.triggers) > MAX_TRIGGERS:
            break
    return end


def tracers(steps: Sequence[Step]) -> tuple[Tracer | None, ...]:
    """For each step, a faster way to its edits than its reference, or None.

    A table's edits come from vectorized lookups (``TableEdits``). Any other
    step runs first by its compiled runner: when that changes nothing, it has
    no edits, and the reference pass that records them is skipped.
    """
    if not vectorized():
        return (None,) * len(steps)
    from arabnorm.fasttable import TableEdits

    found: list[Tracer | None] = []
    for step in steps:
        if isinstance(step, Table):
            found.append(TableEdits(step))
        else:
            found.append(_unchanged_or_none(runner(step)))
    return tuple(found)


def _unchanged_or_none(run: Runner) -> Tracer:
    def trace(text: str) -> tuple[str, Layer] | None:
        return (text, None) if run(text) == text else None

    return trace
