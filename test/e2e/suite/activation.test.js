// Runs inside the extension host (see index.js): the real `vscode` API of VS Code 1.100 (code-server).
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");
const vscode = require("vscode");

const EXTENSION_ID = "django-lens.django-lens";

describe("activation", function () {
  it("has a usable vscode API", function () {
    assert.strictEqual(typeof vscode.version, "string");
    const [major, minor] = vscode.version.split(".").map(Number);
    assert.ok(major > 1 || (major === 1 && minor >= 100), `VS Code ${vscode.version} < 1.100`);
    assert.strictEqual(typeof vscode.commands.executeCommand, "function");
    // code-server: web UI, remote extension host (tests must not assume desktop values).
    console.log(`    vscode ${vscode.version}, app "${vscode.env.appName}", uiKind ${vscode.env.uiKind}, remote ${vscode.env.remoteName}`);
  });

  it("has the workspace folder open", async function () {
    const folders = vscode.workspace.workspaceFolders || [];
    assert.strictEqual(folders.length, 1, `workspace folders: ${folders.map((f) => f.uri.toString())}`);
    const stat = await vscode.workspace.fs.stat(folders[0].uri);
    assert.strictEqual(stat.type & vscode.FileType.Directory, vscode.FileType.Directory);
  });

  /** The extension under test, activated; skips (with the reason) when it has not been built. */
  async function activated(ctx) {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (is --extension the repo root?)`);
    const main = path.join(ext.extensionPath, "dist", "extension.js");
    if (!fs.existsSync(main)) {
      console.log(`    SKIPPED: ${main} does not exist yet: run \`npm run build\` first`);
      ctx.skip();
    }
    await ext.activate();
    return ext;
  }

  it(`loads and activates ${EXTENSION_ID}`, async function () {
    const ext = await activated(this);
    assert.strictEqual(ext.isActive, true, "extension did not become active");
  });

  it("registers every command its manifest contributes", async function () {
    const ext = await activated(this);
    const contributed = ((ext.packageJSON.contributes || {}).commands || []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.ok(missing.length === 0, `contributed in package.json but not registered: ${missing.join(", ")}`);
  });
});
