"""Running a fused code-point table over a block fast.

``str.translate`` with a dict looks up every character in Python objects and
runs at about 30-40 MB/s on Arabic text. With numpy installed, a table runs as
one vectorized lookup over the UTF-16 code units of the block instead:

1. ``text.encode("utf-16-le", "surrogatepass")`` -> an array of uint16;
2. a 65,536-entry lookup array maps each code unit (identity for the rest);
3. code units mapped to the deletion marker are dropped with a mask;
4. the array is decoded back to text.

Code points outside the Basic Multilingual Plane are surrogate pairs, which
map to themselves, so they pass intact. The few entries that do not map one
BMP code point to one (or none), such as ligatures that expand to several
letters or keys above U+FFFF, are done after the vector pass by one regex
substitution over a class of just those keys. The result is always the same
as ``str.translate`` (a test compares them on random tables and texts); when a
table cannot be split that way, or numpy is missing, or ``ARABNORM_PURE=1``
is set, ``str.translate`` is used.

>>> from arabnorm.stages.base import Table
>>> run = table_runner(Table({ord("أ"): "ا", ord("ـ"): "", ord("ﷲ"): "الله"}))
>>> run("أحـمد ﷲ" * 1000) == ("احمد الله" * 1000)
True
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from arabnorm.stages.base import Table

MIN_VECTOR = 2048
"""Shorter texts go through ``str.translate``: numpy's fixed cost would dominate."""
_DELETE = 0xFFFF  # a noncharacter: marks code units to drop


def _char_class(chars: dict[str, str]) -> str:
    """A character class of ``chars`` written as ranges (one class test per character)."""
    codes = sorted(ord(c) for c in chars)
    parts: list[str] = []
    start = prev = codes[0]
    for c in [*codes[1:], -1]:
        if c == prev + 1:
            prev = c
            continue
        parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = c
    return "[" + "".join(parts) + "]"


def numpy_available() -> bool:
    """Whether the vectorized path can be used (numpy importable, not disabled)."""
    if os.environ.get("ARABNORM_PURE", "") not in ("", "0"):
        return False
    # Only look: importing numpy costs a tenth of a second, paid on the first
    # block large enough to use it.
    from importlib.util import find_spec

    return find_spec("numpy") is not None


class VectorTable:
    """A table compiled to a numpy lookup array plus a small expansion pass.

    With ``keep_only`` (a ``KeepOnly`` rule that runs just before the table),
    the lookup array also drops every code unit outside the rule's set: the
    two steps cost one pass. That needs a set of BMP characters without
    U+FFFF, so that the units of a surrogate pair, and lone surrogates, are
    dropped as the rule drops their characters.
    """

    __slots__ = ("_arrays", "_delete", "_extra", "_extra_re", "_keep", "_simple", "_translate")

    def __init__(self, table: Table, keep_only: Any = None) -> None:
        self._translate = table.apply
        self._keep: frozenset[int] | None = None
        if keep_only is not None:
            keep = frozenset(map(ord, keep_only.chars))
            if any(k >= _DELETE or 0xD800 <= k <= 0xDFFF for k in keep):
                raise ValueError("kept characters outside the BMP, surrogates or U+FFFF")
            self._keep = keep
            first, then = keep_only.apply, table.apply
            self._translate = lambda text: then(first(text))
        extra: dict[str, str] = {}
        simple: dict[int, int] = {}  # code unit -> code unit, _DELETE to drop
        for key, value in table.mapping.items():
            if self._keep is not None and key not in self._keep:
                continue  # deleted before the table sees it
            if key > 0xFFFF or 0xD800 <= key <= 0xDFFF or len(value) > 1:
                extra[chr(key)] = value
            elif value == "":
                simple[key] = _DELETE
            elif ord(value) > 0xFFFF or 0xD800 <= ord(value) <= 0xDFFF:
                extra[chr(key)] = value
            else:
                simple[key] = ord(value)
        one_to_one = {v for v in simple.values() if v != _DELETE}
        if any(ord(k) in one_to_one for k in extra if len(k) == 1):
            raise ValueError("a mapped value is itself a key of a multi-character entry")
        if _DELETE in table.mapping or _DELETE in one_to_one:
            raise ValueError("U+FFFF is mapped")
        self._simple = simple
        self._delete = _DELETE in simple.values() or self._keep is not None
        self._extra = extra
        self._extra_re = re.compile(_char_class(extra)) if extra else None
        self._arrays: tuple[Any, Any] | None = None

    def _build(self) -> tuple[Any, Any]:
        import numpy as np

        if self._keep is None:
            lut = np.arange(65536, dtype=np.uint16)
        else:
            lut = np.full(65536, _DELETE, dtype=np.uint16)
            kept = np.array(sorted(self._keep), dtype=np.intp)
            lut[kept] = kept
        for key, unit in self._simple.items():
            lut[key] = unit
        # Which code units may start a multi-character entry: a quick "none here" test.
        is_extra = np.zeros(65536, dtype=np.bool_)
        for k in self._extra:
            unit = ord(k) if ord(k) <= 0xFFFF else 0xD800 + ((ord(k) - 0x10000) >> 10)
            is_extra[unit] = True
        self._arrays = (lut, is_extra)
        return self._arrays

    def __call__(self, text: str) -> str:
        if len(text) < MIN_VECTOR or (self._delete and self._keep is None and "\uffff" in text):
            return self._translate(text)
        import numpy as np

        lut, is_extra = self._arrays or self._build()
        try:
            data = text.encode("utf-16-le")
            errors = "strict"
        except UnicodeEncodeError:  # lone surrogates (from --errors surrogateescape)
            errors = "surrogatepass"  # slower, so only when needed
            data = text.encode("utf-16-le", errors)
        units = np.frombuffer(data, dtype=np.uint16)
        mapped = lut.take(units)
        extra = self._extra
        if not extra:
            extra_here = False
        elif len(extra) <= 16:  # a few substring searches beat a pass over the array
            extra_here = any(k in text for k in extra)
        else:
            extra_here = bool(is_extra.take(units).any())
        if self._delete:
            keep = mapped != _DELETE
            if not keep.all():
                mapped = mapped[keep]
        out = mapped.tobytes().decode("utf-16-le", errors)
        if extra_here:
            out = self._extra_re.sub(lambda m: extra[m.group()], out)  # type: ignore[union-attr]
        return str(out)


