"""The overview site for every reader (issue 24, item 6): index.html as the programs that judge
it read it. axe-core (WCAG 2.1 A and AA) runs inside the headless Chromium the other tests use,
html-validate checks the markup; both come from npm, pinned in tests/js/package-lock.json and
installed by the README's test command (`npm ci --prefix tests/js`). Chromium and the tools are
never skipped: without them these tests fail and say what to install.

The page forbids every script (its Content-Security-Policy); for axe-core alone the test copy
drops that one meta element and adds axe's script and a runner that writes the verdict into the
page, which `--dump-dom` then reads. Nothing else of the page is changed.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from datetime import date
from html import unescape as html_unescape
from pathlib import Path

import pytest
from test_docs import chromium_basis, vereis
from typer.testing import CliRunner

from amctl.cli import app

HIER = Path(__file__).parent
JS = HIER / "js" / "node_modules"
GEDEELD = HIER.parent / "data" / "organisatie.yaml"
FICTIEF = HIER / "fixtures" / "fictief.yaml"
VERGADERINGEN = HIER / "fixtures" / "vergaderingen.yaml"
PEIL = "2026-11-30"
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n')
# WCAG 2.1 A and AA, and axe's best practices (one <main>, all content in landmarks).
AXE_REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
HTML_VALIDATE = ["--config", str(HIER / "js" / ".htmlvalidate.json")]


def _venster(breedte: int) -> list[str]:
    return [f"--window-size={breedte},900", "--virtual-time-budget=60000", "--dump-dom"]


def vereis_npm(pakket: str) -> Path:
    pad = JS / pakket
    if not (pad / "package.json").is_file():
        pytest.fail(
            f"npm-pakket '{pakket}' ontbreekt: installeer het met 'npm ci --prefix tests/js' "
            "(zie het testcommando in de README)."
        )
    return pad


def maak_site(bestand: Path, map_: Path) -> Path:
    vereis("dot", "graphviz")
    resultaat = CliRunner().invoke(
        app, ["overzicht", "--uit", str(map_), "-f", str(bestand), "--peildatum", PEIL]
    )
    assert resultaat.exit_code == 0, resultaat.output
    return map_ / "index.html"


@pytest.fixture(scope="module", params=[GEDEELD, FICTIEF, VERGADERINGEN], ids=lambda p: p.stem)
def pagina(request, tmp_path_factory) -> Path:
    return maak_site(request.param, tmp_path_factory.mktemp("site") / "site")


def html_validate(pagina: Path) -> list[dict]:
    """Every message of html-validate (recommended rules) on the page."""
    node = vereis("node", "nodejs")
    programma = vereis_npm("html-validate") / "bin" / "html-validate.mjs"
    # To a file: node cuts off a long report written to a pipe when html-validate exits.
    verslag = pagina.with_name("html-validate.json")
    uit = subprocess.run(
        [node, str(programma), *HTML_VALIDATE, f"--formatter=json={verslag}", str(pagina)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uit.returncode in (0, 1), uit.stderr
    gelezen = json.loads(verslag.read_text(encoding="utf-8") or "[]")
    return [m for bestand in gelezen for m in bestand["messages"]]


_AXE_LOPER = """
<script>%s</script>
<script>
axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})
  .then(function (r) {
    var uit = document.createElement("pre");
    uit.id = "axe-uitslag";
    uit.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(
      r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) {
          return n.target.join(" "); })};
      })))));
    document.body.appendChild(uit);
  });
