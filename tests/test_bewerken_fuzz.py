"""Fuzz what was not fuzzed: the edit commands, diff, geschiedenis, rooster and agenda on
generated valid files written in every layout YAML allows (block, flow, quoted, empty,
comment-heavy, block scalars), never twice the same.

For an edit: no exit 3, the result validates or nothing was written, and the data changes
only where the edit says. For the reading commands: exit 0, 1 or 2, never a traceback.
The ci profile keeps this modest; HYPOTHESIS_PROFILE=lang runs 10,000 examples each."""

from __future__ import annotations

import copy
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategieen import SnelleRunner, opmaak

from amctl.bestand import OMGEVINGSVARIABELE
from amctl.cli import app
from amctl.controle import controleer_tekst
from amctl.laden import laad_tekst

DAG = date(2026, 1, 1)

# --- the data: fixed ids, a shape that varies -----------------------------------------------


@st.composite
def gegevens(draw: st.DrawFn) -> dict:
    personen: dict = {}
    if draw(st.booleans()):
        personen["p-a"] = {
            "naam": "Fictief A",
            "functies": [
                {"functie": "burgemeester", "gemeente": "noord", "vanaf": date(2020, 1, 1)}
            ],
        }
    lid_b = draw(st.booleans())
    if lid_b or draw(st.booleans()):
        personen["p-b"] = {
            "naam": draw(
                st.sampled_from(
                    ["Fictief B", "Fictief: B", "B # b", "Fictief\u2028B", "Fictief\nB"]
                )
            ),
            "functies": [{"functie": "raadslid", "gemeente": "noord", "vanaf": date(2020, 1, 1)}],
        }
    if draw(st.booleans()):
        personen["p-c"] = {"naam": "Fictief C", "functies": draw(st.sampled_from([None, []]))}
    status = draw(
        st.sampled_from(
            [
                "weg",
                None,
                "actief",
                ["actief"],
                [{"waarde": "actief", "vanaf": date(2019, 1, 1)}],
                [{"waarde": "in-overweging", "tot-en-met": date(2020, 12, 31)}, "actief"],
            ]
        )
    )
    overleg: dict = {"naam": "Overleg", "soort": "overleg"}
    if status != "weg":
        overleg["status"] = status
    if draw(st.booleans()):
        overleg["vergaderritme"] = [
            {
                "per-jaar": draw(st.integers(1, 4)),
                "locatie": draw(st.sampled_from(["wisselend", "vast"])),
            }
        ]
    if draw(st.booleans()):
        overleg["vergaderingen"] = [{"datum": date(2025, 3, 1), "gemeente": "zuid"}]
    platform: dict = {
        "naam": "Platform",
        "soort": "platform",
        "samenstelling": [{"functie": "raadslid", "aantal": 2, "wijze": "benoemd"}],
    }
    leden = draw(st.sampled_from(["weg", None, [], "b"]))
    if leden == "b" and "p-b" in personen and lid_b:
        platform["leden"] = [
            {
                "persoon": "p-b",
                "functie": "raadslid",
                "gemeente": "noord",
                "vanaf": date(2021, 1, 1),
            }
        ]
    elif leden != "weg" and leden != "b":
        platform["leden"] = leden
    data = {
        "versie": 1,
        "gemeenten": {"noord": {"naam": "Noord"}, "zuid": {"naam": "Zuid"}},
        "soorten": {"overleg": {"naam": "overleg"}, "platform": {"naam": "platform"}},
        "functies": {
            "burgemeester": {"naam": "burgemeester", "per-gemeente": True, "zetels": 1},
            "raadslid": {"naam": "raadslid", "per-gemeente": True},
        },
        "personen": personen if personen or draw(st.booleans()) else None,
        "organen": {"overleg": overleg, "platform": platform},
    }
    if data["personen"] is None and draw(st.booleans()):
        del data["personen"]
    return data


@st.composite
def geldig_bestand(draw: st.DrawFn) -> tuple[dict, str]:
    data = draw(gegevens())
    tekst = draw(opmaak(data))
    uitslag = controleer_tekst(tekst, "fuzz.yaml")
    assume(not uitslag.fouten)
    return data, tekst


# --- the edits ------------------------------------------------------------------------------

BEWERKINGEN = {
    # name: (arguments, the data paths the edit may change)
    "benoem-nieuw": (
        ["benoem", "Nieuw Persoon", "raadslid", "-g", "zuid"],
        [("personen", "nieuw-persoon")],
    ),
    "benoem-bestaand": (
        ["benoem", "p-b", "burgemeester", "-g", "zuid"],
        [("personen", "p-b", "functies")],
    ),
    "benoem-leeg": (["benoem", "p-c", "raadslid", "-g", "zuid"], [("personen", "p-c", "functies")]),
    "ontsla": (
        ["ontsla", "p-b", "raadslid", "-g", "noord"],
        [("personen", "p-b", "functies"), ("organen", "platform", "leden")],
    ),
    "lid-erbij": (
        ["lid-erbij", "platform", "p-b", "--functie", "raadslid", "-g", "noord"],
        [("organen", "platform", "leden")],
    ),
    "lid-eraf": (["lid-eraf", "platform", "p-b"], [("organen", "platform", "leden")]),
    "zet-status": (
        ["zet-status", "overleg", "opgeheven"],
        [("organen", "overleg", "status")],
    ),
}


