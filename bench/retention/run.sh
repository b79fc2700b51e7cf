#!/usr/bin/env bash
# Retention behind preflights (issue 18): a store holding RUNS expired runs (CHECKS checks each), seeded with bulk SQL,
# then the service started on it: its first prune runs at start while preflights are fired back to back, and the
# script prints the slowest preflight answered during the prune and the prune's own time, for SQLite and for
# PostgreSQL. The gate is pinned to core 0 (`taskset -c 0`), PostgreSQL, sqlite3 and the preflight client to core 1
# (docs/performance.md). Prints one Markdown table row per store.
#
#   RUNS=1000000 CHECKS=4   the seeded history (defaults)
#   STORES="sqlite postgres" which stores to measure
#   CONTROL_SECONDS=20      the same client after the prune, for the machine's own tail (no prune running)
#   KEEP=1                  leave the work directory (logs, stores) in place
#
# PostgreSQL logs its checkpoints, autovacuums and every statement over 40 ms to $work/pg/server.log (with
# KEEP=1): the evidence for what a slow preflight waited on.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
runs=${RUNS:-1000000}
checks=${CHECKS:-4}
stores=${STORES:-sqlite postgres}

need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v curl >/dev/null || need+=(curl)
command -v jq >/dev/null || need+=(jq)
command -v taskset >/dev/null || need+=(util-linux)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null || need+=(postgresql)
# shellcheck source=scripts/lib/apt-install.sh
. scripts/lib/apt-install.sh
apt_install_needed "benchmark dependencies"

# shellcheck source=scripts/lib/bench.sh
. scripts/lib/bench.sh
bench_workdir retention

echo "bench: building (Release)..." >&2
dotnet build src/HealthGate -c Release -m:1 --nologo -v q >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
gate_dll="$repo/src/HealthGate/bin/Release/net10.0/HealthGate.Service.dll"

# A desk with one cheap check: a preflight's time is its save, the thing a prune can hold up. The disk check writes
# its probe file to a tmpfs, not to the disk the stores are on: there, under the prune's and the checkpoints' writes,
# the check's own file create and delete took up to 154 ms (its logged run time; no statement was slow), which is the
# check measuring the disk, not the save waiting for the prune. No run cap, no per-client limit (a sequential client
# would otherwise measure them). RetentionDays 7: every seeded run is expired.
probe_dir=/dev/shm
[ -d "$probe_dir" ] && [ -w "$probe_dir" ] || { echo "bench: $probe_dir (a tmpfs for the disk check's probe) is not writable" >&2; exit 1; }
desk() { # STORAGE-JSON
  jq -n --argjson storage "$1" --arg probe "$probe_dir" '{HealthGate: {
    Checks: {disk: {Type: "disk", Tier: "P0", Path: $probe, MinFreeMb: 1}},
    Preflight: {MaxRunsPerSecond: 0, ClientRequestsPerMinute: 1000000},
    Storage: ($storage + {RetentionDays: 7, PruneIntervalMinutes: 1})}}'
}

start_gate() { # URL CONFIG LOG: sets gate_pid
  (cd "$work" && exec taskset -c 0 dotnet "$gate_dll" --urls "$1" --config "$2") >"$3" 2>&1 &
  gate_pid=$!
  children+=("$gate_pid")
  wait_for 120 "HealthGate serving" curl -fsS "$1/health/live" || { tail -20 "$3"; exit 1; }
}

stop_gate() {
  kill "$gate_pid" 2>/dev/null || true
  wait "$gate_pid" 2>/dev/null || true
}

# Fires preflights back to back (20 per curl, one connection) until the prune's log line appears; prints the
# latencies (seconds) of those answered before it, one a line.
preflights_during_prune() { # URL LOG OUT
  local url=$1 log=$2 out=$3 urls=() i
  for ((i = 0; i < 20; i++)); do urls+=(-o /dev/null "$url/preflight?mode=paper"); done
  : >"$out"
  while ! grep -q 'Retention pruned' "$log"; do
    taskset -c 1 curl -s -w '%{http_code} %{time_total}\n' "${urls[@]}" >>"$out.raw"
    # Only batches that ended before the prune did count: the line is written when the prune ends.
    grep -q 'Retention pruned' "$log" || cat "$out.raw" >>"$out"
    : >"$out.raw"
  done
}

# The same client for SECONDS after the prune: the control, what the machine gives a preflight with no prune running.
preflights_for() { # URL SECONDS OUT
  local url=$1 until=$((SECONDS + $2)) out=$3 urls=() i
  for ((i = 0; i < 20; i++)); do urls+=(-o /dev/null "$url/preflight?mode=paper"); done
  : >"$out"
  while ((SECONDS < until)); do
    taskset -c 1 curl -s -w '%{http_code} %{time_total}\n' "${urls[@]}" >>"$out"
  done
}

