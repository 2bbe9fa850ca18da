"""The validated model in the cache (amctl.cache: where, the key, the checks): an SQLite
database of the standard library per file (`<key>.model`), one row per object (body, person,
gemeente, ...) plus the look-ups the queries use (holders per post, bodies per gemeente, post
and person, bodies per parent, names). Every row is JSON (see `_naar_json`): plain data, with
the model's classes named by a tag and rebuilt from a fixed list of them; nothing in an entry
can run code.

The whole entry is read and checked (amctl.cache.pak_uit: one keyed digest over all of it)
before SQLite sees it, and SQLite opens the checked bytes in memory (`deserialize`), so the
bytes checked are the bytes read. A query then decodes only the rows it touches: `wie-zit-in`
on a national-scale file a few dozen of 30,000, and Tab completion only the ids that start
with what was typed. A row that is missing or does not decode drops the entry, and the answer
comes from a model built from the file itself (never half of each). Only models without errors
are kept (queries refuse invalid data).
"""

from __future__ import annotations

import contextlib
import functools
import json
import zlib
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from amctl import cache
from amctl.probleem import GEEN_PLEK

if TYPE_CHECKING:
    import sqlite3

    from amctl.model import Organisatie

_EMMERS = 256  # rows per look-up (see _emmer)
_BULK_NA = 64  # after this many single look-ups in one section, read the rest at once


class Defect(Exception):
    """A row of a model entry is missing or does not decode: the entry is not to be trusted."""


def model_van(
    pad: Path, herbouw: Callable[[bytes, str], Organisatie], inhoud: bytes | None = None
) -> tuple[bytes, Organisatie | None]:
    """The file's bytes (empty for what is not a regular file within the limit; `inhoud` when
    the caller read them already) and, when the cache has it, their validated model. `herbouw`
    builds the model from the bytes should a damaged entry turn up halfway through a question:
    the validation layer (amctl.controle) gives it, so the cache never imports that layer."""
    if inhoud is None:
        inhoud = cache.lees_bestand(pad)
    if inhoud is None:
        return b"", None
    return inhoud, lees(str(pad), inhoud, herbouw)


def lees(
    pad: str, inhoud: bytes, herbouw: Callable[[bytes, str], Organisatie]
) -> Organisatie | None:
    """The cached model of these bytes at this path, decoding its objects only as they are
    asked for."""
    from amctl.invoer import onveranderd

    sleutel_ = cache.sleutel(pad, inhoud)
    if sleutel_ is None:
        return None
    with cache.cachemap_fd() as map_fd:
        if map_fd is None:
            return None
        gegevens = cache.pak_uit(sleutel_, "model", cache.lees_item(map_fd, f"{sleutel_}.model"))
    if gegevens is None:
        return None
    try:
        import sqlite3

        verbinding = sqlite3.connect(":memory:", check_same_thread=False)
        verbinding.deserialize(gegevens)
        bron = _Bron(verbinding, sleutel_, pad, inhoud, herbouw)
        aanwezig = dict(
            verbinding.execute(
                "SELECT sectie, COUNT(*) FROM rij WHERE sectie != '_kop' "
                "GROUP BY sectie ORDER BY sectie"
            ).fetchall()
        )
        if (
            bron.rij("_kop", "sleutel") != sleutel_
            or bron.rij("_kop", "tellingen") != aanwezig  # not a row too few or too many
            or not onveranderd(bron.rij("_kop", "gelezen"))
        ):
            return None
        organisatie = _Gecached(bron)
    except Exception:  # a cache that cannot be read is a cache miss, whatever the reason
        return None
    organisatie.bestand = pad
    return organisatie


