"""Vectorized runners: the fast ways the compiler may run a step.

Each class here runs one kind of declared step (or a run of them) over a
block with numpy, and gives exactly what the step's reference gives; the
compiler (``arabnorm.compiler``) picks them from what the steps declare,
and tests hold every one equal to the reference over the whole registry.

A table runs as one vectorized lookup over the UTF-16 code units of the
block instead of ``str.translate`` (which looks up every character in Python
objects and runs at about 30-40 MB/s on Arabic text):

1. ``text.encode("utf-16-le")`` -> an array of uint16;
2. a 65,536-entry lookup array maps each code unit (identity for the rest);
3. code units mapped to the deletion marker are dropped with a mask;
4. the array is decoded back to text.

Code points outside the Basic Multilingual Plane are surrogate pairs, which
map to themselves, so they pass intact. The few entries that do not map one
BMP code point to one (or none), such as ligatures that expand to several
letters or keys above U+FFFF, are done after the vector pass by one
substitution over a class of just those keys.

>>> from arabnorm.stages.base import Table
>>> run = VectorTable.build(Table({ord("أ"): "ا", ord("ـ"): "", ord("ﷲ"): "الله"}))
>>> run("أحـمد ﷲ" * 1000) == ("احمد الله" * 1000)
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from arabnorm import chars
from arabnorm.stages.base import KeepOnly, Rule, Step, Table

MIN_VECTOR = 2048
"""Shorter texts go through the step itself: numpy's fixed cost would dominate."""
_DELETE = 0xFFFF  # a noncharacter: marks code units to drop
_FLAG = 0xFFFE  # a noncharacter: marks code units to look at again
_SURROGATES_IN_A_ROW = re.compile("[\ud800-\udbff][\udc00-\udfff]")
"""A lone high surrogate before a lone low one: UTF-16 would read them as one character."""
_EDGE = 0x0A  # a line break


