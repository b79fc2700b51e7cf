#!/usr/bin/env bash
# HealthGate measured from outside, side by side with the bare Kestrel limit and the conventional health-check stack
# (bench/HealthGate.Bench.Peers), on real dependencies: a throwaway PostgreSQL and Redis and an HTTP stand-in for the
# trading backend. Every server under test is pinned to core 0 (`taskset -c 0`); wrk and the dependencies run on
# core 1. Throughput is measured A/B interleaved over several rounds in one session and reported as ratios, so the
# load other jobs put on the machine moves both sides of a ratio alike. Prints one line per figure (docs/performance.md).
#
#   ROUNDS=N        interleaved rounds of the throughput figures (default 4)
#   DURATION=5s     length of each throughput run (default 5s)
#   PREFLIGHTS=N    sequential preflights for the latency and RSS figures, sampled at N/2 and N (default 10000)
#   GATE_ENV="K=V ..."  extra environment for the gate only (GC settings under test, e.g. DOTNET_gcServer=0)
#   BENCH_BIN_DIR=DIR   use HealthGate.Service.dll from DIR (a Release build of another revision) instead of building
#   KEEP=1          leave the work directory (logs, desk file) in place
#   HOLD=1          start everything, print the URLs and process ids, and wait (Ctrl-C stops): for profiling by hand
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
rounds=${ROUNDS:-4}
duration=${DURATION:-5s}
preflights=${PREFLIGHTS:-10000}
stats="$repo/bench/wrk/stats.lua"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli >/dev/null || need+=(redis-tools)
command -v curl >/dev/null || need+=(curl)
command -v jq >/dev/null || need+=(jq)
command -v taskset >/dev/null || need+=(util-linux)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
# shellcheck source=scripts/lib/apt-install.sh
. scripts/lib/apt-install.sh
apt_install_needed "benchmark dependencies"

# shellcheck source=scripts/lib/bench.sh
. scripts/lib/bench.sh
bench_workdir bench

redis_port='' standin_port='' gate_port='' bare_port='' conv_port=''
for name in redis_port standin_port gate_port bare_port conv_port; do free_port "$name"; done
standin="http://127.0.0.1:$standin_port" gate="http://127.0.0.1:$gate_port"
bare="http://127.0.0.1:$bare_port" conv="http://127.0.0.1:$conv_port"

echo "bench: building (Release)..." >&2
peers_dll="$repo/bench/HealthGate.Bench.Peers/bin/Release/net10.0/HealthGate.Bench.Peers.dll"
dotnet build bench/HealthGate.Bench.Peers -c Release -m:1 --nologo -v q >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
if [ -n "${BENCH_BIN_DIR:-}" ]; then
  gate_dll="$(cd "$BENCH_BIN_DIR" && pwd)/HealthGate.Service.dll"
else
  dotnet build src/HealthGate -c Release -m:1 --nologo -v q >>"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
  gate_dll="$repo/src/HealthGate/bin/Release/net10.0/HealthGate.Service.dll"
fi

# Dependencies on core 1, beside wrk: the "outside" of the servers under test.
mkdir -p "$work/data"
pg_pin=(taskset -c 1)
pg_start -c fsync=off
pg_pin=()
# The conventional stack checks a database of its own, so each side's transactions are counted apart (PostgreSQL
# publishes a busy backend's statistics late, and the peer's would land in the gate's count).
pg_psql -d postgres -qc "CREATE DATABASE conventional" >/dev/null
taskset -c 1 redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
children+=($!)
wait_for 30 "Redis answering PING" redis-cli -p "$redis_port" ping
taskset -c 1 dotnet "$peers_dll" standin --urls "$standin" >"$work/standin.log" 2>&1 &
children+=($!)
wait_for 60 "the stand-in serving" curl -fsS "$standin/count"

