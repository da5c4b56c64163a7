// Django's ModelAdmin checks (django/contrib/admin/checks.py) that can be decided statically:
// list_display (admin.E108/E109), list_display_links (E111), list_filter (E116), ordering (E033),
// readonly_fields (E035), raw_id_fields (E002/E003), autocomplete_fields (E037–E040),
// fields/fieldsets (E005, E006, E012) and search_fields (E126). Reported on the ModelAdmin class
// line, as Django's checks name the class; the data carries the item's own range for the editor.
import type { DjangoProject } from "../../project/project";
import { findBinding } from "../../project/modules";
import { stringValue } from "../../python/exprUtil";
import type { Expr, Location } from "../../python/types";
import type { AdminClass } from "../admin/adminClass";
import { fullyVisible, getField, modelHasAttr } from "../admin/modelLookup";
import { type Registration, adminRegistry } from "../admin/registrations";
import { DJANGO_ATTRIBUTES } from "../admin/djangoAttributes.generated";
import { type ModelGraph, modelGraph } from "../models/graph";
import { nearestName as closest } from "../models/suggest";
import type { ModelInfo } from "../models/types";
import { type Raw, modelRule } from "./modelsShared";

interface Ctx {
  project: DjangoProject;
  g: ModelGraph;
  admin: AdminClass;
  model: ModelInfo;
  line: "5.2" | "4.2";
  regs: Registration[];
  complete: boolean;
}

type Found = { id: string; raw: Raw };

function finding(c: Ctx, id: string, message: string, item?: Expr, data?: Record<string, unknown>): Found {
  const at: Location | undefined = item ? { file: c.admin.options.get(String(data?.option ?? ""))?.location.file ?? c.admin.file, range: item.range } : undefined;
  // A misspelt field name: the nearest field of the model, for the quick fix.
  if (typeof data?.name === "string" && !data.name.includes("__")) {
    const fwd = c.g.forwardFields(c.model);
    const suggestion = fwd ? closest(data.name, fwd.map((f) => f.name)) : null;
    if (suggestion) data = { ...data, suggestion };
  }
  return { id, raw: { file: c.admin.file, range: c.admin.location.range, message, data: { model: c.model.label, admin: c.admin.name, ...(at ? { at } : {}), ...(data ?? {}) } } };
}

/** The option's items, when it is a literal list or tuple. */
function items(c: Ctx, name: string): Expr[] | null {
  const o = c.admin.options.get(name);
  if (!o) return null;
  return o.expr.kind === "list" || o.expr.kind === "tuple" ? o.expr.elts : null;
}

const adminHas = (c: Ctx, name: string) => c.admin.attributes.has(name) || (DJANGO_ATTRIBUTES[c.line]?.modelAdmin ?? []).includes(name);

function listDisplay(c: Ctx): Found[] {
  const out: Found[] = [];
  (items(c, "list_display") ?? []).forEach((e, i) => {
    const item = stringValue(e);
    if (item === null || adminHas(c, item)) return;
    const label = `list_display[${i}]`;
    const gf = getField(c.g, c.model, item);
    if (gf.kind === "unknown") return;
    if (gf.kind === "field" || gf.kind === "reverse") {
      const m2m = gf.kind === "field" ? gf.field.relation?.kind === "m2m" : c.line === "5.2";
      if (m2m) {
        const msg = c.line === "5.2" ? `The value of '${label}' must not be a many-to-many field or a reverse foreign key.` : `The value of '${label}' must not be a ManyToManyField.`;
        out.push(finding(c, "admin.E109", msg, e, { option: "list_display" }));
      }
      return;
    }
    const has = modelHasAttr(c.g, c.model, item, c.line);
    if (has === null) return;
    if (has) {
      // A reverse foreign key accessor (`book_set`) is a reverse relation too on 5.2.
      const rev = c.g.relatedObjects(c.model)?.find((r) => !r.names!.hidden && r.names!.accessor === item && !c.model.attributes.has(item));
      if (rev && c.line === "5.2" && rev.field.relation?.kind === "fk") {
        out.push(finding(c, "admin.E109", `The value of '${label}' must not be a many-to-many field or a reverse foreign key.`, e, { option: "list_display" }));
      }
      return;
    }
    if (item.includes("__") && c.line === "5.2") return; // related lookups: get_fields_from_path, not judged
    const msg =
      c.line === "5.2"
        ? `The value of '${label}' refers to '${item}', which is not a callable or attribute of '${c.admin.name}', or an attribute, method, or field on '${c.model.label}'.`
        : `The value of '${label}' refers to '${item}', which is not a callable, an attribute of '${c.admin.name}', or an attribute or method on '${c.model.label}'.`;
    out.push(finding(c, "admin.E108", msg, e, { option: "list_display", name: item }));
  });
  return out;
}

