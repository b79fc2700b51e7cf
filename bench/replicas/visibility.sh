#!/usr/bin/env bash
# Cross-replica visibility (docs/performance.md, "Cross-replica visibility").
# Starts a throwaway PostgreSQL and two service processes A and B on one database, keeps B's /events open, makes
# RUNS preflights on A one after another and prints, for each, the delay from A's answer to B's `run` event for that
# run id: p50 and max (ms). Usage: bench/replicas/visibility.sh [RUNS] [path/to/HealthGate.Service.dll]
set -euo pipefail
runs=${1:-50}
dll=$(realpath "${2:-src/HealthGate/bin/Release/net10.0/HealthGate.Service.dll}")
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/bench.sh
. scripts/lib/bench.sh
bench_workdir visibility
dir=$work
pg_start -c fsync=off
connection=$pg_connection

cat >"$dir/desk.json" <<JSON
{"HealthGate": {
  "Checks": {"root-disk": {"Type": "disk", "Tier": "P0", "Path": "/tmp", "MinFreeMb": 1}},
  "Storage": {"Provider": "postgres", "ConnectionString": "$connection"},
  "Readiness": {"PeriodSeconds": 3600}}}
JSON
start_replica() {
  local port=$1 name=$2
  dotnet "$dll" --urls "http://127.0.0.1:$port" --config "$dir/desk.json" >"$dir/$name.log" 2>&1 &
  children+=($!)
  until curl -fs "http://127.0.0.1:$port/health/live" >/dev/null; do
    if ! kill -0 "${children[-1]}" 2>/dev/null; then cat "$dir/$name.log"; echo "replica $name exited" >&2; exit 1; fi
    sleep 0.1
  done
  # Listening: the replica logs event 11501 once its LISTEN connection is up.
  until grep -q 'Listening for other replicas' "$dir/$name.log"; do sleep 0.1; done
}
port_a= port_b=
free_port port_a
free_port port_b
start_replica "$port_a" a
start_replica "$port_b" b

python3 - "$port_a" "$port_b" "$runs" <<'PY'
import http.client, json, statistics, sys, threading, time
port_a, port_b, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
seen, cond = {}, threading.Condition()

def listen():
    conn = http.client.HTTPConnection("127.0.0.1", port_b)
    conn.request("GET", "/events", headers={"Accept": "text/event-stream"})
    response, event = conn.getresponse(), None
    while line := response.readline():
        line = line.decode().rstrip("\n")
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event == "run":
            run_id = json.loads(line[6:]).get("runId")
            with cond:
                seen[run_id] = time.perf_counter()
                cond.notify_all()

threading.Thread(target=listen, daemon=True).start()
time.sleep(0.5)
delays = []
a = http.client.HTTPConnection("127.0.0.1", port_a)
for i in range(runs):
    a.request("GET", "/preflight?mode=live")
    body = json.loads(a.getresponse().read())
    answered = time.perf_counter()
    run_id = body["runId"]
    with cond:
        if not cond.wait_for(lambda: run_id in seen, timeout=10):
            sys.exit(f"run {run_id} never reached replica B")
        delays.append((seen[run_id] - answered) * 1000)
delays.sort()
print(f"runs: {len(delays)}  p50: {statistics.median(delays):.1f} ms  p95: {delays[int(len(delays) * 0.95) - 1]:.1f} ms  max: {delays[-1]:.1f} ms")
print("(a negative delay: B's event arrived before A's answer was read)")
PY
