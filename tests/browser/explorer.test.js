#!/usr/bin/env node
// End to end: pgraph serve on a free port over a temporary database built
// from data/, driven in Debian's headless Chromium by playwright-core.
//
//   node tests/browser/explorer.test.js --pgraph build/src/cli/pgraph [--out DIR]
//
// Screenshots of each step go to DIR (default: a temporary folder). Exits 0
// when every step passed, 1 on the first failure, 77 (skipped) when
// /usr/bin/chromium or playwright-core is missing.
"use strict";

const assert = require("node:assert/strict");
const { spawn, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const CHROMIUM = "/usr/bin/chromium";

function argument(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const pgraph = path.resolve(argument("--pgraph", path.join(ROOT, "build/src/cli/pgraph")));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pgraph-browser-"));
const out = path.resolve(argument("--out", path.join(tmp, "screenshots")));
fs.mkdirSync(out, { recursive: true });

let chromium;
try {
  ({ chromium } = require("playwright-core"));
} catch (error) {
  console.log("SKIP: playwright-core is not installed (run .ci/install-deps)");
  process.exit(77);
}
if (!fs.existsSync(CHROMIUM)) {
  console.log("SKIP: " + CHROMIUM + " is missing (apt-get install chromium)");
  process.exit(77);
}

function cliJson(db, ...args) {
  return JSON.parse(execFileSync(pgraph, ["--db", db, "--json", ...args], { encoding: "utf8" }));
}

function startServer(db) {
  return new Promise((resolve, reject) => {
    const server = spawn(pgraph, ["--db", db, "serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    server.stdout.on("data", (chunk) => {
      text += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (match) resolve({ server, url: match[0] });
    });
    server.on("exit", (code) => reject(new Error("pgraph serve exited with " + code + ": " + text)));
  });
}

async function main() {
  const started = Date.now();
  const db = path.join(tmp, "db");
  execFileSync(pgraph, ["--db", db, "init"], { stdio: "ignore" });  // the bundled data/
  // tests/fixtures/hostile_names.json made importable (one-line names, no
  // blank aliases), plus names that would run script if any reached the
  // page as markup.
  const oneLine = (value) => {
    if (typeof value === "string") return value.replace(/[\r\n]/g, " ");
    if (Array.isArray(value)) return value.filter((v) => typeof v !== "string" || v.trim()).map(oneLine);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, oneLine(v)]));
    }
    return value;
  };
  const fixture = oneLine(JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/hostile_names.json"), "utf8")));
  fixture.entities.push(
    { id: "evil-img", kind: "igo", name: { en: "<img src=x onerror=\"window.__pwned=1\">", zh: "</title><script>window.__pwned=2</script>" }, aliases: ["\"><svg onload=window.__pwned=3>"] },
    { id: "evil-two", kind: "igo", name: { en: "javascript:window.__pwned=4", zh: "{{constructor.constructor('window.__pwned=5')()}}" } });
  fixture.relations.push({ id: "evil-mou", type: "mou", from: "evil-img", to: "evil-two", title: "<script>window.__pwned=6</script>" });
  const hostile = path.join(tmp, "hostile.json");
  fs.writeFileSync(hostile, JSON.stringify(fixture));
  execFileSync(pgraph, ["--db", db, "import", hostile], { stdio: "ignore" });

  const { server, url } = await startServer(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
           "--no-first-run", "--disable-sync", "--disable-gpu"],
  });
  const problems = [];
  const watch = (page) => {
    page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
    page.on("pageerror", (error) => problems.push(String(error)));
    page.on("dialog", (dialog) => { problems.push("dialog: " + dialog.message()); dialog.dismiss(); });
  };
  let step = 0;
  const shot = async (page, name) => {
    step += 1;
    await page.screenshot({ path: path.join(out, String(step).padStart(2, "0") + "-" + name + ".png") });
  };
  const relations = async (page) => Number(await page.locator("#status").getAttribute("data-relations"));
  // Waits for the view the URL names to be drawn.
  const drawn = async (page) => {
    await page.waitForFunction(() => {
      const status = document.getElementById("status");
      return status.dataset.entities && document.querySelector("#graph svg g.node") &&
             !status.textContent.startsWith("Loading") && !status.textContent.startsWith("加载");
    });
  };

  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    watch(page);
    await page.goto(url);
    await drawn(page);

    // 1. Search 人社部: suggestions as one types, then its panel.
    await page.fill("#search", "人社部");
    await page.waitForSelector("#suggestions li[data-id='cn-mohrss']");
    await shot(page, "search");
    await page.click("#suggestions li[data-id='cn-mohrss']");
    await page.waitForSelector("#panel:not([hidden]) h2");
    await drawn(page);
    assert.match(await page.locator("#panel h2").textContent(), /Human Resources and Social Security/);
    assert.ok(page.url().includes("around=cn-mohrss"), page.url());

    // 2. Its MoU with the ILO, and the quote of the source.
    const show = cliJson(db, "show", "cn-mohrss");
    const mou = show.relations.find((r) => r.type === "mou" && (r.from === "ilo" || r.to === "ilo"));
    assert.ok(mou && mou.source && mou.source.quote, "the data has the MoU with its quote");
    const item = page.locator(`#panel .group[data-type='mou'] .relation[data-relation='${mou.id}']`);
    await item.waitFor();
    assert.ok((await item.locator("a[data-id='ilo']").count()) === 1);
    assert.equal(await item.locator("blockquote").first().textContent(), mou.source.quote);
    await shot(page, "panel-mou-ilo");

    // 3. Expand the ILO: its neighbours join the view, none twice.
    const before = await relations(page);
    await page.dblclick("#graph g.node[data-id='ilo']");
    await page.waitForFunction(() => location.search.includes("expand=ilo"));
    await drawn(page);
    await page.waitForFunction((n) => Number(document.getElementById("status").dataset.relations) > n, before);
    const ids = await page.$$eval("#graph g.node", (nodes) => nodes.map((n) => n.dataset.id).filter(Boolean));
    assert.equal(new Set(ids).size, ids.length);
    const hood = cliJson(db, "neighbours", "ilo");
    for (const node of hood.nodes) assert.ok(ids.includes(node.id), "expanded view lacks " + node.id);
    await shot(page, "expanded-ilo");

    // 4. As of 2015: fewer relations in force.
    const all = await relations(page);
    await page.$eval("#asof", (input) => { input.value = "2015"; input.dispatchEvent(new Event("change")); });
    await page.waitForFunction(() => location.search.includes("as_of=2015"));
    await page.waitForFunction((n) => Number(document.getElementById("status").dataset.relations) < n, all);
    await drawn(page);
    await shot(page, "as-of-2015");

    // 5. The path china → cambodia.
    await page.fill("#path-from", "china");
    await page.fill("#path-to", "cambodia");
    await page.click("#path-go");
    await page.waitForSelector("#path-result ol li");
    await page.waitForFunction(() => location.search.includes("from=china"));
    await drawn(page);
    const hops = await page.$$eval("#path-result ol li", (items) => items.map((li) => li.dataset.id));
    const expected = cliJson(db, "path", "china", "cambodia", "--as-of", "2015").paths[0].nodes.map((n) => n.id);
    assert.deepEqual(hops, expected);
    assert.ok(await page.locator("#graph g.node[data-id='cambodia']").count() === 1);
    await shot(page, "path-china-cambodia");

    // 6. A permalink opened in a new page draws the same SVG.
    const svg = await page.$eval("#graph svg", (node) => node.outerHTML);
    const dot = await page.evaluate(async () => (await (await fetch("/api/view?format=dot&" +
      new URLSearchParams([...new URLSearchParams(location.search)].filter(([k]) => !["sel", "ui"].includes(k))))).text()));
    const second = await context.newPage();
    watch(second);
    await second.goto(page.url());
    await drawn(second);
    assert.equal(await second.$eval("#graph svg", (node) => node.outerHTML), svg);
    const secondDot = await second.evaluate(async () => (await (await fetch("/api/view?format=dot&" +
      new URLSearchParams([...new URLSearchParams(location.search)].filter(([k]) => !["sel", "ui"].includes(k))))).text()));
    assert.equal(secondDot, dot);
    await second.close();

    // 6b. Export of the current view: DOT (the same bytes), SVG, PNG, JSON.
    const exported = async (button) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
      return fs.readFileSync(await download.path());
    };
    assert.equal((await exported("#export-dot")).toString("utf8"), dot);
    assert.match((await exported("#export-svg")).toString("utf8"), /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.deepEqual([...(await exported("#export-png")).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const exportedJson = JSON.parse((await exported("#export-json")).toString("utf8"));
    assert.equal(exportedJson.dot, dot);
    assert.ok(exportedJson.nodes.some((n) => n.id === "cambodia"));

    // 6c. Undo goes back to the view before the path.
    const pathUrl = page.url();
    await page.click("#undo");
    await page.waitForFunction((url) => location.href !== url, pathUrl);
    await drawn(page);
    assert.ok(!page.url().includes("from=china"), page.url());
    assert.ok(page.url().includes("expand=ilo"), page.url());

    // 7. A Cypher query and its rows.
    await page.fill("#cypher", "MATCH (a)-[r:mou]-(b {id: 'ilo'}) RETURN a, r.since AS since ORDER BY a.id LIMIT 5");
    await page.click("#cypher-go");
    await page.waitForSelector("#cypher-result table.cypher tr td");
    const rows = await page.$$eval("#cypher-result table.cypher tr", (trs) => trs.length - 1);
    // The page asks as of its slider's date (2015, step 4), so the command line does too.
    const cypher = cliJson(db, "query", "--as-of", "2015", "MATCH (a)-[r:mou]-(b {id: 'ilo'}) RETURN a, r.since AS since ORDER BY a.id LIMIT 5");
    assert.equal(rows, cypher.rows.length);
    assert.ok(rows > 0);
    await page.click("#cypher-show");
    await drawn(page);
    await shot(page, "cypher");

    // 8. The interface in Chinese.
    await page.click("#lang");
    await page.waitForFunction(() => document.querySelector("h1").textContent === "伙伴关系图谱浏览器");
    await shot(page, "chinese-interface");

    // 9. Hostile names stay text: in the view, the panel and the suggestions.
    await page.goto(url + "?around=evil-img&sel=evil-img&lang=both");
    await drawn(page);
    await page.waitForSelector("#panel:not([hidden]) h2");
    assert.equal(await page.locator("#panel h2").textContent(), "<img src=x onerror=\"window.__pwned=1\">");
    await page.fill("#search", "svg onload");
    await page.waitForSelector("#suggestions li[data-id='evil-img']");
    await page.goto(url + "?around=html-tags&sel=html-tags&lang=both");
    await drawn(page);
    await page.waitForSelector("#panel:not([hidden]) h2");
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator("#panel img, #graph img, #graph script, #panel script").count(), 0);
    await shot(page, "hostile-names");

    // 10. pgraph render --format html: the same view offline, its CSP
    // allowing only its own script and style; search and panel work.
    const offline = path.join(tmp, "view.html");
    execFileSync(pgraph, ["--db", db, "render", "--around", "cn-mohrss", "--format", "html", "-o", offline], { stdio: "ignore" });
    await page.goto("file://" + offline);
    await page.waitForSelector("#graph svg g.node[data-id='ilo']");
    await page.fill("#search", "劳工");
    await page.click("#matches li[data-id='ilo']");
    await page.waitForSelector("#panel:not([hidden]) h2");
    assert.equal(await page.locator("#panel h2").textContent(), "International Labour Organization");
    assert.equal(await page.locator(`#panel .relation[data-relation='${mou.id}'] blockquote`).first().textContent(), mou.source.quote);
    await page.click("#graph g.node[data-id='cn-mohrss']");
    await page.waitForFunction(() => document.querySelector("#panel h2").textContent.startsWith("Ministry of Human"));
    await shot(page, "offline-page");

    assert.deepEqual(problems, [], "console errors, CSP violations or dialogs");
    console.log("PASS: 10 steps in " + ((Date.now() - started) / 1000).toFixed(1) + " s; screenshots in " + out);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    fs.rmSync(path.join(tmp, "db"), { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error("FAIL:", error && error.stack ? error.stack : error);
  process.exit(1);
});
