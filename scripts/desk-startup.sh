#!/usr/bin/env bash
# Start-up time against desk-file size (docs/performance.md, "Start-up against desk-file size").
# Writes a desk of about SIZE_KB kilobytes (disk checks with tags, one scenarios check with a long Expected list),
# starts the built service on it and prints the seconds until /health/live answers.
# Usage: scripts/desk-startup.sh [SIZE_KB] [path/to/HealthGate.Service.dll]
set -euo pipefail
size_kb=${1:-1024}
dll=${2:-src/HealthGate/bin/Release/net10.0/HealthGate.Service.dll}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
python3 - "$dir/desk.json" "$size_kb" <<'PY'
import json, sys
path, size = sys.argv[1], int(sys.argv[2]) * 1024
checks = {"root-disk": {"Type": "disk", "Tier": "P0", "Path": "/tmp", "MinFreeMb": 1}}
expected = []
desk = {"HealthGate": {"Checks": checks, "Storage": {"ConnectionString": "Data Source=" + path + ".db"}}}
i = 0
# Half the bytes in many small checks, half in one long list: both shapes must start in linear time.
while len(json.dumps(desk)) < size // 2:
    checks[f"disk-{i}"] = {"Type": "disk", "Tier": "P2", "Path": "/tmp", "MinFreeMb": 1, "Tags": [f"team-{i % 7}", f"rack-{i % 13}", "bulk"]}
    i += 1
checks["scenarios"] = {"Type": "scenarios", "Tier": "P1", "Url": "http://127.0.0.1:9/stress/scenarios", "Expected": expected}
while len(json.dumps(desk)) < size:
    expected.extend(f"scenario_{len(expected) + k}" for k in range(1000))
open(path, "w").write(json.dumps(desk, indent=1))
print(f"desk: {len(json.dumps(desk, indent=1)) // 1024} KB, {len(checks)} checks, {len(expected)} expected scenarios", file=sys.stderr)
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s.%N)
dotnet "$dll" --urls "http://127.0.0.1:$port" --config "$dir/desk.json" >"$dir/out.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/health/live" >/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/out.log"; echo "the service exited" >&2; exit 1; fi
  sleep 0.1
done
end=$(date +%s.%N)
python3 -c "print(f'serving after {$end - $start:.1f} s')"
