// The migration graph as Django's MigrationLoader.build_graph() makes it with no database (nothing
// applied): squashed migrations stand in for the ones they replace, `__first__`/`__latest__`
// resolve to an app's root/leaf, and problems are reported in Django's words
// (django/db/migrations/graph.py and loader.py; identical in 4.2 and 5.2).
//
// Django keeps a dependency on a migration that does not exist as a "dummy node" with the error
// message it will raise; a squashed migration later takes over the dummy's edges when it replaces
// that key (the normal state after the originals were deleted). Only dummies left at the end are
// errors. We model exactly that, so a dependency on a removed, replaced migration is no error and
// still orders the graph.
import type { Location } from "../../python/types";
import type { AppMigrations, MigrationInfo, NodeKey } from "./loader";

export interface GraphProblem {
  kind: "node-not-found" | "unknown-app" | "circular" | "conflict" | "duplicate-number";
  app: string;
  /** Django's words: str() of the exception makemigrations dies with, or its CommandError. */
  message: string;
  /** The exception class Django raises (NodeNotFoundError, CircularDependencyError, ValueError). */
  type?: string;
  at?: Location;
}

export interface MigrationGraph {
  /** The migrations in the graph (replaced ones removed). */
  nodes: Map<string, MigrationInfo>;
  parents: Map<string, Set<string>>;
  children: Map<string, Set<string>>;
  /** In the order Django raises them: unknown app, missing node, cycle. */
  problems: GraphProblem[];
  leaves(app: string): string[];
  /** Every node in an order Django could apply them (parents first). */
  plan(): string[];
}

const k = (key: NodeKey) => `${key[0]}\u0000${key[1]}`;
export const splitKey = (s: string): NodeKey => s.split("\u0000") as NodeKey;
/** Python's repr() of a (app, name) tuple of plain identifiers, as in Django's messages. */
const reprKey = (key: NodeKey) => `('${key[0]}', '${key[1]}')`;

interface GNode {
  parents: Set<string>;
  children: Set<string>;
  /** Set for Django's DummyNode: the error validate_consistency() raises for it. */
  dummy?: { message: string; app: string; at?: Location };
}

