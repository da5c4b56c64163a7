// Django's checks of Meta options that name fields: unique_together and indexes naming a field the
// model does not have (models.E012), an m2m (E013) or a parent's field (E016); ordering that is
// not a list (E014), names an unknown field, relation or lookup (E015, across relations too), or
// comes with order_with_respect_to (E021). Reported on the model's class line, as Django does.
import { dottedName, stringValue } from "../../python/exprUtil";
import type { Expr } from "../../python/types";
import { attname } from "../models/graph";
import type { FieldShape, ModelShape, ShapeGraph } from "../models/shapes";
import type { MetaOption, ModelInfo } from "../models/types";
import { nearestName as closest } from "../models/suggest";
import { GRAPH_CHECKS, type Raw, groupRule, modelFinding, modelsFileFindings, tag } from "./modelsShared";

/** A Meta option declared in the model's own Meta or an abstract parent's (not inherited from a concrete parent). */
export function metaOption(g: ShapeGraph, m: ModelInfo, name: string): MetaOption | undefined {
  const o = m.meta.get(name);
  if (!o) return undefined;
  if (o.from === m.label) return o;
  const owner = g.labels.paths.get(o.from);
  return owner?.inRegistry && owner.kind === "abstract" ? o : undefined;
}

/** Field names (with their own range) a Meta option refers to; null when not static. */
export function fieldRefs(option: string, expr: Expr): { name: string; expr: Expr }[] | null {
  const out: { name: string; expr: Expr }[] = [];
  if (option === "unique_together") {
    if (expr.kind !== "list" && expr.kind !== "tuple") return null;
    if (expr.elts.length === 0) return [];
    // normalize_together: a flat list of names is one group.
    const groups = expr.elts[0].kind === "list" || expr.elts[0].kind === "tuple" ? expr.elts : [expr];
    for (const g of groups) {
      if (g.kind !== "list" && g.kind !== "tuple") return null;
      for (const e of g.elts) {
        const s = stringValue(e);
        if (s === null) return null;
        out.push({ name: s, expr: e });
      }
    }
    return out;
  }
  if (option === "indexes") {
    if (expr.kind !== "list" && expr.kind !== "tuple") return null;
    for (const idx of expr.elts) {
      if (idx.kind !== "call" || !/Index$/.test(dottedName(idx.func) ?? "")) return null;
      if (idx.args.length) return null; // expression indexes: their references are checked differently
      for (const kw of idx.keywords) {
        if (kw.name !== "fields" && kw.name !== "include") continue;
        if (kw.value.kind !== "list" && kw.value.kind !== "tuple") return null;
        for (const e of kw.value.elts) {
          const s = stringValue(e);
          if (s === null) return null;
          out.push({ name: kw.name === "fields" ? s.replace(/^-/, "") : s, expr: e });
        }
      }
    }
    return out;
  }
  if (option === "ordering") {
    if (expr.kind !== "list" && expr.kind !== "tuple") return null;
    for (const e of expr.elts) {
      const s = stringValue(e);
      if (s !== null && s !== "?") out.push({ name: s.replace(/^-/, ""), expr: e });
    }
    return out;
  }
  return null;
}

function localFieldProblems(g: ShapeGraph, m: ModelInfo, option: "unique_together" | "indexes"): { id: string; raw: Raw | null }[] {
  const o = metaOption(g, m, option);
  const fwd = g.forwardFields(m);
  if (!o || !fwd) return [];
  const refs = fieldRefs(option, o.expr);
  if (!refs) return [];
  const byName = new Map<string, FieldShape>();
  for (const f of fwd) {
    byName.set(f.name, f);
    byName.set(attname(f), f);
  }
  const out: { id: string; raw: Raw | null }[] = [];
  for (const r of refs) {
    const f = byName.get(r.name);
    const data = { option, name: r.name, at: { file: o.location.file, range: r.expr.range } };
    if (!f) {
      const suggestion = closest(r.name, [...byName.keys()]);
      out.push({ id: "models.E012", raw: modelFinding(m, `'${option}' refers to the nonexistent field '${r.name}'.`, undefined, { ...data, ...(suggestion ? { suggestion } : {}) }) });
    }
    else if (f.relation?.kind === "m2m") {
      out.push({ id: "models.E013", raw: modelFinding(m, `'${option}' refers to a ManyToManyField '${r.name}', but ManyToManyFields are not permitted in '${option}'.`) });
    } else if (!(m.fields as FieldShape[]).includes(f)) {
      out.push({ id: "models.E016", raw: modelFinding(m, `'${option}' refers to field '${r.name}' which is not local to model '${m.name}'.`) });
    }
  }
  return out;
}

/** Lookups and transforms Django registers on its built-in fields: a part after a plain field that is one of these is no error. */
const LOOKUPS = new Set(
  "exact iexact gt gte lt lte in contains icontains startswith istartswith endswith iendswith range isnull regex iregex year iso_year month day week week_day iso_week_day quarter hour minute second date time contained_by overlap has_key has_keys has_any_keys len".split(
    " ",
  ),
);

