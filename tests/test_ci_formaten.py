"""`amctl controleer` as CI and editors read it: the level on every problem line, SARIF and
GitLab Code Quality, lines that never wrap in CI, switching a warning off (--negeer,
.amctl.toml, a line comment), the standard input and --stil."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from amctl.cli import app
from amctl.regels import alle_regels

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")

SARIF_SCHEMA = Path(__file__).parent / "vendor" / "sarif" / "sarif-schema-2.1.0.json"
REGELS = {r.code: r for r in alle_regels()}

# A valid file with one warning, AM316 on line 3 (a source nobody uses).
MET_WAARSCHUWING = "versie: 1\nbronnen:\n  tekst:\n    titel: Brontekst\n"
# One error (AM105, an impossible date, line 4) and nothing else.
MET_FOUT = "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n    vanaf: 2016-02-30\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def controleer(runner, *argumenten, invoer=None, env=None):
    return runner.invoke(app, ["controleer", *argumenten], input=invoer, env=env)


# --- the level on every line ----------------------------------------------------------------


def test_every_text_line_says_whether_it_is_an_error_or_a_warning(runner, schrijf):
    fout, waarschuwing = schrijf(MET_FOUT, "fout.yaml"), schrijf(MET_WAARSCHUWING, "w.yaml")
    uit = controleer(runner, str(fout), str(waarschuwing))
    regels = uit.stdout.splitlines()
    assert f"{fout}:5:12: AM105 [fout] " in regels[0]
    assert regels[1].startswith(f"{waarschuwing}:3:3: AM316 [waarschuwing] De bron 'tekst'")
    assert uit.exit_code == 1


def _in_pseudoterminal(argumenten: list[str], env: dict[str, str]) -> str:
    """Run amctl with its stdout on a pseudo-terminal (as `docker run -t` in CI does)."""
    hoofd, kind = pty.openpty()
    omgeving = {k: v for k, v in os.environ.items() if k not in ("CI", "COLUMNS", "NO_COLOR")}
    proces = subprocess.Popen(
        [sys.executable, "-m", "amctl", *argumenten],
        stdout=kind,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env={**omgeving, "AMCTL_CACHE": "uit", "NO_COLOR": "1", **env},
    )
    os.close(kind)
    delen = []
    while True:
        try:
            deel = os.read(hoofd, 65536)
        except OSError:
            break
        if not deel:
            break
        delen.append(deel)
    proces.wait(timeout=60)
    os.close(hoofd)
    return b"".join(delen).decode().replace("\r\n", "\n")


def test_problem_lines_never_wrap_in_ci_even_on_a_pseudo_terminal(schrijf):
    bestand = schrijf(MET_WAARSCHUWING)
    smal = {"COLUMNS": "50"}
    op_terminal = _in_pseudoterminal(["controleer", str(bestand)], smal)
    in_ci = _in_pseudoterminal(["controleer", str(bestand)], {**smal, "CI": "true"})
    probleem = [r for r in in_ci.splitlines() if "AM316" in r]
    assert len(probleem) == 1 and probleem[0].endswith("verwijs ernaar of verwijder haar.")
    assert "verwijder haar." not in next(r for r in op_terminal.splitlines() if "AM316" in r)


# --- SARIF and GitLab -------------------------------------------------------------------------


def _sarif(runner, *argumenten) -> dict:
    uit = controleer(runner, "--formaat", "sarif", *argumenten)
    return json.loads(uit.stdout)


def test_sarif_is_valid_sarif_2_1_0_with_every_rule_and_its_help(runner, schrijf):
    bestand = schrijf(MET_WAARSCHUWING)
    log = _sarif(runner, str(bestand))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    regels = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in regels] == sorted(REGELS)
    am316 = next(r for r in regels if r["id"] == "AM316")
    assert am316["defaultConfiguration"]["level"] == "warning"
    assert REGELS["AM316"].uitleg.split()[0] in am316["help"]["text"]
    assert "Fout voorbeeld" in am316["help"]["text"] or "bronnen:" in am316["help"]["text"]


def test_sarif_result_points_at_file_line_and_column_with_its_level(runner, schrijf):
    bestand = schrijf(MET_FOUT, "fout.yaml")
    (resultaat,) = _sarif(runner, str(bestand))["runs"][0]["results"]
    assert resultaat["ruleId"] == "AM105" and resultaat["level"] == "error"
    plek = resultaat["locations"][0]["physicalLocation"]
    assert plek["region"] == {"startLine": 5, "startColumn": 12}
    assert plek["artifactLocation"]["uri"].endswith("/fout.yaml")
    regels = _sarif(runner, str(bestand))["runs"][0]["tool"]["driver"]["rules"]
    assert regels[resultaat["ruleIndex"]]["id"] == "AM105"


def test_sarif_keeps_a_relative_path_relative(runner, schrijf, monkeypatch):
    bestand = schrijf(MET_FOUT, "fout.yaml")
    monkeypatch.chdir(bestand.parent)
    (resultaat,) = _sarif(runner, "fout.yaml")["runs"][0]["results"]
    assert resultaat["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "fout.yaml"


def test_sarif_lists_a_switched_off_warning_as_suppressed(runner, schrijf):
    bestand = schrijf(MET_WAARSCHUWING)
    (resultaat,) = _sarif(runner, str(bestand), "--negeer", "AM316")["runs"][0]["results"]
    assert resultaat["ruleId"] == "AM316"
    assert resultaat["suppressions"] == [
        {"kind": "external", "justification": "uitgezet: --negeer"}
    ]


def test_gitlab_code_quality_report(runner, schrijf):
    bestand, waarschuwing = schrijf(MET_FOUT, "fout.yaml"), schrijf(MET_WAARSCHUWING, "w.yaml")
    uit = controleer(runner, "--formaat", "gitlab", str(bestand), str(waarschuwing))
    rapport = json.loads(uit.stdout)
    assert [(r["check_name"], r["severity"]) for r in rapport] == [
        ("AM105", "major"),
        ("AM316", "minor"),
    ]
    assert rapport[0]["location"] == {"path": str(bestand), "lines": {"begin": 5}}
    assert len({r["fingerprint"] for r in rapport}) == 2
    assert uit.exit_code == 1


def test_gitlab_fingerprint_survives_a_line_added_above(runner, schrijf):
    bestand = schrijf(MET_WAARSCHUWING)
    voor = json.loads(controleer(runner, "--formaat", "gitlab", str(bestand)).stdout)
    bestand.write_text("# een nieuwe regel bovenaan\n" + MET_WAARSCHUWING, encoding="utf-8")
    na = json.loads(controleer(runner, "--formaat", "gitlab", str(bestand)).stdout)
    assert na[0]["location"]["lines"]["begin"] == voor[0]["location"]["lines"]["begin"] + 1
    assert na[0]["fingerprint"] == voor[0]["fingerprint"]


def test_gitlab_two_equal_problems_get_different_fingerprints():
    from amctl.probleem import Ernst, Plek, Probleem
    from amctl.weergave.problemen import als_gitlab

    p = Probleem("a.yaml", Plek(3, 3), "AM316", Ernst.WAARSCHUWING, "zelfde")
    rapport = json.loads(als_gitlab([p, p._replace(plek=Plek(9, 3))]))
    assert rapport[0]["fingerprint"] != rapport[1]["fingerprint"]


# --- switching a warning off --------------------------------------------------------------------


def test_negeer_switches_a_warning_off_and_the_summary_says_so(runner, schrijf):
    bestand = schrijf(MET_WAARSCHUWING)
    assert controleer(runner, "--strikt", str(bestand)).exit_code == 1
    uit = controleer(runner, "--strikt", "--negeer", "am316", str(bestand))
    assert uit.exit_code == 0, uit.output
    assert "AM316" not in uit.stdout.splitlines()[0] or uit.stdout.startswith("Geldig")
    assert uit.stdout == (
        f"Geldig: 1 bestand gecontroleerd ({bestand}), geen problemen; "
        "1 waarschuwing uitgezet (AM316 met --negeer).\n"
    )


def test_negeer_refuses_an_error_code(runner, schrijf):
    bestand = schrijf(MET_FOUT)
    uit = controleer(runner, "--negeer", "AM105", str(bestand))
    assert uit.exit_code == 2
    assert "AM105 (ongeldige-datum) is een fout en kan niet worden uitgezet" in uit.output


def test_negeer_refuses_an_unknown_code_with_a_suggestion(runner, schrijf):
    uit = controleer(runner, "--negeer", "AM31", str(schrijf(MET_WAARSCHUWING)))
    assert uit.exit_code == 2
    assert "--negeer: Onbekende regelcode 'AM31'" in uit.output


def test_settings_file_beside_the_data_file_switches_a_warning_off(runner, schrijf):
    bestand = schrijf(MET_WAARSCHUWING)
    (bestand.parent / ".amctl.toml").write_text('[controleer]\nnegeer = ["AM316"]\n')
    uit = controleer(runner, "--strikt", str(bestand))
    assert uit.exit_code == 0, uit.output
    assert "1 waarschuwing uitgezet (AM316 met .amctl.toml)" in uit.stdout


def test_a_broken_settings_file_is_wrong_use_naming_it(runner, schrijf):
    bestand = schrijf(MET_WAARSCHUWING)
    (bestand.parent / ".amctl.toml").write_text("[controleer\n")
    uit = controleer(runner, str(bestand))
    assert uit.exit_code == 2
    assert ".amctl.toml' is geen geldige TOML" in uit.output


def test_a_comment_at_the_end_of_the_line_switches_its_warning_off(runner, schrijf):
    tekst = MET_WAARSCHUWING.replace("  tekst:\n", "  tekst:  # amctl: negeer AM316\n")
    uit = controleer(runner, "--strikt", str(schrijf(tekst)))
    assert uit.exit_code == 0, uit.output
    assert "1 waarschuwing uitgezet (AM316 op regel 3)" in uit.stdout


def test_a_comment_alone_on_the_line_above_switches_the_next_line_off(runner, schrijf):
    tekst = MET_WAARSCHUWING.replace("  tekst:\n", "  # amctl: negeer AM316\n  tekst:\n")
    uit = controleer(runner, "--strikt", str(schrijf(tekst)))
    assert uit.exit_code == 0, uit.output
    assert "(AM316 op regel 3)" in uit.stdout


def test_the_same_words_inside_a_value_switch_nothing_off(runner, schrijf):
    tekst = MET_WAARSCHUWING.replace(
        "titel: Brontekst", "titel: Brontekst\n    notitie: 'zie # amctl: negeer AM316'"
    )
    tekst = tekst.replace("  tekst:\n", "  tekst: {titel: 'x # amctl: negeer AM316'}\n  t2:\n")
    uit = controleer(runner, "--strikt", str(schrijf(tekst)))
    assert uit.exit_code == 1
    assert "uitgezet" not in uit.stdout


def test_a_comment_that_switches_nothing_off_is_a_warning(runner, schrijf):
    tekst = "versie: 1  # amctl: negeer AM316\n"
    uit = controleer(runner, str(schrijf(tekst)))
    assert ":1:12: AM360 [waarschuwing] '# amctl: negeer' zet AM316 uit op regel 1" in uit.stdout


def test_a_comment_naming_an_error_is_a_warning_and_switches_nothing_off(runner, schrijf):
    tekst = MET_FOUT.replace("2016-02-30", "2016-02-30  # amctl: negeer AM105")
    uit = controleer(runner, str(schrijf(tekst)))
    assert uit.exit_code == 1
    assert "AM105 [fout]" in uit.stdout
    assert "AM360 [waarschuwing] '# amctl: negeer' noemt AM105 (ongeldige-datum), een fout" in (
        uit.stdout
    )


def test_a_cached_verdict_follows_a_changed_settings_file(runner, schrijf, tmp_path):
    bestand = schrijf(MET_WAARSCHUWING)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "AMCTL_CACHE": "aan"}
    assert controleer(runner, "--strikt", str(bestand), env=env).exit_code == 1
    (bestand.parent / ".amctl.toml").write_text('[controleer]\nnegeer = ["AM316"]\n')
    assert controleer(runner, "--strikt", str(bestand), env=env).exit_code == 0
    (bestand.parent / ".amctl.toml").unlink()
    assert controleer(runner, "--strikt", str(bestand), env=env).exit_code == 1


# --- standard input and --stil ------------------------------------------------------------------


def test_a_dash_reads_the_standard_input(runner):
    uit = controleer(runner, "-", invoer=MET_FOUT)
    assert uit.exit_code == 1
    assert uit.stdout.startswith("<stdin>:5:12: AM105 [fout] ")


def test_invoernaam_names_the_standard_input_in_messages(runner):
    uit = controleer(runner, "-", "--invoernaam", "data/organisatie.yaml", invoer=MET_FOUT)
    assert uit.stdout.startswith("data/organisatie.yaml:5:12: AM105 [fout] ")


def test_a_valid_standard_input_is_valid(runner):
    uit = controleer(runner, "-", invoer="versie: 1\n")
    assert uit.exit_code == 0
    assert uit.stdout == "Geldig: 1 bestand gecontroleerd (<stdin>), geen problemen.\n"


def test_stil_prints_only_the_problems(runner, schrijf):
    bestand = schrijf(MET_WAARSCHUWING)
    uit = controleer(runner, "-q", str(bestand))
    assert uit.stdout.splitlines() == [
        f"{bestand}:3:3: AM316 [waarschuwing] De bron 'tekst' wordt nergens gebruikt; "
        "verwijs ernaar of verwijder haar."
    ]
    assert controleer(runner, "--stil", str(schrijf("versie: 1\n"))).stdout == ""
