"""docs/handleiding.md shows real output: each recipe (a '## ' section) runs its ```console
blocks in order, in a fresh folder whose data/organisatie.yaml is the shipped file with the
colleges of 2022 read in (tests/fixtures/verkiezingen/college-2022.csv), and every block's
output is compared. The recipes change the file, so unlike the README's examples they run
on a copy, one after the other.

To refresh the blocks after a deliberate change of output:
    AMCTL_HANDLEIDING_BIJWERKEN=1 python -m pytest tests/test_handleiding.py
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import GEDEELD_BESTAND
from typer.testing import CliRunner

from amctl.cli import app

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")

ROOT = Path(__file__).resolve().parents[1]
HANDLEIDING = ROOT / "docs" / "handleiding.md"
BLADEN = ROOT / "tests" / "fixtures" / "verkiezingen"
BLOK = re.compile(r"```console\n\$ (amctl [^\n]*)\n(.*?)```", re.S)
RECEPT = re.compile(r"^## (.+)$", re.M)
TIJDSTIP = re.compile(r"\(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)")
# A question and an edit name their date, so that the output does not change with the day the
# test runs; these commands have none to name.
ZONDER_DATUM = {"controleer", "verschil", "ongedaan", "importeer", "regels"}


def _recepten() -> list[tuple[str, list[tuple[str, str]]]]:
    tekst = HANDLEIDING.read_text(encoding="utf-8")
    koppen = list(RECEPT.finditer(tekst))
    return [
        (kop.group(1), BLOK.findall(tekst[kop.end() : volgende.start() if volgende else None]))
        for kop, volgende in zip(koppen, [*koppen[1:], None], strict=True)
    ]


def _uitvoer(commando: str) -> str:
    resultaat = CliRunner().invoke(
        app, shlex.split(commando)[1:], env={"COLUMNS": "80", "NO_COLOR": "1"}
    )
    tekst = resultaat.stdout + resultaat.stderr
    if resultaat.exit_code:
        tekst += f"(exit {resultaat.exit_code})\n"
    return "".join(regel.rstrip() + "\n" for regel in tekst.splitlines())


def _zonder_tijdstip(tekst: str) -> str:
    """`ongedaan` says when the change it undid was written: the one part of an answer that
    differs from run to run, so it is compared as a placeholder."""
    return TIJDSTIP.sub("(JJJJ-MM-DD UU:MM:SS)", tekst)


@pytest.fixture(scope="module")
def begin(tmp_path_factory) -> Path:
    """The file every recipe starts from: the shipped one with the colleges of 2022."""
    map_ = tmp_path_factory.mktemp("begin")
    pad = Path(shutil.copy(GEDEELD_BESTAND, map_ / "organisatie.yaml"))
    blad = str(BLADEN / "college-2022.csv")
    uitkomst = CliRunner().invoke(app, ["importeer", blad, "-f", str(pad)])
    assert uitkomst.exit_code == 0, uitkomst.output
    return pad


def test_every_recipe_of_the_issue_is_there():
    koppen = [kop for kop, _ in _recepten()]
    for nodig in (
        "Na de verkiezingen: een nieuw college per gemeente",
        "Een wethouder vertrekt halverwege",
        "Een portefeuille gaat over",
        "Een waarnemend burgemeester",
        "Het roulerend voorzitterschap",
        "Een vergadering vastleggen",
        "Wat vraagt aandacht?",
        "Ongedaan maken",
    ):
        assert nodig in koppen
    assert all(blokken for _, blokken in _recepten())


def test_the_readme_links_to_the_handleiding():
    assert "(docs/handleiding.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("kop", "blokken"), _recepten(), ids=[k for k, _ in _recepten()])
def test_recipe_output_is_real(kop, blokken, begin, tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    shutil.copy(begin, tmp_path / "data" / "organisatie.yaml")
    for blad in BLADEN.glob("*.csv"):
        shutil.copy(blad, tmp_path / blad.name)
    monkeypatch.chdir(tmp_path)
    bijwerken = os.environ.get("AMCTL_HANDLEIDING_BIJWERKEN")
    for commando, verwacht in blokken:
        opdracht = shlex.split(commando)[1]
        assert opdracht in ZONDER_DATUM or {"-d", "-D"} & set(shlex.split(commando)), commando
        werkelijk = _uitvoer(commando)
        if bijwerken:
            tekst = HANDLEIDING.read_text(encoding="utf-8")
            oud = f"```console\n$ {commando}\n{verwacht}```"
            nieuw = f"```console\n$ {commando}\n{werkelijk}```"
            HANDLEIDING.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
            continue
        assert _zonder_tijdstip(werkelijk) == _zonder_tijdstip(verwacht), commando


def test_the_sheet_shown_is_the_sheet_read():
    """The table of the elections recipe is the sheet its command reads."""
    import csv

    tekst = HANDLEIDING.read_text(encoding="utf-8")
    getoond = [
        [cel.strip() for cel in regel.strip("|").split("|")]
        for regel in tekst.splitlines()
        if regel.startswith("| Fictief")
    ]
    blad = BLADEN / "college-2026-diemen.csv"
    with blad.open(encoding="utf-8-sig", newline="") as f:
        rijen = list(csv.DictReader(f, delimiter=";"))
    assert getoond == [[r["naam"], r["functie"], r["gemeente"], r["portefeuilles"]] for r in rijen]
