"""The fully resolved spec and its short stable hash."""

from __future__ import annotations

from arabnorm.pipeline import Pipeline
from arabnorm.provenance import HASH_LENGTH, describe, spec_hash


def test_hash_is_stable_across_runs_and_versions() -> None:
    # A fixed value: changing it breaks every recorded provenance.
    assert spec_hash(Pipeline.from_spec("tatweel")) == "50585dbf943b"
    assert spec_hash(Pipeline.from_spec("")) == spec_hash(Pipeline())


def test_hash_follows_the_spec() -> None:
    one = spec_hash(Pipeline.from_spec("tatweel"))
    two = spec_hash(Pipeline.from_spec("tatweel,tatweel"))
    assert one != two
    assert len(one) == HASH_LENGTH and int(one, 16) >= 0


def test_a_stage_whose_output_changes_changes_the_hash(monkeypatch: object) -> None:
    from arabnorm.stages import get_stage

    before = spec_hash(Pipeline.from_spec("tatweel,alef"))
    monkeypatch.setattr(get_stage("alef"), "version", 2)  # type: ignore[attr-defined]
    after = spec_hash(Pipeline.from_spec("tatweel,alef"))
    assert before != after
    assert Pipeline.from_spec("tatweel,alef").full_spec == "tatweel,alef"


def test_describe() -> None:
    assert describe(Pipeline.from_spec("tatweel")).splitlines() == [
        "spec tatweel",
        "hash 50585dbf943b",
    ]


def test_stamp_json_line_keeps_the_record_and_adds_the_hash() -> None:
    import json

    from arabnorm.provenance import stamp_json_line

    line = '{"id":1,"text":"\\u0643\\u062a\\u0627\\u0628" , "n": null}  '
    out = stamp_json_line(line, "abc")
    assert out.startswith('{"id":1,"text":"\\u0643\\u062a\\u0627\\u0628" , "n": null')
    assert json.loads(out) == {"id": 1, "text": "كتاب", "n": None, "arabnorm_spec": "abc"}
    assert out.endswith("  ")
    # Stamping again replaces the value instead of adding a duplicate key.
    again = stamp_json_line(out, "def")
    assert json.loads(again)["arabnorm_spec"] == "def"
    assert again.count("arabnorm_spec") == 1
    assert json.loads(stamp_json_line("{}", "x")) == {"arabnorm_spec": "x"}


def test_full_spec_rebuilds_every_preset_with_the_same_hash() -> None:
    from arabnorm.presets import PRESETS

    for name in PRESETS:
        pipeline = Pipeline.from_preset(name)
        again = Pipeline.from_spec(pipeline.full_spec)
        assert again == pipeline
        assert spec_hash(again) == spec_hash(pipeline)
    # Spelling a default out changes nothing; changing a parameter does.
    assert spec_hash(Pipeline.from_spec("digits")) == spec_hash(
        Pipeline.from_spec("digits:to=latin")
    )
    assert spec_hash(Pipeline.from_spec("digits")) != spec_hash(
        Pipeline.from_spec("digits:to=arabic")
    )
