"""`amctl exporteer --formaat popolo`: the data as one Popolo JSON document.

Popolo (popoloproject.com) is the open-government format of Open State's council data and
EveryPolitician. The translation:

- each gemeente is an `area` (the CBS code as `identifier`) and an `organization`
  (classification `gemeente`) with the posts of its functies (`burgemeester van Diemen`);
- each orgaan is an `organization` (classification: its soort; `parent_id` from
  onderdeel-van) with a `post` for every seat it has had, filled or not (one per seat: the
  two raadsleden of Diemen are two posts, `.../raadslid/diemen/1` and `/2`, numbered as by
  amctl.vragen.genummerd); the status of the body, which Popolo has no field for, is the
  extra key `status` (actief, in-overweging, betwist, opgeheven: on the peildatum, without
  one the last recorded), with its periods in the extra key `statuses` (`status`,
  `start_date`, `end_date`); Popolo allows extra keys, and the schemas still hold;
- holding a functie is a `membership` of the gemeente for that post; a seat in a body, ex
  officio or by name, is a `membership` of the body with `post_id`, `role` (lid, voorzitter,
  ...) and `on_behalf_of_id` the gemeente. Seats come from amctl.vragen (the query behind
  `amctl wie-zit-in`), joined over time into periods;
- every object has `sources`: its bronnen (a bron without a URL as `urn:amctl:bron:ID` with
  its title and a note that it has no address), else the data file itself
  (`urn:amctl:bestand:NAAM`).

Ids are namespaced (`orgaan/regiegroep`, `gemeente/diemen`, `persoon/a-de-vries`), so that a
body and a gemeente with the same id stay apart. Dates: `end_date` is the last day, as
`tot-en-met` in the file. With a peildatum only what holds on that day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from amctl.model import Organisatie, geldig_op
from amctl.tekst import iso
from amctl.vragen import (
    alle_zetels,
    bron_van_zetel,
    bronnen_van,
    functienaam,
    genummerd,
    samenwerkingsverbanden,
    waarneming,
    wie_zit_in,
    zittingen,
)


def _zonder_leeg(gegevens: dict) -> dict:
    return {k: v for k, v in gegevens.items() if v not in (None, [], "")}


def _bron(org: Organisatie, bron: str) -> dict:
    """A bron as a Popolo link. One without a URL (a file beside the data, a printed
    budget) gets a URN that names it, so that `url` (required by the schema) is still a URI,
    and a note that says so."""
    b = org.bronnen[bron]
    if b.url:
        return _zonder_leeg({"url": b.url, "note": b.titel})
    waar = f" (lokaal: {b.bestand})" if b.bestand else ""
    return {
        "url": f"urn:amctl:bron:{bron}",
        "note": f"{b.titel}. Bron zonder webadres{waar}; zie 'bronnen' in het gegevensbestand.",
    }


def als_popolo(org: Organisatie, peildatum: date | None = None) -> dict:
    bestand = Path(org.bestand).name
    eigen_bestand = {
        "url": f"urn:amctl:bestand:{bestand}",
        "note": f"het gegevensbestand {bestand}; dit feit noemt daar geen eigen bron",
    }

    def geldt(item) -> bool:
        return peildatum is None or geldig_op(item, peildatum)

    def bronnen(ids) -> list[dict]:
        gevonden = [_bron(org, b) for b in dict.fromkeys(ids) if b in org.bronnen]
        return gevonden or [eigen_bestand]

    areas, organizations, posts, memberships = [], [], [], []
    for g in org.gemeenten.values():
        if peildatum is not None and not geldig_op(g, peildatum):
            continue
        areas.append(
            _zonder_leeg(
                {
                    "id": f"gebied/{g.id}",
                    "name": g.naam,
                    "identifier": g.cbs,
                    "classification": "gemeente",
                    "sources": bronnen(g.bron),
                }
            )
        )
        organizations.append(
            _zonder_leeg(
                {
                    "id": f"gemeente/{g.id}",
                    "name": g.naam,
                    "classification": "gemeente",
                    "identifiers": [{"scheme": "cbs", "identifier": g.cbs}] if g.cbs else [],
                    "area_id": f"gebied/{g.id}",
                    "sources": bronnen(g.bron),
                }
            )
        )
    for orgaan in org.organen.values():
        if not geldt(orgaan):
            continue
        statussen = [p for p in orgaan.status if geldt(p)]
        status = orgaan.status_op(peildatum or date.max)
        if status == "onbekend" and statussen:
            status = statussen[-1].waarde
        organizations.append(
            _zonder_leeg(
                {
                    "id": f"orgaan/{orgaan.id}",
                    "name": orgaan.naam,
                    "other_names": [{"name": alias} for alias in orgaan.aliassen],
                    "classification": org.soorten[orgaan.soort].naam,
                    "parent_id": f"orgaan/{orgaan.onderdeel_van}" if orgaan.onderdeel_van else None,
                    "description": orgaan.omschrijving,
                    "founding_date": iso(orgaan.vanaf),
                    "dissolution_date": iso(orgaan.tot_en_met),
                    "status": status,
                    "statuses": [
                        _zonder_leeg(
                            {
                                "status": p.waarde,
                                "start_date": iso(p.vanaf),
                                "end_date": iso(p.tot_en_met),
                            }
                        )
                        for p in statussen
                    ],
                    "sources": bronnen(bronnen_van(org, orgaan)),
                }
            )
        )

    # The posts of the functies, and who held them. A functie of a gemeente belongs to the
    # gemeente; one that is not (the algemeen regiosecretaris) to the samenwerkingsverband,
    # the body at the top of the file (amctl.vragen.samenwerkingsverbanden).
    functieposten: set[tuple[str, str | None]] = set()
    verbanden = samenwerkingsverbanden(org, peildatum) if peildatum else []
    verband = (verbanden or [o for o in org.organen.values() if o.onderdeel_van is None] or [None])[
        0
    ]

    def organisatie_van(gemeente: str | None) -> str | None:
        if gemeente:
            return f"gemeente/{gemeente}"
        return f"orgaan/{verband.id}" if verband is not None else None

    def functiepost(functie: str, gemeente: str | None) -> str:
        post_id = f"functie/{functie}" + (f"/{gemeente}" if gemeente else "")
        if (functie, gemeente) not in functieposten:
            functieposten.add((functie, gemeente))
            posts.append(
                _zonder_leeg(
                    {
                        "id": post_id,
                        "label": functienaam(org, functie, gemeente),
                        "role": org.functies[functie].naam,
                        "organization_id": organisatie_van(gemeente),
                        "area_id": f"gebied/{gemeente}" if gemeente else None,
                        "sources": bronnen(org.functies[functie].bron),
                    }
                )
            )
        return post_id

    persons = []
    for persoon in org.personen.values():
        eigen = [b for b in persoon.functies if geldt(b)]
        if peildatum is not None and not eigen:
            continue
        persons.append(
            {
                "id": f"persoon/{persoon.id}",
                "name": persoon.naam,
                "sources": bronnen([x for b in eigen for x in b.bron]),
            }
        )
        for b in eigen:
            memberships.append(
                _zonder_leeg(
                    {
                        "id": f"bezetting/{persoon.id}/{b.functie}/{b.gemeente or '-'}/"
                        f"{iso(b.vanaf) or '-'}",
                        "label": functienaam(org, b.functie, b.gemeente, b.waarnemend),
                        "role": functienaam(org, b.functie, None, b.waarnemend),
                        "person_id": f"persoon/{persoon.id}",
                        "organization_id": organisatie_van(b.gemeente),
                        "post_id": functiepost(b.functie, b.gemeente),
                        "start_date": iso(b.vanaf),
                        "end_date": iso(b.tot_en_met),
                        "sources": bronnen(b.bron),
                    }
                )
            )

    # The seats of the bodies, filled or not, and who sat in them: the same queries as
    # wie-zit-in (on a peildatum) and geschiedenis (over time).
    for orgaan in org.organen.values():
        if not geldt(orgaan):
            continue
        if peildatum is not None:
            zetels = genummerd(wie_zit_in(org, orgaan, peildatum).zetels)
        else:
            zetels = alle_zetels(org, orgaan)

        def zetelpost(nummer: int, functie: str, gemeente: str | None, orgaan=orgaan) -> str:
            return f"zetel/{orgaan.id}/{functie}/{gemeente or '-'}/{nummer}"

        meer = {(z.functie, z.gemeente) for n, z in zetels if n > 1}
        for nummer, zetel in zetels:
            label = f"{functienaam(org, zetel.functie, zetel.gemeente)} in {orgaan.naam}"
            posts.append(
                _zonder_leeg(
                    {
                        "id": zetelpost(nummer, zetel.functie, zetel.gemeente),
                        "label": label
                        + (f" (zetel {nummer})" if (zetel.functie, zetel.gemeente) in meer else ""),
                        "role": zetel.regel.rol,
                        "organization_id": f"orgaan/{orgaan.id}",
                        "area_id": f"gebied/{zetel.gemeente}" if zetel.gemeente else None,
                        "sources": bronnen(zetel.regel.bron or orgaan.bron),
                    }
                )
            )
        posten = {p["id"] for p in posts}
        for zitting in zittingen(org, orgaan):
            if not geldt(zitting):
                continue
            zetel = zitting.zetel
            post_id = zetelpost(zitting.nummer, zetel.functie, zetel.gemeente)
            if post_id not in posten:  # numbered otherwise on the peildatum
                post_id = zetelpost(
                    next(
                        n
                        for n, z in zetels
                        if (z.functie, z.gemeente, z.persoon)
                        == (zetel.functie, zetel.gemeente, zetel.persoon)
                    ),
                    zetel.functie,
                    zetel.gemeente,
                )
            memberships.append(
                _zonder_leeg(
                    {
                        "id": f"zitting/{orgaan.id}/{zetel.functie}/{zetel.gemeente or '-'}/"
                        f"{zetel.persoon}/{iso(zitting.vanaf) or '-'}",
                        "label": waarneming(f"{zetel.rol} van {orgaan.naam}", zetel.waarnemend),
                        "role": zetel.rol,
                        "person_id": f"persoon/{zetel.persoon}",
                        "organization_id": f"orgaan/{orgaan.id}",
                        "post_id": post_id,
                        "on_behalf_of_id": f"gemeente/{zetel.gemeente}" if zetel.gemeente else None,
                        "start_date": iso(zitting.vanaf),
                        "end_date": iso(zitting.tot_en_met),
                        "sources": bronnen(bron_van_zetel(org, orgaan, zetel)),
                    }
                )
            )
    return {
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "areas": areas,
    }
