"""The rule catalogue and the domain rules: every code is shown by its own examples."""

from __future__ import annotations

import re

import pytest

from amctl.controle import controleer_bestand, controleer_tekst
from amctl.regels import alle_regels

REGELS = alle_regels()
MET_FOUT = [r for r in REGELS if r.fout is not None]
MET_GOED = [r for r in REGELS if r.goed is not None]

# Codes that cannot be shown as YAML text; test_laden.py covers them from a file.
ZONDER_VOORBEELD = {"AM002", "AM010"}


def codes(uitslag) -> set[str]:
    return {p.code for p in uitslag.problemen}


# --- the catalogue's own examples ----------------------------------------------------------


@pytest.mark.parametrize("regel", MET_FOUT, ids=lambda r: r.code)
def test_fout_example_reports_its_code(regel):
    assert regel.code in codes(controleer_tekst(regel.fout))


@pytest.mark.parametrize("regel", MET_FOUT, ids=lambda r: r.code)
def test_fout_example_reports_its_code_with_the_catalogue_severity(regel):
    uitslag = controleer_tekst(regel.fout)
    assert {p.ernst for p in uitslag.problemen if p.code == regel.code} == {regel.ernst}


@pytest.mark.parametrize("regel", MET_GOED, ids=lambda r: r.code)
def test_goed_example_has_no_error_and_not_its_code(regel):
    uitslag = controleer_tekst(regel.goed)
    assert uitslag.fouten == []
    assert regel.code not in codes(uitslag)


def test_only_the_known_codes_have_no_fout_example():
    assert {r.code for r in REGELS if r.fout is None} == ZONDER_VOORBEELD


def test_every_code_is_triggered_by_some_test():
    getriggerd = {r.code for r in MET_FOUT if r.code in codes(controleer_tekst(r.fout))}
    assert getriggerd | ZONDER_VOORBEELD == {r.code for r in REGELS}


def test_codes_are_unique_and_well_formed():
    alle = [r.code for r in REGELS]
    assert len(alle) == len(set(alle))
    assert all(re.fullmatch(r"AM\d{3}", code) for code in alle)


# --- domain rules: edge cases --------------------------------------------------------------

BASIS = """\
versie: 1
soorten:
  overleg:
    naam: overleg
gemeenten:
  aalsmeer:
    naam: Aalsmeer
  diemen:
    naam: Diemen
functies:
  burgemeester:
    naam: burgemeester
    per-gemeente: true
    zetels: 1
  raadslid:
    naam: raadslid
    per-gemeente: true
"""


def burgemeesters_van_diemen(oud_tot: str, nieuw_vanaf: str) -> str:
    return BASIS + (
        "personen:\n"
        "  p-oud:\n    naam: P. Oud\n"
        f"    functies: [{{functie: burgemeester, gemeente: diemen, tot-en-met: {oud_tot}}}]\n"
        "  p-nieuw:\n    naam: P. Nieuw\n"
        f"    functies: [{{functie: burgemeester, gemeente: diemen, vanaf: {nieuw_vanaf}}}]\n"
    )


def test_burgemeester_change_ending_the_day_before_is_valid():
    uitslag = controleer_tekst(burgemeesters_van_diemen("2026-03-31", "2026-04-01"))
    assert uitslag.problemen == []


def test_burgemeester_terms_overlapping_by_one_day_is_am305():
    uitslag = controleer_tekst(burgemeesters_van_diemen("2026-04-01", "2026-04-01"))

    assert [(p.code, p.regel) for p in uitslag.problemen] == [("AM305", 24)]
    assert "p-nieuw" in uitslag.problemen[0].melding


def test_burgemeesters_of_two_gemeenten_at_once_is_valid():
    tekst = BASIS + (
        "personen:\n"
        "  p-een:\n    naam: P. Een\n    functies: [{functie: burgemeester, gemeente: diemen}]\n"
        "  p-twee:\n    naam: P. Twee\n"
        "    functies: [{functie: burgemeester, gemeente: aalsmeer}]\n"
    )
    assert controleer_tekst(tekst).problemen == []


def raadslid_in_platform(termijnen: list[str], lid: str) -> str:
    return BASIS + (
        "personen:\n  p-lid:\n    naam: P. Lid\n    functies:\n"
        + "".join(f"      - {{functie: raadslid, gemeente: diemen, {t}}}\n" for t in termijnen)
        + "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n"
        "    samenstelling:\n      - {functie: raadslid, wijze: benoemd, aantal: 2}\n"
        f"    leden:\n      - {{persoon: p-lid, functie: raadslid, gemeente: diemen, {lid}}}\n"
    )


LID_OVER_TWEE_TERMIJNEN = "vanaf: 2020-01-01, tot-en-met: 2024-12-31"


