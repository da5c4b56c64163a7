// The server end to end over LSP: indexing, the first diagnostic family, definition, and edits.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestClient, copyFixture, positionOf, uri } from "./harness";

describe("language server: foundation", function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it("reports the projects it found with their settings module", async () => {
    const folder = copyFixture("mysite");
    client = await TestClient.start(folder);
    const { projects } = await client.request("djangoLens/projects", {});
    assert.equal(projects.length, 1);
    assert.equal(projects[0].settingsModule, "mysite.settings");
    assert.equal(projects[0].settingsFrom, "manage.py");
    assert.deepEqual(projects[0].databases, ["default", "users"]);
    assert.ok(projects[0].apps.some((a: any) => a.label === "users" && a.name === "users"));
  });

  it("publishes unresolved INSTALLED_APPS and MIDDLEWARE entries, and only those", async () => {
    const folder = copyFixture("midedit");
    client = await TestClient.start(folder);
    const settings = path.join(folder, "midedit", "settings.py");
    const diags = await client.waitForDiagnostics(settings, (d) => d.length >= 2);
    const byCode = Object.fromEntries(diags.map((d) => [d.code, d]));
    assert.equal(byCode["lens.unknown-installed-app"].message, "No module named 'midedit.blog'");
    assert.deepEqual(byCode["lens.unknown-installed-app"].range.start, positionOf(settings, '"midedit.blog"', 0));
    assert.equal(byCode["lens.unknown-middleware"].message, 'Module "midedit.middleware" does not define a "TimingMidleware" attribute/class');
    assert.equal(diags.length, 2, JSON.stringify(diags));
  });

  it("clears a diagnostic when the document is fixed, and restores it when the fix is undone", async () => {
    const folder = copyFixture("midedit");
    client = await TestClient.start(folder);
    const settings = path.join(folder, "midedit", "settings.py");
    await client.waitForDiagnostics(settings, (d) => d.some((x) => x.code === "lens.unknown-middleware"));
    const original = fs.readFileSync(settings, "utf8");
    await client.open(settings, original);
    await client.change(settings, original.replace("TimingMidleware", "TimingMiddleware"));
    await client.waitForDiagnostics(settings, (d) => !d.some((x) => x.code === "lens.unknown-middleware"));
    await client.change(settings, original);
    await client.waitForDiagnostics(settings, (d) => d.some((x) => x.code === "lens.unknown-middleware"));
  });

  it("notices an app folder created on disk (watched-file events)", async () => {
    const folder = copyFixture("midedit");
    client = await TestClient.start(folder);
    const settings = path.join(folder, "midedit", "settings.py");
    await client.waitForDiagnostics(settings, (d) => d.some((x) => x.code === "lens.unknown-installed-app"));
    const blog = path.join(folder, "midedit", "blog");
    fs.mkdirSync(blog);
    fs.writeFileSync(path.join(blog, "__init__.py"), "");
    await client.filesChanged([{ file: blog, type: 1 }, { file: path.join(blog, "__init__.py"), type: 1 }]);
    await client.waitForDiagnostics(settings, (d) => !d.some((x) => x.code === "lens.unknown-installed-app"));
    // Deleting the whole folder brings the finding back.
    fs.rmSync(blog, { recursive: true });
    await client.filesChanged([{ file: blog, type: 3 }]);
    await client.waitForDiagnostics(settings, (d) => d.some((x) => x.code === "lens.unknown-installed-app"));
  });

  it("watches the folder itself when the client cannot", async () => {
    const folder = copyFixture("midedit");
    client = await TestClient.start(folder, { watchFiles: false });
    const settings = path.join(folder, "midedit", "settings.py");
    await client.waitForDiagnostics(settings, (d) => d.some((x) => x.code === "lens.unknown-middleware"));
    fs.writeFileSync(settings, fs.readFileSync(settings, "utf8").replace("TimingMidleware", "TimingMiddleware"));
    await client.waitForDiagnostics(settings, (d) => !d.some((x) => x.code === "lens.unknown-middleware"));
  });

  it("goes from INSTALLED_APPS, MIDDLEWARE and ROOT_URLCONF strings to their definitions", async () => {
    const folder = copyFixture("mysite");
    client = await TestClient.start(folder);
    const settings = path.join(folder, "mysite", "settings.py");
    const app = await client.definition(settings, positionOf(settings, '"users.apps.UsersConfig"', 3));
    assert.equal(app[0].uri, uri(path.join(folder, "users", "apps.py")));
    assert.equal(app[0].range.start.line, positionOf(path.join(folder, "users", "apps.py"), "class UsersConfig", 6).line);
    const mw = await client.definition(settings, positionOf(settings, '"shop.middleware.RequestCountMiddleware"', 20));
    const mwFile = path.join(folder, "shop", "middleware.py");
    assert.equal(mw[0].uri, uri(mwFile));
    assert.deepEqual(mw[0].range.start, positionOf(mwFile, "RequestCountMiddleware", 0));
    const urls = await client.definition(settings, positionOf(settings, '"mysite.urls"', 3));
    assert.equal(urls[0].uri, uri(path.join(folder, "mysite", "urls.py")));
    // Django's own entries have no definition in the workspace, and asking is no error.
    assert.equal(await client.definition(settings, positionOf(settings, '"django.contrib.admin"', 3)), null);
  });

  it("applies per-rule severity settings and turns rules off", async () => {
    const folder = copyFixture("midedit");
    client = await TestClient.start(folder, { settings: { diagnostics: { "lens.unknown-middleware": "warning", "lens.unknown-installed-app": "off" } } });
    const settings = path.join(folder, "midedit", "settings.py");
    const diags = await client.waitForDiagnostics(settings, (d) => d.length > 0);
    assert.deepEqual(diags.map((d) => [d.code, d.severity]), [["lens.unknown-middleware", 2]]);
  });

  it("honours a # noqa comment for one code", async () => {
    const folder = copyFixture("midedit");
    const settings = path.join(folder, "midedit", "settings.py");
    fs.writeFileSync(settings, fs.readFileSync(settings, "utf8").replace('"midedit.blog",', '"midedit.blog",  # noqa: lens.unknown-installed-app'));
    client = await TestClient.start(folder);
    const diags = await client.waitForDiagnostics(settings, (d) => d.length > 0);
    assert.deepEqual(diags.map((d) => d.code), ["lens.unknown-middleware"]);
  });
});
