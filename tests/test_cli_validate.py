"""`amctl validate`, `amctl regels`, `amctl schema`: output, exit status, which file is read."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from amctl import __version__
from amctl.bestand import OMGEVINGSVARIABELE, meegeleverd
from amctl.cli import app
from amctl.regels import alle_regels

GELDIG = "versie: 1\n"
ZONDER_NAAM = "versie: 1\ngemeenten:\n  diemen:\n    cbs: GM0384\n"  # AM101 at 4:5
ONGEBRUIKTE_BRON = "versie: 1\nbronnen:\n  tekst:\n    titel: Brontekst\n"  # AM316 at 3:3 (warning)
TEKSTREGEL = re.compile(
    r"(?P<pad>.+):(?P<regel>\d+):(?P<kolom>\d+): (?P<code>AM\d{3}) (?P<melding>\S.*)"
)


@pytest.fixture(autouse=True)
def geen_omgevingsbestand(monkeypatch):
    monkeypatch.delenv(OMGEVINGSVARIABELE, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def amctl(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "amctl", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


# --- validate: results ----------------------------------------------------------------------


def test_validate_without_path_checks_the_default_file(runner):
    resultaat = runner.invoke(app, ["validate"])
    assert resultaat.exit_code == 0, resultaat.output
    assert "Geldig" in resultaat.stdout


def test_validate_reports_every_path_in_one_run(runner, schrijf):
    fout = schrijf(ZONDER_NAAM, "fout.yaml")
    waarschuwing = schrijf(ONGEBRUIKTE_BRON, "waarschuwing.yaml")

    resultaat = runner.invoke(app, ["validate", str(fout), str(waarschuwing)])

    assert resultaat.exit_code == 1
    assert f"{fout}:4:5: AM101 " in resultaat.stdout
    assert f"{waarschuwing}:3:3: AM316 " in resultaat.stdout
    assert "2 bestanden" in resultaat.stdout


def test_text_format_is_path_line_column_code_message(runner, schrijf):
    pad = schrijf(ZONDER_NAAM + "    cbs-code: x\n")

    resultaat = runner.invoke(app, ["validate", str(pad)])

    *problemen, samenvatting = resultaat.stdout.splitlines()
    delen = [TEKSTREGEL.fullmatch(regel) for regel in problemen]
    assert [d and (d["pad"], d["regel"], d["kolom"], d["code"]) for d in delen] == [
        (str(pad), "4", "5", "AM101"),
        (str(pad), "5", "5", "AM103"),
    ]
    assert "naam" in delen[0]["melding"]
    assert "cbs-code" in delen[1]["melding"]
    assert samenvatting.startswith("Ongeldig")


def test_text_format_has_no_colour_codes_when_not_a_terminal(runner, schrijf):
    resultaat = runner.invoke(app, ["validate", str(schrijf(ZONDER_NAAM))])
    assert "\x1b[" not in resultaat.stdout


def test_json_format_is_a_list_of_problem_objects(runner, schrijf):
    fout = schrijf(ZONDER_NAAM, "fout.yaml")
    waarschuwing = schrijf(ONGEBRUIKTE_BRON, "waarschuwing.yaml")

    resultaat = runner.invoke(app, ["validate", "--formaat", "json", str(fout), str(waarschuwing)])

    assert resultaat.exit_code == 1
    problemen = json.loads(resultaat.stdout)
    assert [set(p) for p in problemen] == [
        {"bestand", "regel", "kolom", "code", "ernst", "melding"}
    ] * 2
    eerste, tweede = problemen
    assert (eerste["bestand"], eerste["regel"], eerste["kolom"]) == (str(fout), 4, 5)
    assert (eerste["code"], eerste["ernst"]) == ("AM101", "fout")
    assert (tweede["code"], tweede["ernst"]) == ("AM316", "waarschuwing")


def test_json_format_of_a_valid_file_is_an_empty_list(runner, schrijf):
    resultaat = runner.invoke(app, ["validate", "--formaat", "json", str(schrijf(GELDIG))])
    assert resultaat.exit_code == 0
    assert json.loads(resultaat.stdout) == []


def test_github_format_gives_error_and_warning_annotations(runner, schrijf):
    fout = schrijf(ZONDER_NAAM, "fout.yaml")
    waarschuwing = schrijf(ONGEBRUIKTE_BRON, "waarschuwing.yaml")

    resultaat = runner.invoke(
        app, ["validate", "--formaat", "github", str(fout), str(waarschuwing)]
    )

    regels = resultaat.stdout.splitlines()
    assert len(regels) == 2
    assert regels[0].startswith(f"::error file={fout},line=4,col=5,")
    assert "AM101" in regels[0]
    assert regels[1].startswith(f"::warning file={waarschuwing},line=3,col=3,")
    assert "AM316" in regels[1]


def test_warnings_only_file_exits_0(runner, schrijf):
    resultaat = runner.invoke(app, ["validate", str(schrijf(ONGEBRUIKTE_BRON))])
    assert resultaat.exit_code == 0
    assert "AM316" in resultaat.stdout


def test_strikt_makes_a_warnings_only_file_exit_1(runner, schrijf):
    resultaat = runner.invoke(app, ["validate", "--strikt", str(schrijf(ONGEBRUIKTE_BRON))])
    assert resultaat.exit_code == 1
    assert "AM316" in resultaat.stdout


def test_strikt_with_only_warnings_never_calls_the_file_valid(runner, schrijf):
    pad = schrijf(ONGEBRUIKTE_BRON)

    resultaat = runner.invoke(app, ["validate", "--strikt", str(pad)])

    samenvatting = resultaat.stdout.splitlines()[-1]
    assert not samenvatting.startswith("Geldig")
    assert samenvatting == (
        "Ongeldig met --strikt (waarschuwingen tellen als fouten): 0 fouten, 1 waarschuwing "
        f"in 1 bestand ({pad})."
    )


def test_the_summary_names_every_file_it_checked(runner, schrijf):
    fout = schrijf(ZONDER_NAAM, "fout.yaml")
    goed = schrijf(GELDIG, "goed.yaml")

    resultaat = runner.invoke(app, ["validate", str(fout), str(goed)])

    assert resultaat.stdout.splitlines()[-1] == (
        f"Ongeldig: 1 fout, 0 waarschuwingen in 2 bestanden ({fout}, {goed})."
    )


def test_strikt_keeps_a_clean_file_at_exit_0(runner, schrijf):
    assert runner.invoke(app, ["validate", "--strikt", str(schrijf(GELDIG))]).exit_code == 0


# --- validate: wrong use --------------------------------------------------------------------


def test_missing_file_exits_2_naming_it_on_stderr(runner, tmp_path):
    ontbrekend = tmp_path / "bestaat-niet.yaml"

    resultaat = runner.invoke(app, ["validate", str(ontbrekend)])

    assert resultaat.exit_code == 2
    assert str(ontbrekend) in resultaat.stderr
    assert "bestaat niet" in resultaat.stderr
    assert resultaat.stdout == ""


def test_missing_file_among_others_exits_2_and_still_checks_the_rest(runner, schrijf, tmp_path):
    fout = schrijf(ZONDER_NAAM)

    resultaat = runner.invoke(app, ["validate", str(fout), str(tmp_path / "weg.yaml")])

    assert resultaat.exit_code == 2
    assert f"{fout}:4:5: AM101 " in resultaat.stdout


def test_directory_exits_2(runner, tmp_path):
    resultaat = runner.invoke(app, ["validate", str(tmp_path)])
    assert resultaat.exit_code == 2
    assert "map" in resultaat.stderr


def test_unknown_option_exits_2_in_dutch(runner):
    resultaat = runner.invoke(app, ["validate", "--onbekend"])
    assert resultaat.exit_code == 2
    assert "Onbekende optie" in resultaat.stderr
    assert "--onbekend" in resultaat.stderr


def test_unknown_command_exits_2_in_dutch(runner):
    resultaat = runner.invoke(app, ["valideer"])
    assert resultaat.exit_code == 2
    assert "Onbekende opdracht" in resultaat.stderr


def test_version_prints_the_version(runner):
    resultaat = runner.invoke(app, ["--version"])
    assert resultaat.exit_code == 0
    assert resultaat.stdout == f"amctl {__version__}\n"


# --- regels and schema ----------------------------------------------------------------------


def test_regels_lists_every_code(runner):
    resultaat = runner.invoke(app, ["regels"])

    assert resultaat.exit_code == 0
    getoond = re.findall(r"^(AM\d{3}) ", resultaat.stdout, flags=re.MULTILINE)
    assert getoond == [r.code for r in alle_regels()]


def test_regels_with_a_code_shows_both_examples(runner):
    resultaat = runner.invoke(app, ["regels", "AM305"])

    assert resultaat.exit_code == 0
    assert resultaat.stdout.startswith("AM305 ")
    assert "Fout:" in resultaat.stdout
    assert "Goed:" in resultaat.stdout


def test_regels_code_is_case_insensitive(runner):
    assert runner.invoke(app, ["regels", "am305"]).stdout.startswith("AM305 ")


def test_regels_with_an_unknown_code_exits_2(runner):
    resultaat = runner.invoke(app, ["regels", "XYZ"])
    assert resultaat.exit_code == 2
    assert "XYZ" in resultaat.stderr


def test_regels_finds_a_rule_by_its_name_too(runner):
    assert runner.invoke(app, ["regels", "te-veel-bekleders"]).stdout.startswith("AM305 ")


@pytest.mark.parametrize(
    ("gezocht", "tip"),
    [
        ("am20", "Bedoelde u: AM201 of AM202?"),
        ("am30", "9 codes beginnen zo: AM301 tot en met AM309."),
        ("te-veel-leeden", "Bedoelde u: AM303 (te-veel-leden)?"),
    ],
)
def test_an_unknown_code_is_answered_with_the_codes_it_could_be(runner, gezocht, tip):
    resultaat = runner.invoke(app, ["regels", gezocht])

    assert resultaat.exit_code == 2
    assert resultaat.stderr == (
        f"amctl: Onbekende regelcode '{gezocht}'. {tip} Zie 'amctl regels' voor de lijst.\n"
    )


def test_schema_prints_json_schema(runner):
    resultaat = runner.invoke(app, ["schema"])

    assert resultaat.exit_code == 0
    schema = json.loads(resultaat.stdout)
    assert "$schema" in schema
    assert schema["properties"]["versie"] == {"const": 1}


# --- which file -----------------------------------------------------------------------------


@pytest.fixture
def drie_kandidaten(tmp_path, monkeypatch, schrijf):
    """A cwd with ./data/organisatie.yaml, plus an env file and an option file elsewhere.

    Each has one problem at its own line, so the output shows which one was read."""
    monkeypatch.chdir(tmp_path)
    cwd = schrijf("versie: 1\nin-cwd: 1\n", "data/organisatie.yaml")
    env = schrijf("versie: 1\n\nin-env: 1\n", "env.yaml")
    optie = schrijf("versie: 1\n\n\nin-optie: 1\n", "optie.yaml")
    return cwd, env, optie


def test_bestand_option_wins_over_environment_and_cwd(runner, drie_kandidaten, monkeypatch):
    _, env, optie = drie_kandidaten
    monkeypatch.setenv(OMGEVINGSVARIABELE, str(env))

    resultaat = runner.invoke(app, ["validate", "--bestand", str(optie)])

    assert resultaat.exit_code == 1
    assert resultaat.stdout.startswith(f"{optie}:4:1: AM103 ")


def test_environment_wins_over_cwd(runner, drie_kandidaten, monkeypatch):
    _, env, _ = drie_kandidaten
    monkeypatch.setenv(OMGEVINGSVARIABELE, str(env))

    resultaat = runner.invoke(app, ["validate"])

    assert resultaat.exit_code == 1
    assert resultaat.stdout.startswith(f"{env}:3:1: AM103 ")


def test_data_file_in_cwd_is_read_without_option_or_environment(runner, drie_kandidaten):
    resultaat = runner.invoke(app, ["validate"])

    assert resultaat.exit_code == 1
    assert resultaat.stdout.startswith("data/organisatie.yaml:2:1: AM103 ")


def test_bundled_copy_is_read_in_an_empty_cwd(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    resultaat = runner.invoke(app, ["validate"])

    assert resultaat.exit_code == 0, resultaat.output
    assert (
        resultaat.stdout == f"Geldig: 1 bestand gecontroleerd ({meegeleverd()}), geen problemen.\n"
    )


def test_environment_naming_a_missing_file_exits_2(runner, tmp_path, monkeypatch):
    monkeypatch.setenv(OMGEVINGSVARIABELE, str(tmp_path / "weg.yaml"))
    resultaat = runner.invoke(app, ["validate"])
    assert resultaat.exit_code == 2
    assert "weg.yaml" in resultaat.stderr


# --- real processes -------------------------------------------------------------------------


def test_process_valid_file_exits_0(gedeeld_bestand):
    proces = amctl("validate", str(gedeeld_bestand))
    assert proces.returncode == 0
    assert "Geldig" in proces.stdout
    assert proces.stderr == ""


def test_process_invalid_file_exits_1_without_traceback(schrijf):
    proces = amctl("validate", str(schrijf(ZONDER_NAAM)))
    assert proces.returncode == 1
    assert "AM101" in proces.stdout
    assert "Traceback" not in proces.stdout + proces.stderr


def test_process_missing_file_exits_2_without_traceback(tmp_path):
    proces = amctl("validate", str(tmp_path / "weg.yaml"))
    assert proces.returncode == 2
    assert "weg.yaml" in proces.stderr
    assert "Traceback" not in proces.stderr


def test_process_unknown_option_exits_2_in_dutch():
    proces = amctl("validate", "--onbekend")
    assert proces.returncode == 2
    assert "Onbekende optie" in proces.stderr
    assert "Traceback" not in proces.stderr


def test_process_in_an_empty_cwd_reads_the_bundled_copy(tmp_path):
    proces = amctl("validate", cwd=tmp_path)
    assert proces.returncode == 0, proces.stderr
    assert "Geldig" in proces.stdout
