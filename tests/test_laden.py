"""The loader: YAML text -> Map/Lijst with positions, or one LaadFout with a code."""

from __future__ import annotations

import json

import pytest
import yaml

import amctl.laden
from amctl.controle import Uitslag, controleer_bestand, controleer_tekst
from amctl.laden import Lijst, Map, laad_tekst
from amctl.probleem import Plek


def enige_probleem(uitslag: Uitslag):
    assert len(uitslag.problemen) == 1, uitslag.problemen
    return uitslag.problemen[0]


# --- nothing from the file ever runs --------------------------------------------------------


def _os_system_payloads(marker) -> dict[str, str]:
    opdracht = json.dumps(f"touch {marker}")
    return {
        "sequence": f"versie: 1\nx: !!python/object/apply:os.system [{opdracht}]\n",
        "mapping": f"versie: 1\nx: !!python/object/apply:os.system\n  args: [{opdracht}]\n",
        "top level": f"!!python/object/apply:os.system [{opdracht}]\n",
    }


def test_python_tag_payload_runs_under_an_unsafe_loader(tmp_path):
    # Guards the tests below: the payload is real, so "the file was not made" means something.
    marker = tmp_path / "gemaakt"
    yaml.unsafe_load(_os_system_payloads(marker)["sequence"])
    assert marker.exists()


@pytest.mark.parametrize("vorm", ["sequence", "mapping", "top level"])
def test_python_object_tag_is_am006_and_nothing_runs(tmp_path, vorm):
    marker = tmp_path / "gemaakt"

    probleem = enige_probleem(controleer_tekst(_os_system_payloads(marker)[vorm]))

    assert probleem.code == "AM006"
    assert "python/object/apply:os.system" in probleem.melding
    assert not marker.exists()


def test_python_name_tag_on_a_scalar_is_am006():
    probleem = enige_probleem(controleer_tekst("versie: 1\nx: !!python/name:os.system\n"))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM006", 2, 4)


def test_local_tag_is_am006():
    probleem = enige_probleem(controleer_tekst("versie: 1\nx: !eigen waarde\n"))
    assert probleem.code == "AM006"
    assert "!eigen" in probleem.melding


def test_standard_str_tag_is_allowed():
    document = laad_tekst("versie: 1\nnaam: !!str 12\n", "t.yaml")
    assert document.data["naam"] == "12"


def test_the_libyaml_loader_is_the_one_used():
    """amctl requires libyaml (tests/test_cache.py runs it without: exit 2, one sentence)."""
    assert amctl.laden._Loader is yaml.CSafeLoader


# --- positions ------------------------------------------------------------------------------


def test_line_and_column_of_keys_and_values_are_kept():
    document = laad_tekst("versie: 1\ngemeenten:\n  diemen:\n    naam:   Diemen\n", "t.yaml")
    diemen = document.data["gemeenten"]["diemen"]

    assert isinstance(diemen, Map)
    assert diemen.sleutels["naam"] == Plek(4, 5)
    assert diemen.waarden["naam"] == Plek(4, 13)
    assert document.data.waarden["versie"] == Plek(1, 9)


def test_line_and_column_of_list_items_are_kept():
    document = laad_tekst("taken:\n  - een\n  -   twee\n", "t.yaml")
    taken = document.data["taken"]

    assert isinstance(taken, Lijst)
    assert taken == ["een", "twee"]
    assert taken.plekken == [Plek(2, 5), Plek(3, 7)]


def test_unquoted_iso_date_is_a_date_and_quoted_one_stays_text():
    document = laad_tekst("a: 2016-01-01\nb: '2016-01-01'\n", "t.yaml")
    assert document.data["a"].isoformat() == "2016-01-01"
    assert document.data["b"] == "2016-01-01"


# --- duplicate keys -------------------------------------------------------------------------


def test_duplicate_key_is_am005_at_the_duplicates_line():
    tekst = "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n  diemen:\n    naam: Diemen\n"

    probleem = enige_probleem(controleer_tekst(tekst))

    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM005", 5, 3)
    assert "diemen" in probleem.melding
    assert "regel 3" in probleem.melding


