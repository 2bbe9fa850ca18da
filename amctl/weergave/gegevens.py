"""Query results as plain dicts: the JSON output, and the one shape the other views read."""

from __future__ import annotations

from datetime import date
from typing import Any

from amctl.model import Gedateerd, Orgaan, Organisatie, geldig_op
from amctl.tekst import iso
from amctl.vragen import (
    Bezetting_op,
    Herkomst,
    Plaats,
    Samenvatting,
    Wie,
    Zetel,
    bronnen_van,
    datum_aard,
    functienaam,
    herkomst,
    naam_aard,
    onderdelen,
    organen_op,
    persoonsnaam,
    relaties_van,
    ritmes_op,
    samenstelling,
    status_herkomst,
    voorzitter_tekst,
    wie_zit_in,
)

_AANTAL = {1: "een", 2: "twee", 3: "drie", 4: "vier"}

# The facts that are in no source get a short mark in the terminal and on the site, with a
# legend under the answer; quoted and summarised facts are as their source states them.
MERKTEKENS = {"afgeleid": "*", "aangenomen": "~"}
LEGENDA = {
    "afgeleid": "afgeleid: niet zo in de bron, opgemaakt uit andere feiten",
    "aangenomen": "aangenomen: gekozen bij gebrek aan gegevens",
}


def merkteken(aard: str | None) -> str:
    return MERKTEKENS.get(aard or "", "")


def merken(aarden, merk=merkteken) -> str:
    """The marks of several facts shown as one (a body's name and its status), each once."""
    return "".join(dict.fromkeys(merk(a) for a in aarden))


def gemerkte_periode(item: Gedateerd, merk=merkteken, zonder: str = "") -> str:
    """'2016-01-01~ t/m 2020-12-31': the one wording of a period (tekst.periode), each date
    with the mark of an assumed or derived date; `merk` may collect the marks for a legend."""
    van = item.vanaf.isoformat() + merk(datum_aard(item, "vanaf")) if item.vanaf else None
    tot = (
        item.tot_en_met.isoformat() + merk(datum_aard(item, "tot-en-met"))
        if item.tot_en_met
        else None
    )
    if van and tot:
        return f"{van} t/m {tot}"
    if van:
        return f"vanaf {van}"
    return f"t/m {tot}" if tot else zonder


def legenda(aarden: set[str]) -> list[str]:
    """'* afgeleid: ...' for each mark that an answer used, in a fixed order."""
    return [f"{MERKTEKENS[a]} {LEGENDA[a]}" for a in MERKTEKENS if a in aarden]


def herkomst_dict(h: Herkomst, voorvoegsel: str = "") -> dict[str, Any]:
    """`bron` (the fact's own sources, else its body's) and `aard` (null: as the source
    states it), for the JSON of every view."""
    return {f"{voorvoegsel}bron": list(h.bron), f"{voorvoegsel}aard": h.aard}


def geciteerde_bronnen(gegevens: object) -> list[str]:
    """Every source id an answer (as the JSON views give it) cites, in a fixed order."""
    ids: set[str] = set()

    def loop(waarde: object) -> None:
        if isinstance(waarde, dict):
            for sleutel, binnen in waarde.items():
                if sleutel == "bron" or sleutel.endswith("_bron"):
                    ids.update(binnen or ())
                else:
                    loop(binnen)
        elif isinstance(waarde, list):
            for binnen in waarde:
                loop(binnen)

    loop(gegevens)
    return sorted(ids)


def bron_dict(org: Organisatie, bron_id: str) -> dict[str, Any]:
    """A source in full, for `--bronnen`."""
    b = org.bronnen[bron_id]
    return {
        "id": b.id,
        "titel": b.titel,
        "url": b.url,
        "bestand": b.bestand,
        "geraadpleegd": iso(b.geraadpleegd),
        "toelichting": b.toelichting,
    }


def orgaan_kort(orgaan: Orgaan, peildatum: date) -> dict[str, Any]:
    return {
        "id": orgaan.id,
        "naam": orgaan.naam,
        "naam_aard": naam_aard(orgaan),
        "soort": orgaan.soort,
        "status": orgaan.status_op(peildatum),
        **herkomst_dict(status_herkomst(orgaan, peildatum), "status_"),
    }


def voorzitter_dict(org: Organisatie, uitslag: Bezetting_op) -> dict[str, Any]:
    v = uitslag.voorzitter
    if v is None:
        return {
            "regel": None,
            "omschrijving": voorzitter_tekst(org, None),
            **herkomst_dict(uitslag.voorzitter_herkomst),
        }
    regel = "roulerend" if v.roulerend else "persoon" if v.persoon else "functie"
    zittend = next((z for z in uitslag.zetels if z.rol == "voorzitter"), None)
    return {
        "regel": regel,
        "functie": v.functie,
        "gemeente": v.gemeente,
        "persoon": persoonsnaam(org, zittend.persoon) if zittend else None,
        "persoon_id": zittend.persoon if zittend else None,
        "omschrijving": voorzitter_tekst(org, v),
        **herkomst_dict(uitslag.voorzitter_herkomst),
    }


