"""amctl importeer: a spreadsheet of people into the data file, all or nothing, idempotent.

Every person here is fictional ("Fictieve Burgemeester Aalsmeer", "Fictief Raadslid 1
Diemen"). tests/fixtures/bezetting.csv is saved the way Dutch Excel saves 'CSV UTF-8': a byte
order mark, ';' between cells and CRLF line ends. The imports work on copies in tmp_path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import GEMEENTEN, amctl

BLAD = Path(__file__).parent / "fixtures" / "bezetting.csv"
GEMEENTENAMEN = (
    "Aalsmeer",
    "Amstelveen",
    "De Ronde Venen",
    "Diemen",
    "Haarlemmermeer",
    "Ouder-Amstel",
    "Uithoorn",
)


pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


def zetels(runner, pad: Path, orgaan: str, dag: str) -> list[dict]:
    uitvoer = amctl(runner, pad, "wie-zit-in", orgaan, "--peildatum", dag, "--json")
    assert uitvoer.exit_code == 0, uitvoer.output
    return json.loads(uitvoer.stdout)["leden"]


def schrijf_csv(pad: Path, regels: list[str], scheiding: str = ",") -> Path:
    pad.write_text("".join(r.replace(",", scheiding) + "\n" for r in regels), encoding="utf-8")
    return pad


def test_the_excel_csv_fills_burgemeesters_wethouders_and_the_raadsledenplatform(runner, gedeeld):
    uitvoer = amctl(runner, gedeeld, "importeer", str(BLAD))
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Personen: 35 toegevoegd, 0 gewijzigd, 0 al aanwezig." in uitvoer.stdout
    assert "Bezettingen (functies): 35 toegevoegd" in uitvoer.stdout
    assert "Lidmaatschappen bij naam: 14 toegevoegd" in uitvoer.stdout

    regiegroep = zetels(runner, gedeeld, "regiegroep", "2026-06-01")
    burgemeesters = {
        z["gemeente"]: z["persoon"] for z in regiegroep if z["functie"] == "burgemeester"
    }
    assert burgemeesters["de-ronde-venen"] == "Fictieve Burgemeester De Ronde Venen"
    assert sorted(burgemeesters) == sorted(GEMEENTEN) and None not in burgemeesters.values()

    plenair = zetels(runner, gedeeld, "plenair-overleg", "2026-06-01")
    wethouders = [z["persoon"] for z in plenair if z["functie"] == "wethouder"]
    assert len(wethouders) == 14 and "Fictieve Wethouder 2 Uithoorn" in wethouders

    # The portefeuilles seat the wethouders in the portefeuillehoudersoverleggen.
    wonen = zetels(runner, gedeeld, "pho-wonen", "2026-06-01")
    assert [z["persoon"] for z in wonen] == [
        f"Fictieve Wethouder 1 {naam}" for naam in GEMEENTENAMEN
    ]
    vervoer_voor = zetels(runner, gedeeld, "pho-verkeer-en-vervoer", "2026-06-30")
    vervoer_na = zetels(runner, gedeeld, "pho-verkeer-en-vervoer", "2026-07-01")
    assert {z["persoon"] for z in vervoer_voor} == {None}
    assert [z["persoon"] for z in vervoer_na] == [
        f"Fictieve Wethouder 2 {naam}" for naam in GEMEENTENAMEN
    ]

    platform = zetels(runner, gedeeld, "raadsledenplatform", "2026-06-01")
    assert sorted(z["persoon"] for z in platform if z["gemeente"] == "diemen") == [
        "Fictief Raadslid 1 Diemen",
        "Fictief Raadslid 2 Diemen",
    ]
    assert len(platform) == 14 and None not in [z["persoon"] for z in platform]
    # The membership starts on 1 April; the day before the seats are still open.
    vooraf = zetels(runner, gedeeld, "raadsledenplatform", "2026-03-31")
    assert {z["persoon"] for z in vooraf} == {None}


def test_importing_the_same_sheet_twice_changes_nothing_the_second_time(runner, gedeeld):
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    eerst = gedeeld.read_bytes()
    uitvoer = amctl(runner, gedeeld, "importeer", str(BLAD))
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Niets gewijzigd" in uitvoer.stdout
    assert "Personen: 0 toegevoegd, 0 gewijzigd, 35 al aanwezig." in uitvoer.stdout
    assert gedeeld.read_bytes() == eerst


def test_an_xlsx_workbook_imports_the_same_as_the_csv(runner, gedeeld, tmp_path):
    from openpyxl import Workbook

    werkmap = Workbook()
    werkmap.active.title = "notities"
    werkmap.active.append(["dit blad wordt niet gelezen"])
    blad = werkmap.create_sheet("bezetting")
    for regel in BLAD.read_text(encoding="utf-8-sig").splitlines():
        blad.append([cel or None for cel in regel.split(";")])
    blad["D2"].value = __import__("datetime").datetime(2023, 1, 1)  # a date cell, as Excel makes
    werkmap.save(tmp_path / "bezetting.xlsx")

    via_csv = Path(shutil.copy(gedeeld, tmp_path / "via-csv.yaml"))
    assert amctl(runner, via_csv, "importeer", str(BLAD)).exit_code == 0
    uitvoer = amctl(runner, gedeeld, "importeer", str(tmp_path / "bezetting.xlsx"))
    assert uitvoer.exit_code == 0, uitvoer.output
    assert gedeeld.read_text() == via_csv.read_text()


def test_droog_shows_the_diff_and_the_summary_and_writes_nothing(runner, gedeeld):
    voor = gedeeld.read_bytes()
    uitvoer = amctl(runner, gedeeld, "importeer", str(BLAD), "--droog")
    assert uitvoer.exit_code == 0, uitvoer.output
    assert uitvoer.stdout.startswith(f"--- {gedeeld}\n+++ {gedeeld}\n")
    assert "+  fictieve-burgemeester-aalsmeer:\n" in uitvoer.stdout
    assert "Lidmaatschappen bij naam: 14 toegevoegd, 0 gewijzigd, 0 al aanwezig." in (
        uitvoer.stderr
    )
    assert gedeeld.read_bytes() == voor


def test_every_bad_row_is_named_with_its_column_and_nothing_is_written(runner, gedeeld, tmp_path):
    blad = schrijf_csv(
        tmp_path / "fout.csv",
        [
            "naam,functie,gemeente,vanaf,tot-en-met,orgaan,bron",
            "Fictief Goed,burgemeester,diemen,2026-01-01,,,",
            "Fictief Tikfout,burgemeester,Diemn,2026-01-01,,,",
            "Fictief Datum,wethouder,aalsmeer,04/01/2026,,,",
            ",wethouder,aalsmeer,2026-04-01,,,",
            "Fictief Bron,wethouder,uithoorn,2026-04-01,,,nergens",
            "Fictief Zonder,raadslid,diemen,2026-04-01,,raadsledenplatform,",
            "Fictief Ambtshalve,burgemeester,aalsmeer,2026-04-01,,regiegroep,",
            "Fictief Omgekeerd,wethouder,diemen,2026-04-01,2026-01-01,,",
        ],
    )
    voor = gedeeld.read_bytes()
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 1
    fout = uitvoer.stderr
    assert (
        f"{blad}, rij 3, kolom 'gemeente': Onbekende gemeente 'Diemn'. Bedoelde u 'diemen'?" in fout
    )
    assert f"{blad}, rij 4, kolom 'vanaf': In '04/01/2026' is niet zeker wat de dag" in fout
    assert f"{blad}, rij 5, kolom 'naam': De naam ontbreekt" in fout
    assert f"{blad}, rij 6, kolom 'bron': Onbekende bron 'nergens'" in fout
    assert (
        f"{blad}, rij 7, kolom 'functie': Fictief Zonder is niet de hele periode raadslid" in fout
    )
    assert f"{blad}, rij 8, kolom 'orgaan': Regiegroep heeft geen zetel" in fout
    assert f"{blad}, rij 9, kolom 'tot-en-met': tot-en-met (2026-01-01) ligt vóór vanaf" in fout
    assert "rij 2" not in fout
    assert "7 rijen van" in fout and "kloppen niet; er is niets ingelezen" in fout
    assert "Traceback" not in uitvoer.output
    assert gedeeld.read_bytes() == voor


def test_an_unknown_column_is_refused_with_a_suggestion(runner, gedeeld, tmp_path):
    blad = schrijf_csv(tmp_path / "kop.csv", ["naam,functie,gemeentee", "Fictief,wethouder,diemen"])
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 1
    assert "rij 1, kolom 'gemeentee': Onbekende kolom 'gemeentee' (kolom 3). Bedoelde u " in (
        uitvoer.stderr
    )
    assert "'gemeente'?" in uitvoer.stderr


def test_a_new_burgemeester_in_the_sheet_ends_the_term_of_the_one_before(runner, gedeeld, tmp_path):
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "opvolger.csv",
        ["naam;functie;gemeente;vanaf", "Fictieve Opvolger Diemen;burgemeester;diemen;2027-01-01"],
        scheiding=";",
    )
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 0, uitvoer.output
    assert (
        "Beëindigd: Fictieve Burgemeester Diemen als burgemeester van Diemen, laatste dag "
        "2026-12-31 (opgevolgd volgens rij 2)." in uitvoer.stdout
    )
    assert "Bezettingen (functies): 1 toegevoegd, 1 gewijzigd, 0 al aanwezig." in uitvoer.stdout
    oud = zetels(runner, gedeeld, "regiegroep", "2026-12-31")
    nieuw = zetels(runner, gedeeld, "regiegroep", "2027-01-01")
    assert "Fictieve Burgemeester Diemen" in [z["persoon"] for z in oud]
    assert "Fictieve Opvolger Diemen" in [z["persoon"] for z in nieuw]


def test_a_row_completes_what_the_file_has_without_adding_twice(runner, gedeeld, tmp_path):
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "einde.csv",
        [
            "naam,functie,gemeente,vanaf,tot-en-met",
            "Fictief Raadslid 1 Diemen,raadslid,diemen,2026-03-26,2026-12-31",
        ],
    )
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Bezettingen (functies): 0 toegevoegd, 1 gewijzigd, 0 al aanwezig." in uitvoer.stdout
    # The membership of the raadsledenplatform rests on the post and ends with it.
    assert "Lidmaatschappen bij naam: 0 toegevoegd, 1 gewijzigd" in uitvoer.stdout
    na = zetels(runner, gedeeld, "raadsledenplatform", "2027-01-01")
    assert "Fictief Raadslid 1 Diemen" not in [z["persoon"] for z in na]


def test_a_sheet_that_would_make_the_file_invalid_is_refused(runner, gedeeld, tmp_path):
    blad = schrijf_csv(
        tmp_path / "drie.csv",
        [
            "naam,functie,gemeente,vanaf,orgaan",
            *(
                f"Fictief Raadslid {i},raadslid,diemen,2026-04-01,raadsledenplatform"
                for i in range(1, 4)
            ),
            *(f"Fictief Raadslid {i},raadslid,diemen,2026-04-01," for i in range(1, 4)),
        ],
    )
    voor = gedeeld.read_bytes()
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 1
    assert "AM303" in uitvoer.stderr and "Er is niets geschreven." in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


@pytest.mark.parametrize(
    ("naam", "melding"),
    [
        ("bestaat-niet.csv", "bestaat niet"),
        ("blad.ods", "geen .csv- of .xlsx-bestand"),
    ],
)
def test_a_file_that_is_not_a_sheet_is_wrong_use(runner, gedeeld, tmp_path, naam, melding):
    if naam.endswith(".ods"):
        (tmp_path / naam).write_text("x")
    uitvoer = amctl(runner, gedeeld, "importeer", str(tmp_path / naam))
    assert uitvoer.exit_code == 2
    assert melding in uitvoer.stderr


def test_persons_are_matched_by_id_then_by_exact_name(runner, gedeeld, tmp_path):
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "namen.csv",
        [
            "naam,persoon,functie,gemeente,vanaf",
            # by exact name: the existing person, a second post
            "Fictieve Wethouder 1 Diemen,,raadslid,diemen,2026-03-26",
            # by id: a corrected name
            "Fictieve Wethouder 1 Aalsmeer-Jansen,fictieve-wethouder-1-aalsmeer,wethouder,"
            "aalsmeer,2026-04-15",
        ],
    )
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Personen: 0 toegevoegd, 1 gewijzigd, 1 al aanwezig." in uitvoer.stdout
    assert "Bezettingen (functies): 1 toegevoegd, 0 gewijzigd, 1 al aanwezig." in uitvoer.stdout
    tekst = gedeeld.read_text()
    assert "naam: Fictieve Wethouder 1 Aalsmeer-Jansen" in tekst


def test_a_name_with_spaces_around_it_reads_back_as_the_same_person(runner, tmp_path):
    """Found by the fuzz test of exporteer: a cell loses the spaces around its text, so the
    export of ' A. de Vries ' read back in renamed the person, and a row with the name and no
    id made a second person."""
    pad = tmp_path / "organisatie.yaml"
    pad.write_text(
        "versie: 1\n"
        "gemeenten: {noord: {naam: Noord}}\n"
        "soorten: {overleg: {naam: overleg}}\n"
        "functies: {raadslid: {naam: raadslid, per-gemeente: true}}\n"
        "personen:\n"
        "  a-de-vries:\n"
        "    naam: ' A. de Vries '\n"
        "    functies: [{functie: raadslid, gemeente: noord, vanaf: 2022-03-30}]\n"
        "organen: {overleg: {naam: Overleg, soort: overleg}}\n",
        encoding="utf-8",
    )
    voor = pad.read_bytes()
    export = tmp_path / "export.csv"
    assert amctl(runner, pad, "exporteer", "--uit", str(export)).exit_code == 0
    terug = amctl(runner, pad, "importeer", str(export))
    assert terug.exit_code == 0, terug.output
    assert "Niets gewijzigd" in terug.stdout
    op_naam = schrijf_csv(
        tmp_path / "op-naam.csv",
        ["naam,functie,gemeente,vanaf", "A. de Vries,raadslid,noord,2022-03-30"],
    )
    uitvoer = amctl(runner, pad, "importeer", str(op_naam))
    assert "Personen: 0 toegevoegd, 0 gewijzigd, 1 al aanwezig." in uitvoer.stdout, uitvoer.output
    assert pad.read_bytes() == voor


def test_a_row_without_id_is_the_person_the_sheet_names_with_an_id(runner, tmp_path):
    """Found by the long fuzz run of importeer: a sheet naming 'A. Nieuw' once with the id
    fictief-an and once without an id made two people called A. Nieuw (fictief-an and
    a-nieuw), and read in a second time it was refused (two people with that name) instead
    of changing nothing."""
    pad = tmp_path / "organisatie.yaml"
    pad.write_text(
        "versie: 1\n"
        "gemeenten: {noord: {naam: Noord}, zuid: {naam: Zuid}}\n"
        "soorten: {overleg: {naam: overleg}}\n"
        "functies: {raadslid: {naam: raadslid, per-gemeente: true}, wethouder: {naam: "
        "wethouder, per-gemeente: true}}\n"
        "personen: {}\n"
        "organen: {overleg: {naam: Overleg, soort: overleg}}\n",
        encoding="utf-8",
    )
    for volgorde in ([1, 2], [2, 1]):
        regels = [
            "A. Nieuw,,wethouder,noord,2026-04-01",
            "A. Nieuw,fictief-an,raadslid,zuid,2022-03-30",
        ]
        blad = schrijf_csv(
            tmp_path / "blad.csv",
            ["naam,persoon,functie,gemeente,vanaf", *(regels[i - 1] for i in volgorde)],
        )
        uitvoer = amctl(runner, pad, "importeer", str(blad))
        assert uitvoer.exit_code == 0, uitvoer.output
        if volgorde == [1, 2]:
            assert "Personen: 1 toegevoegd, 0 gewijzigd, 0 al aanwezig." in uitvoer.stdout
        else:
            assert "Niets gewijzigd" in uitvoer.stdout, uitvoer.output
    assert "fictief-an" in pad.read_text() and "a-nieuw" not in pad.read_text()


def test_a_very_long_name_or_id_in_a_sheet_is_read_or_named_not_a_crash(runner, gedeeld, tmp_path):
    """Found by the long fuzz run: a name of 2,000 characters became a key YAML cannot read
    (exit 3). Now the id is the start of the name; a new id that long is a bad cell."""
    naam = "Fictief " + "x" * 2000
    blad = schrijf_csv(
        tmp_path / "lang.csv", ["naam,functie,gemeente,vanaf", f"{naam},raadslid,diemen,2026-04-01"]
    )
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Personen: 1 toegevoegd" in uitvoer.stdout
    blad = schrijf_csv(
        tmp_path / "id.csv",
        ["naam,persoon,functie,gemeente", "A. B,p-" + "x" * 2000 + ",raadslid,diemen"],
    )
    voor = gedeeld.read_bytes()
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 1 and "langer dan 100 tekens" in uitvoer.stderr, uitvoer.output
    assert gedeeld.read_bytes() == voor


def test_a_portefeuille_is_added_to_a_recorded_holding_from_the_sheet(runner, gedeeld, tmp_path):
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "herschikking.csv",
        [
            "naam,functie,gemeente,vanaf,portefeuilles",
            "Fictieve Wethouder 1 Diemen,wethouder,diemen,2026-04-15,"
            "wonen; ruimte (vanaf 2027-01-01)",
        ],
    )
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 1  # ';' is no separator inside the cell
    assert "kolom 'portefeuilles'" in uitvoer.stderr
    blad.write_text(
        "naam;functie;gemeente;vanaf;portefeuilles\n"
        "Fictieve Wethouder 1 Diemen;wethouder;diemen;2026-04-15;"
        "wonen, Ruimte (vanaf 2027-01-01)\n",
        encoding="utf-8",
    )
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Bezettingen (functies): 0 toegevoegd, 1 gewijzigd, 0 al aanwezig." in uitvoer.stdout
    assert (
        "portefeuilles: [wonen, {portefeuille: ruimte, vanaf: 2027-01-01}]}" in gedeeld.read_text()
    )
    assert amctl(runner, gedeeld, "importeer", str(blad)).stdout.startswith("Niets gewijzigd")


def test_an_unknown_portefeuille_is_named_with_a_suggestion(runner, gedeeld, tmp_path):
    blad = schrijf_csv(
        tmp_path / "p.csv",
        [
            "naam,functie,gemeente,vanaf,portefeuilles",
            "Fictief W,wethouder,diemen,2026-04-15,wonnen",
        ],
    )
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 1
    assert (
        "rij 2, kolom 'portefeuilles': Onbekende portefeuille 'wonnen'. Bedoelde u 'wonen'?"
        in uitvoer.stderr
    )


def test_terminal_codes_in_a_cell_are_shown_not_obeyed(runner, gedeeld, tmp_path):
    blad = schrijf_csv(
        tmp_path / "x.csv", ["naam,functie,gemeente", "Fictief,wethouder,\x1b[2Jdiemen"]
    )
    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))
    assert uitvoer.exit_code == 1
    assert "\x1b" not in uitvoer.stderr and "\\u001b[2Jdiemen" in uitvoer.stderr


def test_an_xlsx_that_unpacks_to_gigabytes_is_refused_unread(
    runner, gedeeld, tmp_path, monkeypatch
):
    import zipfile

    from amctl import blad

    monkeypatch.setattr(blad, "MAX_BYTES", 1024 * 1024)  # the same check, at a smaller scale
    pad = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("xl/sharedStrings.xml", b"\0" * (5 * 1024 * 1024))
    assert pad.stat().st_size < 64 * 1024
    uitvoer = amctl(runner, gedeeld, "importeer", str(pad))
    assert uitvoer.exit_code == 2
    assert "pakt uit tot meer dan" in uitvoer.stderr


def test_datum_and_bron_fill_the_rows_that_leave_them_empty(runner, gedeeld, tmp_path):
    blad = schrijf_csv(
        tmp_path / "college.csv",
        [
            "naam,functie,gemeente,vanaf,bron",
            "Fictieve Wethouder A,wethouder,diemen,,",
            "Fictieve Wethouder B,wethouder,diemen,2026-05-01,am-overlegstructuur",
        ],
    )
    uitvoer = amctl(
        runner, gedeeld, "importeer", str(blad), "--datum", "2026-04-15", "--bron", "am-home"
    )
    assert uitvoer.exit_code == 0, uitvoer.output
    tekst = gedeeld.read_text()
    assert "{functie: wethouder, gemeente: diemen, vanaf: 2026-04-15, bron: am-home}" in tekst
    assert (
        "{functie: wethouder, gemeente: diemen, vanaf: 2026-05-01, bron: am-overlegstructuur}"
        in tekst
    )


@pytest.mark.parametrize(
    ("naam", "inhoud", "reden"),
    [
        ("kapot.xlsx", b"geen zip", "het is geen zip-archief, en een .xlsx hoort er een te zijn"),
        (
            "lang.csv",
            ("naam,functie,gemeente\n" + "x" * 200_000 + ",wethouder,diemen\n").encode(),
            "een cel is langer dan 131.072 tekens",
        ),
        (
            "zip-zonder-werkmap.xlsx",
            None,
            "de werkmap mist een onderdeel dat Excel schrijft, of het is beschadigd",
        ),
    ],
    ids=["geen-zip", "lange-cel", "geen-werkmap"],
)
def test_an_unreadable_sheet_is_named_in_dutch_words(
    runner, gedeeld, tmp_path, naam, inhoud, reden
):
    """The reason is amctl's own sentence, not the English of zipfile, openpyxl or csv."""
    import zipfile

    pad = tmp_path / naam
    if inhoud is None:
        with zipfile.ZipFile(pad, "w") as archief:
            archief.writestr("iets.txt", "geen werkmap")
    else:
        pad.write_bytes(inhoud)
    voor = gedeeld.read_bytes()

    uitvoer = amctl(runner, gedeeld, "importeer", str(pad))

    assert uitvoer.exit_code == 2, uitvoer.stderr
    assert reden in uitvoer.stderr
    for engels in ("File is not a zip file", "field larger", "There is no item", "KeyError"):
        assert engels not in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


