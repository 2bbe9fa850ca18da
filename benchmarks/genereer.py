"""Synthetic, valid organisatie files for the benchmarks: S, M and L.

    python benchmarks/genereer.py [--zaad 1] [--maten S,M,L] [--uit benchmarks/uit]

S is a copy of the shipped data/organisatie.yaml. M (about 40 gemeenten, 300 organen,
5,000 filled seats) and L (about 350 gemeenten, 3,000 organen, 50,000 filled seats: the
Netherlands) are generated from the seed alone, so that every run measures the same file.
"Filled seats" are the post holdings under `personen` plus the named `leden` of organen.

The shape follows the shipped file, repeated per region: a samenwerkingsverband with a
regiegroep (burgemeesters ex officio plus named wethouders), a plenair overleg (burgemeesters
and wethouders), a secretarissenoverleg (gemeentesecretarissen, rotating chair), a team of
regiosecretarissen, a raadsledenplatform (two named raadsleden per raad) and
portefeuillehoudersoverleggen, each prepared by an ambtelijke werkgroep with projectgroepen.
Around the regions: provincial overleggen the regions are deelregio of, and gemeenschappelijke
regelingen (algemeen bestuur, dagelijks bestuur, directeurenoverleg) over overlapping sets of
gemeenten. People hold burgemeester, wethouder, gemeentesecretaris, raadslid and
regiosecretaris posts over three council terms (2018, 2022, 2026); past terms end with
`tot-en-met`, current ones are open, and single-seat posts never overlap. Every named member
holds the post the seat asks for during the whole membership.

Next to each file a `.json` describes it (counts, the ids the benchmark queries, the hash of
this script) so that benchmarks/run.py can tell when a file is stale.

Each region has its own soort of portefeuillehoudersoverleg, because a soort's
`ondersteuning-uit` names one orgaan: the region's own team of regiosecretarissen.

M and L use only the standard library (PyYAML only reads S, to count it): the YAML is
written as text, every free text as a double-quoted scalar (a JSON string is a valid YAML
double-quoted scalar once the few characters YAML treats differently are escaped) and every
id plain, after checking that YAML reads it as text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

HIER = Path(__file__).resolve().parent
REPO = HIER.parent
GELEVERD = REPO / "data" / "organisatie.yaml"
UIT = HIER / "uit"


class Maat(NamedTuple):
    gemeenten: int
    organen: int
    zetels: int  # filled seats aimed at: holdings plus named memberships


MATEN = {
    "M": Maat(gemeenten=40, organen=300, zetels=5_000),
    "L": Maat(gemeenten=350, organen=3_000, zetels=50_000),
}

# Council terms: the day the new raad is installed up to the day before the next one.
TERMIJNEN: tuple[tuple[date, date | None], ...] = (
    (date(2018, 3, 29), date(2022, 3, 29)),
    (date(2022, 3, 30), date(2026, 3, 25)),
    (date(2026, 3, 26), None),
)
LAATSTE_WISSELING = date(2026, 10, 31)  # no changes after this day: the data's "now"
EEN_DAG = timedelta(days=1)

PROVINCIES = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)
STAMMEN = (
    "Aal", "Amstel", "Beek", "Berg", "Bloem", "Bos", "Brug", "Dijk", "Eem", "Eik", "Ganze",
    "Geld", "Hage", "Heem", "Hil", "Hof", "Holt", "Hoog", "IJssel", "Kamp", "Kroon", "Laar",
    "Lange", "Leer", "Linde", "Maas", "Meer", "Molen", "Ooster", "Rijn", "Riet", "Rozen",
    "Schoon", "Steen", "Vecht", "Veen", "Vliet", "Vlier", "Waal", "Wad", "Weer", "Wester",
    "Wit", "Wolde", "Zand", "Zee", "Zuider", "Zwaan", "Ter", "Duin", "Hei", "Lek", "Mark",
    "Dommel", "Roer", "Geul", "Dinkel", "Regge", "Berkel", "Gouw",
)  # fmt: skip
SUFFIXEN = (
    "dam", "dorp", "meer", "veen", "wijk", "horst", "hoven", "broek", "berg", "lo", "zijl",
    "huizen", "kerk", "stede", "land", "waard", "dijk", "burg", "recht", "sum", "um", "haar",
)  # fmt: skip
VOORVOEGSELS = ("Nieuw-", "Oud-", "Groot-", "Sint-", "'s-", "Hooge-", "Midden-", "West-")
FRIES = (("Súd", "Noard", "Easter", "Wester", "Hege"), ("wâld", "gea", "mar", "lân", "dyk"))
REGIO_ACHTER = ("land", "waard", "streek", "gouw", "stad", "hoek")

VOORLETTERS = "ABCDEFGHIJKLMNOPRSTW"
ACHTERNAMEN = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
    "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "de Jonge",
    "Kuipers", "van Veen", "Post", "Veenstra", "Kramer", "van den Brink", "Scholten",
    "van Wijk", "Postma", "Martens", "Vink", "de Ruiter", "Timmermans", "Groen", "Gerritsen",
    "Jonker", "van Loon", "van der Velde", "Willemsen", "Smeets", "de Lange", "Bosch",
    "van Dongen", "Schipper", "de Koning", "van der Laan", "Driessen", "van Doorn", "Hermans",
    "Evers", "van den Bosch", "van der Meulen", "Hofman", "Bosman", "Wolters", "Sanders",
    "van der Horst", "Mol", "Kuijpers", "Molenaar", "van de Pol", "de Leeuw", "Verbeek",
    "Yılmaz", "Öztürk", "El Amrani", "Bouali", "Kaya", "Şahin", "Nguyen", "D'Hondt",
    "'t Hart", "van 't Hof", "Çelik", "Ørsted", "Müller", "Ben Said", "Tahiri", "Sedney",
)  # fmt: skip

# (id, naam) of the portfolios; a region has a portefeuillehoudersoverleg for several.
THEMAS = (
    ("wonen", "Wonen"),
    ("economie", "Economie"),
    ("verkeer-en-vervoer", "Verkeer en Vervoer"),
    ("ruimte", "Ruimte"),
    ("duurzaamheid", "Duurzaamheid"),
    ("sociaal-domein", "Sociaal Domein"),
    ("jeugd", "Jeugd"),
    ("zorg-en-welzijn", "Zorg en Welzijn"),
    ("onderwijs", "Onderwijs"),
    ("cultuur", "Cultuur"),
    ("sport", "Sport"),
    ("veiligheid", "Veiligheid"),
    ("energie", "Energie"),
    ("digitalisering", "Digitalisering"),
    ("financien", "Financiën"),
    ("landbouw", "Landbouw"),
    ("water", "Water"),
    ("recreatie-en-toerisme", "Recreatie & Toerisme"),
    ("arbeidsmarkt", "Arbeidsmarkt"),
    ("klimaatadaptatie", "Klimaatadaptatie"),
)
REGELINGEN = (
    ("omgevingsdienst", "Omgevingsdienst"),
    ("ggd", "GGD"),
    ("veiligheidsregio", "Veiligheidsregio"),
    ("afvalschap", "Afvalschap"),
    ("recreatieschap", "Recreatieschap"),
    ("werkbedrijf", "Werkbedrijf"),
    ("belastingen", "Belastingsamenwerking"),
    ("ict", "ICT-samenwerking"),
    ("archief", "Regionaal Archief"),
    ("leerplicht", "Bureau Leerplicht"),
    ("inkoop", "Inkoopbureau"),
    ("jeugdzorg", "Jeugdzorgregio"),
    ("sociale-dienst", "Sociale Dienst"),
    ("bedrijvenschap", "Bedrijvenschap"),
    ("muziekschool", "Muziekschool"),
)
RAADSGROOTTES = (9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 45)
RAADSGEWICHTEN = (1, 3, 6, 10, 14, 16, 15, 12, 9, 6, 4, 3, 2, 1, 1, 1, 1)


# --- writing YAML -------------------------------------------------------------------------

ID_PATROON = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
# Plain scalars YAML 1.1 would read as a boolean or null; an id must never be one of them.
GERESERVEERD = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
_NIET_LETTERLIJK = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


class Id(str):
    """An id (or a schema key): written plain, after checking that YAML reads it as text."""

    __slots__ = ()


def tekst(waarde: str) -> str:
    """A double-quoted YAML scalar. JSON escapes '"', '\\' and C0 controls; YAML also needs
    DEL, C1 controls and the Unicode line and paragraph separators escaped."""
    geciteerd = json.dumps(waarde, ensure_ascii=False)
    return _NIET_LETTERLIJK.sub(lambda m: f"\\u{ord(m.group()):04x}", geciteerd)


def scalar(waarde: object) -> str:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Id):
        if not ID_PATROON.match(waarde) or waarde in GERESERVEERD:
            raise ValueError(f"ongeldig id: {waarde!r}")
        return str(waarde)
    if isinstance(waarde, str):
        return tekst(waarde)
    raise TypeError(f"kan {type(waarde).__name__} niet schrijven: {waarde!r}")


def _is_scalar(waarde: object) -> bool:
    return not isinstance(waarde, dict | list)


def schrijf_sleutel(regels: list[str], sleutel: str, waarde: object, inspringing: int) -> None:
    kop = " " * inspringing + scalar(Id(sleutel)) + ":"
    if isinstance(waarde, dict):
        if not waarde:
            regels.append(kop + " {}")
            return
        regels.append(kop)
        for k, v in waarde.items():
            schrijf_sleutel(regels, k, v, inspringing + 2)
    elif isinstance(waarde, list):
        if all(_is_scalar(v) for v in waarde):
            regels.append(f"{kop} [{', '.join(scalar(v) for v in waarde)}]")
        else:
            regels.append(kop)
            for item in waarde:
                schrijf_item(regels, item, inspringing + 2)
    else:
        regels.append(f"{kop} {scalar(waarde)}")


def schrijf_item(regels: list[str], item: dict[str, Any], inspringing: int) -> None:
    """One mapping in a block sequence: flow style when all its values are scalars."""
    streep = " " * inspringing + "- "
    if all(_is_scalar(v) for v in item.values()):
        paren = ", ".join(f"{scalar(Id(k))}: {scalar(v)}" for k, v in item.items())
        regels.append(streep + "{" + paren + "}")
        return
    eigen: list[str] = []
    for k, v in item.items():
        schrijf_sleutel(eigen, k, v, inspringing + 2)
    eigen[0] = streep + eigen[0][inspringing + 2 :]
    regels.extend(eigen)


def als_yaml(document: dict[str, Any], kop: str) -> str:
    regels = [f"# {r}" if r else "#" for r in kop.splitlines()]
    for sleutel, waarde in document.items():
        regels.append("")
        schrijf_sleutel(regels, sleutel, waarde, 0)
    return "\n".join(regels) + "\n"


# --- names and ids ------------------------------------------------------------------------

_TRANSLITERATIE = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "ł": "l"})


def slug(naam: str) -> str:
    """'De Ronde Venen' -> 'de-ronde-venen', "'s-Gravenmeer" -> 's-gravenmeer'."""
    ascii_naam = unicodedata.normalize("NFKD", naam.translate(_TRANSLITERATIE))
    ascii_naam = ascii_naam.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_naam).strip("-")


def periode(vanaf: date | None, tot: date | None) -> dict[str, date]:
    uit = {}
    if vanaf is not None:
        uit["vanaf"] = vanaf
    if tot is not None:
        uit["tot-en-met"] = tot
    return uit


class Segment(NamedTuple):
    """One person in one seat for a stretch of time; `tot` None is open-ended."""

    persoon: str
    vanaf: date
    tot: date | None


Zetel = list[Segment]  # the successive holders of one seat


class Regio(NamedTuple):
    afk: str
    naam: str
    provincie: str
    gemeenten: list[str]
    centrum: str
    themas: list[tuple[str, str]]


# --- the generator ------------------------------------------------------------------------


class Generator:
    def __init__(self, maat: Maat, zaad: int) -> None:
        self.maat = maat
        self.rng = random.Random(f"amctl-benchmark-{zaad}-{maat.gemeenten}")
        self.zaad = zaad
        self.ids: set[str] = set()  # gemeenten, functies, organen and personen share one
        self.bronnen: dict[str, dict[str, Any]] = {}
        self.soorten: dict[str, dict[str, Any]] = {}
        self.gemeenten: dict[str, dict[str, Any]] = {}
        self.functies: dict[str, dict[str, Any]] = {}
        self.personen: dict[str, dict[str, Any]] = {}
        self.organen: dict[str, dict[str, Any]] = {}
        self.tegenstrijdigheden: dict[str, dict[str, Any]] = {}
        self.regios: list[Regio] = []
        # per gemeente, per term: the raad seats and the wethouder seats
        self.raad: dict[str, list[list[Zetel]]] = {}
        self.college: dict[str, list[list[Zetel]]] = {}
        self.bezettingen = 0
        self.lidmaatschappen = 0
        self.oud_burgemeesters: list[tuple[date, str]] = []

    # ids and people

    def nieuw_id(self, basis: str) -> Id:
        kandidaat, n = basis, 1
        while kandidaat in self.ids or kandidaat in GERESERVEERD:
            n += 1
            kandidaat = f"{basis}-{n}"
        self.ids.add(kandidaat)
        return Id(kandidaat)

    def nieuw_persoon(self) -> Id:
        rng = self.rng
        voorletters = "".join(rng.choice(VOORLETTERS) for _ in range(rng.choice((1, 1, 2, 2, 3))))
        achternaam = rng.choice(ACHTERNAMEN)
        naam = ".".join(voorletters) + ". " + achternaam
        pid = self.nieuw_id(f"{voorletters.lower()}-{slug(achternaam)}")
        self.personen[pid] = {"naam": naam, "functies": []}
        return pid

    def bekleed(
        self,
        persoon: str,
        functie: str,
        gemeente: str | None,
        vanaf: date,
        tot: date | None,
        toelichting: str | None = None,
    ) -> Segment:
        bezetting: dict[str, Any] = {"functie": Id(functie)}
        if gemeente is not None:
            bezetting["gemeente"] = Id(gemeente)
        bezetting.update(periode(vanaf, tot))
        if toelichting:
            bezetting["toelichting"] = toelichting
        self.personen[persoon]["functies"].append(bezetting)
        self.bezettingen += 1
        return Segment(persoon, vanaf, tot)

    def datum_tussen(self, begin: date, eind: date) -> date:
        return begin + timedelta(days=self.rng.randint(0, max(0, (eind - begin).days)))

    def vul_zetel(
        self,
        functie: str,
        gemeente: str,
        eerste: str,
        begin: date,
        eind: date | None,
        kans_wissel: float,
    ) -> Zetel:
        """A seat for one term: the first holder, perhaps replaced once half-way."""
        if self.rng.random() < kans_wissel:
            laatst = min(eind or LAATSTE_WISSELING, LAATSTE_WISSELING) - timedelta(days=30)
            if laatst > begin + timedelta(days=90):
                wissel = self.datum_tussen(begin + timedelta(days=60), laatst)
                opvolger = self.nieuw_persoon()
                return [
                    self.bekleed(eerste, functie, gemeente, begin, wissel),
                    self.bekleed(opvolger, functie, gemeente, wissel + EEN_DAG, eind),
                ]
        return [self.bekleed(eerste, functie, gemeente, begin, eind)]

    def keten(
        self,
        functie: str,
        gemeente: str | None,
        start: date,
        jaren: tuple[int, int],
        hergebruik: bool = False,
    ) -> Zetel:
        """Successive holders of a single-seat post: each term ends the day before the next."""
        rng = self.rng
        zetel: Zetel = []
        while True:
            toelichting = None
            if rng.random() < 0.12:
                duur = rng.randint(120, 540)
                toelichting = "waarnemend"
            else:
                duur = rng.randint(jaren[0] * 365, jaren[1] * 365)
            eind: date | None = start + timedelta(days=duur)
            if eind >= LAATSTE_WISSELING:
                eind = None
            persoon = None
            if hergebruik and self.oud_burgemeesters and rng.random() < 0.3:
                vrij, kandidaat = self.oud_burgemeesters[0]
                if vrij < start:
                    persoon = kandidaat
                    self.oud_burgemeesters.pop(0)
            if persoon is None:
                persoon = self.nieuw_persoon()
            zetel.append(self.bekleed(persoon, functie, gemeente, start, eind, toelichting))
            if eind is None:
                return zetel
            if hergebruik and toelichting is None:
                self.oud_burgemeesters.append((eind, persoon))
                self.oud_burgemeesters.sort()
            start = eind + EEN_DAG

    # memberships

    def lid(
        self,
        leden: list[dict[str, Any]],
        zetel: Zetel,
        functie: str,
        gemeente: str | None,
        binnen: tuple[date | None, date | None] = (None, None),
        rol: str | None = None,
    ) -> list[Segment]:
        """Name the holders of `zetel` as members, clipped to the period `binnen`."""
        van, tot = binnen[0] or date.min, binnen[1] or date.max
        gevolgd = []
        for s in zetel:
            begin, eind = max(s.vanaf, van), min(s.tot or date.max, tot)
            if begin > eind:
                continue
            lid: dict[str, Any] = {"persoon": Id(s.persoon), "functie": Id(functie)}
            if gemeente is not None:
                lid["gemeente"] = Id(gemeente)
            if rol:
                lid["rol"] = rol
            lid.update(periode(begin, None if eind == date.max else eind))
            leden.append(lid)
            self.lidmaatschappen += 1
            gevolgd.append(Segment(s.persoon, begin, None if eind == date.max else eind))
        return gevolgd

    def orgaan(self, basis: str, **velden: Any) -> Id:
        oid = self.nieuw_id(basis)
        self.organen[oid] = {k.replace("_", "-"): v for k, v in velden.items() if v}
        return oid

    # the parts of the file

    def maak_gemeenten(self) -> None:
        rng = self.rng
        namen: set[str] = set()
        while len(namen) < self.maat.gemeenten:
            worp = rng.random()
            if worp < 0.04:
                naam = rng.choice(FRIES[0]) + rng.choice(FRIES[1])
            else:
                naam = rng.choice(STAMMEN) + rng.choice(SUFFIXEN)
                if worp < 0.15:
                    naam = rng.choice(VOORVOEGSELS) + naam
                elif worp < 0.2:
                    naam = "De " + naam
            if slug(naam) not in {slug(n) for n in namen}:
                namen.add(naam)
        # Regions of 6 to 12 gemeenten, in provinces, in order: neighbours are close by.
        gemeente_namen = sorted(namen)
        rng.shuffle(gemeente_namen)
        codes = rng.sample(range(1, 2000), len(gemeente_namen))
        volgorde: list[tuple[str, str]] = []  # (id, naam)
        for naam, code in zip(gemeente_namen, codes, strict=True):
            gid = self.nieuw_id(slug(naam))
            volgorde.append((gid, naam))
            self.gemeenten[gid] = {"naam": naam, "cbs": f"GM{code:04d}"}
        groottes = []
        over = len(volgorde)
        while over > 0:
            n = min(over, rng.randint(6, 12))
            if 0 < over - n < 6 and groottes:
                n = over
            groottes.append(n)
            over -= n
        afkortingen: set[str] = set()
        positie = 0
        for i, n in enumerate(groottes):
            provincie = PROVINCIES[i * len(PROVINCIES) // len(groottes)]
            leden = [gid for gid, _ in volgorde[positie : positie + n]]
            positie += n
            while True:
                a, b = rng.sample(STAMMEN, 2)
                achter = [x for x in REGIO_ACHTER if x not in (a.lower(), b.lower())]
                regionaam = f"{a}{rng.choice(achter)}-{b}{rng.choice(achter)}"
                afk = slug(a)[0] + slug(b)[0]
                if afk in afkortingen:
                    afk += slug(b)[1:3]
                if afk not in afkortingen and not {f"{afk}-overleg", afk} & self.ids:
                    break
            afkortingen.add(afk)
            themas = rng.sample(THEMAS, rng.randint(5, 9))
            self.regios.append(Regio(afk, regionaam, provincie, leden, leden[0], themas))
            for gid in leden:
                self.gemeenten[gid]["provincie"] = provincie
                self.gemeenten[gid]["bron"] = [Id("cbs-gemeentecodes"), Id(f"{afk}-website")]

    def maak_bronnen_en_soorten(self) -> None:
        self.bronnen["synthetisch"] = {
            "titel": f"Synthetische gegevens (benchmarks/genereer.py, zaad {self.zaad})",
            "toelichting": "Gegenereerd voor de benchmarks; geen echte personen of organen.",
        }
        self.bronnen["cbs-gemeentecodes"] = {"titel": "CBS, gemeentecodes (fictief)"}
        for soort in ("samenwerkingsverband", "bestuur", "overleg", "platform", "team"):
            self.soorten[soort] = {"naam": soort}
        self.soorten["werkgroep"] = {"naam": "ambtelijke werkgroep"}
        self.soorten["projectgroep"] = {"naam": "projectgroep"}

    def maak_personen_per_gemeente(self) -> None:
        rng = self.rng
        for gid in self.gemeenten:
            grootte = rng.choices(RAADSGROOTTES, RAADSGEWICHTEN)[0]
            vorige_raad: list[str] = []
            vorig_college: list[str] = []
            self.raad[gid], self.college[gid] = [], []
            for begin, eind in TERMIJNEN:
                aantal_wethouders = max(2, min(9, round(grootte / 5) + rng.randint(-1, 1)))
                wethouders = [p for p in vorig_college if rng.random() < 0.45]
                overstappers = [p for p in vorige_raad if rng.random() < 0.06]
                wethouders += overstappers
                del wethouders[aantal_wethouders:]
                while len(wethouders) < aantal_wethouders:
                    wethouders.append(self.nieuw_persoon())
                gebleven = [p for p in vorige_raad if p not in wethouders and rng.random() < 0.5]
                raadsleden = gebleven[:grootte]
                while len(raadsleden) < grootte:
                    raadsleden.append(self.nieuw_persoon())
                raad = [self.vul_zetel("raadslid", gid, p, begin, eind, 0.1) for p in raadsleden]
                college = [
                    self.vul_zetel("wethouder", gid, p, begin, eind, 0.15) for p in wethouders
                ]
                self.raad[gid].append(raad)
                self.college[gid].append(college)
                vorige_raad = [zetel[-1].persoon for zetel in raad]
                vorig_college = [zetel[-1].persoon for zetel in college]
        # Single-seat posts: a chain of holders from before the first term up to now. Ex-
        # burgemeesters may become burgemeester elsewhere later.
        for gid in self.gemeenten:
            start = self.datum_tussen(date(2008, 1, 1), date(2017, 12, 31))
            self.keten("burgemeester", gid, start, (3, 10), hergebruik=True)
            start = self.datum_tussen(date(2009, 1, 1), date(2018, 6, 30))
            self.keten("gemeentesecretaris", gid, start, (3, 9))

    def maak_functies(self) -> None:
        self.functies["burgemeester"] = {"naam": "burgemeester", "per-gemeente": True, "zetels": 1}
        self.functies["wethouder"] = {"naam": "wethouder", "per-gemeente": True}
        self.functies["gemeentesecretaris"] = {
            "naam": "gemeentesecretaris",
            "per-gemeente": True,
            "zetels": 1,
        }
        self.functies["raadslid"] = {"naam": "raadslid", "per-gemeente": True}
        for fid in self.functies:
            self.ids.add(fid)

    def maak_regio(self, regio: Regio, landsdeel: str | None) -> None:
        rng = self.rng
        afk = regio.afk
        g = [Id(x) for x in regio.gemeenten]
        centrum = Id(regio.centrum)
        website, jaarverslag = Id(f"{afk}-website"), Id(f"{afk}-jaarverslag")
        self.bronnen[website] = {
            "titel": f"{regio.naam}, website",
            "url": f"https://www.{afk}-regio.example/",
        }
        self.bronnen[jaarverslag] = {"titel": f"{regio.naam}, jaarverslag 2025"}

        # Regiosecretarissen: an algemeen regiosecretaris and one per one or two portfolios.
        algemeen = self.nieuw_id(f"{afk}-algemeen-regiosecretaris")
        self.functies[algemeen] = {"naam": f"algemeen regiosecretaris {regio.naam}", "zetels": 1}
        self.keten(algemeen, None, self.datum_tussen(date(2012, 1, 1), date(2018, 1, 1)), (3, 8))
        secretaris_van: dict[str, Id] = {}
        themas = list(regio.themas)
        team_functies = [algemeen]
        while themas:
            bundel = [themas.pop(0) for _ in range(min(len(themas), rng.choice((1, 1, 2))))]
            fid = self.nieuw_id(f"{afk}-regiosecretaris-{bundel[0][0]}")
            naam = " en ".join(t[1] for t in bundel)
            self.functies[fid] = {"naam": f"regiosecretaris {naam}", "zetels": 1}
            self.keten(fid, None, self.datum_tussen(date(2012, 1, 1), date(2018, 1, 1)), (2, 8))
            team_functies.append(fid)
            for thema, _ in bundel:
                secretaris_van[thema] = fid

        relaties = [{"deelregio-van": Id(landsdeel)}] if landsdeel else []
        overleg = self.orgaan(
            f"{afk}-overleg",
            naam=f"{regio.naam} Overleg",
            aliassen=[afk.upper(), regio.naam],
            soort=Id("samenwerkingsverband"),
            omschrijving=f"Samenwerking van {len(g)} gemeenten: "
            + ", ".join(self.gemeenten[x]["naam"] for x in g)
            + ".",
            rechtsvorm="gemeenschappelijke regeling",
            secretariaat=self.gemeenten[centrum]["naam"],
            bron=[website, Id("synthetisch")],
            relaties=relaties,
        )
        ondersteuning = [{"functie": algemeen}]

        leden: list[dict[str, Any]] = []
        for t, _ in enumerate(TERMIJNEN):
            for gemeente in rng.sample(g, min(2, len(g))):
                zetel = rng.choice(self.college[gemeente][t])
                self.lid(leden, zetel, "wethouder", gemeente, rol="aanvullend lid")
        self.orgaan(
            f"{afk}-regiegroep",
            naam="Regiegroep",
            soort=Id("bestuur"),
            onderdeel_van=overleg,
            omschrijving=f"Het dagelijks bestuur van het {regio.naam} Overleg.",
            taken=["strategische koers van de regio", "afstemming tussen de portefeuilles"],
            relaties=[{"dagelijks-bestuur-van": overleg}],
            samenstelling=[
                {"functie": Id("burgemeester"), "aantal": 1, "gemeenten": g},
                {
                    "functie": Id("wethouder"),
                    "wijze": "benoemd",
                    "rol": "aanvullend lid",
                    "gemeenten": g,
                    "toelichting": "portefeuillehouders met een bovenregionale portefeuille",
                },
            ],
            leden=leden,
            voorzitter=[{"functie": Id("burgemeester"), "gemeente": centrum}],
            ondersteuning=ondersteuning,
            bron=[jaarverslag],
        )
        self.orgaan(
            f"{afk}-plenair-overleg",
            naam=f"Plenair overleg {regio.naam}",
            aliassen=[f"Plenair {afk.upper()}"],
            soort=Id("overleg"),
            onderdeel_van=overleg,
            omschrijving="Bijeenkomst van de voltallige colleges van de gemeenten.",
            samenstelling=[
                {"functie": Id("burgemeester"), "aantal": 1, "gemeenten": g},
                {"functie": Id("wethouder"), "gemeenten": g},
            ],
            voorzitter=[{"functie": Id("burgemeester"), "gemeente": centrum}],
            ondersteuning=ondersteuning,
            vergaderritme=[{"per-jaar": rng.choice((1, 2)), "locatie": "wisselend"}],
            bron=[website],
        )
        self.orgaan(
            f"{afk}-secretarissenoverleg",
            naam=f"Secretarissenoverleg {regio.naam}",
            soort=Id("overleg"),
            onderdeel_van=overleg,
            omschrijving="De aanjager van de samenwerking.",
            samenstelling=[{"functie": Id("gemeentesecretaris"), "aantal": 1, "gemeenten": g}],
            voorzitter=[{"roulerend": True}],
            ondersteuning=ondersteuning,
            bron=[website],
        )
        team = self.orgaan(
            f"{afk}-team",
            naam=f"{afk.upper()}-team",
            soort=Id("team"),
            onderdeel_van=overleg,
            omschrijving="Het team van regiosecretarissen.",
            samenstelling=[{"functie": f} for f in team_functies],
            bron=[website],
        )
        leden = []
        voorzitters: list[dict[str, Any]] = []
        for t, _ in enumerate(TERMIJNEN):
            for gemeente in g:
                for zetel in rng.sample(self.raad[gemeente][t], 2):
                    gevolgd = self.lid(leden, zetel, "raadslid", gemeente)
                    if gemeente == centrum and not voorzitters[t:]:
                        s = gevolgd[0]
                        voorzitters.append({"persoon": Id(s.persoon), **periode(s.vanaf, s.tot)})
        self.orgaan(
            f"{afk}-raadsledenplatform",
            naam=f"{regio.naam} Raadsledenplatform",
            soort=Id("platform"),
            onderdeel_van=overleg,
            omschrijving="Platform van raadsleden, twee per raad.",
            samenstelling=[
                {
                    "functie": Id("raadslid"),
                    "aantal": 2,
                    "wijze": "benoemd",
                    "gemeenten": g,
                    "toelichting": "twee raadsleden per raad",
                }
            ],
            leden=leden,
            voorzitter=voorzitters,
            bron=[website],
        )

        # Portefeuillehoudersoverleggen, each supported from the team and prepared by a
        # werkgroep with a few projectgroepen.
        soort = Id(f"{afk}-portefeuillehoudersoverleg")
        self.soorten[soort] = {
            "naam": f"portefeuillehoudersoverleg {regio.naam}",
            "ondersteuning-uit": team,
            "voorbereid-door": Id("werkgroep"),
            "bron": [jaarverslag],
        }
        portefeuille = {thema: i for i, (thema, _) in enumerate(regio.themas)}
        for thema, themanaam in regio.themas:
            worp = rng.random()
            looptijd: tuple[date | None, date | None] = (None, None)
            status: list[dict[str, Any]] | str = "actief"
            if worp < 0.08:
                status = [
                    {"waarde": "in-overweging", "tot-en-met": date(2019, 12, 31)},
                    {"waarde": "actief", "vanaf": date(2020, 1, 1)},
                ]
                looptijd = (date(2020, 1, 1), None)
            elif worp < 0.14:
                looptijd = (date(2020, 1, 1), None)
            elif worp < 0.19:
                looptijd = (None, date(2021, 12, 31))
            elif worp < 0.25:
                status = "in-overweging"
            elif worp < 0.29:
                status = "betwist"
            actief = status != "in-overweging" and status != "betwist"
            leden = []
            if actief:
                for t, _ in enumerate(TERMIJNEN):
                    for gemeente in g:
                        college = self.college[gemeente][t]
                        zetel = college[portefeuille[thema] % len(college)]
                        self.lid(
                            leden, zetel, "wethouder", gemeente, looptijd, "portefeuillehouder"
                        )
            pho = self.orgaan(
                f"{afk}-pho-{thema}",
                naam=f"Portefeuillehoudersoverleg {themanaam}",
                aliassen=[f"PHO {themanaam}"],
                soort=soort,
                status=status,
                onderdeel_van=overleg,
                omschrijving=f"Afspraken over {themanaam.lower()} in {regio.naam}.",
                samenstelling=[
                    {
                        "functie": Id("wethouder"),
                        "wijze": "benoemd",
                        "rol": "portefeuillehouder",
                        "gemeenten": g,
                    }
                ],
                leden=leden,
                ondersteuning=[{"functie": secretaris_van[thema]}] if actief else [],
                **periode(*looptijd),
                bron=[jaarverslag],
            )
            if status == "betwist":
                self.tegenstrijdigheden[self.nieuw_id(f"bestaat-{pho}")] = {
                    "onderwerp": f"Bestaat het {pho}?",
                    "uitspraken": [
                        {
                            "tekst": f"Het PHO {themanaam} komt vier keer per jaar bijeen.",
                            "bron": website,
                            "plaats": "Overlegstructuur",
                        },
                        {
                            "tekst": f"Een PHO {themanaam} is er (nog) niet.",
                            "bron": jaarverslag,
                            "plaats": "Hoofdstuk 2",
                        },
                    ],
                    "betreft": [pho],
                    "verwerking": "Status 'betwist' tot een bron het bevestigt.",
                }
            werkgroep = self.orgaan(
                f"{afk}-werkgroep-{thema}",
                naam=f"Ambtelijke werkgroep {themanaam}",
                soort=Id("werkgroep"),
                status=status,
                onderdeel_van=overleg,
                relaties=[{"bereidt-voor": pho}],
                **periode(*looptijd),
                bron=[jaarverslag],
            )
            for k in range(rng.choice((0, 1, 1, 2))):
                self.projectgroep(afk, thema, themanaam, k, werkgroep, status, looptijd)

    def projectgroep(
        self,
        afk: str,
        thema: str,
        themanaam: str,
        k: int,
        werkgroep: Id,
        status: list[dict[str, Any]] | str,
        looptijd: tuple[date | None, date | None],
    ) -> None:
        self.orgaan(
            f"{afk}-projectgroep-{thema}-{k + 1}",
            naam=f"Projectgroep {themanaam} {k + 1}",
            soort=Id("projectgroep"),
            status=status,
            onderdeel_van=werkgroep,
            relaties=[{"bereidt-voor": werkgroep}],
            **periode(*looptijd),
            bron=[Id(f"{afk}-jaarverslag")],
        )

    def maak_regeling(self, soort: tuple[str, str], gemeenten: list[Id], db: int) -> None:
        rng = self.rng
        basis = self.gemeenten[gemeenten[0]]["naam"]
        gid = self.orgaan(
            f"{soort[0]}-{slug(basis)}",
            naam=f"{soort[1]} {basis}",
            soort=Id("samenwerkingsverband"),
            omschrijving=f"Gemeenschappelijke regeling van {len(gemeenten)} gemeenten.",
            rechtsvorm="gemeenschappelijke regeling (openbaar lichaam)",
            secretariaat=basis,
        )
        bron = Id(f"{gid}-regeling")
        self.bronnen[bron] = {"titel": f"Gemeenschappelijke regeling {soort[1]} {basis}"}
        self.organen[gid]["bron"] = [bron]
        leden: list[dict[str, Any]] = []
        per_gemeente: dict[str, list[Zetel]] = {}
        for gemeente in gemeenten:
            per_gemeente[gemeente] = [rng.choice(c) for c in self.college[gemeente]]
        voorzitters: list[dict[str, Any]] = []
        for t, _ in enumerate(TERMIJNEN):
            for gemeente in gemeenten:
                gevolgd = self.lid(leden, per_gemeente[gemeente][t], "wethouder", gemeente)
                if gemeente == gemeenten[0]:
                    voorzitters += [
                        {"persoon": Id(s.persoon), **periode(s.vanaf, s.tot)} for s in gevolgd
                    ]
        ab = self.orgaan(
            f"{gid}-algemeen-bestuur",
            naam=f"Algemeen bestuur {soort[1]} {basis}",
            aliassen=["AB"],
            soort=Id("bestuur"),
            onderdeel_van=gid,
            samenstelling=[
                {
                    "functie": Id("wethouder"),
                    "aantal": 1,
                    "wijze": "benoemd",
                    "gemeenten": gemeenten,
                }
            ],
            leden=leden,
            voorzitter=voorzitters,
            bron=[bron],
        )
        dagelijks = gemeenten[:db]
        leden = []
        for t, _ in enumerate(TERMIJNEN):
            for gemeente in dagelijks:
                self.lid(leden, per_gemeente[gemeente][t], "wethouder", gemeente)
        self.orgaan(
            f"{gid}-dagelijks-bestuur",
            naam=f"Dagelijks bestuur {soort[1]} {basis}",
            aliassen=["DB"],
            soort=Id("bestuur"),
            onderdeel_van=gid,
            relaties=[{"dagelijks-bestuur-van": gid}, {"bereidt-voor": ab}],
            samenstelling=[
                {
                    "functie": Id("wethouder"),
                    "aantal": 1,
                    "wijze": "benoemd",
                    "gemeenten": dagelijks,
                }
            ],
            leden=leden,
            voorzitter=[{"roulerend": True}],
            bron=[bron],
        )
        self.orgaan(
            f"{gid}-directeurenoverleg",
            naam=f"Directeurenoverleg {soort[1]} {basis}",
            soort=Id("overleg"),
            onderdeel_van=gid,
            samenstelling=[
                {"functie": Id("gemeentesecretaris"), "aantal": 1, "gemeenten": gemeenten}
            ],
            voorzitter=[{"roulerend": True}],
            bron=[bron],
        )

    def maak(self) -> dict[str, Any]:
        self.maak_bronnen_en_soorten()
        self.maak_functies()
        self.maak_gemeenten()
        self.maak_personen_per_gemeente()

        provincies = sorted({r.provincie for r in self.regios}, key=PROVINCIES.index)
        landsdelen = {}
        for provincie in provincies:
            regios = [r for r in self.regios if r.provincie == provincie]
            landsdelen[provincie] = self.orgaan(
                f"provinciaal-overleg-{slug(provincie)}",
                naam=f"Provinciaal overleg {provincie}",
                soort=Id("samenwerkingsverband"),
                deelregios=[r.naam for r in regios],
                bron=[Id("synthetisch")],
            )
        for regio in self.regios:
            self.maak_regio(regio, landsdelen[regio.provincie])

        # Gemeenschappelijke regelingen (4 organen each) fill the organen up to the target;
        # their size is chosen so that the filled seats come out near the target too.
        over = self.maat.organen - len(self.organen)
        if over < 0:
            raise SystemExit(f"te veel regionale organen ({len(self.organen)}) voor deze maat")
        aantal_regelingen, rest = divmod(over, 4)
        zetels_nu = self.bezettingen + self.lidmaatschappen
        per_lid = 3.5  # memberships per gemeente per regeling: three terms, some replacements
        nodig = max(0, self.maat.zetels - zetels_nu) / max(1, aantal_regelingen) / per_lid
        gemiddeld = max(2.0, min(15.0, nodig - 2.2))  # minus the dagelijks bestuur seats
        volgorde = [Id(x) for x in self.gemeenten]
        for _ in range(aantal_regelingen):
            grootte = max(2, min(len(volgorde), round(self.rng.gauss(gemiddeld, 2.5))))
            start = self.rng.randrange(0, len(volgorde) - grootte + 1)
            deelnemers = volgorde[start : start + grootte]
            self.maak_regeling(self.rng.choice(REGELINGEN), deelnemers, min(3, grootte))
        for regio in self.regios[:rest]:  # the last one to three: one more projectgroep
            thema, themanaam = regio.themas[0]
            werkgroep = Id(f"{regio.afk}-werkgroep-{thema}")
            gegevens = self.organen[werkgroep]
            looptijd = (gegevens.get("vanaf"), gegevens.get("tot-en-met"))
            status = gegevens.get("status", "actief")
            self.projectgroep(regio.afk, thema, themanaam, 90, werkgroep, status, looptijd)

        for persoon in self.personen.values():
            persoon["functies"].sort(key=lambda b: (b.get("vanaf", date.min), b["functie"]))
        return {
            "versie": 1,
            "bronnen": self.bronnen,
            "soorten": self.soorten,
            "gemeenten": self.gemeenten,
            "functies": self.functies,
            "personen": self.personen,
            "organen": self.organen,
            "tegenstrijdigheden": self.tegenstrijdigheden,
        }


# --- entry points -------------------------------------------------------------------------


def generator_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def tel(pad: Path) -> dict[str, int]:
    """Counts of a file on disk (parsed with PyYAML); for S, whose content is not ours."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with pad.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=loader) or {}
    personen = data.get("personen") or {}
    organen = data.get("organen") or {}
    bezettingen = sum(len(p.get("functies") or []) for p in personen.values())
    leden = 0
    for o in organen.values():
        waarde = o.get("leden") or []
        leden += 1 if isinstance(waarde, dict) else len(waarde)
    return {
        "bytes": pad.stat().st_size,
        "gemeenten": len(data.get("gemeenten") or {}),
        "organen": len(organen),
        "personen": len(personen),
        "bezettingen": bezettingen,
        "lidmaatschappen": leden,
        "gevulde_zetels": bezettingen + leden,
    }


