// network.js - the network chart (cytoscape.js).  Starts from an entity's
// ego network (GET /entities/{id}/network), grows by expanding nodes
// (double-click, or Enter on the selected node), filters by time window and
// link kind, sizes nodes by a chosen measure and colours them by community
// (GET /network/measures), highlights key players (GET /network/keyplayers),
// shows the path between two chosen entities with the evidence of every
// link (GET /paths), and exports the chart as PNG (drawn in the browser) or
// as i2 ANX / GraphML / GEXF (POST /export with the chart's nodes).
import cytoscape from "cytoscape";
import { api, seg } from "../api.js";
import { h, clear, entityLink, errorBox, fmtDate, fmtNum, saveBlob, toast } from "../dom.js";

const KINDS = ["call", "payment", "associate", "family", "membership", "employment", "directorship",
  "ownership", "selector", "journey", "cotravel", "other"];
const MEASURES = { "": "nothing (fixed size)", degree: "degree", betweenness_norm: "betweenness",
  pagerank: "PageRank", closeness: "closeness", coreness: "k-core", eigenvector: "eigenvector" };
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
  "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#8c6d31", "#843c39", "#7b4173"];
const SCHEMA_COLOUR = { Person: "#1d4e89", Organization: "#2e7d32", Company: "#2e7d32", LegalEntity: "#2e7d32" };
const BIG = 400; // above this many nodes: rings by hop distance instead of a force layout
const LABELLED = 40; // on a big chart, labels for this many of the best connected nodes

let chart = null; // the page's one cytoscape instance: an old one is destroyed, not left listening

export async function render(main, { params, isCurrent, me }) {
  if (chart) {
    chart.destroy();
    chart = null;
  }
  const center = params.get("center") || "";
  const st = {
    center,
    hops: Number(params.get("hops") || 2),
    maxNodes: Number(params.get("max_nodes") || 300),
    from: params.get("from") || "",
    to: params.get("to") || "",
    kinds: new Set((params.get("kinds") || "").split(",").filter(Boolean)),
    expanded: [],
    measures: null,
    isCurrent,
    mayExport: !!(me && me.permissions && me.permissions.export),
  };
  const status = h("p", { id: "net-status", class: "muted small", role: "status" });
  const side = h("aside", { id: "net-side", class: "net-side", "aria-live": "polite" },
    h("p", { class: "muted" }, "Select a node or a link to see its details. Double-click a node (or press Enter) to expand it."));
  const box = h("div", { id: "cy", class: "cy", tabindex: "0", role: "application",
    "aria-label": "Network chart; arrow keys move between nodes, Enter expands the selected node" });
  const controls = buildControls(st, box, side, status);
  main.append(h("h1", null, "Network"), controls, status, h("div", { class: "net-layout" }, box, side));
  if (!center) {
    status.textContent = "Open a chart from an entity page, or type an entity id above.";
    return;
  }
  st.cy = chart = makeChart(box, st, side, status);
  await reload(st, box, status);
}

// ---- controls ---------------------------------------------------------------------------------

