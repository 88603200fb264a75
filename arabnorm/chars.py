"""Every Arabic code point and code point set arabnorm uses, named once.

This is the only module that spells code points. Each constant carries its
Unicode name (a range names its first and last code point); tests check
every one against ``unicodedata``. Stages import these names, so a reader
can tell what a stage touches without a code chart::

    >>> from arabnorm import chars
    >>> chars.ALEF_HAMZA_ABOVE in chars.ALEF_VARIANTS
    True
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

Range = tuple[int, int]
"""An inclusive code point range ``(first, last)``."""


def expand(*ranges: Range) -> frozenset[str]:
    """The set of characters in the inclusive code point ranges."""
    return frozenset(chr(cp) for first, last in ranges for cp in range(first, last + 1))


# --- Letters -----------------------------------------------------------------

HAMZA = "\u0621"  # ARABIC LETTER HAMZA
ALEF_MADDA = "\u0622"  # ARABIC LETTER ALEF WITH MADDA ABOVE
ALEF_HAMZA_ABOVE = "\u0623"  # ARABIC LETTER ALEF WITH HAMZA ABOVE
WAW_HAMZA = "\u0624"  # ARABIC LETTER WAW WITH HAMZA ABOVE
ALEF_HAMZA_BELOW = "\u0625"  # ARABIC LETTER ALEF WITH HAMZA BELOW
YEH_HAMZA = "\u0626"  # ARABIC LETTER YEH WITH HAMZA ABOVE
ALEF = "\u0627"  # ARABIC LETTER ALEF
TEH_MARBUTA = "\u0629"  # ARABIC LETTER TEH MARBUTA
KAF = "\u0643"  # ARABIC LETTER KAF
HEH = "\u0647"  # ARABIC LETTER HEH
WAW = "\u0648"  # ARABIC LETTER WAW
ALEF_MAKSURA = "\u0649"  # ARABIC LETTER ALEF MAKSURA
YEH = "\u064a"  # ARABIC LETTER YEH
ALEF_WASLA = "\u0671"  # ARABIC LETTER ALEF WASLA
ALEF_WAVY_HAMZA_ABOVE = "\u0672"  # ARABIC LETTER ALEF WITH WAVY HAMZA ABOVE
ALEF_WAVY_HAMZA_BELOW = "\u0673"  # ARABIC LETTER ALEF WITH WAVY HAMZA BELOW
KEHEH = "\u06a9"  # ARABIC LETTER KEHEH
SWASH_KAF = "\u06aa"  # ARABIC LETTER SWASH KAF
HEH_DOACHASHMEE = "\u06be"  # ARABIC LETTER HEH DOACHASHMEE
HEH_GOAL = "\u06c1"  # ARABIC LETTER HEH GOAL
TEH_MARBUTA_GOAL = "\u06c3"  # ARABIC LETTER TEH MARBUTA GOAL
FARSI_YEH = "\u06cc"  # ARABIC LETTER FARSI YEH
YEH_BARREE = "\u06d2"  # ARABIC LETTER YEH BARREE
AE = "\u06d5"  # ARABIC LETTER AE
HEH_YEH_ABOVE = "\u06c0"  # ARABIC LETTER HEH WITH YEH ABOVE
HEH_GOAL_HAMZA = "\u06c2"  # ARABIC LETTER HEH GOAL WITH HAMZA ABOVE
YEH_BARREE_HAMZA = "\u06d3"  # ARABIC LETTER YEH BARREE WITH HAMZA ABOVE

TATWEEL = "\u0640"  # ARABIC TATWEEL

ALEF_VARIANTS = frozenset(
    {
        ALEF_HAMZA_ABOVE,
        ALEF_HAMZA_BELOW,
        ALEF_MADDA,
        ALEF_WASLA,
        ALEF_WAVY_HAMZA_ABOVE,
        ALEF_WAVY_HAMZA_BELOW,
    }
)
"""Alef with a hamza, madda or wasla: all fold to a bare alef."""

# Persian and Urdu letters that look like an Arabic letter, and that letter.
VARIANT_LETTERS: dict[str, str] = {
    KEHEH: KAF,
    SWASH_KAF: KAF,
    FARSI_YEH: YEH,
    YEH_BARREE: YEH,
    HEH_GOAL: HEH,
    HEH_DOACHASHMEE: HEH,
    AE: HEH,
    TEH_MARBUTA_GOAL: TEH_MARBUTA,
}

# --- Marks -------------------------------------------------------------------

FATHATAN = "\u064b"  # ARABIC FATHATAN
DAMMATAN = "\u064c"  # ARABIC DAMMATAN
KASRATAN = "\u064d"  # ARABIC KASRATAN
FATHA = "\u064e"  # ARABIC FATHA
DAMMA = "\u064f"  # ARABIC DAMMA
KASRA = "\u0650"  # ARABIC KASRA
SHADDA = "\u0651"  # ARABIC SHADDA
SUKUN = "\u0652"  # ARABIC SUKUN
MADDA_ABOVE = "\u0653"  # ARABIC MADDAH ABOVE
HAMZA_ABOVE = "\u0654"  # ARABIC HAMZA ABOVE
HAMZA_BELOW = "\u0655"  # ARABIC HAMZA BELOW
SUPERSCRIPT_ALEF = "\u0670"  # ARABIC LETTER SUPERSCRIPT ALEF (the dagger alef)

# The other Arabic combining marks: Quranic annotation signs, small high
# letters, extended-Arabic tone and vowel marks.
OTHER_MARK_RANGES: tuple[Range, ...] = (
    (0x0610, 0x061A),  # ARABIC SIGN SALLALLAHOU ALAYHE WASSALLAM .. ARABIC SMALL KASRA
    (0x0656, 0x065F),  # ARABIC SUBSCRIPT ALEF .. ARABIC WAVY HAMZA BELOW
    # ARABIC SMALL HIGH LIGATURE SAD WITH LAM WITH ALEF MAKSURA .. ARABIC SMALL HIGH SEEN
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),  # ARABIC SMALL HIGH ROUNDED ZERO .. ARABIC SMALL HIGH MADDA
    (0x06E7, 0x06E8),  # ARABIC SMALL HIGH YEH .. ARABIC SMALL HIGH NOON
    (0x06EA, 0x06ED),  # ARABIC EMPTY CENTRE LOW STOP .. ARABIC SMALL LOW MEEM
    (0x08CA, 0x08E1),  # ARABIC SMALL HIGH FARSI YEH .. ARABIC SMALL HIGH SIGN SAFHA
    (0x08E3, 0x08FF),  # ARABIC TURNED DAMMA BELOW .. ARABIC MARK SIDEWAYS NOON GHUNNA
)
OTHER_MARKS = expand(*OTHER_MARK_RANGES)

# The marks a user can name in ``diacritics:keep=...``.
MARK_NAMES: dict[str, frozenset[str]] = {
    "fathatan": frozenset(FATHATAN),
    "dammatan": frozenset(DAMMATAN),
    "kasratan": frozenset(KASRATAN),
    "fatha": frozenset(FATHA),
    "damma": frozenset(DAMMA),
    "kasra": frozenset(KASRA),
    "shadda": frozenset(SHADDA),
    "sukun": frozenset(SUKUN),
    "dagger-alef": frozenset(SUPERSCRIPT_ALEF),
    "madda": frozenset(MADDA_ABOVE),
    "hamza-above": frozenset(HAMZA_ABOVE),
    "hamza-below": frozenset(HAMZA_BELOW),
    "tanwin": frozenset(FATHATAN + DAMMATAN + KASRATAN),
    "harakat": frozenset(FATHA + DAMMA + KASRA),
    "quranic": OTHER_MARKS,
}

HARAKAT_TANWIN_SHADDA_SUKUN = frozenset(
    FATHATAN + DAMMATAN + KASRATAN + FATHA + DAMMA + KASRA + SHADDA + SUKUN
)
DIACRITICS = (
    HARAKAT_TANWIN_SHADDA_SUKUN
    | {SUPERSCRIPT_ALEF, MADDA_ABOVE, HAMZA_ABOVE, HAMZA_BELOW}
    | OTHER_MARKS
)
"""Every mark the ``diacritics`` stage removes."""

COMBINING_HAMZA_MADDA = frozenset(MADDA_ABOVE + HAMZA_ABOVE + HAMZA_BELOW)

# A letter followed by a combining hamza or madda that Unicode composes into
# one letter (canonical composition).
HAMZA_COMPOSITIONS: dict[str, str] = {
    ALEF + MADDA_ABOVE: ALEF_MADDA,
    ALEF + HAMZA_ABOVE: ALEF_HAMZA_ABOVE,
    ALEF + HAMZA_BELOW: ALEF_HAMZA_BELOW,
    WAW + HAMZA_ABOVE: WAW_HAMZA,
    YEH + HAMZA_ABOVE: YEH_HAMZA,
    AE + HAMZA_ABOVE: HEH_YEH_ABOVE,
    HEH_GOAL + HAMZA_ABOVE: HEH_GOAL_HAMZA,
    YEH_BARREE + HAMZA_ABOVE: YEH_BARREE_HAMZA,
}

# --- Invisible characters ----------------------------------------------------

SOFT_HYPHEN = "\u00ad"  # SOFT HYPHEN
ARABIC_LETTER_MARK = "\u061c"  # ARABIC LETTER MARK
ZERO_WIDTH_SPACE = "\u200b"  # ZERO WIDTH SPACE
ZWNJ = "\u200c"  # ZERO WIDTH NON-JOINER
ZWJ = "\u200d"  # ZERO WIDTH JOINER
LRM = "\u200e"  # LEFT-TO-RIGHT MARK
RLM = "\u200f"  # RIGHT-TO-LEFT MARK
BIDI_EMBEDDING_RANGE: Range = (0x202A, 0x202E)  # LEFT-TO-RIGHT EMBEDDING .. RIGHT-TO-LEFT OVERRIDE
WORD_JOINER = "\u2060"  # WORD JOINER
BIDI_ISOLATE_RANGE: Range = (0x2066, 0x2069)  # LEFT-TO-RIGHT ISOLATE .. POP DIRECTIONAL ISOLATE
BOM = "\ufeff"  # ZERO WIDTH NO-BREAK SPACE (the byte order mark)

INVISIBLE = (
    frozenset({SOFT_HYPHEN, ARABIC_LETTER_MARK, ZERO_WIDTH_SPACE, LRM, RLM, WORD_JOINER, BOM})
    | expand(BIDI_EMBEDDING_RANGE)
    | expand(BIDI_ISOLATE_RANGE)
)
"""Characters that are never visible and never needed: always removed."""

JOINERS = frozenset({ZWNJ, ZWJ})

# --- Blocks ------------------------------------------------------------------

# The Arabic script blocks of the Basic Multilingual Plane, by block name.
ARABIC_BLOCKS: tuple[Range, ...] = (
    (0x0600, 0x06FF),  # block Arabic
    (0x0750, 0x077F),  # block Arabic Supplement
    (0x0870, 0x089F),  # block Arabic Extended-B
    (0x08A0, 0x08FF),  # block Arabic Extended-A
    (0xFB50, 0xFDFF),  # block Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # block Arabic Presentation Forms-B
)
ARABIC_BLOCK_CHARS = expand(*ARABIC_BLOCKS)

PRESENTATION_FORM_RANGES: tuple[Range, ...] = (
    (0xFB50, 0xFDFF),  # ARABIC LETTER ALEF WASLA ISOLATED FORM .. ARABIC LIGATURE AZZA WA JALL
    (0xFE70, 0xFEFF),  # ARABIC FATHATAN ISOLATED FORM .. ZERO WIDTH NO-BREAK SPACE
)

LIGATURE_SALLALLAHOU = "\ufdfa"  # ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM
LIGATURE_JALLAJALALOUHOU = "\ufdfb"  # ARABIC LIGATURE JALLAJALALOUHOU
LIGATURE_BISMILLAH = "\ufdfd"  # ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM
BISMILLAH_TEXT = "بسم الله الرحمن الرحيم"
"""What ﷽ reads; Unicode gives it no decomposition."""


def _is_word_char(c: str) -> bool:
    return unicodedata.category(c)[0] in "LM"


ARABIC_WORD_CHARS = frozenset(c for c in ARABIC_BLOCK_CHARS if _is_word_char(c))
"""Letters and marks of the Arabic blocks: what an Arabic word is made of."""

ARABIC_WORD_OR_FORM_CHARS = ARABIC_WORD_CHARS | frozenset(
    c for c in expand(*PRESENTATION_FORM_RANGES) if unicodedata.decomposition(c)
)
"""Arabic word characters and every presentation form that stands for letters.

