"""`amctl agenda`: recorded and planned meetings as an iCalendar file. Read back with the
`icalendar` library, as a calendar program would; UIDs stable across runs; the same data give
the same bytes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from amctl.bestand import OMGEVINGSVARIABELE
from amctl.cli import app

VERGADERINGEN = Path(__file__).parent / "fixtures" / "vergaderingen.yaml"
PEILDATUM = "2026-11-30"
DOMEIN = "@amctl.amstelland-meerlanden"
NIEUWE_VERGADERING = (
    "      - {datum: 2026-10-08, gemeente: diemen, thema: Samen inkopen voor de jeugdzorg, "
    "bron: fictieve-verslagen}\n"
)


@pytest.fixture(autouse=True)
def schone_omgeving(monkeypatch):
    monkeypatch.delenv(OMGEVINGSVARIABELE, raising=False)


@pytest.fixture
def agenda(runner, tmp_path):
    """Write the calendar of a file with --uit and return its bytes."""

    def maak(*args: str, bestand: Path = VERGADERINGEN, naam: str = "agenda.ics") -> bytes:
        uit = tmp_path / naam
        resultaat = runner.invoke(
            app,
            ["agenda", *args, "--uit", str(uit), "-f", str(bestand), "--peildatum", PEILDATUM],
        )
        assert resultaat.exit_code == 0, resultaat.stderr
        return uit.read_bytes()

    return maak


def gebeurtenissen(ics: bytes) -> list:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def test_the_calendar_has_the_headers_calendars_need(agenda):
    kalender = Calendar.from_ical(agenda())

    assert str(kalender["VERSION"]) == "2.0"
    assert str(kalender["PRODID"]) == "-//Amstelland-Meerlanden Overleg//amctl//NL"
    assert str(kalender["CALSCALE"]) == "GREGORIAN"
    assert str(kalender["METHOD"]) == "PUBLISH"
    assert str(kalender["X-WR-CALNAME"]) == "Plenair overleg (Amstelland-Meerlanden Overleg)"


def test_recorded_and_planned_meetings_have_stable_uids(agenda):
    uids = [str(e["UID"]) for e in gebeurtenissen(agenda("--tot", "2030"))]

    # the how-manieth meeting of the body: 4 recorded, then 8 planned through 2030
    assert uids == [f"plenair-overleg-{n}{DOMEIN}" for n in range(1, 13)]


def test_a_recorded_meeting_is_a_confirmed_all_day_event_on_its_day(agenda):
    eerste = gebeurtenissen(agenda())[2]

    assert eerste.decoded("DTSTART") == date(2026, 3, 12)
    assert eerste.decoded("DTEND") == date(2026, 3, 13)
    assert str(eerste["STATUS"]) == "CONFIRMED"
    assert str(eerste["SUMMARY"]) == "Plenair overleg in Ouder-Amstel"
    assert str(eerste["LOCATION"]) == "Dorpshuis, Ouder-Amstel"
    beschrijving = str(eerste["DESCRIPTION"])
    assert beschrijving.startswith("Vastgelegd.\n")
    assert "Voorzitter: burgemeester van Diemen" in beschrijving
    assert "Thema: Energie uit de regio" in beschrijving


def test_a_planned_meeting_is_tentative_on_the_first_day_of_its_month(agenda):
    gepland = gebeurtenissen(agenda())[4]

    assert gepland.decoded("DTSTART") == date(2027, 3, 1)
    assert str(gepland["STATUS"]) == "TENTATIVE"
    assert str(gepland["SUMMARY"]) == "Plenair overleg in Aalsmeer (gepland, maart 2027)"
    beschrijving = str(gepland["DESCRIPTION"])
    assert beschrijving.startswith("Gepland voor maart 2027; de dag is nog niet bekend")
    assert "Gastheer: Aalsmeer (geen beurt als gastheer vastgelegd)" in beschrijving
    assert "Voorzitter: burgemeester van Amstelveen" in beschrijving


def test_dates_are_dates_and_no_event_blocks_the_day(agenda):
    ics = agenda()

    assert b"DTSTART;VALUE=DATE:20250313\r\n" in ics
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in gebeurtenissen(ics))
    assert b"VTIMEZONE" not in ics


def test_dtstamp_is_the_time_of_the_change_not_the_clock_or_the_query_date(agenda):
    punten = gebeurtenissen(agenda())
    gepland = {e.decoded("DTSTAMP") for e in punten if str(e["STATUS"]) == "TENTATIVE"}
    vastgelegd = [e.decoded("DTSTAMP") for e in punten if str(e["STATUS"]) == "CONFIRMED"]

    assert gepland == {datetime(2026, 10, 8, tzinfo=UTC)}  # the plan changed at the last record
    assert vastgelegd == [
        datetime(2025, 3, 13, tzinfo=UTC),
        datetime(2025, 10, 9, tzinfo=UTC),
        datetime(2026, 3, 12, tzinfo=UTC),
        datetime(2026, 10, 8, tzinfo=UTC),
    ]


def test_a_later_query_date_without_a_change_gives_the_same_bytes(runner, tmp_path):
    def kalender(dag: str) -> bytes:
        uit = tmp_path / f"{dag}.ics"
        argumenten = ["agenda", "--uit", str(uit), "-f", str(VERGADERINGEN), "-d", dag]
        assert runner.invoke(app, argumenten).exit_code == 0
        return uit.read_bytes()

    # nothing recorded, no planned month passed, nothing dated in between
    assert kalender("2026-11-30") == kalender("2027-02-15")
    assert kalender("2026-11-30") != kalender("2027-04-15")  # March 2027 passed unrecorded


def test_the_same_data_give_the_same_bytes(agenda):
    assert agenda(naam="een.ics") == agenda(naam="twee.ics")


def test_without_uit_the_calendar_goes_to_stdout(runner, agenda):
    resultaat = runner.invoke(app, ["agenda", "-f", str(VERGADERINGEN), "--peildatum", PEILDATUM])

    assert resultaat.exit_code == 0
    assert resultaat.stdout_bytes == agenda()
    assert "let op: Plenair overleg: De bronnen spreken elkaar tegen" in resultaat.stderr


def test_lines_end_in_crlf_and_are_folded_at_75_octets(agenda):
    regels = agenda().split(b"\r\n")

    assert regels[-1] == b""
    assert all(b"\n" not in r and len(r) <= 75 for r in regels)


def test_recording_a_planned_meeting_updates_its_event(agenda, schrijf):
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    assert NIEUWE_VERGADERING in tekst
    aangevuld = schrijf(
        tekst.replace(
            NIEUWE_VERGADERING,
            NIEUWE_VERGADERING + "      - {datum: 2027-03-11, gemeente: aalsmeer}\n",
        )
    )
    voor = {str(e["UID"]): e for e in gebeurtenissen(agenda())}

    na = {str(e["UID"]): e for e in gebeurtenissen(agenda(bestand=aangevuld))}

    oud, nieuw = voor[f"plenair-overleg-5{DOMEIN}"], na[f"plenair-overleg-5{DOMEIN}"]
    assert (str(oud["STATUS"]), str(nieuw["STATUS"])) == ("TENTATIVE", "CONFIRMED")
    assert nieuw.decoded("DTSTART") == date(2027, 3, 11)
    assert nieuw.decoded("DTSTAMP") > oud.decoded("DTSTAMP")
    assert int(nieuw["SEQUENCE"]) > int(oud["SEQUENCE"])


def test_the_summary_of_the_written_file(runner, tmp_path):
    uit = tmp_path / "agenda.ics"

    resultaat = runner.invoke(
        app,
        ["agenda", "plenair", "--uit", str(uit), "-f", str(VERGADERINGEN), "-d", PEILDATUM],
    )

    assert resultaat.stdout == (
        f"11 vergaderingen uit '{VERGADERINGEN}' in '{uit}': 4 vastgelegd, 7 gepland.\n"
    )


def test_a_body_with_nothing_for_the_calendar_is_a_usage_error(runner):
    resultaat = runner.invoke(app, ["agenda", "regiegroep", "-f", str(VERGADERINGEN)])

    assert resultaat.exit_code == 2
    assert "'regiegroep' heeft geen vastgelegde vergaderingen" in resultaat.stderr


def test_an_unwritable_place_is_a_usage_error_and_writes_nothing(runner, tmp_path):
    uit = tmp_path / "bestaat-niet" / "agenda.ics"

    resultaat = runner.invoke(app, ["agenda", "--uit", str(uit), "-f", str(VERGADERINGEN)])

    assert resultaat.exit_code == 2
    assert "de map" in resultaat.stderr
    assert not uit.parent.exists()


def test_the_shipped_data_give_a_plan_without_recorded_meetings(agenda, gedeeld_bestand):
    statussen = {str(e["STATUS"]) for e in gebeurtenissen(agenda(bestand=gedeeld_bestand))}

    assert statussen == {"TENTATIVE"}


def test_the_calendar_invents_no_meeting_beyond_the_rhythm(runner, tmp_path):
    """Recorded in February and June 2027, after years in March and October: the calendar
    holds no third 2027 meeting, and the plan follows the months of the last full year."""
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    extra = (
        "      - {datum: 2027-02-11, gemeente: aalsmeer}\n"
        "      - {datum: 2027-06-10, gemeente: de-ronde-venen}\n"
    )
    bestand = tmp_path / "meer.yaml"
    bestand.write_text(tekst.replace(NIEUWE_VERGADERING, NIEUWE_VERGADERING + extra, 1))
    uit = tmp_path / "agenda.ics"

    resultaat = runner.invoke(
        app,
        ["agenda", "--uit", str(uit), "-f", str(bestand), "-d", "2027-07-01", "--tot", "2028"],
    )

    assert resultaat.exit_code == 0, resultaat.stderr
    dagen = [e.decoded("DTSTART") for e in gebeurtenissen(uit.read_bytes())]
    assert [d for d in dagen if d.year == 2027] == [date(2027, 2, 11), date(2027, 6, 10)]
    assert [d for d in dagen if d.year == 2028] == [date(2028, 2, 1), date(2028, 6, 1)]
