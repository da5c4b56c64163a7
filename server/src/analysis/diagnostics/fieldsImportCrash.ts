// Mistakes that make importing a models module raise, so Django never starts: a field class that
// does not exist, an unbound name, arguments Django's field constructors reject. Each is a `lens.*`
// code with severity error. Only class bodies run at import, so only they are checked, and only
// against Django's own (catalogued) classes: third-party and workspace classes are not judged.
import { dottedName, topLevel } from "../../python/exprUtil";
import type { CallExpr, ClassDef, Expr, Stmt } from "../../python/types";
import type { DjangoProject } from "../../project/project";
import { type CatalogField, type FieldCatalog, fieldCatalog } from "../models/fieldCatalog";
import { type NameTarget, resolveExprDirect } from "../models/names";
import { closest } from "../models/suggest";
import { FILE_CHECKS, groupRule, modelsFileFindings } from "./modelsShared";
import type { Finding, Rule } from "./types";

type Raw = Omit<Finding, "code" | "severity">;

interface Context {
  /** Resolves a name of the module (each name once per module check). */
  resolve(expr: Expr): NameTarget;
  project: DjangoProject;
  catalog: FieldCatalog;
  file: string;
}

/** A models module's statements and class bodies (nested classes included). */
function classesOf(project: DjangoProject, file: string): { stmts: Stmt[]; classes: ClassDef[] } | null {
  const summary = project.index.summary(file);
  if (!summary) return null;
  const classes: ClassDef[] = [];
  const collect = (stmts: Stmt[]) => {
    for (const s of topLevel(stmts)) {
      if (s.kind === "class") {
        classes.push(s);
        collect(s.body);
      }
    }
  };
  collect(summary.statements);
  return { stmts: summary.statements, classes };
}

/** Calls in a class body that run at import: the value of each body assignment (not nested defs). */
function bodyCalls(cls: ClassDef): CallExpr[] {
  const out: CallExpr[] = [];
  for (const s of topLevel(cls.body)) {
    if (s.kind === "assign" && s.value?.kind === "call") out.push(s.value);
    if (s.kind === "expr" && s.value.kind === "call") out.push(s.value);
  }
  return out;
}

/** The catalogued Django field class a callee names, if any. */
function djangoField(ctx: Context, func: Expr): CatalogField | null {
  const t = ctx.resolve(func);
  return t.kind === "external" ? (ctx.catalog.field(t.path) ?? null) : null;
}

type Check = (ctx: Context, classes: ClassDef[], stmts: Stmt[]) => Raw[];

/** Every rule's check of this module, run together per models module. */
const CHECKS: [code: string, check: Check][] = [];

// Run with the other model rules, once per models module (a module listed twice reports once: deduplicated).
FILE_CHECKS.push((project, _module, file, out) => {
  const body = classesOf(project, file);
  if (!body) return;
  const names = new Map<string, NameTarget>();
  const resolve = (e: Expr): NameTarget => {
    const d = dottedName(e);
    if (!d) return { kind: "unknown" };
    let t = names.get(d);
    if (!t) names.set(d, (t = resolveExprDirect(project, file, e)));
    return t;
  };
  const ctx: Context = { project, catalog: fieldCatalog(project.djangoVersion()), file, resolve };
  for (const [code, check] of CHECKS) for (const raw of check(ctx, body.classes, body.stmts)) out.push({ code, raw });
});

function rule(code: string, description: string, check: Check): Rule {
  CHECKS.push([code, check]);
  return groupRule(code, "error", description, modelsFileFindings);
}

