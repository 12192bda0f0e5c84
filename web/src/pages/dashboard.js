// dashboard.js - the landing page: what was loaded (datasets the user may
// see, with counts), candidate OCGs (communities), top brokers (highest
// betweenness), the user's recent activity, and a link to the audit view
// for auditors.  Each panel loads on its own, so a slow one (the network
// analytics rebuild the user's projection) does not hold up the others.
import { api } from "../api.js";
import { h, clear, entityLink, errorBox, fmtDate, fmtNum, loading, table } from "../dom.js";

const ACTORS = /^(Person|Organization|Company|LegalEntity|PublicBody)$/;

function panel(title, id) {
  const body = h("div", { class: "panel-body" }, loading(title.toLowerCase()));
  return [h("section", { class: "card panel", id, "aria-labelledby": id + "-h" },
    h("h2", { id: id + "-h" }, title), body), body];
}

async function fill(body, isCurrent, load) {
  try {
    const content = await load();
    if (isCurrent()) clear(body, content);
  } catch (e) {
    if (isCurrent()) clear(body, errorBox(e));
  }
}

export async function render(main, { me, isCurrent }) {
  const perms = me.permissions || {};
  main.append(h("h1", null, "Dashboard"));
  const grid = h("div", { class: "grid" });
  main.append(grid);
  const jobs = [];

  if (perms.read) {
    const [loaded, lb] = panel("What was loaded", "p-loaded");
    const [ocgs, ob] = panel("Candidate OCGs", "p-ocgs");
    const [brokers, bb] = panel("Top brokers", "p-brokers");
    grid.append(loaded, ocgs, brokers);
    jobs.push(fill(lb, isCurrent, async () => {
      const d = await api.get("/datasets");
      if (!d.datasets.length) return h("p", { class: "muted" }, "Nothing you may see has been loaded yet.");
      return [
        h("p", null, `${fmtNum(d.entities)} entities and ${fmtNum(d.statements)} statements you may see.`),
        table(["Dataset", "Entities", "Statements", "Last seen"], d.datasets.map((x) =>
          h("tr", null,
            h("td", null, h("a", { href: "#/search?dataset=" + encodeURIComponent(x.name) }, x.name)),
            h("td", { class: "num" }, fmtNum(x.entities)),
            h("td", { class: "num" }, fmtNum(x.statements)),
            h("td", { class: "date" }, String(x.last_seen || "").slice(0, 10))))),
      ];
    }));
    jobs.push(fill(ob, isCurrent, async () => {
      const c = await api.get("/network/communities", { limit: 8, min_size: 3 });
      if (!c.communities || !c.communities.length)
        return h("p", { class: "muted" }, "No communities of three or more in your network.");
      return [
        h("p", { class: "muted" }, `${c.method}, modularity ${fmtNum(c.modularity, 3)}`),
        h("ol", { class: "ocgs" }, c.communities.map((k) => {
          // people and organisations first: a phone or an account is a lead, not a suspect
          const actors = (k.members || []).filter((m) => ACTORS.test(m.schema || ""));
          const lead = actors.filter((m) => m.role === "organiser").slice(0, 3);
          const named = (id) => (k.members || []).find((x) => x.id === id);
          const actorBrokers = (k.brokers || []).filter((id) => ACTORS.test((named(id) || {}).schema || ""));
          const brokers = (actorBrokers.length ? actorBrokers : k.brokers || []).slice(0, 3);
          return h("li", null,
            h("strong", null, `${k.size} members`), ` · density ${fmtNum(k.density, 2)}`,
            lead.length ? h("div", null, "Organisers: ", join(lead.map((m) => entityLink(m.id, m.name)))) : null,
            brokers.length ? h("div", null, "Brokers: ", join(brokers.map((id) => entityLink(id, (named(id) || {}).name)))) : null,
            k.members && k.members[0]
              ? h("a", { class: "small", href: "#/network?center=" + encodeURIComponent(k.members[0].id) }, "chart")
              : null);
        })),
      ];
    }));
    jobs.push(fill(bb, isCurrent, async () => {
      // the 200 most between, of which the first ten people or organisations
      const m = await api.get("/network/measures", { limit: 200 });
      const top = (m.nodes || []).filter((n) => ACTORS.test(n.schema || "")).slice(0, 10);
      if (!top.length) return h("p", { class: "muted" }, "No network yet.");
      return table(["Entity", "Betweenness", "Degree", "Role"], top.map((n) =>
        h("tr", null,
          h("td", null, entityLink(n.id, n.name)),
          h("td", { class: "num" }, fmtNum(n.betweenness_norm, 4)),
          h("td", { class: "num" }, fmtNum(n.degree)),
          h("td", null, n.role || ""))));
    }));
  }

  const [recent, rb] = panel("Recent activity", "p-activity");
  grid.append(recent);
  jobs.push(fill(rb, isCurrent, async () => {
    const a = await api.get("/activity", { limit: 12 });
    if (!a.activity.length) return h("p", { class: "muted" }, "Nothing yet.");
    return h("ul", { class: "activity" }, a.activity.map((x) =>
      h("li", null, h("time", null, fmtDate(x.at)), " ", h("code", null, x.action),
        x.query ? h("span", { class: "muted" }, " " + x.query) : null,
        x.entities && x.entities.length
          ? h("span", null, " → ", join(x.entities.slice(0, 3).map((id) => perms.read ? entityLink(id) : id)),
              x.entities.length > 3 ? ` +${x.entities.length - 3}` : "")
          : null)));
  }));

  if (perms.audit)
    grid.append(h("section", { class: "card panel" }, h("h2", null, "Audit"),
      h("p", null, "Who saw what, and whether the trail is intact: ", h("a", { href: "#/audit" }, "open the audit view"), ".")));
  if (perms.ingest)
    grid.append(h("section", { class: "card panel" }, h("h2", null, "Load data"),
      h("p", null, h("a", { href: "#/ingest" }, "Upload a file with its mapping"), " and watch it load.")));
  await Promise.all(jobs);
}

export function join(nodes, sep = ", ") {
  const out = [];
  nodes.forEach((n, i) => {
    if (i) out.push(sep);
    out.push(n);
  });
  return out;
}
