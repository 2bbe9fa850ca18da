"""The objects of the file, one NamedTuple each, with its YAML fields in `VELDEN`: together
the schema (amctl.inlezen reads with it, amctl.schema writes it as JSON Schema).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import NamedTuple

from amctl.model.velden import (
    _GEEN_PLEKKEN,
    BRONNEN,
    FUNCTIES,
    GEMEENTEN,
    ORGANEN,
    PERSONEN,
    PORTEFEUILLES,
    RELATIESOORTEN,
    SOORTEN,
    STATUSSEN,
    UITSPRAAKAARDEN,
    WIJZEN,
    Aard,
    Veld,
    _herkomst,
    _periode,
    geldig_op,
)
from amctl.probleem import GEEN_PLEK, Plek


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
    aard: Aard = ()
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
    aard: Aard = ()
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
    aard: Aard = ()
    plek: Plek = GEEN_PLEK


class Portefeuille(NamedTuple):
    """A theme a college divides among its wethouders: Wonen, Economie. A body whose
    composition names a portefeuille seats its holder of each gemeente."""

    VELDEN = (
        Veld("naam", "tekst", verplicht=True),
        *_periode(),
        *_herkomst(),
    )
    id: str
    naam: str
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    aard: Aard = ()
    plek: Plek = GEEN_PLEK


class Toedeling(NamedTuple):
    """A portefeuille held with a post, for a period inside the holding (after a college
    formation, or a reshuffle halfway). `- wonen` is short for `- {portefeuille: wonen}`:
    for as long as the holding lasts."""

    KORT = "portefeuille"
    VELDEN = (
        Veld("portefeuille", "id", verplicht=True, verwijst=PORTEFEUILLES),
        *_periode(),
        *_herkomst(),
    )
    portefeuille: str
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    aard: Aard = ()
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class Bezetting(NamedTuple):
    """A person holds a functie (of a gemeente) for a period, with its portefeuilles."""

    VELDEN = (
        Veld("functie", "id", verplicht=True, verwijst=FUNCTIES),
        Veld("gemeente", "id", verwijst=GEMEENTEN),
        *_periode(),
        Veld(
            "waarnemend",
            "janee",
            omschrijving="de termijn is waarnemend (een waarnemend burgemeester); standaard: nee",
        ),
        Veld(
            "portefeuilles",
            "objectlijst",
            klasse=Toedeling,
            omschrijving="de portefeuilles bij deze functie (een wethouder): ids, of "
            "{portefeuille: wonen, vanaf: JJJJ-MM-DD} voor een deel van de termijn",
        ),
        *_herkomst(),
    )
    functie: str
    persoon: str = ""
    gemeente: str | None = None
    vanaf: date | None = None
    tot_en_met: date | None = None
    portefeuilles: tuple[Toedeling, ...] = ()
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    aard: Aard = ()
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN
    waarnemend: bool = False

    def heeft_portefeuille(self, portefeuille: str, peildatum: date) -> bool:
        """Whether the holder has the portefeuille on the date (both periods hold)."""
        return geldig_op(self, peildatum) and any(
            t.portefeuille == portefeuille and geldig_op(t, peildatum) for t in self.portefeuilles
        )


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
        Veld(
            "portefeuille",
            "id",
            verwijst=PORTEFEUILLES,
            omschrijving="alleen wie de functie met deze portefeuille bekleedt: de "
            "portefeuillehouder van elke gemeente (bij 'wijze: ambtshalve')",
        ),
        Veld("rol", "tekst", omschrijving="standaard: lid"),
        *_periode(),
        *_herkomst(),
    )
    functie: str
    gemeenten: tuple[str, ...] | None = None
    aantal: int | None = None
    wijze: str = "ambtshalve"
    portefeuille: str | None = None
    rol: str = "lid"
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    aard: Aard = ()
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
    aard: Aard = ()
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class Voorzitter(NamedTuple):
    """Who chairs: a functie (of a gemeente), a named person, or a rotation.

    Under a rotation (`roulerend: true`, with `termijn` months per turn), the dated entries
    that name a functie or person are the turns: who chaired when."""

    VELDEN = (
        Veld("functie", "id", verwijst=FUNCTIES),
        Veld("gemeente", "id", verwijst=GEMEENTEN),
        Veld("persoon", "id", verwijst=PERSONEN),
        Veld("roulerend", "janee"),
        Veld(
            "termijn",
            "getal",
            minimum=1,
            omschrijving="bij 'roulerend: true': hoeveel maanden een beurt duurt",
        ),
        *_periode(),
        *_herkomst(),
    )
    functie: str | None = None
    gemeente: str | None = None
    persoon: str | None = None
    roulerend: bool = False
    termijn: int | None = None
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    aard: Aard = ()
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
    aard: Aard = ()
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
    aard: Aard = ()
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
    aard: Aard = ()
    plek: Plek = GEEN_PLEK


class Vergadering(NamedTuple):
    """One meeting of a body: the day, the hosting gemeente, who chaired, the theme. Flat, so
    that one meeting fits on one line: `- {datum: 2026-03-12, gemeente: diemen}`."""

    VELDEN = (
        Veld("datum", "datum", verplicht=True, omschrijving="de dag (JJJJ-MM-DD)"),
        Veld(
            "gemeente",
            "id",
            verwijst=GEMEENTEN,
            omschrijving="de gemeente waar de vergadering is (de gastheer)",
        ),
        Veld("plaats", "tekst", omschrijving="het gebouw of adres, bijv. 'Raadhuis Diemen'"),
        Veld(
            "voorzitter",
            "id",
            verwijst=GEMEENTEN,
            omschrijving="de gemeente wier lid voorzat, bijv. uithoorn (de gemeentesecretaris "
            "van Uithoorn in een overleg van gemeentesecretarissen)",
        ),
        Veld("thema", "tekst", omschrijving="het onderwerp dat wordt uitgediept"),
        Veld("tijd", "tijd", omschrijving="het begin, UU:MM (Nederlandse tijd); leeg: de hele dag"),
        Veld("eind", "tijd", omschrijving="het einde, UU:MM (Nederlandse tijd), na 'tijd'"),
        Veld(
            "uid",
            "tekst",
            omschrijving="een vaste identiteit in de agenda (iCalendar UID); leeg: het orgaan "
            "en de hoeveelste vergadering het is",
        ),
        Veld(
            "volgnummer",
            "getal",
            minimum=0,
            omschrijving="de versie van de afspraak (iCalendar SEQUENCE); vergadering-wijzig "
            "verhoogt hem bij elke wijziging",
        ),
        Veld(
            "gewijzigd",
            "tijdstip",
            omschrijving="wanneer vergadering-wijzig de vergadering het laatst wijzigde, in UTC "
            "(iCalendar DTSTAMP), bijv. 2026-12-08T09:30:00Z",
        ),
        *_herkomst(),
    )
    datum: date
    gemeente: str | None = None
    plaats: str | None = None
    voorzitter: str | None = None
    thema: str | None = None
    tijd: time | None = None
    eind: time | None = None
    uid: str | None = None
    volgnummer: int | None = None
    gewijzigd: datetime | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    aard: Aard = ()
    plek: Plek = GEEN_PLEK
    plekken: Mapping[str, Plek] = _GEEN_PLEKKEN


class StatusPeriode(NamedTuple):
    KORT = "waarde"  # `status: actief` is short for `status: {waarde: actief}`
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
    aard: Aard = ()
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
        Veld(
            "vergaderingen",
            "objectlijst",
            klasse=Vergadering,
            omschrijving="vastgelegde vergaderingen, één per regel",
        ),
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
    vergaderingen: tuple[Vergadering, ...] = ()
    vanaf: date | None = None
    tot_en_met: date | None = None
    bron: tuple[str, ...] = ()
    toelichting: str | None = None
    aard: Aard = ()
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
        """The chair on a date; under a rotation, the recorded turn says more than the rule."""
        geldig = [v for v in self.voorzitter if geldig_op(v, peildatum)]
        return next((v for v in geldig if not v.roulerend), geldig[0] if geldig else None)


class Uitspraak(NamedTuple):
    """What a source says, in its words (`aard: geciteerd`, the default) or summarised."""

    VELDEN = (
        Veld(
            "tekst",
            "tekst",
            verplicht=True,
            omschrijving="letterlijk citaat; een samenvatting krijgt 'aard: samengevat'",
        ),
        Veld("bron", "bron", verplicht=True, verwijst=BRONNEN),
        Veld("plaats", "tekst", omschrijving="waar in de bron"),
        Veld(
            "aard",
            "tekst",
            keuzes=UITSPRAAKAARDEN,
            omschrijving="geciteerd (standaard: letterlijk, tussen aanhalingstekens getoond) "
            "of samengevat",
        ),
    )
    tekst: str
    bron: tuple[str, ...] = ()
    plaats: str | None = None
    aard: str = "geciteerd"
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
