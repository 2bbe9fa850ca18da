"""One edit for the benchmark: a new burgemeester of GEMEENTE in a fresh copy of the file.

    python benchmarks/bewerk.py AMCTL MAAT GEMEENTE

Copies benchmarks/uit/MAAT.yaml to MAAT-bewerkt.yaml and runs `amctl benoem` on the copy, each
run with a day of its own (a counter next to the copy), so that every run writes new bytes
and the question measured right after it (benchmarks/run.py) is the first about them. The copy
and this script's start cost about 30 ms, included in the figure.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

UIT = Path(__file__).resolve().parent / "uit"


def main() -> None:
    amctl, maat, gemeente = sys.argv[1:4]
    kopie = UIT / f"{maat}-bewerkt.yaml"
    teller = UIT / f"{maat}-bewerkt.teller"
    n = int(teller.read_text()) + 1 if teller.exists() else 0
    teller.write_text(str(n))
    shutil.copyfile(UIT / f"{maat}.yaml", kopie)
    dag = date(2027, 1, 1) + timedelta(days=n % 3000)
    argv = [amctl, "benoem", "Fictief Nieuw Persoon", "burgemeester", "-g", gemeente]
    os.execv(amctl, [*argv, "-D", dag.isoformat(), "-f", str(kopie)])


if __name__ == "__main__":
    main()