def bewaar(pad: str, inhoud: bytes, organisatie: Organisatie, gelezen=()) -> None:
    """Keep the validated model of these bytes at this path; `gelezen`: what the checks read
    besides the file (amctl.invoer). Best effort: a cache that cannot be written (read-only
    home, full disk) is no error."""
    try:
        sleutel_ = cache.sleutel(pad, inhoud)
        if sleutel_ is None:
            return
        with cache.zonder_gc():
            rijen = list(_rijen(sleutel_, organisatie, gelezen))
        rijen.append(_rij("_kop", "tellingen", 0, _tellingen(r[0] for r in rijen)))
        gegevens = _database(rijen)
        with cache.cachemap_fd(maak=True) as map_fd:
            if map_fd is None:
                return
            cache.schrijf_item(
                map_fd, f"{sleutel_}.model", cache.verpak(sleutel_, "model", gegevens)
            )
            cache.ruim_op(map_fd, ".model")
    except Exception:
        return


def _database(rijen: list[tuple[str, str, int, str]]) -> bytes:
    import sqlite3

    verbinding = sqlite3.connect(":memory:")
    try:
        verbinding.execute(
            "CREATE TABLE rij (sectie TEXT, id TEXT, volgorde INTEGER, data TEXT, "
            "PRIMARY KEY (sectie, id)) WITHOUT ROWID"
        )
        rijen.sort()  # in key order: the B-tree fills from left to right
        verbinding.executemany("INSERT INTO rij VALUES (?, ?, ?, ?)", rijen)
        verbinding.execute("CREATE INDEX op_volgorde ON rij (sectie, volgorde)")
        verbinding.commit()
        return verbinding.serialize()
    finally:
        verbinding.close()


# --- the rows as JSON: plain data, the model's classes by name ------------------------------


_KLASSEN: dict[str, type] = {}


def _klassen() -> dict[str, type]:
    """The only classes an entry can name: the model's objects and positions."""
    if not _KLASSEN:
        from amctl import model
        from amctl.probleem import Plek

        _KLASSEN["Plek"] = Plek
        for naam in model.__all__:
            klasse = getattr(model, naam)
            if (
                isinstance(klasse, type)
                and issubclass(klasse, tuple)
                and hasattr(klasse, "_fields")
            ):
                _KLASSEN[naam] = klasse
    return _KLASSEN


def _naar_json(waarde):
    """A value of the model as JSON: text, numbers, yes/no and null as themselves; every other
    value a list whose first element says what it is ('t' tuple, 'l' list, 'm' dict as key,
    value, ..., 'd' a date by its ordinal, 'p' the empty positions, or a model class name)."""
    soort = type(waarde)
    if waarde is None or soort in (str, int, bool, float):
        return waarde
    if soort is tuple:
        return ["t", *map(_naar_json, waarde)]
    if soort is list:
        return ["l", *map(_naar_json, waarde)]
    if soort is dict:
        uit = ["m"]
        for k, v in waarde.items():
            uit += (_naar_json(k), _naar_json(v))
        return uit
    if soort is date:
        return ["d", waarde.toordinal()]
    if soort is MappingProxyType and not waarde:
        return ["p"]
    naam = soort.__name__
    if _klassen().get(naam) is soort:
        return [naam, *map(_naar_json, waarde)]
    raise TypeError(f"{soort!r} hoort niet in de cache")


def _uit_json(waarde):
    """The value `_naar_json` wrote. Plain values are not passed to a call of their own: most
    fields are text or null, and a model has hundreds of thousands of them."""
    if type(waarde) is not list:
        return waarde
    soort = waarde[0]
    delen = [w if type(w) is not list else _uit_json(w) for w in waarde[1:]]
    if soort == "t":
        return tuple(delen)
    if soort == "l":
        return delen
    if soort == "m":
        return dict(zip(delen[::2], delen[1::2], strict=True))
    if soort == "d":
        return date.fromordinal(*delen)
    if soort == "p":
        return _GEEN_PLEKKEN
    klasse = _KLASSEN.get(soort) or _klassen()[soort]
    if len(delen) != len(klasse._fields):
        raise ValueError(soort)
    return tuple.__new__(klasse, delen)


# Sections of the entry besides the model's own: the look-ups of the queries (amctl.vragen
# builds them; the cache only keeps them) and the holders per post.
_BEKLEDERS = "_bekleders"
_INDEX = "_index:"
_SCHEIDING = "\x1f"


