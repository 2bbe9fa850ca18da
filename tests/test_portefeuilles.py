"""Portefeuilles (issue 11, item 2): a wethouder holds dated portefeuilles, and a
portefeuillehoudersoverleg seats the holder of its portefeuille of every gemeente that takes
part. Appointing a wethouder with a portefeuille seats them in the right PHO from that day,
without a second edit. Every person here is fictional; edits work on copies in tmp_path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import amctl as in_dit_proces

from amctl.cli import app
from amctl.controle import controleer_bestand

FICTIEF = Path(__file__).parent / "fixtures" / "fictief.yaml"
ZEVEN = 7


pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


def amctl(runner, pad: Path, *argumenten: str):
    uitslag = in_dit_proces(runner, pad, *argumenten)
    assert uitslag.exception is None or isinstance(uitslag.exception, SystemExit), uitslag.output
    return uitslag


def als_json(runner, pad: Path, *argumenten: str):
    uitslag = amctl(runner, pad, *argumenten, "--json")
    assert uitslag.exit_code == 0, uitslag.output
    return json.loads(uitslag.stdout)


def leden(runner, pad: Path, orgaan: str, peildatum: str) -> list[tuple]:
    gegevens = als_json(runner, pad, "wie-zit-in", orgaan, "--peildatum", peildatum)
    return [(z["gemeente"], z["persoon_id"], z["rol"]) for z in gegevens["leden"]]


# --- the composition: one seat per taking-part gemeente -------------------------------------


def test_waar_zit_wethouder_van_uithoorn_finds_every_pho_seat_on_the_shipped_file(
    runner, gedeeld_bestand
):
    gegevens = als_json(
        runner, gedeeld_bestand, "waar-zit", "wethouder van Uithoorn", "--peildatum", "2026-11-30"
    )
    organen = [p["orgaan"]["id"] for p in gegevens["plaatsen"]]
    assert organen == [
        "plenair-overleg",
        "pho-verkeer-en-vervoer",
        "pho-wonen",
        "pho-economie",
        "pho-ruimte",
        "pho-duurzaamheid",
    ]
    assert {p["persoon"] for p in gegevens["plaatsen"]} == {None}


def test_a_pho_has_one_open_seat_per_gemeente_until_a_portefeuillehouder_is_appointed(
    runner, gedeeld_bestand
):
    zetels = leden(runner, gedeeld_bestand, "pho-wonen", "2026-11-30")
    assert len(zetels) == ZEVEN
    assert len({gemeente for gemeente, _, _ in zetels}) == ZEVEN
    assert {(persoon, rol) for _, persoon, rol in zetels} == {(None, "portefeuillehouder")}


def test_before_de_ronde_venen_took_part_a_pho_has_six_seats(runner, gedeeld_bestand):
    zetels = leden(runner, gedeeld_bestand, "pho-economie", "2015-06-01")
    assert "de-ronde-venen" not in {gemeente for gemeente, _, _ in zetels}
    assert len(zetels) == ZEVEN - 1


def test_the_regiegroep_keeps_its_named_extra_members(runner, gedeeld_bestand):
    zetels = leden(runner, gedeeld_bestand, "regiegroep", "2026-11-30")
    assert (None, None, "aanvullend lid") in zetels


def test_fixture_wethouder_with_portefeuille_wonen_sits_in_pho_wonen_only(runner):
    gegevens = als_json(runner, FICTIEF, "waar-zit", "fictief-wethouder-diemen", "-d", "2026-06-01")
    assert [(p["orgaan"]["id"], p["rol"]) for p in gegevens["plaatsen"]] == [
        ("plenair-overleg", "lid"),
        ("pho-wonen", "portefeuillehouder"),
    ]


# --- appointing with a portefeuille ----------------------------------------------------------


def test_benoem_with_portefeuille_seats_the_wethouder_in_the_pho_from_that_day(runner, gedeeld):
    uitslag = amctl(
        runner,
        gedeeld,
        "benoem",
        "Fictief Wethouder Uithoorn",
        "wethouder",
        "--gemeente",
        "uithoorn",
        "--portefeuille",
        "wonen",
        "--datum",
        "2026-06-01",
    )
    assert uitslag.exit_code == 0, uitslag.output
    assert "zitting in Portefeuillehoudersoverleg Wonen" in uitslag.stdout
    assert controleer_bestand(gedeeld).problemen == []
    na = leden(runner, gedeeld, "pho-wonen", "2026-06-01")
    assert ("uithoorn", "fictief-wethouder-uithoorn", "portefeuillehouder") in na
    assert len(na) == ZEVEN
    voor = leden(runner, gedeeld, "pho-wonen", "2026-05-31")
    assert ("uithoorn", None, "portefeuillehouder") in voor
    assert all(
        persoon is None for _, persoon, _ in leden(runner, gedeeld, "pho-economie", "2026-06-01")
    )


def test_a_new_portefeuille_for_a_sitting_wethouder_is_dated_and_keeps_every_other_byte(
    runner, tmp_path
):
    pad = Path(shutil.copy(FICTIEF, tmp_path / "fictief.yaml"))
    oud = pad.read_text(encoding="utf-8")
    uitslag = amctl(
        runner, pad, "benoem", "fictief-wethouder-diemen", "wethouder van Diemen",
        "-p", "Economie", "-D", "2027-01-01",
    )  # fmt: skip
    assert uitslag.exit_code == 0, uitslag.output
    nieuw = pad.read_text(encoding="utf-8")
    toegevoegd = [r for r in nieuw.splitlines() if r not in oud.splitlines()]
    assert [r.strip() for r in toegevoegd] == [
        "portefeuilles: [wonen, {portefeuille: economie, vanaf: 2027-01-01}]"
    ]
    assert len(nieuw.splitlines()) == len(oud.splitlines())
    assert ("diemen", "fictief-wethouder-diemen", "portefeuillehouder") in leden(
        runner, pad, "pho-economie", "2027-01-01"
    )
    assert ("diemen", None, "portefeuillehouder") in leden(
        runner, pad, "pho-economie", "2026-12-31"
    )


def test_benoem_again_with_a_portefeuille_already_held_changes_nothing(runner, tmp_path):
    pad = Path(shutil.copy(FICTIEF, tmp_path / "fictief.yaml"))
    oud = pad.read_bytes()
    uitslag = amctl(runner, pad, "benoem", "fictief-wethouder-diemen", "wethouder", "-g",
                    "diemen", "-p", "wonen", "-D", "2026-01-01")  # fmt: skip
    assert uitslag.exit_code == 0
    assert "Niets gewijzigd" in uitslag.stdout
    assert pad.read_bytes() == oud


def test_an_unknown_portefeuille_is_a_usage_error_with_a_suggestion(runner, gedeeld):
    oud = gedeeld.read_bytes()
    uitslag = amctl(runner, gedeeld, "benoem", "Fictief Persoon", "wethouder", "-g", "diemen",
                    "-p", "wonenn")  # fmt: skip
    assert uitslag.exit_code == 2
    assert "Onbekende portefeuille 'wonenn'. Bedoelde u: wonen?" in uitslag.output
    assert gedeeld.read_bytes() == oud


# --- dated portefeuilles ---------------------------------------------------------------------

RESHUFFLE = """\
versie: 1
soorten:
  overleg: {naam: overleg}
