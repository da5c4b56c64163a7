// The sidebar's and test explorer's custom requests against the mysite fixture, in process.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { AppsTreeRequest, type AppsTreeNode, type AppsTreeResult, ResolveRequest, type ResolveResult, TestsRequest, type TestsResult, UrlsRequest, type UrlsResult } from "../../server/src/protocol";
import * as fs from "node:fs";
import { REPO, TestClient, copyFixture } from "./harness";

const MYSITE = path.join(REPO, "test-fixtures", "mysite");

function find(node: AppsTreeNode, pred: (n: AppsTreeNode) => boolean): AppsTreeNode | undefined {
  if (pred(node)) return node;
  for (const c of node.children ?? []) {
    const hit = find(c, pred);
    if (hit) return hit;
  }
  return undefined;
}

describe("protocol: sidebar requests", function () {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start(MYSITE);
  });
  after(async () => client.stop());

  it("djangoLens/appsTree lists apps with models, views, URLs, migrations, admin, serializers, tests", async () => {
    const r = await client.request<AppsTreeResult>(AppsTreeRequest, {});
    assert.equal(r.projects.length, 1);
    const root = r.projects[0].root;
    assert.deepEqual(root.children?.map((c) => c.label), ["shop", "users"]);
    const shop = root.children![0];
    assert.deepEqual(shop.children?.map((c) => c.label), ["Models", "Views", "URLs", "Migrations", "Admin", "Serializers", "Tests"]);
    const product = find(shop, (n) => n.kind === "model" && n.label === "Product");
    assert.ok(product?.location?.uri.endsWith("shop/models.py"));
    assert.ok(product?.children?.some((f) => f.label === "price" && f.description === "DecimalField"));
    assert.ok(find(shop, (n) => n.kind === "view" && n.label === "ProductDetailView"));
    assert.ok(find(shop, (n) => n.kind === "migration" && n.label === "0003_product_in_stock" && n.description === "leaf"));
    assert.ok(find(shop, (n) => n.kind === "admin" && n.label === "ProductAdmin" && n.description === "Product"));
    assert.ok(find(shop, (n) => n.kind === "admin" && n.label === "Order"));
    assert.ok(find(shop, (n) => n.kind === "serializer" && n.label === "ProductSerializer"));
    assert.ok(find(shop, (n) => n.kind === "testMethod" && n.testLabel === "shop.tests.UrlTests.test_product_list_url"));
  });

  it("djangoLens/urls gives the URL map with views", async () => {
    const r = await client.request<UrlsResult>(UrlsRequest, {});
    const urls = r.projects[0].urls;
    const detail = urls.find((u) => u.name === "shop:product-detail");
    assert.equal(detail?.route, "shop/products/<int:pk>/");
    assert.ok(detail?.viewLocation?.uri.endsWith("shop/views.py"));
  });

  it("djangoLens/resolve picks the view for a path", async () => {
    const r = await client.request<ResolveResult>(ResolveRequest, { path: "http://localhost:8000/shop/products/5/?x=1" });
    assert.equal(r.projects[0].match?.name, "shop:product-detail");
    assert.deepEqual(r.projects[0].kwargs, { pk: "5" });
    const none = await client.request<ResolveResult>(ResolveRequest, { path: "/nope/nothing/here" });
    assert.equal(none.projects[0].match, null);
  });

  it("djangoLens/tests finds the TestCase classes and test methods with their labels", async () => {
    const r = await client.request<TestsResult>(TestsRequest, {});
    const p = r.projects[0];
    assert.equal(p.testRunner, "xmlrunner.extra.djangotestrunner.XMLTestRunner");
    const labels = p.modules.flatMap((m) => m.classes.flatMap((c) => c.children!.map((t) => t.label)));
    assert.deepEqual(labels.sort(), [
      "shop.tests.ProductTests.test_absolute_url",
      "shop.tests.ProductTests.test_list_shows_products_in_stock",
      "shop.tests.UrlTests.test_product_detail_url",
      "shop.tests.UrlTests.test_product_list_url",
      "users.tests.UserTests.test_profile_requires_login",
      "users.tests.UserTests.test_str_falls_back_to_username",
      "users.tests.UserTests.test_str_prefers_full_name",
    ]);
    assert.deepEqual(p.modules.map((m) => m.app), ["shop", "users"]);
  });
});

describe("protocol: djangoLens/tests discovery rules", function () {
  it("finds tests/ packages, subclasses of workspace bases across files, DRF cases and inherited test methods", async () => {
    const dir = copyFixture("mysite");
    fs.mkdirSync(path.join(dir, "users", "tests"));
    fs.renameSync(path.join(dir, "users", "tests.py"), path.join(dir, "users", "tests", "test_models.py"));
    fs.writeFileSync(path.join(dir, "users", "tests", "__init__.py"), "");
    fs.writeFileSync(path.join(dir, "users", "tests", "base.py"), "from django.test import TestCase as DjTC\n\n\nclass Base(DjTC):\n    def test_shared(self):\n        pass\n");
    fs.writeFileSync(
      path.join(dir, "users", "tests", "test_api.py"),
      "from rest_framework.test import APITestCase\nfrom .base import Base\n\n\nclass ApiTests(APITestCase):\n    def test_api(self):\n        pass\n\n\nclass MoreTests(Base):\n    def test_more(self):\n        pass\n\n\nclass NotATest:\n    def test_no(self):\n        pass\n",
    );
    // A folder without __init__.py is not a package: unittest does not look inside.
    fs.mkdirSync(path.join(dir, "scripts"));
    fs.writeFileSync(path.join(dir, "scripts", "test_tool.py"), "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_x(self):\n        pass\n");
    const c = await TestClient.start(dir);
    try {
      const r = await c.request<TestsResult>(TestsRequest, {});
      const labels = r.projects[0].modules.flatMap((m) => m.classes.flatMap((k) => k.children!.map((t) => t.label)));
      for (const l of ["users.tests.test_api.ApiTests.test_api", "users.tests.test_api.MoreTests.test_more", "users.tests.test_api.MoreTests.test_shared", "users.tests.test_models.UserTests.test_str_prefers_full_name"]) {
        assert.ok(labels.includes(l), `${l} in ${labels.join(", ")}`);
      }
      assert.ok(!labels.some((l) => l.includes("NotATest") || l.includes("test_tool") || l.startsWith("users.tests.base.")), labels.join(", "));
    } finally {
      await c.stop();
    }
  });
});
