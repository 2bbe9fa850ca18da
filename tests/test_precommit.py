"""The pre-commit hook works as the README documents it, for a data repository that uses amctl.

Both ways are tried on a temporary git repository with a good and a broken data file:
`pre-commit try-repo` against this repository, and the README's own `.pre-commit-config.yaml`
snippet with its placeholders filled in (a repository's path and commit). Both use this
repository's work tree as it is, uncommitted changes included, committed into a scratch
repository (the fixture `deze_repository`).
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


@pytest.fixture(scope="module")
def deze_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository's work tree as it is now, committed into a scratch repository of its
    own: pre-commit checks out a commit, and uncommitted changes (work in progress) are part of
    what is tested, without touching this repository's history. Returns its path and commit."""
    kopie = tmp_path_factory.mktemp("amctl-repository")
    bestanden = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for naam in bestanden.split("\0"):
        if naam and (ROOT / naam).is_file():  # a tracked file deleted in the work tree: gone
            (kopie / naam).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / naam, kopie / naam)
    _git(kopie, "init", "-q")
    _git(kopie, "add", "-A")
    _git(
        kopie,
        *("-c", "user.name=amctl-tests", "-c", "user.email=tests@amctl.invalid"),
        *("-c", "commit.gpgsign=false"),
        *("commit", "-q", "--no-verify", "-m", "de werkboom"),
    )
    return kopie, _git(kopie, "rev-parse", "HEAD")


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
def test_try_repo_controleert_het_gegevensbestand(
    tmp_path, omgeving, deze_repository, inhoud, exitcode
):
    kopie, _ = deze_repository
    repo = _gegevensrepository(tmp_path / "gegevens", inhoud)

    proces = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(kopie), "amctl-validate", "--all-files"],
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


def test_readme_voorbeeld_werkt_in_een_gegevensrepository(tmp_path, omgeving, deze_repository):
    kopie, rev = deze_repository
    repo = _gegevensrepository(tmp_path / "gegevens", KAPOT)
    config = _vul_in(_readme_config(), kopie, rev)
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
