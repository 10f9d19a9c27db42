#!/usr/bin/env bash
# Articles/s of `entente run` with 1, 2 and 4 concurrent worker processes
# (each single-threaded, -j 1) into SQLite and into PostgreSQL, on the same
# corpus. Workers get overlapping shards, as on a real backfill where inputs
# are handed out loosely; the claims table keeps them from doubling work.
#
# usage: scripts/bench-scaling.sh [N_DOCS] (default 1200, from ../shared or examples/)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1200}
bin=target/release/entente
[ -x "$bin" ] || cargo build --release -q
work=$(mktemp -d /tmp/entente-scaling.XXXXXX)
trap 'stop_postgres 2>/dev/null; rm -rf "$work"' EXIT
. .ci/postgres.sh
start_postgres >/dev/null

corpus=../shared/data/corpus/whitehouse-briefing-room.jsonl.gz
if [ -f "$corpus" ]; then
  gzip -dc "$corpus" | grep -E '"category": ?"(statements-releases|briefings-statements)"' | head -n "$n" > "$work/corpus.jsonl" || true
else
  cat examples/corpus/*.jsonl | head -n "$n" > "$work/corpus.jsonl"
fi
docs=$(wc -l < "$work/corpus.jsonl")

# k shards, each a different rotation of the whole corpus (fully overlapping).
shard() { # k i
  local k=$1 i=$2 skip=$(( docs * $2 / $1 ))
  tail -n +$((skip + 1)) "$work/corpus.jsonl" > "$work/s$k-$i.jsonl"
  head -n "$skip" "$work/corpus.jsonl" >> "$work/s$k-$i.jsonl"
}

run_workers() { # db k
  local db=$1 k=$2 pids=()
  local t0=$(date +%s.%N)
  for i in $(seq 0 $((k - 1))); do
    "$bin" run -q -j 1 --db "$db" "$work/s$k-$i.jsonl" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  local t1=$(date +%s.%N)
  python3 -c "print(f'{$docs/($t1-$t0):.1f}')"
}

echo "corpus: $docs articles; machine: $(nproc) cores"
printf "%-8s %-12s %-12s\n" workers sqlite postgres
for k in 1 2 4; do
  for i in $(seq 0 $((k - 1))); do shard $k $i; done
  s=$(run_workers "$work/w$k.db" $k)
  name="entente_scaling_$k"
  psql -q "$ENTENTE_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  p=$(run_workers "${ENTENTE_TEST_POSTGRES%/*}/$name" $k)
  printf "%-8s %-12s %-12s\n" "$k" "$s/s" "$p/s"
done
