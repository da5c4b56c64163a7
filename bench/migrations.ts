// Migrations benchmark (issue 5): `django-lens migrations --check` against
// `python manage.py makemigrations --check --dry-run` with the cached real Django on the same
// generated project (as a ratio; target ≥ 5× faster), and the drift re-check after a keystroke in
// one models.py (p50/p99; target p99 under 50 ms from the edit to the drift findings).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { migrationDrift } from "../server/src/analysis/diagnostics/migrations";
import { migrationsReport } from "../server/src/analysis/migrations/report";
import { ensureParser } from "../server/src/python/parser";
import { Workspace } from "../server/src/project/workspace";
import type { BenchContext, Row } from "./sections";
import { pct } from "./stats";

const REPO = path.resolve(__dirname, "..");

/** Wall time of a process (ms); its exit code does not matter (--check exits 1 on drift). */
function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { ms: number; code: number } {
  const t = performance.now();
  let code = 0;
  try {
    execFileSync(cmd, args, { cwd, env, stdio: "ignore", maxBuffer: 256 * 1024 * 1024 });
  } catch (err) {
    code = (err as { status?: number }).status ?? -1;
  }
  return { ms: performance.now() - t, code };
}

export async function migrationsSection(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const cli = path.join(REPO, "dist", "cli.js"); // built by `npm run bench`
  const django = path.join(REPO, ".cache", "django", "5.2", "usr", "lib", "python3", "dist-packages");
  const python = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  if (fs.existsSync(cli) && fs.existsSync(path.join(django, "django"))) {
    const runs = 3;
    const lens: number[] = [];
    const dj: number[] = [];
    let codes = "";
    for (let i = 0; i < runs; i++) {
      const a = timed(process.execPath, [cli, "migrations", ctx.dir, "--check", "--json", "--django-version", "5.2"], ctx.dir, process.env);
      const b = timed(python, ["manage.py", "makemigrations", "--check", "--dry-run"], ctx.dir, { ...process.env, PYTHONPATH: django, PYTHONDONTWRITEBYTECODE: "1" });
      lens.push(a.ms);
      dj.push(b.ms);
      codes = `exit codes: lens ${a.code}, Django ${b.code}`;
    }
    const l = pct(lens, 50);
    const d = pct(dj, 50);
    rows.push(
      ["django-lens migrations --check (process, median of 3)", `${l.toFixed(0)} ms`],
      ["manage.py makemigrations --check --dry-run, Django 5.2 (median of 3)", `${d.toFixed(0)} ms (${codes})`],
      ["speed-up over makemigrations (target ≥ 5×)", `${(d / l).toFixed(1)}×`],
    );
  } else {
    rows.push(["makemigrations comparison", "skipped: needs dist/cli.js and .cache/django/5.2 (scripts/get-django.sh)"]);
  }

  await ensureParser();
  const ws = new Workspace([ctx.dir]);
  const project = ws.projects()[0];
  let t = performance.now();
  migrationDrift.run(project);
  const cold = performance.now() - t;
  const modelsFile = fs
    .readdirSync(ctx.dir)
    .map((d) => path.join(ctx.dir, d, "models.py"))
    .find((f) => fs.existsSync(f))!;
  const text = fs.readFileSync(modelsFile, "utf8");
  // Keystrokes in one models.py: each edit changes that app's models' state, so its state and diff
  // are recomputed; the migrations' graph and replayed state (memoised on the migration files
  // alone), every other app's state and diff, and the cross-app layout (cut off by value) are not.
  let docVersion = 2;
  const keystrokes = (edit: (t: string, i: number) => string, n: number) => {
    const times: number[] = [];
    let drifting = 0;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      ws.index.setOverlay(modelsFile, edit(text, i), docVersion++);
      const found = migrationDrift.run(project);
      times.push(performance.now() - t0);
      if (found.length) drifting++;
    }
    ws.index.setOverlay(modelsFile, text, docVersion++);
    migrationDrift.run(project);
    return { times, drifting };
  };
  const maxLength = keystrokes((t, i) => t.replace(/max_length=50\b/, `max_length=${50 + (i % 7)}`), 60);
  const times = maxLength.times;
  const drifting = maxLength.drifting;
  // Other kinds of edits: a field renamed (RemoveField + AddField), a field added.
  const rename = keystrokes((t, i) => t.replace("    name = models.CharField", `    name${i % 2 ? "x" : ""} = models.CharField`), 30);
  const add = keystrokes((t, i) => t.replace("slug = models.SlugField(unique=True)", `slug = models.SlugField(unique=True)\n    extra${i} = models.IntegerField(default=${i})`), 30);
  // An edit of one migration file: the graph and the replay are redone, the models' states are not.
  const migFile = path.join(path.dirname(modelsFile), "migrations", "0001_initial.py");
  const migTimes: number[] = [];
  if (fs.existsSync(migFile)) {
    const migText = fs.readFileSync(migFile, "utf8");
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      ws.index.setOverlay(migFile, `${migText}\n# edit ${i}\n`, i + 2);
      migrationDrift.run(project);
      migTimes.push(performance.now() - t);
    }
  }
  const apps = migrationsReport(project).apps.length;
  rows.push(
    ["drift, cold (every app replayed and compared)", `${cold.toFixed(1)} ms, ${apps} migrated apps`],
    ["drift re-check after a keystroke in one models.py: p50", `${pct(times, 50).toFixed(1)} ms`],
    ["drift re-check after a keystroke: p99 (target < 50 ms)", `${pct(times, 99).toFixed(1)} ms (${drifting}/60 edits drift)`],
  );
  rows.push(
    ["drift re-check after renaming a field: p50 / p99", `${pct(rename.times, 50).toFixed(1)} / ${pct(rename.times, 99).toFixed(1)} ms`],
    ["drift re-check after adding a field: p50 / p99", `${pct(add.times, 50).toFixed(1)} / ${pct(add.times, 99).toFixed(1)} ms`],
  );
  if (migTimes.length) rows.push(["drift re-check after an edit of one migration file: p50", `${pct(migTimes, 50).toFixed(1)} ms`]);
  return rows;
}
