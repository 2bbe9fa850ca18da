"""The framework floor: a bare Typer app with one command, started as a whole process.

    python benchmarks/kale_app.py -f BESTAND

It parses the same `-f` option as amctl and prints one line, without reading the file:
what every amctl command pays before it does any work (interpreter, Typer, Click).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command()
def hallo(
    bestand: Annotated[Path | None, typer.Option("--bestand", "-f")] = None,
) -> None:
    """Zeg hallo."""
    sys.stdout.write(f"hallo {bestand}\n")


if __name__ == "__main__":
    app()
