#!/usr/bin/env node
// Kùzu's side of bench/run.py: the same work as pgraph's commands, done the
// way a user of Kùzu's Node.js package would (npm package `kuzu`, installed by
// run.py into bench/node/, which git ignores). See peers.py for the tasks.
//
//   peer_kuzu.js import DATA DB       COPY FROM the CSV tables into a new database
//   peer_kuzu.js cold   DB A B        a new process: open the database, one shortest path
//   peer_kuzu.js task   DB two_hop|funds|dot HUB    a new process: open, one task
//   peer_kuzu.js warm   DB --pairs FILE --hub ID [--budget S] [--repeats N]   JSON timings
//
// One node table (Entity) and one relation table (Rel) holding every relation
// with its type as a property, so that a path may use any type, as pgraph's
// does. COPY reads nodes.csv as is and kuzu_edges.csv (edges.csv with from,to
// first, which Kùzu's COPY requires; written by pg_generate --formats kuzu).
'use strict';
const fs = require('fs');
const path = require('path');
const kuzu = require(process.env.KUZU_MODULE ||
                     path.join(__dirname, 'node', 'node_modules', 'kuzu'));

const UNDERTAKINGS = new Set(['project', 'initiative', 'event']);

async function all(conn, statement, params) {
  let result;
  if (params) {
    const prepared = await conn.prepare(statement);
    result = await conn.execute(prepared, params);
  } else {
    result = await conn.query(statement);
  }
  const rows = await result.getAll();
  result.close();
  return rows;
}

