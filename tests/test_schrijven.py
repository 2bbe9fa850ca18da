"""The write path (amctl.schrijven): one set of rules for every command that writes.

Output (`--uit`, `docs --uit`) replaces only what amctl made, never the data file, never a
device or FIFO by a regular file, and follows no link out of its folder. An edit replaces the
data file only when nothing else changed it meanwhile, keeps its mode, owner and hard links,
respects a read-only file, honours flock and POSIX locks, and `--droog` never waits.

Every person here is fictional; everything happens in tmp_path."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import amctl

from amctl import bewerken
from amctl.cli import app

VOOR = Path(__file__).parent / "fixtures" / "verschil" / "voor.yaml"
VERGADERINGEN = Path(__file__).parent / "fixtures" / "vergaderingen.yaml"
ONTSLA = ["ontsla", "fictief-c", "burgemeester", "-g", "aalsmeer", "-D", "2026-01-01"]


pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


@pytest.fixture
def voor(tmp_path) -> Path:
    map_ = tmp_path / "gegevens"
    map_.mkdir()
    return Path(shutil.copy(VOOR, map_ / "organisatie.yaml"))


def een_zin(resultaat) -> None:
    """A refusal: exit 2, one Dutch line on stderr, no traceback."""
    assert resultaat.exit_code == 2, (resultaat.exit_code, resultaat.stderr)
    assert resultaat.stderr.startswith("amctl: ")
    assert "Traceback" not in resultaat.stderr


# --- output: only what amctl made is replaced ---------------------------------------------


def test_uit_refuses_to_overwrite_a_file_amctl_did_not_make(runner, voor, tmp_path):
    doel = tmp_path / "figuur.dot"
    doel.write_text("mijn eigen tekening\n", encoding="utf-8")
    resultaat = amctl(runner, voor, "diagram", "--formaat", "dot", "--uit", str(doel))
    een_zin(resultaat)
    assert "niet door amctl gemaakt" in resultaat.stderr
    assert doel.read_text(encoding="utf-8") == "mijn eigen tekening\n"


def test_uit_replaces_what_it_made_itself_and_an_empty_file(runner, voor, tmp_path):
    doel = tmp_path / "figuur.dot"
    doel.touch()
    for _ in range(2):
        assert amctl(runner, voor, "diagram", "--formaat", "dot", "--uit", str(doel)).exit_code == 0
    assert doel.read_text(encoding="utf-8").startswith("// Gegenereerd door 'amctl diagram'")


def test_uit_never_writes_over_the_data_file(runner, tmp_path):
    voor = Path(shutil.copy(VERGADERINGEN, tmp_path / "vergaderingen.yaml"))
    ervoor = voor.read_bytes()
    for argumenten in (
        ["agenda", "--uit", str(voor)],
        ["diagram", "--formaat", "dot", "--uit", str(voor)],
    ):
        resultaat = amctl(runner, voor, *argumenten)
        een_zin(resultaat)
        assert "gegevensbestand zelf" in resultaat.stderr
    assert voor.read_bytes() == ervoor


def test_uit_through_a_link_to_the_data_file_is_refused_too(runner, tmp_path):
    voor = Path(shutil.copy(VERGADERINGEN, tmp_path / "vergaderingen.yaml"))
    link = tmp_path / "kalender.ics"
    link.symlink_to(voor)
    ervoor = voor.read_bytes()
    een_zin(amctl(runner, voor, "agenda", "--uit", str(link)))
    assert voor.read_bytes() == ervoor


def test_uit_writes_into_a_fifo_in_place_and_leaves_it_a_fifo(runner, voor, tmp_path):
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    gelezen: list[bytes] = []
    lezer = threading.Thread(target=lambda: gelezen.append(fifo.read_bytes()), daemon=True)
    lezer.start()
    time.sleep(0.2)
    resultaat = amctl(runner, voor, "diagram", "--formaat", "dot", "--uit", str(fifo))
    lezer.join(10)
    assert resultaat.exit_code == 0, resultaat.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert gelezen and gelezen[0].startswith(b"// Gegenereerd door 'amctl diagram'")


def test_uit_to_a_fifo_nobody_reads_is_refused_without_waiting(runner, voor, tmp_path):
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    begin = time.monotonic()
    resultaat = amctl(runner, voor, "diagram", "--formaat", "dot", "--uit", str(fifo))
    een_zin(resultaat)
    assert "Niemand leest" in resultaat.stderr
    assert time.monotonic() - begin < 10
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_uit_to_a_socket_is_refused(runner, voor, tmp_path):
    import socket

    pad = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as bus:
        bus.bind(str(pad))
        resultaat = amctl(runner, voor, "diagram", "--formaat", "dot", "--uit", str(pad))
        een_zin(resultaat)
        assert stat.S_ISSOCK(os.lstat(pad).st_mode)


# --- docs --uit: a folder with a manifest --------------------------------------------------


def docs(runner, voor: Path, map_: Path):
    return amctl(runner, voor, "docs", "--uit", str(map_), "--peildatum", "2026-01-01")


def test_docs_refuses_to_overwrite_a_readme_it_did_not_write(runner, voor, tmp_path):
    """`amctl docs --uit .` in the repository root must not replace the project's README."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "README.md").write_text("# Mijn project\n", encoding="utf-8")
    resultaat = docs(runner, voor, project)
    een_zin(resultaat)
    assert "README.md" in resultaat.stderr and "niet door amctl gemaakt" in resultaat.stderr
    assert (project / "README.md").read_text(encoding="utf-8") == "# Mijn project\n"
    assert sorted(p.name for p in project.iterdir()) == ["README.md"]  # nothing else written


