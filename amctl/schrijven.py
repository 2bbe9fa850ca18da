"""The one write path: every file amctl writes goes through here, with one set of rules.

- `schrijf_uitvoer`: one output file (`--uit PAD` of agenda, diagram, exporteer);
- `schrijf_map`: a folder of generated files (`docs --uit MAP`), with a manifest;
- `vervang_gegevens`: the data file after an edit (amctl.bewerken holds the lock), keeping
  what it held for `amctl ongedaan` (amctl.ongedaan);
- `schrijf_atomair`: the primitive under all three (and the cache): whole or not at all.

The rules (SECURITY.md, "Schrijven"):

- an existing file is replaced only when amctl made it: it carries amctl's marker near its
  start (`draagt_merk`), or it is listed in the manifest of the folder amctl wrote
  (`MANIFEST`). An empty file holds nothing to lose. Anything else: `SchrijfFout` (exit 2);
- output never goes to the data file itself;
- a device or a FIFO is written in place (`--uit /dev/stdout` works), never replaced by a
  regular file; a socket, a block device or a FIFO nobody reads is refused;
- inside a folder of generated files no symbolic link is followed: not a linked subfolder,
  not a linked file;
- the data file keeps its mode, owner and hard links; an edit is refused when the file is
  read-only, has more than one link, or changed since it was read under the lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from amctl.probleem import GebruiksFout
from amctl.tekst import oorzaak, zichtbaar

MANIFEST = ".amctl-bestanden"
# What amctl writes at the start of a generated file: the comment line of `docs` and
# `diagram` ("Gegenereerd door 'amctl docs'") and the PRODID of `agenda`.
_MERK = re.compile(rb"Gegenereerd door 'amctl[ ']|//amctl//")
_KOP = 4096  # the marker stands in the first bytes of a file
_MANIFEST_KOP = (
    "# Bestanden die amctl in deze map schreef; amctl vervangt en verwijdert alleen deze."
)


class SchrijfFout(GebruiksFout):
    """A file could not or may not be written; the old file, if any, is unchanged (exit 2)."""


def toon_pad(pad: Path | str) -> str:
    """A path for a message: as typed, with control characters made visible."""
    return zichtbaar(str(pad), eenregelig=True)


# --- one output file --------------------------------------------------------------------


def schrijf_uitvoer(pad: Path, inhoud: bytes | str, *, gegevens: Path | None = None) -> None:
    """Write the output of `--uit PAD`, whole or not at all, by the rules above.

    `gegevens` is the data file the command read: output never replaces it. A symbolic link
    given as PAD is written through (as the shell's `>` would). Content without a marker
    (CSV) is recorded in the folder's manifest, so that the next run may replace it."""
    gegevensbytes = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
    doel = Path(os.path.realpath(pad))
    _niet_de_gegevens(doel, gegevens, pad)
    try:
        toestand = os.stat(doel)
    except FileNotFoundError:
        toestand = None
    except OSError as fout:
        raise SchrijfFout(_melding(pad, fout)) from None
    if toestand is not None and not stat.S_ISREG(toestand.st_mode):
        _schrijf_in_plaats(pad, doel, toestand, gegevensbytes)
        return
    if toestand is not None and not _mag_vervangen(doel, toestand, gegevensbytes):
        raise SchrijfFout(_niet_van_amctl(pad))
    schrijf_atomair(doel, gegevensbytes)
    if not _MERK.search(gegevensbytes[:_KOP]):
        _registreer(doel.parent, {doel.name})


def _schrijf_in_plaats(pad: Path, doel: Path, toestand: os.stat_result, inhoud: bytes) -> None:
    """A character device or a FIFO with a reader gets the bytes as a stream."""
    soort = toestand.st_mode
    if stat.S_ISDIR(soort):
        raise SchrijfFout(f"'{toon_pad(pad)}' is een map; geef het pad van een bestand.")
    if not (stat.S_ISCHR(soort) or stat.S_ISFIFO(soort)):
        raise SchrijfFout(
            f"'{toon_pad(pad)}' is geen gewoon bestand (een socket of blokapparaat); amctl "
            "schrijft er niet naar. Kies een ander pad."
        )
    try:
        descriptor = os.open(doel, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as fout:
        if fout.errno == errno.ENXIO:
            raise SchrijfFout(
                f"Niemand leest uit de FIFO '{toon_pad(pad)}'; amctl schrijft er niet naar. "
                "Start eerst het programma dat eruit leest."
            ) from None
        raise SchrijfFout(_melding(pad, fout)) from None
    try:
        os.set_blocking(descriptor, True)
        rest = memoryview(inhoud)
        while rest:
            rest = rest[os.write(descriptor, rest) :]
    except OSError as fout:
        raise SchrijfFout(
            f"Kan niet naar '{toon_pad(pad)}' schrijven: {_reden(pad, fout)}."
        ) from None
    finally:
        os.close(descriptor)


# --- a folder of generated files --------------------------------------------------------


def schrijf_map(
    map_: Path, bestanden: Mapping[str, bytes], *, gegevens: Path | None = None
) -> list[str]:
    """Make MAP hold exactly the generated `bestanden` (relative paths with '/'): write what
    is new or different, remove what amctl wrote there before and is no longer generated.
    Nothing is written until every file has passed the rules; returns the paths written or
    removed, sorted. The manifest MAP/.amctl-bestanden records what amctl wrote."""
    if map_.is_symlink() and not map_.is_dir():
        raise SchrijfFout(f"'{toon_pad(map_)}' is een link die niet naar een map wijst.")
    if map_.exists() and not map_.is_dir():
        raise SchrijfFout(f"'{toon_pad(map_)}' is geen map; geef de map van de uitvoer.")
    maak_map(map_)
    eigen = gegenereerd_in(map_)
    te_schrijven: list[str] = []
    for relatief, inhoud in sorted(bestanden.items()):
        doel = _binnen(map_, relatief, maak=True)
        try:
            toestand = os.lstat(doel)
        except FileNotFoundError:
            te_schrijven.append(relatief)
            continue
        getoond = map_ / relatief
        if stat.S_ISLNK(toestand.st_mode) or not stat.S_ISREG(toestand.st_mode):
            raise SchrijfFout(
                f"'{toon_pad(getoond)}' is geen gewoon bestand (een link, map of apparaat); "
                "amctl vervangt het niet en volgt geen links. Er is niets geschreven."
            )
        _niet_de_gegevens(doel, gegevens, getoond)
        if relatief not in eigen and not _mag_vervangen(doel, toestand, inhoud):
            raise SchrijfFout(_niet_van_amctl(getoond, map_))
        if _inhoud(doel, toestand) != inhoud:
            te_schrijven.append(relatief)
    weg = sorted(
        relatief
        for relatief in eigen - set(bestanden)
        if _is_gewoon_bestand(_binnen(map_, relatief, maak=False))
    )
    if not te_schrijven and not weg and eigen >= set(bestanden):
        return []
    # The manifest first names everything that may be there, then exactly what is there.
    _schrijf_manifest(map_, eigen | set(bestanden))
    for relatief in te_schrijven:
        schrijf_atomair(_binnen(map_, relatief, maak=True), bestanden[relatief])
    for relatief in weg:
        verwijder(_binnen(map_, relatief, maak=False))
    _schrijf_manifest(map_, set(bestanden))
    return sorted(te_schrijven + weg)


def gegenereerd_in(map_: Path) -> set[str]:
    """The relative paths the manifest of MAP lists (empty without a manifest)."""
    manifest = map_ / MANIFEST
    if not _is_gewoon_bestand(manifest):
        return set()
    try:
        regels = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {r for r in regels if r and not r.startswith("#") and _veilig_relatief(r)}


def _veilig_relatief(relatief: str) -> bool:
    delen = PurePosixPath(relatief).parts
    return bool(delen) and not relatief.startswith("/") and ".." not in delen and "." not in delen


def _binnen(map_: Path, relatief: str, *, maak: bool) -> Path:
    """MAP/relatief, where no folder on the way is a symbolic link (created when `maak`)."""
    if not _veilig_relatief(relatief):
        raise SchrijfFout(f"'{toon_pad(relatief)}' ligt niet binnen '{toon_pad(map_)}'.")
    huidig = map_
    for deel in PurePosixPath(relatief).parts[:-1]:
        huidig = huidig / deel
        if huidig.is_symlink():
            raise SchrijfFout(
                f"'{toon_pad(huidig)}' is een symbolische link; amctl volgt geen links uit de "
                "map van de uitvoer. Vervang de link door een gewone map. Er is niets geschreven."
            )
        if maak and not huidig.exists():
            maak_map(huidig)
        elif huidig.exists() and not huidig.is_dir():
            raise SchrijfFout(f"'{toon_pad(huidig)}' is geen map; amctl schrijft er niets in.")
    return huidig / PurePosixPath(relatief).name


def _schrijf_manifest(map_: Path, paden: set[str]) -> None:
    manifest = map_ / MANIFEST
    if os.path.lexists(manifest) and not _is_gewoon_bestand(manifest):
        raise SchrijfFout(
            f"'{toon_pad(manifest)}' is geen gewoon bestand; amctl vervangt het niet."
        )
    schrijf_atomair(manifest, "".join(f"{p}\n" for p in [_MANIFEST_KOP, *sorted(paden)]))


def _registreer(map_: Path, namen: set[str]) -> None:
    eigen = gegenereerd_in(map_)
    if not namen <= eigen:
        _schrijf_manifest(map_, eigen | namen)


def _is_gewoon_bestand(pad: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(pad).st_mode)
    except OSError:
        return False


# --- the marker ------------------------------------------------------------------------

_MERKTEKST = "Gegenereerd door 'amctl {opdracht}'; wijzig de gegevens en maak het opnieuw."
_PNG = b"\x89PNG\r\n\x1a\n"


def met_merk(inhoud: bytes | str, formaat: str, opdracht: str = "diagram") -> bytes:
    """The output of `amctl diagram` with amctl's marker as a comment at its start (for png a
    text chunk), so that the next `--uit` may replace the file and nothing else."""
    tekst = _MERKTEKST.format(opdracht=opdracht)
    if isinstance(inhoud, bytes) and inhoud.startswith(_PNG):
        import struct
        import zlib

        soort_en_tekst = b"tEXt" + b"Comment\x00" + tekst.encode("latin-1")
        stuk = (
            struct.pack(">I", len(soort_en_tekst) - 4)
            + soort_en_tekst
            + struct.pack(">I", zlib.crc32(soort_en_tekst))
        )
        na_ihdr = len(_PNG) + 8 + struct.unpack(">I", inhoud[8:12])[0] + 4
        return inhoud[:na_ihdr] + stuk + inhoud[na_ihdr:]
    tekst_inhoud = inhoud.decode("utf-8") if isinstance(inhoud, bytes) else inhoud
    if formaat == "mermaid":
        return f"%% {tekst}\n{tekst_inhoud}".encode()
    if formaat == "dot":
        return f"// {tekst}\n{tekst_inhoud}".encode()
    if tekst_inhoud.startswith("<?xml"):
        eind = tekst_inhoud.index("?>") + 2
        return f"{tekst_inhoud[:eind]}\n<!-- {tekst} -->{tekst_inhoud[eind:]}".encode()
    return f"<!-- {tekst} -->\n{tekst_inhoud}".encode()


# --- the rules for an existing file -------------------------------------------------------


def draagt_merk(kop: bytes) -> bool:
    """Whether the first bytes of a file carry the marker amctl writes in what it generates."""
    return bool(_MERK.search(kop[:_KOP]))


def _mag_vervangen(doel: Path, toestand: os.stat_result, nieuw: bytes) -> bool:
    if toestand.st_size == 0 or doel.name in gegenereerd_in(doel.parent):
        return True
    try:
        with open(doel, "rb") as bestand:
            kop = bestand.read(_KOP)
    except OSError as fout:
        raise SchrijfFout(_melding(doel, fout)) from None
    return draagt_merk(kop) or (toestand.st_size == len(nieuw) and _inhoud(doel, toestand) == nieuw)


def _inhoud(doel: Path, toestand: os.stat_result) -> bytes | None:
    try:
        with open(doel, "rb") as bestand:
            return bestand.read(toestand.st_size + 1)
    except OSError:
        return None


def _niet_de_gegevens(doel: Path, gegevens: Path | None, getoond: Path) -> None:
    if gegevens is None:
        return
    try:
        zelfde = os.path.samefile(doel, gegevens)
    except OSError:
        zelfde = Path(os.path.realpath(doel)) == Path(os.path.realpath(gegevens))
    if zelfde:
        raise SchrijfFout(
            f"'{toon_pad(getoond)}' is het gegevensbestand zelf; amctl schrijft uitvoer nooit "
            "over de gegevens. Kies een ander pad."
        )


def _niet_van_amctl(pad: Path, map_: Path | None = None) -> str:
    waar = f" en staat niet in '{toon_pad(map_ / MANIFEST)}'" if map_ is not None else ""
    return (
        f"'{toon_pad(pad)}' bestaat al en is niet door amctl gemaakt (het draagt het merk van "
        f"amctl niet{waar}); amctl overschrijft het niet. Verwijder het zelf of kies een "
        "ander pad. Er is niets geschreven."
    )


# --- the data file after an edit ----------------------------------------------------------


def controleer_bewerkbaar(pad: Path, toestand: os.stat_result) -> None:
    """Refuse, before anything is edited, a data file amctl cannot replace without harm."""
    getoond = toon_pad(pad)
    if not stat.S_ISREG(toestand.st_mode):
        from amctl.bestand import soort

        echt = os.path.realpath(pad)
        wat = soort(toestand)
        if echt != os.path.abspath(pad):
            wat = f"een link naar '{toon_pad(echt)}', {wat}"
        raise SchrijfFout(
            f"'{getoond}' is {wat}, geen gewoon bestand; amctl bewerkt alleen een gewoon "
            "bestand, dat het kan vergrendelen en vervangen. Er is niets gewijzigd."
        )
    if toestand.st_mode & 0o222 == 0 or not os.access(pad, os.W_OK):
        raise SchrijfFout(
            f"'{getoond}' is alleen-lezen; amctl wijzigt het niet. Maak het schrijfbaar "
            f"(chmod u+w '{getoond}') als het bewerkt mag worden. Er is niets gewijzigd."
        )
    if toestand.st_nlink > 1:
        raise SchrijfFout(
            f"'{getoond}' heeft {toestand.st_nlink} harde links; amctl schrijft een nieuw "
            "bestand en zou de andere namen van de oude versie laten wijzen. Maak er eerst een "
            "los bestand van (cp BESTAND KOPIE && mv KOPIE BESTAND). Er is niets gewijzigd."
        )


def vervang_gegevens(
    pad: Path,
    descriptor: int,
    gelezen: os.stat_result,
    oud: bytes,
    nieuw: bytes,
    *,
    bewaar: bool = True,
) -> None:
    """Replace the data file, locked by the caller on `descriptor`, with `nieuw`.

    Just before the rename the file is compared with what was read under the lock (`gelezen`,
    `oud`): the same file (device, inode), the same size, time and content. If anything else
    changed it meanwhile (an editor, `git pull`, `cp`), nothing is written. The new file gets
    the old one's mode and owner. `oud` is kept first for `amctl ongedaan` (amctl.ongedaan),
    unless `bewaar` is off (`ongedaan` itself, putting a kept version back)."""
    controleer_bewerkbaar(pad, gelezen)
    try:
        nu = os.stat(pad)
    except OSError:
        nu = None
    if (
        nu is None
        or (nu.st_dev, nu.st_ino, nu.st_size, nu.st_mtime_ns)
        != (gelezen.st_dev, gelezen.st_ino, gelezen.st_size, gelezen.st_mtime_ns)
        or lees_descriptor(descriptor, len(oud) + 1) != oud
    ):
        raise SchrijfFout(
            f"'{toon_pad(pad)}' is gewijzigd door een ander programma terwijl amctl het "
            "bewerkte; amctl heeft niets geschreven, zodat die wijziging bewaard blijft. "
            "Voer de opdracht opnieuw uit."
        )
    from amctl import ongedaan

    versie = ongedaan.bewaar(pad, oud, nieuw) if bewaar else None
    try:
        schrijf_atomair(pad, nieuw, eigenaar=(gelezen.st_uid, gelezen.st_gid))
    except BaseException:
        ongedaan.vergeet(pad, versie)
        raise


def lees_descriptor(descriptor: int, hoogstens: int) -> bytes:
    """At most `hoogstens` bytes from the start of an open file, without moving or closing
    it (closing another descriptor of the file would drop our POSIX lock)."""
    delen, positie = [], 0
    while positie < hoogstens:
        deel = os.pread(descriptor, min(1 << 20, hoogstens - positie), positie)
        if not deel:
            break
        delen.append(deel)
        positie += len(deel)
    return b"".join(delen)


# --- the primitive ------------------------------------------------------------------------


def schrijf_atomair(
    pad: Path, inhoud: bytes | str, *, eigenaar: tuple[int, int] | None = None
) -> None:
    """Write `inhoud` (str as UTF-8) to `pad` atomically: a temporary file in the same folder,
    flushed to disk, then renamed over `pad`. A reader sees the old file or the new one, never
    half of it; on failure the old file stays and the temporary file is removed. The mode of
    an existing file is kept; with `eigenaar` (uid, gid) the owner too, or nothing is written."""
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
            if eigenaar is not None and eigenaar != (os.geteuid(), os.getegid()):
                _behoud_eigenaar(pad, bestand.fileno(), eigenaar)
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


def _behoud_eigenaar(pad: Path, descriptor: int, eigenaar: tuple[int, int]) -> None:
    try:
        os.fchown(descriptor, *eigenaar)
    except OSError:
        raise SchrijfFout(
            f"'{toon_pad(pad)}' is van een andere gebruiker of groep (uid {eigenaar[0]}, gid "
            f"{eigenaar[1]}); amctl kan de eigenaar niet behouden en wijzigt het daarom niet."
        ) from None


def maak_map(map_: Path) -> None:
    """Create a folder (and its parents) for output; SchrijfFout, in Dutch, when it cannot."""
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise SchrijfFout(
            f"Kan de map '{toon_pad(map_)}' niet maken: er staat al een bestand met die naam."
        ) from None
    except OSError as fout:
        raise SchrijfFout(
            f"Kan de map '{toon_pad(map_)}' niet maken: {_reden(map_, fout)}."
        ) from None


def verwijder(pad: Path) -> None:
    """Remove an output file that should no longer be there; SchrijfFout when it cannot."""
    try:
        pad.unlink(missing_ok=True)
    except OSError as fout:
        raise SchrijfFout(f"Kan '{toon_pad(pad)}' niet verwijderen: {_reden(pad, fout)}.") from None


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
        f"Kan '{toon_pad(pad)}' niet schrijven: {_reden(pad, fout)}. "
        "Het oude bestand (als dat er was) is ongewijzigd."
    )


def _reden(pad: Path, fout: OSError) -> str:
    map_ = pad.parent
    if fout.errno == errno.ENOENT and not map_.is_dir():
        return f"de map '{toon_pad(map_)}' bestaat niet; maak hem eerst aan"
    if fout.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"geen schrijfrechten in '{toon_pad(map_)}'"
    if fout.errno == errno.EISDIR:
        return f"'{toon_pad(pad)}' is een map"
    if fout.errno == errno.ENOTDIR:
        return f"'{toon_pad(map_)}' is geen map"
    if fout.errno in (errno.ENOSPC, errno.EDQUOT):
        return "de schijf is vol"
    return oorzaak(fout)
