"""`amctl signalen`: what needs attention on a date, each line with the command that deals
with it (issue 22, item 9). The expectations are written out by hand from
tests/fixtures/signalen.yaml, whose every entry is there to cause one signal (or to show that
one does not come: a successor recorded, a body under consideration, a post ended long ago)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import amctl

from amctl.cli import app

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")

BESTAND = Path(__file__).parent / "fixtures" / "signalen.yaml"
PEILDATUM = "2026-12-08"

VERWACHT = """\
Bestand: {pad}
Wat aandacht vraagt op 2026-12-08, vooruit tot en met 2027-03-08 (90 dagen): 12 signalen.

Loopt binnenkort af (3)
  2027-01-15 Fictief Raadslid Aalsmeer (lid van Platform als raadslid van Aalsmeer): het \
lidmaatschap eindigt, geen opvolger vastgelegd -> amctl lid-erbij platform PERSOON --functie \
raadslid -g aalsmeer -D 2027-01-16
  2027-01-31 Fictief Wethouder Aalsmeer (wethouder van Aalsmeer): de termijn eindigt, geen \
opvolger vastgelegd -> amctl benoem PERSOON wethouder -g aalsmeer -D 2027-02-01
  2027-02-28 Fictief Wethouder Diemen (wethouder van Diemen): de portefeuille Economie eindigt, \
geen nieuwe houder vastgelegd -> amctl benoem PERSOON wethouder -g diemen -p economie -D \
2027-03-01

Open zetels (2)
  Regio (regio)
    burgemeester van Aalsmeer: niet ingevuld (niemand bekleedt de functie) -> amctl benoem \
PERSOON burgemeester -g aalsmeer -D DATUM
  Platform (platform)
    raadslid van Diemen: niet ingevuld (leden bij naam) -> amctl lid-erbij platform PERSOON \
--functie raadslid -g diemen -D DATUM

Portefeuilles zonder houder (1)
  Diemen
    geen wethouder met de portefeuille Wonen; open in PHO Wonen -> amctl benoem PERSOON \
wethouder -g diemen -p wonen -D DATUM

Vergaderingen en voorzitterschap (3)
  Regio (regio)
    in 2025 is 1 vergadering vastgelegd of gepland, minder dan het ritme van 2 x per jaar -> \
amctl vergadering-erbij regio -D DATUM -g GEMEENTE
    in 2026 is geen vergadering vastgelegd of gepland, minder dan het ritme van 2 x per jaar -> \
amctl vergadering-erbij regio -D DATUM -g GEMEENTE
  Secretarissen (secretarissen)
    de volgende voorzittersbeurt begint op 2027-01-01: gemeentesecretaris van Diemen volgens \
het rooster -> amctl voorzitter-beurt secretarissen diemen -D 2027-01-01

Personen zonder functie (2)
  Fictief Net Weg (fictief-net-weg): geen functie meer sinds 2026-11-08 -> amctl benoem \
fictief-net-weg FUNCTIE -g GEMEENTE -D DATUM, of haal de persoon uit het bestand
  Fictief Zonder Functie (fictief-zonder-functie): heeft nooit een functie gehad -> amctl \
benoem fictief-zonder-functie FUNCTIE -g GEMEENTE -D DATUM, of haal de persoon uit het bestand

Waarschuwingen in de gegevens (1)
  regel 7, kolom 3: AM316 De bron 'ongebruikt' wordt nergens gebruikt; verwijs ernaar of verwijder \
haar. -> amctl regels AM316
"""

# A file in which nothing needs attention: every seat filled, no end ahead, no warning.
NIETS = """\
versie: 1
bronnen:
  tekst:
    titel: Brontekst
soorten:
  overleg:
    naam: overleg
gemeenten:
  diemen:
    naam: Diemen
functies:
  burgemeester:
    naam: burgemeester
    per-gemeente: true
    zetels: 1
personen:
  fictief-burgemeester:
    naam: Fictief Burgemeester
    functies:
      - {functie: burgemeester, gemeente: diemen, vanaf: 2020-01-01}
organen:
  regio:
    naam: Regio
    soort: overleg
    bron: tekst
    samenstelling:
      - {functie: burgemeester, aantal: 1}
