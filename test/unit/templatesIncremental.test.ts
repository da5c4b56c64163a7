// Template diagnostics are incremental: an edit re-checks the file it touched and stops at the
// first result that comes out the same (the cutoff memos), and the result is the one a full
// lookup of every name through the loaders gives.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runRules } from "../../server/src/analysis/diagnostics/registry";
import { TEMPLATE_RULES, templateFindings } from "../../server/src/analysis/diagnostics/templatesRules";
import { templateFacts } from "../../server/src/analysis/templates/check";
import { findTemplate } from "../../server/src/analysis/templates/loaders";
import { lookupUrlName, urlNameMissing } from "../../server/src/analysis/templates/urlNames";
import { urlNameTable } from "../../server/src/analysis/urls/names";
import { templateUsages } from "../../server/src/analysis/templates/usages";
import type { DjangoProject } from "../../server/src/project/project";
import type { Workspace } from "../../server/src/project/workspace";
import { MANAGE, workspaceOf } from "./helpers";

const SETTINGS = `from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
INSTALLED_APPS = ["django.contrib.admin", "shop", "blog"]
ROOT_URLCONF = "site_.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [BASE_DIR / "templates"], "APP_DIRS": True}]
`;

const TAGS = `from django import template
register = template.Library()

@register.filter
def shout(v):
    return v
`;

const app = (name: string) => ({
  [`${name}/__init__.py`]: "",
  [`${name}/models.py`]: `from django.db import models\n\n\nclass Item(models.Model):\n    name = models.CharField(max_length=50)\n`,
  [`${name}/views.py`]: `from django.shortcuts import render\nfrom django.views.generic import ListView\n\n\nclass ItemList(ListView):\n    template_name = "${name}/list.html"\n\n\ndef detail(request):\n    return render(request, "${name}/detail.html")\n`,
  [`${name}/urls.py`]: `from django.urls import path\n\nfrom . import views\n\napp_name = "${name}"\nurlpatterns = [\n    path("", views.ItemList.as_view(), name="list"),\n    path("d/", views.detail, name="detail"),\n]\n`,
  [`${name}/templates/${name}/list.html`]: `{% extends "base.html" %}{% load tags %}{% block content %}<a href="{% url '${name}:detail' %}">{{ x|shout }}</a>{% endblock %}`,
  [`${name}/templates/${name}/detail.html`]: `{% extends "base.html" %}{% block content %}{% include "${name}/part.html" %}{% endblock %}`,
  [`${name}/templates/${name}/part.html`]: `<p>{{ x|upper }}</p>`,
});

const FILES = {
  "manage.py": MANAGE("site_.settings"),
  "site_/__init__.py": "",
  "site_/settings.py": SETTINGS,
  "site_/urls.py": `from django.urls import include, path\n\nurlpatterns = [\n    path("shop/", include("shop.urls")),\n    path("blog/", include("blog.urls")),\n]\n`,
  "templates/base.html": "<title>{% block title %}{% endblock %}</title>{% block content %}{% endblock %}",
  "shop/templatetags/__init__.py": "",
  "shop/templatetags/tags.py": TAGS,
  ...app("shop"),
  ...app("blog"),
  "shop/mail.py": 'from django.template.loader import render_to_string\n\n\ndef mail():\n    return render_to_string("shop/mail.css")\n',
  "shop/templates/shop/mail.css": "p {}",
};

async function setup() {
  const { root, ws } = await workspaceOf(FILES);
  const project = ws.projects()[0];
  const file = (rel: string) => path.join(root, rel);
  const edit = (rel: string, change: (text: string) => string) => {
    const f = file(rel);
    const text = ws.index.text(f)!;
    const next = change(text);
    assert.notEqual(next, text, `the edit of ${rel} changes it`);
    ws.index.setOverlay(f, next, ++version);
  };
  let version = 1;
  return { root, ws, project, file, edit };
}

