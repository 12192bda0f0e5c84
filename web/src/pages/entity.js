// entity.js - one entity: every value the user may see with its grade,
// handling code, classification, source record and dataset; the records a
// canonical entity was merged from; the linked entities; and a timeline of
// the events, calls, payments and journeys it takes part in
// (GET /entities/{id} and /entities/{id}/related).
import { api, seg } from "../api.js";
import { h, clear, entityLink, errorBox, fmtDate, fmtNum, handlingBadge, loading, noteClassification, table } from "../dom.js";

export async function render(main, { arg, isCurrent }) {
  if (!arg) return main.append(errorBox("No entity named in the address."));
  main.append(loading("the entity"));
  const [page, rel] = await Promise.allSettled([
    api.get("/entities/" + seg(arg)),
    api.get("/entities/" + seg(arg) + "/related", { limit: 500 }),
  ]);
  if (!isCurrent()) return;
  if (page.status === "rejected") throw page.reason;
  const e = page.value;
  const r = rel.status === "fulfilled" ? rel.value : null;
  // the values that name another entity the user may see become links
  const refs = new Set((r ? r.related : []).filter((x) => x.direction === "out" && !x.via).map((x) => x.property + "\u0000" + x.id));
  clear(main);
  main.append(
    h("header", { class: "entity-head" },
      h("h1", { id: "entity-caption" }, e.caption || e.id),
      h("p", { class: "muted" }, h("span", { class: "schema" }, e.schema), " · ", h("code", null, e.id)),
      h("div", { class: "actions" },
        h("a", { class: "button", href: "#/network?center=" + encodeURIComponent(e.id) }, "Network chart"))),
  );
  if (e.members && e.members.length > 1)
    main.append(h("p", { class: "members" }, `Resolved from ${e.members.length} records: `,
      e.members.map((m, i) => [i ? ", " : "", h("code", null, m)])));
  main.append(h("section", { "aria-labelledby": "values-h" }, h("h2", { id: "values-h" }, "Values"), valuesTable(e, refs)));
  main.append(h("div", { class: "two-col" },
    h("section", { "aria-labelledby": "related-h" }, h("h2", { id: "related-h" }, "Linked entities"),
      r ? [relatedList(r.related), cut(r.related.length, r.related_total, r.references_capped)] : errorBox(rel.reason)),
    h("section", { "aria-labelledby": "timeline-h" }, h("h2", { id: "timeline-h" }, "Timeline"),
      r ? [timelineList(r.timeline, e.id), cut(r.timeline.length, r.timeline_total, false)] : null)));
}

// Say so when a list was cut, rather than let it pass for the whole.
function cut(shown, total, capped) {
  if (capped) return h("p", { class: "muted small" }, "Only the first 10,000 references to this entity were read.");
  if (total > shown) return h("p", { class: "muted small" }, `Showing ${fmtNum(shown)} of ${fmtNum(total)}.`);
  return null;
}

// A linked entity or event is built from other records than the page's: its marking
// raises the banner, and one above OFFICIAL is shown beside it.
function marking(level) {
  noteClassification(level);
  return level && level !== "OFFICIAL" ? h("span", { class: "badge", title: "classification" }, level) : null;
}

// Each distinct conditions text once, numbered; a value under conditions points to its number.
function conditionsOf(statements) {
  const list = [];
  for (const s of statements) {
    const c = s.handling && s.handling.handling === "C" ? s.handling.conditions : "";
    if (c && !list.includes(c)) list.push(c);
  }
  return list;
}

function valuesTable(e, refs) {
  const conds = conditionsOf(e.statements);
  const rows = [...e.statements].sort((a, b) => a.property.localeCompare(b.property) || String(a.value).localeCompare(String(b.value)));
  const tableEl = table(["Property", "Value", "Handling", "Source", "Dataset", "Seen"], rows.map((s) => {
    const hd = s.handling || {};
    noteClassification(hd.classification);
    return h("tr", { class: s.valid === false ? "invalid" : null },
      h("th", { scope: "row" }, s.property),
      h("td", { class: "value" }, refs.has(s.property + "\u0000" + s.value) ? entityLink(s.value) : valueCell(s)),
      h("td", null, handlingBadge(hd),
        hd.handling === "C" && hd.conditions
          ? h("sup", { class: "cond", title: "Conditions: " + hd.conditions }, String(conds.indexOf(hd.conditions) + 1))
          : null),
      h("td", null, h("code", { class: "small" }, s.source_record || "")),
      h("td", null, s.dataset),
      h("td", { class: "small" }, fmtDate(s.first_seen)));
  }), { class: "values", id: "values" });
  if (!conds.length) return tableEl;
  return [h("p", { class: "small" }, "Handling conditions (they travel with the values they mark):"),
    h("ol", { class: "conditions-list", id: "conditions" }, conds.map((c) => h("li", null, c))), tableEl];
}

function valueCell(s) {
  const v = String(s.value);
  return [v, s.original && s.original !== v ? h("span", { class: "muted small" }, ` (as written: ${s.original})`) : null];
}

function relatedList(items) {
  if (!items || !items.length) return h("p", { class: "muted" }, "No linked entities you may see.");
  const groups = new Map();
  for (const r of items) {
    const key = r.via ? r.via.schema : r.property;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return h("div", { id: "related" }, [...groups].map(([key, list]) =>
    h("div", { class: "rel-group" }, h("h3", null, `${key} (${list.length})`),
      h("ul", null, list.map((r) => h("li", null, entityLink(r.id, r.caption), marking(r.classification),
        h("span", { class: "schema" }, r.schema),
        h("span", { class: "muted small" }, " " + (r.direction === "in" ? "← " : "→ ") + r.property),
        r.via ? h("span", { class: "muted small" }, " via ", entityLink(r.via.id, r.via.caption || r.via.schema)) : null))))));
}

function timelineList(items, self) {
  if (!items || !items.length) return h("p", { class: "muted" }, "No dated events you may see.");
  return h("ol", { class: "timeline", id: "timeline" }, items.map((t) =>
    h("li", { class: "tl-" + t.kind },
      h("time", null, fmtDate(t.start) + (t.end && t.end !== t.start ? " – " + fmtDate(t.end) : "")),
      " ", h("span", { class: "kind" }, t.kind), " ",
      entityLink(t.id, t.caption || t.schema), marking(t.classification),
      t.parties && t.parties.length
        ? h("div", { class: "small" }, t.parties.filter((p) => p.id !== self).map((p, i) =>
            [i ? ", " : "", h("span", { class: "muted" }, p.role + ": "), entityLink(p.id, p.caption)]))
        : null,
      t.amount !== null && t.amount !== undefined ? h("div", { class: "small" }, `${fmtNum(t.amount, 2)} ${t.currency || ""}`) : null,
      t.duration ? h("div", { class: "small" }, `${fmtNum(t.duration)} s`) : null)));
}
