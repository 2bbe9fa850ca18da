"""Edits of a body's own record: its status (`zet_status`) and its meetings
(`vergadering_erbij`, `vergadering_wijzig`, `vergadering_eraf`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from amctl.bewerken.bewerker import Bewerker
from amctl.bewerken.stappen import DAG, Uitkomst, _gemeente, _index, _lijstpad, _met_herkomst
from amctl.laden import Lijst
from amctl.model import STATUSSEN, Orgaan, Organisatie, geldig_op
from amctl.probleem import GebruiksFout
from amctl.tekst import suggestie
from amctl.vragen import statuslabel, zoek_orgaan


def zet_status(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    status: str,
    datum: date,
    bron: str | None = None,
    toelichting: str | None = None,
) -> Uitkomst:
    """`orgaan` has `status` from `datum`: a dated period is added and the one in force ends
    the day before. A plain `status: x` becomes a list only when the status changes."""
    gevonden = zoek_orgaan(org, orgaan)
    if status not in STATUSSEN:
        tip = suggestie(status, STATUSSEN)
        hint = f" Bedoelde u '{tip}'?" if tip else ""
        raise GebruiksFout(f"Onbekende status '{status}'.{hint} Kies uit: {', '.join(STATUSSEN)}.")
    huidig = gevonden.status_op(datum)
    if huidig == status:
        return Uitkomst(
            tekst, [f"Niets gewijzigd: {gevonden.naam} is op {datum} al {statuslabel(status)}."]
        )
    bewerker = Bewerker(tekst, bestand)
    pad = ("organen", gevonden.id)
    melding = f"Status: {gevonden.naam} is {statuslabel(status)} per {datum}."
    nieuw = _met_herkomst({"waarde": status, "vanaf": datum}, bron, toelichting)
    if bewerker.knoop(pad).get("status") is None:
        if gevonden.vanaf is not None and gevonden.vanaf >= datum:
            waarde = status if len(nieuw) == 2 else {k: v for k, v in nieuw.items() if k != "vanaf"}
            bewerker.voeg_sleutel_toe(pad, "status", waarde, na=("soort", "aliassen", "naam"))
        else:
            perioden = [{"waarde": "actief", "tot-en-met": datum - DAG}, nieuw]
            bewerker.voeg_sleutel_toe(
                pad, "status", perioden, na=("soort", "aliassen", "naam"), stijl="flow"
            )
        return Uitkomst(bewerker.tekst, [melding])
    pad += ("status",)
    bewerker.maak_lijst(pad)
    perioden = gevonden.status
    lopend = next((i for i, p in enumerate(perioden) if geldig_op(p, datum)), None)
    if lopend is not None and perioden[lopend].vanaf == datum:
        if isinstance(bewerker.knoop((*pad, lopend)), str):
            bewerker.vervang_item((*pad, lopend), status)
        else:
            bewerker.zet((*pad, lopend), "waarde", status)
        return Uitkomst(bewerker.tekst, [melding])
    if lopend is not None:
        oud = perioden[lopend]
        if oud.tot_en_met is not None:
            nieuw = {"waarde": status, "vanaf": datum, "tot-en-met": oud.tot_en_met} | {
                k: v for k, v in nieuw.items() if k not in ("waarde", "vanaf")
            }
        item = bewerker.knoop((*pad, lopend))
        if isinstance(item, str):
            bewerker.vervang_item((*pad, lopend), {"waarde": item, "tot-en-met": datum - DAG})
        else:
            bewerker.zet((*pad, lopend), "tot-en-met", datum - DAG, na=("vanaf", "waarde"))
        bewerker.voeg_item_toe(pad, nieuw, voor=lopend + 1)
        return Uitkomst(bewerker.tekst, [melding])
    later = [i for i, p in enumerate(perioden) if p.vanaf is not None and p.vanaf > datum]
    if later:
        volgende = min(later, key=lambda i: perioden[i].vanaf)
        nieuw = {"waarde": status, "vanaf": datum, "tot-en-met": perioden[volgende].vanaf - DAG} | {
            k: v for k, v in nieuw.items() if k not in ("waarde", "vanaf")
        }
        bewerker.voeg_item_toe(pad, nieuw, voor=volgende)
    else:
        bewerker.voeg_item_toe(pad, nieuw)
    return Uitkomst(bewerker.tekst, [melding])


# --- meetings -----------------------------------------------------------------------------


def _vergadering(gevonden: Orgaan, datum: date):
    """The one recorded meeting of a body on a day."""
    op_dag = [v for v in gevonden.vergaderingen if v.datum == datum]
    if not op_dag:
        vastgelegd = ", ".join(v.datum.isoformat() for v in gevonden.vergaderingen[-5:])
        hint = f" Vastgelegd (laatste): {vastgelegd}." if vastgelegd else ""
        raise GebruiksFout(f"{gevonden.naam} heeft geen vergadering op {datum}.{hint}")
    if len(op_dag) > 1:
        raise GebruiksFout(
            f"{gevonden.naam} heeft {len(op_dag)} vergaderingen op {datum}; amctl kan niet kiezen "
            "welke. Pas het bestand met de hand aan."
        )
    return op_dag[0]


_VOLGORDE = ("datum", "gemeente", "plaats", "voorzitter", "thema", "tijd", "eind", "bron")


def _vergaderingsgegevens(org: Organisatie, **velden) -> dict[str, object]:
    gegevens: dict[str, object] = {}
    for sleutel in (*_VOLGORDE, "toelichting"):
        waarde = velden.get(sleutel)
        if waarde is None:
            continue
        if sleutel in ("gemeente", "voorzitter"):
            waarde = _gemeente(org, waarde)
        gegevens[sleutel] = waarde
    return gegevens


def _als_tekst(waarde: object) -> object:
    """A recorded time as the option gives it: '19:30'."""
    return waarde.strftime("%H:%M") if isinstance(waarde, time) else waarde


def _controleer_tijden(tijd: str | None, eind: str | None) -> None:
    if eind is not None and tijd is None:
        raise GebruiksFout("Een eindtijd zonder begintijd: geef ook --tijd UU:MM.")
    if tijd is not None and eind is not None and eind <= tijd:
        raise GebruiksFout(
            f"De vergadering eindigt ({eind}) niet na het begin ({tijd}); geef een latere --eind."
        )


def _nu() -> str:
    """Now in UTC to the second, as `gewijzigd` holds it; SOURCE_DATE_EPOCH (seconds) sets
    it for reproducible builds and tests."""
    import os

    vast = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (
        datetime.fromtimestamp(int(vast), UTC) if vast.isdigit() else datetime.now(UTC)
    ).replace(microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def vergadering_erbij(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    datum: date,
    gemeente: str | None = None,
    plaats: str | None = None,
    voorzitter: str | None = None,
    thema: str | None = None,
    tijd: str | None = None,
    eind: str | None = None,
    bron: str | None = None,
) -> Uitkomst:
    """Record a meeting of `orgaan` on `datum`, in date order among the others."""
    gevonden = zoek_orgaan(org, orgaan)
    _controleer_tijden(tijd, eind)
    nieuw = _vergaderingsgegevens(
        org,
        datum=datum,
        gemeente=gemeente,
        plaats=plaats,
        voorzitter=voorzitter,
        thema=thema,
        tijd=tijd,
        eind=eind,
        bron=bron,
    )
    for bestaand in gevonden.vergaderingen:
        if bestaand.datum != datum:
            continue
        zelfde = all(
            _als_tekst(getattr(bestaand, k)) == (tuple([v]) if k == "bron" else v)
            for k, v in nieuw.items()
        )
        if zelfde:
            return Uitkomst(tekst, [f"Niets gewijzigd: {gevonden.naam} vergaderde al op {datum}."])
        raise GebruiksFout(
            f"{gevonden.naam} heeft al een vergadering op {datum}; pas die aan met 'amctl "
            f"vergadering-wijzig {gevonden.id} --datum {datum}'."
        )
    bewerker = Bewerker(tekst, bestand)
    pad = ("organen", gevonden.id)
    waar = " in " + org.gemeenten[nieuw["gemeente"]].naam if "gemeente" in nieuw else ""
    melding = f"Vergadering erbij: {gevonden.naam} op {datum}{waar}."
    if bewerker.knoop(pad).get("vergaderingen") is None:
        bewerker.voeg_sleutel_toe(
            pad,
            "vergaderingen",
            [nieuw],
            na=("vergaderritme", "relaties", "ondersteuning", "voorzitter", "leden"),
            stijl="flow",
        )
        return Uitkomst(bewerker.tekst, [melding])
    bewerker.maak_lijst((*pad, "vergaderingen"))
    later = [i for i, v in enumerate(gevonden.vergaderingen) if v.datum > datum]
    bewerker.voeg_item_toe((*pad, "vergaderingen"), nieuw, voor=later[0] if later else None)
    return Uitkomst(bewerker.tekst, [melding])


def vergadering_wijzig(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    datum: date,
    nieuwe_datum: date | None = None,
    gemeente: str | None = None,
    plaats: str | None = None,
    voorzitter: str | None = None,
    thema: str | None = None,
    tijd: str | None = None,
    eind: str | None = None,
    bron: str | None = None,
) -> Uitkomst:
    """Correct a recorded meeting: each value given replaces the recorded one. A real
    change raises its `volgnummer` and sets `gewijzigd` (now, UTC), so that a calendar
    that imported the meeting takes the correction (RFC 5546: SEQUENCE and DTSTAMP)."""
    gevonden = zoek_orgaan(org, orgaan)
    vergadering = _vergadering(gevonden, datum)
    _controleer_tijden(tijd or _als_tekst(vergadering.tijd), eind or _als_tekst(vergadering.eind))
    nieuw = _vergaderingsgegevens(
        org,
        datum=nieuwe_datum,
        gemeente=gemeente,
        plaats=plaats,
        voorzitter=voorzitter,
        thema=thema,
        tijd=tijd,
        eind=eind,
        bron=bron,
    )
    if not nieuw:
        raise GebruiksFout(
            "Geef wat er verandert: --nieuwe-datum, --gemeente, --plaats, --voorzitter, "
            "--thema, --tijd, --eind of --bron."
        )
    if nieuwe_datum not in (None, datum) and any(
        v.datum == nieuwe_datum for v in gevonden.vergaderingen
    ):
        raise GebruiksFout(f"{gevonden.naam} heeft al een vergadering op {nieuwe_datum}.")
    bewerker = Bewerker(tekst, bestand)
    lijst = ("organen", gevonden.id, "vergaderingen")
    pad = _lijstpad(bewerker, lijst, _index(gevonden.vergaderingen, vergadering))
    volgorde = _VOLGORDE
    for sleutel, waarde in nieuw.items():
        eerder = tuple(reversed(volgorde[: volgorde.index(sleutel)]))
        bestaand = bewerker.knoop(pad).get(sleutel)
        if isinstance(bestaand, Lijst):
            raise GebruiksFout(
                f"De {sleutel} van deze vergadering is een lijst; pas die met de hand aan."
            )
        bewerker.zet(pad, sleutel, waarde, na=eerder)
    if bewerker.tekst == tekst:
        return Uitkomst(
            tekst, [f"Niets gewijzigd: de vergadering van {gevonden.naam} op {datum} was al zo."]
        )
    from amctl.rooster import volgnummer_van

    bewerker.zet(pad, "volgnummer", volgnummer_van(vergadering) + 1, na=("bron", *volgorde[::-1]))
    bewerker.zet(pad, "gewijzigd", _nu(), na=("volgnummer",))
    return Uitkomst(
        bewerker.tekst,
        [f"Vergadering gewijzigd: {gevonden.naam} op {nieuwe_datum or datum}."],
    )


def vergadering_eraf(
    tekst: str, org: Organisatie, bestand: str, *, orgaan: str, datum: date
) -> Uitkomst:
    """Remove a recorded meeting (recorded by mistake, or it did not take place)."""
    gevonden = zoek_orgaan(org, orgaan)
    vergadering = _vergadering(gevonden, datum)
    bewerker = Bewerker(tekst, bestand)
    lijst = ("organen", gevonden.id, "vergaderingen")
    index = _index(gevonden.vergaderingen, vergadering)
    bewerker.verwijder_item((*lijst, index))
    return Uitkomst(bewerker.tekst, [f"Vergadering eraf: {gevonden.naam} op {datum}."])
