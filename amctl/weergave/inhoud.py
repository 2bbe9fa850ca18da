"""The content of `amctl docs` as plain data (`Pagina`, `Item`, `Deel`), written as Markdown by
`site_md` and as HTML by `site_html`: the answers of the peildatum's stand, in file order."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import NamedTuple

from amctl.model import (
    Gedateerd,
    Ondersteuning,
    Orgaan,
    Organisatie,
    Relatie,
    Tegenstrijdigheid,
    aard_van,
    geldig_op,
)
from amctl.tekst import periode, zichtbaar
from amctl.vragen import (
    OPEN,
    Bezetting_op,
    Herkomst,
    Signalen,
    Stand,
    Wijziging,
    functienaam,
    herkomst,
    komende_wijzigingen,
    naam_aard,
    orgaan_aarden,
    organen_op,
    persoonsnaam,
    relatielabel,
    samenstelling,
    statuslabel,
    voorzitter_tekst,
    wie_zit_in,
)
from amctl.weergave.gegevens import (
    MERKTEKENS,
    gemerkte_periode,
    legenda,
    merkteken,
    ondersteuning_lijst,
    regel_omschrijving,
    ritme_tekst,
    ritmes_lijst,
)

README = "README.md"
INDEX = "index.html"
ORGANEN = "organen"
KOPREGEL = (
    "<!-- Gegenereerd door 'amctl docs' uit het organisatiebestand. Niet met de hand "
    "bewerken: wijzig het bestand en draai 'amctl docs --uit' opnieuw. -->"
)
STAND = re.compile(r"^<!-- amctl docs: stand (\S+) t/m (\S+) -->$", re.MULTILINE)
LEEG = "–"  # an empty table cell; a plain '-' would need escaping in Markdown


class Deel(NamedTuple):
    """A piece of running text, optionally a link to a body's card or to a web page."""

    tekst: str
    orgaan: str | None = None
    url: str | None = None


Regel = tuple[Deel, ...]


class Item(NamedTuple):
    regel: Regel
    onder: tuple[Regel, ...] = ()


class Sectie(NamedTuple):
    kop: str
    items: list[Item]


class Pagina(NamedTuple):
    """One body's card."""

    orgaan: Orgaan
    velden: list[tuple[str, Regel]]
    secties: list[Sectie]


def _t(tekst: str) -> Regel:
    return (Deel(tekst),)


def _link(org: Organisatie, orgaan_id: str) -> Deel:
    return Deel(org.organen[orgaan_id].naam, orgaan=orgaan_id)


def _periode(item: Gedateerd) -> str:
    return periode(item.vanaf, item.tot_en_met)


class Merken(set):
    """The kinds of fact a card marked (afgeleid, aangenomen), for its legend."""

    def merk(self, aard: str | None) -> str:
        if merkteken(aard):
            self.add(aard)
        return merkteken(aard)


def _herkomst(h: Herkomst, merken: Merken) -> str:
    """'* (bron: x)' after a fact: its mark, and its source."""
    return merken.merk(h.aard) + (f" (bron: {', '.join(h.bron)})" if h.bron else "")


def _bij(relatie: Relatie, peildatum: date, merken: Merken | None = None) -> str:
    """'* (t/m 2016-12-31; niet op de peildatum; bron: x)' after a relation, when it applies."""
    merk = merken.merk(aard_van(relatie)) if merken is not None else ""
    delen = [_periode(relatie)] if _periode(relatie) else []
    if not geldig_op(relatie, peildatum):
        delen.append("niet op de peildatum")
    if relatie.bron:
        delen.append("bron: " + ", ".join(relatie.bron))
    return merk + (f" ({'; '.join(delen)})" if delen else "")


def _status(orgaan: Orgaan, peildatum: date) -> str:
    return statuslabel(orgaan.status_op(peildatum))


def _niet_vastgelegd() -> list[Item]:
    return [Item(_t("niet vastgelegd"))]


