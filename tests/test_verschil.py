"""`amctl diff`: governance-level differences between two versions, from files or git.

The known pair: tests/fixtures/verschil/voor.yaml and na.yaml (fictional people)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from amctl import verschil
from amctl.cli import app
from amctl.controle import controleer_tekst, geldig_model
from amctl.weergave import verschil as verschilweergave

MAP = Path(__file__).parent / "fixtures" / "verschil"
VOOR, NA = MAP / "voor.yaml", MAP / "na.yaml"


pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")


@pytest.fixture(scope="module")
def wijzigingen() -> list[verschil.Wijziging]:
    return verschil.verschil(geldig_model(VOOR), geldig_model(NA))


def git(map_: Path, *argumenten: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *argumenten],
        cwd=map_,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository with voor.yaml committed as data/organisatie.yaml, na.yaml in the
    working copy; the current directory is its root."""
    (tmp_path / "data").mkdir()
    shutil.copy(VOOR, tmp_path / "data" / "organisatie.yaml")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "voor")
    shutil.copy(NA, tmp_path / "data" / "organisatie.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


VERWACHTE_TEKST = """\
Bestuurlijke verschillen: voor.yaml -> na.yaml

Bezetting van functies
  burgemeester van Diemen: Fictief Burgemeester A -> Fictief Burgemeester B per 2026-04-01
    zit ambtshalve in: Bestuursgroep
  burgemeester van Aalsmeer: Fictief Burgemeester C stopt per 2026-01-01 (laatste dag 2025-12-31)
    zit ambtshalve in: Bestuursgroep

Leden bij naam
  Raadsplatform, raadslid van Diemen: Fictief Raadslid 1 -> Fictief Raadslid 2 per 2026-04-01

Personen
  Fictief Burgemeester B (fictief-b): toegevoegd

Organen
  Bestuursgroep: samenstelling: + raadslid van Diemen (1 per gemeente, bij naam, rol toehoorder)
  Bestuursgroep: voorzitter: burgemeester van Aalsmeer -> roulerend
  Werkoverleg: status: actief -> actief (t/m 2026-03-31); opgeheven (vanaf 2026-04-01)
  Klankbordgroep: toegevoegd
  Oud overleg: verwijderd
"""


def test_the_known_pair_gives_exactly_these_changes_as_text(wijzigingen):
    assert verschilweergave.als_tekst(wijzigingen, "voor.yaml", "na.yaml") == VERWACHTE_TEKST


def test_the_known_pair_gives_exactly_these_changes_as_json(wijzigingen):
    gegevens = json.loads(verschilweergave.als_json(wijzigingen, "voor.yaml", "na.yaml"))

    assert gegevens["oud"] == "voor.yaml" and gegevens["nieuw"] == "na.yaml"
    assert gegevens["wijzigingen"] == [
        {
            "categorie": "bezetting",
            "onderwerp": "burgemeester/diemen",
            "naam": "burgemeester van Diemen",
            "soort": "opvolging",
            "tekst": "Fictief Burgemeester A -> Fictief Burgemeester B per 2026-04-01",
            "functie": "burgemeester",
            "gemeente": "diemen",
            "ambtshalve_in": ["Bestuursgroep"],
            "persoon": "fictief-b",
            "persoon_naam": "Fictief Burgemeester B",
            "waarnemend": False,
            "vorige": "fictief-a",
            "vorige_naam": "Fictief Burgemeester A",
            "per": "2026-04-01",
        },
        {
            "categorie": "bezetting",
            "onderwerp": "burgemeester/aalsmeer",
            "naam": "burgemeester van Aalsmeer",
            "soort": "einde",
            "tekst": "Fictief Burgemeester C stopt per 2026-01-01 (laatste dag 2025-12-31)",
            "functie": "burgemeester",
            "gemeente": "aalsmeer",
            "ambtshalve_in": ["Bestuursgroep"],
            "persoon": "fictief-c",
            "persoon_naam": "Fictief Burgemeester C",
            "waarnemend": False,
            "per": "2026-01-01",
            "laatste_dag": "2025-12-31",
        },
        {
            "categorie": "lidmaatschap",
            "onderwerp": "raadsplatform/raadslid/diemen",
            "naam": "Raadsplatform, raadslid van Diemen",
            "soort": "opvolging",
            "tekst": "Fictief Raadslid 1 -> Fictief Raadslid 2 per 2026-04-01",
            "orgaan": "raadsplatform",
            "functie": "raadslid",
            "gemeente": "diemen",
            "persoon": "fictief-r2",
            "persoon_naam": "Fictief Raadslid 2",
            "vorige": "fictief-r1",
            "vorige_naam": "Fictief Raadslid 1",
            "per": "2026-04-01",
        },
        {
            "categorie": "persoon",
            "onderwerp": "fictief-b",
            "naam": "Fictief Burgemeester B (fictief-b)",
            "soort": "toegevoegd",
            "tekst": "toegevoegd",
        },
        {
            "categorie": "orgaan",
            "onderwerp": "bestuursgroep",
            "naam": "Bestuursgroep",
            "soort": "gewijzigd",
            "tekst": "samenstelling: + raadslid van Diemen (1 per gemeente, bij naam, rol "
            "toehoorder)",
            "kenmerk": "samenstelling",
            "toegevoegd": "raadslid van Diemen (1 per gemeente, bij naam, rol toehoorder)",
        },
        {
            "categorie": "orgaan",
            "onderwerp": "bestuursgroep",
            "naam": "Bestuursgroep",
            "soort": "gewijzigd",
            "tekst": "voorzitter: burgemeester van Aalsmeer -> roulerend",
            "kenmerk": "voorzitter",
            "oud": "burgemeester van Aalsmeer",
            "nieuw": "roulerend",
        },
        {
            "categorie": "orgaan",
            "onderwerp": "werkoverleg",
            "naam": "Werkoverleg",
            "soort": "gewijzigd",
            "tekst": "status: actief -> actief (t/m 2026-03-31); opgeheven (vanaf 2026-04-01)",
            "kenmerk": "status",
            "oud": "actief",
            "nieuw": "actief (t/m 2026-03-31); opgeheven (vanaf 2026-04-01)",
        },
        {
            "categorie": "orgaan",
            "onderwerp": "klankbordgroep",
            "naam": "Klankbordgroep",
            "soort": "toegevoegd",
            "tekst": "toegevoegd",
        },
        {
            "categorie": "orgaan",
            "onderwerp": "oud-overleg",
            "naam": "Oud overleg",
            "soort": "verwijderd",
            "tekst": "verwijderd",
        },
    ]


def test_the_reverse_direction_reads_as_the_reverse_changes():
    terug = verschil.verschil(geldig_model(NA), geldig_model(VOOR))

    regels = {(w.naam, w.tekst) for w in terug}
    assert (
        "burgemeester van Diemen",
        "Fictief Burgemeester B verwijderd (vanaf 2026-04-01)",
    ) in regels
    assert (
        "burgemeester van Diemen",
        "Fictief Burgemeester A: 2015-01-01 t/m 2026-03-31 -> vanaf 2015-01-01",
    ) in regels
    assert ("Fictief Burgemeester B (fictief-b)", "verwijderd") in regels


def test_a_version_compared_with_itself_has_no_differences():
    org = geldig_model(NA)

    assert verschil.verschil(org, org) == []
    assert verschilweergave.als_tekst([], "a", "b").endswith("\nGeen verschillen.\n")


def test_markdown_is_a_table_per_category_for_a_pull_request(wijzigingen):
    markdown = verschilweergave.als_markdown(
        wijzigingen, "HEAD~1:data/organisatie.yaml", "werkkopie"
    )

    assert markdown.startswith("### Bestuurlijke wijzigingen: HEAD~1:data/organisatie.yaml -&gt;")
    assert "#### Bezetting van functies\n\n| Onderwerp | Wijziging |\n| --- | --- |\n" in markdown
    assert (
        "| burgemeester van Diemen | Fictief Burgemeester A -&gt; Fictief Burgemeester B per "
        "2026-04-01<br>zit ambtshalve in: Bestuursgroep |"
    ) in markdown


def test_markdown_cells_escape_pipes_markup_html_and_line_ends():
    cel = verschilweergave.md_cel("A | B *vet* <script>x</script> [link](u) `c`\nnieuw")

    assert cel == (
        "A \\| B \\*vet\\* &lt;script&gt;x&lt;/script&gt; \\[link\\](u) \\`c\\`<br>nieuw"
    )
    assert "|" not in cel.replace("\\|", "")


# --- the command: files, revisions, errors ------------------------------------------------


def test_diff_of_two_files_prints_the_text(runner, monkeypatch):
    monkeypatch.chdir(MAP)

    resultaat = runner.invoke(app, ["diff", "voor.yaml", "na.yaml", "-f", "na.yaml"])

    assert resultaat.exit_code == 0, resultaat.output
    assert resultaat.stdout == VERWACHTE_TEKST


def test_diff_against_a_revision_reads_the_file_from_git(runner, repo):
    resultaat = runner.invoke(app, ["diff", "HEAD", "-f", "data/organisatie.yaml"])

    assert resultaat.exit_code == 0, resultaat.output
    verwacht = VERWACHTE_TEKST.replace(
        "voor.yaml -> na.yaml", "HEAD:data/organisatie.yaml -> data/organisatie.yaml"
    )
    assert resultaat.stdout == verwacht


def test_diff_of_two_revisions_with_json(runner, repo):
    git(repo, "commit", "-q", "-am", "na")

    resultaat = runner.invoke(
        app, ["diff", "HEAD~1", "HEAD", "--formaat", "json", "-f", "data/organisatie.yaml"]
    )

    assert resultaat.exit_code == 0, resultaat.output
    gegevens = json.loads(resultaat.stdout)
    assert (gegevens["oud"], gegevens["nieuw"]) == (
        "HEAD~1:data/organisatie.yaml",
        "HEAD:data/organisatie.yaml",
    )
    assert len(gegevens["wijzigingen"]) == 9


def test_the_path_in_the_revision_is_relative_to_the_repository_root(runner, repo, monkeypatch):
    monkeypatch.chdir(repo / "data")

    resultaat = runner.invoke(app, ["diff", "HEAD", "-f", "organisatie.yaml"])

    assert resultaat.exit_code == 0, resultaat.output
    assert resultaat.stdout.startswith(
        "Bestuurlijke verschillen: HEAD:data/organisatie.yaml -> organisatie.yaml\n"
    )


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["HEAD~5"], "'HEAD~5' is geen bestand en geen bekende git-revisie"),
        (["ontbreekt.yaml"], "'ontbreekt.yaml' is geen bestand en geen bekende git-revisie"),
        (["HEAD:anders.yaml"], "'anders.yaml' bestaat niet in revisie 'HEAD'"),
        (["--formaat", "html", "HEAD"], "html"),
    ],
)
def test_an_unknown_revision_or_missing_file_is_wrong_use(runner, repo, argumenten, melding):
    resultaat = runner.invoke(app, ["diff", *argumenten, "-f", "data/organisatie.yaml"])

    assert resultaat.exit_code == 2
    assert melding in resultaat.stderr


