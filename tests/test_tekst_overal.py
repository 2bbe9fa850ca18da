"""Text stays text in every command: names from the file and arguments from the command line
reach stdout and stderr with their control characters visible (\\uXXXX), never raw.

One file carries ANSI and OSC-8 escapes, a bell, a C1 CSI, a bidi override and a line
separator in the name of a gemeente, a body and a person; every command then runs on it, with
the same characters in its arguments too, and neither stdout nor stderr may hold a raw one.
Every person here is fictional."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from strategieen import SnelleRunner

from amctl.cli import app

VERGADERINGEN = Path(__file__).parent / "fixtures" / "vergaderingen.yaml"
ESC = "\x1b"
GIF = f"{ESC}[31mrood{ESC}]8;;http://evil\x07klik{ESC}]8;;\x07\x9b2J\u202egnp.exe\u2028twee{ESC}[0m"
RAUW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _yaml(tekst: str) -> str:
    return json.dumps(tekst, ensure_ascii=True)


@pytest.fixture(scope="module")
def map_(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tekst")


@pytest.fixture(scope="module")
def bestand(map_) -> Path:
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    for oud in ("naam: Aalsmeer\n", "naam: Plenair overleg\n"):
        assert oud in tekst
        tekst = tekst.replace(oud, f"naam: {_yaml(oud[6:-1] + GIF)}\n", 1)
    assert "personen: {}\n" in tekst
    tekst = tekst.replace(
        "personen: {}\n",
        "personen:\n"
        "  p-gif:\n"
        f"    naam: {_yaml('Fictief ' + GIF)}\n"
        "    functies:\n"
        "      - {functie: burgemeester, gemeente: aalsmeer, vanaf: 2020-01-01}\n",
    )
    pad = map_ / "organisatie.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


OPDRACHTEN = {
    "validate": ["validate"],
    "validate-pad": ["validate", GIF],
    "regels": ["regels", GIF],
    "wie-zit-in": ["wie-zit-in", "plenair-overleg"],
    "wie-zit-in-arg": ["wie-zit-in", GIF],
    "waar-zit": ["waar-zit", "aalsmeer"],
    "waar-zit-arg": ["waar-zit", GIF],
    "organen": ["organen"],
    "toon": ["toon", "plenair-overleg"],
    "toon-arg": ["toon", GIF],
    "tree": ["tree"],
    "tree-arg": ["tree", GIF],
    "diagram": ["diagram"],
    "diagram-dot": ["diagram", "--formaat", "dot"],
    "diagram-formaat": ["diagram", "--formaat", GIF],
    "peildatum": ["organen", "--peildatum", GIF],
    "onbekende-optie": ["organen", f"--{GIF}"],
    "onbekende-opdracht": [GIF],
    "docs-controleer": ["docs", "--controleer", "{map}/" + GIF],
    "docs-uit": ["docs", "--uit", "{map}/site-" + GIF],
    "benoem-nieuw": ["benoem", "Nieuw " + GIF, "burgemeester", "-g", "diemen", "--droog"],
    "benoem-functie": ["benoem", "p-gif", GIF, "--droog"],
    "benoem-gemeente": ["benoem", "p-gif", "burgemeester", "-g", GIF, "--droog"],
    "ontsla": ["ontsla", "p-gif", "burgemeester", "-g", "aalsmeer", "-D", "2026-01-01", "--droog"],
    "ontsla-persoon": ["ontsla", GIF, "burgemeester", "-g", "aalsmeer"],
    "lid-erbij": ["lid-erbij", "plenair-overleg", "p-gif", "--droog"],
    "lid-erbij-orgaan": ["lid-erbij", GIF, "p-gif"],
    "lid-eraf": ["lid-eraf", "plenair-overleg", "p-gif"],
    "zet-status": ["zet-status", "plenair-overleg", "opgeheven", "--droog"],
    "zet-status-arg": ["zet-status", "plenair-overleg", GIF],
    "zet-status-toelichting": [
        "zet-status", "plenair-overleg", "opgeheven", "--toelichting", GIF, "--droog"
    ],
    "diff": ["diff", "{bestand}"],
    "diff-arg": ["diff", GIF],
    "geschiedenis": ["geschiedenis", "p-gif"],
    "geschiedenis-arg": ["geschiedenis", GIF],
    "rooster": ["rooster", "plenair-overleg"],
    "rooster-arg": ["rooster", GIF],
    "agenda": ["agenda"],
    "agenda-arg": ["agenda", GIF],
    "agenda-uit": ["agenda", "--uit", "{map}/" + GIF + ".ics"],
}  # fmt: skip


@pytest.mark.parametrize("naam", OPDRACHTEN)
def test_no_command_writes_a_raw_control_character(map_, bestand, naam):
    argumenten = [
        a.replace("{map}", str(map_)).replace("{bestand}", str(bestand)) for a in OPDRACHTEN[naam]
    ]
    resultaat = SnelleRunner().invoke(
        app, [*argumenten, "-f", str(bestand)], env={"COLUMNS": "300"}
    )
    assert resultaat.exit_code in (0, 1, 2), (resultaat.exit_code, resultaat.stderr)
    uitvoer = resultaat.stdout + resultaat.stderr
    assert not RAUW.findall(uitvoer), (RAUW.findall(uitvoer), uitvoer[-2000:])
    assert "Traceback" not in uitvoer


def test_the_escapes_are_shown_not_dropped(map_, bestand):
    """The name is still there, readable: ESC as \\u001b, the bidi override as \\u202e."""
    resultaat = SnelleRunner().invoke(app, ["wie-zit-in", GIF, "-f", str(bestand)])
    assert resultaat.exit_code == 2
    assert "\\u001b[31mrood\\u001b]8;;http://evil\\u0007klik" in resultaat.stderr
    assert "\\u202egnp.exe\\u2028twee" in resultaat.stderr


def test_an_edit_message_shows_a_new_name_visibly(map_, bestand, tmp_path):
    kopie = Path(shutil.copy(bestand, tmp_path / "organisatie.yaml"))
    resultaat = SnelleRunner().invoke(
        app, ["benoem", "Nieuw " + GIF, "burgemeester", "-g", "diemen", "-f", str(kopie)]
    )
    assert resultaat.exit_code == 0, resultaat.stderr
    assert "Benoemd: Nieuw \\u001b[31mrood" in resultaat.stdout
    assert not RAUW.findall(resultaat.stdout + resultaat.stderr)
