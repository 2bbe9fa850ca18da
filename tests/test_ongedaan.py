"""amctl ongedaan: the data file back as it was before amctl's last write, and again for the
write before that (issue 22, item 8). Every person is fictional; the edits work on a copy of
the shipped file, with the cache (and so the kept versions) in tmp_path."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from conftest import amctl

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")
TIJD = r"\(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    map_ = tmp_path / "cache"
    monkeypatch.setenv("AMCTL_CACHE_MAP", str(map_))
    monkeypatch.delenv("AMCTL_CACHE", raising=False)
    return map_


def benoem(runner, pad: Path, naam: str) -> None:
    uitvoer = amctl(runner, pad, "benoem", naam, "raadslid", "-g", "diemen", "-D", "2026-04-01")
    assert uitvoer.exit_code == 0, uitvoer.output


def test_each_undo_goes_one_write_further_back_and_says_which(runner, gedeeld, cache, tmp_path):
    staten = [gedeeld.read_bytes()]
    benoem(runner, gedeeld, "Fictief Raadslid Een")
    staten.append(gedeeld.read_bytes())
    status = amctl(
        runner, gedeeld, "zet-status", "pho-duurzaamheid", "opgeheven", "-D", "2027-01-01"
    )
    assert status.exit_code == 0, status.output
    staten.append(gedeeld.read_bytes())
    blad = tmp_path / "blad.csv"
    blad.write_text(
        "naam,functie,gemeente,vanaf\nFictief Raadslid Twee,raadslid,diemen,2026-04-01\n"
    )
    assert amctl(runner, gedeeld, "importeer", str(blad)).exit_code == 0

    opdrachten = [
        f"amctl importeer {blad} -f {gedeeld}",
        f"amctl zet-status pho-duurzaamheid opgeheven -D 2027-01-01 -f {gedeeld}",
        f"amctl benoem 'Fictief Raadslid Een' raadslid -g diemen -D 2026-04-01 -f {gedeeld}",
    ]
    for over, (opdracht, staat) in enumerate(zip(opdrachten, reversed(staten), strict=True)):
        uitvoer = amctl(runner, gedeeld, "ongedaan")
        assert uitvoer.exit_code == 0, uitvoer.output
        assert re.fullmatch(
            f"Ongedaan gemaakt: {re.escape(opdracht)} {TIJD}.\n"
            f"Opgeslagen in '{re.escape(str(gedeeld))}'.\n"
            + (f"Nog {2 - over} eerdere wijziging(en)? ongedaan te maken.\n" if over < 2 else ""),
            uitvoer.stdout,
        ), uitvoer.stdout
        assert gedeeld.read_bytes() == staat
    uitvoer = amctl(runner, gedeeld, "ongedaan")
    assert uitvoer.exit_code == 2
    assert "Er is niets ongedaan te maken" in uitvoer.stderr
    assert gedeeld.read_bytes() == staten[0]


def test_the_last_ten_writes_are_undone_in_order(runner, gedeeld, cache):
    staten = []
    for i in range(12):
        staten.append(gedeeld.read_bytes())
        benoem(runner, gedeeld, f"Fictief Raadslid {i}")
    for staat in reversed(staten[2:]):
        assert amctl(runner, gedeeld, "ongedaan").exit_code == 0
        assert gedeeld.read_bytes() == staat


def test_a_file_changed_since_by_another_program_is_left_alone(runner, gedeeld, cache):
    benoem(runner, gedeeld, "Fictief Raadslid Een")
    with gedeeld.open("a", encoding="utf-8") as bestand:
        bestand.write("# met de hand erbij gezet\n")
    voor = gedeeld.read_bytes()

    uitvoer = amctl(runner, gedeeld, "ongedaan")

    assert uitvoer.exit_code == 2
    assert f"amctl: '{gedeeld}' is gewijzigd sinds amctl het schreef (amctl benoem" in (
        uitvoer.stderr
    )
    assert "er is niets veranderd" in uitvoer.stderr
    assert gedeeld.read_bytes() == voor


def test_droog_shows_the_diff_and_keeps_the_version(runner, gedeeld, cache):
    voor = gedeeld.read_bytes()
    benoem(runner, gedeeld, "Fictief Raadslid Een")
    na = gedeeld.read_bytes()

    uitvoer = amctl(runner, gedeeld, "ongedaan", "--droog")

    assert uitvoer.exit_code == 0, uitvoer.output
    assert uitvoer.stdout.startswith(f"--- {gedeeld}\n+++ {gedeeld}\n")
    assert "-  fictief-raadslid-een:\n" in uitvoer.stdout
    assert "Zou ongedaan maken: amctl benoem 'Fictief Raadslid Een'" in uitvoer.stderr
    assert gedeeld.read_bytes() == na
    assert amctl(runner, gedeeld, "ongedaan").exit_code == 0
    assert gedeeld.read_bytes() == voor


def test_the_kept_versions_are_private_to_the_user(runner, gedeeld, cache):
    benoem(runner, gedeeld, "Fictief Raadslid Een")
    mappen = [cache / "ongedaan", *(cache / "ongedaan").iterdir()]
    entries = sorted(p.name for p in mappen[-1].iterdir())
    assert len(mappen) == 2 and entries == ["0000000001.kop", "0000000001.versie"]
    for map_ in mappen:
        assert stat.S_IMODE(os.lstat(map_).st_mode) == 0o700
    for entry in entries:
        assert stat.S_IMODE(os.lstat(mappen[-1] / entry).st_mode) == 0o600


def test_a_linked_or_open_folder_is_not_used_for_versions(runner, gedeeld, cache, tmp_path):
    benoem(runner, gedeeld, "Fictief Raadslid Een")
    eigen = next((cache / "ongedaan").iterdir())
    elders = tmp_path / "elders"
    elders.mkdir(mode=0o700)
    for entry in eigen.iterdir():
        entry.rename(elders / entry.name)
    eigen.rmdir()
    eigen.symlink_to(elders)  # someone points the folder elsewhere

    assert amctl(runner, gedeeld, "ongedaan").exit_code == 2
    benoem(runner, gedeeld, "Fictief Raadslid Twee")  # the edit still works
    assert len(list(elders.iterdir())) == 2  # and wrote nothing through the link

    eigen.unlink()
    eigen.mkdir(mode=0o755)  # readable by others: not private
    benoem(runner, gedeeld, "Fictief Raadslid Drie")
    assert list(eigen.iterdir()) == []
    assert "Er is niets ongedaan te maken" in amctl(runner, gedeeld, "ongedaan").stderr


def test_the_kept_versions_are_bounded_in_number_and_size(runner, gedeeld, cache, monkeypatch):
    from amctl import ongedaan

    monkeypatch.setattr(ongedaan, "MAX_VERSIES", 4)
    monkeypatch.setattr(ongedaan, "ZEKER", 2)
    for i in range(6):
        benoem(runner, gedeeld, f"Fictief Raadslid {i}")
    eigen = next((cache / "ongedaan").iterdir())
    assert sorted(p.name for p in eigen.glob("*.kop")) == [f"{n:010d}.kop" for n in (3, 4, 5, 6)]
    assert len(list(eigen.iterdir())) == 8

    monkeypatch.setattr(ongedaan, "MAX_TOTAAL", 1)  # beyond ZEKER, only while it fits
    benoem(runner, gedeeld, "Fictief Raadslid 6")
    assert sorted(p.name for p in eigen.iterdir()) == [
        f"{n:010d}.{soort}" for n in (6, 7) for soort in ("kop", "versie")
    ]


def test_kept_versions_never_change_an_answer(runner, gedeeld, cache, tmp_path):
    benoem(runner, gedeeld, "Fictief Raadslid Een")
    benoem(runner, gedeeld, "Fictief Raadslid Twee")
    eigen = next((cache / "ongedaan").iterdir())
    (eigen / "0000000099.versie").write_bytes(b"versies: [kapot\n")  # planted, not amctl's
    (eigen / "0000000099.kop").write_bytes(b'{"opdracht": "x"}\n')
    kopie = tmp_path / "kopie" / "organisatie.yaml"
    kopie.parent.mkdir()
    kopie.write_bytes(gedeeld.read_bytes())
    for vraag in (
        ("wie-zit-in", "raadsledenplatform", "-d", "2026-06-01", "--json"),
        ("waar-zit", "diemen", "-d", "2026-06-01", "--json"),
        ("controleer",),
    ):
        hier, daar = amctl(runner, gedeeld, *vraag), amctl(runner, kopie, *vraag)
        assert hier.exit_code == daar.exit_code == 0, hier.output
        assert hier.stdout.replace(str(gedeeld), "PAD") == daar.stdout.replace(str(kopie), "PAD")


def test_a_write_that_fails_keeps_no_version(runner, gedeeld, cache, monkeypatch):
    from amctl import schrijven

    def weigert(*_argumenten, **_opties):
        raise schrijven.SchrijfFout("de schijf is vol (zo gedaan in de test)")

    monkeypatch.setattr(schrijven, "schrijf_atomair", weigert)
    uitvoer = amctl(runner, gedeeld, "benoem", "Fictief Een", "raadslid", "-g", "diemen")
    assert uitvoer.exit_code == 2
    assert list(next((cache / "ongedaan").iterdir()).iterdir()) == []
