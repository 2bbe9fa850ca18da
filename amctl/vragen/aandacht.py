"""What needs attention on a date (`amctl signalen`, and the same list on the overview site):
open seats, terms that end soon, portfolios nobody holds, meetings and chair turns the plan
says are due, persons without a post, and the data's warnings. Each signal names the command
that deals with it.

The answers come from the functions every view uses: seats from `zetels_op`, the plan of a
body from amctl.rooster (never a second planner), the warnings from the validation rules (the
caller passes them, as `amctl controleer` found them). Loaded when first asked for (see
amctl.vragen), since it reads the rooster, which reads amctl.vragen itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import NamedTuple, TypeGuard

from amctl.model import Bezetting, Orgaan, Organisatie, geldig_op
from amctl.probleem import GebruiksFout, Probleem
from amctl.tekst import aantal as telwoord
from amctl.tekst import iso
from amctl.vragen.zetels import DAG, OPEN, functienaam, persoonsnaam, zetels_op

BINNEN = 90  # days ahead: what ends within this many days is listed

# The groups, in the order a person works through them: what has a deadline first, what is
# merely untidy last. Each signal's `soort` is one of these keys.
GROEPEN = {
    "eindigt": "Loopt binnenkort af",
    "open-zetel": "Open zetels",
    "portefeuille": "Portefeuilles zonder houder",
    "vergadering": "Vergaderingen en voorzitterschap",
    "persoon": "Personen zonder functie",
    "waarschuwing": "Waarschuwingen in de gegevens",
}


class Signaal(NamedTuple):
    """One thing that needs attention: in which group, under which heading (a body, a
    gemeente, a date), what, and the command that deals with it."""

    soort: str  # a key of GROEPEN
    kop: str  # the heading within the group: a body's name, a gemeente, ...
    tekst: str
    opdracht: str
    datum: date | None = None  # the day it is about (the last day of a term, ...)
    orgaan: str | None = None
    functie: str | None = None
    gemeente: str | None = None
    persoon: str | None = None
    code: str | None = None  # of a warning


class Signalen(NamedTuple):
    peildatum: date
    binnen: int
    signalen: list[Signaal]  # grouped in the order of GROEPEN, sorted within a group

    @property
    def tot_en_met(self) -> date:
        return _plus(self.peildatum, self.binnen)

    def per_groep(self) -> list[tuple[str, list[Signaal]]]:
        """(group title, its signals) for every group with a signal, in the order of GROEPEN."""
        return [
            (titel, [s for s in self.signalen if s.soort == soort])
            for soort, titel in GROEPEN.items()
            if any(s.soort == soort for s in self.signalen)
        ]


def _plus(dag: date, dagen: int) -> date:
    try:
        return dag + timedelta(days=dagen)
    except OverflowError:
        return date.max


def _actief(org: Organisatie, orgaan: Orgaan, peildatum: date) -> bool:
    """Bodies whose seats are to be filled: existing and active (not under consideration,
    disputed or dissolved)."""
    return geldig_op(orgaan, peildatum) and orgaan.status_op(peildatum) == "actief"


def _gemeente_optie(gemeente: str | None) -> str:
    return f" -g {gemeente}" if gemeente else ""


# --- seats ----------------------------------------------------------------------------------


def _open_zetels(org: Organisatie, peildatum: date) -> Iterator[Signaal]:
    """Every seat nobody fills in an active body, per body in file order; the seats of one
    post counted on one line. A PHO's seat of a portfolio is the portfolio's holder: it stands
    under 'portefeuilles', not here."""
    for orgaan in org.organen.values():
        if not _actief(org, orgaan, peildatum):
            continue
        open_: dict[tuple[str, str | None, str, str], int] = {}
        for zetel in zetels_op(org, orgaan, peildatum):
            if zetel.persoon is None and zetel.regel.portefeuille is None:
                sleutel = (zetel.functie, zetel.gemeente, zetel.wijze, zetel.rol)
                open_[sleutel] = open_.get(sleutel, 0) + 1
        for (functie, gemeente, wijze, rol), aantal in open_.items():
            yield _open_zetel(org, orgaan, functie, gemeente, wijze, rol, aantal)


def _open_zetel(
    org: Organisatie,
    orgaan: Orgaan,
    functie: str,
    gemeente: str | None,
    wijze: str,
    rol: str,
    aantal: int,
) -> Signaal:
    per_gemeente = org.functies[functie].per_gemeente
    if gemeente is None and per_gemeente:
        wat = f"{org.functies[functie].naam} ({rol})"
    else:
        wat = functienaam(org, functie, gemeente)
    zetels = f"{telwoord(aantal, 'zetel', 'zetels')} {OPEN}" if aantal > 1 else OPEN
    if wijze == "benoemd":
        tekst = f"{wat}: {zetels} (leden bij naam)"
        waar = (_gemeente_optie(gemeente) or " -g GEMEENTE") if per_gemeente else ""
        opdracht = f"amctl lid-erbij {orgaan.id} PERSOON --functie {functie}{waar} -D DATUM"
    else:
        tekst = f"{wat}: {zetels} (niemand bekleedt de functie)"
        opdracht = f"amctl benoem PERSOON {functie}{_gemeente_optie(gemeente)} -D DATUM"
    return Signaal(
        "open-zetel",
        f"{orgaan.naam} ({orgaan.id})",
        tekst,
        opdracht,
        orgaan=orgaan.id,
        functie=functie,
        gemeente=gemeente,
    )


def _zonder_houder(org: Organisatie, peildatum: date) -> Iterator[Signaal]:
    """Per gemeente (file order), each theme of an active PHO that no wethouder of it holds:
    the open seats of the portfolio rules, which `zetels_op` gives one per gemeente."""
    open_: dict[tuple[str, str, str], list[str]] = {}
    for orgaan in org.organen.values():
        if not _actief(org, orgaan, peildatum):
            continue
        for zetel in zetels_op(org, orgaan, peildatum):
            thema = zetel.regel.portefeuille
            if zetel.persoon is None and thema is not None and zetel.gemeente is not None:
                open_.setdefault((zetel.gemeente, thema, zetel.functie), []).append(orgaan.naam)
    volgorde = {g: i for i, g in enumerate(org.gemeenten)}
    themas = {t: i for i, t in enumerate(org.portefeuilles)}
    for (gemeente, thema, functie), organen in sorted(
        open_.items(), key=lambda x: (volgorde[x[0][0]], themas.get(x[0][1], 0), x[0][2])
    ):
        naam = org.portefeuilles[thema].naam if thema in org.portefeuilles else thema
        yield Signaal(
            "portefeuille",
            org.gemeenten[gemeente].naam,
            f"geen {org.functies[functie].naam} met de portefeuille {naam}; open in "
            f"{', '.join(organen)}",
            f"amctl benoem PERSOON {functie} -g {gemeente} -p {thema} -D DATUM",
            functie=functie,
            gemeente=gemeente,
        )


# --- what ends within the window ------------------------------------------------------------


def _opvolger(bezettingen: Iterable[Bezetting], eindigt: Bezetting, dag: date) -> bool:
    """Whether a term in the same post starts on the day: someone else's, or a new term of
    the same person (reappointed)."""
    return any(b is not eindigt and b.vanaf == dag for b in bezettingen)


def _afloop(org: Organisatie, b: Bezetting, einde: date, wat: str, opties: str) -> Signaal:
    """A term or portfolio that ends: what, and the command for whoever comes next."""
    return Signaal(
        "eindigt",
        "",
        f"{einde.isoformat()} {persoonsnaam(org, b.persoon)} "
        f"({functienaam(org, b.functie, b.gemeente)}): {wat}",
        f"amctl benoem PERSOON {b.functie}{_gemeente_optie(b.gemeente)}{opties} "
        f"-D {(einde + DAG).isoformat()}",
        datum=einde,
        functie=b.functie,
        gemeente=b.gemeente,
        persoon=b.persoon,
    )


def _eindigt(org: Organisatie, peildatum: date, tot: date) -> Iterator[Signaal]:
    """Terms, portfolios and memberships whose last day falls in [peildatum, tot], unless a
    successor starts the day after (then nothing is left to do)."""

    def binnen(einde: date | None) -> TypeGuard[date]:
        return einde is not None and peildatum <= einde <= tot

    for bezettingen in org.bekleders().values():
        for b in bezettingen:
            einde = b.tot_en_met
            if binnen(einde) and not _opvolger(bezettingen, b, einde + DAG):
                yield _afloop(org, b, einde, "de termijn eindigt, geen opvolger vastgelegd", "")
            for t in b.portefeuilles:
                if not binnen(t.tot_en_met) or t.tot_en_met == einde:
                    continue  # a portfolio that ends with the term: the term's line says it
                dag = t.tot_en_met + DAG
                opvolgend = (
                    u
                    for o in bezettingen
                    for u in o.portefeuilles
                    if u.portefeuille == t.portefeuille
                )
                if not any(u.vanaf == dag for u in opvolgend):
                    yield _afloop(
                        org,
                        b,
                        t.tot_en_met,
                        f"de portefeuille {org.portefeuilles[t.portefeuille].naam} eindigt, "
                        "geen nieuwe houder vastgelegd",
                        f" -p {t.portefeuille}",
                    )
    for orgaan in org.organen.values():
        for lid in orgaan.leden:
            if not binnen(lid.tot_en_met):
                continue
            assert lid.tot_en_met is not None
            dag = lid.tot_en_met + DAG
            if any(
                o is not lid
                and (o.functie, o.gemeente) == (lid.functie, lid.gemeente)
                and o.vanaf == dag
                for o in orgaan.leden
            ):
                continue
            yield Signaal(
                "eindigt",
                "",
                f"{lid.tot_en_met.isoformat()} {persoonsnaam(org, lid.persoon)} (lid van "
                f"{orgaan.naam} als {functienaam(org, lid.functie, lid.gemeente)}): het "
                "lidmaatschap eindigt, geen opvolger vastgelegd",
                f"amctl lid-erbij {orgaan.id} PERSOON --functie {lid.functie}"
                f"{_gemeente_optie(lid.gemeente)} -D {dag.isoformat()}",
                datum=lid.tot_en_met,
                orgaan=orgaan.id,
                functie=lid.functie,
                gemeente=lid.gemeente,
                persoon=lid.persoon,
            )


# --- meetings and chair turns: from the plan -------------------------------------------------


def _vergaderingen(org: Organisatie, peildatum: date, tot: date) -> Iterator[Signaal]:
    """From each body's rooster (amctl.rooster, the one plan): a planned meeting in the
    current month or earlier that is not recorded, a year with fewer meetings than the rhythm,
    no meeting recorded at all; a chair's turn that began without being recorded, or the next
    turn that begins within the window."""
    from amctl.rooster import maak_rooster
    from amctl.roulatie import rotatie, wisselt_van_plaats

    for orgaan in org.organen.values():
        if not _actief(org, orgaan, peildatum):
            continue
        if not wisselt_van_plaats(orgaan, peildatum) and rotatie(orgaan, peildatum) is None:
            continue
        try:
            rooster = maak_rooster(org, orgaan, peildatum)
        except GebruiksFout:
            continue  # nothing to plan (no rhythm per year, nobody taking part)
        yield from _uit_rooster(org, orgaan, rooster, peildatum, tot)


def _uit_rooster(
    org: Organisatie, orgaan: Orgaan, rooster, peildatum: date, tot: date
) -> Iterator[Signaal]:
    kop = f"{orgaan.naam} ({orgaan.id})"

    def signaal(tekst: str, opdracht: str, dag: date | None = None) -> Signaal:
        return Signaal("vergadering", kop, tekst, opdracht, datum=dag, orgaan=orgaan.id)

    vastleggen = f"amctl vergadering-erbij {orgaan.id} -D DATUM -g GEMEENTE"
    if rooster.per_jaar is not None:
        vastgelegd = [v for v in rooster.vergaderingen if not v.gepland]
        if not vastgelegd:
            yield signaal(
                f"geen vergadering vastgelegd; het ritme is {rooster.per_jaar} x per jaar",
                vastleggen,
            )
        for v in rooster.vergaderingen:
            if v.gepland and (v.datum.year, v.datum.month) <= (peildatum.year, peildatum.month):
                yield signaal(
                    f"de vergadering van {v.wanneer} ("
                    + (f"in {org.gemeenten[v.gemeente].naam}" if v.gemeente else "geen gastheer")
                    + " volgens het rooster) is niet vastgelegd",
                    f"amctl vergadering-erbij {orgaan.id} -D DATUM"
                    + (f" -g {v.gemeente}" if v.gemeente else " -g GEMEENTE"),
                    v.datum,
                )
        for jaar, aantal in te_weinig(rooster):
            yield signaal(
                f"in {jaar} {_vergaderingen_tekst(aantal)} vastgelegd of gepland, minder dan "
                f"het ritme van {rooster.per_jaar} x per jaar",
                vastleggen,
            )
    for t in rooster.voorzitterschap:
        if not t.gepland or t.gemeente is None or t.vanaf is None:
            continue
        beurt = f"amctl voorzitter-beurt {orgaan.id} {t.gemeente} -D {t.vanaf.isoformat()}"
        if t.status != "gepland":
            yield signaal(
                f"de voorzittersbeurt van {t.voorzitter} ({t.status}, sinds "
                f"{t.vanaf.isoformat()} volgens het rooster) is niet vastgelegd",
                beurt,
                t.vanaf,
            )
        elif t.vanaf <= tot:
            yield signaal(
                f"de volgende voorzittersbeurt begint op {t.vanaf.isoformat()}: "
                f"{t.voorzitter} volgens het rooster",
                beurt,
                t.vanaf,
            )
            break


def _vergaderingen_tekst(aantal: int) -> str:
    if aantal == 0:
        return "is geen vergadering"
    return f"{'is' if aantal == 1 else 'zijn'} {telwoord(aantal, 'vergadering', 'vergaderingen')}"


def te_weinig(rooster) -> list[tuple[int, int]]:
    """The years in which the rooster's plan holds fewer meetings than the rhythm (the same
    count as the rooster's note about them), with how many it holds."""
    from amctl.rooster import te_weinig_vergaderingen

    if rooster.per_jaar is None:
        return []
    vastgelegd = [v for v in rooster.vergaderingen if not v.gepland]
    gepland = [v for v in rooster.vergaderingen if v.gepland]
    return te_weinig_vergaderingen(rooster.per_jaar, vastgelegd, gepland, rooster.peildatum)


