// Shared helpers of the in-host suites: the extension's API, polling, the workspace's files.
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");
const vscode = require("vscode");

const EXTENSION_ID = "django-lens.django-lens";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it returns a truthy value (returned) or the time is up (throws with `what`). */
async function waitFor(fn, what, ms = 30000, every = 250) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(every);
  }
}

/** The activated extension's exported API; skips the test when the extension is not built. */
async function lensApi(ctx) {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  if (!fs.existsSync(path.join(ext.extensionPath, "dist", "extension.js"))) ctx.skip();
  const api = await ext.activate();
  // The server has indexed once the Apps tree has the fixture's apps.
  await waitFor(async () => (await api.views.apps.nodes()).some((n) => n.kind === "app"), "the Apps tree", 60000);
  return api;
}

function workspaceRoot() {
  return vscode.workspace.workspaceFolders[0].uri.fsPath;
}

function ws(...parts) {
  return path.join(workspaceRoot(), ...parts);
}

/** The workspace was prepared for the real Django (scripts/e2e.sh → prepareWorkspace.mjs). */
function djangoReady() {
  return fs.existsSync(ws("mysite", "settings_e2e.py"));
}

/**
 * A scripted UI for the commands' pickers: records what each picker offered and answers with
 * `answers[i]` (a label, or a function of the items).
 */
function scriptedUi(answers) {
  const asked = [];
  return {
    asked,
    ui: {
      async pick(items, options) {
        asked.push({ kind: "pick", placeHolder: options.placeHolder, labels: items.map((i) => i.label) });
        const a = answers.shift();
        const item = typeof a === "function" ? a(items) : items.find((i) => i.label === a);
        return item ? item.value : undefined;
      },
      async input(options) {
        asked.push({ kind: "input", prompt: options.prompt });
        return answers.shift();
      },
    },
  };
}

module.exports = { EXTENSION_ID, sleep, waitFor, lensApi, workspaceRoot, ws, djangoReady, scriptedUi };
