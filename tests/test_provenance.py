"""The fully resolved spec and its short stable hash."""

from __future__ import annotations

import doctest

import arabnorm.provenance
from arabnorm.pipeline import Pipeline
from arabnorm.provenance import HASH_LENGTH, describe, spec_hash


def test_doctests() -> None:
    assert doctest.testmod(arabnorm.provenance).failed == 0


def test_hash_is_stable_across_runs_and_versions() -> None:
    # A fixed value: changing it breaks every recorded provenance.
    assert spec_hash(Pipeline.from_spec("tatweel")) == "67b9f2dde69d"
    assert spec_hash(Pipeline.from_spec("")) == spec_hash(Pipeline())


def test_hash_follows_the_spec() -> None:
    one = spec_hash(Pipeline.from_spec("tatweel"))
    two = spec_hash(Pipeline.from_spec("tatweel,tatweel"))
    assert one != two
    assert len(one) == HASH_LENGTH and int(one, 16) >= 0


def test_describe() -> None:
    assert describe(Pipeline.from_spec("tatweel")).splitlines() == [
        "spec tatweel",
        "hash 67b9f2dde69d",
    ]
