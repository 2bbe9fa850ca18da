"""One cache of what amctl concluded about a data file, so that asking again skips the YAML
parser and the checks (on a national-scale file: a fraction of a second instead of seconds).

Under one key, two entries: the verdict of the checks (`<key>.uitslag`, JSON: the problems,
possibly none), so that `amctl validate` of an unchanged file imports neither PyYAML nor the
rules, and for a file without errors its model (`<key>.model`, SQLite, see amctl.modelcache),
whose objects are decoded only as a query touches them. Both are made from the same `Uitslag`
(amctl.controle.bewaar); an edit that validated its new text stores it there too.

**The key is every input.** `sleutel` hashes the data file's bytes, the path as given (the
messages name it) and as resolved (local copies of sources are found next to it), the loader
build (PyYAML and its libyaml; without libyaml there is no cache, amctl.laden refuses to run),
the Python version and all of amctl's code. What the checks read besides the data file is
recorded as it is read (amctl.invoer) and kept with the entry; before an entry is used, every
recorded file is read again and must give the same bytes.

**Nothing on disk can run code.** Entries are plain data (JSON, SQLite rows of JSON), each
behind a header and a keyed blake2b over the whole rest of the entry, checked before anything
in it is decoded; an SQLite model is loaded from the checked bytes into memory, so the bytes
checked are the bytes read.

**The folder is pinned, nothing blocks** (the functions below are public: other stores under
the cache root use them too). The folder is opened once as a directory descriptor, without
following a link, and used only when it is a directory of the user that nobody else can write
to. Entries are opened relative to that descriptor, without following a link and without
waiting, and used only when they turn out to be regular files of the user. Any doubt (damage,
a FIFO, a device, a link, a swap, a flipped bit, a missing row) is a cache miss: the answer is
computed fresh.

The cache lives in the user's cache folder ($AMCTL_CACHE_MAP, an absolute path; else
$XDG_CACHE_HOME/amctl when that is absolute; else ~/.cache/amctl), never next to the data
file. AMCTL_CACHE=uit (or 0, nee, off, false, no) turns it off; aan (or 1, ja, on, true, yes,
or empty) leaves it on; any other value is a usage error. See SECURITY.md.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from amctl.probleem import GebruiksFout

MAX_ITEMS = 16  # entries kept of each kind; the oldest go first
MAX_ITEM = 1 << 30  # bytes: an entry larger than this is not read
UIT = ("uit", "0", "nee", "off", "false", "no")
AAN = ("", "aan", "1", "ja", "on", "true", "yes")
_KOP = b"amctl-cache-2\n"
_CONTROLE = 32  # bytes of blake2b after the header


@contextlib.contextmanager
def zonder_gc() -> Iterator[None]:
    """Building a large model makes millions of objects and no cycles; Python's cyclic
    collector would scan them again and again (on the national-scale benchmark, a third of the
    time) for nothing. Reference counting still frees everything."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


# --- where, and whether --------------------------------------------------------------------


def cachemap() -> Path | None:
    """The cache folder, or None when the cache is off or there is no home to put it in."""
    schakelaar = os.environ.get("AMCTL_CACHE", "").strip().lower()
    if schakelaar in UIT:
        return None
    if schakelaar not in AAN:
        raise GebruiksFout(
            f"AMCTL_CACHE={os.environ['AMCTL_CACHE']!r} begrijpt amctl niet; zet de cache uit "
            f"met {' of '.join(repr(w) for w in UIT[:1])} ({', '.join(UIT[1:])}) of laat "
            "AMCTL_CACHE leeg."
        )
    eigen = os.environ.get("AMCTL_CACHE_MAP")
    if eigen:
        if not os.path.isabs(eigen):
            raise GebruiksFout(
                f"AMCTL_CACHE_MAP={eigen!r} is geen absoluut pad; geef een pad dat met '/' "
                "begint, of zet de cache uit met AMCTL_CACHE=uit."
            )
        return Path(eigen)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG specification: a relative path is to be ignored
        return Path(xdg) / "amctl"
    thuis = os.path.expanduser("~")
    if not os.path.isabs(thuis):  # no home directory: no cache, and no error
        return None
    return Path(thuis) / ".cache" / "amctl"


# --- the safe folder (public: every store under the cache root uses these) ------------------


