"""How well arabnorm reads other code pages and repairs mojibake, on text damaged by code.

    python benchmarks/eval_damaged.py

Text: the seed sentences (``seeds/``), the 1,000 sentences of UD Arabic-PUD
(evaluation only; from ``../shared/eval``), the sentences of the first 300
lines of the 20 MB noisy corpus, and the hand-written lines of other
languages in ``tests/data/real_text.txt``.

1. ``--encoding auto``: each text unit (whole seed article, sentence, first
   three words, one word) written in windows-1256, ISO-8859-6, MacArabic (as
   a Mac writes it: ASCII as ASCII) and CP720, after folding away what the
   page cannot write; "right" means the file reads back as the text.
2. ``mojibake``: each sentence damaged as windows-1256, windows-1252
   (sloppy), Latin-1, and twice; a damaged phrase of 3-6 words inside good
   Arabic; "exact" means ``-s mojibake`` gives the sentence back. Then
   ``clean`` with the default preset of the damaged sentence against the
   clean of the sentence.
3. False repairs: undamaged lines that ``mojibake`` changes (must be 0).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_corpus import corpus  # noqa: E402
from shared import PUD_GOLD  # noqa: E402

from arabnorm.damage.mojibake import repair  # noqa: E402
from arabnorm.io.encoding import detect  # noqa: E402
from arabnorm.pipeline import Pipeline  # noqa: E402
from tests.damage.cases import KINDS, damage, real_text, seed_lines, seed_sentences  # noqa: E402

PAGES = ("cp1256", "iso8859-6", "mac-arabic", "cp720")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
_FOLD = str.maketrans(
    {"“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-", "ی": "ي", "ک": "ك", "ھ": "ه"}
)


def pud() -> list[str]:
    if not PUD_GOLD.exists():
        return []
    return [
        ln[len("# text = ") :]
        for ln in PUD_GOLD.read_text(encoding="utf-8").splitlines()
        if ln.startswith("# text = ")
    ]


def noisy_sentences(lines: int = 300) -> list[str]:
    found: list[str] = []
    for line in corpus(20).read_text(encoding="utf-8").split("\n")[:lines]:
        found += [s for s in _SENTENCE_END.split(line) if s.strip()]
    return found


def writable(text: str, page: str) -> str:
    folded = text.translate(_FOLD).replace("…", "...")
    if page == "cp720":
        folded = folded.replace("،", ",").replace("؛", ";").replace("؟", "?")
    if page != "mac-arabic":
        folded = "".join(str(int(c)) if c.isdigit() and not c.isascii() else c for c in folded)
    return folded.encode(page, "ignore").decode(page)


def as_file(text: str, page: str) -> bytes:
    if page == "mac-arabic":
        return b"".join(c.encode("ascii") if c.isascii() else c.encode(page) for c in text)
    return text.encode(page)


def reads_back(text: str, page: str) -> bool:
    data = as_file(text, page)
    found = detect(data, final=True)
    return found is not None and data.decode(found.codec, "replace") == text


def encoding_table(units: dict[str, list[str]]) -> None:
    print("| unit | n | " + " | ".join(PAGES) + " |")
    print("|---|---|" + "---|" * len(PAGES))
    for name, texts in units.items():
        cells = []
        for page in PAGES:
            written = [t for t in (writable(x, page) for x in texts) if any(c > "\x7f" for c in t)]
            right = sum(reads_back(t, page) for t in written)
            cells.append(f"{100 * right / max(len(written), 1):.1f}%")
        print(f"| {name} | {len(texts)} | " + " | ".join(cells) + " |")


def main() -> None:
    rng = random.Random(1)
    seeds = seed_sentences()
    sentences = seeds + pud() + noisy_sentences()
    words = [w for s in pud() or seeds for w in s.split() if any(c > "\x7f" for c in w)]
    noisy = len(sentences) - len(seeds) - len(pud())
    print(f"sentences: {len(seeds)} seed, {len(pud())} PUD, {noisy} noisy\n")
    print("## --encoding auto: files read back exactly\n")
    encoding_table(
        {
            "seed article": ["\n".join(seed_lines())],
            "sentence": sentences,
            "first 3 words": [" ".join(s.split()[:3]) for s in sentences],
            "one word": rng.sample(words, min(1000, len(words))),
        }
    )

    print("\n## mojibake: damaged sentences repaired exactly (-s mojibake)\n")
    standard = Pipeline.from_preset("standard")
    print("| damage | n | exact | clean -p standard equal |")
    print("|---|---|---|---|")
    want = standard.map_batch(sentences)
    for how in KINDS:
        damaged = [damage(s, how) for s in sentences]
        exact = sum(repair(d) == s for d, s in zip(damaged, sentences, strict=True))
        cleaned = standard.map_batch(damaged)
        same = sum(a == b for a, b in zip(cleaned, want, strict=True))
        print(
            f"| {how} | {len(sentences)} | {100 * exact / len(sentences):.2f}% "
            f"| {100 * same / len(sentences):.2f}% |"
        )
    for how in ("cp1256", "cp1252", "cp1256+cp1256"):
        rows = []
        for s in sentences:
            w = s.split()
            if len(w) < 4:
                continue
            a = rng.randrange(len(w) - 2)
            b = min(len(w), a + rng.randint(3, 6))
            rows.append((" ".join([*w[:a], damage(" ".join(w[a:b]), how), *w[b:]]), " ".join(w)))
        exact = sum(repair(d) == s for d, s in rows)
        print(
            f"| {how}, a phrase in good Arabic | {len(rows)} | {100 * exact / len(rows):.2f}% | |"
        )

    print("\n## false repairs: undamaged lines changed by mojibake (must be 0)\n")
    print("| lines | n | changed |")
    print("|---|---|---|")
    noisy_lines = corpus(20).read_text(encoding="utf-8").split("\n")
    groups = {"noisy20, every line": noisy_lines, "PUD": pud(), "seed lines": seed_lines()}
    groups |= {f"hand-written {k}": v for k, v in real_text().items()}
    for name, lines in groups.items():
        changed = sum(repair(x) != x for x in lines)
        print(f"| {name} | {len(lines)} | {changed} |")


if __name__ == "__main__":
    main()
