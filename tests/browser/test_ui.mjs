// test_ui.mjs - the web UI in a real browser: playwright-core driving
// Debian's chromium headless (no browser download), against `invigor serve`
// on a free loopback port with the bundled UI (--static).
//
// The store: a small world from `invigor sim`, resolved, plus a 2,000-node
// network (an edge list through the edge-list mapping), plus values on a
// person a partner may see that the partner may NOT see (UK-only handling,
// SECRET): written by this test at run time.  Users: a UK analyst, a French
// partner liaison officer and an auditor.
//
// The analyst logs in, searches a generated person, opens the entity,
// opens and expands the network, views a path with its evidence, judges a
// pair (its first try answered "busy": the UI sends it again) and undoes
// it, uploads a file (and a bad one: the error names the line).  The
// 2,000-node chart is timed from navigation until a click on a
// node is answered: three times in that page (repeated), then three times
// as the first chart of a freshly loaded page (cold: a new browser context,
// log in, the dashboard, the chart); each run is printed, with the medians
// against the 2 s target (reported, not asserted).  The partner then visits
// the same pages, and no restricted value may appear anywhere on screen
// (text, attribute values, chart labels); the analyst's pages must show
// them, so the check can fail.  The auditor sees the chain intact.
// Screenshots of each main page go to $IV_TEST_TMP/ui-screens/.
//
// CTest gives INVIGOR, IV_TEST_TMP, IV_SRC, IV_WEB (the built UI), IV_WEB_DEPS
// (its node_modules) and CHROMIUM.
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";

const INVIGOR = process.env.INVIGOR;
const SRC = process.env.IV_SRC;
const WEB = process.env.IV_WEB;
const TMP = join(process.env.IV_TEST_TMP || "/tmp", `ui-${process.pid}`);
const SHOTS = join(process.env.IV_TEST_TMP || "/tmp", "ui-screens");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PASSWORD = "correct horse battery";
// playwright-core from the build's own node_modules (CMake's npm ci), else web/node_modules
const DEPS = process.env.IV_WEB_DEPS || join(SRC, "web", "node_modules");
const { chromium } = createRequire(join(DEPS, "noop.js"))("playwright-core");

let failures = 0;
function check(cond, msg) {
  if (!cond) {
    failures++;
    console.error("FAIL: " + msg);
  } else {
    console.log("ok: " + msg);
  }
  return cond;
}

