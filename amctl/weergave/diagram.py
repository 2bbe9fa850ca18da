"""The structure as an organisation chart: Mermaid (renders in GitHub and GitLab Markdown), DOT
(Graphviz's language), and svg or png through Graphviz's `dot`.

First the model becomes a `Tekening` (nodes, edges, clusters, a rank per node: plain data, one
per date), then one small function writes it in each language. Every label from the data file
is escaped for the language it lands in: a name can never close a quote, open a tag or add an
edge.

The chart reads top-down and its ranks follow from the data alone (`_rangen`): each
samenwerkingsverband (a body that is part of nothing) on top, in a frame of its own; below it
the bodies that are part of it. A body sits below
- the body it is part of, when that is not the top (a projectgroep below its werkgroep);
- the body it prepares for or is the dagelijks bestuur of, in the same frame (`OMLAAG`: a
  werkgroep below its PHO, the Regiegroep below the AM Overleg);
- every body of the frame whose seats are wider than its own: all its kinds of seat and more
  seats (the plenair overleg of whole colleges above the Regiegroep of burgemeesters and
  portefeuillehouders, which is above the PHOs of portefeuillehouders).
A body that none of these place hangs from the top by a plain line (onderdeel van). Bodies of
other seats (gemeentesecretarissen, raadsleden, a team of posts) thus stand in their own band
beside the bestuurlijke line. Ranks count from each top, so the tops stand level and a line
across frames (a PHO to the MRA) rises from its body to the body it relates to. Bodies of one
frame that the same bodies of other frames relate to in the same way stand in a box of their
own, and each of those draws one line to the box (`_in_groepen`): every PHO visibly goes to
both MRA bodies, and no two of its lines need cross.

Support comes from posts (functies), not from bodies, so each supporting post is a node of its
own, with an 'ondersteunt' edge to each body it supports; posts that make up a team (the
AM-team) sit in a box that is the team, stacked.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from amctl.model import NIET_IN_BRON, Orgaan, Organisatie, Relatie, aard_van, geldig_op
from amctl.probleem import GebruiksFout
from amctl.tekst import zichtbaar
from amctl.vragen import (
    Bezetting_op,
    Zetel,
    bekleders_op,
    functienaam,
    per_regel,
    persoonsnaam,
    relatielabel,
    relaties_op,
    voorzitter_tekst,
    wie_zit_in,
)
from amctl.weergave.gegevens import regel_omschrijving

GRAPHVIZ_ONTBREEKT = (
    "Graphviz ontbreekt: installeer het pakket 'graphviz' (apt-get install graphviz) "
    "voor svg en png."
)
TITEL_STANDAARD = "Samenhang van de organen"
ONDERSTEUNT = "ondersteunt"
ONDERDEEL_VAN = "onderdeel van"
AFGELEID_TEKEN = "*"

# The one legend, in the order it is read; each view shows the entries its figure uses.
LEGENDA = {
    "orgaan": "rechthoek: orgaan",
    "functie": "ovaal: functie die ondersteunt",
    "onderdeel-van": "lijn zonder pijl: onderdeel van",
    "groep": "lijn naar een kader zonder naam: naar elk orgaan in dat kader",
    "onzeker": "gestreept: betwist of in overweging",
    "afgeleid": f"gestippeld en {AFGELEID_TEKEN}: afgeleid of aangenomen, niet letterlijk "
    "in de bron",
}

# Relations whose source stands below its target in the chart, within one frame.
OMLAAG = frozenset({"bereidt-voor", "dagelijks-bestuur-van"})


class GraphvizFout(GebruiksFout):
    """Graphviz's `dot`, an external tool, is missing, failed or took too long: one sentence
    that says what to do, and exit 2 (the data is fine; the command cannot be carried out
    here), wherever the figure was asked for."""


GRAPHVIZ_TIJDSLIMIET = 120  # seconds; a file of thousands of bodies can take Graphviz longer


class Knoop(NamedTuple):
    id: str  # safe in every language: [a-z0-9_]
    regels: tuple[str, ...]  # the label; the first line is the name
    soort: str  # "wortel", "orgaan" or "functie"
    stippel: bool  # not (yet) certain: status other than 'actief'
    cluster: str | None  # Cluster.id
    rang: int = 0  # 0 at the top of the chart


class Cluster(NamedTuple):
    """A frame around a samenwerkingsverband and everything under it (its name is on its top
    node, not on the frame), or a team drawn as a box around its posts."""

    id: str  # a team's cluster has the team's node id: edges to the team end at the box
    regels: tuple[str, ...]
    soort: str  # "wortel", "team" or "groep" (bodies the same lines go to)
    stippel: bool
    ouder: str | None = None


class Lijn(NamedTuple):
    van: str  # Knoop.id, or Cluster.id of a team
    naar: str
    label: str
    soort: str  # "relatie", "ondersteunt", "onderdeel-van" or "rang" (orders, not drawn)
    stippel: bool  # from or to a body that is not certain
    afgeleid: bool = False  # derived or assumed, not in the source as such
    omhoog: bool = False  # 'naar' stands above 'van' in the chart
    rangt: bool = False  # sets the ranks: within one frame, between two ranks


class Tekening(NamedTuple):
    titel: str
    peildatum: date
    clusters: list[Cluster]
    knopen: list[Knoop]
    lijnen: list[Lijn]

    @property
    def ondertitel(self) -> str:
        return f"Stand op peildatum {self.peildatum.isoformat()}"

    def legenda(self) -> list[str]:
        """The entries of LEGENDA that this figure uses."""
        gebruikt = {"orgaan"}
        gebruikt |= {"functie" for k in self.knopen if k.soort == "functie"}
        gebruikt |= {"onderdeel-van" for lijn in self.lijnen if lijn.soort == "onderdeel-van"}
        gebruikt |= {"groep" for c in self.clusters if c.soort == "groep"}
        onzeker = any(k.stippel for k in self.knopen) or any(c.stippel for c in self.clusters)
        gebruikt |= {"onzeker"} if onzeker else set()
        gebruikt |= {"afgeleid" for lijn in self.lijnen if lijn.afgeleid}
        return [tekst for sleutel, tekst in LEGENDA.items() if sleutel in gebruikt]

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


def status_kort(status: str) -> str:
    return "status onbekend" if status == "-" else status.replace("-", " ")


def _zittende(org: Organisatie, zetel: Zetel) -> str:
    return f"{persoonsnaam(org, zetel.persoon)} ({functienaam(org, zetel.functie, zetel.gemeente)})"


def knoop_regels(
    org: Organisatie,
    uitslag: Bezetting_op,
    samenstelling: bool = True,
    met_personen: bool = False,
) -> tuple[str, ...]:
    """Name, status when not 'actief', what it is, the composition and the chair (with the
    person holding the chair, when known). With `met_personen` the people in the filled seats
    instead of the rules they fill, the chair first; a rule with no seat filled stays."""
    orgaan = uitslag.orgaan
    regels = [eenregelig(orgaan.naam)]
    if uitslag.status != "actief":
        regels.append(f"[{status_kort(uitslag.status)}]")
    if orgaan.rechtsvorm:
        regels.append(eenregelig(orgaan.rechtsvorm))
    if orgaan.deelregios:
        regels.append(f"{len(orgaan.deelregios)} deelregio's")
    zittend = next((z for z in uitslag.zetels if z.rol == "voorzitter" and z.persoon), None)
    if met_personen and any(z.persoon for z in uitslag.zetels):
        if zittend is not None:
            regels.append("vz: " + eenregelig(_zittende(org, zittend)))
        elif uitslag.voorzitter is not None:
            regels.append("vz: " + eenregelig(voorzitter_tekst(org, uitslag.voorzitter)))
        for groep in per_regel(uitslag.zetels):
            gevuld = [z for z in groep.gevuld if z is not zittend]
            if not groep.gevuld:
                regels.append(eenregelig(regel_omschrijving(org, groep)))
            regels += [eenregelig(_zittende(org, z)) for z in gevuld]
        return tuple(regels)
    if samenstelling:
        regels += [
            eenregelig(regel_omschrijving(org, groep)) for groep in per_regel(uitslag.zetels)
        ]
    if uitslag.voorzitter is not None:
        voorzitter = voorzitter_tekst(org, uitslag.voorzitter)
        if zittend is not None and uitslag.voorzitter.persoon is None:
            voorzitter += f" ({persoonsnaam(org, zittend.persoon)})"
        regels.append("vz: " + eenregelig(voorzitter))
    return tuple(regels)


def titel_van(org: Organisatie) -> str:
    """The caption of the overview (diagram and site): the file's `titel`, which holds the
    source's caption; a plain one for a file without."""
    return eenregelig(org.titel.tekst) if org.titel is not None else TITEL_STANDAARD


