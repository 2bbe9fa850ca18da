"""The site as one HTML page that needs no network: inline CSS, each figure as inline SVG when
Graphviz is there (else its lines as text), every text escaped for HTML."""

from __future__ import annotations

import html
from datetime import date

from amctl.geschiedenis import geschiedenis, tot
from amctl.model import Orgaan, Organisatie
from amctl.tekst import periode
from amctl.vragen import (
    Signalen,
    Stand,
    Wijziging,
)
from amctl.weergave import diagram
from amctl.weergave.inhoud import (
    KOPPEN,
    KOPREGEL,
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
from amctl.weergave.tijdlijnfiguur import tijdlijn_svg, zittingen

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
figure:focus { outline: 3px solid #0969da; outline-offset: 2px; }
figure svg { display: block; max-width: 100%; height: auto; }
.groot:checked + label + figure svg { max-width: none; }
.groot + label { display: inline-block; margin: .2rem 0 .5rem .3rem; }
svg.tijdlijn { display: block; max-width: 100%; height: auto; margin: .3rem 0; }
svg.tijdlijn text { font: 12px system-ui, Helvetica, Arial, sans-serif; fill: #1f2328; }
svg.tijdlijn .zitting { fill: #cfe3fb; stroke: #0969da; }
svg.tijdlijn .as { stroke: #8c959f; }
details { margin: .6rem 0; }
ul.verbanden { columns: 16rem; }
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
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; color: #000; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; }
  li, tr, dt, dd { break-inside: avoid; }
  figure { max-height: none; overflow: visible; border: 0; }
  figure svg, .groot:checked + label + figure svg { max-width: 100%; max-height: 180mm; }
  .groot, .groot + label, details { display: none; }
  #samenhang { break-before: avoid; }
  #organen, #kaarten { break-before: page; }
  article { break-before: page; border: 0; padding: 0; margin: 0; }
  #kaarten + article { break-before: avoid; }
  .tabel { overflow: visible; }
  table { font-size: 8.5pt; }
}
""".strip()


def _h(tekst: str) -> str:
    return html.escape(enkel(tekst), quote=True)


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


def _svg_zonder_kop(svg: str, t: diagram.Tekening, nummer: int = 0) -> str:
    """Graphviz's SVG without the XML declaration and DOCTYPE, to sit inside HTML, with the
    title and a description (the peildatum and the legend) for screen readers."""
    svg = diagram.leesbare_titels(svg[svg.index("<svg") :].strip(), t)
    kop = svg.index(">") + 1
    beschrijving = f"{t.ondertitel}. Legenda: {diagram.legenda_tekst(t)}"
    titel_id = f"figuurtitel-{nummer}" if nummer else "figuurtitel"
    svg = svg[:kop].replace("<svg ", f'<svg role="img" aria-labelledby="{titel_id}" ', 1) + (
        f'\n<title id="{titel_id}">{_h(t.titel)}</title>\n<desc>{_h(beschrijving)}</desc>'
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


def _figuur(figuur: diagram.Figuur, svg: str | None, nummer: int) -> list[str]:
    """One figure: its legend, the SVG with its lines as text below it, or (without
    Graphviz) the lines as text only."""
    t = figuur.tekening
    uit = [f'<p class="uitleg">Legenda: {_h(diagram.legenda_tekst(t))}</p>']
    if svg is None:
        return [
            *uit,
            '<p class="uitleg">Graphviz was niet geïnstalleerd toen deze pagina werd gemaakt; '
            "daarom staat de samenhang hier als tekst.</p>",
            *_relaties_als_tekst(t),
        ]
    # Fitted to the page width; the box beside it shows the figure at full size, in a frame
    # that scrolls and that the keyboard reaches (tabindex), as it is in print.
    groot = f"groot-{nummer}"
    return [
        *uit,
        f'<input type="checkbox" class="groot" id="{groot}">',
        f'<label for="{groot}">Op ware grootte (schuift binnen het kader)</label>',
        f'<figure tabindex="0" aria-label="{_h(t.titel)}">',
        _svg_zonder_kop(svg, t, nummer),
        "</figure>",
        "<details>",
        "<summary>De samenhang als tekst</summary>",
        *_relaties_als_tekst(t),
        "</details>",
    ]


def _zetels_door_de_tijd(org: Organisatie, orgaan: Orgaan, peildatum: date) -> list[str]:
    """Who held each seat from when to when, as a picture and as the lines of `geschiedenis`
    (the timeline as it stood on the peildatum); nothing when nobody held a seat."""
    tijdvakken = tot(geschiedenis(org, orgaan.id), peildatum).tijdvakken
    svg = tijdlijn_svg(org, orgaan.naam, tijdvakken, peildatum)
    if not svg:
        return []
    regels = [
        f"<li>{_h(periode(t.vanaf, t.tot_en_met, 'altijd'))}: {_h(t.tekst)}</li>"
        for t in zittingen(tijdvakken)
    ]
    return [
        "<h4>Zetels door de tijd</h4>",
        svg,
        "<details>",
        "<summary>De zittingen als tekst</summary>",
        "<ul>",
        *regels,
        "</ul>",
        "</details>",
    ]


def index_html(
    org: Organisatie,
    peildatum: date,
    figuren: list[diagram.Figuur],
    svgs: list[str | None],
    paginas: list[Pagina],
    stand: Stand,
    komend: list[Wijziging],
    aandacht: Signalen | None = None,
) -> str:
    titel = figuren[0].tekening.titel
    uit = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        # Nothing is fetched and nothing runs, whatever the data contains.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(titel)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        KOPREGEL,
        "<main>",
        f"<h1>{_h(titel)}</h1>",
        f'<p class="peildatum">{_h(stand_tekst(stand))}</p>',
        '<h2 id="samenhang">Samenhang</h2>',
    ]
    if len(figuren) > 1:
        uit.append(f'<p class="uitleg">{_h(diagram.per_verband_tekst(figuren))}</p>')
        uit += ['<ul class="verbanden">']
        uit += [
            f'<li><a href="#verband-{_h(f.verband.id)}">{_h(diagram.figuurnaam(f))}</a></li>'
            for f in figuren
            if f.verband is not None
        ]
        uit.append("</ul>")
    for nummer, (figuur, svg) in enumerate(zip(figuren, svgs, strict=True)):
        if len(figuren) > 1:
            anker = f"verband-{figuur.verband.id}" if figuur.verband else "verbanden"
            uit.append(f'<h3 id="{_h(anker)}">{_h(diagram.figuurnaam(figuur))}</h3>')
        uit += _figuur(figuur, svg, nummer)
    uit += [
        '<h2 id="organen">Organen</h2>',
        '<div class="tabel">',
        "<table>",
        "<thead><tr>" + "".join(f'<th scope="col">{_h(k)}</th>' for k in KOPPEN) + "</tr></thead>",
        "<tbody>",
    ]
    merken = Merken()
    for rij in overzicht(org, peildatum, merken):
        uit.append(
            "<tr>"
            + "".join(
                f'<td data-kop="{_h(kop)}">{html_regel(cel)}</td>'
                for kop, cel in zip(KOPPEN, rij, strict=True)
            )
            + "</tr>"
        )
    uit += ["</tbody>", "</table>", "</div>"]
    weg = opgeheven(org, peildatum, merken)
    if weg:
        uit.append('<h2 id="opgeheven">Opgeheven</h2>')
        uit += ["<ul>", *(f"<li>{html_regel(i.regel)}</li>" for i in weg), "</ul>"]
    if merken:
        uit += [
            '<ul class="legenda">',
            *(f"<li>{html_regel(i.regel)}</li>" for i in legenda_items(merken)),
            "</ul>",
        ]
    uit.append('<h2 id="komend">Wat komt er aan</h2>')
    if komend:
        uit += ["<ul>", *(f"<li>{html_regel(i.regel)}</li>" for i in komend_items(komend)), "</ul>"]
    else:
        uit.append("<p>Het bestand legt geen wijziging na deze stand vast.</p>")
    if aandacht is not None:
        uit += [
            '<h2 id="signalen">Wat aandacht vraagt</h2>',
            f"<p>{_h(signalen_kopregel(aandacht))}</p>",
        ]
        for sectie in signalen_secties(aandacht):
            uit.append(f"<h3>{_h(sectie.kop)}</h3>")
            uit += ["<ul>", *(f"<li>{html_regel(i.regel)}</li>" for i in sectie.items), "</ul>"]
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
        uit += _zetels_door_de_tijd(org, p.orgaan, peildatum)
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
    uit += ["</main>", "</body>", "</html>"]
    return "\n".join(uit) + "\n"
