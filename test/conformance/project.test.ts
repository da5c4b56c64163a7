// `django-lens project --json` agrees with what the real Django loads (django.conf.settings and
// apps.get_app_configs()) for every fixture, on Django 5.2 and 4.2.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { type DjangoLine, FIXTURES, lens, oracle, requireDjango } from "./oracle";

interface Case {
  fixture: string;
  /** The project folder below the fixture (where manage.py is). */
  project: string;
  settings?: string;
}

const CASES: Case[] = [
  { fixture: "mysite", project: "." },
  { fixture: "srclayout", project: "." },
  { fixture: "srclayout", project: ".", settings: "config.settings.prod" },
  { fixture: "multi", project: "alpha" },
  { fixture: "multi", project: "beta" },
  { fixture: "nosettings", project: ".", settings: "web.settings" },
];

for (const version of ["5.2", "4.2"] as DjangoLine[]) {
  describe(`conformance: django-lens project agrees with Django ${version}`, function () {
    this.timeout(60000);
    before(function () {
      requireDjango(this, version);
    });
    for (const c of CASES) {
      it(`${c.fixture}/${c.project}${c.settings ? ` --settings ${c.settings}` : ""}`, () => {
        const folder = path.join(FIXTURES, c.fixture);
        const root = path.join(folder, c.project);
        const args = c.settings ? ["--settings", c.settings] : [];
        const expected = oracle(version, "project", root, args);
        const ours = lens(["project", folder, "--json", ...args]);
        assert.equal(ours.code, 0, ours.stderr);
        const project = ours.json.projects.find((p: any) => p.root === c.project);
        assert.ok(project, `no project at ${c.project}: ${JSON.stringify(ours.json)}`);
        // Our paths are relative to the folder given; the oracle's to the project root.
        const toRoot = (p: string | null) => (p === null ? null : path.posix.relative(c.project, p) || ".");
        assert.equal(project.settingsModule, expected.settingsModule);
        assert.equal(project.rootUrlconf, expected.rootUrlconf);
        assert.deepEqual(project.databases, expected.databases);
        assert.deepEqual(
          project.apps.map((a: any) => ({ label: a.label, name: a.name, path: toRoot(a.path) })),
          expected.apps.map((a: any) => ({ label: a.label, name: a.name, path: a.path })),
        );
      });
    }
    // Projects Django cannot start: our finding says what Django's crash says.
    for (const fixture of ["midedit", "settings-bad-appconfig"]) {
      it(`${fixture}: lens.unknown-installed-app carries Django's startup error`, () => {
        const expected = oracle(version, "project", path.join(FIXTURES, fixture));
        assert.ok(expected.crash, "Django should fail to start");
        const ours = lens(["check", path.join(FIXTURES, fixture), "--json"]);
        const messages = ours.json.projects[0].diagnostics.filter((d: any) => d.code === "lens.unknown-installed-app").map((d: any) => d.message);
        assert.deepEqual(messages, [expected.crash.message]);
      });
    }
  });
}
