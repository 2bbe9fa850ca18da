"""80 columns: on a terminal every table and list fits, an id or a word is never broken (a
table too wide for whole words becomes one record per row); piped, each record is one line."""

from __future__ import annotations

import re

import pytest

from amctl.cli import app
from amctl.regels import alle_regels

ANSI = re.compile(r"\x1b\[[0-9;]*m")
PEILDATUM = "2026-06-01"
VRAGEN = [
    ["organen"],
    ["wie-zit-in", "regiegroep"],
    ["waar-zit", "diemen"],
    ["toon", "plenair-overleg"],
    ["boom"],
    ["rooster", "plenair-overleg"],
    ["geschiedenis", "regiegroep"],
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
def test_every_line_fits_80_columns_on_a_terminal(runner, gedeeld_bestand, args):
    bestand = [] if args == ["regels"] else ["-f", str(gedeeld_bestand), "-d", PEILDATUM]
    if args[0] == "geschiedenis":
        bestand = ["-f", str(gedeeld_bestand)]
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
    einde = next((i for i, r in enumerate(rest) if r.startswith("Opgeheven")), len(rest))
    legenda = rest[:einde]  # the marks of derived or assumed facts, explained
    assert legenda and all(r[:2] in ("* ", "~ ") for r in legenda)
    # then the dissolved bodies, apart (as in tree and on the site), one per line
    assert rest[einde : einde + 1] == [f"Opgeheven voor {PEILDATUM}"]


def test_piped_each_rule_is_one_line(runner):
    regels = _doorgesluisd(runner, ["regels"]).splitlines()

    assert [r.split()[0] for r in regels[1:]] == [r.code for r in alle_regels()]


def _organen_json(runner, bestand) -> list[dict]:
    import json

    uit = runner.invoke(app, ["organen", "--json", "-f", str(bestand), "-d", PEILDATUM])
    return json.loads(uit.stdout)["organen"]
