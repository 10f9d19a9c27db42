#!/usr/bin/env bash
# Bounded load test of /api/report (issue 19): fills a store with the first N
# White House documents (default 2,000) through `entente run`, starts
# `entente serve` on loopback, and has C keep-alive connections (default 32)
# GET /api/report for S seconds (default 10). Fails when p99 latency exceeds
# P99_MS (default 50) or the rate is under MIN_RPS (default 500/s).
#
# usage: scripts/bench-report.sh [N_DOCS] [SECONDS] [CONNS] [P99_MS] [MIN_RPS]
#   ENTENTE_CORPUS=path.jsonl[.gz]  corpus (default ../shared/data/corpus/
#                                   whitehouse-briefing-room.jsonl.gz, else examples/)
#   ENTENTE_BENCH_DB=path.db        reuse (or keep) the store instead of a temporary one
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
secs=${2:-10}
conns=${3:-32}
p99=${4:-50}
rps=${5:-500}
cargo build --release -q -p entente -p entente-serve --example hammer
bin=target/release/entente
hammer=target/release/examples/hammer
work=$(mktemp -d /tmp/entente-report.XXXXXX)
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
# The server announces itself once it listens.
for _ in $(seq 1 600); do
  grep -q serving "$work/serve.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
"$hammer" "http://127.0.0.1:$port" /api/report "$secs" "$conns" "$p99" "$rps"
