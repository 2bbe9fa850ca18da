"""amctl vergadering-erbij, vergadering-wijzig and vergadering-eraf: recording meetings
through the byte-preserving edit code, and `amctl rooster` planning around them."""

from __future__ import annotations

import json

import pytest
from conftest import amctl

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


def vergadering_erbij(runner, pad, datum, gemeente, *extra):
    """amctl vergadering-erbij plenair-overleg --datum DATUM -g GEMEENTE ..."""
    return amctl(
        runner,
        pad,
        "vergadering-erbij",
        "plenair-overleg",
        "--datum",
        datum,
        "-g",
        gemeente,
        *extra,
    )


def erbij(runner, pad, datum, gemeente, *extra):
    uitvoer = vergadering_erbij(runner, pad, datum, gemeente, *extra)
    assert uitvoer.exit_code == 0, uitvoer.output
    return uitvoer


def test_meetings_are_recorded_in_date_order_one_line_each(runner, gedeeld):
    voor = gedeeld.read_text()
    erbij(runner, gedeeld, "2026-03-12", "ouder-amstel", "--thema", "Energie uit de regio")
    erbij(runner, gedeeld, "2025-10-01", "diemen", "--bron", "am-overlegstructuur")
    uitvoer = erbij(runner, gedeeld, "2026-10-08", "Aalsmeer", "--voorzitter", "amstelveen")
    assert "Vergadering erbij: Plenair overleg op 2026-10-08 in Aalsmeer." in uitvoer.stdout
    toegevoegd = [r for r in gedeeld.read_text().splitlines() if r not in voor.splitlines()]
    assert toegevoegd == [
        "    vergaderingen:",
        "      - {datum: 2025-10-01, gemeente: diemen, bron: am-overlegstructuur}",
        "      - {datum: 2026-03-12, gemeente: ouder-amstel, thema: Energie uit de regio}",
        "      - {datum: 2026-10-08, gemeente: aalsmeer, voorzitter: amstelveen}",
    ]


def test_rooster_plans_the_next_meetings_around_the_recorded_ones(runner, gedeeld):
    erbij(runner, gedeeld, "2025-10-01", "diemen")
    erbij(runner, gedeeld, "2026-03-12", "ouder-amstel")
    uitvoer = amctl(runner, gedeeld, "rooster", "plenair-overleg", "-d", "2026-06-01", "--json")
    assert uitvoer.exit_code == 0, uitvoer.output
    plan = json.loads(uitvoer.stdout)["vergaderingen"]
    vastgelegd = [v["gemeente"] for v in plan if v["status"] == "vastgelegd"]
    daarna = [v["gemeente"] for v in plan if v["status"] != "vastgelegd"]
    assert vastgelegd == ["diemen", "ouder-amstel"]
    # The recorded hosts had their turn: every other gemeente comes first, then they.
    assert daarna[:5] == ["aalsmeer", "amstelveen", "de-ronde-venen", "haarlemmermeer", "uithoorn"]
    assert daarna[5:7] == ["diemen", "ouder-amstel"]


def test_correcting_a_meeting_changes_only_what_is_given(runner, gedeeld, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    erbij(runner, gedeeld, "2026-03-12", "ouder-amstel", "--thema", "Energie")
    uitvoer = amctl(
        runner,
        gedeeld,
        "vergadering-wijzig",
        "plenair-overleg",
        "--datum",
        "2026-03-12",
        "--thema",
        "Samen inkopen",
        "--plaats",
        "Raadhuis",
    )
    assert uitvoer.exit_code == 0, uitvoer.output
    # the correction raises its SEQUENCE and stamps it, for calendars (amctl agenda)
    assert (
        "      - {datum: 2026-03-12, gemeente: ouder-amstel, plaats: Raadhuis, thema: Samen "
        'inkopen, volgnummer: 9589, gewijzigd: "2027-01-15T08:00:00Z"}\n' in gedeeld.read_text()
    )
    uitvoer = amctl(
        runner,
        gedeeld,
        "vergadering-wijzig",
        "plenair-overleg",
        "--datum",
        "2026-03-12",
        "--nieuwe-datum",
        "2026-03-19",
    )
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "{datum: 2026-03-19, gemeente: ouder-amstel" in gedeeld.read_text()
    assert "volgnummer: 9590," in gedeeld.read_text()


def test_removing_every_recorded_meeting_restores_the_file_byte_for_byte(runner, gedeeld):
    origineel = gedeeld.read_bytes()
    erbij(runner, gedeeld, "2025-10-01", "diemen")
    erbij(runner, gedeeld, "2026-03-12", "ouder-amstel")
    for datum in ("2026-03-12", "2025-10-01"):
        uitvoer = amctl(runner, gedeeld, "vergadering-eraf", "plenair-overleg", "--datum", datum)
        assert uitvoer.exit_code == 0, uitvoer.output
        assert f"Vergadering eraf: Plenair overleg op {datum}." in uitvoer.stdout
    assert gedeeld.read_bytes() == origineel


def test_droog_shows_the_diff_and_writes_nothing(runner, gedeeld):
    voor = gedeeld.read_bytes()
    uitvoer = vergadering_erbij(runner, gedeeld, "2026-03-12", "diemen", "--droog")
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "+    vergaderingen:\n+      - {datum: 2026-03-12, gemeente: diemen}\n" in uitvoer.stdout
    assert gedeeld.read_bytes() == voor


def test_a_meeting_that_makes_the_file_invalid_is_refused(runner, gedeeld):
    erbij(runner, gedeeld, "2026-03-12", "diemen")
    voor = gedeeld.read_bytes()
    # Twice in a row in the same gemeente contradicts "steeds in een andere gemeente" (AM321).
    uitvoer = vergadering_erbij(runner, gedeeld, "2026-10-01", "diemen")
    assert uitvoer.exit_code == 1
    assert "AM321" in uitvoer.stderr and "Er is niets geschreven." in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["vergadering-erbij", "plenair-overleg", "-g", "diemen"], "--datum"),
        (["vergadering-erbij", "plenair-overleg", "--datum", "2026-1-1"], "JJJJ-MM-DD"),
        (
            ["vergadering-erbij", "plenair-overleg", "--datum", "2026-03-12", "-g", "Diemn"],
            "Bedoelde u: diemen?",
        ),
        (["vergadering-erbij", "bestaat-niet", "--datum", "2026-03-12"], "Onbekend orgaan"),
        (
            ["vergadering-eraf", "plenair-overleg", "--datum", "2026-03-12"],
            "heeft geen vergadering op 2026-03-12",
        ),
        (
            ["vergadering-wijzig", "plenair-overleg", "--datum", "2026-03-12"],
            "heeft geen vergadering op 2026-03-12",
        ),
    ],
)
def test_wrong_use_is_refused_in_dutch_with_exit_status_2(runner, gedeeld, argumenten, melding):
    voor = gedeeld.read_bytes()
    uitvoer = amctl(runner, gedeeld, *argumenten)
    assert uitvoer.exit_code == 2, uitvoer.output
    assert melding in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


def test_a_second_meeting_on_the_same_day_points_to_vergadering_wijzig(runner, gedeeld):
    erbij(runner, gedeeld, "2026-03-12", "diemen")
    zelfde = vergadering_erbij(runner, gedeeld, "2026-03-12", "diemen")
    assert zelfde.exit_code == 0 and "Niets gewijzigd" in zelfde.stdout
    anders = vergadering_erbij(runner, gedeeld, "2026-03-12", "aalsmeer")
    assert anders.exit_code == 2
    assert "amctl vergadering-wijzig plenair-overleg --datum 2026-03-12" in anders.stderr
