"""The structure as a figure: Mermaid (renders in GitHub and GitLab Markdown), DOT (Graphviz's
language), and svg or png through Graphviz's `dot`.

First the model becomes a `Tekening` (nodes, edges, clusters: plain data, one per date), then
one small function writes it in each language. Every label from the data file is escaped for
the language it lands in: a name can never close a quote, open a tag or add an edge.

Clusters follow the data: each body belongs to the root it reaches through `onderdeel-van`
(here the AM Overleg and the MRA). A cluster already shows that a body is part of its root, so
part-of edges are drawn only below that level.

Support comes from posts (functies), not from bodies, so each supporting post is a node of its
own, with an 'ondersteunt' edge to each body it supports; posts that make up a team (the
AM-team) sit in a box that is the team. The figure then shows both who is in the team and
which post supports which body (the algemeen regiosecretaris three bodies, each
regiosecretaris one PHO). Edges from the AM-team node would have needed the post's name on
each of them, and would all start at one node.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from amctl.model import Orgaan, Organisatie, geldig_op
from amctl.probleem import GebruiksFout
from amctl.tekst import zichtbaar
from amctl.vragen import (
    Bezetting_op,
    Index,
    Samenvatting,
    functienaam,
    per_regel,
    persoonsnaam,
    relatielabel,
    relaties_op,
    voorzitter_tekst,
    wie_zit_in,
)

GRAPHVIZ_ONTBREEKT = (
    "Graphviz ontbreekt: installeer het pakket 'graphviz' (apt-get install graphviz) "
    "voor svg en png."
)
LEGENDA = (
    "rechthoek: orgaan, ovaal: functie, gestippeld: betwist of in overweging, "
    "punt: dezelfde relatie van meer organen"
)
ONDERSTEUNT = "ondersteunt"
ONDERDEEL_VAN = "onderdeel van"

_AANTAL = {2: "twee", 3: "drie", 4: "vier"}


class GraphvizOntbreekt(Exception):
    """svg or png was asked for, and Graphviz's `dot` is not on the PATH."""

    def __init__(self) -> None:
        super().__init__(GRAPHVIZ_ONTBREEKT)


class GraphvizFaalt(GraphvizOntbreekt, GebruiksFout):
    """Graphviz ran but made no figure: it failed, or took longer than GRAPHVIZ_TIJDSLIMIET.
    Like a missing Graphviz for `amctl diagram`; a clean message, not a crash, elsewhere."""

    def __init__(self, melding: str) -> None:
        Exception.__init__(self, melding)


GRAPHVIZ_TIJDSLIMIET = 120  # seconds; a file of thousands of bodies can take Graphviz longer


class Knoop(NamedTuple):
    id: str  # safe in every language: [a-z0-9_]
    regels: tuple[str, ...]  # the label; the first line is the name
    soort: str  # "wortel", "orgaan" or "functie"
    stippel: bool  # not (yet) certain: status other than 'actief'
    cluster: str | None  # Cluster.id


class Cluster(NamedTuple):
    """A root body with everything under it, or a team drawn as a box around its posts."""

    id: str  # a team's cluster has the team's node id: edges to the team end at the box
    regels: tuple[str, ...]
    soort: str  # "wortel" or "team"
    stippel: bool
    ouder: str | None = None


class Lijn(NamedTuple):
    van: str  # Knoop.id, or Cluster.id of a team
    naar: str
    label: str
    soort: str  # "relatie", "ondersteunt" or "onderdeel-van"
    stippel: bool


