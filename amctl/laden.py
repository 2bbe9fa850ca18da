"""YAML text -> plain data with the position of every node. Safe, strict and one pass.

The document is built from libyaml's event stream instead of `yaml.load`, so that in a single
pass we can:

- refuse every tag that would construct a Python object (nothing from the file ever runs);
- refuse anchors and aliases, which a governance file has no use for, so that no
  "billion laughs" expansion can happen;
- bound the nesting depth without recursion (no RecursionError, whatever the input);
- reject a duplicate key at the duplicate's own line;
- remember the line and column of every key and value for messages.

Mappings come back as `Map` (a dict) and sequences as `Lijst` (a list); both carry their
positions. Scalars are str, int, float, bool, None or datetime.date.
"""

from __future__ import annotations

import errno
import os
import re
import select
import stat
import time
from datetime import date
from pathlib import Path
from typing import NamedTuple

import yaml

from amctl.grenzen import MAX_BYTES, MAX_DIEPTE, WACHTTIJD_INVOER
from amctl.probleem import Ernst, GebruiksFout, LaadFout, Plek, Probleem
from amctl.tekst import oorzaak, zichtbaar

# One verdict whatever the build: PyYAML's pure loader reads some files differently from
# libyaml (`%YAML 1.3`, a `"\ud800"` escape), so amctl runs only on libyaml and says so.
GEEN_LIBYAML = (
    "PyYAML is hier zonder libyaml (de C-lader) gebouwd, maar amctl heeft libyaml nodig, zodat "
    "elk bestand overal hetzelfde oordeel krijgt; installeer PyYAML opnieuw uit een wheel: "
    "'pip install --force-reinstall --only-binary pyyaml pyyaml'."
)
try:
    from yaml import CSafeLoader as _Loader
except ImportError:
    raise GebruiksFout(GEEN_LIBYAML) from None


_STANDAARD = "tag:yaml.org,2002:"
_TOEGESTANE_TAGS = {
    _STANDAARD + naam for naam in ("str", "int", "float", "bool", "null", "map", "seq")
}
_GEEN = object()
_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_WAAR = {"true", "yes", "on", "y"}


class Map(dict):
    """A YAML mapping: `plek` of the mapping, `sleutels`/`waarden` the plek of each key/value."""

    __slots__ = ("plek", "sleutels", "waarden")

    def __init__(self, plek: Plek) -> None:
        super().__init__()
        self.plek = plek
        self.sleutels: dict[str, Plek] = {}
        self.waarden: dict[str, Plek] = {}

    def plek_van(self, sleutel: str) -> Plek:
        """Where the value of `sleutel` stands; the mapping itself when the key is absent."""
        return self.waarden.get(sleutel, self.plek)


class Lijst(list):
    """A YAML sequence: `plek` of the sequence, `plekken` the plek of each item."""

    __slots__ = ("plek", "plekken")

    def __init__(self, plek: Plek) -> None:
        super().__init__()
        self.plek = plek
        self.plekken: list[Plek] = []


class Document(NamedTuple):
    bestand: str
    data: Map
    problemen: list[Probleem]
    # The lines (0-based) that continue a quoted text or a flow collection begun on an
    # earlier line, as the events show them (amctl.bewerken.yamltekst needs them to know
    # where a node ends; recorded here, they cost no second pass over the text).
    vervolg: frozenset[int] = frozenset()


_nieuw_tuple = tuple.__new__


def _plek(mark: yaml.Mark) -> Plek:
    # tuple.__new__ skips the Python-level __new__ of the NamedTuple: one call per event.
    return _nieuw_tuple(Plek, (mark.line + 1, mark.column + 1))


def _scalar(event: yaml.ScalarEvent, resolve) -> object:
    value = event.value
    tag = event.tag
    if tag in (None, "!"):
        if not event.implicit[0]:
            return value  # quoted: always text
        tag = resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STANDAARD + "str":
        return value
    if tag == _STANDAARD + "null":
        return None
    if tag == _STANDAARD + "bool":
        return value.lower() in _WAAR
    if tag == _STANDAARD + "int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == _STANDAARD + "float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if tag == _STANDAARD + "timestamp" and _DATUM.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


_TE_DIEP = f"De gegevens zijn dieper dan {MAX_DIEPTE} niveaus genest; maak ze vlakker."

