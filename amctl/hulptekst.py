"""`--help` in Dutch, as plain text that fits the terminal.

Typer's help is English around the edges ("Usage", "Options", "[required]") and names Python
types as placeholders; click's is English too. amctl writes its own: the same parts, in
Dutch words, with placeholders that are words (DATUM, PAD, ORGAAN), and every paragraph of a
docstring rewrapped to the width of the terminal (at most 80 columns), never breaking a word
or an option name. No rich: `--help` stays as fast as the program's start.
"""

from __future__ import annotations

import inspect
import shutil
import textwrap
from enum import Enum

BREEDTE = 80  # at most; a narrower terminal gets narrower help
MINIMUM = 40
TERMKOLOM = 28  # a longer term gets its description on the next line
OVERIGE = "Overige opdrachten"


def breedte() -> int:
    return max(MINIMUM, min(BREEDTE, shutil.get_terminal_size((BREEDTE, 24)).columns))


def _alinea(tekst: str, breedte: int, inspring: str = "  ") -> list[str]:
    return textwrap.wrap(
        " ".join(tekst.split()),
        breedte,
        initial_indent=inspring,
        subsequent_indent=inspring,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [inspring.rstrip()]


def alineas(docstring: str | None) -> list[str]:
    """The paragraphs of a docstring, each as one line of words."""
    tekst = inspect.cleandoc(docstring or "").partition("\f")[0]
    return [" ".join(a.split()) for a in tekst.split("\n\n") if a.strip()]


def _kolom(rijen: list[tuple[str, str]]) -> int:
    return min(max((len(term) for term, _ in rijen), default=0), TERMKOLOM) + 4


def _lijst(rijen: list[tuple[str, str]], breedte: int, kolom: int | None = None) -> list[str]:
    """Terms with descriptions: the description in one column beside the terms, wrapped within
    it; a term too long for the column puts its description on the next line."""
    kolom = kolom or _kolom(rijen)
    regels = []
    for term, uitleg in rijen:
        tekst = _alinea(uitleg, breedte, " " * kolom) if uitleg else []
        kop = f"  {term}"
        if tekst and len(kop) + 2 <= kolom:
            regels.append(kop.ljust(kolom) + tekst[0].lstrip())
            regels += tekst[1:]
        else:
            regels.append(kop)
            regels += tekst
    return regels


def _keuzes(param) -> list[str]:
    default = param.default
    soort = type(default) if isinstance(default, Enum) else None
    return [k.value for k in soort] if soort else []


def _plaatshouder(param) -> str:
    """The word that stands for the value of an option or argument."""
    if param.metavar:
        return param.metavar
    if _keuzes(param):
        return "|".join(_keuzes(param))
    return param.name.upper()


def _is_vlag(param) -> bool:
    return bool(getattr(param, "is_flag", False))


def _optieterm(param) -> str:
    kort = [o for o in param.opts if not o.startswith("--")]
    lang = [o for o in param.opts if o.startswith("--")]
    term = ", ".join([*kort, *lang]) if kort else "    " + ", ".join(lang)
    return term if _is_vlag(param) else f"{term} {_plaatshouder(param)}"


def _uitleg(param) -> str:
    delen = [param.help or ""]
    if param.required:
        delen.append("Verplicht.")
    elif (
        isinstance(param.default, Enum)
        and param.show_default
        and "standaard" not in delen[0].casefold()
    ):
        delen.append(f"Standaard: {param.default.value}.")
    return " ".join(d for d in delen if d)


def _parameters(opdracht, ctx) -> tuple[list, list]:
    argumenten, opties = [], []
    for param in opdracht.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        (opties if param.param_type_name == "option" else argumenten).append(param)
    return argumenten, opties


def _gebruik(ctx, argumenten: list, rest: str = "") -> str:
    delen = [ctx.command_path, "[OPTIES]"]
    for param in argumenten:
        woord = _plaatshouder(param)
        if not param.required and not woord.startswith("["):
            woord = f"[{woord}]"
        if param.nargs == -1 and not woord.endswith("..."):
            woord += "..."
        delen.append(woord)
    if rest:
        delen.append(rest)
    return "Gebruik: " + " ".join(delen)


def _gebruiksregels(tekst: str, breedte: int) -> list[str]:
    return textwrap.wrap(
        tekst, breedte, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
    )


def hulp_bij_opdracht(opdracht, ctx, aliassen: dict[str, str]) -> str:
    """`amctl OPDRACHT --help`; `aliassen` maps each English name to its Dutch command."""
    b = breedte()
    argumenten, opties = _parameters(opdracht, ctx)
    regels = _gebruiksregels(_gebruik(ctx, argumenten), b)
    alias = _alias_van(ctx, aliassen)
    if alias:
        regels.append(f"  (ook: {alias})")
    for alinea in alineas(opdracht.help):
        regels += ["", *_alinea(alinea, b)]
    if argumenten:
        regels += ["", "Argumenten:"]
        regels += _lijst([(_plaatshouder(p), _uitleg(p)) for p in argumenten], b)
    regels += ["", "Opties:"]
    regels += _lijst([(_optieterm(p), _uitleg(p)) for p in opties], b)
    return "\n".join(regels)


def _alias_van(ctx, aliassen: dict[str, str]) -> str | None:
    naam = ctx.info_name
    andere = [engels for engels, nederlands in aliassen.items() if nederlands == naam]
    if naam in aliassen:
        andere = [aliassen[naam]]
    return ", ".join(andere) or None


def _paneel(opdracht) -> str:
    paneel = getattr(opdracht, "rich_help_panel", None)
    return paneel if isinstance(paneel, str) else OVERIGE


def overzicht(groep, ctx, aliassen: dict[str, str]) -> str:
    """`amctl --help` and bare `amctl`: the commands by group, each once with its alias."""
    b = breedte()
    _, opties = _parameters(groep, ctx)
    regels = _gebruiksregels(_gebruik(ctx, [], "OPDRACHT [ARGUMENTEN]..."), b)
    for alinea in alineas(groep.help):
        regels += ["", *_alinea(alinea, b)]
    alias_van = {nederlands: engels for engels, nederlands in aliassen.items()}
    panelen: dict[str, list[tuple[str, str]]] = {}
    for naam in groep.list_commands(ctx):
        opdracht = groep.get_command(ctx, naam)
        if opdracht is None or opdracht.hidden:
            continue
        term = f"{naam} ({alias_van[naam]})" if naam in alias_van else naam
        eerste = next(iter(alineas(opdracht.help)), "")
        panelen.setdefault(_paneel(opdracht), []).append((term, eerste))
    kolom = _kolom([rij for rijen in panelen.values() for rij in rijen])
    for paneel in sorted(panelen, key=lambda p: p == OVERIGE):
        regels += ["", f"{paneel}:"]
        regels += _lijst(panelen[paneel], b, kolom)
    regels += ["", "Opties:"]
    regels += _lijst([(_optieterm(p), _uitleg(p)) for p in opties], b)
    regels += [
        "",
        *_alinea(
            "Meer over een opdracht: amctl OPDRACHT --help. Tussen haakjes staat de Engelse "
            "naam, die net zo werkt. Tab-aanvulling: amctl aanvulling --installeer. De "
            "afspraken die voor elke opdracht gelden: docs/conventies.md.",
            b,
            "",
        ),
    ]
    return "\n".join(regels)