/** Django's _check_ordering for one model. */
function orderingProblems(g: ShapeGraph, m: ModelInfo): { id: string; raw: Raw | null }[] {
  const ordering = metaOption(g, m, "ordering") ?? m.meta.get("ordering");
  const owrt = metaOption(g, m, "order_with_respect_to");
  const declared = metaOption(g, m, "ordering");
  if (declared && owrt && truthy(declared.expr) && truthy(owrt.expr)) {
    return [{ id: "models.E021", raw: modelFinding(m, "'ordering' and 'order_with_respect_to' cannot be used together.") }];
  }
  if (!ordering || owrt || !ordering.expr) return [];
  if (ordering.expr.kind === "str") {
    return ordering.expr.value ? [{ id: "models.E014", raw: modelFinding(m, "'ordering' must be a tuple or list (even if you want to order by only one field).") }] : [];
  }
  const refs = fieldRefs("ordering", ordering.expr);
  if (!refs) return [];
  const out: { id: string; raw: Raw | null }[] = [];
  const err = (name: string, expr: Expr) => {
    // A plain name gets the nearest field as a suggestion (the quick fix keeps a leading "-").
    const fwd = g.forwardFields(m);
    const suggestion = !name.includes("__") && fwd ? closest(name, fwd.filter((f) => f.relation?.kind !== "m2m").map((f) => f.name)) : null;
    const data = { name, at: { file: ordering.location.file, range: expr.range }, ...(suggestion ? { suggestion } : {}) };
    return { id: "models.E015", raw: modelFinding(m, `'ordering' refers to the nonexistent field, related field, or lookup '${name}'.`, undefined, data) };
  };
  for (const { name, expr } of refs) {
    const verdict = name.includes("__") ? resolveLookup(g, m, name.split("__")) : plainOrderingName(g, m, name);
    if (verdict === false) out.push(err(name, expr));
  }
  return out;
}

function truthy(e: Expr): boolean {
  if (e.kind === "list" || e.kind === "tuple") return e.elts.length > 0;
  if (e.kind === "str") return e.value.length > 0;
  if (e.kind === "const") return !!e.value;
  return true;
}

/** A plain ordering name: a concrete field (name or attname) or a reverse relation's query name. */
function plainOrderingName(g: ShapeGraph, m: ModelInfo, name: string): boolean | null {
  if (name === "pk") return true;
  const fwd = g.forwardFields(m);
  if (!fwd) return null;
  // (A forward field answers without the reverse relations: only `false` is a finding.)
  if (fwd.some((f) => f.relation?.kind !== "m2m" && (f.name === name || attname(f) === name))) return true;
  const rev = g.relatedObjects(m);
  if (!rev) return null;
  return rev.some((r) => (!r.names!.hidden || r.kind === "m2m") && r.names!.query === name);
}

/** Walks `a__b__c` as get_field() does; false when Django reports E015, null when unsure. */
function resolveLookup(g: ShapeGraph, start: ModelShape, parts: string[]): boolean | null {
  let cls: ModelShape | null = start;
  let fld: FieldShape | "reverse" | null = null;
  for (const part of parts) {
    if (cls === null) {
      // After a plain field: a lookup or transform, which depends on the field class.
      if (fld && fld !== "reverse" && (!fld.exactDjango || !fld.django || /JSON|HStore|Array|Range/.test(fld.django.name))) return null;
      return LOOKUPS.has(part) ? true : false;
    }
    const fwd = g.forwardFields(cls);
    const rev = g.relatedObjects(cls);
    if (!fwd || !rev) return null;
    let next: ModelShape | null | undefined;
    const f = part === "pk" ? fwd.find((x) => x.primaryKey) : fwd.find((x) => x.name === part || attname(x) === part);
    if (f) {
      fld = f;
      next = f.relation ? g.target(f) : null;
      if (f.relation && !next) return null;
    } else {
      const r = rev.find((x) => x.names!.query === part);
      if (!r) {
        if (fld === null || fld === "reverse") return false;
        return fld.relation && LOOKUPS.has(part) ? true : fld.relation ? false : null;
      }
      fld = "reverse";
      next = g.get(r.model);
    }
    cls = next ?? null;
  }
  return true;
}

GRAPH_CHECKS.push((_project, g, m, out) => {
  if (m.incomplete) return;
  for (const f of [...localFieldProblems(g, m, "unique_together"), ...localFieldProblems(g, m, "indexes"), ...orderingProblems(g, m)]) tag(out, f.id, f.raw);
});

const metaRule = (id: string, description: string) => groupRule(id, "error", description, modelsFileFindings);

export const META_RULES = [
  metaRule("models.E012", "A Meta option refers to a field the model does not have."),
  metaRule("models.E013", "A Meta option refers to a ManyToManyField."),
  metaRule("models.E016", "A Meta option refers to a field of a parent model."),
  metaRule("models.E014", "'ordering' must be a tuple or list."),
  metaRule("models.E015", "'ordering' refers to a nonexistent field, related field or lookup."),
  metaRule("models.E021", "'ordering' and 'order_with_respect_to' together."),
];
