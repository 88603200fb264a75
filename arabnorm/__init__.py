"""arabnorm: Arabic text normalization and tokenization.

The public API::

    import arabnorm
    arabnorm.normalize("أَهْلًا", preset="search")        # 'اهلا'
    arabnorm.normalize(text, stages="alef,yaa")
    arabnorm.tokenize("قال: نعم")                        # ['قال', ':', 'نعم']
    arabnorm.tokenize(text, preset="none", spans=True)   # [Token(text, start, end), ...]
    arabnorm.analyze("الكتاب في المدرسة")              # the terms Lucene indexes
    p = arabnorm.Pipeline.from_spec("diacritics:keep=shadda,tatweel")
    p.apply(text); p.map_batch(texts)

Names are imported lazily so that ``arabnorm --version`` starts fast.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, overload

__version__ = "0.1.0"

__all__ = [
    "Pipeline",
    "Stage",
    "Token",
    "__version__",
    "analyze",
    "build_pipeline",
    "normalize",
    "register",
    "tokenize",
]

if TYPE_CHECKING:
    from arabnorm.lucene.analyzer import Term
    from arabnorm.pipeline import Pipeline
    from arabnorm.stages import register
    from arabnorm.stages.base import Stage
    from arabnorm.tokenizer import Token


@lru_cache(maxsize=64)
def build_pipeline(preset: str | None = None, stages: str | None = None) -> Pipeline:
    """The pipeline for a preset and/or a stage spec.

    With only ``stages``, exactly those stages; with only ``preset`` (or
    neither: the default preset, ``standard`` unless a config file chose
    another), that preset; with both, the preset's stages
    followed by ``stages``.
    """
    from arabnorm.pipeline import Pipeline
    from arabnorm.presets import default_preset, preset_spec

    if stages is not None and preset is None:
        return Pipeline.from_spec(stages)
    spec = preset_spec(preset or default_preset())
    if stages:
        spec = f"{spec},{stages}" if spec else stages
    return Pipeline.from_spec(spec)


def normalize(text: str, preset: str | None = None, stages: str | None = None) -> str:
    """Normalize ``text`` with a preset (default ``standard``) and/or stages."""
    return build_pipeline(preset, stages).apply(text)


@overload
def tokenize(
    text: str,
    preset: str | None = ...,
    stages: str | None = ...,
    *,
    spans: Literal[False] = ...,
    clitics: bool | Literal["split", "mark"] = ...,
) -> list[str]: ...
@overload
def tokenize(
    text: str,
    preset: str | None = ...,
    stages: str | None = ...,
    *,
    spans: Literal[True],
    clitics: bool | Literal["split", "mark"] = ...,
) -> list[Token]: ...
def tokenize(
    text: str,
    preset: str | None = None,
    stages: str | None = None,
    *,
    spans: bool = False,
    clitics: bool | Literal["split", "mark"] = False,
) -> list[str] | list[Token]:
    """Normalize ``text`` with a preset (default ``standard``) and split it into tokens.

    ``preset="none"`` tokenizes without changing a character. With
    ``spans=True`` each token is a ``Token(text, start, end)`` whose span is
    in code points of the original ``text``, even where the preset deleted
    or replaced characters.

    >>> tokenize('قال: "السعر 3.14$"')
    ['قال', ':', '"', 'السعر', '3.14', '$', '"']
    >>> tokenize("كتـــاب!", preset="none", spans=True)
    [Token(text='كتـــاب', start=0, end=7), Token(text='!', start=7, end=8)]

    ``clitics=True`` (or ``"split"``) also splits proclitics and pronoun
    enclitics off Arabic words, each piece with its own span; ``"mark"``
    writes them ``و+``, ``+ه``. Needs ``pip install 'arabnorm[clitics]'``.

    >>> tokenize("وقال إنه", clitics=True)
    ['و', 'قال', 'إن', 'ه']
    """
    from arabnorm.tokenizer import tokenize_block, tokens

    pipeline = build_pipeline(preset, stages)
    if not spans and not clitics:
        return tokens(pipeline.apply(text))
    block = tokenize_block(pipeline, text)
    if clitics:
        folded = any(stage.folds for stage in pipeline.stages)
        block = block.split_clitics(clitics == "mark", folded)
    return block.tokens_with_spans() if spans else block.tokens


@lru_cache(maxsize=2)
def _analyzer(name: str) -> Any:
    from arabnorm.lucene.analyzer import Analyzer

    return Analyzer(name)


@overload
def analyze(
    text: str,
    analyzer: Literal["arabic", "persian"] = ...,
    *,
    details: Literal[False] = ...,
    offsets: Literal["codepoints", "utf16"] = ...,
) -> list[str]: ...
@overload
def analyze(
    text: str,
    analyzer: Literal["arabic", "persian"] = ...,
    *,
    details: Literal[True],
    offsets: Literal["codepoints", "utf16"] = ...,
) -> list[Term]: ...
def analyze(
    text: str,
    analyzer: Literal["arabic", "persian"] = "arabic",
    *,
    details: bool = False,
    offsets: Literal["codepoints", "utf16"] = "codepoints",
) -> list[str] | list[Term]:
    """The terms Lucene's ``ArabicAnalyzer`` or ``PersianAnalyzer`` makes of ``text``.

    These are the terms Elasticsearch, OpenSearch and Solr index for a field
    with the ``arabic`` or ``persian`` analyzer; ``text`` is one field value.
    With ``details=True``, each is a ``Term(token, start, end, type,
    position)`` as Elasticsearch's ``_analyze`` API reports it, offsets in
    code points of ``text`` (``offsets="utf16"``: UTF-16 code units, as
    Elasticsearch counts them).

    >>> analyze("الكتابان في المكتبة")
    ['كتاب', 'مكتب']
    >>> analyze("في البيت", details=True)
    [Term(token='بيت', start=3, end=8, type='<ALPHANUM>', position=1)]
    """
    found = _analyzer(analyzer).analyze(text, offsets)
    return found if details else [t.token for t in found]


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from arabnorm.pipeline import Pipeline

        return Pipeline
    if name == "Stage":
        from arabnorm.stages.base import Stage

        return Stage
    if name == "register":
        from arabnorm.stages import register

        return register
    if name == "Token":
        from arabnorm.tokenizer import Token

        return Token
    if name == "Term":
        from arabnorm.lucene.analyzer import Term

        return Term
    raise AttributeError(f"module 'arabnorm' has no attribute {name!r}")
