"""Provenance: the fully resolved pipeline and a short stable hash of it.

A cleaned corpus should say how it was cleaned, so the run can be repeated
months later. ``full_spec`` spells out every stage with every parameter,
defaults included, so the text does not depend on which defaults a version
had; the hash is the first 12 hex digits of its SHA-256. The same spec gives
the same hash on every machine and in every version that keeps the stages'
behaviour::

    >>> p = Pipeline.from_spec("tatweel")
    >>> p.full_spec, spec_hash(p)
    ('tatweel', '67b9f2dde69d')
"""

from __future__ import annotations

import hashlib

from arabnorm.pipeline import Pipeline

__all__ = ["HASH_LENGTH", "describe", "spec_hash"]

HASH_LENGTH = 12
"""Hex digits kept: 48 bits, plenty to tell pipelines apart, short to read."""

# Part of what is hashed, so that a future change of the hashed text's
# format can never give an old hash a new meaning.
_SCHEME = "arabnorm-spec-1\n"


def spec_hash(pipeline: Pipeline) -> str:
    """The short stable hash of a pipeline's fully resolved spec."""
    data = (_SCHEME + pipeline.full_spec).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def describe(pipeline: Pipeline) -> str:
    """What ``--print-spec`` prints: the full spec and its hash, one per line.

    >>> print(describe(Pipeline.from_spec("tatweel")))
    spec tatweel
    hash 67b9f2dde69d
    """
    return f"spec {pipeline.full_spec}\nhash {spec_hash(pipeline)}"
