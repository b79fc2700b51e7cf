#!/usr/bin/env bash
# Runs the whole HealthGate test suite. The tests start their own PostgreSQL, Redis, Prometheus, RabbitMQ and NATS, lint
# the OpenAPI document with a pinned node tool, drive a pseudo-terminal with util-linux's script and a headless Chromium
# for the dashboard, so this installs the Debian packages that provide them when they are missing (as root, or through
# sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null || need+=(redis-server)
# The rabbitmq and nats checks run against Debian's servers; the tests call rabbitmq's own script and epmd.
{ [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && command -v epmd >/dev/null; } || need+=(rabbitmq-server)
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || need+=(nats-server)
command -v prometheus >/dev/null && command -v promtool >/dev/null || need+=(prometheus)
# The notification tests deliver to a real Alertmanager.
[ -x /usr/bin/prometheus-alertmanager ] || need+=(prometheus-alertmanager)
command -v script >/dev/null || need+=(bsdutils)
# The clock check's test reads the kernel's clock state independently through Python's ctypes.
command -v python3 >/dev/null || need+=(python3)
# The dashboard's browser tests drive Debian's Chromium through Playwright; Playwright never downloads one.
[ -x /usr/bin/chromium ] || need+=(chromium)
# The OpenAPI lint test runs the Redocly CLI pinned in tools/openapi-lint under Debian's node.
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
# The session check's tests read IANA zones (Europe/London, America/New_York) from the system's zone files.
[ -e /usr/share/zoneinfo/Europe/London ] || need+=(tzdata)
# The op-log's PDF evidence packs are read back with poppler's pdftotext and pdfinfo; they draw with DejaVu Sans.
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || need+=(fonts-dejavu-core)
command -v setpriv >/dev/null || need+=(util-linux)
# The store rows fill a tmpfs the test mounts (as root) to give SQLite a real full filesystem.
{ [ -x /usr/bin/mount ] && [ -x /usr/bin/umount ]; } || need+=(mount)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || need+=(postgresql)
# As root the tests run PostgreSQL as the postgres user, which the package creates.
[ "$(id -u)" -ne 0 ] || id postgres >/dev/null 2>&1 || need+=(postgresql)

# shellcheck source=scripts/lib/apt-install.sh
. scripts/lib/apt-install.sh
apt_install_needed "test dependencies"

# The pinned linter, exactly as package-lock.json names it.
(cd tools/openapi-lint && npm ci --no-audit --no-fund --loglevel=error)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# -m:1: one test project at a time. Each already runs two classes at once and starts real servers; three test hosts
# side by side on a 2-core machine made checks time out under load. A later -m in "$@" overrides it.
dotnet test HealthGate.sln --nologo -m:1 "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole solution, summed over the test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: $passed passed, $failed failed"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
exit "$status"