export function buildGraph(apps: AppMigrations[]): MigrationGraph {
  const nodes = new Map<string, MigrationInfo>();
  // Django's graph.node_map (real and dummy nodes, insertion order = the order errors surface).
  const nodeMap = new Map<string, GNode>();
  const problems: GraphProblem[] = [];
  const migrated = new Set(apps.filter((a) => a.migrated).map((a) => a.app.label));
  const known = new Set(apps.map((a) => a.app.label));
  const opaque = new Set(apps.filter((a) => a.opaque).map((a) => a.app.label));
  const replacements: MigrationInfo[] = [];
  for (const a of apps) {
    for (const m of a.migrations) {
      nodes.set(k([m.app, m.name]), m);
      nodeMap.set(k([m.app, m.name]), { parents: new Set(), children: new Set() });
      if (m.replaces.length) replacements.push(m);
    }
  }
  const link = (child: string, parent: string) => {
    nodeMap.get(child)?.parents.add(parent);
    nodeMap.get(parent)?.children.add(child);
  };
  const addDependency = (m: MigrationInfo, child: NodeKey, parent: NodeKey, at?: Location) => {
    // A package we cannot see (an app outside the workspace): make no claim about its nodes.
    if (opaque.has(parent[0]) && !nodeMap.has(k(parent))) return;
    if (opaque.has(child[0]) && !nodeMap.has(k(child))) return;
    const origin = `${m.app}.${m.name}`;
    if (!nodeMap.has(k(child))) {
      nodeMap.set(k(child), { parents: new Set(), children: new Set(), dummy: { app: m.app, at, message: `Migration ${origin} dependencies reference nonexistent child node ${reprKey(child)}` } });
    }
    if (!nodeMap.has(k(parent))) {
      nodeMap.set(k(parent), { parents: new Set(), children: new Set(), dummy: { app: m.app, at, message: `Migration ${origin} dependencies reference nonexistent parent node ${reprKey(parent)}` } });
    }
    link(k(child), k(parent));
  };
  // graph.root_nodes()/leaf_nodes(): over every node in the graph, dummies included, as Django does.
  const sameAppNone = (n: string, set: Set<string>) => {
    const app = splitKey(n)[0];
    for (const o of set) if (splitKey(o)[0] === app) return false;
    return true;
  };
  const rootsOf = (app: string) => [...nodeMap].filter(([n, g]) => splitKey(n)[0] === app && sameAppNone(n, g.parents)).map(([n]) => n).sort();
  const leavesOf = (app: string) => [...nodeMap].filter(([n, g]) => splitKey(n)[0] === app && sameAppNone(n, g.children)).map(([n]) => n).sort();

  // add_internal_dependencies first, so that __first__ finds the right root (Django's order).
  for (const m of nodes.values()) {
    for (const d of m.dependencies) if (d.key[0] === m.app && d.key[1] !== "__first__") addDependency(m, [m.app, m.name], d.key, d.at);
  }
  // check_key(): __first__/__latest__ of another app, ignored for unmigrated apps.
  let unknownApp = false;
  const checkKey = (key: NodeKey, current: string, m: MigrationInfo, at?: Location): NodeKey | null => {
    if ((key[1] !== "__first__" && key[1] !== "__latest__") || nodeMap.has(k(key))) return key;
    if (key[0] === current) return null;
    if (known.has(key[0]) && !migrated.has(key[0])) return null;
    if (migrated.has(key[0])) {
      const list = key[1] === "__first__" ? rootsOf(key[0]) : leavesOf(key[0]);
      return list.length ? splitKey(list[0]) : null; // ignore_no_migrations=True
    }
    if (opaque.has(key[0])) return null;
    // ValueError raised in the middle of build_graph: nothing after it runs in Django.
    if (!unknownApp) problems.push({ kind: "unknown-app", type: "ValueError", app: m.app, at, message: `Dependency on unknown app: ${key[0]}` });
    unknownApp = true;
    return null;
  };
  for (const m of nodes.values()) {
    for (const d of m.dependencies) {
      if (d.key[0] === m.app) continue;
      const p = checkKey(d.key, m.app, m, d.at);
      if (p) addDependency(m, [m.app, m.name], p, d.at);
    }
    for (const c of m.runBefore) {
      const ch = checkKey(c, m.app, m, m.classAt);
      if (ch) addDependency(m, ch, [m.app, m.name], m.classAt);
    }
  }
  // remove_replaced_nodes(): nothing is applied without a database, so every replacement is used.
  for (const m of replacements) {
    const rk = k([m.app, m.name]);
    if (!nodeMap.has(rk)) continue; // replaced by a later squash itself: Django would raise, we go on
    const replaced = new Set(m.replaces.map(k));
    for (const r of replaced) {
      nodes.delete(r);
      const node = nodeMap.get(r);
      nodeMap.delete(r);
      if (!node) continue;
      for (const c of node.children) {
        nodeMap.get(c)?.parents.delete(r);
        if (!replaced.has(c)) link(c, rk);
      }
      for (const p of node.parents) {
        nodeMap.get(p)?.children.delete(r);
        if (!replaced.has(p)) link(rk, p);
      }
    }
  }
  // validate_consistency(): the remaining dummies, in node_map order (Django raises the first).
  for (const [, g] of nodeMap) if (g.dummy) problems.push({ kind: "node-not-found", type: "NodeNotFoundError", ...g.dummy });
  const parents = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  for (const n of nodes.keys()) {
    const g = nodeMap.get(n);
    parents.set(n, new Set([...(g?.parents ?? [])].filter((p) => nodes.has(p))));
    children.set(n, new Set([...(g?.children ?? [])].filter((c) => nodes.has(c))));
  }
  const cycle = findCycle(nodes, parents);
  if (cycle) {
    const first = nodes.get(cycle[0]);
    problems.push({
      kind: "circular",
      type: "CircularDependencyError",
      app: first?.app ?? "",
      at: first?.classAt,
      // Django's text; which node the cycle starts at depends on Python's set order, so we start
      // at the smallest key (tests compare the cycle up to rotation).
      message: `${cycle.map((c) => splitKey(c).join(".")).join(", ")}`,
    });
  }
  const plan = (): string[] => {
    const seen = new Set<string>();
    const order: string[] = [];
    const visit = (n: string, depth: number) => {
      if (seen.has(n) || depth > 10000) return;
      seen.add(n);
      for (const p of [...(parents.get(n) ?? [])].sort()) visit(p, depth + 1);
      order.push(n);
    };
    for (const n of [...nodes.keys()].sort()) visit(n, 0);
    return order;
  };
  const leaves = (app: string) =>
    [...nodes.keys()].filter((n) => splitKey(n)[0] === app && sameAppNone(n, children.get(n) ?? new Set())).sort().map((n) => splitKey(n)[1]);
  return { nodes, parents, children, problems, leaves, plan };
}

/** A cycle in parent → child order, rotated to start at its smallest key; null when acyclic. */
function findCycle(nodes: Map<string, unknown>, parents: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, number>();
  const stack: string[] = [];
  let found: string[] | null = null;
  const visit = (n: string): void => {
    if (found) return;
    state.set(n, 1);
    stack.push(n);
    for (const p of [...(parents.get(n) ?? [])].sort()) {
      if (found) return;
      const s = state.get(p) ?? 0;
      if (s === 1) {
        found = stack.slice(stack.indexOf(p)).reverse();
        return;
      }
      if (s === 0 && nodes.has(p)) visit(p);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...nodes.keys()].sort()) if (!state.get(n)) visit(n);
  if (!found) return null;
  const cyc: string[] = found;
  let min = 0;
  for (let i = 1; i < cyc.length; i++) if (cyc[i] < cyc[min]) min = i;
  return [...cyc.slice(min), ...cyc.slice(0, min)];
}