def afgeleid(relatie: Relatie) -> bool:
    """Derived or assumed rather than said by a source (its `aard`), the relation or its end
    date: drawn dotted, with a mark."""
    return any(aard_van(relatie, veld) in NIET_IN_BRON for veld in ("", "tot-en-met", "vanaf"))


class Plaatsing(NamedTuple):
    """Where a body stands in the chart: its rank below the top of its frame (1: right
    below it), the body it hangs from (None: the top) and why: 'onderdeel-van', 'relatie' or
    'breder'."""

    rang: int
    boven: str | None
    waarom: str | None


# Above this many different seat make-ups in one frame, seats no longer order the bodies:
# comparing each with each would be quadratic in a hostile file.
_MAX_SAMENSTELLINGEN = 300

Samenstelling = tuple[str, frozenset[str], int]  # frame, kinds of seat, number of seats


def _rangen(
    organen: dict[str, Orgaan],
    wortel: dict[str, str],
    zetels: dict[str, list[Zetel]],
    peildatum: date,
    vloer: dict[str, int] | None = None,
) -> dict[str, Plaatsing]:
    """The place of every body that is not a top (see the module docstring): the longest
    path down from the top, and at least its `vloer`. A cycle in the relations is cut where
    the walk meets it."""
    vloer = vloer or {}
    hangt: dict[str, list[tuple[str, str]]] = {}  # body -> [(body above it, why)]
    samenstelling: dict[str, Samenstelling] = {}
    for orgaan in organen.values():
        top = wortel[orgaan.id]
        if top == orgaan.id:
            continue
        boven: list[tuple[str, str]] = []
        if orgaan.onderdeel_van in organen and orgaan.onderdeel_van != top:
            boven.append((orgaan.onderdeel_van, "onderdeel-van"))
        for r in relaties_op(orgaan, peildatum):
            if (
                r.soort in OMLAAG
                and r.naar in organen
                and r.naar not in (top, orgaan.id)
                and wortel[r.naar] == top
            ):
                boven.append((r.naar, "relatie"))
        hangt[orgaan.id] = boven
        soorten = frozenset(z.functie for z in zetels[orgaan.id])
        if soorten:
            samenstelling[orgaan.id] = (top, soorten, len(zetels[orgaan.id]))

    leden: dict[Samenstelling, list[str]] = {}
    for orgaan_id, sleutel in samenstelling.items():
        leden.setdefault(sleutel, []).append(orgaan_id)
    per_top: dict[str, list[Samenstelling]] = {}
    for sleutel in leden:
        per_top.setdefault(sleutel[0], []).append(sleutel)
    breder: dict[Samenstelling, list[Samenstelling]] = {}
    for sleutels in per_top.values():
        if len(sleutels) <= _MAX_SAMENSTELLINGEN:
            for smal in sleutels:
                breder[smal] = [
                    breed
                    for breed in sleutels
                    if smal[1] <= breed[1] and (smal[1] < breed[1] or breed[2] > smal[2])
                ]

    # A walk over bodies and seat make-ups; a make-up ranks as its lowest body.
    def boven_van(knoop: str | Samenstelling) -> list[tuple[str | Samenstelling, str]]:
        if isinstance(knoop, tuple):
            return [(o, "lid") for o in leden[knoop]]
        eigen = samenstelling.get(knoop)
        wijder = [(s, "breder") for s in breder.get(eigen, ())] if eigen else []
        return [*hangt[knoop], *wijder]

    plaats: dict[str | Samenstelling, Plaatsing] = {}
    for begin in hangt:
        if begin in plaats:
            continue
        stapel = [(begin, iter(boven_van(begin)))]
        bezig = {begin}
        while stapel:
            knoop, rest = stapel[-1]
            volgende = next((b for b, _ in rest if b not in plaats and b not in bezig), None)
            if volgende is not None:
                bezig.add(volgende)
                stapel.append((volgende, iter(boven_van(volgende))))
                continue
            stapel.pop()
            bezig.discard(knoop)
            beste = Plaatsing(1 if isinstance(knoop, str) else 0, None, None)
            for b, waarom in boven_van(knoop):
                if b not in plaats:
                    continue  # a cycle, cut here
                gevonden = plaats[b]
                if waarom == "lid":
                    kandidaat = Plaatsing(gevonden.rang, b, waarom)  # type: ignore[arg-type]
                elif waarom == "breder":
                    if gevonden.boven is None:
                        continue  # every body of that make-up is in a cycle with this one
                    kandidaat = Plaatsing(gevonden.rang + 1, gevonden.boven, waarom)
                else:
                    kandidaat = Plaatsing(gevonden.rang + 1, b, waarom)  # type: ignore[arg-type]
                if kandidaat.rang > beste.rang or beste.boven is None:
                    beste = kandidaat
            if isinstance(knoop, str) and vloer.get(knoop, 0) > beste.rang:
                beste = beste._replace(rang=vloer[knoop])
            plaats[knoop] = beste
    return {k: p for k, p in plaats.items() if isinstance(k, str)}


