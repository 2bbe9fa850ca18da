"""The one problem type: what every layer (loading, schema, references, rules) reports."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class Ernst(IntEnum):
    """Severity; the higher, the worse. The exit status follows from the worst one."""

    WAARSCHUWING = 1
    FOUT = 2

    @property
    def label(self) -> str:
        return "fout" if self is Ernst.FOUT else "waarschuwing"


class Plek(NamedTuple):
    """A position in the data file: 1-based line and column, as editors show them."""

    regel: int
    kolom: int


GEEN_PLEK = Plek(0, 0)


class Probleem(NamedTuple):
    bestand: str
    plek: Plek
    code: str
    ernst: Ernst
    melding: str

    @property
    def regel(self) -> int:
        return self.plek.regel

    @property
    def kolom(self) -> int:
        return self.plek.kolom

    def als_dict(self) -> dict[str, object]:
        return {
            "bestand": self.bestand,
            "regel": self.regel,
            "kolom": self.kolom,
            "code": self.code,
            "ernst": self.ernst.label,
            "melding": self.melding,
        }


class LaadFout(Exception):
    """The file cannot be read as a governance document at all; carries the one problem."""

    def __init__(self, probleem: Probleem) -> None:
        super().__init__(probleem.melding)
        self.probleem = probleem


class GebruiksFout(Exception):
    """The command was used wrongly (missing file, unknown body): exit status 2."""
