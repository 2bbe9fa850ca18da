"""`amctl exporteer --formaat popolo`: the data as one Popolo JSON document.

Popolo (popoloproject.com) is the open-government format of Open State's council data and
EveryPolitician. The translation:

- each gemeente is an `area` (the CBS code as `identifier`) and an `organization`
  (classification `gemeente`) with the posts of its functies (`burgemeester van Diemen`);
- each orgaan is an `organization` (classification: its soort; `parent_id` from
  onderdeel-van) with a post per kind of seat (functie, gemeente);
- holding a functie is a `membership` of the gemeente for that post; a seat in a body, ex
  officio or by name, is a `membership` of the body with `post_id`, `role` (lid, voorzitter,
  ...) and `on_behalf_of_id` the gemeente. Seats come from amctl.vragen (the query behind
  `amctl wie-zit-in`), joined over time into periods;
- `sources` are the bronnen with a URL.

Ids are namespaced (`orgaan/regiegroep`, `gemeente/diemen`, `persoon/a-de-vries`), so that a
body and a gemeente with the same id stay apart. Dates: `end_date` is the last day, as
`tot-en-met` in the file. With a peildatum only what holds on that day.
"""

from __future__ import annotations

from datetime import date

from amctl.model import Organisatie, geldig_op
from amctl.tekst import iso
from amctl.vragen import bron_van_zetel, functienaam, zittingen


def _zonder_leeg(gegevens: dict) -> dict:
    return {k: v for k, v in gegevens.items() if v not in (None, [], "")}


def als_popolo(org: Organisatie, peildatum: date | None = None) -> dict:

    def geldt(vanaf: date | None, tot_en_met: date | None) -> bool:
        return peildatum is None or (
            (vanaf is None or vanaf <= peildatum)
            and (tot_en_met is None or peildatum <= tot_en_met)
        )

    def bronnen(ids: tuple[str, ...]) -> list[dict]:
        return [
            _zonder_leeg({"url": org.bronnen[b].url, "note": org.bronnen[b].titel})
            for b in ids
            if b in org.bronnen and org.bronnen[b].url
        ]

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
        if not geldt(orgaan.vanaf, orgaan.tot_en_met):
            continue
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
                    "sources": bronnen(orgaan.bron),
                }
            )
        )

    # The posts of the functies, and who held them.
    functieposten: set[tuple[str, str | None]] = set()

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
                        "organization_id": f"gemeente/{gemeente}" if gemeente else None,
                        "area_id": f"gebied/{gemeente}" if gemeente else None,
                        "sources": bronnen(org.functies[functie].bron),
                    }
                )
            )
        return post_id

    persons = []
    for persoon in org.personen.values():
        eigen = [b for b in persoon.functies if geldt(b.vanaf, b.tot_en_met)]
        if peildatum is not None and not eigen:
            continue
        persons.append({"id": f"persoon/{persoon.id}", "name": persoon.naam})
        for b in eigen:
            memberships.append(
                _zonder_leeg(
                    {
                        "id": f"bezetting/{persoon.id}/{b.functie}/{b.gemeente or '-'}/"
                        f"{iso(b.vanaf) or '-'}",
                        "label": functienaam(org, b.functie, b.gemeente),
                        "role": org.functies[b.functie].naam,
                        "person_id": f"persoon/{persoon.id}",
                        "organization_id": f"gemeente/{b.gemeente}" if b.gemeente else None,
                        "post_id": functiepost(b.functie, b.gemeente),
                        "start_date": iso(b.vanaf),
                        "end_date": iso(b.tot_en_met),
                        "sources": bronnen(b.bron),
                    }
                )
            )

    # The seats of the bodies, from the same query as wie-zit-in.
    for orgaan in org.organen.values():
        zetelposten: set[tuple[str, str | None]] = set()
        for zitting in zittingen(org, orgaan):
            if not geldt(zitting.vanaf, zitting.tot_en_met):
                continue
            zetel = zitting.zetel
            post_id = f"zetel/{orgaan.id}/{zetel.functie}" + (
                f"/{zetel.gemeente}" if zetel.gemeente else ""
            )
            if (zetel.functie, zetel.gemeente) not in zetelposten:
                zetelposten.add((zetel.functie, zetel.gemeente))
                posts.append(
                    _zonder_leeg(
                        {
                            "id": post_id,
                            "label": f"{functienaam(org, zetel.functie, zetel.gemeente)} in "
                            f"{orgaan.naam}",
                            "role": zetel.regel.rol,
                            "organization_id": f"orgaan/{orgaan.id}",
                            "area_id": f"gebied/{zetel.gemeente}" if zetel.gemeente else None,
                            "sources": bronnen(zetel.regel.bron or orgaan.bron),
                        }
                    )
                )
            memberships.append(
                _zonder_leeg(
                    {
                        "id": f"zitting/{orgaan.id}/{zetel.functie}/{zetel.gemeente or '-'}/"
                        f"{zetel.persoon}/{iso(zitting.vanaf) or '-'}",
                        "label": f"{zetel.rol} van {orgaan.naam}",
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
