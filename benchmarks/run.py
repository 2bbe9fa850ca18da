"""Benchmark amctl as users run it: whole processes, on S, M and L data.

    python benchmarks/run.py [--maten S,M,L] [--runs 5] [--min-tijd 5] [--zaad 1] [--rooktest]

For every size it times `amctl validate`, `amctl wie-zit-in`, `amctl waar-zit` and
`amctl tree`, next to two floors measured in the same run: a bare Typer app with one
command (benchmarks/kale_app.py, the framework floor) and a plain libyaml parse of the same
file (benchmarks/parse_vloer.py, the parse floor); `importeer` and `overzicht` on every size
(their time per MB must stay flat: linear growth), and on M and L an edit (`benoem`, through
benchmarks/bewerk.py) with, right after it in each round, the first question about the bytes
it wrote (issue 23: an edit leaves the cache warm). It prints the timings, the ratios against
the targets of issue 6, and writes BENCHMARKS.md. Commands that `amctl --help` does not list
yet are reported as "(opdracht nog niet beschikbaar)"; the table fills in once they land.

How it measures, and why:

- Wall time: time.perf_counter() around start and reaping of each process, so interpreter
  start-up and imports count, as they do for a user. Output goes to /dev/null.
- One warm-up per command and size first (bytecode and file cache warm, and any cache that
  amctl keeps for an unchanged file filled), then `--runs` rounds, more for a fast size
  (until each command has run about `--min-tijd` seconds, at most 30 rounds); each round
  runs every command once, in turn, so that drift of the machine spreads over all commands.
  Reported: the median and the range (min-max).
- Bytecode: cached under benchmarks/uit/pycache (PYTHONPYCACHEPREFIX), also when the
  environment sets PYTHONDONTWRITEBYTECODE: users run amctl with compiled bytecode.
- Peak memory: the child's own ru_maxrss, from os.wait4() on that one child. This is the
  same number `/usr/bin/time -f %M` prints (GNU time also reads it from wait4), without an
  extra process inside the timed interval and without depending on /usr/bin/time being
  installed. getrusage(RUSAGE_CHILDREN) in this process would be wrong: it is the maximum
  over every child reaped so far, so after the first large file it never goes down again.

`--rooktest` (the CI smoke test) runs S once without warm-up (without importeer and
overzicht, which take the longest there), asserts nothing about times,
does not write BENCHMARKS.md, and exits 0 unless a command fails.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

HIER = Path(__file__).resolve().parent
REPO = HIER.parent
sys.path.insert(0, str(HIER))

import genereer  # noqa: E402  (benchmarks/ is not a package)

RAPPORT = REPO / "BENCHMARKS.md"
PYCACHE = genereer.UIT / "pycache"
NOG_NIET = "(opdracht nog niet beschikbaar)"

# The amctl commands measured, in order; arguments are filled in per size. 'validate' is a
# second validation of an unchanged file (the verdict comes from amctl's cache); 'validate
# (koud)' runs with the cache off: every byte parsed and every rule run, as CI on a new commit.
KOUD = "validate (koud)"
IMPORT = "importeer 5000 rijen --droog"
EXPORT = ("exporteer csv", "exporteer xlsx", "exporteer popolo")
TAB = ("Tab: orgaan", "Tab: wie")  # one press of Tab, as bash asks amctl for completions
# An edit (benoem of a new burgemeester, each run on a fresh copy with its own date: see
# benchmarks/bewerk.py) and, right after it in the same round, the first question about the
# file it wrote (issue 23: the edit leaves the cache warm for its new bytes).
BEWERKING = "benoem (bewerking)"
NA_BEWERKING = "wie-zit-in na de bewerking"
OVERZICHT = "overzicht"
OPDRACHTEN = (
    "validate",
    KOUD,
    "wie-zit-in",
    "waar-zit",
    "tree ORGAAN",
    "tree",
    *TAB,
    IMPORT,
    *EXPORT,
    BEWERKING,
    NA_BEWERKING,
    OVERZICHT,
)
VRAGEN = ("wie-zit-in", "waar-zit", "tree ORGAAN", "tree")
# The command `amctl --help` must list for each measured one.
NODIG = {KOUD: "validate", "tree ORGAAN": "tree", IMPORT: "importeer", BEWERKING: "benoem"}
NODIG |= {NA_BEWERKING: "wie-zit-in"}
NODIG |= {naam: "exporteer" for naam in EXPORT} | {naam: "aanvulling" for naam in TAB}
TAB_TEGEN_KAAL = 1.2
# Measured on these sizes only (issue 16): 5,000 rows into M, L to each format.
ALLEEN_OP = {naam: {"L"} for naam in EXPORT} | {BEWERKING: {"M", "L"}, NA_BEWERKING: {"M", "L"}}
IMPORTRIJEN = 5000
KAAL, PARSE = "kaal framework", "parse-vloer"
# Other tools that check the same file, measured in the same rounds with --peers.
PEERS = ("yamllint", "check-jsonschema")
# On M and L a peer takes ten times as long as amctl or more (on L about a minute a run):
# there the peers run in the first rounds only, without a warm-up (they keep no cache; the
# file is read by then), so that the whole benchmark stays within a quarter of an hour on a
# quiet machine. On S, where a peer is about as fast as amctl, they run in every round.
PEER_RONDES = {"M": 3, "L": 2}

# Targets of issue 16 (and of issue 6 before it).
S_TEGEN_KAAL = 1.25
L_VALIDATE_TEGEN_PARSE = 1.5
L_VRAAG_TEGEN_KAAL = 1.5
GROEI_L_M = 12.0
GEHEUGEN_L_TEGEN_PARSE = 3.0

MAX_RONDES = 30  # for the fast sizes; see aantal_rondes


class Meting(NamedTuple):
    seconden: float
    kb: int  # peak resident set size of the process, KiB
    code: int
    stderr: str


class Reeks(NamedTuple):
    """All runs of one command on one size."""

    naam: str
    argv: list[str]  # as run (amctl by absolute path)
    getoond: str  # as shown in the report
    beschikbaar: bool
    metingen: list[Meting]
    fout: str | None

    @property
    def gemeten(self) -> bool:
        return self.beschikbaar and self.fout is None and bool(self.metingen)

    @property
    def mediaan(self) -> float:
        return statistics.median(m.seconden for m in self.metingen)

    @property
    def piek_kb(self) -> int:
        return max(m.kb for m in self.metingen)


# --- the environment ----------------------------------------------------------------------


def zoek_amctl() -> Path:
    """amctl next to the running interpreter (a venv), else on PATH."""
    naast = Path(sys.executable).parent / "amctl"
    if naast.is_file():
        return naast
    gevonden = shutil.which("amctl")
    if gevonden is None:
        raise SystemExit("run.py: amctl niet gevonden; installeer het (pip install -e .).")
    return Path(gevonden)


def interpreter_van(amctl: Path) -> str:
    """The Python that runs amctl (its shebang), so that the floors use the same one."""
    try:
        eerste, tweede, *_ = [*amctl.read_bytes().decode().split("\n", 2), "", ""]
    except (OSError, UnicodeDecodeError):
        return sys.executable
    kandidaat = eerste[2:].strip().split()[0] if eerste.startswith("#!") else ""
    if kandidaat == "/bin/sh":
        # pip's launcher for a venv at a long path (a shebang holds at most 127 characters):
        # the second line starts with three quotes, exec', the interpreter, "$0" "$@".
        treffer = re.match(r"'{3}exec' \"?([^\" ]+)", tweede)
        kandidaat = treffer.group(1) if treffer else ""
    if Path(kandidaat).is_file() and "python" in Path(kandidaat).name:
        return kandidaat
    return sys.executable


_KADER = "│┃|"
_NAAM_IN_KOLOM = re.compile(r"( *)([a-z][a-z0-9-]*)(?: {2,}| *$)")


def opdrachten_in_hulp(hulp: str) -> set[str]:
    """The command names in a Click/Typer help text, plain or drawn in a rich box.

    Names stand in the leftmost column of the Commands section; a wrapped description
    continues further to the right, so only lines at the smallest indentation count."""
    regels = hulp.splitlines()
    kop = next((i for i, r in enumerate(regels) if re.search(r"Commands|Opdrachten", r)), None)
    if kop is not None:
        sectie = []
        for regel in regels[kop + 1 :]:
            if not regel.strip() or regel.lstrip().startswith("╰"):
                break
            sectie.append(regel)
        regels = sectie
    kandidaten = []
    for regel in regels:
        binnen = regel.strip().strip(_KADER).rstrip() if regel.strip()[:1] in _KADER else regel
        treffer = _NAAM_IN_KOLOM.match(binnen)
        if treffer:
            kandidaten.append((len(treffer.group(1)), treffer.group(2)))
    if not kandidaten:
        return set()
    kolom = min(inspringing for inspringing, _ in kandidaten)
    return {naam for inspringing, naam in kandidaten if inspringing == kolom}


def beschikbare_opdrachten(amctl: Path) -> set[str]:
    """The commands of OPDRACHTEN whose amctl command `amctl --help` lists.

    Should the help text change shape so that even `validate` is not recognised, ask each
    command for its own --help instead (exit 0 when it exists)."""
    omgeving = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    hulp = subprocess.run(
        [str(amctl), "--help"], capture_output=True, text=True, env=omgeving, check=False
    ).stdout
    genoemd = opdrachten_in_hulp(hulp)
    if "validate" not in genoemd:
        genoemd = {
            naam
            for naam in {NODIG.get(n, n) for n in OPDRACHTEN}
            if subprocess.run(
                [str(amctl), naam, "--help"], capture_output=True, env=omgeving, check=False
            ).returncode
            == 0
        }
    return {naam for naam in OPDRACHTEN if NODIG.get(naam, naam) in genoemd}


def machine(python: str) -> dict[str, str]:
    cpu = "onbekend"
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "onbekend"
    geheugen = "onbekend"
    try:
        for regel in Path("/proc/meminfo").read_text().splitlines():
            if regel.startswith("MemTotal:"):
                geheugen = f"{int(regel.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    kernen = os.cpu_count() or 0
    bruikbaar = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else kernen
    code = (
        "import importlib.metadata as md, json, platform, sys\n"
        "def versie(naam):\n"
        "    try:\n"
        "        return md.version(naam)\n"
        "    except md.PackageNotFoundError:\n"
        "        return None\n"
        "try:\n"
        "    import yaml\n"
        "    libyaml = hasattr(yaml, 'CSafeLoader')\n"
        "except ImportError:\n"
        "    libyaml = None\n"
        "print(json.dumps({'python': sys.version.split()[0], "
        "'implementatie': platform.python_implementation(), 'pyyaml': versie('pyyaml'), "
        "'libyaml': libyaml, 'typer': versie('typer'), 'click': versie('click')}))"
    )
    uit = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    try:
        versies = json.loads(uit.stdout)
    except ValueError:
        versies = {}
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    gewijzigd = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "amctl"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    libyaml = versies.get("libyaml")
    return {
        "CPU": cpu,
        "Kernen": f"{kernen} (bruikbaar voor dit proces: {bruikbaar})",
        "Geheugen": geheugen,
        "Besturingssysteem": platform.platform(),
        "Python": f"{versies.get('implementatie', '?')} {versies.get('python', '?')}",
        "PyYAML": f"{versies.get('pyyaml', '?')}, "
        + {True: "met libyaml (CSafeLoader)", False: "zonder libyaml (pure Python)"}.get(
            libyaml, "libyaml onbekend"
        ),
        "Typer": f"{versies.get('typer') or '?'}",
        "amctl": f"commit {commit or '?'}"
        + (" met lokale wijzigingen in amctl/" if gewijzigd else ""),
    }


# --- measuring ----------------------------------------------------------------------------


def omgeving_voor_meting() -> dict[str, str]:
    """The environment of a measured process: as a user's shell, with bytecode caching on.

    PYTHONDONTWRITEBYTECODE (set in some CI and sandbox images) would make every run compile
    amctl from source again; the bytecode goes to benchmarks/uit/pycache instead, so that
    the source tree stays untouched and the warm-up fills the cache."""
    omgeving = {**os.environ, "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    omgeving.pop("PYTHONDONTWRITEBYTECODE", None)
    return omgeving


def meet(argv: list[str], extra: dict[str, str] | None = None) -> Meting:
    """Run one process to the end: wall time, its own peak RSS (wait4), exit code."""
    omgeving = {**omgeving_voor_meting(), **(extra or {})}
    with tempfile.TemporaryFile() as fouten:
        start = time.perf_counter()
        proces = subprocess.Popen(
            argv, cwd=REPO, env=omgeving, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=fouten,
        )  # fmt: skip
        _, status, gebruik = os.wait4(proces.pid, 0)
        seconden = time.perf_counter() - start
        proces.returncode = os.waitstatus_to_exitcode(status)
        fouten.seek(0)
        stderr = fouten.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    kb = gebruik.ru_maxrss // 1024 if sys.platform == "darwin" else gebruik.ru_maxrss
    return Meting(seconden, kb, proces.returncode, stderr)


class Taak(NamedTuple):
    naam: str
    argv: list[str]  # as run (programs by absolute path)
    getoond: str  # as shown in the report
    beschikbaar: bool
    omgeving: dict[str, str]  # besides the measuring environment
    codes: tuple[int, ...] = (0,)  # exit codes that count as a run (a linter finds problems)
    rondes: int | None = None  # run in the first this many rounds only, without warm-up


def apart(code: str) -> None:
    """Set-up work (generating a file, building a model) in a process of its own. A child
    process reports as its peak memory at least its parent's size at the fork, so this
    process must stay small: every measured process starts from it."""
    subprocess.run([sys.executable, "-c", code], cwd=HIER, check=True)


def schema_voor_peers(amctl: Path) -> Path:
    """The JSON Schema of the format (`amctl schema`), for check-jsonschema."""
    pad = genereer.UIT / "schema.json"
    pad.parent.mkdir(parents=True, exist_ok=True)  # benchmarks/uit is not in git
    pad.write_bytes(subprocess.run([str(amctl), "schema"], capture_output=True, check=True).stdout)
    return pad


def maak_importblad(maat: str, rijen: int = IMPORTRIJEN) -> Path:
    """A sheet for `amctl importeer`: `rijen` new raadsleden in the gemeenten of the file, each
    on a row of its own (what a griffie sends after an election)."""
    import csv

    from amctl.controle import geldig_model

    org = geldig_model(genereer.UIT / f"{maat}.yaml")
    gemeenten = list(org.gemeenten)
    pad = genereer.UIT / f"{maat}-import.csv"
    with pad.open("w", encoding="utf-8", newline="") as uit:
        schrijver = csv.writer(uit, delimiter=";")
        schrijver.writerow(["naam", "persoon", "functie", "gemeente", "vanaf"])
        for i in range(rijen):
            gemeente = gemeenten[i % len(gemeenten)]
            schrijver.writerow(
                [f"Nieuw Raadslid {i}", f"nieuw-raadslid-{i}", "raadslid", gemeente, "2026-04-01"]
            )
    return pad


def peer_programma(naam: str) -> Path | None:
    naast = Path(sys.executable).parent / naam
    if naast.is_file():
        return naast
    gevonden = shutil.which(naam)
    return Path(gevonden) if gevonden else None


def plan(
    maat: str, amctl: Path, python: str, beschikbaar: set[str], peers: bool = False
) -> list[Taak]:
    """Every command on this size, floors first, then amctl, then (with --peers) the peers."""
    bestand = f"benchmarks/uit/{maat}.yaml"
    vraag = genereer.beschrijving(maat)["vraag"]
    argumenten = {
        IMPORT: ["importeer", f"benchmarks/uit/{maat}-import.csv", "--droog", "-f", bestand],
        **{n: ["exporteer", "--formaat", n.split()[-1], "-f", bestand] for n in EXPORT},
        "validate": ["validate", "-f", bestand],
        KOUD: ["validate", "-f", bestand],
        "wie-zit-in": ["wie-zit-in", vraag["orgaan"], "-f", bestand],
        "waar-zit": ["waar-zit", vraag["gemeente"], "-f", bestand],
        "tree ORGAAN": ["tree", vraag["orgaan"], "-f", bestand],
        "tree": ["tree", "-f", bestand],
        NA_BEWERKING: ["wie-zit-in", vraag["orgaan"], "-f", f"benchmarks/uit/{maat}-bewerkt.yaml"],
        OVERZICHT: ["overzicht", "--uit", f"benchmarks/uit/{maat}-site", "-f", bestand],
    }
    regels: list[tuple[str, list[str], bool, dict[str, str], tuple[int, ...], int | None]] = [
        (KAAL, [python, "benchmarks/kale_app.py", "-f", bestand], True, {}, (0,), None),
        (PARSE, [python, "benchmarks/parse_vloer.py", bestand], True, {}, (0,), None),
    ]
    tab = {
        "Tab: orgaan": ["wie-zit-in", "-f", bestand, vraag["orgaan"][:4]],
        "Tab: wie": ["waar-zit", "-f", bestand, vraag["gemeente"][:3]],
    }
    for n in OPDRACHTEN:
        if maat not in ALLEEN_OP.get(n, {maat}):
            continue
        omgeving = {"AMCTL_CACHE": "uit"} if n == KOUD else {}
        if n == BEWERKING:
            argv = [python, "benchmarks/bewerk.py", str(amctl), maat, vraag["gemeente"]]
            regels.append((n, argv, n in beschikbaar, {}, (0,), None))
            continue
        if n in TAB:
            woorden = ["amctl", *tab[n]]
            omgeving = {
                "_AMCTL_COMPLETE": "complete_bash",
                "COMP_WORDS": " ".join(woorden),
                "COMP_CWORD": str(len(woorden) - 1),
            }
            regels.append((n, [str(amctl)], n in beschikbaar, omgeving, (0,), None))
            continue
        regels.append((n, [str(amctl), *argumenten[n]], n in beschikbaar, omgeving, (0,), None))
    if peers:
        programmas = {naam: peer_programma(naam) for naam in PEERS}
        schema = "benchmarks/uit/schema.json"  # written by schema_voor_peers
        argv_peer = {
            "yamllint": ["-d", "default", bestand],
            "check-jsonschema": ["--schemafile", schema, bestand],
        }
        for naam in PEERS:
            programma = programmas[naam]
            argv = [str(programma or naam), *argv_peer[naam]]
            regels.append((naam, argv, programma is not None, {}, (0, 1), PEER_RONDES.get(maat)))
    vervang = {python: "python", str(amctl): "amctl"}
    vervang |= {str(peer_programma(n)): n for n in PEERS if peer_programma(n)}
    uit = []
    for naam, argv, aanwezig, omgeving, codes, rondes in regels:
        getoond = [vervang.get(a, a) for a in argv]
        getoond = [
            "benchmarks/uit/schema.json" if a.endswith("schema.json") else a for a in getoond
        ]
        voor = "".join(f"{k}={shlex.quote(v)} " for k, v in omgeving.items())
        uit.append(Taak(naam, argv, voor + " ".join(getoond), aanwezig, omgeving, codes, rondes))
    return uit


def aantal_rondes(runs: int, opwarmtijd: float, min_tijd: float) -> int:
    """At least `runs`; more for fast sizes, so that each command runs about `min_tijd`
    seconds in total (a small file is over in a blink and its timings are the noisiest)."""
    if opwarmtijd <= 0:
        return runs
    return max(runs, min(MAX_RONDES, math.ceil(min_tijd / opwarmtijd)))


def meet_maat(
    maat: str,
    amctl: Path,
    python: str,
    beschikbaar: set[str],
    runs: int,
    opwarmen: bool,
    min_tijd: float,
    peers: bool = False,
) -> dict[str, Reeks]:
    taken = plan(maat, amctl, python, beschikbaar, peers)
    metingen: dict[str, list[Meting]] = {t.naam: [] for t in taken}
    fouten: dict[str, str | None] = {t.naam: None for t in taken}

    def draai(taak: Taak, label: str) -> Meting:
        naam = taak.naam
        meting = meet(taak.argv, taak.omgeving)
        if meting.code not in taak.codes:
            fouten[naam] = f"exit {meting.code}: {meting.stderr.strip()[-400:]}"
            print(f"  {maat} {naam} {label}: MISLUKT ({fouten[naam]})", file=sys.stderr)
            return meting
        print(
            f"  {maat} {naam} {label}: {meting.seconden:.3f} s, {meting.kb / 1024:.0f} MiB",
            file=sys.stderr,
        )
        return meting

    for taak in taken:
        if not taak.beschikbaar:
            print(f"  {maat} {taak.naam}: {NOG_NIET}", file=sys.stderr)
    actief = [taak for taak in taken if taak.beschikbaar]
    rondes = runs
    if opwarmen:
        opwarmtijd = max(draai(t, "opwarmen").seconden for t in actief if t.rondes is None)
        rondes = aantal_rondes(runs, opwarmtijd, min_tijd)
    for i in range(rondes):
        for taak in actief:
            if taak.rondes is not None and i >= taak.rondes:
                continue
            if fouten[taak.naam] is None:
                meting = draai(taak, f"run {i + 1}/{rondes}")
                if meting.code in taak.codes:
                    metingen[taak.naam].append(meting)
    return {
        t.naam: Reeks(t.naam, t.argv, t.getoond, t.beschikbaar, metingen[t.naam], fouten[t.naam])
        for t in taken
    }


# --- reporting ----------------------------------------------------------------------------


def _tijd(reeks: Reeks | None) -> str:
    if reeks is None:
        return "-"
    if not reeks.beschikbaar:
        return NOG_NIET
    if reeks.fout is not None:
        return "mislukt"
    tijden = [m.seconden for m in reeks.metingen]
    if len(tijden) == 1:
        return f"{tijden[0]:.3f}"
    return f"{reeks.mediaan:.3f} ({min(tijden):.3f}–{max(tijden):.3f})"


def _geheugen(reeks: Reeks | None) -> str:
    if reeks is None:
        return "-"
    if not reeks.gemeten:
        return _tijd(reeks)
    return f"{reeks.piek_kb / 1024:.0f}"


def _tabel(kop: list[str], rijen: list[list[str]]) -> str:
    breedtes = [max(len(r[i]) for r in [kop, *rijen]) for i in range(len(kop))]

    def rij(cellen: list[str]) -> str:
        return "| " + " | ".join(c.ljust(b) for c, b in zip(cellen, breedtes, strict=True)) + " |"

    scheiding = "|" + "|".join("-" * (b + 2) for b in breedtes) + "|"
    return "\n".join([rij(kop), scheiding, *(rij(r) for r in rijen)]) + "\n"


class Doel(NamedTuple):
    omschrijving: str
    waarde: float | None
    grens: float
    reden: str  # why there is no value
    minima: float | None = None  # the same ratio of the fastest runs, for information


def _verhouding(
    resultaten: dict[str, dict[str, Reeks]],
    teller: tuple[str, str],
    noemer: tuple[str, str],
    maat_van: str = "mediaan",
) -> tuple[float | None, str]:
    """teller/noemer of the medians (or of the minima), or (None, why not)."""
    for maat, naam in (teller, noemer):
        reeks = resultaten.get(maat, {}).get(naam)
        if reeks is None:
            return None, f"maat {maat} niet gemeten"
        if not reeks.beschikbaar:
            return None, NOG_NIET
        if not reeks.gemeten:
            return None, f"{naam} mislukt"
    a, b = resultaten[teller[0]][teller[1]], resultaten[noemer[0]][noemer[1]]
    if maat_van == "minimum":
        return min(m.seconden for m in a.metingen) / min(m.seconden for m in b.metingen), ""
    return a.mediaan / b.mediaan, ""


def _tijddoel(
    resultaten: dict[str, dict[str, Reeks]],
    omschrijving: str,
    teller: tuple[str, str],
    noemer: tuple[str, str],
    grens: float,
) -> Doel:
    waarde, reden = _verhouding(resultaten, teller, noemer)
    minima, _ = _verhouding(resultaten, teller, noemer, "minimum")
    return Doel(omschrijving, waarde, grens, reden, minima)


def doelen(resultaten: dict[str, dict[str, Reeks]]) -> list[Doel]:
    uit: list[Doel] = []
    for naam in (n for n in OPDRACHTEN if n != KOUD and n not in ALLEEN_OP and n not in TAB):
        uit.append(
            _tijddoel(
                resultaten, f"S: {naam} / kaal framework", ("S", naam), ("S", KAAL), S_TEGEN_KAAL
            )
        )
    for maat in ("S", "L"):
        for naam in TAB:
            uit.append(
                _tijddoel(
                    resultaten,
                    f"{maat}: {naam} / kaal framework",
                    (maat, naam),
                    (maat, KAAL),
                    TAB_TEGEN_KAAL,
                )
            )
    uit.append(
        _tijddoel(
            resultaten,
            f"L: {KOUD} / parse-vloer",
            ("L", KOUD),
            ("L", PARSE),
            L_VALIDATE_TEGEN_PARSE,
        )
    )
    for naam in ("validate", *VRAGEN):
        omschrijving = f"L: {naam} (ongewijzigd bestand) / kaal framework"
        uit.append(
            _tijddoel(resultaten, omschrijving, ("L", naam), ("L", KAAL), L_VRAAG_TEGEN_KAAL)
        )
    for naam in (n for n in OPDRACHTEN if n not in ALLEEN_OP):
        uit.append(_tijddoel(resultaten, f"groei L/M: {naam}", ("L", naam), ("M", naam), GROEI_L_M))
    uit.append(
        _tijddoel(resultaten, f"L: {BEWERKING} / {KOUD}", ("L", BEWERKING), ("L", KOUD), 1.5)
    )
    uit.append(
        _tijddoel(
            resultaten, f"L: {NA_BEWERKING} / kaal framework", ("L", NA_BEWERKING), ("L", KAAL), 1.5
        )
    )
    uit.append(_geheugendoel(resultaten, "L", BEWERKING, KOUD, 1.5))
    for naam in (IMPORT, OVERZICHT):
        uit.append(_per_mb_doel(resultaten, naam, "M", "L", 1.25))
    for naam in (KOUD, *VRAGEN):
        reeks, vloer = resultaten.get("L", {}).get(naam), resultaten.get("L", {}).get(PARSE)
        if reeks is None or vloer is None:
            waarde, reden = None, "maat L niet gemeten"
        elif not reeks.beschikbaar:
            waarde, reden = None, NOG_NIET
        elif not (reeks.gemeten and vloer.gemeten):
            waarde, reden = None, "mislukt"
        else:
            waarde, reden = reeks.piek_kb / vloer.piek_kb, ""
        uit.append(
            Doel(f"L: piekgeheugen {naam} / parse-vloer", waarde, GEHEUGEN_L_TEGEN_PARSE, reden)
        )
    return uit


def _geheugendoel(
    resultaten: dict[str, dict[str, Reeks]], maat: str, naam: str, tegen: str, grens: float
) -> Doel:
    reeks, vloer = resultaten.get(maat, {}).get(naam), resultaten.get(maat, {}).get(tegen)
    omschrijving = f"{maat}: piekgeheugen {naam} / {tegen}"
    if reeks is None or vloer is None or not (reeks.gemeten and vloer.gemeten):
        return Doel(omschrijving, None, grens, f"maat {maat} niet gemeten")
    return Doel(omschrijving, reeks.piek_kb / vloer.piek_kb, grens, "")


def _per_mb_doel(
    resultaten: dict[str, dict[str, Reeks]], naam: str, klein: str, groot: str, grens: float
) -> Doel:
    """The time per MB of the data file on `groot` against `klein`: 1.0 is linear growth."""
    omschrijving = f"{naam}: tijd per MB, {groot} / {klein}"
    reeksen = [resultaten.get(m, {}).get(naam) for m in (klein, groot)]
    if any(r is None or not r.gemeten for r in reeksen):
        return Doel(omschrijving, None, grens, "niet gemeten op beide maten")
    per_mb = [
        r.mediaan / genereer.beschrijving(m)["bytes"]
        for r, m in zip(reeksen, (klein, groot), strict=True)
    ]
    return Doel(omschrijving, per_mb[1] / per_mb[0], grens, "")


def import_export_tabel(resultaten: dict[str, dict[str, Reeks]]) -> str:
    """importeer and exporteer against a validation (cache off) of the same file."""
    rijen = []
    for naam in (IMPORT, *EXPORT):
        for maat in sorted(ALLEEN_OP.get(naam, resultaten)):
            mediaan, reden = _verhouding(resultaten, (maat, naam), (maat, KOUD))
            minimum, _ = _verhouding(resultaten, (maat, naam), (maat, KOUD), "minimum")
            waarde = reden if mediaan is None else f"{mediaan:.2f}x"
            minima = f"{minimum:.2f}x" if minimum else "-"
            rijen.append([f"{maat}: {naam} / {KOUD}", waarde, minima])
    return _tabel(["Verhouding", "Mediaan", "Minima"], rijen)


def peertabel(resultaten: dict[str, dict[str, Reeks]], maten: list[str]) -> str:
    """amctl validate (cache off, as a peer has none) against each peer on the same file."""
    rijen = []
    for peer in PEERS:
        cellen = [f"`{KOUD}` / {peer}"]
        for maat in maten:
            if peer not in resultaten[maat]:
                cellen.append("niet gemeten")
                continue
            mediaan, reden = _verhouding(resultaten, (maat, KOUD), (maat, peer))
            minimum, _ = _verhouding(resultaten, (maat, KOUD), (maat, peer), "minimum")
            if mediaan is None or minimum is None:
                cellen.append(reden)
            else:
                cellen.append(f"{mediaan:.2f}x ({minimum:.2f}x)")
        rijen.append(cellen)
    return _tabel(["Verhouding", *(f"{m}: mediaan (minima)" for m in maten)], rijen)


def doelentabel(lijst: list[Doel]) -> str:
    rijen = []
    for d in lijst:
        minima = f"{d.minima:.2f}x" if d.minima is not None else "-"
        if d.waarde is None:
            rijen.append([d.omschrijving, "-", f"≤ {d.grens:g}x", d.reden, minima])
        else:
            oordeel = "gehaald" if d.waarde <= d.grens else "NIET gehaald"
            rijen.append([d.omschrijving, f"{d.waarde:.2f}x", f"≤ {d.grens:g}x", oordeel, minima])
    kop = ["Doel", "Gemeten (medianen)", "Grens", "Oordeel", "Ter info: op de minima"]
    return _tabel(kop, rijen)


def tabellen(resultaten: dict[str, dict[str, Reeks]], maten: list[str]) -> str:
    peers = [p for p in PEERS if any(p in resultaten[m] for m in maten)]
    namen = [KAAL, PARSE, *OPDRACHTEN, *peers]

    def aantal(maat: str) -> int:
        return max((len(r.metingen) for r in resultaten[maat].values()), default=0)

    tijd = _tabel(
        ["Opdracht", *(f"{m}: mediaan s (min–max), n={aantal(m)}" for m in maten)],
        [[n, *(_tijd(resultaten[m].get(n)) for m in maten)] for n in namen],
    )
    geheugen = _tabel(
        ["Opdracht", *(f"{m}: piek MiB" for m in maten)],
        [[n, *(_geheugen(resultaten[m].get(n)) for m in maten)] for n in namen],
    )
    groei = ""
    if "M" in resultaten and "L" in resultaten:
        rijen = []
        for n in namen:
            waarde, reden = _verhouding(resultaten, ("L", n), ("M", n))
            rijen.append([n, f"{waarde:.1f}x" if waarde is not None else reden])
        groei = "\nGroei van M naar L (mediaan L / mediaan M):\n\n" + _tabel(
            ["Opdracht", "L/M"], rijen
        )
    return (
        "Tijd (wandklok, hele proces, seconden):\n\n"
        + tijd
        + "\nPiekgeheugen (ru_maxrss van het proces, MiB):\n\n"
        + geheugen
        + groei
        + "\nDoelen (issue 16; oordeel op de medianen):\n\n"
        + doelentabel(doelen(resultaten))
        + (
            f"\nImporteren en exporteren, tegen een controle zonder cache van hetzelfde bestand "
            f"({IMPORTRIJEN} nieuwe raadsleden in M met --droog: gelezen, toegepast en "
            "gecontroleerd, niet geschreven; L naar elk formaat, naar stdout):\n\n"
            + import_export_tabel(resultaten)
            if "M" in resultaten or "L" in resultaten
            else ""
        )
        + (
            "\nPeers: amctl `validate` zonder cache tegen andere controleurs van hetzelfde "
            "bestand (yamllint met de standaardconfiguratie; check-jsonschema met het schema "
            "van `amctl schema`), in dezelfde rondes; onder 1x is amctl sneller:\n\n"
            + peertabel(resultaten, maten)
            if peers
            else ""
        )
    )


def gegevenstabel(maten: list[str]) -> str:
    rijen = []
    for maat in maten:
        b = genereer.beschrijving(maat)
        rijen.append(
            [
                maat,
                f"{b['bytes'] / 1e6:.2f} MB",
                str(b["gemeenten"]),
                str(b["organen"]),
                str(b["personen"]),
                f"{b['gevulde_zetels']} ({b['bezettingen']} + {b['lidmaatschappen']})",
                f"`{b['vraag']['orgaan']}`, `{b['vraag']['gemeente']}`",
            ]
        )
    return _tabel(
        [
            "Maat",
            "Bestand",
            "Gemeenten",
            "Organen",
            "Personen",
            "Gevulde zetels (bezettingen + leden)",
            "Gevraagd orgaan, gemeente",
        ],
        rijen,
    )


def rapport(
    resultaten: dict[str, dict[str, Reeks]],
    maten: list[str],
    runs: int,
    min_tijd: float,
    zaad: int,
    omgeving: dict[str, str],
) -> str:
    nu = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine_regels = "".join(f"- {k}: {v}\n" for k, v in omgeving.items())
    opdrachten = "".join(
        f"    {reeks.getoond}\n" for maat in maten for reeks in resultaten[maat].values()
    )
    argumenten = f"--maten {','.join(maten)} --runs {runs} --min-tijd {min_tijd:g} --zaad {zaad}"
    peer_maten = [m for m in maten if any(p in resultaten[m] for p in PEERS)]
    if peer_maten:
        argumenten += f" --peers {','.join(peer_maten)}"
    return f"""# Benchmarks

