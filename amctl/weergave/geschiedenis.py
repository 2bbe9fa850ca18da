"""`amctl geschiedenis` for people and scripts: a timeline (amctl.geschiedenis) as text or as
plain dicts for JSON."""

from __future__ import annotations

from datetime import date

from amctl.geschiedenis import Tijdlijn, Tijdvak
from amctl.tekst import zichtbaar
from amctl.weergave.gegevens import legenda, merkteken


class _Merken(set):
    """The kinds of mark a timeline used, for the legend under it."""

    def merk(self, aard: str | None) -> str:
        if merkteken(aard):
            self.add(aard)
        return merkteken(aard)


def als_tekst(tijdlijn: Tijdlijn, vandaag: date | None = None) -> str:
    """One line per period; a derived (`*`) or assumed (`~`) date or fact carries its mark,
    as in `toon`, with the legend under the timeline."""
    kop = f"Geschiedenis van {tijdlijn.naam} ({tijdlijn.soort})"
    regels = [zichtbaar(kop, eenregelig=True), ""]
    if not tijdlijn.tijdvakken:
        regels.append("  Niets vastgelegd.")
    merken = _Merken()
    data = [_data(t, vandaag or date.today(), merken) for t in tijdlijn.tijdvakken]
    breedte = max([10, *(len(d) for paar in data for d in paar if d)])
    for t, (van, tot) in zip(tijdlijn.tijdvakken, data, strict=True):
        if tot is None:  # starts later: 'vanaf ...'
            tijdvak = f"{'vanaf ' + van:<{2 * breedte + 5}}"
        else:
            tijdvak = f"{van:>{breedte}} t/m {tot:<{breedte}}"
        tekst = zichtbaar(t.tekst, eenregelig=True) + merken.merk(t.aarden.feit)
        regels.append(f"  {tijdvak}  {tekst}")
    regels += legenda(merken)
    return "\n".join(regels) + "\n"


def _data(t: Tijdvak, vandaag: date, merken: _Merken) -> tuple[str, str | None]:
    """Start and end with their marks; 'heden' only for a period that runs today, and no end
    (None) for one that starts later: it reads 'vanaf ...'."""
    van = t.vanaf.isoformat() + merken.merk(t.aarden.vanaf) if t.vanaf else "…"
    if t.tot_en_met is None and t.vanaf is not None and t.vanaf > vandaag:
        return van, None
    tot = t.tot_en_met.isoformat() + merken.merk(t.aarden.tot_en_met) if t.tot_en_met else "heden"
    return van, tot


def als_dict(tijdlijn: Tijdlijn) -> dict:
    return {
        "wie": {"soort": tijdlijn.soort, "id": tijdlijn.id, "naam": tijdlijn.naam},
        "tijdvakken": [t.als_dict() for t in tijdlijn.tijdvakken],
    }
