// Template features over LSP on the templates-shadow fixture: definition, completion, hover,
// document links and diagnostics, with templates opened as plain `html` documents.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestClient, copyFixture, positionOf, uri, withCursor } from "./harness";

describe("language server: templates", function () {
  this.timeout(30000);
  let client: TestClient;
  let folder: string;
  const f = (rel: string) => path.join(folder, rel);
  const rel = (u: string) => path.relative(folder, new URL(u).pathname);

  before(async () => {
    folder = copyFixture("templates-shadow");
    client = await TestClient.start(folder);
  });
  after(async () => {
    await client.stop();
  });

  const at = (file: string, text: string, ext: number) => client.definition(f(file), positionOf(f(file), text, ext));

  describe("definition", () => {
    it("goes from {% extends %} and {% include %} to the winning file, shadowed ones after it", async () => {
      const ext = await at("blog/templates/blog/post.html", '"blog/base.html"', 3);
      assert.deepEqual(ext.map((l: any) => rel(l.uri)), ["blog/templates/blog/base.html"]);
      const inc = await at("blog/templates/blog/post.html", '"shared/page.html"', 3);
      assert.deepEqual(inc.map((l: any) => rel(l.uri)), [
        "templates/shared/page.html",
        "more_templates/shared/page.html",
        "blog/templates/shared/page.html",
        "shop/templates/shared/page.html",
      ]);
    });

    it("goes from template names in Python: render(), as_view(template_name=), class attributes", async () => {
      const render = await at("blog/views.py", '"shared/page.html", {', 2);
      assert.equal(rel(render[0].uri), "templates/shared/page.html");
      assert.equal(render.length, 4);
      const attr = await at("blog/views.py", '"only_more.html"', 2);
      assert.deepEqual(attr.map((l: any) => rel(l.uri)), ["more_templates/only_more.html"]);
      const asView = await at("blog/views.py", 'template_name="shared/page.html"', 16);
      assert.equal(rel(asView[0].uri), "templates/shared/page.html");
    });

    it("goes from {% block %} to the parent's block, {% load %} to the module, tags and filters to functions", async () => {
      const block = await at("blog/templates/blog/post.html", "block content", 7);
      assert.equal(rel(block[0].uri), "blog/templates/blog/base.html");
      assert.deepEqual(block[0].range.start, positionOf(f("blog/templates/blog/base.html"), "content %}", 0));
      const load = await at("blog/templates/blog/post.html", "blog_extras", 2);
      assert.equal(rel(load[0].uri), "blog/templatetags/blog_extras.py");
      const lib = f("blog/templatetags/blog_extras.py");
      const filter = await at("blog/templates/blog/post.html", "shout|", 1);
      assert.deepEqual(filter[0].range.start, positionOf(lib, "shout(value)", 0));
      const renamed = await at("blog/templates/blog/post.html", "whisper }}", 1);
      assert.deepEqual(renamed[0].range.start, positionOf(lib, "whisper_filter", 0));
      const tag = await at("blog/templates/blog/post.html", "greeting", 1);
      assert.deepEqual(tag[0].range.start, positionOf(lib, "greeting(name)", 0));
      const box = await at("blog/templates/blog/post.html", "box %}", 1);
      assert.deepEqual(box[0].range.start, positionOf(lib, "do_box", 0));
    });

    it("goes from {% url %} names to the URL pattern", async () => {
      const url = await at("blog/templates/blog/post.html", "blog:post-detail", 6);
      assert.equal(rel(url[0].uri), "blog/urls.py");
      assert.equal(url[0].range.start.line, positionOf(f("blog/urls.py"), '"post-detail"', 0).line);
    });
  });

  describe("completion", () => {
    const complete = async (file: string, marked: string) => {
      const { text, position } = withCursor(marked);
      await client.open(f(file), text, "html");
      const items = await client.request("textDocument/completion", { textDocument: { uri: uri(f(file)) }, position });
      await client.close(f(file));
      return (Array.isArray(items) ? items : items.items).map((i: any) => i.label) as string[];
    };

    it("offers tags, built-in and loaded before the cursor", async () => {
      const tags = await complete("blog/templates/blog/new.html", "{% load blog_extras %}\n{% gr| %}");
      assert.ok(tags.includes("greeting") && tags.includes("for") && !tags.includes("static"), tags.join(","));
      const before = await complete("blog/templates/blog/new.html", "{% gr| %}{% load blog_extras %}");
      assert.ok(!before.includes("greeting"));
    });

    it("offers template names, parent block names and URL names", async () => {
      const names = await complete("blog/templates/blog/new.html", '{% extends "bl| %}');
      assert.ok(names.includes("blog/base.html") && names.includes("shared/page.html") && names.includes("only_more.html"));
      const blocks = await complete("blog/templates/blog/new.html", '{% extends "blog/base.html" %}{% block | %}');
      assert.deepEqual(blocks.sort(), ["content", "footer", "title"]);
      const urls = await complete("blog/templates/blog/new.html", '{% url "| %}');
      assert.deepEqual(urls.sort(), ["about", "blog:post-detail", "home"]);
    });

    it("offers template names in render() in Python", async () => {
      const items = await complete("blog/other.py", 'from django.shortcuts import render\n\ndef v(r):\n    return render(r, "sh|")\n');
      assert.ok(items.includes("shared/page.html"));
    });
  });

  it("offers filters after a pipe in a variable", async () => {
    const file = f("blog/templates/blog/new.html");
    const text = "{% load blog_extras %}{{ x|sh }}";
    await client.open(file, text, "html");
    const items = await client.request("textDocument/completion", { textDocument: { uri: uri(file) }, position: { line: 0, character: text.indexOf("sh }}") + 2 } });
    await client.close(file);
    const labels = items.map((i: any) => i.label);
    assert.ok(labels.includes("shout") && labels.includes("upper") && labels.includes("whisper"));
  });

  it("hovers built-in filters and tags, and template names with what they shadow", async () => {
    const post = f("blog/templates/blog/post.html");
    const upper = await client.request("textDocument/hover", { textDocument: { uri: uri(post) }, position: positionOf(post, "upper }}", 1) });
    assert.match(upper.contents.value, /Converts a string into all uppercase/);
    const forTag = await client.request("textDocument/hover", { textDocument: { uri: uri(post) }, position: positionOf(post, "for item", 1) });
    assert.match(forTag.contents.value, /Loops over each item/);
    const views = f("blog/views.py");
    const name = await client.request("textDocument/hover", { textDocument: { uri: uri(views) }, position: positionOf(views, '"shared/page.html", {', 2) });
    assert.match(name.contents.value, /templates\/shared\/page\.html/);
    assert.match(name.contents.value, /Shadows:[\s\S]*more_templates\/shared\/page\.html/);
  });

  it("links template names and {% static %} paths", async () => {
    const base = f("blog/templates/blog/base.html");
    const links = await client.request("textDocument/documentLink", { textDocument: { uri: uri(base) } });
    assert.deepEqual(links.map((l: any) => rel(l.target)).sort(), ["shop/static/shop/app.js", "static/css/site.css"]);
    const post = await client.request("textDocument/documentLink", { textDocument: { uri: uri(f("blog/templates/blog/post.html")) } });
    assert.deepEqual(post.map((l: any) => rel(l.target)), ["blog/templates/blog/base.html", "templates/shared/page.html"]);
    const py = await client.request("textDocument/documentLink", { textDocument: { uri: uri(f("blog/views.py")) } });
    assert.ok(py.some((l: any) => rel(l.target) === "shop/templates/shop/list.html"));
  });

  it("publishes template diagnostics, clears them when fixed, and stays quiet on the good fixture", async () => {
    const views = f("blog/views.py");
    const missing = await client.waitForDiagnostics(views, (d) => d.length > 0);
    assert.deepEqual(missing.map((d) => d.code), ["lens.template-not-found"]);
    assert.deepEqual(missing[0].range.start, positionOf(views, '"blog/does_not_exist.html"', 0));
    assert.deepEqual(client.diagnosticsFor(f("blog/templates/blog/post.html")), []);
    const page = f("templates/shared/page.html");
    await client.open(page, "{% if x %}{{ y|nosuch }}{% load nolib %}{% url 'nowhere' %}", "html");
    const diags = await client.waitForDiagnostics(page, (d) => d.length >= 4);
    assert.deepEqual(diags.map((d) => d.code).sort(), [
      "lens.unbalanced-template-tag",
      "lens.unknown-template-filter",
      "lens.unknown-template-library",
      "lens.unknown-url-name",
    ]);
    await client.change(page, "{% if x %}{{ y|upper }}{% endif %}{% url 'home' %}");
    await client.waitForDiagnostics(page, (d) => d.length === 0);
    await client.close(page);
  });

  it("stays responsive with a 2 MB template and unclosed tags at the end of a file", async () => {
    const big = f("templates/big.html");
    const text = "{% if a %}{{ x|upper }}{% endif %}<p>{% {{ {#</p>\n".repeat(40000) + "{% block tail %}{% if";
    fs.writeFileSync(big, text);
    await client.filesChanged([{ file: big, type: 1 }]);
    await client.open(big, text, "html");
    const started = Date.now();
    const diags = await client.waitForDiagnostics(big, (d) => d.length > 0, 20000);
    assert.deepEqual(diags.map((d) => d.message), ["Unclosed tag on line 40001: 'block'. Looking for one of: endblock."]);
    const def = await at("blog/templates/blog/post.html", '"blog/base.html"', 3);
    assert.equal(rel(def[0].uri), "blog/templates/blog/base.html");
    assert.ok(Date.now() - started < 15000);
    await client.close(big);
  });
});
