"""Every example in the package's docstrings runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import arabnorm

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(arabnorm.__path__, "arabnorm.")
    if not info.name.endswith("__main__")
)


def test_the_package_has_modules_with_examples() -> None:
    assert "arabnorm.fasttable" in MODULES and "arabnorm.cli.clean" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
