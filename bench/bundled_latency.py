#!/usr/bin/python3
"""Latency of each pgraph command on the bundled dataset, as a user meets it:
a new process per run, stdout to /dev/null, timed from fork to exit.

  bench/bundled_latency.py [--pgraph build/src/cli/pgraph] [--runs 15]

Creates a database from data/ in a temporary folder (pgraph init), runs one
warm-up of each command (so the graph snapshot exists, as it does for a user
after the first query), then RUNS timed runs, and prints the median with the
range (min-max) per command as a Markdown table.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

COMMANDS = [
    ("find", ["find", "国际劳工组织"]),
    ("show", ["show", "人社部"]),
    ("path", ["path", "china", "cambodia"]),
    ("path --all --as-of", ["path", "china", "cambodia", "--all", "--as-of", "2015"]),
    ("neighbours --depth 2", ["neighbours", "ilo", "--depth", "2"]),
    ("funds --through", ["funds", "--funder", "china", "--through"]),
    ("funds (all funders)", ["funds"]),
    ("central --top 10", ["central", "--top", "10"]),
    ("stats", ["stats"]),
    ("export --format json", ["export", "--format", "json"]),
    ("dot (whole network)", ["dot"]),
    ("render whole network, SVG", ["render", "-o", "{tmp}/network.svg"]),
    ("render whole network, PNG", ["render", "-o", "{tmp}/network.png"]),
    ("render --around ilo, SVG", ["render", "--around", "ilo", "--depth", "1", "-o",
                                  "{tmp}/ilo.svg"]),
    ("render --funding --funder china, SVG", ["render", "--funding", "--funder", "china",
                                              "-o", "{tmp}/china.svg"]),
]


def timed(argv):
    start = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(argv),
                                          result.stderr.decode()))
    return seconds


def fmt(seconds):
    return "%.1f ms" % (seconds * 1e3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pgraph", default=os.path.join(ROOT, "build/src/cli/pgraph"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pgraph-latency-") as tmp:
        db = os.path.join(tmp, "bundled.db")
        base = [args.pgraph, "--db", db]
        subprocess.run(base + ["init"], check=True, stdout=subprocess.DEVNULL)
        print("| command | median | range | runs |")
        print("|---|---|---|---|")
        for _, command in COMMANDS:
            argv = base + [part.replace("{tmp}", tmp) for part in command]
            timed(argv)  # warm-up: page cache, graph snapshot
            times = [timed(argv) for _ in range(args.runs)]
            print("| `pgraph %s` | %s | %s–%s | %d |" % (
                " ".join(command).replace("{tmp}/", ""), fmt(statistics.median(times)),
                fmt(min(times)), fmt(max(times)), args.runs))
        print("\nLoad average at the end: %.1f; %s" % (os.getloadavg()[0], args.pgraph))


if __name__ == "__main__":
    main()
