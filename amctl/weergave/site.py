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

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from amctl.model import Organisatie
from amctl.probleem import Probleem
from amctl.schrijven import gegenereerd_in, schrijf_map
from amctl.vragen import komende_wijzigingen, signalen, stand_op
from amctl.weergave import diagram
from amctl.weergave.inhoud import (
    INDEX,
    ORGANEN,
    README,
    STAND,
    opgeheven,
    overzicht,
    pagina,
    verwijzers,
)
from amctl.weergave.site_html import index_html
from amctl.weergave.site_md import kaartnaam, md_tekst, orgaan_md, readme

__all__ = [
    "Verschil",
    "maak_site",
    "md_tekst",
    "opgeheven",
    "orgaan_md",
    "overzicht",
    "pagina",
    "schrijf_site",
    "vastgelegde_stand",
    "vergelijk",
    "verwijzers",
]


def maak_site(
    org: Organisatie, peildatum: date, waarschuwingen: Sequence[Probleem] = ()
) -> dict[str, bytes]:
    """Every file of the site by its path relative to MAP (with '/'), as bytes: the answers
    of the peildatum's stand, the same for every day of it. One figure of the whole, or,
    when that is too large to read (diagram.MAX_KNOPEN), the overview of the
    samenwerkingsverbanden and one figure for each. What needs attention is the list of
    `amctl signalen` (with the file's `waarschuwingen`) on the first day of the stand."""
    stand = stand_op(org, peildatum)
    plan_op = peildatum  # meetings are planned from the day asked, as `rooster` does
    peildatum = stand.vertegenwoordiger(peildatum)
    komend = komende_wijzigingen(org, peildatum)
    aandacht = signalen(org, peildatum, waarschuwingen=waarschuwingen)
    figuren = diagram.figuren(org, peildatum)
    svgs = [
        diagram.render(diagram.dot(f.tekening, kop=False), "svg").decode("utf-8")
        if diagram.graphviz_aanwezig()
        else None
        for f in figuren
    ]
    naar = verwijzers(org)
    paginas = [pagina(org, o, peildatum, naar, komend, plan_op) for o in org.organen.values()]
    bestanden = {README: readme(org, peildatum, figuren, stand, komend, aandacht)}
    bestanden |= {f"{ORGANEN}/{kaartnaam(p.orgaan.id)}": orgaan_md(p) for p in paginas}
    bestanden[INDEX] = index_html(org, peildatum, figuren, svgs, paginas, stand, komend, aandacht)
    return {pad: inhoud.encode("utf-8") for pad, inhoud in bestanden.items()}


def vastgelegde_stand(map_: Path) -> str | None:
    """Which stand a site in MAP shows ('2026-04-01 t/m -'), from its README.md; None when it
    says none."""
    try:
        gevonden = STAND.search((map_ / README).read_text(encoding="utf-8"))
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
