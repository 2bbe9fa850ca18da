"""The life of a meeting in a calendar (RFC 5545/5546), as a real client sees it: successive
feeds of `amctl agenda` re-imported into khal (Debian's khal, installed by the README's test
command), and read with a second parser (recurring-ical-events on icalendar) that merges the
feeds the way RFC 5546 says: per UID the event with the highest SEQUENCE, then DTSTAMP, wins.

The fixture is tests/fixtures/vergaderingen.yaml: the plenair overleg meets in March and
October, four meetings recorded up to 2026-10-08; the plan continues from Aalsmeer in March
2027."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from amctl.bestand import OMGEVINGSVARIABELE
from amctl.cli import app

VERGADERINGEN = Path(__file__).parent / "fixtures" / "vergaderingen.yaml"


@pytest.fixture(autouse=True)
def schone_omgeving(monkeypatch):
    monkeypatch.delenv(OMGEVINGSVARIABELE, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15T08:00:00Z


@pytest.fixture
def bestand(tmp_path) -> Path:
    return Path(shutil.copy(VERGADERINGEN, tmp_path / "vergaderingen.yaml"))


@pytest.fixture
def feed(runner, tmp_path, bestand):
    """The calendar of the file on a peildatum, written with --uit; its path."""
    teller = iter(range(1, 100))

    def maak(peildatum: str, *extra: str) -> Path:
        uit = tmp_path / f"feed-{next(teller)}.ics"
        resultaat = runner.invoke(
            app, ["agenda", *extra, "--uit", str(uit), "-f", str(bestand), "-d", peildatum]
        )
        assert resultaat.exit_code == 0, resultaat.output
        return uit

    return maak


def amctl(runner, bestand: Path, *argumenten: str) -> None:
    resultaat = runner.invoke(app, [*argumenten, "-f", str(bestand)])
    assert resultaat.exit_code == 0, resultaat.output


class Khal:
    """khal with its own configuration and calendar folder in tmp_path."""

    def __init__(self, map: Path) -> None:
        (map / "kalender").mkdir(parents=True)
        self.config = map / "khal.conf"
        self.config.write_text(
            "[calendars]\n[[amctl]]\n"
            f"path = {map / 'kalender'}\ntype = calendar\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
            "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
            "longdatetimeformat = %Y-%m-%d %H:%M\n"
            "default_timezone = Europe/Amsterdam\nlocal_timezone = Europe/Amsterdam\n"
            f"[sqlite]\npath = {map / 'khal.db'}\n",
            encoding="utf-8",
        )

    def _khal(self, *argumenten: str) -> str:
        assert shutil.which("khal"), "khal ontbreekt: apt-get install khal (zie de README)"
        uitkomst = subprocess.run(
            ["khal", "-c", str(self.config), *argumenten],
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "HOME": str(self.config.parent), "TZ": "UTC"},
        )
        assert uitkomst.returncode == 0, uitkomst.stderr
        return uitkomst.stdout

    def importeer(self, pad: Path) -> None:
        self._khal("import", "--batch", str(pad))

    def lijst(self) -> list[str]:
        uit = self._khal(
            "list",
            "2025-01-01",
            "2031-12-31",
            "--format",
            "{start} {cancelled}{title}",
            "--day-format",
            "",
        )
        return [r for r in uit.splitlines() if r.strip()]


def _samengevoegd(*feeds: Path) -> dict[str, object]:
    """The feeds merged as RFC 5546 says: per UID the event with the highest (SEQUENCE,
    DTSTAMP); one that is not newer than what the client has is ignored."""
    bekend: dict[str, object] = {}
    for pad in feeds:
        for event in Calendar.from_ical(pad.read_bytes()).walk("VEVENT"):
            sleutel = (int(event["SEQUENCE"]), event.decoded("DTSTAMP"))
            oud = bekend.get(str(event["UID"]))
            if oud is None or sleutel > (int(oud["SEQUENCE"]), oud.decoded("DTSTAMP")):
                bekend[str(event["UID"])] = event
    return bekend


def _getoond(bekend: dict[str, object]) -> list[tuple[date, str]]:
    """What a calendar shows from the merged events, read with recurring-ical-events."""
    import recurring_ical_events

    kalender = Calendar()
    for event in bekend.values():
        kalender.add_component(event)
    return sorted(
        (e.decoded("DTSTART"), str(e["SUMMARY"]))
        for e in recurring_ical_events.of(kalender).between(date(2025, 1, 1), date(2032, 1, 1))
        if str(e.get("STATUS")) != "CANCELLED"
    )


def _gepland(regels: list[str]) -> list[str]:
    return [r for r in regels if "(gepland" in r and "CANCELLED" not in r]


def test_khal_shows_one_meeting_per_planned_month_after_a_month_passes_unrecorded(feed, tmp_path):
    khal = Khal(tmp_path / "khal")
    khal.importeer(feed("2026-11-30", "--tot", "2028"))
    khal.importeer(feed("2027-04-15", "--tot", "2028"))  # March 2027 passed unrecorded

    regels = khal.lijst()
    gepland = _gepland(regels)
    assert [r.split()[0] for r in gepland] == ["2027-10-01", "2028-03-01", "2028-10-01"]
    gastheren = [r.split(" in ", 1)[1].split(" (")[0] for r in gepland]
    assert gastheren == ["Aalsmeer", "De Ronde Venen", "Uithoorn"]  # each once
    # The meeting the plan no longer holds is cancelled, not left standing.
    assert any(r.startswith("2028-10-01 CANCELLED Plenair overleg in Amstelveen") for r in regels)


def test_the_second_parser_sees_the_same_after_merging_by_sequence(feed):
    eerst = feed("2026-11-30", "--tot", "2028")
    later = feed("2027-04-15", "--tot", "2028")

    bekend = _samengevoegd(eerst, later)
    getoond = [(d, t) for d, t in _getoond(bekend) if "gepland" in t]
    assert [d for d, _ in getoond] == [date(2027, 10, 1), date(2028, 3, 1), date(2028, 10, 1)]
    # every event that changed carries a higher SEQUENCE than before, so it was taken
    voor = {str(e["UID"]): e for e in Calendar.from_ical(eerst.read_bytes()).walk("VEVENT")}
    for uid, event in bekend.items():
        if uid in voor and event.to_ical() != voor[uid].to_ical():
            assert int(event["SEQUENCE"]) > int(voor[uid]["SEQUENCE"]), uid
    assert str(bekend["plenair-overleg-8@amctl.amstelland-meerlanden"]["STATUS"]) == "CANCELLED"


def test_a_planned_meeting_recorded_then_moved_keeps_its_uid_and_is_updated_each_time(
    runner, feed, bestand, tmp_path
):
    khal = Khal(tmp_path / "khal")
    feeds = [feed("2026-11-30")]
    amctl(runner, bestand, "vergadering-erbij", "plenair", "-D", "2027-03-11", "-g", "aalsmeer")
    feeds.append(feed("2027-03-20"))
    amctl(
        runner,
        bestand,
        "vergadering-wijzig",
        "plenair",
        "-D",
        "2027-03-11",
        "--nieuwe-datum",
        "2027-03-18",
        "--tijd",
        "19:30",
        "--eind",
        "21:30",
    )
    feeds.append(feed("2027-03-20"))
    for pad in feeds:
        khal.importeer(pad)

    uid = "plenair-overleg-5@amctl.amstelland-meerlanden"
    stappen = [
        {str(e["UID"]): e for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")}[uid]
        for p in feeds
    ]
    assert [str(e["STATUS"]) for e in stappen] == ["TENTATIVE", "CONFIRMED", "CONFIRMED"]
    volgnummers = [int(e["SEQUENCE"]) for e in stappen]
    assert volgnummers == sorted(set(volgnummers)), volgnummers  # raised at every change
    assert stappen[2].decoded("DTSTAMP") == datetime.fromisoformat("2027-01-15T08:00:00+00:00")
    assert "volgnummer: " in bestand.read_text() and 'gewijzigd: "2027-01-15T08:00:00Z"' in (
        bestand.read_text()
    )
    # khal: one Aalsmeer meeting, at its new time, no planned one beside it
    aalsmeer = [r for r in khal.lijst() if "Aalsmeer" in r and r.startswith("2027")]
    assert aalsmeer == ["2027-03-18 19:30 Plenair overleg in Aalsmeer"], khal.lijst()
    bekend = _samengevoegd(*feeds)
    assert bekend[uid].decoded("DTSTART").isoformat() == "2027-03-18T19:30:00+01:00"


def test_a_timed_meeting_is_in_amsterdam_time_with_its_vtimezone(runner, feed, bestand):
    amctl(
        runner,
        bestand,
        "vergadering-erbij",
        "plenair",
        "-D",
        "2027-06-10",
        "-g",
        "aalsmeer",
        "--tijd",
        "19:30",
    )
    ics = feed("2027-06-20").read_bytes()

    assert b"DTSTART;TZID=Europe/Amsterdam:20270610T193000\r\n" in ics
    assert b"DURATION:PT2H\r\n" in ics
    kalender = Calendar.from_ical(ics)
    assert [str(z["TZID"]) for z in kalender.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    event = next(e for e in kalender.walk("VEVENT") if "20270610" in e.to_ical().decode())
    assert event.decoded("DTSTART").utcoffset().total_seconds() == 7200  # summer time


def test_an_end_before_the_start_is_a_usage_error(runner, bestand):
    resultaat = runner.invoke(
        app,
        [
            "vergadering-erbij",
            "plenair",
            "-D",
            "2027-06-10",
            "--tijd",
            "19:30",
            "--eind",
            "18:00",
            "-f",
            str(bestand),
        ],
    )
    assert resultaat.exit_code == 2
    assert "eindigt (18:00) niet na het begin (19:30)" in resultaat.stderr
    resultaat = runner.invoke(
        app,
        ["vergadering-erbij", "plenair", "-D", "2027-06-10", "--tijd", "7u", "-f", str(bestand)],
    )
    assert resultaat.exit_code == 2 and "geen tijd" in resultaat.stderr


def test_the_chair_is_named_when_the_file_names_the_holder(feed, bestand):
    tekst = bestand.read_text(encoding="utf-8")
    bestand.write_text(
        tekst.replace(
            "personen: {}\n",
            "personen:\n  fictief-burgemeester-amstelveen:\n    naam: Fictieve Burgemeester\n"
            "    functies:\n      - {functie: burgemeester, gemeente: amstelveen, "
            "vanaf: 2020-01-01}\n",
        ),
        encoding="utf-8",
    )
    beschrijvingen = [
        str(e["DESCRIPTION"])
        for e in Calendar.from_ical(feed("2026-11-30").read_bytes()).walk("VEVENT")
    ]
    assert any(
        "Voorzitter: burgemeester van Amstelveen (Fictieve Burgemeester)" in b
        for b in beschrijvingen
    )
