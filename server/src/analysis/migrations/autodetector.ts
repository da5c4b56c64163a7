// The diff between the migrations' state and the models' state, in the order Django's
// MigrationAutodetector._detect_changes() generates operations, answered as a non-interactive
// makemigrations would (no renames: remove + add), then optimised per app.
import { type DjangoLine } from "./fields";
import { NON_DB_ATTRS } from "./objects";
import { type PendingOp, optimize } from "./optimizer";
import { ALTER_OPTION_KEYS } from "./replay";
import { type ModelState, ProjectState, fieldKey, isManyToMany, objectName } from "./state";
import { type NV, key, show } from "./values";

export interface AppDiff {
  ops: PendingOp[];
  /** makemigrations would stop to ask (a non-null field without a default, …). */
  wouldAsk?: string;
}

const optKey = (m: ModelState, k: string) => {
  const v = m.options.get(k);
  return v === undefined ? "" : key(v);
};

function togetherValue(m: ModelState, opt: string): NV {
  return m.options.get(opt) ?? { t: "set", items: [] };
}

function togetherNames(v: NV): string[] {
  return v.t === "set" ? v.items.flatMap((t) => (t.t === "tuple" ? t.items.flatMap((x) => (x.t === "str" ? [x.v] : [])) : [])) : [];
}

