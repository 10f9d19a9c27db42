#!/usr/bin/env python3
"""Generates crates/actors/data/countries.jsonl (one country per line).

Source: the JSON files of the PyPI package `countryinfo` 1.0.1 (MIT; see
data/NOTICE.md): ISO 3166 alpha-3 code, name, alternative spellings, demonym,
capital. On top of that, EXTRA below adds the short names, demonym plurals and
seats of government that news uses ("Britain", "Americans", "Downing Street",
"the Kremlin"); those were written for entente.

Usage: pip download --no-deps countryinfo==1.0.1; unzip the wheel;
    python3 gen_countries.py path/to/countryinfo/data > ../data/countries.jsonl
"""
import glob
import json
import os
import sys
import unicodedata

# Names that are ambiguous in running text, never used as aliases.
SKIP_ALIASES = {"Georgia", "Jordan", "Chad", "Turkey", "Guinea", "Niger", "China", "Oman", "Mali",
                "Malawi", "Jersey", "Guernsey", "Man", "Isle of Man"}
SKIP_ALIASES = set()  # Capitalisation rules make these safe enough; kept for review.

# Places without an ISO entry in countryinfo, or with codes CAMEO spells differently.
ADD = [
    {"name": "Kosovo", "code": "KSV", "demonyms": ["Kosovar", "Kosovars", "Kosovan"], "metonyms": ["Pristina"]},
    {"name": "Holy See", "code": "VAT", "aliases": ["Vatican", "Vatican City", "the Vatican"], "metonyms": []},
]

