// `npm run bench`: generates a large Django project and measures the core on it. Prints a table;
// speed goals live here, not in timed tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureParser, parseTree } from "../server/src/python/parser";
import { Workspace } from "../server/src/project/workspace";
import { pythonFiles } from "../server/src/session/indexer";
import { TestClient } from "../test/protocol/harness";
import { generateProject } from "./generate";
import { SECTIONS, type BenchContext, type Row } from "./sections";

function ms(n: number): string {
  return `${n.toFixed(1)} ms`;
}

async function core(ctx: BenchContext): Promise<Row[]> {
  const ws0 = new Workspace([ctx.dir]);
  const files = pythonFiles(ws0);
  const texts = files.map((f) => fs.readFileSync(f, "utf8"));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  // Warm the parser once so both measurements see a compiled WASM module.
  parseTree(texts[0]).delete();

  let t = performance.now();
  for (const text of texts) parseTree(text).delete();
  const bare = performance.now() - t;

  const ws = new Workspace([ctx.dir]);
  t = performance.now();
  for (const f of pythonFiles(ws)) ws.index.summary(f);
  const full = performance.now() - t;

  return [
    ["Python files", String(files.length)],
    ["size", `${(bytes / 1048576).toFixed(2)} MB`],
    ["bare tree-sitter parse", ms(bare)],
    ["full index (listing, reading, parsing, summarising)", ms(full)],
    ["full index speed", `${Math.round(files.length / (full / 1000))} files/s, ${(bytes / 1048576 / (full / 1000)).toFixed(2)} MB/s`],
    ["full index / bare parse (target ≤ 1.5)", (full / bare).toFixed(2)],
  ];
}

async function firstDiagnostics(ctx: BenchContext): Promise<Row[]> {
  const t = performance.now();
  // Diagnostics are published just before the server says it is ready.
  const client = await TestClient.start(ctx.dir, { readyTimeout: 600_000 });
  const ready = performance.now() - t;
  await client.stop();
  return [["server start → full index → first diagnostics published", ms(ready)]];
}

async function main(): Promise<void> {
  const apps = Number(process.env.BENCH_APPS ?? 200);
  const modelsPerApp = Number(process.env.BENCH_MODELS ?? 10);
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lens-bench-")));
  const gen = generateProject(dir, { apps, modelsPerApp });
  await ensureParser();
  const ctx: BenchContext = { dir, apps, modelsPerApp };
  const rows: Row[] = [
    ["generated project", `${apps} apps, ${apps * modelsPerApp} models, ${gen.files} files, ${gen.lines} lines`],
  ];
  const sections: [string, (c: BenchContext) => Promise<Row[]>][] = [["index", core], ["server", firstDiagnostics], ...SECTIONS];
  for (const [name, run] of sections) {
    try {
      rows.push(...(await run(ctx)).map(([k, v]): Row => [`${name}: ${k}`, v]));
    } catch (err) {
      rows.push([`${name}: FAILED`, String(err instanceof Error ? err.message : err)]);
    }
  }
  rows.push(["peak RSS", `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`]);
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nDjango Lens benchmark (${os.cpus().length} cores, Node ${process.version})\n`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