function buildControls(st, box, side, status) {
  const centerIn = h("input", { id: "net-center", value: st.center, size: 24, "aria-label": "Centre entity id" });
  const hops = h("select", { id: "net-hops", "aria-label": "Hops" },
    [1, 2, 3, 4].map((n) => h("option", { value: n, selected: n === st.hops }, `${n} hop${n > 1 ? "s" : ""}`)));
  const maxNodes = h("select", { id: "net-max", "aria-label": "Most nodes" },
    [100, 300, 1000, 2000, 5000].map((n) => h("option", { value: n, selected: n === st.maxNodes }, `≤ ${fmtNum(n)} nodes`)));
  const from = h("input", { id: "net-from", value: st.from, size: 10, placeholder: "from (2024-01)", "aria-label": "Links from date" });
  const to = h("input", { id: "net-to", value: st.to, size: 10, placeholder: "to (2024-12)", "aria-label": "Links to date" });
  const kinds = h("fieldset", { class: "kinds" }, h("legend", null, "Link kinds"),
    KINDS.map((k) => h("label", null, h("input", { type: "checkbox", value: k, checked: !st.kinds.size || st.kinds.has(k) }), " " + k)));
  const apply = h("button", { type: "submit" }, "Draw");
  const form = h("form", { class: "net-controls", "aria-label": "Chart settings" },
    h("label", { for: "net-center" }, "Centre"), centerIn, hops, maxNodes, from, to, apply, kinds);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const chosen = [...kinds.querySelectorAll("input:checked")].map((i) => i.value);
    const p = new URLSearchParams({ center: centerIn.value.trim(), hops: hops.value, max_nodes: maxNodes.value });
    if (from.value.trim()) p.set("from", from.value.trim());
    if (to.value.trim()) p.set("to", to.value.trim());
    if (chosen.length && chosen.length < KINDS.length) p.set("kinds", chosen.join(","));
    location.hash = "#/network?" + p.toString();
  });

  const sizeBy = h("select", { id: "net-size", "aria-label": "Size nodes by" },
    Object.entries(MEASURES).map(([k, label]) => h("option", { value: k }, label)));
  sizeBy.addEventListener("change", () => applyMeasures(st, status, sizeBy.value, colour.checked));
  const colour = h("input", { id: "net-colour", type: "checkbox" });
  colour.addEventListener("change", () => applyMeasures(st, status, sizeBy.value, colour.checked));
  const k = h("select", { id: "net-k", "aria-label": "Number of key players" },
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => h("option", { value: n, selected: n === 5 }, `k = ${n}`)));
  const keyBtn = h("button", { type: "button", id: "net-keyplayers" }, "Highlight key players");
  keyBtn.addEventListener("click", () => keyPlayers(st, side, status, Number(k.value)));
  const pathA = h("input", { id: "path-a", size: 18, placeholder: "from id", "aria-label": "Path from entity id" });
  const pathB = h("input", { id: "path-b", size: 18, placeholder: "to id", "aria-label": "Path to entity id" });
  const pathBtn = h("button", { type: "button", id: "net-path" }, "Show path");
  pathBtn.addEventListener("click", () => showPath(st, side, status, pathA.value.trim(), pathB.value.trim()));
  st.pathInputs = [pathA, pathB];
  const exp = (fmt) => h("button", { type: "button", "data-format": fmt, onclick: () => exportChart(st, fmt, status) },
    fmt === "png" ? "PNG" : fmt.toUpperCase());
  const tools = h("div", { class: "net-tools" },
    h("label", { for: "net-size" }, "Size by"), sizeBy,
    h("label", null, colour, " colour by community"),
    k, keyBtn,
    h("span", { class: "sep" }), pathA, pathB, pathBtn,
    // a picture of the chart is an export too: offered only to roles that may export
    st.mayExport ? [h("span", { class: "sep" }), "Export: ", exp("png"), exp("anx"), exp("graphml"), exp("gexf")] : null);
  return h("div", null, form, tools);
}

// ---- the chart --------------------------------------------------------------------------------

function makeChart(box, st, side, status) {
  const cy = newCytoscape(box);
  cy.on("tap", "node", (ev) => nodeDetails(st, side, ev.target));
  cy.on("tap", "edge", (ev) => edgeDetails(side, ev.target));
  cy.on("dbltap", "node", (ev) => expand(st, status, ev.target.id()));
  box.addEventListener("keydown", (ev) => keyNav(st, side, status, ev));
  window.invigorChart = cy; // for the browser tests and the console
  return cy;
}

