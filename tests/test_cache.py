"""The cache (amctl.cache): fast on an unchanged file, never stale, never trusted when corrupt
or when it belongs to another key, never used for a file with errors, only in a folder of the
user's own, and switched off only by the values the README names."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amctl import cache, controle, modelcache
from amctl.cli import app

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "organisatie.yaml"


@pytest.fixture
def cachemap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    map_ = tmp_path / "cache"
    monkeypatch.setenv("AMCTL_CACHE_MAP", str(map_))
    monkeypatch.delenv("AMCTL_CACHE", raising=False)
    return map_


@pytest.fixture
def bestand(tmp_path: Path) -> Path:
    pad = tmp_path / "organisatie.yaml"
    pad.write_bytes(SHIPPED.read_bytes())
    return pad


def met_naam(pad: Path, naam: str) -> None:
    """The shipped file with the Regiegroep renamed; the length stays the same when `naam` is
    as long as 'Regiegroep'."""
    tekst = SHIPPED.read_text(encoding="utf-8").replace("naam: Regiegroep", f"naam: {naam}")
    pad.write_text(tekst, encoding="utf-8")


def naam_in_regiegroep(pad: Path) -> str:
    """The body's name as a question that reads the model gives it (`toon`: its answer is not
    kept whole, unlike `wie-zit-in` and `tree`)."""
    resultaat = CliRunner().invoke(app, ["toon", "regiegroep", "--json", "-f", str(pad)])
    assert resultaat.exit_code == 0, resultaat.stderr
    return json.loads(resultaat.stdout)["orgaan"]["naam"]


def geen_validatie(monkeypatch: pytest.MonkeyPatch) -> None:
    def mag_niet(*_args, **_kwargs):
        raise AssertionError("the file was validated again")

    monkeypatch.setattr(controle, "controleer_bytes", mag_niet)
    monkeypatch.setattr(controle, "controleer_bestand", mag_niet)


def modellen(cachemap: Path) -> list[Path]:
    return sorted(cachemap.glob("*.model"))


# --- the model ------------------------------------------------------------------------------


def test_a_second_question_on_an_unchanged_file_comes_from_the_cache(
    cachemap, bestand, monkeypatch
):
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert len(modellen(cachemap)) == 1
    geen_validatie(monkeypatch)
    assert naam_in_regiegroep(bestand) == "Regiegroep"


def test_a_changed_file_is_validated_again_and_answers_with_the_change(cachemap, bestand):
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    met_naam(bestand, "Regiegroep Nieuw")
    assert naam_in_regiegroep(bestand) == "Regiegroep Nieuw"
    assert len(modellen(cachemap)) == 2


def test_a_file_changed_within_the_same_second_answers_with_the_change(cachemap, bestand):
    met_naam(bestand, "Regiegroep")
    tijd = bestand.stat().st_mtime_ns
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    met_naam(bestand, "Regieclub!")  # as long as before, and the same modification time
    os.utime(bestand, ns=(tijd, tijd))
    assert naam_in_regiegroep(bestand) == "Regieclub!"
    resultaat = CliRunner().invoke(app, ["validate", "-f", str(bestand)])
    assert resultaat.exit_code == 0


def test_two_files_at_the_same_path_over_time_each_get_their_own_answer(
    cachemap, tmp_path, monkeypatch
):
    pad = tmp_path / "org.yaml"
    for naam in ("Regiegroep A", "Regiegroep B"):
        met_naam(pad, naam)
        assert naam_in_regiegroep(pad) == naam
    geen_validatie(monkeypatch)  # both are in the cache now, each under its own key
    for naam in ("Regiegroep A", "Regiegroep B", "Regiegroep A"):
        met_naam(pad, naam)
        assert naam_in_regiegroep(pad) == naam


def test_a_damaged_row_is_noticed_and_the_answer_comes_from_the_file(cachemap, bestand):
    naam_in_regiegroep(bestand)
    [item] = modellen(cachemap)
    with sqlite3.connect(item) as db:
        (data,) = db.execute(
            "SELECT data FROM rij WHERE sectie = 'organen' AND id = 'regiegroep'"
        ).fetchone()
        beschadigd = data.replace(b"Regiegroep", b"Regiegroet")
        assert beschadigd != data
        db.execute(
            "UPDATE rij SET data = ? WHERE sectie = 'organen' AND id = 'regiegroep'",
            (beschadigd,),
        )
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert naam_in_regiegroep(bestand) == "Regiegroep"  # and the rebuilt entry is sound


def test_a_file_that_is_no_database_is_ignored_and_rebuilt(cachemap, bestand):
    naam_in_regiegroep(bestand)
    [item] = modellen(cachemap)
    item.write_bytes(b"geen database" * 100)
    assert modelcache.lees(bestand.read_bytes(), controle.model_uit_bytes) is None
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert modelcache.lees(bestand.read_bytes(), controle.model_uit_bytes) is not None


def test_an_entry_under_another_key_is_not_used(cachemap, tmp_path):
    """An entry is bound to its key: the model of file A, put where file B's belongs, is not
    taken for B's."""
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    met_naam(a, "Regiegroep A")
    met_naam(b, "Regiegroep B")
    naam_in_regiegroep(a)
    [entry_a] = modellen(cachemap)
    naam_in_regiegroep(b)
    [entry_b] = [m for m in modellen(cachemap) if m != entry_a]
    entry_b.write_bytes(entry_a.read_bytes())
    assert naam_in_regiegroep(b) == "Regiegroep B"


