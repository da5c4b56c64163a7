// What a position in a Python file means for the model features: a field-name string inside a
// model's Meta (ordering, unique_together, indexes), a ModelAdmin option list, or a
// ModelSerializer's Meta.fields — with the model it refers to and the `a__b` segment under the
// cursor resolved along relations; or a relation string ("app.Model", "Model"); or a field
// assignment in a model body.
import type { Position } from "vscode-languageserver";
import { adminRegistry } from "../analysis/admin/registrations";
import { modelGraph } from "../analysis/models/graph";
import { modelRegistry } from "../analysis/models/registry";
import type { FieldInfo, ModelInfo } from "../analysis/models/types";
import { modelSerializers } from "../analysis/serializers/serializers";
import type { DjangoProject } from "../project/project";
import { topLevel } from "../python/exprUtil";
import type { ClassDef, Range, Stmt, StringLiteral } from "../python/types";
import { type FeatureContext, contains, stringAt } from "./context";

export const MODEL_META_OPTIONS = new Set(["ordering", "unique_together", "index_together", "indexes", "constraints"]);
export const ADMIN_OPTIONS = new Set([
  "list_display",
  "list_display_links",
  "list_filter",
  "list_editable",
  "search_fields",
  "ordering",
  "readonly_fields",
  "fields",
  "fieldsets",
  "exclude",
  "raw_id_fields",
  "autocomplete_fields",
  "filter_horizontal",
  "filter_vertical",
  "prepopulated_fields",
  "date_hierarchy",
  "list_select_related",
]);
export const SERIALIZER_OPTIONS = new Set(["fields", "exclude", "read_only_fields"]);

export interface OptionPlace {
  kind: "model-meta" | "admin" | "serializer";
  option: string;
  /** The model the names refer to. */
  model: ModelInfo;
  /** The class whose body (or Meta) holds the option. */
  owner: ClassDef;
  file: string;
}

/** The class-body assignment holding `pos`: its target name, the class, and the Meta around it. */
function assignmentAt(stmts: Stmt[], pos: Position): { option: string; outer: ClassDef; meta: ClassDef | null } | null {
  for (const s of topLevel(stmts)) {
    if (s.kind !== "class" || !contains(s.range, pos)) continue;
    for (const b of topLevel(s.body)) {
      if (b.kind === "class" && b.name === "Meta" && contains(b.range, pos)) {
        for (const m of topLevel(b.body)) {
          if (m.kind === "assign" && contains(m.range, pos) && m.targets[0]?.kind === "name") return { option: m.targets[0].id, outer: s, meta: b };
        }
      }
      if (b.kind === "assign" && contains(b.range, pos) && b.targets[0]?.kind === "name") return { option: b.targets[0].id, outer: s, meta: null };
    }
  }
  return null;
}

/** The option (and model) a position inside a class body or Meta belongs to. */
export function optionAt(ctx: FeatureContext): OptionPlace | null {
  const project = ctx.project;
  if (!project || !ctx.summary) return null;
  const a = assignmentAt(ctx.summary.statements, ctx.position);
  if (!a) return null;
  const module = project.modules.moduleOfFile(ctx.file);
  if (a.meta) {
    const model = module ? modelRegistry(project).byPath(`${module}.${a.outer.name}`) : undefined;
    if (model && MODEL_META_OPTIONS.has(a.option)) return { kind: "model-meta", option: a.option, model, owner: a.outer, file: ctx.file };
    const ser = modelSerializers(project).find((s) => s.cls === a.outer || (s.file === ctx.file && s.name === a.outer.name));
    if (ser && typeof ser.model === "object" && ser.model && SERIALIZER_OPTIONS.has(a.option)) return { kind: "serializer", option: a.option, model: ser.model, owner: a.outer, file: ctx.file };
    return null;
  }
  if (!ADMIN_OPTIONS.has(a.option)) return null;
  const reg = adminRegistry(project).registrations.find((r) => r.admin && r.admin !== "unknown" && r.admin.file === ctx.file && r.admin.name === a.outer.name && r.model.kind === "model");
  if (!reg || reg.model.kind !== "model") return null;
  return { kind: "admin", option: a.option, model: reg.model.model, owner: a.outer, file: ctx.file };
}