function inv(...args) {
  return execFileSync(INVIGOR, ["--db", join(TMP, "ui.db"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

// ---- the store --------------------------------------------------------------------------------

function buildStore() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  execFileSync(INVIGOR, ["sim", "--seed", "7", "--scale", "small", "--out", join(TMP, "world"), "--quiet"]);
  inv("init");
  inv("ingest", "--manifest", join(TMP, "world", "manifest.json"));
  inv("resolve");

  // a 2,000-node network: a tree of fan-out 8 (every node within 4 hops of n0000) and 1,000 chords
  let rnd = 12345;
  const next = () => (rnd = (rnd * 1103515245 + 12345) % 2147483648);
  const rows = ["source,target,weight"];
  for (let i = 1; i < 2000; i++) rows.push(`n${pad((i - 1) >> 3)},n${pad(i)},1`);
  for (let k = 0; k < 1000; k++) {
    const a = next() % 2000, b = next() % 2000;
    if (a !== b) rows.push(`n${pad(a)},n${pad(b)},1`);
  }
  writeFileSync(join(TMP, "edges.csv"), rows.join("\n") + "\n");
  inv("ingest", join(TMP, "edges.csv"), "--mapping", join(SRC, "bench", "data", "edge-list.yml"));

  // a person a French partner may see (partner report, releasable to FR)
  const reports = readFileSync(join(TMP, "world", "partner-reports.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const person = reports.find((r) => r.schema === "Person" && r.handling && r.handling.handling === "C" &&
    (r.handling.releasable_to || []).includes("FR") && (r.properties.name || []).length &&
    r.handling.classification !== "SECRET");
  if (!person) throw new Error("the simulated world has no person releasable to FR");
  // values on that person the partner may not see: UK only (C, no releasability), and SECRET
  const restricted = [
    { prop: "alias", value: "Zqxuk Onlyalias", handling: { grade: "2B", handling: "C", conditions: "UK agencies only", classification: "OFFICIAL" } },
    { prop: "notes", value: "Zqxsecret informant sighting", handling: { grade: "1A", handling: "P", classification: "SECRET" } },
  ];
  const lines = restricted.map((r, i) => JSON.stringify({
    id: person.id, schema: "Person", properties: { [r.prop]: [r.value] }, datasets: ["ui-restricted-" + i], handling: r.handling,
  }));
  writeFileSync(join(TMP, "restricted.jsonl"), lines.join("\n") + "\n");
  inv("ingest", join(TMP, "restricted.jsonl"));

  writeFileSync(join(TMP, "pw"), PASSWORD + "\n");
  inv("org", "add", "NCA", "--kind", "uk", "--country", "GB");
  inv("org", "add", "DGPN", "--kind", "partner", "--country", "FR");
  const pw = ["--password-file", join(TMP, "pw")];
  inv("user", "add", "ana", "--org", "NCA", "--role", "analyst", "--clearance", "SECRET", ...pw);
  inv("user", "add", "pat", "--org", "DGPN", "--role", "partner_liaison", "--clearance", "OFFICIAL-SENSITIVE", ...pw);
  inv("user", "add", "aud", "--org", "NCA", "--role", "auditor", "--clearance", "SECRET", ...pw);
  return { person, markers: restricted.map((r) => r.value) };
}

const pad = (n) => String(n).padStart(4, "0");

async function startServer() {
  const portFile = join(TMP, "port");
  const proc = spawn(INVIGOR, ["--db", join(TMP, "ui.db"), "serve", "--listen", "127.0.0.1:0", "--port-file", portFile,
    "--static", WEB, "--threads", "2", "--jobs-dir", TMP], { stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 100 && !existsSync(portFile); i++) await sleep(100);
  await sleep(50);
  const port = readFileSync(portFile, "utf8").trim();
  return { proc, base: `http://127.0.0.1:${port}/` };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the browser ------------------------------------------------------------------------------

async function newPage(browser, errors) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await ctx.newPage();
  page.on("pageerror", (e) => errors.push("page error: " + e.message));
  page.on("console", (m) => {
    // cytoscape.js tries to add one inline style sheet our CSP refuses (app.css carries its
    // rule): that one is known by its hash; any other refusal is ours and fails the test
    if (m.type() === "error" && /Content Security Policy/.test(m.text()) &&
        !m.text().includes("sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8="))
      errors.push("CSP: " + m.text());
  });
  return page;
}

async function login(page, base, user) {
  await page.goto(base);
  await page.fill("#login-user", user);
  await page.fill("#login-pass", PASSWORD);
  await page.press("#login-pass", "Enter");
  await page.waitForSelector("#who button");
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, name + ".png") });
}

// Everything on screen a user could read: text, and attribute values (titles, hrefs, inputs).
async function screenText(page) {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll("*"))
      for (const a of el.attributes) parts.push(a.value);
    for (const i of document.querySelectorAll("input, textarea")) parts.push(i.value);
    if (window.invigorChart) for (const n of window.invigorChart.nodes()) parts.push(n.data("label") || "");
    return parts.join("\n");
  });
}

// Every visible control has a name a screen reader can say: a label, aria-label or text.
async function unlabelled(page, where) {
  const bad = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, button")]
    .filter((el) => el.offsetParent !== null && el.type !== "hidden")
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") &&
      !(el.textContent || "").trim() && !el.closest("label"))
    .map((el) => el.outerHTML.slice(0, 80)));
  check(bad.length === 0, `${where}: every control is labelled` + (bad.length ? ": " + bad.join(" | ") : ""));
}

async function chartNodePoint(page, pick) {
  return page.evaluate((pick) => {
    const cy = window.invigorChart;
    const nodes = cy.nodes().filter((n) => (pick === "center" ? n.hasClass("center") : !n.hasClass("center")));
    const n = nodes[nodes.length - 1];
    const box = cy.container().getBoundingClientRect();
    const p = n.renderedPosition();
    return { id: n.id(), name: n.data("name"), x: box.left + p.x, y: box.top + p.y };
  }, pick);
}

