"""The ``camel`` stage: CAMeL Tools' cleaning and normalization chain, reproduced.

CAMeL Tools 1.6.0 users typically run ``CharMapper.builtin_mapper('arclean')``
then ``dediac_ar``, ``normalize_alef_ar``, ``normalize_alef_maksura_ar`` and
``normalize_teh_marbuta_ar``. Every one of these works character by
character, so the chain is one table: each character's arclean replacement,
passed through the four later functions. The arclean map deletes every
character it does not name; that default is a separate step (a rule
deleting runs of unnamed characters), since a table can only list the
characters it changes.

The arclean map ships as ``arabnorm/data/camel_arclean.tsv`` (MIT, with its
attribution). CAMeL Tools is not imported.
"""

from __future__ import annotations

from collections.abc import Sequence

from arabnorm import chars
from arabnorm.charmaps import char_map
from arabnorm.stages import register
from arabnorm.stages.base import Example, KeepOnly, Stage, Step, Table

DATA_FILE = "camel_arclean.tsv"

# What the four functions after arclean change (camel_tools.utils.dediac and
# camel_tools.utils.normalize, version 1.6.0).
DEDIAC_AR = chars.HARAKAT_TANWIN_SHADDA_SUKUN | {chars.SUPERSCRIPT_ALEF}
NORMALIZE_ALEF_AR = frozenset(
    {chars.ALEF_HAMZA_BELOW, chars.ALEF_HAMZA_ABOVE, chars.ALEF_WASLA, chars.ALEF_MADDA}
)


def arclean_map() -> tuple[dict[int, str], str | None]:
    """The arclean map expanded to single code points, and its default.

    Returns ``(mapping, default)``: ``mapping`` gives every named code
    point its replacement (itself when the map keeps it); ``default`` is
    what an unnamed character becomes (``None``: itself).
    """
    found = char_map(DATA_FILE)
    return found.mapping, found.default


def _after_arclean(s: str) -> str:
    """dediac_ar, normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar."""
    s = "".join(c for c in s if c not in DEDIAC_AR)
    s = "".join(chars.ALEF if c in NORMALIZE_ALEF_AR else c for c in s)
    s = s.replace(chars.ALEF_MAKSURA, chars.YEH)
    return s.replace(chars.TEH_MARBUTA, chars.HEH)


@register
class Camel(Stage):
    """Reproduce CAMeL Tools' usual cleaning chain, byte for byte.

    For comparing with, or replacing, pipelines built on CAMeL Tools 1.6.0:
    the ``arclean`` character map (deletes what it does not know, maps Persian
    and presentation-form letters, spaces, dashes and digits) followed by
    ``dediac_ar``, ``normalize_alef_ar``, ``normalize_alef_maksura_ar`` and
    ``normalize_teh_marbuta_ar``: ``«مُدرسةٌ» على ١٢`` becomes
    ``"مدرسه" علي 12``. Emoji, and any character outside the map, are
    deleted, as CAMeL Tools does.
    """

    name = "camel"
    summary = "CAMeL Tools 1.6.0 arclean + dediac + alef/maksura/teh normalizers"
    lossy = True
    folds = True
    # arclean maps REVERSED PILCROW SIGN to PILCROW SIGN, which it deletes.
    idempotent = False
    examples = (Example("«مُدرسةٌ» على ١٢😀", '"مدرسه" علي 12'),)

    def build_steps(self) -> Sequence[Step]:
        mapping, default = arclean_map()
        table = Table({cp: _after_arclean(v) for cp, v in mapping.items()})
        if default is None:
            return [table]
        if default != "":
            raise ValueError(f"{DATA_FILE}: only 'keep' or 'delete' is supported as default")
        return [KeepOnly({chr(cp) for cp in mapping}), table]
