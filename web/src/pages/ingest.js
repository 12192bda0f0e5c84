// ingest.js - load a file: CSV with its YAML mapping, or FtM JSON lines
// (POST /ingest, multipart), then watch the job (GET /jobs/{id}) with a
// progress bar until it is done (records, statements, invalid values) or
// failed (the error with its line and column: nothing of the file was
// kept).  Below, the user's earlier jobs (GET /jobs).
import { api, seg } from "../api.js";
import { h, clear, errorBox, fmtDate, fmtNum, table } from "../dom.js";

export async function render(main, { isCurrent }) {
  const file = h("input", { id: "ingest-file", name: "file", type: "file", required: true, accept: ".csv,.tsv,.json,.jsonl,.ndjson" });
  const mapping = h("input", { id: "ingest-mapping", name: "mapping", type: "file", accept: ".yml,.yaml" });
  const dataset = h("input", { id: "ingest-dataset", name: "dataset", placeholder: "as the mapping says" });
  const format = h("select", { id: "ingest-format", name: "format" },
    h("option", { value: "auto" }, "by the file name"), h("option", { value: "csv" }, "CSV"), h("option", { value: "ftm" }, "FtM JSON lines"));
  const go = h("button", { type: "submit" }, "Upload and load");
  const progress = h("div", { id: "ingest-progress", "aria-live": "polite" });
  const form = h("form", { class: "card ingest", "aria-labelledby": "ingest-h" },
    h("h2", { id: "ingest-h" }, "Upload"),
    h("label", { for: "ingest-file" }, "File (CSV or FtM JSON lines)"), file,
    h("label", { for: "ingest-mapping" }, "Mapping (YAML; required for CSV)"), mapping,
    h("label", { for: "ingest-dataset" }, "Dataset"), dataset,
    h("label", { for: "ingest-format" }, "Format"), format,
    go,
    h("p", { class: "muted small" }, "A file with an error is not loaded at all; the error says on which line."));
  const history = h("section", { "aria-labelledby": "jobs-h" }, h("h2", { id: "jobs-h" }, "Your uploads"));
  main.append(h("h1", null, "Ingest"), form, progress, history);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!file.files.length) return;
    const fd = new FormData();
    fd.append("file", file.files[0], file.files[0].name);
    if (mapping.files.length) fd.append("mapping", mapping.files[0], mapping.files[0].name);
    if (dataset.value.trim()) fd.append("dataset", dataset.value.trim());
    fd.append("format", format.value);
    go.disabled = true;
    clear(progress, h("p", null, "Uploading…"));
    try {
      const job = await api.upload("/ingest", fd);
      await watch(job, progress, isCurrent);
    } catch (e) {
      if (isCurrent()) clear(progress, errorBox(e));
    }
    go.disabled = false;
    if (isCurrent()) listJobs(history);
  });
  await listJobs(history);
}

async function watch(job, el, isCurrent) {
  const bar = h("progress", { id: "ingest-bar", max: 100, value: 0, "aria-label": "Progress" });
  const line = h("p", { id: "ingest-status" });
  clear(el, h("div", { class: "card" }, h("h2", null, `Job ${job.id}: ${job.file || ""}`), bar, line));
  for (;;) {
    const pct = job.bytes_total ? Math.floor((100 * job.bytes_done) / job.bytes_total) : 0;
    bar.value = pct;
    line.textContent = `${job.status} · ${pct}% of ${fmtNum(job.bytes_total)} bytes`;
    if (job.status === "done") {
      const r = job.report || {};
      bar.value = 100;
      line.textContent = `Done: ${fmtNum(r.records)} records, ${fmtNum(r.statements)} statements, ` +
        `${fmtNum(r.invalid)} invalid values, into dataset ${r.dataset}.`;
      line.className = "ok";
      return;
    }
    if (job.status === "failed") {
      clear(line, errorBox("Failed, nothing was loaded: " + (job.error || "unknown error")));
      line.id = "ingest-status";
      return;
    }
    await new Promise((r) => setTimeout(r, 400));
    if (!isCurrent()) return;
    job = await api.get("/jobs/" + seg(String(job.id)));
  }
}

async function listJobs(el) {
  const head = el.firstChild;
  try {
    const r = await api.get("/jobs");
    if (!r.jobs.length) return clear(el, head, h("p", { class: "muted" }, "None yet."));
    clear(el, head, table(["Job", "File", "Status", "Started", "Result"], r.jobs.map((j) =>
      h("tr", null, h("td", null, String(j.id)), h("td", null, j.file || ""), h("td", null, j.status),
        h("td", null, fmtDate(j.created || j.started)),
        h("td", null, j.status === "failed" ? j.error || "" :
          j.report ? `${fmtNum(j.report.records)} records, ${fmtNum(j.report.statements)} statements` : "")))));
  } catch (e) {
    clear(el, head, errorBox(e));
  }
}
