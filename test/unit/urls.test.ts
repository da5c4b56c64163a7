// The URL analysis on its own: Python regex translation, Django's route-to-regex, include cycles,
// dynamic urlpatterns, and incremental rebuilds through the index's memo.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { pySearch, translatePyRegex, type PyRegex } from "../../server/src/analysis/urls/pyRegex";
import { resolvePath } from "../../server/src/analysis/urls/resolve";
import { DEFAULT_CONVERTERS, routeToRegex } from "../../server/src/analysis/urls/routes";
import { urlMap } from "../../server/src/analysis/urls/urlMap";
import { ensureParser } from "../../server/src/python/parser";
import { Workspace } from "../../server/src/project/workspace";

const FIXTURES = path.resolve(__dirname, "..", "..", "test-fixtures");

function re(src: string): PyRegex {
  const r = translatePyRegex(src);
  if ("error" in r) throw new Error(r.error);
  return r;
}

describe("Python regex translation", () => {
  it("matches Unicode digits with \\d and ASCII only with (?a)", () => {
    assert.ok(pySearch(re("^(?P<n>\\d+)$"), "١٢٣"));
    assert.equal(pySearch(re("(?a)^\\d+$"), "١٢٣"), null);
  });
  it("lets $ match before a final newline, but not \\Z", () => {
    assert.ok(pySearch(re("^abc$"), "abc\n"));
    assert.equal(pySearch(re("^abc\\Z"), "abc\n"), null);
    assert.equal(pySearch(re("^abc$"), "abc\n", true), null, "fullmatch must span the whole string");
  });
  it("keeps . away from newlines only (not \\r) unless (?s)", () => {
    assert.ok(pySearch(re("^a.b$"), "a\rb"));
    assert.equal(pySearch(re("^a.b$"), "a\nb"), null);
    assert.ok(pySearch(re("(?s)^a.b$"), "a\nb"));
  });
  it("reads named groups, backreferences, literal braces and a leading ]", () => {
    const r = re("^(?P<a>[0-9]+)-(?P=a)/{x}[]a]$");
    assert.deepEqual(r.groupNames, ["a"]);
    assert.ok(pySearch(r, "12-12/{x}]"));
    assert.equal(pySearch(r, "12-13/{x}]"), null);
  });
  it("applies a global (?i) and (?x) verbose mode", () => {
    assert.ok(pySearch(re("(?i)^old-[a-z]+$"), "OLD-AbC"));
    assert.ok(pySearch(re("(?x) ^ a  b # comment\n $"), "ab"));
  });
  it("uses Unicode word boundaries and word characters", () => {
    assert.ok(pySearch(re("^\\w+$"), "héllo_1"));
    assert.ok(pySearch(re("\\bé"), "é"));
  });
  it("refuses what it cannot translate faithfully instead of guessing", () => {
    assert.ok("error" in translatePyRegex("^a(?i)b"), "global flags not at the start");
    assert.ok("error" in translatePyRegex("(?i:a)b"), "scoped case-insensitivity");
    assert.ok("error" in translatePyRegex("a++"), "possessive quantifier");
    assert.ok("error" in translatePyRegex("(?P<a>x)(?P<a>y)"), "duplicate group name");
  });
});

describe("routes", () => {
  it("writes the regex Django's _route_to_regex writes", () => {
    const conv = (n: string) => DEFAULT_CONVERTERS[n];
    assert.equal(routeToRegex("foo/<int:pk>/", true, conv).regex, "^foo/(?P<pk>[0-9]+)/\\Z");
    assert.equal(routeToRegex("a.b/<slug>", false, conv).regex, "^a\\.b/(?P<slug>[^/]+)");
    assert.match(routeToRegex("x/<nope:y>/", true, conv).problem ?? "", /invalid converter 'nope'/);
  });
});

describe("URL map", () => {
  before(ensureParser);

  it("reports an include cycle and goes on", () => {
    const ws = new Workspace([path.join(FIXTURES, "midedit")]);
    const map = urlMap(ws.projects()[0]);
    assert.deepEqual(
      map.urls.map((u) => u.route),
      ["pages/", "pages/news/latest/"],
    );
    assert.equal(map.cycles.length, 1);
    assert.equal(map.cycles[0].urlconf, "pages.urls");
    assert.equal(map.complete, false);
  });

  it("marks patterns built by comprehensions and loops as unknown", () => {
    const ws = new Workspace([path.join(FIXTURES, "urls-dynamic")]);
    const map = urlMap(ws.projects()[0]);
    assert.deepEqual(
      map.urls.map((u) => u.name),
      ["index", "last"],
    );
    assert.equal(map.complete, false);
    assert.ok(map.problems.some((p) => /comprehension/.test(p.reason)));
    // A path that a dynamic pattern might match: the answer says so.
    assert.ok(resolvePath(ws.projects()[0], "/section-1/").uncertain);
  });

  it("rebuilds after an edit by re-reading only the edited URLconf", () => {
    const ws = new Workspace([path.join(FIXTURES, "urls-advanced")]);
    const project = ws.projects()[0];
    const before = urlMap(project);
    assert.equal(urlMap(project), before, "no change: the memo answers");
    const file = path.join(FIXTURES, "urls-advanced", "catalog", "urls.py");
    const text = ws.index.text(file)!;
    const parses = ws.index.stats.parses;
    ws.index.setOverlay(file, text.replace('path("search/"', 'path("find/"'), 2);
    const after = urlMap(project);
    assert.equal(ws.index.stats.parses - parses, 1, "only catalog/urls.py is parsed again");
    assert.ok(after.urls.some((u) => u.route === "catalog/find/" && u.name === "shop:search"));
    assert.ok(!after.urls.some((u) => u.route === "catalog/search/"));
    assert.equal(after.urls.length, before.urls.length);
  });
});
