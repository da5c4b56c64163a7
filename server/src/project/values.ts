// Values of the static evaluator: what a Python expression is known to be, with where it was
// written, and operations on them that need no evaluator (merging the branches of an if …).
import type { Location } from "../python/types";

export type Value =
  | { k: "str"; v: string; at?: Location; maybe?: boolean }
  | { k: "num"; v: number; at?: Location; maybe?: boolean }
  | { k: "bool"; v: boolean; at?: Location; maybe?: boolean }
  | { k: "none"; at?: Location; maybe?: boolean }
  | { k: "list" | "tuple"; items: Value[]; at?: Location; maybe?: boolean }
  | { k: "dict"; entries: [Value, Value][]; at?: Location; maybe?: boolean }
  | { k: "path"; v: string; at?: Location; maybe?: boolean }
  /** A module or a name imported from a module outside the evaluated code (`os`, `pathlib.Path`). */
  | { k: "ref"; name: string; at?: Location; maybe?: boolean }
  | { k: "unknown"; why: string; at?: Location; maybe?: boolean };

export type Namespace = Map<string, Value>;

export interface ModuleEvaluation {
  file: string;
  names: Namespace;
  /** Problems such as an import of a module that is not there, in the order met. */
  problems: { message: string; at: Location }[];
}

export function unknown(why: string, at?: Location): Value {
  return { k: "unknown", why, at };
}

/** A value's plain JS form for display and tests: unknown becomes `undefined`. */
export function toPlain(v: Value): unknown {
  switch (v.k) {
    case "str":
    case "num":
    case "bool":
    case "path":
      return v.v;
    case "none":
      return null;
    case "list":
    case "tuple":
      return v.items.map(toPlain);
    case "dict": {
      const o: Record<string, unknown> = {};
      for (const [k, val] of v.entries) if (k.k === "str" || k.k === "num") o[String(k.v)] = toPlain(val);
      return o;
    }
    default:
      return undefined;
  }
}

export function dictGet(d: Value | undefined, key: string): Value | undefined {
  if (!d || d.k !== "dict") return undefined;
  for (let i = d.entries.length - 1; i >= 0; i--) {
    const [k, v] = d.entries[i];
    if (k.k === "str" && k.v === key) return v;
  }
  return undefined;
}

export function sameKey(a: Value, b: Value): boolean {
  return (a.k === "str" || a.k === "num" || a.k === "bool") && a.k === b.k && a.v === (b as typeof a).v;
}

export function dictSet(d: Extract<Value, { k: "dict" }>, key: Value, value: Value): Value {
  const entries = d.entries.filter(([k]) => !sameKey(k, key));
  entries.push([key, value]);
  return { ...d, entries };
}

export function truthy(v: Value): boolean | null {
  switch (v.k) {
    case "bool":
      return v.v;
    case "num":
      return v.v !== 0;
    case "str":
      return v.v !== "";
    case "none":
      return false;
    case "list":
    case "tuple":
      return v.items.length > 0;
    case "dict":
      return v.entries.length > 0;
    case "path":
      return true;
    default:
      return null;
  }
}

export function equalValues(a: Value, b: Value): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "str":
    case "num":
    case "bool":
    case "path":
      return a.v === (b as typeof a).v;
    case "ref":
      return a.name === (b as typeof a).name;
    case "none":
      return true;
    case "list":
    case "tuple": {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((x, i) => equalValues(x, bi[i]));
    }
    case "dict": {
      const be = (b as typeof a).entries;
      return a.entries.length === be.length && a.entries.every(([k, v], i) => equalValues(k, be[i][0]) && equalValues(v, be[i][1]));
    }
    default:
      return false;
  }
}

/** Joins two branches of an `if` we cannot decide: lists that only grew keep the extra items as "maybe". */
export function mergeValues(a: Value | undefined, b: Value | undefined, at?: Location): Value | undefined {
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined) {
    const v = (a ?? b)!;
    return { ...v, maybe: true };
  }
  if (equalValues(a, b)) return a;
  if ((a.k === "list" || a.k === "tuple") && b.k === a.k) {
    const [short, long] = a.items.length <= b.items.length ? [a, b] : [b, a];
    if (short.items.every((x, i) => equalValues(x, long.items[i]))) {
      return { ...long, items: long.items.map((x, i) => (i < short.items.length ? x : { ...x, maybe: true })) };
    }
  }
  if (a.k === "dict" && b.k === "dict") {
    const keys: Value[] = [];
    for (const [k] of [...a.entries, ...b.entries]) if (!keys.some((x) => sameKey(x, k))) keys.push(k);
    const entries: [Value, Value][] = keys.map((k) => {
      const va = a.entries.find(([x]) => sameKey(x, k))?.[1];
      const vb = b.entries.find(([x]) => sameKey(x, k))?.[1];
      return [k, mergeValues(va, vb, at) ?? unknown("conditional", at)];
    });
    return { ...a, entries };
  }
  return unknown("assigned differently in branches of an if statement", at);
}

export function toKeyString(v: Value): string {
  return v.k === "str" ? v.v : v.k === "num" ? String(v.v) : "\0unknown";
}

export function setPath(root: Value, keys: Value[], v: Value): Value {
  if (keys.length === 0) return v;
  if (root.k !== "dict") return root.k === "unknown" ? root : unknown("item assignment on a non-dict", root.at);
  const [k, ...rest] = keys;
  if (k.k !== "str" && k.k !== "num") return unknown("item assignment with an unknown key", root.at);
  const cur = dictGet(root, String(k.v)) ?? { k: "dict" as const, entries: [] };
  return dictSet(root, k, rest.length ? setPath(cur, rest, v) : v);
}
