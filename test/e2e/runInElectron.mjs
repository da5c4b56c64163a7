#!/usr/bin/env node
// The same in-host suite (test/e2e/suite/index.js) under @vscode/test-electron, for machines that
// can download VS Code (these CI machines cannot: scripts/e2e.sh runs it in code-server instead).
//   node test/e2e/runInElectron.mjs [--untrusted]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runTests } from "@vscode/test-electron";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const untrusted = process.argv.includes("--untrusted");
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "lens-e2e-electron-"));
fs.cpSync(path.join(REPO, "test-fixtures", "mysite"), workspace, { recursive: true });
const django = path.join(REPO, ".cache", "django", "5.2", "usr", "lib", "python3", "dist-packages");
execFileSync(process.execPath, [path.join(REPO, "test", "e2e", "prepareWorkspace.mjs"), workspace, django], { stdio: "inherit" });

try {
  await runTests({
    version: "1.100.3",
    extensionDevelopmentPath: REPO,
    extensionTestsPath: path.join(REPO, "test", "e2e", "suite", "index.js"),
    launchArgs: [workspace, "--disable-extensions", ...(untrusted ? [] : ["--disable-workspace-trust"])],
  });
} catch (err) {
  console.error(`e2e (electron) failed: ${err}`);
  process.exit(1);
}
