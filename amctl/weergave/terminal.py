"""Tables, cards and trees for people, as layout blocks (amctl.weergave.opmaak): rich draws
them on a terminal, plain text when piped. Text from the data file is never markup and never
a terminal code: opmaak makes every control character visible, in both backends."""

from __future__ import annotations

from datetime import date
from typing import Any

from amctl.model import Orgaan, Organisatie, geldig_op
from amctl.vragen import (
    Bezetting_op,
    Plaats,
    functienaam,
    persoonsnaam,
    relaties_op,
    samenstelling,
    statuslabel,
)
from amctl.weergave.gegevens import (
    ondersteuning_lijst,
    regel_omschrijving,
    ritme_tekst,
    voorzitter_dict,
)
from amctl.weergave.opmaak import Blok, Deel, Regel, Tabel, Tak, regel

NIET_INGEVULD = "niet ingevuld"


def _t(tekst: object, stijl: str = "") -> Deel:
    return Deel("" if tekst is None else str(tekst), stijl)


def _status(status: str, kort: bool = False) -> Deel:
    label = status.replace("-", " ") if kort else statuslabel(status)
    return _t(label, "green" if status == "actief" else "bold yellow")


def _bestond_niet(uitslag: Bezetting_op) -> bool:
    return uitslag.status in ("opgeheven", "nog-niet-opgericht")


def wie_zit_in(org: Organisatie, uitslag: Bezetting_op) -> list[Blok]:
    orgaan = uitslag.orgaan
    kop = regel(
        _t(orgaan.naam, "bold"),
        f" ({orgaan.id}) op {uitslag.peildatum.isoformat()} - ",
        _status(uitslag.status),
    )
    if _bestond_niet(uitslag):
        return [kop, regel("Dit orgaan bestond niet op deze datum.")]
    blokken: list[Blok] = [kop]
    if uitslag.zetels:
        blokken.append(
            Tabel(
                ("functie", "gemeente", "persoon", "rol", "sinds"),
                [
                    (
                        regel(org.functies[z.functie].naam),
                        regel(org.gemeenten[z.gemeente].naam if z.gemeente else "-"),
                        _persoon(org, z.persoon),
                        _rol(z.rol),
                        regel(z.sinds.isoformat() if z.sinds else "-"),
                    )
                    for z in uitslag.zetels
                ],
            )
        )
    else:
        blokken.append(regel("Geen zetels vastgelegd."))
    voorzitter = voorzitter_dict(org, uitslag)
    tekst = voorzitter["omschrijving"]
    if voorzitter.get("persoon"):
        tekst += f": {voorzitter['persoon']}"
    blokken.append(regel("Voorzitter: ", tekst))
    steun = ondersteuning_lijst(org, uitslag)
    namen = ", ".join(s["functie_naam"] + f" ({s['persoon'] or NIET_INGEVULD})" for s in steun)
    blokken.append(regel("Ondersteuning: ", namen or "niet vastgelegd"))
    return blokken


def _persoon(org: Organisatie, persoon: str | None) -> Regel:
    naam = persoonsnaam(org, persoon)
    return regel(_t(naam) if naam else _t(NIET_INGEVULD, "dim"))


def _rol(rol: str) -> Regel:
    return regel(_t(rol, "bold" if rol == "voorzitter" else ""))


def waar_zit(org: Organisatie, kop: str, peildatum: date, plaatsen: list[Plaats]) -> list[Blok]:
    titel = regel(_t(kop, "bold"), f" op {peildatum.isoformat()}")
    if not plaatsen:
        return [titel, regel("Nergens: geen zetel of ondersteunende rol op deze datum.")]
    rijen = []
    for p in plaatsen:
        status = p.orgaan.status_op(peildatum)
        naam = regel(p.orgaan.naam)
        if status != "actief":
            naam += regel(" [", _status(status, kort=True), "]")
        rijen.append(
            (
                naam,
                regel(functienaam(org, p.functie, p.gemeente)),
                _persoon(org, p.persoon),
                _rol(p.rol),
            )
        )
    return [titel, Tabel(("orgaan", "functie", "persoon", "rol"), rijen)]


def organen(rijen: list[dict[str, Any]]) -> list[Blok]:
    return [
        Tabel(
            ("id", "naam", "soort", "status", "voorzitter", "vergaderritme"),
            [
                (
                    regel(r["id"]),
                    regel(r["naam"]),
                    regel(r["soort"]),
                    regel(_status(r["status"])),
                    regel(r["voorzitter"]),
                    regel(r["vergaderritme"]),
                )
                for r in rijen
            ],
        )
    ]


