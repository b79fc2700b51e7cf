#!/usr/bin/env bash
# Notification latency (docs/performance.md, "Notification latency").
# Starts a real Alertmanager (Debian's prometheus-alertmanager), a webhook receiver and the service process (SQLite),
# then turns one P0 check Unhealthy and Healthy again ROUNDS times, a preflight at each turn, and prints the time
# from the preflight's answer (the transition) to the message's arrival: at the webhook (its request received) and at
# Alertmanager (the alert listed, or gone, in GET /api/v2/alerts, polled every 5 ms). p50 and max (ms).
# Usage: bench/notify/run.sh [ROUNDS] [path/to/HealthGate.Service.dll]
set -euo pipefail
rounds=${1:-20}
dll=${2:-src/HealthGate/bin/Release/net10.0/HealthGate.Service.dll}
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

am_port=$(free_port); gate_port=$(free_port); stand_port=$(free_port)
printf "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n" >"$dir/am.yml"
prometheus-alertmanager --config.file="$dir/am.yml" --storage.path="$dir/am" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$dir/am.log" 2>&1 &
pids+=($!)
until curl -fs "http://127.0.0.1:$am_port/-/ready" >/dev/null; do sleep 0.1; done

cat >"$dir/desk.json" <<JSON
{"HealthGate": {
  "Checks": {"core": {"Type": "http", "Tier": "P0", "Url": "http://127.0.0.1:$stand_port/core"}},
  "Storage": {"ConnectionString": "Data Source=$dir/gate.db"},
  "Readiness": {"PeriodSeconds": 3600},
  "Notify": {"Targets": {
    "am": {"Type": "alertmanager", "Url": "http://127.0.0.1:$am_port"},
    "hook": {"Type": "webhook", "Url": "http://127.0.0.1:$stand_port/hook", "Secret": "bench-secret", "Checks": ["core"]}}}}}
JSON

python3 - "$am_port" "$gate_port" "$stand_port" "$rounds" "$dll" "$dir" <<'PY'
import http.client, http.server, json, statistics, subprocess, sys, threading, time
am_port, gate_port, stand_port, rounds, dll, work = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
state = {"healthy": True}
arrivals = {}

class Stand(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        self.send_response(200 if state["healthy"] else 503); self.end_headers(); self.wfile.write(b"x")
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        arrivals[body["dedupKey"]] = time.perf_counter()
        self.send_response(200); self.end_headers()

server = http.server.ThreadingHTTPServer(("127.0.0.1", stand_port), Stand)
threading.Thread(target=server.serve_forever, daemon=True).start()
gate = subprocess.Popen(["dotnet", dll, "--urls", f"http://127.0.0.1:{gate_port}", "--config", f"{work}/desk.json"],
                        stdout=open(f"{work}/gate.log", "w"), stderr=subprocess.STDOUT)
try:
    def get(port, path):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10); c.request("GET", path); r = c.getresponse(); data = r.read(); c.close(); return r.status, data
    deadline = time.time() + 60
    while True:
        try:
            if get(gate_port, "/health/live")[0] == 200: break
        except OSError: pass
        if time.time() > deadline or gate.poll() is not None: sys.exit(open(f"{work}/gate.log").read())
        time.sleep(0.1)
    def firing():
        return any(a["labels"].get("check") == "core" for a in json.loads(get(am_port, "/api/v2/alerts")[1]))
    hook, am = [], []
    version = 0
    for i in range(rounds * 2):
        failing = i % 2 == 0
        state["healthy"] = not failing
        get(gate_port, "/preflight?mode=live")
        t0 = time.perf_counter()
        version += 1
        key = f"healthgate/default/check:core/{version}/{'trigger' if failing else 'resolve'}"
        while firing() != failing:
            if time.perf_counter() - t0 > 10: sys.exit(f"alertmanager did not follow round {i}")
            time.sleep(0.005)
        am.append((time.perf_counter() - t0) * 1000)
        while key not in arrivals:
            if time.perf_counter() - t0 > 10: sys.exit(f"webhook did not get {key}")
            time.sleep(0.005)
        hook.append(max(0.0, (arrivals[key] - t0) * 1000))
    for name, xs in (("webhook", hook), ("alertmanager", am)):
        print(f"{name:12} transitions={len(xs)} p50={statistics.median(xs):.1f} ms max={max(xs):.1f} ms")
finally:
    gate.terminate(); gate.wait()
PY