Includes the RIAL SIGN ligature, a currency sign that the ``forms`` stage
spells out as a word.
"""

ARABIC_LETTERS = frozenset(c for c in ARABIC_BLOCK_CHARS if unicodedata.category(c) == "Lo")
"""Letters of the Arabic blocks (not tatweel, which is a modifier letter)."""

ARABIC_MARKS = frozenset(c for c in ARABIC_BLOCK_CHARS if unicodedata.category(c)[0] == "M")

# --- Digits ------------------------------------------------------------------

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # ARABIC-INDIC DIGIT ZERO .. NINE (U+0660..U+0669)
EXTENDED_ARABIC_INDIC_DIGITS = (
    "۰۱۲۳۴۵۶۷۸۹"  # EXTENDED ARABIC-INDIC DIGIT ZERO .. NINE (U+06F0..U+06F9)
)
ASCII_DIGITS = "0123456789"  # DIGIT ZERO .. DIGIT NINE

# --- Punctuation -------------------------------------------------------------

ARABIC_COMMA = "\u060c"  # ARABIC COMMA
ARABIC_SEMICOLON = "\u061b"  # ARABIC SEMICOLON
ARABIC_QUESTION_MARK = "\u061f"  # ARABIC QUESTION MARK
ARABIC_PERCENT_SIGN = "\u066a"  # ARABIC PERCENT SIGN
ARABIC_DECIMAL_SEPARATOR = "\u066b"  # ARABIC DECIMAL SEPARATOR
ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # ARABIC THOUSANDS SEPARATOR

ARABIC_PUNCTUATION: dict[str, str] = {
    ARABIC_COMMA: ",",
    ARABIC_SEMICOLON: ";",
    ARABIC_QUESTION_MARK: "?",
    ARABIC_PERCENT_SIGN: "%",
    ARABIC_DECIMAL_SEPARATOR: ".",
    ARABIC_THOUSANDS_SEPARATOR: ",",
}

# --- Quotation marks ---------------------------------------------------------

QUOTATION_MARK = '"'  # QUOTATION MARK
APOSTROPHE = "'"  # APOSTROPHE
LEFT_GUILLEMET = "\u00ab"  # LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
RIGHT_GUILLEMET = "\u00bb"  # RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
LEFT_DOUBLE_QUOTE = "\u201c"  # LEFT DOUBLE QUOTATION MARK
RIGHT_DOUBLE_QUOTE = "\u201d"  # RIGHT DOUBLE QUOTATION MARK
DOUBLE_LOW_9_QUOTE = "\u201e"  # DOUBLE LOW-9 QUOTATION MARK
DOUBLE_HIGH_REVERSED_9_QUOTE = "\u201f"  # DOUBLE HIGH-REVERSED-9 QUOTATION MARK
DOUBLE_PRIME = "\u2033"  # DOUBLE PRIME
FULLWIDTH_QUOTATION_MARK = "\uff02"  # FULLWIDTH QUOTATION MARK
REVERSED_DOUBLE_PRIME_QUOTE = "\u301d"  # REVERSED DOUBLE PRIME QUOTATION MARK
DOUBLE_PRIME_QUOTE = "\u301e"  # DOUBLE PRIME QUOTATION MARK
LEFT_SINGLE_QUOTE = "\u2018"  # LEFT SINGLE QUOTATION MARK
RIGHT_SINGLE_QUOTE = "\u2019"  # RIGHT SINGLE QUOTATION MARK
SINGLE_LOW_9_QUOTE = "\u201a"  # SINGLE LOW-9 QUOTATION MARK
SINGLE_HIGH_REVERSED_9_QUOTE = "\u201b"  # SINGLE HIGH-REVERSED-9 QUOTATION MARK
LEFT_SINGLE_GUILLEMET = "\u2039"  # SINGLE LEFT-POINTING ANGLE QUOTATION MARK
RIGHT_SINGLE_GUILLEMET = "\u203a"  # SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
PRIME = "\u2032"  # PRIME

DOUBLE_QUOTES = frozenset(
    {
        LEFT_DOUBLE_QUOTE,
        RIGHT_DOUBLE_QUOTE,
        DOUBLE_LOW_9_QUOTE,
        DOUBLE_HIGH_REVERSED_9_QUOTE,
        LEFT_GUILLEMET,
        RIGHT_GUILLEMET,
        DOUBLE_PRIME,
        FULLWIDTH_QUOTATION_MARK,
        REVERSED_DOUBLE_PRIME_QUOTE,
        DOUBLE_PRIME_QUOTE,
    }
)
SINGLE_QUOTES = frozenset(
    {
        LEFT_SINGLE_QUOTE,
        RIGHT_SINGLE_QUOTE,
        SINGLE_LOW_9_QUOTE,
        SINGLE_HIGH_REVERSED_9_QUOTE,
        LEFT_SINGLE_GUILLEMET,
        RIGHT_SINGLE_GUILLEMET,
        PRIME,
    }
)

# --- Spaces and line ends ----------------------------------------------------

CHARACTER_TABULATION = "\t"  # CHARACTER TABULATION
LINE_FEED = "\n"  # LINE FEED (LF)
CARRIAGE_RETURN = "\r"  # CARRIAGE RETURN (CR)
SPACE = " "  # SPACE
SPACE_SEPARATORS = frozenset(
    {
        SPACE,
        "\u00a0",  # NO-BREAK SPACE
        "\u1680",  # OGHAM SPACE MARK
        *expand((0x2000, 0x200A)),  # EN QUAD .. HAIR SPACE
        "\u202f",  # NARROW NO-BREAK SPACE
        "\u205f",  # MEDIUM MATHEMATICAL SPACE
        "\u3000",  # IDEOGRAPHIC SPACE
    }
)
"""Every character of Unicode category Zs."""

STR_WHITESPACE_RANGES: tuple[Range, ...] = (
    (0x0009, 0x000D),  # CHARACTER TABULATION .. CARRIAGE RETURN
    (0x001C, 0x001F),  # INFORMATION SEPARATOR FOUR .. INFORMATION SEPARATOR ONE
    (0x2028, 0x2029),  # LINE SEPARATOR .. PARAGRAPH SEPARATOR
)
NEXT_LINE = "\u0085"  # NEXT LINE (NEL)
STR_WHITESPACE = SPACE_SEPARATORS | expand(*STR_WHITESPACE_RANGES) | {NEXT_LINE}
"""What Python's ``str.isspace()`` and the ``re`` module's ``\\s`` call whitespace.

