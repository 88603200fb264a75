"""Writing tokens: plain text, JSON lines with spans, CoNLL-U.

Every writer formats the one token result of a block
(``arabnorm.tokenizer.TokenBlock``: tokens and their spans in the original
lines), split into clitics by its one transform when asked; nothing here
tokenizes, maps a span or splits a word by itself. Each ``*_writer`` returns
a function from a block of whole input lines (with their terminators) to the
output for that block, for the corpus runner.

Text output without sentences is the ``tokens`` stage (and the ``clitics``
stage) run after the pipeline: tokens joined by one space, line by line,
which is what joining a ``TokenBlock``'s tokens gives (a test holds them
equal), and it streams and runs in worker processes like any pipeline.

    >>> from arabnorm.pipeline import Pipeline
    >>> text_writer(Pipeline())("قال:نعم\\n")
    'قال : نعم\\n'
    >>> jsonl_writer(Pipeline())("قال:نعم\\n")
    '{"tokens": ["قال", ":", "نعم"], "spans": [[0, 3], [3, 4], [4, 7]]}\\n'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from arabnorm.io.longline import LineStreamer, WordCutter
from arabnorm.pipeline import Pipeline
from arabnorm.tokenizer import TokenBlock, sentence_bounds, tokenize_block

FORMATS = ("text", "jsonl", "conllu")

Writer = Callable[[str], str]

_encode = json.JSONEncoder(ensure_ascii=False).encode


def _folded(pipeline: Any) -> bool:
    """Whether a stage of the pipeline folds spelling (what the clitic splitter reads)."""
    return any(stage.folds for stage in pipeline.stages)


def token_stages(pipeline: Any, clitics: str | None) -> Pipeline:
    """The stages that turn normalized text into tokens joined by spaces."""
    from arabnorm.stages import make_stage

    stages = [make_stage("tokens")]
    if clitics:
        spelling = "folded" if _folded(pipeline) else "as-written"
        stages.append(make_stage("clitics", {"mode": clitics, "spelling": spelling}))
    return Pipeline(stages)


class Tokenized:
    """The token result of blocks for one pipeline, split into clitics when asked."""

    def __init__(self, pipeline: Any, clitics: str | None) -> None:
        self.pipeline = pipeline
        self.clitics = clitics
        self.folded = _folded(pipeline) if clitics else False

    def words(self, block: str) -> TokenBlock:
        """The block's tokens, clitics not split."""
        return tokenize_block(self.pipeline, block)

    def pieces(self, words: TokenBlock) -> TokenBlock:
        """The tokens to write: ``words`` itself, or split into clitics."""
        if not self.clitics:
            return words
        return words.split_clitics(self.clitics == "mark", self.folded)


def text_writer(
    pipeline: Any,
    sentences: bool = False,
    clitics: str | None = None,
    counter: list[int] | None = None,
) -> Writer:
    """Tokens separated by one space; one output line per input line (or per sentence)."""
    if not sentences:
        joined = token_stages(pipeline, clitics)
        if not pipeline.stages:
            return joined.apply

        def write(block: str) -> str:
            return joined.apply(pipeline.apply(block))

        return write
    tokenized = Tokenized(pipeline, clitics)

    def write_sentences(block: str) -> str:
        words = tokenized.words(block)
        pieces = tokenized.pieces(words)
        out: list[str] = []
        for k in range(len(words)):
            term = words.terms[k]
            sents = sentence_bounds(words.line_tokens(k), words.spans(k)) or [(0, 0)]
            for n, (a, b) in enumerate(sents):
                first, last = _piece_range(words, pieces, k, a, b)
                out.append(" ".join(pieces.tokens[first:last]))
                out.append(term or "\n" if n < len(sents) - 1 else term)
        return "".join(out)

    return write_sentences


def _piece_range(words: TokenBlock, pieces: TokenBlock, k: int, a: int, b: int) -> tuple[int, int]:
    """Where tokens ``a:b`` of line ``k`` of ``words`` are among ``pieces``' tokens."""
    i, j = words.first[k] + a, words.first[k] + b
    if pieces is words:
        return i, j
    return pieces.parents[i], pieces.parents[j]


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


def _json_tokens(tokens: list[str]) -> str:
    return ", ".join(map(_JSON_TOKEN.__getitem__, tokens))


def _json_spans(starts: list[int], ends: list[int]) -> str:
    return ", ".join(map("[%d, %d]".__mod__, zip(starts, ends, strict=True)))


