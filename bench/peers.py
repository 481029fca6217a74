#!/usr/bin/python3
"""The peers' side of bench/run.py: the same work as pgraph's commands, done
the way a user of python3-igraph, python3-networkx or SQLite would do it.
(Kùzu's side is peer_kuzu.mjs.) Run with Debian's /usr/bin/python3, where
python3-igraph and python3-networkx are installed.

  peers.py import   igraph|networkx DATA OUT      CSV tables -> a pickled graph
  peers.py cold     igraph|networkx|sqlite STORE A B
                    a new process: open the stored graph, one shortest path
  peers.py task     igraph|networkx|sqlite STORE two_hop|funds|dot HUB
                    a new process: open the stored graph, one task
  peers.py warm     igraph|networkx|sqlite STORE --pairs FILE --hub ID [--budget S]
                    open once, then time each task; prints JSON

The tasks, identical for every peer (and for pgraph):
  path      shortest path by hops between two entities, relations taken both
            ways, every type; the vertices of one path
  two_hop   the entities within two hops of the largest hub (hub included)
  funds     totals of `funds` relations that state an amount, per funder,
            recipient class (projects/initiatives/events vs organisations)
            and currency
  dot       DOT text of the hub's 1-hop neighbourhood: its entities and every
            relation between two of them, written to /dev/null
SQLite's path is a recursive CTE (PATH_SQL) run with a bound of 1, 2, ... 6
hops until it finds B (iterative deepening); run.py checks that every fixed
pair is within six hops. SQLite runs through Python's sqlite3 module (the
system's libsqlite3), cold and warm alike, so that both use that algorithm.
"""
import argparse
import csv
import json
import os
import pickle
import sqlite3
import statistics
import sys
import time

csv.field_size_limit(1 << 24)

UNDERTAKINGS = ("project", "initiative", "event")
MAX_HOPS_SQL = 6


