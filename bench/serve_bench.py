#!/usr/bin/env python3
"""Latency of pgraph serve's API under load: wrk with 8 concurrent clients on loopback.

    bench/serve_bench.py [--pgraph build/src/cli/pgraph] [--dataset bundled|1m] [--seconds 10]
                         [--commit SHA]

bundled: a temporary database made by `pgraph init` from data/ (383 entities, 738 relations).
1m: the generated store bench/data/1m-seed42/stores/pgraph.db (bench/run.py --size 1m makes it),
opened read-only. Installs Debian's wrk when missing. Writes bench/results/serve-DATASET.md
and .json: p50, p90, p99 and requests/s of each endpoint, and the commit measured.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What each dataset is asked: the three questions (the ILO's neighbourhood at 1M holds
# 16,605 relations, past the 2000-entity cap on views, so there it is narrowed to co_chairs).
TARGETS = {
    "bundled": [
        ("find", "/api/find?q=ilo"),
        ("find (typo, Chinese)", "/api/find?q=%E5%8A%B3%E5%B7%A5%E7%BB%84"),
        ("entity/ilo", "/api/entity/ilo"),
        ("view around ilo, depth 1 (json+svg)", "/api/view?around=ilo&depth=1"),
        ("view around ilo, depth 1 (dot only)", "/api/view?around=ilo&depth=1&format=dot"),
    ],
    "1m": [
        ("find", "/api/find?q=ilo"),
        ("entity/ilo (16,605 relations)", "/api/entity/ilo"),
        ("view around ilo, co_chairs (json+svg)", "/api/view?around=ilo&types=co_chairs"),
        ("view around ilo, co_chairs (dot only)",
         "/api/view?around=ilo&types=co_chairs&format=dot"),
    ],
}


def ensure_wrk():
    if shutil.which("wrk"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
                   check=True, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, seconds, clients, threads):
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(clients), "-d", "%ds" % seconds, "--timeout", "60s",
                          "--latency", url], capture_output=True, text=True, check=True).stdout
    figures = {}
    for percent in ["50", "90", "99"]:
        match = re.search(r"^\s+%s(?:\.000)?%%\s+(\S+)" % percent, out, re.M)
        figures["p" + percent + "_ms"] = round(to_ms(match.group(1)), 2)
    figures["requests_per_s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    figures["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["non_2xx"] = int(bad.group(1)) if bad else 0
    errors = re.search(r"Socket errors: (.*)", out)
    figures["socket_errors"] = errors.group(1) if errors else ""
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pgraph", default=os.path.join(ROOT, "build/src/cli/pgraph"))
    parser.add_argument("--dataset", choices=sorted(TARGETS), default="bundled")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    parser.add_argument("--wrk-threads", type=int, default=2,
                        help="wrk's threads (default 2: more would take the server's CPUs)")
    parser.add_argument("--commit", help="the commit PGRAPH was built from (default: HEAD of "
                        "the working tree, marked +uncommitted when it has changes)")
    args = parser.parse_args()
    ensure_wrk()
    tmp = tempfile.mkdtemp(prefix="pgraph-serve-bench-")
    if args.dataset == "bundled":
        db = os.path.join(tmp, "db")
        subprocess.run([args.pgraph, "--db", db, "init"], check=True, capture_output=True)
    else:
        db = os.path.join(ROOT, "bench/data/1m-seed42/stores/pgraph.db")
        if not os.path.isdir(db):
            sys.exit("no %s: run bench/run.py --size 1m first" % db)
    start = time.monotonic()
    server = subprocess.Popen([args.pgraph, "--db", db, "serve", "--port", "0"],
                              stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    started_ms = (time.monotonic() - start) * 1000
    base = re.search(r"http://[^/]+/", line).group(0).rstrip("/")
    results = {"dataset": args.dataset, "clients": args.clients,
               "wrk_threads": args.wrk_threads, "seconds": args.seconds,
               "startup_ms": round(started_ms, 1), "endpoints": []}
    try:
        for name, target in TARGETS[args.dataset]:
            first = time.monotonic()
            with urllib.request.urlopen(base + target) as response:  # warm: the graph loads
                size = len(response.read())
            cold_ms = (time.monotonic() - first) * 1000
            figures = run_wrk(base + target, args.seconds, args.clients, args.wrk_threads)
            figures.update(name=name, target=target, response_bytes=size,
                           first_request_ms=round(cold_ms, 1))
            results["endpoints"].append(figures)
            print("%-40s p50 %8.2f ms  p99 %8.2f ms  %8.1f req/s  (%d bytes)" % (
                name, figures["p50_ms"], figures["p99_ms"], figures["requests_per_s"], size))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    results["commit"] = args.commit or commit + ("+uncommitted" if dirty else "")
    results["cpus"] = os.cpu_count()
    results["load_average_1min_at_end"] = round(os.getloadavg()[0], 2)
    results["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out = os.path.join(ROOT, "bench/results/serve-%s" % args.dataset)
    with open(out + ".json", "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    with open(out + ".md", "w") as f:
        f.write("# pgraph serve under load: %s dataset\n\n" % args.dataset)
        f.write("wrk, %d concurrent connections on %d threads, %d s per endpoint, loopback, %d CPUs "
                "shared "
                "with other work (load average %.1f at the end); commit %s, %s. Server ready "
                "(URL printed) %.0f ms after start. Views are drawn once per state of the "
                "database; the first request of each (cold: layout and render) took: %s.\n\n" % (
                    args.clients, args.wrk_threads, args.seconds, results["cpus"],
                    results["load_average_1min_at_end"], results["commit"], results["date"],
                    started_ms, ", ".join("`%s` %.0f ms" % (e["target"], e["first_request_ms"])
                                          for e in results["endpoints"])))
        f.write("| endpoint | p50 ms | p90 ms | p99 ms | requests/s | response bytes | "
                "non-2xx |\n|---|---:|---:|---:|---:|---:|---:|\n")
        for e in results["endpoints"]:
            f.write("| `%s` | %.2f | %.2f | %.2f | %.1f | %d | %d |\n" % (
                e["target"], e["p50_ms"], e["p90_ms"], e["p99_ms"], e["requests_per_s"],
                e["response_bytes"], e["non_2xx"]))
    print("wrote %s.md and .json" % out)


if __name__ == "__main__":
    main()