_SYNTAX_NL = {
    "mapping values are not allowed here": "hier mag geen 'sleutel: waarde' staan",
    "mapping values are not allowed in this context": "hier mag geen 'sleutel: waarde' staan",
    "could not find expected ':'": "een ':' na de sleutel ontbreekt",
    "found character that cannot start any token": "dit teken kan hier niet beginnen",
    "did not find expected key": "hier werd een sleutel verwacht (klopt de inspringing?)",
    "did not find expected node content": "hier werd een waarde verwacht",
    "found undefined tag handle": "onbekende tag",
    "found unexpected end of stream": "het bestand houdt onverwacht op",
    "did not find expected '-' indicator": "hier werd een lijstregel met '-' verwacht",
    "found a tab character that violates indentation": "een tab in de inspringing; gebruik spaties",
    "found unknown escape character": "onbekende escape-reeks in een tekst tussen aanhalingstekens",
    "did not find expected ',' or ']'": "een ',' of ']' ontbreekt",
    "did not find expected ',' or '}'": "een ',' of '}' ontbreekt",
}


def _syntaxfout(bestand: str, fout: yaml.YAMLError, tekst: str) -> Probleem:
    if isinstance(fout, yaml.MarkedYAMLError) and fout.problem_mark is not None:
        plek = _plek(fout.problem_mark)
        probleem = fout.problem or "onbekende fout"
    else:
        positie = getattr(fout, "position", 0) or 0
        # libyaml counts bytes of UTF-8
        positie = len(tekst.encode("utf-8")[:positie].decode("utf-8", "ignore"))
        voor = tekst[:positie]
        plek = Plek(voor.count("\n") + 1, positie - (voor.rfind("\n") + 1) + 1)
        probleem = str(getattr(fout, "reason", "") or fout)
        if getattr(fout, "character", None) is not None:
            teken = fout.character
            code = ord(teken) if isinstance(teken, str) else teken
            return Probleem(
                bestand,
                plek,
                "AM003",
                Ernst.FOUT,
                f"Het teken U+{code:04X} is niet toegestaan in YAML; verwijder het.",
            )
    if probleem.startswith("exceeded maximum nesting depth"):
        # libyaml's own limit (1000) can trip before ours, while it scans ahead.
        return Probleem(bestand, plek, "AM008", Ernst.FOUT, _TE_DIEP)
    uitleg = _SYNTAX_NL.get(probleem.split(" (")[0].strip())
    uitleg = uitleg or f"de YAML-syntax klopt hier niet (libyaml: '{probleem}')"
    return Probleem(
        bestand, plek, "AM003", Ernst.FOUT, f"YAML-syntaxfout: {uitleg}; herstel de syntax."
    )


def lees_bytes(pad: Path) -> bytes:
    """Read the file, refusing one too large before it is read into memory. What reports no
    size (a device such as /dev/zero, or a link to one) is read no further than the limit; a
    pipe or FIFO is waited for at most WACHTTIJD_INVOER seconds. What cannot be read (a
    socket, /proc/self/mem) is a GebruiksFout in Dutch, never an OSError."""
    try:
        toestand = os.stat(pad)
        if stat.S_ISFIFO(toestand.st_mode):
            return _lees_pijp(pad)
        if stat.S_ISSOCK(toestand.st_mode):
            raise GebruiksFout(
                f"'{zichtbaar(str(pad), eenregelig=True)}' is een socket, geen bestand; geef "
                "het pad van een YAML-bestand."
            )
        grootte = toestand.st_size
        if grootte <= MAX_BYTES:
            with open(pad, "rb") as bestand:
                ruw = bestand.read(grootte + 1)  # all of a file of this size, in one buffer
                if len(ruw) <= grootte:
                    return ruw
                meer = bytearray(ruw)  # it grew, or has no size: on in steps, up to the limit
                while len(meer) <= MAX_BYTES:
                    deel = bestand.read(min(1 << 20, MAX_BYTES + 1 - len(meer)))
                    if not deel:
                        return bytes(meer)
                    meer += deel
    except OSError as fout:
        raise leesfout(pad, fout) from None
    raise te_groot(str(pad), grootte)


def leesfout(pad: Path | str, fout: OSError) -> GebruiksFout:
    """An OSError while reading, as one Dutch sentence naming the file."""
    redenen = {
        errno.ENOENT: "het bestaat niet",
        errno.EACCES: "geen leesrechten",
        errno.EPERM: "geen leesrechten",
        errno.EISDIR: "het is een map",
        errno.EIO: "het systeem geeft een leesfout (is het een speciaal bestand?)",
        errno.ENXIO: "het is geen bestand maar een apparaat of socket zonder inhoud",
        errno.ELOOP: "te veel symbolische links",
        errno.ENAMETOOLONG: "de naam is te lang",
    }
    reden = redenen.get(fout.errno) or oorzaak(fout)
    return GebruiksFout(
        f"Kan '{zichtbaar(str(pad), eenregelig=True)}' niet lezen: {reden}. Geef het pad van "
        "een leesbaar YAML-bestand."
    )


