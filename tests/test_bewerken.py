"""Edits (amctl benoem, ontsla, lid-erbij, lid-eraf, zet-status): they change only the lines
they must, are checked before anything is written, write atomically and wait for each other.

Every person here is fictional. The edits work on copies in tmp_path, via -f."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import amctl

from amctl import bewerken
from amctl.bewerken.bewerker import Bewerker
from amctl.cli import app
from amctl.controle import controleer_bestand
from amctl.laden import Lijst, Map

VOOR = Path(__file__).parent / "fixtures" / "verschil" / "voor.yaml"


pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


@pytest.fixture
def voor(tmp_path) -> Path:
    """A copy of the small fictional file tests/fixtures/verschil/voor.yaml."""
    return Path(shutil.copy(VOOR, tmp_path / "voor.yaml"))


def diff(oud: str, nieuw: str, naam: str = "x") -> str:
    return bewerken.unified_diff(oud, nieuw, naam)


def veranderde_regels(oud: str, nieuw: str) -> list[str]:
    """Only the removed and added lines: robust to edits elsewhere in the shipped file."""
    return [
        regel
        for regel in difflib.unified_diff(oud.splitlines(), nieuw.splitlines(), n=0, lineterm="")
        if regel[:1] in "+-" and not regel.startswith(("+++", "---"))
    ]


def scalaire_paden(knoop, pad=()):
    """Every (mapping path, key, value) of a scalar value in the loaded document."""
    if isinstance(knoop, Map):
        for sleutel, waarde in knoop.items():
            if isinstance(waarde, Map | Lijst):
                yield from scalaire_paden(waarde, (*pad, sleutel))
            else:
                yield pad, sleutel, waarde
    elif isinstance(knoop, Lijst):
        for i, item in enumerate(knoop):
            yield from scalaire_paden(item, (*pad, i))


# --- nothing to change: not a byte changes ------------------------------------------------


def test_setting_every_value_of_the_shipped_file_to_itself_changes_no_byte(gedeeld_bestand):
    tekst = gedeeld_bestand.read_text(encoding="utf-8")
    bewerker = bewerken.Bewerker(tekst, str(gedeeld_bestand))
    paden = list(scalaire_paden(bewerker.data))
    assert len(paden) > 200

    for pad, sleutel, waarde in paden:
        bewerker.zet(pad, sleutel, waarde)

    assert bewerker.tekst == tekst


def test_changing_each_plain_value_and_changing_it_back_restores_every_byte(gedeeld_bestand):
    tekst = gedeeld_bestand.read_text(encoding="utf-8")
    regels = tekst.split("\n")
    bewerker = bewerken.Bewerker(tekst, str(gedeeld_bestand))
    teruggezet = 0

    for pad, sleutel, waarde in list(scalaire_paden(bewerker.data)):
        plek = bewerker.knoop(pad).waarden[sleutel]
        bron = regels[plek.regel - 1][plek.kolom - 1 :].split(" #")[0].rstrip()
        if bron != bewerken.skalaar(waarde):
            continue  # quoted, folded or over more lines: written differently when set
        bewerker.zet(pad, sleutel, "tijdelijk anders")
        bewerker.zet(pad, sleutel, waarde)
        teruggezet += 1

    assert teruggezet > 150
    assert bewerker.tekst == tekst


def test_an_edit_without_change_leaves_the_shipped_file_untouched(gedeeld):
    ervoor, inode = gedeeld.read_bytes(), gedeeld.stat().st_ino

    resultaat = bewerken.bewerk_bestand(
        gedeeld, lambda tekst, org, bestand: bewerken.Uitkomst(tekst, [])
    )

    assert not resultaat.geschreven
    assert gedeeld.read_bytes() == ervoor
    assert gedeeld.stat().st_ino == inode  # not even rewritten


def test_setting_a_status_it_already_has_leaves_the_shipped_file_byte_identical(runner, gedeeld):
    ervoor = gedeeld.read_bytes()

    resultaat = amctl(runner, gedeeld, "zet-status", "pho-wonen", "actief", "--datum", "2026-04-01")

    assert resultaat.exit_code == 0, resultaat.output
    assert "Niets gewijzigd" in resultaat.stdout
    assert gedeeld.read_bytes() == ervoor


def test_appointing_someone_who_already_holds_the_post_changes_no_byte(runner, voor):
    ervoor = voor.read_bytes()

    resultaat = amctl(runner, voor, "benoem", "fictief-a", "burgemeester", "-g", "diemen")

    assert resultaat.exit_code == 0, resultaat.output
    assert "Niets gewijzigd: Fictief Burgemeester A is op" in resultaat.stdout
    assert voor.read_bytes() == ervoor


def test_ending_a_term_that_already_ends_then_changes_no_byte(runner, voor):
    amctl(runner, voor, "ontsla", "fictief-c", "burgemeester", "-g", "aalsmeer", "-D", "2026-01-01")
    ervoor = voor.read_bytes()

    resultaat = amctl(
        runner, voor, "ontsla", "fictief-c", "burgemeester", "-g", "aalsmeer", "-D", "2026-01-01"
    )

    assert resultaat.exit_code == 0
    assert "Niets gewijzigd" in resultaat.stdout
    assert voor.read_bytes() == ervoor


def test_ontsla_without_gemeente_takes_the_gemeente_of_the_persons_post(runner, voor):
    met_gemeente = voor.with_name("met-gemeente.yaml")
    shutil.copy(voor, met_gemeente)
    amctl(runner, met_gemeente, "ontsla", "fictief-c", "burgemeester", "-g", "aalsmeer")

    resultaat = amctl(runner, voor, "ontsla", "fictief-c", "burgemeester")

    assert resultaat.exit_code == 0, resultaat.output
    assert voor.read_bytes() == met_gemeente.read_bytes()
    assert "burgemeester van Aalsmeer" in resultaat.stdout


def test_ontsla_asks_for_the_gemeente_only_when_the_person_holds_the_post_in_two(runner, voor):
    tekst = voor.read_text(encoding="utf-8")
    twee = "      - {functie: raadslid, gemeente: diemen, vanaf: 2022-03-30}\n"
    assert twee in tekst
    voor.write_text(
        tekst.replace(
            twee, twee + "      - {functie: raadslid, gemeente: aalsmeer, vanaf: 2022-03-30}\n", 1
        ),
        encoding="utf-8",
    )
    ervoor = voor.read_bytes()

    resultaat = amctl(runner, voor, "ontsla", "fictief-r1", "raadslid")

    assert resultaat.exit_code == 2, resultaat.output
    assert resultaat.stderr.startswith("amctl: Fictief Raadslid 1 is op ")
    assert "raadslid in meer dan één gemeente (diemen, aalsmeer); kies met --gemeente" in (
        resultaat.stderr
    )
    assert voor.read_bytes() == ervoor


# --- each edit changes only the lines it must ---------------------------------------------


def test_appointing_a_successor_ends_the_previous_term_the_day_before(runner, voor):
    ervoor = voor.read_text()

    resultaat = amctl(
        runner,
        voor,
        "benoem",
        "fictief-b",
        "burgemeester van Diemen",
        "--naam",
        "Fictief Burgemeester B",
        "--datum",
        "2026-04-01",
    )

    assert resultaat.exit_code == 0, resultaat.output
    assert resultaat.stdout == (
        "Nieuwe persoon: Fictief Burgemeester B (fictief-b).\n"
        "Benoemd: Fictief Burgemeester B als burgemeester van Diemen per 2026-04-01.\n"
        "Beëindigd: Fictief Burgemeester A als burgemeester van Diemen, laatste dag "
        "2026-03-31.\n"
        f"Opgeslagen in '{voor}'.\n"
    )
    assert diff(ervoor, voor.read_text()) == (
        "--- x\n+++ x\n"
        "@@ -33,7 +33,7 @@\n"
        "   fictief-a:\n"
        "     naam: Fictief Burgemeester A\n"
        "     functies:\n"
        "-      - {functie: burgemeester, gemeente: diemen, vanaf: 2015-01-01}\n"
        "+      - {functie: burgemeester, gemeente: diemen, vanaf: 2015-01-01, "
        "tot-en-met: 2026-03-31}\n"
        "   fictief-c:\n"
        "     naam: Fictief Burgemeester C\n"
        "     functies:\n"
        "@@ -46,6 +46,12 @@\n"
        "     naam: Fictief Raadslid 2\n"
        "     functies:\n"
        "       - {functie: raadslid, gemeente: diemen, vanaf: 2022-03-30}\n"
        "+  fictief-b:\n"
        "+    naam: Fictief Burgemeester B\n"
        "+    functies:\n"
        "+      - functie: burgemeester\n"
        "+        gemeente: diemen\n"
        "+        vanaf: 2026-04-01\n"
        " \n"
        " organen:\n"
        "   bestuursgroep:\n"
    )


def test_the_first_person_in_the_shipped_file_replaces_the_empty_section(runner, gedeeld):
    ervoor = gedeeld.read_text()

    resultaat = amctl(
        runner,
        gedeeld,
        "benoem",
        "Fictief Persoon A",
        "burgemeester",
        "--gemeente",
        "Diemen",
        "--datum",
        "2020-01-01",
    )

    assert resultaat.exit_code == 0, resultaat.output
    assert veranderde_regels(ervoor, gedeeld.read_text()) == [
        "-personen: {}",
        "+personen:",
        "+  fictief-persoon-a:",
        "+    naam: Fictief Persoon A",
        "+    functies:",
        "+      - functie: burgemeester",
        "+        gemeente: diemen",
        "+        vanaf: 2020-01-01",
    ]


def test_a_succession_in_the_shipped_file_adds_two_lines_for_the_old_and_six_for_the_new(
    runner, gedeeld
):
    amctl(runner, gedeeld, "benoem", "fictief-a", "burgemeester", "-g", "diemen", "--naam", "A",
          "-D", "2020-01-01")  # fmt: skip
    ervoor = gedeeld.read_text()

    resultaat = amctl(
        runner, gedeeld, "benoem", "fictief-b", "burgemeester", "-g", "diemen", "--naam", "B",
        "--datum", "2026-04-01",
    )  # fmt: skip

    assert resultaat.exit_code == 0, resultaat.output
    assert veranderde_regels(ervoor, gedeeld.read_text()) == [
        "+        tot-en-met: 2026-03-31",
        "+  fictief-b:",
        "+    naam: B",
        "+    functies:",
        "+      - functie: burgemeester",
        "+        gemeente: diemen",
        "+        vanaf: 2026-04-01",
    ]


def test_ending_a_term_adds_tot_en_met_the_day_before(runner, voor):
    ervoor = voor.read_text()

    resultaat = amctl(
        runner, voor, "ontsla", "fictief-c", "burgemeester", "-g", "aalsmeer", "-D", "2026-01-01"
    )

    assert resultaat.exit_code == 0, resultaat.output
    assert veranderde_regels(ervoor, voor.read_text()) == [
        "-      - {functie: burgemeester, gemeente: aalsmeer, vanaf: 2018-01-01}",
        "+      - {functie: burgemeester, gemeente: aalsmeer, vanaf: 2018-01-01, "
        "tot-en-met: 2025-12-31}",
    ]


def test_ending_a_term_also_ends_the_named_memberships_that_rest_on_it(runner, voor):
    ervoor = voor.read_text()

    resultaat = amctl(
        runner, voor, "ontsla", "fictief-r1", "raadslid", "-g", "diemen", "-D", "2026-04-01"
    )

    assert resultaat.exit_code == 0, resultaat.output
    assert "als lid van Raadsplatform, laatste dag 2026-03-31" in resultaat.stdout
    assert veranderde_regels(ervoor, voor.read_text()) == [
        "-      - {functie: raadslid, gemeente: diemen, vanaf: 2022-03-30}",
        "+      - {functie: raadslid, gemeente: diemen, vanaf: 2022-03-30, tot-en-met: 2026-03-31}",
        "-      - {persoon: fictief-r1, functie: raadslid, gemeente: diemen, vanaf: 2022-05-01}",
        "+      - {persoon: fictief-r1, functie: raadslid, gemeente: diemen, vanaf: 2022-05-01, "
        "tot-en-met: 2026-03-31}",
    ]


def test_a_new_member_takes_the_post_the_person_holds_and_the_style_of_the_list(runner, voor):
    ervoor = voor.read_text()

    resultaat = amctl(runner, voor, "lid-erbij", "raadsplatform", "fictief-r2", "-D", "2026-04-01")

    assert resultaat.exit_code == 0, resultaat.output
    assert diff(ervoor, voor.read_text()) == (
        "--- x\n+++ x\n"
        "@@ -64,6 +64,7 @@\n"
        "         wijze: benoemd\n"
        "     leden:\n"
        "       - {persoon: fictief-r1, functie: raadslid, gemeente: diemen, vanaf: 2022-05-01}\n"
        "+      - {persoon: fictief-r2, functie: raadslid, gemeente: diemen, vanaf: 2026-04-01}\n"
        "   werkoverleg:\n"
        "     naam: Werkoverleg\n"
        "     soort: overleg\n"
    )


def test_the_first_named_member_of_a_body_gets_a_leden_list_after_its_composition(runner, gedeeld):
    amctl(runner, gedeeld, "benoem", "fictief-r", "raadslid", "-g", "diemen", "--naam", "R",
          "-D", "2022-04-01")  # fmt: skip
    ervoor = gedeeld.read_text()

    resultaat = amctl(runner, gedeeld, "lid-erbij", "AM-Raadsledenplatform", "fictief-r",
                      "--functie", "raadslid", "-g", "diemen", "-D", "2022-05-01")  # fmt: skip

    assert resultaat.exit_code == 0, resultaat.output
    na = gedeeld.read_text()
    assert veranderde_regels(ervoor, na) == [
        "+    leden:",
        "+      - persoon: fictief-r",
        "+        functie: raadslid",
        "+        gemeente: diemen",
        "+        vanaf: 2022-05-01",
    ]
    assert (
        "toelichting: twee raadsleden per raad, als vertegenwoordigers van hun raad\n    leden:"
        in na
    )


def test_removing_a_member_ends_the_membership_the_day_before(runner, voor):
    ervoor = voor.read_text()

    resultaat = amctl(runner, voor, "lid-eraf", "Raadsplatform", "fictief-r1", "-D", "2026-04-01")

    assert resultaat.exit_code == 0, resultaat.output
    assert resultaat.stdout.startswith(
        "Lid eraf: Fictief Raadslid 1 uit Raadsplatform per 2026-04-01 (laatste dag 2026-03-31)."
    )
    assert veranderde_regels(ervoor, voor.read_text()) == [
        "-      - {persoon: fictief-r1, functie: raadslid, gemeente: diemen, vanaf: 2022-05-01}",
        "+      - {persoon: fictief-r1, functie: raadslid, gemeente: diemen, vanaf: 2022-05-01, "
        "tot-en-met: 2026-03-31}",
    ]


def test_a_status_change_turns_a_plain_status_into_dated_periods(runner, voor):
    ervoor = voor.read_text()

    resultaat = amctl(runner, voor, "zet-status", "werkoverleg", "opgeheven", "-D", "2026-04-01")

    assert resultaat.exit_code == 0, resultaat.output
    assert veranderde_regels(ervoor, voor.read_text()) == [
        "-    status: actief",
        "+    status:",
        "+      - {waarde: actief, tot-en-met: 2026-03-31}",
        "+      - {waarde: opgeheven, vanaf: 2026-04-01}",
    ]


def test_a_second_status_change_only_closes_the_open_period_and_adds_one(runner, voor):
    amctl(runner, voor, "zet-status", "werkoverleg", "betwist", "-D", "2026-04-01")
    ervoor = voor.read_text()

    resultaat = amctl(runner, voor, "zet-status", "werkoverleg", "opgeheven", "-D", "2027-01-01",
                      "--toelichting", "Opgegaan in: de bestuursgroep")  # fmt: skip

    assert resultaat.exit_code == 0, resultaat.output
    assert veranderde_regels(ervoor, voor.read_text()) == [
        "-      - {waarde: betwist, vanaf: 2026-04-01}",
        "+      - {waarde: betwist, vanaf: 2026-04-01, tot-en-met: 2026-12-31}",
        '+      - {waarde: opgeheven, vanaf: 2027-01-01, toelichting: "Opgegaan in: de '
        'bestuursgroep"}',
    ]


def test_a_status_written_as_one_mapping_becomes_a_list_item_with_its_explanation(runner, gedeeld):
    ervoor = gedeeld.read_text()

    resultaat = amctl(
        runner, gedeeld, "zet-status", "werkgroep-duurzaamheid", "opgeheven", "-D", "2026-04-01"
    )

    assert resultaat.exit_code == 0, resultaat.output
    assert veranderde_regels(ervoor, gedeeld.read_text()) == [
        "-      waarde: in-overweging",
        "-      toelichting: Bestaat alleen als het portefeuillehoudersoverleg Duurzaamheid er "
        "komt.",
        "+      - waarde: in-overweging",
        "+        tot-en-met: 2026-03-31",
        "+        toelichting: Bestaat alleen als het portefeuillehoudersoverleg Duurzaamheid er "
        "komt.",
        "+      - waarde: opgeheven",
        "+        vanaf: 2026-04-01",
    ]


def test_windows_line_ends_and_a_byte_order_mark_are_kept(runner, voor):
    voor.write_bytes(b"\xef\xbb\xbf" + voor.read_bytes().replace(b"\n", b"\r\n"))

    resultaat = amctl(runner, voor, "benoem", "fictief-b", "burgemeester", "-g", "diemen",
                      "--naam", "B", "-D", "2026-04-01")  # fmt: skip

    assert resultaat.exit_code == 0, resultaat.output
    na = voor.read_bytes()
    assert na.startswith(b"\xef\xbb\xbf")
    assert na.count(b"\n") == na.count(b"\r\n")
    assert b"    naam: B\r\n" in na


def test_a_name_that_yaml_would_misread_is_quoted(runner, voor):
    resultaat = amctl(runner, voor, "benoem", "fictief-n", "raadslid", "-g", "diemen",
                      "--naam", "Nee: #1", "-D", "2026-04-01")  # fmt: skip

    assert resultaat.exit_code == 0, resultaat.output
    assert '    naam: "Nee: #1"\n' in voor.read_text()
    assert controleer_bestand(voor).organisatie.personen["fictief-n"].naam == "Nee: #1"


def test_an_edit_writes_through_a_symbolic_link(runner, voor, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(voor)

    resultaat = amctl(runner, link, "ontsla", "fictief-c", "burgemeester", "-g", "aalsmeer")

    assert resultaat.exit_code == 0, resultaat.output
    assert link.is_symlink()
    assert "tot-en-met" in voor.read_text()


# --- --droog ------------------------------------------------------------------------------


def test_droog_shows_the_unified_diff_and_writes_nothing(runner, voor):
    ervoor = voor.read_bytes()

    resultaat = amctl(runner, voor, "zet-status", "werkoverleg", "opgeheven", "-D", "2026-04-01",
                      "--droog")  # fmt: skip

    assert resultaat.exit_code == 0, resultaat.output
    assert voor.read_bytes() == ervoor
    assert resultaat.stdout.startswith(f"--- {voor}\n+++ {voor}\n@@ -67,7 +67,9 @@\n")
    assert "+      - {waarde: opgeheven, vanaf: 2026-04-01}\n" in resultaat.stdout
    assert "--droog: er is niets geschreven." in resultaat.stderr


# --- refused: invalid result, wrong use ---------------------------------------------------


def test_an_edit_that_would_make_the_file_invalid_is_refused_with_the_problems(runner, gedeeld):
    ervoor = gedeeld.read_bytes()

    resultaat = amctl(runner, gedeeld, "zet-status", "pho-ruimte", "actief", "-D", "2026-04-01")

    assert resultaat.exit_code == 1
    assert gedeeld.read_bytes() == ervoor
    eerste = resultaat.stderr.splitlines()[0]
    assert eerste.startswith(f"{gedeeld}:") and ": AM308 [fout] 'pho-ruimte' is actief" in eerste
    assert "zou" in resultaat.stderr and "Er is niets geschreven." in resultaat.stderr


def test_an_earlier_holder_of_a_one_seat_post_ends_the_day_before_the_next_one(runner, voor):
    ervoor = voor.read_text()

    resultaat = amctl(runner, voor, "benoem", "fictief-x", "burgemeester", "-g", "diemen",
                      "--naam", "X", "-D", "2010-01-01")  # fmt: skip

    assert resultaat.exit_code == 0, resultaat.output
    assert "tot en met 2014-12-31: vanaf 2015-01-01 is Fictief Burgemeester A" in resultaat.stdout
    assert veranderde_regels(ervoor, voor.read_text()) == [
        "+  fictief-x:",
        "+    naam: X",
        "+    functies:",
        "+      - functie: burgemeester",
        "+        gemeente: diemen",
        "+        vanaf: 2010-01-01",
        "+        tot-en-met: 2014-12-31",
    ]


def test_a_successor_on_the_first_day_of_the_holder_is_refused(runner, voor):
    ervoor = voor.read_bytes()

    resultaat = amctl(runner, voor, "benoem", "fictief-x", "burgemeester", "-g", "diemen",
                      "--naam", "X", "-D", "2015-01-01")  # fmt: skip

    assert resultaat.exit_code == 2
    assert "is burgemeester van Diemen vanaf 2015-01-01" in resultaat.stderr
    assert voor.read_bytes() == ervoor


def test_a_file_that_is_already_invalid_is_not_edited(runner, voor):
    voor.write_text(
        voor.read_text().replace("soort: overleg\n    status", "soort: overleg\n    staus")
    )
    ervoor = voor.read_bytes()

    resultaat = amctl(runner, voor, "ontsla", "fictief-c", "burgemeester", "-g", "aalsmeer")

    assert resultaat.exit_code == 1
    assert "AM103" in resultaat.stderr and "herstel die eerst" in resultaat.stderr
    assert voor.read_bytes() == ervoor


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["benoem", "fictief-x", "burgemeester", "-g", "diemen"], "Geef de volledige naam"),
        (["benoem", "fictief-x", "burgemeester", "--naam", "X"], "bestaat per gemeente"),
        (["benoem", "fictief-x", "burgemeestr", "-g", "diemen", "--naam", "X"], "burgemeester"),
        (["ontsla", "fictief-a", "raadslid", "-g", "diemen"], "geen raadslid van Diemen"),
        (["ontsla", "fictief-zz", "raadslid", "-g", "diemen"], "Onbekende persoon"),
        (["ontsla", "fictief-a", "raadslid"], "in geen enkele gemeente raadslid"),
        (["lid-erbij", "bestuursgroep", "fictief-a"], "ambtshalve"),
        (["lid-eraf", "raadsplatform", "fictief-r2"], "geen lid bij naam"),
        (["zet-status", "werkoverleg", "opgeheve"], "Bedoelde u 'opgeheven'?"),
        (["benoem", "fictief-a", "burgemeester", "-g", "diemen", "-D", "1-4-2026"], "JJJJ-MM-DD"),
    ],
)
def test_wrong_use_is_refused_in_dutch_with_exit_status_2(runner, voor, argumenten, melding):
    ervoor = voor.read_bytes()

    resultaat = amctl(runner, voor, *argumenten)

    assert resultaat.exit_code == 2, resultaat.output
    assert melding in resultaat.stderr
    assert voor.read_bytes() == ervoor


# --- atomic and locked --------------------------------------------------------------------


def test_a_failure_between_the_temporary_write_and_the_rename_leaves_the_original(
    runner, voor, monkeypatch
):
    ervoor = voor.read_bytes()

    def weigert(*_, **__):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", weigert)
    resultaat = amctl(runner, voor, "ontsla", "fictief-c", "burgemeester", "-g", "aalsmeer")

    assert resultaat.exit_code == 2
    assert "niet schrijven" in resultaat.stderr
    assert voor.read_bytes() == ervoor
    assert sorted(p.name for p in voor.parent.iterdir()) == ["voor.yaml"]  # no temporary left


def test_an_edit_waits_a_bounded_time_for_another_and_is_then_refused(voor):
    import fcntl

    ervoor = voor.read_bytes()
    with open(voor, "rb") as ander:
        fcntl.flock(ander, fcntl.LOCK_EX)
        begin = time.monotonic()
        with pytest.raises(bewerken.Bezet, match="wordt door een ander programma bewerkt"):
            bewerken.bewerk_bestand(
                voor,
                lambda tekst, org, bestand: bewerken.ontsla(
                    tekst, org, bestand, persoon="fictief-c", functie="burgemeester",
                    gemeente="aalsmeer", datum=date(2026, 1, 1),
                ),
                wachttijd=0.3,
            )  # fmt: skip
        assert 0.3 <= time.monotonic() - begin < 5
    assert voor.read_bytes() == ervoor


def test_two_edits_at_the_same_time_both_land_and_neither_is_lost(voor):
    """Both processes wait for the lock we hold, then edit one after the other; the second
    reads the file only after the first replaced it."""
    import fcntl

    opdrachten = [
        ["benoem", "fictief-p", "raadslid", "-g", "diemen", "--naam", "P", "-D", "2026-04-01"],
        ["benoem", "fictief-q", "raadslid", "-g", "aalsmeer", "--naam", "Q", "-D", "2026-04-01"],
    ]
    with open(voor, "rb") as ander:
        fcntl.flock(ander, fcntl.LOCK_EX)
        processen = [
            subprocess.Popen(
                [sys.executable, "-m", "amctl", *opdracht, "-f", str(voor)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for opdracht in opdrachten
        ]
        time.sleep(1.0)  # both are started and waiting for the lock
        assert all(p.poll() is None for p in processen)
    uitkomsten = [p.communicate(timeout=60) for p in processen]

    assert [p.returncode for p in processen] == [0, 0], uitkomsten
    uitslag = controleer_bestand(voor)
    assert not uitslag.fouten
    assert {"fictief-p", "fictief-q"} <= set(uitslag.organisatie.personen)


# --- which file an edit writes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "argumenten",
    [
        ["benoem", "Fictief Nieuw", "burgemeester", "-g", "diemen", "-D", "2030-01-01"],
        ["zet-status", "pho-ruimte", "actief", "-D", "2030-01-01"],
    ],
    ids=["benoem", "zet-status"],
)
def test_an_edit_outside_a_project_folder_refuses_the_bundled_copy(
    runner, tmp_path, monkeypatch, gedeeld_bestand, argumenten
):
    meegeleverd = tmp_path / "site-packages" / "amctl" / "data" / "organisatie.yaml"
    meegeleverd.parent.mkdir(parents=True)
    shutil.copy(gedeeld_bestand, meegeleverd)
    voor = meegeleverd.read_bytes()
    monkeypatch.setattr("amctl.bestand.meegeleverd", lambda: meegeleverd)
    leeg = tmp_path / "ergens"
    leeg.mkdir()
    monkeypatch.chdir(leeg)

    resultaat = runner.invoke(app, argumenten)

    assert resultaat.exit_code == 2, resultaat.output
    assert meegeleverd.read_bytes() == voor
    assert resultaat.stdout == ""
    melding = resultaat.stderr.strip()
    assert melding.count("\n") == 0
    assert "--bestand/-f" in melding
    assert "projectmap" in melding


def test_a_query_outside_a_project_folder_still_reads_the_bundled_copy(
    runner, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)

    resultaat = runner.invoke(app, ["wie-zit-in", "regiegroep", "--json"])

    assert resultaat.exit_code == 0, resultaat.output
    assert resultaat.stdout.startswith('{\n  "bestand": ')


def test_a_very_long_name_gets_an_id_yaml_can_read_as_a_key(runner, voor):
    """Found by the long fuzz run of importeer: a name of 2,000 characters became an id of
    2,000 characters, a key YAML cannot read (at most 1024): exit 3. The id is now the start
    of the name; an id that long given by hand is refused."""
    naam = "Fictief " + "x" * 2000
    uitvoer = amctl(runner, voor, "benoem", naam, "raadslid", "-g", "diemen", "-D", "2026-04-01")
    assert uitvoer.exit_code == 0, uitvoer.output
    org = controleer_bestand(voor).organisatie
    pid = next(p.id for p in org.personen.values() if p.naam == naam)
    assert pid.startswith("fictief-xxx") and len(pid) <= 100
    lang = "p-" + "x" * 2000
    uitvoer = amctl(runner, voor, "benoem", lang, "raadslid", "-g", "diemen", "--naam", "A. B")
    assert uitvoer.exit_code == 2 and "langer dan 100 tekens" in uitvoer.stderr, uitvoer.output


# --- an edit costs about one read ---------------------------------------------------------


def _tel_lezingen(monkeypatch) -> dict[str, int]:
    """How often the text is parsed during a command: the loader (laden.laad_tekst) and any
    other pass of the YAML parser over it (yaml.parse)."""
    import yaml

    from amctl import laden

    geteld = {"laad_tekst": 0, "yaml.parse": 0}
    echt_laad, echt_parse = laden.laad_tekst, yaml.parse

    def laad_tekst(*args, **kwargs):
        geteld["laad_tekst"] += 1
        return echt_laad(*args, **kwargs)

    def parse(*args, **kwargs):
        geteld["yaml.parse"] += 1
        return echt_parse(*args, **kwargs)

    monkeypatch.setattr(laden, "laad_tekst", laad_tekst)
    monkeypatch.setattr("amctl.bewerken.bewerker.laad_tekst", laad_tekst)
    monkeypatch.setattr(yaml, "parse", parse)
    return geteld


@pytest.mark.parametrize(
    "opdracht",
    [
        [
            "benoem",
            "fictief-b",
            "burgemeester van Diemen",
            "--naam",
            "Fictief B",
            "-D",
            "2026-04-01",
        ],
        ["ontsla", "fictief-a", "burgemeester van Diemen", "-D", "2026-04-01"],
    ],
    ids=["benoem", "ontsla"],
)
def test_an_edit_parses_the_old_text_once_and_the_new_text_once(
    runner, voor, monkeypatch, opdracht
):
    """benoem parsed the file 4 times and ran 3 more passes of the YAML parser (12.5 s at
    national scale): now the old text once (for the check before and for the edit's
    positions) and the new text once (for the check that it holds the data meant, and for
    the check after); the steps of the edit are checked as one."""
    geteld = _tel_lezingen(monkeypatch)
    resultaat = amctl(runner, voor, *opdracht)
    assert resultaat.exit_code == 0, resultaat.output
    assert "Opgeslagen in" in resultaat.stdout
    assert geteld == {"laad_tekst": 2, "yaml.parse": 0}


def test_steps_that_build_on_each_other_still_give_the_same_bytes(runner, gedeeld, monkeypatch):
    """The first person of the shipped file: the section 'personen: {}' becomes a block and
    then gets the person; the steps cannot be checked as one, so they run one by one, and
    the bytes are those of the steps one by one."""
    from amctl.bewerken import bewerker

    ervoor = gedeeld.read_text()
    opdracht = ["benoem", "Fictief Persoon", "burgemeester van Diemen", "-D", "2026-04-01"]
    eerst = amctl(runner, gedeeld, *opdracht)
    assert eerst.exit_code == 0, eerst.output
    samen = gedeeld.read_text()
    gedeeld.write_text(ervoor)
    monkeypatch.setattr(
        bewerker, "in_een_keer", lambda t, b, stappen: (lambda w: (w, stappen(w)))(Bewerker(t, b))
    )
    monkeypatch.setattr("amctl.bewerken.bezetting.in_een_keer", bewerker.in_een_keer)
    los = amctl(runner, gedeeld, *opdracht)
    assert los.exit_code == 0, los.output
    assert gedeeld.read_text() == samen
    assert los.stdout == eerst.stdout


@pytest.mark.parametrize("vraag", [["wie-zit-in", "bestuursgroep"], ["validate"], ["tree"]])
def test_the_first_question_after_an_edit_parses_nothing_and_answers_as_fresh(
    runner, voor, monkeypatch, vraag
):
    """The edit leaves the verdict and the model of the bytes it wrote in the cache: the
    next question reads them instead of parsing the file (it took 22x the bare app at L),
    and answers as a question without cache does."""
    opdracht = ["benoem", "fictief-b", "burgemeester van Diemen", "--naam", "Fictief B"]
    resultaat = amctl(runner, voor, *opdracht, "-D", "2026-04-01")
    assert resultaat.exit_code == 0, resultaat.output
    geteld = _tel_lezingen(monkeypatch)
    argumenten = [*vraag, str(voor)] if vraag == ["validate"] else [*vraag, "-f", str(voor)]
    warm = runner.invoke(app, argumenten)
    assert warm.exit_code == 0, warm.output
    assert geteld["laad_tekst"] == 0
    monkeypatch.setenv("AMCTL_CACHE", "uit")
    vers = runner.invoke(app, argumenten)
    assert geteld["laad_tekst"] == 1
    assert (warm.exit_code, warm.stdout, warm.stderr) == (vers.exit_code, vers.stdout, vers.stderr)
