"""Tables, cards and trees for the terminal (rich). Every string from the data file goes
through `_t`: a rich Text, never parsed as markup, with control characters made visible."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from amctl.model import Orgaan, Organisatie, geldig_op
from amctl.tekst import zichtbaar
from amctl.vragen import Bezetting_op, Plaats, functienaam, persoonsnaam, statuslabel
from amctl.weergave.gegevens import ondersteuning_lijst, ritme_tekst, voorzitter_dict

NIET_INGEVULD = "niet ingevuld"


def console(tabel: bool = False) -> Console:
    """Colour only on a terminal and without NO_COLOR (rich honours NO_COLOR itself).

    Piped, a table is not wrapped (one row per line, for grep and scripts); a tree keeps
    the terminal's width, 80 columns when there is no terminal."""
    breedte = None if sys.stdout.isatty() or not tabel else 1000
    return Console(markup=False, emoji=False, highlight=False, width=breedte)


def _t(tekst: object, stijl: str = "") -> Text:
    return Text(zichtbaar("" if tekst is None else str(tekst)), style=stijl)


def _tabel(*koppen: str) -> Table:
    terminal = sys.stdout.isatty()
    tabel = Table(
        box=box.SIMPLE_HEAD if terminal else None,
        show_edge=False,
        header_style="bold" if terminal else "",
        pad_edge=False,
    )
    for kop in koppen:
        tabel.add_column(kop, overflow="fold")
    return tabel


def _status(status: str, kort: bool = False) -> Text:
    label = status.replace("-", " ") if kort else statuslabel(status)
    return _t(label, "green" if status == "actief" else "bold yellow")


def wie_zit_in(org: Organisatie, uitslag: Bezetting_op) -> Group:
    orgaan = uitslag.orgaan
    kop = Text.assemble(
        _t(orgaan.naam, "bold"),
        _t(f" ({orgaan.id})"),
        " op ",
        _t(uitslag.peildatum.isoformat()),
        " - ",
        _status(uitslag.status),
    )
    tabel = _tabel("functie", "gemeente", "persoon", "rol", "sinds")
    for z in uitslag.zetels:
        tabel.add_row(
            _t(org.functies[z.functie].naam),
            _t(org.gemeenten[z.gemeente].naam if z.gemeente else "-"),
            _t(persoonsnaam(org, z.persoon) or NIET_INGEVULD, "" if z.persoon else "dim"),
            _t(z.rol, "bold" if z.rol == "voorzitter" else ""),
            _t(z.sinds.isoformat() if z.sinds else "-"),
        )
    if uitslag.status in ("opgeheven", "nog-niet-opgericht"):
        return Group(kop, _t("Dit orgaan bestond niet op deze datum."))
    delen: list[Any] = [kop, tabel] if uitslag.zetels else [kop, _t("Geen zetels vastgelegd.")]
    voorzitter = voorzitter_dict(org, uitslag)
    tekst = voorzitter["omschrijving"]
    if voorzitter.get("persoon"):
        tekst += f": {voorzitter['persoon']}"
    delen.append(Text.assemble("Voorzitter: ", _t(tekst)))
    steun = ondersteuning_lijst(org, uitslag)
    if steun:
        namen = ", ".join(
            s["functie_naam"] + (f" ({s['persoon']})" if s["persoon"] else f" ({NIET_INGEVULD})")
            for s in steun
        )
        delen.append(Text.assemble("Ondersteuning: ", _t(namen)))
    else:
        delen.append(_t("Ondersteuning: niet vastgelegd"))
    return Group(*delen)