async function analyst(browser, base, store, errors) {
  const page = await newPage(browser, errors);
  await page.goto(base);
  await shot(page, "01-login");
  await login(page, base, "ana");
  for (const panel of ["#p-loaded", "#p-ocgs", "#p-brokers", "#p-activity"])
    await page.waitForSelector(`${panel} .panel-body > :not([role=status])`, { timeout: 30000 });
  check(await page.isVisible("#p-loaded table"), "dashboard: what was loaded");
  check((await page.locator("#p-ocgs li").count()) > 0, "dashboard: candidate OCGs listed");
  await shot(page, "02-dashboard");

  // search a generated person and open the entity
  const name = store.person.properties.name[0];
  await page.click("nav >> text=Search");
  await page.fill("#search-q", name);
  await page.press("#search-q", "Enter");
  await page.waitForSelector("#hits li");
  check(await page.isVisible(".facets .facet"), "search: facets shown");
  await shot(page, "03-search");
  await unlabelled(page, "search");
  const hit = page.locator(`#hits a[title="${store.person.id}"]`);
  check((await hit.count()) === 1, `search: "${name}" finds ${store.person.id}`);
  await hit.first().click();
  await page.waitForSelector("#values");
  const text = await screenText(page);
  check(store.markers.every((m) => text.includes(m)), "entity: the analyst sees the restricted values (the partner check can fail)");
  check((await page.textContent("#banner-top")) === "SECRET", "entity: banner says SECRET for a page with a SECRET value");
  check((await page.locator("#values .badge").count()) > 0, "entity: every value has its handling badge");
  await shot(page, "04-entity");

  // the network: open, expand a node, a path with evidence
  await page.click("text=Network chart");
  await page.waitForSelector("#cy[data-state=ready]", { timeout: 20000 });
  const before = await page.evaluate(() => window.invigorChart.nodes().length);
  const far = await chartNodePoint(page, "other");
  await page.mouse.dblclick(far.x, far.y);
  await page.waitForFunction((n) => /added/.test(document.getElementById("net-status").textContent), before, { timeout: 20000 });
  const after = await page.evaluate(() => window.invigorChart.nodes().length);
  check(after >= before, `network: expanding ${far.id} (${before} → ${after} nodes)`);
  const center = await chartNodePoint(page, "center");
  await page.fill("#path-a", center.id);
  await page.fill("#path-b", far.id);
  await page.click("#net-path");
  await page.waitForSelector("#path-result li", { timeout: 20000 });
  check((await page.locator("#path-result details").count()) > 0, "network: the path shows the evidence of its links");
  check((await page.evaluate(() => window.invigorChart.elements(".path").length)) >= 3, "network: the path is drawn");
  // size by a measure, colour by community, key players, a time window and a link kind
  await page.selectOption("#net-size", "betweenness_norm");
  await page.waitForFunction(() => /Sized by betweenness/.test(document.getElementById("net-status").textContent), null, { timeout: 30000 });
  check(await page.evaluate(() => window.invigorChart.nodes(".sized").length === window.invigorChart.nodes().length),
    "network: nodes sized by betweenness");
  await page.check("#net-colour");
  await page.waitForFunction(() => window.invigorChart.nodes(".coloured").length > 0, null, { timeout: 30000 });
  check(true, "network: nodes coloured by community");
  await page.click("#net-keyplayers");
  await page.waitForSelector("#keyplayers li", { timeout: 30000 });
  check((await page.locator("#keyplayers li").count()) === 5, "network: five key players listed");
  await shot(page, "05-network");
  await unlabelled(page, "network");

  // a window with nothing in it, then calls only: the chart is asked again and says why it is empty
  const chartUrl = page.url();
  const links = await page.evaluate(() => window.invigorChart.edges().length);
  await page.fill("#net-from", "1900");
  await page.fill("#net-to", "1900-12");
  await page.click("form.net-controls button[type=submit]");
  await page.waitForFunction(() => /from=1900/.test(location.hash), null, { timeout: 10000 });
  await page.waitForSelector("#cy[data-state=ready], #cy[data-state=error]", { timeout: 30000 });
  const state = await page.getAttribute("#cy", "data-state");
  const inWindow = await page.evaluate(() => window.invigorChart.edges().length);
  // undated ties (a shared phone, a membership) are in every window; dated ones of 1900 there are none
  check(state === "error" ? /no links you may see in this window/.test(await page.textContent("#net-status")) : inWindow < links,
    `network: a window in 1900 keeps only undated links (${links} → ${state === "error" ? "none" : inWindow})`);
  await page.goto(chartUrl);
  await page.waitForSelector("#cy[data-state=ready]", { timeout: 30000 });
  for (const k of ["payment", "associate", "family", "membership", "employment", "directorship", "ownership",
    "selector", "journey", "cotravel", "other"])
    await page.uncheck(`fieldset.kinds input[value=${k}]`);
  await page.click("form.net-controls button[type=submit]");
  await page.waitForFunction(() => /kinds=call/.test(location.hash), null, { timeout: 10000 });
  await page.waitForSelector("#cy[data-state=ready], #cy[data-state=error]", { timeout: 30000 });
  if ((await page.getAttribute("#cy", "data-state")) === "ready")
    check(await page.evaluate(() => window.invigorChart.edges().length > 0 &&
      window.invigorChart.edges().every((e) => e.data("kind") === "call")), "network: calls only");
  else
    check(/no links you may see/.test(await page.textContent("#net-status")), "network: no calls, and it says so");
  await page.goto(chartUrl);
  await page.waitForSelector("#cy[data-state=ready]", { timeout: 30000 });

  // exports: PNG drawn in the browser, ANX and GraphML of the chart's nodes from the server
  for (const [fmt, test] of [["png", (b) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))],
    ["anx", (b) => /<Chart/.test(b.toString()) && b.toString().includes(center.id)],
    ["graphml", (b) => /<graphml/.test(b.toString()) && b.toString().includes(center.id)]]) {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30000 }), page.click(`button[data-format=${fmt}]`)]);
    const file = join(TMP, "export." + fmt);
    await download.saveAs(file);
    check(test(readFileSync(file)), `network: the chart exported as ${fmt.toUpperCase()} (${download.suggestedFilename()})`);
  }

  // review: same, then undo.  The queue as the API gives it, with the second pair told to be
  // a reused document number (the small world's first 50 pairs hold none)
  await page.route("**/api/v1/review?*", async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    if ((json.pairs || []).length > 1) json.pairs[1].reused = true;
    await route.fulfill({ response, json });
  });
  await page.click("nav >> text=Review");
  await page.waitForSelector("#explain", { timeout: 30000 });
  await page.unroute("**/api/v1/review?*");
  await shot(page, "06-review");
  await unlabelled(page, "review");
  const pair = await page.textContent("#queue li.current button");
  // a reused document number is marked in the queue exactly where the API says so
  const reused = await page.evaluate(async () => {
    const r = await fetch("/api/v1/review?limit=50",
      { headers: { Authorization: "Bearer " + sessionStorage.getItem("invigor.token") } });
    return (await r.json()).pairs.map((p) => !!p.reused);
  });
  if (reused.length > 1) reused[1] = true;
  const marked = await page.$$eval("#queue li", (lis) => lis.map((li) => !!li.querySelector(".reused")));
  check(reused.length > 1 && JSON.stringify(marked) === JSON.stringify(reused),
    `review: the queue marks reused numbers as the API says (${marked.filter(Boolean).length} of ${marked.length})`);
  // the first try finds the store busy with another writer (503 "busy"): the UI sends it again
  let judgeTries = 0;
  await page.route("**/api/v1/judgements", async (route) => {
    if (judgeTries++ > 0) return route.continue();
    return route.fulfill({
      status: 503, headers: { "Retry-After": "1" }, contentType: "application/json",
      body: JSON.stringify({ error: { code: "busy", message: "the store is busy" } }),
    });
  });
  await page.click("button.v-same");
  await page.waitForSelector("#toast.shown", { timeout: 30000 });
  await page.unroute("**/api/v1/judgements");
  check(/Recorded: same/.test(await page.textContent("#toast")), `review: judged ${pair} the same`);
  check(judgeTries === 2, `review: a busy store's judgement was sent again (${judgeTries} tries)`);
  await page.waitForSelector("#undo:not([disabled])", { timeout: 30000 });
  await page.keyboard.press("z"); // the keyboard shortcut for Undo
  await page.waitForFunction(() => /withdrawn/.test(document.getElementById("toast").textContent), null, { timeout: 30000 });
  const [a, b] = pair.split(" · ");
  const standing = await page.evaluate(async ([a, b]) => {
    const r = await fetch(`/api/v1/explain?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
      { headers: { Authorization: "Bearer " + sessionStorage.getItem("invigor.token") } });
    return (await r.json()).judgement;
  }, [a, b]);
  check(standing === null, `review: after undo no judgement stands on ${pair} (${standing})`);
  // a pair whose records other entities gave values (a passport its number): each record
  // names them, as the explanation's fed_by says
  const fedPick = await page.evaluate(async () => {
    const auth = { headers: { Authorization: "Bearer " + sessionStorage.getItem("invigor.token") } };
    const pairs = (await (await fetch("/api/v1/review?limit=50", auth)).json()).pairs;
    for (let k = 0; k < pairs.length; k++) {
      const { a, b } = pairs[k];
      const ex = await (await fetch(`/api/v1/explain?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, auth)).json();
      const fed = [ex.fed_by.a || [], ex.fed_by.b || []];
      if (fed[0].length || fed[1].length) return { k, fed, pair: a + " · " + b };
    }
    return null;
  });
  check(fedPick !== null, "review: a pair in the queue whose records other entities fed");
  if (fedPick) {
    await page.click(`#queue li:nth-child(${fedPick.k + 1}) button`);
    await page.waitForFunction((want) => {
      const cur = document.querySelector("#queue li.current button");
      return cur && cur.textContent === want && document.querySelector(".side-by-side .record");
    }, fedPick.pair, { timeout: 30000 });
    const fedShown = await page.$$eval(".side-by-side .record",
      (cards) => cards.map((c) => [...c.querySelectorAll(".fed a")].map((x) => x.textContent)));
    check(JSON.stringify(fedShown) === JSON.stringify(fedPick.fed),
      `review: ${fedPick.pair} names what gave each record values as the API says (${JSON.stringify(fedShown)})`);
  }

  // ingest: a good file, then a bad one
  await page.click("nav >> text=Ingest");
  await page.setInputFiles("#ingest-file", join(SRC, "tests", "e2e", "data", "upload.csv"));
  await page.setInputFiles("#ingest-mapping", join(SRC, "tests", "e2e", "data", "upload.yml"));
  await page.click("form.ingest button[type=submit]");
  await page.waitForSelector("#ingest-status.ok, #ingest-status .error", { timeout: 30000 });
  check(/^Done: /.test(await page.textContent("#ingest-status")), "ingest: upload.csv loaded with a report");
  await shot(page, "07-ingest");
  await unlabelled(page, "ingest");
  await page.setInputFiles("#ingest-file", join(SRC, "tests", "e2e", "data", "bad.csv"));
  await page.click("form.ingest button[type=submit]");
  await page.waitForSelector("#ingest-status .error", { timeout: 30000 });
  check(/bad\.csv:\d+/.test(await page.textContent("#ingest-status")), "ingest: a bad file's error names its line");

  // 2,000 nodes, three times more in this page, which has drawn charts before (repeated)
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await bigChart(page, base));
  report("repeated (a page that has drawn charts before)", runs);
  check(runs.every((r) => r.nodes === 2000), "2,000-node network: every node drawn");
  await shot(page, "08-network-2000");
  await page.close();
}

