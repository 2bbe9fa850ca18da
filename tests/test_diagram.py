"""`amctl diagram`: Mermaid structure and escaping, DOT through the real Graphviz, --uit.

Graphviz is required: CI installs Debian's 'graphviz'. Without `dot` the tests that need it
fail and say what to install; they are never skipped.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from amctl.cli import app
from amctl.weergave.diagram import MAX_KNOPEN, dot_tekst, mermaid_tekst

PEILDATUM = "2026-01-01"
INJECTIE = "PHO \"] --> x } <script>document.body.innerHTML='GEHACKT'</script> | pijp"

# Two roots (Regio, Metro), a team of two posts, a part-of below the root level, a disputed
# body, a body that ended in 2016 and every kind of relation.
ORGANISATIE = r"""
versie: 1
bronnen:
  tekst:
    titel: Brontekst
soorten:
  verband: {naam: samenwerkingsverband}
  bestuur: {naam: bestuur}
  overleg: {naam: overleg}
  team: {naam: team}
  werkgroep: {naam: werkgroep}
gemeenten:
  noord: {naam: Noord}
  zuid: {naam: Zuid}
functies:
  burgemeester: {naam: burgemeester, per-gemeente: true, zetels: 1}
  wethouder: {naam: wethouder, per-gemeente: true}
  secretaris: {naam: 'secretaris "een"', zetels: 1}
  adviseur: {naam: adviseur, zetels: 1}
organen:
  regio:
    naam: Regio Overleg
    soort: verband
    relaties:
      - deelregio-van: metro
    bron: tekst
  bestuur:
    naam: Dagelijks Bestuur
    soort: bestuur
    onderdeel-van: regio
    samenstelling:
      - {functie: burgemeester, aantal: 1}
    voorzitter: {functie: burgemeester, gemeente: noord}
    ondersteuning:
      - functie: secretaris
    relaties:
      - dagelijks-bestuur-van: regio
      - vertegenwoordigt-in: metro-platform
    bron: tekst
  team:
    naam: Het Team
    soort: team
    onderdeel-van: regio
    samenstelling:
      - functie: secretaris
      - functie: adviseur
    relaties:
      - organiseert-aanhaking-bij: metro
    bron: tekst
  pho:
    naam: "PHO \"] --> x } <script>document.body.innerHTML='GEHACKT'</script> | pijp"
    soort: overleg
    onderdeel-van: regio
    samenstelling:
      - {functie: wethouder, wijze: benoemd, rol: portefeuillehouder}
    ondersteuning:
      - functie: adviseur
    relaties:
      - bereidt-voor: metro-platform
      - bereidt-voor: metro-oud
        tot-en-met: 2016-12-31
    bron: tekst
  pho-twijfel:
    naam: "# PHO Twijfel"
    soort: overleg
    status: betwist
    onderdeel-van: regio
    relaties:
      - bereidt-voor: metro-platform
    bron: tekst
  werkgroep:
    naam: "Werkgroep \\ met backslash `code` & #quot; {x}"
    soort: werkgroep
    onderdeel-van: pho
    relaties:
      - bereidt-voor: pho
    bron: tekst
  metro:
    naam: Metro Regio
    soort: verband
    bron: tekst
  metro-platform:
    naam: Metro Platform
    soort: overleg
    onderdeel-van: metro
    bron: tekst
  metro-oud:
    naam: Oud Platform
    soort: overleg
    onderdeel-van: metro
    tot-en-met: 2016-12-31
    bron: tekst
"""
NAMEN = {
    "regio": "Regio Overleg",
    "bestuur": "Dagelijks Bestuur",
    "team": "Het Team",
    "pho": INJECTIE,
    "pho-twijfel": "# PHO Twijfel",
    "werkgroep": "Werkgroep \\ met backslash `code` & #quot; {x}",
    "metro": "Metro Regio",
    "metro-platform": "Metro Platform",
}
RELATIES = {
    ("org_regio", "deelregio van", "org_metro"),
    ("org_bestuur", "dagelijks bestuur van", "org_regio"),
    ("org_bestuur", "vertegenwoordigt in", "org_metro_platform"),
    ("fun_secretaris", "ondersteunt", "org_bestuur"),
    ("org_team", "organiseert aanhaking bij", "org_metro"),
    ("org_pho", "bereidt voor", "org_metro_platform"),
    ("fun_adviseur", "ondersteunt", "org_pho"),
    ("org_pho_twijfel", "bereidt voor", "org_metro_platform"),
    ("org_werkgroep", "bereidt voor", "org_pho"),
    # Bodies that no relation or wider body places hang from their top by a plain line.
    ("org_pho", "onderdeel van", "org_regio"),
    ("org_pho_twijfel", "onderdeel van", "org_regio"),
    ("org_team", "onderdeel van", "org_regio"),
    ("org_metro_platform", "onderdeel van", "org_metro"),
}


@pytest.fixture
def bestand(schrijf) -> Path:
    return schrijf(ORGANISATIE)


def vereis_dot() -> None:
    if shutil.which("dot") is None:
        pytest.fail(
            "Graphviz ontbreekt: installeer het Debian-pakket 'graphviz' "
            "(apt-get install graphviz); deze test gebruikt het echte 'dot'."
        )


def diagram(runner, bestand: Path, *args: str):
    return runner.invoke(app, ["diagram", "-f", str(bestand), "--peildatum", PEILDATUM, *args])


# --- Mermaid: a small parser of exactly what amctl writes ----------------------------------

LABEL = r'"(?P<label>[^"]*)"'
ID = r"[a-z][a-z0-9_]*"
MERMAID_REGELS = {
    "kop": re.compile(r"flowchart TB"),
    "subgraph": re.compile(rf"subgraph (?P<id>{ID})\[{LABEL}\]"),
    "einde": re.compile(r"end"),
    "knoop": re.compile(rf'(?P<id>{ID})(?:\["(?P<label>[^"]*)"\]|\(\["(?P<functie>[^"]*)"\]\))'),
    # 'a -->|x| b' from a to b; 'a <---|x| b' from b up to a (a stands above b).
    "lijn": re.compile(rf"(?P<van>{ID}) (?P<pijl>-->|-\.->|<---|<-\.-)\|{LABEL}\| (?P<naar>{ID})"),
    "deel": re.compile(rf"(?P<boven>{ID}) (?P<pijl>---|-\.-) (?P<onder>{ID})"),
    "rang": re.compile(rf"(?P<boven>{ID}) ~~~ (?P<onder>{ID})"),
    "stijl": re.compile(r"(classDef|class|style|linkStyle) .+"),
}


def ontcijfer(label: str) -> list[str]:
    """Back from Mermaid's entity codes to the text: one string per label line."""
    regels = label.split("<br>")
    return [
        re.sub(r"#(quot|\d+);", lambda m: '"' if m[1] == "quot" else chr(int(m[1])), r)
        for r in regels
    ]


