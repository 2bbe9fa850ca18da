"""`amctl signalen`: what needs attention, as text for people and as dicts for JSON. The list
itself is amctl.vragen.signalen; the overview site shows the same list (weergave.inhoud)."""

from __future__ import annotations

from typing import Any

from amctl.tekst import aantal, iso
from amctl.vragen.aandacht import GROEPEN, Signaal, Signalen
from amctl.weergave.opmaak import vouw


def kopregel(uitkomst: Signalen) -> str:
    """The sentence above the list: the date, the window, how many."""
    venster = (
        f"op {uitkomst.peildatum.isoformat()}, vooruit tot en met "
        f"{uitkomst.tot_en_met.isoformat()} ({aantal(uitkomst.binnen, 'dag', 'dagen')})"
    )
    if not uitkomst.signalen:
        return f"Niets vraagt aandacht {venster}."
    return (
        f"Wat aandacht vraagt {venster}: {aantal(len(uitkomst.signalen), 'signaal', 'signalen')}."
    )


def regel(signaal: Signaal) -> str:
    """One signal on one line: what, then the command that deals with it."""
    return f"{signaal.tekst} -> {signaal.opdracht}"


def per_kop(signalen: list[Signaal]) -> list[tuple[str, list[Signaal]]]:
    """The signals of a group under their headings, in the group's order."""
    koppen: dict[str, list[Signaal]] = {}
    for signaal in signalen:
        koppen.setdefault(signaal.kop, []).append(signaal)
    return list(koppen.items())


def als_tekst(uitkomst: Signalen, breedte: int | None = None) -> str:
    """Groups with a count, headings under them, each signal on one line (wrapped with a
    hanging indent at `breedte` on a terminal; piped, each stays one line for grep)."""
    regels = vouw(kopregel(uitkomst), breedte)
    for titel, signalen in uitkomst.per_groep():
        regels += ["", f"{titel} ({len(signalen)})"]
        for kop, onder in per_kop(signalen):
            insprong = "    " if kop else "  "
            if kop:
                regels.append(f"  {kop}")
            for signaal in onder:
                ruimte = _ruimte(breedte, insprong)
                regels += [insprong + deel for deel in vouw(regel(signaal), ruimte)]
    return "".join(r + "\n" for r in regels)


def _ruimte(breedte: int | None, insprong: str) -> int | None:
    return None if breedte is None else breedte - len(insprong)


def signaal_dict(signaal: Signaal) -> dict[str, Any]:
    return {
        "soort": signaal.soort,
        "kop": signaal.kop or None,
        "tekst": signaal.tekst,
        "opdracht": signaal.opdracht,
        "datum": iso(signaal.datum),
        "orgaan": signaal.orgaan,
        "functie": signaal.functie,
        "gemeente": signaal.gemeente,
        "persoon": signaal.persoon,
        "code": signaal.code,
    }


def als_dict(uitkomst: Signalen) -> dict[str, Any]:
    """`amctl signalen --json`: every group (also an empty one), with its signals."""
    return {
        "peildatum": uitkomst.peildatum.isoformat(),
        "binnen": uitkomst.binnen,
        "tot_en_met": uitkomst.tot_en_met.isoformat(),
        "aantal": len(uitkomst.signalen),
        "groepen": [
            {
                "soort": soort,
                "titel": titel,
                "signalen": [signaal_dict(sig) for sig in uitkomst.signalen if sig.soort == soort],
            }
            for soort, titel in GROEPEN.items()
        ],
    }
