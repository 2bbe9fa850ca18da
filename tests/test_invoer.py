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


# --- what an edit may replace, and what each path is --------------------------------------

ONTSLA = ["ontsla", "fictief-a", "burgemeester-van-diemen", "-D", "2026-01-01"]


def _ongewijzigd_geweigerd(resultaat, pad: Path, ervoor: bytes) -> str:
    beantwoord(resultaat, 2)
    assert pad.read_bytes() == ervoor
    assert "Opgeslagen" not in resultaat.stdout
    return resultaat.stderr


def test_an_edit_refuses_dev_stdin_and_names_the_file_to_use(tmp_path):
    """`-f /dev/stdin < org.yaml` edited org.yaml and said it saved '/dev/stdin'."""
    pad = tmp_path / "org.yaml"
    shutil.copy(VOOR, pad)
    ervoor = pad.read_bytes()
    with open(pad, "rb") as invoer:
        resultaat = subprocess.run(
            [sys.executable, "-m", "amctl", *ONTSLA, "-f", "/dev/stdin"],
            stdin=invoer,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert resultaat.returncode == 2, resultaat.stderr
    assert pad.read_bytes() == ervoor
    assert resultaat.stdout == ""
    assert resultaat.stderr == (
        "amctl: '/dev/stdin' is een open descriptor van een proces, geen naam van een bestand; "
        "amctl kan het niet vergrendelen en vervangen. Geef het bestand zelf: "
        f"-f '{pad}'. Er is niets gewijzigd.\n"
    )


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="alleen Linux")
@pytest.mark.parametrize("droog", [False, True])
def test_an_edit_refuses_proc_self_fd(runner, tmp_path, droog):
    pad = tmp_path / "org.yaml"
    shutil.copy(VOOR, pad)
    ervoor = pad.read_bytes()
    descriptor = os.open(pad, os.O_RDONLY)
    try:
        argumenten = [*ONTSLA, "-f", f"/proc/self/fd/{descriptor}", *(["--droog"] * droog)]
        fout = _ongewijzigd_geweigerd(runner.invoke(app, argumenten), pad, ervoor)
    finally:
        os.close(descriptor)
    assert "open descriptor" in fout and f"Geef het bestand zelf: -f '{pad}'." in fout


def test_an_edit_through_an_ordinary_link_still_edits_the_file(runner, tmp_path):
    pad = tmp_path / "org.yaml"
    shutil.copy(VOOR, pad)
    (tmp_path / "link.yaml").symlink_to("org.yaml")
    resultaat = runner.invoke(app, [*ONTSLA, "-f", str(tmp_path / "link.yaml")])
    assert resultaat.exit_code == 0, resultaat.stderr
    assert pad.read_bytes() != VOOR.read_bytes()
    assert (tmp_path / "link.yaml").is_symlink()


def _bijzonder(tmp_path: Path, soort: str, achtervoegsel: str = "") -> Path:
    pad = tmp_path / (soort + achtervoegsel)
    if soort == "fifo":
        os.mkfifo(pad)
    elif soort == "apparaat":
        pad.symlink_to("/dev/null")
    elif soort == "kring":
        pad.symlink_to(tmp_path / "kring2")
        (tmp_path / "kring2").symlink_to(pad)
    elif soort == "kapotte-link":
        pad.symlink_to(tmp_path / "nergens.yaml")
    return pad


WAT = {
    "fifo": "is een pipe (FIFO), geen gewoon bestand",
    "apparaat": "is een link naar '/dev/null', een apparaat",
    "kring": "is een kring van symbolische links",
    "kapotte-link": "is een symbolische link naar '{map}/nergens.yaml', en dat bestaat niet",
    "ontbreekt": "Het bestand '{pad}' bestaat niet",
}


@pytest.mark.parametrize("soort", list(WAT))
def test_an_edit_names_what_the_path_is(runner, tmp_path, soort):
    pad = _bijzonder(tmp_path, soort)
    resultaat = runner.invoke(app, [*ONTSLA, "-f", str(pad)])
    beantwoord(resultaat, 2)
    assert WAT[soort].format(map=tmp_path, pad=pad) in resultaat.stderr
    assert "gewoon bestand" in resultaat.stderr or soort in ("kring", "kapotte-link", "ontbreekt")


@pytest.mark.parametrize("soort", ["kring", "kapotte-link", "ontbreekt"])
@pytest.mark.parametrize("opdracht", [["organen"], ["validate"], ["tree"], ["importeer"]])
def test_a_read_names_what_the_path_is(runner, tmp_path, soort, opdracht):
    if opdracht == ["importeer"]:
        pad = _bijzonder(tmp_path, soort, ".csv")
        argumenten = ["importeer", str(pad), "-f", str(VOOR), "--droog"]
    else:
        pad = _bijzonder(tmp_path, soort)
        argumenten = [*opdracht, "-f", str(pad)]
    resultaat = runner.invoke(app, argumenten)
    beantwoord(resultaat, 2)
    assert WAT[soort].format(map=tmp_path, pad=pad) in resultaat.stderr


