// Django's RelatedField checks (django/db/models/fields/related.py): a relation to a model that is
// not installed (fields.E300), an invalid related_name (E306), and reverse accessor / query name
// clashes (E302–E305). Claims are made only when every model involved is fully known.
import type { DjangoProject } from "../../project/project";
import { type ModelGraph, type ReverseRelation, modelGraph, reverseNames } from "../models/graph";
import { resolveExpr } from "../models/names";
import type { FieldInfo, ModelInfo } from "../models/types";
import { appRegistry } from "../settings/apps";
import { type Raw, checkedModels, declaredFields, fieldFinding, modelRule, perModelsFile } from "./modelsShared";

const PY_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);

/** Each checked model's declared relation fields of Django's own classes. */
export function eachRelation(project: DjangoProject, fn: (m: ModelInfo, f: FieldInfo, g: ModelGraph) => (Raw | null)[] | Raw | null): (Raw | null)[] {
  const g = modelGraph(project);
  const out: (Raw | null)[] = [];
  for (const m of checkedModels(project)) {
    for (const f of declaredFields(m)) {
      if (!f.relation || !f.exactDjango) continue;
      const r = fn(m, f, g);
      if (Array.isArray(r)) out.push(...r);
      else out.push(r);
    }
  }
  return out;
}

/**
 * Like eachRelation, for checks that read only the field and its model (kind, options, related
 * names, never the target): memoised per models module, on the declared models.
 */
export function eachLocalRelation(project: DjangoProject, key: string, fn: (m: ModelInfo, f: FieldInfo) => (Raw | null)[] | Raw | null): (Raw | null)[] {
  return perModelsFile(project, `relationRule:${key}`, (models) => {
    const out: (Raw | null)[] = [];
    for (const m of models) {
      for (const f of declaredFields(m)) {
        if (!f.relation || !f.exactDjango) continue;
        const r = fn(m, f);
        if (Array.isArray(r)) out.push(...r);
        else out.push(r);
      }
    }
    return out;
  });
}

export const relationNotInstalled = modelRule("fields.E300", "error", "A relation to a model that is not installed, or is abstract.", (project) =>
  eachRelation(project, (m, f, g) => {
    const rel = f.relation!;
    let name: string | null = null;
    if (rel.unresolved === "not-found" && rel.written) name = rel.written;
    else if (rel.unresolved === "dynamic" && rel.toExpr && f.location) {
      // A class given directly that is an abstract model.
      const t = resolveExpr(project, f.location.file, rel.toExpr);
      const abstract = t.kind === "class" ? g.registry.byPath(t.path) : undefined;
      if (abstract?.abstract) name = abstract.name;
    }
    return name === null ? null : fieldFinding(f, `Field defines a relation with model '${name}', which is either not installed, or is abstract.`, { model: m.label });
  }),
);

export const invalidRelatedName = modelRule("fields.E306", "error", "related_name must be a valid Python identifier or end with '+'.", (project) =>
  eachLocalRelation(project, "fields.E306", (m, f) => {
    const rn = f.relation!.relatedName;
    if (!rn || !f.params.has("related_name")) return null;
    const valid = (!PY_KEYWORDS.has(rn) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(rn)) || rn.endsWith("+");
    return valid ? null : fieldFinding(f, `The name '${rn}' is invalid related_name for field ${m.name}.${f.name}`);
  }),
);

/** fields.E307: the pending lazy reference of a `to=` label that never resolves. */
export const lazyReference = modelRule("fields.E307", "error", "A lazy reference to a model that does not exist.", (project) => {
  const apps = new Set(appRegistry(project).apps.map((a) => a.label));
  return eachRelation(project, (m, f) => {
    const out: Raw[] = [];
    const rel = f.relation!;
    const written: string[] = [];
    if (rel.unresolved === "not-found" && rel.written) written.push(rel.written);
    // A through= label that never resolves is models.E022 (a pending function, no object): not claimed.
    for (const w of written) {
      const [app, model] = (w.includes(".") ? w : `${m.appLabel}.${w}`).split(".");
      const key = `${app}.${model.toLowerCase()}`;
      const why = apps.has(app) ? `app '${app}' doesn't provide model '${model.toLowerCase()}'` : `app '${app}' isn't installed`;
      out.push(fieldFinding(f, `The field ${m.label}.${f.name} was declared with a lazy reference to '${key}', but ${why}.`));
    }
    return out;
  });
});

/** fields.E308 / E309: a reverse query name ending with "_" or containing "__" (lookups would break). */
function queryNameRule(id: "E308" | "E309") {
  return modelRule(`fields.${id}`, "error", id === "E308" ? "A reverse query name ends with an underscore." : "A reverse query name contains '__'.", (project) =>
    eachLocalRelation(project, id, (m, f) => {
      const names = reverseNames(m, f);
      if (!names || names.hidden) return null;
      if (id === "E308" && names.query.endsWith("_")) return fieldFinding(f, `Reverse query name '${names.query}' must not end with an underscore.`);
      if (id === "E309" && names.query.includes("__")) return fieldFinding(f, `Reverse query name '${names.query}' must not contain '__'.`);
      return null;
    }),
  );
}

type ClashId = "E302" | "E303" | "E304" | "E305";

/** Django's _check_clashes for one field: which of E302–E305 apply, with their messages. */
function clashes(m: ModelInfo, f: FieldInfo, g: ModelGraph): [ClashId, string][] | null {
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
  for (const r of related as ReverseRelation[]) {
    if (r.field === f || (r.model === m && r.field.name === f.name)) continue;
    const other = r.names!;
    const clashName = `${r.model.label}.${r.field.name}`;
    if (!names.hidden && other.accessor !== null && other.accessor === names.accessor) {
      out.push(["E304", `Reverse accessor '${target.name}.${names.accessor}' for '${fieldName}' clashes with reverse accessor for '${clashName}'.`]);
    }
    if (other.accessor !== null && other.accessor === names.query) {
      out.push(["E305", `Reverse query name for '${fieldName}' clashes with reverse query name for '${clashName}'.`]);
    }
  }
  return out;
}

/** Every clash finding, computed once per project version for the four rules. */
function allClashes(project: DjangoProject): { id: ClashId; raw: Raw }[] {
  return project.index.memo(`relationClashes:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const out: { id: ClashId; raw: Raw }[] = [];
    eachRelation(project, (m, f, g) => {
      for (const [id, msg] of clashes(m, f, g) ?? []) out.push({ id, raw: fieldFinding(f, msg, { model: m.label }) });
      return null;
    });
    return out;
  });
}

function clashRule(id: ClashId, description: string) {
  return modelRule(`fields.${id}`, "error", description, (project) => allClashes(project).filter((c) => c.id === id).map((c) => c.raw));
}

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