// A chart in box, with the chart's style (the page's and the warm-up's).
function newCytoscape(box) {
  return cytoscape({
    container: box,
    minZoom: 0.05,
    maxZoom: 4,
    textureOnViewport: true,
    hideEdgesOnViewport: true,
    style: [
      // fixed values by class, not data mappers: a mapper is worked out per element, which
      // for thousands of them delays the first frame; mappers apply only once asked for
      { selector: "node", style: {
        "background-color": "#888", label: "", "font-size": 10, "min-zoomed-font-size": 7, "text-valign": "bottom",
        "text-margin-y": 2, width: 20, height: 20, "border-width": 0 } },
      { selector: "node.person", style: { "background-color": SCHEMA_COLOUR.Person } },
      { selector: "node.org", style: { "background-color": SCHEMA_COLOUR.Organization } },
      { selector: "node.sel", style: { shape: "diamond", width: 12, height: 12 } },
      { selector: "node.sized", style: { width: "data(size)", height: "data(size)" } },
      { selector: "node.coloured", style: { "background-color": "data(colour)" } },
      // on big charts only the centre, the best connected and the selected carry labels:
      // measuring thousands of labels would hold up the first frame for seconds
      { selector: "node.labelled, node:selected, node.center, node.path, node.keyplayer", style: { label: "data(label)" } },
      { selector: "node.center", style: { "border-width": 3, "border-color": "#000" } },
      { selector: "node.keyplayer", style: { "border-width": 4, "border-color": "#d00", shape: "star" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#f5a623" } },
      { selector: "edge", style: { width: 1.5, "line-color": "#9aa5b1", "curve-style": "haystack", opacity: 0.8 } },
      { selector: "edge.multi", style: { width: 3 } },
      { selector: "edge.path, node.path", style: { "line-color": "#d35400", "background-color": "#d35400", width: 4, "z-index": 10 } },
      { selector: "edge:selected", style: { "line-color": "#f5a623", width: 4 } },
    ],
  });
}

// The browser compiles cytoscape.js's code the first time it runs, which
// for the first big chart of a page is most of a second.  So once per page
// load, while the user is on another page and the browser has nothing to
// do, a chart of a few hundred nodes is drawn out of sight, one node is
// selected (a click's restyle), and it is thrown away: the first real chart
// then runs on compiled code.  No request is made; nothing is shown.
let warmed = false;

export function warmUp() {
  if (warmed) return;
  warmed = true;
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 300));
  idle(() => {
    if (chart) return; // a chart is on screen: the code has run
    const box = h("div", { class: "cy-warm", "aria-hidden": "true" });
    document.body.append(box);
    const n = 300;
    const g = { nodes: [], edges: [] };
    for (let i = 0; i < n; i++)
      g.nodes.push({ id: "w" + i, name: "w" + i, schema: i % 3 ? "Person" : "Phone", degree: i % 7 });
    for (let i = 1; i < n; i++) {
      g.edges.push({ source: "w" + ((i - 1) >> 2), target: "w" + i, kind: "call", count: 1 + (i % 2) });
      if (i % 3 === 0) g.edges.push({ source: "w" + i, target: "w" + ((i * 7) % n), kind: "selector", count: 1 });
    }
    const cy = newCytoscape(box);
    const classes = new Map(g.nodes.slice(0, LABELLED).map((v) => [v.id, "labelled"]));
    const pos = ringPositions(g, "w0");
    merge(cy, g, pos, classes);
    fitTo(cy, pos.values());
    requestAnimationFrame(() => {
      cy.getElementById("w5").select();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        cy.destroy();
        box.remove();
      }));
    });
  }, { timeout: 3000 });
}

function nodeData(n) {
  const selector = !ACTOR.test(n.schema || "");
  return { id: n.id, label: n.name || n.id, name: n.name, schema: n.schema, degree: n.degree || 0, selector };
}

const ACTOR = /^(Person|Organization|Company|LegalEntity|PublicBody)$/;
const kindClass = (schema) => (schema === "Person" ? "person" : ACTOR.test(schema || "") ? "org" : "sel");