CAMeL Tools' transliterator ends a marked token at the first of these.
"""


def _escape(cp: int) -> str:
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def char_class(chars: frozenset[str] | set[str] | str, *, negate: bool = False) -> str:
    """A ``regex`` character class matching exactly ``chars`` (or, negated, all others).

    Consecutive code points are written as ranges so the class stays short.
    """
    cps = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        first, last = cps[i], cps[j]
        parts.append(_escape(first) if first == last else f"{_escape(first)}-{_escape(last)}")
        i = j + 1
    if not parts:
        return r"[\s\S]" if negate else "(?!)"
    return ("[^" if negate else "[") + "".join(parts) + "]"


# --- Used by the tokenizer ---------------------------------------------------

BEH = "\u0628"  # ARABIC LETTER BEH
FEH = "\u0641"  # ARABIC LETTER FEH
LAM = "\u0644"  # ARABIC LETTER LAM
ARABIC_FULL_STOP = "\u06d4"  # ARABIC FULL STOP
HORIZONTAL_ELLIPSIS = "\u2026"  # HORIZONTAL ELLIPSIS
VARIATION_SELECTOR_16 = "\ufe0f"  # VARIATION SELECTOR-16
COMBINING_ENCLOSING_KEYCAP = "\u20e3"  # COMBINING ENCLOSING KEYCAP
TAG_SPACE = "\U000e0020"  # TAG SPACE
TAG_TILDE = "\U000e007e"  # TAG TILDE
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


# --- Used by the clitic segmenter (arabnorm.clitics) ---------------------------

TEH = "\u062a"  # ARABIC LETTER TEH
DAL = "\u062f"  # ARABIC LETTER DAL
SEEN = "\u0633"  # ARABIC LETTER SEEN
AIN = "\u0639"  # ARABIC LETTER AIN
MEEM = "\u0645"  # ARABIC LETTER MEEM
NOON = "\u0646"  # ARABIC LETTER NOON

BASIC_LETTER_RANGES: tuple[Range, ...] = (
    (0x0621, 0x063F),  # ARABIC LETTER HAMZA .. ARABIC LETTER FARSI YEH WITH THREE DOTS ABOVE
    (0x0641, 0x064A),  # ARABIC LETTER FEH .. ARABIC LETTER YEH
)
BASIC_LETTERS = expand(*BASIC_LETTER_RANGES)
"""The letters of the basic Arabic range (tatweel, between the two, is not one)."""

CLITIC_IGNORED_MARK_RANGES: tuple[Range, ...] = (
    (0x064B, 0x065F),  # ARABIC FATHATAN .. ARABIC WAVY HAMZA BELOW
)
CLITIC_IGNORED_MARKS = expand(*CLITIC_IGNORED_MARK_RANGES) | {SUPERSCRIPT_ALEF, TATWEEL}
"""What the clitic segmenter skips when it looks a word up: harakat, tanween,
shadda, sukun, the other combining marks of the block, dagger alef, tatweel."""


# --- Audit categories --------------------------------------------------------

TTEH = "\u0679"  # ARABIC LETTER TTEH
PEH = "\u067e"  # ARABIC LETTER PEH
TCHEH = "\u0686"  # ARABIC LETTER TCHEH
DDAL = "\u0688"  # ARABIC LETTER DDAL
RREH = "\u0691"  # ARABIC LETTER RREH
JEH = "\u0698"  # ARABIC LETTER JEH
GAF = "\u06af"  # ARABIC LETTER GAF
NOON_GHUNNA = "\u06ba"  # ARABIC LETTER NOON GHUNNA

PERSIAN_URDU_LETTERS = frozenset(
    {TTEH, PEH, TCHEH, DDAL, RREH, JEH, GAF, NOON_GHUNNA, *VARIANT_LETTERS}
)
"""Letters of Persian and Urdu that standard Arabic does not use."""

PRESENTATION_FORMS = expand(*PRESENTATION_FORM_RANGES) - {BOM}
"""Arabic presentation forms; the BOM at the end of block B counts as invisible."""

LATIN_LETTER_RANGES: tuple[Range, ...] = (
    (0x0041, 0x005A),  # LATIN CAPITAL LETTER A .. LATIN CAPITAL LETTER Z
    (0x0061, 0x007A),  # LATIN SMALL LETTER A .. LATIN SMALL LETTER Z
    (0x00C0, 0x00D6),  # LATIN CAPITAL LETTER A WITH GRAVE .. LATIN CAPITAL LETTER O WITH DIAERESIS
    (0x00D8, 0x00F6),  # LATIN CAPITAL LETTER O WITH STROKE .. LATIN SMALL LETTER O WITH DIAERESIS
    (0x00F8, 0x024F),  # LATIN SMALL LETTER O WITH STROKE .. LATIN SMALL LETTER Y WITH STROKE
)
LATIN_LETTERS = expand(*LATIN_LETTER_RANGES)
"""Basic Latin, Latin-1, Latin Extended-A and -B letters (not x or ÷ signs)."""

DOTTED_CIRCLE = "\u25cc"  # DOTTED CIRCLE
"""The base on which a combining mark is shown alone."""

ASCII_LETTERS = expand((0x0041, 0x005A), (0x0061, 0x007A))  # A .. Z, a .. z
WORD_EDGE = BASIC_LETTERS | ASCII_LETTERS | frozenset(ASCII_DIGITS + ARABIC_INDIC_DIGITS)
"""Letters and digits that mark a word boundary on either side of a space.

