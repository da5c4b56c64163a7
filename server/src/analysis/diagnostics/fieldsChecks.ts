// Django's field system checks (django/db/models/fields/__init__.py and files.py), for fields whose
// class is exactly one of Django's: a workspace subclass may set defaults in its __init__ or
// override check(), and a third-party class is opaque. A value that is not a literal is no claim.
import type { DjangoProject } from "../../project/project";
import type { Expr } from "../../python/types";
import { type Literal, NOT_STATIC, intValue, literal } from "../models/literal";
import type { FieldInfo } from "../models/types";
import { LOCAL_CHECKS, type Raw, declaredFields, defaultBackend, fieldFinding, groupRule, modelsFileFindings, tag } from "./modelsShared";
import type { Rule, Severity } from "./types";

/** An argument's expression; `null` when certainly absent, undefined when `**kwargs` may hide it. */
export function arg(f: FieldInfo, name: string): Expr | null | undefined {
  const e = f.params.get(name);
  if (e) return e;
  return f.dynamicArgs ? undefined : null;
}

/** A rule over each checked, exactly-Django field. */
function fieldRule(code: string, severity: Severity, description: string, fn: (f: FieldInfo, project: DjangoProject) => Raw | null | (Raw | null)[]): Rule {
  LOCAL_CHECKS.push((project, m, out) => {
    for (const f of declaredFields(m)) {
      if (!f.exactDjango || !f.django) continue;
      const r = fn(f, project);
      if (Array.isArray(r)) for (const x of r) tag(out, code, x);
      else tag(out, code, r);
    }
  });
  return groupRule(code, severity, description, modelsFileFindings);
}

const isA = (f: FieldInfo, base: string) => !!f.django && (f.django.name === base || f.django.bases.some((b) => b.endsWith(`.${base}`)));

export const fieldNameEndsWithUnderscore = fieldRule("fields.E001", "error", "Field names must not end with an underscore.", (f) =>
  f.name.endsWith("_") ? fieldFinding(f, "Field names must not end with an underscore.") : null,
);

export const fieldNameDoubleUnderscore = fieldRule("fields.E002", "error", 'Field names must not contain "__".', (f) =>
  !f.name.endsWith("_") && f.name.includes("__") ? fieldFinding(f, 'Field names must not contain "__".') : null,
);

export const fieldNamePk = fieldRule("fields.E003", "error", "'pk' is a reserved word that cannot be used as a field name.", (f) =>
  f.name === "pk" ? fieldFinding(f, "'pk' is a reserved word that cannot be used as a field name.") : null,
);

function isIterable(v: Literal): boolean {
  return typeof v === "string" || Array.isArray(v) || (v !== null && typeof v === "object");
}
const isValue = (v: Literal) => typeof v === "string" || !isIterable(v);

/** Django's _check_choices over a literal: "E004", "E005", ["E009", n] or null. */
export function choicesProblem(choices: Literal, maxLength: number | null): "E004" | "E005" | ["E009", number] | null {
  if (!choices || (Array.isArray(choices) && choices.length === 0)) return null;
  if (!isIterable(choices) || typeof choices === "string") return "E004";
  if (!Array.isArray(choices)) return null; // a mapping: normalised differently per version, no claim
  let longest = 0;
  for (const group of choices) {
    if (typeof group === "string") return "E005"; // choices=['ab'] special case, and non-pairs
    if (!Array.isArray(group) || group.length !== 2) return "E005";
    const [groupName, groupChoices] = group;
    if (Array.isArray(groupChoices) && groupChoices.every((c) => Array.isArray(c) && c.length === 2)) {
      if (!groupChoices.every((c) => isValue((c as Literal[])[0]) && isValue((c as Literal[])[1]))) return "E005";
      for (const c of groupChoices) if (typeof (c as Literal[])[0] === "string") longest = Math.max(longest, ((c as Literal[])[0] as string).length);
      continue;
    }
    if (Array.isArray(groupChoices) && groupChoices.some((c) => !(Array.isArray(c) && c.length === 2)) && groupChoices.some((c) => Array.isArray(c) && c.length === 2)) {
      return null; // a mix Django would unpack element by element: too subtle to claim
    }
    if (!isValue(groupName) || !isValue(groupChoices)) return "E005";
    if (typeof groupName === "string") longest = Math.max(longest, groupName.length);
  }
  return maxLength !== null && longest > maxLength ? ["E009", longest] : null;
}

