// DecimalField's checks (fields.E130–E134). Django converts with int(), so "2" and 2.5 pass; we
// mirror int() on literals and make no claim about anything computed.
import type { Expr } from "../../python/types";
import type { FieldInfo } from "../models/types";
import { arg } from "./fieldsChecks";
import { LOCAL_CHECKS, declaredFields, fieldFinding, groupRule, modelsFileFindings, tag } from "./modelsShared";

/** Python's int(x) on a literal: a number, "type" (TypeError: None/absent), "value" (ValueError) or "unknown". */
function pyInt(e: Expr | null | undefined): number | "type" | "value" | "unknown" {
  if (e === undefined) return "unknown";
  if (e === null) return "type";
  if (e.kind === "const") return e.value === null ? "type" : e.value ? 1 : 0;
  if (e.kind === "num") return /[jJ]$/.test(e.raw) ? "type" : Math.trunc(e.value);
  if (e.kind === "unary" && e.op === "-" && e.operand.kind === "num") return -Math.trunc(e.operand.value);
  if (e.kind === "str" && e.exact && !e.bytes) return /^\s*[+-]?\d+\s*$/.test(e.value) ? parseInt(e.value, 10) : "value";
  if (e.kind === "list" || e.kind === "tuple" || e.kind === "dict") return "type";
  return "unknown";
}

type Problem = { id: string; message: string };

/** The findings Django's DecimalField.check() gives, in its order. */
export function decimalProblems(f: FieldInfo): Problem[] | null {
  const places = pyInt(arg(f, "decimal_places"));
  const digits = pyInt(arg(f, "max_digits"));
  if (places === "unknown" || digits === "unknown") return null;
  const out: Problem[] = [];
  if (places === "type") out.push({ id: "fields.E130", message: "DecimalFields must define a 'decimal_places' attribute." });
  else if (places === "value" || places < 0) out.push({ id: "fields.E131", message: "'decimal_places' must be a non-negative integer." });
  if (digits === "type") out.push({ id: "fields.E132", message: "DecimalFields must define a 'max_digits' attribute." });
  else if (digits === "value" || digits <= 0) out.push({ id: "fields.E133", message: "'max_digits' must be a positive integer." });
  if (out.length === 0 && typeof places === "number" && typeof digits === "number" && places > digits) {
    out.push({ id: "fields.E134", message: "'max_digits' must be greater or equal to 'decimal_places'." });
  }
  return out;
}

LOCAL_CHECKS.push((_project, m, out) => {
  for (const f of declaredFields(m)) {
    if (!f.exactDjango || !f.django || !(f.django.name === "DecimalField" || f.django.bases.some((b) => b.endsWith(".DecimalField")))) continue;
    for (const p of decimalProblems(f) ?? []) tag(out, p.id, fieldFinding(f, p.message, { fix: "decimal" }));
  }
});

const decimalRule = (id: string, description: string) => groupRule(id, "error", description, modelsFileFindings);

export const DECIMAL_RULES = [
  decimalRule("fields.E130", "DecimalFields must define a 'decimal_places' attribute."),
  decimalRule("fields.E131", "'decimal_places' must be a non-negative integer."),
  decimalRule("fields.E132", "DecimalFields must define a 'max_digits' attribute."),
  decimalRule("fields.E133", "'max_digits' must be a positive integer."),
  decimalRule("fields.E134", "'max_digits' must be greater or equal to 'decimal_places'."),
];
