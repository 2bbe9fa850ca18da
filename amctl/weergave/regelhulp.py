"""`amctl regels`: the catalogue as text, like `ruff rule`."""

from __future__ import annotations

from collections.abc import Iterable
from textwrap import indent, wrap

from amctl.regels import Regel
from amctl.weergave import opmaak

BREEDTE = 80  # of the explanation; the examples are written to fit it (a test checks)
INSPRONG = "    "  # of an example under 'Fout:' and 'Goed:'


def regeloverzicht(regels: Iterable[Regel]) -> list[opmaak.Blok]:
    """One row per code: on a terminal the summary wraps within 80 columns; piped, one line."""
    return [
        opmaak.Tabel(
            ("code", "naam", "ernst", "samenvatting"),
            [
                tuple(opmaak.regel(t) for t in (r.code, r.naam, r.ernst.label, r.samenvatting))
                for r in regels
            ],
        )
    ]


def regel_uitleg(regel: Regel, breedte: int | None = None) -> str:
    """The code, its explanation wrapped at 80 columns (or a narrower terminal's `breedte`),
    and its examples as YAML, unwrapped: wrapping would change their meaning."""
    breedte = min(breedte or BREEDTE, BREEDTE)
    delen = [
        f"{regel.code} {regel.naam} ({regel.ernst.label}, laag: {regel.laag})",
        "",
        *wrap(regel.samenvatting, breedte, break_long_words=False, break_on_hyphens=False),
        "",
        *wrap(regel.uitleg, breedte, break_long_words=False, break_on_hyphens=False),
    ]
    if regel.fout is not None:
        delen += ["", "Fout:", "", indent(regel.fout.rstrip("\n"), INSPRONG)]
    if regel.goed is not None:
        delen += ["", "Goed:", "", indent(regel.goed.rstrip("\n"), INSPRONG)]
    return "\n".join(delen) + "\n"


def regel_dict(regel: Regel, volledig: bool) -> dict[str, str | None]:
    """`amctl regels --json`: every code in short, or one code with its examples."""
    gegevens: dict[str, str | None] = {
        "code": regel.code,
        "naam": regel.naam,
        "ernst": regel.ernst.label,
        "laag": regel.laag,
        "samenvatting": regel.samenvatting,
    }
    if volledig:
        gegevens.update(uitleg=regel.uitleg, fout=regel.fout, goed=regel.goed)
    return gegevens
