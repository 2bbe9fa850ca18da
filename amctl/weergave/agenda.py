"""`amctl agenda`: recorded and planned meetings as an iCalendar file (RFC 5545) that Outlook,
Google Agenda, Apple Agenda and khal import, with the life of each meeting (RFC 5546), as
amctl.rooster.agenda computes it:

- UID: one per meeting for its whole life, planned, recorded and moved: the one in the file
  (`uid`), else the body and the how-manieth meeting it is, e.g.
  `plenair-overleg-13@amctl.amstelland-meerlanden`.
- SEQUENCE rises with every change and DTSTAMP is the time of that change, never the clock
  or the query date, so the same data give the same bytes: for a plan the day it last
  changed (a recorded meeting, a planned month that passed, a dated change in the file), as a
  day number; for a recorded meeting `volgnummer` and `gewijzigd` from the file (set by
  vergadering-wijzig), above the plan it replaced.
- A planned meeting that the plan no longer holds (its month passed and the round got
  shorter, a gemeente left, the body ended) stays in the file as STATUS:CANCELLED, so that a
  calendar that imported it takes it out.
- A meeting with `tijd` (and `eind`) is a timed event in Europe/Amsterdam (TZID, with its
  VTIMEZONE); without, an all-day event (DTSTART;VALUE=DATE, DTEND the next day). Every event
  is TRANSPARENT: it marks the time without blocking it.
- A planned meeting has a month, not a day: it stands on the first day of that month with
  STATUS:TENTATIVE, and its title and description say so.
- The chair: the post, and the name of who holds it when the file knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from amctl.model import Orgaan, Organisatie
from amctl.rooster import Agendapunt, Vergaderbeurt, vergader_uid, voorzitter_naam
from amctl.tekst import zichtbaar

TIJDZONE = "Europe/Amsterdam"

DOMEIN = "amctl.amstelland-meerlanden"
PRODID = "-//Amstelland-Meerlanden Overleg//amctl//NL"


def uid(orgaan: Orgaan, vergadering: Vergaderbeurt) -> str:
    return f"{vergader_uid(orgaan, vergadering)}@{DOMEIN}"


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


def _omschrijving(org: Organisatie, punt: Agendapunt) -> str:
    v = punt.vergadering
    regels = []
    if punt.geannuleerd:
        regels.append(
            "Vervallen: het rooster plant deze vergadering niet meer (de maand ging voorbij "
            "zonder vastgelegde vergadering, of de deelnemers veranderden)."
        )
    elif v.gepland:
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
    naam = voorzitter_naam(org, punt.orgaan, v)
    regels.append(f"Voorzitter: {v.voorzitter}" + (f" ({naam})" if naam else ""))
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
    if punt.geannuleerd:
        titel += f" (vervallen, was gepland in {v.wanneer})"
    elif v.gepland:
        titel += f" (gepland, {v.wanneer})"
    event = Event()
    event.add("uid", f"{punt.uid}@{DOMEIN}")
    event.add("dtstamp", punt.stempel)
    event.add("sequence", punt.volgnummer)
    if v.tijd is not None and not v.gepland:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(TIJDZONE)
        begin = datetime.combine(v.datum, v.tijd, tzinfo=zone)
        event.add("dtstart", begin)
        if v.eind is not None:
            event.add("dtend", datetime.combine(v.datum, v.eind, tzinfo=zone))
        else:
            event.add("duration", timedelta(hours=2))
    else:
        event.add("dtstart", v.datum)
        event.add("dtend", v.datum + timedelta(days=1))
    event.add("summary", _regel(titel))
    if gemeente:
        event.add("location", _regel(", ".join(filter(None, (v.plaats, gemeente)))))
    event.add("description", _omschrijving(org, punt))
    if punt.geannuleerd:
        event.add("status", "CANCELLED")
    else:
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
    if any(p.vergadering.tijd is not None and not p.vergadering.gepland for p in punten):
        kalender.add_missing_timezones()  # the VTIMEZONE of Europe/Amsterdam
    return kalender.to_ical()
