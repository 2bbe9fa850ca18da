"""Domain rules that bound the size of the model, so that a hostile file cannot make every
query slow (AM390-AM392)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from amctl.model import (
    SECTIES,
    Orgaan,
    Organisatie,
)
from amctl.probleem import Probleem
from amctl.regels import Melder, domeinregel
from amctl.regels.domein._gedeeld import _BASIS, _KOP, _SOORT, F
from amctl.tekst import getal

# --- limits (AM39x) ---------------------------------------------------------------------------
# Every query expands the composition rules into seats, AM303 weighs each named member against
# the rules for its post, and the tree and the figure follow 'onderdeel-van' down. A small file
# can ask for a billion seats ('aantal: 1000000000'), thousands of rules for one post or a
# chain of thousands of levels; these rules keep every answer to a size in proportion to the
# file, that amctl computes in a moment. Real files (and the national-scale benchmark) stay
# far below them.

ZETELS_PER_ONDERDEEL = 10
MIN_ZETELS = 10_000
MAX_REGELS_PER_FUNCTIE = 100
MAX_ONDERDEEL_DIEPTE = 16


def _zetels_hoogstens(org: Organisatie, orgaan: Orgaan, bekleders: Counter) -> int:
    """At least as many seats as the body has on any date (amctl.vragen.zetels_op): each rule
    gives 'aantal' per gemeente, or one per holder or named member plus an open one."""
    leden = Counter((lid.functie, lid.gemeente) for lid in orgaan.leden)
    leden_per_functie = Counter(lid.functie for lid in orgaan.leden)
    totaal = 0
    for r in orgaan.samenstelling:
        if not org.functies[r.functie].per_gemeente:
            plekken: list[str | None] | None = [None]
        else:
            plekken = None if r.gemeenten is None else list(r.gemeenten)
        aantal_plekken = len(org.gemeenten) if plekken is None else len(plekken)
        if r.aantal is not None:
            totaal += aantal_plekken * r.aantal
            continue
        if r.wijze == "ambtshalve":
            per_plek, alle = bekleders, bekleders[r.functie]
        else:
            per_plek, alle = leden, leden_per_functie[r.functie]
            aantal_plekken = 1
        gevuld = alle if plekken is None else sum(per_plek[(r.functie, g)] for g in plekken)
        totaal += aantal_plekken + gevuld
    return totaal


def _omvang(org: Organisatie) -> int:
    """How many things the file describes: every entry of every section, every holding of a
    post, and every item of every list of a body."""
    omvang = sum(len(getattr(org, sectie)) for sectie in SECTIES)
    omvang += sum(len(p.functies) for p in org.personen.values())
    for o in org.organen.values():
        omvang += sum(
            len(deel)
            for deel in (o.status, o.samenstelling, o.leden, o.voorzitter, o.ondersteuning)
        )
        omvang += len(o.relaties) + len(o.vergaderritme)
    return omvang


@domeinregel(
    "AM390",
    "te-veel-zetels",
    F,
    "De samenstellingen geven veel meer zetels dan het bestand groot is.",
    "Elke vraag rekent de samenstelling uit tot zetels: 'aantal' per gemeente, of een zetel "
    "per bekleder. amctl werkt met hoogstens tien zetels per onderdeel van het bestand "
    f"(gemeente, orgaan, persoon, bezetting, regel, ...), en altijd met {getal(MIN_ZETELS)}: "
    "meer zou een antwoord onleesbaar lang maken en lang laten duren. Een echt bestand blijft "
    "daar ver onder; meestal is het een tikfout in 'aantal'.",
    _BASIS + "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n"
    "    samenstelling:\n      - {functie: raadslid, wijze: benoemd, aantal: 20000}\n",
    _BASIS + "organen:\n  platform:\n    naam: Platform\n    soort: overleg\n"
    "    samenstelling:\n      - {functie: raadslid, wijze: benoemd, aantal: 2}\n",
)
def te_veel_zetels(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    bekleders: Counter = Counter()
    for b in org.bezettingen():
        bekleders[(b.functie, b.gemeente)] += 1
        bekleders[b.functie] += 1
    per_orgaan = [(_zetels_hoogstens(org, o, bekleders), o) for o in org.organen.values()]
    totaal = sum(n for n, _ in per_orgaan)
    grens = max(MIN_ZETELS, ZETELS_PER_ONDERDEEL * _omvang(org))
    if totaal <= grens:
        return
    n, grootste = max(per_orgaan, key=lambda paar: paar[0])
    yield meld(
        "AM390",
        grootste.plekken.get("samenstelling", grootste.plek),
        f"De samenstellingen geven samen tot {getal(totaal)} zetels, de meeste in "
        f"'{grootste.id}' ({getal(n)}); voor een bestand van deze omvang werkt amctl met "
        f"hoogstens {getal(grens)}. Verlaag 'aantal' of verdeel de zetels over minder regels.",
    )


def _te_veel_regels(orgaan: Orgaan) -> set[str]:
    """The posts for which the body has more composition rules than AM392 allows."""
    per_functie = Counter(r.functie for r in orgaan.samenstelling)
    return {f for f, n in per_functie.items() if n > MAX_REGELS_PER_FUNCTIE}


@domeinregel(
    "AM392",
    "te-veel-regels-voor-een-functie",
    F,
    f"Een orgaan heeft meer dan {MAX_REGELS_PER_FUNCTIE} samenstellingsregels voor één functie.",
    "Een samenstelling noemt een functie een paar keer (per gemeente, of met een nieuw aantal "
    f"vanaf een datum); meer dan {MAX_REGELS_PER_FUNCTIE} regels voor dezelfde functie is een "
    "vergissing, en elk lid bij naam zou met elk van die regels vergeleken moeten worden "
    "(AM303). Voeg de regels samen: zonder 'gemeenten' geldt een regel voor alle gemeenten.",
    _BASIS
    + "organen:\n  raad:\n    naam: Raad\n    soort: overleg\n    samenstelling:\n"
    + "      - {functie: raadslid, wijze: benoemd, aantal: 1}\n" * (MAX_REGELS_PER_FUNCTIE + 1),
    _BASIS
    + "organen:\n  raad:\n    naam: Raad\n    soort: overleg\n    samenstelling:\n"
    + "      - {functie: raadslid, wijze: benoemd, aantal: 1}\n",
)
def te_veel_regels_voor_een_functie(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    for orgaan in org.organen.values():
        for functie in sorted(_te_veel_regels(orgaan)):
            aantal = sum(r.functie == functie for r in orgaan.samenstelling)
            yield meld(
                "AM392",
                orgaan.plekken.get("samenstelling", orgaan.plek),
                f"'{orgaan.id}' heeft {aantal} samenstellingsregels voor '{functie}'; amctl "
                f"neemt er hoogstens {MAX_REGELS_PER_FUNCTIE}. Voeg ze samen.",
            )


def _keten(n: int) -> str:
    organen = "".join(
        f"  o{i}:\n    naam: O{i}\n    soort: overleg\n    onderdeel-van: o{i - 1}\n"
        for i in range(1, n)
    )
    return _KOP + _SOORT + "organen:\n  o0:\n    naam: O0\n    soort: overleg\n" + organen


@domeinregel(
    "AM391",
    "onderdeel-van-te-diep",
    F,
    f"Een orgaan ligt meer dan {MAX_ONDERDEEL_DIEPTE} niveaus diep onder 'onderdeel-van'.",
    "'onderdeel-van' beschrijft een boom die in werkelijkheid een paar niveaus diep is "
    "(samenwerkingsverband, overleg, werkgroep). Een keten van meer dan "
    f"{MAX_ONDERDEEL_DIEPTE} niveaus is een vergissing, en 'amctl tree' zou er onleesbaar van "
    "worden.",
    _keten(MAX_ONDERDEEL_DIEPTE + 2),
    _keten(MAX_ONDERDEEL_DIEPTE + 1),
)
def onderdeel_van_te_diep(org: Organisatie, meld: Melder) -> Iterator[Probleem]:
    diepte: dict[str, int] = {}  # levels below the top of its tree; 0 for a top
    for start in org.organen:
        pad: list[str] = []
        op_pad: set[str] = set()
        huidig: str | None = start
        while huidig is not None and huidig not in diepte and huidig in org.organen:
            if huidig in op_pad:  # a cycle: AM307 reports it
                diepte.update(dict.fromkeys(pad, 0))
                break
            pad.append(huidig)
            op_pad.add(huidig)
            huidig = org.organen[huidig].onderdeel_van
        boven = -1 if huidig is None or huidig not in diepte else diepte[huidig]
        for orgaan_id in reversed(pad):
            if orgaan_id in diepte:
                break
            boven += 1
            diepte[orgaan_id] = boven
    for orgaan in org.organen.values():
        if diepte[orgaan.id] == MAX_ONDERDEEL_DIEPTE + 1:
            yield meld(
                "AM391",
                orgaan.plekken.get("onderdeel-van", orgaan.plek),
                f"'{orgaan.id}' ligt {MAX_ONDERDEEL_DIEPTE + 1} niveaus diep onder "
                f"'onderdeel-van'; amctl toont hoogstens {MAX_ONDERDEEL_DIEPTE}. Maak de "
                "structuur vlakker.",
            )
