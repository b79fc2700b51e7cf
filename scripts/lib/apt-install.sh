# shellcheck shell=bash
# Sourced by scripts/test.sh, scripts/demo.sh and bench/wrk/run.sh: installs the Debian packages named in the array "need", if any,
# as root or through sudo. $1 says what they are for, in the message.
# shellcheck disable=SC2154 # "need" is the caller's array
apt_install_needed() {
  [ ${#need[@]} -gt 0 ] || return 0
  echo "Installing $1: ${need[*]}"
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
}