# --- issue 22, item 3: sheets as Excel users write them ----------------------------------------


# schrijf_csv leaves these lines as they are: ';' between the cells, ',' inside a cell.


def wethouder_2_diemen(pad: Path) -> str:
    """The line of the file that records Fictieve Wethouder 2 Diemen's holding."""
    tekst = pad.read_text(encoding="utf-8")
    persoon = tekst[tekst.index("  fictieve-wethouder-2-diemen:") :]
    return next(r for r in persoon.splitlines() if "functie: wethouder" in r).strip()


def test_dutch_excel_dates_and_headers_read_as_the_iso_sheet(runner, gedeeld, tmp_path):
    """Dutch Excel saves a CSV with dates as 15-4-2026 and the headers as typed."""
    iso = Path(shutil.copy(gedeeld, tmp_path / "iso.yaml"))
    schrijf_csv(
        tmp_path / "iso.csv",
        [
            "naam;functie;gemeente;vanaf;tot-en-met;portefeuilles",
            "Fictieve Wethouder A;wethouder;diemen;2026-04-15;2030-03-31;wonen (vanaf 2026-07-01)",
            "Fictieve Wethouder B;wethouder;diemen;2026-04-05;;"
            "economie (2026-04-05 t/m 2026-12-31)",
        ],
    )
    blad = schrijf_csv(
        tmp_path / "excel.csv",
        [
            "Naam;Functie;Gemeente;Vanaf;Tot en met;Porte_feuilles",
            "Fictieve Wethouder A;wethouder;diemen;15-4-2026;31-03-2030;wonen (vanaf 1-7-2026)",
            "Fictieve Wethouder B;wethouder;diemen;05-04-2026;;economie (5-4-2026 t/m 31-12-2026)",
        ],
    )
    assert amctl(runner, iso, "importeer", str(tmp_path / "iso.csv")).exit_code == 0

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "waarschuwing" not in uitvoer.stderr
    assert gedeeld.read_bytes() == iso.read_bytes()
    assert "vanaf: 2026-04-15, tot-en-met: 2030-03-31" in gedeeld.read_text()