def table_runner(table: Table, vector: bool | None = None) -> Callable[[str], str]:
    """The fastest exact way to apply ``table`` here (``vector`` forces a path)."""
    if vector is None:
        vector = numpy_available()
    if not vector:
        return table.apply
    try:
        return VectorTable(table)
    except ValueError:
        return table.apply


# --- rules ------------------------------------------------------------------

RACE = 1 << 18
"""Characters each engine runs on before a rule keeps the faster one."""
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE | re.ASCII


class _NotReMatch(Exception):
    """A replacement function needed something only a ``regex`` match has."""


class ReRule:
    """A rule run by whichever engine is faster on it: ``re`` or ``regex``.

    For the patterns both engines accept (character classes, possessive and
    lazy quantifiers, look-arounds, back references: ``re`` refuses
    ``\\p{...}``, ``(?r)`` and the other ``regex``-only syntax), both find
    the same matches; ``re`` scans three to four times faster for patterns
    that start with a large class (a run of any Arabic letter), ``regex`` is
    faster for some with look-behinds. The first ``RACE`` characters are run
    with ``re``, the next as many with ``regex``, and the engine with the
    lower time per character is kept: only speed depends on the choice,
    never the output. A replacement function that uses a
    ``regex``-only match method makes the runner use ``regex`` for good.
    """

    __slots__ = ("_choice", "_fallback", "_pattern", "_replacement", "_times", "pattern")

    def __init__(self, rule: Any) -> None:
        flags = rule.pattern.flags
        if flags & ~_RE_FLAGS or flags & re.IGNORECASE:
            raise ValueError("pattern uses regex-only flags or case folding")
        self._pattern = re.compile(rule.pattern.pattern, flags & _RE_FLAGS)
        if not _same_in_both_engines(rule.pattern.pattern):
            raise ValueError("pattern uses classes the engines define differently")
        self.pattern = rule.pattern
        self._fallback: Callable[[str], str] = _regex_runner(rule)
        self._choice: Callable[[str], str] | None = None
        self._times: list[float] = [0.0, 0.0, 0.0, 0.0]
        r = rule.replacement
        if isinstance(r, str):
            if "\\" in r:
                raise ValueError("templates are left to regex")
            self._replacement: Any = r
        else:

            def call(m: Any) -> str:
                try:
                    return str(r(m))
                except (AttributeError, TypeError) as exc:
                    raise _NotReMatch from exc

            self._replacement = call

    def _re(self, text: str) -> str:
        try:
            return str(self._pattern.sub(self._replacement, text))
        except _NotReMatch:
            self._choice = self._fallback
            return self._fallback(text)

    def __call__(self, text: str) -> str:
        if self._choice is not None:
            return self._choice(text)
        # Trial: about RACE characters with re, then as many with regex (any
        # sizes of text, as a line filter hands over single lines); then keep
        # the engine with the lower time per character.
        times = self._times  # [re seconds, re chars, regex seconds, regex chars]
        use_re = times[1] < RACE
        start = time.perf_counter()
        out = self._re(text) if use_re else self._fallback(text)
        if self._choice is None:
            k = 0 if use_re else 2
            times[k] += time.perf_counter() - start
            times[k + 1] += len(text)
            if times[3] >= RACE:
                re_rate = times[0] / max(times[1], 1)
                regex_rate = times[2] / max(times[3], 1)
                self._choice = self._re if re_rate <= regex_rate else self._fallback
        return out


_ENGINE_SPECIFIC = {"CATEGORY", "AT_BOUNDARY", "AT_NON_BOUNDARY", "AT_UNI_BOUNDARY"}


def _same_in_both_engines(pattern: str) -> bool:
    """False if the pattern uses ``\\w``, ``\\s``, ``\\d``, ``\\b`` or the like.

    ``re`` and ``regex`` define those classes a little differently (``regex``
    counts combining marks such as Arabic harakat as word characters, ``re``
    does not), so only patterns without them run on ``re``.

    >>> _same_in_both_engines(r"[ab]+(?= )"), _same_in_both_engines(r"\\w+")
    (True, False)
    """
    tree = _parse_tree(pattern)
    if tree is None:
        return False
    stack: list[Any] = list(tree)
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif hasattr(item, "name") and str(item) in _ENGINE_SPECIFIC:
            return False
        elif hasattr(item, "data"):  # a nested SubPattern
            stack.extend(item.data)
    return True


