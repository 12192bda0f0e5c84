// dom.js - building the page from data without ever parsing it as HTML:
// h() makes elements and text nodes (no innerHTML anywhere in the UI), so a
// value holding markup is shown as text.  Also the classification banner,
// handling badges, toasts and small formatting helpers shared by the pages.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === "value") el.value = v;
    else if (k === "checked" || k === "selected" || k === "disabled") el[k] = !!v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const link = (href, text, attrs) => h("a", { href, ...attrs }, text);
export const entityHref = (id) => "#/entity/" + encodeURIComponent(id);
export const entityLink = (id, caption) =>
  link(entityHref(id), caption || id, { class: "entity", title: id });

// ---- classification -------------------------------------------------------------------------

const LEVELS = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"];
let pageLevel = 0;

// The banner shows the highest classification of anything on the page.
export function resetClassification() {
  pageLevel = 0;
  paintBanner();
}

export function noteClassification(level) {
  const i = LEVELS.indexOf(String(level || "").toUpperCase());
  if (i > pageLevel) {
    pageLevel = i;
    paintBanner();
  }
}

function paintBanner() {
  const text = LEVELS[pageLevel];
  for (const id of ["banner-top", "banner-bottom"]) {
    const b = document.getElementById(id);
    if (!b) continue;
    b.textContent = text;
    b.dataset.level = text.replace(/ /g, "-").toLowerCase();
  }
}

// A value's handling as a compact badge: grade, handling code, classification;
// the conditions text travels with the value as the badge's description.
export function handlingBadge(hd) {
  if (!hd) return null;
  noteClassification(hd.classification);
  const parts = [hd.grade, hd.handling, shortLevel(hd.classification)];
  if (hd.europol) parts.push(hd.europol);
  if (hd.tlp) parts.push("TLP:" + hd.tlp);
  const title = [
    "grade " + (hd.grade || "?"),
    "handling " + (hd.handling || "?"),
    hd.classification,
    hd.descriptor,
    hd.releasable_to ? "releasable to " + hd.releasable_to : "",
    hd.originator ? "originator " + hd.originator : "",
    hd.compartment ? "compartment " + hd.compartment : "",
  ].filter(Boolean).join(" · ");
  return h(
    "span",
    { class: "badge handling-" + (hd.handling || "x").toLowerCase(), title },
    parts.filter(Boolean).join(" "),
  );
}

function shortLevel(level) {
  return { OFFICIAL: "O", "OFFICIAL-SENSITIVE": "OS", SECRET: "S", "TOP SECRET": "TS" }[
    String(level || "").toUpperCase()
  ] || level;
}

// ---- feedback -------------------------------------------------------------------------------

let toastTimer;
export function toast(message, kind = "info") {
  const t = document.getElementById("toast");
  t.textContent = message;
  t.dataset.kind = kind;
  t.classList.add("shown");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => t.classList.remove("shown"), 5000);
}

export function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, err && err.message ? err.message : String(err));
}

export function loading(what) {
  return h("p", { class: "muted", role: "status" }, "Loading " + what + "…");
}

const numberFormats = [];
export function fmtNum(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  numberFormats[digits] ||= new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits });
  return numberFormats[digits].format(n);
}

export const fmtDate = (s) => (s ? String(s).replace("T", " ").replace(/:\d\dZ$/, "Z") : "");

export function table(headers, rows, attrs) {
  return h(
    "table",
    attrs,
    h("thead", null, h("tr", null, headers.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, rows),
  );
}

// Save a Blob as a file in the browser's downloads.
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
