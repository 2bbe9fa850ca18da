"""Writing output files whole or not at all, for every command with an --uit option."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from amctl.probleem import GebruiksFout


class SchrijfFout(GebruiksFout):
    """A file could not be written; the old file, if any, is unchanged (exit status 2)."""


def schrijf_atomair(pad: Path, inhoud: bytes | str) -> None:
    """Write `inhoud` (str as UTF-8) to `pad` atomically: a temporary file in the same folder,
    flushed to disk, then renamed over `pad`. A reader sees the old file or the new one, never
    half of it; on failure the old file stays and the temporary file is removed."""
    gegevens = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
    pad = Path(pad)
    try:
        modus = pad.stat().st_mode & 0o7777 if pad.is_file() else _standaardmodus()
        descriptor, tijdelijk = tempfile.mkstemp(
            prefix=f".{pad.name}.", suffix=".tmp", dir=pad.parent
        )
    except OSError as fout:
        raise SchrijfFout(_melding(pad, fout)) from None
    try:
        with os.fdopen(descriptor, "wb") as bestand:
            bestand.write(gegevens)
            bestand.flush()
            os.fchmod(bestand.fileno(), modus)
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, pad)
    except BaseException as fout:
        with contextlib.suppress(OSError):
            os.unlink(tijdelijk)
        if isinstance(fout, OSError):
            raise SchrijfFout(_melding(pad, fout)) from None
        raise
    _fsync_map(pad.parent)


def _standaardmodus() -> int:
    """What open() would give a new file: 0o666 less the umask (which can only be read by
    setting it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_map(map_: Path) -> None:
    """Make the rename itself durable; not every platform or file system allows it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(map_, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _melding(pad: Path, fout: OSError) -> str:
    map_ = pad.parent
    if fout.errno == errno.ENOENT and not map_.is_dir():
        reden = f"de map '{map_}' bestaat niet; maak hem eerst aan"
    elif fout.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reden = f"geen schrijfrechten in '{map_}'"
    elif fout.errno == errno.EISDIR or pad.is_dir():
        reden = "dat is een map; geef een bestandsnaam"
    elif fout.errno == errno.ENOTDIR:
        reden = f"'{map_}' is geen map"
    elif fout.errno in (errno.ENOSPC, errno.EDQUOT):
        reden = "de schijf is vol"
    else:
        reden = fout.strerror or str(fout)
    return f"Kan '{pad}' niet schrijven: {reden}. Het oude bestand (als dat er was) is ongewijzigd."
