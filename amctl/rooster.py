"""Meetings and rotations: who hosts the coming meetings, who chairs the coming terms.

Plain functions on a valid model, like amctl.vragen; the views (amctl.weergave.rooster and
amctl.weergave.agenda) decide how it looks. Who has a turn (the record, the fair order, the
terms of a rotating chair) is amctl.roulatie; this module plans the meetings and puts the
plan together.

Two rotations come from the data, never from a body's name:

- the place: a `vergaderritme` with `locatie: wisselend` ("steeds in een andere gemeente");
  the record is the `vergaderingen` of the body, the plan gives each coming meeting a gemeente;
- the chair: a `voorzitter` with `roulerend: true` and `termijn` (months per turn); the record
  is the dated chair entries under that rotation, the plan gives each coming term a gemeente.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from amctl.model import Orgaan, Organisatie, geldig_op
from amctl.probleem import GebruiksFout
from amctl.roulatie import (
    LAATSTE_JAAR,
    MAANDEN,
    Voorzittersbeurt,
    beurten,
    datum_tekst,
    deelnemers,
    plan_voorzitterschap,
    rotatie,
    vastgelegde_termijnen,
    vergaderingen,
    volgende_ronde,
    volgorde,
    voorzitter_namens,
    voorzitter_op,
    vorige_tekst,
    wisselt_van_plaats,
)
from amctl.tekst import aantal as telwoord
from amctl.tekst import opsomming

# --- the plan --------------------------------------------------------------------------------


class Vergaderbeurt(NamedTuple):
    """A meeting, recorded or planned. A planned one has a month, not a day: `datum` is then
    the first day of that month."""

    jaar: int
    nummer: int  # the how-manieth meeting of the body in that year: with jaar, its identity
    datum: date
    gepland: bool
    gemeente: str | None
    voorzitter: str
    reden: str = ""  # why this gemeente (planned meetings)
    thema: str | None = None
    plaats: str | None = None
    bron: tuple[str, ...] = ()
    rang: int = 0  # the how-manieth meeting of the body in all (recorded, then planned)
    tijd: time | None = None
    eind: time | None = None
    uid: str | None = None  # recorded: as the file has it
    volgnummer: int | None = None  # recorded: as the file has it
    gewijzigd: datetime | None = None  # recorded: as the file has it

    @property
    def status(self) -> str:
        return "gepland" if self.gepland else "vastgelegd"

    @property
    def wanneer(self) -> str:
        if self.gepland:
            return f"{MAANDEN[self.datum.month - 1]} {self.jaar}"
        return datum_tekst(self.datum)


class Rooster(NamedTuple):
    orgaan: Orgaan
    peildatum: date
    tot: int | None  # last year planned; None: one round
    ronde: int  # how many gemeenten take part: one round of turns
    per_jaar: int | None
    maanden: tuple[int, ...]
    vergaderingen: list[Vergaderbeurt]  # every recorded meeting, then the plan
    voorzitterschap: list[Voorzittersbeurt]  # every recorded term, then the plan
    toelichting: list[str]  # the assumptions, one sentence each
    opmerkingen: list[str]  # what the reader must know: disagreeing sources, gaps


def _maanden_tekst(maanden: Sequence[int]) -> str:
    return opsomming([MAANDEN[m - 1] for m in maanden])


def vastgelegde_vergaderingen(
    org: Organisatie, orgaan: Orgaan, termijnen: Sequence[Voorzittersbeurt] = ()
) -> list[Vergaderbeurt]:
    """Every recorded meeting, numbered within its year."""
    per_jaar: Counter[int] = Counter()
    uitkomst = []
    for rang, v in enumerate(vergaderingen(orgaan), start=1):
        per_jaar[v.datum.year] += 1
        if v.voorzitter is not None:
            voorzitter = voorzitter_namens(org, orgaan, v.voorzitter, v.datum)
        else:
            voorzitter = voorzitter_op(org, orgaan, v.datum, termijnen)
        uitkomst.append(
            Vergaderbeurt(
                v.datum.year,
                per_jaar[v.datum.year],
                v.datum,
                False,
                v.gemeente,
                voorzitter,
                thema=v.thema,
                plaats=v.plaats,
                bron=v.bron,
                rang=rang,
                tijd=v.tijd,
                eind=v.eind,
                uid=v.uid,
                volgnummer=v.volgnummer,
                gewijzigd=v.gewijzigd,
            )
        )
    return uitkomst


def _kies_ritme(
    orgaan: Orgaan, peildatum: date, per_jaar: int | None, opmerkingen: list[str]
) -> tuple[int, str]:
    ritmes = [r for r in orgaan.vergaderritme if r.per_jaar and geldig_op(r, peildatum)]
    beschreven = [
        f"{r.per_jaar} x per jaar ({', '.join(r.bron or orgaan.bron) or 'geen bron'})"
        for r in ritmes
    ]
    if per_jaar is None and not ritmes:
        raise GebruiksFout(
            f"Het vergaderritme van '{orgaan.id}' zegt niet hoe vaak het per jaar vergadert; "
            "geef het aantal met --per-jaar N, of leg 'per-jaar' vast bij 'vergaderritme'."
        )
    if per_jaar is not None:
        gekozen, uitleg = per_jaar, f"Ritme: {per_jaar} x per jaar, gekozen met --per-jaar."
    else:
        gekozen, uitleg = ritmes[0].per_jaar or 0, f"Ritme: {beschreven[0]}."
        if len({r.per_jaar for r in ritmes}) > 1:
            opmerkingen.append(
                f"De bronnen spreken elkaar tegen over het ritme: {'; '.join(beschreven)}. "
                f"Gepland met {gekozen} x per jaar, het eerste in het bestand; kies een ander "
                "met --per-jaar."
            )
    if gekozen > 12:
        raise GebruiksFout(
            f"Een rooster plant per maand, dus hoogstens 12 vergaderingen per jaar; het ritme "
            f"van '{orgaan.id}' is {gekozen} x per jaar. Geef --per-jaar 12 of minder."
        )
    return gekozen, uitleg


def _gewone_maanden(per_jaar: int, vastgelegd: Sequence[Vergaderbeurt]) -> tuple[tuple, str]:
    """The months to plan in: those of the last year with exactly `per_jaar` recorded meetings
    in different months; else spread evenly over the year."""
    per_jaar_maanden: dict[int, list[int]] = {}
    for v in vastgelegd:
        per_jaar_maanden.setdefault(v.jaar, []).append(v.datum.month)
    for jaar in sorted(per_jaar_maanden, reverse=True):
        maanden = per_jaar_maanden[jaar]
        if len(maanden) == per_jaar and len(set(maanden)) == per_jaar:
            return tuple(sorted(maanden)), (
                f"Gepland in {_maanden_tekst(sorted(maanden))}, de maanden van {jaar}; de dag "
                "volgt als de vergadering is vastgelegd."
            )
    maanden = sorted({int(12 * i / per_jaar + 6 / per_jaar) + 1 for i in range(per_jaar)})
    return tuple(maanden), (
        f"Gepland in {_maanden_tekst(maanden)}: geen vastgelegd jaar met {per_jaar} "
        "vergaderingen, dus gelijk over het jaar verdeeld; de dag volgt als de vergadering is "
        "vastgelegd."
    )


def _momenten(
    orgaan: Orgaan,
    maanden: Sequence[int],
    na: tuple[int, int],
    tot: int | None,
    ruimte: dict[int, int],
) -> Iterator[date]:
    """The first days of the planned months after the month `na`, while the body exists; in
    a year, only as many as `ruimte` leaves next to the recorded meetings (else the rhythm)."""
    for jaar in range(na[0], min(tot if tot is not None else LAATSTE_JAAR, LAATSTE_JAAR) + 1):
        over = ruimte.get(jaar, len(maanden))
        for maand in maanden:
            dag = date(jaar, maand, 1)
            if orgaan.tot_en_met is not None and dag > orgaan.tot_en_met:
                return
            if over <= 0:
                break
            if (jaar, maand) > na and (orgaan.vanaf is None or dag >= orgaan.vanaf):
                over -= 1
                yield dag


def _plan_vergaderingen(
    org: Organisatie,
    orgaan: Orgaan,
    peildatum: date,
    tot: int | None,
    maanden: Sequence[int],
    vastgelegd: Sequence[Vergaderbeurt],
    termijnen: Sequence[Voorzittersbeurt],
) -> list[Vergaderbeurt]:
    # Never in the past: a month before the peildatum without a recorded meeting had none
    # that anyone knows of, and a plan does not invent one.
    na = (peildatum.year, peildatum.month - 1)
    if vastgelegd:
        na = max(na, (vastgelegd[-1].datum.year, vastgelegd[-1].datum.month))
    per_jaar = len(maanden)
    ruimte = {jaar: per_jaar - n for jaar, n in Counter(v.jaar for v in vastgelegd).items()}
    momenten: list[date] = []
    for dag in _momenten(orgaan, maanden, na, tot, ruimte):
        if tot is None and momenten and len(momenten) >= len(deelnemers(org, orgaan, momenten[0])):
            break  # one round
        momenten.append(dag)
    keuzes = volgorde(
        [v.gemeente for v in vastgelegd], [deelnemers(org, orgaan, dag) for dag in momenten]
    )

    def wanneer(beurt: Vergaderbeurt, is_gepland: bool) -> str:
        return f"in {beurt.wanneer}" if is_gepland else f"op {beurt.wanneer}"

    gepland: list[Vergaderbeurt] = []
    nummers = Counter(v.jaar for v in vastgelegd)
    for rang, (dag, (gemeente, vorige)) in enumerate(
        zip(momenten, keuzes, strict=True), start=len(vastgelegd) + 1
    ):
        nummers[dag.year] += 1
        reden = (
            vorige_tekst("gastheer", vorige, vastgelegd, gepland, wanneer)
            if gemeente
            else "geen deelnemende gemeente op die datum"
        )
        gepland.append(
            Vergaderbeurt(
                dag.year,
                nummers[dag.year],
                dag,
                True,
                gemeente,
                voorzitter_op(org, orgaan, dag, termijnen),
                reden,
                rang=rang,
            )
        )
    return gepland


def te_weinig_vergaderingen(
    per_jaar: int,
    vastgelegd: Sequence[Vergaderbeurt],
    gepland: Sequence[Vergaderbeurt],
    peildatum: date,
) -> list[tuple[int, int]]:
    """Each year from the last recorded meeting up to the peildatum that holds fewer meetings
    (recorded and planned) than the rhythm, with how many it holds: the plan leaves them open
    (the rooster's note, and a line of `amctl signalen`)."""
    if not vastgelegd:
        return []
    aantal = Counter(v.jaar for v in [*vastgelegd, *gepland])
    return [
        (jaar, aantal[jaar])
        for jaar in range(vastgelegd[-1].jaar, peildatum.year + 1)
        if aantal[jaar] < per_jaar
    ]


def _ontbrekende_vergaderingen(
    per_jaar: int,
    vastgelegd: Sequence[Vergaderbeurt],
    gepland: Sequence[Vergaderbeurt],
    peildatum: date,
) -> list[str]:
    """A note for each year of `te_weinig_vergaderingen`."""
    return [
        f"In {jaar}: {telwoord(aantal, 'vergadering', 'vergaderingen')} vastgelegd of "
        "gepland, minder dan het "
        f"ritme van {per_jaar} x per jaar; amctl verzint geen vergadering in het verleden. Leg "
        "vast wat er gebeurde, dan schuift het rooster mee."
        for jaar, aantal in te_weinig_vergaderingen(per_jaar, vastgelegd, gepland, peildatum)
    ]


def maak_rooster(
    org: Organisatie,
    orgaan: Orgaan,
    peildatum: date,
    tot: int | None = None,
    per_jaar: int | None = None,
) -> Rooster:
    """The plan for a body from its record onwards: a gemeente for each coming meeting (when
    the place rotates), a gemeente for each coming term of the chair (when the chair rotates).

    `tot`: plan through that year; None: one round, every gemeente one turn. `per_jaar`
    overrides the recorded rhythm. GebruiksFout when there is nothing to rotate."""
    if not geldig_op(orgaan, peildatum):
        raise GebruiksFout(
            f"'{orgaan.id}' bestaat niet op {peildatum.isoformat()}; kies een andere peildatum."
        )
    plaats_wisselt = wisselt_van_plaats(orgaan, peildatum)
    regel = rotatie(orgaan, peildatum)
    if not plaats_wisselt and regel is None:
        raise GebruiksFout(
            f"'{orgaan.id}' vergadert niet op wisselende plaatsen en heeft geen roulerend "
            "voorzitterschap, dus er is niets te roosteren. Een rooster vraagt 'locatie: "
            "wisselend' bij 'vergaderritme' of 'roulerend: true' bij 'voorzitter'."
        )
    ronde = len(deelnemers(org, orgaan, peildatum))
    if not ronde:
        raise GebruiksFout(
            f"In '{orgaan.id}' neemt op {peildatum.isoformat()} geen gemeente deel (de "
            "samenstelling noemt geen functie per gemeente), dus er is niemand om te rouleren."
        )
    toelichting: list[str] = []
    opmerkingen: list[str] = []
    termijnen: list[Voorzittersbeurt] = []
    zonder_datum: list[Voorzittersbeurt] = []
    if regel is not None:
        termijnen = vastgelegde_termijnen(org, orgaan, peildatum)
        if regel.termijn is not None:
            termijnen += plan_voorzitterschap(
                org, orgaan, regel.termijn, peildatum, tot, termijnen, toelichting
            )
        else:
            opmerkingen.append(
                "Het voorzitterschap rouleert, maar hoe lang een beurt duurt is niet "
                "vastgelegd; daarom staat hieronder alleen de volgorde van de volgende ronde, "
                "zonder data. Leg de duur vast met 'termijn' (maanden) bij de voorzitter, bijv. "
                "'voorzitter: {roulerend: true, termijn: 12}'."
            )
            zonder_datum = volgende_ronde(org, orgaan, peildatum, termijnen)
        niet_vastgelegd = [t for t in termijnen if t.gepland and t.status != "gepland"]
        if niet_vastgelegd:
            opmerkingen.append(
                f"{telwoord(len(niet_vastgelegd), 'voorzittersbeurt', 'voorzittersbeurten')} "
                f"{'is' if len(niet_vastgelegd) == 1 else 'zijn'} begonnen maar niet "
                "vastgelegd; leg vast wie voorzit, dan schuift het rooster mee."
            )

    vergaderbeurten: list[Vergaderbeurt] = []
    gekozen: int | None = None
    maanden: tuple[int, ...] = ()
    if plaats_wisselt:
        gekozen, ritme = _kies_ritme(orgaan, peildatum, per_jaar, opmerkingen)
        vastgelegd = vastgelegde_vergaderingen(org, orgaan, termijnen)
        if not vastgelegd:
            opmerkingen.append(
                "Geen vergaderingen vastgelegd: het bestand zegt niet wie al gastheer was, dus "
                "begint het rooster bij de volgorde van de gemeenten in het bestand; leg de "
                "gehouden vergaderingen vast onder 'vergaderingen', dan schuift het rooster mee."
            )
        maanden, maanden_uitleg = _gewone_maanden(gekozen, vastgelegd)
        toelichting += [ritme, maanden_uitleg]
        gepland = _plan_vergaderingen(org, orgaan, peildatum, tot, maanden, vastgelegd, termijnen)
        vergaderbeurten = [*vastgelegd, *gepland]
        opmerkingen += _ontbrekende_vergaderingen(gekozen, vastgelegd, gepland, peildatum)
    termijnen += zonder_datum
    niets_gepland = not any(v.gepland for v in [*vergaderbeurten, *termijnen])
    if tot is not None and tot < peildatum.year and niets_gepland:
        opmerkingen.append(
            f"Met --tot {tot}, vóór de peildatum ({peildatum.isoformat()}), valt er niets te "
            "plannen: amctl plant geen vergadering in het verleden. Geef een later jaar, of een "
            "eerdere --peildatum."
        )
    rol = "gastheer" if plaats_wisselt else "voorzitter"
    toelichting.append(
        f"Volgorde: wie het langst wacht, is eerst aan de beurt; wie geen beurt als {rol} "
        "vastgelegd heeft, wacht het langst; bij gelijke stand telt de volgorde van de "
        "gemeenten in het bestand. Alleen gemeenten die op dat moment deelnemen, doen mee."
    )
    return Rooster(
        orgaan,
        peildatum,
        tot,
        ronde,
        gekozen,
        maanden,
        vergaderbeurten,
        termijnen,
        toelichting,
        opmerkingen,
    )


# --- the calendar -----------------------------------------------------------------------------


class Agendapunt(NamedTuple):
    """A meeting in the calendar, with its life in it (RFC 5545/5546): one `uid` for the
    meeting planned, recorded and moved; `volgnummer` (SEQUENCE) rises with every change,
    `stempel` (DTSTAMP) is the time of the last change; `geannuleerd`: a planned meeting
    that the plan no longer holds (STATUS:CANCELLED)."""

    orgaan: Orgaan
    vergadering: Vergaderbeurt
    stand: date  # the date of the last recorded fact of the body
    uid: str = ""
    volgnummer: int = 0
    stempel: datetime = datetime.min.replace(tzinfo=UTC)
    geannuleerd: bool = False


# SEQUENCE of what amctl derives (a plan) is the day number of its last change since this
# day, so that it only rises as the plan changes; a recorded meeting is one higher than the
# plan it replaced (see `volgnummer_bij`).
_NULPUNT = date(2000, 1, 1)


def dagnummer(dag: date) -> int:
    return (dag - _NULPUNT).days


def middernacht(dag: date) -> datetime:
    return datetime.combine(dag, time(0), tzinfo=UTC)


def voorzitter_naam(org: Organisatie, orgaan: Orgaan, v: Vergaderbeurt) -> str | None:
    """The name of who chairs the meeting, when the file names the holder: the chair's seat
    on the day (amctl.vragen.wie_zit_in), or the seat of the post that has the turn."""
    from amctl.vragen import functienaam, persoonsnaam, wie_zit_in

    if not geldig_op(orgaan, v.datum):
        return None
    zetels = [z for z in wie_zit_in(org, orgaan, v.datum).zetels if z.persoon]
    functie = v.voorzitter.removesuffix(" (gepland)")
    for zetel in zetels:
        if zetel.rol == "voorzitter" or functienaam(org, zetel.functie, zetel.gemeente) == functie:
            return persoonsnaam(org, zetel.persoon)
    return None


def vergader_uid(orgaan: Orgaan, v: Vergaderbeurt) -> str:
    """The id of a meeting for its whole life: as recorded, else the body and the
    how-manieth meeting it is ('plenair-overleg-13'): a planned meeting and the one recorded
    in its place share it."""
    return v.uid or f"{orgaan.id}-{v.rang}"


def volgnummer_van(v) -> int:
    """The SEQUENCE of a recorded meeting (a Vergadering or Vergaderbeurt): its `volgnummer`
    in the file, else one above every plan made up to the end of its month (a plan moves a
    meeting only on the first of a month after its planned month passed)."""
    if v.volgnummer is not None:
        return v.volgnummer
    return dagnummer((v.datum.replace(day=1) + timedelta(days=31)).replace(day=1)) + 1


def _planwijziging(
    org: Organisatie, orgaan: Orgaan, peildatum: date, maanden: Sequence[int], laatste: date | None
) -> date:
    """The last day up to the peildatum on which the plan of a body changed: a recorded
    meeting, a planned month that passed without one (the plan moves on the first of the
    next month), or any dated change in the file (a gemeente, a holder, a rhythm)."""
    from amctl.vragen import wijzigingsdata

    dagen = [d for d in wijzigingsdata(org) if d <= peildatum]
    if laatste is not None and laatste <= peildatum:
        dagen.append(laatste)
    if orgaan.vanaf is not None and orgaan.vanaf <= peildatum:
        dagen.append(orgaan.vanaf)
    jaar, maand = peildatum.year, peildatum.month
    for _ in range(12 if maanden else 0):  # the last planned month before this one
        jaar, maand = (jaar, maand - 1) if maand > 1 else (jaar - 1, 12)
        if laatste is not None and (jaar, maand) <= (laatste.year, laatste.month):
            break
        if maand in maanden:  # missed: the plan moved on the first of the next month
            dagen.append((date(jaar, maand, 1) + timedelta(days=31)).replace(day=1))
            break
    return max(dagen, default=_NULPUNT)


def _levensloop(
    org: Organisatie,
    orgaan: Orgaan,
    items: list[Vergaderbeurt],
    maanden: Sequence[int],
    peildatum: date,
    tot: int | None,
    per_jaar: int | None,
    stand: date,
) -> list[Agendapunt]:
    """The calendar entries of one body: every meeting with its uid, SEQUENCE and DTSTAMP,
    and a cancelled entry for each planned one that the plan made just after the last
    recorded meeting held and today's plan no longer does."""
    vastgelegd = [v for v in items if not v.gepland]
    laatste = vastgelegd[-1].datum if vastgelegd else None
    wijziging = _planwijziging(org, orgaan, peildatum, maanden, laatste)
    punten = []
    for v in items:
        if v.gepland:
            volgnummer, stempel = dagnummer(wijziging), middernacht(wijziging)
        else:
            volgnummer = volgnummer_van(v)
            stempel = v.gewijzigd or middernacht(v.datum)
        punten.append(Agendapunt(orgaan, v, stand, vergader_uid(orgaan, v), volgnummer, stempel))
    if laatste is None or laatste >= peildatum or not maanden:
        return punten
    try:
        eerder = maak_rooster(org, orgaan, laatste + timedelta(days=1), tot, per_jaar)
    except GebruiksFout:
        return punten
    bekend = {p.uid for p in punten}
    for v in eerder.vergaderingen:
        if v.gepland and vergader_uid(orgaan, v) not in bekend:
            basis = _planwijziging(org, orgaan, laatste + timedelta(days=1), maanden, laatste)
            volgnummer = max(dagnummer(wijziging), dagnummer(basis) + 1)
            punten.append(
                Agendapunt(
                    orgaan,
                    v,
                    stand,
                    vergader_uid(orgaan, v),
                    volgnummer,
                    middernacht(max(wijziging, basis + timedelta(days=1))),
                    geannuleerd=True,
                )
            )
    return punten


def _in_agenda(orgaan: Orgaan, peildatum: date) -> bool:
    return bool(orgaan.vergaderingen) or (
        geldig_op(orgaan, peildatum) and wisselt_van_plaats(orgaan, peildatum)
    )


def agenda_organen(org: Organisatie, peildatum: date) -> list[Orgaan]:
    """The bodies a calendar holds by default: those with recorded meetings, or whose place
    rotates on the date (so that meetings are planned), in file order."""
    return [o for o in org.organen.values() if _in_agenda(o, peildatum)]


def agenda(
    org: Organisatie,
    organen: Sequence[Orgaan],
    peildatum: date,
    tot: int | None = None,
    per_jaar: int | None = None,
) -> tuple[list[Agendapunt], list[str]]:
    """Every recorded meeting of the bodies, and the planned ones of those whose place rotates;
    with the notes of each plan. By date, then body in the order given."""
    punten: list[Agendapunt] = []
    opmerkingen: list[str] = []
    for orgaan in organen:
        if not _in_agenda(orgaan, peildatum):
            raise GebruiksFout(
                f"'{orgaan.id}' heeft geen vastgelegde vergaderingen en geen wisselende "
                "vergaderplaats om te plannen, dus niets voor de agenda."
            )
        items: list[Vergaderbeurt] = []
        maanden: tuple[int, ...] = ()
        if geldig_op(orgaan, peildatum) and wisselt_van_plaats(orgaan, peildatum):
            try:
                rooster = maak_rooster(org, orgaan, peildatum, tot, per_jaar)
            except GebruiksFout as fout:
                opmerkingen.append(f"{orgaan.naam}: niet gepland. {fout}")
            else:
                items = rooster.vergaderingen
                maanden = rooster.maanden
                opmerkingen += [f"{orgaan.naam}: {o}" for o in rooster.opmerkingen]
        if not items:
            termijnen = vastgelegde_termijnen(org, orgaan, peildatum)
            items = vastgelegde_vergaderingen(org, orgaan, termijnen)
        stand = max(
            [
                *(v.datum for v in orgaan.vergaderingen),
                *(b.vanaf for b in beurten(org, orgaan) if b.vanaf),
            ],
            default=peildatum,
        )
        punten += _levensloop(org, orgaan, items, maanden, peildatum, tot, per_jaar, stand)
    positie = {o.id: i for i, o in enumerate(organen)}
    punten.sort(key=lambda p: (p.vergadering.datum, positie[p.orgaan.id]))
    return punten, opmerkingen