def test_member_across_two_contiguous_terms_of_the_post_is_valid():
    tekst = raadslid_in_platform(
        ["vanaf: 2018-03-29, tot-en-met: 2022-03-29", "vanaf: 2022-03-30"],
        LID_OVER_TWEE_TERMIJNEN,
    )
    assert "AM304" not in codes(controleer_tekst(tekst))
    assert controleer_tekst(tekst).fouten == []


def test_member_across_a_one_day_gap_between_terms_is_am304():
    tekst = raadslid_in_platform(
        ["vanaf: 2018-03-29, tot-en-met: 2022-03-28", "vanaf: 2022-03-30"],
        LID_OVER_TWEE_TERMIJNEN,
    )
    assert "AM304" in codes(controleer_tekst(tekst))


def platform_met_leden(leden: list[tuple[str, str]]) -> str:
    personen = "".join(
        f"  {persoon}:\n    naam: {persoon}\n"
        f"    functies: [{{functie: raadslid, gemeente: {gemeente}}}]\n"
        for persoon, gemeente in leden
    )
    return BASIS + (
        f"personen:\n{personen}"
        "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n"
        "    samenstelling:\n      - {functie: raadslid, wijze: benoemd, aantal: 2}\n"
        "    leden:\n"
        + "".join(
            f"      - {{persoon: {persoon}, functie: raadslid, gemeente: {gemeente}}}\n"
            for persoon, gemeente in leden
        )
    )


def test_am303_counts_per_gemeente():
    tekst = platform_met_leden(
        [("p-a1", "aalsmeer"), ("p-a2", "aalsmeer"), ("p-d1", "diemen"), ("p-d2", "diemen")]
    )
    assert controleer_tekst(tekst).fouten == []


def test_one_member_too_many_in_one_gemeente_is_am303_naming_that_gemeente():
    tekst = platform_met_leden(
        [("p-a1", "aalsmeer"), ("p-d1", "diemen"), ("p-d2", "diemen"), ("p-d3", "diemen")]
    )

    te_veel = [p for p in controleer_tekst(tekst).problemen if p.code == "AM303"]

    assert len(te_veel) == 1
    assert "diemen" in te_veel[0].melding


# --- the shipped file ----------------------------------------------------------------------


def test_shipped_file_has_no_problems(gedeeld_bestand):
    assert controleer_bestand(gedeeld_bestand).problemen == []


def hernoem_organen(tekst: str, organen) -> tuple[str, dict[str, str]]:
    """Give every body a meaningless new id, everywhere the id occurs as a whole word."""
    nieuw = {oud: f"orgaan-{nummer}" for nummer, oud in enumerate(sorted(organen))}
    for oud in sorted(organen, key=len, reverse=True):
        tekst = re.sub(rf"(?<![\w-]){re.escape(oud)}(?![\w-])", nieuw[oud], tekst)
    return tekst, nieuw


@pytest.fixture
def hernoemd(gedeeld_bestand) -> tuple[str, dict[str, str]]:
    organen = controleer_bestand(gedeeld_bestand).organisatie.organen
    return hernoem_organen(gedeeld_bestand.read_text(encoding="utf-8"), organen)


def test_shipped_file_with_every_body_renamed_stays_valid(hernoemd, schrijf):
    tekst, nieuw = hernoemd

    uitslag = controleer_bestand(schrijf(tekst))

    assert uitslag.problemen == []
    assert set(uitslag.organisatie.organen) == set(nieuw.values())


def test_am_team_renamed_by_plain_text_replace_stays_valid(gedeeld_bestand, schrijf):
    tekst = gedeeld_bestand.read_text(encoding="utf-8").replace("am-team", "team-x")

    uitslag = controleer_bestand(schrijf(tekst))

    assert uitslag.problemen == []
    assert "team-x" in uitslag.organisatie.organen


def test_support_rule_still_applies_after_renaming_every_body(hernoemd, schrijf):
    tekst, nieuw = hernoemd
    kapot = re.sub(
        r"    ondersteuning:\n      - functie: regiosecretaris-wonen\n(?:        .*\n)*", "", tekst
    )
    assert kapot != tekst

    uitslag = controleer_bestand(schrijf(kapot))

    assert [p.code for p in uitslag.problemen] == ["AM308"]
    assert nieuw["am-team"] in uitslag.problemen[0].melding


def test_preparation_rule_still_applies_after_renaming_every_body(hernoemd, schrijf):
    tekst, nieuw = hernoemd
    voorbereiding = f"      - bereidt-voor: {nieuw['pho-wonen']}\n"
    assert tekst.count(voorbereiding) == 1
    kapot = tekst.replace(voorbereiding, f"      - bereidt-voor: {nieuw['mra-platforms']}\n")

    uitslag = controleer_bestand(schrijf(kapot))

    assert [p.code for p in uitslag.problemen] == ["AM309"]
    assert nieuw["pho-wonen"] in uitslag.problemen[0].melding