def lees_mermaid(tekst: str) -> dict:
    gelezen = {
        "knopen": {},
        "subgraphs": {},
        "lijnen": set(),
        "stippel": set(),
        "rang": set(),
        "binnen": {},
    }
    open_subgraphs: list[str] = []
    for regel in tekst.splitlines():
        regel = regel.strip()
        soort = next((s for s, p in MERMAID_REGELS.items() if p.fullmatch(regel)), None)
        assert soort is not None, f"regel past niet in de grammatica: {regel!r}"
        m = MERMAID_REGELS[soort].fullmatch(regel)
        if soort == "subgraph":
            gelezen["subgraphs"][m["id"]] = ontcijfer(m["label"])
            gelezen["binnen"][m["id"]] = list(open_subgraphs)
            open_subgraphs.append(m["id"])
        elif soort == "einde":
            open_subgraphs.pop()
        elif soort == "knoop":
            gelezen["knopen"][m["id"]] = ontcijfer(m["label"] or m["functie"])
            gelezen["binnen"][m["id"]] = list(open_subgraphs)
        elif soort == "lijn":
            (label,) = ontcijfer(m["label"])
            van, naar = (
                (m["naar"], m["van"]) if m["pijl"].startswith("<") else (m["van"], m["naar"])
            )
            gelezen["lijnen"].add((van, label, naar))
            if "." in m["pijl"]:
                gelezen["stippel"].add((van, label, naar))
        elif soort == "deel":
            gelezen["lijnen"].add((m["onder"], "onderdeel van", m["boven"]))
            if m["pijl"] == "-.-":
                gelezen["stippel"].add((m["onder"], "onderdeel van", m["boven"]))
        elif soort == "rang":
            gelezen["rang"].add((m["boven"], m["onder"]))
    assert not open_subgraphs, "een subgraph is niet gesloten"
    return gelezen


def test_mermaid_draws_every_body_as_a_node_with_its_exact_name(runner, bestand):
    resultaat = diagram(runner, bestand)
    assert resultaat.exit_code == 0, resultaat.stderr
    gelezen = lees_mermaid(resultaat.stdout)
    getekend = {**gelezen["knopen"], **gelezen["subgraphs"]}
    for orgaan_id, naam in NAMEN.items():
        assert getekend["org_" + orgaan_id.replace("-", "_")][0] == naam


