"""The installed amctl holds every package of the source tree: pyproject.toml lists them by
name, so a module split into a folder must be listed too, or `pip install .` (and the
pre-commit hook) installs an amctl without it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_amctl_is_listed_in_pyproject():
    instellingen = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    gelijst = set(instellingen["tool"]["setuptools"]["packages"])
    in_de_boom = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "amctl").rglob("__init__.py")
    }
    assert in_de_boom - gelijst == set()
