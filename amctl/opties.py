"""The options and arguments of the commands, each declared once (docs/conventies.md).

A command takes these as its parameter types, so that the same thing has the same name, the
same short letter, the same placeholder word and the same help everywhere:

    def wie_zit_in(orgaan: OrgaanArgument, peildatum: PeildatumOptie = None, ...)

Placeholders are Dutch words (DATUM, PAD, ORGAAN, GETAL, JJJJ), never Python types.
Completion (`aanvul=`) reads the values from the data file in use: see amctl/aanvulling.py.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from amctl.grenzen import EERSTE_JAAR, LAATSTE_JAAR

_ISO_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def aanvul(soort: str):
    """Completion of a value of `soort` from the data file in use (imported on Tab only)."""

    def aanvullen(ctx: typer.Context, incomplete: str):
        from amctl.aanvulling import waarden

        return waarden(soort, ctx, incomplete)

    return aanvullen


def controleer_datum(waarde: str | None) -> str | None:
    """Option callback, so that a bad date names the option in the message."""
    if waarde is not None:
        try:
            if not _ISO_DATUM.match(waarde):
                raise ValueError
            if not EERSTE_JAAR <= date.fromisoformat(waarde).year <= LAATSTE_JAAR:
                raise ValueError
        except ValueError:
            raise typer.BadParameter(
                f"'{waarde}' is geen datum tussen {EERSTE_JAAR} en {LAATSTE_JAAR}; schrijf "
                "JJJJ-MM-DD, bijv. 2018-01-01."
            ) from None
    return waarde


def als_datum(waarde: str | None) -> date:
    """The date an option gave, else today."""
    return date.today() if waarde is None else date.fromisoformat(waarde)


def tussen(laagste: int, hoogste: int):
    """Option callback for a bounded number, with the message in Dutch."""

    def controleer(waarde: int | None) -> int | None:
        if waarde is not None and not laagste <= waarde <= hoogste:
            raise typer.BadParameter(f"geef een getal van {laagste} tot en met {hoogste}.")
        return waarde

    return controleer


# --- files ---------------------------------------------------------------------------------

BestandOptie = Annotated[
    Path | None,
    typer.Option(
        "--bestand",
        "-f",
        metavar="PAD",
        readable=False,  # amctl says it in Dutch (amctl.bestand)
        help="Het organisatiebestand. Standaard: $AMCTL_BESTAND, anders "
        "./data/organisatie.yaml, anders de meegeleverde kopie.",
        show_default=False,
    ),
]
UitOptie = Annotated[
    Path | None,
    typer.Option(
        "--uit",
        metavar="PAD",
        readable=False,  # amctl says it in Dutch (amctl.bestand)
        help="Schrijf het resultaat naar dit bestand, helemaal of niet. Standaard: het scherm.",
        show_default=False,
    ),
]

# --- output --------------------------------------------------------------------------------

JsonOptie = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON, voor scripts.")]
BronnenOptie = Annotated[
    bool,
    typer.Option(
        "--bronnen",
        help="Druk de gebruikte bronnen volledig af (titel, adres, bestand, toelichting); met "
        "--json als lijst 'bronnen'.",
    ),
]

# --- time: a question has a peildatum, an edit a datum --------------------------------------

PeildatumOptie = Annotated[
    str | None,
    typer.Option(
        "--peildatum",
        "-d",
        metavar="DATUM",
        help="De datum waarop de vraag gesteld wordt, als JJJJ-MM-DD. Standaard: vandaag.",
        show_default=False,
        callback=controleer_datum,
    ),
]
DatumOptie = Annotated[
    str | None,
    typer.Option(
        "--datum",
        "-D",
        metavar="DATUM",
        help="De dag waarop de wijziging ingaat (de eerste dag van de nieuwe toestand), als "
        "JJJJ-MM-DD. Standaard: vandaag.",
        show_default=False,
        callback=controleer_datum,
    ),
]

# --- edits ---------------------------------------------------------------------------------

BronOptie = Annotated[
    str | None,
    typer.Option(
        "--bron",
        metavar="BRON",
        help="Id van de bron (onder 'bronnen') waar deze wijziging op steunt.",
        show_default=False,
        autocompletion=aanvul("bron"),
    ),
]
DroogOptie = Annotated[
    bool, typer.Option("--droog", help="Toon de wijziging als unified diff en schrijf niets.")
]
GemeenteOptie = Annotated[
    str | None,
    typer.Option(
        "--gemeente",
        "-g",
        metavar="GEMEENTE",
        help="De gemeente van de functie, bijv. diemen.",
        show_default=False,
        autocompletion=aanvul("gemeente"),
    ),
]
LidFunctieOptie = Annotated[
    str | None,
    typer.Option(
        "--functie",
        metavar="FUNCTIE",
        help="De functie waarvoor de persoon lid is. Standaard: de enige passende functie die "
        "de persoon op die dag bekleedt.",
        show_default=False,
        autocompletion=aanvul("functie"),
    ),
]

PortefeuilleFunctieOptie = Annotated[
    str | None,
    typer.Option(
        "--functie",
        metavar="FUNCTIE",
        help="De functie waar de portefeuille bij hoort. Standaard: de enige functie die de "
        "persoon op die dag bekleedt.",
        show_default=False,
        autocompletion=aanvul("functie"),
    ),
]
ThemaArgument = Annotated[
    str,
    typer.Argument(
        metavar="THEMA",
        help="De portefeuille: id of naam, bijv. economie of 'Verkeer en Vervoer'.",
        autocompletion=aanvul("portefeuille"),
    ),
]

# --- recording a meeting -------------------------------------------------------------------

VergaderdatumOptie = Annotated[
    str,
    typer.Option(
        "--datum",
        "-D",
        metavar="DATUM",
        help="De dag van de vergadering, als JJJJ-MM-DD.",
        show_default=False,
        callback=controleer_datum,
    ),
]
GastheerOptie = Annotated[
    str | None,
    typer.Option(
        "--gemeente",
        "-g",
        metavar="GEMEENTE",
        help="De gemeente waar de vergadering is (de gastheer), bijv. diemen.",
        show_default=False,
        autocompletion=aanvul("gemeente"),
    ),
]
ThemaOptie = Annotated[
    str | None,
    typer.Option(
        "--thema", metavar="TEKST", help="Het onderwerp dat werd uitgediept.", show_default=False
    ),
]
VergaderVoorzitterOptie = Annotated[
    str | None,
    typer.Option(
        "--voorzitter",
        metavar="GEMEENTE",
        help="De gemeente wier lid voorzat, als dat niet de vaste voorzitter of de lopende "
        "beurt was.",
        show_default=False,
        autocompletion=aanvul("gemeente"),
    ),
]
PlaatsOptie = Annotated[
    str | None,
    typer.Option(
        "--plaats",
        metavar="TEKST",
        help="Het gebouw of adres, bijv. 'Raadhuis Diemen'.",
        show_default=False,
    ),
]


def controleer_tijd(waarde: str | None) -> str | None:
    """Option callback for UU:MM, so that a bad time names the option in the message."""
    from amctl.inlezen import TIJD_PATROON

    if waarde is not None and not TIJD_PATROON.fullmatch(waarde):
        raise typer.BadParameter(
            f"'{waarde}' is geen tijd; schrijf UU:MM (24 uur, Nederlandse tijd), bijv. 19:30."
        )
    return waarde


TijdOptie = Annotated[
    str | None,
    typer.Option(
        "--tijd",
        metavar="TIJD",
        help="Hoe laat de vergadering begint (Nederlandse tijd), bijv. 19:30; zonder: de hele "
        "dag in de agenda.",
        show_default=False,
        callback=controleer_tijd,
    ),
]
EindOptie = Annotated[
    str | None,
    typer.Option(
        "--eind",
        metavar="TIJD",
        help="Hoe laat de vergadering eindigt, bijv. 21:30; zonder: twee uur na het begin.",
        show_default=False,
        callback=controleer_tijd,
    ),
]

# --- what a command is about -----------------------------------------------------------------

VerbandOptie = Annotated[
    str | None,
    typer.Option(
        "--verband",
        metavar="ORGAAN",
        help="Teken één samenwerkingsverband (een orgaan dat nergens onderdeel van is): zijn "
        "kader, en de organen daarbuiten waar het een relatie mee heeft.",
        autocompletion=aanvul("verband"),
        show_default=False,
    ),
]
OrgaanArgument = Annotated[
    str,
    typer.Argument(
        metavar="ORGAAN",
        help="Id, naam of alias van het orgaan, bijv. regiegroep of 'PHO Wonen'.",
        autocompletion=aanvul("orgaan"),
    ),
]
PersoonArgument = Annotated[
    str,
    typer.Argument(
        metavar="PERSOON",
        help="De persoon: id, naam of een deel van de naam, bijv. a-de-vries of 'de Vries'.",
        autocompletion=aanvul("persoon"),
    ),
]
FunctieArgument = Annotated[
    str,
    typer.Argument(
        metavar="FUNCTIE",
        help="De functie, bijv. burgemeester (met --gemeente) of 'burgemeester van Diemen'.",
        autocompletion=aanvul("post"),
    ),
]
WieArgument = Annotated[
    str,
    typer.Argument(
        metavar="WIE",
        help="Een gemeente (diemen), een persoon (id, naam of deel van de naam), een functie "
        "(burgemeester) of een functie van een gemeente ('burgemeester van Diemen').",
        autocompletion=aanvul("wie"),
    ),
]

# --- meetings ------------------------------------------------------------------------------

TotOptie = Annotated[
    int | None,
    typer.Option(
        "--tot",
        metavar="JJJJ",
        callback=tussen(1900, 9000),
        help="Plan tot en met dit jaar. Standaard: één ronde, elke gemeente één beurt.",
        show_default=False,
    ),
]
PerJaarOptie = Annotated[
    int | None,
    typer.Option(
        "--per-jaar",
        metavar="GETAL",
        callback=tussen(1, 12),
        help="Plan zoveel vergaderingen per jaar, ook als de bronnen elkaar tegenspreken. "
        "Standaard: het eerste vergaderritme in het bestand.",
        show_default=False,
    ),
]
