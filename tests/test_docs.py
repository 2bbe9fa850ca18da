"""`amctl docs`: the generated overview (Markdown and one HTML page), its escaping, its
determinism and `--controleer` for CI.

index.html is opened in a real headless Chromium, and the figure made by the real Graphviz:
CI installs Debian's 'chromium' and 'graphviz'. Without them the tests fail and say what to
install; they are never skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pytest
from markdown_it import MarkdownIt
from test_diagram import verwachte_titel

from amctl.cli import app
from amctl.weergave.site import md_tekst

PEILDATUM = "2026-01-01"
INJECTIE = "PHO \"] --> x } <script>document.body.innerHTML='GEHACKT'</script> | pijp"

ORGANISATIE = r"""
versie: 1
bronnen:
  tekst:
    titel: "Brontekst <b>vet</b>"
    url: "javascript:alert(1)"
  web:
    titel: Website
    url: https://example.org/
soorten:
  verband: {naam: samenwerkingsverband}
  bestuur: {naam: bestuur}
  overleg: {naam: overleg}
gemeenten:
  noord: {naam: Noord}
functies:
  burgemeester: {naam: burgemeester, per-gemeente: true, zetels: 1}
  wethouder: {naam: wethouder, per-gemeente: true}
  secretaris: {naam: secretaris, zetels: 1}
personen:
  fictief-a:
    naam: Fictief Persoon A
    functies:
      - {functie: burgemeester, gemeente: noord, vanaf: 2020-01-01}
organen:
  regio:
    naam: Regio Overleg
    soort: verband
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
    bron: tekst
  pho:
    naam: "PHO \"] --> x } <script>document.body.innerHTML='GEHACKT'</script> | pijp"
    soort: overleg
    onderdeel-van: regio
    samenstelling:
      - {functie: wethouder, wijze: benoemd, rol: portefeuillehouder}
    relaties:
      - bereidt-voor: platform
    bron: web
  twijfel:
    naam: "# PHO Twijfel\nop twee regels"
    soort: overleg
    status: betwist
    onderdeel-van: regio
    relaties:
      - bereidt-voor: platform
    bron: tekst
  metro:
    naam: Metro Regio
    soort: verband
    bron: web
  platform:
    naam: Metro Platform
    soort: overleg
    onderdeel-van: metro
    bron: web
tegenstrijdigheden:
  bestaat-twijfel:
    onderwerp: Bestaat het PHO Twijfel?
    uitspraken:
      - tekst: Het PHO Twijfel bestaat.
        bron: tekst
        plaats: hoofdtekst
      - tekst: Er komt misschien een PHO Twijfel.
        bron: web
    betreft: [twijfel]
