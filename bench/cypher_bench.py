#!/usr/bin/python3
"""The same five Cypher queries on `pgraph query` and on Kùzu (issue 10), side
by side in one run, each as a new process the way a user runs it; prints the
table and writes bench/results/cypher-<size>.{md,json}.

  bench/build.sh                          # pgraph, pg_generate from HEAD
  bench/cypher_bench.py --size 1m         # --runs 5 --budget 300 by default
  bench/cypher_bench.py --size 10k --runs 2   # a quick check

The queries (each system in its own schema: pgraph's labels are kinds and
its relationship types are relation types; Kùzu's, made by
`peer_kuzu.js import`, is one node table Entity and one relation table Rel
with the relation type as a property):
  one_hop     distinct neighbours of the largest hub
  two_hop     distinct entities within two hops of the hub (*1..2)
  funds       sum of the amounts of `funds` relations per funder and currency
  beneficiary funder -> project -> one country: projects per funder, for the
              country that the most projects benefit (counted in edges.csv)
  path        shortest path length for each of the first 10 pairs of
              pairs.txt, one process per pair

Every query runs as a whole command (pgraph: `pgraph --db DB query --format
json QUERY --param ...`; Kùzu: `node cypher_kuzu.js DB QUERY NAME=VALUE ...`,
which opens read-only, prepares, executes and prints every row as JSON), stdout
to /dev/null, after one warm-up run whose output is kept to compare the two
systems' answers. Figures: median and range (min-max) of --runs runs, peak RSS
from wait4(), CPU time; for `path` the median over the 10 pairs of each pair's
median, the range being the fastest and slowest pair. A run longer than
--budget seconds is killed and the query recorded as timed out. The load
average is sampled every 2 s while each system runs.

The generated graph and the stores are those of run.py: bench/data/<size>-seed42/
and its stores/pgraph.db and stores/kuzu.db (made here when missing or when the
pgraph store was imported by another commit).
"""
import argparse
import contextlib
import json
import os
import resource
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
sys.dont_write_bytecode = True  # no bench/__pycache__ in the shared tree
import run  # noqa: E402 (bench/run.py: its helpers, its data and store locations)
from run import (Failed, capture, fmt_bytes, fmt_seconds, load_average, log,  # noqa: E402
                 remove, run_once, summary)

ROOT = run.ROOT
PAIRS = 10

QUERIES = [
    # key, label, pgraph's query, Kùzu's query, parameters
    ("one_hop", "1-hop of the hub: distinct neighbours",
     "MATCH (h {id: $hub})--(x) RETURN count(DISTINCT x) AS n",
     "MATCH (h:Entity {id: $hub})-[:Rel]-(x) RETURN count(DISTINCT x) AS n",
     ("hub",)),
    ("two_hop", "2-hop of the hub: distinct entities within 2 hops",
     "MATCH (h {id: $hub})-[*1..2]-(x) RETURN count(DISTINCT x) AS n",
     "MATCH (h:Entity {id: $hub})-[:Rel*1..2]-(x) RETURN count(DISTINCT x) AS n",
     ("hub",)),
    ("funds", "funding totals per funder and currency",
     "MATCH (f)-[r:funds]->() WHERE r.amount IS NOT NULL "
     "RETURN f.id AS funder, r.currency AS currency, sum(r.amount) AS total",
     "MATCH (f:Entity)-[r:Rel]->() WHERE r.type = 'funds' AND r.amount IS NOT NULL "
     "RETURN f.id AS funder, r.currency AS currency, sum(r.amount) AS total",
     ()),
    ("beneficiary", "funder → project → beneficiary country: projects per funder",
     "MATCH (f)-[:funds]->(p:project)-[:benefits]->(c {id: $country}) "
     "RETURN f.id AS funder, count(p) AS projects",
     "MATCH (f:Entity)-[r1:Rel]->(p:Entity)-[r2:Rel]->(c:Entity {id: $country}) "
     "WHERE r1.type = 'funds' AND p.kind = 'project' AND r2.type = 'benefits' "
     "RETURN f.id AS funder, count(p) AS projects",
     ("country",)),
    ("path", "shortest path, 10 fixed pairs (median of the pairs' medians)",
     "MATCH p = shortestPath((a {id: $a})-[*]-(b {id: $b})) RETURN length(p) AS length",
     "MATCH p = (a:Entity {id: $a})-[:Rel* SHORTEST 1..30]-(b:Entity {id: $b}) "
     "RETURN length(p) AS length",
     ("a", "b")),
]
SYSTEMS = ("pgraph", "kuzu")
SYSTEM_NAMES = {"pgraph": "pgraph", "kuzu": "Kùzu"}


