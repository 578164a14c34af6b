#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers and share links (cargo-fuzz / libFuzzer).
#
#   fuzz/run.sh [SECONDS] [TARGET]
#
# SECONDS: how long libFuzzer runs (default 300). TARGET: markdown (default), json, fragment,
# or all (each of the three for SECONDS, one after another). Environment: FUZZ_MAX_LEN (largest
# input, default 8192 bytes), FUZZ_SANITIZER (cargo-fuzz's --sanitizer, default none: the code
# under test is safe Rust, and ASan halves the speed), FUZZ_ARGS (more libFuzzer flags).
#
# Seeds are rebuilt into fuzz/corpus/<target>/ on every run (never committed): pieces of the real
# reports in ../shared/corpus (lima/*.md, rendered/*.txt) and public/reviews/*.md, their JSON
# from the CLI (`deep-review parse`, release build), and their `#z=` share links.
# Everything runs at nice 19, one fuzz process at a time.
set -euo pipefail

SECONDS_PER_TARGET=${1:-300}
TARGET=${2:-markdown}
FUZZ_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$FUZZ_DIR")
SHARED="$ROOT/../shared/corpus"

case "$TARGET" in
  markdown | json | fragment) TARGETS=("$TARGET") ;;
  all) TARGETS=(markdown json fragment) ;;
  *) echo "usage: fuzz/run.sh [SECONDS] [markdown|json|fragment|all]" >&2; exit 2 ;;
esac
if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]]; then
  echo "fuzz/run.sh: SECONDS must be a whole number, got '$SECONDS_PER_TARGET'" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz/run.sh: cargo-fuzz is missing; install it with: nice -n 19 cargo install cargo-fuzz" >&2
  exit 2
fi

# cargo-fuzz passes nightly-only -Z flags to rustc; RUSTC_BOOTSTRAP lets stable Rust accept them.
export RUSTC_BOOTSTRAP=1

# The real reports, as a list of files (missing folders are skipped with a note).
sources=()
for pattern in "$SHARED/lima/*.md" "$SHARED/rendered/*.txt" "$ROOT/public/reviews/*.md"; do
  found=0
  for f in $pattern; do
    [ -f "$f" ] && sources+=("$f") && found=1
  done
  [ "$found" = 1 ] || echo "fuzz/run.sh: no seeds at $pattern (skipped)" >&2
done

if [ ${#sources[@]} -eq 0 ]; then
  echo "fuzz/run.sh: no reports to seed from (expected ../shared/corpus or public/reviews)" >&2
  exit 2
fi

MAX_LEN=${FUZZ_MAX_LEN:-8192}
SEEDS="$FUZZ_DIR/corpus/seeds" # the pieces of the real reports, shared by the three targets

# Reports are 12-100 KB; libFuzzer works best on a few KB and cuts inputs over -max_len, so
# seeds.py cuts every report into pieces that each keep the title line (see seeds.py).
make_pieces() {
  rm -rf "$SEEDS"
  python3 "$FUZZ_DIR/seeds.py" split "$SEEDS" "$MAX_LEN" "${sources[@]}"
  echo "fuzz/run.sh: $(find "$SEEDS" -type f | wc -l) seed pieces from ${#sources[@]} reports" >&2
}

seed_markdown() {
  mkdir -p "$FUZZ_DIR/corpus/markdown"
  cp "$SEEDS"/* "$FUZZ_DIR/corpus/markdown/"
}

seed_json() {
  local dir="$FUZZ_DIR/corpus/json" n=0 cli
  mkdir -p "$dir"
  # The target also round-trips Markdown through JSON, so the Markdown pieces belong here too.
  cp "$SEEDS"/* "$dir/"
  (cd "$ROOT" && nice -n 19 cargo build --quiet --release --bin deep-review)
  cli="${CARGO_TARGET_DIR:-$ROOT/target}/release/deep-review" # = cargo run --release --bin deep-review
  for f in "$SEEDS"/*; do
    if nice -n 19 "$cli" parse "$f" >"$dir/$(basename "$f").json" 2>/dev/null; then
      n=$((n + 1))
    else
      rm -f "$dir/$(basename "$f").json" # not a Deep Review (a Supply Chain Scan): no JSON seed
    fi
  done
  echo "fuzz/run.sh: $n JSON seeds from \`deep-review parse\`" >&2
}

seed_fragment() {
  mkdir -p "$FUZZ_DIR/corpus/fragment"
  cp "$SEEDS"/* "$FUZZ_DIR/corpus/fragment/"
  # The same pieces as share links: zlib (RFC 1950), base64url without padding, like
  # share::encode_fragment.
  python3 "$FUZZ_DIR/seeds.py" links "$FUZZ_DIR/corpus/fragment" "$SEEDS"/*
}

cd "$FUZZ_DIR"
make_pieces
summary=()
for t in "${TARGETS[@]}"; do
  "seed_$t"
  mkdir -p "artifacts/$t"
  log="artifacts/$t/run-$(date +%Y%m%d-%H%M%S).log"
  echo "fuzz/run.sh: fuzzing $t for ${SECONDS_PER_TARGET}s (log: fuzz/$log)" >&2
  # libFuzzer stops at the first crash, timeout (-timeout, seconds per input) or OOM
  # (-rss_limit_mb) and writes the input to fuzz/artifacts/<target>/.
  set +e
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  env -u CARGO_TARGET_DIR nice -n 19 cargo fuzz run \
    --sanitizer "${FUZZ_SANITIZER:-none}" --debug-assertions "$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 \
    -max_len="$MAX_LEN" -dict="$FUZZ_DIR/markdown.dict" -print_final_stats=1 -report_slow_units=1 \
    ${FUZZ_ARGS:-} \
    2>&1 | tee "$log" | grep --line-buffered -E "INITED|DONE|ERROR|panicked|Test unit written|SUMMARY"
  status=${PIPESTATUS[0]}
  set -e
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  speed=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' <<<"$last" || true)
  crashes=$(find "artifacts/$t" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' \
    -o -name 'oom-*' -o -name 'leak-*' -o -name 'slow-unit-*' \) | sort)
  summary+=("$t: exit ${status}, executions ${execs:-?}, exec/s ${speed:-?}, ${cov:-cov ?}, \
findings in fuzz/artifacts/$t: $(wc -w <<<"$crashes")")
  for c in $crashes; do summary+=("  $c"); done
done

echo
echo "== fuzz summary (${SECONDS_PER_TARGET}s per target) =="
printf '%s\n' "${summary[@]}"
