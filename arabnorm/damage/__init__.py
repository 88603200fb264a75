"""Damaged text: what arrives broken before anyone normalizes it.

- ``model``: how Arabic letters follow one another, and common words (shipped
  data), so that the other modules can tell Arabic from noise;
- ``mojibake``: UTF-8 read as windows-1256, windows-1252 or Latin-1, found
  and repaired one damaged run at a time (the ``mojibake`` stage);
- ``bidi`` and ``visual``: lines that a PDF extractor wrote in visual order,
  found and put back in logical order (the ``visual`` stage).

Reading files in other code pages is ``arabnorm.io.encoding``.
"""