def zetel_dict(org: Organisatie, z: Zetel, orgaan: Orgaan) -> dict[str, Any]:
    """One seat, filled or open (persoon None), as every JSON view shows it."""
    return {
        "functie": z.functie,
        "functie_naam": functienaam(org, z.functie, z.gemeente, z.waarnemend),
        "gemeente": z.gemeente,
        "persoon": persoonsnaam(org, z.persoon),
        "persoon_id": z.persoon,
        "waarnemend": z.waarnemend,
        "rol": z.rol,
        "sinds": iso(z.sinds),
        "wijze": z.wijze,
        **herkomst_dict(herkomst(z.regel, orgaan, "functie")),
    }


def bezetting_dict(org: Organisatie, uitslag: Bezetting_op) -> dict[str, Any]:
    """`amctl wie-zit-in --json`."""
    return {
        "orgaan": orgaan_kort(uitslag.orgaan, uitslag.peildatum),
        "peildatum": uitslag.peildatum.isoformat(),
        "leden": [zetel_dict(org, z, uitslag.orgaan) for z in uitslag.zetels],
        "voorzitter": voorzitter_dict(org, uitslag),
        "ondersteuning": ondersteuning_lijst(org, uitslag),
    }


def kaart_dict(org: Organisatie, orgaan: Orgaan, uitslag: Bezetting_op) -> dict[str, Any]:
    """`amctl toon --json`: the card of one body, its members as in `wie-zit-in --json`."""
    peildatum = uitslag.peildatum
    return {
        **bezetting_dict(org, uitslag),
        "aliassen": list(orgaan.aliassen),
        "onderdeel_van": orgaan.onderdeel_van,
        "omschrijving": orgaan.omschrijving,
        "taken": list(orgaan.taken),
        "vanaf": iso(orgaan.vanaf),
        "vanaf_aard": datum_aard(orgaan, "vanaf"),
        "tot_en_met": iso(orgaan.tot_en_met),
        "tot_en_met_aard": datum_aard(orgaan, "tot-en-met"),
        "relaties": [
            {"soort": v.relatie.soort, "naar": v.naar.id, **herkomst_dict(v.herkomst)}
            for v in relaties_van(org, orgaan, peildatum)
        ],
        "vergaderritme": ritme_tekst(orgaan, peildatum),
        "vergaderritmes": ritmes_lijst(orgaan, peildatum),
        "bronnen": bronnen_van(org, orgaan),
    }


def ondersteuning_lijst(org: Organisatie, uitslag: Bezetting_op) -> list[dict[str, Any]]:
    """One entry per holder of each supporting post (one with persoon None when unfilled)."""
    return [
        {
            "functie": s.functie,
            "functie_naam": functienaam(org, s.functie, s.gemeente),
            "gemeente": s.gemeente,
            "persoon": persoonsnaam(org, persoon),
            "persoon_id": persoon,
            **herkomst_dict(s.herkomst),
        }
        for s in uitslag.ondersteuning
        for persoon in (s.personen or (None,))
    ]


def wie_dict(org: Organisatie, wie: Wie) -> dict[str, Any]:
    if wie.soort == "persoon":
        naam = org.personen[wie.id].naam
    elif wie.soort == "gemeente":
        naam = org.gemeenten[wie.id].naam
    else:
        naam = functienaam(org, wie.id, wie.gemeente)
    return {"soort": wie.soort, "id": wie.id, "gemeente": wie.gemeente, "naam": naam}


def plaatsen_dict(
    org: Organisatie, wie: Wie, peildatum: date, plaatsen: list[Plaats]
) -> dict[str, Any]:
    """`amctl waar-zit --json`."""
    return {
        "wie": wie_dict(org, wie),
        "peildatum": peildatum.isoformat(),
        "plaatsen": [
            {
                "orgaan": orgaan_kort(p.orgaan, peildatum),
                "functie": p.functie,
                "functie_naam": functienaam(org, p.functie, p.gemeente, p.waarnemend),
                "gemeente": p.gemeente,
                "persoon": persoonsnaam(org, p.persoon),
                "persoon_id": p.persoon,
                "waarnemend": p.waarnemend,
                "rol": p.rol,
                **herkomst_dict(p.herkomst),
            }
            for p in plaatsen
        ],
    }


def ritme_tekst(orgaan: Orgaan, peildatum: date) -> str:
    """'2 x per jaar, steeds in een andere gemeente (brontekst); 1 x per jaar (...)', each
    rhythm with its source and the mark of a derived or assumed one."""
    delen = []
    for r, h in ritmes_op(orgaan, peildatum):
        tekst = f"{r.per_jaar} x per jaar" if r.per_jaar else "onbekend"
        if r.locatie == "wisselend":
            tekst += ", steeds in een andere gemeente"
        elif r.locatie:
            tekst += f", in {r.locatie}"
        tekst += merkteken(h.aard) + f" ({', '.join(h.bron) or 'geen bron'})"
        delen.append(tekst)
    return "; ".join(delen) if delen else "-"


