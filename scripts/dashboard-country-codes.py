#!/usr/bin/env python3
"""Writes crates/serve/assets/country-codes.json: the ISO 3166 alpha-3 code
(what entente's country actors use) of each country shape in the vendored
Natural Earth map (crates/serve/assets/vendor/countries-110m.json), matched by
name against entente's own country list (crates/actors/data/countries.jsonl).
The map abbreviates a few names; those are spelled out below. Shapes of
territories without an ISO code (N. Cyprus, Somaliland) stay unmapped.

Run from the repository root after updating either input:
    python3 scripts/dashboard-country-codes.py
"""
import json
import sys

TOPO = "crates/serve/assets/vendor/countries-110m.json"
COUNTRIES = "crates/actors/data/countries.jsonl"
OUT = "crates/serve/assets/country-codes.json"

# Natural Earth's abbreviated 110m names -> the full names in countries.jsonl.
ABBREVIATED = {
    "W. Sahara": "Western Sahara",
    "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Dominican Rep.": "Dominican Republic",
    "Falkland Is.": "Falkland Islands",
    "Fr. S. Antarctic Lands": "French Southern Territories",
    "Central African Rep.": "Central African Republic",
    "Eq. Guinea": "Equatorial Guinea",
    "Solomon Is.": "Solomon Islands",
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "S. Sudan": "South Sudan",
}


def main():
    names = {}
    with open(COUNTRIES, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            for n in [c["name"]] + c.get("aliases", []):
                names.setdefault(n.lower(), c["code"])
    with open(TOPO, encoding="utf-8") as f:
        topo = json.load(f)
    out, missing = {}, []
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        code = names.get(ABBREVIATED.get(name, name).lower())
        if code and g.get("id"):
            out[g["id"]] = code
        else:
            missing.append(name)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(dict(sorted(out.items())), f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(out)} shapes mapped, unmapped: {', '.join(missing) or 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main()
