#!/usr/bin/env bash
# Runs both libFuzzer targets for SECONDS each, starting from the committed corpus; inputs
# the fuzzer finds new go to .build-fuzz/corpus/ (not committed), crashes to
# .build-fuzz/findings/. Prints executions and corpus sizes; fails on any finding.
# Usage: Tests/fuzz/run.sh FUZZ_BINARY SECONDS
set -euo pipefail
binary=$1
seconds=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/.build-fuzz/findings"
for target in requests seeds; do
    found="$root/.build-fuzz/corpus/$target"
    mkdir -p "$found"
    log="$root/.build-fuzz/$target.log"
    # Leak checks per input would dominate (the caches keep what they read); make sanitize
    # checks leaks over a whole server run instead.
    FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -detect_leaks=0 -rss_limit_mb=2048 \
        -artifact_prefix="$root/.build-fuzz/findings/$target-" "$found" "$root/Tests/fuzz/corpus/$target" >"$log" 2>&1 \
        || { tail -40 "$log"; echo "fuzz: $target found a crash (input in .build-fuzz/findings/)"; exit 1; }
    done_line=$(grep -E "^#[0-9]+[[:space:]]+DONE" "$log" | tail -1)
    echo "fuzz $target: ${seconds}s, $(grep -oE '^Done [0-9]+ runs' "$log" | tail -1 | cut -d' ' -f2) executions," \
         "committed corpus $(ls "$root/Tests/fuzz/corpus/$target" | wc -l) inputs, found $(ls "$found" | wc -l) more;" \
         "$(echo "$done_line" | grep -oE 'cov: [0-9]+ ft: [0-9]+')"
done
