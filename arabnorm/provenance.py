"""Provenance: the fully resolved pipeline and a short stable hash of it.

A cleaned corpus should say how it was cleaned, so the run can be repeated
months later. ``full_spec`` spells out every stage with every parameter,
defaults included, so the text does not depend on which defaults a version
had. The hash is the first 12 hex digits of the SHA-256 of that spec with
each stage's behaviour version (``Stage.version``): the same pipeline gives
the same hash on every machine and in every release, until a stage's output
changes, which raises its version and so changes the hash::

    >>> p = Pipeline.from_spec("tatweel")
    >>> p.full_spec, spec_hash(p)
    ('tatweel', '50585dbf943b')
"""

from __future__ import annotations

import hashlib
import json

from arabnorm.pipeline import Pipeline

__all__ = [
    "HASH_LENGTH",
    "PROVENANCE_KEY",
    "describe",
    "hashed_text",
    "spec_hash",
    "stamp_json_line",
]

PROVENANCE_KEY = "arabnorm_spec"
"""The key ``--provenance`` adds to each JSON record."""

HASH_LENGTH = 12
"""Hex digits kept: 48 bits, plenty to tell pipelines apart, short to read."""

# Part of what is hashed, so that a future change of the hashed text's
# format can never give an old hash a new meaning.
_SCHEME = "arabnorm-spec-2\n"


def hashed_text(pipeline: Pipeline) -> str:
    """What the hash is taken of: the scheme, the full spec, each stage's version.

    >>> print(hashed_text(Pipeline.from_spec("tatweel,alef")))
    arabnorm-spec-2
    tatweel,alef
    tatweel@1,alef@1
    """
    versions = ",".join(f"{stage.name}@{stage.version}" for stage in pipeline.stages)
    return f"{_SCHEME}{pipeline.full_spec}\n{versions}"


def spec_hash(pipeline: Pipeline) -> str:
    """The short stable hash of a pipeline's fully resolved spec and stage versions."""
    data = hashed_text(pipeline).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def describe(pipeline: Pipeline) -> str:
    """What ``--print-spec`` prints: the full spec and its hash, one per line.

    >>> print(describe(Pipeline.from_spec("tatweel")))
    spec tatweel
    hash 50585dbf943b
    """
    return f"spec {pipeline.full_spec}\nhash {spec_hash(pipeline)}"


def stamp_json_line(line: str, value: str, key: str = PROVENANCE_KEY) -> str:
    """Add ``"key": value`` as the last member of the JSON object on ``line``.

    The rest of the line is kept byte for byte (only a record that already
    has the key is parsed and written anew, with the key's value replaced).
    ``line`` holds one JSON object and no terminator.

    >>> stamp_json_line('{"text": "كتاب"}', "50585dbf943b")
    '{"text": "كتاب", "arabnorm_spec": "50585dbf943b"}'
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