@contextlib.contextmanager
def address_space_limit(limit_bytes):
    """Children started inside inherit RLIMIT_AS = limit_bytes (None: no
    limit): a query that would take the shared machine's memory fails in its
    own process instead of calling the OOM killer."""
    if not limit_bytes:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class LoadSampler(threading.Thread):
    """Samples the 1-minute load average every `period` seconds into the
    list of whichever system is running (self.current)."""

    def __init__(self, period=2.0):
        super().__init__(daemon=True)
        self.period = period
        self.current = None
        self.samples = {}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(self.period):
            if self.current:
                self.samples.setdefault(self.current, []).append(load_average())


class CypherBench:
    def __init__(self, args):
        self.args = args
        # run.py's Bench gives the tools' paths, the data and store locations,
        # the kuzu install, the environment and the generation.
        self.base = run.Bench(argparse.Namespace(
            size=args.size, seed=args.seed, build_dir=args.build_dir, data_dir=args.data_dir,
            runs=args.runs, budget=args.budget, peers=["kuzu"]))
        self.pgraph = self.base.pgraph
        self.data = self.base.data
        self.stores = self.base.stores
        self.pgraph_db = os.path.join(self.stores, "pgraph.db")
        self.kuzu_db = os.path.join(self.stores, "kuzu.db")
        self.load = LoadSampler()
        self.results = {"size": args.size, "relations": run.SIZES[args.size], "seed": args.seed,
                        "runs": args.runs, "budget_s": args.budget, "queries": {},
                        "notes": [], "setup": {}}

    # ---- setup -------------------------------------------------------------

    def commit(self):
        """The commit pgraph was built from: bench/build.sh's stamp for
        build-bench/, else the working tree's HEAD."""
        if os.path.realpath(self.args.build_dir) == os.path.realpath(os.path.join(ROOT,
                                                                                 "build-bench")):
            path = os.path.join(ROOT, "build-bench-src", "COMMIT")
            return open(path).read().strip() if os.path.exists(path) else "?"
        return capture(["git", "-C", ROOT, "rev-parse", "HEAD"]).strip()

    def kuzu_argv(self, query, params):
        return (["node", os.path.join(BENCH, "cypher_kuzu.js"), self.kuzu_db, query]
                + ["%s=%s" % (k, json.dumps(v, ensure_ascii=False)) for k, v in params.items()])

    def pgraph_argv(self, query, params):
        argv = [self.pgraph, "--db", self.pgraph_db, "query", "--format", "json", query]
        for k, v in params.items():
            argv += ["--param", "%s=%s" % (k, json.dumps(v, ensure_ascii=False))]
        return argv

    def ensure_pgraph_store(self):
        stamp = self.pgraph_db + ".commit"
        commit = self.commit()
        relations = self.results["relations"]
        if os.path.isdir(self.pgraph_db) and os.path.exists(stamp) \
                and open(stamp).read().strip() == commit:
            try:
                stats = json.loads(capture([self.pgraph, "--db", self.pgraph_db, "--json",
                                            "stats"]))
                if stats["relations"] == relations:
                    log("using the pgraph store %s (imported by %s)" % (self.pgraph_db,
                                                                        commit[:10]))
                    return
            except (Failed, ValueError, KeyError):
                pass
        log("importing the CSV tables into %s" % self.pgraph_db)
        remove(self.pgraph_db)
        remove(stamp)
        run_once([self.pgraph, "--db", self.pgraph_db, "init", "--empty"])
        seconds, rss = run_once([self.pgraph, "--db", self.pgraph_db, "import"]
                                + [os.path.join(self.data, f)
                                   for f in ("nodes.csv", "edges.csv", "sources.csv")])
        stats = json.loads(capture([self.pgraph, "--db", self.pgraph_db, "--json", "stats"]))
        if stats["relations"] != relations:
            raise Failed("pgraph stored %d relations, not %d" % (stats["relations"], relations))
        # The first query after an import builds the graph snapshot that
        # later ones map: not part of any timed query.
        first, _ = run_once(self.pgraph_argv("MATCH (n {id: $hub}) RETURN n.id", {"hub": self.hub}))
        self.results["setup"]["pgraph_import_s"] = seconds
        self.results["setup"]["pgraph_first_query_s"] = first
        log("  pgraph import %s, first query (builds the snapshot) %s" % (fmt_seconds(seconds),
                                                                          fmt_seconds(first)))
        with open(stamp, "w") as f:
            f.write(commit + "\n")

    def ensure_kuzu_store(self):
        relations = self.results["relations"]
        count = "MATCH ()-[r:Rel]->() RETURN count(r) AS n"
        if os.path.exists(self.kuzu_db):
            try:
                out = json.loads(capture(self.kuzu_argv(count, {})))
                if out["rows"][0]["n"] == relations:
                    log("using the Kùzu database %s" % self.kuzu_db)
                    return
            except (Failed, ValueError, KeyError, IndexError):
                pass
        log("importing the CSV tables into Kùzu at %s" % self.kuzu_db)
        remove(self.kuzu_db)
        remove(self.kuzu_db + ".wal")
        seconds, _ = run_once(["node", os.path.join(BENCH, "peer_kuzu.js"), "import", self.data,
                               self.kuzu_db])
        out = json.loads(capture(self.kuzu_argv(count, {})))
        if out["rows"][0]["n"] != relations:
            raise Failed("Kùzu stored %s relations, not %d" % (out["rows"][0]["n"], relations))
        self.results["setup"]["kuzu_import_s"] = seconds
        log("  Kùzu import %s" % fmt_seconds(seconds))

    def beneficiary_country(self):
        """The country that the most projects benefit, counted in edges.csv
        (ties: the smaller id)."""
        kinds = {}
        with open(os.path.join(self.data, "nodes.csv"), encoding="utf-8") as f:
            next(f)
            for line in f:
                entity, kind = line.split(",", 2)[:2]
                if kind in ("country", "project"):
                    kinds[entity] = kind
        counts = {}
        with open(os.path.join(self.data, "edges.csv"), encoding="utf-8") as f:
            next(f)
            for line in f:
                if ",benefits," not in line:
                    continue
                _, kind, source, target = line.split(",", 4)[:4]
                if kind == "benefits" and kinds.get(source) == "project" \
                        and kinds.get(target) == "country":
                    counts[target] = counts.get(target, 0) + 1
        best = min(counts, key=lambda c: (-counts[c], c))
        return best, counts[best]

    # ---- timing ------------------------------------------------------------

    def time_command(self, argv):
        """One warm-up run (its output kept and returned) and --runs timed
        runs. Returns (entry, output text or None)."""
        budget = self.args.budget
        entry = {"seconds": [], "rss": [], "cpu_seconds": []}
        with tempfile.TemporaryFile() as out:
            start = time.perf_counter()
            try:
                run_once(argv, timeout=budget, stdout=out)
            except Failed as e:
                if time.perf_counter() - start >= budget:
                    entry["timed_out"] = True
                    return entry, None
                entry["error"] = str(e)[-1500:]
                return entry, None
            out.seek(0)
            text = out.read().decode("utf-8", errors="replace")
        for _ in range(self.args.runs):
            start = time.perf_counter()
            try:
                seconds, rss = run_once(argv, timeout=budget)
            except Failed as e:
                if time.perf_counter() - start >= budget:
                    entry["timed_out"] = True
                    break
                entry["error"] = str(e)[-1500:]
                break
            entry["seconds"].append(seconds)
            entry["rss"].append(rss)
            entry["cpu_seconds"].append(run.CPU_SECONDS[-1])
        return entry, text

    def argv(self, system, key, params):
        query = next(q for q in QUERIES if q[0] == key)
        return (self.pgraph_argv(query[2], params) if system == "pgraph"
                else self.kuzu_argv(query[3], params))

    def bench_query(self, key, params):
        """Both systems, one after the other; returns {system: entry}."""
        row = {}
        for system in SYSTEMS:
            self.load.current = system
            before = load_average()
            # pgraph only: Kùzu reserves its buffer pool's address space up front.
            limit = int(self.args.pgraph_memory_gib * (1 << 30)) if system == "pgraph" else None
            with address_space_limit(limit):
                entry, text = self.time_command(self.argv(system, key, params))
            self.load.current = None
            entry["load_before"] = before
            entry["load_after"] = load_average()
            entry["answer"] = answer(key, text) if text is not None else None
            row[system] = entry
        return row

    def bench_path(self):
        per_pair = []
        for a, b in self.pairs:
            row = self.bench_query("path", {"a": a, "b": b})
            per_pair.append({"a": a, "b": b, **row})
            log("  path %s %s: %s" % (a, b, ", ".join(
                "%s %s (%s)" % (s, fmt_seconds(summary(row[s]["seconds"])["median"])
                                if row[s]["seconds"] else "-", row[s]["answer"])
                for s in SYSTEMS)))
        return per_pair

    # ---- the whole run -----------------------------------------------------

    def run(self):
        started = time.time()
        base = self.base
        base.check_tools()  # pgraph and pg_generate built; kuzu from npm when missing
        base.environment()
        env = base.results["environment"]
        for key in ("igraph", "networkx", "sqlite", "python"):
            env.pop(key, None)
        env["commit"] = self.commit()
        self.results["environment"] = env
        base.generate_graph()
        self.meta = base.meta
        os.makedirs(self.stores, exist_ok=True)
        with open(os.path.join(self.data, "pairs.txt")) as f:
            self.pairs = [line.split() for line in f if line.strip()][:PAIRS]
        self.hub = self.meta["hubs"][0]["id"]
        self.country, projects = self.beneficiary_country()
        self.results.update({"entities": self.meta["entities"], "hub": self.meta["hubs"][0],
                             "country": {"id": self.country, "projects": projects},
                             "pairs": self.pairs})
        log("hub %s (degree %d); country %s (%d projects benefit it)" % (
            self.hub, self.meta["hubs"][0]["degree"], self.country, projects))
        self.ensure_pgraph_store()
        self.ensure_kuzu_store()
        base.warm_page_cache()
        self.results["setup"]["seconds"] = time.time() - started

        self.load.start()
        timed_from = time.time()
        params = {"hub": self.hub, "country": self.country}
        for key, label, pg_query, kz_query, names in QUERIES:
            if self.args.queries and key not in self.args.queries:
                continue
            log("%s (load average %.1f)" % (key, load_average()))
            if key == "path":
                per_pair = self.bench_path()
                entry = {"pairs": per_pair}
                for system in SYSTEMS:
                    medians = [summary(p[system]["seconds"])["median"] for p in per_pair
                               if p[system]["seconds"]]
                    entry[system] = {
                        "seconds": summary(medians),
                        "rss": summary([r for p in per_pair for r in p[system]["rss"]]),
                        "cpu_seconds": summary([c for p in per_pair
                                                for c in p[system]["cpu_seconds"]]),
                        "of": len(per_pair),
                        "timed_out": sum(1 for p in per_pair if p[system].get("timed_out")),
                        "errors": [p[system]["error"] for p in per_pair if p[system].get("error")],
                        "answer": [p[system]["answer"] for p in per_pair],
                    }
            else:
                row = self.bench_query(key, {n: params[n] for n in names})
                entry = {}
                for system in SYSTEMS:
                    e = row[system]
                    entry[system] = {"seconds": summary(e["seconds"]), "rss": summary(e["rss"]),
                                     "cpu_seconds": summary(e["cpu_seconds"]),
                                     "runs_s": e["seconds"], "answer": e["answer"],
                                     "load_before": e["load_before"],
                                     "load_after": e["load_after"]}
                    for k in ("timed_out", "error"):
                        if k in e:
                            entry[system][k] = e[k]
                    s = entry[system]["seconds"]
                    log("  %-7s %s%s  answer %s" % (
                        system, "median %s (%s-%s) peak RSS %s" % (
                            fmt_seconds(s["median"]), fmt_seconds(s["min"]), fmt_seconds(s["max"]),
                            fmt_bytes(entry[system]["rss"]["median"])) if s else "-",
                        " TIMED OUT" if e.get("timed_out") else
                        " ERROR %s" % e["error"][-300:] if e.get("error") else "",
                        short_answer(key, e["answer"])))
            entry["queries"] = {"pgraph": pg_query, "kuzu": kz_query}
            entry["same_answer"], entry["difference"] = compare(key, entry["pgraph"]["answer"],
                                                                entry["kuzu"]["answer"])
            if entry["difference"]:
                log("  WARNING: %s" % entry["difference"])
            for system in SYSTEMS:  # keep the JSON small: groups and total, not every row
                if isinstance(entry[system].get("answer"), dict):
                    entry[system]["answer"] = short_answer(key, entry[system]["answer"])
            self.results["queries"][key] = entry
        self.load.stop.set()
        self.results["load"] = {s: summary(v) for s, v in self.load.samples.items()}
        self.results["timed_seconds"] = time.time() - timed_from
        self.results["total_seconds"] = time.time() - started
        return self.results


