"""Layout for people: lines, tables and trees, drawn by rich on a terminal and as plain text
when piped (for grep and scripts, and without loading rich at all).

The views (amctl.weergave.terminal) build these blocks; `toon` picks the backend. Every
piece of text passes `zichtbaar` here, in both backends: text from the data file is never
markup and never a terminal code.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple, TextIO

from amctl.tekst import zichtbaar


class Deel(NamedTuple):
    """A piece of text with a style (rich's style names; ignored in plain text)."""

    tekst: str
    stijl: str = ""


Regel = tuple[Deel, ...]


def regel(*delen: Deel | str) -> Regel:
    return tuple(d if isinstance(d, Deel) else Deel(d) for d in delen)


class Tabel(NamedTuple):
    koppen: tuple[str, ...]
    rijen: list[tuple[Regel, ...]]


class Tak(NamedTuple):
    label: Regel
    takken: list[Tak]


Blok = Regel | Tabel | Tak


def toon(blokken: list[Blok], uit: TextIO | None = None) -> None:
    uit = uit or sys.stdout
    if _als_terminal(uit):
        _rich(blokken, uit)
    else:
        uit.write(als_tekst(blokken, _breedte()))


def platte_breedte(uit: TextIO | None = None) -> int | None:
    """The width `toon` wraps plain text at, or None when it draws for a terminal (rich draws
    to the terminal's size and colours, so only plain text is the same on every run)."""
    return None if _als_terminal(uit or sys.stdout) else _breedte()


def _als_terminal(uit: TextIO) -> bool:
    """A terminal, or told to act as one the way rich is told (FORCE_COLOR, TTY_COMPATIBLE)."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    return uit.isatty() and os.environ.get("TERM") != "dumb"


def _breedte() -> int:
    """The width trees wrap at when piped: $COLUMNS, else 80."""
    try:
        return max(int(os.environ.get("COLUMNS", "")), 20)
    except ValueError:
        return 80


def breedte_voor(uit: TextIO) -> int | None:
    """The width that lines of text written to `uit` wrap at: on a terminal its width
    ($COLUMNS, else what the terminal says, else 80, as rich decides); piped None, so each
    record stays one line for grep, editors and CI."""
    if not _als_terminal(uit):
        return None
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def vouw(tekst: str, breedte: int | None, insprong: int = 4) -> list[str]:
    """One line of text wrapped at words within `breedte`, the lines after the first indented
    by `insprong` (a hanging indent). An id, a path or a word is never broken: one longer
    than the line stands alone on its line. `breedte` None: the line as it is."""
    if breedte is None or len(tekst) <= breedte:
        return [tekst]
    import textwrap

    return textwrap.wrap(
        tekst,
        max(breedte, insprong + 20),
        subsequent_indent=" " * insprong,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [tekst]


# --- plain text -----------------------------------------------------------------------------


def _platte(r: Regel) -> str:
    return zichtbaar("".join(d.tekst for d in r), eenregelig=True)


def als_tekst(blokken: list[Blok], breedte: int = 80) -> str:
    """Tables are not wrapped (one row per line); trees wrap at `breedte`, like rich."""
    uit: list[str] = []
    for blok in blokken:
        if isinstance(blok, Tabel):
            uit += _tabel_als_tekst(blok)
        elif isinstance(blok, Tak):
            uit += _tak_als_tekst(blok, breedte)
        else:
            uit.append(_platte(blok))
    return "".join(r.rstrip() + "\n" for r in uit)


def _tabel_als_tekst(tabel: Tabel) -> list[str]:
    rijen = [list(tabel.koppen)] + [[_platte(cel) for cel in rij] for rij in tabel.rijen]
    breedtes = [max(len(rij[i]) for rij in rijen) for i in range(len(tabel.koppen))]
    return ["  ".join(cel.ljust(b) for cel, b in zip(rij, breedtes, strict=True)) for rij in rijen]


def _tak_als_tekst(tak: Tak, breedte: int) -> list[str]:
    regels: list[str] = []

    def schrijf(t: Tak, eerste: str, vervolg: str) -> None:
        regels.extend(_vouw(_platte(t.label), eerste, vervolg, breedte))
        for i, kind in enumerate(t.takken):
            laatste = i == len(t.takken) - 1
            schrijf(
                kind,
                vervolg + ("└── " if laatste else "├── "),
                vervolg + ("    " if laatste else "│   "),
            )

    schrijf(tak, "", "")
    return regels


def _vouw(tekst: str, eerste: str, vervolg: str, breedte: int) -> list[str]:
    """Wrap at word boundaries; a continuation keeps the guides of the tree."""
    ruimte = max(breedte - len(vervolg), 20)
    if len(tekst) <= ruimte and not any(teken in tekst for teken in "\t\n\x0b\x0c\r"):
        return [eerste + tekst]  # what textwrap gives a line that fits, without its cost
    import textwrap

    stukken = textwrap.wrap(tekst, ruimte, break_on_hyphens=False) or [""]
    return [eerste + stukken[0]] + [vervolg + stuk for stuk in stukken[1:]]


# --- rich, on a terminal --------------------------------------------------------------------

_TUSSENRUIMTE = 2  # between the columns of a table on a terminal
_INSPRONG = 4  # of the lines of a record under its first line


def _langste_woorden(tabel: Tabel) -> list[int]:
    """Per column, its longest word (or heading): narrower, and a word would break."""
    return [
        max(
            len(tabel.koppen[i]),
            *(len(woord) for rij in tabel.rijen for woord in _platte(rij[i]).split()),
        )
        for i in range(len(tabel.koppen))
    ]


def past(tabel: Tabel, breedte: int) -> bool:
    """Whether the table fits `breedte` with every column wrapped at words, never inside one;
    else each row becomes a record of its own: the first two columns, then the others as
    'heading: value', wrapped beneath."""
    nodig = sum(_langste_woorden(tabel)) + _TUSSENRUIMTE * (len(tabel.koppen) - 1)
    return len(tabel.koppen) < 2 or nodig <= breedte


def _rich(blokken: list[Blok], uit: TextIO) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    def tekst(r: Regel) -> Text:
        return Text.assemble(*((zichtbaar(d.tekst), d.stijl) for d in r))

    def boom(t: Tak, tree: Tree) -> None:
        for kind in t.takken:
            boom(kind, tree.add(tekst(kind.label)))

    console = Console(file=uit, markup=False, emoji=False, highlight=False)
    for blok in blokken:
        if isinstance(blok, Tabel) and not past(blok, console.width):
            for rij in blok.rijen:
                console.print(Text.assemble(tekst(rij[0]), "  ", tekst(rij[1])))
                rest = Text(" · ").join(
                    Text.assemble((f"{kop}: ", "dim"), tekst(cel))
                    for kop, cel in zip(blok.koppen[2:], rij[2:], strict=True)
                )
                for deel in rest.wrap(console, console.width - _INSPRONG):
                    deel.rstrip()
                    console.print(Text.assemble(" " * _INSPRONG, deel))
        elif isinstance(blok, Tabel):
            tabel = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False)
            for kop, woord in zip(blok.koppen, _langste_woorden(blok), strict=True):
                tabel.add_column(kop, min_width=woord)
            for rij in blok.rijen:
                tabel.add_row(*(tekst(cel) for cel in rij))
            console.print(tabel)
        elif isinstance(blok, Tak):
            tree = Tree(tekst(blok.label), guide_style="dim")
            boom(blok, tree)
            console.print(tree)
        else:
            console.print(tekst(blok))
