"""The spreadsheet of people in their posts (`amctl importeer`, `amctl exporteer`).

One row per holding (a person holds a functie, `orgaan` empty) or per named membership (a
person sits in an orgaan for a post, `orgaan` filled), under a header row with the columns
of KOLOMMEN in any order, named as a person types them: case, spaces and hyphens do not
count (`Tot en met` is `tot-en-met`). A column amctl does not know is left out with a
warning, unless it looks like one of KOLOMMEN (a typo that would lose data: an error).
A sheet comes as CSV the way Excel writes it (UTF-8 with or without BOM, `;` or `,`, CRLF)
or as .xlsx (the sheet `bezetting`, else the first sheet). Row numbers are the ones the
spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import stat
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from amctl.bestand import onbereikbaar
from amctl.bestand import soort as soort_van
from amctl.grenzen import MAX_BYTES
from amctl.probleem import GebruiksFout
from amctl.tekst import getal, oorzaak, suggestie

# The columns, in the order an export writes them. `portefeuilles` (for a wethouder): ids or
# names, comma-separated; one held for part of the term as 'wonen (vanaf 2027-01-01)',
# 'wonen (t/m 2026-12-31)' or 'wonen (2026-04-01 t/m 2027-12-31)'. `waarnemend`: 'ja' for a
# waarnemend term (JA), else empty.
KOLOMMEN = (
    "naam",
    "persoon",
    "functie",
    "gemeente",
    "vanaf",
    "tot-en-met",
    "orgaan",
    "rol",
    "bron",
    "portefeuilles",
    "waarnemend",
)
VERPLICHT = ("naam", "functie")
JA = "ja"
# What a spreadsheet program reads as the start of a formula (OWASP, "CSV Injection"): a CSV
# export puts a ' before such a cell, and reading a sheet takes that ' off again.
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
BLADNAAM = "bezetting"
# A national sheet (350 gemeenten, their burgemeesters, wethouders and raadsleden) has about
# 15.000 rows; a sheet of more than this many is refused while it is read (a CSV as a stream,
# a workbook row by row), before it costs the memory of all its rows.
MAX_RIJEN = 100_000
# A workbook's cells beyond this column are refused: amctl's sheet has a dozen columns, and a
# row is read as a list up to its last cell, so one cell at XFD1048576 (column 16.384) would
# otherwise cost as much as 16.384 cells in every row.
MAX_KOLOMMEN = 64
MAX_ONDERDELEN = 10_000  # parts of an .xlsx archive (a workbook has a few dozen)


class Rij(NamedTuple):
    """One row as the sheet has it: its number (header = 1) and the text per column."""

    nummer: int
    waarden: dict[str, str]


class BladProbleem(NamedTuple):
    """What is wrong with a row (or the header): row number, column, what to do."""

    rij: int
    kolom: str | None
    melding: str


class Blad(NamedTuple):
    """A sheet read: its rows, and the warnings about its header (columns left out)."""

    rijen: list[Rij]
    waarschuwingen: list[BladProbleem]


class OngeldigBlad(Exception):
    """The sheet has bad rows; nothing is imported (exit status 1)."""

    def __init__(self, bestand: str, problemen: list[BladProbleem]) -> None:
        super().__init__(f"{len(problemen)} probleem/problemen in {bestand}")
        self.bestand = bestand
        self.problemen = sorted(
            problemen, key=lambda p: (p.rij, KOLOMMEN.index(p.kolom) if p.kolom in KOLOMMEN else -1)
        )


def lees_blad(pad: Path) -> Blad:
    """The rows of a .csv or .xlsx file, empty rows left out. A header that names a column
    twice, misses a required one or has one that looks like a known one: OngeldigBlad."""
    soort = pad.suffix.lower()
    if soort not in (".csv", ".xlsx"):
        raise GebruiksFout(
            f"'{pad}' is geen .csv- of .xlsx-bestand; sla het blad op als CSV (UTF-8) of als "
            "Excel-werkmap (.xlsx)."
        )
    try:
        toestand = pad.stat()
    except OSError as fout:
        raise GebruiksFout(onbereikbaar(pad, fout)) from None
    if not stat.S_ISREG(toestand.st_mode):
        raise GebruiksFout(
            f"'{pad}' is {soort_van(toestand)}, geen bestand; geef het pad van het blad zelf."
        )
    if toestand.st_size > MAX_BYTES:
        raise GebruiksFout(
            f"'{pad}' is groter dan {MAX_BYTES // 1024 // 1024} MB; zo'n blad leest amctl niet in. "
            "Splits het in delen."
        )
    rijen = _lees_xlsx(pad) if soort == ".xlsx" else _lees_csv(pad)
    if not rijen:
        raise OngeldigBlad(
            str(pad),
            [
                BladProbleem(
                    1,
                    None,
                    f"Het blad is leeg; de eerste rij noemt de kolommen: {', '.join(KOLOMMEN)}.",
                )
            ],
        )
    kop_nummer, kop = rijen[0]
    kolommen, genegeerd, problemen = _kolommen(kop, kop_nummer)
    if problemen:
        raise OngeldigBlad(str(pad), problemen)
    uit = []
    for nummer, cellen in rijen[1:]:
        if not any(c.strip() for c in cellen):
            continue
        waarden = {k: "" for k in KOLOMMEN}
        for i, cel in enumerate(cellen):
            if i < len(kolommen) and kolommen[i] is not None:
                waarden[kolommen[i]] = als_getypt(cel.strip())
            elif cel.strip() and i not in genegeerd:
                problemen.append(
                    BladProbleem(
                        nummer,
                        None,
                        f"Cel {i + 1} staat buiten de kolommen van de kop; "
                        "geef de kolom een naam in rij 1 of maak de cel leeg.",
                    )
                )
        uit.append(Rij(nummer, waarden))
    if problemen:
        raise OngeldigBlad(str(pad), problemen)
    return Blad(uit, list(genegeerd.values()))


def _lijkt_formule(tekst: str) -> bool:
    return tekst.lstrip("'").startswith(FORMULETEKENS)


def onschadelijk(tekst: str) -> str:
    """A CSV cell that no spreadsheet runs: a leading ' before what would start a formula
    (and before a text that already starts with ' and then such a sign, so that reading it
    back gives the same text)."""
    return "'" + tekst if _lijkt_formule(tekst) else tekst


def als_getypt(tekst: str) -> str:
    """The text of a cell that `onschadelijk` wrote: the ' before a formula sign taken off."""
    return tekst[1:] if tekst.startswith("'") and _lijkt_formule(tekst) else tekst