def test_duplicate_key_keeps_the_first_value():
    document = laad_tekst("naam: eerste\nnaam: tweede\n", "t.yaml")
    assert document.data["naam"] == "eerste"
    assert [p.code for p in document.problemen] == ["AM005"]


# --- encodings and line endings -------------------------------------------------------------


def test_utf8_bom_is_accepted(schrijf):
    pad = schrijf(b"\xef\xbb\xbfversie: 1\ngemeenten:\n  diemen:\n    naam: Di\xc3\xabmen\n")

    uitslag = controleer_bestand(pad)

    assert uitslag.problemen == []
    assert uitslag.organisatie.gemeenten["diemen"].naam == "Diëmen"


def test_utf8_bom_does_not_shift_columns(schrijf):
    pad = schrijf(b"\xef\xbb\xbfonbekend: 1\nversie: 1\n")
    probleem = enige_probleem(controleer_bestand(pad))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM103", 1, 1)


def test_crlf_line_endings_give_the_same_result_as_lf(schrijf):
    lf = "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n    cbs-code: GM0384\n"
    crlf = lf.replace("\n", "\r\n")

    uitslag_lf = controleer_bestand(schrijf(lf, "lf.yaml"))
    uitslag_crlf = controleer_bestand(schrijf(crlf, "crlf.yaml"))

    def zonder_bestand(uitslag):
        return [p[1:] for p in uitslag.problemen]

    assert [p.code for p in uitslag_lf.problemen] == ["AM103"]
    assert zonder_bestand(uitslag_crlf) == zonder_bestand(uitslag_lf)
    assert uitslag_crlf.organisatie.gemeenten == uitslag_lf.organisatie.gemeenten


def test_non_utf8_byte_is_am002_at_its_line_and_column(schrijf):
    pad = schrijf(b"versie: 1\ngemeenten:\n  diemen:\n    naam: Di\xebmen\n")

    probleem = enige_probleem(controleer_bestand(pad))

    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM002", 4, 13)
    assert "0xEB" in probleem.melding
    assert "UTF-8" in probleem.melding


def test_non_utf8_byte_column_counts_characters_not_bytes(schrijf):
    pad = schrijf(b'versie: 1\nnaam: "\xc3\xa9\xc3\xa9\xff"\n')  # naam: "\u00e9\u00e9<0xFF>"
    probleem = enige_probleem(controleer_bestand(pad))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM002", 2, 10)


# --- what is not a governance document ------------------------------------------------------


@pytest.mark.parametrize(
    "inhoud",
    [b"", b"# alleen commentaar\n# en nog meer\n", b"\n\n   \n"],
    ids=["leeg", "alleen commentaar", "alleen witruimte"],
)
def test_empty_or_comment_only_file_is_am001(schrijf, inhoud):
    probleem = enige_probleem(controleer_bestand(schrijf(inhoud)))
    assert probleem.code == "AM001"
    assert "leeg" in probleem.melding


@pytest.mark.parametrize(
    "tekst",
    ["- versie: 1\n", "[versie, 1]\n", "versie\n", "42\n", "'versie: 1'\n"],
    ids=["blok-lijst", "flow-lijst", "tekst", "getal", "tekst tussen aanhalingstekens"],
)
def test_top_level_list_or_scalar_is_am009(tekst):
    probleem = enige_probleem(controleer_tekst(tekst))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM009", 1, 1)
    assert "mapping" in probleem.melding


def test_several_documents_is_am004_at_the_second_one():
    probleem = enige_probleem(controleer_tekst("versie: 1\n---\nversie: 1\n"))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM004", 2, 1)
    assert "'---'" in probleem.melding


def test_complex_key_is_am011():
    probleem = enige_probleem(controleer_tekst("versie: 1\n? [a]\n: 1\n"))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM011", 2, 3)
    assert "sleutel" in probleem.melding