Gemeten op {nu} met `python benchmarks/run.py {argumenten}`.
Dit bestand wordt door dat script geschreven; bewerk het niet met de hand.

## Machine

{machine_regels}
## Gegevens

S is een kopie van `data/organisatie.yaml`; M en L zijn synthetisch en geldig
(`amctl validate` geeft exit 0), gemaakt door `benchmarks/genereer.py` met zaad {zaad}: regio's
met een regiegroep, plenair overleg, secretarissenoverleg, team, raadsledenplatform en
portefeuillehoudersoverleggen met werkgroepen, plus gemeenschappelijke regelingen; personen
met bezettingen over drie raadsperioden (2018, 2022, 2026). Gevulde zetels = bezettingen onder
`personen` plus leden bij naam.

{gegevenstabel(maten)}
## Werkwijze

- Elke meting is een heel proces, zoals een gebruiker het start: wandkloktijd met
  `time.perf_counter()` rond starten en afwachten, uitvoer naar /dev/null.
- Per maat eerst één opwarmronde (bytecode, bestandscache en een eventuele cache van amctl
  voor een ongewijzigd bestand), daarna minstens {runs} rondes waarin elke opdracht om de
  beurt één keer draait, zodat schommelingen van de machine alle opdrachten gelijk treffen.
  Een snelle maat krijgt meer rondes (tot elke opdracht ongeveer {min_tijd:g} s gemeten is,
  hoogstens {MAX_RONDES}); n in de tabel. Getoond: de mediaan en het bereik (min–max). Het
  oordeel over een doel gaat op de medianen; dezelfde verhouding op de snelste runs staat er
  ter info naast (die zijn het minst verstoord door andere processen op de machine).
