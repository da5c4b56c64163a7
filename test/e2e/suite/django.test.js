// manage.py commands and the test explorer against the fixture with the real Django 5.2
// (scripts/e2e.sh prepares the copy: SQLite settings, Django on PYTHONPATH via djangoLens.manage.env).
"use strict";
const assert = require("assert");
const fs = require("fs");
const vscode = require("vscode");
const { djangoReady, lensApi, scriptedUi, waitFor, ws } = require("./helpers");

describe("manage.py with the real Django", function () {
  this.timeout(120000);
  let api;
  let restoreUi = () => {};
  before(async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    if (!djangoReady()) {
      console.log("    SKIPPED: the workspace was not prepared for the real Django (run scripts/e2e.sh)");
      this.skip();
    }
    api = await lensApi(this);
  });
  afterEach(() => restoreUi());

  it("flags drift, then Make Migrations for an app (picked as from the palette) writes the migration file", async function () {
    const models = ws("shop", "models.py");
    const src = fs.readFileSync(models, "utf8");
    fs.writeFileSync(models, src.replace("    in_stock = models.BooleanField(default=True)\n", '    in_stock = models.BooleanField(default=True)\n    sku = models.CharField(max_length=20, default="")\n'));
    // The migrations analysis sees the new field: the model gets a drift warning in the Apps tree.
    const product = await waitFor(async () => (await api.views.apps.nodes()).find((n) => n.kind === "model" && n.label === "Product" && n.warning), "a drift warning on Product", 30000);
    assert.match(product.warning, /AddField sku/);

    const { ui, asked } = scriptedUi(["shop"]);
    restoreUi = api.setUi(ui);
    const code = await vscode.commands.executeCommand("djangoLens.makemigrations");
    assert.strictEqual(code, 0, "makemigrations exit code");
    assert.ok(asked[0].labels.includes("shop") && asked[0].labels.includes("users"), JSON.stringify(asked));
    const file = ws("shop", "migrations", "0004_product_sku.py");
    assert.ok(fs.existsSync(file), `${file} was not written`);
    assert.match(fs.readFileSync(file, "utf8"), /migrations\.AddField\(\s*model_name=['"]product['"],\s*name=['"]sku['"]/);
    await waitFor(async () => !(await api.views.apps.nodes()).find((n) => n.kind === "model" && n.label === "Product").warning, "the drift warning to go away", 30000);
  });

  it("Migrate… offers the DATABASES aliases (default, users) and runs against the one picked", async function () {
    const { ui, asked } = scriptedUi(["shop", "users"]);
    restoreUi = api.setUi(ui);
    const code = await vscode.commands.executeCommand("djangoLens.migrate");
    assert.deepStrictEqual(asked[1].labels, ["default", "users"], JSON.stringify(asked));
    assert.strictEqual(code, 0, "migrate exit code");
    assert.ok(fs.existsSync(ws("e2e-users.sqlite3")), "the users database was created");
  });

  it("Migrations view: 'not checked' until showmigrations runs, then the applied state it printed", async function () {
    const before = await api.views.migrations.getChildren();
    assert.strictEqual(before[0].kind, "hint", "a 'not checked' hint first");
    const shopBefore = before.find((n) => n.kind === "app" && n.app === "shop");
    assert.strictEqual(api.views.migrations.getTreeItem(shopBefore).description, "not checked");

    const { ui } = scriptedUi(["users"]);
    restoreUi = api.setUi(ui);
    const result = await vscode.commands.executeCommand("djangoLens.showmigrations");
    assert.strictEqual(result.code, 0);
    const after = await api.views.migrations.getChildren();
    assert.ok(!after.some((n) => n.kind === "hint"));
    const shop = after.find((n) => n.kind === "app" && n.app === "shop");
    assert.strictEqual(api.views.migrations.getTreeItem(shop).description, "all applied (users)");
    const users = after.find((n) => n.kind === "app" && n.app === "users");
    assert.ok(users);
    // Django's own apps appear once showmigrations lists them; sessions was not migrated on users.
    const sessions = after.find((n) => n.kind === "app" && n.app === "sessions");
    const migs = await api.views.migrations.getChildren(sessions);
    assert.deepStrictEqual(migs.map((m) => [m.name, m.state]), [["0001_initial", "unapplied"]]);
  });

  it("test explorer: Run All reports passes and failures per test", async function () {
    fs.writeFileSync(
      ws("shop", "test_e2e.py"),
      [
        "from django.test import SimpleTestCase",
        "",
        "",
        "class E2ETests(SimpleTestCase):",
        "    def test_passes(self):",
        "        self.assertEqual(1 + 1, 2)",
        "",
        "    def test_fails(self):",
        "        self.assertEqual(1 + 1, 3)",
        "",
      ].join("\n"),
    );
    const managePy = ws("manage.py");
    const id = (label) => `${managePy}::${label}`;
    const tests = api.views.tests;
    // Discovered statically, after the file watcher told the server.
    await waitFor(() => {
      const mod = tests.controller.items.get(id("shop.test_e2e"));
      return mod && mod.children.get(id("shop.test_e2e.E2ETests"));
    }, "the new test module in the test explorer", 30000);
    assert.ok(tests.controller.items.get(id("users.tests")), "users.tests");

    const done = new Promise((resolve) => {
      const d = tests.onDidFinishRun(() => {
        d.dispose();
        resolve();
      });
    });
    // What the Testing view's "Run Tests" does.
    await vscode.commands.executeCommand("testing.runAll");
    await done;
    const o = tests.outcomes;
    assert.strictEqual(o.get(id("shop.test_e2e.E2ETests.test_passes")), "passed");
    assert.strictEqual(o.get(id("shop.test_e2e.E2ETests.test_fails")), "failed");
    assert.strictEqual(o.get(id("shop.tests.UrlTests.test_product_list_url")), "passed");
    assert.strictEqual(o.get(id("users.tests.UserTests.test_profile_requires_login")), "passed");
    console.log(`    ${[...o.values()].filter((v) => v === "passed").length} passed, ${[...o.values()].filter((v) => v === "failed").length} failed`);
  });
});
