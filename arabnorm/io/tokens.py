"""Writing tokens: plain text, JSON lines with spans, CoNLL-U.

Each ``*_writer`` returns a function from a block of whole input lines (with
their terminators) to the output for that block, for the corpus runner. A
writer normalizes the block with the pipeline, tokenizes it, and maps every
token back to the code points of its ORIGINAL input line.

    >>> from arabnorm.pipeline import Pipeline
    >>> text_writer(Pipeline())("قال:نعم\\n")
    'قال : نعم\\n'
    >>> jsonl_writer(Pipeline())("قال:نعم\\n")
    '{"tokens": ["قال", ":", "نعم"], "spans": [[0, 3], [3, 4], [4, 7]]}\\n'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import regex

from arabnorm.io.longline import LineStreamer
from arabnorm.pipeline import Pipeline
from arabnorm.tokenizer import (
    all_lines_regular,
    chunk_tokens,
    has_only_plain_spaces,
    is_regular_line,
    join_tokens,
    line_tokens_and_bounds,
    regular_line_bounds,
    regular_line_tokens,
    sentence_bounds,
)

FORMATS = ("text", "jsonl", "conllu")

Writer = Callable[[str], str]
Line = tuple[str, str, list[str], list[tuple[int, int]]]
"""``(original line, its terminator, tokens, spans in the original line)``."""

_encode = json.JSONEncoder(ensure_ascii=False).encode


def iter_lines(pipeline: Pipeline, block: str) -> Iterator[Line]:
    """Every line of ``block`` with its tokens and their spans in that line.

    Lines the pipeline left unchanged are tokenized as they are; on the
    others, each span goes back through the pipeline's alignment. A span never
    starts or ends with whitespace.
    """
    for orig, term, toks, flat in flat_lines(pipeline, block):
        if isinstance(toks, Chunks):
            toks = regular_line_tokens(toks)
        it = iter(flat)
        if len(flat) % 2:
            next(it)  # the -1 of regular_line_bounds
        yield orig, term, toks, list(zip(it, it, strict=False))


class Chunks(list[str]):
    """The chunks of a regular line (``line.split(" ")``), standing for its tokens."""


FlatLine = tuple[str, str, list[str], Sequence[int]]
"""``(original line, its terminator, tokens, [start0, end0, start1, end1, ...])``.

For a regular line the tokens are its ``Chunks`` and the bounds those of
``regular_line_bounds``, with a leading -1: the form the writers join fastest.
"""


def flat_lines(pipeline: Pipeline, block: str) -> list[FlatLine]:
    """``iter_lines`` with each line's spans flat, for the whole block at once."""
    if not block:
        return []
    originals = block.split("\n")
    if originals[-1] == "":
        originals.pop()
    last = len(originals) - 1
    ends_with_break = block.endswith("\n")
    if pipeline.stages:
        normalized, alignment = pipeline.align(block)
        changed = not alignment.is_identity
    else:
        normalized, changed = block, False
    norm_lines = normalized.split("\n") if changed else originals
    plain = has_only_plain_spaces(normalized)
    # First every line's tokens, gathering the spans of changed lines in
    # normalized coordinates; then one mapping back for the whole block.
    rows: list[FlatLine] = []
    pending: list[int] = []  # rows to map back
    flat_all: list[int] = []
    counts: list[int] = []  # bounds of each pending row
    norm_offs: list[int] = []
    orig_offs: list[int] = []
    orig_off = norm_off = 0
    for i, line in enumerate(originals):
        has_cr = line[-1:] == "\r" and (i < last or ends_with_break)
        term = "\r\n" if has_cr else ("\n" if i < last or ends_with_break else "")
        orig = line[:-1] if has_cr else line
        norm = norm_lines[i]
        norm_body = norm[:-1] if has_cr and norm[-1:] == "\r" else norm
        same = not changed or norm_body == orig
        body = orig if same else norm_body
        toks: list[str]
        flat: Sequence[int]
        if plain and not has_cr and is_regular_line(body):
            toks = Chunks(body.split(" "))
            flat = regular_line_bounds(toks) if body else ()
        else:
            toks, flat = line_tokens_and_bounds(body, False)
        rows.append((orig, term, toks, flat))
        if not same and len(flat) > 1:
            flat = flat[len(flat) % 2 :]  # without the leading -1
            pending.append(len(rows) - 1)
            flat_all += flat
            counts.append(len(flat))
            norm_offs.append(norm_off)
            orig_offs.append(orig_off)
        orig_off += len(line) + 1
        norm_off += len(norm) + 1
    if pending:
        mapped = _map_back(alignment, block, flat_all, counts, norm_offs, orig_offs)
        k = 0
        for row, n in zip(pending, counts, strict=True):
            orig, term, toks, _ = rows[row]
            rows[row] = (orig, term, toks, mapped[k : k + n])
            k += n
    return rows


