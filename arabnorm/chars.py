"""Every Arabic code point and code point set arabnorm uses, named once.

This is the only module that spells code points. Each constant carries its
Unicode name; tests check every one against ``unicodedata``.
"""

from __future__ import annotations

TATWEEL = "\u0640"  # ARABIC TATWEEL

# Letters named by the clitic segmenter (arabnorm.clitics).
ALEF = "\u0627"  # ARABIC LETTER ALEF
ALEF_HAMZA_ABOVE = "\u0623"  # ARABIC LETTER ALEF WITH HAMZA ABOVE
ALEF_HAMZA_BELOW = "\u0625"  # ARABIC LETTER ALEF WITH HAMZA BELOW
HAMZA = "\u0621"  # ARABIC LETTER HAMZA
WAW_HAMZA = "\u0624"  # ARABIC LETTER WAW WITH HAMZA ABOVE
YEH_HAMZA = "\u0626"  # ARABIC LETTER YEH WITH HAMZA ABOVE
BEH = "\u0628"  # ARABIC LETTER BEH
TEH_MARBUTA = "\u0629"  # ARABIC LETTER TEH MARBUTA
TEH = "\u062a"  # ARABIC LETTER TEH
DAL = "\u062f"  # ARABIC LETTER DAL
SEEN = "\u0633"  # ARABIC LETTER SEEN
AIN = "\u0639"  # ARABIC LETTER AIN
FEH = "\u0641"  # ARABIC LETTER FEH
KAF = "\u0643"  # ARABIC LETTER KAF
LAM = "\u0644"  # ARABIC LETTER LAM
MEEM = "\u0645"  # ARABIC LETTER MEEM
NOON = "\u0646"  # ARABIC LETTER NOON
HEH = "\u0647"  # ARABIC LETTER HEH
WAW = "\u0648"  # ARABIC LETTER WAW
ALEF_MAKSURA = "\u0649"  # ARABIC LETTER ALEF MAKSURA
YEH = "\u064a"  # ARABIC LETTER YEH
ALEF_MADDA = "\u0622"  # ARABIC LETTER ALEF WITH MADDA ABOVE
# The basic Arabic letters U+0621 (ARABIC LETTER HAMZA) .. U+064A (ARABIC
# LETTER YEH), without U+0640 (ARABIC TATWEEL), which is not a letter.
BASIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B) if c != 0x0640)
# Code points skipped when the segmenter looks words up: U+064B (ARABIC
# FATHATAN) .. U+065F (ARABIC WAVY HAMZA BELOW), i.e. harakat, tanween, shadda,
# sukun and the extended marks; U+0670 (ARABIC LETTER SUPERSCRIPT ALEF); and
# tatweel.
CLITIC_IGNORED_MARKS = frozenset([chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", TATWEEL])
