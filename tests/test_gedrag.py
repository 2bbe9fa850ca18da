"""Behaviours that realistic planted bugs showed nobody checked (issue 25), each from what a
user sees: the answer of a query, a message, an exit code."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import amctl

FIXTURES = Path(__file__).parent / "fixtures"
FICTIEF = FIXTURES / "fictief.yaml"
VERGADERINGEN = FIXTURES / "vergaderingen.yaml"


def _vervang(tekst: str, oud: str, nieuw: str) -> str:
    assert tekst.count(oud) == 1, oud
    return tekst.replace(oud, nieuw)


# --- a chair named by post, with two holders of that post -----------------------------------

VOORZITTER_WETHOUDER = """    voorzitter:
      functie: wethouder
      gemeente: diemen
    ondersteuning:
      - functie: algemeen-regiosecretaris
    vergaderritme:
      - per-jaar: 2"""

TWEEDE_WETHOUDER = """  fictief-wethouder-diemen-twee:
    naam: Fictief Wethouder Twee
    functies:
      - functie: wethouder
        gemeente: diemen
        vanaf: 2022-06-01
  fictief-wethouder-amstelveen:
"""


def test_a_chair_named_by_post_marks_one_seat_when_the_post_has_two_holders(runner, schrijf):
    tekst = FICTIEF.read_text(encoding="utf-8")
    tekst = _vervang(
        tekst,
        VOORZITTER_WETHOUDER.replace(
            "wethouder\n      gemeente: diemen", "burgemeester\n      gemeente: amstelveen"
        ),
        VOORZITTER_WETHOUDER,
    )
    tekst = _vervang(tekst, "  fictief-wethouder-amstelveen:\n", TWEEDE_WETHOUDER)
    pad = schrijf(tekst)

    als_json = amctl(runner, pad, "wie-zit-in", "plenair-overleg", "-d", "2026-06-01", "--json")
    als_tekst = amctl(runner, pad, "wie-zit-in", "plenair-overleg", "-d", "2026-06-01")

    assert als_json.exit_code == 0, als_json.output
    leden = json.loads(als_json.stdout)["leden"]
    diemen = [lid for lid in leden if (lid["functie"], lid["gemeente"]) == ("wethouder", "diemen")]
    assert len(diemen) == 2  # both holders sit
    assert [lid["rol"] for lid in leden].count("voorzitter") == 1
    assert [
        regel.split()[-2]
        for regel in als_tekst.stdout.splitlines()
        if "Diemen" in regel and regel.startswith("wethouder")
    ].count("voorzitter") == 1


# --- the planned months of a rooster ---------------------------------------------------------


def test_a_year_with_two_meetings_in_one_month_is_not_the_planned_pattern(runner, schrijf):
    # 2026, the last full year, has both meetings in March: its months are no pattern of two
    # meetings a year, so the plan takes 2025's (March and October).
    tekst = _vervang(
        VERGADERINGEN.read_text(encoding="utf-8"),
        "{datum: 2026-10-08, gemeente: diemen,",
        "{datum: 2026-03-26, gemeente: diemen,",
    )
    pad = schrijf(tekst)

    resultaat = amctl(runner, pad, "rooster", "plenair-overleg", "-d", "2026-11-30", "--json")

    assert resultaat.exit_code == 0, resultaat.output
    gegevens = json.loads(resultaat.stdout)
    assert gegevens["maanden"] == [3, 10]
    assert any("de maanden van 2025" in t for t in gegevens["toelichting"])


# --- the sources a body's card names ---------------------------------------------------------

TEGENSTRIJDIGHEID_REGIEGROEP = """tegenstrijdigheden:
  samenstelling-regiegroep:
    onderwerp: Wie zit er in de regiegroep?
    uitspraken:
      - tekst: De regiegroep bestaat uit de burgemeesters.
        bron: am-home
      - tekst: De regiegroep telt ook de gemeentesecretarissen.
        bron: cbs-gemeentecodes
    betreft: [regiegroep]
    verwerking: Fictief, voor de test.
