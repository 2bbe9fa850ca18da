"""`amctl diff`: what changed in the governance between two versions of the data file.

Not a text diff: who came and who went in which post ("burgemeester van Diemen: A -> B per
2026-04-01", with the bodies the new holder sits in ex officio on that day), who holds a
portefeuille ("PHO Economie, Aalsmeer: A -> B per 2026-12-01"), which named members joined or
left a body, which bodies were added, removed, or changed status, composition, chair, support,
relations or meeting rhythm. After that summary, every other
change of the data (meetings, rhythms, tasks, texts, sources, ...) as "overige wijzigingen":
the key path and old -> new. Comments and layout are not data; "Geen verschillen" means the
data are equal.

The two versions are read by amctl.versies; every other change comes from
amctl.padverschil, which compares the two models as data. This module says what changed in
the governance, and which key paths that summary already covers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple

from amctl.model import RELATIESOORTEN, Orgaan, Organisatie, geldig_op, portefeuillehouders
from amctl.padverschil import GEEN, ID, ITEM, kort, padtekst, verschillen
from amctl.tekst import aantal, iso
from amctl.tekst import periode as periodetekst
from amctl.vragen import functienaam, relatielabel, voorzitter_tekst, waarneming, zetels_op

DAG = timedelta(days=1)


# --- the differences ----------------------------------------------------------------------


class Wijziging(NamedTuple):
    categorie: str  # bezetting, lidmaatschap, persoon, orgaan, gemeente, functie
    onderwerp: str  # stable key: 'burgemeester/diemen', 'regiegroep', ...
    naam: str  # 'burgemeester van Diemen', 'Regiegroep'
    soort: str  # opvolging, begin, einde, toegevoegd, verwijderd, gewijzigd
    tekst: str  # 'A -> B per 2026-04-01'
    gegevens: dict[str, Any]

    def als_dict(self) -> dict[str, Any]:
        return {
            "categorie": self.categorie,
            "onderwerp": self.onderwerp,
            "naam": self.naam,
            "soort": self.soort,
            "tekst": self.tekst,
            **self.gegevens,
        }


CATEGORIEEN = {
    "bezetting": "Bezetting van functies",
    "portefeuille": "Portefeuilles",
    "lidmaatschap": "Leden bij naam",
    "persoon": "Personen",
    "orgaan": "Organen",
    "gemeente": "Gemeenten",
    "functie": "Functies",
    "overig": "Overige wijzigingen",
}


def periode(vanaf: date | None, tot_en_met: date | None) -> str:
    return periodetekst(vanaf, tot_en_met, zonder="zonder datums")


def _met_periode(tekst: str, vanaf: date | None, tot_en_met: date | None) -> str:
    return f"{tekst} ({periode(vanaf, tot_en_met)})" if vanaf or tot_en_met else tekst


class _Termijn(NamedTuple):
    persoon: str
    vanaf: date | None
    tot_en_met: date | None
    waarnemend: bool = False


def _bezettingen(org: Organisatie) -> dict[tuple, list[_Termijn]]:
    groepen: dict[tuple, list[_Termijn]] = {}
    for persoon in org.personen.values():
        for b in persoon.functies:
            termijn = _Termijn(persoon.id, b.vanaf, b.tot_en_met, b.waarnemend)
            groepen.setdefault((b.functie, b.gemeente), []).append(termijn)
    return groepen


def _lidmaatschappen(org: Organisatie) -> dict[tuple, list[_Termijn]]:
    groepen: dict[tuple, list[_Termijn]] = {}
    for orgaan in org.organen.values():
        for lid in orgaan.leden:
            termijn = _Termijn(lid.persoon, lid.vanaf, lid.tot_en_met)
            groepen.setdefault((orgaan.id, lid.functie, lid.gemeente), []).append(termijn)
    return groepen


class _Vergeleken(NamedTuple):
    toegevoegd: list[_Termijn]
    beeindigd: list[_Termijn]  # the new side of a term that got its end date
    verwijderd: list[_Termijn]
    gewijzigd: list[tuple[_Termijn, _Termijn]]
    nieuw: list[_Termijn]  # every term of the new side


def _vergelijk(oud: list[_Termijn], nieuw: list[_Termijn]) -> _Vergeleken:
    """Match terms per person: equal, then by start date, then in order of start date."""
    uitslag = _Vergeleken([], [], [], [], list(nieuw))
    for persoon in dict.fromkeys(t.persoon for t in [*oud, *nieuw]):
        o = [t for t in oud if t.persoon == persoon]
        n = [t for t in nieuw if t.persoon == persoon]
        for t in list(o):
            if t in n:
                o.remove(t)
                n.remove(t)
        for t in list(o):
            gelijk = next((m for m in n if m.vanaf == t.vanaf), None)
            if gelijk is None:
                continue
            o.remove(t)
            n.remove(gelijk)
            if t.tot_en_met is None and t.waarnemend == gelijk.waarnemend:
                uitslag.beeindigd.append(gelijk)
            else:
                uitslag.gewijzigd.append((t, gelijk))
        o.sort(key=lambda t: t.vanaf or date.min)
        n.sort(key=lambda t: t.vanaf or date.min)
        uitslag.gewijzigd.extend(zip(o, n, strict=False))
        uitslag.verwijderd.extend(o[len(n) :])
        uitslag.toegevoegd.extend(n[len(o) :])
    return uitslag


def _persoonsnaam(oud: Organisatie, nieuw: Organisatie, persoon: str) -> str:
    gevonden = nieuw.personen.get(persoon) or oud.personen.get(persoon)
    return gevonden.naam if gevonden else persoon


def _termijnwijzigingen(
    oud: Organisatie,
    nieuw: Organisatie,
    groep: tuple[str, str, str, dict[str, Any]],
    vergeleken: _Vergeleken,
) -> list[Wijziging]:
    categorie, onderwerp, naam, vast = groep

    def persoon(t: _Termijn, kant: Organisatie = nieuw) -> dict[str, Any]:
        gegevens = {"persoon": t.persoon, "persoon_naam": _persoonsnaam(oud, nieuw, t.persoon)}
        if categorie != "bezetting":
            return gegevens
        dag = t.vanaf or t.tot_en_met or date.today()
        zetels = ambtshalve_in(kant, vast["functie"], vast["gemeente"], t.persoon, dag)
        return gegevens | {"waarnemend": t.waarnemend, "ambtshalve_in": zetels}

    def genoemd(t: _Termijn) -> str:
        return waarneming(_persoonsnaam(oud, nieuw, t.persoon), t.waarnemend)

    def wijziging(soort: str, tekst: str, **gegevens: Any) -> Wijziging:
        return Wijziging(categorie, onderwerp, naam, soort, tekst, {**vast, **gegevens})

    uit: list[tuple[date, Wijziging]] = []
    vrij = list(vergeleken.beeindigd)
    for t in sorted(vergeleken.toegevoegd, key=lambda t: t.vanaf or date.min):
        wie = persoon(t)
        vorige = None
        if t.vanaf is not None:
            dag = t.vanaf - DAG
            vorige = next((v for v in vrij if v.tot_en_met == dag), None)
            if vorige is not None:
                vrij.remove(vorige)
            else:
                vorige = next(
                    (v for v in vergeleken.nieuw if v.tot_en_met == dag and v.persoon != t.persoon),
                    None,
                )
        if vorige is not None:
            van = persoon(vorige)
            tekst = f"{genoemd(vorige)} -> {genoemd(t)} per {t.vanaf}"
            w = wijziging(
                "opvolging",
                tekst,
                **wie,
                vorige=vorige.persoon,
                vorige_naam=van["persoon_naam"],
                per=iso(t.vanaf),
            )
        elif t.vanaf is not None and t.tot_en_met is None:
            w = wijziging("begin", f"{genoemd(t)} begint per {t.vanaf}", **wie, per=iso(t.vanaf))
        else:
            w = wijziging(
                "toegevoegd",
                f"{genoemd(t)} toegevoegd ({periode(t.vanaf, t.tot_en_met)})",
                **wie,
                vanaf=iso(t.vanaf),
                tot_en_met=iso(t.tot_en_met),
            )
        uit.append((t.vanaf or date.min, w))
    for t in vrij:
        assert t.tot_en_met is not None
        per = t.tot_en_met + DAG
        wie = persoon(t)
        tekst = f"{genoemd(t)} stopt per {per} (laatste dag {t.tot_en_met})"
        uit.append(
            (per, wijziging("einde", tekst, **wie, per=iso(per), laatste_dag=iso(t.tot_en_met)))
        )
    for t in vergeleken.verwijderd:
        wie = persoon(t, oud)
        tekst = f"{genoemd(t)} verwijderd ({periode(t.vanaf, t.tot_en_met)})"
        w = wijziging("verwijderd", tekst, **wie, vanaf=iso(t.vanaf), tot_en_met=iso(t.tot_en_met))
        uit.append((t.vanaf or date.min, w))
    for o, n in vergeleken.gewijzigd:
        wie = persoon(n)
        tekst = (
            f"{wie['persoon_naam']}: {waarneming(periode(o.vanaf, o.tot_en_met), o.waarnemend)} "
            f"-> {waarneming(periode(n.vanaf, n.tot_en_met), n.waarnemend)}"
        )
        w = wijziging(
            "gewijzigd",
            tekst,
            **wie,
            oud={"vanaf": iso(o.vanaf), "tot_en_met": iso(o.tot_en_met)},
            nieuw={"vanaf": iso(n.vanaf), "tot_en_met": iso(n.tot_en_met)},
        )
        uit.append((n.vanaf or date.min, w))
    uit.sort(key=lambda paar: paar[0])
    return [w for _, w in uit]


def ambtshalve_in(
    org: Organisatie, functie: str, gemeente: str | None, persoon: str, dag: date
) -> list[str]:
    """The bodies in which `persoon` sits ex officio by this post on `dag`, as `wie-zit-in`
    seats them: a wethouder only in the PHOs of the portefeuilles they hold then."""
    if persoon not in org.personen or functie not in org.functies:
        return []
    return [
        orgaan.naam
        for orgaan in org.organen.values()
        if geldig_op(orgaan, dag)
        and any(
            z.persoon == persoon
            and z.wijze == "ambtshalve"
            and (z.functie, z.gemeente) == (functie, gemeente)
            for z in zetels_op(org, orgaan, dag)
        )
    ]


def _volgorde(*reeksen: Iterable[str]) -> dict[str | None, int]:
    """Position of each id in the file (the new side first), for a stable order."""
    volgorde: dict[str | None, int] = {None: -1}
    for reeks in reeksen:
        for sleutel in reeks:
            volgorde.setdefault(sleutel, len(volgorde))
    return volgorde


def _bezettingswijzigingen(oud: Organisatie, nieuw: Organisatie) -> list[Wijziging]:
    oude, nieuwe = _bezettingen(oud), _bezettingen(nieuw)
    functies = _volgorde(nieuw.functies, oud.functies)
    gemeenten = _volgorde(nieuw.gemeenten, oud.gemeenten)
    groepen = sorted(
        set(oude) | set(nieuwe), key=lambda g: (functies.get(g[0], 0), gemeenten.get(g[1], 0))
    )
    uit: list[Wijziging] = []
    for functie, gemeente in groepen:
        org = (
            nieuw
            if functie in nieuw.functies and (not gemeente or gemeente in nieuw.gemeenten)
            else oud
        )
        vast = {"functie": functie, "gemeente": gemeente}
        groep = (
            "bezetting",
            f"{functie}/{gemeente or '-'}",
            functienaam(org, functie, gemeente),
            vast,
        )
        vergeleken = _vergelijk(
            oude.get((functie, gemeente), []), nieuwe.get((functie, gemeente), [])
        )
        uit += _termijnwijzigingen(oud, nieuw, groep, vergeleken)
    return uit


def _portefeuilletermijnen(org: Organisatie) -> dict[tuple, list[_Termijn]]:
    return {
        sleutel: [_Termijn(h.persoon, h.begin, h.eind) for h in houders]
        for sleutel, houders in portefeuillehouders(org).items()
    }


def _portefeuillenaam(org: Organisatie, portefeuille: str, gemeente: str | None) -> str:
    """'PHO Economie, Aalsmeer': the body the portefeuille seats its holder in, else the
    portefeuille itself."""
    orgaan = next(
        (
            o
            for o in org.organen.values()
            if any(r.portefeuille == portefeuille for r in o.samenstelling)
        ),
        None,
    )
    naam = orgaan.naam if orgaan else f"Portefeuille {org.portefeuilles[portefeuille].naam}"
    return f"{naam}, {org.gemeenten[gemeente].naam}" if gemeente else naam


def _portefeuillewijzigingen(oud: Organisatie, nieuw: Organisatie) -> list[Wijziging]:
    """Who holds a portefeuille of a gemeente: 'PHO Economie, Aalsmeer: A -> B per ...'."""
    oude, nieuwe = _portefeuilletermijnen(oud), _portefeuilletermijnen(nieuw)
    portefeuilles = _volgorde(nieuw.portefeuilles, oud.portefeuilles)
    gemeenten = _volgorde(nieuw.gemeenten, oud.gemeenten)
    uit: list[Wijziging] = []
    for portefeuille, gemeente in sorted(
        set(oude) | set(nieuwe),
        key=lambda g: (portefeuilles.get(g[0], 0), gemeenten.get(g[1], 0)),
    ):
        org = (
            nieuw
            if portefeuille in nieuw.portefeuilles and (not gemeente or gemeente in nieuw.gemeenten)
            else oud
        )
        groep = (
            "portefeuille",
            f"{portefeuille}/{gemeente or '-'}",
            _portefeuillenaam(org, portefeuille, gemeente),
            {"portefeuille": portefeuille, "gemeente": gemeente},
        )
        sleutel = (portefeuille, gemeente)
        vergeleken = _vergelijk(oude.get(sleutel, []), nieuwe.get(sleutel, []))
        uit += _termijnwijzigingen(oud, nieuw, groep, vergeleken)
    return uit


def _ledenwijzigingen(oud: Organisatie, nieuw: Organisatie) -> list[Wijziging]:
    oude, nieuwe = _lidmaatschappen(oud), _lidmaatschappen(nieuw)
    organen = _volgorde(nieuw.organen, oud.organen)
    functies = _volgorde(nieuw.functies, oud.functies)
    gemeenten = _volgorde(nieuw.gemeenten, oud.gemeenten)
    groepen = sorted(
        set(oude) | set(nieuwe),
        key=lambda g: (organen[g[0]], functies.get(g[1], 0), gemeenten.get(g[2], 0)),
    )
    uit: list[Wijziging] = []
    for orgaan_id, functie, gemeente in groepen:
        org = nieuw if orgaan_id in nieuw.organen else oud
        naam = f"{org.organen[orgaan_id].naam}, {functienaam(org, functie, gemeente)}"
        vast = {"orgaan": orgaan_id, "functie": functie, "gemeente": gemeente}
        groep = ("lidmaatschap", f"{orgaan_id}/{functie}/{gemeente or '-'}", naam, vast)
        sleutel = (orgaan_id, functie, gemeente)
        vergeleken = _vergelijk(oude.get(sleutel, []), nieuwe.get(sleutel, []))
        uit += _termijnwijzigingen(oud, nieuw, groep, vergeleken)
    return uit


def _kenmerken(
    categorie: str,
    oud: dict[str, Any],
    nieuw: dict[str, Any],
    oude_kenmerken: Any,
    nieuwe_kenmerken: Any,
    naam: Any,
) -> list[Wijziging]:
    """Added, removed and changed objects of one section, compared by their properties: a
    text property as 'old -> new', a list property item by item."""
    uit: list[Wijziging] = []
    for sleutel in [*nieuw, *(s for s in oud if s not in nieuw)]:
        if sleutel not in oud:
            uit.append(
                Wijziging(categorie, sleutel, naam(nieuw[sleutel]), "toegevoegd", "toegevoegd", {})
            )
            continue
        if sleutel not in nieuw:
            uit.append(
                Wijziging(categorie, sleutel, naam(oud[sleutel]), "verwijderd", "verwijderd", {})
            )
            continue
        voor, na = oude_kenmerken(oud[sleutel]), nieuwe_kenmerken(nieuw[sleutel])
        for kenmerk, waarde in na.items():
            vorige = voor.get(kenmerk)
            if isinstance(waarde, list):
                erbij = Counter(waarde) - Counter(vorige or [])
                eraf = Counter(vorige or []) - Counter(waarde)
                for item in (i for i in dict.fromkeys(vorige or []) if eraf[i]):
                    uit.append(
                        Wijziging(
                            categorie,
                            sleutel,
                            naam(nieuw[sleutel]),
                            "gewijzigd",
                            f"{kenmerk}: - {item}",
                            {"kenmerk": kenmerk, "verwijderd": item},
                        )
                    )
                for item in (i for i in dict.fromkeys(waarde) if erbij[i]):
                    uit.append(
                        Wijziging(
                            categorie,
                            sleutel,
                            naam(nieuw[sleutel]),
                            "gewijzigd",
                            f"{kenmerk}: + {item}",
                            {"kenmerk": kenmerk, "toegevoegd": item},
                        )
                    )
            elif waarde != vorige:
                uit.append(
                    Wijziging(
                        categorie,
                        sleutel,
                        naam(nieuw[sleutel]),
                        "gewijzigd",
                        f"{kenmerk}: {vorige} -> {waarde}",
                        {"kenmerk": kenmerk, "oud": vorige, "nieuw": waarde},
                    )
                )
    return uit


def _status(orgaan: Orgaan) -> str:
    if not orgaan.status:
        return "actief"
    return "; ".join(_met_periode(p.waarde, p.vanaf, p.tot_en_met) for p in orgaan.status)


def _orgaankenmerken(org: Organisatie):
    def kenmerken(orgaan: Orgaan) -> dict[str, Any]:
        regels = []
        for r in orgaan.samenstelling:
            tekst = functienaam(org, r.functie, None)
            if r.gemeenten is not None:
                tekst += " van " + ", ".join(
                    org.gemeenten[g].naam if g in org.gemeenten else g for g in r.gemeenten
                )
            details = [
                f"{r.aantal} per gemeente"
                if r.aantal and org.functies[r.functie].per_gemeente
                else aantal(r.aantal, "zetel", "zetels")
                if r.aantal
                else "",
                "bij naam" if r.wijze == "benoemd" else "",
                f"portefeuille {r.portefeuille}" if r.portefeuille else "",
                f"rol {r.rol}" if r.rol != "lid" else "",
            ]
            details = [d for d in details if d]
            if details:
                tekst += f" ({', '.join(details)})"
            regels.append(_met_periode(tekst, r.vanaf, r.tot_en_met))
        return {
            "naam": orgaan.naam,
            "soort": orgaan.soort,
            "onderdeel van": orgaan.onderdeel_van or "-",
            "bestaat": periode(orgaan.vanaf, orgaan.tot_en_met),
            "status": _status(orgaan),
            "samenstelling": regels,
            "voorzitter": "; ".join(
                _met_periode(voorzitter_tekst(org, v), v.vanaf, v.tot_en_met)
                for v in orgaan.voorzitter
            )
            or "niet vastgelegd",
            "ondersteuning": [
                _met_periode(functienaam(org, o.functie, o.gemeente), o.vanaf, o.tot_en_met)
                for o in orgaan.ondersteuning
            ],
            "relaties": [
                _met_periode(f"{relatielabel(r.soort)} {r.naar}", r.vanaf, r.tot_en_met)
                for r in orgaan.relaties
            ],
            "vergaderritme": [
                _met_periode(
                    ", ".join(
                        d
                        for d in (
                            f"{r.per_jaar} per jaar" if r.per_jaar else "",
                            f"locatie {r.locatie}" if r.locatie else "",
                        )
                        if d
                    )
                    or "zonder ritme",
                    r.vanaf,
                    r.tot_en_met,
                )
                for r in orgaan.vergaderritme
            ],
        }

    return kenmerken


def _persoonkenmerken(persoon) -> dict[str, Any]:
    return {"naam": persoon.naam}


def _gemeentekenmerken(gemeente) -> dict[str, Any]:
    return {
        "naam": gemeente.naam,
        "cbs": gemeente.cbs or "-",
        "deelname": periode(gemeente.vanaf, gemeente.tot_en_met),
    }


def _functiekenmerken(functie) -> dict[str, Any]:
    return {
        "naam": functie.naam,
        "per gemeente": "ja" if functie.per_gemeente else "nee",
        "zetels": str(functie.zetels) if functie.zetels else "onbepaald",
        "bestaat": periode(functie.vanaf, functie.tot_en_met),
    }


def verschil(oud: Organisatie, nieuw: Organisatie) -> list[Wijziging]:
    """Every difference: the governance summary grouped by category in a fixed order, then
    every other change by key path."""
    return [
        *_bezettingswijzigingen(oud, nieuw),
        *_portefeuillewijzigingen(oud, nieuw),
        *_ledenwijzigingen(oud, nieuw),
        *_kenmerken(
            "persoon",
            oud.personen,
            nieuw.personen,
            _persoonkenmerken,
            _persoonkenmerken,
            lambda p: f"{p.naam} ({p.id})",
        ),
        *_kenmerken(
            "orgaan",
            oud.organen,
            nieuw.organen,
            _orgaankenmerken(oud),
            _orgaankenmerken(nieuw),
            lambda o: o.naam,
        ),
        *_kenmerken(
            "gemeente",
            oud.gemeenten,
            nieuw.gemeenten,
            _gemeentekenmerken,
            _gemeentekenmerken,
            lambda g: g.naam,
        ),
        *_kenmerken(
            "functie",
            oud.functies,
            nieuw.functies,
            _functiekenmerken,
            _functiekenmerken,
            lambda f: f.naam,
        ),
        *overige_wijzigingen(oud, nieuw),
    ]


# --- every other change: key path, old -> new ------------------------------------------------


def _gedekte_paden() -> frozenset[tuple[str, ...]]:
    """The key paths whose changes the governance summary above already states; `*` is any
    id, `[]` any list item. A path of an object or list item means: adding or removing it."""
    periode = ("vanaf", "tot-en-met")
    per_lijst = {
        "status": ("waarde", *periode),
        "samenstelling": (
            "functie",
            "gemeenten",
            "aantal",
            "wijze",
            "portefeuille",
            "rol",
            *periode,
        ),
        "voorzitter": ("functie", "gemeente", "persoon", "roulerend", *periode),
        "ondersteuning": ("functie", "gemeente", *periode),
        "relaties": (*RELATIESOORTEN, *periode),
        "leden": ("persoon", "functie", "gemeente", *periode),
        "vergaderritme": ("per-jaar", "locatie", *periode),
    }
    paden: set[tuple[str, ...]] = {
        ("personen", ID),
        ("personen", ID, "naam"),
        ("personen", ID, "functies", ITEM),
        *(
            ("personen", ID, "functies", ITEM, k)
            for k in ("functie", "gemeente", "waarnemend", "portefeuilles", *periode)
        ),
        ("personen", ID, "functies", ITEM, "portefeuilles", ITEM),
        *(
            ("personen", ID, "functies", ITEM, "portefeuilles", ITEM, k)
            for k in ("portefeuille", *periode)
        ),
        ("organen", ID),
        *(("organen", ID, k) for k in ("naam", "soort", "onderdeel-van", *periode)),
        ("gemeenten", ID),
        *(("gemeenten", ID, k) for k in ("naam", "cbs", *periode)),
        ("functies", ID),
        *(("functies", ID, k) for k in ("naam", "per-gemeente", "zetels", *periode)),
    }
    for lijst, sleutels in per_lijst.items():
        paden.add(("organen", ID, lijst, ITEM))
        paden.update(("organen", ID, lijst, ITEM, k) for k in sleutels)
    return frozenset(paden)


_GEDEKT = _gedekte_paden()


def overige_wijzigingen(oud: Organisatie, nieuw: Organisatie) -> list[Wijziging]:
    """Every difference the governance summary does not state, by key path: meetings,
    rhythms, tasks, texts, sources, anything."""
    uit = []
    for pad, voor, na in verschillen(oud, nieuw, _GEDEKT):
        soort = "toegevoegd" if voor is GEEN else "verwijderd" if na is GEEN else "gewijzigd"
        tekst = padtekst(pad)
        gegevens = {
            "pad": tekst,
            "oud": None if voor is GEEN else voor,
            "nieuw": None if na is GEEN else na,
        }
        uit.append(
            Wijziging("overig", tekst, tekst, soort, f"{kort(voor)} -> {kort(na)}", gegevens)
        )
    return uit
