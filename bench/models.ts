// Models benchmark (issue 4): every diagnostic rule on the generated project (cold), and the
// re-diagnosis after a keystroke in one app's models.py (p50/p99; target p99 under 50 ms from the
// edit to the findings that would be published).
import * as fs from "node:fs";
import * as path from "node:path";
import { runRules } from "../server/src/analysis/diagnostics/registry";
import { ensureParser } from "../server/src/python/parser";
import { Workspace } from "../server/src/project/workspace";
import type { BenchContext, Row } from "./sections";

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

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
  // Keystrokes in a field name: each edit changes the models module (and so the registry).
  const times: number[] = [];
  for (let i = 0; i < 22; i++) {
    const edited = text.replace("    name = models.CharField", `    name${i % 2 ? "x" : ""} = models.CharField`);
    ws.index.setOverlay(modelsFile, edited, i + 2);
    t = performance.now();
    runRules(project);
    times.push(performance.now() - t);
  }
  const warm = times.slice(2);
  return [
    ["findings on the generated project", `${cold.findings.length} (${cold.failures.length} rule failures)`],
    ["full diagnostics, cold (every rule)", `${coldMs.toFixed(1)} ms`],
    ["re-diagnosis after a keystroke in one models.py p50 / p99", `${pct(warm, 50).toFixed(1)} / ${pct(warm, 99).toFixed(1)} ms`],
  ];
}
