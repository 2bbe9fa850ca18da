"""`amctl geschiedenis`: the timeline of a body, a post, a person or a gemeente, on the
fictional fixture tests/fixtures/verschil/na.yaml."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from amctl.cli import app
from amctl.controle import geldig_model
from amctl.geschiedenis import geschiedenis
from amctl.weergave.geschiedenis import als_tekst

NA = Path(__file__).parent / "fixtures" / "verschil" / "na.yaml"


pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


@pytest.fixture(scope="module")
def org():
    return geldig_model(NA)


def test_a_post_shows_its_holders_in_order(org):
    assert als_tekst(geschiedenis(org, "burgemeester van Diemen")) == (
        "Geschiedenis van burgemeester van Diemen (functie)\n"
        "\n"
        "  2015-01-01 t/m 2026-03-31  Fictief Burgemeester A\n"
        "  2026-04-01 t/m heden       Fictief Burgemeester B\n"
    )


def test_a_post_in_every_gemeente_shows_a_vacancy_of_a_one_seat_post(org):
    assert als_tekst(geschiedenis(org, "burgemeester")) == (
        "Geschiedenis van burgemeester (functie)\n"
        "\n"
        "  2015-01-01 t/m 2026-03-31  Fictief Burgemeester A, burgemeester van Diemen\n"
        "  2018-01-01 t/m 2025-12-31  Fictief Burgemeester C, burgemeester van Aalsmeer\n"
        # An empty post reads as an open seat does in every other view.
        "  2026-01-01 t/m heden       niet ingevuld: burgemeester van Aalsmeer\n"
        "  2026-04-01 t/m heden       Fictief Burgemeester B, burgemeester van Diemen\n"
    )


def test_a_body_shows_its_chair_and_who_held_its_seats_when(org):
    assert als_tekst(geschiedenis(org, "Bestuursgroep")) == (
        "Geschiedenis van Bestuursgroep (orgaan)\n"
        "\n"
        "           … t/m heden       voorzitter: roulerend\n"
        "  2015-01-01 t/m 2026-03-31  Fictief Burgemeester A, burgemeester van Diemen "
        "(lid, ambtshalve)\n"
        "  2018-01-01 t/m 2025-12-31  Fictief Burgemeester C, burgemeester van Aalsmeer "
        "(lid, ambtshalve)\n"
        "  2026-04-01 t/m heden       Fictief Burgemeester B, burgemeester van Diemen "
        "(lid, ambtshalve)\n"
    )


def test_a_body_shows_its_named_members_and_its_status_changes(org):
    assert als_tekst(geschiedenis(org, "raadsplatform")).splitlines()[2:] == [
        "  2022-05-01 t/m 2026-03-31  Fictief Raadslid 1, raadslid van Diemen (lid, bij naam)",
        "  2026-04-01 t/m heden       Fictief Raadslid 2, raadslid van Diemen (lid, bij naam)",
    ]
    assert als_tekst(geschiedenis(org, "werkoverleg")).splitlines()[2:] == [
        "           … t/m 2026-03-31  status: actief",
        "  2026-04-01 t/m heden       status: opgeheven",
    ]


def test_a_person_shows_posts_and_the_seats_they_gave_over_time(org):
    assert als_tekst(geschiedenis(org, "Fictief Raadslid 1")).splitlines()[2:] == [
        "  2022-03-30 t/m heden       raadslid van Diemen",
        "  2022-05-01 t/m 2026-03-31  lid van Raadsplatform (bij naam, als raadslid van Diemen)",
    ]
    assert als_tekst(geschiedenis(org, "fictief-a")).splitlines()[2:] == [
        "  2015-01-01 t/m 2026-03-31  burgemeester van Diemen",
        "  2015-01-01 t/m 2026-03-31  lid van Bestuursgroep (ambtshalve, als burgemeester van "
        "Diemen)",
    ]


def test_a_gemeente_shows_everyone_who_held_one_of_its_posts(org):
    assert len(geschiedenis(org, "Diemen").tijdvakken) == 4


def test_the_command_gives_json_for_scripts(runner):
    resultaat = runner.invoke(
        app, ["geschiedenis", "burgemeester van Diemen", "--json", "-f", str(NA)]
    )

    assert resultaat.exit_code == 0, resultaat.output
    gegevens = json.loads(resultaat.stdout)
    assert gegevens.pop("bestand") == str(NA)
    assert gegevens == {
        "wie": {"soort": "functie", "id": "burgemeester/diemen", "naam": "burgemeester van Diemen"},
        "tijdvakken": [
            {
                "vanaf": "2015-01-01",
                "vanaf_aard": None,
                "tot_en_met": "2026-03-31",
                "tot_en_met_aard": None,
                "soort": "functie",
                "tekst": "Fictief Burgemeester A",
                "aard": None,
                "persoon": "fictief-a",
                "functie": "burgemeester",
                "gemeente": "diemen",
            },
            {
                "vanaf": "2026-04-01",
                "vanaf_aard": None,
                "tot_en_met": None,
                "tot_en_met_aard": None,
                "soort": "functie",
                "tekst": "Fictief Burgemeester B",
                "aard": None,
                "persoon": "fictief-b",
                "functie": "burgemeester",
                "gemeente": "diemen",
            },
        ],
    }


def test_something_unknown_is_wrong_use_with_a_suggestion(runner):
    resultaat = runner.invoke(app, ["geschiedenis", "werkoverlg", "-f", str(NA)])

    assert resultaat.exit_code == 2
    assert "'werkoverlg' is geen orgaan, persoon, functie of gemeente" in resultaat.stderr
    assert "Bedoelde u: werkoverleg?" in resultaat.stderr


def test_a_term_that_has_not_started_reads_vanaf_and_never_heden(runner, tmp_path):
    toekomst = NA.read_text(encoding="utf-8").replace("vanaf: 2026-04-01", "vanaf: 2099-01-01")
    assert toekomst != NA.read_text(encoding="utf-8")
    pad = tmp_path / "toekomst.yaml"
    pad.write_text(toekomst, encoding="utf-8")

    resultaat = runner.invoke(app, ["geschiedenis", "burgemeester van Diemen", "-f", str(pad)])

    assert resultaat.exit_code == 0, resultaat.output
    regels = resultaat.stdout.splitlines()
    assert "  vanaf 2099-01-01           Fictief Burgemeester B" in regels
    assert not any("2099-01-01 t/m heden" in regel for regel in regels)


def test_heden_depends_on_the_day_the_question_is_asked(org):
    tijdlijn = geschiedenis(org, "burgemeester van Diemen")
    voor = als_tekst(tijdlijn, vandaag=date(2026, 3, 31)).splitlines()
    na = als_tekst(tijdlijn, vandaag=date(2026, 4, 1)).splitlines()

    assert voor[-1] == "  vanaf 2026-04-01           Fictief Burgemeester B"
    assert na[-1] == "  2026-04-01 t/m heden       Fictief Burgemeester B"


def test_the_command_names_the_file_it_read(runner):
    resultaat = runner.invoke(app, ["geschiedenis", "burgemeester van Diemen", "-f", str(NA)])

    assert resultaat.stdout.splitlines()[0] == f"Bestand: {NA}"
