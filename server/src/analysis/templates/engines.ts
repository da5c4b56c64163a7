// The template engines of TEMPLATES and their loaders, as Django builds them: each engine's
// loaders in order (by default the filesystem loader over DIRS, then, with APP_DIRS, the
// app_directories loader over each installed app's `templates/` folder in INSTALLED_APPS order).
// What cannot be read statically (a custom backend or loader, a DIRS entry from the environment,
// an app outside the workspace) makes the setup incomplete, and only then is a name "maybe found".
import * as path from "node:path";
import { type Value, dictGet } from "../../project/evaluate";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { type AppInfo, appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";

export type Backend = "django" | "jinja2";

/** One place a loader looks: a workspace folder, a Django app's bundled templates, or the unknown. */
export type LoaderSource =
  | { kind: "dir"; dir: string; app: string | null }
  | { kind: "django-app"; app: string }
  | { kind: "locmem"; names: string[] }
  /** A loader or app we cannot see into: any name may be found there. */
  | { kind: "unknown"; why: string };

export interface TemplateEngine {
  backend: Backend;
  at?: Location;
  /** Every source of every loader, in the order Django tries them. */
  sources: LoaderSource[];
  /** OPTIONS["libraries"]: library name → module. null when not statically known. */
  libraries: Map<string, string> | null;
  /** OPTIONS["builtins"]: modules whose tags and filters need no {% load %}; null when unknown. */
  builtins: string[] | null;
}

export interface TemplateSetup {
  engines: TemplateEngine[];
  /** Reasons the list of engines itself is not known (TEMPLATES from the environment …). */
  unknown: string[];
}

const DJANGO_BACKEND = "django.template.backends.django.DjangoTemplates";
const JINJA2_BACKEND = "django.template.backends.jinja2.Jinja2";
const FILESYSTEM = "django.template.loaders.filesystem.Loader";
const APP_DIRECTORIES = "django.template.loaders.app_directories.Loader";
const CACHED = "django.template.loaders.cached.Loader";
const LOCMEM = "django.template.loaders.locmem.Loader";

export function templateSetup(project: DjangoProject): TemplateSetup {
  return project.index.memo(`template-setup:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const settings = readSettings(project);
    const unknown: string[] = [];
    if (!settings.file) return { engines: [], unknown: ["the settings module is not in the workspace"] };
    const value = settings.templates;
    if (!value) return { engines: [], unknown }; // Django's default: TEMPLATES = []
    if (value.k !== "list" && value.k !== "tuple") return { engines: [], unknown: ["TEMPLATES is not a literal list"] };
    const apps = appRegistry(project, settings);
    const engines: TemplateEngine[] = [];
    for (const item of value.items) {
      const engine = readEngine(project, item, apps.apps, apps.complete);
      if (typeof engine === "string") unknown.push(engine);
      else if (engine) engines.push(engine);
    }
    return { engines, unknown };
  });
}

function strings(v: Value | undefined, root: string): (string | null)[] | null {
  if (!v) return [];
  if (v.k !== "list" && v.k !== "tuple") return null;
  return v.items.map((i) => (i.k === "str" || i.k === "path" ? path.resolve(root, i.v) : null));
}

function readEngine(project: DjangoProject, v: Value, apps: AppInfo[], appsComplete: boolean): TemplateEngine | string | null {
  if (v.k !== "dict") return "a TEMPLATES entry is not a literal dict";
  const backend = dictGet(v, "BACKEND");
  if (backend?.k !== "str") return "a TEMPLATES BACKEND is not a literal string";
  const kind: Backend | null = backend.v === DJANGO_BACKEND ? "django" : backend.v === JINJA2_BACKEND ? "jinja2" : null;
  if (!kind) return `the template backend ${backend.v} is not modelled`;
  // Relative DIRS are relative to the working folder: where manage.py runs.
  const dirs = strings(dictGet(v, "DIRS"), project.root);
  const appDirsValue = dictGet(v, "APP_DIRS");
  const appDirs = appDirsValue === undefined ? false : appDirsValue.k === "bool" ? appDirsValue.v : null;
  const options = dictGet(v, "OPTIONS");
  const sources: LoaderSource[] = [];
  const dirSources = (list: (string | null)[] | null): LoaderSource[] =>
    list === null ? [{ kind: "unknown", why: "DIRS is not a literal list" }] : list.map((d) => (d ? { kind: "dir", dir: d, app: null } : { kind: "unknown", why: "a DIRS entry is not a literal path" }));
  const appSources = (): LoaderSource[] => appTemplateSources(project, apps, appsComplete, kind === "django" ? "templates" : "jinja2");
  const loaders = kind === "django" ? dictGet(options, "loaders") : dictGet(options, "loader");
  if (kind === "jinja2" && loaders) {
    sources.push({ kind: "unknown", why: "a custom Jinja2 loader" });
  } else if (loaders && kind === "django") {
    sources.push(...loaderSources(project, loaders, dirs, appSources, 0));
  } else {
    sources.push(...dirSources(dirs));
    if (appDirs === null) sources.push({ kind: "unknown", why: "APP_DIRS is not a literal boolean" });
    else if (appDirs) sources.push(...appSources());
  }
  const libraries = kind === "django" ? readLibraries(dictGet(options, "libraries")) : new Map<string, string>();
  const builtinsValue = dictGet(options, "builtins");
  let builtins: string[] | null = [];
  if (builtinsValue) {
    const items = builtinsValue.k === "list" || builtinsValue.k === "tuple" ? builtinsValue.items : null;
    builtins = items?.every((i) => i.k === "str") ? items.map((i) => (i as { v: string }).v) : null;
  }
  return { backend: kind, at: v.at, sources, libraries, builtins };
}

function readLibraries(v: Value | undefined): Map<string, string> | null {
  const out = new Map<string, string>();
  if (!v) return out;
  if (v.k !== "dict") return null;
  for (const [k, m] of v.entries) {
    if (k.k !== "str" || m.k !== "str") return null;
    out.set(k.v, m.v);
  }
  return out;
}

function loaderSources(
  project: DjangoProject,
  v: Value,
  dirs: (string | null)[] | null,
  appSources: () => LoaderSource[],
  depth: number,
): LoaderSource[] {
  if (depth > 3 || (v.k !== "list" && v.k !== "tuple")) return [{ kind: "unknown", why: "OPTIONS loaders is not a literal list" }];
  const out: LoaderSource[] = [];
  for (const item of v.items) {
    // A loader is a dotted path, or a tuple (path, *args) as Engine.find_template_loader reads it.
    const name = item.k === "str" ? item.v : (item.k === "tuple" || item.k === "list") && item.items[0]?.k === "str" ? item.items[0].v : null;
    const args = item.k === "tuple" || item.k === "list" ? item.items.slice(1) : [];
    if (name === FILESYSTEM) {
      const own = args[0] ? strings(args[0], project.root) : dirs;
      out.push(...(own === null ? [{ kind: "unknown" as const, why: "filesystem loader dirs are not literal" }] : own.map((d): LoaderSource => (d ? { kind: "dir", dir: d, app: null } : { kind: "unknown", why: "a DIRS entry is not a literal path" }))));
    } else if (name === APP_DIRECTORIES) out.push(...appSources());
    else if (name === CACHED && args[0]) out.push(...loaderSources(project, args[0], dirs, appSources, depth + 1));
    else if (name === LOCMEM && args[0]?.k === "dict") out.push({ kind: "locmem", names: args[0].entries.flatMap(([k]) => (k.k === "str" ? [k.v] : [])) });
    else out.push({ kind: "unknown", why: `the template loader ${name ?? "(not literal)"} is not modelled` });
  }
  return out;
}

/** get_app_template_dirs(dirname): each installed app's folder that exists, in INSTALLED_APPS order. */
function appTemplateSources(project: DjangoProject, apps: AppInfo[], complete: boolean, dirname: string): LoaderSource[] {
  const out: LoaderSource[] = [];
  for (const app of apps) {
    if (app.origin === "django") {
      if (dirname === "templates") out.push({ kind: "django-app", app: app.name });
    } else if (app.origin === "external" || !app.path) {
      out.push({ kind: "unknown", why: `the app ${app.name} is not in the workspace` });
    } else {
      const dir = path.join(app.path, dirname);
      if (project.index.isDir(dir)) out.push({ kind: "dir", dir, app: app.name });
    }
  }
  if (!complete) out.push({ kind: "unknown", why: "INSTALLED_APPS is not fully known" });
  return out;
}