def test_a_row_from_another_entry_is_not_used(cachemap, tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    met_naam(a, "Regiegroep A")
    met_naam(b, "Regiegroep B")
    naam_in_regiegroep(a)
    [entry_a] = modellen(cachemap)
    naam_in_regiegroep(b)
    [entry_b] = [m for m in modellen(cachemap) if m != entry_a]
    vraag = "SELECT data FROM rij WHERE sectie = 'organen' AND id = 'regiegroep'"
    with sqlite3.connect(entry_a) as db:
        (van_a,) = db.execute(vraag).fetchone()
    with sqlite3.connect(entry_b) as db:
        db.execute(
            "UPDATE rij SET data = ? WHERE sectie = 'organen' AND id = 'regiegroep'", (van_a,)
        )
    assert naam_in_regiegroep(b) == "Regiegroep B"


def test_a_file_with_errors_is_never_cached(cachemap, bestand):
    bestand.write_text(
        bestand.read_text(encoding="utf-8").replace("soort: bestuur", "soort: bestur"),
        encoding="utf-8",
    )
    for _ in range(2):
        resultaat = CliRunner().invoke(app, ["wie-zit-in", "regiegroep", "-f", str(bestand)])
        assert resultaat.exit_code == 1
        assert "AM201" in resultaat.stderr
    assert not modellen(cachemap)


def test_cached_and_fresh_answers_are_identical(cachemap, monkeypatch):
    fictief = Path(__file__).parent / "fixtures" / "fictief.yaml"
    for vraag in (
        ["tree"],
        ["tree", "regiegroep"],
        ["organen", "--json"],
        ["waar-zit", "diemen", "--json"],
        ["waar-zit", "burgemeester van Diemen"],
        ["toon", "regiegroep"],
    ):
        opdracht = [*vraag, "-f", str(fictief), "-d", "2026-06-01"]
        vers = CliRunner().invoke(app, opdracht, env={"AMCTL_CACHE": "uit"}).stdout
        eerste = CliRunner().invoke(app, opdracht).stdout
        for antwoord in cachemap.glob("*.antwoord"):  # the model's answer, not a kept one
            antwoord.unlink()
        with monkeypatch.context() as m:
            geen_validatie(m)
            uit_cache = CliRunner().invoke(app, opdracht).stdout
        assert vers == eerste == uit_cache, vraag
        assert vers


def test_the_cache_keeps_no_more_than_its_limit(cachemap, bestand, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ITEMS", 2)
    tekst = bestand.read_text(encoding="utf-8")
    for i in range(4):
        bestand.write_text(tekst + f"# versie {i}\n", encoding="utf-8")
        naam_in_regiegroep(bestand)
    assert len(modellen(cachemap)) == 2
    assert len(list(cachemap.glob("*.uitslag"))) == 2


def test_the_key_changes_with_the_code_that_builds_the_model(bestand, monkeypatch):
    voor = cache.sleutel(bestand.read_bytes())
    monkeypatch.setattr(cache, "_vingerafdruk", lambda: b"other code")
    assert cache.sleutel(bestand.read_bytes()) != voor


# --- the verdict of validate ----------------------------------------------------------------


def test_validating_an_unchanged_file_again_does_not_check_it_again(cachemap, bestand, monkeypatch):
    eerste = CliRunner().invoke(app, ["validate", "-f", str(bestand)])
    geen_validatie(monkeypatch)
    tweede = CliRunner().invoke(app, ["validate", "-f", str(bestand)])
    assert (tweede.exit_code, tweede.stdout) == (eerste.exit_code, eerste.stdout)
    assert eerste.exit_code == 0 and "geen problemen" in eerste.stdout


def test_the_verdict_on_an_invalid_file_is_kept_and_named_after_its_path(
    cachemap, bestand, tmp_path, monkeypatch
):
    bestand.write_text(
        bestand.read_text(encoding="utf-8").replace("soort: bestuur", "soort: bestur"),
        encoding="utf-8",
    )
    kopie = tmp_path / "kopie.yaml"
    kopie.write_bytes(bestand.read_bytes())
    eerste = CliRunner().invoke(app, ["validate", "-f", str(bestand)])
    assert eerste.exit_code == 1 and "AM201" in eerste.stdout
    van_kopie = CliRunner().invoke(app, ["validate", "-f", str(kopie)])
    assert str(kopie) in van_kopie.stdout and str(bestand) not in van_kopie.stdout
    geen_validatie(monkeypatch)
    tweede = CliRunner().invoke(app, ["validate", "-f", str(bestand)])
    assert (tweede.exit_code, tweede.stdout) == (eerste.exit_code, eerste.stdout)
    vraag = CliRunner().invoke(app, ["wie-zit-in", "regiegroep", "-f", str(bestand)])
    assert vraag.exit_code == 1 and "AM201" in vraag.stderr


def test_a_damaged_verdict_is_ignored(cachemap, bestand):
    CliRunner().invoke(app, ["validate", "-f", str(bestand)])
    [item] = cachemap.glob("*.uitslag")
    ruw = bytearray(item.read_bytes())
    ruw[-3] ^= 0xFF
    item.write_bytes(bytes(ruw))
    assert cache.lees_uitslag(bestand.read_bytes(), str(bestand)) is None
    assert CliRunner().invoke(app, ["validate", "-f", str(bestand)]).exit_code == 0
    assert cache.lees_uitslag(bestand.read_bytes(), str(bestand)) == []


def _modules_na(opdracht: list[str], omgeving: dict[str, str]) -> set[str]:
    uit = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "amctl", *opdracht],
        capture_output=True,
        text=True,
        env=omgeving,
        check=True,
    )
    return {r.split("|")[-1].strip() for r in uit.stderr.splitlines() if "|" in r}


