// Incrementality of the URL analysis: an edit to one URLconf re-follows only its include's subtree
// (the other subtrees' objects are reused), a models.py edit that keeps the admin registrations
// leaves the URL map and the URL rules alone (cutoff), and a map change that keeps every name and
// argument shape does not re-check reverse() calls. Each test also checks that real changes do
// propagate.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { RULES, runRules } from "../../server/src/analysis/diagnostics/registry";
import { urlNameFindings } from "../../server/src/analysis/diagnostics/urlsNameFindings";
import { urlNameTable } from "../../server/src/analysis/urls/names";
import { urlMap } from "../../server/src/analysis/urls/urlMap";
import { MANAGE, recomputed, workspaceOf } from "./helpers";

const URL_RULES = RULES.filter((r) => r.code === "lens.unknown-url-name" || r.code === "lens.url-arguments" || r.code.startsWith("urls.") || r.code === "2_0.W001");

function app(name: string, model: string): Record<string, string> {
  const lower = model.toLowerCase();
  return {
    [`${name}/__init__.py`]: "",
    [`${name}/models.py`]: `from django.db import models\n\n\nclass ${model}(models.Model):\n    title = models.CharField(max_length=50)\n\n\nclass Other(models.Model):\n    label = models.CharField(max_length=10)\n`,
    [`${name}/admin.py`]: `from django.contrib import admin\n\nfrom .models import ${model}, Other\n\n\n@admin.register(${model})\nclass ${model}Admin(admin.ModelAdmin):\n    def changelist_view(self, request, extra_context=None):\n        return super().changelist_view(request, extra_context)\n\n\nadmin.site.register(Other)\n`,
    [`${name}/views.py`]: `from django.urls import reverse\n\n\ndef index(request):\n    return reverse("${name}:${lower}", args=[1])\n\n\ndef ${lower}(request, pk):\n    return reverse("${name}:index")\n`,
    [`${name}/urls.py`]: `from django.urls import path\n\nfrom . import views\n\napp_name = "${name}"\n\nurlpatterns = [\n    path("", views.index, name="index"),\n    path("${lower}s/<int:pk>/", views.${lower}, name="${lower}"),\n]\n`,
  };
}

const FILES: Record<string, string> = {
  "manage.py": MANAGE("site.settings"),
  "site/__init__.py": "",
  "site/settings.py": `INSTALLED_APPS = [\n    "django.contrib.admin",\n    "django.contrib.auth",\n    "django.contrib.contenttypes",\n    "shop",\n    "blog",\n    "news",\n]\nROOT_URLCONF = "site.urls"\n`,
  "site/urls.py": `from django.contrib import admin\nfrom django.urls import include, path\n\nurlpatterns = [\n    path("admin/", admin.site.urls),\n    path("shop/", include("shop.urls")),\n    path("blog/", include("blog.urls")),\n    path("api/", include([path("v1/", include("news.urls"))])),\n]\n`,
  ...app("shop", "Item"),
  ...app("blog", "Post"),
  ...app("news", "Story"),
};

function prefixes(keys: string[]): string[] {
  return [...new Set(keys.map((k) => k.slice(0, k.indexOf(":"))))].sort();
}

