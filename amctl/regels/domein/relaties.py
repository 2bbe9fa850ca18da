"""Domain rules on relations and hierarchy: onderdeel-van, support and preparation, relations
in time, to the body itself and listed twice."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from amctl.model import (
    Orgaan,
    Organisatie,
    Relatie,
)
from amctl.probleem import Probleem
from amctl.regels import Melder, domeinregel
from amctl.regels.domein._gedeeld import _KOP, _SOORT, F, W, _datum, _tekst


@domeinregel(
    "AM307",
    "cyclus-onderdeel-van",
    F,
    "Organen zijn (via 'onderdeel-van') onderdeel van zichzelf.",
    "'onderdeel-van' vormt een boom met het samenwerkingsverband bovenaan; een kring maakt "
    "de boom onmogelijk en is altijd een vergissing.",
    _KOP + _SOORT + "organen:\n  a:\n    naam: A\n    soort: overleg\n    onderdeel-van: b\n"
    "  b:\n    naam: B\n    soort: overleg\n    onderdeel-van: a\n",
    _KOP + _SOORT + "organen:\n  a:\n    naam: A\n    soort: overleg\n"
    "  b:\n    naam: B\n    soort: overleg\n    onderdeel-van: a\n",
)
def cyclus_onderdeel_van(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    klaar: set[str] = set()
    for start in org.organen:
        pad: list[str] = []
        op_pad: set[str] = set()  # the same as `pad`, to look up in constant time
        huidig: str | None = start
        while huidig is not None and huidig not in klaar and huidig in org.organen:
            if huidig in op_pad:
                kring = pad[pad.index(huidig) :]
                eerste = min(kring)
                yield meld(
                    "AM307",
                    org.organen[eerste].plekken.get("onderdeel-van", org.organen[eerste].plek),
                    "Deze organen zijn via 'onderdeel-van' onderdeel van zichzelf: "
                    + " -> ".join(
                        [*kring[kring.index(eerste) :], *kring[: kring.index(eerste)], eerste]
                    )
                    + "; verbreek de kring.",
                )
                break
            pad.append(huidig)
            op_pad.add(huidig)
            huidig = org.organen[huidig].onderdeel_van
        klaar.update(pad)


def _is_ooit_actief(orgaan: Orgaan) -> bool:
    return not orgaan.status or any(s.waarde == "actief" for s in orgaan.status)


_PHO = (
    _KOP + "soorten:\n  pho:\n    naam: portefeuillehoudersoverleg\n    ondersteuning-uit: team\n"
    "    voorbereid-door: werkgroep\n  werkgroep:\n    naam: werkgroep\n  team:\n    naam: team\n"
    "functies:\n  regiosecretaris-wonen:\n    naam: regiosecretaris Wonen\n    zetels: 1\n"
    "  secretaris:\n    naam: secretaris\n"
    "organen:\n  team:\n    naam: Team\n    soort: team\n    samenstelling:\n"
    "      - functie: regiosecretaris-wonen\n"
    "  werkgroep-wonen:\n    naam: Werkgroep Wonen\n    soort: werkgroep\n"
    "    relaties:\n      - bereidt-voor: pho-wonen\n"
    "  pho-wonen:\n    naam: PHO Wonen\n    soort: pho\n    status: actief\n"
)


@domeinregel(
    "AM308",
    "ondersteuning-ontbreekt",
    F,
    "Een actief orgaan wordt niet ondersteund zoals zijn soort eist.",
    "Een soort kan eisen dat elk actief orgaan van die soort ondersteund wordt door een "
    "functie die ambtshalve lid is van een bepaald orgaan ('ondersteuning-uit'); bij AM: "
    "elk portefeuillehoudersoverleg door een regiosecretaris uit het AM-team.",
    _PHO + "    ondersteuning:\n      - functie: secretaris\n",
    _PHO + "    ondersteuning:\n      - functie: regiosecretaris-wonen\n",
)
def ondersteuning_ontbreekt(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    per_team: dict[str, set[str]] = {}
    for orgaan in org.organen.values():
        soort = org.soorten[orgaan.soort]
        if soort.ondersteuning_uit is None or not _is_ooit_actief(orgaan):
            continue
        team = org.organen[soort.ondersteuning_uit]
        if team.id not in per_team:
            per_team[team.id] = {r.functie for r in team.samenstelling if r.wijze == "ambtshalve"}
        functies = per_team[team.id]
        if not any(o.functie in functies for o in orgaan.ondersteuning):
            yield meld(
                "AM308",
                orgaan.plekken.get("ondersteuning", orgaan.plek),
                f"'{orgaan.id}' is actief maar wordt niet ondersteund door een functie uit "
                f"'{team.id}' ({', '.join(sorted(functies)) or 'geen functies'}), zoals soort "
                f"'{soort.id}' eist; voeg die ondersteuning toe of wijzig de status.",
            )


@domeinregel(
    "AM309",
    "voorbereiding-ontbreekt",
    F,
    "Een actief orgaan wordt niet voorbereid zoals zijn soort eist.",
    "Een soort kan eisen dat elk actief orgaan van die soort wordt voorbereid door een orgaan "
    "van een andere soort ('voorbereid-door'), via een relatie 'bereidt-voor'; bij AM: elk "
    "portefeuillehoudersoverleg door een ambtelijke werkgroep.",
    _PHO.replace("      - bereidt-voor: pho-wonen\n", "      - bereidt-voor: team\n")
    + "    ondersteuning:\n      - functie: regiosecretaris-wonen\n",
    _PHO + "    ondersteuning:\n      - functie: regiosecretaris-wonen\n",
)
def voorbereiding_ontbreekt(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    voorbereid: dict[str, set[str]] = defaultdict(set)
    for orgaan in org.organen.values():
        for r in orgaan.relaties:
            if r.soort == "bereidt-voor":
                voorbereid[r.naar].add(orgaan.soort)
    for orgaan in org.organen.values():
        soort = org.soorten[orgaan.soort]
        if soort.voorbereid_door is None or not _is_ooit_actief(orgaan):
            continue
        if soort.voorbereid_door not in voorbereid[orgaan.id]:
            yield meld(
                "AM309",
                orgaan.plek,
                f"'{orgaan.id}' is actief maar geen orgaan van soort '{soort.voorbereid_door}' "
                f"bereidt het voor, zoals soort '{soort.id}' eist; voeg bij dat orgaan "
                f"'- bereidt-voor: {orgaan.id}' toe.",
            )


@domeinregel(
    "AM311",
    "relatie-buiten-looptijd",
    W,
    "Een relatie loopt door buiten de periode waarin het andere orgaan bestaat.",
    "Een relatie naar een opgeheven orgaan (zoals een oud MRA-platform) moet eindigen wanneer "
    "dat orgaan ophoudt te bestaan; anders toont amctl een verband dat er niet meer is.",
    _KOP + _SOORT + "organen:\n  oud:\n    naam: Oud platform\n    soort: overleg\n"
    "    tot-en-met: 2016-12-31\n  pho:\n    naam: PHO\n    soort: overleg\n    relaties:\n"
    "      - bereidt-voor: oud\n",
    _KOP + _SOORT + "organen:\n  oud:\n    naam: Oud platform\n    soort: overleg\n"
    "    tot-en-met: 2016-12-31\n  pho:\n    naam: PHO\n    soort: overleg\n    relaties:\n"
    "      - bereidt-voor: oud\n        tot-en-met: 2016-12-31\n",
)
def relatie_buiten_looptijd(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for r in orgaan.relaties:
            doel = org.organen[r.naar]
            begin = max(_datum(r.vanaf, date.min), _datum(orgaan.vanaf, date.min))
            eind = min(_datum(r.tot_en_met, date.max), _datum(orgaan.tot_en_met, date.max))
            if begin > eind:
                continue
            if begin < _datum(doel.vanaf, date.min) or eind > _datum(doel.tot_en_met, date.max):
                yield meld(
                    "AM311",
                    r.plek,
                    f"De relatie '{r.soort}' van '{orgaan.id}' naar '{doel.id}' loopt buiten "
                    f"de periode van '{doel.id}' ({_tekst(doel.vanaf)} t/m "
                    f"{_tekst(doel.tot_en_met)}); geef de relatie dezelfde 'vanaf' en "
                    "'tot-en-met'.",
                )


class _Statuslijn:
    """The recorded status of a body through time, what `Orgaan.status_op` gives within the
    body's own period: from `dagen[i]` on, until the next date, the status is `waarden[i]`.
    Made once per body in O(n log n) for n statuses, so that comparing two bodies over time
    costs the statuses of the shorter one (times a log), not the product of both."""

    def __init__(self, orgaan: Orgaan) -> None:
        perioden = sorted(
            (_datum(s.vanaf, date.min), nummer, _datum(s.tot_en_met, date.max))
            for nummer, s in enumerate(orgaan.status)
        )
        grenzen = {date.min} | {begin for begin, _, _ in perioden}
        grenzen |= {eind + timedelta(days=1) for _, _, eind in perioden if eind < date.max}
        self.dagen = sorted(grenzen)
        self.waarden: list[str] = []
        lopend: list[tuple[int, date]] = []  # heap: the first recorded status holding wins
        volgende = 0
        for dag in self.dagen:
            while volgende < len(perioden) and perioden[volgende][0] <= dag:
                _, nummer, eind = perioden[volgende]
                heapq.heappush(lopend, (nummer, eind))
                volgende += 1
            while lopend and lopend[0][1] < dag:
                heapq.heappop(lopend)
            if lopend:
                self.waarden.append(orgaan.status[lopend[0][0]].waarde)
            else:
                self.waarden.append("onbekend" if orgaan.status else "actief")
        # For each piece, the first piece from there on that is (not) 'actief'.
        self.volgend_actief = self._volgende(lambda waarde: waarde == "actief")
        self.volgend_niet_actief = self._volgende(lambda waarde: waarde != "actief")

    def _volgende(self, past) -> list[int]:
        volgend = [len(self.waarden)] * (len(self.waarden) + 1)
        for i in range(len(self.waarden) - 1, -1, -1):
            volgend[i] = i if past(self.waarden[i]) else volgend[i + 1]
        return volgend

    def stuk(self, dag: date) -> int:
        return bisect_right(self.dagen, dag) - 1

    def einde(self, stuk: int) -> date:
        if stuk + 1 < len(self.dagen):
            return self.dagen[stuk + 1] - timedelta(days=1)
        return date.max


def _eerste_dag(
    eigen: _Statuslijn, doel: _Statuslijn, van: date, tot: date
) -> tuple[date, str] | None:
    """The first day from `van` to `tot` on which `eigen` is 'actief' and `doel` is not,
    with the status of `doel` then. Walks the pieces of the shorter line and looks the other
    one up."""
    if len(eigen.dagen) <= len(doel.dagen):
        loper, ander, zoek_loper, zoek_ander = (
            eigen,
            doel,
            eigen.volgend_actief,
            doel.volgend_niet_actief,
        )
    else:
        loper, ander, zoek_loper, zoek_ander = (
            doel,
            eigen,
            doel.volgend_niet_actief,
            eigen.volgend_actief,
        )
    stuk = zoek_loper[loper.stuk(van)]
    while stuk < len(loper.dagen) and loper.dagen[stuk] <= tot:
        begin = max(van, loper.dagen[stuk])
        eind = min(tot, loper.einde(stuk))
        gevonden = zoek_ander[ander.stuk(begin)]
        if gevonden < len(ander.dagen):
            dag = max(begin, ander.dagen[gevonden])
            if dag <= eind:
                return dag, doel.waarden[doel.stuk(dag)]
        stuk = zoek_loper[stuk + 1]
    return None


@domeinregel(
    "AM314",
    "bereidt-niet-actief-voor",
    W,
    "Een actief orgaan bereidt een orgaan voor dat op dat moment niet actief is.",
    "Een ambtelijke werkgroep die een portefeuillehoudersoverleg 'in overweging' voorbereidt, "
    "bestaat waarschijnlijk nog niet; geef haar dezelfde status.",
    _KOP + _SOORT + "organen:\n  pho:\n    naam: PHO\n    soort: overleg\n"
    "    status: in-overweging\n  werkgroep:\n    naam: Werkgroep\n    soort: overleg\n"
    "    status: actief\n    relaties:\n      - bereidt-voor: pho\n",
    _KOP + _SOORT + "organen:\n  pho:\n    naam: PHO\n    soort: overleg\n"
    "    status: in-overweging\n  werkgroep:\n    naam: Werkgroep\n    soort: overleg\n"
    "    status: in-overweging\n    relaties:\n      - bereidt-voor: pho\n",
)
def bereidt_niet_actief_voor(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    lijnen: dict[str, _Statuslijn] = {}

    def lijn(orgaan: Orgaan) -> _Statuslijn:
        if orgaan.id not in lijnen:
            lijnen[orgaan.id] = _Statuslijn(orgaan)
        return lijnen[orgaan.id]

    for orgaan in org.organen.values():
        for r in orgaan.relaties:
            if r.soort != "bereidt-voor":
                continue
            doel = org.organen[r.naar]
            drie = (r, orgaan, doel)  # the days on which all three hold
            van = max(_datum(x.vanaf, date.min) for x in drie)
            tot = min(_datum(x.tot_en_met, date.max) for x in drie)
            gevonden = _eerste_dag(lijn(orgaan), lijn(doel), van, tot) if van <= tot else None
            if gevonden is not None:
                yield meld(
                    "AM314",
                    r.plek,
                    f"'{orgaan.id}' is actief en bereidt '{doel.id}' voor, dat dan de status "
                    f"'{gevonden[1]}' heeft; geef '{orgaan.id}' dezelfde status.",
                )


@domeinregel(
    "AM318",
    "relatie-naar-zichzelf",
    F,
    "Een orgaan heeft een relatie met zichzelf.",
    "'bereidt-voor', 'dagelijks-bestuur-van' en de andere relaties leggen een verband tussen "
    "twee organen; een relatie naar zichzelf is een kopieerfout.",
    _KOP + _SOORT + "organen:\n  a:\n    naam: A\n    soort: overleg\n    relaties:\n"
    "      - bereidt-voor: a\n",
    _KOP + _SOORT + "organen:\n  a:\n    naam: A\n    soort: overleg\n    relaties:\n"
    "      - bereidt-voor: b\n  b:\n    naam: B\n    soort: overleg\n",
)
def relatie_naar_zichzelf(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for r in orgaan.relaties:
            if r.naar == orgaan.id:
                yield meld(
                    "AM318",
                    r.plek,
                    f"'{orgaan.id}' heeft de relatie '{r.soort}' met zichzelf; verwijs naar het "
                    "juiste orgaan.",
                )


@domeinregel(
    "AM330",
    "dubbele-relatie",
    W,
    "Een orgaan noemt dezelfde relatie twee keer voor dezelfde tijd.",
    "Twee keer 'bereidt-voor: mra-platforms' bij hetzelfde orgaan zegt niets meer dan één keer, "
    "maar wie de ene aanpast, vergeet de andere. amctl toont en tekent de relatie één keer; "
    "verwijder de dubbele, of geef beide een eigen periode.",
    _KOP + _SOORT + "organen:\n  a:\n    naam: A\n    soort: overleg\n    relaties:\n"
    "      - bereidt-voor: b\n      - bereidt-voor: b\n  b:\n    naam: B\n    soort: overleg\n",
    _KOP + _SOORT + "organen:\n  a:\n    naam: A\n    soort: overleg\n    relaties:\n"
    "      - bereidt-voor: b\n        tot-en-met: 2016-12-31\n      - bereidt-voor: b\n"
    "        vanaf: 2017-01-01\n  b:\n    naam: B\n    soort: overleg\n",
)
def dubbele_relatie(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        per_relatie: dict[tuple[str, str], list[Relatie]] = defaultdict(list)
        for r in orgaan.relaties:
            per_relatie[(r.soort, r.naar)].append(r)
        for (soort, naar), relaties in per_relatie.items():
            if len(relaties) < 2:
                continue
            # Sorted by start, each overlaps an earlier one iff it starts before the latest
            # end so far: linear after sorting, however many there are.
            volgorde = sorted(relaties, key=lambda r: (_datum(r.vanaf, date.min), r.plek))
            eerder, einde = volgorde[0], _datum(volgorde[0].tot_en_met, date.max)
            for r in volgorde[1:]:
                if _datum(r.vanaf, date.min) <= einde:
                    yield meld(
                        "AM330",
                        r.plek,
                        f"'{orgaan.id}' noemt de relatie '{soort}: {naar}' twee keer voor "
                        f"dezelfde tijd (ook op regel {eerder.plek.regel}); verwijder er één, "
                        "of geef elk een eigen 'vanaf' en 'tot-en-met'.",
                    )
                if _datum(r.tot_en_met, date.max) > einde:
                    eerder, einde = r, _datum(r.tot_en_met, date.max)
