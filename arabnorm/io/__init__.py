"""Reading and writing: formats, compression, directories, parallel blocks, atomic output.

Stages never see files, encodings or line terminators as such: readers cut
input into blocks of whole records, writers put the results back byte for
byte where no stage changed anything. ``process_corpus`` is the whole-corpus
entry point that ``arabnorm clean`` and ``arabnorm tokenize`` share::

    from arabnorm import Pipeline
    from arabnorm.io import CorpusOptions, process_corpus

    opts = CorpusOptions(output_dir="clean/", recursive=True, globs=("*.jsonl",), jobs=0)
    result = process_corpus(Pipeline.from_preset("search"), ["corpus/"], opts)
    print(result.total.lines, result.warnings())
"""

from arabnorm.io.corpus import CorpusOptions, CorpusResult, process_corpus
from arabnorm.io.files import atomic_write, open_input
from arabnorm.io.formats import FunctionTransform, Transform, detect_format
from arabnorm.io.text import ERROR_POLICIES, iter_byte_blocks, iter_text_blocks

__all__ = [
    "ERROR_POLICIES",
    "CorpusOptions",
    "CorpusResult",
    "FunctionTransform",
    "Transform",
    "atomic_write",
    "detect_format",
    "iter_byte_blocks",
    "iter_text_blocks",
    "open_input",
    "process_corpus",
]
