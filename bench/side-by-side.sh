#!/usr/bin/env bash
# The gate side by side with the conventional health-check stack and a bare Kestrel endpoint (issue 16's three
# figures: RSS after the benchmark, live preflight p50 against the conventional all-checks p50, /health/live against
# bare): builds Release, starts throwaway PostgreSQL, Redis and an HTTP stand-in on core 1, every server under test
# pinned to core 0, runs the load interleaved round by round and prints a Markdown table (docs/performance.md).
#
#   ROUNDS=6 DURATION=5s PREFLIGHTS_PER_ROUND=1000   the defaults here
#   GATE_ENV="K=V ..."        environment for the gate (e.g. DOTNET_TieredPGO=0)
#   GATE_B_ENV / GATE_B_BIN_DIR  a second gate (other settings, or HealthGate.Service.dll from another Release build)
#                             measured in the same rounds, interleaved, for A/B comparisons
set -euo pipefail
export SIDE_BY_SIDE=1 ROUNDS=${ROUNDS:-6} DURATION=${DURATION:-5s}
exec "$(dirname "$0")/wrk/run.sh"