// The 2,000-node chart as an analyst first meets it: three times, each in a
// fresh browser context (nothing cached, nothing compiled), logged in, the
// dashboard shown, then the chart (the first of that page).
async function coldCharts(browser, base, errors) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const page = await newPage(browser, errors);
    await login(page, base, "ana");
    runs.push(await bigChart(page, base));
    await page.context().close();
  }
  report("cold (the first chart of a freshly loaded page)", runs);
  return runs;
}

function report(what, runs) {
  const by = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
  console.log(`bench: network of ${runs[0].nodes} nodes and ${runs[0].links} links in chromium, ${what}, median of 3: ` +
    `API reply ${by("fetch")} ms, then drawn ${by("draw")} ms and interactive (a click on a node answered) ` +
    `${by("interactive")} ms after the reply; ${by("total")} ms from navigation; limit 2000 ms ` +
    `(runs: ${runs.map((r) => r.total).join(", ")} ms; load average ${loadavg()[0].toFixed(2)})`);
  // speed is reported, never asserted: a loaded machine or a sanitizer build must not fail the suite
  console.log(`bench: ${what}: the median ${by("total")} ms is ${by("total") < 2000 ? "within" : "OVER"} the 2000 ms target` +
    (process.env.IV_SANITIZE === "ON" ? " (sanitizer build: not a measure of speed)" : ""));
}

