"""Who holds a portefeuille of a gemeente, and when: the one reading of the dated entries that
the rule AM342 (one holder a day), the portfolio edits and `verschil` share."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from amctl.model.objecten import Bezetting, Toedeling

if TYPE_CHECKING:
    from amctl.model import Organisatie


class Portefeuillehouder(NamedTuple):
    """Someone holds a portefeuille of a gemeente from `begin` to `eind` (the days on which
    both the post and the portefeuille hold; None is open), by the entry `toedeling`."""

    persoon: str
    bezetting: Bezetting
    toedeling: Toedeling
    begin: date | None
    eind: date | None

    def op(self, peildatum: date) -> bool:
        return (self.begin is None or self.begin <= peildatum) and (
            self.eind is None or peildatum <= self.eind
        )


def portefeuillehouders(org: Organisatie) -> dict[tuple[str, str | None], list[Portefeuillehouder]]:
    """Every holding of a portefeuille, per (portefeuille, gemeente), earliest first; a
    portefeuille dated outside its holding's term (AM341) counts for the days both hold."""
    houders: dict[tuple[str, str | None], list[Portefeuillehouder]] = defaultdict(list)
    for b in org.bezettingen():
        for t in b.portefeuilles:
            begin = max((d for d in (b.vanaf, t.vanaf) if d is not None), default=None)
            eind = min((d for d in (b.tot_en_met, t.tot_en_met) if d is not None), default=None)
            if begin is not None and eind is not None and eind < begin:
                continue
            houders[(t.portefeuille, b.gemeente)].append(
                Portefeuillehouder(b.persoon, b, t, begin, eind)
            )
    for lijst in houders.values():
        lijst.sort(key=lambda h: (h.begin or date.min, h.persoon))
    return dict(houders)


def dubbele_portefeuillehouders(
    org: Organisatie,
) -> list[tuple[str, str | None, Portefeuillehouder, Portefeuillehouder]]:
    """Each pair of different people who hold one portefeuille of one gemeente on a same day:
    (portefeuille, gemeente, who held it first, the other). The rule AM342 reports them, so an
    edit or an import that would make one is refused by the check after it."""
    paren = []
    for (portefeuille, gemeente), houders in portefeuillehouders(org).items():
        lopend: list[Portefeuillehouder] = []
        for houder in houders:
            begin = houder.begin or date.min
            lopend = [h for h in lopend if (h.eind or date.max) >= begin]
            paren += [
                (portefeuille, gemeente, eerder, houder)
                for eerder in lopend
                if eerder.persoon != houder.persoon
            ]
            lopend.append(houder)
    return paren