// Rings by hop distance from the root, computed here in one pass over the
// reply: nodes found from the same parent sit side by side on their ring.
function ringPositions(g, root) {
  const adj = new Map(g.nodes.map((n) => [n.id, []]));
  for (const e of g.edges) {
    if (adj.has(e.source) && adj.has(e.target)) {
      adj.get(e.source).push(e.target);
      adj.get(e.target).push(e.source);
    }
  }
  const rings = [];
  const seen = new Set();
  let frontier = adj.has(root) ? [root] : [];
  for (const id of frontier) seen.add(id);
  while (frontier.length) {
    rings.push(frontier);
    const next = [];
    for (const id of frontier)
      for (const w of adj.get(id)) if (!seen.has(w)) { seen.add(w); next.push(w); }
    frontier = next;
  }
  const rest = g.nodes.map((n) => n.id).filter((id) => !seen.has(id));
  if (rest.length) rings.push(rest);
  const pos = new Map();
  let radius = 0;
  rings.forEach((ring, r) => {
    // each ring wide enough for its nodes 14 px apart, and beyond the last
    radius = r === 0 ? 0 : Math.max(radius + 80, (ring.length * 14) / (2 * Math.PI));
    ring.forEach((id, i) => {
      const a = (2 * Math.PI * i) / ring.length;
      pos.set(id, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
    });
  });
  return pos;
}

function edgeData(e) {
  // one id per tie whichever way round it is reported (paths give their hops in walking order)
  const [x, y] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
  return { id: `${x}\u0000${y}\u0000${e.kind}`, source: e.source, target: e.target, kind: e.kind,
    count: e.count, weight: e.weight, evidence: e.evidence || [] };
}

// Add nodes and edges the chart lacks; the number of nodes added.  The ids on
// the chart are gathered once: a look-up per element would make a collection
// per element, which for thousands of them costs more than drawing them.
function merge(cy, g, pos, classes) {
  const have = new Set();
  cy.elements().forEach((e) => { have.add(e.id()); });
  const add = [];
  let nodes = 0;
  for (const n of g.nodes || []) {
    if (have.has(n.id)) continue;
    have.add(n.id);
    const cls = kindClass(n.schema) + (classes && classes.has(n.id) ? " " + classes.get(n.id) : "");
    add.push({ group: "nodes", data: nodeData(n), position: pos && pos.get(n.id), classes: cls });
    nodes++;
  }
  for (const e of g.edges || []) {
    const d = edgeData(e);
    if (have.has(d.id) || !have.has(d.source) || !have.has(d.target)) continue;
    have.add(d.id);
    add.push({ group: "edges", data: d, classes: d.count > 1 ? "multi" : "" });
  }
  if (add.length) cy.add(add);
  return nodes;
}

function egoArgs(st, hops) {
  const a = { hops, max_nodes: st.maxNodes };
  if (st.from) a.from = st.from;
  if (st.to) a.to = st.to;
  if (st.kinds.size && st.kinds.size < KINDS.length) a.kinds = [...st.kinds].join(",");
  return a;
}

async function reload(st, box, status) {
  box.dataset.state = "loading";
  status.textContent = "Loading the network…";
  const t0 = performance.now();
  let g;
  try {
    g = await api.get("/entities/" + seg(st.center) + "/network", egoArgs(st, st.hops));
  } catch (e) {
    if (!st.isCurrent()) return;
    box.dataset.state = "error";
    clear(status, errorBox(e.status === 404 ? "This entity has no links you may see in this window and of these kinds." : e));
    return;
  }
  if (!st.isCurrent()) return;
  const t1 = performance.now();
  const root = g.center || st.center;
  const big = g.nodes.length > BIG;
  st.cy.elements().remove();
  // classes go in with the elements: changing them afterwards would restyle every node again
  const classes = new Map();
  const best = big ? [...g.nodes].sort((a, b) => (b.degree || 0) - (a.degree || 0)).slice(0, LABELLED) : g.nodes;
  for (const n of best) classes.set(n.id, "labelled");
  classes.set(root, "labelled center");
  merge(st.cy, g, big ? ringPositions(g, root) : null, classes);
  const ta = performance.now();
  await layout(st, root, big);
  const t2 = performance.now();
  box.dataset.addMs = Math.round(ta - t1);
  box.dataset.layoutMs = Math.round(st.lastLayoutMs || 0);
  box.dataset.state = "ready";
  box.dataset.fetchMs = Math.round(t1 - t0);
  box.dataset.drawMs = Math.round(t2 - t1);
  status.textContent = `${fmtNum(st.cy.nodes().length)} nodes, ${fmtNum(st.cy.edges().length)} links` +
    (st.cy.nodes().length >= st.maxNodes ? ` (capped at ${fmtNum(st.maxNodes)}: the most relevant kept)` : "") +
    ` · fetched in ${fmtNum(t1 - t0)} ms, drawn in ${fmtNum(t2 - t1)} ms`;
  if (st.measures) st.measures = null; // the projection's window may have changed
}

// Positions on a circle round node id for the nodes of g not yet on the chart.
function around(cy, id, g) {
  const c = cy.getElementById(id).position();
  const fresh = g.nodes.filter((n) => !cy.getElementById(n.id).length);
  const r = Math.max(40, (fresh.length * 14) / (2 * Math.PI));
  return new Map(fresh.map((n, i) => {
    const a = (2 * Math.PI * i) / fresh.length;
    return [n.id, { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) }];
  }));
}