# --- where each problem is: the catalogue's failing examples ---------------------------------
# Where the problem of each rule's failing example is, (line, column), read off the example by
# hand, as yamllint's rule tests do: a wrong position points an editor at the wrong key. A new
# rule with a failing example needs its line here.
POSITIES = {
    "AM001": (1, 1),  # the file's start: it holds only a comment
    "AM003": (5, 4),  # '   soort:' indented one space too many
    "AM004": (2, 1),  # the second document's '---'
    "AM005": (5, 3),  # the second 'diemen:'
    "AM006": (4, 12),  # the '!!python/object/apply' tag
    "AM007": (4, 12),  # the anchor '&t'
    "AM008": (3, 32),  # the bracket that goes past 64 levels
    "AM009": (1, 1),  # the list that should be a mapping
    "AM011": (2, 3),  # the key '[a, b]' after '? '
    "AM101": (4, 5),  # the first key of gemeente 'diemen', which lacks 'naam'
    "AM102": (5, 13),  # the value 'een' of 'zetels'
    "AM103": (5, 5),  # the key 'cbs-code'
    "AM104": (3, 3),  # the key 'De Ronde Venen'
    "AM105": (5, 12),  # the value '01-01-2016'
    "AM106": (9, 13),  # the value 'actiev'
    "AM201": (8, 12),  # the value 'overlag'
    "AM202": (6, 3),  # the second id 'diemen' (a functie)
    "AM301": (25, 21),  # the 'tot-en-met' before the start
    "AM302": (30, 9),  # the member without a seat
    "AM303": (33, 9),  # the member one too many
    "AM304": (30, 9),  # the member outside the post's term
    "AM305": (24, 16),  # the second holder's term of the post
    "AM306": (24, 17),  # the value of 'voorzitter'
    "AM307": (9, 20),  # the 'onderdeel-van' that closes the circle
    "AM308": (33, 7),  # the support that comes from outside 'team'
    "AM309": (29, 5),  # the pho that nobody prepares
    "AM310": (24, 17),  # the 'voorzitter' without a gemeente
    "AM311": (14, 9),  # the relation outside the other body's period
    "AM312": (23, 41),  # the 'aantal' 2
    "AM313": (11, 9),  # the overlapping status
    "AM314": (15, 9),  # the 'bereidt-voor' of a body not yet active
    "AM315": (10, 5),  # the body without 'bron'
    "AM316": (3, 3),  # the unused bron 'tekst'
    "AM317": (7, 5),  # the contradiction with one statement
    "AM318": (10, 9),  # the relation with itself
    "AM319": (23, 37),  # the 'aantal' of an undetermined post
    "AM320": (31, 9),  # the one meeting recorded for the year
    "AM321": (31, 39),  # the gemeente hosting again
    "AM322": (32, 39),  # the gemeente hosting again before Uithoorn
    "AM323": (30, 9),  # the meeting without a gemeente
    "AM324": (33, 9),  # the chair's turn given again
    "AM325": (31, 9),  # the turn after which a gap follows
    "AM326": (31, 17),  # the date of the second meeting on one day
    "AM327": (31, 9),  # the second chair at the same time
    "AM328": (28, 68),  # the 'termijn' of a chair that does not rotate
    "AM329": (23, 49),  # the value 'voorzitter' of 'rol'
    "AM330": (11, 9),  # the relation given a second time
    "AM340": (26, 43),  # the portefeuille taken by name
    "AM341": (28, 54),  # the 'vanaf' before the term
    "AM342": (35, 25),  # the second holder's portefeuille
    "AM350": (14, 11),  # the 'aard' without a reason
    "AM351": (10, 9),  # the summary quoted as a citation
    "AM360": (1, 12),  # the "# amctl: negeer" comment naming an unknown code
    "AM390": (23, 7),  # the rule of the body with most seats
    "AM391": (76, 20),  # the 'onderdeel-van' of the level too deep
    "AM392": (23, 7),  # the rule one past the hundred
}


def test_every_failing_example_has_its_position_in_the_table():
    assert {r.code for r in MET_FOUT} - POSITIES.keys() == set(), (
        "Zet de regel en kolom van het foute voorbeeld in POSITIES."
    )
    assert POSITIES.keys() - {r.code for r in MET_FOUT} == set()


@pytest.mark.parametrize("regel", MET_FOUT, ids=lambda r: r.code)
def test_fout_example_reports_its_code_at_the_problem(regel):
    posities = {
        (p.regel, p.kolom) for p in controleer_tekst(regel.fout).problemen if p.code == regel.code
    }
    assert posities == {POSITIES.get(regel.code)}
