"""The words of the file format: Veld (the spec of one YAML key), the choices some fields
allow (statuses, ways of seating, kinds of relation, how a fact is known), the namespaces that
references point into, and the period every dated fact has (`geldig_op`, `overlapt`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from amctl.probleem import Plek

ID_PATROON = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")

STATUSSEN = {
    "actief": "actief",
    "in-overweging": "in overweging",
    "betwist": "betwist (bronnen spreken elkaar tegen)",
    "opgeheven": "opgeheven",
}
# What a date can show besides the recorded statuses (see Orgaan.status_op).
AFGELEIDE_STATUSSEN = {
    "nog-niet-opgericht": "bestond nog niet",
    "onbekend": "onbekend op deze datum",
}
WIJZEN = {"ambtshalve": "ambtshalve (wie de functie bekleedt)", "benoemd": "benoemd (bij naam)"}
RELATIESOORTEN = {
    "dagelijks-bestuur-van": "dagelijks bestuur van",
    "aangevuld-uit": "aangevuld met portefeuillehouders uit",
    "bereidt-voor": "bereidt voor",
    "vertegenwoordigt-in": "vertegenwoordigt in",
    "deelregio-van": "deelregio van",
    "organiseert-aanhaking-bij": "organiseert aanhaking bij",
}

# How a fact is known (`aard`); without one, a fact is as its source states it. Only the
# facts that are not in any source (derived, assumed) get a mark in the views.
AARDEN = {
    "geciteerd": "letterlijk uit de bron",
    "samengevat": "samengevat uit de bron, in andere woorden",
    "afgeleid": "afgeleid uit andere feiten; niet zo in de bron",
    "aangenomen": "aangenomen bij gebrek aan gegevens",
}
NIET_IN_BRON = ("afgeleid", "aangenomen")
UITSPRAAKAARDEN = ("geciteerd", "samengevat")

# Namespaces that references point into; the keys of the top-level sections.
GEMEENTEN, FUNCTIES, ORGANEN, PERSONEN, BRONNEN, SOORTEN, PORTEFEUILLES = (
    "gemeenten",
    "functies",
    "organen",
    "personen",
    "bronnen",
    "soorten",
    "portefeuilles",
)


# --- field specs --------------------------------------------------------------------------


class Veld(NamedTuple):
    """One YAML key of an object: its type, whether it is required, what it refers to."""

    sleutel: str
    soort: str  # tekst, getal, janee, datum, id, tekstlijst, bron, aard, object, objectlijst
    verplicht: bool = False
    verwijst: str | None = None  # namespace an id (or list of ids) must exist in
    keuzes: tuple[str, ...] = ()
    klasse: Any = None  # for object / objectlijst
    omschrijving: str = ""
    minimum: int | None = None

    @property
    def attribuut(self) -> str:
        return self.sleutel.replace("-", "_")


def _periode() -> tuple[Veld, ...]:
    return (
        Veld("vanaf", "datum", omschrijving="eerste dag (JJJJ-MM-DD)"),
        Veld("tot-en-met", "datum", omschrijving="laatste dag, inbegrepen (JJJJ-MM-DD)"),
    )


def _herkomst() -> tuple[Veld, ...]:
    return (
        Veld("bron", "bron", verwijst=BRONNEN, omschrijving="id van een bron, of een lijst"),
        Veld("toelichting", "tekst"),
        Veld(
            "aard",
            "aard",
            keuzes=tuple(AARDEN),
            omschrijving="hoe het feit bekend is: geciteerd, samengevat, afgeleid of "
            "aangenomen; of per veld, bijv. {tot-en-met: aangenomen}",
        ),
    )


# The `aard` of a fact as read: pairs (field key, kind); the key "" is the whole fact.
Aard = tuple[tuple[str, str], ...]


def aard_van(item: Any, sleutel: str = "") -> str | None:
    """How a fact (or one field of it) is known: the field's own mark, else the whole fact's;
    None when unmarked (as its source states it)."""
    eigen = dict(getattr(item, "aard", ()))
    return eigen.get(sleutel) or eigen.get("")


_GEEN_PLEKKEN: Mapping[str, Plek] = MappingProxyType({})


class Gedateerd(Protocol):
    """Everything that holds for a period: `vanaf` and `tot_en_met`, None is open-ended."""

    vanaf: date | None
    tot_en_met: date | None


def geldig_op(item: Gedateerd, peildatum: date) -> bool:
    vanaf, tot = item.vanaf, item.tot_en_met
    return (vanaf is None or vanaf <= peildatum) and (tot is None or peildatum <= tot)


def overlapt(a: Gedateerd, b: Gedateerd) -> bool:
    a0, a1 = a.vanaf or date.min, a.tot_en_met or date.max
    b0, b1 = b.vanaf or date.min, b.tot_en_met or date.max
    return a0 <= b1 and b0 <= a1
