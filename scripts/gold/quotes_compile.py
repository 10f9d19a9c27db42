#!/usr/bin/env python3
"""Compile attribution annotations to the gold JSONL `entente eval quotes` reads.

Input: DOCS.jsonl (from quotes_sample.py: id, source, part, stratum, text)
and ANNOTATIONS.txt, one block per document:

    @ DOC-ID
    TYPE | speaker as written | actor name | flags | content

TYPE is D (direct), M (mixed), I (indirect) or T (transcript turn
paragraphs). flags are comma-separated: `anon`, `belief` (cue_class belief;
speech otherwise), `cue=WORDS`, `hedge=WORDS`, `out=OUTLET`, `code=CAMEO`,
`turn` (a D line that is a transcript turn's speech), `p=N` (look for the content in paragraph N only, counted from 0 as in the
sample sheets). The content is `first words...last words` (one span; or the
literal text), spans joined by ` || `; for T it is a list of paragraph
numbers and ranges (`3-5,8`), each paragraph one attribution with its label
left out. A line `# …` is a comment; a document with no lines has no
attributions (still a gold document).

Offsets are UTF-8 byte offsets into `text`. Output goes to stdout; any
content that cannot be found stops the run with the line number.

Usage: scripts/gold/quotes_compile.py DOCS.jsonl ANNOTATIONS.txt > OUT.jsonl
"""
import json, re, sys

def label_end(para):
    """Length of a leading speaker label ("MS. PSAKI: ", "PRESIDENT LÓPEZ
    OBRADOR: ", "Q "), 0 when the paragraph has none."""
    m = re.match(r"Q[:.]?\s+", para)
    if m:
        return m.end()
    i = para.find(":")
    if 0 < i and len(para[:i].split()) <= 6 and para[:i] == para[:i].upper() and any(c.isalpha() for c in para[:i]):
        j = i + 1
        while j < len(para) and para[j] == " ":
            j += 1
        return j
    return 0


def paras(text):
    out, pos = [], 0
    for p in text.split("\n\n"):
        out.append((pos, pos + len(p)))
        pos += len(p) + 2
    return out


def die(n, msg):
    sys.exit(f"annotations:{n}: {msg}")


def find_span(text, lo, hi, spec, n):
    if "..." in spec:
        first, last = spec.split("...", 1)
    else:
        first, last = spec, ""
    first, last = first.strip(), last.strip()
    i = text.find(first, lo, hi)
    if i < 0:
        die(n, f"start not found: {first!r}")
    if text.find(first, i + 1, hi) >= 0 and hi - lo > 4000:
        print(f"annotations:{n}: note: {first!r} occurs more than once, first taken", file=sys.stderr)
    if not last:
        return i, i + len(first)
    j = text.find(last, i + len(first) - len(last) if len(last) < len(first) else i, hi)
    if j < 0:
        die(n, f"end not found after start: {last!r}")
    return i, j + len(last)


def char_to_byte(text):
    m, b = [], 0
    for ch in text:
        m.append(b)
        b += len(ch.encode())
    m.append(b)
    return m


def main():
    docs_f, ann_f = sys.argv[1:3]
    docs = {}
    order = []
    for line in open(docs_f):
        if line.strip():
            d = json.loads(line)
            docs[d["id"]] = d
            order.append(d["id"])
    ann = {}
    cur = None
    for n, line in enumerate(open(ann_f), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            cur = line[2:].strip()
            if cur not in docs:
                die(n, f"unknown document {cur}")
            ann.setdefault(cur, [])
            continue
        if cur is None:
            die(n, "line before any @ document")
        parts = [p.strip() for p in line.split(" | ")]
        if len(parts) != 5:
            die(n, f"expected 5 fields, got {len(parts)}")
        ann[cur].append((n, parts))
    for did in order:
        d = docs[did]
        if did not in ann:
            print(f"note: {did} not annotated, left out", file=sys.stderr)
            continue
        text = d["text"]
        b = char_to_byte(text)
        ps = paras(text)
        quotes = []
        for n, (kind, speaker, actor, flags, content) in ann[did]:
            fl = {}
            for f in [f.strip() for f in flags.split(",") if f.strip()]:
                k, _, v = f.partition("=")
                fl[k] = v if v else True
            def rec(spans, kind_word, turn=False):
                return {
                    "quote": " ".join(text[s:e] for s, e in spans),
                    "quote_spans": [{"start": b[s], "end": b[e]} for s, e in spans],
                    "type": kind_word,
                    "speaker": speaker or None,
                    "speaker_actor": {"name": actor, "code": fl.get("code")} if actor else None,
                    "cue": fl.get("cue"),
                    "cue_class": "belief" if fl.get("belief") else "speech",
                    "anonymous": bool(fl.get("anon")),
                    "outlet": fl.get("out"),
                    "hedge": fl.get("hedge"),
                    **({"turn": True} if turn else {}),
                }
            if kind == "T":
                nums = []
                for r in content.split(","):
                    a, _, z = r.strip().partition("-")
                    nums.extend(range(int(a), int(z or a) + 1))
                for k in nums:
                    if k >= len(ps):
                        die(n, f"no paragraph {k}")
                    lo, hi = ps[k]
                    s = lo + label_end(text[lo:hi])
                    if s >= hi:
                        die(n, f"paragraph {k} is only a label")
                    quotes.append(rec([(s, hi)], "direct", turn=True))
                continue
            kw = {"D": "direct", "M": "mixed", "I": "indirect"}.get(kind)
            if kw is None:
                die(n, f"unknown type {kind}")
            lo, hi = 0, len(text)
            if "p" in fl:
                lo, hi = ps[int(fl["p"])]
            spans = []
            for spec in content.split(" || "):
                s, e = find_span(text, lo, hi, spec, n)
                spans.append((s, e))
                lo = e if "p" not in fl else lo
            quotes.append(rec(spans, kw, turn=bool(fl.get("turn"))))
        out = {k: d[k] for k in ("id", "source", "part", "stratum", "title", "date") if k in d}
        out["text"] = text
        out["quotes"] = quotes
        print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
