// audit.js - the auditor's view: the chain's integrity (GET /audit/verify)
// and the trail, filtered by user, entity ("who saw this person") and
// dates, a page at a time (GET /audit).
import { api } from "../api.js";
import { h, clear, errorBox, fmtDate, fmtNum, loading, table } from "../dom.js";

export async function render(main, { params, isCurrent }) {
  const f = (name, label, attrs) => [h("label", { for: "audit-" + name }, label),
    h("input", { id: "audit-" + name, name, value: params.get(name) || "", ...attrs })];
  const form = h("form", { class: "audit-form", role: "search", "aria-label": "Filter the audit trail" },
    f("user", "User", { size: 12 }), f("entity", "Entity id", { size: 20 }),
    f("from", "From", { size: 10, placeholder: "2026-11-01" }), f("to", "To", { size: 10 }),
    h("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const i of form.querySelectorAll("input")) if (i.value.trim()) p.set(i.name, i.value.trim());
    location.hash = "#/audit?" + p.toString();
  });
  const verify = h("section", { class: "card", id: "audit-verify", "aria-live": "polite" }, loading("the chain check"));
  const rows = h("section", { "aria-label": "Audit records" }, loading("the trail"));
  main.append(h("h1", null, "Audit"), verify, form, rows);

  const args = { limit: 100 };
  for (const k of ["user", "entity", "from", "to"]) if (params.get(k)) args[k] = params.get(k);
  const [v, page] = await Promise.allSettled([api.get("/audit/verify"), api.get("/audit", args)]);
  if (!isCurrent()) return;
  if (v.status === "fulfilled") {
    const x = v.value;
    clear(verify, h("p", { class: x.intact ? "ok" : "error", role: x.intact ? null : "alert" },
      x.intact ? `The audit chain is intact: ${fmtNum(x.records)} records.`
        : `The audit chain is BROKEN at record ${x.first_bad}: ${x.problem}`));
  } else {
    clear(verify, errorBox(v.reason));
  }
  if (page.status === "rejected") return clear(rows, errorBox(page.reason));
  const tbody = h("tbody");
  const more = h("button", { type: "button" }, "More");
  const paint = (p) => {
    for (const r of p.records || [])
      tbody.append(h("tr", { class: r.status >= 400 ? "failed" : null },
        h("td", { class: "num" }, String(r.seq)), h("td", null, fmtDate(r.at)), h("td", null, r.user || ""),
        h("td", null, r.remote || ""), h("td", null, h("code", null, r.action)), h("td", { class: "small" }, r.query || ""),
        h("td", { class: "small" }, (r.entities || []).slice(0, 5).join(", ") + ((r.entities || []).length > 5 ? ` +${r.entities.length - 5}` : "")),
        h("td", null, String(r.status)), h("td", null, r.outcome || "")));
    more.hidden = !p.next;
    more.onclick = async () => {
      more.disabled = true;
      try {
        paint(await api.get("/audit", { ...args, cursor: p.next }));
      } catch (e) {
        rows.append(errorBox(e));
      }
      more.disabled = false;
    };
  };
  clear(rows, h("table", { id: "audit-table", class: "audit" },
    h("thead", null, h("tr", null, ["#", "When", "User", "From", "Action", "Query", "Entities", "Status", "Outcome"]
      .map((c) => h("th", { scope: "col" }, c)))), tbody), more);
  paint(page.value);
}
