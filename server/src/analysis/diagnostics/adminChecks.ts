// Django's ModelAdmin checks (django/contrib/admin/checks.py) that can be decided statically:
// list_display (admin.E108/E109), list_display_links (E111), list_filter (E116), ordering
// (E032/E033), readonly_fields (E035) here; the change-form options in adminChecksForm.ts.
// Reported on the ModelAdmin class line, as Django's checks name the class; the data carries the
// item's own range for the editor.
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { findBinding } from "../../project/modules";
import { stringValue } from "../../python/exprUtil";
import type { Expr } from "../../python/types";
import { fullyVisible, getField, modelHasAttr } from "../admin/modelLookup";
import { adminFacts, adminFile, adminFiles, modelRef } from "../admin/registrations";
import { type ModelShape, ShapeGraph } from "../models/shapes";
import { autocompleteFields, fieldsAndFieldsets, rawIdFields, searchFields } from "./adminChecksForm";
import { type AdminIndex, type Ctx, type Found, adminHas, finding, items, missingField } from "./adminChecksShared";
import { type Tagged, concatPerItem, groupRule } from "./modelsShared";

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
      if (rev && c.line === "5.2" && rev.kind === "fk") {
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
  let model: ModelShape | undefined = c.model;
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

/** Every registration's admin, by model (for autocomplete_fields), with early cutoff: no positions, no models. */
function adminIndex(project: DjangoProject): AdminIndex {
  return project.index.memo(
    `adminIndex:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const files = adminFiles(project);
      const out: AdminIndex = { complete: files.complete, byModel: new Map(), builtin: files.builtin };
      for (const file of files.files) {
        const f = adminFacts(project, file);
        if (!f.complete) out.complete = false;
        for (const r of f.registrations) if (r.kind === "model" && !out.byModel.has(r.path)) out.byModel.set(r.path, r.admin);
      }
      return out;
    },
    { equals: deepEqual },
  );
}

/** The ModelAdmin checks of one admin module's registrations. */
function adminFileFindings(project: DjangoProject, file: string): Tagged[] {
  const index = adminIndex(project);
  // The registered models are read in full (usually the app's own models module), not as shapes.
  const g = new ShapeGraph(project, [], true);
  const line = project.djangoVersion().major >= 5 ? "5.2" : "4.2";
  const out: Found[] = [];
  for (const r of adminFile(project, file).registrations) {
    if (!r.admin || r.admin === "unknown" || !r.admin.known || !r.admin.isModelAdmin) continue;
    const ref = modelRef(g.labels, r);
    if (ref.kind !== "model") continue;
    const model = g.byPath(ref.path);
    if (!model || model.swappedBy || model.origin !== "workspace" || !fullyVisible(g, model)) continue;
    const c: Ctx = { project, g, admin: r.admin, model, line, index };
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
  return out.map((f) => ({ code: f.id, raw: f.raw }));
}

const adminModules = (project: DjangoProject) => adminFiles(project).files;

/** Every admin module's ModelAdmin findings: one memo per module, concatenated (see concatPerItem). */
function adminFindings(project: DjangoProject): Tagged[] {
  return concatPerItem(project, "adminChecks", adminModules, (file) => file, adminFileFindings);
}

const adminRule = (id: string, description: string) => groupRule(id, "error", description, adminFindings);

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
