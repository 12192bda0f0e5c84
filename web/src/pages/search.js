// search.js - full-text search with facets.  The query and every filter
// live in the page's address (#/search?q=...&schema=...), so a search can
// be bookmarked or shared; facet counts come from the server, computed from
// what this user may see (GET /search?facets=1).
import { api } from "../api.js";
import { h, clear, entityLink, errorBox, fmtNum, loading } from "../dom.js";

const FILTERS = ["schema", "dataset", "country", "grade"];
const FACET_LABELS = { schema: "Type", dataset: "Dataset", country: "Country", grade: "Grade", year: "Year" };

function hrefWith(params, changes) {
  const p = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === "") p.delete(k);
    else p.set(k, v);
  }
  p.delete("cursor");
  return "#/search?" + p.toString();
}

export async function render(main, { params, isCurrent }) {
  const q = params.get("q") || "";
  const input = h("input", { id: "search-q", type: "search", name: "q", value: q, required: true,
    placeholder: "name, phone, account, place…", "aria-describedby": "search-help" });
  const from = h("input", { id: "search-from", type: "text", name: "from", value: params.get("from") || "",
    placeholder: "2024 or 2024-03", size: 10, pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" });
  const to = h("input", { id: "search-to", type: "text", name: "to", value: params.get("to") || "",
    placeholder: "2024-12-31", size: 10, pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" });
  const form = h("form", { class: "search-form", role: "search" },
    h("label", { for: "search-q" }, "Search"),
    input,
    h("label", { for: "search-from" }, "Dates from"), from,
    h("label", { for: "search-to" }, "to"), to,
    h("button", { type: "submit" }, "Search"),
    h("p", { id: "search-help", class: "muted small" },
      "Every word must begin a word of a name, address or text; names match in any script."));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = hrefWith(params, { q: input.value.trim(), from: from.value.trim(), to: to.value.trim() });
  });
  const facets = h("aside", { class: "facets", "aria-label": "Filters" });
  const results = h("section", { class: "results", "aria-live": "polite", "aria-label": "Results" });
  main.append(h("h1", null, "Search"), form, h("div", { class: "search-layout" }, facets, results));
  input.focus();
  if (!q) return;

  const args = { q, facets: 1, limit: 25 };
  for (const k of [...FILTERS, "from", "to"]) if (params.get(k)) args[k] = params.get(k);
  clear(results, loading("results"));
  let page;
  try {
    page = await api.get("/search", args);
  } catch (e) {
    if (isCurrent()) clear(results, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  renderFacets(facets, params, page);
  const list = h("ol", { class: "hits", id: "hits" });
  const more = h("button", { type: "button", class: "more" }, "More results");
  const shown = () => list.children.length;
  const summary = h("p", { id: "search-summary" });
  const paint = (p) => {
    for (const r of p.results)
      list.append(h("li", { class: "hit" }, entityLink(r.id, r.caption),
        h("span", { class: "schema" }, r.schema),
        r.score >= 2 ? h("span", { class: "muted small" }, " name match") : null));
    summary.textContent = `${fmtNum(p.total)} ${p.total === 1 ? "entity" : "entities"}` +
      (p.total ? `, showing ${shown()}` : "") + ".";
    more.hidden = !p.next;
    more.onclick = async () => {
      more.disabled = true;
      try {
        paint(await api.get("/search", { ...args, cursor: p.next }));
      } catch (e) {
        results.append(errorBox(e));
      }
      more.disabled = false;
    };
  };
  clear(results, summary, list, more);
  paint(page);
}

function renderFacets(el, params, page) {
  const f = page.facets || {};
  clear(el, h("h2", { class: "small-h" }, "Filters"));
  const active = [...FILTERS, "from", "to"].filter((k) => params.get(k));
  if (active.length)
    el.append(h("ul", { class: "active-filters" }, active.map((k) =>
      h("li", null, `${FACET_LABELS[k] || k}: ${params.get(k)} `,
        h("a", { href: hrefWith(params, { [k]: null }), "aria-label": `Remove filter ${k}` }, "×")))));
  for (const k of Object.keys(FACET_LABELS)) {
    const counts = f[k];
    if (!counts || !Object.keys(counts).length) continue;
    const items = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12);
    el.append(h("section", { class: "facet", "aria-label": FACET_LABELS[k] },
      h("h3", null, FACET_LABELS[k]),
      h("ul", null, items.map(([value, n]) => {
        const change = k === "year" ? { from: value, to: value } : { [k]: value };
        const on = k === "year" ? params.get("from") === value && params.get("to") === value : params.get(k) === value;
        return h("li", null, h("a", { href: hrefWith(params, change), "aria-current": on ? "true" : null,
          "data-facet": k, "data-value": value }, k === "country" ? value.toUpperCase() : value), h("span", { class: "count" }, fmtNum(n)));
      }))));
  }
  if (page.facets_capped)
    el.append(h("p", { class: "muted small" }, "Counts cover the first 10,000 hits."));
}