def read_nodes(data):
    with open(os.path.join(data, "nodes.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            yield row[0], row[1], row[2]  # id, kind, name_en


def read_edges(data):
    """(id, type, from, to, since, until, amount or None, currency)."""
    with open(os.path.join(data, "edges.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            amount = float(row[7]) if row[7] else None
            yield row[0], row[1], row[2], row[3], row[5], row[6], amount, row[8]


def dot_text(nodes, edges):
    """nodes: [(id, kind, name)], edges: [(from, to, id, type)]."""
    out = ["digraph around {"]
    for node_id, kind, name in nodes:
        out.append('  "%s" [label="%s", class="%s"];' % (node_id, name.replace('"', '\\"'), kind))
    for a, b, rel_id, rel_type in edges:
        out.append('  "%s" -> "%s" [id="%s", label="%s"];' % (a, b, rel_id, rel_type))
    out.append("}")
    return "\n".join(out) + "\n"


def funds_totals(rows, kind_of):
    """rows: (from, to, amount, currency) of funds relations with an amount."""
    totals = {}
    for funder, recipient, amount, currency in rows:
        cls = "projects" if kind_of(recipient) in UNDERTAKINGS else "organisations"
        key = (funder, cls, currency)
        total = totals.get(key)
        totals[key] = (amount, 1) if total is None else (total[0] + amount, total[1] + 1)
    return totals


# ---- igraph ----------------------------------------------------------------

def igraph_import(data, out):
    import igraph
    ids, kinds, names = [], [], []
    for node_id, kind, name in read_nodes(data):
        ids.append(node_id)
        kinds.append(kind)
        names.append(name)
    index = {node_id: i for i, node_id in enumerate(ids)}
    pairs, rel_ids, types, amounts, currencies, since, until = [], [], [], [], [], [], []
    for rel_id, rel_type, a, b, s, u, amount, currency in read_edges(data):
        pairs.append((index[a], index[b]))
        rel_ids.append(rel_id)
        types.append(rel_type)
        since.append(s)
        until.append(u)
        amounts.append(amount)
        currencies.append(currency)
    g = igraph.Graph(n=len(ids), edges=pairs, directed=True,
                     vertex_attrs={"name": ids, "kind": kinds, "label": names},
                     edge_attrs={"id": rel_ids, "type": types, "since": since, "until": until,
                                 "amount": amounts, "currency": currencies})
    g.write_pickle(out)


class IgraphPeer:
    def __init__(self, store):
        import igraph
        self.g = igraph.Graph.Read_Pickle(store)

    def vertex(self, node_id):
        return self.g.vs.find(name=node_id).index

    def path(self, a, b):
        paths = self.g.get_shortest_paths(self.vertex(a), to=self.vertex(b), mode="all",
                                          output="vpath")
        return [self.g.vs[v]["name"] for v in paths[0]] if paths and paths[0] else []

    def two_hop(self, hub):
        return len(self.g.neighborhood(self.vertex(hub), order=2, mode="all"))

    def funds(self):
        g = self.g
        kinds = g.vs["kind"]
        names = g.vs["name"]
        rows = []
        for e in g.es.select(type_eq="funds"):
            if e["amount"] is not None:
                rows.append((names[e.source], e.target, e["amount"], e["currency"]))
        return len(funds_totals(rows, lambda v: kinds[v]))

    def dot(self, hub):
        g = self.g
        around = g.neighborhood(self.vertex(hub), order=1, mode="all")
        sub = g.induced_subgraph(around)
        nodes = list(zip(sub.vs["name"], sub.vs["kind"], sub.vs["label"]))
        names = sub.vs["name"]
        edges = [(names[e.source], names[e.target], e["id"], e["type"]) for e in sub.es]
        with open(os.devnull, "w") as f:
            f.write(dot_text(nodes, edges))
        return len(nodes), len(edges)


# ---- networkx --------------------------------------------------------------

def networkx_import(data, out):
    import networkx as nx
    g = nx.MultiGraph()  # undirected, parallel relations kept; direction in "from"
    g.add_nodes_from((node_id, {"kind": kind, "name": name})
                     for node_id, kind, name in read_nodes(data))
    g.add_edges_from((a, b, {"id": rel_id, "type": rel_type, "from": a, "since": s, "until": u,
                             "amount": amount, "currency": currency})
                     for rel_id, rel_type, a, b, s, u, amount, currency in read_edges(data))
    with open(out, "wb") as f:
        pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)


class NetworkxPeer:
    def __init__(self, store):
        import networkx as nx
        self.nx = nx
        with open(store, "rb") as f:
            self.g = pickle.load(f)

    def path(self, a, b):
        try:
            return self.nx.shortest_path(self.g, a, b)
        except self.nx.NetworkXNoPath:
            return []

    def two_hop(self, hub):
        return len(self.nx.single_source_shortest_path_length(self.g, hub, cutoff=2))

    def funds(self):
        g = self.g
        rows = []
        for u, v, d in g.edges(data=True):
            if d["type"] == "funds" and d["amount"] is not None:
                to = v if d["from"] == u else u
                rows.append((d["from"], to, d["amount"], d["currency"]))
        return len(funds_totals(rows, lambda n: g.nodes[n]["kind"]))

    def dot(self, hub):
        g = self.g
        around = set(g[hub]) | {hub}
        sub = g.subgraph(around)
        nodes = [(n, d["kind"], d["name"]) for n, d in sub.nodes(data=True)]
        edges = [(d["from"], v if d["from"] == u else u, d["id"], d["type"])
                 for u, v, d in sub.edges(data=True)]
        with open(os.devnull, "w") as f:
            f.write(dot_text(nodes, edges))
        return len(nodes), len(edges)


# ---- SQLite ----------------------------------------------------------------

# Levels of a breadth-first search as (entity, depth) rows: UNION drops a row
# already produced, so each level holds each entity once (no visited set across
# levels: a recursive CTE cannot see the rows of earlier levels). Then one
# shortest path, walked back from B through entities one level nearer A.
PATH_SQL = """
WITH RECURSIVE
  fwd(node, depth) AS MATERIALIZED (
    SELECT :a, 0
    UNION
    SELECT e."to", f.depth + 1 FROM fwd f JOIN edges e ON e."from" = f.node
     WHERE f.depth < :max_hops AND f.node <> :b
    UNION
    SELECT e."from", f.depth + 1 FROM fwd f JOIN edges e ON e."to" = f.node
     WHERE f.depth < :max_hops AND f.node <> :b
  ),
  back(node, depth) AS (
    SELECT :b, (SELECT min(depth) FROM fwd WHERE node = :b)
    UNION ALL
    SELECT (SELECT min(x) FROM (SELECT e."to" AS x FROM edges e WHERE e."from" = back.node
                                UNION ALL
                                SELECT e."from" FROM edges e WHERE e."to" = back.node)
             WHERE (x, back.depth - 1) IN (SELECT node, depth FROM fwd)),
           back.depth - 1
      FROM back WHERE back.depth > 0
  )
SELECT node FROM back WHERE depth IS NOT NULL ORDER BY depth
"""

TWO_HOP_SQL = """
WITH RECURSIVE fwd(node, depth) AS (
  SELECT :hub, 0
  UNION
  SELECT e."to", f.depth + 1 FROM fwd f JOIN edges e ON e."from" = f.node WHERE f.depth < 2
  UNION
  SELECT e."from", f.depth + 1 FROM fwd f JOIN edges e ON e."to" = f.node WHERE f.depth < 2
)
SELECT count(DISTINCT node) FROM fwd
"""

FUNDS_SQL = """
SELECT e."from",
       CASE WHEN n.kind IN ('project', 'initiative', 'event') THEN 'projects'
            ELSE 'organisations' END AS recipients,
       e.currency, sum(e.amount), count(*)
  FROM edges e JOIN nodes n ON n.id = e."to"
 WHERE e.type = 'funds' AND e.amount <> ''
 GROUP BY 1, 2, 3
"""

AROUND_NODES_SQL = """
SELECT id, kind, name_en FROM nodes WHERE id IN (
  SELECT :hub UNION SELECT "to" FROM edges WHERE "from" = :hub
  UNION SELECT "from" FROM edges WHERE "to" = :hub)
"""

AROUND_EDGES_SQL = """
WITH around(id) AS MATERIALIZED (
  SELECT :hub UNION SELECT "to" FROM edges WHERE "from" = :hub
  UNION SELECT "from" FROM edges WHERE "to" = :hub)
SELECT e."from", e."to", e.id, e.type FROM around a JOIN edges e ON e."from" = a.id
 WHERE e."to" IN around
"""

# What run.py feeds the sqlite3 shell to import the CSV tables.
IMPORT_SQL = """
CREATE TABLE nodes(id TEXT PRIMARY KEY, kind TEXT, name_en TEXT, name_zh TEXT, aliases TEXT,
                   attributes TEXT);
CREATE TABLE edges(id TEXT PRIMARY KEY, type TEXT, "from" TEXT, "to" TEXT, title TEXT,
                   since TEXT, until TEXT, amount REAL, currency TEXT, role TEXT,
                   attributes TEXT, source_doc TEXT, source_quote TEXT);
CREATE TABLE sources(doc TEXT PRIMARY KEY, title TEXT, language TEXT, url TEXT);
.import --csv --skip 1 {data}/nodes.csv nodes
.import --csv --skip 1 {data}/edges.csv edges
.import --csv --skip 1 {data}/sources.csv sources
CREATE INDEX edges_from ON edges("from");
CREATE INDEX edges_to ON edges("to");
CREATE INDEX edges_type ON edges(type);
ANALYZE;
"""


class SqlitePeer:
    def __init__(self, store):
        self.db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)

    def path(self, a, b):
        # Iterative deepening: each level of the CTE costs a pass over the
        # relations of every entity it reaches, so stop at the first depth
        # that reaches B rather than always searching six levels.
        for max_hops in range(1, MAX_HOPS_SQL + 1):
            rows = self.db.execute(PATH_SQL, {"a": a, "b": b, "max_hops": max_hops}).fetchall()
            if rows:
                return [r[0] for r in rows]
        return []

    def two_hop(self, hub):
        return self.db.execute(TWO_HOP_SQL, {"hub": hub}).fetchone()[0]

    def funds(self):
        return len(self.db.execute(FUNDS_SQL).fetchall())

    def dot(self, hub):
        nodes = self.db.execute(AROUND_NODES_SQL, {"hub": hub}).fetchall()
        edges = self.db.execute(AROUND_EDGES_SQL, {"hub": hub}).fetchall()
        with open(os.devnull, "w") as f:
            f.write(dot_text(nodes, edges))
        return len(nodes), len(edges)


PEERS = {"igraph": IgraphPeer, "networkx": NetworkxPeer, "sqlite": SqlitePeer}


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def warm(peer_name, store, pairs_file, hub, budget_s, repeats):
    """Times each task on a graph opened once; a task stops when over budget."""
    report = {"peer": peer_name}
    report["open_s"], peer = timed(PEERS[peer_name], store)
    with open(pairs_file) as f:
        pairs = [line.split() for line in f if line.strip()]
    # Path: per pair the median of `repeats` runs; the median over pairs is reported.
    per_pair, hops = [], []
    started = time.perf_counter()
    for a, b in pairs:
        runs = []
        for _ in range(repeats):
            seconds, path = timed(peer.path, a, b)
            runs.append(seconds)
        per_pair.append(statistics.median(runs))
        hops.append(len(path) - 1 if path else -1)
        if time.perf_counter() - started > budget_s:
            break
    report["path_s"] = per_pair
    report["path_hops"] = hops
    for task, fn, arg in (("two_hop", peer.two_hop, hub), ("funds", peer.funds, None),
                          ("dot", peer.dot, hub)):
        runs = []
        started = time.perf_counter()
        for _ in range(repeats):
            seconds, result = timed(fn, arg) if arg is not None else timed(fn)
            runs.append(seconds)
            if time.perf_counter() - started > budget_s:
                break
        report[task + "_s"] = runs
        report[task + "_result"] = result
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("import")
    p.add_argument("peer", choices=["igraph", "networkx"])
    p.add_argument("data")
    p.add_argument("out")
    p = sub.add_parser("cold")
    p.add_argument("peer", choices=sorted(PEERS))
    p.add_argument("store")
    p.add_argument("a")
    p.add_argument("b")
    p = sub.add_parser("task")
    p.add_argument("peer", choices=sorted(PEERS))
    p.add_argument("store")
    p.add_argument("task", choices=["two_hop", "funds", "dot"])
    p.add_argument("hub")
    p = sub.add_parser("warm")
    p.add_argument("peer", choices=sorted(PEERS))
    p.add_argument("store")
    p.add_argument("--pairs", required=True)
    p.add_argument("--hub", required=True)
    p.add_argument("--budget", type=float, default=120.0,
                   help="seconds per task before it stops early (default 120)")
    p.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.command == "import":
        {"igraph": igraph_import, "networkx": networkx_import}[args.peer](args.data, args.out)
    elif args.command == "cold":
        path = PEERS[args.peer](args.store).path(args.a, args.b)
        print(" -> ".join(path) if path else "no path")
    elif args.command == "task":
        peer = PEERS[args.peer](args.store)
        print(peer.funds() if args.task == "funds" else getattr(peer, args.task)(args.hub))
    else:
        warm(args.peer, args.store, args.pairs, args.hub, args.budget, args.repeats)


if __name__ == "__main__":
    main()