class VectorTable:
    """A table compiled to a numpy lookup array plus a small expansion pass.

    With ``keep_only`` (a ``KeepOnly`` rule that runs just before the table),
    the lookup array also drops every code unit outside the rule's set: the
    two steps cost one pass. That needs a set of BMP characters without
    U+FFFF, so that the units of a surrogate pair, and lone surrogates, are
    dropped as the rule drops their characters.

    One lookup gives every unit's value: its new unit, the deletion marker,
    or a *flag* for the units to look at again (keys of multi-character
    entries, the noncharacters U+FFFE and U+FFFF the markers stand for, and
    the ``flags`` a caller asked for). Only the flagged units, a few in a
    block, are looked at again.
    """

    __slots__ = (
        "_arrays",
        "_delete",
        "_extra",
        "_extra_re",
        "_flags",
        "_keep",
        "_simple",
        "_translate",
    )

    def __init__(
        self,
        fallback: Callable[[str], str],
        keep: frozenset[int] | None,
        simple: dict[int, int],
        extra: dict[str, str],
        flags: frozenset[int] = frozenset(),
    ) -> None:
        self._translate = fallback
        self._keep = keep
        self._simple = simple
        self._delete = _DELETE in simple.values() or keep is not None
        self._extra = extra
        self._extra_re = re.compile(chars.char_class(set(extra))) if extra else None
        self._flags = flags
        self._arrays: tuple[Any, Any, Any] | None = None

    @classmethod
    def build(
        cls, table: Table, keep_only: KeepOnly | None = None, flags: Iterable[int] = ()
    ) -> VectorTable | None:
        """The vectorized runner of ``table`` (after ``keep_only``), or None where none can be.

        None when a kept character lies outside the BMP (or is a surrogate or
        U+FFFF), when U+FFFE or U+FFFF is mapped or a value, when a one-to-one
        value is also the key of an entry done in the expansion pass (it
        would be changed twice), or when a flag lies outside the BMP.
        """
        keep: frozenset[int] | None = None
        fallback: Callable[[str], str] = table.apply
        if keep_only is not None:
            keep = frozenset(map(ord, keep_only.chars))
            if any(k >= _FLAG or 0xD800 <= k <= 0xDFFF for k in keep):
                return None
            first, then = keep_only.apply, table.apply

            def fallback(text: str) -> str:
                return then(first(text))

        extra: dict[str, str] = {}
        simple: dict[int, int] = {}  # code unit -> code unit, _DELETE to drop
        for key, value in table.mapping.items():
            if keep is not None and key not in keep:
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
            return None
        if _DELETE in table.mapping or _FLAG in table.mapping or one_to_one & {_DELETE, _FLAG}:
            return None
        flagged = frozenset(flags)
        if any(f > 0xFFFF for f in flagged):
            return None
        return cls(fallback, keep, simple, extra, flagged)

    def _build(self) -> tuple[Any, Any, Any]:
        import numpy as np

        if self._keep is None:
            lut = np.arange(65536, dtype=np.uint16)
        else:
            lut = np.full(65536, _DELETE, dtype=np.uint16)
            kept = np.array(sorted(self._keep), dtype=np.intp)
            lut[kept] = kept
        for key, unit in self._simple.items():
            lut[key] = unit
        values = lut.copy()  # what a flagged unit really maps to
        # Which code units may start a multi-character entry.
        is_extra = np.zeros(65536, dtype=np.bool_)
        for k in self._extra:
            unit = ord(k) if ord(k) <= 0xFFFF else 0xD800 + ((ord(k) - 0x10000) >> 10)
            is_extra[unit] = True
        lut[is_extra] = _FLAG
        lut[sorted(self._flags)] = _FLAG
        lut[_FLAG] = lut[_DELETE] = _FLAG
        self._arrays = (lut, values, is_extra)
        return self._arrays

    def __call__(self, text: str) -> str:
        out = self.run(text)
        return self._translate(text) if out is None else out

    def run(self, text: str, check: Callable[[Any, Any, Any], bool] | None = None) -> str | None:
        """The table's output for ``text``, or None where the vector pass cannot give it.

        ``check(units, at, found)`` sees the text's UTF-16 code units, the
        positions of the flagged ones (``flags`` and the others flagged) and
        their values, and may refuse the text (None) by returning False.
        Without a check, only short texts and noncharacters U+FFFE/U+FFFF in
        the text give None.
        """
        if len(text) < MIN_VECTOR:
            return None
        import numpy as np

        lut, values, is_extra = self._arrays or self._build()
        errors = "strict"
        try:
            units = code_units(text)  # often converted already by the step before
            if units.dtype.itemsize != 2:
                units = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16)
        except UnicodeEncodeError:  # lone surrogates (from --errors surrogateescape)
            if _SURROGATES_IN_A_ROW.search(text):
                # two lone surrogates would come back as one character
                return None
            errors = "surrogatepass"  # slower, so only when needed
            units = np.frombuffer(text.encode("utf-16-le", errors), dtype=np.uint16)
        mapped = lut.take(units)
        flagged = np.flatnonzero(mapped == _FLAG)
        extra_here = False
        if flagged.size:
            found = units.take(flagged)
            if found.max() >= _FLAG:  # U+FFFE or U+FFFF in the text itself
                return None
            if check is not None and not check(units, flagged, found):
                return None
            mapped[flagged] = values.take(found)
            extra_here = bool(is_extra.take(found).any())
        elif check is not None and not check(units, flagged, units[:0]):
            return None
        if self._delete:
            keep = mapped != _DELETE
            if not keep.all():
                mapped = mapped[keep]
        out = str(mapped.tobytes().decode("utf-16-le", errors))
        if extra_here:
            out = self._extra_re.sub(lambda m: self._extra[m.group()], out)  # type: ignore[union-attr]
        elif errors == "strict" and units.dtype.itemsize == 2 and len(units) == len(text):
            # the output's code units, for the step after (no surrogates: one per character)
            _LAST_UNITS[0], _LAST_UNITS[1] = out, mapped
        return out


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


def _cut_out(text: str, cut_from: Any, cut_to: Any) -> str:
    """``text`` without the slices ``cut_from[i]:cut_to[i]`` (sorted, apart), joined at C speed."""
    import numpy as np

    starts = np.concatenate(([0], cut_to)).tolist()
    stops = np.concatenate((cut_from, [len(text)])).tolist()
    return "".join(map(text.__getitem__, map(slice, starts, stops)))


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
        self._lut = _Lut(frozenset(map(ord, rule.chars)), not rule.negate)
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
        cut_from = firsts[long_enough] + self._keep
        cut_to = lasts[long_enough] + 2
        return _cut_out(text, cut_from, cut_to)


