"""The Bewerker: changes the YAML text one step at a time at the positions amctl.laden records
(set a key, add or remove a key or an item, turn a value into a list), keeping every other byte.
After each step the text is loaded again and must hold exactly the data the step meant;
otherwise `BewerkingMislukt`: a bug in amctl, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from amctl.bewerken.yamltekst import _flow, _geordend, _in, _kaal, _Tekst, _zet_na, skalaar
from amctl.laden import Document, Lijst, Map, laad_tekst
from amctl.probleem import GebruiksFout, LaadFout


class BewerkingMislukt(Exception):
    """The text edit did not give the data it meant: a bug in amctl; nothing is written."""


_SLEUTEL = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#][^:]*?)\s*:(?=\s|$)""")
_LEGE_WAARDE = re.compile(r"(\s*)(~|null|Null|NULL|\{\s*\}|\[\s*\])?(\s*(?:#.*)?)\Z")


# Within `onthouden()` (one edit of the file, amctl.bewerken.bewerk_bestand): the last text
# loaded and its Document, so that the text is parsed once where the checks before and after
# the edit and the Bewerker each need its tree. Outside it, every load is a new one.
_onthouden: list[tuple[str, str, Document] | None] | None = None


@contextmanager
def onthouden() -> Iterator[None]:
    """Remember the last text loaded (by `laad`) until the block ends."""
    global _onthouden
    vorige, _onthouden = _onthouden, [None]
    try:
        yield
    finally:
        _onthouden = vorige


def laad(tekst: str, bestand: str) -> Document:
    """laden.laad_tekst, or within `onthouden()` the Document of the same text loaded last."""
    if _onthouden is None:
        return laad_tekst(tekst, bestand)
    laatst = _onthouden[0]
    if laatst is not None and laatst[1] == bestand and (laatst[0] is tekst or laatst[0] == tekst):
        return laatst[2]
    document = laad_tekst(tekst, bestand)
    _onthouden[0] = (tekst, bestand, document)
    return document


class Bewerker:
    """Changes the text one step at a time; after each step the text is loaded again and
    must hold exactly the data the step meant."""

    def __init__(self, tekst: str, bestand: str) -> None:
        self.bestand = bestand
        document = laad(tekst, bestand)
        self.t = _Tekst(tekst, document.vervolg)
        self.data = document.data
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
            geladen = laad(tekst, self.bestand)
        except LaadFout as fout:
            raise BewerkingMislukt(f"de gewijzigde tekst is geen YAML meer: {fout}") from None
        if geladen.problemen or _geordend(_kaal(geladen.data)) != _geordend(verwacht):
            raise BewerkingMislukt("de gewijzigde tekst bevat niet de bedoelde gegevens")
        self.t = _Tekst(tekst, geladen.vervolg)
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


_T = TypeVar("_T")


def in_een_keer(tekst: str, bestand: str, stappen: Callable[[Bewerker], _T]) -> tuple[Bewerker, _T]:
    """The steps of one edit (`stappen(bewerker)`) as one step: one load and check of the
    text for all of them instead of one per step. Steps that build on what an earlier step
    changed (a key added, then filled) cannot be one: their check fails, and the steps run
    again one by one from the start. Either way the text holds exactly the data the steps
    meant, or BewerkingMislukt. A GebruiksFout (what the command asks cannot be done) is not
    retried."""
    bewerker = Bewerker(tekst, bestand)
    try:
        with bewerker.in_een_stap():
            uitkomst = stappen(bewerker)
        return bewerker, uitkomst
    except GebruiksFout:
        raise
    except Exception:  # a step read a position an earlier one changed: one by one
        bewerker = Bewerker(tekst, bestand)
        return bewerker, stappen(bewerker)
