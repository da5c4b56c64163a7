// The settings rules of issue 4 on test-fixtures/checks-settings: class paths that do not resolve
// (import_string's words), Django's admin middleware checks (a workspace subclass of
// AuthenticationMiddleware counts, as Django's _contains_subclass does), an ENGINE that is not a
// backend, and `--database` aliases in a Makefile, a shell script and VS Code tasks.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runRules } from "../../server/src/analysis/diagnostics/registry";
import { Workspace } from "../../server/src/project/workspace";
import { ensureParser } from "../../server/src/python/parser";

const ROOT = path.resolve(__dirname, "..", "..", "test-fixtures", "checks-settings");

describe("settings diagnostics (issue 4)", () => {
  let found: string[];
  before(async () => {
    await ensureParser();
    const project = new Workspace([ROOT]).projects()[0];
    found = runRules(project)
      .findings.map((f) => `${path.relative(ROOT, f.file)}:${f.range.start.line + 1} ${f.code} ${f.message}`)
      .sort();
  });

  it("reports class paths in AUTHENTICATION_BACKENDS, WSGI_APPLICATION and REST_FRAMEWORK that name nothing", () => {
    const paths = found.filter((f) => f.includes("lens.unknown-class-path"));
    assert.deepEqual(paths, [
      'proj/settings.py:31 lens.unknown-class-path Module "accounts.backends" does not define a "PhoneBackend" attribute/class',
      'proj/settings.py:33 lens.unknown-class-path Module "proj.wsgi" does not define a "app" attribute/class',
      'proj/settings.py:35 lens.unknown-class-path Module "accounts.permissions" does not define a "Nope" attribute/class',
      "proj/settings.py:36 lens.unknown-class-path No module named 'accounts.pagination'",
    ]);
  });

  it("reports the admin's missing middleware, but not one a workspace subclass provides", () => {
    const admin = found.filter((f) => / admin\.E4/.test(f)).map((f) => f.split(" ")[1]);
    assert.deepEqual(admin, ["admin.E409", "admin.E410"]);
  });

  it("reports an ENGINE that is not one of Django's backends", () => {
    assert.ok(found.some((f) => f.startsWith("proj/settings.py:40 lens.unknown-database-engine 'django.db.backends.postgres' isn't an available database backend")));
  });

  it("reports --database aliases DATABASES does not define, once each, and not the ones it does", () => {
    const aliases = found.filter((f) => f.includes("lens.unknown-database-alias")).map((f) => f.split(" ").slice(0, 1).concat(f.match(/'(\w+)'/)![1]).join(" "));
    assert.deepEqual(aliases, [".vscode/tasks.json:5 legacy", "Makefile:4 reports", "scripts/deploy.sh:2 analytics"]);
  });
});
