"""`--help` of every command is Dutch, names no Python type, fits the terminal, and breaks a
line only where the next word would not have fitted (never mid-sentence)."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
import typer.main

from amctl.cli import app
from amctl.kader import ALIASSEN

GROEP = typer.main.get_command(app)
OPDRACHTEN = sorted(GROEP.commands)  # the aliases too: their help must be as good
ENGELS = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Command|required|default|Show this message|Error|"
    r"Try|OPTIONS|COMMAND|ARGS|TEXT|INTEGER|BOOLEAN|FILENAME|DIRECTORY|Missing|Aborted)\b"
)
PYTHON = re.compile(
    r"<\w+>|\b(str|int|bool|float|Path|NoneType|list\[|int range)\b|x>=|x<=|\[x|\[default"
)


def _hulp(runner, *args: str, breedte: int = 80) -> str:
    resultaat = runner.invoke(app, list(args), env={"COLUMNS": str(breedte)})
    assert resultaat.exit_code == 0, resultaat.output
    assert not resultaat.stderr, resultaat.stderr
    return resultaat.stdout


def _tekstbegin(regel: str) -> int:
    """Where the running text of a line starts: after a list term and the gap behind it, or
    at the indentation."""
    inspring = len(regel) - len(regel.lstrip())
    term = re.match(r"\S.*?\S? {2,}(?=\S)", regel[inspring:])
    return inspring + term.end() if term else inspring


def _vervolgregels(tekst: str):
    """Pairs of lines where the second continues the first's text: it starts at the column
    where the first line's running text starts."""
    regels = tekst.splitlines()
    for eerste, tweede in pairwise(regels):
        if not eerste.strip() or not tweede.strip():
            continue
        if len(tweede) - len(tweede.lstrip()) == _tekstbegin(eerste):
            yield eerste, tweede


def _fouten(tekst: str, breedte: int) -> list[str]:
    fouten = []
    for regel in tekst.splitlines():
        if len(regel) > breedte:
            fouten.append(f"langer dan {breedte}: {regel!r}")
        if ENGELS.search(regel):
            fouten.append(f"Engels: {regel!r}")
        if PYTHON.search(regel):
            fouten.append(f"Python-type: {regel!r}")
    for eerste, tweede in _vervolgregels(tekst):
        woord = tweede.split()[0]
        if len(eerste.rstrip()) + 1 + len(woord) <= breedte:
            fouten.append(f"midden in een zin afgebroken: {eerste!r} / {tweede!r}")
    return fouten


@pytest.mark.parametrize("breedte", [80, 60, 120])
@pytest.mark.parametrize("opdracht", OPDRACHTEN)
def test_help_of_every_command_is_dutch_and_wraps_only_where_needed(runner, opdracht, breedte):
    tekst = _hulp(runner, opdracht, "--help", breedte=breedte)

    assert tekst.startswith(f"Gebruik: amctl {opdracht} ")
    assert _fouten(tekst, min(breedte, 80)) == []


@pytest.mark.parametrize("breedte", [80, 60])
def test_the_overview_is_dutch_and_lists_each_command_once_with_its_alias(runner, breedte):
    tekst = _hulp(runner, "--help", breedte=breedte)

    assert _fouten(tekst, breedte) == []
    for engels, nederlands in ALIASSEN.items():
        assert len(re.findall(rf"^  {nederlands} \({engels}\)", tekst, re.MULTILINE)) == 1
        assert not re.search(rf"^  {engels}\b", tekst, re.MULTILINE)


def test_bare_amctl_shows_the_overview_and_exits_0(runner):
    kaal = runner.invoke(app, [], env={"COLUMNS": "80"})

    assert kaal.exit_code == 0
    assert kaal.stdout == _hulp(runner, "--help")
    assert not kaal.stderr


def test_help_option_is_dutch_in_short_and_long_form(runner):
    assert "-h, --help               Toon deze hulp en stop." in _hulp(runner, "-h")


def test_the_checker_catches_a_line_broken_mid_sentence():
    """The old help broke docstrings where the source did; the check must see that."""
    kapot = (
        "  Een nieuwe persoon wordt toegevoegd. Heeft de functie één zetel, dan eindigt\n"
        "  de termijn van de vorige bekleder de dag ervoor.\n"
    )
    assert any("midden in een zin" in f for f in _fouten(kapot, 100))
    assert _fouten(kapot, 80) == []


def test_the_checker_catches_english_frame_and_python_types():
    assert _fouten(" Usage: amctl tree [OPTIONS] [orgaan]\n", 80)
    assert _fouten("│ --diepte  <int range> [x>=0]  Hoeveel niveaus │\n", 80)
    assert _fouten("│ --help  -h  <bool>  Show this message and exit. │\n", 80)