class Tekening(NamedTuple):
    peildatum: date
    clusters: list[Cluster]
    knopen: list[Knoop]
    lijnen: list[Lijn]

    @property
    def titel(self) -> str:
        return f"Samenhang van de organen op {self.peildatum.isoformat()}"

    def per_cluster(self) -> dict[str | None, tuple[list[Cluster], list[Knoop]]]:
        """For each cluster (None: the top level) the clusters and nodes right inside it, in
        one pass: asking every cluster for its contents in turn would be quadratic."""
        indeling: dict[str | None, tuple[list[Cluster], list[Knoop]]] = {}
        for c in self.clusters:
            indeling.setdefault(c.ouder, ([], []))[0].append(c)
        for k in self.knopen:
            indeling.setdefault(k.cluster, ([], []))[1].append(k)
        return indeling


# --- from the model to a drawing ----------------------------------------------------------


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


def regel_kort(org: Organisatie, groep: Samenvatting) -> str:
    """One composition rule in a few words: '7 x burgemeester', '14 x raadslid (twee per
    gemeente)', 'wethouder (allen)', 'wethouder (als portefeuillehouder)'."""
    regel = groep.regel
    functie = org.functies[regel.functie]
    extra: list[str] = []
    if regel.aantal is None:
        tekst = functie.naam
        if functie.per_gemeente and regel.wijze == "ambtshalve":
            extra.append("allen")
    else:
        tekst = f"{len(groep.zetels)} x {functie.naam}"
        if functie.per_gemeente and regel.aantal > 1:
            extra.append(f"{_AANTAL.get(regel.aantal, regel.aantal)} per gemeente")
    if regel.rol != "lid":
        extra.append(f"als {regel.rol}")
    return tekst + (f" ({', '.join(extra)})" if extra else "")


def status_kort(status: str) -> str:
    return "status onbekend" if status == "-" else status.replace("-", " ")


def knoop_regels(
    org: Organisatie, uitslag: Bezetting_op, samenstelling: bool = True
) -> tuple[str, ...]:
    """Name, status when not 'actief', what it is, the composition and the chair (with the
    person holding the chair, when known)."""
    orgaan = uitslag.orgaan
    regels = [eenregelig(orgaan.naam)]
    if uitslag.status != "actief":
        regels.append(f"[{status_kort(uitslag.status)}]")
    if orgaan.rechtsvorm:
        regels.append(eenregelig(orgaan.rechtsvorm))
    if orgaan.deelregios:
        regels.append(f"{len(orgaan.deelregios)} deelregio's")
    if samenstelling:
        regels += [eenregelig(regel_kort(org, groep)) for groep in per_regel(uitslag.zetels)]
    if uitslag.voorzitter is not None:
        voorzitter = voorzitter_tekst(org, uitslag.voorzitter)
        zittend = next((z for z in uitslag.zetels if z.rol == "voorzitter" and z.persoon), None)
        if zittend is not None and uitslag.voorzitter.persoon is None:
            voorzitter += f" ({persoonsnaam(org, zittend.persoon)})"
        regels.append("vz: " + eenregelig(voorzitter))
    return tuple(regels)


