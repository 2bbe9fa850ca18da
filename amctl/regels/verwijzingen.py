"""Reference layer: every id the schema layer recorded exists; ids are unique across sections."""

from __future__ import annotations

from collections.abc import Iterator

from amctl.model import FUNCTIES, GEMEENTEN, ORGANEN, PERSONEN, Organisatie
from amctl.probleem import Probleem
from amctl.regels import Melder
from amctl.tekst import suggestie

_WAT = {
    GEMEENTEN: "gemeente",
    FUNCTIES: "functie",
    ORGANEN: "orgaan",
    PERSONEN: "persoon",
    "bronnen": "bron",
    "soorten": "soort",
    "portefeuilles": "portefeuille",
}
_HET_WOORDEN = {"orgaan"}  # 'onbekend orgaan', but 'onbekende gemeente'
_GEDEELDE_NAAMRUIMTE = (GEMEENTEN, FUNCTIES, ORGANEN, PERSONEN)


# Looking for a suggestion compares with every id of the section; past this many unknown ids,
# or this many comparisons in all, a huge broken file would take minutes, so the rest are
# reported without one.
MAX_SUGGESTIES = 100
MAX_VERGELIJKINGEN = 200_000


def controleer_verwijzingen(organisatie: Organisatie) -> Iterator[Probleem]:
    meld = Melder(organisatie.bestand)
    tips: dict[tuple[str, str], str | None] = {}
    vergeleken = 0
    for verwijzing in organisatie.verwijzingen:
        bestaand = getattr(organisatie, verwijzing.naar)
        if verwijzing.id in bestaand:
            continue
        sleutel = (verwijzing.naar, verwijzing.id)
        if sleutel not in tips:
            zoeken = len(tips) < MAX_SUGGESTIES and vergeleken + len(bestaand) <= MAX_VERGELIJKINGEN
            tips[sleutel] = suggestie(verwijzing.id, bestaand) if zoeken else None
            vergeleken += len(bestaand) if zoeken else 0
        tip = tips[sleutel]
        wat = _WAT[verwijzing.naar]
        hint = (
            f" Bedoelde u '{tip}'?"
            if tip
            else f" Voeg {wat} '{verwijzing.id}' toe onder '{verwijzing.naar}'."
        )
        onbekend = "Onbekend" if wat in _HET_WOORDEN else "Onbekende"
        yield meld("AM201", verwijzing.plek, f"{onbekend} {wat} '{verwijzing.id}'.{hint}")

    eerder: dict[str, str] = {}
    for sectie in _GEDEELDE_NAAMRUIMTE:
        for id_ in getattr(organisatie, sectie):
            if id_ in eerder:
                yield meld(
                    "AM202",
                    organisatie.id_plekken[(sectie, id_)],
                    f"Het id '{id_}' bestaat al als {_WAT[eerder[id_]]}; kies een ander id "
                    f"voor deze {_WAT[sectie]}.",
                )
            else:
                eerder[id_] = sectie
