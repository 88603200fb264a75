"""Every Arabic code point and code point set arabnorm uses, named once.

This is the only module that spells code points. Each constant carries its
Unicode name; tests check every one against ``unicodedata``.
"""

from __future__ import annotations

TATWEEL = "\u0640"  # ARABIC TATWEEL

# --- Used by the tokenizer ---------------------------------------------------

ALEF = "\u0627"  # ARABIC LETTER ALEF
BEH = "\u0628"  # ARABIC LETTER BEH
FEH = "\u0641"  # ARABIC LETTER FEH
KAF = "\u0643"  # ARABIC LETTER KAF
LAM = "\u0644"  # ARABIC LETTER LAM
WAW = "\u0648"  # ARABIC LETTER WAW
ARABIC_COMMA = "\u060c"  # ARABIC COMMA
ARABIC_SEMICOLON = "\u061b"  # ARABIC SEMICOLON
ARABIC_QUESTION_MARK = "\u061f"  # ARABIC QUESTION MARK
ARABIC_DECIMAL_SEPARATOR = "\u066b"  # ARABIC DECIMAL SEPARATOR
ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # ARABIC THOUSANDS SEPARATOR
ARABIC_FULL_STOP = "\u06d4"  # ARABIC FULL STOP
HORIZONTAL_ELLIPSIS = "\u2026"  # HORIZONTAL ELLIPSIS
ZERO_WIDTH_JOINER = "\u200d"  # ZERO WIDTH JOINER
VARIATION_SELECTOR_16 = "\ufe0f"  # VARIATION SELECTOR-16
COMBINING_ENCLOSING_KEYCAP = "\u20e3"  # COMBINING ENCLOSING KEYCAP
TAG_SPACE = "\U000e0020"  # TAG SPACE (first emoji tag character)
TAG_TILDE = "\U000e007e"  # TAG TILDE (last emoji tag character)
CANCEL_TAG = "\U000e007f"  # CANCEL TAG
NKO_LAJANYALAN = "\u07fa"  # NKO LAJANYALAN
TATWEEL_OVERSTRUCK_HAMZA = "\u0883"  # ARABIC TATWEEL WITH OVERSTRUCK HAMZA
TATWEEL_OVERSTRUCK_WAW = "\u0884"  # ARABIC TATWEEL WITH OVERSTRUCK WAW
TATWEEL_TWO_DOTS_BELOW = "\u0885"  # ARABIC TATWEEL WITH TWO DOTS BELOW

KASHIDAS = frozenset(
    {
        TATWEEL,
        NKO_LAJANYALAN,
        TATWEEL_OVERSTRUCK_HAMZA,
        TATWEEL_OVERSTRUCK_WAW,
        TATWEEL_TWO_DOTS_BELOW,
    }
)
"""Letters whose only job is to join their neighbours (Joining_Type Join_Causing)."""
