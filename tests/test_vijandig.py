"""Property tests: whatever a file holds, amctl answers with a clean message and a fixed exit
status, never a traceback, and every problem points inside the file.

The number of examples comes from the Hypothesis profile (tests/conftest.py): 'ci' by
default, HYPOTHESIS_PROFILE=lang for a long local run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import event, given
from hypothesis import strategies as st
from strategieen import (
    BRONNEN,
    SnelleRunner,
    aantal_regels,
    dump,
    mutatie_van_gedeeld,
    ruwe_tekst,
    schemadata,
    schemadocument,
)

from amctl.cli import app
from amctl.controle import Uitslag, controleer_bestand, controleer_tekst

RUNNER = SnelleRunner()
PEILDATUM = "2026-01-01"


def geen_traceback(resultaat) -> None:
    """The command ended through its own exit, not through an exception."""
    uitzondering = resultaat.exception
    assert uitzondering is None or isinstance(uitzondering, SystemExit), repr(uitzondering)
    uitvoer = resultaat.stdout + resultaat.stderr
    assert "Traceback" not in uitvoer
    assert "interne fout" not in uitvoer
    assert resultaat.exit_code != 3


def plekken_in_het_bestand(tekst: str, uitslag: Uitslag) -> None:
    hoogste = aantal_regels(tekst) + 1
    for probleem in uitslag.problemen:
        assert 1 <= probleem.regel <= hoogste, probleem
        assert probleem.kolom >= 1, probleem


def valideer(ruw: bytes) -> Uitslag:
    """`amctl validate` in-process on the bytes as a file: exit 0 or 1, matching the
    problems; every problem inside the file. Returns the problems."""
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "organisatie.yaml"
        pad.write_bytes(ruw)
        uitslag = controleer_bestand(pad)
        resultaat = RUNNER.invoke(app, ["validate", "--formaat", "json", str(pad)])
    geen_traceback(resultaat)
    assert resultaat.exit_code == (1 if uitslag.fouten else 0), resultaat.stderr
    plekken_in_het_bestand(ruw.decode("utf-8", "replace"), uitslag)
    return uitslag


def tel(uitslag: Uitslag) -> None:
    """What the examples found, for --hypothesis-show-statistics."""
    event("ongeldig" if uitslag.fouten else "geldig")
    for code in sorted({p.code for p in uitslag.problemen}):
        event(code)


# --- validate ---------------------------------------------------------------------------------


@given(schemadocument())
def test_validate_on_schema_shaped_documents(tekst):
    uitslag = controleer_tekst(tekst)
    plekken_in_het_bestand(tekst, uitslag)
    tel(valideer(tekst.encode("utf-8")))


@given(ruwe_tekst())
def test_validate_on_raw_text(tekst):
    plekken_in_het_bestand(tekst, controleer_tekst(tekst))
    tel(valideer(tekst.encode("utf-8", "surrogatepass")))


@given(st.binary(max_size=200))
def test_validate_on_raw_bytes(ruw):
    tel(valideer(ruw))


@given(mutatie_van_gedeeld())
def test_validate_on_mutations_of_the_shipped_file(mutatie):
    ruw, gedaan = mutatie
    for stap in gedaan:
        event(f"mutatie: {stap}")
    tel(valideer(ruw))


# --- the queries and views --------------------------------------------------------------------


def _eerste_orgaan(ruw: bytes) -> str:
    """A body to ask about: the first of the file, else one that does not exist."""
    uitslag = controleer_tekst(ruw.decode("utf-8", "replace"))
    organen = list(uitslag.organisatie.organen) if uitslag.organisatie else []
    return organen[0] if organen else "regiegroep"


def opdrachten(orgaan: str, uit: Path) -> list[list[str]]:
    return [
        ["wie-zit-in", orgaan],
        ["wie-zit-in", orgaan, "--json"],
        ["tree"],
        ["tree", "--json"],
        ["waar-zit", "diemen"],
        ["waar-zit", "burgemeester"],
        ["organen"],
        ["toon", orgaan],
        ["diagram", "--formaat", "mermaid"],
        ["diagram", "--formaat", "dot"],
        ["docs", "--uit", str(uit)],
    ]


def alle_opdrachten(ruw: bytes, tellen: bool = True) -> None:
    """Every query and view on the file: exit 1 with a clean message when the data is
    invalid; exit 0 when valid (2 only for a body or name the file does not have)."""
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "organisatie.yaml"
        pad.write_bytes(ruw)
        uitslag = controleer_bestand(pad)
        fouten = uitslag.fouten
        if tellen:
            tel(uitslag)
        for opdracht in opdrachten(_eerste_orgaan(ruw), Path(map_) / "site"):
            resultaat = RUNNER.invoke(app, [*opdracht, "-f", str(pad), "-d", PEILDATUM])
            geen_traceback(resultaat)
            if fouten:
                assert resultaat.exit_code == 1, (opdracht, resultaat.stderr)
                assert "daarom geeft amctl geen antwoord" in resultaat.stderr
                assert resultaat.stdout == ""
            elif resultaat.exit_code == 2:
                assert opdracht[0] in ("wie-zit-in", "toon", "waar-zit"), resultaat.stderr
                assert "Onbekend" in resultaat.stderr
            else:
                assert resultaat.exit_code == 0, (opdracht, resultaat.stderr)


@given(mutatie_van_gedeeld())
def test_every_command_on_mutations_of_the_shipped_file(mutatie):
    ruw, gedaan = mutatie
    for stap in gedaan:
        event(f"mutatie: {stap}")
    alle_opdrachten(ruw)


@given(schemadata())
def test_every_command_on_schema_shaped_documents(data):
    alle_opdrachten(dump(data).encode("utf-8"))


def test_the_mutation_sources_are_valid_files():
    """Guards the properties above: unchanged, both sources give exit 0 everywhere."""
    for ruw, _ in BRONNEN.values():
        assert valideer(ruw).fouten == []
        alle_opdrachten(ruw, tellen=False)


def test_a_second_team_with_the_same_posts_is_drawn_and_not_a_crash():
    """Found by the mutations above (a body copied under another id): the posts of the second
    team already stand in the first team's box, and an empty box has no node for its edges."""
    data = yaml.safe_load(BRONNEN["fictief.yaml"][0])
    data["organen"]["tweede-team"] = dict(data["organen"]["am-team"], naam="Tweede team")
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "organisatie.yaml"
        pad.write_text(dump(data), encoding="utf-8")
        for formaat in ("mermaid", "dot", "svg"):
            resultaat = RUNNER.invoke(app, ["diagram", "--formaat", formaat, "-f", str(pad)])
            geen_traceback(resultaat)
            assert resultaat.exit_code == 0, resultaat.stderr