def _lees_pijp(pad: Path) -> bytes:
    """A pipe or FIFO: read until its writer closes it. Nobody writing within the wait (or
    silence that long in the middle) is refused instead of waiting for ever."""
    descriptor = os.open(pad, os.O_RDONLY | os.O_NONBLOCK)
    try:
        delen, totaal, ontvangen = [], 0, False
        einde = time.monotonic() + WACHTTIJD_INVOER
        while True:
            try:
                deel = os.read(descriptor, 1 << 20)
            except BlockingIOError:  # a writer, but nothing yet
                deel = None
            if deel:
                delen.append(deel)
                totaal += len(deel)
                ontvangen = True
                if totaal > MAX_BYTES:
                    raise te_groot(str(pad), 0)
                einde = time.monotonic() + WACHTTIJD_INVOER
                continue
            if deel == b"" and ontvangen:
                return b"".join(delen)  # the writer closed it: all there is
            if time.monotonic() >= einde:
                raise GebruiksFout(
                    f"Uit '{zichtbaar(str(pad), eenregelig=True)}' (een pipe of FIFO) kwam "
                    f"{WACHTTIJD_INVOER:g} seconden lang niets"
                    + (" meer" if ontvangen else "")
                    + "; amctl wacht niet langer. Schrijf het bestand in de FIFO, of geef het "
                    "pad van een gewoon bestand."
                )
            select.select([descriptor], [], [], 0.05)
            if deel == b"":
                time.sleep(0.02)  # no writer (yet): read returns at once
    finally:
        os.close(descriptor)


def te_groot(bestand: str, grootte: int) -> LaadFout:
    """AM010: the file is larger than the limit (`grootte` 0 or less: it reports no size)."""
    grens = f"{MAX_BYTES // (1024 * 1024)} MiB"
    if grootte > MAX_BYTES:
        melding = f"Het bestand is {grootte // (1024 * 1024)} MiB; meer dan {grens} wordt niet"
    else:
        melding = f"Het bestand is groter dan {grens}; meer wordt niet"
    return LaadFout(
        Probleem(
            bestand, Plek(1, 1), "AM010", Ernst.FOUT, f"{melding} gelezen. Splits of verklein het."
        )
    )


def decodeer(ruw: bytes, bestand: str) -> str:
    """UTF-8 only; a BOM is accepted and dropped."""
    if ruw.startswith(b"\xef\xbb\xbf"):
        ruw = ruw[3:]
    try:
        return ruw.decode("utf-8")
    except UnicodeDecodeError as fout:
        voor = ruw[: fout.start]
        plek = Plek(voor.count(b"\n") + 1, len(voor[voor.rfind(b"\n") + 1 :].decode()) + 1)
        raise LaadFout(
            Probleem(
                bestand,
                plek,
                "AM002",
                Ernst.FOUT,
                f"Byte 0x{ruw[fout.start]:02X} is geen geldige UTF-8; "
                "sla het bestand op als UTF-8.",
            )
        ) from None


