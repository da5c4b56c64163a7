// DRF ModelSerializer mistakes, in DRF's own words. DRF raises them when a serializer is
// instantiated and its `.fields` built (not in run_checks), and stops at the first one, in the
// order of ModelSerializer.get_fields(): Meta.model missing or abstract, then `fields`/`exclude`
// shape, then declared fields left out of `fields`, then `exclude` names, then each field name.
// Verified against the real DRF by scripts/oracle_drf.py (test/conformance/checksSerializers.test.ts).
import type { DjangoProject } from "../../project/project";
import { stringValue } from "../../python/exprUtil";
import type { Expr, Location } from "../../python/types";
import { modelHasAttr } from "../admin/modelLookup";
import { nearestName as closest } from "../models/suggest";
import { attname } from "../models/graph";
import { type ModelShape, ShapeGraph } from "../models/shapes";
import { readSettings } from "../settings/settings";
import { type SerializerFacts, fileSerializers, serializerModules } from "../serializers/serializers";
import { type Raw, concatPerItem } from "./modelsShared";
import type { Rule } from "./types";

interface Problem {
  code: string;
  message: string;
  at: Location;
  data?: Record<string, unknown>;
}

const listItems = (e: Expr | undefined): Expr[] | null => (e && (e.kind === "list" || e.kind === "tuple") ? e.elts : null);

/** The URL field name (REST_FRAMEWORK["URL_FIELD_NAME"], "url" by default); null when not static. */
function urlFieldName(project: DjangoProject): string | null {
  const rf = readSettings(project).get("REST_FRAMEWORK");
  if (!rf) return "url";
  if (rf.k !== "dict") return null;
  const entry = rf.entries.find(([k]) => k.k === "str" && k.v === "URL_FIELD_NAME");
  if (!entry) return "url";
  return entry[1].k === "str" ? entry[1].v : null;
}

/** Names build_field accepts for `model`; null when we cannot list them all. */
function validNames(project: DjangoProject, g: ShapeGraph, m: ModelShape): { has(name: string): boolean | null; all: string[] } | null {
  const fwd = g.forwardFields(m);
  const rev = g.relatedObjects(m);
  if (!fwd || !rev) return null;
  const line = project.djangoVersion().major >= 5 ? "5.2" : "4.2";
  const names = new Set<string>(["pk", ...fwd.map((f) => f.name), ...rev.filter((r) => !r.names!.hidden).map((r) => r.names!.accessor!).filter(Boolean)]);
  return {
    all: [...names, ...fwd.map(attname)],
    has: (name) => (names.has(name) ? true : modelHasAttr(g, m, name, line)),
  };
}