- Bytecode wordt bewaard in `benchmarks/uit/pycache` (`PYTHONPYCACHEPREFIX`), ook als de
  omgeving `PYTHONDONTWRITEBYTECODE` zet: anders zou elke run amctl opnieuw compileren, wat
  een gebruiker niet ziet.
- Piekgeheugen is `ru_maxrss` van precies dat proces, uit `os.wait4()`: hetzelfde getal dat
  `/usr/bin/time -f %M` geeft, zonder extra proces in de gemeten tijd.
- De twee vloeren draaien in dezelfde rondes. `kaal framework` is een kale Typer-app met één
  opdracht (`benchmarks/kale_app.py`). `parse-vloer` is
  `yaml.load(open(F), Loader=yaml.CSafeLoader)` (`benchmarks/parse_vloer.py`); libyaml
  levert daarin alleen de events, de knopen en objecten bouwt PyYAML in Python, dus deze
  vloer is ruim.
- `validate` is een tweede controle van een ongewijzigd bestand: het oordeel komt uit de cache
  van amctl, zoals bij een gebruiker die opnieuw controleert. `{KOUD}` draait met
  `AMCTL_CACHE=uit`: elke byte gelezen en elke regel uitgevoerd, zoals CI op een nieuwe commit;
  die telt tegen de parse-vloer en tegen de peers. De vragen lezen het model van een ongewijzigd
  bestand uit de cache (gevuld in de opwarmronde). `tree ORGAAN` toont alleen het gevraagde
  orgaan en wat eronder valt, `tree` de hele structuur.
