#!/usr/bin/env python3
"""Generates crates/actors/data/officeholders.tsv: the Wikidata office-holders
(every-politician-scrapers CSV files, CC0) as a compact, versioned table that
entente embeds in its knowledge base.

Usage (from crates/actors/scripts):
    python3 gen_officeholders.py ../../../../shared/data/actors/officeholders-wikidata.csv.gz \
        > ../data/officeholders.tsv

Output (UTF-8, tab-separated, `#` lines are comments):
    #version<TAB>N<TAB>source<TAB>sha256 of the input
    P<TAB>index<TAB>actor code<TAB>position title     (one per country and title)
    <person Q-id><TAB>name<TAB>country root code<TAB>spells
where the person's country is the one most of their spells are in, and spells are `position index:from:to` joined by `;`, dates ISO
(`YYYY-MM-DD`; a month or year precision is widened to its first / last day,
an empty end stays empty = still in office when the data was generated, or
the date of death when known).

The sector code of a position is decided by its title (rules below, first
match wins), following the PETRARCH/Phoenix conventions: heads of state and
government, ministers without a sector, diplomats -> GOV; sector ministers ->
GOV + sector (GOVMIL defence, GOVBUS finance/economy/trade/central bank,
GOVHLH health, GOVEDU education, GOVAGR agriculture, GOVJUD justice, GOVLAB
labour, GOVENV environment, GOVMED information, GOVREL religious affairs,
GOVDEV development/planning, GOVHRI human rights, GOVSPY intelligence);
military chiefs -> MIL; intelligence agency heads -> SPY; judges and
prosecutors -> JUD; presiding officers of legislatures -> LEG; police chiefs
-> COP; leaders of the opposition -> OPP; spouses of leaders -> ELI.
"""
import csv
import gzip
import hashlib
import re
import sys
from datetime import date, timedelta

VERSION = 1

# Repositories whose `country` column is not an ISO code: their root code, or
# None to leave them out (disputed entities whose actor code is a judgement
# call; international organisations, whose offices need IGO codes).
NON_ISO = {
    "kosovo-cabinet": "KSV",
    "northern-ireland-ministers": "GBR",
    "scotland-cabinet": "GBR",
    "wales-cabinet": "GBR",
    "arkansas-cabinet": "USA",
    "oklahoma-cabinet": "USA",
    "somaliland": "SOM",
    "abkhazia-ministers": None,
    "artsakh-ministers": None,
    "donetsk": None,
    "luhansk-ministers": None,
    "northern-cyprus": None,
    "south-ossetia": None,
    "world": None,
}

# (regex on the lower-cased title, sector code). First match wins.
RULES = [
    (r"first lady|first gentleman|spouse of", "ELI"),
    (r"leader of the opposition|opposition leader", "OPP"),
    (r"ambassador|permanent representative|envoy|high commissioner|consul", "GOV"),
    (r"minist.*(intelligence|security service)", "GOVSPY"),
    (r"intelligence|\bcia\b|security service|state security|\bkgb\b|\bfsb\b|\bmossad\b|\bshin bet\b|\bnsa\b", "SPY"),
    (r"minist.*\bjustice\b|justice minist|attorney[- ]general|solicitor[- ]general", "GOVJUD"),
    (r"\bjudge\b|\bjustice\b|\bcourt\b|prosecutor|procurator", "JUD"),
    (r"speaker|(president|chair(man|person|woman)?|presiding officer) of the (senate|national assembly|"
     r"chamber|parliament|house|legislative|congress|majlis|duma|federation council|national council|"
     r"people's assembly|assembly|national people's congress|storting|riksdag|sejm|knesset|bundestag|"
     r"cortes|folketing|althing|eduskunta|verkhovna rada|grand national assembly|shura|senedd)|"
     r"(president|chair(man|person|woman)?) of the .*(assembly|parliament|senate|congress|chamber|duma)", "LEG"),
    (r"white house chief of staff|chief of staff to|chief of staff of the (president|prime minister|"
     r"vice)", "GOV"),
    (r"chief of staff of the .*(army|armed forces|navy|air force)|head of the defen[cs]e force|"
     r"chief of (the )?(general|defen[cs]e|army|naval|air|armed forces|joint|military)|"
     r"chief of staff of the (army|air|navy|armed|ground|general)|commander|commandant|"
     r"chief of (the )?(army|navy|air force|defence force|defense force)|chairman of the joint chiefs|"
     r"joint chiefs|naval operations|army chief|air chief|chief of defence|chief of defense|"
     r"general staff|marshal|admiral", "MIL"),
    (r"police|gendarmerie", "COP"),
    (r"minist|secretary|cabinet|commissioner|\bbank\b|nationalbank|chancellor of the exchequer|treasurer|governor of the (central|"
     r"national|reserve|state) bank|central bank|national bank|reserve bank|federal reserve|"
     r"monetary authority", None),  # sector ministers: by keyword below
]