def _als_een_ander(argumenten: list[str], map_: Path) -> subprocess.CompletedProcess:
    """amctl as a user who may not read the file: as root (CI), as the user 'nobody'
    (uid 65534), whom root's rights do not cover (with util-linux's setpriv, which here
    works where Python's own switch is refused the interpreter); otherwise as ourselves."""
    programma = [sys.executable, "-m", "amctl", *argumenten]
    als_nobody = {}
    if os.geteuid() == 0 and shutil.which("setpriv"):
        programma = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *programma]
    elif os.geteuid() == 0:
        als_nobody = {"user": 65534, "group": 65534, "extra_groups": []}
    return subprocess.run(
        programma,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=map_,
        env={**os.environ, "XDG_CACHE_HOME": str(map_ / "cache"), "HOME": str(map_)},
        check=False,
        **als_nobody,
    )


@pytest.mark.parametrize(
    "opdracht",
    [
        ["validate", "-f", "{pad}"],
        ["validate", "{pad}"],
        ["tree", "-f", "{pad}"],
        [*ONTSLA, "-f", "{pad}"],
        ["importeer", "{blad}", "-f", str(VOOR), "--droog"],
    ],
)
def test_an_unreadable_file_is_said_in_dutch(opdracht):
    """Typer said "path 'org.yaml' is not readable" before amctl could say it in Dutch."""
    import tempfile

    map_ = Path(tempfile.mkdtemp(prefix="amctl-onleesbaar-"))
    try:
        map_.chmod(0o777)
        pad, blad = map_ / "org.yaml", map_ / "blad.csv"
        shutil.copy(VOOR, pad)
        blad.write_text("persoon;functie\n", encoding="utf-8")
        for bestand in (pad, blad):
            bestand.chmod(0o000)
        argumenten = [a.format(pad=pad, blad=blad) for a in opdracht]
        resultaat = _als_een_ander(argumenten, map_)
    finally:
        shutil.rmtree(map_)
    assert resultaat.returncode == 2, resultaat.stderr
    assert "not readable" not in resultaat.stderr and "Traceback" not in resultaat.stderr
    regels = resultaat.stderr.splitlines()
    assert len(regels) == 1 and regels[0].startswith("amctl: "), resultaat.stderr
    assert "niet leesbaar" in regels[0] or "geen toegang (rechten)" in regels[0]


# --- long arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opdracht",
    [
        ["diff", "{lang}", "-f", str(VOOR)],
        ["wie-zit-in", "{lang}", "-f", str(VOOR)],
        ["tree", "-d", "{lang}", "-f", str(VOOR)],
        ["regels", "{lang}"],
        ["{lang}"],
        ["ontsla", "fictief-a", "{lang}", "-f", str(VOOR), "--droog"],
    ],
)
def test_a_long_argument_is_cut_in_the_message(runner, opdracht):
    lang = "r" * 100_000
    resultaat = runner.invoke(app, [a.format(lang=lang) for a in opdracht])
    beantwoord(resultaat, 1, 2)
    assert len(resultaat.stderr) < 600, len(resultaat.stderr)
    assert "tekens weggelaten ...]" in resultaat.stderr


# --- Ctrl-C ---------------------------------------------------------------------------------


def test_ctrl_c_while_the_cli_is_imported_is_one_sentence():
    """The interrupt lands in the import of Typer: exit 130 and a sentence, no traceback."""
    code = (
        "import os, sys\n"
        "class Onderbreek:\n"
        "    def find_spec(self, naam, pad=None, doel=None):\n"
        "        if naam == 'typer':\n"
        "            os.kill(os.getpid(), 2)\n"
        "sys.meta_path.insert(0, Onderbreek())\n"
        "from amctl.__main__ import main\n"
        "sys.argv = ['amctl', 'organen']\n"
        "main()\n"
    )
    resultaat = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert resultaat.returncode == 130, resultaat.stderr
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
    assert proces.returncode in (0, 130), fout
    assert "Traceback" not in fout
    if proces.returncode:
        assert fout == "amctl: " + ONDERBROKEN + "\n"


PAKKET = Path(laden.__file__).resolve().parent


@pytest.mark.parametrize("wacht", [0.05, 0.1, 0.15, 0.2, 0.25, 0.3])
def test_ctrl_c_during_start_up_is_one_sentence_and_exit_130(tmp_path, wacht):
    """The installed `amctl` program, interrupted while it starts (the imports of Typer and
    rich take a few tenths of a second): one Dutch line and exit 130. An interrupt before
    amctl's first line (Python's own start-up, its site packages and pip's wrapper, some
    tens of milliseconds) is Python's: it may print Python's traceback, but never one
    through amctl's own code."""
    programma = Path(sys.executable).with_name("amctl")
    argumenten = [str(programma)] if programma.exists() else [sys.executable, "-m", "amctl"]
    for _ in range(2):
        proces = subprocess.Popen(
            [*argumenten, "organen", "-f", str(VOOR)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
        )
        time.sleep(wacht)
        proces.send_signal(signal.SIGINT)
        _, fout = proces.communicate(timeout=60)
        if "Traceback" in fout or proces.returncode == -signal.SIGINT:
            assert str(PAKKET) not in fout, fout  # before amctl ran: Python's own
            continue
        assert proces.returncode in (0, 130), fout
        if proces.returncode:
            assert fout == "amctl: " + ONDERBROKEN + "\n"
