#!/usr/bin/env python3
"""Seeded sample of documents for the attribution (quote) gold set (issue 17).

Draws documents at random (seed fixed below) from the shared corpora, leaving
out those already in crates/quotes/testdata/{gold,heldout}.jsonl:

- voa-2025: reported speech in wire-style news;
- Wikinews: reported speech and quotes;
- White House statements and releases that quote someone (a quote mark);
- White House transcripts: remarks with speaker labels of at most 1,500
  words, and press briefings, cut to their first paragraphs up to ~1,100
  words at a paragraph boundary (a whole briefing is 5,000-15,000 words).

Splits the new documents into dev and test parts by document, seeded, within
each stratum. Writes OUT/docs.jsonl ({"id","source","part","stratum","title","date","text"})
and one OUT/<n>-<id>.txt per document with numbered paragraphs to annotate.

Usage: scripts/gold/quotes_sample.py SHARED_DIR OUT_DIR
"""
import gzip, json, os, random, re, sys

SEED = 20261208
TEST_SHARE = 0.6
PLAN = [  # (stratum, corpus file, how many)
    ("voa", "voa-2025.jsonl.gz", 14),
    ("wikinews", "wikinews-2019-2020.jsonl.gz", 12),
    ("wh-statement", "whitehouse-briefing-room.jsonl.gz", 4),
    ("wh-remarks", "whitehouse-briefing-room.jsonl.gz", 6),
    ("wh-briefing", "whitehouse-briefing-room.jsonl.gz", 6),
]
LABEL = re.compile(r"(?m)^(?:Q[:.]?\s|(?:[A-Z][A-Z.'\-]+ ){0,5}[A-Z][A-Z.'\-]+:)")
EXCERPT_WORDS = 1100


def words(t):
    return len(t.split())


def excerpt(text):
    out, n = [], 0
    for p in text.split("\n\n"):
        if n >= EXCERPT_WORDS and out:
            break
        out.append(p)
        n += words(p)
    return "\n\n".join(out)


def keep(stratum, d):
    t = d["text"]
    if stratum == "voa":
        return True
    if stratum == "wikinews":
        return 120 <= words(t) <= 1200
    cat = d.get("category")
    if stratum == "wh-statement":
        return cat in ("statements-releases", "briefings-statements", "releases") and "\u201c" in t and 150 <= words(t) <= 900 and len(LABEL.findall(t)) < 2
    if stratum == "wh-remarks":
        return cat in ("speeches-remarks", "remarks") and words(t) <= 1500 and len(LABEL.findall(t)) >= 3
    if stratum == "wh-briefing":
        return cat == "press-briefings" and len(LABEL.findall(t)) >= 5
    raise ValueError(stratum)


def main():
    shared, out = sys.argv[1:3]
    here = os.path.dirname(os.path.abspath(__file__))
    td = os.path.join(here, "..", "..", "crates", "quotes", "testdata")
    taken = set()
    for f in ("gold.jsonl", "heldout.jsonl"):
        for line in open(os.path.join(td, f)):
            if line.strip():
                taken.add(json.loads(line)["id"])
    rng = random.Random(SEED)
    os.makedirs(out, exist_ok=True)
    cache = {}
    rows = []
    for stratum, fname, n in PLAN:
        if fname not in cache:
            with gzip.open(os.path.join(shared, "data", "corpus", fname), "rt") as f:
                cache[fname] = [json.loads(l) for l in f]
        pool = [d for d in cache[fname] if d["id"] not in taken and keep(stratum, d)]
        pool.sort(key=lambda d: d["id"])
        pick = rng.sample(pool, n)
        n_test = round(n * TEST_SHARE)
        for i, d in enumerate(pick):
            taken.add(d["id"])
            text = excerpt(d["text"]) if stratum == "wh-briefing" else d["text"]
            rows.append({"id": d["id"], "source": d["url"], "part": "test" if i < n_test else "dev",
                         "stratum": stratum, "title": d.get("title"), "date": d.get("date"), "text": text})
    with open(os.path.join(out, "docs.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for k, r in enumerate(rows):
        with open(os.path.join(out, f"{k:02d}-{r['part']}-{r['stratum']}.txt"), "w") as f:
            f.write(f"@ {r['id']}\n")
            for j, p in enumerate(r["text"].split("\n\n")):
                f.write(f"[{j}] {p}\n")
    print(len(rows), "documents;", sum(r["part"] == "test" for r in rows), "test")


if __name__ == "__main__":
    main()