def tekening(org: Organisatie, peildatum: date) -> Tekening:
    """Every body, relation, part-of link and support post on the date, in file order.

    A body whose members are all single posts (not one per gemeente), at least one of which
    supports another body, is drawn as a box around those posts (the AM-team): the figure
    then shows both who is in the team and which post supports which body."""
    organen = {o.id: o for o in org.organen.values() if geldig_op(o, peildatum)}
    index = Index(org)

    def ouder(orgaan: Orgaan) -> Orgaan | None:
        return organen.get(orgaan.onderdeel_van) if orgaan.onderdeel_van else None

    def wortel(orgaan: Orgaan) -> Orgaan:
        gezien = {orgaan.id}  # AM307 forbids cycles; this keeps a bad file from hanging us
        while (boven := ouder(orgaan)) is not None and boven.id not in gezien:
            gezien.add(boven.id)
            orgaan = boven
        return orgaan

    steun = [
        (orgaan, o)
        for orgaan in organen.values()
        for o in orgaan.ondersteuning
        if geldig_op(o, peildatum)
    ]
    steunposten = {(o.functie, o.gemeente) for _, o in steun}

    def teamleden(orgaan: Orgaan) -> list[str]:
        regels = [r for r in orgaan.samenstelling if geldig_op(r, peildatum)]
        if any(org.functies[r.functie].per_gemeente for r in regels):
            return []
        leden = list(dict.fromkeys(r.functie for r in regels))
        return leden if any((f, None) in steunposten for f in leden) else []

    stippel = {o.id: o.status_op(peildatum) != "actief" for o in organen.values()}
    clusters: list[Cluster] = []
    knopen: list[Knoop] = []
    geplaatst: set[str] = set()
    for orgaan in organen.values():
        top = wortel(orgaan)
        if top is orgaan:
            clusters.append(
                Cluster(cluster_id(orgaan.id), (eenregelig(orgaan.naam),), "wortel", False)
            )
        leden = [] if top is orgaan else teamleden(orgaan)
        # A team whose posts all stand in an earlier team's box already would be an empty box,
        # which Graphviz does not draw and no edge can reach: it is drawn as a body instead.
        if any(functie_knoop_id(f, None) not in geplaatst for f in leden):
            team = orgaan_knoop_id(orgaan.id)
            regels = knoop_regels(org, wie_zit_in(org, orgaan, peildatum, index), False)
            clusters.append(Cluster(team, regels, "team", stippel[orgaan.id], cluster_id(top.id)))
            for functie in leden:
                knoop_id = functie_knoop_id(functie, None)
                if knoop_id not in geplaatst:
                    geplaatst.add(knoop_id)
                    naam = eenregelig(functienaam(org, functie, None))
                    knopen.append(Knoop(knoop_id, (naam,), "functie", False, team))
            continue
        knopen.append(
            Knoop(
                orgaan_knoop_id(orgaan.id),
                knoop_regels(org, wie_zit_in(org, orgaan, peildatum, index)),
                "wortel" if top is orgaan else "orgaan",
                stippel[orgaan.id],
                cluster_id(top.id),
            )
        )
    wortels_per_post: dict[tuple[str, str | None], set[str]] = {}
    for a, b in steun:
        wortels_per_post.setdefault((b.functie, b.gemeente), set()).add(cluster_id(wortel(a).id))
    for _, o in steun:
        post = (o.functie, o.gemeente)
        knoop_id = functie_knoop_id(*post)
        if knoop_id in geplaatst:
            continue
        geplaatst.add(knoop_id)
        wortels = wortels_per_post[post]
        naam = eenregelig(functienaam(org, o.functie, o.gemeente))
        knopen.append(
            Knoop(knoop_id, (naam,), "functie", False, wortels.pop() if len(wortels) == 1 else None)
        )

    lijnen: list[Lijn] = []
    for orgaan in organen.values():
        boven = ouder(orgaan)
        if boven is not None and ouder(boven) is not None:
            lijnen.append(
                Lijn(
                    orgaan_knoop_id(orgaan.id),
                    orgaan_knoop_id(boven.id),
                    ONDERDEEL_VAN,
                    "onderdeel-van",
                    stippel[orgaan.id] or stippel[boven.id],
                )
            )
        for relatie in relaties_op(orgaan, peildatum):
            if relatie.naar in organen:
                lijnen.append(
                    Lijn(
                        orgaan_knoop_id(orgaan.id),
                        orgaan_knoop_id(relatie.naar),
                        relatielabel(relatie.soort),
                        "relatie",
                        stippel[orgaan.id] or stippel[relatie.naar],
                    )
                )
        for o in orgaan.ondersteuning:
            if geldig_op(o, peildatum):
                lijnen.append(
                    Lijn(
                        functie_knoop_id(o.functie, o.gemeente),
                        orgaan_knoop_id(orgaan.id),
                        ONDERSTEUNT,
                        ONDERSTEUNT,
                        stippel[orgaan.id],
                    )
                )
    return Tekening(peildatum, clusters, knopen, lijnen)


# --- Mermaid ------------------------------------------------------------------------------

