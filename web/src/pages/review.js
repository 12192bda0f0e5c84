// review.js - the resolution workbench: the queue of uncertain pairs
// (GET /review), the two records side by side with the engine's
// explanation (GET /explain: each feature, what it compared, its weight in
// bits), and the analyst's verdict: same / different / unsure, recorded
// under their name (POST /judgements), with undo (the verdict "withdrawn"
// takes the latest judgement back).  Keys: s, d, u, z (undo), n (next).
import { api, seg } from "../api.js";
import { h, clear, entityLink, errorBox, fmtNum, handlingBadge, loading, toast } from "../dom.js";

export async function render(main, { isCurrent, me }) {
  main.append(h("h1", null, "Resolution review"));
  const queueEl = h("ol", { class: "queue", id: "queue", "aria-label": "Pairs to review" });
  const work = h("section", { class: "pair", id: "pair", "aria-live": "polite" }, loading("the queue"));
  main.append(h("div", { class: "review-layout" },
    h("aside", null, h("h2", { class: "small-h" }, "Queue"), queueEl), work));
  const st = { undo: [], pairs: [], current: -1, isCurrent, work, queueEl, me, busy: false };
  const onKey = (ev) => {
    if (!isCurrent()) return document.removeEventListener("keydown", onKey);
    // Ctrl+D is the browser's bookmark, not "different"; a held key is one verdict, not many
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.repeat) return;
    if (ev.target.closest && ev.target.closest("input, textarea, select")) return;
    const verdict = { s: "same", d: "different", u: "unsure" }[ev.key];
    if (verdict) judge(st, verdict);
    else if (ev.key === "z") undo(st);
    else if (ev.key === "n") open(st, st.current + 1);
  };
  document.addEventListener("keydown", onKey);
  await loadQueue(st);
}

async function loadQueue(st) {
  let q;
  try {
    q = await api.get("/review", { limit: 50 });
  } catch (e) {
    if (st.isCurrent()) clear(st.work, errorBox(e));
    return;
  }
  if (!st.isCurrent()) return;
  st.pairs = q.pairs || [];
  clear(st.queueEl, st.pairs.map((p, i) => h("li", null,
    h("button", { type: "button", class: "link", onclick: () => open(st, i) }, `${p.a} · ${p.b}`),
    h("span", { class: "muted small" }, ` ${fmtNum(100 * p.probability, 0)}%`),
    // one document number on two people the rest of the evidence keeps apart
    p.reused ? h("span", { class: "small reused", title: "one document number, other people" },
      " · reused or forged number?") : null)));
  if (!st.pairs.length) {
    clear(st.work, h("p", null, "Nothing to review: no uncertain pairs among the records you see whole."));
    return;
  }
  await open(st, Math.min(Math.max(st.current, 0), st.pairs.length - 1));
}

async function open(st, i) {
  if (i < 0 || i >= st.pairs.length) return;
  st.current = i;
  [...st.queueEl.children].forEach((li, k) => li.classList.toggle("current", k === i));
  const { a, b } = st.pairs[i];
  clear(st.work, loading("the pair"));
  let ex, ea, eb;
  try {
    [ex, ea, eb] = await Promise.all([api.get("/explain", { a, b }),
      api.get("/entities/" + seg(a)), api.get("/entities/" + seg(b))]);
  } catch (e) {
    if (st.isCurrent()) clear(st.work, errorBox(e));
    return;
  }
  if (!st.isCurrent() || st.current !== i) return;
  const btn = (verdict, label, key) => h("button", { type: "button", class: "verdict v-" + verdict,
    "aria-keyshortcuts": key, onclick: () => judge(st, verdict) }, label, h("kbd", null, key));
  const note = h("input", { id: "judge-note", size: 40, placeholder: "why (kept with your judgement)", "aria-label": "Note" });
  st.note = note;
  clear(st.work,
    h("h2", null, `Are these the same ${ex.family || "entity"}?`),
    h("p", { class: "decision" }, `Engine: ${ex.decision}, probability ${fmtNum(100 * ex.probability, 1)}% ` +
      `(score ${fmtNum(ex.score, 2)} bits)`, ex.rule ? ` · rule: ${ex.rule}` : "",
      ex.judgement ? h("strong", null, ` · judged: ${typeof ex.judgement === "string" ? ex.judgement : ex.judgement.verdict}`) : ""),
    h("div", { class: "actions judge" }, btn("same", "Same", "s"), btn("different", "Different", "d"),
      btn("unsure", "Unsure", "u"), note,
      h("button", { type: "button", id: "undo", disabled: !st.undo.length, onclick: () => undo(st) }, "Undo", h("kbd", null, "z"))),
    h("h3", null, "Why"),
    explanation(ex),
    h("h3", null, "The two records"),
    h("div", { class: "side-by-side" }, record(ea, fedOf(ex, "a")), record(eb, fedOf(ex, "b"))));
}

