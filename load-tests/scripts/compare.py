#!/usr/bin/env python3
"""Helpers for run-compare.sh (Python 3 standard library only).

  compare.py free-ports N                    print N free TCP ports on 127.0.0.1
  compare.py wait-ready HOST PORT PATH SECS [PID]
                                             wait until a WebSocket upgrade to ws://HOST:PORT/PATH (subprotocol
                                             mqtt) is answered with 101, or PATH is "-" and the port accepts;
                                             give up early if process PID exits
  compare.py wait-quiet MAX_CORES SECS       wait until processes on this machine use < MAX_CORES (1 s samples)
  compare.py table RESULTS.jsonl             print the markdown comparison of a run-compare results file
"""
import base64
import json
import os
import socket
import statistics
import sys
import time


def free_ports(count):
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        print(" ".join(str(s.getsockname()[1]) for s in sockets))
    finally:
        for s in sockets:
            s.close()


def _upgrade_ok(host, port, path):
    with socket.create_connection((host, port), timeout=2) as s:
        if path == "-":
            return True
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n")
                  .encode())
        answer = b""
        while b"\r\n" not in answer:
            chunk = s.recv(1024)
            if not chunk:
                break
            answer += chunk
        return b" 101 " in answer.split(b"\r\n")[0]


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except OSError:
        return False


