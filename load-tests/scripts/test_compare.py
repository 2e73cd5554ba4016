#!/usr/bin/env python3
"""Tests for compare.py: python3 -m unittest discover -s load-tests/scripts"""
import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import unittest
from unittest import mock

import compare


HAVE_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None


def result(delivered, p99_us, lost=0, cpu=10.0):
    return {"delivered_per_s": delivered, "latency_p50_us": 100, "latency_p99_us": p99_us, "latency_p999_us": 900,
            "broker_cpu_us_per_msg": cpu, "broker_cpu_cores": 0.5, "broker_rss_kb_after": 2048,
            "broker_rss_kb_per_conn": 0, "connect_p50_us": 1000, "ping_rtt_p50_us": None,
            "generator_cpu_cores": 0.4, "other_cpu_cores": 0.0, "msgs_sent": 10, "msgs_lost": lost,
            "msgs_duplicated": 0, "msgs_out_of_order": 0, "warmup_s": 3, "duration_s": 10, "transport": "ws",
            "protocol": "3.1.1", "payload_bytes": 64, "host_cpus": 2}


def cluster_result(delivered, cpu, redis_cpu, commands):
    r = result(delivered, 2000, cpu=cpu)
    r.update({"redis_cpu_us_per_msg": redis_cpu, "redis_cpu_cores": 0.2, "redis_commands_per_msg": commands})
    return r


def write_jsonl(records):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    return f.name


def two_brokers(stratus_pods=1):
    records = []
    for run, (m, s) in enumerate([(1000, 2000), (3000, 1000), (2000, 3000)], start=1):
        records.append({"broker": "mosquitto", "scenario": "x", "run": run, "result": result(m, 1000)})
        if stratus_pods > 1:
            records.append({"broker": "stratusmq", "pods": stratus_pods, "scenario": "x", "run": run,
                            "result": cluster_result(s, 30.0, 5.0 * run, 4.0)})
        else:
            records.append({"broker": "stratusmq", "scenario": "x", "run": run, "result": result(s, 500, lost=run)})
    return records


class TableTest(unittest.TestCase):

    def render(self, records):
        path = write_jsonl(records)
        try:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                compare.table(path)
            return out.getvalue()
        finally:
            os.unlink(path)

    def test_medians_and_ratios_for_two_brokers(self):
        records = []
        for run, (m, s) in enumerate([(1000, 2000), (3000, 1000), (2000, 3000)], start=1):
            records.append({"broker": "mosquitto", "scenario": "x", "run": run, "result": result(m, 1000)})
            records.append({"broker": "stratusmq", "scenario": "x", "run": run, "result": result(s, 500, lost=run)})
        text = self.render(records)
        self.assertIn("| x | delivered msg/s | 2,000 | 2,000 | 1.00 |", text)
        self.assertIn("| x | latency p99 (ms) | 1.00 | 0.50 | 0.50 |", text)
        self.assertIn("| x | lost (per run) | 0 / 0 / 0 | 1 / 2 / 3 |  |", text)
        self.assertNotIn("ping RTT", text)  # empty for every broker: left out
        self.assertNotIn("baseline", text)

    def test_cluster_columns_note_and_redis_rows(self):
        text = self.render(two_brokers(stratus_pods=3))
        self.assertIn("| Scenario | Metric | Mosquitto | StratusMQ (3 pods) | Ratio |", text)
        self.assertIn("Mosquitto does not cluster", text)
        self.assertIn("publishers connect to pod 1", text)
        self.assertIn("| x | broker CPU per msg (µs) | 10.0 | 30.0 | 3.00 |", text)
        self.assertIn("| x | Redis CPU per msg (µs) | — | 10.0 | — |", text)
        # per run 35 / 40 / 45 -> median 40; Mosquitto has no Redis: its own CPU
        self.assertIn("| x | broker + Redis CPU per msg (µs) | 10.0 | 40.0 | 4.00 |", text)
        self.assertIn("| x | Redis commands per msg | — | 4.00 | — |", text)

    def test_single_pod_has_no_redis_rows(self):
        text = self.render(two_brokers())
        self.assertNotIn("Redis", text)
        self.assertNotIn("pods", text)

    def test_single_broker_is_marked_as_baseline(self):
        text = self.render([{"broker": "mosquitto", "scenario": "x", "run": 1, "result": result(5, 10)}])
        self.assertIn("Mosquitto-only baseline", text)
        self.assertNotIn("Ratio", text)

    def test_failed_runs_are_listed_not_averaged(self):
        text = self.render([
            {"broker": "mosquitto", "scenario": "x", "run": 1, "result": result(5, 10)},
            {"broker": "mosquitto", "scenario": "x", "run": 2, "error": "exit code 2"},
        ])
        self.assertIn("| x | delivered msg/s | 5 |", text)
        self.assertIn("- x / mosquitto run 2: exit code 2", text)


class ChartTest(unittest.TestCase):

    def run_chart(self, records):
        path = write_jsonl(records)
        png = path[:-len(".jsonl")] + ".png"
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err):
                self.assertEqual(0, compare.chart(path, png))
            return os.path.exists(png) and open(png, "rb").read(8), err.getvalue()
        finally:
            os.unlink(path)
            if os.path.exists(png):
                os.unlink(png)

    @unittest.skipUnless(HAVE_MATPLOTLIB, "matplotlib is not installed")
    def test_writes_a_png_of_the_ratios(self):
        for pods in (1, 3):
            png, err = self.run_chart(two_brokers(stratus_pods=pods))
            self.assertEqual(b"\x89PNG\r\n\x1a\n", png)
            self.assertIn("chart:", err)

    def test_without_matplotlib_one_line_and_no_chart(self):
        with mock.patch.dict(sys.modules, {"matplotlib": None}):
            png, err = self.run_chart(two_brokers())
        self.assertFalse(png)
        self.assertEqual(1, len(err.strip().splitlines()))
        self.assertIn("chart skipped: matplotlib", err)

    def test_one_broker_no_chart(self):
        png, err = self.run_chart([{"broker": "mosquitto", "scenario": "x", "run": 1, "result": result(5, 10)}])
        self.assertFalse(png)
        self.assertIn("chart skipped", err)


class MetricsTest(unittest.TestCase):

    def test_sums_every_series_of_the_metric(self):
        text = ("# HELP stratus_nodes Nodes\n# TYPE stratus_nodes gauge\nstratus_nodes 3.0\n"
                'stratus_nodes_other 7\nstratus_redis_commands_total{a="x y"} 10.0\n'
                "stratus_redis_commands_total 5\n")
        self.assertEqual(3.0, compare.metric_sum(text, "stratus_nodes"))
        self.assertEqual(15.0, compare.metric_sum(text, "stratus_redis_commands_total"))
        self.assertIsNone(compare.metric_sum(text, "stratus_missing"))


class PortsTest(unittest.TestCase):

    def test_free_ports_are_distinct(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            compare.free_ports(3)
        ports = [int(p) for p in out.getvalue().split()]
        self.assertEqual(3, len(set(ports)))


if __name__ == "__main__":
    unittest.main()
