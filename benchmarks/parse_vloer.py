"""The parse floor: Python plus PyYAML's libyaml loader reading the file, nothing else.

    python benchmarks/parse_vloer.py BESTAND

`amctl validate` cannot well be faster than parsing the YAML the usual way.
"""

from __future__ import annotations

import sys

import yaml


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main()
