"""Fixtures shared by more than one test file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

GEDEELD_BESTAND = Path(__file__).resolve().parents[1] / "data" / "organisatie.yaml"


@pytest.fixture
def gedeeld_bestand() -> Path:
    """The shipped data/organisatie.yaml of this checkout."""
    return GEDEELD_BESTAND


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
