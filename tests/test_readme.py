"""The README shows real output: every ```console block is run and compared.

To refresh the blocks after a deliberate change of output:
    AMCTL_README_BIJWERKEN=1 python -m pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amctl.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOK = re.compile(r"```console\n\$ (amctl [^\n]*)\n(.*?)```", re.S)


def _uitvoer(commando: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    resultaat = CliRunner().invoke(
        app, shlex.split(commando)[1:], env={"COLUMNS": "80", "NO_COLOR": "1"}
    )
    tekst = resultaat.stdout + resultaat.stderr
    return "".join(regel.rstrip() + "\n" for regel in tekst.splitlines())


def _blokken() -> list[tuple[str, str]]:
    return BLOK.findall(README.read_text(encoding="utf-8"))


def test_readme_heeft_voorbeelden() -> None:
    commandos = [commando for commando, _ in _blokken()]
    for nodig in ("wie-zit-in", "waar-zit", "boom", "organen", "toon", "controleer"):
        assert any(nodig in c for c in commandos), nodig


@pytest.mark.parametrize(("commando", "verwacht"), _blokken(), ids=lambda x: x[:40])
def test_readme_uitvoer_is_echt(
    commando: str, verwacht: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    werkelijk = _uitvoer(commando, monkeypatch)
    if os.environ.get("AMCTL_README_BIJWERKEN"):
        tekst = README.read_text(encoding="utf-8")
        oud = f"```console\n$ {commando}\n{verwacht}```"
        README.write_text(tekst.replace(oud, f"```console\n$ {commando}\n{werkelijk}```"))
        return
    assert werkelijk == verwacht
