"""Who sits where, on a date: the seats of a body (composition, members, chairs, support),
the names and labels every view uses, relations, statuses and sources. The one place that
decides seats, chairs and statuses; every view answers from here (see amctl.vragen)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import NamedTuple

from amctl.model import (
    AFGELEIDE_STATUSSEN,
    RELATIESOORTEN,
    STATUSSEN,
    Bezetting,
    Gedateerd,
    Orgaan,
    Organisatie,
    Relatie,
    Samenstellingsregel,
    StatusPeriode,
    Vergaderritme,
    Voorzitter,
    aard_van,
    geldig_op,
)

DAG = timedelta(days=1)
OPEN = "niet ingevuld"  # the one word for a seat nobody fills, in every view


class Herkomst(NamedTuple):
    """Where a fact comes from: its own sources, else those of the body it belongs to (the
    body's source holds for all its data unless a part names its own), and how it is known:
    None as the source states it, else 'geciteerd', 'samengevat', 'afgeleid' or 'aangenomen'."""

    bron: tuple[str, ...] = ()
    aard: str | None = None
    geerfd: bool = False  # the sources are the body's, not the fact's own


GEEN_HERKOMST = Herkomst()


def herkomst(item, orgaan: Orgaan | None = None, sleutel: str = "") -> Herkomst:
    """The provenance of a fact (or of one field of it, `sleutel`) of a body."""
    aard = aard_van(item, sleutel)
    if item.bron:
        return Herkomst(item.bron, aard)
    if orgaan is not None and orgaan is not item and orgaan.bron:
        return Herkomst(orgaan.bron, aard, geerfd=True)
    return Herkomst((), aard)


def datum_aard(item: Gedateerd, veld: str) -> str | None:
    """How a start ('vanaf') or end ('tot-en-met') date of a fact is known: its own mark,
    else the whole fact's; None when the date is not given or is as the source states it."""
    datum = item.vanaf if veld == "vanaf" else item.tot_en_met
    return aard_van(item, veld) if datum is not None else None


def naam_aard(orgaan: Orgaan) -> str | None:
    """How the name of a body is known (a werkgroep the source does not name: 'afgeleid')."""
    return aard_van(orgaan, "naam")


def orgaan_aarden(orgaan: Orgaan, peildatum: date) -> tuple[str | None, ...]:
    """The marks a body's name carries wherever it is shown as a box or a row: how the name
    is known, and how its status on the date is (that the body is there at all)."""
    return (naam_aard(orgaan), status_herkomst(orgaan, peildatum).aard)


class Zetel(NamedTuple):
    """One seat of a body on a date, filled (persoon) or not (persoon None)."""

    functie: str
    gemeente: str | None
    persoon: str | None  # persoon id
    rol: str
    sinds: date | None
    wijze: str
    regel: Samenstellingsregel
    waarnemend: bool = False  # the holder's term is waarnemend (see functienaam)


class Steun(NamedTuple):
    """Support of a body by a post, with who holds the post on the date."""

    functie: str
    gemeente: str | None
    personen: tuple[str, ...]
    herkomst: Herkomst = GEEN_HERKOMST


class Bezetting_op(NamedTuple):
    orgaan: Orgaan
    peildatum: date
    status: str
    zetels: list[Zetel]
    voorzitter: Voorzitter | None
    ondersteuning: list[Steun]

    @property
    def status_herkomst(self) -> Herkomst:
        return status_herkomst(self.orgaan, self.peildatum)

    @property
    def voorzitter_herkomst(self) -> Herkomst:
        if self.voorzitter is None:
            return GEEN_HERKOMST
        return herkomst(self.voorzitter, self.orgaan)


def bekleders_op(
    org: Organisatie, functie: str, gemeente: str | None, peildatum: date
) -> list[Bezetting]:
    """Who holds a post on the date (Organisatie.bekleders is built once per model)."""
    return [b for b in org.bekleders().get((functie, gemeente), ()) if geldig_op(b, peildatum)]


# --- names --------------------------------------------------------------------------------


def waarneming(tekst: str, waarnemend: bool) -> str:
    """The one wording of a waarnemend term, for every view: 'burgemeester (waarnemend)',
    'A. Jansen (waarnemend)'."""
    return f"{tekst} (waarnemend)" if waarnemend else tekst


def functienaam(
    org: Organisatie, functie: str, gemeente: str | None, waarnemend: bool = False
) -> str:
    """'burgemeester van Diemen'; for a waarnemend term 'burgemeester van Diemen
    (waarnemend)', without gemeente 'burgemeester (waarnemend)' (see `waarneming`)."""
    naam = org.functies[functie].naam
    return waarneming(
        f"{naam} van {org.gemeenten[gemeente].naam}" if gemeente else naam, waarnemend
    )


def persoonsnaam(org: Organisatie, persoon: str | None) -> str | None:
    return org.personen[persoon].naam if persoon else None


def statuslabel(status: str) -> str:
    return STATUSSEN.get(status) or AFGELEIDE_STATUSSEN.get(status, status)


def relatielabel(soort: str) -> str:
    return RELATIESOORTEN[soort]


# --- seats --------------------------------------------------------------------------------


class Periode(NamedTuple):
    vanaf: date | None
    tot_en_met: date | None


def doorsnede(*perioden: Gedateerd) -> Periode | None:
    """The days all periods share; None when there are none."""
    vanaf = max((p.vanaf for p in perioden if p.vanaf), default=None)
    tot = min((p.tot_en_met for p in perioden if p.tot_en_met), default=None)
    if vanaf and tot and vanaf > tot:
        return None
    return Periode(vanaf, tot)


def in_bereik(org: Organisatie, regel: Samenstellingsregel, gemeente: str | None) -> bool:
    """Whether a rule's seats can be a post of this gemeente (None: a post of no gemeente)."""
    if not org.functies[regel.functie].per_gemeente:
        return gemeente is None
    return regel.gemeenten is None or gemeente in regel.gemeenten


def _deelname(org: Organisatie, regel: Samenstellingsregel, gemeente: str | None) -> Gedateerd:
    """A rule for all gemeenten counts a gemeente only while it takes part."""
    if gemeente is None or regel.gemeenten is not None or gemeente not in org.gemeenten:
        return Periode(None, None)
    return org.gemeenten[gemeente]


def ambtshalve_perioden(
    org: Organisatie, orgaan: Orgaan, bezetting: Bezetting
) -> Iterator[tuple[Periode, Samenstellingsregel]]:
    """The periods in which a holding gives a seat in `orgaan` ex officio, with the rule: the
    holding, the rule, the body and the gemeente's taking part all hold, and for a rule with a
    portefeuille also the holder's portefeuille. The same seats `zetels_op` gives on each day."""
    for regel in orgaan.samenstelling:
        if regel.wijze != "ambtshalve" or regel.functie != bezetting.functie:
            continue
        if not in_bereik(org, regel, bezetting.gemeente):
            continue
        deelname = _deelname(org, regel, bezetting.gemeente)
        if regel.portefeuille is None:
            perioden = [doorsnede(bezetting, regel, orgaan, deelname)]
        else:
            perioden = [
                doorsnede(bezetting, t, regel, orgaan, deelname)
                for t in bezetting.portefeuilles
                if t.portefeuille == regel.portefeuille
            ]
        for periode in perioden:
            if periode is not None:
                yield periode, regel


def _ambtshalve_gevuld(
    org: Organisatie, regel: Samenstellingsregel, gemeente: str | None, peildatum: date
) -> list[tuple[str, date | None, bool]]:
    """Who fills a rule's seats ex officio on the date, with since when (for a portefeuille:
    since when they hold both the post and the portefeuille) and whether waarnemend."""
    gevuld = []
    for b in bekleders_op(org, regel.functie, gemeente, peildatum):
        if regel.portefeuille is None:
            gevuld.append((b.persoon, b.vanaf, b.waarnemend))
            continue
        for t in b.portefeuilles:
            if t.portefeuille == regel.portefeuille and geldig_op(t, peildatum):
                sinds = max((d for d in (b.vanaf, t.vanaf) if d), default=None)
                gevuld.append((b.persoon, sinds, b.waarnemend))
                break
    return gevuld


def _gemeenten_van(org: Organisatie, regel: Samenstellingsregel, peildatum: date):
    if not org.functies[regel.functie].per_gemeente:
        return [None]
    gemeenten = regel.gemeenten if regel.gemeenten is not None else org.gemeenten
    return [g for g in gemeenten if geldig_op(org.gemeenten[g], peildatum)]


def zetels_op(org: Organisatie, orgaan: Orgaan, peildatum: date) -> list[Zetel]:
    """Expand the composition rules into seats: a count gives that many seats, no count gives
    one seat per holder (or one unfilled seat) per gemeente."""
    zetels: list[Zetel] = []
    leden: dict[tuple[str, str | None], list] = defaultdict(list)
    for lid in orgaan.leden:
        leden[(lid.functie, lid.gemeente)].append(lid)
    for regel in orgaan.samenstelling:
        if not geldig_op(regel, peildatum):
            continue
        eerder = len(zetels)  # the seats of the rules before this one
        for gemeente in _gemeenten_van(org, regel, peildatum):
            if regel.wijze == "ambtshalve":
                gevuld = _ambtshalve_gevuld(org, regel, gemeente, peildatum)
            else:
                gevuld = [
                    (lid.persoon, lid.vanaf, False)
                    for lid in leden.get((regel.functie, gemeente), ())
                    if geldig_op(lid, peildatum)
                ]
            aantal = regel.aantal if regel.aantal is not None else len(gevuld)
            if aantal == 0 and regel.wijze == "ambtshalve":
                aantal = 1  # 'all wethouders': one open seat per gemeente until filled
            for i in range(aantal):
                persoon, sinds, waarnemend = gevuld[i] if i < len(gevuld) else (None, None, False)
                zetels.append(
                    Zetel(
                        regel.functie,
                        gemeente,
                        persoon,
                        regel.rol,
                        sinds,
                        regel.wijze,
                        regel,
                        waarnemend,
                    )
                )
        if regel.wijze == "benoemd" and regel.aantal is None and len(zetels) == eerder:
            # Named seats of unknown number, nobody named yet: one open seat says so, rather
            # than inventing one per gemeente.
            zetels.append(Zetel(regel.functie, None, None, regel.rol, None, regel.wijze, regel))
    voorzitter = orgaan.voorzitter_op(peildatum)
    if voorzitter is not None and not voorzitter.roulerend:
        for i, zetel in enumerate(zetels):
            if _is_voorzitter(zetel, voorzitter):
                zetels[i] = zetel._replace(rol="voorzitter")
                break
    return zetels


def _is_voorzitter(zetel: Zetel, voorzitter: Voorzitter) -> bool:
    if voorzitter.persoon is not None:
        return zetel.persoon == voorzitter.persoon
    return zetel.functie == voorzitter.functie and zetel.gemeente == voorzitter.gemeente


def ondersteuning_op(org: Organisatie, orgaan: Orgaan, peildatum: date) -> list[Steun]:
    return [
        Steun(
            o.functie,
            o.gemeente,
            tuple(b.persoon for b in bekleders_op(org, o.functie, o.gemeente, peildatum)),
            herkomst(o, orgaan),
        )
        for o in orgaan.ondersteuning
        if geldig_op(o, peildatum)
    ]


def wie_zit_in(org: Organisatie, orgaan: Orgaan, peildatum: date):
    """The seats, chair and support of a body on a date; none on a date it did not exist."""
    if not geldig_op(orgaan, peildatum):
        return Bezetting_op(orgaan, peildatum, orgaan.status_op(peildatum), [], None, [])
    return Bezetting_op(
        orgaan,
        peildatum,
        orgaan.status_op(peildatum),
        zetels_op(org, orgaan, peildatum),
        orgaan.voorzitter_op(peildatum),
        ondersteuning_op(org, orgaan, peildatum),
    )


def voorzitter_tekst(org: Organisatie, voorzitter: Voorzitter | None) -> str:
    if voorzitter is None:
        return "niet vastgelegd"
    if voorzitter.roulerend:
        return "roulerend"
    if voorzitter.persoon:
        return persoonsnaam(org, voorzitter.persoon) or voorzitter.persoon
    if voorzitter.functie:
        return functienaam(org, voorzitter.functie, voorzitter.gemeente)
    return "niet vastgelegd"


# --- relations, status and sources --------------------------------------------------------


def relaties_op(orgaan: Orgaan, peildatum: date) -> list[Relatie]:
    """The body's relations on the date, in file order; a relation listed twice (AM330
    warns) counts once."""
    uniek: dict[tuple[str, str], Relatie] = {}
    for r in orgaan.relaties:
        if geldig_op(r, peildatum):
            uniek.setdefault((r.soort, r.naar), r)
    return list(uniek.values())


class Verband(NamedTuple):
    """A relation between two bodies, with where it comes from (a derived relation is drawn
    differently from one the source states)."""

    van: Orgaan
    relatie: Relatie
    naar: Orgaan
    herkomst: Herkomst

    @property
    def label(self) -> str:
        return relatielabel(self.relatie.soort)


def verband(org: Organisatie, van: Orgaan, relatie: Relatie) -> Verband:
    return Verband(van, relatie, org.organen[relatie.naar], herkomst(relatie, van))


def relaties_van(org: Organisatie, orgaan: Orgaan, peildatum: date) -> list[Verband]:
    """The body's outgoing relations on the date (each once), with their provenance."""
    return [verband(org, orgaan, r) for r in relaties_op(orgaan, peildatum)]


def inkomende_relaties(org: Organisatie, peildatum: date) -> dict[str, list[Verband]]:
    """For each body: which bodies relate to it, and how (on the date)."""
    inkomend: dict[str, list[Verband]] = defaultdict(list)
    for orgaan in org.organen.values():
        if not geldig_op(orgaan, peildatum):
            continue
        for r in relaties_op(orgaan, peildatum):
            inkomend[r.naar].append(verband(org, orgaan, r))
    return inkomend


def uitgaande_relaties(org: Organisatie, orgaan: Orgaan, peildatum: date) -> list[Relatie]:
    """A body's relations on the date as every view shows them: each once, and only to a
    body that exists on the date."""
    return [r for r in relaties_op(orgaan, peildatum) if geldig_op(org.organen[r.naar], peildatum)]


def status_periode_op(orgaan: Orgaan, peildatum: date) -> StatusPeriode | None:
    """The recorded status that holds on the date; None when none does."""
    if not geldig_op(orgaan, peildatum):
        return None
    return next((s for s in orgaan.status if geldig_op(s, peildatum)), None)


def status_herkomst(orgaan: Orgaan, peildatum: date) -> Herkomst:
    """Where the status on a date comes from; none for a status the file does not record
    (no status at all is 'actief' by the file's convention, not by a source)."""
    periode = status_periode_op(orgaan, peildatum)
    return GEEN_HERKOMST if periode is None else herkomst(periode, orgaan)


def ritmes_op(orgaan: Orgaan, peildatum: date) -> list[tuple[Vergaderritme, Herkomst]]:
    return [(r, herkomst(r, orgaan)) for r in orgaan.vergaderritme if geldig_op(r, peildatum)]


def bronnen_van(org: Organisatie, orgaan: Orgaan) -> list[str]:
    """Every source a body's card leans on: its own, its parts', and those of the recorded
    contradictions about it; in a fixed order."""
    delen = (
        orgaan.status,
        orgaan.samenstelling,
        orgaan.leden,
        orgaan.voorzitter,
        orgaan.ondersteuning,
        orgaan.relaties,
        orgaan.vergaderritme,
        orgaan.vergaderingen,
    )
    ids = set(orgaan.bron) | {b for reeks in delen for item in reeks for b in item.bron}
    for t in org.tegenstrijdigheden.values():
        if orgaan.id in t.betreft:
            ids |= {b for u in t.uitspraken for b in u.bron}
    return sorted(ids)


def titel(org: Organisatie) -> str | None:
    """The title of the overview (diagram, site): the file's `titel`, from its source."""
    return org.titel.tekst if org.titel else None


class Samenvatting(NamedTuple):
    """Seats of one rule, collapsed while unfilled: '7 x burgemeester (een per gemeente)'."""

    regel: Samenstellingsregel
    zetels: list[Zetel]

    @property
    def gevuld(self) -> list[Zetel]:
        return [z for z in self.zetels if z.persoon]


def per_regel(zetels: Iterable[Zetel]) -> list[Samenvatting]:
    groepen: dict[int, Samenvatting] = {}
    for z in zetels:
        groepen.setdefault(id(z.regel), Samenvatting(z.regel, [])).zetels.append(z)
    return list(groepen.values())


def samenstelling(uitslag: Bezetting_op) -> list[Samenvatting]:
    """Every composition rule that holds on the date, each with its seats (none for a rule
    that gives no seat, e.g. on a date the body did not exist)."""
    groepen = {id(s.regel): s for s in per_regel(uitslag.zetels)}
    return [
        groepen.get(id(r), Samenvatting(r, []))
        for r in uitslag.orgaan.samenstelling
        if geldig_op(r, uitslag.peildatum)
    ]


def bron_van_zetel(org: Organisatie, orgaan: Orgaan, zetel: Zetel) -> tuple[str, ...]:
    """The source of the fact that fills the seat (the holding or the membership), else of
    the composition rule, else of the body."""
    if zetel.persoon is not None:
        if zetel.wijze == "benoemd":
            items = [
                lid
                for lid in orgaan.leden
                if (lid.persoon, lid.functie, lid.gemeente)
                == (zetel.persoon, zetel.functie, zetel.gemeente)
                and lid.vanaf == zetel.sinds
            ]
        else:
            items = [
                b
                for b in org.personen[zetel.persoon].functies
                if (b.functie, b.gemeente) == (zetel.functie, zetel.gemeente)
                and b.vanaf == zetel.sinds
            ]
        if items and items[0].bron:
            return items[0].bron
    return zetel.regel.bron or orgaan.bron


class Organen(NamedTuple):
    """The bodies on a date, as every view shows them: those that exist, and apart from them
    those dissolved before the date (in file order). Bodies not yet founded are in neither:
    they appear among the coming changes."""

    bestaand: list[Orgaan]
    opgeheven: list[Orgaan]


def organen_op(org: Organisatie, peildatum: date) -> Organen:
    bestaand, opgeheven = [], []
    for orgaan in org.organen.values():
        if geldig_op(orgaan, peildatum):
            bestaand.append(orgaan)
        elif orgaan.tot_en_met is not None and orgaan.tot_en_met < peildatum:
            opgeheven.append(orgaan)
    return Organen(bestaand, opgeheven)


def is_samenwerkingsverband(org: Organisatie, orgaan: Orgaan, peildatum: date) -> bool:
    """Whether the body is a samenwerkingsverband on the date: it exists, and it is part of no
    body that exists then (the top of a frame in the chart)."""
    if not geldig_op(orgaan, peildatum):
        return False
    ouder = org.organen.get(orgaan.onderdeel_van) if orgaan.onderdeel_van else None
    return ouder is None or not geldig_op(ouder, peildatum)


def samenwerkingsverbanden(org: Organisatie, peildatum: date) -> list[Orgaan]:
    """The samenwerkingsverbanden on the date, in the file's order."""
    return [
        o for o in organen_op(org, peildatum).bestaand if is_samenwerkingsverband(org, o, peildatum)
    ]