- Met `--peers` draaien yamllint en check-jsonschema in dezelfde rondes; {_peerrondes()},
  zonder opwarmronde (een peer houdt geen cache bij en is daar tien keer zo traag of meer).
- Piekgeheugen: het voorbereiden (bestanden maken, het importblad) gebeurt in een eigen proces,
  want een kindproces telt de omvang van zijn ouder bij het starten mee.
- Een opdracht die `amctl --help` nog niet noemt, staat als "{NOG_NIET}" in de tabellen.
- De machine kan gedeeld zijn: de belasting (load average) bij begin en einde staat hierboven.
  Alleen de verhoudingen binnen dezelfde rondes zijn vergelijkbaar, niet de absolute tijden.

## Resultaten

{tabellen(resultaten, maten)}
## Opnieuw meten

    python -m venv .venv && .venv/bin/pip install -e '.[dev,bench]'
    .venv/bin/python benchmarks/genereer.py --zaad {zaad}        # optioneel: run.py doet dit zelf
    .venv/bin/python benchmarks/run.py {argumenten}

De gemeten opdrachten (vanuit de hoofdmap van de repository):

{opdrachten}
Rooktest voor CI (alleen S, één run, geen tijdseisen, exit 0 tenzij een opdracht faalt):

    python benchmarks/run.py --rooktest
