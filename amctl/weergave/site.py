"""`amctl docs`: a generated overview, like the generated README files of kubernetes/community.

    MAP/README.md            the whole structure: the Mermaid figure and a table of bodies
    MAP/organen/<id>.md      one card per body
    MAP/index.html           all of it in one page that needs no network (inline CSS, the
                             figure as inline SVG when Graphviz is there, else a table)

The content is built once as plain data (`Pagina`, `Item`, `Deel`) and written twice, as
Markdown and as HTML, each with its own escaping. No timestamps, file order throughout, and
every answer for the first day of the peildatum's *stand*: the days on which nothing in the file
changes (amctl.vragen.stand_op). So the site built on any day of a stand is byte for byte the
same, it says from when until when it holds, and it lists the dated changes ahead; once the
next change has begun, the site built that day differs and `--controleer` calls the old one
stale.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

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
from amctl.schrijven import gegenereerd_in, schrijf_map
from amctl.tekst import periode, zichtbaar
from amctl.vragen import (
    OPEN,
    Bezetting_op,
    Herkomst,
    Stand,
    Wijziging,
    functienaam,
    herkomst,
    komende_wijzigingen,
    organen_op,
    persoonsnaam,
    relatielabel,
    samenstelling,
    stand_op,
    statuslabel,
    voorzitter_tekst,
    wie_zit_in,
)
from amctl.weergave import diagram
from amctl.weergave.gegevens import (
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
_STAND = re.compile(r"^<!-- amctl docs: stand (\S+) t/m (\S+) -->$", re.MULTILINE)
TITEL = "Overzicht van de organen"
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


class _Merken(set):
    """The kinds of fact a card marked (afgeleid, aangenomen), for its legend."""

    def merk(self, aard: str | None) -> str:
        if merkteken(aard):
            self.add(aard)
        return merkteken(aard)


def _herkomst(h: Herkomst, merken: _Merken) -> str:
    """'* (bron: x)' after a fact: its mark, and its source."""
    return merken.merk(h.aard) + (f" (bron: {', '.join(h.bron)})" if h.bron else "")


def _bij(relatie: Relatie, peildatum: date, merken: _Merken | None = None) -> str:
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
) -> Pagina:
    """A body's card: its fields, then composition, chair, support, relations in and out,
    contradictions between sources about it, its sources, and the dated changes ahead."""
    naar = naar or verwijzers(org)
    merken = _Merken()
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
    eigen = [w for w in komend if orgaan.id in w.organen]
    if eigen:
        secties.append(Sectie("Wat komt er aan", _komend(eigen)))
    if merken:
        secties.append(Sectie("Legenda", [Item(_t(tekst)) for tekst in legenda(merken)]))
    return Pagina(orgaan, velden, secties)


def _komend(wijzigingen: list[Wijziging]) -> list[Item]:
    return [Item(_t(f"per {w.datum.isoformat()}: {w.tekst}")) for w in wijzigingen]


def stand_tekst(stand: Stand) -> str:
    """On which days the site holds: the same for every day of the stand."""
    if stand.vanaf and stand.tot_en_met:
        return (
            f"Deze stand geldt van {stand.vanaf.isoformat()} tot en met "
            f"{stand.tot_en_met.isoformat()}."
        )
    if stand.vanaf:
        return (
            f"Deze stand geldt vanaf {stand.vanaf.isoformat()}; het bestand legt daarna geen "
            "wijziging vast."
        )
    if stand.tot_en_met:
        return f"Deze stand geldt tot en met {stand.tot_en_met.isoformat()}."
    return "Deze stand geldt altijd: het bestand legt geen gedateerde wijziging vast."


def _velden(
    org: Organisatie, orgaan: Orgaan, peildatum: date, uitslag: Bezetting_op, merken: _Merken
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
        ("Bestaat", _periode(orgaan) + _periode_merk(orgaan, merken)),
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


def _periode_merk(item: Gedateerd, merken: _Merken) -> str:
    """The mark of an assumed (or derived) start or end date."""
    datums = (("vanaf", item.vanaf), ("tot-en-met", item.tot_en_met))
    return "".join(dict.fromkeys(merken.merk(aard_van(item, v)) for v, d in datums if d))


def _samenstelling(org: Organisatie, uitslag: Bezetting_op, merken: _Merken) -> list[Item]:
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
                f"{functienaam(org, z.functie, z.gemeente)}: {persoonsnaam(org, z.persoon) or OPEN}"
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


def _ondersteuning(org: Organisatie, uitslag: Bezetting_op, merken: _Merken) -> list[Item]:
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
    org: Organisatie, orgaan: Orgaan, peildatum: date, naar: Verwijzers, merken: _Merken
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


_KOPPEN = ("Orgaan", "Soort", "Status", "Onderdeel van", "Voorzitter", "Ondersteuning")


def overzicht(org: Organisatie, peildatum: date) -> list[tuple[Regel, ...]]:
    """The table of bodies: one row per body that exists on the date, as `amctl organen`."""
    rijen = []
    for orgaan in organen_op(org, peildatum).bestaand:
        uitslag = wie_zit_in(org, orgaan, peildatum)
        steun = ", ".join(
            dict.fromkeys(functienaam(org, s.functie, s.gemeente) for s in uitslag.ondersteuning)
        )
        rijen.append(
            (
                (_link(org, orgaan.id),),
                _t(org.soorten[orgaan.soort].naam),
                _t(_status(orgaan, peildatum)),
                (_link(org, orgaan.onderdeel_van),) if orgaan.onderdeel_van else _t(LEEG),
                _t(voorzitter_tekst(org, uitslag.voorzitter) if uitslag.voorzitter else LEEG),
                _t(steun or LEEG),
            )
        )
    return rijen


def opgeheven(org: Organisatie, peildatum: date) -> list[Item]:
    """The bodies dissolved before the date, apart from the table, as `amctl organen`."""
    return [
        Item((_link(org, o.id), Deel(f" (opgeheven; bestond {_periode(o)})")))
        for o in organen_op(org, peildatum).opgeheven
    ]


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


# --- Markdown -----------------------------------------------------------------------------


def _enkel(tekst: str) -> str:
    """One line: each run of white space (line ends too) one space; control characters
    visible. Spaces at the ends stay: pieces of a line are joined as they are."""
    return zichtbaar(re.sub(r"\s+", " ", tekst))


_MD_SPECIAAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITEIT = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_LIJSTNUMMER = re.compile(r"\d+(?=[.)])")


def md_tekst(tekst: str, regelbegin: bool = True) -> str:
    """Text shown as typed in Markdown, also inside a table cell: one line, and every
    character that could start markup, HTML, an entity or a new cell escaped. At the start
    of a line also what would make a heading or a list."""
    tekst = _enkel(tekst.lstrip() if regelbegin else tekst)
    tekst = _MD_ENTITEIT.sub(r"\\&", _MD_SPECIAAL.sub(r"\\\1", tekst))
    if not regelbegin:
        return tekst
    if tekst.startswith(("#", "+", "-", "=")):
        return "\\" + tekst
    nummer = _MD_LIJSTNUMMER.match(tekst)
    return f"{nummer.group()}\\{tekst[nummer.end() :]}" if nummer else tekst


def _md_url(url: str) -> str:
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def kaartnaam(orgaan_id: str) -> str:
    """The file name of a body's card: its id, which needs no escaping ([a-z0-9-]). A file
    name may have 255 bytes and an id any length: a long one becomes its start, '--' (which
    no id holds) and a hash of the whole."""
    if len(orgaan_id) <= 200:
        return f"{orgaan_id}.md"
    return (
        f"{orgaan_id[:100]}--{hashlib.blake2b(orgaan_id.encode(), digest_size=12).hexdigest()}.md"
    )


def md_regel(regel: Regel, naar_organen: str) -> str:
    delen = []
    for nummer, deel in enumerate(regel):
        tekst = md_tekst(deel.tekst, regelbegin=nummer == 0)
        if deel.orgaan:
            delen.append(f"[{tekst}]({naar_organen}{kaartnaam(deel.orgaan)})")
        elif deel.url:
            delen.append(f"[{tekst}]({_md_url(deel.url)})")
        else:
            delen.append(tekst)
    return "".join(delen)


def stand_regel(stand: Stand) -> str:
    """The comment in README.md that says which stand the site shows."""
    van = stand.vanaf.isoformat() if stand.vanaf else "-"
    tot = stand.tot_en_met.isoformat() if stand.tot_en_met else "-"
    return f"<!-- amctl docs: stand {van} t/m {tot} -->"


def readme(
    org: Organisatie,
    peildatum: date,
    tekening: diagram.Tekening,
    stand: Stand,
    komend: list[Wijziging],
) -> str:
    uit = [
        KOPREGEL,
        stand_regel(stand),
        "",
        f"# {md_tekst(tekening.titel)}",
        "",
        f"{stand_tekst(stand)} Dezelfde inhoud staat in één pagina in [{INDEX}]({INDEX}).",
        "",
        "## Samenhang",
        "",
        f"Legenda: {md_tekst(diagram.legenda_tekst(tekening), regelbegin=False)}",
        "",
        "```mermaid",
        diagram.mermaid(tekening).rstrip("\n"),
        "```",
        "",
        "## Organen",
        "",
        "| " + " | ".join(_KOPPEN) + " |",
        "|" + " --- |" * len(_KOPPEN),
    ]
    for rij in overzicht(org, peildatum):
        uit.append("| " + " | ".join(md_regel(cel, f"{ORGANEN}/") for cel in rij) + " |")
    weg = opgeheven(org, peildatum)
    if weg:
        uit += ["", "## Opgeheven", ""]
        uit += [f"- {md_regel(i.regel, f'{ORGANEN}/')}" for i in weg]
    uit += ["", "## Wat komt er aan", ""]
    uit += [f"- {md_regel(i.regel, f'{ORGANEN}/')}" for i in _komend(komend)] or [
        md_tekst("Het bestand legt geen wijziging na deze stand vast.")
    ]
    items = tegenstrijdigheden(org)
    if items:
        uit += ["", "## Tegenstrijdigheden in de bronnen", ""]
        uit += [f"- {md_regel(i.regel, f'{ORGANEN}/')}" for i in items]
    return "\n".join(uit) + "\n"


def orgaan_md(p: Pagina) -> str:
    uit = [
        KOPREGEL,
        "",
        f"# {md_tekst(p.orgaan.naam)}",
        "",
        f"[Terug naar het overzicht](../{README})",
        "",
    ]
    uit += [f"- **{label}:** {md_regel(waarde, '')}" for label, waarde in p.velden]
    for sectie in p.secties:
        uit += ["", f"## {md_tekst(sectie.kop)}", ""]
        for item in sectie.items:
            uit.append(f"- {md_regel(item.regel, '')}")
            uit += [f"  - {md_regel(onder, '')}" for onder in item.onder]
    return "\n".join(uit) + "\n"


# --- HTML ---------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: #1f2328; margin: 0 auto; max-width: 78rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.25rem; margin: 1rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.1rem 0 .3rem; }
.peildatum, .uitleg { color: #59636e; margin-top: 0; }
body { overflow-wrap: break-word; }
.tabel { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
figure { margin: 0; overflow: auto; max-width: 100%; max-height: 90vh;
  border: 1px solid #d0d7de; border-radius: 6px; }
figure svg { display: block; max-width: none; height: auto; }
details { margin: .6rem 0; }
article { border: 1px solid #d0d7de; border-radius: 6px; padding: 0 1rem 1rem;
  margin: 1rem 0; }
dl { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
  gap: .2rem 1rem; }
@media (max-width: 40rem) {
  body { padding: .8rem; }
  dl { grid-template-columns: minmax(0, 1fr); }
  dd { margin-bottom: .4rem; }
  .tabel table, .tabel tbody, .tabel tr, .tabel td { display: block; width: auto; }
  .tabel thead { display: none; }
  .tabel tr { border: 1px solid #d0d7de; border-radius: 6px; margin: .5rem 0; padding: .3rem 0; }
  .tabel td { border: 0; padding: .1rem .6rem; }
  .tabel td::before { content: attr(data-kop) ": "; font-weight: 600; }
  .tabel td:first-child::before { content: none; }
  .tabel td:first-child { font-weight: 600; }
}
dt { font-weight: 600; }
dd { margin: 0; }
ul { margin: .2rem 0; padding-left: 1.3rem; }
a { color: #0969da; }
""".strip()


