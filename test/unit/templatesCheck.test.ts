// Template discovery, libraries and checks over small throwaway projects.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runRules } from "../../server/src/analysis/diagnostics/registry";
import { TEMPLATE_RULES } from "../../server/src/analysis/diagnostics/templatesRules";
import { checkTemplate } from "../../server/src/analysis/templates/check";
import { libraryTable } from "../../server/src/analysis/templates/libraries";
import { findTemplate } from "../../server/src/analysis/templates/loaders";
import { pythonTemplateRefs } from "../../server/src/analysis/templates/pythonRefs";
import { MANAGE, workspaceOf } from "./helpers";

const settings = (apps: string[], templates: string) =>
  `from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nINSTALLED_APPS = ${JSON.stringify(apps)}\nTEMPLATES = ${templates}\n`;
const DEFAULT_TEMPLATES = `[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [BASE_DIR / "templates", "other"], "APP_DIRS": True}]`;

const LIB = `from django import template
register = template.Library()

@register.filter
def shout(v):
    return v

@register.filter(name="hush")
def hush_filter(v):
    return v

@register.simple_tag(takes_context=True)
def hello(context):
    return ""

@register.inclusion_tag("x.html", name="card")
def card_tag():
    return {}

def do_box(parser, token):
    nodelist = parser.parse(("endbox",))
    return nodelist

register.tag("box", do_box)
`;

async function project(files: Record<string, string>, apps = ["blog", "shop"], templates = DEFAULT_TEMPLATES) {
  const { root, ws } = await workspaceOf({
    "manage.py": MANAGE("site_.settings"),
    "site_/__init__.py": "",
    "site_/settings.py": settings(apps, templates),
    "blog/__init__.py": "",
    "shop/__init__.py": "",
    "blog/templatetags/__init__.py": "",
    "blog/templatetags/blog_extras.py": LIB,
    ...files,
  });
  return { root, project: ws.projects()[0] };
}

const problems = (p: Awaited<ReturnType<typeof project>>, rel: string) =>
  checkTemplate(p.project, path.join(p.root, rel)).map((x) => `${x.kind} ${x.name} ${x.range.start.line}:${x.range.start.character}`);

describe("templates: loaders", () => {
  it("tries DIRS in order, then app templates in INSTALLED_APPS order; the first wins", async () => {
    const p = await project({
      "other/a.html": "other",
      "shop/templates/a.html": "shop",
      "blog/templates/a.html": "blog",
      "templates/b.html": "dirs",
      "shop/templates/b.html": "shop",
    });
    const a = findTemplate(p.project, "a.html");
    assert.deepEqual(a.candidates.map((c) => path.relative(p.root, c.file!)), ["other/a.html", "blog/templates/a.html", "shop/templates/a.html"]);
    assert.equal(a.winner?.file, path.join(p.root, "other/a.html"));
    assert.equal(a.uncertain, false);
    assert.equal(findTemplate(p.project, "b.html").winner?.file, path.join(p.root, "templates/b.html"));
    // safe_join: a name leaving the folder is no candidate.
    assert.equal(findTemplate(p.project, "../site_/settings.py").winner, null);
  });

  it("skips the extending file itself, so a template may extend the one it shadows", async () => {
    const p = await project({ "templates/base.html": "{% extends 'base.html' %}", "blog/templates/base.html": "x" });
    const own = path.join(p.root, "templates/base.html");
    assert.equal(findTemplate(p.project, "base.html", [own]).winner?.file, path.join(p.root, "blog/templates/base.html"));
  });

  it("is uncertain with an app outside the workspace, a custom loader, or unknown DIRS", async () => {
    const ext = await project({}, ["thirdparty", "blog"]);
    assert.equal(findTemplate(ext.project, "nope.html").uncertain, true);
    const custom = await project({}, ["blog"], `[{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"loaders": ["my.Loader"]}}]`);
    assert.equal(findTemplate(custom.project, "nope.html").uncertain, true);
    const env = await project({}, ["blog"], `[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [__import__("os").environ["X"]]}]`);
    assert.equal(findTemplate(env.project, "nope.html").uncertain, true);
    const known = await project({}, ["django.contrib.admin", "blog"]);
    const admin = findTemplate(known.project, "admin/base_site.html");
    assert.equal(admin.winner?.app, "django.contrib.admin");
    assert.equal(findTemplate(known.project, "nope.html").uncertain, false);
  });

  it("reads cached, filesystem (with its own dirs) and locmem loaders", async () => {
    const p = await project(
      { "x/a.html": "x" },
      ["blog"],
      `[{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"loaders": [("django.template.loaders.cached.Loader", [("django.template.loaders.filesystem.Loader", [BASE_DIR / "x"]), ("django.template.loaders.locmem.Loader", {"mem.html": "hi"})])]}}]`,
    );
    assert.equal(findTemplate(p.project, "a.html").winner?.file, path.join(p.root, "x/a.html"));
    assert.ok(findTemplate(p.project, "mem.html").winner);
    assert.equal(findTemplate(p.project, "nope.html").uncertain, false);
  });
});

