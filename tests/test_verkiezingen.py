"""The 2026 gemeenteraadsverkiezingen played through, for all seven gemeenten, by amctl
commands only (issue 22, "done when"): the colleges of 2022 from one sheet, a new college per
gemeente from seven sheets, mid-term departures, two portfolio moves, a waarnemend burgemeester,
a chair's turn and a meeting. Then the answers of `wie-zit-in`, `waar-zit`, `verschil` and
`signalen` are compared with expectations written out by hand below, from the story, not
computed by amctl.

Every person is fictional (tests/fixtures/verkiezingen/, "Fictief ..."); the structure is the
shipped data/organisatie.yaml, so the scenario follows it when it changes.

The story (peildatum of the answers: 2026-12-08):
- 2022: every gemeente has a burgemeester (since 2020), a gemeentesecretaris (since 2019),
  three wethouders A (wonen), B (economie, ruimte), C (verkeer-en-vervoer, duurzaamheid), two
  raadsleden in the raadsledenplatform; the AM-team is complete.
- 2026-01-01 Diemen takes the rotating chair of the secretarissenoverleg, for 12 months.
- After the elections of 18 March 2026 each gemeente installs a new college on its own date:
  A stays (wonen), D (economie) and E (verkeer-en-vervoer) are new, B and C leave. In Diemen B
  stays instead, and swaps economie and ruimte for wonen; A leaves.
- 2026-07-01 the burgemeester of Ouder-Amstel leaves; a waarnemend burgemeester follows.
- 2026-09-01 E of Uithoorn leaves; F takes verkeer-en-vervoer on 2026-09-15.
- 2026-10-01 economie moves in Aalsmeer from D to A; 2026-12-01 verkeer-en-vervoer moves in
  Haarlemmermeer from E to D.
- 2026-10-08 the plenair overleg meets in Diemen (the spring meeting was never recorded).
- 2026-11-01 D of De Ronde Venen (economie) leaves; no successor yet.
- 2026-12-05 by mistake A of Haarlemmermeer is dismissed; `ongedaan` takes it back.
- The gemeentesecretaris of Amstelveen leaves after 2027-01-31 (recorded in advance).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import GEDEELD_BESTAND, GEMEENTEN, amctl

from amctl.cli import app

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")

BLADEN = Path(__file__).parent / "fixtures" / "verkiezingen"
PEILDATUM = "2026-12-08"

# The day each new college takes office, and who of the old college stays (A, or B in Diemen).
INSTALLATIE = {
    "aalsmeer": "2026-04-23",
    "amstelveen": "2026-05-07",
    "de-ronde-venen": "2026-04-30",
    "diemen": "2026-04-16",
    "haarlemmermeer": "2026-05-21",
    "ouder-amstel": "2026-04-23",
    "uithoorn": "2026-05-14",
}
# The wethouders A-E of each gemeente, as the sheets name them.
WETHOUDERS = {
    "aalsmeer": ["Appelboom", "Beukenhout", "Castanjelaan", "Dennenveld", "Essenhof"],
    "amstelveen": ["Akkerwinde", "Boterbloem", "Chrysant", "Dotterbloem", "Egelantier"],
    "de-ronde-venen": ["Aalscholver", "Blauwborst", "Citroenvlinder", "Distelvink", "Eidereend"],
    "diemen": ["Amethist", "Barnsteen", "Chalcedoon", "Diamant", "Esmerald"],
    "haarlemmermeer": ["Anijs", "Basilicum", "Cayenne", "Dragon", "Engelwortel"],
    "ouder-amstel": ["Alpaca", "Bever", "Civetkat", "Das", "Eekhoorn"],
    "uithoorn": ["Aardbei", "Braam", "Cranberry", "Dadel", "Esdoorn"],
}
VOORNAMEN = ["Anna", "Bram", "Cato", "Daan", "Eva"]


def wethouder(gemeente: str, letter: str) -> str:
    i = "ABCDE".index(letter)
    return f"Fictief {VOORNAMEN[i]} {WETHOUDERS[gemeente][i]}"


def nieuw_college(gemeente: str) -> list[list[str]]:
    """The new college of a gemeente, from its sheet: who is in it stays without a break or
    starts on the day; every wethouder and portfolio not in it ends the day before."""
    blad = str(BLADEN / f"college-2026-{gemeente}.csv")
    return [["importeer", blad, "--college", gemeente, "-D", INSTALLATIE[gemeente]]]


STAPPEN: list[list[str]] = [
    ["importeer", str(BLADEN / "college-2022.csv")],
    ["voorzitter-beurt", "secretarissenoverleg", "diemen", "--termijn", "12", "-D", "2026-01-01"],
    *(stap for g in GEMEENTEN for stap in nieuw_college(g)),
    [
        "benoem",
        "Fictieve Waarnemer van Ouder-Amstel",
        "burgemeester",
        "-g",
        "ouder-amstel",
        "--waarnemend",
        "-D",
        "2026-07-01",
    ],
    ["ontsla", wethouder("uithoorn", "E"), "wethouder", "-g", "uithoorn", "-D", "2026-09-01"],
    [
        "benoem",
        "Fictief Floor Framboos",
        "wethouder",
        "-g",
        "uithoorn",
        "-p",
        "verkeer-en-vervoer",
        "-D",
        "2026-09-15",
    ],
    ["portefeuille-erbij", wethouder("aalsmeer", "A"), "economie", "-D", "2026-10-01"],
    ["vergadering-erbij", "plenair-overleg", "-D", "2026-10-08", "-g", "diemen"],
    [
        "ontsla",
        wethouder("de-ronde-venen", "D"),
        "wethouder",
        "-g",
        "de-ronde-venen",
        "-D",
        "2026-11-01",
    ],
    [
        "portefeuille-erbij",
        wethouder("haarlemmermeer", "D"),
        "verkeer-en-vervoer",
        "-D",
        "2026-12-01",
    ],
    # A slip: the wrong wethouder of Haarlemmermeer is dismissed, and the slip undone.
    [
        "ontsla",
        wethouder("haarlemmermeer", "A"),
        "wethouder",
        "-g",
        "haarlemmermeer",
        "-D",
        "2026-12-05",
    ],
    ["ongedaan"],
    [
        "ontsla",
        "Fictieve Secretaris van Amstelveen",
        "gemeentesecretaris",
        "-g",
        "amstelveen",
        "-D",
        "2027-02-01",
    ],
]


class Gespeeld(NamedTuple):
    pad: Path  # the file at the end of the story
    versies: list[Path]  # the file after each step of STAPPEN (for `verschil`)


@pytest.fixture(scope="module")
def gespeeld(tmp_path_factory) -> Gespeeld:
    """The shipped file with the whole story played on it, and a copy after every step."""
    from typer.testing import CliRunner

    runner = CliRunner()
    map_ = tmp_path_factory.mktemp("verkiezingen")
    pad = Path(shutil.copy(GEDEELD_BESTAND, map_ / "organisatie.yaml"))
    versies = []
    for i, stap in enumerate(STAPPEN):
        uitkomst = amctl(runner, pad, *stap)
        assert uitkomst.exit_code == 0, (stap, uitkomst.output)
        versies.append(Path(shutil.copy(pad, map_ / f"na-stap-{i + 1}.yaml")))
    return Gespeeld(pad, versies)


def _stap(*begin: str) -> int:
    """The index in STAPPEN of the one step that begins with these words."""
    (gevonden,) = [i for i, s in enumerate(STAPPEN) if tuple(s[: len(begin)]) == begin]
    return gevonden


def _vraag(gespeeld, *argumenten: str):
    from typer.testing import CliRunner

    uitkomst = amctl(CliRunner(), gespeeld.pad, *argumenten)
    assert uitkomst.exit_code == 0, uitkomst.output
    return uitkomst.stdout


def _zetels(gespeeld, orgaan: str, datum: str = PEILDATUM) -> list[tuple]:
    gegevens = json.loads(_vraag(gespeeld, "wie-zit-in", orgaan, "-d", datum, "--json"))
    return [(z["gemeente"], z["persoon"], z["sinds"]) for z in gegevens["leden"]]


def test_the_file_stays_valid_through_the_whole_story(gespeeld):
    assert "geen problemen" in _vraag(gespeeld, "controleer")


def test_wie_zit_in_pho_economie(gespeeld):
    assert _zetels(gespeeld, "pho-economie") == [
        ("aalsmeer", "Fictief Anna Appelboom", "2026-10-01"),
        ("amstelveen", "Fictief Daan Dotterbloem", "2026-05-07"),
        ("de-ronde-venen", None, None),
        ("diemen", "Fictief Daan Diamant", "2026-04-16"),
        ("haarlemmermeer", "Fictief Daan Dragon", "2026-05-21"),
        ("ouder-amstel", "Fictief Daan Das", "2026-04-23"),
        ("uithoorn", "Fictief Daan Dadel", "2026-05-14"),
    ]


def test_wie_zit_in_pho_verkeer_en_vervoer(gespeeld):
    assert _zetels(gespeeld, "pho-verkeer-en-vervoer") == [
        ("aalsmeer", "Fictief Eva Essenhof", "2026-04-23"),
        ("amstelveen", "Fictief Eva Egelantier", "2026-05-07"),
        ("de-ronde-venen", "Fictief Eva Eidereend", "2026-04-30"),
        ("diemen", "Fictief Eva Esmerald", "2026-04-16"),
        ("haarlemmermeer", "Fictief Daan Dragon", "2026-12-01"),
        ("ouder-amstel", "Fictief Eva Eekhoorn", "2026-04-23"),
        ("uithoorn", "Fictief Floor Framboos", "2026-09-15"),
    ]


def test_wie_zit_in_pho_wonen_before_and_after_the_elections(gespeeld):
    assert _zetels(gespeeld, "pho-wonen", "2026-03-01") == [
        ("aalsmeer", "Fictief Anna Appelboom", "2022-06-01"),
        ("amstelveen", "Fictief Anna Akkerwinde", "2022-06-01"),
        ("de-ronde-venen", "Fictief Anna Aalscholver", "2022-06-01"),
        ("diemen", "Fictief Anna Amethist", "2022-06-01"),
        ("haarlemmermeer", "Fictief Anna Anijs", "2022-06-01"),
        ("ouder-amstel", "Fictief Anna Alpaca", "2022-06-01"),
        ("uithoorn", "Fictief Anna Aardbei", "2022-06-01"),
    ]
    assert _zetels(gespeeld, "pho-wonen") == [
        ("aalsmeer", "Fictief Anna Appelboom", "2022-06-01"),
        ("amstelveen", "Fictief Anna Akkerwinde", "2022-06-01"),
        ("de-ronde-venen", "Fictief Anna Aalscholver", "2022-06-01"),
        ("diemen", "Fictief Bram Barnsteen", "2026-04-16"),
        ("haarlemmermeer", "Fictief Anna Anijs", "2022-06-01"),
        ("ouder-amstel", "Fictief Anna Alpaca", "2022-06-01"),
        ("uithoorn", "Fictief Anna Aardbei", "2022-06-01"),
    ]


def test_wie_zit_in_regiegroep_with_the_waarnemend_burgemeester(gespeeld):
    assert _zetels(gespeeld, "regiegroep") == [
        ("aalsmeer", "Fictieve Burgemeester van Aalsmeer", "2020-01-01"),
        ("amstelveen", "Fictieve Burgemeester van Amstelveen", "2020-01-01"),
        ("de-ronde-venen", "Fictieve Burgemeester van De Ronde Venen", "2020-01-01"),
        ("diemen", "Fictieve Burgemeester van Diemen", "2020-01-01"),
        ("haarlemmermeer", "Fictieve Burgemeester van Haarlemmermeer", "2020-01-01"),
        ("ouder-amstel", "Fictieve Waarnemer van Ouder-Amstel", "2026-07-01"),
        ("uithoorn", "Fictieve Burgemeester van Uithoorn", "2020-01-01"),
        (None, None, None),  # the aanvullend lid, a wethouder named by name: nobody yet
    ]


def _plaatsen(gespeeld, wie: str) -> list[tuple]:
    gegevens = json.loads(_vraag(gespeeld, "waar-zit", wie, "-d", PEILDATUM, "--json"))
    return [
        (p["orgaan"]["id"], p["functie_naam"], p["persoon"], p["rol"]) for p in gegevens["plaatsen"]
    ]


def test_waar_zit_a_wethouder_who_took_economie_over(gespeeld):
    anna = "Fictief Anna Appelboom"
    assert _plaatsen(gespeeld, anna) == [
        ("plenair-overleg", "wethouder van Aalsmeer", anna, "lid"),
        ("pho-wonen", "wethouder van Aalsmeer", anna, "portefeuillehouder"),
        ("pho-economie", "wethouder van Aalsmeer", anna, "portefeuillehouder"),
    ]


def test_waar_zit_the_one_who_gave_economie_away_and_the_one_who_left(gespeeld):
    assert _plaatsen(gespeeld, "Fictief Daan Dennenveld") == [
        ("plenair-overleg", "wethouder van Aalsmeer", "Fictief Daan Dennenveld", "lid"),
    ]
    assert _plaatsen(gespeeld, "Fictief Eva Esdoorn") == []
    assert _plaatsen(gespeeld, "Fictief Bram Beukenhout") == []


def test_waar_zit_the_waarnemend_burgemeester(gespeeld):
    waarnemer = "Fictieve Waarnemer van Ouder-Amstel"
    post = "burgemeester van Ouder-Amstel (waarnemend)"
    assert _plaatsen(gespeeld, waarnemer) == [
        ("plenair-overleg", post, waarnemer, "lid"),
        ("regiegroep", post, waarnemer, "lid"),
    ]


def test_waar_zit_haarlemmermeer_after_the_move_of_verkeer_en_vervoer(gespeeld):
    bm, dragon = "Fictieve Burgemeester van Haarlemmermeer", "Fictief Daan Dragon"
    wh, anijs = "wethouder van Haarlemmermeer", "Fictief Anna Anijs"
    engelwortel = "Fictief Eva Engelwortel"
    assert _plaatsen(gespeeld, "haarlemmermeer") == [
        ("plenair-overleg", "burgemeester van Haarlemmermeer", bm, "lid"),
        ("plenair-overleg", wh, anijs, "lid"),
        ("plenair-overleg", wh, dragon, "lid"),
        ("plenair-overleg", wh, engelwortel, "lid"),
        ("regiegroep", "burgemeester van Haarlemmermeer", bm, "lid"),
        (
            "secretarissenoverleg",
            "gemeentesecretaris van Haarlemmermeer",
            "Fictieve Secretaris van Haarlemmermeer",
            "lid",
        ),
        (
            "raadsledenplatform",
            "raadslid van Haarlemmermeer",
            "Fictief Raadslid 1 van Haarlemmermeer",
            "lid",
        ),
        (
            "raadsledenplatform",
            "raadslid van Haarlemmermeer",
            "Fictief Raadslid 2 van Haarlemmermeer",
            "lid",
        ),
        ("pho-verkeer-en-vervoer", wh, dragon, "portefeuillehouder"),
        ("pho-wonen", wh, anijs, "portefeuillehouder"),
        ("pho-economie", wh, dragon, "portefeuillehouder"),
        ("pho-ruimte", wh, None, "portefeuillehouder"),
        ("pho-duurzaamheid", wh, None, "portefeuillehouder"),
    ]


SIGNALEN = """\
Wat aandacht vraagt op 2026-12-08, vooruit tot en met 2027-03-08 (90 dagen): 6 signalen.

