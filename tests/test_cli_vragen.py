"""The query commands (`wie-zit-in`, `waar-zit`, `organen`, `toon`, `tree`): their JSON, their
text, their exit status. On the shipped data unless a test needs people: then on the
fictional fixture, or a copy of it with one name changed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from conftest import GEMEENTEN

from amctl.bestand import OMGEVINGSVARIABELE
from amctl.cli import app

FICTIEF = Path(__file__).parent / "fixtures" / "fictief.yaml"
PEILDATUM = "2026-06-01"
ONBEKEND_ORGAAN = "Onbekend orgaan 'regigroep'. Bedoelde u: regiegroep?"
NIET_ACTIEF = {"pho-ruimte": "betwist", "pho-duurzaamheid": "in-overweging"}
# Rich decides on colour from the environment; these make it colour even without a terminal.
KLEUR_AFDWINGEN = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")
# An SGR sequence with a colour parameter: 30-37/90-97 (foreground), 40-47/100-107
# (background), 38;.../48;... (256 colours and RGB). Bold (1) and dim (2) are not colour.
KLEURCODE = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


@pytest.fixture(autouse=True)
def schone_omgeving(monkeypatch):
    """No file chosen by the environment, no colour asked for or refused by it, and a fixed
    width: without COLUMNS, rich asks the terminal that pytest itself runs in."""
    for naam in (OMGEVINGSVARIABELE, "NO_COLOR", *KLEUR_AFDWINGEN):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def amctl(runner, gedeeld_bestand):
    """Run amctl on the shipped data (or the file given with -f) and return the result."""

    def voer_uit(*args: str, env: dict[str, str] | None = None):
        bestand = [] if "-f" in args else ["-f", str(gedeeld_bestand)]
        return runner.invoke(app, [*args, *bestand], env=env)

    return voer_uit


@pytest.fixture
def als_json(amctl):
    """Run a query with --json; it must succeed and print nothing on stderr."""

    def voer_uit(*args: str):
        resultaat = amctl(*args, "--json")
        assert resultaat.exit_code == 0, resultaat.stderr
        assert resultaat.stderr == ""
        return json.loads(resultaat.stdout)

    return voer_uit


@pytest.fixture
def fictief_met_naam(schrijf):
    """The fictional fixture with the new burgemeester of Diemen renamed: `naam` is a YAML
    scalar, so that escapes like \\e can be written."""

    def maak(naam: str) -> Path:
        tekst = FICTIEF.read_text(encoding="utf-8")
        oud = "naam: Burgemeester Testpersoon B\n"
        assert tekst.count(oud) == 1
        return schrijf(tekst.replace(oud, f"naam: {naam}\n"), "fictief-naam.yaml")

    return maak


@pytest.fixture
def bestand_met_fout(schrijf) -> Path:
    """The fictional fixture with a holding of a post that does not exist (AM201)."""
    tekst = FICTIEF.read_text(encoding="utf-8")
    goed = "      - functie: regiosecretaris-wonen\n        vanaf:"
    assert tekst.count(goed) == 1
    return schrijf(tekst.replace(goed, goed.replace("wonen", "wonnen")), "met-fout.yaml")


def orgaan_in_boom(knopen: list[dict], orgaan: str) -> dict:
    for knoop in knopen:
        if knoop["id"] == orgaan:
            return knoop
        gevonden = orgaan_in_boom(knoop["onderdelen"], orgaan)
        if gevonden:
            return gevonden
    return {}


def ids_in_boom(knopen: list[dict]) -> list[str]:
    return [id_ for k in knopen for id_ in (k["id"], *ids_in_boom(k["onderdelen"]))]


def noemt_id(tekst: str, id_: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(id_)}(?![\w-])", tekst) is not None


# --- wie-zit-in --json on the shipped data --------------------------------------------------


def test_wie_zit_in_json_has_the_documented_shape(als_json):
    gegevens = als_json("wie-zit-in", "regiegroep", "-d", PEILDATUM)
    assert {"orgaan", "peildatum", "leden", "ondersteuning"} <= set(gegevens)
    assert {"id": "regiegroep", "naam": "Regiegroep"}.items() <= gegevens["orgaan"].items()
    assert gegevens["peildatum"] == PEILDATUM
    assert gegevens["leden"]
    for lid in gegevens["leden"]:
        assert {"functie", "gemeente", "persoon", "rol"} <= set(lid)
    for steun in gegevens["ondersteuning"]:
        assert {"functie", "persoon"} <= set(steun)


def test_wie_zit_in_asks_for_today_without_peildatum(als_json):
    assert als_json("wie-zit-in", "regiegroep")["peildatum"] == date.today().isoformat()


def test_regiegroep_has_seven_burgemeesters_one_per_gemeente(als_json):
    leden = als_json("wie-zit-in", "regiegroep", "-d", PEILDATUM)["leden"]
    burgemeesters = [lid for lid in leden if lid["functie"] == "burgemeester"]
    assert sorted(lid["gemeente"] for lid in burgemeesters) == GEMEENTEN
    assert {lid["gemeente"]: lid["rol"] for lid in burgemeesters} == {
        g: "voorzitter" if g == "amstelveen" else "lid" for g in GEMEENTEN
    }


def test_shipped_data_names_nobody(als_json):
    gegevens = als_json("wie-zit-in", "regiegroep", "-d", PEILDATUM)
    assert {lid["persoon"] for lid in gegevens["leden"]} == {None}
    assert {s["persoon"] for s in gegevens["ondersteuning"]} == {None}


def test_plenair_overleg_seats_every_college_chaired_by_amstelveen(als_json):
    gegevens = als_json("wie-zit-in", "plenair-overleg", "-d", PEILDATUM)
    zetels = {(lid["functie"], lid["gemeente"]) for lid in gegevens["leden"]}
    assert zetels == {(f, g) for f in ("burgemeester", "wethouder") for g in GEMEENTEN}
    voorzitters = [
        (lid["functie"], lid["gemeente"]) for lid in gegevens["leden"] if lid["rol"] == "voorzitter"
    ]
    assert voorzitters == [("burgemeester", "amstelveen")]
    assert gegevens["voorzitter"]["regel"] == "functie"
    assert (gegevens["voorzitter"]["functie"], gegevens["voorzitter"]["gemeente"]) == (
        "burgemeester",
        "amstelveen",
    )


def test_secretarissenoverleg_has_seven_secretarissen_and_a_rotating_chair(als_json):
    gegevens = als_json("wie-zit-in", "secretarissenoverleg", "-d", PEILDATUM)
    assert sorted((lid["functie"], lid["gemeente"]) for lid in gegevens["leden"]) == [
        ("gemeentesecretaris", g) for g in GEMEENTEN
    ]
    assert gegevens["voorzitter"]["regel"] == "roulerend"
    assert [lid for lid in gegevens["leden"] if lid["rol"] == "voorzitter"] == []


def test_raadsledenplatform_has_two_raadsleden_per_gemeente(als_json):
    leden = als_json("wie-zit-in", "raadsledenplatform", "-d", PEILDATUM)["leden"]
    assert {lid["functie"] for lid in leden} == {"raadslid"}
    assert len(leden) == 14
    assert Counter(lid["gemeente"] for lid in leden) == dict.fromkeys(GEMEENTEN, 2)


def test_am_team_holds_its_four_posts(als_json):
    leden = als_json("wie-zit-in", "am-team", "-d", PEILDATUM)["leden"]
    assert sorted((lid["functie"], lid["gemeente"]) for lid in leden) == [
        ("algemeen-regiosecretaris", None),
        ("regiosecretaris-economie", None),
        ("regiosecretaris-verkeer-en-vervoer", None),
        ("regiosecretaris-wonen", None),
    ]


def test_every_active_pho_is_supported_by_its_regiosecretaris(als_json):
    organen = als_json("organen", "-d", PEILDATUM)["organen"]
    actief = sorted(
        o["id"]
        for o in organen
        if o["soort"] == "portefeuillehoudersoverleg" and o["status"] == "actief"
    )
    assert actief == ["pho-economie", "pho-verkeer-en-vervoer", "pho-wonen"]
    for pho in actief:
        steun = als_json("wie-zit-in", pho, "-d", PEILDATUM)["ondersteuning"]
        thema = pho.removeprefix("pho-")
        assert [s["functie"] for s in steun] == [f"regiosecretaris-{thema}"], pho


# --- the status of a body, wherever it appears ----------------------------------------------


@pytest.mark.parametrize(("orgaan", "status"), NIET_ACTIEF.items())
def test_status_in_wie_zit_in_json(als_json, orgaan, status):
    assert als_json("wie-zit-in", orgaan, "-d", PEILDATUM)["orgaan"]["status"] == status


@pytest.mark.parametrize(("orgaan", "status"), NIET_ACTIEF.items())
def test_status_in_organen_json(als_json, orgaan, status):
    (rij,) = [o for o in als_json("organen", "-d", PEILDATUM)["organen"] if o["id"] == orgaan]
    assert rij["status"] == status


@pytest.mark.parametrize(("orgaan", "status"), NIET_ACTIEF.items())
def test_status_in_tree_json(als_json, orgaan, status):
    boom = als_json("tree", "-d", PEILDATUM)
    assert orgaan_in_boom(boom["organen"], orgaan)["status"] == status


@pytest.mark.parametrize(("orgaan", "status"), NIET_ACTIEF.items())
def test_status_in_tree_text(amctl, orgaan, status):
    resultaat = amctl("tree", "-d", PEILDATUM)
    assert resultaat.exit_code == 0
    (regel,) = [r for r in resultaat.stdout.splitlines() if noemt_id(r, orgaan)]
    assert status.replace("-", " ") in regel


@pytest.mark.parametrize(("orgaan", "status"), NIET_ACTIEF.items())
def test_status_in_toon_text(amctl, orgaan, status):
    resultaat = amctl("toon", orgaan, "-d", PEILDATUM)
    assert resultaat.exit_code == 0
    (regel,) = [r for r in resultaat.stdout.splitlines() if r.startswith("Status: ")]
    assert status.replace("-", " ") in regel


# --- other JSON shapes ----------------------------------------------------------------------


def test_waar_zit_json_has_the_documented_shape(als_json):
    gegevens = als_json("waar-zit", "diemen", "-d", PEILDATUM)
    assert {"wie", "peildatum", "plaatsen"} <= set(gegevens)
    assert (gegevens["wie"]["soort"], gegevens["wie"]["id"]) == ("gemeente", "diemen")
    assert gegevens["peildatum"] == PEILDATUM
    assert gegevens["plaatsen"]
    assert {p["gemeente"] for p in gegevens["plaatsen"]} == {"diemen"}


def test_waar_zit_post_of_a_gemeente_shows_the_chair_roles(als_json):
    plaatsen = als_json("waar-zit", "burgemeester van Amstelveen", "-d", PEILDATUM)["plaatsen"]
    assert [(p["orgaan"]["id"], p["rol"]) for p in plaatsen] == [
        ("plenair-overleg", "voorzitter"),
        ("regiegroep", "voorzitter"),
    ]


def test_organen_json_is_a_list_with_the_documented_fields(als_json):
    organen = als_json("organen", "-d", PEILDATUM)["organen"]
    assert isinstance(organen, list)
    for orgaan in organen:
        assert {"id", "naam", "soort", "status", "voorzitter", "vergaderritme"} <= set(orgaan)
    ids = [o["id"] for o in organen]
    assert len(ids) == len(set(ids))
    assert {"am-overleg", "regiegroep", "pho-wonen", "mra"} <= set(ids)


def test_organen_json_leaves_out_bodies_that_ended_before_the_date(als_json):
    assert "mra-pro" in {o["id"] for o in als_json("organen", "-d", "2016-06-01")["organen"]}
    assert "mra-pro" not in {o["id"] for o in als_json("organen", "-d", PEILDATUM)["organen"]}


def test_tree_json_nests_bodies_under_onderdelen(als_json):
    boom = als_json("tree", "-d", PEILDATUM)
    assert boom["peildatum"] == PEILDATUM
    assert [k["id"] for k in boom["organen"]] == ["am-overleg", "mra"]
    am = boom["organen"][0]
    assert "regiegroep" in [k["id"] for k in am["onderdelen"]]
    assert all("onderdelen" in k for k in am["onderdelen"])


# --- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("opdracht", ["wie-zit-in", "toon", "tree"])
def test_unknown_body_exits_2_with_a_suggestion(amctl, opdracht):
    resultaat = amctl(opdracht, "regigroep")
    assert resultaat.exit_code == 2
    assert ONBEKEND_ORGAAN in resultaat.stderr
    assert resultaat.stdout == ""


@pytest.mark.parametrize("waarde", ["2026-13-01", "morgen"])
@pytest.mark.parametrize("optie", ["--peildatum", "-d"])
def test_bad_peildatum_exits_2_in_dutch(amctl, optie, waarde):
    resultaat = amctl("wie-zit-in", "regiegroep", optie, waarde)
    assert resultaat.exit_code == 2
    assert f"'{waarde}' is geen datum" in resultaat.stderr
    assert "JJJJ-MM-DD" in resultaat.stderr
    assert "Traceback" not in resultaat.output
    assert resultaat.stdout == ""


def test_negative_diepte_exits_2(amctl):
    resultaat = amctl("tree", "--diepte", "-1")
    assert resultaat.exit_code == 2
    assert "--diepte" in resultaat.stderr
    assert resultaat.stdout == ""


def test_file_with_an_error_exits_1_naming_the_file(runner, bestand_met_fout):
    resultaat = runner.invoke(app, ["wie-zit-in", "regiegroep", "-f", str(bestand_met_fout)])
    assert resultaat.exit_code == 1, resultaat.stderr
    assert str(bestand_met_fout) in resultaat.stderr
    assert "Onbekende functie 'regiosecretaris-wonnen'" in resultaat.stderr
    assert "geeft amctl geen antwoord" in resultaat.stderr
    assert resultaat.stdout == ""


def test_file_with_an_error_exits_1_in_a_fresh_process(bestand_met_fout):
    """Without CliRunner: a fresh interpreter has not imported what earlier tests did (the
    rule catalogue, say), so this path cannot pass by accident of test order."""
    proces = subprocess.run(
        [sys.executable, "-m", "amctl", "wie-zit-in", "regiegroep", "-f", str(bestand_met_fout)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proces.returncode == 1, proces.stderr
    assert str(bestand_met_fout) in proces.stderr
    assert "interne fout" not in proces.stderr


# --- people on a date (fictional fixture) ---------------------------------------------------


@pytest.mark.parametrize(
    ("peildatum", "zichtbaar", "weg"),
    [
        ("2026-06-01", "Burgemeester Testpersoon B", "Burgemeester Testpersoon A"),
        ("2020-01-01", "Burgemeester Testpersoon A", "Burgemeester Testpersoon B"),
    ],
)
def test_wie_zit_in_text_shows_the_burgemeester_of_the_date(amctl, peildatum, zichtbaar, weg):
    resultaat = amctl("wie-zit-in", "regiegroep", "-f", str(FICTIEF), "-d", peildatum)
    assert resultaat.exit_code == 0, resultaat.stderr
    assert zichtbaar in resultaat.stdout
    assert weg not in resultaat.stdout


def test_wie_zit_in_text_names_the_chair(amctl):
    resultaat = amctl("wie-zit-in", "plenair-overleg", "-f", str(FICTIEF), "-d", PEILDATUM)
    (regel,) = [r for r in resultaat.stdout.splitlines() if r.startswith("Voorzitter:")]
    assert "Burgemeester Testpersoon C" in regel


def test_wie_zit_in_json_names_who_holds_the_supporting_post(als_json):
    gegevens = als_json("wie-zit-in", "pho-wonen", "-f", str(FICTIEF), "-d", PEILDATUM)
    assert [(s["functie"], s["persoon"]) for s in gegevens["ondersteuning"]] == [
        ("regiosecretaris-wonen", "Fictief Regiosecretaris 2")
    ]
    assert sorted(
        (lid["gemeente"], lid["persoon"]) for lid in gegevens["leden"] if lid["persoon"]
    ) == [
        ("amstelveen", "Fictief Wethouder 2"),
        ("diemen", "Fictief Wethouder 1"),
    ]


# --- tree -----------------------------------------------------------------------------------


def test_tree_fits_80_columns_and_shows_the_structure(amctl, gedeeld_bestand, monkeypatch):
    # The first line names the file as given, and a path is never broken: given from the
    # folder it is in, wherever the repository was cloned.
    monkeypatch.chdir(gedeeld_bestand.parent)
    resultaat = amctl("tree", "-d", PEILDATUM, "-f", gedeeld_bestand.name, env={"COLUMNS": "80"})
    assert resultaat.exit_code == 0
    regels = resultaat.stdout.splitlines()
    assert max(len(r) for r in regels) <= 80
    assert "Amstelland-Meerlanden Overleg" in resultaat.stdout
    assert "7 x burgemeester (een per gemeente)" in resultaat.stdout
    (ruimte,) = [r for r in regels if noemt_id(r, "pho-ruimte")]
    assert "betwist" in ruimte


@pytest.mark.parametrize("breedte", [80, 60])
def test_tree_follows_the_terminal_width(amctl, breedte, monkeypatch):
    monkeypatch.chdir(FICTIEF.parent)  # the first line names the file, as given
    resultaat = amctl("tree", "-f", FICTIEF.name, "-d", PEILDATUM, env={"COLUMNS": str(breedte)})
    regels = resultaat.stdout.splitlines()
    assert max(len(r) for r in regels) <= breedte
    assert max(len(r) for r in regels) > breedte - 10


def test_tree_diepte_0_shows_only_the_roots(amctl, als_json):
    alle = ids_in_boom(als_json("tree", "-d", PEILDATUM)["organen"])
    resultaat = amctl("tree", "--diepte", "0", "-d", PEILDATUM)
    assert resultaat.exit_code == 0
    assert noemt_id(resultaat.stdout, "am-overleg")
    assert noemt_id(resultaat.stdout, "mra")
    assert [i for i in alle if noemt_id(resultaat.stdout, i)] == ["am-overleg", "mra"]


def test_tree_diepte_0_json_has_no_onderdelen(als_json):
    boom = als_json("tree", "--diepte", "0", "-d", PEILDATUM)
    assert [k["id"] for k in boom["organen"]] == ["am-overleg", "mra"]
    assert [k["onderdelen"] for k in boom["organen"]] == [[], []]


def test_tree_diepte_1_shows_children_but_not_grandchildren(als_json):
    boom = als_json("tree", "am-overleg", "--diepte", "1", "-d", PEILDATUM)
    (am,) = boom["organen"]
    assert "regiegroep" in [k["id"] for k in am["onderdelen"]]
    assert all(k["onderdelen"] == [] for k in am["onderdelen"])


def test_tree_of_one_body_shows_only_that_subtree(amctl, als_json):
    alle = ids_in_boom(als_json("tree", "-d", PEILDATUM)["organen"])
    resultaat = amctl("tree", "regiegroep", "-d", PEILDATUM)
    assert resultaat.exit_code == 0
    assert [i for i in alle if noemt_id(resultaat.stdout, i)] == ["regiegroep"]
    assert "7 x burgemeester (een per gemeente)" in resultaat.stdout


def test_tree_of_one_body_json_has_that_body_as_the_only_root(als_json):
    boom = als_json("tree", "Regiegroep", "-d", PEILDATUM)
    assert [k["id"] for k in boom["organen"]] == ["regiegroep"]


def test_tree_of_a_parent_body_includes_its_children(als_json):
    boom = als_json("tree", "mra", "-d", "2016-06-01")
    assert ids_in_boom(boom["organen"]) == [
        "mra",
        "mra-platforms",
        "mra-portefeuillehoudersoverleggen",
        "mra-pro",
        "mra-pbm",
        "mra-pres",
    ]


# --- names are text, never markup or terminal codes ------------------------------------------

TEKSTOPDRACHTEN = [
    ["wie-zit-in", "regiegroep"],
    ["tree", "regiegroep"],
    ["toon", "regiegroep"],
    ["waar-zit", "diemen"],
    ["waar-zit", "fictief-burgemeester-diemen-nieuw"],
]


@pytest.mark.parametrize("opdracht", TEKSTOPDRACHTEN, ids=" ".join)
def test_markup_in_a_name_is_printed_literally(amctl, fictief_met_naam, opdracht):
    naam = "[bold]Mr. X[/bold] <b>y</b>"
    pad = fictief_met_naam(f'"{naam}"')
    # Wide enough that no table column folds the name: this test is about markup only.
    resultaat = amctl(*opdracht, "-f", str(pad), "-d", PEILDATUM, env={"COLUMNS": "200"})
    assert resultaat.exit_code == 0, resultaat.stderr
    assert naam in resultaat.stdout


@pytest.mark.parametrize("opdracht", TEKSTOPDRACHTEN, ids=" ".join)
def test_terminal_escape_in_a_name_is_made_visible(amctl, fictief_met_naam, opdracht):
    pad = fictief_met_naam('"\\e[31mrood"')
    resultaat = amctl(*opdracht, "-f", str(pad), "-d", PEILDATUM, env={"COLUMNS": "200"})
    assert resultaat.exit_code == 0, resultaat.stderr
    assert "\x1b" not in resultaat.output
    assert "\\u001b[31mrood" in resultaat.stdout


# --- colour ---------------------------------------------------------------------------------

KLEUROPDRACHTEN = [
    ["wie-zit-in", "pho-ruimte"],
    ["waar-zit", "wethouder"],
    ["organen"],
    ["toon", "pho-ruimte"],
    ["tree"],
]


@pytest.mark.parametrize("opdracht", KLEUROPDRACHTEN, ids=" ".join)
def test_no_escape_codes_when_not_a_terminal(amctl, opdracht):
    resultaat = amctl(*opdracht, "-d", PEILDATUM)
    assert resultaat.exit_code == 0
    assert resultaat.stdout.strip()
    assert "\x1b" not in resultaat.output


@pytest.mark.parametrize("opdracht", KLEUROPDRACHTEN, ids=" ".join)
def test_no_colour_with_no_color_even_when_colour_is_forced(amctl, opdracht):
    gekleurd = amctl(*opdracht, "-d", PEILDATUM, env={"FORCE_COLOR": "1"})
    assert KLEURCODE.search(gekleurd.stdout), "FORCE_COLOR should give colour: detector check"
    resultaat = amctl(*opdracht, "-d", PEILDATUM, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert resultaat.exit_code == 0
    assert not KLEURCODE.search(resultaat.output)
