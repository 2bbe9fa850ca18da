"""A cache of validated models, so that a question about an unchanged file skips the YAML
parser and the checks (on a national-scale file: seconds instead of a fraction of one).

Safe against a stale cache: the key is a hash of the file's bytes together with a
fingerprint of the code that turns those bytes into a model and judges it; any change to
either gives another key. Safe against a corrupt cache: each entry carries a hash of its own
contents, and any entry that does not check out, or fails to load for any reason, is
ignored and rebuilt. Only models without errors are cached (queries refuse invalid data).

The cache lives in the user's cache folder ($AMCTL_CACHE_MAP, else $XDG_CACHE_HOME/amctl,
else ~/.cache/amctl), never next to the data file. Entries are pickles: the folder must be
the user's own and not writable by others, else it is not used (see SECURITY.md).
AMCTL_CACHE=uit turns it off.
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
from collections.abc import Iterator
from pathlib import Path

from amctl import model
from amctl.model import Organisatie
from amctl.probleem import GEEN_PLEK

MAX_ITEMS = 16  # entries kept; the oldest go first
_GEEN_PLEKKEN: dict = {}  # shared by every object in an entry; never changed
_KOP = b"amctl-model-1\n"


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


def cachemap() -> Path | None:
    if os.environ.get("AMCTL_CACHE", "").lower() in ("uit", "0", "nee", "off"):
        return None
    if os.environ.get("AMCTL_CACHE_MAP"):
        return Path(os.environ["AMCTL_CACHE_MAP"])
    basis = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(basis) / "amctl"


@functools.cache
def _vingerafdruk() -> bytes:
    """What the cached answer depends on besides the data: the amctl code (all of it: which
    module decides validity is a detail that changes) and the Python that pickles it."""
    pakket = Path(model.__file__).parent
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(sys.version_info[:2]).encode())
    for bron in sorted(pakket.rglob("*.py")):
        h.update(bron.relative_to(pakket).as_posix().encode())
        h.update(bron.read_bytes())
    return h.digest()


def sleutel(inhoud: bytes) -> str:
    h = hashlib.blake2b(inhoud, digest_size=20)
    h.update(_vingerafdruk())
    return h.hexdigest()


def _veilige_map(map_: Path) -> bool:
    """Only a folder of our own that nobody else can write to is trusted with pickles."""
    try:
        info = map_.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def model_van(pad: Path) -> tuple[bytes, Organisatie | None]:
    """The file's bytes and, when the cache has it, its validated model."""
    from amctl.grenzen import MAX_BYTES

    info = pad.stat()
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
        return b"", None  # the loader reads it with its own limits and messages
    inhoud = pad.read_bytes()
    organisatie = lees(inhoud)
    if organisatie is not None:
        organisatie.bestand = str(pad)
    return inhoud, organisatie


def lees(inhoud: bytes) -> Organisatie | None:
    map_ = cachemap()
    if map_ is None or not _veilige_map(map_):
        return None
    pad = map_ / f"{sleutel(inhoud)}.pickle"
    try:
        ruw = pad.read_bytes()
        if not ruw.startswith(_KOP):
            return None
        controle, gegevens = ruw[len(_KOP) : len(_KOP) + 32], ruw[len(_KOP) + 32 :]
        if hashlib.blake2b(gegevens, digest_size=32).digest() != controle:
            return None
        with zonder_gc():
            organisatie = pickle.loads(gegevens)
    except Exception:  # a cache that cannot be read is a cache miss, whatever the reason
        return None
    return organisatie if isinstance(organisatie, Organisatie) else None


def bewaar(inhoud: bytes, organisatie: Organisatie) -> None:
    """Best effort: a cache that cannot be written (read-only home, full disk) is no error."""
    from amctl.schrijven import schrijf_atomair

    map_ = cachemap()
    if map_ is None:
        return
    try:
        map_.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _veilige_map(map_):
            return
        gegevens = pickle.dumps(_zonder_posities(organisatie), protocol=pickle.HIGHEST_PROTOCOL)
        controle = hashlib.blake2b(gegevens, digest_size=32).digest()
        schrijf_atomair(map_ / f"{sleutel(inhoud)}.pickle", _KOP + controle + gegevens)
        _ruim_op(map_)
    except Exception:
        return


def _ruim_op(map_: Path) -> None:
    items = sorted(map_.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for oud in items[MAX_ITEMS:]:
        with contextlib.suppress(OSError):
            oud.unlink()


def _zonder_posities(organisatie: Organisatie) -> Organisatie:
    """Queries never report positions; leaving them out makes the entry half the size and
    twice as fast to load."""
    kopie = Organisatie(organisatie.bestand)
    kopie.versie = organisatie.versie
    for sectie in model.SECTIES:
        setattr(
            kopie,
            sectie,
            {id_: _kaal(obj) for id_, obj in getattr(organisatie, sectie).items()},
        )
    kopie.bekleders()  # computed once here, loaded with the rest
    return kopie


def _kaal(waarde):
    if isinstance(waarde, tuple):
        if hasattr(waarde, "_fields"):
            vervangen = {}
            for veld in waarde._fields:
                if veld == "plek":
                    vervangen[veld] = GEEN_PLEK
                elif veld == "plekken":
                    vervangen[veld] = _GEEN_PLEKKEN
                else:
                    binnen = getattr(waarde, veld)
                    if isinstance(binnen, tuple):
                        vervangen[veld] = _kaal(binnen)
            return waarde._replace(**vervangen)
        return tuple(_kaal(w) for w in waarde)
    return waarde
