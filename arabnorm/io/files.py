"""Opening inputs and writing outputs safely.

``atomic_write`` is how every file arabnorm writes comes into being: the
data goes to a temporary file in the same directory, which replaces the
target only once everything was written. On any failure (bad input bytes,
Ctrl-C, a full disk) the target is untouched and the temporary file removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from arabnorm.errors import FileAccessError

STDIN_NAMES = ("-",)


def describe_os_error(path: str | os.PathLike[str], exc: OSError) -> str:
    """A short reason for an OS error, without Python's exception decoration."""
    reason = exc.strerror or exc.__class__.__name__
    return f"{os.fspath(path)}: {reason.lower() if reason[0].isupper() else reason}"


@contextlib.contextmanager
def open_input(path: str) -> Iterator[BinaryIO]:
    """Open ``path`` for binary reading; ``-`` is standard input.

    Raises ``FileAccessError`` naming the file for missing, unreadable or
    directory paths.
    """
    if path in STDIN_NAMES:
        yield sys.stdin.buffer
        return
    if os.path.isdir(path):
        raise FileAccessError(f"{path}: is a directory")
    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise FileAccessError(describe_os_error(path, exc)) from None
    with stream:
        yield stream


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], like: str | None = None, durable: bool = True
) -> Iterator[BinaryIO]:
    """Write ``path`` through a temporary file renamed into place on success.

    The new file gets the permission bits of ``like`` (the file being
    rewritten in place), or of the existing ``path``, or the default for a
    new file under the current umask. With ``durable`` (the default, and
    always for ``--in-place``) the data is flushed to disk before the rename,
    so even a power cut cannot leave an empty file where the original was;
    outputs that replace nothing precious may skip that wait.
    """
    target = Path(path)
    directory = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=directory, prefix=f".{target.name}.", suffix=".arabnorm-tmp"
        )
    except OSError as exc:
        raise FileAccessError(describe_os_error(target, exc)) from None
    tmp = Path(tmp_name)
    try:
        mode = _mode_for(target, like)
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _mode_for(target: Path, like: str | None) -> int:
    for candidate in (like, target):
        if candidate is None:
            continue
        try:
            return stat.S_IMODE(os.stat(candidate).st_mode)
        except OSError:
            continue
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
