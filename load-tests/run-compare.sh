#!/usr/bin/env bash
# Runs the same MQTT load scenarios against Mosquitto and (when given) StratusMQ on this machine, interleaved,
# several times each, and writes a markdown table of medians and ratios to results/<timestamp>.md.
#
#   ./run-compare.sh                                    # Mosquitto-only baseline
#   STRATUS_CMD="java -jar target/quarkus-app/quarkus-run.jar" ./run-compare.sh
#   ./run-compare.sh --stratus-cmd 'java -Dquarkus.http.port={WS_PORT} -jar target/quarkus-app/quarkus-run.jar'
#   STRATUS_CMD="java -jar target/quarkus-app/quarkus-run.jar" ./run-compare.sh --stratus-cluster 3
#
# Every broker (and the cluster's Redis) listens on free loopback ports chosen here; nothing is sent anywhere but
# 127.0.0.1. See README.md for what every number means.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/.." && pwd)

runs=3
warmup=3
prime=0
duration=10
transport=ws
protocol=3.1.1
payload=64
scenarios_file=
stratus_cmd=${STRATUS_CMD:-}
stratus_cluster=${STRATUS_CLUSTER:-0}
redis_bin=${REDIS_SERVER:-redis-server}
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

  --runs N              runs per scenario and broker (default $runs). Traffic scenarios run first, the brokers
                        interleaved; idle-connections scenarios last, each run on a freshly started broker, so
                        that the RSS per connection is that of a process that held nothing before
  --warmup S            warm-up seconds per run (default $warmup)
  --prime S             before the first measured run, run every scenario once for S seconds against each
                        broker, unrecorded (idle-connections scenarios excepted), so that a JVM has compiled
                        its hot paths as a pod that has served traffic for a minute has (default $prime: cold)
  --duration S          measured seconds per run (default $duration)
  --transport ws|tcp    MQTT over WebSocket (ws://127.0.0.1:PORT/mqtt) or plain TCP (default $transport)
  --protocol 3.1.1|5    MQTT version (default $protocol)
  --payload-size BYTES  payload size (default $payload)
  --scenarios FILE      "label | loadtest arguments" per line (default scenarios/baseline.txt, or
                        scenarios/cluster.txt with --stratus-cluster)
  --stratus-cmd CMD     start StratusMQ with CMD (default: \$STRATUS_CMD; none = Mosquitto only)
  --stratus-dir DIR     working directory for CMD (default: repository root)
  --stratus-cluster N   run StratusMQ as N pods (N >= 2) on one Redis started here, instead of one pod
                        (default: \$STRATUS_CLUSTER, or 0 = one pod). Publishers connect to pod 1, subscribers
                        to pod 2; Mosquitto (one node) runs the same scenarios with subscribers beside publishers
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

Cluster (--stratus-cluster N): the same CMD starts each pod, with its own ports. Pod i also gets
-Dquarkus.redis.hosts=redis://127.0.0.1:REDIS_PORT -Dstratus.node-id=bench-i after "java" (same rule; with
placeholders, {REDIS_HOSTS} and {NODE_ID} are replaced), and QUARKUS_REDIS_HOSTS and STRATUS_NODE_ID are exported.
A pod is ready when its WebSocket (or TCP) port answers, /q/health/ready answers 200, and /q/metrics shows
stratus_nodes >= N. The generator gets every pod's PID, the Redis PID and every pod's /q/metrics.

Scenario lines starting with [cluster] run only with --stratus-cluster.
Environment: STRATUS_WS_PATH (default /mqtt), STRATUS_START_TIMEOUT (default 90 s), STRATUS_CLUSTER,
REDIS_SERVER (default redis-server), MOSQUITTO_BIN, MOSQUITTO_EXTRA_CONF (extra mosquitto.conf lines),
LOADTEST_JAVA_OPTS (generator JVM flags), PYTHON (interpreter for the helper; the chart uses one that can import
matplotlib: PYTHON, else python3, else /usr/bin/python3).
EOF
}

while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --prime) prime=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --transport) transport=$2; shift 2 ;;
    --protocol) protocol=$2; shift 2 ;;
    --payload-size) payload=$2; shift 2 ;;
    --scenarios) scenarios_file=$2; shift 2 ;;
    --stratus-cmd) stratus_cmd=$2; shift 2 ;;
    --stratus-dir) stratus_dir=$2; shift 2 ;;
    --stratus-cluster) stratus_cluster=$2; shift 2 ;;
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
python=${PYTHON:-python3}
helper() { "$python" "$here/scripts/compare.py" "$@"; }