function fitTo(cy, points) {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
  }
  const w = cy.width(), h = cy.height();
  const zoom = Math.min(1.5, (w - 40) / Math.max(x1 - x0, 1), (h - 40) / Math.max(y1 - y0, 1));
  cy.viewport({ zoom, pan: { x: w / 2 - (zoom * (x0 + x1)) / 2, y: h / 2 - (zoom * (y0 + y1)) / 2 } });
}

// Labels for the best connected nodes (all of them on small charts).
function labelBest(cy) {
  const nodes = cy.nodes();
  if (nodes.length <= BIG) return nodes.addClass("labelled");
  nodes.removeClass("labelled");
  nodes.sort((a, b) => b.data("degree") - a.data("degree")).slice(0, LABELLED).addClass("labelled");
}

function layout(st, root, preset) {
  const cy = st.cy;
  const n = cy.nodes().length;
  let opts;
  if (preset) {
    // the viewport is set from the positions we gave: a fit would first measure
    // every element's box, which costs more than drawing them
    fitTo(cy, cy.nodes().map((v) => v.position()));
    st.lastLayoutMs = 0;
    return new Promise((resolve) => requestAnimationFrame(() => resolve()));
  } else if (n <= BIG) {
    opts = { name: "cose", animate: false, randomize: true, nodeRepulsion: () => 8000, idealEdgeLength: () => 60,
      numIter: 1000, fit: true, padding: 20 };
  } else {
    opts = { name: "preset", fit: false }; // a big chart keeps its positions
  }
  const t0 = performance.now();
  return new Promise((resolve) => {
    const l = cy.layout(opts);
    l.one("layoutstop", () => {
      if (cy.zoom() > 1.5) {
        cy.zoom(1.5); // a handful of nodes should not fill the screen with giant labels
        cy.center();
      }
      st.lastLayoutMs = performance.now() - t0;
      requestAnimationFrame(() => resolve());
    });
    l.run();
  });
}

async function expand(st, status, id) {
  status.textContent = "Expanding…";
  try {
    const g = await api.get("/entities/" + seg(id) + "/network", egoArgs(st, 1));
    if (!st.isCurrent()) return;
    const big = st.cy.nodes().length > BIG;
    // on a big chart the new nodes go round the expanded one; a small one is laid out again
    const added = merge(st.cy, g, big ? around(st.cy, id, g) : null);
    st.expanded.push(id);
    labelBest(st.cy);
    if (added && !big) await layout(st, st.center);
    status.textContent = `${added} nodes added · ${fmtNum(st.cy.nodes().length)} nodes, ${fmtNum(st.cy.edges().length)} links`;
    if (st.sizeBy || st.colour) applyMeasures(st, status, st.sizeBy, st.colour);
  } catch (e) {
    status.textContent = "Could not expand: " + e.message;
  }
}

function keyNav(st, side, status, ev) {
  const cy = st.cy;
  const sel = cy.nodes(":selected");
  if (ev.key === "Enter" && sel.length) {
    ev.preventDefault();
    expand(st, status, sel[0].id());
    return;
  }
  if (!["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"].includes(ev.key)) return;
  ev.preventDefault();
  if (!cy.nodes().length) return;
  const nodes = cy.nodes().sort((a, b) => a.position("x") - b.position("x") || a.position("y") - b.position("y"));
  let i = sel.length ? nodes.indexOf(sel[0]) : -1;
  i = ev.key === "ArrowRight" || ev.key === "ArrowDown" ? (i + 1) % nodes.length : (i - 1 + nodes.length) % nodes.length;
  cy.nodes().unselect();
  nodes[i].select();
  cy.center(nodes[i]);
  nodeDetails(st, side, nodes[i]);
}

// ---- details ----------------------------------------------------------------------------------

