"""The cache (amctl.cache): fast on an unchanged file, never stale (the key is every input),
never trusted when damaged or when it belongs to another key, never able to run code, never
waiting, never used for a file with errors, only in a folder of the user's own, and switched
off only by the values the README names. The attacks of issue 23 each have a test here."""

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
    """The body's name as a question that reads the model gives it."""
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


def entry_bytes(pad: Path) -> tuple[str, bytes]:
    """The key of the shipped file at `pad` and the payload of its model entry."""
    sleutel_ = cache.sleutel(str(pad), pad.read_bytes())
    assert sleutel_ is not None
    return sleutel_, (pad.parent / "cache" / f"{sleutel_}.model").read_bytes()


def test_a_file_that_is_no_entry_is_ignored_and_rebuilt(cachemap, bestand):
    naam_in_regiegroep(bestand)
    [item] = modellen(cachemap)
    item.write_bytes(b"geen database" * 100)
    assert modelcache.lees(str(bestand), bestand.read_bytes(), controle.model_uit_bytes) is None
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert modelcache.lees(str(bestand), bestand.read_bytes(), controle.model_uit_bytes)


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


def test_a_missing_row_in_a_sound_entry_gives_the_answer_of_the_file(cachemap, bestand):
    """An entry whose digest is right but that lacks a row (a bug in amctl's writer) is not
    used (it holds fewer rows than its header counts), and the answer comes from the file:
    never exit 3, never half a model."""

    naam_in_regiegroep(bestand)
    [item] = modellen(cachemap)
    sleutel_ = item.name.removesuffix(".model")
    db = sqlite3.connect(":memory:")
    db.deserialize(cache.pak_uit(sleutel_, "model", item.read_bytes()))
    db.execute("DELETE FROM rij WHERE sectie = 'organen' AND id = 'regiegroep'")
    db.commit()
    item.write_bytes(cache.verpak(sleutel_, "model", db.serialize()))
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    gecached = modelcache.lees(str(bestand), bestand.read_bytes(), controle.model_uit_bytes)
    assert gecached.organen["regiegroep"].naam == "Regiegroep"  # a sound entry again


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
    voor = cache.sleutel(str(bestand), bestand.read_bytes())
    monkeypatch.setattr(cache, "_code", lambda: b"other code")
    assert cache.sleutel(str(bestand), bestand.read_bytes()) != voor


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
    assert cache.lees_uitslag(str(bestand), bestand.read_bytes()) is None
    assert CliRunner().invoke(app, ["validate", "-f", str(bestand)]).exit_code == 0
    assert cache.lees_uitslag(str(bestand), bestand.read_bytes()) == []


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


# --- issue 23: every input in the key ---------------------------------------------------------

DATA = Path(__file__).resolve().parents[1] / "data"


def checkout(map_: Path) -> Path:
    """A copy of the data folder (the file and its source text, bron/brontekst.txt)."""
    import shutil

    shutil.copytree(DATA, map_)
    return map_ / "organisatie.yaml"


def strikt(pad: Path) -> int:
    return CliRunner().invoke(app, ["validate", "--strikt", "-f", str(pad)]).exit_code


def test_a_source_text_edited_under_an_unchanged_file_gives_the_fresh_verdict(cachemap, tmp_path):
    """Rule AM351 reads the local copy of a source: editing that text changes the verdict of
    `validate --strikt` (0 -> 1 -> 0), also when the YAML is the same bytes as before, and in
    a second checkout with the same YAML and another text."""
    pad = checkout(tmp_path / "een")
    tekst = pad.parent / "bron" / "brontekst.txt"
    origineel = tekst.read_bytes()
    assert strikt(pad) == 0
    tekst.write_bytes(origineel.replace(b"Overzicht samenhang", b"Overzicht van de samenhang"))
    assert strikt(pad) == 1
    assert "AM351" in CliRunner().invoke(app, ["validate", "-f", str(pad)]).stdout
    tekst.write_bytes(origineel)
    assert strikt(pad) == 0
    tweede = checkout(tmp_path / "twee")
    (tweede.parent / "bron" / "brontekst.txt").write_bytes(b"iets heel anders\n")
    assert strikt(tweede) == 1
    assert strikt(pad) == 0
    # and with the same relative path from another working directory
    os.chdir(tmp_path / "twee")
    assert strikt(Path("organisatie.yaml")) == 1
    os.chdir(tmp_path / "een")
    assert strikt(Path("organisatie.yaml")) == 0


