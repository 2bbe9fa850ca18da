"""`amctl voorzitter-beurt`: a gemeente takes the turn of a rotating chair from a date.

The turns are the dated chair entries under the rotation (docs/formaat.md, "Roulerend
voorzitterschap"; amctl.roulatie reads them for `rooster` and `wie-zit-in`): the new turn is
an entry for the post in whose name a gemeente chairs (`functie` and `gemeente`, from the
date on, without an end: the next turn ends it), and the running turn ends the day before.
`termijn` (months per turn) belongs to the rotation itself and is set there.
"""

from __future__ import annotations

from datetime import date

from amctl.bewerken.bewerker import Bewerker
from amctl.bewerken.stappen import DAG, Uitkomst, _gemeente, _met_herkomst
from amctl.model import Organisatie, geldig_op
from amctl.probleem import GebruiksFout
from amctl.roulatie import beurten, deelnemers, rotatie, voorzitter_namens, voorzittersfunctie
from amctl.vragen import zoek_orgaan


def voorzitter_beurt(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    orgaan: str,
    gemeente: str,
    datum: date,
    termijn: int | None = None,
    bron: str | None = None,
) -> Uitkomst:
    """`gemeente` chairs `orgaan` from `datum` (see the module docstring)."""
    gevonden = zoek_orgaan(org, orgaan)
    regel = rotatie(gevonden, datum)
    if regel is None:
        raise GebruiksFout(
            f"{gevonden.naam} heeft op {datum} geen roulerend voorzitterschap; een beurt hoort "
            "bij 'voorzitter: {roulerend: true}' (zie docs/formaat.md, 'Roulerend "
            "voorzitterschap')."
        )
    gid = _gemeente(org, gemeente)
    mee = deelnemers(org, gevonden, datum)
    if gid not in mee:
        namen = ", ".join(org.gemeenten[g].naam for g in mee) or "geen enkele gemeente"
        raise GebruiksFout(
            f"{org.gemeenten[gid].naam} doet op {datum} niet mee in {gevonden.naam}; aan de beurt "
            f"kan zijn: {namen}."
        )
    vastgelegd = beurten(org, gevonden)
    al = next((b for b in vastgelegd if b.vanaf == datum), None)
    nieuwe_termijn = termijn is not None and termijn != regel.termijn
    if al is not None and al.gemeente == gid and not nieuwe_termijn:
        return Uitkomst(
            tekst,
            [f"Niets gewijzigd: {org.gemeenten[gid].naam} is vanaf {datum} al aan de beurt."],
        )
    zelfde_beurt = al is not None and al.gemeente == gid
    later = [b for b in vastgelegd if b.vanaf is not None and b.vanaf >= datum]
    if later and not zelfde_beurt:
        wie = org.gemeenten[later[0].gemeente].naam if later[0].gemeente else "een voorzitter"
        raise GebruiksFout(
            f"{gevonden.naam} heeft al een beurt vanaf {later[0].vanaf} ({wie}); een nieuwe beurt "
            "komt na de laatste vastgelegde. Pas die in het bestand aan, of kies een latere datum."
        )
    bewerker = Bewerker(tekst, bestand)
    pad = ("organen", gevonden.id, "voorzitter")
    bewerker.maak_lijst(pad)
    meldingen = []
    for i, v in enumerate(gevonden.voorzitter):
        if v is regel and nieuwe_termijn:
            bewerker.zet((*pad, i), "termijn", termijn, na=("roulerend",))
            meldingen.append(f"Een beurt in {gevonden.naam} duurt {termijn} maanden.")
        if zelfde_beurt:
            continue
        lopend = next((b for b in vastgelegd if b.voorzitter is v), None)
        if lopend is not None and geldig_op(v, datum) and (v.vanaf is None or v.vanaf < datum):
            bewerker.zet((*pad, i), "tot-en-met", datum - DAG, na=("vanaf", "gemeente", "functie"))
            wie = org.gemeenten[lopend.gemeente].naam if lopend.gemeente else "de vorige"
            meldingen.append(f"Beëindigd: de beurt van {wie}, laatste dag {datum - DAG}.")
    if zelfde_beurt:  # only the term length changes
        return Uitkomst(bewerker.tekst, meldingen)
    functie = voorzittersfunctie(org, gevonden, datum)
    nieuw = {"functie": functie} if functie else {}
    bewerker.voeg_item_toe(pad, _met_herkomst({**nieuw, "gemeente": gid, "vanaf": datum}, bron))
    duur = termijn or regel.termijn
    meldingen.insert(
        0,
        f"Voorzitter van {gevonden.naam} per {datum}: "
        f"{voorzitter_namens(org, gevonden, gid, datum)}"
        f"{f' (een beurt van {duur} maanden)' if duur else ''}.",
    )
    return Uitkomst(bewerker.tekst, meldingen)
