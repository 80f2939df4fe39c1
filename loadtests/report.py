"""Summarise locust's ``--csv`` statistics: requests per second, p50/p95/p99 and errors per endpoint and in all.

Usage: python loadtests/report.py test-artifacts/loadtest/loadtest_stats.csv [--p95-target-ms 300]
Exits 1 when there were errors or the total p95 misses the target (issue 9's acceptance).
"""

import argparse
import csv
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("stats_csv")
    parser.add_argument("--p95-target-ms", type=float, default=300.0)
    args = parser.parse_args(argv)
    with open(args.stats_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = f"| {'endpoint':<30} | {'requests':>8} | {'rps':>6} | {'p50 ms':>6} | {'p95 ms':>6} | {'p99 ms':>6} | "
    header += f"{'errors':>6} |"
    print(header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    total = None
    for row in rows:
        name = "TOTAL" if row["Name"] == "Aggregated" else row["Name"]
        line = (
            f"| {name:<30} | {row['Request Count']:>8} | {float(row['Requests/s']):>6.1f} | {row['50%']:>6} | "
            f"{row['95%']:>6} | {row['99%']:>6} | {row['Failure Count']:>6} |"
        )
        if name == "TOTAL":
            total = row
        else:
            print(line)
    if total is None:
        print("No aggregated row in the statistics.")
        return 1
    print(line)
    errors, p95 = int(total["Failure Count"]), float(total["95%"])
    verdict = errors == 0 and p95 < args.p95_target_ms
    print(
        f"Total: {float(total['Requests/s']):.1f} requests/s, p95 {p95:.0f} ms, {errors} error(s): "
        + (f"target met (no errors, p95 under {args.p95_target_ms:g} ms)." if verdict else "TARGET MISSED.")
    )
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