def _in_groepen(
    lijnen: list[Lijn], knopen: list[Knoop], frame: dict[str, str]
) -> tuple[list[Cluster], list[Lijn]]:
    """Bodies of one frame that the same bodies of other frames relate to in the same way
    (every PHO prepares for both MRA bodies) go in a box of their own, and each of those
    bodies draws one line to the box instead of one to each body in it: five lines instead
    of ten, none of which needs to cross another. The boxes come back with the ids of
    their bodies as `regels`, and the lines with the lines to those bodies replaced."""
    los = {k.id for k in knopen if k.cluster is not None and k.cluster == frame.get(k.id)}
    over = {
        lijn
        for lijn in lijnen
        if lijn.soort == "relatie"
        and lijn.naar in los
        and lijn.van in frame
        and frame[lijn.van] != frame[lijn.naar]
    }
    doelen: dict[tuple[Lijn, str], set[str]] = {}  # (line without its end, frame) -> ends
    for lijn in over:
        doelen.setdefault((lijn._replace(naar=""), frame[lijn.naar]), set()).add(lijn.naar)
    herkomst: dict[tuple[str, frozenset[str]], int] = {}  # (frame, ends) -> lines
    for (_, ouder), naar in doelen.items():
        if len(naar) > 1:
            sleutel = (ouder, frozenset(naar))
            herkomst[sleutel] = herkomst.get(sleutel, 0) + 1
    # The sets that most lines share first (one line to two bodies is clear as it is); a
    # body stands in one box at most.
    plek = {k.id: nummer for nummer, k in enumerate(knopen)}
    groepen: list[Cluster] = []
    groep_van: dict[str, str] = {}
    for (ouder, leden), aantal in sorted(herkomst.items(), key=lambda x: (-x[1], sorted(x[0][1]))):
        if aantal > 1 and not leden & groep_van.keys():
            volgorde = sorted(leden, key=plek.__getitem__)
            groep = _begrensd("gr_" + volgorde[0])
            groepen.append(Cluster(groep, tuple(volgorde), "groep", False, ouder))
            groep_van |= dict.fromkeys(leden, groep)
    if not groepen:
        return [], lijnen
    groepen_leden = {c.id: c.regels for c in groepen}
    uit: list[Lijn] = []
    getekend: set[Lijn] = set()
    for lijn in lijnen:
        if lijn in over and lijn.naar in groep_van:
            groep = groep_van[lijn.naar]
            if doelen[(lijn._replace(naar=""), frame[lijn.naar])] == set(groepen_leden[groep]):
                lijn = lijn._replace(naar=groep)
                if lijn in getekend:
                    continue
                getekend.add(lijn)
        uit.append(lijn)
    return groepen, uit


