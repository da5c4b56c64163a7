// Workspace Trust: in Restricted Mode (scripts/e2e.sh runs this with --untrusted) the analysis
// works and every command that runs project code is refused.
"use strict";
const assert = require("assert");
const fs = require("fs");
const vscode = require("vscode");
const { EXTENSION_ID, lensApi, ws } = require("./helpers");

const RUNS_CODE = [
  "djangoLens.makemigrations", "djangoLens.migrate", "djangoLens.showmigrations", "djangoLens.sqlmigrate", "djangoLens.runserver",
  "djangoLens.test", "djangoLens.check", "djangoLens.shell", "djangoLens.createsuperuser", "djangoLens.collectstatic", "djangoLens.startapp",
];

describe("workspace trust", function () {
  it("every command that runs manage.py is disabled in untrusted workspaces by the manifest", function () {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID).packageJSON;
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, "limited");
    const byId = new Map(pkg.contributes.commands.map((c) => [c.command, c]));
    for (const id of RUNS_CODE) assert.strictEqual(byId.get(id)?.enablement, "isWorkspaceTrusted", id);
  });

  describe("in Restricted Mode", function () {
    before(function () {
      if (vscode.workspace.isTrusted) {
        console.log("    (trusted workspace: run scripts/e2e.sh, whose untrusted phase covers these)");
        this.skip();
      }
    });

    it("the analysis still works: the Apps tree lists the apps", async function () {
      const api = await lensApi(this);
      assert.deepStrictEqual((await api.views.apps.getChildren()).map((n) => n.label), ["shop", "users"]);
    });

    it("refuses to run manage.py commands (nothing runs, no file appears)", async function () {
      const api = await lensApi(this);
      let taskStarted = false;
      const sub = vscode.tasks.onDidStartTask(() => (taskStarted = true));
      const restore = api.setUi({ pick: async () => { throw new Error("no picker may open"); }, input: async () => { throw new Error("no input may open"); } });
      try {
        for (const id of RUNS_CODE) {
          const r = await vscode.commands.executeCommand(id, { app: "shop", name: "newapp", database: "default", port: "8123" });
          assert.strictEqual(r, undefined, id);
        }
        await new Promise((r) => setTimeout(r, 1500));
        assert.strictEqual(taskStarted, false, "a task started");
        assert.ok(!fs.existsSync(ws("newapp")), "startapp ran");
      } finally {
        sub.dispose();
        restore();
      }
    });
  });
});
