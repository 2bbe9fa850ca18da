"""Tab completion, the way a shell asks for it: amctl run with _AMCTL_COMPLETE and the
command line in COMP_WORDS/COMP_CWORD (bash) or _TYPER_COMPLETE_ARGS (zsh, fish). The
values come from the data file in use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from amctl.cli import app
from amctl.regels import alle_regels

FICTIEF = Path(__file__).parent / "fixtures" / "fictief.yaml"


def bash(runner, regel: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash offers for the last word of `regel` (a trailing space: a new, empty word)."""
    woorden = regel.split(" ")
    resultaat = runner.invoke(
        app,
        [],
        env={
            "_AMCTL_COMPLETE": "complete_bash",
            "COMP_WORDS": regel,
            "COMP_CWORD": str(len(woorden) - 1),
            **(env or {}),
        },
    )
    assert resultaat.exit_code == 0, resultaat.output
    return resultaat.stdout.split()


def zsh(runner, regel: str) -> str:
    resultaat = runner.invoke(
        app, [], env={"_AMCTL_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": regel}
    )
    assert resultaat.exit_code == 0, resultaat.output
    return resultaat.stdout


def fish(runner, regel: str) -> list[str]:
    resultaat = runner.invoke(
        app,
        [],
        env={
            "_AMCTL_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": regel,
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        },
    )
    assert resultaat.exit_code == 0, resultaat.output
    return resultaat.stdout.splitlines()


@pytest.fixture(autouse=True)
def geen_bestand_uit_de_omgeving(monkeypatch):
    monkeypatch.delenv("AMCTL_BESTAND", raising=False)


def test_commands_complete_by_their_dutch_names(runner):
    assert bash(runner, "amctl bo") == ["boom"]
    assert {"controleer", "wie-zit-in", "waar-zit"} <= set(bash(runner, "amctl "))


def test_a_body_completes_from_the_data_file_in_use(runner):
    assert bash(runner, f"amctl wie-zit-in -f {FICTIEF} regie") == ["regiegroep"]
    assert "plenair-overleg" in bash(runner, f"amctl toon -f {FICTIEF} ")


def test_verband_completes_only_the_samenwerkingsverbanden(runner):
    """The bodies that are part of nothing: the values `diagram --verband` accepts."""
    assert bash(runner, f"amctl diagram -f {FICTIEF} --verband ") == ["am-overleg", "mra"]


def test_the_file_comes_from_amctl_bestand_too(runner, schrijf):
    ander = schrijf(FICTIEF.read_text().replace("regiegroep", "stuurgroep"))

    assert bash(runner, "amctl wie-zit-in stuur", env={"AMCTL_BESTAND": str(ander)}) == [
        "stuurgroep"
    ]


def test_a_gemeente_completes_for_gemeente(runner):
    assert bash(runner, f"amctl benoem -f {FICTIEF} x burgemeester -g di") == ["diemen"]


def test_a_post_of_a_gemeente_completes_as_one_word(runner):
    posten = bash(runner, f"amctl waar-zit -f {FICTIEF} burgemeester-van-")

    assert "burgemeester-van-diemen" in posten
    assert "burgemeester-van-de-ronde-venen" in posten


def test_the_completed_post_is_understood(runner):
    resultaat = runner.invoke(
        app, ["waar-zit", "burgemeester-van-diemen", "-f", str(FICTIEF), "-d", "2026-06-01"]
    )
    assert resultaat.exit_code == 0, resultaat.output
    assert "\nburgemeester van Diemen op 2026-06-01\n" in resultaat.stdout


def test_a_person_completes_by_id(runner):
    assert sorted(bash(runner, f"amctl ontsla -f {FICTIEF} fictief-burgemeester-d")) == [
        "fictief-burgemeester-diemen-nieuw",
        "fictief-burgemeester-diemen-oud",
    ]


def test_a_status_and_a_rule_code_complete(runner):
    assert bash(runner, f"amctl zet-status -f {FICTIEF} regiegroep op") == ["opgeheven"]
    codes = [r.code for r in alle_regels()]
    assert bash(runner, "amctl regels AM10") == [c for c in codes if c.startswith("AM10")]
    assert bash(runner, "amctl regels AM3") == [c for c in codes if c.startswith("AM3")]


def test_zsh_and_fish_show_the_name_beside_the_id(runner):
    assert '"regiegroep":"Regiegroep"' in zsh(runner, f"amctl wie-zit-in -f {FICTIEF} regie")
    assert "diemen\tDiemen" in fish(runner, f"amctl benoem -f {FICTIEF} x burgemeester -g die")


def test_an_invalid_file_completes_nothing_and_says_nothing(runner, schrijf):
    kapot = schrijf("versie: 1\norganen: [\n")

    assert bash(runner, f"amctl wie-zit-in -f {kapot} ") == []


def test_the_installed_script_runs_amctl_with_the_completion_variable(runner):
    for shell in ("bash", "zsh", "fish"):
        resultaat = runner.invoke(app, ["aanvulling", shell])
        assert resultaat.exit_code == 0
        assert "_AMCTL_COMPLETE=complete_" in resultaat.stdout


