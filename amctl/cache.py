"""A cache of what amctl concluded about an unchanged file, so that asking again skips the YAML
parser and the checks (on a national-scale file: seconds instead of a fraction of one).

Two kinds of entry, both under the same key, a hash of the file's bytes together with a
fingerprint of the amctl code and the Python version (any change to either gives another key):

- the verdict of `amctl validate` (`<key>.uitslag`: the problems, or none), so that validating
  an unchanged file imports neither PyYAML nor the rules;
- the validated model (`<key>.model`, an SQLite database of the standard library), one row per
  object (body, person, gemeente, ...) plus the look-ups the queries use (holders per post,
  bodies per gemeente, post and person, bodies per parent, names). A query loads only the rows
  it touches: `wie-zit-in` on a national-scale file reads a few dozen of 30,000.

Safe against a stale cache: the key. Safe against a corrupt cache: every entry and every row
carries a hash of its contents together with its key, so an entry copied to another key, a
damaged byte or a row from another entry is noticed; such an entry is ignored (and rebuilt),
whatever the damage. Only models without errors are kept (queries refuse invalid data).

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
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amctl import grenzen
from amctl.probleem import GEEN_PLEK, GebruiksFout, Probleem

if TYPE_CHECKING:
    import sqlite3

    from amctl.model import Organisatie

MAX_ITEMS = 16  # models kept (and as many verdicts); the oldest go first
UIT = ("uit", "0", "nee", "off", "false", "no")
AAN = ("", "aan", "1", "ja", "on", "true", "yes")
_KOP_UITSLAG = b"amctl-uitslag-1\n"
_SLEUTELLENGTE = 40  # hex digits
_CONTROLE = 16  # bytes of blake2b in front of every row
_EMMERS = 256  # rows per look-up (see _emmer)
_BULK_NA = 64  # after this many single look-ups in one section, read the rest at once


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


def _map_om_te_lezen() -> Path | None:
    map_ = cachemap()
    return map_ if map_ is not None and _veilige_map(map_) else None


def _map_om_te_schrijven() -> Path | None:
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


def _controle(sleutel_: str, sectie: str, id_: str, gegevens: bytes) -> bytes:
    """The hash that binds stored bytes to their key and their place in the entry."""
    plaats = f"{len(sectie)}:{sectie}{len(id_)}:{id_}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(plaats + gegevens, digest_size=_CONTROLE, key=sleutel_.encode()).digest()


def _ruim_op(map_: Path, achtervoegsel: str) -> None:
    items = []
    for item in map_.glob(f"*{achtervoegsel}"):
        with contextlib.suppress(OSError):
            items.append((item.stat().st_mtime, item))
    items.sort(reverse=True)
    for _, oud in items[MAX_ITEMS:]:
        with contextlib.suppress(OSError):
            oud.unlink()


def _schrijf_prive(doel: Path, vul) -> None:
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
    map_ = _map_om_te_lezen()
    if map_ is None:
        return None
    sleutel_ = sleutel(inhoud)
    try:
        ruw = (map_ / _uitslagnaam(sleutel_, bestand)).read_bytes()
        kop = _KOP_UITSLAG + sleutel_.encode()
        if not ruw.startswith(kop):
            return None
        controle, gegevens = ruw[len(kop) : len(kop) + _CONTROLE], ruw[len(kop) + _CONTROLE :]
        if _controle(sleutel_, "uitslag", bestand, gegevens) != controle:
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
        map_ = _map_om_te_schrijven()
        if map_ is None:
            return
        sleutel_ = sleutel(inhoud)
        gegevens = pickle.dumps((bestand, tuple(problemen)), protocol=pickle.HIGHEST_PROTOCOL)
        controle = _controle(sleutel_, "uitslag", bestand, gegevens)
        entry = _KOP_UITSLAG + sleutel_.encode() + controle + gegevens
        _schrijf_prive(map_ / _uitslagnaam(sleutel_, bestand), lambda pad: pad.write_bytes(entry))
        _ruim_op(map_, ".uitslag")
    except Exception:
        return


# --- the model -----------------------------------------------------------------------------


class Defect(Exception):
    """A row of a model entry does not check out: the entry is not to be trusted."""


def model_van(
    pad: Path, herbouw: Callable[[bytes, str], Organisatie]
) -> tuple[bytes, Organisatie | None]:
    """The file's bytes (empty for what is not a regular file within the limit) and, when the
    cache has it, its validated model. `herbouw` builds the model from the bytes should a
    damaged entry turn up halfway through a question: the validation layer (amctl.controle)
    gives it, so the cache never imports that layer."""
    inhoud = lees_bestand(pad)
    if inhoud is None:
        return b"", None
    organisatie = lees(inhoud, herbouw)
    if organisatie is not None:
        organisatie.bestand = str(pad)
    return inhoud, organisatie


def lees(inhoud: bytes, herbouw: Callable[[bytes, str], Organisatie]) -> Organisatie | None:
    """The cached model of these bytes, loading its objects only as they are asked for."""
    map_ = _map_om_te_lezen()
    if map_ is None:
        return None
    sleutel_ = sleutel(inhoud)
    pad = map_ / f"{sleutel_}.model"
    if not pad.is_file():
        return None
    try:
        import sqlite3
        from urllib.parse import quote

        verbinding = sqlite3.connect(
            f"file:{quote(str(pad))}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        bron = _Bron(verbinding, sleutel_, inhoud, herbouw)
        if bron.rij("_kop", "sleutel") != sleutel_:
            return None
        return _Gecached(bron)
    except Exception:  # a cache that cannot be read is a cache miss, whatever the reason
        return None


def bewaar(inhoud: bytes, organisatie: Organisatie) -> None:
    """Best effort: a cache that cannot be written (read-only home, full disk) is no error."""
    try:
        map_ = _map_om_te_schrijven()
        if map_ is None:
            return
        sleutel_ = sleutel(inhoud)
        with zonder_gc():
            rijen = list(_rijen(sleutel_, organisatie))
        _schrijf_prive(map_ / f"{sleutel_}.model", lambda pad: _schrijf_database(pad, rijen))
        _ruim_op(map_, ".model")
    except Exception:
        return


def _schrijf_database(pad: Path, rijen: list[tuple[str, str, int, bytes]]) -> None:
    import sqlite3

    verbinding = sqlite3.connect(pad)
    try:
        verbinding.execute("PRAGMA journal_mode=OFF")
        verbinding.execute("PRAGMA synchronous=OFF")
        verbinding.execute(
            "CREATE TABLE rij (sectie TEXT, id TEXT, volgorde INTEGER, data BLOB, "
            "PRIMARY KEY (sectie, id)) WITHOUT ROWID"
        )
        rijen.sort()  # in key order: the B-tree fills from left to right
        verbinding.executemany("INSERT INTO rij VALUES (?, ?, ?, ?)", rijen)
        verbinding.execute("CREATE INDEX op_volgorde ON rij (sectie, volgorde)")
        verbinding.commit()
    finally:
        verbinding.close()


# Sections of the entry besides the model's own: the look-ups of the queries (amctl.vragen
# builds them; the cache only keeps them) and the holders per post.
_BEKLEDERS = "_bekleders"
_INDEX = "_index:"
_SCHEIDING = "\x1f"


def _rijen(sleutel_: str, organisatie: Organisatie):
    """Every object on a row of its own, with its place in the file."""
    from amctl import model, vragen

    def rij(sectie: str, id_: str, volgorde: int, waarde: Any):
        gegevens = pickle.dumps(waarde, protocol=pickle.HIGHEST_PROTOCOL)
        return (sectie, id_, volgorde, _controle(sleutel_, sectie, id_, gegevens) + gegevens)

    def tabel(sectie: str, inhoud):
        for volgorde, (id_, waarde) in enumerate(inhoud):
            yield rij(sectie, id_, volgorde, waarde)

    yield rij("_kop", "sleutel", 0, sleutel_)
    overig = {
        naam: waarde
        for naam, waarde in vars(organisatie).items()
        if naam not in model.SECTIES and naam not in _NIET_BEWAARD
    }
    yield rij("_kop", "organisatie", 0, overig)
    for sectie in model.SECTIES:
        yield from tabel(sectie, ((i, _kaal(o)) for i, o in getattr(organisatie, sectie).items()))
    bekleders = organisatie.bekleders().items()
    yield from tabel(_BEKLEDERS, ((_post_id(p), [_kaal(b) for b in bs]) for p, bs in bekleders))
    for naam, bouw in vragen.INDEXEN.items():
        emmers: dict[str, dict[str, tuple[int, Any]]] = {}
        for volgorde, (sleutel_in_index, waarde) in enumerate(bouw(organisatie).items()):
            emmer = emmers.setdefault(_emmer(sleutel_in_index), {})
            emmer[sleutel_in_index] = (volgorde, waarde)
        yield from tabel(_INDEX + naam, emmers.items())


def _emmer(sleutel_in_index: str) -> str:
    """A look-up has tens of thousands of small entries (every name of every person); they are
    kept in a few hundred rows ('buckets') by a hash of the key, which is much faster to write
    and, for one key, as fast to read."""
    return str(zlib.crc32(sleutel_in_index.encode("utf-8", "surrogatepass")) % _EMMERS)


# Positions and references serve the checks only; queries never report them.
_NIET_BEWAARD = ("bestand", "verwijzingen", "id_plekken", "_bekleders", "_indexen")


def _post_id(post: tuple[str, str | None]) -> str:
    functie, gemeente = post
    return f"{functie}{_SCHEIDING}{gemeente or ''}"


_GEEN_PLEKKEN: dict = {}  # what an object from the cache has for its positions; never changed


def _kaal(waarde):
    """The object without its positions: half the size, twice as fast to load."""
    soort = type(waarde)
    if soort is tuple:
        return tuple(map(_kaal, waarde)) if any(type(w) is not str for w in waarde) else waarde
    velden = _posities_en_delen(soort)
    if velden is None:
        return waarde
    posities, delen = velden
    waarden = list(waarde)
    for i, vervanging in posities:
        waarden[i] = vervanging
    for i in delen:
        if isinstance(waarden[i], tuple):
            waarden[i] = _kaal(waarden[i])
    return tuple.__new__(soort, waarden)


@functools.cache
def _posities_en_delen(soort: type):
    """For a model class: which fields hold positions (and what replaces them), and which may
    hold objects with positions of their own."""
    velden = getattr(soort, "_fields", None)
    if velden is None:
        return None
    vervanging = {"plek": GEEN_PLEK, "plekken": _GEEN_PLEKKEN}
    posities = tuple((i, vervanging[v]) for i, v in enumerate(velden) if v in vervanging)
    delen = tuple(i for i, v in enumerate(velden) if v not in vervanging)
    return posities, delen


class _Bron:
    """The rows of one model entry, each checked against its key when read."""

    def __init__(
        self,
        verbinding: sqlite3.Connection,
        sleutel_: str,
        inhoud: bytes,
        herbouw: Callable[[bytes, str], Organisatie],
    ) -> None:
        self.verbinding = verbinding
        self.sleutel = sleutel_
        self.inhoud = inhoud
        self.herbouw = herbouw

    def _uitpakken(self, sectie: str, id_: str, data: bytes) -> Any:
        controle, gegevens = data[:_CONTROLE], data[_CONTROLE:]
        if _controle(self.sleutel, sectie, id_, gegevens) != controle:
            raise Defect(f"{sectie}/{id_}")
        try:
            return pickle.loads(gegevens)
        except Exception as fout:
            raise Defect(f"{sectie}/{id_}: {fout}") from None

    def rij(self, sectie: str, id_: str) -> Any:
        """The object stored under (sectie, id_); KeyError when there is none."""
        try:
            gevonden = self.verbinding.execute(
                "SELECT data FROM rij WHERE sectie = ? AND id = ?", (sectie, id_)
            ).fetchone()
        except Exception as fout:
            raise Defect(str(fout)) from None
        if gevonden is None:
            raise KeyError(id_)
        return self._uitpakken(sectie, id_, gevonden[0])

    def alle(self, sectie: str) -> dict[str, Any]:
        """A whole section, in file order."""
        try:
            rijen = self.verbinding.execute(
                "SELECT id, data FROM rij WHERE sectie = ? ORDER BY volgorde", (sectie,)
            ).fetchall()
        except Exception as fout:
            raise Defect(str(fout)) from None
        with zonder_gc():
            return {id_: self._uitpakken(sectie, id_, data) for id_, data in rijen}


class _Sectie(Mapping):
    """A section of the model (or a look-up) whose objects load when first asked for; iterating
    loads them all, in file order. A damaged entry is noticed on reading and the model is then
    rebuilt from the file, so a question never gets an answer from a damaged cache."""

    def __init__(
        self, organisatie: _Gecached, naam: str, sleutel_van=str, emmers: bool = False
    ) -> None:
        self._organisatie = organisatie
        self._naam = naam
        self._sleutel_van = sleutel_van
        self._emmers: dict[str, dict] | None = {} if emmers else None
        self._geladen: dict = {}
        self._alles: dict | None = None
        self._gevraagd = 0

    def _laad_alles(self) -> dict:
        if self._alles is None:

            def lees(bron: _Bron) -> dict:
                alles = bron.alle(self._naam)
                if self._emmers is not None:
                    inhoud = [(v, k, w) for emmer in alles.values() for k, (v, w) in emmer.items()]
                    return {k: w for _, k, w in sorted(inhoud, key=lambda r: r[0])}
                if self._sleutel_van is str:
                    return alles
                return {self._sleutel_van(k): v for k, v in alles.items()}

            self._alles = self._organisatie._lees(lees, self._naam, None)
        return self._alles

    def _uit_emmer(self, bron: _Bron, sleutel_: str):
        assert self._emmers is not None
        nummer = _emmer(sleutel_)
        if nummer not in self._emmers:
            try:
                self._emmers[nummer] = bron.rij(self._naam, nummer)
            except KeyError:
                self._emmers[nummer] = {}
        return self._emmers[nummer][sleutel_][1]

    def __getitem__(self, id_):
        if self._alles is not None:
            return self._alles[id_]
        try:
            return self._geladen[id_]
        except KeyError:
            pass
        self._gevraagd += 1
        if self._gevraagd > _BULK_NA and self._emmers is None:
            return self._laad_alles()[id_]
        sleutel_ = _post_id(id_) if self._sleutel_van is not str else id_
        if not isinstance(sleutel_, str):
            raise KeyError(id_)
        if self._emmers is not None:
            waarde = self._organisatie._lees(
                lambda bron: self._uit_emmer(bron, sleutel_), self._naam, id_
            )
        else:
            waarde = self._organisatie._lees(
                lambda bron: bron.rij(self._naam, sleutel_), self._naam, id_
            )
        self._geladen[id_] = waarde
        return waarde

    def __contains__(self, id_) -> bool:
        try:
            self[id_]
        except KeyError:
            return False
        return True

    def __iter__(self):
        return iter(self._laad_alles())

    def __len__(self) -> int:
        return len(self._laad_alles())

    def keys(self):
        return self._laad_alles().keys()

    def values(self):
        return self._laad_alles().values()

    def items(self):
        return self._laad_alles().items()


def _als_post(tekst: str) -> tuple[str, str | None]:
    functie, gemeente = tekst.split(_SCHEIDING, 1)
    return functie, gemeente or None


@functools.cache
def _gecachete_klasse():
    from amctl.model import Organisatie

    class Gecached(Organisatie):
        """A model from the cache: the same questions, the same answers, fewer objects."""

        def __init__(self, bron: _Bron) -> None:
            from amctl import model

            self._bron: _Bron | None = bron
            self._vers: Organisatie | None = None
            overig = bron.rij("_kop", "organisatie")  # damaged here: a plain cache miss
            Organisatie.__init__(self, "")
            vars(self).update(overig)
            for sectie in model.SECTIES:
                setattr(self, sectie, _Sectie(self, sectie))
            self._bekleders = _Sectie(self, _BEKLEDERS, _als_post)

        def index(self, naam: str, bouw):
            if naam not in self._indexen:
                self._indexen[naam] = _Sectie(self, _INDEX + naam, emmers=True)
            return self._indexen[naam]

        def _lees(self, lees, sectie: str, id_):
            """Read through the entry; should it turn out damaged, drop it and answer from a
            model built from the file itself (the bytes are known: they gave the key)."""
            if self._bron is not None:
                try:
                    return lees(self._bron)
                except Defect:
                    self._verwerp()
            assert self._vers is not None
            return _uit_vers(self._vers, sectie, id_)

        def _verwerp(self) -> None:
            bron, self._bron = self._bron, None
            assert bron is not None
            with contextlib.suppress(Exception):
                bron.verbinding.close()
            map_ = cachemap()
            if map_ is not None:
                with contextlib.suppress(OSError):
                    (map_ / f"{bron.sleutel}.model").unlink()
            self._vers = bron.herbouw(bron.inhoud, self.bestand)
            bewaar(bron.inhoud, self._vers)

    return Gecached


def _uit_vers(vers: Organisatie, sectie: str, id_):
    from amctl import vragen

    if sectie == _BEKLEDERS:
        tabel = vers.bekleders()
    elif sectie.startswith(_INDEX):
        naam = sectie[len(_INDEX) :]
        tabel = vers.index(naam, vragen.INDEXEN[naam])
    else:
        tabel = getattr(vers, sectie)
    return dict(tabel) if id_ is None else tabel[id_]


def _Gecached(bron: _Bron):
    return _gecachete_klasse()(bron)
