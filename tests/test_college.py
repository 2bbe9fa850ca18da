"""amctl importeer BLAD --college GEMEENTE -D DATUM: the sheet is the whole new college of one
gemeente (issue 22, item 4).

Every person is fictional. The file is the shipped one with tests/fixtures/bezetting.csv read
in (Fictieve Wethouder 1 Diemen holds wonen, Fictieve Wethouder 2 Diemen economie and, from
2026-07-01, verkeer-en-vervoer; Fictieve Burgemeester Diemen since 2023)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import amctl

BLAD = Path(__file__).parent / "fixtures" / "bezetting.csv"

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


@pytest.fixture
def bezet(runner, gedeeld) -> Path:
    assert amctl(runner, gedeeld, "importeer", str(BLAD)).exit_code == 0
    return gedeeld


def blad(
    tmp_path: Path, *regels: str, kop: str = "naam;functie;gemeente;vanaf;portefeuilles"
) -> Path:
    pad = tmp_path / "college.csv"
    pad.write_text(kop + "\n" + "\n".join(regels) + "\n")
    return pad


def diemen(runner, pad: Path, orgaan: str, dag: str) -> list[str | None]:
    uitvoer = amctl(runner, pad, "wie-zit-in", orgaan, "--peildatum", dag, "--json")
    assert uitvoer.exit_code == 0, uitvoer.output
    return [z["persoon"] for z in json.loads(uitvoer.stdout)["leden"] if z["gemeente"] == "diemen"]


NIEUW_COLLEGE = (
    "Fictieve Wethouder 2 Diemen;wethouder;diemen;;economie, wonen",
    "Fictieve Wethouder 3 Diemen;wethouder;Diemen;;verkeer-en-vervoer",
)


def test_the_sheet_becomes_the_college_ended_continued_and_new(runner, bezet, tmp_path):
    """The wrong answer of issue 22: importing the new college of Diemen left the old
    wethouders in office, and PHO Wonen showed Diemen twice."""
    uitvoer = amctl(
        runner,
        bezet,
        "importeer",
        str(blad(tmp_path, *NIEUW_COLLEGE)),
        "--college",
        "diemen",
        "-D",
        "2026-12-01",
    )

    assert uitvoer.exit_code == 0, uitvoer.output
    assert uitvoer.stdout.startswith(
        "Nieuw college van Diemen per 2026-12-01: 1 beëindigd, 1 voortgezet, 1 nieuw.\n"
        "Beëindigd: Fictieve Wethouder 1 Diemen als wethouder van Diemen, laatste dag "
        "2026-11-30.\n"
        "Voortgezet: Fictieve Wethouder 2 Diemen als wethouder van Diemen, sinds 2026-04-15 "
        "(houdt Economie; Verkeer en Vervoer beëindigd, laatste dag 2026-11-30; Wonen erbij "
        "vanaf 2026-12-01).\n"
        "Nieuw: Fictieve Wethouder 3 Diemen als wethouder van Diemen, vanaf 2026-12-01 "
        "(Verkeer en Vervoer).\n"
    )
    # who stays continues without a break; who leaves, leaves the day before
    plenair = {d: diemen(runner, bezet, "plenair-overleg", d) for d in ("2026-11-30", "2026-12-01")}
    assert "Fictieve Wethouder 1 Diemen" in plenair["2026-11-30"]
    assert "Fictieve Wethouder 1 Diemen" not in plenair["2026-12-01"]
    assert "Fictieve Wethouder 2 Diemen" in plenair["2026-11-30"]
    assert "Fictieve Wethouder 2 Diemen" in plenair["2026-12-01"]
    assert diemen(runner, bezet, "pho-wonen", "2026-11-30") == ["Fictieve Wethouder 1 Diemen"]
    assert diemen(runner, bezet, "pho-wonen", "2026-12-01") == ["Fictieve Wethouder 2 Diemen"]
    assert diemen(runner, bezet, "pho-verkeer-en-vervoer", "2026-12-01") == [
        "Fictieve Wethouder 3 Diemen"
    ]
    assert diemen(runner, bezet, "pho-economie", "2026-12-01") == ["Fictieve Wethouder 2 Diemen"]
    # the burgemeester is not in the sheet, and the sheet names no burgemeester: he stays
    assert diemen(runner, bezet, "regiegroep", "2026-12-01") == ["Fictieve Burgemeester Diemen"]
    assert amctl(runner, bezet, "controleer").exit_code == 0


def test_the_same_college_read_again_changes_nothing(runner, bezet, tmp_path):
    college = blad(tmp_path, *NIEUW_COLLEGE)
    opties = ("--college", "diemen", "-D", "2026-12-01")
    assert amctl(runner, bezet, "importeer", str(college), *opties).exit_code == 0
    eerst = bezet.read_bytes()

    uitvoer = amctl(runner, bezet, "importeer", str(college), *opties)

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Niets gewijzigd" in uitvoer.stdout
    assert bezet.read_bytes() == eerst


def test_droog_shows_the_diff_and_the_summary_and_writes_nothing(runner, bezet, tmp_path):
    voor = bezet.read_bytes()
    uitvoer = amctl(
        runner,
        bezet,
        "importeer",
        str(blad(tmp_path, *NIEUW_COLLEGE)),
        "--college",
        "diemen",
        "-D",
        "2026-12-01",
        "--droog",
    )

    assert uitvoer.exit_code == 0, uitvoer.output
    assert (
        "-      - {functie: wethouder, gemeente: diemen, vanaf: 2026-04-15, portefeuilles: "
        "[wonen]}\n"
        "+      - {functie: wethouder, gemeente: diemen, vanaf: 2026-04-15, tot-en-met: "
        "2026-11-30, portefeuilles: [wonen]}\n" in uitvoer.stdout
    )
    assert "Nieuw college van Diemen per 2026-12-01: 1 beëindigd, 1 voortgezet, 1 nieuw." in (
        uitvoer.stderr
    )
    assert "--droog: er is niets geschreven." in uitvoer.stderr
    assert bezet.read_bytes() == voor


def test_a_new_burgemeester_in_the_sheet_takes_over_on_the_date(runner, bezet, tmp_path):
    uitvoer = amctl(
        runner,
        bezet,
        "importeer",
        str(
            blad(
                tmp_path,
                "Fictieve Waarnemer Diemen;burgemeester;diemen;;;ja",
                *NIEUW_COLLEGE,
                kop="naam;functie;gemeente;vanaf;portefeuilles;waarnemend",
            )
        ),
        "--college",
        "diemen",
        "-D",
        "2026-12-01",
    )

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "2 beëindigd, 1 voortgezet, 2 nieuw." in uitvoer.stdout
    assert (
        "Beëindigd: Fictieve Burgemeester Diemen als burgemeester van Diemen, laatste dag "
        "2026-11-30." in uitvoer.stdout
    )
    assert uitvoer.stdout.count("Beëindigd: Fictieve Burgemeester Diemen") == 1
    assert (
        "Nieuw: Fictieve Waarnemer Diemen als burgemeester van Diemen (waarnemend), vanaf "
        "2026-12-01." in uitvoer.stdout
    )
    assert diemen(runner, bezet, "regiegroep", "2026-11-30") == ["Fictieve Burgemeester Diemen"]
    assert diemen(runner, bezet, "regiegroep", "2026-12-01") == ["Fictieve Waarnemer Diemen"]


def test_a_sheet_that_names_another_gemeente_is_refused(runner, bezet, tmp_path):
    college = blad(
        tmp_path, *NIEUW_COLLEGE, "Fictieve Wethouder 3 Aalsmeer;wethouder;aalsmeer;;ruimte"
    )
    voor = bezet.read_bytes()

    uitvoer = amctl(
        runner, bezet, "importeer", str(college), "--college", "diemen", "-D", "2026-12-01"
    )

    assert uitvoer.exit_code == 1
    assert (
        f"{college}, rij 4, kolom 'gemeente': Met --college diemen is het blad het college van "
        "Diemen, maar deze rij noemt Aalsmeer; haal haar weg of lees haar apart in."
        in uitvoer.stderr
    )
    assert "1 rij van" in uitvoer.stderr and "er is niets ingelezen" in uitvoer.stderr
    assert bezet.read_bytes() == voor


@pytest.mark.parametrize(
    ("opties", "melding"),
    [
        (("--college", "diemen"), "Met --college hoort -D DATUM"),
        (("--college", "diemn", "-D", "2026-12-01"), "Onbekende gemeente 'diemn'. Bedoelde u"),
    ],
    ids=["zonder-datum", "onbekende-gemeente"],
)
def test_college_without_a_date_or_with_an_unknown_gemeente_is_wrong_use(
    runner, bezet, tmp_path, opties, melding
):
    voor = bezet.read_bytes()
    uitvoer = amctl(runner, bezet, "importeer", str(blad(tmp_path, *NIEUW_COLLEGE)), *opties)
    assert uitvoer.exit_code == 2
    assert melding in uitvoer.stderr
    assert bezet.read_bytes() == voor