gemeenten:
  diemen: {naam: Diemen}
functies:
  wethouder: {naam: wethouder, per-gemeente: true}
portefeuilles:
  wonen: {naam: Wonen}
  economie: {naam: Economie}
personen:
  fictief-w:
    naam: Fictief W
    functies:
      - functie: wethouder
        gemeente: diemen
        vanaf: 2022-06-01
        portefeuilles:
          - wonen
          - {portefeuille: economie, vanaf: 2024-01-01, tot-en-met: 2024-12-31}
organen:
  pho-economie:
    naam: PHO Economie
    soort: overleg
    samenstelling:
      - {functie: wethouder, portefeuille: economie, rol: portefeuillehouder}
"""


def test_a_dated_portefeuille_gives_the_seat_only_in_its_own_period(runner, schrijf):
    pad = schrijf(RESHUFFLE)
    assert controleer_bestand(pad).fouten == []
    assert leden(runner, pad, "pho-economie", "2023-12-31") == [
        ("diemen", None, "portefeuillehouder")
    ]
    gegevens = als_json(runner, pad, "wie-zit-in", "pho-economie", "-d", "2024-06-01")
    assert [(z["persoon_id"], z["sinds"]) for z in gegevens["leden"]] == [
        ("fictief-w", "2024-01-01")
    ]
    assert leden(runner, pad, "pho-economie", "2025-01-01") == [
        ("diemen", None, "portefeuillehouder")
    ]


def test_geschiedenis_shows_the_period_of_the_portefeuille_seat(runner, schrijf):
    pad = schrijf(RESHUFFLE)
    gegevens = als_json(runner, pad, "geschiedenis", "fictief-w")
    zetels = [t for t in gegevens["tijdvakken"] if t["soort"] == "zetel"]
    assert [(t["vanaf"], t["tot_en_met"]) for t in zetels] == [("2024-01-01", "2024-12-31")]


def test_a_portefeuille_id_that_does_not_exist_is_reported(runner, schrijf):
    pad = schrijf(RESHUFFLE.replace("- wonen\n", "- wonem\n"))
    codes = [p.code for p in controleer_bestand(pad).problemen]
    assert codes == ["AM201"]


def test_the_json_schema_knows_portefeuilles_and_their_short_form(runner):
    uitslag = runner.invoke(app, ["schema"])
    schema = json.loads(uitslag.stdout)
    assert "portefeuilles" in schema["properties"]
    bezetting = schema["properties"]["personen"]["additionalProperties"]["properties"]
    toedeling = bezetting["functies"]["anyOf"][0]["properties"]["portefeuilles"]
    assert {"type": "string", "pattern": "^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"} in (
        toedeling["anyOf"][0]["anyOf"]
    )
    regel = schema["properties"]["organen"]["additionalProperties"]["properties"]["samenstelling"]
    assert "portefeuille" in regel["anyOf"][0]["properties"]


def test_a_reversed_portefeuille_period_is_reported_like_any_other(schrijf):
    pad = schrijf(RESHUFFLE.replace("tot-en-met: 2024-12-31", "tot-en-met: 2023-12-31"))
    assert [p.code for p in controleer_bestand(pad).fouten] == ["AM301"]


def test_a_portefeuille_outside_the_term_is_a_warning(schrijf):
    pad = schrijf(RESHUFFLE.replace("vanaf: 2024-01-01", "vanaf: 2021-01-01"))
    problemen = controleer_bestand(pad).problemen
    assert [(p.code, p.ernst.name) for p in problemen if p.code != "AM315"] == [
        ("AM341", "WAARSCHUWING")
    ]


def test_diff_names_the_portefeuille_of_a_changed_composition(runner, schrijf):
    oud = schrijf(RESHUFFLE, "oud.yaml")
    nieuw = schrijf(RESHUFFLE.replace("portefeuille: economie, rol", "portefeuille: wonen, rol"))
    uitslag = runner.invoke(app, ["diff", str(oud), str(nieuw)])
    assert "- wethouder (portefeuille economie, rol portefeuillehouder)" in uitslag.stdout
    assert "+ wethouder (portefeuille wonen, rol portefeuillehouder)" in uitslag.stdout


# --- a portefeuille moves, ends, and has one holder a day (issue 22, items 1 and 2) ----------

TWEE_HOUDERS = """\
versie: 1
soorten:
  overleg: {naam: overleg}
