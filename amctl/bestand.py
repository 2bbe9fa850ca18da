"""The one place that decides which data file a command reads."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from amctl.probleem import GebruiksFout

OMGEVINGSVARIABELE = "AMCTL_BESTAND"
STANDAARD = Path("data") / "organisatie.yaml"


def meegeleverd() -> Path:
    """The copy of data/organisatie.yaml bundled in the package (in a checkout: the original)."""
    pakket = Path(__file__).resolve().parent
    gebundeld = pakket / "data" / "organisatie.yaml"
    return gebundeld if gebundeld.is_file() else pakket.parent / STANDAARD


def kies_bestand(gekozen: Path | None = None, *, om_te_wijzigen: bool = False) -> Path:
    """--bestand, else $AMCTL_BESTAND, else ./data/organisatie.yaml, else the bundled copy.

    An edit never falls back on the bundled copy: whoever edits outside a project folder
    without naming a file would otherwise change the copy inside the installed package."""
    if gekozen is None and os.environ.get(OMGEVINGSVARIABELE):
        gekozen = Path(os.environ[OMGEVINGSVARIABELE])
    if gekozen is None and STANDAARD.is_file():
        gekozen = STANDAARD
    if gekozen is None:
        if om_te_wijzigen:
            raise GebruiksFout(
                f"Geen organisatiebestand gevonden om te wijzigen (alleen de meegeleverde kopie "
                f"in '{meegeleverd().parent}'); kies het bestand met --bestand/-f of "
                f"${OMGEVINGSVARIABELE}, of werk in de projectmap met {STANDAARD.as_posix()}."
            )
        gekozen = meegeleverd()
    controleer_leesbaar(gekozen)
    return gekozen


def controleer_leesbaar(pad: Path) -> None:
    """Refuse, in one Dutch sentence, a path that names nothing to read: missing, a broken
    link, a loop of links, a folder, or unreadable. A pipe or device is read (amctl.laden
    bounds both)."""
    getoond = _getoond(pad)
    try:
        toestand = os.stat(pad)
    except OSError as fout:
        raise GebruiksFout(onbereikbaar(pad, fout)) from None
    if stat.S_ISDIR(toestand.st_mode):
        raise GebruiksFout(f"'{getoond}' is een map; geef het pad van een YAML-bestand.")
    if not os.access(pad, os.R_OK):
        raise GebruiksFout(f"Het bestand '{getoond}' is niet leesbaar; controleer de rechten.")


def _getoond(pad: Path | str) -> str:
    from amctl.tekst import zichtbaar

    return zichtbaar(str(pad), eenregelig=True)


def onbereikbaar(pad: Path | str, fout: OSError) -> str:
    """Why `pad` cannot be reached (os.stat failed with `fout`), naming what it is: a missing
    file, a link to nothing, a loop of links, a folder without access."""
    from amctl.tekst import oorzaak

    getoond = _getoond(pad)
    if fout.errno == errno.ELOOP:
        return (
            f"'{getoond}' is een kring van symbolische links (of een keten van meer dan 40): "
            "het wijst nergens naar een bestand; controleer de links (ls -l)."
        )
    if fout.errno == errno.ENOENT:
        try:
            doel = os.readlink(pad)
        except OSError:
            return f"Het bestand '{getoond}' bestaat niet; controleer het pad."
        return (
            f"'{getoond}' is een symbolische link naar '{_getoond(doel)}', en dat bestaat "
            "niet; herstel de link of geef het pad van het bestand zelf."
        )
    return f"Kan '{getoond}' niet bereiken: {oorzaak(fout)}."


def soort(toestand: os.stat_result) -> str:
    """What a path is, in Dutch words ("een pipe (FIFO)", "een apparaat", ...)."""
    modus = toestand.st_mode
    for test, woorden in (
        (stat.S_ISREG, "een gewoon bestand"),
        (stat.S_ISDIR, "een map"),
        (stat.S_ISFIFO, "een pipe (FIFO)"),
        (stat.S_ISCHR, "een apparaat (zoals /dev/zero of een terminal)"),
        (stat.S_ISBLK, "een blokapparaat (een schijf)"),
        (stat.S_ISSOCK, "een socket"),
    ):
        if test(modus):
            return woorden
    return "geen gewoon bestand"


def via_descriptor(pad: Path | str) -> bool:
    """Whether `pad` reaches its file through a link of /proc (/dev/stdin, /dev/fd/N,
    /proc/self/fd/N): an open descriptor of some process, not a name of the file, so not a
    file an edit can lock and replace by name."""
    try:
        proc = os.stat("/proc").st_dev
    except OSError:
        return False
    deel = os.path.abspath(pad)
    for _ in range(40):
        stukken = deel.split(os.sep)
        for i in range(2, len(stukken) + 1):
            kop = os.sep.join(stukken[:i])
            try:
                toestand = os.lstat(kop)
            except OSError:
                return False
            if stat.S_ISLNK(toestand.st_mode):
                if toestand.st_dev == proc:
                    return True
                doel = os.path.join(os.path.dirname(kop), os.readlink(kop), *stukken[i:])
                deel = os.path.normpath(doel)
                break
        else:
            return False
    return False