def _regex_runner(rule: Any) -> Callable[[str], str]:
    r = rule.replacement
    if isinstance(r, str) and "\\" not in r and type(rule).apply is _rule_apply():
        sub = rule.pattern.sub
        return lambda text: str(sub(r, text))
    return rule.apply  # type: ignore[no-any-return]


def rule_runner(rule: Any, use_re: bool = True) -> Callable[[str], str]:
    """The fastest exact way to apply ``rule``: ``re`` when it accepts the pattern,
    only on the lines that can match."""
    from arabnorm.stages.base import RunRule, TrimRule

    if isinstance(rule, RunRule) and numpy_available():
        return VectorRuns(rule, _engine_runner(rule, use_re))
    if isinstance(rule, TrimRule) and numpy_available():
        return VectorTrim(rule, _engine_runner(rule, use_re))
    return filtered(_engine_runner(rule, use_re), rule.pattern)


def _vector_units(text: str) -> Any:
    """The code units of ``text`` for a vectorized rule, or None to run the rule itself.

    Short texts are not worth the conversion; texts with lone surrogates
    cannot be converted.
    """
    if len(text) < MIN_VECTOR:
        return None
    try:
        return code_units(text)
    except UnicodeEncodeError:
        return None


class VectorRuns:
    """A ``RunRule`` run by comparing each character with its neighbour, vectorized.

    The rule's pattern matches exactly the maximal runs of one character of
    its class longer than ``longer_than`` (a match starts at the first copy
    and takes all copies possessively; a shorter run cannot match from any
    of its positions), and each match becomes its first ``keep`` copies. So
    the positions where a code unit equals the next one and is in the class
    give every run; the copies to drop are cut out by slicing. Texts that are
    short, or hold lone surrogates, go to the rule itself.

    >>> from arabnorm.stages.base import RunRule
    >>> rule = RunRule("ab", 2, 1)
    >>> VectorRuns(rule, rule.apply)("xaaaay " * 1000) == "xay " * 1000
    True
    """

    __slots__ = ("_keep", "_longer", "_lut", "_run")

    def __init__(self, rule: Any, run: Callable[[str], str]) -> None:
        self._run = run
        self._lut = _Lut(frozenset(map(ord, rule.chars)), True)
        self._longer = rule.longer_than
        self._keep = rule.keep

    def __call__(self, text: str) -> str:
        units = _vector_units(text)
        if units is None:
            return self._run(text)
        import numpy as np

        # p in `pairs`: text[p] == text[p + 1], a character of the class
        pairs = np.flatnonzero(units[1:] == units[:-1])
        if pairs.size == 0:
            return text
        pairs = pairs[self._lut.for_units(units).take(units[pairs])]
        if pairs.size < self._longer:
            return text
        # consecutive positions in `pairs` are one run: it spans first .. last + 1
        breaks = np.flatnonzero(np.diff(pairs) != 1)
        firsts = pairs[np.concatenate(([0], breaks + 1))]
        lasts = pairs[np.concatenate((breaks, [pairs.size - 1]))]
        long_enough = lasts - firsts + 2 > self._longer
        if not long_enough.any():
            return text
        pieces: list[str] = []
        last = 0
        keep = self._keep
        for first, end in zip(
            (firsts[long_enough] + keep).tolist(), (lasts[long_enough] + 2).tolist(), strict=True
        ):
            pieces.append(text[last:first])
            last = end
        pieces.append(text[last:])
        return "".join(pieces)