def test_file_over_the_size_limit_is_am010(schrijf, monkeypatch):
    monkeypatch.setattr(amctl.laden, "MAX_BYTES", 16)
    pad = schrijf("versie: 1\n# zeventien bytes en meer\n")

    probleem = enige_probleem(controleer_bestand(pad))

    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM010", 1, 1)
    assert "MiB" in probleem.melding


def test_file_at_the_size_limit_is_read(schrijf, monkeypatch):
    pad = schrijf("versie: 1\n")
    monkeypatch.setattr(amctl.laden, "MAX_BYTES", pad.stat().st_size)
    assert controleer_bestand(pad).problemen == []


# --- syntax errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "regel", "kolom", "woord"),
    [
        ("versie: 1\norganen:\n  x:\n    naam: X\n   soort: overleg\n", 5, 4, "inspringing"),
        ("versie: 1\nnaam: a: b\n", 2, 8, "sleutel: waarde"),
        ("versie: 1\n\tx: 1\n", 2, 1, "tab"),
        ("versie: 1\nnaam: [a, b\n", 3, 1, "']'"),
    ],
    ids=["inspringing", "dubbele-dubbele-punt", "tab", "haak-ontbreekt"],
)
def test_syntax_error_is_am003_with_line_and_column(tekst, regel, kolom, woord):
    probleem = enige_probleem(controleer_tekst(tekst))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM003", regel, kolom)
    assert woord in probleem.melding


def test_forbidden_control_character_is_am003_naming_it():
    probleem = enige_probleem(controleer_tekst("versie: 1\nnaam: a\x07b\n"))
    assert (probleem.code, probleem.regel) == ("AM003", 2)
    assert "U+0007" in probleem.melding


def test_control_character_after_non_ascii_text_is_reported_at_its_own_position():
    probleem = enige_probleem(controleer_tekst('versie: 1\nnaam: "\u00eb\x07"\n'))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM003", 2, 9)


# --- hostile input --------------------------------------------------------------------------

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{nieuw}: &{nieuw} [{', '.join([f'*{vorig}'] * 9)}]\n"
    for vorig, nieuw in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_billion_laughs_is_refused_as_am007():
    probleem = enige_probleem(controleer_tekst(BILLION_LAUGHS))
    assert (probleem.code, probleem.regel, probleem.kolom) == ("AM007", 1, 4)
    assert "aliassen" in probleem.melding


def test_single_alias_is_am007_at_the_anchor():
    tekst = "versie: 1\nbronnen:\n  a:\n    titel: &t Een bron\n  b:\n    titel: *t\n"
    probleem = enige_probleem(controleer_tekst(tekst))
    assert (probleem.code, probleem.regel) == ("AM007", 4)


def test_nesting_just_over_the_limit_is_am008():
    diepte = amctl.laden.MAX_DIEPTE  # the root mapping is one level, so this is one too many
    tekst = "versie: 1\nx: " + "[" * diepte + "]" * diepte + "\n"
    probleem = enige_probleem(controleer_tekst(tekst))
    assert (probleem.code, probleem.regel) == ("AM008", 2)


def test_nesting_up_to_the_limit_is_loaded():
    diepte = amctl.laden.MAX_DIEPTE - 1
    document = laad_tekst("x: " + "[" * diepte + "]" * diepte + "\n", "t.yaml")
    assert document.problemen == []


def test_nesting_10000_deep_is_am008_not_a_recursion_error():
    uitslag = controleer_tekst("[" * 10_000 + "]" * 10_000 + "\n")
    assert [p.code for p in uitslag.problemen] == ["AM008"]
    assert "genest" in uitslag.problemen[0].melding


@pytest.mark.parametrize(
    "tekst",
    ["{a: " * 10_000 + "}" * 10_000 + "\n", "- " * 10_000 + "x\n"],
    ids=["flow-mappings", "blok-lijsten"],
)
def test_other_deep_nesting_is_am008(tekst):
    assert enige_probleem(controleer_tekst(tekst)).code == "AM008"