</script>
"""


def axe(pagina: Path, werkmap: Path, breedte: int = 1280) -> list[dict]:
    """The WCAG 2.1 A/AA violations axe-core finds in Chromium, at a window `breedte` wide."""
    chromium = vereis("chromium", "chromium")
    bron = (vereis_npm("axe-core") / "axe.min.js").read_text(encoding="utf-8")
    html = CSP.sub("", pagina.read_text(encoding="utf-8"), count=1)
    loper = _AXE_LOPER % (bron, json.dumps(AXE_REGELS))
    kopie = pagina.with_name(f"axe-{breedte}.html")
    kopie.write_text(html.replace("</body>", loper + "</body>", 1), encoding="utf-8")
    uit = subprocess.run(
        [
            *chromium_basis(chromium, werkmap / f"profiel-{breedte}"),
            *_venster(breedte),
            kopie.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    gevonden = re.search(r'<pre id="axe-uitslag">([A-Za-z0-9+/=]*)</pre>', uit.stdout)
    assert gevonden, f"axe-core gaf geen uitslag: {uit.stderr[-2000:]}"
    return json.loads(base64.b64decode(gevonden.group(1)).decode("utf-8"))


def test_html_validate_finds_no_error(pagina):
    fouten = [m for m in html_validate(pagina) if m["severity"] == 2]
    assert fouten == [], [(m["ruleId"], m["message"], m["line"]) for m in fouten]


@pytest.mark.parametrize("breedte", [1280, 420])
def test_axe_core_finds_no_wcag_violation(pagina, breedte, tmp_path):
    schendingen = axe(pagina, tmp_path, breedte)
    assert schendingen == [], schendingen


def test_npm_tools_are_the_pinned_versions():
    """The versions in package-lock.json are what the tests run (npm ci installs exactly them)."""
    slot = json.loads((HIER / "js" / "package-lock.json").read_text(encoding="utf-8"))
    for pakket in ("axe-core", "html-validate"):
        gepind = slot["packages"][f"node_modules/{pakket}"]["version"]
        geladen = json.loads((vereis_npm(pakket) / "package.json").read_text(encoding="utf-8"))
        assert geladen["version"] == gepind, pakket
    assert shutil.which("node") is not None


INTERN = re.compile(r"\b(?:org|fun|cl|gr|cluster)_[a-z0-9_]+")


@pytest.mark.parametrize("bron", [GEDEELD, FICTIEF], ids=lambda p: p.stem)
def test_hovering_the_figure_shows_names_not_internal_ids(bron, tmp_path, runner):
    """Issue 24: the tooltips (SVG <title>) read 'org_pho_wonen'; on the site and in the
    diagram's own SVG they name the body, post or line."""
    html = maak_site(bron, tmp_path / "site").read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    titels = re.findall(r"<title[^>]*>([^<]*)</title>", svg)
    assert "Regiegroep" in titels or "Bestuursgroep" in titels
    assert not [t for t in titels if INTERN.search(t)]
    assert not INTERN.search(html.split("<svg", 1)[1].split("</svg>", 1)[0].replace('id="', ""))
    uit = tmp_path / "figuur.svg"
    resultaat = runner.invoke(
        app, ["diagram", "-f", str(bron), "--formaat", "svg", "-d", PEIL, "--uit", str(uit)]
    )
    assert resultaat.exit_code == 0, resultaat.output
    assert not [
        t for t in re.findall(r"<title>([^<]*)</title>", uit.read_text()) if INTERN.search(t)
    ]


def test_the_page_has_one_main_and_a_figure_box_the_keyboard_reaches(tmp_path):
    html = maak_site(GEDEELD, tmp_path / "site").read_text(encoding="utf-8")
    assert html.count("<main>") == 1 and html.index("<main>") < html.index("<h1>")
    assert '<figure tabindex="0" aria-label="Overzicht samenhang' in html
    assert '<input type="checkbox" class="groot" id="groot-0">' in html


@pytest.mark.parametrize("bron", [GEDEELD, VERGADERINGEN], ids=lambda p: p.stem)
def test_each_body_page_lists_the_meetings_rooster_gives(bron, tmp_path, runner):
    """Issue 24: recorded and planned meetings were not on the site. A body's card lists
    them as `amctl rooster` does (the same plan: amctl.rooster), in the same order."""
    maak_site(bron, tmp_path / "site")
    kaart = (tmp_path / "site" / "organen" / "plenair-overleg.md").read_text(encoding="utf-8")
    regels = kaart.split("\n## Vergaderingen\n\n", 1)[1].split("\n## ", 1)[0].splitlines()
    uit = runner.invoke(app, ["rooster", "plenair-overleg", "-f", str(bron), "-d", PEIL, "--json"])
    assert uit.exit_code == 0, uit.output
    rooster = json.loads(uit.stdout)
    verwacht = [
        f"- {v['wanneer']} in {v['gemeente_naam']}, voorzitter {v['voorzitter']} ({v['status']}"
        for v in rooster["vergaderingen"]
    ]
    vergaderingen = [r for r in regels if not r.startswith("- Let op: ")]
    assert [r.split(")", 1)[0].split(";", 1)[0] for r in vergaderingen] == verwacht
    assert len(regels) - len(vergaderingen) == len(rooster["opmerkingen"])
    assert "<h4>Vergaderingen</h4>" in (tmp_path / "site" / "index.html").read_text()