EXTRA = {
    "USA": {"aliases": ["United States", "US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States of America", "the States"],
            "demonyms": ["American", "Americans", "US", "U.S."],
            "metonyms": ["Washington", "Washington D.C.", "Washington, D.C."]},
    "GBR": {"aliases": ["Britain", "UK", "U.K.", "Great Britain", "United Kingdom"],
            "demonyms": ["British", "Briton", "Britons", "Brits", "UK", "U.K."],
            "metonyms": ["London", "Downing Street", "Number 10", "No 10", "Whitehall"]},
    "RUS": {"aliases": ["Russian Federation"], "demonyms": ["Russians"], "metonyms": ["Moscow", "the Kremlin", "Kremlin"]},
    "CHN": {"aliases": ["PRC", "People's Republic of China", "mainland China"], "demonyms": ["Chinese"], "metonyms": ["Beijing", "Zhongnanhai"]},
    "FRA": {"demonyms": ["French", "Frenchman"], "metonyms": ["Paris", "the Elysee", "Elysee", "Élysée", "the Élysée", "Quai d'Orsay"]},
    "DEU": {"aliases": ["Federal Republic of Germany"], "demonyms": ["German", "Germans"], "metonyms": ["Berlin"]},
    "IRN": {"aliases": ["Islamic Republic", "Islamic Republic of Iran", "Persia"], "demonyms": ["Iranians", "Persian"], "metonyms": ["Tehran", "Teheran"]},
    "ISR": {"demonyms": ["Israelis"], "metonyms": ["Jerusalem", "Tel Aviv"]},
    "PSE": {"aliases": ["Palestinian territories", "Palestinian Territories", "occupied Palestinian territories", "State of Palestine"], "demonyms": ["Palestinians"], "metonyms": ["Ramallah"]},
    "SYR": {"demonyms": ["Syrians"], "metonyms": ["Damascus"]},
    "IRQ": {"demonyms": ["Iraqis"], "metonyms": ["Baghdad"]},
    "SAU": {"aliases": ["Saudi", "KSA", "the Kingdom of Saudi Arabia"], "demonyms": ["Saudi", "Saudis"], "metonyms": ["Riyadh"]},
    "ARE": {"aliases": ["UAE", "U.A.E.", "Emirates"], "demonyms": ["Emirati", "Emiratis"], "metonyms": ["Abu Dhabi"]},
    "PRK": {"aliases": ["North Korea", "DPRK", "D.P.R.K."], "demonyms": ["North Korean", "North Koreans"], "metonyms": ["Pyongyang"]},
    "KOR": {"aliases": ["South Korea", "Republic of Korea", "ROK"], "demonyms": ["South Korean", "South Koreans"], "metonyms": ["Seoul"]},
    "TUR": {"aliases": ["Turkiye", "Türkiye"], "demonyms": ["Turkish", "Turks"], "metonyms": ["Ankara"]},
    "EGY": {"demonyms": ["Egyptians"], "metonyms": ["Cairo"]},
    "JPN": {"demonyms": ["Japanese"], "metonyms": ["Tokyo"]},
    "IND": {"demonyms": ["Indians"], "metonyms": ["New Delhi"]},
    "PAK": {"demonyms": ["Pakistanis"], "metonyms": ["Islamabad"]},
    "AFG": {"demonyms": ["Afghan", "Afghans"], "metonyms": ["Kabul"]},
    "UKR": {"demonyms": ["Ukrainians"], "metonyms": ["Kyiv", "Kiev"]},
    "NLD": {"aliases": ["Holland", "the Netherlands"], "demonyms": ["Dutch"], "metonyms": ["The Hague"]},
    "CZE": {"aliases": ["Czech Republic"], "demonyms": ["Czech", "Czechs"], "metonyms": ["Prague"]},
    "COD": {"aliases": ["DRC", "DR Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"], "demonyms": ["Congolese"], "metonyms": ["Kinshasa"]},
    "COG": {"aliases": ["Republic of the Congo", "Congo-Brazzaville"], "metonyms": ["Brazzaville"]},
    "CIV": {"aliases": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"], "demonyms": ["Ivorian", "Ivorians"]},
    "MMR": {"aliases": ["Burma"], "demonyms": ["Burmese"], "metonyms": ["Naypyidaw"]},
    "SWZ": {"aliases": ["Eswatini"]},
    "MKD": {"aliases": ["North Macedonia", "Macedonia"], "demonyms": ["Macedonian"]},
    "TLS": {"aliases": ["Timor-Leste", "East Timor"]},
    "CPV": {"aliases": ["Cabo Verde"]},
    "LBY": {"demonyms": ["Libyans"], "metonyms": ["Tripoli"]},
    "LBN": {"demonyms": ["Lebanese"], "metonyms": ["Beirut"]},
    "YEM": {"demonyms": ["Yemenis"], "metonyms": ["Sanaa", "Sana'a"]},
    "JOR": {"demonyms": ["Jordanians"], "metonyms": ["Amman"]},
    "QAT": {"demonyms": ["Qatari", "Qataris"], "metonyms": ["Doha"]},
    "BHR": {"demonyms": ["Bahraini", "Bahrainis"], "metonyms": ["Manama"]},
    "KWT": {"demonyms": ["Kuwaiti", "Kuwaitis"]},
    "OMN": {"demonyms": ["Omani", "Omanis"], "metonyms": ["Muscat"]},
    "VNM": {"aliases": ["Viet Nam"], "metonyms": ["Hanoi"]},
    "VEN": {"demonyms": ["Venezuelans"], "metonyms": ["Caracas"]},
    "CUB": {"demonyms": ["Cubans"], "metonyms": ["Havana"]},
    "BRA": {"demonyms": ["Brazilians"], "metonyms": ["Brasilia", "Brasília"]},
    "MEX": {"demonyms": ["Mexicans"], "metonyms": ["Mexico City"]},
    "CAN": {"demonyms": ["Canadians"], "metonyms": ["Ottawa"]},
    "AUS": {"demonyms": ["Australians", "Aussie"], "metonyms": ["Canberra"]},
    "SDN": {"demonyms": ["Sudanese"], "metonyms": ["Khartoum"]},
    "SSD": {"demonyms": ["South Sudanese"], "metonyms": ["Juba"]},
    "ETH": {"demonyms": ["Ethiopians"], "metonyms": ["Addis Ababa"]},
    "NGA": {"demonyms": ["Nigerians"], "metonyms": ["Abuja"]},
    "ZAF": {"demonyms": ["South Africans"], "metonyms": ["Pretoria"]},
    "TWN": {"demonyms": ["Taiwanese"], "metonyms": ["Taipei"]},
    "KSV": {},
}

# Capitals that are poor metonyms (they are common words or big cities that
# news names for their own sake); they stay plain names of the country.
NOT_METONYM = {"Kingston", "Victoria", "Georgetown", "Hamilton", "Saint John's", "Roseau",
               "Valletta", "Castries", "Basseterre", "Palikir", "Funafuti", "Avarua", "Adamstown",
               "Flying Fish Cove", "West Island", "Kingstown", "Plymouth", "Sri Jayawardenepura Kotte",
               "Jerusalem"}


def ascii_ok(s):
    return all(ord(c) < 0x250 for c in s) and not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", s)) or s.isascii()


def plural(dem):
    if dem.endswith(("ese", "ish", "ch", "ss", "s")):
        return None
    return dem + "s"


def main(d):
    rows = {}
    for f in sorted(glob.glob(os.path.join(d, "*.json"))):
        with open(f, encoding="utf8") as fh:
            try:
                c = json.load(fh)
            except json.JSONDecodeError:
                continue
        iso = (c.get("ISO") or {}).get("alpha3")
        if not iso or iso in rows or iso in ("ANT", "SCG"):
            continue
        name = c["name"]
        if not name.isascii():
            name = unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode()
        aliases = []
        for a in c.get("altSpellings") or []:
            if len(a) <= 3 or "," in a or a in SKIP_ALIASES or not a.isascii():
                continue
            aliases.append(a)
        dem = c.get("demonym") or ""
        demonyms = []
        for part in dem.replace(",", "/").split("/"):
            part = part.strip()
            if part and part.isascii() and part != name:
                demonyms.append(part)
                p = plural(part)
                if p:
                    demonyms.append(p)
        cap = c.get("capital") or ""
        if isinstance(cap, list):
            cap = cap[0] if cap else ""
        metonyms = [cap] if cap and cap.isascii() and cap not in NOT_METONYM else []
        aliases_plain = [cap] if cap in NOT_METONYM and cap != "Jerusalem" else []
        rows[iso] = {"name": name, "kind": "country", "code": iso,
                     "aliases": aliases + aliases_plain, "demonyms": demonyms, "metonyms": metonyms}
    for a in ADD:
        rows[a["code"]] = {"name": a["name"], "kind": "country", "code": a["code"],
                           "aliases": a.get("aliases", []), "demonyms": a.get("demonyms", []),
                           "metonyms": a.get("metonyms", [])}
    for iso, extra in EXTRA.items():
        r = rows[iso]
        for k, v in extra.items():
            for x in v:
                if x not in r[k]:
                    r[k].append(x)
        if iso == "ISR":
            r["metonyms"] = [m for m in r["metonyms"] if m != "Jerusalem"]
    # A demonym shared by several places ("American" for US territories)
    # stays only with the country EXTRA gives it to, or the first one.
    owners = {}
    for iso in sorted(rows):
        for dname in rows[iso]["demonyms"]:
            owners.setdefault(dname.lower(), []).append(iso)
    for dname, isos in owners.items():
        if len(isos) > 1:
            keep = [i for i in isos if dname in [x.lower() for x in EXTRA.get(i, {}).get("demonyms", [])]]
            keep = keep[:1] or [None]
            for iso in isos:
                if iso != keep[0]:
                    rows[iso]["demonyms"] = [x for x in rows[iso]["demonyms"] if x.lower() != dname]
    # A name that is another country's name is dropped (e.g. "Congo").
    seen = {}
    for iso, r in rows.items():
        for n in [r["name"]] + r["aliases"]:
            seen.setdefault(n.lower(), []).append(iso)
    for iso in sorted(rows, key=lambda k: rows[k]["name"]):
        r = rows[iso]
        r["aliases"] = [a for a in r["aliases"] if len(seen.get(a.lower(), [])) <= 1 or a == r["name"]]
        print(json.dumps({k: v for k, v in r.items() if v}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
