// Profiler for keystroke re-diagnosis: per-rule time and the memos each rule recomputed, cold and
// after edits in one models.py (or urls.py). Not part of `npm run bench`; build and run with
//   npx esbuild bench/prof_keystroke.ts --bundle --platform=node --outfile=/tmp/profk.js \
//     --alias:web-tree-sitter=./node_modules/web-tree-sitter/tree-sitter.cjs && cp dist/*.wasm /tmp/
//   APPS=200 EDIT=rename|maxlen|addfield|urls RULES=fields.,lens.unknown node /tmp/profk.js
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RULES } from "../server/src/analysis/diagnostics/registry";
import { ensureParser } from "../server/src/python/parser";
import { Workspace } from "../server/src/project/workspace";
import { pythonFiles } from "../server/src/session/indexer";
import { generateProject } from "./generate";

const EDITS: Record<string, { file: string; edit: (text: string, i: number) => string }> = {
  rename: { file: "models.py", edit: (t, i) => t.replace("    name = models.CharField", `    name${i % 2 ? "x" : ""} = models.CharField`) },
  maxlen: { file: "models.py", edit: (t, i) => t.replace(/max_length=50\b/, `max_length=${50 + (i % 7)}`) },
  addfield: { file: "models.py", edit: (t, i) => t.replace("slug = models.SlugField(unique=True)", `slug = models.SlugField(unique=True)\n    extra${i} = models.IntegerField(default=${i})`) },
  urls: { file: "urls.py", edit: (t, i) => t.replace("urlpatterns = [", `urlpatterns = [\n    # edit ${i}`) },
};

(async () => {
  await ensureParser();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lens-prof-")));
  generateProject(dir, { apps: Number(process.env.APPS ?? 50), modelsPerApp: 10 });
  const ws = new Workspace([dir]);
  for (const f of pythonFiles(ws)) ws.index.summary(f);
  const project = ws.projects()[0];
  const filter = (process.env.RULES ?? "").split(",").filter(Boolean);
  const rules = RULES.filter((r) => !filter.length || filter.some((p) => r.code.startsWith(p)));
  // Count recomputed memos per key prefix, by wrapping the index's private recompute.
  const idx = ws.index as unknown as { recompute: (...a: unknown[]) => unknown };
  const orig = idx.recompute.bind(idx);
  let misses = new Map<string, number>();
  idx.recompute = (...a: unknown[]) => {
    const p = String(a[0]).replace(/[:#/].*$/, "");
    misses.set(p, (misses.get(p) ?? 0) + 1);
    return orig(...a);
  };
  const totals: number[] = [];
  const time = (label: string, show: boolean) => {
    const rows: [string, number, string][] = [];
    for (const [i, rule] of rules.entries()) {
      misses = new Map();
      const t = performance.now();
      ws.index.memo(`rule:${rule.code}#${i}`, () => rule.run(project));
      const top = [...misses].sort((a, b) => b[1] - a[1]).slice(0, 8);
      rows.push([rule.code, performance.now() - t, top.map(([k, v]) => `${k}:${v}`).join(",")]);
    }
    rows.sort((a, b) => b[1] - a[1]);
    const total = rows.reduce((n, r) => n + r[1], 0);
    totals.push(total);
    if (!show) return;
    console.log(label, "total", total.toFixed(1), "ms");
    for (const r of rows.slice(0, 10)) console.log("  ", r[0], r[1].toFixed(1), r[2]);
  };
  time("cold", true);
  const kind = EDITS[process.env.EDIT ?? "rename"];
  const file = path.join(dir, "app000", kind.file);
  const text = fs.readFileSync(file, "utf8");
  totals.length = 0;
  const n = Number(process.env.N ?? 12);
  for (let i = 0; i < n; i++) {
    ws.index.setOverlay(file, kind.edit(text, i), i + 2);
    time(`edit${i}`, i < 2);
  }
  const s = totals.slice(2).sort((a, b) => a - b);
  console.log(`after ${n - 2} edits: p50 ${s[Math.floor(s.length / 2)].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`);
})();
