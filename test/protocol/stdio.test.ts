// The bundled server as editors run it: `node dist/server.js --stdio`, a plain LSP client over
// stdio (as Neovim's), no client-side file watching, pulled configuration absent.
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from "vscode-jsonrpc/node";
import { REPO, copyFixture, positionOf, uri } from "./harness";

describe("dist/server.js over stdio", function () {
  this.timeout(30000);
  let child: ChildProcess | undefined;
  after(() => child?.kill());

  it("initialises, publishes diagnostics, answers definition and custom requests, and exits on request", async () => {
    const folder = copyFixture("midedit");
    child = spawn(process.execPath, [path.join(REPO, "dist", "server.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const diagnostics = new Map<string, any[]>();
    conn.onNotification("textDocument/publishDiagnostics", (p: any) => diagnostics.set(p.uri, p.diagnostics));
    conn.listen();
    const init: any = await conn.sendRequest("initialize", { processId: process.pid, rootUri: uri(folder), capabilities: {} });
    assert.equal(init.serverInfo.name, "django-lens");
    assert.ok(init.capabilities.definitionProvider);
    await conn.sendNotification("initialized", {});
    const settings = path.join(folder, "midedit", "settings.py");
    const deadline = Date.now() + 15000;
    while (!diagnostics.get(uri(settings))?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(diagnostics.get(uri(settings))?.map((d) => d.code).sort(), ["lens.unknown-installed-app", "lens.unknown-middleware"]);
    const def: any = await conn.sendRequest("textDocument/definition", { textDocument: { uri: uri(settings) }, position: positionOf(settings, '"midedit.urls"', 3) });
    assert.equal(def[0].uri, uri(path.join(folder, "midedit", "urls.py")));
    const projects: any = await conn.sendRequest("djangoLens/projects", {});
    assert.equal(projects.projects[0].settingsModule, "midedit.settings");
    await conn.sendRequest("shutdown");
    const exited = new Promise<number | null>((r) => child!.once("exit", (code) => r(code)));
    await conn.sendNotification("exit");
    assert.equal(await exited, 0);
    conn.dispose();
    assert.doesNotMatch(stderr, /Error|at .*\.js:\d+/, stderr);
  });
});