# ---- answers -----------------------------------------------------------------

def answer(key, text):
    """The comparable part of a query's JSON output."""
    try:
        rows = json.loads(text)["rows"]
    except (ValueError, KeyError, TypeError):
        return None
    if key in ("one_hop", "two_hop"):
        return rows[0]["n"] if rows else None
    if key == "path":
        return rows[0]["length"] if rows else None
    if key == "funds":
        return {"%s\t%s" % (r["funder"], r["currency"]): r["total"] for r in rows}
    if key == "beneficiary":
        return {r["funder"]: r["projects"] for r in rows}
    return None


def short_answer(key, value):
    if isinstance(value, dict):
        return "%d groups, total %s" % (len(value), "{:,.0f}".format(sum(value.values())))
    return str(value)


def compare(key, mine, theirs):
    """(same, text of the difference or None)."""
    if mine is None or theirs is None:
        return None, None
    if key == "path":
        differ = [i for i, (x, y) in enumerate(zip(mine, theirs))
                  if x is not None and y is not None and x != y]
        if differ:
            return False, "path lengths differ for pairs %s: pgraph %s, Kùzu %s" % (
                differ, [mine[i] for i in differ], [theirs[i] for i in differ])
        return True, None
    if isinstance(mine, dict):
        only_pg = sorted(set(mine) - set(theirs))
        only_kz = sorted(set(theirs) - set(mine))
        unequal = sorted(k for k in set(mine) & set(theirs)
                         if abs(mine[k] - theirs[k]) > 1e-9 * max(abs(mine[k]), abs(theirs[k]), 1))
        if only_pg or only_kz or unequal:
            return False, ("%s: pgraph %d groups, Kùzu %d; only in pgraph's %s; only in Kùzu's "
                           "%s; different values %s" % (
                               key, len(mine), len(theirs), only_pg[:5], only_kz[:5],
                               [(k, mine[k], theirs[k]) for k in unequal[:5]]))
        return True, None
    if mine != theirs:
        return False, "%s: pgraph %s, Kùzu %s" % (key, mine, theirs)
    return True, None