def ritmes_lijst(orgaan: Orgaan, peildatum: date) -> list[dict[str, Any]]:
    return [
        {
            "per_jaar": r.per_jaar,
            "locatie": r.locatie,
            "vanaf": iso(r.vanaf),
            "tot_en_met": iso(r.tot_en_met),
            **herkomst_dict(h),
        }
        for r, h in ritmes_op(orgaan, peildatum)
    ]


def organen_lijst(org: Organisatie, peildatum: date) -> list[dict[str, Any]]:
    """`amctl organen --json`: every body existing on the date."""
    return [
        {
            **orgaan_kort(o, peildatum),
            "onderdeel_van": o.onderdeel_van,
            "voorzitter": voorzitter_tekst(org, o.voorzitter_op(peildatum)),
            **herkomst_dict(_voorzitter_herkomst(o, peildatum), "voorzitter_"),
            "vergaderritme": ritme_tekst(o, peildatum),
            "vergaderritmes": ritmes_lijst(o, peildatum),
        }
        for o in organen_op(org, peildatum).bestaand
    ]


def opgeheven_lijst(org: Organisatie, peildatum: date) -> list[dict[str, Any]]:
    """The bodies dissolved before the date: apart from the others in every view."""
    return [
        {
            **orgaan_kort(o, peildatum),
            "tot_en_met": iso(o.tot_en_met),
            "tot_en_met_aard": datum_aard(o, "tot-en-met"),
        }
        for o in organen_op(org, peildatum).opgeheven
    ]


def _voorzitter_herkomst(orgaan: Orgaan, peildatum: date) -> Herkomst:
    voorzitter = orgaan.voorzitter_op(peildatum)
    return Herkomst() if voorzitter is None else herkomst(voorzitter, orgaan)


def regel_omschrijving(org: Organisatie, samenvatting: Samenvatting) -> str:
    """'7 x burgemeester (een per gemeente)', the collapsed line of one rule."""
    regel = samenvatting.regel
    functie = org.functies[regel.functie]
    delen = []
    if regel.wijze == "benoemd":
        delen.append("benoemd")
    if regel.portefeuille is not None:
        delen.append(f"portefeuille {org.portefeuilles[regel.portefeuille].naam}")
    if regel.aantal is None:
        if regel.wijze == "ambtshalve" and functie.zetels != 1 and regel.portefeuille is None:
            delen.append("allen")
        if functie.per_gemeente and regel.wijze != "benoemd":
            delen.append("per gemeente")  # named seats: the rule says nothing of how many
    elif functie.per_gemeente:
        delen.append(f"{_AANTAL.get(regel.aantal, regel.aantal)} per gemeente")
    if regel.rol != "lid":
        delen.append(f"als {regel.rol}")
    geteld = regel.aantal is not None or regel.portefeuille is not None
    kop = f"{len(samenvatting.zetels)} x {functie.naam}" if geteld else functie.naam
    return kop + (f" ({', '.join(delen)})" if delen else "")


def boom(
    org: Organisatie,
    peildatum: date,
    wortel: Orgaan | None = None,
    diepte: int | None = None,
) -> list[dict[str, Any]]:
    """The structure as nested dicts: bodies by part-of, each with its seats per rule, chair,
    support and outgoing relations. Used by `amctl tree` (both the text and the JSON)."""

    def knoop(orgaan: Orgaan, niveau: int) -> dict[str, Any]:
        uitslag = wie_zit_in(org, orgaan, peildatum)
        return {
            **orgaan_kort(orgaan, peildatum),
            "voorzitter": voorzitter_dict(org, uitslag),
            "zetels": [
                {
                    "omschrijving": regel_omschrijving(org, s),
                    "functie": s.regel.functie,
                    "aantal": len(s.zetels),
                    "toelichting": s.regel.toelichting,
                    **herkomst_dict(herkomst(s.regel, orgaan, "functie")),
                    "gevuld": [zetel_dict(org, z, orgaan) for z in s.gevuld],
                    "leden": [zetel_dict(org, z, orgaan) for z in s.zetels],
                }
                for s in samenstelling(uitslag)
            ],
            "ondersteuning": ondersteuning_lijst(org, uitslag),
            "relaties": [
                {
                    "soort": v.relatie.soort,
                    "label": v.label,
                    "naar": v.naar.id,
                    "naam": v.naar.naam,
                    "status": v.naar.status_op(peildatum),
                    **herkomst_dict(v.herkomst),
                }
                for v in relaties_van(org, orgaan, peildatum)
                if geldig_op(v.naar, peildatum)
            ],
            "vergaderritmes": ritmes_lijst(orgaan, peildatum),
            "onderdelen": []
            if diepte is not None and niveau >= diepte
            else [knoop(kind, niveau + 1) for kind in onderdelen(org, orgaan.id, peildatum)],
        }

    wortels = [wortel] if wortel is not None else onderdelen(org, None, peildatum)
    return [knoop(o, 0) for o in wortels]
