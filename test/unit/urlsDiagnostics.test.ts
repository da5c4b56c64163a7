// URL-name diagnostics on fixtures: unknown names and namespaces, argument mismatches, and
// silence where the map (or the pattern's parameters) is not fully known.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runRules } from "../../server/src/analysis/diagnostics/registry";
import { ensureParser } from "../../server/src/python/parser";
import { Workspace } from "../../server/src/project/workspace";

const FIXTURES = path.resolve(__dirname, "..", "..", "test-fixtures");

function urlFindings(fixture: string): string[] {
  const ws = new Workspace([path.join(FIXTURES, fixture)]);
  const project = ws.projects()[0];
  return runRules(project)
    .findings.filter((f) => f.code === "lens.unknown-url-name" || f.code === "lens.url-arguments")
    .filter((f) => f.file.endsWith(".py"))
    .map((f) => `${path.relative(project.root, f.file)}:${f.range.start.line + 1} ${f.code} ${f.message}`)
    .sort();
}

describe("URL-name diagnostics", () => {
  before(ensureParser);

  it("reports unknown names and arguments no pattern accepts, and nothing else", () => {
    assert.deepEqual(urlFindings("urls-advanced"), [
      "catalog/views.py:48 lens.url-arguments Reverse for 'blog:by_year:month' with 1 positional argument cannot match: the pattern takes (year, month).",
      "catalog/views.py:49 lens.url-arguments Reverse for 'shop:item' with keyword arguments (id) cannot match: the pattern takes (item_id).",
      "catalog/views.py:50 lens.unknown-url-name Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name.",
    ]);
  });

  it("uses Django's words for an unknown namespace and stays silent on regex-derived parameters", () => {
    assert.deepEqual(urlFindings("urls-checks"), [
      "notes/views.py:15 lens.unknown-url-name Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name.",
      "notes/views.py:16 lens.unknown-url-name 'nowhere' is not a registered namespace",
    ]);
  });

  it("says nothing about names when urlpatterns is built by code", () => {
    assert.deepEqual(urlFindings("urls-dynamic"), []);
  });

  it("finds the names used in the mysite fixture", () => {
    assert.deepEqual(urlFindings("mysite"), []);
  });
});
