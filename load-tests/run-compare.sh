#!/usr/bin/env bash
# Runs the same MQTT load scenarios against Mosquitto and (when given) StratusMQ on this machine, interleaved,
# several times each, and writes a markdown table of medians and ratios to results/<timestamp>.md.
#
#   ./run-compare.sh                                    # Mosquitto-only baseline
#   STRATUS_CMD="java -jar target/quarkus-app/quarkus-run.jar" ./run-compare.sh
#   ./run-compare.sh --stratus-cmd 'java -Dquarkus.http.port={WS_PORT} -jar target/quarkus-app/quarkus-run.jar'
#
# Both brokers listen on free loopback ports chosen here; nothing is sent anywhere but 127.0.0.1.
# See README.md for what every number means.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/.." && pwd)

runs=3
warmup=3
duration=10
transport=ws
protocol=3.1.1
payload=64
scenarios_file="$here/scenarios/baseline.txt"
stratus_cmd=${STRATUS_CMD:-}
stratus_dir=${STRATUS_DIR:-$repo_root}
stratus_ws_path=${STRATUS_WS_PATH:-/mqtt}
stratus_start_timeout=${STRATUS_START_TIMEOUT:-90}
mosquitto_bin=${MOSQUITTO_BIN:-mosquitto}
with_mosquitto=1
quiet_cores=0.5
quiet_timeout=15
out_dir="$here/results"

usage() {
  cat <<EOF
Usage: $(basename "$0") [options]

  --runs N              runs per scenario and broker (default $runs)
  --warmup S            warm-up seconds per run (default $warmup)
  --duration S          measured seconds per run (default $duration)
  --transport ws|tcp    MQTT over WebSocket (ws://127.0.0.1:PORT/mqtt) or plain TCP (default $transport)
  --protocol 3.1.1|5    MQTT version (default $protocol)
  --payload-size BYTES  payload size (default $payload)
  --scenarios FILE      "label | loadtest arguments" per line (default scenarios/baseline.txt)
  --stratus-cmd CMD     start StratusMQ with CMD (default: \$STRATUS_CMD; none = Mosquitto only)
  --stratus-dir DIR     working directory for CMD (default: repository root)
  --no-mosquitto        run StratusMQ only
  --quiet-cores X       before each run, wait until other processes use less than X cores (default $quiet_cores;
                        0 = do not wait)
  --quiet-timeout S     give up waiting for a quiet machine after S seconds and run anyway (default $quiet_timeout)
  --out DIR             where results go (default load-tests/results)

StratusMQ command: {WS_PORT} and {TCP_PORT} in CMD are replaced by the ports chosen here. When CMD starts with
"java" and has no placeholders, -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=WS_PORT
-Dstratus.tcp.port=TCP_PORT are added after "java" (TCP_PORT is 0 unless --transport tcp). QUARKUS_HTTP_HOST,
QUARKUS_HTTP_PORT and STRATUS_TCP_PORT are exported as well. CMD must run the broker in the foreground as the
process it starts (it is run with exec), so that its PID is the broker's: CPU and RSS are read from /proc/PID.
Environment: STRATUS_WS_PATH (default /mqtt), STRATUS_START_TIMEOUT (default 90 s), MOSQUITTO_BIN,
MOSQUITTO_EXTRA_CONF (extra mosquitto.conf lines), LOADTEST_JAVA_OPTS (generator JVM flags).
EOF
}

while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --transport) transport=$2; shift 2 ;;
    --protocol) protocol=$2; shift 2 ;;
    --payload-size) payload=$2; shift 2 ;;
    --scenarios) scenarios_file=$2; shift 2 ;;
    --stratus-cmd) stratus_cmd=$2; shift 2 ;;
    --stratus-dir) stratus_dir=$2; shift 2 ;;
    --no-mosquitto) with_mosquitto=0; shift ;;
    --quiet-cores) quiet_cores=$2; shift 2 ;;
    --quiet-timeout) quiet_timeout=$2; shift 2 ;;
    --out) out_dir=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "run-compare: $*" >&2; exit 2; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
