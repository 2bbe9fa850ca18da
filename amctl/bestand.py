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


def kies_bestand(gekozen: Path | None = None) -> Path:
    """--bestand, else $AMCTL_BESTAND, else ./data/organisatie.yaml, else the bundled copy."""
    if gekozen is None and os.environ.get(OMGEVINGSVARIABELE):
        gekozen = Path(os.environ[OMGEVINGSVARIABELE])
    if gekozen is None:
        gekozen = STANDAARD if STANDAARD.is_file() else meegeleverd()
    controleer_leesbaar(gekozen)
    return gekozen


def controleer_leesbaar(pad: Path) -> None:
    if pad.is_dir():
        raise GebruiksFout(f"'{pad}' is een map; geef het pad van een YAML-bestand.")
    if not pad.exists():
        raise GebruiksFout(f"Het bestand '{pad}' bestaat niet; controleer het pad.")
    if not os.access(pad, os.R_OK):
        raise GebruiksFout(f"Het bestand '{pad}' is niet leesbaar; controleer de rechten.")
