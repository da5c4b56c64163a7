// Options of ForeignKey and ManyToManyField that Django's checks reject or ignore:
// on_delete=SET_NULL without null (fields.E320), SET_DEFAULT without a default (E321),
// ForeignKey(unique=True) (W342), and on ManyToManyField: unique (E330), null (W340),
// validators (W341), related_name on a symmetrical relation (W345), db_comment (W346).
import { dottedName } from "../../python/exprUtil";
import { NOT_STATIC, literal } from "../models/literal";
import { isSymmetrical } from "../models/graph";
import { resolveExprDirect } from "../models/names";
import { fieldFinding } from "./modelsShared";
import { localRelationRule } from "./relations";

const DELETION = /^django\.db\.models(\.deletion)?\.(SET_NULL|SET_DEFAULT|CASCADE|PROTECT|RESTRICT|DO_NOTHING)$/;

export const setNullNotNullable = localRelationRule("fields.E320", "error", "on_delete=SET_NULL on a field that cannot be null.", (_m, f, project) => {
  if (f.relation!.kind === "m2m" || f.dynamicArgs) return null;
  const od = f.params.get("on_delete");
  // Resolve only what reads as SET_NULL: name resolution is the costly part on large projects.
  if (!od || !f.location || !/SET_NULL$/.test(dottedName(od) ?? "")) return null;
  const t = resolveExprDirect(project, f.location.file, od);
  if (t.kind !== "external" || DELETION.exec(t.path)?.[2] !== "SET_NULL") return null;
  const nul = f.params.get("null");
  const v = nul ? literal(nul) : false;
  if (v === NOT_STATIC || v) return null;
  return fieldFinding(f, "Field specifies on_delete=SET_NULL, but cannot be null.", { fix: "null" });
});

export const setDefaultNoDefault = localRelationRule("fields.E321", "error", "on_delete=SET_DEFAULT on a field without a default.", (_m, f, project) => {
  if (f.relation!.kind === "m2m" || f.dynamicArgs || f.params.has("default")) return null;
  const od = f.params.get("on_delete");
  if (!od || !f.location || !/SET_DEFAULT$/.test(dottedName(od) ?? "")) return null;
  const t = resolveExprDirect(project, f.location.file, od);
  if (t.kind !== "external" || DELETION.exec(t.path)?.[2] !== "SET_DEFAULT") return null;
  return fieldFinding(f, "Field specifies on_delete=SET_DEFAULT, but has no default value.");
});

export const uniqueForeignKey = localRelationRule("fields.W342", "warning", "ForeignKey(unique=True) is usually better served by a OneToOneField.", (_m, f) => {
  if (f.relation!.kind !== "fk") return null;
  const u = f.params.get("unique");
  return u && literal(u) === true ? fieldFinding(f, "Setting unique=True on a ForeignKey has the same effect as using a OneToOneField.") : null;
});

/** A ManyToManyField option check: `test` returns true when Django reports it. */
function m2mRule(id: string, severity: "error" | "warning", message: string, test: (f: import("../models/types").FieldInfo, m: import("../models/types").ModelInfo) => boolean) {
  return localRelationRule(id, severity, message, (m, f) => (f.relation!.kind === "m2m" && test(f, m) ? fieldFinding(f, message) : null));
}

const truthyLiteral = (e: import("../../python/types").Expr | undefined): boolean => {
  if (!e) return false;
  if (e.kind === "list" || e.kind === "tuple") return e.elts.length > 0;
  const v = literal(e);
  if (v === NOT_STATIC) return false;
  return Array.isArray(v) ? v.length > 0 : !!v;
};

export const RELATION_OPTION_RULES = [
  setNullNotNullable,
  setDefaultNoDefault,
  uniqueForeignKey,
  m2mRule("fields.E330", "error", "ManyToManyFields cannot be unique.", (f) => truthyLiteral(f.params.get("unique"))),
  m2mRule("fields.W340", "warning", "null has no effect on ManyToManyField.", (f) => f.params.has("null")),
  m2mRule("fields.W341", "warning", "ManyToManyField does not support validators.", (f) => truthyLiteral(f.params.get("validators"))),
  m2mRule(
    "fields.W345",
    "warning",
    'related_name has no effect on ManyToManyField with a symmetrical relationship, e.g. to "self".',
    (f, m) => isSymmetrical(m, f) === true && truthyLiteral(f.params.get("related_name")),
  ),
  m2mRule("fields.W346", "warning", "db_comment has no effect on ManyToManyField.", (f) => truthyLiteral(f.params.get("db_comment"))),
];
