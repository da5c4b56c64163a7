// Replays migration operations into a ProjectState, as each operation's state_forwards() does.
// RunPython and plain RunSQL change no state; SeparateDatabaseAndState and RunSQL contribute their
// state_operations. An operation we cannot read marks its model (or the app) unknown.
import { dottedName } from "../../python/exprUtil";
import type { CallExpr, Expr } from "../../python/types";
import { type DjangoLine, type RelationContext, deconstructField, lowerLabel } from "./fields";
import type { MigrationInfo } from "./loader";
import { type ModelState, ProjectState, cloneModel, normaliseTogether, objectName } from "./state";
import { type EvalContext, type NV, Unknowable, evaluate, unknowable } from "./values";
import { normaliseObject } from "./objects";

const PARAMS: Record<string, string[]> = {
  CreateModel: ["name", "fields", "options", "bases", "managers"],
  DeleteModel: ["name"],
  RenameModel: ["old_name", "new_name"],
  AlterModelTable: ["name", "table"],
  AlterModelTableComment: ["name", "table_comment"],
  AlterUniqueTogether: ["name", "unique_together"],
  AlterIndexTogether: ["name", "index_together"],
  AlterModelOptions: ["name", "options"],
  AlterModelManagers: ["name", "managers"],
  AlterOrderWithRespectTo: ["name", "order_with_respect_to"],
  AddField: ["model_name", "name", "field", "preserve_default"],
  RemoveField: ["model_name", "name"],
  AlterField: ["model_name", "name", "field", "preserve_default"],
  RenameField: ["model_name", "old_name", "new_name"],
  AddIndex: ["model_name", "index"],
  RemoveIndex: ["model_name", "name"],
  RenameIndex: ["model_name", "new_name", "old_name", "old_fields"],
  AddConstraint: ["model_name", "constraint"],
  RemoveConstraint: ["model_name", "name"],
  AlterConstraint: ["model_name", "name", "constraint"],
  SeparateDatabaseAndState: ["database_operations", "state_operations"],
  RunSQL: ["sql", "reverse_sql", "state_operations", "hints", "elidable"],
  RunPython: ["code", "reverse_code", "atomic", "hints", "elidable"],
};

export const ALTER_OPTION_KEYS = [
  "base_manager_name", "default_manager_name", "default_related_name", "get_latest_by", "managed", "ordering",
  "permissions", "default_permissions", "select_on_save", "verbose_name", "verbose_name_plural",
];

export interface ReplayResult {
  state: ProjectState;
  /** Apps whose state could not be fully replayed, with the reason. */
  unknownApps: Map<string, string>;
}

export function migrationRelations(app: string, state: ProjectState): RelationContext {
  return {
    modelLabel(ref) {
      if (ref.t !== "str") return null;
      return lowerLabel(ref.v.includes(".") ? ref.v : `${app}.${ref.v}`);
    },
    pkName(label) {
      const [a, m] = label.split(".");
      const target = state.get(a, m);
      if (!target) return "id";
      for (const [n, f] of target.fields) if (f.kwargs.primary_key?.t === "bool" && f.kwargs.primary_key.v) return n;
      return "id";
    },
  };
}

export function replay(plan: MigrationInfo[], version: DjangoLine): ReplayResult {
  const state = new ProjectState();
  const unknownApps = new Map<string, string>();
  for (const m of plan) {
    if (m.unknown && !unknownApps.has(m.app)) unknownApps.set(m.app, m.unknown);
    if (!m.ctx) continue;
    for (const op of m.operations) {
      try {
        applyOperation(op, m, m.ctx, state, version);
      } catch (err) {
        const why = err instanceof Unknowable ? err.reason : String(err);
        if (!unknownApps.has(m.app)) unknownApps.set(m.app, `${m.name}: ${why}`);
      }
    }
  }
  return { state, unknownApps };
}