def jsonl_writer(
    pipeline: Any,
    sentences: bool = False,
    clitics: str | None = None,
    counter: list[int] | None = None,
) -> Writer:
    """One JSON object per input line: ``{"tokens": [...], "spans": [[start, end], ...]}``.

    With ``sentences``, one object per sentence, with the number of the
    input line it came from (``"line"``, from 1) and spans in that line.
    With ``clitics``, each piece of a split word has its own span.
    ``counter`` holds the number of lines read so far (shared with a
    long-line streamer).
    """
    counter = [0] if counter is None else counter
    tokenized = Tokenized(pipeline, clitics)

    def write(block: str) -> str:
        words = tokenized.words(block)
        pieces = tokenized.pieces(words)
        out: list[str] = []
        for k in range(len(words)):
            counter[0] += 1
            groups = sentence_bounds(words.line_tokens(k), words.spans(k)) if sentences else None
            if groups is None:
                a, b = pieces.first[k], pieces.first[k + 1]
                groups_at = [(a, b)]
            else:
                groups_at = [_piece_range(words, pieces, k, a, b) for a, b in groups]
            for a, b in groups_at:
                toks = _json_tokens(pieces.tokens[a:b])
                spans = _json_spans(pieces.starts[a:b], pieces.ends[a:b])
                line = f', "line": {counter[0]}' if sentences else ""
                out.append(f'{{"tokens": [{toks}], "spans": [{spans}]{line}}}\n')
        return "".join(out)

    return write


