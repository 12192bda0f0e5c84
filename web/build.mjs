// build.mjs - bundle the web UI into one folder that `invigor serve --static`
// serves: index.html, app.<hash>.js (our code and cytoscape.js, from
// node_modules, bundled by esbuild) and app.<hash>.css.  The hash in the
// names lets the server tell browsers to cache assets for an hour while
// index.html (no-cache) always names the current ones.  No network is
// needed at run time: everything the page loads comes from this folder.
//
//   node build.mjs [--out DIR] [--node-modules DIR]
//     --out           where the UI goes (default: dist/)
//     --node-modules  where npm installed the packages (default: web/node_modules)
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIdx = args.indexOf("--out");
const out = outIdx >= 0 ? args[outIdx + 1] : join(here, "dist");
const nmIdx = args.indexOf("--node-modules");
const nodeModules = nmIdx >= 0 ? args[nmIdx + 1] : join(here, "node_modules");
if (!out || !nodeModules) {
  console.error("usage: node build.mjs [--out DIR] [--node-modules DIR]");
  process.exit(2);
}
// esbuild itself is loaded from the same node_modules as the packages it bundles
const { build } = await import(join(nodeModules, "esbuild", "lib", "main.js"));

const result = await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: process.env.WEB_DEBUG ? false : true,
  sourcemap: false,
  format: "iife",
  target: ["chrome110", "firefox110", "safari16"],
  write: false,
  legalComments: "none",
  nodePaths: [nodeModules],
  logLevel: "warning",
});
const js = result.outputFiles[0].contents;
const css = readFileSync(join(here, "src", "app.css"));
const short = (buf) => createHash("sha256").update(buf).digest("hex").slice(0, 12);
const jsName = `app.${short(js)}.js`;
const cssName = `app.${short(css)}.css`;

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out))
  if (/^app\.[0-9a-f]{12}\.(js|css)$/.test(f)) rmSync(join(out, f));
writeFileSync(join(out, jsName), js);
writeFileSync(join(out, cssName), css);
const html = readFileSync(join(here, "src", "index.html"), "utf8")
  .replace("@APP_JS@", jsName)
  .replace("@APP_CSS@", cssName);
writeFileSync(join(out, "index.html"), html);
writeFileSync(join(out, "favicon.svg"), readFileSync(join(here, "src", "favicon.svg")));
console.log(`web: ${out}/ (${jsName} ${(js.length / 1024).toFixed(0)} KiB, ${cssName})`);