A space with one of these on each side is where a very long line may be
cut: stages that work within words (``Step.word_local``) give the same
result on the parts as on the whole.
"""


# --- Damaged text: mojibake ----------------------------------------------------

MOJIBAKE_CODE_PAGES = ("cp1256", "cp1252", "latin-1")
"""Code pages that UTF-8 is commonly misread as: windows-1256, windows-1252, ISO-8859-1."""


def _high_half(codec: str) -> dict[str, int]:
    """Each character the bytes 0x80-0xFF of ``codec`` decode to, and its byte.

    A byte the code page leaves undefined reads as the C1 control of the same
    number, as web browsers (and ftfy's "sloppy" codecs) decode windows-1252.
    """
    found: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            char = chr(byte)
        found[char] = byte
    return found


def _mojibake_bytes() -> dict[str, int]:
    found: dict[str, int] = {}
    for codec in MOJIBAKE_CODE_PAGES:
        for char, byte in _high_half(codec).items():
            if found.setdefault(char, byte) != byte:
                raise ValueError(f"{char!r} is byte {found[char]:#x} and {byte:#x}")
    return found


MOJIBAKE_BYTES: dict[str, int] = _mojibake_bytes()
"""Every character a byte 0x80-0xFF becomes in one of ``MOJIBAKE_CODE_PAGES``, and that byte.

No character stands for two different bytes in these pages (windows-1256
keeps the French letters and the symbols of Latin-1 at their Latin-1 bytes),
so one table turns any of them back into bytes.
"""

CP1256_ONLY = (
    frozenset(_high_half("cp1256"))
    - frozenset(_high_half("cp1252"))
    - frozenset(_high_half("latin-1"))
)
"""Characters of windows-1256's upper half that windows-1252 and Latin-1 do not have."""

UTF8_CONTINUATION_BYTES = range(0x80, 0xC0)
UTF8_LEAD_BYTES_2 = range(0xC2, 0xE0)
UTF8_LEAD_BYTES_3 = range(0xE0, 0xF0)
UTF8_LEAD_BYTES_4 = range(0xF0, 0xF5)
UTF8_ARABIC_LEAD_BYTES = range(0xD8, 0xDC)
"""Lead bytes of the UTF-8 encoding of U+0600-U+06FF, the Arabic block."""

MOJIBAKE_SHORT_HAH = bytes([0xD8])
"""What is left of ح (D8 AD) once a later clean-up removed its soft hyphen (byte AD)."""
MOJIBAKE_SHORT_QUOTE = bytes([0xE2, 0x80])
"""What is left of ” (E2 80 9D) once its ZWNJ or C1 control (byte 9D) was removed."""

# What mojibake may decode to: the scripts and symbols a damaged run was
# plausibly written in. CJK, Hangul, private use and controls are not in it.
PLAUSIBLE_ARABIC_RANGES: tuple[Range, ...] = (
    (0x060C, 0x060C),  # ARABIC COMMA .. ARABIC COMMA
    (0x061B, 0x061B),  # ARABIC SEMICOLON .. ARABIC SEMICOLON
    (0x061F, 0x063A),  # ARABIC QUESTION MARK .. ARABIC LETTER GHAIN
    (0x0640, 0x0655),  # ARABIC TATWEEL .. ARABIC HAMZA BELOW
    (0x0660, 0x066D),  # ARABIC-INDIC DIGIT ZERO .. ARABIC FIVE POINTED STAR
    (0x0670, 0x06D5),  # ARABIC LETTER SUPERSCRIPT ALEF .. ARABIC LETTER AE
    (0x06F0, 0x06F9),  # EXTENDED ARABIC-INDIC DIGIT ZERO .. EXTENDED ARABIC-INDIC DIGIT NINE
    *PRESENTATION_FORM_RANGES,
)
PLAUSIBLE_LATIN_RANGES: tuple[Range, ...] = (
    (0x00C0, 0x00D6),  # LATIN CAPITAL LETTER A WITH GRAVE .. LATIN CAPITAL LETTER O WITH DIAERESIS
    (0x00D8, 0x00F6),  # LATIN CAPITAL LETTER O WITH STROKE .. LATIN SMALL LETTER O WITH DIAERESIS
    (0x00F8, 0x017F),  # LATIN SMALL LETTER O WITH STROKE .. LATIN SMALL LETTER LONG S
    (0x01A0, 0x01A1),  # LATIN CAPITAL LETTER O WITH HORN .. LATIN SMALL LETTER O WITH HORN
    (0x01AF, 0x01B0),  # LATIN CAPITAL LETTER U WITH HORN .. LATIN SMALL LETTER U WITH HORN
    (0x1D00, 0x1DBF),  # LATIN LETTER SMALL CAPITAL A .. MODIFIER LETTER SMALL THETA
    (0x1E00, 0x1EFF),  # LATIN CAPITAL LETTER A WITH RING BELOW .. LATIN SMALL LETTER Y WITH LOOP
)
RARE_LATIN_RANGES: tuple[Range, ...] = (
    (
        0x01CD,
        0x01DC,
    ),  # LATIN CAPITAL LETTER A WITH CARON .. LATIN SMALL LETTER U WITH DIAERESIS AND GRAVE
    (
        0x0218,
        0x021B,
    ),  # LATIN CAPITAL LETTER S WITH COMMA BELOW .. LATIN SMALL LETTER T WITH COMMA BELOW
)
"""Pinyin and Romanian letters: plausible from windows-1252 damage, not from windows-1256,
where Urdu بڑا followed by a quotation mark would otherwise read as Țǔ."""
PLAUSIBLE_OTHER_LETTER_RANGES: tuple[Range, ...] = (
    (
        0x0386,
        0x03CE,
    ),  # GREEK CAPITAL LETTER ALPHA WITH TONOS .. GREEK SMALL LETTER OMEGA WITH TONOS
    (0x0400, 0x045F),  # CYRILLIC CAPITAL LETTER IE WITH GRAVE .. CYRILLIC SMALL LETTER DZHE
    (0x05D0, 0x05EA),  # HEBREW LETTER ALEF .. HEBREW LETTER TAV
)
PLAUSIBLE_SYMBOL_RANGES: tuple[Range, ...] = (
    (0x00A0, 0x00BF),  # NO-BREAK SPACE .. INVERTED QUESTION MARK
    (0x00D7, 0x00D7),  # MULTIPLICATION SIGN .. MULTIPLICATION SIGN
    (0x00F7, 0x00F7),  # DIVISION SIGN .. DIVISION SIGN
    (0x0300, 0x036F),  # COMBINING GRAVE ACCENT .. COMBINING LATIN SMALL LETTER X
    (0x2000, 0x206F),  # EN QUAD .. NOMINAL DIGIT SHAPES
    (0x20A0, 0x20C0),  # EURO-CURRENCY SIGN .. SOM SIGN
    (0x2100, 0x214F),  # ACCOUNT OF .. SYMBOL FOR SAMARITAN SOURCE
    (0x2190, 0x21FF),  # LEFTWARDS ARROW .. LEFT RIGHT OPEN-HEADED ARROW
    (0x2600, 0x27BF),  # BLACK SUN WITH RAYS .. DOUBLE CURLY LOOP
    (0xFE00, 0xFE0F),  # VARIATION SELECTOR-1 .. VARIATION SELECTOR-16
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE .. ZERO WIDTH NO-BREAK SPACE
    (0x1F300, 0x1F9FF),  # CYCLONE .. NAZAR AMULET
)
PLAUSIBLE_ARABIC = expand(*PLAUSIBLE_ARABIC_RANGES)
PLAUSIBLE_LATIN = expand(*PLAUSIBLE_LATIN_RANGES)
RARE_LATIN = expand(*RARE_LATIN_RANGES)
PLAUSIBLE_OTHER_LETTERS = expand(*PLAUSIBLE_OTHER_LETTER_RANGES)
PLAUSIBLE_SYMBOLS = expand(*PLAUSIBLE_SYMBOL_RANGES)

# --- Reading other code pages: what a right reading looks like ------------------

BULLET = "\u2022"  # BULLET
ARABIC_TEXT_PUNCTUATION = frozenset(
    {
        ARABIC_COMMA,
        ARABIC_SEMICOLON,
        ARABIC_QUESTION_MARK,
        ARABIC_PERCENT_SIGN,
        LEFT_GUILLEMET,
        RIGHT_GUILLEMET,
        HORIZONTAL_ELLIPSIS,
        BULLET,
    }
)
"""Punctuation Arabic prose uses, beside ASCII punctuation, quotes and dashes."""

BOX_DRAWING_RANGE: Range = (
    0x2500,
    0x259F,
)  # BOX DRAWINGS LIGHT HORIZONTAL .. QUADRANT UPPER RIGHT AND LOWER LEFT AND LOWER RIGHT
BOX_DRAWING_AND_BLOCKS = expand(BOX_DRAWING_RANGE)
"""Box drawing and block elements: what Arabic letters of other pages become in CP720."""

# --- Visual order: the bidirectional algorithm's brackets and mirrors -------------

LEFT_PARENTHESIS = "("  # LEFT PARENTHESIS
RIGHT_PARENTHESIS = ")"  # RIGHT PARENTHESIS
LEFT_SQUARE_BRACKET = "["  # LEFT SQUARE BRACKET
RIGHT_SQUARE_BRACKET = "]"  # RIGHT SQUARE BRACKET
LEFT_CURLY_BRACKET = "{"  # LEFT CURLY BRACKET
RIGHT_CURLY_BRACKET = "}"  # RIGHT CURLY BRACKET
LESS_THAN_SIGN = "<"  # LESS-THAN SIGN
GREATER_THAN_SIGN = ">"  # GREATER-THAN SIGN
LESS_THAN_OR_EQUAL_TO = "\u2264"  # LESS-THAN OR EQUAL TO
GREATER_THAN_OR_EQUAL_TO = "\u2265"  # GREATER-THAN OR EQUAL TO

BIDI_BRACKETS: dict[str, str] = {
    LEFT_PARENTHESIS: RIGHT_PARENTHESIS,
    LEFT_SQUARE_BRACKET: RIGHT_SQUARE_BRACKET,
    LEFT_CURLY_BRACKET: RIGHT_CURLY_BRACKET,
}
"""Opening bracket -> closing bracket, the pairs rule N0 of the bidi algorithm resolves."""

MIRROR_PAIRS: tuple[tuple[str, str], ...] = (
    *BIDI_BRACKETS.items(),
    (LESS_THAN_SIGN, GREATER_THAN_SIGN),
    (LEFT_GUILLEMET, RIGHT_GUILLEMET),
    (LEFT_SINGLE_GUILLEMET, RIGHT_SINGLE_GUILLEMET),
    (LESS_THAN_OR_EQUAL_TO, GREATER_THAN_OR_EQUAL_TO),
)
MIRRORS: dict[str, str] = {a: b for pair in MIRROR_PAIRS for a, b in (pair, pair[::-1])}
"""Characters drawn as their mirror image in right-to-left text (rule L4), both ways."""

LAM_ALEF_ALEFS = frozenset({ALEF, ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW, ALEF_MADDA})
"""The alefs that join a preceding lam into one lam-alef ligature glyph."""
SENTENCE_END_PUNCTUATION = frozenset(
    {".", "!", ":", ARABIC_COMMA, ARABIC_SEMICOLON, ARABIC_QUESTION_MARK, HORIZONTAL_ELLIPSIS}
)
"""Marks that end a sentence or clause: at the start of a line, a sign of visual order."""
NEVER_WORD_INITIAL = frozenset({TEH_MARBUTA, ALEF_MAKSURA})
"""Letters that end Arabic words and never start one."""
# --- Lucene's Arabic and Persian normalizers ------------------------------------

LUCENE_ALEFS = frozenset({ALEF_MADDA, ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW})
"""What Lucene's ArabicNormalizer writes as a bare alef (not wasla nor wavy hamza)."""
LUCENE_DELETED = HARAKAT_TANWIN_SHADDA_SUKUN | {TATWEEL}
"""What Lucene's ArabicNormalizer deletes: U+064B..U+0652 and tatweel."""
PERSIAN_YEHS = frozenset({FARSI_YEH, YEH_BARREE})
"""What Lucene's PersianNormalizer writes as Arabic yeh."""
PERSIAN_HEHS = frozenset({HEH_YEH_ABOVE, HEH_GOAL})
"""What Lucene's PersianNormalizer writes as heh."""


@lru_cache(maxsize=1)
def decimal_digits() -> frozenset[str]:
    """Every decimal digit (``str.isdecimal``, category Nd: what Python's ``re`` reads as
    ``\\d``), built when first asked for. Unicode has them all in its first two planes."""
    import re
    from array import array

    planes = array("I", range(0x20000)).tobytes().decode("utf-32-le", "surrogatepass")
    return frozenset(re.findall(r"\d", planes))
