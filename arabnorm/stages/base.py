"""What a stage is: a named, configured, immutable text transformation.

A stage is built from *steps*, the primitives the pipeline knows how to run
fast and how to trace back to the original text:

- ``Table``: each code point maps to a string (``""`` deletes it). Runs of
  tables, even across stages, fuse into one table applied once per block.
- ``Rule``: a compiled pattern and its replacement, for anything that needs
  context (a letter at the end of a word, a run of the same letter).
- any other ``Step`` subclass that implements ``apply`` and ``apply_with_edits``.

Every step can report *edits*: ``(in_start, in_end, out_start, out_end)``
tuples, in order, saying which slice of its input became which slice of its
output; text between edits is copied unchanged. The pipeline composes them
into spans only when a caller asks for spans.

Stages see text, never files or line terminators: a block handed to a stage
is many lines joined by ``\\n`` (or ``\\r\\n``). A step must give the same
result on a block as on each of its lines separately, so no pattern may match
across a line break, and ``\\r`` before ``\\n`` belongs to the terminator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from arabnorm.errors import SpecError

Edit = tuple[int, int, int, int]
"""``(in_start, in_end, out_start, out_end)``: input slice that became output slice."""


class Step:
    """One primitive transformation of a block of text."""

    def commutes_with(self, table: Table) -> bool:
        """Whether running ``table`` before this step gives what running it after gives.

        The pipeline uses this to move a table past a step and fuse it with an
        earlier table. ``False`` unless a step knows better.
        """
        return False

    def apply(self, text: str) -> str:
        raise NotImplementedError

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        raise NotImplementedError


def _edits_from_matches(
    text: str, matches: Any, replace: Callable[[Any], str]
) -> tuple[str, list[Edit]]:
    """Build output and edits from an iterator of non-overlapping matches."""
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

    def __init__(self, mapping: Mapping[int, str]) -> None:
        self.mapping: dict[int, str] = {k: v for k, v in mapping.items() if v != chr(k)}
        self._translate: dict[int, str | None] = {
            k: (v if v else None) for k, v in self.mapping.items()
        }
        self._pattern: Any = None

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
            # Consecutive code points as ranges: a class of hundreds of single
            # characters is many times slower to search than a few ranges.
            ranges: list[list[int]] = []
            for k in sorted(self.mapping):
                if ranges and ranges[-1][1] == k - 1:
                    ranges[-1][1] = k
                else:
                    ranges.append([k, k])
            body = "".join(
                re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                for a, b in ranges
            )
            self._pattern = re.compile(f"[{body}]" if body else r"(?!)")
        return self._pattern

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        mapping = self.mapping
        return _edits_from_matches(
            text, self.pattern.finditer(text), lambda m: mapping[ord(m.group())]
        )

    def __repr__(self) -> str:
        return f"Table({len(self.mapping)} code points)"


class Rule(Step):
    """Replace every match of a compiled pattern.

    ``replacement`` is a literal string (no group references) or a function of
    the match. The pattern must not match across ``\\n``.
    """

    __slots__ = ("pattern", "replacement")

    def __init__(self, pattern: str | Any, replacement: str | Callable[[Any], str]) -> None:
        self.pattern = regex.compile(pattern) if isinstance(pattern, str) else pattern
        self.replacement = replacement

    def _replace(self, m: Any) -> str:
        r = self.replacement
        return r if isinstance(r, str) else r(m)

    def apply(self, text: str) -> str:
        r = self.replacement
        if isinstance(r, str):
            return str(self.pattern.sub(lambda _m: r, text))
        return str(self.pattern.sub(r, text))

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        return _edits_from_matches(text, self.pattern.finditer(text), self._replace)

    def __repr__(self) -> str:
        return f"Rule({self.pattern.pattern!r})"


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
    character. It runs as that rule everywhere; it is a class of its own
    because what it does can be said without a pattern (delete the copies
    after the first ``keep`` of each long enough run), which lets the
    pipeline find the runs with one vectorized comparison of neighbours
    instead of a regex attempt at every character.

    >>> RunRule("ab", 2, 1).apply("caaab abba bbbb")
    'cab abba b'
    """

    __slots__ = ("chars", "keep", "longer_than")

    def __init__(self, chars: str | frozenset[str] | set[str], longer_than: int, keep: int) -> None:
        from arabnorm.chars import char_class

        if not 1 <= keep <= longer_than:
            raise ValueError("keep must be between 1 and longer_than")
        self.chars = frozenset(chars)
        self.longer_than = longer_than
        self.keep = keep
        super().__init__(f"({char_class(self.chars)})\\1{{{longer_than},}}+", _Copies(keep))

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
        own = {ord(c) for c in self.chars}
        return all(
            len(v) == 1 and k not in own and ord(v) not in own for k, v in table.mapping.items()
        )


class KeepOnly(Rule):
    """Delete every character that is not in ``chars``.

    A rule (a table can only list the characters it changes, and this
    changes everything it does not list) whose pattern is the run of the
    negated class. It is a class of its own so that the pipeline can fold it
    into the lookup array of a table that follows it.

    >>> KeepOnly("ab ").apply("a-b c!")
    'ab '
    """

    __slots__ = ("chars",)

    def __init__(self, chars: str | frozenset[str] | set[str]) -> None:
        from arabnorm.chars import char_class

        self.chars = frozenset(chars)
        super().__init__(f"{char_class(self.chars, negate=True)}++", "")


class _TrimOrOne:
    """Replacement for a ``TrimRule`` match: nothing at a line end, else one character."""

    __slots__ = ("char",)

    def __init__(self, char: str) -> None:
        self.char = char

    def __call__(self, m: Any) -> str:
        return "" if m.group("trim") is not None else self.char


class TrimRule(Rule):
    """Delete runs of ``char`` at either end of a line; shorten longer runs inside to one.

    "A run at the end of a line" means before ``\\n``, before ``\\r\\n``, or at
    the end of the text (also before a final ``\\r``), so line terminators
    stay as they are. A run of one inside a line is not a match. The pattern
    finds runs only where no ``char`` precedes and takes them possessively,
    so a long run costs linear time. Like ``RunRule``, it is its own class so
    the pipeline can find the runs by comparing code units, vectorized.

    >>> TrimRule(" ").apply("  a   b \\r\\n c\\r")
    'a b\\r\\nc\\r'
    """

    __slots__ = ("char",)

    def __init__(self, char: str) -> None:
        if len(char) != 1 or char in "\\r\\n":
            raise ValueError("TrimRule needs one character other than a line break")
        self.char = char
        c = regex.escape(char)
        super().__init__(
            f"(?m)(?P<trim>^{c}++|(?<!{c}){c}++(?=\\r?$))|(?<!{c}){c}{{2,}}+", _TrimOrOne(char)
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


class Stage:
    """A named, configured transformation: immutable once built.

    Subclasses set the class attributes and implement ``build_steps``. The
    pipeline reads ``steps`` and decides how to run them.
    """

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    kind: ClassVar[str] = "rule"  # "table", "rule" or "tokenizer"
    lossy: ClassVar[bool] = True
    params: ClassVar[tuple[Param, ...]] = ()

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
        for step in self.steps:
            text = step.apply(text)
        return text

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
