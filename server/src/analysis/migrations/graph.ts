// The migration graph as Django's MigrationLoader.build_graph() makes it with no database (nothing
// applied): squashed migrations stand in for the ones they replace, `__first__`/`__latest__`
// resolve to an app's root/leaf, and problems are reported in Django's words.
import type { Location } from "../../python/types";
import type { AppMigrations, MigrationInfo, NodeKey } from "./loader";

export interface GraphProblem {
  kind: "node-not-found" | "unknown-app" | "circular" | "conflict" | "duplicate-number";
  app: string;
  message: string;
  at?: Location;
}

export interface MigrationGraph {
  nodes: Map<string, MigrationInfo>;
  parents: Map<string, Set<string>>;
  children: Map<string, Set<string>>;
  problems: GraphProblem[];
  leaves(app: string): string[];
  /** Every node in the order Django applies them (parents first). */
  plan(): string[];
}

const k = (key: NodeKey) => `${key[0]}\u0000${key[1]}`;
export const splitKey = (s: string): NodeKey => s.split("\u0000") as NodeKey;

export function buildGraph(apps: AppMigrations[]): MigrationGraph {
  const nodes = new Map<string, MigrationInfo>();
  const parents = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  const problems: GraphProblem[] = [];
  const migrated = new Set(apps.filter((a) => a.migrated).map((a) => a.app.label));
  const known = new Set(apps.map((a) => a.app.label));
  const opaque = new Set(apps.filter((a) => a.opaque).map((a) => a.app.label));
  for (const a of apps) for (const m of a.migrations) nodes.set(k([m.app, m.name]), m);
  for (const key of nodes.keys()) {
    parents.set(key, new Set());
    children.set(key, new Set());
  }
  const dummy = new Map<string, { message: string; app: string; at?: Location }>();
  const link = (child: string, parent: string) => {
    parents.get(child)?.add(parent);
    children.get(parent)?.add(child);
  };
  const addDependency = (m: MigrationInfo, child: NodeKey, parent: NodeKey, at?: Location) => {
    const ck = k(child);
    const pk = k(parent);
    if (!nodes.has(pk)) {
      if (opaque.has(parent[0])) return; // a package we cannot see: no claim
      dummy.set(pk, { app: m.app, at, message: `Migration ${m.app}.${m.name} dependencies reference nonexistent parent node ('${parent[0]}', '${parent[1]}')` });
      return;
    }
    if (!nodes.has(ck)) {
      if (opaque.has(child[0])) return;
      dummy.set(ck, { app: m.app, at, message: `Migration ${m.app}.${m.name} dependencies reference nonexistent child node ('${child[0]}', '${child[1]}')` });
      return;
    }
    link(ck, pk);
  };
  // Internal dependencies first so that __first__ finds the right root (Django does the same).
  for (const m of nodes.values()) {
    for (const d of m.dependencies) if (d.key[0] === m.app && d.key[1] !== "__first__") addDependency(m, [m.app, m.name], d.key, d.at);
  }
  const rootsOf = (app: string) => [...nodes.keys()].filter((n) => splitKey(n)[0] === app && ![...(parents.get(n) ?? [])].some((p) => splitKey(p)[0] === app)).sort();
  const leavesOf = (app: string) => [...nodes.keys()].filter((n) => splitKey(n)[0] === app && ![...(children.get(n) ?? [])].some((c) => splitKey(c)[0] === app)).sort();
  const checkKey = (key: NodeKey, current: string, m: MigrationInfo, at?: Location): NodeKey | null => {
    if ((key[1] !== "__first__" && key[1] !== "__latest__") || nodes.has(k(key))) return key;
    if (key[0] === current) return null;
    if (known.has(key[0]) && !migrated.has(key[0])) return null;
    if (migrated.has(key[0])) {
      const list = key[1] === "__first__" ? rootsOf(key[0]) : leavesOf(key[0]);
      return list.length ? splitKey(list[0]) : null;
    }
    if (opaque.has(key[0])) return null;
    problems.push({ kind: "unknown-app", app: m.app, at, message: `Dependency on unknown app: ${key[0]}` });
    return null;
  };
  for (const m of nodes.values()) {
    for (const d of m.dependencies) {
      if (d.key[0] === m.app) continue;
      const p = checkKey(d.key, m.app, m, d.at);
      if (p) addDependency(m, [m.app, m.name], p, d.at);
    }
    for (const c of m.runBefore) {
      const ch = checkKey(c, m.app, m);
      if (ch) addDependency(m, ch, [m.app, m.name], m.classAt);
    }
  }
  // Squashed migrations: nothing is applied without a database, so every replacement is used.
  for (const m of [...nodes.values()]) {
    if (!m.replaces.length) continue;
    const rk = k([m.app, m.name]);
    const replaced = new Set(m.replaces.map(k));
    for (const r of replaced) {
      if (!nodes.has(r)) continue;
      nodes.delete(r);
      for (const c of children.get(r) ?? []) {
        parents.get(c)?.delete(r);
        if (!replaced.has(c)) link(c, rk);
      }
      for (const p of parents.get(r) ?? []) {
        children.get(p)?.delete(r);
        if (!replaced.has(p)) link(rk, p);
      }
      parents.delete(r);
      children.delete(r);
    }
    // A dependency on a replaced migration now means the replacement.
    for (const r of replaced) if (dummy.has(r)) dummy.delete(r);
  }
  for (const [, d] of dummy) problems.push({ kind: "node-not-found", app: d.app, at: d.at, message: d.message });
  const cycle = findCycle(nodes, parents);
  if (cycle) {
    const first = nodes.get(cycle[0]);
    problems.push({
      kind: "circular",
      app: first?.app ?? "",
      at: first?.classAt,
      message: `Circular dependency: ${cycle.map((c) => splitKey(c).join(".")).join(", ")}`,
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
  return { nodes, parents, children, problems, leaves: (app) => leavesOf(app).map((n) => splitKey(n)[1]), plan };
}

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
  return found;
}