# --- persons and warnings --------------------------------------------------------------------


def _zonder_functie(org: Organisatie, peildatum: date, binnen: int) -> Iterator[Signaal]:
    """Persons who hold no post on the date and have none coming: those who never held one
    (often a slip of the pen), and those whose last post ended within the last `binnen` days
    (a post ended longer ago is history, not a task)."""
    voorzitters = {
        v.persoon for o in org.organen.values() for v in o.voorzitter if v.persoon is not None
    }
    sinds = peildatum - timedelta(days=min(binnen, (peildatum - date.min).days))
    gevonden = []
    for persoon in org.personen.values():
        if persoon.id in voorzitters:
            continue
        if any(
            geldig_op(b, peildatum) or (b.vanaf and b.vanaf > peildatum) for b in persoon.functies
        ):
            continue
        einde = max((b.tot_en_met for b in persoon.functies if b.tot_en_met), default=None)
        if persoon.functies and (einde is None or einde < sinds):
            continue
        if persoon.functies:
            assert einde is not None
            tekst = f"{persoon.naam} ({persoon.id}): geen functie meer sinds {iso(einde + DAG)}"
        else:
            tekst = f"{persoon.naam} ({persoon.id}): heeft nooit een functie gehad"
        gevonden.append(
            Signaal(
                "persoon",
                "",
                tekst,
                f"amctl benoem {persoon.id} FUNCTIE -g GEMEENTE -D DATUM, of haal de persoon "
                "uit het bestand",
                datum=einde,
                persoon=persoon.id,
            )
        )
    yield from sorted(gevonden, key=lambda s: (s.tekst.casefold(), s.persoon or ""))


