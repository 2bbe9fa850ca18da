"""`amctl importeer`: the rows of a spreadsheet (amctl.blad) into the data file.

The sheet says what is true; the import adds what the file does not have yet, completes
what it has (an end date, a source, a role, a corrected name) and leaves the rest alone, so
importing the same sheet twice changes nothing the second time. An empty cell never removes
anything from the file. A portefeuille the cell ends (`economie (t/m 2026-11-30)`) ends the
one recorded with that holding; a cell that leaves out a portefeuille still held is refused
with what to write instead. Like `amctl benoem`, a new holder of a post with one seat
(`zetels: 1`) ends the term of the holder before, the day before the new one starts.

With `college` (`amctl importeer BLAD --college GEMEENTE -D DATUM`) the sheet is the whole
new college of one gemeente from DATUM on: who holds one of the functies it names in that
gemeente and is not in it leaves the day before, a portefeuille the cell of someone who stays
leaves out ends then too, and who is in it continues without a break or starts on DATUM.

Every row is checked first (amctl.bladlezer), and every bad row is named with its column;
only a sheet without bad rows becomes one edit of the text (amctl.bewerken, in one step),
which `bewerk_bestand` writes only when the whole file still validates.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise
from typing import Any, NamedTuple

from amctl.bewerken import (
    Bewerker,
    Uitkomst,
    _gemeente,
    _in_regel,
    _lijstpad,
    _zorg_voor_sectie,
)
from amctl.blad import BladProbleem, OngeldigBlad, Rij
from amctl.bladlezer import Deel, Lezer, Personen, Regel
from amctl.model import (
    Bezetting,
    Lidmaatschap,
    Organisatie,
    Persoon,
    Portefeuillehouder,
    Toedeling,
    dubbele_portefeuillehouders,
    geldig_op,
    overlapt,
)
from amctl.probleem import GebruiksFout
from amctl.vragen import bedoelde_personen, functienaam, lijkende_personen

DAG = timedelta(days=1)


class Periode(NamedTuple):
    vanaf: date | None
    tot_en_met: date | None


class College(NamedTuple):
    """`--college GEMEENTE -D DATUM`: the sheet is the college of `gemeente` from `datum`."""

    gemeente: str
    datum: date


class Telling(NamedTuple):
    toegevoegd: int
    gewijzigd: int
    aanwezig: int


def _bezettingen_van(org: Organisatie, regel: Regel) -> list[Bezetting]:
    persoon = org.personen.get(regel.persoon)
    if persoon is None:
        return []
    return [
        b for b in persoon.functies if (b.functie, b.gemeente) == (regel.functie, regel.gemeente)
    ]


def _zelfde(bestaand: list, regel: Regel):
    """The recorded item a row speaks of: the same start, or the only one when the row
    gives no start."""
    gelijk = [b for b in bestaand if b.vanaf == regel.vanaf]
    if gelijk:
        return gelijk[0]
    if regel.vanaf is None and len(bestaand) == 1:
        return bestaand[0]
    return None


def _toedeling(item: Bezetting, deel: Deel) -> tuple[int, Toedeling] | str | None:
    """The recorded portefeuille of the holding a part of the cell speaks of (index and
    item); None when it is new, a sentence when the cell does not say which one."""
    zelfde = [
        (i, t) for i, t in enumerate(item.portefeuilles) if t.portefeuille == deel.portefeuille
    ]
    if deel.vanaf is not None:
        zelfde = [(i, t) for i, t in zelfde if (t.vanaf or item.vanaf) == deel.vanaf]
    elif len(zelfde) > 1 and deel.tot_en_met is not None:
        if any(t.tot_en_met == deel.tot_en_met for _, t in zelfde):
            return next((i, t) for i, t in zelfde if t.tot_en_met == deel.tot_en_met)
        zelfde = [
            (i, t)
            for i, t in zelfde
            if (t.vanaf or date.min) <= deel.tot_en_met <= (t.tot_en_met or date.max)
        ]
        if len(zelfde) > 1:
            return (
                f"De portefeuille '{deel.portefeuille}' staat {len(zelfde)} keer bij deze "
                "functie; noem de vanaf van de ene die eindigt: "
                f"'{deel.portefeuille} (JJJJ-MM-DD t/m {deel.tot_en_met})'."
            )
    return zelfde[0] if zelfde else None


def _loopt_door(item: Bezetting | Lidmaatschap, dag: date) -> bool:
    """Whether a term runs into a new college that starts on `dag`: begun before, still on."""
    return (item.vanaf is None or item.vanaf < dag) and geldig_op(item, dag)


def _sinds(dag: date | None) -> str:
    return f", sinds {dag}" if dag else ""


def _zo_niet(
    na: Organisatie, portefeuille: str, eerder: Portefeuillehouder, later: Portefeuillehouder
) -> str:
    """What to do about two holders at once: end it at the first the day before."""
    vorige = na.personen[eerder.persoon].naam
    if later.begin is None:
        return f" Geef de nieuwe houder een vanaf, en beëindig hem de dag ervoor bij {vorige}."
    gemeente = later.bezetting.gemeente or "GEMEENTE"
    return (
        f" Beëindig hem bij {vorige} de dag ervoor: '{portefeuille} (t/m {later.begin - DAG})' in "
        f"de cel, of 'amctl portefeuille-eraf {eerder.persoon} {portefeuille} -D {later.begin}'; "
        f"is het blad een nieuw college, lees het dan in met --college {gemeente} -D "
        f"{later.begin}."
    )


def _toedeling_uit(deel: Deel) -> Toedeling:
    return Toedeling(deel.portefeuille, deel.vanaf, deel.tot_en_met)


def _bron_waarde(bron: tuple[str, ...]) -> str | list[str]:
    return bron[0] if len(bron) == 1 else list(bron)


def _gedekt(perioden: list[Periode], vanaf: date | None, tot_en_met: date | None) -> bool:
    """Whether the periods together cover [vanaf, tot_en_met] without a gap."""
    begin, eind = vanaf or date.min, tot_en_met or date.max
    for p in sorted(perioden, key=lambda p: p.vanaf or date.min):
        if (p.vanaf or date.min) > begin:
            return False
        if p.tot_en_met is None or p.tot_en_met >= eind:
            return True
        begin = max(begin, p.tot_en_met + DAG)
    return False


def importeer(
    tekst: str,
    org: Organisatie,
    bestand: str,
    *,
    rijen: list[Rij],
    blad: str,
    college: str | None = None,
    datum: date | None = None,
) -> Uitkomst:
    """The edit that brings the rows into the text (see the module docstring); a sheet with
    bad rows raises OngeldigBlad. `college` (a gemeente as typed) needs `datum`."""
    if college is not None and datum is None:
        raise GebruiksFout(
            "Met --college hoort -D DATUM: de eerste dag van het nieuwe college, bijv. "
            f"--college {college} -D 2026-04-15."
        )
    plan = _Plan(org, blad, College(_gemeente(org, college), datum) if college else None)
    plan.lees(rijen)
    plan.vergelijk()
    plan.college_eindigt()
    plan.opvolging()
    plan.controleer()
    if plan.lezer.problemen:
        raise OngeldigBlad(blad, plan.lezer.problemen)
    meldingen = plan.collegeregels() + plan.meldingen + plan.samenvatting()
    if not plan.wijzigt():
        return Uitkomst(
            tekst,
            ["Niets gewijzigd: alles uit het blad staat al in het bestand.", *plan.samenvatting()],
        )
    return Uitkomst(plan.schrijf(tekst, bestand), meldingen)


class _Plan:
    """What a sheet changes in the file: first read and compared, then written in one step."""

    def __init__(self, org: Organisatie, blad: str, college: College | None = None) -> None:
        self.org = org
        self.blad = blad
        self.college = college
        self.voortgezet: dict[int, Bezetting | Lidmaatschap] = {}  # row -> item it continues
        self.beeindigd: list[Bezetting] = []  # holdings the new college ends
        self.lezer = Lezer(org)
        self.bezet: list[Regel] = []
        self.lid: list[Regel] = []
        self.zetten: list[tuple[Any, str, object]] = []  # (recorded item, key, new value)
        self.nieuwe_bezettingen: dict[str, list[Regel]] = defaultdict(list)
        self.nieuwe_leden: dict[str, list[Regel]] = defaultdict(list)
        self.delen_erbij: dict[int, tuple[Bezetting, list[Deel]]] = {}
        self.delen_einde: dict[int, tuple[Bezetting, list[tuple[int, date]]]] = {}
        self.aangeraakt: set[int] = set()  # ids of the recorded items a row speaks of
        self.rij_van: dict[int, int] = {}  # id of a recorded item -> the row that changes it
        self.tellingen = {"bezet": [0, 0, 0], "lid": [0, 0, 0]}
        self.meldingen: list[str] = []
        self.leden_per_post: dict[tuple, list[tuple[Any, Lidmaatschap]]] = defaultdict(list)
        for orgaan in org.organen.values():
            for lid in orgaan.leden:
                self.leden_per_post[(lid.persoon, lid.functie, lid.gemeente)].append((orgaan, lid))

    # -- reading

    def lees(self, rijen: list[Rij]) -> None:
        """Check every row; the same fact twice is kept once, twice differently is an error."""
        self.personen = Personen(self.lezer, rijen)
        uniek: dict[tuple, Regel] = {}
        for rij in rijen:
            pid = self.personen.wie(rij)
            regel = self.lezer.lees(rij)
            if regel is None or pid is None:
                continue
            regel = regel._replace(persoon=pid)
            if self.college is not None:
                regel = self._in_college(regel)
                if regel is None:
                    continue
            eerder = uniek.setdefault(regel.sleutel, regel)
            if eerder._replace(rij=0) != regel._replace(rij=0):
                soort = "bezetting" if regel.orgaan is None else "lidmaatschap"
                self.lezer.problemen.append(
                    BladProbleem(
                        regel.rij,
                        None,
                        f"Rij {eerder.rij} noemt dezelfde {soort} (persoon, functie, gemeente, "
                        "orgaan en vanaf) met andere gegevens; houd één rij.",
                    )
                )
        self.bezet = [r for r in uniek.values() if r.orgaan is None]
        self.lid = [r for r in uniek.values() if r.orgaan is not None]

    def _in_college(self, regel: Regel) -> Regel | None:
        """A row of the new college: of its gemeente; without a start of its own (or with
        the college's), the holding or membership that runs into the college continues, and
        otherwise it starts on the college's first day."""
        gemeente, dag = self.college
        if regel.gemeente != gemeente:
            naam = self.org.gemeenten[gemeente].naam
            noemt = (
                f"noemt {self.org.gemeenten[regel.gemeente].naam}"
                if regel.gemeente
                else "hoort bij geen gemeente"
            )
            self.lezer.problemen.append(
                BladProbleem(
                    regel.rij,
                    "gemeente",
                    f"Met --college {gemeente} is het blad het college van {naam}, maar deze rij "
                    f"{noemt}; haal haar weg of lees haar apart in.",
                )
            )
            return None
        if regel.vanaf not in (None, dag):
            return regel
        if regel.orgaan is None:
            lopend = _bezettingen_van(self.org, regel)
        else:
            lopend = [
                lid
                for orgaan, lid in self.leden_per_post[
                    (regel.persoon, regel.functie, regel.gemeente)
                ]
                if orgaan.id == regel.orgaan
            ]
        lopend = [i for i in lopend if _loopt_door(i, dag)]
        if not lopend:
            return regel._replace(vanaf=dag)
        self.voortgezet[regel.rij] = lopend[0]
        return regel._replace(vanaf=lopend[0].vanaf)

    @property
    def hernoemd(self) -> dict[str, str]:
        return {
            pid: naam
            for pid, (naam, _) in self.personen.naam.items()
            if pid in self.org.personen and self.org.personen[pid].naam.strip() != naam
        }

    @property
    def nieuwe_personen(self) -> list[str]:
        return [pid for pid in self.personen.naam if pid not in self.org.personen]

    # -- comparing with the file

    def vergelijk(self) -> None:
        for regel in self.bezet:
            item = self.voortgezet.get(regel.rij) or _zelfde(
                _bezettingen_van(self.org, regel), regel
            )
            if item is None:
                self.nieuwe_bezettingen[regel.persoon].append(regel)
                self.tellingen["bezet"][0] += 1
            else:
                erbij, einden = self._portefeuilles(item, regel)
                if erbij:
                    self.delen_erbij[id(item)] = (item, erbij)
                if einden:
                    self.delen_einde[id(item)] = (item, einden)
                sleutels = ("tot-en-met", "bron", "waarnemend")
                self._vul_aan(item, regel, "bezet", sleutels, bool(erbij or einden))
        for regel in self.lid:
            bestaand = [
                lid
                for orgaan, lid in self.leden_per_post[
                    (regel.persoon, regel.functie, regel.gemeente)
                ]
                if orgaan.id == regel.orgaan
            ]
            item = self.voortgezet.get(regel.rij) or _zelfde(bestaand, regel)
            if item is None:
                self.nieuwe_leden[regel.orgaan].append(regel)
                self.tellingen["lid"][0] += 1
            else:
                self._vul_aan(item, regel, "lid", ("rol", "tot-en-met", "bron"))

    def _portefeuilles(
        self, item: Bezetting, regel: Regel
    ) -> tuple[list[Deel], list[tuple[int, date]]]:
        """What the cell changes in the portefeuilles of a recorded holding: the parts to add,
        and (index, last day) of those it ends. A cell that leaves out a portefeuille held
        without an end is a problem of the row: amctl cannot guess the last day."""
        if self.college is not None and self.voortgezet.get(regel.rij) is item:
            return self._portefeuilles_in_college(item, regel)
        erbij, einden = [], []
        for deel in regel.portefeuilles:
            gevonden = _toedeling(item, deel)
            if gevonden is None:
                erbij.append(deel)
            elif isinstance(gevonden, str):
                self.lezer.problemen.append(BladProbleem(regel.rij, "portefeuilles", gevonden))
            else:
                index, toedeling = gevonden
                if deel.tot_en_met and deel.tot_en_met != toedeling.tot_en_met:
                    einden.append((index, deel.tot_en_met))
        genoemd = {d.portefeuille for d in regel.portefeuilles}
        if regel.portefeuilles and not (regel.tot_en_met or item.tot_en_met):
            for toedeling in item.portefeuilles:
                if toedeling.portefeuille in genoemd or toedeling.tot_en_met is not None:
                    continue
                naam = self.org.portefeuilles[toedeling.portefeuille].naam
                sinds = toedeling.vanaf or item.vanaf
                self.lezer.problemen.append(
                    BladProbleem(
                        regel.rij,
                        "portefeuilles",
                        f"{naam} ontbreekt in de cel, maar {self.org.personen[item.persoon].naam}"
                        f" heeft die portefeuille als "
                        f"{functienaam(self.org, item.functie, item.gemeente)}"
                        f"{f' sinds {sinds}' if sinds else ''}, zonder einde. Eindigt ze, "
                        f"schrijf dan '{toedeling.portefeuille} (t/m JJJJ-MM-DD)' met de "
                        "laatste dag; een lege cel laat de portefeuilles zoals ze zijn. Is "
                        "het blad een nieuw college, lees het dan in met --college "
                        f"{item.gemeente or 'GEMEENTE'} -D DATUM.",
                    )
                )
        return erbij, einden

    def _portefeuilles_in_college(
        self, item: Bezetting, regel: Regel
    ) -> tuple[list[Deel], list[tuple[int, date]]]:
        """The cell of someone who stays in the new college holds all their portefeuilles
        from its first day: one held then and not in the cell ends the day before, one in the
        cell not held then starts that day."""
        dag = self.college.datum
        erbij, einden = [], []
        op_de_dag = {
            t.portefeuille: i for i, t in enumerate(item.portefeuilles) if geldig_op(t, dag)
        }
        for deel in regel.portefeuilles:
            if deel.vanaf is not None:
                gevonden = _toedeling(item, deel)
                if gevonden is None:
                    erbij.append(deel)
                elif isinstance(gevonden, str):
                    self.lezer.problemen.append(BladProbleem(regel.rij, "portefeuilles", gevonden))
                elif deel.tot_en_met and deel.tot_en_met != gevonden[1].tot_en_met:
                    einden.append((gevonden[0], deel.tot_en_met))
            elif deel.portefeuille in op_de_dag:
                index = op_de_dag[deel.portefeuille]
                if deel.tot_en_met and deel.tot_en_met != item.portefeuilles[index].tot_en_met:
                    einden.append((index, deel.tot_en_met))
            else:
                erbij.append(deel._replace(vanaf=dag))
        genoemd = {d.portefeuille for d in regel.portefeuilles}
        for portefeuille, i in op_de_dag.items():
            if portefeuille in genoemd:
                continue
            if (item.portefeuilles[i].vanaf or item.vanaf or date.min) < dag:
                einden.append((i, dag - DAG))
                continue
            self.lezer.problemen.append(
                BladProbleem(
                    regel.rij,
                    "portefeuilles",
                    f"Volgens het bestand krijgt {self.personen.naam[regel.persoon][0]} "
                    f"{self.org.portefeuilles[portefeuille].naam} op {dag}, maar de cel noemt "
                    "die portefeuille niet; zet haar in de cel, of haal haar weg uit het bestand.",
                )
            )
        return erbij, einden

    def college_eindigt(self) -> None:
        """Who holds a functie the sheet names in the college's gemeente on its first day and
        is not in the sheet, leaves the day before."""
        if self.college is None:
            return
        gemeente, dag = self.college
        for functie in dict.fromkeys(r.functie for r in self.bezet):
            for b in self.org.bekleders().get((functie, gemeente), []):
                if id(b) in self.aangeraakt or not _loopt_door(b, dag):
                    continue
                self.aangeraakt.add(id(b))
                self.zetten.append((b, "tot-en-met", dag - DAG))
                self.tellingen["bezet"][1] += 1
                self.beeindigd.append(b)

    def collegeregels(self) -> list[str]:
        """What the new college means, person by person: ended, continued, new."""
        if self.college is None:
            return []
        org, (gemeente, dag) = self.org, self.college
        vorige = dag - DAG
        einden = {id(item): lijst for item, lijst in self.delen_einde.values()}
        erbij = {id(item): delen for item, delen in self.delen_erbij.values()}
        voortgezet = [
            b
            for b in {id(i): i for i in self.voortgezet.values()}.values()
            if isinstance(b, Bezetting)
        ]
        nieuw = [r for r in self.bezet if r.rij not in self.voortgezet]

        def wie(item: Bezetting | Regel) -> str:
            if item.persoon in self.personen.naam:  # as the sheet writes it
                naam = self.personen.naam[item.persoon][0]
            else:
                naam = org.personen[item.persoon].naam
            waarnemend = " (waarnemend)" if item.waarnemend else ""
            return f"{naam} als {functienaam(org, item.functie, gemeente)}{waarnemend}"

        def pnaam(portefeuille: str) -> str:
            return org.portefeuilles[portefeuille].naam

        regels = [
            f"Nieuw college van {org.gemeenten[gemeente].naam} per {dag}: "
            f"{len(self.beeindigd)} beëindigd, {len(voortgezet)} voortgezet, {len(nieuw)} nieuw."
        ]
        regels += [f"Beëindigd: {wie(b)}, laatste dag {vorige}." for b in self.beeindigd]
        for b in voortgezet:
            wijzigingen = [
                f"{pnaam(b.portefeuilles[i].portefeuille)} beëindigd, laatste dag {laatste}"
                for i, laatste in einden.get(id(b), ())
            ] + [
                f"{pnaam(d.portefeuille)} erbij{f' vanaf {d.vanaf}' if d.vanaf else ''}"
                for d in erbij.get(id(b), ())
            ]
            houdt = [
                pnaam(t.portefeuille)
                for i, t in enumerate(b.portefeuilles)
                if geldig_op(t, dag) and i not in dict(einden.get(id(b), ()))
            ]
            extra = "; ".join(([f"houdt {', '.join(houdt)}"] if houdt else []) + wijzigingen)
            regels.append(f"Voortgezet: {wie(b)}{_sinds(b.vanaf)}{f' ({extra})' if extra else ''}.")
        for r in nieuw:
            delen = ", ".join(pnaam(d.portefeuille) for d in r.portefeuilles)
            regels.append(f"Nieuw: {wie(r)}, vanaf {r.vanaf}{f' ({delen})' if delen else ''}.")
        return regels

    def _vul_aan(
        self, item, regel: Regel, soort: str, sleutels: tuple[str, ...], meer: bool = False
    ) -> None:
        """A recorded item gets what the row adds (`meer`: something besides these keys); an
        empty cell leaves it as it is."""
        self.aangeraakt.add(id(item))
        self.rij_van[id(item)] = regel.rij
        wijzigingen = []
        for sleutel in sleutels:
            attribuut = sleutel.replace("-", "_")
            waarde = getattr(regel, attribuut)
            if waarde and waarde != getattr(item, attribuut):
                wijzigingen.append(
                    (item, sleutel, _bron_waarde(waarde) if sleutel == "bron" else waarde)
                )
        self.zetten.extend(wijzigingen)
        self.tellingen[soort][1 if wijzigingen or meer else 2] += 1

    def opvolging(self) -> None:
        """A new holder of a post with one seat ends the term of the one before (as benoem
        does); named memberships that rest on an ended holding end with it (as ontsla
        does)."""
        org = self.org
        nieuw = [r for lijst in self.nieuwe_bezettingen.values() for r in lijst]
        for regel in sorted(nieuw, key=lambda r: r.vanaf or date.min):
            if org.functies[regel.functie].zetels != 1 or regel.vanaf is None:
                continue
            for vorige in org.bekleders().get((regel.functie, regel.gemeente), []):
                if (
                    vorige.persoon == regel.persoon
                    or id(vorige) in self.aangeraakt
                    or not geldig_op(vorige, regel.vanaf)
                    or vorige.vanaf is None
                    or vorige.vanaf >= regel.vanaf
                ):
                    continue
                laatste = regel.vanaf - DAG
                self.aangeraakt.add(id(vorige))
                self.rij_van[id(vorige)] = regel.rij
                self.zetten.append((vorige, "tot-en-met", laatste))
                self.tellingen["bezet"][1] += 1
                self.meldingen.append(
                    f"Beëindigd: {org.personen[vorige.persoon].naam} als "
                    f"{functienaam(org, vorige.functie, vorige.gemeente)}, laatste dag {laatste} "
                    f"(opgevolgd volgens rij {regel.rij})."
                )
        for item, sleutel, laatste in list(self.zetten):
            if sleutel != "tot-en-met" or not isinstance(item, Bezetting):
                continue
            for orgaan, lid in self.leden_per_post[(item.persoon, item.functie, item.gemeente)]:
                if (
                    geldig_op(lid, laatste + DAG)
                    and (lid.vanaf is None or lid.vanaf <= laatste)
                    and id(lid) not in self.aangeraakt
                ):
                    self.aangeraakt.add(id(lid))
                    self.zetten.append((lid, "tot-en-met", laatste))
                    self.tellingen["lid"][1] += 1
                    self.meldingen.append(
                        f"Beëindigd: {org.personen[item.persoon].naam} als lid van "
                        f"{orgaan.naam}, laatste dag {laatste} (het lidmaatschap rust op die "
                        "functie)."
                    )

    # -- the checks that can name a row (the rest: validation of the result)

    def controleer(self) -> None:
        self._leden_hebben_een_zetel_en_de_functie()
        self._een_zetel_per_keer()
        self._een_portefeuillehouder_per_dag()

    def _na(self) -> tuple[Organisatie, dict[int, int]]:
        """The people as the file would have them after the import (the model of amctl.model,
        so that the rules' own functions can judge it), and the row behind each holding a row
        adds or changes (by object id)."""
        eind = {
            id(i): w
            for i, sleutel, w in self.zetten
            if sleutel == "tot-en-met" and isinstance(i, Bezetting)
        }
        einden = {id(item): dict(lijst) for item, lijst in self.delen_einde.values()}
        erbij = {id(item): delen for item, delen in self.delen_erbij.values()}
        rijen: dict[int, int] = {}
        personen = {}
        for pid in {*self.org.personen, *self.nieuwe_bezettingen}:
            persoon = self.org.personen.get(pid)
            functies = []
            for b in persoon.functies if persoon else ():
                sleutel = id(b)
                if sleutel in eind or sleutel in einden or sleutel in erbij:
                    eigen = einden.get(sleutel, {})
                    b = b._replace(
                        tot_en_met=eind.get(sleutel, b.tot_en_met),
                        portefeuilles=(
                            *(
                                t._replace(tot_en_met=eigen.get(i, t.tot_en_met))
                                for i, t in enumerate(b.portefeuilles)
                            ),
                            *(_toedeling_uit(d) for d in erbij.get(sleutel, ())),
                        ),
                    )
                    if sleutel in self.rij_van:  # not an item only the college ends
                        rijen[id(b)] = self.rij_van[sleutel]
                functies.append(b)
            for regel in self.nieuwe_bezettingen.get(pid, ()):
                b = Bezetting(
                    regel.functie,
                    pid,
                    regel.gemeente,
                    regel.vanaf,
                    regel.tot_en_met,
                    tuple(_toedeling_uit(d) for d in regel.portefeuilles),
                )
                rijen[id(b)] = regel.rij
                functies.append(b)
            naam = persoon.naam if persoon else self.personen.naam[pid][0]
            personen[pid] = (persoon or Persoon(pid, naam))._replace(functies=tuple(functies))
        return self.org.met_personen(personen), rijen

    def _een_portefeuillehouder_per_dag(self) -> None:
        """No import makes two holders of one portefeuille of one gemeente on a day (AM342):
        every row in such a pair is named, with the other holder."""
        na, rijen = self._na()
        for portefeuille, gemeente, eerder, later in dubbele_portefeuillehouders(na):
            for houder, ander in ((eerder, later), (later, eerder)):
                rij = rijen.get(id(houder.bezetting))
                if rij is None:
                    continue
                self.lezer.problemen.append(
                    BladProbleem(
                        rij,
                        "portefeuilles",
                        self._twee_houders(na, portefeuille, gemeente, houder, ander, rijen)
                        + _zo_niet(na, portefeuille, eerder, later),
                    )
                )

    def _twee_houders(
        self,
        na: Organisatie,
        portefeuille: str,
        gemeente: str | None,
        houder: Portefeuillehouder,
        ander: Portefeuillehouder,
        rijen: dict[int, int],
    ) -> str:
        dagen = [d for d in (houder.begin, ander.begin) if d is not None]
        wanneer = f"vanaf {max(dagen)}" if dagen else "tegelijk"
        rij = rijen.get(id(ander.bezetting))
        waar = f"rij {rij}" if rij else f"in het bestand{_sinds(ander.begin)}"
        van = f" van {na.gemeenten[gemeente].naam}" if gemeente in na.gemeenten else ""
        wie, andere = (na.personen[h.persoon].naam for h in (houder, ander))
        return (
            f"{wie} zou {wanneer} de portefeuille {na.portefeuilles[portefeuille].naam}{van} "
            f"hebben, en {andere} ook ({waar}); een portefeuille heeft per gemeente op elke dag "
            "één houder."
        )

    def _perioden(self) -> dict[tuple, list[Periode]]:
        """Who holds which post when, once the sheet is in."""
        nieuw_eind = {id(i): w for i, sleutel, w in self.zetten if sleutel == "tot-en-met"}
        perioden: dict[tuple, list[Periode]] = defaultdict(list)
        for b in self.org.bezettingen():
            eind = nieuw_eind.get(id(b), b.tot_en_met)
            perioden[(b.persoon, b.functie, b.gemeente)].append(Periode(b.vanaf, eind))
        for r in self.bezet:
            perioden[(r.persoon, r.functie, r.gemeente)].append(Periode(r.vanaf, r.tot_en_met))
        return perioden

    def _leden_hebben_een_zetel_en_de_functie(self) -> None:
        org, perioden = self.org, self._perioden()
        for regel in self.lid:
            orgaan = org.organen[regel.orgaan]
            post = functienaam(org, regel.functie, regel.gemeente)
            dagen = (
                [regel.vanaf]
                if regel.vanaf
                else [r.vanaf or date.min for r in orgaan.samenstelling]
            )
            if not any(_in_regel(org, orgaan, regel.functie, regel.gemeente, d) for d in dagen):
                op = f" op {regel.vanaf}" if regel.vanaf else ""
                self.lezer.problemen.append(
                    BladProbleem(
                        regel.rij,
                        "orgaan",
                        f"{orgaan.naam} heeft geen zetel voor een {post} die bij naam wordt "
                        f"ingevuld{op}: wie erin zit volgt uit de functie. Maak 'orgaan' leeg "
                        "(dan is de rij een bezetting) of kies een ander orgaan.",
                    )
                )
            elif not _gedekt(
                perioden.get((regel.persoon, regel.functie, regel.gemeente), []),
                regel.vanaf,
                regel.tot_en_met,
            ):
                naam = self.personen.naam[regel.persoon][0]
                self.lezer.problemen.append(
                    BladProbleem(
                        regel.rij,
                        "functie",
                        f"{naam} is niet de hele periode {post}, en kan daarom niet als {post} "
                        f"lid zijn van {orgaan.naam}. Voeg een rij zonder orgaan toe waarin "
                        f"{naam} de functie bekleedt, of pas de datums aan.",
                    )
                )

    def _een_zetel_per_keer(self) -> None:
        """Two new holders of a one-seat post at once, in the sheet itself."""
        per_post: dict[tuple, list[Regel]] = defaultdict(list)
        for regel in self.bezet:
            if self.org.functies[regel.functie].zetels == 1:
                per_post[(regel.functie, regel.gemeente)].append(regel)
        for (functie, gemeente), lijst in per_post.items():
            lijst.sort(key=lambda r: r.vanaf or date.min)
            for a, b in pairwise(lijst):
                if a.persoon != b.persoon and overlapt(a, b):
                    self.lezer.problemen.append(
                        BladProbleem(
                            b.rij,
                            "vanaf",
                            f"Rij {a.rij} en deze rij noemen tegelijk een "
                            f"{functienaam(self.org, functie, gemeente)}, die één zetel heeft; "
                            f"geef rij {a.rij} een tot-en-met vóór de vanaf van deze rij.",
                        )
                    )

    # -- the result

    def samenvatting(self) -> list[str]:
        nieuw, hernoemd = len(self.nieuwe_personen), len(self.hernoemd)
        tellingen = (
            ("Personen", Telling(nieuw, hernoemd, len(self.personen.naam) - nieuw - hernoemd)),
            ("Bezettingen (functies)", Telling(*self.tellingen["bezet"])),
            ("Lidmaatschappen bij naam", Telling(*self.tellingen["lid"])),
        )
        return [
            f"{naam}: {t.toegevoegd} toegevoegd, {t.gewijzigd} gewijzigd, {t.aanwezig} al aanwezig."
            for naam, t in tellingen
        ] + self.lijkende_namen()

    def lijkende_namen(self) -> list[str]:
        """A line for each new person whose name resembles a person's in the file."""
        regels = []
        for pid in self.nieuwe_personen:
            naam, rij = self.personen.naam[pid]
            if lijkt := lijkende_personen(self.org, naam):
                regels.append(
                    f"Let op: de nieuwe persoon {naam} (rij {rij}) lijkt op "
                    f"{bedoelde_personen(self.org, lijkt)}; is dat dezelfde, zet dan het id in de "
                    "kolom 'persoon'."
                )
        return regels

    def wijzigt(self) -> bool:
        return bool(
            self.nieuwe_personen
            or self.hernoemd
            or self.zetten
            or self.nieuwe_bezettingen
            or self.nieuwe_leden
            or self.delen_erbij
            or self.delen_einde
        )

    def schrijf(self, tekst: str, bestand: str) -> str:
        """The new text: a few steps that change the shape of the file first, then every
        change in one step (positions read from the text before it)."""
        org = self.org
        bewerker = Bewerker(tekst, bestand)
        _voorbereid(
            bewerker,
            org,
            self.nieuwe_personen,
            self.nieuwe_bezettingen,
            self.nieuwe_leden,
            self.delen_erbij,
            self.delen_einde,
        )
        paden = _paden(bewerker, org)
        with bewerker.in_een_stap():
            for pid, naam in self.hernoemd.items():
                bewerker.zet(("personen", pid), "naam", naam)
            for item, sleutel, waarde in self.zetten:
                bewerker.zet(paden[id(item)], sleutel, waarde, na=_NA[sleutel])
            for item, einden in self.delen_einde.values():
                lijst = (*paden[id(item)], "portefeuilles")
                for index, laatste in einden:
                    pad = _lijstpad(bewerker, lijst, index)
                    if isinstance(bewerker.knoop(pad), str):
                        toedeling = {"portefeuille": bewerker.knoop(pad), "tot-en-met": laatste}
                        bewerker.vervang_item(pad, toedeling)
                    else:
                        bewerker.zet(pad, "tot-en-met", laatste, na=("vanaf", "portefeuille"))
            for item, delen in self.delen_erbij.values():
                pad = paden[id(item)]
                items = [_deel_item(d) for d in delen]
                if bewerker.knoop(pad).get("portefeuilles") is not None:
                    bewerker.voeg_items_toe((*pad, "portefeuilles"), items)
                else:
                    bewerker.voeg_sleutel_toe(pad, "portefeuilles", items, na=_NA["portefeuilles"])
            for pid, lijst in self.nieuwe_bezettingen.items():
                if pid not in org.personen:
                    continue
                items = [_bezetting_item(r) for r in lijst]
                pad = ("personen", pid)
                if bewerker.knoop(pad).get("functies") is not None:
                    bewerker.voeg_items_toe((*pad, "functies"), items)
                else:
                    bewerker.voeg_sleutel_toe(pad, "functies", items, na=("naam",), stijl="flow")
            if self.nieuwe_personen:
                bewerker.voeg_sleutels_toe(
                    ("personen",),
                    {pid: self._nieuwe_persoon(pid) for pid in self.nieuwe_personen},
                    stijl="flow",
                )
            for orgaan_id, lijst in self.nieuwe_leden.items():
                items = [_lid_item(r) for r in lijst]
                pad = ("organen", orgaan_id)
                if bewerker.knoop(pad).get("leden") is not None:
                    bewerker.voeg_items_toe((*pad, "leden"), items)
                else:
                    bewerker.voeg_sleutel_toe(
                        pad, "leden", items, na=("samenstelling",), stijl="flow"
                    )
        return bewerker.tekst

    def _nieuwe_persoon(self, pid: str) -> dict:
        persoon: dict[str, object] = {"naam": self.personen.naam[pid][0]}
        if self.nieuwe_bezettingen.get(pid):
            persoon["functies"] = [_bezetting_item(r) for r in self.nieuwe_bezettingen[pid]]
        return persoon


# Where a key that an item does not have yet goes: after the first of these it has.
_NA = {
    "tot-en-met": ("vanaf", "gemeente", "functie"),
    "bron": ("tot-en-met", "vanaf", "gemeente", "functie"),
    "rol": ("gemeente", "functie"),
    "waarnemend": ("tot-en-met", "vanaf", "gemeente", "functie"),
    "portefeuilles": ("tot-en-met", "vanaf", "gemeente", "functie"),
}


def _voorbereid(
    bewerker: Bewerker,
    org: Organisatie,
    nieuw_personen,
    nieuwe_bezettingen,
    nieuwe_leden,
    delen_erbij,
    delen_einde,
) -> None:
    """The few edits that change the shape of what the one step adds to: a section that is
    missing, a single item written without a list."""
    if nieuw_personen:
        _zorg_voor_sectie(bewerker, "personen")
    for pid in nieuwe_bezettingen:
        pad = ("personen", pid, "functies")
        if pid in org.personen and bewerker.knoop(pad[:-1]).get("functies") is not None:
            bewerker.maak_lijst(pad)
    for item, _ in [*delen_erbij.values(), *delen_einde.values()]:
        persoon = org.personen[item.persoon]
        pad = _lijstpad(
            bewerker,
            ("personen", persoon.id, "functies"),
            next(i for i, b in enumerate(persoon.functies) if b is item),
        )
        if bewerker.knoop(pad).get("portefeuilles") is not None:
            bewerker.maak_lijst((*pad, "portefeuilles"))
    for orgaan_id in nieuwe_leden:
        pad = ("organen", orgaan_id, "leden")
        if bewerker.knoop(pad[:-1]).get("leden") is not None:
            bewerker.maak_lijst(pad)


def _paden(bewerker: Bewerker, org: Organisatie) -> dict[int, tuple]:
    """The path in the text of every holding and named membership, by object id."""
    paden: dict[int, tuple] = {}
    for persoon in org.personen.values():
        for i, b in enumerate(persoon.functies):
            paden[id(b)] = _lijstpad(bewerker, ("personen", persoon.id, "functies"), i)
    for orgaan in org.organen.values():
        for i, lid in enumerate(orgaan.leden):
            paden[id(lid)] = _lijstpad(bewerker, ("organen", orgaan.id, "leden"), i)
    return paden


def _bezetting_item(regel: Regel) -> dict:
    item: dict[str, object] = {"functie": regel.functie}
    if regel.gemeente:
        item["gemeente"] = regel.gemeente
    if regel.vanaf:
        item["vanaf"] = regel.vanaf
    if regel.tot_en_met:
        item["tot-en-met"] = regel.tot_en_met
    if regel.waarnemend:
        item["waarnemend"] = True
    if regel.portefeuilles:
        item["portefeuilles"] = [_deel_item(d) for d in regel.portefeuilles]
    if regel.bron:
        item["bron"] = _bron_waarde(regel.bron)
    return item


def _deel_item(deel: Deel) -> str | dict:
    """`wonen`, or `{portefeuille: wonen, vanaf: ...}` for part of the term."""
    if deel.vanaf is None and deel.tot_en_met is None:
        return deel.portefeuille
    item: dict[str, object] = {"portefeuille": deel.portefeuille}
    if deel.vanaf:
        item["vanaf"] = deel.vanaf
    if deel.tot_en_met:
        item["tot-en-met"] = deel.tot_en_met
    return item


def _lid_item(regel: Regel) -> dict:
    item: dict[str, object] = {"persoon": regel.persoon, "functie": regel.functie}
    if regel.gemeente:
        item["gemeente"] = regel.gemeente
    if regel.rol:
        item["rol"] = regel.rol
    if regel.vanaf:
        item["vanaf"] = regel.vanaf
    if regel.tot_en_met:
        item["tot-en-met"] = regel.tot_en_met
    if regel.bron:
        item["bron"] = _bron_waarde(regel.bron)
    return item
