// The migration graph (analysis/migrations/graph.ts) on hand-made apps: the parts of Django's
// MigrationLoader.build_graph() the fixtures do not all reach (run_before, __first__/__latest__,
// unmigrated and unknown apps, a replaced node that only a dependency names, child-side dummies).
import * as assert from "node:assert/strict";
import { buildGraph } from "../../server/src/analysis/migrations/graph";
import type { AppMigrations, MigrationInfo, NodeKey } from "../../server/src/analysis/migrations/loader";
import type { AppInfo } from "../../server/src/analysis/settings/apps";

function mig(app: string, name: string, deps: NodeKey[] = [], extra: Partial<MigrationInfo> = {}): MigrationInfo {
  return { app, name, file: `/x/${app}/migrations/${name}.py`, dependencies: deps.map((key) => ({ key })), replaces: [], runBefore: [], initial: null, operations: [], ctx: null, ...extra };
}

function app(label: string, migrations: MigrationInfo[], migrated = true): AppMigrations {
  const info = { entry: label, name: label, label, path: `/x/${label}`, configClass: null, origin: "workspace" } as unknown as AppInfo;
  return { app: info, migrated, migrations };
}

describe("migrations: graph", () => {
  it("squashed with the originals present: the replacement takes over their edges", () => {
    const g = buildGraph([
      app("shop", [
        mig("shop", "0001_initial"),
        mig("shop", "0002_b", [["shop", "0001_initial"]]),
        mig("shop", "0001_squashed_0002_b", [], { replaces: [["shop", "0001_initial"], ["shop", "0002_b"]] }),
        mig("shop", "0003_c", [["shop", "0002_b"]]),
      ]),
    ]);
    assert.deepEqual(g.problems, []);
    assert.deepEqual([...g.nodes.keys()].map((k) => k.split("\u0000")[1]).sort(), ["0001_squashed_0002_b", "0003_c"]);
    assert.deepEqual(g.leaves("shop"), ["0003_c"]);
    assert.deepEqual(g.plan().map((k) => k.split("\u0000")[1]), ["0001_squashed_0002_b", "0003_c"]);
  });

  it("squashed with the originals deleted: a dependency on a replaced name is no error", () => {
    const g = buildGraph([
      app("blog", [
        mig("blog", "0001_squashed_0002_b", [], { replaces: [["blog", "0001_initial"], ["blog", "0002_b"]] }),
        mig("blog", "0003_c", [["blog", "0002_b"]]),
      ]),
      app("news", [mig("news", "0001_initial", [["blog", "0001_initial"]])]),
    ]);
    assert.deepEqual(g.problems, []);
    assert.deepEqual(g.leaves("blog"), ["0003_c"]);
    assert.ok(g.parents.get("news\u00000001_initial")?.has("blog\u00000001_squashed_0002_b"));
  });

  it("__first__ and __latest__ of another app; ignored for unmigrated apps and the same app", () => {
    const g = buildGraph([
      app("a", [mig("a", "0001_initial"), mig("a", "0002_x", [["a", "0001_initial"]])]),
      app("b", [mig("b", "0001_initial", [["a", "__first__"], ["a", "__latest__"], ["plain", "__first__"], ["b", "__first__"]])]),
      app("plain", [], false),
    ]);
    assert.deepEqual(g.problems, []);
    assert.deepEqual([...(g.parents.get("b\u00000001_initial") ?? [])].sort(), ["a\u00000001_initial", "a\u00000002_x"]);
  });

  it("a dependency on an app that is not installed: Django's ValueError", () => {
    const g = buildGraph([app("a", [mig("a", "0001_initial", [["ghost", "__first__"]])])]);
    assert.deepEqual(g.problems.map((p) => [p.type, p.message]), [["ValueError", "Dependency on unknown app: ghost"]]);
  });

  it("run_before orders another app's migration after this one; a missing child is Django's child-node error", () => {
    const g = buildGraph([
      app("a", [mig("a", "0001_initial", [], { runBefore: [["b", "0001_initial"]] })]),
      app("b", [mig("b", "0001_initial")]),
      app("c", [mig("c", "0001_initial", [], { runBefore: [["b", "0009_gone"]] })]),
    ]);
    assert.ok(g.parents.get("b\u00000001_initial")?.has("a\u00000001_initial"));
    assert.deepEqual(g.problems.map((p) => p.message), ["Migration c.0001_initial dependencies reference nonexistent child node ('b', '0009_gone')"]);
  });

  it("the first origin names a missing node, as Django keeps the first dummy", () => {
    const g = buildGraph([
      app("a", [mig("a", "0001_initial", [["a", "0000_gone"]]), mig("a", "0002_x", [["a", "0001_initial"], ["a", "0000_gone"]])]),
    ]);
    assert.deepEqual(g.problems.map((p) => p.message), ["Migration a.0001_initial dependencies reference nonexistent parent node ('a', '0000_gone')"]);
  });

  it("a cycle is reported once, from its smallest node, in parent → child order", () => {
    const g = buildGraph([
      app("a", [mig("a", "0001_initial", [["b", "0001_initial"]])]),
      app("b", [mig("b", "0001_initial", [["a", "0001_initial"]])]),
    ]);
    assert.deepEqual(g.problems.map((p) => [p.type, p.message]), [["CircularDependencyError", "a.0001_initial, b.0001_initial"]]);
  });

  it("two leaves in one app are both leaves (the conflict makemigrations reports)", () => {
    const g = buildGraph([app("s", [mig("s", "0001_initial"), mig("s", "0002_a", [["s", "0001_initial"]]), mig("s", "0002_b", [["s", "0001_initial"]])])]);
    assert.deepEqual(g.leaves("s"), ["0002_a", "0002_b"]);
  });
});