class VectorTrim:
    """A ``TrimRule`` run by locating the runs of its character, vectorized.

    Each maximal run of the character is one case of the rule: deleted when
    it starts a line (after ``\\n`` or at the start of the text) or ends one
    (before ``\\n``, ``\\r\\n``, a final ``\\r`` or the end of the text),
    otherwise shortened to one character if longer. So only two kinds of
    runs can change: runs of two or more, found where two copies touch, and
    runs of one beside a line break or at an end of the text. Both come from
    small arrays (the word-separating spaces, one in every few characters,
    are never listed), and only the runs that change are cut by slicing.
    Short texts and texts with lone surrogates go to the rule itself.

    >>> from arabnorm.stages.base import TrimRule
    >>> rule = TrimRule(" ")
    >>> VectorTrim(rule, rule.apply)(" a  b \\n" * 1000) == "a b\\n" * 1000
    True
    """

    __slots__ = ("_char", "_run")

    def __init__(self, rule: Any, run: Callable[[str], str]) -> None:
        self._run = run
        self._char = ord(rule.char)

    def __call__(self, text: str) -> str:
        units = _vector_units(text)
        if units is None:
            return self._run(text)
        import numpy as np

        n = len(units)
        is_char = units == self._char
        # Runs of two or more, from the positions where two copies touch:
        # consecutive positions are one run, from the first to the last + 2.
        pairs = np.flatnonzero(is_char[1:] & is_char[:-1])
        breaks = np.flatnonzero(np.diff(pairs) != 1)
        long_starts = pairs[np.concatenate(([0], breaks + 1))] if pairs.size else pairs
        long_ends = pairs[np.concatenate((breaks, [pairs.size - 1]))] + 2 if pairs.size else pairs
        # Runs of one change only at a line's edge: look beside each line break
        # (and "\r\n"), and at both ends of the text.
        breaks_at = np.flatnonzero(units == _EDGE)
        crlf = breaks_at[(breaks_at > 0) & (units[breaks_at - 1] == 0x0D)]
        edge = np.concatenate((breaks_at - 1, breaks_at + 1, crlf - 2, [0, n - 1, n - 2]))
        edge = np.unique(edge[(edge >= 0) & (edge < n)])
        edge = edge[is_char[edge]]
        alone = (edge == 0) | ~is_char[np.maximum(edge - 1, 0)]
        alone &= (edge == n - 1) | ~is_char[np.minimum(edge + 1, n - 1)]
        edge = edge[alone]
        if long_starts.size == 0 and edge.size == 0:
            return text
        starts = np.concatenate((long_starts, edge))
        ends = np.concatenate((long_ends, edge + 1))
        order = np.argsort(starts, kind="stable")
        starts, ends = starts[order], ends[order]
        trim = (starts == 0) | (units[starts - 1] == _EDGE)  # units[-1] only when starts == 0
        after = units[np.minimum(ends, n - 1)]
        after2 = units[np.minimum(ends + 1, n - 1)]
        inside = ends < n
        trim |= ~inside
        trim |= inside & (after == _EDGE)
        trim |= inside & (after == 0x0D) & ((ends + 1 == n) | (after2 == _EDGE))
        change = trim | (ends - starts >= 2)
        if not change.any():
            return text
        cut_from = np.where(trim, starts, starts + 1)[change].tolist()
        cut_to = ends[change].tolist()
        pieces: list[str] = []
        last = 0
        for a, b in zip(cut_from, cut_to, strict=True):
            pieces.append(text[last:a])
            last = b
        pieces.append(text[last:])
        return "".join(pieces)


def _engine_runner(rule: Any, use_re: bool) -> Callable[[str], str]:
    if use_re and type(rule).apply is _rule_apply():
        try:
            return ReRule(rule)
        except (ValueError, re.error):
            pass
    return _regex_runner(rule)


def _rule_apply() -> Any:
    from arabnorm.stages.base import Rule

    return Rule.apply


# --- skipping lines a rule cannot match -------------------------------------

MAX_REQUIRED = 256
"""Rules whose required characters are more than this many are not filtered."""


@functools.lru_cache(maxsize=256)
def _parse_tree(pattern: str, flags: int = 0) -> list[Any] | None:
    """The parse tree of ``pattern`` by the standard library's own parser, or None.

    Used only to learn what a pattern must contain; a pattern the standard
    parser cannot read (``regex``-only syntax) or a case-insensitive one
    (by ``flags``, ``(?i)`` or ``(?i:...)``) simply gets no filter.
    """
    if flags & re.IGNORECASE:
        return None
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.removeprefix("(?r)"))
    except Exception:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    stack: list[Any] = list(parsed)
    while stack:
        item = stack.pop()
        if isinstance(item, tuple) and str(item[0]) == "SUBPATTERN" and item[1][1] & re.IGNORECASE:
            return None
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif hasattr(item, "data"):  # a nested SubPattern
            stack.extend(item.data)
    return list(parsed)


def required_chars(pattern: str, flags: int = 0) -> frozenset[int] | None:
    """Code points of which every match of ``pattern`` contains at least one.

    ``None`` when no small such set can be read off the pattern. Used to skip
    the lines of a block where a rule cannot match.

    >>> sorted(required_chars("a+b|c"))
    [97, 99]
    >>> required_chars("[^a]x?") is None
    True
    """
    tree = _parse_tree(pattern, flags)
    if tree is None:
        return None
    found = _required_seq(tree)
    return frozenset(found) if found is not None else None


def _required_seq(items: list[Any]) -> set[int] | None:
    best: set[int] | None = None
    for op, av in items:
        got = _required_item(str(op), av)
        if got is not None and (best is None or len(got) < len(best)):
            best = got
    return best


def _required_item(op: str, av: Any) -> set[int] | None:
    if op == "LITERAL":
        return {av}
    if op == "IN":
        out: set[int] = set()
        for sub_op, sub_av in av:
            name = str(sub_op)
            if name == "LITERAL":
                out.add(sub_av)
            elif name == "RANGE" and sub_av[1] - sub_av[0] <= MAX_REQUIRED:
                out.update(range(sub_av[0], sub_av[1] + 1))
            else:
                return None
        return out
    if op == "SUBPATTERN":
        return _required_seq(list(av[3]))
    if op == "ATOMIC_GROUP":
        return _required_seq(list(av))
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _required_seq(list(av[2])) if av[0] >= 1 else None
    if op == "BRANCH":
        union: set[int] = set()
        for branch in av[1]:
            got = _required_seq(list(branch))
            if got is None:
                return None
            union |= got
        return union
    return None


