// Suite entry loaded by VS Code's extension host (extensionTestsPath): code-server via
// test/e2e/runInCodeServer.mjs here, or @vscode/test-electron's runTests on a machine that can
// download VS Code. Plain CommonJS so it runs without a build.
"use strict";
const fs = require("fs");
const path = require("path");

// The extension host's module resolution does not know the repo: resolve mocha from it by path.
const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const Mocha = require(require.resolve("mocha", { paths: [REPO_ROOT] }));

function run() {
  const mocha = new Mocha({
    ui: "bdd",
    color: false,
    timeout: 60000,
    reporter: "spec",
    grep: process.env.DJANGO_LENS_E2E_GREP || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".test.js"))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats || {};
        // One plain closing line, also the one scripts/e2e.sh reports.
        console.log(
          `e2e: ${s.passes || 0} passed, ${failures} failed, ${s.pending || 0} skipped`,
        );
        if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
        else if (!s.tests && !s.pending) reject(new Error("no e2e test ran"));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
}

module.exports = { run };
