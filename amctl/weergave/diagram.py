"""The structure as an organisation chart: Mermaid (renders in GitHub and GitLab Markdown), DOT
(Graphviz's language), and svg or png through Graphviz's `dot`.

First the model becomes a `Tekening` (nodes, lines, frames: plain data, one per date;
`organogram`), then one small module writes it in each language (`mermaid`, `graphviz`). A
file too large for one readable chart is drawn as an overview of its samenwerkingsverbanden,
and each of those can be drawn on its own (`deel`, `overzicht`, `figuren`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

from amctl.model import Orgaan, Organisatie, geldig_op
from amctl.probleem import GebruiksFout
from amctl.vragen import samenwerkingsverbanden, zoek_orgaan
from amctl.weergave.graphviz import (
    GRAPHVIZ_ONTBREEKT,
    GraphvizFout,
    dot,
    dot_tekst,
    graphviz_aanwezig,
    leesbare_titels,
    render,
)
from amctl.weergave.mermaid import mermaid, mermaid_tekst
from amctl.weergave.organogram import tekening
from amctl.weergave.tekening import (
    LEGENDA,
    Cluster,
    Knoop,
    Lijn,
    Tekening,
    cluster_id,
    eenregelig,
    legenda_tekst,
    lijn_label,
)

__all__ = [
    "GRAPHVIZ_ONTBREEKT",
    "LEGENDA",
    "MAX_KNOPEN",
    "Cluster",
    "Figuur",
    "GraphvizFout",
    "Knoop",
    "Lijn",
    "Tekening",
    "dot",
    "dot_tekst",
    "figuren",
    "figuurnaam",
    "graphviz_aanwezig",
    "kies",
    "leesbare_titels",
    "legenda_tekst",
    "lijn_label",
    "maak",
    "mermaid",
    "mermaid_tekst",
    "per_verband_tekst",
    "render",
    "tekening",
]

# Above this many boxes the whole file is not drawn as one chart: at 11-point text a box is
# some 200 pixels wide, so 80 boxes in about ten rows make a chart four screens wide whose
# lines no one can follow, and Graphviz 2.43 starts to lose lines or stop ('trouble in
# init_rank') on files of fifty frames. The shipped file has 22 boxes; one region of the
# benchmark's M file has about 30.
MAX_KNOPEN = 80
_PER_RIJ = 6  # samenwerkingsverbanden without a line to another, side by side in the overview


class Figuur(NamedTuple):
    """One figure of the site: the whole file, the overview of its samenwerkingsverbanden
    (`verband` None), or one samenwerkingsverband (its body)."""

    verband: Orgaan | None
    tekening: Tekening


def te_groot(t: Tekening) -> bool:
    return len(t.knopen) > MAX_KNOPEN


def _kaders(t: Tekening) -> dict[str, str]:
    """The frame (its top's Cluster.id) of every node and box that stands in one."""
    ouders = {c.id: c.ouder for c in t.clusters}

    def kader(cluster: str) -> str:
        gezien = {cluster}
        while (ouder := ouders.get(cluster)) is not None and ouder not in gezien:
            gezien.add(ouder)
            cluster = ouder
        return cluster

    uit = {c.id: kader(c.id) for c in t.clusters}
    uit |= {k.id: kader(k.cluster) for k in t.knopen if k.cluster is not None}
    return uit


def deel(t: Tekening, verband: Orgaan) -> Tekening:
    """The chart of one samenwerkingsverband: its frame as in the whole chart, and the bodies
    outside it that its bodies relate to, or that relate to them, as plain boxes with only
    their name and without their frames (a box of bodies the same lines go to stays a box).
    Posts that support bodies of the frame stay."""
    kader = cluster_id(verband.id)
    in_kader = _kaders(t)
    binnen = {i for i, k in in_kader.items() if k == kader}
    clusters = {c.id: c for c in t.clusters}
    buiten: set[str] = set()
    lijnen = []
    for lijn in t.lijnen:
        van_binnen, naar_binnen = lijn.van in binnen, lijn.naar in binnen
        if van_binnen and naar_binnen:
            lijnen.append(lijn)
        elif (van_binnen or naar_binnen) and lijn.soort in ("relatie", "ondersteunt"):
            buiten.add(lijn.naar if van_binnen else lijn.van)
            lijnen.append(lijn)
    namen = t.namen()
    knopen = [k for k in t.knopen if k.id in binnen]
    for k in t.knopen:
        if k.id in buiten or (k.cluster in buiten and k.id not in binnen):
            kort = k if k.soort == "functie" else k._replace(regels=(namen[k.id],), soort="orgaan")
            knopen.append(kort._replace(cluster=k.cluster if k.cluster in buiten else None))
    doos = [clusters[c]._replace(ouder=None) for c in buiten if c in clusters]
    return t._replace(
        titel=f"{t.titel}: {eenregelig(verband.naam)}",
        clusters=[c for c in t.clusters if c.id in binnen] + sorted(doos),
        knopen=knopen,
        lijnen=lijnen,
    )


def _organen(aantal: int) -> str:
    return "1 orgaan" if aantal == 1 else f"{aantal} organen"


def overzicht(t: Tekening) -> Tekening:
    """The samenwerkingsverbanden only, each a box with its name and number of bodies, and one
    line for each kind of relation between bodies of two of them, drawn from the one above
    (the province a region is a deelregio of) to the one below. Those with no such line
    stand in rows of _PER_RIJ."""
    in_kader = _kaders(t)
    toppen = [k for k in t.knopen if k.soort == "wortel" and k.cluster is not None]
    top_van = {k.cluster: k.id for k in toppen}
    aantal = Counter(in_kader[k.id] for k in t.knopen if k.soort != "functie" and k.id in in_kader)
    lijnen: dict[tuple[str, str, str], Lijn] = {}
    for lijn in t.lijnen:
        van, naar = in_kader.get(lijn.van), in_kader.get(lijn.naar)
        if lijn.soort != "relatie" or van is None or naar is None or van == naar:
            continue
        sleutel = (top_van[van], lijn.label, top_van[naar])
        eerder = lijnen.get(sleutel)
        lijnen[sleutel] = Lijn(
            sleutel[0],
            sleutel[2],
            lijn.label,
            "relatie",
            lijn.stippel and (eerder is None or eerder.stippel),
            lijn.aard if lijn.afgeleid and (eerder is None or eerder.afgeleid) else None,
            omhoog=True,
            rangt=True,
        )
    verbonden = {i for lijn in lijnen.values() for i in (lijn.van, lijn.naar)}
    onder = {lijn.van for lijn in lijnen.values()}  # the lower end of each line
    los = [k.id for k in toppen if k.id not in verbonden]
    # The rows of unconnected ones stand below the connected ones, not beside them: a
    # figure about as wide as it is high.
    eerste = 2 if onder else 0
    rang = {i: eerste + nummer // _PER_RIJ for nummer, i in enumerate(los)}
    rang |= dict.fromkeys(onder, 1)
    orde = [
        Lijn(boven, beneden, "", "rang", False, rangt=True)
        for boven, beneden in zip(los, los[_PER_RIJ:], strict=False)
    ]
    if onder:
        anker = next(k.id for k in toppen if k.id in onder)
        orde += [Lijn(anker, i, "", "rang", False, rangt=True) for i in los[:_PER_RIJ]]
    knopen = [
        Knoop(k.id, (k.regels[0], _organen(aantal[k.cluster])), "wortel", k.stippel, None)._replace(
            rang=rang.get(k.id, 0), aarden=k.aarden
        )
        for k in toppen
    ]
    return t._replace(
        toelichting="alleen de samenwerkingsverbanden; elk verband apart met --verband",
        clusters=[],
        knopen=knopen,
        lijnen=[*lijnen.values(), *orde],
    )


def figuren(org: Organisatie, peildatum: date) -> list[Figuur]:
    """The figures of the overview: the whole file in one chart when that stays readable,
    else the overview of the samenwerkingsverbanden and one chart for each of them."""
    geheel = tekening(org, peildatum)
    if not te_groot(geheel):
        return [Figuur(None, geheel)]
    return [Figuur(None, overzicht(geheel))] + [
        Figuur(v, deel(geheel, v)) for v in samenwerkingsverbanden(org, peildatum)
    ]


class TeGroot(NamedTuple):
    """The whole file was too large for one chart: the overview was drawn instead."""

    knopen: int
    verbanden: list[Orgaan]  # the largest first: the example to draw on its own


def kies(
    org: Organisatie, peildatum: date, met_personen: bool = False, verband: str | None = None
) -> tuple[Tekening, TeGroot | None]:
    """The chart `amctl diagram` draws: of one samenwerkingsverband (its id), else of the
    whole file, or the overview of its samenwerkingsverbanden when the whole is too large
    (with what was too large)."""
    geheel = tekening(org, peildatum, met_personen)
    if verband is not None:
        gekozen = zoek_orgaan(org, verband)
        alle = samenwerkingsverbanden(org, peildatum)
        if gekozen not in alle:
            reden = (
                f"het is onderdeel van '{gekozen.onderdeel_van}'"
                if geldig_op(gekozen, peildatum)
                else "het bestaat dan niet"
            )
            raise GebruiksFout(
                f"'{gekozen.id}' is geen samenwerkingsverband op {peildatum.isoformat()}: "
                f"{reden}. Kies uit: {', '.join(v.id for v in alle) or 'geen'}."
            )
        return deel(geheel, gekozen), None
    if te_groot(geheel):
        grootte = Counter(_kaders(geheel).values())
        verbanden = samenwerkingsverbanden(org, peildatum)
        grootst = sorted(verbanden, key=lambda v: -grootte[cluster_id(v.id)])
        return overzicht(geheel), TeGroot(len(geheel.knopen), grootst)
    return geheel, None


def maak(t: Tekening, formaat: str) -> str | bytes:
    """The figure in one of FORMATEN: text for mermaid and dot and svg, bytes for png."""
    if formaat == "mermaid":
        return mermaid(t)
    if formaat == "dot":
        return dot(t)
    uitvoer = render(dot(t), formaat)
    return leesbare_titels(uitvoer.decode("utf-8"), t) if formaat == "svg" else uitvoer


def figuurnaam(figuur: Figuur) -> str:
    """The heading of a figure among others on the site."""
    if figuur.verband is None:
        return "De samenwerkingsverbanden"
    return eenregelig(figuur.verband.naam)


def per_verband_tekst(figuren: list[Figuur]) -> str:
    """What the site says above its figures when the whole is too large for one."""
    return (
        f"Het bestand is te groot voor één leesbare figuur (meer dan {MAX_KNOPEN} vakken): "
        f"eerst de {len(figuren) - 1} samenwerkingsverbanden met hun onderlinge relaties, "
        "daarna elk verband apart, met de organen daarbuiten waar het mee verbonden is."
    )
