"""Domain rules on meetings, rhythms and rotating chairs (AM320-AM328)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import pairwise

from amctl.model import (
    Orgaan,
    Organisatie,
    geldig_op,
)
from amctl.probleem import Probleem
from amctl.regels import Melder, domeinregel
from amctl.regels.domein._gedeeld import _KOP, _SOORT, F, W, _overschrijdingen, _tekst
from amctl.roulatie import beurten, deelnemers, rotatie, vergaderingen, wisselt_van_plaats
from amctl.tekst import opsomming

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
            f"      - {{functie: gemeentesecretaris, gemeente: {gemeente},\n"
            f"         vanaf: {vanaf}, tot-en-met: {tot}}}\n"
        )
    return _SECRETARISSEN + "".join(regels)


def _was(gemeenten: list[str]) -> str:
    return "was" if len(gemeenten) == 1 else "waren"


def _namen(org: Organisatie, gemeenten: Iterable[str]) -> str:
    return opsomming([org.gemeenten[g].naam for g in gemeenten])


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
