// Loads a pgraph Cytoscape.js export (pgraph export --format cytoscape) into
// a headless Cytoscape.js and prints what it holds as JSON: the node and edge
// counts, whether every element id is unique, and the nodes per kind.
// Usage: node cytoscape_count.mjs FILE.json
import { readFileSync } from 'node:fs';
import cytoscape from 'cytoscape';

const file = process.argv[2];
const doc = JSON.parse(readFileSync(file, 'utf8'));
const cy = cytoscape({ headless: true, styleEnabled: false, elements: doc.elements });
const ids = new Set();
let duplicates = 0;
cy.elements().forEach((element) => {
  if (ids.has(element.id())) duplicates += 1;
  ids.add(element.id());
});
const kinds = {};
cy.nodes().forEach((node) => {
  const kind = node.data('kind');
  kinds[kind] = (kinds[kind] ?? 0) + 1;
});
let amountSum = 0;
cy.edges().forEach((edge) => {
  const amount = edge.data('amount');
  if (amount !== undefined) {
    if (typeof amount !== 'number') throw new Error(`edge ${edge.id()}: amount is not a number`);
    amountSum += amount;
  }
});
// Edges whose ends Cytoscape could not find are dropped with a warning: count
// only those it kept, with both ends present.
const dangling = cy.edges().filter((edge) => edge.source().empty() || edge.target().empty());
console.log(JSON.stringify({
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  duplicate_ids: duplicates,
  dangling_edges: dangling.length,
  kinds,
  amount_sum: amountSum,
}));
