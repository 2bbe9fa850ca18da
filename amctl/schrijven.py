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


def maak_map(map_: Path) -> None:
    """Create a folder (and its parents) for output; SchrijfFout, in Dutch, when it cannot."""
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise SchrijfFout(
            f"Kan de map '{map_}' niet maken: er staat al een bestand met die naam."
        ) from None
    except OSError as fout:
        raise SchrijfFout(f"Kan de map '{map_}' niet maken: {_reden(map_, fout)}.") from None


def verwijder(pad: Path) -> None:
    """Remove an output file that should no longer be there; SchrijfFout when it cannot."""
    try:
        pad.unlink(missing_ok=True)
    except OSError as fout:
        raise SchrijfFout(f"Kan '{pad}' niet verwijderen: {_reden(pad, fout)}.") from None


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
    return (
        f"Kan '{pad}' niet schrijven: {_reden(pad, fout)}. "
        "Het oude bestand (als dat er was) is ongewijzigd."
    )


def _reden(pad: Path, fout: OSError) -> str:
    map_ = pad.parent
    if fout.errno == errno.ENOENT and not map_.is_dir():
        return f"de map '{map_}' bestaat niet; maak hem eerst aan"
    if fout.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"geen schrijfrechten in '{map_}'"
    if fout.errno == errno.EISDIR:
        return f"'{pad}' is een map"
    if fout.errno == errno.ENOTDIR:
        return f"'{map_}' is geen map"
    if fout.errno in (errno.ENOSPC, errno.EDQUOT):
        return "de schijf is vol"
    return fout.strerror or str(fout) or type(fout).__name__
