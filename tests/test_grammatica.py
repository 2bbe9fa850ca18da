"""One grammar for every command (docs/conventies.md), checked by walking the Typer app.

A new command that breaks a convention fails here with the rule it breaks. A command that
has a good reason to differ is named below, with the reason; the conventions page lists the
same exceptions.
"""

from __future__ import annotations

import re

import pytest
import typer
import typer.main

from amctl.cli import app
from amctl.kader import ALIASSEN

GROEP = typer.main.get_command(app)
CTX = typer.Context(GROEP, info_name="amctl")
ZICHTBAAR = {n: c for n, c in GROEP.commands.items() if not c.hidden}

# Commands that read no data file: nothing to choose with --bestand.
ZONDER_BESTAND = {
    "regels": "de regelcodes staan in amctl zelf",
    "schema": "het schema volgt uit het model, niet uit een bestand",
    "aanvulling": "installeert een shellscript",
}
# Commands whose output is not data a script reads as JSON.
ZONDER_JSON = {
    "schema": "is zelf JSON",
    "diagram": "een figuur (--formaat mermaid, dot, svg, png)",
    "overzicht": "schrijft een map met Markdown en HTML",
    "agenda": "een iCalendar-bestand",
    "aanvulling": "een shellscript",
    "exporteer": "een spreadsheet of Popolo-JSON (--formaat csv, xlsx, popolo)",
}
# Commands that ask a question about data but have no single date to ask it on.
ZONDER_PEILDATUM = {
    "controleer": "controleert het hele bestand, over alle tijd",
    "verschil": "vergelijkt twee versies, over alle tijd",
}
# Edits that add no fact, so there is no source to name.
ZONDER_BRON = {
    "vergadering-eraf": "haalt een vergadering weg",
    "ongedaan": "zet een eerdere versie terug, er komt geen feit bij",
}
# Edits that make no new state from a date on.
ZONDER_DATUM = {
    "ongedaan": "zet het hele bestand terug zoals het was",
}
ENGELSE_ALIASSEN = {
    "validate": "controleer",
    "tree": "boom",
    "docs": "overzicht",
    "diff": "verschil",
}
PLAATSHOUDER = re.compile(r"\[?[A-Z][A-Z-]*\]?(\.\.\.)?|[a-z]+(\|[a-z]+)+")
PYTHON_TYPEN = re.compile(r"\b(str|int|bool|float|path|list|none|text|integer)\b", re.IGNORECASE)


def _opties(opdracht) -> dict[str, typer.core.TyperOption]:
    return {
        lang: p
        for p in opdracht.params
        if p.param_type_name == "option"
        for lang in p.opts
        if lang.startswith("--")
    }


def _is_bewerking(opdracht) -> bool:
    return "--droog" in _opties(opdracht)


def _leest_gegevens(naam: str) -> bool:
    return naam not in ZONDER_BESTAND


@pytest.mark.parametrize("naam", sorted(ZICHTBAAR))
def test_every_command_that_reads_data_takes_bestand_with_f(naam):
    opties = _opties(ZICHTBAAR[naam])
    if not _leest_gegevens(naam):
        assert "--bestand" not in opties
        return
    assert "--bestand" in opties, f"'{naam}' mist --bestand/-f"
    assert "-f" in opties["--bestand"].opts


@pytest.mark.parametrize("naam", sorted(ZICHTBAAR))
def test_every_command_that_prints_data_takes_json(naam):
    opdracht = ZICHTBAAR[naam]
    if _is_bewerking(opdracht) or naam in ZONDER_JSON:
        return
    assert "--json" in _opties(opdracht), f"'{naam}' drukt gegevens af maar mist --json"


@pytest.mark.parametrize("naam", sorted(ZICHTBAAR))
def test_formaat_offers_json_where_json_is_asked(naam):
    opties = _opties(ZICHTBAAR[naam])
    if "--formaat" in opties and "--json" in opties:
        keuzes = [k.value for k in type(opties["--formaat"].default)]
        assert "json" in keuzes, f"'{naam}': --json naast een --formaat zonder json"


@pytest.mark.parametrize("naam", sorted(ZICHTBAAR))
def test_a_question_on_a_date_takes_peildatum_with_d(naam):
    opdracht = ZICHTBAAR[naam]
    opties = _opties(opdracht)
    vraag = "--json" in opties and _leest_gegevens(naam) and naam not in ZONDER_PEILDATUM
    if vraag:
        assert "--peildatum" in opties, f"'{naam}' is een vraag zonder --peildatum"
    if "--peildatum" in opties:
        assert opties["--peildatum"].opts == ["--peildatum", "-d"], naam


@pytest.mark.parametrize("naam", sorted(n for n, c in ZICHTBAAR.items() if _is_bewerking(c)))
def test_every_edit_takes_datum_bron_droog_and_bestand(naam):
    opties = _opties(ZICHTBAAR[naam])
    for optie in ("--datum", "--bron", "--droog", "--bestand"):
        if (optie, naam) in {("--bron", n) for n in ZONDER_BRON} | {
            ("--datum", n) for n in ZONDER_DATUM
        }:
            continue
        assert optie in opties, f"bewerking '{naam}' mist {optie}"
    if naam not in ZONDER_DATUM:
        assert opties["--datum"].opts == ["--datum", "-D"], naam
    assert "--peildatum" not in opties, f"bewerking '{naam}': een wijziging heeft een --datum"


def test_a_short_letter_means_one_option_everywhere():
    betekenis: dict[str, set[str]] = {}
    for opdracht in ZICHTBAAR.values():
        for p in opdracht.params:
            if p.param_type_name != "option":
                continue
            lang = next(o for o in p.opts if o.startswith("--"))
            for kort in (o for o in p.opts if not o.startswith("--")):
                betekenis.setdefault(kort, set()).add(lang)
    dubbel = {k: v for k, v in betekenis.items() if len(v) > 1}
    assert not dubbel, f"een korte letter voor meer dan één optie: {dubbel}"


@pytest.mark.parametrize("naam", sorted(ZICHTBAAR))
def test_every_value_has_a_word_as_placeholder_and_every_parameter_a_help_text(naam):
    for p in ZICHTBAAR[naam].params:
        assert p.help, f"'{naam}': {p.name} heeft geen hulptekst"
        if getattr(p, "is_flag", False):
            continue
        assert p.metavar and PLAATSHOUDER.fullmatch(p.metavar), (
            f"'{naam}': {p.name} heeft geen woord als plaatshouder (metavar), maar {p.metavar!r}"
        )
        assert not PYTHON_TYPEN.search(p.metavar), (naam, p.metavar)


def test_english_names_are_aliases_of_the_dutch_commands():
    assert ALIASSEN == ENGELSE_ALIASSEN
    for engels, nederlands in ALIASSEN.items():
        assert GROEP.commands[engels].hidden, engels
        alias, opdracht = GROEP.commands[engels], ZICHTBAAR[nederlands]
        assert alias.help == opdracht.help
        assert [p.opts for p in alias.params] == [p.opts for p in opdracht.params]


def test_hidden_commands_are_exactly_the_aliases():
    verborgen = {n for n, c in GROEP.commands.items() if c.hidden}
    assert verborgen == set(ALIASSEN)


def test_the_exceptions_are_commands_that_exist():
    for naam in (*ZONDER_BESTAND, *ZONDER_JSON, *ZONDER_PEILDATUM, *ZONDER_BRON):
        assert naam in ZICHTBAAR, f"uitzondering voor een onbekende opdracht '{naam}'"
