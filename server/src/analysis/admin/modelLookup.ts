// The model side of the admin checks: `_meta.get_field(name)` (forward fields by name or attname,
// reverse relations by query name) and `hasattr(model, name)`, answered only for workspace models
// whose every attribute we can see (no opaque bases, no plain mixins). Models are read as shapes.
import { attname } from "../models/graph";
import type { FieldShape, ModelShape, ShapeGraph } from "../models/shapes";
import { DJANGO_ATTRIBUTES } from "./djangoAttributes.generated";

export type GetField =
  | { kind: "field"; field: FieldShape }
  | { kind: "reverse"; model: ModelShape | undefined; field: string; manyToMany: boolean }
  | { kind: "missing" }
  | { kind: "unknown" };

export function getField(g: ShapeGraph, m: ModelShape, name: string): GetField {
  const fwd = g.forwardFields(m);
  if (!fwd) return { kind: "unknown" };
  const f = fwd.find((x) => x.name === name) ?? fwd.find((x) => attname(x) === name);
  if (f) return { kind: "field", field: f };
  const rev = g.relatedObjects(m);
  if (!rev) return { kind: "unknown" };
  const r = rev.find((x) => x.names!.query === name);
  if (r) return { kind: "reverse", model: g.get(r.model), field: r.field, manyToMany: r.kind === "m2m" };
  return { kind: "missing" };
}

/** The chain of model classes has no base we cannot read (mixins, third-party classes). */
export function fullyVisible(g: ShapeGraph, m: ModelShape, depth = 0): boolean {
  if (m.origin !== "workspace" || m.incomplete || depth > 10) return false;
  for (const b of m.bases) {
    if (b.opaque || !b.path) return false;
    if (b.model) {
      const parent = g.get(b.model) ?? g.byPath(b.model);
      if (!parent || (parent.origin === "workspace" && !fullyVisible(g, parent, depth + 1))) return false;
      if (parent.origin !== "workspace" && !parent.abstract) return false;
    } else if (b.path !== "django.db.models.Model") return false;
  }
  return true;
}

/** hasattr(model, name): true, false, or null when we cannot tell. */
export function modelHasAttr(g: ShapeGraph, m: ModelShape, name: string, line: string): boolean | null {
  if (!fullyVisible(g, m)) return null;
  if (m.attributes.has(name) || (DJANGO_ATTRIBUTES[line]?.model ?? []).includes(name)) return true;
  // Names Django adds when the class is built: get_FOO_display, get_next_by_FOO, reverse accessors …
  if (/^get_(next|previous)_by_|^get_.+_display$|^get_.+_order$|^set_.+_order$/.test(name)) return null;
  if (name === "objects" || name === "DoesNotExist" || name === "MultipleObjectsReturned" || name === "_meta") return true;
  const fwd = g.forwardFields(m);
  const rev = g.relatedObjects(m);
  if (!fwd || !rev) return null;
  if (fwd.some((f) => f.name === name || attname(f) === name)) return true;
  if (rev.some((r) => !r.names!.hidden && r.names!.accessor === name)) return true;
  return false;
}
