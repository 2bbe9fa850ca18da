"""Switching a warning off, as yamllint and ruff let you: for one run (`--negeer CODE`), for
every data file in a folder (`.amctl.toml` beside it) or for one line of the file (the comment
`# amctl: negeer AM316` at the end of that line, or alone on the line above it).

Only warnings can be switched off. An error means that amctl's questions refuse the file
(`wie-zit-in` answers nothing rather than something wrong), so a switched-off error would let
`controleer` call a file valid that every other command refuses: fix the error instead.
A warning that is switched off is not lost: the summary counts it with its reason, SARIF lists
it as a suppressed result, and a comment that switches nothing off is itself a warning (AM360),
so a stale comment does not outlive the problem it was written for.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from amctl.probleem import Ernst, GebruiksFout, Plek, Probleem

INSTELLINGEN = ".amctl.toml"
_MARKERING = re.compile(r"#[ \t]*amctl[ \t]*:[ \t]*negeer\b(?P<codes>[^#\r\n]*)", re.IGNORECASE)
_CODE = re.compile(r"AM\d{3}", re.IGNORECASE)


class Genegeerd(NamedTuple):
    """A problem that was found but switched off, and why (shown in the summary)."""

    probleem: Probleem
    waarom: str  # "--negeer", ".amctl.toml" or "regel 12" (the line of the comment)


class Commentaar(NamedTuple):
    """One `# amctl: negeer` comment: where it stands, the line it applies to, what it names."""

    plek: Plek
    voor_regel: int
    codes: tuple[str, ...]


def _regel_van_code(code: str):
    from amctl.regels import REGELS, alle_regels

    if not REGELS:
        alle_regels()
    return REGELS.get(code)


def controleer_codes(codes: Iterable[str], waar: str) -> list[str]:
    """The codes of `--negeer` or `.amctl.toml`, upper-cased; an unknown code or an error is
    wrong use (exit 2), named with `waar` so the user knows where to fix it."""
    codes = list(codes)
    if not codes:
        return []  # nothing to look up: the rules need not even be imported
    from amctl.regels import zoek_regel

    goed = []
    for ruw in codes:
        code = str(ruw).strip().upper()
        try:
            regel = zoek_regel(code)
        except GebruiksFout as fout:
            raise GebruiksFout(f"{waar}: {fout}") from None
        if regel.ernst is Ernst.FOUT:
            raise GebruiksFout(
                f"{waar}: {regel.code} ({regel.naam}) is een fout en kan niet worden uitgezet: "
                "amctl beantwoordt geen vragen over een bestand met fouten; herstel de fout."
            )
        goed.append(regel.code)
    return goed


def lees_instellingen(gegevensbestand: Path) -> list[str]:
    """The codes that `.amctl.toml` beside the data file switches off (`[controleer]` with
    `negeer = ["AM316"]`); none when there is no such file. A file that is not valid TOML or
    names an unknown code is wrong use, with the file's name."""
    pad = gegevensbestand.parent / INSTELLINGEN
    try:
        if not pad.is_file():
            return []
        with open(pad, "rb") as invoer:
            inhoud = tomllib.load(invoer)
    except tomllib.TOMLDecodeError as fout:
        raise GebruiksFout(
            f"'{pad}' is geen geldige TOML ({fout}); herstel het bestand of verwijder het."
        ) from None
    except UnicodeDecodeError:
        raise GebruiksFout(f"'{pad}' is niet in UTF-8 opgeslagen; sla het op als UTF-8.") from None
    except OSError as fout:
        from amctl.tekst import oorzaak

        raise GebruiksFout(f"'{pad}' is niet te lezen: {oorzaak(fout)}.") from None
    sectie = inhoud.get("controleer", {})
    codes = sectie.get("negeer", []) if isinstance(sectie, dict) else None
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise GebruiksFout(
            f"'{pad}': zet de codes als lijst onder [controleer], bijv. negeer = [\"AM316\"]."
        )
    return controleer_codes(codes, f"'{pad}'")


