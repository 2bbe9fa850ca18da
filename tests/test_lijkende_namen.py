"""No silent new persons (issue 22, item 7): `benoem` of a name that is no person but
resembles one refuses with "Bedoelde u ...?" and says how to add a new person on purpose
(--nieuw); names that differ in a whole word or an initial while the rest is generic are
different people. The resemblance is measured on every fixture with persons."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from conftest import amctl

from amctl.controle import controleer_tekst
from amctl.vragen import lijkende_personen, namen_lijken

FIXTURES = Path(__file__).parent / "fixtures"
FICTIEF = FIXTURES / "fictief.yaml"

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


@pytest.fixture
def pad(tmp_path) -> Path:
    return Path(shutil.copy(FICTIEF, tmp_path / "fictief.yaml"))


def _benoem(runner, pad: Path, *argumenten: str):
    return amctl(runner, pad, "benoem", *argumenten, "-g", "diemen", "-D", "2026-12-01")


def test_benoem_of_a_misspelled_name_refuses_and_asks_whom_was_meant(runner, pad):
    oud = pad.read_bytes()
    uitslag = _benoem(runner, pad, "Fictief Wethoudr 1", "wethouder")
    assert uitslag.exit_code == 2
    assert " ".join(uitslag.stderr.split()) == (
        "amctl: 'Fictief Wethoudr 1' is geen persoon in het bestand, maar lijkt op een "
        "bestaande. Bedoelde u: Fictief Wethouder 1 (fictief-wethouder-diemen)? Geef dan het "
        "id; is het echt een nieuwe persoon, herhaal de opdracht dan met --nieuw."
    )
    assert pad.read_bytes() == oud


def test_benoem_with_naam_that_resembles_a_person_refuses_too(runner, pad):
    uitslag = _benoem(runner, pad, "f-w", "wethouder", "--naam", "Fictief  wethouder 1.")
    assert uitslag.exit_code == 2
    assert "Bedoelde u: Fictief Wethouder 1 (fictief-wethouder-diemen)?" in uitslag.stderr


def test_nieuw_adds_the_resembling_person_on_purpose(runner, pad):
    uitslag = _benoem(runner, pad, "Fictief Wethoudr 1", "wethouder", "--nieuw")
    assert uitslag.exit_code == 0, uitslag.output
    assert (
        uitslag.stdout.splitlines()[0] == "Nieuwe persoon: Fictief Wethoudr 1 (fictief-wethoudr-1)."
    )


def test_a_name_that_differs_in_an_initial_from_generic_names_is_a_new_person(runner, pad):
    uitslag = _benoem(runner, pad, "Burgemeester Testpersoon D", "raadslid")
    assert uitslag.exit_code == 0, uitslag.output
    assert uitslag.stdout.splitlines()[:2] == [
        "Nieuwe persoon: Burgemeester Testpersoon D (burgemeester-testpersoon-d).",
        "Benoemd: Burgemeester Testpersoon D als raadslid van Diemen per 2026-12-01.",
    ]
    assert "lijkt op" not in uitslag.output


@pytest.mark.parametrize(
    ("naam", "ander", "lijkt"),
    [
        ("Testpersoon A", "Testpersoon B", False),  # an initial; the rest is generic
        ("Fictief Raadslid 1", "Fictief Raadslid 2", False),  # a number
        ("Jan Jansen", "Piet Jansen", False),  # a whole word
        ("Jan Jansen", "Jan Janssen", True),  # a typing error
        ("J. Jansen", "Jan Jansen", True),  # an initial for the first name
        ("J. Jansen", "K. Jansen", True),  # another initial, but 'Jansen' says who
        ("B. Bakker", "B. de Bakker", True),  # a particle left out
        ("A. de Vries", "A. de Fries", True),
    ],
)
def test_which_names_resemble(naam, ander, lijkt):
    assert namen_lijken(naam, ander) is lijkt
    assert namen_lijken(ander, naam) is lijkt


def _fixtures_met_personen():
    for pad in sorted(FIXTURES.rglob("*.yaml")):
        org = controleer_tekst(pad.read_text(encoding="utf-8"), str(pad)).organisatie
        if org is not None and org.personen:
            yield pad, org


def test_no_two_persons_of_a_fixture_resemble_each_other():
    """The measurement: 82 pairs of persons in 3 fixtures; the old 'lijkt op' line fired for
    4 of them (Testpersoon A/B, Fictief Raadslid 1/2), the resemblance test for none."""
    paren = [
        (a.naam, b.naam)
        for _, org in _fixtures_met_personen()
        for a, b in itertools.combinations(org.personen.values(), 2)
        if b.id in lijkende_personen(org, a.naam)
    ]
    assert paren == []


def test_every_typing_error_in_a_fixture_name_is_caught():
    """A letter dropped, doubled or swapped in the longest word of each fixture name: each
    resembles its person (63 of 63)."""
    gemist = []
    for _, org in _fixtures_met_personen():
        for p in org.personen.values():
            woorden = p.naam.split()
            i = max(range(len(woorden)), key=lambda k: len(woorden[k]))
            w, m = woorden[i], len(woorden[i]) // 2
            for fout in (
                w[:m] + w[m + 1 :],
                w[:m] + w[m] + w[m:],
                w[: m - 1] + w[m] + w[m - 1] + w[m + 1 :],
            ):
                naam = " ".join([*woorden[:i], fout, *woorden[i + 1 :]])
                if lijkende_personen(org, naam) != [p.id]:
                    gemist.append(naam)
    assert gemist == []


def test_importeer_names_a_new_person_who_resembles_one_in_its_summary(runner, pad, tmp_path):
    blad = tmp_path / "blad.csv"
    blad.write_text(
        "naam;functie;gemeente;vanaf\n"
        "Fictief Wethoudr 1;wethouder;diemen;2026-12-01\n"
        "Burgemeester Testpersoon D;raadslid;diemen;2026-12-01\n",
        encoding="utf-8",
    )
    for droog in (["--droog"], []):
        uitslag = amctl(runner, pad, "importeer", str(blad), *droog)
        assert uitslag.exit_code == 0, uitslag.output
        regels = [r for r in uitslag.output.splitlines() if r.startswith("Let op")]
        assert regels == [
            "Let op: de nieuwe persoon Fictief Wethoudr 1 (rij 2) lijkt op Fictief Wethouder 1 "
            "(fictief-wethouder-diemen); is dat dezelfde, zet dan het id in de kolom 'persoon'."
        ]
