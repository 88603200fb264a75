"""What a stage is: a named, configured, immutable text transformation.

A stage is built from *steps*, the primitives the pipeline knows how to run
fast and how to trace back to the original text:

- ``Table``: each code point maps to a string (``""`` deletes it). Runs of
  tables, even across stages, fuse into one table applied once per block.
- ``Rule``: a compiled ``regex`` pattern and its replacement, for anything
  that needs context (a letter at the end of a word, a run of the same letter).
- any other ``Step`` subclass that implements ``apply_with_edits``.

**One meaning per step.** ``apply_with_edits`` is a step's reference: it
says what the step does, with *edits* ``(in_start, in_end, out_start,
out_end)``, in order, saying which slice of its input became which slice of
its output (text between edits is copied unchanged). Every other way of
running a step (``apply``, fused tables, vectorized runners, line filters,
long-line streaming) is compiled from what the step declares and held equal
to the reference by tests that walk the whole registry; ``ARABNORM_PURE=1``
runs the reference itself.

**What a step declares**, for the compiler and the streamers:

- ``kind``: ``"table"``, ``"rule"`` or ``"tokenizer"``;
- ``triggers``: characters of which every change involves at least one, so a
  line without any of them is left as it is (``None``: not known);
- ``word_local``: the step works within words: for every text ``a + " " + b``
  where ``a`` ends and ``b`` starts with a character of ``chars.WORD_EDGE``
  (a letter or digit), the output is ``f(a) + " " + f(b)``, and ``f(a)`` ends
  and ``f(b)`` starts with such a character again. A long line can then be
  cut at any such space and each part transformed on its own;
- ``space_local``: the step gives ``f(a) + " " + f(b)`` for ``a + " " + b``
  at any space (a table that keeps the space, a step that works token by
  token), without promising anything of the characters beside that space;
- ``max_line``: lines longer than this many characters are left as they
  are (``None``: no such length);
- ``allows_cut(text, pos)`` (a method, with ``checks_cuts = True``): whether
  the step gives ``f(text[:pos]) + " " + f(text[pos + 1:])`` for ``text``,
  where ``text[pos]`` is a space between two words;
- ``leads`` (rules): every match starts with one of the triggers; with a
  single trigger the pattern engine looks for it at C speed by itself, so
  no line filter is put in front of the rule;
- ``one_char`` (rules): every match is one character, one of the
  triggers, and the replacement is one literal character: the rule only
  chooses which copies of a letter become another. A table after it that
  maps both letters alike makes it invisible (the compiler then runs the
  tables around it as one);
- ``watched()`` and ``unchanged_at(units, at)`` (methods): characters from
  whose places in a text's code units the step can tell that it leaves the
  text as it is; the compiler then finds them in the lookup of the tables
  after the step, and runs the step only where it is needed;
- ``context``: how many characters beyond a match the step reads to decide it
  (lookbehind, lookahead, neighbours), when every match is either shorter
  than ``arabnorm.io.longline.MARGIN``, a run of one class taken whole, or
  one that any prefix of the text holding its start finds too (ending at
  the prefix's end until its own end is read, as a tag whose ``>`` is
  optional); ``None`` when that is not so or not known.

Stages see text, never files or line terminators: a block handed to a stage
is many lines joined by ``\\n`` (or ``\\r\\n``). A step must give the same
result on a block as on each of its lines separately, so no pattern may match
across a line break, and ``\\r`` before ``\\n`` belongs to the terminator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from arabnorm import chars
from arabnorm.errors import SpecError

Edit = tuple[int, int, int, int]
"""``(in_start, in_end, out_start, out_end)``: input slice that became output slice."""

KINDS = ("table", "rule", "tokenizer")


class Step:
    """One primitive transformation of a block of text.

    Subclasses implement ``apply_with_edits`` (the reference) and may
    override ``apply`` with a faster way to the same output.
    """

    kind: ClassVar[str] = "rule"
    triggers: frozenset[str] | None = None
    word_local: bool = False
    space_local: bool = False
    max_line: int | None = None
    checks_cuts: bool = False
    context: int | None = None

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        """The output for ``text`` and the edits that made it: what the step means."""
        raise NotImplementedError

    def apply(self, text: str) -> str:
        """The output for ``text``: the reference's output unless a subclass knows a faster way."""
        return self.apply_with_edits(text)[0]

    def allows_cut(self, text: str, pos: int) -> bool:
        """Whether cutting ``text`` at the space at ``pos`` keeps the output (``checks_cuts``)."""
        return False

    def watched(self) -> frozenset[str] | None:
        """Characters from whose places ``unchanged_at`` judges a text (None: it does not)."""
        return None

    def unchanged_at(self, units: Any, at: Any) -> bool:
        """Whether the step leaves a text as it is, judged from the text's UTF-16 code
        units ``units`` (a numpy array) and the positions ``at`` of every character of
        ``watched()`` in them, in order. Only asked of steps that watch characters."""
        return len(at) == 0

    def commutes_with(self, table: Table) -> bool:
        """Whether running ``table`` before this step gives what running it after gives.

        The pipeline uses this to move a table past a step and fuse it with an
        earlier table. ``False`` unless a step knows better.
        """
        return False


