// Each app's migrations package, read statically: every migration's dependencies (with
// swappable_dependency and __first__/__latest__), replaces, run_before, initial and operations, as
// Django's MigrationLoader.load_disk() finds them. Django's own apps come from the catalogue.
import * as path from "node:path";
import { dottedName } from "../../python/exprUtil";
import type { ClassDef, Expr, Location } from "../../python/types";
import type { DjangoProject } from "../../project/project";
import type { AppInfo } from "../settings/apps";
import { moduleScope, scopeContext } from "./context";
import { DJANGO_MIGRATIONS } from "./djangoCatalog";
import { type EvalContext, Unknowable, evaluate } from "./values";

export type NodeKey = [string, string];

export interface MigrationInfo {
  app: string;
  name: string;
  /** The file, for workspace migrations; null for Django's own. */
  file: string | null;
  dependencies: { key: NodeKey; at?: Location }[];
  replaces: NodeKey[];
  runBefore: NodeKey[];
  initial: boolean | null;
  /** The operations as written; empty for Django's own (their state is not needed). */
  operations: Expr[];
  ctx: EvalContext | null;
  /** Why part of this migration could not be read. */
  unknown?: string;
  classAt?: Location;
}

export interface AppMigrations {
  app: AppInfo;
  /** False: the app has no migrations package (Django treats it as unmigrated). */
  migrated: boolean;
  migrations: MigrationInfo[];
  /** The app's migrations cannot be seen (a package outside the workspace). */
  opaque?: string;
}

export function loadAppMigrations(project: DjangoProject, app: AppInfo, setting: (n: string) => string | null): AppMigrations {
  if (app.origin === "django") {
    const cat = DJANGO_MIGRATIONS[app.label];
    if (!cat) return { app, migrated: false, migrations: [] };
    return {
      app,
      migrated: true,
      migrations: cat.map((m) => ({
        app: app.label,
        name: m.name,
        file: null,
        dependencies: m.dependencies.map((d) => ({ key: d as NodeKey })),
        replaces: m.replaces as NodeKey[],
        runBefore: [],
        initial: null,
        operations: [],
        ctx: null,
      })),
    };
  }
  if (app.origin === "external" || !app.path) return { app, migrated: false, migrations: [], opaque: `the app ${app.name} is not in the workspace` };
  const dir = path.join(app.path, "migrations");
  if (!project.index.isDir(dir)) return { app, migrated: false, migrations: [] };
  // A folder without __init__.py is a namespace package: Django treats the app as unmigrated.
  if (!project.index.exists(path.join(dir, "__init__.py"))) return { app, migrated: false, migrations: [] };
  const out: MigrationInfo[] = [];
  for (const e of project.index.listDir(dir)) {
    if (e.isDir || !e.name.endsWith(".py") || e.name.startsWith("_") || e.name.startsWith("~")) continue;
    const name = e.name.slice(0, -3);
    if (!/^\w+$/.test(name)) continue;
    out.push(readMigration(project, app, path.join(dir, e.name), name, setting));
  }
  return { app, migrated: true, migrations: out };
}

function isMigrationClass(c: ClassDef): boolean {
  return c.name === "Migration";
}

function readMigration(project: DjangoProject, app: AppInfo, file: string, name: string, setting: (n: string) => string | null): MigrationInfo {
  const info: MigrationInfo = { app: app.label, name, file, dependencies: [], replaces: [], runBefore: [], initial: null, operations: [], ctx: null };
  const summary = project.index.summary(file);
  if (!summary) {
    info.unknown = `cannot read ${path.basename(file)}`;
    return info;
  }
  if (summary.errors.length) info.unknown = `${path.basename(file)} has syntax errors`;
  const moduleName = project.modules.moduleOfFile(file) ?? `${app.name}.migrations.${name}`;
  const ctx = scopeContext(moduleScope(summary.statements, moduleName, file, project.modules), setting);
  info.ctx = ctx;
  const cls = summary.statements.find((s): s is ClassDef => s.kind === "class" && isMigrationClass(s));
  if (!cls) {
    // Django: "Migration %s in app %s has no Migration class" (BadMigrationError).
    info.unknown = `Migration ${name} in app ${app.label} has no Migration class`;
    return info;
  }
  info.classAt = { file, range: cls.nameRange };
  for (const s of cls.body) {
    if (s.kind !== "assign" || !s.value) continue;
    const target = s.targets[0];
    if (target?.kind !== "name") continue;
    try {
      switch (target.id) {
        case "dependencies":
          info.dependencies = keys(s.value, ctx).map((key, i) => ({ key, at: { file, range: elts(s.value as Expr)[i]?.range ?? s.range } }));
          break;
        case "replaces":
          info.replaces = keys(s.value, ctx);
          break;
        case "run_before":
          info.runBefore = keys(s.value, ctx);
          break;
        case "initial":
          info.initial = s.value.kind === "const" ? s.value.value === true : null;
          break;
        case "operations":
          if (s.value.kind !== "list" && s.value.kind !== "tuple") throw new Unknowable("operations that are not a literal list");
          info.operations = s.value.elts;
          break;
        default:
          break;
      }
    } catch (err) {
      info.unknown = err instanceof Unknowable ? `${name}: ${err.reason}` : `${name}: ${String(err)}`;
    }
  }
  return info;
}

function elts(e: Expr): Expr[] {
  return e.kind === "list" || e.kind === "tuple" ? e.elts : [];
}

function keys(e: Expr, ctx: EvalContext): NodeKey[] {
  if (e.kind !== "list" && e.kind !== "tuple") throw new Unknowable("a dependency list that is not a literal");
  return e.elts.map((x) => {
    const v = evaluate(x, ctx);
    if (v.t === "tuple" || v.t === "list") {
      const [a, b] = v.items;
      if (v.items.length === 2 && a.t === "str" && b.t === "str") return [a.v, b.v] as NodeKey;
    }
    throw new Unknowable(`a dependency that is not (app_label, migration_name): ${dottedName(x) ?? x.kind}`);
  });
}
