"""`amctl geschiedenis` for people and scripts: a timeline (amctl.geschiedenis) as text or as
plain dicts for JSON."""

from __future__ import annotations

from datetime import date

from amctl.geschiedenis import Tijdlijn, Tijdvak
from amctl.tekst import zichtbaar


def als_tekst(tijdlijn: Tijdlijn, vandaag: date | None = None) -> str:
    kop = f"Geschiedenis van {tijdlijn.naam} ({tijdlijn.soort})"
    regels = [zichtbaar(kop, eenregelig=True), ""]
    if not tijdlijn.tijdvakken:
        regels.append("  Niets vastgelegd.")
    for t in tijdlijn.tijdvakken:
        tijdvak = _tijdvak_tekst(t, vandaag or date.today())
        regels.append(f"  {tijdvak}  {zichtbaar(t.tekst, eenregelig=True)}")
    return "\n".join(regels) + "\n"


def _tijdvak_tekst(t: Tijdvak, vandaag: date) -> str:
    """'heden' only for a period that runs today; one that starts later reads 'vanaf ...'."""
    if t.tot_en_met is None and t.vanaf is not None and t.vanaf > vandaag:
        return f"{'vanaf ' + t.vanaf.isoformat():<25}"
    van = t.vanaf.isoformat() if t.vanaf else "…"
    tot = t.tot_en_met.isoformat() if t.tot_en_met else "heden"
    return f"{van:>10} t/m {tot:<10}"


def als_dict(tijdlijn: Tijdlijn) -> dict:
    return {
        "wie": {"soort": tijdlijn.soort, "id": tijdlijn.id, "naam": tijdlijn.naam},
        "tijdvakken": [t.als_dict() for t in tijdlijn.tijdvakken],
    }
