"""JSON Schema for editors (yaml-language-server), generated from the field specs in
amctl.model: the model is the schema, never written twice."""

from __future__ import annotations

from typing import Any

from amctl.inlezen import TIJD_PATROON, TIJDSTIP_PATROON
from amctl.model import ID_PATROON, SECTIES, Relatie, Uitspraak, Veld

_ID = {"type": "string", "pattern": "^" + ID_PATROON.pattern.removesuffix(r"\Z") + "$"}
_DATUM = {"type": "string", "format": "date"}


def _veld(veld: Veld) -> dict[str, Any]:
    soort = veld.soort
    if soort == "tekst":
        schema: dict[str, Any] = {"type": "string"}
        if veld.keuzes:
            schema["enum"] = list(veld.keuzes)
    elif soort == "getal":
        schema = {"type": "integer"}
        if veld.minimum is not None:
            schema["minimum"] = veld.minimum
    elif soort == "janee":
        schema = {"type": "boolean"}
    elif soort == "datum":
        schema = dict(_DATUM)
    elif soort == "tijd":
        schema = {"type": "string", "pattern": "^" + TIJD_PATROON.pattern + "$"}
    elif soort == "tijdstip":
        schema = {"type": "string", "pattern": "^" + TIJDSTIP_PATROON.pattern + "$"}
    elif soort == "id":
        schema = dict(_ID)
    elif soort == "tekstlijst":
        schema = {"type": "array", "items": _ID if veld.verwijst else {"type": "string"}}
    elif soort == "bron":
        schema = {"anyOf": [_ID, {"type": "array", "items": _ID}]}
    elif soort == "aard":
        woord = {"type": "string", "enum": list(veld.keuzes)}
        schema = {"anyOf": [woord, {"type": "object", "additionalProperties": woord}]}
    else:  # objectlijst
        item = _object(veld.klasse)
        kort = getattr(veld.klasse, "KORT", None)
        if kort is not None:  # a plain value is short for {KORT: value}
            kort_veld = next(v for v in veld.klasse.VELDEN if v.sleutel == kort)
            item = {"anyOf": [item, _veld(kort_veld._replace(omschrijving=""))]}
        schema = {"anyOf": [item, {"type": "array", "items": item}]}
    if veld.omschrijving:
        schema["description"] = veld.omschrijving
    return schema


def _object(klasse: Any) -> dict[str, Any]:
    velden = klasse.VELDEN
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {v.sleutel: _veld(v) for v in velden},
        "additionalProperties": False,
    }
    verplicht = [v.sleutel for v in velden if v.verplicht]
    if verplicht:
        schema["required"] = verplicht
    if klasse is Relatie:
        schema["minProperties"] = 1
    return schema


def json_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "amctl organisatiebestand",
        "type": "object",
        "required": ["versie"],
        "additionalProperties": False,
        "properties": {
            "versie": {"const": 1},
            "titel": {
                **_object(Uitspraak),
                "description": "de titel van het overzicht (diagram en site), met haar bron",
            },
            **{
                sectie: {
                    "type": "object",
                    "propertyNames": _ID,
                    "additionalProperties": _object(klasse),
                }
                for sectie, klasse in SECTIES.items()
            },
        },
    }