def open_map(map_: Path | str, *, maak: bool = False) -> int | None:
    """A descriptor of the folder, or None when it is not to be trusted: opened without
    following a link (O_DIRECTORY|O_NOFOLLOW), then checked on the descriptor itself: a
    directory, of this user, that neither group nor others can write to. With `maak`, a
    missing folder is made (0700, with its parents). The caller closes the descriptor."""
    if maak:
        with contextlib.suppress(OSError):
            os.makedirs(map_, mode=0o700, exist_ok=True)
    try:
        descriptor = os.open(map_, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(descriptor)
    except OSError:
        info = None
    if (
        info is None
        or not stat.S_ISDIR(info.st_mode)
        or info.st_uid != os.getuid()
        or info.st_mode & 0o022
    ):
        os.close(descriptor)
        return None
    return descriptor


@contextlib.contextmanager
def cachemap_fd(*, maak: bool = False) -> Iterator[int | None]:
    """The cache folder as a trusted descriptor (see `open_map`), or None: no cache."""
    map_ = cachemap()
    descriptor = None if map_ is None else open_map(map_, maak=maak)
    try:
        yield descriptor
    finally:
        if descriptor is not None:
            os.close(descriptor)


def lees_item(map_fd: int, naam: str, grens: int = MAX_ITEM) -> bytes | None:
    """The bytes of entry `naam` in the folder, or None: opened relative to the descriptor
    without following a link and without waiting (O_NOFOLLOW|O_NONBLOCK), then checked on the
    open file: a regular file of this user, not writable by others, at most `grens` bytes."""
    from amctl.invoer import lees_gewoon_bestand

    if "/" in naam or naam in ("", ".", ".."):
        return None
    return lees_gewoon_bestand(naam, grens, dir_fd=map_fd, eigen=True)


def schrijf_item(map_fd: int, naam: str, gegevens: bytes) -> None:
    """Entry `naam` in the folder, whole or not at all: written to a new file of this user
    only (0600, O_EXCL, no link followed), then renamed over the old name within the folder.
    Raises OSError when that fails."""
    tijdelijk = f".{naam}.{os.getpid()}.{os.urandom(6).hex()}"
    vlaggen = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    descriptor = os.open(tijdelijk, vlaggen, 0o600, dir_fd=map_fd)
    try:
        try:
            geschreven = 0
            while geschreven < len(gegevens):
                geschreven += os.write(descriptor, memoryview(gegevens)[geschreven:])
        finally:
            os.close(descriptor)
        os.replace(tijdelijk, naam, src_dir_fd=map_fd, dst_dir_fd=map_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tijdelijk, dir_fd=map_fd)
        raise


def verwijder_item(map_fd: int, naam: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(naam, dir_fd=map_fd)


def ruim_op(map_fd: int, achtervoegsel: str, houd: int | None = None) -> None:
    """Keep the `houd` (default MAX_ITEMS) newest entries ending in `achtervoegsel`."""
    houd = MAX_ITEMS if houd is None else houd
    items = []
    with contextlib.suppress(OSError):
        for naam in os.listdir(map_fd):
            if naam.endswith(achtervoegsel) and not naam.startswith("."):
                with contextlib.suppress(OSError):
                    info = os.stat(naam, dir_fd=map_fd, follow_symlinks=False)
                    items.append((info.st_mtime_ns, naam))
    items.sort(reverse=True)
    for _, oud in items[houd:]:
        verwijder_item(map_fd, oud)


# --- an entry: header, keyed digest over the rest, payload ----------------------------------


def verpak(sleutel_: str, soort: str, gegevens: bytes) -> bytes:
    return _KOP + _controle(sleutel_, soort, gegevens) + gegevens


def pak_uit(sleutel_: str, soort: str, ruw: bytes | None) -> bytes | None:
    """The payload of an entry made by `verpak` with this key and kind, or None when a single
    byte of it differs."""
    if ruw is None or not ruw.startswith(_KOP) or len(ruw) < len(_KOP) + _CONTROLE:
        return None
    begin = len(_KOP) + _CONTROLE
    gegevens = ruw[begin:]
    if _controle(sleutel_, soort, gegevens) != ruw[len(_KOP) : begin]:
        return None
    return gegevens


def _controle(sleutel_: str, soort: str, gegevens: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=_CONTROLE, key=sleutel_.encode()[:64], person=b"amctl")
    h.update(soort.encode() + b"\0")
    h.update(gegevens)
    return h.digest()


# --- the key -------------------------------------------------------------------------------


@functools.cache
def _code() -> bytes:
    """All of amctl's code (which module decides a verdict is a detail that changes)."""
    pakket = Path(__file__).parent
    h = hashlib.blake2b(digest_size=16)
    for bron in sorted(pakket.rglob("*.py")):
        h.update(bron.relative_to(pakket).as_posix().encode() + b"\0")
        h.update(hashlib.blake2b(bron.read_bytes(), digest_size=16).digest())
    return h.digest()


def lader() -> str | None:
    """The YAML loader this process uses (or would: PyYAML is not imported for this), spelled
    out as the files of PyYAML and of its libyaml extension; None without libyaml."""
    yaml = sys.modules.get("yaml")
    if yaml is not None:
        c = sys.modules.get("yaml._yaml")
        if not getattr(yaml, "__with_libyaml__", False) or c is None:
            return None
        return f"{_afdruk(yaml.__file__)}:{_afdruk(c.__file__)}"
    if "yaml._yaml" in sys.modules:  # blocked (None) before PyYAML was imported
        return None
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("yaml")
    if spec is None or not spec.submodule_search_locations or spec.origin is None:
        return None
    c_spec = PathFinder.find_spec("_yaml", list(spec.submodule_search_locations))
    if c_spec is None or c_spec.origin is None:
        return None
    return f"{_afdruk(spec.origin)}:{_afdruk(c_spec.origin)}"


def _afdruk(pad: str | None) -> str:
    """A file of a library as name, size, inode and time: a new version is a new file."""
    if pad is None:
        return "-"
    try:
        info = os.stat(pad)
    except OSError:
        return f"{pad}:-"
    return f"{pad}:{info.st_size}:{info.st_ino}:{info.st_mtime_ns}"


def sleutel(pad: str, inhoud: bytes) -> str | None:
    """The key of everything a verdict on these bytes at this path depends on; None when
    there is to be no cache (no libyaml)."""
    build = lader()
    if build is None:
        return None
    h = hashlib.blake2b(digest_size=20, person=b"amctl-sleutel")
    delen = (
        _KOP,
        sys.version.encode(),
        build.encode("utf-8", "surrogateescape"),
        _code(),
        pad.encode("utf-8", "surrogateescape"),
        str(Path(pad).resolve()).encode("utf-8", "surrogateescape"),
    )
    for deel in delen:
        h.update(len(deel).to_bytes(8, "big") + deel)
    h.update(inhoud)
    return h.hexdigest()


def lees_bestand(pad: Path) -> bytes | None:
    """The bytes of a regular file within the size limit; None for anything else (the loader
    reads that with its own limits and messages)."""
    from amctl.invoer import lees_gewoon_bestand

    return lees_gewoon_bestand(pad)


# --- the verdict ---------------------------------------------------------------------------


def lees_uitslag(pad: str, inhoud: bytes):
    """The problems the checks found in these bytes at this path before (possibly none), or
    None."""
    from amctl.invoer import onveranderd
    from amctl.probleem import Ernst, Plek, Probleem

    sleutel_ = sleutel(pad, inhoud)
    if sleutel_ is None:
        return None
    with cachemap_fd() as map_fd:
        if map_fd is None:
            return None
        gegevens = pak_uit(sleutel_, "uitslag", lees_item(map_fd, f"{sleutel_}.uitslag"))
    if gegevens is None:
        return None
    try:
        bewaard = json.loads(gegevens)
        if bewaard["pad"] != pad or not onveranderd(bewaard["gelezen"]):
            return None
        return [
            Probleem(bestand, Plek(regel, kolom), code, Ernst(ernst), melding)
            for bestand, regel, kolom, code, ernst, melding in bewaard["problemen"]
        ]
    except Exception:  # a shape amctl did not write: a miss
        return None


def bewaar_uitslag(pad: str, inhoud: bytes, problemen, gelezen) -> None:
    """Best effort: a cache that cannot be written (read-only home, full disk) is no error."""
    try:
        sleutel_ = sleutel(pad, inhoud)
        if sleutel_ is None:
            return
        gegevens = json.dumps(
            {
                "pad": pad,
                "gelezen": list(gelezen),
                "problemen": [
                    [p.bestand, p.plek.regel, p.plek.kolom, p.code, int(p.ernst), p.melding]
                    for p in problemen
                ],
            }
        ).encode("ascii")
        with cachemap_fd(maak=True) as map_fd:
            if map_fd is None:
                return
            schrijf_item(map_fd, f"{sleutel_}.uitslag", verpak(sleutel_, "uitslag", gegevens))
            ruim_op(map_fd, ".uitslag")
    except Exception:
        return