function bind(call: CallExpr, params: string[]): Map<string, Expr> {
  const out = new Map<string, Expr>();
  call.args.forEach((a, i) => {
    if (i >= params.length || a.kind === "starred") unknowable("unexpected positional argument");
    out.set(params[i], a);
  });
  for (const kw of call.keywords) out.set(kw.name, kw.value);
  return out;
}

function strArg(args: Map<string, Expr>, name: string, ctx: EvalContext): string {
  const e = args.get(name);
  const v = e ? evaluate(e, ctx) : null;
  if (v?.t !== "str") return unknowable(`${name} is not a string`);
  return v.v;
}

function model(state: ProjectState, app: string, name: string): ModelState {
  const m = state.get(app, name);
  if (!m) return unknowable(`no model ${app}.${name} in the migration state`);
  const copy = cloneModel(m);
  state.set(copy);
  return copy;
}

export function applyOperation(op: Expr, mig: MigrationInfo, ctx: EvalContext, state: ProjectState, version: DjangoLine): void {
  if (op.kind !== "call") return unknowable("an operation that is not a call");
  const callee = dottedName(op.func);
  const full = callee ? ctx.resolve(callee) : null;
  const kind = full?.replace(/^django\.db\.migrations(\.operations(\.\w+)?)?\./, "") ?? "";
  const params = PARAMS[kind];
  if (!params || !full?.startsWith("django.db.migrations")) return unknowable(`operation ${callee ?? "?"}`);
  const args = bind(op, params);
  const app = mig.app;
  const rel = migrationRelations(app, state);
  const field = (e: Expr | undefined): ReturnType<typeof deconstructField> => {
    if (!e || e.kind !== "call") return unknowable("a field that is not a call");
    const cls = dottedName(e.func);
    const path = cls ? ctx.resolve(cls) : null;
    if (!path) return unknowable(`field class ${cls}`);
    if (e.args.some((a) => a.kind === "starred")) unknowable("field with *args");
    return deconstructField(
      path.replace(/^django\.db\.models\.fields(\.\w+)?\./, "django.db.models."),
      e.args.map((a) => evaluate(a, ctx)),
      e.keywords.map((k) => [k.name, evaluate(k.value, ctx)] as [string, NV]),
      version,
      rel,
    );
  };
  switch (kind) {
    case "CreateModel": {
      const name = strArg(args, "name", ctx);
      const fieldsExpr = args.get("fields");
      if (!fieldsExpr || (fieldsExpr.kind !== "list" && fieldsExpr.kind !== "tuple")) return unknowable("CreateModel fields");
      const m: ModelState = { app, name, fields: new Map(), options: new Map(), indexes: [], constraints: [], managers: [], bases: [] };
      for (const f of fieldsExpr.elts) {
        if (f.kind !== "tuple" || f.elts.length !== 2) return unknowable("a CreateModel field that is not (name, field)");
        const n = evaluate(f.elts[0], ctx);
        if (n.t !== "str") return unknowable("a field name that is not a string");
        m.fields.set(n.v, field(f.elts[1]));
      }
      const opts = args.get("options");
      if (opts) setOptions(m, evaluate(opts, ctx), version);
      const bases = args.get("bases");
      if (bases) m.bases = baseLabels(evaluate(bases, ctx));
      const managers = args.get("managers");
      if (managers) m.managers = managerList(evaluate(managers, ctx));
      state.set(m);
      return;
    }
    case "DeleteModel":
      state.delete(app, strArg(args, "name", ctx));
      return;
    case "RenameModel": {
      const oldName = strArg(args, "old_name", ctx);
      const newName = strArg(args, "new_name", ctx);
      const m = model(state, app, oldName);
      state.delete(app, oldName);
      state.set({ ...m, name: newName });
      const from = `${app}.${oldName.toLowerCase()}`;
      const to = `${app}.${newName.toLowerCase()}`;
      for (const other of [...state.models.values()]) {
        let changed: ModelState | null = null;
        for (const [fn, f] of other.fields) {
          if (f.kwargs.to?.t === "str" && f.kwargs.to.v === from) {
            changed ??= cloneModel(other);
            changed.fields.set(fn, { ...f, kwargs: { ...f.kwargs, to: { t: "str", v: to } } });
          }
        }
        if (changed) state.set(changed);
      }
      return;
    }
    case "AlterModelTable":
    case "AlterModelTableComment": {
      const m = model(state, app, strArg(args, "name", ctx));
      const opt = kind === "AlterModelTable" ? "db_table" : "db_table_comment";
      const v = evaluate(args.get(kind === "AlterModelTable" ? "table" : "table_comment") ?? { kind: "const", value: null, range: op.range }, ctx);
      m.options.set(opt, v);
      return;
    }
    case "AlterUniqueTogether":
    case "AlterIndexTogether": {
      const opt = kind === "AlterUniqueTogether" ? "unique_together" : "index_together";
      const m = model(state, app, strArg(args, "name", ctx));
      const e = args.get(opt);
      m.options.set(opt, normaliseTogether(e ? evaluate(e, ctx) : { t: "none" }));
      return;
    }
    case "AlterModelOptions": {
      const m = model(state, app, strArg(args, "name", ctx));
      const e = args.get("options");
      const v = e ? evaluate(e, ctx) : { t: "dict" as const, entries: [] };
      if (v.t !== "dict") return unknowable("AlterModelOptions options");
      const given = new Set<string>();
      for (const [kk, val] of v.entries) {
        if (kk.t !== "str") return unknowable("an option name that is not a string");
        given.add(kk.v);
        m.options.set(kk.v, val);
      }
      for (const o of ALTER_OPTION_KEYS) if (!given.has(o)) m.options.delete(o);
      return;
    }
    case "AlterModelManagers": {
      const m = model(state, app, strArg(args, "name", ctx));
      const e = args.get("managers");
      m.managers = e ? managerList(evaluate(e, ctx)) : [];
      return;
    }
    case "AlterOrderWithRespectTo": {
      const m = model(state, app, strArg(args, "name", ctx));
      const e = args.get("order_with_respect_to");
      const v = e ? evaluate(e, ctx) : { t: "none" as const };
      if (v.t === "none") m.options.delete("order_with_respect_to");
      else m.options.set("order_with_respect_to", v);
      return;
    }
    case "AddField":
    case "AlterField": {
      const m = model(state, app, strArg(args, "model_name", ctx));
      const name = strArg(args, "name", ctx);
      let f = field(args.get("field"));
      const pd = args.get("preserve_default");
      if (pd && pd.kind === "const" && pd.value === false) {
        // state_forwards with preserve_default=False: the default is only for the database.
        const kwargs = { ...f.kwargs };
        delete kwargs.default;
        f = { ...f, kwargs };
      }
      m.fields.set(name, f);
      return;
    }
    case "RemoveField": {
      const m = model(state, app, strArg(args, "model_name", ctx));
      m.fields.delete(strArg(args, "name", ctx));
      return;
    }
    case "RenameField": {
      const m = model(state, app, strArg(args, "model_name", ctx));
      const oldName = strArg(args, "old_name", ctx);
      const newName = strArg(args, "new_name", ctx);
      const entries = [...m.fields.entries()].map(([n, f]): [string, typeof f] => [n === oldName ? newName : n, f]);
      m.fields = new Map(entries);
      for (const opt of ["unique_together", "index_together"]) {
        const v = m.options.get(opt);
        if (v?.t === "set") {
          m.options.set(opt, {
            t: "set",
            items: v.items.map((t): NV => (t.t === "tuple" ? { t: "tuple", items: t.items.map((x) => (x.t === "str" && x.v === oldName ? { t: "str", v: newName } : x)) } : t)),
          });
        }
      }
      const owrt = m.options.get("order_with_respect_to");
      if (owrt?.t === "str" && owrt.v === oldName) m.options.set("order_with_respect_to", { t: "str", v: newName });
      return;
    }
    case "AddIndex":
    case "AddConstraint": {
      const m = model(state, app, strArg(args, "model_name", ctx));
      const e = args.get(kind === "AddIndex" ? "index" : "constraint");
      if (!e) return unknowable(`${kind} without its object`);
      const v = normaliseObject(evaluate(e, ctx), version);
      if (kind === "AddIndex") m.indexes.push(v);
      else m.constraints.push(v);
      return;
    }
    case "RemoveIndex":
    case "RemoveConstraint": {
      const m = model(state, app, strArg(args, "model_name", ctx));
      const name = strArg(args, "name", ctx);
      if (kind === "RemoveIndex") m.indexes = m.indexes.filter((i) => objectName(i) !== name);
      else m.constraints = m.constraints.filter((i) => objectName(i) !== name);
      return;
    }
    case "AlterConstraint": {
      const m = model(state, app, strArg(args, "model_name", ctx));
      const name = strArg(args, "name", ctx);
      const e = args.get("constraint");
      if (!e) return unknowable("AlterConstraint without its constraint");
      const v = normaliseObject(evaluate(e, ctx), version);
      m.constraints = m.constraints.map((c) => (objectName(c) === name ? v : c));
      return;
    }
    case "RenameIndex": {
      const m = model(state, app, strArg(args, "model_name", ctx));
      if (args.has("old_fields") && !args.has("old_name")) return unknowable("RenameIndex from index_together");
      const oldName = strArg(args, "old_name", ctx);
      const newName = strArg(args, "new_name", ctx);
      m.indexes = m.indexes.map((i) =>
        objectName(i) === oldName && i.t === "call" ? { ...i, kwargs: i.kwargs.map(([kk, x]): [string, NV] => [kk, kk === "name" ? { t: "str", v: newName } : x]) } : i,
      );
      return;
    }
    case "SeparateDatabaseAndState":
    case "RunSQL": {
      const e = args.get("state_operations");
      if (!e || (e.kind === "const" && e.value === null)) return;
      if (e.kind !== "list" && e.kind !== "tuple") return unknowable("state_operations that are not a literal list");
      for (const inner of e.elts) applyOperation(inner, mig, ctx, state, version);
      return;
    }
    case "RunPython":
      return;
    default:
      return unknowable(`operation ${kind}`);
  }
}