def test_each_body_page_shows_a_timeline_of_its_seats_from_geschiedenis(tmp_path):
    """Issue 24: each body's card on the site draws who held each seat from when to when,
    the periods `amctl geschiedenis` lists (one bar, with its tooltip, per period)."""
    from amctl.controle import geldig_model
    from amctl.geschiedenis import geschiedenis, tot

    html = maak_site(FICTIEF, tmp_path / "site").read_text(encoding="utf-8")
    org = geldig_model(FICTIEF)
    getekend = 0
    for orgaan in org.organen.values():
        kaart = html.split(f'<article id="orgaan-{orgaan.id}">', 1)[1].split("</article>", 1)[0]
        zittingen = [
            t
            for t in tot(geschiedenis(org, orgaan.id), date.fromisoformat(PEIL)).tijdvakken
            if t.soort in ("zetel", "lid")
        ]
        if not zittingen:
            assert 'class="tijdlijn"' not in kaart
            continue
        getekend += 1
        svg = kaart[kaart.index('<svg class="tijdlijn"') : kaart.index("</svg>")]
        balken = re.findall(r"<g><title>([^<]*)</title><rect", svg)
        verwacht = [
            f"{org.personen[t.gegevens['persoon']].naam}, "
            f"{t.vanaf or '…'} t/m {t.tot_en_met or 'heden'}"
            for t in zittingen
        ]
        assert sorted(
            re.sub(r", [^,]*: ", ", ", html_unescape(b), count=1) for b in balken
        ) == sorted(verwacht), orgaan.id
    assert getekend >= 3


def test_the_site_prints_on_a4_with_each_body_and_its_members_on_its_own_page(tmp_path):
    """Issue 24: nothing printed well. Chromium prints the page to PDF on A4; the overview
    comes first, and each body's card starts a page of its own, with its members."""
    from amctl.controle import geldig_model

    chromium = vereis("chromium", "chromium")
    pdftotext = vereis("pdftotext", "poppler-utils")
    pdfinfo = vereis("pdfinfo", "poppler-utils")
    pagina = maak_site(FICTIEF, tmp_path / "site")
    pdf = tmp_path / "site.pdf"
    afdruk = ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", pagina.as_uri()]
    subprocess.run(
        [*chromium_basis(chromium, tmp_path / "profiel"), *afdruk],
        capture_output=True,
        timeout=180,
        check=True,
    )
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Page size:.*\(A4\)$", info, re.MULTILINE), info
    paginas = int(re.search(r"^Pages: +(\d+)$", info, re.MULTILINE).group(1))
    teksten = [
        subprocess.run(
            [pdftotext, "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for n in range(1, paginas + 1)
    ]
    assert teksten[0].startswith("Samenhang van de organen")
    org = geldig_model(FICTIEF)
    # the first line of each page ('Per orgaan' heads the first card's page)
    eerste_regels = [
        next(r.strip() for r in t.splitlines() if r.strip() not in ("", "Per orgaan"))
        for t in teksten
        if t.strip()
    ]
    for orgaan in org.organen.values():
        assert orgaan.naam in eerste_regels, orgaan.naam
    bestuur = next(t for t, r in zip(teksten, eerste_regels, strict=True) if r == "Plenair overleg")
    assert "Burgemeester Testpersoon C" in bestuur and "Samenstelling" in bestuur
    assert not [t for t in teksten if t.strip() in ("", "Per orgaan")]
