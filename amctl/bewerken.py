"""Edits of the data file: appoint, end a term, add or end a named membership, set a status.

An edit keeps everything it does not touch byte for byte: comments, key order, blank lines,
quoting. ruamel.yaml's round-trip mode cannot promise that for this file: at every line
width we measured (80 to 4096) a load and dump without any change already rewrites
data/organisatie.yaml, because it reflows multi-line plain scalars (the Regiegroep's `taken`;
at width 80, 70 lines). The edits
are therefore made in the text itself, at the positions amctl.laden records for every key,
value and list item; new lines copy the indentation and the flow or block style of their
neighbours.

Two checks stand between an edit and the file:

1. after every step the edited text must load to exactly the data the step meant, key order
   included; otherwise amctl has a bug and nothing is written (`BewerkingMislukt`);
2. the result must pass every check of `amctl validate` (`OngeldigeBewerking`).

`bewerk_bestand` takes an exclusive lock on the file, reads it only then, and writes the
result atomically (amctl.schrijven), so two edits at the same time never lose one another.
Every `--datum` is the day the new situation begins: a term that ends "per 2026-04-01" gets
`tot-en-met: 2026-03-31`, as docs/formaat.md prescribes.
"""

from __future__ import annotations

import bisect
import difflib
import errno
import json
import os
import re
import stat
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from amctl.controle import OngeldigeData, Uitslag, controleer_tekst
from amctl.grenzen import MAX_BYTES
from amctl.laden import Lijst, Map, decodeer, laad_tekst, lees_bytes, te_groot
from amctl.model import (
    ID_PATROON,
    STATUSSEN,
    TOPVELDEN,
    Bezetting,
    Orgaan,
    Organisatie,
    Persoon,
    geldig_op,
)
from amctl.probleem import GebruiksFout, LaadFout, Probleem
from amctl.schrijven import controleer_bewerkbaar, lees_descriptor, toon_pad, vervang_gegevens
from amctl.tekst import suggestie
from amctl.vragen import (
    bedoelde_personen,
    functienaam,
    personen_met,
    statuslabel,
    zoek_orgaan,
    zoek_persoon,
    zoek_wie,
)

WACHTTIJD = 10.0  # seconds an edit waits while another one holds the file
DAG = timedelta(days=1)
_BOM = b"\xef\xbb\xbf"


class OngeldigeBewerking(Exception):
    """The edited text would not pass `amctl validate`; nothing is written."""

    def __init__(self, uitslag: Uitslag, diff: str) -> None:
        super().__init__(uitslag.bestand)
        self.uitslag = uitslag
        self.diff = diff


class BewerkingMislukt(Exception):
    """The text edit did not give the data it meant: a bug in amctl; nothing is written."""


class Bezet(GebruiksFout):
    """Another edit held the file longer than we wait (exit status 2)."""


# --- writing YAML values ------------------------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_NIET_VOORAAN = set("-?:,[]{}#&*!|>'\"%@`")
_REGELEINDE = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # libyaml's line breaks


# Text that starts with a letter and holds nothing YAML reads specially as a plain scalar;
# whether it reads back as text is then only up to the implicit resolvers (yes, null, ...).
_ALLEDAAGS = re.compile(r"[^\W\d_][\w .'()&/+-]*\Z")
_TEKST_TAG = "tag:yaml.org,2002:str"


def _leest_als(yaml_tekst: str, waarde: object) -> bool:
    if (
        yaml_tekst is waarde
        and _ALLEDAAGS.match(yaml_tekst)
        and not yaml_tekst.endswith(" ")
        and _RESOLVER.resolve(yaml.ScalarNode, yaml_tekst, (True, False)) == _TEKST_TAG
    ):
        return True  # the common case, without starting a parser
    try:
        return yaml.safe_load("k: " + yaml_tekst) == {"k": waarde}
    except yaml.YAMLError:
        return False


def skalaar(waarde: object, flow: bool = False) -> str:
    """A scalar as YAML: plain when that reads back as the same value, else double-quoted."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, int):
        return str(waarde)
    tekst = str(waarde)
    kan_plain = (
        tekst
        and tekst == tekst.strip()
        and tekst[0] not in _NIET_VOORAAN
        and not _REGELEINDE.search(tekst)
        and "\t" not in tekst
        and " #" not in tekst
        and ": " not in tekst
        and not tekst.endswith(":")
        and not (flow and any(c in tekst for c in ",[]{}"))
    )
    if kan_plain and _leest_als(tekst, tekst):
        return tekst
    aanhalen = json.dumps(tekst, ensure_ascii=False)
    return aanhalen if _leest_als(aanhalen, tekst) else json.dumps(tekst)


def _flow(waarde: object) -> str:
    if isinstance(waarde, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in waarde.items()) + "}"
    if isinstance(waarde, list):
        return "[" + ", ".join(_flow(v) for v in waarde) + "]"
    return skalaar(waarde, flow=True)


def _kaal(waarde: object) -> object:
    """Loaded data as plain dicts and lists (a deep copy) that a step can change."""
    if isinstance(waarde, dict):
        return {k: _kaal(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_kaal(v) for v in waarde]
    return waarde


def _geordend(waarde: object) -> object:
    """Comparable data in which the order of keys counts."""
    if isinstance(waarde, dict):
        return ("{", tuple((k, _geordend(v)) for k, v in waarde.items()))
    if isinstance(waarde, list):
        return ("[", tuple(_geordend(v) for v in waarde))
    return (type(waarde).__name__, waarde)


def _zet_na(mapping: dict, nieuw: dict, na: tuple[str, ...]) -> None:
    """Insert the keys of `nieuw` after the first key of `na` present (else last), keeping
    the order."""
    ref = next((k for k in na if k in mapping), None)
    if ref is None or ref == next(reversed(mapping)):
        mapping.update(nieuw)
        return
    items = list(mapping.items())
    positie = [k for k, _ in items].index(ref) + 1
    items[positie:positie] = nieuw.items()
    mapping.clear()
    mapping.update(items)


def _in(data: Any, pad: tuple) -> Any:
    for stap in pad:
        data = data[stap]
    return data


# --- the text and its lines ---------------------------------------------------------------


class _Tekst:
    """The text with the start of every line, numbered as libyaml numbers them."""

    def __init__(self, tekst: str) -> None:
        self.tekst = tekst
        self.begin = [0]
        self.eind: list[int] = []
        # Lines after U+0085, U+2028 or U+2029: libyaml counts them, but in a real file they
        # sit inside a quoted text or a comment, never at the start of a key or item.
        self.vervolg: set[int] = set()
        for regeleinde in _REGELEINDE.finditer(tekst):
            self.eind.append(regeleinde.start())
            self.begin.append(regeleinde.end())
            if regeleinde.group() in "\x85\u2028\u2029":
                self.vervolg.add(len(self.begin) - 1)
        self.eind.append(len(tekst))
        eerste = _REGELEINDE.search(tekst)
        self.eol = eerste.group() if eerste and eerste.group() in ("\r\n", "\r") else "\n"

    def regel(self, i: int) -> str:
        return self.tekst[self.begin[i] : self.eind[i]]

    def offset(self, plek) -> int:
        return self.begin[plek.regel - 1] + plek.kolom - 1

    def positie(self, offset: int) -> tuple[int, int]:
        """(line, column), both 0-based."""
        i = bisect.bisect_right(self.begin, offset) - 1
        return i, offset - self.begin[i]

    def inspringing(self, i: int) -> int:
        regel = self.regel(i)
        return len(regel) - len(regel.lstrip(" "))

    def einde_blok(self, i: int, grens: int, streepje_op_grens: bool = False) -> int:
        """The last line of the block node that starts on line i: every following line
        indented deeper than `grens` belongs to it (blank lines and comments in between too),
        and so do comment lines right after it. With `streepje_op_grens` a '-' at `grens`
        continues it (a sequence not indented below its key)."""
        laatste = i
        for j in range(i + 1, len(self.begin)):
            if j in self.vervolg:
                if laatste == j - 1:
                    laatste = j
                continue
            inhoud = self.regel(j).strip()
            if not inhoud:
                continue
            diepte = self.inspringing(j)
            if inhoud.startswith("#"):
                if diepte > grens and laatste == j - 1:
                    laatste = j
                continue
            if diepte > grens or (streepje_op_grens and diepte == grens and inhoud.startswith("-")):
                laatste = j
                continue
            break
        return laatste

    def invoegen_na(self, i: int, regels: list[str]) -> tuple[int, int, str]:
        """An edit that puts whole lines after line i."""
        if i + 1 < len(self.begin):
            return self.begin[i + 1], self.begin[i + 1], "".join(r + self.eol for r in regels)
        if i > 0 and not self.regel(i):  # the empty 'line' after the final line end
            return self.begin[i], self.begin[i], "".join(r + self.eol for r in regels)
        return len(self.tekst), len(self.tekst), "".join(self.eol + r for r in regels)


_SLEUTEL = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#][^:]*?)\s*:(?=\s|$)""")
_LEGE_WAARDE = re.compile(r"(\s*)(~|null|Null|NULL|\{\s*\}|\[\s*\])?(\s*(?:#.*)?)\Z")


