// Conformance of `django-lens migrations --check --json` with the real Django's autodetector: the
// fixtures as they are, and a seeded set of models.py mutants (differential test), under Django 5.2
// and 4.2. Prints precision and recall of the per-app verdict and of the operation sets; unknown
// apps are counted apart (they never fail --check) and reported.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../server/src/cli";
import { ensureParser } from "../../server/src/python/parser";
import { type DjangoLine, FIXTURES, PYTHON, REPO, djangoPath, requireDjango } from "./oracle";
import { BASES, mutate, rng } from "./migrationsMutants";

const MUTANTS = Number(process.env.MIGRATION_MUTANTS ?? 150);

function oracleBatch(version: DjangoLine, roots: string[]): Record<string, any> {
  const out = execFileSync(PYTHON, [path.join(REPO, "scripts", "oracle_batch.py"), ...roots], {
    env: { ...process.env, PYTHONPATH: djangoPath(version) ?? "", PYTHONDONTWRITEBYTECODE: "1" },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

async function lensJson(root: string, version: DjangoLine): Promise<any> {
  let text = "";
  const code = await main(["migrations", root, "--json", "--details", "--check", "--django-version", version], (s) => {
    text += s;
    return true;
  });
  // The exit code rides along: --check's verdict is part of what must agree with Django.
  return { ...JSON.parse(text), exitCode: code };
}

/** A cycle's "a.b, c.d, e.f" up to rotation (Django starts it wherever Python's set order says). */
function rotationFree(message: string): string {
  const parts = message.split(", ");
  let best = message;
  for (let i = 1; i < parts.length; i++) {
    const r = [...parts.slice(i), ...parts.slice(0, i)].join(", ");
    if (r < best) best = r;
  }
  return best;
}

/**
 * The project-level facts: a graph Django cannot build (its exception and message), the conflict
 * error, and --check's exit code. Returns true when app-level comparison is meaningful.
 */
function compareProject(t: Tally, label: string, ours: any, theirs: any): boolean {
  const problems: any[] = ours?.projects?.[0]?.problems ?? [];
  const errors = problems.filter((p) => p.kind !== "duplicate-number" && p.kind !== "conflict");
  if (theirs.graphError) {
    const first = errors[0];
    const norm = (m: string, type: string) => (type === "CircularDependencyError" ? rotationFree(m) : m);
    if (!first) t.failures.push(`${label}: Django cannot build the graph (${theirs.graphError.type}: ${theirs.graphError.message}), we see no problem`);
    else if (first.type !== theirs.graphError.type || norm(first.message, first.type) !== norm(theirs.graphError.message, theirs.graphError.type)) {
      t.failures.push(`${label}: graph error differs: ours ${first.type}: ${first.message}; Django ${theirs.graphError.type}: ${theirs.graphError.message}`);
    }
    if (ours.exitCode !== 1) t.failures.push(`${label}: --check must fail on a broken graph`);
    return false;
  }
  if (errors.length) t.failures.push(`${label}: we report graph errors Django does not: ${errors.map((e) => e.message).join("; ")}`);
  const ourConflict = problems.filter((p) => p.kind === "conflict").map((p) => p.message).join("; ");
  if (ourConflict !== (theirs.conflictMessage ?? "")) t.failures.push(`${label}: conflict message: ours "${ourConflict}", Django "${theirs.conflictMessage ?? ""}"`);
  return true;
}

const opKey = (p: { operation: string; model: string; field?: string }) => `${p.operation} ${p.model}${p.field ? "." + p.field : ""}`;

interface Tally {
  tp: number; fp: number; fn: number; tn: number; unknown: number; opTp: number; opFp: number; opFn: number;
  failures: string[];
}

function compare(t: Tally, label: string, ours: any, theirs: any): void {
  const ourApps = new Map<string, any>((ours?.projects?.[0]?.apps ?? []).map((a: any) => [a.app, a]));
  if (theirs.crash) {
    t.failures.push(`${label}: oracle crashed: ${theirs.crash.message}`);
    return;
  }
  if (!compareProject(t, label, ours, theirs)) return;
  const asked = !!theirs.error; // makemigrations would stop and ask: the whole run fails
  const theirApps: any[] = theirs.apps ?? [...ourApps.values()].map((a) => ({ app: a.app, pending: null, leaves: a.leaves, conflicts: a.conflicts }));
  for (const th of theirApps) {
    const our = ourApps.get(th.app);
    if (!our) {
      t.failures.push(`${label}: app ${th.app} missing from our output`);
      continue;
    }
    if (our.status === "unknown") {
      t.unknown++;
      continue;
    }
    assert.deepEqual(our.leaves, th.leaves, `${label}: leaves of ${th.app}`);
    assert.deepEqual(our.conflicts, th.conflicts, `${label}: conflicts of ${th.app}`);
    const ourDrift = our.pending.length > 0;
    if (asked) {
      // Only the verdict of the project is known; count the app that we say drifts.
      if (ourDrift) t.tp++;
      continue;
    }
    const theirDrift = th.pending.length > 0;
    if (ourDrift && theirDrift) t.tp++;
    else if (ourDrift) {
      t.fp++;
      t.failures.push(`${label}: ${th.app} false drift: ${our.pending.map(opKey).join(", ")}`);
    } else if (theirDrift) {
      t.fn++;
      t.failures.push(`${label}: ${th.app} missed drift: ${th.pending.map(opKey).join(", ")}`);
    } else t.tn++;
    const a = new Set<string>(our.pending.map(opKey));
    const b = new Set<string>(th.pending.map(opKey));
    for (const x of a) (b.has(x) ? t.opTp++ : t.opFp++);
    for (const x of b) if (!a.has(x)) t.opFn++;
    if ([...a].some((x) => !b.has(x)) || [...b].some((x) => !a.has(x))) {
      t.failures.push(`${label}: ${th.app} ops differ: ours [${[...a].join(", ")}] Django [${[...b].join(", ")}]`);
    }
  }
  if (asked && ![...ourApps.values()].some((a) => a.status !== "unknown" && a.pending.length > 0)) {
    t.fn++;
    t.failures.push(`${label}: Django would stop and ask, we see no drift`);
  }
  // --check: Django fails on pending changes, a question, or conflicting leaves; we may only pass
  // where Django fails when we said "unknown" for the app that drifts.
  const djangoFails = asked || !!theirs.conflictMessage || theirApps.some((a) => (a.pending?.length ?? 0) > 0);
  const unknownDrift = theirApps.some((a) => (a.pending?.length ?? 0) > 0 && ourApps.get(a.app)?.status === "unknown");
  if (ours.exitCode === 1 && !djangoFails) t.failures.push(`${label}: --check fails where makemigrations --check passes`);
  if (ours.exitCode !== 1 && djangoFails && !unknownDrift) t.failures.push(`${label}: --check passes where makemigrations --check fails`);
}

const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);

for (const version of ["5.2", "4.2"] as DjangoLine[]) {
  describe(`conformance: django-lens migrations agrees with makemigrations (Django ${version})`, function () {
    this.timeout(600000);
    before(async function () {
      requireDjango(this, version);
      await ensureParser();
    });

    it("fixtures as they are", async function () {
      const roots = fs.readdirSync(FIXTURES).filter((d) => d.startsWith("migrations-") || d === "mysite").map((d) => path.join(FIXTURES, d));
      const theirs = oracleBatch(version, roots);
      const t: Tally = { tp: 0, fp: 0, fn: 0, tn: 0, unknown: 0, opTp: 0, opFp: 0, opFn: 0, failures: [] };
      const unknown: string[] = [];
      for (const root of roots) {
        const ours = await lensJson(root, version);
        compare(t, path.basename(root), ours, theirs[root]);
        if (theirs[root]?.graphError) continue; // Django has no per-app answer either
        for (const a of ours.projects?.[0]?.apps ?? []) if (a.status === "unknown") unknown.push(`${path.basename(root)}: ${a.app}: ${a.reason}`);
      }
      assert.deepEqual(t.failures, []);
      // Every fixture is analysed in full: "unknown" is allowed for no app of them.
      assert.deepEqual(unknown, []);
    });

    it(`${MUTANTS} seeded mutants of clean fixtures: 100% precision and recall`, async function () {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lens-mut-"));
      const roots: string[] = [];
      const edits = new Map<string, string[]>();
      try {
        for (let i = 0; i < MUTANTS; i++) {
          const base = BASES[i % BASES.length];
          const root = path.join(tmp, `m${i}`);
          fs.cpSync(path.join(FIXTURES, base.fixture), root, { recursive: true });
          const r = rng(1000 + i);
          const files = Object.keys(base.files);
          const rel = files[Math.floor(r() * files.length)];
          const file = path.join(root, rel);
          const { text, applied } = mutate(fs.readFileSync(file, "utf8"), r, 1 + Math.floor(r() * 3), base.files[rel]);
          fs.writeFileSync(file, text);
          applied.unshift(`${base.fixture}/${rel}`);
          if (base.fixture === "mysite" && !text.includes("class Order(")) {
            // The model is gone: its admin registration must go too, or Django fails to start.
            const admin = path.join(root, "shop", "admin.py");
            fs.writeFileSync(admin, fs.readFileSync(admin, "utf8").replace("admin.site.register(Order)\n", ""));
          }
          roots.push(root);
          edits.set(root, applied);
        }
        const theirs = oracleBatch(version, roots);
        const t: Tally = { tp: 0, fp: 0, fn: 0, tn: 0, unknown: 0, opTp: 0, opFp: 0, opFn: 0, failures: [] };
        for (const root of roots) compare(t, `${path.basename(root)} [${edits.get(root)?.join("; ")}]`, await lensJson(root, version), theirs[root]);
        console.log(
          `    Django ${version}: ${roots.length} mutants; verdict precision ${pct(t.tp, t.tp + t.fp)} recall ${pct(t.tp, t.tp + t.fn)} ` +
            `(tp ${t.tp}, fp ${t.fp}, fn ${t.fn}, tn ${t.tn}, unknown ${t.unknown}); operations precision ${pct(t.opTp, t.opTp + t.opFp)} recall ${pct(t.opTp, t.opTp + t.opFn)}`,
        );
        assert.deepEqual(t.failures, []);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
}
