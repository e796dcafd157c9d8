"""Build hook: a wheel ships the top-level templates/, static/ and migrations/.

Everything else about the package is in pyproject.toml; this file only adds one step.

Those three folders stay at the top of the repository (the product's layout, see
ARCHITECTURE.md), outside the ``app`` package, and setuptools packages only what is
inside packages. A wheel has no repository around it, so ``build_py`` copies them into
the built package as ``app/_resources/``; ``create_app`` looks there first and otherwise
uses the repository's folders (app/__init__.py, ``ROOT``). An editable install
(``pip install -e .``, what ``make`` does) copies nothing and serves the checkout's files,
so a template edit shows at once. ``tests/wheel/check.sh`` (run by CI) builds a wheel,
installs it outside the checkout and serves pages from it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = ("templates", "static", "migrations")
BUNDLE = Path("app") / "_resources"


class BuildPyWithResources(build_py):
    """``build_py``, then copy the top-level resource folders into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in RESOURCES:
            target = Path(self.build_lib) / BUNDLE / name
            shutil.rmtree(target, ignore_errors=True)  # no stale file from an earlier build
            shutil.copytree(name, target, ignore=shutil.ignore_patterns("__pycache__", "*.py[co]"))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False):
            return outputs
        bundled = Path(self.build_lib) / BUNDLE
        return outputs + [str(path) for path in sorted(bundled.rglob("*")) if path.is_file()]


setup(cmdclass={"build_py": BuildPyWithResources})
