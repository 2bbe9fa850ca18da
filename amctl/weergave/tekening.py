"""The chart as plain data: nodes, lines and frames (`Tekening`), one per date, with the one
legend; `organogram` makes it from the model, `mermaid` and `graphviz` write it. Node ids are
safe in every language the chart is written in: [a-z0-9_].
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import NamedTuple

from amctl.model import NIET_IN_BRON
from amctl.tekst import zichtbaar
from amctl.weergave.gegevens import legenda as merklegenda
from amctl.weergave.gegevens import merkteken

TITEL_STANDAARD = "Samenhang van de organen"
ONDERSTEUNT = "ondersteunt"
ONDERDEEL_VAN = "onderdeel van"

# The one legend, in the order it is read; each view shows the entries its figure uses.
LEGENDA = {
    "orgaan": "rechthoek: orgaan",
    "functie": "ovaal: functie die ondersteunt",
    "onderdeel-van": "lijn zonder pijl: onderdeel van",
    "groep": "lijn naar een kader zonder naam: naar elk orgaan in dat kader",
    "onzeker": "gestreept: betwist of in overweging",
    "afgeleid": "gestippeld: afgeleid of aangenomen, niet letterlijk in de bron",
}


class Knoop(NamedTuple):
    id: str  # safe in every language: [a-z0-9_]
    regels: tuple[str, ...]  # the label; the first line is the name
    soort: str  # "wortel", "orgaan" or "functie"
    stippel: bool  # not (yet) certain: status other than 'actief'
    cluster: str | None  # Cluster.id
    rang: int = 0  # 0 at the top of the chart
    aarden: frozenset[str] = frozenset()  # the marks in the label ('afgeleid', 'aangenomen')


class Cluster(NamedTuple):
    """A frame around a samenwerkingsverband and everything under it (its name is on its top
    node, not on the frame), or a team drawn as a box around its posts."""

    id: str  # a team's cluster has the team's node id: edges to the team end at the box
    regels: tuple[str, ...]
    soort: str  # "wortel", "team" or "groep" (bodies the same lines go to)
    stippel: bool
    ouder: str | None = None
    aarden: frozenset[str] = frozenset()  # the marks in the label


class Lijn(NamedTuple):
    van: str  # Knoop.id, or Cluster.id of a team
    naar: str
    label: str
    soort: str  # "relatie", "ondersteunt", "onderdeel-van" or "rang" (orders, not drawn)
    stippel: bool  # from or to a body that is not certain
    aard: str | None = None  # 'afgeleid' or 'aangenomen': not in the source as such
    omhoog: bool = False  # 'naar' stands above 'van' in the chart
    rangt: bool = False  # sets the ranks: within one frame, between two ranks

    @property
    def afgeleid(self) -> bool:
        """Derived or assumed: drawn dotted, with its mark."""
        return self.aard in NIET_IN_BRON


class Tekening(NamedTuple):
    titel: str
    peildatum: date
    clusters: list[Cluster]
    knopen: list[Knoop]
    lijnen: list[Lijn]
    toelichting: str = ""  # what the figure leaves out, after the peildatum

    @property
    def ondertitel(self) -> str:
        stand = f"Stand op peildatum {self.peildatum.isoformat()}"
        return f"{stand}; {self.toelichting}" if self.toelichting else stand

    def legenda(self) -> list[str]:
        """The entries of LEGENDA that this figure uses."""
        gebruikt = {"orgaan"}
        gebruikt |= {"functie" for k in self.knopen if k.soort == "functie"}
        gebruikt |= {"onderdeel-van" for lijn in self.lijnen if lijn.soort == "onderdeel-van"}
        gebruikt |= {"groep" for c in self.clusters if c.soort == "groep"}
        onzeker = any(k.stippel for k in self.knopen) or any(c.stippel for c in self.clusters)
        gebruikt |= {"onzeker"} if onzeker else set()
        gebruikt |= {"afgeleid" for lijn in self.lijnen if lijn.afgeleid}
        vormen = [tekst for sleutel, tekst in LEGENDA.items() if sleutel in gebruikt]
        return vormen + merklegenda(self.aarden())

    def aarden(self) -> set[str]:
        """The kinds of mark (afgeleid, aangenomen) the figure shows, in boxes and on lines."""
        aarden = {a for k in self.knopen for a in k.aarden}
        aarden |= {a for c in self.clusters for a in c.aarden}
        return aarden | {lijn.aard for lijn in self.lijnen if lijn.afgeleid}

    def namen(self) -> dict[str, str]:
        """The name of every node and box a line can end at; a box without a name of its
        own (a group) is named by its nodes."""
        namen = {k.id: k.regels[0] for k in self.knopen}
        namen |= {c.id: c.regels[0] for c in self.clusters if c.regels}
        leden: dict[str, list[str]] = {}
        for k in self.knopen:
            leden.setdefault(k.cluster or "", []).append(k.regels[0])
        for c in self.clusters:
            if c.soort == "groep":
                *eerst, laatst = leden.get(c.id) or [""]
                namen[c.id] = " en ".join([", ".join(eerst), laatst] if eerst else [laatst])
        return namen

    def per_cluster(self) -> dict[str | None, tuple[list[Cluster], list[Knoop]]]:
        """For each cluster (None: the top level) the clusters and nodes right inside it, in
        one pass: asking every cluster for its contents in turn would be quadratic."""
        indeling: dict[str | None, tuple[list[Cluster], list[Knoop]]] = {}
        for c in self.clusters:
            indeling.setdefault(c.ouder, ([], []))[0].append(c)
        for k in self.knopen:
            indeling.setdefault(k.cluster, ([], []))[1].append(k)
        return indeling


def legenda_tekst(t: Tekening) -> str:
    """The legend as one line of text, the same in every view."""
    return "; ".join(t.legenda()) + "."


_MAX_ID = 200


def _begrensd(knoop_id: str) -> str:
    """An id may be of any length, but Graphviz refuses one of more than 16384 bytes: a long
    one becomes its start, '___' (which no other node id holds) and a hash of the whole."""
    if len(knoop_id) <= _MAX_ID:
        return knoop_id
    return knoop_id[:100] + "___" + hashlib.blake2b(knoop_id.encode(), digest_size=12).hexdigest()


def orgaan_knoop_id(orgaan_id: str) -> str:
    """Body ids are [a-z0-9-] without '--'; '_' never occurs in them, so this is one-to-one.
    The prefix keeps ids clear of Mermaid's keywords ('end', 'graph')."""
    return _begrensd("org_" + orgaan_id.replace("-", "_"))


def cluster_id(orgaan_id: str) -> str:
    return _begrensd("cl_" + orgaan_id.replace("-", "_"))


def functie_knoop_id(functie: str, gemeente: str | None) -> str:
    achter = f"__{gemeente.replace('-', '_')}" if gemeente else ""
    return _begrensd("fun_" + functie.replace("-", "_") + achter)


def eenregelig(tekst: str) -> str:
    """Line ends and runs of white space become one space; control characters visible."""
    return zichtbaar(" ".join(tekst.split()))


def status_kort(status: str) -> str:
    return "status onbekend" if status == "-" else status.replace("-", " ")


def lijn_label(lijn: Lijn) -> str:
    """The label of a line, with the mark of a derived ('*') or assumed ('~') one."""
    return lijn.label + (f" {merkteken(lijn.aard)}" if lijn.afgeleid else "")