export function detectChanges(from: ProjectState, to: ProjectState, apps: Set<string>, v: DjangoLine): Map<string, AppDiff> {
  const generated = new Map<string, PendingOp[]>();
  const asks = new Map<string, string>();
  const add = (op: PendingOp, beginning = false) => {
    const list = generated.get(op.app) ?? [];
    if (beginning) list.unshift(op);
    else list.push(op);
    generated.set(op.app, list);
  };
  const managed = (m: ModelState) => !(m.options.get("managed")?.t === "bool" && (m.options.get("managed") as { v: boolean }).v === false);
  const inScope = (s: ProjectState) => new Map([...s.models].filter(([, m]) => apps.has(m.app)));
  const oldModels = inScope(from);
  const newModels = inScope(to);
  const lower = (m: ModelState) => m.name.toLowerCase();

  // Django keeps proxies apart (old_proxy_keys/new_proxy_keys): a model that became a proxy, or
  // stopped being one, is deleted as one kind and created as the other.
  const isProxy = (m: ModelState) => managed(m) && !!m.options.get("proxy") && key(m.options.get("proxy") as NV) !== "False";
  const switched = (k: string) => oldModels.has(k) && newModels.has(k) && isProxy(oldModels.get(k) as ModelState) !== isProxy(newModels.get(k) as ModelState);
  // Deleted models: option removal, related fields, then the model.
  for (const k of [...oldModels.keys()].filter((x) => !newModels.has(x) || switched(x)).sort()) {
    const m = oldModels.get(k) as ModelState;
    if (!managed(m) || isProxy(m)) {
      add({ operation: "DeleteModel", app: m.app, model: lower(m) });
      continue;
    }
    for (const opt of ["unique_together", "index_together"]) {
      if (togetherNames(togetherValue(m, opt)).length) {
        add({ operation: opt === "unique_together" ? "AlterUniqueTogether" : "AlterIndexTogether", app: m.app, model: lower(m), togetherNames: null });
      }
    }
    for (const [name, f] of [...m.fields].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (f.kwargs.to) add({ operation: "RemoveField", app: m.app, model: lower(m), field: name, fieldState: f });
    }
    add({ operation: "DeleteModel", app: m.app, model: lower(m) });
  }
  // Created models: CreateModel first, then related fields, order_with_respect_to, indexes,
  // constraints and unique_together as separate operations for the optimizer to fold.
  const created = [...newModels.keys()].filter((x) => !oldModels.has(x) || switched(x)).sort().reverse();
  for (const k of created) {
    const m = newModels.get(k) as ModelState;
    const related = [...m.fields].filter(([, f]) => f.kwargs.to && !(f.kwargs.primary_key?.t === "bool" && f.kwargs.primary_key.v) && !(f.kwargs.parent_link?.t === "bool" && f.kwargs.parent_link.v));
    const relatedNames = new Set(related.map(([n]) => n));
    add({ operation: "CreateModel", app: m.app, model: lower(m), modelFields: new Map([...m.fields].filter(([n]) => !relatedNames.has(n))) }, true);
    if (!managed(m) || isProxy(m)) continue; // generate_created_proxies: the CreateModel alone
    for (const [name, f] of related.sort((a, b) => (a[0] < b[0] ? -1 : 1))) add({ operation: "AddField", app: m.app, model: lower(m), field: name, fieldState: f });
    if (m.options.has("order_with_respect_to")) add({ operation: "AlterOrderWithRespectTo", app: m.app, model: lower(m), togetherNames: null });
    for (const i of m.indexes) add({ operation: "AddIndex", app: m.app, model: lower(m), indexName: objectName(i) ?? "" });
    for (const c of m.constraints) add({ operation: "AddConstraint", app: m.app, model: lower(m) });
    if (togetherNames(togetherValue(m, "unique_together")).length) add({ operation: "AlterUniqueTogether", app: m.app, model: lower(m), togetherNames: null });
  }
  const kept = [...newModels.keys()].filter((x) => oldModels.has(x) && !switched(x)).sort();
  const keptAll = kept.map((k) => [oldModels.get(k) as ModelState, newModels.get(k) as ModelState] as const);
  // Options, db_table and its comment are compared for proxies and unmanaged models too; fields,
  // managers, indexes, constraints and *_together for kept_model_keys only (managed, not proxies).
  const pairs = keptAll.filter(([o, n]) => managed(o) && managed(n) && !isProxy(o) && !isProxy(n));
  for (const [o, n] of keptAll) {
    const oo = ALTER_OPTION_KEYS.map((x) => `${x}=${optKey(o, x)}`).join(";");
    const nn = ALTER_OPTION_KEYS.map((x) => `${x}=${optKey(n, x)}`).join(";");
    if (oo !== nn) add({ operation: "AlterModelOptions", app: n.app, model: lower(n), detail: optionDetail(o, n) });
  }
  for (const [o, n] of pairs) {
    const mk = (m: ModelState) => m.managers.map(([nm, val]) => `${nm}:${key(val)}`).join(";");
    if (mk(o) !== mk(n)) add({ operation: "AlterModelManagers", app: n.app, model: lower(n) });
  }
  for (const [o, n] of keptAll) if (optKey(o, "db_table_comment") !== optKey(n, "db_table_comment")) add({ operation: "AlterModelTableComment", app: n.app, model: lower(n) });

  // Indexes and constraints: removed before field changes, added after.
  const indexChanges = pairs.map(([o, n]) => {
    const ok = new Set(o.indexes.map(key));
    const nk = new Set(n.indexes.map(key));
    let added = n.indexes.filter((i) => !ok.has(key(i)));
    let removed = o.indexes.filter((i) => !nk.has(key(i)));
    const renamed: [NV, NV][] = [];
    const noName = (i: NV) => (i.t === "call" ? key({ ...i, kwargs: i.kwargs.filter(([x]) => x !== "name") }) : key(i));
    for (const a of added) for (const r of removed) if (noName(a) === noName(r) && objectName(a) !== objectName(r)) renamed.push([r, a]);
    added = added.filter((a) => !renamed.some(([, x]) => x === a));
    removed = removed.filter((r) => !renamed.some(([x]) => x === r));
    return { o, n, added, removed, renamed };
  });
  const atLeast52 = v.major > 5 || (v.major === 5 && v.minor >= 2);
  const constraintChanges = pairs.map(([o, n]) => {
    const ok = new Set(o.constraints.map(key));
    const nk = new Set(n.constraints.map(key));
    const dbKey = (c: NV) => (c.t === "call" ? key({ ...c, kwargs: c.kwargs.filter(([x]) => !NON_DB_ATTRS.includes(x)) }) : key(c));
    const altered = atLeast52 ? n.constraints.filter((nc) => o.constraints.some((oc) => key(oc) !== key(nc) && objectName(oc) === objectName(nc) && dbKey(oc) === dbKey(nc))) : [];
    const alteredNames = new Set(altered.map(objectName));
    return {
      o,
      n,
      altered,
      added: n.constraints.filter((c) => !ok.has(key(c)) && !alteredNames.has(objectName(c))),
      removed: o.constraints.filter((c) => !nk.has(key(c)) && !alteredNames.has(objectName(c))),
    };
  });
  for (const c of constraintChanges) for (const r of c.removed) add({ operation: "RemoveConstraint", app: c.n.app, model: lower(c.n) });
  for (const c of indexChanges) for (const r of c.removed) add({ operation: "RemoveIndex", app: c.n.app, model: lower(c.n), indexName: objectName(r) ?? "" });
  for (const c of indexChanges) for (const [, to2] of c.renamed) add({ operation: "RenameIndex", app: c.n.app, model: lower(c.n), indexName: objectName(to2) ?? "" });

  const togetherOps = (opt: string, opName: string, phase: "remove" | "alter") => {
    for (const [o, n] of pairs) {
      const ov = togetherValue(o, opt);
      const nv = togetherValue(n, opt);
      if (key(ov) === key(nv)) continue;
      if (phase === "remove") {
        const nk = new Set(nv.t === "set" ? nv.items.map(key) : []);
        const removal = ov.t === "set" ? ov.items.filter((i) => nk.has(key(i))) : [];
        if (removal.length || (ov.t === "set" && ov.items.length)) add({ operation: opName, app: n.app, model: lower(n), togetherNames: togetherNames({ t: "set", items: removal }) });
      } else add({ operation: opName, app: n.app, model: lower(n), togetherNames: togetherNames(nv) });
    }
  };
  if (!atLeast(v, 5, 1)) togetherOps("index_together", "AlterIndexTogether", "remove");
  togetherOps("unique_together", "AlterUniqueTogether", "remove");

  // Fields: removed, added, altered.
  for (const [o, n] of pairs) {
    for (const name of [...o.fields.keys()].sort()) {
      if (!n.fields.has(name)) add({ operation: "RemoveField", app: n.app, model: lower(n), field: name, fieldState: o.fields.get(name) });
    }
  }
  for (const [o, n] of pairs) {
    for (const name of [...n.fields.keys()].sort()) {
      if (o.fields.has(name)) continue;
      const f = n.fields.get(name)!;
      add({ operation: "AddField", app: n.app, model: lower(n), field: name, fieldState: f });
      const kw = f.kwargs;
      const flag = (k: string) => kw[k]?.t === "bool" && (kw[k] as { v: boolean }).v;
      const emptyStrings = !/(Integer|Float|Decimal|Boolean|Date|Time|Duration|UUID|Binary|JSON|AutoField|ForeignKey|OneToOne)/.test(f.path);
      const autoNow = /DateTimeField|DateField|TimeField/.test(f.path) && flag("auto_now");
      if (!flag("null") && !("default" in kw) && !("db_default" in kw) && !isManyToMany(f) && !(flag("blank") && emptyStrings) && !autoNow) {
        if (!asks.has(n.app)) asks.set(n.app, `adding ${lower(n)}.${name}: a non-nullable field without a default; makemigrations would stop and ask for one`);
      }
    }
  }
  for (const [o, n] of pairs) {
    for (const name of [...n.fields.keys()].sort()) {
      const of = o.fields.get(name);
      const nf = n.fields.get(name)!;
      if (!of || fieldKey(of) === fieldKey(nf)) continue;
      if (isManyToMany(of) === isManyToMany(nf)) add({ operation: "AlterField", app: n.app, model: lower(n), field: name, fieldState: nf, detail: fieldDetail(of.kwargs, nf.kwargs, of.path, nf.path) });
      else {
        add({ operation: "RemoveField", app: n.app, model: lower(n), field: name, fieldState: of });
        add({ operation: "AddField", app: n.app, model: lower(n), field: name, fieldState: nf });
      }
    }
  }
  for (const [o, n] of pairs) if (optKey(o, "order_with_respect_to") !== optKey(n, "order_with_respect_to")) add({ operation: "AlterOrderWithRespectTo", app: n.app, model: lower(n), togetherNames: null });
  togetherOps("unique_together", "AlterUniqueTogether", "alter");
  if (!atLeast(v, 5, 1)) togetherOps("index_together", "AlterIndexTogether", "alter");
  for (const c of indexChanges) for (const a of c.added) add({ operation: "AddIndex", app: c.n.app, model: lower(c.n), indexName: objectName(a) ?? "" });
  for (const c of constraintChanges) for (const a of c.added) add({ operation: "AddConstraint", app: c.n.app, model: lower(c.n) });
  for (const c of constraintChanges) for (const a of c.altered) add({ operation: "AlterConstraint", app: c.n.app, model: lower(c.n) });
  for (const [o, n] of keptAll) if (optKey(o, "db_table") !== optKey(n, "db_table")) add({ operation: "AlterModelTable", app: n.app, model: lower(n) });

  const out = new Map<string, AppDiff>();
  for (const [app, ops] of generated) out.set(app, { ops: optimize(stableSort(ops), v), wouldAsk: asks.get(app) });
  return out;
}