# The benchmark desk: the demo desk's eight checks over these dependencies, storage in SQLite (WAL, synchronous=FULL,
# as shipped), readiness every 10 s (the default). The preflight run cap and the per-client limit are lifted
# (MaxRunsPerSecond 0, ClientRequestsPerMinute 1000000): a sequential client otherwise measures the cap's wait
# (at the default 20 runs/s a request waits up to 50 ms for the next allowed run) or a 429, not the run.
config="$work/desk.json"
esc() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
sed -e "s|@PG_PORT@|$pg_port|g" -e "s|@PG_PASSWORD@|$(esc "$pg_password")|g" -e "s|@REDIS_PORT@|$redis_port|g" \
  -e "s|@BACKEND@|$standin|g" -e "s|@DATA_DIR@|$(esc "$work/data")|g" \
  -e 's|"PeriodSeconds": 2|"PeriodSeconds": 10|' \
  -e 's|"Auth":|"Preflight": { "MaxRunsPerSecond": 0, "ClientRequestsPerMinute": 1000000 },\n    "Auth":|' \
  samples/demo-desk.template.json |
  # The eight standard checks the peers also run: the demo's venue check and the exchange's rate-limit keys (which
  # the stand-in does not serve) are left out.
  jq 'del(.HealthGate.Checks.venue) | del(.HealthGate.Checks.exchange.WeightLimit, .HealthGate.Checks.exchange.MaxUsedWeightPercent)' >"$config"

start_gate() { # DLL URL CONFIG LOG ENV: sets started_pid
  local dll=$1 url=$2 desk=$3 log=$4 env_words=$5
  # shellcheck disable=SC2086 # the environment is a list of K=V words
  (cd "$work" && exec env $env_words taskset -c 0 dotnet "$dll" --urls "$url" --config "$desk") >"$log" 2>&1 &
  started_pid=$!
  children+=("$started_pid")
  wait_for 60 "HealthGate serving" curl -fsS "$url/health/live" || { tail -20 "$log"; exit 1; }
  # The first background run has published: /health/ready is answered from it.
  wait_for 60 "HealthGate ready" curl -fsS "$url/health/ready"
}
start_gate "$gate_dll" "$gate" "$config" "$work/gate.log" "${GATE_ENV:-}"
gate_pid=$started_pid
# A second gate (another build or other settings) measured interleaved with the first, on a data directory of its own.
gate_b='' gate_b_pid=''
if [ -n "${GATE_B_ENV:-}${GATE_B_BIN_DIR:-}" ]; then
  free_port gate_b_port
  gate_b="http://127.0.0.1:$gate_b_port"
  gate_b_dll=$gate_dll
  [ -z "${GATE_B_BIN_DIR:-}" ] || gate_b_dll="$(cd "$GATE_B_BIN_DIR" && pwd)/HealthGate.Service.dll"
  mkdir -p "$work/data-b"
  sed -e "s|$(esc "$work/data")|$(esc "$work/data-b")|g" "$config" >"$work/desk-b.json"
  start_gate "$gate_b_dll" "$gate_b" "$work/desk-b.json" "$work/gate-b.log" "${GATE_B_ENV:-}"
  gate_b_pid=$started_pid
fi
taskset -c 0 dotnet "$peers_dll" conventional --urls "$conv" --postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=conventional" \
  --redis "127.0.0.1:$redis_port" --backend "$standin" --disk "$work/data" >"$work/conventional.log" 2>&1 &
conv_pid=$!
children+=("$conv_pid")
wait_for 60 "the conventional stack ready" curl -fsS "$conv/health/ready"
# The bare peer serves the gate's own readiness bytes: the same body, from a constant.
curl -fsS "$gate/health/ready" >"$work/ready-body.json"
taskset -c 0 dotnet "$peers_dll" bare --urls "$bare" --ready-body "$work/ready-body.json" >"$work/bare.log" 2>&1 &
bare_pid=$!
children+=("$bare_pid")
wait_for 60 "the bare peer serving" curl -fsS "$bare/health/ready"
curl -fsS -o /dev/null -w '' "$gate/preflight?mode=live" || { echo "bench: the live preflight is not PASS on the benchmark desk" >&2; curl -s "$gate/preflight?mode=live" >&2; exit 1; }

