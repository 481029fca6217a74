#!/usr/bin/env node
// Kùzu's side of bench/cypher_bench.py: one Cypher query as a new process, the
// way a user of Kùzu's Node.js package would run it (npm package `kuzu`,
// installed by run.py or cypher_bench.py into bench/node/, which git ignores).
//
//   cypher_kuzu.js DB QUERY [NAME=VALUE ...]
//
// Opens the database (made by `peer_kuzu.js import`) read-only, prepares the
// query, executes it with the parameters (each VALUE is JSON, else a string:
// as `pgraph query --param` reads them), reads every row and prints them as
// JSON, {"columns": [...], "rows": [{column: value}]}, the shape of
// `pgraph query --format json`. Exit 1 with the error on stderr when the
// query fails.
'use strict';
const path = require('path');
const kuzu = require(process.env.KUZU_MODULE ||
                     path.join(__dirname, 'node', 'node_modules', 'kuzu'));

function parseParam(text) {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`bad parameter ${text}: NAME=VALUE`);
  const value = text.slice(eq + 1);
  try {
    return [text.slice(0, eq), JSON.parse(value)];
  } catch (e) {
    return [text.slice(0, eq), value];
  }
}

async function main() {
  const [dbPath, query, ...rest] = process.argv.slice(2);
  if (!dbPath || !query) {
    process.stderr.write('usage: cypher_kuzu.js DB QUERY [NAME=VALUE ...]\n');
    process.exit(2);
  }
  const params = Object.fromEntries(rest.map(parseParam));
  const db = new kuzu.Database(dbPath, 0, true, /* readOnly= */ true);
  const conn = new kuzu.Connection(db);
  let result;
  if (rest.length) {
    const prepared = await conn.prepare(query);
    if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
    result = await conn.execute(prepared, params);
  } else {
    result = await conn.query(query);
  }
  const columns = result.getColumnNames ? await result.getColumnNames() : [];
  const rows = await result.getAll();
  result.close();
  const text = JSON.stringify({ columns, rows },
                              (key, value) => (typeof value === 'bigint' ? Number(value) : value));
  process.stdout.write(text + '\n');
  await conn.close();
  await db.close();
}

main().catch((e) => {
  process.stderr.write(`cypher_kuzu.js: ${e.message || e}\n`);
  process.exit(1);
});