Loopt binnenkort af (1)
  2027-01-31 Fictieve Secretaris van Amstelveen (gemeentesecretaris van Amstelveen): de \
termijn eindigt, geen opvolger vastgelegd -> amctl benoem PERSOON gemeentesecretaris -g \
amstelveen -D 2027-02-01

Open zetels (1)
  Regiegroep (regiegroep)
    wethouder (aanvullend lid): niet ingevuld (leden bij naam) -> amctl lid-erbij regiegroep \
PERSOON --functie wethouder -g GEMEENTE -D DATUM

Portefeuilles zonder houder (1)
  De Ronde Venen
    geen wethouder met de portefeuille Economie; open in Portefeuillehoudersoverleg Economie \
-> amctl benoem PERSOON wethouder -g de-ronde-venen -p economie -D DATUM

Vergaderingen en voorzitterschap (2)
  Plenair overleg (plenair-overleg)
    in 2026 is 1 vergadering vastgelegd of gepland, minder dan het ritme van 2 x per jaar -> \
amctl vergadering-erbij plenair-overleg -D DATUM -g GEMEENTE
  Secretarissenoverleg (secretarissenoverleg)
    de volgende voorzittersbeurt begint op 2027-01-01: gemeentesecretaris van Aalsmeer volgens \
het rooster -> amctl voorzitter-beurt secretarissenoverleg aalsmeer -D 2027-01-01

