"""The rules on meetings and rotations (AM320-AM328) at their edges. Each code's own fout and
goed examples run in tests/test_regels.py; these are the cases between them."""

from __future__ import annotations

from amctl.controle import controleer_tekst

KOP = """\
versie: 1
soorten:
  overleg: {naam: overleg}
bronnen:
  verslag: {titel: Verslagen}
gemeenten:
  aalsmeer: {naam: Aalsmeer}
  diemen: {naam: Diemen}
  uithoorn: {naam: Uithoorn, vanaf: 2025-01-01}
functies:
  burgemeester: {naam: burgemeester, per-gemeente: true, zetels: 1}
  gemeentesecretaris: {naam: gemeentesecretaris, per-gemeente: true, zetels: 1}
"""


def overleg(vergaderingen: list[str], ritme: str = "{per-jaar: 2, locatie: wisselend}") -> str:
    """A body of the burgemeesters with this rhythm and these meetings (flow mappings)."""
    return KOP + (
        "organen:\n  plenair:\n    naam: Plenair\n    soort: overleg\n    bron: verslag\n"
        "    samenstelling: [{functie: burgemeester, aantal: 1}]\n"
        f"    vergaderritme:\n      - {ritme}\n"
        "    vergaderingen:\n" + "".join(f"      - {{{v}}}\n" for v in vergaderingen)
    )


def secretarissen(beurten: list[str], vergaderingen: list[str] = (), personen: str = "") -> str:
    """A body of the gemeentesecretarissen with a rotating chair of a year and these turns."""
    tekst = (
        KOP
        + personen
        + (
            "organen:\n  secretarissen:\n    naam: Secretarissen\n    soort: overleg\n"
            "    bron: verslag\n"
            "    samenstelling: [{functie: gemeentesecretaris, aantal: 1}]\n"
            "    voorzitter:\n      - {roulerend: true, termijn: 12}\n"
            + "".join(f"      - {{{b}}}\n" for b in beurten)
        )
    )
    if vergaderingen:
        tekst += "    vergaderingen:\n" + "".join(f"      - {{{v}}}\n" for v in vergaderingen)
    return tekst


def beurt(gemeente: str, jaar: int) -> str:
    return (
        f"functie: gemeentesecretaris, gemeente: {gemeente}, vanaf: {jaar}-01-01, "
        f"tot-en-met: {jaar}-12-31"
    )


def problemen(tekst: str) -> list[tuple[str, int]]:
    return [(p.code, p.regel) for p in controleer_tekst(tekst).problemen]


def meldingen(tekst: str, code: str) -> list[str]:
    return [p.melding for p in controleer_tekst(tekst).problemen if p.code == code]


# --- AM320: frequency --------------------------------------------------------------------


def test_am320_does_not_count_the_first_and_last_year_of_the_record():
    tekst = overleg(
        ["datum: 2024-10-10, gemeente: aalsmeer", "datum: 2025-03-13, gemeente: diemen"]
    )

    assert problemen(tekst) == []


def test_am320_counts_a_year_without_meetings_between_two_recorded_ones():
    tekst = overleg(
        ["datum: 2023-10-12, gemeente: aalsmeer", "datum: 2025-03-13, gemeente: diemen"]
    )

    assert meldingen(tekst, "AM320") == [
        "In 2024 zijn 0 vergaderingen van 'plenair' vastgelegd, maar het vergaderritme zegt 2 "
        "per jaar; vul de vastlegging aan of werk het ritme bij."
    ]


def test_am320_accepts_either_of_two_rhythms_that_hold_at_once():
    twee_ritmes = "{per-jaar: 2, locatie: wisselend}\n      - {per-jaar: 1}"
    een_per_jaar = [
        "datum: 2023-10-12, gemeente: aalsmeer",
        "datum: 2024-03-14, gemeente: diemen",
        "datum: 2025-03-13, gemeente: aalsmeer",
    ]

    assert "AM320" not in dict(problemen(overleg(een_per_jaar, twee_ritmes)))
    assert "AM320" in dict(problemen(overleg(een_per_jaar)))


# --- AM321, AM322, AM323: the place ---------------------------------------------------------


