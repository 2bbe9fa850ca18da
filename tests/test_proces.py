"""amctl as a real process: it ends as soon as its output is out (amctl.cli.main skips the
tidying up at exit), so what matters is that everything written arrives and that the exit
status is the command's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "organisatie.yaml"


def amctl(*argumenten: str, cachemap: Path) -> subprocess.CompletedProcess:
    omgeving = {**os.environ, "AMCTL_CACHE_MAP": str(cachemap), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "amctl", *argumenten],
        capture_output=True,
        text=True,
        env=omgeving,
        check=False,
    )


@pytest.mark.parametrize("keer", ["eerste", "tweede"])
def test_all_output_arrives_and_the_exit_status_is_the_commands(tmp_path, keer):
    """The first run fills the cache, the second answers from it; both end the same way."""
    cachemap = tmp_path / "cache"
    kapot = tmp_path / "kapot.yaml"
    kapot.write_text(SHIPPED.read_text(encoding="utf-8").replace("soort: bestuur", "soort: x"))
    for _ in range(2 if keer == "tweede" else 1):
        boom = amctl("tree", "-f", str(SHIPPED), cachemap=cachemap)
        ongeldig = amctl("validate", "-f", str(kapot), cachemap=cachemap)
        fout_gebruik = amctl("wie-zit-in", "bestaat-niet", "-f", str(SHIPPED), cachemap=cachemap)
    assert boom.returncode == 0
    assert boom.stdout.count("\n") > 20 and "Amstelland-Meerlanden Overleg" in boom.stdout
    assert ongeldig.returncode == 1
    assert "AM201" in ongeldig.stdout and "Ongeldig" in ongeldig.stdout
    assert fout_gebruik.returncode == 2
    assert fout_gebruik.stderr.startswith("amctl: Onbekend orgaan 'bestaat-niet'")


def test_a_reader_that_leaves_early_is_no_error(tmp_path):
    """`amctl tree | head` on a file whose tree is far more than a pipe holds."""
    sys.path.insert(0, str(SHIPPED.parents[1] / "benchmarks"))
    try:
        import genereer
    finally:
        sys.path.pop(0)
    groot = genereer.genereer("M", 1, tmp_path)
    omgeving = {**os.environ, "AMCTL_CACHE_MAP": str(tmp_path / "cache")}
    uit = subprocess.run(
        f"'{sys.executable}' -m amctl tree -f '{groot}' | head -n 1; "
        'echo "status ${PIPESTATUS[0]}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=omgeving,
        check=False,
    )
    assert uit.stdout.splitlines()[-1] == "status 0"
    assert "Traceback" not in uit.stderr and uit.stderr == ""
