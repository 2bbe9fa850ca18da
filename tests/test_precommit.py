"""The pre-commit hook works as the README documents it, for a data repository that uses amctl.

Both ways are tried on a temporary git repository with a good and a broken data file:
`pre-commit try-repo` against this repository, and the README's own `.pre-commit-config.yaml`
snippet with its placeholders filled in (this repository's path and its current commit).
pre-commit installs amctl from this repository into its own environment, as it would for a user.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
GOED = (ROOT / "data" / "organisatie.yaml").read_text(encoding="utf-8")
KAPOT = GOED.replace("versie: 1\n", "versie: 1\nonbekende-sectie: ja\n", 1)


def _git(map_: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=map_, check=True, capture_output=True, text=True
    ).stdout.strip()


def _commit_van_deze_repository() -> str:
    """The commit pre-commit will check out: uncommitted changes are not part of it."""
    if _git(ROOT, "status", "--porcelain", "--untracked-files=no", "--", "amctl", "pyproject.toml"):
        pytest.fail(
            "amctl/ of pyproject.toml heeft niet-gecommitte wijzigingen; pre-commit gebruikt de "
            "laatste commit, commit eerst."
        )
    return _git(ROOT, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One pre-commit home for the module, so amctl is installed once per way of using it."""
    thuis = tmp_path_factory.mktemp("pre-commit-thuis")
    return {**os.environ, "PRE_COMMIT_HOME": str(thuis), "PRE_COMMIT_COLOR": "never"}


def _gegevensrepository(map_: Path, inhoud: str) -> Path:
    (map_ / "data").mkdir(parents=True)
    (map_ / "data" / "organisatie.yaml").write_text(inhoud, encoding="utf-8")
    _git(map_, "init", "-q")
    _git(map_, "add", "data/organisatie.yaml")
    return map_


def _readme_config() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    gevonden = re.search(r"```yaml\n(repos:\n.*?)```", readme, re.S)
    assert gevonden, "De README mist het .pre-commit-config.yaml-voorbeeld."
    return gevonden.group(1)


def _vul_in(config: str, repo: Path, rev: str) -> str:
    ingevuld = re.sub(r"(- repo: )\S+.*", rf"\g<1>{repo}", config)
    return re.sub(r"(rev: )\S+.*", rf"\g<1>{rev}", ingevuld)


@pytest.mark.parametrize(("inhoud", "exitcode"), [(GOED, 0), (KAPOT, 1)], ids=["goed", "kapot"])
def test_try_repo_controleert_het_gegevensbestand(tmp_path, omgeving, inhoud, exitcode):
    _commit_van_deze_repository()
    repo = _gegevensrepository(tmp_path / "gegevens", inhoud)

    proces = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "amctl-validate", "--all-files"],
        cwd=repo,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=600,
    )

    uitvoer = proces.stdout + proces.stderr
    assert proces.returncode == exitcode, uitvoer
    if exitcode:
        assert "data/organisatie.yaml:" in uitvoer
        assert "AM103" in uitvoer  # unknown key, with file, line and column
    else:
        assert re.search(r"amctl validate\.+Passed", uitvoer), uitvoer


def test_readme_voorbeeld_werkt_in_een_gegevensrepository(tmp_path, omgeving):
    rev = _commit_van_deze_repository()
    repo = _gegevensrepository(tmp_path / "gegevens", KAPOT)
    config = _vul_in(_readme_config(), ROOT, rev)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")

    def draai() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "run", "--all-files"],
            cwd=repo,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=600,
        )

    kapot = draai()
    assert kapot.returncode == 1, kapot.stdout + kapot.stderr
    assert "AM103" in kapot.stdout

    shutil.copyfile(ROOT / "data" / "organisatie.yaml", repo / "data" / "organisatie.yaml")
    goed = draai()
    assert goed.returncode == 0, goed.stdout + goed.stderr
