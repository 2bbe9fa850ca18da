"""A stateful property (issue 25, item 4): random sequences of edits through the CLI, as a user
types them, on a copy of the fictional file. After every step:

- the edit was written and the file validates, or it was refused (exit 1 or 2, a message, no
  traceback) and not one byte of the file changed;
- every view agrees on the file as it now is (the agreement property of test_een_waarheid.py);
- `ongedaan` after a written edit gives back the bytes from before that edit.

CI runs the `ci` profile (a few short sequences); `HYPOTHESIS_PROFILE=lang` runs 200 sequences
of 50 steps, 10,000 edits.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from conftest import GEMEENTEN
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from strategieen import SnelleRunner
from test_een_waarheid import zelfde_overal

from amctl.cli import app
from amctl.controle import geldig_model
from amctl.model.velden import STATUSSEN

FICTIEF = Path(__file__).parent / "fixtures" / "fictief.yaml"
_MODEL = geldig_model(FICTIEF)
PERSONEN = st.sampled_from([*_MODEL.personen, "nieuw-persoon", "nog-een-persoon"])
ORGANEN = st.sampled_from(list(_MODEL.organen))
FUNCTIES = st.sampled_from(["burgemeester", "wethouder", "raadslid", "gemeentesecretaris"])
THEMAS = st.sampled_from([*_MODEL.portefeuilles, "onbekend-thema"])
GEMEENTE = st.sampled_from(GEMEENTEN)
DATUM = st.dates(min_value=date(2014, 1, 1), max_value=date(2030, 12, 31))
LANG = settings.default.max_examples >= 10_000


class Bewerkingen(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.map = Path(tempfile.mkdtemp(prefix="amctl-toestand-"))
        self.pad = Path(shutil.copy(FICTIEF, self.map / "organisatie.yaml"))
        self.runner = SnelleRunner()
        self.voor_laatste: bytes | None = None  # the bytes before the last written edit
        self.dag = date(2026, 6, 1)

    def teardown(self) -> None:
        shutil.rmtree(self.map, ignore_errors=True)

    def _bewerk(self, *argumenten: str, dag: date | None = None) -> None:
        voor = self.pad.read_bytes()
        uitslag = self.runner.invoke(app, [*argumenten, "-f", str(self.pad)])
        na = self.pad.read_bytes()
        event(
            f"{argumenten[0]}: exit {uitslag.exit_code}{'' if na != voor else ', niets geschreven'}"
        )
        assert uitslag.exception is None or isinstance(uitslag.exception, SystemExit), (
            argumenten,
            uitslag.output,
        )
        if uitslag.exit_code == 0:
            geldig_model(self.pad)  # a written file validates (raises OngeldigeData if not)
            if na != voor:
                self.voor_laatste = voor
        else:
            assert uitslag.exit_code in (1, 2), (argumenten, uitslag.exit_code, uitslag.output)
            assert uitslag.stderr.strip(), argumenten  # a refusal says why
            assert na == voor, f"{argumenten} weigerde maar veranderde het bestand"
        if dag is not None:
            self.dag = dag

    @rule(persoon=PERSONEN, functie=FUNCTIES, gemeente=GEMEENTE, dag=DATUM)
    def benoem(self, persoon, functie, gemeente, dag):
        naam = [] if persoon in _MODEL.personen else ["--naam", persoon.replace("-", " ").title()]
        self._bewerk(
            "benoem", persoon, functie, "-g", gemeente, "-D", dag.isoformat(), *naam, dag=dag
        )

    @rule(persoon=PERSONEN, functie=FUNCTIES, gemeente=GEMEENTE, dag=DATUM)
    def ontsla(self, persoon, functie, gemeente, dag):
        self._bewerk("ontsla", persoon, functie, "-g", gemeente, "-D", dag.isoformat(), dag=dag)

    @rule(orgaan=ORGANEN, persoon=PERSONEN, dag=DATUM, erbij=st.booleans())
    def lidmaatschap(self, orgaan, persoon, dag, erbij):
        opdracht = "lid-erbij" if erbij else "lid-eraf"
        self._bewerk(opdracht, orgaan, persoon, "-D", dag.isoformat(), dag=dag)

    @rule(orgaan=ORGANEN, status=st.sampled_from(list(STATUSSEN)), dag=DATUM)
    def zet_status(self, orgaan, status, dag):
        self._bewerk("zet-status", orgaan, status, "-D", dag.isoformat(), dag=dag)

    @rule(orgaan=ORGANEN, dag=DATUM, gemeente=GEMEENTE, erbij=st.booleans())
    def vergadering(self, orgaan, dag, gemeente, erbij):
        if erbij:
            self._bewerk("vergadering-erbij", orgaan, "-D", dag.isoformat(), "-g", gemeente)
        else:
            self._bewerk("vergadering-eraf", orgaan, "-D", dag.isoformat())

    @rule(persoon=PERSONEN, thema=THEMAS, dag=DATUM, erbij=st.booleans())
    def portefeuille(self, persoon, thema, dag, erbij):
        opdracht = "portefeuille-erbij" if erbij else "portefeuille-eraf"
        self._bewerk(opdracht, persoon, thema, "-D", dag.isoformat(), dag=dag)

    @precondition(lambda self: self.voor_laatste is not None)
    @rule()
    def ongedaan(self):
        verwacht = self.voor_laatste
        uitslag = self.runner.invoke(app, ["ongedaan", "-f", str(self.pad)])
        assert uitslag.exit_code == 0, uitslag.output
        assert self.pad.read_bytes() == verwacht
        self.voor_laatste = None

    @invariant()
    def elke_weergave_zegt_hetzelfde(self):
        org = geldig_model(self.pad)
        zelfde_overal(org, self.dag)


Bewerkingen.TestCase.settings = settings(
    max_examples=200 if LANG else 8,
    stateful_step_count=50 if LANG else 15,
)
test_willekeurige_bewerkingen = Bewerkingen.TestCase
