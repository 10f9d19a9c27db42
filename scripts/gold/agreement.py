#!/usr/bin/env python3
"""Inter-annotator agreement on the event gold set, and the adjudication
sheets of the sentences the two annotators disagree on.

Usage: scripts/gold/agreement.py A.jsonl B.jsonl DOCUMENTS.jsonl [--json OUT] [--disputes OUT]

Agreement is measured the way `entente eval events --gold` scores the coder
(crates/events/src/gold.rs): events of one sentence match one-to-one when
both actors agree at country level and the CAMEO root agrees (consultations,
root 04, in either direction). Reported: dyadic-event F1 of B against A (the
measure is symmetric), 3-digit and modality agreement on matched pairs, all
events (one-sided too), and Cohen's kappa of "this sentence states an event".
"""
import json, sys


def country_level(c):
    c = (c or "").strip().upper()
    if not c:
        return None
    if c[:3] in ("IGO", "IMG", "NGO", "MNC") or len(c) <= 3:
        return c
    return c[:3]


def load(p):
    out = {}
    for l in open(p):
        if l.strip():
            r = json.loads(l)
            out[(r["doc"], r["sent"])] = r.get("events") or []
    return out


def match(ga, gb, dyadic):
    keep = lambda e: not dyadic or (e.get("source") and e.get("target"))
    A = [e for e in ga if keep(e)]
    B = [e for e in gb if keep(e)]
    taken, pairs = set(), []
    for strict in (True, False):
        for j, b in enumerate(B):
            if any(p[1] == j for p in pairs):
                continue
            for i, a in enumerate(A):
                if i in taken or a["code"][:2] != b["code"][:2]:
                    continue
                if strict and a["code"][:3] != b["code"][:3]:
                    continue
                sa, ta = country_level(a.get("source")), country_level(a.get("target"))
                sb, tb = country_level(b.get("source")), country_level(b.get("target"))
                if (sa, ta) == (sb, tb) or (a["code"][:2] == "04" and (sa, ta) == (tb, sb)):
                    taken.add(i)
                    pairs.append((i, j))
                    break
    return A, B, pairs


def main():
    a, b, docs = load(sys.argv[1]), load(sys.argv[2]), sys.argv[3]
    opts = dict(zip(sys.argv[4::2], sys.argv[5::2]))
    sheets = [json.loads(l) for l in open(docs)]
    res = {}
    disputes = []
    for dyadic in (True, False):
        na = nb = m = m3 = mm = 0
        for s in sheets:
            for sent in s["sentences"]:
                k = (s["id"], sent["i"])
                A, B, pairs = match(a.get(k, []), b.get(k, []), dyadic)
                na, nb, m = na + len(A), nb + len(B), m + len(pairs)
                for i, j in pairs:
                    m3 += A[i]["code"][:3] == B[j]["code"][:3]
                    mm += A[i].get("modality") == B[j].get("modality")
                if not dyadic:
                    full = len(pairs) == len(A) == len(B) and all(
                        A[i]["code"][:3] == B[j]["code"][:3] and A[i].get("modality") == B[j].get("modality")
                        for i, j in pairs)
                    if not full:
                        disputes.append({"doc": s["id"], "sent": sent["i"], "part": s["part"], "text": sent["text"],
                                         "a": a.get(k, []), "b": b.get(k, [])})
        p = m / nb if nb else 0
        r = m / na if na else 0
        res["dyadic" if dyadic else "all"] = {
            "a_events": na, "b_events": nb, "matched": m,
            "f1": 2 * p * r / (p + r) if p + r else 0,
            "code3_agreement": m3 / m if m else 0, "modality_agreement": mm / m if m else 0}
    # kappa on "sentence states an event"
    n = xa = xb = both = neither = 0
    for s in sheets:
        for sent in s["sentences"]:
            k = (s["id"], sent["i"])
            ea, eb = bool(a.get(k)), bool(b.get(k))
            n += 1; xa += ea; xb += eb; both += ea and eb; neither += (not ea) and (not eb)
    po = (both + neither) / n
    pe = (xa / n) * (xb / n) + (1 - xa / n) * (1 - xb / n)
    res["sentence_has_event"] = {"sentences": n, "a": xa, "b": xb, "observed": po, "kappa": (po - pe) / (1 - pe)}
    res["disputed_sentences"] = len(disputes)
    print(json.dumps(res, indent=1))
    if "--json" in opts:
        json.dump(res, open(opts["--json"], "w"), indent=1)
    if "--disputes" in opts:
        with open(opts["--disputes"], "w") as f:
            for d in disputes:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