def _eerste(sleutels: Iterable[str], voorkeur: str) -> str:
    sleutels = list(sleutels)
    return voorkeur if voorkeur in sleutels else sleutels[0]


def genereer(maat: str, zaad: int, uit: Path = UIT) -> Path:
    """Write benchmarks/uit/<maat>.yaml and its description; return the path."""
    uit.mkdir(parents=True, exist_ok=True)
    pad = uit / f"{maat}.yaml"
    if maat == "S":
        shutil.copyfile(GELEVERD, pad)
        import yaml

        data = yaml.load(pad.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        vraag = {
            "orgaan": _eerste(data.get("organen") or {}, "plenair-overleg"),
            "gemeente": _eerste(data.get("gemeenten") or {}, "amstelveen"),
        }
    else:
        generator = Generator(MATEN[maat], zaad)
        document = generator.maak()
        kop = (
            f"Synthetische gegevens voor de benchmarks: maat {maat}, zaad {zaad}.\n"
            "Gemaakt door benchmarks/genereer.py; niet bewerken, opnieuw genereren.\n"
            "Alle personen, gemeenten en organen zijn verzonnen."
        )
        pad.write_text(als_yaml(document, kop), encoding="utf-8", newline="\n")
        eerste = generator.regios[0]
        vraag = {"orgaan": f"{eerste.afk}-plenair-overleg", "gemeente": eerste.centrum}
    if maat == "S":
        telling = tel(pad)
    else:
        telling = {
            "bytes": pad.stat().st_size,
            "gemeenten": len(generator.gemeenten),
            "organen": len(generator.organen),
            "personen": len(generator.personen),
            "bezettingen": generator.bezettingen,
            "lidmaatschappen": generator.lidmaatschappen,
            "gevulde_zetels": generator.bezettingen + generator.lidmaatschappen,
        }
    beschrijving = {
        "maat": maat,
        "zaad": zaad,
        "generator": generator_hash(),
        **telling,
        "vraag": vraag,
    }
    pad.with_suffix(".json").write_text(
        json.dumps(beschrijving, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return pad


def actueel(maat: str, zaad: int, uit: Path = UIT) -> bool:
    """True when uit/<maat>.yaml exists and was written by this generator with this seed."""
    pad, beschrijving = uit / f"{maat}.yaml", uit / f"{maat}.json"
    if not pad.is_file() or not beschrijving.is_file():
        return False
    try:
        gegevens = json.loads(beschrijving.read_text(encoding="utf-8"))
    except ValueError:
        return False
    if maat == "S" and pad.read_bytes() != GELEVERD.read_bytes():
        return False
    return gegevens.get("generator") == generator_hash() and gegevens.get("zaad") == zaad


def beschrijving(maat: str, uit: Path = UIT) -> dict[str, Any]:
    return json.loads((uit / f"{maat}.json").read_text(encoding="utf-8"))


def maten_lijst(tekst: str) -> list[str]:
    maten = [m.strip().upper() for m in tekst.split(",") if m.strip()]
    onbekend = [m for m in maten if m not in ("S", *MATEN)]
    if onbekend:
        raise argparse.ArgumentTypeError(f"onbekende maat: {', '.join(onbekend)} (kies S, M, L)")
    return maten


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zaad", type=int, default=1, help="zaad (seed); standaard 1")
    parser.add_argument("--maten", type=maten_lijst, default=["S", "M", "L"], help="bijv. S,M,L")
    parser.add_argument("--uit", type=Path, default=UIT, help="map voor de bestanden")
    args = parser.parse_args(argv)
    for maat in args.maten:
        pad = genereer(maat, args.zaad, args.uit)
        b = beschrijving(maat, args.uit)
        print(
            f"{pad}: {b['bytes'] / 1e6:.1f} MB, {b['gemeenten']} gemeenten, "
            f"{b['organen']} organen, {b['personen']} personen, {b['gevulde_zetels']} gevulde "
            f"zetels ({b['bezettingen']} bezettingen + {b['lidmaatschappen']} lidmaatschappen)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
