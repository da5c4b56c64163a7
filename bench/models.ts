// Models benchmark (issue 4): every diagnostic rule on the generated project (cold), and the
// re-diagnosis after keystrokes in one app's models.py (p50/p99; target p99 under 50 ms from the
// edit to the findings that would be published), for three kinds of edit: a field renamed, a
// max_length changed, a field added (which shifts the lines below). The model, field, relation,
// admin, serializer and settings rules' share is timed on its own (run first, so it also pays for
// checking what every rule reads).
import * as fs from "node:fs";
import * as path from "node:path";
import { RULES, runRules } from "../server/src/analysis/diagnostics/registry";
import { ensureParser } from "../server/src/python/parser";
import { Workspace } from "../server/src/project/workspace";
import type { BenchContext, Row } from "./sections";
import { pct } from "./stats";

/** The rules of the models concern: not the template, URL or migration ones. */
export const MODEL_SHARE = RULES.filter((r) => !/^(lens\.(template|unbalanced|unknown-template|unknown-url|url-|migration)|urls\.|2_0\.)/.test(r.code));
const OTHERS = RULES.filter((r) => !MODEL_SHARE.includes(r));

const EDITS: [string, (text: string, i: number) => string][] = [
  ["a field renamed", (t, i) => t.replace("    name = models.CharField", `    name${i % 2 ? "x" : ""} = models.CharField`)],
  ["a max_length changed", (t, i) => t.replace(/max_length=50\b/, `max_length=${50 + (i % 7) + 1}`)],
  ["a field added", (t, i) => t.replace("slug = models.SlugField(unique=True)", `slug = models.SlugField(unique=True)\n    extra${i} = models.IntegerField(default=${i})`)],
];

export async function modelsSection(ctx: BenchContext): Promise<Row[]> {
  await ensureParser();
  const ws = new Workspace([ctx.dir]);
  const project = ws.projects()[0];
  let t = performance.now();
  const cold = runRules(project);
  const coldMs = performance.now() - t;
  const modelsFile = fs
    .readdirSync(ctx.dir)
    .map((d) => path.join(ctx.dir, d, "models.py"))
    .find((f) => fs.existsSync(f))!;
  const text = fs.readFileSync(modelsFile, "utf8");
  const rows: Row[] = [
    ["findings on the generated project", `${cold.findings.length} (${cold.failures.length} rule failures)`],
    ["full diagnostics, cold (every rule)", `${coldMs.toFixed(1)} ms`],
  ];
  let version = 2;
  for (const [i, [kind, edit]] of EDITS.entries()) {
    const all: number[] = [];
    const share: number[] = [];
    for (let n = 0; n < 22; n++) {
      ws.index.setOverlay(modelsFile, edit(text, n), version++);
      t = performance.now();
      runRules(project, {}, MODEL_SHARE);
      const mid = performance.now();
      runRules(project, {}, OTHERS);
      share.push(mid - t);
      all.push(performance.now() - t);
    }
    ws.index.setOverlay(modelsFile, text, version++);
    runRules(project);
    const warm = all.slice(2);
    const mine = share.slice(2);
    // The first row keeps its name: it is the one compared across runs.
    if (i === 0) rows.push(["re-diagnosis after a keystroke in one models.py p50 / p99", `${pct(warm, 50).toFixed(1)} / ${pct(warm, 99).toFixed(1)} ms`]);
    rows.push([`keystroke (${kind}): every rule p50 / p99`, `${pct(warm, 50).toFixed(1)} / ${pct(warm, 99).toFixed(1)} ms`]);
    rows.push([`keystroke (${kind}): model, admin, serializer, settings rules p50 / p99`, `${pct(mine, 50).toFixed(1)} / ${pct(mine, 99).toFixed(1)} ms`]);
  }
  return rows;
}
