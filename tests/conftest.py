"""Fixtures shared by more than one test file."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

# --- one environment for every run (issue 25) -----------------------------------------------
# The suite answers the same whatever the shell of whoever runs it exports: terminal size and
# colour, time zone, language, amctl's own settings. Set once, before the test modules are
# imported, so collection and session fixtures see it too; a test that needs another value
# sets it itself (monkeypatch.setenv, or env= of CliRunner.invoke / subprocess.run).
# `.ci/vijandig` runs the suite with all of these set to odd values, and CI does so.

# Switches of the test suite itself, not settings of amctl: left as the caller set them.
TESTSCHAKELAARS = ("AMCTL_README_BIJWERKEN", "AMCTL_HANDLEIDING_BIJWERKEN")
VASTE_OMGEVING = {
    "COLUMNS": "80",  # without it rich and shutil ask the terminal pytest runs in
    "LINES": "24",
    "TZ": "UTC",
    "LANG": "C.UTF-8",
}
WEG_UIT_DE_OMGEVING = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
    "LANGUAGE",
    "XDG_CACHE_HOME",
    "CI",  # amctl never wraps problem lines when CI is set: a test that wants that sets it
    # set when the suite runs inside a git hook: git in a test would act on this repository
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
)


def _vaste_omgeving() -> None:
    for naam in list(os.environ):
        if naam.startswith(("LC_", "AMCTL_", "_AMCTL_")) and naam not in TESTSCHAKELAARS:
            del os.environ[naam]
    for naam in WEG_UIT_DE_OMGEVING:
        os.environ.pop(naam, None)
    os.environ.update(VASTE_OMGEVING)
    time.tzset()


_vaste_omgeving()
# --- end of the environment -------------------------------------------------------------------

GEDEELD_BESTAND = Path(__file__).resolve().parents[1] / "data" / "organisatie.yaml"

# The seven gemeenten of the shipped file, by id, in sorted order (test data shared by modules:
# `from conftest import GEMEENTEN`).
GEMEENTEN = [
    "aalsmeer",
    "amstelveen",
    "de-ronde-venen",
    "diemen",
    "haarlemmermeer",
    "ouder-amstel",
    "uithoorn",
]


@pytest.fixture
def gedeeld_bestand() -> Path:
    """The shipped data/organisatie.yaml of this checkout."""
    return GEDEELD_BESTAND


@pytest.fixture
def gedeeld(tmp_path: Path, gedeeld_bestand: Path) -> Path:
    """A copy of the shipped data/organisatie.yaml in tmp_path, for a test that edits it."""
    return Path(shutil.copy(gedeeld_bestand, tmp_path / "organisatie.yaml"))


@pytest.fixture
def geen_omgevingsbestand(monkeypatch: pytest.MonkeyPatch) -> None:
    """No AMCTL_BESTAND from the environment of whoever runs the tests. A test module asks for
    it with `pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")`."""
    from amctl.bestand import OMGEVINGSVARIABELE

    monkeypatch.delenv(OMGEVINGSVARIABELE, raising=False)


def amctl(runner: CliRunner, pad: Path, *argumenten: str):
    """`amctl ARGUMENTEN -f PAD`, in this process (`from conftest import amctl`)."""
    from amctl.cli import app

    return runner.invoke(app, [*argumenten, "-f", str(pad)])


@pytest.fixture
def schrijf(tmp_path: Path) -> Callable[..., Path]:
    """Write text (UTF-8, as given: no newline translation) or bytes to a file in tmp_path."""

    def schrijf_bestand(inhoud: str | bytes, naam: str = "organisatie.yaml") -> Path:
        pad = tmp_path / naam
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_bytes(inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud)
        return pad

    return schrijf_bestand


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True, scope="session")
def _model_cache_buiten_de_thuismap(tmp_path_factory: pytest.TempPathFactory):
    """Queries cache validated models (amctl.cache); in tests that cache lives in a temporary
    folder, never in the user's ~/.cache. It stays on, so every test exercises it."""
    vorige = os.environ.get("AMCTL_CACHE_MAP")
    os.environ["AMCTL_CACHE_MAP"] = str(tmp_path_factory.mktemp("amctl-cache"))
    yield
    if vorige is None:
        del os.environ["AMCTL_CACHE_MAP"]
    else:
        os.environ["AMCTL_CACHE_MAP"] = vorige


# --- Hypothesis profiles (issue 5, hostile input) -------------------------------------------
# 'ci' is the default: a fixed seed and a modest number of examples, no example database in
# the repository. HYPOTHESIS_PROFILE=lang runs 10,000 examples per property, locally.

from hypothesis import HealthCheck, settings  # noqa: E402

_GEDEELDE_INSTELLINGEN = {
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", derandomize=True, max_examples=100, **_GEDEELDE_INSTELLINGEN)
settings.register_profile("lang", max_examples=10_000, **_GEDEELDE_INSTELLINGEN)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
# --- end of the Hypothesis profiles -----------------------------------------------------------
