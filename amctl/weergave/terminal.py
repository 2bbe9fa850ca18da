"""Tables, cards and trees for people, as layout blocks (amctl.weergave.opmaak): rich draws
them on a terminal, plain text when piped. Text from the data file is never markup and never
a terminal code: opmaak makes every control character visible, in both backends."""

from __future__ import annotations

from datetime import date
from typing import Any

from amctl.model import Orgaan, Organisatie, aard_van, geldig_op
from amctl.vragen import (
    OPEN,
    Bezetting_op,
    Herkomst,
    Plaats,
    bronnen_van,
    functienaam,
    herkomst,
    inkomende_relaties,
    persoonsnaam,
    relaties_van,
    ritmes_op,
    samenstelling,
    statuslabel,
)
from amctl.weergave.gegevens import (
    legenda,
    merken,
    merkteken,
    ondersteuning_lijst,
    regel_omschrijving,
    ritme_tekst,
    voorzitter_dict,
)
from amctl.weergave.opmaak import Blok, Deel, Regel, Tabel, Tak, regel

NIET_INGEVULD = OPEN


def _t(tekst: object, stijl: str = "") -> Deel:
    return Deel("" if tekst is None else str(tekst), stijl)


class _Merken(set):
    """The kinds of fact an answer marked, for the legend under it."""

    def teken(self, aard: str | None) -> str:
        if merkteken(aard):
            self.add(aard)
        return merkteken(aard)

    def merk(self, aard: str | None) -> Deel:
        return _t(self.teken(aard), "bold yellow")

    def merken(self, *aarden: str | None) -> Deel:
        """The marks of several facts shown in one place, each mark once."""
        return _t(merken(aarden, self.teken), "bold yellow")

    def legenda(self) -> list[Blok]:
        return [regel(_t(tekst, "dim")) for tekst in legenda(self)]


def _bron(h: Herkomst) -> Deel:
    """' (bron: am-overlegstructuur)' after a line whose fact has a source."""
    return _t(f" (bron: {', '.join(h.bron)})" if h.bron else "", "dim")


def bronnenlijst(org: Organisatie, ids: list[str], volledig: bool = False) -> list[Blok]:
    """The sources an answer cites: id, title and address; `volledig` adds the rest."""
    if not ids:
        return []
    blokken: list[Blok] = [regel("Bronnen:")]
    for b in ids:
        bron = org.bronnen[b]
        blokken.append(regel("  - ", f"{b}: {bron.titel}", f" <{bron.url}>" if bron.url else ""))
        if volledig:
            if bron.bestand:
                blokken.append(regel("      bestand: ", bron.bestand))
            if bron.geraadpleegd:
                blokken.append(regel("      geraadpleegd: ", bron.geraadpleegd.isoformat()))
            if bron.toelichting:
                blokken.append(regel("      ", _t(bron.toelichting, "italic")))
    return blokken


def _status(status: str, kort: bool = False) -> Deel:
    label = status.replace("-", " ") if kort else statuslabel(status)
    return _t(label, "green" if status == "actief" else "bold yellow")


def _bestond_niet(uitslag: Bezetting_op) -> bool:
    return uitslag.status in ("opgeheven", "nog-niet-opgericht")