@pytest.mark.parametrize(
    ("cel", "melding"),
    [
        ("04/01/2026", "In '04/01/2026' is niet zeker wat de dag en wat de maand is"),
        ("1.4.2026", "In '1.4.2026' is niet zeker wat de dag en wat de maand is"),
        ("1-4-26", "'1-4-26' heeft een jaar van twee cijfers"),
        ("31-2-2026", "'31-2-2026' is geen bestaande dag"),
        ("april 2026", "'april 2026' is geen datum"),
    ],
)
def test_a_date_amctl_cannot_be_sure_of_is_refused_with_a_sentence(
    runner, gedeeld, tmp_path, cel, melding
):
    blad = schrijf_csv(
        tmp_path / "datum.csv",
        ["naam;functie;gemeente;vanaf", f"Fictieve Wethouder A;wethouder;diemen;{cel}"],
    )
    voor = gedeeld.read_bytes()

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 1
    assert f"{blad}, rij 2, kolom 'vanaf': {melding}" in uitvoer.stderr
    assert "schrijf JJJJ-MM-DD (2026-04-01) of dag-maand-jaar met streepjes (1-4-2026)" in (
        uitvoer.stderr
    )
    assert gedeeld.read_bytes() == voor


def test_an_unknown_column_is_left_out_with_one_warning_naming_it(runner, gedeeld, tmp_path):
    zonder = Path(shutil.copy(gedeeld, tmp_path / "zonder.yaml"))
    regels = [
        "Fictieve Wethouder A,wethouder,diemen,2026-04-15",
        "Fictieve Wethouder B,wethouder,diemen,2026-04-15",
    ]
    schrijf_csv(tmp_path / "zonder.csv", ["naam,functie,gemeente,vanaf", *regels])
    blad = schrijf_csv(
        tmp_path / "opmerking.csv",
        ["naam,functie,gemeente,vanaf,Opmerking", *(r + ",nog bellen" for r in regels)],
    )
    assert amctl(runner, zonder, "importeer", str(tmp_path / "zonder.csv")).exit_code == 0

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 0, uitvoer.output
    assert uitvoer.stderr == (
        f"{blad}, rij 1, kolom 'Opmerking': waarschuwing: amctl kent de kolom 'Opmerking' "
        "(kolom 5) niet en leest haar niet in; de kolommen zijn: naam, persoon, functie, "
        "gemeente, vanaf, tot-en-met, orgaan, rol, bron, portefeuilles, waarnemend.\n"
    )
    assert gedeeld.read_bytes() == zonder.read_bytes()