def test_docs_never_follows_a_linked_folder_out_of_the_target(runner, voor, tmp_path):
    elders = tmp_path / "elders"
    elders.mkdir()
    (elders / "notities.md").write_text("van mij\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "organen").symlink_to(elders, target_is_directory=True)
    resultaat = docs(runner, voor, site)
    een_zin(resultaat)
    assert "symbolische link" in resultaat.stderr
    assert sorted(p.name for p in elders.iterdir()) == ["notities.md"]


def test_docs_does_not_replace_a_linked_page(runner, voor, tmp_path):
    site = tmp_path / "site"
    assert docs(runner, voor, site).exit_code == 0
    buiten = tmp_path / "buiten.md"
    buiten.write_text("van mij\n", encoding="utf-8")
    (site / "README.md").unlink()
    (site / "README.md").symlink_to(buiten)
    een_zin(docs(runner, voor, site))
    assert buiten.read_text(encoding="utf-8") == "van mij\n"


def test_docs_removes_only_cards_it_wrote_itself(runner, voor, tmp_path):
    site = tmp_path / "site"
    assert docs(runner, voor, site).exit_code == 0
    kaarten = sorted(p.name for p in (site / "organen").iterdir())
    eigen = site / "organen" / "notities.md"
    eigen.write_text("van mij\n", encoding="utf-8")
    verdwenen = voor.read_text(encoding="utf-8").replace("  oud-overleg:", "  ander-overleg:", 1)
    ander = voor.with_name("ander.yaml")
    ander.write_text(verdwenen, encoding="utf-8")
    resultaat = docs(runner, ander, site)
    assert resultaat.exit_code == 0, resultaat.stderr
    nu = sorted(p.name for p in (site / "organen").iterdir())
    assert "oud-overleg.md" in kaarten and "oud-overleg.md" not in nu
    assert "ander-overleg.md" in nu and eigen.read_text(encoding="utf-8") == "van mij\n"


# --- edits: never lose what another program wrote ------------------------------------------


@pytest.mark.parametrize("hoe", ["ter plekke", "vervangen"])
def test_an_edit_refuses_when_another_program_changed_the_file_meanwhile(
    runner, voor, monkeypatch, hoe
):
    """An editor, `git pull` or `cp` writes the file while the edit runs: that change stays."""
    echt_ontsla = bewerken.ontsla
    anders = voor.read_text(encoding="utf-8") + "# een wijziging van een ander programma\n"

    def ontsla_terwijl_een_ander_schrijft(*args, **kwargs):
        if hoe == "ter plekke":
            voor.write_text(anders, encoding="utf-8")
        else:
            tijdelijk = voor.with_name("kopie")
            tijdelijk.write_text(anders, encoding="utf-8")
            os.replace(tijdelijk, voor)
        return echt_ontsla(*args, **kwargs)

    monkeypatch.setattr(bewerken, "ontsla", ontsla_terwijl_een_ander_schrijft)
    monkeypatch.setattr(bewerken, "WACHTTIJD", 0.5)
    resultaat = amctl(runner, voor, *ONTSLA)
    een_zin(resultaat)
    assert "gewijzigd door een ander programma" in resultaat.stderr
    assert voor.read_text(encoding="utf-8") == anders


def test_an_edit_keeps_mode_and_owner(runner, voor):
    os.chmod(voor, 0o640)
    if os.geteuid() == 0:
        os.chown(voor, 4321, 4321)
    resultaat = amctl(runner, voor, *ONTSLA)
    assert resultaat.exit_code == 0, resultaat.stderr
    na = os.stat(voor)
    assert stat.S_IMODE(na.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (na.st_uid, na.st_gid) == (4321, 4321)


def test_an_edit_refuses_a_read_only_file(runner, voor):
    os.chmod(voor, 0o444)
    ervoor = voor.read_bytes()
    resultaat = amctl(runner, voor, *ONTSLA)
    een_zin(resultaat)
    assert "alleen-lezen" in resultaat.stderr
    assert voor.read_bytes() == ervoor


def test_an_edit_does_not_break_a_hard_link(runner, voor):
    tweede = voor.with_name("ook.yaml")
    os.link(voor, tweede)
    ervoor = voor.read_bytes()
    resultaat = amctl(runner, voor, *ONTSLA)
    een_zin(resultaat)
    assert "harde links" in resultaat.stderr
    assert os.path.samefile(voor, tweede) and voor.read_bytes() == ervoor


@pytest.mark.parametrize("soort", ["fifo", "stdin"])
def test_an_edit_of_something_that_is_not_a_regular_file_is_refused(runner, tmp_path, soort):
    if soort == "fifo":
        pad = tmp_path / "pijp"
        os.mkfifo(pad)
    else:
        pad = Path("/dev/stdin")
    resultaat = runner.invoke(app, [*ONTSLA, "-f", str(pad)], input=VOOR.read_text())
    een_zin(resultaat)
    assert "geen gewoon bestand" in resultaat.stderr


def test_an_edit_waits_for_a_posix_lock_of_another_program(voor, monkeypatch):
    """Editors and sqlite lock with fcntl (POSIX), not flock; amctl honours both."""
    houder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            f"f = open({str(voor)!r}, 'r+b')\n"
            "fcntl.lockf(f, fcntl.LOCK_EX)\n"
            "print('vast', flush=True)\n"
            "time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert houder.stdout.readline().strip() == "vast"
        ervoor = voor.read_bytes()
        resultaat = subprocess.run(
            [sys.executable, "-c", _MET_KORTE_WACHTTIJD, *ONTSLA, "-f", str(voor)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert resultaat.returncode == 2, resultaat.stderr
        assert "wordt door een ander programma bewerkt" in resultaat.stderr
        assert voor.read_bytes() == ervoor
    finally:
        houder.kill()
        houder.wait()


_MET_KORTE_WACHTTIJD = (
    "import sys\nfrom amctl import bewerken\nbewerken.WACHTTIJD = 0.5\n"
    "from amctl.cli import app\nsys.argv[0] = 'amctl'\napp()\n"
)


def test_droog_never_waits_for_the_lock(runner, voor):
    import fcntl

    with open(voor, "rb") as ander:
        fcntl.flock(ander, fcntl.LOCK_EX)
        begin = time.monotonic()
        resultaat = amctl(runner, voor, *ONTSLA, "--droog")
        assert time.monotonic() - begin < bewerken.WACHTTIJD / 2
    assert resultaat.exit_code == 0, resultaat.stderr
    assert "+" in resultaat.stdout and "tot-en-met: 2025-12-31" in resultaat.stdout
