"""Recompute the clitic attachment rates used by arabnorm.clitics.

For a proclitic p, the rate is the median of freq(p + w) / freq(w) over the
5,000 commonest Arabic words w of wordfreq's list (words of 3+ letters,
counting only the w for which p + w occurs); for an enclitic e the same with
w + e (ة written ت before it, words with the article left out). Prints a
table to paste into arabnorm/clitics.py (values there are rounded).

    python scripts/clitic_rates.py
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable

import wordfreq

from arabnorm import chars as c
from arabnorm.clitics import ENCLITICS


def median_rate(
    freq: dict[str, float], words: list[str], attach: Callable[[str], str | None]
) -> float:
    """Median of freq(attach(w)) / freq(w) over the words where both occur."""
    ratios = []
    for w in words:
        joined = attach(w)
        if joined is None:
            continue
        f = freq.get(joined, 0.0)
        if f:
            ratios.append(f / freq[w])
    return statistics.median(ratios) if ratios else 0.0


def main() -> int:
    freq = wordfreq.get_frequency_dict("ar", "large")
    top = [w for w in itertools.islice(wordfreq.iter_wordlist("ar", "large"), 5000) if len(w) >= 3]
    article = c.ALEF + c.LAM
    imperfect = (c.YEH, c.TEH, c.NOON)

    def before_enclitic(w: str) -> str:
        return w[:-1] + c.TEH if w.endswith(c.TEH_MARBUTA) else w

    rows: list[tuple[str, float]] = []
    for p in (c.WAW, c.FEH, c.BEH, c.LAM, c.KAF):
        rows.append((p + "+", median_rate(freq, top, lambda w, p=p: p + w)))
    rows.append(
        (
            c.SEEN + "+",
            median_rate(freq, top, lambda w: c.SEEN + w if w.startswith(imperfect) else None),
        )
    )
    rows.append(
        (
            c.LAM + "+" + c.LAM,
            median_rate(freq, top, lambda w: c.LAM + w[1:] if w.startswith(article) else None),
        )
    )
    for e in ENCLITICS:
        rows.append(
            (
                "+" + e,
                median_rate(
                    freq,
                    top,
                    lambda w, e=e: None if w.startswith(article) else before_enclitic(w) + e,
                ),
            )
        )
    print(f"{'clitic':<8} {'rate':>8}")
    for name, rate in rows:
        print(f"{name:<8} {rate:>8.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