class LineFilter:
    """Run a line-local rule only on the lines where it can match.

    Every rule gives the same result on a block as on its lines one by one,
    so lines where no match can be (none of the characters every match needs;
    no character of a negated class; no doubled letter for a run pattern) are
    copied as they are. Where such lines are most of the block, the filter
    steps aside after a few blocks.
    """

    __slots__ = ("_dense", "_hits", "_present", "_run")

    def __init__(
        self, run: Callable[[str], str], hits: Callable[[Any], Any], present: str = ""
    ) -> None:
        self._run = run
        self._hits = hits
        self._present = present  # a few characters a match needs: checked at C speed first
        self._dense = 0

    def __call__(self, text: str) -> str:
        if len(text) < MIN_VECTOR or self._dense >= 3:
            return self._run(text)
        if self._present and not any(c in text for c in self._present):
            return text
        try:
            units = code_units(text)
        except UnicodeEncodeError:
            return self._run(text)
        hits = self._hits(units)
        if hits.size == 0:
            return text
        if hits.size * 16 > len(text):
            self._dense += 1
            return self._run(text)
        self._dense = 0
        return _run_on_lines(text, ((p, p) for p in hits.tolist()), self._run)


MERGE = 128
"""Lines to transform closer than this many characters are transformed together."""


def _run_on_lines(
    text: str,
    spans: Iterable[tuple[int, int]],
    run: Callable[[str], str],
    rest: Callable[[str], str] = str,
) -> str:
    """Apply ``run`` to the lines holding each ``(lo, hi)`` span, ``rest`` to the others.

    Nearby lines go to ``run`` as one segment (fewer calls); every segment
    starts and ends at a line boundary, so when ``run`` and ``rest`` agree on
    the lines given to ``rest`` (by default copied as they are), the result
    is that of ``run`` on the whole text.
    """
    n = len(text)
    pieces: list[str] = []
    last = 0  # end of the text already copied or transformed
    seg_start = seg_end = -1
    for lo, hi in spans:
        if hi < seg_end:
            continue
        start = text.rfind("\n", 0, lo) + 1
        end = text.find("\n", hi)
        end = n if end < 0 else end + 1
        if seg_start >= 0 and start <= seg_end + MERGE:
            seg_end = end
            continue
        if seg_start >= 0:
            pieces.append(rest(text[last:seg_start]))
            pieces.append(run(text[seg_start:seg_end]))
            last = seg_end
        seg_start, seg_end = max(start, last), end
    if seg_start >= 0:
        pieces.append(rest(text[last:seg_start]))
        pieces.append(run(text[seg_start:seg_end]))
        last = seg_end
    pieces.append(rest(text[last:]))
    return "".join(pieces)