"""


def test_every_kind_of_signal_grouped_sorted_and_with_its_command(runner):
    uitkomst = amctl(runner, BESTAND, "signalen", "-d", PEILDATUM)
    assert uitkomst.exit_code == 0, uitkomst.output
    assert uitkomst.stdout == VERWACHT.format(pad=BESTAND)


def test_streng_fails_when_anything_is_listed(runner):
    uitkomst = amctl(runner, BESTAND, "signalen", "-d", PEILDATUM, "--streng")
    assert uitkomst.exit_code == 1
    assert uitkomst.stdout == VERWACHT.format(pad=BESTAND)


def test_streng_passes_when_nothing_needs_attention(runner, schrijf):
    pad = schrijf(NIETS)
    uitkomst = amctl(runner, pad, "signalen", "-d", PEILDATUM, "--streng")
    assert uitkomst.exit_code == 0, uitkomst.output
    assert uitkomst.stdout == (
        f"Bestand: {pad}\n"
        "Niets vraagt aandacht op 2026-12-08, vooruit tot en met 2027-03-08 (90 dagen).\n"
    )


def test_binnen_narrows_what_ends_and_who_left(runner):
    """With 20 days nothing ends in the window (the first end is 2027-01-15), the next chair
    turn (2027-01-01) is not yet listed, and 'Net Weg' (gone since 2026-11-08, 30 days) is
    history rather than a task."""
    uitkomst = amctl(runner, BESTAND, "signalen", "-d", PEILDATUM, "--binnen", "20", "--json")
    assert uitkomst.exit_code == 0, uitkomst.output
    gegevens = json.loads(uitkomst.stdout)
    assert (gegevens["binnen"], gegevens["tot_en_met"], gegevens["aantal"]) == (
        20,
        "2026-12-28",
        7,
    )
    per_soort = {g["soort"]: [s["tekst"] for s in g["signalen"]] for g in gegevens["groepen"]}
    assert per_soort["eindigt"] == []
    assert per_soort["persoon"] == [
        "Fictief Zonder Functie (fictief-zonder-functie): heeft nooit een functie gehad"
    ]
    assert per_soort["vergadering"] == [
        "in 2025 is 1 vergadering vastgelegd of gepland, minder dan het ritme van 2 x per jaar",
        "in 2026 is geen vergadering vastgelegd of gepland, minder dan het ritme van 2 x per jaar",
    ]


def test_json_names_what_each_signal_is_about(runner):
    uitkomst = amctl(runner, BESTAND, "signalen", "-d", PEILDATUM, "--json")
    gegevens = json.loads(uitkomst.stdout)
    assert gegevens["bestand"] == str(BESTAND)
    assert [(g["soort"], len(g["signalen"])) for g in gegevens["groepen"]] == [
        ("eindigt", 3),
        ("open-zetel", 2),
        ("portefeuille", 1),
        ("vergadering", 3),
        ("persoon", 2),
        ("waarschuwing", 1),
    ]
    eerste = gegevens["groepen"][0]["signalen"][0]
    assert eerste == {
        "soort": "eindigt",
        "kop": None,
        "tekst": "2027-01-15 Fictief Raadslid Aalsmeer (lid van Platform als raadslid van "
        "Aalsmeer): het lidmaatschap eindigt, geen opvolger vastgelegd",
        "opdracht": "amctl lid-erbij platform PERSOON --functie raadslid -g aalsmeer -D 2027-01-16",
        "datum": "2027-01-15",
        "orgaan": "platform",
        "functie": "raadslid",
        "gemeente": "aalsmeer",
        "persoon": "fictief-raadslid-aalsmeer",
        "code": None,
    }
    waarschuwing = gegevens["groepen"][-1]["signalen"][0]
    assert (waarschuwing["code"], waarschuwing["opdracht"]) == ("AM316", "amctl regels AM316")


def test_a_planned_meeting_of_this_month_not_recorded_is_due(runner):
    """The rooster plans the Regio in April and October (no year with two meetings, so spread
    over the year); on 10 April 2027 the April meeting is due and not recorded."""
    uitkomst = amctl(runner, BESTAND, "signalen", "-d", "2027-04-10", "--json")
    vergaderingen = [
        g for g in json.loads(uitkomst.stdout)["groepen"] if g["soort"] == "vergadering"
    ]
    eerste = vergaderingen[0]["signalen"][0]
    assert (eerste["tekst"], eerste["opdracht"]) == (
        "de vergadering van april 2027 (in Diemen volgens het rooster) is niet vastgelegd",
        "amctl vergadering-erbij regio -D DATUM -g diemen",
    )


def test_on_a_terminal_a_long_signal_wraps_beneath_itself(runner):
    uitkomst = runner.invoke(
        app,
        ["signalen", "-f", str(BESTAND), "-d", PEILDATUM],
        env={"COLUMNS": "80", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"},
    )
    regels = uitkomst.stdout.splitlines()
    assert max(len(r) for r in regels[1:]) <= 80
    begin = regels.index("Portefeuilles zonder houder (1)")
    assert regels[begin + 1 : begin + 4] == [
        "  Diemen",
        "    geen wethouder met de portefeuille Wonen; open in PHO Wonen -> amctl benoem",
        "        PERSOON wethouder -g diemen -p wonen -D DATUM",
    ]


def test_a_file_with_errors_gets_no_list(runner, schrijf):
    pad = schrijf(NIETS.replace("soort: overleg\n    bron", "soort: onbekend\n    bron"))
    uitkomst = amctl(runner, pad, "signalen")
    assert uitkomst.exit_code == 1
    assert uitkomst.stdout == ""
    assert "AM201" in uitkomst.stderr
    assert "daarom geeft amctl geen antwoord" in uitkomst.stderr


def test_the_overview_site_shows_the_same_list(runner, tmp_path):
    """One truth: the site's section is the list `amctl signalen` gives on the first day of
    the site's stand (here 2026-11-08, the day after 'Net Weg' left), line for line."""
    site = tmp_path / "site"
    uitkomst = amctl(runner, BESTAND, "overzicht", "--uit", str(site), "-d", PEILDATUM)
    assert uitkomst.exit_code == 0, uitkomst.output
    cli = json.loads(amctl(runner, BESTAND, "signalen", "-d", "2026-11-08", "--json").stdout)
    regels = [
        (f"{s['kop']}: " if s["kop"] else "") + f"{s['tekst']} -> {s['opdracht']}"
        for g in cli["groepen"]
        for s in g["signalen"]
    ]
    assert len(regels) == 11
    index = (site / "index.html").read_text(encoding="utf-8")
    sectie = index[index.index('<h2 id="signalen">') :]
    sectie = sectie[: sectie.index("<h2", 5)]
    assert re.findall(r"<li>(.*?)</li>", sectie) == [html.escape(r) for r in regels]
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert (
        "### Portefeuilles zonder houder (1)\n\n- Diemen: geen wethouder met de portefeuille "
        "Wonen; open in PHO Wonen -\\> amctl benoem PERSOON wethouder -g diemen -p wonen -D "
        "DATUM\n"
    ) in readme