// The entities that gave a record values it was compared on (a passport its number): the
// explanation's fed_by, with how many there are when the list was cut.
function fedOf(ex, side) {
  const ids = ex.fed_by ? ex.fed_by[side] : null;
  const count = ex.fed_by_count ? ex.fed_by_count[side] : null;
  return { ids: ids || [], more: ids && count > ids.length ? count - ids.length : 0, unsaid: ids === null };
}

function record(e, fed) {
  const given = fed && (fed.ids.length || fed.more)
    ? h("p", { class: "fed small" }, "Values also given by: ",
      ...fed.ids.flatMap((id, k) => [k ? ", " : "", entityLink(id, id)]),
      fed.more ? ` and ${fed.more} more` : "")
    : "";
  return h("div", { class: "card record" },
    h("h3", null, entityLink(e.id, e.caption)),
    h("p", { class: "muted small" }, e.schema, " · ", h("code", null, e.id)),
    given,
    h("table", { class: "values compact" }, h("tbody", null, e.statements.map((s) =>
      h("tr", null, h("th", { scope: "row" }, s.property), h("td", null, String(s.value)), h("td", null, handlingBadge(s.handling)))))));
}

function explanation(ex) {
  return h("table", { class: "explain", id: "explain" },
    h("thead", null, h("tr", null, ["Feature", "Left", "Right", "Level", "Bits"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, ex.features.map((f) => h("tr", { class: f.weight > 0 ? "for" : f.weight < 0 ? "against" : "none" },
      h("th", { scope: "row" }, f.name + (f.tf ? " (rarity-adjusted)" : f.implied ? " (implied by the name)"
        : f.several ? " (one may hold several)" : "")),
      h("td", null, f.a), h("td", null, f.b), h("td", null, f.level),
      h("td", { class: "num" }, (f.weight > 0 ? "+" : "") + fmtNum(f.weight, 2))))),
    h("tfoot", null,
      h("tr", null, h("th", { scope: "row", colspan: 4 }, "prior"), h("td", { class: "num" }, fmtNum(ex.prior, 2))),
      h("tr", null, h("th", { scope: "row", colspan: 4 }, "total"), h("td", { class: "num" }, fmtNum(ex.score, 2)))));
}

// One verdict at a time: a second key press while the first is on its way is ignored.
async function judge(st, verdict) {
  const p = st.pairs[st.current];
  if (!p || st.busy) return;
  st.busy = true;
  try {
    await api.post("/judgements", { a: p.a, b: p.b, verdict, note: st.note ? st.note.value : "" });
  } catch (e) {
    toast("Not recorded: " + e.message, "error");
    return;
  } finally {
    st.busy = false;
  }
  st.undo.push({ ...p, verdict });
  toast(`Recorded: ${verdict}. Press z or Undo to take it back.`);
  await loadQueue(st);
}

// Undo withdraws the latest judgement on the pair, whoever made it: so first check
// that it is still this user's own, and leave a colleague's later judgement alone.
async function undo(st) {
  const p = st.undo[st.undo.length - 1];
  if (!p || st.busy) return;
  st.busy = true;
  try {
    const ex = await api.get("/explain", { a: p.a, b: p.b });
    const standing = ex.judgement || "";
    if (!standing.startsWith(`${p.verdict} by ${st.me.user} at `)) {
      st.undo.pop();
      toast("Not undone: the latest judgement on this pair is no longer yours.", "error");
      return;
    }
    await api.post("/judgements", { a: p.a, b: p.b, verdict: "withdrawn", note: "undone in the review view" });
    st.undo.pop();
    toast("Judgement withdrawn.");
  } catch (e) {
    toast("Could not undo: " + e.message, "error");
    return;
  } finally {
    st.busy = false;
  }
  await loadQueue(st);
}
