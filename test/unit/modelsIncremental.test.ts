// Incrementality of the model, admin and serializer rules: an edit inside one models module
// re-checks only that module (one memo per module holds all its findings), shifted lines and
// unchanged shapes stop at the cut-off projections (labels, model shapes, reverse relations), the
// rules themselves are not re-run when no finding changed, and none of them builds the whole
// model registry. Each test also checks that a real change reaches the modules it concerns, and
// that the incremental findings are those of a fresh workspace.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { RULES, runRules } from "../../server/src/analysis/diagnostics/registry";
import { Workspace } from "../../server/src/project/workspace";
import { MANAGE, recomputed, workspaceOf } from "./helpers";

// Model, field, relation, admin, serializer and settings rules (not the template, URL or migration ones).
const MODEL_RULES = RULES.filter((r) => !/^(lens\.(template|unbalanced|unknown-template|unknown-url|url-|migration)|urls\.|2_0\.)/.test(r.code));

const app = (name: string, model: string, extra = "") => ({
  [`${name}/__init__.py`]: "",
  [`${name}/models.py`]: `from django.db import models\n\n\nclass ${model}(models.Model):\n    title = models.CharField(max_length=50)\n    owner = models.ForeignKey("core.Owner", on_delete=models.CASCADE, related_name="${name}_items")\n${extra}\n    class Meta:\n        ordering = ["title"]\n`,
  [`${name}/admin.py`]: `from django.contrib import admin\n\nfrom .models import ${model}\n\n\n@admin.register(${model})\nclass ${model}Admin(admin.ModelAdmin):\n    list_display = ("title", "owner")\n    search_fields = ("title",)\n`,
  [`${name}/serializers.py`]: `from rest_framework import serializers\n\nfrom .models import ${model}\n\n\nclass ${model}Serializer(serializers.ModelSerializer):\n    class Meta:\n        model = ${model}\n        fields = ["title", "owner"]\n`,
});

const FILES: Record<string, string> = {
  "manage.py": MANAGE("site.settings"),
  "site/__init__.py": "",
  "site/settings.py": `INSTALLED_APPS = [\n    "django.contrib.admin",\n    "django.contrib.auth",\n    "django.contrib.contenttypes",\n    "django.contrib.sessions",\n    "django.contrib.messages",\n    "core",\n    "shop",\n    "blog",\n]\nMIDDLEWARE = [\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.contrib.auth.middleware.AuthenticationMiddleware",\n    "django.contrib.messages.middleware.MessageMiddleware",\n]\nDEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"\n`,
  "core/__init__.py": "",
  "core/models.py": `from django.db import models\n\n\nclass Owner(models.Model):\n    name = models.CharField(max_length=20)\n\n\nclass Tag(models.Model):\n    label = models.CharField(max_length=10)\n`,
  ...app("shop", "Item"),
  ...app("blog", "Post"),
};

const findings = (ws: Workspace) => runRules(ws.projects()[0], {}, MODEL_RULES);
const show = (r: ReturnType<typeof findings>) => r.findings.map((f) => `${f.code} ${path.basename(path.dirname(f.file))}/${path.basename(f.file)}:${f.range.start.line}`).sort();
/** Keys of per-file memos (keys ending with a file path) for files of one app. */
const ofApp = (keys: string[], name: string) => keys.filter((k) => k.includes(`${path.sep}${name}${path.sep}`));

async function setup() {
  const { root, ws } = await workspaceOf(FILES);
  const first = findings(ws);
  assert.deepEqual(first.failures, []);
  assert.deepEqual(show(first), [], "the project starts without findings");
  const edit = (rel: string, change: (t: string) => string, version: number) => {
    const file = path.join(root, rel);
    ws.index.setOverlay(file, change(ws.index.text(file)!), version);
  };
  const fresh = () => {
    const ws2 = new Workspace([root]);
    for (const rel of ["core/models.py", "shop/models.py", "blog/models.py", "shop/admin.py"]) {
      const file = path.join(root, rel);
      ws2.index.setOverlay(file, ws.index.text(file)!, 1);
    }
    return show(findings(ws2));
  };
  return { root, ws, edit, fresh };
}