helper() { python3 "$here/scripts/compare.py" "$@"; }

[[ $transport == ws || $transport == tcp ]] || die "--transport must be ws or tcp"
[[ -f $scenarios_file ]] || die "scenario file not found: $scenarios_file"
((with_mosquitto)) || [[ -n $stratus_cmd ]] || die "nothing to run: --no-mosquitto without a StratusMQ command"
if ((with_mosquitto)); then
  command -v "$mosquitto_bin" >/dev/null || die "mosquitto not found (Debian: apt-get install -y mosquitto)"
fi
command -v python3 >/dev/null || die "python3 is required"
# Many-connection scenarios need file descriptors in both broker and generator (they inherit this limit).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

jar="$here/target/stratusmq-load-tests.jar"
if [[ ! -f $jar ]]; then
  log "building the load generator"
  (cd "$here" && ../mvnw -q -DskipTests package) || die "build failed"
fi

# ---- scenarios ------------------------------------------------------------------------------------------------
labels=()
arguments=()
while IFS= read -r line || [[ -n $line ]]; do
  [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
  [[ $line == *"|"* ]] || die "scenario line without '|': $line"
  label=$(sed -e 's/[[:space:]]*|.*$//' -e 's/^[[:space:]]*//' <<<"$line")
  args=$(sed -e 's/^[^|]*|[[:space:]]*//' -e 's/[[:space:]]*$//' <<<"$line")
  [[ $label != *'"'* && $label != *'\'* ]] || die "scenario label may not contain quotes or backslashes: $label"
  labels+=("$label")
  arguments+=("$args")
done <"$scenarios_file"
((${#labels[@]})) || die "no scenarios in $scenarios_file"

# ---- output -----------------------------------------------------------------------------------------------------
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out_dir"
jsonl="$out_dir/$stamp.jsonl"
table="$out_dir/$stamp.md"
logs="$out_dir/$stamp-logs"
mkdir -p "$logs"
: >"$jsonl"
work=$(mktemp -d)

# ---- brokers ----------------------------------------------------------------------------------------------------
brokers=()
declare -A broker_pid broker_url

cleanup() {
  local name
  for name in "${!broker_pid[@]}"; do
    local pid=${broker_pid[$name]}
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping $name (pid $pid)"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

url_for() { # ws_port tcp_port ws_path
  if [[ $transport == ws ]]; then echo "ws://127.0.0.1:$1$3"; else echo "tcp://127.0.0.1:$2"; fi
}

start_mosquitto() {
  local ws_port tcp_port conf="$work/mosquitto.conf"
  read -r ws_port tcp_port < <(helper free-ports 2)
  cat >"$conf" <<EOF
# Written by run-compare.sh: stock Mosquitto defaults (max_inflight_messages 20, max_queued_messages 1000),
# anonymous access, no persistence, loopback only.
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
${MOSQUITTO_EXTRA_CONF:-}
EOF
  "$mosquitto_bin" -c "$conf" >"$logs/mosquitto.log" 2>&1 &
  broker_pid[mosquitto]=$!
  helper wait-ready 127.0.0.1 "$ws_port" /mqtt 10 "${broker_pid[mosquitto]}" \
    && helper wait-ready 127.0.0.1 "$tcp_port" - 10 "${broker_pid[mosquitto]}" \
    || die "mosquitto did not start; see $logs/mosquitto.log"
  broker_url[mosquitto]=$(url_for "$ws_port" "$tcp_port" /mqtt)
  brokers+=(mosquitto)
  log "mosquitto $("$mosquitto_bin" -h 2>/dev/null | head -1 | awk '{print $3}') pid ${broker_pid[mosquitto]}: ${broker_url[mosquitto]}"
}

start_stratus() {
  local ws_port tcp_port cmd
  read -r ws_port tcp_port < <(helper free-ports 2)
  [[ $transport == tcp ]] || tcp_port=0
  cmd=$stratus_cmd
  if [[ $cmd == *"{WS_PORT}"* || $cmd == *"{TCP_PORT}"* ]]; then
    cmd=${cmd//\{WS_PORT\}/$ws_port}
    cmd=${cmd//\{TCP_PORT\}/$tcp_port}
  elif [[ $cmd =~ ^[[:space:]]*([^[:space:]]*java)([[:space:]].*)?$ ]]; then
    cmd="${BASH_REMATCH[1]} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$ws_port -Dstratus.tcp.port=$tcp_port${BASH_REMATCH[2]}"
  fi
  log "starting StratusMQ in $stratus_dir: $cmd"
  (cd "$stratus_dir" && QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$ws_port STRATUS_TCP_PORT=$tcp_port \
    exec bash -c "exec $cmd") >"$logs/stratusmq.log" 2>&1 &
  broker_pid[stratusmq]=$!
  if [[ $transport == ws ]]; then
    helper wait-ready 127.0.0.1 "$ws_port" "$stratus_ws_path" "$stratus_start_timeout" "${broker_pid[stratusmq]}"
  else
    helper wait-ready 127.0.0.1 "$tcp_port" - "$stratus_start_timeout" "${broker_pid[stratusmq]}"
  fi || die "StratusMQ did not become ready; see $logs/stratusmq.log"
  kill -0 "${broker_pid[stratusmq]}" 2>/dev/null || die "StratusMQ exited; see $logs/stratusmq.log"
  broker_url[stratusmq]=$(url_for "$ws_port" "$tcp_port" "$stratus_ws_path")
  brokers+=(stratusmq)
  log "StratusMQ pid ${broker_pid[stratusmq]}: ${broker_url[stratusmq]}"
}

((with_mosquitto)) && start_mosquitto
[[ -n $stratus_cmd ]] && start_stratus

# ---- runs -------------------------------------------------------------------------------------------------------
run_one() { # broker scenario_index run
  local broker=$1 index=$2 run=$3 label=${labels[$2]} pid=${broker_pid[$1]} out rc=0 line
  local name="${broker}-s$((index + 1))-r${run}"
  if ! kill -0 "$pid" 2>/dev/null; then
    log "$broker is not running; skipping $label run $run"
    printf '{"broker":"%s","scenario":"%s","run":%d,"error":"broker not running"}\n' "$broker" "$label" "$run" >>"$jsonl"
    return
  fi
  if [[ $quiet_cores != 0 ]]; then
    helper wait-quiet "$quiet_cores" "$quiet_timeout" || true
  fi
  log "$label | $broker | run $run/$runs"
  out="$logs/$name.json"
  # shellcheck disable=SC2086 # the scenario arguments are meant to be split into words
  "$here/loadtest" ${arguments[$index]} --url "${broker_url[$broker]}" --protocol "$protocol" \
    --warmup "$warmup" --duration "$duration" --payload-size "$payload" --broker-pid "$pid" \
    >"$out" 2>"$logs/$name.log" || rc=$?
  line=$(grep '^{' "$out" | tail -1 || true)
  if [[ -n $line ]] && ((rc == 0 || rc == 3)); then
    printf '{"broker":"%s","scenario":"%s","run":%d,"result":%s}\n' "$broker" "$label" "$run" "$line" >>"$jsonl"
    grep -E '^(window|latency |delivery|broker |machine|verdict)' "$logs/$name.log" | sed 's/^/    /' >&2 || true
  else
    log "  failed with exit code $rc; see $logs/$name.log"
    printf '{"broker":"%s","scenario":"%s","run":%d,"error":"exit code %d"}\n' "$broker" "$label" "$run" "$rc" >>"$jsonl"
  fi
}

for ((run = 1; run <= runs; run++)); do
  for index in "${!labels[@]}"; do
    order=("${brokers[@]}")
    if ((run % 2 == 0 && ${#brokers[@]} == 2)); then order=("${brokers[1]}" "${brokers[0]}"); fi
    for broker in "${order[@]}"; do
      run_one "$broker" "$index" "$run"
    done
  done
done

helper table "$jsonl" >"$table"
log "results: $table"
cat "$table"
