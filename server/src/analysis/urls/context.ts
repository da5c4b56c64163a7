// What a URLconf (or views) module's names refer to: its imports as absolute dotted origins, so
// `path` is recognised as django.urls.path however it was imported, and settings values with
// Django's defaults for the few settings URLconfs consult.
import type { Value } from "../../project/evaluate";
import { truthy as valueTruthy } from "../../project/values";
import type { ResolvedModule } from "../../project/modules";
import type { DjangoProject } from "../../project/project";
import { dottedName, topLevel } from "../../python/exprUtil";
import type { Expr, Location, ModuleSummary } from "../../python/types";
import { readSettings } from "../settings/settings";

export interface ModuleCtx {
  project: DjangoProject;
  module: string;
  file: string;
  summary: ModuleSummary;
  resolved: ResolvedModule;
  /** Local name → absolute dotted origin (`path` → `django.urls.path`, `views` → `shop.views`). */
  imports: Map<string, string>;
  /** Names defined at module level by def/class. */
  defs: Set<string>;
}

export function moduleCtx(project: DjangoProject, module: string): ModuleCtx | null {
  const resolved = project.modules.resolveModule(module);
  if (!resolved?.file) return null;
  const summary = project.index.summary(resolved.file);
  if (!summary) return null;
  return { project, module, file: resolved.file, summary, resolved, ...moduleNames(project, resolved.file, summary) };
}

/** A module's imports as absolute dotted origins, and its own def/class names. */
export function moduleNames(project: DjangoProject, file: string, summary: ModuleSummary): Pick<ModuleCtx, "imports" | "defs"> {
  const imports = new Map<string, string>();
  const defs = new Set<string>();
  for (const s of topLevel(summary.statements)) {
    if (s.kind === "import") {
      for (const n of s.names) {
        if (n.asname) imports.set(n.asname, n.module);
        else imports.set(n.module.split(".")[0], n.module.split(".")[0]);
      }
    } else if (s.kind === "from" && s.names !== "*") {
      const base = project.modules.absoluteImport(file, s.level, s.module);
      if (!base) continue;
      for (const n of s.names) imports.set(n.asname ?? n.name, `${base}.${n.name}`);
    } else if (s.kind === "def" || s.kind === "class") {
      defs.add(s.name);
      imports.delete(s.name);
    }
  }
  return { imports, defs };
}

/** The absolute dotted name an expression refers to through the module's imports, or null. */
export function originOf(ctx: Pick<ModuleCtx, "module" | "imports" | "defs">, e: Expr): string | null {
  const d = dottedName(e);
  if (!d) return null;
  const [first, ...rest] = d.split(".");
  const base = ctx.imports.get(first) ?? (ctx.defs.has(first) ? `${ctx.module}.${first}` : null);
  if (!base) return null;
  return rest.length ? `${base}.${rest.join(".")}` : base;
}

export function at(ctx: ModuleCtx, e: { range: Location["range"] }): Location {
  return { file: ctx.file, range: e.range };
}

const DEFAULTS: Record<string, Value> = {
  DEBUG: { k: "bool", v: false },
  USE_I18N: { k: "bool", v: true },
  APPEND_SLASH: { k: "bool", v: true },
  LANGUAGE_CODE: { k: "str", v: "en-us" },
  MEDIA_URL: { k: "str", v: "" },
  STATIC_URL: { k: "none" },
};

/** A setting's value with Django's default; undefined when it is not statically known. */
export function setting(project: DjangoProject, name: string): Value | undefined {
  const s = readSettings(project);
  if (!s.file) return undefined;
  const v = s.get(name);
  if (v === undefined) return DEFAULTS[name];
  if (v.k === "unknown" || v.maybe) return undefined;
  return v;
}

/** Python truthiness of a value, or null when it is not known. */
export function truthy(v: Value | undefined): boolean | null {
  return v ? valueTruthy(v) : null;
}

/**
 * An `if` test in a URLconf: `settings.DEBUG`, `not …`, `"app" in settings.INSTALLED_APPS`.
 * null when it is not statically known (both branches then count, marked conditional).
 */
export function evalCondition(ctx: ModuleCtx, e: Expr): boolean | null {
  if (e.kind === "const") return e.value === null ? false : e.value;
  if (e.kind === "attr") {
    const o = originOf(ctx, e);
    if (o?.startsWith("django.conf.settings.") && o.split(".").length === 4) return truthy(setting(ctx.project, e.attr));
    return null;
  }
  if (e.kind === "unknown") {
    const text = e.text.trim();
    const not = /^not\s+(.+)$/s.exec(text);
    if (not) {
      const inner = conditionText(ctx, not[1]);
      return inner === null ? null : !inner;
    }
    return conditionText(ctx, text);
  }
  return null;
}

function conditionText(ctx: ModuleCtx, text: string): boolean | null {
  const t = text.trim().replace(/^\((.*)\)$/s, "$1").trim();
  const m = /^(['"])([^'"\\]*)\1\s+(not\s+in|in)\s+([A-Za-z_][\w]*)\.([A-Z_][A-Z0-9_]*)$/.exec(t);
  if (m) {
    if (ctx.imports.get(m[4]) !== "django.conf.settings") return null;
    const v = setting(ctx.project, m[5]);
    if (!v || (v.k !== "list" && v.k !== "tuple")) return null;
    if (v.items.some((i) => i.k !== "str" || i.maybe)) return null;
    const has = v.items.some((i) => i.k === "str" && i.v === m[2]);
    return m[3] === "in" ? has : !has;
  }
  const attr = /^([A-Za-z_]\w*)\.([A-Z_][A-Z0-9_]*)$/.exec(t);
  if (attr && ctx.imports.get(attr[1]) === "django.conf.settings") return truthy(setting(ctx.project, attr[2]));
  return null;
}

/** Python's repr() of a str. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/** Python str() of a literal expression, or null when it is not a plain literal. */
export function pyStr(e: Expr): string | null {
  switch (e.kind) {
    case "str":
      return e.exact && !e.bytes ? e.value : null;
    case "num":
      return /^-?\d+$/.test(e.raw.replace(/_/g, "")) ? BigInt(e.raw.replace(/_/g, "")).toString() : null;
    case "const":
      return e.value === null ? "None" : e.value ? "True" : "False";
    default:
      return null;
  }
}