// From the dashboard (every panel answered, so that no request of its is
// still running) to the chart: the clock runs from the navigation until a
// click on a node is answered (its id in the side panel).
async function bigChart(page, base) {
  await page.goto(base + "#/");
  for (const panel of ["#p-loaded", "#p-ocgs", "#p-brokers", "#p-activity"])
    await page.waitForSelector(`${panel} .panel-body > :not([role=status])`, { timeout: 60000 });
  const t0 = Date.now();
  await page.goto(base + "#/network?center=n0000&hops=4&max_nodes=2000");
  await page.waitForSelector("#cy[data-state=ready]", { timeout: 30000 });
  const node = await chartNodePoint(page, "other");
  await page.mouse.click(node.x, node.y);
  await page.waitForFunction((id) => {
    const c = document.querySelector("#net-side code");
    return c && c.textContent === id;
  }, node.id, { timeout: 10000 });
  const total = Date.now() - t0;
  const d = await page.$eval("#cy", (el) => ({ fetch: Number(el.dataset.fetchMs), draw: Number(el.dataset.drawMs) }));
  const size = await page.evaluate(() => [window.invigorChart.nodes().length, window.invigorChart.edges().length]);
  return { total, fetch: d.fetch, draw: d.draw, interactive: total - d.fetch, nodes: size[0], links: size[1] };
}

