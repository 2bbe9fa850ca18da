"""Every input of the public YAML test suite is answered with a message and exit status 1.

None of the cases is a governance file: some are invalid YAML, others use features a governance
file has no use for (anchors, tags, complex keys, several documents). Whatever the input,
`amctl validate` must name the file and exit 1: never a traceback, a hang or a crash.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from amctl.cli import app

CORPUS = Path(__file__).resolve().parent / "vendor" / "yaml-test-suite" / "cases"
ONTBREEKT = f"Het YAML-testcorpus ontbreekt: verwacht in.yaml-bestanden onder {CORPUS}"


def corpus_bestanden() -> list[Path]:
    return sorted(CORPUS.glob("*/in.yaml")) if CORPUS.is_dir() else []


BESTANDEN = corpus_bestanden()


def test_corpus_is_present():
    assert BESTANDEN, ONTBREEKT


def test_whole_corpus_in_one_validate_run_exits_1_naming_every_file():
    assert BESTANDEN, ONTBREEKT

    proces = subprocess.run(
        [sys.executable, "-m", "amctl", "validate", *map(str, BESTANDEN)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert proces.returncode == 1, proces.stderr
    assert "Traceback" not in proces.stdout + proces.stderr
    genoemd = {regel.split(":", 1)[0] for regel in proces.stdout.splitlines()}
    assert {str(pad) for pad in BESTANDEN} <= genoemd
    assert f"in {len(BESTANDEN)} bestanden" in proces.stdout


@pytest.mark.parametrize(
    "pad",
    BESTANDEN or [pytest.param(None, id="corpus-ontbreekt")],
    ids=lambda pad: pad.parent.name if isinstance(pad, Path) else str(pad),
)
def test_corpus_case_exits_1_naming_the_file(runner, pad):
    assert pad is not None, ONTBREEKT

    resultaat = runner.invoke(app, ["validate", str(pad)])

    assert resultaat.exception is None or isinstance(resultaat.exception, SystemExit)
    assert resultaat.exit_code == 1, resultaat.output
    assert f"{pad}:" in resultaat.stdout
    assert "Traceback" not in resultaat.output
