"""80 columns: on a terminal every table and list fits, an id or a word is never broken (a
table too wide for whole words becomes one record per row, a long line wraps at words with a
hanging indent); piped, each record is one line (editors and CI parse `file:line:col: CODE`)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from amctl.cli import app
from amctl.regels import alle_regels

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FIXTURES = Path(__file__).parent / "fixtures"
TERMINAL = {"COLUMNS": "80", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
PEILDATUM = "2026-06-01"
VRAGEN = [
    ["organen"],
    ["wie-zit-in", "regiegroep"],
    ["waar-zit", "diemen"],
    ["toon", "plenair-overleg"],
    ["boom"],
    ["rooster", "plenair-overleg"],
    ["geschiedenis", "regiegroep"],
    ["signalen"],
]


def _terminal(runner, args: list[str], breedte: int = 80) -> str:
    resultaat = runner.invoke(
        app, args, env={"COLUMNS": str(breedte), "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
    )
    assert resultaat.exit_code == 0, resultaat.output
    return ANSI.sub("", resultaat.stdout)


def _doorgesluisd(runner, args: list[str]) -> str:
    resultaat = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert resultaat.exit_code == 0, resultaat.output
    return resultaat.stdout


@pytest.mark.parametrize("args", [*VRAGEN, ["regels"]], ids=lambda a: " ".join(a))
def test_every_line_fits_80_columns_on_a_terminal(runner, gedeeld_bestand, args, monkeypatch):
    # The file is given from its own folder: a path that names it is never broken, and the
    # repository may be cloned at a path longer than a line.
    monkeypatch.chdir(gedeeld_bestand.parent)
    bestand = [] if args == ["regels"] else ["-f", gedeeld_bestand.name, "-d", PEILDATUM]
    if args[0] == "geschiedenis":
        bestand = ["-f", gedeeld_bestand.name]
    tekst = _terminal(runner, [*args, *bestand])

    te_lang = [regel for regel in tekst.splitlines() if len(regel) > 80]
    assert te_lang == []


def test_no_id_is_broken_in_the_table_of_bodies(runner, gedeeld_bestand):
    tekst = _terminal(runner, ["organen", "-f", str(gedeeld_bestand), "-d", PEILDATUM])
    woorden = set(tekst.split())

    ids = [o["id"] for o in _organen_json(runner, gedeeld_bestand)]
    assert [i for i in ids if i not in woorden] == []


def test_no_rule_code_or_name_is_broken(runner):
    woorden = set(_terminal(runner, ["regels"]).split())

    for regel in alle_regels():
        assert regel.code in woorden and regel.naam in woorden, regel.code


def test_a_narrow_table_stays_a_table(runner, gedeeld_bestand):
    tekst = _terminal(runner, ["wie-zit-in", "regiegroep", "-f", str(gedeeld_bestand)])

    assert re.search(r"^functie +gemeente +persoon +rol +sinds", tekst, re.MULTILINE)


def test_piped_each_body_is_one_line(runner, gedeeld_bestand):
    tekst = _doorgesluisd(runner, ["organen", "-f", str(gedeeld_bestand), "-d", PEILDATUM])
    ids = [o["id"] for o in _organen_json(runner, gedeeld_bestand)]

    regels = tekst.splitlines()[1:]  # after the line that names the file
    assert regels[0].split()[0] == "id"
    assert [r.split()[0] for r in regels[1 : 1 + len(ids)]] == ids
    rest = regels[1 + len(ids) :]
    # then the dissolved bodies, apart (as in tree and on the site), one per line
    assert rest[0] == f"Opgeheven voor {PEILDATUM}"
    weg = [r for r in rest[1:] if r.startswith(("├── ", "└── "))]
    assert len(weg) == 3
    legenda = rest[1 + len(weg) :]  # the marks of derived or assumed facts, explained
    assert legenda and all(r[:2] in ("* ", "~ ") for r in legenda)


def test_piped_each_rule_is_one_line(runner):
    regels = _doorgesluisd(runner, ["regels"]).splitlines()

    assert [r.split()[0] for r in regels[1:]] == [r.code for r in alle_regels()]


def _organen_json(runner, bestand) -> list[dict]:
    uit = runner.invoke(app, ["organen", "--json", "-f", str(bestand), "-d", PEILDATUM])
    return json.loads(uit.stdout)["organen"]


# --- long lines of text: problems, changes, rule pages, messages ------------------------------


@pytest.fixture
def werkmap(tmp_path, monkeypatch, gedeeld_bestand) -> Path:
    """A folder to work in, with files under short relative names: the lines then depend on
    amctl's words, not on where the test happens to run."""
    shutil.copy(gedeeld_bestand, tmp_path / "organisatie.yaml")
    shutil.copy(FIXTURES / "voorbeeld-fouten.yaml", tmp_path / "fouten.yaml")
    shutil.copy(FIXTURES / "verschil" / "voor.yaml", tmp_path / "voor.yaml")
    shutil.copy(FIXTURES / "verschil" / "na.yaml", tmp_path / "na.yaml")
    (tmp_path / "blad.csv").write_text(
        "naam;functie;gemeente;vanaf;orgaan\n"
        "Fictief Nieuw Lid;burgemeestr;diemn;2026-13-01;regiegroepp\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _beide(runner, args: list[str], exit_code: int) -> tuple[str, str]:
    """What a command writes (stdout and stderr together) on an 80-column terminal, and piped."""
    terminal = runner.invoke(app, args, env=TERMINAL)
    doorgesluisd = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert (terminal.exit_code, doorgesluisd.exit_code) == (exit_code, exit_code), terminal.output
    return (
        ANSI.sub("", terminal.stdout + terminal.stderr),
        doorgesluisd.stdout + doorgesluisd.stderr,
    )


def _te_lang(tekst: str) -> list[str]:
    return [regel for regel in tekst.splitlines() if len(regel) > 80]


def _past_en_breekt_niets(terminal: str, doorgesluisd: str) -> None:
    """Every line fits on the terminal; wrapping changed only where lines break: the same
    words, none split (and the piped text did have lines to wrap, or the test shows nothing)."""
    assert _te_lang(terminal) == []
    assert terminal.split() == doorgesluisd.split()
    assert _te_lang(doorgesluisd)


def test_problems_wrap_on_a_terminal_beneath_their_place_and_code(runner, werkmap):
    terminal, doorgesluisd = _beide(runner, ["controleer", "fouten.yaml"], 1)

    _past_en_breekt_niets(terminal, doorgesluisd)
    eerste = terminal.splitlines()[0]
    assert re.match(r"fouten\.yaml:\d+:\d+: AM\d{3} \S", eerste)
    assert terminal.splitlines()[1].startswith("    ")  # the message goes on, indented


def test_piped_each_problem_is_one_line_for_editors_and_ci(runner, werkmap):
    piped = runner.invoke(app, ["controleer", "fouten.yaml"], env={"COLUMNS": "80"}).stdout
    problemen = json.loads(runner.invoke(app, ["controleer", "--json", "fouten.yaml"]).stdout)

    regels = piped.splitlines()[: len(problemen)]
    assert [re.match(r"(\S+):(\d+):(\d+): (AM\d{3}) ", r).groups() for r in regels] == [
        (p["bestand"], str(p["regel"]), str(p["kolom"]), p["code"]) for p in problemen
    ]
    assert piped.splitlines()[len(problemen)].startswith("Ongeldig: 3 fouten")


def test_changes_wrap_on_a_terminal_and_are_one_line_each_piped(runner, werkmap):
    terminal, doorgesluisd = _beide(runner, ["verschil", "voor.yaml", "na.yaml"], 0)
    wijzigingen = json.loads(
        runner.invoke(app, ["verschil", "--json", "voor.yaml", "na.yaml"]).stdout
    )["wijzigingen"]

    _past_en_breekt_niets(terminal, doorgesluisd)
    regels = [r for r in doorgesluisd.splitlines() if r.startswith("  ") and r[2] != " "]
    assert len(regels) == len(wijzigingen)


@pytest.mark.parametrize("code", [r.code for r in alle_regels()])
def test_the_page_of_every_rule_fits_80_columns_examples_included(runner, code):
    """The examples are YAML, shown as they are (wrapping would change their meaning): each
    is written to fit, and this fails on an example line too wide for the page."""
    terminal, doorgesluisd = _beide(runner, ["regels", code], 0)

    assert _te_lang(terminal) == []
    assert _te_lang(doorgesluisd) == []
    assert terminal.split() == doorgesluisd.split()


BERICHTEN = {
    "agenda": (["agenda", "-f", "organisatie.yaml", "-d", PEILDATUM, "--uit", "a.ics"], 0),
    "importeer": (["importeer", "blad.csv", "-f", "organisatie.yaml"], 1),
    "rooster": (["rooster", "regiegroep", "-f", "organisatie.yaml"], 2),
    "benoem": (["benoem", "fictief-x", "burgemeester", "-f", "organisatie.yaml"], 2),
}


@pytest.mark.parametrize("args,exit_code", BERICHTEN.values(), ids=BERICHTEN.keys())
def test_messages_wrap_on_a_terminal_and_are_one_line_each_piped(runner, werkmap, args, exit_code):
    terminal, doorgesluisd = _beide(runner, args, exit_code)

    _past_en_breekt_niets(terminal, doorgesluisd)


@pytest.mark.parametrize(
    "args",
    [
        ["overzicht", "--uit", "site", "-d", PEILDATUM],
        ["benoem", "Fictief Nieuw", "burgemeester", "-g", "diemen", "-D", "2026-05-01"],
        ["ontsla", "fictief-nieuw", "burgemeester", "-g", "diemen", "-D", "2026-06-01"],
        ["vergadering-erbij", "plenair-overleg", "--datum", "2026-05-01"],
        ["zet-status", "regiegroep", "opgeheven", "-D", "2026-07-01"],
    ],
    ids=lambda a: a[0],
)
def test_every_other_command_writes_lines_that_fit_80_columns(runner, werkmap, args):
    """What an edit or a publication tells its user (not the file it writes, nor a diff of
    the data file: those are the data as they are). `exporteer --uit` says nothing."""
    if args[0] == "ontsla":
        benoem = ["benoem", "Fictief Nieuw", "burgemeester", "-g", "diemen", "-D", "2026-05-01"]
        assert runner.invoke(app, [*benoem, "-f", "organisatie.yaml"]).exit_code == 0
    resultaat = runner.invoke(app, [*args, "-f", "organisatie.yaml"], env=TERMINAL)

    assert resultaat.exit_code == 0, resultaat.output
    tekst = ANSI.sub("", resultaat.stdout + resultaat.stderr)
    assert tekst.strip()
    assert _te_lang(tekst) == []


def test_in_colour_a_wrapped_problem_keeps_its_place_and_code_marked():
    """On a colour terminal the place is grey and the code red, also when the message wraps."""
    from amctl.probleem import Ernst, Plek, Probleem
    from amctl.weergave.problemen import als_tekst

    melding = (
        "De waarde is te lang voor een smalle terminal, dus loopt ze door op de regels eronder."
    )
    probleem = Probleem("map/organisatie.yaml", Plek(12, 5), "AM105", Ernst.FOUT, melding)

    kleur = als_tekst([probleem], kleur=True, breedte=40)
    zonder = als_tekst([probleem], breedte=40)

    assert ANSI.sub("", kleur) == zonder
    assert kleur.startswith("\x1b[2mmap/organisatie.yaml:12:5:\x1b[0m \x1b[31mAM105\x1b[0m ")
    assert [len(r) for r in zonder.splitlines() if len(r) > 40] == []
    assert len(zonder.splitlines()) > 1
