#!/usr/bin/env python3
"""Assemble crates/quotes/testdata/attribution.jsonl: the earlier quote sets
(gold.jsonl, heldout.jsonl; both in the dev part, since rules were written
from them) followed by the newly sampled and compiled documents.

Usage: scripts/gold/quotes_assemble.py NEW.jsonl > crates/quotes/testdata/attribution.jsonl
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
td = os.path.join(here, "..", "..", "crates", "quotes", "testdata")
for name, stratum in (("gold.jsonl", "quotes-dev"), ("heldout.jsonl", "quotes-heldout")):
    for line in open(os.path.join(td, name)):
        if line.strip():
            d = json.loads(line)
            d = {"id": d["id"], "source": d.get("source"), "part": "dev", "stratum": stratum,
                 **{k: v for k, v in d.items() if k not in ("id", "source")}}
            print(json.dumps(d, ensure_ascii=False))
for line in open(sys.argv[1]):
    if line.strip():
        print(line.rstrip("\n"))
