"""Domain rules on sources and contradictions, and on how a fact is known (provenance)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from amctl.model import NIET_IN_BRON, Organisatie
from amctl.probleem import Probleem
from amctl.regels import Melder, domeinregel
from amctl.regels.domein._gedeeld import _KOP, _SOORT, W


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


# --- provenance (AM350-AM351) -----------------------------------------------------------------
# A fact says how it is known with `aard` (docs/formaat.md, "Herkomst"). What no source says
# (derived, assumed) must say what it rests on; what the file quotes must be in the source.


def _feiten(org: Organisatie) -> Iterator[tuple[Any, str]]:
    """Every fact that can carry an `aard`, with words for it."""
    for g in org.gemeenten.values():
        yield g, f"gemeente '{g.id}'"
    for s in org.soorten.values():
        yield s, f"soort '{s.id}'"
    for f in org.functies.values():
        yield f, f"functie '{f.id}'"
    for pf in org.portefeuilles.values():
        yield pf, f"portefeuille '{pf.id}'"
    for p in org.personen.values():
        for b in p.functies:
            yield b, f"de functie '{b.functie}' van persoon '{p.id}'"
            for t in b.portefeuilles:
                yield t, f"portefeuille '{t.portefeuille}' van persoon '{p.id}'"
    for o in org.organen.values():
        yield o, f"orgaan '{o.id}'"
        for naam, deel in (
            ("de status", o.status),
            ("een samenstellingsregel", o.samenstelling),
            ("een lid", o.leden),
            ("de voorzitter", o.voorzitter),
            ("de ondersteuning", o.ondersteuning),
            ("een vergaderritme", o.vergaderritme),
            ("een vergadering", o.vergaderingen),
        ):
            for item in deel:
                yield item, f"{naam} van orgaan '{o.id}'"
        for r in o.relaties:
            yield r, f"de relatie '{r.soort}' van orgaan '{o.id}'"


@domeinregel(
    "AM350",
    "buiten-de-bron-zonder-grond",
    W,
    "Een afgeleid of aangenomen feit zegt niet waarop het berust.",
    "Wat 'aard: afgeleid' of 'aard: aangenomen' heeft, staat in geen bron: het is opgemaakt "
    "uit andere feiten, of gekozen bij gebrek aan gegevens. Zo'n feit heeft geen bron om na te "
    "gaan; de lezer moet dan in 'toelichting' kunnen lezen waaruit het is afgeleid, of waarom "
    "deze waarde is aangenomen. (amctl kan niet zien of een feit zonder 'aard' in zijn bron "
    "staat: markeer zelf wat er niet in staat.)",
    _KOP + _SOORT + "bronnen:\n  tekst:\n    titel: Brontekst\norganen:\n  regio:\n"
    "    naam: Regio\n    soort: overleg\n    bron: tekst\n    tot-en-met: 2016-12-31\n"
    "    aard: {tot-en-met: aangenomen}\n",
    _KOP + _SOORT + "bronnen:\n  tekst:\n    titel: Brontekst\norganen:\n  regio:\n"
    "    naam: Regio\n    soort: overleg\n    bron: tekst\n    tot-en-met: 2016-12-31\n"
    "    aard: {tot-en-met: aangenomen}\n"
    "    toelichting: de bron noemt alleen het jaar; de laatste dag is aangenomen\n",
)
def buiten_de_bron_zonder_grond(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for feit, wat in _feiten(org):
        if not feit.aard or feit.toelichting:
            continue
        for sleutel, aard in feit.aard:
            if aard not in NIET_IN_BRON:
                continue
            onderwerp = f"'{sleutel}' van {wat}" if sleutel else wat
            waarom = "waaruit het is afgeleid" if aard == "afgeleid" else "waarom"
            yield meld(
                "AM350",
                getattr(feit, "plekken", {}).get("aard", feit.plek),
                f"{onderwerp[0].upper()}{onderwerp[1:]} is {aard}, maar zegt niet {waarom}; "
                "schrijf het in 'toelichting:'.",
            )
            break


def doorlopend(tekst: str) -> str:
    """Text as one line, for finding a quote in its source: a word broken over two lines
    ('portefeuille-' at a line end, 'houders' on the next) joined again, every run of white
    space one space."""
    return re.sub(r"\s+", " ", re.sub(r"-[ \t]*\r?\n[ \t]*", "", tekst)).strip()


def _lokale_kopie(databestand: str, bestand: str) -> str | None:
    """The text of a source's local copy, named relative to the data file; None when there
    is no such regular file inside the data file's folder (nothing else is read), when it is
    too large, or unreadable. Read through amctl.invoer, which records it for the cache."""
    from amctl.invoer import lees_kopie

    inhoud = lees_kopie(databestand, bestand)
    return None if inhoud is None else doorlopend(inhoud.decode("utf-8", errors="replace"))


_SAMENVATTING = re.compile(r"samenvatting|samengevat", re.IGNORECASE)


@domeinregel(
    "AM351",
    "samenvatting-als-citaat",
    W,
    "Een uitspraak staat als citaat in het bestand, maar is een samenvatting.",
    "Een uitspraak (bij een tegenstrijdigheid, of de titel) is een letterlijk citaat, tenzij "
    "'aard: samengevat' erbij staat; amctl toont haar tussen aanhalingstekens. Twee dingen "
    "verraden een samenvatting: 'plaats' noemt haar zo, of de bron heeft een lokale kopie "
    "('bestand', naast het gegevensbestand) waarin de woorden niet letterlijk staan (een woord "
    "dat over twee regels is afgebroken telt als één woord). Neem de woorden letterlijk over, "
    "of zet 'aard: samengevat'.",
    _KOP + "bronnen:\n  web:\n    titel: Webpagina\ntegenstrijdigheden:\n  ritme:\n"
    "    onderwerp: Hoe vaak?\n    uitspraken:\n      - {tekst: Twee keer per jaar., bron: web}\n"
    "      - tekst: Nu eenmaal per jaar.\n        bron: web\n"
    "        plaats: samenvatting van de pagina\n",
    _KOP + "bronnen:\n  web:\n    titel: Webpagina\ntegenstrijdigheden:\n  ritme:\n"
    "    onderwerp: Hoe vaak?\n    uitspraken:\n      - {tekst: Twee keer per jaar., bron: web}\n"
    "      - tekst: Nu eenmaal per jaar.\n        bron: web\n        aard: samengevat\n",
)
def samenvatting_als_citaat(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    uitspraken = [org.titel] if org.titel else []
    uitspraken += [u for t in org.tegenstrijdigheden.values() for u in t.uitspraken]
    kopieen: dict[str, str | None] = {}
    for u in uitspraken:
        if u.aard != "geciteerd":
            continue
        if u.plaats and _SAMENVATTING.search(u.plaats):
            yield meld(
                "AM351",
                u.plek,
                f"De uitspraak '{_kort(u.tekst)}' is volgens 'plaats' een samenvatting, maar "
                "staat als citaat in het bestand; zet 'aard: samengevat'.",
            )
            continue
        for bron_id in u.bron:
            bestand = org.bronnen[bron_id].bestand
            if bestand is None:
                continue
            if bestand not in kopieen:
                kopieen[bestand] = _lokale_kopie(org.bestand, bestand)
            tekst = kopieen[bestand]
            if tekst is not None and doorlopend(u.tekst) not in tekst:
                yield meld(
                    "AM351",
                    u.plek,
                    f"De uitspraak '{_kort(u.tekst)}' staat als citaat in het bestand, maar niet "
                    f"letterlijk in '{bestand}' (bron '{bron_id}'); neem de woorden letterlijk "
                    "over, of zet 'aard: samengevat'.",
                )
                break


def _kort(tekst: str, lengte: int = 60) -> str:
    tekst = doorlopend(tekst)
    return tekst if len(tekst) <= lengte else tekst[: lengte - 3] + "..."
