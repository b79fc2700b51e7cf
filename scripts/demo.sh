#!/usr/bin/env bash
# A demo desk in one command: a throwaway PostgreSQL and Redis on free loopback ports, the stand-in trading
# backend (samples/HealthGate.DemoBackend) and HealthGate configured against them from
# samples/demo-desk.template.json. Prints the URLs and how to flip each fault, then waits; Ctrl-C stops
# everything and deletes every temporary file. Installs postgresql, redis-server and curl from Debian when
# missing (as root, or through sudo), like scripts/test.sh.
#
#   DEMO_GATE_PORT=N         the gate's port (default 5080, or a free one when 5080 is taken)
#   DEMO_BIN_DIR=DIR         run HealthGate.Service.dll and HealthGate.DemoBackend.dll from DIR instead of building them
#   DEMO_EXIT_AFTER_READY=1  start, print, stop again: a smoke test of this script
# The functions below run from traps and through wait_until, which shellcheck cannot see.
# shellcheck disable=SC2317
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

# The newest Debian PostgreSQL (bin/ is not on PATH there), else whatever initdb PATH has.
find_pg_bin() {
  local dir found=
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && found=$dir
  done
  if [ -n "$found" ]; then
    echo "$found"
  elif command -v initdb >/dev/null; then
    dirname "$(command -v initdb)"
  fi
}

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v curl >/dev/null || need+=(curl)
[ -n "$(find_pg_bin)" ] || need+=(postgresql)
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: as root it runs as the postgres user, which the package creates.
  id postgres >/dev/null 2>&1 || need+=(postgresql)
  command -v runuser >/dev/null || [ -x /usr/sbin/runuser ] || need+=(util-linux)
fi
# shellcheck source=scripts/lib/apt-install.sh
. scripts/lib/apt-install.sh
apt_install_needed "demo dependencies"
pg_bin=$(find_pg_bin)

work=$(mktemp -d "${TMPDIR:-/tmp}/healthgate-demo.XXXXXX")
# Traversable, not listable: the postgres user must reach its own directory below.
chmod 711 "$work"
data_dir="$work/data"
pg_dir="$work/postgres"
mkdir -p "$data_dir" "$pg_dir"
children=()

