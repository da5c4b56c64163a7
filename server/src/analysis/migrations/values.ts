// Normalised values: what Django's autodetector compares after deep_deconstruct(), as plain data.
// Both sides (a migration's `models.CharField(max_length=100)` and a models.py declaration) are
// evaluated into this form, so equality is a comparison of canonical keys. Python's distinctions
// that change the comparison are kept (a list is not a tuple), the ones that do not are dropped
// (dict and set order, `models.CASCADE` vs `django.db.models.deletion.CASCADE`).
import { dottedName } from "../../python/exprUtil";
import type { CallExpr, Expr } from "../../python/types";

export type NV =
  | { t: "str"; v: string }
  | { t: "num"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "none" }
  | { t: "list" | "tuple" | "set"; items: NV[] }
  | { t: "dict"; entries: [NV, NV][] }
  /** A module-level class, function or constant, by its import path. */
  | { t: "ref"; path: string }
  /** A deconstructible object: its path, positional and keyword arguments (kwargs sorted). */
  | { t: "call"; path: string; args: NV[]; kwargs: [string, NV][] };

/** Something Django would compare that we cannot evaluate statically. */
export class Unknowable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function unknowable(reason: string): never {
  throw new Unknowable(reason);
}

/** A canonical text for a value: equal keys exactly when Python's `==` would hold (for our forms). */
export function key(v: NV): string {
  switch (v.t) {
    case "str":
      return JSON.stringify(v.v);
    case "num":
      return `#${Number(v.v)}`;
    case "bool":
      return v.v ? "True" : "False";
    case "none":
      return "None";
    case "list":
      return `[${v.items.map(key).join(",")}]`;
    case "tuple":
      return `(${v.items.map(key).join(",")})`;
    case "set":
      return `{${v.items.map(key).sort().join(",")}}`;
    case "dict":
      return `{${v.entries
        .map(([k, x]) => `${key(k)}:${key(x)}`)
        .sort()
        .join(",")}}`;
    case "ref":
      return `@${v.path}`;
    case "call":
      return `${v.path}(${[...v.args.map(key), ...v.kwargs.map(([k, x]) => `${k}=${key(x)}`)].join(",")})`;
  }
}

export const str = (v: string): NV => ({ t: "str", v });
export const bool = (v: boolean): NV => ({ t: "bool", v });
export const NONE: NV = { t: "none" };

/** Short, Python-like text for messages ("max_length 50 → 80"). */
export function show(v: NV | undefined): string {
  if (!v) return "(default)";
  switch (v.t) {
    case "str":
      return `'${v.v}'`;
    case "num":
      return v.v;
    case "bool":
      return v.v ? "True" : "False";
    case "none":
      return "None";
    case "list":
      return `[${v.items.map(show).join(", ")}]`;
    case "tuple":
      return `(${v.items.map(show).join(", ")}${v.items.length === 1 ? "," : ""})`;
    case "set":
      return `{${v.items.map(show).join(", ")}}`;
    case "dict":
      return `{${v.entries.map(([k, x]) => `${show(k)}: ${show(x)}`).join(", ")}}`;
    case "ref":
      return v.path.slice(v.path.lastIndexOf(".") + 1);
    case "call":
      return `${v.path.slice(v.path.lastIndexOf(".") + 1)}(…)`;
  }
}

// Django paths that are re-exported under shorter names: the name deconstruct() or the migration
// writer uses is the canonical one.
const DELETION = new Set(["CASCADE", "PROTECT", "RESTRICT", "SET_NULL", "SET_DEFAULT", "DO_NOTHING", "SET"]);

export function canonicalPath(path: string): string {
  let m = /^django\.db\.models\.(?:deletion\.)?(\w+)$/.exec(path);
  if (m && DELETION.has(m[1])) return `django.db.models.deletion.${m[1]}`;
  m = /^django\.db\.models\.(?:fields\.(?:related|files|json|proxy|generated|composite)|fields|indexes|constraints|query_utils|expressions|enums)\.(\w+)$/.exec(path);
  if (m) return `django.db.models.${m[1]}`;
  m = /^django\.db\.models\.functions\.\w+\.(\w+)$/.exec(path);
  if (m) return `django.db.models.functions.${m[1]}`;
  return path;
}