def laad_tekst(tekst: str, bestand: str) -> Document:
    """Parse governance YAML text. Raises LaadFout when no document can be built."""
    problemen: list[Probleem] = []
    loader = None
    try:
        loader = _Loader(tekst)
        vervolg: set[int] = set()
        data = _bouw(loader, bestand, problemen, vervolg)
    except yaml.YAMLError as fout:
        raise LaadFout(_syntaxfout(bestand, fout, tekst)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return Document(bestand, data, problemen, frozenset(vervolg))


def laad_bestand(pad: Path) -> Document:
    bestand = str(pad)
    return laad_tekst(decodeer(lees_bytes(pad), bestand), bestand)


def _fout(bestand: str, plek: Plek, code: str, melding: str) -> LaadFout:
    return LaadFout(Probleem(bestand, plek, code, Ernst.FOUT, melding))


def _tagfout(bestand: str, plek: Plek, tag: str) -> LaadFout:
    return _fout(
        bestand,
        plek,
        "AM006",
        f"De tag '{tag}' is niet toegestaan; verwijder hem (er wordt nooit code uitgevoerd).",
    )


_AANHALINGSTEKENS = ("'", '"')


def _bouw(loader, bestand: str, problemen: list[Probleem], vervolg: set[int]) -> Map:
    get_event = loader.get_event
    resolve = loader.resolve
    ScalarEvent = yaml.ScalarEvent
    MappingStartEvent = yaml.MappingStartEvent
    SequenceStartEvent = yaml.SequenceStartEvent
    MappingEndEvent = yaml.MappingEndEvent
    SequenceEndEvent = yaml.SequenceEndEvent

    eerder: dict[str, object] = {}  # plain scalar text -> its value (all immutable)
    get_event()  # StreamStart
    event = get_event()
    if isinstance(event, yaml.StreamEndEvent):
        raise _fout(bestand, Plek(1, 1), "AM001", "Het bestand is leeg; begin met 'versie: 1'.")

    # Each stack entry: [container, pending key or None, key plek]
    stack: list[list] = []
    wortel: object = None
    wortel_plek = Plek(1, 1)
    while True:
        event = get_event()
        kind = type(event)
        if kind is yaml.DocumentEndEvent:
            break
        plek = _plek(event.start_mark)
        if getattr(event, "anchor", None) is not None or kind is yaml.AliasEvent:
            raise _fout(
                bestand,
                plek,
                "AM007",
                "Ankers en aliassen (&naam, *naam) worden niet ondersteund; schrijf de waarde uit.",
            )
        if kind is ScalarEvent:
            if event.style in _AANHALINGSTEKENS:
                eind = event.end_mark.line
                if eind != plek[0] - 1:
                    vervolg.update(range(plek[0], eind + 1))
            tag = event.tag
            if tag not in (None, "!") and tag not in _TOEGESTANE_TAGS:
                raise _tagfout(bestand, plek, tag)
            if stack and isinstance(stack[-1][0], Map) and stack[-1][1] is None:
                top = stack[-1]
                top[1] = event.value
                top[2] = plek
                continue
            if tag is None and event.implicit[0]:
                # Plain scalars repeat (ids, dates, true); resolving one is a regex run.
                waarde = eerder.get(event.value, _GEEN)
                if waarde is _GEEN:
                    waarde = eerder[event.value] = _scalar(event, resolve)
            else:
                waarde = _scalar(event, resolve)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            tag = event.tag
            if tag not in (None, "!") and tag not in _TOEGESTANE_TAGS:
                raise _tagfout(bestand, plek, tag)
            if stack and isinstance(stack[-1][0], Map) and stack[-1][1] is None:
                raise _fout(
                    bestand,
                    plek,
                    "AM011",
                    "Een sleutel moet een eenvoudige tekst zijn, geen lijst of mapping.",
                )
            if len(stack) >= MAX_DIEPTE:
                raise _fout(bestand, plek, "AM008", _TE_DIEP)
            nieuw = Map(plek) if kind is MappingStartEvent else Lijst(plek)
            stack.append([nieuw, None, None, bool(event.flow_style)])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            waarde, _, _, flow = stack.pop()
            plek = waarde.plek
            if flow and event.end_mark.line != plek[0] - 1:
                vervolg.update(range(plek[0], event.end_mark.line + 1))
        else:  # pragma: no cover - libyaml emits nothing else inside a document
            raise _fout(bestand, plek, "AM003", "YAML-syntaxfout: onverwacht element.")

        if not stack:
            wortel, wortel_plek = waarde, plek
            continue
        top = stack[-1]
        container = top[0]
        if type(container) is Lijst:
            container.append(waarde)
            container.plekken.append(plek)
            continue
        sleutel, sleutel_plek = top[1], top[2]
        top[1] = None
        if sleutel in container:
            problemen.append(
                Probleem(
                    bestand,
                    sleutel_plek,
                    "AM005",
                    Ernst.FOUT,
                    f"De sleutel '{sleutel}' staat hier nog een keer (eerst op regel "
                    f"{container.sleutels[sleutel].regel}); voeg de twee samen of "
                    "verwijder er een.",
                )
            )
            continue
        container[sleutel] = waarde
        container.sleutels[sleutel] = sleutel_plek
        container.waarden[sleutel] = plek

    event = get_event()
    if not isinstance(event, yaml.StreamEndEvent):
        raise _fout(
            bestand,
            _plek(event.start_mark),
            "AM004",
            "Het bestand bevat meer dan één YAML-document ('---'); houd één document over.",
        )
    if wortel is None:
        raise _fout(bestand, wortel_plek, "AM001", "Het bestand is leeg; begin met 'versie: 1'.")
    if not isinstance(wortel, Map):
        raise _fout(
            bestand,
            wortel_plek,
            "AM009",
            "Het bestand moet een mapping zijn (regels 'sleutel: waarde'), geen lijst of "
            "losse waarde.",
        )
    return wortel
