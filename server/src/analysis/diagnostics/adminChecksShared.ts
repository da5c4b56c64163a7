// Shared by the ModelAdmin check modules: the context of one registration (a ModelAdmin class
// with its model), and findings on the ModelAdmin's class line carrying the offending item.
import type { DjangoProject } from "../../project/project";
import type { Expr, Location } from "../../python/types";
import type { AdminClass } from "../admin/adminClass";
import type { ModelShape, ShapeGraph } from "../models/shapes";
import { nearestName as closest } from "../models/suggest";
import { DJANGO_ATTRIBUTES } from "../admin/djangoAttributes.generated";
import type { Raw } from "./modelsShared";

/** What the admin checks know of every registration on the default site, by model path (first wins). */
export interface AdminIndex {
  complete: boolean;
  /** The admin of the first registration of each model: "unknown", null (the default ModelAdmin), or its class. */
  byModel: Map<string, "unknown" | null | { name: string; known: boolean; searchFieldsEmpty: boolean }>;
  builtin: Map<string, { admin: string; searchFields: boolean }>;
}

export interface Ctx {
  project: DjangoProject;
  g: ShapeGraph;
  admin: AdminClass;
  model: ModelShape;
  line: "5.2" | "4.2";
  index: AdminIndex;
}

export type Found = { id: string; raw: Raw };

export function finding(c: Ctx, id: string, message: string, item?: Expr, data?: Record<string, unknown>): Found {
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
export function items(c: Ctx, name: string): Expr[] | null {
  const o = c.admin.options.get(name);
  if (!o) return null;
  return o.expr.kind === "list" || o.expr.kind === "tuple" ? o.expr.elts : null;
}

export const adminHas = (c: Ctx, name: string) => c.admin.attributes.has(name) || (DJANGO_ATTRIBUTES[c.line]?.modelAdmin ?? []).includes(name);

export const missingField = (c: Ctx, id: string, label: string, field: string, e: Expr, option: string): Found =>
  finding(c, id, `The value of '${label}' refers to '${field}', which is not a field of '${c.model.label}'.`, e, { option, name: field });