function choicesFinding(id: "E004" | "E005" | "E009") {
  return (f: FieldInfo, project: DjangoProject) => {
    const c = arg(f, "choices");
    if (!c) return null;
    const v = literal(c);
    if (v === NOT_STATIC) return null;
    const ml = arg(f, "max_length");
    const maxLength = ml ? (intValue(ml) ?? NaN) : null;
    if (Number.isNaN(maxLength)) return null;
    const r = choicesProblem(v, maxLength);
    const old = project.djangoVersion().major < 5;
    if (r === "E004" && id === "E004") {
      return fieldFinding(f, old ? "'choices' must be an iterable (e.g., a list or tuple)." : "'choices' must be a mapping (e.g. a dictionary) or an iterable (e.g. a list or tuple).");
    }
    if (r === "E005" && id === "E005") {
      return fieldFinding(
        f,
        old
          ? "'choices' must be an iterable containing (actual value, human readable name) tuples."
          : "'choices' must be a mapping of actual values to human readable names or an iterable containing (actual value, human readable name) tuples.",
      );
    }
    if (Array.isArray(r) && id === "E009") return fieldFinding(f, `'max_length' is too small to fit the longest value in 'choices' (${r[1]} characters).`);
    return null;
  };
}

export const choicesNotIterable = fieldRule("fields.E004", "error", "'choices' must be an iterable.", choicesFinding("E004"));
export const choicesNotPairs = fieldRule("fields.E005", "error", "'choices' must contain (value, label) pairs.", choicesFinding("E005"));
export const choicesTooLong = fieldRule("fields.E009", "error", "'max_length' is too small for the longest value in 'choices'.", choicesFinding("E009"));

export const dbIndexValue = fieldRule("fields.E006", "error", "'db_index' must be None, True or False.", (f) => {
  const e = arg(f, "db_index");
  if (!e) return null;
  const v = literal(e);
  return v !== NOT_STATIC && v !== null && v !== true && v !== false ? fieldFinding(f, "'db_index' must be None, True or False.") : null;
});

export const nullPrimaryKey = fieldRule("fields.E007", "error", "Primary keys must not have null=True.", (f, p) => {
  const backend = defaultBackend(p);
  if (!backend || backend.interpretsEmptyStringsAsNulls) return null;
  const pk = arg(f, "primary_key");
  const nul = arg(f, "null");
  return pk && nul && literal(pk) === true && literal(nul) === true ? fieldFinding(f, "Primary keys must not have null=True.") : null;
});

export const mutableDefault = fieldRule("fields.E010", "warning", "JSONField default should be a callable, not an instance shared by every row.", (f) => {
  if (!isA(f, "JSONField")) return null;
  const d = arg(f, "default");
  if (!d || !(["list", "dict", "tuple", "str", "num", "set"].includes(d.kind) || (d.kind === "const" && d.value !== null))) return null;
  return fieldFinding(f, `${f.django!.name} default should be a callable instead of an instance so that it's not shared between all field instances.`);
});

export const autoFieldPrimaryKey = fieldRule("fields.E100", "error", "AutoFields must set primary_key=True.", (f) => {
  if (!isA(f, "AutoField") && !isA(f, "BigAutoField") && !isA(f, "SmallAutoField")) return null;
  const pk = arg(f, "primary_key");
  if (pk === undefined) return null;
  if (pk) {
    const v = literal(pk);
    // Python truthiness: only a literal falsy value is a claim.
    if (v === NOT_STATIC || !(v === false || v === null || v === 0 || v === "" || (Array.isArray(v) && v.length === 0))) return null;
  }
  return fieldFinding(f, "AutoFields must set primary_key=True.");
});

LOCAL_CHECKS.push((p, m, out) => {
  const backend = defaultBackend(p);
  if (!backend || backend.supportsUnlimitedCharfield) return;
  const required = m.meta.get("required_db_features");
  if (required && (required.value === undefined || (Array.isArray(required.value) && required.value.includes("supports_unlimited_charfield")))) return;
  for (const f of declaredFields(m)) {
    if (!f.exactDjango || f.django?.name !== "CharField") continue;
    const ml = arg(f, "max_length");
    if (ml === null || (ml && ml.kind === "const" && ml.value === null)) tag(out, "fields.E120", fieldFinding(f, "CharFields must define a 'max_length' attribute.", { fix: "max_length" }));
  }
});
export const charFieldMaxLength = groupRule("fields.E120", "error", "CharFields must define a 'max_length' attribute (where the database needs one).", modelsFileFindings);

