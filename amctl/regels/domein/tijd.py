"""Domain rules on time and periods: reversed periods, overlapping status periods."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from amctl.model import (
    Gedateerd,
    Organisatie,
    StatusPeriode,
    overlapt,
)
from amctl.probleem import Probleem
from amctl.regels import Melder, domeinregel
from amctl.regels.domein._gedeeld import _BASIS, _KOP, _SOORT, F, _datum


def _gedateerde_objecten(org: Organisatie) -> Iterator[tuple[Gedateerd, str]]:
    for g in org.gemeenten.values():
        yield g, f"gemeente '{g.id}'"
    for f in org.functies.values():
        yield f, f"functie '{f.id}'"
    for p in org.personen.values():
        for b in p.functies:
            yield b, f"de functie '{b.functie}' van persoon '{p.id}'"
            for t in b.portefeuilles:
                yield t, f"de portefeuille '{t.portefeuille}' van persoon '{p.id}'"
    for o in org.organen.values():
        yield o, f"orgaan '{o.id}'"
        for deel in (o.status, o.samenstelling, o.leden, o.voorzitter, o.ondersteuning):
            for item in deel:
                yield item, f"een onderdeel van orgaan '{o.id}'"
        for r in o.relaties:
            yield r, f"de relatie '{r.soort}' van orgaan '{o.id}'"
        for v in o.vergaderritme:
            yield v, f"het vergaderritme van orgaan '{o.id}'"


@domeinregel(
    "AM301",
    "periode-omgekeerd",
    F,
    "Een periode eindigt ('tot-en-met') voordat hij begint ('vanaf').",
    "'vanaf' is de eerste dag en 'tot-en-met' de laatste dag die nog meetelt; een periode "
    "van één dag heeft twee gelijke datums. Een omgekeerde periode is meestal een tikfout "
    "in het jaartal.",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - functie: burgemeester\n        gemeente: diemen\n"
    "        vanaf: 2024-01-01\n        tot-en-met: 2014-12-31\n",
    _BASIS + "personen:\n  p-test:\n    naam: P. Test\n    functies:\n"
    "      - functie: burgemeester\n        gemeente: diemen\n"
    "        vanaf: 2014-01-01\n        tot-en-met: 2024-12-31\n",
)
def periode_omgekeerd(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for obj, wat in _gedateerde_objecten(org):
        vanaf, tot = obj.vanaf, obj.tot_en_met  # type: ignore[attr-defined]
        if vanaf and tot and vanaf > tot:
            plekken = getattr(obj, "plekken", {})
            yield meld(
                "AM301",
                plekken.get("tot-en-met", obj.plek),  # type: ignore[attr-defined]
                f"De periode van {wat} eindigt ({tot}) voordat hij begint ({vanaf}); "
                "verbeter een van beide datums.",
            )


@domeinregel(
    "AM313",
    "status-overlap",
    F,
    "Een orgaan heeft op dezelfde dag twee statussen.",
    "Een lijst statussen beschrijft de geschiedenis: elke status heeft een eigen periode. "
    "Sluit de oude status af de dag voordat de nieuwe begint.",
    _KOP + _SOORT + "organen:\n  pho:\n    naam: PHO\n    soort: overleg\n    status:\n"
    "      - {waarde: in-overweging}\n      - {waarde: actief, vanaf: 2026-01-01}\n",
    _KOP + _SOORT + "organen:\n  pho:\n    naam: PHO\n    soort: overleg\n    status:\n"
    "      - {waarde: in-overweging, tot-en-met: 2025-12-31}\n"
    "      - {waarde: actief, vanaf: 2026-01-01}\n",
)
def status_overlap(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        op_begin = sorted(orgaan.status, key=lambda s: _datum(s.vanaf, date.min))
        langst: StatusPeriode | None = None  # of those seen, the one that ends last
        for later in op_begin:
            if langst is not None and overlapt(langst, later):
                yield meld(
                    "AM313",
                    later.plek,
                    f"'{orgaan.id}' is tegelijk '{langst.waarde}' en '{later.waarde}'; "
                    "geef de statussen perioden die elkaar niet overlappen.",
                )
            if langst is None or _datum(later.tot_en_met, date.max) > _datum(
                langst.tot_en_met, date.max
            ):
                langst = later
