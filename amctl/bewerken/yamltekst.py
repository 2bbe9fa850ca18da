"""How a value is written as YAML text so that it reads back as itself (`skalaar`), and the
text as lines, numbered as libyaml numbers them (`_Tekst`): the ground under the Bewerker.
"""

from __future__ import annotations

import bisect
import json
import re
from datetime import date
from typing import Any

import yaml

from amctl.laden import _Loader

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

    def __init__(self, tekst: str, binnen_een_knoop: frozenset[int] | None = None) -> None:
        """`binnen_een_knoop`: what `_binnen_een_knoop(tekst)` gives, when the caller has it
        already (amctl.laden records it in the Document of the text)."""
        self.tekst = tekst
        self.begin = [0]
        self.eind: list[int] = []
        # Lines that continue what an earlier line began, whatever their indentation: after
        # U+0085, U+2028 or U+2029 (libyaml counts them, but in a real file they sit inside a
        # quoted text or a comment), and the later lines of a quoted text or flow collection.
        self.vervolg: set[int] = set()
        for regeleinde in _REGELEINDE.finditer(tekst):
            self.eind.append(regeleinde.start())
            self.begin.append(regeleinde.end())
            if regeleinde.group() in "\x85\u2028\u2029":
                self.vervolg.add(len(self.begin) - 1)
        self.eind.append(len(tekst))
        self.vervolg |= _binnen_een_knoop(tekst) if binnen_een_knoop is None else binnen_een_knoop
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


def _binnen_een_knoop(tekst: str) -> set[int]:
    """The lines (0-based, as libyaml counts them) after the first of a quoted text or a flow
    collection that spans lines: they belong to that node even where they are indented less
    than its key (libyaml reads `naam: 'Regel` + a line `een'` at column 0 as one name)."""
    vervolg: set[int] = set()
    open_: list[tuple[bool, int]] = []  # (flow, first line) of every collection we are in
    try:
        for gebeurtenis in yaml.parse(tekst, Loader=_Loader):
            if isinstance(gebeurtenis, yaml.ScalarEvent) and gebeurtenis.style in ("'", '"'):
                begin, eind = gebeurtenis.start_mark.line, gebeurtenis.end_mark.line
            elif isinstance(gebeurtenis, yaml.CollectionStartEvent):
                open_.append((bool(gebeurtenis.flow_style), gebeurtenis.start_mark.line))
                continue
            elif isinstance(gebeurtenis, yaml.CollectionEndEvent) and open_:
                flow, begin = open_.pop()
                if not flow:
                    continue
                eind = gebeurtenis.end_mark.line
            else:
                continue
            vervolg.update(range(begin + 1, eind + 1))
    except yaml.YAMLError:  # the Bewerker only edits valid files; nothing to add then
        pass
    return vervolg
