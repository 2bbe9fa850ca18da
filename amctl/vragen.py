"""Queries on a valid model: who sits where, on a date. Plain functions returning plain data;
the views (amctl.weergave) decide how it looks."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
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
from amctl.probleem import GebruiksFout
from amctl.tekst import suggestie

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


class Zetel(NamedTuple):
    """One seat of a body on a date, filled (persoon) or not (persoon None)."""

    functie: str
    gemeente: str | None
    persoon: str | None  # persoon id
    rol: str
    sinds: date | None
    wijze: str
    regel: Samenstellingsregel


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


def functienaam(org: Organisatie, functie: str, gemeente: str | None) -> str:
    naam = org.functies[functie].naam
    return f"{naam} van {org.gemeenten[gemeente].naam}" if gemeente else naam


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
) -> list[tuple[str, date | None]]:
    """Who fills a rule's seats ex officio on the date, with since when (for a portefeuille:
    since when they hold both the post and the portefeuille)."""
    gevuld = []
    for b in bekleders_op(org, regel.functie, gemeente, peildatum):
        if regel.portefeuille is None:
            gevuld.append((b.persoon, b.vanaf))
            continue
        for t in b.portefeuilles:
            if t.portefeuille == regel.portefeuille and geldig_op(t, peildatum):
                sinds = max((d for d in (b.vanaf, t.vanaf) if d), default=None)
                gevuld.append((b.persoon, sinds))
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
                    (lid.persoon, lid.vanaf)
                    for lid in leden.get((regel.functie, gemeente), ())
                    if geldig_op(lid, peildatum)
                ]
            aantal = regel.aantal if regel.aantal is not None else len(gevuld)
            if aantal == 0 and regel.wijze == "ambtshalve":
                aantal = 1  # 'all wethouders': one open seat per gemeente until filled
            for i in range(aantal):
                persoon, sinds = gevuld[i] if i < len(gevuld) else (None, None)
                zetels.append(
                    Zetel(regel.functie, gemeente, persoon, regel.rol, sinds, regel.wijze, regel)
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


# --- finding things by what people type ---------------------------------------------------


_SCHEIDING = "\x1f"  # between the parts of a look-up key; never in an id or a name


def _normaal(tekst: str) -> str:
    """How look-ups compare: any case, no accents, '-', '_' and '.' as spaces."""
    ontleed = unicodedata.normalize("NFKD", tekst.casefold())
    zonder_accenten = "".join(c for c in ontleed if not unicodedata.combining(c))
    return re.sub(r"[\s_\-.]+", " ", zonder_accenten).strip()


def personen_met(org: Organisatie, tekst: str) -> list[str]:
    """The ids of the persons whose name or id contains `tekst` (any case, no accents)."""
    gezocht = _normaal(tekst)
    if not gezocht:
        return []
    return [
        p.id
        for p in org.personen.values()
        if gezocht in _normaal(p.naam) or gezocht in _normaal(p.id)
    ]


def zoek_persoon(org: Organisatie, tekst: str, deel: bool = True) -> str | None:
    """The id of the person `tekst` names: by id or whole name, else (with `deel`) by a part
    of the name that only one person has; several: a usage error that lists them; none: None."""
    if tekst in org.personen:
        return tekst
    gezocht = _normaal(tekst)
    for persoon in org.personen.values():
        if gezocht in (_normaal(persoon.id), _normaal(persoon.naam)):
            return persoon.id
    gevonden = personen_met(org, tekst) if deel else []
    if len(gevonden) > 1:
        raise GebruiksFout(
            f"'{tekst}' past bij meer dan één persoon. Bedoelde u: "
            f"{bedoelde_personen(org, gevonden)}? Geef meer van de naam, of het id."
        )
    return gevonden[0] if gevonden else None


def bedoelde_personen(org: Organisatie, ids: list[str], meer: int = 5) -> str:
    """'A. de Vries (a-de-vries) of B. Jansen (b-jansen)', at most `meer` of them."""
    namen = [f"{org.personen[i].naam} ({i})" for i in ids[:meer]]
    rest = f" of nog {len(ids) - meer} anderen" if len(ids) > meer else ""
    return ", ".join(namen[:-1]) + (" of " if len(namen) > 1 else "") + namen[-1] + rest


def zoek_orgaan(org: Organisatie, tekst: str) -> Orgaan:
    """By id, name or alias, in any case; unknown: a usage error with a suggestion."""
    if tekst in org.organen:
        return org.organen[tekst]
    gezocht = _normaal(tekst)
    namen = org.index("namen", naamindex)
    gevonden = namen.get(_naamsleutel("orgaan", gezocht))
    if gevonden is not None:
        return org.organen[gevonden]
    bekend = _namen_van(namen, "orgaan")
    tip = suggestie(gezocht, bekend)
    hint = f" Bedoelde u: {bekend[tip]}?" if tip else " Zie 'amctl organen' voor de lijst."
    raise GebruiksFout(f"Onbekend orgaan '{tekst}'.{hint}")


class Wie(NamedTuple):
    """What `waar-zit` looks for: a person, a post (functie, optionally of a gemeente) or a
    gemeente."""

    soort: str  # persoon, functie, gemeente
    id: str
    gemeente: str | None = None


def zoek_wie(org: Organisatie, tekst: str) -> Wie:
    """'diemen', 'Diemen', 'j-jansen', 'J. Jansen', 'burgemeester', 'burgemeester van Diemen',
    'burgemeester diemen'."""
    gezocht = _normaal(tekst)
    namen = org.index("namen", naamindex)
    for soort in ("gemeente", "persoon", "functie"):
        gevonden = namen.get(_naamsleutel(soort, gezocht))
        if gevonden is not None:
            return Wie(soort, gevonden)
    functies = _namen_van(namen, "functie")
    for functie_naam, functie_id in sorted(functies.items(), key=lambda kv: -len(kv[0])):
        for tussen in (" van ", " "):
            prefix = functie_naam + tussen
            if gezocht.startswith(prefix):
                gemeente = namen.get(_naamsleutel("gemeente", gezocht[len(prefix) :]))
                if gemeente is not None:
                    return Wie("functie", functie_id, gemeente)
    persoon = zoek_persoon(org, tekst)
    if persoon is not None:
        return Wie("persoon", persoon)
    alles = {
        **functies,
        **_namen_van(namen, "persoon"),
        **_namen_van(namen, "gemeente"),
    }
    tip = suggestie(gezocht, alles)
    hint = f" Bedoelde u: {alles[tip]}?" if tip else ""
    raise GebruiksFout(
        f"Onbekend: '{tekst}' is geen gemeente, persoon of functie.{hint} Voorbeelden: "
        "'diemen', 'burgemeester van Diemen'."
    )


def _naamsleutel(soort: str, genormaliseerd: str) -> str:
    return f"{soort}{_SCHEIDING}{genormaliseerd}"


def _namen_van(namen: Mapping[str, str], soort: str) -> dict[str, str]:
    begin = soort + _SCHEIDING
    return {k[len(begin) :]: v for k, v in namen.items() if k.startswith(begin)}


def naamindex(org: Organisatie) -> dict[str, str]:
    """What people type, normalised, to the id it names: 'gemeente/diemen' -> 'diemen'. For
    gemeenten, persons and posts by id and name (the last of two equal names wins, as it always
    did); for bodies by id, name and alias (the first wins)."""
    namen: dict[str, str] = {}
    for soort, sectie in (
        ("gemeente", org.gemeenten),
        ("persoon", org.personen),
        ("functie", org.functies),
    ):
        for obj in sectie.values():
            for naam in (obj.id, obj.naam):
                namen[_naamsleutel(soort, _normaal(naam))] = obj.id
    for orgaan in org.organen.values():
        for naam in (orgaan.id, orgaan.naam, *orgaan.aliassen):
            namen.setdefault(_naamsleutel("orgaan", _normaal(naam)), orgaan.id)
    return namen


class Plaats(NamedTuple):
    """A seat (or support role) that a person, post or gemeente has in a body."""

    orgaan: Orgaan
    functie: str
    gemeente: str | None
    persoon: str | None
    rol: str
    herkomst: Herkomst = GEEN_HERKOMST


def _past(wie: Wie, functie: str, gemeente: str | None, persoon: str | None) -> bool:
    if wie.soort == "persoon":
        return persoon == wie.id
    if wie.soort == "gemeente":
        return gemeente == wie.id
    return functie == wie.id and (wie.gemeente is None or gemeente == wie.gemeente)


def waar_zit(
    org: Organisatie,
    wie: Wie,
    peildatum: date,
    organen: Iterable[Orgaan] | None = None,
) -> list[Plaats]:
    """Every body and seat of a person, a post or a gemeente on the date, support included.

    It looks in `organen`; by default in the bodies that `plaatsindex` names for `wie`, which
    gives the same answer as looking in all of them (the tests hold it to that)."""
    if organen is None:
        kandidaten = org.index("plaatsen", plaatsindex).get(f"{wie.soort}{_SCHEIDING}{wie.id}", ())
        organen = (org.organen[id_] for id_ in kandidaten)
    plaatsen: list[Plaats] = []
    for orgaan in organen:
        if not geldig_op(orgaan, peildatum):
            continue
        for z in zetels_op(org, orgaan, peildatum):
            if _past(wie, z.functie, z.gemeente, z.persoon):
                plaatsen.append(
                    Plaats(
                        orgaan,
                        z.functie,
                        z.gemeente,
                        z.persoon,
                        z.rol,
                        herkomst(z.regel, orgaan, "functie"),
                    )
                )
        for s in ondersteuning_op(org, orgaan, peildatum):
            for persoon in s.personen or (None,):
                if _past(wie, s.functie, s.gemeente, persoon):
                    plaatsen.append(
                        Plaats(orgaan, s.functie, s.gemeente, persoon, "ondersteuning", s.herkomst)
                    )
    return plaatsen


def plaatsindex(org: Organisatie) -> dict[str, tuple[str, ...]]:
    """For each gemeente, post and person ('gemeente/diemen'): the bodies, in file order, where
    it may have a seat or a supporting role on some date. More rather than fewer: `waar_zit`
    still expands each body's seats on the date, exactly as `zetels_op` and `ondersteuning_op`
    do; this only spares it the bodies where the answer cannot be."""
    bekleders = org.bekleders()
    alle_gemeenten = tuple(org.gemeenten)
    per_sleutel: dict[str, dict[str, None]] = defaultdict(dict)
    for orgaan in org.organen.values():

        def noem(soort: str, id_: str | None, orgaan_id: str = orgaan.id) -> None:
            if id_ is not None:
                per_sleutel[f"{soort}{_SCHEIDING}{id_}"][orgaan_id] = None

        leden: dict[str, list[str]] = defaultdict(list)
        for lid in orgaan.leden:
            leden[lid.functie].append(lid.persoon)
        for regel in orgaan.samenstelling:
            noem("functie", regel.functie)
            if not org.functies[regel.functie].per_gemeente:
                gemeenten: tuple[str | None, ...] = (None,)
            else:
                gemeenten = regel.gemeenten if regel.gemeenten is not None else alle_gemeenten
            for gemeente in gemeenten:
                noem("gemeente", gemeente)
                if regel.wijze == "ambtshalve":
                    for b in bekleders.get((regel.functie, gemeente), ()):
                        noem("persoon", b.persoon)
            if regel.wijze != "ambtshalve":
                for persoon in leden.get(regel.functie, ()):
                    noem("persoon", persoon)
        for o in orgaan.ondersteuning:
            noem("functie", o.functie)
            noem("gemeente", o.gemeente)
            for b in bekleders.get((o.functie, o.gemeente), ()):
                noem("persoon", b.persoon)
    return {sleutel: tuple(organen) for sleutel, organen in per_sleutel.items()}


# --- structure ----------------------------------------------------------------------------


def onderdelen(org: Organisatie, ouder: str | None, peildatum: date) -> list[Orgaan]:
    """The bodies directly part of `ouder` (None: the roots) on the date, in file order,
    without visiting the other bodies. A body whose parent does not exist on the date is a
    root: it exists, so every view shows it (the roots then need a look at every body)."""
    ids = org.index("kinderen", kinderindex).get(ouder or "", ())
    uit = [o for o in (org.organen[id_] for id_ in ids) if geldig_op(o, peildatum)]
    if ouder is not None:
        return uit
    wezen = {
        o.id
        for o in org.organen.values()
        if o.onderdeel_van is not None
        and geldig_op(o, peildatum)
        and not geldig_op(org.organen[o.onderdeel_van], peildatum)
    }
    if not wezen:
        return uit
    wortels = wezen | {o.id for o in uit}
    return [o for o in org.organen.values() if o.id in wortels]


def kinderindex(org: Organisatie) -> dict[str, tuple[str, ...]]:
    """Body id (or '' for the roots) -> the ids of the bodies part of it on any date."""
    per_ouder: dict[str, list[str]] = defaultdict(list)
    for orgaan in org.organen.values():
        per_ouder[orgaan.onderdeel_van or ""].append(orgaan.id)
    return {ouder: tuple(ids) for ouder, ids in per_ouder.items()}


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


# --- seats through time -------------------------------------------------------------------


class Zitting(NamedTuple):
    """A person in one seat of a body for an unbroken period (None: open-ended)."""

    zetel: Zetel
    vanaf: date | None
    tot_en_met: date | None


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
        zetels = zetels_op(org, orgaan, dag) if geldig_op(orgaan, dag) else []
        nu = {(z.functie, z.gemeente, z.persoon, z.rol): z for z in zetels if z.persoon is not None}
        for sleutel in list(open_):
            if sleutel not in nu:
                zitting = open_.pop(sleutel)
                klaar.append(zitting._replace(tot_en_met=dag - timedelta(days=1)))
        for sleutel, zetel in nu.items():
            if sleutel not in open_:
                open_[sleutel] = Zitting(zetel, None if dag == date.min else dag, None)
    klaar.extend(open_.values())
    klaar.sort(key=lambda z: (z.vanaf or date.min, z.zetel.functie, z.zetel.gemeente or ""))
    return klaar


# The look-ups of the queries, by name: built from a model once (Organisatie.index), and kept
# in the model cache with it (amctl.cache), so that a question on an unchanged file reads only
# the bodies it answers about.
INDEXEN = {"namen": naamindex, "plaatsen": plaatsindex, "kinderen": kinderindex}


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
    or before it (None: since ever) to the day before the next (None: no change recorded)."""

    vanaf: date | None
    tot_en_met: date | None

    def vertegenwoordiger(self, peildatum: date) -> date:
        """One fixed day of the period, to answer for all of them: its first day."""
        if self.vanaf is not None:
            return self.vanaf
        return self.tot_en_met if self.tot_en_met is not None else peildatum


def stand_op(org: Organisatie, peildatum: date) -> Stand:
    data = wijzigingsdata(org)
    plaats = bisect_right(data, peildatum)
    vanaf = data[plaats - 1] if plaats else None
    tot = data[plaats] - DAG if plaats < len(data) else None
    return Stand(vanaf, tot)


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
            post = functienaam(org, b.functie, b.gemeente)
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
