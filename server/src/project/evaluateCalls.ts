// Calls the settings evaluator understands: pathlib and os.path arithmetic, str/list/tuple/dict/
// bool, methods on paths and strings. Environment lookups are "unknown" by design.
import * as path from "node:path";
import { dottedName } from "../python/exprUtil";
import type { Expr, Location } from "../python/types";
import { type Value, dictSet, truthy, unknown } from "./values";

export interface CallContext {
  file: string;
  expr(e: Expr): Value;
}

const ENVIRONMENT_CALLS = new Set([
  "os.environ.get",
  "os.getenv",
  "os.environ.setdefault",
  "environ.get",
  "getenv",
  "env",
  "config",
  "env.str",
  "env.bool",
  "env.int",
  "env.list",
  "env.db",
  "env.url",
  "env.path",
  "decouple.config",
]);

const BUILTINS = new Set(["str", "list", "tuple", "dict", "bool", "int", "float", "set", "len", "print", "open", "range", "sorted"]);

export function isBuiltin(name: string): boolean {
  return BUILTINS.has(name);
}

export function evaluateCall(e: Extract<Expr, { kind: "call" }>, at: Location, ctx: CallContext): Value {
  const callee = e.func;
  // Methods on values: path.resolve(), str.format … by receiver kind.
  if (callee.kind === "attr") {
    const recv = ctx.expr(callee.object);
    if (recv.k === "path") {
      switch (callee.attr) {
        case "resolve":
        case "absolute":
          return { k: "path", v: path.resolve(recv.v), at };
        case "joinpath": {
          const parts = e.args.map((a) => ctx.expr(a));
          if (parts.every((p) => p.k === "str" || p.k === "path")) {
            return { k: "path", v: path.join(recv.v, ...parts.map((p) => (p as { v: string }).v)), at };
          }
          return unknown("joinpath of unknown parts", at);
        }
        case "as_posix":
          return { k: "str", v: recv.v, at };
        default:
          return unknown(`Path.${callee.attr}()`, at);
      }
    }
    if (recv.k === "str" && callee.attr === "split" && e.args.length <= 1) {
      const sep = e.args.length ? ctx.expr(e.args[0]) : null;
      if (sep === null || sep.k === "str") {
        const parts = sep ? recv.v.split(sep.v) : recv.v.split(/\s+/).filter(Boolean);
        return { k: "list", items: parts.map((v) => ({ k: "str" as const, v, at })), at };
      }
    }
    if ((recv.k === "list" || recv.k === "dict") && callee.attr === "copy") return recv;
  }
  const fn = ctx.expr(callee);
  const name = fn.k === "ref" ? fn.name.replace(/^builtins\./, "") : dottedName(callee);
  if (name && ENVIRONMENT_CALLS.has(name)) return unknown("environment", at);
  const args = () => e.args.map((a) => ctx.expr(a));
  switch (name) {
    case "pathlib.Path":
    case "pathlib.PurePath":
    case "pathlib.PosixPath": {
      const parts = args();
      if (parts.length === 0) return { k: "path", v: ".", at };
      if (parts.every((p) => p.k === "str" || p.k === "path")) return { k: "path", v: path.join(...parts.map((p) => (p as { v: string }).v)), at };
      return unknown("Path of unknown parts", at);
    }
    case "os.path.join": {
      const parts = args();
      if (parts.every((p) => p.k === "str" || p.k === "path")) return { k: "str", v: path.join(...parts.map((p) => (p as { v: string }).v)), at };
      return unknown("os.path.join of unknown parts", at);
    }
    case "os.path.dirname":
    case "os.path.abspath":
    case "os.path.realpath":
    case "os.path.normpath":
    case "os.path.basename": {
      const [a] = args();
      if (a && (a.k === "str" || a.k === "path")) {
        const f = name.endsWith("dirname") ? path.dirname : name.endsWith("basename") ? path.basename : path.resolve;
        return { k: "str", v: f(a.v), at };
      }
      return unknown(`${name} of an unknown value`, at);
    }
    case "str": {
      const [a] = args();
      if (a && (a.k === "str" || a.k === "path")) return { k: "str", v: a.v, at };
      if (a && a.k === "num") return { k: "str", v: String(a.v), at };
      return unknown("str() of an unknown value", at);
    }
    case "list":
    case "tuple": {
      const [a] = args();
      if (!a) return { k: name, items: [], at };
      if (a.k === "list" || a.k === "tuple") return { k: name, items: a.items, at };
      return unknown(`${name}() of an unknown value`, at);
    }
    case "dict": {
      let d: Extract<Value, { k: "dict" }> = { k: "dict", entries: [], at };
      if (e.args.length) {
        const a = ctx.expr(e.args[0]);
        if (a.k !== "dict") return unknown("dict() of an unknown value", at);
        d = { ...a, at };
      }
      for (const kw of e.keywords) {
        if (!kw.name) return unknown("dict(**…)", at);
        d = dictSet(d, { k: "str", v: kw.name, at: { file: ctx.file, range: kw.nameRange } }, ctx.expr(kw.value)) as typeof d;
      }
      return d;
    }
    case "bool": {
      const [a] = args();
      const t = a ? truthy(a) : false;
      return t === null ? unknown("bool() of an unknown value", at) : { k: "bool", v: t, at };
    }
    default:
      return unknown(`call of ${name ?? "an expression"}`, at);
  }
}
