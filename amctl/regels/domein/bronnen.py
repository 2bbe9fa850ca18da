"""Domain rules on sources and contradictions."""

from __future__ import annotations

from collections.abc import Iterator

from amctl.model import Organisatie
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
