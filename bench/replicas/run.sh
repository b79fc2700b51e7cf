#!/usr/bin/env bash
# One prober per desk (issue 18), measured: N replicas of the gate on one PostgreSQL database, background readiness
# every PERIOD seconds against an HTTP stand-in that counts its requests. Prints the stand-in's requests per minute
# for 1, 2 and 3 replicas (one replica's rate whatever N: only the leader probes), what a burst of BURST launchers
# spread over the N replicas costs it (one replica's cost whatever N: the desk coalesces), and the failover time:
# kill -9 of the leader until a survivor reports healthgate_leader 1 (docs/performance.md, "Replicas").
#
#   PERIOD=2      Readiness:PeriodSeconds (default 2)
#   WINDOW=60     seconds counted per replica count (default 60); the figure is scaled to a minute
#   FAILOVERS=2   leaders killed one after another, starting from 3 replicas (default 2)
#   BURST=200     launchers sent at once, round robin over the replicas (default 200)
#   SLOW_MS=100   how long the dependency takes to answer (default 100 ms): a run is in flight that long
#   KEEP=1        leave the work directory (logs, desk files) in place
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
period=${PERIOD:-2}
window=${WINDOW:-60}
failovers=${FAILOVERS:-2}
burst=${BURST:-200}
slow_ms=${SLOW_MS:-100}

need=()
command -v curl >/dev/null || need+=(curl)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
# shellcheck source=scripts/lib/apt-install.sh
. scripts/lib/apt-install.sh
apt_install_needed "benchmark dependencies"

# shellcheck source=scripts/lib/bench.sh
. scripts/lib/bench.sh
bench_workdir replicas

standin_port=''
free_port standin_port
standin="http://127.0.0.1:$standin_port"

echo "bench: building (Release)..." >&2
peers_dll="$repo/bench/HealthGate.Bench.Peers/bin/Release/net10.0/HealthGate.Bench.Peers.dll"
dotnet build bench/HealthGate.Bench.Peers -c Release -m:1 --nologo -v q >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
dotnet build src/HealthGate -c Release -m:1 --nologo -v q >>"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
gate_dll="$repo/src/HealthGate/bin/Release/net10.0/HealthGate.Service.dll"

pg_start -c fsync=off
dotnet "$peers_dll" standin --urls "$standin" >"$work/standin.log" 2>&1 &
children+=($!)
wait_for 60 "the stand-in serving" curl -fsS "$standin/count"

# A desk of one database per replica count: one P0 http check on the stand-in (answering in SLOW_MS), readiness every
# PERIOD seconds.
desk() { # NAME: writes the desk file and creates its database
  pg_psql -d postgres -qc "CREATE DATABASE $1" >/dev/null
  cat >"$work/$1.json" <<JSON
{"HealthGate": {
  "Checks": {"backend": {"Type": "http", "Tier": "P0", "Url": "$standin/slow?ms=$slow_ms", "TimeoutMs": 1000}},
  "Readiness": {"PeriodSeconds": $period},
  "Storage": {"Provider": "postgres", "ConnectionString": "Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=$1"}}}
JSON
}

gates=() urls=()
start_gate() { # DESK: starts one replica, appends its pid and URL
  local gate_port dir
  free_port gate_port
  dir="$work/gate-${#gates[@]}"
  mkdir -p "$dir"
  (cd "$dir" && exec dotnet "$gate_dll" --urls "http://127.0.0.1:$gate_port" --config "$work/$1.json" >"$dir/out.log" 2>&1) &
  children+=($!)
  gates+=($!)
  urls+=("http://127.0.0.1:$gate_port")
}
ready() { curl -fsS "$1/health/ready" >/dev/null; }
leads() { curl -fsS "$1/metrics" | grep -qx 'healthgate_leader{desk="default"} 1'; }
stop_gates() {
  local pid
  for pid in "${gates[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  gates=() urls=()
}

# BURST launchers at once over the running replicas: prints "dependency-calls runs" (readiness may add one call).
launch_burst() {
  local i list="$work/burst.urls" before after
  : >"$list"
  for ((i = 0; i < burst; i++)); do echo "url = \"${urls[$((i % ${#urls[@]}))]}/preflight?mode=paper\"" >>"$list"; done
  before=$(curl -fsS "$standin/count")
  curl -sS --no-progress-meter -Z --parallel-max "$burst" -K "$list" >"$work/burst.out" 2>"$work/burst.err"
  after=$(curl -fsS "$standin/count")
  echo "$((after - before)) $(grep -o '"runId":"[^"]*"' "$work/burst.out" | sort -u | wc -l)"
}

echo "| replicas | dependency calls per minute | leaders | burst of $burst: dependency calls | burst: runs |"
echo "|---|---|---|---|---|"
for n in 1 2 3; do
  desk "replicas$n"
  for ((i = 0; i < n; i++)); do start_gate "replicas$n"; done
  for url in "${urls[@]}"; do wait_for 180 "$url ready" ready "$url"; done
  before=$(curl -fsS "$standin/count") t0=$(now_ms)
  sleep "$window"
  after=$(curl -fsS "$standin/count") t1=$(now_ms)
  leaders=0
  for url in "${urls[@]}"; do if leads "$url"; then leaders=$((leaders + 1)); fi; done
  read -r calls runs < <(launch_burst)
  echo "| $n | $(((after - before) * 60000 / (t1 - t0))) | $leaders | $calls | $runs |"
  [ "$n" = 3 ] || stop_gates
done

# Failover from the 3 replicas still running: kill -9 the leader, time until a survivor leads.
echo
echo "| failover | replicas before | time to a new leader (ms) | periods |"
echo "|---|---|---|---|"
for ((f = 1; f <= failovers; f++)); do
  leader=-1
  for i in "${!urls[@]}"; do if leads "${urls[$i]}"; then leader=$i; fi; done
  [ "$leader" -ge 0 ] || { echo "bench: no leader among ${#urls[@]} replicas" >&2; exit 1; }
  before=${#urls[@]}
  kill -9 "${gates[$leader]}"
  t0=$(now_ms)
  wait "${gates[$leader]}" 2>/dev/null || true
  unset 'gates[leader]' 'urls[leader]'
  gates=("${gates[@]}") urls=("${urls[@]}")
  found=''
  while [ -z "$found" ]; do
    for url in "${urls[@]}"; do if leads "$url"; then found=$url; fi; done
    [ $(($(now_ms) - t0)) -lt 30000 ] || { echo "bench: no new leader within 30 s" >&2; exit 1; }
  done
  took=$(($(now_ms) - t0))
  echo "| $f | $before | $took | $(awk -v t="$took" -v p="$period" 'BEGIN { printf "%.2f", t / (p * 1000) }') |"
done