def kaart(org: Organisatie, orgaan: Orgaan, uitslag: Bezetting_op) -> list[Blok]:
    """`amctl toon`: everything about one body."""
    peildatum = uitslag.peildatum
    regels: list[Blok] = [
        regel(_t(orgaan.naam, "bold"), f" ({orgaan.id})"),
        regel("Soort: ", org.soorten[orgaan.soort].naam),
        regel("Status: ", _status(uitslag.status)),
    ]
    for s in orgaan.status:
        if s.toelichting and geldig_op(s, peildatum):
            regels.append(regel("  ", _t(s.toelichting, "italic")))
    if orgaan.aliassen:
        regels.append(regel("Ook: ", ", ".join(orgaan.aliassen)))
    if orgaan.onderdeel_van:
        regels.append(regel("Onderdeel van: ", org.organen[orgaan.onderdeel_van].naam))
    for veld, label in (
        ("omschrijving", "Omschrijving"),
        ("rechtsvorm", "Rechtsvorm"),
        ("secretariaat", "Secretariaat"),
        ("toelichting", "Toelichting"),
    ):
        waarde = getattr(orgaan, veld)
        if waarde:
            regels.append(regel(f"{label}: ", waarde))
    if orgaan.vanaf or orgaan.tot_en_met:
        van = orgaan.vanaf.isoformat() if orgaan.vanaf else "?"
        tot = orgaan.tot_en_met.isoformat() if orgaan.tot_en_met else "heden"
        regels.append(regel(f"Bestaat: {van} t/m {tot}"))
    if orgaan.taken:
        regels.append(regel("Taken:"))
        regels += [regel("  - ", taak) for taak in orgaan.taken]
    if orgaan.deelregios:
        regels.append(regel("Deelregio's: ", ", ".join(orgaan.deelregios)))
    regels.append(regel("Samenstelling:"))
    for groep in samenstelling(uitslag):
        zin = regel("  - ", regel_omschrijving(org, groep))
        if groep.regel.toelichting:
            zin += regel(_t(f": {groep.regel.toelichting}", "italic"))
        regels.append(zin)
    if not orgaan.samenstelling:
        regels.append(regel("  niet vastgelegd"))
    regels += wie_zit_in(org, uitslag)
    uitgaand = relaties_op(orgaan, peildatum)
    inkomend = [
        (o, r)
        for o in org.organen.values()
        for r in relaties_op(o, peildatum)
        if r.naar == orgaan.id
    ]
    if uitgaand or inkomend:
        regels.append(regel("Relaties:"))
    for r in uitgaand:
        doel = org.organen[r.naar]
        regels.append(regel(f"  -> {r.soort.replace('-', ' ')}: ", doel.naam))
    for o, r in inkomend:
        regels.append(regel("  <- ", o.naam, f" {r.soort.replace('-', ' ')} dit"))
    regels.append(regel("Vergaderritme: ", ritme_tekst(orgaan, peildatum)))
    for t in org.tegenstrijdigheden.values():
        if orgaan.id not in t.betreft:
            continue
        regels.append(regel("Let op, bronnen spreken elkaar tegen: ", t.onderwerp))
        for u in t.uitspraken:
            regels.append(regel("  - ", f'"{u.tekst}" ({", ".join(u.bron)})'))
        if t.verwerking:
            regels.append(regel("  Verwerking: ", _t(t.verwerking, "italic")))
    bronnen = sorted({*orgaan.bron, *(b for r in orgaan.relaties for b in r.bron)})
    if bronnen:
        regels.append(regel("Bronnen:"))
        for b in bronnen:
            bron = org.bronnen[b]
            regels.append(regel("  - ", f"{b}: {bron.titel}", f" <{bron.url}>" if bron.url else ""))
    return regels


def boom(knopen: list[dict[str, Any]], peildatum: date) -> list[Blok]:
    return [regel(_t(f"Peildatum {peildatum.isoformat()}", "dim")), *(_tak(k) for k in knopen)]


def _label(knoop: dict[str, Any]) -> Regel:
    label = regel(_t(knoop["naam"], "bold"), _t(f"  {knoop['id']}", "dim"))
    if knoop["status"] != "actief":
        label += regel(" [", _status(knoop["status"], kort=True), "]")
    return label


def _tak(knoop: dict[str, Any]) -> Tak:
    takken: list[Tak] = []
    voorzitter = knoop["voorzitter"]
    if voorzitter["regel"] is not None:
        tekst = voorzitter["omschrijving"]
        if voorzitter.get("persoon"):
            tekst += f": {voorzitter['persoon']}"
        takken.append(Tak(regel(_t("voorzitter: ", "bold"), tekst), []))
    for groep in knoop["zetels"]:
        gevuld = groep["gevuld"]
        zetels = []
        for z in gevuld:
            rol = " (voorzitter)" if z["rol"] == "voorzitter" else ""
            zetels.append(Tak(regel(f"{z['functie_naam']}: {z['persoon']}{rol}"), []))
        open_ = groep["aantal"] - len(gevuld)
        if gevuld and open_:
            zetels.append(Tak(regel(_t(f"{open_} x {NIET_INGEVULD}", "dim")), []))
        takken.append(Tak(regel(groep["omschrijving"]), zetels))
    for s in knoop["ondersteuning"]:
        wie = f" ({s['persoon']})" if s["persoon"] else ""
        takken.append(Tak(regel(_t("ondersteund door: ", "italic"), s["functie_naam"] + wie), []))
    for r in knoop["relaties"]:
        label = regel(_t(f"-> {r['label']}: ", "cyan"), r["naam"])
        if r["status"] != "actief":
            label += regel(" [", _status(r["status"], kort=True), "]")
        takken.append(Tak(label, []))
    takken += [_tak(kind) for kind in knoop["onderdelen"]]
    return Tak(_label(knoop), takken)