def reference(step: Step) -> Callable[[str], str]:
    """The function that runs ``step`` by its reference method alone."""

    def run(text: str) -> str:
        return step.apply_with_edits(text)[0]

    return run


def edits_from_matches(
    text: str, matches: Iterable[Any], replace: Callable[[Any], str]
) -> tuple[str, list[Edit]]:
    """Build output and edits from an iterable of non-overlapping matches in text order."""
    pieces: list[str] = []
    edits: list[Edit] = []
    last = 0
    shift = 0  # out position minus in position so far
    for m in matches:
        start, end = m.span()
        new = replace(m)
        if new == m.group():
            continue
        pieces.append(text[last:start])
        out_start = start + shift
        edits.append((start, end, out_start, out_start + len(new)))
        pieces.append(new)
        shift += len(new) - (end - start)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), edits


class Table(Step):
    """Map each code point to a string; ``""`` deletes it. Fusable.

    >>> Table({ord("أ"): "ا", ord("ـ"): ""}).apply("أحـمد")
    'احمد'
    """

    __slots__ = ("_pattern", "_translate", "mapping")
    kind = "table"
    context = 0

    def __init__(self, mapping: Mapping[int, str]) -> None:
        self.mapping: dict[int, str] = {k: v for k, v in mapping.items() if v != chr(k)}
        self._translate: dict[int, str | None] = {
            k: (v if v else None) for k, v in self.mapping.items()
        }
        self._pattern: Any = None

    @property
    def triggers(self) -> frozenset[str]:  # type: ignore[override]
        """The characters the table changes."""
        return frozenset(map(chr, self.mapping))

    @property
    def word_local(self) -> bool:  # type: ignore[override]
        """True when the table keeps the space and keeps every letter or digit one.

        A table maps each character on its own, so cutting anywhere is safe;
        what it must not do is break the boundary a cut stands on.

        >>> Table({ord("أ"): "ا"}).word_local, Table({ord("ا"): ""}).word_local
        (True, False)
        """
        space = self.mapping.get(ord(chars.SPACE), chars.SPACE)
        return space == chars.SPACE and all(
            len(v) == 1 and v in chars.WORD_EDGE
            for k, v in self.mapping.items()
            if chr(k) in chars.WORD_EDGE
        )

    @property
    def space_local(self) -> bool:  # type: ignore[override]
        """True when the table keeps the space: each side of one maps on its own."""
        return self.mapping.get(ord(chars.SPACE), chars.SPACE) == chars.SPACE

    def then(self, other: Table) -> Table:
        """The table that does ``self`` and then ``other`` in one pass."""
        fused = {k: v.translate(other._translate) for k, v in self.mapping.items()}
        for k, v in other.mapping.items():
            fused.setdefault(k, v)
        return Table(fused)

    def apply(self, text: str) -> str:
        return text.translate(self._translate)

    @property
    def pattern(self) -> Any:
        """A compiled class of every code point this table changes."""
        if self._pattern is None:
            self._pattern = re.compile(chars.char_class(set(map(chr, self.mapping))))
        return self._pattern

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        mapping = self.mapping
        return edits_from_matches(
            text, self.pattern.finditer(text), lambda m: mapping[ord(m.group())]
        )

    def __repr__(self) -> str:
        return f"Table({len(self.mapping)} code points)"


