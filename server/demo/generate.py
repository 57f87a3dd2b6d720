#!/usr/bin/env python3
"""Generates the demo municipality configurations (berlin.json, potsdam.json) from open data.

Input: the shared open data directory (default ../shared/data, relative to the repository):
  berlin/berlin_bezirke.geojson        Berlin's 12 Bezirke (areas)
  brandenburg/berlin_vg250.geojson     Berlin's outline (municipal boundary, VG250)
  brandenburg/potsdam.geojson          Potsdam's outline (VG250)

The output is data, not code: `kiezwerk tenant import demo/berlin.json` loads it, and
`kiezwerk serve --demo` loads both files on first start. Run from server/:
  python3 demo/generate.py [path/to/shared/data]
"""

import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data")


def load(path):
    with open(os.path.join(DATA, path), encoding="utf-8") as f:
        return json.load(f)


def rounded(coords):
    """6 decimal places are ~0.1 m: far below the sources' precision, and a third smaller."""
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 6), round(coords[1], 6)]
    return [rounded(c) for c in coords]


def geometry(feature):
    g = feature["geometry"]
    return {"type": g["type"], "coordinates": rounded(g["coordinates"])}


def slug(name):
    ascii_name = (
        unicodedata.normalize("NFKD", name.replace("ß", "ss").replace("ö", "oe").replace("ä", "ae").replace("ü", "ue"))
        .encode("ascii", "ignore")
        .decode()
    )
    return "-".join(ascii_name.lower().replace("/", " ").split())


def category(code, de, en, hint_de=None, hint_en=None, questions=()):
    c = {"code": code, "name_de": de, "name_en": en, "questions": list(questions)}
    if hint_de:
        c["hint_de"], c["hint_en"] = hint_de, hint_en
    return c


def choice_question(code, de, en, choices, required=True):
    return {
        "code": code,
        "label_de": de,
        "label_en": en,
        "required": required,
        "choices": [{"value": v, "label_de": d, "label_en": e} for v, d, e in choices],
    }


def text_question(code, de, en, hint_de, hint_en, max_len=40):
    return {
        "code": code,
        "label_de": de,
        "label_en": en,
        "hint_de": hint_de,
        "hint_en": hint_en,
        "required": False,
        "choices": [],
        "max_len": max_len,
    }


WASTE_KIND = choice_question(
    "waste_kind",
    "Was für Abfall ist es?",
    "What kind of waste is it?",
    [
        ("household", "Hausmüll oder Säcke", "Household rubbish or bags"),
        ("bulky", "Möbel oder Sperrmüll", "Furniture or bulky waste"),
        ("rubble", "Bauschutt", "Building rubble"),
        ("electrical", "Elektrogeräte", "Electrical appliances"),
        ("hazardous", "Gefährliche Stoffe (Farben, Öl, Asbest)", "Hazardous substances (paint, oil, asbestos)"),
    ],
)
WASTE_AMOUNT = choice_question(
    "amount",
    "Wie viel ist es ungefähr?",
    "Roughly how much is it?",
    [
        ("small", "Passt in einen Müllsack", "Fits into a rubbish bag"),
        ("medium", "Bis etwa ein Kubikmeter", "Up to about one cubic metre"),
        ("large", "Mehr als ein Kubikmeter", "More than one cubic metre"),
    ],
)
LIGHT_DEFECT = choice_question(
    "defect",
    "Was ist defekt?",
    "What is broken?",
    [
        ("dark", "Die Ampel ist ganz aus", "The lights are completely off"),
        ("flashing", "Die Ampel blinkt gelb", "The lights are flashing amber"),
        ("pedestrian", "Das Fußgängersignal ist defekt", "The pedestrian signal is broken"),
        ("button", "Der Anforderungstaster reagiert nicht", "The push button does not respond"),
    ],
)
LAMP_NUMBER = text_question(
    "lamp_number",
    "Nummer am Laternenmast",
    "Number on the lamp post",
    "Steht meist auf einem Schild am Mast, zum Beispiel 12-345.",
    "Usually on a plate on the post, for example 12-345.",
)
TREE_DAMAGE = choice_question(
    "damage",
    "Welcher Schaden?",
    "What damage?",
    [
        ("branch", "Ein Ast droht abzubrechen", "A branch is about to break off"),
        ("fallen", "Der Baum ist umgestürzt", "The tree has fallen"),
        ("trunk", "Schaden am Stamm", "Damage to the trunk"),
        ("other", "Etwas anderes", "Something else"),
    ],
)
PUMP_DEFECT = choice_question(
    "pump_defect",
    "Was ist an der Pumpe kaputt?",
    "What is wrong with the pump?",
    [
        ("no_water", "Es kommt kein Wasser", "No water comes out"),
        ("handle", "Der Schwengel fehlt oder ist abgebrochen", "The handle is missing or broken"),
        ("blocked", "Die Pumpe ist verschlossen oder zugestellt", "The pump is locked or blocked"),
        ("other", "Etwas anderes", "Something else"),
    ],
)
GRAFFITI_OFFENSIVE = choice_question(
    "offensive",
    "Ist der Inhalt beleidigend, rassistisch oder verfassungsfeindlich?",
    "Is the content offensive, racist or anti-constitutional?",
    [("yes", "Ja", "Yes"), ("no", "Nein", "No")],
)


