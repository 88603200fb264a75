"""One meaning per stage: every way of running a stage gives its reference's answer.

Walks the whole registry (every stage, every parameter value) and plugin
stages written in ``regex``-only syntax, and holds each path equal to the
reference (``apply_with_edits`` of every step, one by one): ``Stage.apply``,
``Pipeline.apply``, ``map_batch``, ``normalize``, ``align``, tokens through
the pipeline, the long-line streamer, worker processes (``-j 2``) and
``ARABNORM_PURE=1``. Each stage's declarations (triggers, working within
words, idempotence) are checked on the same texts.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator

import pytest

import arabnorm
from arabnorm import chars, compiler
from arabnorm.pipeline import Pipeline
from arabnorm.stages.base import Rule, Stage
from arabnorm.tokenizer import tokenize_block, tokens
from tests import registry

with registry.plugin_stages():
    SPECS = registry.stage_specs()


@pytest.fixture(autouse=True)
def _plugins() -> Iterator[None]:
    with registry.plugin_stages():
        yield


def reference(spec: str, text: str) -> str:
    """The meaning: every step of every stage by its reference, in order."""
    for stage in Pipeline.from_spec(spec).stages:
        for step in stage.steps:
            text = step.apply_with_edits(text)[0]
    return text


def _stage(spec: str) -> Stage:
    (stage,) = Pipeline.from_spec(spec).stages
    return stage


def _texts(spec: str) -> tuple[list[str], str]:
    examples = registry.examples_of(spec)
    return registry.lines(spec, examples=examples), registry.block(spec, examples)


@pytest.mark.parametrize("spec", SPECS)
def test_every_path_in_this_process_gives_the_reference(spec: str) -> None:
    lines, block = _texts(spec)
    pipeline = Pipeline.from_spec(spec)
    stage = _stage(spec)
    for text in [*lines, block]:
        want = reference(spec, text)
        assert stage.apply(text) == want, ("Stage.apply", text)
        assert pipeline.apply(text) == want, ("Pipeline.apply", text)
        assert pipeline.align(text)[0] == want, ("align", text)
    assert pipeline.map_batch(lines) == [reference(spec, t) for t in lines]
    assert arabnorm.normalize(block, stages=spec) == reference(spec, block)


@pytest.mark.parametrize("spec", SPECS)
def test_tokens_through_the_pipeline_are_the_tokens_of_its_output(spec: str) -> None:
    lines, block = _texts(spec)
    pipeline = Pipeline.from_spec(spec)
    for text in [*lines[:40], block]:
        assert tokenize_block(pipeline, text).tokens == tokens(reference(spec, text))


@pytest.mark.parametrize("spec", SPECS)
def test_the_long_line_streamer_gives_the_whole_line(spec: str) -> None:
    examples = registry.examples_of(spec)
    line = registry.long_line(spec, examples) + "\r\n"
    rng = random.Random(spec)
    streamer = Pipeline.from_spec(spec).line_streamer(margin=300)
    out: list[str] = []
    pos = 0
    while pos < len(line):
        size = rng.choice([1, 7, 50, 400, 3000])
        out.append(streamer.feed(line[pos : pos + size], final=pos + size >= len(line)))
        pos += size
    assert "".join(out) == reference(spec, line)


@pytest.mark.parametrize("spec", SPECS)
def test_worker_processes_give_the_reference(spec: str) -> None:
    from arabnorm.io.formats import TextCodec
    from arabnorm.io.runner import Executor, run_stream

    _, block = _texts(spec)
    data = block.encode("utf-8", "surrogateescape")
    out = io.BytesIO()
    codec = TextCodec("surrogateescape")
    with Executor(Pipeline.from_spec(spec), jobs=2) as ex:
        run_stream(io.BytesIO(data), out, codec, ex, "x", block_size=2048)
    want = reference(spec, data.decode("utf-8", "surrogateescape"))
    assert out.getvalue() == want.encode("utf-8", "surrogateescape")


PURE_SCRIPT = """
import json, sys
from tests import registry
registry.register_plugins()
from arabnorm.pipeline import Pipeline
out = {}
for spec in json.loads(sys.stdin.read()):
    examples = registry.examples_of(spec)
    block = registry.block(spec, examples)
    p = Pipeline.from_spec(spec)
    batch = p.map_batch(registry.lines(spec, examples=examples))
    out[spec] = [p.apply(block), p.align(block)[0], batch]