/** The in-app dependencies _sort_migrations() honours (the kinds we generate). */
function dependsOn(a: PendingOp, b: PendingOp): boolean {
  const same = a.model === b.model;
  const relTo = (f: PendingOp["fieldState"], model: string) => f?.kwargs.to?.t === "str" && f.kwargs.to.v === `${a.app}.${model}`;
  switch (a.operation) {
    case "DeleteModel":
      return (b.operation === "RemoveField" && (same || relTo(b.fieldState, a.model))) || (b.operation === "AlterField" && relTo(b.fieldState, a.model));
    case "CreateModel":
      return b.operation === "DeleteModel" && same;
    case "AddField":
    case "AlterField":
      return b.operation === "CreateModel" && (same || relTo(a.fieldState, b.model));
    case "AddIndex":
    case "AddConstraint":
    case "AlterUniqueTogether":
    case "AlterOrderWithRespectTo":
      return same && (b.operation === "CreateModel" || (b.operation === "AddField" && a.togetherNames !== undefined ? false : b.operation === "AddField" && !!b.fieldState?.kwargs.to));
    case "RemoveField":
      return same && (b.operation === "AlterUniqueTogether" || b.operation === "AlterOrderWithRespectTo") && (b.togetherNames?.includes(a.field ?? "") ?? false);
    default:
      return false;
  }
}

