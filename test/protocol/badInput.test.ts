// Bad input never hurts: the server keeps answering, logs one clear line, and never crashes.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pythonFiles, indexFiles } from "../../server/src/session/indexer";
import { ensureParser } from "../../server/src/python/parser";
import { Workspace } from "../../server/src/project/workspace";
import { MANAGE, writeTree } from "../unit/helpers";
import { TestClient, positionOf } from "./harness";

const SETTINGS = 'INSTALLED_APPS = ["shop"]\nMIDDLEWARE = ["shop.mw.Counter"]\nROOT_URLCONF = "proj.urls"\n';

function project(extra: Record<string, string | Buffer> = {}): string {
  return writeTree({
    "manage.py": MANAGE("proj.settings"),
    "proj/__init__.py": "",
    "proj/settings.py": SETTINGS,
    "proj/urls.py": "urlpatterns = []\n",
    "shop/__init__.py": "",
    "shop/mw.py": "class Counter:\n    pass\n",
    ...extra,
  });
}

describe("language server: bad input", function () {
  this.timeout(60000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  async function stillAnswers(folder: string): Promise<void> {
    const settings = path.join(folder, "proj", "settings.py");
    const def = await client!.definition(settings, positionOf(settings, '"shop.mw.Counter"', 3));
    assert.equal(def[0].range.start.line, 0, "definition still works");
    const { projects } = await client!.request("djangoLens/projects", {});
    assert.equal(projects.length, 1);
  }

  it("reads a file with invalid UTF-8, replacing the bad bytes, and says so once", async () => {
    const bad = Buffer.concat([Buffer.from('X = "caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"\nclass Counter2:\n    pass\n')]);
    const folder = project({ "shop/latin1.py": bad });
    client = await TestClient.start(folder);
    await stillAnswers(folder);
    const lines = client.logs.filter((l) => l.includes("latin1.py"));
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], /not valid UTF-8/);
    // The rest of the file was still read.
    const settings = path.join(folder, "proj", "settings.py");
    await client.open(settings, SETTINGS.replace("shop.mw.Counter", "shop.latin1.Counter2"));
    const def = await client.definition(settings, positionOf(settings, '"shop.mw.Counter"', 3));
    assert.ok(def[0].uri.endsWith("latin1.py"));
  });

  it("skips a 5 MB generated module with one log line", async () => {
    const huge = "# generated\n" + Array.from({ length: 140000 }, (_, i) => `V${i} = "${"x".repeat(30)}"\n`).join("");
    assert.ok(huge.length > 5 * 1024 * 1024);
    const folder = project({ "shop/generated.py": huge });
    client = await TestClient.start(folder);
    await stillAnswers(folder);
    const lines = client.logs.filter((l) => l.includes("generated.py"));
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], /larger than the 4 MB limit/);
  });

  it("is not caught by a symlink loop", async () => {
    const folder = project();
    fs.symlinkSync(folder, path.join(folder, "shop", "loop"));
    client = await TestClient.start(folder);
    await stillAnswers(folder);
  });

  it("answers when manage.py names no settings module", async () => {
    const folder = writeTree({ "manage.py": "import sys\nprint(sys.argv)\n", "proj/__init__.py": "" });
    client = await TestClient.start(folder);
    const { projects } = await client.request("djangoLens/projects", {});
    assert.equal(projects.length, 1);
    assert.equal(projects[0].settingsModule, null);
    assert.deepEqual(projects[0].apps, []);
  });

  it("reports a settings module that imports a missing module, and still evaluates the rest", async () => {
    const folder = project({ "proj/settings.py": "from proj.local_settings import *\n" + SETTINGS });
    client = await TestClient.start(folder);
    const settings = path.join(folder, "proj", "settings.py");
    const diags = await client.waitForDiagnostics(settings, (d) => d.length > 0);
    assert.deepEqual(diags.map((d) => [d.code, d.message]), [["lens.settings-import-error", "No module named 'proj.local_settings'"]]);
    await stillAnswers(folder);
  });

  it("answers when there is no manage.py at all", async () => {
    const folder = writeTree({ "lib/code.py": "x = 1\n" });
    client = await TestClient.start(folder);
    const { projects } = await client.request("djangoLens/projects", {});
    assert.deepEqual(projects, []);
    assert.equal(await client.definition(path.join(folder, "lib/code.py"), { line: 0, character: 0 }), null);
  });

  it("goes on indexing when a file is deleted mid-index", async () => {
    await ensureParser();
    const folder = project({ "shop/a.py": "A = 1\n", "shop/b.py": "B = 2\n" });
    const logs: string[] = [];
    const ws = new Workspace([folder], () => ({}), { info: (m) => logs.push(m), warn: (m) => logs.push(m) });
    const files = pythonFiles(ws);
    fs.rmSync(path.join(folder, "shop/a.py"));
    const done = await indexFiles(ws, files, () => {});
    assert.equal(done, files.length);
    assert.deepEqual(logs.filter((l) => l.includes("a.py")), [`skipped ${path.join(folder, "shop/a.py")}: deleted while indexing`]);
    assert.ok(ws.index.summary(path.join(folder, "shop/b.py")));
  });

  it("survives requests on unknown files, odd URIs and positions out of range", async () => {
    const folder = project();
    client = await TestClient.start(folder);
    assert.equal(await client.definition(path.join(folder, "nope.py"), { line: 99, character: 99 }), null);
    const odd = await client.request("textDocument/definition", { textDocument: { uri: "untitled:Untitled-1" }, position: { line: 0, character: 0 } });
    assert.equal(odd, null);
    await stillAnswers(folder);
  });
});
