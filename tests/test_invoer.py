"""Every input answered: special files, a missing home, odd repositories, Ctrl-C at start-up.

Whatever is given, amctl ends with exit 0, 1 or 2 and one Dutch sentence: never exit 3 (its
own bug), never a traceback, never a wait without end."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from amctl import laden
from amctl.cli import app

VOOR = Path(__file__).parent / "fixtures" / "verschil" / "voor.yaml"
ONDERBROKEN = "onderbroken (Ctrl-C); elk bestand is helemaal of niet geschreven."


pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


def beantwoord(resultaat, *codes: int) -> None:
    assert resultaat.exit_code in codes, (resultaat.exit_code, resultaat.stderr)
    assert "Traceback" not in resultaat.stderr and "interne fout" not in resultaat.stderr
    if resultaat.exit_code:
        regels = resultaat.stderr.strip().splitlines()
        assert regels and regels[-1].startswith("amctl: ")


def kort_wachten(*argumenten: str, invoer: bytes | None = None, timeout: float = 60):
    """amctl in its own process, with a FIFO wait of half a second."""
    code = (
        "import sys\nfrom amctl import laden\nladen.WACHTTIJD_INVOER = 0.5\n"
        "from amctl.__main__ import main\nsys.argv[0] = 'amctl'\nmain()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *argumenten],
        input=invoer,
        capture_output=True,
        timeout=timeout,
    )


# --- special files --------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="alleen Linux")
@pytest.mark.parametrize("opdracht", [["organen"], ["validate"], ["diff", str(VOOR)]])
def test_proc_self_mem_is_a_usage_error(runner, opdracht):
    beantwoord(runner.invoke(app, [*opdracht, "-f", "/proc/self/mem"]), 1, 2)


@pytest.mark.parametrize("opdracht", [["organen"], ["validate"]])
def test_a_socket_is_a_usage_error(runner, tmp_path, opdracht):
    pad = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as bus:
        bus.bind(str(pad))
        resultaat = runner.invoke(app, [*opdracht, "-f", str(pad)])
    beantwoord(resultaat, 2)
    assert "socket" in resultaat.stderr


@pytest.mark.parametrize("opdracht", [["organen"], ["validate"], ["wie-zit-in", "werkoverleg"]])
def test_a_pipe_through_dev_stdin_is_read(opdracht):
    resultaat = kort_wachten(*opdracht, "-f", "/dev/stdin", invoer=VOOR.read_bytes())
    assert resultaat.returncode == 0, resultaat.stderr.decode()
    assert b"Traceback" not in resultaat.stderr


@pytest.mark.parametrize("opdracht", [["organen"], ["validate"], ["diff", str(VOOR)]])
def test_a_fifo_without_writer_is_refused_after_a_bounded_wait(tmp_path, opdracht):
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    begin = time.monotonic()
    resultaat = kort_wachten(*opdracht, "-f", str(fifo), timeout=30)
    assert resultaat.returncode == 2, resultaat.stderr.decode()
    assert b"kwam 0.5 seconden lang niets" in resultaat.stderr
    assert b"Traceback" not in resultaat.stderr
    assert time.monotonic() - begin < 20


def test_a_fifo_with_a_writer_is_read(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(laden, "WACHTTIJD_INVOER", 5.0)
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)

    def schrijver():
        time.sleep(0.3)
        fifo.write_bytes(VOOR.read_bytes())

    threading.Thread(target=schrijver, daemon=True).start()
    beantwoord(runner.invoke(app, ["organen", "-f", str(fifo)]), 0)


# --- the environment ------------------------------------------------------------------------


def test_queries_work_without_a_home_directory(runner, monkeypatch):
    """HOME unset and a user id without a passwd entry (a container): no cache, an answer."""
    import pwd

    for naam in ("HOME", "XDG_CACHE_HOME", "AMCTL_CACHE_MAP"):
        monkeypatch.delenv(naam, raising=False)

    def onbekend(uid):
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", onbekend)
    with pytest.raises(RuntimeError):
        Path.home()
    beantwoord(runner.invoke(app, ["organen", "-f", str(VOOR)]), 0)


def _repo(map_: Path) -> Path:
    """A git repository in `map_` with the data file committed, then changed."""
    (map_ / "data").mkdir(parents=True)
    bestand = map_ / "data" / "organisatie.yaml"
    shutil.copy(VOOR, bestand)
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    for stap in (["init", "-q"], ["add", "."], ["commit", "-qm", "x"]):
        subprocess.run([*git, *stap], cwd=map_, check=True, env=omgeving)
    bestand.write_text(
        bestand.read_text(encoding="utf-8").replace("oud-overleg:", "ander-overleg:", 1),
        encoding="utf-8",
    )
    return bestand


@pytest.mark.skipif(shutil.which("git") is None, reason="git ontbreekt")
@pytest.mark.parametrize(
    "naam", ["gewoon", "spatie en é", "regel\neinde", os.fsdecode(b"latin1-\xff")]
)
def test_diff_rev_works_in_a_repository_with_an_odd_path(runner, tmp_path, monkeypatch, naam):
    bestand = _repo(tmp_path / naam)
    monkeypatch.chdir(tmp_path)
    resultaat = runner.invoke(app, ["diff", "HEAD", "-f", str(bestand)])
    beantwoord(resultaat, 0)
    assert "HEAD:data/organisatie.yaml" in resultaat.stdout
    assert "Oud overleg: verwijderd" in resultaat.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git ontbreekt")
@pytest.mark.parametrize("variabelen", ["GIT_DIR", "GIT_WORK_TREE", "beide"])
def test_diff_rev_reads_the_repository_of_the_data_file_whatever_git_dir_says(
    runner, tmp_path, monkeypatch, variabelen
):
    bestand = _repo(tmp_path / "hier")
    ander = tmp_path / "elders"
    ander.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=ander, check=True)
    if variabelen in ("GIT_DIR", "beide"):
        monkeypatch.setenv("GIT_DIR", str(ander / ".git"))
    if variabelen in ("GIT_WORK_TREE", "beide"):
        monkeypatch.setenv("GIT_WORK_TREE", str(ander))
    resultaat = runner.invoke(app, ["diff", "HEAD", "-f", str(bestand)])
    beantwoord(resultaat, 0)
    assert "Oud overleg: verwijderd" in resultaat.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git ontbreekt")
def test_diff_rev_refuses_a_revision_past_the_size_limit(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("amctl.versies.MAX_BYTES", 4096)
    bestand = _repo(tmp_path / "groot")
    groot = bestand.read_text(encoding="utf-8") + "# " + "x" * 8000 + "\n"
    bestand.write_text(groot, encoding="utf-8")
    subprocess.run(
        ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qam", "g"],
        cwd=bestand.parent,
        check=True,
    )
    resultaat = runner.invoke(app, ["diff", "HEAD", str(VOOR), "-f", str(bestand)])
    beantwoord(resultaat, 1)
    assert "AM010" in resultaat.stderr


# --- Ctrl-C ---------------------------------------------------------------------------------


def test_ctrl_c_while_the_cli_is_imported_is_one_sentence():
    """The interrupt lands in the import of Typer: exit 2 and a sentence, no traceback."""
    code = (
        "import sys\n"
        "class Onderbreek:\n"
        "    def find_spec(self, naam, pad=None, doel=None):\n"
        "        if naam == 'typer':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Onderbreek())\n"
        "from amctl.__main__ import main\n"
        "sys.argv = ['amctl', 'organen']\n"
        "main()\n"
    )
    resultaat = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert resultaat.returncode == 2, resultaat.stderr
    assert resultaat.stderr == "amctl: " + ONDERBROKEN + "\n"


@pytest.mark.parametrize("wacht", [0.0, 0.02, 0.05, 0.1, 0.2, 0.4])
def test_ctrl_c_at_any_moment_of_a_command_is_one_sentence(wacht):
    code = (
        "import sys\nfrom amctl.__main__ import main\n"
        f"sys.argv = ['amctl', 'organen', '-f', {str(VOOR)!r}]\n"
        "print('klaar', flush=True)\nmain()\n"
    )
    proces = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proces.stdout.readline() == "klaar\n"
    time.sleep(wacht)
    proces.send_signal(signal.SIGINT)
    _, fout = proces.communicate(timeout=60)
    assert proces.returncode in (0, 1, 2), fout
    assert "Traceback" not in fout
    if proces.returncode:
        assert fout.endswith(
            "amctl: onderbroken (Ctrl-C); elk bestand is helemaal of niet geschreven.\n"
        )
