"""The rule catalogue: every problem code amctl can report, with its documentation.

Like yamllint and ruff: a code never changes meaning; each has a one-line summary, a longer
explanation and, where the problem can be shown in YAML, a failing and a passing example
(the tests run both). Domain checks are functions registered with `@domeinregel`; they yield
`Probleem` objects and never print or exit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from amctl.probleem import Ernst, Plek, Probleem


class Regel(NamedTuple):
    code: str
    naam: str
    ernst: Ernst
    laag: str
    samenvatting: str
    uitleg: str
    fout: str | None = None  # a whole YAML file that triggers the code
    goed: str | None = None  # the same, repaired: a valid file


REGELS: dict[str, Regel] = {}


class Melder:
    """Hands the checks a short way to make a Probleem with the code's own severity."""

    def __init__(self, bestand: str) -> None:
        self.bestand = bestand

    def __call__(self, code: str, plek: Plek, melding: str) -> Probleem:
        return Probleem(self.bestand, plek, code, REGELS[code].ernst, melding)


Controle = Callable[..., Iterator[Probleem]]
DOMEINCONTROLES: list[Controle] = []


def registreer(regel: Regel) -> None:
    if regel.code in REGELS:  # pragma: no cover - a programming error, caught by any test
        raise ValueError(f"dubbele regelcode {regel.code}")
    REGELS[regel.code] = regel


def domeinregel(
    code: str,
    naam: str,
    ernst: Ernst,
    samenvatting: str,
    uitleg: str,
    fout: str,
    goed: str,
) -> Callable[[Controle], Controle]:
    def registreer_controle(controle: Controle) -> Controle:
        registreer(Regel(code, naam, ernst, "domein", samenvatting, uitleg, fout, goed))
        DOMEINCONTROLES.append(controle)
        return controle

    return registreer_controle


def alle_regels() -> list[Regel]:
    """Every rule, in code order, once all modules that define rules are imported."""
    from amctl.regels import catalogus, domein  # noqa: F401  (importing registers them)

    return sorted(REGELS.values(), key=lambda r: r.code)


def zoek_regel(gezocht: str) -> Regel:
    """The rule by its code in any case (am305) or by its name (te-veel-bekleders). An unknown
    one is wrong use, with the codes that begin like it, else the closest code."""
    from amctl.probleem import GebruiksFout
    from amctl.tekst import opsomming, suggestie

    alle = {r.code: r for r in alle_regels()}
    op_naam = {r.naam: r for r in alle.values()}
    code, naam = gezocht.strip().upper(), gezocht.strip().lower()
    if code in alle or naam in op_naam:
        return alle.get(code) or op_naam[naam]
    begin = [c for c in alle if code and c.startswith(code)]
    if len(begin) > 5:
        tip = f" {len(begin)} codes beginnen zo: {begin[0]} tot en met {begin[-1]}."
    elif begin:
        tip = f" Bedoelde u: {opsomming(begin, 'of')}?"
    elif dichtstbij := suggestie(naam, op_naam):
        tip = f" Bedoelde u: {op_naam[dichtstbij].code} ({dichtstbij})?"
    elif dichtstbij := suggestie(code, alle):
        tip = f" Bedoelde u: {dichtstbij}?"
    else:
        tip = ""
    raise GebruiksFout(f"Onbekende regelcode '{gezocht}'.{tip} Zie 'amctl regels' voor de lijst.")