def test_validating_an_unchanged_file_imports_neither_the_parser_nor_the_rules(cachemap, bestand):
    omgeving = {**os.environ, "AMCTL_CACHE_MAP": str(cachemap)}
    opdracht = ["validate", "-f", str(bestand)]
    eerste = _modules_na(opdracht, omgeving)
    assert "yaml" in eerste and "amctl.regels" in eerste
    tweede = _modules_na(opdracht, omgeving)
    assert not {m for m in tweede if m.startswith(("yaml", "amctl.regels", "amctl.laden"))}
    assert "amctl.model" not in tweede and "sqlite3" not in tweede


# --- whole answers (tree) ------------------------------------------------------------------


def boom(pad: Path, *opties: str, env: dict[str, str] | None = None) -> str:
    resultaat = CliRunner().invoke(app, ["tree", *opties, "-f", str(pad)], env=env)
    assert resultaat.exit_code == 0, resultaat.stderr
    return resultaat.stdout


def antwoorden(cachemap: Path) -> list[Path]:
    return sorted(cachemap.glob("*.antwoord"))


def geen_model(monkeypatch: pytest.MonkeyPatch) -> None:
    geen_validatie(monkeypatch)

    def mag_niet(*_args, **_kwargs):
        raise AssertionError("the model was read")

    monkeypatch.setattr(modelcache, "model_van", mag_niet)


