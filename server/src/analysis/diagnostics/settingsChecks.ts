// Settings that name code or databases: class paths in AUTHENTICATION_BACKENDS, WSGI_APPLICATION
// and REST_FRAMEWORK that do not resolve (lens.unknown-class-path; import_string's words), the
// admin's middleware requirements (admin.E408–E410), and a DATABASES ENGINE that is not a backend
// (lens.unknown-database-engine). Claims only about workspace modules and Django's own catalogue.
import { DJANGO_CLASSES } from "../../project/djangoCatalog";
import type { DjangoProject } from "../../project/project";
import type { Value } from "../../project/values";
import type { Location } from "../../python/types";
import { resolveExpr, resolvePath } from "../models/names";
import { appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";
import type { Raw } from "./modelsShared";
import { classPathProblem } from "./settingsPaths";
import type { Rule } from "./types";

/** REST_FRAMEWORK keys whose values are class paths (or lists of them), as DRF's api_settings imports them. */
const DRF_IMPORT_KEYS = new Set([
  "DEFAULT_RENDERER_CLASSES",
  "DEFAULT_PARSER_CLASSES",
  "DEFAULT_AUTHENTICATION_CLASSES",
  "DEFAULT_PERMISSION_CLASSES",
  "DEFAULT_THROTTLE_CLASSES",
  "DEFAULT_CONTENT_NEGOTIATION_CLASS",
  "DEFAULT_METADATA_CLASS",
  "DEFAULT_VERSIONING_CLASS",
  "DEFAULT_PAGINATION_CLASS",
  "DEFAULT_FILTER_BACKENDS",
  "DEFAULT_SCHEMA_CLASS",
  "TEST_REQUEST_RENDERER_CLASSES",
  "UNAUTHENTICATED_USER",
  "UNAUTHENTICATED_TOKEN",
  "VIEW_NAME_FUNCTION",
  "VIEW_DESCRIPTION_FUNCTION",
  "EXCEPTION_HANDLER",
]);

function strings(v: Value | undefined): { value: string; at: Location }[] {
  if (!v) return [];
  if (v.k === "str") return v.at && !v.maybe ? [{ value: v.v, at: v.at }] : [];
  if (v.k === "list" || v.k === "tuple") return v.items.flatMap((i) => strings(i));
  return [];
}

export const unknownClassPath: Rule = {
  code: "lens.unknown-class-path",
  defaultSeverity: "error",
  description: "AUTHENTICATION_BACKENDS, WSGI_APPLICATION or a REST_FRAMEWORK class path names nothing.",
  run(project) {
    const settings = readSettings(project);
    const entries = [...strings(settings.get("AUTHENTICATION_BACKENDS")), ...strings(settings.get("WSGI_APPLICATION"))];
    const rf = settings.get("REST_FRAMEWORK");
    if (rf?.k === "dict") {
      for (const [k, v] of rf.entries) if (k.k === "str" && DRF_IMPORT_KEYS.has(k.v)) entries.push(...strings(v));
    }
    const out: Raw[] = [];
    for (const e of entries) {
      const problem = classPathProblem(project, e.value);
      if (problem) out.push({ file: e.at.file, range: e.at.range, message: problem, data: { entry: e.value } });
    }
    return out;
  },
};

const ADMIN_MIDDLEWARE: [string, string][] = [
  ["admin.E408", "django.contrib.auth.middleware.AuthenticationMiddleware"],
  ["admin.E409", "django.contrib.messages.middleware.MessageMiddleware"],
  ["admin.E410", "django.contrib.sessions.middleware.SessionMiddleware"],
];

/** Is `entry` the class `required` or a subclass? null when it cannot be told. */
function isSubclass(project: DjangoProject, entry: string, required: string, depth = 0): boolean | null {
  if (entry === required) return true;
  if (depth > 8) return null;
  if (entry.startsWith("django.")) return DJANGO_CLASSES.some((c) => c.path === entry) ? false : null;
  if (entry.startsWith("builtins.")) return false;
  const t = resolvePath(project, entry.split("."));
  if (t.kind !== "class") return t.kind === "external" ? null : false; // a missing class: an ImportError, skipped by Django
  let unsure = false;
  for (const b of t.cls.bases) {
    const bt = resolveExpr(project, t.file, b);
    const path = bt.kind === "class" || bt.kind === "external" ? bt.path : null;
    if (!path) {
      unsure = true;
      continue;
    }
    const r = isSubclass(project, path, required, depth + 1);
    if (r) return true;
    if (r === null) unsure = true;
  }
  return unsure ? null : false;
}

function adminMiddlewareRule(id: string, required: string): Rule {
  return {
    code: id,
    defaultSeverity: "error",
    description: `${required} must be in MIDDLEWARE to use the admin.`,
    run(project) {
      const settings = readSettings(project);
      const apps = appRegistry(project);
      if (!apps.apps.some((a) => a.name === "django.contrib.admin")) return [];
      const mw = settings.middleware;
      if (!mw || !mw.complete || mw.items.some((i) => i.maybe)) return [];
      let unsure = false;
      for (const item of mw.items) {
        const r = isSubclass(project, item.value, required);
        if (r) return [];
        if (r === null) unsure = true;
      }
      if (unsure) return [];
      const at = mw.at ?? (settings.file ? { file: settings.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : null);
      if (!at) return [];
      return [{ file: at.file, range: at.range, message: `'${required}' must be in MIDDLEWARE in order to use the admin application.`, data: { entry: required } }];
    },
  };
}

const BUILTIN_ENGINES = ["postgresql", "mysql", "sqlite3", "oracle", "dummy"];
const GIS_ENGINES = ["postgis", "mysql", "spatialite", "oracle"];

export const unknownDatabaseEngine: Rule = {
  code: "lens.unknown-database-engine",
  defaultSeverity: "error",
  description: "A DATABASES ENGINE that is not one of Django's backends nor a workspace module.",
  run(project) {
    const settings = readSettings(project);
    const dbs = settings.get("DATABASES");
    if (dbs?.k !== "dict") return [];
    const out: Raw[] = [];
    for (const [, conf] of dbs.entries) {
      if (conf.k !== "dict") continue;
      const engine = conf.entries.find(([k]) => k.k === "str" && k.v === "ENGINE")?.[1];
      if (!engine || engine.k !== "str" || !engine.at || engine.maybe) continue;
      const name = engine.v;
      let bad = false;
      const builtin = /^django\.db\.backends\.(\w+)$/.exec(name);
      const gis = /^django\.contrib\.gis\.db\.backends\.(\w+)$/.exec(name);
      if (builtin) bad = !BUILTIN_ENGINES.includes(builtin[1]);
      else if (gis) bad = !GIS_ENGINES.includes(gis[1]);
      else if (project.modules.resolveModule(name.split(".")[0])) bad = !project.modules.resolveModule(name);
      if (bad) {
        out.push({
          file: engine.at.file,
          range: engine.at.range,
          message: `'${name}' isn't an available database backend or couldn't be imported. To use one of the built-in backends, use 'django.db.backends.XXX', where XXX is one of: 'mysql', 'oracle', 'postgresql', 'sqlite3'`,
          data: { entry: name },
        });
      }
    }
    return out;
  },
};

export const SETTINGS_CHECK_RULES: Rule[] = [unknownClassPath, ...ADMIN_MIDDLEWARE.map(([id, path]) => adminMiddlewareRule(id, path)), unknownDatabaseEngine];