Personen zonder functie (1)
  Fictief Daan Distelvink (fictief-daan-distelvink): geen functie meer sinds 2026-11-01 -> \
amctl benoem fictief-daan-distelvink FUNCTIE -g GEMEENTE -D DATUM, of haal de persoon uit het \
bestand
"""


def test_signalen_after_the_story(gespeeld):
    """What is left to do on 2026-12-08: the secretaris of Amstelveen has no successor, the
    regiegroep's aanvullend lid was never named, De Ronde Venen has nobody for economie since
    Distelvink left (who now holds no post), the spring meeting was not recorded, and Diemen's
    year in the chair ends: Aalsmeer, first in file order of those who never chaired, is next.
    The old colleges left more than 90 days ago: history, not a task."""
    uitkomst = _vraag(gespeeld, "signalen", "-d", PEILDATUM)
    assert uitkomst == f"Bestand: {gespeeld.pad}\n" + SIGNALEN


def _verschil(gespeeld, stap: int) -> str:
    """`amctl verschil` between the file before and after a step, with short labels."""
    from typer.testing import CliRunner

    oud, nieuw = gespeeld.versies[stap - 1], gespeeld.versies[stap]
    uitkomst = CliRunner().invoke(
        app, ["verschil", oud.name, nieuw.name, "-f", str(nieuw)], catch_exceptions=False
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    return uitkomst.stdout


def test_verschil_of_the_waarnemend_burgemeester(gespeeld, monkeypatch):
    monkeypatch.chdir(gespeeld.pad.parent)
    stap = _stap("benoem", "Fictieve Waarnemer van Ouder-Amstel")
    assert _verschil(gespeeld, stap) == _kop(stap) + (
        "Bezetting van functies\n"
        "  burgemeester van Ouder-Amstel: Fictieve Burgemeester van Ouder-Amstel -> Fictieve "
        "Waarnemer van Ouder-Amstel (waarnemend) per 2026-07-01\n"
        "    zit ambtshalve in: Plenair overleg, Regiegroep\n"
        "\n"
        "Personen\n"
        "  Fictieve Waarnemer van Ouder-Amstel (fictieve-waarnemer-van-ouder-amstel): "
        "toegevoegd\n"
    )


def test_the_regiegroep_says_who_is_waarnemend(gespeeld):
    gegevens = json.loads(_vraag(gespeeld, "wie-zit-in", "regiegroep", "-d", PEILDATUM, "--json"))
    waarnemend = [
        (z["functie_naam"], z["waarnemend"]) for z in gegevens["leden"] if z["waarnemend"]
    ]
    assert waarnemend == [("burgemeester van Ouder-Amstel (waarnemend)", True)]
    assert _zetels(gespeeld, "regiegroep", "2026-06-30")[5] == (
        "ouder-amstel",
        "Fictieve Burgemeester van Ouder-Amstel",
        "2020-01-01",
    )


def test_the_chair_of_the_secretarissenoverleg_follows_the_turn(gespeeld):
    gegevens = json.loads(
        _vraag(gespeeld, "wie-zit-in", "secretarissenoverleg", "-d", PEILDATUM, "--json")
    )
    assert [
        (z["gemeente"], z["persoon"]) for z in gegevens["leden"] if z["rol"] == "voorzitter"
    ] == [("diemen", "Fictieve Secretaris van Diemen")]


def _kop(stap: int) -> str:
    return f"Bestuurlijke verschillen: na-stap-{stap}.yaml -> na-stap-{stap + 1}.yaml\n\n"


def test_verschil_of_the_two_portfolio_moves(gespeeld, monkeypatch):
    monkeypatch.chdir(gespeeld.pad.parent)
    aalsmeer = _stap("portefeuille-erbij", wethouder("aalsmeer", "A"))
    assert _verschil(gespeeld, aalsmeer) == _kop(aalsmeer) + (
        "Portefeuilles\n"
        "  Portefeuillehoudersoverleg Economie, Aalsmeer: Fictief Daan Dennenveld -> Fictief "
        "Anna Appelboom per 2026-10-01\n"
    )
    haarlemmermeer = _stap("portefeuille-erbij", wethouder("haarlemmermeer", "D"))
    assert _verschil(gespeeld, haarlemmermeer) == _kop(haarlemmermeer) + (
        "Portefeuilles\n"
        "  Portefeuillehoudersoverleg Verkeer en Vervoer, Haarlemmermeer: Fictief Eva Engelwortel "
        "-> Fictief Daan Dragon per 2026-12-01\n"
    )


def test_verschil_of_the_new_college_of_diemen(gespeeld, monkeypatch):
    """A and C leave, B stays and swaps economie and ruimte for wonen, D and E are new: each
    newcomer sits ex officio only in the PHO of his own portfolio."""
    monkeypatch.chdir(gespeeld.pad.parent)
    stap = _stap("importeer", str(BLADEN / "college-2026-diemen.csv"))
    pho = "  Portefeuillehoudersoverleg"
    assert _verschil(gespeeld, stap) == _kop(stap) + (
        "Bezetting van functies\n"
        "  wethouder van Diemen: Fictief Anna Amethist -> Fictief Daan Diamant per 2026-04-16\n"
        "    zit ambtshalve in: Plenair overleg, Portefeuillehoudersoverleg Economie\n"
        "  wethouder van Diemen: Fictief Cato Chalcedoon -> Fictief Eva Esmerald per 2026-04-16\n"
        "    zit ambtshalve in: Plenair overleg, Portefeuillehoudersoverleg Verkeer en Vervoer\n"
        "\n"
        "Portefeuilles\n"
        f"{pho} Verkeer en Vervoer, Diemen: Fictief Cato Chalcedoon -> Fictief Eva Esmerald per "
        "2026-04-16\n"
        f"{pho} Wonen, Diemen: Fictief Anna Amethist -> Fictief Bram Barnsteen per 2026-04-16\n"
        f"{pho} Economie, Diemen: Fictief Bram Barnsteen -> Fictief Daan Diamant per 2026-04-16\n"
        f"{pho} Ruimte, Diemen: Fictief Bram Barnsteen stopt per 2026-04-16 (laatste dag "
        "2026-04-15)\n"
        f"{pho} Duurzaamheid, Diemen: Fictief Cato Chalcedoon stopt per 2026-04-16 (laatste dag "
        "2026-04-15)\n"
        "\n"
        "Personen\n"
        "  Fictief Daan Diamant (fictief-daan-diamant): toegevoegd\n"
        "  Fictief Eva Esmerald (fictief-eva-esmerald): toegevoegd\n"
    )
