// The index re-parses only what changed, and memos recompute only when a file they read changed.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readSettings } from "../../server/src/analysis/settings/settings";
import { appRegistry } from "../../server/src/analysis/settings/apps";
import { deepEqual } from "../../server/src/project/equal";
import { MANAGE, workspaceOf } from "./helpers";

const FILES = {
  "manage.py": MANAGE("proj.settings"),
  "proj/__init__.py": "",
  "proj/settings.py": 'from .base import *\nINSTALLED_APPS += ["shop"]\n',
  "proj/base.py": 'INSTALLED_APPS = ["django.contrib.auth"]\n',
  "shop/__init__.py": "",
  "shop/views.py": "def index(request):\n    pass\n",
};

describe("workspace index", () => {
  it("never re-parses an unchanged file", async () => {
    const { root, ws } = await workspaceOf(FILES);
    const f = path.join(root, "shop/views.py");
    ws.index.summary(f);
    ws.index.summary(f);
    assert.equal(ws.index.stats.parses, 1);
    ws.index.setOverlay(f, fs.readFileSync(f, "utf8"), 1);
    ws.index.summary(f);
    assert.equal(ws.index.stats.parses, 1, "opening a document with the disk's text keeps the summary");
    ws.index.setOverlay(f, "def index(request):\n    return 1\n", 2);
    ws.index.summary(f);
    assert.equal(ws.index.stats.parses, 2);
    ws.index.clearOverlay(f);
    ws.index.summary(f);
    assert.equal(ws.index.stats.parses, 3, "closing an edited document goes back to the disk's text");
  });

  it("recomputes derived results only when a file they read changes", async () => {
    const { root, ws } = await workspaceOf(FILES);
    const project = ws.projects()[0];
    assert.deepEqual(readSettings(project).installedApps?.items.map((i) => i.value), ["django.contrib.auth", "shop"]);
    const misses = ws.index.stats.memoMisses;
    readSettings(project);
    assert.equal(ws.index.stats.memoMisses, misses, "a second read is a memo hit");
    // An unrelated file changes: still a hit.
    ws.index.setOverlay(path.join(root, "shop/views.py"), "x = 1\n", 2);
    readSettings(project);
    assert.equal(ws.index.stats.memoMisses, misses);
    // The star-imported base changes: the settings are recomputed.
    const base = path.join(root, "proj/base.py");
    ws.index.setOverlay(base, 'INSTALLED_APPS = ["django.contrib.admin"]\n', 2);
    assert.deepEqual(readSettings(project).installedApps?.items.map((i) => i.value), ["django.contrib.admin", "shop"]);
    assert.ok(ws.index.stats.memoMisses > misses);
  });

  it("stops a change at a memo recomputed to an equal value (early cutoff)", async () => {
    const { root, ws } = await workspaceOf(FILES);
    const views = path.join(root, "shop/views.py");
    const ix = ws.index;
    let inner = 0;
    let outer = 0;
    // The inner memo projects the file onto its function names; the outer reads only that.
    const names = () =>
      ix.memo("names", () => (inner++, (ix.summary(views)?.statements ?? []).map((s) => (s.kind === "def" ? s.name : ""))), { equals: deepEqual });
    const report = () => ix.memo("report", () => (outer++, names().join(",")));
    assert.equal(report(), "index");
    ix.setOverlay(views, "def index(request):\n    return 2\n", 2);
    assert.equal(report(), "index");
    assert.deepEqual([inner, outer], [2, 1], "the body changed, the names did not: the report is reused");
    ix.setOverlay(views, "def home(request):\n    return 2\n", 3);
    assert.equal(report(), "home");
    assert.deepEqual([inner, outer], [3, 2]);
    // A memo without `equals` passes every change on.
    const plain = () => ix.memo("plain", () => ix.summary(views)?.lineCount ?? 0);
    let reads = 0;
    const reader = () => ix.memo("reader", () => (reads++, plain()));
    reader();
    ix.setOverlay(views, "def home(request):\n    return 3\n", 4);
    reader();
    assert.equal(reads, 2);
  });

  it("compares derived values structurally", () => {
    const a: { self?: unknown; m: Map<string, number[]> } = { m: new Map([["x", [1, 2]]]) };
    a.self = a;
    const b: { self?: unknown; m: Map<string, number[]> } = { m: new Map([["x", [1, 2]]]) };
    b.self = b;
    assert.ok(deepEqual(a, b), "cycles end");
    assert.ok(!deepEqual({ m: new Map([["x", [1]]]) }, { m: new Map([["x", [2]]]) }));
    assert.ok(!deepEqual([1, 2], { 0: 1, 1: 2, length: 2 }));
    assert.ok(!deepEqual(new Set([1]), new Set([2])));
    assert.ok(deepEqual({ a: undefined, b: NaN }, { a: undefined, b: NaN }));
  });

  it("sees files and folders created and deleted on disk once told", async () => {
    const { root, ws } = await workspaceOf({ ...FILES, "proj/settings.py": 'INSTALLED_APPS = ["blog"]\n' });
    const project = ws.projects()[0];
    assert.equal(appRegistry(project).apps[0].origin, "external", "no blog folder: an outside package");
    fs.mkdirSync(path.join(root, "blog"));
    fs.writeFileSync(path.join(root, "blog/__init__.py"), "");
    ws.fileChanged(path.join(root, "blog/__init__.py"), "created");
    assert.equal(appRegistry(project).apps[0].origin, "workspace");
    fs.rmSync(path.join(root, "blog"), { recursive: true });
    ws.fileChanged(path.join(root, "blog"), "deleted");
    assert.equal(appRegistry(project).apps[0].origin, "external");
  });

  it("finds a new manage.py and forgets a deleted one", async () => {
    const { root, ws } = await workspaceOf(FILES);
    assert.equal(ws.projects().length, 1);
    fs.mkdirSync(path.join(root, "other"));
    fs.writeFileSync(path.join(root, "other/manage.py"), MANAGE("x.settings"));
    ws.fileChanged(path.join(root, "other/manage.py"), "created");
    assert.equal(ws.projects().length, 2);
    fs.rmSync(path.join(root, "other"), { recursive: true });
    ws.fileChanged(path.join(root, "other"), "deleted");
    assert.equal(ws.projects().length, 1);
  });
});
