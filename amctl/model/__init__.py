"""Typed domain objects, and the single place the file format (schema) lives.

Every class lists its YAML fields in `VELDEN`. `amctl.inlezen` reads a loaded document with
those specs; `amctl schema` turns the same specs into a JSON Schema for editors. This package
imports nothing heavy (no YAML), so a cached model loads without the parser. In it:
`velden.py` the words of the format (Veld, the choices, the namespaces, the dated period),
`objecten.py` the objects with their VELDEN, and here the whole file (`Organisatie`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, NamedTuple

from amctl.model.houders import (
    Portefeuillehouder,
    dubbele_portefeuillehouders,
    portefeuillehouders,
)
from amctl.model.objecten import (
    Bezetting,
    Bron,
    Functie,
    Gemeente,
    Lidmaatschap,
    Ondersteuning,
    Orgaan,
    Persoon,
    Portefeuille,
    Relatie,
    Samenstellingsregel,
    Soort,
    StatusPeriode,
    Tegenstrijdigheid,
    Toedeling,
    Uitspraak,
    Vergadering,
    Vergaderritme,
    Voorzitter,
)
from amctl.model.velden import (
    AARDEN,
    AFGELEIDE_STATUSSEN,
    BRONNEN,
    FUNCTIES,
    GEMEENTEN,
    ID_PATROON,
    NIET_IN_BRON,
    ORGANEN,
    PERSONEN,
    PORTEFEUILLES,
    RELATIESOORTEN,
    SOORTEN,
    STATUSSEN,
    UITSPRAAKAARDEN,
    WIJZEN,
    Aard,
    Gedateerd,
    Veld,
    aard_van,
    geldig_op,
    overlapt,
)
from amctl.probleem import Plek

# The model, as every other module imports it: `from amctl.model import Orgaan, geldig_op`.
__all__ = [
    "AARDEN",
    "AFGELEIDE_STATUSSEN",
    "BRONNEN",
    "FUNCTIES",
    "GEMEENTEN",
    "ID_PATROON",
    "NIET_IN_BRON",
    "ORGANEN",
    "PERSONEN",
    "PORTEFEUILLES",
    "RELATIESOORTEN",
    "SECTIES",
    "SOORTEN",
    "STATUSSEN",
    "TOPVELDEN",
    "UITSPRAAKAARDEN",
    "WIJZEN",
    "Aard",
    "Bezetting",
    "Bron",
    "Functie",
    "Gedateerd",
    "Gemeente",
    "Lidmaatschap",
    "Ondersteuning",
    "Orgaan",
    "Organisatie",
    "Persoon",
    "Portefeuille",
    "Portefeuillehouder",
    "Relatie",
    "Samenstellingsregel",
    "Soort",
    "StatusPeriode",
    "Tegenstrijdigheid",
    "Toedeling",
    "Uitspraak",
    "Veld",
    "Vergadering",
    "Vergaderritme",
    "Verwijzing",
    "Voorzitter",
    "aard_van",
    "dubbele_portefeuillehouders",
    "geldig_op",
    "overlapt",
    "portefeuillehouders",
]

SECTIES: dict[str, Any] = {
    BRONNEN: Bron,
    GEMEENTEN: Gemeente,
    SOORTEN: Soort,
    FUNCTIES: Functie,
    PORTEFEUILLES: Portefeuille,
    PERSONEN: Persoon,
    ORGANEN: Orgaan,
    "tegenstrijdigheden": Tegenstrijdigheid,
}
TOPVELDEN = ("versie", "titel", *SECTIES)


class Verwijzing(NamedTuple):
    """An id used somewhere, to be checked against its namespace."""

    naar: str  # namespace
    id: str
    plek: Plek


class Organisatie:
    """The whole file as typed objects, each section a dict from id to object."""

    def __init__(self, bestand: str) -> None:
        self.bestand = bestand
        self.versie: int | None = None
        self.titel: Uitspraak | None = None
        self.bronnen: dict[str, Bron] = {}
        self.gemeenten: dict[str, Gemeente] = {}
        self.soorten: dict[str, Soort] = {}
        self.functies: dict[str, Functie] = {}
        self.portefeuilles: dict[str, Portefeuille] = {}
        self.personen: dict[str, Persoon] = {}
        self.organen: dict[str, Orgaan] = {}
        self.tegenstrijdigheden: dict[str, Tegenstrijdigheid] = {}
        self.verwijzingen: list[Verwijzing] = []
        self.id_plekken: dict[tuple[str, str], Plek] = {}
        self._bekleders: dict[tuple[str, str | None], list[Bezetting]] | None = None
        self._indexen: dict[str, Mapping[str, Any]] = {}

    def met_personen(self, personen: dict[str, Persoon]) -> Organisatie:
        """The same file with other people in it (what an edit would make of it), its look-ups
        built anew."""
        ander = Organisatie(self.bestand)
        ander.__dict__.update(self.__dict__)
        ander.personen, ander._bekleders, ander._indexen = personen, None, {}
        return ander

    def gemeenten_op(self, peildatum: date) -> list[Gemeente]:
        return [g for g in self.gemeenten.values() if geldig_op(g, peildatum)]

    def bezettingen(self) -> list[Bezetting]:
        return [b for p in self.personen.values() for b in p.functies]

    def bekleders(self) -> dict[tuple[str, str | None], list[Bezetting]]:
        """Holdings per post (functie, gemeente), earliest first; built once, and kept in the
        model cache so that a question needs no pass over every person."""
        if self._bekleders is None:
            per_post: dict[tuple[str, str | None], list[Bezetting]] = {}
            for b in self.bezettingen():
                per_post.setdefault((b.functie, b.gemeente), []).append(b)
            for lijst in per_post.values():
                lijst.sort(key=lambda b: (b.vanaf or date.min, b.persoon))
            self._bekleders = per_post
        return self._bekleders

    def index(self, naam: str, bouw: Callable[[Organisatie], Mapping[str, Any]]):
        """A look-up of the queries (amctl.vragen.INDEXEN), built once per model by `bouw`; a
        model from the cache brings its look-ups along instead of building them."""
        if naam not in self._indexen:
            self._indexen[naam] = bouw(self)
        return self._indexen[naam]