def formulenamen(rijen: list[Rij]) -> list[Rij]:
    """The rows whose name starts like a formula (=, +, -, @): more often an attack or a
    paste error than a real name."""
    return [r for r in rijen if r.waarden["naam"].startswith(FORMULETEKENS)]


def met_standaard(rijen: list[Rij], *, vanaf: str | None, bron: str | None) -> list[Rij]:
    """The rows with `vanaf` and `bron` filled in where a row leaves them empty."""
    standaard = {k: v for k, v in (("vanaf", vanaf), ("bron", bron)) if v}
    return [
        rij._replace(
            waarden=rij.waarden | {k: v for k, v in standaard.items() if not rij.waarden[k]}
        )
        for rij in rijen
    ]


def kolomsleutel(naam: str) -> str:
    """A column name as it is compared: case, spaces, hyphens and underscores do not count."""
    return "".join(naam.casefold().replace("-", " ").replace("_", " ").split())


_OP_SLEUTEL = {kolomsleutel(k): k for k in KOLOMMEN}


def _kolommen(
    kop: list[str], nummer: int
) -> tuple[list[str | None], dict[int, BladProbleem], list[BladProbleem]]:
    """Per cell of the header the column it names (None: empty or left out), the columns
    left out with their warning (by index), and what is wrong with the header."""
    kolommen: list[str | None] = []
    genegeerd: dict[int, BladProbleem] = {}
    problemen = []
    for i, cel in enumerate(kop):
        tekst = cel.strip()
        naam = _OP_SLEUTEL.get(kolomsleutel(tekst))
        if not tekst:
            kolommen.append(None)
            continue
        if naam is None:
            tip = suggestie(kolomsleutel(tekst), _OP_SLEUTEL)
            if tip:
                problemen.append(
                    BladProbleem(
                        nummer,
                        tekst,
                        f"Onbekende kolom '{tekst}' (kolom {i + 1}). Bedoelde u "
                        f"'{_OP_SLEUTEL[tip]}'? Hernoem de kolom, of geef haar een naam die "
                        f"niet op een kolom van amctl lijkt ({', '.join(KOLOMMEN)}).",
                    )
                )
            else:
                genegeerd[i] = BladProbleem(
                    nummer,
                    tekst,
                    f"amctl kent de kolom '{tekst}' (kolom {i + 1}) niet en leest haar niet in; "
                    f"de kolommen zijn: {', '.join(KOLOMMEN)}.",
                )
        elif naam in kolommen:
            problemen.append(
                BladProbleem(
                    nummer, naam, f"De kolom '{naam}' staat twee keer in de kop; houd er één."
                )
            )
        kolommen.append(naam)
    for naam in VERPLICHT:
        if naam not in kolommen:
            problemen.append(
                BladProbleem(
                    nummer, naam, f"De kolom '{naam}' ontbreekt in de kop (rij 1); voeg hem toe."
                )
            )
    return kolommen, genegeerd, problemen