function listDisplayLinks(c: Ctx): Found[] {
  const links = items(c, "list_display_links");
  if (!links || c.admin.methods.has("get_list_display")) return [];
  const ld = c.admin.options.has("list_display") ? items(c, "list_display") : null;
  // Items that are functions can never equal a string; anything else not literal: no claim.
  const summary = c.project.index.summary(c.admin.options.get("list_display")?.location.file ?? c.admin.file);
  const isFunction = (e: Expr) => e.kind === "name" && findBinding(summary?.statements ?? [], e.id)?.kind === "def";
  const display = ld ? ld.filter((e) => !isFunction(e)).map(stringValue) : c.admin.options.has("list_display") ? null : ["__str__"];
  if (!display || display.includes(null)) return [];
  const out: Found[] = [];
  links.forEach((e, i) => {
    const v = stringValue(e);
    if (v !== null && !display.includes(v)) {
      out.push(finding(c, "admin.E111", `The value of 'list_display_links[${i}]' refers to '${v}', which is not defined in 'list_display'.`, e, { option: "list_display_links" }));
    }
  });
  return out;
}

/** get_fields_from_path: true when every piece resolves, false when one does not, null when unsure. */
function fieldPath(c: Ctx, path: string): boolean | null {
  let model: ModelInfo | undefined = c.model;
  const pieces = path.split("__");
  for (const [i, piece] of pieces.entries()) {
    if (!model) return null;
    const gf = getField(c.g, model, piece);
    if (gf.kind === "unknown") return null;
    if (gf.kind === "missing") return false;
    if (i === pieces.length - 1) return true;
    if (gf.kind === "reverse") model = gf.model;
    else if (gf.field.relation) {
      model = c.g.target(gf.field);
      if (!model) return null;
    } else return false; // NotRelationField
  }
  return true;
}

function listFilter(c: Ctx): Found[] {
  const out: Found[] = [];
  (items(c, "list_filter") ?? []).forEach((e, i) => {
    const v = stringValue(e);
    if (v === null) return;
    if (fieldPath(c, v) === false) {
      out.push(finding(c, "admin.E116", `The value of 'list_filter[${i}]' refers to '${v}', which does not refer to a Field.`, e, { option: "list_filter", name: v }));
    }
  });
  return out;
}

const missingField = (c: Ctx, id: string, label: string, field: string, e: Expr, option: string): Found =>
  finding(c, id, `The value of '${label}' refers to '${field}', which is not a field of '${c.model.label}'.`, e, { option, name: field });

function ordering(c: Ctx): Found[] {
  const list = items(c, "ordering");
  if (!list) return [];
  const out: Found[] = [];
  list.forEach((e, i) => {
    const v = stringValue(e);
    if (v === "?" && list.length !== 1) out.push(finding(c, "admin.E032", "The value of 'ordering' has the random ordering marker '?', but contains other fields as well.", e));
    if (v === null || v === "?" || v.includes("__")) return;
    const name = v.replace(/^-/, "");
    if (name === "pk") return;
    if (getField(c.g, c.model, name).kind === "missing") out.push(missingField(c, "admin.E033", `ordering[${i}]`, name, e, "ordering"));
  });
  return out;
}

