#!/usr/bin/env python3
"""Helpers for run-compare.sh (Python 3 standard library only).

  compare.py free-ports N                    print N free TCP ports on 127.0.0.1
  compare.py wait-ready HOST PORT PATH SECS [PID]
                                             wait until a WebSocket upgrade to ws://HOST:PORT/PATH (subprotocol
                                             mqtt) is answered with 101, or PATH is "-" and the port accepts;
                                             give up early if process PID exits
  compare.py wait-http URL SECS [PID]        wait until URL answers 200 (a readiness probe)
  compare.py wait-nodes N SECS URL...        wait until every Prometheus endpoint URL reports stratus_nodes >= N
                                             (each pod of a cluster sees all N)
  compare.py wait-quiet MAX_CORES SECS       wait until processes on this machine use < MAX_CORES (1 s samples)
  compare.py table RESULTS.jsonl             print the markdown comparison of a run-compare results file
  compare.py chart RESULTS.jsonl OUT.png     bar chart of the StratusMQ/Mosquitto ratios per scenario (needs
                                             matplotlib; without it, one line on stderr and no chart)
"""
import base64
import json
import os
import socket
import statistics
import sys
import time
import urllib.request


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


def _http_get(url, timeout=2):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8", "replace")


def wait_http(url, seconds, pid=None):
    deadline = time.monotonic() + seconds
    last = "no answer"
    while time.monotonic() < deadline:
        if pid is not None and not _alive(pid):
            print(f"process {pid} exited before {url} answered 200", file=sys.stderr)
            return 1
        try:
            status, _ = _http_get(url)
            if status == 200:
                return 0
            last = f"HTTP {status}"
        except OSError as e:  # urllib's HTTPError (503 while not ready) is an OSError too
            last = str(e)
        time.sleep(0.25)
    print(f"not ready after {seconds:g} s: {url} ({last})", file=sys.stderr)
    return 1


def metric_sum(text, name):
    """Sum of every sample of metric `name` in Prometheus text format, or None when there is none."""
    total, found = 0.0, False
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith(name) or len(line) == len(name):
            continue
        rest = line[len(name):]
        if rest[0] == "{":
            rest = rest[rest.rindex("}") + 1:]
        elif not rest[0].isspace():
            continue  # another metric whose name starts with this one
        try:
            total += float(rest.split()[0])
            found = True
        except (ValueError, IndexError):
            return None
    return total if found else None


def wait_nodes(count, seconds, urls):
    deadline = time.monotonic() + seconds
    seen = {}
    while time.monotonic() < deadline:
        for url in urls:
            try:
                seen[url] = metric_sum(_http_get(url)[1], "stratus_nodes")
            except OSError as e:
                seen[url] = str(e)
        if all(isinstance(v, float) and v >= count for v in seen.values()):
            return 0
        time.sleep(0.5)
    print(f"the pods do not all see {count} nodes after {seconds:g} s: "
          + ", ".join(f"{u}: {v}" for u, v in seen.items()), file=sys.stderr)
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
# Derived per run before the median: broker + Redis CPU per message (the whole cost of a clustered broker; for a
# broker without Redis, its own CPU). Shown only for scenarios where some run observed Redis.
TOTAL_CPU = "broker_redis_cpu_us_per_msg"

# (label, key, format, scale): median over runs; scale converts units. Rows that are empty or zero for every
# broker are left out (latency of an idle-connections run, ping RTT of a busy one).
METRICS = [
    ("delivered msg/s", "delivered_per_s", "{:,.0f}", 1),
    ("latency p50 (ms)", "latency_p50_us", "{:,.2f}", 1e-3),
    ("latency p99 (ms)", "latency_p99_us", "{:,.2f}", 1e-3),
    ("latency p99.9 (ms)", "latency_p999_us", "{:,.2f}", 1e-3),
    ("broker CPU per msg (µs)", "broker_cpu_us_per_msg", "{:,.1f}", 1),
    ("Redis CPU per msg (µs)", "redis_cpu_us_per_msg", "{:,.1f}", 1),
    ("broker + Redis CPU per msg (µs)", TOTAL_CPU, "{:,.1f}", 1),
    ("Redis commands per msg", "redis_commands_per_msg", "{:,.2f}", 1),
    ("broker CPU (cores)", "broker_cpu_cores", "{:,.2f}", 1),
    ("Redis CPU (cores)", "redis_cpu_cores", "{:,.2f}", 1),
    ("broker RSS after (MiB)", "broker_rss_kb_after", "{:,.1f}", 1 / 1024),
    ("broker RSS per connection (KiB)", "broker_rss_kb_per_conn", "{:,.1f}", 1),
    ("connect p50 (ms)", "connect_p50_us", "{:,.1f}", 1e-3),
    ("keep-alive ping RTT p50 (ms)", "ping_rtt_p50_us", "{:,.2f}", 1e-3),
    ("generator CPU (cores)", "generator_cpu_cores", "{:,.2f}", 1),
    ("other processes CPU (cores)", "other_cpu_cores", "{:,.2f}", 1),
]
# keys for which 0 means "did not apply" (no messages in an idle-connections run)
ZERO_MEANS_NONE = {"delivered_per_s", "latency_p50_us", "latency_p99_us", "latency_p999_us",
                   "broker_cpu_us_per_msg", "broker_rss_kb_per_conn", "redis_cpu_us_per_msg", TOTAL_CPU,
                   "redis_commands_per_msg"}