# ---- presentation --------------------------------------------------------------

def cell(entry, runs):
    if not entry:
        return "-"
    s = entry.get("seconds")
    if entry.get("timed_out") and not s:
        return "timed out (warm-up over the budget)"
    if entry.get("error") and not s:
        return "failed (below)"
    if not s:
        return "-"
    text = "%s (%s–%s)" % (fmt_seconds(s["median"]), fmt_seconds(s["min"]), fmt_seconds(s["max"]))
    if entry.get("of"):  # path: pairs
        if s["n"] < entry["of"]:
            text += " n=%d/%d pairs" % (s["n"], entry["of"])
    elif entry.get("timed_out") or entry.get("error"):
        text += " n=%d/%d, then a run %s" % (s["n"], runs, "over the budget"
                                             if entry.get("timed_out") else "failed")
    return text


def ratio(kz, pg):
    if not kz or not pg or not kz.get("seconds") or not pg.get("seconds"):
        return "-"
    r = kz["seconds"]["median"] / pg["seconds"]["median"]
    return "**%s×**" % ("%.0f" % r if r >= 10 else "%.1f" % r if r >= 1 else "%.2f" % r)


def rss(entry):
    return fmt_bytes(entry["rss"]["median"]) if entry and entry.get("rss") else "-"


def table(results):
    lines = ["| query | pgraph | Kùzu | Kùzu / pgraph | peak RSS pgraph | peak RSS Kùzu |",
             "|---|---|---|---|---|---|"]
    for key, label, *_ in QUERIES:
        q = results["queries"].get(key)
        if not q:
            continue
        pg, kz = q["pgraph"], q["kuzu"]
        lines.append("| %s | %s | %s | %s | %s | %s |" % (label, cell(pg, results["runs"]),
                                                        cell(kz, results["runs"]), ratio(kz, pg),
                                                        rss(pg), rss(kz)))
        if q.get("difference"):
            lines.append("| ⚠ answers differ | %s | | | | |" % q["difference"].replace("|", "\\|"))
    return "\n".join(lines)