def berlin():
    bezirke = load("berlin/berlin_bezirke.geojson")["features"]
    outline = load("brandenburg/berlin_vg250.geojson")["features"][0]
    areas, departments, rules = [], [], []
    for feature in sorted(bezirke, key=lambda f: f["properties"]["name"]):
        name = feature["properties"]["name"]
        code = slug(name)
        areas.append({"code": code, "name": name, "kind": "bezirk", "geometry": geometry(feature)})
        departments += [
            {
                "code": f"ordnungsamt-{code}",
                "name_de": f"Ordnungsamt {name}",
                "name_en": f"{name} Public Order Office",
                "email": f"ordnungsamt.{code}@berlin.example",
            },
            {
                "code": f"sga-{code}",
                "name_de": f"Straßen- und Grünflächenamt {name}",
                "name_en": f"{name} Roads and Green Spaces Office",
                "email": f"sga.{code}@berlin.example",
            },
        ]
        rules += [
            {"group": "sauberkeit", "area": code, "department": f"ordnungsamt-{code}"},
            {"group": "verkehr", "area": code, "department": f"sga-{code}"},
            {"group": "gruen", "area": code, "department": f"sga-{code}"},
            # Abandoned vehicles are a traffic matter handled by the Ordnungsamt.
            {"category": "abandoned-vehicle", "area": code, "department": f"ordnungsamt-{code}"},
        ]
    # State-level units where Berlin really works that way.
    departments += [
        {
            "code": "vlb",
            "name_de": "Verkehrslenkung Berlin (Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt)",
            "name_en": "Berlin Traffic Management (Senate Department for Mobility, Transport, Climate Protection and the Environment)",
            "email": "ampeln@berlin.example",
        },
        {
            "code": "strassenbeleuchtung",
            "name_de": "Straßenbeleuchtung (Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt)",
            "name_en": "Street Lighting (Senate Department for Mobility, Transport, Climate Protection and the Environment)",
            "email": "licht@berlin.example",
        },
        {
            "code": "bsr",
            "name_de": "Berliner Stadtreinigung (BSR)",
            "name_en": "Berlin City Cleaning (BSR)",
            "email": "papierkoerbe@bsr.example",
        },
        {
            "code": "buergerservice",
            "name_de": "Bürgerservice des Landes Berlin",
            "name_en": "State of Berlin Citizen Service",
            "email": "buergerservice@berlin.example",
        },
    ]
    rules += [
        {"category": "traffic-light", "department": "vlb"},
        {"category": "street-light", "department": "strassenbeleuchtung"},
        {"category": "litter-bin", "department": "bsr"},
        # Anything no other rule covers, e.g. a point just outside every Bezirk polygon.
        {"department": "buergerservice"},
    ]
    groups = [
        {
            "code": "sauberkeit",
            "name_de": "Sauberkeit",
            "name_en": "Cleanliness",
            "categories": [
                category("illegal-dumping", "Illegale Müllablagerung", "Illegally dumped waste",
                         "Abfall, der auf Straßen, Gehwegen oder in Grünanlagen abgestellt wurde",
                         "Waste left on streets, pavements or in green spaces",
                         [WASTE_KIND, WASTE_AMOUNT]),
                category("bulky-waste", "Sperrmüll auf dem Gehweg", "Bulky waste on the pavement"),
                category("graffiti", "Graffiti an öffentlichen Gebäuden oder Anlagen", "Graffiti on public buildings or facilities",
                         questions=[GRAFFITI_OFFENSIVE]),
                category("litter-bin", "Überfüllter Papierkorb", "Overflowing litter bin"),
            ],
        },
        {
            "code": "verkehr",
            "name_de": "Verkehr und Straßen",
            "name_en": "Traffic and roads",
            "categories": [
                category("pothole", "Schlagloch oder Straßenschaden", "Pothole or road damage"),
                category("damaged-sign", "Verkehrszeichen beschädigt", "Damaged traffic sign"),
                category("traffic-light", "Ampel defekt", "Broken traffic light", questions=[LIGHT_DEFECT]),
                category("street-light", "Straßenlaterne defekt", "Broken street light", questions=[LAMP_NUMBER]),
                category("abandoned-vehicle", "Schrottfahrzeug ohne Kennzeichen", "Abandoned vehicle without number plates"),
                category("cycle-path", "Radweg beschädigt oder blockiert", "Cycle path damaged or blocked"),
            ],
        },
        {
            "code": "gruen",
            "name_de": "Grünflächen und Bäume",
            "name_en": "Green spaces and trees",
            "categories": [
                category("street-tree", "Straßenbaum beschädigt", "Damaged street tree", questions=[TREE_DAMAGE]),
                category("street-pump", "Straßenbrunnen (Pumpe) defekt", "Broken street water pump", questions=[PUMP_DEFECT]),
                category("park", "Verschmutzung in Park oder Grünanlage", "Litter in a park or green space"),
                category("playground", "Spielplatz beschädigt", "Damaged playground"),
            ],
        },
    ]
    return {
        "slug": "berlin",
        "name": "Berlin",
        "reference_prefix": "BER",
        "boundary": geometry(outline),
        "departments": departments,
        "groups": groups,
        "areas": areas,
        "rules": rules,
    }