describe("model rules: incremental", () => {
  it("re-checks only the edited models module, and re-runs no rule when no finding changed", async () => {
    const { ws, edit, fresh } = await setup();
    edit("shop/models.py", (t) => t.replace("max_length=50", "max_length=60"), 2);
    let result = findings(ws);
    const keys = recomputed(ws, () => (result = findings(ws)));
    assert.deepEqual(keys, [], "a second run recomputes nothing");
    edit("shop/models.py", (t) => t.replace("max_length=60", "max_length=70"), 3);
    const after = recomputed(ws, () => (result = findings(ws)));
    assert.deepEqual(show(result), fresh());
    // The shop module's checks ran again, in one memo; blog's and core's did not.
    assert.equal(after.filter((k) => k.startsWith("modelsGroup:models:") && k.endsWith(path.join("shop", "models.py"))).length, 1, after.join("\n"));
    assert.deepEqual(ofApp(after, "blog"), []);
    assert.deepEqual(ofApp(after, "core"), []);
    // Its findings are the same: the group, the rules and the label index stay valid (cutoff).
    const group = (k: string) => k.startsWith("modelsGroup:") && !k.endsWith(".py");
    assert.deepEqual(
      after.filter((k) => group(k) || /^(rule|modelLabels|modelRelationIndex|models|modelGraph):/.test(k)),
      [],
      "no rule, group, label index or registry recomputed",
    );
  });

  it("keeps other modules' checks when lines shift in a module they look models up in", async () => {
    const { ws, edit, fresh } = await setup();
    // Lines added above core's models: shop and blog hold foreign keys to core.Owner.
    edit("core/models.py", (t) => `# a comment\n\n${t}`, 2);
    let result!: ReturnType<typeof findings>;
    const keys = recomputed(ws, () => (result = findings(ws)));
    assert.deepEqual(show(result), fresh());
    assert.ok(keys.some((k) => k.startsWith("modelsGroup:models:") && k.endsWith(path.join("core", "models.py"))), "core is re-checked");
    assert.deepEqual(ofApp(keys, "shop"), [], "shop's checks, shapes and admin stay valid");
    assert.deepEqual(ofApp(keys, "blog"), []);
  });

  it("re-checks the modules a real change concerns, and reports what it causes", async () => {
    const { ws, edit, fresh } = await setup();
    // A field on Owner named like shop's reverse accessor: fields.E302 on shop's foreign key.
    edit("core/models.py", (t) => t.replace("    name = models.CharField(max_length=20)\n", "    name = models.CharField(max_length=20)\n    shop_items = models.IntegerField(default=0)\n"), 2);
    let result!: ReturnType<typeof findings>;
    const keys = recomputed(ws, () => (result = findings(ws)));
    assert.deepEqual(show(result), fresh());
    assert.ok(show(result).includes("fields.E302 shop/models.py:5"), show(result).join("\n"));
    assert.ok(keys.some((k) => k.startsWith("modelsGroup:models:") && k.endsWith(path.join("shop", "models.py"))), "shop is re-checked");
    // Blog's module reads Owner's shape too (its foreign key), but nothing there changes.
    assert.ok(!show(result).some((f) => f.includes("blog/")));

    // A new model in blog: the label index changes, and every module is re-checked against it.
    edit("blog/models.py", (t) => `${t}\n\nclass Extra(models.Model):\n    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="extras")\n    title = models.CharField(max_length=5)\n`, 3);
    recomputed(ws, () => (result = findings(ws)));
    assert.deepEqual(show(result), fresh());
  });

  it("computes the rules without the whole model registry", async () => {
    const { ws, edit } = await setup();
    edit("shop/models.py", (t) => t.replace("title = models.CharField", "heading = models.CharField"), 2);
    let result!: ReturnType<typeof findings>;
    const keys = recomputed(ws, () => (result = findings(ws)));
    // The admin's list_display and the ordering now name a field that is gone.
    assert.ok(show(result).includes("admin.E108 shop/admin.py:6"), show(result).join("\n"));
    assert.ok(show(result).includes("models.E015 shop/models.py:3"), show(result).join("\n"));
    assert.ok(show(result).includes("lens.drf-unknown-field shop/serializers.py:8"), show(result).join("\n"));
    assert.deepEqual(keys.filter((k) => /^(models|modelGraph|admin|serializers):/.test(k)), [], "the registry-wide memos are not read");
    assert.deepEqual(ofApp(keys, "blog"), []);
  });
});