def tekening(org: Organisatie, peildatum: date, met_personen: bool = False) -> Tekening:
    """Every body, relation, part-of link and support post on the date, placed as an
    organisation chart (see the module docstring).

    A body whose members are all single posts (not one per gemeente), at least one of which
    supports another body, is drawn as a box around those posts (the AM-team): the figure
    then shows both who is in the team and which post supports which body."""
    organen = {o.id: o for o in org.organen.values() if geldig_op(o, peildatum)}
    uitslagen = {i: wie_zit_in(org, o, peildatum) for i, o in organen.items()}

    def ouder(orgaan: Orgaan) -> Orgaan | None:
        return organen.get(orgaan.onderdeel_van) if orgaan.onderdeel_van else None

    wortel: dict[str, str] = {}
    for orgaan in organen.values():
        pad = [orgaan.id]
        gezien = {orgaan.id}  # AM307 forbids cycles; this keeps a bad file from hanging us
        boven = ouder(orgaan)
        while boven is not None and boven.id not in gezien and boven.id not in wortel:
            gezien.add(boven.id)
            pad.append(boven.id)
            boven = ouder(boven)
        top = wortel[boven.id] if boven is not None and boven.id in wortel else pad[-1]
        for orgaan_id in pad:
            wortel[orgaan_id] = top

    zetels = {i: u.zetels for i, u in uitslagen.items()}
    plaats = _rangen(organen, wortel, zetels, peildatum)
    # A body that prepares for a body of another frame stands at least two ranks below its
    # own top, so that its line rises to a body right below the other top (the MRA's
    # platforms) instead of running flat through a row.
    vloer = {
        orgaan.id: 2
        for orgaan in organen.values()
        for r in relaties_op(orgaan, peildatum)
        if r.soort in OMLAAG
        and r.naar in organen
        and orgaan.id in plaats
        and wortel[r.naar] != wortel[orgaan.id]
        and plaats[orgaan.id].rang < 2
    }
    if vloer:
        plaats = _rangen(organen, wortel, zetels, peildatum, vloer)

    def rang(orgaan_id: str) -> int:
        return plaats[orgaan_id].rang if orgaan_id in plaats else 0

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

    def post_regels(functie: str, gemeente: str | None) -> tuple[str, ...]:
        naam = eenregelig(functienaam(org, functie, gemeente))
        if not met_personen:
            return (naam,)
        bekleders = bekleders_op(org, functie, gemeente, peildatum)
        return (naam, *(eenregelig(persoonsnaam(org, b.persoon) or "") for b in bekleders))

    stippel = {o.id: o.status_op(peildatum) != "actief" for o in organen.values()}
    clusters: list[Cluster] = []
    knopen: list[Knoop] = []
    lijnen: list[Lijn] = []
    geplaatst: set[str] = set()
    anker: dict[str, str] = {}  # body id -> the node or team box that stands for it
    for orgaan in organen.values():
        top = wortel[orgaan.id]
        if top == orgaan.id:
            clusters.append(Cluster(cluster_id(orgaan.id), (), "wortel", False))
        leden = [] if top == orgaan.id else teamleden(orgaan)
        # A team whose posts all stand in an earlier team's box already would be an empty box,
        # which Graphviz does not draw and no edge can reach: it is drawn as a body instead.
        if any(functie_knoop_id(f, None) not in geplaatst for f in leden):
            team = orgaan_knoop_id(orgaan.id)
            anker[orgaan.id] = team
            regels = knoop_regels(org, uitslagen[orgaan.id], False)
            clusters.append(Cluster(team, regels, "team", stippel[orgaan.id], cluster_id(top)))
            vorige = None
            for stap, functie in enumerate(
                f for f in leden if functie_knoop_id(f, None) not in geplaatst
            ):
                knoop_id = functie_knoop_id(functie, None)
                geplaatst.add(knoop_id)
                knopen.append(
                    Knoop(
                        knoop_id,
                        post_regels(functie, None),
                        "functie",
                        False,
                        team,
                        rang(orgaan.id) + stap,
                    )
                )
                if vorige is not None:
                    lijnen.append(Lijn(vorige, knoop_id, "", "rang", False, rangt=True))
                vorige = knoop_id
            continue
        anker[orgaan.id] = orgaan_knoop_id(orgaan.id)
        knopen.append(
            Knoop(
                orgaan_knoop_id(orgaan.id),
                knoop_regels(org, uitslagen[orgaan.id], met_personen=met_personen),
                "wortel" if top == orgaan.id else "orgaan",
                stippel[orgaan.id],
                cluster_id(top),
                rang(orgaan.id),
            )
        )
    wortels_per_post: dict[tuple[str, str | None], set[str]] = {}
    for a, b in steun:
        wortels_per_post.setdefault((b.functie, b.gemeente), set()).add(cluster_id(wortel[a.id]))
    for orgaan, o in steun:
        post = (o.functie, o.gemeente)
        knoop_id = functie_knoop_id(*post)
        if knoop_id in geplaatst:
            continue
        geplaatst.add(knoop_id)
        wortels = wortels_per_post[post]
        cluster = wortels.pop() if len(wortels) == 1 else None
        knopen.append(
            Knoop(knoop_id, post_regels(*post), "functie", False, cluster, rang(orgaan.id))
        )

    # The lines of the chart: each body hangs from its place, then the relations, then support.
    for orgaan in organen.values():
        top = wortel[orgaan.id]
        if top == orgaan.id:
            continue
        p = plaats[orgaan.id]
        zeker = stippel[orgaan.id]
        naar_top = any(r.naar == top and r.soort in OMLAAG for r in relaties_op(orgaan, peildatum))
        if p.boven is None and not naar_top:
            lijnen.append(
                Lijn(
                    anker[top], anker[orgaan.id], ONDERDEEL_VAN, "onderdeel-van", zeker, rangt=True
                )
            )
        elif p.waarom == "breder":
            lijnen.append(Lijn(anker[p.boven], anker[orgaan.id], "", "rang", False, rangt=True))
        boven = ouder(orgaan)
        if (
            boven is not None
            and boven.id != top
            and not any(
                r.naar == boven.id and r.soort in OMLAAG for r in relaties_op(orgaan, peildatum)
            )
        ):
            lijnen.append(
                Lijn(
                    anker[boven.id],
                    anker[orgaan.id],
                    ONDERDEEL_VAN,
                    "onderdeel-van",
                    stippel[orgaan.id] or stippel[boven.id],
                    rangt=rang(boven.id) < rang(orgaan.id),
                )
            )
    for orgaan in organen.values():
        for relatie in relaties_op(orgaan, peildatum):
            if relatie.naar not in organen:
                continue
            # Every relation between two ranks sets them: ranks count from each top, so
            # that the tops stand level and a line across frames agrees with both.
            van, naar = rang(orgaan.id), rang(relatie.naar)
            lijnen.append(
                Lijn(
                    anker[orgaan.id],
                    anker[relatie.naar],
                    relatielabel(relatie.soort),
                    "relatie",
                    stippel[orgaan.id] or stippel[relatie.naar],
                    afgeleid(relatie),
                    omhoog=naar < van,
                    rangt=naar != van,
                )
            )
    groepen, lijnen = _in_groepen(
        lijnen, knopen, {anker[i]: cluster_id(wortel[i]) for i in organen}
    )
    in_groep = {k: c.id for c in groepen for k in c.regels}
    knopen = [k._replace(cluster=in_groep.get(k.id, k.cluster)) for k in knopen]
    clusters += [c._replace(regels=()) for c in groepen]
    for orgaan, o in steun:
        lijnen.append(
            Lijn(
                functie_knoop_id(o.functie, o.gemeente),
                anker[orgaan.id],
                ONDERSTEUNT,
                ONDERSTEUNT,
                stippel[orgaan.id],
            )
        )
    return Tekening(titel_van(org), peildatum, clusters, knopen, lijnen)


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


