"""The damaged-text stages: where they run, what they promise, and the README's table."""

from __future__ import annotations

from pathlib import Path

from arabnorm import catalog, normalize
from arabnorm.damage.bidi import display
from arabnorm.pipeline import Pipeline
from arabnorm.presets import preset_spec
from tests.damage.cases import KINDS, damage, real_text, seed_sentences

ROOT = Path(__file__).resolve().parents[2]


def test_mojibake_runs_first_in_standard_and_search_not_in_camel() -> None:
    for preset in ("standard", "search"):
        assert preset_spec(preset).split(",")[0] == "mojibake"
    assert "mojibake" not in preset_spec("camel")
    assert all("visual" not in preset_spec(p) for p in ("standard", "search", "camel", "none"))


def test_clean_of_damaged_text_is_clean_of_the_text() -> None:
    for preset in ("standard", "search"):
        pipeline = Pipeline.from_preset(preset)
        for sentence in seed_sentences():
            want = pipeline.apply(sentence)
            for how in KINDS:
                assert pipeline.apply(damage(sentence, how)) == want, (preset, how, sentence)


def test_camel_leaves_damage_as_camel_tools_would() -> None:
    damaged = damage("مرحبا", "cp1256")
    assert normalize(damaged, preset="camel") == normalize(damaged, stages="camel")


def test_neither_stage_changes_real_text() -> None:
    pipeline = Pipeline.from_spec("mojibake,visual")
    for lines in real_text().values():
        for line in lines:
            assert pipeline.apply(line) == line


def test_visual_restores_and_declares_what_it_is() -> None:
    sentence = "قال الرئيس إن المدرسة الجديدة ستفتح أبوابها غدا."
    assert normalize(display(sentence), stages="visual") == sentence
    (stage,) = Pipeline.from_spec("visual").stages
    assert (stage.lossy, stage.word_local, stage.context) == (False, False, None)
    (stage,) = Pipeline.from_spec("mojibake").stages
    assert (stage.lossy, stage.word_local, stage.idempotent) == (False, False, False)


def test_spans_map_back_through_a_repair() -> None:
    damaged = "قال " + damage("الرئيس", "cp1256") + " اليوم"
    out, alignment = Pipeline.from_spec("mojibake").align(damaged)
    assert out == "قال الرئيس اليوم"
    start = out.index("الرئيس")
    a, b = alignment.span(start, start + len("الرئيس"))
    assert damaged[a:b] == damage("الرئيس", "cp1256")


def test_the_readme_stage_table_is_the_registrys() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert catalog.markdown() in readme