export const unknownFieldClass = rule(
  "lens.unknown-field-class",
  "A models module uses a name Django's model modules do not have (models.CharFiled): AttributeError or ImportError at import.",
  (ctx, classes, stmts) => {
    const out: Raw[] = [];
    for (const s of topLevel(stmts)) {
      if (s.kind !== "from" || s.names === "*" || s.level > 0) continue;
      const exports = ctx.catalog.exports(s.module);
      if (!exports || !ctx.catalog.exact) continue;
      for (const n of s.names) {
        if (exports.includes(n.name)) continue;
        const hint = closest(n.name, exports);
        out.push({
          file: ctx.file,
          range: n.range,
          message: `cannot import name '${n.name}' from '${s.module}'${hint ? `. Did you mean '${hint}'?` : ""}`,
          data: hint ? { replacement: hint } : undefined,
        });
      }
    }
    for (const cls of classes) {
      for (const call of bodyCalls(cls)) {
        if (call.func.kind !== "attr") continue;
        const owner = ctx.resolve(call.func.object);
        if (owner.kind !== "external" || !ctx.catalog.exact) continue;
        const exports = ctx.catalog.exports(owner.path);
        if (!exports || exports.includes(call.func.attr)) continue;
        const hint = closest(call.func.attr, exports);
        out.push({
          file: ctx.file,
          range: call.func.attrRange,
          message: `module '${owner.path}' has no attribute '${call.func.attr}'${hint ? `. Did you mean: '${hint}'?` : ""}`,
          data: hint ? { replacement: hint } : undefined,
        });
      }
    }
    return out;
  },
);

export const undefinedName = rule(
  "lens.undefined-name",
  "A model class body uses a name bound nowhere in the module (model.IntegerField when only `models` is imported): NameError at import.",
  (ctx, classes, stmts) => {
    const out: Raw[] = [];
    const moduleNames = new Set<string>();
    for (const s of topLevel(stmts)) {
      if (s.kind === "import") for (const n of s.names) moduleNames.add(n.asname ?? n.module.split(".")[0]);
      if (s.kind === "from" && s.names !== "*") for (const n of s.names) moduleNames.add(n.asname ?? n.name);
    }
    for (const cls of classes) {
      // Names the class body binds before use shadow the module's; stay silent on those.
      const local = new Set<string>();
      for (const s of topLevel(cls.body)) {
        if (s.kind === "assign" && s.value?.kind === "call") {
          const head = headName(s.value.func);
          if (head && !local.has(head.name) && ctx.resolve(head.expr).kind === "undefined") {
            const hint = closest(head.name, [...moduleNames]);
            out.push({
              file: ctx.file,
              range: head.expr.range,
              message: `name '${head.name}' is not defined${hint ? `. Did you mean: '${hint}'?` : ""}`,
              data: hint ? { replacement: hint } : undefined,
            });
          }
        }
        if (s.kind === "assign") for (const t of s.targets) if (t.kind === "name") local.add(t.id);
        if (s.kind === "def" || s.kind === "class") local.add(s.name);
      }
    }
    return out;
  },
);

function headName(e: Expr): { name: string; expr: Expr } | null {
  if (e.kind === "name") return { name: e.id, expr: e };
  if (e.kind === "attr") return headName(e.object);
  return null;
}

/** Arguments a catalogued field constructor rejects with TypeError. */
function argumentProblems(f: CatalogField, call: CallExpr): { kind: "keyword" | "positional" | "missing"; message: string; at: Expr | { range: CallExpr["range"] }; param?: string }[] {
  const out: ReturnType<typeof argumentProblems> = [];
  const dynamic = call.args.some((a) => a.kind === "starred");
  const cls = `${f.name}.__init__()`;
  for (const k of call.keywords) {
    if (!f.keywords.includes(k.name)) {
      out.push({ kind: "keyword", message: `${cls} got an unexpected keyword argument '${k.name}'`, at: { range: k.nameRange }, param: k.name });
    }
  }
  if (dynamic) return out;
  if (call.args.length > f.positional.length) {
    out.push({ kind: "positional", message: `${cls} takes from 1 to ${f.positional.length + 1} positional arguments but ${call.args.length + 1} were given`, at: call.args[f.positional.length] });
    return out;
  }
  const given = new Set(f.positional.slice(0, call.args.length));
  for (const k of call.keywords) {
    if (given.has(k.name)) out.push({ kind: "positional", message: `${cls} got multiple values for argument '${k.name}'`, at: { range: k.nameRange } });
  }
  if (call.keywords.some((k) => k.value.kind === "starred")) return out;
  const missing = f.required.filter((r) => !given.has(r) && !call.keywords.some((k) => k.name === r));
  if (missing.length) {
    const list = missing.map((m) => `'${m}'`).join(" and ");
    out.push({ kind: "missing", message: `${cls} missing ${missing.length} required argument${missing.length > 1 ? "s" : ""}: ${list}`, at: { range: call.range }, param: missing.join(",") });
  }
  return out;
}