gemeenten:
  aalsmeer: {naam: Aalsmeer}
functies:
  wethouder: {naam: wethouder, per-gemeente: true}
portefeuilles:
  economie: {naam: Economie}
personen:
  fictief-a:
    naam: Fictief A
    functies:
      - {functie: wethouder, gemeente: aalsmeer, vanaf: 2022-06-01, portefeuilles: [economie]}
  fictief-b:
    naam: Fictief B
    functies:
      - functie: wethouder
        gemeente: aalsmeer
        vanaf: 2026-12-01
organen:
  pho-economie:
    naam: PHO Economie
    soort: overleg
    samenstelling:
      - {functie: wethouder, portefeuille: economie, rol: portefeuillehouder}
"""


def _houder(runner, pad: Path, peildatum: str) -> list:
    return [persoon for _, persoon, _ in leden(runner, pad, "pho-economie", peildatum)]


def test_portefeuille_erbij_takes_the_portefeuille_over_from_its_holder(runner, schrijf):
    pad = schrijf(TWEE_HOUDERS)
    uitslag = amctl(runner, pad, "portefeuille-erbij", "fictief-b", "economie", "-D", "2026-12-01")
    assert uitslag.exit_code == 0, uitslag.output
    assert uitslag.stdout.splitlines()[:2] == [
        "Portefeuille Economie voor Fictief B per 2026-12-01: zitting in PHO Economie.",
        "Portefeuille Economie van Aalsmeer gaat over: Fictief A heeft hem tot en met 2026-11-30.",
    ]
    assert pad.read_text(encoding="utf-8") == TWEE_HOUDERS.replace(
        "portefeuilles: [economie]}",
        "portefeuilles: [{portefeuille: economie, tot-en-met: 2026-11-30}]}",
    ).replace(
        "        vanaf: 2026-12-01\n",
        "        vanaf: 2026-12-01\n        portefeuilles:\n          - economie\n",
    )
    assert _houder(runner, pad, "2026-11-30") == ["fictief-a"]
    assert _houder(runner, pad, "2026-12-01") == ["fictief-b"]


def test_benoem_with_a_portefeuille_held_by_another_ends_it_the_day_before(runner, schrijf):
    voor, na = TWEE_HOUDERS.split("  fictief-b:")[0], TWEE_HOUDERS.split("organen:")[1]
    zonder_b = voor + "organen:" + na
    pad = schrijf(zonder_b)
    uitslag = amctl(runner, pad, "benoem", "Fictief B", "wethouder", "-g", "aalsmeer", "-p",
                    "economie", "-D", "2026-12-01")  # fmt: skip
    assert uitslag.exit_code == 0, uitslag.output
    assert uitslag.stdout.splitlines()[-3:-1] == [
        "Portefeuille Economie voor Fictief B per 2026-12-01: zitting in PHO Economie.",
        "Portefeuille Economie van Aalsmeer gaat over: Fictief A heeft hem tot en met 2026-11-30.",
    ]
    assert controleer_bestand(pad).fouten == []
    assert _houder(runner, pad, "2026-11-30") == ["fictief-a"]
    assert _houder(runner, pad, "2026-12-01") == ["fictief-b"]


def test_portefeuille_eraf_ends_it_the_day_before_and_the_seat_opens(runner, schrijf):
    pad = schrijf(TWEE_HOUDERS)
    uitslag = amctl(runner, pad, "portefeuille-eraf", "Fictief A", "Economie", "-D", "2026-12-01")
    assert uitslag.exit_code == 0, uitslag.output
    assert uitslag.stdout.splitlines()[0] == (
        "Portefeuille eraf: Economie bij Fictief A per 2026-12-01 (laatste dag 2026-11-30); "
        "niet langer in PHO Economie."
    )
    assert "portefeuilles: [{portefeuille: economie, tot-en-met: 2026-11-30}]}" in (
        pad.read_text(encoding="utf-8")
    )
    assert _houder(runner, pad, "2026-12-01") == [None]
    again = amctl(runner, pad, "portefeuille-eraf", "fictief-a", "economie", "-D", "2026-12-01")
    assert again.exit_code == 0
    assert "Niets gewijzigd: Fictief A heeft Economie al tot en met 2026-11-30." in again.stdout


def test_portefeuille_eraf_of_a_portefeuille_not_held_is_a_usage_error(runner, schrijf):
    pad = schrijf(TWEE_HOUDERS)
    oud = pad.read_bytes()
    uitslag = amctl(runner, pad, "portefeuille-eraf", "fictief-b", "economie", "-D", "2027-01-01")
    assert uitslag.exit_code == 2
    assert (
        "Fictief B heeft op 2026-12-31 de portefeuille Economie niet; er is niets te beëindigen "
        "per 2027-01-01." in " ".join(uitslag.output.split())
    )
    assert pad.read_bytes() == oud


TWEE_TEGELIJK = TWEE_HOUDERS.replace(
    "        vanaf: 2026-12-01\n", "        vanaf: 2026-12-01\n        portefeuilles: [economie]\n"
)


def test_controleer_names_both_holders_of_one_portefeuille_each_at_its_place(runner, schrijf):
    pad = schrijf(TWEE_TEGELIJK)
    uitslag = amctl(runner, pad, "controleer")
    assert uitslag.exit_code == 1
    regels = TWEE_TEGELIJK.splitlines()
    a = next(i for i, r in enumerate(regels, 1) if "[economie]}" in r)
    b = next(i for i, r in enumerate(regels, 1) if r.endswith("portefeuilles: [economie]"))
    kolom_a = regels[a - 1].index("[economie]") + 2
    kolom_b = regels[b - 1].index("[economie]") + 2
    assert (
        f"{pad}:{b}:{kolom_b}: AM342 [fout] De portefeuille 'economie' van 'aalsmeer' heeft op "
        f"2026-12-01 twee houders: 'fictief-a' ({pad}:{a}:{kolom_a}) en 'fictief-b' "
        f"({pad}:{b}:{kolom_b})" in uitslag.output
    )


def test_an_edit_that_would_give_a_portefeuille_two_holders_is_refused(runner, schrijf):
    """A later holder is already recorded: taking the portefeuille from an earlier day would
    overlap; refused with exit 1, nothing written, the conflict named."""
    pad = schrijf(
        TWEE_TEGELIJK.replace(
            "portefeuilles: [economie]}", "portefeuilles: [{portefeuille: economie, "
            "tot-en-met: 2026-11-30}]}"
        ).replace("  fictief-b:", "  fictief-c:\n    naam: Fictief C\n    functies:\n"
                  "      - {functie: wethouder, gemeente: aalsmeer, vanaf: 2026-01-01}\n"
                  "  fictief-b:")
    )  # fmt: skip
    oud = pad.read_bytes()
    uitslag = amctl(runner, pad, "portefeuille-erbij", "fictief-c", "economie", "-D", "2026-06-01")
    assert uitslag.exit_code == 1, uitslag.output
    assert "AM342" in uitslag.output
    assert "'fictief-c'" in uitslag.output and "'fictief-b'" in uitslag.output
    assert "Er is niets geschreven." in " ".join(uitslag.output.split())
    assert pad.read_bytes() == oud
