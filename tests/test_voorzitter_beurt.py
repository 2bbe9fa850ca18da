"""amctl voorzitter-beurt ORGAAN GEMEENTE -D DATUM [--termijn GETAL]: the turn of a rotating
chair by command, and `wie-zit-in` and `rooster` following it (issue 22, item 6). The shipped
file's secretarissenoverleg has `voorzitter: {roulerend: true}` and no turns; the edits work on
a copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import amctl

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


def beurt(runner, pad: Path, gemeente: str, datum: str, *extra: str):
    uitvoer = amctl(
        runner, pad, "voorzitter-beurt", "secretarissenoverleg", gemeente, "-D", datum, *extra
    )
    return uitvoer


def voorzitter(runner, pad: Path, dag: str) -> str | None:
    uitvoer = amctl(runner, pad, "wie-zit-in", "secretarissenoverleg", "-d", dag, "--json")
    assert uitvoer.exit_code == 0, uitvoer.output
    gegevens = json.loads(uitvoer.stdout)["voorzitter"]
    return gegevens and gegevens["omschrijving"]


def rooster(runner, pad: Path, dag: str) -> list[tuple]:
    uitvoer = amctl(runner, pad, "rooster", "secretarissenoverleg", "-d", dag, "--json")
    assert uitvoer.exit_code == 0, uitvoer.output
    return [
        (t["vanaf"], t["tot_en_met"], t["gemeente"], t["status"])
        for t in json.loads(uitvoer.stdout)["voorzitterschap"]
    ]


def test_a_turn_ends_the_running_one_and_the_answers_follow(runner, gedeeld):
    eerste = beurt(runner, gedeeld, "uithoorn", "2026-01-01", "--termijn", "12")
    assert eerste.exit_code == 0, eerste.output
    assert eerste.stdout.startswith(
        "Voorzitter van Secretarissenoverleg per 2026-01-01: gemeentesecretaris van Uithoorn "
        "(een beurt van 12 maanden).\nEen beurt in Secretarissenoverleg duurt 12 maanden.\n"
    )

    tweede = beurt(runner, gedeeld, "Aalsmeer", "2027-01-01")

    assert tweede.exit_code == 0, tweede.output
    assert "Beëindigd: de beurt van Uithoorn, laatste dag 2026-12-31." in tweede.stdout
    assert (
        "    voorzitter:\n"
        "      - roulerend: true\n"
        "        termijn: 12\n"
        "      - functie: gemeentesecretaris\n"
        "        gemeente: uithoorn\n"
        "        vanaf: 2026-01-01\n"
        "        tot-en-met: 2026-12-31\n"
        "      - functie: gemeentesecretaris\n"
        "        gemeente: aalsmeer\n"
        "        vanaf: 2027-01-01\n"
        "    ondersteuning:\n" in gedeeld.read_text()
    )
    assert voorzitter(runner, gedeeld, "2026-12-31") == "gemeentesecretaris van Uithoorn"
    assert voorzitter(runner, gedeeld, "2027-01-01") == "gemeentesecretaris van Aalsmeer"
    assert rooster(runner, gedeeld, "2027-03-01")[:3] == [
        ("2026-01-01", "2026-12-31", "uithoorn", "vastgelegd"),
        ("2027-01-01", None, "aalsmeer", "vastgelegd"),
        ("2028-01-01", "2028-12-31", "amstelveen", "gepland"),
    ]
    assert amctl(runner, gedeeld, "controleer").exit_code == 0


def test_the_term_length_sets_the_rotation_and_the_plan(runner, gedeeld):
    assert beurt(runner, gedeeld, "diemen", "2026-01-01", "--termijn", "6").exit_code == 0
    assert rooster(runner, gedeeld, "2026-03-01")[:2] == [
        ("2026-01-01", None, "diemen", "vastgelegd"),
        ("2026-07-01", "2026-12-31", "aalsmeer", "gepland"),
    ]
    uitvoer = beurt(runner, gedeeld, "diemen", "2026-01-01", "--termijn", "24")
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Een beurt in Secretarissenoverleg duurt 24 maanden." in uitvoer.stdout
    assert rooster(runner, gedeeld, "2026-03-01")[1] == (
        "2028-01-01",
        "2029-12-31",
        "aalsmeer",
        "gepland",
    )


def test_the_same_turn_again_changes_nothing(runner, gedeeld):
    assert beurt(runner, gedeeld, "uithoorn", "2026-01-01").exit_code == 0
    voor = gedeeld.read_bytes()
    uitvoer = beurt(runner, gedeeld, "uithoorn", "2026-01-01")
    assert uitvoer.exit_code == 0
    assert uitvoer.stdout == "Niets gewijzigd: Uithoorn is vanaf 2026-01-01 al aan de beurt.\n"
    assert gedeeld.read_bytes() == voor


def test_droog_shows_the_change_and_writes_nothing(runner, gedeeld):
    voor = gedeeld.read_bytes()
    uitvoer = beurt(runner, gedeeld, "uithoorn", "2026-01-01", "--droog")
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "+      - functie: gemeentesecretaris\n+        gemeente: uithoorn\n" in uitvoer.stdout
    assert "--droog: er is niets geschreven." in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (
            ("regiegroep", "aalsmeer", "-D", "2027-01-01"),
            "Regiegroep heeft op 2027-01-01 geen roulerend voorzitterschap",
        ),
        (
            ("secretarissenoverleg", "diemn", "-D", "2027-01-01"),
            "Onbekende gemeente 'diemn'. Bedoelde u: diemen?",
        ),
        (
            ("secretarissenoverleg", "de-ronde-venen", "-D", "2010-01-01"),
            "De Ronde Venen doet op 2010-01-01 niet mee in Secretarissenoverleg; aan de beurt "
            "kan zijn: Aalsmeer, Amstelveen, Diemen, Haarlemmermeer, Ouder-Amstel, Uithoorn.",
        ),
        (
            ("secretarissenoverleg", "aalsmeer", "-D", "2027-01-01", "--termijn", "0"),
            "geef een getal van 1 tot en met 120",
        ),
    ],
    ids=["geen-rotatie", "onbekende-gemeente", "doet-niet-mee", "termijn-nul"],
)
def test_a_turn_that_cannot_be_is_wrong_use(runner, gedeeld, argumenten, melding):
    voor = gedeeld.read_bytes()
    uitvoer = amctl(runner, gedeeld, "voorzitter-beurt", *argumenten)
    assert uitvoer.exit_code == 2
    assert melding in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


def test_a_turn_before_the_last_recorded_one_is_refused(runner, gedeeld):
    assert beurt(runner, gedeeld, "uithoorn", "2027-01-01").exit_code == 0
    voor = gedeeld.read_bytes()
    uitvoer = beurt(runner, gedeeld, "aalsmeer", "2026-06-01")
    assert uitvoer.exit_code == 2
    assert (
        "Secretarissenoverleg heeft al een beurt vanaf 2027-01-01 (Uithoorn); een nieuwe beurt "
        "komt na de laatste vastgelegde." in uitvoer.stderr
    )
    assert gedeeld.read_bytes() == voor
