"""Finding a person as people type: a part of the name, in any case, without accents; and
"Bedoelde u" with the candidates when more than one person or none fits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from amctl.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
FICTIEF = FIXTURES / "fictief.yaml"
PEILDATUM = "2026-06-01"


def waar_zit(runner, wie: str, pad: Path = FICTIEF):
    return runner.invoke(app, ["waar-zit", wie, "--json", "-f", str(pad), "-d", PEILDATUM])


@pytest.mark.parametrize("getypt", ["Wethouder 1", "wethouder 1", "WETHOUDER-1", "wéthouder 1"])
def test_a_part_of_the_name_finds_the_one_person_in_any_case_and_without_accents(runner, getypt):
    resultaat = waar_zit(runner, getypt)

    assert resultaat.exit_code == 0, resultaat.output
    assert json.loads(resultaat.stdout)["wie"]["id"] == "fictief-wethouder-diemen"


def test_accents_in_the_data_need_not_be_typed(runner, schrijf):
    pad = schrijf(FICTIEF.read_text().replace("Fictief Wethouder 3", "Fictief Wethouder Çelik"))

    resultaat = waar_zit(runner, "celik", pad)

    assert resultaat.exit_code == 0, resultaat.output
    assert json.loads(resultaat.stdout)["wie"]["id"] == "fictief-wethouder-aalsmeer"


def test_more_than_one_person_is_answered_with_all_of_them(runner):
    resultaat = waar_zit(runner, "testpersoon")

    assert resultaat.exit_code == 2
    assert resultaat.stderr.startswith("amctl: 'testpersoon' past bij meer dan één persoon.")
    for naam, pid in [
        ("Burgemeester Testpersoon A", "fictief-burgemeester-diemen-oud"),
        ("Burgemeester Testpersoon B", "fictief-burgemeester-diemen-nieuw"),
        ("Burgemeester Testpersoon C", "fictief-burgemeester-amstelveen"),
    ]:
        assert f"{naam} ({pid})" in resultaat.stderr
    assert "Bedoelde u:" in resultaat.stderr


def test_nobody_is_answered_with_the_closest_name(runner):
    resultaat = waar_zit(runner, "fictief-wethouder-dieme")

    assert resultaat.exit_code == 0  # a part of an id is a part too
    resultaat = waar_zit(runner, "fictief-wethoudr-diemen")
    assert resultaat.exit_code == 2
    assert "Bedoelde u: fictief-wethouder-diemen?" in resultaat.stderr


def test_an_edit_finds_the_person_by_a_part_of_the_name(runner, tmp_path):
    pad = Path(shutil.copy(FIXTURES / "verschil" / "voor.yaml", tmp_path / "voor.yaml"))

    resultaat = runner.invoke(
        app, ["ontsla", "burgemeester c", "burgemeester", "-D", "2026-01-01", "-f", str(pad)]
    )

    assert resultaat.exit_code == 0, resultaat.output
    assert "Beëindigd: Fictief Burgemeester C als burgemeester van Aalsmeer" in resultaat.stdout


def test_benoem_does_not_take_a_part_of_a_name_for_a_new_person(runner, tmp_path):
    pad = Path(shutil.copy(FIXTURES / "verschil" / "voor.yaml", tmp_path / "voor.yaml"))
    ervoor = pad.read_bytes()

    resultaat = runner.invoke(
        app, ["benoem", "Burgemeester C", "burgemeester", "-g", "uithoorn", "-f", str(pad)]
    )

    assert resultaat.exit_code == 2
    assert "Bedoelde u: Fictief Burgemeester C (fictief-c)?" in resultaat.stderr
    assert pad.read_bytes() == ervoor
