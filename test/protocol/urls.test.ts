// URL features over LSP on the urls-advanced fixture: definition, references, completion, hover
// and diagnostics, with `|` cursor markers in edited sources.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestClient, copyFixture, positionOf, uri, withCursor } from "./harness";

describe("language server: URLs", function () {
  this.timeout(30000);
  let client: TestClient;
  let folder: string;
  const f = (rel: string) => path.join(folder, rel);
  const rel = (u: string) => path.relative(folder, new URL(u).pathname);

  before(async () => {
    folder = copyFixture("urls-advanced");
    client = await TestClient.start(folder);
  });
  after(async () => {
    await client.stop();
  });

  it("goes from a name in reverse() to the pattern that defines it", async () => {
    const locs = await client.definition(f("catalog/views.py"), positionOf(f("catalog/views.py"), '"shop:item-slug"', 3));
    assert.deepEqual(locs.map((l: any) => rel(l.uri)), ["catalog/urls.py"]);
    assert.deepEqual(locs[0].range.start, positionOf(f("catalog/urls.py"), '"item-slug"', 0));
  });

  it("resolves an application namespace to its instance", async () => {
    const locs = await client.definition(f("catalog/views.py"), positionOf(f("catalog/views.py"), '"catalog:search"', 3));
    assert.deepEqual(locs[0].range.start, positionOf(f("catalog/urls.py"), '"search"', 0));
  });

  it("goes from a view in a URLconf to its definition, through decorators and packages", async () => {
    const archive = f("blog/archive_urls.py");
    const locs = await client.definition(archive, positionOf(archive, "archive.month_index", 10));
    assert.equal(rel(locs[0].uri), "blog/views/archive.py");
    assert.deepEqual(locs[0].range.start, positionOf(f("blog/views/archive.py"), "month_index", 0));
  });

  it("goes from include('blog.urls') to the URLconf", async () => {
    const locs = await client.definition(f("proj/urls.py"), positionOf(f("proj/urls.py"), '"blog.urls"', 2));
    assert.deepEqual(locs.map((l: any) => rel(l.uri)), ["blog/urls.py"]);
  });

  it("finds the reverse() calls that use a pattern's name", async () => {
    const refs = await client.request("textDocument/references", {
      textDocument: { uri: uri(f("catalog/urls.py")) },
      position: positionOf(f("catalog/urls.py"), '"item"', 2),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(refs.map((l: any) => `${rel(l.uri)}:${l.range.start.line + 1}`), ["catalog/views.py:49"]);
  });

  it("completes URL names with their namespaces inside reverse(\"", async () => {
    const file = f("catalog/views.py");
    const { text, position } = withCursor(fs.readFileSync(file, "utf8").replace('reverse("shop:nope")', 'reverse("|")'));
    await client.change(file, text);
    const items = await client.request("textDocument/completion", { textDocument: { uri: uri(file) }, position });
    const labels = (Array.isArray(items) ? items : items.items).map((i: any) => i.label);
    for (const name of ["shop:item", "blog:by_year:month", "archive:post-list", "api-root", "report"]) assert.ok(labels.includes(name), name);
  });

  it("shows the full route on hover", async () => {
    const hover = await client.request("textDocument/hover", {
      textDocument: { uri: uri(f("catalog/views.py")) },
      position: positionOf(f("catalog/views.py"), '"blog:by_year:month"', 3),
    });
    assert.match(hover.contents.value, /\/blog\/<int:year>\/<int:month>\//);
  });

  it("publishes unknown-name and argument diagnostics", async () => {
    const file = f("catalog/views.py");
    await client.open(file);
    const diags = await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === "lens.url-arguments"));
    const codes = diags.filter((d) => String(d.code).startsWith("lens.url")).map((d) => `${d.range.start.line + 1} ${d.code}`);
    assert.deepEqual(codes.sort(), ["48 lens.url-arguments", "49 lens.url-arguments"]);
  });
});