if [ "${HOLD:-}" = 1 ]; then
  echo "gate $gate (pid $gate_pid) bare $bare (pid $bare_pid) conventional $conv (pid $conv_pid) stand-in $standin; work $work"
  wait "$gate_pid"
  exit 0
fi

# wrk_run URL CONNECTIONS DURATION: one RESULT line (rps, p50/p95/p99 ms, non2xx, errors)
wrk_run() {
  local url=$1 connections=$2 length=$3
  taskset -c 1 wrk -t1 -c"$connections" -d"$length" --timeout 10s -s "$stats" "$url" | grep '^RESULT' | cut -d' ' -f2-
}
# seq_run URL N: N requests one after another (the same RESULT line)
seq_run() { taskset -c 1 dotnet "$peers_dll" seq "$1" "$2" | grep '^RESULT' | cut -d' ' -f2-; }
field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$2"; }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mean() { awk '{ for (i = 1; i <= NF; i++) s += $i } END { printf "%.2f", s / NF }' <<<"$*"; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "gate env: ${GATE_ENV:-(none)}"
median() { tr ' ' '\n' <<<"$*" | sort -g | awk '{ a[NR] = $1 } END { printf "%.2f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# SIDE_BY_SIDE=1 (bench/side-by-side.sh): only the three figures issue 16 sets goals for, each round interleaving
# the gate(s) with their peer (the order flips every round), then one Markdown table.
if [ "${SIDE_BY_SIDE:-}" = 1 ]; then
  echo "gate-b: ${GATE_B_BIN_DIR:-same build} env ${GATE_B_ENV:-(none)}"
  names=(gate) urls=("$gate") pids=("$gate_pid")
  [ -z "$gate_b" ] || { names+=(gate-b); urls+=("$gate_b"); pids+=("$gate_b_pid"); }
  per_round=${PREFLIGHTS_PER_ROUND:-1000}
  for u in "${urls[@]}" "$bare" "$conv"; do wrk_run "$u/health/live" 32 2s >/dev/null; done
  for u in "${urls[@]}"; do seq_run "$u/preflight?mode=live" 300 >/dev/null; done
  seq_run "$conv/health/all" 300 >/dev/null
  declare -A p50 p95 rps rss live_ratio pre_ratio
  for ((round = 1; round <= rounds; round++)); do
    # Preflights and all-checks, sequential: A/B in odd rounds, B/A in even ones.
    order=("${!urls[@]}" conv)
    [ $((round % 2)) = 1 ] || order=(conv "${!urls[@]}")
    declare -A r_p50=()
    for i in "${order[@]}"; do
      if [ "$i" = conv ]; then line=$(seq_run "$conv/health/all" "$per_round"); key=conv; else line=$(seq_run "${urls[$i]}/preflight?mode=live" "$per_round"); key=${names[$i]}; fi
      [ "$(field non2xx "$line")" = 0 ] || { echo "bench: $key answered non-2xx: $line" >&2; exit 1; }
      r_p50[$key]=$(field p50_ms "$line")
      p50[$key]+="${r_p50[$key]} " p95[$key]+="$(field p95_ms "$line") "
    done
    # /health/live under wrk, each gate against the bare endpoint right beside it; the conventional live too.
    live_order=("${!urls[@]}" bare conv)
    [ $((round % 2)) = 1 ] || live_order=(conv bare "${!urls[@]}")
    declare -A r_rps=()
    for i in "${live_order[@]}"; do
      case $i in bare) u=$bare key=bare ;; conv) u=$conv key=conv ;; *) u=${urls[$i]} key=${names[$i]} ;; esac
      r_rps[$key]=$(field rps "$(wrk_run "$u/health/live" 32 "$duration")")
      rps[$key]+="${r_rps[$key]} "
    done
    for i in "${!urls[@]}"; do
      key=${names[$i]}
      live_ratio[$key]+="$(ratio "${r_rps[$key]}" "${r_rps[bare]}") "
      pre_ratio[$key]+="$(ratio "${r_p50[$key]}" "${r_p50[conv]}") "
      rss[$key]+="$(rss_mb "${pids[$i]}") "
    done
    rss[conv]+="$(rss_mb "$conv_pid") " rss[bare]+="$(rss_mb "$bare_pid") "
    echo "round $round: p50 ms ${r_p50[*]@K} | live rps ${r_rps[*]@K} | load $(cut -d' ' -f1 /proc/loadavg)"
  done
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  last() { awk '{ print $NF }' <<<"$1"; }
  echo
  echo "| ${rounds} rounds, ${per_round} preflights and ${duration} of wrk per round | $(printf '%s | ' "${names[@]}")conventional | bare | goal |"
  echo "|---|$(printf -- '---:|%.0s' "${names[@]}")---:|---:|---|"
  row() { printf '| %s |' "$1"; shift; printf ' %s |' "$@"; echo; }
  r=() ; for k in "${names[@]}"; do r+=("**$(last "${rss[$k]}")** (${rss[$k]% })"); done
  row "RSS MB after the benchmark (after each round)" "${r[@]}" "**$(last "${rss[conv]}")** (${rss[conv]% })" "$(last "${rss[bare]}")" "gate ≤ conventional, flat"
  r=() ; for k in "${names[@]}"; do r+=("$(median ${p50[$k]}) / $(median ${p95[$k]})"); done
  row "live preflight p50 / p95 ms, median of rounds (conventional: /health/all)" "${r[@]}" "$(median ${p50[conv]}) / $(median ${p95[conv]})" "" ""
  r=() ; for k in "${names[@]}"; do r+=("**$(median ${pre_ratio[$k]})** (${pre_ratio[$k]% })"); done
  row "preflight p50 / conventional all-checks p50, per round" "${r[@]}" "1" "" "≤ 1.5"
  r=() ; for k in "${names[@]}"; do r+=("$(median ${rps[$k]})"); done
  row "/health/live rps under wrk -c32, median" "${r[@]}" "$(median ${rps[conv]})" "$(median ${rps[bare]})" ""
  r=() ; for k in "${names[@]}"; do r+=("**$(median ${live_ratio[$k]})** (${live_ratio[$k]% })"); done
  row "/health/live rps / bare, per round" "${r[@]}" "" "1" "≥ 0.8"
  exit 0