function argumentRule(code: string, description: string, pick: (p: ReturnType<typeof argumentProblems>[number], f: CatalogField) => boolean, extra?: (f: CatalogField, call: CallExpr) => Raw["data"]) {
  return rule(code, description, (ctx, classes) => {
    const out: Raw[] = [];
    // Keyword sets differ by version (db_comment 4.2, db_default 5.0): claim only on a catalogued line.
    if (!ctx.catalog.exact) return out;
    for (const cls of classes) {
      for (const call of bodyCalls(cls)) {
        const f = djangoField(ctx, call.func);
        if (!f) continue;
        for (const p of argumentProblems(f, call)) {
          if (!pick(p, f)) continue;
          out.push({ file: ctx.file, range: p.at.range, message: p.message, data: { ...(extra?.(f, call) ?? {}), param: p.param } });
        }
      }
    }
    return out;
  });
}

export const unknownFieldArgument = argumentRule(
  "lens.unknown-field-argument",
  "A Django field is given a keyword argument it does not accept (max_lenght=): TypeError at import.",
  (p) => p.kind === "keyword",
  undefined,
);

export const fieldPositionalArguments = argumentRule(
  "lens.field-positional-arguments",
  "A Django field is given too many positional arguments, or one both by position and by keyword: TypeError at import.",
  (p) => p.kind === "positional",
);

export const missingOnDelete = argumentRule(
  "lens.missing-on-delete",
  "ForeignKey / OneToOneField without on_delete: TypeError at import.",
  (p) => p.kind === "missing" && (p.param ?? "").split(",").includes("on_delete"),
);

export const missingFieldArgument = argumentRule(
  "lens.missing-field-argument",
  "A Django field lacks a required argument other than on_delete (ForeignKey without a model, GeneratedField without expression): TypeError at import.",
  (p) => p.kind === "missing" && !(p.param ?? "").split(",").includes("on_delete"),
);

export const invalidOnDelete = rule(
  "lens.invalid-on-delete",
  "on_delete given a string or number instead of a callable such as models.CASCADE: TypeError at import.",
  (ctx, classes) => {
    const out: Raw[] = [];
    for (const cls of classes) {
      for (const call of bodyCalls(cls)) {
        const f = djangoField(ctx, call.func);
        if (!f || !f.positional.includes("on_delete")) continue;
        const idx = f.positional.indexOf("on_delete");
        const arg = call.keywords.find((k) => k.name === "on_delete")?.value ?? (call.args.slice(0, idx).every((a) => a.kind !== "starred") ? call.args[idx] : undefined);
        if (arg && (arg.kind === "str" || arg.kind === "num" || arg.kind === "const" || arg.kind === "list" || arg.kind === "tuple" || arg.kind === "dict")) {
          out.push({ file: ctx.file, range: arg.range, message: "on_delete must be callable.", data: { param: "on_delete" } });
        }
      }
    }
    return out;
  },
);

export const IMPORT_CRASH_RULES: Rule[] = [
  unknownFieldClass,
  undefinedName,
  unknownFieldArgument,
  fieldPositionalArguments,
  missingOnDelete,
  missingFieldArgument,
  invalidOnDelete,
];
