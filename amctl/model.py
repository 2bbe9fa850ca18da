"""Typed domain objects, and the single place the file format (schema) lives.

Every class lists its YAML fields in `VELDEN`. `bouw_organisatie` reads a loaded document
with those specs, collects every schema problem (required field, type, unknown key with a
suggestion, id format, ISO date, allowed value) and records each reference it meets, so
that the reference layer (`amctl.regels.verwijzingen`) checks them all in one place.
`amctl schema` turns the same specs into a JSON Schema for editors.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from amctl.laden import Document, Lijst, Map
from amctl.probleem import GEEN_PLEK, Ernst, Plek, Probleem

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
    "bereidt-voor": "bereidt voor",
    "vertegenwoordigt-in": "vertegenwoordigt in",
    "deelregio-van": "deelregio van",
    "organiseert-aanhaking-bij": "organiseert aanhaking bij",
}

# Namespaces that references point into; the keys of the top-level sections.
GEMEENTEN, FUNCTIES, ORGANEN, PERSONEN, BRONNEN, SOORTEN = (
    "gemeenten",
    "functies",
    "organen",
    "personen",
    "bronnen",
    "soorten",
)


# --- field specs --------------------------------------------------------------------------


class Veld(NamedTuple):
    """One YAML key of an object: its type, whether it is required, what it refers to."""

    sleutel: str
    soort: str  # tekst, getal, janee, datum, id, tekstlijst, bron, object, objectlijst
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
    )


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


class Bron(NamedTuple):
    VELDEN = (
        Veld("titel", "tekst", verplicht=True),
        Veld("url", "tekst"),
        Veld("bestand", "tekst", omschrijving="pad naar een lokale kopie"),
        Veld("geraadpleegd", "datum"),
        Veld("toelichting", "tekst"),
    )
    id: str
    titel: str
    url: str | None = None
    bestand: str | None = None
    geraadpleegd: date | None = None
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK


class Gemeente(NamedTuple):
    VELDEN = (
        Veld("naam", "tekst", verplicht=True),
        Veld("cbs", "tekst", omschrijving="CBS-gemeentecode, bijv. GM0358"),
        Veld("provincie", "tekst"),
        *_periode(),
        *_herkomst(),
    )
    id: str
    naam: str
    cbs: str | None = None
    provincie: str | None = None
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK


class Soort(NamedTuple):
    VELDEN = (
        Veld("naam", "tekst", verplicht=True),
        Veld(
            "ondersteuning-uit",
            "id",
            verwijst=ORGANEN,
            omschrijving="actieve organen van deze soort worden ondersteund door een functie "
            "die ambtshalve lid is van dit orgaan",
        ),
        Veld(
            "voorbereid-door",
            "id",
            verwijst=SOORTEN,
            omschrijving="actieve organen van deze soort worden voorbereid door een orgaan "
            "van deze soort",
        ),
        *_herkomst(),
    )
    id: str
    naam: str
    ondersteuning_uit: str | None = None
    voorbereid_door: str | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK


class Functie(NamedTuple):
    VELDEN = (
        Veld("naam", "tekst", verplicht=True),
        Veld("per-gemeente", "janee", omschrijving="de functie bestaat in elke gemeente"),
        Veld(
            "zetels",
            "getal",
            minimum=1,
            omschrijving="hoeveel mensen de functie tegelijk bekleden (per gemeente); "
            "leeg: onbepaald",
        ),
        *_periode(),
        *_herkomst(),
    )
    id: str
    naam: str
    per_gemeente: bool = False
    zetels: int | None = None
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK


class Bezetting(NamedTuple):
    """A person holds a functie (of a gemeente) for a period."""

    VELDEN = (
        Veld("functie", "id", verplicht=True, verwijst=FUNCTIES),
        Veld("gemeente", "id", verwijst=GEMEENTEN),
        *_periode(),
        *_herkomst(),
    )
    functie: str
    persoon: str = ""
    gemeente: str | None = None
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class Persoon(NamedTuple):
    VELDEN = (
        Veld("naam", "tekst", verplicht=True),
        Veld("functies", "objectlijst", klasse=Bezetting),
        Veld("toelichting", "tekst"),
    )
    id: str
    naam: str
    functies: tuple[Bezetting, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK


class Samenstellingsregel(NamedTuple):
    """Membership by rule: 'the burgemeester of every gemeente', 'two raadsleden per raad'."""

    VELDEN = (
        Veld("functie", "id", verplicht=True, verwijst=FUNCTIES),
        Veld(
            "gemeenten",
            "tekstlijst",
            verwijst=GEMEENTEN,
            omschrijving="alleen deze gemeenten; leeg: alle deelnemende gemeenten",
        ),
        Veld("aantal", "getal", minimum=1, omschrijving="zetels per gemeente; leeg: allen"),
        Veld("wijze", "tekst", keuzes=tuple(WIJZEN)),
        Veld("rol", "tekst", omschrijving="standaard: lid"),
        *_periode(),
        *_herkomst(),
    )
    functie: str
    gemeenten: tuple[str, ...] | None = None
    aantal: int | None = None
    wijze: str = "ambtshalve"
    rol: str = "lid"
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class Lidmaatschap(NamedTuple):
    """A person named for a seat of a body (for rules with `wijze: benoemd`)."""

    VELDEN = (
        Veld("persoon", "id", verplicht=True, verwijst=PERSONEN),
        Veld("functie", "id", verplicht=True, verwijst=FUNCTIES),
        Veld("gemeente", "id", verwijst=GEMEENTEN),
        Veld("rol", "tekst"),
        *_periode(),
        *_herkomst(),
    )
    persoon: str
    functie: str
    gemeente: str | None = None
    rol: str | None = None
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class Voorzitter(NamedTuple):
    """Who chairs: a functie (of a gemeente), a named person, or a rotation."""

    VELDEN = (
        Veld("functie", "id", verwijst=FUNCTIES),
        Veld("gemeente", "id", verwijst=GEMEENTEN),
        Veld("persoon", "id", verwijst=PERSONEN),
        Veld("roulerend", "janee"),
        *_periode(),
        *_herkomst(),
    )
    functie: str | None = None
    gemeente: str | None = None
    persoon: str | None = None
    roulerend: bool = False
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class Ondersteuning(NamedTuple):
    VELDEN = (
        Veld("functie", "id", verplicht=True, verwijst=FUNCTIES),
        Veld("gemeente", "id", verwijst=GEMEENTEN),
        *_periode(),
        *_herkomst(),
    )
    functie: str
    gemeente: str | None = None
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class Relatie(NamedTuple):
    """`- bereidt-voor: mra-platforms`: exactly one relation key, plus source and period."""

    VELDEN = (
        *(Veld(soort, "id", verwijst=ORGANEN) for soort in RELATIESOORTEN),
        *_periode(),
        *_herkomst(),
    )
    soort: str
    naar: str
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class Vergaderritme(NamedTuple):
    VELDEN = (
        Veld("per-jaar", "getal", minimum=1, omschrijving="aantal bijeenkomsten per jaar"),
        Veld(
            "locatie",
            "tekst",
            omschrijving="'wisselend' (steeds in een andere gemeente), een gemeente-id of tekst",
        ),
        *_periode(),
        *_herkomst(),
    )
    per_jaar: int | None = None
    locatie: str | None = None
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK


class StatusPeriode(NamedTuple):
    VELDEN = (
        Veld("waarde", "tekst", verplicht=True, keuzes=tuple(STATUSSEN)),
        *_periode(),
        *_herkomst(),
    )
    waarde: str
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK


class Orgaan(NamedTuple):
    VELDEN = (
        Veld("naam", "tekst", verplicht=True),
        Veld("aliassen", "tekstlijst", omschrijving="andere namen om het orgaan mee op te zoeken"),
        Veld("soort", "id", verplicht=True, verwijst=SOORTEN),
        Veld(
            "status",
            "objectlijst",
            klasse=StatusPeriode,
            omschrijving="'actief', 'in-overweging', 'betwist' of 'opgeheven'; of een lijst "
            "met data",
        ),
        Veld("omschrijving", "tekst"),
        Veld("taken", "tekstlijst"),
        Veld("onderdeel-van", "id", verwijst=ORGANEN),
        Veld("rechtsvorm", "tekst"),
        Veld("secretariaat", "tekst"),
        Veld("deelregios", "tekstlijst"),
        Veld("samenstelling", "objectlijst", klasse=Samenstellingsregel),
        Veld("leden", "objectlijst", klasse=Lidmaatschap),
        Veld("voorzitter", "objectlijst", klasse=Voorzitter),
        Veld("ondersteuning", "objectlijst", klasse=Ondersteuning),
        Veld("relaties", "objectlijst", klasse=Relatie),
        Veld("vergaderritme", "objectlijst", klasse=Vergaderritme),
        *_periode(),
        *_herkomst(),
    )
    id: str
    naam: str
    soort: str
    status: tuple[StatusPeriode, ...] = ()
    aliassen: tuple[str, ...] = ()
    omschrijving: str | None = None
    taken: tuple[str, ...] = ()
    onderdeel_van: str | None = None
    rechtsvorm: str | None = None
    secretariaat: str | None = None
    deelregios: tuple[str, ...] = ()
    samenstelling: tuple[Samenstellingsregel, ...] = ()
    leden: tuple[Lidmaatschap, ...] = ()
    voorzitter: tuple[Voorzitter, ...] = ()
    ondersteuning: tuple[Ondersteuning, ...] = ()
    relaties: tuple[Relatie, ...] = ()
    vergaderritme: tuple[Vergaderritme, ...] = ()
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN

    def status_op(self, peildatum: date) -> str:
        """The status on a date: 'actief' when no status is recorded at all; outside the
        body's own period 'nog-niet-opgericht' or 'opgeheven'; 'onbekend' when the recorded
        statuses leave the date open."""
        if not geldig_op(self, peildatum):
            if self.tot_en_met and peildatum > self.tot_en_met:
                return "opgeheven"
            return "nog-niet-opgericht"
        for periode in self.status:
            if geldig_op(periode, peildatum):
                return periode.waarde
        return "actief" if not self.status else "onbekend"

    def voorzitter_op(self, peildatum: date) -> Voorzitter | None:
        return next((v for v in self.voorzitter if geldig_op(v, peildatum)), None)


class Uitspraak(NamedTuple):
    VELDEN = (
        Veld("tekst", "tekst", verplicht=True, omschrijving="letterlijk citaat"),
        Veld("bron", "bron", verplicht=True, verwijst=BRONNEN),
        Veld("plaats", "tekst", omschrijving="waar in de bron"),
    )
    tekst: str
    bron: tuple[str, ...] = ()
    plaats: str | None = None
    plek: Plek = GEEN_PLEK


class Tegenstrijdigheid(NamedTuple):
    """Two sources (or two places in one) that disagree: recorded, not silently resolved."""

    VELDEN = (
        Veld("onderwerp", "tekst", verplicht=True),
        Veld("uitspraken", "objectlijst", verplicht=True, klasse=Uitspraak),
        Veld("betreft", "tekstlijst", verwijst=ORGANEN),
        Veld("verwerking", "tekst", omschrijving="hoe de gegevens ermee omgaan"),
    )
    id: str
    onderwerp: str
    uitspraken: tuple[Uitspraak, ...] = ()
    betreft: tuple[str, ...] = ()
    verwerking: str | None = None
    plek: Plek = GEEN_PLEK


SECTIES: dict[str, Any] = {
    BRONNEN: Bron,
    GEMEENTEN: Gemeente,
    SOORTEN: Soort,
    FUNCTIES: Functie,
    PERSONEN: Persoon,
    ORGANEN: Orgaan,
    "tegenstrijdigheden": Tegenstrijdigheid,
}
TOPVELDEN = ("versie", *SECTIES)


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
        self.bronnen: dict[str, Bron] = {}
        self.gemeenten: dict[str, Gemeente] = {}
        self.soorten: dict[str, Soort] = {}
        self.functies: dict[str, Functie] = {}
        self.personen: dict[str, Persoon] = {}
        self.organen: dict[str, Orgaan] = {}
        self.tegenstrijdigheden: dict[str, Tegenstrijdigheid] = {}
        self.verwijzingen: list[Verwijzing] = []
        self.id_plekken: dict[tuple[str, str], Plek] = {}

    def gemeenten_op(self, peildatum: date) -> list[Gemeente]:
        return [g for g in self.gemeenten.values() if geldig_op(g, peildatum)]

    def bezettingen(self) -> list[Bezetting]:
        return [b for p in self.personen.values() for b in p.functies]


# --- reading ------------------------------------------------------------------------------


def suggestie(woord: str, kandidaten) -> str | None:
    gevonden = difflib.get_close_matches(woord, list(kandidaten), n=1, cutoff=0.6)
    return gevonden[0] if gevonden else None


_TYPENAAM = {
    "tekst": "een tekst",
    "getal": "een geheel getal",
    "janee": "ja of nee (true/false)",
    "datum": "een datum JJJJ-MM-DD",
    "id": "een id (kleine letters, cijfers en streepjes)",
    "tekstlijst": "een lijst",
    "bron": "een bron-id of een lijst van bron-ids",
    "objectlijst": "een lijst van mappings",
    "object": "een mapping",
}


class _Lezer:
    def __init__(self, bestand: str) -> None:
        self.bestand = bestand
        self.problemen: list[Probleem] = []
        self.verwijzingen: list[Verwijzing] = []

    def meld(self, plek: Plek, code: str, melding: str) -> None:
        self.problemen.append(Probleem(self.bestand, plek, code, Ernst.FOUT, melding))

    def controleer_id(self, waarde: str, plek: Plek) -> bool:
        if ID_PATROON.match(waarde):
            return True
        self.meld(
            plek,
            "AM104",
            f"'{waarde}' is geen geldig id; gebruik kleine letters, cijfers en streepjes, "
            "beginnend met een letter (bijv. 'pho-wonen').",
        )
        return False

    def waarde(self, veld: Veld, ruw: object, plek: Plek, wat: str) -> tuple[bool, object]:
        """Convert one field value; (False, None) after reporting a problem."""
        soort = veld.soort
        if soort == "tekst":
            if isinstance(ruw, str) and ruw.strip():
                if veld.keuzes and ruw not in veld.keuzes:
                    return self._keuzefout(veld, ruw, plek, wat)
                return True, ruw
        elif soort == "getal":
            if isinstance(ruw, int) and not isinstance(ruw, bool):
                if veld.minimum is not None and ruw < veld.minimum:
                    self.meld(
                        plek,
                        "AM106",
                        f"'{veld.sleutel}' van {wat} moet minstens {veld.minimum} zijn.",
                    )
                    return False, None
                return True, ruw
        elif soort == "janee":
            if isinstance(ruw, bool):
                return True, ruw
        elif soort == "datum":
            if isinstance(ruw, date):
                return True, ruw
            if isinstance(ruw, str):
                try:
                    return True, date.fromisoformat(ruw)
                except ValueError:
                    pass
            self.meld(
                plek,
                "AM105",
                f"'{veld.sleutel}' van {wat} is geen geldige datum: '{ruw}'; "
                "schrijf JJJJ-MM-DD, bijv. 2026-04-01.",
            )
            return False, None
        elif soort == "id":
            if isinstance(ruw, str):
                if not self.controleer_id(ruw, plek):
                    return False, None
                if veld.verwijst:
                    self.verwijzingen.append(Verwijzing(veld.verwijst, ruw, plek))
                return True, ruw
        elif soort in ("tekstlijst", "bron"):
            items = [ruw] if soort == "bron" and isinstance(ruw, str) else ruw
            plekken = ruw.plekken if isinstance(ruw, Lijst) else [plek]
            if isinstance(items, list) and all(isinstance(i, str) and i.strip() for i in items):
                if veld.verwijst:
                    for item, item_plek in zip(items, plekken, strict=True):
                        if not self.controleer_id(item, item_plek):
                            return False, None
                        self.verwijzingen.append(Verwijzing(veld.verwijst, item, item_plek))
                return True, tuple(items)
        if isinstance(ruw, str) and soort in ("getal", "janee"):
            tip = " (zonder aanhalingstekens)"
        elif isinstance(ruw, bool) and soort == "tekst":
            tip = "; zet de waarde tussen aanhalingstekens, anders leest YAML ja/nee"
        else:
            tip = ""
        self.meld(
            plek,
            "AM102",
            f"'{veld.sleutel}' van {wat} moet {_TYPENAAM[soort]} zijn{tip}.",
        )
        return False, None

    def _keuzefout(self, veld: Veld, ruw: str, plek: Plek, wat: str) -> tuple[bool, None]:
        tip = suggestie(ruw, veld.keuzes)
        keuzes = ", ".join(veld.keuzes)
        self.meld(
            plek,
            "AM106",
            f"'{veld.sleutel}' van {wat} heeft de onbekende waarde '{ruw}'"
            + (f"; bedoelde u '{tip}'?" if tip else f"; kies uit: {keuzes}."),
        )
        return False, None

    def onbekende_sleutels(self, m: Map, velden, wat: str) -> None:
        toegestaan = {v.sleutel for v in velden}
        for sleutel in m:
            if sleutel not in toegestaan:
                tip = suggestie(sleutel, toegestaan)
                hint = (
                    f" Bedoelde u '{tip}'?"
                    if tip
                    else f" Toegestaan: {', '.join(sorted(toegestaan))}."
                )
                self.meld(
                    m.sleutels[sleutel], "AM103", f"Onbekende sleutel '{sleutel}' in {wat}.{hint}"
                )

    def object(self, klasse, ruw: object, plek: Plek, wat: str, **vast: object):
        """Read one mapping into `klasse`; None when a required field is missing or wrong."""
        if klasse is StatusPeriode and isinstance(ruw, str):
            ruw = _kort(ruw, "waarde", plek)
        if klasse is Relatie and isinstance(ruw, Map):
            return self.relatie(ruw, wat)
        if not isinstance(ruw, Map):
            self.meld(plek, "AM102", f"{wat} moet een mapping zijn ('sleutel: waarde').")
            return None
        velden = klasse.VELDEN
        self.onbekende_sleutels(ruw, velden, wat)
        waarden: dict[str, object] = dict(vast)
        compleet = True
        for veld in velden:
            if veld.sleutel not in ruw or ruw[veld.sleutel] is None:
                if veld.verplicht:
                    self.meld(
                        ruw.plek, "AM101", f"{wat} mist het verplichte veld '{veld.sleutel}'."
                    )
                    compleet = False
                continue
            waarde_plek = ruw.waarden[veld.sleutel]
            if veld.soort == "objectlijst":
                waarde = self.lijst(veld, ruw[veld.sleutel], waarde_plek, wat)
                ok = waarde is not None
            else:
                ok, waarde = self.waarde(veld, ruw[veld.sleutel], waarde_plek, wat)
            if ok:
                waarden[veld.attribuut] = waarde
            elif veld.verplicht:
                compleet = False
        if not compleet:
            return None
        waarden["plek"] = ruw.plek
        if "plekken" in klasse._fields:
            waarden["plekken"] = ruw.waarden
        return klasse(**waarden)

    def lijst(self, veld: Veld, ruw: object, plek: Plek, wat: str):
        if isinstance(ruw, Map) or (veld.klasse is StatusPeriode and isinstance(ruw, str)):
            ruw_lijst, plekken = [ruw], [plek]  # one entry may stand without a list
        elif isinstance(ruw, Lijst):
            ruw_lijst, plekken = ruw, ruw.plekken
        else:
            self.meld(
                plek, "AM102", f"'{veld.sleutel}' van {wat} moet {_TYPENAAM['objectlijst']} zijn."
            )
            return None
        items = []
        for nummer, (item, item_plek) in enumerate(zip(ruw_lijst, plekken, strict=True), 1):
            obj = self.object(veld.klasse, item, item_plek, f"{veld.sleutel} #{nummer} van {wat}")
            if obj is not None:
                items.append(obj)
        return tuple(items)

    def relatie(self, ruw: Map, wat: str) -> Relatie | None:
        self.onbekende_sleutels(ruw, Relatie.VELDEN, wat)
        soorten = [s for s in RELATIESOORTEN if s in ruw]
        if len(soorten) != 1:
            if soorten or all(s in {v.sleutel for v in Relatie.VELDEN} for s in ruw):
                self.meld(
                    ruw.plek,
                    "AM101",
                    f"{wat} moet precies één soort relatie noemen ({', '.join(RELATIESOORTEN)}).",
                )
            return None
        soort = soorten[0]
        waarden: dict[str, object] = {"soort": soort, "plek": ruw.plek, "plekken": ruw.waarden}
        for veld in Relatie.VELDEN:
            if veld.sleutel in RELATIESOORTEN and veld.sleutel != soort:
                continue
            if ruw.get(veld.sleutel) is None:
                if veld.sleutel == soort:
                    self.meld(ruw.plek, "AM101", f"{wat} noemt geen orgaan bij '{soort}'.")
                    return None
                continue
            ok, waarde = self.waarde(veld, ruw[veld.sleutel], ruw.waarden[veld.sleutel], wat)
            if ok:
                waarden["naar" if veld.sleutel == soort else veld.attribuut] = waarde
            elif veld.sleutel == soort:
                return None
        return Relatie(**waarden)


def _kort(waarde: str, sleutel: str, plek: Plek) -> Map:
    """`status: actief` is short for `status: {waarde: actief}`."""
    m = Map(plek)
    m[sleutel] = waarde
    m.sleutels[sleutel] = plek
    m.waarden[sleutel] = plek
    return m


_WAT = {
    BRONNEN: "bron",
    GEMEENTEN: "gemeente",
    SOORTEN: "soort",
    FUNCTIES: "functie",
    PERSONEN: "persoon",
    ORGANEN: "orgaan",
    "tegenstrijdigheden": "tegenstrijdigheid",
}


def bouw_organisatie(document: Document) -> tuple[Organisatie, list[Probleem]]:
    """Schema layer: the loaded document -> typed objects plus every schema problem."""
    lezer = _Lezer(document.bestand)
    data = document.data
    organisatie = Organisatie(document.bestand)
    lezer.onbekende_sleutels(data, [Veld(s, "tekst") for s in TOPVELDEN], "het bestand")
    versie = data.get("versie")
    if versie is None:
        lezer.meld(data.plek, "AM101", "Het bestand mist 'versie: 1' bovenaan.")
    elif type(versie) is not int or versie != 1:
        lezer.meld(
            data.plek_van("versie"),
            "AM106",
            f"Onbekende versie '{versie}' van het bestandsformaat; deze amctl leest versie 1.",
        )
    else:
        organisatie.versie = 1
    for sectie, klasse in SECTIES.items():
        ruw = data.get(sectie)
        if ruw is None:
            continue
        if not isinstance(ruw, Map):
            lezer.meld(
                data.plek_van(sectie),
                "AM102",
                f"'{sectie}' moet een mapping zijn van id naar gegevens "
                "('id:' op een eigen regel).",
            )
            continue
        doel = getattr(organisatie, sectie)
        for sleutel, waarde in ruw.items():
            sleutel_plek = ruw.sleutels[sleutel]
            if not lezer.controleer_id(sleutel, sleutel_plek):
                continue
            wat = f"{_WAT[sectie]} '{sleutel}'"
            extra: dict[str, object] = {"id": sleutel}
            obj = lezer.object(klasse, waarde, ruw.waarden[sleutel], wat, **extra)
            if obj is None:
                continue
            if klasse is Persoon:
                obj = _met_persoon(obj)
            doel[sleutel] = obj
            organisatie.id_plekken[(sectie, sleutel)] = sleutel_plek
    organisatie.verwijzingen = lezer.verwijzingen
    return organisatie, document.problemen + lezer.problemen


def _met_persoon(persoon: Persoon) -> Persoon:
    """Each Bezetting knows whose it is, so that queries need no back-references."""
    return persoon._replace(
        functies=tuple(b._replace(persoon=persoon.id) for b in persoon.functies)
    )
