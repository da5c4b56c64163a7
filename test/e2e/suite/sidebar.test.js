// The Django sidebar, navigation and diagnostics inside a real VS Code (see index.js).
"use strict";
const assert = require("assert");
const vscode = require("vscode");
const { lensApi, waitFor, ws } = require("./helpers");

describe("sidebar and navigation", function () {
  let api;
  before(async function () {
    api = await lensApi(this);
  });

  it("contributes the Django view container with Apps, Routes and Migrations", async function () {
    for (const id of ["djangoLens.apps", "djangoLens.routes", "djangoLens.migrations"]) {
      await vscode.commands.executeCommand(`${id}.focus`);
    }
  });

  it("Apps tree: apps, their groups, models with fields, views, URLs, migrations, admin, serializers, tests", async function () {
    const roots = await api.views.apps.getChildren();
    assert.deepStrictEqual(roots.map((n) => n.label), ["shop", "users"]);
    const groups = (await api.views.apps.getChildren(roots[0])).map((n) => n.label);
    assert.deepStrictEqual(groups, ["Models", "Views", "URLs", "Migrations", "Admin", "Serializers", "Tests"]);
    const nodes = await api.views.apps.nodes();
    const product = nodes.find((n) => n.kind === "model" && n.label === "Product");
    assert.ok(product, "model Product");
    assert.ok(product.children.some((f) => f.label === "category" && /ForeignKey/.test(f.description)), "Product.category field");
    for (const [kind, label] of [["view", "ProductDetailView"], ["url", "/shop/products/<int:pk>/"], ["migration", "0003_product_in_stock"], ["admin", "ProductAdmin"], ["serializer", "ProductSerializer"], ["testClass", "UserTests"]]) {
      assert.ok(nodes.some((n) => n.kind === kind && n.label === label), `${kind} ${label}`);
    }
    // A tree item opens its definition.
    const item = api.views.apps.getTreeItem(product);
    assert.strictEqual(item.command.command, "djangoLens.openLocation");
    await vscode.commands.executeCommand(item.command.command, ...item.command.arguments);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor.document.uri.fsPath.endsWith("shop/models.py"));
    assert.strictEqual(editor.document.lineAt(editor.selection.active.line).text, "class Product(models.Model):");
  });

  it("Routes tree: the URL map, filterable", async function () {
    const all = await api.views.routes.getChildren();
    const labels = all.map((n) => "/" + n.route.route);
    for (const r of ["/", "/shop/", "/shop/products/<int:pk>/", "/users/login/"]) assert.ok(labels.includes(r), `${r} in ${labels.join(", ")}`);
    const item = api.views.routes.getTreeItem(all.find((n) => n.route.name === "shop:product-detail"));
    assert.match(String(item.description), /ProductDetailView/);
    api.views.routes.setFilter("shop:product-detail");
    const filtered = await api.views.routes.getChildren();
    assert.deepStrictEqual(filtered.map((n) => n.route.name), ["shop:product-detail"]);
    api.views.routes.setFilter("");
  });

  it("Go to View for URL… opens the view a path resolves to", async function () {
    const match = await vscode.commands.executeCommand("djangoLens.goToViewForUrl", { path: "/shop/products/5/" });
    assert.strictEqual(match.name, "shop:product-detail");
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor.document.uri.fsPath.endsWith("shop/views.py"));
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^class ProductDetailView/);
  });

  it("go-to-definition: from urls.py to the view (or, before the URL feature, from a settings path)", async function () {
    const doc = await vscode.workspace.openTextDocument(ws("shop", "urls.py"));
    const line = doc.getText().split("\n").findIndex((l) => l.includes("views.product_list"));
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf("product_list") + 3);
    const fromUrls = await vscode.commands.executeCommand("vscode.executeDefinitionProvider", doc.uri, pos);
    const hits = (fromUrls || []).map((l) => (l.targetUri || l.uri).fsPath);
    if (hits.some((f) => f.endsWith("shop/views.py"))) {
      console.log("    urls.py → shop/views.py");
    } else {
      // The URL feature's definition provider is not registered yet: the settings path one is.
      console.log(`    (urls.py definition not available yet: ${JSON.stringify(hits)}; checking settings.py)`);
      const settings = await vscode.workspace.openTextDocument(ws("mysite", "settings.py"));
      const l = settings.getText().split("\n").findIndex((t) => t.includes("shop.middleware.RequestCountMiddleware"));
      const p = new vscode.Position(l, settings.lineAt(l).text.indexOf("RequestCount") + 2);
      const defs = await vscode.commands.executeCommand("vscode.executeDefinitionProvider", settings.uri, p);
      assert.ok((defs || []).some((d) => (d.targetUri || d.uri).fsPath.endsWith("shop/middleware.py")), JSON.stringify(defs));
    }
  });

  it("a diagnostic appears after an edit and goes away when it is undone", async function () {
    const doc = await vscode.workspace.openTextDocument(ws("mysite", "settings.py"));
    await vscode.window.showTextDocument(doc);
    const text = doc.getText();
    const at = text.indexOf("shop.middleware.RequestCountMiddleware");
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + "shop.middleware.RequestCountMiddleware".length));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, "shop.middleware.NoSuchMiddleware");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === "django-lens");
      return d.length ? d : null;
    }, "a django-lens diagnostic in settings.py");
    assert.ok(diags.some((d) => /NoSuchMiddleware/.test(d.message) && d.range.start.line === range.start.line), JSON.stringify(diags.map((d) => d.message)));
    await vscode.commands.executeCommand("undo");
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === "django-lens").length === 0, "the diagnostic to go away");
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });
});