fi

# Warm-up: JIT and tiering of every path measured below, on every server.
for url in "$gate/health/live" "$gate/health/ready" "$bare/health/live" "$bare/health/ready" "$conv/health/ready" "$gate/metrics"; do
  wrk_run "$url" 32 2s >/dev/null
done
seq_run "$gate/preflight?mode=live" 500 >/dev/null
seq_run "$conv/health/all" 500 >/dev/null

# Sequential live preflights (one connection, one request at a time), interleaved with the conventional stack's
# all-checks endpoint in halves; the gate's RSS sampled after each half.
half=$((preflights / 2))
pre=() all=() rss_pre=()
for _ in 1 2; do
  pre+=("$(seq_run "$gate/preflight?mode=live" "$half")")
  rss_pre+=("$(rss_mb "$gate_pid")")
  all+=("$(seq_run "$conv/health/all" "$half")")
done
echo "preflight live, sequential, gate: ${pre[0]} | ${pre[1]}"
echo "all checks, sequential, conventional: ${all[0]} | ${all[1]}"
p50_gate=$(mean "$(field p50_ms "${pre[0]}")" "$(field p50_ms "${pre[1]}")")
p95_gate=$(mean "$(field p95_ms "${pre[0]}")" "$(field p95_ms "${pre[1]}")")
p50_conv=$(mean "$(field p50_ms "${all[0]}")" "$(field p50_ms "${all[1]}")")
echo "FIGURE preflight p50/p95 ms: $p50_gate / $p95_gate; conventional all-checks p50 $p50_conv; ratio $(ratio "$p50_gate" "$p50_conv")"
echo "FIGURE RSS MB after $half / $preflights preflights: ${rss_pre[0]} / ${rss_pre[1]} (conventional after as many /health/all: $(rss_mb "$conv_pid"))"