# --- content ------------------------------------------------------------------------------


class Verwijzers(NamedTuple):
    """What points at each body, gathered once for all cards: looking through every body for
    each card would make the site quadratic in the number of bodies. In file order."""

    relaties: dict[str, list[tuple[Orgaan, Relatie]]]  # by the body they point to
    steun: dict[str, list[tuple[int, Orgaan, Ondersteuning]]]  # by post; with file position
    delen: dict[str, list[Orgaan]]  # by the body they are part of
    tegenstrijdigheden: dict[str, list[Tegenstrijdigheid]]  # by the body they concern


def verwijzers(org: Organisatie) -> Verwijzers:
    uit = Verwijzers(defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list))
    positie = 0
    for o in org.organen.values():
        for r in o.relaties:
            uit.relaties[r.naar].append((o, r))
        for s in o.ondersteuning:
            if s.gemeente is None:
                uit.steun[s.functie].append((positie, o, s))
                positie += 1
        if o.onderdeel_van:
            uit.delen[o.onderdeel_van].append(o)
    for t in org.tegenstrijdigheden.values():
        for orgaan_id in dict.fromkeys(t.betreft):
            uit.tegenstrijdigheden[orgaan_id].append(t)
    return uit


def pagina(
    org: Organisatie,
    orgaan: Orgaan,
    peildatum: date,
    naar: Verwijzers | None = None,
    komend: list[Wijziging] | None = None,
    plan_op: date | None = None,
) -> Pagina:
    """A body's card: its fields, then composition, chair, support, relations in and out,
    contradictions between sources about it, its sources, and the dated changes ahead. With
    `plan_op` also its recorded meetings and those planned from that day on."""
    naar = naar or verwijzers(org)
    merken = Merken()
    if komend is None:
        komend = komende_wijzigingen(org, peildatum)
    uitslag = wie_zit_in(org, orgaan, peildatum)
    velden = _velden(org, orgaan, peildatum, uitslag, merken)
    secties = [Sectie("Taken", [Item(_t(taak)) for taak in orgaan.taken])] if orgaan.taken else []
    voorzitter = _voorzitter(org, uitslag) + _herkomst(uitslag.voorzitter_herkomst, merken)
    secties += [
        Sectie("Samenstelling", _samenstelling(org, uitslag, merken) or _niet_vastgelegd()),
        Sectie("Voorzitter", [Item(_t(voorzitter))]),
        Sectie("Ondersteuning", _ondersteuning(org, uitslag, merken) or _niet_vastgelegd()),
    ]
    relaties = _relaties(org, orgaan, peildatum, naar, merken)
    if relaties:
        secties.append(Sectie("Relaties", relaties))
    secties += _tegenstrijdigheden_over(org, naar.tegenstrijdigheden.get(orgaan.id, []))
    bronnen = [org.bronnen[b] for b in _bronnen_van(org, orgaan, naar)]
    if bronnen:
        items = [Item((Deel(f"{b.id}: "), Deel(b.titel, url=_web(b.url)))) for b in bronnen]
        secties.append(Sectie("Bronnen", items))
    if plan_op is not None and (vergaderingen := vergader_items(org, orgaan, plan_op)):
        secties.append(Sectie("Vergaderingen", vergaderingen))
    eigen = [w for w in komend if orgaan.id in w.organen]
    if eigen:
        secties.append(Sectie("Wat komt er aan", komend_items(eigen)))
    if merken:
        secties.append(Sectie("Legenda", legenda_items(merken)))
    return Pagina(orgaan, velden, secties)


