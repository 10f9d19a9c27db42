#!/usr/bin/env python3
"""Builds gold.jsonl from the two annotations and the adjudicated disputes.

Usage: scripts/gold/adjudicate.py A.jsonl B.jsonl RESOLVED.jsonl DOCUMENTS.jsonl OUT.jsonl

A sentence the annotators agreed on fully (every event matched one-to-one at
country level and root, with the same 3-digit code and modality: see
agreement.py) keeps annotator a's events; a disputed sentence takes the
adjudicator's decision. Fails if a disputed sentence has no decision.
"""
import json, sys


def load(p):
    return {(r["doc"], r["sent"]): r for r in (json.loads(l) for l in open(p) if l.strip())}


def main():
    a, b, res = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
    docs = [json.loads(l) for l in open(sys.argv[4])]
    n = taken = 0
    with open(sys.argv[5], "w") as f:
        for d in docs:
            for s in d["sentences"]:
                k = (d["id"], s["i"])
                if k in res:
                    ev, src = res[k]["events"], "adjudicated"
                    taken += 1
                else:
                    ev, src = a[k]["events"], "agreed"
                for e in ev:
                    for key in ("source", "target"):
                        if e.get(key) == "":
                            e[key] = None
                f.write(json.dumps({"doc": d["id"], "sent": s["i"], "events": ev, "from": src}, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} sentences, {taken} adjudicated", file=sys.stderr)


if __name__ == "__main__":
    main()