def test_a_column_that_looks_like_a_known_one_is_an_error_not_ignored(runner, gedeeld, tmp_path):
    blad = schrijf_csv(
        tmp_path / "kop.csv",
        ["naam,functie,gemeente,Tot en mett", "Fictieve Wethouder A,wethouder,diemen,2030-01-01"],
    )
    voor = gedeeld.read_bytes()

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 1
    assert (
        f"{blad}, rij 1, kolom 'Tot en mett': Onbekende kolom 'Tot en mett' (kolom 4). "
        "Bedoelde u 'tot-en-met'?" in uitvoer.stderr
    )
    assert gedeeld.read_bytes() == voor


def test_ending_a_portfolio_in_the_cell_ends_the_recorded_one_not_a_second(
    runner, gedeeld, tmp_path
):
    """The wrong answer of issue 22: `economie (t/m 2026-11-30)` added a second entry beside
    the open one, and the wethouder stayed in PHO Economie."""
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "einde.csv",
        [
            "naam;functie;gemeente;vanaf;portefeuilles",
            "Fictieve Wethouder 2 Diemen;wethouder;diemen;2026-04-15;"
            "economie (t/m 2026-11-30), verkeer-en-vervoer (vanaf 2026-07-01)",
        ],
    )

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Bezettingen (functies): 0 toegevoegd, 1 gewijzigd, 0 al aanwezig." in uitvoer.stdout
    assert wethouder_2_diemen(gedeeld) == (
        "- {functie: wethouder, gemeente: diemen, vanaf: 2026-04-15, portefeuilles: "
        "[{portefeuille: economie, tot-en-met: 2026-11-30}, "
        "{portefeuille: verkeer-en-vervoer, vanaf: 2026-07-01}]}"
    )
    op = {d: zetels(runner, gedeeld, "pho-economie", d) for d in ("2026-11-30", "2026-12-01")}
    assert [z["persoon"] for z in op["2026-11-30"] if z["gemeente"] == "diemen"] == [
        "Fictieve Wethouder 2 Diemen"
    ]
    assert [z["persoon"] for z in op["2026-12-01"] if z["gemeente"] == "diemen"] == [None]
    assert amctl(runner, gedeeld, "importeer", str(blad)).stdout.startswith("Niets gewijzigd")


