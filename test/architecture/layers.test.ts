// Keeps the layers of ARCHITECTURE.md apart: the analysis core knows nothing of LSP or VS Code,
// lower layers never import higher ones, and the client imports only the server's protocol.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Project } from "ts-morph";

const REPO = path.resolve(__dirname, "..", "..");
const SRC = path.join(REPO, "server", "src");

/** Each layer and the server folders it may not import. */
const FORBIDDEN: Record<string, string[]> = {
  python: ["project", "analysis", "features", "session", "cli"],
  project: ["analysis", "features", "session", "cli"],
  analysis: ["features", "session", "cli"],
};
const LSP_PACKAGES = /^(vscode|vscode-languageserver|vscode-languageserver-textdocument|vscode-languageclient|vscode-jsonrpc)(\/|$)/;

function imports(project: Project, dir: string): { file: string; spec: string; target: string | null }[] {
  const out: { file: string; spec: string; target: string | null }[] = [];
  for (const sf of project.getSourceFiles(path.join(dir, "**/*.ts"))) {
    const specs = [
      ...sf.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
      ...sf.getExportDeclarations().map((d) => d.getModuleSpecifierValue()).filter((s): s is string => !!s),
    ];
    for (const spec of specs) {
      const target = spec.startsWith(".") ? path.resolve(path.dirname(sf.getFilePath()), spec) : null;
      out.push({ file: path.relative(REPO, sf.getFilePath()), spec, target });
    }
  }
  return out;
}

describe("architecture", function () {
  this.timeout(60000);
  const project = new Project({ tsConfigFilePath: path.join(REPO, "tsconfig.json"), skipFileDependencyResolution: true });

  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`server/src/${layer} imports no LSP or VS Code package and no higher layer`, () => {
      const found = imports(project, path.join(SRC, layer));
      assert.ok(found.length > 0, `no imports found in ${layer}: the test would prove nothing`);
      const bad = found.filter(
        (i) => LSP_PACKAGES.test(i.spec) || (i.target && forbidden.some((f) => i.target!.startsWith(path.join(SRC, f) + path.sep) || i.target === path.join(SRC, f))),
      );
      assert.deepEqual(bad.map((b) => `${b.file} imports ${b.spec}`), []);
    });
  }

  it("the client imports nothing of the server but protocol.ts", () => {
    const found = imports(project, path.join(REPO, "client", "src"));
    const bad = found.filter((i) => i.target && i.target.startsWith(path.join(REPO, "server")) && i.target !== path.join(SRC, "protocol"));
    assert.deepEqual(bad.map((b) => `${b.file} imports ${b.spec}`), []);
    assert.ok(found.some((i) => i.target === path.join(SRC, "protocol")), "the client uses the protocol module");
  });

  it("protocol.ts imports nothing, so the client bundles no server code", () => {
    const sf = project.getSourceFileOrThrow(path.join(SRC, "protocol.ts"));
    assert.deepEqual(sf.getImportDeclarations().map((d) => d.getModuleSpecifierValue()), []);
  });
});