def test_a_tree_asked_again_is_the_kept_answer_of_the_normal_path(cachemap, bestand, monkeypatch):
    vers = boom(bestand, env={"AMCTL_CACHE": "uit"})
    assert boom(bestand) == vers
    assert len(antwoorden(cachemap)) == 1
    geen_model(monkeypatch)
    assert boom(bestand) == vers


@pytest.mark.parametrize(
    "opties, env",
    [
        ([], {"COLUMNS": "60"}),
        ([], {"COLUMNS": "200"}),
        (["-d", "2019-01-01"], {}),
        (["--json"], {}),
        (["--bronnen"], {}),
        (["--diepte", "0"], {}),
        (["regiegroep"], {}),
    ],
)
def test_every_option_width_and_date_is_part_of_the_question(
    cachemap, bestand, monkeypatch, opties, env
):
    """Each question gets the answer the normal path gives it, never the kept answer of another
    question on the same file."""
    gewoon = boom(bestand)
    vers = boom(bestand, *opties, env={**env, "AMCTL_CACHE": "uit"})
    assert vers != gewoon
    assert boom(bestand, *opties, env=env) == vers
    geen_model(monkeypatch)
    assert boom(bestand, *opties, env=env) == vers
    assert boom(bestand) == gewoon
    assert len(antwoorden(cachemap)) == 2


def test_the_same_bytes_under_another_path_name_their_own_path(cachemap, bestand, tmp_path):
    kopie = tmp_path / "kopie.yaml"
    kopie.write_bytes(bestand.read_bytes())
    assert f"Bestand: {bestand}" in boom(bestand)
    assert f"Bestand: {kopie}" in boom(kopie)
    assert f"Bestand: {bestand}" in boom(bestand)


def test_a_tree_of_a_file_changed_within_the_same_second_shows_the_change(cachemap, bestand):
    met_naam(bestand, "Regiegroep")
    tijd = bestand.stat().st_mtime_ns
    assert "Regiegroep  regiegroep" in boom(bestand)
    met_naam(bestand, "Regieclub!")  # as long as before, and the same modification time
    os.utime(bestand, ns=(tijd, tijd))
    assert "Regieclub!  regiegroep" in boom(bestand)


def test_trees_of_two_files_at_the_same_path_over_time(cachemap, tmp_path, monkeypatch):
    pad = tmp_path / "org.yaml"
    for naam in ("Regiegroep A", "Regiegroep B"):
        met_naam(pad, naam)
        assert f"{naam}  regiegroep" in boom(pad)
    geen_model(monkeypatch)  # both answers are kept now, each under its own key
    for naam in ("Regiegroep A", "Regiegroep B", "Regiegroep A"):
        met_naam(pad, naam)
        assert f"{naam}  regiegroep" in boom(pad)


def test_a_file_saved_while_its_tree_is_made_keeps_each_answer_with_its_bytes(
    cachemap, tmp_path, monkeypatch
):
    """Another program saves the file just after amctl read it: the answer is made from the
    bytes that were read (and kept under their key), not from a second read of the new file."""
    pad = tmp_path / "org.yaml"
    met_naam(pad, "Regiegroep A")
    echt = cache.lees_bestand

    def en_dan_opgeslagen(gelezen: Path) -> bytes | None:
        inhoud = echt(gelezen)
        met_naam(pad, "Regiegroep B")
        return inhoud

    monkeypatch.setattr(cache, "lees_bestand", en_dan_opgeslagen)
    assert "Regiegroep A  regiegroep" in boom(pad)
    monkeypatch.setattr(cache, "lees_bestand", echt)
    met_naam(pad, "Regiegroep A")  # back to the first bytes (an undo, a git checkout)
    assert "Regiegroep A  regiegroep" in boom(pad)


