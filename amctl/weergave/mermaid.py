"""The chart in Mermaid (renders in GitHub and GitLab Markdown): the same frames, nodes and lines
as the DOT chart, every label made harmless for Mermaid."""

from __future__ import annotations

import re
from collections.abc import Iterable

from amctl.weergave.tekening import Tekening, eenregelig, lijn_label

# Inside a quoted Mermaid label, '#name;' and '#123;' are entity codes. Every character that
# could end the label, start markup or be read as an entity becomes a numeric code.
_MERMAID_CODES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#38;",
    "<": "#60;",
    ">": "#62;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
}
_MERMAID_SPECIAAL = re.compile("[" + re.escape("".join(_MERMAID_CODES)) + "]")


def mermaid_tekst(tekst: str) -> str:
    """Text for inside a Mermaid "...": quotes, markup and entities made harmless."""
    return _MERMAID_SPECIAAL.sub(lambda m: _MERMAID_CODES[m.group()], eenregelig(tekst))


def _mermaid_label(regels: Iterable[str]) -> str:
    return '"' + "<br>".join(mermaid_tekst(r) for r in regels) + '"'


# (target above the source, dashed) -> arrow; 'a <--- b' is drawn from b up to a.
_MERMAID_PIJL = {
    (False, False): "-->",
    (False, True): "-.->",
    (True, False): "<---",
    (True, True): "<-.-",
}


def mermaid(t: Tekening) -> str:
    """Top-down like the DOT chart: the same frames, nodes and lines. A line whose target
    stands above its source is written from the target with the arrow at its start
    ('a <-- b'), so that Mermaid places it as DOT does; order-only lines are invisible
    ('~~~'). The title and legend go around the figure (Markdown, HTML), not in it."""
    uit = ["flowchart TB"]
    indeling = t.per_cluster()

    def schrijf(cluster: str | None, inspringen: str) -> None:
        subclusters, knopen = indeling.get(cluster, ([], []))
        for c in subclusters:
            # A frame's name is on its top node; Mermaid wants some title, so a blank one.
            titel = _mermaid_label(c.regels) if c.regels else '" "'
            uit.append(f"{inspringen}subgraph {c.id}[{titel}]")
            schrijf(c.id, inspringen + "  ")
            uit.append(f"{inspringen}end")
        for k in knopen:
            label = _mermaid_label(k.regels)
            uit.append(
                f"{inspringen}{k.id}" + (f"([{label}])" if k.soort == "functie" else f"[{label}]")
            )

    schrijf(None, "  ")
    stijlen: list[str] = []
    for nummer, lijn in enumerate(x for x in t.lijnen if x.soort != "rang"):
        van, naar = (lijn.naar, lijn.van) if lijn.omhoog else (lijn.van, lijn.naar)
        if lijn.soort == "onderdeel-van":
            pijl = "-.-" if lijn.stippel else "---"
            uit.append(f"  {van} {pijl} {naar}")
        else:
            streep = lijn.stippel or lijn.afgeleid
            pijl = _MERMAID_PIJL[(lijn.omhoog, streep)]
            uit.append(f"  {van} {pijl}|{_mermaid_label([lijn_label(lijn)])}| {naar}")
        if lijn.afgeleid:
            stijlen.append(f"  linkStyle {nummer} stroke-dasharray:2 3")
    for lijn in t.lijnen:
        if lijn.soort == "rang":
            uit.append(f"  {lijn.van} ~~~ {lijn.naar}")
    uit += stijlen
    uit.append("  classDef wortel font-weight:bold")
    uit.append("  classDef functie fill:#f3f3f3,stroke:#777777")
    uit.append("  classDef onzeker stroke-dasharray:5 5")
    for klasse, ids in (
        ("wortel", [k.id for k in t.knopen if k.soort == "wortel"]),
        ("functie", [k.id for k in t.knopen if k.soort == "functie"]),
        ("onzeker", [k.id for k in t.knopen if k.stippel]),
    ):
        if ids:
            uit.append(f"  class {','.join(ids)} {klasse}")
    for c in t.clusters:
        if c.stippel:
            uit.append(f"  style {c.id} stroke-dasharray:5 5")
    return "\n".join(uit) + "\n"