[[ $transport == ws || $transport == tcp ]] || die "--transport must be ws or tcp"
[[ $prime =~ ^[0-9]+$ ]] || die "--prime must be a number of seconds"
[[ $stratus_cluster =~ ^[0-9]+$ ]] || die "--stratus-cluster must be a number of pods"
if ((stratus_cluster)); then
  ((stratus_cluster >= 2)) || die "--stratus-cluster needs at least 2 pods (publishers on pod 1, subscribers on pod 2)"
  [[ -n $stratus_cmd ]] || die "--stratus-cluster needs a StratusMQ command (--stratus-cmd or STRATUS_CMD)"
  command -v "$redis_bin" >/dev/null || die "redis-server not found (Debian: apt-get install -y redis-server)"
fi
[[ -n $scenarios_file ]] || scenarios_file="$here/scenarios/$( ((stratus_cluster)) && echo cluster || echo baseline).txt"
[[ -f $scenarios_file ]] || die "scenario file not found: $scenarios_file"
((with_mosquitto)) || [[ -n $stratus_cmd ]] || die "nothing to run: --no-mosquitto without a StratusMQ command"
if ((with_mosquitto)); then
  command -v "$mosquitto_bin" >/dev/null || die "mosquitto not found (Debian: apt-get install -y mosquitto)"
