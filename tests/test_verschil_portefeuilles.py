"""`verschil` follows portefeuilles (issue 22, item 10): a wethouder "zit ambtshalve in" only
the PHOs of their portefeuilles on the date; a portefeuille that moves is a summary line; each
person has their own lines; a change to a body itself (its rhythm) is a governance change. In
text, JSON and Markdown. Every person is fictional; each test edits copies with commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import amctl

FIXTURES = Path(__file__).parent / "fixtures"
FICTIEF = FIXTURES / "fictief.yaml"

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


@pytest.fixture
def paden(runner, tmp_path) -> tuple[Path, Path]:
    """Two new wethouders of Aalsmeer per 2026-12-01: one takes Economie over from Fictief
    Wethouder 3, the other has Verkeer en Vervoer only."""
    oud = Path(shutil.copy(FICTIEF, tmp_path / "oud.yaml"))
    nieuw = Path(shutil.copy(FICTIEF, tmp_path / "nieuw.yaml"))
    for naam, thema in (("Fictief Nieuwe Wethouder", "economie"), ("Fictief Tweede Wethouder",
                        "verkeer en vervoer")):  # fmt: skip
        uitslag = amctl(runner, nieuw, "benoem", naam, "wethouder", "-g", "aalsmeer", "-p",
                        thema, "-D", "2026-12-01")  # fmt: skip
        assert uitslag.exit_code == 0, uitslag.output
    return oud, nieuw


def _verschil(runner, oud: Path, nieuw: Path, *formaat: str):
    uitslag = amctl(runner, nieuw, "verschil", str(oud), str(nieuw), *formaat)
    assert uitslag.exit_code == 0, uitslag.output
    return uitslag.stdout


def test_each_new_wethouder_has_own_lines_with_only_the_phos_of_their_portefeuilles(runner, paden):
    tekst = _verschil(runner, *paden).splitlines()
    begin = tekst.index("Bezetting van functies")
    assert tekst[begin : begin + 5] == [
        "Bezetting van functies",
        "  wethouder van Aalsmeer: Fictief Nieuwe Wethouder begint per 2026-12-01",
        "    zit ambtshalve in: Plenair overleg, Portefeuillehoudersoverleg Economie",
        "  wethouder van Aalsmeer: Fictief Tweede Wethouder begint per 2026-12-01",
        "    zit ambtshalve in: Plenair overleg, Portefeuillehoudersoverleg Verkeer en Vervoer",
    ]


def test_a_portefeuille_that_moves_is_a_summary_line_in_every_format(runner, paden):
    oud, nieuw = paden
    regel = (
        "Portefeuillehoudersoverleg Economie, Aalsmeer: Fictief Wethouder 3 -> Fictief Nieuwe "
        "Wethouder per 2026-12-01"
    )
    tekst = _verschil(runner, oud, nieuw)
    assert f"  {regel}" in tekst.splitlines()
    assert "Overige wijzigingen" not in tekst
    gegevens = json.loads(_verschil(runner, oud, nieuw, "--json"))["wijzigingen"]
    overgang = [
        w for w in gegevens if w["categorie"] == "portefeuille" and w["soort"] == "opvolging"
    ]
    assert [
        (w["portefeuille"], w["gemeente"], w["vorige"], w["persoon"], w["per"]) for w in overgang
    ] == [
        (
            "economie",
            "aalsmeer",
            "fictief-wethouder-aalsmeer",
            "fictief-nieuwe-wethouder",
            "2026-12-01",
        )
    ]
    ambtshalve = {
        w["persoon"]: w["ambtshalve_in"] for w in gegevens if w["categorie"] == "bezetting"
    }
    assert ambtshalve["fictief-tweede-wethouder"] == [
        "Plenair overleg",
        "Portefeuillehoudersoverleg Verkeer en Vervoer",
    ]
    markdown = _verschil(runner, oud, nieuw, "--formaat", "markdown")
    assert "#### Portefeuilles" in markdown
    assert (
        "| Portefeuillehoudersoverleg Economie, Aalsmeer | Fictief Wethouder 3 -&gt; Fictief "
        "Nieuwe Wethouder per 2026-12-01 |" in markdown
    )
    assert (
        "Fictief Tweede Wethouder begint per 2026-12-01<br>zit ambtshalve in: Plenair overleg, "
        "Portefeuillehoudersoverleg Verkeer en Vervoer |" in markdown
    )


def test_a_change_of_a_bodys_rhythm_is_a_governance_change(runner, tmp_path):
    tekst = (FIXTURES / "vergaderingen.yaml").read_text(encoding="utf-8")
    assert tekst.count("      - per-jaar: 2\n") == 1
    oud = tmp_path / "a.yaml"
    nieuw = tmp_path / "b.yaml"
    oud.write_text(tekst, encoding="utf-8")
    nieuw.write_text(tekst.replace("      - per-jaar: 2\n", "      - per-jaar: 3\n"), "utf-8")
    uit = _verschil(runner, oud, nieuw).splitlines()
    assert "Geen bestuurlijke verschillen." not in uit
    assert uit[1:] == [
        "",
        "Organen",
        "  Plenair overleg: vergaderritme: - 2 per jaar, locatie wisselend",
        "  Plenair overleg: vergaderritme: + 3 per jaar, locatie wisselend",
    ]
    gegevens = json.loads(_verschil(runner, oud, nieuw, "--json"))["wijzigingen"]
    assert [(w["categorie"], w["kenmerk"]) for w in gegevens] == [
        ("orgaan", "vergaderritme"),
        ("orgaan", "vergaderritme"),
    ]
    markdown = _verschil(runner, oud, nieuw, "--formaat", "markdown")
    assert "Geen bestuurlijke verschillen" not in markdown
    assert "| Plenair overleg | vergaderritme: + 3 per jaar, locatie wisselend |" in markdown
