"""Schema layer: a loaded document -> typed objects (amctl.model), with every schema problem.

Reads each section with the field specs (`VELDEN`) of amctl.model, collects every problem
(required field, type, unknown key with a suggestion, id format, ISO date, allowed value) and
records each reference it meets, so that the reference layer (amctl.regels.verwijzingen)
checks them all in one place.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime, time

from amctl.grenzen import EERSTE_JAAR, LAATSTE_JAAR
from amctl.laden import Document, Lijst, Map
from amctl.model import (
    BRONNEN,
    FUNCTIES,
    GEMEENTEN,
    ID_PATROON,
    ORGANEN,
    PERSONEN,
    PORTEFEUILLES,
    RELATIESOORTEN,
    SECTIES,
    SOORTEN,
    TOPVELDEN,
    Organisatie,
    Persoon,
    Relatie,
    Uitspraak,
    Veld,
    Verwijzing,
)
from amctl.probleem import Ernst, Plek, Probleem
from amctl.tekst import rangtelwoord, suggestie

TIJD_PATROON = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
TIJDSTIP_PATROON = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")

_TYPENAAM = {
    "tekst": "een tekst",
    "getal": "een geheel getal",
    "janee": "ja of nee (true/false)",
    "datum": "een datum JJJJ-MM-DD",
    "tijd": "een tijd UU:MM, bijv. 19:30",
    "tijdstip": "een tijdstip in UTC, bijv. 2026-12-08T09:30:00Z",
    "id": "een id (kleine letters, cijfers en streepjes)",
    "tekstlijst": "een lijst",
    "bron": "een bron-id of een lijst van bron-ids",
    "aard": "geciteerd, samengevat, afgeleid of aangenomen, of een mapping van veld naar een "
    "van die woorden",
    "objectlijst": "een lijst van mappings",
    "object": "een mapping",
}

# How a message names one item of a list: 'de tweede functie van persoon ...'.
_ENKELVOUD = {
    "functies": "functie",
    "portefeuilles": "portefeuille",
    "samenstelling": "samenstellingsregel",
    "leden": "lid",
    "relaties": "relatie",
    "vergaderingen": "vergadering",
    "uitspraken": "uitspraak",
}


_SLEUTELS: dict[int, frozenset[str]] = {}  # id(VELDEN) -> the keys allowed there


class _Lezer:
    def __init__(self, bestand: str) -> None:
        self.bestand = bestand
        self.problemen: list[Probleem] = []
        self.verwijzingen: list[Verwijzing] = []
        self.goede_ids: set[str] = set()

    def meld(self, plek: Plek, code: str, melding: str) -> None:
        self.problemen.append(Probleem(self.bestand, plek, code, Ernst.FOUT, melding))

    def controleer_id(self, waarde: str, plek: Plek) -> bool:
        if waarde in self.goede_ids or ID_PATROON.match(waarde):
            self.goede_ids.add(waarde)
            return True
        self.meld(
            plek,
            "AM104",
            f"'{waarde}' is geen geldig id; gebruik kleine letters, cijfers en streepjes, "
            "beginnend met een letter (bijv. 'pho-wonen').",
        )
        return False

    def waarde(
        self, veld: Veld, ruw: object, plek: Plek, wat: str, velden=()
    ) -> tuple[bool, object]:
        """Convert one field value; (False, None) after reporting a problem. `velden`: the
        fields of the object the value is in (for an `aard` per field)."""
        soort = veld.soort
        if soort == "aard":
            return self.aard(veld, ruw, plek, wat, velden)
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
            dag = ruw if isinstance(ruw, date) else None
            if isinstance(ruw, str):
                with contextlib.suppress(ValueError):
                    dag = date.fromisoformat(ruw)
            if dag is not None and EERSTE_JAAR <= dag.year <= LAATSTE_JAAR:
                return True, dag
            if dag is not None:
                self.meld(
                    plek,
                    "AM105",
                    f"'{veld.sleutel}' van {wat} ligt buiten {EERSTE_JAAR}-{LAATSTE_JAAR}: "
                    f"'{ruw}'; controleer het jaartal (een open einde laat u leeg).",
                )
                return False, None
            self.meld(
                plek,
                "AM105",
                f"'{veld.sleutel}' van {wat} is geen geldige datum: '{ruw}'; "
                "schrijf JJJJ-MM-DD, bijv. 2026-04-01.",
            )
            return False, None
        elif soort == "tijd":
            if isinstance(ruw, str) and TIJD_PATROON.fullmatch(ruw):
                return True, time.fromisoformat(ruw)
        elif soort == "tijdstip":
            if isinstance(ruw, str) and TIJDSTIP_PATROON.fullmatch(ruw):
                with contextlib.suppress(ValueError):
                    return True, datetime.fromisoformat(ruw)
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

    def aard(self, veld: Veld, ruw: object, plek: Plek, wat: str, velden) -> tuple[bool, object]:
        """`aard: afgeleid` (the whole fact) or `aard: {tot-en-met: aangenomen}` (one field)."""
        if isinstance(ruw, str):
            if ruw not in veld.keuzes:
                return self._keuzefout(veld, ruw, plek, wat)
            return True, (("", ruw),)
        if not isinstance(ruw, Map) or not ruw:
            self.meld(plek, "AM102", f"'aard' van {wat} moet {_TYPENAAM['aard']} zijn.")
            return False, None
        per_veld = frozenset(v.sleutel for v in velden) - {"aard", "bron", "toelichting"}
        paren = []
        for sleutel, waarde in ruw.items():
            if sleutel not in per_veld:
                tip = suggestie(sleutel, per_veld)
                self.meld(
                    ruw.sleutels[sleutel],
                    "AM103",
                    f"'aard' van {wat} noemt '{sleutel}', geen veld van {wat}."
                    + (f" Bedoelde u '{tip}'?" if tip else ""),
                )
                return False, None
            if not isinstance(waarde, str) or waarde not in veld.keuzes:
                return self._keuzefout(veld, str(waarde), ruw.waarden[sleutel], wat)
            paren.append((sleutel, waarde))
        return True, tuple(paren)

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
        toegestaan = _SLEUTELS.get(id(velden))
        if toegestaan is None:
            toegestaan = frozenset(v.sleutel for v in velden)
            if isinstance(velden, tuple):  # a class's VELDEN: lives as long as the program
                _SLEUTELS[id(velden)] = toegestaan
        if toegestaan.issuperset(m):
            return
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
        kort = getattr(klasse, "KORT", None)
        if kort is not None and isinstance(ruw, str):
            ruw = _kort(ruw, kort, plek)
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
                ok, waarde = self.waarde(veld, ruw[veld.sleutel], waarde_plek, wat, velden)
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
        if isinstance(ruw, Map) or (hasattr(veld.klasse, "KORT") and isinstance(ruw, str)):
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
            item_wat = (
                f"de {rangtelwoord(nummer)} {_ENKELVOUD.get(veld.sleutel, veld.sleutel)} van {wat}"
            )
            obj = self.object(veld.klasse, item, item_plek, item_wat)
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
            ok, waarde = self.waarde(
                veld, ruw[veld.sleutel], ruw.waarden[veld.sleutel], wat, Relatie.VELDEN
            )
            if ok:
                waarden["naar" if veld.sleutel == soort else veld.attribuut] = waarde
            elif veld.sleutel == soort:
                return None
        return Relatie(**waarden)


def _kort(waarde: str, sleutel: str, plek: Plek) -> Map:
    """`status: actief` is short for `status: {waarde: actief}` (the class's KORT)."""
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
    PORTEFEUILLES: "portefeuille",
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
    if data.get("titel") is not None:
        organisatie.titel = lezer.object(
            Uitspraak, data["titel"], data.plek_van("titel"), "de titel van het bestand"
        )
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
