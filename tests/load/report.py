"""Summarise locust's final statistics: requests per second, p50/p95/p99 and errors per endpoint and in all.

Usage: python tests/load/report.py test-artifacts/loadtest/loadtest.json [--p95-target-ms 300]

Reads the file written by ``locust --json-file`` at the very end of the run (its periodic CSV files
can miss the last second). Percentiles come from locust's response-time histogram (times rounded
to two significant digits above 100 ms), by nearest rank. Exits 1 when there were errors or the
total p95 misses the target (issue 9's acceptance).
"""

import argparse
import json
import math
import sys
from collections import Counter


def percentile(histogram: Counter, q: float) -> float:
    total = sum(histogram.values())
    if not total:
        return float("nan")
    rank, seen = math.ceil(q / 100 * total), 0
    for millis in sorted(histogram):
        seen += histogram[millis]
        if seen >= rank:
            return millis
    return max(histogram)


def summarise(entries: list[dict]) -> list[dict]:
    rows = []
    total = {"name": "TOTAL", "requests": 0, "errors": 0, "histogram": Counter(), "start": None, "end": None}
    for entry in sorted(entries, key=lambda e: e["name"]):
        histogram = Counter({int(float(k)): v for k, v in entry["response_times"].items()})
        start, end = entry["start_time"], entry["last_request_timestamp"] or entry["start_time"]
        rows.append(
            {
                "name": entry["name"],
                "requests": entry["num_requests"],
                "errors": entry["num_failures"],
                "histogram": histogram,
                "start": start,
                "end": end,
            }
        )
        total["requests"] += entry["num_requests"]
        total["errors"] += entry["num_failures"]
        total["histogram"].update(histogram)
        total["start"] = start if total["start"] is None else min(total["start"], start)
        total["end"] = end if total["end"] is None else max(total["end"], end)
    rows.append(total)
    for row in rows:
        seconds = (row["end"] or 0) - (row["start"] or 0)
        row["rps"] = row["requests"] / seconds if seconds > 0 else float("nan")
        for q in (50, 95, 99):
            row[f"p{q}"] = percentile(row["histogram"], q)
    return rows


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("stats_json")
    parser.add_argument("--p95-target-ms", type=float, default=300.0)
    args = parser.parse_args(argv)
    with open(args.stats_json, encoding="utf-8") as handle:
        rows = summarise(json.load(handle))
    header = f"| {'endpoint':<30} | {'requests':>8} | {'rps':>6} | {'p50 ms':>6} | {'p95 ms':>6} | {'p99 ms':>6} | "
    header += f"{'errors':>6} |"
    print(header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    for row in rows:
        print(
            f"| {row['name']:<30} | {row['requests']:>8} | {row['rps']:>6.1f} | {_ms(row['p50']):>6} | "
            f"{_ms(row['p95']):>6} | {_ms(row['p99']):>6} | {row['errors']:>6} |"
        )
    total = rows[-1]
    met = total["requests"] > 0 and total["errors"] == 0 and total["p95"] < args.p95_target_ms
    print(
        f"Total: {total['rps']:.1f} requests/s, p95 {_ms(total['p95'])} ms, {total['errors']} error(s): "
        + (f"target met (no errors, p95 under {args.p95_target_ms:g} ms)." if met else "TARGET MISSED.")
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