function firstProblem(project: DjangoProject, g: ShapeGraph, s: SerializerFacts): Problem | null {
  const at = s.location;
  if (!s.meta || !s.known) return null;
  if (s.model === null) return { code: "lens.drf-missing-model", message: `Class ${s.name} missing "Meta.model" attribute`, at };
  if (s.model === "abstract") return { code: "lens.drf-abstract-model", message: "Cannot use ModelSerializer with Abstract Models.", at: s.options.get("model")!.location };
  if (s.model === "unknown") return null;
  const model = g.byPath(s.model.path);
  if (!model) return null;
  const fields = s.options.get("fields");
  const exclude = s.options.get("exclude");
  const fieldsAll = fields && stringValue(fields.expr) === "__all__";
  if (fields && !fieldsAll && fields.expr.kind === "str" && fields.expr.value) {
    return { code: "lens.drf-fields-type", message: 'The `fields` option must be a list or tuple or "__all__". Got str.', at: fields.location };
  }
  if (exclude && exclude.expr.kind === "str" && exclude.expr.value) {
    return { code: "lens.drf-fields-type", message: "The `exclude` option must be a list or tuple. Got str.", at: exclude.location };
  }
  const fieldItems = listItems(fields?.expr);
  const excludeItems = listItems(exclude?.expr);
  if ((fields && !fieldsAll && !fieldItems) || (exclude && !excludeItems)) return null; // not literal
  const truthyFields = fieldsAll || (fieldItems?.length ?? 0) > 0;
  if (truthyFields && (excludeItems?.length ?? 0) > 0) {
    return { code: "lens.drf-fields-and-exclude", message: `Cannot set both 'fields' and 'exclude' options on serializer ${s.name}.`, at: exclude!.location };
  }
  if (!fields && !exclude) {
    return {
      code: "lens.drf-no-fields",
      message: `Creating a ModelSerializer without either the 'fields' attribute or the 'exclude' attribute has been deprecated since 3.3.0, and is now disallowed. Add an explicit fields = '__all__' to the ${s.name} serializer.`,
      at: { file: s.metaFile!, range: s.meta.nameRange },
    };
  }
  const names = fieldItems?.map(stringValue) ?? [];
  if (names.includes(null)) return null;
  if (fieldItems && !fieldsAll) {
    for (const [n, loc] of s.ownDeclared) {
      if (!names.includes(n)) {
        return { code: "lens.drf-declared-field-not-in-fields", message: `The field '${n}' was declared on serializer ${s.name}, but has not been included in the 'fields' option.`, at: loc };
      }
    }
  }
  const valid = validNames(project, g, model);
  if (!valid) return null;
  if (excludeItems) {
    const fwd = g.forwardFields(model)!;
    // get_default_field_names: the pk, declared fields, serializable forward fields and relations.
    const defaults = new Set([...fwd.filter((f) => f.primaryKey || !f.implicit).map((f) => f.name), ...s.ownDeclared.keys(), ...s.inheritedDeclared]);
    for (const e of excludeItems) {
      const n = stringValue(e);
      if (n === null) return null;
      if (s.ownDeclared.has(n) || s.inheritedDeclared.has(n)) return null; // a different assertion; rare
      if (!defaults.has(n)) {
        return { code: "lens.drf-exclude-unknown", message: `The field '${n}' was included on serializer ${s.name} in the 'exclude' option, but does not match any model field.`, at: { file: exclude!.location.file, range: e.range } };
      }
    }
    return null;
  }
  if (fieldsAll || !fieldItems) return null;
  const url = urlFieldName(project);
  for (const e of fieldItems) {
    const n = stringValue(e)!;
    if (s.ownDeclared.has(n) || s.inheritedDeclared.has(n) || n === url) continue;
    const ok = valid.has(n);
    if (ok === null || url === null) return null;
    if (!ok) {
      const suggestion = closest(n, [...valid.all, ...s.ownDeclared.keys(), ...s.inheritedDeclared]);
      return {
        code: "lens.drf-unknown-field",
        message: `Field name \`${n}\` is not valid for model \`${model.name}\` in \`${s.module}.${s.name}\`.`,
        at: { file: fields!.location.file, range: e.range },
        data: { name: n, ...(suggestion ? { suggestion } : {}) },
      };
    }
  }
  return null;
}

/** One serializers module's problems (one per serializer at most). */
function fileProblems(project: DjangoProject, m: { module: string; file: string }): Problem[] {
  const g = new ShapeGraph(project, [], true);
  return fileSerializers(project, m.module, m.file)
    .map((s) => firstProblem(project, g, s))
    .filter((p): p is Problem => p !== null);
}

/** Every serializers module's problems: one memo per module, concatenated (see concatPerItem). */
function problems(project: DjangoProject): Problem[] {
  return concatPerItem(project, "drf", serializerModules, (m) => `${m.module}:${m.file}`, fileProblems);
}

function drfRule(code: string, description: string): Rule {
  return {
    code,
    defaultSeverity: "error",
    description,
    run: (project): Raw[] => problems(project).filter((p) => p.code === code).map((p) => ({ file: p.at.file, range: p.at.range, message: p.message, data: p.data })),
  };
}

export const SERIALIZER_RULES: Rule[] = [
  drfRule("lens.drf-missing-model", "A ModelSerializer's Meta has no model."),
  drfRule("lens.drf-abstract-model", "A ModelSerializer on an abstract model."),
  drfRule("lens.drf-fields-type", "Meta.fields / exclude is a string (other than \"__all__\")."),
  drfRule("lens.drf-fields-and-exclude", "Meta sets both fields and exclude."),
  drfRule("lens.drf-no-fields", "Meta sets neither fields nor exclude."),
  drfRule("lens.drf-declared-field-not-in-fields", "A declared serializer field is missing from Meta.fields."),
  drfRule("lens.drf-exclude-unknown", "Meta.exclude names something that is not a model field."),
  drfRule("lens.drf-unknown-field", "Meta.fields names something that is neither a model field, an attribute, nor a declared field."),
];
