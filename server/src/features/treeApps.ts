// `djangoLens/appsTree`: project → workspace app → Models / Views / URLs / Migrations / Admin /
// Serializers / Tests, each leaf with its definition. Every group is computed under its own guard:
// an analysis that is missing or throws leaves its group with a message, the rest still shows.
import * as path from "node:path";
import { migrationsReport } from "../analysis/migrations/report";
import { modelRegistry } from "../analysis/models/registry";
import { type AppInfo, appRegistry } from "../analysis/settings/apps";
import { discoverTests } from "../analysis/tests/discovery";
import { urlMap } from "../analysis/urls/urlMap";
import { dottedName, topLevel } from "../python/exprUtil";
import type { ClassDef, Location } from "../python/types";
import type { DjangoProject } from "../project/project";
import type { AppsTreeNode, AppsTreeParams, AppsTreeResult } from "../protocol";
import type { Session } from "../session/session";
import { protocolLocation, routeInfo, scopedProjects } from "./treeShared";

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function appsTreeRequest(session: Session, params: AppsTreeParams | undefined): AppsTreeResult {
  return {
    projects: scopedProjects(session, params).map((project) => ({
      managePy: project.managePy,
      root: session.guard("appsTree", () => projectNode(session, project), {
        id: project.managePy,
        kind: "project" as const,
        label: path.basename(project.root),
        description: "could not be analysed (see the output)",
      }),
    })),
  };
}

function projectNode(session: Session, project: DjangoProject): AppsTreeNode {
  const apps = appRegistry(project).apps.filter((a) => a.origin === "workspace" && a.path);
  const id = project.managePy;
  return {
    id,
    kind: "project",
    label: path.basename(project.root),
    description: project.settingsSource()?.module ?? undefined,
    tooltip: project.managePy,
    location: { uri: protocolLocation({ file: project.managePy, range: ZERO })!.uri, range: ZERO },
    children: apps.length
      ? apps.map((app) => appNode(session, project, app, `${id}|${app.label}`))
      : [{ id: `${id}|none`, kind: "message", label: "No apps of this workspace in INSTALLED_APPS" }],
  };
}

function appNode(session: Session, project: DjangoProject, app: AppInfo, id: string): AppsTreeNode {
  const group = (name: string, build: () => AppsTreeNode[]): AppsTreeNode => {
    const gid = `${id}|${name}`;
    const children = session.guard(`appsTree/${name}`, build, null);
    return {
      id: gid,
      kind: "group",
      label: name,
      app: app.label,
      description: children ? String(children.filter((c) => c.kind !== "message").length) : undefined,
      children: children ?? [{ id: `${gid}|err`, kind: "message", label: "not available (see the output)" }],
    };
  };
  const report = session.guard("migrationsReport", () => migrationsReport(project), null);
  const appReport = report?.apps.find((r) => r.app === app.label);
  const pending = appReport && appReport.status !== "unknown" ? appReport.pending : [];
  const initFile = project.modules.resolveModule(app.name)?.file;
  return {
    id,
    kind: "app",
    label: app.label,
    description: app.name !== app.label ? app.name : undefined,
    app: app.label,
    warning: pending.length ? `makemigrations would write ${pending.length} operation(s) for ${app.label}` : undefined,
    location: app.configLocation ? protocolLocation(app.configLocation)! : initFile ? protocolLocation({ file: initFile, range: ZERO })! : undefined,
    children: [
      group("Models", () => models(project, app, id, pending)),
      group("Views", () => definitions(project, app, "views", id, "view")),
      group("URLs", () => urls(project, app, id)),
      group("Migrations", () => migrations(report, app, id)),
      group("Admin", () => admin(project, app, id)),
      group("Serializers", () => definitions(project, app, "serializers", id, "serializer")),
      group("Tests", () => tests(project, app, id)),
    ],
  };
}

function models(project: DjangoProject, app: AppInfo, id: string, pending: { operation: string; model: string; field?: string }[]): AppsTreeNode[] {
  return modelRegistry(project)
    .models.filter((m) => m.appLabel === app.label && m.origin === "workspace")
    .map((m) => {
      const mine = pending.filter((op) => op.model === m.modelName);
      const mid = `${id}|model|${m.name}`;
      return {
        id: mid,
        kind: "model" as const,
        label: m.name,
        description: m.abstract ? "abstract" : m.proxy ? "proxy" : undefined,
        app: app.label,
        location: protocolLocation(m.location) ?? undefined,
        warning: mine.length
          ? `Migrations lag behind the model: makemigrations would write ${mine.map((op) => op.operation + (op.field ? ` ${op.field}` : "")).join(", ")}`
          : undefined,
        children: m.fields
          .filter((f) => !f.implicit && f.location)
          .map((f) => ({
            id: `${mid}|${f.name}`,
            kind: "field" as const,
            label: f.name,
            description: f.classPath === "opaque" ? "?" : f.classPath.slice(f.classPath.lastIndexOf(".") + 1) + (f.relation?.target ? ` → ${f.relation.target}` : ""),
            location: protocolLocation(f.location) ?? undefined,
            warning: mine.some((op) => op.field === f.name) ? "not in the migrations yet" : undefined,
          })),
      };
    });
}

/** The files of `<app>.<name>` (a module, or every module of a package). */
function moduleFiles(project: DjangoProject, app: AppInfo, name: string): string[] {
  const mod = project.modules.resolveModule(`${app.name}.${name}`);
  if (!mod) return [];
  if (!mod.dir) return mod.file ? [mod.file] : [];
  return project.index
    .listDir(mod.dir)
    .filter((e) => !e.isDir && e.name.endsWith(".py"))
    .map((e) => path.join(mod.dir!, e.name))
    .sort();
}