# Inside a quoted Mermaid label, '#name;' and '#123;' are entity codes. Every character that
# could end the label, start markup or be read as an entity becomes a numeric code.
_MERMAID_CODES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#38;",
    "<": "#60;",
    ">": "#62;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
}
_MERMAID_SPECIAAL = re.compile("[" + re.escape("".join(_MERMAID_CODES)) + "]")


def mermaid_tekst(tekst: str) -> str:
    """Text for inside a Mermaid "...": quotes, markup and entities made harmless."""
    return _MERMAID_SPECIAAL.sub(lambda m: _MERMAID_CODES[m.group()], eenregelig(tekst))


def _mermaid_label(regels: Iterable[str]) -> str:
    return '"' + "<br>".join(mermaid_tekst(r) for r in regels) + '"'


def mermaid(t: Tekening) -> str:
    uit = ["flowchart LR"]
    indeling = t.per_cluster()

    def schrijf(cluster: str | None, inspringen: str) -> None:
        subclusters, knopen = indeling.get(cluster, ([], []))
        for c in subclusters:
            uit.append(f"{inspringen}subgraph {c.id}[{_mermaid_label(c.regels)}]")
            schrijf(c.id, inspringen + "  ")
            uit.append(f"{inspringen}end")
        for k in knopen:
            label = _mermaid_label(k.regels)
            uit.append(
                f"{inspringen}{k.id}" + (f"([{label}])" if k.soort == "functie" else f"[{label}]")
            )

    schrijf(None, "  ")
    for lijn in t.lijnen:
        pijl = "-.->" if lijn.stippel else "-->"
        uit.append(f"  {lijn.van} {pijl}|{_mermaid_label([lijn.label])}| {lijn.naar}")
    uit.append("  classDef wortel font-weight:bold")
    uit.append("  classDef functie fill:#f3f3f3,stroke:#777777")
    uit.append("  classDef onzeker stroke-dasharray:5 5")
    for klasse, ids in (
        ("wortel", [k.id for k in t.knopen if k.soort == "wortel"]),
        ("functie", [k.id for k in t.knopen if k.soort == "functie"]),
        ("onzeker", [k.id for k in t.knopen if k.stippel]),
    ):
        if ids:
            uit.append(f"  class {','.join(ids)} {klasse}")
    for c in t.clusters:
        if c.stippel:
            uit.append(f"  style {c.id} stroke-dasharray:5 5")
    return "\n".join(uit) + "\n"


# --- DOT ----------------------------------------------------------------------------------


def _dot_escape(tekst: str) -> str:
    """Backslash and quote escaped, so that no escape (\\N, \\l) and no end of string can
    come from the data; '&' as '&amp;', because Graphviz reads entities such as '&lt;' in a
    label and would show '<' for a name that says '&lt;'."""
    return tekst.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


# Graphviz refuses a quoted string of more than 16384 bytes; a longer label is written as
# pieces joined by '+', which DOT reads as one string. A piece holds this many characters of
# text, at most 5 bytes each once escaped ('&' becomes '&amp;').
_DOT_STUK = 2_000


def _dot_label(regels: Iterable[str]) -> str:
    """Lines as one quoted DOT string (lines joined by \\n) that Graphviz shows exactly."""
    stukken: list[str] = []
    for nummer, regel in enumerate(regels):
        if nummer:
            stukken.append("\\n")
        stukken += [
            _dot_escape(regel[begin : begin + _DOT_STUK])
            for begin in range(0, len(regel), _DOT_STUK)
        ]
    geheel = "".join(stukken)
    if len(geheel) <= _DOT_STUK:
        return f'"{geheel}"'
    return " + ".join(f'"{stuk}"' for stuk in stukken)


def dot_tekst(tekst: str) -> str:
    """A DOT quoted string that Graphviz shows exactly as the text."""
    return _dot_label([tekst])


