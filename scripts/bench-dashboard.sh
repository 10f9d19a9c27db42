#!/usr/bin/env bash
# Bounded load test of the API reads behind the dashboard: fills a store with
# the first N White House documents (default 2,000) through `entente run`,
# starts `entente serve` on loopback, replays a dashboard session's requests
# (start-up, slider moves, top-N, search, node/edge clicks, "why", table
# pages, filters) from C keep-alive connections for S seconds, and fails when
# any endpoint's p99 latency exceeds P99_MS (default 50).
#
# usage: scripts/bench-dashboard.sh [N_DOCS] [SECONDS] [CONNS] [P99_MS]
#   ENTENTE_CORPUS=path.jsonl[.gz]  corpus (default ../shared/data/corpus/
#                                   whitehouse-briefing-room.jsonl.gz, else examples/)
#   ENTENTE_BENCH_DB=path.db        reuse (or keep) the store instead of a temporary one
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
secs=${2:-10}
conns=${3:-4}
p99=${4:-50}
cargo build --release -q -p entente -p entente-serve --example load
bin=target/release/entente
load=target/release/examples/load
work=$(mktemp -d /tmp/entente-dash.XXXXXX)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

db=${ENTENTE_BENCH_DB:-$work/bench.db}
if [ ! -s "$db" ]; then
  corpus=${ENTENTE_CORPUS:-../shared/data/corpus/whitehouse-briefing-room.jsonl.gz}
  if [ -f "$corpus" ]; then
    case "$corpus" in
      *.gz) gzip -dc "$corpus" | head -n "$n" > "$work/corpus.jsonl" || true ;;
      *) head -n "$n" "$corpus" > "$work/corpus.jsonl" ;;
    esac
  else
    echo "bench: $corpus not found, using examples/ (fewer documents)" >&2
    cat examples/corpus/*.jsonl | head -n "$n" > "$work/corpus.jsonl"
  fi
  echo "bench: entente run on $(wc -l < "$work/corpus.jsonl") documents" >&2
  "$bin" run -q --db "$db" "$work/corpus.jsonl" >/dev/null
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --db "$db" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/api/report" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("bench: store of %d documents, %d event mentions" % (r["documents"], r["event_mentions"]))' >&2
"$load" "http://127.0.0.1:$port" "$secs" "$conns" "$p99"
