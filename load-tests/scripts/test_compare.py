#!/usr/bin/env python3
"""Tests for compare.py: python3 -m unittest discover -s load-tests/scripts"""
import contextlib
import io
import json
import os
import tempfile
import unittest

import compare


def result(delivered, p99_us, lost=0, cpu=10.0):
    return {"delivered_per_s": delivered, "latency_p50_us": 100, "latency_p99_us": p99_us, "latency_p999_us": 900,
            "broker_cpu_us_per_msg": cpu, "broker_cpu_cores": 0.5, "broker_rss_kb_after": 2048,
            "broker_rss_kb_per_conn": 0, "connect_p50_us": 1000, "ping_rtt_p50_us": None,
            "generator_cpu_cores": 0.4, "other_cpu_cores": 0.0, "msgs_sent": 10, "msgs_lost": lost,
            "msgs_duplicated": 0, "msgs_out_of_order": 0, "warmup_s": 3, "duration_s": 10, "transport": "ws",
            "protocol": "3.1.1", "payload_bytes": 64, "host_cpus": 2}


class TableTest(unittest.TestCase):

    def render(self, records):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
        try:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                compare.table(f.name)
            return out.getvalue()
        finally:
            os.unlink(f.name)

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


class PortsTest(unittest.TestCase):

    def test_free_ports_are_distinct(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            compare.free_ports(3)
        ports = [int(p) for p in out.getvalue().split()]
        self.assertEqual(3, len(set(ports)))


if __name__ == "__main__":
    unittest.main()
