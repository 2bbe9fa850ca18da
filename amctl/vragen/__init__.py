"""Queries on a valid model: who sits where, on a date. Plain functions returning plain data;
the views (amctl.weergave) decide how it looks.

Three parts, each in its own module, all importable from here (`from amctl.vragen import X`):

- `zetels`: the seats of a body on a date (composition, members, chairs, support), the names
  and labels every view uses, relations, statuses and sources: the one place that decides
  seats, chairs and statuses;
- `zoeken`: finding a body, person, post or gemeente by what people type, `waar-zit`, the parts
  of a body, and the look-ups (INDEXEN) that let a question read only what it answers about;
- `tijdlijn`: seats through time and the dated changes (what holds when, what is coming);
  loaded when one of its names is first asked for, since most questions are about one date;
- `aandacht`: what needs attention on a date (`amctl signalen`), from the seats, the rooster
  and the warnings; loaded when first asked for, like `tijdlijn`.
"""

from amctl.vragen.zetels import (
    DAG,
    GEEN_HERKOMST,
    OPEN,
    Bezetting_op,
    Herkomst,
    Organen,
    Periode,
    Samenvatting,
    Steun,
    Verband,
    Zetel,
    ambtshalve_perioden,
    bekleders_op,
    bron_van_zetel,
    bronnen_van,
    datum_aard,
    doorsnede,
    functienaam,
    herkomst,
    in_bereik,
    inkomende_relaties,
    is_samenwerkingsverband,
    naam_aard,
    ondersteuning_op,
    orgaan_aarden,
    organen_op,
    per_regel,
    persoonsnaam,
    relatielabel,
    relaties_op,
    relaties_van,
    ritmes_op,
    samenstelling,
    samenwerkingsverbanden,
    status_herkomst,
    status_periode_op,
    statuslabel,
    titel,
    uitgaande_relaties,
    verband,
    voorzitter_tekst,
    waarneming,
    wie_zit_in,
    zetels_op,
)
from amctl.vragen.zoeken import (
    INDEXEN,
    Plaats,
    Wie,
    bedoelde_personen,
    kinderindex,
    lijkende_personen,
    naamindex,
    namen_lijken,
    onderdelen,
    personen_met,
    plaatsindex,
    waar_zit,
    zoek_orgaan,
    zoek_persoon,
    zoek_wie,
)

_TIJDLIJN = (
    "Stand",
    "Wijziging",
    "Zitting",
    "alle_zetels",
    "genummerd",
    "komende_wijzigingen",
    "stand_op",
    "wijzigingsdata",
    "zittingen",
)


_AANDACHT = ("GROEPEN", "Signaal", "Signalen", "signalen")


def __getattr__(naam: str):
    if naam in _TIJDLIJN:
        from amctl.vragen import tijdlijn

        return getattr(tijdlijn, naam)
    if naam in _AANDACHT:
        from amctl.vragen import aandacht

        return getattr(aandacht, naam)
    raise AttributeError(f"module 'amctl.vragen' has no attribute {naam!r}")


__all__ = [
    "DAG",
    "GEEN_HERKOMST",
    "GROEPEN",
    "INDEXEN",
    "OPEN",
    "Bezetting_op",
    "Herkomst",
    "Organen",
    "Periode",
    "Plaats",
    "Samenvatting",
    "Signaal",
    "Signalen",
    "Stand",
    "Steun",
    "Verband",
    "Wie",
    "Wijziging",
    "Zetel",
    "Zitting",
    "alle_zetels",
    "ambtshalve_perioden",
    "bedoelde_personen",
    "bekleders_op",
    "bron_van_zetel",
    "bronnen_van",
    "datum_aard",
    "doorsnede",
    "functienaam",
    "genummerd",
    "herkomst",
    "in_bereik",
    "inkomende_relaties",
    "is_samenwerkingsverband",
    "kinderindex",
    "komende_wijzigingen",
    "lijkende_personen",
    "naam_aard",
    "naamindex",
    "namen_lijken",
    "onderdelen",
    "ondersteuning_op",
    "orgaan_aarden",
    "organen_op",
    "per_regel",
    "personen_met",
    "persoonsnaam",
    "plaatsindex",
    "relatielabel",
    "relaties_op",
    "relaties_van",
    "ritmes_op",
    "samenstelling",
    "samenwerkingsverbanden",
    "signalen",
    "stand_op",
    "status_herkomst",
    "status_periode_op",
    "statuslabel",
    "titel",
    "uitgaande_relaties",
    "verband",
    "voorzitter_tekst",
    "waar_zit",
    "waarneming",
    "wie_zit_in",
    "wijzigingsdata",
    "zetels_op",
    "zittingen",
    "zoek_orgaan",
    "zoek_persoon",
    "zoek_wie",
]
