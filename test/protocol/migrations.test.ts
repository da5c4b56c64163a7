// Migration drift over LSP: the warning appears on the model line as a models.py is edited and
// goes when the edit is undone; the "Make migrations for <app>" code action; djangoLens/migrations.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestClient, copyFixture, uri } from "./harness";

describe("language server: migrations", function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it("warns on the edited field while it is not in a migration, offers makemigrations, and clears on undo", async () => {
    const folder = copyFixture("migrations-cross-app");
    client = await TestClient.start(folder);
    const models = path.join(folder, "orders", "models.py");
    const original = fs.readFileSync(models, "utf8");
    await client.open(models, original);
    const edited = original.replace('    tags = models.ManyToManyField("catalog.Category", blank=True)\n', '$&    note = models.CharField(max_length=40, blank=True)\n');
    assert.notEqual(edited, original);
    await client.change(models, edited);
    const diags = await client.waitForDiagnostics(models, (d) => d.some((x) => x.code === "lens.migration-drift"));
    const drift = diags.find((x) => x.code === "lens.migration-drift")!;
    const noteLine = edited.split("\n").findIndex((l) => l.startsWith("    note = "));
    assert.equal(drift.range.start.line, noteLine, "on the new field's line");
    assert.equal(drift.severity, 2);
    assert.match(drift.message, /makemigrations would write for orders: AddField note/);

    const actions = await client.request("textDocument/codeAction", {
      textDocument: { uri: uri(models) },
      range: drift.range,
      context: { diagnostics: [drift] },
    });
    assert.equal(actions.length, 1, JSON.stringify({ drift, actions, logs: client.logs.slice(-3) }));
    assert.equal(actions[0].title, "Make migrations for orders");
    assert.equal(actions[0].command.command, "djangoLens.makemigrations");
    assert.deepEqual(actions[0].command.arguments, [{ managePy: path.join(folder, "manage.py"), app: "orders" }]);

    const { projects } = await client.request("djangoLens/migrations", {});
    const orders = projects[0].apps.find((a: any) => a.app === "orders");
    assert.equal(orders.status, "drift");
    assert.deepEqual(orders.pending, [{ operation: "AddField", model: "order", field: "note" }]);
    assert.deepEqual(orders.leaves, ["0002_warehouse"]);
    assert.equal(projects[0].apps.find((a: any) => a.app === "catalog").status, "clean");

    await client.change(models, original);
    await client.waitForDiagnostics(models, (d) => !d.some((x) => x.code === "lens.migration-drift"));
  });

  it("puts a drifting model's several changes on the class line", async () => {
    const folder = copyFixture("migrations-cross-app");
    client = await TestClient.start(folder);
    const models = path.join(folder, "catalog", "models.py");
    const original = fs.readFileSync(models, "utf8");
    await client.open(models, original);
    const edited = original.replace("    name = models.CharField(max_length=100)\n", "    name = models.CharField(max_length=120)\n    sku = models.CharField(max_length=8, blank=True)\n");
    await client.change(models, edited);
    const diags = await client.waitForDiagnostics(models, (d) => d.some((x) => x.code === "lens.migration-drift"));
    const drift = diags.find((x) => x.code === "lens.migration-drift")!;
    assert.equal(drift.range.start.line, edited.split("\n").indexOf("class Product(models.Model):"));
    assert.match(drift.message, /AddField sku/);
    assert.match(drift.message, /AlterField name \(max_length 100 → 120\)/);
  });

  it("reports a conflict in Django's words and a shared number as a hint", async () => {
    const folder = copyFixture("migrations-conflict");
    client = await TestClient.start(folder);
    const mig = path.join(folder, "shop", "migrations", "0002_size.py");
    const diags = await client.waitForDiagnostics(mig, (d) => d.length >= 2);
    const graph = diags.find((d) => d.code === "lens.migration-graph")!;
    assert.equal(graph.message, "Conflicting migrations detected; multiple leaf nodes in the migration graph: (0002_colour, 0002_size in shop).");
    const hint = diags.find((d) => d.code === "lens.migration-number")!;
    assert.equal(hint.severity, 4);
    const { projects } = await client.request("djangoLens/migrations", {});
    assert.equal(projects[0].apps.find((a: any) => a.app === "shop").status, "conflict");
  });

  it("reports a missing dependency on its line with Django's NodeNotFoundError text", async () => {
    const folder = copyFixture("migrations-missing-dependency");
    client = await TestClient.start(folder);
    const mig = path.join(folder, "shop", "migrations", "0002_colour.py");
    const diags = await client.waitForDiagnostics(mig, (d) => d.some((x) => x.code === "lens.migration-graph"));
    const d = diags.find((x) => x.code === "lens.migration-graph")!;
    assert.equal(d.message, "Migration shop.0002_colour dependencies reference nonexistent parent node ('shop', '0001_prices')");
    assert.equal(d.range.start.line, fs.readFileSync(mig, "utf8").split("\n").findIndex((l) => l.includes("'0001_prices'")));
    const { projects } = await client.request("djangoLens/migrations", {});
    const shop = projects[0].apps.find((a: any) => a.app === "shop");
    assert.equal(shop.status, "error");
    assert.match(shop.reason, /^NodeNotFoundError: /);
  });
});
