"""Typed errors raised by the library.

The library never prints and never exits. The CLI turns each error into one
line on stderr and the exit code named here, so scripts can tell failures
apart:

    0  success
    1  bad input data (undecodable bytes, invalid JSON, a record it cannot read)
    2  bad usage (unknown stage or parameter, bad option, bad config file)
    3  a file could not be read or written (missing, permission, disk full)
    130 interrupted (Ctrl-C)
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_IO = 3
EXIT_INTERRUPTED = 130


class ArabnormError(Exception):
    """Base of every error arabnorm raises on purpose."""

    exit_code = EXIT_DATA


class SpecError(ArabnormError, ValueError):
    """A pipeline spec names an unknown stage, parameter or value."""

    exit_code = EXIT_USAGE


class UsageError(ArabnormError, ValueError):
    """Options that cannot be used together, or an input/output mix-up."""

    exit_code = EXIT_USAGE


class ConfigError(ArabnormError, ValueError):
    """A config file cannot be read or has a bad key."""

    exit_code = EXIT_USAGE


class InputError(ArabnormError):
    """Input data cannot be processed: names the source, line and problem."""

    exit_code = EXIT_DATA

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:
        # Errors raised in worker processes travel back by pickling.
        return (type(self), (self.source, self.line, self.problem))

    def at_line(self, line: int) -> InputError:
        """The same error, at ``line`` (a worker counted lines from its block's start)."""
        kind, args = self.__reduce__()[:2]
        assert isinstance(args, tuple)
        return kind(args[0], line, *args[2:])  # type: ignore[no-any-return, operator]


class DecodeError(InputError):
    """Bytes that cannot be decoded, with the file, line and byte offset.

    ``encoding`` is the encoding being read (UTF-8 unless ``--encoding``
    said otherwise); ``hint`` says what to do about it (for UTF-8, what the
    bytes look like and the option to pass).
    """

    def __init__(
        self,
        source: str,
        line: int,
        offset: int,
        bad: bytes,
        encoding: str = "utf-8",
        hint: str | None = None,
    ) -> None:
        self.offset = offset
        self.bad = bad
        self.encoding = encoding
        self.hint = hint
        if hint is None:
            hint = "use --errors surrogateescape to pass such bytes through, or --errors replace"
        what = "UTF-8" if encoding in ("utf-8", "") else encoding
        super().__init__(
            source,
            line,
            f"invalid {what} byte 0x{bad[:1].hex()} at byte offset {offset}; {hint}",
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            type(self),
            (self.source, self.line, self.offset, self.bad, self.encoding, self.hint),
        )


class FileAccessError(ArabnormError, OSError):
    """A file cannot be opened, read or written."""

    exit_code = EXIT_IO


class MissingResourceError(ArabnormError, RuntimeError):
    """An optional resource (a package or a data file) a feature needs is missing.

    The message names the feature and the command that installs what is
    missing, e.g. ``pip install 'arabnorm[clitics]'``.
    """

    exit_code = EXIT_USAGE
