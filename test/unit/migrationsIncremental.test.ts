// The migrations analysis after edits (issue 5): the drift after a sequence of edits in open
// documents equals a fresh analysis of the same texts, and an edit in one app's models.py
// recomputes that app's model state and diff only, and nothing more when they come out equal
// (early cutoff): the other apps' states, the cross-app layout and the report stay valid.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { migrationDrift } from "../../server/src/analysis/diagnostics/migrations";
import { migrationsReport } from "../../server/src/analysis/migrations/report";
import { ensureParser } from "../../server/src/python/parser";
import type { DjangoProject } from "../../server/src/project/project";
import { Workspace } from "../../server/src/project/workspace";
import { BASES, mutate, rng } from "../conformance/migrationsMutants";

const FIXTURES = path.resolve(__dirname, "..", "..", "test-fixtures");

function copyFixture(name: string): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lens-incr-")));
  fs.cpSync(path.join(FIXTURES, name), root, { recursive: true });
  return root;
}

function workspace(root: string, version: string): { ws: Workspace; project: DjangoProject } {
  const ws = new Workspace([root], () => ({ djangoVersion: version }));
  return { ws, project: ws.projects()[0] };
}

/** Everything the drift analysis answers, in a comparable form. */
function answer(project: DjangoProject): { apps: unknown; problems: unknown; drift: unknown[] } {
  const r = migrationsReport(project);
  return {
    apps: r.apps.map((a) => ({ ...a, pending: a.pending.map((p) => [p.operation, p.model, p.field ?? "", p.detail ?? ""]) })),
    problems: r.problems.map((p) => [p.kind, p.app, p.message]),
    drift: migrationDrift.run(project),
  };
}

/** Memo keys recomputed during `run`, by the index's private recompute (as bench/prof_keystroke.ts counts them). */
function recomputed(ws: Workspace, run: () => void): string[] {
  const idx = ws.index as unknown as { recompute: (...a: unknown[]) => unknown };
  const orig = idx.recompute;
  const keys: string[] = [];
  idx.recompute = function (this: unknown, ...a: unknown[]) {
    keys.push(String(a[0]));
    return orig.apply(this, a);
  };
  try {
    run();
  } finally {
    idx.recompute = orig;
  }
  return keys;
}

describe("migrations: incremental drift", function () {
  this.timeout(120000);
  before(async () => {
    await ensureParser();
  });

  it("edits in open documents give the answer of a fresh analysis", () => {
    for (const version of ["5.2", "4.2"]) {
      for (const [b, base] of BASES.entries()) {
        const root = copyFixture(base.fixture);
        try {
          const live = workspace(root, version);
          answer(live.project);
          const texts = new Map<string, string>();
          const r = rng(77 + b);
          for (let step = 0; step < 12; step++) {
            const rel = Object.keys(base.files)[Math.floor(r() * Object.keys(base.files).length)];
            const file = path.join(root, rel);
            const before = texts.get(file) ?? fs.readFileSync(file, "utf8");
            // Mostly one mutation on the current text; now and then back to the file on disk.
            const text = step % 5 === 4 ? fs.readFileSync(file, "utf8") : mutate(before, r, 1, base.files[rel]).text;
            texts.set(file, text);
            live.ws.index.setOverlay(file, text, step + 2);
            const fresh = workspace(root, version);
            for (const [f, t] of texts) fresh.ws.index.setOverlay(f, t, 1);
            assert.deepEqual(answer(live.project), answer(fresh.project), `${base.fixture} (Django ${version}) after edit ${step} of ${rel}`);
          }
        } finally {
          fs.rmSync(root, { recursive: true, force: true });
        }
      }
    }
  });

  it("an edit in one app recomputes that app's state and diff only; an edit that changes nothing stops there", () => {
    const root = copyFixture("migrations-cross-app");
    try {
      const { ws, project } = workspace(root, "5.2");
      assert.deepEqual(answer(project).drift, []);
      const file = path.join(root, "catalog", "models.py");
      const text = fs.readFileSync(file, "utf8");
      const m = /max_length=(\d+)/.exec(text);
      assert.ok(m, "catalog/models.py has a max_length");

      // A field changes: catalog's state and diff are recomputed; orders' are not, nor is the
      // cross-app layout (the models and their labels are the same).
      let keys = recomputed(ws, () => {
        ws.index.setOverlay(file, text.replace(m[0], `max_length=${Number(m[1]) + 1}`), 2);
        assert.equal(migrationDrift.run(project).length, 1);
      });
      const has = (prefix: string, app?: string) => keys.some((k) => k.startsWith(prefix + ":") && (app === undefined || k.endsWith(":" + app)));
      assert.ok(has("migrations-models-app", "catalog"), "catalog's state is recomputed");
      assert.ok(has("migrations-app-diff", "catalog"), "catalog's diff is recomputed");
      assert.ok(!has("migrations-models-app", "orders"), "orders' state is not recomputed");
      assert.ok(!has("migrations-app-diff", "orders"), "orders' diff is not recomputed");
      assert.ok(!has("migrations-models-layout"), "the layout is not recomputed");
      assert.ok(!has("migrations-history"), "the migrations' side is not recomputed");

      // A comment changes nothing: catalog's state comes out equal and the report stays valid.
      const edited = text.replace(m[0], `max_length=${Number(m[1]) + 1}`);
      keys = recomputed(ws, () => {
        ws.index.setOverlay(file, `${edited}\n# a comment\n`, 3);
        assert.equal(migrationDrift.run(project).length, 1);
      });
      assert.ok(has("migrations-models-app", "catalog"), "catalog's state is recomputed");
      assert.ok(!has("migrations-app-diff"), "no diff is recomputed");
      assert.ok(!has("migrations"), "the report is not recomputed");

      // Back to the text on disk: no drift again, and still only catalog recomputed.
      keys = recomputed(ws, () => {
        ws.index.setOverlay(file, text, 4);
        assert.deepEqual(migrationDrift.run(project), []);
      });
      assert.ok(!has("migrations-models-app", "orders") && !has("migrations-app-diff", "orders"));

      // A migration file changes without changing its operations: the history is replayed again,
      // each app's replayed models come out equal, and no diff is recomputed.
      const mig = path.join(root, "catalog", "migrations", "0001_initial.py");
      keys = recomputed(ws, () => {
        ws.index.setOverlay(mig, `${fs.readFileSync(mig, "utf8")}\n# edited\n`, 2);
        assert.deepEqual(migrationDrift.run(project), []);
      });
      assert.ok(has("migrations-history"), "the history is replayed");
      assert.ok(!has("migrations-app-diff"), "no diff is recomputed");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
