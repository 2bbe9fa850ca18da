"""Seats through time (a person's unbroken sittings in a seat) and the dated changes: on
which days an answer can change, the period a peildatum stands for, and what is coming."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from amctl.model import (
    NIET_IN_BRON,
    Gedateerd,
    Orgaan,
    Organisatie,
    geldig_op,
)
from amctl.vragen.zetels import (
    DAG,
    Zetel,
    datum_aard,
    functienaam,
    in_bereik,
    persoonsnaam,
    relatielabel,
    statuslabel,
    voorzitter_tekst,
    zetels_op,
)

# --- seats through time -------------------------------------------------------------------


class Zitting(NamedTuple):
    """A person in one seat of a body for an unbroken period (None: open-ended). `nummer`:
    the seat's number among the seats of the same functie and gemeente when it began (see
    `genummerd`)."""

    zetel: Zetel
    vanaf: date | None
    tot_en_met: date | None
    nummer: int = 1


def genummerd(zetels: list[Zetel]) -> list[tuple[int, Zetel]]:
    """Each seat with its number among the seats of the same functie and gemeente (1, 2,
    ...): with the body, the functie and the gemeente the identity of one seat."""
    geteld: dict[tuple[str, str | None], int] = defaultdict(int)
    uit = []
    for zetel in zetels:
        geteld[(zetel.functie, zetel.gemeente)] += 1
        uit.append((geteld[(zetel.functie, zetel.gemeente)], zetel))
    return uit


def alle_zetels(org: Organisatie, orgaan: Orgaan) -> list[tuple[int, Zetel]]:
    """Every seat a body has had over its whole history, filled or not, numbered as by
    `genummerd`; each once, as it was on the first day it existed."""
    gezien: dict[tuple[str, str | None, int], Zetel] = {}
    for dag in _wisseldagen(org, orgaan):
        if geldig_op(orgaan, dag):
            for nummer, zetel in genummerd(zetels_op(org, orgaan, dag)):
                gezien.setdefault((zetel.functie, zetel.gemeente, nummer), zetel)
    return [(nummer, zetel) for (_, _, nummer), zetel in gezien.items()]


def _wisseldagen(org: Organisatie, orgaan: Orgaan) -> list[date]:
    """The days on which the seats of a body can change: every start, and every day after an
    end, of the body, its rules, chairs and members, the gemeenten and the holdings of the
    posts its rules name."""
    dagen = {date.min}

    def voeg_toe(item) -> None:
        if item.vanaf is not None:
            dagen.add(item.vanaf)
        if item.tot_en_met is not None and item.tot_en_met < date.max:
            dagen.add(item.tot_en_met + timedelta(days=1))

    voeg_toe(orgaan)
    for groep in (orgaan.samenstelling, orgaan.leden, orgaan.voorzitter):
        for item in groep:
            voeg_toe(item)
    for regel in orgaan.samenstelling:
        gemeenten = [None]
        if org.functies[regel.functie].per_gemeente:
            gemeenten = list(regel.gemeenten if regel.gemeenten is not None else org.gemeenten)
            for gemeente in gemeenten:
                voeg_toe(org.gemeenten[gemeente])
        if regel.wijze == "ambtshalve":
            for gemeente in gemeenten:
                for b in org.bekleders().get((regel.functie, gemeente), ()):
                    voeg_toe(b)
                    for toedeling in b.portefeuilles:
                        voeg_toe(toedeling)
    return sorted(dagen)


def zittingen(org: Organisatie, orgaan: Orgaan) -> list[Zitting]:
    """Who sat in which seat of a body over its whole history: the seats of `zetels_op` on
    every day they can change, joined into unbroken periods per person, post and role."""
    dagen = _wisseldagen(org, orgaan)
    open_: dict[tuple, Zitting] = {}
    klaar: list[Zitting] = []
    for dag in dagen:
        zetels = genummerd(zetels_op(org, orgaan, dag)) if geldig_op(orgaan, dag) else []
        nu = {
            (z.functie, z.gemeente, z.persoon, z.rol): (n, z)
            for n, z in zetels
            if z.persoon is not None
        }
        for sleutel in list(open_):
            if sleutel not in nu:
                zitting = open_.pop(sleutel)
                klaar.append(zitting._replace(tot_en_met=dag - timedelta(days=1)))
        for sleutel, (nummer, zetel) in nu.items():
            if sleutel not in open_:
                open_[sleutel] = Zitting(zetel, None if dag == date.min else dag, None, nummer)
    klaar.extend(open_.values())
    klaar.sort(key=lambda z: (z.vanaf or date.min, z.zetel.functie, z.zetel.gemeente or ""))
    return klaar


# --- what holds when: the dated changes -----------------------------------------------------


def _gedateerd(org: Organisatie) -> Iterator[Gedateerd]:
    """Everything in the file that holds for a period: the answers to every question can
    change only on the first day of such a period or the day after its last."""
    yield from org.gemeenten.values()
    yield from org.functies.values()
    yield from org.portefeuilles.values()
    for b in org.bezettingen():
        yield b
        yield from b.portefeuilles
    for o in org.organen.values():
        yield o
        for deel in (
            o.status,
            o.samenstelling,
            o.leden,
            o.voorzitter,
            o.ondersteuning,
            o.relaties,
            o.vergaderritme,
        ):
            yield from deel


def wijzigingsdata(org: Organisatie) -> list[date]:
    """Every day on which some answer may differ from the day before, sorted."""
    data: set[date] = set()
    for item in _gedateerd(org):
        if item.vanaf is not None:
            data.add(item.vanaf)
        if item.tot_en_met is not None and item.tot_en_met < date.max:
            data.add(item.tot_en_met + DAG)
    return sorted(data)


class Stand(NamedTuple):
    """The days on which every answer is the same as on a peildatum: from the last change on
    or before it (None: since ever) to the day before the next (None: no change recorded).
    A bound that rests only on assumed or derived dates carries their `aard`."""

    vanaf: date | None
    tot_en_met: date | None
    vanaf_aard: str | None = None
    tot_en_met_aard: str | None = None

    def vertegenwoordiger(self, peildatum: date) -> date:
        """One fixed day of the period, to answer for all of them: its first day."""
        if self.vanaf is not None:
            return self.vanaf
        return self.tot_en_met if self.tot_en_met is not None else peildatum


def wijzigingsaard(org: Organisatie, dag: date) -> str | None:
    """How the change on a day is known: None when some fact in the file starts on the day,
    or ends the day before, by a date as its source states it; else the `aard` of those
    dates, 'aangenomen' before 'afgeleid' (a change that rests only on an assumed date is
    itself assumed)."""
    aarden: list[str] = []
    for item in _gedateerd(org):
        na = item.tot_en_met + DAG if item.tot_en_met and item.tot_en_met < date.max else None
        for veld, grens in (("vanaf", item.vanaf), ("tot-en-met", na)):
            if grens != dag:
                continue
            aard = datum_aard(item, veld)
            if aard not in NIET_IN_BRON:
                return None
            aarden.append(aard)
    return next((a for a in reversed(NIET_IN_BRON) if a in aarden), None)


def stand_op(org: Organisatie, peildatum: date) -> Stand:
    data = wijzigingsdata(org)
    plaats = bisect_right(data, peildatum)
    vanaf = data[plaats - 1] if plaats else None
    tot = data[plaats] - DAG if plaats < len(data) else None
    return Stand(
        vanaf,
        tot,
        wijzigingsaard(org, vanaf) if vanaf is not None else None,
        wijzigingsaard(org, tot + DAG) if tot is not None else None,
    )


class Wijziging(NamedTuple):
    """A dated change after the peildatum: the first day of the new situation, what changes,
    and the bodies it concerns."""

    datum: date
    tekst: str
    organen: tuple[str, ...] = ()


def _per(dag: date | None, peildatum: date) -> date | None:
    return dag if dag is not None and dag > peildatum else None


def _na(tot_en_met: date | None, peildatum: date) -> date | None:
    if tot_en_met is None or tot_en_met >= date.max:
        return None
    return _per(tot_en_met + DAG, peildatum)


def komende_wijzigingen(org: Organisatie, peildatum: date) -> list[Wijziging]:
    """Every recorded change after the peildatum, earliest first: appointments and term ends,
    portefeuilles, named members, bodies that start or end, statuses, chairs, compositions,
    support and relations."""
    uit: list[Wijziging] = []

    def voeg_toe(item: Gedateerd, begint: str, eindigt: str, organen: tuple[str, ...]) -> None:
        if (dag := _per(item.vanaf, peildatum)) is not None:
            uit.append(Wijziging(dag, begint, organen))
        if (dag := _na(item.tot_en_met, peildatum)) is not None:
            uit.append(Wijziging(dag, eindigt, organen))

    post_in: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    portefeuille_in: dict[str, list[str]] = defaultdict(list)
    for o in org.organen.values():
        for r in o.samenstelling:
            if r.portefeuille is not None:
                portefeuille_in[r.portefeuille].append(o.id)
            elif r.wijze == "ambtshalve":
                for g in [None, *org.gemeenten]:
                    if in_bereik(org, r, g):
                        post_in[(r.functie, g)].append(o.id)
        for s in o.ondersteuning:
            post_in[(s.functie, s.gemeente)].append(o.id)
        for v in o.voorzitter:
            if v.functie is not None:
                post_in[(v.functie, v.gemeente)].append(o.id)
    for g in org.gemeenten.values():
        voeg_toe(g, f"{g.naam} gaat deelnemen", f"{g.naam} neemt niet langer deel", ())
    for p in org.personen.values():
        for b in p.functies:
            post = functienaam(org, b.functie, b.gemeente, b.waarnemend)
            organen = tuple(dict.fromkeys(post_in.get((b.functie, b.gemeente), ())))
            voeg_toe(b, f"{p.naam} wordt {post}", f"{p.naam} is niet langer {post}", organen)
            for t in b.portefeuilles:
                naam = org.portefeuilles[t.portefeuille].naam
                voeg_toe(
                    t,
                    f"{p.naam} ({post}) krijgt de portefeuille {naam}",
                    f"{p.naam} ({post}) heeft niet langer de portefeuille {naam}",
                    tuple(dict.fromkeys(portefeuille_in.get(t.portefeuille, ()))),
                )
    for o in org.organen.values():
        eigen = (o.id,)
        voeg_toe(o, f"{o.naam} wordt opgericht", f"{o.naam} wordt opgeheven", eigen)
        for s in o.status:
            if (dag := _per(s.vanaf, peildatum)) is not None:
                uit.append(Wijziging(dag, f"{o.naam}: status {statuslabel(s.waarde)}", eigen))
        for v in o.voorzitter:
            if (dag := _per(v.vanaf, peildatum)) is not None:
                tekst = f"{o.naam}: voorzitter {voorzitter_tekst(org, v)}"
                uit.append(Wijziging(dag, tekst, eigen))
        for lid in o.leden:
            wie = (
                f"{persoonsnaam(org, lid.persoon)} ({functienaam(org, lid.functie, lid.gemeente)})"
            )
            voeg_toe(
                lid,
                f"{wie} wordt lid van {o.naam}",
                f"{wie} is niet langer lid van {o.naam}",
                eigen,
            )
        for r in o.samenstelling:
            wat = f"{o.naam}: zetels voor {org.functies[r.functie].naam}"
            voeg_toe(r, f"{wat} komen erbij", f"{wat} vervallen", eigen)
        for s in o.ondersteuning:
            wie = functienaam(org, s.functie, s.gemeente)
            voeg_toe(
                s,
                f"{wie} gaat {o.naam} ondersteunen",
                f"{wie} ondersteunt {o.naam} niet langer",
                eigen,
            )
        for rel in o.relaties:
            wat = f"{o.naam} {relatielabel(rel.soort)} {org.organen[rel.naar].naam}"
            voeg_toe(rel, wat, f"niet langer: {wat}", (o.id, rel.naar))
    return sorted(uit, key=lambda w: (w.datum, w.tekst))
