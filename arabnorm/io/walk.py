"""Many inputs: files, directories (recursively, filtered by glob), output trees.

``expand_inputs`` turns the command line's inputs into a list of files, each
with the relative name it gets under ``--output-dir``: a file given by name
keeps its base name, a file found in a directory keeps its path below that
directory. ``output_path`` joins such a name to the output directory and
refuses anything that would land outside it (``..``, absolute names, or a
directory inside the output tree that is a symbolic link to elsewhere).

>>> safe_relative("a/b.txt"), safe_relative("../etc/passwd")
('a/b.txt', None)
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from arabnorm.errors import FileAccessError, UsageError


@dataclass(frozen=True)
class InputFile:
    """One input: its path (``-`` for stdin) and its name under ``--output-dir``."""

    path: str
    relative: str


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    if not patterns:
        return True
    base = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(relative, p) or fnmatch.fnmatchcase(base, p) for p in patterns)


def expand_inputs(
    inputs: Sequence[str], recursive: bool = False, globs: Sequence[str] = ()
) -> list[InputFile]:
    """The files named by ``inputs``, directories walked when ``recursive``.

    Hidden files and directories (names starting with ``.``) are skipped in a
    walk, symbolic links to directories are not followed, and files are
    listed in sorted order so runs are reproducible. ``globs`` (``*.jsonl``,
    ``2024/*.txt``) filter files found in directories by base name or by path
    below the directory.
    """
    files: list[InputFile] = []
    for name in inputs or ["-"]:
        if name == "-":
            files.append(InputFile("-", "-"))
            continue
        if not os.path.isdir(name):
            files.append(InputFile(name, os.path.basename(name)))
            continue
        if not recursive:
            raise FileAccessError(f"{name}: is a directory (use -r/--recursive to read its files)")
        found: list[InputFile] = []
        for root, dirs, names in os.walk(name, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for base in sorted(names):
                if base.startswith("."):
                    continue
                path = os.path.join(root, base)
                rel = PurePosixPath(*Path(os.path.relpath(path, name)).parts).as_posix()
                if _matches(rel, globs) and os.path.isfile(path):
                    found.append(InputFile(path, rel))
        files.extend(found)
    return files


def safe_relative(relative: str) -> str | None:
    """``relative`` as a clean relative path, or None if it would leave its root."""
    if not relative or relative.startswith(("/", "\\")) or os.path.isabs(relative):
        return None
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if not parts or any(p in ("..", "") for p in parts) or ":" in parts[0]:
        return None
    clean = [p for p in parts if p != "."]
    return "/".join(clean) if clean else None


def output_path(out_dir: str | os.PathLike[str], relative: str) -> Path:
    """Where ``relative`` goes under ``out_dir``; parent directories are created.

    Raises ``FileAccessError`` for a name that would escape ``out_dir``,
    including through a symbolic link inside it.
    """
    clean = safe_relative(relative)
    if clean is None:
        raise FileAccessError(f"{relative}: refusing to write outside the output directory")
    root = Path(out_dir)
    target = root.joinpath(*clean.split("/"))
    real_root = root.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileAccessError(f"{target.parent}: {exc.strerror or exc}") from None
    real_parent = target.parent.resolve()
    if real_parent != real_root and real_root not in real_parent.parents:
        raise FileAccessError(
            f"{target}: refusing to write outside the output directory (symbolic link)"
        )
    return target


def check_unique(files: Sequence[InputFile]) -> None:
    """Two inputs must not map to the same output name."""
    seen: dict[str, str] = {}
    for f in files:
        other = seen.get(f.relative)
        if other is not None and other != f.path:
            raise UsageError(
                f"{other} and {f.path} would both be written to {f.relative} in the output "
                "directory"
            )
        seen[f.relative] = f.path
