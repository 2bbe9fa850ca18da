"""Injection: names and descriptions are text in every output, whatever they contain.

Each string below goes into a gemeente's name, a body's name and description, and a person's
name. Then the terminal shows it literally (control characters as a visible \\uXXXX, never
raw), the HTML escapes it (no element or attribute of its own), the Markdown table keeps its
columns, Mermaid and DOT still parse (DOT through the real Graphviz) and JSON gives back the
exact string. Each output has its own test, so a failure names the output.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from markdown_it import MarkdownIt
from strategieen import SnelleRunner
from test_diagram import in_een_vak, lees_mermaid, svg_teksten, vereis_dot

from amctl.cli import app
from amctl.controle import controleer_tekst

PEILDATUM = "2026-01-01"
ESC = "\x1b"

INJECTIES = {
    "rich-opmaak": "[bold red]x[/]",
    "ansi-kleur": f"{ESC}[31mrood{ESC}[0m",
    "osc8-link": f"{ESC}]8;;http://evil\x07klik{ESC}]8;;\x07",
    "backspace": "echt\x08\x08\x08\x08nep",
    "bidi": "\u202egnp.exe",
    "nul": "a\x00b",
    "c1-csi": "\x9b31mrood",
    "wagenterugloop": "zichtbaar\rverborgen",
    "regelscheidingen": "een\u2028twee\x85drie",
    "html-script": "<script>alert(1)</script>",
    "html-img": "<img src=x onerror=alert(1)>",
    "html-entiteit": "&lt;b&gt; &amp; &foo; &#60;",
    "md-pijp": "a | b | c",
    "md-kop": "# kop",
    "md-link": "[link](javascript:x)",
    "md-lijst": "1. punt",
    "mermaid-label": '"] --> x',
    "mermaid-entiteit": "#quot; #35;",
    "accolades": "} x {",
    "puntkomma": "a; b -> c;",
    "nieuwe-regel": "regel\nnieuwe regel",
    "backslash": "back\\slash \\N \\l \\",
    "aanhalingstekens": "'\"`",
}

BASIS = {
    "versie": 1,
    "bronnen": {"tekst": {"titel": "Brontekst", "url": "https://example.org/"}},
    "soorten": {"verband": {"naam": "samenwerkingsverband"}, "overleg": {"naam": "overleg"}},
    "gemeenten": {"noord": {"naam": "Noord"}, "zuid": {"naam": "Zuid"}},
    "functies": {
        "burgemeester": {"naam": "burgemeester", "per-gemeente": True, "zetels": 1},
        "secretaris": {"naam": "secretaris", "zetels": 1},
    },
    "personen": {
        "p-een": {
            "naam": "Persoon Een",
            "functies": [{"functie": "burgemeester", "gemeente": "noord"}],
        }
    },
    "organen": {
        "regio": {"naam": "Regio", "soort": "verband", "bron": "tekst"},
        "bestuur": {
            "naam": "Bestuur",
            "soort": "overleg",
            "onderdeel-van": "regio",
            "omschrijving": "Het bestuur.",
            "samenstelling": [{"functie": "burgemeester", "aantal": 1}],
            "voorzitter": {"functie": "burgemeester", "gemeente": "noord"},
            "ondersteuning": [{"functie": "secretaris"}],
            "relaties": [{"dagelijks-bestuur-van": "regio"}],
            "bron": "tekst",
        },
    },
}
VELDEN = {
    "gemeente": ("gemeenten", "noord", "naam"),
    "orgaan": ("organen", "bestuur", "naam"),
    "omschrijving": ("organen", "bestuur", "omschrijving"),
    "persoon": ("personen", "p-een", "naam"),
}
ONSCHADELIJK = "Onschadelijk"  # the baseline: the same file with a plain text


def yaml_met(veld: str, tekst: str) -> str:
    """The base file with `tekst` in `veld`, written so that it reads back exactly."""
    data = copy.deepcopy(BASIS)
    *pad, sleutel = VELDEN[veld]
    doel = data
    for stap in pad:
        doel = doel[stap]
    doel[sleutel] = tekst
    yaml_tekst = yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=1000)
    assert yaml.safe_load(yaml_tekst) == data
    return yaml_tekst


# --- what each output should show ---------------------------------------------------------------

_ONZICHTBAAR = set("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
RAUW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def zichtbaar_verwacht(tekst: str) -> str:
    """A control character (C0 but tab and line feed, DEL, C1), a line or paragraph separator
    or a bidi control as a visible \\uXXXX; everything else as it is."""
    return "".join(
        f"\\u{ord(c):04x}"
        if (unicodedata.category(c) == "Cc" and c not in "\t\n") or c in _ONZICHTBAAR
        else c
        for c in tekst
    )


def eenregelig_verwacht(tekst: str) -> str:
    """One line: every run of white space one space, then control characters visible."""
    return zichtbaar_verwacht(" ".join(tekst.split()))


def geen_rauwe_tekens(uitvoer: str) -> None:
    gevonden = RAUW.findall(uitvoer)
    assert not gevonden, f"rauwe stuurtekens in de uitvoer: {gevonden!r}"


# --- the outputs, made once per field and string --------------------------------------------


class Uitvoer(NamedTuple):
    opdrachten: dict[tuple[str, ...], str]  # stdout + stderr of each command
    json: dict[tuple[str, ...], object]
    readme: str
    bestuur_md: str
    index_html: str
    mermaid: str
    svg: bytes


TERMINAL = {
    "tree": ("tree",),
    "wie-zit-in": ("wie-zit-in", "bestuur"),
    "waar-zit": ("waar-zit", "noord"),
    "organen": ("organen",),
    "toon": ("toon", "bestuur"),
}
JSON = {
    "wie-zit-in": ("wie-zit-in", "bestuur", "--json"),
    "waar-zit": ("waar-zit", "noord", "--json"),
    "tree": ("tree", "--json"),
}


@cache
def uitvoer(veld: str, tekst: str, map_: Path) -> Uitvoer:
    runner = SnelleRunner()
    werk = map_ / f"{veld}-{abs(hash(tekst))}"
    werk.mkdir()
    bestand = werk / "organisatie.yaml"
    bestand.write_text(yaml_met(veld, tekst), encoding="utf-8")
    uitslag = controleer_tekst(bestand.read_text(encoding="utf-8"))
    assert uitslag.problemen == [], uitslag.problemen

    def amctl(*args: str) -> str:
        resultaat = runner.invoke(
            app, [*args, "-f", str(bestand), "-d", PEILDATUM], env={"COLUMNS": "300"}
        )
        assert resultaat.exit_code == 0, (args, resultaat.stderr)
        return resultaat.stdout + resultaat.stderr

    opdrachten = {args: amctl(*args) for args in TERMINAL.values()}
    opdrachten |= {args: amctl(*args) for args in JSON.values()}
    opdrachten[("diagram", "--formaat", "dot")] = amctl("diagram", "--formaat", "dot")
    amctl("docs", "--uit", str(werk / "site"))
    vereis_dot()
    svg = subprocess.run(
        ["dot", "-Tsvg"],
        input=opdrachten[("diagram", "--formaat", "dot")].encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    site = werk / "site"
    return Uitvoer(
        opdrachten,
        {args: json.loads(opdrachten[args]) for args in JSON.values()},
        (site / "README.md").read_text(encoding="utf-8"),
        (site / "organen" / "bestuur.md").read_text(encoding="utf-8"),
        (site / "index.html").read_text(encoding="utf-8"),
        amctl("diagram"),
        svg,
    )


@pytest.fixture(scope="module")
def werkmap(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("injectie")


def gevallen(*velden: str) -> list:
    return [
        pytest.param(veld, tekst, id=f"{veld}-{naam}")
        for veld in velden
        for naam, tekst in INJECTIES.items()
    ]


# --- terminal ---------------------------------------------------------------------------------


def _in_terminal(uitvoer: str, tekst: str) -> None:
    """Shown literally: each line of the text (the terminal may break the text at its own
    line ends) appears as typed, control characters visible."""
    for regel in zichtbaar_verwacht(tekst).split("\n"):
        assert regel in uitvoer, (regel, uitvoer)


@pytest.mark.parametrize(("veld", "tekst"), gevallen("gemeente", "orgaan", "persoon"))
def test_tree_shows_the_text_literally(werkmap, veld, tekst):
    scherm = uitvoer(veld, tekst, werkmap).opdrachten[TERMINAL["tree"]]
    geen_rauwe_tekens(scherm)
    _in_terminal(scherm, tekst)


TABELLEN = {
    "gemeente": ["wie-zit-in", "waar-zit", "organen"],
    "orgaan": ["wie-zit-in", "waar-zit", "organen", "toon"],
    "omschrijving": ["toon"],
    "persoon": ["wie-zit-in", "waar-zit", "toon"],
}


@pytest.mark.parametrize(("veld", "tekst"), gevallen(*TABELLEN))
def test_tables_and_cards_show_the_text_literally(werkmap, veld, tekst):
    gemaakt = uitvoer(veld, tekst, werkmap)
    for opdracht in TABELLEN[veld]:
        scherm = gemaakt.opdrachten[TERMINAL[opdracht]]
        geen_rauwe_tekens(scherm)
        _in_terminal(scherm, tekst)


SGR = re.compile("\x1b\\[[0-9;]*m")  # rich's own colour codes


@pytest.mark.parametrize(("veld", "tekst"), gevallen(*TABELLEN))
def test_the_coloured_terminal_view_shows_the_text_literally(werkmap, veld, tekst):
    """With colour (a terminal, or FORCE_COLOR) rich draws the views: its own colour codes are
    the only raw control characters, and the text shows as typed."""
    bestand = werkmap / f"kleur-{veld}-{abs(hash(tekst))}.yaml"
    bestand.write_text(yaml_met(veld, tekst), encoding="utf-8")
    opdrachten = TABELLEN[veld] + (["tree"] if veld != "omschrijving" else [])
    for opdracht in opdrachten:
        resultaat = SnelleRunner().invoke(
            app,
            [*TERMINAL[opdracht], "-f", str(bestand), "-d", PEILDATUM],
            env={"FORCE_COLOR": "1", "COLUMNS": "300"},
        )
        assert resultaat.exit_code == 0, resultaat.stderr
        assert SGR.search(resultaat.stdout), "FORCE_COLOR geeft kleur: controle van de test"
        scherm = SGR.sub("", resultaat.stdout)
        geen_rauwe_tekens(scherm)
        _in_terminal(scherm, tekst)


# --- JSON -------------------------------------------------------------------------------------

JSON_WAARDEN = {
    "gemeente": [
        (JSON["wie-zit-in"], lambda d: d["leden"][0]["functie_naam"], "burgemeester van {}"),
        (JSON["waar-zit"], lambda d: d["wie"]["naam"], "{}"),
    ],
    "orgaan": [
        (JSON["wie-zit-in"], lambda d: d["orgaan"]["naam"], "{}"),
        (JSON["tree"], lambda d: d["organen"][0]["onderdelen"][0]["naam"], "{}"),
    ],
    "persoon": [
        (JSON["wie-zit-in"], lambda d: d["leden"][0]["persoon"], "{}"),
        (JSON["tree"], lambda d: d["organen"][0]["onderdelen"][0]["voorzitter"]["persoon"], "{}"),
    ],
}


@pytest.mark.parametrize(("veld", "tekst"), gevallen(*JSON_WAARDEN))
def test_json_gives_back_the_exact_string(werkmap, veld, tekst):
    gemaakt = uitvoer(veld, tekst, werkmap)
    for opdracht, waarde, vorm in JSON_WAARDEN[veld]:
        assert waarde(gemaakt.json[opdracht]) == vorm.format(tekst), opdracht


def _json_onzichtbaar(tekst: str) -> bool:
    return bool(re.search("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", tekst))


@pytest.mark.parametrize(
    ("veld", "tekst"),
    [p for p in gevallen(*JSON_WAARDEN)],
)
def test_json_on_a_terminal_holds_no_raw_control_character(werkmap, veld, tekst):
    gemaakt = uitvoer(veld, tekst, werkmap)
    for opdracht in JSON.values():
        geen_rauwe_tekens(gemaakt.opdrachten[opdracht])


# --- HTML -------------------------------------------------------------------------------------


class Html(HTMLParser):
    """Every element with its attributes, and the text as a browser shows it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elementen: list[tuple[str, tuple[str, ...]]] = []
        self.waarden: list[str] = []
        self.tekst: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elementen.append((tag, tuple(sorted(naam for naam, _ in attrs))))
        self.waarden += [waarde or "" for _, waarde in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.tekst.append(data)


def lees_html(tekst: str) -> Html:
    lezer = Html()
    lezer.feed(tekst)
    lezer.close()
    return lezer


def zonder_tekstregels(elementen: list[tuple[str, tuple[str, ...]]]) -> Counter:
    return Counter(e for e in elementen if e[0] != "text")


HTML_TEKST = {
    "gemeente": "burgemeester van {}: Persoon Een",
    "orgaan": "{}",
    "omschrijving": "{}",
    "persoon": "burgemeester van Noord: {}",
}


@pytest.mark.parametrize(("veld", "tekst"), gevallen(*HTML_TEKST))
def test_html_escapes_the_text_and_shows_it(werkmap, veld, tekst):
    html = lees_html(uitvoer(veld, tekst, werkmap).index_html)
    schoon = lees_html(uitvoer(veld, ONSCHADELIJK, werkmap).index_html)
    # The figure folds a long line of a box at a space: the number of SVG text lines may
    # differ, every other element may not.
    assert zonder_tekstregels(html.elementen) == zonder_tekstregels(schoon.elementen)
    assert not any(w.strip().lower().startswith("javascript:") for w in html.waarden)
    verwacht = zichtbaar_verwacht(re.sub(r"\s+", " ", HTML_TEKST[veld].format(tekst)))
    assert verwacht in "".join(html.tekst)


# --- Markdown ---------------------------------------------------------------------------------


class Cellen(HTMLParser):
    """The cells of every table row, and every list item, as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rijen: list[list[str]] = []
        self.items: list[str] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rijen.append([])
        if tag in ("td", "th", "li"):
            self._open.append([])

    def handle_endtag(self, tag):
        if tag in ("td", "th", "li") and self._open:
            tekst = "".join(self._open.pop())
            (self.rijen[-1].append if tag != "li" else self.items.append)(tekst)

    def handle_data(self, data):
        for open_ in self._open:
            open_.append(data)


def markdown(tekst: str) -> tuple[str, Cellen]:
    html = MarkdownIt("commonmark").enable("table").render(tekst)
    cellen = Cellen()
    cellen.feed(html)
    return html, cellen


def md_verwacht(tekst: str) -> str:
    return zichtbaar_verwacht(re.sub(r"\s+", " ", tekst).strip())


@pytest.mark.parametrize(("veld", "tekst"), gevallen("gemeente", "orgaan"))
def test_markdown_table_keeps_its_columns_and_shows_the_text(werkmap, veld, tekst):
    html, cellen = markdown(uitvoer(veld, tekst, werkmap).readme)
    schoon, _ = markdown(uitvoer(veld, ONSCHADELIJK, werkmap).readme)
    assert Counter(lees_html(html).elementen) == Counter(lees_html(schoon).elementen)
    kop, *rijen = cellen.rijen
    assert [len(rij) for rij in rijen] == [len(kop)] * 2
    bestuur = dict(zip(kop, rijen[1], strict=True))
    if veld == "gemeente":
        assert bestuur["Voorzitter"] == md_verwacht(f"burgemeester van {tekst}")
    else:
        assert bestuur["Orgaan"] == md_verwacht(tekst)


MD_ITEM = {  # the chair's item, with its source
    "gemeente": "burgemeester van {}: Persoon Een (bron: tekst)",
    "omschrijving": "Omschrijving: {}",
    "persoon": "burgemeester van Noord: {} (bron: tekst)",
}


@pytest.mark.parametrize(("veld", "tekst"), gevallen(*MD_ITEM))
def test_markdown_page_shows_the_text_in_its_list(werkmap, veld, tekst):
    html, cellen = markdown(uitvoer(veld, tekst, werkmap).bestuur_md)
    schoon, _ = markdown(uitvoer(veld, ONSCHADELIJK, werkmap).bestuur_md)
    assert Counter(lees_html(html).elementen) == Counter(lees_html(schoon).elementen)
    assert md_verwacht(MD_ITEM[veld].format(tekst)) in cellen.items


# --- Mermaid and DOT --------------------------------------------------------------------------

# Which line of the body's label (the name first, the chair last) shows the text.
DIAGRAM_REGEL = {
    "gemeente": (-1, "vz: burgemeester van {} (Persoon Een)"),
    "orgaan": (0, "{}"),
    "persoon": (-1, "vz: burgemeester van Noord ({})"),
}


@pytest.mark.parametrize(("veld", "tekst"), gevallen(*DIAGRAM_REGEL))
def test_mermaid_parses_and_shows_the_text(werkmap, veld, tekst):
    gelezen = lees_mermaid(uitvoer(veld, tekst, werkmap).mermaid)
    schoon = lees_mermaid(uitvoer(veld, ONSCHADELIJK, werkmap).mermaid)
    assert gelezen["lijnen"] == schoon["lijnen"]
    assert gelezen["binnen"] == schoon["binnen"]
    label = gelezen["knopen"]["org_bestuur"]
    assert len(label) == len(schoon["knopen"]["org_bestuur"])
    nummer, vorm = DIAGRAM_REGEL[veld]
    assert label[nummer] == eenregelig_verwacht(vorm.format(tekst))


def _svg_structuur(svg: bytes) -> Counter:
    boom = ET.fromstring(svg)
    return Counter(
        (g.get("class"), g.findtext("{http://www.w3.org/2000/svg}title"))
        for g in boom.iter("{http://www.w3.org/2000/svg}g")
    )


@pytest.mark.parametrize(("veld", "tekst"), gevallen(*DIAGRAM_REGEL))
def test_dot_renders_with_graphviz_and_shows_the_text(werkmap, veld, tekst):
    gemaakt = uitvoer(veld, tekst, werkmap)
    assert _svg_structuur(gemaakt.svg) == _svg_structuur(uitvoer(veld, ONSCHADELIJK, werkmap).svg)
    _, vorm = DIAGRAM_REGEL[veld]
    assert in_een_vak(eenregelig_verwacht(vorm.format(tekst)), svg_teksten(gemaakt.svg))


# --- validate's own messages ------------------------------------------------------------------


@pytest.mark.parametrize("formaat", ["tekst", "json", "github"])
@pytest.mark.parametrize("naam", [n for n, t in INJECTIES.items() if RAUW.search(t)])
def test_validate_messages_hold_no_raw_control_character(schrijf, formaat, naam):
    """An unknown key is quoted in the message (AM103): in every format it stays text."""
    sleutel = json.dumps(INJECTIES[naam])  # a JSON string is a YAML double-quoted scalar
    pad = schrijf(f"versie: 1\ngemeenten:\n  noord:\n    naam: Noord\n    {sleutel}: x\n")
    resultaat = SnelleRunner().invoke(app, ["validate", "--formaat", formaat, str(pad)])
    assert resultaat.exit_code == 1
    assert "AM103" in resultaat.stdout
    geen_rauwe_tekens(resultaat.stdout + resultaat.stderr)
    if formaat == "json":
        (probleem,) = json.loads(resultaat.stdout)
        assert INJECTIES[naam] in probleem["melding"]


@pytest.mark.parametrize(
    "teken", ["\x00", "\x07", ESC, "\x08", "\x7f", "\x9b"], ids=lambda t: f"U+{ord(t):04X}"
)
def test_a_raw_control_character_in_the_file_is_am003_naming_it(schrijf, teken):
    """YAML itself forbids these characters unescaped; the loader says which and where."""
    pad = schrijf(f"versie: 1\ngemeenten:\n  noord:\n    naam: No{teken}ord\n".encode())
    resultaat = SnelleRunner().invoke(app, ["validate", str(pad)])
    assert resultaat.exit_code == 1
    assert f"{pad}:4:" in resultaat.stdout
    assert f"AM003 [fout] Het teken U+{ord(teken):04X} is niet toegestaan" in resultaat.stdout
    geen_rauwe_tekens(resultaat.stdout)


def test_a_raw_bidi_override_is_valid_yaml_and_shown_visibly(schrijf):
    pad = schrijf("versie: 1\ngemeenten:\n  noord:\n    naam: \u202eNoord\n")
    assert controleer_tekst(pad.read_text(encoding="utf-8")).problemen == []
    resultaat = SnelleRunner().invoke(app, ["waar-zit", "noord", "-f", str(pad), "-d", PEILDATUM])
    assert resultaat.exit_code == 0
    assert "\\u202eNoord" in resultaat.stdout
    geen_rauwe_tekens(resultaat.stdout)
