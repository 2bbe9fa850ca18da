"""`amctl rooster`: a fair, deterministic plan of who hosts the coming meetings and who chairs
the coming terms, explained per line. On tests/fixtures/vergaderingen.yaml: the shipped data
with four recorded (invented) plenair overleg meetings and secretarissenoverleg chair turns."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import GEMEENTEN
from hypothesis import given
from hypothesis import strategies as st

from amctl.bestand import OMGEVINGSVARIABELE
from amctl.cli import app
from amctl.controle import controleer_bestand, controleer_tekst
from amctl.rooster import maak_rooster
from amctl.roulatie import volgorde

VERGADERINGEN = Path(__file__).parent / "fixtures" / "vergaderingen.yaml"
PEILDATUM = "2026-11-30"


@pytest.fixture(autouse=True)
def schone_omgeving(monkeypatch):
    monkeypatch.delenv(OMGEVINGSVARIABELE, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def rooster_json(runner):
    def voer_uit(*args: str, bestand: Path = VERGADERINGEN) -> dict:
        resultaat = runner.invoke(
            app, ["rooster", *args, "--json", "-f", str(bestand), "--peildatum", PEILDATUM]
        )
        assert resultaat.exit_code == 0, resultaat.stderr
        return json.loads(resultaat.stdout)

    return voer_uit


def gepland(gegevens: dict, sleutel: str = "vergaderingen") -> list[dict]:
    return [r for r in gegevens[sleutel] if r["status"] != "vastgelegd"]


# --- fairness, as a property ---------------------------------------------------------------

LEDEN = st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=8, unique=True)


@st.composite
def ledenmet_geschiedenis(draw):
    """Members in some order, and a recorded history of turns: of members, of gemeenten that
    no longer take part, and of turns whose gemeente is unknown (None)."""
    leden = draw(LEDEN)
    anderen = st.sampled_from([*leden, "x", "y", None])
    return leden, draw(st.lists(anderen, max_size=25))


@given(ledenmet_geschiedenis(), st.integers(min_value=1, max_value=4))
def test_every_window_of_n_planned_turns_gives_each_of_n_members_one(invoer, rondes):
    leden, geschiedenis = invoer
    n = len(leden)

    beurten = [g for g, _ in volgorde(geschiedenis, [leden] * (n * rondes + n - 1))]

    for begin in range(len(beurten) - n + 1):
        assert sorted(beurten[begin : begin + n]) == sorted(leden)


@given(ledenmet_geschiedenis())
def test_members_without_a_turn_come_first_in_file_order(invoer):
    leden, geschiedenis = invoer
    nooit = [g for g in leden if g not in geschiedenis]

    beurten = [g for g, _ in volgorde(geschiedenis, [leden] * len(leden))]

    assert beurten[: len(nooit)] == nooit


@given(ledenmet_geschiedenis())
def test_the_others_follow_longest_waiting_first(invoer):
    leden, geschiedenis = invoer
    laatst = {g: i for i, g in enumerate(geschiedenis) if g in leden}

    beurten = [g for g, _ in volgorde(geschiedenis, [leden] * len(leden))]

    assert beurten[len(leden) - len(laatst) :] == sorted(laatst, key=laatst.__getitem__)


def overleg_met(gemeenten: list[str], geschiedenis: list[str | None]) -> str:
    """A file with these gemeenten taking part, two (gx, gy) that left in 1999, and a body that
    meets twice a year, each time elsewhere, with this recorded history from 2000 (None: a
    meeting without gemeente)."""
    regels = ["versie: 1", "soorten:", "  overleg: {naam: overleg}", "gemeenten:"]
    regels += [f"  {g}: {{naam: {g.upper()}}}" for g in gemeenten]
    regels += [f"  {g}: {{naam: {g.upper()}, tot-en-met: 1999-12-31}}" for g in ("gx", "gy")]
    regels += [
        "functies:",
        "  burgemeester: {naam: burgemeester, per-gemeente: true, zetels: 1}",
        "organen:",
        "  plenair:",
        "    naam: Plenair",
        "    soort: overleg",
        "    samenstelling: [{functie: burgemeester, aantal: 1}]",
        "    vergaderritme: [{per-jaar: 2, locatie: wisselend}]",
        "    vergaderingen:",
    ]
    for nummer, gemeente in enumerate(geschiedenis):
        datum = date(2000 + nummer // 2, 4 if nummer % 2 == 0 else 10, 1)
        waar = f", gemeente: {gemeente}" if gemeente else ""
        regels.append(f"      - {{datum: {datum}{waar}}}")
    if not geschiedenis:
        regels[-1] = "    vergaderingen: []"
    return "\n".join(regels) + "\n"


@given(ledenmet_geschiedenis(), st.integers(min_value=1, max_value=3))
def test_a_planned_rooster_gives_each_gemeente_one_turn_per_window(invoer, rondes):
    leden, geschiedenis = invoer
    gemeenten = [f"g{lid}" for lid in leden]
    verleden = [f"g{g}" if g else None for g in geschiedenis]
    org = controleer_tekst(overleg_met(gemeenten, verleden)).organisatie
    n = len(gemeenten)

    rooster = maak_rooster(org, org.organen["plenair"], date(2000, 1, 1), tot=2020 + 8 * rondes)
    beurten = [v.gemeente for v in rooster.vergaderingen if v.gepland]

    assert len(beurten) >= n
    for begin in range(len(beurten) - n + 1):
        assert sorted(beurten[begin : begin + n]) == sorted(gemeenten)


def test_the_previous_turn_is_given_as_an_index_into_record_and_plan():
    assert volgorde(["a", "b"], [["a", "b"], ["a", "b"], ["a", "b"]]) == [
        ("a", 0),
        ("b", 1),
        ("a", 2),
    ]


def test_a_turn_without_participants_goes_to_nobody():
    assert volgorde([], [[], ["a"]]) == [(None, None), ("a", None)]


# --- the plenair overleg on the fixture ------------------------------------------------------


def test_the_fixture_is_valid_without_warnings():
    assert controleer_bestand(VERGADERINGEN).problemen == []


def test_hosts_through_2030_start_with_those_who_never_hosted_in_file_order(rooster_json):
    gegevens = rooster_json("plenair-overleg", "--tot", "2030")

    assert [(r["maand"], r["gemeente"]) for r in gepland(gegevens)] == [
        ("2027-03", "aalsmeer"),
        ("2027-10", "de-ronde-venen"),
        ("2028-03", "uithoorn"),
        ("2028-10", "amstelveen"),
        ("2029-03", "haarlemmermeer"),
        ("2029-10", "ouder-amstel"),
        ("2030-03", "diemen"),
        ("2030-10", "aalsmeer"),
    ]


def test_each_planned_host_is_explained(rooster_json):
    redenen = [r["reden"] for r in gepland(rooster_json("plenair-overleg", "--tot", "2030"))]

    assert redenen[0] == "geen beurt als gastheer vastgelegd"
    assert redenen[3] == "laatst gastheer op 13 maart 2025"
    assert redenen[7] == "vorige beurt gepland in maart 2027"


def test_the_plan_shows_the_recorded_round_before_it(rooster_json):
    vastgelegd = [
        r for r in rooster_json("plenair-overleg")["vergaderingen"] if r["status"] == "vastgelegd"
    ]

    assert [(r["datum"], r["gemeente"]) for r in vastgelegd] == [
        ("2025-03-13", "amstelveen"),
        ("2025-10-09", "haarlemmermeer"),
        ("2026-03-12", "ouder-amstel"),
        ("2026-10-08", "diemen"),
    ]
    assert vastgelegd[2]["voorzitter"] == "burgemeester van Diemen"


def test_without_tot_the_plan_is_one_round(rooster_json):
    gegevens = rooster_json("plenair-overleg")

    assert sorted(r["gemeente"] for r in gepland(gegevens)) == GEMEENTEN


def test_planned_months_are_those_of_the_last_full_year_and_say_so(rooster_json):
    gegevens = rooster_json("plenair-overleg")

    assert gegevens["maanden"] == [3, 10]
    assert gepland(gegevens)[0]["datum"] is None
    assert gepland(gegevens)[0]["wanneer"] == "maart 2027"
    assert any("de maanden van 2026" in t for t in gegevens["toelichting"])


def test_disagreeing_rhythms_plan_with_the_first_and_say_so(rooster_json):
    gegevens = rooster_json("plenair-overleg")

    assert gegevens["per_jaar"] == 2
    [opmerking] = gegevens["opmerkingen"]
    assert "2 x per jaar (brontekst); 1 x per jaar (am-overlegstructuur)" in opmerking
    assert "--per-jaar" in opmerking


def test_a_plan_through_a_year_before_the_peildatum_says_why_it_is_empty(rooster_json):
    gegevens = rooster_json("plenair-overleg", "--per-jaar", "1", "--tot", "2020")

    assert gepland(gegevens) == []
    [opmerking] = gegevens["opmerkingen"]
    assert opmerking.startswith(f"Met --tot 2020, vóór de peildatum ({PEILDATUM}), valt er niets")


def test_per_jaar_chooses_the_rhythm_and_spreads_the_months(rooster_json):
    gegevens = rooster_json("plenair-overleg", "--per-jaar", "1", "--tot", "2029")

    assert gegevens["opmerkingen"] == []
    assert [r["maand"] for r in gepland(gegevens)] == ["2027-07", "2028-07", "2029-07"]


def test_only_gemeenten_taking_part_on_the_planned_date_are_planned(rooster_json, schrijf):
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    later = schrijf(tekst.replace("    vanaf: 2016-01-01\n", "    vanaf: 2028-01-01\n", 1))

    hosts = [
        (r["maand"], r["gemeente"]) for r in gepland(rooster_json("plenair-overleg", bestand=later))
    ]

    assert ("2028-03", "de-ronde-venen") in hosts
    assert all(g != "de-ronde-venen" for maand, g in hosts if maand < "2028")


def test_no_meeting_is_invented_in_the_past_but_the_gap_is_named(runner):
    resultaat = runner.invoke(
        app,
        ["rooster", "plenair-overleg", "-f", str(VERGADERINGEN), "-d", "2027-12-01", "--json"],
    )
    gegevens = json.loads(resultaat.stdout)

    assert {r["status"] for r in gepland(gegevens)} == {"gepland"}
    assert [r["maand"] for r in gepland(gegevens)][:2] == ["2028-03", "2028-10"]
    assert any(
        o.startswith("In 2027: 0 vergaderingen vastgelegd of gepland, minder dan het ritme")
        for o in gegevens["opmerkingen"]
    )


def _met_vergaderingen(tekst: str, *datums: str) -> str:
    """The fixture with extra recorded plenair overleg meetings, hosted by gemeenten that
    never hosted before."""
    anker = "      - {datum: 2026-10-08, gemeente: diemen,"
    gastheren = ["aalsmeer", "de-ronde-venen"]
    extra = "".join(
        f"      - {{datum: {d}, gemeente: {g}}}\n" for d, g in zip(datums, gastheren, strict=False)
    )
    assert anker in tekst
    return tekst.replace(anker, extra + anker, 1)


@pytest.mark.parametrize(
    ("datums", "peildatum", "in_2027"),
    [
        # recorded in other months than the planned ones (maart, oktober): February, June
        (("2027-02-11", "2027-06-10"), "2027-07-01", 2),
        # one recorded, and oktober still to come
        (("2027-02-11",), "2027-07-01", 2),
        # one recorded, and the planned months already past: nothing invented
        (("2027-02-11",), "2027-11-30", 1),
    ],
)
def test_never_more_meetings_in_a_year_than_the_rhythm(runner, schrijf, datums, peildatum, in_2027):
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    pad = schrijf(_met_vergaderingen(tekst, *datums))

    resultaat = runner.invoke(
        app,
        ["rooster", "plenair-overleg", "-f", str(pad), "-d", peildatum, "--tot", "2030", "--json"],
    )

    assert resultaat.exit_code == 0, resultaat.output
    gegevens = json.loads(resultaat.stdout)
    per_jaar: dict[int, int] = {}
    for r in gegevens["vergaderingen"]:
        per_jaar[r["jaar"]] = per_jaar.get(r["jaar"], 0) + 1
    assert per_jaar[2027] == in_2027
    assert all(aantal <= 2 for aantal in per_jaar.values()), per_jaar
    assert all(r["maand"] >= peildatum[:7] for r in gepland(gegevens))


def test_the_text_plan_is_a_table_with_the_notes(runner):
    resultaat = runner.invoke(
        app,
        ["rooster", "plenair-overleg", "-f", str(VERGADERINGEN), "-d", PEILDATUM, "--tot", "2030"],
    )

    assert resultaat.exit_code == 0
    regels = resultaat.stdout.splitlines()
    assert regels[0] == f"Bestand: {VERGADERINGEN}"
    assert regels[1] == "Rooster Plenair overleg (plenair-overleg), peildatum 2026-11-30, t/m 2030"
    assert any(r.startswith("Let op: De bronnen spreken elkaar tegen") for r in regels)
    assert any(
        re.fullmatch(
            r"maart 2027\s+Aalsmeer\s+burgemeester van Amstelveen\s+gepland\s+"
            r"geen beurt als gastheer vastgelegd",
            regel,
        )
        for regel in regels
    )


def test_the_plan_is_the_same_twice(runner):
    args = ["rooster", "plenair-overleg", "-f", str(VERGADERINGEN), "-d", PEILDATUM]

    assert runner.invoke(app, args).stdout == runner.invoke(app, args).stdout


def test_without_recorded_meetings_the_plan_starts_after_the_peildatum(
    rooster_json, gedeeld_bestand
):
    gegevens = rooster_json("plenair-overleg", bestand=gedeeld_bestand)

    assert [r["gemeente"] for r in gegevens["vergaderingen"]][:2] == ["aalsmeer", "amstelveen"]
    assert gegevens["vergaderingen"][0]["maand"] == "2027-04"
    assert any("gelijk over het jaar verdeeld" in t for t in gegevens["toelichting"])


# --- the rotating chair ------------------------------------------------------------------


def test_chair_terms_continue_after_the_open_turn_with_those_who_never_chaired(rooster_json):
    gegevens = rooster_json("secretarissenoverleg", "--tot", "2030")

    assert gegevens["vergaderingen"] == []
    assert [
        (r["vanaf"], r["tot_en_met"], r["gemeente"]) for r in gepland(gegevens, "voorzitterschap")
    ] == [
        ("2027-01-01", "2027-12-31", "amstelveen"),
        ("2028-01-01", "2028-12-31", "haarlemmermeer"),
        ("2029-01-01", "2029-12-31", "ouder-amstel"),
        ("2030-01-01", "2030-12-31", "uithoorn"),
    ]
    assert gepland(gegevens, "voorzitterschap")[0]["voorzitter"] == (
        "gemeentesecretaris van Amstelveen"
    )
    assert any("aangenomen is 12 maanden" in t for t in gegevens["toelichting"])


def test_a_rotation_without_a_term_length_gives_the_order_without_dates(runner, gedeeld_bestand):
    resultaat = runner.invoke(
        app, ["rooster", "secretarissenoverleg", "-f", str(gedeeld_bestand), "--json"]
    )

    assert resultaat.exit_code == 0, resultaat.stderr
    gegevens = json.loads(resultaat.stdout)
    beurten = gepland(gegevens, "voorzitterschap")
    assert [r["gemeente"] for r in beurten] == GEMEENTEN
    assert {(r["vanaf"], r["tot_en_met"]) for r in beurten} == {(None, None)}
    assert beurten[0]["voorzitter"] == "gemeentesecretaris van Aalsmeer"
    (opmerking,) = gegevens["opmerkingen"]
    assert "hoe lang een beurt duurt is niet vastgelegd" in opmerking
    assert "'termijn'" in opmerking


def test_the_shipped_secretarissenoverleg_rota_says_why_it_has_no_dates(runner, gedeeld_bestand):
    resultaat = runner.invoke(app, ["rooster", "secretarissenoverleg", "-f", str(gedeeld_bestand)])

    assert resultaat.exit_code == 0, resultaat.stderr
    assert "Let op: Het voorzitterschap rouleert, maar hoe lang een beurt duurt" in resultaat.stdout
    assert "gemeentesecretaris van Uithoorn" in resultaat.stdout


def test_a_recorded_turn_is_the_chair_on_its_dates(runner):
    resultaat = runner.invoke(
        app,
        ["wie-zit-in", "secretarissenoverleg", "-f", str(VERGADERINGEN), "-d", "2024-06-01"],
    )

    assert "Voorzitter: gemeentesecretaris van Aalsmeer" in resultaat.stdout


def test_the_chair_plan_is_a_function_of_the_model():
    org = controleer_bestand(VERGADERINGEN).organisatie
    orgaan = org.organen["secretarissenoverleg"]

    rooster = maak_rooster(org, orgaan, date(2026, 11, 30), tot=2027)

    assert [t.gemeente for t in rooster.voorzitterschap if t.gepland] == ["amstelveen"]


# --- usage errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("orgaan", "bestand", "melding"),
    [
        ("plenair-overleggen", VERGADERINGEN, "Onbekend orgaan 'plenair-overleggen'."),
        ("regiegroep", VERGADERINGEN, "er is niets te roosteren"),
    ],
)
def test_usage_errors_exit_2_in_dutch(runner, gedeeld_bestand, orgaan, bestand, melding):
    pad = bestand or gedeeld_bestand

    resultaat = runner.invoke(app, ["rooster", orgaan, "-f", str(pad), "-d", PEILDATUM])

    assert resultaat.exit_code == 2
    assert melding in resultaat.stderr
    assert resultaat.stdout == ""


@pytest.mark.parametrize(
    ("optie", "waarde", "melding"),
    [
        ("--tot", "30", "geef een getal van 1900 tot en met 9000."),
        ("--per-jaar", "13", "geef een getal van 1 tot en met 12."),
    ],
)
def test_bounded_options_say_their_bounds_in_dutch(runner, optie, waarde, melding):
    resultaat = runner.invoke(
        app, ["rooster", "plenair-overleg", "-f", str(VERGADERINGEN), optie, waarde]
    )

    assert resultaat.exit_code == 2
    assert resultaat.stderr == f"amctl: Ongeldige waarde voor '{optie}': {melding}\n"