def code_units(text: str) -> Any:
    """One array element per character: UTF-16 units when there are no surrogate
    pairs (half the memory traffic), else UTF-32."""
    import numpy as np

    data = text.encode("utf-16-le")
    if len(data) == 2 * len(text):
        return np.frombuffer(data, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


class _Lut:
    """A boolean array over every code point, built on first use."""

    __slots__ = ("_array", "_chars", "_small", "_value")

    def __init__(self, chars_: frozenset[int], value: bool) -> None:
        self._chars = chars_
        self._value = value
        self._array: Any = None
        self._small: Any = None

    def for_units(self, units: Any) -> Any:
        """The array to index ``units`` with (64 KB for UTF-16 units: stays in cache)."""
        if self._array is None:
            import numpy as np

            array = (np.zeros if self._value else np.ones)(0x110000, dtype=np.bool_)
            array[sorted(self._chars)] = self._value
            self._array, self._small = array, array[:0x10000]
        return self._small if units.dtype.itemsize == 2 else self._array


def _hits_in(lut: _Lut) -> Callable[[Any], Any]:
    def hits(units: Any) -> Any:
        import numpy as np

        return np.flatnonzero(lut.for_units(units).take(units))

    return hits


def _hits_run(lut: _Lut, length: int) -> Callable[[Any], Any]:
    """Positions where a letter of ``lut`` starts a run of ``length`` (2 or 3)."""

    def hits(units: Any) -> Any:
        import numpy as np

        table = lut.for_units(units)
        n = len(units) - length + 1
        if n <= 0:
            return np.zeros(0, dtype=np.intp)
        head = units[:n]
        same = head == units[1 : n + 1]
        if length == 3:
            same &= head == units[2 : n + 2]
        return np.flatnonzero(same & table.take(head))

    return hits


def excluded_chars(pattern: str, flags: int = 0) -> frozenset[int] | None:
    """``S`` when the pattern is a run of ``[^S]``: it matches only outside ``S``.

    >>> sorted(excluded_chars("[^a-c]++"))
    [97, 98, 99]
    """
    tree = _parse_tree(pattern)
    if flags & re.IGNORECASE or tree is None or len(tree) != 1:
        return None
    op, av = tree[0]
    if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
        if len(av[2]) != 1:
            return None
        op, av = av[2][0]
    if str(op) != "IN" or not av or str(av[0][0]) != "NEGATE":
        return None
    out: set[int] = set()
    for sub_op, sub_av in av[1:]:
        name = str(sub_op)
        if name == "LITERAL":
            out.add(sub_av)
        elif name == "RANGE":
            out.update(range(sub_av[0], sub_av[1] + 1))
        else:
            return None
    return frozenset(out)


def run_chars(pattern: str, flags: int = 0) -> tuple[frozenset[int], int] | None:
    """``(S, n)`` when every match holds a letter of ``S`` ``n`` times in a row.

    For patterns such as ``(S)\\1{2,}`` (a letter repeated 3 or more times);
    ``n`` is at most 3.

    >>> s, n = run_chars(r"([ab])\\1{2,}+")
    >>> sorted(s), n
    ([97, 98], 3)
    """
    tree = _parse_tree(pattern)
    if flags & re.IGNORECASE or tree is None:
        return None
    for (op1, av1), (op2, av2) in itertools.pairwise(tree):
        if str(op1) != "SUBPATTERN" or len(av1[3]) != 1:
            continue
        if str(op2) not in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") or av2[0] < 1:
            continue
        if len(av2[2]) != 1 or str(av2[2][0][0]) != "GROUPREF" or av2[2][0][1] != av1[0]:
            continue
        length = min(3, 1 + av2[0])
        sub_op, sub_av = av1[3][0]
        if str(sub_op) == "LITERAL":
            return frozenset({sub_av}), length
        if str(sub_op) == "IN" and all(str(o) in ("LITERAL", "RANGE") for o, _ in sub_av):
            wide: set[int] = set()
            for o, v in sub_av:
                wide.update([v] if str(o) == "LITERAL" else range(v[0], v[1] + 1))
            return frozenset(wide), length
    return None


def starts_with_literal(pattern: str, flags: int = 0) -> bool:
    """Whether every match of a forward pattern starts with one fixed character.

    Both engines then look for that character at C speed before trying a
    match, several times faster than a line filter's passes over the block.

    >>> starts_with_literal("ی(?=x)"), starts_with_literal("[ab]c"), starts_with_literal("(?r)ab")
    (True, False, False)
    """
    if flags & re.IGNORECASE or pattern.startswith("(?r)"):
        return False
    tree = _parse_tree(pattern)
    if not tree:
        return False
    op, av = tree[0]
    while str(op) == "SUBPATTERN" and av[3]:
        op, av = av[3][0]
    return str(op) == "LITERAL"


def filtered(run: Callable[[str], str], pattern: Any) -> Callable[[str], str]:
    """``run`` behind a ``LineFilter`` when the pattern has a small required set."""
    if not numpy_available():
        return run
    text, flags = pattern.pattern, pattern.flags
    if not isinstance(text, str) or starts_with_literal(text, flags):
        return run
    pairs = required_pairs(text, flags)
    if pairs is not None:  # pairs are more selective than their characters
        return PairFilter(run, pairs)

    required = required_chars(text, flags)
    if required is not None and len(required) <= MAX_REQUIRED and _EDGE not in required:
        present = "".join(map(chr, sorted(required))) if len(required) <= 16 else ""
        return LineFilter(run, _hits_in(_Lut(required, True)), present)
    excluded = excluded_chars(text, flags)
    if excluded is not None and _EDGE in excluded:
        return LineFilter(run, _hits_in(_Lut(excluded, False)))
    runs = run_chars(text, flags)
    if runs is not None and _EDGE not in runs[0]:
        return LineFilter(run, _hits_run(_Lut(runs[0], True), runs[1]))
    return run


# --- skipping lines by pairs of characters ----------------------------------

MAX_PAIRS = 64
_EDGE = 0x0A  # the start and the end of a line read as a line break


def required_pairs(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Two-character strings of which every match, with the character before and
    after it (a line break at the ends of a line), contains at least one.

    Catches rules such as "two spaces, or a space at either end of a line",
    which a set of single characters cannot.

    >>> sorted(required_pairs(r"(?m)^ +| {2,}| +$"))
    ['\\n ', ' \\n', '  ']
    """
    tree = _parse_tree(pattern, flags)
    if tree is None:
        return None
    found = _pairs_seq(tree)
    if found is None or len(found) > MAX_PAIRS:
        return None
    return frozenset(chr(a) + chr(b) for a, b in found)


def _one_char_set(op: str, av: Any) -> tuple[set[int], int] | None:
    """``(characters, minimum count)`` of an item that consumes only such characters."""
    if op in ("LITERAL", "IN"):
        chars_ = _required_item(op, av)
        return (chars_, 1) if chars_ is not None else None
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1 and len(av[2]) == 1:
        inner = _one_char_set(str(av[2][0][0]), av[2][0][1])
        return (inner[0], av[0] * inner[1]) if inner is not None else None
    if op == "AT" and str(av) in ("AT_BEGINNING", "AT_END", "AT_BEGINNING_STRING", "AT_END_STRING"):
        return ({_EDGE}, 0)
    if op == "ASSERT" and av[0] == 1:  # look-ahead: its first character
        return _first_set(list(av[1]))
    return None


def _first_set(items: list[Any]) -> tuple[set[int], int] | None:
    out: set[int] = set()
    for op, av in items:
        name = str(op)
        if (
            name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
            and av[0] == 0
            and len(av[2]) == 1
        ):
            inner = _one_char_set(str(av[2][0][0]), av[2][0][1])
            if inner is None:
                return None
            out |= inner[0]
            continue
        got = _one_char_set(name, av)
        if got is None:
            return None
        return out | got[0], 0
    return None


def _pairs_seq(items: list[Any]) -> set[tuple[int, int]] | None:
    # Negative look-arounds consume nothing and leave their neighbours adjacent.
    items = [(op, av) for op, av in items if str(op) != "ASSERT_NOT"]
    best: set[tuple[int, int]] | None = None

    def offer(pairs: set[tuple[int, int]] | None) -> None:
        nonlocal best
        if pairs is not None and (best is None or len(pairs) < len(best)):
            best = pairs

    sets = [_one_char_set(str(op), av) for op, av in items]
    for (op, av), cs in zip(items, sets, strict=True):
        name = str(op)
        if cs is not None and cs[1] >= 2 and len(cs[0]) <= 8:
            offer({(a, b) for a in cs[0] for b in cs[0]})
        elif name == "SUBPATTERN" and len(items) == 1:
            offer(_pairs_seq(list(av[3])))
        elif name == "BRANCH":
            union: set[tuple[int, int]] = set()
            for branch in av[1]:
                got = _pairs_seq(list(branch))
                if got is None:
                    union = set()
                    break
                union |= got
            if union:
                offer(union)
    for left, right in itertools.pairwise(sets):
        if left is not None and right is not None and len(left[0]) * len(right[0]) <= MAX_PAIRS:
            offer({(a, b) for a in left[0] for b in right[0]})
    return best


class PairFilter:
    """Like ``LineFilter``, for a rule that needs one of a few pairs of characters."""

    __slots__ = ("_dense", "_pairs", "_run")

    def __init__(self, run: Callable[[str], str], pairs: frozenset[str]) -> None:
        self._run = run
        self._pairs = sorted((ord(p[0]), ord(p[1])) for p in pairs)
        self._dense = 0

    def _starts(self, text: str) -> Any:
        import numpy as np

        units = code_units("\n" + text + "\n")
        first, second = units[:-1], units[1:]
        found = np.zeros(len(first), dtype=np.bool_)
        by_first: dict[int, list[int]] = {}
        top = 0xFFFF if units.dtype.itemsize == 2 else 0x10FFFF
        for a, b in self._pairs:
            if a <= top and b <= top:  # a wider pair cannot occur in this text
                by_first.setdefault(a, []).append(b)
        for a, bs in by_first.items():
            is_a = first == a
            if not is_a.any():
                continue
            follows = second == bs[0]
            for b in bs[1:]:
                follows |= second == b
            found |= is_a & follows
        return np.flatnonzero(found)

    def __call__(self, text: str) -> str:
        if len(text) < MIN_VECTOR or self._dense >= 3:
            return self._run(text)
        try:
            starts = self._starts(text)
        except UnicodeEncodeError:
            return self._run(text)
        if starts.size == 0:
            return text
        if starts.size * 16 > len(text):
            self._dense += 1
            return self._run(text)
        self._dense = 0
        n = len(text)
        # the pair padded[p:p+2] is text[p-1:p+1]: both its lines are transformed
        spans = ((max(p - 1, 0), min(p, n - 1)) for p in starts.tolist())
        return _run_on_lines(text, spans, self._run)


# --- tables across rules that rarely apply ----------------------------------


class TableWindow:
    """Tables with rules between them, run as one table where no rule can apply.

    The rules between the tables of a pipeline (composing a combining
    hamza, joining a ligature) keep the tables apart, yet most text holds
    none of the characters they need, and a rule is the identity on a text
    without its required characters. Each rule's *danger* set is its
    required characters and everything the tables before it turn into one
    of them. One lookup over the block finds which rules' danger characters
    are there. With none, the whole window is the fused table, one pass.
    Otherwise the first such rule splits the window: the tables before it
    fused, the rule, then the rest of the steps as a window of their own.

    >>> from arabnorm.stages.base import Rule
    >>> steps = [Table({ord("أ"): "ا"}), Rule("اب", "X"), Table({ord("ـ"): ""})]
    >>> window = table_window(steps, [s.apply for s in steps])
    >>> window is not None and window("أبـد\\nكـتب\\n" * 600) == "Xد\\nكتب\\n" * 600
    True
    """

    __slots__ = ("_fused", "_lut", "_prefix", "_rules", "_steps", "_suffix")

    def __init__(self, steps: list[Any], runners: list[Callable[[str], str]]) -> None:
        import numpy as np

        self._steps = list(zip(steps, runners, strict=True))
        self._rules: list[int] = []  # positions of the rules in the steps
        self._prefix: list[Callable[[str], str]] = []  # the tables before each rule, fused
        danger: dict[int, int] = {}  # code point -> bits of the rules it endangers
        before: Table | None = None  # the tables so far, fused
        for i, step in enumerate(steps):
            if isinstance(step, Table):
                before = step if before is None else before.then(step)
                continue
            required = rule_required_chars(step)
            if required is None:
                raise ValueError(f"{step!r} has no small set of required characters")
            bit = 1 << len(self._rules)
            mapping = before.mapping if before is not None else {}
            needed = set(map(chr, required))
            for c in itertools.chain(
                (c for c in required if c not in mapping),
                (k for k, v in mapping.items() if not needed.isdisjoint(v)),
            ):
                danger[c] = danger.get(c, 0) | bit
            self._rules.append(i)
            self._prefix.append(table_runner(before) if before is not None else str)
        if len(self._rules) > 16:
            raise ValueError("more than 16 rules")
        self._fused: Callable[[str], str] = table_runner(before) if before is not None else str
        lut = np.zeros(0x110000, dtype=np.uint16)
        for c, bits in danger.items():
            lut[c] = bits
        self._lut = (lut[:0x10000], lut)
        self._suffix: dict[int, Callable[[str], str]] = {}

    def _one_by_one(self, text: str) -> str:
        for _step, run in self._steps:
            text = run(text)
        return text

    def _after(self, k: int) -> Callable[[str], str]:
        """The steps after rule ``k``, as a window when they hold a table."""
        run = self._suffix.get(k)
        if run is None:
            rest = self._steps[self._rules[k] + 1 :]
            if any(isinstance(step, Table) for step, _ in rest):
                run = TableWindow([s for s, _ in rest], [r for _, r in rest])
            else:
                runners = [r for _, r in rest]

                def run(text: str) -> str:
                    for step in runners:
                        text = step(text)
                    return text

            self._suffix[k] = run
        return run

    def __call__(self, text: str) -> str:
        if not self._rules:
            return self._fused(text)
        if len(text) < MIN_VECTOR:
            return self._one_by_one(text)
        try:
            units = code_units(text)
        except UnicodeEncodeError:
            return self._one_by_one(text)
        import numpy as np

        lut = self._lut[0] if units.dtype.itemsize == 2 else self._lut[1]
        active = int(np.bitwise_or.reduce(lut.take(units)))
        if not active:
            return self._fused(text)
        k = (active & -active).bit_length() - 1  # the first rule that may apply
        text = self._prefix[k](text)
        text = self._steps[self._rules[k]][1](text)
        return self._after(k)(text)


def rule_required_chars(rule: Any) -> frozenset[int] | None:
    """``required_chars`` of a rule's pattern when it is a small set, else None."""
    from arabnorm.stages.base import Rule

    if not isinstance(rule, Rule) or not isinstance(rule.pattern.pattern, str):
        return None
    required = required_chars(rule.pattern.pattern, rule.pattern.flags)
    return required if required is not None and len(required) <= MAX_REQUIRED else None


def table_window(steps: list[Any], runners: list[Callable[[str], str]]) -> TableWindow | None:
    """A ``TableWindow`` for ``steps`` (tables first and last, rules between), or None.

    None when there are fewer than two tables, or a rule between them has no
    small set of required characters (see ``required_chars``).
    """
    if sum(isinstance(s, Table) for s in steps) < 2:
        return None
    if not isinstance(steps[0], Table) or not isinstance(steps[-1], Table):
        return None
    try:
        return TableWindow(steps, runners)
    except ValueError:
        return None


# --- edits of a table, for spans --------------------------------------------


class TableEdits:
    """A table's output and edits for a block, found by vectorized lookups.

    The same edits as ``Table.apply_with_edits``, one per code point the
    table changes, ``(in, in + 1, out, out + len(value))``, as four arrays:
    the output position of each is its input position plus the growth of
    the changes before it. Short texts, texts with lone surrogates, and
    missing numpy give None: the caller then asks the table itself.

    >>> edits = TableEdits(Table({ord("ـ"): "", ord("ﷲ"): "الله"}))
    >>> out, (in_s, in_e, out_s, out_e) = edits("كتـاب ﷲ" * 400)
    >>> out[:9], in_s[:2].tolist(), out_s[:2].tolist(), out_e[:2].tolist()
    ('كتاب الله', [2, 6], [2, 5], [2, 9])
    """

    __slots__ = ("_luts", "_run", "_table")

    def __init__(self, table: Table) -> None:
        self._table = table
        self._run = table_runner(table)
        self._luts: Any = None

    def _build(self) -> Any:
        import numpy as np

        length = np.ones(0x110000, dtype=np.int64)
        changed = np.zeros(0x110000, dtype=np.bool_)
        for key, value in self._table.mapping.items():
            if value != chr(key):
                changed[key] = True
                length[key] = len(value)
        self._luts = (changed[:0x10000], length[:0x10000]), (changed, length)
        return self._luts

    def __call__(self, text: str) -> tuple[str, tuple[Any, Any, Any, Any] | None] | None:
        if len(text) < MIN_VECTOR or not numpy_available():
            return None
        try:
            units = code_units(text)
        except UnicodeEncodeError:
            return None
        import numpy as np

        luts = self._luts or self._build()
        changed, length = luts[0] if units.dtype.itemsize == 2 else luts[1]
        in_s = np.flatnonzero(changed.take(units))
        if in_s.size == 0:
            return text, None
        lens = length.take(units.take(in_s))
        growth = np.cumsum(lens - 1)
        out_s = in_s + growth - (lens - 1)
        return self._run(text), (in_s, in_s + 1, out_s, out_s + lens)