fi
command -v "$python" >/dev/null || die "python3 is required"
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
skipped=0
while IFS= read -r line || [[ -n $line ]]; do
  [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
  [[ $line == *"|"* ]] || die "scenario line without '|': $line"
  cluster_only=0
  if [[ $line =~ ^[[:space:]]*\[cluster\](.*)$ ]]; then
    cluster_only=1
    line=${BASH_REMATCH[1]}
  fi
  label=$(sed -e 's/[[:space:]]*|.*$//' -e 's/^[[:space:]]*//' <<<"$line")
  args=$(sed -e 's/^[^|]*|[[:space:]]*//' -e 's/[[:space:]]*$//' <<<"$line")
  [[ $label != *'"'* && $label != *'\'* ]] || die "scenario label may not contain quotes or backslashes: $label"
  for own in --url --sub-url --broker-pid --redis-pid --metrics-url --protocol --warmup --duration --payload-size; do
    [[ " $args " != *" $own "* && " $args " != *" $own="* ]] || die "scenario '$label' sets $own; run-compare.sh sets it"
  done
  if ((cluster_only && !stratus_cluster)); then
    skipped=$((skipped + 1))
    continue
  fi
  labels+=("$label")
  arguments+=("$args")
done <"$scenarios_file"
((skipped == 0)) || log "skipping $skipped [cluster] scenario(s): they need --stratus-cluster"
((${#labels[@]})) || die "no scenarios to run in $scenarios_file"

# Many connections need a file descriptor each, in the generator and in the broker (both inherit this limit),
# and an ephemeral port each on the generator's side of loopback.
fd_limit=$(ulimit -n)
read -r port_low port_high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || { port_low=0; port_high=0; }
for index in "${!labels[@]}"; do
  if [[ " ${arguments[$index]} " =~ [[:space:]]--connections[[:space:]=]+([0-9]+) ]]; then
    wanted=${BASH_REMATCH[1]}
    if [[ $fd_limit != unlimited ]] && ((wanted + 300 > fd_limit)); then
      log "warning: '${labels[$index]}' opens $wanted connections, but ulimit -n is $fd_limit (hard limit" \
        "$(ulimit -Hn)); broker and generator each need a descriptor per connection plus a few hundred"
    fi
    if ((port_high > port_low && wanted > port_high - port_low + 1)); then
      log "warning: '${labels[$index]}' opens $wanted connections to one port, more than the" \
        "$((port_high - port_low + 1)) ephemeral ports of net.ipv4.ip_local_port_range"
    fi
  fi
done

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
# Per target: its PIDs (space-separated; the pods of a cluster), where publishers and subscribers connect, extra
# generator arguments (Redis PID, metrics endpoints) and the number of pods.
brokers=()
declare -A broker_pids broker_url broker_sub_url broker_extra broker_pods
redis_pid=

alive() { # pid: running and not a zombie
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

stop_pids() { # label pid...: SIGTERM to all at once, SIGKILL to what is left after 20 s
  local label=$1 pid left
  shift
  local running=()
  for pid in "$@"; do alive "$pid" && running+=("$pid"); done
  ((${#running[@]})) || return 0
  log "stopping $label (pid ${running[*]})"
  kill "${running[@]}" 2>/dev/null || true
  for _ in $(seq 200); do
    left=0
    for pid in "${running[@]}"; do alive "$pid" && left=1; done
    ((left)) || break
    sleep 0.1
  done
  for pid in "${running[@]}"; do
    if alive "$pid"; then
      log "  $label pid $pid did not stop within 20 s: SIGKILL"
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}

cleanup() {
  local name
  for name in "${!broker_pids[@]}"; do
    # shellcheck disable=SC2086 # a list of PIDs
    stop_pids "$name" ${broker_pids[$name]}
  done
  [[ -z $redis_pid ]] || stop_pids redis-server "$redis_pid"  # after the pods that use it
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

is_idle() { # scenario_index
  [[ ${arguments[$1]} == idle-connections* ]]
}

listed() { # broker: already in the brokers list (started before)
  [[ " ${brokers[*]} " == *" $1 "* ]]
}

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
  "$mosquitto_bin" -c "$conf" >>"$logs/mosquitto.log" 2>&1 &
  broker_pids[mosquitto]=$!
  helper wait-ready 127.0.0.1 "$ws_port" /mqtt 10 "${broker_pids[mosquitto]}" \
    && helper wait-ready 127.0.0.1 "$tcp_port" - 10 "${broker_pids[mosquitto]}" \
    || die "mosquitto did not start; see $logs/mosquitto.log"
  broker_url[mosquitto]=$(url_for "$ws_port" "$tcp_port" /mqtt)
  broker_sub_url[mosquitto]=${broker_url[mosquitto]}  # one node: subscribers beside publishers, in every mode
  broker_extra[mosquitto]=
  broker_pods[mosquitto]=1
  listed mosquitto || brokers+=(mosquitto)
  log "mosquitto $("$mosquitto_bin" -h 2>/dev/null | head -1 | awk '{print $3}') pid ${broker_pids[mosquitto]}: ${broker_url[mosquitto]}"
}

# Starts one StratusMQ process in the background; sets launched_pid. Args: ws_port tcp_port log [redis_hosts node_id]
launch_stratus() {
  local ws_port=$1 tcp_port=$2 logfile=$3 redis_hosts=${4:-} node_id=${5:-} cmd props
  cmd=$stratus_cmd
  if [[ $cmd == *"{WS_PORT}"* || $cmd == *"{TCP_PORT}"* || $cmd == *"{REDIS_HOSTS}"* || $cmd == *"{NODE_ID}"* ]]; then
    cmd=${cmd//\{WS_PORT\}/$ws_port}
    cmd=${cmd//\{TCP_PORT\}/$tcp_port}
    cmd=${cmd//\{REDIS_HOSTS\}/$redis_hosts}
    cmd=${cmd//\{NODE_ID\}/$node_id}
  elif [[ $cmd =~ ^[[:space:]]*([^[:space:]]*java)([[:space:]].*)?$ ]]; then
    props="-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$ws_port -Dstratus.tcp.port=$tcp_port"
    [[ -z $redis_hosts ]] || props+=" -Dquarkus.redis.hosts=$redis_hosts -Dstratus.node-id=$node_id"
    cmd="${BASH_REMATCH[1]} $props${BASH_REMATCH[2]}"
  fi
  log "starting StratusMQ${node_id:+ $node_id} in $stratus_dir: $cmd"
  if [[ -n $redis_hosts ]]; then
    (cd "$stratus_dir" && QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$ws_port STRATUS_TCP_PORT=$tcp_port \
      QUARKUS_REDIS_HOSTS=$redis_hosts STRATUS_NODE_ID=$node_id exec bash -c "exec $cmd") >"$logfile" 2>&1 &
  else
    (cd "$stratus_dir" && QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$ws_port STRATUS_TCP_PORT=$tcp_port \
      exec bash -c "exec $cmd") >"$logfile" 2>&1 &
  fi
  launched_pid=$!
}

# Waits until the MQTT listener of a StratusMQ process answers. Args: pid ws_port tcp_port log
wait_stratus() {
  if [[ $transport == ws ]]; then
    helper wait-ready 127.0.0.1 "$2" "$stratus_ws_path" "$stratus_start_timeout" "$1"
  else
    helper wait-ready 127.0.0.1 "$3" - "$stratus_start_timeout" "$1"
  fi || die "StratusMQ did not become ready; see $4"
  alive "$1" || die "StratusMQ exited; see $4"
}

start_stratus() {
  local ws_port tcp_port
  read -r ws_port tcp_port < <(helper free-ports 2)
  [[ $transport == tcp ]] || tcp_port=0
  launch_stratus "$ws_port" "$tcp_port" "$logs/stratusmq.log"
  broker_pids[stratusmq]=$launched_pid
  wait_stratus "$launched_pid" "$ws_port" "$tcp_port" "$logs/stratusmq.log"
  broker_url[stratusmq]=$(url_for "$ws_port" "$tcp_port" "$stratus_ws_path")
  broker_sub_url[stratusmq]=${broker_url[stratusmq]}
  broker_extra[stratusmq]=
  broker_pods[stratusmq]=1
  listed stratusmq || brokers+=(stratusmq)
  log "StratusMQ pid ${broker_pids[stratusmq]}: ${broker_url[stratusmq]}"
}

start_redis() {
  local port
  port=$(helper free-ports 1)
  "$redis_bin" --port "$port" --bind 127.0.0.1 --save '' --appendonly no >>"$logs/redis.log" 2>&1 &
  redis_pid=$!
  helper wait-ready 127.0.0.1 "$port" - 10 "$redis_pid" || die "redis-server did not start; see $logs/redis.log"
  redis_hosts="redis://127.0.0.1:$port"
  log "$("$redis_bin" --version | awk '{print $1, $2, $3}') pid $redis_pid: $redis_hosts (no persistence)"
}

start_stratus_cluster() {
  local n=$stratus_cluster i ports pids=() ws=() tcp=() metrics=() urls=()
  start_redis
  read -r -a ports < <(helper free-ports $((2 * n)))
  for ((i = 1; i <= n; i++)); do
    ws[i]=${ports[2 * i - 2]}
    tcp[i]=${ports[2 * i - 1]}
    [[ $transport == tcp ]] || tcp[i]=0
    launch_stratus "${ws[i]}" "${tcp[i]}" "$logs/stratusmq-pod$i.log" "$redis_hosts" "bench-$i"
    pids[i]=$launched_pid
    broker_pids[stratusmq]="${pids[*]}"  # known to cleanup from the first pod on
    metrics[i]="http://127.0.0.1:${ws[i]}/q/metrics"
    urls[i]=$(url_for "${ws[i]}" "${tcp[i]}" "$stratus_ws_path")
  done
  for ((i = 1; i <= n; i++)); do
    wait_stratus "${pids[i]}" "${ws[i]}" "${tcp[i]}" "$logs/stratusmq-pod$i.log"
    helper wait-http "http://127.0.0.1:${ws[i]}/q/health/ready" "$stratus_start_timeout" "${pids[i]}" \
      || die "StratusMQ pod $i is not ready; see $logs/stratusmq-pod$i.log"
  done
  helper wait-nodes "$n" 30 "${metrics[@]}" || die "the pods do not see each other; see $logs/stratusmq-pod*.log"
  broker_url[stratusmq]=${urls[1]}
  broker_sub_url[stratusmq]=${urls[2]}
  broker_extra[stratusmq]="--redis-pid $redis_pid --metrics-url $(IFS=,; echo "${metrics[*]}")"
  broker_pods[stratusmq]=$n
  listed stratusmq || brokers+=(stratusmq)
  for ((i = 1; i <= n; i++)); do log "StratusMQ pod $i (bench-$i) pid ${pids[i]}: ${urls[i]}"; done
  log "cluster of $n pods ready: publishers connect to pod 1, subscribers to pod 2"
}

((with_mosquitto)) && start_mosquitto
if [[ -n $stratus_cmd ]]; then
  if ((stratus_cluster)); then start_stratus_cluster; else start_stratus; fi
fi

# ---- runs -------------------------------------------------------------------------------------------------------
run_one() { # broker scenario_index run
  local broker=$1 index=$2 run=$3 label=${labels[$2]} out rc=0 line pid pods=${broker_pods[$1]}
  local name="${broker}-s$((index + 1))-r${run}" pids=(${broker_pids[$1]})
  [[ $broker != stratusmq || -z $redis_pid ]] || pids+=("$redis_pid")
  for pid in "${pids[@]}"; do
    if ! alive "$pid"; then
      log "$broker (pid $pid) is not running; skipping $label run $run"
      printf '{"broker":"%s","pods":%d,"scenario":"%s","run":%d,"error":"broker not running"}\n' \
        "$broker" "$pods" "$label" "$run" >>"$jsonl"
      return
    fi
  done
  if [[ $quiet_cores != 0 ]]; then
    helper wait-quiet "$quiet_cores" "$quiet_timeout" || true
  fi
  log "$label | $broker | run $run/$runs"
  out="$logs/$name.json"
  # shellcheck disable=SC2086 # the scenario and extra arguments are meant to be split into words
  "$here/loadtest" ${arguments[$index]} --url "${broker_url[$broker]}" --sub-url "${broker_sub_url[$broker]}" \
    --protocol "$protocol" --warmup "$warmup" --duration "$duration" --payload-size "$payload" \
    --broker-pid "${broker_pids[$broker]// /,}" ${broker_extra[$broker]} \
    >"$out" 2>"$logs/$name.log" || rc=$?
  line=$(grep '^{' "$out" | tail -1 || true)
  if [[ -n $line ]] && ((rc == 0 || rc == 3)); then
    printf '{"broker":"%s","pods":%d,"scenario":"%s","run":%d,"result":%s}\n' \
      "$broker" "$pods" "$label" "$run" "$line" >>"$jsonl"
    grep -E '^(window|latency |delivery|broker |redis |machine|verdict)' "$logs/$name.log" | sed 's/^/    /' >&2 || true
  else
    log "  failed with exit code $rc; see $logs/$name.log"
    printf '{"broker":"%s","pods":%d,"scenario":"%s","run":%d,"error":"exit code %d"}\n' \
      "$broker" "$pods" "$label" "$run" "$rc" >>"$jsonl"
  fi
}

prime_one() { # broker scenario_index: the scenario for $prime seconds, nothing recorded
  local broker=$1 index=$2 name="${1}-s$(($2 + 1))-prime"
  is_idle "$index" && return 0
  log "${labels[$index]} | $broker | prime ${prime} s"
  # shellcheck disable=SC2086 # the scenario and extra arguments are meant to be split into words
  "$here/loadtest" ${arguments[$index]} --url "${broker_url[$broker]}" --sub-url "${broker_sub_url[$broker]}" \
    --protocol "$protocol" --warmup "$prime" --duration 1 --payload-size "$payload" \
    >"$logs/$name.json" 2>"$logs/$name.log" || log "  prime run failed; see $logs/$name.log"
}

if ((prime > 0)); then
  for index in "${!labels[@]}"; do
    for broker in "${brokers[@]}"; do prime_one "$broker" "$index"; done
  done
fi

# Restarts a broker (every pod and their Redis, for a cluster), so that its next run starts from a process that
# has held nothing: the RSS a process has grown to is not given back when connections close.
restart_broker() { # broker
  if [[ $1 == mosquitto ]]; then
    # shellcheck disable=SC2086 # a list of PIDs
    stop_pids mosquitto ${broker_pids[mosquitto]}
    start_mosquitto
  else
    # shellcheck disable=SC2086 # a list of PIDs
    stop_pids stratusmq ${broker_pids[stratusmq]}
    if ((stratus_cluster)); then
      stop_pids redis-server "$redis_pid"
      start_stratus_cluster
    else
      start_stratus
    fi
  fi
}

run_order() { # run: sets order to the brokers, the first going second in even runs
  order=("${brokers[@]}")
  if (($1 % 2 == 0 && ${#brokers[@]} == 2)); then order=("${brokers[1]}" "${brokers[0]}"); fi
}

# Traffic scenarios first, on the primed processes, brokers interleaved and their order alternating per run.
# Idle-connection scenarios last: each of their runs on a freshly started broker, for the RSS per connection.
for ((run = 1; run <= runs; run++)); do
  for index in "${!labels[@]}"; do
    is_idle "$index" && continue
    run_order "$run"
    for broker in "${order[@]}"; do
      run_one "$broker" "$index" "$run"
    done
  done
done
for index in "${!labels[@]}"; do
  is_idle "$index" || continue
  for ((run = 1; run <= runs; run++)); do
    run_order "$run"
    for broker in "${order[@]}"; do
      restart_broker "$broker"
      run_one "$broker" "$index" "$run"
    done
  done
done

helper table "$jsonl" >"$table"
# The chart needs matplotlib; the Debian package installs it for /usr/bin/python3, which may not be python3.
chart_python=$python
if [[ -z ${PYTHON:-} ]] && ! "$python" -c 'import matplotlib' 2>/dev/null \
  && [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  chart_python=/usr/bin/python3
fi
"$chart_python" "$here/scripts/compare.py" chart "$jsonl" "$out_dir/$stamp.png" || log "chart failed"
log "results: $table"
cat "$table"
