"""Shared pieces of the domain rules: severities, the smallest example files, date helpers."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import date

from amctl.model import Gedateerd
from amctl.probleem import Ernst

F, W = Ernst.FOUT, Ernst.WAARSCHUWING

_KOP = "versie: 1\n"
_SOORT = "soorten:\n  overleg:\n    naam: overleg\n"
_GEMEENTEN = "gemeenten:\n  aalsmeer:\n    naam: Aalsmeer\n  diemen:\n    naam: Diemen\n"
_FUNCTIES = (
    "functies:\n  burgemeester:\n    naam: burgemeester\n    per-gemeente: true\n"
    "    zetels: 1\n  raadslid:\n    naam: raadslid\n    per-gemeente: true\n"
)
_BASIS = _KOP + _SOORT + _GEMEENTEN + _FUNCTIES


def _datum(d: date | None, standaard: date) -> date:
    return standaard if d is None else d


def _tekst(d: date | None) -> str:
    return d.isoformat() if d else "open"


def _overschrijdingen(items: Iterable[Gedateerd], grens: int) -> list[Gedateerd]:
    """Items that, when they start, make more than `grens` items hold at once."""
    te_veel = []
    lopend: list[date] = []  # min-heap of end dates of the items holding now
    for item in sorted(items, key=lambda i: _datum(i.vanaf, date.min)):
        begin = _datum(item.vanaf, date.min)
        while lopend and lopend[0] < begin:
            heapq.heappop(lopend)
        heapq.heappush(lopend, _datum(item.tot_en_met, date.max))
        if len(lopend) > grens:
            te_veel.append(item)
    return te_veel