class Rule(Step):
    """Replace every match of a compiled ``regex`` pattern.

    ``replacement`` is a literal string (no group references) or a function of
    the match. The pattern must not match across ``\\n``. The keyword
    arguments declare what the compiler and the streamers may rely on (see
    the module docstring); a rule declares nothing unless told.

    >>> Rule(r"[[:digit:]]+", "#").apply("ab 123")
    'ab #'
    """

    __slots__ = (
        "context",
        "leads",
        "one_char",
        "pattern",
        "replacement",
        "space_local",
        "triggers",
        "word_local",
    )

    def __init__(
        self,
        pattern: str | Any,
        replacement: str | Callable[[Any], str],
        *,
        triggers: Iterable[str] | None = None,
        leads: bool = False,
        word_local: bool = False,
        space_local: bool = False,
        one_char: bool = False,
        context: int | None = None,
    ) -> None:
        self.pattern = regex.compile(pattern) if isinstance(pattern, str) else pattern
        self.replacement = replacement
        self.triggers = frozenset(triggers) if triggers is not None else None
        self.leads = leads and self.triggers is not None
        if one_char and (
            self.triggers is None or not isinstance(replacement, str) or len(replacement) != 1
        ):
            raise ValueError("a one_char rule needs triggers and a one-character replacement")
        self.one_char = one_char
        self.word_local = word_local
        self.space_local = space_local
        self.context = context

    def substitute(self, m: Any) -> str:
        """What the match ``m`` is replaced with."""
        r = self.replacement
        return r if isinstance(r, str) else r(m)

    def matches(self, text: str, pos: int = 0) -> Iterable[Any]:
        """The pattern's matches in ``text`` from ``pos`` on, in text order."""
        return self.pattern.finditer(text, pos)  # type: ignore[no-any-return]

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        return edits_from_matches(text, self.matches(text), self.substitute)

    def apply(self, text: str) -> str:
        r = self.replacement
        if isinstance(r, str):
            return str(self.pattern.sub(lambda _m: r, text))
        return str(self.pattern.sub(r, text))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.pattern.pattern!r})"


class ReverseRule(Rule):
    """A rule whose pattern is searched from the end of the text backwards.

    For patterns that start with a common character (an alef) but end with a
    rare one (a combining hamza): searched backwards, the engine tries only
    where the rare character is, many times faster. The pattern must be one
    whose matches cannot overlap, so that the matches found backwards are the
    ones a forward search finds.
    """

    __slots__ = ()

    def __init__(self, pattern: str, replacement: Any, **declared: Any) -> None:
        super().__init__(f"(?r){pattern}", replacement, **declared)

    def matches(self, text: str, pos: int = 0) -> Iterable[Any]:
        found = list(self.pattern.finditer(text, pos))
        found.reverse()
        return found


class _Copies:
    """Replacement for a run: ``keep`` copies of its character (picklable, unlike a lambda)."""

    __slots__ = ("keep",)

    def __init__(self, keep: int) -> None:
        self.keep = keep

    def __call__(self, m: Any) -> str:
        return str(m.group(1)) * self.keep


class RunRule(Rule):
    """Shorten every run of more than ``longer_than`` copies of one character of ``chars``.

    A rule whose pattern is ``(C)\\1{n,}+`` (``C`` the class of ``chars``,
    ``n`` = ``longer_than``) and whose replacement is ``keep`` copies of the
    character. It is a class of its own because what it does can be said
    without a pattern (delete the copies after the first ``keep`` of each
    long enough run), which lets the compiler find the runs with one
    vectorized comparison of neighbours.

    With ``negate``, ``chars`` lists the characters that are *not* in the
    class (every other character is): ``RunRule("0123456789", 2, 2,
    negate=True)`` shortens runs of anything but ASCII digits.

    >>> RunRule("ab", 2, 1).apply("caaab abba bbbb")
    'cab abba b'
    """

    __slots__ = ("chars", "keep", "longer_than", "negate")

    def __init__(
        self,
        chars_: str | frozenset[str] | set[str],
        longer_than: int,
        keep: int,
        *,
        negate: bool = False,
    ) -> None:
        if not 1 <= keep <= longer_than:
            raise ValueError("keep must be between 1 and longer_than")
        self.chars = frozenset(chars_)
        self.longer_than = longer_than
        self.keep = keep
        self.negate = negate
        super().__init__(
            f"({chars.char_class(self.chars, negate=negate)})\\1{{{longer_than},}}+",
            _Copies(keep),
            triggers=None if negate else self.chars,
            # a run never crosses a space between two different characters
            word_local=True if negate else chars.SPACE not in self.chars,
            context=0,
        )

    def in_class(self, c: str) -> bool:
        """Whether runs of ``c`` are shortened."""
        return (c in self.chars) != self.negate

    def commutes_with(self, table: Table) -> bool:
        """True for a table that maps one code point to one and never touches ``chars``.

        Such a table keeps every position, leaves the class's characters where
        they are and makes none, so the runs are the same before and after
        it; this rule only deletes characters of its class, which the table
        leaves alone.

        >>> RunRule("ب", 2, 1).commutes_with(Table({ord("\u00a0"): " "}))
        True
        >>> RunRule("ب", 2, 1).commutes_with(Table({ord("ـ"): ""}))
        False
        """
        return all(
            len(v) == 1 and not self.in_class(chr(k)) and not self.in_class(v)
            for k, v in table.mapping.items()
        )