SECTORS = [
    (r"defen[cs]e|armed forces|military|army|navy|air force|veterans", "GOVMIL"),
    (r"foreign|external affairs|secretary of state$|international relations", "GOV"),
    (r"financ|treasur|exchequer|econom|trade|commerce|industr|budget|bank|monetary|investment|"
     r"fiscal|revenue|business|enterprise", "GOVBUS"),
    (r"health|medical", "GOVHLH"),
    (r"educat|science|universit|school|research", "GOVEDU"),
    (r"agricult|fisher|food|livestock|farm|forestr|rural", "GOVAGR"),
    (r"labou?r|employment|\bwork\b|workforce", "GOVLAB"),
    (r"environment|climate|ecolog", "GOVENV"),
    (r"information|communications?\b|media|broadcast", "GOVMED"),
    (r"religio|islamic affairs|awqaf|endowments|hajj", "GOVREL"),
    (r"develop|planning", "GOVDEV"),
    (r"human rights", "GOVHRI"),
]


def sector(title):
    t = title.lower()
    for rx, code in RULES:
        if re.search(rx, t):
            if code is not None:
                return code
            for srx, scode in SECTORS:
                if re.search(srx, t):
                    return scode
            return "GOV"
    return "GOV"


def widen(value, last):
    """ISO date for a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` value: the first day
    of the period, or its last day when `last`; None when unreadable."""
    v = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", v)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    try:
        if d is not None:
            return date(y, mo, d).isoformat()
        if mo is not None:
            if not last:
                return date(y, mo, 1).isoformat()
            nxt = date(y + (mo == 12), mo % 12 + 1, 1)
            return (nxt - timedelta(days=1)).isoformat()
        return date(y, 12 if last else 1, 31 if last else 1).isoformat()
    except ValueError:
        return None


def clean_name(name):
    # Labels are plain names; a few carry a disambiguating parenthesis.
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


def main():
    path = sys.argv[1]
    raw = open(path, "rb").read()
    digest = hashlib.sha256(raw).hexdigest()
    rows = list(csv.DictReader(gzip.decompress(raw).decode("utf-8").splitlines()))
    positions = {}  # (title) -> index
    pos_list = []
    people = {}  # qid -> [name, root, spells]
    order = []
    skipped = {"entity": 0, "date": 0}
    for r in rows:
        root = r["country"]
        if len(root) != 3 or not root.isupper():
            if r["repo"] not in NON_ISO:
                raise SystemExit(f"unknown entity {r['repo']}: add it to NON_ISO")
            root = NON_ISO[r["repo"]]
            if root is None:
                skipped["entity"] += 1
                continue
        start = widen(r["start"], False)
        if start is None:
            skipped["date"] += 1
            continue
        end = widen(r["end"], True) if r["end"].strip() else (widen(r["dod"], True) or "")
        if end and end < start:
            skipped["date"] += 1
            continue
        title = r["position"].strip()
        key = (root + sector(title), title)
        if key not in positions:
            positions[key] = len(pos_list)
            pos_list.append(key)
        qid = r["person_qid"]
        if qid not in people:
            people[qid] = [clean_name(r["person"]), [], []]
            order.append(qid)
        people[qid][1].append(root)
        spell = f"{positions[key]}:{start}:{end}"
        if spell not in people[qid][2]:
            people[qid][2].append(spell)
    out = sys.stdout
    out.write(f"#version\t{VERSION}\t{path.rsplit('/', 1)[-1]}\t{digest}\n")
    out.write("# Wikidata office-holders (CC0) via every-politician-scrapers; generated by "
              "scripts/gen_officeholders.py; see data/NOTICE.md and data/README.md.\n")
    out.write(f"# {len(rows)} rows read; {sum(len(p[2]) for p in people.values())} spells of "
              f"{len(people)} people kept; skipped: {skipped['entity']} rows of entities without a "
              f"code, {skipped['date']} rows with unreadable or reversed dates.\n")
    for i, (code, t) in enumerate(pos_list):
        out.write(f"P\t{i}\t{code}\t{t}\n")
    for qid in order:
        name, roots, spells = people[qid]
        root = max(sorted(set(roots)), key=roots.count)
        out.write(f"{qid}\t{name}\t{root}\t{';'.join(spells)}\n")


if __name__ == "__main__":
    main()
