#!/usr/bin/env bash
# Bounded load test of the API reads (issues 18 and 19): fills a store with
# the first N White House documents (default 2,000) through `entente run`,
# starts `entente serve` on loopback and has C keep-alive connections send
# GETs for S seconds (crates/serve/examples/load.rs): by default the
# requests of a dashboard session (start-up, slider moves, top-N, search,
# node/edge clicks, "why", table pages, filters), or only the PATHs given.
# Prints per-endpoint rate and latency percentiles and the load average;
# fails when an endpoint's p99 exceeds P99_MS (default 50), the rate is under
# MIN_RPS (default 0) or a request fails.
#
# usage: scripts/bench-dashboard.sh [N_DOCS] [SECONDS] [CONNS] [P99_MS] [MIN_RPS] [PATH...]
#   e.g. scripts/bench-dashboard.sh 2000 10 4                      (dashboard session)
#        scripts/bench-dashboard.sh 2000 10 32 50 500 /api/report  (issue 19's bar)
#   ENTENTE_CORPUS=path.jsonl[.gz]  corpus (default ../shared/data/corpus/
#                                   whitehouse-briefing-room.jsonl.gz, else examples/)
#   ENTENTE_BENCH_DB=path.db        reuse (or keep) the store instead of a temporary one
#   ENTENTE_CACHE_MB=N              the server's response cache (0: off, to
#                                   measure every read computed afresh)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
secs=${2:-10}
conns=${3:-4}
p99=${4:-50}
rps=${5:-0}
shift $(( $# < 5 ? $# : 5 ))
paths=()
for p in "$@"; do paths+=(--path "$p"); done
# Two commands: `--example` would restrict a joint build to the examples
# (and leave a stale `entente` binary).
cargo build --release -q -p entente --bin entente
cargo build --release -q -p entente-serve --example load
bin=target/release/entente
load=target/release/examples/load
work=$(mktemp -d /tmp/entente-bench.XXXXXX)
server=
cleanup() {
  # `|| true`: under `set -e`, the killed server's status (143) would
  # otherwise become the script's.
  if [ -n "$server" ]; then kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; fi
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

cache=()
[ -n "${ENTENTE_CACHE_MB:-}" ] && cache=(--cache-mb "$ENTENTE_CACHE_MB")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --db "$db" --addr "127.0.0.1:$port" "${cache[@]}" >"$work/serve.log" 2>&1 &
server=$!
# The server announces itself once it listens.
for _ in $(seq 1 600); do
  grep -q serving "$work/serve.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/api/report" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("bench: store of %d documents, %d event mentions, %d canonical events" % (r["documents"], r["event_mentions"], r["events"]))' >&2
echo "bench: before: $(uptime)" >&2
status=0
"$load" "http://127.0.0.1:$port" --seconds "$secs" --conns "$conns" --max-p99 "$p99" --min-rps "$rps" "${paths[@]}" || status=$?
echo "bench: after: $(uptime)" >&2
exit "$status"
