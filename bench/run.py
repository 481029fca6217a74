#!/usr/bin/python3
"""Times whole pgraph commands on a generated partnership graph, and the same
work on the peers a user would reach for (python3-igraph, python3-networkx,
SQLite, Kùzu); prints one table with medians, ranges and ratios, and writes
it with a chart and the raw figures to bench/results/.

  bench/build.sh                      # pgraph, pg_generate, engine_bench from HEAD
  bench/run.py --size 1m              # the default run
  bench/run.py --size 5m              # the full one
  bench/run.py --size 10k --runs 2    # a quick check of the harness

Options: --peers igraph,networkx,sqlite,kuzu (or none), --runs N (runs of each
whole command, default 3; cold paths take 10 pairs), --budget S (seconds a
peer may spend on one task before it stops early, default 120), --seed N.

How each figure is taken (see bench/README.md):
- every command runs as a new process, stdout to /dev/null, with the inputs
  already in the page cache; run.py times it from fork to exit and takes its
  peak RSS from wait4() (what /usr/bin/time -v reports);
- import: the three CSV tables (nodes, edges, sources) into an empty store;
- cold path: open the store and answer one shortest path, on the first
  10 fixed pairs, after one warm-up run;
- warm path: the median over the 100 fixed pairs of one query on an open
  store: for pgraph with engine_bench (Google Benchmark; pgraph has no
  multi-query mode), for the peers in one process (peers.py, peer_kuzu.js);
- 2-hop, funds, dot: timed twice, as whole commands (a new process that
  opens the store and answers) and warm (engine_bench for pgraph; for the
  peers the query on the graph they have open).
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
PY = "/usr/bin/python3"  # Debian's, where python3-igraph and python3-networkx live
KUZU_VERSION = "0.11.3"
SIZES = {"10k": 10_000, "1m": 1_000_000, "5m": 5_000_000}
ALL_PEERS = ["igraph", "networkx", "sqlite", "kuzu"]
COLD_PAIRS = 10


def log(message):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


class Failed(Exception):
    pass


CPU_SECONDS = []  # user + system seconds of every run_once, in order


def run_once(argv, timeout=None, stdout=subprocess.DEVNULL, cwd=None):
    """Runs argv; returns (seconds, peak RSS in bytes) and appends its CPU
    seconds to CPU_SECONDS. Raises Failed."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=stdout, stderr=err, cwd=cwd)
        timer = None
        if timeout:
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if timer:
            timer.cancel()
        if proc.returncode != 0:
            err.seek(0)
            raise Failed("%s: exit %d: %s" % (" ".join(argv), proc.returncode,
                                              err.read().decode(errors="replace")[-2000:]))
    CPU_SECONDS.append(usage.ru_utime + usage.ru_stime)
    return seconds, usage.ru_maxrss * 1024


def capture(argv, timeout=None):
    out = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        raise Failed("%s: exit %d: %s" % (" ".join(argv), out.returncode, out.stderr[-2000:]))
    return out.stdout