def wie_zit_in(pad: Path, *opties: str, env: dict[str, str] | None = None) -> str:
    resultaat = CliRunner().invoke(app, ["wie-zit-in", *opties, "-f", str(pad)], env=env)
    assert resultaat.exit_code == 0, resultaat.stderr
    return resultaat.stdout


@pytest.mark.parametrize(
    "opties",
    [
        ["regiegroep"],
        ["plenair-overleg"],
        ["regiegroep", "-d", "2019-01-01"],
        ["regiegroep", "--json"],
        ["regiegroep", "--bronnen"],
    ],
)
def test_wie_zit_in_asked_again_is_the_kept_answer_of_its_own_question(
    cachemap, bestand, monkeypatch, opties
):
    gewoon = wie_zit_in(bestand, "regiegroep")
    vers = wie_zit_in(bestand, *opties, env={"AMCTL_CACHE": "uit"})
    assert wie_zit_in(bestand, *opties) == vers
    geen_model(monkeypatch)
    assert wie_zit_in(bestand, *opties) == vers
    assert wie_zit_in(bestand, "regiegroep") == gewoon


def test_wie_zit_in_of_an_unknown_body_is_never_kept(cachemap, bestand):
    for _ in range(2):
        resultaat = CliRunner().invoke(app, ["wie-zit-in", "regigroep", "-f", str(bestand)])
        assert resultaat.exit_code == 2 and "Bedoelde u" in resultaat.stderr
    assert antwoorden(cachemap) == []


def test_wie_zit_in_of_a_renamed_body_shows_the_new_name(cachemap, bestand):
    met_naam(bestand, "Regiegroep")
    assert "Regiegroep" in wie_zit_in(bestand, "regiegroep")
    met_naam(bestand, "Regieclub!")
    assert "Regieclub!" in wie_zit_in(bestand, "regiegroep")


def test_a_damaged_answer_is_ignored(cachemap, bestand):
    vers = boom(bestand)
    [item] = antwoorden(cachemap)
    item.write_bytes(item.read_bytes().replace(b"Regiegroep", b"Regiegroet"))
    assert boom(bestand) == vers
    item.write_bytes(item.read_bytes()[:-1])
    assert boom(bestand) == vers


