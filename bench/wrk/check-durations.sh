#!/usr/bin/env bash
# One check's own durationMs, A/B: live preflights on two running gates in alternating blocks (so the machine's load
# falls on both alike), then the p50 and p95 of that check's durationMs and of the run's, per gate. Start the gates
# with `GATE_B_BIN_DIR=... HOLD=1 bench/wrk/run.sh` (gate-b's URL: `ps -eo args | grep -- --urls`).
#
#   bench/wrk/check-durations.sh URL_A URL_B [CHECK=exchange] [BLOCKS=8] [PER_BLOCK=50]
set -euo pipefail
a=$1 b=$2 check=${3:-exchange} blocks=${4:-8} per_block=${5:-50}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$blocks"); do
  for side in A B; do
    url=$a; [ "$side" = B ] && url=$b
    for _ in $(seq "$per_block"); do
      curl -fsS "$url/preflight?mode=live" |
        jq -r --arg side "$side" --arg check "$check" '[$side, (.checks[] | select(.name == $check) | .durationMs), .durationMs] | @tsv'
    done >>"$out"
  done
done
pct() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p); if (i < 1) i = 1; print v[i] }'; }
for side in A B; do
  printf '%s %s ms p50 %s p95 %s | run p50 %s p95 %s (n=%s)\n' "$side" "$check" \
    "$(awk -v s="$side" '$1 == s { print $2 }' "$out" | pct 0.5)" "$(awk -v s="$side" '$1 == s { print $2 }' "$out" | pct 0.95)" \
    "$(awk -v s="$side" '$1 == s { print $3 }' "$out" | pct 0.5)" "$(awk -v s="$side" '$1 == s { print $3 }' "$out" | pct 0.95)" \
    "$(awk -v s="$side" '$1 == s' "$out" | wc -l)"
done