# counts shown per run, not as a median: a single lossy run matters
COUNTS = [("lost", "msgs_lost"), ("duplicated", "msgs_duplicated"), ("out of order", "msgs_out_of_order")]


def _value(result, key):
    if key == TOTAL_CPU:
        broker, redis = result.get("broker_cpu_us_per_msg"), result.get("redis_cpu_us_per_msg")
        return None if broker is None else broker + (redis or 0)
    return result.get(key)


def _has_redis(results, scenario, brokers):
    return any(x.get("redis_cpu_us_per_msg") is not None for b in brokers for x in results.get((scenario, b), []))


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _fmt(value, fmt, scale):
    return "—" if value is None else fmt.format(value * scale)


def _load(path):
    records = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                records.append(json.loads(line))
    brokers = [b for b in BROKER_ORDER if any(r["broker"] == b for r in records)]
    brokers += sorted({r["broker"] for r in records} - set(brokers))
    scenarios = list(dict.fromkeys(r["scenario"] for r in records))
    results = {}
    failures = []
    for r in records:
        if "result" in r:
            results.setdefault((r["scenario"], r["broker"]), []).append(r["result"])
        else:
            failures.append(r)
    pods = {b: max((r.get("pods", 1) for r in records if r["broker"] == b), default=1) for b in brokers}
    return records, brokers, scenarios, results, failures, pods


def _name(broker, pods):
    name = BROKER_NAMES.get(broker, broker)
    return f"{name} ({pods[broker]} pods)" if pods.get(broker, 1) > 1 else name


def _medians(results, scenario, brokers, key):
    return {b: _median([_value(x, key) for x in results.get((scenario, b), [])]) for b in brokers}


def _ratio(medians):
    m, s = medians.get("mosquitto"), medians.get("stratusmq")
    return None if m in (None, 0) or s is None else s / m


def table(path):
    records, brokers, scenarios, results, failures, pods = _load(path)
    both = "mosquitto" in brokers and "stratusmq" in brokers
    cluster = pods.get("stratusmq", 1) > 1

    sample = next((r["result"] for r in records if "result" in r), {})
    runs = max((len(v) for v in results.values()), default=0)
    out = []
    title = " vs ".join(_name(b, pods) for b in brokers)
    out.append(f"# {title}: {os.path.basename(path).rsplit('.', 1)[0]}")
    out.append("")
    if not both:
        out.append(f"**{_name(brokers[0], pods) if brokers else 'No broker'}-only baseline**: "
                   "no " + ("Mosquitto" if brokers == ["stratusmq"] else "StratusMQ") + " runs in this file.")
        out.append("")
    out.append(f"Medians of {runs} run(s) per cell; {sample.get('warmup_s', '?')} s warm-up + "
               f"{sample.get('duration_s', '?')} s measured per run; transport {sample.get('transport', '?')}, "
               f"MQTT {sample.get('protocol', '?')}, {sample.get('payload_bytes', '?')}-byte payloads; "
               f"{sample.get('host_cpus', '?')} CPUs shared by broker and generator. Latency is measured from the "
               "intended send time (no coordinated omission). Lost/duplicated/out-of-order are per run, "
               "over the whole run including warm-up.")
    if cluster:
        n = pods["stratusmq"]
        out.append("")
        out.append(f"StratusMQ runs as {n} pods on one Redis, all on this machine: publishers connect to pod 1 and "
                   "subscribers to pod 2, so every message crosses from one pod to another. Broker CPU and RSS are "
                   f"summed over the {n} pods; Redis is shown apart, and \"broker + Redis\" adds it (for a broker "
                   "without Redis, that row is its own CPU). "
                   "Redis commands per msg are those the pods sent, per delivered message."
                   + (" **Mosquitto does not cluster: it runs the same scenarios on one node, with publishers and "
                      "subscribers on that node.**" if "mosquitto" in brokers else ""))
    if both:
        out.append("Ratio = StratusMQ / Mosquitto: above 1 is better for msg/s, worse for latency, CPU and memory.")
    out.append("")
    header = ["Scenario", "Metric"] + [_name(b, pods) for b in brokers] + (["Ratio"] if both else [])
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * 2 + "---:|" * (len(header) - 2))
    for scenario in scenarios:
        for label, key, fmt, scale in METRICS:
            if key == TOTAL_CPU and not _has_redis(results, scenario, brokers):
                continue  # the broker CPU row again
            medians = _medians(results, scenario, brokers, key)
            if all(medians[b] is None or (medians[b] == 0 and key in ZERO_MEANS_NONE) for b in brokers):
                continue
            row = [scenario, label] + [_fmt(medians[b], fmt, scale) for b in brokers]
            if both:
                ratio = _ratio(medians)
                row.append("—" if ratio is None else f"{ratio:.2f}")
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
    if both:
        out.append("Chart of the ratios (when matplotlib is available): `"
                   + os.path.basename(path).rsplit(".", 1)[0] + ".png`.")
    print("\n".join(out))
    return 0