"""
NAMEN = [
    "Regio Overleg",
    "Dagelijks Bestuur",
    INJECTIE,
    "# PHO Twijfel op twee regels",
    "Metro Regio",
    "Metro Platform",
]
GEDEELD = Path(__file__).resolve().parent.parent / "data" / "organisatie.yaml"
PAGINAS = ["regio", "bestuur", "pho", "twijfel", "metro", "platform"]


def vereis(programma: str, pakket: str) -> str:
    pad = shutil.which(programma)
    if pad is None:
        pytest.fail(
            f"{programma} ontbreekt: installeer het Debian-pakket '{pakket}' "
            f"(apt-get install {pakket}); deze test heeft het echt nodig."
        )
    return pad


def maak(runner, bestand: Path, map_: Path, *args: str):
    return runner.invoke(
        app, ["docs", "-f", str(bestand), "--uit", str(map_), "--peildatum", PEILDATUM, *args]
    )


def controleer(runner, bestand: Path, map_: Path, *args: str):
    return runner.invoke(app, ["docs", "-f", str(bestand), "--controleer", str(map_), *args])


@pytest.fixture
def bestand(schrijf) -> Path:
    return schrijf(ORGANISATIE)


@pytest.fixture
def site(runner, bestand, tmp_path) -> Path:
    vereis("dot", "graphviz")
    map_ = tmp_path / "site"
    resultaat = maak(runner, bestand, map_)
    assert resultaat.exit_code == 0, resultaat.stderr
    return map_


def gelijk(tekst: str) -> str:
    return " ".join(tekst.split())


# --- the Markdown pages -------------------------------------------------------------------


def test_docs_writes_readme_a_page_per_body_and_index_html(site):
    gemaakt = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    pagina_s = ["README.md", "index.html", *(f"organen/{p}.md" for p in PAGINAS)]
    assert gemaakt == sorted([".amctl-bestanden", *pagina_s])
    manifest = (site / ".amctl-bestanden").read_text(encoding="utf-8").splitlines()
    assert manifest[1:] == sorted(pagina_s)


def test_readme_embeds_the_mermaid_figure_and_says_from_when_it_holds(site):
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert "```mermaid\nflowchart TB\n" in readme
    # The last change on or before the peildatum: Fictief Persoon A became burgemeester.
    assert "<!-- amctl docs: stand 2020-01-01 t/m - -->" in readme
    assert "Deze stand geldt vanaf 2020-01-01; het bestand legt daarna geen wijziging vast." in (
        readme
    )
    assert "## Wat komt er aan\n\nHet bestand legt geen wijziging na deze stand vast.\n" in readme


def test_readme_table_has_a_row_per_body_that_injected_text_cannot_break(site):
    html = (
        MarkdownIt("commonmark")
        .enable("table")
        .render((site / "README.md").read_text(encoding="utf-8"))
    )
    tabel = Tabellen()
    tabel.feed(html)
    kop, *rijen = tabel.rijen
    assert kop[0] == "Orgaan"
    assert [len(rij) for rij in rijen] == [len(kop)] * len(PAGINAS)
    assert [gelijk(rij[0]) for rij in rijen] == NAMEN
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markdown_text_escapes_cell_separator_line_ends_and_a_leading_hash():
    assert md_tekst("a|b\nc") == "a\\|b c"
    assert md_tekst("# kop") == "\\# kop"
    assert md_tekst("1. punt") == "1\\. punt"
    assert md_tekst("<b>&amp;</b>") == "\\<b\\>\\&amp;\\</b\\>"


def test_body_page_shows_composition_chair_support_relations_and_sources(site):
    pagina = (site / "organen" / "bestuur.md").read_text(encoding="utf-8")
    assert pagina.startswith("<!-- Gegenereerd door 'amctl docs'")
    assert "# Dagelijks Bestuur\n" in pagina
    zetels = "- 1 x burgemeester (een per gemeente)\n  - burgemeester van Noord: Fictief Persoon A"
    assert zetels in pagina
    voorzitter = "## Voorzitter\n\n- burgemeester van Noord: Fictief Persoon A (bron: tekst)\n"
    assert voorzitter in pagina
    assert "## Ondersteuning\n\n- secretaris (bron: tekst)\n" in pagina
    assert "- dagelijks bestuur van [Regio Overleg](regio.md)\n" in pagina
    assert "- tekst: Brontekst \\<b\\>vet\\</b\\>\n" in pagina  # a javascript: url is no link
    assert "**Status:** actief" in pagina


def test_body_page_shows_incoming_relations(site):
    pagina = (site / "organen" / "platform.md").read_text(encoding="utf-8")
    assert "bereidt voor dit orgaan" in pagina
    assert "[\\# PHO Twijfel op twee regels](twijfel.md) bereidt voor dit orgaan" in pagina


def test_body_page_of_a_disputed_body_quotes_both_statements_with_their_source(site):
    pagina = (site / "organen" / "twijfel.md").read_text(encoding="utf-8")
    assert "betwist (bronnen spreken elkaar tegen)" in pagina
    assert "## Let op, bronnen spreken elkaar tegen: Bestaat het PHO Twijfel?" in pagina
    assert "“Het PHO Twijfel bestaat.” (bron: Brontekst \\<b\\>vet\\</b\\>, hoofdtekst)" in pagina
    assert "“Er komt misschien een PHO Twijfel.” (bron: Website)" in pagina


def test_two_runs_give_byte_identical_sites(runner, bestand, site, tmp_path):
    tweede = tmp_path / "tweede"
    assert maak(runner, bestand, tweede).exit_code == 0
    for pad in site.rglob("*"):
        if pad.is_file():
            assert (tweede / pad.relative_to(site)).read_bytes() == pad.read_bytes(), pad


def test_without_graphviz_index_html_shows_the_relations_as_text(
    runner, bestand, tmp_path, monkeypatch
):
    monkeypatch.setattr(shutil, "which", lambda programma: None)
    resultaat = maak(runner, bestand, tmp_path / "site")
    assert resultaat.exit_code == 0
    assert "Graphviz ontbreekt" in resultaat.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<svg role="img" aria-labelledby="figuurtitel"' not in html  # only amctl's own SVG
    assert "<li>Dagelijks Bestuur — dagelijks bestuur van — Regio Overleg</li>" in html


# --- index.html in a real browser ---------------------------------------------------------


class Tabellen(HTMLParser):
    """The cells of every table row, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.rijen: list[list[str]] = []
        self._cel: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rijen.append([])
        elif tag in ("td", "th"):
            self._cel = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cel is not None:
            self.rijen[-1].append("".join(self._cel))
            self._cel = None

    def handle_data(self, data):
        if self._cel is not None:
            self._cel.append(data)