def _h(tekst: str) -> str:
    return html.escape(_enkel(tekst), quote=True)


def html_regel(regel: Regel) -> str:
    delen = []
    for deel in regel:
        tekst = _h(deel.tekst)
        if deel.orgaan:
            delen.append(f'<a href="#orgaan-{_h(deel.orgaan)}">{tekst}</a>')
        elif deel.url:
            delen.append(f'<a href="{_h(deel.url)}">{tekst}</a>')
        else:
            delen.append(tekst)
    return "".join(delen)


def _svg_zonder_kop(svg: str, t: diagram.Tekening) -> str:
    """Graphviz's SVG without the XML declaration and DOCTYPE, to sit inside HTML, with the
    title and a description (the peildatum and the legend) for screen readers."""
    svg = svg[svg.index("<svg") :].strip()
    kop = svg.index(">") + 1
    beschrijving = f"{t.ondertitel}. Legenda: {diagram.legenda_tekst(t)}"
    svg = svg[:kop].replace("<svg ", '<svg role="img" aria-labelledby="figuurtitel" ', 1) + (
        f'\n<title id="figuurtitel">{_h(t.titel)}</title>\n<desc>{_h(beschrijving)}</desc>'
        + svg[kop:]
    )
    return svg


def _relaties_als_tekst(t: diagram.Tekening) -> list[str]:
    """Every line of the figure as a sentence: the text alternative, and the whole figure
    where Graphviz is missing."""
    namen = t.namen()
    zinnen = [
        f"<li>{_h(namen[lijn.van])} — {_h(diagram.lijn_label(lijn))} — {_h(namen[lijn.naar])}"
        + (" (betwist of in overweging)" if lijn.stippel else "")
        + "</li>"
        for lijn in t.lijnen
        if lijn.soort != "rang"
    ]
    return ['<ul class="relaties">', *zinnen, "</ul>"]


