"""The two versions that `amctl verschil` compares: a file, or the data file at a git revision.

A version is a file, or a git revision of the data file (`HEAD~1`, `main`, a commit): then
the file at that revision, read with `git show REV:PAD`, PAD relative to the repository root
(`REV:ANDER/PAD` names another path). An existing file wins over a revision of the same name.
git's English errors become one Dutch sentence; the loader's size limit holds here too.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import NamedTuple

from amctl.controle import OngeldigeData, Uitslag, controleer_tekst
from amctl.grenzen import MAX_BYTES
from amctl.laden import decodeer, lees_bytes, te_groot
from amctl.model import Organisatie
from amctl.probleem import GebruiksFout, LaadFout
from amctl.tekst import oorzaak, zichtbaar


class Versie(NamedTuple):
    label: str  # a path, or REV:PAD; problems are reported under it
    tekst: str


# Variables that point git at another repository or work tree: the revision asked for is
# one of the data file, so git looks in the repository that holds that file.
_GIT_OMGEVING = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


def _git(argumenten: list[str], map_: Path) -> subprocess.CompletedProcess:
    omgeving = {k: v for k, v in os.environ.items() if k not in _GIT_OMGEVING}
    try:
        return subprocess.run(
            ["git", *argumenten],
            cwd=map_,
            env=omgeving,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise GebruiksFout(
            "git is niet gevonden; geef twee bestanden in plaats van revisies."
        ) from None
    except subprocess.TimeoutExpired:
        raise GebruiksFout(
            "git gaf binnen 60 seconden geen antwoord; probeer het opnieuw."
        ) from None
    except OSError as fout:
        raise GebruiksFout(
            f"git kon niet starten in '{zichtbaar(str(map_), True)}': {oorzaak(fout)}."
        ) from None


def _git_fout_in_woorden(pad: str, revisie: str, melding: bytes, waar: str = "") -> str:
    """git's English reason for not showing a file, as one Dutch sentence; `waar` names the
    repository when the user named the path (REV:PAD), as it need not be the one they are in."""
    if b"exists on disk, but not in" in melding:
        return (
            f"'{pad}' bestaat niet in revisie '{revisie}'{waar}: het staat wel op schijf, maar is "
            "daar nog niet vastgelegd (gecommit); kies een latere revisie of vergelijk twee "
            "bestanden."
        )
    return (
        f"'{pad}' bestaat niet in revisie '{revisie}'{waar}; kies een revisie waarin het bestand "
        "al bestond, of vergelijk twee bestanden."
    )


def _repository(map_: Path) -> str:
    """' van de git-repository in PAD': where a revision was looked up."""
    wortel = _git(["rev-parse", "--show-toplevel"], map_)
    if wortel.returncode != 0:
        return ""
    map_tekst = zichtbaar(os.fsdecode(wortel.stdout.rstrip(b"\n")), True)
    return f" van de git-repository in '{map_tekst}'"


def lees_versie(spec: str, datapad: Path) -> Versie:
    """A file when `spec` names one; else the data file at git revision `spec`, read from
    the repository that holds the data file (whatever GIT_DIR says), within the loader's
    size limit."""
    if Path(spec).is_file():
        return Versie(spec, _tekst(_lees(Path(spec)), spec))
    if spec.startswith("-") or not spec.strip():
        raise GebruiksFout(f"'{spec}' is geen bestand en geen git-revisie.")
    echt = Path(os.path.realpath(datapad))
    map_ = echt.parent
    voorvoegsel = _git(["rev-parse", "--show-prefix"], map_)
    if voorvoegsel.returncode != 0:
        raise GebruiksFout(
            f"'{spec}' is geen bestand, en '{datapad}' staat niet in een git-repository; "
            "geef een bestand of werk in een repository."
        )
    revisie, _, ander_pad = spec.partition(":")
    # './NAAM' is relative to the folder git runs in: no path is decoded and re-encoded.
    object_ = f"{revisie}:{ander_pad}" if ander_pad else f"{revisie}:./{echt.name}"
    pad = ander_pad or os.fsdecode(voorvoegsel.stdout.rstrip(b"\n")) + echt.name
    if _git(["rev-parse", "--verify", "--quiet", f"{revisie}^{{commit}}"], map_).returncode:
        raise GebruiksFout(
            f"'{revisie}' is geen bestand en geen bekende git-revisie (bijv. HEAD~1, main of "
            "een commit-hash)."
        )
    label = f"{revisie}:{pad}"
    grootte = _git(["cat-file", "-s", object_], map_)
    if grootte.returncode != 0:
        waar = _repository(map_) if ander_pad else ""
        raise GebruiksFout(_git_fout_in_woorden(pad, revisie, grootte.stderr, waar))
    if int(grootte.stdout.strip() or 0) > MAX_BYTES:
        fout = te_groot(label, int(grootte.stdout.strip()))
        raise OngeldigeData(Uitslag(label, None, [fout.probleem]))
    getoond = _git(["cat-file", "blob", object_], map_)
    if getoond.returncode != 0:
        waar = _repository(map_) if ander_pad else ""
        raise GebruiksFout(_git_fout_in_woorden(pad, revisie, getoond.stderr, waar))
    return Versie(label, _tekst(getoond.stdout, label))


def lees_werkkopie(datapad: Path) -> Versie:
    return Versie(str(datapad), _tekst(_lees(datapad), str(datapad)))


def _lees(pad: Path) -> bytes:
    """Read with the loader's limits (AM010 before reading a file that is too large)."""
    try:
        return lees_bytes(pad)
    except LaadFout as fout:
        raise OngeldigeData(Uitslag(str(pad), None, [fout.probleem])) from None
    except OSError as fout:
        raise GebruiksFout(f"Kan '{pad}' niet lezen: {oorzaak(fout)}.") from None


def _tekst(ruw: bytes, bestand: str) -> str:
    try:
        return decodeer(ruw, bestand)
    except LaadFout as fout:
        raise OngeldigeData(Uitslag(bestand, None, [fout.probleem])) from None


def model(versie: Versie) -> Organisatie:
    """The model of a version without errors; else OngeldigeData."""
    uitslag = controleer_tekst(versie.tekst, versie.label)
    if uitslag.fouten or uitslag.organisatie is None:
        raise OngeldigeData(uitslag)
    return uitslag.organisatie
