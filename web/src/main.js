// main.js - the web UI's entry point: the router (the part of the URL
// after '#', so every page can be bookmarked and the back button works),
// the navigation offered by the user's permissions, and login/logout.
// Each page is a module in pages/ exporting render(main, params).
import { api, session, ApiError } from "./api.js";
import { h, clear, resetClassification, noteClassification, errorBox, toast } from "./dom.js";
import * as dashboard from "./pages/dashboard.js";
import * as search from "./pages/search.js";
import * as entity from "./pages/entity.js";
import * as network from "./pages/network.js";
import * as review from "./pages/review.js";
import * as ingest from "./pages/ingest.js";
import * as audit from "./pages/audit.js";

// route -> [page, permission needed (null: any logged-in user), nav label, derived]
// A derived page (counts, charts, search hits) is built from many statements
// whose markings it does not list one by one: its banner shows the user's
// clearance, the highest it may draw on.  The others list every value with
// its marking, and their banner shows the highest of them.
const ROUTES = {
  "": [dashboard, null, "Dashboard", true],
  search: [search, "read", "Search", true],
  entity: [entity, "read", null, false],
  network: [network, "read", "Network", true],
  review: [review, "judge", "Review", false],
  ingest: [ingest, "ingest", "Ingest", false],
  audit: [audit, "audit", "Audit", true],
};

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : "");
  const [name, ...rest] = path.split("/");
  // a hand-typed address may hold a broken escape: it names no page rather than breaking the UI
  const decode = (x) => {
    try {
      return decodeURIComponent(x);
    } catch (_) {
      return null;
    }
  };
  const parts = [name || "", ...rest].map(decode);
  if (parts.includes(null)) return { name: "\u0000bad", arg: "", params };
  return { name: parts[0], arg: parts.slice(1).join("/"), params };
}

const can = (perm) => !perm || !!(session.me && session.me.permissions && session.me.permissions[perm]);

function renderNav(current) {
  const nav = document.getElementById("nav");
  clear(
    nav,
    Object.entries(ROUTES)
      .filter(([, [, perm, label]]) => label && can(perm))
      .map(([name, [, , label]]) =>
        h("a", { href: "#/" + name, "aria-current": name === current ? "page" : null }, label),
      ),
  );
  const who = document.getElementById("who");
  if (session.me) {
    const m = session.me;
    clear(
      who,
      h("span", { title: `${m.org} (${m.org_kind}, ${m.country}) · cleared ${m.clearance}` },
        `${m.user} · ${m.role.replace("_", " ")} · ${m.org}`),
      h("button", { type: "button", class: "link", onclick: logout }, "Log out"),
    );
  } else {
    clear(who);
  }
}

async function logout() {
  try {
    await api.post("/logout", {});
  } catch (_) {
    /* the session may already be gone */
  }
  session.token = null;
  session.me = null;
  go("#/login");
}

// Go to a page, rendering it again when the address is already that page's.
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function renderLogin(main, message) {
  renderNav(null);
  const err = h("div", { "aria-live": "assertive" }, message ? errorBox(message) : null);
  const user = h("input", { id: "login-user", name: "username", autocomplete: "username", required: true });
  const pass = h("input", {
    id: "login-pass", name: "password", type: "password", autocomplete: "current-password", required: true,
  });
  const form = h(
    "form",
    { class: "login card", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title" }, "Log in to invigor"),
    h("label", { for: "login-user" }, "User name"),
    user,
    h("label", { for: "login-pass" }, "Password"),
    pass,
    h("button", { type: "submit" }, "Log in"),
    err,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clear(err);
    try {
      const r = await api.post("/login", { username: user.value, password: pass.value });
      session.token = r.token;
      session.me = await api.get("/me");
      go("#/");
    } catch (e) {
      clear(err, errorBox(e instanceof ApiError && e.status === 401 ? "Wrong user name or password." : e));
      pass.select();
    }
  });
  clear(main, form);
  user.focus();
}

let generation = 0;

async function route() {
  const main = document.getElementById("main");
  const { name, arg, params } = parseHash();
  const mine = ++generation;
  resetClassification();
  if (!session.token) return renderLogin(main);
  if (name === "login") return go("#/");
  if (!session.me) {
    try {
      session.me = await api.get("/me");
    } catch (e) {
      return renderLogin(main, e.status === 401 ? "Your session has ended; log in again." : e);
    }
  }
  const r = Object.hasOwn(ROUTES, name) ? ROUTES[name] : null; // "#/constructor" is no page
  renderNav(name);
  if (!r) return clear(main, h("h1", null, "Not found"), h("p", null, "No such page."));
  if (!can(r[1])) return clear(main, h("h1", null, "Not allowed"), h("p", null, "Your role does not give access to this page."));
  clear(main);
  if (r[3]) noteClassification(session.me.clearance);
  try {
    // a page checks isCurrent() after each await, so a slow answer never paints over a newer page
    await r[0].render(main, { arg, params, me: session.me, isCurrent: () => mine === generation });
  } catch (e) {
    if (mine === generation) main.append(errorBox(e));
  }
  if (mine === generation && document.activeElement === document.body) main.focus({ preventScroll: true });
  if (name !== "network" && can("read")) network.warmUp(); // the first chart is then drawn by compiled code
}

window.addEventListener("hashchange", route);
// "Skip to content" moves the focus; as a link to #main it would be read as a page's address
document.addEventListener("click", (ev) => {
  const skip = ev.target.closest && ev.target.closest("a.skip");
  if (!skip) return;
  ev.preventDefault();
  document.getElementById("main").focus();
});
window.addEventListener("invigor:logout", () => {
  toast("Your session has ended; log in again.", "error");
  route();
});
window.addEventListener("DOMContentLoaded", route);