def _waarschuwingen(waarschuwingen: Sequence[Probleem]) -> Iterator[Signaal]:
    """By place; without the file's path, which the answer names once (and which differs with
    how the file was named, while the overview site must not)."""
    for p in sorted(waarschuwingen, key=lambda p: (p.bestand, p.regel, p.kolom, p.code)):
        yield Signaal(
            "waarschuwing",
            "",
            f"regel {p.regel}, kolom {p.kolom}: {p.code} {p.melding}",
            f"amctl regels {p.code}",
            code=p.code,
        )


def signalen(
    org: Organisatie,
    peildatum: date,
    binnen: int = BINNEN,
    waarschuwingen: Sequence[Probleem] = (),
) -> Signalen:
    """Everything that needs attention on the date, grouped (GROEPEN) and sorted for a person
    to act on: what ends within `binnen` days by date, open seats per body, portfolios per
    gemeente, meetings and turns per body, persons by name, warnings by line."""
    tot = _plus(peildatum, binnen)
    eindigt = sorted(
        _eindigt(org, peildatum, tot), key=lambda s: (s.datum or date.max, s.tekst.casefold())
    )
    return Signalen(
        peildatum,
        binnen,
        [
            *eindigt,
            *_open_zetels(org, peildatum),
            *_zonder_houder(org, peildatum),
            *_vergaderingen(org, peildatum, tot),
            *_zonder_functie(org, peildatum, binnen),
            *_waarschuwingen(waarschuwingen),
        ],
    )
