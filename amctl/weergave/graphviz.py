"""The chart in DOT, Graphviz's language, and svg or png through Graphviz's `dot`. Every label
is escaped for DOT: a name can never close a quote or add an edge."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterable

from amctl.probleem import GebruiksFout
from amctl.tekst import zichtbaar
from amctl.weergave.tekening import ONDERSTEUNT, Tekening, eenregelig, lijn_label

GRAPHVIZ_ONTBREEKT = (
    "Graphviz ontbreekt: installeer het pakket 'graphviz' (apt-get install graphviz) "
    "voor svg en png."
)


class GraphvizFout(GebruiksFout):
    """Graphviz's `dot`, an external tool, is missing, failed or took too long: one sentence
    that says what to do, and exit 2 (the data is fine; the command cannot be carried out
    here), wherever the figure was asked for."""


GRAPHVIZ_TIJDSLIMIET = 120  # seconds; a file of thousands of bodies can take Graphviz longer


def _dot_escape(tekst: str) -> str:
    """Backslash and quote escaped, so that no escape (\\N, \\l) and no end of string can
    come from the data; '&' as '&amp;', because Graphviz reads entities such as '&lt;' in a
    label and would show '<' for a name that says '&lt;'."""
    return tekst.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


# Graphviz refuses a quoted string of more than 16384 bytes; a longer label is written as
# pieces joined by '+', which DOT reads as one string. A piece holds this many characters of
# text, at most 5 bytes each once escaped ('&' becomes '&amp;').
_DOT_STUK = 2_000


def _dot_label(regels: Iterable[str]) -> str:
    """Lines as one quoted DOT string (lines joined by \\n) that Graphviz shows exactly."""
    stukken: list[str] = []
    for nummer, regel in enumerate(regels):
        if nummer:
            stukken.append("\\n")
        stukken += [
            _dot_escape(regel[begin : begin + _DOT_STUK])
            for begin in range(0, len(regel), _DOT_STUK)
        ]
    geheel = "".join(stukken)
    if len(geheel) <= _DOT_STUK:
        return f'"{geheel}"'
    return " + ".join(f'"{stuk}"' for stuk in stukken)


def dot_tekst(tekst: str) -> str:
    """A DOT quoted string that Graphviz shows exactly as the text."""
    return _dot_label([tekst])


_MAX_KOP = 300  # characters of a title or subtitle in the figure; the rest as '…'


def _html_regel(tekst: str, grootte: int, vet: bool = False) -> str:
    """One line of Graphviz's HTML-like label, escaped as XML text."""
    tekst = eenregelig(tekst)
    if len(tekst) > _MAX_KOP:
        tekst = tekst[: _MAX_KOP - 1] + "…"
    inhoud = html.escape(tekst, quote=False)
    if vet:
        inhoud = f"<B>{inhoud}</B>"
    return f'<FONT POINT-SIZE="{grootte}">{inhoud}</FONT>'


def _in_regels(delen: list[str], breedte: int) -> list[str]:
    """Parts joined by '; ' into lines of about `breedte` characters."""
    regels: list[str] = []
    for deel in delen:
        if regels and len(regels[-1]) + len(deel) + 2 <= breedte:
            regels[-1] += "; " + deel
        else:
            regels.append(deel)
    return regels


def dot_kop(t: Tekening) -> str:
    """Title, subtitle (the peildatum) and legend as one HTML-like label."""
    regels = [_html_regel(t.titel, 18, vet=True), _html_regel(t.ondertitel, 12)]
    legenda = _in_regels(t.legenda(), 110)
    regels += [
        _html_regel(r + ("." if n == len(legenda) - 1 else ";"), 10) for n, r in enumerate(legenda)
    ]
    return "<" + "<BR/>".join(regels) + ">"


_VOUWBREEDTE = 32  # characters per line in a box: long names fold at a space


def _gevouwen(regels: Iterable[str]) -> list[str]:
    """Lines longer than _VOUWBREEDTE folded at spaces, so that a row of PHOs stays narrow."""
    return [deel for regel in regels for deel in (textwrap.wrap(regel, _VOUWBREEDTE) or [regel])]


