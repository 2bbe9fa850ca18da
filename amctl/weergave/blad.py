"""`amctl exporteer --formaat csv|xlsx`: the people in their posts as a spreadsheet.

The sheet `bezetting` (and the CSV) has exactly the columns `amctl importeer` reads, so an
export can be read in again. The sheet `zetels` shows every seat of every body on the
peildatum, from the same query as `amctl wie-zit-in` (amctl.vragen.wie_zit_in).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date

from amctl.blad import BLADNAAM, JA, KOLOMMEN, onschadelijk, portefeuilletekst
from amctl.model import Organisatie, geldig_op
from amctl.tekst import iso
from amctl.vragen import bron_van_zetel, functienaam, persoonsnaam, statuslabel, wie_zit_in

ZETELKOLOMMEN = ("orgaan", "functie", "gemeente", "persoon", "rol", "sinds", "bron", "status")
DATUMKOLOMMEN = ("vanaf", "tot-en-met", "sinds")  # date cells in the workbook
DATUMOPMAAK = "dd-mm-yyyy"  # shown by a Dutch Excel as dd-mm-jjjj
# The time a workbook says it was made and changed, and the time of every part of its zip:
# fixed, so that the same data give the same bytes (1980-01-01 is the earliest a zip holds).
VASTE_TIJD = (1980, 1, 1, 0, 0, 0)
_BOM = "\ufeff"


def _iso(dag: date | None) -> str:
    return iso(dag) or ""  # a spreadsheet cell: empty, never 'None'


def bezetting_rijen(org: Organisatie, peildatum: date | None = None) -> list[dict[str, str]]:
    """Every holding and named membership, per person in file order: first what the person
    holds, then where the person is a member by name. With a peildatum only what holds then."""
    leden = defaultdict(list)
    for orgaan in org.organen.values():
        for lid in orgaan.leden:
            leden[lid.persoon].append((orgaan.id, lid))
    rijen = []
    for persoon in org.personen.values():
        basis = {"naam": persoon.naam, "persoon": persoon.id}
        items = [(None, b) for b in persoon.functies] + leden.get(persoon.id, [])
        for orgaan, item in items:
            if peildatum is not None and not geldig_op(item, peildatum):
                continue
            rijen.append(
                basis
                | {
                    "functie": item.functie,
                    "gemeente": item.gemeente or "",
                    "vanaf": _iso(item.vanaf),
                    "tot-en-met": _iso(item.tot_en_met),
                    "orgaan": orgaan or "",
                    "rol": (getattr(item, "rol", None) or "") if orgaan else "",
                    "bron": ", ".join(item.bron),
                    "portefeuilles": ", ".join(
                        portefeuilletekst(t.portefeuille, t.vanaf, t.tot_en_met)
                        for t in getattr(item, "portefeuilles", ())
                    ),
                    "waarnemend": JA if getattr(item, "waarnemend", False) else "",
                }
            )
    return rijen


def zetel_rijen(org: Organisatie, peildatum: date) -> list[dict[str, str]]:
    """One row per seat of every body that exists on the peildatum, filled or not, with the
    status of the body on that day (betwist, in overweging: as every view shows it)."""
    rijen = []
    for orgaan in org.organen.values():
        if not geldig_op(orgaan, peildatum):
            continue
        for zetel in wie_zit_in(org, orgaan, peildatum).zetels:
            rijen.append(
                {
                    "orgaan": orgaan.naam,
                    "functie": functienaam(org, zetel.functie, None, zetel.waarnemend),
                    "gemeente": org.gemeenten[zetel.gemeente].naam if zetel.gemeente else "",
                    "persoon": persoonsnaam(org, zetel.persoon) or "niet ingevuld",
                    "rol": zetel.rol,
                    "sinds": _iso(zetel.sinds),
                    "bron": ", ".join(bron_van_zetel(org, orgaan, zetel)),
                    "status": statuslabel(orgaan.status_op(peildatum)),
                }
            )
    return rijen


def als_csv(rijen: list[dict[str, str]], bom: bool = False) -> str:
    """The rows as CSV the way Dutch Excel writes and reads it: ';' and CRLF; with `bom` a
    byte order mark, so that Excel reads the names as UTF-8. A cell that a spreadsheet would
    run as a formula gets a leading ' (amctl.blad.onschadelijk); `importeer` takes it off."""
    uit = io.StringIO()
    schrijver = csv.DictWriter(uit, KOLOMMEN, delimiter=";", lineterminator="\r\n")
    schrijver.writeheader()
    schrijver.writerows({k: onschadelijk(v) for k, v in rij.items()} for rij in rijen)
    return (_BOM if bom else "") + uit.getvalue()


