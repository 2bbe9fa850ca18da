"""What the edit steps share: their outcome (`Uitkomst`), finding the gemeente, the post and the
person a command names (a new person gets an id from the name), and the sources of an item.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import NamedTuple

from amctl.bewerken.bewerker import Bewerker
from amctl.grenzen import MAX_ID
from amctl.laden import Lijst
from amctl.model import ID_PATROON, TOPVELDEN, Organisatie, Persoon
from amctl.probleem import GebruiksFout
from amctl.tekst import suggestie
from amctl.vragen import zoek_persoon, zoek_wie

DAG = timedelta(days=1)


class Uitkomst(NamedTuple):
    """The text after an edit (the same text when nothing changes) and what was done."""

    tekst: str
    meldingen: list[str]


def _iso(dag: date | None) -> str:
    return dag.isoformat() if dag else "onbekend"


def _gemeente(org: Organisatie, tekst: str) -> str:
    try:
        wie = zoek_wie(org, tekst)
    except GebruiksFout:
        wie = None
    if wie is None or wie.soort != "gemeente":
        tip = suggestie(tekst.lower(), org.gemeenten)
        hint = f" Bedoelde u: {tip}?" if tip else f" Kies uit: {', '.join(org.gemeenten)}."
        raise GebruiksFout(f"Onbekende gemeente '{tekst}'.{hint}")
    return wie.id


def _post(org: Organisatie, functie: str, gemeente: str | None) -> tuple[str, str | None]:
    """A functie as typed ('burgemeester', 'burgemeester van Diemen') plus --gemeente."""
    functie_id, gekozen = _functie_en_gemeente(org, functie, gemeente)
    naam = org.functies[functie_id].naam
    if org.functies[functie_id].per_gemeente and gekozen is None:
        raise GebruiksFout(
            f"De functie '{naam}' bestaat per gemeente; geef --gemeente, bijv. --gemeente diemen."
        )
    return functie_id, gekozen


def _functie_en_gemeente(
    org: Organisatie, functie: str, gemeente: str | None
) -> tuple[str, str | None]:
    """The functie and the gemeente the user named, if any (the functie may need one)."""
    wie = zoek_wie(org, functie)
    if wie.soort != "functie":
        raise GebruiksFout(
            f"'{functie}' is geen functie. Kies uit: {', '.join(org.functies)}; bijv. "
            "'burgemeester' met --gemeente diemen."
        )
    gekozen = wie.gemeente
    if gemeente is not None:
        los = _gemeente(org, gemeente)
        if gekozen is not None and gekozen != los:
            raise GebruiksFout(
                f"'{functie}' en --gemeente {gemeente} noemen verschillende gemeenten; noem er één."
            )
        gekozen = los
    naam = org.functies[wie.id].naam
    if not org.functies[wie.id].per_gemeente and gekozen is not None:
        raise GebruiksFout(f"De functie '{naam}' hoort niet bij een gemeente; laat --gemeente weg.")
    return wie.id, gekozen


def _bestaande_persoon(org: Organisatie, tekst: str, deel: bool = True) -> Persoon | None:
    """By id, whole name, or (with `deel`) a part of the name only one person has."""
    pid = zoek_persoon(org, tekst, deel)
    return org.personen[pid] if pid is not None else None


def _persoon(org: Organisatie, tekst: str) -> Persoon:
    persoon = _bestaande_persoon(org, tekst)
    if persoon is None:
        tip = suggestie(tekst, org.personen)
        hint = f" Bedoelde u: {tip}?" if tip else ""
        raise GebruiksFout(
            f"Onbekende persoon '{tekst}'.{hint} Een nieuwe persoon legt u vast met "
            "'amctl benoem PERSOON FUNCTIE --naam \"Volledige Naam\"'."
        )
    return persoon


def persoon_id(naam: str) -> str:
    """An id from a name: 'B. de Bakker-Çelik' -> 'b-de-bakker-celik'."""
    zonder_accenten = "".join(
        c for c in unicodedata.normalize("NFKD", naam) if not unicodedata.combining(c)
    )
    kaal = re.sub(r"[^a-z0-9]+", "-", zonder_accenten.lower()).strip("-")
    pid = kaal if kaal[:1].isalpha() else f"persoon-{kaal}"
    return pid[:MAX_ID].rstrip("-")  # a very long name: the start of it


def _nieuwe_persoon(org: Organisatie, tekst: str, naam: str | None) -> tuple[str, str]:
    """(id, naam) of a person not yet in the file."""
    if ID_PATROON.match(tekst):
        if not naam:
            raise GebruiksFout(
                f"'{tekst}' is nog geen persoon in het bestand. Geef de volledige naam met "
                f'--naam om hem aan te maken, bijv. --naam "A. de Vries".'
            )
        if len(tekst) > MAX_ID:
            raise GebruiksFout(f"Het id is langer dan {MAX_ID} tekens; kies een korter id.")
        pid = tekst
    else:
        if naam:
            raise GebruiksFout(
                f"'{tekst}' is geen bestaande persoon en geen geldig id (kleine letters, "
                "cijfers en streepjes). Geef een id als PERSOON bij --naam, of alleen de naam."
            )
        pid, naam = persoon_id(tekst), tekst.strip()
    if pid in org.personen:
        raise GebruiksFout(
            f"Het id '{pid}' hoort al bij {org.personen[pid].naam}. Is dat dezelfde persoon, "
            "gebruik dan dat id; anders een ander id met --naam."
        )
    if not ID_PATROON.match(pid):
        raise GebruiksFout(f"Van '{tekst}' is geen id te maken; geef een id met --naam.")
    return pid, naam


def _lijstpad(bewerker: Bewerker, pad: tuple, index: int) -> tuple:
    """The path of item `index` of a list that may be written as its single item."""
    return (*pad, index) if isinstance(bewerker.knoop(pad), Lijst) else pad


def _index(items: tuple, item: object) -> int:
    return next(i for i, ander in enumerate(items) if ander is item)


def _met_herkomst(gegevens: dict, bron: str | None, toelichting: str | None = None) -> dict:
    if bron:
        gegevens["bron"] = bron
    if toelichting:
        gegevens["toelichting"] = toelichting
    return gegevens


def _voeg_bron_toe(bewerker: Bewerker, pad: tuple, bron: str | None) -> None:
    """The item at `pad` also rests on `bron` (an ending has its source too): added to its
    `bron`, which becomes a list when it held another source."""
    if not bron:
        return
    item = bewerker.knoop(pad)
    if "bron" not in item:
        bewerker.zet(pad, "bron", bron, na=("tot-en-met", "vanaf"))
        return
    huidig = item["bron"]
    if huidig == bron or (isinstance(huidig, list) and bron in huidig):
        return
    bewerker.maak_lijst((*pad, "bron"))
    bewerker.voeg_item_toe((*pad, "bron"), bron)


def _zorg_voor_sectie(bewerker: Bewerker, sectie: str) -> None:
    """Add an empty top-level section (`personen: {}`) where the format puts it."""
    if sectie in bewerker.data:
        return
    eerder = TOPVELDEN[: TOPVELDEN.index(sectie)]
    na = tuple(reversed([k for k in eerder if k in bewerker.data]))
    bewerker.voeg_sleutel_toe((), sectie, {}, na=na)
