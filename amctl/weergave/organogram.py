"""From the model to a `Tekening`: an organisation chart.

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

from datetime import date
from typing import NamedTuple

from amctl.model import (
    NIET_IN_BRON,
    Ondersteuning,
    Orgaan,
    Organisatie,
    Relatie,
    aard_van,
    geldig_op,
)
from amctl.vragen import (
    Bezetting_op,
    Zetel,
    bekleders_op,
    functienaam,
    herkomst,
    orgaan_aarden,
    per_regel,
    persoonsnaam,
    relatielabel,
    relaties_op,
    voorzitter_tekst,
    wie_zit_in,
)
from amctl.weergave.gegevens import merken as gemerkt
from amctl.weergave.gegevens import merkteken, regel_omschrijving
from amctl.weergave.tekening import (
    ONDERDEEL_VAN,
    ONDERSTEUNT,
    TITEL_STANDAARD,
    Cluster,
    Knoop,
    Lijn,
    Tekening,
    _begrensd,
    cluster_id,
    eenregelig,
    functie_knoop_id,
    orgaan_knoop_id,
    status_kort,
)

# Relations whose source stands below its target in the chart, within one frame.
OMLAAG = frozenset({"bereidt-voor", "dagelijks-bestuur-van"})


def _zittende(org: Organisatie, zetel: Zetel) -> str:
    post = functienaam(org, zetel.functie, zetel.gemeente, zetel.waarnemend)
    return f"{persoonsnaam(org, zetel.persoon)} ({post})"


class Merken(set):
    """The kinds of mark (afgeleid, aangenomen) a label shows, for the figure's legend."""

    def teken(self, aard: str | None) -> str:
        if merkteken(aard):
            self.add(aard)
        return merkteken(aard)


def knoop_regels(
    org: Organisatie,
    uitslag: Bezetting_op,
    samenstelling: bool = True,
    met_personen: bool = False,
    merken: Merken | None = None,
) -> tuple[str, ...]:
    """Name, status when not 'actief', what it is, the composition and the chair (with the
    person holding the chair, when known). With `met_personen` the people in the filled seats
    instead of the rules they fill, the chair first; a rule with no seat filled stays. Each
    derived or assumed fact carries its mark as in every view (`*`, `~`): the name (and, for
    a body whose being 'actief' is derived, the name too), the status, a rule, the chair;
    `merken` collects them for the legend."""
    merken = Merken() if merken is None else merken
    orgaan = uitslag.orgaan
    naam_, status_ = orgaan_aarden(orgaan, uitslag.peildatum)
    actief = uitslag.status == "actief"
    regels = [eenregelig(orgaan.naam) + gemerkt((naam_, status_ if actief else None), merken.teken)]
    if not actief:
        regels.append(f"[{status_kort(uitslag.status)}{merken.teken(status_)}]")
    if orgaan.rechtsvorm:
        regels.append(eenregelig(orgaan.rechtsvorm))
    if orgaan.deelregios:
        regels.append(f"{len(orgaan.deelregios)} deelregio's")

    def regel_tekst(groep) -> str:
        aard = herkomst(groep.regel, orgaan, "functie").aard
        return eenregelig(regel_omschrijving(org, groep)) + merken.teken(aard)

    vz_merk = merken.teken(uitslag.voorzitter_herkomst.aard) if uitslag.voorzitter else ""
    zittend = next((z for z in uitslag.zetels if z.rol == "voorzitter" and z.persoon), None)
    if met_personen and any(z.persoon for z in uitslag.zetels):
        if zittend is not None:
            regels.append("vz: " + eenregelig(_zittende(org, zittend)) + vz_merk)
        elif uitslag.voorzitter is not None:
            regels.append("vz: " + eenregelig(voorzitter_tekst(org, uitslag.voorzitter)) + vz_merk)
        for groep in per_regel(uitslag.zetels):
            gevuld = [z for z in groep.gevuld if z is not zittend]
            if not groep.gevuld:
                regels.append(regel_tekst(groep))
            regels += [eenregelig(_zittende(org, z)) for z in gevuld]
        return tuple(regels)
    if samenstelling:
        regels += [regel_tekst(groep) for groep in per_regel(uitslag.zetels)]
    if uitslag.voorzitter is not None:
        voorzitter = voorzitter_tekst(org, uitslag.voorzitter)
        if zittend is not None and uitslag.voorzitter.persoon is None:
            voorzitter += f" ({persoonsnaam(org, zittend.persoon)})"
        regels.append("vz: " + eenregelig(voorzitter) + vz_merk)
    return tuple(regels)


def titel_van(org: Organisatie) -> str:
    """The caption of the overview (diagram and site): the file's `titel`, which holds the
    source's caption; a plain one for a file without."""
    return eenregelig(org.titel.tekst) if org.titel is not None else TITEL_STANDAARD


def lijn_aard(item: Relatie | Ondersteuning) -> str | None:
    """'afgeleid' or 'aangenomen' when a relation or support (or its end or start date) is
    not said by a source as such: drawn dotted, with its mark; None otherwise."""
    aarden = (aard_van(item, veld) for veld in ("", "tot-en-met", "vanaf"))
    return next((a for a in aarden if a in NIET_IN_BRON), None)


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
            merken = Merken()
            regels = knoop_regels(org, uitslagen[orgaan.id], False, merken=merken)
            clusters.append(
                Cluster(
                    team,
                    regels,
                    "team",
                    stippel[orgaan.id],
                    cluster_id(top),
                    aarden=frozenset(merken),
                )
            )
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
        merken = Merken()
        knopen.append(
            Knoop(
                orgaan_knoop_id(orgaan.id),
                knoop_regels(org, uitslagen[orgaan.id], met_personen=met_personen, merken=merken),
                "wortel" if top == orgaan.id else "orgaan",
                stippel[orgaan.id],
                cluster_id(top),
                rang(orgaan.id),
                frozenset(merken),
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
                    lijn_aard(relatie),
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
                lijn_aard(o),
            )
        )
    return Tekening(titel_van(org), peildatum, clusters, knopen, lijnen)