class VectorTrim:
    """A ``TrimRule`` run by locating the runs of its character, vectorized.

    Each maximal run of the character is one case of the rule: deleted when it
    starts a line (after ``\\n`` or at the start of the text) or ends one
    (before ``\\n``, ``\\r\\n``, a final ``\\r`` or the end of the text) and
    does not follow a ``\\r``, otherwise shortened to one character if longer.
    So only two kinds of runs can change: runs of two or more, found where two
    copies touch, and runs of one beside a line break or at an end of the
    text. Both come from small arrays (the word-separating spaces, one in
    every few characters, are never listed), and only the runs that change are
    cut by slicing.
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
        edge = np.sort(edge[(edge >= 0) & (edge < n)])
        edge = edge[np.concatenate(([True], edge[1:] != edge[:-1]))]  # np.unique, but cheaper
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
        before = units[starts - 1]  # units[-1] only when starts == 0
        after = units[np.minimum(ends, n - 1)]
        after2 = units[np.minimum(ends + 1, n - 1)]
        inside = ends < n
        at_end = ~inside | (after == _EDGE)
        at_end |= inside & (after == 0x0D) & ((ends + 1 == n) | (after2 == _EDGE))
        at_end &= (starts == 0) | (before != 0x0D)  # a "\r" before it would join the terminator
        trim = (starts == 0) | (before == _EDGE) | at_end
        change = trim | (ends - starts >= 2)
        if not change.any():
            return text
        return _cut_out(text, np.where(trim, starts, starts + 1)[change], ends[change])


class VectorClassTokens:
    """A ``ClassTokens`` step run with one class lookup over the block, vectorized.

    Each code unit gets its class (separator, word of one of three kinds,
    single, line break); separators are dropped, a space goes before every
    token but the first of its line, and singles are written through a
    lookup array. A ``\\r`` before ``\\n`` or at the end is a line break, any
    other one a separator. Where a run of one cut class touches a run of the other (rare
    in text: a number glued to a word), the runs beside each such place are
    found by a search over the run starts. Short texts go to the step itself.

    >>> from arabnorm.stages.base import ClassTokens
    >>> step = ClassTokens("ab12", "12", "b", {"/": "-"})
    >>> VectorClassTokens(step, step.apply)("a1b2a/ ab\\r\\n" * 500) == "a 1 b 2a - ab\\r\\n" * 500
    True
    """

    __slots__ = ("_luts", "_run", "_step", "_table")

    # one bit each, so that two neighbours' classes or-ed together tell the pair
    _SEP, _X, _A, _B, _ONE, _NL, _CR = 0, 1, 2, 4, 8, 16, 32
    _WORD = 7

    def __init__(self, step: Any, run: Callable[[str], str]) -> None:
        self._step = step
        self._run = run
        self._luts: Any = None
        self._table: Table | None = None

    @classmethod
    def build(
        cls, step: Any, run: Callable[[str], str], table: Table | None = None
    ) -> VectorClassTokens | None:
        """The runner, or None when a single is not written as one BMP character.

        With ``table`` (a table that runs just before the step), the lookup
        arrays read each code unit through the table first, so the two steps
        cost one pass: that needs a table mapping BMP code points other than
        line breaks to one BMP code point each.
        """
        if any(len(v) != 1 or ord(v) > 0xFFFF for v in step.single.values()):
            return None
        if table is not None:
            mapping = table.mapping
            if any(
                len(v) != 1 or k > 0xFFFF or ord(v) > 0xFFFF or 0xD800 <= k <= 0xDFFF
                for k, v in mapping.items()
            ) or ({0x0A, 0x0D} & (set(mapping) | {ord(v) for v in mapping.values()})):
                return None
            first, then = table.apply, run

            def run(text: str) -> str:
                return then(first(text))

        runner = cls(step, run)
        runner._table = table
        return runner

    def _build(self) -> Any:
        import numpy as np

        step = self._step
        kind = np.zeros(0x110000, dtype=np.uint8)
        kind[[ord(c) for c in step.word]] = self._X
        kind[[ord(c) for c in step.cut_a]] = self._A
        kind[[ord(c) for c in step.cut_b]] = self._B
        if step.single:
            kind[[ord(c) for c in step.single]] = self._ONE
        kind[0x0A] = self._NL
        kind[0x0D] = self._CR
        value = np.arange(0x110000, dtype=np.uint32)
        for k, v in step.single.items():
            value[ord(k)] = ord(v)
        if self._table is not None:  # read every code unit through the table first
            mapping = self._table.mapping
            keys = np.fromiter(mapping, dtype=np.int64, count=len(mapping))
            into = np.fromiter((ord(v) for v in mapping.values()), np.int64, len(mapping))
            kind[keys], value[keys] = kind[into], value[into]
        self._luts = ((kind[:0x10000], value[:0x10000].astype(np.uint16)), (kind, value))
        return self._luts

    def __call__(self, text: str) -> str:
        units = _vector_units(text)
        if units is None:
            return self._run(text)
        import numpy as np

        luts = self._luts or self._build()
        kind_lut, value_lut = luts[0] if units.dtype.itemsize == 2 else luts[1]
        kind = kind_lut.take(units)
        if "\r" in text:
            cr = np.flatnonzero(kind == self._CR)
            inside = cr + 1 < len(units)
            ends_line = ~inside  # a final \\r ends its line
            ends_line[inside] = units[cr[inside] + 1] == 0x0A
            kind[cr] = np.where(ends_line, self._NL, self._SEP)
        keep = kind != self._SEP
        # whether each character is glued to a word character before it, as bit 6 of
        # its class, so one compression gives both
        word = (kind & self._WORD) != 0
        glued_full = np.zeros(len(kind), dtype=np.uint8)
        np.logical_and(word[1:], word[:-1], out=glued_full[1:], casting="unsafe")
        glued_full <<= 6
        glued_full |= kind
        kept = np.flatnonzero(keep)  # indices, then takes: faster than boolean indexing
        both = glued_full.take(kept)
        m = both.size
        if m == 0:
            return ""
        k = both & 63
        glued = both >= 64
        prev_k = np.empty_like(k)
        prev_k[0] = self._NL
        prev_k[1:] = k[:-1]
        start = ~glued
        cut = glued & ((k | prev_k) == (self._A | self._B))
        edges = np.flatnonzero(cut)
        if edges.size:
            # the runs of one class, and the run on the right of each edge; an a-run
            # before a b-run stands alone, and both are taken; then a b-run before an
            # a-run, when neither is taken. A run alone is cut at both ends.
            runs = np.flatnonzero(start | (k != prev_k))
            right = np.searchsorted(runs, edges)
            ab = k.take(runs.take(right - 1)) == self._A
            taken = np.zeros(runs.size, dtype=np.bool_)
            taken[right[ab]] = True
            taken[right[ab] - 1] = True
            ba = right[~ab]
            ba = ba[~(taken[ba] | taken[ba - 1])]
            alone = np.concatenate((right[ab], right[ab] - 1, ba, ba - 1))
            start[runs.take(alone)] = True
            after = alone + 1
            start[runs.take(after[after < runs.size])] = True
        space = start
        space &= k != self._NL
        space &= prev_k != self._NL
        vals = value_lut.take(units.take(kept))
        # the output: the kept characters, with a space before each of ``space``
        at = np.flatnonzero(space)
        at += np.arange(at.size)
        out = np.full(m + at.size, 0x20, dtype=vals.dtype)
        placed = np.ones(out.size, dtype=np.bool_)
        placed[at] = False
        out[np.flatnonzero(placed)] = vals
        codec = "utf-16-le" if out.dtype.itemsize == 2 else "utf-32-le"
        return str(out.tobytes().decode(codec))


SPARSE = 16
"""A line filter runs the step on the whole block when triggers are closer than this."""


class LineFilter:
    """Run a step only on the lines that hold one of its triggers.

    A step gives the same result on a block as on its lines one by one, and
    a line without any of its declared triggers is one it leaves as it is, so
    such lines are copied. Where triggers are dense (one in fewer than
    ``SPARSE`` characters), picking lines costs more than it saves: the step
    runs on the whole block, and after three such blocks in a row the filter
    steps aside.
    """

    __slots__ = ("_dense", "_lut", "_present", "_run")

    def __init__(self, run: Callable[[str], str], triggers: frozenset[str]) -> None:
        self._run = run
        self._lut = _Lut(frozenset(map(ord, triggers)), True)
        # A few triggers are first looked for as substrings, at C speed.
        self._present = "".join(sorted(triggers)) if len(triggers) <= 16 else ""
        self._dense = 0

    @classmethod
    def build(cls, step: Step, run: Callable[[str], str]) -> LineFilter | None:
        """A filter in front of ``run`` for ``step``, or None if it declares no few triggers."""
        if not _has_few_triggers(step):
            return None
        assert step.triggers is not None
        return cls(run, step.triggers)

    def __call__(self, text: str) -> str:
        if len(text) < MIN_VECTOR or self._dense >= 3:
            return self._run(text)
        if self._present and not any(c in text for c in self._present):
            return text
        if self._dense_at_start(text):
            self._dense += 1
            return self._run(text)
        try:
            units = code_units(text)
        except UnicodeEncodeError:
            return self._run(text)
        import numpy as np

        hits = np.flatnonzero(self._lut.for_units(units).take(units))
        if hits.size == 0:
            return text
        if hits.size * SPARSE > len(text):
            self._dense += 1
            return self._run(text)
        self._dense = 0
        return _run_on_lines(text, ((p, p) for p in hits.tolist()), self._run)

    def _dense_at_start(self, text: str) -> bool:
        """Whether the first ``MIN_VECTOR`` characters already hold triggers densely.

        Then the whole block is run as it is, without a pass over all of it
        to pick lines (which would be run on nearly all of them anyway).
        """
        head = text[:MIN_VECTOR]
        try:
            units = code_units(head)
        except UnicodeEncodeError:
            return False
        import numpy as np

        found = int(np.count_nonzero(self._lut.for_units(units).take(units)))
        return found * SPARSE > 2 * len(head)


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


_LAST_UNITS: list[Any] = [None, None]
"""The last text ``code_units`` converted and its array: consecutive steps that leave a
block as it is (a step that found nothing to do) share one conversion."""


def code_units(text: str) -> Any:
    """One array element per character: UTF-16 units when there are no surrogate
    pairs (half the memory traffic), else UTF-32."""
    if _LAST_UNITS[0] is text:
        return _LAST_UNITS[1]
    import numpy as np

    data = text.encode("utf-16-le")
    if len(data) == 2 * len(text):
        units = np.frombuffer(data, dtype=np.uint16)
    else:
        units = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    _LAST_UNITS[0], _LAST_UNITS[1] = text, units
    return units


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


# --- tables across rules that rarely apply ----------------------------------

MAX_TRIGGERS = 256
"""A rule with more declared triggers than this is not worth filtering for."""


def _has_few_triggers(step: Step) -> bool:
    return step.triggers is not None and len(step.triggers) <= MAX_TRIGGERS


def fast_table(table: Table) -> Callable[[str], str]:
    """The vectorized runner of ``table``, or ``str.translate`` where there is none."""
    return VectorTable.build(table) or table.apply


class TableWindow:
    """Tables with rules between them, run as one table where no rule can apply.

    The rules between the tables of a pipeline (composing a combining
    hamza, joining a ligature) keep the tables apart, yet most text holds
    none of the characters they need, and a rule is the identity on a text
    without its required characters. Each rule's *danger* set is its
    required characters and everything the tables before it turn into one
    of them. The fused table's one lookup flags the danger characters it
    meets. With none, the whole window is the fused table, one pass.
    Otherwise the first such rule splits the window: the tables before it
    fused, the rule, then the rest of the steps as a window of their own.

    A ``one_char`` rule (it only turns some copies of a letter into another)
    is *absorbed* when the tables after it in the window map its triggers
    and its replacement alike, and what it writes is no danger to a later
    rule: with only absorbed rules' danger in a block, the fused table gives
    the window's output, and the rule need not run.

    >>> from arabnorm.stages.base import Rule
    >>> steps = [Table({ord("أ"): "ا"}), Rule("اب", "X", triggers="ب"), Table({ord("ـ"): ""})]
    >>> window = TableWindow.build(steps, [s.apply for s in steps])
    >>> window is not None and window("أبـد\\nكـتب\\n" * 600) == "Xد\\nكتب\\n" * 600
    True
    """

    __slots__ = (
        "_absorbed",
        "_flagged",
        "_fused",
        "_hit",
        "_lut",
        "_prefix",
        "_rules",
        "_steps",
        "_suffix",
        "danger",
        "table",
    )

    def __init__(self, steps: Sequence[Step], runners: Sequence[Callable[[str], str]]) -> None:
        self._steps = list(zip(steps, runners, strict=True))
        self._rules: list[int] = []  # positions of the rules in the steps
        self._prefix: list[Callable[[str], str]] = []  # the tables before each rule, fused
        danger: dict[int, int] = {}  # code point -> bits of the rules it endangers
        before: Table | None = None  # the tables so far, fused
        for i, step in enumerate(steps):
            if isinstance(step, Table):
                before = step if before is None else before.then(step)
                continue
            assert step.triggers is not None  # checked by build
            required = set(map(ord, step.triggers))
            bit = 1 << len(self._rules)
            mapping = before.mapping if before is not None else {}
            needed = step.triggers
            for c in itertools.chain(
                (c for c in required if c not in mapping),
                (k for k, v in mapping.items() if not needed.isdisjoint(v)),
            ):
                danger[c] = danger.get(c, 0) | bit
            self._rules.append(i)
            self._prefix.append(fast_table(before) if before is not None else str)
        self._absorbed = sum(1 << k for k in range(len(self._rules)) if self._absorbs(steps, k))
        fused = before
        self.table, self.danger = fused, danger
        self._fused: Callable[[str], str] = fast_table(fused) if fused is not None else str
        # the fused table flags the danger characters itself: one lookup for both
        self._flagged = VectorTable.build(fused, flags=danger) if fused is not None else None
        self._lut: tuple[Any, Any] | None = None  # the danger bits per code point, on first use
        self._suffix: dict[int, Callable[[str], str]] = {}
        self._hit = 0  # the rules the last flagged lookup found

    def _absorbs(self, steps: Sequence[Step], k: int) -> bool:
        """Whether rule ``k`` is invisible in the window's output (see the class)."""
        at = self._rules[k]
        rule = steps[at]
        if not getattr(rule, "one_char", False):
            return False
        assert isinstance(rule, Rule) and rule.triggers is not None
        written = rule.replacement
        assert isinstance(written, str)
        after: Table | None = None
        for step in steps[at + 1 :]:
            if isinstance(step, Table):
                after = step if after is None else after.then(step)
            elif step.triggers is not None:
                # what the rule writes, as the tables up to this later rule leave it
                seen = after.mapping.get(ord(written), written) if after else written
                if not step.triggers.isdisjoint(seen):
                    return False
        if after is None:  # no table after it: the rule shows as it is
            return False
        final = after.mapping
        return all(final.get(ord(t), t) == final.get(ord(written), written) for t in rule.triggers)

    @classmethod
    def build(
        cls, steps: Sequence[Step], runners: Sequence[Callable[[str], str]]
    ) -> TableWindow | None:
        """A window over ``steps`` (tables first and last, rules between), or None.

        None when there are fewer than two tables, when the steps do not
        start and end with a table, when a step between them is not a rule
        with declared triggers, or when there are more than 16 such rules.
        """
        if sum(isinstance(s, Table) for s in steps) < 2:
            return None
        if not isinstance(steps[0], Table) or not isinstance(steps[-1], Table):
            return None
        rules = [s for s in steps if not isinstance(s, Table)]
        if len(rules) > 16 or any(not _has_few_triggers(s) for s in rules):
            return None
        return cls(steps, runners)

    def _one_by_one(self, text: str) -> str:
        for _step, run in self._steps:
            text = run(text)
        return text

    def _after(self, k: int) -> Callable[[str], str]:
        """The steps after rule ``k``, as a window when they hold a table."""
        run = self._suffix.get(k)
        if run is None:
            rest = self._steps[self._rules[k] + 1 :]
            window = TableWindow.build([s for s, _ in rest], [r for _, r in rest])
            if window is not None:
                run = window
            else:
                runners = [r for _, r in rest]

                def run(text: str) -> str:
                    for step in runners:
                        text = step(text)
                    return text

            self._suffix[k] = run
        return run

    def _danger(self) -> tuple[Any, Any]:
        if self._lut is None:
            import numpy as np

            lut = np.zeros(0x110000, dtype=np.uint16)
            for c, bits in self.danger.items():
                lut[c] = bits
            self._lut = (lut[:0x10000], lut)
        return self._lut

    def clear(self, units: Any, at: Any, found: Any) -> bool:
        """Whether the flagged units ``found`` leave the fused table's output right.

        (A ``VectorTable.run`` check; the rules it finds are kept for ``split``.)
        """
        import numpy as np

        # nothing flagged (most blocks): no rule can apply, no lookup needed
        hit = int(np.bitwise_or.reduce(self._danger()[0].take(found))) if found.size else 0
        self._hit = hit
        return hit & ~self._absorbed == 0

    def __call__(self, text: str) -> str:
        if not self._rules:
            return self._fused(text)
        if len(text) < MIN_VECTOR:
            return self._one_by_one(text)
        if self._flagged is not None:
            self._hit = -1
            out = self._flagged.run(text, self.clear)
            if out is not None:
                return out
            active = self._hit  # -1: the lookup did not run (lone surrogates, U+FFFF)
            if active < 0:
                return self._one_by_one(text)
        else:
            try:
                units = code_units(text)
            except UnicodeEncodeError:
                return self._one_by_one(text)
            import numpy as np

            luts = self._danger()
            lut = luts[0] if units.dtype.itemsize == 2 else luts[1]
            active = int(np.bitwise_or.reduce(lut.take(units)))
            if not active & ~self._absorbed:
                return self._fused(text)
        return self.split(text, active)

    def split(self, text: str, active: int) -> str:
        """The window's output where the lookup found the rules ``active`` (bits) may apply."""
        k = (active & -active).bit_length() - 1  # the first rule that may apply
        text = self._prefix[k](text)
        text = self._steps[self._rules[k]][1](text)
        return self._after(k)(text)

    @property
    def found(self) -> int:
        """The rules (bits) the last ``clear`` found, -1 if it was not asked."""
        return self._hit

    def reset(self) -> None:
        self._hit = -1