function nodeDetails(st, side, node) {
  const d = node.data();
  const m = st.measures && st.measures.get(d.id);
  clear(side,
    h("h2", null, d.name || d.id),
    h("p", { class: "muted" }, d.schema, " · ", h("code", null, d.id)),
    h("p", null, entityLink(d.id, "Open entity page")),
    h("dl", { class: "measures" },
      h("dt", null, "links on chart"), h("dd", null, String(node.degree(false))),
      m ? Object.entries(MEASURES).filter(([k]) => k).map(([k, label]) => [h("dt", null, label), h("dd", null, fmtNum(m[k], 4))]) : null,
      m ? [h("dt", null, "community"), h("dd", null, String(m.community)), h("dt", null, "role"), h("dd", null, m.role || "")] : null),
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: () => expand(st, document.getElementById("net-status"), d.id) }, "Expand"),
      h("button", { type: "button", onclick: () => { st.pathInputs[0].value = d.id; } }, "Path from here"),
      h("button", { type: "button", onclick: () => { st.pathInputs[1].value = d.id; } }, "Path to here")));
}

function evidenceList(ids) {
  if (!ids || !ids.length) return null;
  return h("details", null, h("summary", null, `${ids.length} statement${ids.length > 1 ? "s" : ""} of evidence`),
    h("ul", { class: "evidence" }, ids.slice(0, 50).map((s) => h("li", null, h("code", null, s)))),
    ids.length > 50 ? h("p", { class: "muted small" }, `and ${ids.length - 50} more`) : null);
}

function edgeDetails(side, edge) {
  const d = edge.data();
  clear(side,
    h("h2", null, `${d.kind} link`),
    h("p", null, entityLink(d.source, edge.source().data("name")), " — ", entityLink(d.target, edge.target().data("name"))),
    h("p", null, `${fmtNum(d.count)} × · weight ${fmtNum(d.weight, 2)}`),
    evidenceList(d.evidence));
}

// ---- analytics --------------------------------------------------------------------------------

async function loadMeasures(st, status) {
  if (st.measures) return st.measures;
  status.textContent = "Computing measures over your whole network…";
  const a = { limit: 5000 };
  if (st.from) a.from = st.from;
  if (st.to) a.to = st.to;
  if (st.kinds.size && st.kinds.size < KINDS.length) a.kinds = [...st.kinds].join(",");
  const map = new Map();
  const want = new Set(st.cy.nodes().map((n) => n.id()));
  let cursor;
  // pages of 5,000 (each rebuilds the projection), most between first, until every
  // charted node has its measures: one request unless the network is larger
  do {
    const page = await api.get("/network/measures", { ...a, cursor });
    for (const n of page.nodes) map.set(n.id, n);
    cursor = page.next;
    if ([...want].every((id) => map.has(id))) break;
  } while (cursor);
  st.measures = map;
  return map;
}

async function applyMeasures(st, status, sizeBy, colour) {
  st.sizeBy = sizeBy;
  st.colour = colour;
  const cy = st.cy;
  if (!cy) return;
  if (!sizeBy && !colour) {
    cy.nodes().removeClass("sized coloured");
    status.textContent = "";
    return;
  }
  let m;
  try {
    m = await loadMeasures(st, status);
  } catch (e) {
    status.textContent = "Measures unavailable: " + e.message;
    return;
  }
  let max = 0;
  if (sizeBy) cy.nodes().forEach((n) => { const x = m.get(n.id()); if (x) max = Math.max(max, x[sizeBy] || 0); });
  cy.batch(() => cy.nodes().forEach((n) => {
    const x = m.get(n.id());
    const data = {};
    if (sizeBy) data.size = x && max > 0 ? 10 + 40 * Math.sqrt((x[sizeBy] || 0) / max) : 10;
    if (colour) data.colour = x && x.community >= 0 ? PALETTE[x.community % PALETTE.length] : "#888";
    n.data(data);
    n.toggleClass("sized", !!sizeBy);
    n.toggleClass("coloured", !!colour);
  }));
  status.textContent = `Sized by ${MEASURES[sizeBy] || "nothing"}${colour ? ", coloured by community" : ""}.`;
}