class KeepOnly(Rule):
    """Delete every character that is not in ``chars``.

    A rule (a table can only list the characters it changes, and this
    changes everything it does not list) whose pattern is the run of the
    negated class. It is a class of its own so that the compiler can fold it
    into the lookup array of a table that follows it.

    >>> KeepOnly("ab ").apply("a-b c!")
    'ab '
    """

    __slots__ = ("chars",)

    def __init__(self, chars_: str | frozenset[str] | set[str]) -> None:
        self.chars = frozenset(chars_)
        super().__init__(
            f"{chars.char_class(self.chars, negate=True)}++",
            "",
            word_local=chars.SPACE in self.chars and chars.WORD_EDGE <= self.chars,
            context=0,
        )


def compose_edits(first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """The edits of running two steps in turn: ``first`` (input to middle), then ``second``.

    Edits of the two that overlap in the middle text (or one lying strictly
    inside the other) become one edit; every edit is then mapped to the
    input through ``first`` and to the output through ``second``.

    ``b`` became ``BBB`` in ``abc``, then ``a`` went and the middle ``B``
    became ``X``:

    >>> compose_edits([(1, 2, 1, 4)], [(0, 1, 0, 0), (2, 3, 1, 2)])
    [(0, 1, 0, 0), (1, 2, 0, 3)]
    """
    # each edit as an interval of the middle text: 0 for ``first``, 1 for ``second``
    items = sorted(
        [(e[2], e[3], 0) for e in first] + [(e[0], e[1], 1) for e in second],
    )
    groups: list[list[int]] = []  # [lo, hi, edits of first, edits of second]
    for lo, hi, which in items:
        if groups and lo < groups[-1][1]:
            group = groups[-1]
            group[1] = max(group[1], hi)
        else:
            group = [lo, hi, 0, 0]
            groups.append(group)
        group[2 + which] += 1

    def lo_of(edits: Sequence[Edit], k: int, n: int, p: int, src: int) -> int:
        # src 2: middle -> input through ``first``; src 0: middle -> output through ``second``
        dst = 0 if src == 2 else 2
        if n and edits[k][src] == p:
            return edits[k][dst]
        if k == 0:
            return p
        e = edits[k - 1]
        return e[dst + 1] + (p - e[src + 1])

    def hi_of(edits: Sequence[Edit], k: int, n: int, p: int, src: int) -> int:
        dst = 0 if src == 2 else 2
        last = k + n - 1
        if last < 0:
            return p
        e = edits[last]
        return e[dst + 1] + (p - e[src + 1])

    out: list[Edit] = []
    ia = ib = 0
    for lo, hi, na, nb in groups:
        out.append(
            (
                lo_of(first, ia, na, lo, 2),
                hi_of(first, ia, na, hi, 2),
                lo_of(second, ib, nb, lo, 0),
                hi_of(second, ib, nb, hi, 0),
            )
        )
        ia += na
        ib += nb
    return out


class RuleChain(Step):
    """Rules run one after another as one step, for patterns whose meaning is their order.

    Each rule sees the output of the rules before it, as when they are run
    one by one; the edits of the whole chain are composed from theirs. One
    step means one pass to find the lines that hold a trigger of any rule.
    """

    __slots__ = ("rules", "triggers")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        found: set[str] = set()
        for rule in self.rules:
            if rule.triggers is None:
                self.triggers = None
                break
            found |= rule.triggers
        else:
            self.triggers = frozenset(found)

    def apply(self, text: str) -> str:
        for rule in self.rules:
            text = rule.apply(text)
        return text

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        edits: list[Edit] = []
        for rule in self.rules:
            text, more = rule.apply_with_edits(text)
            if more:
                edits = compose_edits(edits, more) if edits else more
        return text, edits

    def __repr__(self) -> str:
        return f"RuleChain({len(self.rules)} rules)"


class ClassTokens(Step):
    """Tokens defined by character classes alone, written one space apart, line by line.

    ``word`` characters run together into a token; each character of
    ``single`` is a token of its own, written as ``single[c]``; every other
    character (whitespace included) only separates tokens. Line breaks
    (``\\n`` and the ``\\r`` of ``\\r\\n``) stay, and so does a ``\\r`` that
    ends the text (a line's terminator).

    Within a word, runs of ``cut_a`` characters and of ``cut_b`` characters
    are cut apart as AraBERT cuts numbers from Arabic words, in two passes:
    first, an ``a``-run followed by a ``b``-run are both made tokens of their
    own; then a ``b``-run followed by an ``a``-run, neither of which the first
    pass took, likewise. The compiler runs it as one vectorized lookup over
    the block.

    >>> ClassTokens("ab12", "12", "ab", {"/": "-", "!": "!"}).apply(" ab12a/b!!  xa")
    'ab 12 a - b ! ! a'
    >>> ClassTokens("ab12x", "12", "b", {}).apply("x1b2x x1x xb2x 1b1x")
    'x 1 b 2x x1x x b 2 x 1 b 1x'
    """

    kind = "tokenizer"
    context = None

    __slots__ = ("classes", "cut_a", "cut_b", "pattern", "single", "word")

    def __init__(
        self,
        word: str | frozenset[str],
        cut_a: str | frozenset[str],
        cut_b: str | frozenset[str],
        single: Mapping[str, str],
    ) -> None:
        self.word = frozenset(word)
        self.cut_a = frozenset(cut_a)
        self.cut_b = frozenset(cut_b)
        self.single = dict(single)
        if not (self.cut_a | self.cut_b) <= self.word or self.cut_a & self.cut_b:
            raise ValueError("cut classes must be disjoint parts of the word class")
        if (self.word | set(self.single)) & {"\n", "\r"}:
            raise ValueError("line breaks separate lines, they are no token characters")
        w, one = chars.char_class(self.word), chars.char_class(set(self.single))
        self.pattern = regex.compile(f"{w}++|{one}|\\r?\\n|\\r\\Z")
        # a word's runs of one class: a-runs, b-runs, and runs of the other word characters
        a, b = chars.char_class(self.cut_a), chars.char_class(self.cut_b)
        x = chars.char_class(self.word - self.cut_a - self.cut_b)
        self.classes = regex.compile(f"(?P<a>{a}++)|(?P<b>{b}++)|{x}++")

    @property
    def word_local(self) -> bool:  # type: ignore[override]
        """True when letters and digits are word characters and the space separates."""
        return chars.WORD_EDGE <= self.word and chars.SPACE not in self.word | set(self.single)

    def _word_pieces(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The tokens of the word ``text[start:end]``, as spans."""
        runs = [(m.start(), m.end(), m.lastgroup) for m in self.classes.finditer(text, start, end)]
        n = len(runs)
        alone = [False] * n
        taken = [False] * n  # by the first pass
        for i in range(n - 1):
            if runs[i][2] == "a" and runs[i + 1][2] == "b":
                alone[i] = alone[i + 1] = taken[i] = taken[i + 1] = True
        for i in range(n - 1):
            if runs[i][2] == "b" and runs[i + 1][2] == "a" and not (taken[i] or taken[i + 1]):
                alone[i] = alone[i + 1] = True
        pieces: list[tuple[int, int]] = []
        for i, (s, e, _) in enumerate(runs):
            if pieces and not alone[i] and not alone[i - 1]:
                pieces[-1] = (pieces[-1][0], e)
            else:
                pieces.append((s, e))
        return pieces

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        for m in self.pattern.finditer(text):
            start, end = m.span()
            if end - start > 1 and text[start] not in "\r\n":
                yield from self._word_pieces(text, start, end)
            else:
                yield start, end

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        pieces: list[str] = []
        edits: list[Edit] = []
        last = 0  # end of the previous match in text
        out = 0  # length of the output so far
        line_start = True
        single = self.single
        for start, end in self._spans(text):
            piece = text[start:end]
            breaks = piece[-1] == "\n" or piece == "\r"
            want = "" if line_start or breaks else " "
            new = single.get(piece, piece) if end - start == 1 else piece
            if text[last:start] != want or new != piece:
                if new != piece:  # the gap and the character as one edit
                    edits.append((last, end, out, out + len(want) + len(new)))
                else:
                    edits.append((last, start, out, out + len(want)))
            pieces.append(want)
            pieces.append(new)
            out += len(want) + len(new)
            last = end
            line_start = breaks
        if last < len(text):
            edits.append((last, len(text), out, out))
        return "".join(pieces), edits

    def __repr__(self) -> str:
        return f"ClassTokens({len(self.word)} word, {len(self.single)} single characters)"


class _TrimOrOne:
    """Replacement for a ``TrimRule`` match: nothing at a line end, else one character."""

    __slots__ = ("char",)

    def __init__(self, char: str) -> None:
        self.char = char

    def __call__(self, m: Any) -> str:
        return "" if m.group("trim") is not None else self.char


class TrimRule(Rule):
    """Delete runs of ``char`` at either end of a line; shorten longer runs inside to one.

    "A run at the end of a line" means before ``\\n``, before ``\\r\\n``, or
    at the end of the text (also before a final ``\\r``), so line terminators
    stay as they are; a run that follows a ``\\r`` there is only shortened,
    since trimming it would join the ``\\r`` to the terminator. A run of one
    inside a line is not a match. The pattern finds runs only where no
    ``char`` precedes and takes them possessively, so a long run costs linear
    time. Like ``RunRule``, it is its own class so the compiler can find the
    runs by comparing code units, vectorized.

    >>> TrimRule(" ").apply("  a   b \\r\\n c\\r")
    'a b\\r\\nc\\r'
    """

    __slots__ = ("char",)

    def __init__(self, char: str) -> None:
        if len(char) != 1 or char in "\r\n":
            raise ValueError("TrimRule needs one character other than a line break")
        self.char = char
        c = regex.escape(char)
        super().__init__(
            f"(?m)(?P<trim>^{c}++|(?<![{c}\\r]){c}++(?=\\r?$))|(?<!{c}){c}{{2,}}+",
            _TrimOrOne(char),
            triggers=char,
            word_local=char not in chars.WORD_EDGE,
            context=2,
        )


@dataclass(frozen=True)
class Param:
    """A stage parameter: its name, default, allowed values and meaning.

    ``choices`` lists the allowed values; for a ``multi`` parameter the value
    is a list of choices written ``a+b`` (or ``a,b`` inside a spec).
    ``choices=None`` accepts any value that ``check`` accepts.
    """

    name: str
    default: str
    help: str
    choices: tuple[str, ...] | None = None
    multi: bool = False
    check: Callable[[str], bool] | None = None

    def normalize(self, stage: str, value: str) -> str:
        """Validate ``value`` and return its canonical spelling."""
        value = str(value).strip()
        if self.multi:
            items = [v.strip() for v in value.replace(",", "+").split("+") if v.strip()]
            for item in items:
                self._check_one(stage, item)
            return "+".join(dict.fromkeys(items))
        self._check_one(stage, value)
        return value

    def _check_one(self, stage: str, value: str) -> None:
        if self.choices is not None and value not in self.choices:
            raise SpecError(
                f"stage {stage!r}: {self.name}={value!r} is not allowed; "
                f"choose from: {', '.join(self.choices)}"
            )
        if self.check is not None and not self.check(value):
            raise SpecError(f"stage {stage!r}: {self.name}={value!r} is not valid ({self.help})")


@dataclass(frozen=True)
class Example:
    """What a stage does: ``before`` becomes ``after``, with the parameters in ``options``.

    ``options`` is written as in a spec (``"keep=shadda"``, ``"mode=bare:x=y"``).
    Examples are shown by ``arabnorm stages`` and the README, and tests run
    every one of them through every way a pipeline can run.
    """

    before: str
    after: str
    options: str = ""

    def spec(self, stage: str) -> str:
        """The spec of the stage the example is for."""
        return f"{stage}:{self.options}" if self.options else stage

    def shown(self) -> str:
        """``before → after``, with invisible characters written ``<U+200F>``.

        >>> Example("ك\u200fتاب", "كتاب").shown()
        'ك<U+200F>تاب → كتاب'
        """
        return f"{visible(self.before)} → {visible(self.after)}"


def visible(text: str) -> str:
    """``text`` with control, format and space characters but the space written ``<U+XXXX>``."""
    import unicodedata

    return "".join(
        f"<U+{ord(c):04X}>"
        if unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp") and c != " "
        else c
        for c in text
    )


class Stage:
    """A named, configured transformation: immutable once built.

    Subclasses declare what the stage is in class attributes and build its
    steps in ``build_steps``; the pipeline reads ``steps`` and decides how to
    run them. What other code needs to know about a stage comes from here
    (declared) or from its steps (derived), never from its name:

    - declared: ``name``, ``summary``, ``lossy``, ``params``, ``folds``
      (it folds spelling variants: alef forms, alef maksura, teh marbuta,
      hamza seats), ``idempotent`` (running it twice gives what running it
      once gives), ``examples``, ``version`` (raised whenever the stage's
      output changes for some input; part of the provenance hash);
    - derived from the steps: ``kind``, ``word_local``, ``context``,
      ``triggers``.
    """

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    lossy: ClassVar[bool] = True
    params: ClassVar[tuple[Param, ...]] = ()
    folds: ClassVar[bool] = False
    idempotent: ClassVar[bool] = True
    examples: ClassVar[tuple[Example, ...]] = ()
    version: ClassVar[int] = 1

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # ``kind`` is derived from the steps; a value typed by hand (as older
        # plugins did) is not consulted.
        if isinstance(cls.__dict__.get("kind"), str):
            delattr(cls, "kind")

    def __init__(self, **options: object) -> None:
        known = {p.name: p for p in self.params}
        resolved: dict[str, str] = {}
        for key, value in options.items():
            if key not in known:
                valid = ", ".join(known) if known else "none"
                raise SpecError(
                    f"stage {self.name!r} has no parameter {key!r}; valid parameters: {valid}"
                )
            resolved[key] = known[key].normalize(self.name, str(value))
        for p in self.params:
            resolved.setdefault(p.name, p.default)
        self.options: Mapping[str, str] = dict(resolved)
        self.steps: tuple[Step, ...] = tuple(self.build_steps())

    def build_steps(self) -> Sequence[Step]:
        raise NotImplementedError

    def apply(self, text: str) -> str:
        """Run the steps one by one (uncompiled; a ``Pipeline`` runs them fast)."""
        for step in self.steps:
            text = step.apply(text)
        return text

    @property
    def kind(self) -> str:
        """``tokenizer`` if a step is one, ``table`` if every step is a table, else ``rule``."""
        kinds = {step.kind for step in self.steps}
        if "tokenizer" in kinds:
            return "tokenizer"
        return "table" if kinds <= {"table"} else "rule"

    @property
    def word_local(self) -> bool:
        """Whether every step works within words (see ``Step``)."""
        return all(step.word_local for step in self.steps)

    @property
    def context(self) -> int | None:
        """The most any step reads beyond a match; ``None`` if a step has no bound."""
        reach = [step.context for step in self.steps]
        return None if None in reach else max((r for r in reach if r is not None), default=0)

    @property
    def triggers(self) -> frozenset[str] | None:
        """Characters of which every change involves one; ``None`` if a step does not say."""
        found: set[str] = set()
        for step in self.steps:
            if step.triggers is None:
                return None
            found |= step.triggers
        return frozenset(found)

    @property
    def spec(self) -> str:
        """The shortest spec that rebuilds this stage: only non-default parameters."""
        changed = [
            f"{p.name}={self.options[p.name]}"
            for p in self.params
            if self.options[p.name] != p.default
        ]
        return ":".join([self.name, *changed])

    @property
    def full_spec(self) -> str:
        """The spec with every parameter spelled out, for provenance."""
        return ":".join([self.name, *(f"{p.name}={self.options[p.name]}" for p in self.params)])

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.options.items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stage) and (self.name, dict(self.options)) == (
            other.name,
            dict(other.options),
        )

    def __hash__(self) -> int:
        return hash((self.name, tuple(sorted(self.options.items()))))

    def __reduce__(self) -> tuple[Any, ...]:
        from arabnorm.stages import make_stage

        return (make_stage, (self.name, dict(self.options)))