def cpu_table(results):
    lines = ["| query | pgraph CPU | Kùzu CPU |", "|---|---|---|"]
    for key, label, *_ in QUERIES:
        q = results["queries"].get(key)
        if not q:
            continue
        cells = []
        for system in SYSTEMS:
            c = q[system].get("cpu_seconds")
            cells.append(fmt_seconds(c["median"]) if c else "-")
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    return "\n".join(lines)


def answers_text(results):
    out = []
    for key, label, *_ in QUERIES:
        q = results["queries"].get(key)
        if not q:
            continue
        pg, kz = q["pgraph"].get("answer"), q["kuzu"].get("answer")
        if key == "path":
            text = "lengths pgraph %s, Kùzu %s" % (pg, kz)
        else:
            text = "pgraph %s; Kùzu %s" % (short_answer(key, pg), short_answer(key, kz))
        verdict = {True: "same", False: "**DIFFERENT**", None: "not compared"}[q["same_answer"]]
        out.append("- %s: %s (%s)" % (key, text, verdict))
    return "\n".join(out)


def markdown(results):
    env = results["environment"]
    load = results["load"]

    def load_text(system):
        s = load.get(system)
        return "%s %.1f (%.1f–%.1f)" % (SYSTEM_NAMES[system], s["median"], s["min"], s["max"]) \
            if s else "%s -" % SYSTEM_NAMES[system]

    lines = [
        "## Cypher queries, %s relations, %s entities (seed %d)" % (
            results["size"], "{:,}".format(results["entities"]), results["seed"]),
        "",
        "%s; %s cores (%s), %s GiB; kernel %s; pgraph at %s (Release build); Kùzu %s "
        "on Node.js %s; %s." % (env["os"], env["cpus"], env["cpu"], env["memory_gib"],
                                env["kernel"], env["commit"][:10], env["kuzu"], env["node"],
                                env["date"]),
        "Load average (1 min, sampled every 2 s while each system ran; median and range): %s, "
        "%s." % (load_text("pgraph"), load_text("kuzu")),
        "Hub `%s` (degree %s); country `%s` (the country the most projects benefit: %s); "
        "pairs: the first %d of pairs.txt." % (
            results["hub"]["id"], "{:,}".format(results["hub"]["degree"]),
            results["country"]["id"], "{:,}".format(results["country"]["projects"]),
            len(results["pairs"])),
        "Each figure: a new process per run, stdout to /dev/null, %d runs after one warm-up, "
        "median (min–max); budget %g s per run." % (results["runs"], results["budget_s"]),
        "Command: `%s`" % results["command"],
        "",
        table(results),
        "",
        "Ratios: Kùzu's median / pgraph's (above 1: pgraph is faster). Shortest path: the median "
        "over the pairs of each pair's median, the range the fastest and slowest pair; its peak "
        "RSS the median over every run.",
        "",
        "CPU time (user + system), median:",
        "",
        cpu_table(results),
        "",
        "Answers (from the warm-up runs):",
        "",
        answers_text(results),
    ]
    for note in results["notes"]:
        lines.append("- note: " + note)
    for key, *_ in QUERIES:
        q = results["queries"].get(key, {})
        for system in SYSTEMS:
            e = q.get(system) or {}
            errors = e.get("errors") or ([e["error"]] if e.get("error") else [])
            for error in errors[:1]:
                lines.append("- %s failed on %s: `%s`" % (
                    SYSTEM_NAMES[system], key,
                    "exit " + error.split(": exit ", 1)[-1].strip().replace("\n", " ")[-300:]))
            if e.get("timed_out") is True:
                lines.append("- %s: a run of %s took more than the budget (%g s) and was "
                             "killed." % (SYSTEM_NAMES[system], key, results["budget_s"]))
    lines += ["", "Queries:", ""]
    for key, label, *_ in QUERIES:
        q = results["queries"].get(key)
        if q:
            lines.append("- %s: pgraph `%s`; Kùzu `%s`" % (key, q["queries"]["pgraph"],
                                                           q["queries"]["kuzu"]))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(run.SIZES), default="1m")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (default 5)")
    parser.add_argument("--budget", type=float, default=300.0,
                        help="seconds one run may take before it is killed and the query "
                             "recorded as timed out (default 300)")
    parser.add_argument("--pgraph-memory-gib", type=float, default=8.0,
                        help="address-space limit (RLIMIT_AS) of each pgraph query process, "
                             "GiB; 0: none (default 8: the machine is shared)")
    parser.add_argument("--render", action="store_true",
                        help="only rewrite cypher-<size>.md from cypher-<size>.json")
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build-bench"))
    parser.add_argument("--data-dir", default=os.path.join(BENCH, "data"))
    parser.add_argument("--results-dir", default=os.path.join(BENCH, "results"))
    parser.add_argument("--queries", type=lambda text: text.split(","), default=[],
                        help="only these queries, comma-separated (one_hop,two_hop,funds,"
                             "beneficiary,path); the others are left out of the table")
    args = parser.parse_args()
    unknown = set(args.queries) - {q[0] for q in QUERIES}
    if unknown:
        parser.error("unknown queries: " + ", ".join(sorted(unknown)))

    if args.render:
        with open(os.path.join(args.results_dir, "cypher-%s.json" % args.size)) as f:
            results = json.load(f)
        with open(os.path.join(args.results_dir, "cypher-%s.md" % args.size), "w") as f:
            f.write(markdown(results))
        return 0
    bench = CypherBench(args)
    bench.results["command"] = " ".join(["bench/cypher_bench.py"] + sys.argv[1:])
    try:
        results = bench.run()
    except Failed as e:
        print("cypher_bench.py: %s" % e, file=sys.stderr)
        return 1
    text = markdown(results)
    print(text)
    os.makedirs(args.results_dir, exist_ok=True)
    with open(os.path.join(args.results_dir, "cypher-%s.md" % args.size), "w") as f:
        f.write(text)
    with open(os.path.join(args.results_dir, "cypher-%s.json" % args.size), "w") as f:
        json.dump(results, f, indent=1, ensure_ascii=False)
    log("wrote %s/cypher-%s.{md,json} (%.0f s in all, %.0f s timing)" % (
        args.results_dir, args.size, results["total_seconds"], results["timed_seconds"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
