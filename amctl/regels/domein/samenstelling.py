"""Domain rules on composition and seats: named members, counts, holders, the chair."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from amctl.model import (
    Gedateerd,
    Organisatie,
    Samenstellingsregel,
    dubbele_portefeuillehouders,
    geldig_op,
    overlapt,
)
from amctl.probleem import Probleem
from amctl.regels import Melder, domeinregel
from amctl.regels.domein._gedeeld import _BASIS, F, W, _datum, _overschrijdingen, _tekst
from amctl.regels.domein.omvang import _te_veel_regels
from amctl.tekst import aantal


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
    "      - {persoon: p-een, functie: raadslid, gemeente: diemen,\n"
    "         tot-en-met: 2025-12-31}\n"
    "      - {persoon: p-twee, functie: raadslid, gemeente: diemen,\n"
    "         vanaf: 2026-01-01}\n",
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
                        f"Met '{lid.persoon}' heeft '{orgaan.id}' meer dan "
                        f"{aantal(regel.aantal, 'lid', 'leden')} als '{regel.functie}'{waar} "
                        "tegelijk; sluit de periode van "
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
    "      - {persoon: p-test, functie: raadslid, gemeente: diemen,\n"
    "         vanaf: 2022-01-01}\n",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - {functie: raadslid, gemeente: diemen, tot-en-met: 2022-03-29}\n"
    "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n    samenstelling:\n"
    "      - {functie: raadslid, wijze: benoemd, aantal: 2}\n    leden:\n"
    "      - {persoon: p-test, functie: raadslid, gemeente: diemen,\n"
    "         vanaf: 2022-01-01, tot-en-met: 2022-03-29}\n",
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
    "    functies:\n      - {functie: burgemeester, gemeente: diemen, tot-en-met: 2026-03-31}\n"
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
                f"'{functie_id}'{van} heeft {aantal(functie.zetels, 'zetel', 'zetels')}, maar "
                f"vanaf {_tekst(b.vanaf)} bekleedt ook '{b.persoon}' de functie; sluit de vorige "
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
                    f"die functie heeft {aantal(zetels, 'zetel', 'zetels')}; verlaag 'aantal'.",
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
                hoeveel = "een onbepaald aantal zetels"
                if zetels is not None:
                    hoeveel = aantal(zetels, "zetel", "zetels")
                yield meld(
                    "AM319",
                    r.plekken.get("aantal", r.plek),
                    f"De samenstelling van '{orgaan.id}' neemt ambtshalve {r.aantal} x "
                    f"'{r.functie}', maar die functie heeft {hoeveel}, dus is niet duidelijk wie; "
                    "gebruik 'wijze: benoemd' of laat 'aantal' weg.",
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


_PORTEFEUILLES = _BASIS + "portefeuilles:\n  wonen:\n    naam: Wonen\n"
_PHO = "organen:\n  pho:\n    naam: PHO Wonen\n    soort: overleg\n    samenstelling:\n"


@domeinregel(
    "AM340",
    "portefeuille-bij-benoemd",
    F,
    "Een samenstellingsregel met 'portefeuille' is 'wijze: benoemd'.",
    "'portefeuille' zegt wie er ambtshalve in zit: de wethouder met die portefeuille, per "
    "gemeente. Bij 'wijze: benoemd' vult een lid bij naam de zetel, en zou de portefeuille "
    "niets betekenen. Laat 'wijze' weg (ambtshalve), of haal 'portefeuille' weg.",
    _PORTEFEUILLES + _PHO + "      - {functie: raadslid, portefeuille: wonen, wijze: benoemd}\n",
    _PORTEFEUILLES + _PHO + "      - {functie: raadslid, portefeuille: wonen}\n",
)
def portefeuille_bij_benoemd(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for r in orgaan.samenstelling:
            if r.portefeuille is not None and r.wijze == "benoemd":
                yield meld(
                    "AM340",
                    r.plekken.get("portefeuille", r.plek),
                    f"De samenstelling van '{orgaan.id}' neemt de portefeuille "
                    f"'{r.portefeuille}' bij naam (wijze: benoemd); een portefeuille zegt wie "
                    "ambtshalve zitting heeft: laat 'wijze: benoemd' weg of haal 'portefeuille' "
                    "weg.",
                )


@domeinregel(
    "AM341",
    "portefeuille-buiten-termijn",
    W,
    "Een portefeuille heeft data buiten de termijn van de functie waar hij bij hoort.",
    "Een portefeuille hoort bij een bezetting: alleen wie de functie bekleedt, heeft hem. "
    "Data van de portefeuille buiten de termijn tellen niet mee (de zetel geldt alleen waar "
    "beide gelden); meestal is een datum verkeerd overgenomen.",
    _PORTEFEUILLES + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - functie: raadslid\n        gemeente: diemen\n        vanaf: 2022-06-01\n"
    "        portefeuilles: [{portefeuille: wonen, vanaf: 2020-01-01}]\n",
    _PORTEFEUILLES + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - functie: raadslid\n        gemeente: diemen\n        vanaf: 2022-06-01\n"
    "        portefeuilles: [{portefeuille: wonen, vanaf: 2024-01-01}]\n",
)
def portefeuille_buiten_termijn(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for persoon in org.personen.values():
        for b in persoon.functies:
            for t in b.portefeuilles:
                begint_eerder = t.vanaf is not None and not geldig_op(b, t.vanaf)
                eindigt_later = t.tot_en_met is not None and not geldig_op(b, t.tot_en_met)
                if (t.vanaf, t.tot_en_met) == (None, None) or not (begint_eerder or eindigt_later):
                    continue
                wanneer = "begint voor" if begint_eerder else "eindigt na"
                yield meld(
                    "AM341",
                    t.plekken.get("vanaf" if begint_eerder else "tot-en-met", t.plek),
                    f"De portefeuille '{t.portefeuille}' van '{persoon.id}' {wanneer} de "
                    f"termijn als {b.functie} ({_tekst(b.vanaf)} t/m {_tekst(b.tot_en_met)}); "
                    "verbeter de datum.",
                )


_WETHOUDER = "  wethouder:\n    naam: wethouder\n    per-gemeente: true\n"


@domeinregel(
    "AM342",
    "twee-portefeuillehouders",
    F,
    "Twee mensen hebben op één dag dezelfde portefeuille in één gemeente.",
    "Een portefeuille heeft per gemeente op elke dag één houder: hij zit daarmee in het "
    "portefeuillehoudersoverleg van dat thema. Gaat de portefeuille over naar een ander, dan "
    "eindigt hij bij de vorige de dag ervoor: 'amctl portefeuille-eraf' (of 'amctl benoem "
    "... -p THEMA', dat het zelf doet), of 'tot-en-met' bij de portefeuille.",
    _PORTEFEUILLES.replace("functies:\n", "functies:\n" + _WETHOUDER) + "personen:\n"
    "  p-oud:\n    naam: P. Oud\n    functies:\n"
    "      - {functie: wethouder, gemeente: diemen, portefeuilles: [wonen]}\n"
    "  p-nieuw:\n    naam: P. Nieuw\n    functies:\n"
    "      - functie: wethouder\n        gemeente: diemen\n        vanaf: 2026-12-01\n"
    "        portefeuilles: [wonen]\n",
    _PORTEFEUILLES.replace("functies:\n", "functies:\n" + _WETHOUDER) + "personen:\n"
    "  p-oud:\n    naam: P. Oud\n    functies:\n"
    "      - functie: wethouder\n        gemeente: diemen\n"
    "        portefeuilles: [{portefeuille: wonen, tot-en-met: 2026-11-30}]\n"
    "  p-nieuw:\n    naam: P. Nieuw\n    functies:\n"
    "      - functie: wethouder\n        gemeente: diemen\n        vanaf: 2026-12-01\n"
    "        portefeuilles: [wonen]\n",
)
def twee_portefeuillehouders(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for portefeuille, gemeente, eerder, later in dubbele_portefeuillehouders(org):
        van = f" van '{gemeente}'" if gemeente else ""
        dag = max(_datum(eerder.begin, date.min), _datum(later.begin, date.min))
        wanneer = f"op {dag}" if dag != date.min else "tegelijk"
        yield meld(
            "AM342",
            later.toedeling.plek,
            f"De portefeuille '{portefeuille}'{van} heeft {wanneer} twee houders: "
            f"'{eerder.persoon}' ({meld.bestand}:{eerder.toedeling.plek.regel}:"
            f"{eerder.toedeling.plek.kolom}) en '{later.persoon}' ({meld.bestand}:"
            f"{later.toedeling.plek.regel}:{later.toedeling.plek.kolom}); beëindig hem bij de "
            f"vorige de dag ervoor met 'amctl portefeuille-eraf {eerder.persoon} "
            f"{portefeuille} -D DATUM' of 'tot-en-met'.",
        )
