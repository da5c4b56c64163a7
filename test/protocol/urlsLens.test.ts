// Code lenses above views (the routes they serve) and workspace symbols for routes and URL names,
// over LSP on the mysite and urls-advanced fixtures.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { SymbolKind } from "vscode-languageserver";
import { TestClient, copyFixture, positionOf, uri } from "./harness";

/** "line: title" for every lens of a file, 1-based lines, in line order. */
async function lenses(client: TestClient, file: string): Promise<string[]> {
  const list: any[] = (await client.request("textDocument/codeLens", { textDocument: { uri: uri(file) } })) ?? [];
  for (const l of list) {
    assert.equal(l.command?.command, "djangoLens.showUrlMap");
    assert.ok(l.command.title, "a lens has a title");
  }
  return list.sort((a, b) => a.range.start.line - b.range.start.line).map((l) => `${l.range.start.line + 1}: ${l.command.title}`);
}

async function symbols(client: TestClient, query: string): Promise<any[]> {
  return (await client.request("workspace/symbol", { query })) ?? [];
}

describe("language server: URL code lenses and workspace symbols", function () {
  this.timeout(30000);

  describe("mysite", () => {
    let client: TestClient;
    let folder: string;
    const f = (rel: string) => path.join(folder, rel);
    const rel = (u: string) => path.relative(folder, new URL(u).pathname);

    before(async () => {
      folder = copyFixture("mysite");
      client = await TestClient.start(folder);
    });
    after(async () => {
      await client.stop();
    });

    it("puts a lens with the route and name on the def/class line of each routed view", async () => {
      assert.deepEqual(await lenses(client, f("shop/views.py")), [
        "11: /shop/ · shop:product-list",
        "16: /shop/products/<int:pk>/ · shop:product-detail",
        "22: /shop/category/(?P<slug>[-\\w]+)/$ · shop:category-detail",
        // Decorated: the lens sits on the `def` line, below @login_required.
        "32: /shop/products/<int:pk>/buy/ · shop:buy",
        "39: /shop/orders/<int:order_id>/ · shop:order-detail",
        // A DRF viewset registered on a router: its router routes (with format suffixes).
        "44: 4 routes · shop:api-product-list, shop:api-product-detail",
      ]);
    });

    it("lists every router route in the tooltip of a long lens", async () => {
      const list: any[] = await client.request("textDocument/codeLens", { textDocument: { uri: uri(f("shop/views.py")) } });
      const viewset = list.find((l) => l.range.start.line === 43);
      assert.deepEqual(viewset.command.tooltip.split("\n"), [
        "/shop/api/products/$ · shop:api-product-list",
        "/shop/api/products\\.(?P<format>[a-z0-9]+)/?$ · shop:api-product-list",
        "/shop/api/products/(?P<pk>[^/.]+)/$ · shop:api-product-detail",
        "/shop/api/products/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$ · shop:api-product-detail",
      ]);
    });

    it("shows a class-based view routed via as_view() on its class line", async () => {
      const views = f("users/views.py");
      assert.deepEqual(await lenses(client, views), ["11: /users/<str:username>/ · profile", "16: /users/signup/ · signup"]);
      assert.equal(positionOf(views, "class SignUpView", 0).line + 1, 16);
    });

    it("has no lenses in files that define no routed view", async () => {
      assert.deepEqual(await lenses(client, f("shop/models.py")), []);
      assert.deepEqual(await lenses(client, f("shop/urls.py")), []);
    });

    it("finds URL names by query, located at the path() call, with the view as container", async () => {
      const found = (await symbols(client, "product-detail")).filter((s) => s.kind === SymbolKind.Key);
      assert.deepEqual(
        found.map((s) => [s.name, s.containerName, rel(s.location.uri), s.location.range.start]),
        [
          ["shop:product-detail", "ProductDetailView", "shop/urls.py", positionOf(f("shop/urls.py"), 'path("products/<int:pk>/"', 0)],
          ["shop:api-product-detail", "ProductViewSet", "shop/urls.py", positionOf(f("shop/urls.py"), 'router.register("products"', 0)],
        ],
      );
    });

    it("finds routes by query", async () => {
      const found = (await symbols(client, "products/")).filter((s) => s.kind === SymbolKind.Field);
      const names = found.map((s) => s.name);
      assert.deepEqual(names.slice(0, 2), ["/shop/products/<int:pk>/", "/shop/products/<int:pk>/buy/"]);
      assert.ok(names.includes("/shop/api/products/$"));
      const buy = found.find((s) => s.name === "/shop/products/<int:pk>/buy/");
      assert.equal(buy.containerName, "buy");
      assert.equal(rel(buy.location.uri), "shop/urls.py");
      assert.deepEqual(buy.location.range.start, positionOf(f("shop/urls.py"), 'path("products/<int:pk>/buy/"', 0));
    });

    it("matches full names with namespaces and is case-insensitive", async () => {
      const names = (await symbols(client, "SHOP:ORDER")).map((s) => s.name);
      assert.deepEqual(names, ["shop:order-detail"]);
    });

    it("updates lenses after an edit to a URLconf", async () => {
      const urls = f("shop/urls.py");
      const text = fs.readFileSync(urls, "utf8").replace('path("orders/<int:order_id>/", views.order_detail, name="order-detail"),', 'path("orders/<int:order_id>/", views.buy, name="order-detail"),');
      await client.open(urls);
      await client.change(urls, text);
      const after = await lenses(client, f("shop/views.py"));
      assert.ok(after.includes("32: /shop/products/<int:pk>/buy/ · shop:buy  |  /shop/orders/<int:order_id>/ · shop:order-detail"), after.join("\n"));
      assert.ok(!after.some((l) => l.startsWith("39:")), "order_detail is no longer routed");
      await client.close(urls);
    });
  });

  describe("urls-advanced (views in a package, included twice)", () => {
    let client: TestClient;
    let folder: string;
    const f = (rel: string) => path.join(folder, rel);

    before(async () => {
      folder = copyFixture("urls-advanced");
      client = await TestClient.start(folder);
    });
    after(async () => {
      await client.stop();
    });

    it("shows both routes of a view routed twice (same URLconf under two namespaces)", async () => {
      assert.deepEqual(await lenses(client, f("blog/views/posts.py")), [
        "6: /blog/ · blog:post-list  |  /archive/ · archive:post-list",
        "12: /blog/<slug:slug>/ · blog:post-detail  |  /archive/<slug:slug>/ · archive:post-detail",
      ]);
    });

    it("puts lenses in a views package's submodules", async () => {
      assert.deepEqual(await lenses(client, f("blog/views/archive.py")), [
        "4: /blog/<int:year>/ · blog:by_year:index  |  /archive/<int:year>/ · archive:by_year:index",
        "8: /blog/<int:year>/<int:month>/ · blog:by_year:month  |  /archive/<int:year>/<int:month>/ · archive:by_year:month",
        "12: /blog/<int:year>/<int:month>/<int:day>/ · blog:by_year:day  |  /archive/<int:year>/<int:month>/<int:day>/ · archive:by_year:day",
      ]);
      assert.deepEqual(await lenses(client, f("blog/views/__init__.py")), []);
    });

    it("summarises a view with many routes and leaves unrouted views without a lens", async () => {
      const list = await lenses(client, f("catalog/views.py"));
      const search = list.find((l) => l.startsWith("6: "));
      assert.equal(search, "6: 7 routes · first, shop:search, optional, positional, prefix-only, hex-fallback, appended");
      assert.ok(list.some((l) => l.startsWith("14: /catalog/items/<slug:slug>/ · shop:item-slug")), "class ItemView");
      const linksLine = positionOf(f("catalog/views.py"), "def links", 0).line + 1;
      assert.ok(!list.some((l) => l.startsWith(`${linksLine}: `)), "links() is not routed");
    });

    it("shows router routes of DRF viewsets, @action routes included", async () => {
      const list: any[] = await client.request("textDocument/codeLens", { textDocument: { uri: uri(f("api/views.py")) } });
      const byLine = new Map(list.map((l) => [l.range.start.line + 1, l.command]));
      assert.deepEqual([...byLine.keys()].sort((a, b) => a - b), [8, 21, 30]);
      assert.equal(byLine.get(8).title, "8 routes · book-list, book-recent-books, book-detail, book-set_price");
      assert.ok(byLine.get(8).tooltip.split("\n").includes("/api/v1/books/(?P<slug>[^/.]+)/set-price/$ · book-set_price"));
      assert.equal(byLine.get(30).title, "/api/v1/simple/stats$ · stats-list");
    });

    it("finds routes and names across included URLconfs", async () => {
      const names = (await symbols(client, "post-list")).filter((s) => s.kind === SymbolKind.Key).map((s) => `${s.name} ${s.containerName}`);
      assert.deepEqual(names, ["blog:post-list PostList", "archive:post-list PostList"]);
      const routes = (await symbols(client, "/archive/<int:year>/")).filter((s) => s.kind === SymbolKind.Field).map((s) => s.name);
      assert.deepEqual(routes, ["/archive/<int:year>/", "/archive/<int:year>/<int:month>/", "/archive/<int:year>/<int:month>/<int:day>/"]);
    });
  });
});