def _tellingen(secties) -> dict[str, int]:
    """Rows per section (besides the header): an entry must hold exactly these."""
    uit: dict[str, int] = {}
    for sectie in secties:
        if sectie != "_kop":
            uit[sectie] = uit.get(sectie, 0) + 1
    return dict(sorted(uit.items()))


def _rij(sectie: str, id_: str, volgorde: int, waarde: Any) -> tuple[str, str, int, str]:
    return sectie, id_, volgorde, json.dumps(_naar_json(waarde), separators=(",", ":"))


def _rijen(sleutel_: str, organisatie: Organisatie, gelezen):
    """Every object on a row of its own, with its place in the file."""
    from amctl import model, vragen

    rij = _rij

    def tabel(sectie: str, inhoud):
        for volgorde, (id_, waarde) in enumerate(inhoud):
            yield rij(sectie, id_, volgorde, waarde)

    yield rij("_kop", "sleutel", 0, sleutel_)
    yield rij("_kop", "gelezen", 0, [tuple(g) for g in gelezen])
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


_GEEN_PLEKKEN = MappingProxyType({})  # what an object from the cache has for its positions


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
    """The rows of one model entry (checked whole before it was opened), decoded when read."""

    def __init__(
        self,
        verbinding: sqlite3.Connection,
        sleutel_: str,
        pad: str,
        inhoud: bytes,
        herbouw: Callable[[bytes, str], Organisatie],
    ) -> None:
        self.verbinding = verbinding
        self.sleutel = sleutel_
        self.pad = pad
        self.inhoud = inhoud
        self.herbouw = herbouw

    def _uitpakken(self, sectie: str, id_: str, data: str) -> Any:
        try:
            return _uit_json(json.loads(data))
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

    def beginnend_met(self, sectie: str, voorvoegsel: str) -> list[tuple[str, Any]]:
        """The objects whose id starts with `voorvoegsel`, in file order: a range of the
        primary key (every id from the prefix up to the prefix followed by the last code
        point), so that only the rows asked for are read."""
        try:
            rijen = self.verbinding.execute(
                "SELECT id, data FROM rij WHERE sectie = ? AND id >= ? AND id < ? "
                "ORDER BY volgorde",
                (sectie, voorvoegsel, voorvoegsel + "\U0010ffff"),
            ).fetchall()
        except Exception as fout:
            raise Defect(str(fout)) from None
        return [(id_, self._uitpakken(sectie, id_, data)) for id_, data in rijen]

    def alle(self, sectie: str) -> dict[str, Any]:
        """A whole section, in file order."""
        try:
            rijen = self.verbinding.execute(
                "SELECT id, data FROM rij WHERE sectie = ? ORDER BY volgorde", (sectie,)
            ).fetchall()
        except Exception as fout:
            raise Defect(str(fout)) from None
        with cache.zonder_gc():
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

    def beginnend_met(self, voorvoegsel: str) -> list[tuple[str, Any]]:
        """(id, object) for every id that starts with `voorvoegsel`, in file order, reading
        only those rows (Tab completion: a few persons of 20,000)."""
        if self._alles is not None or self._emmers is not None or self._sleutel_van is not str:
            return [(k, v) for k, v in self.items() if k.startswith(voorvoegsel)]
        gelezen = self._organisatie._lees(
            lambda bron: bron.beginnend_met(self._naam, voorvoegsel), self._naam, None
        )
        if isinstance(gelezen, dict):  # the entry was damaged: the whole section, rebuilt
            gelezen = list(gelezen.items())
        gevonden = [(k, v) for k, v in gelezen if k.startswith(voorvoegsel)]
        self._geladen.update(gevonden)
        return gevonden

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
            with cache.cachemap_fd() as map_fd:
                if map_fd is not None:
                    cache.verwijder_item(map_fd, f"{bron.sleutel}.model")
            self._vers = bron.herbouw(bron.inhoud, bron.pad)

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