# (legend, key, colour) of the chart's bars; CPU is broker + Redis where Redis was observed
CHART_SERIES = [
    ("delivered msg/s (higher is better)", "delivered_per_s", "#4c72b0"),
    ("latency p99 (lower is better)", "latency_p99_us", "#dd8452"),
    ("CPU per msg (lower is better)", "broker_cpu_us_per_msg", "#55a868"),
]


def chart(path, out_png):
    """Grouped bars of the StratusMQ/Mosquitto ratios per scenario, log scale, with the 1.0 line."""
    records, brokers, scenarios, results, failures, pods = _load(path)
    if not ("mosquitto" in brokers and "stratusmq" in brokers):
        print("chart skipped: it shows StratusMQ/Mosquitto ratios and this file lacks one of them", file=sys.stderr)
        return 0
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        print(f"chart skipped: matplotlib is not importable by {sys.executable} "
              "(Debian: apt-get install -y python3-matplotlib)", file=sys.stderr)
        return 0
    with_redis = any(_has_redis(results, scenario, brokers) for scenario in scenarios)
    rows = []
    for scenario in scenarios:
        ratios = []
        for _, key, _ in CHART_SERIES:
            medians = _medians(results, scenario, brokers, TOTAL_CPU if key == "broker_cpu_us_per_msg" else key)
            ratio = _ratio(medians)
            ratios.append(ratio if ratio and ratio > 0 and (medians.get("stratusmq") or 0) > 0 else None)
        if any(r is not None for r in ratios):
            rows.append((scenario, ratios))
    if not rows:
        print("chart skipped: no scenario has a ratio (idle connections only?)", file=sys.stderr)
        return 0
    width = 0.8 / len(CHART_SERIES)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.3 * len(rows) + 2), 4.8))
    for i, (legend, _, colour) in enumerate(CHART_SERIES):
        if i == 2 and with_redis:
            legend = "CPU per msg, StratusMQ incl. Redis (lower is better)"
        xs = [j + (i - (len(CHART_SERIES) - 1) / 2) * width for j in range(len(rows))]
        values = [r[1][i] for r in rows]
        shown = [(x, v) for x, v in zip(xs, values) if v is not None]
        # bars grow from the 1.0 line, up for ratios above 1 and down below it
        bars = ax.bar([x for x, _ in shown], [v - 1 for _, v in shown], width, bottom=1, label=legend, color=colour)
        for bar, (_, value) in zip(bars, shown):
            ax.annotate(f"{value:.2f}", (bar.get_x() + bar.get_width() / 2, value), ha="center",
                        va="bottom" if value >= 1 else "top", fontsize=7,
                        xytext=(0, 2 if value >= 1 else -2), textcoords="offset points")
    ax.axhline(1.0, color="black", linewidth=1)
    ax.set_yscale("log")
    values = [v for _, r in rows for v in r if v is not None]
    low, high = min(values + [1.0]), max(values + [1.0])
    ax.set_ylim(low / 1.6, high * 1.6)
    ax.yaxis.set_major_locator(matplotlib.ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels([r[0] for r in rows], rotation=20, ha="right", fontsize=8)
    ax.set_ylabel(f"{_name('stratusmq', pods)} / {_name('mosquitto', pods)} (medians)")
    runs = max((len(v) for v in results.values()), default=0)
    ax.set_title(f"{os.path.basename(path).rsplit('.', 1)[0]}: ratios of medians of {runs} run(s)", fontsize=10)
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    fig.savefig(out_png, dpi=120)
    plt.close(fig)
    print(f"chart: {out_png}", file=sys.stderr)
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
    if command == "wait-http" and len(args) in (2, 3):
        return wait_http(args[0], float(args[1]), args[2] if len(args) == 3 else None)
    if command == "wait-nodes" and len(args) >= 3:
        return wait_nodes(int(args[0]), float(args[1]), args[2:])
    if command == "wait-quiet" and len(args) == 2:
        return wait_quiet(float(args[0]), float(args[1]))
    if command == "table" and len(args) == 1:
        return table(args[0])
    if command == "chart" and len(args) == 2:
        return chart(args[0], args[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