# LATENCIES: n p50 p99 max (ms), the slowest after the first 20 (the first connection's: JIT and pool warm-up, as the
# prune starts with the gate), how many over 100 ms, and the count not 200.
stats() {
  local warm over
  warm=$(tail -n +21 "$1" | awk '$2 > m { m = $2 } END { printf "%.0f", m * 1000 }')
  over=$(awk '$2 > 0.1' "$1" | wc -l)
  awk '{ print $2 }' "$1" | sort -n | awk -v bad="$(awk '$1 != 200' "$1" | wc -l)" -v warm="$warm" -v over="$over" \
    '{ a[NR] = $1 } END { printf "%d | %.1f ms | %.0f ms | %.0f ms | %s ms | %d | %d", NR, a[int((NR + 1) / 2)] * 1000, a[int(NR * 0.99)] * 1000, a[NR] * 1000, warm, over, bad }'
}

report() { # STORE LOG LATENCIES CONTROL
  local store=$1 log=$2 lat=$3 control=$4 prune_ms
  prune_ms=$(grep 'Retention pruned' "$log" | head -n 1 | grep -o 'in [0-9]* ms' | grep -o '[0-9]*')
  printf '| %s | %s | %s s | during the prune | %s |\n' "$store" "$runs" "$(awk -v m="$prune_ms" 'BEGIN { printf "%.1f", m / 1000 }')" "$(stats "$lat")"
  printf '| %s | | | after it (control) | %s |\n' "$store" "$(stats "$control")"
}

echo "| store | expired runs | prune | preflights | n | p50 | p99 | slowest | slowest after 20 | over 100 ms | not 200 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for store in $stores; do
  free_port gate_port
  gate="http://127.0.0.1:$gate_port"
  case $store in
    sqlite)
      mkdir -p "$work/sqlite"
      storage=$(jq -n --arg cs "Data Source=$work/sqlite/gate.db" '{Provider: "sqlite", ConnectionString: $cs}')
      desk "$storage" >"$work/sqlite.json"
      # The schema as the service makes it, then the history in one bulk transaction.
      start_gate "$gate" "$work/sqlite.json" "$work/sqlite-schema.log"
      stop_gate
      echo "bench: seeding $runs runs x $checks checks into SQLite..." >&2
      start_ms=$(( ($(date +%s) - 40 * 86400) * 1000 ))
      taskset -c 1 sqlite3 "$work/sqlite/gate.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $runs)
INSERT INTO healthgate_runs (run_id, mode, verdict, exit_code, started_at, expires_at, duration_ms, config_hash)
SELECT printf('SEED%022d', i), 'paper', 'PASS', 0, $start_ms + i * 1000, $start_ms + i * 1000 + 60000, 3.5, 'sha256:seed' FROM n;
WITH RECURSIVE c(o) AS (SELECT 0 UNION ALL SELECT o + 1 FROM c WHERE o < $checks - 1)
INSERT INTO healthgate_run_checks (run_id, ordinal, name, type, tier, status, duration_ms, reason, description, data)
SELECT r.run_id, c.o, 'check-' || c.o, 'http', 'P0', 'Healthy', 1.5, 'ok', 'seeded', '{}' FROM healthgate_runs r, c;
COMMIT;
SQL
      ;;
    postgres)
      # Durable as shipped (fsync on): the saves measured are real commits.
      pg_pin=(taskset -c 1)
      pg_start -c log_checkpoints=on -c log_autovacuum_min_duration=0 -c log_min_duration_statement=${PG_SLOW_MS:-40} \
        -c log_lock_waits=on -c deadlock_timeout=20ms -c 'log_line_prefix=%m [%p] %a '
      cs=$pg_connection
      desk "$(jq -n --arg cs "$cs" '{Provider: "postgres", ConnectionString: $cs}')" >"$work/postgres.json"
      start_gate "$gate" "$work/postgres.json" "$work/postgres-schema.log"
      stop_gate
      echo "bench: seeding $runs runs x $checks checks into PostgreSQL..." >&2
      pg_psql -d postgres -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO healthgate_runs (run_id, mode, verdict, exit_code, started_at, expires_at, duration_ms, config_hash)
SELECT format('SEED%s', lpad(i::text, 22, '0')), 'paper', 'PASS', 0, now() - interval '40 days' + i * interval '1 second',
       now() - interval '40 days' + i * interval '1 second' + interval '1 minute', 3.5, 'sha256:seed'
FROM generate_series(1, $runs) i;
INSERT INTO healthgate_run_checks (run_id, ordinal, name, type, tier, status, duration_ms, reason, description, data)
SELECT r.run_id, c.o, 'check-' || c.o, 'http', 'P0', 'Healthy', 1.5, 'ok', 'seeded', '{}'
FROM healthgate_runs r, generate_series(0, $checks - 1) c(o);
VACUUM ANALYZE;
SQL
      ;;
    *) echo "bench: unknown store '$store' (sqlite, postgres)" >&2; exit 2 ;;
  esac

  echo "bench: $store: starting the gate on the seeded store; preflights until the prune ends..." >&2
  start_gate "$gate" "$work/$store.json" "$work/$store.log"
  preflights_during_prune "$gate" "$work/$store.log" "$work/$store.latencies"
  preflights_for "$gate" "${CONTROL_SECONDS:-20}" "$work/$store.control"
  report "$store" "$work/$store.log" "$work/$store.latencies" "$work/$store.control"
  stop_gate
done