def wait_ready(host, port, path, seconds, pid=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pid is not None and not _alive(pid):
            print(f"process {pid} exited before {host}:{port} was ready", file=sys.stderr)
            return 1
        try:
            if _upgrade_ok(host, int(port), path):
                return 0
        except OSError:
            pass
        time.sleep(0.25)
    print(f"not ready after {seconds:g} s: {host}:{port} {path}", file=sys.stderr)
    return 1


def _busy_ticks():
    with open("/proc/stat") as f:
        fields = f.readline().split()
    return sum(int(fields[i]) for i in (1, 2, 3, 6, 7, 8) if i < len(fields))


def wait_quiet(max_cores, seconds):
    """Returns 0 when quiet, 1 (after printing a warning) when the machine stayed busy."""
    ticks = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + seconds
    busy = 0.0
    while True:
        before = _busy_ticks()
        time.sleep(1)
        busy = (_busy_ticks() - before) / ticks
        if busy < max_cores:
            return 0
        if time.monotonic() >= deadline:
            print(f"warning: machine still busy ({busy:.2f} cores used by other processes) after {seconds:g} s;"
                  " running anyway, see other_cpu_cores", file=sys.stderr)
            return 1
        time.sleep(1)


# ---- table ---------------------------------------------------------------------------------------------------

BROKER_ORDER = ["mosquitto", "stratusmq"]
BROKER_NAMES = {"mosquitto": "Mosquitto", "stratusmq": "StratusMQ"}

# (label, key, format, scale): median over runs; scale converts units. Rows that are empty or zero for every
# broker are left out (latency of an idle-connections run, ping RTT of a busy one).
METRICS = [
    ("delivered msg/s", "delivered_per_s", "{:,.0f}", 1),
    ("latency p50 (ms)", "latency_p50_us", "{:,.2f}", 1e-3),
    ("latency p99 (ms)", "latency_p99_us", "{:,.2f}", 1e-3),
    ("latency p99.9 (ms)", "latency_p999_us", "{:,.2f}", 1e-3),
    ("broker CPU per msg (µs)", "broker_cpu_us_per_msg", "{:,.1f}", 1),
    ("broker CPU (cores)", "broker_cpu_cores", "{:,.2f}", 1),
    ("broker RSS after (MiB)", "broker_rss_kb_after", "{:,.1f}", 1 / 1024),
    ("broker RSS per connection (KiB)", "broker_rss_kb_per_conn", "{:,.1f}", 1),
    ("connect p50 (ms)", "connect_p50_us", "{:,.1f}", 1e-3),
    ("keep-alive ping RTT p50 (ms)", "ping_rtt_p50_us", "{:,.2f}", 1e-3),
    ("generator CPU (cores)", "generator_cpu_cores", "{:,.2f}", 1),
    ("other processes CPU (cores)", "other_cpu_cores", "{:,.2f}", 1),
]
# keys for which 0 means "did not apply" (no messages in an idle-connections run)
ZERO_MEANS_NONE = {"delivered_per_s", "latency_p50_us", "latency_p99_us", "latency_p999_us",
                   "broker_cpu_us_per_msg", "broker_rss_kb_per_conn"}
# counts shown per run, not as a median: a single lossy run matters
COUNTS = [("lost", "msgs_lost"), ("duplicated", "msgs_duplicated"), ("out of order", "msgs_out_of_order")]


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _fmt(value, fmt, scale):
    return "—" if value is None else fmt.format(value * scale)


def table(path):
    records = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                records.append(json.loads(line))
    brokers = [b for b in BROKER_ORDER if any(r["broker"] == b for r in records)]
    brokers += sorted({r["broker"] for r in records} - set(brokers))
    scenarios = list(dict.fromkeys(r["scenario"] for r in records))
    both = "mosquitto" in brokers and "stratusmq" in brokers
    results = {}
    failures = []
    for r in records:
        if "result" in r:
            results.setdefault((r["scenario"], r["broker"]), []).append(r["result"])
        else:
            failures.append(r)

    sample = next((r["result"] for r in records if "result" in r), {})
    runs = max((len(v) for v in results.values()), default=0)
    out = []
    title = " vs ".join(BROKER_NAMES.get(b, b) for b in brokers)
    out.append(f"# {title}: {os.path.basename(path).rsplit('.', 1)[0]}")
    out.append("")
    if not both:
        out.append(f"**{BROKER_NAMES.get(brokers[0], brokers[0]) if brokers else 'No broker'}-only baseline**: "
                   "no StratusMQ runs in this file.")
        out.append("")
    out.append(f"Medians of {runs} run(s) per cell; {sample.get('warmup_s', '?')} s warm-up + "
               f"{sample.get('duration_s', '?')} s measured per run; transport {sample.get('transport', '?')}, "
               f"MQTT {sample.get('protocol', '?')}, {sample.get('payload_bytes', '?')}-byte payloads; "
               f"{sample.get('host_cpus', '?')} CPUs shared by broker and generator. Latency is measured from the "
               "intended send time (no coordinated omission). Lost/duplicated/out-of-order are per run, "
               "over the whole run including warm-up.")
    if both:
        out.append("Ratio = StratusMQ / Mosquitto: above 1 is better for msg/s, worse for latency, CPU and memory.")
    out.append("")
    header = ["Scenario", "Metric"] + [BROKER_NAMES.get(b, b) for b in brokers] + (["Ratio"] if both else [])
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * 2 + "---:|" * (len(header) - 2))
    for scenario in scenarios:
        for label, key, fmt, scale in METRICS:
            medians = {b: _median([x.get(key) for x in results.get((scenario, b), [])]) for b in brokers}
            if all(medians[b] is None or (medians[b] == 0 and key in ZERO_MEANS_NONE) for b in brokers):
                continue
            row = [scenario, label] + [_fmt(medians[b], fmt, scale) for b in brokers]
            if both:
                m, s = medians["mosquitto"], medians["stratusmq"]
                row.append("—" if m in (None, 0) or s is None else f"{s / m:.2f}")
            out.append("| " + " | ".join(row) + " |")
        if not any(x.get("msgs_sent") for b in brokers for x in results.get((scenario, b), [])):
            continue  # no messages (idle connections): nothing to verify
        for label, key in COUNTS:
            row = [scenario, label + " (per run)"]
            for b in brokers:
                values = [x.get(key) for x in results.get((scenario, b), [])]
                row.append(" / ".join("—" if v is None else f"{v:,}" for v in values) or "—")
            if both:
                row.append("")
            out.append("| " + " | ".join(row) + " |")
    if failures:
        out.append("")
        out.append("Failed runs (not in the medians):")
        for f in failures:
            out.append(f"- {f['scenario']} / {f['broker']} run {f['run']}: {f.get('error', 'unknown error')}")
    out.append("")
    out.append("Per-run JSON lines: `" + os.path.basename(path) + "`.")
    print("\n".join(out))
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[1], argv[2:]
    if command == "free-ports" and len(args) == 1:
        free_ports(int(args[0]))
        return 0
    if command == "wait-ready" and len(args) in (4, 5):
        return wait_ready(args[0], args[1], args[2], float(args[3]), args[4] if len(args) == 5 else None)
    if command == "wait-quiet" and len(args) == 2:
        return wait_quiet(float(args[0]), float(args[1]))
    if command == "table" and len(args) == 1:
        return table(args[0])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