def _lees_csv(pad: Path) -> list[tuple[int, list[str]]]:
    """The rows of a CSV, read as a stream: the file is never in memory as a whole."""
    with open(pad, "rb") as ruw:
        eerste = ruw.readline(1 << 20)
    try:
        eerste_tekst = eerste.decode("utf-8-sig")
    except UnicodeDecodeError:
        eerste_tekst = ""  # the error is reported below, with its line
    scheiding = ";" if eerste_tekst.count(";") > eerste_tekst.count(",") else ","
    with open(pad, encoding="utf-8-sig", newline="") as bestand:
        lezer = csv.reader(bestand, delimiter=scheiding)
        rijen = []
        try:
            for i, rij in enumerate(lezer, start=1):
                if i > MAX_RIJEN:
                    raise GebruiksFout(
                        f"'{pad}' heeft meer dan {getal(MAX_RIJEN)} rijen; zo'n blad leest "
                        "amctl niet in. Splits het in delen."
                    )
                rijen.append((i, rij))
        except csv.Error as fout:
            raise GebruiksFout(
                f"'{pad}' is geen leesbare CSV (rij {lezer.line_num}): {_csv_reden(fout)}."
            ) from None
        except UnicodeDecodeError:
            raise GebruiksFout(
                f"'{pad}' is geen UTF-8 (regel {_eerste_fout_regel(pad)}); sla het blad op als "
                "'CSV UTF-8 (door komma's gescheiden)'."
            ) from None
    return rijen