sys.stdout.write(json.dumps(out, ensure_ascii=True))
"""


def test_arabnorm_pure_runs_the_reference_and_agrees() -> None:
    env = {**os.environ, "ARABNORM_PURE": "1"}
    res = subprocess.run(
        [sys.executable, "-c", PURE_SCRIPT],
        input=json.dumps(SPECS).encode(),
        capture_output=True,
        env=env,
        cwd=registry.ROOT,
        check=True,
    )
    pure = json.loads(res.stdout)
    for spec in SPECS:
        lines, block = _texts(spec)
        fast = Pipeline.from_spec(spec)
        want = reference(spec, block)
        assert pure[spec][0] == want == fast.apply(block), spec
        assert pure[spec][1] == want, spec
        assert pure[spec][2] == [reference(spec, t) for t in lines], spec


def test_pure_means_unfused_reference_runners(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARABNORM_PURE", "1")
    p = Pipeline.from_spec("tatweel,alef")
    assert len(p.steps) == 2  # not fused
    assert not compiler.vectorized()
    assert p.apply("أحـمد") == "احمد"


# --- declarations -------------------------------------------------------------------


@pytest.mark.parametrize("spec", SPECS)
def test_examples_hold(spec: str) -> None:
    for example in registry.examples_of(spec):
        got = Pipeline.from_spec(example.spec(_stage(spec).name)).apply(example.before)
        assert got == example.after, example


@pytest.mark.parametrize("spec", SPECS)
def test_lines_without_a_trigger_are_left_alone(spec: str) -> None:
    lines, _ = _texts(spec)
    for step in _stage(spec).steps:
        if step.triggers is None:
            continue
        for line in lines:
            bare = "".join(c for c in line if c not in step.triggers)
            assert step.apply_with_edits(bare)[0] == bare, (step, bare)


@pytest.mark.parametrize("spec", SPECS)
def test_word_local_steps_work_within_words(spec: str) -> None:
    lines, _ = _texts(spec)
    rng = random.Random(spec)
    for step in _stage(spec).steps:
        if not step.word_local:
            continue
        for _ in range(150):
            a = rng.choice(lines).replace("\n", "") + registry.word_edge(rng)
            b = registry.word_edge(rng) + rng.choice(lines).replace("\n", "")
            fa, fb = step.apply_with_edits(a)[0], step.apply_with_edits(b)[0]
            assert step.apply_with_edits(a + " " + b)[0] == fa + " " + fb, (step, a, b)
            assert fa[-1:] in chars.WORD_EDGE and fb[:1] in chars.WORD_EDGE, (step, a, b)


@pytest.mark.parametrize("spec", SPECS)
def test_one_char_rules_change_one_trigger_into_their_replacement(spec: str) -> None:
    lines, _ = _texts(spec)
    for step in _stage(spec).steps:
        if not getattr(step, "one_char", False):
            continue
        assert isinstance(step, Rule) and step.triggers is not None
        changed = 0
        for line in lines:
            out, edits = step.apply_with_edits(line)
            for a, b, c, d in edits:
                assert b == a + 1 and line[a] in step.triggers, (step, line, a)
                assert out[c:d] == step.replacement, (step, line, a)
            changed += len(edits)
        assert changed, f"no registry text exercises {step}"


@pytest.mark.parametrize("spec", SPECS)
def test_steps_that_watch_characters_judge_only_texts_they_leave_alone(spec: str) -> None:
    import numpy as np

    lines, block = _texts(spec)
    for step in _stage(spec).steps:
        watched = step.watched()
        if watched is None:
            continue
        is_watched = np.zeros(0x10000, dtype=np.bool_)
        is_watched[sorted(map(ord, watched))] = True
        verdicts = set()
        for text in [*lines, block]:
            units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
            unchanged = step.unchanged_at(units, np.flatnonzero(is_watched.take(units)))
            if unchanged:
                assert step.apply_with_edits(text)[0] == text, (step, text)
            verdicts.add(unchanged)
        assert verdicts == {True, False}, f"the registry texts do not exercise {step}"


@pytest.mark.parametrize("spec", SPECS)
def test_space_local_steps_run_alike_on_both_sides_of_a_space(spec: str) -> None:
    lines, _ = _texts(spec)
    rng = random.Random(spec)
    for step in _stage(spec).steps:
        if not step.space_local:
            continue
        for _ in range(150):
            a = rng.choice(lines).replace("\n", "").rstrip("\r")
            b = rng.choice(lines).replace("\n", "")
            fa, fb = step.apply_with_edits(a)[0], step.apply_with_edits(b)[0]
            assert step.apply_with_edits(a + " " + b)[0] == fa + " " + fb, (step, a, b)


@pytest.mark.parametrize("spec", SPECS)
def test_steps_that_judge_cuts_keep_the_output_where_they_allow_one(spec: str) -> None:
    lines, _ = _texts(spec)
    rng = random.Random(spec)
    for step in _stage(spec).steps:
        if not step.checks_cuts:
            continue
        for _ in range(150):
            a = rng.choice(lines).replace("\n", "") + registry.word_edge(rng)
            b = registry.word_edge(rng) + rng.choice(lines).replace("\n", "") + " x"
            if step.allows_cut(a + " " + b, len(a)):
                fa, fb = step.apply_with_edits(a)[0], step.apply_with_edits(b)[0]
                assert step.apply_with_edits(a + " " + b)[0] == fa + " " + fb, (step, a, b)


@pytest.mark.parametrize("spec", SPECS)
def test_idempotent_stages_are(spec: str) -> None:
    stage = _stage(spec)
    if not stage.idempotent:
        return
    lines, block = _texts(spec)
    for text in [*lines, block]:
        once = reference(spec, text)
        assert reference(spec, once) == once, text


@pytest.mark.parametrize("spec", SPECS)
def test_a_block_gives_what_its_lines_give(spec: str) -> None:
    lines, _ = _texts(spec)
    for sep in ("\n", "\r\n"):
        block = sep.join(lines)
        # a block's lines are its pieces between "\n"s: the "\r" of a "\r\n" ends its line
        assert reference(spec, block) == "\n".join(reference(spec, x) for x in block.split("\n"))