def test_a_portfolio_with_its_own_start_ends_by_the_cell_without_the_start(
    runner, gedeeld, tmp_path
):
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "einde.csv",
        [
            "naam;functie;gemeente;vanaf;portefeuilles",
            "Fictieve Wethouder 2 Diemen;wethouder;diemen;2026-04-15;"
            "economie, verkeer-en-vervoer (t/m 31-12-2026)",
        ],
    )

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 0, uitvoer.output
    assert wethouder_2_diemen(gedeeld).endswith(
        "portefeuilles: [economie, {portefeuille: verkeer-en-vervoer, vanaf: 2026-07-01, "
        "tot-en-met: 2026-12-31}]}"
    )


def test_leaving_a_held_portfolio_out_of_the_cell_says_how_to_end_it(runner, gedeeld, tmp_path):
    """The wrong answer of issue 22: removing a portfolio from the cell said "Niets
    gewijzigd", and the wethouder kept it."""
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "weg.csv",
        [
            "naam;functie;gemeente;vanaf;portefeuilles",
            "Fictieve Wethouder 2 Diemen;wethouder;diemen;2026-04-15;"
            "verkeer-en-vervoer (vanaf 2026-07-01)",
        ],
    )
    voor = gedeeld.read_bytes()

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 1
    assert (
        f"{blad}, rij 2, kolom 'portefeuilles': Economie ontbreekt in de cel, maar Fictieve "
        "Wethouder 2 Diemen heeft die portefeuille als wethouder van Diemen sinds 2026-04-15, "
        "zonder einde. Eindigt ze, schrijf dan 'economie (t/m JJJJ-MM-DD)' met de laatste dag"
        in uitvoer.stderr
    )
    assert "Niets gewijzigd" not in uitvoer.output
    assert gedeeld.read_bytes() == voor


