// The client's pure logic (no `vscode`): manage.py argv building with hostile names, interpreter
// lookup, showmigrations parsing and test-result parsing (verbosity 2 and xmlrunner XML).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe as describeArgs, manageArgs, manageArgv, validAppName, validPort } from "../../client/src/commands/manageArgs";
import { type FileProbe, findInterpreter } from "../../client/src/python/interpreter";
import { isXmlRunner, parseJUnitXml, parseVerboseOutput, testIdOf } from "../../client/src/testing/results";
import { parseShowMigrations } from "../../client/src/tree/showmigrations";

const FIXTURES = path.join(__dirname, "fixtures");
const HOSTILE = ["my app", "it's", 'say "hi"', "a;rm -rf /", "$(touch /tmp/pwned)", "`id`", "-h", "x\ny", "${HOME}", "a|b&c>d"];

describe("client: manage.py argv", () => {
  it("passes each hostile value as one literal argv element", () => {
    for (const v of HOSTILE) {
      const args = manageArgs({ name: "migrate", app: v, migration: v, database: v });
      assert.equal(args[0], "migrate");
      assert.ok(args.includes(`--database=${v}`), `database ${JSON.stringify(v)}: ${JSON.stringify(args)}`);
      assert.equal(args.filter((a) => a === v).length, 2, JSON.stringify(args));
      assert.deepEqual(manageArgs({ name: "makemigrations", app: v }).slice(-1), [v]);
      assert.deepEqual(manageArgs({ name: "test", labels: [v] }).slice(-1), [v]);
    }
  });

  it("reaches a real process unchanged, with no shell in between", () => {
    // The same argv the task gets, run by node's execFile (no shell), echoed back by Python.
    const { command, args } = manageArgv("python3", "-c", { name: "migrate", app: HOSTILE[4], migration: HOSTILE[5], database: HOSTILE[3] });
    const script = "import sys, json; print(json.dumps(sys.argv[1:]))";
    const out = JSON.parse(execFileSync(command, ["-c", script, ...args.slice(1)], { encoding: "utf8" }));
    assert.deepEqual(out, ["migrate", `--database=${HOSTILE[3]}`, HOSTILE[4], HOSTILE[5]]);
    assert.equal(fs.existsSync("/tmp/pwned"), false);
  });

  it("puts options before positionals and guards a dash-leading positional with --", () => {
    assert.deepEqual(manageArgs({ name: "makemigrations", app: "-h" }), ["makemigrations", "--", "-h"]);
    assert.deepEqual(manageArgs({ name: "migrate", app: "shop", migration: "0002_initial", database: "users" }), ["migrate", "--database=users", "shop", "0002_initial"]);
    assert.deepEqual(manageArgs({ name: "migrate", migration: "0002" }), ["migrate"], "a migration without an app is dropped");
    assert.deepEqual(manageArgs({ name: "sqlmigrate", app: "shop", migration: "0001_initial", database: "users" }), ["sqlmigrate", "--database=users", "shop", "0001_initial"]);
    assert.deepEqual(manageArgs({ name: "showmigrations", database: "users" }), ["showmigrations", "--list", "--database=users"]);
    assert.deepEqual(manageArgs({ name: "test", labels: ["shop.tests.UrlTests"], testRunner: "django.test.runner.DiscoverRunner" }), [
      "test", "--verbosity=2", "--noinput", "--testrunner=django.test.runner.DiscoverRunner", "shop.tests.UrlTests",
    ]);
    assert.deepEqual(manageArgs({ name: "runserver", port: 8001 }), ["runserver", "8001"]);
    assert.deepEqual(manageArgs({ name: "runserver", port: "8001", host: "0.0.0.0" }), ["runserver", "0.0.0.0:8001"]);
    assert.deepEqual(manageArgv("/v/bin/python", "/p/manage.py", { name: "check" }), { command: "/v/bin/python", args: ["/p/manage.py", "check"] });
  });

  it("validates app names and ports the way Django would", () => {
    assert.equal(validAppName("blog"), null);
    for (const bad of ["my app", "1app", "a;b", "$(x)", ""]) assert.ok(validAppName(bad));
    assert.equal(validPort("8000"), null);
    assert.equal(validPort("0.0.0.0:8000"), null);
    for (const bad of ["0", "70000", "abc", "80 80"]) assert.ok(validPort(bad));
  });

  it("describes argv for display with quoting where needed", () => {
    assert.equal(describeArgs(["manage.py", "migrate", "my app"]), 'manage.py migrate "my app"');
  });
});

