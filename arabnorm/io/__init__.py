"""Reading and writing: encoding policy, blocks of whole lines, atomic output.

Stages never see files, encodings or line terminators as such: readers cut
input into blocks of whole lines, writers put the results back byte for byte
where no stage changed anything.
"""

from arabnorm.io.files import atomic_write, open_input
from arabnorm.io.text import ERROR_POLICIES, TextStats, iter_text_blocks, process_text

__all__ = [
    "ERROR_POLICIES",
    "TextStats",
    "atomic_write",
    "iter_text_blocks",
    "open_input",
    "process_text",
]