# (target above the source, dashed) -> arrow; 'a <--- b' is drawn from b up to a.
_MERMAID_PIJL = {
    (False, False): "-->",
    (False, True): "-.->",
    (True, False): "<---",
    (True, True): "<-.-",
}


def lijn_label(lijn: Lijn) -> str:
    return lijn.label + (f" {AFGELEID_TEKEN}" if lijn.afgeleid else "")


def mermaid(t: Tekening) -> str:
    """Top-down like the DOT chart: the same frames, nodes and lines. A line whose target
    stands above its source is written from the target with the arrow at its start
    ('a <-- b'), so that Mermaid places it as DOT does; order-only lines are invisible
    ('~~~'). The title and legend go around the figure (Markdown, HTML), not in it."""
    uit = ["flowchart TB"]
    indeling = t.per_cluster()

    def schrijf(cluster: str | None, inspringen: str) -> None:
        subclusters, knopen = indeling.get(cluster, ([], []))
        for c in subclusters:
            # A frame's name is on its top node; Mermaid wants some title, so a blank one.
            titel = _mermaid_label(c.regels) if c.regels else '" "'
            uit.append(f"{inspringen}subgraph {c.id}[{titel}]")
            schrijf(c.id, inspringen + "  ")
            uit.append(f"{inspringen}end")
        for k in knopen:
            label = _mermaid_label(k.regels)
            uit.append(
                f"{inspringen}{k.id}" + (f"([{label}])" if k.soort == "functie" else f"[{label}]")
            )

    schrijf(None, "  ")
    stijlen: list[str] = []
    for nummer, lijn in enumerate(x for x in t.lijnen if x.soort != "rang"):
        van, naar = (lijn.naar, lijn.van) if lijn.omhoog else (lijn.van, lijn.naar)
        if lijn.soort == "onderdeel-van":
            pijl = "-.-" if lijn.stippel else "---"
            uit.append(f"  {van} {pijl} {naar}")
        else:
            streep = lijn.stippel or lijn.afgeleid
            pijl = _MERMAID_PIJL[(lijn.omhoog, streep)]
            uit.append(f"  {van} {pijl}|{_mermaid_label([lijn_label(lijn)])}| {naar}")
        if lijn.afgeleid:
            stijlen.append(f"  linkStyle {nummer} stroke-dasharray:2 3")
    for lijn in t.lijnen:
        if lijn.soort == "rang":
            uit.append(f"  {lijn.van} ~~~ {lijn.naar}")
    uit += stijlen
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


