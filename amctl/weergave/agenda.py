"""`amctl agenda`: recorded and planned meetings as an iCalendar file (RFC 5545) that Outlook,
Google Agenda and Apple Agenda import.

- UID: the body's id, the year and the how-manieth meeting of that year, e.g.
  `plenair-overleg-2027-1@amctl.amstelland-meerlanden`. A planned meeting and the meeting
  later recorded in its place share the UID, so a new import updates the event instead of
  adding a second one.
- DTSTAMP is not the clock but the date of the body's last recorded fact (its last meeting
  or chair turn), at midnight UTC: the same data give the same file, byte for byte, and each
  new record makes every event of the body newer, so that calendars accept the update.
- SEQUENCE is 0 for a planned meeting and 1 for a recorded one: the record supersedes the plan.
- Every event is all-day (DTSTART;VALUE=DATE, DTEND the next day) and TRANSPARENT: it marks
  the day without blocking it. Dates only, so no time zones are needed.
- A planned meeting has a month, not a day: it stands on the first day of that month with
  STATUS:TENTATIVE, and its title and description say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from amctl.model import Orgaan, Organisatie
from amctl.rooster import Agendapunt, Vergaderbeurt
from amctl.tekst import zichtbaar

DOMEIN = "amctl.amstelland-meerlanden"
PRODID = "-//Amstelland-Meerlanden Overleg//amctl//NL"


def uid(orgaan: str, vergadering: Vergaderbeurt) -> str:
    return f"{orgaan}-{vergadering.jaar}-{vergadering.nummer}@{DOMEIN}"


def kalendernaam(org: Organisatie, organen: Sequence[Orgaan]) -> str:
    """'Plenair overleg (Amstelland-Meerlanden Overleg)': the bodies, with the body they are
    part of when they share one."""
    namen = ", ".join(o.naam for o in organen) or "Vergaderingen"
    ouders = {o.onderdeel_van for o in organen}
    if len(ouders) == 1 and (ouder := ouders.pop()) is not None:
        return f"{namen} ({org.organen[ouder].naam})"
    return namen


def _regel(tekst: str) -> str:
    return zichtbaar(tekst, eenregelig=True)


def _omschrijving(org: Organisatie, v: Vergaderbeurt) -> str:
    regels = []
    if v.gepland:
        regels.append(
            f"Gepland voor {v.wanneer}; de dag is nog niet bekend, daarom staat de vergadering "
            "op de eerste dag van de maand."
        )
    else:
        regels.append("Vastgelegd.")
    if v.gemeente:
        gastheer = org.gemeenten[v.gemeente].naam
        regels.append(f"Gastheer: {gastheer}" + (f" ({v.reden})" if v.reden else ""))
    if v.plaats:
        regels.append(f"Plaats: {v.plaats}")
    regels.append(f"Voorzitter: {v.voorzitter}")
    if v.thema:
        regels.append(f"Thema: {v.thema}")
    if v.bron:
        regels.append("Bron: " + "; ".join(org.bronnen[b].titel for b in v.bron))
    return "\n".join(_regel(r) for r in regels)


def _gebeurtenis(org: Organisatie, punt: Agendapunt) -> Event:
    v = punt.vergadering
    orgaan = punt.orgaan
    gemeente = org.gemeenten[v.gemeente].naam if v.gemeente else None
    titel = orgaan.naam + (f" in {gemeente}" if gemeente else "")
    if v.gepland:
        titel += f" (gepland, {v.wanneer})"
    event = Event()
    event.add("uid", uid(orgaan.id, v))
    event.add("dtstamp", datetime.combine(punt.stand, time(0), tzinfo=UTC))
    event.add("sequence", 0 if v.gepland else 1)
    event.add("dtstart", v.datum)
    event.add("dtend", v.datum + timedelta(days=1))
    event.add("summary", _regel(titel))
    if gemeente:
        event.add("location", _regel(", ".join(filter(None, (v.plaats, gemeente)))))
    event.add("description", _omschrijving(org, v))
    event.add("status", "TENTATIVE" if v.gepland else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def als_ics(org: Organisatie, punten: Sequence[Agendapunt], naam: str) -> bytes:
    """The calendar as bytes: CRLF line ends and folded lines, as RFC 5545 asks."""
    kalender = Calendar()
    kalender.add("prodid", PRODID)
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("method", "PUBLISH")
    kalender.add("x-wr-calname", _regel(naam))
    for punt in punten:
        kalender.add_component(_gebeurtenis(org, punt))
    return kalender.to_ical()