def conllu_writer(
    pipeline: Any,
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
    tokenized = Tokenized(pipeline, "split" if clitics else None)

    def write(block: str) -> str:
        words = tokenized.words(block)
        pieces = tokenized.pieces(words)
        out: list[str] = []
        for k in range(len(words)):
            toks, spans = words.line_tokens(k), words.spans(k)
            if not toks:
                continue
            groups = sentence_bounds(toks, spans) if sentences else [(0, len(toks))]
            for a, b in groups:
                counter[0] += 1
                orig = words.lines[k]
                text = orig[spans[a][0] : spans[b - 1][1]] if sentences else orig
                out.append(f"# sent_id = {counter[0]}\n# text = {text}\n")
                after = spans[b][0] if b < len(spans) else None
                first = words.first[k]
                conllu_rows(out, words, pieces, first + a, first + b, 1, after)
                out.append("\n")
        return "".join(out)

    return write


def conllu_rows(
    out: list[str],
    words: TokenBlock,
    pieces: TokenBlock,
    first: int,
    last: int,
    word_id: int,
    after: int | None,
) -> int:
    """Append the CoNLL-U rows of tokens ``first:last`` of ``words``; the next word ID.

    ``pieces`` are the same tokens split into clitics (or ``words`` itself).
    ``after`` is where the token after the last one starts (in the next
    sentence of the line), if there is one: the last token touches it when
    it ends there.
    """
    for i in range(first, last):
        following = words.starts[i + 1] if i + 1 < last else after
        misc = "SpaceAfter=No" if following == words.ends[i] else "_"
        a, b = (i, i + 1) if pieces is words else (pieces.parents[i], pieces.parents[i + 1])
        word = words.tokens[i]
        if b - a == 1:
            out.append(f"{word_id}\t{word}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n")
            word_id += 1
            continue
        out.append(f"{word_id}-{word_id + b - a - 1}\t{word}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n")
        for part in pieces.tokens[a:b]:
            out.append(f"{word_id}\t{part}\t_\t_\t_\t_\t_\t_\t_\t_\n")
            word_id += 1
    return word_id


WRITERS: dict[str, Callable[[Any, bool, str | None, list[int] | None], Writer]] = {
    "text": text_writer,
    "jsonl": jsonl_writer,
    "conllu": conllu_writer,
}


class _Chain:
    """Two line streamers one after the other."""

    def __init__(self, first: LineStreamer, second: LineStreamer) -> None:
        self._first = first
        self._second = second

    def feed(self, text: str, final: bool) -> str | Iterator[str]:
        middle = self._first.feed(text, final)
        if not isinstance(middle, str):
            middle = "".join(middle)
        return self._second.feed(middle, final)


class SpooledTokenStreamer:
    """JSON lines or CoNLL-U for one very long line, in bounded memory.

    The line is cut at spaces between two words (``WordCutter``) into pieces
    of about ``PIECE`` characters, and each piece is tokenized on its own:
    the pipeline's stages work within words (or start with rules the cuts
    keep away from, see ``segment_cutter``), so the tokens and spans are
    those of the whole line. What must come after the tokens (the spans of a JSON object, the
    rows of a CoNLL-U sentence, which follow its ``# text``) waits in a
    temporary file and is written in chunks at the end. Memory grows only
    with the longest run of characters without such a space.
    """

    PIECE = 1 << 17
    CHUNK = 1 << 20  # characters per chunk of spooled output

    def __init__(
        self,
        fmt: str,
        pipeline: Any,
        clitics: str | None,
        counter: list[int],
        cutter: WordCutter | None = None,
    ) -> None:
        import tempfile

        self._fmt = fmt
        self._tokenized = Tokenized(pipeline, "split" if clitics and fmt == "conllu" else clitics)
        self._counter = counter
        self._cutter = cutter or WordCutter(self.PIECE)
        self._offset = 0  # where the next segment starts in the line
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
        if final:  # the line's terminator is not part of it
            text = text[: -2 if text.endswith("\r\n") else -1 if text.endswith("\n") else None]
        out = []
        for segment in self._cutter.feed(text, final):
            out.append(self._piece(segment))
            self._offset += len(segment) + 1  # and the space it was cut at
        if final:
            return self._finish("".join(out))
        return "".join(out)

    def _piece(self, piece: str) -> str:
        """Tokens of one piece for the output now; the rest to the spool."""
        if self._text is not None:
            self._text.write(piece if self._offset == 0 else " " + piece)
        words = self._tokenized.words(piece)
        if not words.tokens:
            return ""
        pieces = self._tokenized.pieces(words)
        off = self._offset
        first = self._tokens == 0
        self._tokens += len(pieces.tokens)
        if self._fmt == "conllu":
            rows: list[str] = []
            words.starts = [s + off for s in words.starts]
            words.ends = [e + off for e in words.ends]
            self._word_id = conllu_rows(
                rows, words, pieces, 0, len(words.tokens), self._word_id, None
            )
            self._spool.write("".join(rows))
            return ""
        spans = _json_spans([s + off for s in pieces.starts], [e + off for e in pieces.ends])
        self._spool.write(spans if first else ", " + spans)
        tokens = _json_tokens(pieces.tokens)
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
    flag. The text and JSON Lines writers without sentences keep no state
    between blocks (each output line comes from its input line alone), so
    blocks may run in any process; CoNLL-U and ``sentences`` number
    sentences or lines across blocks (``stateful``) and must see every block
    in order.
    """

    def __init__(
        self,
        fmt: str,
        pipeline: Any,
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

    @staticmethod
    def in_order(fmt: str, sentences: bool) -> bool:
        """Whether the writer for ``fmt`` (and ``sentences``) must see every block in order."""
        return fmt == "conllu" or sentences

    @property
    def stateful(self) -> bool:
        return self.in_order(self.fmt, self.sentences)

    def __call__(self, block: str) -> str:
        return self._write(block)

    def line_streamer(self, margin: int | None = None) -> LineStreamer:
        """How the runner feeds one very long line.

        Text output without sentences is a pipeline and streams as one; JSON
        lines and CoNLL-U stream in bounded memory when the line can be cut
        between words for the pipeline (``SpooledTokenStreamer``,
        ``segment_cutter``); otherwise the line is gathered first.
        """
        from arabnorm.io.longline import GatherStreamer

        if self.fmt == "text" and not self.sentences:
            joined = token_stages(self.pipeline, self.clitics).line_streamer(margin)
            make = getattr(self.pipeline, "line_streamer", None)
            if not self.pipeline.stages:
                return joined  # type: ignore[no-any-return]
            if make is None:
                return GatherStreamer(self)
            return _Chain(make(margin), joined)
        from arabnorm.io.longline import segment_cutter

        cutter = segment_cutter(self.pipeline.stages, size=SpooledTokenStreamer.PIECE)
        if not self.sentences and cutter is not None:
            return SpooledTokenStreamer(
                self.fmt, self.pipeline, self.clitics, self._counter, cutter
            )
        return GatherStreamer(self)

    def __reduce__(self) -> tuple[object, ...]:
        return (TokenWriter, (self.fmt, self.pipeline, self.sentences, self.clitics))