describe("client: interpreter lookup", () => {
  function probe(files: string[]): FileProbe {
    const set = new Set(files);
    return {
      isFile: (p) => set.has(p),
      list: (dir) => [...new Set(files.filter((f) => path.dirname(path.dirname(path.dirname(f))) === dir).map((f) => path.basename(path.dirname(path.dirname(f)))))],
    };
  }
  const root = "/ws/site";

  it("prefers the Python extension, then the setting, then a virtualenv, then python3", () => {
    const fs = probe(["/ws/site/.venv/bin/python"]);
    assert.deepEqual(findInterpreter({ projectRoot: root, fromPythonExtension: "/x/python", setting: "/y/python" }, fs), { command: "/x/python", source: "python-extension" });
    assert.deepEqual(findInterpreter({ projectRoot: root, setting: "/y/python" }, fs), { command: "/y/python", source: "setting" });
    assert.deepEqual(findInterpreter({ projectRoot: root, platform: "linux" }, fs), { command: "/ws/site/.venv/bin/python", source: "virtualenv" });
    assert.deepEqual(findInterpreter({ projectRoot: root, platform: "linux" }, probe([])), { command: "python3", source: "default" });
  });

  it("finds venv and env* folders beside manage.py or at the workspace folder", () => {
    assert.equal(findInterpreter({ projectRoot: root, platform: "linux" }, probe(["/ws/site/venv/bin/python"])).command, "/ws/site/venv/bin/python");
    assert.equal(findInterpreter({ projectRoot: root, platform: "linux" }, probe(["/ws/site/env-django/bin/python"])).command, "/ws/site/env-django/bin/python");
    assert.equal(findInterpreter({ projectRoot: root, workspaceFolder: "/ws", platform: "linux" }, probe(["/ws/.venv/bin/python"])).command, "/ws/.venv/bin/python");
    // A folder named like a virtualenv without an interpreter is not one.
    assert.equal(findInterpreter({ projectRoot: root, platform: "linux" }, { isFile: () => false, list: () => [".venv", "env"] }).source, "default");
    assert.equal(findInterpreter({ projectRoot: root, platform: "win32" }, probe([path.join("/ws/site/.venv", "Scripts", "python.exe")])).source, "virtualenv", "win32 looks in Scripts/");
    assert.equal(findInterpreter({ projectRoot: root, platform: "win32" }, probe([])).command, "python");
  });

  it("expands ${workspaceFolder} and ~ and resolves relative paths against manage.py's folder", () => {
    assert.equal(findInterpreter({ projectRoot: root, workspaceFolder: "/ws", setting: "${workspaceFolder}/.venv/bin/python" }, probe([])).command, "/ws/.venv/bin/python");
    assert.equal(findInterpreter({ projectRoot: root, home: "/home/u", setting: "~/py/bin/python" }, probe([])).command, "/home/u/py/bin/python");
    assert.equal(findInterpreter({ projectRoot: root, setting: "./v/bin/python" }, probe([])).command, "/ws/site/v/bin/python");
    assert.equal(findInterpreter({ projectRoot: root, setting: "python3.12" }, probe([])).command, "python3.12");
  });
});