async function partner(browser, base, store, errors) {
  const page = await newPage(browser, errors);
  await login(page, base, "pat");
  const pages = [];
  for (const panel of ["#p-loaded", "#p-ocgs", "#p-brokers", "#p-activity"])
    await page.waitForSelector(`${panel} .panel-body > :not([role=status])`, { timeout: 30000 });
  pages.push(["dashboard", await screenText(page)]);
  await page.goto(base + "#/search?q=" + encodeURIComponent(store.person.properties.name[0]));
  await page.waitForSelector("#hits li", { timeout: 20000 });
  pages.push(["search", await screenText(page)]);
  for (const m of store.markers) {
    await page.goto(base + "#/search?q=" + encodeURIComponent(m));
    await page.waitForSelector("#search-summary", { timeout: 20000 });
    pages.push([`search results for "${m}"`, await page.textContent(".results")]);
    check(/^0 entities/.test(await page.textContent("#search-summary")), `partner: a search for a restricted value finds nothing`);
  }
  await page.goto(base + "#/entity/" + encodeURIComponent(store.person.id));
  await page.waitForSelector("#values", { timeout: 20000 });
  pages.push(["entity", await screenText(page)]);
  await shot(page, "09-partner-entity");
  check((await page.textContent("#banner-top")) !== "SECRET", "partner: no SECRET banner");
  await page.goto(base + "#/network?center=" + encodeURIComponent(store.person.id));
  await page.waitForSelector("#cy[data-state=ready], #cy[data-state=error]", { timeout: 20000 });
  check(await page.evaluate(() => window.invigorChart.nodes().length > 1), "partner: the person's network is drawn");
  check(!(await page.isVisible("button[data-format=png]")), "partner: no export buttons (not even PNG)");
  pages.push(["network", await screenText(page)]);
  for (const [where, text] of pages)
    for (const m of store.markers)
      check(!text.includes(m), `partner: "${m}" absent from the ${where} page`);
  check(!(await page.isVisible("nav >> text=Review")) && !(await page.isVisible("nav >> text=Ingest")),
    "partner: no review or ingest in the navigation");
  // addresses typed by hand: a broken escape, a name every object has, a page the role may not use
  for (const [hash, want] of [["#/entity/%E0%A4%A", "Not found"], ["#/constructor", "Not found"],
    ["#/__proto__", "Not found"], ["#/review", "Not allowed"], ["#/entity/" + "x".repeat(5000), "[role=alert]"]]) {
    await page.goto(base + hash);
    // a text to find, or (in brackets) an element: the server's refusal shown as an error
    const found = (w) => (w.startsWith("[") ? !!document.querySelector("#main " + w)
      : document.getElementById("main").textContent.includes(w));
    await page.waitForFunction(found, want, { timeout: 20000 }).catch(() => {});
    check(await page.evaluate(found, want), `partner: ${hash.slice(0, 24)} answers ${want}`);
  }
  await page.close();
}