def test_a_path_named_with_the_revision_is_looked_up_in_the_data_files_repository(
    runner, repo, tmp_path_factory, monkeypatch
):
    """REV:PAD reads from the repository that holds the data file, which need not be the one
    the user is in: the message says which one amctl looked in."""
    elders = tmp_path_factory.mktemp("elders")
    git(elders, "init", "-q")
    monkeypatch.chdir(elders)
    gegevens = repo / "data" / "organisatie.yaml"

    resultaat = runner.invoke(app, ["verschil", "HEAD:anders.yaml", "-f", str(gegevens)])

    assert resultaat.exit_code == 2
    assert f"in revisie 'HEAD' van de git-repository in '{repo}'" in resultaat.stderr


def test_a_file_not_yet_committed_is_named_in_dutch_without_gits_words(runner, repo):
    shutil.copy(NA, repo / "data" / "nieuw.yaml")

    resultaat = runner.invoke(app, ["verschil", "HEAD", "-f", "data/nieuw.yaml"])

    assert resultaat.exit_code == 2
    assert resultaat.stderr == (
        "amctl: 'data/nieuw.yaml' bestaat niet in revisie 'HEAD': het staat wel op schijf, "
        "maar is daar nog niet vastgelegd (gecommit); kies een latere revisie of vergelijk twee "
        "bestanden.\n"
    )


