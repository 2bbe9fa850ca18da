"""Documentation of the codes that loading (AM0xx), the schema (AM1xx) and the reference
check (AM2xx) report. The checks themselves live in amctl.laden, amctl.model and
amctl.regels.verwijzingen; this module only describes them."""

from __future__ import annotations

from amctl.probleem import Ernst
from amctl.regels import Regel, registreer

F = Ernst.FOUT

for _regel in (
    Regel(
        "AM001",
        "leeg-bestand",
        F,
        "laden",
        "Het bestand is leeg of bevat alleen commentaar.",
        "Een leeg bestand is bijna altijd een vergissing (een mislukte kopie, een lege merge). "
        "Een geldig bestand begint met 'versie: 1'.",
        "# alleen commentaar\n",
        "versie: 1\n",
    ),
    Regel(
        "AM002",
        "geen-utf8",
        F,
        "laden",
        "Het bestand is niet in UTF-8 opgeslagen.",
        "amctl leest alleen UTF-8 (met of zonder BOM). Een bestand uit een oude editor kan in "
        "Windows-1252 of Latin-1 staan; sla het in de editor op als UTF-8. De melding noemt "
        "de regel en kolom van de eerste foute byte.",
    ),
    Regel(
        "AM003",
        "yaml-syntax",
        F,
        "laden",
        "De YAML-syntax klopt niet.",
        "De parser kan de tekst niet lezen: meestal een inspringing die niet klopt, een ':' "
        "die ontbreekt of een tab. De melding noemt regel en kolom waar de parser vastliep; "
        "de echte fout staat daar of vlak erboven.",
        "versie: 1\norganen:\n  regiegroep:\n    naam: Regiegroep\n   soort: bestuur\n",
        "versie: 1\n",
    ),
    Regel(
        "AM004",
        "meerdere-documenten",
        F,
        "laden",
        "Het bestand bevat meer dan één YAML-document.",
        "Een regel '---' midden in het bestand begint een tweede document; amctl zou het "
        "stilzwijgend negeren of de verkeerde helft lezen. Houd één document over.",
        "versie: 1\n---\nversie: 1\n",
        "versie: 1\n",
    ),
    Regel(
        "AM005",
        "dubbele-sleutel",
        F,
        "laden",
        "Een sleutel staat twee keer in dezelfde mapping.",
        "YAML-parsers houden dan stil de laatste waarde; de eerste gaat verloren. Meestal is een "
        "orgaan of persoon twee keer ingevoerd. De melding staat op de tweede.",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n  diemen:\n    naam: Diemen\n",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n",
    ),
    Regel(
        "AM006",
        "tag-niet-toegestaan",
        F,
        "laden",
        "Een YAML-tag die een object zou maken (zoals !!python/object) staat in het bestand.",
        "amctl voert nooit iets uit wat in het bestand staat. Alleen de gewone tags (!!str, "
        "!!int, ...) zijn toegestaan; een andere tag is een fout.",
        "versie: 1\nbronnen:\n  x:\n    titel: !!python/object/apply:os.system ['true']\n",
        "versie: 1\nbronnen:\n  x:\n    titel: Een bron\n",
    ),
    Regel(
        "AM007",
        "anker-of-alias",
        F,
        "laden",
        "Het bestand gebruikt ankers en aliassen (&naam, *naam).",
        "Het formaat is zo opgezet dat niets herhaald hoeft te worden; ankers maken een bestand "
        "moeilijk te lezen en zijn de bouwsteen van 'billion laughs'-bestanden die een "
        "parser laten ontploffen. Schrijf de waarde uit.",
        "versie: 1\nbronnen:\n  a:\n    titel: &t Een bron\n  b:\n    titel: *t\n",
        "versie: 1\nbronnen:\n  a:\n    titel: Een bron\n  b:\n    titel: Een bron\n",
    ),
    Regel(
        "AM008",
        "te-diep-genest",
        F,
        "laden",
        "De gegevens zijn onredelijk diep genest.",
        "Geen echt bestand komt dieper dan een handvol niveaus; meer dan 64 wijst op een fout "
        "of een aanval, en wordt geweigerd voordat het geheugen of de stack vol raakt.",
        # 70 levels, over three lines so that the example fits 80 columns in `amctl regels`
        "versie: 1\nx: " + "[" * 35 + "\n   " + "[" * 35 + "\n   " + "]" * 70 + "\n",
        "versie: 1\n",
    ),
    Regel(
        "AM009",
        "geen-mapping",
        F,
        "laden",
        "Het bestand is een lijst of losse waarde in plaats van een mapping.",
        "Het bestand bestaat uit secties ('versie:', 'gemeenten:', 'organen:', ...).",
        "- versie: 1\n",
        "versie: 1\n",
    ),
    Regel(
        "AM010",
        "bestand-te-groot",
        F,
        "laden",
        "Het bestand is groter dan 64 MiB.",
        "Zelfs een bestand voor heel Nederland blijft ver onder deze grens; een groter bestand "
        "wordt geweigerd voordat het in het geheugen wordt gelezen.",
    ),
    Regel(
        "AM011",
        "complexe-sleutel",
        F,
        "laden",
        "Een sleutel is een lijst of mapping in plaats van een tekst.",
        "Sleutels zijn veldnamen of ids; de YAML-vorm '? [a, b]' heeft hier geen betekenis.",
        "versie: 1\n? [a, b]\n: 1\n",
        "versie: 1\n",
    ),
    Regel(
        "AM101",
        "verplicht-veld",
        F,
        "schema",
        "Een verplicht veld ontbreekt.",
        "Elk soort gegeven heeft velden die er altijd moeten zijn, zoals de naam en de soort "
        "van een orgaan. 'amctl schema' en docs/formaat.md noemen ze.",
        "versie: 1\ngemeenten:\n  diemen:\n    cbs: GM0384\n",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n    cbs: GM0384\n",
    ),
    Regel(
        "AM102",
        "verkeerd-type",
        F,
        "schema",
        "Een waarde heeft het verkeerde type (tekst, getal, lijst, ...).",
        "Let op YAML's valkuilen: 'nee', 'ja', 'on' en 'off' zonder aanhalingstekens worden "
        "ja/nee-waarden, en '010' wordt tekst. Zet tekst bij twijfel tussen aanhalingstekens.",
        "versie: 1\nfuncties:\n  burgemeester:\n    naam: burgemeester\n    zetels: een\n",
        "versie: 1\nfuncties:\n  burgemeester:\n    naam: burgemeester\n    zetels: 1\n",
    ),
    Regel(
        "AM103",
        "onbekende-sleutel",
        F,
        "schema",
        "Een sleutel die het formaat niet kent, vaak een tikfout.",
        "Een onbekende sleutel wordt niet stil genegeerd: 'voorziter' in plaats van "
        "'voorzitter' zou anders een orgaan zonder voorzitter opleveren. De melding stelt de "
        "dichtstbijzijnde bekende sleutel voor.",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n    cbs-code: GM0384\n",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n    cbs: GM0384\n",
    ),
    Regel(
        "AM104",
        "ongeldig-id",
        F,
        "schema",
        "Een id bestaat niet uit kleine letters, cijfers en streepjes.",
        "Ids worden getypt op de opdrachtregel en in scripts gebruikt ('amctl wie-zit-in "
        "pho-wonen'); daarom alleen a-z, 0-9 en '-', beginnend met een letter.",
        "versie: 1\ngemeenten:\n  De Ronde Venen:\n    naam: De Ronde Venen\n",
        "versie: 1\ngemeenten:\n  de-ronde-venen:\n    naam: De Ronde Venen\n",
    ),
    Regel(
        "AM105",
        "ongeldige-datum",
        F,
        "schema",
        "Een datum is niet in de vorm JJJJ-MM-DD of bestaat niet.",
        "Datums zijn ISO 8601 (2026-04-01), zodat ze eenduidig zijn: 01-04-2026 kan 1 april of "
        "4 januari zijn. Ook 2026-02-30 wordt geweigerd.",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n    vanaf: 01-01-2016\n",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\n    vanaf: 2016-01-01\n",
    ),
    Regel(
        "AM106",
        "ongeldige-waarde",
        F,
        "schema",
        "Een waarde valt buiten wat is toegestaan (een onbekende status, een aantal van 0).",
        "Sommige velden kennen een vaste lijst waarden, zoals 'status' (actief, in-overweging, "
        "betwist, opgeheven) en 'wijze' (ambtshalve, benoemd).",
        "versie: 1\nsoorten:\n  overleg:\n    naam: overleg\norganen:\n  x:\n    naam: X\n"
        "    soort: overleg\n    status: actiev\n",
        "versie: 1\nsoorten:\n  overleg:\n    naam: overleg\norganen:\n  x:\n    naam: X\n"
        "    soort: overleg\n    status: actief\n",
    ),
    Regel(
        "AM201",
        "onbekende-verwijzing",
        F,
        "verwijzingen",
        "Een id verwijst naar iets dat niet bestaat.",
        "Elke verwijzing (een functie, gemeente, orgaan, persoon, soort of bron) moet bestaan "
        "in de bijbehorende sectie. De melding stelt het dichtstbijzijnde bestaande id voor.",
        "versie: 1\nsoorten:\n  overleg:\n    naam: overleg\norganen:\n  x:\n    naam: X\n"
        "    soort: overlag\n",
        "versie: 1\nsoorten:\n  overleg:\n    naam: overleg\norganen:\n  x:\n    naam: X\n"
        "    soort: overleg\n",
    ),
    Regel(
        "AM202",
        "id-niet-uniek",
        F,
        "verwijzingen",
        "Hetzelfde id staat in twee secties (bijvoorbeeld als gemeente en als orgaan).",
        "Opdrachten als 'amctl waar-zit diemen' zoeken in gemeenten, functies, organen en "
        "personen tegelijk; een id moet daarom over die secties heen uniek zijn.",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\nfuncties:\n  diemen:\n"
        "    naam: Diemen\n",
        "versie: 1\ngemeenten:\n  diemen:\n    naam: Diemen\nfuncties:\n  burgemeester:\n"
        "    naam: burgemeester\n",
    ),
    Regel(
        "AM360",
        "negeer-zonder-werking",
        Ernst.WAARSCHUWING,
        "negeren",
        "Een commentaar '# amctl: negeer' zet niets uit.",
        "Het commentaar '# amctl: negeer CODE' aan het eind van een regel (of alleen op de regel "
        "erboven) zet een waarschuwing op die regel uit. Het werkt niet als het een code noemt "
        "die niet bestaat, een fout noemt (een fout kan niet worden uitgezet: amctl beantwoordt "
        "geen vragen over een bestand met fouten) of een waarschuwing die daar niet (meer) "
        "voorkomt. Herstel de code of haal het commentaar weg.",
        "versie: 1  # amctl: negeer AM999\n",
        "versie: 1\n",
    ),
):
    registreer(_regel)
