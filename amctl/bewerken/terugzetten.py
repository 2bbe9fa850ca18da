"""`amctl ongedaan`: the data file back as it was before amctl's last write (amctl.ongedaan
keeps the versions), and again for the write before that.

Only when the file still holds exactly what amctl wrote: a change by anything else since (an
editor, `git pull`) would be lost, so then nothing happens (exit 2). Under the same lock as
an edit, written by the one write path (without keeping a version of its own: an undo is not
undone by the next undo, which goes one write further back).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from amctl import ongedaan
from amctl.bewerken import unified_diff, vergrendeld
from amctl.grenzen import MAX_BYTES
from amctl.probleem import GebruiksFout
from amctl.schrijven import controleer_bewerkbaar, lees_descriptor, toon_pad, vervang_gegevens


class Teruggezet(NamedTuple):
    versie: ongedaan.Versie  # the write that was undone
    diff: str  # from what the file held to what it holds again
    over: int  # kept versions older than this one: how many more undos can follow
    geschreven: bool


def zet_terug(pad: Path, *, droog: bool = False) -> Teruggezet:
    """Put back the newest kept version of the data file at `pad` (see the module docstring);
    GebruiksFout when there is none, or the file changed since amctl wrote it."""
    echt = Path(os.path.realpath(pad))
    versies = ongedaan.versies(echt)
    if not versies:
        raise GebruiksFout(
            f"Er is niets ongedaan te maken: amctl bewaart geen eerdere versie van "
            f"'{toon_pad(pad)}' (het bewaart de laatste {ongedaan.ZEKER} tot "
            f"{ongedaan.MAX_VERSIES} schrijfacties per bestand, in de cache-map)."
        )
    laatste = versies[-1]
    try:
        toestand = os.stat(echt)
    except OSError:
        raise GebruiksFout(f"Kan '{toon_pad(pad)}' niet lezen.") from None
    controleer_bewerkbaar(pad, toestand)
    with vergrendeld(echt) as slot:
        nu = lees_descriptor(slot.descriptor, MAX_BYTES + 1)
        if ongedaan.hash_van(nu) != laatste.na:
            raise GebruiksFout(
                f"'{toon_pad(pad)}' is gewijzigd sinds amctl het schreef ({laatste.opdracht}, "
                f"{laatste.tijd}); ongedaan zou die wijziging wissen, dus er is niets veranderd. "
                "Zet de wijziging zelf terug (bijv. met git), of laat het zo."
            )
        try:
            oud = ongedaan.oude_inhoud(echt, laatste)
        except ongedaan.Beschadigd:
            raise GebruiksFout(
                f"De bewaarde versie van vóór '{laatste.opdracht}' ({laatste.tijd}) is "
                "beschadigd of niet meer van u alleen; er is niets veranderd."
            ) from None
        diff = unified_diff(_tekst(nu), _tekst(oud), str(pad))
        if not droog:
            vervang_gegevens(echt, slot.descriptor, slot.toestand, nu, oud, bewaar=False)
            ongedaan.vergeet(echt, laatste)
    return Teruggezet(laatste, diff, len(versies) - 1, not droog)


def _tekst(inhoud: bytes) -> str:
    return inhoud.decode("utf-8-sig", errors="replace")