def potsdam():
    outline = load("brandenburg/potsdam.geojson")["features"][0]
    departments = [
        {"code": "ordnung", "name_de": "Landeshauptstadt Potsdam – Bereich Ordnungsangelegenheiten",
         "name_en": "City of Potsdam – Public Order", "email": "ordnung@potsdam.example"},
        {"code": "gruenflaechen", "name_de": "Landeshauptstadt Potsdam – Bereich Grünflächen",
         "name_en": "City of Potsdam – Green Spaces", "email": "gruen@potsdam.example"},
        {"code": "verkehrsanlagen", "name_de": "Landeshauptstadt Potsdam – Bereich Verkehrsanlagen",
         "name_en": "City of Potsdam – Roads", "email": "strassen@potsdam.example"},
        {"code": "step", "name_de": "Stadtentsorgung Potsdam (STEP)",
         "name_en": "Potsdam City Waste Services (STEP)", "email": "service@step.example"},
    ]
    groups = [
        {"code": "sauberkeit", "name_de": "Sauberkeit", "name_en": "Cleanliness", "categories": [
            category("illegal-dumping", "Illegale Müllablagerung", "Illegally dumped waste",
                     "Abfall, der auf Straßen, Gehwegen oder in Grünanlagen abgestellt wurde",
                     "Waste left on streets, pavements or in green spaces",
                     [WASTE_KIND, WASTE_AMOUNT]),
            category("graffiti", "Graffiti an öffentlichen Gebäuden oder Anlagen", "Graffiti on public buildings or facilities",
                     questions=[GRAFFITI_OFFENSIVE]),
            category("litter-bin", "Überfüllter Papierkorb", "Overflowing litter bin"),
        ]},
        {"code": "verkehr", "name_de": "Verkehr und Straßen", "name_en": "Traffic and roads", "categories": [
            category("pothole", "Schlagloch oder Straßenschaden", "Pothole or road damage"),
            category("damaged-sign", "Verkehrszeichen beschädigt", "Damaged traffic sign"),
            category("street-light", "Straßenlaterne defekt", "Broken street light", questions=[LAMP_NUMBER]),
        ]},
        {"code": "gruen", "name_de": "Grünflächen und Bäume", "name_en": "Green spaces and trees", "categories": [
            category("street-tree", "Straßenbaum beschädigt", "Damaged street tree", questions=[TREE_DAMAGE]),
            category("playground", "Spielplatz beschädigt", "Damaged playground"),
        ]},
    ]
    rules = [
        {"group": "sauberkeit", "department": "ordnung"},
        {"category": "litter-bin", "department": "step"},
        {"group": "verkehr", "department": "verkehrsanlagen"},
        {"group": "gruen", "department": "gruenflaechen"},
        {"department": "ordnung"},
    ]
    return {
        "slug": "potsdam",
        "name": "Potsdam",
        "reference_prefix": "PDM",
        "boundary": geometry(outline),
        "departments": departments,
        "groups": groups,
        "areas": [],
        "rules": rules,
    }


for name, config in (("berlin", berlin()), ("potsdam", potsdam())):
    path = os.path.join(HERE, f"{name}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path) // 1024} KiB)")
