"""Two models compared as data, key path by key path: what `amctl verschil` lists as
'overige wijzigingen' after its governance summary.

A model is turned back into what the file says (YAML keys, dates as text, empty values left
out) and walked as nested mappings and lists. Paths that the summary already states are left
out (`gedekt`); lists of objects are matched as a text diff matches lines, so that one
inserted meeting is one change. The result is (path, old, new), with GEEN for the side that
lacks the key or item.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from amctl.model import SECTIES, Organisatie, Relatie

GEEN = object()  # a key or list item that one side does not have
ID, ITEM = "*", "[]"  # in a path pattern: any id, any list item

Pad = tuple[str | int, ...]
Patroon = tuple[str, ...]


_SLEUTELS_PER_KLASSE: dict[type, tuple[tuple[str, int], ...]] = {}


def _sleutels(klasse: type) -> tuple[tuple[str, int], ...]:
    """(YAML key, field index) of each field of a model class that the file can hold."""
    if klasse not in _SLEUTELS_PER_KLASSE:
        velden = klasse._fields  # type: ignore[attr-defined]
        _SLEUTELS_PER_KLASSE[klasse] = tuple(
            (veld.sleutel, velden.index(veld.attribuut))
            for veld in klasse.VELDEN  # type: ignore[attr-defined]
            if veld.attribuut in velden
        )
    return _SLEUTELS_PER_KLASSE[klasse]


def _als_gegevens(waarde: Any) -> Any:
    """A model object as the file says it: its YAML keys, without empty ones; dates as text."""
    if isinstance(waarde, str | int | float | bool) or waarde is None:
        return waarde
    if isinstance(waarde, date):
        return waarde.isoformat()
    if hasattr(waarde, "VELDEN"):
        uit: dict[str, Any] = {waarde.soort: waarde.naar} if isinstance(waarde, Relatie) else {}
        for sleutel, plaats in _sleutels(type(waarde)):
            gegeven = waarde[plaats]
            if gegeven is None or gegeven == ():
                continue
            uit[sleutel] = _als_gegevens(gegeven)
        return uit
    return [_als_gegevens(w) for w in waarde]


def _bestand_als_gegevens(org: Organisatie) -> dict[str, Any]:
    gegevens: dict[str, Any] = {"versie": org.versie}
    for sectie in SECTIES:
        gegevens[sectie] = {i: _als_gegevens(o) for i, o in getattr(org, sectie).items()}
    return gegevens


def _patroon(pad: Pad) -> Patroon:
    return tuple(
        ITEM if isinstance(deel, int) else ID if i == 1 else deel for i, deel in enumerate(pad)
    )


def padtekst(pad: Pad) -> str:
    """organen.regiegroep.vergaderingen[2].datum"""
    tekst = ""
    for deel in pad:
        tekst += f"[{deel}]" if isinstance(deel, int) else f".{deel}" if tekst else deel
    return tekst


def kort(waarde: Any) -> str:
    """A value on one line, in YAML's flow style."""
    if waarde is GEEN:
        return "(geen)"
    if isinstance(waarde, dict):
        return "{" + ", ".join(f"{k}: {kort(v)}" for k, v in waarde.items()) + "}"
    if isinstance(waarde, list):
        return "[" + ", ".join(kort(v) for v in waarde) + "]"
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    return str(waarde)


def _sleutel(waarde: Any) -> str:
    return json.dumps(waarde, sort_keys=True, ensure_ascii=False, default=str)


def verschillen(
    oud: Organisatie, nieuw: Organisatie, gedekt: frozenset[Patroon] = frozenset()
) -> list[tuple[Pad, Any, Any]]:
    """(path, old, new) for every change of the data, GEEN for the side without it; a path
    whose pattern is in `gedekt` is left out (for an object or list item: adding or removing
    it), but what changed below it that `gedekt` does not name is not."""
    uit: list[tuple[Pad, Any, Any]] = []
    _overige((), _bestand_als_gegevens(oud), _bestand_als_gegevens(nieuw), gedekt, uit)
    return uit


def _overige(
    pad: Pad, oud: Any, nieuw: Any, gedekt: frozenset[Patroon], uit: list[tuple[Pad, Any, Any]]
) -> None:
    """Collect (path, old, new) for every change below `pad` that is not covered."""
    if oud == nieuw:
        return
    lijst = oud if isinstance(oud, list) else nieuw if isinstance(nieuw, list) else None
    if lijst is not None and any(isinstance(w, dict) for w in lijst):
        # A list of objects that one side lacks (an empty list is left out of the data):
        # compare item by item, so that a covered item shows only its other fields.
        oud, nieuw = ([] if oud is GEEN else oud), ([] if nieuw is GEEN else nieuw)
    is_gedekt = len(pad) > 1 and _patroon(pad) in gedekt
    oud_map = oud if isinstance(oud, dict) else {} if oud is GEEN and is_gedekt else None
    nieuw_map = nieuw if isinstance(nieuw, dict) else {} if nieuw is GEEN and is_gedekt else None
    if oud_map is not None and nieuw_map is not None:
        for sleutel in [*nieuw_map, *(s for s in oud_map if s not in nieuw_map)]:
            voor, na = oud_map.get(sleutel, GEEN), nieuw_map.get(sleutel, GEEN)
            _overige((*pad, sleutel), voor, na, gedekt, uit)
        return
    if is_gedekt:
        return
    if isinstance(oud, list) and isinstance(nieuw, list):
        _lijstverschillen(pad, oud, nieuw, gedekt, uit)
        return
    uit.append((pad, oud, nieuw))


def _lijstverschillen(
    pad: Pad, oud: list, nieuw: list, gedekt: frozenset[Patroon], uit: list[tuple[Pad, Any, Any]]
) -> None:
    """Items matched as a text diff matches lines: an inserted meeting is one change, not a
    shift of every meeting after it."""
    from difflib import SequenceMatcher

    blokken = SequenceMatcher(
        None, [_sleutel(w) for w in oud], [_sleutel(w) for w in nieuw], autojunk=False
    ).get_opcodes()
    for soort, o1, o2, n1, n2 in blokken:
        if soort == "equal":
            continue
        paren = min(o2 - o1, n2 - n1)
        for i in range(paren):
            _overige((*pad, n1 + i), oud[o1 + i], nieuw[n1 + i], gedekt, uit)
        for i in range(o1 + paren, o2):
            _overige((*pad, i), oud[i], GEEN, gedekt, uit)
        for i in range(n1 + paren, n2):
            _overige((*pad, i), GEEN, nieuw[i], gedekt, uit)