def test_a_revision_outside_a_git_repository_is_wrong_use(runner, tmp_path):
    pad = Path(shutil.copy(NA, tmp_path / "organisatie.yaml"))

    resultaat = runner.invoke(app, ["diff", "HEAD", "-f", str(pad)])

    assert resultaat.exit_code == 2
    assert "staat niet in een git-repository" in resultaat.stderr


def test_an_invalid_side_is_refused_with_its_problems(runner, tmp_path):
    kapot = tmp_path / "kapot.yaml"
    kapot.write_text(
        VOOR.read_text().replace("    soort: overleg\n    status", "    sort: overleg\n    status")
    )

    resultaat = runner.invoke(app, ["diff", str(kapot), str(NA), "-f", str(NA)])

    assert resultaat.exit_code == 1
    assert (
        f"{kapot}:" in resultaat.stderr
        and "AM103 [fout] Onbekende sleutel 'sort'" in resultaat.stderr
    )
    assert "amctl vergelijkt alleen geldige versies" in resultaat.stderr
    assert resultaat.stdout == ""


# --- no silent diff: every other change, by key path ----------------------------------------

VERGADERINGEN = Path(__file__).parent / "fixtures" / "vergaderingen.yaml"
NIEUWE_VERGADERING = "      - {datum: 2027-03-11, gemeente: aalsmeer}\n"
LAATSTE_VERGADERING = (
    "      - {datum: 2026-10-08, gemeente: diemen, thema: Samen inkopen voor de jeugdzorg, "
    "bron: fictieve-verslagen}\n"
)


