// ModelAdmin checks on the change form's options: raw_id_fields (admin.E002/E003),
// autocomplete_fields (E037–E040), fields/fieldsets (E005, E006, E012) and search_fields (E126).
import { stringValue } from "../../python/exprUtil";
import type { Expr } from "../../python/types";
import { getField } from "../admin/modelLookup";
import { type Ctx, type Found, finding, items, missingField } from "./adminChecksShared";

export function rawIdFields(c: Ctx): Found[] {
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

export function autocompleteFields(c: Ctx): Found[] {
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
    if (gf.kind !== "field" || !c.index.complete) return;
    const target = c.g.target(gf.field);
    if (!target) return;
    const reg = c.index.byModel.get(target.path);
    const builtin = c.index.builtin.get(target.label.toLowerCase());
    if (reg === undefined && !builtin) {
      out.push(finding(c, "admin.E039", `An admin for model "${target.name}" has to be registered to be referenced by ${c.admin.name}.autocomplete_fields.`, e));
      return;
    }
    if (builtin || reg === undefined || reg === "unknown") return;
    const relatedAdmin = reg;
    if (relatedAdmin && !relatedAdmin.known) return;
    if (!relatedAdmin || relatedAdmin.searchFieldsEmpty) {
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

export function fieldsAndFieldsets(c: Ctx): Found[] {
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

export function searchFields(c: Ctx): Found[] {
  const o = c.admin.options.get("search_fields");
  if (!o || !["str", "num", "const", "dict", "set"].includes(o.expr.kind)) return [];
  return [finding(c, "admin.E126", "The value of 'search_fields' must be a list or tuple.")];
}

