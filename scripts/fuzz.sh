#!/usr/bin/env bash
# Builds the cargo-fuzz targets in fuzz/ and runs each for SECONDS (default
# 30), one after the other, starting from the committed seeds
# (fuzz/seeds/TARGET) plus what earlier runs found (fuzz/corpus/TARGET, not
# committed). A crash stops the script with a non-zero exit; libFuzzer saves
# the input under fuzz/artifacts/TARGET/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs cargo-fuzz (installed from crates.io when missing) and a nightly
# toolchain; without one, the stable toolchain is used with
# RUSTC_BOOTSTRAP=1 (cargo-fuzz passes unstable flags to rustc).
#
# Build choices: no sanitizer (`-s none`): the code under test is safe Rust,
# whose memory errors ASan would catch are already impossible, and ASan
# roughly halves the executions per second and lengthens the build;
# optimised with debug assertions and overflow checks on (cargo-fuzz's
# default), so an arithmetic overflow on crafted input is a crash; 16
# codegen units to keep the instrumented build near 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(html text jsonl warc conllu petrarch quotes pipeline)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install --locked cargo-fuzz
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  tc=(+nightly)
else
  echo "fuzz: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
  tc=()
fi
flags=(-s none --codegen-units 16)

cargo "${tc[@]}" fuzz build "${flags[@]}"
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "fuzz: $t for ${secs} s"
  start=$(date +%s)
  # -timeout: an input taking longer than 20 s counts as a hang (crash);
  # -rss_limit_mb: more than 2 GB for one input counts as a crash too.
  cargo "${tc[@]}" fuzz run "${flags[@]}" "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 2>"corpus/$t.log" || {
      tail -40 "corpus/$t.log"
      echo "fuzz: $t FAILED (input saved under fuzz/artifacts/$t/)"
      exit 1
    }
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "corpus/$t.log" | tr '\n' ' '
  echo "($(( $(date +%s) - start )) s)"
done
echo "fuzz: ok (${#targets[@]} targets, ${secs} s each)"
