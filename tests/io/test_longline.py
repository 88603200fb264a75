"""A long line cut into pieces gives the same result as the whole line."""

from __future__ import annotations

import random

from arabnorm.io.longline import StepStreamer
from tests.io.context_steps import apply_all, context_steps

# Matches stay shorter than the margin (the streamer's documented condition).
WORDS = ["كتـاب", "ســلام", "پیی", "ی", '"قال"', '"ق ـل"', "  ", "\t", "ممممم", "ab", "ـ", " "]


def _line(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n))


def _feed(text: str, cuts: list[int], margin: int) -> str:
    streamer = StepStreamer(context_steps(), margin=margin)
    out = []
    last = 0
    for cut in cuts:
        out.append(streamer.feed(text[last:cut], final=False))
        last = cut
    out.append(streamer.feed(text[last:], final=True))
    return "".join(out)


def test_every_cut_gives_the_whole_line_result() -> None:
    rng = random.Random(7)
    for _ in range(60):
        text = "  " + _line(rng, 200) + "  \n"
        expected = apply_all(text)
        cuts = sorted(rng.sample(range(1, len(text)), rng.randint(1, 40)))
        assert _feed(text, cuts, margin=64) == expected


def test_cut_inside_a_run_of_spaces_and_a_quote_pair() -> None:
    text = 'أ       "قـول"    یی ممممم  '
    expected = apply_all(text)
    for cut in range(1, len(text)):
        assert _feed(text, [cut], margin=16) == expected, cut


def test_cut_right_before_the_terminator() -> None:
    text = "سلام  \r\n"
    for cut in range(1, len(text)):
        assert _feed(text, [cut], margin=8) == apply_all(text)


def test_single_character_pieces() -> None:
    text = '  یی ""ـ"ب"  ممم   \n'
    assert _feed(text, list(range(1, len(text))), margin=32) == apply_all(text)


def test_an_unpaired_quote_keeps_its_partner_within_the_margin() -> None:
    text = '"' + "كلمة " * 30 + '" و "' + "ب" * 10 + "\n"
    expected = apply_all(text)
    for cut in range(1, len(text), 7):
        assert _feed(text, [cut], margin=256) == expected


def test_reverse_searched_rules_stream_in_text_order() -> None:
    from arabnorm.stages.base import Rule

    rule = Rule(r"(?r)ا\u0654", "أ")
    text = ("ا\u0654ب " * 50) + "\n"
    streamer = StepStreamer([rule], margin=8)
    out = "".join(streamer.feed(text[i : i + 5], final=False) for i in range(0, len(text), 5))
    out += streamer.feed("", final=True)
    assert out == rule.apply(text)


def test_a_step_can_supply_its_own_feeder() -> None:
    from arabnorm.stages.base import Step

    class Counter(Step):
        """Numbers the pieces: only its own feeder knows how."""

        def apply(self, text: str) -> str:
            return text

        def stream_feeder(self) -> object:
            class Feed:
                n = 0

                def feed(self, text: str, final: bool) -> str:
                    self.n += 1
                    return f"{self.n}{text}"

            return Feed()

    streamer = StepStreamer([Counter()])
    assert streamer.feed("a", False) + streamer.feed("b", True) == "1a2b"


def test_cut_guards_allow_leading_context_rules_only() -> None:
    from arabnorm.io.longline import cut_guards, segment_cutter
    from arabnorm.pipeline import Pipeline

    def steps(spec: str) -> list[object]:
        return [step for stage in Pipeline.from_spec(spec).stages for step in stage.steps]

    assert cut_guards(steps("tatweel,alef")) == []  # type: ignore[arg-type]
    (rule,) = cut_guards(steps("mojibake,tatweel,alef"))  # type: ignore[arg-type,misc]
    assert type(rule).__name__ == "MojibakeRule" and rule.context
    # after a step that changes text, the rule reads text the cutter never sees
    assert cut_guards(steps("tatweel,mojibake")) is None  # type: ignore[arg-type]
    assert cut_guards(steps("visual")) is None  # type: ignore[arg-type]
    assert segment_cutter(Pipeline.from_preset("standard").stages) is not None
    assert segment_cutter(Pipeline.from_spec("quotes:style=guillemets").stages) is None


DAMAGED = ["ظ…ط±ط­ط¨ط§", "ط§ظ„ط¹ط§ظ„ظ…", "Ù…Ø±Ø­Ø¨Ø§", "ط§", "ظ„", "cafÃ©", "الحظ…"]
DAMAGED += ["مرحبا", "كتاب", "ab"]


def test_guarded_cuts_give_the_whole_line_result(monkeypatch: object) -> None:
    """A line cut where no mojibake match is near gives, segment by segment, the line's output."""
    from arabnorm.io import longline
    from arabnorm.pipeline import Pipeline

    monkeypatch.setattr(longline, "MARGIN", 900)  # type: ignore[attr-defined]
    pipeline = Pipeline.from_preset("standard")
    rng = random.Random(11)
    for _ in range(8):
        # clean stretches long enough to cut in, between damaged ones
        words = []
        for _ in range(60):
            pool = DAMAGED if rng.random() < 0.3 else DAMAGED[-3:]
            words += [rng.choice(pool) for _ in range(rng.randint(1, 120))]
        line = " ".join(words)
        cutter = longline.segment_cutter(pipeline.stages, size=rng.randint(50, 400))
        assert cutter is not None
        segments: list[str] = []
        pos = 0
        while pos < len(line):
            step = rng.randint(1, 3000)
            segments += cutter.feed(line[pos : pos + step], final=pos + step >= len(line))
            pos += step
        assert " ".join(segments) == line
        assert len(segments) > 5
        assert " ".join(pipeline.apply(s) for s in segments) == pipeline.apply(line)


def test_a_step_that_judges_cuts_is_asked_for_each() -> None:
    """stopwords: an emptied word takes a space beside it, so no cut is made beside one."""
    from arabnorm.io import longline
    from arabnorm.pipeline import Pipeline

    pipeline = Pipeline.from_spec("stopwords")
    rng = random.Random(3)
    line = " ".join(rng.choice(["في", "من", "الكتاب", "والمدرسة", "a", "3"]) for _ in range(3000))
    cutter = longline.segment_cutter(pipeline.stages, size=2, line_chars=len(line))
    assert cutter is not None
    segments = cutter.feed(line[:5000], final=False) + cutter.feed(line[5000:], final=True)
    assert " ".join(segments) == line and len(segments) > 100
    assert " ".join(pipeline.apply(s) for s in segments) == pipeline.apply(line)