_MAX_KOP = 300  # characters of a title or subtitle in the figure; the rest as '…'


def _html_regel(tekst: str, grootte: int, vet: bool = False) -> str:
    """One line of Graphviz's HTML-like label, escaped as XML text."""
    tekst = eenregelig(tekst)
    if len(tekst) > _MAX_KOP:
        tekst = tekst[: _MAX_KOP - 1] + "…"
    inhoud = html.escape(tekst, quote=False)
    if vet:
        inhoud = f"<B>{inhoud}</B>"
    return f'<FONT POINT-SIZE="{grootte}">{inhoud}</FONT>'


def _in_regels(delen: list[str], breedte: int) -> list[str]:
    """Parts joined by '; ' into lines of about `breedte` characters."""
    regels: list[str] = []
    for deel in delen:
        if regels and len(regels[-1]) + len(deel) + 2 <= breedte:
            regels[-1] += "; " + deel
        else:
            regels.append(deel)
    return regels


def dot_kop(t: Tekening) -> str:
    """Title, subtitle (the peildatum) and legend as one HTML-like label."""
    regels = [_html_regel(t.titel, 18, vet=True), _html_regel(t.ondertitel, 12)]
    legenda = _in_regels(t.legenda(), 110)
    regels += [
        _html_regel(r + ("." if n == len(legenda) - 1 else ";"), 10) for n, r in enumerate(legenda)
    ]
    return "<" + "<BR/>".join(regels) + ">"


