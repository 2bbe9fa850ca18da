"""Every file a check reads besides the data file, read here and recorded as it is read, so
that a verdict kept in the cache (amctl.cache) names what it depends on by construction: the
cache keeps the record with the verdict and reads each file again before trusting it.

Today that is the local copy of a source (rule AM351: `bronnen: x: bestand: bron/x.txt`, next
to the data file). A new rule that reads a file reads it with `lees_kopie` (or a function
beside it that records the same way), never with `open`: `tests/test_cache.py` edits such a
file under an unchanged YAML and demands the fresh verdict.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from amctl import grenzen

# A record: (what was asked: the data file's folder and the name in the file, the blake2b of
# what that gave, or None for nothing).
Gelezen = tuple[str, str, str | None]

_opnames: list[list[Gelezen]] = []


@contextlib.contextmanager
def opname() -> Iterator[list[Gelezen]]:
    """Collect what is read in this block (and in blocks within it)."""
    gelezen: list[Gelezen] = []
    _opnames.append(gelezen)
    try:
        yield gelezen
    finally:
        _opnames.remove(gelezen)


def lees_gewoon_bestand(
    pad: Path | str, grens: int | None = None, dir_fd: int | None = None, eigen: bool = False
) -> bytes | None:
    """The bytes of a regular file of at most `grens` bytes, else None: never waits (a FIFO or
    a device is refused after opening it without blocking, before reading). With `dir_fd`: the
    name relative to that folder, without following a link in it (O_NOFOLLOW); with `eigen`:
    only a file of this user that group and others cannot write to (checked on the open file).
    `grens` defaults to the limit on a data file (amctl.grenzen, read at the call)."""
    grens = grenzen.MAX_BYTES if grens is None else grens
    vlaggen = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    if dir_fd is not None:
        vlaggen |= os.O_NOFOLLOW
    try:
        # Not even opened unless it is a regular file: opening a FIFO, however briefly, lets
        # its writer start and then breaks its pipe when closed.
        voor = os.stat(pad, dir_fd=dir_fd, follow_symlinks=dir_fd is None)
        if not stat.S_ISREG(voor.st_mode):
            return None
        descriptor = os.open(pad, vlaggen, dir_fd=dir_fd)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(descriptor)
        if (
            not stat.S_ISREG(info.st_mode)
            or (info.st_dev, info.st_ino) != (voor.st_dev, voor.st_ino)  # swapped meanwhile
            or info.st_size > grens
        ):
            return None
        if eigen and (info.st_uid != os.getuid() or info.st_mode & 0o022):
            return None
        delen, totaal = [], 0
        while totaal <= info.st_size:
            deel = os.read(descriptor, info.st_size + 1 - totaal)
            if not deel:
                break
            delen.append(deel)
            totaal += len(deel)
        inhoud = b"".join(delen)
        return inhoud if len(inhoud) == info.st_size else None  # it changed while read
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _kopie(map_: str, bestand: str) -> bytes | None:
    basis = Path(map_)
    pad = (basis / bestand).resolve()
    if not pad.is_relative_to(basis):
        return None
    return lees_gewoon_bestand(pad)


def _vingerafdruk(inhoud: bytes | None) -> str | None:
    return None if inhoud is None else hashlib.blake2b(inhoud, digest_size=16).hexdigest()


def lees_kopie(databestand: str, bestand: str) -> bytes | None:
    """The bytes of a source's local copy, named relative to the data file; None when there
    is no such regular file inside the data file's folder (nothing else is read), when it is
    too large, or unreadable. Recorded in every open `opname`."""
    map_ = str(Path(databestand).resolve().parent)
    inhoud = _kopie(map_, bestand)
    for gelezen in _opnames:
        gelezen.append((map_, bestand, _vingerafdruk(inhoud)))
    return inhoud


def onveranderd(gelezen: list | tuple) -> bool:
    """Whether every recorded read gives what it gave then."""
    try:
        return all(
            _vingerafdruk(_kopie(map_, bestand)) == afdruk for map_, bestand, afdruk in gelezen
        )
    except (TypeError, ValueError, OSError):  # a record of another shape: not trusted
        return False
