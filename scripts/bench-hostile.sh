#!/usr/bin/env bash
# Runs every hostile input of issue 19 next to five good Wikinews documents,
# each as `entente run good5.jsonl BAD --db fresh.db`, and prints the exit
# code, wall time and peak RSS (/usr/bin/time -v) and what was stored. The
# inputs are generated in a temporary folder (about 170 MB) and removed.
#
#   scripts/bench-hostile.sh [ENTENTE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/entente}"
[ -x "$bin" ] || { echo "build first: cargo build --release -p entente" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
head -5 examples/corpus/wikinews-sample.jsonl > "$dir/good5.jsonl"
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
def rep(name, parts):
    with open(f"{d}/{name}", "w") as f:
        for s, n in parts:
            f.write(s * n)
def jsonl(name, text):
    with open(f"{d}/{name}", "w") as f:
        f.write(json.dumps({"url": f"http://example.org/{name}", "title": "t", "date": "2014-01-01", "text": text}) + "\n")
rep("nested-divs.html", [("<html><body>", 1), ("<div>", 100_000), ("Iran condemned the strikes.", 1), ("</div>", 100_000)])
rep("quote-pairs.txt", [("' \u201c he said \u201d ' ", 2000)])
p = "<p>Iran condemned the strikes on Monday. The United States urged restraint.</p>\n"
rep("page-100mb.html", [("<html><body>", 1), (p, 100_000_000 // len(p)), ("</body></html>", 1)])
u = "Iran condemned the strikes. "
rep("line-50mb.txt", [(u, 50_000_000 // len(u))])
jsonl("events-200k.jsonl", "Iran condemned the United States. " * 200_000)
u = "Iran condemned the United States and he said that they attacked them while "
jsonl("no-full-stop-1mb.jsonl", u * (1_000_000 // len(u)))
u = "The minister met Obama. He said she attacked them. The official condemned it and the leader, who praised him, urged restraint. "
jsonl("pronouns-1mb.jsonl", u * (1_000_000 // len(u)))
PY
printf '%-24s %5s %8s %8s %5s %9s  %s\n' input exit wall_s rss_mb docs events warnings
for f in nested-divs.html quote-pairs.txt page-100mb.html line-50mb.txt events-200k.jsonl no-full-stop-1mb.jsonl pronouns-1mb.jsonl; do
  db="$dir/fresh.db"
  rm -f "$db"
  set +e
  /usr/bin/time -v "$bin" run "$dir/good5.jsonl" "$dir/$f" --db "$db" -q 2>"$dir/time.txt"
  code=$?
  set -e
  wall=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$dir/time.txt")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$dir/time.txt")
  q() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$db" "$1"; }
  printf '%-24s %5s %8s %8s %5s %9s  %s\n' "$f" "$code" "$wall" "$rss" "$(q 'SELECT COUNT(*) FROM documents')" \
    "$(q 'SELECT COUNT(*) FROM event_mentions')" "$(q "SELECT COUNT(*) FROM warnings")"
done
