#!/usr/bin/env bash
# Runs every libFuzzer target of build-fuzz (make fuzz builds them) for FUZZ_SECONDS seconds
# each (default 60), starting from its seeds in fuzz/corpus/<target>/. Inputs that reach new
# code are kept in build-fuzz/corpus/<target>/ (the committed seeds are not touched), crashes
# and hangs are saved in build-fuzz/crashes/<target>/. Fails when any target found one: feed
# the saved input to a unit test beside the code it broke, then fix the code.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${FUZZ_DIR:-build-fuzz}
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-xlsx_reader xlsx_parts xlsx_roundtrip csv_reader json_request http_router project_rules}

failed=()
for t in $targets; do
  bin="$dir/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz: $bin is missing (make fuzz builds it)" >&2; exit 1; }
  mkdir -p "$dir/corpus/$t" "$dir/crashes/$t"
  log="$dir/fuzz_$t.log"
  echo "==== fuzz_$t: ${seconds} s from fuzz/corpus/$t ($(ls "fuzz/corpus/$t" | wc -l) seeds)"
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  # -timeout: an input that takes 10 s is a hang and is saved like a crash.
  if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
       -artifact_prefix="$dir/crashes/$t/" "$dir/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1; then
    grep -E '^(#[0-9]+ +DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | sed 's/^/  /'
    echo "  corpus: $(ls "$dir/corpus/$t" | wc -l) inputs kept; log: $log"
  else
    echo "  FAILED: see $log; reproducer(s):"
    ls "$dir/crashes/$t" | sed "s|^|    $dir/crashes/$t/|"
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "make fuzz: crashes in ${failed[*]}"
  exit 1
fi
echo "make fuzz: no crash in $targets (${seconds} s each)"