_LETTER = 'fontname="Helvetica"'
_DOT_KNOOP = {
    "wortel": 'shape=box, style="rounded,filled,bold", fillcolor="#ffffff", fontsize=14',
    "orgaan": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
    "functie": 'shape=ellipse, style="filled", fillcolor="#f3f3f3", color="#777777"',
}
_DOT_CLUSTER = {
    "wortel": 'style="rounded,filled", color="#9aa5b1"',
    "team": 'style="rounded,filled", fillcolor="#ffffff", color="#555555", fontsize=11',
    "groep": 'style="rounded", color="#555555", penwidth=1.2',
}
_DOT_LIJN = {
    "relatie": "",
    "onderdeel-van": 'arrowhead=none, color="#8c959f"',
    ONDERSTEUNT: 'color="#777777", fontcolor="#555555", arrowhead=vee',
}
_WORTELKLEUREN = ("#eaf2fb", "#fdf1e4", "#edf7ec", "#f5edf7")


def dot(t: Tekening, kop: bool = True) -> str:
    """The chart in DOT; without `kop` no title, peildatum and legend in the figure, for a
    page that says them in its own text (the site)."""
    label = f"label={dot_kop(t)}, labelloc=t, " if kop else ""
    uit = [
        "digraph amctl {",
        f"  graph [{_LETTER}, {label}rankdir=TB, splines=polyline, compound=true, nodesep=0.3, "
        "ranksep=0.45, pad=0.3];",
        f'  node [{_LETTER}, fontsize=11, margin="0.15,0.06"];',
        f"  edge [{_LETTER}, fontsize=10];",
    ]
    anker: dict[str, str] = {k.id: k.id for k in t.knopen}
    kleuren = iter(_WORTELKLEUREN * len(t.clusters))
    indeling = t.per_cluster()

    def schrijf(cluster: str | None, inspringen: str) -> None:
        subclusters, knopen = indeling.get(cluster, ([], []))
        for c in subclusters:
            stijl = _DOT_CLUSTER[c.soort]
            if c.soort == "wortel":
                stijl += f', fillcolor="{next(kleuren)}"'
            if c.stippel:
                stijl = stijl.replace('style="', 'style="dashed,')
            uit.append(f"{inspringen}subgraph cluster_{c.id} {{")
            uit.append(f"{inspringen}  graph [label={_dot_label(c.regels)}, {stijl}];")
            schrijf(c.id, inspringen + "  ")
            uit.append(f"{inspringen}}}")
        for k in knopen:
            stijl = _DOT_KNOOP[k.soort]
            if k.stippel:
                stijl = stijl.replace('style="', 'style="dashed,')
            uit.append(f"{inspringen}{k.id} [label={_dot_label(_gevouwen(k.regels))}, {stijl}];")
            if cluster is not None and cluster not in anker:
                anker[cluster] = k.id  # a team's box is reached through its first post

    schrijf(None, "  ")
    # The tops stand level: each a rank above one body right below a top. (`rank=same`
    # would take them out of their frames, and Graphviz 2.43 crashes on `newrank` with
    # frames, 'trouble in init_rank'.)
    rang = {k.id: k.rang for k in t.knopen}
    groepen = {c.id for c in t.clusters if c.soort == "groep"}
    onder_top = next((k for k in t.knopen if k.rang == 1 and k.soort == "orgaan"), None)
    for k in t.knopen:
        if k.soort == "wortel" and onder_top is not None and k.cluster != onder_top.cluster:
            uit.append(f"  {k.id} -> {onder_top.id} [style=invis];")

    for lijn in t.lijnen:
        van, naar = (lijn.naar, lijn.van) if lijn.omhoog else (lijn.van, lijn.naar)
        stijl: list[str] = []
        if lijn.soort == "rang":
            stijl.append("style=invis")
        else:
            if lijn.label and lijn.soort != "onderdeel-van":
                stijl.append(f"label={dot_tekst(lijn_label(lijn))}")
            if _DOT_LIJN[lijn.soort]:
                stijl.append(_DOT_LIJN[lijn.soort])
            if lijn.afgeleid:
                stijl.append("style=dotted, penwidth=1.4")
            elif lijn.stippel:
                stijl.append("style=dashed")
        if lijn.omhoog:
            stijl.append("dir=back")
        if not lijn.rangt:
            stijl.append("constraint=false")
        elif abs(rang[anker[naar]] - rang[anker[van]]) > 1:
            stijl.append(f"minlen={abs(rang[anker[naar]] - rang[anker[van]])}")

        # A line to a group box aims at the right foot of its first body, so that it ends
        # on the box's lower edge between its bodies, not under one of them.
        if van != anker[van]:
            stijl.append(f"ltail=cluster_{van}" + (", tailport=se" if van in groepen else ""))
        if naar != anker[naar]:
            stijl.append(f"lhead=cluster_{naar}" + (", headport=se" if naar in groepen else ""))
        uit.append(f"  {anker[van]} -> {anker[naar]} [{', '.join(stijl)}];")
    uit.append("}")
    return "\n".join(uit) + "\n"