def index_html(
    org: Organisatie,
    peildatum: date,
    tekening: diagram.Tekening,
    svg: str | None,
    paginas: list[Pagina],
    stand: Stand,
    komend: list[Wijziging],
) -> str:
    uit = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        # Nothing is fetched and nothing runs, whatever the data contains.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(tekening.titel)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        KOPREGEL,
        f"<h1>{_h(tekening.titel)}</h1>",
        f'<p class="peildatum">{_h(stand_tekst(stand))}</p>',
        '<h2 id="samenhang">Samenhang</h2>',
        f'<p class="uitleg">Legenda: {_h(diagram.legenda_tekst(tekening))}</p>',
    ]
    if svg is not None:
        uit += [
            "<figure>",
            _svg_zonder_kop(svg, tekening),
            "</figure>",
            "<details>",
            "<summary>De samenhang als tekst</summary>",
            *_relaties_als_tekst(tekening),
            "</details>",
        ]
    else:
        uit += [
            '<p class="uitleg">Graphviz was niet geïnstalleerd toen deze pagina werd gemaakt; '
            "daarom staat de samenhang hier als tekst.</p>",
            *_relaties_als_tekst(tekening),
        ]
    uit += [
        '<h2 id="organen">Organen</h2>',
        '<div class="tabel">',
        "<table>",
        "<thead><tr>" + "".join(f"<th>{_h(k)}</th>" for k in _KOPPEN) + "</tr></thead>",
        "<tbody>",
    ]
    for rij in overzicht(org, peildatum):
        uit.append(
            "<tr>"
            + "".join(
                f'<td data-kop="{_h(kop)}">{html_regel(cel)}</td>'
                for kop, cel in zip(_KOPPEN, rij, strict=True)
            )
            + "</tr>"
        )
    uit += ["</tbody>", "</table>", "</div>"]
    weg = opgeheven(org, peildatum)
    if weg:
        uit.append('<h2 id="opgeheven">Opgeheven</h2>')
        uit += ["<ul>", *(f"<li>{html_regel(i.regel)}</li>" for i in weg), "</ul>"]
    uit.append('<h2 id="komend">Wat komt er aan</h2>')
    if komend:
        uit += ["<ul>", *(f"<li>{html_regel(i.regel)}</li>" for i in _komend(komend)), "</ul>"]
    else:
        uit.append("<p>Het bestand legt geen wijziging na deze stand vast.</p>")
    items = tegenstrijdigheden(org)
    if items:
        uit.append('<h2 id="tegenstrijdigheden">Tegenstrijdigheden in de bronnen</h2>')
        uit += ["<ul>", *(f"<li>{html_regel(i.regel)}</li>" for i in items), "</ul>"]
    uit.append('<h2 id="kaarten">Per orgaan</h2>')
    for p in paginas:
        uit += [f'<article id="orgaan-{_h(p.orgaan.id)}">', f"<h3>{_h(p.orgaan.naam)}</h3>"]
        uit.append("<dl>")
        uit += [f"<dt>{_h(label)}</dt><dd>{html_regel(waarde)}</dd>" for label, waarde in p.velden]
        uit.append("</dl>")
        for sectie in p.secties:
            uit += [f"<h4>{_h(sectie.kop)}</h4>", "<ul>"]
            for item in sectie.items:
                onder = "".join(f"<li>{html_regel(o)}</li>" for o in item.onder)
                uit.append(
                    f"<li>{html_regel(item.regel)}"
                    + (f"<ul>{onder}</ul>" if onder else "")
                    + "</li>"
                )
            uit.append("</ul>")
        uit.append("</article>")
    uit += ["</body>", "</html>"]
    return "\n".join(uit) + "\n"


