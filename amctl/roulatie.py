"""Who has a turn: the record of turns in the file, the fair order of the coming turns, and
the terms of a rotating chair.

Plain functions on a valid model, like amctl.vragen. The domain rules AM320-AM328 read the
record with the same functions as the plan (`deelnemers`, `vergaderingen`, `beurten`), so that
the check and the plan agree on who takes part and what a turn is; amctl.rooster plans the
meetings with them, and the chair of each meeting.

Fair means: the gemeente that waited longest goes first, one that never had a turn waited
longest, and ties go in file order. Over any N consecutive planned turns among N gemeenten,
each has exactly one (tests/test_rooster.py checks this as a property).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from amctl.model import Orgaan, Organisatie, Vergadering, Voorzitter, geldig_op, overlapt
from amctl.vragen import functienaam, voorzitter_tekst

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
LAATSTE_JAAR = 9000  # far enough for any plan, and every date stays computable


def datum_tekst(d: date) -> str:
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def _plus_maanden(dag: date, maanden: int) -> date | None:
    """The same day `maanden` months later (the last day of a shorter month); None beyond
    the years a plan may reach."""
    jaar, maand = divmod(dag.year * 12 + dag.month - 1 + maanden, 12)
    if jaar > LAATSTE_JAAR:
        return None
    return date(jaar, maand + 1, min(dag.day, calendar.monthrange(jaar, maand + 1)[1]))


# --- reading the record ---------------------------------------------------------------------


def deelnemers(org: Organisatie, orgaan: Orgaan, dag: date) -> list[str]:
    """The gemeenten (ids, in file order) that take part in the body on the day: those taking
    part in the cooperation that a per-gemeente rule of the composition covers."""
    gedekt: set[str] = set()
    alle = False
    for regel in orgaan.samenstelling:
        if geldig_op(regel, dag) and org.functies[regel.functie].per_gemeente:
            if regel.gemeenten is None:
                alle = True
            else:
                gedekt.update(regel.gemeenten)
    return [g.id for g in org.gemeenten.values() if geldig_op(g, dag) and (alle or g.id in gedekt)]


def wisselt_van_plaats(orgaan: Orgaan, dag: date) -> bool:
    """Does a rhythm valid on the day say 'steeds in een andere gemeente'?"""
    return any(r.locatie == "wisselend" and geldig_op(r, dag) for r in orgaan.vergaderritme)


def rotatie(orgaan: Orgaan, dag: date) -> Voorzitter | None:
    """The rotating-chair rule (`roulerend: true`) that holds on the day, if any."""
    return next((v for v in orgaan.voorzitter if v.roulerend and geldig_op(v, dag)), None)


def vergaderingen(orgaan: Orgaan) -> list[Vergadering]:
    """The recorded meetings by date; on one date, in file order."""
    return sorted(orgaan.vergaderingen, key=lambda v: v.datum)


class Beurt(NamedTuple):
    """A recorded turn of a rotating chair: a dated chair entry under the rotation."""

    gemeente: str | None  # None when the entry does not tell which gemeente
    vanaf: date | None
    tot_en_met: date | None
    voorzitter: Voorzitter


def beurten(org: Organisatie, orgaan: Orgaan) -> list[Beurt]:
    """The chair entries that name a functie or person within a rotation's period, by start."""
    regels = [v for v in orgaan.voorzitter if v.roulerend]
    gevonden = [
        Beurt(_gemeente_van(org, orgaan, v), v.vanaf, v.tot_en_met, v)
        for v in orgaan.voorzitter
        if not v.roulerend and any(overlapt(v, r) for r in regels)
    ]
    return sorted(gevonden, key=lambda b: b.vanaf or date.min)


def _gemeente_van(org: Organisatie, orgaan: Orgaan, v: Voorzitter) -> str | None:
    """A chair entry names a gemeente directly, or a person who sits for one."""
    if v.gemeente is not None or v.persoon is None:
        return v.gemeente
    for lid in orgaan.leden:
        if lid.persoon == v.persoon and lid.gemeente and overlapt(lid, v):
            return lid.gemeente
    functies = {r.functie for r in orgaan.samenstelling}
    persoon = org.personen.get(v.persoon)
    for b in persoon.functies if persoon else ():
        if b.functie in functies and b.gemeente and overlapt(b, v):
            return b.gemeente
    return None