"""


MET_DE_HAND = "<!-- met de hand: dit deel blijft staan als het script het rapport schrijft -->"


def met_de_hand(pad: Path) -> str:
    """What follows MET_DE_HAND in the old report (measurements made apart, with their own
    method), kept when the script writes the report again."""
    try:
        oud = pad.read_text(encoding="utf-8")
    except OSError:
        return ""
    return "\n" + oud[oud.index(MET_DE_HAND) :] if MET_DE_HAND in oud else ""


def _peerrondes() -> str:
    return ", ".join(f"op {m} alleen in de eerste {n} rondes" for m, n in PEER_RONDES.items())


def _belasting() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "onbekend"


# --- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maten", type=genereer.maten_lijst, default=["S", "M", "L"])
    parser.add_argument("--runs", type=int, default=5, help="gemeten runs per opdracht (≥ 1)")
    parser.add_argument("--zaad", type=int, default=1, help="zaad voor de gegevens")
    parser.add_argument(
        "--rooktest", action="store_true", help="alleen S, één run, geen opwarmen, geen rapport"
    )
    parser.add_argument(
        "--min-tijd",
        type=float,
        default=5.0,
        help="snelle maten krijgen meer runs (tot 30), tot elke opdracht zo veel seconden "
        "gemeten is; standaard 5",
    )
    parser.add_argument("--rapport", type=Path, default=RAPPORT, help="waar het rapport komt")
    parser.add_argument(
        "--peers",
        nargs="?",
        const=["S", "M", "L"],
        default=None,
        type=genereer.maten_lijst,
        metavar="MATEN",
        help="meet ook yamllint en check-jsonschema, in dezelfde rondes, op deze maten "
        "(standaard alle gemeten maten; pip install -e '.[bench]')",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs moet minstens 1 zijn")
    maten: list[str] = ["S"] if args.rooktest else args.maten
    runs = 1 if args.rooktest else args.runs

    amctl = zoek_amctl()
    python = interpreter_van(amctl)
    beschikbaar = beschikbare_opdrachten(amctl)
    if args.rooktest:  # the smoke test stays a few seconds: the slow ones need M and L anyway
        beschikbaar -= {IMPORT, OVERZICHT}
    for naam in OPDRACHTEN:
        if naam not in beschikbaar:
            print(f"amctl {naam}: {NOG_NIET}", file=sys.stderr)

    peer_maten = set(args.peers or []) if not args.rooktest else set()
    if peer_maten:
        ontbreekt = [naam for naam in PEERS if peer_programma(naam) is None]
        if ontbreekt:
            parser.error(
                f"--peers: {', '.join(ontbreekt)} niet gevonden; installeer met "
                "pip install -e '.[bench]'"
            )
        schema_voor_peers(amctl)
    belasting_begin = _belasting()
    resultaten: dict[str, dict[str, Reeks]] = {}
    for maat in maten:
        if not genereer.actueel(maat, args.zaad):
            print(f"genereer {maat} (zaad {args.zaad}) ...", file=sys.stderr)
            apart(f"import genereer; genereer.genereer({maat!r}, {args.zaad})")
        if IMPORT in beschikbaar:
            apart(f"import run; run.maak_importblad({maat!r})")
        resultaten[maat] = meet_maat(
            maat,
            amctl,
            python,
            beschikbaar,
            runs,
            not args.rooktest,
            args.min_tijd,
            maat in peer_maten,
        )

    print()
    print(tabellen(resultaten, maten))
    mislukt = [
        f"{maat} {reeks.naam}: {reeks.fout}"
        for maat, per_naam in resultaten.items()
        for reeks in per_naam.values()
        if reeks.fout is not None
    ]
    if not args.rooktest:
        omgeving = machine(python)
        omgeving["Belasting (load average, 1 min)"] = (
            f"{belasting_begin} bij het begin, {_belasting()} aan het eind"
        )
        tekst = rapport(resultaten, maten, runs, args.min_tijd, args.zaad, omgeving)
        args.rapport.write_text(tekst + met_de_hand(args.rapport), encoding="utf-8")
        print(f"Rapport geschreven: {args.rapport}")
    if mislukt:
        print("Mislukte opdrachten:\n" + "\n".join(mislukt), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
