"""Edits of the data file: appoint, end a term, add or end a named membership or a portefeuille,
set a status, record a meeting.

An edit keeps everything it does not touch byte for byte: comments, key order, blank lines,
quoting. ruamel.yaml's round-trip mode cannot promise that for this file: at every line
width we measured (80 to 4096) a load and dump without any change already rewrites
data/organisatie.yaml, because it reflows multi-line plain scalars (the Regiegroep's `taken`;
at width 80, 70 lines). The edits
are therefore made in the text itself, at the positions amctl.laden records for every key,
value and list item; new lines copy the indentation and the flow or block style of their
neighbours.

The package, from the ground up: `yamltekst` (a value as YAML text, the text as lines),
`bewerker` (the Bewerker: one text edit at a time), `stappen` (what the edit steps share),
`bezetting`, `portefeuille` and `orgaan` (the edit steps: what each edit means), and here the file.

Two checks stand between an edit and the file:

1. after every step the edited text must load to exactly the data the step meant, key order
   included; otherwise amctl has a bug and nothing is written (`BewerkingMislukt`);
2. the result must pass every check of `amctl validate` (`OngeldigeBewerking`).

Each text is parsed once (`bewerker.onthouden`): the old text for the check before and for
the positions the steps edit, the new text for the check of the steps (`in_een_keer` checks
the steps of one edit as one) and for the check after.

`bewerk_bestand` takes an exclusive lock on the file, reads it only then, and writes the
result atomically (amctl.schrijven), so two edits at the same time never lose one another.
Every `--datum` is the day the new situation begins: a term that ends "per 2026-04-01" gets
`tot-en-met: 2026-03-31`, as docs/formaat.md prescribes.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from amctl.bestand import onbereikbaar, via_descriptor
from amctl.bestand import soort as soort_van
from amctl.bewerken.bewerker import Bewerker, BewerkingMislukt, laad, onthouden
from amctl.bewerken.bezetting import _in_regel, benoem, lid_eraf, lid_erbij, ontsla
from amctl.bewerken.orgaan import (
    vergadering_eraf,
    vergadering_erbij,
    vergadering_wijzig,
    zet_status,
)
from amctl.bewerken.portefeuille import portefeuille_eraf, portefeuille_erbij
from amctl.bewerken.stappen import (
    DAG,
    Uitkomst,
    _gemeente,
    _lijstpad,
    _zorg_voor_sectie,
    persoon_id,
)
from amctl.bewerken.voorzitter import voorzitter_beurt
from amctl.bewerken.yamltekst import skalaar
from amctl.controle import OngeldigeData, Uitslag, bewaar, controleer_geladen
from amctl.grenzen import MAX_BYTES
from amctl.laden import decodeer, lees_bytes, te_groot
from amctl.model import Organisatie
from amctl.probleem import GebruiksFout, LaadFout, Probleem
from amctl.schrijven import controleer_bewerkbaar, lees_descriptor, toon_pad, vervang_gegevens
from amctl.tekst import oorzaak

# The names the commands, amctl.importeren and the tests use. The CLI looks an edit up here
# by name at the moment it runs (`getattr(amctl.bewerken, "ontsla")`), and the lock reads
# WACHTTIJD here, so that a test can change either on this module.
__all__ = [
    "DAG",
    "WACHTTIJD",
    "Bewerker",
    "Bewerking",
    "BewerkingMislukt",
    "Bezet",
    "OngeldigeBewerking",
    "Resultaat",
    "Slot",
    "Uitkomst",
    "_gemeente",
    "_in_regel",
    "_lijstpad",
    "_zorg_voor_sectie",
    "benoem",
    "bewerk_bestand",
    "lid_eraf",
    "lid_erbij",
    "ontsla",
    "persoon_id",
    "portefeuille_eraf",
    "portefeuille_erbij",
    "skalaar",
    "unified_diff",
    "vergadering_eraf",
    "vergadering_erbij",
    "vergadering_wijzig",
    "vergrendeld",
    "voorzitter_beurt",
    "zet_status",
]


WACHTTIJD = 10.0  # seconds an edit waits while another one holds the file
_BOM = b"\xef\xbb\xbf"


class OngeldigeBewerking(Exception):
    """The edited text would not pass `amctl validate`; nothing is written."""

    def __init__(self, uitslag: Uitslag, diff: str) -> None:
        super().__init__(uitslag.bestand)
        self.uitslag = uitslag
        self.diff = diff


class Bezet(GebruiksFout):
    """Another edit held the file longer than we wait (exit status 2)."""


# --- the file: lock, check, write ---------------------------------------------------------

Bewerking = Callable[[str, Organisatie, str], Uitkomst]


class Resultaat(NamedTuple):
    pad: Path
    oud: str
    nieuw: str
    meldingen: list[str]
    waarschuwingen: list[Probleem]  # warnings the edit brings that were not there before
    geschreven: bool

    @property
    def gewijzigd(self) -> bool:
        return self.oud != self.nieuw

    def diff(self) -> str:
        return unified_diff(self.oud, self.nieuw, str(self.pad))


def _regels(tekst: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+\Z", tekst)


def unified_diff(oud: str, nieuw: str, naam: str) -> str:
    """The change as `diff -u` (and `git diff`) shows it: only \\n ends a line."""
    regels = difflib.unified_diff(_regels(oud), _regels(nieuw), naam, naam)
    return "".join(
        r if r.endswith("\n") else r + "\n\\ Geen regeleinde aan het eind\n" for r in regels
    )


class Slot(NamedTuple):
    """The locked data file: the open descriptor and what it was when the lock was taken."""

    descriptor: int
    toestand: os.stat_result


@contextmanager
def vergrendeld(pad: Path, wachttijd: float | None = None) -> Iterator[Slot]:
    """An exclusive lock on the file itself, both kinds that programs use: flock (as amctl,
    `flock(1)`) and a POSIX record lock (fcntl/lockf, as editors and sqlite). Waits at most
    `wachttijd` seconds (default WACHTTIJD), then Bezet.

    The file is replaced (not rewritten) by every edit, so after the lock is taken we check
    that the path still names the file we locked; if another edit replaced it meanwhile, we
    lock the new one. No lock file is left next to the data."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock (Windows): edits are not guarded
        descriptor = os.open(pad, os.O_RDONLY)
        try:
            yield Slot(descriptor, os.fstat(descriptor))
        finally:
            os.close(descriptor)
        return
    wachttijd = WACHTTIJD if wachttijd is None else wachttijd
    einde = time.monotonic() + wachttijd
    while True:
        try:
            descriptor = os.open(pad, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY)
        except OSError as fout:
            raise GebruiksFout(
                f"Kan '{toon_pad(pad)}' niet openen om te bewerken: {oorzaak(fout)}."
            ) from None
        try:
            for soort in (fcntl.flock, fcntl.lockf):
                while True:
                    try:
                        soort(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except OSError as fout:
                        if fout.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                            raise
                        if time.monotonic() >= einde:
                            raise Bezet(
                                f"'{toon_pad(pad)}' wordt door een ander programma bewerkt; na "
                                f"{wachttijd:g} seconden wachten is deze wijziging niet "
                                "doorgevoerd. Probeer het opnieuw."
                            ) from None
                        time.sleep(0.02)
            vergrendeld_bestand = os.fstat(descriptor)
            try:
                nu = os.stat(pad)
            except FileNotFoundError:
                raise GebruiksFout(
                    f"'{toon_pad(pad)}' is verdwenen terwijl amctl erop wachtte."
                ) from None
            if (nu.st_dev, nu.st_ino) == (vergrendeld_bestand.st_dev, vergrendeld_bestand.st_ino):
                yield Slot(descriptor, vergrendeld_bestand)
                return
        finally:
            os.close(descriptor)


def _lees_gegevens(pad: Path, naam: str, slot: Slot | None) -> bytes:
    """The bytes of the data file, within the loader's limit; under the lock from its
    descriptor (opening the path again and closing it would drop the POSIX lock)."""
    try:
        if slot is None:
            return lees_bytes(pad)
        if slot.toestand.st_size > MAX_BYTES:
            raise te_groot(naam, slot.toestand.st_size)
        ruw = lees_descriptor(slot.descriptor, MAX_BYTES + 1)
        if len(ruw) > MAX_BYTES:
            raise te_groot(naam, 0)
        return ruw
    except LaadFout as fout:
        raise OngeldigeData(Uitslag(naam, None, [fout.probleem])) from None
    except OSError as fout:
        raise GebruiksFout(f"Kan '{toon_pad(pad)}' niet lezen: {oorzaak(fout)}.") from None


def _open_descriptor(pad: Path) -> str:
    """/dev/stdin, /dev/fd/N or /proc/self/fd/N: the file behind it, by its own name."""
    echt = os.path.realpath(pad)
    if os.path.isfile(echt):
        return (
            f"'{toon_pad(pad)}' is een open descriptor van een proces, geen naam van een "
            "bestand; amctl kan het niet vergrendelen en vervangen. Geef het bestand zelf: "
            f"-f '{toon_pad(echt)}'. Er is niets gewijzigd."
        )
    try:
        wat = soort_van(os.stat(pad))
    except OSError:
        wat = "iets wat niet meer bestaat"
    return (
        f"'{toon_pad(pad)}' is een open descriptor van een proces: {wat}, geen gewoon "
        "bestand; amctl bewerkt alleen een gewoon bestand, dat het kan vergrendelen en "
        "vervangen. Er is niets gewijzigd."
    )


def bewerk_bestand(
    pad: Path, bewerking: Bewerking, *, droog: bool = False, wachttijd: float | None = None
) -> Resultaat:
    """Apply an edit to the file under a lock: read, check, edit, check, write atomically.

    The file must be valid before (else OngeldigeData) and after (else OngeldigeBewerking);
    with `droog` nothing is written and no lock is waited for (a replace is atomic, so the
    file read is always one whole version). amctl.schrijven refuses a file it cannot replace
    without harm (read-only, hard links, not a regular file) or that changed meanwhile."""
    if via_descriptor(pad):
        raise GebruiksFout(_open_descriptor(pad))
    echt = Path(os.path.realpath(pad))  # write through a symbolic link, not over it
    naam = str(pad)
    try:
        toestand = os.stat(echt)
    except OSError as fout:
        raise GebruiksFout(onbereikbaar(pad, fout)) from None
    if droog:
        if not stat.S_ISREG(toestand.st_mode):
            controleer_bewerkbaar(pad, toestand)
        return _bewerk(echt, naam, pad, bewerking, None, droog=True)
    controleer_bewerkbaar(pad, toestand)
    with vergrendeld(echt, wachttijd) as slot:
        return _bewerk(echt, naam, pad, bewerking, slot, droog=False)


def _bewerk(
    echt: Path, naam: str, pad: Path, bewerking: Bewerking, slot: Slot | None, *, droog: bool
) -> Resultaat:
    ruw = _lees_gegevens(echt, naam, slot)
    with onthouden():  # each text is parsed once: for the checks and for the Bewerker
        try:
            oud = decodeer(ruw, naam)
            voor = controleer_geladen(laad(oud, naam), oud)
        except LaadFout as fout:
            raise OngeldigeData(Uitslag(naam, None, [fout.probleem])) from None
        if voor.fouten or voor.organisatie is None:
            raise OngeldigeData(voor)
        from amctl.cache import zonder_gc

        with zonder_gc():  # the edit loads the text again after each step; see zonder_gc
            uitkomst = bewerking(oud, voor.organisatie, naam)
        if uitkomst.tekst == oud:
            return Resultaat(pad, oud, oud, uitkomst.meldingen, [], False)
        try:  # the tree of the last step, already loaded
            na = controleer_geladen(laad(uitkomst.tekst, naam), uitkomst.tekst)
        except LaadFout as fout:
            na = Uitslag(naam, None, [fout.probleem])
    if na.fouten:
        raise OngeldigeBewerking(na, unified_diff(oud, uitkomst.tekst, naam))
    bekend = {(p.code, p.melding) for p in voor.waarschuwingen}
    nieuw_gewaarschuwd = [p for p in na.waarschuwingen if (p.code, p.melding) not in bekend]
    if slot is not None:
        bom = _BOM if ruw.startswith(_BOM) else b""
        nieuw = bom + uitkomst.tekst.encode("utf-8")
        vervang_gegevens(echt, slot.descriptor, slot.toestand, ruw, nieuw)
        # The verdict and the model of the new bytes, already computed: the next question
        # about the file starts from them instead of parsing it again.
        bewaar(naam, nieuw, na)
    return Resultaat(pad, oud, uitkomst.tekst, uitkomst.meldingen, nieuw_gewaarschuwd, not droog)
