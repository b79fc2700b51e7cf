# shellcheck shell=bash
# Free loopback ports for the scripts that start throwaway servers (demo.sh, bench/wrk/run.sh).

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port NAME: sets NAME to a loopback port nobody listens on and no earlier call handed out.
taken_ports=()
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if ! port_in_use "$port" && [[ " ${taken_ports[*]} " != *" $port "* ]]; then
      taken_ports+=("$port")
      printf -v "$1" '%s' "$port"
      return
    fi
  done
}