_HAAK_AAN: list[list[str]] = []  # the open calls seen while a test listens (an audit hook stays)


def _luister(gebeurtenis: str, argumenten: tuple) -> None:
    if _HAAK_AAN and gebeurtenis == "open" and isinstance(argumenten[0], (str, bytes)):
        _HAAK_AAN[-1].append(os.fsdecode(argumenten[0]))


def test_every_file_the_checks_open_is_recorded_for_the_key(tmp_path):
    """By construction, not by a list: whatever file the checks open (seen by an audit hook on
    every open, os.open included) besides amctl's and Python's own code is in the record that
    the cache checks before it trusts an entry. A new rule that opens a file itself, without
    amctl.invoer, fails here."""
    pad = checkout(tmp_path / "een")
    controle._bytes_ruw(pad.read_bytes(), str(pad))  # imports done: only data files remain
    inhoud = pad.read_bytes()
    sys.addaudithook(_luister)
    geopend: list[str] = []
    _HAAK_AAN.append(geopend)
    try:
        uitslag = controle._bytes_ruw(inhoud, str(pad))
    finally:
        _HAAK_AAN.clear()
    code = (Path(controle.__file__).parent, Path(sys.prefix), Path(sys.base_prefix))
    gegevens = {
        Path(p).resolve()
        for p in geopend
        if not any(Path(p).resolve().is_relative_to(c.resolve()) for c in code)
    }
    vastgelegd = {(Path(m) / b).resolve() for m, b, _ in uitslag.gelezen}
    assert pad.parent / "bron" / "brontekst.txt" in vastgelegd
    assert gegevens <= vastgelegd, gegevens - vastgelegd


def test_the_loader_build_is_in_the_key(bestand, monkeypatch):
    voor = cache.sleutel(str(bestand), bestand.read_bytes())
    monkeypatch.setattr(cache, "lader", lambda: "een andere lader")
    assert cache.sleutel(str(bestand), bestand.read_bytes()) != voor
    monkeypatch.setattr(cache, "lader", lambda: None)
    assert cache.sleutel(str(bestand), bestand.read_bytes()) is None


