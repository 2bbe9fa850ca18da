"""Domain rules (AM3xx). Driven by the data: no rule names a body, a gemeente or a post.

Each rule yields problems and never prints. They run once the file has no schema or
reference errors, so that one typo does not cause a cascade of follow-on messages.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from amctl.model import Gedateerd, Orgaan, Organisatie, StatusPeriode, geldig_op, overlapt
from amctl.probleem import Ernst, Probleem
from amctl.regels import Melder, domeinregel

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


def _past_in_regel(org: Organisatie, orgaan: Orgaan, lid) -> list:
    return [
        r
        for r in orgaan.samenstelling
        if r.functie == lid.functie
        and (r.gemeenten is None or lid.gemeente in r.gemeenten)
        and overlapt(r, lid)
    ]


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
        for lid in orgaan.leden:
            regels = _past_in_regel(org, orgaan, lid)
            if any(r.wijze == "benoemd" for r in regels):
                continue
            if regels:
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
        passend = {id(lid): _past_in_regel(org, orgaan, lid) for lid in orgaan.leden}
        for regel in orgaan.samenstelling:
            if regel.wijze != "benoemd" or regel.aantal is None:
                continue
            per_gemeente = defaultdict(list)
            for lid in orgaan.leden:
                if any(r is regel for r in passend[id(lid)]):
                    per_gemeente[lid.gemeente].append(lid)
            for gemeente, leden in per_gemeente.items():
                for lid in _overschrijdingen(leden, regel.aantal):
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
            if any(a <= begin and eind <= b for a, b in spans):
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
                if not _past_in_regel(org, orgaan, v):
                    yield meld(
                        "AM306",
                        v.plek,
                        f"De voorzitter van '{orgaan.id}' is '{v.functie}', maar die functie "
                        "zit niet in de samenstelling; voeg haar toe of kies een lid.",
                    )
            elif v.persoon is not None:
                if not any(lid.persoon == v.persoon for lid in orgaan.leden):
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
        huidig: str | None = start
        while huidig is not None and huidig not in klaar and huidig in org.organen:
            if huidig in pad:
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
    for orgaan in org.organen.values():
        soort = org.soorten[orgaan.soort]
        if soort.ondersteuning_uit is None or not _is_ooit_actief(orgaan):
            continue
        team = org.organen[soort.ondersteuning_uit]
        functies = {r.functie for r in team.samenstelling if r.wijze == "ambtshalve"}
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


def _grensdatums(*reeksen: Iterable[Gedateerd]) -> set[date]:
    datums = {date.min}
    for reeks in reeksen:
        for item in reeks:
            if item.vanaf:
                datums.add(item.vanaf)
            if item.tot_en_met and item.tot_en_met < date.max:
                datums.add(item.tot_en_met + timedelta(days=1))
    return datums


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
    for orgaan in org.organen.values():
        for r in orgaan.relaties:
            if r.soort != "bereidt-voor":
                continue
            doel = org.organen[r.naar]
            for dag in sorted(_grensdatums(orgaan.status, doel.status, [r, orgaan, doel])):
                if not (geldig_op(r, dag) and geldig_op(orgaan, dag) and geldig_op(doel, dag)):
                    continue
                if orgaan.status_op(dag) == "actief" and doel.status_op(dag) != "actief":
                    yield meld(
                        "AM314",
                        r.plek,
                        f"'{orgaan.id}' is actief en bereidt '{doel.id}' voor, dat dan de status "
                        f"'{doel.status_op(dag)}' heeft; geef '{orgaan.id}' dezelfde status.",
                    )
                    break


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