function readonlyFields(c: Ctx): Found[] {
  const out: Found[] = [];
  (items(c, "readonly_fields") ?? []).forEach((e, i) => {
    const v = stringValue(e);
    if (v === null || adminHas(c, v)) return;
    const has = modelHasAttr(c.g, c.model, v, c.line);
    if (has !== false || getField(c.g, c.model, v).kind !== "missing") return;
    const msg =
      c.line === "5.2"
        ? `The value of 'readonly_fields[${i}]' refers to '${v}', which is not a callable, an attribute of '${c.admin.name}', or an attribute of '${c.model.label}'.`
        : `The value of 'readonly_fields[${i}]' is not a callable, an attribute of '${c.admin.name}', or an attribute of '${c.model.label}'.`;
    out.push(finding(c, "admin.E035", msg, e, { option: "readonly_fields", name: v }));
  });
  return out;
}

function rawIdFields(c: Ctx): Found[] {
  const out: Found[] = [];
  (items(c, "raw_id_fields") ?? []).forEach((e, i) => {
    const v = stringValue(e);
    if (v === null) return;
    const label = `raw_id_fields[${i}]`;
    const gf = getField(c.g, c.model, v);
    if (gf.kind === "unknown") return;
    if (gf.kind === "missing" || (gf.kind === "field" && gf.field.name !== v)) out.push(missingField(c, "admin.E002", label, v, e, "raw_id_fields"));
    else if (gf.kind === "reverse" ? !gf.manyToMany : !gf.field.relation) {
      out.push(finding(c, "admin.E003", `The value of '${label}' must be a foreign key or a many-to-many field.`, e, { option: "raw_id_fields" }));
    }
  });
  return out;
}

function autocompleteFields(c: Ctx): Found[] {
  const out: Found[] = [];
  (items(c, "autocomplete_fields") ?? []).forEach((e, i) => {
    const v = stringValue(e);
    if (v === null) return;
    const label = `autocomplete_fields[${i}]`;
    const gf = getField(c.g, c.model, v);
    if (gf.kind === "unknown") return;
    if (gf.kind === "missing") return void out.push(missingField(c, "admin.E037", label, v, e, "autocomplete_fields"));
    const isRel = gf.kind === "reverse" ? gf.manyToMany : !!gf.field.relation;
    if (!isRel) return void out.push(finding(c, "admin.E038", `The value of '${label}' must be a foreign key or a many-to-many field.`, e, { option: "autocomplete_fields" }));
    if (gf.kind !== "field" || !c.complete) return;
    const target = c.g.target(gf.field);
    if (!target) return;
    const reg = c.regs.find((r) => r.model.kind === "model" && r.model.model === target);
    const builtin = adminRegistry(c.project).builtin.get(target.label.toLowerCase());
    if (!reg && !builtin) {
      out.push(finding(c, "admin.E039", `An admin for model "${target.name}" has to be registered to be referenced by ${c.admin.name}.autocomplete_fields.`, e));
      return;
    }
    if (builtin || !reg || reg.admin === "unknown") return;
    const relatedAdmin = reg.admin;
    if (relatedAdmin && !relatedAdmin.known) return;
    const sf = relatedAdmin?.options.get("search_fields");
    const empty = !sf || ((sf.expr.kind === "list" || sf.expr.kind === "tuple") && sf.expr.elts.length === 0);
    if (empty) {
      out.push(
        finding(c, "admin.E040", `${relatedAdmin ? relatedAdmin.name : "ModelAdmin"} must define "search_fields", because it's referenced by ${c.admin.name}.autocomplete_fields.`, e),
      );
    }
  });
  return out;
}

/** Field names inside a `fields` value, flattening nested tuples; null when not literal. */
function flatten(e: Expr): string[] | null {
  if (e.kind !== "list" && e.kind !== "tuple") return null;
  const out: string[] = [];
  for (const x of e.elts) {
    const s = stringValue(x);
    if (s !== null) out.push(s);
    else {
      const inner = flatten(x);
      if (!inner) return null;
      out.push(...inner);
    }
  }
  return out;
}

