// Django Lens's project state: one normalised ModelState per model, as Django's
// django/db/migrations/state.py keeps them, built either by replaying migrations or from models.py.
import type { Location } from "../../python/types";
import type { FieldState } from "./fields";
import { type NV, key } from "./values";

export interface ModelState {
  app: string;
  /** The model's name as written (`Product`). */
  name: string;
  fields: Map<string, FieldState>;
  /** Meta options by Django's option name; unique_together/index_together as normalised sets. */
  options: Map<string, NV>;
  indexes: NV[];
  constraints: NV[];
  managers: [string, NV][];
  /** Base labels (`shop.base`) or class paths (`django.db.models.Model`). */
  bases: string[];
  /** Where the class and its fields are written (models.py side only). */
  at?: Location;
  fieldAt?: Map<string, Location>;
  /** Why this model cannot be compared, when it cannot. */
  unknown?: string;
}

export const lower = (s: string) => s.toLowerCase();

export class ProjectState {
  readonly models = new Map<string, ModelState>();

  static keyOf(app: string, name: string): string {
    return `${app}.${name.toLowerCase()}`;
  }

  get(app: string, name: string): ModelState | undefined {
    return this.models.get(ProjectState.keyOf(app, name));
  }

  set(m: ModelState): void {
    this.models.set(ProjectState.keyOf(m.app, m.name), m);
  }

  delete(app: string, name: string): void {
    this.models.delete(ProjectState.keyOf(app, name));
  }

  forApp(app: string): ModelState[] {
    return [...this.models.values()].filter((m) => m.app === app);
  }
}

export function cloneModel(m: ModelState): ModelState {
  return {
    ...m,
    fields: new Map(m.fields),
    options: new Map(m.options),
    indexes: [...m.indexes],
    constraints: [...m.constraints],
    managers: [...m.managers],
    bases: [...m.bases],
  };
}

export function fieldKey(f: FieldState): string {
  return `${f.path}(${Object.keys(f.kwargs)
    .sort()
    .map((k) => `${k}=${key(f.kwargs[k])}`)
    .join(",")})`;
}

/** The relation target label (`shop.category`) of a related field, or null. */
export function relationTarget(f: FieldState): string | null {
  const to = f.kwargs.to;
  return to?.t === "str" ? to.v : null;
}

export function isManyToMany(f: FieldState): boolean {
  return f.path === "django.db.models.ManyToManyField";
}

/** `normalize_together()`: a single tuple of names becomes a one-item collection; a set of tuples. */
export function normaliseTogether(v: NV): NV {
  if (v.t === "none") return { t: "set", items: [] };
  if (v.t !== "list" && v.t !== "tuple" && v.t !== "set") return v;
  if (v.items.length === 0) return { t: "set", items: [] };
  const items = v.items[0].t === "str" ? [v] : v.items;
  return {
    t: "set",
    items: dedupe(items.map((i): NV => (i.t === "list" || i.t === "tuple" || i.t === "set" ? { t: "tuple", items: i.items } : i))),
  };
}

function dedupe(items: NV[]): NV[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = key(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The name kwarg of an Index or constraint value. */
export function objectName(v: NV): string | null {
  if (v.t !== "call") return null;
  const n = v.kwargs.find(([k]) => k === "name")?.[1];
  return n?.t === "str" ? n.v : null;
}
