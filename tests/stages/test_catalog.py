"""The stage names, parameters and descriptions are a contract."""

from __future__ import annotations

import pickle

import pytest

from arabnorm.errors import SpecError
from arabnorm.pipeline import Pipeline
from arabnorm.stages import all_stages, get_stage, make_stage
from arabnorm.stages.base import Rule, Table

CONTRACT = {
    "invisible": {"zwnj": ("remove", {"remove", "keep"})},
    "forms": {},
    "variants": {},
    "diacritics": {"keep": ("", None), "marks": ("all", {"all", "tashkeel"})},
    "tatweel": {},
    "alef": {},
    "yaa": {},
    "teh-marbuta": {},
    "hamza": {"mode": ("seat", {"seat", "bare"})},
    "digits": {
        "to": ("latin", {"latin", "arabic"}),
        "from": ("all", {"all", "arabic", "persian"}),
    },
    "punctuation": {},
    "quotes": {"style": ("ascii", {"ascii", "guillemets"})},
    "elongation": {"max": ("1", None)},
    "whitespace": {},
    "camel": {},
    "translit": {
        "to": ("", {"", "bw", "safebw", "xmlbw", "hsb", "iso233-2"}),
        "from": ("", {"", "bw", "safebw", "xmlbw", "hsb", "iso233-2"}),
        "marker": ("", None),
        "marked": ("keep", {"keep", "strip"}),
    },
    "lucene": {},
    "persian": {},
    "stem": {},
    "stopwords": {"list": ("arabic", None)},
    "html": {
        "tags": ("remove", {"remove", "keep", "arabert"}),
        "entities": ("decode", {"decode", "keep"}),
    },
    "mask": {
        "rules": ("tokenizer", {"tokenizer", "arabert"}),
        "url": ("[رابط]", None),
        "email": ("[بريد]", None),
        "mention": ("[مستخدم]", None),
        "hashtag": ("keep", None),
        "number": ("keep", None),
    },
    "emoji": {"mode": ("remove", {"remove", "space"})},
    "repeats": {"max": ("2", None)},
}

# Stages that are pure per-code-point maps must be tables, so the pipeline fuses them.
PURE_TABLES = {"tatweel", "alef", "yaa", "teh-marbuta", "hamza", "digits", "punctuation"}


def test_every_contracted_stage_is_registered_with_its_parameters() -> None:
    stages = all_stages()
    for name, params in CONTRACT.items():
        cls = stages[name]
        assert cls.name == name
        assert {p.name: p.default for p in cls.params} == {k: v[0] for k, v in params.items()}
        for p in cls.params:
            allowed = params[p.name][1]
            if allowed is not None:
                assert set(p.choices or ()) == allowed


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_each_stage_explains_itself(name: str) -> None:
    cls = get_stage(name)
    doc = cls.__doc__ or ""
    assert len(doc.split()) > 25, "a docstring that says why"
    assert "become" in doc or "→" in doc, "with a before/after example"
    assert "\n" not in cls.summary
    assert cls.examples, "with examples of what it does"
    assert cls().kind in {"table", "rule"}
    for p in cls.params:
        assert len(p.help) > 15


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_lossy_flags_are_honest(name: str) -> None:
    cls = get_stage(name)
    assert cls.lossy == (name != "forms")


@pytest.mark.parametrize("name", sorted(PURE_TABLES))
def test_pure_maps_are_single_tables(name: str) -> None:
    stage = make_stage(name)
    assert len(stage.steps) == 1
    assert isinstance(stage.steps[0], Table)
    assert stage.kind == "table"


def test_context_stages_use_rules() -> None:
    for name in ["invisible", "variants", "elongation", "whitespace", "forms", "diacritics"]:
        assert any(isinstance(s, Rule) for s in make_stage(name).steps), name


def test_runs_of_tables_fuse_across_stages() -> None:
    p = Pipeline.from_spec("tatweel,alef,yaa,teh-marbuta,hamza,digits,punctuation")
    assert len(p._steps) == 1
    assert p.apply("أَحـمد على مسؤول ١٢٣؟") == "اَحمد علي مسوول 123?"


@pytest.mark.parametrize(
    ("spec", "named", "listed"),
    [
        ("alef:mode=bare", "'mode'", "valid parameters: none"),
        ("hamza:style=bare", "'style'", "valid parameters: mode"),
        ("invisible:zwnj=drop", "'drop'", "choose from: remove, keep"),
        ("quotes:style=x", "'x'", "choose from: ascii, guillemets"),
        ("digits:to=", "''", "choose from: latin, arabic"),
        ("diacritics:drop=shadda", "'drop'", "valid parameters: keep"),
    ],
)
def test_bad_parameters_raise_spec_errors_naming_them(spec: str, named: str, listed: str) -> None:
    with pytest.raises(SpecError) as err:
        Pipeline.from_spec(spec)
    assert named in str(err.value)
    assert listed in str(err.value)


def test_unknown_stage_lists_every_stage() -> None:
    with pytest.raises(SpecError) as err:
        Pipeline.from_spec("alef,tashkeel")
    message = str(err.value)
    assert "'tashkeel'" in message
    for name in CONTRACT:
        assert name in message


@pytest.mark.parametrize(
    "spec",
    [
        "diacritics:keep=shadda+sukun,alef",
        "invisible:zwnj=keep,hamza:mode=bare",
        "digits:to=arabic,quotes:style=guillemets,elongation:max=2",
        "camel",
    ],
)
def test_parameterized_pipelines_round_trip_and_pickle(spec: str) -> None:
    p = Pipeline.from_spec(spec)
    assert Pipeline.from_spec(p.spec) == p
    clone = pickle.loads(pickle.dumps(p))
    text = "أَمْرّ ۲۰ “x” جمييييل می\u200cخواهم مسؤول"
    assert clone.apply(text) == p.apply(text)


def test_each_parameter_setting_shows_its_first_example() -> None:
    from arabnorm import catalog

    (entry,) = [e for e in catalog.entries() if e.name == "translit"]
    shown = entry.shown_settings()
    assert shown[0] == "to=bw: ذِئْبٌ أَشْهَبُ → *i}obN >a$ohabu"
    assert len(shown) == len({e.options for e in entry.examples})
    assert "| `translit` |" in catalog.markdown()
    assert "<br>`from=iso233-2`: " in catalog.markdown()