describe("URL analysis: incremental", () => {
  it("re-follows only the include of the edited URLconf and reuses the other subtrees", async () => {
    const { root, ws } = await workspaceOf(FILES);
    const project = ws.projects()[0];
    const before = urlMap(project);
    assert.equal(runRules(project, {}, URL_RULES).findings.length, 0);
    const byName = (m: typeof before, name: string) => m.urls.find((u) => u.name === name);
    for (const name of ["shop:item", "blog:post", "news:story", "admin:shop_item_changelist"]) assert.ok(byName(before, name), name);

    // A comment line and a different route string in shop/urls.py.
    const file = path.join(root, "shop", "urls.py");
    const text = ws.index.text(file)!;
    ws.index.setOverlay(file, text.replace("urlpatterns = [", "urlpatterns = [\n    # edited").replace('"items/<int:pk>/"', '"things/<int:pk>/"'), 2);
    let after = before;
    const keys = recomputed(ws, () => (after = urlMap(project)));
    assert.equal(byName(after, "shop:item")?.route, "shop/things/<int:pk>/");
    assert.equal(after.urls.length, before.urls.length);
    // The other includes' subtrees come from their memos: the very same objects.
    assert.equal(byName(after, "blog:post"), byName(before, "blog:post"));
    assert.equal(byName(after, "news:story"), byName(before, "news:story"));
    assert.equal(byName(after, "admin:shop_item_changelist"), byName(before, "admin:shop_item_changelist"));
    assert.deepEqual(
      keys.filter((k) => k.startsWith("urlsub:")).map((k) => k.slice(k.lastIndexOf("/"))),
      ["/shop.urls#0"],
      "only the shop include's subtree is followed again",
    );
    assert.equal(after.root!.children[0], before.root!.children[0], "the admin site's subtree is reused");

    // Names and argument shapes are unchanged: the reverse() checks are not run again (but for the
    // edited file itself, which has none), nor are the rules.
    const rules = recomputed(ws, () => assert.equal(runRules(project, {}, URL_RULES).findings.length, 0));
    assert.deepEqual(rules.filter((k) => k.startsWith("url-name-findings:")).map((k) => path.relative(root, k.slice(k.lastIndexOf(":") + 1))), ["shop/urls.py"]);
    assert.ok(!rules.some((k) => k.startsWith("rule:lens.unknown-url-name") || k.startsWith("rule:lens.url-arguments")), rules.join("\n"));

    // A nested module include (inside an inline list) is followed again too.
    const news = path.join(root, "news", "urls.py");
    ws.index.setOverlay(news, ws.index.text(news)!.replace('"storys/<int:pk>/"', '"tales/<int:pk>/"'), 2);
    const third = urlMap(project);
    assert.equal(byName(third, "news:story")?.route, "api/v1/tales/<int:pk>/");
    assert.equal(byName(third, "blog:post"), byName(before, "blog:post"));

    // A renamed pattern name is a real change: the reverse() that names it is now unknown.
    const blog = path.join(root, "blog", "urls.py");
    ws.index.setOverlay(blog, ws.index.text(blog)!.replace('name="post"', 'name="entry"'), 2);
    const findings = runRules(project, {}, URL_RULES).findings.map((f) => `${path.relative(root, f.file)} ${f.code} ${f.message}`);
    assert.deepEqual(findings, ["blog/views.py lens.unknown-url-name Reverse for 'post' not found. 'post' is not a valid view function or pattern name."]);
  });

  it("keeps the URL map and the URL rules after a models.py edit that registers the same models", async () => {
    const { root, ws } = await workspaceOf(FILES);
    const project = ws.projects()[0];
    runRules(project, {}, URL_RULES);
    const before = urlMap(project);
    const table = urlNameTable(project);
    const models = path.join(root, "shop", "models.py");
    const text = ws.index.text(models)!;
    ws.index.setOverlay(models, text.replace("title = models.CharField(max_length=50)", "name = models.CharField(max_length=60)"), 2);
    const keys = recomputed(ws, () => {
      assert.equal(urlMap(project), before);
      assert.equal(runRules(project, {}, URL_RULES).findings.length, 0);
    });
    // Only shop's own admin registrations are read again, and they compare equal.
    assert.deepEqual(
      keys.filter((k) => k.startsWith("admin-registrations")).map((k) => k.slice(0, k.indexOf(":")) + k.slice(k.lastIndexOf(":"))),
      ["admin-registrations-app:shop"],
    );
    for (const p of ["urlmap", "urlsub", "urlconf", "url-checks", "url-name-table", "rule"]) assert.ok(!prefixes(keys).includes(p), `${p} recomputed: ${prefixes(keys).join(", ")}`);
    assert.equal(urlNameTable(project), table);

    // Renaming a registered model is a real change: its admin routes go (the registration no longer resolves).
    ws.index.setOverlay(models, text.replace("class Item(", "class Thing("), 3);
    const after = urlMap(project);
    assert.notEqual(after, before);
    assert.ok(!after.urls.some((u) => u.name === "admin:shop_item_changelist"));
    assert.ok(after.urls.some((u) => u.name === "admin:shop_other_changelist"));
    assert.equal(after.complete, false, "a registration we cannot resolve leaves the admin incomplete");
  });

  it("runs Django's URL checks again on the edited subtree", async () => {
    const { root, ws } = await workspaceOf(FILES);
    const project = ws.projects()[0];
    const checks = () => runRules(project, {}, URL_RULES).findings.map((f) => `${path.relative(root, f.file)} ${f.code}`);
    assert.deepEqual(checks(), []);
    const shop = path.join(root, "shop", "urls.py");
    const text = ws.index.text(shop)!;
    ws.index.setOverlay(shop, text.replace('"items/<int:pk>/"', '"/items/<int:pk>/"'), 2);
    assert.deepEqual(checks(), ["shop/urls.py urls.W002"]);
    const blog = path.join(root, "blog", "urls.py");
    ws.index.setOverlay(blog, ws.index.text(blog)!.replace('"posts/<int:pk>/"', '"posts/<int:pk>/$"'), 2);
    assert.deepEqual(checks().sort(), ["blog/urls.py 2_0.W001", "shop/urls.py urls.W002"]);
    ws.index.setOverlay(shop, text, 3);
    assert.deepEqual(checks(), ["blog/urls.py 2_0.W001"]);
  });

  it("re-checks a file's reverse() calls after an edit to that file only", async () => {
    const { root, ws } = await workspaceOf(FILES);
    const project = ws.projects()[0];
    runRules(project, {}, URL_RULES);
    const views = path.join(root, "shop", "views.py");
    const blogViews = path.join(root, "blog", "views.py");
    const blogFindings = urlNameFindings(project, blogViews);
    ws.index.setOverlay(views, ws.index.text(views)!.replace('reverse("shop:item", args=[1])', 'reverse("shop:item", args=[1, 2])'), 2);
    const keys = recomputed(ws, () => {
      const findings = runRules(project, {}, URL_RULES).findings.map((f) => `${path.relative(root, f.file)} ${f.code} ${f.message}`);
      assert.deepEqual(findings, ["shop/views.py lens.url-arguments Reverse for 'shop:item' with 2 positional arguments cannot match: the pattern takes (pk)."]);
    });
    assert.deepEqual(keys.filter((k) => k.startsWith("url-name-findings:")).map((k) => path.relative(root, k.slice(k.lastIndexOf(":") + 1))), ["shop/views.py"]);
    assert.equal(urlNameFindings(project, blogViews), blogFindings);
  });
});
