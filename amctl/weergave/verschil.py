"""`amctl verschil` for people and scripts: the changes that amctl.verschil found, as text,
JSON or Markdown (for a pull request comment)."""

from __future__ import annotations

from amctl.tekst import json_tekst, zichtbaar
from amctl.verschil import CATEGORIEEN, Wijziging
from amctl.weergave.opmaak import vouw


def _kop(oud: str, nieuw: str) -> str:
    return f"{oud} -> {nieuw}"


def als_tekst(
    wijzigingen: list[Wijziging], oud: str, nieuw: str, breedte: int | None = None
) -> str:
    """The changes by category, one per line; on a terminal (`breedte`, see
    opmaak.breedte_voor) a line wraps at words beneath, with a hanging indent."""
    regels = vouw(f"Bestuurlijke verschillen: {zichtbaar(_kop(oud, nieuw), True)}", breedte, 2)
    if not wijzigingen:
        return "\n".join([*regels, "Geen verschillen."]) + "\n"
    if all(w.categorie == "overig" for w in wijzigingen):
        regels.append("Geen bestuurlijke verschillen.")
    for categorie, titel in CATEGORIEEN.items():
        deze = [w for w in wijzigingen if w.categorie == categorie]
        if not deze:
            continue
        regels += ["", titel]
        for w in deze:
            regels += vouw(f"  {zichtbaar(w.naam, True)}: {zichtbaar(w.tekst, True)}", breedte, 6)
            if w.gegevens.get("ambtshalve_in"):
                zetels = ", ".join(w.gegevens["ambtshalve_in"])
                regels += vouw(f"    zit ambtshalve in: {zichtbaar(zetels, True)}", breedte, 8)
    return "\n".join(regels) + "\n"


def als_json(wijzigingen: list[Wijziging], oud: str, nieuw: str) -> str:
    gegevens = {"oud": oud, "nieuw": nieuw, "wijzigingen": [w.als_dict() for w in wijzigingen]}
    return json_tekst(gegevens)


_MARKDOWN_ESCAPE = {c: "\\" + c for c in "\\`*_[]|#"}
_MARKDOWN_ESCAPE |= {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br>", "\r": ""}


def md_cel(tekst: str) -> str:
    """Text safe in a Markdown table cell: no '|' ends the cell, no markup, no HTML."""
    return "".join(_MARKDOWN_ESCAPE.get(c, c) for c in zichtbaar(tekst))


def als_markdown(wijzigingen: list[Wijziging], oud: str, nieuw: str) -> str:
    regels = [f"### Bestuurlijke wijzigingen: {md_cel(_kop(oud, nieuw))}", ""]
    if not wijzigingen:
        return "\n".join([*regels, "Geen verschillen.", ""])
    if all(w.categorie == "overig" for w in wijzigingen):
        regels += ["Geen bestuurlijke verschillen.", ""]
    for categorie, titel in CATEGORIEEN.items():
        deze = [w for w in wijzigingen if w.categorie == categorie]
        if not deze:
            continue
        regels += [f"#### {titel}", "", "| Onderwerp | Wijziging |", "| --- | --- |"]
        for w in deze:
            tekst = md_cel(w.tekst)
            if w.gegevens.get("ambtshalve_in"):
                tekst += "<br>zit ambtshalve in: " + md_cel(", ".join(w.gegevens["ambtshalve_in"]))
            regels.append(f"| {md_cel(w.naam)} | {tekst} |")
        regels.append("")
    return "\n".join(regels)


FORMATEN = {"tekst": als_tekst, "json": als_json, "markdown": als_markdown}