describe("templates: libraries and checks", () => {
  it("reads a templatetags module's registrations", async () => {
    const p = await project({});
    const lib = libraryTable(p.project).byName.get("blog_extras")!;
    assert.deepEqual([...lib.filters.keys()].sort(), ["hush", "shout"]);
    assert.deepEqual([...lib.tags.keys()].sort(), ["box", "card", "hello"]);
    assert.equal(lib.complete, true);
    assert.ok(lib.consumed.has("endbox"));
    assert.equal(lib.filters.get("hush")!.at!.range.start.line, 8); // def hush_filter
  });

  it("knows built-ins and what {% load %} brought in, from where it was loaded on", async () => {
    const p = await project({
      "templates/ok.html": "{% load blog_extras %}{{ a|shout|hush|upper }}{% hello %}{% box %}{% endbox %}{% for x in y %}{% empty %}{% endfor %}",
      "templates/early.html": "{{ a|shout }}{% load blog_extras %}{{ a|shout }}{% nosuch %}{% endnosuch %}",
      "templates/only.html": "{% load shout from blog_extras %}{{ a|shout }}{{ a|hush }}",
      "templates/lib.html": "{% load nosuchlib %}",
    });
    assert.deepEqual(problems(p, "templates/ok.html"), []);
    assert.deepEqual(problems(p, "templates/early.html"), ["unknown-filter shout 0:5", "unknown-tag nosuch 0:51"]);
    assert.deepEqual(problems(p, "templates/only.html"), ["unknown-filter hush 0:51"]);
    assert.deepEqual(problems(p, "templates/lib.html"), ["unknown-library nosuchlib 0:8"]);
  });

  it("stays silent when a library may come from an app outside the workspace", async () => {
    const p = await project({ "templates/t.html": "{% load crispy_forms_tags %}{% crispy form %}{{ x|as_crispy_field }}" }, ["crispy_forms", "blog"]);
    assert.deepEqual(problems(p, "templates/t.html"), []);
  });

  it("finds unbalanced block tags, verbatim and comments aside", async () => {
    const p = await project({
      "templates/unclosed.html": "{% if a %}\n{% for x in y %}{% endfor %}\n",
      "templates/stray.html": "{% endif %}",
      "templates/crossed.html": "{% if a %}{% for x in y %}{% endif %}",
      "templates/blocks.html": "{% block a %}{% endblock b %}{% verbatim %}{% if %}{% endverbatim %}{% comment %}{% endif %}{% endcomment %}",
      "templates/eof.html": "{% block a %}{% if",
    });
    assert.deepEqual(problems(p, "templates/unclosed.html"), ["unbalanced if 0:3"]);
    assert.deepEqual(problems(p, "templates/stray.html"), ["unbalanced endif 0:3"]);
    assert.deepEqual(problems(p, "templates/crossed.html"), ["unbalanced endif 0:29", "unbalanced for 0:13"]);
    assert.deepEqual(problems(p, "templates/blocks.html"), ["unbalanced endblock 0:16"]);
    assert.deepEqual(problems(p, "templates/eof.html"), ["unbalanced block 0:3"]);
  });

  it("reports template names only when every loader is known", async () => {
    const files = {
      "blog/views.py":
        'from django.shortcuts import render\nfrom django.views.generic import TemplateView\n\ndef v(r):\n    return render(r, "gone.html")\n\ndef w(r):\n    return render(r, ["gone.html", "here.html"])\n\nclass V(TemplateView):\n    template_name = "gone2.html"\n\nclass Widget:\n    template_name = "widgets/x.html"\n',
      "templates/here.html": '{% extends "gone3.html" %}',
    };
    const p = await project(files);
    const refs = pythonTemplateRefs(p.project, path.join(p.root, "blog/views.py"));
    assert.deepEqual(refs.map((r) => [r.value, r.strict, r.inList]), [
      ["gone.html", true, false],
      ["gone.html", true, true],
      ["here.html", true, true],
      ["gone2.html", true, false],
      ["widgets/x.html", false, false],
    ]);
    const found = runRules(p.project, {}, TEMPLATE_RULES).findings.map((f) => `${path.relative(p.root, f.file)}:${f.range.start.line} ${f.data?.name}`);
    assert.deepEqual(found.sort(), ["blog/views.py:10 gone2.html", "blog/views.py:4 gone.html", "templates/here.html:0 gone3.html"]);
    const ext = await project(files, ["blog", "thirdparty"]);
    assert.deepEqual(runRules(ext.project, {}, TEMPLATE_RULES).findings.filter((f) => f.code === "lens.template-not-found"), []);
  });

  it("reads a template with invalid UTF-8 and answers the rest of it", async () => {
    const p = await project({});
    const file = path.join(p.root, "templates/bin.html");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([Buffer.from("{% if a %}\xff"), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from("{{ x|nosuch }}")]));
    assert.deepEqual(problems(p, "templates/bin.html").map((s) => s.split(" ").slice(0, 2).join(" ")), ["unknown-filter nosuch", "unbalanced if"]);
  });
});
