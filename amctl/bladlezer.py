"""The rows of a sheet read against the model, for `amctl importeer` (amctl.importeren).

A row (amctl.blad.Rij: the text per column) becomes a checked Regel: names of functies,
gemeenten, portefeuilles and organen turned into ids, dates read, the portefeuille cell
'wonen, economie (vanaf 2027-01-01)' split into parts; and Personen says who each row is
about (an id given, else the exact name, else a new id from the name). Whatever is wrong is
collected as a BladProbleem with its row and column, so that every bad row can be named at
once. Nothing here knows what the file already holds beyond its names: comparing with it
and writing are amctl.importeren's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import NamedTuple

from amctl.bewerken import persoon_id
from amctl.blad import JA, BladProbleem, Rij
from amctl.grenzen import EERSTE_JAAR, LAATSTE_JAAR, MAX_ID
from amctl.model import ID_PATROON, Organisatie
from amctl.probleem import GebruiksFout
from amctl.tekst import suggestie
from amctl.vragen import zoek_orgaan

_ISO = re.compile(r"(?P<j>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\Z")
_DMJ = re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<j>\d{4})\Z")  # Dutch Excel's CSV
_ANDERS = re.compile(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}\Z")
_KORT_JAAR = re.compile(r"\d{1,2}-\d{1,2}-\d{2}\Z")
_SCHRIJF = "schrijf JJJJ-MM-DD (2026-04-01) of dag-maand-jaar met streepjes (1-4-2026)"
_NORMAAL = re.compile(r"[\s_\-]+")
_DEEL = re.compile(r"\s*(?P<naam>[^()]+?)\s*(?:\((?P<periode>[^()]*)\))?\s*\Z")
_PERIODE = re.compile(
    r"\s*(?:vanaf\s+(?P<vanaf>\S+)|t/m\s+(?P<totmet>\S+)|(?P<van>\S+)\s+t/m\s+(?P<tot>\S+))\s*\Z"
)


def lees_datum(tekst: str) -> date:
    """A date as a sheet holds it: JJJJ-MM-DD, or D-M-JJJJ and DD-MM-JJJJ as Dutch Excel saves
    a CSV. Every other form is refused (ValueError with the sentence to show): with '/' or '.'
    day and month can be either way round, a year of two digits any century."""
    gevonden = _ISO.match(tekst) or _DMJ.match(tekst)
    if gevonden is None:
        if _ANDERS.match(tekst):
            reden = (
                f"In '{tekst}' is niet zeker wat de dag en wat de maand is (een Engelse Excel "
                f"schrijft 12/31/2026); {_SCHRIJF}"
            )
        elif _KORT_JAAR.match(tekst):
            reden = f"'{tekst}' heeft een jaar van twee cijfers; {_SCHRIJF}"
        else:
            reden = f"'{tekst}' is geen datum; {_SCHRIJF}"
        raise ValueError(reden + " (in Excel: celopmaak Tekst of Datum).")
    try:
        dag = date(int(gevonden["j"]), int(gevonden["m"]), int(gevonden["d"]))
    except ValueError:
        raise ValueError(f"'{tekst}' is geen bestaande dag; {_SCHRIJF}.") from None
    if not EERSTE_JAAR <= dag.year <= LAATSTE_JAAR:
        raise ValueError(f"'{tekst}' is geen datum tussen {EERSTE_JAAR} en {LAATSTE_JAAR}.")
    return dag


class Deel(NamedTuple):
    """A portefeuille of a holding, for the whole term (no dates) or part of it."""

    portefeuille: str
    vanaf: date | None
    tot_en_met: date | None


class Regel(NamedTuple):
    """A checked row: a holding (orgaan None) or a named membership."""

    rij: int
    persoon: str
    functie: str
    gemeente: str | None
    vanaf: date | None
    tot_en_met: date | None
    orgaan: str | None
    rol: str | None
    bron: tuple[str, ...]
    portefeuilles: tuple[Deel, ...] = ()
    waarnemend: bool = False

    @property
    def sleutel(self) -> tuple:
        return (self.orgaan, self.persoon, self.functie, self.gemeente, self.vanaf)


def _normaal(tekst: str) -> str:
    return _NORMAAL.sub(" ", tekst.casefold()).strip()


class Lezer:
    """Turns the text of a row into ids of the model, collecting what is wrong."""

    def __init__(self, org: Organisatie) -> None:
        self.org = org
        self.problemen: list[BladProbleem] = []
        self.functies = {_normaal(k): f.id for f in org.functies.values() for k in (f.id, f.naam)}
        self.gemeenten = {
            _normaal(k): g.id
            for g in org.gemeenten.values()
            for k in (g.id, g.naam, *([g.cbs] if g.cbs else []))
        }
        self.portefeuilles = {
            _normaal(k): p.id for p in org.portefeuilles.values() for k in (p.id, p.naam)
        }
        self.op_naam: dict[str, list[str]] = defaultdict(list)  # as a cell holds it: stripped
        for p in org.personen.values():
            self.op_naam[p.naam.strip()].append(p.id)

    def fout(self, rij: Rij, kolom: str | None, melding: str) -> None:
        self.problemen.append(BladProbleem(rij.nummer, kolom, melding))

    def id_uit(self, rij: Rij, kolom: str, namen: dict[str, str], soort: str) -> str | None:
        tekst = rij.waarden[kolom]
        gevonden = namen.get(_normaal(tekst))
        if gevonden is None:
            tip = suggestie(_normaal(tekst), namen)
            hint = f" Bedoelde u '{namen[tip]}'?" if tip else ""
            self.fout(rij, kolom, f"Onbekende {soort} '{tekst}'.{hint}")
        return gevonden

    def datum(self, rij: Rij, kolom: str) -> date | None:
        tekst = rij.waarden[kolom]
        if not tekst:
            return None
        try:
            return lees_datum(tekst)
        except ValueError as reden:
            self.fout(rij, kolom, str(reden))
            return None

    def delen(self, rij: Rij) -> tuple[Deel, ...]:
        """The cell 'wonen, economie (vanaf 2027-01-01)' as portefeuilles with their dates."""
        delen = []
        for stuk in rij.waarden["portefeuilles"].split(","):
            if not stuk.strip():
                continue
            gevonden = _DEEL.match(stuk)
            periode = (
                _PERIODE.match(gevonden["periode"]) if gevonden and gevonden["periode"] else None
            )
            if gevonden is None or (gevonden["periode"] is not None and periode is None):
                self.fout(
                    rij,
                    "portefeuilles",
                    f"'{stuk.strip()}' is geen portefeuille; schrijf bijv. 'wonen', 'wonen "
                    "(vanaf 2027-01-01)', 'wonen (t/m 2026-11-30)' of 'wonen (2026-04-01 t/m "
                    "2027-12-31)', gescheiden door komma's.",
                )
                continue
            naam = gevonden.group("naam")
            pid = self.portefeuilles.get(_normaal(naam))
            if pid is None:
                tip = suggestie(_normaal(naam), self.portefeuilles)
                hint = f" Bedoelde u '{self.portefeuilles[tip]}'?" if tip else ""
                self.fout(
                    rij,
                    "portefeuilles",
                    f"Onbekende portefeuille '{naam}'.{hint} Een portefeuille moet eerst onder "
                    "'portefeuilles' in het bestand staan.",
                )
                continue
            data = (
                (periode["van"] or periode["vanaf"], periode["tot"] or periode["totmet"])
                if periode
                else (None, None)
            )
            try:
                van, tot = (lees_datum(d) if d else None for d in data)
            except ValueError as reden:
                self.fout(rij, "portefeuilles", str(reden))
                continue
            if van and tot and tot < van:
                self.fout(
                    rij,
                    "portefeuilles",
                    f"In '{stuk.strip()}' ligt t/m vóór vanaf; t/m is de laatste dag die nog "
                    "meetelt.",
                )
                continue
            delen.append(Deel(pid, van, tot))
        return tuple(delen)

    def lees(self, rij: Rij) -> Regel | None:
        """The checked row, or None after reporting what is wrong with it."""
        w = rij.waarden
        voor = len(self.problemen)
        if not w["naam"]:
            self.fout(rij, "naam", "De naam ontbreekt; vul de volledige naam in.")
        if w["persoon"] and not ID_PATROON.match(w["persoon"]):
            self.fout(
                rij,
                "persoon",
                f"'{w['persoon']}' is geen geldig id: kleine letters, cijfers en streepjes, "
                "beginnend met een letter (bijv. a-de-vries); of laat de cel leeg.",
            )
        elif len(w["persoon"]) > MAX_ID and w["persoon"] not in self.org.personen:
            self.fout(
                rij,
                "persoon",
                f"Het id is langer dan {MAX_ID} tekens; kies een korter id of laat de cel leeg.",
            )
        functie = gemeente = orgaan = None
        if not w["functie"]:
            self.fout(
                rij, "functie", f"De functie ontbreekt; kies uit: {', '.join(self.org.functies)}."
            )
        else:
            functie = self.id_uit(rij, "functie", self.functies, "functie")
        if w["gemeente"]:
            gemeente = self.id_uit(rij, "gemeente", self.gemeenten, "gemeente")
        if functie is not None:
            per_gemeente = self.org.functies[functie].per_gemeente
            if per_gemeente and not w["gemeente"]:
                self.fout(
                    rij,
                    "gemeente",
                    f"De functie '{functie}' bestaat per gemeente; vul de gemeente in, bijv. "
                    f"{next(iter(self.org.gemeenten), 'diemen')}.",
                )
            elif not per_gemeente and w["gemeente"]:
                self.fout(
                    rij,
                    "gemeente",
                    f"De functie '{functie}' hoort niet bij een gemeente; maak de cel leeg.",
                )
        vanaf, tot_en_met = self.datum(rij, "vanaf"), self.datum(rij, "tot-en-met")
        if vanaf and tot_en_met and tot_en_met < vanaf:
            self.fout(
                rij,
                "tot-en-met",
                f"tot-en-met ({tot_en_met}) ligt vóór vanaf ({vanaf}); tot-en-met is de laatste "
                "dag die nog meetelt.",
            )
        if w["orgaan"]:
            try:
                orgaan = zoek_orgaan(self.org, w["orgaan"]).id
            except GebruiksFout as fout:
                self.fout(rij, "orgaan", str(fout))
        elif w["rol"]:
            self.fout(
                rij,
                "rol",
                "Een rol hoort bij een lidmaatschap van een orgaan; vul 'orgaan' in of maak "
                "'rol' leeg.",
            )
        bronnen = tuple(b.strip() for b in re.split(r"[,;]", w["bron"]) if b.strip())
        for bron in bronnen:
            if bron not in self.org.bronnen:
                tip = suggestie(bron, self.org.bronnen)
                hint = f" Bedoelde u '{tip}'?" if tip else ""
                self.fout(
                    rij,
                    "bron",
                    f"Onbekende bron '{bron}'.{hint} Een bron moet eerst onder 'bronnen' in het "
                    "bestand staan.",
                )
        delen = self.delen(rij) if w["portefeuilles"] else ()
        if w["portefeuilles"] and w["orgaan"]:
            self.fout(
                rij,
                "portefeuilles",
                "Portefeuilles horen bij de functie (een rij zonder orgaan), niet bij een "
                "lidmaatschap; zet ze in de rij waarin de persoon de functie bekleedt.",
            )
        waarnemend = _normaal(w["waarnemend"]) in (JA, "x", "true", "waar")
        if not waarnemend and _normaal(w["waarnemend"]) not in ("", "nee", "false", "onwaar"):
            self.fout(
                rij,
                "waarnemend",
                f"'{w['waarnemend']}' is geen ja of nee; zet '{JA}' bij een waarnemende termijn, "
                "anders niets.",
            )
        elif waarnemend and w["orgaan"]:
            self.fout(
                rij,
                "waarnemend",
                "Waarnemend hoort bij de functie (een rij zonder orgaan), niet bij een "
                "lidmaatschap; maak de cel leeg.",
            )
        if len(self.problemen) > voor:
            return None
        return Regel(
            rij.nummer,
            w["persoon"],
            functie,
            gemeente,
            vanaf,
            tot_en_met,
            orgaan,
            w["rol"] or None,
            bronnen,
            delen,
            waarnemend,
        )


class Personen:
    """Who each row is about: an id given, else the exact name (in the file, or with an id
    elsewhere in the sheet), else a new id from the name."""

    def __init__(self, lezer: Lezer, rijen: list[Rij]) -> None:
        self.lezer = lezer
        self.org = lezer.org
        self.naam: dict[str, tuple[str, int]] = {}  # id -> (naam in the sheet, first row)
        self.op_naam = {naam: list(ids) for naam, ids in lezer.op_naam.items()}
        for rij in rijen:  # a name the sheet gives an id is that person in any row
            naam, gegeven = rij.waarden["naam"], rij.waarden["persoon"]
            if naam and gegeven and ID_PATROON.match(gegeven):
                ids = self.op_naam.setdefault(naam, [])
                if gegeven not in ids:
                    ids.append(gegeven)

    def wie(self, rij: Rij) -> str | None:
        naam, gegeven = rij.waarden["naam"], rij.waarden["persoon"]
        if gegeven:
            pid = gegeven
        else:
            bestaand = self.op_naam.get(naam, [])
            if len(bestaand) > 1:
                self.lezer.fout(
                    rij,
                    "persoon",
                    f"Er zijn {len(bestaand)} personen met de naam '{naam}' "
                    f"({', '.join(bestaand)}); vul het id in de kolom 'persoon' in.",
                )
                return None
            pid = bestaand[0] if bestaand else persoon_id(naam)
            if not ID_PATROON.match(pid):
                self.lezer.fout(
                    rij, "persoon", f"Van '{naam}' is geen id te maken; vul 'persoon' in."
                )
                return None
            if not bestaand and pid in self.org.personen:
                self.lezer.fout(
                    rij,
                    "persoon",
                    f"Het id '{pid}' (uit de naam) hoort al bij {self.org.personen[pid].naam}. "
                    "Is dat dezelfde persoon, neem dan die naam over; anders vul een ander id "
                    "in bij 'persoon'.",
                )
                return None
        eerder = self.naam.get(pid)
        if eerder is not None and eerder[0] != naam:
            self.lezer.fout(
                rij,
                "naam",
                f"Rij {eerder[1]} noemt '{pid}' '{eerder[0]}', deze rij '{naam}'; maak de namen "
                "gelijk, of geef verschillende ids in de kolom 'persoon'.",
            )
            return None
        self.naam.setdefault(pid, (naam, rij.nummer))
        return pid