_VOUWBREEDTE = 32  # characters per line in a box: long names fold at a space


def _gevouwen(regels: Iterable[str]) -> list[str]:
    """Lines longer than _VOUWBREEDTE folded at spaces, so that a row of PHOs stays narrow."""
    return [deel for regel in regels for deel in (textwrap.wrap(regel, _VOUWBREEDTE) or [regel])]


_LETTER = 'fontname="Helvetica"'
_DOT_KNOOP = {
    "wortel": 'shape=box, style="rounded,filled,bold", fillcolor="#ffffff", fontsize=14',
    "orgaan": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
    "functie": 'shape=ellipse, style="filled", fillcolor="#f3f3f3", color="#777777"',
}
_DOT_CLUSTER = {
    "wortel": 'style="rounded,filled", color="#9aa5b1"',
    "team": 'style="rounded,filled", fillcolor="#ffffff", color="#555555", fontsize=11',
    "groep": 'style="rounded", color="#555555", penwidth=1.2',
}
_DOT_LIJN = {
    "relatie": "",
    "onderdeel-van": 'arrowhead=none, color="#8c959f"',
    ONDERSTEUNT: 'color="#777777", fontcolor="#555555", arrowhead=vee',
}
_WORTELKLEUREN = ("#eaf2fb", "#fdf1e4", "#edf7ec", "#f5edf7")