_LETTER = 'fontname="Helvetica"'
_DOT_KNOOP = {
    "wortel": 'shape=box, style="rounded,filled,bold", fillcolor="#ffffff", fontsize=13',
    "orgaan": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
    "functie": 'shape=ellipse, style="filled", fillcolor="#f3f3f3", color="#777777"',
}
_DOT_CLUSTER = {
    "wortel": 'style="rounded,filled", color="#9aa5b1", fontsize=14',
    "team": 'style="rounded,filled", fillcolor="#ffffff", color="#555555", fontsize=10',
}
_DOT_LIJN = {
    "relatie": "",
    "onderdeel-van": 'arrowhead=empty, color="#555555"',
    ONDERSTEUNT: 'color="#777777", fontcolor="#555555", arrowhead=vee',
}


def _streep(zeker: bool) -> str:
    return "" if zeker else "style=dashed"


_WORTELKLEUREN = ("#eaf2fb", "#fdf1e4", "#edf7ec", "#f5edf7")


class _Bundel(NamedTuple):
    """Several bodies with the same relation to the same bodies (the PHOs that all prepare
    for the MRA platforms and MRA PHOs): drawn through one junction, each label once."""

    label: str
    bronnen: list[Lijn]
    doelen: tuple[str, ...]


def _bundels(lijnen: list[Lijn]) -> dict[int, _Bundel]:
    """Bundles by the position of their first edge. Targets with the same label from the same
    sources form one bundle when that saves edges: 5 PHOs x 2 MRA bodies is 10 edges, as a
    bundle 7, with the label twice instead of ten times."""
    per_doel: dict[tuple[str, str], list[int]] = {}  # positions of the edges to a target
    for nummer, lijn in enumerate(lijnen):
        if lijn.soort == "relatie":
            per_doel.setdefault((lijn.label, lijn.naar), []).append(nummer)
    groepen: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for (label, naar), nummers in per_doel.items():
        groepen.setdefault((label, tuple(lijnen[n].van for n in nummers)), []).append(naar)
    bundels: dict[int, _Bundel] = {}
    for (label, bronnen), doelen in groepen.items():
        if len(bronnen) < 2 or len(bronnen) * len(doelen) <= len(bronnen) + len(doelen):
            continue
        nummers = sorted(n for doel in doelen for n in per_doel[(label, doel)])
        bundels[nummers[0]] = _Bundel(label, [lijnen[n] for n in nummers], tuple(doelen))
    return bundels


