"""The model cache (amctl.cache): fast on an unchanged file, never stale, never trusted when
corrupt, and never used for a file with errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amctl import cache, controle
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


def naam_in_regiegroep(pad: Path) -> str:
    resultaat = CliRunner().invoke(app, ["wie-zit-in", "regiegroep", "--json", "-f", str(pad)])
    assert resultaat.exit_code == 0, resultaat.stderr
    return json.loads(resultaat.stdout)["orgaan"]["naam"]


def geen_validatie(monkeypatch: pytest.MonkeyPatch) -> None:
    def mag_niet(*_args, **_kwargs):
        raise AssertionError("the file was validated again")

    monkeypatch.setattr(controle, "controleer_bytes", mag_niet)
    monkeypatch.setattr(controle, "controleer_bestand", mag_niet)


def test_a_second_question_on_an_unchanged_file_comes_from_the_cache(
    cachemap, bestand, monkeypatch
):
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert len(list(cachemap.glob("*.pickle"))) == 1
    geen_validatie(monkeypatch)
    assert naam_in_regiegroep(bestand) == "Regiegroep"


def test_a_changed_file_is_validated_again_and_answers_with_the_change(cachemap, bestand):
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    bestand.write_text(
        bestand.read_text(encoding="utf-8").replace("naam: Regiegroep", "naam: Regiegroep Nieuw"),
        encoding="utf-8",
    )
    assert naam_in_regiegroep(bestand) == "Regiegroep Nieuw"
    assert len(list(cachemap.glob("*.pickle"))) == 2


def test_a_corrupt_entry_is_ignored_and_rebuilt(cachemap, bestand):
    naam_in_regiegroep(bestand)
    [item] = cachemap.glob("*.pickle")
    ruw = bytearray(item.read_bytes())
    ruw[-10] ^= 0xFF
    item.write_bytes(bytes(ruw))
    assert cache.lees(bestand.read_bytes()) is None
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert cache.lees(bestand.read_bytes()) is not None


def test_an_entry_that_is_not_a_model_is_ignored(cachemap, bestand):
    naam_in_regiegroep(bestand)
    [item] = cachemap.glob("*.pickle")
    import hashlib
    import pickle

    gegevens = pickle.dumps(["geen", "model"])
    controle_ = hashlib.blake2b(gegevens, digest_size=32).digest()
    item.write_bytes(cache._KOP + controle_ + gegevens)
    assert cache.lees(bestand.read_bytes()) is None
    assert naam_in_regiegroep(bestand) == "Regiegroep"


def test_a_file_with_errors_is_never_cached(cachemap, bestand):
    bestand.write_text(
        bestand.read_text(encoding="utf-8").replace("soort: bestuur", "soort: bestur"),
        encoding="utf-8",
    )
    for _ in range(2):
        resultaat = CliRunner().invoke(app, ["wie-zit-in", "regiegroep", "-f", str(bestand)])
        assert resultaat.exit_code == 1
        assert "AM201" in resultaat.stderr
    assert not list(cachemap.glob("*.pickle"))


def test_the_cache_can_be_turned_off(cachemap, bestand, monkeypatch):
    monkeypatch.setenv("AMCTL_CACHE", "uit")
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert not cachemap.exists()


def test_a_folder_others_can_write_to_is_not_trusted(cachemap, bestand):
    cachemap.mkdir()
    os.chmod(cachemap, 0o777)
    assert naam_in_regiegroep(bestand) == "Regiegroep"
    assert not list(cachemap.glob("*.pickle"))


def test_the_key_changes_with_the_code_that_builds_the_model(bestand, monkeypatch):
    voor = cache.sleutel(bestand.read_bytes())
    monkeypatch.setattr(cache, "_vingerafdruk", lambda: b"other code")
    assert cache.sleutel(bestand.read_bytes()) != voor


def test_cached_and_fresh_answers_are_identical(cachemap, tmp_path, monkeypatch):
    fictief = Path(__file__).parent / "fixtures" / "fictief.yaml"
    opdracht = ["tree", "--json", "-f", str(fictief), "-d", "2026-06-01"]
    vers = CliRunner().invoke(app, opdracht, env={"AMCTL_CACHE": "uit"}).stdout
    eerste = CliRunner().invoke(app, opdracht).stdout
    geen_validatie(monkeypatch)
    uit_cache = CliRunner().invoke(app, opdracht).stdout
    assert vers == eerste == uit_cache
    assert "Burgemeester Testpersoon B" in uit_cache


def test_the_cache_keeps_no_more_than_its_limit(cachemap, bestand, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ITEMS", 2)
    tekst = bestand.read_text(encoding="utf-8")
    for i in range(4):
        bestand.write_text(tekst + f"# versie {i}\n", encoding="utf-8")
        naam_in_regiegroep(bestand)
    assert len(list(cachemap.glob("*.pickle"))) == 2
