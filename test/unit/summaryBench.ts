// Manual micro-benchmark (not a test): bare parse vs parse + reference summarizer vs parse + fast
// summarizer, interleaved in one process. Bundle with esbuild and run with node.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateProject } from "../../bench/generate";
import { countLines, ensureParser, parseTree } from "../../server/src/python/parser";
import { setRawCursor } from "../../server/src/python/cursorOps";
import { summarize } from "../../server/src/python/summary";
import { summarize as referenceSummarize } from "./summaryReference";

function pyFiles(dir: string, out: string[] = []): string[] {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) pyFiles(p, out);
    else if (d.name.endsWith(".py")) out.push(p);
  }
  return out;
}

async function main(): Promise<void> {
  const apps = Number(process.env.BENCH_APPS ?? 200);
  const rounds = Number(process.env.ROUNDS ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lens-sumbench-"));
  generateProject(dir, { apps, modelsPerApp: 10 });
  const texts = pyFiles(dir).map((f) => fs.readFileSync(f, "utf8"));
  fs.rmSync(dir, { recursive: true, force: true });
  await ensureParser();
  for (const t of texts.slice(0, 50)) {
    const tree = parseTree(t);
    summarize(tree, 1, t);
    referenceSummarize(tree, 1);
    tree.delete();
  }
  const modes: [string, (t: string) => void][] = [
    ["bare", (t) => parseTree(t).delete()],
    ["reference", (t) => { const tr = parseTree(t); referenceSummarize(tr, countLines(t)); tr.delete(); }],
    ["fast", (t) => { const tr = parseTree(t); summarize(tr, countLines(t), t); tr.delete(); }],
    ["public", (t) => { setRawCursor(false); const tr = parseTree(t); summarize(tr, countLines(t), t); tr.delete(); setRawCursor(true); }],
  ];
  const only = process.env.MODES?.split(",");
  if (only) modes.splice(0, modes.length, ...modes.filter(([n]) => only.includes(n)));
  const totals: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of modes) {
      const t0 = performance.now();
      for (const t of texts) fn(t);
      (totals[name] ??= []).push(performance.now() - t0);
    }
  }
  const med = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const bare = totals.bare ? med(totals.bare) : 1;
  for (const [name] of modes) {
    console.log(`${name.padEnd(10)} median ${med(totals[name]).toFixed(0)} ms  (runs ${totals[name].map((x) => x.toFixed(0)).join(", ")})  ratio ${(med(totals[name]) / bare).toFixed(2)}`);
  }
}

void main();
