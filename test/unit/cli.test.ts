// The CLI's contract: --help, --version, exit codes, the JSON envelope and the text form.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { FIXTURES, lens } from "../conformance/oracle";
import { writeTree } from "./helpers";

describe("cli", function () {
  this.timeout(30000);

  it("prints help and version", () => {
    const help = lens(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: django-lens <command> <dir>/);
    assert.match(help.stdout, /project <dir>/);
    const version = lens(["--version"]);
    assert.equal(version.code, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  });

  it("exits 2 with a clear message when the folder holds no Django project", () => {
    const empty = writeTree({ "README.md": "nothing here\n" });
    const r = lens(["project", empty, "--json"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no Django project \(manage\.py\) found in /);
    assert.equal(r.stdout, "");
  });

  it("exits 2 on an unknown command, option or folder", () => {
    assert.equal(lens(["frobnicate", FIXTURES]).code, 2);
    assert.equal(lens(["project", FIXTURES, "--bogus"]).code, 2);
    assert.equal(lens(["project", path.join(FIXTURES, "does-not-exist")]).code, 2);
  });

  it("answers per project, with paths relative to the folder given", () => {
    const r = lens(["project", path.join(FIXTURES, "multi"), "--json"]);
    assert.equal(r.code, 0);
    assert.deepEqual(r.json.projects.map((p: any) => [p.root, p.managePy, p.settingsModule]), [
      ["alpha", "alpha/manage.py", "alpha.settings"],
      ["beta", "beta/manage.py", "beta.settings"],
    ]);
    assert.equal(r.json.projects[0].apps.find((a: any) => a.label === "core").path, "alpha/core");
    assert.deepEqual(Object.keys(r.json.projects[0]), ["root", "managePy", "settingsModule", "rootUrlconf", "databases", "apps"]);
  });

  it("honours --settings and reports the settings module it used", () => {
    const r = lens(["project", path.join(FIXTURES, "srclayout"), "--json", "--settings", "config.settings.prod"]);
    assert.equal(r.json.projects[0].settingsModule, "config.settings.prod");
    assert.ok(r.json.projects[0].apps.some((a: any) => a.label === "humanize"));
  });

  it("has a readable text form", () => {
    const r = lens(["project", path.join(FIXTURES, "mysite")]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /settings mysite\.settings/);
    assert.match(r.stdout, /DATABASES\s+default, users/);
    assert.match(r.stdout, /\n\s+shop\s+shop\s+shop\n/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, "no colour when stdout is not a TTY");
  });
});