async function keyPlayers(st, side, status, k) {
  if (!st.cy) return;
  status.textContent = "Finding key players…";
  try {
    const r = await api.get("/network/keyplayers", { k });
    const plan = r.plan[r.plan.length - 1];
    st.cy.nodes().removeClass("keyplayer");
    let onChart = 0;
    for (const id of plan.removed) {
      const n = st.cy.getElementById(id);
      if (n.length) { n.addClass("keyplayer"); onChart++; }
    }
    clear(side, h("h2", null, `Key players (k = ${plan.k})`),
      h("p", null, `Removing them leaves fragmentation ${fmtNum(plan.fragmentation, 3)} and a largest component of ${fmtNum(plan.largest_component)} nodes.`),
      h("ol", { id: "keyplayers" }, plan.removed.map((id, i) => h("li", null, entityLink(id, plan.names[i]),
        st.cy.getElementById(id).length ? null : h("span", { class: "muted small" }, " (not on this chart)")))),
      h("h3", null, "Disruption plan"),
      h("table", null, h("thead", null, h("tr", null, ["k", "fragmentation", "largest component"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", null, r.plan.map((p) => h("tr", null, h("td", null, String(p.k)), h("td", { class: "num" }, fmtNum(p.fragmentation, 3)),
          h("td", { class: "num" }, fmtNum(p.largest_component)))))));
    status.textContent = `${onChart} of ${plan.removed.length} key players are on this chart.`;
  } catch (e) {
    status.textContent = "Key players unavailable: " + e.message;
  }
}

async function showPath(st, side, status, a, b) {
  if (!a || !b) {
    toast("Choose both ends of the path (select a node, then 'Path from here' / 'Path to here').", "error");
    return;
  }
  status.textContent = "Finding the path…";
  let r;
  try {
    r = await api.get("/paths", { source: a, target: b });
  } catch (e) {
    status.textContent = "";
    clear(side, errorBox(e));
    return;
  }
  const cy = st.cy;
  cy.elements().removeClass("path");
  if (!r.paths.length) {
    clear(side, h("h2", null, "Path"), h("p", { id: "path-result" }, "These two are not connected in the network you may see."));
    status.textContent = "No path.";
    return;
  }
  const p = r.paths[0];
  const added = merge(cy, { nodes: p.nodes, edges: p.hops.flatMap((hop) => hop.links.map((l) => ({ source: hop.from, target: hop.to, ...l }))) });
  if (added) await layout(st, st.center);
  for (const n of p.nodes) cy.getElementById(n.id).addClass("path");
  for (const hop of p.hops)
    cy.edges().filter((e) => (e.data("source") === hop.from && e.data("target") === hop.to) ||
      (e.data("source") === hop.to && e.data("target") === hop.from)).addClass("path");
  clear(side, h("h2", null, `Path of ${p.length} link${p.length > 1 ? "s" : ""}`),
    h("ol", { id: "path-result", class: "path-hops" }, p.hops.map((hop) => {
      const name = (id) => (p.nodes.find((n) => n.id === id) || {}).name;
      return h("li", null, entityLink(hop.from, name(hop.from)), " — ", entityLink(hop.to, name(hop.to)),
        h("ul", null, hop.links.map((l) => h("li", null,
          `${l.kind} ×${fmtNum(l.count)}` + (l.first && l.first !== "-" ? ` (${fmtDate(l.first)} – ${fmtDate(l.last)})` : ""),
          evidenceList(l.evidence)))));
    })),
    r.paths.length > 1 ? h("p", { class: "muted small" }, `${r.paths.length} shortest paths; the first is drawn.`) : null);
  status.textContent = `Path of ${p.length} links drawn.`;
}

async function exportChart(st, fmt, status) {
  if (!st.cy || !st.cy.nodes().length) return toast("Nothing on the chart to export.", "error");
  const base = "invigor-" + (st.center || "chart").replace(/[^A-Za-z0-9_-]+/g, "_");
  if (fmt === "png") {
    const blob = st.cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    saveBlob(blob, base + ".png");
    return;
  }
  status.textContent = `Exporting ${fmt.toUpperCase()}…`;
  try {
    const body = { format: fmt, nodes: st.cy.nodes().map((n) => n.id()) };
    if (st.from) body.from = st.from;
    if (st.to) body.to = st.to;
    if (st.kinds.size && st.kinds.size < KINDS.length) body.kinds = [...st.kinds].join(",");
    const { blob } = await api.download("/export", body);
    saveBlob(blob, `${base}.${fmt === "anx" ? "anx" : fmt}`);
    status.textContent = `Exported ${fmt.toUpperCase()} (what may leave: values whose handling forbids export are left out).`;
  } catch (e) {
    status.textContent = "Export failed: " + e.message;
  }
}
