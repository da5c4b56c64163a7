// Static evaluation of a module's top-level statements (settings modules above all): literals,
// containers, `+=`, list and dict mutation, star imports from workspace modules, pathlib and
// os.path arithmetic. Whatever depends on the environment or on code we do not model becomes
// "unknown" with a reason; evaluation never throws on user code.
import * as path from "node:path";
import { dottedName } from "../python/exprUtil";
import type { Expr, Location, Stmt } from "../python/types";
import { evaluateCall, isBuiltin } from "./evaluateCalls";
import {
  type ModuleEvaluation,
  type Namespace,
  type Value,
  dictGet,
  dictSet,
  equalValues,
  mergeValues,
  setPath,
  toKeyString,
  truthy,
  unknown,
} from "./values";

export { type ModuleEvaluation, type Namespace, type Value, dictGet, toPlain, unknown } from "./values";
import type { ModuleResolver } from "./modules";

class Evaluator {
  readonly names: Namespace;
  readonly problems: { message: string; at: Location }[] = [];
  /** Set when a statement raised ImportError (a workspace module that is not there). */
  private raised = false;
  /** Inside a try with handlers, a failed import is handled, not a problem. */
  private guarded = 0;

  constructor(
    readonly file: string,
    readonly moduleName: string | null,
    readonly modules: ModuleResolver,
    readonly evaluateModule: (name: string) => ModuleEvaluation | null,
    initial?: Namespace,
  ) {
    this.names = new Map(initial ?? []);
  }

  private at(e: { range: Expr["range"] }): Location {
    return { file: this.file, range: e.range };
  }

  run(stmts: Stmt[]): void {
    for (const s of stmts) {
      if (this.raised) return;
      this.statement(s);
    }
  }

  private statement(s: Stmt): void {
    switch (s.kind) {
      case "import":
        for (const n of s.names) {
          if (n.asname) this.names.set(n.asname, this.importModule(n.module, { file: this.file, range: n.range }));
          else {
            const top = n.module.split(".")[0];
            this.names.set(top, this.importModule(top, { file: this.file, range: n.range }));
          }
        }
        return;
      case "from":
        this.fromImport(s);
        return;
      case "assign": {
        if (!s.value) return;
        const v = this.expr(s.value);
        for (const t of s.targets) this.assignTo(t, v);
        return;
      }
      case "augassign": {
        const cur = this.expr(s.target);
        const rhs = this.expr(s.value);
        const next = s.op === "+=" ? this.add(cur, rhs, this.at(s)) : s.op === "|=" && cur.k === "dict" && rhs.k === "dict"
          ? { ...cur, entries: [...cur.entries, ...rhs.entries] }
          : unknown(`${s.op} is not evaluated`, this.at(s));
        this.assignTo(s.target, next);
        return;
      }
      case "expr":
        if (s.value.kind === "call") this.mutatingCall(s.value);
        return;
      case "class":
      case "def":
        this.names.set(s.name, { k: "ref", name: `${this.moduleName ?? "?"}.${s.name}`, at: { file: this.file, range: s.nameRange } });
        return;
      case "if": {
        const test = truthy(this.expr(s.test));
        if (test === true) return this.run(s.body);
        if (test === false) return this.run(s.orelse);
        const before = new Map(this.names);
        this.run(s.body);
        const afterBody = new Map(this.names);
        this.names.clear();
        for (const [k, v] of before) this.names.set(k, v);
        this.run(s.orelse);
        const afterElse = new Map(this.names);
        this.names.clear();
        for (const k of new Set([...afterBody.keys(), ...afterElse.keys()])) {
          const m = mergeValues(afterBody.get(k), afterElse.get(k), this.at(s));
          if (m) this.names.set(k, m);
        }
        return;
      }
      case "try": {
        const before = new Map(this.names);
        if (s.handlers.length) this.guarded++;
        this.run(s.body);
        if (s.handlers.length) this.guarded--;
        if (this.raised && s.handlers.length) {
          this.raised = false;
          this.names.clear();
          for (const [k, v] of before) this.names.set(k, v);
          this.run(s.handlers[0]);
        } else if (!this.raised) this.run(s.orelse);
        const raised = this.raised;
        this.raised = false;
        this.run(s.finalbody);
        this.raised = raised;
        return;
      }
      case "other":
        // Loops and `with` blocks: whatever they bind or mutate is no longer known.
        for (const name of boundOrMutated(s.body)) this.names.set(name, unknown(`changed in a ${s.type.replace(/_statement$/, "")} block`, this.at(s)));
        return;
    }
  }