class Zichtbaar(HTMLParser):
    """The text of a page as a reader sees it: no <style>, no <script>, no <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.delen: list[str] = []
        self.scripts = 0
        self._verborgen = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self._verborgen += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self._verborgen -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self._verborgen:
            self.delen.append(data)


def chromium_basis(chromium: str, profiel: Path) -> list[str]:
    """Headless Chromium as root, without network, with a fresh profile."""
    return [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profiel}",
    ]


class Browser(NamedTuple):
    dom: str
    screenshot: Path


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Browser:
    """index.html of the fixture, rendered once by headless Chromium: the DOM and a picture."""
    from typer.testing import CliRunner

    chromium = vereis("chromium", "chromium")
    vereis("dot", "graphviz")
    werkmap = tmp_path_factory.mktemp("browser")
    bestand = werkmap / "organisatie.yaml"
    bestand.write_text(ORGANISATIE, encoding="utf-8")
    resultaat = maak(CliRunner(), bestand, werkmap / "site")
    assert resultaat.exit_code == 0, resultaat.stderr
    pagina = (werkmap / "site" / "index.html").as_uri()
    basis = chromium_basis(chromium, werkmap / "profiel")
    dom = subprocess.run(
        [*basis, "--dump-dom", pagina], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    screenshot = werkmap / "x.png"
    subprocess.run(
        [*basis, f"--screenshot={screenshot}", "--window-size=1280,2000", pagina],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return Browser(dom, screenshot)


def test_chromium_shows_every_body_name_as_text(browser):
    lezer = Zichtbaar()
    lezer.feed(browser.dom)
    tekst = gelijk(" ".join(lezer.delen))
    for naam in NAMEN:
        assert naam in tekst, naam
    assert lezer.scripts == 0
    assert "GEHACKT" in tekst  # as part of the name, not as what a script wrote


def test_chromium_shows_the_figure_and_the_cards(browser):
    assert "<svg" in browser.dom
    assert 'id="orgaan-twijfel"' in browser.dom
    assert "Deze stand geldt vanaf 2020-01-01" in browser.dom


def test_index_html_needs_no_network(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    for extern in ("<link", "<script", "src=", "@import", "url("):
        assert extern not in html, extern
    assert "javascript:" not in html  # a source's javascript: address is never a link


def test_chromium_screenshot_is_a_full_page_picture(browser):
    kop = browser.screenshot.read_bytes()[:24]
    assert kop[:8] == b"\x89PNG\r\n\x1a\n"
    breedte, hoogte = int.from_bytes(kop[16:20], "big"), int.from_bytes(kop[20:24], "big")
    assert (breedte, hoogte) == (1280, 2000)
    assert browser.screenshot.stat().st_size > 20_000  # not an empty page


# --- --controleer -------------------------------------------------------------------------


def test_controleer_on_a_fresh_site_exits_0(runner, bestand, site):
    resultaat = controleer(runner, bestand, site)
    assert resultaat.exit_code == 0, resultaat.stderr
    assert resultaat.stdout.startswith(f"Bij: '{site}' komt overeen met de gegevens in '{bestand}'")


def test_uit_names_the_data_file_the_site_was_made_from(runner, bestand, tmp_path):
    map_ = tmp_path / "nieuw"

    eerste = maak(runner, bestand, map_)
    tweede = maak(runner, bestand, map_)

    assert eerste.exit_code == 0, eerste.stderr
    assert f" bestanden bijgewerkt in '{map_}' uit '{bestand}' (" in eerste.stdout
    assert tweede.stdout.startswith(f"'{map_}' was al bij met '{bestand}' (")


def test_controleer_after_a_name_change_exits_1_naming_readme_and_the_body_page(
    runner, bestand, site, schrijf
):
    gewijzigd = schrijf(ORGANISATIE.replace("Metro Platform", "Metro Podium"), "ander.yaml")
    resultaat = controleer(runner, gewijzigd, site)
    assert resultaat.exit_code == 1
    assert "verouderd: README.md" in resultaat.stderr
    assert "verouderd: organen/platform.md" in resultaat.stderr
    assert "verouderd: index.html" in resultaat.stderr
    assert "verouderd: organen/regio.md" not in resultaat.stderr
    assert "amctl overzicht --uit" in resultaat.stderr


def test_controleer_after_a_date_changed_to_one_of_the_same_length_exits_1(
    runner, bestand, site, schrijf
):
    # Same size, other bytes: only a comparison of the contents sees it (issue 25).
    assert ORGANISATIE.count("vanaf: 2020-01-01}") == 1
    gewijzigd = schrijf(ORGANISATIE.replace("vanaf: 2020-01-01}", "vanaf: 2020-01-02}"), "b.yaml")
    resultaat = controleer(runner, gewijzigd, site, "--peildatum", PEILDATUM)
    assert resultaat.exit_code == 1, resultaat.stdout
    assert "verouderd: " in resultaat.stderr
    assert "amctl overzicht --uit" in resultaat.stderr


def test_controleer_names_missing_and_extra_pages_and_uit_repairs_both(runner, bestand, site):
    (site / "organen" / "metro.md").unlink()
    manifest = site / ".amctl-bestanden"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "organen/vervallen.md\n")
    (site / "organen" / "vervallen.md").write_text("oud\n", encoding="utf-8")
    resultaat = controleer(runner, bestand, site)
    assert resultaat.exit_code == 1
    assert "ontbreekt: organen/metro.md" in resultaat.stderr
    assert "overbodig: organen/vervallen.md" in resultaat.stderr
    assert maak(runner, bestand, site).exit_code == 0
    assert controleer(runner, bestand, site).exit_code == 0
    assert not (site / "organen" / "vervallen.md").exists()


def test_files_amctl_did_not_write_are_neither_checked_nor_removed(runner, bestand, site):
    eigen = site / "organen" / "aantekeningen.md"
    eigen.write_text("mijn eigen aantekeningen\n", encoding="utf-8")
    assert controleer(runner, bestand, site).exit_code == 0
    assert maak(runner, bestand, site).exit_code == 0
    assert eigen.read_text(encoding="utf-8") == "mijn eigen aantekeningen\n"


# --- sites age with the calendar (issue 11, item 3) ----------------------------------------

VANDAAG = date.today()


def _dag(dagen: int) -> str:
    return (VANDAAG + timedelta(days=dagen)).isoformat()


# A new burgemeester of Noord ten days ago; and one more in a year.
WISSELING = ORGANISATIE.replace(
    "      - {functie: burgemeester, gemeente: noord, vanaf: 2020-01-01}\n",
    f"      - {{functie: burgemeester, gemeente: noord, vanaf: 2020-01-01, "
    f"tot-en-met: {_dag(-11)}}}\n"
    "  fictief-b:\n    naam: Fictief Persoon B\n    functies:\n"
    f"      - {{functie: burgemeester, gemeente: noord, vanaf: {_dag(-10)}, "
    f"tot-en-met: {_dag(364)}}}\n"
    "  fictief-c:\n    naam: Fictief Persoon C\n    functies:\n"
    f"      - {{functie: burgemeester, gemeente: noord, vanaf: {_dag(365)}}}\n",
)


@pytest.fixture
def wisseling(schrijf) -> Path:
    return schrijf(WISSELING, "wisseling.yaml")


def test_a_site_made_before_a_change_is_stale_once_the_change_has_begun(
    runner, wisseling, tmp_path
):
    map_ = tmp_path / "site"
    gemaakt = runner.invoke(
        app, ["docs", "-f", str(wisseling), "--uit", str(map_), "--peildatum", _dag(-20)]
    )
    assert gemaakt.exit_code == 0, gemaakt.stderr
    resultaat = controleer(runner, wisseling, map_)
    assert resultaat.exit_code == 1
    assert f"het toont de stand 2020-01-01 t/m {_dag(-11)}" in resultaat.stderr
    for pad in ("README.md", "index.html", "organen/bestuur.md"):
        assert f"verouderd: {pad}" in resultaat.stderr
    assert "organen/metro.md" not in resultaat.stderr
    assert f"Werk het bij met: amctl overzicht --uit {map_}\n" in resultaat.stderr


def test_a_pinned_peildatum_still_checks_a_reproducible_build(runner, wisseling, tmp_path):
    map_ = tmp_path / "site"
    assert (
        runner.invoke(
            app, ["docs", "-f", str(wisseling), "--uit", str(map_), "-d", _dag(-20)]
        ).exit_code
        == 0
    )
    assert controleer(runner, wisseling, map_, "--peildatum", _dag(-20)).exit_code == 0
    assert controleer(runner, wisseling, map_, "--peildatum", _dag(-11)).exit_code == 0
    assert controleer(runner, wisseling, map_, "--peildatum", _dag(-10)).exit_code == 1


def test_a_site_made_today_stays_fresh_until_the_next_change(runner, wisseling, tmp_path):
    vandaag, morgen = tmp_path / "vandaag", tmp_path / "later"
    assert runner.invoke(app, ["docs", "-f", str(wisseling), "--uit", str(vandaag)]).exit_code == 0
    assert controleer(runner, wisseling, vandaag).exit_code == 0
    assert controleer(runner, wisseling, vandaag, "-d", _dag(364)).exit_code == 0
    assert (
        runner.invoke(
            app, ["docs", "-f", str(wisseling), "--uit", str(morgen), "-d", _dag(100)]
        ).exit_code
        == 0
    )
    for pad in vandaag.rglob("*.*"):
        assert (morgen / pad.relative_to(vandaag)).read_bytes() == pad.read_bytes(), pad
    assert controleer(runner, wisseling, vandaag, "-d", _dag(365)).exit_code == 1


def test_the_site_lists_the_dated_changes_ahead(runner, wisseling, tmp_path):
    map_ = tmp_path / "site"
    assert runner.invoke(app, ["docs", "-f", str(wisseling), "--uit", str(map_)]).exit_code == 0
    readme = (map_ / "README.md").read_text(encoding="utf-8")
    assert f"Deze stand geldt van {_dag(-10)} tot en met {_dag(364)}." in readme
    komend = [
        f"- per {_dag(365)}: Fictief Persoon B is niet langer burgemeester van Noord",
        f"- per {_dag(365)}: Fictief Persoon C wordt burgemeester van Noord",
    ]
    assert "## Wat komt er aan\n\n" + "\n".join(komend) + "\n" in readme
    kaart = (map_ / "organen" / "bestuur.md").read_text(encoding="utf-8")
    assert "## Wat komt er aan\n\n" + "\n".join(komend) + "\n" in kaart
    assert "Wat komt er aan" not in (map_ / "organen" / "metro.md").read_text(encoding="utf-8")
    assert "Fictief Persoon C wordt burgemeester van Noord" in (map_ / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_body_page_lists_every_seat_open_ones_with_the_cli_word(site):
    pagina = (site / "organen" / "pho.md").read_text(encoding="utf-8")
    assert "  - wethouder: niet ingevuld (portefeuillehouder)\n" in pagina


OPGEHEVEN = ORGANISATIE.replace(
    "  metro:\n    naam: Metro Regio\n",
    "  oud:\n    naam: Oud Overleg\n    soort: overleg\n    tot-en-met: 2016-12-31\n"
    "    bron: web\n  metro:\n    naam: Metro Regio\n",
)


def test_a_dissolved_body_is_apart_on_the_site_as_in_the_cli(runner, schrijf, tmp_path):
    bestand = schrijf(OPGEHEVEN, "opgeheven.yaml")
    map_ = tmp_path / "site"
    assert maak(runner, bestand, map_).exit_code == 0
    readme = (map_ / "README.md").read_text(encoding="utf-8")
    tabel = readme.split("## Organen", 1)[1].split("\n## ", 1)[0]
    assert "Oud Overleg" not in tabel
    assert (
        "## Opgeheven\n\n- [Oud Overleg](organen/oud.md) (opgeheven; bestond t/m 2016-12-31)\n"
        in (readme)
    )
    organen = runner.invoke(app, ["organen", "-f", str(bestand), "-d", PEILDATUM])
    assert "Opgeheven voor 2026-01-01" in organen.stdout
    regels = organen.stdout.split("Opgeheven", 1)
    assert "Oud Overleg" not in regels[0] and "Oud Overleg" in regels[1]


def test_docs_needs_exactly_one_of_uit_and_controleer(runner, bestand, tmp_path):
    resultaat = runner.invoke(app, ["docs", "-f", str(bestand)])
    assert resultaat.exit_code == 2
    assert "--uit" in resultaat.stderr and "--controleer" in resultaat.stderr


def test_docs_into_a_file_is_a_dutch_usage_error(runner, bestand, tmp_path):
    bezet = tmp_path / "bezet"
    bezet.write_text("", encoding="utf-8")
    resultaat = maak(runner, bestand, bezet)
    assert resultaat.exit_code == 2
    assert "geen map" in resultaat.stderr


# --- the shipped site at 1280 and 420 px ----------------------------------------------------


class Meting(NamedTuple):
    breedte: int  # the page's scroll width: wider than the window is horizontal overflow
    venster: int
    kleinste_tekst: float  # px, the smallest text of the figure at full size
    figuur: float  # px, the width of the fitted figure
    kader: float  # px, the width of the box it stands in
    kleinste_passend: float  # px, the smallest text of the fitted figure


BREEDTES = (1280, 420)


def _harnas(index_html: str) -> str:
    """index.html unchanged, once in an iframe of each width (srcdoc: the same origin, so the
    outer page can measure it; Chromium's own window is at least 500 px wide, and one window
    measures both widths). First the fitted figure, then at full size (its box ticked)."""
    kaders = "".join(
        f'<iframe width="{b}" height="1600" srcdoc="{html_escape(index_html)}"></iframe>'
        for b in BREEDTES
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<style>body {{ margin: 0 }} iframe {{ border: 0; display: block }}</style></head><body>
{kaders}
<script>
const kaders = [...document.querySelectorAll("iframe")];
const tekst = (d, v) => Math.min(...[...d.querySelectorAll("figure svg text")].map(
  (t) => parseFloat(v.getComputedStyle(t).fontSize) * t.getScreenCTM().a));
Promise.all(kaders.map((k) => new Promise((klaar) => k.addEventListener("load", klaar))))
  .then(() => document.body.setAttribute("data-meting", kaders.map((k) => {{
    const d = k.contentDocument, v = k.contentWindow;
    const svg = d.querySelector("figure svg"), figuur = d.querySelector("figure");
    const passend = [svg.getBoundingClientRect().width, figuur.clientWidth, tekst(d, v)];
    d.querySelector("input.groot").click();
    return [d.documentElement.scrollWidth, v.innerWidth, tekst(d, v), ...passend].join(",");
  }}).join(";")));
</script></body></html>"""


