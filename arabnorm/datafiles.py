"""The data files shipped in ``arabnorm/data`` (character maps, tables, word lists)."""

from __future__ import annotations

import os


def read_data(name: str) -> str:
    """The text of a data file shipped in ``arabnorm/data``.

    Read straight from the package directory; ``importlib.resources`` (which
    also works from a zip file) only when that fails, as importing it costs
    several milliseconds of start-up.
    """
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", name)
    try:
        with open(here, encoding="utf-8") as f:
            return f.read()
    except OSError:
        from importlib.resources import files

        return files("arabnorm").joinpath("data", name).read_text(encoding="utf-8")