def test_installing_writes_the_script_and_one_line_in_the_shell_settings(runner, tmp_path):
    env = {"HOME": str(tmp_path)}
    (tmp_path / ".bashrc").write_text("alias ll='ls -l'")
    for _ in range(2):
        resultaat = runner.invoke(app, ["aanvulling", "bash", "--installeer"], env=env)
        assert resultaat.exit_code == 0, resultaat.output

    script = tmp_path / ".bash_completions" / "amctl.sh"
    assert "complete -o default -F _amctl_completion amctl" in script.read_text()
    assert (tmp_path / ".bashrc").read_text() == f"alias ll='ls -l'\nsource '{script}'\n"


def test_a_tab_press_in_a_real_process_loads_neither_rich_nor_pydantic(tmp_path):
    """Completion runs on every Tab: it must stay light (Typer's conversion of values would
    load pydantic; a Tab press converts nothing). amctl ends without tidying up, so the
    modules it loaded are read from -X importtime."""
    omgeving = {
        **os.environ,
        "_AMCTL_COMPLETE": "complete_bash",
        "COMP_WORDS": f"amctl wie-zit-in -f {FICTIEF} regie",
        "COMP_CWORD": "4",
    }
    uit = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "amctl"],
        env=omgeving,
        capture_output=True,
        text=True,
        check=False,
    )
    assert uit.stdout.split() == ["regiegroep"], uit.stderr
    geladen = {r.split("|")[-1].strip() for r in uit.stderr.splitlines() if "|" in r}
    assert "amctl.cli" in geladen
    assert not any(m.startswith(("rich", "pydantic")) for m in geladen)


def test_after_a_tab_press_in_the_same_process_values_are_converted_again(runner):
    bash(runner, f"amctl rooster -f {FICTIEF} --tot 2030 pl")

    resultaat = runner.invoke(app, ["rooster", "plenair-overleg", "--tot", "x", "-f", str(FICTIEF)])
    assert resultaat.exit_code == 2
    assert "geef een geheel getal" in resultaat.stderr


# --- the same values from a model in the cache (only the rows that match are read) ----------

SOORTEN = (
    "orgaan", "verband", "gemeente", "persoon", "functie", "post", "wie", "wie-of-orgaan",
    "bron", "portefeuille",
)  # fmt: skip


@pytest.fixture(scope="module")
def m_bestand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated M file of the benchmark (hundreds of persons, thousands of posts)."""
    benchmarks = str(Path(__file__).resolve().parents[1] / "benchmarks")
    sys.path.insert(0, benchmarks)
    try:
        import genereer
    finally:
        sys.path.remove(benchmarks)
    return genereer.genereer("M", 1, tmp_path_factory.mktemp("M"))


def voorvoegsels(org) -> list[str]:
    """What someone may have typed: nothing, the first letters of every id (and of every post
    of a gemeente), whole ids, and what no id starts with."""
    ids = [*org.organen, *org.gemeenten, *org.personen, *org.bronnen, *org.portefeuilles]
    ids += [f"{f}-van-{g}" for f in org.functies for g in list(org.gemeenten)[:3]]
    uit = {"", "zzz", "burgemeester-van-", "burgemeester-van-x"}
    for i in ids:
        uit |= {i[:1], i[:2], i[:4], i, i + "x"}
    return sorted(uit)


@pytest.mark.parametrize("naam", ["fictief", "M"])
def test_completion_from_a_cached_model_offers_exactly_what_the_file_gives(
    naam, m_bestand, monkeypatch
):
    from amctl import aanvulling, controle, modelcache

    pad = FICTIEF if naam == "fictief" else m_bestand
    vers = controle.controleer_bestand(pad).organisatie
    assert vers is not None
    inhoud = pad.read_bytes()
    modelcache.bewaar(str(pad), inhoud, vers)
    gecached = modelcache.lees(str(pad), inhoud, controle.model_uit_bytes)
    assert gecached is not None and type(gecached) is not type(vers)
    getypt = voorvoegsels(vers)
    if naam == "M":
        getypt = getypt[::40]
    for soort in SOORTEN:
        for tekst in getypt:
            monkeypatch.setattr(aanvulling, "_model", lambda ctx: vers)
            verwacht = aanvulling.waarden(soort, None, tekst)
            monkeypatch.setattr(aanvulling, "_model", lambda ctx: gecached)
            assert aanvulling.waarden(soort, None, tekst) == verwacht, (soort, tekst)


def test_verband_completes_only_what_diagram_accepts_today(runner, schrijf):
    """A samenwerkingsverband dissolved before today is not offered; what `diagram --verband`
    accepts is the same set (one definition, vragen.samenwerkingsverbanden)."""
    kop = "  mra:\n    naam: Metropoolregio Amsterdam\n"
    tekst = FICTIEF.read_text(encoding="utf-8")
    opgeheven = schrijf(tekst.replace(kop, kop + "    tot-en-met: 2020-12-31\n"))

    aangeboden = bash(runner, f"amctl diagram -f {opgeheven} --verband ")

    assert "mra" not in aangeboden and "am-overleg" in aangeboden
    for waarde in aangeboden:
        resultaat = runner.invoke(app, ["diagram", "-f", str(opgeheven), "--verband", waarde])
        assert resultaat.exit_code == 0, (waarde, resultaat.stderr)