def _kan(naam: str, data: dict) -> bool:
    """Whether the edit applies to this data (else it is refused with exit 2)."""
    personen = data.get("personen") or {}
    leden = data["organen"]["platform"].get("leden") or []
    nodig = {
        "benoem-bestaand": "p-b" in personen,
        "benoem-leeg": "p-c" in personen,
        "ontsla": "p-b" in personen,
        "lid-erbij": "p-b" in personen,
        "lid-eraf": any(lid["persoon"] == "p-b" for lid in leden),
    }
    return nodig.get(naam, True)


def _zonder(data: object, paden: list[tuple]) -> object:
    kopie = copy.deepcopy(_kaal(data))
    for pad in paden:
        doel = kopie
        for stap in pad[:-1]:
            doel = doel.get(stap) if isinstance(doel, dict) else None
        if isinstance(doel, dict):
            doel.pop(pad[-1], None)
    if isinstance(kopie, dict) and kopie.get("personen") in (None, {}):
        kopie.pop("personen", None)  # 'personen: {}' may be added for a new person
    return kopie


def _kaal(waarde: object) -> object:
    if isinstance(waarde, dict):
        return {k: _kaal(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_kaal(v) for v in waarde]
    return waarde


def _schoon_runner(bestand: Path, argumenten: list[str]):
    return SnelleRunner().invoke(
        app, [*argumenten, "-f", str(bestand)], env={OMGEVINGSVARIABELE: None}
    )


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(bestand=geldig_bestand(), naam=st.sampled_from(sorted(BEWERKINGEN)), droog=st.booleans())
def test_an_edit_on_any_valid_layout_writes_a_valid_file_that_changes_only_what_it_says(
    bestand, naam, droog
):
    data, tekst = bestand
    argumenten, paden = BEWERKINGEN[naam]
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "organisatie.yaml"
        pad.write_bytes(tekst.encode("utf-8"))
        resultaat = _schoon_runner(
            pad, [*argumenten, "-D", DAG.isoformat(), *(["--droog"] if droog else [])]
        )
        na = pad.read_bytes().decode("utf-8")
    uitvoer = resultaat.stdout + resultaat.stderr
    assert "Traceback" not in uitvoer and "interne fout" not in uitvoer, (uitvoer, tekst)
    assert resultaat.exit_code == (0 if _kan(naam, data) else 2), (uitvoer, tekst)
    if resultaat.exit_code or droog:
        assert na == tekst, "niets geschreven"
        return
    uitslag = controleer_tekst(na, "na.yaml")
    assert not uitslag.fouten, (uitslag.fouten, tekst, na)
    oud = laad_tekst(tekst, "voor.yaml").data
    nieuw = laad_tekst(na, "na.yaml").data
    assert _zonder(nieuw, paden) == _zonder(oud, paden), (tekst, na)
    if na != tekst:
        _controleer_bedoeling(naam, uitslag.organisatie)


def _controleer_bedoeling(naam: str, org) -> None:
    """The edit did what it says, read back through the model."""
    from amctl.model import geldig_op

    if naam == "zet-status":
        assert org.organen["overleg"].status_op(DAG) == "opgeheven"
    elif naam.startswith("benoem"):
        persoon = {"benoem-nieuw": "nieuw-persoon", "benoem-bestaand": "p-b"}.get(naam, "p-c")
        assert any(
            geldig_op(b, DAG) for b in org.personen[persoon].functies if b.gemeente == "zuid"
        )
    elif naam == "ontsla":
        assert not any(geldig_op(b, DAG) for b in org.personen["p-b"].functies)
    elif naam == "lid-erbij":
        assert any(
            lid.persoon == "p-b" and geldig_op(lid, DAG) for lid in org.organen["platform"].leden
        )
    elif naam == "lid-eraf":
        assert not any(
            lid.persoon == "p-b" and geldig_op(lid, DAG) for lid in org.organen["platform"].leden
        )


# --- the reading commands -------------------------------------------------------------------

LEZEN = [
    ["geschiedenis", "overleg"],
    ["geschiedenis", "p-b"],
    ["geschiedenis", "noord"],
    ["rooster", "overleg", "-d", "2026-01-01"],
    ["agenda", "-d", "2026-01-01"],
    ["agenda", "overleg", "platform", "-d", "2026-01-01"],
    ["diff", "{ander}"],
]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(bestand=geldig_bestand(), ander=geldig_bestand(), argumenten=st.sampled_from(LEZEN))
def test_reading_commands_answer_every_valid_layout(bestand, ander, argumenten):
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "organisatie.yaml"
        pad.write_bytes(bestand[1].encode("utf-8"))
        ander_pad = Path(map_) / "ander.yaml"
        ander_pad.write_bytes(ander[1].encode("utf-8"))
        resultaat = _schoon_runner(pad, [a.replace("{ander}", str(ander_pad)) for a in argumenten])
    uitvoer = resultaat.stdout + resultaat.stderr
    assert resultaat.exit_code in (0, 1, 2), (resultaat.exit_code, uitvoer, bestand[1])
    assert "Traceback" not in uitvoer and "interne fout" not in uitvoer, (uitvoer, bestand[1])
    if argumenten[0] == "diff":
        assert resultaat.exit_code == 0, uitvoer


# --- the layouts that crashed, by name ------------------------------------------------------

VOOR = Path(__file__).parent / "fixtures" / "verschil" / "voor.yaml"
LIDMAATSCHAP = (
    "      - {persoon: fictief-r1, functie: raadslid, gemeente: diemen, vanaf: 2022-05-01}\n"
)
FUNCTIES_C = "      - {functie: burgemeester, gemeente: aalsmeer, vanaf: 2018-01-01}\n"
R2 = "      - {functie: raadslid, gemeente: diemen, vanaf: 2022-03-30}\n"
LAYOUTS = {
    "status als blokwaarde": (
        ("    status: actief\n", "    status: >-\n      actief\n"),
        ["zet-status", "werkoverleg", "opgeheven"],
    ),
    "lege status": (
        ("    status: actief\n", "    status:\n"),
        ["zet-status", "werkoverleg", "opgeheven"],
    ),
    "lege leden": (
        ("    leden:\n" + LIDMAATSCHAP, "    leden:\n"),
        ["lid-erbij", "raadsplatform", "fictief-r2"],
    ),
    "lege functies": (
        ("    functies:\n" + FUNCTIES_C, "    functies:\n"),
        ["benoem", "fictief-c", "raadslid", "-g", "diemen"],
    ),
    "U+2028 in een naam tussen aanhalingstekens": (
        ("    naam: Fictief Raadslid 2\n", "    naam: 'Fictief\u2028Raadslid 2'\n"),
        ["benoem", "Nieuw Persoon", "raadslid", "-g", "diemen"],
    ),
    "tekst tussen aanhalingstekens over twee regels, de tweede aan de kantlijn": (
        ("    naam: Fictief Raadslid 2\n", "    naam: 'Fictief\nRaadslid 2'\n"),
        ["benoem", "Nieuw Persoon", "raadslid", "-g", "diemen"],
    ),
    "een flow-lijst over twee regels, de tweede aan de kantlijn": (
        (
            "    functies:\n" + R2 + "\norganen:",
            "    functies: [{functie: raadslid, gemeente: diemen,\nvanaf: 2022-03-30}]\n\norganen:",
        ),
        ["benoem", "Nieuw Persoon", "raadslid", "-g", "diemen"],
    ),
    "|+ aan het eind van een sectie": (
        (R2 + "\norganen:", R2 + "    toelichting: |+\n      tekst\n\n\norganen:"),
        ["benoem", "Nieuw Persoon", "raadslid", "-g", "diemen"],
    ),
}


@pytest.mark.parametrize("naam", LAYOUTS)
def test_an_edit_of_a_valid_layout_that_crashed_before(tmp_path, naam):
    (oud, nieuw), argumenten = LAYOUTS[naam]
    tekst = VOOR.read_text(encoding="utf-8")
    assert oud in tekst
    tekst = tekst.replace(oud, nieuw, 1)
    assert not controleer_tekst(tekst, "voor.yaml").fouten
    pad = tmp_path / "organisatie.yaml"
    pad.write_text(tekst, encoding="utf-8")
    resultaat = _schoon_runner(pad, [*argumenten, "-D", DAG.isoformat()])
    assert resultaat.exit_code == 0, resultaat.stderr
    na = pad.read_text(encoding="utf-8")
    assert not controleer_tekst(na, "na.yaml").fouten
    assert na.startswith(tekst[: tekst.index(nieuw)])  # nothing before the edit changed


@pytest.mark.parametrize("leeg", ["", " ~", " null", " {}"])
def test_a_new_person_in_a_file_whose_personen_section_is_empty(tmp_path, leeg):
    """Found by the long fuzz run: 'personen: ~' and a new person gave exit 3."""
    pad = tmp_path / "organisatie.yaml"
    pad.write_text(
        "versie: 1\n"
        "gemeenten: {noord: {naam: Noord}, zuid: {naam: Zuid}}\n"
        "soorten: {overleg: {naam: overleg}}\n"
        "functies: {raadslid: {naam: raadslid, per-gemeente: true}}\n"
        f"personen:{leeg}\n"
        "organen: {overleg: {naam: Overleg, soort: overleg}}\n",
        encoding="utf-8",
    )
    resultaat = _schoon_runner(pad, ["benoem", "Nieuw Persoon", "raadslid", "-g", "zuid"])
    assert resultaat.exit_code == 0, resultaat.stderr
    uitslag = controleer_tekst(pad.read_text(encoding="utf-8"), "na.yaml")
    assert not uitslag.fouten and "nieuw-persoon" in uitslag.organisatie.personen
