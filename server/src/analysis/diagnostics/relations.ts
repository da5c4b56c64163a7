// Django's RelatedField checks (django/db/models/fields/related.py): a relation to a model that is
// not installed (fields.E300), an invalid related_name (E306), and reverse accessor / query name
// clashes (E302–E305). Claims are made only when every model involved is fully known.
import type { DjangoProject } from "../../project/project";
import { reverseNames } from "../models/graph";
import { resolveExprDirect } from "../models/names";
import type { ReverseShape, ShapeGraph } from "../models/shapes";
import type { FieldInfo, ModelInfo } from "../models/types";
import { appRegistry } from "../settings/apps";
import { GRAPH_CHECKS, LOCAL_CHECKS, type Raw, declaredFields, fieldFinding, groupRule, modelsFileFindings, tag } from "./modelsShared";
import type { Rule, Severity } from "./types";

const PY_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);

/** Each declared relation field of Django's own classes of a checked model. */
export function relationFields(m: ModelInfo): FieldInfo[] {
  return declaredFields(m).filter((f) => f.relation && f.exactDjango);
}

/**
 * A rule over each declared relation field of Django's own classes that reads only the field and
 * its model (kind, options, related names, never the target): a local check per models module.
 */
export function localRelationRule(
  code: string,
  severity: Severity,
  description: string,
  fn: (m: ModelInfo, f: FieldInfo, project: DjangoProject) => (Raw | null)[] | Raw | null,
): Rule {
  LOCAL_CHECKS.push((project, m, out) => {
    for (const f of declaredFields(m)) {
      if (!f.relation || !f.exactDjango) continue;
      const r = fn(m, f, project);
      if (Array.isArray(r)) for (const x of r) tag(out, code, x);
      else tag(out, code, r);
    }
  });
  return groupRule(code, severity, description, modelsFileFindings);
}

GRAPH_CHECKS.push((project, g, m, out) => {
  for (const f of relationFields(m)) {
    const rel = f.relation!;
    let name: string | null = null;
    if (rel.unresolved === "not-found" && rel.written) name = rel.written;
    else if (rel.unresolved === "dynamic" && rel.toExpr && f.location) {
      // A class given directly that is an abstract model.
      const t = resolveExprDirect(project, f.location.file, rel.toExpr);
      const abstract = t.kind === "class" ? g.byPath(t.path) : undefined;
      if (abstract?.abstract) name = abstract.name;
    }
    if (name !== null) tag(out, "fields.E300", fieldFinding(f, `Field defines a relation with model '${name}', which is either not installed, or is abstract.`, { model: m.label }));
  }
});
export const relationNotInstalled = groupRule("fields.E300", "error", "A relation to a model that is not installed, or is abstract.", modelsFileFindings);

export const invalidRelatedName = localRelationRule("fields.E306", "error", "related_name must be a valid Python identifier or end with '+'.", (m, f) => {
  const rn = f.relation!.relatedName;
  if (!rn || !f.params.has("related_name")) return null;
  const valid = (!PY_KEYWORDS.has(rn) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(rn)) || rn.endsWith("+");
  return valid ? null : fieldFinding(f, `The name '${rn}' is invalid related_name for field ${m.name}.${f.name}`);
});

/** fields.E307: the pending lazy reference of a `to=` label that never resolves. */
GRAPH_CHECKS.push((project, _g, m, out) => {
  let apps: Set<string> | null = null;
  for (const f of relationFields(m)) {
    const rel = f.relation!;
    // A through= label that never resolves is models.E022 (a pending function, no object): not claimed.
    if (rel.unresolved !== "not-found" || !rel.written) continue;
    apps ??= new Set(appRegistry(project).apps.map((a) => a.label));
    const w = rel.written;
    const [app, model] = (w.includes(".") ? w : `${m.appLabel}.${w}`).split(".");
    const key = `${app}.${model.toLowerCase()}`;
    const why = apps.has(app) ? `app '${app}' doesn't provide model '${model.toLowerCase()}'` : `app '${app}' isn't installed`;
    tag(out, "fields.E307", fieldFinding(f, `The field ${m.label}.${f.name} was declared with a lazy reference to '${key}', but ${why}.`));
  }
});
export const lazyReference = groupRule("fields.E307", "error", "A lazy reference to a model that does not exist.", modelsFileFindings);