async function importData(data, dbPath) {
  const db = new kuzu.Database(dbPath);
  const conn = new kuzu.Connection(db);
  const file = (name) => path.join(data, name).replace(/'/g, "\\'");
  const statements = [
    `CREATE NODE TABLE Entity(id STRING, kind STRING, name_en STRING, name_zh STRING,
                              aliases STRING, attributes STRING, PRIMARY KEY(id))`,
    `CREATE NODE TABLE Source(doc STRING, title STRING, language STRING, url STRING,
                              PRIMARY KEY(doc))`,
    `CREATE REL TABLE Rel(FROM Entity TO Entity, id STRING, type STRING, title STRING,
                          since STRING, until STRING, amount DOUBLE, currency STRING,
                          role STRING, source_doc STRING, source_quote STRING)`,
    `COPY Source FROM '${file('sources.csv')}' (HEADER=true)`,
    `COPY Entity FROM '${file('nodes.csv')}' (HEADER=true)`,
    `COPY Rel FROM '${file('kuzu_edges.csv')}' (HEADER=true)`,
  ];
  for (const statement of statements) await all(conn, statement);
  await conn.close();
  await db.close();
}

function openReadOnly(dbPath) {
  const db = new kuzu.Database(dbPath, 0, true, /* readOnly= */ true);
  return { db, conn: new kuzu.Connection(db) };
}

const PATH_QUERY = `
  MATCH p = (a:Entity)-[:Rel* SHORTEST 1..30]-(b:Entity)
  WHERE a.id = $a AND b.id = $b
  RETURN properties(nodes(p), 'id') AS ids LIMIT 1`;

// Every entity within two hops, by breadth-first search (SHORTEST), not by
// enumerating walks: from a hub with tens of thousands of links, walks of
// length two number in the tens of millions.
const TWO_HOP_QUERY = `
  MATCH (h:Entity)-[:Rel* SHORTEST 1..2]-(n:Entity)
  WHERE h.id = $hub
  RETURN count(DISTINCT n.id) + 1 AS n`;

// Grouped by the recipient's kind and folded into the two recipient classes
// here: Kùzu 0.11.3 gave wrong groups for `CASE WHEN t.kind IN [...]` inside
// this aggregation (every ADB flow counted as "organisations").
const FUNDS_QUERY = `
  MATCH (f:Entity)-[r:Rel]->(t:Entity)
  WHERE r.type = 'funds' AND r.amount IS NOT NULL
  RETURN f.id AS funder, t.kind AS kind, r.currency AS currency,
         sum(r.amount) AS total, count(*) AS flows`;

const AROUND_NODES_QUERY = `
  MATCH (h:Entity) WHERE h.id = $hub
  OPTIONAL MATCH (h)-[:Rel]-(n:Entity)
  WITH h, collect(DISTINCT n) AS ns
  UNWIND ns + [h] AS x
  RETURN DISTINCT x.id AS id, x.kind AS kind, x.name_en AS name`;

// Relations out of each entity around the hub that end around the hub (at
// the hub, or at a partner of it), then the hub's own relations out. The
// EXISTS filter keeps the rows Kùzu hands to JavaScript few: returning every
// relation out of the partners and filtering here took twice as long.
const AROUND_EDGES_QUERY = `
  MATCH (h:Entity)-[:Rel]-(a:Entity) WHERE h.id = $hub
  WITH DISTINCT a
  MATCH (a)-[r:Rel]->(b:Entity)
  WHERE b.id = $hub OR EXISTS { MATCH (b)-[:Rel]-(h2:Entity) WHERE h2.id = $hub }
  RETURN a.id AS a, b.id AS b, r.id AS id, r.type AS type
  UNION ALL
  MATCH (h:Entity)-[r:Rel]->(b:Entity) WHERE h.id = $hub
  RETURN h.id AS a, b.id AS b, r.id AS id, r.type AS type`;

async function shortestPath(conn, a, b) {
  const rows = await all(conn, PATH_QUERY, { a, b });
  return rows.length ? rows[0].ids : [];
}

async function twoHop(conn, hub) {
  const rows = await all(conn, TWO_HOP_QUERY, { hub });
  return Number(rows[0].n);
}

async function funds(conn) {
  const totals = new Map();
  for (const row of await all(conn, FUNDS_QUERY)) {
    const recipients = UNDERTAKINGS.has(row.kind) ? 'projects' : 'organisations';
    const key = `${row.funder}\t${recipients}\t${row.currency}`;
    const total = totals.get(key) || { amount: 0, flows: 0 };
    total.amount += row.total;
    total.flows += Number(row.flows);
    totals.set(key, total);
  }
  return totals.size;
}

function dotText(nodes, edges) {
  const out = ['digraph around {'];
  for (const n of nodes) {
    out.push(`  "${n.id}" [label="${String(n.name).replace(/"/g, '\\"')}", class="${n.kind}"];`);
  }
  for (const e of edges) out.push(`  "${e.a}" -> "${e.b}" [id="${e.id}", label="${e.type}"];`);
  out.push('}');
  return out.join('\n') + '\n';
}

async function dot(conn, hub) {
  const nodes = await all(conn, AROUND_NODES_QUERY, { hub });
  const around = new Set(nodes.map((n) => n.id));
  const seen = new Set();
  const edges = [];
  for (const e of await all(conn, AROUND_EDGES_QUERY, { hub })) {
    if (!around.has(e.b) || seen.has(e.id)) continue;
    seen.add(e.id);
    edges.push(e);
  }
  fs.writeFileSync('/dev/null', dotText(nodes, edges));
  return [nodes.length, edges.length];
}

async function timed(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function warm(dbPath, pairsFile, hub, budgetS, repeats) {
  const report = { peer: 'kuzu' };
  let opened;
  [report.open_s, opened] = await timed(async () => {
    const o = openReadOnly(dbPath);
    await o.db.init();
    return o;
  });
  const { conn } = opened;
  const pairs = fs.readFileSync(pairsFile, 'utf8').split('\n').filter(Boolean)
      .map((line) => line.split(' '));
  report.path_s = [];
  report.path_hops = [];
  let started = process.hrtime.bigint();
  const overBudget = () => Number(process.hrtime.bigint() - started) / 1e9 > budgetS;
  for (const [a, b] of pairs) {
    const runs = [];
    let ids = [];
    for (let i = 0; i < repeats; ++i) {
      let seconds;
      [seconds, ids] = await timed(() => shortestPath(conn, a, b));
      runs.push(seconds);
    }
    report.path_s.push(median(runs));
    report.path_hops.push(ids.length ? ids.length - 1 : -1);
    if (overBudget()) break;
  }
  for (const [task, fn] of [['two_hop', () => twoHop(conn, hub)], ['funds', () => funds(conn)],
                            ['dot', () => dot(conn, hub)]]) {
    const runs = [];
    let result;
    started = process.hrtime.bigint();
    for (let i = 0; i < repeats; ++i) {
      let seconds;
      [seconds, result] = await timed(fn);
      runs.push(seconds);
      if (overBudget()) break;
    }
    report[`${task}_s`] = runs;
    report[`${task}_result`] = result;
  }
  process.stdout.write(JSON.stringify(report) + '\n');
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  if (command === 'import') {
    await importData(args[0], args[1]);
  } else if (command === 'cold') {
    const { conn } = openReadOnly(args[0]);
    const ids = await shortestPath(conn, args[1], args[2]);
    console.log(ids.length ? ids.join(' -> ') : 'no path');
  } else if (command === 'task') {
    const { conn } = openReadOnly(args[0]);
    const tasks = { two_hop: () => twoHop(conn, args[2]), funds: () => funds(conn),
                    dot: () => dot(conn, args[2]) };
    if (!tasks[args[1]]) throw new Error(`unknown task ${args[1]}`);
    console.log(JSON.stringify(await tasks[args[1]]()));
  } else if (command === 'warm') {
    await warm(args[0], option('--pairs'), option('--hub'), Number(option('--budget', '120')),
               Number(option('--repeats', '3')));
  } else {
    console.error('usage: peer_kuzu.js import DATA DB | cold DB A B | task DB TASK HUB | ' +
                  'warm DB --pairs FILE --hub ID [--budget S] [--repeats N]');
    process.exit(2);
  }
}

main().catch((error) => {
  console.error(`peer_kuzu.js: ${error.message}`);
  process.exit(1);
});
