"""The versions of a data file that amctl keeps as it rewrites it, for `amctl ongedaan`.

Every time amctl replaces the data file (amctl.schrijven.vervang_gegevens: every edit, every
import), it first keeps what the file held, with the command that wrote and when, and the
hash of what it wrote. `amctl ongedaan` (amctl.bewerken.terugzetten) puts the newest kept
version back when the file still holds exactly what amctl wrote, and forgets it, so that the
next `ongedaan` goes one write further back.

Where: a folder `ongedaan` in the cache folder (amctl.cache.cachemap), one subfolder per data
file (named after a hash of its real path), two files per write: `<number>.versie`, the old
bytes, and then `<number>.kop`, a JSON line with the command, the time and the hashes of the
old and the new bytes (an entry without its header does not count). Private to the user, with
the cache's own safe-folder functions (amctl.cache.open_map, lees_item, schrijf_item): the
folders are opened without following a link and used only when they are the user's and
closed to everyone else (0700); entries are written 0600 and read without following a link;
anything else is not used. Bounded: per data file the newest ZEKER entries are always
kept and at most MAX_VERSIES, those beyond ZEKER only while all together stay under MAX_TOTAAL
bytes; at most MAX_BESTANDEN data files, the one written longest ago goes first.

Nothing here is ever read to answer a question: queries read the data file (and the cache,
keyed on its bytes); a kept version only comes back through `ongedaan`, as the data file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

MAX_VERSIES = 20  # entries per data file at most
ZEKER = 10  # the newest entries, kept whatever their size
MAX_TOTAAL = 256 * 1024 * 1024  # bytes per data file, for the entries beyond ZEKER
MAX_BESTANDEN = 50  # data files with entries
MAP = "ongedaan"
_KOP = re.compile(r"(\d{10})\.kop\Z")
_MAX_KOP = 64 * 1024

# The command line being run, set by the command frame (amctl.kader) for the entry's header;
# amctl as a library leaves it None and the entry names sys.argv.
opdrachtregel: list[str] | None = None


class Versie(NamedTuple):
    """A kept version: its number, and what its header says."""

    nummer: int
    opdracht: str  # the command that wrote after this version
    tijd: str  # when, local time, JJJJ-MM-DD UU:MM:SS
    voor: str  # sha256 of the kept bytes (the file before that write)
    na: str  # sha256 of the bytes that write left
    grootte: int  # bytes kept

    @property
    def naam(self) -> str:
        return f"{self.nummer:010d}"


class Beschadigd(Exception):
    """A kept version whose bytes are gone or do not match its header."""


def hash_van(inhoud: bytes) -> str:
    import hashlib

    return hashlib.sha256(inhoud).hexdigest()


def _mapnaam(gegevens: Path) -> str:
    return hash_van(os.path.realpath(gegevens).encode("utf-8", "surrogateescape"))[:32]


def _prive(descriptor: int | None) -> int | None:
    """The folder only when nobody but the user can even read it (0700)."""
    if descriptor is None:
        return None
    if os.fstat(descriptor).st_mode & 0o077:
        os.close(descriptor)
        return None
    return descriptor


@contextlib.contextmanager
def _map(gegevens: Path | None, maak: bool) -> Iterator[int | None]:
    """The folder of the versions of one data file (or, without one, the folder of all of
    them) as a trusted descriptor, or None: no cache folder, or not private. The folder above
    is made first and must be private too (os.makedirs gives 0700 only to the last folder)."""
    from amctl.cache import cachemap, open_map

    wortel = cachemap()
    descriptor = None
    if wortel is not None and gegevens is None:
        descriptor = _prive(open_map(wortel / MAP, maak=maak))
    elif wortel is not None:
        with _map(None, maak) as boven:
            if boven is not None:
                descriptor = _prive(open_map(wortel / MAP / _mapnaam(gegevens), maak=maak))
    try:
        yield descriptor
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _lees(map_fd: int, naam: str, grens: int) -> bytes | None:
    from amctl.cache import lees_item

    return lees_item(map_fd, naam, grens)


def _kop(map_fd: int, nummer: int) -> Versie | None:
    import json

    ruw = _lees(map_fd, f"{nummer:010d}.kop", _MAX_KOP)
    try:
        kop = json.loads(ruw) if ruw is not None else None
        return Versie(
            nummer,
            str(kop["opdracht"]),
            str(kop["tijd"]),
            str(kop["voor"]),
            str(kop["na"]),
            int(kop["grootte"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _versies(map_fd: int) -> list[Versie]:
    gevonden = []
    with contextlib.suppress(OSError):
        for naam in os.listdir(map_fd):
            if (treffer := _KOP.match(naam)) and (versie := _kop(map_fd, int(treffer[1]))):
                gevonden.append(versie)
    return sorted(gevonden, key=lambda v: v.nummer)


def versies(gegevens: Path) -> list[Versie]:
    """The kept versions of a data file, oldest first (entries that cannot be read left out)."""
    with _map(gegevens, maak=False) as map_fd:
        return [] if map_fd is None else _versies(map_fd)


def oude_inhoud(gegevens: Path, versie: Versie) -> bytes:
    """The bytes a version kept; Beschadigd when they are not what its header says."""
    with _map(gegevens, maak=False) as map_fd:
        inhoud = None if map_fd is None else _lees(map_fd, f"{versie.naam}.versie", versie.grootte)
    if inhoud is None or hash_van(inhoud) != versie.voor:
        raise Beschadigd(versie.naam)
    return inhoud


def _opdracht() -> str:
    import shlex
    import sys

    delen = opdrachtregel if opdrachtregel is not None else sys.argv[1:]
    return shlex.join(["amctl", *delen])


def bewaar(gegevens: Path, oud: bytes, nieuw: bytes) -> Versie | None:
    """Keep `oud`, what the data file holds before amctl writes `nieuw` over it; the version,
    or None when there is no private place for it (the write goes on: the cache folder decides
    where versions can live, and `ongedaan` then says there is nothing to undo)."""
    import json
    from datetime import datetime

    from amctl.cache import schrijf_item

    with _map(gegevens, maak=True) as map_fd:
        if map_fd is None:
            return None
        bestaand = _versies(map_fd)
        versie = Versie(
            bestaand[-1].nummer + 1 if bestaand else 1,
            _opdracht(),
            datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            hash_van(oud),
            hash_van(nieuw),
            len(oud),
        )
        kop = {k: getattr(versie, k) for k in ("opdracht", "tijd", "voor", "na", "grootte")}
        try:
            schrijf_item(map_fd, f"{versie.naam}.versie", oud)
            schrijf_item(map_fd, f"{versie.naam}.kop", json.dumps(kop).encode() + b"\n")
        except OSError:
            _weg(map_fd, versie.naam)
            return None
        _ruim_op(map_fd, [*bestaand, versie])
    _ruim_bestanden_op()
    return versie


def vergeet(gegevens: Path, versie: Versie | None) -> None:
    """The version is not one after all (the write did not happen), or it came back."""
    if versie is None:
        return
    with _map(gegevens, maak=False) as map_fd:
        if map_fd is not None:
            _weg(map_fd, versie.naam)


def _weg(map_fd: int, naam: str) -> None:
    from amctl.cache import verwijder_item

    verwijder_item(map_fd, f"{naam}.kop")  # first: without its header an entry does not count
    verwijder_item(map_fd, f"{naam}.versie")


def _ruim_op(map_fd: int, versies_: list[Versie]) -> None:
    """The entries of one data file (oldest first) within their bounds."""
    totaal = 0
    for plek, versie in enumerate(reversed(versies_)):
        totaal += versie.grootte
        if plek >= MAX_VERSIES or (plek >= ZEKER and totaal > MAX_TOTAAL):
            _weg(map_fd, versie.naam)


def _ruim_bestanden_op() -> None:
    """At most MAX_BESTANDEN data files with versions: the one written longest ago goes."""
    from amctl.cache import verwijder_item

    with _map(None, maak=False) as alle:
        if alle is None:
            return
        mappen = []
        with contextlib.suppress(OSError):
            for item in os.scandir(alle):
                info = item.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    mappen.append((info.st_mtime_ns, item.name))
        for _, naam in sorted(mappen, reverse=True)[MAX_BESTANDEN:]:
            with contextlib.suppress(OSError):
                eigen = os.open(naam, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=alle)
                try:
                    for bestand in os.listdir(eigen):
                        verwijder_item(eigen, bestand)
                finally:
                    os.close(eigen)
                os.rmdir(naam, dir_fd=alle)
