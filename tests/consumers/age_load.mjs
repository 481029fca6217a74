// Loads a pgraph Apache AGE export (pgraph export --format age -o DIR) into
// AGE running in-process (PGlite with the AGE extension): runs DIR/load.sql
// with the CSVs copied where AGE reads them (/tmp/age/ in PGlite's own
// in-memory file system), then counts with Cypher and prints JSON: vertices
// per label, edges per type, the sum of each type's amounts (as AGE adds
// them: numbers, not text) and the type of the first amount AGE holds.
// Usage: node age_load.mjs DIR
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { age } from '@electric-sql/pglite-age';

const dir = resolve(process.argv[2]);
const db = await PGlite.create({ extensions: { age } });
const FS = db.Module.FS;
const target = `/tmp/age/${basename(dir)}`;
FS.mkdirTree(target);
for (const file of readdirSync(dir)) {
  if (file.endsWith('.csv')) FS.writeFile(`${target}/${file}`, readFileSync(join(dir, file)));
}
await db.exec(readFileSync(join(dir, 'load.sql'), 'utf8'));

async function cypher(query, columns) {
  const result = await db.query(
    `SELECT * FROM cypher('partnergraph', $$ ${query} $$) AS (${columns});`);
  return result.rows;
}
const parse = (agtype) => JSON.parse(String(agtype).replace(/::(vertex|edge|numeric)$/, ''));

const labels = {};
for (const row of await cypher('MATCH (n) RETURN label(n), count(*)', 'l agtype, c agtype')) {
  labels[parse(row.l)] = parse(row.c);
}
const types = {};
const amounts = {};
for (const row of await cypher(
  'MATCH ()-[r]->() RETURN type(r), count(*), sum(r.amount)', 't agtype, c agtype, s agtype')) {
  types[parse(row.t)] = parse(row.c);
  const sum = parse(row.s);
  if (sum !== null) amounts[parse(row.t)] = sum;
}
const first = await cypher(
  'MATCH ()-[r]->() WHERE r.amount IS NOT NULL RETURN r.amount + 0 LIMIT 1', 'a agtype');
const ids = await cypher("MATCH (n) WHERE n.id = 'ilo' RETURN n.name", 'n agtype');
console.log(JSON.stringify({
  labels,
  types,
  amounts,
  amount_type: first.length ? typeof parse(first[0].a) : null,
  ilo_name: ids.length ? parse(ids[0].n) : null,
}));
await db.close();