# --- the site as files --------------------------------------------------------------------


def maak_site(org: Organisatie, peildatum: date) -> dict[str, bytes]:
    """Every file of the site by its path relative to MAP (with '/'), as bytes: the answers
    of the peildatum's stand, the same for every day of it."""
    stand = stand_op(org, peildatum)
    peildatum = stand.vertegenwoordiger(peildatum)
    komend = komende_wijzigingen(org, peildatum)
    tekening = diagram.tekening(org, peildatum)
    svg = (
        diagram.render(diagram.dot(tekening, kop=False), "svg").decode("utf-8")
        if diagram.graphviz_aanwezig()
        else None
    )
    naar = verwijzers(org)
    paginas = [pagina(org, o, peildatum, naar, komend) for o in org.organen.values()]
    bestanden = {README: readme(org, peildatum, tekening, stand, komend)}
    bestanden |= {f"{ORGANEN}/{kaartnaam(p.orgaan.id)}": orgaan_md(p) for p in paginas}
    bestanden[INDEX] = index_html(org, peildatum, tekening, svg, paginas, stand, komend)
    return {pad: inhoud.encode("utf-8") for pad, inhoud in bestanden.items()}


def vastgelegde_stand(map_: Path) -> str | None:
    """Which stand a site in MAP shows ('2026-04-01 t/m -'), from its README.md; None when it
    says none."""
    try:
        gevonden = _STAND.search((map_ / README).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return f"{gevonden.group(1)} t/m {gevonden.group(2)}" if gevonden else None


def _aanwezig(map_: Path) -> set[str]:
    """The generated files in MAP now: README.md, index.html and what amctl wrote there
    before (its manifest). Other files in MAP are the user's, and none of our business."""
    eigen = {pad for pad in gegenereerd_in(map_) if (map_ / pad).is_file()}
    return eigen | {naam for naam in (README, INDEX) if (map_ / naam).is_file()}


class Verschil(NamedTuple):
    pad: str
    soort: str  # "verouderd", "ontbreekt" or "overbodig"


def vergelijk(map_: Path, bestanden: dict[str, bytes]) -> list[Verschil]:
    """What differs between MAP and the site as it should be, sorted by path."""
    verschillen = [Verschil(pad, "overbodig") for pad in _aanwezig(map_) if pad not in bestanden]
    for pad, inhoud in bestanden.items():
        doel = map_ / pad
        if not doel.is_file():
            verschillen.append(Verschil(pad, "ontbreekt"))
        elif doel.read_bytes() != inhoud:
            verschillen.append(Verschil(pad, "verouderd"))
    return sorted(verschillen)


def schrijf_site(
    map_: Path, bestanden: dict[str, bytes], gegevens: Path | None = None
) -> list[str]:
    """Write every file (each atomically) and remove cards amctl wrote before of bodies no
    longer in the data, by the rules of amctl.schrijven. Returns the paths written or
    removed; SchrijfFout when something cannot or may not be written."""
    return schrijf_map(map_, bestanden, gegevens=gegevens)
