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
from collections.abc import Iterator
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
    target = os.fspath(path)
    try:
        fd, tmp = _temporary(target)
    except OSError as exc:
        raise FileAccessError(describe_os_error(target, exc)) from None
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
            os.unlink(tmp)
        raise


def _temporary(target: str) -> tuple[int, str]:
    """Create a new, empty, private file beside ``target``: ``(descriptor, name)``.

    Like ``tempfile.mkstemp`` (exclusive creation, mode 0600, a random name),
    without importing ``tempfile``, whose imports cost more start-up time than
    a whole small run.
    """
    directory, name = os.path.split(target)
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(directory, f".{name}.{os.urandom(6).hex()}.arabnorm-tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"{target}: no free temporary name")


def _mode_for(target: str, like: str | None) -> int:
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