def test_mermaid_draws_every_relation_support_and_lower_part_of_as_a_labelled_edge(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    assert gelezen["lijnen"] == RELATIES


def test_mermaid_labels_are_quoted_and_hold_no_character_that_could_break_out(runner, bestand):
    tekst = diagram(runner, bestand).stdout
    for label in re.findall(r'"([^"]*)"', tekst):
        zonder_regeleinden = label.replace("<br>", "")
        assert not set(zonder_regeleinden) & set('"<>|`\\'), label
    assert "GEHACKT" in tekst and "<script>" not in tekst


def test_mermaid_puts_each_body_in_the_cluster_of_its_root_named_once(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    # The frame has no title: the name stands once, on the top node.
    assert gelezen["subgraphs"]["cl_regio"] == [" "]
    assert gelezen["subgraphs"]["cl_metro"] == [" "]
    assert gelezen["knopen"]["org_regio"] == ["Regio Overleg"]
    assert gelezen["knopen"]["org_metro"] == ["Metro Regio"]
    for knoop in ("org_regio", "org_bestuur", "org_pho", "org_werkgroep", "org_team"):
        assert gelezen["binnen"][knoop][0] == "cl_regio", knoop
    for knoop in ("org_metro", "org_metro_platform"):
        assert gelezen["binnen"][knoop] == ["cl_metro"], knoop


def test_a_team_of_supporting_posts_is_a_box_around_those_posts(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    assert gelezen["subgraphs"]["org_team"] == ["Het Team"]
    assert gelezen["binnen"]["fun_secretaris"] == ["cl_regio", "org_team"]
    assert gelezen["knopen"]["fun_secretaris"] == ['secretaris "een"']


def test_part_of_is_one_line_and_none_where_a_relation_already_joins_the_two(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    onderdeel = {(van, naar) for van, label, naar in gelezen["lijnen"] if label == "onderdeel van"}
    # The werkgroep is part of the PHO and prepares for it: the relation is the one line.
    assert ("org_werkgroep", "org_pho") not in onderdeel
    # The Dagelijks Bestuur hangs from the top by its relation 'dagelijks bestuur van'.
    assert ("org_bestuur", "org_regio") not in onderdeel
    assert ("org_bestuur", "dagelijks bestuur van", "org_regio") in gelezen["lijnen"]


def test_a_disputed_body_and_its_edges_are_dashed(runner, bestand):
    tekst = diagram(runner, bestand).stdout
    gelezen = lees_mermaid(tekst)
    assert gelezen["stippel"] == {
        ("org_pho_twijfel", "bereidt voor", "org_metro_platform"),
        ("org_pho_twijfel", "onderdeel van", "org_regio"),
    }
    assert gelezen["knopen"]["org_pho_twijfel"] == ["# PHO Twijfel", "[betwist]"]
    assert re.search(r"^  class .*\borg_pho_twijfel\b.* onzeker$", tekst, re.MULTILINE)


def test_the_label_holds_composition_and_chair(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    assert gelezen["knopen"]["org_bestuur"] == [
        "Dagelijks Bestuur",
        "2 x burgemeester (een per gemeente)",  # the same words as tree, toon and the site
        "vz: burgemeester van Noord",
    ]


def test_peildatum_shows_only_bodies_and_relations_of_that_day(runner, bestand):
    nu = lees_mermaid(diagram(runner, bestand).stdout)
    toen = lees_mermaid(
        runner.invoke(app, ["diagram", "-f", str(bestand), "--peildatum", "2016-06-01"]).stdout
    )
    assert "org_metro_oud" not in nu["knopen"]
    assert toen["knopen"]["org_metro_oud"] == ["Oud Platform"]
    assert ("org_pho", "bereidt voor", "org_metro_oud") in toen["lijnen"]


def test_mermaid_text_escapes_every_special_character_once():
    assert mermaid_tekst('a"b#c<d>&|`\\') == "a#quot;b#35;c#60;d#62;#38;#124;#96;#92;"
    assert mermaid_tekst("twee\nregels") == "twee regels"


# --- DOT and Graphviz ---------------------------------------------------------------------


SVG = "{http://www.w3.org/2000/svg}"


def svg_teksten(svg: bytes) -> set[str]:
    """The text of each box of an SVG (its lines joined: a long line folds at a space), as
    a reader sees it. Parsing fails unless every name was escaped (Graphviz writes '-' as
    '&#45;' and a space run as '&#160;')."""
    boom = ET.fromstring(svg)
    return {
        " ".join(
            " ".join((e.text or "") for e in g.iter(f"{SVG}text")).replace("\xa0", " ").split()
        )
        for g in boom.iter(f"{SVG}g")
        if g.get("class") in ("node", "cluster")
    }


def in_een_vak(naam: str, teksten: set[str]) -> bool:
    """The text in one box; white space aside, since a long word folds inside itself."""
    return any("".join(naam.split()) in "".join(tekst.split()) for tekst in teksten)


def test_dot_text_escapes_backslash_and_quote():
    assert dot_tekst('a\\nb"c') == '"a\\\\nb\\"c"'


def test_dot_rendered_by_graphviz_shows_every_body_name(runner, bestand, tmp_path):
    vereis_dot()
    dot_bron = diagram(runner, bestand, "--formaat", "dot").stdout
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=dot_bron.encode(), capture_output=True, check=True, timeout=60
    ).stdout
    teksten = svg_teksten(svg)
    for naam in NAMEN.values():
        assert in_een_vak(naam, teksten), naam
    assert b"<script>" not in svg


def test_svg_is_the_same_twice(runner, bestand):
    vereis_dot()
    eerste = diagram(runner, bestand, "--formaat", "svg")
    assert eerste.exit_code == 0, eerste.stderr
    assert eerste.stdout.startswith("<?xml")
    assert diagram(runner, bestand, "--formaat", "svg").stdout == eerste.stdout


def test_png_is_written_with_uit(runner, bestand, tmp_path):
    vereis_dot()
    doel = tmp_path / "figuur.png"
    resultaat = diagram(runner, bestand, "--formaat", "png", "--uit", str(doel))
    assert resultaat.exit_code == 0, resultaat.stderr
    assert doel.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_the_shipped_data_draws_am_and_mra_in_their_own_clusters(runner, gedeeld_bestand):
    vereis_dot()
    tekst = runner.invoke(app, ["diagram", "-f", str(gedeeld_bestand), "-d", PEILDATUM]).stdout
    gelezen = lees_mermaid(tekst)
    assert gelezen["binnen"]["org_regiegroep"] == ["cl_am_overleg"]
    assert gelezen["binnen"]["fun_algemeen_regiosecretaris"] == ["cl_am_overleg", "org_am_team"]
    # Both MRA bodies that every PHO prepares for stand in one box within the MRA's frame.
    assert gelezen["binnen"]["org_mra_platforms"] == ["cl_mra", "gr_org_mra_platforms"]
    assert gelezen["binnen"]["org_mra_portefeuillehoudersoverleggen"] == [
        "cl_mra",
        "gr_org_mra_platforms",
    ]
    svg = runner.invoke(
        app, ["diagram", "-f", str(gedeeld_bestand), "-d", PEILDATUM, "--formaat", "svg"]
    ).stdout
    teksten = svg_teksten(svg.encode())
    for naam in ("Regiegroep", "AM-team", "Portefeuillehoudersoverleg Wonen", "MRA-platforms"):
        assert in_een_vak(naam, teksten), naam


def test_without_graphviz_svg_says_which_package_to_install(runner, bestand, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda programma: None)
    resultaat = diagram(runner, bestand, "--formaat", "svg")
    assert resultaat.exit_code == 2  # the data is fine: an external tool is missing
    assert "Graphviz ontbreekt" in resultaat.stderr
    assert "apt-get install graphviz" in resultaat.stderr
    assert resultaat.stdout == ""


# --- --uit --------------------------------------------------------------------------------


def test_uit_writes_the_file_and_names_the_data_it_drew(runner, bestand, tmp_path):
    doel = tmp_path / "figuur.mmd"
    resultaat = diagram(runner, bestand, "--uit", str(doel))
    assert resultaat.exit_code == 0, resultaat.stderr
    assert resultaat.stdout.startswith(f"Figuur van '{bestand}' geschreven naar '{doel}' (")
    merk, figuur = doel.read_text(encoding="utf-8").split("\n", 1)
    assert merk == "%% Gegenereerd door 'amctl diagram'; wijzig de gegevens en maak het opnieuw."
    assert figuur == diagram(runner, bestand).stdout


def test_uit_into_a_missing_folder_is_a_dutch_usage_error(runner, bestand, tmp_path):
    doel = tmp_path / "bestaat-niet" / "figuur.dot"
    resultaat = diagram(runner, bestand, "--formaat", "dot", "--uit", str(doel))
    assert resultaat.exit_code == 2
    assert "bestaat niet" in resultaat.stderr
    assert not doel.parent.exists()


def test_uit_keeps_the_old_file_and_leaves_no_temporary_file_when_the_rename_fails(
    runner, bestand, tmp_path, monkeypatch
):
    map_ = tmp_path / "uit"
    map_.mkdir()
    doel = map_ / "figuur.dot"
    oud = "// Gegenereerd door 'amctl diagram'; een oude figuur.\n"
    doel.write_text(oud, encoding="utf-8")

    def weigeren(bron, doel):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", weigeren)
    resultaat = diagram(runner, bestand, "--formaat", "dot", "--uit", str(doel))
    assert resultaat.exit_code == 2
    assert "Kan" in resultaat.stderr and "ongewijzigd" in resultaat.stderr
    assert doel.read_text(encoding="utf-8") == oud
    assert [p.name for p in map_.iterdir()] == ["figuur.dot"]


# --- a relation listed twice ----------------------------------------------------------------


@pytest.fixture
def dubbele_relatie(schrijf, gedeeld_bestand):
    """The shipped file with the PHO Wonen's 'bereidt-voor: mra-platforms' listed twice."""
    tekst = gedeeld_bestand.read_text(encoding="utf-8")
    kop = "  pho-wonen:\n"
    relatie = "      - bereidt-voor: mra-platforms\n"
    begin = tekst.index(kop)
    plek = tekst.index(relatie, begin)
    dubbel = tekst[:plek] + relatie + tekst[plek:]
    return schrijf(dubbel), tekst[:plek].count("\n") + 1


def test_a_relation_listed_twice_is_reported_by_am330(runner, dubbele_relatie):
    pad, regel = dubbele_relatie

    resultaat = runner.invoke(app, ["validate", str(pad)])

    assert resultaat.exit_code == 0, resultaat.output
    assert resultaat.stdout.startswith(
        f"{pad}:{regel + 1}:9: AM330 [waarschuwing] 'pho-wonen' noemt de "
    )
    assert f"twee keer voor dezelfde tijd (ook op regel {regel})" in resultaat.stdout


def test_a_relation_listed_twice_is_drawn_and_shown_once(runner, dubbele_relatie):
    pad, _ = dubbele_relatie
    # Every PHO prepares for both MRA bodies: one line to the box that holds both.
    lijn = '  gr_org_mra_platforms <---|"bereidt voor"| org_pho_wonen'

    mermaid = runner.invoke(app, ["diagram", "-f", str(pad), "-d", "2026-11-30"]).stdout
    boom = json.loads(runner.invoke(app, ["tree", "--json", "-f", str(pad)]).stdout)
    kaart = runner.invoke(app, ["toon", "pho-wonen", "-f", str(pad)]).stdout

    assert mermaid.splitlines().count(lijn) == 1
    (pho,) = [o for o in boom["organen"][0]["onderdelen"] if o["id"] == "pho-wonen"]
    assert [r["naar"] for r in pho["relaties"]].count("mra-platforms") == 1
    getoond = [r for r in kaart.splitlines() if r.startswith("  -> bereidt voor: MRA-platforms")]
    assert getoond == ["  -> bereidt voor: MRA-platforms (bron: brontekst)"]


# --- the chart as Graphviz lays it out (dot -Tjson) ----------------------------------------


class Opmaak(NamedTuple):
    """What Graphviz made of the DOT text: node centres and boxes, frames, lines, header."""

    midden: dict[str, tuple[float, float]]  # y grows upwards
    maat: dict[str, tuple[float, float]]  # half width and half height, in points
    kader: dict[str, tuple[float, float, float, float]]  # x0, y0, x1, y1
    lijnen: list[tuple[str, str, str, list[tuple[float, float]]]]  # tail, head, style, points
    kop: list[str]  # the lines of the title label
    einden: list[tuple[str, str]]  # per line: tail and head, or the box it is clipped at


def opmaak(dot_bron: str) -> Opmaak:
    vereis_dot()
    uit = subprocess.run(
        ["dot", "-Tjson"], input=dot_bron.encode(), capture_output=True, check=True, timeout=60
    )
    gegevens = json.loads(uit.stdout)
    objecten = gegevens["objects"]
    midden, maat, kader = {}, {}, {}
    for obj in objecten:
        if "pos" in obj:
            x, y = map(float, obj["pos"].split(","))
            midden[obj["name"]] = (x, y)
            maat[obj["name"]] = (float(obj["width"]) * 36, float(obj["height"]) * 36)
        elif obj["name"].startswith("cluster_"):
            kader[obj["name"][len("cluster_") :]] = tuple(map(float, obj["bb"].split(",")))
    lijnen, einden = [], []
    for lijn in gegevens.get("edges", []):
        punten = [
            tuple(map(float, p.split(",")))
            for p in lijn["pos"].split()
            if not p.startswith(("e,", "s,"))
        ]
        staart, kop = objecten[lijn["tail"]]["name"], objecten[lijn["head"]]["name"]
        lijnen.append((staart, kop, lijn.get("style", ""), punten))
        einden.append((lijn.get("ltail", staart), lijn.get("lhead", kop)))
    kop = [op["text"] for op in gegevens.get("_ldraw_", []) if op["op"] == "T"]
    return Opmaak(midden, maat, kader, lijnen, kop, einden)


def pho_lijnen(o: Opmaak, naar_frame: str) -> list[tuple[str, str, list]]:
    """(PHO, body of the other frame, polyline) of every line between the two."""
    x0, y0, x1, y1 = o.kader[naar_frame]

    def in_frame(naam):
        x, y = o.midden[naam]
        return x0 <= x <= x1 and y0 <= y <= y1

    uit = []
    for staart, kop, stijl, punten in o.lijnen:
        for pho, ander in ((staart, kop), (kop, staart)):
            if pho.startswith("org_pho") and in_frame(ander) and stijl != "invis":
                uit.append((pho, ander, punten))
    return uit


def bezier(punten: list[tuple[float, float]], stappen: int = 16) -> list[tuple[float, float]]:
    """Graphviz's spline (a start point, then three control points per cubic piece) as a
    polyline."""
    uit = [punten[0]]
    for begin in range(0, len(punten) - 3, 3):
        p0, p1, p2, p3 = punten[begin : begin + 4]
        for stap in range(1, stappen + 1):
            t = stap / stappen
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            uit.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return uit


def snijden(lijn_a: list, lijn_b: list, marge: float = 4.0) -> bool:
    """Whether two polylines cross, at a point more than `marge` points from the ends of
    both: two lines that meet at the body they both end at touch there; they do not cross."""

    def kant(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    einden = [lijn_a[0], lijn_a[-1], lijn_b[0], lijn_b[-1]]
    for p, q in itertools.pairwise(lijn_a):
        for r, t in itertools.pairwise(lijn_b):
            d1, d2, d3, d4 = kant(p, q, r), kant(p, q, t), kant(r, t, p), kant(r, t, q)
            if d1 * d2 < 0 and d3 * d4 < 0:
                f = d3 / (d3 - d4)
                x, y = p[0] + f * (q[0] - p[0]), p[1] + f * (q[1] - p[1])
                if all(math.dist((x, y), e) > marge for e in einden):
                    return True
    return False


class Kruisingen(NamedTuple):
    zelfde_doel: list[tuple[str, str, str]]  # (source, source, end) of lines that cross
    totaal: int  # pairs of crossing lines
    ondergrens: int  # pairs that must cross whichever way the chart is drawn


def pho_kruisingen(o: Opmaak) -> Kruisingen:
    """Crossings between the lines of different PHOs to bodies of another frame.

    What "where the data allows it" means here: the chart is top-down, so the PHOs stand in
    a row and the bodies they prepare for stand above them. Two lines that end at the same
    body (or the same box) can always be drawn without crossing, whatever the order of the
    row, so any crossing between them counts against the chart. Lines to two different
    ends may have to cross: when PHOs a and b both go to ends x and y, then whichever way
    a, b and x, y are ordered, one of a->y, b->x crosses one of a->x, b->y (K2,2 drawn in
    two rows crosses once). The lower bound is therefore, over every pair of ends, the
    number of pairs of PHOs that go to both; the chart may have no more crossing pairs of
    lines than that."""

    def frame(naam: str) -> str | None:
        x, y = o.midden[naam]
        binnen = (
            f
            for f, (x0, y0, x1, y1) in o.kader.items()
            if f.startswith("cl_") and x0 <= x <= x1 and y0 <= y <= y1
        )
        return next(binnen, None)

    lijnen = []
    for (staart, kop, stijl, punten), einden in zip(o.lijnen, o.einden, strict=True):
        for pho, ander, doel in ((staart, kop, einden[1]), (kop, staart, einden[0])):
            if (
                stijl != "invis"
                and pho.startswith("org_pho")
                and ander.startswith("org_")
                and frame(ander) != frame(pho)
            ):
                lijnen.append((pho, doel, bezier(punten)))
    zelfde, totaal = [], 0
    for nummer, (pho_a, doel_a, lijn_a) in enumerate(lijnen):
        for pho_b, doel_b, lijn_b in lijnen[nummer + 1 :]:
            if pho_a != pho_b and snijden(lijn_a, lijn_b):
                totaal += 1
                if doel_a == doel_b:
                    zelfde.append((pho_a, pho_b, doel_a))
    bronnen: dict[str, set[str]] = {}
    for pho, doel, _ in lijnen:
        bronnen.setdefault(doel, set()).add(pho)
    doelen = sorted(bronnen)
    ondergrens = sum(
        math.comb(len(bronnen[x] & bronnen[y]), 2)
        for i, x in enumerate(doelen)
        for y in doelen[i + 1 :]
    )
    return Kruisingen(zelfde, totaal, ondergrens)


def test_the_lines_of_the_phos_to_the_mra_do_not_cross_where_the_data_allows_it(
    runner, gedeeld_bestand
):
    """See `pho_kruisingen` for what the data allows. On the shipped file every PHO
    prepares for both MRA bodies: ten lines, of which at least ten pairs cross when drawn
    one by one; drawn as one line per PHO to the box that holds both bodies, none need to."""
    o = opmaak(
        runner.invoke(
            app, ["diagram", "-f", str(gedeeld_bestand), "-d", PEILDATUM, "--formaat", "dot"]
        ).stdout
    )
    kruisingen = pho_kruisingen(o)
    assert kruisingen.zelfde_doel == []
    assert kruisingen.totaal <= kruisingen.ondergrens
    assert kruisingen.ondergrens == 0  # one box per PHO's targets: nothing need cross


def test_the_shipped_chart_reads_top_down(runner, gedeeld_bestand):
    o = opmaak(
        runner.invoke(
            app, ["diagram", "-f", str(gedeeld_bestand), "-d", PEILDATUM, "--formaat", "dot"]
        ).stdout
    )
    y = {naam: xy[1] for naam, xy in o.midden.items()}
    x0_am, _, x1_am, _ = o.kader["cl_am_overleg"]
    am = [n for n, (x, _) in o.midden.items() if x0_am <= x <= x1_am and n != "org_am_overleg"]
    assert all(y["org_am_overleg"] > y[n] for n in am)
    assert y["org_plenair_overleg"] > y["org_regiegroep"]
    phos = [n for n in o.midden if n.startswith("org_pho_")]
    assert len(phos) == 5
    for pho in phos:
        assert y["org_regiegroep"] > y[pho]
        assert y[pho] > y[pho.replace("org_pho_", "org_werkgroep_")], pho
    # The MRA stands beside the AM (left or right, as Graphviz finds fewer crossings), its
    # top level with the AM's.
    x0_mra, _, x1_mra, _ = o.kader["cl_mra"]
    assert x1_mra < x0_am or x0_mra > x1_am
    assert y["org_mra"] == y["org_am_overleg"]
    # Each top stands inside its own frame, at the top of it (not above the frame).
    for top, kader in (("org_am_overleg", "cl_am_overleg"), ("org_mra", "cl_mra")):
        x0, y0, x1, y1 = o.kader[kader]
        x, y_top = o.midden[top]
        assert x0 < x < x1 and y0 < y_top < y1, top
        assert all(
            y_top >= yy for n, (xx, yy) in o.midden.items() if x0 <= xx <= x1 and y0 <= yy <= y1
        )


def verwachte_titel(bestand: Path) -> str:
    """The file's `titel` (the source's caption, with its provenance), or the plain title."""
    titel = yaml.safe_load(bestand.read_text(encoding="utf-8")).get("titel")
    return titel["tekst"] if titel else "Samenhang van de organen"


def test_the_shipped_chart_has_the_sources_caption_the_peildatum_and_the_legend(
    runner, gedeeld_bestand
):
    o = opmaak(
        runner.invoke(
            app, ["diagram", "-f", str(gedeeld_bestand), "-d", PEILDATUM, "--formaat", "dot"]
        ).stdout
    )
    kop = " ".join(o.kop)
    assert o.kop[0] == verwachte_titel(gedeeld_bestand)
    assert o.kop[1] == f"Stand op peildatum {PEILDATUM}"
    for uitleg in ("rechthoek: orgaan", "ovaal: functie die ondersteunt", "gestreept: betwist"):
        assert uitleg in kop


def test_each_pho_has_its_own_line_to_the_box_of_both_mra_bodies_and_dashed_stays_dashed(
    runner, gedeeld_bestand
):
    o = opmaak(
        runner.invoke(
            app, ["diagram", "-f", str(gedeeld_bestand), "-d", PEILDATUM, "--formaat", "dot"]
        ).stdout
    )
    # Every PHO prepares for both MRA bodies: each draws one line, ending at the box that
    # holds those two bodies and no other.
    x0, y0, x1, y1 = o.kader["gr_org_mra_platforms"]
    in_doos = {n for n, (x, y) in o.midden.items() if x0 <= x <= x1 and y0 <= y <= y1}
    assert in_doos == {"org_mra_platforms", "org_mra_portefeuillehoudersoverleggen"}
    phos = sorted(n for n in o.midden if n.startswith("org_pho_"))
    naar_doos = sorted(
        next(e for e in einden if e.startswith("org_pho_"))
        for einden in o.einden
        if "cluster_gr_org_mra_platforms" in einden
    )
    assert naar_doos == phos
    # A disputed PHO's line is dashed all the way: there is no junction to turn it solid.
    for (staart, kop, stijl, _), einden in zip(o.lijnen, o.einden, strict=True):
        if "org_pho_ruimte" in (staart, kop) and "cluster_gr_org_mra_platforms" in einden:
            assert stijl == "dashed"


EEN_OP_EEN = """
versie: 1
soorten:
  verband: {naam: samenwerkingsverband}
  overleg: {naam: overleg}
organen:
  regio: {naam: Regio, soort: verband}
  metro: {naam: Metro, soort: verband}
""" + "".join(
    f"""  pho-{i}:
    naam: PHO {i}
    soort: overleg
    onderdeel-van: regio
    relaties: [{{bereidt-voor: platform-{i}}}]
  werkgroep-{i}:
    naam: Werkgroep {i}
    soort: overleg
    onderdeel-van: regio
    relaties: [{{bereidt-voor: pho-{i}}}]
  platform-{i}: {{naam: Platform {i}, soort: overleg, onderdeel-van: metro}}
"""
    for i in range(5)
)


def test_a_body_of_another_frame_stands_above_the_bodies_that_prepare_for_it(runner, schrijf):
    pad = schrijf(EEN_OP_EEN, "een-op-een.yaml")
    o = opmaak(
        runner.invoke(app, ["diagram", "-f", str(pad), "-d", PEILDATUM, "--formaat", "dot"]).stdout
    )
    assert sorted((p, d) for p, d, _ in pho_lijnen(o, "cl_metro")) == [
        (f"org_pho_{i}", f"org_platform_{i}") for i in range(5)
    ]
    y = {naam: xy[1] for naam, xy in o.midden.items()}
    for i in range(5):
        assert y[f"org_platform_{i}"] > y[f"org_pho_{i}"] > y[f"org_werkgroep_{i}"]
    # Each PHO goes to a body of its own: no two of these lines need cross, and none do.
    assert pho_kruisingen(o) == Kruisingen([], 0, 0)


def test_a_derived_relation_is_dotted_with_a_mark_and_a_footnote_in_the_legend(
    runner, gedeeld_bestand
):
    bron = runner.invoke(
        app, ["diagram", "-f", str(gedeeld_bestand), "-d", "2016-06-01", "--formaat", "dot"]
    ).stdout
    o = opmaak(bron)
    stijl = {(s, k): st for s, k, st, _ in o.lijnen}
    # Drawn from the MRA body down (dir=back): the PBM stands above the PHO it is prepared by.
    assert stijl[("org_mra_pbm", "org_pho_verkeer_en_vervoer")] == "dotted"
    assert stijl[("org_mra_platforms", "org_pho_verkeer_en_vervoer")] == ""
    assert 'label="bereidt voor *"' in bron
    kop = " ".join(o.kop)
    assert "gestippeld: afgeleid of aangenomen" in kop
    assert "* afgeleid: niet zo in de bron" in kop
    gelezen = lees_mermaid(
        runner.invoke(app, ["diagram", "-f", str(gedeeld_bestand), "-d", "2016-06-01"]).stdout
    )
    assert ("org_pho_wonen", "bereidt voor *", "org_mra_pro") in gelezen["stippel"]


# --- --met-personen -----------------------------------------------------------------------

PERSONEN = """personen:
  fictief-a:
    naam: Fictief Persoon A
    functies: [{functie: burgemeester, gemeente: noord, vanaf: 2020-01-01}]
  fictief-b:
    naam: Fictief Persoon B
    functies: [{functie: burgemeester, gemeente: zuid, vanaf: 2020-01-01}]
  fictief-c:
    naam: Fictief Persoon C
    functies: [{functie: secretaris, vanaf: 2020-01-01}]
organen:
"""
MET_PERSONEN = ORGANISATIE.replace("organen:\n", PERSONEN, 1).replace(
    "voorzitter: {functie: burgemeester, gemeente: noord}",
    "voorzitter: {functie: burgemeester, gemeente: zuid}",
)


def test_met_personen_puts_the_names_in_the_boxes_chair_first(runner, schrijf):
    pad = schrijf(MET_PERSONEN, "personen.yaml")
    met = lees_mermaid(diagram(runner, pad, "--met-personen").stdout)
    assert met["knopen"]["org_bestuur"] == [
        "Dagelijks Bestuur",
        "vz: Fictief Persoon B (burgemeester van Zuid)",
        "Fictief Persoon A (burgemeester van Noord)",
    ]
    # A seat no one fills keeps its rule; a post shows who holds it.
    assert met["knopen"]["org_pho"][1:] == ["wethouder (benoemd, als portefeuillehouder)"]
    assert met["knopen"]["fun_secretaris"] == ['secretaris "een"', "Fictief Persoon C"]
    zonder = lees_mermaid(diagram(runner, pad).stdout)
    assert zonder["knopen"]["org_bestuur"] == [
        "Dagelijks Bestuur",
        "2 x burgemeester (een per gemeente)",
        "vz: burgemeester van Zuid (Fictief Persoon B)",
    ]
    assert met["lijnen"] == zonder["lijnen"]


# --- a file too large for one chart: the benchmark's M file ---------------------------------

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def m_bestand(tmp_path_factory) -> Path:
    """The benchmark's M file (300 bodies, 52 samenwerkingsverbanden), made from its seed by
    benchmarks/genereer.py as the benchmarks make it."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import genereer
    finally:
        sys.path.pop(0)
    return genereer.genereer("M", 1, tmp_path_factory.mktemp("m"))


class Verbanden(NamedTuple):
    organen: dict  # as in the YAML, of the bodies that exist on PEILDATUM
    top: dict[str, str]  # body -> its samenwerkingsverband


@pytest.fixture(scope="module")
def m_verbanden(m_bestand) -> Verbanden:
    """The bodies of the M file on PEILDATUM and the top of each, from the YAML itself."""
    alle = yaml.load(m_bestand.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["organen"]
    dag = date.fromisoformat(PEILDATUM)
    organen = {
        i: o
        for i, o in alle.items()
        if o.get("vanaf", date.min) <= dag <= o.get("tot-en-met", date.max)
    }

    def top(orgaan_id: str) -> str:
        while organen[orgaan_id].get("onderdeel-van") in organen:
            orgaan_id = organen[orgaan_id]["onderdeel-van"]
        return orgaan_id

    return Verbanden(organen, {i: top(i) for i in organen})


def knoop(orgaan_id: str) -> str:
    return "org_" + orgaan_id.replace("-", "_")


def test_a_file_too_large_for_one_chart_is_drawn_as_its_samenwerkingsverbanden(
    runner, m_bestand, m_verbanden
):
    organen, top = m_verbanden
    toppen = {i for i in organen if top[i] == i}
    assert len(organen) > MAX_KNOPEN and len(toppen) == 52

    resultaat = runner.invoke(
        app, ["diagram", "-f", str(m_bestand), "-d", PEILDATUM, "--formaat", "dot"]
    )

    assert resultaat.exit_code == 0, resultaat.stderr
    assert "te veel voor één leesbare figuur" in resultaat.stderr
    assert "--verband" in resultaat.stderr
    o = opmaak(resultaat.stdout)
    assert set(o.midden) == {knoop(i) for i in toppen}
    assert o.kader == {}
    assert o.kop[0] == verwachte_titel(m_bestand)
    assert o.kop[1].startswith("Stand op peildatum ") and "--verband" in o.kop[1]
    # A region stands below the province it is a deelregio of, with one line between them.
    y = {naam: xy[1] for naam, xy in o.midden.items()}
    deelregios = [
        (i, r["deelregio-van"])
        for i in toppen
        for r in organen[i].get("relaties", [])
        if "deelregio-van" in r
    ]
    assert deelregios
    for regio, provincie in deelregios:
        assert y[knoop(provincie)] > y[knoop(regio)]
    # Readable: the unconnected ones stand in rows below the rest, not fifty boxes in a row.
    breedte = max(x for x, _ in o.midden.values()) - min(x for x, _ in o.midden.values())
    assert breedte < 2200  # points: two screens at 100 %


def test_one_samenwerkingsverband_of_the_m_file_is_an_org_chart_that_graphviz_draws(
    runner, m_bestand, m_verbanden
):
    organen, top = m_verbanden
    grootte = {t: sum(1 for i in organen if top[i] == t) for t in set(top.values())}
    verband = max(sorted(grootte), key=grootte.get)
    argumenten = ["diagram", "-f", str(m_bestand), "-d", PEILDATUM, "--verband", verband]

    svg = runner.invoke(app, [*argumenten, "--formaat", "svg"])
    assert svg.exit_code == 0, svg.stderr
    assert in_een_vak(organen[verband]["naam"], svg_teksten(svg.stdout.encode()))
    o = opmaak(runner.invoke(app, [*argumenten, "--formaat", "dot"]).stdout)

    y = {naam: xy[1] for naam, xy in o.midden.items()}
    x0, y0, x1, y1 = o.kader["cl_" + verband.replace("-", "_")]
    # Every body of the frame is drawn: a box, or (a team of posts) a frame of its own.
    binnen = {i for i in organen if top[i] == verband}
    assert {i for i in binnen if knoop(i) in o.midden or knoop(i) in o.kader} == binnen
    for i in binnen:
        if knoop(i) not in o.midden:
            continue
        x, yy = o.midden[knoop(i)]
        assert x0 <= x <= x1 and y0 <= yy <= y1, i  # in the frame, the top too
        if i != verband:
            assert y[knoop(verband)] > y[knoop(i)], i
        ouder = organen[i].get("onderdeel-van")
        if ouder and ouder != verband:
            assert y[knoop(ouder)] > y[knoop(i)], i
        for r in organen[i].get("relaties", []):
            for soort in ("bereidt-voor", "dagelijks-bestuur-van"):
                if r.get(soort) in binnen and r[soort] != verband:
                    assert y[knoop(r[soort])] > y[knoop(i)], (i, soort)
    # The bodies outside the frame it relates to stand outside it, as plain boxes.
    buiten = {
        naar
        for i in binnen
        for r in organen[i].get("relaties", [])
        for naar in r.values()
        if isinstance(naar, str) and naar in organen and top[naar] != verband
    }
    assert buiten
    for i in buiten:
        x, yy = o.midden[knoop(i)]
        assert not (x0 <= x <= x1 and y0 <= yy <= y1), i
    assert o.kop[0] == f"{verwachte_titel(m_bestand)}: {organen[verband]['naam']}"
    assert "rechthoek: orgaan" in " ".join(o.kop)
    kruisingen = pho_kruisingen(o)
    assert kruisingen.zelfde_doel == [] and kruisingen.totaal <= kruisingen.ondergrens


def test_verband_draws_one_frame_and_the_bodies_it_relates_to_and_names_the_choices(
    runner, gedeeld_bestand
):
    mra = lees_mermaid(
        runner.invoke(
            app, ["diagram", "-f", str(gedeeld_bestand), "-d", PEILDATUM, "--verband", "mra"]
        ).stdout
    )
    # The PHOs that prepare for the MRA's bodies stand outside its frame, name only, each
    # with its line to the box of both bodies.
    assert mra["knopen"]["org_pho_wonen"] == ["Portefeuillehoudersoverleg Wonen*"]
    assert mra["binnen"]["org_pho_wonen"] == []
    assert ("org_pho_wonen", "bereidt voor", "gr_org_mra_platforms") in mra["lijnen"]
    assert "org_werkgroep_wonen" not in mra["knopen"]

    fout = runner.invoke(
        app, ["diagram", "-f", str(gedeeld_bestand), "--verband", "plenair-overleg"]
    )
    assert fout.exit_code == 2
    assert fout.stderr.startswith("amctl: 'plenair-overleg' is geen samenwerkingsverband op ")
    assert fout.stderr.rstrip().endswith("Kies uit: am-overleg, mra.")


def test_the_site_of_a_file_too_large_for_one_chart_has_one_figure_per_verband(
    runner, m_bestand, m_verbanden, tmp_path, monkeypatch
):
    """Without Graphviz (fast: the figures are drawn above), each figure is its list of lines;
    README.md has each as Mermaid."""
    organen, top = m_verbanden
    toppen = [i for i in organen if top[i] == i]
    monkeypatch.setattr(shutil, "which", lambda programma: None)
    map_ = tmp_path / "site"

    resultaat = runner.invoke(
        app, ["docs", "-f", str(m_bestand), "--uit", str(map_), "--peildatum", PEILDATUM]
    )

    assert resultaat.exit_code == 0, resultaat.stderr
    pagina = (map_ / "index.html").read_text(encoding="utf-8")
    koppen = re.findall(r'<h3 id="(verband-[^"]+|verbanden)">', pagina)
    assert koppen == ["verbanden"] + [f"verband-{i}" for i in toppen]
    assert pagina.count('<ul class="relaties">') == 1 + len(toppen)
    assert "te groot voor één leesbare figuur" in pagina
    readme = (map_ / "README.md").read_text(encoding="utf-8")
    assert readme.count("```mermaid") == 1 + len(toppen)


def test_verband_of_a_body_that_does_not_exist_on_the_date_says_so(runner, gedeeld):
    """A samenwerkingsverband founded later is no choice on an earlier date, and the message
    says why in words (not the id of a parent it does not have)."""
    tekst = gedeeld.read_text(encoding="utf-8")
    kop = "  mra:\n    naam: Metropoolregio Amsterdam\n"
    gedeeld.write_text(tekst.replace(kop, kop + "    vanaf: 2020-01-01\n"), encoding="utf-8")

    fout = runner.invoke(
        app, ["diagram", "-f", str(gedeeld), "-d", "2019-06-01", "--verband", "mra"]
    )

    assert fout.exit_code == 2, fout.stderr
    assert "'mra' is geen samenwerkingsverband op 2019-06-01: het bestaat dan niet." in fout.stderr
    assert "None" not in fout.stderr
    # Its parts that existed then stand on their own that day, as in the chart.
    assert fout.stderr.rstrip().endswith(
        "Kies uit: am-overleg, mra-platforms, mra-portefeuillehoudersoverleggen."
    )


README_FIGUUR = Path(__file__).resolve().parents[1] / "docs" / "overzicht.svg"
README_PEILDATUM = "2026-11-30"  # the date the README's figure is drawn for, pinned


def test_the_readme_figure_is_a_fresh_render_at_its_pinned_date(runner, gedeeld_bestand, tmp_path):
    """docs/overzicht.svg is what `amctl diagram --formaat svg` draws today for its date: a
    change to the data or the drawing that leaves it stale fails here (issue 24, item 7)."""
    vereis_dot()
    uit = tmp_path / "overzicht.svg"
    argumenten = ["diagram", "-f", str(gedeeld_bestand), "--formaat", "svg"]
    resultaat = runner.invoke(app, [*argumenten, "-d", README_PEILDATUM, "--uit", str(uit)])
    assert resultaat.exit_code == 0, resultaat.output
    datum = README_PEILDATUM.replace("-", "&#45;")  # as Graphviz writes it
    assert f"Stand op peildatum {datum}" in README_FIGUUR.read_text(encoding="utf-8")
    assert uit.read_bytes() == README_FIGUUR.read_bytes(), (
        "docs/overzicht.svg is verouderd: amctl diagram --formaat svg "
        f"--peildatum {README_PEILDATUM} --uit docs/overzicht.svg"
    )
    # and it marks what is derived: the three PHOs, and the support lines dotted
    figuur = README_FIGUUR.read_text(encoding="utf-8")
    assert "Portefeuillehoudersoverleg" in figuur and "Wonen*" in figuur
    assert figuur.count(">ondersteunt *</text>") == 3
