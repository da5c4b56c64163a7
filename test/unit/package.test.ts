// The VSIX that `npm run package` builds: bundles and grammar WASM inside, no node_modules, small.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..");
const VSIX = path.join(REPO, "django-lens.vsix");

describe("packaged VSIX", function () {
  this.timeout(120000);
  before(function () {
    if (!fs.existsSync(VSIX)) execFileSync("npm", ["run", "package"], { cwd: REPO, stdio: "ignore" });
  });

  it("carries the bundles, the WASM grammars and the template grammars, and no node_modules", () => {
    const listing = execFileSync("unzip", ["-Z1", VSIX], { encoding: "utf8" }).split("\n").filter(Boolean);
    for (const f of ["dist/extension.js", "dist/server.js", "dist/cli.js", "dist/tree-sitter.wasm", "dist/tree-sitter-python.wasm", "syntaxes/django-template.tmLanguage.json", "package.json"]) {
      assert.ok(listing.includes(`extension/${f}`), `missing ${f}`);
    }
    assert.deepEqual(listing.filter((f) => f.includes("node_modules") || f.endsWith(".map") || f.includes("/test")), []);
  });

  it("stays under 3 MB", () => {
    const size = fs.statSync(VSIX).size;
    assert.ok(size < 3 * 1024 * 1024, `${(size / 1048576).toFixed(2)} MB`);
  });

  it("declares what VS Code 1.100 needs: engine, entry point, CLI bin, limited untrusted support", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    assert.equal(pkg.engines.vscode, "^1.100.0");
    assert.equal(pkg.main, "./dist/extension.js");
    assert.equal(pkg.bin["django-lens"], "./dist/cli.js");
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, "limited");
    assert.ok(pkg.activationEvents.includes("workspaceContains:**/manage.py"));
  });
});
