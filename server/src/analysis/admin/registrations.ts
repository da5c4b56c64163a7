// What `admin.autodiscover()` registers on the default admin site: every installed app's `admin`
// module is imported in INSTALLED_APPS order, and each `admin.site.register(...)` call or
// `@admin.register(...)` decorator at module level adds models with their ModelAdmin class.
// Registrations on other sites, in loops or with computed arguments make the picture incomplete:
// rules then make no claim that depends on the whole registry.
import type { DjangoProject } from "../../project/project";
import { topLevel } from "../../python/exprUtil";
import type { CallExpr, ClassDef, Expr, Location, Stmt } from "../../python/types";
import { modelRegistry } from "../models/registry";
import { resolveExpr } from "../models/names";
import type { ModelInfo } from "../models/types";
import { appRegistry } from "../settings/apps";
import { type AdminClass, readAdminClass } from "./adminClass";

export type ModelRef =
  | { kind: "model"; model: ModelInfo }
  /** A name bound by nothing: NameError when admin.py is imported. */
  | { kind: "undefined"; name: string }
  /** An abstract model class: ImproperlyConfigured. */
  | { kind: "abstract"; name: string }
  | { kind: "unknown" };

export interface Registration {
  file: string;
  /** The register call (or decorator) expression: where an import-time error points. */
  at: Location;
  modelExpr: Expr;
  model: ModelRef;
  /** The ModelAdmin class; null for the default ModelAdmin; "unknown" when not visible. */
  admin: AdminClass | null | "unknown";
}

export interface AdminRegistry {
  registrations: Registration[];
  /** Every registration on the default site is known (no dynamic ones, no unseen admin modules). */
  complete: boolean;
  /** The admin module files read. */
  files: string[];
  /** Model labels Django's own apps register (auth.User, auth.Group) with their search_fields. */
  builtin: Map<string, { admin: string; searchFields: boolean }>;
}

const REGISTER = /^(django\.contrib\.admin\.site\.register|django\.contrib\.admin\.sites\.site\.register)$/;
const DECORATOR = /^django\.contrib\.admin(\.decorators)?\.register$/;

export function adminRegistry(project: DjangoProject): AdminRegistry {
  return project.index.memo(`admin:${project.managePy}:${project.options.settingsModule ?? ""}`, () => build(project));
}

function build(project: DjangoProject): AdminRegistry {
  const apps = appRegistry(project);
  const reg = modelRegistry(project);
  const out: AdminRegistry = { registrations: [], complete: apps.complete && apps.unresolved.length === 0, files: [], builtin: new Map() };
  const adminInstalled = apps.apps.some((a) => a.name === "django.contrib.admin" || a.label === "admin");
  if (!adminInstalled) return out;
  for (const app of apps.apps) {
    if (app.origin === "django") {
      if (app.label === "auth") {
        out.builtin.set("auth.group", { admin: "auth.GroupAdmin", searchFields: true });
        if (!reg.get("auth.User")?.swappedBy) out.builtin.set("auth.user", { admin: "auth.UserAdmin", searchFields: true });
      }
      continue;
    }
    if (app.origin === "external") {
      out.complete = false;
      continue;
    }
    const mod = project.modules.resolveModule(`${app.name}.admin`);
    if (!mod?.file) continue;
    out.files.push(mod.file);
    const summary = project.index.summary(mod.file);
    if (!summary) continue;
    readModule(project, mod.file, summary.statements, out);
  }
  return out;
}

function readModule(project: DjangoProject, file: string, statements: Stmt[], out: AdminRegistry): void {
  const handled = new Set<CallExpr>();
  for (const s of topLevel(statements)) {
    if (s.kind === "class") {
      for (const d of s.decorators) {
        if (d.kind !== "call" || !isCallee(project, file, d.func, DECORATOR)) continue;
        handled.add(d);
        if (d.keywords.some((k) => k.name === "site")) {
          out.complete = false;
          continue;
        }
        addModels(project, file, d, d.args, readAdminClass(project, file, s), out);
      }
      continue;
    }
    if (s.kind !== "expr" || s.value.kind !== "call") continue;
    const call = s.value;
    if (!isCallee(project, file, call.func, REGISTER)) continue;
    handled.add(call);
    const adminArg = call.args[1] ?? call.keywords.find((k) => k.name === "admin_class")?.value;
    let admin: Registration["admin"] = null;
    if (adminArg) {
      const t = resolveExpr(project, file, adminArg);
      admin = t.kind === "class" ? readAdminClass(project, t.file, t.cls) : "unknown";
    }
    if (call.keywords.some((k) => k.name !== "admin_class") || call.args.length > 2) out.complete = false; // options build a subclass
    addModels(project, file, call, call.args.slice(0, 1), admin, out);
  }
  // Any other register() (a custom site, inside a function or loop) may register models we do not see.
  for (const c of project.index.summary(file)?.calls ?? []) {
    if (!handled.has(c.call) && /(^|\.)register$/.test(c.callee ?? "")) out.complete = false;
  }
}

function isCallee(project: DjangoProject, file: string, func: Expr, re: RegExp): boolean {
  const t = resolveExpr(project, file, func);
  return t.kind === "external" && re.test(t.path);
}

function addModels(project: DjangoProject, file: string, call: CallExpr, args: Expr[], admin: Registration["admin"], out: AdminRegistry): void {
  const at: Location = { file, range: call.range };
  for (const a of args) {
    const items = a.kind === "list" || a.kind === "tuple" ? a.elts : [a];
    for (const e of items) {
      const model = modelRef(project, file, e);
      if (model.kind === "unknown") out.complete = false;
      out.registrations.push({ file, at, modelExpr: e, model, admin });
    }
  }
}

function modelRef(project: DjangoProject, file: string, e: Expr): ModelRef {
  const reg = modelRegistry(project);
  const t = resolveExpr(project, file, e);
  if (t.kind === "undefined") return { kind: "undefined", name: t.name };
  if (t.kind === "class") {
    const m = reg.byPath(t.path);
    if (!m) return { kind: "unknown" };
    return m.abstract ? { kind: "abstract", name: m.name } : { kind: "model", model: m };
  }
  if (t.kind === "external") {
    const m = reg.models.find((x) => x.origin === "django" && x.path === t.path);
    return m ? { kind: "model", model: m } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}

export type { AdminClass, ClassDef };
