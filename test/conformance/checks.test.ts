// Conformance of `django-lens check` with the real Django's run_checks() (and import crashes) on
// every test-fixtures/checks-* project and mysite, under Django 5.2 and 4.2. For every Django check
// ID Django Lens claims, the findings must match by ID, file and line: no extra, none missed.
// When Django crashes at import, the crash's line must be exactly the lens.* findings' lines.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { RULES } from "../../server/src/analysis/diagnostics/registry";
import { type DjangoLine, FIXTURES, REPO, lens, oracle, requireDjango } from "./oracle";

const CLAIMED = new Set(RULES.map((r) => r.code).filter((c) => !c.startsWith("lens.")));
// lens.* codes that are not import crashes (settings paths, DRF serializers, database aliases).
const NOT_CRASH = /^lens\.(settings|unknown-installed|unknown-middleware|unknown-root|drf-|unknown-database-|unknown-class-path)/;
const CRASH_CODES = new Set(RULES.map((r) => r.code).filter((c) => c.startsWith("lens.") && !NOT_CRASH.test(c)));

const fixtures = fs
  .readdirSync(FIXTURES)
  .filter((d) => d.startsWith("checks-") || d === "mysite")
  .sort();

/** IDs Django reports without an object (so without a file or line): compared by message instead. */
const OBJECTLESS = new Set(["models.E017", "admin.E408", "admin.E409", "admin.E410"]);

type Key = string;
const key = (id: string, file: string | null, line: number | null): Key => `${id} ${file}:${line}`;

describe("conformance: django-lens check agrees with Django's system checks", function () {
  this.timeout(120000);
  before(function () {
    if (!fs.existsSync(path.join(REPO, "dist", "cli.js"))) execFileSync(process.execPath, [path.join(REPO, "esbuild.mjs")], { cwd: REPO });
  });

  for (const version of ["5.2", "4.2"] as DjangoLine[]) {
    describe(`Django ${version}`, function () {
      before(function () {
        requireDjango(this, version);
      });
      for (const fixture of fixtures) {
        it(fixture, function () {
          const root = path.join(FIXTURES, fixture);
          const truth = oracle(version, "checks", root);
          const ours = lens(["check", root, "--json", "--django-version", version]);
          assert.ok(ours.json, `no JSON from the CLI: ${ours.stderr}`);
          const diags: { code: string; file: string; line: number; severity: string }[] = ours.json.projects.flatMap((p: any) => p.diagnostics);
          const crashes = diags.filter((d) => CRASH_CODES.has(d.code));
          if (truth.crash) {
            // Django stopped at the first crash; we must point at it, and at nothing else that crashes.
            assert.deepEqual(
              [...new Set(crashes.map((d) => `${d.file}:${d.line}`))],
              [`${truth.crash.file}:${truth.crash.line}`],
              `Django crashed with ${truth.crash.type}: ${truth.crash.message}`,
            );
            assert.equal(ours.code, 1, "an import crash is an error: exit 1");
            return;
          }
          assert.deepEqual(crashes, [], "Django imports this project: no lens crash finding may be reported");
          const expected = new Set<Key>(
            truth.checks.filter((c: any) => CLAIMED.has(c.id)).map((c: any) => (OBJECTLESS.has(c.id) ? `${c.id} ${c.msg}` : key(c.id, c.file, c.line))),
          );
          const actual = new Set<Key>(
            diags.filter((d) => CLAIMED.has(d.code)).map((d: any) => (OBJECTLESS.has(d.code) ? `${d.code} ${d.message}` : key(d.code, d.file, d.line))),
          );
          const missed = [...expected].filter((k) => !actual.has(k));
          const extra = [...actual].filter((k) => !expected.has(k));
          assert.deepEqual({ missed, extra }, { missed: [], extra: [] });
        });
      }
    });
  }
});
