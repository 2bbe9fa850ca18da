"""The validation pipeline: load, schema, references, domain rules; every problem found."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from amctl.inlezen import bouw_organisatie
from amctl.laden import Document, laad_bestand, laad_tekst
from amctl.model import Organisatie
from amctl.probleem import Ernst, LaadFout, Probleem


class Uitslag(NamedTuple):
    bestand: str
    organisatie: Organisatie | None
    problemen: list[Probleem]

    @property
    def fouten(self) -> list[Probleem]:
        return [p for p in self.problemen if p.ernst is Ernst.FOUT]

    @property
    def waarschuwingen(self) -> list[Probleem]:
        return [p for p in self.problemen if p.ernst is Ernst.WAARSCHUWING]


def controleer_document(document: Document) -> Uitslag:
    # Importing catalogus and domein registers every rule code that Melder looks up.
    from amctl.regels import DOMEINCONTROLES, Melder, catalogus, domein  # noqa: F401
    from amctl.regels.verwijzingen import controleer_verwijzingen

    organisatie, problemen = bouw_organisatie(document)
    problemen.extend(controleer_verwijzingen(organisatie))
    if not any(p.ernst is Ernst.FOUT for p in problemen):
        meld = Melder(document.bestand)
        for controle in DOMEINCONTROLES:
            problemen.extend(controle(organisatie, meld))
    problemen.sort(key=lambda p: (p.regel, p.kolom, p.code))
    return Uitslag(document.bestand, organisatie, problemen)


def _veilig(laad) -> Uitslag | None:
    try:
        return controleer_document(laad())
    except LaadFout as fout:
        return Uitslag(fout.probleem.bestand, None, [fout.probleem])


def controleer_tekst(tekst: str, bestand: str = "<tekst>") -> Uitslag:
    return _veilig(lambda: laad_tekst(tekst, bestand))


def controleer_bestand(pad: Path) -> Uitslag:
    return _veilig(lambda: laad_bestand(pad))


class OngeldigeData(Exception):
    """The data has errors: queries refuse to answer rather than answer wrongly."""

    def __init__(self, uitslag: Uitslag) -> None:
        super().__init__(uitslag.bestand)
        self.uitslag = uitslag


def geldig_model(pad: Path) -> Organisatie:
    """The model of a file without errors (warnings allowed); else OngeldigeData."""
    uitslag = controleer_bestand(pad)
    if uitslag.fouten or uitslag.organisatie is None:
        raise OngeldigeData(uitslag)
    return uitslag.organisatie
