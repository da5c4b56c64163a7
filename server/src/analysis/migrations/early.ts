// Early cutoff for the migrations analysis: results reused while their inputs are *equal*, not
// merely unchanged in version. The model registry is one project-wide memo, so anything derived
// from it is invalidated by an edit to any models.py; the per-app results here remember the
// registry answers they used and are reused while the current registry gives equal answers
// (unchanged files keep their summaries, so most of a model's data compares by identity).
// Validation replays every read, so the enclosing index memo records the same dependencies a
// recomputation would.
import type { WorkspaceIndex } from "../../project/index";
import type { ModelInfo, ModelRegistry } from "../models/types";

const MAX_DEPTH = 64;

/** Structural equality of plain data (arrays, Maps, Sets, plain objects); identity first. */
export function deepEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (depth > MAX_DEPTH) return false; // too deep to tell: not equal (a recomputation, never a stale reuse)
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i], depth + 1)) return false;
    return true;
  }
  if (a instanceof Map) {
    const bb = b as Map<unknown, unknown>;
    if (a.size !== bb.size) return false;
    const ib = bb.entries();
    for (const [k, v] of a) {
      const [k2, v2] = ib.next().value as [unknown, unknown];
      if (!Object.is(k, k2) || !deepEqual(v, v2, depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof Set) {
    const bb = b as Set<unknown>;
    if (a.size !== bb.size) return false;
    const ib = bb.values();
    for (const v of a) if (!deepEqual(v, ib.next().value, depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype) return false; // class instances: identity only
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!deepEqual((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]], depth + 1)) return false;
  }
  return true;
}

/** The registry answers a computation used, to compare with the current registry's. */
export type RegistryReads = Map<string, unknown>;

const METHODS = new Set(["get", "byPath", "appModels"]);

/** A view of `registry` that records every answer it gives in `reads`. */
export function recordingRegistry(registry: ModelRegistry, reads: RegistryReads): ModelRegistry {
  return new Proxy(registry, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string") return value;
      if (METHODS.has(prop) && typeof value === "function") {
        return (arg: string) => {
          const out = (value as (x: string) => unknown).call(target, arg);
          reads.set(`${prop}\u0000${arg}`, out);
          return out;
        };
      }
      reads.set(`prop\u0000${prop}`, value);
      return value;
    },
  });
}

/**
 * Models already found equal to an earlier registry's (old → new), per current registry: the same
 * model is looked up by many apps (AUTH_USER_MODEL, a shared base), compared once.
 */
const provenEqual = new WeakMap<ModelRegistry, WeakMap<object, object>>();

/** deepEqual for registry answers (models, lists of models), remembering equal models. */
export function sameAnswer(registry: ModelRegistry, old: unknown, now: unknown): boolean {
  if (Object.is(old, now)) return true;
  let proven = provenEqual.get(registry);
  if (!proven) {
    proven = new WeakMap();
    provenEqual.set(registry, proven);
  }
  const one = (a: unknown, b: unknown): boolean => {
    if (Object.is(a, b)) return true;
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
    if (proven.get(a) === b) return true;
    if (!deepEqual(a, b)) return false;
    proven.set(a, b);
    return true;
  };
  if (Array.isArray(old) && Array.isArray(now)) return old.length === now.length && old.every((x, i) => one(x, now[i]));
  return one(old, now);
}

/** True when `registry` answers every recorded read as before. */
export function sameReads(registry: ModelRegistry, reads: RegistryReads): boolean {
  for (const [k, old] of reads) {
    const i = k.indexOf("\u0000");
    const kind = k.slice(0, i);
    const arg = k.slice(i + 1);
    const now =
      kind === "prop" ? (registry as unknown as Record<string, unknown>)[arg] :
      (registry as unknown as Record<string, (x: string) => unknown>)[kind](arg);
    if (!sameAnswer(registry, old, now)) return false;
  }
  return true;
}

/** Per-index caches (their entries are validated by value on every use, never by version). */
const caches = new WeakMap<WorkspaceIndex, Map<string, unknown>>();

export function earlyCache<T>(index: WorkspaceIndex, name: string): Map<string, T> {
  let all = caches.get(index);
  if (!all) {
    all = new Map();
    caches.set(index, all);
  }
  let c = all.get(name) as Map<string, T> | undefined;
  if (!c) {
    c = new Map<string, T>();
    all.set(name, c);
  }
  return c;
}

export type { ModelInfo };