  private importModule(name: string, at: Location): Value {
    return { k: "ref", name, at };
  }

  private fromImport(s: Extract<Stmt, { kind: "from" }>): void {
    const at: Location = { file: this.file, range: s.moduleRange };
    const target = this.modules.absoluteImport(this.file, s.level, s.module);
    if (target === null) {
      this.problems.push({ message: `cannot resolve relative import ${".".repeat(s.level)}${s.module}`, at });
      return;
    }
    const local = this.modules.resolveModule(target);
    if (!local) {
      // Relative imports and imports of the project's own packages must resolve in the workspace.
      const topLocal = this.modules.resolveModule(target.split(".")[0]);
      if (s.level > 0 || topLocal) {
        if (!this.guarded) this.problems.push({ message: `No module named '${target}'`, at });
        this.raised = true;
        return;
      }
      if (s.names === "*") return;
      for (const n of s.names) this.names.set(n.asname ?? n.name, { k: "ref", name: `${target}.${n.name}`, at });
      return;
    }
    const ev = local.file ? this.evaluateModule(target) : null;
    if (s.names === "*") {
      if (!ev) return;
      const all = ev.names.get("__all__");
      const exported = all && (all.k === "list" || all.k === "tuple")
        ? all.items.filter((i): i is Extract<Value, { k: "str" }> => i.k === "str").map((i) => i.v)
        : [...ev.names.keys()].filter((k) => !k.startsWith("_"));
      for (const k of exported) {
        const v = ev.names.get(k);
        if (v) this.names.set(k, v);
      }
      return;
    }
    for (const n of s.names) {
      const bound = n.asname ?? n.name;
      const v = ev?.names.get(n.name);
      if (v) this.names.set(bound, v);
      else if (this.modules.resolveModule(`${target}.${n.name}`)) this.names.set(bound, { k: "ref", name: `${target}.${n.name}`, at });
      else this.names.set(bound, unknown(`${n.name} is not known in ${target}`, at));
    }
  }

  private assignTo(t: Expr, v: Value): void {
    if (t.kind === "name") {
      this.names.set(t.id, v);
      return;
    }
    if (t.kind === "tuple" || t.kind === "list") {
      const items = v.k === "list" || v.k === "tuple" ? v.items : null;
      t.elts.forEach((e, i) => this.assignTo(e, items && items.length === t.elts.length ? items[i] : unknown("unpacking", v.at)));
      return;
    }
    if (t.kind === "subscript") {
      // D["a"]["b"] = v: rebuild the path immutably.
      const chain: Expr[] = [];
      let base: Expr = t;
      while (base.kind === "subscript") {
        chain.unshift(base.index);
        base = base.value;
      }
      if (base.kind !== "name") return;
      const root = this.names.get(base.id);
      if (!root) return;
      const keys = chain.map((k) => this.expr(k));
      this.names.set(base.id, setPath(root, keys, v));
    }
  }