describe("client: showmigrations parsing", () => {
  it("reads applied, unapplied, partially recorded and squashed migrations per app", () => {
    const out = [
      "admin",
      " [X] 0001_initial (applied at 2025-01-01 10:00:00)",
      " [ ] 0002_logentry_remove_auto_add",
      "shop",
      " [X] 0001_squashed_0004 (4 squashed migrations)",
      " [-] 0005_x (2 squashed migrations) Run 'manage.py migrate' to finish recording.",
      "empty",
      " (no migrations)",
      "",
    ].join("\n");
    assert.deepEqual(parseShowMigrations(out), [
      { app: "admin", migrations: [{ name: "0001_initial", state: "applied", appliedAt: "2025-01-01 10:00:00" }, { name: "0002_logentry_remove_auto_add", state: "unapplied" }] },
      { app: "shop", migrations: [{ name: "0001_squashed_0004", state: "applied", squashed: 4 }, { name: "0005_x", state: "partial", squashed: 2 }] },
      { app: "empty", migrations: [] },
    ]);
  });
});

describe("client: test results", () => {
  it("names tests from unittest's descriptions (3.11+ and older)", () => {
    assert.equal(testIdOf("test_a (shop.tests.UrlTests.test_a)"), "shop.tests.UrlTests.test_a");
    assert.equal(testIdOf("test_a (shop.tests.UrlTests)"), "shop.tests.UrlTests.test_a");
    assert.equal(testIdOf("test_a (shop.tests.UrlTests.test_a) (i=2)"), "shop.tests.UrlTests.test_a");
    assert.equal(testIdOf("Checks arithmetic."), null);
  });

  it("parses a real Django 5.2 verbosity-2 run with passes, a failure (with docstring) and an error", () => {
    const results = parseVerboseOutput(fs.readFileSync(path.join(FIXTURES, "client-test-verbose2.txt"), "utf8"));
    const by = new Map(results.map((r) => [r.id, r]));
    assert.equal(results.length, 6);
    assert.equal(by.get("shop.tests.UrlTests.test_product_list_url")?.outcome, "passed");
    assert.equal(by.get("shop.tests.ProductTests.test_absolute_url")?.outcome, "passed");
    const fail = by.get("shop.tests.BrokenTests.test_fails");
    assert.equal(fail?.outcome, "failed");
    assert.equal(fail?.message, "AssertionError: 2 != 3");
    assert.deepEqual(fail?.location, { file: "/work/site/shop/tests.py", line: 36 });
    const err = by.get("shop.tests.BrokenTests.test_errors");
    assert.equal(err?.outcome, "errored");
    assert.equal(err?.message, "ValueError: boom");
  });

  it("reads skips, expected failures and output printed before the status", () => {
    const out = [
      "test_a (m.C.test_a) ... skipped 'no db'",
      "test_b (m.C.test_b) ... expected failure",
      "test_c (m.C.test_c) ... hello from the test",
      "ok",
    ].join("\n");
    const by = new Map(parseVerboseOutput(out).map((r) => [r.id, r]));
    assert.deepEqual(by.get("m.C.test_a"), { id: "m.C.test_a", outcome: "skipped", message: "no db" });
    assert.equal(by.get("m.C.test_b")?.outcome, "passed");
    assert.equal(by.get("m.C.test_c")?.outcome, "passed");
  });

  it("parses xmlrunner's JUnit XML", () => {
    const results = parseJUnitXml(fs.readFileSync(path.join(FIXTURES, "client-xmlrunner.xml"), "utf8"));
    const by = new Map(results.map((r) => [r.id, r]));
    assert.equal(results.length, 4);
    assert.equal(by.get("shop.tests.BrokenTests.test_fails")?.message, "AssertionError: 2 != 3");
    assert.deepEqual(by.get("shop.tests.BrokenTests.test_fails")?.location, { file: "/work/site/shop/tests.py", line: 36 });
    assert.equal(by.get("shop.tests.BrokenTests.test_errors")?.outcome, "errored");
    assert.equal(by.get("shop.tests.BrokenTests.test_errors")?.message, "ValueError: boom <3");
    assert.deepEqual(by.get("shop.tests.BrokenTests.test_later"), { id: "shop.tests.BrokenTests.test_later", outcome: "skipped", message: "not today", durationMs: 0 });
    assert.equal(by.get("shop.tests.UrlTests.test_product_list_url")?.outcome, "passed");
    assert.ok(isXmlRunner("xmlrunner.extra.djangotestrunner.XMLTestRunner"));
    assert.ok(!isXmlRunner("django.test.runner.DiscoverRunner"));
  });
});