def dot(t: Tekening, kop: bool = True) -> str:
    """The chart in DOT; without `kop` no title, peildatum and legend in the figure, for a
    page that says them in its own text (the site)."""
    label = f"label={dot_kop(t)}, labelloc=t, " if kop else ""
    uit = [
        "digraph amctl {",
        f"  graph [{_LETTER}, {label}rankdir=TB, splines=polyline, compound=true, nodesep=0.3, "
        "ranksep=0.45, pad=0.3];",
        f'  node [{_LETTER}, fontsize=11, margin="0.15,0.06"];',
        f"  edge [{_LETTER}, fontsize=10];",
    ]
    anker: dict[str, str] = {k.id: k.id for k in t.knopen}
    kleuren = iter(_WORTELKLEUREN * len(t.clusters))
    indeling = t.per_cluster()

    def schrijf(cluster: str | None, inspringen: str) -> None:
        subclusters, knopen = indeling.get(cluster, ([], []))
        for c in subclusters:
            stijl = _DOT_CLUSTER[c.soort]
            if c.soort == "wortel":
                stijl += f', fillcolor="{next(kleuren)}"'
            if c.stippel:
                stijl = stijl.replace('style="', 'style="dashed,')
            uit.append(f"{inspringen}subgraph cluster_{c.id} {{")
            uit.append(f"{inspringen}  graph [label={_dot_label(c.regels)}, {stijl}];")
            schrijf(c.id, inspringen + "  ")
            uit.append(f"{inspringen}}}")
        for k in knopen:
            stijl = _DOT_KNOOP[k.soort]
            if k.stippel:
                stijl = stijl.replace('style="', 'style="dashed,')
            uit.append(f"{inspringen}{k.id} [label={_dot_label(_gevouwen(k.regels))}, {stijl}];")
            if cluster is not None and cluster not in anker:
                anker[cluster] = k.id  # a team's box is reached through its first post

    schrijf(None, "  ")
    # The tops stand level: each a rank above one body right below a top. (`rank=same`
    # would take them out of their frames, and Graphviz 2.43 crashes on `newrank` with
    # frames, 'trouble in init_rank'.)
    rang = {k.id: k.rang for k in t.knopen}
    onder_top = next((k for k in t.knopen if k.rang == 1 and k.soort == "orgaan"), None)
    for k in t.knopen:
        if k.soort == "wortel" and onder_top is not None and k.cluster != onder_top.cluster:
            uit.append(f"  {k.id} -> {onder_top.id} [style=invis];")

    for lijn in t.lijnen:
        van, naar = (lijn.naar, lijn.van) if lijn.omhoog else (lijn.van, lijn.naar)
        stijl: list[str] = []
        if lijn.soort == "rang":
            stijl.append("style=invis")
        else:
            if lijn.label and lijn.soort != "onderdeel-van":
                stijl.append(f"label={dot_tekst(lijn_label(lijn))}")
            if _DOT_LIJN[lijn.soort]:
                stijl.append(_DOT_LIJN[lijn.soort])
            if lijn.afgeleid:
                stijl.append("style=dotted, penwidth=1.4")
            elif lijn.stippel:
                stijl.append("style=dashed")
        if lijn.omhoog:
            stijl.append("dir=back")
        if not lijn.rangt:
            stijl.append("constraint=false")
        elif abs(rang[anker[naar]] - rang[anker[van]]) > 1:
            stijl.append(f"minlen={abs(rang[anker[naar]] - rang[anker[van]])}")

        if van != anker[van]:
            stijl.append(f"ltail=cluster_{van}")
        if naar != anker[naar]:
            stijl.append(f"lhead=cluster_{naar}")
        uit.append(f"  {anker[van]} -> {anker[naar]} [{', '.join(stijl)}];")
    uit.append("}")
    return "\n".join(uit) + "\n"


# --- Graphviz -----------------------------------------------------------------------------


def graphviz_aanwezig() -> bool:
    return shutil.which("dot") is not None


def render(dot_bron: str, formaat: str) -> bytes:
    """Run Graphviz's `dot` on DOT text: 'svg' or 'png'. GraphvizFout without it."""
    programma = shutil.which("dot")
    if programma is None:
        raise GraphvizFout(GRAPHVIZ_ONTBREEKT)
    try:
        uitkomst = subprocess.run(
            [programma, f"-T{formaat}"],
            input=dot_bron.encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=GRAPHVIZ_TIJDSLIMIET,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizFout(
            f"Graphviz had na {GRAPHVIZ_TIJDSLIMIET} seconden nog geen figuur; er zijn te veel "
            "organen om te tekenen. Gebruik --formaat mermaid of dot."
        ) from None
    if uitkomst.returncode != 0:
        melding = zichtbaar(uitkomst.stderr.decode("utf-8", "replace").strip()[:300])
        raise GraphvizFout(f"Graphviz kon de figuur niet maken: {melding}")
    return uitkomst.stdout


def maak(
    org: Organisatie, peildatum: date, formaat: str, met_personen: bool = False
) -> str | bytes:
    """The figure in one of FORMATEN: text for mermaid and dot and svg, bytes for png."""
    t = tekening(org, peildatum, met_personen)
    if formaat == "mermaid":
        return mermaid(t)
    if formaat == "dot":
        return dot(t)
    uitvoer = render(dot(t), formaat)
    return uitvoer.decode("utf-8") if formaat == "svg" else uitvoer