# --- issue 22, item 2: one holder of a portefeuille per gemeente per day ------------------------


def test_a_sheet_that_gives_a_held_portfolio_to_a_second_person_is_refused(
    runner, gedeeld, tmp_path
):
    """The wrong answer of issue 22: importing a new wethouder with wonen left the old holder
    in office, and PHO Wonen showed Diemen twice."""
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "nieuw.csv",
        [
            "naam;functie;gemeente;vanaf;portefeuilles",
            "Fictieve Wethouder 3 Aalsmeer;wethouder;aalsmeer;2026-12-01;ruimte",
            "Fictieve Wethouder 3 Diemen;wethouder;diemen;2026-12-01;wonen",
        ],
    )
    voor = gedeeld.read_bytes()

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 1
    assert (
        f"{blad}, rij 3, kolom 'portefeuilles': Fictieve Wethouder 3 Diemen zou vanaf 2026-12-01 "
        "de portefeuille Wonen van Diemen hebben, en Fictieve Wethouder 1 Diemen ook (in het "
        "bestand, sinds 2026-04-15); een portefeuille heeft per gemeente op elke dag één houder. "
        "Beëindig hem bij Fictieve Wethouder 1 Diemen de dag ervoor: 'wonen (t/m 2026-11-30)' in "
        "de cel, of 'amctl portefeuille-eraf fictieve-wethouder-1-diemen wonen -D 2026-12-01'; "
        "is het blad een nieuw college, lees het dan in met --college diemen -D 2026-12-01."
        in uitvoer.stderr
    )
    assert "rij 2" not in uitvoer.stderr
    assert "1 rij van" in uitvoer.stderr and "er is niets ingelezen" in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


