"""The one place that decides which data file a command reads."""

from __future__ import annotations

import os
from pathlib import Path

from amctl.probleem import GebruiksFout

OMGEVINGSVARIABELE = "AMCTL_BESTAND"
STANDAARD = Path("data") / "organisatie.yaml"


def meegeleverd() -> Path:
    """The copy of data/organisatie.yaml bundled in the package (in a checkout: the original)."""
    pakket = Path(__file__).resolve().parent
    gebundeld = pakket / "data" / "organisatie.yaml"
    return gebundeld if gebundeld.is_file() else pakket.parent / STANDAARD


def kies_bestand(gekozen: Path | None = None, *, om_te_wijzigen: bool = False) -> Path:
    """--bestand, else $AMCTL_BESTAND, else ./data/organisatie.yaml, else the bundled copy.

    An edit never falls back on the bundled copy: whoever edits outside a project folder
    without naming a file would otherwise change the copy inside the installed package."""
    if gekozen is None and os.environ.get(OMGEVINGSVARIABELE):
        gekozen = Path(os.environ[OMGEVINGSVARIABELE])
    if gekozen is None and STANDAARD.is_file():
        gekozen = STANDAARD
    if gekozen is None:
        if om_te_wijzigen:
            raise GebruiksFout(
                f"Geen organisatiebestand gevonden om te wijzigen (alleen de meegeleverde kopie "
                f"in '{meegeleverd().parent}'); kies het bestand met --bestand/-f of "
                f"${OMGEVINGSVARIABELE}, of werk in de projectmap met {STANDAARD.as_posix()}."
            )
        gekozen = meegeleverd()
    controleer_leesbaar(gekozen)
    return gekozen


def controleer_leesbaar(pad: Path) -> None:
    if pad.is_dir():
        raise GebruiksFout(f"'{pad}' is een map; geef het pad van een YAML-bestand.")
    if not pad.exists():
        raise GebruiksFout(f"Het bestand '{pad}' bestaat niet; controleer het pad.")
    if not os.access(pad, os.R_OK):
        raise GebruiksFout(f"Het bestand '{pad}' is niet leesbaar; controleer de rechten.")
