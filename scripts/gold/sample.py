#!/usr/bin/env python3
"""Seeded sample of documents for the event gold set (issue 14).

Draws documents at random (seed fixed below) from the shared corpora —
voa-2025 first, then Wikinews, then news-like White House sections — splits
each into sentences with entente's own splitter (`entente parse`), and writes
one annotation sheet per document: the document text the pipeline sees
(title, blank line, body) and every sentence with its byte span in it.

Usage: scripts/gold/sample.py SHARED_DIR ENTENTE_BIN OUT_DIR
The split into train/test parts is by document and also seeded.
"""
import gzip, json, random, subprocess, sys, os

SEED = 20261207
PLAN = [  # (corpus file, how many documents, filter)
    ("voa-2025.jsonl.gz", 48, None),
    ("wikinews-2019-2020.jsonl.gz", 20, None),
    ("whitehouse-briefing-room.jsonl.gz", 12, "wh"),
]
TEST_SHARE = 0.4


def wh_ok(d):
    # News-like White House items of ordinary length; transcripts and legal
    # texts are left to the robustness tests.
    return d.get("category") in ("statements-releases", "briefings-statements") and 150 <= len(d["text"].split()) <= 900


def sentences(binary, text):
    out = subprocess.run([binary, "parse", "-"], input=text.encode(), capture_output=True, check=True).stdout.decode()
    return [l[len("# text = "):] for l in out.splitlines() if l.startswith("# text = ")]


def spans(text, sents):
    """Byte spans of each sentence in text, found left to right; a sentence
    whose text the parser normalised (whitespace) is matched token-wise."""
    b = text.encode()
    pos, res = 0, []
    for s in sents:
        sb = s.encode()
        i = b.find(sb, pos)
        if i < 0:
            # fall back: first and last word
            words = s.split()
            i = b.find(words[0].encode(), pos)
            j = b.find(words[-1].encode(), i) + len(words[-1].encode())
            res.append((i, j))
            pos = j
            continue
        res.append((i, i + len(sb)))
        pos = i + len(sb)
    return res


def main():
    shared, binary, out = sys.argv[1:4]
    rng = random.Random(SEED)
    os.makedirs(out, exist_ok=True)
    manifest = []
    for fname, n, flt in PLAN:
        with gzip.open(os.path.join(shared, "data/corpus", fname), "rt") as f:
            docs = [json.loads(l) for l in f]
        if flt == "wh":
            docs = [d for d in docs if wh_ok(d)]
        docs.sort(key=lambda d: d["id"])
        picked = rng.sample(docs, n)
        for d in picked:
            title = (d.get("title") or "").strip()
            body = d["text"]
            text = (title + "\n\n" + body) if title and not body.lstrip().startswith(title) else body
            sents = sentences(binary, text)
            sp = spans(text, sents)
            sheet = {
                "id": d["id"], "url": d["url"], "date": d.get("date"), "title": title,
                "corpus": fname.split(".")[0], "license": d.get("license"), "text": text,
                "sentences": [{"i": k, "start": a, "end": e, "text": text.encode()[a:e].decode(errors="replace")}
                              for k, (a, e) in enumerate(sp)],
            }
            manifest.append(sheet)
    rng.shuffle(manifest)
    # stratified split by corpus
    by = {}
    for s in manifest:
        by.setdefault(s["corpus"], []).append(s)
    for c, lst in by.items():
        k = round(len(lst) * TEST_SHARE)
        for j, s in enumerate(lst):
            s["part"] = "test" if j < k else "train"
    manifest.sort(key=lambda s: (s["part"], s["corpus"], s["id"]))
    with open(os.path.join(out, "documents.jsonl"), "w") as f:
        for s in manifest:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    n_s = sum(len(s["sentences"]) for s in manifest)
    print(f"{len(manifest)} documents, {n_s} sentences", file=sys.stderr)
    for part in ("train", "test"):
        ps = [s for s in manifest if s["part"] == part]
        print(part, len(ps), sum(len(s["sentences"]) for s in ps), file=sys.stderr)


if __name__ == "__main__":
    main()