  private mutatingCall(call: Extract<Expr, { kind: "call" }>): void {
    if (call.func.kind !== "attr" || call.func.object.kind !== "name") {
      this.expr(call);
      return;
    }
    const name = call.func.object.id;
    const cur = this.names.get(name);
    if (!cur) return;
    const method = call.func.attr;
    const args = call.args.map((a) => this.expr(a));
    const at = this.at(call);
    if (cur.k === "list" || cur.k === "tuple") {
      let items: Value[] | null = null;
      if (method === "append" && args.length === 1) items = [...cur.items, args[0]];
      else if (method === "extend" && args.length === 1) {
        const a = args[0];
        items = a.k === "list" || a.k === "tuple" ? [...cur.items, ...a.items] : null;
      } else if (method === "insert" && args.length === 2 && args[0].k === "num") {
        const i = args[0].v < 0 ? Math.max(0, cur.items.length + args[0].v) : Math.min(args[0].v, cur.items.length);
        items = [...cur.items.slice(0, i), args[1], ...cur.items.slice(i)];
      } else if (method === "remove" && args.length === 1) {
        const i = cur.items.findIndex((x) => equalValues(x, args[0]));
        items = i >= 0 ? [...cur.items.slice(0, i), ...cur.items.slice(i + 1)] : null;
      } else if (method === "sort" || method === "reverse" || method === "clear" || method === "pop") items = null;
      else return;
      this.names.set(name, items ? { ...cur, items } : unknown(`${name}.${method}() is not evaluated`, at));
      return;
    }
    if (cur.k === "dict") {
      if (method === "update" && args.length === 1 && args[0].k === "dict") {
        let d: Value = cur;
        for (const [k, v] of args[0].entries) d = dictSet(d as Extract<Value, { k: "dict" }>, k, v);
        this.names.set(name, d);
      } else if (method === "setdefault" && args.length === 2 && dictGet(cur, toKeyString(args[0])) === undefined) {
        this.names.set(name, dictSet(cur, args[0], args[1]));
      } else if (method === "update" || method === "pop" || method === "clear" || method === "popitem") {
        this.names.set(name, unknown(`${name}.${method}() is not evaluated`, at));
      }
    }
  }

  private add(a: Value, b: Value, at: Location): Value {
    if ((a.k === "list" && b.k === "list") || (a.k === "tuple" && b.k === "tuple")) return { k: a.k, items: [...a.items, ...b.items], at: a.at };
    if (a.k === "list" && b.k === "tuple") return { k: "list", items: [...a.items, ...b.items], at: a.at };
    if (a.k === "str" && b.k === "str") return { k: "str", v: a.v + b.v, at };
    if (a.k === "num" && b.k === "num") return { k: "num", v: a.v + b.v, at };
    return unknown("operands of + are not known", at);
  }