export const charFieldMaxLengthValue = fieldRule("fields.E121", "error", "'max_length' must be a positive integer.", (f) => {
  if (!isA(f, "CharField")) return null;
  const ml = arg(f, "max_length");
  if (!ml || (ml.kind === "const" && ml.value === null)) return null;
  const n = intValue(ml);
  const bad = n !== undefined ? n <= 0 : ["str", "const", "list", "tuple", "dict"].includes(ml.kind) || (ml.kind === "num" && n === undefined);
  return bad ? fieldFinding(f, "'max_length' must be a positive integer.") : null;
});

export const integerMaxLength = fieldRule("fields.W122", "warning", "'max_length' is ignored by integer fields.", (f) => {
  if (!isA(f, "IntegerField")) return null;
  const ml = arg(f, "max_length");
  if (!ml || (ml.kind === "const" && ml.value === null) || literal(ml) === NOT_STATIC) return null;
  return fieldFinding(f, `'max_length' is ignored when used with ${f.django!.name}.`);
});

export const dateOptionsExclusive = fieldRule("fields.E160", "error", "auto_now, auto_now_add and default are mutually exclusive.", (f) => {
  if (!isA(f, "DateField") && !isA(f, "TimeField")) return null;
  let enabled = 0;
  for (const name of ["auto_now", "auto_now_add"]) {
    const e = arg(f, name);
    if (e === undefined) return null;
    if (!e) continue;
    const v = literal(e);
    if (v === NOT_STATIC) return null;
    if (v !== null && v !== false) enabled++;
  }
  const d = arg(f, "default");
  if (d === undefined) return null;
  if (d) enabled++;
  return enabled > 1 ? fieldFinding(f, "The options auto_now, auto_now_add, and default are mutually exclusive. Only one of these options may be present.") : null;
});

export const binaryStringDefault = fieldRule("fields.E170", "error", "BinaryField's default cannot be a string.", (f) => {
  if (!isA(f, "BinaryField")) return null;
  const d = arg(f, "default");
  return d && d.kind === "str" && !d.bytes ? fieldFinding(f, "BinaryField's default cannot be a string. Use bytes content instead.") : null;
});

export const filePrimaryKey = fieldRule("fields.E201", "error", "'primary_key' is not a valid argument for a FileField.", (f) => (isA(f, "FileField") && arg(f, "primary_key") ? fieldFinding(f, `'primary_key' is not a valid argument for a ${f.django!.name}.`) : null),
);

export const fileAbsoluteUploadTo = fieldRule("fields.E202", "error", "FileField's 'upload_to' must be a relative path.", (f) => {
  if (!isA(f, "FileField")) return null;
  const u = arg(f, "upload_to");
  return u && u.kind === "str" && u.exact && u.value.startsWith("/")
    ? fieldFinding(f, `${f.django!.name}'s 'upload_to' argument must be a relative path, not an absolute path.`)
    : null;
});

/** Removed field classes (IPAddressField, CommaSeparatedIntegerField, NullBooleanField): one rule per Django ID. */
function removedField(id: string, className: string) {
  return fieldRule(id, "error", `${className} has been removed except for support in historical migrations.`, (f) =>
    f.django?.removed === id ? fieldFinding(f, f.django.removedMsg ?? `${className} has been removed except for support in historical migrations.`) : null,
  );
}
export const removedIPAddressField = removedField("fields.E900", "IPAddressField");
export const removedCommaSeparatedIntegerField = removedField("fields.E901", "CommaSeparatedIntegerField");
export const removedNullBooleanField = removedField("fields.E903", "NullBooleanField");

export const FIELD_RULES = [
  fieldNameEndsWithUnderscore,
  fieldNameDoubleUnderscore,
  fieldNamePk,
  choicesNotIterable,
  choicesNotPairs,
  dbIndexValue,
  nullPrimaryKey,
  choicesTooLong,
  mutableDefault,
  autoFieldPrimaryKey,
  charFieldMaxLength,
  charFieldMaxLengthValue,
  integerMaxLength,
  dateOptionsExclusive,
  binaryStringDefault,
  filePrimaryKey,
  fileAbsoluteUploadTo,
  removedIPAddressField,
  removedCommaSeparatedIntegerField,
  removedNullBooleanField,
];