def waar_zit(org: Organisatie, kop: str, peildatum: date, plaatsen: list[Plaats]) -> Group:
    titel = Text.assemble(_t(kop, "bold"), " op ", _t(peildatum.isoformat()))
    if not plaatsen:
        return Group(titel, _t("Nergens: geen zetel of ondersteunende rol op deze datum."))
    tabel = _tabel("orgaan", "functie", "persoon", "rol")
    for p in plaatsen:
        naam = _t(p.orgaan.naam)
        status = p.orgaan.status_op(peildatum)
        if status != "actief":
            naam.append_text(Text.assemble(" [", _status(status, kort=True), "]"))
        tabel.add_row(
            naam,
            _t(functienaam(org, p.functie, p.gemeente)),
            _t(persoonsnaam(org, p.persoon) or NIET_INGEVULD, "" if p.persoon else "dim"),
            _t(p.rol, "bold" if p.rol == "voorzitter" else ""),
        )
    return Group(titel, tabel)


def organen(rijen: list[dict[str, Any]]) -> Table:
    tabel = _tabel("id", "naam", "soort", "status", "voorzitter", "vergaderritme")
    for r in rijen:
        tabel.add_row(
            _t(r["id"]),
            _t(r["naam"]),
            _t(r["soort"]),
            _status(r["status"]),
            _t(r["voorzitter"]),
            _t(r["vergaderritme"]),
        )
    return tabel


def kaart(org: Organisatie, orgaan: Orgaan, uitslag: Bezetting_op) -> Group:
    """`amctl toon`: everything about one body."""
    peildatum = uitslag.peildatum
    regels: list[Any] = [
        Text.assemble(_t(orgaan.naam, "bold"), _t(f" ({orgaan.id})")),
        Text.assemble("Soort: ", _t(org.soorten[orgaan.soort].naam)),
        Text.assemble("Status: ", _status(uitslag.status)),
    ]
    for s in orgaan.status:
        if s.toelichting and geldig_op(s, peildatum):
            regels.append(Text.assemble("  ", _t(s.toelichting, "italic")))
    if orgaan.aliassen:
        regels.append(Text.assemble("Ook: ", _t(", ".join(orgaan.aliassen))))
    if orgaan.onderdeel_van:
        regels.append(Text.assemble("Onderdeel van: ", _t(org.organen[orgaan.onderdeel_van].naam)))
    for veld, label in (
        ("omschrijving", "Omschrijving"),
        ("rechtsvorm", "Rechtsvorm"),
        ("secretariaat", "Secretariaat"),
        ("toelichting", "Toelichting"),
    ):
        waarde = getattr(orgaan, veld)
        if waarde:
            regels.append(Text.assemble(f"{label}: ", _t(waarde)))
    if orgaan.vanaf or orgaan.tot_en_met:
        van = orgaan.vanaf.isoformat() if orgaan.vanaf else "?"
        tot = orgaan.tot_en_met.isoformat() if orgaan.tot_en_met else "heden"
        regels.append(_t(f"Bestaat: {van} t/m {tot}"))
    if orgaan.taken:
        regels.append(_t("Taken:"))
        regels += [Text.assemble("  - ", _t(taak)) for taak in orgaan.taken]
    if orgaan.deelregios:
        regels.append(Text.assemble("Deelregio's: ", _t(", ".join(orgaan.deelregios))))
    regels.append(_t("Samenstelling:"))
    for r in orgaan.samenstelling:
        if not geldig_op(r, peildatum):
            continue
        functie = org.functies[r.functie]
        wat = functie.naam + (" (per gemeente)" if functie.per_gemeente else "")
        if r.aantal:
            details = [f"aantal {r.aantal}", r.wijze]
        else:
            details = ["allen" if r.wijze == "ambtshalve" else "aantal niet vastgelegd", r.wijze]
        if r.rol != "lid":
            details.append(f"rol: {r.rol}")
        regel = Text.assemble("  - ", _t(wat), _t(f" [{', '.join(details)}]", "dim"))
        if r.toelichting:
            regel.append_text(_t(f": {r.toelichting}", "italic"))
        regels.append(regel)
    if not orgaan.samenstelling:
        regels.append(_t("  niet vastgelegd"))
    regels.append(wie_zit_in(org, uitslag))
    uitgaand = [r for r in orgaan.relaties if geldig_op(r, peildatum)]
    inkomend = [
        (o, r)
        for o in org.organen.values()
        for r in o.relaties
        if r.naar == orgaan.id and geldig_op(r, peildatum)
    ]
    if uitgaand or inkomend:
        regels.append(_t("Relaties:"))
    for r in uitgaand:
        doel = org.organen[r.naar]
        regels.append(Text.assemble("  -> ", _t(f"{r.soort.replace('-', ' ')}: {doel.naam}")))
    for o, r in inkomend:
        regels.append(Text.assemble("  <- ", _t(f"{o.naam} {r.soort.replace('-', ' ')} dit")))
    regels.append(Text.assemble("Vergaderritme: ", _t(ritme_tekst(orgaan, peildatum))))
    tegenstrijdig = [t for t in org.tegenstrijdigheden.values() if orgaan.id in t.betreft]
    for t in tegenstrijdig:
        regels.append(Text.assemble("Let op, bronnen spreken elkaar tegen: ", _t(t.onderwerp)))
        for u in t.uitspraken:
            regels.append(Text.assemble("  - ", _t(f'"{u.tekst}" ({", ".join(u.bron)})')))
        if t.verwerking:
            regels.append(Text.assemble("  Verwerking: ", _t(t.verwerking, "italic")))
    bronnen = sorted({b for b in orgaan.bron} | {b for r in orgaan.relaties for b in r.bron})
    if bronnen:
        regels.append(_t("Bronnen:"))
        for b in bronnen:
            bron = org.bronnen[b]
            regels.append(
                Text.assemble(
                    "  - ", _t(f"{b}: {bron.titel}"), _t(f" <{bron.url}>" if bron.url else "")
                )
            )
    return Group(*regels)