@pytest.fixture(scope="module")
def gemeten(tmp_path_factory) -> tuple[str, dict[int, Meting]]:
    """The shipped file's index.html, and how headless Chromium lays it out at 1280 and 420
    px: one run of Chromium."""
    from typer.testing import CliRunner

    chromium = vereis("chromium", "chromium")
    vereis("dot", "graphviz")
    werkmap = tmp_path_factory.mktemp("gemeten")
    resultaat = maak(CliRunner(), GEDEELD, werkmap / "site")
    assert resultaat.exit_code == 0, resultaat.stderr
    index_html = (werkmap / "site" / "index.html").read_text(encoding="utf-8")
    harnas = werkmap / "harnas.html"
    harnas.write_text(_harnas(index_html), encoding="utf-8")
    dom = subprocess.run(
        [
            *chromium_basis(chromium, werkmap / "profiel"),
            "--window-size=1800,1000",
            "--dump-dom",
            harnas.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    gevonden = re.search(r'data-meting="([^"]*)"', dom)
    assert gevonden, "Chromium gaf geen meting"
    metingen = {}
    for breedte, meting in zip(BREEDTES, gevonden[1].split(";"), strict=True):
        scroll, venster, tekst, figuur, kader, passend = meting.split(",")
        metingen[breedte] = Meting(
            int(scroll), int(venster), float(tekst), float(figuur), float(kader), float(passend)
        )
    return index_html, metingen


@pytest.mark.parametrize("breedte", [1280, 420])
def test_the_shipped_site_has_no_horizontal_overflow(gemeten, breedte):
    meting = gemeten[1][breedte]
    assert meting.venster == breedte
    assert meting.breedte <= meting.venster, f"{meting.breedte} px breed bij {breedte} px"


@pytest.mark.parametrize("breedte", [1280, 420])
def test_the_figure_fits_the_page_width(gemeten, breedte):
    """Issue 24: at 1280 px about 40% of the figure showed, at 420 px one box."""
    meting = gemeten[1][breedte]
    assert 0 < meting.figuur <= meting.kader + 1, meting  # clientWidth is rounded


@pytest.mark.parametrize("breedte", [1280, 420])
def test_the_figure_text_is_at_least_12_px_at_full_size(gemeten, breedte):
    meting = gemeten[1][breedte]
    assert meting.kleinste_tekst >= 12
    assert meting.kleinste_passend < meting.kleinste_tekst  # fitted, it was made smaller


def test_the_svg_has_a_title_and_a_description_and_the_text_lists_the_same_lines(gemeten):
    index_html = gemeten[0]
    svg = index_html[index_html.index("<svg") : index_html.index("</svg>") + len("</svg>")]
    boom = ET.fromstring(svg)
    svg_ns = "{http://www.w3.org/2000/svg}"
    assert boom.findtext(f"{svg_ns}title") == verwachte_titel(GEDEELD)
    assert "Stand op peildatum" in boom.findtext(f"{svg_ns}desc")
    assert "rechthoek: orgaan" in boom.findtext(f"{svg_ns}desc")
    lijnen = [g for g in boom.iter(f"{svg_ns}g") if g.get("class") == "edge"]
    tekst = index_html[index_html.index('<ul class="relaties">') :]
    zinnen = re.findall(r"<li>(.*?)</li>", tekst[: tekst.index("</ul>")])
    assert len(zinnen) == len(lijnen) > 0
    assert any(
        "Regiegroep — dagelijks bestuur van — Amstelland-Meerlanden Overleg" in z for z in zinnen
    )
    assert f"<h1>{html_escape(verwachte_titel(GEDEELD))}</h1>" in index_html


def test_the_readme_example_site_is_true_for_its_own_stand(runner):
    """The README's stale-site example needs a site that is stale only because of the date.
    After a deliberate change of the site's format, remake it with:
    amctl docs --uit tests/fixtures/site-voor-wisseling -f tests/fixtures/fictief.yaml
    --peildatum 2026-03-01"""
    vereis("dot", "graphviz")
    fixtures = Path(__file__).parent / "fixtures"
    argumenten = ["docs", "-f", str(fixtures / "fictief.yaml")]
    argumenten += ["--controleer", str(fixtures / "site-voor-wisseling")]
    assert runner.invoke(app, [*argumenten, "--peildatum", "2026-03-31"]).exit_code == 0
    assert runner.invoke(app, [*argumenten, "--peildatum", "2026-04-01"]).exit_code == 1