@pytest.mark.parametrize(
    ("oud", "nieuw", "regel"),
    [
        (
            LAATSTE_VERGADERING,
            LAATSTE_VERGADERING + NIEUWE_VERGADERING,
            "organen.plenair-overleg.vergaderingen[4]: (geen) -> "
            "{datum: 2027-03-11, gemeente: aalsmeer}",
        ),
        (
            "      - elkaar ontmoeten\n",
            "      - elkaar ontmoeten\n      - samen eten\n",
            "organen.plenair-overleg.taken[1]: (geen) -> samen eten",
        ),
        (
            "    secretariaat: Hoofddorp\n",
            "    secretariaat: Amstelveen\n",
            "organen.am-overleg.secretariaat: Hoofddorp -> Amstelveen",
        ),
        (
            "        termijn: 12\n",
            "        termijn: 24\n",
            "organen.secretarissenoverleg.voorzitter[0].termijn: 12 -> 24",
        ),
        (
            "    provincie: Utrecht\n",
            "    provincie: Noord-Holland\n",
            "gemeenten.de-ronde-venen.provincie: Utrecht -> Noord-Holland",
        ),
        (
            "    url: https://www.vervoerregio.nl/\n",
            "    url: https://www.vervoerregio.nl/mra\n",
            "bronnen.vervoerregio-mra-2016.url: https://www.vervoerregio.nl/ -> "
            "https://www.vervoerregio.nl/mra",
        ),
    ],
    ids=["vergadering", "taak", "secretariaat", "termijn", "provincie", "bron"],
)
def test_every_other_change_is_listed_with_its_key_path(runner, schrijf, oud, nieuw, regel):
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    assert tekst.count(oud) == 1
    a, b = schrijf(tekst, "a.yaml"), schrijf(tekst.replace(oud, nieuw), "b.yaml")

    uit = {
        formaat: runner.invoke(app, ["diff", str(a), str(b), "--formaat", formaat])
        for formaat in ("tekst", "json", "markdown")
    }

    assert {u.exit_code for u in uit.values()} == {0}
    assert uit["tekst"].stdout.splitlines()[1:] == [
        "Geen bestuurlijke verschillen.",
        "",
        "Overige wijzigingen",
        f"  {regel}",
    ]
    pad, _, waarden = regel.partition(": ")
    (wijziging,) = json.loads(uit["json"].stdout)["wijzigingen"]
    assert (wijziging["categorie"], wijziging["pad"], wijziging["tekst"]) == (
        "overig",
        pad,
        waarden,
    )
    assert "#### Overige wijzigingen" in uit["markdown"].stdout
    assert (
        f"| {verschilweergave.md_cel(pad)} | {verschilweergave.md_cel(waarden)} |"
        in uit["markdown"].stdout
    )


def test_json_gives_the_old_and_new_value_as_data(runner, schrijf):
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    a = schrijf(tekst, "a.yaml")
    b = schrijf(tekst.replace("        termijn: 12\n", "        termijn: 24\n"), "b.yaml")

    resultaat = runner.invoke(app, ["diff", str(a), str(b), "--formaat", "json"])

    (wijziging,) = json.loads(resultaat.stdout)["wijzigingen"]
    assert (wijziging["soort"], wijziging["oud"], wijziging["nieuw"]) == ("gewijzigd", 12, 24)