def boom(knopen: list[dict[str, Any]], peildatum: date) -> Group:
    bomen = []
    for knoop in knopen:
        tree = Tree(_label(knoop), guide_style="dim")
        _vul(tree, knoop)
        bomen.append(tree)
    return Group(_t(f"Peildatum {peildatum.isoformat()}", "dim"), *bomen)


def _label(knoop: dict[str, Any]) -> Text:
    label = Text.assemble(_t(knoop["naam"], "bold"), _t(f"  {knoop['id']}", "dim"))
    if knoop["status"] != "actief":
        label.append_text(Text.assemble(" [", _status(knoop["status"], kort=True), "]"))
    return label


def _vul(tree: Tree, knoop: dict[str, Any]) -> None:
    voorzitter = knoop["voorzitter"]
    if voorzitter["regel"] is not None:
        tekst = voorzitter["omschrijving"]
        if voorzitter.get("persoon"):
            tekst += f": {voorzitter['persoon']}"
        tree.add(Text.assemble(_t("voorzitter: ", "bold"), _t(tekst)))
    for groep in knoop["zetels"]:
        gevuld = groep["gevuld"]
        if not gevuld:
            tree.add(_t(groep["omschrijving"]))
            continue
        tak = tree.add(_t(groep["omschrijving"]))
        for z in gevuld:
            rol = " (voorzitter)" if z["rol"] == "voorzitter" else ""
            tak.add(_t(f"{z['functie_naam']}: {z['persoon']}{rol}"))
        open_ = groep["aantal"] - len(gevuld)
        if open_:
            tak.add(_t(f"{open_} x {NIET_INGEVULD}", "dim"))
    for s in knoop["ondersteuning"]:
        wie = f" ({s['persoon']})" if s["persoon"] else ""
        tree.add(Text.assemble(_t("ondersteund door: ", "italic"), _t(s["functie_naam"] + wie)))
    for r in knoop["relaties"]:
        label = Text.assemble(_t(f"-> {r['label']}: ", "cyan"), _t(r["naam"]))
        if r["status"] != "actief":
            label.append_text(Text.assemble(" [", _status(r["status"], kort=True), "]"))
        tree.add(label)
    for kind in knoop["onderdelen"]:
        _vul(tree.add(_label(kind)), kind)