def vergader_items(org: Organisatie, orgaan: Orgaan, peildatum: date) -> list[Item]:
    """The recorded meetings of a body and, when its place rotates, those planned from the
    date on: the answers of `amctl agenda` (amctl.rooster.agenda, which plans as `rooster`),
    with the notes of the plan after them. None for a body the agenda leaves out."""
    from amctl.rooster import agenda, agenda_organen
    from amctl.weergave.rooster import vergadering_tekst

    if orgaan not in agenda_organen(org, peildatum):
        return []
    punten, opmerkingen = agenda(org, [orgaan], peildatum)
    items = [Item(_t(vergadering_tekst(org, p.vergadering))) for p in punten]
    voor = f"{orgaan.naam}: "
    return items + [Item(_t(f"Let op: {o.removeprefix(voor)}")) for o in opmerkingen]


def signalen_secties(uitkomst: Signalen) -> list[Sectie]:
    """The list of `amctl signalen` on the site, from the same query and the same lines: a
    section per group, each signal one item (its heading in front, the command after it)."""
    from amctl.weergave.signalen import regel

    return [
        Sectie(
            f"{titel} ({len(lijst)})",
            [Item(_t(f"{sig.kop}: {regel(sig)}" if sig.kop else regel(sig))) for sig in lijst],
        )
        for titel, lijst in uitkomst.per_groep()
    ]


def komend_items(wijzigingen: list[Wijziging]) -> list[Item]:
    return [Item(_t(f"per {w.datum.isoformat()}: {w.tekst}")) for w in wijzigingen]


_STANDGRENS = {
    "afgeleid": "afgeleid: deze datum volgt uit een datum die niet zo in de bron staat.",
    "aangenomen": "aangenomen: deze datum volgt uit een datum die bij gebrek aan gegevens is "
    "gekozen.",
}


def stand_tekst(stand: Stand) -> str:
    """On which days the site holds: the same for every day of the stand. A bound that rests
    only on an assumed (or derived) date carries its mark, explained right after."""
    merken = Merken()
    van = stand.vanaf.isoformat() + merken.merk(stand.vanaf_aard) if stand.vanaf else ""
    tot = (
        stand.tot_en_met.isoformat() + merken.merk(stand.tot_en_met_aard)
        if stand.tot_en_met
        else ""
    )
    if van and tot:
        zin = f"Deze stand geldt van {van} tot en met {tot}."
    elif van:
        zin = f"Deze stand geldt vanaf {van}; het bestand legt daarna geen wijziging vast."
    elif tot:
        zin = f"Deze stand geldt tot en met {tot}."
    else:
        zin = "Deze stand geldt altijd: het bestand legt geen gedateerde wijziging vast."
    uitleg = [f"{merkteken(a)} {_STANDGRENS[a]}" for a in MERKTEKENS if a in merken]
    return " ".join([zin, *uitleg])


def _velden(
    org: Organisatie, orgaan: Orgaan, peildatum: date, uitslag: Bezetting_op, merken: Merken
) -> list[tuple[str, Regel]]:
    status = _status(orgaan, peildatum) + _herkomst(uitslag.status_herkomst, merken)
    velden: list[tuple[str, Regel]] = [
        ("Id", _t(orgaan.id)),
        ("Soort", _t(org.soorten[orgaan.soort].naam)),
        ("Status", _t(status)),
    ]
    for s in orgaan.status:
        if s.toelichting and geldig_op(s, peildatum):
            velden.append(("Toelichting bij de status", _t(s.toelichting)))
    if orgaan.aliassen:
        velden.append(("Ook bekend als", _t(", ".join(orgaan.aliassen))))
    if orgaan.onderdeel_van:
        velden.append(("Onderdeel van", (_link(org, orgaan.onderdeel_van),)))
    for label, waarde in (
        ("Omschrijving", orgaan.omschrijving),
        ("Rechtsvorm", orgaan.rechtsvorm),
        ("Secretariaat", orgaan.secretariaat),
        ("Toelichting", orgaan.toelichting),
        ("Bestaat", gemerkte_periode(orgaan, merken.merk)),
        ("Deelregio's", ", ".join(orgaan.deelregios)),
    ):
        if waarde:
            velden.append((label, _t(waarde)))
    for r in ritmes_lijst(orgaan, peildatum):
        merken.merk(r["aard"])  # ritme_tekst carries the mark itself
    ritme = ritme_tekst(orgaan, peildatum)
    if ritme != "-":
        velden.append(("Vergaderritme", _t(ritme)))
    return velden


