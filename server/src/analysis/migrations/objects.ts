// Meta.indexes and Meta.constraints entries as their deconstruct() gives them (django/db/models/
// indexes.py, constraints.py), so `Index(fields=("a",), name="x")` and the migration writer's
// `models.Index(fields=['a'], name='x')` compare equal, as Django's __eq__ would have them.
import type { DjangoLine } from "./fields";
import { type NV, unknowable } from "./values";

const at = (v: DjangoLine, major: number, minor: number) => v.major > major || (v.major === major && v.minor >= minor);

const empty = (v: NV | undefined) => !v || v.t === "none" || ((v.t === "list" || v.t === "tuple") && v.items.length === 0);

export function normaliseObject(v: NV, version: DjangoLine): NV {
  if (v.t !== "call") return unknowable("an index or constraint that is not a call");
  const kw = new Map(v.kwargs);
  const out: [string, NV][] = [];
  const keep = (k: string, val: NV | undefined) => {
    if (val !== undefined) out.push([k, val]);
  };
  const seq = (val: NV | undefined, as: "list" | "tuple"): NV | undefined => {
    if (empty(val)) return undefined;
    if (val && (val.t === "list" || val.t === "tuple")) return { t: as, items: val.items };
    return unknowable("a sequence argument that is not a literal");
  };
  const name = kw.get("name");
  switch (v.path) {
    case "django.db.models.Index": {
      for (const k of kw.keys()) if (!["fields", "name", "db_tablespace", "opclasses", "condition", "include"].includes(k)) unknowable(`Index() got an unexpected keyword argument '${k}'`);
      if (!name || name.t !== "str") return unknowable("an index without a name (Django derives one from a hash)");
      keep("name", name);
      keep("fields", seq(kw.get("fields"), "list"));
      if (kw.get("db_tablespace") && kw.get("db_tablespace")?.t !== "none") keep("db_tablespace", kw.get("db_tablespace"));
      keep("opclasses", seq(kw.get("opclasses"), "list"));
      if (!empty(kw.get("condition"))) keep("condition", kw.get("condition"));
      keep("include", seq(kw.get("include"), "tuple"));
      break;
    }
    case "django.db.models.UniqueConstraint":
    case "django.db.models.CheckConstraint": {
      if (!name || name.t !== "str") return unknowable("a constraint without a name");
      const allowed = ["name", "violation_error_message"];
      if (at(version, 5, 0)) allowed.push("violation_error_code");
      if (v.path === "django.db.models.UniqueConstraint") {
        allowed.push("fields", "condition", "deferrable", "include", "opclasses");
        if (at(version, 5, 0)) allowed.push("nulls_distinct");
      } else {
        allowed.push("check");
        if (at(version, 5, 1)) allowed.push("condition");
      }
      for (const k of kw.keys()) if (!allowed.includes(k)) unknowable(`${v.path.split(".").pop()}() got an unexpected keyword argument '${k}'`);
      keep("name", name);
      const msg = kw.get("violation_error_message");
      if (msg && msg.t !== "none" && !(msg.t === "str" && msg.v === "Constraint “%(name)s” is violated.")) keep("violation_error_message", msg);
      const code = kw.get("violation_error_code");
      if (code && code.t !== "none") keep("violation_error_code", code);
      if (v.path === "django.db.models.UniqueConstraint") {
        keep("fields", seq(kw.get("fields"), "tuple"));
        if (!empty(kw.get("condition"))) keep("condition", kw.get("condition"));
        if (kw.get("deferrable") && kw.get("deferrable")?.t !== "none") keep("deferrable", kw.get("deferrable"));
        keep("include", seq(kw.get("include"), "tuple"));
        keep("opclasses", seq(kw.get("opclasses"), "tuple"));
        if (kw.get("nulls_distinct") && kw.get("nulls_distinct")?.t !== "none") keep("nulls_distinct", kw.get("nulls_distinct"));
      } else {
        const cond = kw.get("condition") ?? kw.get("check");
        if (!cond) return unknowable("CheckConstraint without a condition");
        keep(at(version, 5, 1) ? "condition" : "check", cond);
      }
      break;
    }
    default:
      return unknowable(`${v.path} in Meta`);
  }
  out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { t: "call", path: v.path, args: v.args, kwargs: out };
}

/** Constraint attributes that change no database object (5.2's AlterConstraint). */
export const NON_DB_ATTRS = ["violation_error_code", "violation_error_message"];