/** django.utils.topological_sort.stable_topological_sort: layer by layer, original order within. */
function stableSort(ops: PendingOp[]): PendingOp[] {
  const deps = ops.map((a) => ops.filter((b) => b !== a && dependsOn(a, b)));
  const done = new Set<PendingOp>();
  const out: PendingOp[] = [];
  while (out.length < ops.length) {
    const layer = ops.filter((o, i) => !done.has(o) && deps[i].every((d) => done.has(d)));
    if (!layer.length) return ops; // a cycle: keep the generated order
    for (const o of layer) {
      out.push(o);
    }
    for (const o of layer) done.add(o);
  }
  return out;
}

function atLeast(v: DjangoLine, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

function optionDetail(o: ModelState, n: ModelState): string {
  const parts: string[] = [];
  for (const k of ALTER_OPTION_KEYS) if (optKey(o, k) !== optKey(n, k)) parts.push(`${k} ${show(o.options.get(k))} → ${show(n.options.get(k))}`);
  return parts.join(", ");
}

function fieldDetail(a: Record<string, NV>, b: Record<string, NV>, pa: string, pb: string): string {
  const parts: string[] = [];
  if (pa !== pb) parts.push(`${pa.split(".").pop()} → ${pb.split(".").pop()}`);
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = a[k] ? key(a[k]) : "";
    const y = b[k] ? key(b[k]) : "";
    if (x !== y) parts.push(`${k} ${show(a[k])} → ${show(b[k])}`);
  }
  return parts.join(", ");
}