/** Runs the template rules; which memos were recomputed, by key prefix (`template-facts`, …). */
const run = (ws: Workspace, project: DjangoProject) => {
  const index = ws.index as unknown as { recompute: (key: string, ...rest: unknown[]) => unknown };
  const original = index.recompute;
  const recomputed = new Map<string, number>();
  index.recompute = function (this: unknown, key: string, ...rest: unknown[]) {
    const prefix = key.replace(/[:#].*$/, "");
    recomputed.set(prefix, (recomputed.get(prefix) ?? 0) + 1);
    return original.call(this, key, ...rest);
  };
  try {
    const findings = runRules(project, {}, TEMPLATE_RULES).findings;
    const templateMemos = [...recomputed].filter(([k]) => k.startsWith("template") || k === "url-name-table" || k === "python-files" || k.startsWith("rule")).map(([k, n]) => `${k}:${n}`).sort();
    return { findings, templateMemos };
  } finally {
    index.recompute = original;
  }
};

describe("templates: incremental diagnostics", () => {
  it("re-checks nothing after edits that change no template-related result", async () => {
    const { ws, project, file, edit } = await setup();
    assert.deepEqual(run(ws, project).findings, []);
    const all = templateFindings(project);
    const facts = templateFacts(project, file("blog/templates/blog/list.html"));

    // models.py: a field renamed, a max_length changed, a field added: the file's template references
    // (none) are read again and come out equal.
    edit("shop/models.py", (t) => t.replace("name = ", "title = "));
    assert.deepEqual(run(ws, project), { findings: [], templateMemos: ["template-refs-py:1"] });
    edit("shop/models.py", (t) => t.replace("max_length=50", "max_length=80"));
    assert.deepEqual(run(ws, project).templateMemos, ["template-refs-py:1"]);
    edit("shop/models.py", (t) => t.replace("max_length=80)", "max_length=80)\n    extra = models.IntegerField(default=0)"));
    assert.deepEqual(run(ws, project).templateMemos, ["template-refs-py:1"]);
    // views.py without touching a template name, on the same lines.
    edit("shop/views.py", (t) => t.replace("import ListView", "import ListView  # list"));
    assert.deepEqual(run(ws, project).templateMemos, ["template-refs-py:1", "url-name-table:1"]);
    // A templatetags module whose registrations move but do not change: no template is re-checked.
    edit("shop/templatetags/tags.py", (t) => "# tags\n\n" + t);
    assert.deepEqual(run(ws, project).templateMemos, ["template-check-context:1", "template-libraries:1", "template-refs-py:1"]);
    // A URLconf whose routes change but not its names: no {% url %} is looked up again.
    edit("shop/urls.py", (t) => t.replace('path("d/"', 'path("detail/"'));
    assert.deepEqual(run(ws, project).templateMemos, ["template-refs-py:1", "url-name-table:1"]);
    // A template's text after its last tag: that template alone is re-checked.
    edit("blog/templates/blog/part.html", (t) => t + "\n<p>more</p>");
    assert.deepEqual(run(ws, project).templateMemos, ["template-facts:1"]);
    // A line added above a view's template name: that folder's names are looked up again, no template re-checked.
    edit("blog/views.py", (t) => "# views\n" + t);
    assert.deepEqual(run(ws, project).templateMemos, ["template-findings-group:1", "template-refs-py:1", "url-name-table:1"]);

    // A new file that is neither Python nor a template: the file lists come out equal.
    fs.writeFileSync(file("shop/README.md"), "shop");
    ws.index.fileChanged(file("shop/README.md"));
    const afterNewFile = run(ws, project).templateMemos;
    assert.ok(afterNewFile.includes("python-files:1"), afterNewFile.join());
    assert.deepEqual(afterNewFile.filter((k) => /^(template-(facts|findings|groups|refs)|rule)/.test(k)), []);

    // The very same values: nothing downstream of the edited files was recomputed.
    assert.equal(templateFindings(project), all, "the project's findings were not recomputed");
    assert.equal(templateFacts(project, file("blog/templates/blog/list.html")), facts, "no other template was re-checked");
  });

  it("stops at each project-wide projection that comes out the same", async () => {
    const { ws, project, file, edit } = await setup();
    run(ws, project);
    const redone = (memos: string[]) => memos.filter((k) => /^(template-(facts|findings|groups|urls-group|url-findings|django-files|names)|rule)/.test(k));

    // The settings change, not the templates' names or libraries: no folder is looked up again.
    edit("site_/settings.py", (t) => t + "# more settings\n");
    assert.deepEqual(redone(run(ws, project).templateMemos), ["template-names:1"]);
    // A template rewritten on disk: the listing of its folder changes, the list of templates does not.
    fs.writeFileSync(file("blog/templates/blog/part.html"), "<p>{{ x|lower }}</p>");
    ws.index.fileChanged(file("blog/templates/blog/part.html"));
    const rewritten = run(ws, project).templateMemos;
    assert.ok(rewritten.includes("template-files:1"), rewritten.join());
    assert.deepEqual(redone(rewritten), ["template-facts:1"]);
    // A template that is not a Django template (by its extension), named from Python, edited.
    edit("shop/templates/shop/mail.css", (t) => t + "\na {}");
    assert.deepEqual(run(ws, project).templateMemos, ["template-exists:1"]);
    // A new file in a template folder that is no Django template: a new name, the same templates.
    fs.writeFileSync(file("shop/templates/shop/logo.svg"), "<svg/>");
    ws.index.fileChanged(file("shop/templates/shop/logo.svg"));
    assert.ok(!run(ws, project).templateMemos.includes("template-groups:1"));
    // A template's problems change, its {% url %} names do not: they are not looked up again.
    edit("blog/templates/blog/list.html", (t) => t + "{% nosuch %}");
    const tagAdded = run(ws, project);
    assert.deepEqual(tagAdded.findings.map((f) => f.data?.name), ["nosuch"]);
    assert.ok(tagAdded.templateMemos.includes("template-urls-group:1") && !tagAdded.templateMemos.includes("template-url-findings:1"), tagAdded.templateMemos.join());
    // A new URL name no template uses: the {% url %} findings come out the same.
    edit("shop/urls.py", (t) => t.replace("]\n", '    path("x/", views.detail, name="extra"),\n]\n'));
    assert.deepEqual(redone(run(ws, project).templateMemos), ["template-url-findings:1"]);
  });

  it("re-checks only the edited file and reports what changed", async () => {
    const { root, ws, project, file, edit } = await setup();
    run(ws, project);
    const other = templateFacts(project, file("shop/templates/shop/list.html"));
    edit("blog/templates/blog/list.html", (t) => t.replace("{% endblock %}", "{% nosuch %}{% url 'blog:gone' %}{% include 'blog/gone.html' %}{% endblock %}"));
    edit("blog/views.py", (t) => t.replace('"blog/detail.html"', '"blog/missing.html"'));
    const found = run(ws, project).findings.map((f) => `${f.code} ${path.relative(root, f.file)} ${f.data?.name}`);
    assert.deepEqual(found, [
      "lens.template-not-found blog/views.py blog/missing.html",
      "lens.template-not-found blog/templates/blog/list.html blog/gone.html",
      "lens.unknown-template-tag blog/templates/blog/list.html nosuch",
      "lens.unknown-url-name blog/templates/blog/list.html blog:gone",
    ]);
    assert.equal(templateFacts(project, file("shop/templates/shop/list.html")), other);
    // Creating the missing template (a new file on disk) silences its finding.
    fs.writeFileSync(file("blog/templates/blog/missing.html"), "hi");
    ws.index.fileChanged(file("blog/templates/blog/missing.html"));
    assert.deepEqual(
      run(ws, project).findings.map((f) => f.data?.name),
      ["blog/gone.html", "nosuch", "blog:gone"],
    );
    // A renamed URL pattern makes {% url %} names unknown.
    edit("shop/urls.py", (t) => t.replace('name="detail"', 'name="show"'));
    assert.ok(run(ws, project).findings.some((f) => f.code === "lens.unknown-url-name" && f.data?.name === "shop:detail"));
  });

  it("reports exactly the names that a full lookup through the loaders does not find", async () => {
    const { root, ws } = await workspaceOf({
      ...FILES,
      "shop/views.py": [
        "from django.shortcuts import render",
        "",
        "def v(request):",
        '    render(request, "admin/base.html")', // Django's bundled admin templates
        '    render(request, "./shop/list.html")', // written unusually: found through the full lookup
        '    render(request, "shop/../shop/list.html")',
        '    render(request, "../templates/base.html")', // DIRS/../templates is DIRS again: found
        '    render(request, "../site_/settings.py")', // outside every folder
        '    render(request, "dangling.html")', // listed, but a dangling link
        '    render(request, "folder.html")', // a folder, not a file
        '    return render(request, "shop/list.html")',
        "",
      ].join("\n"),
      "templates/admin/base.html": '{% extends "admin/base.html" %}', // Django skips the file itself
      "templates/self.html": '{% extends "self.html" %}', // nothing else has it
      "templates/folder.html/x.txt": "",
    });
    fs.symlinkSync(path.join(root, "nowhere.html"), path.join(root, "templates/dangling.html"));
    const p = ws.projects()[0];
    const expected = templateUsages(p)
      .filter((u) => u.strict && !findTemplate(p, u.name, u.skip).winner && !findTemplate(p, u.name, u.skip).uncertain)
      .map((u) => `${path.relative(root, u.at.file)}:${u.at.range.start.line} ${u.name}`);
    const found = runRules(p, {}, TEMPLATE_RULES)
      .findings.filter((f) => f.code === "lens.template-not-found")
      .map((f) => `${path.relative(root, f.file)}:${f.range.start.line} ${f.data?.name}`);
    assert.deepEqual(found, expected);
    assert.deepEqual(found, ["shop/views.py:7 ../site_/settings.py", "shop/views.py:8 dangling.html", "shop/views.py:9 folder.html", "templates/self.html:0 self.html"]);
  });

  it("looks {% url %} names up as lookupUrlName does, instance and application namespaces at each level", async () => {
    const { ws } = await workspaceOf({
      ...FILES,
      "site_/urls.py": [
        "from django.urls import include, path",
        "",
        "urlpatterns = [",
        '    path("", include("blog.urls")),',
        '    path("shop/", include("shop.urls")),',
        '    path("shop2/", include("shop.urls", namespace="shop2")),',
        '    path("top/", include([path("x/", include("shop.api"))])),',
        "]",
        "",
      ].join("\n"),
      "shop/urls.py": 'from django.urls import include, path\n\nfrom . import views\n\napp_name = "shop"\nurlpatterns = [\n    path("", views.detail, name="list"),\n    path("api/", include("shop.api")),\n]\n',
      "shop/api.py": 'from django.urls import path\n\nfrom . import views\n\napp_name = "api"\nurlpatterns = [path("items/", views.detail, name="items")]\n',
    });
    const p = ws.projects()[0];
    const names = ["shop:list", "shop2:list", "shop:api:items", "shop2:api:items", "api:items", "list", "items", "shop:nope", "nope:list", "shop:shop:list", "blog:list", "blog:detail", "shop2:shop:list", "", ":list", "shop:"];
    const table = urlNameTable(p);
    assert.ok(table.complete);
    const expected = names.filter((n) => lookupUrlName(p, n).complete && !lookupUrlName(p, n).matches.length);
    assert.deepEqual(names.filter((n) => urlNameMissing(table, n)), expected);
    assert.deepEqual(expected, ["list", "items", "shop:nope", "nope:list", "shop:shop:list", "shop2:shop:list", "", ":list", "shop:"]);
  });
});
