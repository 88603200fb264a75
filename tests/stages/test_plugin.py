"""A third-party stage, installed as a real package, found through its entry point.

The example package in ``examples/arabnorm-example-plugin`` is built and
pip-installed (offline, no build isolation) into a temporary environment that
sees this environment's packages, so the test environment itself never gains
the plugin.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

from arabnorm.stages import all_stages

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "arabnorm-example-plugin"


@pytest.fixture(scope="module")
def plugin_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interpreter of a fresh environment with the example plugin installed."""
    root = tmp_path_factory.mktemp("plugin")
    package = root / EXAMPLE.name
    shutil.copytree(EXAMPLE, package)  # building writes into the package directory

    env_dir = root / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site_dir = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Let the new environment see this one's packages (arabnorm and its
    # dependencies), after its own.
    parent = sysconfig.get_paths()["purelib"]
    Path(site_dir, "_arabnorm_test_parent.pth").write_text(
        f"import site; site.addsitedir({parent!r})\n", encoding="utf-8"
    )
    subprocess.run(
        [
            sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
            "--no-deps", "--no-build-isolation", "--no-index", str(package),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    return python


def _arabnorm(python: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [python, "-m", "arabnorm", *args],
        input=stdin.encode(),
        capture_output=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=120,
    )


@pytest.mark.plugin
def test_plugin_stage_is_listed(plugin_python: Path) -> None:
    res = _arabnorm(plugin_python, "stages")
    assert res.returncode == 0, res.stderr
    assert "plugin-stage" in res.stdout.decode()
    assert "? becomes ؟ (example plugin)" in res.stdout.decode()


@pytest.mark.plugin
def test_plugin_stage_runs_in_clean_diff_and_audit(plugin_python: Path) -> None:
    res = _arabnorm(plugin_python, "clean", "-s", "plugin-stage,tatweel", stdin="لمـاذا?\n")
    assert (res.returncode, res.stdout.decode()) == (0, "لماذا؟\n")
    res = _arabnorm(plugin_python, "diff", "-s", "plugin-stage", stdin="لماذا?\n")
    assert res.returncode == 1
    assert res.stdout.decode().splitlines()[1:] == ["- لماذا[-?-]", "+ لماذا{+؟+}"]
    res = _arabnorm(plugin_python, "audit", "--json", "-s", "tatweel", stdin="? ?\n")
    assert json.loads(res.stdout)["files"][0]["changes"]["plugin-stage"] == 2
    res = _arabnorm(plugin_python, "clean", "-s", "plugin-stage", "--print-spec")
    assert res.stdout.decode().splitlines()[0] == "spec plugin-stage"


@pytest.mark.plugin
def test_plugin_stays_in_its_own_environment(plugin_python: Path) -> None:
    assert "plugin-stage" not in all_stages()
    code = textwrap.dedent(
        """
        from arabnorm.stages import all_stages
        print(all_stages()["plugin-stage"].__module__)
        """
    )
    res = subprocess.run([plugin_python, "-c", code], capture_output=True, text=True)
    assert res.stdout.strip() == "arabnorm_example_plugin"