async function auditor(browser, base, errors) {
  const page = await newPage(browser, errors);
  await login(page, base, "aud");
  await page.click("nav >> text=Audit");
  await page.waitForSelector("#audit-table tbody tr", { timeout: 20000 });
  check(/intact/.test(await page.textContent("#audit-verify")), "auditor: the chain is intact");
  await page.fill("#audit-user", "pat");
  await page.press("#audit-user", "Enter");
  await page.waitForFunction(() => document.querySelectorAll("#audit-table tbody tr").length > 0 &&
    [...document.querySelectorAll("#audit-table tbody tr td:nth-child(3)")].every((td) => td.textContent === "pat"), null, { timeout: 20000 });
  check(true, "auditor: the trail filtered to the partner's requests");
  await shot(page, "10-audit");
  // the keyboard's first stop is "Skip to content", which moves the focus and leaves the page alone
  const before = await page.evaluate(() => location.hash);
  check(await page.evaluate(() => document.querySelector("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])")
    .classList.contains("skip")), "keyboard: the skip link comes first in the tab order");
  await page.focus("a.skip");
  await page.keyboard.press("Enter");
  check(await page.evaluate((h) => location.hash === h && document.activeElement.id === "main", before),
    "keyboard: the skip link focuses the content and keeps the page");
  await page.close();
}

async function headers(base) {
  const index = await fetch(base);
  check(/script-src 'self'/.test(index.headers.get("content-security-policy") || ""), "index.html carries the CSP");
  check(index.headers.get("cache-control") === "no-cache", "index.html is revalidated");
  const html = await index.text();
  const js = html.match(/app\.[0-9a-f]{12}\.js/);
  check(js && !/<script>/.test(html) && !/ on[a-z]+=/.test(html), "index.html has no inline script");
  const asset = await fetch(base + js[0]);
  check(asset.headers.get("content-type").startsWith("text/javascript"), "the bundle is served as JavaScript");
  check(/max-age/.test(asset.headers.get("cache-control") || ""), "the bundle may be cached");
}

async function main() {
  for (const [k, v] of Object.entries({ INVIGOR, IV_SRC: SRC, IV_WEB: WEB }))
    if (!v) throw new Error(k + " is not set (run through ctest)");
  if (!existsSync(join(WEB, "index.html"))) throw new Error(`${WEB}/index.html missing: build the UI first`);
  const store = buildStore();
  const { proc, base } = await startServer();
  const errors = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await headers(base);
    await analyst(browser, base, store, errors);
    await coldCharts(browser, base, errors);
    await partner(browser, base, store, errors);
    await auditor(browser, base, errors);
  } finally {
    await browser.close();
    proc.kill("SIGTERM");
  }
  const code = await new Promise((r) => proc.on("exit", (c) => r(c)));
  check(code === 0, "the server stopped cleanly");
  check(errors.length === 0, "no script errors or CSP violations" + (errors.length ? ": " + errors.join("; ") : ""));
  console.log(`screenshots in ${SHOTS}`);
  if (failures) {
    console.error(`${failures} check(s) failed`);
    process.exit(1);
  }
  rmSync(TMP, { recursive: true, force: true });
}

main().catch((e) => {
  console.error("FAIL: " + (e.stack || e));
  process.exit(1);
});