export interface EvalContext {
  /** The full dotted path a dotted name written in this module refers to, or null. */
  resolve(dotted: string): string | null;
  /** The value of a module-level constant, when the module assigns it once. */
  constant?(name: string): Expr | undefined;
  /** A settings value by name (AUTH_USER_MODEL). */
  setting(name: string): string | null;
  /** An attribute of a Choices class defined in this module (`Status.DRAFT`, `Status.choices`). */
  choices?(dotted: string): NV | undefined;
}

const TRANSLATE = new Set([
  "django.utils.translation.gettext_lazy",
  "django.utils.translation.gettext",
  "django.utils.translation.ugettext_lazy",
  "django.utils.translation.ugettext",
  "django.utils.translation.gettext_noop",
]);

/** Calls whose result deconstructs to the call itself (path, args, kwargs as written). */
function deconstructibleCall(path: string): boolean {
  return (
    /^django\.core\.validators\.\w+$/.test(path) ||
    /^django\.contrib\.\w+\.validators\.\w+$/.test(path) ||
    /^django\.db\.models\.(Index|UniqueConstraint|CheckConstraint|F|Value|OrderBy|Deferrable)$/.test(path) ||
    /^django\.db\.models\.functions\.\w+$/.test(path) ||
    /^django\.contrib\.auth\.models\.\w*Manager$/.test(path) ||
    path === "django.db.models.Manager" ||
    path === "decimal.Decimal" ||
    path === "datetime.date" ||
    path === "datetime.timedelta" ||
    path === "uuid.UUID"
  );
}

/** Evaluates an expression into its normalised value; throws Unknowable when it cannot. */
export function evaluate(e: Expr, ctx: EvalContext, depth = 0): NV {
  if (depth > 20) unknowable("expression too deep");
  switch (e.kind) {
    case "str":
      if (!e.exact) unknowable("a string that is not a literal");
      if (e.bytes) unknowable("bytes literal");
      return str(e.value);
    case "num":
      if (!/^[0-9_]+$|^[0-9_]*\.[0-9_]*(e[+-]?\d+)?$/i.test(e.raw)) unknowable(`number ${e.raw}`);
      return { t: "num", v: String(Number(e.raw.replace(/_/g, ""))) };
    case "const":
      return e.value === null ? NONE : bool(e.value);
    case "unary":
      if (e.op === "-" && e.operand.kind === "num") {
        const n = evaluate(e.operand, ctx, depth + 1);
        return { t: "num", v: String(-Number((n as { v: string }).v)) };
      }
      if (e.op === "~") return qNegate(evaluate(e.operand, ctx, depth + 1));
      return unknowable(`unary ${e.op}`);
    case "list":
    case "tuple":
    case "set":
      return { t: e.kind, items: e.elts.map((x) => (x.kind === "starred" ? unknowable("starred item") : evaluate(x, ctx, depth + 1))) };
    case "dict":
      return {
        t: "dict",
        entries: e.items.map((i): [NV, NV] => (i.key ? [evaluate(i.key, ctx, depth + 1), evaluate(i.value, ctx, depth + 1)] : unknowable("dict spread"))),
      };
    case "binop":
      if (e.op === "&" || e.op === "|") return qCombine(evaluate(e.left, ctx, depth + 1), evaluate(e.right, ctx, depth + 1), e.op === "&" ? "AND" : "OR");
      if (e.op === "+" && e.left.kind === "str" && e.right.kind === "str") return str(e.left.value + e.right.value);
      return unknowable(`operator ${e.op}`);
    case "name":
    case "attr":
      return evalName(e, ctx, depth);
    case "call":
      return evalCall(e, ctx, depth);
    default:
      return unknowable(`${e.kind} expression`);
  }
}

function evalName(e: Expr, ctx: EvalContext, depth: number): NV {
  const dotted = dottedName(e);
  if (!dotted) return unknowable("attribute of an expression");
  const fromChoices = ctx.choices?.(dotted);
  if (fromChoices) return fromChoices;
  if (!dotted.includes(".")) {
    const c = ctx.constant?.(dotted);
    if (c) return evaluate(c, ctx, depth + 1);
  }
  const full = ctx.resolve(dotted);
  if (full !== null && full.startsWith("django.conf.settings.")) {
    const name = full.slice("django.conf.settings.".length);
    const v = ctx.setting(name);
    return v === null ? unknowable(`settings.${name} is not known`) : str(v);
  }
  if (!full) return unknowable(`${dotted} is not known`);
  return { t: "ref", path: canonicalPath(full) };
}