def summary(values):
    """{median, min, max, n} of a list of numbers, or None."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def du_bytes(path):
    total = 0
    if os.path.isfile(path):
        return os.path.getsize(path)
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            try:
                total += os.path.getsize(os.path.join(dirpath, name))
            except OSError:
                pass
    return total


def remove(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


class Bench:
    def __init__(self, args):
        self.args = args
        self.size = args.size
        self.relations = SIZES[args.size]
        self.build = os.path.abspath(args.build_dir)
        self.pgraph = os.path.join(self.build, "src", "cli", "pgraph")
        self.generate = os.path.join(self.build, "bench", "pg_generate")
        self.engine_bench = os.path.join(self.build, "bench", "engine_bench")
        self.data = os.path.join(os.path.abspath(args.data_dir), "%s-seed%d" % (args.size, args.seed))
        self.stores = os.path.join(self.data, "stores")
        self.results = {"size": args.size, "relations": self.relations, "seed": args.seed,
                        "runs": args.runs, "budget_s": args.budget, "tasks": {}, "notes": [],
                        "load": {}}

    # ---- setup -------------------------------------------------------------

    def check_tools(self):
        for path in (self.pgraph, self.generate, self.engine_bench):
            if not os.access(path, os.X_OK):
                raise Failed("%s is missing: run bench/build.sh first" % path)
        peers = self.args.peers
        if "kuzu" in peers and not os.path.isdir(os.path.join(BENCH, "node", "node_modules", "kuzu")):
            log("installing kuzu@%s from npm into bench/node/" % KUZU_VERSION)
            os.makedirs(os.path.join(BENCH, "node"), exist_ok=True)
            with open(os.path.join(BENCH, "node", "package.json"), "w") as f:
                f.write('{"private": true}\n')
            capture(["npm", "install", "--prefix", os.path.join(BENCH, "node"),
                     "kuzu@" + KUZU_VERSION])
        if "igraph" in peers or "networkx" in peers:
            try:
                capture([PY, "-c", "import igraph, networkx"])
            except (Failed, FileNotFoundError):
                raise Failed("python3-igraph and python3-networkx are missing: "
                             "apt-get install python3-igraph python3-networkx")
        if shutil.which("sqlite3") is None and "sqlite" in peers:
            raise Failed("sqlite3 is missing: apt-get install sqlite3")

    def environment(self):
        def version(argv):
            try:
                return capture(argv).strip().splitlines()[0]
            except (Failed, FileNotFoundError, IndexError):
                return "?"
        meminfo = open("/proc/meminfo").read().split("\n")[0].split()
        os_name = "?"
        if os.path.exists("/etc/os-release"):
            for line in open("/etc/os-release"):
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
        commit = "?"
        commit_file = os.path.join(ROOT, "build-bench-src", "COMMIT")
        if os.path.exists(commit_file):
            commit = open(commit_file).read().strip()
        env = {
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "commit": commit,
            "cpus": os.cpu_count(),
            "cpu": platform.processor() or platform.machine(),
            "memory_gib": round(int(meminfo[1]) / 1024 / 1024, 1),
            "os": os_name,
            "kernel": platform.release(),
            "python": version([PY, "--version"]),
            "igraph": version([PY, "-c", "import igraph; print(igraph.__version__)"]),
            "networkx": version([PY, "-c", "import networkx; print(networkx.__version__)"]),
            "sqlite": version([PY, "-c", "import sqlite3; print(sqlite3.sqlite_version)"]),
            "node": version(["node", "--version"]),
            "kuzu": KUZU_VERSION,
        }
        try:
            for line in open("/proc/cpuinfo"):
                if line.startswith("model name"):
                    env["cpu"] = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        self.results["environment"] = env

    def generate_graph(self):
        meta_path = os.path.join(self.data, "meta.json")
        wanted = ["nodes.csv", "edges.csv", "sources.csv", "kuzu_edges.csv", "pairs.txt"]
        if os.path.exists(meta_path) and all(os.path.exists(os.path.join(self.data, f))
                                             for f in wanted):
            meta = json.load(open(meta_path))
            if meta["relations"] == self.relations and meta["seed"] == self.args.seed:
                log("using the graph in %s" % self.data)
                self.meta = meta
                return
        os.makedirs(self.data, exist_ok=True)
        log("generating %d relations into %s" % (self.relations, self.data))
        seconds, rss = run_once([self.generate, "--relations", str(self.relations), "--seed",
                                 str(self.args.seed), "--out", self.data, "--formats",
                                 "csv,kuzu"])
        self.results["generate_s"] = seconds
        self.meta = json.load(open(meta_path))

    def warm_page_cache(self):
        for name in ("nodes.csv", "edges.csv", "sources.csv", "kuzu_edges.csv"):
            with open(os.path.join(self.data, name), "rb") as f:
                while f.read(1 << 24):
                    pass

    # ---- recording ---------------------------------------------------------

    def record(self, task, system, seconds, rss=None, note=None, n_total=None, extra=None,
               cpu=None):
        entry = {"seconds": summary(seconds), "rss": summary(rss or [])}
        if cpu:
            entry["cpu_seconds"] = summary(cpu)
        if note:
            entry["note"] = note
        if n_total is not None:
            entry["of"] = n_total
        if extra:
            entry.update(extra)
        self.results["tasks"].setdefault(task, {})[system] = entry
        s = entry["seconds"]
        if s:
            log("  %-10s %-9s median %s (%s-%s, n=%d)%s" % (
                task, system, fmt_seconds(s["median"]), fmt_seconds(s["min"]),
                fmt_seconds(s["max"]), s["n"],
                "  peak RSS %s" % fmt_bytes(entry["rss"]["median"]) if entry["rss"] else ""))

    def runs(self, argv_for_run, count, prepare=None, warmup=0, timeout=None):
        """Times `count` runs (after `warmup` untimed ones); argv_for_run(i) -> argv."""
        seconds, rss = [], []
        self.last_cpu = []
        for i in range(-warmup, count):
            if prepare:
                prepare()
            s, r = run_once(argv_for_run(max(i, 0)), timeout=timeout)
            if i >= 0:
                seconds.append(s)
                rss.append(r)
                self.last_cpu.append(CPU_SECONDS[-1])
        return seconds, rss

    # ---- pgraph ------------------------------------------------------------

    def pgraph_argv(self, *args):
        return [self.pgraph, "--db", self.pgraph_db] + list(args)

    def bench_pgraph(self):
        self.pgraph_db = os.path.join(self.stores, "pgraph.db")
        data = self.data
        log("pgraph (load average %.1f)" % load_average())
        self.results["load"]["pgraph"] = load_average()

        def prepare():
            remove(self.pgraph_db)
            run_once(self.pgraph_argv("init", "--empty"))

        seconds, rss = self.runs(lambda i: self.pgraph_argv(
            "import", os.path.join(data, "nodes.csv"), os.path.join(data, "edges.csv"),
            os.path.join(data, "sources.csv")), self.args.runs, prepare=prepare)
        stats = json.loads(capture(self.pgraph_argv("--json", "stats")))
        if stats["relations"] != self.relations:
            raise Failed("pgraph stored %d relations, not %d" % (stats["relations"],
                                                                   self.relations))
        self.record("import", "pgraph", seconds, rss, cpu=self.last_cpu,
                    extra={"disk_bytes": du_bytes(self.pgraph_db)})

        pairs = self.pairs
        # The first query after an import builds the graph from the store and
        # saves the snapshot that later ones map.
        seconds, rss = run_once(self.pgraph_argv("path", *pairs[0]))
        self.record("first_query", "pgraph", [seconds], [rss])
        seconds, rss = self.runs(lambda i: self.pgraph_argv("path", *pairs[i]), COLD_PAIRS,
                                 warmup=1)
        self.record("path_cmd", "pgraph", seconds, rss, cpu=self.last_cpu)
        hops = json.loads(capture(self.pgraph_argv("--json", "path", *pairs[0])))
        self.results["pgraph_pair0_hops"] = len(hops["paths"][0]["edges"]) if hops["paths"] else -1

        self.bench_engine()

        hub = self.hub
        for task, argv in (("two_hop_cmd", ["neighbours", hub, "--depth", "2"]),
                           ("funds_cmd", ["funds"]),
                           ("dot_cmd", ["dot", "--around", hub, "--depth", "1"])):
            seconds, rss = self.runs(lambda i: self.pgraph_argv(*argv), self.args.runs, warmup=1)
            self.record(task, "pgraph", seconds, rss, cpu=self.last_cpu)
        # What the commands answered, to compare with the peers (up to 1M
        # relations: at 5M the JSON of every flow takes minutes to parse here).
        if self.relations <= 1_000_000:
            hood = json.loads(capture(self.pgraph_argv("--json", "neighbours", hub, "--depth",
                                                       "2")))
            funds = json.loads(capture(self.pgraph_argv("--json", "funds")))
            self.results["answers"] = {"pgraph": {"two_hop": len(hood["nodes"]),
                                                  "funds": len(funds["totals"])}}

    def bench_engine(self):
        """Warm queries with engine_bench on the imported store."""
        out = capture([self.engine_bench, "--db=" + self.pgraph_db,
                       "--pairs=" + os.path.join(self.data, "pairs.txt"), "--hub=" + self.hub,
                       "--benchmark_format=json", "--benchmark_min_time=0.05",
                       "--benchmark_filter=LoadTopology|BuildGraph|OpenSnapshot|ShortestPath|"
                       "PathQuery|Neighbours2Hop|FundsAllFunders|DotAround"])
        report = json.loads(out)
        self.results["engine_context"] = report.get("context", {})
        by_prefix = {}
        for b in report["benchmarks"]:
            if b.get("run_type", "iteration") != "iteration" or b.get("error_occurred"):
                continue
            name = b["name"].split("/")[0]
            scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            by_prefix.setdefault(name, []).append((b, b["real_time"] * scale))
        path = by_prefix.get("ShortestPath", [])
        self.engine_hops = [int(b.get("hops", -1)) for b, _ in path]
        self.record("path", "pgraph", [s for _, s in path], n_total=len(self.pairs))
        self.record("path_query", "pgraph", [s for _, s in by_prefix.get("PathQuery", [])])
        for name, task in (("Neighbours2Hop", "two_hop"), ("FundsAllFunders", "funds"),
                           ("DotAround", "dot"), ("LoadTopology", "load_topology"),
                           ("BuildGraph", "build_graph"), ("OpenSnapshot", "open_snapshot")):
            if name in by_prefix:
                self.record(task, "pgraph", [s for _, s in by_prefix[name]])
        if "BuildGraph" in by_prefix:
            b = by_prefix["BuildGraph"][0][0]
            self.results["bytes_per_relation"] = b.get("bytes_per_relation")
            self.results["memory_per_relation"] = b.get("memory_per_relation")
        if "OpenSnapshot" in by_prefix:
            b = by_prefix["OpenSnapshot"][0][0]
            self.results["mapped_bytes_per_relation"] = b.get("mapped_bytes_per_relation")
        context = report.get("context", {})
        self.results["engine_load_s"] = float(context.get("load_seconds", "nan"))

    # ---- peers -------------------------------------------------------------

    def peer_store(self, peer):
        return os.path.join(self.stores, {"igraph": "igraph.pkl", "networkx": "networkx.pkl",
                                          "sqlite": "sqlite.db", "kuzu": "kuzu.db"}[peer])

    def peer_import_argv(self, peer, store):
        if peer in ("igraph", "networkx"):
            return [PY, os.path.join(BENCH, "peers.py"), "import", peer, self.data, store]
        if peer == "sqlite":
            script = os.path.join(self.stores, "sqlite-import.sql")
            sys.path.insert(0, BENCH)
            import peers  # noqa: E402 (the SQL lives beside the queries)
            with open(script, "w") as f:
                f.write(peers.IMPORT_SQL.format(data=self.data))
            return ["sqlite3", store, ".read " + script]
        return ["node", os.path.join(BENCH, "peer_kuzu.js"), "import", self.data, store]

    def peer_query_argv(self, peer, command, store, *args):
        if peer == "kuzu":
            return ["node", os.path.join(BENCH, "peer_kuzu.js"), command, store] + list(args)
        return [PY, os.path.join(BENCH, "peers.py"), command, peer, store] + list(args)

    def bench_peer(self, peer):
        store = self.peer_store(peer)
        log("%s (load average %.1f)" % (peer, load_average()))
        self.results["load"][peer] = load_average()
        timeout = self.args.timeout
        try:
            seconds, rss = self.runs(lambda i: self.peer_import_argv(peer, store),
                                     self.args.runs, prepare=lambda: remove(store),
                                     timeout=timeout)
            self.record("import", peer, seconds, rss, cpu=self.last_cpu,
                        extra={"disk_bytes": du_bytes(store)})
        except Failed as e:
            log("  %s import failed: %s" % (peer, e))
            self.results["notes"].append("%s: import failed: %s" % (peer, str(e)[:300]))
            return
        pairs = self.pairs
        try:
            seconds, rss = self.runs(lambda i: self.peer_query_argv(peer, "cold", store, *pairs[i]),
                                     COLD_PAIRS, warmup=1, timeout=timeout)
            self.record("path_cmd", peer, seconds, rss, cpu=self.last_cpu)
            for task in ("two_hop", "funds", "dot"):
                seconds, rss = self.runs(
                    lambda i: self.peer_query_argv(peer, "task", store, task, self.hub),
                    self.args.runs, warmup=1, timeout=timeout)
                self.record(task + "_cmd", peer, seconds, rss, cpu=self.last_cpu)
        except Failed as e:
            log("  %s whole commands failed: %s" % (peer, e))
            self.results["notes"].append("%s: whole commands failed: %s" % (peer, str(e)[:300]))
        try:
            out = capture(self.peer_query_argv(
                peer, "warm", store, "--pairs", os.path.join(self.data, "pairs.txt"), "--hub",
                self.hub, "--budget", str(self.args.budget), "--repeats", "3"),
                timeout=timeout)
        except (Failed, subprocess.TimeoutExpired) as e:
            log("  %s warm queries failed: %s" % (peer, e))
            self.results["notes"].append("%s: warm queries failed: %s" % (peer, str(e)[:300]))
            return
        report = json.loads(out)
        self.results.setdefault("peer_reports", {})[peer] = report
        mismatched = [i for i, (h, e) in enumerate(zip(report["path_hops"], self.engine_hops))
                      if h != e]
        if mismatched:
            self.results["notes"].append("%s: path lengths differ from pgraph's for pairs %s"
                                         % (peer, mismatched[:10]))
        self.record("path", peer, report["path_s"], n_total=len(self.pairs),
                    extra={"open_s": report["open_s"]})
        for task in ("two_hop", "funds", "dot"):
            self.record(task, peer, report[task + "_s"])
        answers = self.results.setdefault("answers", {})
        answers[peer] = {"two_hop": report["two_hop_result"], "funds": report["funds_result"],
                         "dot": report["dot_result"]}
        mine = answers.get("pgraph", {})
        for task in ("two_hop", "funds"):
            if task in mine and mine[task] != answers[peer][task]:
                self.results["notes"].append("%s: %s answer %s differs from pgraph's %s" % (
                    peer, task, answers[peer][task], mine[task]))

    # ---- the whole run -----------------------------------------------------

    def run(self):
        self.check_tools()
        self.environment()
        self.generate_graph()
        os.makedirs(self.stores, exist_ok=True)
        with open(os.path.join(self.data, "pairs.txt")) as f:
            self.pairs = [line.split() for line in f if line.strip()]
        self.hub = self.meta["hubs"][0]["id"]
        self.results["hub"] = self.meta["hubs"][0]
        self.results["entities"] = self.meta["entities"]
        self.warm_page_cache()
        if not self.args.skip_pgraph:
            self.bench_pgraph()
        else:
            self.engine_hops = []
        if self.args.reuse_peers:
            self.reuse_peers(self.args.reuse_peers)
        else:
            for peer in self.args.peers:
                self.bench_peer(peer)
        return self.results

    def reuse_peers(self, paths):
        """Takes the peers' figures from earlier runs of the same size and seed:
        each peer from the last of the files that timed it."""
        source = {}  # peer -> (file, date)
        for path in paths.split(","):
            earlier = json.load(open(path))
            if earlier["size"] != self.size or earlier["seed"] != self.args.seed:
                raise Failed("%s is a run of %s seed %d" % (path, earlier["size"],
                                                            earlier["seed"]))
            timed = [p for p in self.args.peers if p in earlier.get("load", {})]
            for task, row in earlier["tasks"].items():
                for peer in timed:
                    if peer in row:
                        self.results["tasks"].setdefault(task, {})[peer] = row[peer]
            for peer in timed:
                if peer in earlier.get("answers", {}):
                    self.results.setdefault("answers", {})[peer] = earlier["answers"][peer]
                self.results["load"][peer] = earlier["load"][peer]
            self.results["notes"] = [n for n in self.results["notes"]
                                     if n.split(":")[0] not in timed]
            self.results["notes"].extend(n for n in earlier.get("notes", [])
                                         if n.split(":")[0] in timed)
            for peer in timed:
                source[peer] = "%s (%s)" % (os.path.basename(path),
                                            earlier.get("environment", {}).get("date"))
        self.results["peers_from"] = ["%s from %s" % (", ".join(p for p in source
                                                               if source[p] == f), f)
                                      for f in dict.fromkeys(source.values())]


# ---- presentation ------------------------------------------------------------

def fmt_seconds(s):
    if s is None:
        return "-"
    if s >= 100:
        return "%.0f s" % s
    if s >= 1:
        return "%.2f s" % s
    if s >= 1e-3:
        return "%.3g ms" % (s * 1e3)
    return "%.3g µs" % (s * 1e6)


def fmt_bytes(b):
    if b is None:
        return "-"
    if b >= 1 << 30:
        return "%.2f GiB" % (b / (1 << 30))
    return "%.0f MiB" % (b / (1 << 20))


TASK_LABELS = [
    ("import", "import: 3 CSV tables into an empty store"),
    ("path_cmd", "cold path: new process, open + shortest path (10 pairs)"),
    ("two_hop_cmd", "2-hop neighbourhood of the hub: new process"),
    ("funds_cmd", "funds totals over all funders: new process"),
    ("dot_cmd", "DOT around the hub, depth 1: new process"),
    ("path", "warm shortest path: median over 100 pairs"),
    ("two_hop", "warm 2-hop neighbourhood of the hub"),
    ("funds", "warm funds totals over all funders"),
    ("dot", "warm DOT around the hub, depth 1"),
    ("path_query", "warm `path` query: resolve names, path, read hops"),
    ("first_query", "first query after the import (builds the snapshot)"),
    ("open_snapshot", "open the graph snapshot (map, verify)"),
    ("load_topology", "load the topology from the store"),
    ("build_graph", "build the graph from the topology"),
]

CHART_LABELS = {
    "import": "import (3 CSV tables)",
    "path_cmd": "cold path (new process)",
    "two_hop_cmd": "2-hop of the hub (new process)",
    "funds_cmd": "funds totals (new process)",
    "dot_cmd": "DOT around the hub (new process)",
    "path": "warm path (median of 100 pairs)",
    "two_hop": "warm 2-hop of the hub",
    "funds": "warm funds totals",
    "dot": "warm DOT around the hub",
}


def axis_label(seconds):
    if seconds >= 1:
        return "%g s" % seconds
    if seconds >= 1e-3:
        return "%g ms" % round(seconds * 1e3, 6)
    return "%g µs" % round(seconds * 1e6, 6)


def cell(entry):
    if not entry or not entry.get("seconds"):
        return "-"
    s = entry["seconds"]
    text = "%s (%s–%s)" % (fmt_seconds(s["median"]), fmt_seconds(s["min"]), fmt_seconds(s["max"]))
    if entry.get("of") and s["n"] < entry["of"]:
        text += " n=%d/%d" % (s["n"], entry["of"])
    return text


def ratio(entry, base):
    if not entry or not entry.get("seconds") or not base or not base.get("seconds"):
        return ""
    r = entry["seconds"]["median"] / base["seconds"]["median"]
    return " **%s×**" % ("%.0f" % r if r >= 10 else "%.1f" % r if r >= 1 else "%.2f" % r)


def table(results, peers):
    systems = ["pgraph"] + [p for p in peers]
    lines = ["| task | " + " | ".join(systems) + " |",
             "|---|" + "---|" * len(systems)]
    for task, label in TASK_LABELS:
        row = results["tasks"].get(task)
        if not row:
            continue
        base = row.get("pgraph")
        cells = [cell(base)]
        for peer in peers:
            cells.append(cell(row.get(peer)) + ratio(row.get(peer), base))
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    # Memory and size.
    rss_row, disk_row = [], []
    for system in systems:
        cold = results["tasks"].get("path_cmd", {}).get(system)
        imp = results["tasks"].get("import", {}).get(system)
        rss_row.append(fmt_bytes(cold["rss"]["median"]) if cold and cold.get("rss") else "-")
        disk_row.append(fmt_bytes(imp.get("disk_bytes")) if imp and imp.get("disk_bytes") else "-")
    lines.append("| peak RSS, cold path | " + " | ".join(rss_row) + " |")
    imp_rss = []
    for system in systems:
        imp = results["tasks"].get("import", {}).get(system)
        imp_rss.append(fmt_bytes(imp["rss"]["median"]) if imp and imp.get("rss") else "-")
    lines.append("| peak RSS, import | " + " | ".join(imp_rss) + " |")
    lines.append("| store on disk | " + " | ".join(disk_row) + " |")
    return "\n".join(lines)


def targets(results, peers):
    """The issue's targets, each met or missed, with the figure."""
    t = results["tasks"]
    out = []

    def med(task, system):
        e = t.get(task, {}).get(system)
        return e["seconds"]["median"] if e and e.get("seconds") else None

    imp = med("import", "pgraph")
    if imp:
        rate = results["relations"] / imp
        out.append(("import >= 1M relations/s", rate >= 1e6, "%.0f relations/s" % rate))
        kz = med("import", "kuzu")
        if kz:
            out.append(("import faster than Kùzu's COPY", imp < kz,
                        "%s vs %s" % (fmt_seconds(imp), fmt_seconds(kz))))
    cold = med("path_cmd", "pgraph")
    if cold:
        out.append(("cold path < 100 ms", cold < 0.1, fmt_seconds(cold)))
        others = {p: med("path_cmd", p) for p in peers if med("path_cmd", p)}
        if others:
            best = min(others, key=others.get)
            out.append(("cold path ahead of every peer", cold < others[best],
                        "%s vs best peer %s %s" % (fmt_seconds(cold), best,
                                                   fmt_seconds(others[best]))))
    warm = med("path", "pgraph")
    if warm:
        ig = med("path", "igraph")
        if ig:
            out.append(("warm path within 1.5x of igraph", warm <= 1.5 * ig,
                        "%s vs %s (%.2fx)" % (fmt_seconds(warm), fmt_seconds(ig), warm / ig)))
        for p in ("networkx", "sqlite"):
            other = med("path", p)
            if other:
                out.append(("warm path far ahead of %s" % p, other / warm >= 3,
                            "%s vs %s (%.2gx)" % (fmt_seconds(warm), fmt_seconds(other),
                                                  other / warm)))
    bpr = results.get("memory_per_relation") or results.get("bytes_per_relation")
    if bpr:
        out.append(("loaded topology < 40 bytes/relation", bpr < 40,
                    "%.1f bytes (Graph::MemoryBytes; heap growth of a fresh build %.1f)" % (
                        bpr, results.get("bytes_per_relation") or float("nan"))))
    cold_entry = t.get("path_cmd", {}).get("pgraph")
    if cold_entry and cold_entry.get("rss"):
        out.append(("peak RSS of a cold query (reported)", True,
                    fmt_bytes(cold_entry["rss"]["median"])))
    return out