def _eerste_fout_regel(pad: Path) -> int:
    """The line of the first byte that is not UTF-8, read again in steps."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    regel = 1
    with open(pad, "rb") as ruw:
        while deel := ruw.read(1 << 16):
            try:
                decoder.decode(deel)
            except UnicodeDecodeError as fout:
                return regel + deel[: fout.start].count(b"\n")
            regel += deel.count(b"\n")
    return regel


def _csv_reden(fout: csv.Error) -> str:
    """Why the csv module stopped, in Dutch (its own messages are English)."""
    if "field larger than field limit" in str(fout):
        return f"een cel is langer dan {getal(csv.field_size_limit())} tekens"
    return "een aanhalingsteken of regeleinde staat waar het niet mag; sla het blad opnieuw op"


def _xlsx_reden(fout: Exception) -> str:
    """Why openpyxl or zipfile could not open the workbook, in Dutch."""
    import zipfile

    if isinstance(fout, zipfile.BadZipFile):
        return "het is geen zip-archief, en een .xlsx hoort er een te zijn"
    if isinstance(fout, OSError):
        return oorzaak(fout)
    if _is_defusedxml(fout):
        return _DTD
    return "de werkmap mist een onderdeel dat Excel schrijft, of het is beschadigd"


_DTD = (
    "een onderdeel bevat een DTD of entiteiten (<!DOCTYPE, <!ENTITY), die Excel nooit "
    "schrijft en waarmee een werkmap het geheugen kan vullen of andere bestanden kan laten "
    "lezen"
)
# A DTD precedes the root element, so it stands in the first bytes of a part (in UTF-8, or in
# UTF-16 as XML allows); defusedxml (through openpyxl) refuses entities anywhere.
_DOCTYPE = tuple("<!DOCTYPE".encode(c) for c in ("utf-8", "utf-16-le", "utf-16-be"))
_KOP = 64 * 1024


def _is_defusedxml(fout: BaseException | None) -> bool:
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - a dependency; without it, only our own check
        return False
    while fout is not None:  # openpyxl wraps it in a ValueError of its own
        if isinstance(fout, DefusedXmlException):
            return True
        fout = fout.__cause__ or fout.__context__
    return False


def _onleesbaar(pad: Path, reden: str) -> GebruiksFout:
    return GebruiksFout(
        f"'{pad}' is geen leesbare Excel-werkmap (.xlsx): {reden}. Sla het opnieuw op vanuit "
        "Excel of LibreOffice."
    )


def _controleer_archief(pad: Path) -> None:
    """Before openpyxl reads a part: no zip bomb, not too many parts, no DTD."""
    import zipfile

    try:
        with zipfile.ZipFile(pad) as archief:
            onderdelen = archief.infolist()
            if len(onderdelen) > MAX_ONDERDELEN:
                raise _onleesbaar(
                    pad, f"het archief heeft meer dan {getal(MAX_ONDERDELEN)} onderdelen"
                )
            uitgepakt = sum(info.file_size for info in onderdelen)
            if uitgepakt > 4 * MAX_BYTES:  # a small file that unpacks to gigabytes
                raise GebruiksFout(
                    f"'{pad}' pakt uit tot meer dan {4 * MAX_BYTES // 1024 // 1024} MB; zo'n "
                    "werkmap leest amctl niet in."
                )
            for info in onderdelen:
                with archief.open(info) as onderdeel:
                    kop = onderdeel.read(_KOP)
                if any(d in kop for d in _DOCTYPE):
                    raise _onleesbaar(pad, _DTD)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as fout:
        # RuntimeError, ValueError: an encrypted part, a method zipfile does not know
        raise _onleesbaar(pad, _xlsx_reden(fout)) from None


def _lees_xlsx(pad: Path) -> list[tuple[int, list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    _controleer_archief(pad)
    try:
        werkmap = load_workbook(pad, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as fout:
        raise _onleesbaar(pad, _xlsx_reden(fout)) from None
    try:
        blad = werkmap[BLADNAAM] if BLADNAAM in werkmap.sheetnames else werkmap.worksheets[0]
        return list(_opgeslagen_rijen(pad, blad))
    except (KeyError, ValueError, TypeError, SyntaxError) as fout:
        # SyntaxError: xml.etree's ParseError of a damaged part; ValueError: defusedxml's
        raise _onleesbaar(pad, _xlsx_reden(fout)) from None
    finally:
        werkmap.close()


def _opgeslagen_rijen(pad: Path, blad):
    """The rows the sheet stores, each as a list up to its last stored cell: the time is
    that of the cells actually stored, whatever the sheet's dimension claims. openpyxl's own
    iter_rows fills every row and every missing row up to the dimension (A1:XFD1048576 is
    17 billion cells); its parser yields only what is there."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import WorkSheetParser

    werkmap = blad.parent
    with blad._get_source() as bron:
        lezer = WorkSheetParser(
            bron,
            blad._shared_strings,
            data_only=True,
            epoch=werkmap.epoch,
            date_formats=werkmap._date_formats,
            timedelta_formats=werkmap._timedelta_formats,
        )
        gelezen = 0
        for nummer, cellen in lezer.parse():
            gevuld = [c for c in cellen if c.get("value") is not None]
            if not gevuld:
                continue
            gelezen += 1
            if gelezen > MAX_RIJEN:
                raise GebruiksFout(
                    f"'{pad}' heeft meer dan {getal(MAX_RIJEN)} rijen; zo'n blad leest amctl "
                    "niet in. Splits het in delen."
                )
            breedte = max(c["column"] for c in gevuld)
            if breedte > MAX_KOLOMMEN:
                raise GebruiksFout(
                    f"'{pad}': cel {get_column_letter(breedte)}{nummer} ligt voorbij kolom "
                    f"{MAX_KOLOMMEN} ({get_column_letter(MAX_KOLOMMEN)}); amctl leest een blad "
                    f"van hoogstens {MAX_KOLOMMEN} kolommen. Maak die cel leeg of verwijder "
                    "de kolommen erachter, en sla het blad opnieuw op."
                )
            rij = [""] * breedte
            for cel in gevuld:
                rij[cel["column"] - 1] = _celtekst(cel["value"])
            yield nummer, rij


def _celtekst(waarde: object) -> str:
    """A cell as the text a CSV would hold: a date cell as JJJJ-MM-DD, 12.0 as 12."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return (
            waarde.date().isoformat()
            if waarde.time() == datetime.min.time()
            else waarde.isoformat()
        )
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde)


def portefeuilletekst(portefeuille: str, vanaf: date | None, tot_en_met: date | None) -> str:
    """One portefeuille as a cell writes it (see KOLOMMEN)."""
    if vanaf and tot_en_met:
        return f"{portefeuille} ({vanaf.isoformat()} t/m {tot_en_met.isoformat()})"
    if vanaf:
        return f"{portefeuille} (vanaf {vanaf.isoformat()})"
    if tot_en_met:
        return f"{portefeuille} (t/m {tot_en_met.isoformat()})"
    return portefeuille
