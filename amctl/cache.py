"""A cache of what amctl concluded about an unchanged file, so that asking again skips the YAML
parser and the checks (on a national-scale file: seconds instead of a fraction of one).

Three kinds of entry, all under the same key, a hash of the file's bytes together with a
fingerprint of the amctl code and the Python version (any change to either gives another key):

- the verdict of `amctl validate` (`<key>-<path>.uitslag`: the problems, or none), so that
  validating an unchanged file imports neither PyYAML nor the rules;
- the validated model (`<key>.model`, see amctl.modelcache), whose objects load one by one as
  a query touches them;
- a whole answer as the normal path printed it (`<key>-<question>.antwoord`), for `amctl tree`
  (of a national-scale file: twenty thousand lines that take longer to make than to read) and
  `wie-zit-in` (asked again, it needs no model). The question in the name holds everything the
  output depends on besides the file: the command, its arguments and options, the date, the
  width and the path.

Safe against a stale cache: the key. Safe against a corrupt cache: every entry (and every row
of a model) carries a hash of its contents together with its key and its place, so an entry
copied to another key or question, a damaged byte or a row from another entry is noticed; such
an entry is ignored (and rebuilt), whatever the damage. Only files without errors have a model
or answers (queries refuse invalid data).

The cache lives in the user's cache folder ($AMCTL_CACHE_MAP, an absolute path; else
$XDG_CACHE_HOME/amctl when that is absolute; else ~/.cache/amctl), never next to the data file.
Entries hold pickles, so the folder must be the user's own and closed to others, else it is not
used (see SECURITY.md). AMCTL_CACHE=uit (or 0, nee, off, false, no) turns it off; aan (or 1,
ja, on, true, yes, or empty) leaves it on; any other value is a usage error.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from amctl import grenzen
from amctl.probleem import GebruiksFout, Probleem

MAX_ITEMS = 16  # entries kept of each kind; the oldest go first
UIT = ("uit", "0", "nee", "off", "false", "no")
AAN = ("", "aan", "1", "ja", "on", "true", "yes")
_KOP_UITSLAG = b"amctl-uitslag-1\n"
_KOP_ANTWOORD = b"amctl-antwoord-1\n"
_SLEUTELLENGTE = 40  # hex digits
CONTROLE = 16  # bytes of blake2b in front of every entry and every row


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


def _veilige_map(map_: Path) -> bool:
    """Only a folder of our own that nobody else can write to is trusted with pickles."""
    try:
        info = map_.stat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


def map_om_te_lezen() -> Path | None:
    map_ = cachemap()
    return map_ if map_ is not None and _veilige_map(map_) else None


def map_om_te_schrijven() -> Path | None:
    map_ = cachemap()
    if map_ is None:
        return None
    with contextlib.suppress(OSError):
        map_.mkdir(mode=0o700, parents=True, exist_ok=True)
    return map_ if _veilige_map(map_) else None


# --- the key -------------------------------------------------------------------------------


@functools.cache
def _vingerafdruk() -> bytes:
    """What a cached answer depends on besides the data: the amctl code (all of it: which
    module decides validity is a detail that changes) and the Python that pickles it."""
    pakket = Path(__file__).parent
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(sys.version_info[:2]).encode())
    for bron in sorted(pakket.rglob("*.py")):
        h.update(bron.relative_to(pakket).as_posix().encode())
        h.update(bron.read_bytes())
    return h.digest()


def sleutel(inhoud: bytes) -> str:
    h = hashlib.blake2b(inhoud, digest_size=_SLEUTELLENGTE // 2)
    h.update(_vingerafdruk())
    return h.hexdigest()


def lees_bestand(pad: Path) -> bytes | None:
    """The bytes of a regular file within the size limit; None for anything else (the loader
    reads that with its own limits and messages)."""
    try:
        info = pad.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > grenzen.MAX_BYTES:
            return None
        with pad.open("rb") as bestand:
            inhoud = bestand.read(info.st_size + 1)  # one buffer the size of the file
    except OSError:
        return None
    return inhoud if len(inhoud) <= info.st_size else None  # it grew: the loader reads it


def controlegetal(sleutel_: str, sectie: str, id_: str, gegevens: bytes) -> bytes:
    """The hash that binds stored bytes to their key and their place in the entry."""
    plaats = f"{len(sectie)}:{sectie}{len(id_)}:{id_}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(plaats + gegevens, digest_size=CONTROLE, key=sleutel_.encode()).digest()


def ruim_op(map_: Path, achtervoegsel: str) -> None:
    items = []
    for item in map_.glob(f"*{achtervoegsel}"):
        with contextlib.suppress(OSError):
            items.append((item.stat().st_mtime, item))
    items.sort(reverse=True)
    for _, oud in items[MAX_ITEMS:]:
        with contextlib.suppress(OSError):
            oud.unlink()


def schrijf_prive(doel: Path, vul: Callable[[Path], object]) -> None:
    """A new entry: written under a temporary name readable by the user only, then renamed, so
    that a reader finds the whole entry or none."""
    import tempfile

    descriptor, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", dir=doel.parent)
    try:
        os.close(descriptor)
        vul(Path(tijdelijk))
        os.replace(tijdelijk, doel)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tijdelijk)
        raise


# --- the verdict of validate ---------------------------------------------------------------


def lees_uitslag(inhoud: bytes, bestand: str) -> list[Probleem] | None:
    """The problems `amctl validate` found in these bytes before (possibly none), or None."""
    map_ = map_om_te_lezen()
    if map_ is None:
        return None
    sleutel_ = sleutel(inhoud)
    try:
        ruw = (map_ / _uitslagnaam(sleutel_, bestand)).read_bytes()
        kop = _KOP_UITSLAG + sleutel_.encode()
        if not ruw.startswith(kop):
            return None
        controle, gegevens = ruw[len(kop) : len(kop) + CONTROLE], ruw[len(kop) + CONTROLE :]
        if controlegetal(sleutel_, "uitslag", bestand, gegevens) != controle:
            return None
        bewaard, problemen = pickle.loads(gegevens)
    except Exception:  # a cache that cannot be read is a cache miss, whatever the reason
        return None
    if bewaard != bestand or not all(isinstance(p, Probleem) for p in problemen):
        return None
    return list(problemen)


def _uitslagnaam(sleutel_: str, bestand: str) -> str:
    """The messages name the file, so the same bytes under another path have a verdict of
    their own."""
    pad = hashlib.blake2b(bestand.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return f"{sleutel_}-{pad}.uitslag"


def bewaar_uitslag(inhoud: bytes, bestand: str, problemen: list[Probleem]) -> None:
    """Best effort: a cache that cannot be written (read-only home, full disk) is no error."""
    try:
        map_ = map_om_te_schrijven()
        if map_ is None:
            return
        sleutel_ = sleutel(inhoud)
        gegevens = pickle.dumps((bestand, tuple(problemen)), protocol=pickle.HIGHEST_PROTOCOL)
        controle = controlegetal(sleutel_, "uitslag", bestand, gegevens)
        entry = _KOP_UITSLAG + sleutel_.encode() + controle + gegevens
        schrijf_prive(map_ / _uitslagnaam(sleutel_, bestand), lambda pad: pad.write_bytes(entry))
        ruim_op(map_, ".uitslag")
    except Exception:
        return


# --- whole answers -------------------------------------------------------------------------


def _vraagnaam(sleutel_: str, vraag: bytes) -> str:
    return f"{sleutel_}-{hashlib.blake2b(vraag, digest_size=8).hexdigest()}.antwoord"


def _vraag_als_bytes(vraag: tuple) -> bytes:
    """The question, spelled out: every part by its repr (so 'None' and None differ)."""
    return "\x1f".join(map(repr, vraag)).encode("utf-8", "surrogateescape")


def lees_antwoord(inhoud: bytes, vraag: tuple) -> str | None:
    """What amctl printed before for this question on these bytes, or None."""
    map_ = map_om_te_lezen()
    if map_ is None:
        return None
    sleutel_ = sleutel(inhoud)
    gevraagd = _vraag_als_bytes(vraag)
    try:
        ruw = (map_ / _vraagnaam(sleutel_, gevraagd)).read_bytes()
        kop = _KOP_ANTWOORD + sleutel_.encode()
        if not ruw.startswith(kop):
            return None
        controle, gegevens = ruw[len(kop) : len(kop) + CONTROLE], ruw[len(kop) + CONTROLE :]
        if controlegetal(sleutel_, "antwoord", "", gegevens) != controle:
            return None
        lengte = int.from_bytes(gegevens[:4], "big")
        if gegevens[4 : 4 + lengte] != gevraagd:  # another question under the same name
            return None
        antwoord = gegevens[4 + lengte :]
        return antwoord.decode("utf-8")
    except Exception:  # a cache that cannot be read is a cache miss, whatever the reason
        return None


def bewaar_antwoord(inhoud: bytes, vraag: tuple, antwoord: str) -> None:
    """Best effort: a cache that cannot be written (read-only home, full disk) is no error."""
    try:
        map_ = map_om_te_schrijven()
        if map_ is None:
            return
        sleutel_ = sleutel(inhoud)
        gevraagd = _vraag_als_bytes(vraag)
        gegevens = len(gevraagd).to_bytes(4, "big") + gevraagd + antwoord.encode("utf-8")
        entry = (
            _KOP_ANTWOORD + sleutel_.encode() + controlegetal(sleutel_, "antwoord", "", gegevens)
        )
        schrijf_prive(
            map_ / _vraagnaam(sleutel_, gevraagd), lambda pad: pad.write_bytes(entry + gegevens)
        )
        ruim_op(map_, ".antwoord")
    except Exception:
        return
