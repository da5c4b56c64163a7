// The Meta options ModelState.from_model() copies: `model._meta.original_attrs`, i.e. the option
// names reachable on the Meta class Django picked for the model (django/db/models/base.py,
// options.py). Which Meta that is differs from the registry's semantic view for inherited models:
// a class without its own Meta uses the nearest `Meta` attribute in its MRO (only abstract models
// keep one), and options Django copies from a concrete parent onto `_meta` (ordering,
// get_latest_by) are not original attributes. Used for multi-table children and proxies, where
// the two views part.
import { dottedName } from "../../python/exprUtil";
import type { ClassDef, Stmt } from "../../python/types";
import type { ModelInfo } from "../models/types";
import { DJANGO_ABSTRACT_MODELS } from "./djangoCatalog";
import { type EvalContext, type NV, evaluate, str, unknowable } from "./values";

/** Options Django never puts in a ModelState (they are not migration options). */
const SKIP = new Set(["abstract", "app_label", "apps"]);

const metaClass = (cls: ClassDef | null): ClassDef | null =>
  cls?.body.find((s: Stmt): s is ClassDef => s.kind === "class" && s.name === "Meta") ?? null;

/** `lookup(ref)`: the registry's `byPath(ref) ?? get(ref)`. */
export function originalAttrs(m: ModelInfo, lookup: (ref: string) => ModelInfo | undefined, ctxFor: (file: string) => EvalContext | null): [NV, NV][] {
  const out = new Map<string, NV>();
  const parentOf = (name: string, of: ModelInfo): ModelInfo | "django" | null => {
    for (const b of of.bases) {
      if (!b.model || !b.path || b.path.split(".").pop() !== name) continue;
      if (b.model in DJANGO_ABSTRACT_MODELS) return "django";
      return lookup(b.model) ?? null;
    }
    return null;
  };
  // A Meta's own assignments, then what its bases (`Parent.Meta`) provide (hasattr() reaches them).
  const collect = (owner: ModelInfo, meta: ClassDef, depth: number): void => {
    if (depth > 10) unknowable("Meta inheritance too deep");
    const ctx = owner.file ? ctxFor(owner.file) : null;
    if (!ctx) unknowable(`cannot read ${owner.name}.Meta`);
    for (const s of meta.body) {
      if (s.kind !== "assign" || !s.value) continue;
      for (const t of s.targets) {
        if (t.kind !== "name" || t.id.startsWith("_") || SKIP.has(t.id) || out.has(t.id)) continue;
        out.set(t.id, evaluate(s.value, ctx));
      }
    }
    for (const base of meta.bases) {
      const d = dottedName(base);
      if (d === "object") continue;
      if (!d || !d.endsWith(".Meta")) unknowable(`${owner.name}.Meta has a base we cannot read`);
      const parent = parentOf(d.slice(0, -5).split(".").pop() ?? "", owner);
      if (parent === "django") {
        const b = owner.bases.find((x) => x.path?.split(".").pop() === d.slice(0, -5).split(".").pop());
        for (const [k, v] of Object.entries(DJANGO_ABSTRACT_MODELS[b?.model ?? ""]?.meta ?? {})) if (!out.has(k)) out.set(k, v);
        continue;
      }
      const pm = metaClass(parent?.cls ?? null);
      if (!parent || !pm) unknowable(`${owner.name}.Meta inherits a Meta we cannot see`);
      collect(parent, pm, depth + 1);
    }
  };
  // getattr(new_class, "Meta"): depth-first over the bases (the MRO for single inheritance).
  const inherited = (of: ModelInfo, depth: number): boolean => {
    if (depth > 10) unknowable("inheritance too deep");
    for (const b of of.bases) {
      if (b.opaque) unknowable("a base class we cannot see may carry a Meta");
      if (!b.model) {
        if (b.path && b.path !== "django.db.models.Model" && !b.path.startsWith("builtins.")) unknowable(`mixin ${b.path} may carry a Meta`);
        continue;
      }
      if (b.model in DJANGO_ABSTRACT_MODELS) {
        for (const [k, v] of Object.entries(DJANGO_ABSTRACT_MODELS[b.model].meta)) if (!out.has(k)) out.set(k, v);
        return true;
      }
      const parent = lookup(b.model);
      if (!parent || parent.origin !== "workspace") unknowable(`base ${b.model} is not in the workspace`);
      const pm = metaClass(parent.cls);
      // Only abstract models keep a `Meta` attribute (ModelBase pops it from concrete ones).
      if (parent.abstract && pm) {
        collect(parent, pm, 0);
        return true;
      }
      if (inherited(parent, depth + 1)) return true;
    }
    return false;
  };
  const own = metaClass(m.cls);
  if (own) collect(m, own, 0);
  else inherited(m, 0);
  return [...out].map(([k, v]): [NV, NV] => [str(k), v]);
}
