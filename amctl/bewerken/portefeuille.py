"""Portefeuilles of a post: `portefeuille-erbij` and `portefeuille-eraf` (one implementation
behind both), and what `benoem -p` shares with them: a portefeuille of a gemeente has one
holder a day (AM342), so a new holder takes it over and the previous one keeps it until the
day before.
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial

from amctl.bewerken.bewerker import Bewerker
from amctl.bewerken.stappen import (
    DAG,
    Uitkomst,
    _functie_en_gemeente,
    _gemeente,
    _index,
    _iso,
    _lijstpad,
    _met_herkomst,
    _persoon,
    _voeg_bron_toe,
)
from amctl.laden import Lijst
from amctl.model import Bezetting, Organisatie, Persoon, Portefeuillehouder, geldig_op
from amctl.model import portefeuillehouders as alle_houders
from amctl.probleem import GebruiksFout
from amctl.tekst import suggestie
from amctl.vragen import functienaam


def zoek_portefeuille(org: Organisatie, tekst: str) -> str:
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


def _organen_met(org: Organisatie, portefeuille: str, gemeente: str | None, dag: date):
    """The bodies a portefeuille seats its holder of `gemeente` in on `dag`."""
    return [
        o.naam
        for o in org.organen.values()
        if geldig_op(o, dag)
        and any(
            r.portefeuille == portefeuille
            and r.wijze == "ambtshalve"
            and geldig_op(r, dag)
            and (gemeente is None or r.gemeenten is None or gemeente in r.gemeenten)
            for r in o.samenstelling
        )
    ]


def portefeuillemelding(
    org: Organisatie, pnaam: str, portefeuille: str, gemeente: str | None, datum: date
) -> str:
    """What a portefeuille means on `datum`: the bodies it seats its holder in."""
    organen = _organen_met(org, portefeuille, gemeente, datum)
    waar = f": zitting in {', '.join(organen)}" if organen else ""
    return f"Portefeuille {org.portefeuilles[portefeuille].naam} voor {pnaam} per {datum}{waar}."


def _beeindig_toedeling(
    bewerker: Bewerker, org: Organisatie, houder: Portefeuillehouder, laatste_dag: date, bron
) -> None:
    """The entry of `houder` ends on `laatste_dag`: `- wonen` becomes
    `- {portefeuille: wonen, tot-en-met: ...}`, a dated entry gets (or changes) its end."""
    persoon = org.personen[houder.persoon]
    pad = _lijstpad(
        bewerker,
        ("personen", persoon.id, "functies"),
        _index(persoon.functies, houder.bezetting),
    )
    lijst = (*pad, "portefeuilles")
    if not isinstance(bewerker.knoop(lijst), Lijst):
        bewerker.maak_lijst(lijst)
    item = (*lijst, _index(houder.bezetting.portefeuilles, houder.toedeling))
    if isinstance(bewerker.knoop(item), str):
        nieuw = {"portefeuille": houder.toedeling.portefeuille, "tot-en-met": laatste_dag}
        bewerker.vervang_item(item, _met_herkomst(nieuw, bron))
        return
    bewerker.zet(item, "tot-en-met", laatste_dag, na=("vanaf", "portefeuille"))
    _voeg_bron_toe(bewerker, item, bron)


def neem_over(
    bewerker: Bewerker,
    org: Organisatie,
    portefeuilles: list[str],
    gemeente: str | None,
    pid: str,
    datum: date,
    bron: str | None = None,
    eindigt_al: tuple[str, str | None] | None = None,
) -> list[str]:
    """`pid` holds `portefeuilles` of `gemeente` from `datum`: whoever else holds one then
    keeps it until the day before (one line each). `eindigt_al` is a post whose holders'
    terms the same edit already ends (a one-seat post), and their portefeuilles with it."""
    houders = alle_houders(org)
    meldingen = []
    for portefeuille in portefeuilles:
        for h in houders.get((portefeuille, gemeente), ()):
            if h.persoon == pid or not h.op(datum):
                continue
            if eindigt_al == (h.bezetting.functie, h.bezetting.gemeente):
                continue
            vorige = org.personen[h.persoon].naam
            naam = org.portefeuilles[portefeuille].naam
            if h.begin == datum:
                raise GebruiksFout(
                    f"{vorige} heeft de portefeuille {naam} vanaf {datum}; een andere houder "
                    f"per die dag kan niet. Kies een latere datum, of neem hem eerst weg met "
                    f"'amctl portefeuille-eraf {h.persoon} {portefeuille} -D DATUM'."
                )
            _beeindig_toedeling(bewerker, org, h, datum - DAG, bron)
            waar = f" van {org.gemeenten[gemeente].naam}" if gemeente else ""
            meldingen.append(
                f"Portefeuille {naam}{waar} gaat over: {vorige} heeft hem tot en met {datum - DAG}."
            )
    return meldingen


def met_portefeuilles(
    tekst: str,
    bestand: str,
    org: Organisatie,
    persoon: Persoon,
    bezetting: Bezetting,
    toedelingen: list[str],
    datum: date,
    bron: str | None,
) -> Uitkomst:
    """Someone holds the post on `datum`: add the portefeuilles they lack then, from `datum`
    (a plain id when the holding itself starts that day); previous holders keep them until
    the day before."""
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
    meldingen = neem_over(bewerker, org, nieuw, bezetting.gemeente, persoon.id, datum, bron)
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
        portefeuillemelding(org, persoon.naam, p, bezetting.gemeente, datum) for p in nieuw
    ] + meldingen
    return Uitkomst(bewerker.tekst, meldingen)


def _bezetting_met(
    org: Organisatie,
    persoon: Persoon,
    functie: str | None,
    gemeente: str | None,
    dag: date,
    portefeuille: str | None,
) -> Bezetting:
    """The post of `persoon` on `dag` that a portefeuille goes with (that has it, when
    `portefeuille` is given): the only one, or the one --functie and --gemeente name."""
    if functie is not None:
        gekozen: tuple | None = _functie_en_gemeente(org, functie, gemeente)
    else:
        gekozen = None
    gemeente_id = _gemeente(org, gemeente) if gemeente is not None else None
    kandidaten = [
        b
        for b in persoon.functies
        if geldig_op(b, dag)
        and (gekozen is None or (b.functie, b.gemeente) == gekozen)
        and (gemeente_id is None or b.gemeente == gemeente_id)
        and (portefeuille is None or b.heeft_portefeuille(portefeuille, dag))
    ]
    met = [b for b in kandidaten if b.portefeuilles]
    if len(kandidaten) > 1 and len(met) == 1:
        kandidaten = met  # a wethouder who is also something else: the post with portefeuilles
    if len(kandidaten) == 1:
        return kandidaten[0]
    if kandidaten:
        posten = " en ".join(functienaam(org, b.functie, b.gemeente) for b in kandidaten)
        raise GebruiksFout(
            f"{persoon.naam} is op {dag} {posten}; kies met --functie (en --gemeente) bij "
            "welke functie de portefeuille hoort."
        )
    if portefeuille is not None:
        raise GebruiksFout(
            f"{persoon.naam} heeft op {dag} de portefeuille "
            f"{org.portefeuilles[portefeuille].naam} niet; er is niets te beëindigen per "
            f"{dag + DAG}."
        )
    waar = f" van {org.gemeenten[gemeente_id].naam}" if gemeente_id else ""
    raise GebruiksFout(
        f"{persoon.naam} bekleedt op {dag} geen functie{waar} om een portefeuille bij te "
        "hebben; leg die eerst vast met 'amctl benoem'."
    )


def _wijzig_portefeuille(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    erbij: bool,
    persoon: str,
    thema: str,
    functie: str | None = None,
    gemeente: str | None = None,
    datum: date,
    bron: str | None = None,
) -> Uitkomst:
    """What both portfolio edits do: find the person, the portefeuille and the post; then add
    it from `datum` (taking it over from its holder), or end it on the day before."""
    gevonden = _persoon(org, persoon)
    portefeuille = zoek_portefeuille(org, thema)
    if erbij:
        bezetting = _bezetting_met(org, gevonden, functie, gemeente, datum, None)
        return met_portefeuilles(
            tekst, bestand, org, gevonden, bezetting, [portefeuille], datum, bron
        )
    laatste_dag = datum - DAG
    bezetting = _bezetting_met(org, gevonden, functie, gemeente, laatste_dag, portefeuille)
    naam = org.portefeuilles[portefeuille].naam
    houder = next(
        h
        for h in alle_houders(org)[(portefeuille, bezetting.gemeente)]
        if h.bezetting is bezetting and h.op(laatste_dag)
    )
    if not houder.op(datum):
        return Uitkomst(
            tekst,
            [f"Niets gewijzigd: {gevonden.naam} heeft {naam} al tot en met {_iso(houder.eind)}."],
        )
    bewerker = Bewerker(tekst, bestand)
    _beeindig_toedeling(bewerker, org, houder, laatste_dag, bron)
    organen = _organen_met(org, portefeuille, bezetting.gemeente, laatste_dag)
    uit = f"; niet langer in {', '.join(organen)}" if organen else ""
    return Uitkomst(
        bewerker.tekst,
        [
            f"Portefeuille eraf: {naam} bij {gevonden.naam} per {datum} (laatste dag "
            f"{laatste_dag}){uit}."
        ],
    )


# The pair is one edit: `portefeuille_erbij(tekst, org, bestand, persoon=..., thema=...,
# datum=...)` adds the portefeuille from `datum`, taking it over from its holder, and
# `portefeuille_eraf` ends it on the day before.
portefeuille_erbij = partial(_wijzig_portefeuille, erbij=True)
portefeuille_eraf = partial(_wijzig_portefeuille, erbij=False)
