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

# UTF-8 Arabic (lead bytes 0xD8-0xDB, for U+0600-U+06FF) read as a single-byte
# code page: each lead byte and each continuation byte 0x80-0xBF becomes one
# character of that code page. Mojibake is a run of lead + continuation pairs.
_UTF8_ARABIC_LEADS = bytes(range(0xD8, 0xDC))
_UTF8_CONTINUATIONS = bytes(range(0x80, 0xC0))
MOJIBAKE_CP1256_LEADS = frozenset(_UTF8_ARABIC_LEADS.decode("cp1256"))
MOJIBAKE_CP1256_CONTINUATIONS = frozenset(_UTF8_CONTINUATIONS.decode("cp1256"))
MOJIBAKE_LATIN1_LEADS = frozenset(_UTF8_ARABIC_LEADS.decode("latin-1"))
MOJIBAKE_LATIN1_CONTINUATIONS = frozenset(
    _UTF8_CONTINUATIONS.decode("latin-1") + _UTF8_CONTINUATIONS.decode("cp1252", "ignore")
)
"""Latin-1 keeps 0x80-0x9F as C1 controls, cp1252 (its common stand-in) as € ‚ … ™."""

DOTTED_CIRCLE = "\u25cc"  # DOTTED CIRCLE
"""The base on which a combining mark is shown alone."""

ASCII_LETTERS = expand((0x0041, 0x005A), (0x0061, 0x007A))  # A .. Z, a .. z
WORD_EDGE = BASIC_LETTERS | ASCII_LETTERS | frozenset(ASCII_DIGITS + ARABIC_INDIC_DIGITS)
"""Letters and digits that mark a word boundary on either side of a space.

A space with one of these on each side is where a very long line may be
cut: stages that work within words (``Step.word_local``) give the same
result on the parts as on the whole.
"""
