"""A waarnemend term (issue 22, item 5): `benoem --waarnemend` marks it in the file, and every
view says it in the one wording of amctl.vragen.waarneming: "burgemeester (waarnemend)" in
tables, "burgemeester van Diemen (waarnemend)" elsewhere, "waarnemend": true in JSON, a column
in the CSV that importeer reads back. Every person is fictional."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import amctl

FICTIEF = Path(__file__).parent / "fixtures" / "fictief.yaml"
BENOEM = ("benoem", "W. Waarnemer", "burgemeester", "-g", "diemen", "--waarnemend", "-D",
          "2026-12-01")  # fmt: skip
DAG = ("-d", "2026-12-02")
POST = "burgemeester van Diemen (waarnemend)"

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


@pytest.fixture
def paden(runner, tmp_path) -> tuple[Path, Path]:
    """The fixture before (oud) and after (pad) a waarnemend burgemeester of Diemen."""
    oud = Path(shutil.copy(FICTIEF, tmp_path / "oud.yaml"))
    pad = Path(shutil.copy(FICTIEF, tmp_path / "fictief.yaml"))
    uitslag = amctl(runner, pad, *BENOEM)
    assert uitslag.exit_code == 0, uitslag.output
    return oud, pad


def _uit(runner, pad: Path, *argumenten: str) -> str:
    uitslag = amctl(runner, pad, *argumenten)
    assert uitslag.exit_code == 0, uitslag.output
    return uitslag.stdout


def test_benoem_waarnemend_writes_the_mark_and_says_it(runner, tmp_path):
    pad = Path(shutil.copy(FICTIEF, tmp_path / "fictief.yaml"))
    uitslag = amctl(runner, pad, *BENOEM)
    assert uitslag.exit_code == 0, uitslag.output
    assert f"Benoemd: W. Waarnemer als {POST} per 2026-12-01." in uitslag.stdout
    assert (
        "  w-waarnemer:\n    naam: W. Waarnemer\n    functies:\n      - functie: burgemeester\n"
        "        gemeente: diemen\n        vanaf: 2026-12-01\n        waarnemend: true\n"
        in pad.read_text(encoding="utf-8")
    )


def test_wie_zit_in_table_and_json_say_waarnemend(runner, paden):
    _, pad = paden
    tabel = _uit(runner, pad, "wie-zit-in", "regiegroep", *DAG)
    assert [r.split()[:4] for r in tabel.splitlines() if "Waarnemer" in r] == [
        ["burgemeester", "(waarnemend)", "Diemen", "W."]
    ]
    zetels = json.loads(_uit(runner, pad, "wie-zit-in", "regiegroep", *DAG, "--json"))["leden"]
    waarnemend = [(z["persoon_id"], z["functie_naam"]) for z in zetels if z["waarnemend"]]
    assert waarnemend == [("w-waarnemer", POST)]
    assert all(z["waarnemend"] is False for z in zetels if z["persoon_id"] != "w-waarnemer")


def test_tree_waar_zit_and_the_site_say_waarnemend(runner, paden, tmp_path):
    _, pad = paden
    assert f"{POST}: W. Waarnemer" in _uit(runner, pad, "tree", *DAG)
    plaatsen = _uit(runner, pad, "waar-zit", "w-waarnemer", *DAG)
    assert [r.split("  ")[0] for r in plaatsen.splitlines() if POST in r] == [
        "Plenair overleg",
        "Regiegroep",
    ]
    site = tmp_path / "site"
    _uit(runner, pad, "overzicht", *DAG, "--uit", str(site))
    assert f"{POST}: W. Waarnemer" in (site / "organen" / "regiegroep.md").read_text("utf-8")
    assert POST in (site / "index.html").read_text("utf-8")


def test_verschil_and_geschiedenis_say_waarnemend(runner, paden):
    oud, pad = paden
    regel = (
        "  burgemeester van Diemen: Burgemeester Testpersoon B -> W. Waarnemer (waarnemend) per "
        "2026-12-01"
    )
    assert regel in _uit(runner, pad, "verschil", str(oud), str(pad)).splitlines()
    markdown = _uit(runner, pad, "verschil", str(oud), str(pad), "--formaat", "markdown")
    assert "Burgemeester Testpersoon B -&gt; W. Waarnemer (waarnemend) per 2026-12-01" in markdown
    wijzigingen = json.loads(_uit(runner, pad, "verschil", str(oud), str(pad), "--json"))
    opvolging = [w for w in wijzigingen["wijzigingen"] if w["soort"] == "opvolging"]
    assert [(w["persoon"], w["waarnemend"]) for w in opvolging] == [("w-waarnemer", True)]
    assert not [w for w in wijzigingen["wijzigingen"] if "waarnemend" in w.get("pad", "")]
    tijdlijn = _uit(runner, pad, "geschiedenis", "burgemeester van Diemen")
    assert "2026-12-01 t/m heden       W. Waarnemer (waarnemend)" in tijdlijn


def test_popolo_gives_the_membership_the_waarnemend_role(runner, paden):
    _, pad = paden
    popolo = json.loads(_uit(runner, pad, "exporteer", "--formaat", "popolo"))
    rollen = {
        m["id"]: m["role"]
        for m in popolo["memberships"]
        if m["person_id"] == "persoon/w-waarnemer" and m["id"].startswith("bezetting/")
    }
    assert rollen == {
        "bezetting/w-waarnemer/burgemeester/diemen/2026-12-01": "burgemeester (waarnemend)"
    }


def test_the_csv_has_a_waarnemend_column_that_importeer_reads_back(runner, paden, tmp_path):
    _, pad = paden
    csv = _uit(runner, pad, "exporteer", "--formaat", "csv")
    kop, *rijen = csv.lstrip("\ufeff").splitlines()
    assert kop.split(";")[-1] == "waarnemend"
    assert [r.split(";")[-1] for r in rijen if r.startswith("W. Waarnemer;")] == ["ja"]
    assert {r.split(";")[-1] for r in rijen if not r.startswith("W. Waarnemer;")} == {""}
    blad = tmp_path / "blad.csv"
    blad.write_text(csv, encoding="utf-8")
    leeg = Path(shutil.copy(FICTIEF, tmp_path / "leeg.yaml"))
    assert amctl(runner, leeg, "importeer", str(blad)).exit_code == 0
    assert "vanaf: 2026-12-01, waarnemend: true}" in leeg.read_text(encoding="utf-8")
    nogmaals = _uit(runner, pad, "importeer", str(blad))
    assert nogmaals.startswith("Niets gewijzigd")


def test_the_xlsx_has_the_waarnemend_column(runner, paden, tmp_path):
    from openpyxl import load_workbook

    _, pad = paden
    uit = tmp_path / "x.xlsx"
    _uit(runner, pad, "exporteer", "--formaat", "xlsx", "--uit", str(uit))
    werkmap = load_workbook(io.BytesIO(uit.read_bytes()), read_only=True)
    rijen = list(werkmap["bezetting"].iter_rows(values_only=True))
    kolom = rijen[0].index("waarnemend")
    assert [r[kolom] for r in rijen[1:] if r[0] == "W. Waarnemer"] == ["ja"]
    zetels = list(werkmap["zetels"].iter_rows(values_only=True))
    assert ("Regiegroep", "burgemeester (waarnemend)", "Diemen", "W. Waarnemer") in [
        r[:4] for r in zetels
    ]


def test_a_bad_waarnemend_cell_is_named(runner, tmp_path):
    pad = Path(shutil.copy(FICTIEF, tmp_path / "fictief.yaml"))
    blad = tmp_path / "blad.csv"
    blad.write_text(
        "naam;functie;gemeente;vanaf;waarnemend\nW. Waarnemer;burgemeester;diemen;2026-12-01;"
        "misschien\n",
        encoding="utf-8",
    )
    uitslag = amctl(runner, pad, "importeer", str(blad))
    assert uitslag.exit_code == 1
    assert (
        "rij 2, kolom 'waarnemend': 'misschien' is geen ja of nee; zet 'ja' bij een waarnemende "
        "termijn, anders niets." in uitslag.stderr
    )


def test_the_json_schema_knows_waarnemend(runner):
    from amctl.cli import app

    schema = runner.invoke(app, ["schema"]).stdout
    assert '"waarnemend"' in schema
