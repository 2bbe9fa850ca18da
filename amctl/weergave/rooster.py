"""`amctl rooster`: the plan as plain dicts (JSON) and as layout blocks for people
(amctl.weergave.opmaak: rich on a terminal, plain text when piped).

Both show the last round of the record (one turn per gemeente) before the plan, so that the
reader sees where the plan comes from."""

from __future__ import annotations

from typing import Any

from amctl.model import Organisatie
from amctl.rooster import Rooster, Vergaderbeurt
from amctl.roulatie import Voorzittersbeurt, datum_tekst
from amctl.weergave.opmaak import Blok, Deel, Tabel, regel


def _getoond(rooster: Rooster, rijen: list) -> list:
    """The last round of recorded rows, then every planned row."""
    vastgelegd = [r for r in rijen if not r.gepland]
    return [*vastgelegd[-rooster.ronde :], *(r for r in rijen if r.gepland)]


def _gemeentenaam(org: Organisatie, gemeente: str | None) -> str:
    return org.gemeenten[gemeente].naam if gemeente else "niet vastgelegd"


def _vergadering_dict(org: Organisatie, v: Vergaderbeurt) -> dict[str, Any]:
    return {
        "jaar": v.jaar,
        "nummer": v.nummer,
        "status": v.status,
        "datum": None if v.gepland else v.datum.isoformat(),
        "maand": f"{v.datum.year:04d}-{v.datum.month:02d}",
        "wanneer": v.wanneer,
        "gemeente": v.gemeente,
        "gemeente_naam": _gemeentenaam(org, v.gemeente),
        "voorzitter": v.voorzitter,
        "thema": v.thema,
        "reden": v.reden or None,
    }


def _termijn_dict(org: Organisatie, t: Voorzittersbeurt) -> dict[str, Any]:
    return {
        "status": t.status,
        "vanaf": t.vanaf.isoformat() if t.vanaf else None,
        "tot_en_met": t.tot_en_met.isoformat() if t.tot_en_met else None,
        "gemeente": t.gemeente,
        "gemeente_naam": _gemeentenaam(org, t.gemeente),
        "voorzitter": t.voorzitter,
        "reden": t.reden or None,
    }


def rooster_dict(org: Organisatie, rooster: Rooster) -> dict[str, Any]:
    """`amctl rooster --json`."""
    return {
        "orgaan": {"id": rooster.orgaan.id, "naam": rooster.orgaan.naam},
        "peildatum": rooster.peildatum.isoformat(),
        "tot": rooster.tot,
        "per_jaar": rooster.per_jaar,
        "maanden": list(rooster.maanden),
        "vergaderingen": [
            _vergadering_dict(org, v) for v in _getoond(rooster, rooster.vergaderingen)
        ],
        "voorzitterschap": [
            _termijn_dict(org, t) for t in _getoond(rooster, rooster.voorzitterschap)
        ],
        "toelichting": rooster.toelichting,
        "opmerkingen": rooster.opmerkingen,
    }


def vergadering_tekst(org: Organisatie, v: Vergaderbeurt) -> str:
    """One meeting in one line, as the rows of `rooster` read: '13 maart 2025 in Amstelveen,
    voorzitter burgemeester van Amstelveen (vastgelegd; thema: ...)'."""
    toelichting = f"thema: {v.thema}" if v.thema else v.reden
    waar = f" in {_gemeentenaam(org, v.gemeente)}" if v.gemeente else ""
    return (
        f"{v.wanneer}{waar}, voorzitter {v.voorzitter} ({v.status}"
        + (f"; {toelichting}" if toelichting else "")
        + ")"
    )


def _periode(t: Voorzittersbeurt) -> str:
    if t.tot_en_met is None:
        return f"vanaf {datum_tekst(t.vanaf)}" if t.vanaf else "datum onbekend"
    vanaf = datum_tekst(t.vanaf) if t.vanaf else "…"
    return f"{vanaf} t/m {datum_tekst(t.tot_en_met)}"


def rooster_tabel(org: Organisatie, rooster: Rooster) -> list[Blok]:
    """`amctl rooster`: a heading and the notes, the tables, then the assumptions."""
    orgaan = rooster.orgaan
    tot = f"t/m {rooster.tot}" if rooster.tot is not None else "één ronde"
    blokken: list[Blok] = [
        regel(
            "Rooster ",
            Deel(orgaan.naam, "bold"),
            f" ({orgaan.id}), peildatum {rooster.peildatum.isoformat()}, {tot}",
        )
    ]
    blokken += [regel(Deel("Let op: ", "bold yellow"), o) for o in rooster.opmerkingen]
    if rooster.per_jaar:
        rijen = []
        for v in _getoond(rooster, rooster.vergaderingen):
            stijl = "bold" if v.gepland else ""
            rijen.append(
                (
                    regel(v.wanneer),
                    regel(Deel(_gemeentenaam(org, v.gemeente), stijl)),
                    regel(v.voorzitter),
                    regel(Deel(v.status, "" if v.gepland else "dim")),
                    regel(f"thema: {v.thema}" if v.thema else v.reden),
                )
            )
        koppen = ("wanneer", "gastheer", "voorzitter", "status", "toelichting")
        blokken += [regel(), regel(Deel("Vergaderingen", "bold")), Tabel(koppen, rijen)]
    if rooster.voorzitterschap:
        rijen = [
            (
                regel(_periode(t)),
                regel(Deel(t.voorzitter, "bold" if t.gepland else "")),
                regel(Deel(t.status, "" if t.gepland else "dim")),
                regel(t.reden),
            )
            for t in _getoond(rooster, rooster.voorzitterschap)
        ]
        koppen = ("periode", "voorzitter", "status", "toelichting")
        blokken += [regel(), regel(Deel("Voorzitterschap", "bold")), Tabel(koppen, rijen)]
    blokken.append(regel())
    blokken += [regel(Deel(t, "dim")) for t in rooster.toelichting]
    return blokken