def als_xlsx(bezetting: list[dict[str, str]], zetels: list[dict[str, str]]) -> bytes:
    """A workbook with the sheets `bezetting` and `zetels`: a bold header row that stays in
    view (frozen panes), an autofilter, and columns as wide as their contents (within
    reason). Dates are date cells shown as dd-mm-jjjj (Excel's date filters work on them,
    pandas reads dates); the same data give the same bytes (`_vast`)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    werkmap = Workbook(write_only=True)
    vet = Font(bold=True)
    for naam, kolommen, rijen in (
        (BLADNAAM, KOLOMMEN, bezetting),
        ("zetels", ZETELKOLOMMEN, zetels),
    ):
        blad = werkmap.create_sheet(naam)
        blad.freeze_panes = "A2"
        for i, kolom in enumerate(kolommen):
            breedste = max((len(r[kolom]) for r in rijen), default=0)
            letter = _kolomletter(i)
            blad.column_dimensions[letter].width = min(max(breedste, len(kolom)) + 2, 60)
        blad.auto_filter.ref = f"A1:{_kolomletter(len(kolommen) - 1)}{len(rijen) + 1}"
        kop = []
        for kolom in kolommen:
            cel = WriteOnlyCell(blad, value=kolom)
            cel.font = vet
            kop.append(cel)
        blad.append(kop)
        for rij in rijen:
            blad.append(
                [
                    _datumcel(blad, rij[k]) if k in DATUMKOLOMMEN else _tekstcel(blad, rij[k])
                    for k in kolommen
                ]
            )
    uit = io.BytesIO()
    werkmap.save(uit)
    return _vast(uit.getvalue())


def _datumcel(blad, waarde: str):
    """A date cell for JJJJ-MM-DD; anything else stays text."""
    try:
        dag = date.fromisoformat(waarde)
    except ValueError:
        return _tekstcel(blad, waarde)
    from openpyxl.cell import WriteOnlyCell

    cel = WriteOnlyCell(blad, value=dag)
    cel.number_format = DATUMOPMAAK
    return cel


def _vast(werkmap: bytes) -> bytes:
    """The workbook with a fixed time everywhere openpyxl puts the clock: the created and
    modified time in docProps/core.xml and the time of each part of the zip."""
    import re
    import zipfile

    tijd = "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z".format(*VASTE_TIJD)
    uit = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(werkmap)) as oud,
        zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as nieuw,
    ):
        for info in oud.infolist():
            inhoud = oud.read(info)
            if info.filename == "docProps/core.xml":
                inhoud = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + tijd.encode() + rb"\g<3>",
                    inhoud,
                )
            nieuw.writestr(
                zipfile.ZipInfo(info.filename, date_time=VASTE_TIJD),
                inhoud,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return uit.getvalue()


def _tekstcel(blad, waarde: str):
    """A cell that holds the text as typed: '=...' stays text, never becomes a formula."""
    if not waarde.startswith("="):
        return waarde or None
    from openpyxl.cell import WriteOnlyCell

    cel = WriteOnlyCell(blad, value=waarde)
    cel.data_type = "s"
    return cel


def _kolomletter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