class Bewerker:
    """Changes the text one step at a time; after each step the text is loaded again and
    must hold exactly the data the step meant."""

    def __init__(self, tekst: str, bestand: str) -> None:
        self.bestand = bestand
        self.t = _Tekst(tekst)
        self.data = laad_tekst(tekst, bestand).data
        self.stap, self.lijststap = self._stijl()
        self._wachtend: list | None = None

    @property
    def tekst(self) -> str:
        return self.t.tekst

    def knoop(self, pad: tuple) -> Any:
        return _in(self.data, pad)

    # -- reading the text around a node

    def _is_flow(self, knoop: Map | Lijst) -> bool:
        return self.tekst[self.t.offset(knoop.plek)] in "{["

    def _stijl(self) -> tuple[int, int]:
        """How this file indents: a mapping under its key, and a list's '-' under its key."""
        stap = lijststap = None
        wachtrij: list[Any] = [self.data]
        while wachtrij and (stap is None or lijststap is None):
            knoop = wachtrij.pop(0)
            if isinstance(knoop, Lijst):
                wachtrij.extend(knoop)
                continue
            if not isinstance(knoop, Map) or self._is_flow(knoop):
                continue
            for sleutel, waarde in knoop.items():
                kolom = knoop.sleutels[sleutel].kolom
                if isinstance(waarde, Map) and waarde and not self._is_flow(waarde):
                    stap = stap if stap is not None else waarde.plek.kolom - kolom
                elif isinstance(waarde, Lijst) and waarde and not self._is_flow(waarde):
                    streepje = self._streepje(waarde.plekken[0])[1]
                    lijststap = lijststap if lijststap is not None else streepje - (kolom - 1)
                wachtrij.append(waarde)
        return (stap or 2), (2 if lijststap is None else lijststap)

    def _streepje(self, plek) -> tuple[int, int]:
        """Line and column (0-based) of the '-' of the list item that starts at `plek`."""
        i = self.t.offset(plek) - 1
        while i >= 0 and self.tekst[i] in " \t\r\n\x85\u2028\u2029":
            i -= 1
        if i < 0 or self.tekst[i] != "-":
            raise BewerkingMislukt(f"geen '-' gevonden voor het lijstelement op {plek}")
        return self.t.positie(i)

    def _quote_eind(self, i: int) -> int:
        """Just past the quoted scalar that starts at i."""
        t = self.tekst
        teken, i = t[i], i + 1
        while i < len(t):
            if teken == '"' and t[i] == "\\":
                i += 2
                continue
            if t[i] == teken:
                if teken == "'" and t[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                return i + 1
            i += 1
        raise BewerkingMislukt("een tekst tussen aanhalingstekens sluit niet")

    def _sluit(self, begin: int) -> int:
        """The offset of the bracket that closes the flow collection opening at `begin`."""
        t, diepte, i, vorige = self.tekst, 0, begin, ""
        while i < len(t):
            teken = t[i]
            if teken in "'\"" and vorige in "[{,:?":
                i = self._quote_eind(i)
                vorige = "x"
                continue
            if teken == "#" and t[i - 1] in " \t\r\n":
                while i < len(t) and t[i] not in "\r\n":
                    i += 1
                continue
            if teken in "[{":
                diepte += 1
            elif teken in "]}":
                diepte -= 1
                if diepte == 0:
                    return i
            if not teken.isspace():
                vorige = teken
            i += 1
        raise BewerkingMislukt("een '[' of '{' sluit niet")

    def _skalaar_eind(self, begin: int, flow: bool) -> int:
        t = self.tekst
        if t[begin] in "'\"":
            return self._quote_eind(begin)
        if t[begin] in "|>":
            return self._blok_eind(begin)
        regel, _ = self.t.positie(begin)
        eind = self.t.eind[regel]
        j = begin
        while j < eind:
            if t[j] == "#" and t[j - 1] in " \t":
                break
            if flow and t[j] in ",[]{}":
                break
            j += 1
        return begin + len(t[begin:j].rstrip())

    def _blok_eind(self, begin: int) -> int:
        """The end of the last content line of the block scalar ('|' or '>') at `begin`: its
        lines are those indented deeper than the key (or '-') it belongs to."""
        regel, kolom = self.t.positie(begin)
        voor = self.t.regel(regel)[:kolom]
        inleiding = re.match(r" *(?:- +)*", voor).group()
        # 'key: |' holds lines deeper than the key; '- |' lines deeper than its '-'.
        op_sleutel = bool(voor[len(inleiding) :].strip())
        grens = len(inleiding) if op_sleutel else len(inleiding.rstrip(" ")) - 1
        return self.t.eind[self.t.einde_blok(regel, grens)]

    def _waarde_eind(self, ouder: Map, sleutel: str) -> int:
        waarde = ouder[sleutel]
        begin = self.t.offset(ouder.waarden[sleutel])
        if isinstance(waarde, Map | Lijst):
            return self._sluit(begin) + 1
        if waarde is None:
            raise BewerkingMislukt(f"'{sleutel}' heeft een lege waarde in een '{{...}}'")
        return self._skalaar_eind(begin, flow=True)

    def _na_sleutel(self, ouder: Map, sleutel: str) -> int:
        """The offset just past the ':' after `sleutel`."""
        begin = self.t.offset(ouder.sleutels[sleutel])
        gevonden = _SLEUTEL.match(self.tekst, begin, self.t.eind[self.t.positie(begin)[0]])
        if not gevonden:
            raise BewerkingMislukt(f"de sleutel '{sleutel}' staat niet op één regel")
        return gevonden.end()

    # -- rendering new lines

    def _regels_sleutel(self, sleutel: str, waarde: object, kolom: int, stijl: str) -> list[str]:
        inspringing = " " * kolom
        if isinstance(waarde, dict) and waarde:
            regels = [f"{inspringing}{sleutel}:"]
            for k, v in waarde.items():
                regels += self._regels_sleutel(k, v, kolom + self.stap, stijl)
            return regels
        if isinstance(waarde, list) and waarde:
            regels = [f"{inspringing}{sleutel}:"]
            for item in waarde:
                regels += self._regels_item(item, kolom + self.lijststap, 2, stijl)
            return regels
        return [f"{inspringing}{sleutel}: {_flow(waarde)}"]

    def _regels_item(self, item: object, streepje: int, inhoud: int, stijl: str) -> list[str]:
        voor = " " * streepje + "-" + " " * (inhoud - 1)
        if isinstance(item, dict) and item and stijl == "blok":
            regels: list[str] = []
            for k, v in item.items():
                regels += self._regels_sleutel(k, v, streepje + inhoud, stijl)
            regels[0] = voor + regels[0][streepje + inhoud :]
            return regels
        return [voor + _flow(item)]

    # -- one step: edits of the text plus the same change of the data

    def _stap(self, wijzigingen: list[tuple[int, int, str]], pas_aan: Callable[[Any], None]):
        if self._wachtend is not None:
            self._wachtend.append((wijzigingen, pas_aan))
            return
        self._voer_uit(wijzigingen, [pas_aan])

    @contextmanager
    def in_een_stap(self) -> Iterator[None]:
        """Collect the steps made inside and apply them as one, with one check at the end.

        Every step reads its positions in the text as it was before the block, so the steps
        must each touch their own place (a different item, key or list); steps that insert at
        the same place keep the order in which they were made. Many changes at once (an
        import) so cost one load of the text instead of one per change."""
        self._wachtend = []
        try:
            yield
            wachtend = self._wachtend
        finally:
            self._wachtend = None
        if wachtend:
            self._voer_uit(
                [(*w, volgorde) for volgorde, (ws, _) in enumerate(wachtend) for w in ws],
                [pas_aan for _, pas_aan in wachtend],
            )

    def _voer_uit(self, wijzigingen: list[tuple], aanpassingen: list[Callable[[Any], None]]):
        verwacht = _kaal(self.data)
        for pas_aan in aanpassingen:
            pas_aan(verwacht)
        stukken, tot = [], 0
        for begin, eind, nieuw, *_ in sorted(wijzigingen, key=lambda w: (w[0], w[3:])):
            if begin < tot:
                raise BewerkingMislukt("twee wijzigingen in één stap overlappen elkaar")
            stukken += [self.tekst[tot:begin], nieuw]
            tot = eind
        tekst = "".join([*stukken, self.tekst[tot:]])
        try:
            geladen = laad_tekst(tekst, self.bestand)
        except LaadFout as fout:
            raise BewerkingMislukt(f"de gewijzigde tekst is geen YAML meer: {fout}") from None
        if geladen.problemen or _geordend(_kaal(geladen.data)) != _geordend(verwacht):
            raise BewerkingMislukt("de gewijzigde tekst bevat niet de bedoelde gegevens")
        self.t = _Tekst(tekst)
        self.data = geladen.data

    def _voeg_regels_in(self, regel: int, regels: list[str], pas_aan) -> None:
        """Put whole lines after line `regel`; when the blank lines after it belong to the
        value above (a block scalar with '|+' keeps them), after those blank lines."""
        try:
            self._stap([self.t.invoegen_na(regel, regels)], pas_aan)
        except BewerkingMislukt:
            verder = regel
            while verder + 1 < len(self.t.begin) and not self.t.regel(verder + 1).strip():
                verder += 1
            if verder == regel:
                raise
            self._stap([self.t.invoegen_na(verder, regels)], pas_aan)

    def _leeg_naar_blok(self, pad: tuple, regels: list[str], pas_aan) -> None:
        """Give an empty value (nothing, ~, {} or []) of a block mapping key these lines."""
        ouder, sleutel = self.knoop(pad[:-1]), pad[-1]
        if self._is_flow(ouder):
            raise BewerkingMislukt(f"'{sleutel}' staat in een '{{...}}' en is leeg")
        na = self._na_sleutel(ouder, sleutel)
        regel, _ = self.t.positie(na)
        rest = _LEGE_WAARDE.match(self.tekst[na : self.t.eind[regel]])
        if not rest:
            raise BewerkingMislukt(f"de waarde van '{sleutel}' is niet leeg")
        wijzigingen = [self.t.invoegen_na(regel, regels)]
        if rest.group(2):  # the token and the spaces before it go; a comment stays
            wijzigingen.append((na, na + rest.end(2), ""))
        self._stap(wijzigingen, pas_aan)

    def zet(self, pad: tuple, sleutel: str, waarde: object, na: tuple[str, ...] = ()) -> None:
        """Give a key of the mapping at `pad` a scalar value: replaced where it is, else added
        after the first key of `na` present (else at the end)."""
        mapping = self.knoop(pad)

        def pas_aan(data):
            doel = _in(data, pad)
            if sleutel in doel:
                doel[sleutel] = waarde
            else:
                _zet_na(doel, {sleutel: waarde}, na)

        if (
            sleutel in mapping
            and mapping[sleutel] == waarde
            and type(mapping[sleutel]) is type(waarde)
        ):
            return  # already so: no byte changes, not even the quoting
        if sleutel not in mapping:
            self.voeg_sleutel_toe(pad, sleutel, waarde, na)
        elif mapping[sleutel] is None and not self._is_flow(mapping):
            na_dubbelepunt = self._na_sleutel(mapping, sleutel)
            regel, _ = self.t.positie(na_dubbelepunt)
            rest = _LEGE_WAARDE.match(self.tekst[na_dubbelepunt : self.t.eind[regel]])
            if rest is None:
                raise BewerkingMislukt(f"de lege waarde van '{sleutel}' is niet te vinden")
            if rest.group(2):
                begin, eind = na_dubbelepunt + rest.start(2), na_dubbelepunt + rest.end(2)
                self._stap([(begin, eind, skalaar(waarde))], pas_aan)
            else:
                self._stap([(na_dubbelepunt, na_dubbelepunt, " " + skalaar(waarde))], pas_aan)
        else:
            begin = self.t.offset(mapping.waarden[sleutel])
            eind = self._skalaar_eind(begin, self._is_flow(mapping))
            self._stap([(begin, eind, skalaar(waarde, self._is_flow(mapping)))], pas_aan)

    def vervang_item(self, pad: tuple, waarde: object) -> None:
        """Replace a scalar list item, e.g. `- actief` by `- {waarde: actief, ...}`."""
        lijst, index = self.knoop(pad[:-1]), pad[-1]
        begin = self.t.offset(lijst.plekken[index])
        eind = self._skalaar_eind(begin, self._is_flow(lijst))

        def pas_aan(data):
            _in(data, pad[:-1])[index] = waarde

        self._stap([(begin, eind, _flow(waarde))], pas_aan)

    def voeg_sleutel_toe(
        self,
        pad: tuple,
        sleutel: str,
        waarde: object,
        na: tuple[str, ...] = (),
        stijl: str = "blok",
    ) -> None:
        """Add a key to the mapping at `pad`, after the first key of `na` present (else at the
        end). A new list is written in `stijl`: 'blok' (a mapping per item over several
        lines) or 'flow' (`- {a: b}`)."""
        self.voeg_sleutels_toe(pad, {sleutel: waarde}, na, stijl)

    def voeg_sleutels_toe(
        self, pad: tuple, nieuw: dict, na: tuple[str, ...] = (), stijl: str = "blok"
    ) -> None:
        """Add several keys, in this order, where `voeg_sleutel_toe` adds one."""
        mapping = self.knoop(pad)

        def pas_aan(data):
            doel = _in(data, pad)
            if doel is None:
                _in(data, pad[:-1])[pad[-1]] = dict(nieuw)
            else:
                _zet_na(doel, nieuw, na)

        sleutel, waarde = next(iter(nieuw.items()))
        if len(nieuw) == 1 and mapping and sleutel in mapping and mapping[sleutel] is None:
            self._vul_leeg(pad, sleutel, waarde, stijl)  # 'leden:', no value
            return
        if len(nieuw) == 1 and not mapping and self._is_flow(self.knoop(pad[:-1])):
            if mapping is None:  # in a '{...}' or '[...]'
                self._vul_leeg(pad[:-1], pad[-1], {sleutel: waarde}, stijl)
            else:
                binnen = self.t.offset(mapping.plek) + 1
                self._stap([(binnen, binnen, f"{sleutel}: {_flow(waarde)}")], pas_aan)
            return
        if not mapping:  # nothing, ~ or {}: becomes a block under its key
            ouder = self.knoop(pad[:-1])
            kolom = ouder.sleutels[pad[-1]].kolom - 1 + self.stap
            regels = [r for k, v in nieuw.items() for r in self._regels_sleutel(k, v, kolom, stijl)]
            self._leeg_naar_blok(pad, regels, pas_aan)
            return
        ref = next((k for k in na if k in mapping), list(mapping)[-1])
        if self._is_flow(mapping):
            positie = self._waarde_eind(mapping, ref)
            tekst = "".join(f", {k}: {_flow(v)}" for k, v in nieuw.items())
            self._stap([(positie, positie, tekst)], pas_aan)
            return
        kolom = mapping.sleutels[ref].kolom - 1
        regel = self.t.einde_blok(mapping.sleutels[ref].regel - 1, kolom, True)
        witregels = self._witregels(mapping, ref, regel)
        regels: list[str] = []
        for k, v in nieuw.items():
            regels += [""] * witregels + self._regels_sleutel(k, v, kolom, stijl)
        self._voeg_regels_in(regel, regels, pas_aan)

    def _vul_leeg(self, pad: tuple, sleutel: str, waarde: object, stijl: str) -> None:
        """Give a key that is there with an empty value (`leden:`, `status: ~`) a value."""
        mapping = self.knoop(pad)

        def pas_aan(data):
            _in(data, pad)[sleutel] = waarde

        if not isinstance(waarde, dict | list) or not waarde:
            self.zet(pad, sleutel, waarde)
            return
        if self._is_flow(mapping):
            na = self._na_sleutel(mapping, sleutel)
            rest = re.match(r"[ \t]*(~|null|Null|NULL)?", self.tekst[na:])
            self._stap([(na, na + rest.end(), " " + _flow(waarde))], pas_aan)
            return
        kolom = mapping.sleutels[sleutel].kolom - 1
        regels = self._regels_sleutel(sleutel, waarde, kolom, stijl)[1:]
        self._leeg_naar_blok((*pad, sleutel), regels, pas_aan)

    def _witregels(self, mapping: Map, ref: str, laatste_regel: int) -> bool:
        """Whether the entries of this mapping are kept apart by blank lines (judged by the
        entry after which a new one comes)."""
        if ref != list(mapping)[-1]:
            volgende = laatste_regel + 1
            return volgende < len(self.t.begin) and not self.t.regel(volgende).strip()
        if len(mapping) < 2:
            return False
        i = mapping.sleutels[ref].regel - 2
        while i >= 0 and self.t.regel(i).strip().startswith("#"):
            i -= 1
        return i >= 0 and not self.t.regel(i).strip()

    def voeg_item_toe(self, pad: tuple, item: object, voor: int | None = None) -> None:
        """Add an item to the list at `pad`, before index `voor` (else at the end), in the
        style of its neighbour."""
        self.voeg_items_toe(pad, [item], voor)

    def voeg_items_toe(self, pad: tuple, items: list, voor: int | None = None) -> None:
        """Add several items, in this order, where `voeg_item_toe` adds one."""
        lijst = self.knoop(pad)
        if not isinstance(lijst, Lijst):
            raise BewerkingMislukt(f"{'/'.join(map(str, pad))} is geen lijst")
        voor = len(lijst) if voor is None or voor >= len(lijst) else voor
        aan_het_eind = voor == len(lijst)

        def pas_aan(data):
            doel = _in(data, pad)
            if aan_het_eind:  # also after items that other steps of one block added
                doel.extend(items)
            else:
                doel[voor:voor] = items

        if not lijst and (self._is_flow(lijst) and self._is_flow(self.knoop(pad[:-1]))):
            binnen = self.t.offset(lijst.plek) + 1
            self._stap([(binnen, binnen, ", ".join(_flow(item) for item in items))], pas_aan)
            return
        if not lijst:
            ouder = self.knoop(pad[:-1])
            streepje = ouder.sleutels[pad[-1]].kolom - 1 + self.lijststap
            regels = [r for item in items for r in self._regels_item(item, streepje, 2, "blok")]
            self._leeg_naar_blok(pad, regels, pas_aan)
            return
        if self._is_flow(lijst):
            if voor < len(lijst):
                positie = self.t.offset(lijst.plekken[voor])
                tekst = "".join(f"{_flow(item)}, " for item in items)
                self._stap([(positie, positie, tekst)], pas_aan)
            else:
                laatste = self.t.offset(lijst.plekken[-1])
                positie = (
                    self._sluit(laatste) + 1
                    if isinstance(lijst[-1], Map | Lijst)
                    else self._skalaar_eind(laatste, flow=True)
                )
                tekst = "".join(f", {_flow(item)}" for item in items)
                self._stap([(positie, positie, tekst)], pas_aan)
            return
        buur = min(voor, len(lijst) - 1)
        regel, streepje = self._streepje(lijst.plekken[buur])
        inhoud_regel, inhoud_kolom = self.t.positie(self.t.offset(lijst.plekken[buur]))
        inhoud = inhoud_kolom - streepje if inhoud_regel == regel else 2
        buurman = lijst[buur]
        stijl = "blok" if isinstance(buurman, Map) and not self._is_flow(buurman) else "flow"
        regels = [r for item in items for r in self._regels_item(item, streepje, inhoud, stijl)]
        if aan_het_eind:
            self._voeg_regels_in(self.t.einde_blok(regel, streepje), regels, pas_aan)
            return
        while regel > 0 and self.t.regel(regel - 1).strip().startswith("#"):
            regel -= 1  # comments right above an item belong to it
        begin = self.t.begin[regel]
        self._stap([(begin, begin, "".join(r + self.t.eol for r in regels))], pas_aan)

    def maak_lijst(self, pad: tuple) -> None:
        """Turn a single value that stands for a list of one (`status: actief`, `functies:`
        with one mapping) into that list, so that items can be added."""
        waarde = self.knoop(pad)
        if isinstance(waarde, Lijst):
            return
        ouder, sleutel = self.knoop(pad[:-1]), pad[-1]

        def pas_aan(data):
            _in(data, pad[:-1])[sleutel] = [_in(data, pad)]

        begin = self.t.offset(ouder.waarden[sleutel])
        if self._is_flow(ouder):
            eind = self._waarde_eind(ouder, sleutel)
            self._stap([(begin, begin, "["), (eind, eind, "]")], pas_aan)
            return
        if isinstance(waarde, Map) and not self._is_flow(waarde):
            # Put a '-' before the first key and shift the block two columns to the right.
            eerste, _ = self.t.positie(begin)
            laatste = self.t.einde_blok(eerste, ouder.sleutels[sleutel].kolom - 1, True)
            wijzigingen = [(begin, begin, "- ")]
            for i in range(eerste + 1, laatste + 1):
                if self.t.regel(i).strip():
                    wijzigingen.append((self.t.begin[i], self.t.begin[i], "  "))
            self._stap(wijzigingen, pas_aan)
            return
        eind = (
            self._sluit(begin) + 1
            if isinstance(waarde, Map)
            else self._skalaar_eind(begin, flow=False)
        )
        regel, _ = self.t.positie(eind)
        streepje = ouder.sleutels[sleutel].kolom - 1 + self.lijststap
        if self.t.positie(begin)[0] == regel:
            item = " " * streepje + "- " + self.tekst[begin:eind]
        else:  # a block scalar or a quoted text over several lines: written anew
            item = " " * streepje + "- " + _flow(waarde)
        voor = begin
        while self.tekst[voor - 1] == " ":
            voor -= 1
        self._stap([(voor, eind, ""), self.t.invoegen_na(regel, [item])], pas_aan)

    def verwijder_item(self, pad: tuple) -> None:
        """Remove the list item at `pad` (a list, or a single value standing for a list of
        one); the last item takes its key with it."""
        lijst, index = self.knoop(pad[:-1]), pad[-1]
        if not isinstance(lijst, Lijst):
            self.verwijder_sleutel(pad[:-1])
            return
        if len(lijst) == 1:
            self.verwijder_sleutel(pad[:-1])
            return

        def pas_aan(data):
            del _in(data, pad[:-1])[index]

        if self._is_flow(lijst):
            if index + 1 < len(lijst):
                begin = self.t.offset(lijst.plekken[index])
                eind = self.t.offset(lijst.plekken[index + 1])
            else:
                begin = self._item_eind(lijst, index - 1)
                eind = self._item_eind(lijst, index)
            self._stap([(begin, eind, "")], pas_aan)
            return
        regel, streepje = self._streepje(lijst.plekken[index])
        laatste = self.t.einde_blok(regel, streepje)
        while regel > 0 and self.t.regel(regel - 1).strip().startswith("#"):
            regel -= 1  # comments right above an item belong to it
        self._stap([self._regels_weg(regel, laatste)], pas_aan)

    def verwijder_sleutel(self, pad: tuple) -> None:
        """Remove a key of a block mapping with everything under it."""
        ouder, sleutel = self.knoop(pad[:-1]), pad[-1]
        if self._is_flow(ouder):
            raise BewerkingMislukt(f"'{sleutel}' staat in een '{{...}}'; verwijder het met de hand")

        def pas_aan(data):
            del _in(data, pad[:-1])[sleutel]

        plek = ouder.sleutels[sleutel]
        laatste = self.t.einde_blok(plek.regel - 1, plek.kolom - 1, True)
        self._stap([self._regels_weg(plek.regel - 1, laatste)], pas_aan)

    def _item_eind(self, lijst: Lijst, index: int) -> int:
        begin = self.t.offset(lijst.plekken[index])
        if isinstance(lijst[index], Map | Lijst):
            return self._sluit(begin) + 1
        return self._skalaar_eind(begin, flow=True)

    def _regels_weg(self, eerste: int, laatste: int) -> tuple[int, int, str]:
        """An edit that removes whole lines eerste..laatste."""
        if laatste + 1 < len(self.t.begin):
            return self.t.begin[eerste], self.t.begin[laatste + 1], ""
        begin = self.t.eind[eerste - 1] if eerste > 0 else 0
        return begin, len(self.tekst), ""


# --- the edits ----------------------------------------------------------------------------


class Uitkomst(NamedTuple):
    """The text after an edit (the same text when nothing changes) and what was done."""

    tekst: str
    meldingen: list[str]


def _iso(dag: date | None) -> str:
    return dag.isoformat() if dag else "onbekend"


def _gemeente(org: Organisatie, tekst: str) -> str:
    try:
        wie = zoek_wie(org, tekst)
    except GebruiksFout:
        wie = None
    if wie is None or wie.soort != "gemeente":
        tip = suggestie(tekst.lower(), org.gemeenten)
        hint = f" Bedoelde u: {tip}?" if tip else f" Kies uit: {', '.join(org.gemeenten)}."
        raise GebruiksFout(f"Onbekende gemeente '{tekst}'.{hint}")
    return wie.id


def _post(org: Organisatie, functie: str, gemeente: str | None) -> tuple[str, str | None]:
    """A functie as typed ('burgemeester', 'burgemeester van Diemen') plus --gemeente."""
    functie_id, gekozen = _functie_en_gemeente(org, functie, gemeente)
    naam = org.functies[functie_id].naam
    if org.functies[functie_id].per_gemeente and gekozen is None:
        raise GebruiksFout(
            f"De functie '{naam}' bestaat per gemeente; geef --gemeente, bijv. --gemeente diemen."
        )
    return functie_id, gekozen


def _functie_en_gemeente(
    org: Organisatie, functie: str, gemeente: str | None
) -> tuple[str, str | None]:
    """The functie and the gemeente the user named, if any (the functie may need one)."""
    wie = zoek_wie(org, functie)
    if wie.soort != "functie":
        raise GebruiksFout(
            f"'{functie}' is geen functie. Kies uit: {', '.join(org.functies)}; bijv. "
            "'burgemeester' met --gemeente diemen."
        )
    gekozen = wie.gemeente
    if gemeente is not None:
        los = _gemeente(org, gemeente)
        if gekozen is not None and gekozen != los:
            raise GebruiksFout(
                f"'{functie}' en --gemeente {gemeente} noemen verschillende gemeenten; noem er één."
            )
        gekozen = los
    naam = org.functies[wie.id].naam
    if not org.functies[wie.id].per_gemeente and gekozen is not None:
        raise GebruiksFout(f"De functie '{naam}' hoort niet bij een gemeente; laat --gemeente weg.")
    return wie.id, gekozen


def _bestaande_persoon(org: Organisatie, tekst: str, deel: bool = True) -> Persoon | None:
    """By id, whole name, or (with `deel`) a part of the name only one person has."""
    pid = zoek_persoon(org, tekst, deel)
    return org.personen[pid] if pid is not None else None


def _persoon(org: Organisatie, tekst: str) -> Persoon:
    persoon = _bestaande_persoon(org, tekst)
    if persoon is None:
        tip = suggestie(tekst, org.personen)
        hint = f" Bedoelde u: {tip}?" if tip else ""
        raise GebruiksFout(
            f"Onbekende persoon '{tekst}'.{hint} Een nieuwe persoon legt u vast met "
            "'amctl benoem PERSOON FUNCTIE --naam \"Volledige Naam\"'."
        )
    return persoon


def persoon_id(naam: str) -> str:
    """An id from a name: 'B. de Bakker-Çelik' -> 'b-de-bakker-celik'."""
    zonder_accenten = "".join(
        c for c in unicodedata.normalize("NFKD", naam) if not unicodedata.combining(c)
    )
    kaal = re.sub(r"[^a-z0-9]+", "-", zonder_accenten.lower()).strip("-")
    return kaal if kaal[:1].isalpha() else f"persoon-{kaal}".rstrip("-")


def _nieuwe_persoon(org: Organisatie, tekst: str, naam: str | None) -> tuple[str, str]:
    """(id, naam) of a person not yet in the file."""
    if ID_PATROON.match(tekst):
        if not naam:
            raise GebruiksFout(
                f"'{tekst}' is nog geen persoon in het bestand. Geef de volledige naam met "
                f'--naam om hem aan te maken, bijv. --naam "A. de Vries".'
            )
        pid = tekst
    else:
        if naam:
            raise GebruiksFout(
                f"'{tekst}' is geen bestaande persoon en geen geldig id (kleine letters, "
                "cijfers en streepjes). Geef een id als PERSOON bij --naam, of alleen de naam."
            )
        pid, naam = persoon_id(tekst), tekst.strip()
    if pid in org.personen:
        raise GebruiksFout(
            f"Het id '{pid}' hoort al bij {org.personen[pid].naam}. Is dat dezelfde persoon, "
            "gebruik dan dat id; anders een ander id met --naam."
        )
    if not ID_PATROON.match(pid):
        raise GebruiksFout(f"Van '{tekst}' is geen id te maken; geef een id met --naam.")
    return pid, naam


def _lijstpad(bewerker: Bewerker, pad: tuple, index: int) -> tuple:
    """The path of item `index` of a list that may be written as its single item."""
    return (*pad, index) if isinstance(bewerker.knoop(pad), Lijst) else pad


def _index(items: tuple, item: object) -> int:
    return next(i for i, ander in enumerate(items) if ander is item)


def _met_herkomst(gegevens: dict, bron: str | None, toelichting: str | None = None) -> dict:
    if bron:
        gegevens["bron"] = bron
    if toelichting:
        gegevens["toelichting"] = toelichting
    return gegevens


def _voeg_bron_toe(bewerker: Bewerker, pad: tuple, bron: str | None) -> None:
    """The item at `pad` also rests on `bron` (an ending has its source too): added to its
    `bron`, which becomes a list when it held another source."""
    if not bron:
        return
    item = bewerker.knoop(pad)
    if "bron" not in item:
        bewerker.zet(pad, "bron", bron, na=("tot-en-met", "vanaf"))
        return
    huidig = item["bron"]
    if huidig == bron or (isinstance(huidig, list) and bron in huidig):
        return
    bewerker.maak_lijst((*pad, "bron"))
    bewerker.voeg_item_toe((*pad, "bron"), bron)


def _beeindig_bezetting(
    bewerker: Bewerker,
    org: Organisatie,
    bezetting: Bezetting,
    laatste_dag: date,
    bron: str | None = None,
) -> list[str]:
    """End a holding on `laatste_dag`, and the named memberships that rest on it."""
    persoon = org.personen[bezetting.persoon]
    post = functienaam(org, bezetting.functie, bezetting.gemeente)
    pad = _lijstpad(
        bewerker, ("personen", persoon.id, "functies"), _index(persoon.functies, bezetting)
    )
    bewerker.zet(pad, "tot-en-met", laatste_dag, na=("vanaf", "gemeente", "functie"))
    _voeg_bron_toe(bewerker, pad, bron)
    meldingen = [f"Beëindigd: {persoon.naam} als {post}, laatste dag {laatste_dag}."]
    for orgaan in org.organen.values():
        for lid in orgaan.leden:
            if (
                lid.persoon == persoon.id
                and (lid.functie, lid.gemeente) == (bezetting.functie, bezetting.gemeente)
                and geldig_op(lid, laatste_dag)
                and lid.tot_en_met != laatste_dag
            ):
                lid_pad = _lijstpad(
                    bewerker, ("organen", orgaan.id, "leden"), _index(orgaan.leden, lid)
                )
                bewerker.zet(
                    lid_pad, "tot-en-met", laatste_dag, na=("vanaf", "gemeente", "functie")
                )
                _voeg_bron_toe(bewerker, lid_pad, bron)
                meldingen.append(
                    f"Beëindigd: {persoon.naam} als lid van {orgaan.naam}, laatste dag "
                    f"{laatste_dag} (het lidmaatschap rust op die functie)."
                )
    return meldingen


def benoem(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    persoon: str,
    functie: str,
    gemeente: str | None = None,
    datum: date,
    naam: str | None = None,
    bron: str | None = None,
    portefeuilles: tuple[str, ...] = (),
) -> Uitkomst:
    """`persoon` holds `functie` from `datum`, with `portefeuilles` (which seat them in the
    bodies whose composition names those portefeuilles); a new person is added. For a post
    with one seat (zetels: 1) the previous holder's term ends the day before. Someone who
    already holds the post gets the portefeuilles they lack, from `datum`."""
    functie_id, gemeente_id = _post(org, functie, gemeente)
    post = functienaam(org, functie_id, gemeente_id)
    toedelingen = list(dict.fromkeys(_portefeuille(org, p) for p in portefeuilles))
    meldingen: list[str] = []
    bestaand = _bestaande_persoon(org, persoon, deel=False)
    lijkt_op = [] if bestaand is not None or naam else personen_met(org, persoon)
    if lijkt_op:
        raise GebruiksFout(
            f"'{persoon}' is geen id of volledige naam van een persoon in het bestand. Bedoelde "
            f"u: {bedoelde_personen(org, lijkt_op)}? Geef dan het id; voor een nieuwe persoon "
            "een id met --naam."
        )
    if bestaand is not None:
        if naam and naam != bestaand.naam:
            raise GebruiksFout(
                f"'{persoon}' is {bestaand.naam} ({bestaand.id}); --naam '{naam}' wijkt daarvan "
                "af. Laat --naam weg, of kies een ander id voor een andere persoon."
            )
        for b in bestaand.functies:
            if (b.functie, b.gemeente) == (functie_id, gemeente_id) and geldig_op(b, datum):
                return _met_portefeuilles(
                    tekst, bestand, org, bestaand, b, toedelingen, datum, bron
                )
        pid, pnaam = bestaand.id, bestaand.naam
    else:
        pid, pnaam = _nieuwe_persoon(org, persoon, naam)
        meldingen.append(f"Nieuwe persoon: {pnaam} ({pid}).")
        if tip := difflib.get_close_matches(pid, list(org.personen), n=1, cutoff=0.9):
            meldingen.append(
                f"Let op: het nieuwe id '{pid}' lijkt op de bestaande persoon '{tip[0]}'."
            )
    meldingen.append(f"Benoemd: {pnaam} als {post} per {datum}.")
    meldingen += [_portefeuillemelding(org, pnaam, p, gemeente_id, datum) for p in toedelingen]
    bewerker = Bewerker(tekst, bestand)
    bezetting: dict[str, object] = {"functie": functie_id}
    if gemeente_id:
        bezetting["gemeente"] = gemeente_id
    bezetting["vanaf"] = datum
    if org.functies[functie_id].zetels == 1:
        tot_en_met, gevolgen = _een_zetel(bewerker, org, (functie_id, gemeente_id), pid, datum)
        meldingen += gevolgen
        if tot_en_met is not None:
            bezetting["tot-en-met"] = tot_en_met
    if toedelingen:
        bezetting["portefeuilles"] = toedelingen
    bezetting = _met_herkomst(bezetting, bron)
    if bestaand is not None:
        pad = ("personen", pid)
        if bewerker.knoop(pad).get("functies") is not None:
            bewerker.maak_lijst((*pad, "functies"))
            bewerker.voeg_item_toe((*pad, "functies"), bezetting)
        else:
            bewerker.voeg_sleutel_toe(pad, "functies", [bezetting], na=("naam",))
    else:
        _zorg_voor_sectie(bewerker, "personen")
        bewerker.voeg_sleutel_toe(("personen",), pid, {"naam": pnaam, "functies": [bezetting]})
    return Uitkomst(bewerker.tekst, meldingen)


def _portefeuille(org: Organisatie, tekst: str) -> str:
    """A portefeuille by id or name, in any case: 'wonen', 'Wonen', 'verkeer en vervoer'."""
    gezocht = re.sub(r"[\s_\-]+", " ", tekst.casefold()).strip()
    for p in org.portefeuilles.values():
        for naam in (p.id, p.naam):
            if re.sub(r"[\s_\-]+", " ", naam.casefold()).strip() == gezocht:
                return p.id
    if not org.portefeuilles:
        raise GebruiksFout(
            f"Onbekende portefeuille '{tekst}': het bestand noemt geen portefeuilles; leg ze "
            "vast onder 'portefeuilles' (zie docs/formaat.md)."
        )
    tip = suggestie(gezocht, org.portefeuilles)
    hint = f" Bedoelde u: {tip}?" if tip else f" Kies uit: {', '.join(org.portefeuilles)}."
    raise GebruiksFout(f"Onbekende portefeuille '{tekst}'.{hint}")


def _portefeuillemelding(
    org: Organisatie, pnaam: str, portefeuille: str, gemeente: str | None, datum: date
) -> str:
    """What a portefeuille means on `datum`: the bodies it seats its holder in."""
    organen = [
        o.naam
        for o in org.organen.values()
        if geldig_op(o, datum)
        and any(
            r.portefeuille == portefeuille
            and r.wijze == "ambtshalve"
            and geldig_op(r, datum)
            and (gemeente is None or r.gemeenten is None or gemeente in r.gemeenten)
            for r in o.samenstelling
        )
    ]
    waar = f": zitting in {', '.join(organen)}" if organen else ""
    return f"Portefeuille {org.portefeuilles[portefeuille].naam} voor {pnaam} per {datum}{waar}."


def _met_portefeuilles(
    tekst: str,
    bestand: str,
    org: Organisatie,
    persoon: Persoon,
    bezetting: Bezetting,
    toedelingen: list[str],
    datum: date,
    bron: str | None,
) -> Uitkomst:
    """Someone already holds the post on `datum`: add the portefeuilles they lack then, from
    `datum` (a plain id when the holding itself starts that day)."""
    post = functienaam(org, bezetting.functie, bezetting.gemeente)
    nieuw = [p for p in toedelingen if not bezetting.heeft_portefeuille(p, datum)]
    if not nieuw:
        al = (
            f" met {', '.join(org.portefeuilles[p].naam for p in toedelingen)}"
            if toedelingen
            else ""
        )
        return Uitkomst(
            tekst,
            [
                f"Niets gewijzigd: {persoon.naam} is op {datum} al {post}{al} "
                f"(vanaf {_iso(bezetting.vanaf)})."
            ],
        )
    bewerker = Bewerker(tekst, bestand)
    pad = _lijstpad(
        bewerker, ("personen", persoon.id, "functies"), _index(persoon.functies, bezetting)
    )
    items: list[object] = [
        p
        if bezetting.vanaf == datum and not bron
        else _met_herkomst({"portefeuille": p, "vanaf": datum}, bron)
        for p in nieuw
    ]
    if bewerker.knoop(pad).get("portefeuilles") is None:
        bewerker.voeg_sleutel_toe(
            pad, "portefeuilles", items, na=("tot-en-met", "vanaf", "gemeente", "functie")
        )
    else:
        bewerker.maak_lijst((*pad, "portefeuilles"))
        for item in items:
            bewerker.voeg_item_toe((*pad, "portefeuilles"), item)
    meldingen = [
        _portefeuillemelding(org, persoon.naam, p, bezetting.gemeente, datum) for p in nieuw
    ]
    return Uitkomst(bewerker.tekst, meldingen)


def _een_zetel(
    bewerker: Bewerker, org: Organisatie, post: tuple[str, str | None], pid: str, datum: date
) -> tuple[date | None, list[str]]:
    """A post with one seat gets a new holder on `datum`: whoever holds it then leaves the
    day before; when someone holds it later, the new term ends the day before that.
    Returns that end (or None) and what was done."""
    naam = functienaam(org, *post)
    meldingen: list[str] = []
    bekleders = org.bekleders().get(post, [])
    for vorige in bekleders:
        if vorige.persoon == pid or not geldig_op(vorige, datum):
            continue
        if vorige.vanaf == datum:
            raise GebruiksFout(
                f"{org.personen[vorige.persoon].naam} is {naam} vanaf {vorige.vanaf}; een "
                f"opvolger per {datum} kan daarom niet. Kies een latere datum."
            )
        meldingen += _beeindig_bezetting(bewerker, org, vorige, datum - DAG)
    later = [b for b in bekleders if b.vanaf is not None and b.vanaf > datum]
    if not later:
        return None, meldingen
    volgende = min(later, key=lambda b: b.vanaf)
    meldingen.append(
        f"Termijn tot en met {volgende.vanaf - DAG}: vanaf {volgende.vanaf} is "
        f"{org.personen[volgende.persoon].naam} {naam}."
    )
    return volgende.vanaf - DAG, meldingen


def _zorg_voor_sectie(bewerker: Bewerker, sectie: str) -> None:
    """Add an empty top-level section (`personen: {}`) where the format puts it."""
    if sectie in bewerker.data:
        return
    eerder = TOPVELDEN[: TOPVELDEN.index(sectie)]
    na = tuple(reversed([k for k in eerder if k in bewerker.data]))
    bewerker.voeg_sleutel_toe((), sectie, {}, na=na)


def ontsla(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    persoon: str,
    functie: str,
    gemeente: str | None = None,
    datum: date,
    bron: str | None = None,
) -> Uitkomst:
    """`persoon` no longer holds `functie` from `datum`: tot-en-met becomes the day before.
    Named memberships that rest on the post end with it. Without a gemeente, the gemeente is
    the one where the person holds the functie on that day; asked only when there are more."""
    gevonden = _persoon(org, persoon)
    laatste_dag = datum - DAG
    functie_id, gemeente_id = _functie_en_gemeente(org, functie, gemeente)
    if org.functies[functie_id].per_gemeente and gemeente_id is None:
        gemeente_id = _gemeente_van_bekleder(org, gevonden, functie_id, laatste_dag)
    post = functienaam(org, functie_id, gemeente_id)
    bezetting = next(
        (
            b
            for b in gevonden.functies
            if (b.functie, b.gemeente) == (functie_id, gemeente_id) and geldig_op(b, laatste_dag)
        ),
        None,
    )
    if bezetting is None:
        raise GebruiksFout(
            f"{gevonden.naam} is op {laatste_dag} geen {post}; er is geen termijn te beëindigen "
            f"per {datum}."
        )
    if bezetting.tot_en_met == laatste_dag:
        return Uitkomst(
            tekst, [f"Niets gewijzigd: {gevonden.naam} is al {post} tot en met {laatste_dag}."]
        )
    bewerker = Bewerker(tekst, bestand)
    meldingen = _beeindig_bezetting(bewerker, org, bezetting, laatste_dag, bron)
    return Uitkomst(bewerker.tekst, meldingen)


def _gemeente_van_bekleder(org: Organisatie, persoon: Persoon, functie: str, dag: date) -> str:
    """The gemeente where the person holds a per-gemeente functie on the day, if just one."""
    gemeenten = list(
        dict.fromkeys(
            b.gemeente
            for b in persoon.functies
            if b.functie == functie and b.gemeente and geldig_op(b, dag)
        )
    )
    naam = org.functies[functie].naam
    if not gemeenten:
        raise GebruiksFout(
            f"{persoon.naam} is op {dag} in geen enkele gemeente {naam}; er is geen termijn te "
            "beëindigen."
        )
    if len(gemeenten) > 1:
        keuzes = ", ".join(gemeenten)
        raise GebruiksFout(
            f"{persoon.naam} is op {dag} {naam} in meer dan één gemeente ({keuzes}); kies met "
            f"--gemeente, bijv. --gemeente {gemeenten[0]}."
        )
    return gemeenten[0]


def _in_regel(org: Organisatie, orgaan: Orgaan, functie: str, gemeente: str | None, dag: date):
    """Whether a seat of `orgaan` for this post is filled by name on `dag`."""
    for regel in orgaan.samenstelling:
        if regel.wijze != "benoemd" or regel.functie != functie or not geldig_op(regel, dag):
            continue
        if not org.functies[functie].per_gemeente:
            return True
        if regel.gemeenten is None or gemeente in regel.gemeenten:
            return True
    return False


def lid_erbij(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    persoon: str,
    functie: str | None = None,
    gemeente: str | None = None,
    datum: date,
    bron: str | None = None,
) -> Uitkomst:
    """Name `persoon` for a seat of `orgaan` that is filled by name (wijze: benoemd), from
    `datum`. Without --functie the post comes from what the person holds on that day."""
    gevonden_orgaan = zoek_orgaan(org, orgaan)
    gevonden = _persoon(org, persoon)
    benoemd = sorted(
        {
            functienaam(org, r.functie, None)
            for r in gevonden_orgaan.samenstelling
            if r.wijze == "benoemd" and geldig_op(r, datum)
        }
    )
    if not benoemd:
        raise GebruiksFout(
            f"{gevonden_orgaan.naam} heeft op {datum} geen zetels die bij naam worden ingevuld: "
            "wie erin zit, volgt uit de functie (ambtshalve). Leg die vast met 'amctl benoem'."
        )
    if functie is not None:
        posten = [_post(org, functie, gemeente)]
    else:
        posten = sorted(
            {
                (b.functie, b.gemeente)
                for b in gevonden.functies
                if geldig_op(b, datum)
                and _in_regel(org, gevonden_orgaan, b.functie, b.gemeente, datum)
                and (gemeente is None or b.gemeente == _gemeente(org, gemeente))
            },
            key=lambda p: (p[0], p[1] or ""),
        )
        if len(posten) != 1:
            keuze = (
                ", ".join(functienaam(org, f, g) for f, g in posten)
                if posten
                else f"geen passende; {gevonden_orgaan.naam} kent leden bij naam als "
                f"{' of '.join(benoemd)}"
            )
            raise GebruiksFout(
                f"Voor welke zetel wordt {gevonden.naam} lid van {gevonden_orgaan.naam}? "
                f"Functies van {gevonden.naam} op {datum}: {keuze}. Geef --functie (en "
                "--gemeente)."
            )
    functie_id, gemeente_id = posten[0]
    post = functienaam(org, functie_id, gemeente_id)
    if not _in_regel(org, gevonden_orgaan, functie_id, gemeente_id, datum):
        raise GebruiksFout(
            f"{gevonden_orgaan.naam} heeft op {datum} geen zetel voor een {post} die bij naam "
            f"wordt ingevuld; wel voor: {', '.join(benoemd)}."
        )
    for lid in gevonden_orgaan.leden:
        if (lid.persoon, lid.functie, lid.gemeente) == (
            gevonden.id,
            functie_id,
            gemeente_id,
        ) and geldig_op(lid, datum):
            return Uitkomst(
                tekst,
                [
                    f"Niets gewijzigd: {gevonden.naam} is op {datum} al lid van "
                    f"{gevonden_orgaan.naam} als {post} (vanaf {_iso(lid.vanaf)})."
                ],
            )
    lid = {"persoon": gevonden.id, "functie": functie_id}
    if gemeente_id:
        lid["gemeente"] = gemeente_id
    lid = _met_herkomst({**lid, "vanaf": datum}, bron)
    bewerker = Bewerker(tekst, bestand)
    pad = ("organen", gevonden_orgaan.id)
    if bewerker.knoop(pad).get("leden") is not None:
        bewerker.maak_lijst((*pad, "leden"))
        bewerker.voeg_item_toe((*pad, "leden"), lid)
    else:
        bewerker.voeg_sleutel_toe(pad, "leden", [lid], na=("samenstelling",))
    return Uitkomst(
        bewerker.tekst,
        [f"Lid erbij: {gevonden.naam} in {gevonden_orgaan.naam} als {post} per {datum}."],
    )


def lid_eraf(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    persoon: str,
    functie: str | None = None,
    gemeente: str | None = None,
    datum: date,
    bron: str | None = None,
) -> Uitkomst:
    """`persoon` is no longer a named member of `orgaan` from `datum`: tot-en-met becomes
    the day before."""
    gevonden_orgaan = zoek_orgaan(org, orgaan)
    gevonden = _persoon(org, persoon)
    laatste_dag = datum - DAG
    post = _post(org, functie, gemeente) if functie is not None else None
    leden = [
        lid
        for lid in gevonden_orgaan.leden
        if lid.persoon == gevonden.id
        and geldig_op(lid, laatste_dag)
        and (post is None or (lid.functie, lid.gemeente) == post)
        and (gemeente is None or post is not None or lid.gemeente == _gemeente(org, gemeente))
    ]
    if not leden:
        raise GebruiksFout(
            f"{gevonden.naam} is op {laatste_dag} geen lid bij naam van {gevonden_orgaan.naam}; "
            f"er is geen lidmaatschap te beëindigen per {datum}."
        )
    if len(leden) > 1:
        raise GebruiksFout(
            f"{gevonden.naam} is op {laatste_dag} lid van {gevonden_orgaan.naam} als "
            f"{' en als '.join(functienaam(org, lid.functie, lid.gemeente) for lid in leden)}; "
            "kies met --functie (en --gemeente)."
        )
    lid = leden[0]
    if lid.tot_en_met == laatste_dag:
        return Uitkomst(
            tekst,
            [
                f"Niets gewijzigd: {gevonden.naam} is al lid van {gevonden_orgaan.naam} tot en "
                f"met {laatste_dag}."
            ],
        )
    bewerker = Bewerker(tekst, bestand)
    pad = _lijstpad(
        bewerker, ("organen", gevonden_orgaan.id, "leden"), _index(gevonden_orgaan.leden, lid)
    )
    bewerker.zet(pad, "tot-en-met", laatste_dag, na=("vanaf", "gemeente", "functie"))
    _voeg_bron_toe(bewerker, pad, bron)
    return Uitkomst(
        bewerker.tekst,
        [
            f"Lid eraf: {gevonden.naam} uit {gevonden_orgaan.naam} per {datum} "
            f"(laatste dag {laatste_dag})."
        ],
    )


def zet_status(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    status: str,
    datum: date,
    bron: str | None = None,
    toelichting: str | None = None,
) -> Uitkomst:
    """`orgaan` has `status` from `datum`: a dated period is added and the one in force ends
    the day before. A plain `status: x` becomes a list only when the status changes."""
    gevonden = zoek_orgaan(org, orgaan)
    if status not in STATUSSEN:
        tip = suggestie(status, STATUSSEN)
        hint = f" Bedoelde u '{tip}'?" if tip else ""
        raise GebruiksFout(f"Onbekende status '{status}'.{hint} Kies uit: {', '.join(STATUSSEN)}.")
    huidig = gevonden.status_op(datum)
    if huidig == status:
        return Uitkomst(
            tekst, [f"Niets gewijzigd: {gevonden.naam} is op {datum} al {statuslabel(status)}."]
        )
    bewerker = Bewerker(tekst, bestand)
    pad = ("organen", gevonden.id)
    melding = f"Status: {gevonden.naam} is {statuslabel(status)} per {datum}."
    nieuw = _met_herkomst({"waarde": status, "vanaf": datum}, bron, toelichting)
    if bewerker.knoop(pad).get("status") is None:
        if gevonden.vanaf is not None and gevonden.vanaf >= datum:
            waarde = status if len(nieuw) == 2 else {k: v for k, v in nieuw.items() if k != "vanaf"}
            bewerker.voeg_sleutel_toe(pad, "status", waarde, na=("soort", "aliassen", "naam"))
        else:
            perioden = [{"waarde": "actief", "tot-en-met": datum - DAG}, nieuw]
            bewerker.voeg_sleutel_toe(
                pad, "status", perioden, na=("soort", "aliassen", "naam"), stijl="flow"
            )
        return Uitkomst(bewerker.tekst, [melding])
    pad += ("status",)
    bewerker.maak_lijst(pad)
    perioden = gevonden.status
    lopend = next((i for i, p in enumerate(perioden) if geldig_op(p, datum)), None)
    if lopend is not None and perioden[lopend].vanaf == datum:
        if isinstance(bewerker.knoop((*pad, lopend)), str):
            bewerker.vervang_item((*pad, lopend), status)
        else:
            bewerker.zet((*pad, lopend), "waarde", status)
        return Uitkomst(bewerker.tekst, [melding])
    if lopend is not None:
        oud = perioden[lopend]
        if oud.tot_en_met is not None:
            nieuw = {"waarde": status, "vanaf": datum, "tot-en-met": oud.tot_en_met} | {
                k: v for k, v in nieuw.items() if k not in ("waarde", "vanaf")
            }
        item = bewerker.knoop((*pad, lopend))
        if isinstance(item, str):
            bewerker.vervang_item((*pad, lopend), {"waarde": item, "tot-en-met": datum - DAG})
        else:
            bewerker.zet((*pad, lopend), "tot-en-met", datum - DAG, na=("vanaf", "waarde"))
        bewerker.voeg_item_toe(pad, nieuw, voor=lopend + 1)
        return Uitkomst(bewerker.tekst, [melding])
    later = [i for i, p in enumerate(perioden) if p.vanaf is not None and p.vanaf > datum]
    if later:
        volgende = min(later, key=lambda i: perioden[i].vanaf)
        nieuw = {"waarde": status, "vanaf": datum, "tot-en-met": perioden[volgende].vanaf - DAG} | {
            k: v for k, v in nieuw.items() if k not in ("waarde", "vanaf")
        }
        bewerker.voeg_item_toe(pad, nieuw, voor=volgende)
    else:
        bewerker.voeg_item_toe(pad, nieuw)
    return Uitkomst(bewerker.tekst, [melding])


# --- the file: lock, check, write ---------------------------------------------------------

Bewerking = Callable[[str, Organisatie, str], Uitkomst]


class Resultaat(NamedTuple):
    pad: Path
    oud: str
    nieuw: str
    meldingen: list[str]
    waarschuwingen: list[Probleem]  # warnings the edit brings that were not there before
    geschreven: bool

    @property
    def gewijzigd(self) -> bool:
        return self.oud != self.nieuw

    def diff(self) -> str:
        return unified_diff(self.oud, self.nieuw, str(self.pad))


def _regels(tekst: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+\Z", tekst)


def unified_diff(oud: str, nieuw: str, naam: str) -> str:
    """The change as `diff -u` (and `git diff`) shows it: only \\n ends a line."""
    regels = difflib.unified_diff(_regels(oud), _regels(nieuw), naam, naam)
    return "".join(
        r if r.endswith("\n") else r + "\n\\ Geen regeleinde aan het eind\n" for r in regels
    )


class Slot(NamedTuple):
    """The locked data file: the open descriptor and what it was when the lock was taken."""

    descriptor: int
    toestand: os.stat_result


@contextmanager
def vergrendeld(pad: Path, wachttijd: float | None = None) -> Iterator[Slot]:
    """An exclusive lock on the file itself, both kinds that programs use: flock (as amctl,
    `flock(1)`) and a POSIX record lock (fcntl/lockf, as editors and sqlite). Waits at most
    `wachttijd` seconds (default WACHTTIJD), then Bezet.

    The file is replaced (not rewritten) by every edit, so after the lock is taken we check
    that the path still names the file we locked; if another edit replaced it meanwhile, we
    lock the new one. No lock file is left next to the data."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock (Windows): edits are not guarded
        descriptor = os.open(pad, os.O_RDONLY)
        try:
            yield Slot(descriptor, os.fstat(descriptor))
        finally:
            os.close(descriptor)
        return
    wachttijd = WACHTTIJD if wachttijd is None else wachttijd
    einde = time.monotonic() + wachttijd
    while True:
        try:
            descriptor = os.open(pad, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY)
        except OSError as fout:
            raise GebruiksFout(
                f"Kan '{toon_pad(pad)}' niet openen om te bewerken: {fout.strerror}."
            ) from None
        try:
            for soort in (fcntl.flock, fcntl.lockf):
                while True:
                    try:
                        soort(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except OSError as fout:
                        if fout.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                            raise
                        if time.monotonic() >= einde:
                            raise Bezet(
                                f"'{toon_pad(pad)}' wordt door een ander programma bewerkt; na "
                                f"{wachttijd:g} seconden wachten is deze wijziging niet "
                                "doorgevoerd. Probeer het opnieuw."
                            ) from None
                        time.sleep(0.02)
            vergrendeld_bestand = os.fstat(descriptor)
            try:
                nu = os.stat(pad)
            except FileNotFoundError:
                raise GebruiksFout(
                    f"'{toon_pad(pad)}' is verdwenen terwijl amctl erop wachtte."
                ) from None
            if (nu.st_dev, nu.st_ino) == (vergrendeld_bestand.st_dev, vergrendeld_bestand.st_ino):
                yield Slot(descriptor, vergrendeld_bestand)
                return
        finally:
            os.close(descriptor)


def _lees_gegevens(pad: Path, naam: str, slot: Slot | None) -> bytes:
    """The bytes of the data file, within the loader's limit; under the lock from its
    descriptor (opening the path again and closing it would drop the POSIX lock)."""
    try:
        if slot is None:
            return lees_bytes(pad)
        if slot.toestand.st_size > MAX_BYTES:
            raise te_groot(naam, slot.toestand.st_size)
        ruw = lees_descriptor(slot.descriptor, MAX_BYTES + 1)
        if len(ruw) > MAX_BYTES:
            raise te_groot(naam, 0)
        return ruw
    except LaadFout as fout:
        raise OngeldigeData(Uitslag(naam, None, [fout.probleem])) from None
    except OSError as fout:
        raise GebruiksFout(f"Kan '{toon_pad(pad)}' niet lezen: {fout.strerror}.") from None


def bewerk_bestand(
    pad: Path, bewerking: Bewerking, *, droog: bool = False, wachttijd: float | None = None
) -> Resultaat:
    """Apply an edit to the file under a lock: read, check, edit, check, write atomically.

    The file must be valid before (else OngeldigeData) and after (else OngeldigeBewerking);
    with `droog` nothing is written and no lock is waited for (a replace is atomic, so the
    file read is always one whole version). amctl.schrijven refuses a file it cannot replace
    without harm (read-only, hard links, not a regular file) or that changed meanwhile."""
    echt = Path(os.path.realpath(pad))  # write through a symbolic link, not over it
    naam = str(pad)
    try:
        toestand = os.stat(echt)
    except OSError as fout:
        raise GebruiksFout(f"Kan '{toon_pad(pad)}' niet lezen: {fout.strerror}.") from None
    if droog:
        if not stat.S_ISREG(toestand.st_mode):
            controleer_bewerkbaar(pad, toestand)
        return _bewerk(echt, naam, pad, bewerking, None, droog=True)
    controleer_bewerkbaar(pad, toestand)
    with vergrendeld(echt, wachttijd) as slot:
        return _bewerk(echt, naam, pad, bewerking, slot, droog=False)


def _bewerk(
    echt: Path, naam: str, pad: Path, bewerking: Bewerking, slot: Slot | None, *, droog: bool
) -> Resultaat:
    ruw = _lees_gegevens(echt, naam, slot)
    try:
        oud = decodeer(ruw, naam)
    except LaadFout as fout:
        raise OngeldigeData(Uitslag(naam, None, [fout.probleem])) from None
    voor = controleer_tekst(oud, naam)
    if voor.fouten or voor.organisatie is None:
        raise OngeldigeData(voor)
    from amctl.cache import zonder_gc

    with zonder_gc():  # the edit loads the text again after each step; see zonder_gc
        uitkomst = bewerking(oud, voor.organisatie, naam)
    if uitkomst.tekst == oud:
        return Resultaat(pad, oud, oud, uitkomst.meldingen, [], False)
    na = controleer_tekst(uitkomst.tekst, naam)
    if na.fouten:
        raise OngeldigeBewerking(na, unified_diff(oud, uitkomst.tekst, naam))
    bekend = {(p.code, p.melding) for p in voor.waarschuwingen}
    nieuw_gewaarschuwd = [p for p in na.waarschuwingen if (p.code, p.melding) not in bekend]
    if slot is not None:
        bom = _BOM if ruw.startswith(_BOM) else b""
        vervang_gegevens(
            echt, slot.descriptor, slot.toestand, ruw, bom + uitkomst.tekst.encode("utf-8")
        )
    return Resultaat(pad, oud, uitkomst.tekst, uitkomst.meldingen, nieuw_gewaarschuwd, not droog)


# --- meetings -----------------------------------------------------------------------------


def _vergadering(gevonden: Orgaan, datum: date):
    """The one recorded meeting of a body on a day."""
    op_dag = [v for v in gevonden.vergaderingen if v.datum == datum]
    if not op_dag:
        vastgelegd = ", ".join(v.datum.isoformat() for v in gevonden.vergaderingen[-5:])
        hint = f" Vastgelegd (laatste): {vastgelegd}." if vastgelegd else ""
        raise GebruiksFout(f"{gevonden.naam} heeft geen vergadering op {datum}.{hint}")
    if len(op_dag) > 1:
        raise GebruiksFout(
            f"{gevonden.naam} heeft {len(op_dag)} vergaderingen op {datum}; amctl kan niet kiezen "
            "welke. Pas het bestand met de hand aan."
        )
    return op_dag[0]


def _vergaderingsgegevens(org: Organisatie, **velden) -> dict[str, object]:
    gegevens: dict[str, object] = {}
    for sleutel in ("datum", "gemeente", "plaats", "voorzitter", "thema", "bron", "toelichting"):
        waarde = velden.get(sleutel)
        if waarde is None:
            continue
        if sleutel in ("gemeente", "voorzitter"):
            waarde = _gemeente(org, waarde)
        gegevens[sleutel] = waarde
    return gegevens


def vergadering_erbij(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    datum: date,
    gemeente: str | None = None,
    plaats: str | None = None,
    voorzitter: str | None = None,
    thema: str | None = None,
    bron: str | None = None,
) -> Uitkomst:
    """Record a meeting of `orgaan` on `datum`, in date order among the others."""
    gevonden = zoek_orgaan(org, orgaan)
    nieuw = _vergaderingsgegevens(
        org,
        datum=datum,
        gemeente=gemeente,
        plaats=plaats,
        voorzitter=voorzitter,
        thema=thema,
        bron=bron,
    )
    for bestaand in gevonden.vergaderingen:
        if bestaand.datum != datum:
            continue
        zelfde = all(
            getattr(bestaand, k) == (tuple([v]) if k == "bron" else v) for k, v in nieuw.items()
        )
        if zelfde:
            return Uitkomst(tekst, [f"Niets gewijzigd: {gevonden.naam} vergaderde al op {datum}."])
        raise GebruiksFout(
            f"{gevonden.naam} heeft al een vergadering op {datum}; pas die aan met 'amctl "
            f"vergadering-wijzig {gevonden.id} --datum {datum}'."
        )
    bewerker = Bewerker(tekst, bestand)
    pad = ("organen", gevonden.id)
    waar = " in " + org.gemeenten[nieuw["gemeente"]].naam if "gemeente" in nieuw else ""
    melding = f"Vergadering erbij: {gevonden.naam} op {datum}{waar}."
    if bewerker.knoop(pad).get("vergaderingen") is None:
        bewerker.voeg_sleutel_toe(
            pad,
            "vergaderingen",
            [nieuw],
            na=("vergaderritme", "relaties", "ondersteuning", "voorzitter", "leden"),
            stijl="flow",
        )
        return Uitkomst(bewerker.tekst, [melding])
    bewerker.maak_lijst((*pad, "vergaderingen"))
    later = [i for i, v in enumerate(gevonden.vergaderingen) if v.datum > datum]
    bewerker.voeg_item_toe((*pad, "vergaderingen"), nieuw, voor=later[0] if later else None)
    return Uitkomst(bewerker.tekst, [melding])


def vergadering_wijzig(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    datum: date,
    nieuwe_datum: date | None = None,
    gemeente: str | None = None,
    plaats: str | None = None,
    voorzitter: str | None = None,
    thema: str | None = None,
    bron: str | None = None,
) -> Uitkomst:
    """Correct a recorded meeting: each value given replaces the recorded one."""
    gevonden = zoek_orgaan(org, orgaan)
    vergadering = _vergadering(gevonden, datum)
    nieuw = _vergaderingsgegevens(
        org,
        datum=nieuwe_datum,
        gemeente=gemeente,
        plaats=plaats,
        voorzitter=voorzitter,
        thema=thema,
        bron=bron,
    )
    if not nieuw:
        raise GebruiksFout(
            "Geef wat er verandert: --nieuwe-datum, --gemeente, --plaats, --voorzitter, "
            "--thema of --bron."
        )
    if nieuwe_datum not in (None, datum) and any(
        v.datum == nieuwe_datum for v in gevonden.vergaderingen
    ):
        raise GebruiksFout(f"{gevonden.naam} heeft al een vergadering op {nieuwe_datum}.")
    bewerker = Bewerker(tekst, bestand)
    lijst = ("organen", gevonden.id, "vergaderingen")
    pad = _lijstpad(bewerker, lijst, _index(gevonden.vergaderingen, vergadering))
    volgorde = ("datum", "gemeente", "plaats", "voorzitter", "thema", "bron")
    for sleutel, waarde in nieuw.items():
        eerder = tuple(reversed(volgorde[: volgorde.index(sleutel)]))
        bestaand = bewerker.knoop(pad).get(sleutel)
        if isinstance(bestaand, Lijst):
            raise GebruiksFout(
                f"De {sleutel} van deze vergadering is een lijst; pas die met de hand aan."
            )
        bewerker.zet(pad, sleutel, waarde, na=eerder)
    if bewerker.tekst == tekst:
        return Uitkomst(
            tekst, [f"Niets gewijzigd: de vergadering van {gevonden.naam} op {datum} was al zo."]
        )
    return Uitkomst(
        bewerker.tekst,
        [f"Vergadering gewijzigd: {gevonden.naam} op {nieuwe_datum or datum}."],
    )


def vergadering_eraf(
    tekst: str, org: Organisatie, bestand: str, *, orgaan: str, datum: date
) -> Uitkomst:
    """Remove a recorded meeting (recorded by mistake, or it did not take place)."""
    gevonden = zoek_orgaan(org, orgaan)
    vergadering = _vergadering(gevonden, datum)
    bewerker = Bewerker(tekst, bestand)
    lijst = ("organen", gevonden.id, "vergaderingen")
    index = _index(gevonden.vergaderingen, vergadering)
    bewerker.verwijder_item((*lijst, index))
    return Uitkomst(bewerker.tekst, [f"Vergadering eraf: {gevonden.naam} op {datum}."])
