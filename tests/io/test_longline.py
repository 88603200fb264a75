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
