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
import { mutate, rng } from "./migrationsMutants";

const BASES = ["mysite"];
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
  await main(["migrations", root, "--json", "--check", "--django-version", version], (s) => {
    text += s;
    return true;
  });
  return JSON.parse(text);
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
      for (const root of roots) compare(t, path.basename(root), await lensJson(root, version), theirs[root]);
      assert.deepEqual(t.failures, []);
    });

    it(`${MUTANTS} seeded mutants of clean fixtures: 100% precision and recall`, async function () {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lens-mut-"));
      const roots: string[] = [];
      const edits = new Map<string, string[]>();
      try {
        for (let i = 0; i < MUTANTS; i++) {
          const base = BASES[i % BASES.length];
          const root = path.join(tmp, `m${i}`);
          fs.cpSync(path.join(FIXTURES, base), root, { recursive: true });
          const file = path.join(root, "shop", "models.py");
          const r = rng(1000 + i);
          const { text, applied } = mutate(fs.readFileSync(file, "utf8"), r, 1 + Math.floor(r() * 3));
          fs.writeFileSync(file, text);
          if (!text.includes("class Order(")) {
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