def wie_zit_in(
    org: Organisatie, uitslag: Bezetting_op, merken: _Merken | None = None
) -> list[Blok]:
    """The seats, chair and support; on its own (no `merken` of a card) with the legend."""
    alleen = merken is None
    merken = _Merken() if merken is None else merken
    orgaan = uitslag.orgaan
    status_herkomst = uitslag.status_herkomst
    kop = regel(
        _t(orgaan.naam, "bold"),
        f" ({orgaan.id}) op {uitslag.peildatum.isoformat()} - ",
        _status(uitslag.status),
        merken.merk(status_herkomst.aard),
        _bron(status_herkomst),
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
                        regel(
                            functienaam(org, z.functie, None, z.waarnemend),
                            merken.merk(aard_van(z.regel, "functie")),
                        ),
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
    voorzitter_herkomst = uitslag.voorzitter_herkomst
    blokken.append(
        regel(
            "Voorzitter: ",
            tekst,
            merken.merk(voorzitter_herkomst.aard),
            _bron(voorzitter_herkomst),
        )
    )
    steun = ondersteuning_lijst(org, uitslag)
    if not steun:
        blokken.append(regel("Ondersteuning: niet vastgelegd"))
    for s in steun:
        h = Herkomst(tuple(s["bron"]), s["aard"])
        blokken.append(
            regel(
                "Ondersteuning: ",
                s["functie_naam"],
                merken.merk(h.aard),
                f" ({s['persoon'] or NIET_INGEVULD})",
                _bron(h),
            )
        )
    return blokken + (merken.legenda() if alleen else [])


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
    merken = _Merken()
    for p in plaatsen:
        status = p.orgaan.status_op(peildatum)
        naam = regel(p.orgaan.naam)
        if status != "actief":
            naam += regel(" [", _status(status, kort=True), "]")
        rijen.append(
            (
                naam,
                regel(
                    functienaam(org, p.functie, p.gemeente, p.waarnemend),
                    merken.merk(p.herkomst.aard),
                ),
                _persoon(org, p.persoon),
                _rol(p.rol),
            )
        )
    return [titel, Tabel(("orgaan", "functie", "persoon", "rol"), rijen), *merken.legenda()]


def opgeheven(rijen: list[dict[str, Any]], peildatum: date, merken: _Merken) -> list[Blok]:
    """The bodies dissolved before the date, under the others: in `organen` and `tree`; the
    name and the end date with their marks."""
    if not rijen:
        return []
    return [
        Tak(
            regel(_t(f"Opgeheven voor {peildatum.isoformat()}", "bold")),
            [
                Tak(
                    regel(
                        _t(r["naam"]),
                        merken.merk(r["naam_aard"]),
                        _t(f"  {r['id']}", "dim"),
                        f", t/m {r['tot_en_met']}",
                        merken.merk(r["tot_en_met_aard"]),
                    ),
                    [],
                )
                for r in rijen
            ],
        )
    ]


def organen(
    rijen: list[dict[str, Any]], weg: list[dict[str, Any]] = (), peildatum: date | None = None
) -> list[Blok]:
    merken = _Merken()
    for r in rijen:
        for ritme in r["vergaderritmes"]:
            merken.merk(ritme["aard"])  # ritme_tekst carries the mark itself
    return [
        Tabel(
            ("id", "naam", "soort", "status", "voorzitter", "vergaderritme"),
            [
                (
                    regel(r["id"]),
                    regel(r["naam"], merken.merk(r["naam_aard"])),
                    regel(r["soort"]),
                    regel(_status(r["status"]), merken.merk(r["status_aard"])),
                    regel(r["voorzitter"], merken.merk(r["voorzitter_aard"])),
                    regel(r["vergaderritme"]),
                )
                for r in rijen
            ],
        ),
        *(opgeheven(list(weg), peildatum, merken) if peildatum else []),
        *merken.legenda(),
    ]


def kaart(
    org: Organisatie, orgaan: Orgaan, uitslag: Bezetting_op, volledig: bool = False
) -> list[Blok]:
    """`amctl toon`: everything about one body, each line with its source and the mark of
    a derived or assumed fact; `volledig` prints the sources in full."""
    peildatum = uitslag.peildatum
    merken = _Merken()
    status_herkomst = uitslag.status_herkomst
    regels: list[Blok] = [
        regel(_t(orgaan.naam, "bold"), merken.merk(aard_van(orgaan, "naam")), f" ({orgaan.id})"),
        regel("Soort: ", org.soorten[orgaan.soort].naam),
        regel(
            "Status: ",
            _status(uitslag.status),
            merken.merk(status_herkomst.aard),
            _bron(status_herkomst),
        ),
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
            regels.append(regel(f"{label}: ", waarde, merken.merk(aard_van(orgaan, veld))))
    if orgaan.vanaf or orgaan.tot_en_met:
        van = orgaan.vanaf.isoformat() if orgaan.vanaf else "?"
        tot = orgaan.tot_en_met.isoformat() if orgaan.tot_en_met else "heden"
        regels.append(
            regel(
                f"Bestaat: {van}",
                merken.merk(aard_van(orgaan, "vanaf") if orgaan.vanaf else None),
                f" t/m {tot}",
                merken.merk(aard_van(orgaan, "tot-en-met") if orgaan.tot_en_met else None),
            )
        )
    if orgaan.taken:
        regels.append(regel("Taken:"))
        regels += [regel("  - ", taak) for taak in orgaan.taken]
    if orgaan.deelregios:
        regels.append(regel("Deelregio's: ", ", ".join(orgaan.deelregios)))
    regels.append(regel("Samenstelling:"))
    for groep in samenstelling(uitslag):
        h = herkomst(groep.regel, orgaan, "functie")
        zin = regel("  - ", regel_omschrijving(org, groep), merken.merk(h.aard))
        if groep.regel.toelichting:
            zin += regel(_t(f": {groep.regel.toelichting}", "italic"))
        if not h.geerfd:
            zin += regel(_bron(h))
        regels.append(zin)
    if not orgaan.samenstelling:
        regels.append(regel("  niet vastgelegd"))
    regels += wie_zit_in(org, uitslag, merken)
    uitgaand = relaties_van(org, orgaan, peildatum)
    inkomend = inkomende_relaties(org, peildatum).get(orgaan.id, [])
    if uitgaand or inkomend:
        regels.append(regel("Relaties:"))
    for v in uitgaand:
        regels.append(
            regel(f"  -> {v.label}: ", v.naar.naam, merken.merk(v.herkomst.aard), _bron(v.herkomst))
        )
    for v in inkomend:
        regels.append(
            regel(
                "  <- ",
                v.van.naam,
                f" {v.label} dit",
                merken.merk(v.herkomst.aard),
                _bron(v.herkomst),
            )
        )
    for _, h in ritmes_op(orgaan, peildatum):
        merken.merk(h.aard)  # ritme_tekst carries the mark itself
    regels.append(regel("Vergaderritme: ", ritme_tekst(orgaan, peildatum)))
    for t in org.tegenstrijdigheden.values():
        if orgaan.id not in t.betreft:
            continue
        regels.append(regel("Let op, bronnen spreken elkaar tegen: ", t.onderwerp))
        for u in t.uitspraken:
            tekst = f'"{u.tekst}"' if u.aard == "geciteerd" else f"samengevat: {u.tekst}"
            regels.append(regel("  - ", f"{tekst} ({', '.join(u.bron)})"))
        if t.verwerking:
            regels.append(regel("  Verwerking: ", _t(t.verwerking, "italic")))
    regels += bronnenlijst(org, bronnen_van(org, orgaan), volledig)
    return regels + merken.legenda()


def boom(
    knopen: list[dict[str, Any]],
    peildatum: date,
    titel: str | None = None,
    weg: list[dict[str, Any]] = (),
) -> list[Blok]:
    """The tree under its title (the file's `titel`, when the whole structure is shown), and
    the bodies dissolved before the date apart below it."""
    merken = _Merken()
    takken = [_tak(k, merken) for k in knopen]
    kop = [regel(_t(titel, "bold"))] if titel else []
    peil = regel(_t(f"Peildatum {peildatum.isoformat()}", "dim"))
    weg_ = opgeheven(list(weg), peildatum, merken)
    return [*kop, peil, *takken, *weg_, *merken.legenda()]


def _label(knoop: dict[str, Any], merken: _Merken) -> Regel:
    """Name and id, and the status when it is not 'actief'; the mark of a derived name, and of
    a derived status (after the name when the status is 'actief': that the body is there is
    derived)."""
    actief = knoop["status"] == "actief"
    label = regel(
        _t(knoop["naam"], "bold"),
        merken.merken(knoop["naam_aard"], knoop["status_aard"] if actief else None),
        _t(f"  {knoop['id']}", "dim"),
    )
    if not actief:
        status = _status(knoop["status"], kort=True)
        label += regel(" [", status, merken.merk(knoop["status_aard"]), "]")
    return label


def _tak(knoop: dict[str, Any], merken: _Merken) -> Tak:
    takken: list[Tak] = []
    voorzitter = knoop["voorzitter"]
    if voorzitter["regel"] is not None:
        tekst = voorzitter["omschrijving"]
        if voorzitter.get("persoon"):
            tekst += f": {voorzitter['persoon']}"
        takken.append(
            Tak(regel(_t("voorzitter: ", "bold"), tekst, merken.merk(voorzitter["aard"])), [])
        )
    for groep in knoop["zetels"]:
        gevuld = groep["gevuld"]
        zetels = []
        for z in gevuld:
            rol = " (voorzitter)" if z["rol"] == "voorzitter" else ""
            zetels.append(Tak(regel(f"{z['functie_naam']}: {z['persoon']}{rol}"), []))
        open_ = groep["aantal"] - len(gevuld)
        if gevuld and open_:
            zetels.append(Tak(regel(_t(f"{open_} x {NIET_INGEVULD}", "dim")), []))
        takken.append(Tak(regel(groep["omschrijving"], merken.merk(groep["aard"])), zetels))
    for s in knoop["ondersteuning"]:
        wie = f" ({s['persoon']})" if s["persoon"] else ""
        takken.append(
            Tak(
                regel(
                    _t("ondersteund door: ", "italic"),
                    s["functie_naam"],
                    merken.merk(s["aard"]),
                    wie,
                ),
                [],
            )
        )
    for r in knoop["relaties"]:
        label = regel(_t(f"-> {r['label']}: ", "cyan"), r["naam"], merken.merk(r["aard"]))
        if r["status"] != "actief":
            label += regel(" [", _status(r["status"], kort=True), "]")
        takken.append(Tak(label, []))
    takken += [_tak(kind, merken) for kind in knoop["onderdelen"]]
    return Tak(_label(knoop, merken), takken)