/** fields.E308 / E309: a reverse query name ending with "_" or containing "__" (lookups would break). */
function queryNameRule(id: "E308" | "E309") {
  return localRelationRule(`fields.${id}`, "error", id === "E308" ? "A reverse query name ends with an underscore." : "A reverse query name contains '__'.", (m, f) => {
    const names = reverseNames(m, f);
    if (!names || names.hidden) return null;
    if (id === "E308" && names.query.endsWith("_")) return fieldFinding(f, `Reverse query name '${names.query}' must not end with an underscore.`);
    if (id === "E309" && names.query.includes("__")) return fieldFinding(f, `Reverse query name '${names.query}' must not contain '__'.`);
    return null;
  });
}

type ClashId = "E302" | "E303" | "E304" | "E305";

// Reverse relations by accessor name, per list (the lists are memo values, shared while unchanged).
const byAccessor = new WeakMap<ReverseShape[], Map<string, ReverseShape[]>>();

function accessorIndex(related: ReverseShape[]): Map<string, ReverseShape[]> {
  let index = byAccessor.get(related);
  if (!index) {
    index = new Map();
    for (const r of related) {
      const a = r.names!.accessor;
      if (a === null) continue;
      const list = index.get(a);
      if (list) list.push(r);
      else index.set(a, [r]);
    }
    byAccessor.set(related, index);
  }
  return index;
}

/** Django's _check_clashes for one field: which of E302–E305 apply, with their messages. */
function clashes(m: ModelInfo, f: FieldInfo, g: ShapeGraph): [ClashId, string][] | null {
  const target = g.target(f);
  const names = reverseNames(m, f);
  if (!target || !names || target.proxy) return null;
  const targetFields = g.forwardFields(target);
  const related = g.relatedObjects(target);
  if (!targetFields || !related) return null;
  const out: [ClashId, string][] = [];
  const fieldName = `${m.label}.${f.name}`;
  for (const c of targetFields) {
    const clashName = `${target.label}.${c.name}`;
    if (!names.hidden && c.name === names.accessor) {
      out.push(["E302", `Reverse accessor '${target.name}.${names.accessor}' for '${fieldName}' clashes with field name '${clashName}'.`]);
    }
    if (c.name === names.query) out.push(["E303", `Reverse query name for '${fieldName}' clashes with field name '${clashName}'.`]);
  }
  // Other relations whose accessor is this field's accessor (E304) or query name (E305), in Django's order.
  const index = accessorIndex(related);
  const self = (r: ReverseShape) => r.model === m.label && r.field === f.name;
  if (!names.hidden && names.accessor !== null) {
    for (const r of index.get(names.accessor) ?? []) {
      if (!self(r)) out.push(["E304", `Reverse accessor '${target.name}.${names.accessor}' for '${fieldName}' clashes with reverse accessor for '${r.model}.${r.field}'.`]);
    }
  }
  for (const r of index.get(names.query) ?? []) {
    if (!self(r)) out.push(["E305", `Reverse query name for '${fieldName}' clashes with reverse query name for '${r.model}.${r.field}'.`]);
  }
  return out;
}

GRAPH_CHECKS.push((_project, g, m, out) => {
  for (const f of relationFields(m)) for (const [id, msg] of clashes(m, f, g) ?? []) tag(out, `fields.${id}`, fieldFinding(f, msg, { model: m.label }));
});

const clashRule = (id: ClashId, description: string) => groupRule(`fields.${id}`, "error", description, modelsFileFindings);

export const RELATION_RULES = [
  relationNotInstalled,
  lazyReference,
  clashRule("E302", "A reverse accessor clashes with a field name."),
  clashRule("E303", "A reverse query name clashes with a field name."),
  clashRule("E304", "Two reverse accessors clash."),
  clashRule("E305", "A reverse query name clashes with another reverse accessor."),
  invalidRelatedName,
  queryNameRule("E308"),
  queryNameRule("E309"),
];
