"""`amctl geschiedenis`: the timeline of a body, a post, a person or a gemeente.

Each line is a period (vanaf .. tot-en-met) with what held in it, sorted by start date:
who sat in a body's seats and when its status or chair changed; who held a post (with the
vacancies between holders of a one-seat post); which posts and seats a person had.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from amctl.model import Bezetting, Gedateerd, Orgaan, Organisatie
from amctl.probleem import GebruiksFout
from amctl.tekst import suggestie
from amctl.vragen import (
    OPEN,
    ambtshalve_perioden,
    datum_aard,
    doorsnede,
    functienaam,
    herkomst,
    statuslabel,
    voorzitter_tekst,
    waarneming,
    zoek_orgaan,
    zoek_wie,
)

DAG = timedelta(days=1)
_SOORTEN = ("bestaan", "deelname", "status", "voorzitter", "functie", "zetel", "lid", "vacant")


class Aarden(NamedTuple):
    """How a period's fact, its start and its end are known (amctl.vragen: `herkomst`,
    `datum_aard`); None: as the source states it."""

    feit: str | None = None
    vanaf: str | None = None
    tot_en_met: str | None = None


def aarden_van(item: Gedateerd, orgaan: Orgaan | None = None, sleutel: str = "") -> Aarden:
    """The marks of a dated fact of the file, as `toon` shows them."""
    return Aarden(
        herkomst(item, orgaan, sleutel).aard,
        datum_aard(item, "vanaf"),
        datum_aard(item, "tot-en-met"),
    )


class Tijdvak(NamedTuple):
    vanaf: date | None  # None: no start recorded
    tot_en_met: date | None  # None: still so
    soort: str  # one of _SOORTEN, or 'ondersteuning'
    tekst: str
    gegevens: dict[str, Any]
    aarden: Aarden = Aarden()

    def als_dict(self) -> dict[str, Any]:
        return {
            "vanaf": self.vanaf.isoformat() if self.vanaf else None,
            "vanaf_aard": self.aarden.vanaf,
            "tot_en_met": self.tot_en_met.isoformat() if self.tot_en_met else None,
            "tot_en_met_aard": self.aarden.tot_en_met,
            "soort": self.soort,
            "tekst": self.tekst,
            "aard": self.aarden.feit,
            **self.gegevens,
        }


class Tijdlijn(NamedTuple):
    soort: str  # orgaan, functie, persoon, gemeente
    id: str
    naam: str
    tijdvakken: list[Tijdvak]


def _volgorde(tijdvak: Tijdvak) -> tuple:
    soort = _SOORTEN.index(tijdvak.soort) if tijdvak.soort in _SOORTEN else len(_SOORTEN)
    return (tijdvak.vanaf or date.min, soort, tijdvak.tot_en_met or date.max, tijdvak.tekst)


def _persoon(org: Organisatie, persoon: str) -> str:
    return org.personen[persoon].naam


def _orgaan_tijdlijn(org: Organisatie, orgaan: Orgaan) -> list[Tijdvak]:
    uit: list[Tijdvak] = []
    if orgaan.vanaf or orgaan.tot_en_met:
        bestaan = aarden_van(orgaan)._replace(feit=None)
        uit.append(Tijdvak(orgaan.vanaf, orgaan.tot_en_met, "bestaan", "bestaat", {}, bestaan))
    for p in orgaan.status or ():
        tekst = f"status: {statuslabel(p.waarde)}"
        uit.append(Tijdvak(p.vanaf, p.tot_en_met, "status", tekst, {}, aarden_van(p, orgaan)))
    for v in orgaan.voorzitter:
        tekst = f"voorzitter: {voorzitter_tekst(org, v)}"
        uit.append(Tijdvak(v.vanaf, v.tot_en_met, "voorzitter", tekst, {}, aarden_van(v, orgaan)))
    for bezettingen in org.bekleders().values():
        for b in bezettingen:
            for periode, regel in ambtshalve_perioden(org, orgaan, b):
                post = functienaam(org, b.functie, b.gemeente, b.waarnemend)
                uit.append(
                    Tijdvak(
                        periode.vanaf,
                        periode.tot_en_met,
                        "zetel",
                        f"{_persoon(org, b.persoon)}, {post} ({regel.rol}, ambtshalve)",
                        {"persoon": b.persoon, "functie": b.functie, "gemeente": b.gemeente},
                        Aarden(herkomst(regel, orgaan, "functie").aard),
                    )
                )
    for lid in orgaan.leden:
        periode = doorsnede(lid, orgaan)
        if periode is None:
            continue
        post = functienaam(org, lid.functie, lid.gemeente)
        uit.append(
            Tijdvak(
                periode.vanaf,
                periode.tot_en_met,
                "lid",
                f"{_persoon(org, lid.persoon)}, {post} ({lid.rol or 'lid'}, bij naam)",
                {"persoon": lid.persoon, "functie": lid.functie, "gemeente": lid.gemeente},
                Aarden(herkomst(lid, orgaan).aard),
            )
        )
    for steun in orgaan.ondersteuning:
        for b in org.bekleders().get((steun.functie, steun.gemeente), ()):
            periode = doorsnede(b, steun, orgaan)
            if periode is not None:
                post = functienaam(org, b.functie, b.gemeente, b.waarnemend)
                uit.append(
                    Tijdvak(
                        periode.vanaf,
                        periode.tot_en_met,
                        "ondersteuning",
                        f"ondersteuning: {_persoon(org, b.persoon)}, {post}",
                        {"persoon": b.persoon, "functie": b.functie, "gemeente": b.gemeente},
                        Aarden(herkomst(steun, orgaan).aard),
                    )
                )
    return uit


def _post_tijdlijn(org: Organisatie, functie: str, gemeente: str | None) -> list[Tijdvak]:
    """Holders of a post; for a one-seat post also the gaps between them. Without a gemeente
    a per-gemeente post is followed in every gemeente."""
    if gemeente is None and org.functies[functie].per_gemeente:
        posten = [(functie, g) for g in org.gemeenten]
    else:
        posten = [(functie, gemeente)]
    uit: list[Tijdvak] = []
    for f, g in posten:
        post = functienaam(org, f, g)
        bekleders = org.bekleders().get((f, g), [])
        for b in bekleders:
            tekst = _persoon(org, b.persoon) + ("" if gemeente or not g else f", {post}")
            tekst = waarneming(tekst, b.waarnemend)
            uit.append(
                Tijdvak(
                    b.vanaf,
                    b.tot_en_met,
                    "functie",
                    tekst,
                    {"persoon": b.persoon, "functie": f, "gemeente": g},
                    aarden_van(b),
                )
            )
        if org.functies[f].zetels == 1:
            uit += _vacatures(bekleders, post, f, g)
    return uit


def _vacatures(bekleders: list[Bezetting], post: str, functie: str, gemeente: str | None):
    """Days without a holder after the first one (before it, the file simply does not say)."""
    vacatures: list[Tijdvak] = []
    gegevens = {"functie": functie, "gemeente": gemeente}
    gevuld_tot: date | None = date.min  # the last day filled so far; None: open-ended
    for b in bekleders:  # sorted by start date
        if gevuld_tot is None:
            break
        if gevuld_tot != date.min and b.vanaf is not None and b.vanaf > gevuld_tot + DAG:
            vacatures.append(
                Tijdvak(gevuld_tot + DAG, b.vanaf - DAG, "vacant", f"{OPEN}: {post}", gegevens)
            )
        gevuld_tot = b.tot_en_met and max(gevuld_tot, b.tot_en_met)
    if bekleders and gevuld_tot is not None:
        vacatures.append(Tijdvak(gevuld_tot + DAG, None, "vacant", f"{OPEN}: {post}", gegevens))
    return vacatures


def _persoon_tijdlijn(org: Organisatie, persoon: str) -> list[Tijdvak]:
    uit: list[Tijdvak] = []
    for b in org.personen[persoon].functies:
        post = functienaam(org, b.functie, b.gemeente, b.waarnemend)
        vast = {"functie": b.functie, "gemeente": b.gemeente}
        uit.append(Tijdvak(b.vanaf, b.tot_en_met, "functie", post, vast, aarden_van(b)))
        for orgaan in org.organen.values():
            for periode, regel in ambtshalve_perioden(org, orgaan, b):
                uit.append(
                    Tijdvak(
                        periode.vanaf,
                        periode.tot_en_met,
                        "zetel",
                        f"{regel.rol} van {orgaan.naam} (ambtshalve, als {post})",
                        {"orgaan": orgaan.id, **vast},
                        Aarden(herkomst(regel, orgaan, "functie").aard),
                    )
                )
            for v in orgaan.voorzitter:
                if v.persoon is None and (v.functie, v.gemeente) == (b.functie, b.gemeente):
                    periode = doorsnede(b, v, orgaan)
                    if periode is not None:
                        uit.append(
                            Tijdvak(
                                periode.vanaf,
                                periode.tot_en_met,
                                "voorzitter",
                                f"voorzitter van {orgaan.naam} (als {post})",
                                {"orgaan": orgaan.id, **vast},
                                Aarden(herkomst(v, orgaan).aard),
                            )
                        )
            for steun in orgaan.ondersteuning:
                if (steun.functie, steun.gemeente) == (b.functie, b.gemeente):
                    periode = doorsnede(b, steun, orgaan)
                    if periode is not None:
                        uit.append(
                            Tijdvak(
                                periode.vanaf,
                                periode.tot_en_met,
                                "ondersteuning",
                                f"ondersteunt {orgaan.naam} (als {post})",
                                {"orgaan": orgaan.id, **vast},
                                Aarden(herkomst(steun, orgaan).aard),
                            )
                        )
    for orgaan in org.organen.values():
        for lid in orgaan.leden:
            if lid.persoon != persoon:
                continue
            post = functienaam(org, lid.functie, lid.gemeente)
            uit.append(
                Tijdvak(
                    lid.vanaf,
                    lid.tot_en_met,
                    "lid",
                    f"{lid.rol or 'lid'} van {orgaan.naam} (bij naam, als {post})",
                    {"orgaan": orgaan.id, "functie": lid.functie, "gemeente": lid.gemeente},
                    aarden_van(lid, orgaan),
                )
            )
        for v in orgaan.voorzitter:
            if v.persoon == persoon:
                uit.append(
                    Tijdvak(
                        v.vanaf,
                        v.tot_en_met,
                        "voorzitter",
                        f"voorzitter van {orgaan.naam}",
                        {"orgaan": orgaan.id},
                        aarden_van(v, orgaan),
                    )
                )
    return uit


def _gemeente_tijdlijn(org: Organisatie, gemeente: str) -> list[Tijdvak]:
    g = org.gemeenten[gemeente]
    uit = []
    if g.vanaf or g.tot_en_met:
        deelname = aarden_van(g)._replace(feit=None)
        tekst = "neemt deel aan de samenwerking"
        uit.append(Tijdvak(g.vanaf, g.tot_en_met, "deelname", tekst, {}, deelname))
    for b in org.bezettingen():
        if b.gemeente == gemeente:
            uit.append(
                Tijdvak(
                    b.vanaf,
                    b.tot_en_met,
                    "functie",
                    f"{_persoon(org, b.persoon)}, "
                    f"{functienaam(org, b.functie, gemeente, b.waarnemend)}",
                    {"persoon": b.persoon, "functie": b.functie, "gemeente": gemeente},
                    aarden_van(b),
                )
            )
    return uit


def geschiedenis(org: Organisatie, tekst: str) -> Tijdlijn:
    """The timeline of what the user typed: a body first, else a person, post or gemeente."""
    try:
        orgaan = zoek_orgaan(org, tekst)
    except GebruiksFout:
        orgaan = None
    if orgaan is not None:
        return _tijdlijn("orgaan", orgaan.id, orgaan.naam, _orgaan_tijdlijn(org, orgaan))
    try:
        wie = zoek_wie(org, tekst)
    except GebruiksFout:
        alles = [*org.organen, *org.personen, *org.functies, *org.gemeenten]
        tip = suggestie(tekst.casefold(), alles)
        hint = f" Bedoelde u: {tip}?" if tip else ""
        raise GebruiksFout(
            f"Onbekend: '{tekst}' is geen orgaan, persoon, functie of gemeente.{hint} "
            "Voorbeelden: 'regiegroep', 'burgemeester van Diemen', 'diemen'."
        ) from None
    if wie.soort == "persoon":
        naam = org.personen[wie.id].naam
        return _tijdlijn("persoon", wie.id, naam, _persoon_tijdlijn(org, wie.id))
    if wie.soort == "gemeente":
        naam = org.gemeenten[wie.id].naam
        return _tijdlijn("gemeente", wie.id, naam, _gemeente_tijdlijn(org, wie.id))
    naam = functienaam(org, wie.id, wie.gemeente)
    tijdvakken = _post_tijdlijn(org, wie.id, wie.gemeente)
    return _tijdlijn("functie", f"{wie.id}/{wie.gemeente or '-'}", naam, tijdvakken)


def tot(tijdlijn: Tijdlijn, peildatum: date) -> Tijdlijn:
    """The timeline as it stood on `peildatum`: what began later is left out, and what ended
    later was still running then."""
    tijdvakken = [
        t._replace(tot_en_met=None) if t.tot_en_met and t.tot_en_met > peildatum else t
        for t in tijdlijn.tijdvakken
        if t.vanaf is None or t.vanaf <= peildatum
    ]
    return tijdlijn._replace(tijdvakken=tijdvakken)


def _tijdlijn(soort: str, id_: str, naam: str, tijdvakken: list[Tijdvak]) -> Tijdlijn:
    return Tijdlijn(soort, id_, naam, sorted(tijdvakken, key=_volgorde))
