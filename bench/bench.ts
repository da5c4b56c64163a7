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
import { pct } from "./stats";

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

async function server(ctx: BenchContext): Promise<Row[]> {
  let t = performance.now();
  // Diagnostics are published just before the server says it is ready.
  const client = await TestClient.start(ctx.dir, { readyTimeout: 600_000, diagnosticsDelay: undefined });
  const ready = performance.now() - t;
  // Keystrokes in one models.py, over the protocol with the server's own timing: from didChange to
  // the end of the diagnostics pass (djangoLens/indexChanged follows the publication).
  const models = path.join(ctx.dir, "app000", "models.py");
  const text = fs.readFileSync(models, "utf8");
  await client.open(models, text);
  const passes = () => client.notifications.filter((n) => n.method === "djangoLens/indexChanged").length;
  const edit = async (next: string): Promise<number> => {
    const before = passes();
    t = performance.now();
    await client.change(models, next);
    await client.waitFor(() => passes() > before, 600_000, "a diagnostics pass");
    return performance.now() - t;
  };
  await edit(text); // the first pass after opening settles the memos of the whole project
  const times: number[] = [];
  for (let i = 0; i < 30; i++) times.push(await edit(text.replace("    name = models.CharField", `    name${i % 2 ? "" : "x"} = models.CharField`)));
  // A typo that crashes the import: published on the line.
  t = performance.now();
  await client.change(models, text.replace("models.CharField", "models.CharFiled"));
  await client.waitForDiagnostics(models, (d) => d.some((x) => x.code === "lens.unknown-field-class"), 600_000);
  const typo = performance.now() - t;
  await client.stop();
  return [
    ["server start → full index → first diagnostics published", ms(ready)],
    ["keystroke in a models.py → diagnostics pass done (LSP) p50 / p99", `${pct(times, 50).toFixed(1)} / ${pct(times, 99).toFixed(1)} ms`],
    ["typo CharFiled → its diagnostic published (LSP)", ms(typo)],
  ];
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
  const sections: [string, (c: BenchContext) => Promise<Row[]>][] = [["index", core], ["server", server], ...SECTIONS];
  const only = (process.env.BENCH_SECTIONS ?? "").split(",").filter(Boolean);
  for (const [name, run] of sections) {
    if (only.length && !only.includes(name)) continue;
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