def test_the_key_is_the_same_with_and_without_pyyaml_imported(bestand, cachemap):
    """The validate hit path knows the build without importing PyYAML, and finds the entry
    that a process with PyYAML imported stored."""
    CliRunner().invoke(app, ["validate", "-f", str(bestand)])
    code = (
        "import sys; from pathlib import Path; from amctl import cache; "
        f"p = {str(bestand)!r}; print(cache.sleutel(p, Path(p).read_bytes())); "
        "print('yaml' in sys.modules)"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    sleutel_, geladen = uit.stdout.split()
    assert geladen == "False"
    assert sleutel_ == cache.sleutel(str(bestand), bestand.read_bytes())
    assert (cachemap / f"{sleutel_}.uitslag").exists()


def draai(opdracht: list[str], omgeving: dict[str, str]) -> subprocess.CompletedProcess:
    """amctl in a process of its own, with a bound: a hang fails the test instead of CI."""
    return subprocess.run(
        [sys.executable, "-m", "amctl", *opdracht],
        capture_output=True,
        text=True,
        env=omgeving,
        timeout=60,
    )


# --- issue 23: a build without libyaml -----------------------------------------------------

ZONDER_LIBYAML = (
    "import sys; sys.modules['yaml._yaml'] = None\n"  # PyYAML as built without libyaml
    "import yaml; assert not yaml.__with_libyaml__\n"
    "from amctl.__main__ import main; sys.argv = ['amctl', *sys.argv[1:]]; main()\n"
)


def zonder_libyaml(*argumenten: str, omgeving: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", ZONDER_LIBYAML, *argumenten],
        capture_output=True,
        text=True,
        env=omgeving,
        timeout=60,
    )


@pytest.mark.parametrize(
    "opdracht", [["validate"], ["wie-zit-in", "regiegroep"], ["tree"], ["benoem", "--help"]]
)
def test_without_libyaml_amctl_says_it_needs_it_even_with_a_warm_cache(cachemap, bestand, opdracht):
    """One verdict whatever the build: PyYAML without libyaml reads some files differently
    (`%YAML 1.3`, a `"\\ud800"` escape), so amctl refuses to run on it, with one sentence and
    exit 2; the verdict and model that a libyaml process kept are not served to it."""
    omgeving = {**os.environ, "AMCTL_CACHE_MAP": str(cachemap)}
    met = draai([*opdracht, "-f", str(bestand)], omgeving)
    assert met.returncode == 0, met.stderr
    if opdracht[-1] == "--help":
        return
    assert list(cachemap.glob("*.uitslag"))
    zonder = zonder_libyaml(*opdracht, "-f", str(bestand), omgeving=omgeving)
    assert zonder.returncode == 2, zonder.stderr
    assert zonder.stderr.startswith("amctl: PyYAML is hier zonder libyaml (de C-lader) gebouwd")
    assert zonder.stderr.count("\n") == 1
    assert "Traceback" not in zonder.stderr and zonder.stdout == ""


@pytest.mark.parametrize("tekst", ["%YAML 1.3\n---\nversie: 1\n", 'versie: 1\ntitel: "\\ud800"\n'])
def test_files_the_two_loaders_read_differently_get_one_verdict(cachemap, tmp_path, tekst):
    """AM003 with libyaml; the pure loader would take them as valid, so it never gives a
    verdict (and so never a message that names libyaml for what it did not read)."""
    pad = tmp_path / "org.yaml"
    pad.write_text(tekst, encoding="utf-8")
    omgeving = {**os.environ, "AMCTL_CACHE_MAP": str(cachemap)}
    met = draai(["validate", "-f", str(pad)], omgeving)
    assert met.returncode == 1 and "AM003" in met.stdout
    zonder = zonder_libyaml("validate", "-f", str(pad), omgeving=omgeving)
    assert zonder.returncode == 2 and "libyaml" in zonder.stderr and zonder.stdout == ""


# --- issue 23: damage, FIFOs and devices -----------------------------------------------------

KLEIN = "versie: 1\norganen:\n  a:\n    naam: A\n    soort: overleg\n" + (
    "soorten:\n  overleg:\n    naam: Overleg\n"
)


def test_damage_at_every_byte_of_an_entry_is_noticed(cachemap, tmp_path):
    """A flipped bit, or the entry cut short, at every offset of a verdict and of a model:
    never used, never an exception."""
    pad = tmp_path / "klein.yaml"
    pad.write_text(KLEIN, encoding="utf-8")
    assert CliRunner().invoke(app, ["organen", "-f", str(pad)]).exit_code == 0
    inhoud = pad.read_bytes()
    sleutel_ = cache.sleutel(str(pad), inhoud)
    for soort, lees in (
        ("uitslag", lambda: cache.lees_uitslag(str(pad), inhoud)),
        ("model", lambda: modelcache.lees(str(pad), inhoud, controle.model_uit_bytes)),
    ):
        item = cachemap / f"{sleutel_}.{soort}"
        gaaf = item.read_bytes()
        assert lees() is not None
        for i in range(len(gaaf)):
            item.write_bytes(gaaf[:i] + bytes([gaaf[i] ^ 1 << (i % 8)]) + gaaf[i + 1 :])
            assert lees() is None, (soort, i)
            item.write_bytes(gaaf[:i])
            assert lees() is None, (soort, i)
        item.write_bytes(gaaf)
        assert lees() is not None


@pytest.mark.parametrize("soort", ["fifo", "dev-zero", "link", "map"])
def test_a_fifo_a_device_a_link_or_a_folder_as_entry_is_a_miss_not_a_hang(cachemap, bestand, soort):
    omgeving = {**os.environ, "AMCTL_CACHE_MAP": str(cachemap)}
    opdrachten = [
        ["validate", "-f", str(bestand)],
        ["wie-zit-in", "regiegroep", "-f", str(bestand)],
        ["tree", "-f", str(bestand)],
    ]
    vers = [draai(o, {**omgeving, "AMCTL_CACHE": "uit"}).stdout for o in opdrachten]
    sleutel_ = cache.sleutel(str(bestand), bestand.read_bytes())
    cachemap.mkdir(mode=0o700)
    elders = cachemap.parent / "elders"
    elders.write_text("{}")
    for achtervoegsel in (".uitslag", ".model"):
        item = cachemap / f"{sleutel_}{achtervoegsel}"
        if soort == "fifo":
            os.mkfifo(item, 0o600)
        elif soort == "dev-zero":
            item.symlink_to("/dev/zero")
        elif soort == "link":
            item.symlink_to(elders)
        else:
            item.mkdir(mode=0o700)
    for opdracht, verwacht in zip(opdrachten, vers, strict=True):
        for _ in range(2):
            uit = draai(opdracht, omgeving)
            assert (uit.returncode, uit.stdout) == (0, verwacht), uit.stderr


def test_an_entry_of_another_user_or_writable_by_others_is_not_used(cachemap, bestand):
    naam_in_regiegroep(bestand)
    [item] = modellen(cachemap)
    item.chmod(0o666)
    assert modelcache.lees(str(bestand), bestand.read_bytes(), controle.model_uit_bytes) is None
    assert naam_in_regiegroep(bestand) == "Regiegroep"


def test_a_linked_cache_folder_is_not_used(tmp_path, bestand, monkeypatch):
    echt = tmp_path / "echt"
    echt.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(echt)
    monkeypatch.setenv("AMCTL_CACHE_MAP", str(link))
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert list(echt.iterdir()) == []


def test_nothing_in_amctl_unpickles_or_evaluates():
    """Entries are JSON and SQLite rows of JSON: no pickle, marshal, shelve or eval."""
    pakket = Path(controle.__file__).parent
    for bron in pakket.rglob("*.py"):
        tekst = bron.read_text(encoding="utf-8")
        for woord in ("import pickle", "import marshal", "import shelve", "eval(", "exec("):
            assert woord not in tekst, (bron, woord)


# --- issue 23: another user racing link swaps in a shared folder ------------------------------

AANVALLER = """
set -u
g=$1; einde=$2
mkdir "$g/.aanval" && cp "$g"/vals/* "$g/.aanval/" && chmod "$3" "$g/.aanval" || exit 1
echo klaar
while [ "$(date +%s)" -lt "$einde" ]; do
  mv -T "$g/amctl" "$g/.weg"; ln -s "$g/.aanval" "$g/amctl"; sleep 0.02
  rm "$g/amctl"; mv -T "$g/.aanval" "$g/amctl"; sleep 0.02; mv -T "$g/amctl" "$g/.aanval"
  mv -T "$g/.weg" "$g/amctl"; sleep 0.01
done 2>/dev/null
exit 0
"""


class Lading:
    """A pickle that runs `touch PAD` when loaded."""

    def __init__(self, pad: Path) -> None:
        self.pad = pad

    def __reduce__(self):
        return (os.system, (f"touch {self.pad}",))


def valse_items(map_: Path, doelen: list[Path], marker: Path) -> None:
    """What the attacker serves, all of it computable from what he can read (the data files and
    amctl's code): under each key a pickle payload, and entries with the right frame and
    digest whose plain data lies (no problems; a renamed body)."""
    import pickle

    map_.mkdir()
    for doel in doelen:
        inhoud = doel.read_bytes()
        sleutel_ = cache.sleutel(str(doel), inhoud)
        for naam in (f"{sleutel_}.uitslag", f"{sleutel_}.model", f"{sleutel_}.antwoord"):
            (map_ / f"{naam}.pickle").write_bytes(pickle.dumps(Lading(marker)))
        leugen = json.dumps({"pad": str(doel), "gelezen": [], "problemen": []}).encode()
        (map_ / f"{sleutel_}.uitslag").write_bytes(cache.verpak(sleutel_, "uitslag", leugen))
        vals = controle.controleer_bytes(
            inhoud.replace(b"naam: Regiegroep", b"naam: GEHACKT").replace(
                b"soort: bestur", b"soort: bestuur"
            ),
            str(doel),
        )
        rijen = list(modelcache._rijen(sleutel_, vals.organisatie, ()))
        tellingen = modelcache._tellingen(r[0] for r in rijen)
        rijen.append(modelcache._rij("_kop", "tellingen", 0, tellingen))
        database = modelcache._database(rijen)
        (map_ / f"{sleutel_}.model").write_bytes(cache.verpak(sleutel_, "model", database))
    for item in map_.iterdir():
        item.chmod(0o644)
    map_.chmod(0o755)


def test_another_user_swapping_links_in_a_shared_folder_never_gets_code_run_or_an_answer(
    monkeypatch,
):
    """The cache folder under a folder everyone can write to (XDG_CACHE_HOME=/tmp/x, 0777, no
    sticky bit). Another user keeps swapping the cache folder for a link to his own folder (and
    for his folder itself) and back, serving forged entries there: pickles that would create a
    file if anything loaded them, and plain data with the right frame and digest that lies (no
    problems for a file with errors, a renamed body). amctl never runs the payload and always
    gives the fresh answer. As root (CI) the attacker is a real second user made with useradd;
    otherwise he is this user with a folder others can write to, which amctl refuses too."""
    import pickle
    import pwd
    import shutil
    import tempfile
    import time

    gedeeld = Path(tempfile.mkdtemp(prefix="amctl-gedeeld-", dir="/tmp"))
    gebruiker = None
    try:
        os.chmod(gedeeld, 0o777)
        geldig, ongeldig = gedeeld / "geldig.yaml", gedeeld / "ongeldig.yaml"
        geldig.write_bytes(SHIPPED.read_bytes())
        ongeldig.write_text(
            SHIPPED.read_text(encoding="utf-8").replace("soort: bestuur", "soort: bestur"),
            encoding="utf-8",
        )
        marker, proef = gedeeld / "GEPWND", gedeeld / "proef-gelukt"
        valse_items(gedeeld / "vals", [geldig, ongeldig], marker)
        vragen = ((geldig, ["toon", "regiegroep"]), (ongeldig, ["validate"]))
        monkeypatch.delenv("AMCTL_CACHE_MAP", raising=False)
        monkeypatch.setenv("XDG_CACHE_HOME", str(gedeeld))
        vers = {
            pad: CliRunner().invoke(app, [*opdracht, "-f", str(pad)], env={"AMCTL_CACHE": "uit"})
            for pad, opdracht in vragen
        }
        assert "Regiegroep" in vers[geldig].stdout and vers[ongeldig].exit_code == 1
        for pad, opdracht in vragen:  # the victim's own entries, in his own folder, first
            CliRunner().invoke(app, [*opdracht, "-f", str(pad)])
        assert (gedeeld / "amctl").stat().st_uid == os.getuid()

        als: dict = {}
        modus = "777"  # without root: the same user, and a folder others can write to
        if os.getuid() == 0:
            gebruiker = f"amctl-aanval-{os.getpid()}"
            subprocess.run(
                ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", gebruiker],
                check=True,
                capture_output=True,
            )
            info = pwd.getpwnam(gebruiker)
            als = {"user": info.pw_uid, "group": info.pw_gid, "extra_groups": []}
            modus = "755"
        einde = int(time.time()) + 8
        aanvaller = subprocess.Popen(
            ["sh", "-c", AANVALLER, "sh", str(gedeeld), str(einde), modus],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd="/",
            **als,
        )
        try:
            assert aanvaller.stdout.readline() == "klaar\n", aanvaller.stderr.read()
            if gebruiker is not None:
                assert (gedeeld / ".aanval").stat().st_uid == als["user"]
            rondes = gelezen = 0
            probleemlijst = controle.controleer_bestand(ongeldig).problemen
            while time.time() < einde - 0.5:
                for pad, opdracht in vragen:
                    uit = CliRunner().invoke(app, [*opdracht, "-f", str(pad)])
                    assert (uit.exit_code, uit.stdout) == (
                        vers[pad].exit_code,
                        vers[pad].stdout,
                    ), uit.stderr
                for _ in range(100):  # and many more reads than whole commands give
                    bewaard = cache.lees_uitslag(str(ongeldig), ongeldig.read_bytes())
                    assert bewaard in (None, probleemlijst)
                    model = modelcache.lees(
                        str(geldig), geldig.read_bytes(), controle.model_uit_bytes
                    )
                    assert model is None or model.organen["regiegroep"].naam == "Regiegroep"
                    gelezen += bewaard is not None
                rondes += 1
        finally:
            aanvaller.wait(timeout=30)
        assert aanvaller.returncode == 0, aanvaller.stderr.read()
        assert rondes >= 3 and gelezen > 0  # the victim did use his own entries
        assert not marker.exists(), "the attacker's payload ran"
        # the payload is live: loading it, as amctl once did, creates the file
        pickle.loads(pickle.dumps(Lading(proef)))
        assert proef.exists()
    finally:
        if gebruiker is not None:
            subprocess.run(["userdel", gebruiker], capture_output=True)
        shutil.rmtree(gedeeld, ignore_errors=True)
