"""Who holds a post and who sits by name: `benoem` (with portefeuilles, taken over from their
holder: amctl.bewerken.portefeuille; a one-seat post ends the previous holder's term),
`ontsla` (named memberships resting on the post end with it), `lid_erbij` and `lid_eraf`.
"""

from __future__ import annotations

from datetime import date

from amctl.bewerken.bewerker import Bewerker, in_een_keer
from amctl.bewerken.portefeuille import (
    met_portefeuilles,
    neem_over,
    portefeuillemelding,
    zoek_portefeuille,
)
from amctl.bewerken.stappen import (
    DAG,
    Uitkomst,
    _bestaande_persoon,
    _functie_en_gemeente,
    _gemeente,
    _index,
    _iso,
    _lijstpad,
    _met_herkomst,
    _nieuwe_persoon,
    _persoon,
    _post,
    _voeg_bron_toe,
    _zorg_voor_sectie,
)
from amctl.model import Bezetting, Orgaan, Organisatie, Persoon, geldig_op
from amctl.probleem import GebruiksFout
from amctl.vragen import (
    bedoelde_personen,
    functienaam,
    lijkende_personen,
    personen_met,
    zoek_orgaan,
)


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
    nieuw: bool = False,
    waarnemend: bool = False,
) -> Uitkomst:
    """`persoon` holds `functie` from `datum`, with `portefeuilles` (which seat them in the
    bodies whose composition names those portefeuilles); a new person is added, but one whose
    name resembles a person's (`lijkende_personen`) only with `nieuw`. `waarnemend` marks the
    term as waarnemend. For a post
    with one seat (zetels: 1) the previous holder's term ends the day before. Someone who
    already holds the post gets the portefeuilles they lack, from `datum`."""
    functie_id, gemeente_id = _post(org, functie, gemeente)
    post = functienaam(org, functie_id, gemeente_id)
    toedelingen = list(dict.fromkeys(zoek_portefeuille(org, p) for p in portefeuilles))
    meldingen: list[str] = []
    bestaand = _bestaande_persoon(org, persoon, deel=False)
    if bestaand is None and not nieuw:
        lijkt_op = [] if naam else personen_met(org, persoon)
        lijkt_op += [p for p in lijkende_personen(org, naam or persoon) if p not in lijkt_op]
        if lijkt_op:
            raise GebruiksFout(
                f"'{naam or persoon}' is geen persoon in het bestand, maar lijkt op een "
                f"bestaande. Bedoelde u: {bedoelde_personen(org, lijkt_op)}? Geef dan het id; "
                "is het echt een nieuwe persoon, herhaal de opdracht dan met --nieuw."
            )
    if bestaand is not None:
        if naam and naam != bestaand.naam:
            raise GebruiksFout(
                f"'{persoon}' is {bestaand.naam} ({bestaand.id}); --naam '{naam}' wijkt daarvan "
                "af. Laat --naam weg, of kies een ander id voor een andere persoon."
            )
        for b in bestaand.functies:
            if (b.functie, b.gemeente) == (functie_id, gemeente_id) and geldig_op(b, datum):
                if waarnemend and not b.waarnemend:
                    raise GebruiksFout(
                        f"{bestaand.naam} is op {datum} al {post} (vanaf {_iso(b.vanaf)}); een "
                        "waarnemende termijn is een nieuwe termijn: beëindig de lopende eerst "
                        "met 'amctl ontsla'."
                    )
                return met_portefeuilles(tekst, bestand, org, bestaand, b, toedelingen, datum, bron)
        pid, pnaam = bestaand.id, bestaand.naam
    else:
        pid, pnaam = _nieuwe_persoon(org, persoon, naam)
        meldingen.append(f"Nieuwe persoon: {pnaam} ({pid}).")
    meldingen.append(
        f"Benoemd: {pnaam} als {functienaam(org, functie_id, gemeente_id, waarnemend)} per {datum}."
    )
    meldingen += [portefeuillemelding(org, pnaam, p, gemeente_id, datum) for p in toedelingen]

    def stappen(bewerker: Bewerker) -> list[str]:
        gedaan: list[str] = []
        bezetting: dict[str, object] = {"functie": functie_id}
        if gemeente_id:
            bezetting["gemeente"] = gemeente_id
        bezetting["vanaf"] = datum
        if org.functies[functie_id].zetels == 1:
            tot_en_met, gevolgen = _een_zetel(bewerker, org, (functie_id, gemeente_id), pid, datum)
            gedaan += gevolgen
            if tot_en_met is not None:
                bezetting["tot-en-met"] = tot_en_met
        if waarnemend:
            bezetting["waarnemend"] = True
        eindigt_al = (functie_id, gemeente_id) if org.functies[functie_id].zetels == 1 else None
        gedaan += neem_over(bewerker, org, toedelingen, gemeente_id, pid, datum, bron, eindigt_al)
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
        return gedaan

    bewerker, gedaan = in_een_keer(tekst, bestand, stappen)
    return Uitkomst(bewerker.tekst, meldingen + gedaan)


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
    bewerker, meldingen = in_een_keer(
        tekst, bestand, lambda b: _beeindig_bezetting(b, org, bezetting, laatste_dag, bron)
    )
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
