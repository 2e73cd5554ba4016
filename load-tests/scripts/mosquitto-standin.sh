#!/usr/bin/env bash
# A second Mosquitto posing as StratusMQ, for A/A runs that show how much two identical brokers differ on
# this machine (the noise floor of every ratio):
#
#   ./run-compare.sh --stratus-cmd 'scripts/mosquitto-standin.sh {WS_PORT} {TCP_PORT}' --stratus-dir "$PWD"
#
# TCP_PORT 0 (what run-compare.sh passes for WebSocket runs) picks a free port: Mosquitto 2.0.11 will not
# start with a WebSocket listener alone.
set -euo pipefail
ws_port=${1:?usage: mosquitto-standin.sh WS_PORT [TCP_PORT]}
tcp_port=${2:-0}
if [[ $tcp_port == 0 ]]; then
  tcp_port=$(python3 "$(dirname "${BASH_SOURCE[0]}")/compare.py" free-ports 1)
fi
conf=$(mktemp --suffix=.conf)
cat >"$conf" <<CONF
per_listener_settings false
allow_anonymous true
persistence false
log_dest stderr
log_type error
log_type warning
listener $ws_port 127.0.0.1
protocol websockets
socket_domain ipv4
listener $tcp_port 127.0.0.1
protocol mqtt
CONF
exec "${MOSQUITTO_BIN:-mosquitto}" -c "$conf"
