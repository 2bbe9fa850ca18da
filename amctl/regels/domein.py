"""Domain rules (AM3xx). Driven by the data: no rule names a body, a gemeente or a post.

Each rule yields problems and never prints. They run once the file has no schema or
reference errors, so that one typo does not cause a cascade of follow-on messages.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from itertools import pairwise

from amctl.model import (
    SECTIES,
    Gedateerd,
    Orgaan,
    Organisatie,
    Samenstellingsregel,
    StatusPeriode,
    geldig_op,
    overlapt,
)
from amctl.probleem import Ernst, Probleem
from amctl.regels import Melder, domeinregel
from amctl.rooster import beurten, deelnemers, rotatie, vergaderingen, wisselt_van_plaats

F, W = Ernst.FOUT, Ernst.WAARSCHUWING

_KOP = "versie: 1\n"
_SOORT = "soorten:\n  overleg:\n    naam: overleg\n"
_GEMEENTEN = "gemeenten:\n  aalsmeer:\n    naam: Aalsmeer\n  diemen:\n    naam: Diemen\n"
_FUNCTIES = (
    "functies:\n  burgemeester:\n    naam: burgemeester\n    per-gemeente: true\n"
    "    zetels: 1\n  raadslid:\n    naam: raadslid\n    per-gemeente: true\n"
)
_BASIS = _KOP + _SOORT + _GEMEENTEN + _FUNCTIES


def _datum(d: date | None, standaard: date) -> date:
    return standaard if d is None else d


def _tekst(d: date | None) -> str:
    return d.isoformat() if d else "open"


def _overschrijdingen(items: Iterable[Gedateerd], grens: int) -> list[Gedateerd]:
    """Items that, when they start, make more than `grens` items hold at once."""
    te_veel = []
    lopend: list[date] = []  # min-heap of end dates of the items holding now
    for item in sorted(items, key=lambda i: _datum(i.vanaf, date.min)):
        begin = _datum(item.vanaf, date.min)
        while lopend and lopend[0] < begin:
            heapq.heappop(lopend)
        heapq.heappush(lopend, _datum(item.tot_en_met, date.max))
        if len(lopend) > grens:
            te_veel.append(item)
    return te_veel


def _gedateerde_objecten(org: Organisatie) -> Iterator[tuple[Gedateerd, str]]:
    for g in org.gemeenten.values():
        yield g, f"gemeente '{g.id}'"
    for f in org.functies.values():
        yield f, f"functie '{f.id}'"
    for p in org.personen.values():
        for b in p.functies:
            yield b, f"de functie '{b.functie}' van persoon '{p.id}'"
    for o in org.organen.values():
        yield o, f"orgaan '{o.id}'"
        for deel in (o.status, o.samenstelling, o.leden, o.voorzitter, o.ondersteuning):
            for item in deel:
                yield item, f"een onderdeel van orgaan '{o.id}'"
        for r in o.relaties:
            yield r, f"de relatie '{r.soort}' van orgaan '{o.id}'"
        for v in o.vergaderritme:
            yield v, f"het vergaderritme van orgaan '{o.id}'"


@domeinregel(
    "AM301",
    "periode-omgekeerd",
    F,
    "Een periode eindigt ('tot-en-met') voordat hij begint ('vanaf').",
    "'vanaf' is de eerste dag en 'tot-en-met' de laatste dag die nog meetelt; een periode "
    "van één dag heeft twee gelijke datums. Een omgekeerde periode is meestal een tikfout "
    "in het jaartal.",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - functie: burgemeester\n        gemeente: diemen\n"
    "        vanaf: 2024-01-01\n        tot-en-met: 2014-12-31\n",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - functie: burgemeester\n        gemeente: diemen\n"
    "        vanaf: 2014-01-01\n        tot-en-met: 2024-12-31\n",
)
def periode_omgekeerd(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for obj, wat in _gedateerde_objecten(org):
        vanaf, tot = obj.vanaf, obj.tot_en_met  # type: ignore[attr-defined]
        if vanaf and tot and vanaf > tot:
            plekken = getattr(obj, "plekken", {})
            yield meld(
                "AM301",
                plekken.get("tot-en-met", obj.plek),  # type: ignore[attr-defined]
                f"De periode van {wat} eindigt ({tot}) voordat hij begint ({vanaf}); "
                "verbeter een van beide datums.",
            )


class _Regelzoeker:
    """Whether a body's composition has a rule that a member (or chair) fits: the same post,
    its gemeente among the rule's (or the rule names none), periods that overlap. Answered by
    a binary search in the rules of that post and gemeente, sorted by start with the latest
    end so far, so that many members and many rules do not multiply."""

    _ALLE = "*"  # the key of the rules that name no gemeenten

    def __init__(self, regels: Iterable[Samenstellingsregel]) -> None:
        perioden: dict[tuple, list[tuple[date, date]]] = defaultdict(list)
        for r in regels:
            periode = (_datum(r.vanaf, date.min), _datum(r.tot_en_met, date.max))
            gemeenten = (self._ALLE,) if r.gemeenten is None else set(r.gemeenten)
            for gemeente in gemeenten:
                perioden[(r.functie, gemeente)].append(periode)
        self._zoek: dict[tuple, tuple[list[date], list[date]]] = {}
        for sleutel, lijst in perioden.items():
            lijst.sort()
            einden, laatste = [], date.min
            for _, eind in lijst:
                laatste = max(laatste, eind)
                einden.append(laatste)
            self._zoek[sleutel] = ([begin for begin, _ in lijst], einden)

    def past(self, lid) -> bool:
        begin, eind = _datum(lid.vanaf, date.min), _datum(lid.tot_en_met, date.max)
        for gemeente in (lid.gemeente, self._ALLE):
            if (lid.functie, gemeente) not in self._zoek:
                continue
            beginnen, einden = self._zoek[(lid.functie, gemeente)]
            plaats = bisect_right(beginnen, eind) - 1
            if plaats >= 0 and einden[plaats] >= begin:
                return True
        return False


@domeinregel(
    "AM302",
    "lid-buiten-samenstelling",
    F,
    "Een bij naam genoemd lid past in geen enkele regel van de samenstelling.",
    "Leden bij naam ('leden:') vullen zetels die de samenstelling met 'wijze: benoemd' "
    "aanbiedt, voor dezelfde functie (en gemeente). Zetels die ambtshalve zijn, vullen "
    "zichzelf: wie burgemeester is, zit erin. Een lid zonder passende regel is een fout in "
    "de functie, de gemeente of de samenstelling.",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - {functie: raadslid, gemeente: diemen}\n"
    "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, wijze: benoemd, aantal: 2}\n    leden:\n"
    "      - {persoon: p-test, functie: burgemeester, gemeente: diemen}\n",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - {functie: raadslid, gemeente: diemen}\n"
    "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, wijze: benoemd, aantal: 2}\n    leden:\n"
    "      - {persoon: p-test, functie: raadslid, gemeente: diemen}\n",
)
def lid_buiten_samenstelling(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        alle = _Regelzoeker(orgaan.samenstelling)
        benoemd = _Regelzoeker(r for r in orgaan.samenstelling if r.wijze == "benoemd")
        for lid in orgaan.leden:
            if benoemd.past(lid):
                continue
            if alle.past(lid):
                reden = f"de zetels voor '{lid.functie}' zijn ambtshalve en vullen zichzelf"
            else:
                reden = f"de samenstelling kent geen zetels voor '{lid.functie}'"
                if lid.gemeente:
                    reden += f" van '{lid.gemeente}'"
            yield meld(
                "AM302",
                lid.plek,
                f"Persoon '{lid.persoon}' staat als lid van '{orgaan.id}', maar {reden}; "
                "pas het lid of de samenstelling aan.",
            )


@domeinregel(
    "AM303",
    "te-veel-leden",
    F,
    "Er zijn tegelijk meer leden bij naam dan de samenstelling zetels geeft.",
    "Een regel met 'aantal: 2' geeft twee zetels per gemeente (of twee in totaal bij een "
    "functie die niet per gemeente bestaat). Een derde lid in dezelfde periode past niet: "
    "sluit eerst de periode van een ander lid af met 'tot-en-met'.",
    _BASIS + "personen:\n"
    "  p-een:\n    naam: P. Een\n    functies: [{functie: raadslid, gemeente: diemen}]\n"
    "  p-twee:\n    naam: P. Twee\n    functies: [{functie: raadslid, gemeente: diemen}]\n"
    "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, wijze: benoemd, aantal: 1}\n    leden:\n"
    "      - {persoon: p-een, functie: raadslid, gemeente: diemen}\n"
    "      - {persoon: p-twee, functie: raadslid, gemeente: diemen}\n",
    _BASIS + "personen:\n"
    "  p-een:\n    naam: P. Een\n    functies: [{functie: raadslid, gemeente: diemen}]\n"
    "  p-twee:\n    naam: P. Twee\n    functies: [{functie: raadslid, gemeente: diemen}]\n"
    "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, wijze: benoemd, aantal: 1}\n    leden:\n"
    "      - {persoon: p-een, functie: raadslid, gemeente: diemen, tot-en-met: 2025-12-31}\n"
    "      - {persoon: p-twee, functie: raadslid, gemeente: diemen, vanaf: 2026-01-01}\n",
)
def te_veel_leden(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        # Members by post and gemeente, in the order in which they start.
        per_post: dict[str, dict[str | None, list]] = defaultdict(lambda: defaultdict(list))
        for lid in sorted(orgaan.leden, key=lambda lid: _datum(lid.vanaf, date.min)):
            per_post[lid.functie][lid.gemeente].append(lid)
        gemeld: set[int] = set()  # a member once, at the first rule it does not fit
        te_veel = _te_veel_regels(orgaan)  # AM392 reports those; weighing them is quadratic
        for regel in orgaan.samenstelling:
            if regel.wijze != "benoemd" or regel.aantal is None or regel.functie in te_veel:
                continue
            gemeenten = None if regel.gemeenten is None else set(regel.gemeenten)
            for gemeente, leden in per_post.get(regel.functie, {}).items():
                if gemeenten is not None and gemeente not in gemeenten:
                    continue
                passend = [lid for lid in leden if overlapt(regel, lid)]
                for lid in _overschrijdingen(passend, regel.aantal):
                    if id(lid) in gemeld:
                        continue
                    gemeld.add(id(lid))
                    waar = f" voor '{gemeente}'" if gemeente else ""
                    yield meld(
                        "AM303",
                        lid.plek,
                        f"Met '{lid.persoon}' heeft '{orgaan.id}' meer dan {regel.aantal} "
                        f"lid/leden als '{regel.functie}'{waar} tegelijk; sluit de periode van "
                        "een ander lid af of verhoog 'aantal'.",
                    )


def _samengevoegd(perioden: list[Gedateerd]) -> list[tuple[date, date]]:
    """Periods of one person in one post, contiguous ones joined (re-appointment)."""
    spans = sorted((_datum(p.vanaf, date.min), _datum(p.tot_en_met, date.max)) for p in perioden)
    samen: list[list[date]] = []
    for begin, eind in spans:
        if samen and (samen[-1][1] == date.max or begin <= samen[-1][1] + timedelta(days=1)):
            samen[-1][1] = max(samen[-1][1], eind)
        else:
            samen.append([begin, eind])
    return [(a, b) for a, b in samen]


@domeinregel(
    "AM304",
    "lid-zonder-functie",
    F,
    "Een lid bij naam bekleedt de vereiste functie niet (de hele periode).",
    "Wie als raadslid van Diemen in een platform zit, moet in die hele periode ook raadslid "
    "van Diemen zijn volgens 'personen'. Zo blijft een lidmaatschap niet staan na het einde "
    "van het raadslidmaatschap.",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - {functie: raadslid, gemeente: diemen, tot-en-met: 2022-03-29}\n"
    "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, wijze: benoemd, aantal: 2}\n    leden:\n"
    "      - {persoon: p-test, functie: raadslid, gemeente: diemen, vanaf: 2022-01-01}\n",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - {functie: raadslid, gemeente: diemen, tot-en-met: 2022-03-29}\n"
    "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, wijze: benoemd, aantal: 2}\n    leden:\n"
    "      - {persoon: p-test, functie: raadslid, gemeente: diemen, vanaf: 2022-01-01,"
    " tot-en-met: 2022-03-29}\n",
)
def lid_zonder_functie(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    bekleed: dict[tuple, list] = defaultdict(list)
    for b in org.bezettingen():
        bekleed[(b.persoon, b.functie, b.gemeente)].append(b)
    perioden = {sleutel: _samengevoegd(lijst) for sleutel, lijst in bekleed.items()}
    for orgaan in org.organen.values():
        for lid in orgaan.leden:
            begin = _datum(lid.vanaf, date.min)
            eind = _datum(lid.tot_en_met, date.max)
            spans = perioden.get((lid.persoon, lid.functie, lid.gemeente), [])
            # The joined spans are sorted and apart: only the last one starting by `begin`
            # can hold the whole membership.
            plaats = bisect_right(spans, (begin, date.max)) - 1
            if plaats >= 0 and eind <= spans[plaats][1]:
                continue
            van = f" van '{lid.gemeente}'" if lid.gemeente else ""
            yield meld(
                "AM304",
                lid.plek,
                f"Persoon '{lid.persoon}' is lid van '{orgaan.id}' als '{lid.functie}'{van} "
                f"({_tekst(lid.vanaf)} t/m {_tekst(lid.tot_en_met)}), maar bekleedt die functie "
                "niet die hele periode; vul de functie aan onder 'personen' of kort het "
                "lidmaatschap in.",
            )


@domeinregel(
    "AM305",
    "te-veel-bekleders",
    F,
    "Meer mensen bekleden tegelijk een functie dan die zetels heeft.",
    "Een functie met 'zetels: 1' (zoals burgemeester) heeft per gemeente op elke dag "
    "hoogstens één bekleder. Bij een wisseling eindigt de oude termijn ('tot-en-met') de "
    "dag voordat de nieuwe begint.",
    _BASIS + "personen:\n"
    "  p-oud:\n    naam: P. Oud\n    functies: [{functie: burgemeester, gemeente: diemen}]\n"
    "  p-nieuw:\n    naam: P. Nieuw\n"
    "    functies: [{functie: burgemeester, gemeente: diemen, vanaf: 2026-04-01}]\n",
    _BASIS + "personen:\n"
    "  p-oud:\n    naam: P. Oud\n"
    "    functies: [{functie: burgemeester, gemeente: diemen, tot-en-met: 2026-03-31}]\n"
    "  p-nieuw:\n    naam: P. Nieuw\n"
    "    functies: [{functie: burgemeester, gemeente: diemen, vanaf: 2026-04-01}]\n",
)
def te_veel_bekleders(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    per_post: dict[tuple, list] = defaultdict(list)
    for b in org.bezettingen():
        per_post[(b.functie, b.gemeente)].append(b)
    for (functie_id, gemeente), bezettingen in per_post.items():
        functie = org.functies[functie_id]
        if functie.zetels is None:
            continue
        for b in _overschrijdingen(bezettingen, functie.zetels):
            van = f" van '{gemeente}'" if gemeente else ""
            yield meld(
                "AM305",
                b.plek,
                f"'{functie_id}'{van} heeft {functie.zetels} zetel(s), maar vanaf "
                f"{_tekst(b.vanaf)} bekleedt ook '{b.persoon}' de functie; sluit de vorige "
                "termijn af met 'tot-en-met'.",
            )


@domeinregel(
    "AM306",
    "voorzitter-geen-lid",
    F,
    "De voorzitter is geen lid van het orgaan, of de voorzitter is onvolledig beschreven.",
    "Een voorzitter is een functie (met gemeente) die in de samenstelling zit, een persoon "
    "die lid is, of 'roulerend: true' bij een orgaan dat leden heeft om te rouleren. "
    "Noem precies één van die drie.",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, wijze: benoemd, aantal: 1}\n"
    "    voorzitter: {functie: burgemeester, gemeente: diemen}\n",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: burgemeester, aantal: 1}\n"
    "    voorzitter: {functie: burgemeester, gemeente: diemen}\n",
)
def voorzitter_geen_lid(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        regels = _Regelzoeker(orgaan.samenstelling)
        leden = {lid.persoon for lid in orgaan.leden}
        for v in orgaan.voorzitter:
            genoemd = (v.functie is not None) + (v.persoon is not None) + v.roulerend
            if genoemd != 1:
                yield meld(
                    "AM306",
                    v.plek,
                    f"De voorzitter van '{orgaan.id}' moet precies één van 'functie', "
                    "'persoon' of 'roulerend: true' noemen.",
                )
            elif v.functie is not None:
                if not regels.past(v):
                    yield meld(
                        "AM306",
                        v.plek,
                        f"De voorzitter van '{orgaan.id}' is '{v.functie}', maar die functie "
                        "zit niet in de samenstelling; voeg haar toe of kies een lid.",
                    )
            elif v.persoon is not None:
                if v.persoon not in leden:
                    yield meld(
                        "AM306",
                        v.plek,
                        f"De voorzitter van '{orgaan.id}' is persoon '{v.persoon}', maar die "
                        "staat niet onder 'leden'; voeg het lidmaatschap toe.",
                    )
            elif not orgaan.samenstelling:
                yield meld(
                    "AM306",
                    v.plek,
                    f"'{orgaan.id}' heeft een roulerend voorzitterschap maar geen samenstelling "
                    "om uit te rouleren; voeg een samenstelling toe.",
                )


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
    "AM310",
    "gemeente-bij-functie",
    F,
    "Een gemeente ontbreekt bij een functie die per gemeente bestaat, of staat bij een "
    "functie die dat niet doet.",
    "'burgemeester' zonder gemeente zegt niet wie; 'algemeen regiosecretaris' met een "
    "gemeente is een vergissing. Dit geldt voor bezetting, leden, voorzitter, ondersteuning "
    "en 'gemeenten' in een samenstelling.",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: burgemeester, aantal: 1}\n    voorzitter: {functie: burgemeester}\n",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: burgemeester, aantal: 1}\n"
    "    voorzitter: {functie: burgemeester, gemeente: aalsmeer}\n",
)
def gemeente_bij_functie(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    def controleer(functie_id, gemeente, plek, wat):
        functie = org.functies[functie_id]
        if functie.per_gemeente and not gemeente:
            yield meld(
                "AM310",
                plek,
                f"Bij {wat} ontbreekt de gemeente: '{functie_id}' bestaat per gemeente; "
                "voeg 'gemeente:' toe.",
            )
        elif not functie.per_gemeente and gemeente:
            yield meld(
                "AM310",
                plek,
                f"Bij {wat} staat een gemeente, maar '{functie_id}' bestaat niet per gemeente; "
                "haal de gemeente weg of zet 'per-gemeente: true' bij de functie.",
            )

    for b in org.bezettingen():
        yield from controleer(b.functie, b.gemeente, b.plek, f"de functie van '{b.persoon}'")
    for orgaan in org.organen.values():
        for lid in orgaan.leden:
            yield from controleer(lid.functie, lid.gemeente, lid.plek, f"lid '{lid.persoon}'")
        for v in orgaan.voorzitter:
            if v.functie:
                yield from controleer(
                    v.functie, v.gemeente, v.plek, f"de voorzitter van '{orgaan.id}'"
                )
        for o in orgaan.ondersteuning:
            yield from controleer(
                o.functie, o.gemeente, o.plek, f"de ondersteuning van '{orgaan.id}'"
            )
        for r in orgaan.samenstelling:
            if r.gemeenten and not org.functies[r.functie].per_gemeente:
                yield from controleer(
                    r.functie, r.gemeenten, r.plek, f"de samenstelling van '{orgaan.id}'"
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


@domeinregel(
    "AM312",
    "aantal-boven-zetels",
    F,
    "Een samenstelling vraagt meer zetels per gemeente dan de functie heeft.",
    "'aantal: 2' voor een functie met 'zetels: 1' (twee burgemeesters per gemeente) kan nooit "
    "gevuld worden.",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: burgemeester, aantal: 2}\n",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: burgemeester, aantal: 1}\n",
)
def aantal_boven_zetels(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for r in orgaan.samenstelling:
            zetels = org.functies[r.functie].zetels
            if r.aantal is not None and zetels is not None and r.aantal > zetels:
                yield meld(
                    "AM312",
                    r.plekken.get("aantal", r.plek),
                    f"De samenstelling van '{orgaan.id}' vraagt {r.aantal} x '{r.functie}', maar "
                    f"die functie heeft {zetels} zetel(s); verlaag 'aantal'.",
                )


@domeinregel(
    "AM313",
    "status-overlap",
    F,
    "Een orgaan heeft op dezelfde dag twee statussen.",
    "Een lijst statussen beschrijft de geschiedenis: elke status heeft een eigen periode. "
    "Sluit de oude status af de dag voordat de nieuwe begint.",
    _KOP + _SOORT + "organen:\n  pho:\n    naam: PHO\n    soort: overleg\n    status:\n"
    "      - {waarde: in-overweging}\n      - {waarde: actief, vanaf: 2026-01-01}\n",
    _KOP + _SOORT + "organen:\n  pho:\n    naam: PHO\n    soort: overleg\n    status:\n"
    "      - {waarde: in-overweging, tot-en-met: 2025-12-31}\n"
    "      - {waarde: actief, vanaf: 2026-01-01}\n",
)
def status_overlap(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        op_begin = sorted(orgaan.status, key=lambda s: _datum(s.vanaf, date.min))
        langst: StatusPeriode | None = None  # of those seen, the one that ends last
        for later in op_begin:
            if langst is not None and overlapt(langst, later):
                yield meld(
                    "AM313",
                    later.plek,
                    f"'{orgaan.id}' is tegelijk '{langst.waarde}' en '{later.waarde}'; "
                    "geef de statussen perioden die elkaar niet overlappen.",
                )
            if langst is None or _datum(later.tot_en_met, date.max) > _datum(
                langst.tot_en_met, date.max
            ):
                langst = later


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
    "AM315",
    "bron-ontbreekt",
    W,
    "Een orgaan noemt geen bron.",
    "Elk feit in het bestand hoort een bron te hebben, zodat een lezer het kan nagaan. De bron "
    "van een orgaan geldt voor al zijn gegevens, tenzij een onderdeel een eigen bron noemt.",
    _KOP + _SOORT + "bronnen:\n  tekst:\n    titel: Brontekst\n"
    "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n"
    "  ander:\n    naam: Ander\n    soort: overleg\n    bron: tekst\n",
    _KOP + _SOORT + "bronnen:\n  tekst:\n    titel: Brontekst\n"
    "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    bron: tekst\n",
)
def bron_ontbreekt(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        if not orgaan.bron:
            yield meld(
                "AM315",
                orgaan.plek,
                f"Orgaan '{orgaan.id}' noemt geen bron; voeg 'bron:' toe met het id van een bron.",
            )


@domeinregel(
    "AM316",
    "bron-ongebruikt",
    W,
    "Een bron wordt nergens gebruikt.",
    "Een bron die niets onderbouwt is meestal een overblijfsel of een vergeten verwijzing.",
    _KOP + "bronnen:\n  tekst:\n    titel: Brontekst\n",
    _KOP + "bronnen:\n  tekst:\n    titel: Brontekst\ngemeenten:\n  diemen:\n"
    "    naam: Diemen\n    bron: tekst\n",
)
def bron_ongebruikt(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    gebruikt = {v.id for v in org.verwijzingen if v.naar == "bronnen"}
    for bron in org.bronnen.values():
        if bron.id not in gebruikt:
            yield meld(
                "AM316",
                org.id_plekken[("bronnen", bron.id)],
                f"De bron '{bron.id}' wordt nergens gebruikt; verwijs ernaar of verwijder haar.",
            )


@domeinregel(
    "AM317",
    "tegenstrijdigheid-een-uitspraak",
    W,
    "Een tegenstrijdigheid heeft minder dan twee uitspraken.",
    "Een tegenstrijdigheid legt vast dat bronnen elkaar tegenspreken, met elke uitspraak en "
    "haar bron; met één uitspraak is er niets tegenstrijdigs vastgelegd.",
    _KOP + "bronnen:\n  tekst:\n    titel: Brontekst\ntegenstrijdigheden:\n  aantal:\n"
    "    onderwerp: Hoeveel?\n    uitspraken:\n      - {tekst: Vier., bron: tekst}\n",
    _KOP + "bronnen:\n  tekst:\n    titel: Brontekst\ntegenstrijdigheden:\n  aantal:\n"
    "    onderwerp: Hoeveel?\n    uitspraken:\n      - {tekst: Vier., bron: tekst}\n"
    "      - {tekst: Drie., bron: tekst}\n",
)
def tegenstrijdigheid_een_uitspraak(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for t in org.tegenstrijdigheden.values():
        if len(t.uitspraken) < 2:
            yield meld(
                "AM317",
                t.plek,
                f"Tegenstrijdigheid '{t.id}' heeft {len(t.uitspraken)} uitspraak; leg beide "
                "uitspraken vast, elk met haar bron.",
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
    "AM319",
    "ambtshalve-aantal-onbepaald",
    F,
    "Een ambtshalve zetel met 'aantal' laat open wie van de bekleders erin zit.",
    "Ambtshalve betekent: wie de functie bekleedt, zit erin. Dat is alleen eenduidig als "
    "'aantal' de functie helemaal dekt (1 burgemeester per gemeente, 'zetels: 1'). 'aantal: 1' "
    "voor wethouders zegt niet welke wethouder: kies dan 'wijze: benoemd' en noem het lid, of "
    "laat 'aantal' weg (alle wethouders).",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, aantal: 1}\n",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, aantal: 1, wijze: benoemd}\n",
)
def ambtshalve_aantal_onbepaald(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for r in orgaan.samenstelling:
            zetels = org.functies[r.functie].zetels
            if (
                r.wijze == "ambtshalve"
                and r.aantal is not None
                and (zetels is None or zetels > r.aantal)
            ):
                yield meld(
                    "AM319",
                    r.plekken.get("aantal", r.plek),
                    f"De samenstelling van '{orgaan.id}' neemt ambtshalve {r.aantal} x "
                    f"'{r.functie}', maar die functie heeft "
                    f"{'een onbepaald aantal' if zetels is None else zetels} zetel(s), dus "
                    "is niet duidelijk wie; gebruik 'wijze: benoemd' of laat 'aantal' weg.",
                )


# --- limits (AM39x) ---------------------------------------------------------------------------
# Every query expands the composition rules into seats, AM303 weighs each named member against
# the rules for its post, and the tree and the figure follow 'onderdeel-van' down. A small file
# can ask for a billion seats ('aantal: 1000000000'), thousands of rules for one post or a
# chain of thousands of levels; these rules keep every answer to a size in proportion to the
# file, that amctl computes in a moment. Real files (and the national-scale benchmark) stay
# far below them.

ZETELS_PER_ONDERDEEL = 10
MIN_ZETELS = 10_000
MAX_REGELS_PER_FUNCTIE = 100
MAX_ONDERDEEL_DIEPTE = 16


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _zetels_hoogstens(org: Organisatie, orgaan: Orgaan, bekleders: Counter) -> int:
    """At least as many seats as the body has on any date (amctl.vragen.zetels_op): each rule
    gives 'aantal' per gemeente, or one per holder or named member plus an open one."""
    leden = Counter((lid.functie, lid.gemeente) for lid in orgaan.leden)
    leden_per_functie = Counter(lid.functie for lid in orgaan.leden)
    totaal = 0
    for r in orgaan.samenstelling:
        if not org.functies[r.functie].per_gemeente:
            plekken: list[str | None] | None = [None]
        else:
            plekken = None if r.gemeenten is None else list(r.gemeenten)
        aantal_plekken = len(org.gemeenten) if plekken is None else len(plekken)
        if r.aantal is not None:
            totaal += aantal_plekken * r.aantal
            continue
        if r.wijze == "ambtshalve":
            per_plek, alle = bekleders, bekleders[r.functie]
        else:
            per_plek, alle = leden, leden_per_functie[r.functie]
            aantal_plekken = 1
        gevuld = alle if plekken is None else sum(per_plek[(r.functie, g)] for g in plekken)
        totaal += aantal_plekken + gevuld
    return totaal


def _omvang(org: Organisatie) -> int:
    """How many things the file describes: every entry of every section, every holding of a
    post, and every item of every list of a body."""
    omvang = sum(len(getattr(org, sectie)) for sectie in SECTIES)
    omvang += sum(len(p.functies) for p in org.personen.values())
    for o in org.organen.values():
        omvang += sum(
            len(deel)
            for deel in (o.status, o.samenstelling, o.leden, o.voorzitter, o.ondersteuning)
        )
        omvang += len(o.relaties) + len(o.vergaderritme)
    return omvang


@domeinregel(
    "AM390",
    "te-veel-zetels",
    F,
    "De samenstellingen geven veel meer zetels dan het bestand groot is.",
    "Elke vraag rekent de samenstelling uit tot zetels: 'aantal' per gemeente, of een zetel "
    "per bekleder. amctl werkt met hoogstens tien zetels per onderdeel van het bestand "
    f"(gemeente, orgaan, persoon, bezetting, regel, ...), en altijd met {_getal(MIN_ZETELS)}: "
    "meer zou een antwoord onleesbaar lang maken en lang laten duren. Een echt bestand blijft "
    "daar ver onder; meestal is het een tikfout in 'aantal'.",
    _BASIS + "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n"
    "    samenstelling:\n      - {functie: raadslid, wijze: benoemd, aantal: 20000}\n",
    _BASIS + "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n"
    "    samenstelling:\n      - {functie: raadslid, wijze: benoemd, aantal: 2}\n",
)
def te_veel_zetels(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    bekleders: Counter = Counter()
    for b in org.bezettingen():
        bekleders[(b.functie, b.gemeente)] += 1
        bekleders[b.functie] += 1
    per_orgaan = [(_zetels_hoogstens(org, o, bekleders), o) for o in org.organen.values()]
    totaal = sum(n for n, _ in per_orgaan)
    grens = max(MIN_ZETELS, ZETELS_PER_ONDERDEEL * _omvang(org))
    if totaal <= grens:
        return
    n, grootste = max(per_orgaan, key=lambda paar: paar[0])
    yield meld(
        "AM390",
        grootste.plekken.get("samenstelling", grootste.plek),
        f"De samenstellingen geven samen tot {_getal(totaal)} zetels, de meeste in "
        f"'{grootste.id}' ({_getal(n)}); voor een bestand van deze omvang werkt amctl met "
        f"hoogstens {_getal(grens)}. Verlaag 'aantal' of verdeel de zetels over minder regels.",
    )


def _te_veel_regels(orgaan: Orgaan) -> set[str]:
    """The posts for which the body has more composition rules than AM392 allows."""
    per_functie = Counter(r.functie for r in orgaan.samenstelling)
    return {f for f, n in per_functie.items() if n > MAX_REGELS_PER_FUNCTIE}


@domeinregel(
    "AM392",
    "te-veel-regels-voor-een-functie",
    F,
    f"Een orgaan heeft meer dan {MAX_REGELS_PER_FUNCTIE} samenstellingsregels voor één functie.",
    "Een samenstelling noemt een functie een paar keer (per gemeente, of met een nieuw aantal "
    f"vanaf een datum); meer dan {MAX_REGELS_PER_FUNCTIE} regels voor dezelfde functie is een "
    "vergissing, en elk lid bij naam zou met elk van die regels vergeleken moeten worden "
    "(AM303). Voeg de regels samen: zonder 'gemeenten' geldt een regel voor alle gemeenten.",
    _BASIS
    + "organen:\n  raad:\n    naam: Raad\n    soort: overleg\n    samenstelling:\n"
    + "      - {functie: raadslid, wijze: benoemd, aantal: 1}\n" * (MAX_REGELS_PER_FUNCTIE + 1),
    _BASIS
    + "organen:\n  raad:\n    naam: Raad\n    soort: overleg\n    samenstelling:\n"
    + "      - {functie: raadslid, wijze: benoemd, aantal: 1}\n",
)
def te_veel_regels_voor_een_functie(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for functie in sorted(_te_veel_regels(orgaan)):
            aantal = sum(r.functie == functie for r in orgaan.samenstelling)
            yield meld(
                "AM392",
                orgaan.plekken.get("samenstelling", orgaan.plek),
                f"'{orgaan.id}' heeft {aantal} samenstellingsregels voor '{functie}'; amctl "
                f"neemt er hoogstens {MAX_REGELS_PER_FUNCTIE}. Voeg ze samen.",
            )


def _keten(n: int) -> str:
    organen = "".join(
        f"  o{i}:\n    naam: O{i}\n    soort: overleg\n    onderdeel-van: o{i - 1}\n"
        for i in range(1, n)
    )
    return _KOP + _SOORT + "organen:\n  o0:\n    naam: O0\n    soort: overleg\n" + organen


@domeinregel(
    "AM391",
    "onderdeel-van-te-diep",
    F,
    f"Een orgaan ligt meer dan {MAX_ONDERDEEL_DIEPTE} niveaus diep onder 'onderdeel-van'.",
    "'onderdeel-van' beschrijft een boom die in werkelijkheid een paar niveaus diep is "
    "(samenwerkingsverband, overleg, werkgroep). Een keten van meer dan "
    f"{MAX_ONDERDEEL_DIEPTE} niveaus is een vergissing, en 'amctl tree' zou er onleesbaar van "
    "worden.",
    _keten(MAX_ONDERDEEL_DIEPTE + 2),
    _keten(MAX_ONDERDEEL_DIEPTE + 1),
)
def onderdeel_van_te_diep(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    diepte: dict[str, int] = {}  # levels below the top of its tree; 0 for a top
    for start in org.organen:
        pad: list[str] = []
        op_pad: set[str] = set()
        huidig: str | None = start
        while huidig is not None and huidig not in diepte and huidig in org.organen:
            if huidig in op_pad:  # a cycle: AM307 reports it
                diepte.update(dict.fromkeys(pad, 0))
                break
            pad.append(huidig)
            op_pad.add(huidig)
            huidig = org.organen[huidig].onderdeel_van
        boven = -1 if huidig is None or huidig not in diepte else diepte[huidig]
        for orgaan_id in reversed(pad):
            if orgaan_id in diepte:
                break
            boven += 1
            diepte[orgaan_id] = boven
    for orgaan in org.organen.values():
        if diepte[orgaan.id] == MAX_ONDERDEEL_DIEPTE + 1:
            yield meld(
                "AM391",
                orgaan.plekken.get("onderdeel-van", orgaan.plek),
                f"'{orgaan.id}' ligt {MAX_ONDERDEEL_DIEPTE + 1} niveaus diep onder "
                f"'onderdeel-van'; amctl toont hoogstens {MAX_ONDERDEEL_DIEPTE}. Maak de "
                "structuur vlakker.",
            )


# --- meetings and rotations (AM320-AM328) ----------------------------------------------------
# 'Steeds in een andere gemeente' is read two ways, with two codes: the same gemeente twice in
# a row goes against the words themselves (AM321, fout); hosting again before every other
# gemeente had its turn goes against the rotation they describe (AM322, waarschuwing: the text
# names no order). A rotating chair is a rotation by its very name, so there a second turn
# before everyone had one is a fout (AM324).

_DRIE_GEMEENTEN = (
    "bronnen:\n  verslag:\n    titel: Verslagen\n"
    "gemeenten:\n  aalsmeer:\n    naam: Aalsmeer\n  diemen:\n    naam: Diemen\n"
    "  uithoorn:\n    naam: Uithoorn\n"
)
_PLENAIR = (
    _KOP
    + _SOORT
    + _DRIE_GEMEENTEN
    + "functies:\n  burgemeester:\n    naam: burgemeester\n    per-gemeente: true\n"
    "    zetels: 1\n"
    "organen:\n  plenair:\n    naam: Plenair\n    soort: overleg\n    bron: verslag\n"
    "    samenstelling:\n"
    "      - {functie: burgemeester, aantal: 1}\n"
    "    vergaderritme:\n      - {per-jaar: 2, locatie: wisselend}\n    vergaderingen:\n"
)
_SECRETARISSEN = (
    _KOP
    + _SOORT
    + _DRIE_GEMEENTEN
    + "functies:\n  gemeentesecretaris:\n    naam: gemeentesecretaris\n    per-gemeente: true\n"
    "    zetels: 1\n"
    "organen:\n  secretarissen:\n    naam: Secretarissen\n    soort: overleg\n"
    "    bron: verslag\n"
    "    samenstelling:\n      - {functie: gemeentesecretaris, aantal: 1}\n    voorzitter:\n"
    "      - {roulerend: true, termijn: 12}\n"
)


def _met_vergaderingen(*vergaderingen: str) -> str:
    """The example body with these meetings, each 'JJJJ-MM-DD gemeente' or only a date."""
    regels = []
    for vergadering in vergaderingen:
        datum, *gemeente = vergadering.split()
        waar = f", gemeente: {gemeente[0]}" if gemeente else ""
        regels.append(f"      - {{datum: {datum}{waar}}}\n")
    return _PLENAIR + "".join(regels)


def _met_beurten(*beurten: str) -> str:
    """The example body with these chair turns, each 'gemeente vanaf tot-en-met'."""
    regels = []
    for beurt in beurten:
        gemeente, vanaf, tot = beurt.split()
        regels.append(
            f"      - {{functie: gemeentesecretaris, gemeente: {gemeente}, vanaf: {vanaf}, "
            f"tot-en-met: {tot}}}\n"
        )
    return _SECRETARISSEN + "".join(regels)


def _was(gemeenten: list[str]) -> str:
    return "was" if len(gemeenten) == 1 else "waren"


def _namen(org: Organisatie, gemeenten: Iterable[str]) -> str:
    namen = [org.gemeenten[g].naam for g in gemeenten]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


@domeinregel(
    "AM320",
    "vergaderfrequentie",
    W,
    "In een heel jaar zijn meer of minder vergaderingen vastgelegd dan het vergaderritme zegt.",
    "Een jaar telt mee als er vergaderingen vóór en na vastgelegd zijn, zodat het hele jaar in "
    "de vastlegging valt, en als een vergaderritme met 'per-jaar' het hele jaar geldt. Gelden "
    "er meer ritmes tegelijk, omdat de bronnen elkaar tegenspreken, dan is elk ervan goed. "
    "Meestal is een vergadering niet vastgelegd; soms klopt het ritme niet meer.",
    _met_vergaderingen("2023-10-12 aalsmeer", "2024-03-14 diemen", "2025-03-13 uithoorn"),
    _met_vergaderingen(
        "2023-10-12 aalsmeer", "2024-03-14 diemen", "2024-10-10 uithoorn", "2025-03-13 aalsmeer"
    ),
)
def vergaderfrequentie(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        lijst = vergaderingen(orgaan)
        if len(lijst) < 2:
            continue
        per_jaar = Counter(v.datum.year for v in lijst)
        for jaar in range(lijst[0].datum.year + 1, lijst[-1].datum.year):
            begin, eind = date(jaar, 1, 1), date(jaar, 12, 31)
            if not (geldig_op(orgaan, begin) and geldig_op(orgaan, eind)):
                continue
            verwacht = sorted(
                {
                    r.per_jaar
                    for r in orgaan.vergaderritme
                    if r.per_jaar and geldig_op(r, begin) and geldig_op(r, eind)
                }
            )
            if not verwacht or per_jaar[jaar] in verwacht:
                continue
            plek = next(v.plek for v in lijst if v.datum.year >= jaar)
            yield meld(
                "AM320",
                plek,
                f"In {jaar} {'is' if per_jaar[jaar] == 1 else 'zijn'} {per_jaar[jaar]} "
                f"vergadering{'' if per_jaar[jaar] == 1 else 'en'} van '{orgaan.id}' vastgelegd, "
                f"maar het vergaderritme zegt {' of '.join(map(str, verwacht))} per jaar; vul "
                "de vastlegging aan of werk het ritme bij.",
            )


@domeinregel(
    "AM321",
    "zelfde-gemeente-na-elkaar",
    F,
    "Een orgaan dat 'steeds in een andere gemeente' vergadert, vergadert twee keer na elkaar "
    "in dezelfde gemeente.",
    "Met 'locatie: wisselend' in het vergaderritme staat vast dat het overleg steeds in een "
    "andere gemeente plaatsvindt. Twee vergaderingen na elkaar in dezelfde gemeente spreken "
    "dat letterlijk tegen; meestal is de gemeente of de datum verkeerd overgenomen.",
    _met_vergaderingen("2024-03-14 aalsmeer", "2024-10-10 aalsmeer"),
    _met_vergaderingen("2024-03-14 aalsmeer", "2024-10-10 diemen"),
)
def zelfde_gemeente_na_elkaar(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        lijst = vergaderingen(orgaan)
        for vorige, v in pairwise(lijst):
            if (
                v.gemeente is not None
                and v.gemeente == vorige.gemeente
                and wisselt_van_plaats(orgaan, v.datum)
                and len(deelnemers(org, orgaan, v.datum)) > 1
            ):
                yield meld(
                    "AM321",
                    v.plekken.get("gemeente", v.plek),
                    f"'{orgaan.id}' vergadert op {v.datum} weer in '{v.gemeente}', net als op "
                    f"{vorige.datum}, maar het vergaderritme zegt: steeds in een andere "
                    "gemeente; verbeter de gemeente of de datum.",
                )


@domeinregel(
    "AM322",
    "gastheer-voor-zijn-beurt",
    W,
    "Een gemeente is opnieuw gastheer voordat elke andere gemeente sindsdien aan de beurt was.",
    "'Steeds in een andere gemeente' beschrijft een rondgang: elke deelnemende gemeente is één "
    "keer gastheer voordat een gemeente het opnieuw is. De brontekst noemt geen volgorde, "
    "daarom is dit een waarschuwing; 'amctl rooster' plant de rondgang eerlijk. Gemeenten die "
    "bij een van beide vergaderingen niet deelnamen, tellen niet mee; een vergadering zonder "
    "gemeente ertussen maakt de vergelijking onmogelijk.",
    _met_vergaderingen("2024-03-14 aalsmeer", "2024-10-10 diemen", "2025-03-13 aalsmeer"),
    _met_vergaderingen(
        "2024-03-14 aalsmeer", "2024-10-10 diemen", "2025-03-13 uithoorn", "2025-10-09 aalsmeer"
    ),
)
def gastheer_voor_zijn_beurt(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        lijst = vergaderingen(orgaan)
        gastheren = [(v.gemeente, v.datum) for v in lijst]
        for i, j, wachtend in _voor_de_beurt(org, orgaan, gastheren):
            v = lijst[j]
            if j == i + 1 or not wisselt_van_plaats(orgaan, v.datum):
                continue  # twice in a row is AM321
            yield meld(
                "AM322",
                v.plekken.get("gemeente", v.plek),
                f"'{v.gemeente}' is op {v.datum} opnieuw gastheer van '{orgaan.id}' (vorige "
                f"keer {lijst[i].datum}), terwijl {_namen(org, wachtend)} sindsdien nog niet "
                f"aan de beurt {_was(wachtend)}; 'steeds in een andere gemeente' vraagt eerst "
                "een beurt voor elke gemeente.",
            )


def _voor_de_beurt(
    org: Organisatie, orgaan: Orgaan, reeks: list[tuple[str | None, date]]
) -> Iterator[tuple[int, int, list[str]]]:
    """(i, j, waiting) for each turn j whose gemeente (None: unknown) had turn i before, while
    the gemeenten `waiting`, taking part on both dates, had none since. Per turn only the
    participants are looked at, so it stays linear in the number of turns."""
    laatst: dict[str, int] = {}
    onbekend = -1  # the last turn whose gemeente is not known
    for j, (gemeente, dag) in enumerate(reeks):
        if gemeente is None:
            onbekend = j
            continue
        i = laatst.get(gemeente)
        laatst[gemeente] = j
        if i is None or onbekend > i:
            continue
        toen = set(deelnemers(org, orgaan, reeks[i][1]))
        wachtend = [
            h
            for h in deelnemers(org, orgaan, dag)
            if h != gemeente and h in toen and laatst.get(h, -1) <= i
        ]
        if wachtend:
            yield i, j, wachtend


@domeinregel(
    "AM323",
    "vergadering-zonder-deelnemende-gemeente",
    W,
    "Een vergadering van een orgaan dat van gemeente wisselt, noemt geen gemeente, of een "
    "gemeente die toen niet deelnam.",
    "Bij 'locatie: wisselend' is de gemeente van elke vergadering nodig om de beurten te "
    "controleren (AM321, AM322) en eerlijk te plannen ('amctl rooster'). De rondgang gaat "
    "langs de gemeenten die op die datum deelnemen.",
    _met_vergaderingen("2024-03-14"),
    _met_vergaderingen("2024-03-14 aalsmeer"),
)
def vergadering_zonder_deelnemende_gemeente(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for v in orgaan.vergaderingen:
            if not wisselt_van_plaats(orgaan, v.datum):
                continue
            if v.gemeente is None:
                yield meld(
                    "AM323",
                    v.plek,
                    f"De vergadering van '{orgaan.id}' op {v.datum} noemt geen gemeente, terwijl "
                    "het orgaan steeds in een andere gemeente vergadert; vul 'gemeente' in.",
                )
            elif v.gemeente not in deelnemers(org, orgaan, v.datum):
                yield meld(
                    "AM323",
                    v.plekken.get("gemeente", v.plek),
                    f"'{v.gemeente}' nam op {v.datum} niet deel aan '{orgaan.id}', maar is "
                    "gastheer van de vergadering; controleer de gemeente of de datum.",
                )


@domeinregel(
    "AM324",
    "voorzitter-voor-zijn-beurt",
    F,
    "Bij een roulerend voorzitterschap is een gemeente opnieuw voorzitter voordat elke andere "
    "gemeente sindsdien aan de beurt was.",
    "Roulerend betekent: iedereen om de beurt. De beurten zijn de voorzitters met een periode "
    "onder 'roulerend: true', elk namens een gemeente. Een tweede beurt voordat elke "
    "deelnemende gemeente er één had, is een fout; 'amctl rooster' plant de volgende beurten "
    "eerlijk. Gemeenten die bij een van beide beurten niet deelnamen, tellen niet mee.",
    _met_beurten(
        "aalsmeer 2022-01-01 2022-12-31",
        "diemen 2023-01-01 2023-12-31",
        "aalsmeer 2024-01-01 2024-12-31",
    ),
    _met_beurten(
        "aalsmeer 2022-01-01 2022-12-31",
        "diemen 2023-01-01 2023-12-31",
        "uithoorn 2024-01-01 2024-12-31",
        "aalsmeer 2025-01-01 2025-12-31",
    ),
)
def voorzitter_voor_zijn_beurt(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        lijst = beurten(org, orgaan)
        reeks = [(b.gemeente, b.vanaf or b.tot_en_met or date.min) for b in lijst]
        for i, j, wachtend in _voor_de_beurt(org, orgaan, reeks):
            yield meld(
                "AM324",
                lijst[j].voorzitter.plek,
                f"'{lijst[j].gemeente}' is vanaf {_tekst(lijst[j].vanaf)} opnieuw voorzitter "
                f"van '{orgaan.id}' (vorige beurt vanaf {_tekst(lijst[i].vanaf)}), terwijl "
                f"{_namen(org, wachtend)} sindsdien nog niet aan de beurt {_was(wachtend)}; geef "
                "de beurt aan wie het langst wacht (zie 'amctl rooster').",
            )


@domeinregel(
    "AM325",
    "voorzitterschap-onvolledig",
    W,
    "Het roulerend voorzitterschap is niet sluitend vastgelegd.",
    "Om de rondgang te controleren en te plannen zijn alle beurten nodig: zonder gat tussen "
    "twee beurten, elke beurt namens een gemeente, en bij een vergadering zonder beurt op die "
    "datum de gemeente die voorzat ('voorzitter' bij de vergadering).",
    _met_beurten("aalsmeer 2022-01-01 2022-12-31", "diemen 2024-01-01 2024-12-31"),
    _met_beurten("aalsmeer 2022-01-01 2022-12-31", "diemen 2023-01-01 2023-12-31"),
)
def voorzitterschap_onvolledig(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        if not any(v.roulerend for v in orgaan.voorzitter):
            continue
        lijst = beurten(org, orgaan)
        for vorige, b in pairwise(lijst):
            if vorige.tot_en_met and b.vanaf and (b.vanaf - vorige.tot_en_met).days > 1:
                yield meld(
                    "AM325",
                    b.voorzitter.plek,
                    f"Tussen {vorige.tot_en_met} en {b.vanaf} is geen voorzitter van "
                    f"'{orgaan.id}' vastgelegd; leg de beurt vast die ertussen lag.",
                )
        for b in lijst:
            if b.gemeente is None:
                yield meld(
                    "AM325",
                    b.voorzitter.plek,
                    f"Bij deze voorzittersbeurt van '{orgaan.id}' is niet te zien namens welke "
                    "gemeente die was; noem 'functie' en 'gemeente', of een persoon die lid is "
                    "namens een gemeente.",
                )
        for v in orgaan.vergaderingen:
            if (
                v.voorzitter is None
                and rotatie(orgaan, v.datum) is not None
                and not any(geldig_op(b, v.datum) for b in lijst)
            ):
                yield meld(
                    "AM325",
                    v.plek,
                    f"De vergadering van '{orgaan.id}' op {v.datum} noemt geen voorzitter en "
                    "er is geen voorzittersbeurt voor die datum; vul 'voorzitter' in (de "
                    "gemeente) of leg de beurt vast.",
                )


@domeinregel(
    "AM326",
    "dubbele-vergadering",
    W,
    "Een orgaan heeft twee vergaderingen op dezelfde dag.",
    "Meestal is een vergadering twee keer ingevoerd. Waren het echt twee bijeenkomsten, leg "
    "dat dan uit met een 'toelichting' en voeg ze zo mogelijk samen.",
    _met_vergaderingen("2024-03-14 aalsmeer", "2024-03-14 diemen"),
    _met_vergaderingen("2024-03-14 aalsmeer", "2024-10-10 diemen"),
)
def dubbele_vergadering(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        gezien: set[date] = set()
        for v in orgaan.vergaderingen:
            if v.datum in gezien:
                yield meld(
                    "AM326",
                    v.plekken.get("datum", v.plek),
                    f"'{orgaan.id}' heeft al een vergadering op {v.datum}; verwijder de dubbele "
                    "of verbeter de datum.",
                )
            gezien.add(v.datum)


@domeinregel(
    "AM327",
    "voorzitters-tegelijk",
    F,
    "Een orgaan heeft op dezelfde dag twee voorzitters.",
    "Voorzitters met een periode beschrijven wie wanneer voorzat, ook de beurten van een "
    "roulerend voorzitterschap (dat zelf, 'roulerend: true', telt niet mee). Sluit een beurt "
    "af met 'tot-en-met' de dag voordat de volgende begint.",
    _met_beurten("aalsmeer 2022-01-01 2022-12-31", "diemen 2022-07-01 2023-06-30"),
    _met_beurten("aalsmeer 2022-01-01 2022-06-30", "diemen 2022-07-01 2023-06-30"),
)
def voorzitters_tegelijk(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        vast = [v for v in orgaan.voorzitter if not v.roulerend]
        for v in _overschrijdingen(vast, 1):
            yield meld(
                "AM327",
                v.plek,
                f"'{orgaan.id}' heeft vanaf {_tekst(v.vanaf)} twee voorzitters tegelijk; sluit "
                "de vorige af met 'tot-en-met' de dag voordat deze begint.",
            )


@domeinregel(
    "AM328",
    "termijn-zonder-roulatie",
    F,
    "Een voorzitter heeft een 'termijn' maar rouleert niet.",
    "'termijn' is het aantal maanden van een beurt bij een roulerend voorzitterschap; het "
    "hoort bij 'roulerend: true'. Bij een vaste voorzitter betekent het niets.",
    _SECRETARISSEN.replace(
        "{roulerend: true, termijn: 12}",
        "{functie: gemeentesecretaris, gemeente: aalsmeer, termijn: 12}",
    ),
    _SECRETARISSEN,
)
def termijn_zonder_roulatie(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for v in orgaan.voorzitter:
            if v.termijn is not None and not v.roulerend:
                yield meld(
                    "AM328",
                    v.plekken.get("termijn", v.plek),
                    f"De voorzitter van '{orgaan.id}' heeft 'termijn: {v.termijn}' maar is niet "
                    "roulerend; voeg 'roulerend: true' toe of haal 'termijn' weg.",
                )


@domeinregel(
    "AM329",
    "rol-voorzitter-voorbehouden",
    F,
    "Een samenstellingsregel of lid geeft zichzelf de rol 'voorzitter'.",
    "Wie voorzit staat onder 'voorzitter:'; amctl geeft die zetel zelf de rol 'voorzitter'. "
    "Een regel of lid met 'rol: voorzitter' zou een tweede, tegenstrijdige voorzitter "
    "opleveren: wie-zit-in zou de verkeerde persoon als voorzitter kunnen tonen.",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: burgemeester, aantal: 1, rol: voorzitter}\n",
    _BASIS + "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: burgemeester, aantal: 1}\n"
    "    voorzitter: {functie: burgemeester, gemeente: diemen}\n",
)
def rol_voorzitter_voorbehouden(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for item in (*orgaan.samenstelling, *orgaan.leden):
            if (item.rol or "").strip().casefold() == "voorzitter":
                yield meld(
                    "AM329",
                    item.plekken.get("rol", item.plek),
                    f"'rol: voorzitter' in '{orgaan.id}' is voorbehouden; leg de voorzitter vast "
                    "onder 'voorzitter:' en haal deze rol weg.",
                )
