"""A body's seats through time as an SVG for its card on the site: one row per seat (the post,
and the role when it is not 'lid'), a bar for each person from when to when, on a time axis of
years. Drawn from the timeline of `amctl geschiedenis` (amctl.geschiedenis), the same periods
that command lists; every text escaped for XML."""

from __future__ import annotations

import html
from datetime import date

from amctl.geschiedenis import Tijdvak
from amctl.model import Organisatie
from amctl.vragen import functienaam

BREEDTE = 760
LABELS = 250  # px for the seat names on the left
RIJ = 24
KOP = 24  # px above the first row, for the years
_ZETELS = ("zetel", "lid")


def zittingen(tijdvakken: list[Tijdvak]) -> list[Tijdvak]:
    """The periods in which someone held a seat of the body."""
    return [t for t in tijdvakken if t.soort in _ZETELS]


def _rij(org: Organisatie, t: Tijdvak) -> str:
    post = functienaam(org, t.gegevens["functie"], t.gegevens["gemeente"])
    rol = t.tekst.rsplit(" (", 1)[1].split(",", 1)[0] if " (" in t.tekst else "lid"
    return post if rol == "lid" else f"{post} ({rol})"


def _x(dag: date, begin: date, eind: date) -> float:
    totaal = max((eind - begin).days, 1)
    return LABELS + (BREEDTE - LABELS - 24) * (dag - begin).days / totaal


def _e(tekst: str) -> str:
    return html.escape(" ".join(tekst.split()), quote=True)


def tijdlijn_svg(org: Organisatie, naam: str, tijdvakken: list[Tijdvak], peildatum: date) -> str:
    """The SVG, or '' when nobody held a seat of the body: the rows in the order of first
    holding, the axis in whole years from the first recorded date to the peildatum (or the
    last end); a holding that still runs reaches the end of the axis."""
    zitten = zittingen(tijdvakken)
    if not zitten:
        return ""
    rijen = list(dict.fromkeys(_rij(org, t) for t in zitten))
    data = [t.vanaf for t in zitten if t.vanaf] + [t.tot_en_met for t in zitten if t.tot_en_met]
    begin = date(min([*data, peildatum]).year, 1, 1)
    eind = date(max([*data, peildatum]).year + 1, 1, 1)
    hoogte = KOP + RIJ * len(rijen) + 8
    titel = f"Wie welke zetel had in {naam}, van {begin.year} tot {eind.year}"
    uit = [
        f'<svg class="tijdlijn" role="img" viewBox="0 0 {BREEDTE} {hoogte}" width="{BREEDTE}" '
        f'height="{hoogte}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(titel)}</title>",
    ]
    stap = max(1, (eind.year - begin.year) // 8)
    for jaar in range(begin.year, eind.year + 1, stap):
        x = _x(date(jaar, 1, 1), begin, eind)
        uit.append(
            f'<line class="as" x1="{x:.1f}" y1="{KOP - 6}" x2="{x:.1f}" y2="{hoogte - 4}"/>'
            f'<text x="{x:.1f}" y="{KOP - 10}" text-anchor="middle">{jaar}</text>'
        )
    for nummer, rij in enumerate(rijen):
        y = KOP + nummer * RIJ
        uit.append(f'<text x="4" y="{y + 16}">{_e(rij)}</text>')
        for t in (t for t in zitten if _rij(org, t) == rij):
            van = _x(t.vanaf or begin, begin, eind)
            tot = _x(t.tot_en_met or eind, begin, eind)  # still so: to the end of the axis
            wie = org.personen[t.gegevens["persoon"]].naam
            periode = f"{t.vanaf or '…'} t/m {t.tot_en_met or 'heden'}"
            uit.append(
                f"<g><title>{_e(f'{wie}, {rij}: {periode}')}</title>"
                f'<rect class="zitting" x="{van:.1f}" y="{y + 3}" width="{max(tot - van, 2):.1f}" '
                f'height="{RIJ - 6}" rx="3"/>'
                f'<text x="{van + 4:.1f}" y="{y + 16}">{_e(wie)}</text></g>'
            )
    uit.append("</svg>")
    return "\n".join(uit)
