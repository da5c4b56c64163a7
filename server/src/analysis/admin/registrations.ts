// What `admin.autodiscover()` registers on the default admin site: every installed app's `admin`
// module is imported in INSTALLED_APPS order, and each `admin.site.register(...)` call or
// `@admin.register(...)` decorator at module level adds models with their ModelAdmin class.
// Registrations on other sites, in loops or with computed arguments make the picture incomplete:
// rules then make no claim that depends on the whole registry.
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { topLevel } from "../../python/exprUtil";
import type { CallExpr, ClassDef, Expr, Location, Stmt } from "../../python/types";
import { type ModelLabels, modelLabels } from "../models/labels";
import { modelRegistry, modelsContext } from "../models/registry";
import { resolveExprDirect } from "../models/names";
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

/** A registered model as one admin module sees it: by class path and label (no model contents). */
export type ModelRefFact =
  | { kind: "model"; path: string; label: string }
  | { kind: "undefined"; name: string }
  | { kind: "abstract"; name: string }
  | { kind: "unknown" };

export interface FileRegistration {
  file: string;
  at: Location;
  modelExpr: Expr;
  /** What the model expression names, before the label index says whether it is a model (see `modelRef`). */
  target: { kind: "class" | "external"; path: string } | { kind: "undefined"; name: string } | { kind: "unknown" };
  admin: AdminClass | null | "unknown";
}

/**
 * One admin module's registrations on the default site, and whether it may register more we
 * cannot see besides models we do not know (a registration whose `modelRef` is unknown).
 */
export interface AdminFile {
  file: string;
  registrations: FileRegistration[];
  complete: boolean;
}

/** A registration's model, by the label index: a registered model, an abstract one, or unknown. */
export function modelRef(labels: ModelLabels, r: FileRegistration): ModelRefFact {
  const t = r.target;
  if (t.kind === "undefined") return { kind: "undefined", name: t.name };
  if (t.kind === "class" || t.kind === "external") {
    const p = labels.paths.get(t.path);
    // A workspace class the registry holds, or one of Django's registered models.
    if (!p?.inRegistry || (t.kind === "class") !== (p.file !== null)) return { kind: "unknown" };
    return p.kind === "abstract" ? { kind: "abstract", name: t.path.slice(t.path.lastIndexOf(".") + 1) } : { kind: "model", path: t.path, label: p.label };
  }
  return { kind: "unknown" };
}