# --- fair turns ------------------------------------------------------------------------------


def volgorde(
    vastgelegd: Sequence[str | None], deelnemers_per_beurt: Sequence[Sequence[str]]
) -> list[tuple[str | None, int | None]]:
    """Who takes each coming turn, after the recorded turns (`None`: unknown who).

    For each turn: the participant whose last turn is longest ago; one who never had a turn
    first; ties in the order given. Returns (gemeente, index of that gemeente's previous turn
    in recorded + planned turns, None if never); (None, None) for a turn without participants.
    """
    laatst: dict[str, int] = {g: i for i, g in enumerate(vastgelegd) if g is not None}
    gekozen: list[tuple[str | None, int | None]] = []
    for nummer, kandidaten in enumerate(deelnemers_per_beurt, start=len(vastgelegd)):
        if not kandidaten:
            gekozen.append((None, None))
            continue
        keuze = min(kandidaten, key=lambda g: laatst.get(g, -1))
        gekozen.append((keuze, laatst.get(keuze)))
        laatst[keuze] = nummer
    return gekozen


def vorige_tekst(
    rol: str, index: int | None, vastgelegd: Sequence, gepland: Sequence, tekst
) -> str:
    if index is None:
        # The file's record, not the history: no recorded turn is not 'never'.
        if not vastgelegd:
            return f"geen {'vergaderingen' if rol == 'gastheer' else 'beurten'} vastgelegd"
        return f"geen beurt als {rol} vastgelegd"
    if index < len(vastgelegd):
        return f"laatst {rol} {tekst(vastgelegd[index], False)}"
    return f"vorige beurt gepland {tekst(gepland[index - len(vastgelegd)], True)}"


# --- the terms of a rotating chair -----------------------------------------------------------


class Voorzittersbeurt(NamedTuple):
    """A term of a rotating chair, recorded or planned."""

    vanaf: date | None
    tot_en_met: date | None
    gepland: bool
    gemeente: str | None
    voorzitter: str
    status: str  # vastgelegd, gepland, loopt/verstreken (niet vastgelegd), zonder datum
    reden: str = ""


def voorzittersfunctie(org: Organisatie, orgaan: Orgaan, dag: date) -> str | None:
    """The post in whose name a gemeente chairs: the functie the body's chair entries name
    (burgemeester), else the one seat per gemeente of its composition (gemeentesecretaris)."""
    for v in sorted(orgaan.voorzitter, key=lambda v: not geldig_op(v, dag)):
        if v.functie is not None:
            return v.functie
    for regel in orgaan.samenstelling:
        functie = org.functies[regel.functie]
        een_per_gemeente = regel.aantal == 1 or (regel.aantal is None and functie.zetels == 1)
        if geldig_op(regel, dag) and functie.per_gemeente and een_per_gemeente:
            return regel.functie
    return None


def voorzitter_namens(org: Organisatie, orgaan: Orgaan, gemeente: str, dag: date) -> str:
    """'gemeentesecretaris van Uithoorn': the chair when a gemeente has the turn."""
    functie = voorzittersfunctie(org, orgaan, dag)
    if functie is None:
        return org.gemeenten[gemeente].naam
    return functienaam(org, functie, gemeente)


def voorzitter_op(
    org: Organisatie, orgaan: Orgaan, dag: date, termijnen: Sequence[Voorzittersbeurt]
) -> str:
    """Who chairs a meeting on the day: a recorded turn, a planned term, or the fixed chair."""
    for t in termijnen:
        if (t.vanaf or date.min) <= dag <= (t.tot_en_met or date.max) and t.gemeente:
            return t.voorzitter + (" (gepland)" if t.gepland else "")
    v = orgaan.voorzitter_op(dag)
    if v is not None and v.roulerend:
        return "roulerend, niet vastgelegd"
    return voorzitter_tekst(org, v)