function evalCall(e: CallExpr, ctx: EvalContext, depth: number): NV {
  const callee = dottedName(e.func);
  const full = callee ? ctx.resolve(callee) : null;
  if (!full) return unknowable(`call of ${callee ?? "an expression"}`);
  const path = canonicalPath(full);
  if (TRANSLATE.has(path) && e.args.length === 1 && e.keywords.length === 0) return evaluate(e.args[0], ctx, depth + 1);
  if (path === "django.utils.translation.pgettext_lazy" && e.args.length === 2) return evaluate(e.args[1], ctx, depth + 1);
  if (path === "django.db.migrations.swappable_dependency" && e.args.length === 1) {
    const v = evaluate(e.args[0], ctx, depth + 1);
    if (v.t !== "str") return unknowable("swappable_dependency of a non-string");
    return { t: "tuple", items: [str(v.v.split(".")[0]), str("__first__")] };
  }
  if (e.args.some((a) => a.kind === "starred") || e.keywords.some((k) => !k.name)) return unknowable("call with * or ** arguments");
  const args = e.args.map((a) => evaluate(a, ctx, depth + 1));
  const kwargs = e.keywords.map((k): [string, NV] => [k.name, evaluate(k.value, ctx, depth + 1)]);
  if (path === "django.db.models.Q") return makeQ(args, kwargs);
  if (!deconstructibleCall(path)) return unknowable(`call of ${path}`);
  return { t: "call", path, args, kwargs: sortKwargs(kwargs) };
}

export function sortKwargs(kwargs: [string, NV][]): [string, NV][] {
  const m = new Map(kwargs);
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

// ---- Q objects: Django's tree.Node construction and combination, so that Q(a=1) & Q(b=2) and
// the migration writer's `models.Q(('a', 1), ('b', 2))` meet in one form.
const Q = "django.db.models.Q";

interface QParts {
  children: NV[];
  connector: string;
  negated: boolean;
}

function qParts(v: NV): QParts | null {
  if (v.t !== "call" || v.path !== Q) return null;
  const conn = v.kwargs.find(([k]) => k === "_connector")?.[1];
  const neg = v.kwargs.find(([k]) => k === "_negated")?.[1];
  return { children: v.args, connector: conn?.t === "str" ? conn.v : "AND", negated: neg?.t === "bool" && neg.v };
}

function qValue(p: QParts): NV {
  const kwargs: [string, NV][] = [];
  if (p.connector !== "AND") kwargs.push(["_connector", str(p.connector)]);
  if (p.negated) kwargs.push(["_negated", bool(true)]);
  return { t: "call", path: Q, args: p.children, kwargs };
}

function makeQ(args: NV[], kwargs: [string, NV][]): NV {
  let connector = "AND";
  let negated = false;
  const rest: [string, NV][] = [];
  for (const [k, v] of kwargs) {
    if (k === "_connector" && v.t === "str") connector = v.v;
    else if (k === "_connector" && v.t === "none") connector = "AND";
    else if (k === "_negated" && v.t === "bool") negated = v.v;
    else rest.push([k, v]);
  }
  const children = [...args, ...sortKwargs(rest).map(([k, v]): NV => ({ t: "tuple", items: [str(k), v] }))];
  return qValue({ children, connector, negated });
}

function qAdd(target: QParts, data: NV, conn: string): void {
  const d = qParts(data);
  if (d && !d.negated && (d.connector === conn || d.children.length === 1)) target.children.push(...d.children);
  else target.children.push(data);
}

function qCombine(a: NV, b: NV, conn: string): NV {
  const pa = qParts(a);
  const pb = qParts(b);
  if (!pa || !pb) return unknowable("& or | of values that are not Q objects");
  if (pb.children.length === 0) return a;
  if (pa.children.length === 0) return b;
  const out: QParts = { children: [], connector: conn, negated: false };
  qAdd(out, a, conn);
  qAdd(out, b, conn);
  return qValue(out);
}

function qNegate(a: NV): NV {
  const p = qParts(a);
  if (!p) return unknowable("~ of a value that is not a Q object");
  // Q.__invert__: obj = self.copy(); obj.negate()
  return qValue({ ...p, negated: !p.negated });
}