# A 10 s wrk run on the probes (half on each), then RSS.
wrk_run "$gate/health/ready" 32 5s >/dev/null
wrk_run "$gate/health/live" 32 5s >/dev/null
wrk_run "$conv/health/ready" 32 5s >/dev/null
wrk_run "$conv/health/live" 32 5s >/dev/null
echo "FIGURE RSS MB after a 10 s wrk run on the probes: gate $(rss_mb "$gate_pid"), conventional $(rss_mb "$conv_pid"), bare $(rss_mb "$bare_pid")"

# Throughput, interleaved A/B per round.
live_ratios=() ready_ratios=() conv_ratios=()
for ((round = 1; round <= rounds; round++)); do
  g_live=$(field rps "$(wrk_run "$gate/health/live" 32 "$duration")")
  b_live=$(field rps "$(wrk_run "$bare/health/live" 32 "$duration")")
  g_ready=$(field rps "$(wrk_run "$gate/health/ready" 32 "$duration")")
  b_ready=$(field rps "$(wrk_run "$bare/health/ready" 32 "$duration")")
  c_ready=$(field rps "$(wrk_run "$conv/health/ready" 32 "$duration")")
  live_ratios+=("$(ratio "$g_live" "$b_live")")
  ready_ratios+=("$(ratio "$g_ready" "$b_ready")")
  conv_ratios+=("$(ratio "$g_ready" "$c_ready")")
  echo "round $round rps: live gate $g_live bare $b_live | ready gate $g_ready bare $b_ready conventional $c_ready"
done
echo "FIGURE /health/live gate/bare: ${live_ratios[*]} (mean $(mean "${live_ratios[@]}"))"
echo "FIGURE /health/ready gate/bare: ${ready_ratios[*]} (mean $(mean "${ready_ratios[@]}"))"
echo "FIGURE /health/ready gate/conventional: ${conv_ratios[*]} (mean $(mean "${conv_ratios[@]}"))"

# /metrics: one scraper at a time, then 32 at once.
one=$(wrk_run "$gate/metrics" 1 "$duration")
many=$(wrk_run "$gate/metrics" 32 "$duration")
echo "FIGURE /metrics one scraper: $one"
echo "FIGURE /metrics 32 scrapers: $many"

# Dependency calls caused by a wrk run on /health/ready, and by a burst of 200 concurrent launchers.
# A busy PostgreSQL backend publishes its statistics when it goes idle, at most once a second, else within 10 s.
settle() { sleep 11; }
redis_calls() { redis-cli -p "$redis_port" info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_ping/ { p = $3 } END { print p + 0 }'; }
standin_calls() { curl -fsS "$standin/count"; }
# PostgreSQL is not counted: pg_stat_database publishes a pooled backend's transactions late and in lumps (tens of
# thousands credited to a 10 s window with a single check run in it), so its count would not be these windows'.
counts() { echo "$(redis_calls) $(standin_calls)"; }
delta() { # BEFORE AFTER: redis pings, stand-in requests
  read -r r0 s0 <<<"$1"
  read -r r1 s1 <<<"$2"
  echo "redis PING $((r1 - r0)), stand-in requests $((s1 - s0))"
}
settle
before=$(counts)
wrk_run "$gate/health/ready" 32 10s >/dev/null
settle
after=$(counts)
echo "FIGURE dependency calls during a 10 s wrk run on the gate's /health/ready and 11 s after it (readiness period 10 s, so 2-3 background runs): $(delta "$before" "$after")"
before=$(counts)
wrk_run "$conv/health/ready" 32 2s >/dev/null
settle
after=$(counts)
echo "FIGURE dependency calls during a 2 s wrk run on the conventional /health/ready: $(delta "$before" "$after")"
urls=()
for ((i = 0; i < 200; i++)); do urls+=("$gate/preflight?mode=live"); done
before=$(counts)
start=$(date +%s%N)
curl -s -Z --parallel-max 200 "${urls[@]}" >/dev/null 2>&1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
settle
after=$(counts)
echo "FIGURE 200 concurrent live preflights (curl --parallel, all sent within ${elapsed_ms} ms, coalescing window 250 ms): $(delta "$before" "$after") (one live run = 1 PING, 8 stand-in requests)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
