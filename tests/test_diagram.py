"""`amctl diagram`: Mermaid structure and escaping, DOT through the real Graphviz, --uit.

Graphviz is required: CI installs Debian's 'graphviz'. Without `dot` the tests that need it
fail and say what to install; they are never skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from amctl.cli import app
from amctl.weergave.diagram import dot_tekst, mermaid_tekst

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
    ("org_werkgroep", "onderdeel van", "org_pho"),
    ("org_werkgroep", "bereidt voor", "org_pho"),
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
    "kop": re.compile(r"flowchart LR"),
    "subgraph": re.compile(rf"subgraph (?P<id>{ID})\[{LABEL}\]"),
    "einde": re.compile(r"end"),
    "knoop": re.compile(rf'(?P<id>{ID})(?:\["(?P<label>[^"]*)"\]|\(\["(?P<functie>[^"]*)"\]\))'),
    "lijn": re.compile(rf"(?P<van>{ID}) (?P<pijl>-->|-\.->)\|{LABEL}\| (?P<naar>{ID})"),
    "stijl": re.compile(r"(classDef|class|style) .+"),
}


def ontcijfer(label: str) -> list[str]:
    """Back from Mermaid's entity codes to the text: one string per label line."""
    regels = label.split("<br>")
    return [
        re.sub(r"#(quot|\d+);", lambda m: '"' if m[1] == "quot" else chr(int(m[1])), r)
        for r in regels
    ]


def lees_mermaid(tekst: str) -> dict:
    gelezen = {"knopen": {}, "subgraphs": {}, "lijnen": set(), "stippel": set(), "binnen": {}}
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
            gelezen["lijnen"].add((m["van"], label, m["naar"]))
            if m["pijl"] == "-.->":
                gelezen["stippel"].add((m["van"], label, m["naar"]))
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


def test_mermaid_puts_each_body_in_the_cluster_of_its_root(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    assert gelezen["subgraphs"]["cl_regio"] == ["Regio Overleg"]
    assert gelezen["subgraphs"]["cl_metro"] == ["Metro Regio"]
    for knoop in ("org_regio", "org_bestuur", "org_pho", "org_werkgroep", "org_team"):
        assert gelezen["binnen"][knoop][0] == "cl_regio", knoop
    for knoop in ("org_metro", "org_metro_platform"):
        assert gelezen["binnen"][knoop] == ["cl_metro"], knoop


def test_a_team_of_supporting_posts_is_a_box_around_those_posts(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    assert gelezen["subgraphs"]["org_team"] == ["Het Team"]
    assert gelezen["binnen"]["fun_secretaris"] == ["cl_regio", "org_team"]
    assert gelezen["knopen"]["fun_secretaris"] == ['secretaris "een"']


def test_part_of_the_root_is_shown_by_the_cluster_not_by_an_edge(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    onderdeel = {(van, naar) for van, label, naar in gelezen["lijnen"] if label == "onderdeel van"}
    assert onderdeel == {("org_werkgroep", "org_pho")}


def test_a_disputed_body_and_its_edges_are_dashed(runner, bestand):
    tekst = diagram(runner, bestand).stdout
    gelezen = lees_mermaid(tekst)
    assert gelezen["stippel"] == {("org_pho_twijfel", "bereidt voor", "org_metro_platform")}
    assert gelezen["knopen"]["org_pho_twijfel"] == ["# PHO Twijfel", "[betwist]"]
    assert re.search(r"^  class .*\borg_pho_twijfel\b.* onzeker$", tekst, re.MULTILINE)


def test_the_label_holds_composition_and_chair(runner, bestand):
    gelezen = lees_mermaid(diagram(runner, bestand).stdout)
    assert gelezen["knopen"]["org_bestuur"] == [
        "Dagelijks Bestuur",
        "2 x burgemeester",
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


def svg_teksten(svg: bytes) -> set[str]:
    """The text lines of an SVG, as a reader sees them. Parsing fails unless every name was
    escaped (Graphviz writes '-' as '&#45;' and a space run as '&#160;')."""
    boom = ET.fromstring(svg)
    return {
        " ".join((e.text or "").replace("\xa0", " ").split())
        for e in boom.iter("{http://www.w3.org/2000/svg}text")
    }


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
        assert " ".join(naam.split()) in teksten, naam
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
    assert gelezen["binnen"]["org_mra_platforms"] == ["cl_mra"]
    svg = runner.invoke(
        app, ["diagram", "-f", str(gedeeld_bestand), "-d", PEILDATUM, "--formaat", "svg"]
    ).stdout
    teksten = svg_teksten(svg.encode())
    for naam in ("Regiegroep", "AM-team", "Portefeuillehoudersoverleg Wonen", "MRA-platforms"):
        assert naam in teksten


def test_without_graphviz_svg_says_which_package_to_install(runner, bestand, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda programma: None)
    resultaat = diagram(runner, bestand, "--formaat", "svg")
    assert resultaat.exit_code == 1
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
    assert resultaat.stdout.startswith(f"{pad}:{regel + 1}:9: AM330 'pho-wonen' noemt de ")
    assert f"twee keer voor dezelfde tijd (ook op regel {regel})" in resultaat.stdout


def test_a_relation_listed_twice_is_drawn_and_shown_once(runner, dubbele_relatie):
    pad, _ = dubbele_relatie
    lijn = '  org_pho_wonen -->|"bereidt voor"| org_mra_platforms'

    mermaid = runner.invoke(app, ["diagram", "-f", str(pad), "-d", "2026-11-30"]).stdout
    boom = json.loads(runner.invoke(app, ["tree", "--json", "-f", str(pad)]).stdout)
    kaart = runner.invoke(app, ["toon", "pho-wonen", "-f", str(pad)]).stdout

    assert mermaid.splitlines().count(lijn) == 1
    (pho,) = [o for o in boom["organen"][0]["onderdelen"] if o["id"] == "pho-wonen"]
    assert [r["naar"] for r in pho["relaties"]].count("mra-platforms") == 1
    getoond = [r for r in kaart.splitlines() if r.startswith("  -> bereidt voor: MRA-platforms")]
    assert getoond == ["  -> bereidt voor: MRA-platforms (bron: brontekst)"]
