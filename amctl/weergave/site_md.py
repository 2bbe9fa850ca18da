"""The site in Markdown: README.md (the whole structure, the Mermaid figures and a table of
bodies) and one card per body, every text escaped for Markdown."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from urllib.parse import quote

from amctl.model import (
    Organisatie,
)
from amctl.vragen import (
    Signalen,
    Stand,
    Wijziging,
)
from amctl.weergave import diagram
from amctl.weergave.inhoud import (
    INDEX,
    KOPPEN,
    KOPREGEL,
    ORGANEN,
    README,
    Merken,
    Pagina,
    Regel,
    enkel,
    komend_items,
    legenda_items,
    opgeheven,
    overzicht,
    signalen_secties,
    stand_tekst,
    tegenstrijdigheden,
)
from amctl.weergave.signalen import kopregel as signalen_kopregel

_MD_SPECIAAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITEIT = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_LIJSTNUMMER = re.compile(r"\d+(?=[.)])")


def md_tekst(tekst: str, regelbegin: bool = True) -> str:
    """Text shown as typed in Markdown, also inside a table cell: one line, and every
    character that could start markup, HTML, an entity or a new cell escaped. At the start
    of a line also what would make a heading or a list."""
    tekst = enkel(tekst.lstrip() if regelbegin else tekst)
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
    figuren: list[diagram.Figuur],
    stand: Stand,
    komend: list[Wijziging],
    aandacht: Signalen | None = None,
) -> str:
    uit = [
        KOPREGEL,
        stand_regel(stand),
        "",
        f"# {md_tekst(figuren[0].tekening.titel)}",
        "",
        f"{md_tekst(stand_tekst(stand))} Dezelfde inhoud staat in één pagina in "
        f"[{INDEX}]({INDEX}).",
        "",
        "## Samenhang",
        "",
    ]
    if len(figuren) > 1:
        uit += [md_tekst(diagram.per_verband_tekst(figuren)), ""]
    for figuur in figuren:
        if len(figuren) > 1:
            uit += [f"### {md_tekst(diagram.figuurnaam(figuur))}", ""]
        uit += [
            f"Legenda: {md_tekst(diagram.legenda_tekst(figuur.tekening), regelbegin=False)}",
            "",
            "```mermaid",
            diagram.mermaid(figuur.tekening).rstrip("\n"),
            "```",
            "",
        ]
    uit += [
        "## Organen",
        "",
        "| " + " | ".join(KOPPEN) + " |",
        "|" + " --- |" * len(KOPPEN),
    ]
    merken = Merken()
    for rij in overzicht(org, peildatum, merken):
        uit.append("| " + " | ".join(md_regel(cel, f"{ORGANEN}/") for cel in rij) + " |")
    weg = opgeheven(org, peildatum, merken)
    if weg:
        uit += ["", "## Opgeheven", ""]
        uit += [f"- {md_regel(i.regel, f'{ORGANEN}/')}" for i in weg]
    if merken:
        uit += ["", *(md_regel(i.regel, "") + "  " for i in legenda_items(merken))]
    uit += ["", "## Wat komt er aan", ""]
    uit += [f"- {md_regel(i.regel, f'{ORGANEN}/')}" for i in komend_items(komend)] or [
        md_tekst("Het bestand legt geen wijziging na deze stand vast.")
    ]
    if aandacht is not None:
        uit += ["", "## Wat aandacht vraagt", "", md_tekst(signalen_kopregel(aandacht))]
        for sectie in signalen_secties(aandacht):
            uit += ["", f"### {md_tekst(sectie.kop)}", ""]
            uit += [f"- {md_regel(i.regel, f'{ORGANEN}/')}" for i in sectie.items]
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