def test_am321_only_applies_when_the_place_rotates():
    tweemaal = ["datum: 2024-03-14, gemeente: aalsmeer", "datum: 2024-10-10, gemeente: aalsmeer"]

    assert "AM321" in dict(problemen(overleg(tweemaal)))
    assert problemen(overleg(tweemaal, ritme="{per-jaar: 2}")) == []


def test_am321_does_not_guess_across_a_meeting_without_gemeente():
    tekst = overleg(
        [
            "datum: 2024-03-14, gemeente: aalsmeer",
            "datum: 2024-06-13",
            "datum: 2024-10-10, gemeente: aalsmeer",
        ]
    )

    assert [code for code, _ in problemen(tekst)] == ["AM323"]


def test_am322_does_not_wait_for_a_gemeente_that_joined_since():
    # Uithoorn takes part from 2025: Aalsmeer's second turn in 2025 did not skip it.
    tekst = overleg(
        [
            "datum: 2024-03-14, gemeente: aalsmeer",
            "datum: 2024-10-10, gemeente: diemen",
            "datum: 2025-03-13, gemeente: aalsmeer",
        ]
    )

    assert problemen(tekst) == []


def test_am322_names_who_was_skipped():
    tekst = overleg(
        [
            "datum: 2025-03-13, gemeente: aalsmeer",
            "datum: 2025-10-09, gemeente: diemen",
            "datum: 2026-03-12, gemeente: aalsmeer",
        ]
    )

    [melding] = meldingen(tekst, "AM322")
    assert "terwijl Uithoorn sindsdien nog niet aan de beurt was" in melding


def test_am323_a_host_that_did_not_take_part_yet():
    tekst = overleg(["datum: 2024-03-14, gemeente: uithoorn"])

    assert meldingen(tekst, "AM323") == [
        "'uithoorn' nam op 2024-03-14 niet deel aan 'plenair', maar is gastheer van de "
        "vergadering; controleer de gemeente of de datum."
    ]


# --- AM324, AM325, AM327: the rotating chair ------------------------------------------------


def test_am324_the_same_gemeente_twice_in_a_row():
    assert [
        c for c, _ in problemen(secretarissen([beurt("aalsmeer", 2022), beurt("aalsmeer", 2023)]))
    ] == ["AM324"]


def test_am324_a_turn_named_by_person_counts_for_the_gemeente_that_person_serves():
    personen = (
        "personen:\n  p-fictief:\n    naam: P. Fictief\n"
        "    functies: [{functie: gemeentesecretaris, gemeente: aalsmeer}]\n"
    )
    tekst = secretarissen(
        [
            beurt("aalsmeer", 2022),
            "persoon: p-fictief, vanaf: 2023-01-01, tot-en-met: 2023-12-31",
        ],
        personen=personen,
    ).replace(
        "    samenstelling: [{functie: gemeentesecretaris, aantal: 1}]\n",
        "    samenstelling: [{functie: gemeentesecretaris, aantal: 1}]\n"
        "    leden: [{persoon: p-fictief, functie: gemeentesecretaris, gemeente: aalsmeer}]\n",
    )

    assert "AM324" in dict(problemen(tekst))


def test_am325_a_meeting_without_chair_outside_every_turn():
    tekst = secretarissen([beurt("aalsmeer", 2022)], ["datum: 2023-05-11"])

    assert [c for c, _ in problemen(tekst)] == ["AM325"]
    assert problemen(secretarissen([beurt("aalsmeer", 2022)], ["datum: 2022-05-12"])) == []
    assert problemen(secretarissen([], ["datum: 2023-05-11, voorzitter: diemen"])) == []


def test_am327_the_rotation_itself_is_not_a_second_chair():
    assert problemen(secretarissen([beurt("aalsmeer", 2022), beurt("diemen", 2023)])) == []


def test_a_fixed_chair_before_the_rotation_began_is_not_a_turn():
    vast = "functie: gemeentesecretaris, gemeente: aalsmeer, tot-en-met: 2021-12-31"
    tekst = secretarissen([beurt("aalsmeer", 2022)]).replace(
        "      - {roulerend: true, termijn: 12}\n",
        f"      - {{{vast}}}\n      - {{roulerend: true, termijn: 12, vanaf: 2022-01-01}}\n",
    )

    assert problemen(tekst) == []
