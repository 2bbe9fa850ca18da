"""Edge cases found in review: each once gave a wrong answer or an internal error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from amctl.cli import app
from amctl.controle import controleer_tekst, geldig_model
from amctl.vragen import Wie, waar_zit, wie_zit_in, zoek_orgaan

TWEE_GEMEENTEN = """\
versie: 1
soorten:
  overleg: {naam: overleg}
gemeenten:
  diemen: {naam: Diemen}
  drv: {naam: De Ronde Venen, vanaf: 2016-01-01}
functies:
  burgemeester: {naam: burgemeester, per-gemeente: true, zetels: 1}
personen:
  p-een:
    naam: P. Een
    functies: [{functie: burgemeester, gemeente: drv}]
organen:
  raad:
    naam: Raad
    soort: overleg
    samenstelling:
      - {functie: burgemeester, aantal: 1, gemeenten: [diemen, drv]}
"""


def test_a_listed_gemeente_has_no_seat_before_it_takes_part(tmp_path: Path) -> None:
    pad = tmp_path / "o.yaml"
    pad.write_text(TWEE_GEMEENTEN, encoding="utf-8")
    org = geldig_model(pad)
    raad = zoek_orgaan(org, "raad")
    voor = wie_zit_in(org, raad, date(2010, 1, 1))
    na = wie_zit_in(org, raad, date(2020, 1, 1))
    assert [z.gemeente for z in voor.zetels] == ["diemen"]
    assert [z.gemeente for z in na.zetels] == ["diemen", "drv"]
    assert waar_zit(org, Wie("persoon", "p-een"), date(2010, 1, 1)) == []


def test_a_date_in_year_9999_is_refused_rather_than_overflowing() -> None:
    uitslag = controleer_tekst(
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n    tot-en-met: 9999-12-31\n"
    )
    assert [p.code for p in uitslag.problemen] == ["AM105"]
    assert "1800-2999" in uitslag.problemen[0].melding


def test_a_bad_peildatum_for_docs_is_a_usage_error(tmp_path: Path) -> None:
    resultaat = CliRunner().invoke(app, ["docs", "--uit", str(tmp_path / "s"), "-d", "gisteren"])
    assert resultaat.exit_code == 2
    assert "is geen datum" in resultaat.stderr


def test_a_question_about_year_9999_is_a_usage_error() -> None:
    resultaat = CliRunner().invoke(app, ["wie-zit-in", "regiegroep", "-d", "9999-12-31"])
    assert resultaat.exit_code == 2
    assert "tussen 1800 en 2999" in resultaat.stderr