def _samenstelling(org: Organisatie, uitslag: Bezetting_op, merken: Merken) -> list[Item]:
    """One item per rule ('7 x burgemeester (een per gemeente)'), every seat below it, filled
    or open, as `wie-zit-in` lists them."""
    items = []
    for groep in samenstelling(uitslag):
        h = herkomst(groep.regel, uitslag.orgaan, "functie")
        tekst = regel_omschrijving(org, groep) + merken.merk(h.aard)
        if groep.regel.toelichting:
            tekst += f": {groep.regel.toelichting}"
        zetels = tuple(
            _t(
                f"{functienaam(org, z.functie, z.gemeente, z.waarnemend)}: "
                f"{persoonsnaam(org, z.persoon) or OPEN}"
                + (f" ({z.rol})" if z.rol != "lid" else "")
            )
            for z in groep.zetels
        )
        items.append(Item(_t(tekst), zetels))
    return items


def _voorzitter(org: Organisatie, uitslag: Bezetting_op) -> str:
    tekst = voorzitter_tekst(org, uitslag.voorzitter)
    zittend = next((z for z in uitslag.zetels if z.rol == "voorzitter" and z.persoon), None)
    return f"{tekst}: {persoonsnaam(org, zittend.persoon)}" if zittend else tekst


def _ondersteuning(org: Organisatie, uitslag: Bezetting_op, merken: Merken) -> list[Item]:
    return [
        Item(
            _t(
                s["functie_naam"]
                + (f" ({s['persoon']})" if s["persoon"] else "")
                + _herkomst(Herkomst(tuple(s["bron"]), s["aard"]), merken)
            )
        )
        for s in ondersteuning_lijst(org, uitslag)
    ]


def _relaties(
    org: Organisatie, orgaan: Orgaan, peildatum: date, naar: Verwijzers, merken: Merken
) -> list[Item]:
    """Outgoing, incoming, support by the posts that make up this body, and its parts. Every
    relation in the file, with its period: the card is also the body's history."""
    uit = [
        Item(
            (
                Deel(f"{relatielabel(r.soort)} "),
                _link(org, r.naar),
                Deel(_bij(r, peildatum, merken)),
            )
        )
        for r in orgaan.relaties
    ]
    binnen = [
        Item(
            (
                _link(org, o.id),
                Deel(f" {relatielabel(r.soort)} dit orgaan{_bij(r, peildatum, merken)}"),
            )
        )
        for o, r in naar.relaties.get(orgaan.id, [])
    ]
    leden = {r.functie for r in orgaan.samenstelling if not org.functies[r.functie].per_gemeente}
    steun = [
        Item((Deel(f"{functienaam(org, s.functie, None)} (lid) ondersteunt "), _link(org, o.id)))
        for _, o, s in sorted(p for f in leden for p in naar.steun.get(f, []))
        if o.id != orgaan.id
    ]
    delen = [
        Item((_link(org, o.id), Deel(" is onderdeel van dit orgaan")))
        for o in naar.delen.get(orgaan.id, [])
    ]
    return uit + binnen + steun + delen


def _tegenstrijdigheden_over(org: Organisatie, over: list[Tegenstrijdigheid]) -> list[Sectie]:
    """Each recorded contradiction about the body: both statements, each with its source."""
    secties = []
    for t in over:
        items = []
        for u in t.uitspraken:
            waar = ", ".join(org.bronnen[b].titel for b in u.bron)
            if u.plaats:
                waar += f", {u.plaats}"
            tekst = f"“{u.tekst}”" if u.aard == "geciteerd" else f"samengevat: {u.tekst}"
            items.append(Item(_t(f"{tekst} (bron: {waar})")))
        if t.verwerking:
            items.append(Item(_t(f"Verwerking: {t.verwerking}")))
        secties.append(Sectie(f"Let op, bronnen spreken elkaar tegen: {t.onderwerp}", items))
    return secties


