"""The real Lucene 8 (Debian's liblucene8-java) behind ``LuceneDriver.java``, from Python.

Used by the conformance tests and ``benchmarks/bench_analyze.py``; never by
the package. ``scripts/install-references.sh`` installs a JDK and the jars.
The driver is compiled into a temporary directory on first use.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "LuceneDriver.java"
JAR_NAMES = ("lucene-core", "lucene-analyzers-common")


def jars() -> list[str] | None:
    """The two jars the driver needs ($ARABNORM_LUCENE_JARS, else Debian's), or None."""
    given = os.environ.get("ARABNORM_LUCENE_JARS")
    if given:
        found = given.split(os.pathsep)
        return found if all(os.path.isfile(j) for j in found) else None
    found = []
    for name in JAR_NAMES:
        matches = sorted(glob.glob(f"/usr/share/java/{name}-8*.jar"))
        if not matches:
            return None
        found.append(matches[-1])
    return found


def missing() -> str | None:
    """Why Lucene cannot be run here, or None when it can."""
    if shutil.which("java") is None or shutil.which("javac") is None:
        return "java/javac not found (scripts/install-references.sh installs a JDK)"
    if jars() is None:
        return "Lucene 8 jars not found (scripts/install-references.sh installs liblucene8-java)"
    return None


class Lucene:
    """The driver, compiled once; ``batch`` answers many requests in one JVM run."""

    def __init__(self, workdir: Path | None = None) -> None:
        reason = missing()
        if reason is not None:
            raise RuntimeError(reason)
        self._tmp = None if workdir is not None else tempfile.TemporaryDirectory()
        self.classes = Path(workdir or self._tmp.name)  # type: ignore[union-attr]
        found = jars()
        assert found is not None
        self.classpath = os.pathsep.join([*found, str(self.classes)])
        subprocess.run(
            ["javac", "-encoding", "UTF-8", "-cp", self.classpath, "-d", str(self.classes), SOURCE],
            check=True,
            capture_output=True,
        )

    def command(self, *args: str) -> list[str]:
        """The command line that runs the driver with ``args``."""
        return ["java", "-Xss16m", "-cp", self.classpath, "LuceneDriver", *args]

    def version(self) -> str:
        return subprocess.run(
            self.command("version"), check=True, capture_output=True, text=True
        ).stdout.strip()

    def batch(self, requests: Sequence[tuple[str, str]]) -> list[Any]:
        """The answer to each ``(mode, text)``: a string, or the JSON of the analyze modes."""
        lines = "".join(
            f"{mode}\t{json.dumps(text, ensure_ascii=True)}\n" for mode, text in requests
        )
        res = subprocess.run(
            self.command("batch"),
            input=lines.encode("ascii"),
            capture_output=True,
            check=False,
        )
        if res.returncode != 0:
            raise RuntimeError(res.stderr.decode("utf-8", "replace")[-2000:])
        out = res.stdout.decode("ascii").split("\n")
        assert out[-1] == ""
        answers = [json.loads(line) for line in out[:-1]]
        assert len(answers) == len(requests)
        return answers

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
