"""Every Arabic code point and code point set arabnorm uses, named once.

This is the only module that spells code points. Each constant carries its
Unicode name; tests check every one against ``unicodedata``.
"""

from __future__ import annotations

TATWEEL = "\u0640"  # ARABIC TATWEEL