def _in_waarden(tekst: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans (start, end as (line, column), 0-based) of every scalar in the YAML text:
    a '#' inside one of them is part of a value, not a comment."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spans = []
    try:
        for token in yaml.scan(tekst, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                begin, eind = token.start_mark, token.end_mark
                spans.append(((begin.line, begin.column), (eind.line, eind.column)))
    except yaml.YAMLError:
        pass  # the file does not load: it has an error, and errors are never switched off
    return spans


def commentaren(tekst: str) -> list[Commentaar]:
    """Every `# amctl: negeer ...` comment of the text (not the same words inside a value)."""
    if "amctl" not in tekst.lower():
        return []
    gevonden = []
    regels = tekst.splitlines()
    spans = None
    for nummer, regel in enumerate(regels):
        for treffer in _MARKERING.finditer(regel):
            begin = treffer.start()
            if begin and not regel[begin - 1].isspace():
                continue  # YAML starts a comment only after a space
            if spans is None:
                spans = _in_waarden(tekst)
            plek = (nummer, begin)
            if any(van <= plek < tot for van, tot in spans):
                continue
            alleen = not regel[:begin].strip()
            codes = tuple(treffer.group("codes").replace(",", " ").split())
            gevonden.append(
                Commentaar(Plek(nummer + 1, begin + 1), nummer + 2 if alleen else nummer + 1, codes)
            )
    return gevonden


def pas_toe(
    problemen: list[Probleem],
    bestand: str,
    bron: str | bytes | None,
    negeer: Iterable[tuple[str, str]] = (),
) -> tuple[list[Probleem], list[Genegeerd]]:
    """The problems to report and the warnings switched off, from the file's comments (in
    `bron`, its text or bytes) and from `negeer`: (code, reason) pairs of --negeer and
    .amctl.toml, already checked by controleer_codes."""
    uit = dict(negeer)
    zetten: list[Commentaar] = []
    if isinstance(bron, bytes):
        bron = bron.decode("utf-8", "replace") if b"amctl" in bron.lower() else None
    if bron:
        zetten = commentaren(bron)
    per_regel: dict[tuple[int, str], int] = {}
    extra: list[Probleem] = []
    for c in zetten:
        if not c.codes:
            extra.append(
                _am360(
                    bestand,
                    c.plek,
                    "noemt geen regelcode; schrijf bijv. "
                    "'# amctl: negeer AM316', of haal het commentaar weg.",
                )
            )
        for ruw in c.codes:
            code = ruw.upper()
            regel = _regel_van_code(code) if _CODE.fullmatch(code) else None
            if regel is None:
                extra.append(
                    _am360(
                        bestand,
                        c.plek,
                        f"noemt '{ruw}', geen regelcode van amctl; "
                        "zie 'amctl regels' voor de codes.",
                    )
                )
            elif regel.ernst is Ernst.FOUT:
                extra.append(
                    _am360(
                        bestand,
                        c.plek,
                        f"noemt {code} ({regel.naam}), een fout: "
                        "een fout kan niet worden uitgezet; herstel hem.",
                    )
                )
            else:
                per_regel[(c.voor_regel, code)] = c.plek.regel
    getoond, genegeerd, gebruikt = [], [], set()
    for p in problemen:
        if p.ernst is Ernst.WAARSCHUWING and p.code in uit:
            genegeerd.append(Genegeerd(p, uit[p.code]))
        elif p.ernst is Ernst.WAARSCHUWING and (p.regel, p.code) in per_regel:
            gebruikt.add((p.regel, p.code))
            genegeerd.append(Genegeerd(p, f"regel {per_regel[(p.regel, p.code)]}"))
        else:
            getoond.append(p)
    # A comment that switches nothing off is stale, unless the rules did not run (an error).
    volledig = not any(p.ernst is Ernst.FOUT for p in problemen)
    for (regel, code), commentregel in per_regel.items():
        if volledig and (regel, code) not in gebruikt and code not in uit:
            plek = next(c.plek for c in zetten if c.plek.regel == commentregel)
            extra.append(
                _am360(
                    bestand,
                    plek,
                    f"zet {code} uit op regel {regel}, maar daar "
                    f"meldt amctl geen {code} (meer); haal {code} uit het commentaar.",
                )
            )
    if extra:
        getoond = sorted([*getoond, *extra], key=lambda p: (p.regel, p.kolom, p.code))
    return getoond, genegeerd


def _am360(bestand: str, plek: Plek, rest: str) -> Probleem:
    return Probleem(bestand, plek, "AM360", Ernst.WAARSCHUWING, f"'# amctl: negeer' {rest}")


def samenvatting(genegeerd: list[Genegeerd]) -> str:
    """'2 waarschuwingen uitgezet (AM316 met --negeer, AM350 op regel 12)', or ''."""
    if not genegeerd:
        return ""
    from amctl.tekst import aantal, opsomming

    redenen: dict[str, None] = {}
    for g in genegeerd:
        hoe = f"op {g.waarom}" if g.waarom.startswith("regel") else f"met {g.waarom}"
        redenen[f"{g.probleem.code} {hoe}"] = None
    wat = aantal(len(genegeerd), "waarschuwing", "waarschuwingen")
    return f"{wat} uitgezet ({opsomming(list(redenen))})"