export function setOptions(m: ModelState, v: NV, version: DjangoLine): void {
  if (v.t !== "dict") return unknowable("options that are not a dict");
  for (const [kk, val] of v.entries) {
    if (kk.t !== "str") return unknowable("an option name that is not a string");
    if (kk.v === "indexes" || kk.v === "constraints") {
      if (val.t !== "list" && val.t !== "tuple") return unknowable(`${kk.v} that are not a list`);
      const items = val.items.map((i) => normaliseObject(i, version));
      if (kk.v === "indexes") m.indexes = items;
      else m.constraints = items;
    } else if (kk.v === "unique_together" || kk.v === "index_together") m.options.set(kk.v, normaliseTogether(val));
    else m.options.set(kk.v, val);
  }
}

function baseLabels(v: NV): string[] {
  if (v.t !== "tuple" && v.t !== "list") return unknowable("bases that are not a tuple");
  return v.items.map((b) => (b.t === "str" ? lowerLabel(b.v) : b.t === "ref" ? b.path : unknowable("a base that is not a model")));
}

function managerList(v: NV): [string, NV][] {
  if (v.t !== "list" && v.t !== "tuple") return unknowable("managers that are not a list");
  return v.items.map((i): [string, NV] => {
    if ((i.t !== "tuple" && i.t !== "list") || i.items.length !== 2 || i.items[0].t !== "str") return unknowable("a manager that is not (name, manager)");
    return [(i.items[0] as { v: string }).v, i.items[1]];
  });
}