def chart_svg(results, peers):
    """Grouped horizontal bars, one group per task, log-scale seconds."""
    import math
    systems = ["pgraph"] + list(peers)
    colours = {"pgraph": "#1f77b4", "igraph": "#ff7f0e", "networkx": "#2ca02c",
               "sqlite": "#9467bd", "kuzu": "#d62728"}
    tasks = [(k, CHART_LABELS[k]) for k, _ in TASK_LABELS[:9] if k in results["tasks"]]
    values = [e["seconds"]["median"] for k, _ in tasks for e in results["tasks"][k].values()
              if e.get("seconds")]
    if not values:
        return ""
    lo = math.floor(math.log10(min(values)))
    hi = math.ceil(math.log10(max(values)))
    left, width, bar, gap = 250, 560, 14, 16
    height = 70 + sum(len([s for s in systems if results["tasks"][k].get(s, {}).get("seconds")])
                      * bar + gap for k, _ in tasks) + 40

    def x(v):
        return left + (math.log10(v) - lo) / max(hi - lo, 1) * width

    env = results.get("environment", {})
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="11">' % (left + width + 130, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="20" font-size="14" font-weight="bold">PartnerGraph vs peers, %s '
           'relations (median seconds, log scale; lower is better)</text>' % results["size"],
           '<text x="10" y="38" fill="#555">%s, %s cores, %s GiB, %s; commit %s</text>' % (
               env.get("os", "?"), env.get("cpus", "?"), env.get("memory_gib", "?"),
               env.get("date", "?"), env.get("commit", "?")[:10])]
    for e in range(lo, hi + 1):
        xe = x(10 ** e)
        out.append('<line x1="%.1f" y1="50" x2="%.1f" y2="%d" stroke="#ddd"/>' % (xe, xe,
                                                                                 height - 30))
        out.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>' % (
            xe, height - 16, axis_label(10.0 ** e)))
    y = 60
    for key, label in tasks:
        row = results["tasks"][key]
        present = [s for s in systems if row.get(s, {}).get("seconds")]
        out.append('<text x="%d" y="%d" text-anchor="end" font-weight="bold">%s</text>' % (
            left - 8, y + bar * len(present) / 2 + 4, label))
        for s in present:
            v = row[s]["seconds"]["median"]
            out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (
                left, y, max(x(v) - left, 1), bar - 2, colours.get(s, "#888")))
            out.append('<text x="%.1f" y="%d">%s %s</text>' % (x(v) + 4, y + bar - 4, s,
                                                             fmt_seconds(v)))
            y += bar
        y += gap
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="1m")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--peers", default=",".join(ALL_PEERS),
                        help="comma-separated peers, or none (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each whole command")
    parser.add_argument("--budget", type=float, default=120.0,
                        help="seconds a peer may spend on one warm task (default 120)")
    parser.add_argument("--timeout", type=float, default=3600.0,
                        help="seconds before one peer command is killed (default 3600)")
    parser.add_argument("--skip-pgraph", action="store_true", help="peers only")
    parser.add_argument("--reuse-peers", metavar="JSON[,JSON...]",
                        help="take the peers' figures from earlier runs' results (raw JSON "
                             "files of the same size and seed; for each peer the last file "
                             "that timed it) and time pgraph only")
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build-bench"))
    parser.add_argument("--data-dir", default=os.path.join(BENCH, "data"))
    parser.add_argument("--results-dir", default=os.path.join(BENCH, "results"))
    args = parser.parse_args()
    args.peers = [] if args.peers == "none" else [p for p in args.peers.split(",") if p]
    for p in args.peers:
        if p not in ALL_PEERS:
            parser.error("unknown peer %s" % p)

    bench = Bench(args)
    bench.results["command"] = " ".join(["bench/run.py"] + sys.argv[1:])
    try:
        results = bench.run()
    except Failed as e:
        print("run.py: %s" % e, file=sys.stderr)
        return 1
    os.makedirs(os.path.join(args.results_dir, "raw"), exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(args.results_dir, "raw", "%s-%s.json" % (args.size, stamp)), "w") as f:
        json.dump(results, f, indent=1)
    env = results["environment"]
    text = ["## %s relations, %d entities (seed %d)" % (args.size, results["entities"], args.seed),
            "",
            "%s; %s cores (%s), %s GiB; pgraph at %s; load average %s." % (
                env["os"], env["cpus"], env["cpu"], env["memory_gib"], env["commit"][:10],
                ", ".join("%s %.1f" % kv for kv in results["load"].items())),
            ("Peers' figures: %s." % "; ".join(results["peers_from"])
             if results.get("peers_from") else ""),
            "Command: `%s`" % results["command"],
            "",
            table(results, args.peers),
            "",
            "Ratios: peer median / pgraph median (above 1: pgraph is faster).",
            ""]
    for name, met, figure in targets(results, args.peers):
        text.append("- %s %s: %s" % ("MET " if met else "MISSED", name, figure))
    for note in results["notes"]:
        text.append("- note: " + note)
    text = "\n".join(text) + "\n"
    print(text)
    with open(os.path.join(args.results_dir, "%s.md" % args.size), "w") as f:
        f.write(text)
    with open(os.path.join(args.results_dir, "%s.json" % args.size), "w") as f:
        json.dump(results, f, indent=1)
    log("wrote %s/%s.{md,json,svg} and raw/%s-%s.json" % (args.results_dir, args.size,
                                                        args.size, stamp))
    svg = chart_svg(results, args.peers)
    if svg:
        with open(os.path.join(args.results_dir, "%s.svg" % args.size), "w") as f:
            f.write(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