def _map_back(
    alignment: Any,
    block: str,
    flat: list[int],
    counts: list[int],
    norm_offs: list[int],
    orig_offs: list[int],
) -> list[int]:
    """Spans of normalized lines (flat, line coordinates) to their original lines.

    Mapped through the alignment, then trimmed so that a span never starts
    or ends with whitespace of the original line.
    """
    from arabnorm.fasttable import numpy_available

    if not numpy_available():
        pairs: list[tuple[int, int]] = []
        k = 0
        for n_, off in zip(counts, norm_offs, strict=True):
            pairs += [(off + flat[j], off + flat[j + 1]) for j in range(k, k + n_, 2)]
            k += n_
        mapped = iter(alignment.spans(pairs))
        plain: list[int] = []
        for n_, off in zip(counts, orig_offs, strict=True):
            for _ in range(n_ // 2):
                x, y = _trim(block, *next(mapped))
                plain += (x - off, y - off)
        return plain
    import numpy as np

    n = np.asarray(counts, dtype=np.int64)
    bounds = np.asarray(flat, dtype=np.int64) + np.repeat(np.asarray(norm_offs, dtype=np.int64), n)
    a, b = alignment.map_arrays(bounds[0::2], bounds[1::2])
    # whitespace at either end of a span (rare): trimmed one by one
    ends = np.maximum(b - 1, a)
    check = np.flatnonzero(_is_space(block, np.concatenate((a, ends))).reshape(2, -1).any(axis=0))
    if check.size:
        a, b = a.copy(), b.copy()
        for i in check.tolist():
            a[i], b[i] = _trim(block, int(a[i]), int(b[i]))
    back = np.repeat(np.asarray(orig_offs, dtype=np.int64), n // 2)
    out = np.empty(len(bounds), dtype=np.int64)
    out[0::2] = a - back
    out[1::2] = b - back
    result: list[int] = out.tolist()
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without whitespace at either end, as a slice."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_SPACE_LUT: list[Any] = []


def _is_space(text: str, positions: Any) -> Any:
    """Whether ``text[p].isspace()`` for each position (positions past the end: False)."""
    import numpy as np

    from arabnorm.fasttable import code_units

    if not _SPACE_LUT:
        lut = np.zeros(0x110000, dtype=np.bool_)
        lut[[c for c in range(0x3001) if chr(c).isspace()]] = True  # none above U+3000
        _SPACE_LUT.append(lut)
    inside = positions < len(text)
    where = np.minimum(positions, max(len(text) - 1, 0))
    try:
        codes = code_units(text).take(where)
    except UnicodeEncodeError:  # lone surrogates
        codes = np.fromiter((ord(text[p]) for p in where.tolist()), np.int64, len(where))
    return _SPACE_LUT[0].take(codes) & inside


def split_clitics(
    orig: str, toks: list[str], spans: list[tuple[int, int]], mode: str, folded: bool
) -> tuple[list[str], list[tuple[int, int]]]:
    """Tokens and spans with clitics split off (``mode``: split or mark)."""
    from arabnorm.clitics import split_token

    out_toks: list[str] = []
    out_spans: list[tuple[int, int]] = []
    mark = mode == "mark"
    for tok, (a, b) in zip(toks, spans, strict=True):
        for piece, s, e in split_token(tok, a, b, orig, mark=mark, folded=folded):
            out_toks.append(piece)
            out_spans.append((s, e))
    return out_toks, out_spans


def _folded(pipeline: Pipeline) -> bool:
    from arabnorm.clitics import FOLDING_STAGES

    return any(stage.name in FOLDING_STAGES for stage in pipeline.stages)


def text_writer(
    pipeline: Pipeline,
    sentences: bool = False,
    clitics: str | None = None,
    counter: list[int] | None = None,
) -> Writer:
    """Tokens separated by one space; one output line per input line (or per sentence).

    ``clitics`` (``"split"`` or ``"mark"``) also splits clitics off Arabic words.
    """
    if clitics:
        from arabnorm.stages.clitics import SplitClitics

        split = SplitClitics(clitics, folded=_folded(pipeline))
        inner = text_writer(pipeline, sentences)
        return lambda block: split.apply(inner(block))
    if not sentences:

        def write(block: str) -> str:
            return join_tokens(pipeline.apply(block) if pipeline.stages else block)

        return write

    def write_sentences(block: str) -> str:
        out: list[str] = []
        for _orig, term, toks, spans in iter_lines(pipeline, block):
            sents = sentence_bounds(toks, spans) or [(0, 0)]
            end = term or "\n"
            for k, (a, b) in enumerate(sents):
                out.append(" ".join(toks[a:b]))
                out.append(end if k < len(sents) - 1 else term)
        return "".join(out)

    return write_sentences


class _JsonTokens(dict[str, str]):
    """Chunk -> its tokens as JSON strings separated by ``", "`` (remembered)."""

    def __missing__(self, chunk: str) -> str:
        if len(self) >= 1 << 17:
            self.clear()
        value = ", ".join(map(_encode, chunk_tokens(chunk)))
        if len(chunk) <= 200:
            self[chunk] = value
        return value


_JSON_TOKENS = _JsonTokens()


def _jsonl_regular_line(line: str) -> str:
    """The JSON object of a line of single-space-separated chunks, built by C-level joins."""
    chunks = line.split(" ")
    bounds = regular_line_bounds(chunks)
    pairs = "%.0s" + "[%d, %d], " * ((len(bounds) - 1) // 2)
    toks = ", ".join(map(_JSON_TOKENS.__getitem__, chunks))
    return f'{{"tokens": [{toks}], "spans": [{(pairs % bounds)[:-2]}]}}\n'


class _JsonToken(dict[str, str]):
    """Token -> its JSON string (remembered)."""

    def __missing__(self, token: str) -> str:
        if len(self) >= 1 << 17:
            self.clear()
        value: str = _encode(token)
        if len(token) <= 200:
            self[token] = value
        return value


_JSON_TOKEN = _JsonToken()


def _jsonl_line(toks: list[str], flat: Sequence[int]) -> str:
    """The JSON object of one line's tokens and flat spans, built by C-level joins."""
    if isinstance(toks, Chunks):
        joined = ", ".join(map(_JSON_TOKENS.__getitem__, toks))
    else:
        joined = ", ".join(map(_JSON_TOKEN.__getitem__, toks))
    pairs = "%.0s" * (len(flat) % 2) + "[%d, %d], " * (len(flat) // 2)
    spans = (pairs % tuple(flat))[:-2]
    return f'{{"tokens": [{joined}], "spans": [{spans}]}}\n'


def jsonl_writer(
    pipeline: Pipeline,
    sentences: bool = False,
    clitics: str | None = None,
    counter: list[int] | None = None,
) -> Writer:
    """One JSON object per input line: ``{"tokens": [...], "spans": [[start, end], ...]}``.

    With ``sentences``, one object per sentence, with the number of the
    input line it came from (``"line"``, from 1) and spans in that line.
    With ``clitics``, clitics are split off and each piece has its own span.
    ``counter`` holds the number of lines written so far (shared with a
    long-line streamer).
    """
    counter = [0] if counter is None else counter
    folded = _folded(pipeline) if clitics else False

    def write(block: str) -> str:
        if not clitics and not sentences and not pipeline.stages and "\r" not in block:
            if all_lines_regular(block):
                lines = block.split("\n")
                if lines[-1] == "":
                    lines.pop()
                return "".join(map(_jsonl_regular_line, lines))
        if not clitics and not sentences:
            rows = flat_lines(pipeline, block)
            counter[0] += len(rows)
            return "".join([_jsonl_line(toks, flat) for _orig, _term, toks, flat in rows])
        out: list[str] = []
        for orig, _term, toks, spans in iter_lines(pipeline, block):
            counter[0] += 1
            if clitics and not sentences:
                toks, spans = split_clitics(orig, toks, spans, clitics, folded)
            if not sentences:
                out.append(f'{{"tokens": {_encode(toks)}, "spans": {_encode(spans)}}}\n')
                continue
            for a, b in sentence_bounds(toks, spans):
                stoks, sspans = toks[a:b], spans[a:b]
                if clitics:
                    stoks, sspans = split_clitics(orig, stoks, sspans, clitics, folded)
                out.append(
                    f'{{"tokens": {_encode(stoks)}, "spans": {_encode(sspans)}, '
                    f'"line": {counter[0]}}}\n'
                )
        return "".join(out)

    return write


def conllu_writer(
    pipeline: Pipeline,
    sentences: bool = False,
    clitics: str | None = None,
    counter: list[int] | None = None,
) -> Writer:
    """CoNLL-U: one sentence per non-empty input line (or per sentence).

    ``# text = `` holds the original text, each token is a row with ID and
    FORM, and ``SpaceAfter=No`` marks a token the next one touches. With
    ``clitics``, a word with clitics is a multiword-token range line (``3-4``,
    the word, its MISC) followed by one row per piece. ``counter`` holds
    the number of sentences written so far (shared with a long-line streamer).
    """
    counter = [0] if counter is None else counter
    pieces_of = _clitic_pieces(pipeline, clitics)

    def write(block: str) -> str:
        out: list[str] = []
        for orig, _term, toks, spans in iter_lines(pipeline, block):
            if not toks:
                continue
            groups = sentence_bounds(toks, spans) if sentences else [(0, len(toks))]
            for a, b in groups:
                counter[0] += 1
                text = orig[spans[a][0] : spans[b - 1][1]] if sentences else orig
                out.append(f"# sent_id = {counter[0]}\n# text = {text}\n")
                after = spans[b][0] if b < len(spans) else None
                _conllu_rows(out, toks[a:b], spans[a:b], 1, pieces_of, after)
                out.append("\n")
        return "".join(out)

    return write


def _clitic_pieces(pipeline: Pipeline, clitics: str | None) -> Callable[[str], Any] | None:
    if not clitics:
        return None
    from arabnorm.clitics import default_segmenter

    return default_segmenter(_folded(pipeline)).pieces


def _conllu_rows(
    out: list[str],
    toks: Sequence[str],
    spans: Sequence[tuple[int, int]],
    word_id: int,
    pieces_of: Callable[[str], Any] | None,
    after: int | None,
) -> int:
    """Append the CoNLL-U rows of ``toks`` numbered from ``word_id``; the next number.

    ``after`` is where the token after the last one starts (in the next
    sentence of the line), if there is one: the last token touches it when
    it ends there.
    """
    n = len(toks)
    for i in range(n):
        following = spans[i + 1][0] if i + 1 < n else after
        touches = following == spans[i][1]
        misc = "SpaceAfter=No" if touches else "_"
        parts = pieces_of(toks[i]) if pieces_of is not None else (toks[i],)
        if len(parts) == 1:
            out.append(f"{word_id}\t{toks[i]}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n")
            word_id += 1
            continue
        last = word_id + len(parts) - 1
        out.append(f"{word_id}-{last}\t{toks[i]}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n")
        for part in parts:
            out.append(f"{word_id}\t{part}\t_\t_\t_\t_\t_\t_\t_\t_\n")
            word_id += 1
    return word_id


WRITERS: dict[str, Callable[[Pipeline, bool, str | None, list[int] | None], Writer]] = {
    "text": text_writer,
    "jsonl": jsonl_writer,
    "conllu": conllu_writer,
}


class TextTokenStreamer:
    """Tokens of one very long line, separated by one space, in bounded memory.

    The pipeline's own streamer normalizes each piece; the normalized text is
    tokenized up to its last whitespace (a token never spans whitespace, so
    the tokens found there are final) and the rest waits for the next piece.
    The output equals the text writer's on the whole line. Memory grows only
    with the longest run of characters without whitespace.
    """

    def __init__(self, pipeline: Pipeline, clitics: str | None, margin: int | None) -> None:
        self._normalize = pipeline.line_streamer(margin) if pipeline.stages else None
        self._split: Callable[[str], str] | None = None
        if clitics:
            from arabnorm.stages.clitics import SplitClitics

            self._split = SplitClitics(clitics, folded=_folded(pipeline)).apply
        self._pending = ""
        self._started = False

    def feed(self, text: str, final: bool) -> str:
        if self._normalize is not None:
            text = self._normalize.feed(text, final)
        data = self._pending + text if self._pending else text
        if final:
            self._pending = ""
            return self._emit(join_tokens(data))
        cut = len(data)
        while cut > 0 and not data[cut - 1].isspace():
            cut -= 1
        if cut and data[cut - 1] == "\r":
            cut -= 1  # it may be the start of the line's "\r\n"
        self._pending = data[cut:]
        return self._emit(join_tokens(data[:cut])) if cut else ""

    def _emit(self, out: str) -> str:
        if self._split is not None:
            out = self._split(out)
        if not out or out[0] in "\r\n":
            return out  # no token: only the line's terminator, if any
        if self._started:
            out = " " + out
        self._started = True
        return out


_CUT = r"(?<=[\u0621-\u064aA-Za-z0-9]) (?=[\u0621-\u064aA-Za-z0-9])"
_LAST_CUT = regex.compile(_CUT, regex.REVERSE)
_FIRST_CUT = regex.compile(_CUT)


class SpooledTokenStreamer:
    """JSON lines or CoNLL-U for one very long line, in bounded memory.

    The line is cut at single spaces between two letters or digits (Arabic
    or ASCII) into pieces of at most ``PIECE`` characters (longer only where
    no such space is), and each piece is normalized, tokenized and mapped
    back on its own. No built-in step reaches across such a space or
    changes it, nothing next to it can be deleted, and no token spans it; so
    the tokens and spans are those of the whole line (a test checks this
    for every preset). What must come after the
    tokens (the spans of a JSON object, the rows of a CoNLL-U sentence, which
    follow its ``# text``) waits in a temporary file and is written in
    chunks at the end. Memory grows only with the longest run of characters
    without a space.
    """

    PIECE = 1 << 17
    CHUNK = 1 << 20  # characters per chunk of spooled output

    def __init__(
        self, fmt: str, pipeline: Pipeline, clitics: str | None, counter: list[int]
    ) -> None:
        import tempfile

        self._fmt = fmt
        self._pipeline = pipeline
        self._clitics = clitics
        self._folded = _folded(pipeline) if clitics else False
        self._pieces_of = _clitic_pieces(pipeline, clitics) if fmt == "conllu" else None
        self._counter = counter
        self._pending = ""
        self._offset = 0  # where the pending text starts in the line
        self._tokens = 0  # tokens written so far
        self._word_id = 1
        self._spool = tempfile.TemporaryFile(
            "w+", encoding="utf-8", errors="surrogatepass", newline=""
        )
        self._text = (
            tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass", newline="")
            if fmt == "conllu"
            else None
        )

    def feed(self, text: str, final: bool) -> str | Iterator[str]:
        data = self._pending + text if self._pending else text
        end = len(data)
        if final:
            end -= 2 if data.endswith("\r\n") else 1 if data.endswith("\n") else 0
        out: list[str] = []
        start = 0
        while end - start >= self.PIECE:
            found = _LAST_CUT.search(data, start + 1, start + self.PIECE)
            if found is None:  # a long run without a place to cut
                found = _FIRST_CUT.search(data, start + self.PIECE, end)
                if found is None:
                    break
            cut = found.start()
            out.append(self._piece(data[start:cut]))
            self._offset += cut - start
            start = cut
        if final:
            out.append(self._piece(data[start:end]))
            self._pending = ""
            return self._finish("".join(out))
        self._pending = data[start:]
        return "".join(out)

    def _piece(self, piece: str) -> str:
        """Tokens of one piece for the output now; the rest to the spool."""
        if self._text is not None:
            self._text.write(piece)
        rows = flat_lines(self._pipeline, piece)
        if not rows:
            return ""
        orig, _term, toks, flat = rows[0]
        if isinstance(toks, Chunks):
            toks = regular_line_tokens(toks)
        it = iter(flat[len(flat) % 2 :])
        spans = list(zip(it, it, strict=True))
        if self._clitics and self._fmt == "jsonl":
            toks, spans = split_clitics(orig, toks, spans, self._clitics, self._folded)
        if not toks:
            return ""
        off = self._offset
        spans = [(a + off, b + off) for a, b in spans]
        first = self._tokens == 0
        self._tokens += len(toks)
        if self._fmt == "conllu":
            rows_out: list[str] = []
            self._word_id = _conllu_rows(
                rows_out, toks, spans, self._word_id, self._pieces_of, None
            )
            self._spool.write("".join(rows_out))
            return ""
        pairs = ", ".join([f"[{a}, {b}]" for a, b in spans])
        self._spool.write(pairs if first else ", " + pairs)
        tokens = ", ".join(map(_JSON_TOKEN.__getitem__, toks))
        return '{"tokens": [' + tokens if first else ", " + tokens

    def _finish(self, last: str) -> Iterator[str]:
        if last:
            yield last
        if self._fmt == "jsonl":
            yield '{"tokens": [], "spans": [' if self._tokens == 0 else '], "spans": ['
            yield from self._replay(self._spool)
            yield "]}\n"
        elif self._tokens:
            assert self._text is not None
            self._counter[0] += 1
            yield f"# sent_id = {self._counter[0]}\n# text = "
            yield from self._replay(self._text)
            yield "\n"
            yield from self._replay(self._spool)
            yield "\n"
        if self._fmt == "jsonl":
            self._counter[0] += 1
        self._close()

    def _replay(self, spool: Any) -> Iterator[str]:
        spool.seek(0)
        while chunk := spool.read(self.CHUNK):
            yield chunk

    def _close(self) -> None:
        self._spool.close()
        if self._text is not None:
            self._text.close()


class TokenWriter:
    """A picklable writer: ``TokenWriter("jsonl", pipeline)(block)``.

    Worker processes rebuild it from its format, pipeline and ``sentences``
    flag. The text writer without sentences keeps no state between blocks, so
    blocks may run in any process; the others number sentences or lines
    across blocks (``stateful``) and must see every block in order.
    """

    def __init__(
        self,
        fmt: str,
        pipeline: Pipeline,
        sentences: bool = False,
        clitics: str | None = None,
    ) -> None:
        if fmt not in WRITERS:
            raise ValueError(f"unknown token format {fmt!r}; choose from: {', '.join(WRITERS)}")
        self.fmt = fmt
        self.pipeline = pipeline
        self.sentences = sentences
        self.clitics = clitics
        self._counter = [0]
        self._write = WRITERS[fmt](pipeline, sentences, clitics, self._counter)

    @property
    def stateful(self) -> bool:
        return self.fmt != "text" or self.sentences

    def __call__(self, block: str) -> str:
        return self._write(block)

    def line_streamer(self, margin: int | None = None) -> LineStreamer:
        """How the runner feeds one very long line: piece by piece for text output.

        Text output without sentences streams in bounded memory (see
        ``TextTokenStreamer``), and so do JSON lines and CoNLL-U with the
        built-in stages (see ``SpooledTokenStreamer``); with sentences, or
        stages from plugins, the line is gathered first.
        """
        from arabnorm.io.longline import GatherStreamer

        if self.fmt == "text" and not self.sentences:
            return TextTokenStreamer(self.pipeline, self.clitics, margin)
        if not self.sentences and all(
            type(stage).__module__.startswith("arabnorm.") for stage in self.pipeline.stages
        ):
            return SpooledTokenStreamer(self.fmt, self.pipeline, self.clitics, self._counter)
        return GatherStreamer(self)

    def __reduce__(self) -> tuple[object, ...]:
        return (TokenWriter, (self.fmt, self.pipeline, self.sentences, self.clitics))