# True while a process lives; a zombie (exited, not yet reaped) counts as gone.
alive() {
  local state
  [ -r "/proc/$1/stat" ] || return 1
  state=$(sed -E 's/^.*\) (.).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [ "$state" != Z ]
}

# Sends a signal, waits up to 10 s for the process to go, then kills it.
stop_pid() {
  local pid=$1 signal=${2:-TERM} i
  kill "-$signal" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    alive "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  echo
  echo "Stopping the demo desk..."
  local pid
  for pid in "${children[@]}"; do
    stop_pid "$pid"
  done
  # A Redis started again by hand is not our child; the pid file names it.
  if [ -s "$work/redis.pid" ]; then
    stop_pid "$(cat "$work/redis.pid")"
  fi
  # SIGINT is PostgreSQL's fast shutdown; runuser, when used, exits with it.
  if [ -s "$pg_dir/data/postmaster.pid" ]; then
    stop_pid "$(head -n 1 "$pg_dir/data/postmaster.pid")" INT
  fi
  for pid in "${children[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  echo "Stopped; $work removed."
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=scripts/lib/ports.sh
. scripts/lib/ports.sh

# wait_until SECONDS WHAT PID COMMAND...: polls COMMAND until it succeeds; fails when PID dies or time runs out.
wait_until() {
  local seconds=$1 what=$2 pid=$3 i
  shift 3
  for ((i = 0; i < seconds * 10; i++)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if [ "$pid" != - ] && ! alive "$pid"; then
      echo "demo: $what: the process exited" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "demo: $what did not happen within $seconds s" >&2
  return 1
}

show_log_and_fail() {
  echo "demo: the last lines of $1:" >&2
  tail -n 20 "$1" >&2 || true
  exit 1
}

pg_port='' redis_port='' backend_port=''
free_port pg_port
free_port redis_port
free_port backend_port
gate_port=${DEMO_GATE_PORT:-5080}
if [ -z "${DEMO_GATE_PORT:-}" ] && port_in_use "$gate_port"; then
  free_port gate_port
fi
backend="http://127.0.0.1:$backend_port"
gate="http://127.0.0.1:$gate_port"

if [ -n "${DEMO_BIN_DIR:-}" ]; then
  gate_dll="$DEMO_BIN_DIR/HealthGate.Service.dll"
  backend_dll="$DEMO_BIN_DIR/HealthGate.DemoBackend.dll"
else
  echo "Building HealthGate and the demo backend (a minute or two the first time)..."
  for project in src/HealthGate/HealthGate.csproj samples/HealthGate.DemoBackend/HealthGate.DemoBackend.csproj; do
    dotnet build "$repo/$project" -m:1 --nologo -v q >"$work/build.log" 2>&1 || show_log_and_fail "$work/build.log"
  done
  gate_dll="$repo/src/HealthGate/bin/Debug/net10.0/HealthGate.Service.dll"
  backend_dll="$repo/samples/HealthGate.DemoBackend/bin/Debug/net10.0/HealthGate.DemoBackend.dll"
fi
for dll in "$gate_dll" "$backend_dll"; do
  [ -f "$dll" ] || { echo "demo: $dll not found" >&2; exit 1; }
done

echo "Starting PostgreSQL on 127.0.0.1:$pg_port..."
pg_password="demo-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s' "$pg_password" >"$pg_dir/pwfile"
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres "$pg_dir"
  as_postgres=(runuser -u postgres --)
fi
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --pwfile "$pg_dir/pwfile" -A scram-sha-256 --no-sync \
  >"$work/initdb.log" 2>&1 || show_log_and_fail "$work/initdb.log"
"${as_postgres[@]}" "$pg_bin/postgres" -D "$pg_dir/data" -p "$pg_port" -k "$pg_dir" -h 127.0.0.1 -c fsync=off \
  >"$work/postgres.log" 2>&1 &
children+=($!)
pg_ready() {
  if [ -x "$pg_bin/pg_isready" ]; then
    "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"
  else
    port_in_use "$pg_port"
  fi
}
wait_until 60 "PostgreSQL accepting connections" "$!" pg_ready || show_log_and_fail "$work/postgres.log"

echo "Starting Redis on 127.0.0.1:$redis_port..."
# The pid file names whichever Redis is running, this one or one started again by hand after a stop.
redis_start=(redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work"
  --pidfile "$work/redis.pid" --logfile "$work/redis.log")
"${redis_start[@]}" &
children+=($!)
redis_pong() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$redis_port"
    printf 'PING\r\n' >&3
    read -r -t 2 reply <&3
    [[ $reply == +PONG* ]]
  )
}
wait_until 30 "Redis answering PING" "$!" redis_pong || show_log_and_fail "$work/redis.log"

echo "Starting the demo backend on $backend..."
dotnet "$backend_dll" --urls "$backend" >"$work/backend.log" 2>&1 &
children+=($!)
wait_until 60 "the demo backend serving" "$!" curl -fsS "$backend/faults" || show_log_and_fail "$work/backend.log"

# The same template the tests fill (tests/HealthGate.Tests/Demo): what is shown here is what is tested.
sed_value() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
config="$work/demo-desk.json"
sed -e "s|@PG_PORT@|$pg_port|g" \
  -e "s|@PG_PASSWORD@|$(sed_value "$pg_password")|g" \
  -e "s|@REDIS_PORT@|$redis_port|g" \
  -e "s|@BACKEND@|$(sed_value "$backend")|g" \
  -e "s|@DATA_DIR@|$(sed_value "$data_dir")|g" \
  "$repo/samples/demo-desk.template.json" >"$config"
chmod 600 "$config"
if grep -q '@[A-Z_]*@' "$config"; then
  echo "demo: placeholders left in $config: $(grep -o '@[A-Z_]*@' "$config" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi

echo "Starting HealthGate on $gate..."
# The gate's working directory is the temporary one, so nothing it writes lands in the clone.
(cd "$work" && exec dotnet "$gate_dll" --urls "$gate" --config "$config") >"$work/gate.log" 2>&1 &
gate_pid=$!
children+=("$gate_pid")
wait_until 60 "HealthGate serving /health/live" "$gate_pid" curl -fsS "$gate/health/live" || show_log_and_fail "$work/gate.log"

live=$(curl -s "$gate/preflight?mode=live" || true)
verdict=$(printf '%s' "$live" | grep -o '"verdict":"[A-Z0-9_]*"' | cut -d'"' -f4 || true)
exit_code=$(printf '%s' "$live" | grep -o '"exitCode":[0-9]*' | cut -d: -f2 || true)

cat <<EOF

HealthGate demo desk is up. Live preflight now: ${verdict:-no answer} (exit code ${exit_code:-?})

  Operator page     $gate/ui
  Live preflight    curl -s '$gate/preflight?mode=live'
  Paper preflight   curl -s '$gate/preflight?mode=paper'
  Readiness         curl -s $gate/health/ready
  Metrics           curl -s $gate/metrics
  Launcher CLI      dotnet run --project src/HealthGate.Cli -- preflight --mode live --url $gate

Flip a fault on the stand-in backend ($backend), then run the live preflight again:
  risk level CRITICAL    -> P0_FAIL risk_critical       curl -s -X POST $backend/faults/risk-level/CRITICAL
  risk level ELEVATED    -> P2_WARN risk_elevated       curl -s -X POST $backend/faults/risk-level/ELEVATED
  risk level back        -> PASS                        curl -s -X POST $backend/faults/risk-level/NORMAL
  emergency stop on      -> P0_FAIL ess_active          curl -s -X POST $backend/faults/ess/on    (ess/off undoes)
  exchange clock +5 s    -> P1_FAIL clock_skew          curl -s -X POST $backend/faults/skew/5000 (skew/0 undoes)
  execution service 503  -> P1_FAIL unexpected_status   curl -s -X POST $backend/faults/execution/down (execution/up)
  a metric missing       -> P1_FAIL missing_metrics     curl -s -X POST $backend/faults/metrics/missing (metrics/ok)
  venue in maintenance   -> P1_FAIL venue_maintenance   curl -s -X POST $backend/faults/venue/maintenance (venue/online)
  venue cancel-only      -> P1_FAIL venue_restricted    curl -s -X POST $backend/faults/venue/cancel_only (venue/online)
  rate limit 90 % used   -> P1_FAIL rate_limit_headroom curl -s -X POST $backend/faults/used-weight/5400 (used-weight/12)
  everything healthy     -> PASS                        curl -s -X POST $backend/faults/reset
  what is flipped now                                   curl -s $backend/faults

Stop Redis (P0_FAIL redis unreachable; /health/ready turns 503 within one 2 s period):
  kill "\$(cat $work/redis.pid)"
Start it again (the gate reconnects within a few seconds; Ctrl-C here stops this one too):
  $(printf '%q ' "${redis_start[@]}")--daemonize yes

Force-start a P1_FAIL with the two-person rule (each person's own key; RUN_ID from the failing preflight):
  cli="dotnet run --project src/HealthGate.Cli --"
  HEALTHGATE_API_KEY=olga-demo-key \$cli override request --url $gate --kind force-start --mode live --run RUN_ID \\
    --reason demo --ticket DEMO-1 --impact "demo only" --mitigation "watch the page"      # prints the id
  HEALTHGATE_API_KEY=jane-demo-key \$cli override approve ID --url $gate                   # risk-manager
  HEALTHGATE_API_KEY=bob-demo-key  \$cli override approve ID --url $gate                   # cto
  HEALTHGATE_API_KEY=olga-demo-key \$cli preflight --mode live --url $gate --force-start --override ID
  $gate/ui shows the pending override and the operational log; healthgate audit verify --url $gate checks the chain.

Logs: $work/{gate,backend,postgres,redis}.log
EOF

if [ "${DEMO_EXIT_AFTER_READY:-}" = 1 ]; then
  exit 0
fi
echo "Ctrl-C stops everything and deletes $work."
status=0
wait "$gate_pid" || status=$?
echo "demo: HealthGate exited with $status; the last lines of its log:" >&2
tail -n 20 "$work/gate.log" >&2 || true
exit "$status"
