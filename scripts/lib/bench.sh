# shellcheck shell=bash
# What the bench scripts share (docs/performance.md): a work directory cleaned up at exit with every child it started,
# waiting for a condition, and a throwaway PostgreSQL. Source from the repository root; it sources ports.sh.

# shellcheck source=scripts/lib/ports.sh
. "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

pg_pin=() # a prefix for the PostgreSQL processes, e.g. (taskset -c 1)

# bench_workdir NAME: creates $work (mode 711: the postgres user must reach $work/pg) and arms the cleanup: every pid
# in $children is stopped, a PostgreSQL in $work/pg is shut down, and $work is removed unless KEEP=1.
bench_workdir() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/healthgate-$1.XXXXXX")
  chmod 711 "$work"
  children=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -s "$work/pg/data/postmaster.pid" ]; then kill -INT "$(head -n 1 "$work/pg/data/postmaster.pid")" 2>/dev/null || true; fi
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}

wait_for() { # SECONDS WHAT COMMAND...
  local seconds=$1 what=$2 i
  shift 2
  for ((i = 0; i < seconds * 10; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench: $what did not happen within $seconds s" >&2
  return 1
}

now_ms() { date +%s%3N; }

# pg_find: sets pg_bin to the newest PostgreSQL's binaries (Debian keeps initdb and postgres off PATH).
pg_find() {
  if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    pg_bin=$(find /usr/lib/postgresql/*/bin -maxdepth 0 | sort -V | tail -n 1)
  else
    pg_bin=$(dirname "$(command -v initdb)")
  fi
}

# pg_start [SERVER-ARGS...]: a throwaway PostgreSQL in $work/pg on a free loopback port with a random password; sets
# pg_port, pg_password and pg_connection (Npgsql, database postgres). Runs under ${pg_pin[@]} when set (taskset).
pg_start() {
  local as_postgres=()
  pg_find
  free_port pg_port
  mkdir -p "$work/pg"
  pg_password="bench-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s' "$pg_password" >"$work/pg/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$work/pg"; as_postgres=(runuser -u postgres --); fi
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres --pwfile "$work/pg/pwfile" -A scram-sha-256 --no-sync >"$work/initdb.log" 2>&1
  "${pg_pin[@]}" "${as_postgres[@]}" "$pg_bin/postgres" -D "$work/pg/data" -p "$pg_port" -k "$work/pg" -h 127.0.0.1 "$@" >"$work/pg/server.log" 2>&1 &
  children+=($!)
  wait_for 60 "PostgreSQL accepting connections" "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"
  pg_connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=postgres"
}

# pg_psql ARGS...: psql against the throwaway PostgreSQL as postgres.
pg_psql() { PGPASSWORD=$pg_password "${pg_pin[@]}" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