def test_an_answer_under_another_key_or_question_is_not_used(cachemap, tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    met_naam(a, "Regiegroep A")
    met_naam(b, "Regiegroep B")
    boom(a)
    [van_a] = antwoorden(cachemap)
    boom(b)
    [van_b] = [x for x in antwoorden(cachemap) if x != van_a]
    van_b.write_bytes(van_a.read_bytes())  # another key
    assert "Regiegroep B  regiegroep" in boom(b)
    boom(a, "regiegroep")
    [andere_vraag] = [x for x in antwoorden(cachemap) if x not in (van_a, van_b)]
    van_a.write_bytes(andere_vraag.read_bytes())  # the same key, another question
    assert boom(a).count("\n") > boom(a, "regiegroep").count("\n")


def test_a_question_that_fails_or_draws_for_a_terminal_is_not_kept(cachemap, bestand):
    resultaat = CliRunner().invoke(app, ["tree", "bestaat-niet", "-f", str(bestand)])
    assert resultaat.exit_code == 2
    boom(bestand, env={"FORCE_COLOR": "1"})
    assert not antwoorden(cachemap)


def test_a_kept_answer_reads_neither_the_model_nor_the_views(cachemap, bestand):
    omgeving = {**os.environ, "AMCTL_CACHE_MAP": str(cachemap)}
    opdracht = ["tree", "-f", str(bestand)]
    assert "amctl.vragen" in _modules_na(opdracht, omgeving)
    tweede = _modules_na(opdracht, omgeving)
    gelezen = {
        "amctl.model",
        "amctl.vragen",
        "amctl.modelcache",
        "sqlite3",
        "amctl.weergave.terminal",
    }
    assert not gelezen & tweede


# --- where, and whether ---------------------------------------------------------------------


@pytest.mark.parametrize("waarde", ["uit", "UIT", "0", "nee", "off", "false", "no", " No "])
def test_the_documented_values_turn_the_cache_off(cachemap, bestand, monkeypatch, waarde):
    monkeypatch.setenv("AMCTL_CACHE", waarde)
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert CliRunner().invoke(app, ["validate", "-f", str(bestand)]).exit_code == 0
    assert not cachemap.exists()


@pytest.mark.parametrize("waarde", ["", "aan", "1", "ja", "on", "true", "yes"])
def test_the_documented_values_leave_the_cache_on(cachemap, bestand, monkeypatch, waarde):
    monkeypatch.setenv("AMCTL_CACHE", waarde)
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert len(modellen(cachemap)) == 1


@pytest.mark.parametrize("opdracht", [["validate"], ["wie-zit-in", "regiegroep"]])
def test_any_other_value_is_refused_with_a_sentence(cachemap, bestand, monkeypatch, opdracht):
    monkeypatch.setenv("AMCTL_CACHE", "misschien")
    resultaat = CliRunner().invoke(app, [*opdracht, "-f", str(bestand)])
    assert resultaat.exit_code == 2
    assert resultaat.stderr.startswith("amctl: AMCTL_CACHE='misschien' begrijpt amctl niet")
    assert "uit" in resultaat.stderr and "Traceback" not in resultaat.stderr
    assert not cachemap.exists()


def test_a_relative_cache_folder_is_refused(bestand, monkeypatch):
    monkeypatch.delenv("AMCTL_CACHE", raising=False)
    monkeypatch.setenv("AMCTL_CACHE_MAP", "relatief/cache")
    resultaat = CliRunner().invoke(app, ["wie-zit-in", "regiegroep", "-f", str(bestand)])
    assert resultaat.exit_code == 2
    assert "AMCTL_CACHE_MAP='relatief/cache' is geen absoluut pad" in resultaat.stderr


def test_a_relative_xdg_cache_home_is_ignored(tmp_path, bestand, monkeypatch):
    monkeypatch.delenv("AMCTL_CACHE", raising=False)
    monkeypatch.delenv("AMCTL_CACHE_MAP")
    monkeypatch.setenv("XDG_CACHE_HOME", "relatief")
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    monkeypatch.chdir(tmp_path)
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert not (tmp_path / "relatief").exists()
    assert len(list((tmp_path / "thuis" / ".cache" / "amctl").glob("*.model"))) == 1


def test_without_a_home_directory_queries_answer_without_a_cache(tmp_path, bestand, monkeypatch):
    monkeypatch.delenv("AMCTL_CACHE", raising=False)
    monkeypatch.delenv("AMCTL_CACHE_MAP")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "")
    monkeypatch.chdir(tmp_path)
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert CliRunner().invoke(app, ["validate", "-f", str(bestand)]).exit_code == 0
    assert list(tmp_path.iterdir()) == [bestand]


def test_the_folder_and_its_entries_are_private(cachemap, bestand):
    naam_in_regiegroep(bestand)
    assert cachemap.stat().st_mode & 0o777 == 0o700
    for item in cachemap.iterdir():
        assert item.stat().st_mode & 0o777 == 0o600, item.name


def test_a_folder_others_can_write_to_is_not_trusted(cachemap, bestand):
    cachemap.mkdir()
    os.chmod(cachemap, 0o777)
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert CliRunner().invoke(app, ["validate", "-f", str(bestand)]).exit_code == 0
    assert not list(cachemap.iterdir())