/** Public top-level classes and functions of views / serializers modules. */
function definitions(project: DjangoProject, app: AppInfo, name: string, id: string, kind: "view" | "serializer"): AppsTreeNode[] {
  const out: AppsTreeNode[] = [];
  for (const file of moduleFiles(project, app, name)) {
    for (const s of topLevel(project.index.summary(file)?.statements ?? [])) {
      if ((s.kind !== "class" && s.kind !== "def") || s.name.startsWith("_")) continue;
      if (kind === "serializer" && s.kind !== "class") continue;
      out.push({
        id: `${id}|${kind}|${file}|${s.name}`,
        kind,
        label: s.name,
        description: s.kind === "class" ? baseNames(s) : "function",
        location: protocolLocation({ file, range: s.nameRange })!,
      });
    }
  }
  return out;
}

function baseNames(c: ClassDef): string | undefined {
  const names = c.bases.map((b) => dottedName(b)?.split(".").pop()).filter((n): n is string => !!n);
  return names.length ? names.join(", ") : undefined;
}

function urls(project: DjangoProject, app: AppInfo, id: string): AppsTreeNode[] {
  const inApp = (loc: Location | null | undefined) => !!loc && !!app.path && loc.file.startsWith(app.path + path.sep);
  return urlMap(project)
    .urls.filter((u) => inApp(u.entry.at))
    .map((u, i) => {
      const r = routeInfo(u);
      return {
        id: `${id}|url|${i}|${u.route}`,
        kind: "url" as const,
        label: "/" + r.route,
        description: [r.name, r.view?.split(".").pop()].filter(Boolean).join(" → ") || undefined,
        tooltip: r.view ?? "view not resolved statically",
        location: r.viewLocation ?? r.source ?? undefined,
      };
    });
}

function migrations(report: ReturnType<typeof migrationsReport> | null, app: AppInfo, id: string): AppsTreeNode[] {
  if (!report) return [{ id: `${id}|mig|none`, kind: "message", label: "migrations could not be read" }];
  const loaded = report.migrations.find((m) => m.app.label === app.label);
  if (!loaded?.migrated) return [{ id: `${id}|mig|none`, kind: "message", label: "no migrations package" }];
  const r = report.apps.find((a) => a.app === app.label);
  const out: AppsTreeNode[] = loaded.migrations
    .filter((m) => m.file)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => ({
      id: `${id}|mig|${m.name}`,
      kind: "migration" as const,
      label: m.name,
      description: r?.conflicts.includes(m.name) ? "conflicting leaf" : r?.leaves.includes(m.name) ? "leaf" : undefined,
      app: app.label,
      migration: m.name,
      location: protocolLocation(m.classAt ?? { file: m.file!, range: ZERO })!,
    }));
  if (r?.status === "unknown") out.push({ id: `${id}|mig|unknown`, kind: "message", label: `drift unknown: ${r.reason ?? ""}` });
  else if (r?.pending.length)
    out.push({
      id: `${id}|mig|pending`,
      kind: "message",
      label: `pending: ${r.pending.map((op) => `${op.operation} ${op.model}${op.field ? "." + op.field : ""}`).join(", ")}`,
      warning: "makemigrations would write a migration",
    });
  return out;
}

/** ModelAdmin classes (with the models they are registered for) and plain `site.register(X)` calls. */
function admin(project: DjangoProject, app: AppInfo, id: string): AppsTreeNode[] {
  const out: AppsTreeNode[] = [];
  for (const file of moduleFiles(project, app, "admin")) {
    const summary = project.index.summary(file);
    if (!summary) continue;
    const registeredWithClass = new Set<string>();
    for (const s of topLevel(summary.statements)) {
      if (s.kind !== "class" || s.name.startsWith("_")) continue;
      const models = s.decorators
        .filter((d) => d.kind === "call" && /(^|\.)register$/.test(dottedName(d.func) ?? ""))
        .flatMap((d) => (d.kind === "call" ? d.args.map((a) => dottedName(a)).filter((n): n is string => !!n) : []));
      models.forEach((m) => registeredWithClass.add(m));
      out.push({ id: `${id}|admin|${s.name}`, kind: "admin", label: s.name, description: models.join(", ") || baseNames(s), location: protocolLocation({ file, range: s.nameRange })! });
    }
    for (const c of summary.calls) {
      if (c.scope !== "" || !/(^|\.)site\.register$/.test(c.callee ?? "")) continue;
      const model = c.call.args[0] ? dottedName(c.call.args[0]) : null;
      const adminCls = c.call.args[1] ? dottedName(c.call.args[1]) : null;
      if (!model || registeredWithClass.has(model)) continue;
      out.push({ id: `${id}|admin|reg|${model}`, kind: "admin", label: model, description: adminCls ?? "ModelAdmin", location: protocolLocation({ file, range: c.call.range })! });
    }
  }
  return out;
}

function tests(project: DjangoProject, app: AppInfo, id: string): AppsTreeNode[] {
  return discoverTests(project)
    .filter((m) => m.app === app.label)
    .flatMap((m) => m.classes)
    .map((c) => ({
      id: `${id}|test|${c.label}`,
      kind: "testClass" as const,
      label: c.name,
      description: c.label.slice(0, c.label.lastIndexOf(".")),
      testLabel: c.label,
      app: app.label,
      location: protocolLocation(c.location)!,
      children: c.methods.map((t) => ({ id: `${id}|test|${t.label}`, kind: "testMethod" as const, label: t.name, testLabel: t.label, app: app.label, location: protocolLocation(t.location)! })),
    }));
}
