"""Finding things by what people type (a body, a person, a post or a gemeente), `waar-zit`,
the parts of a body, and the look-ups that let a question on a national-scale file read only
the bodies it answers about (INDEXEN: built once per model, kept in the model cache)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from difflib import SequenceMatcher
from typing import NamedTuple

from amctl.model import (
    Orgaan,
    Organisatie,
    geldig_op,
)
from amctl.probleem import GebruiksFout
from amctl.tekst import suggestie
from amctl.vragen.zetels import GEEN_HERKOMST, Herkomst, herkomst, ondersteuning_op, zetels_op

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


# Words that say nothing about who someone is: particles of a surname, the words of test and
# placeholder names, posts. Names that share only such words (and the file's own words for
# posts and gemeenten) and differ in one whole word or initial are different people:
# "Testpersoon A" and "Testpersoon B", "Fictief Wethouder 1" and "Fictief Wethouder 2".
# fmt: off
_ALGEMENE_WOORDEN = frozenset({
    "de", "den", "der", "het", "in", "op", "t", "te", "ten", "ter", "van", "vd",  # particles
    "demo", "fictief", "fictieve", "nieuw", "nieuwe", "onbekend", "oud", "oude", "persoon",
    "test", "testpersoon", "tijdelijk", "vacature", "voorbeeld",  # placeholders
    "burgemeester", "wethouder", "raadslid", "griffier", "secretaris", "gemeentesecretaris",
})
# fmt: on


def _woorden(naam: str) -> list[str]:
    return _normaal(naam).split()


def _algemeen(org: Organisatie) -> frozenset[str]:
    """The words that are no part of who someone is, for this file: see _ALGEMENE_WOORDEN."""
    eigen = {
        woord
        for naam in (
            *(f.naam for f in org.functies.values()),
            *(g.naam for g in org.gemeenten.values()),
        )
        for woord in _woorden(naam)
    }
    return _ALGEMENE_WOORDEN | eigen


def _tikfout(a: str, b: str) -> bool:
    """Two words one of which is a typing error of the other (Jansen, Janssen), or an initial
    and the word it begins (J, Jan)."""
    if (len(a) == 1 or len(b) == 1) and a[:1] == b[:1]:
        return True
    return min(len(a), len(b)) >= 3 and SequenceMatcher(None, a, b).ratio() >= 0.75


def namen_lijken(naam: str, ander: str, algemeen: frozenset[str] = _ALGEMENE_WOORDEN) -> bool:
    """Whether two names may be one person spelled two ways: other case, accents or
    punctuation, a typing error in a word, an initial for a first name, a word left out. Not
    when they differ in one whole word or initial and what they share is generic (`algemeen`,
    or numbers)."""
    a, b = _woorden(naam), _woorden(ander)
    if not a or not b:
        return False
    if a == b:
        return True  # the same words, another case, accents or punctuation

    def eigen(woorden: list[str]) -> bool:
        return any(w not in algemeen and not w.isdigit() for w in woorden)

    if len(a) == len(b):
        anders = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(anders) == 1:
            x, y = anders[0]
            gedeeld = [w for w in a if w != x]
            if (len(x) == 1 and len(y) == 1) or x.isdigit() or y.isdigit():
                return eigen(gedeeld)  # another initial or number: the same name if it is one
            return _tikfout(x, y)
        return all(_tikfout(x, y) for x, y in anders)
    kort, lang = sorted((a, b), key=len)
    if len(lang) - len(kort) == 1:
        for i in range(len(lang)):
            if lang[:i] + lang[i + 1 :] == kort:
                return eigen(kort)  # a word left out: the same name if the rest says who
    return SequenceMatcher(None, "".join(a), "".join(b)).ratio() >= 0.9


def lijkende_personen(org: Organisatie, naam: str) -> list[str]:
    """The ids of the persons whose name resembles `naam` but is not it (`namen_lijken`):
    whom `benoem` asks "Bedoelde u ...?" before it adds a new person, and whom `importeer`
    names in its summary."""
    algemeen = _algemeen(org)
    kaal = "".join(_woorden(naam))
    return [
        p.id
        for p in org.personen.values()
        if SequenceMatcher(None, kaal, "".join(_woorden(p.naam))).real_quick_ratio() >= 0.5
        and namen_lijken(naam, p.naam, algemeen)
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
    waarnemend: bool = False


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
                        z.waarnemend,
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


# The look-ups of the queries, by name: built from a model once (Organisatie.index), and kept
# in the model cache with it (amctl.modelcache), so that a question on an unchanged file reads only
# the bodies it answers about.
INDEXEN = {"namen": naamindex, "plaatsen": plaatsindex, "kinderen": kinderindex}