export interface NameRef {
  place: OptionPlace;
  literal: StringLiteral;
  /** The `__`-separated segment under the cursor, its range, and the model it is looked up on. */
  segment: string;
  range: Range;
  on: ModelInfo;
}

/** Looks `name` up on `m` as get_field() does: a forward field (name or attname) or a reverse relation's query name. */
export function lookupField(project: DjangoProject, m: ModelInfo, name: string): { field: FieldInfo; model: ModelInfo; reverse: boolean } | null {
  const g = modelGraph(project);
  const fwd = g.forwardFields(m) ?? m.fields;
  const f = fwd.find((x) => x.name === name) ?? fwd.find((x) => x.relation && x.relation.kind !== "m2m" && `${x.name}_id` === name);
  if (f) return { field: f, model: g.registry.get(f.declaredIn) ?? m, reverse: false };
  const r = g.relatedObjects(m)?.find((x) => x.names?.query === name || x.names?.accessor === name);
  return r ? { field: r.field, model: r.model, reverse: true } : null;
}

/** The field-name string under the cursor in one of the option lists, with its segment resolved. */
export function nameRefAt(ctx: FeatureContext): NameRef | null {
  const lit = stringAt(ctx);
  if (!lit || !lit.exact || !ctx.project) return null;
  const place = optionAt(ctx);
  if (!place) return null;
  const raw = lit.value;
  const lead = raw.startsWith("-") ? 1 : 0;
  const offset = ctx.position.character - (lit.range.start.character + 1);
  let start = lead;
  let on: ModelInfo | undefined = place.model;
  for (const part of raw.slice(lead).split("__")) {
    const end = start + part.length;
    if (offset <= end || end >= raw.length) {
      const range = { start: { line: lit.range.start.line, character: lit.range.start.character + 1 + start }, end: { line: lit.range.start.line, character: lit.range.start.character + 1 + end } };
      return on ? { place, literal: lit, segment: part, range, on } : null;
    }
    const hit: ReturnType<typeof lookupField> = on ? lookupField(ctx.project, on, part) : null;
    if (!hit) return null;
    on = hit.reverse ? hit.model : hit.field.relation?.target ? modelRegistry(ctx.project).get(hit.field.relation.target) : undefined;
    start = end + 2;
  }
  return null;
}

/** A model named by a relation string under the cursor (`"shop.Product"`, or `"Product"` as a relation's `to`). */
export function modelStringAt(ctx: FeatureContext): ModelInfo | null {
  const lit = stringAt(ctx);
  const project = ctx.project;
  if (!lit || !lit.exact || !project || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/.test(lit.value)) return null;
  const reg = modelRegistry(project);
  if (lit.value.includes(".")) return reg.get(lit.value) ?? null;
  if (!/(ForeignKey|OneToOneField|ManyToManyField)$/.test(lit.callee ?? "") || (lit.argument !== 0 && lit.argument !== "to" && lit.argument !== "through")) return null;
  const module = project.modules.moduleOfFile(ctx.file) ?? "";
  const own = reg.models.find((m) => m.file === ctx.file) ?? reg.models.find((m) => module.startsWith(m.module.split(".")[0]));
  return own ? (reg.get(`${own.appLabel}.${lit.value}`) ?? null) : null;
}

/** A field assignment in a model body under the cursor (on its name). */
export function modelFieldAt(ctx: FeatureContext): { model: ModelInfo; field: FieldInfo } | null {
  if (!ctx.project) return null;
  for (const m of modelRegistry(ctx.project).models) {
    if (m.file !== ctx.file) continue;
    const f = m.fields.find((x) => x.location && !x.implicit && !x.inherited && contains(x.location.range, ctx.position));
    if (f) return { model: m, field: f };
  }
  return null;
}
