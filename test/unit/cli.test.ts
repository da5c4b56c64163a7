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

describe("cli JSON contract", function () {
  this.timeout(60000);
  const MYSITE = path.join(FIXTURES, "mysite");
  const keys = (o: any) => Object.keys(o ?? {});

  it("prints exactly DESIGN.md's keys with --json, and more only with --details", () => {
    const header = ["root", "managePy", "settingsModule"];
    const urls = lens(["urls", MYSITE, "--json"]).json.projects[0];
    assert.deepEqual(keys(urls), [...header, "urls"]);
    for (const u of urls.urls) {
      assert.deepEqual(keys(u), ["route", "name", "view", "source"]);
      if (u.view) assert.deepEqual(keys(u.view), ["file", "line", "symbol"]);
      assert.deepEqual(keys(u.source), ["file", "line"]);
    }
    const detailed = lens(["urls", MYSITE, "--json", "--details"]).json.projects[0];
    assert.ok(detailed.urls.some((u: any) => u.view && "module" in u.view), "--details keeps the view's module");

    const resolved = lens(["resolve", MYSITE, "/shop/products/5/", "/nope/", "--json"]).json.projects[0];
    assert.deepEqual(keys(resolved), [...header, "resolved"]);
    assert.deepEqual(keys(resolved.resolved[0]), ["path", "match"]);
    assert.deepEqual(keys(resolved.resolved[0].match), ["route", "name", "view", "kwargs"]);
    assert.deepEqual(resolved.resolved[0].match.kwargs, { pk: "5" });
    assert.equal(resolved.resolved[1].match, null);

    const check = lens(["check", path.join(FIXTURES, "midedit"), "--json"]).json.projects[0];
    assert.deepEqual(keys(check), [...header, "diagnostics"]);
    assert.deepEqual(keys(check.diagnostics[0]), ["file", "line", "column", "endLine", "endColumn", "code", "severity", "message"]);

    const migrations = lens(["migrations", MYSITE, "--json"]).json.projects[0];
    assert.deepEqual(keys(migrations), [...header, "apps"]);
    for (const a of migrations.apps) {
      assert.ok(["app", "leaves", "conflicts", "pending", "status", "reason"].includes(keys(a)[keys(a).length - 1]));
      assert.deepEqual(keys(a).slice(0, 4), ["app", "leaves", "conflicts", "pending"]);
    }

    const templates = lens(["templates", MYSITE, "shop/product_detail.html", "--json"]).json.projects[0];
    assert.deepEqual(keys(templates), [...header, "templates"]);
    assert.deepEqual(keys(templates.templates[0]), ["name", "file", "candidates"]);
  });
});
