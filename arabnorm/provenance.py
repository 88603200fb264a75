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
import json

from arabnorm.pipeline import Pipeline

__all__ = ["HASH_LENGTH", "PROVENANCE_KEY", "describe", "spec_hash", "stamp_json_line"]

PROVENANCE_KEY = "arabnorm_spec"
"""The key ``--provenance`` adds to each JSON record."""

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


def stamp_json_line(line: str, value: str, key: str = PROVENANCE_KEY) -> str:
    """Add ``"key": value`` as the last member of the JSON object on ``line``.

    The rest of the line is kept byte for byte (only a record that already
    has the key is parsed and written anew, with the key's value replaced).
    ``line`` holds one JSON object and no terminator.

    >>> stamp_json_line('{"text": "كتاب"}', "67b9f2dde69d")
    '{"text": "كتاب", "arabnorm_spec": "67b9f2dde69d"}'
    >>> stamp_json_line("{ }", "x", "k")
    '{"k": "x"}'
    """
    member = f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
    if json.dumps(key) in line:
        record = json.loads(line)
        if isinstance(record, dict) and key in record:
            record[key] = value
            return json.dumps(record, ensure_ascii=False)
    body = line.rstrip()
    trailing = line[len(body) :]
    if not body.endswith("}"):
        raise ValueError("not a JSON object")
    inner = body[:-1].rstrip()
    if inner.endswith("{"):
        return f"{inner}{member}}}{trailing}"
    return f"{inner}, {member}}}{trailing}"