def _bronnen_van(org: Organisatie, orgaan: Orgaan, naar: Verwijzers) -> list[str]:
    """Every source the card leans on, in a fixed order."""
    gedateerd = (
        orgaan.status,
        orgaan.samenstelling,
        orgaan.voorzitter,
        orgaan.ondersteuning,
        orgaan.relaties,
        orgaan.vergaderritme,
    )
    ids = set(orgaan.bron) | {b for reeks in gedateerd for item in reeks for b in item.bron}
    for t in naar.tegenstrijdigheden.get(orgaan.id, []):
        ids |= {b for u in t.uitspraken for b in u.bron}
    return sorted(ids)


def _web(url: str | None) -> str | None:
    """Only http(s) addresses become links; anything else (javascript:, file:) stays text."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


KOPPEN = ("Orgaan", "Soort", "Status", "Onderdeel van", "Voorzitter", "Ondersteuning")


def overzicht(
    org: Organisatie, peildatum: date, merken: Merken | None = None
) -> list[tuple[Regel, ...]]:
    """The table of bodies: one row per body that exists on the date, as `amctl organen`:
    the name and the status with their marks (`merken` collects them for the legend)."""
    merken = Merken() if merken is None else merken
    rijen = []
    for orgaan in organen_op(org, peildatum).bestaand:
        naam_, status_ = orgaan_aarden(orgaan, peildatum)
        uitslag = wie_zit_in(org, orgaan, peildatum)
        steun = ", ".join(
            dict.fromkeys(functienaam(org, s.functie, s.gemeente) for s in uitslag.ondersteuning)
        )
        rijen.append(
            (
                (_link(org, orgaan.id), Deel(merken.merk(naam_))),
                _t(org.soorten[orgaan.soort].naam),
                _t(_status(orgaan, peildatum) + merken.merk(status_)),
                (_link(org, orgaan.onderdeel_van),) if orgaan.onderdeel_van else _t(LEEG),
                _t(voorzitter_tekst(org, uitslag.voorzitter) if uitslag.voorzitter else LEEG),
                _t(steun or LEEG),
            )
        )
    return rijen


def opgeheven(org: Organisatie, peildatum: date, merken: Merken | None = None) -> list[Item]:
    """The bodies dissolved before the date, apart from the table, as `amctl organen`: name
    and period with their marks."""
    merken = Merken() if merken is None else merken
    return [
        Item(
            (
                _link(org, o.id),
                Deel(merken.merk(naam_aard(o))),
                Deel(f" (opgeheven; bestond {gemerkte_periode(o, merken.merk)})"),
            )
        )
        for o in organen_op(org, peildatum).opgeheven
    ]


def legenda_items(merken: set[str]) -> list[Item]:
    """The legend of the marks a page used, one item each."""
    return [Item(_t(tekst)) for tekst in legenda(merken)]


def tegenstrijdigheden(org: Organisatie) -> list[Item]:
    items = []
    for t in org.tegenstrijdigheden.values():
        regel: list[Deel] = [Deel(t.onderwerp)]
        if t.betreft:
            regel.append(Deel(" (betreft: "))
            for nummer, orgaan_id in enumerate(t.betreft):
                if nummer:
                    regel.append(Deel(", "))
                regel.append(_link(org, orgaan_id))
            regel.append(Deel(")"))
        items.append(Item(tuple(regel)))
    return items


def enkel(tekst: str) -> str:
    """One line: each run of white space (line ends too) one space; control characters
    visible. Spaces at the ends stay: pieces of a line are joined as they are."""
    return zichtbaar(re.sub(r"\s+", " ", tekst))