def test_a_governance_change_is_not_listed_again_under_overige(wijzigingen):
    overige = [w for w in wijzigingen if w.categorie == "overig"]

    assert [w.onderwerp for w in overige] == []


def test_sources_and_explanations_of_a_governance_fact_are_other_changes(schrijf):
    tekst = NA.read_text(encoding="utf-8")
    oud = "      - {functie: burgemeester, gemeente: diemen, vanaf: 2026-04-01}\n"
    assert tekst.count(oud) == 1
    nieuw = oud.replace("}", ", toelichting: Fictief besluit}")
    b = schrijf(tekst.replace(oud, nieuw), "b.yaml")

    gevonden = verschil.verschil(geldig_model(NA), geldig_model(b))

    assert [(w.categorie, w.onderwerp, w.tekst) for w in gevonden] == [
        ("overig", "personen.fictief-b.functies[0].toelichting", "(geen) -> Fictief besluit")
    ]


def test_only_equal_data_says_geen_verschillen(runner, schrijf):
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    a = schrijf(tekst, "a.yaml")
    b = schrijf(
        "# alleen commentaar erbij\n" + tekst.replace("per-jaar: 2", "per-jaar:  2"), "b.yaml"
    )

    resultaat = runner.invoke(app, ["diff", str(a), str(b)])

    assert resultaat.stdout.splitlines()[1:] == ["Geen verschillen."]


TEKSTVELD = re.compile(
    r"^(?P<kop>\s+(?:naam|titel|omschrijving|toelichting|thema|plaats|secretariaat|rechtsvorm"
    r"|provincie|onderwerp|verwerking): )(?P<waarde>[^>|\n].*)$",
    re.M,
)


def test_a_change_of_any_text_in_the_file_is_never_silent():
    """Every text value of the fixture, changed on its own, shows up in the diff."""
    tekst = VERGADERINGEN.read_text(encoding="utf-8")
    oud = geldig_model(VERGADERINGEN)
    velden = list(TEKSTVELD.finditer(tekst))
    assert len(velden) > 50

    stil = []
    for veld in velden:
        waarde = veld["waarde"]
        nieuw = f'"{waarde.strip(chr(34))} (gewijzigd)"'
        gewijzigd = tekst[: veld.start("waarde")] + nieuw + tekst[veld.end("waarde") :]
        uitslag = controleer_tekst(gewijzigd, "gewijzigd.yaml")
        assert not uitslag.fouten, (veld.group(0), uitslag.fouten[:1])
        if not verschil.verschil(oud, uitslag.organisatie):
            stil.append(veld.group(0).strip())

    assert stil == []


def test_a_portefeuille_of_a_composition_rule_is_governance_only(gedeeld_bestand, schrijf):
    tekst = gedeeld_bestand.read_text(encoding="utf-8")
    oud = "        portefeuille: wonen\n"
    assert tekst.count(oud) == 1
    b = schrijf(tekst.replace(oud, "        portefeuille: economie\n"))

    gevonden = verschil.verschil(geldig_model(gedeeld_bestand), geldig_model(b))

    assert {w.categorie for w in gevonden} == {"orgaan"}
    assert [w.tekst for w in gevonden] == [
        "samenstelling: - wethouder (portefeuille wonen, rol portefeuillehouder)",
        "samenstelling: + wethouder (portefeuille economie, rol portefeuillehouder)",
    ]


def test_a_wethouders_portefeuille_change_is_never_silent(schrijf):
    tekst = (
        "versie: 1\n"
        "gemeenten:\n  diemen:\n    naam: Diemen\n"
        "functies:\n  wethouder:\n    naam: wethouder\n    per-gemeente: true\n"
        "portefeuilles:\n  wonen:\n    naam: Wonen\n  economie:\n    naam: Economie\n"
        "personen:\n  fictief-w:\n    naam: Fictief Wethouder\n    functies:\n"
        "      - {functie: wethouder, gemeente: diemen, vanaf: 2022-06-01, "
        "portefeuilles: [wonen]}\n"
    )
    a = schrijf(tekst, "a.yaml")
    b = schrijf(tekst.replace("[wonen]", "[economie]"), "b.yaml")

    gevonden = verschil.verschil(geldig_model(a), geldig_model(b))

    assert [(w.onderwerp, w.tekst) for w in gevonden] == [
        ("wonen/diemen", "Fictief Wethouder verwijderd (vanaf 2022-06-01)"),
        ("economie/diemen", "Fictief Wethouder begint per 2022-06-01"),
    ]