def test_two_rows_with_one_portfolio_in_one_gemeente_are_both_named(runner, gedeeld, tmp_path):
    blad = schrijf_csv(
        tmp_path / "twee.csv",
        [
            "naam;functie;gemeente;vanaf;portefeuilles",
            "Fictieve Wethouder A;wethouder;diemen;2026-04-15;economie",
            "Fictieve Wethouder B;wethouder;uithoorn;2026-04-15;economie",
            "Fictieve Wethouder C;wethouder;diemen;2026-05-01;wonen, economie (vanaf 2026-06-01)",
        ],
    )
    voor = gedeeld.read_bytes()

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 1
    assert (
        f"{blad}, rij 2, kolom 'portefeuilles': Fictieve Wethouder A zou vanaf 2026-06-01 de "
        "portefeuille Economie van Diemen hebben, en Fictieve Wethouder C ook (rij 4)"
        in uitvoer.stderr
    )
    assert (
        f"{blad}, rij 4, kolom 'portefeuilles': Fictieve Wethouder C zou vanaf 2026-06-01 de "
        "portefeuille Economie van Diemen hebben, en Fictieve Wethouder A ook (rij 2)"
        in uitvoer.stderr
    )
    assert "'economie (t/m 2026-05-31)' in de cel" in uitvoer.stderr
    assert "rij 3" not in uitvoer.stderr and "2 rijen van" in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


def test_a_portfolio_handed_over_in_the_sheet_itself_is_read(runner, gedeeld, tmp_path):
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    blad = schrijf_csv(
        tmp_path / "over.csv",
        [
            "naam;functie;gemeente;vanaf;portefeuilles",
            "Fictieve Wethouder 1 Diemen;wethouder;diemen;2026-04-15;wonen (t/m 2026-11-30)",
            "Fictieve Wethouder 3 Diemen;wethouder;diemen;2026-12-01;wonen",
        ],
    )

    uitvoer = amctl(runner, gedeeld, "importeer", str(blad))

    assert uitvoer.exit_code == 0, uitvoer.output
    wonen = zetels(runner, gedeeld, "pho-wonen", "2026-12-01")
    assert [z["persoon"] for z in wonen if z["gemeente"] == "diemen"] == [
        "Fictieve Wethouder 3 Diemen"
    ]