def vastgelegde_termijnen(
    org: Organisatie, orgaan: Orgaan, peildatum: date
) -> list[Voorzittersbeurt]:
    """Every recorded turn of a rotating chair, as a term."""
    return [
        Voorzittersbeurt(
            b.vanaf,
            b.tot_en_met,
            False,
            b.gemeente,
            voorzitter_namens(org, orgaan, b.gemeente, b.vanaf or peildatum)
            if b.gemeente
            else voorzitter_tekst(org, b.voorzitter),
            "vastgelegd",
        )
        for b in beurten(org, orgaan)
    ]


def plan_voorzitterschap(
    org: Organisatie,
    orgaan: Orgaan,
    termijn: int,
    peildatum: date,
    tot: int | None,
    vastgelegd: Sequence[Voorzittersbeurt],
    toelichting: list[str],
) -> list[Voorzittersbeurt]:
    begin: date | None
    if vastgelegd and vastgelegd[-1].vanaf is not None:
        laatste = vastgelegd[-1]
        einde = laatste.tot_en_met
        if einde is None:
            volgende = _plus_maanden(laatste.vanaf, termijn)
            einde = volgende - timedelta(days=1) if volgende else None
            if einde is not None:
                toelichting.append(
                    f"De lopende beurt heeft geen einde; aangenomen is {termijn} maanden, "
                    f"tot en met {datum_tekst(einde)}."
                )
        begin = einde + timedelta(days=1) if einde is not None and einde < date.max else None
    else:
        begin = _plus_maanden(peildatum.replace(day=1), 1)
        if begin is not None:
            toelichting.append(
                f"Geen beurten vastgelegd; het rooster begint op {datum_tekst(begin)}."
            )
    perioden: list[tuple[date, date]] = []
    laatste_jaar = min(tot if tot is not None else LAATSTE_JAAR, LAATSTE_JAAR)
    while begin is not None and begin.year <= laatste_jaar:
        volgende = _plus_maanden(begin, termijn)
        if volgende is None or (orgaan.tot_en_met is not None and begin > orgaan.tot_en_met):
            break
        if (
            tot is None
            and perioden
            and len(perioden) >= len(deelnemers(org, orgaan, perioden[0][0]))
        ):
            break  # one round
        perioden.append((begin, volgende - timedelta(days=1)))
        begin = volgende
    keuzes = volgorde(
        [b.gemeente for b in vastgelegd], [deelnemers(org, orgaan, v) for v, _ in perioden]
    )

    gepland: list[Voorzittersbeurt] = []
    for (vanaf, tot_en_met), (gemeente, vorige) in zip(perioden, keuzes, strict=True):
        if tot_en_met < peildatum:
            status = "verstreken, niet vastgelegd"
        elif vanaf <= peildatum:
            status = "loopt, niet vastgelegd"
        else:
            status = "gepland"
        gepland.append(
            Voorzittersbeurt(
                vanaf,
                tot_en_met,
                True,
                gemeente,
                voorzitter_namens(org, orgaan, gemeente, vanaf) if gemeente else "niemand",
                status,
                vorige_tekst("voorzitter", vorige, vastgelegd, gepland, _termijn_wanneer)
                if gemeente
                else "geen deelnemende gemeente op die datum",
            )
        )
    return gepland


def _termijn_wanneer(beurt: Voorzittersbeurt, is_gepland: bool) -> str:
    if beurt.tot_en_met is not None:
        return f"t/m {datum_tekst(beurt.tot_en_met)}"
    return f"sinds {datum_tekst(beurt.vanaf)}" if beurt.vanaf else "(datum onbekend)"


def volgende_ronde(
    org: Organisatie, orgaan: Orgaan, peildatum: date, vastgelegd: Sequence[Voorzittersbeurt]
) -> list[Voorzittersbeurt]:
    """Without a term length the turns have no dates, but their order is known: one round,
    fair by the same rule as a dated plan."""
    ronde = deelnemers(org, orgaan, peildatum)
    keuzes = volgorde([b.gemeente for b in vastgelegd], [ronde] * len(ronde))
    return [
        Voorzittersbeurt(
            None,
            None,
            True,
            gemeente,
            voorzitter_namens(org, orgaan, gemeente, peildatum) if gemeente else "niemand",
            "volgende ronde, zonder datum",
            vorige_tekst("voorzitter", vorige, vastgelegd, (), _termijn_wanneer),
        )
        for gemeente, vorige in keuzes
    ]