"""


def _bronnen(runner, pad: Path, orgaan: str) -> set[str]:
    resultaat = amctl(runner, pad, "toon", orgaan, "-d", "2026-06-01")
    assert resultaat.exit_code == 0, resultaat.output
    blok = resultaat.stdout.split("\nBronnen:\n", 1)[1]
    return {
        regel.split(":")[0].strip(" -") for regel in blok.splitlines() if regel.startswith("  - ")
    }


def test_a_card_names_its_own_sources_those_of_its_parts_and_of_contradictions_about_it(
    runner, schrijf
):
    # plenair-overleg: its own source, and the one of its second rhythm
    assert _bronnen(runner, FICTIEF, "plenair-overleg") == {"brontekst", "am-overlegstructuur"}
    zonder = _bronnen(runner, FICTIEF, "regiegroep")
    tekst = _vervang(
        FICTIEF.read_text(encoding="utf-8"), "tegenstrijdigheden:\n", TEGENSTRIJDIGHEID_REGIEGROEP
    )
    met = _bronnen(runner, schrijf(tekst), "regiegroep")

    assert {"am-home", "cbs-gemeentecodes"} - zonder  # the test shows something new
    assert met == zonder | {"am-home", "cbs-gemeentecodes"}


# --- a gap between two recorded statuses ------------------------------------------------------


def test_a_gap_between_two_recorded_statuses_reads_onbekend_in_every_view(runner, schrijf):
    tekst = _vervang(
        FICTIEF.read_text(encoding="utf-8"),
        "    status: actief\n    onderdeel-van: am-overleg\n"
        "    omschrijving: Hier worden de inhoudelijke afspraken over wonen",
        "    status:\n"
        "      - {waarde: actief, vanaf: 2016-01-01, tot-en-met: 2019-12-31}\n"
        "      - {waarde: actief, vanaf: 2021-01-01}\n"
        "    onderdeel-van: am-overleg\n"
        "    omschrijving: Hier worden de inhoudelijke afspraken over wonen",
    )
    pad = schrijf(tekst)

    for dag, status in [
        ("2019-12-31", "actief"),
        ("2020-06-01", "onbekend"),
        ("2021-01-01", "actief"),
    ]:
        kop = amctl(runner, pad, "wie-zit-in", "pho-wonen", "-d", dag).stdout.splitlines()[1]
        assert kop.startswith(f"Portefeuillehoudersoverleg Wonen (pho-wonen) op {dag} - {status}")
        rij = amctl(runner, pad, "organen", "-d", dag, "--json")
        [orgaan] = [o for o in json.loads(rij.stdout)["organen"] if o["id"] == "pho-wonen"]
        assert orgaan["status"] == status, dag


# --- Popolo on a peildatum: a membership on its last day -------------------------------------


def _popolo_lidmaatschappen(runner, dag: str, persoon: str) -> list[dict]:
    resultaat = amctl(runner, FICTIEF, "exporteer", "--formaat", "popolo", "--peildatum", dag)
    assert resultaat.exit_code == 0, resultaat.output
    lidmaatschappen = json.loads(resultaat.stdout)["memberships"]
    return [m for m in lidmaatschappen if m["person_id"] == f"persoon/{persoon}"]


def test_popolo_on_the_last_day_of_a_term_still_has_its_memberships(runner):
    # The old burgemeester of Diemen holds the post to 2026-03-31 inclusive ('tot-en-met').
    laatste_dag = _popolo_lidmaatschappen(runner, "2026-03-31", "fictief-burgemeester-diemen-oud")
    erna = _popolo_lidmaatschappen(runner, "2026-04-01", "fictief-burgemeester-diemen-oud")
    nieuw = _popolo_lidmaatschappen(runner, "2026-04-01", "fictief-burgemeester-diemen-nieuw")

    posten = {m["post_id"] for m in laatste_dag}
    assert "functie/burgemeester/diemen" in posten
    assert any(p.startswith("zetel/") for p in posten)  # and the seats that come with it
    assert erna == []
    assert {m["post_id"] for m in nieuw} == posten
