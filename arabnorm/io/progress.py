"""Progress on stderr while a long run goes, and a one-line summary after it.

By default (``enabled=None``) the bar appears only when stderr is a terminal
and the run has already taken more than a second, so short runs and piped
runs print nothing. ``enabled=True`` shows it regardless; ``False`` never.
The bar counts input bytes (compressed bytes for compressed files, so it
reaches 100% with the file), files done, MB/s and time left.

>>> summary_line(RunStats(files=2, lines=10, bytes_in=3_000_000, bytes_out=2_900_000), 1.5)
'2 files, 10 lines, 3.0 MB in, 2.9 MB out, 1.50 s, 2.0 MB/s'
"""

from __future__ import annotations

import sys
import time
from typing import Any

from arabnorm.io.runner import RunStats

DELAY = 1.0


class Progress:
    """A rich progress bar over input bytes and files, shown only when useful."""

    def __init__(self, total_bytes: int | None, total_files: int, enabled: bool | None) -> None:
        self.total_bytes = total_bytes
        self.total_files = total_files
        if enabled is None:
            enabled = sys.stderr.isatty()
            self._delay = DELAY
        else:
            self._delay = 0.0
        self.enabled = enabled
        self._start = time.monotonic()
        self._bar: Any = None
        self._task: Any = None
        self._done_bytes = 0
        self._done_files = 0
        self._name = ""

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[files]}"),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._bar.add_task(
            self._name,
            total=self.total_bytes,
            completed=self._done_bytes,
            files=self._files_text(),
        )
        self._bar.start()

    def _files_text(self) -> str:
        return f"{self._done_files}/{self.total_files} files"

    def file(self, name: str) -> None:
        """A new file starts."""
        self._name = name if len(name) <= 30 else "…" + name[-29:]
        if self._bar is not None:
            self._bar.update(self._task, description=self._name)

    def file_done(self) -> None:
        self._done_files += 1
        if self._bar is not None:
            self._bar.update(self._task, files=self._files_text())

    def advance(self, n: int) -> None:
        """``n`` more input bytes were read."""
        self._done_bytes += n
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self._start < self._delay:
                return
            self._show()
            return
        self._bar.update(self._task, completed=self._done_bytes)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=self._done_bytes, files=self._files_text())
            self._bar.stop()
            self._bar = None


def summary_line(stats: RunStats, seconds: float) -> str:
    """Files, lines, MB in and out, time and MB/s of input, on one line."""
    mb_in = stats.bytes_in / 1e6
    rate = mb_in / seconds if seconds > 0 else 0.0
    files = f"{stats.files} file{'s' if stats.files != 1 else ''}"
    return (
        f"{files}, {stats.lines} lines, {mb_in:.1f} MB in, {stats.bytes_out / 1e6:.1f} MB out, "
        f"{seconds:.2f} s, {rate:.1f} MB/s"
    )