def dot(t: Tekening) -> str:
    uit = [
        "digraph amctl {",
        f"  graph [{_LETTER}, label={_dot_label([t.titel, LEGENDA])}, labelloc=t, fontsize=14, "
        "rankdir=LR, newrank=true, compound=true, nodesep=0.25, ranksep=0.6, pad=0.3];",
        f'  node [{_LETTER}, fontsize=10, margin="0.15,0.06"];',
        f"  edge [{_LETTER}, fontsize=9];",
    ]
    anker: dict[str, str] = {k.id: k.id for k in t.knopen}
    kleuren = iter(_WORTELKLEUREN * len(t.clusters))
    teams = {c.id for c in t.clusters if c.soort == "team"}
    indeling = t.per_cluster()

    def schrijf(cluster: str | None, inspringen: str) -> None:
        subclusters, knopen = indeling.get(cluster, ([], []))
        for c in subclusters:
            stijl = _DOT_CLUSTER[c.soort]
            if c.soort == "wortel":
                stijl += f', fillcolor="{next(kleuren)}", labeljust=l'
            if c.stippel:
                stijl = stijl.replace('style="', 'style="dashed,')
            uit.append(f"{inspringen}subgraph cluster_{c.id} {{")
            uit.append(f"{inspringen}  graph [label={_dot_label(c.regels)}, {stijl}];")
            schrijf(c.id, inspringen + "  ")
            uit.append(f"{inspringen}}}")
        if cluster is not None and cluster in teams:
            uit.append(f"{inspringen}{{rank=same; {'; '.join(k.id for k in knopen)}}}")
        for k in knopen:
            stijl = _DOT_KNOOP[k.soort]
            if k.stippel:
                stijl = stijl.replace('style="', 'style="dashed,')
            uit.append(f"{inspringen}{k.id} [label={_dot_label(k.regels)}, {stijl}];")
            if cluster is not None:
                anker[cluster] = k.id

    schrijf(None, "  ")

    def lijn_tekst(van: str, naar: str, stijl: list[str]) -> str:
        stijl = [s for s in stijl if s]
        if van != anker[van]:
            stijl.append(f"ltail=cluster_{van}")
        if naar != anker[naar]:
            stijl.append(f"lhead=cluster_{naar}")
        return f"  {anker[van]} -> {anker[naar]} [{', '.join(stijl)}];"

    bundels = _bundels(t.lijnen)
    gebundeld = {id(lijn) for b in bundels.values() for lijn in b.bronnen}
    for nummer, lijn in enumerate(t.lijnen):
        if nummer in bundels:
            bundel = bundels[nummer]
            punt = f"bundel_{nummer}"
            anker[punt] = punt
            uit.append(f'  {punt} [shape=point, width=0.06, label=""];')
            # A part of the bundle is certain when one of the edges it stands for is.
            zeker_van: dict[str, bool] = {}
            zeker_naar: dict[str, bool] = {}
            for b in bundel.bronnen:
                zeker_van[b.van] = zeker_van.get(b.van, False) or not b.stippel
                zeker_naar[b.naar] = zeker_naar.get(b.naar, False) or not b.stippel
            for bron, zeker in zeker_van.items():
                uit.append(lijn_tekst(bron, punt, ["arrowhead=none", _streep(zeker)]))
            for doel in bundel.doelen:
                zeker = zeker_naar[doel]
                label = f"label={dot_tekst(bundel.label)}"
                uit.append(lijn_tekst(punt, doel, [label, _streep(zeker)]))
        if id(lijn) in gebundeld:
            continue
        stijl = [f"label={dot_tekst(lijn.label)}", _DOT_LIJN[lijn.soort], _streep(not lijn.stippel)]
        uit.append(lijn_tekst(lijn.van, lijn.naar, stijl))
    uit.append("}")
    return "\n".join(uit) + "\n"


# --- Graphviz -----------------------------------------------------------------------------


def graphviz_aanwezig() -> bool:
    return shutil.which("dot") is not None


def render(dot_bron: str, formaat: str) -> bytes:
    """Run Graphviz's `dot` on DOT text: 'svg' or 'png'. GraphvizOntbreekt without it."""
    programma = shutil.which("dot")
    if programma is None:
        raise GraphvizOntbreekt
    try:
        uitkomst = subprocess.run(
            [programma, f"-T{formaat}"],
            input=dot_bron.encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=GRAPHVIZ_TIJDSLIMIET,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizFaalt(
            f"Graphviz had na {GRAPHVIZ_TIJDSLIMIET} seconden nog geen figuur; er zijn te veel "
            "organen om te tekenen. Gebruik --formaat mermaid of dot."
        ) from None
    if uitkomst.returncode != 0:
        melding = zichtbaar(uitkomst.stderr.decode("utf-8", "replace").strip()[:300])
        raise GraphvizFaalt(f"Graphviz kon de figuur niet maken: {melding}")
    return uitkomst.stdout


def maak(org: Organisatie, peildatum: date, formaat: str) -> str | bytes:
    """The figure in one of FORMATEN: text for mermaid and dot and svg, bytes for png."""
    t = tekening(org, peildatum)
    if formaat == "mermaid":
        return mermaid(t)
    if formaat == "dot":
        return dot(t)
    uitvoer = render(dot(t), formaat)
    return uitvoer.decode("utf-8") if formaat == "svg" else uitvoer