  expr(e: Expr): Value {
    const at = this.at(e);
    switch (e.kind) {
      case "str":
        return e.exact && !e.bytes ? { k: "str", v: e.value, at } : unknown("f-string or bytes", at);
      case "num":
        return { k: "num", v: e.value, at };
      case "const":
        return e.value === null ? { k: "none", at } : { k: "bool", v: e.value, at };
      case "list":
      case "tuple":
      case "set": {
        const items: Value[] = [];
        for (const x of e.elts) {
          if (x.kind === "starred") {
            const inner = this.expr(x.value);
            if (inner.k === "list" || inner.k === "tuple") items.push(...inner.items);
            else return unknown("starred item is not known", at);
          } else items.push(this.expr(x));
        }
        return { k: e.kind === "list" ? "list" : "tuple", items, at };
      }
      case "dict": {
        let d: Extract<Value, { k: "dict" }> = { k: "dict", entries: [], at };
        for (const item of e.items) {
          if (item.key === null) {
            const spread = this.expr(item.value);
            if (spread.k !== "dict") return unknown("** of an unknown mapping", at);
            for (const [k, v] of spread.entries) d = dictSet(d, k, v) as typeof d;
          } else d = dictSet(d, this.expr(item.key), this.expr(item.value)) as typeof d;
        }
        return d;
      }
      case "name": {
        if (e.id === "__file__") return { k: "str", v: this.file, at };
        if (e.id === "__name__") return this.moduleName ? { k: "str", v: this.moduleName, at } : unknown("__name__", at);
        const v = this.names.get(e.id);
        if (v) return v;
        if (isBuiltin(e.id)) return { k: "ref", name: `builtins.${e.id}`, at };
        return unknown(`name '${e.id}' is not defined here`, at);
      }
      case "attr": {
        const obj = this.expr(e.object);
        if (obj.k === "ref") {
          const full = `${obj.name}.${e.attr}`;
          if (full === "os.environ") return unknown("environment", at);
          const local = this.modules.resolveModule(obj.name);
          if (local?.file) {
            const ev = this.evaluateModule(obj.name);
            const v = ev?.names.get(e.attr);
            if (v) return v;
          }
          return { k: "ref", name: full, at };
        }
        if (obj.k === "path") {
          if (e.attr === "parent") return { k: "path", v: path.dirname(obj.v), at };
          if (e.attr === "name") return { k: "str", v: path.basename(obj.v), at };
          if (e.attr === "stem") return { k: "str", v: path.parse(obj.v).name, at };
          if (e.attr === "parents") return unknown("Path.parents", at);
        }
        if (obj.k === "unknown") return obj;
        return { k: "ref", name: `<value>.${e.attr}`, at };
      }
      case "call":
        return this.call(e, at);
      case "binop": {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        if (e.op === "+") return this.add(l, r, at);
        if (e.op === "/" && l.k === "path" && (r.k === "str" || r.k === "path")) return { k: "path", v: path.join(l.v, r.v), at };
        if (l.k === "num" && r.k === "num") {
          switch (e.op) {
            case "-":
              return { k: "num", v: l.v - r.v, at };
            case "*":
              return { k: "num", v: l.v * r.v, at };
            case "//":
              return r.v ? { k: "num", v: Math.floor(l.v / r.v), at } : unknown("division by zero", at);
            default:
              break;
          }
        }
        if (e.op === "*" && l.k === "list" && r.k === "num") return unknown("list repetition", at);
        return unknown(`${e.op} is not evaluated`, at);
      }
      case "unary": {
        const v = this.expr(e.operand);
        if (e.op === "-" && v.k === "num") return { k: "num", v: -v.v, at };
        if (e.op === "not") {
          const t = truthy(v);
          return t === null ? unknown("not of an unknown value", at) : { k: "bool", v: !t, at };
        }
        return unknown(`unary ${e.op}`, at);
      }
      case "subscript": {
        const base = this.expr(e.value);
        const key = this.expr(e.index);
        if (base.k === "dict") {
          const v = dictGet(base, toKeyString(key));
          return v ?? unknown("missing key", at);
        }
        if ((base.k === "list" || base.k === "tuple") && key.k === "num") {
          const i = key.v < 0 ? base.items.length + key.v : key.v;
          return base.items[i] ?? unknown("index out of range", at);
        }
        return unknown("subscript of an unknown value", at);
      }
      default:
        return unknown(`${e.kind} is not evaluated`, at);
    }
  }

  private call(e: Extract<Expr, { kind: "call" }>, at: Location): Value {
    return evaluateCall(e, at, { file: this.file, expr: (x) => this.expr(x) });
  }
}

function boundOrMutated(stmts: Stmt[]): Set<string> {
  const out = new Set<string>();
  const visit = (list: Stmt[]) => {
    for (const s of list) {
      if (s.kind === "assign") for (const t of s.targets) rootNames(t).forEach((n) => out.add(n));
      else if (s.kind === "augassign") rootNames(s.target).forEach((n) => out.add(n));
      else if (s.kind === "expr" && s.value.kind === "call" && s.value.func.kind === "attr" && s.value.func.object.kind === "name") {
        out.add(s.value.func.object.id);
      } else if (s.kind === "if") {
        visit(s.body);
        visit(s.orelse);
      } else if (s.kind === "try") {
        visit(s.body);
        s.handlers.forEach(visit);
        visit(s.orelse);
        visit(s.finalbody);
      } else if (s.kind === "other") visit(s.body);
    }
  };
  visit(stmts);
  return out;
}

function rootNames(t: Expr): string[] {
  if (t.kind === "name") return [t.id];
  if (t.kind === "subscript") return rootNames(t.value);
  if (t.kind === "tuple" || t.kind === "list") return t.elts.flatMap(rootNames);
  return [];
}

/**
 * Evaluates a module by dotted name through the resolver; memoised by the caller's index on the
 * files read. Import cycles evaluate to what was known when the cycle closed.
 */
export function evaluateModuleFile(
  file: string,
  moduleName: string | null,
  stmts: Stmt[],
  modules: ModuleResolver,
  evaluateModule: (name: string) => ModuleEvaluation | null,
): ModuleEvaluation {
  const ev = new Evaluator(file, moduleName, modules, evaluateModule);
  ev.run(stmts);
  return { file, names: ev.names, problems: ev.problems };
}