# --- Graphviz -----------------------------------------------------------------------------


def graphviz_aanwezig() -> bool:
    return shutil.which("dot") is not None


def render(dot_bron: str, formaat: str) -> bytes:
    """Run Graphviz's `dot` on DOT text: 'svg' or 'png'. GraphvizFout without it."""
    programma = shutil.which("dot")
    if programma is None:
        raise GraphvizFout(GRAPHVIZ_ONTBREEKT)
    try:
        uitkomst = subprocess.run(
            [programma, f"-T{formaat}"],
            input=dot_bron.encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=GRAPHVIZ_TIJDSLIMIET,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizFout(
            f"Graphviz had na {GRAPHVIZ_TIJDSLIMIET} seconden nog geen figuur; er zijn te veel "
            "organen om te tekenen. Gebruik --formaat mermaid of dot."
        ) from None
    if uitkomst.returncode != 0:
        melding = zichtbaar(uitkomst.stderr.decode("utf-8", "replace").strip()[:300])
        raise GraphvizFout(f"Graphviz kon de figuur niet maken: {melding}")
    return uitkomst.stdout


_SVG_TITEL = re.compile(r"<title>([^<]*)</title>")
_SVG_COMMENTAAR = re.compile(r"<!-- [^>]* -->\n")


def leesbare_titels(svg: str, t: Tekening) -> str:
    """Graphviz gives each node, line and frame of an SVG a <title> with its internal id
    (`org_pho_wonen`), which browsers show on hovering: each becomes the name it stands for
    ('Portefeuillehoudersoverleg Wonen', 'Regiegroep — dagelijks bestuur van — ...'); a
    frame without a name of its own loses its title."""
    namen = t.namen()
    lijnen = {(lijn.van, lijn.naar): lijn for lijn in t.lijnen if lijn.soort != "rang"}

    def naam(knoop: str) -> str | None:
        return namen.get(knoop.removeprefix("cluster_"))

    def vervang(gevonden: re.Match) -> str:
        intern = html.unescape(gevonden.group(1))
        if "->" in intern:
            van, naar = intern.split("->", 1)
            lijn = lijnen.get((van, naar)) or lijnen.get((naar, van))
            if lijn is not None:
                van, naar = lijn.van, lijn.naar
                tekst = f"{namen.get(van, '')} — {lijn_label(lijn)} — {namen.get(naar, '')}"
                return f"<title>{html.escape(tekst, quote=False)}</title>"
            return ""
        leesbaar = t.titel if intern == "amctl" else naam(intern)
        return f"<title>{html.escape(leesbaar, quote=False)}</title>" if leesbaar else ""

    kop, svg_ = svg.split("<svg", 1) if "<svg" in svg else ("", svg)
    # and the comments Graphviz writes with the same ids
    svg_ = _SVG_COMMENTAAR.sub("", _SVG_TITEL.sub(vervang, svg_))
    return f"{kop}<svg{svg_}" if kop or svg.startswith("<svg") else svg_
