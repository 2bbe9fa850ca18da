"""Queries (amctl.vragen) on the fictional fixture: seats on a date, reverse look-ups, finding
a body or a post by what a user types."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from conftest import GEMEENTEN

from amctl.controle import controleer_bestand, geldig_model
from amctl.model import Organisatie
from amctl.probleem import GebruiksFout
from amctl.vragen import Wie, waar_zit, wie_zit_in, zoek_orgaan, zoek_wie

FICTIEF = Path(__file__).parent / "fixtures" / "fictief.yaml"
GEDEELD = Path(__file__).resolve().parents[1] / "data" / "organisatie.yaml"

NA_WISSELING = date(2026, 6, 1)
OUD = "fictief-burgemeester-diemen-oud"
NIEUW = "fictief-burgemeester-diemen-nieuw"


@pytest.fixture(scope="module")
def org() -> Organisatie:
    return geldig_model(FICTIEF)


def zetels(org: Organisatie, orgaan: str, peildatum: date):
    return wie_zit_in(org, org.organen[orgaan], peildatum).zetels


def burgemeester_van(org: Organisatie, orgaan: str, gemeente: str, peildatum: date):
    (zetel,) = [
        z
        for z in zetels(org, orgaan, peildatum)
        if z.functie == "burgemeester" and z.gemeente == gemeente
    ]
    return zetel


# --- the fixture itself ---------------------------------------------------------------------


def test_fixture_has_no_problems_at_all():
    assert controleer_bestand(FICTIEF).problemen == []


def test_fixture_has_the_bodies_posts_and_rules_of_the_shipped_file(org):
    gedeeld = geldig_model(GEDEELD)
    for sectie in ("gemeenten", "functies", "portefeuilles", "soorten", "organen", "bronnen"):
        assert list(getattr(org, sectie)) == list(getattr(gedeeld, sectie)), sectie

    def regels(o: Organisatie):
        return {
            orgaan.id: (
                [
                    (r.functie, r.gemeenten, r.aantal, r.wijze, r.portefeuille, r.rol)
                    for r in orgaan.samenstelling
                ],
                [s.waarde for s in orgaan.status],
                orgaan.onderdeel_van,
            )
            for orgaan in o.organen.values()
        }

    assert regels(org) == regels(gedeeld)


def test_every_person_in_the_fixture_is_marked_fictional(org):
    assert org.personen
    assert all(p.id.startswith("fictief-") for p in org.personen.values())


# --- seats on a date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("peildatum", "bekleder"),
    [
        (date(2020, 1, 1), OUD),
        (date(2026, 3, 31), OUD),
        (date(2026, 4, 1), NIEUW),
        (NA_WISSELING, NIEUW),
    ],
)
def test_ex_officio_seat_follows_the_change_of_burgemeester(org, peildatum, bekleder):
    zetel = burgemeester_van(org, "regiegroep", "diemen", peildatum)
    assert zetel.persoon == bekleder
    assert zetel.wijze == "ambtshalve"


def test_ex_officio_seat_records_since_when_the_holder_sits(org):
    zetel = burgemeester_van(org, "regiegroep", "diemen", NA_WISSELING)
    assert zetel.sinds == date(2026, 4, 1)


def test_change_of_burgemeester_reaches_every_body_with_that_post(org):
    for orgaan in ("regiegroep", "plenair-overleg"):
        assert burgemeester_van(org, orgaan, "diemen", NA_WISSELING).persoon == NIEUW


@pytest.mark.parametrize(
    ("peildatum", "gemeenten"),
    [
        (date(2015, 6, 1), [g for g in GEMEENTEN if g != "de-ronde-venen"]),
        (date(2016, 6, 1), GEMEENTEN),
    ],
)
def test_regiegroep_has_a_burgemeester_seat_per_gemeente_taking_part_on_the_date(
    org, peildatum, gemeenten
):
    burgemeesters = [
        z.gemeente for z in zetels(org, "regiegroep", peildatum) if z.functie == "burgemeester"
    ]
    assert sorted(burgemeesters) == gemeenten


def test_chair_is_the_seat_of_the_chairing_post(org):
    voorzitters = [z for z in zetels(org, "plenair-overleg", NA_WISSELING) if z.rol == "voorzitter"]
    assert [(z.functie, z.gemeente, z.persoon) for z in voorzitters] == [
        ("burgemeester", "amstelveen", "fictief-burgemeester-amstelveen")
    ]


def test_named_members_fill_the_seats_of_their_gemeente(org):
    raadsleden = [
        z.persoon for z in zetels(org, "raadsledenplatform", NA_WISSELING) if z.gemeente == "diemen"
    ]
    assert raadsleden == ["fictief-raadslid-diemen-1", "fictief-raadslid-diemen-2"]


# --- reverse queries ------------------------------------------------------------------------


def test_waar_zit_gemeente_lists_every_seat_of_that_gemeente(org):
    plaatsen = waar_zit(org, Wie("gemeente", "diemen"), NA_WISSELING)
    assert Counter((p.orgaan.id, p.functie) for p in plaatsen) == Counter(
        {
            ("plenair-overleg", "burgemeester"): 1,
            ("plenair-overleg", "wethouder"): 1,
            ("regiegroep", "burgemeester"): 1,
            ("secretarissenoverleg", "gemeentesecretaris"): 1,
            ("raadsledenplatform", "raadslid"): 2,
            # Each portefeuillehoudersoverleg seats Diemen's holder of its portefeuille,
            # filled (Wonen) or open (the others).
            ("pho-verkeer-en-vervoer", "wethouder"): 1,
            ("pho-wonen", "wethouder"): 1,
            ("pho-economie", "wethouder"): 1,
            ("pho-ruimte", "wethouder"): 1,
            ("pho-duurzaamheid", "wethouder"): 1,
        }
    )


def test_waar_zit_gemeente_lists_nothing_of_another_gemeente(org):
    plaatsen = waar_zit(org, Wie("gemeente", "diemen"), NA_WISSELING)
    assert {p.gemeente for p in plaatsen} == {"diemen"}
    elders = {b.persoon for b in org.bezettingen() if b.gemeente not in (None, "diemen")}
    assert elders
    assert not {p.persoon for p in plaatsen} & elders


def test_waar_zit_gemeente_fills_the_seats_with_the_holders_on_the_date(org):
    plaatsen = waar_zit(org, Wie("gemeente", "diemen"), NA_WISSELING)
    assert {(p.orgaan.id, p.persoon) for p in plaatsen if p.functie == "burgemeester"} == {
        ("plenair-overleg", NIEUW),
        ("regiegroep", NIEUW),
    }


def test_waar_zit_persoon_lists_exactly_their_seats_with_the_chair_role(org):
    wie = Wie("persoon", "fictief-burgemeester-amstelveen")
    plaatsen = waar_zit(org, wie, NA_WISSELING)
    assert [(p.orgaan.id, p.rol) for p in plaatsen] == [
        ("plenair-overleg", "voorzitter"),
        ("regiegroep", "voorzitter"),
    ]
    assert {p.persoon for p in plaatsen} == {"fictief-burgemeester-amstelveen"}


def test_waar_zit_persoon_includes_support_roles(org):
    plaatsen = waar_zit(org, Wie("persoon", "fictief-algemeen-regiosecretaris"), NA_WISSELING)
    assert sorted((p.orgaan.id, p.rol) for p in plaatsen) == [
        ("am-team", "lid"),
        ("plenair-overleg", "ondersteuning"),
        ("regiegroep", "ondersteuning"),
        ("secretarissenoverleg", "ondersteuning"),
    ]


def test_waar_zit_persoon_is_empty_outside_their_term(org):
    assert waar_zit(org, Wie("persoon", OUD), NA_WISSELING) == []
    assert waar_zit(org, Wie("persoon", NIEUW), date(2020, 1, 1)) == []


def test_waar_zit_named_member_lists_their_body(org):
    plaatsen = waar_zit(org, Wie("persoon", "fictief-raadslid-diemen-1"), NA_WISSELING)
    assert [(p.orgaan.id, p.functie, p.gemeente, p.rol) for p in plaatsen] == [
        ("raadsledenplatform", "raadslid", "diemen", "lid")
    ]


# --- finding what the user typed ------------------------------------------------------------


@pytest.mark.parametrize(
    "tekst",
    ["burgemeester van Amstelveen", "burgemeester amstelveen", "Burgemeester van amstelveen"],
)
def test_zoek_wie_resolves_a_post_of_a_gemeente(org, tekst):
    assert zoek_wie(org, tekst) == Wie("functie", "burgemeester", "amstelveen")


def test_burgemeester_van_amstelveen_chairs_the_plenair_overleg(org):
    plaatsen = waar_zit(org, zoek_wie(org, "burgemeester van Amstelveen"), NA_WISSELING)
    plenair = [p for p in plaatsen if p.orgaan.id == "plenair-overleg"]
    assert [(p.functie, p.gemeente, p.rol) for p in plenair] == [
        ("burgemeester", "amstelveen", "voorzitter")
    ]


@pytest.mark.parametrize(
    ("tekst", "wie"),
    [
        ("diemen", Wie("gemeente", "diemen")),
        ("De Ronde Venen", Wie("gemeente", "de-ronde-venen")),
        ("Burgemeester Testpersoon B", Wie("persoon", NIEUW)),
        (NIEUW, Wie("persoon", NIEUW)),
        ("regiosecretaris Wonen", Wie("functie", "regiosecretaris-wonen")),
    ],
)
def test_zoek_wie_resolves_gemeenten_people_and_posts(org, tekst, wie):
    assert zoek_wie(org, tekst) == wie


@pytest.mark.parametrize(
    ("tekst", "orgaan"),
    [
        ("regiegroep", "regiegroep"),
        ("Regiegroep", "regiegroep"),
        ("plenair overleg", "plenair-overleg"),
        ("PHO Wonen", "pho-wonen"),
        ("pho wonen", "pho-wonen"),
        ("AM-team", "am-team"),
        ("  AM   team ", "am-team"),
        ("Portefeuillehoudersoverleg Verkeer en Vervoer", "pho-verkeer-en-vervoer"),
    ],
)
def test_zoek_orgaan_finds_by_id_name_or_alias_in_any_case(org, tekst, orgaan):
    assert zoek_orgaan(org, tekst).id == orgaan


def test_zoek_orgaan_unknown_suggests_the_closest_body(org):
    with pytest.raises(GebruiksFout) as fout:
        zoek_orgaan(org, "regigroep")
    assert str(fout.value) == "Onbekend orgaan 'regigroep'. Bedoelde u: regiegroep?"


def test_zoek_orgaan_unknown_without_a_close_match_points_to_the_list(org):
    with pytest.raises(GebruiksFout) as fout:
        zoek_orgaan(org, "xyzzy")
    assert str(fout.value) == "Onbekend orgaan 'xyzzy'. Zie 'amctl organen' voor de lijst."