class WatchedWindow:
    """A step that watches a few characters, then a ``TableWindow``, in one lookup.

    The window's fused table flags the watched characters too; from their
    places the step tells (``unchanged_at``) whether it leaves the block as
    it is. Then the window's lookup stands for both; otherwise the step runs
    and the window after it. Such a step (the mojibake repair) is first in a
    pipeline and finds nothing in nearly every block, so its own pass over
    the block is saved.
    """

    __slots__ = ("_flagged", "_run", "_state", "_step", "_watch", "_window")

    def __init__(self, step: Step, run: Callable[[str], str], window: TableWindow) -> None:
        watched = step.watched()
        assert watched is not None and window.table is not None
        self._step, self._run, self._window = step, run, window
        self._watch = _Lut(frozenset(map(ord, watched)), True)
        flags = set(window.danger) | set(map(ord, watched))
        self._flagged = VectorTable.build(window.table, flags=flags)
        self._state = ""

    @classmethod
    def build(
        cls, step: Step, run: Callable[[str], str], window: TableWindow
    ) -> WatchedWindow | None:
        """The fused runner, or None when ``step`` watches nothing (or beyond the BMP)."""
        watched = step.watched()
        if watched is None or window.table is None or any(ord(c) > 0xFFFF for c in watched):
            return None
        return cls(step, run, window)

    def _check(self, units: Any, at: Any, found: Any) -> bool:
        here = at[self._watch.for_units(found).take(found)]
        if not self._step.unchanged_at(units, here):
            self._state = "step"
            return False
        self._state = "window"
        return self._window.clear(units, at, found)

    def __call__(self, text: str) -> str:
        if len(text) < MIN_VECTOR or self._flagged is None:
            return self._window(self._run(text))
        self._state = ""
        self._window.reset()
        out = self._flagged.run(text, self._check)
        if out is not None:
            return out
        if self._state == "window" and self._window.found > 0:
            return self._window.split(text, self._window.found)  # the step found nothing
        return self._window(self._run(text))


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

    def __init__(self, table: Table, run: Callable[[str], str] | None = None) -> None:
        self._table = table
        self._run = run or fast_table(table)
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
        if len(text) < MIN_VECTOR:
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