function fieldsAndFieldsets(c: Ctx): Found[] {
  const out: Found[] = [];
  const fields = c.admin.options.get("fields");
  const fieldsets = c.admin.options.get("fieldsets");
  const isNone = (e: Expr) => e.kind === "const" && e.value === null;
  const both = !!fields && !!fieldsets && !isNone(fields.expr) && !isNone(fieldsets.expr);
  if (both) out.push(finding(c, "admin.E005", "Both 'fieldsets' and 'fields' are specified."));
  // _check_fields stops at E005: duplicates in `fields` are only reported without fieldsets.
  if (fields && !isNone(fields.expr) && !both) {
    const names = flatten(fields.expr);
    if (names && new Set(names).size !== names.length) out.push(finding(c, "admin.E006", "The value of 'fields' contains duplicate field(s)."));
  }
  if (fieldsets && (fieldsets.expr.kind === "list" || fieldsets.expr.kind === "tuple")) {
    const seen: string[] = [];
    for (const [i, fs] of fieldsets.expr.elts.entries()) {
      if ((fs.kind !== "list" && fs.kind !== "tuple") || fs.elts.length !== 2 || fs.elts[1].kind !== "dict") return out;
      const f = fs.elts[1].items.find((it) => it.key && stringValue(it.key) === "fields");
      const names = f ? flatten(f.value) : null;
      if (!names) return out;
      if (new Set(names).size !== names.length || names.some((n) => seen.includes(n))) {
        out.push(finding(c, "admin.E012", `There are duplicate field(s) in 'fieldsets[${i}][1]'.`));
      }
      seen.push(...names);
    }
  }
  return out;
}

function searchFields(c: Ctx): Found[] {
  const o = c.admin.options.get("search_fields");
  if (!o || !["str", "num", "const", "dict", "set"].includes(o.expr.kind)) return [];
  return [finding(c, "admin.E126", "The value of 'search_fields' must be a list or tuple.")];
}

function adminFindings(project: DjangoProject): Found[] {
  return project.index.memo(`adminChecks:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const reg = adminRegistry(project);
    const g = modelGraph(project);
    const line = project.djangoVersion().major >= 5 ? "5.2" : "4.2";
    const out: Found[] = [];
    for (const r of reg.registrations) {
      if (r.model.kind !== "model" || !r.admin || r.admin === "unknown" || !r.admin.known || !r.admin.isModelAdmin) continue;
      if (r.model.model.swappedBy || r.model.model.origin !== "workspace" || !fullyVisible(g, r.model.model)) continue;
      const c: Ctx = { project, g, admin: r.admin, model: r.model.model, line, regs: reg.registrations, complete: reg.complete };
      out.push(
        ...listDisplay(c),
        ...listDisplayLinks(c),
        ...listFilter(c),
        ...ordering(c),
        ...readonlyFields(c),
        ...rawIdFields(c),
        ...autocompleteFields(c),
        ...fieldsAndFieldsets(c),
        ...searchFields(c),
      );
    }
    return out;
  });
}

function adminRule(id: string, description: string) {
  return modelRule(id, "error", description, (project) => adminFindings(project).filter((f) => f.id === id).map((f) => f.raw));
}

export const ADMIN_CHECK_RULES = [
  adminRule("admin.E002", "raw_id_fields names a field the model does not have."),
  adminRule("admin.E003", "raw_id_fields names a field that is not a foreign key or many-to-many field."),
  adminRule("admin.E005", "Both fieldsets and fields are specified."),
  adminRule("admin.E006", "fields contains duplicates."),
  adminRule("admin.E012", "fieldsets contain duplicate fields."),
  adminRule("admin.E032", "ordering mixes the random marker '?' with fields."),
  adminRule("admin.E033", "ordering names a field the model does not have."),
  adminRule("admin.E035", "readonly_fields names something that is neither a callable nor an attribute."),
  adminRule("admin.E037", "autocomplete_fields names a field the model does not have."),
  adminRule("admin.E038", "autocomplete_fields names a field that is not a foreign key or many-to-many field."),
  adminRule("admin.E039", "autocomplete_fields refers to a model without a registered admin."),
  adminRule("admin.E040", "The related admin of an autocomplete field lacks search_fields."),
  adminRule("admin.E108", "list_display names something that is neither a field, a callable nor an attribute."),
  adminRule("admin.E109", "list_display names a many-to-many field (or a reverse foreign key)."),
  adminRule("admin.E111", "list_display_links names something not in list_display."),
  adminRule("admin.E116", "list_filter names something that is not a field."),
  adminRule("admin.E126", "search_fields must be a list or tuple."),
];
