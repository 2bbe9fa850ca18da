"""Instellen: tab completion (`aanvulling`)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from amctl.kader import INSTELLEN, app
from amctl.probleem import GebruiksFout


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command("aanvulling", rich_help_panel=INSTELLEN)
def aanvulling(
    shell: Annotated[
        Shell | None,
        typer.Argument(
            metavar="SHELL",
            help="bash, zsh of fish. Standaard: de shell uit $SHELL.",
            show_default=False,
        ),
    ] = None,
    installeer: Annotated[
        bool,
        typer.Option(
            "--installeer",
            help="Zet de aanvulling in uw shell-instellingen, zodat ze in elke nieuwe shell werkt.",
        ),
    ] = False,
) -> None:
    """Tab-aanvulling voor bash, zsh en fish: opdrachten, opties, en waarden uit het bestand
    (organen, gemeenten, functies, personen, statussen, regelcodes).

    Met --installeer zet amctl de aanvulling klaar voor elke nieuwe shell. Zonder --installeer
    drukt het het script af, bijv. voor 'eval "$(amctl aanvulling bash)"' in ~/.bashrc.
    """
    from amctl import aanvulling as tab

    gekozen = shell.value if shell is not None else tab.huidige_shell()
    if gekozen is None:
        raise GebruiksFout("Welke shell? Geef bash, zsh of fish, bijv. 'amctl aanvulling bash'.")
    if not installeer:
        sys.stdout.write(tab.script(gekozen) + "\n")
        return
    for pad in tab.installeer(gekozen, Path.home()):
        sys.stdout.write(f"Geschreven: {pad}\n")
    sys.stdout.write(f"De aanvulling werkt in elke nieuwe {gekozen}-shell.\n")