/** The installed apps' admin modules, in autodiscover order (empty when the admin is not installed). */
export function adminFiles(project: DjangoProject): { files: string[]; complete: boolean; builtin: AdminRegistry["builtin"] } {
  return project.index.memo(
    `adminFiles:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const apps = appRegistry(project);
      const auth = modelsContext(project).authUserModel;
      const out = { files: [] as string[], complete: apps.complete && apps.unresolved.length === 0, builtin: new Map<string, { admin: string; searchFields: boolean }>() };
      if (!apps.apps.some((a) => a.name === "django.contrib.admin" || a.label === "admin")) return out;
      for (const app of apps.apps) {
        if (app.origin === "django") {
          if (app.label === "auth") {
            out.builtin.set("auth.group", { admin: "auth.GroupAdmin", searchFields: true });
            // Unless AUTH_USER_MODEL swaps auth.User out.
            if (!auth || auth.toLowerCase() === "auth.user") out.builtin.set("auth.user", { admin: "auth.UserAdmin", searchFields: true });
          }
          continue;
        }
        if (app.origin === "external") {
          out.complete = false;
          continue;
        }
        const mod = project.modules.resolveModule(`${app.name}.admin`);
        if (mod?.file) out.files.push(mod.file);
      }
      return out;
    },
    { equals: deepEqual },
  );
}

/** One admin module's registrations, memoised per file (models are neither read nor looked up). */
export function adminFile(project: DjangoProject, file: string): AdminFile {
  return project.index.memo(`adminFile:${project.managePy}:${project.options.settingsModule ?? ""}:${file}`, () => {
    const out: AdminFile = { file, registrations: [], complete: true };
    const summary = project.index.summary(file);
    if (summary) readModule(project, file, summary.statements, out);
    return out;
  });
}

/** What an admin module's import does, without positions of anything but that module (for replays across modules). */
export interface AdminFacts {
  /** No registration of this module escapes us. */
  complete: boolean;
  /** The module calls unregister() somewhere. */
  unregisters: boolean;
  /** `from x import Name` where workspace module x defines no Name (ImportError), in order. */
  importErrors: { at: Location; message: string; data: Record<string, unknown> }[];
  registrations: (
    | { kind: "undefined"; at: Location; name: string }
    | { kind: "abstract"; at: Location; name: string }
    | { kind: "model"; at: Location; path: string; label: string; name: string; appLabel: string; swapped: boolean; admin: null | "unknown" | { name: string; known: boolean; searchFieldsEmpty: boolean } }
    | { kind: "unknown" }
  )[];
}

/** One admin module's facts, with early cutoff: an edit elsewhere that leaves them equal reaches no replay. */
export function adminFacts(project: DjangoProject, file: string): AdminFacts {
  return project.index.memo(
    `adminFacts:${project.managePy}:${project.options.settingsModule ?? ""}:${file}`,
    () => {
      const labels = modelLabels(project);
      const f = adminFile(project, file);
      const out: AdminFacts = { complete: f.complete, unregisters: false, importErrors: importErrors(project, file), registrations: [] };
      for (const c of project.index.summary(file)?.calls ?? []) if (/(^|\.)unregister$/.test(c.callee ?? "")) out.unregisters = true;
      for (const r of f.registrations) {
        const m = modelRef(labels, r);
        if (m.kind === "unknown") out.complete = false;
        if (m.kind === "undefined") out.registrations.push({ kind: "undefined", at: { file, range: r.modelExpr.range }, name: m.name });
        else if (m.kind === "abstract") out.registrations.push({ kind: "abstract", at: r.at, name: m.name });
        else if (m.kind === "model") {
          const a = r.admin;
          const sf = a && a !== "unknown" ? a.options.get("search_fields") : undefined;
          const searchFieldsEmpty = !sf || ((sf.expr.kind === "list" || sf.expr.kind === "tuple") && sf.expr.elts.length === 0);
          out.registrations.push({
            kind: "model",
            at: r.at,
            path: m.path,
            label: m.label,
            name: m.path.slice(m.path.lastIndexOf(".") + 1),
            appLabel: m.label.split(".")[0],
            swapped: !!labels.paths.get(m.path)?.swapped,
            admin: a === null || a === "unknown" ? a : { name: a.name, known: a.known, searchFieldsEmpty },
          });
        } else out.registrations.push({ kind: "unknown" });
      }
      return out;
    },
    { equals: deepEqual },
  );
}

/** `from x import Name` where workspace module x defines no Name. */
function importErrors(project: DjangoProject, file: string): AdminFacts["importErrors"] {
  const out: AdminFacts["importErrors"] = [];
  for (const s of topLevel(project.index.summary(file)?.statements ?? [])) {
    if (s.kind !== "from" || s.names === "*") continue;
    const target = project.modules.absoluteImport(file, s.level, s.module);
    const mod = target ? project.modules.resolveModule(target) : null;
    if (!target || !mod?.file) continue;
    const summary = project.index.summary(mod.file);
    if (!summary || summary.statements.some((x) => x.kind === "from" && x.names === "*")) continue;
    for (const n of s.names) {
      if (project.modules.lookupIn(mod, [n.name]) || project.modules.resolveModule(`${target}.${n.name}`)) continue;
      out.push({ at: { file, range: s.range }, message: `cannot import name '${n.name}' from '${target}' (${mod.file})`, data: { name: n.name, module: target } });
      break;
    }
  }
  return out;
}

export function adminRegistry(project: DjangoProject): AdminRegistry {
  return project.index.memo(`admin:${project.managePy}:${project.options.settingsModule ?? ""}`, () => build(project));
}

function build(project: DjangoProject): AdminRegistry {
  const reg = modelRegistry(project);
  const labels = modelLabels(project);
  const files = adminFiles(project);
  const out: AdminRegistry = { registrations: [], complete: files.complete, files: files.files, builtin: files.builtin };
  for (const file of files.files) {
    const f = adminFile(project, file);
    if (!f.complete) out.complete = false;
    for (const r of f.registrations) {
      const ref = modelRef(labels, r);
      let model: ModelRef;
      if (ref.kind === "model") {
        const m = reg.byPath(ref.path);
        model = m ? { kind: "model", model: m } : { kind: "unknown" };
      } else model = ref;
      if (model.kind === "unknown") out.complete = false;
      out.registrations.push({ file: r.file, at: r.at, modelExpr: r.modelExpr, model, admin: r.admin });
    }
  }
  return out;
}

function readModule(project: DjangoProject, file: string, statements: Stmt[], out: AdminFile): void {
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
      const t = resolveExprDirect(project, file, adminArg);
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
  const t = resolveExprDirect(project, file, func);
  return t.kind === "external" && re.test(t.path);
}

function addModels(project: DjangoProject, file: string, call: CallExpr, args: Expr[], admin: Registration["admin"], out: AdminFile): void {
  const at: Location = { file, range: call.range };
  for (const a of args) {
    const items = a.kind === "list" || a.kind === "tuple" ? a.elts : [a];
    for (const e of items) {
      const t = resolveExprDirect(project, file, e);
      const target: FileRegistration["target"] = t.kind === "class" || t.kind === "external" ? { kind: t.kind, path: t.path } : t.kind === "undefined" ? { kind: "undefined", name: t.name } : { kind: "unknown" };
      out.registrations.push({ file, at, modelExpr: e, target, admin });
    }
  }
}

export type { AdminClass, ClassDef };
