// INSTALLED_APPS as Django's app registry sees them: each entry becomes an app config with a
// name, a label and a folder, choosing the AppConfig class the way AppConfig.create() does.
import * as path from "node:path";
import { DJANGO_APP_CONFIGS } from "../../project/djangoCatalog";
import type { ResolvedModule } from "../../project/modules";
import type { DjangoProject } from "../../project/project";
import { assignedValue, dottedName, stringValue, topLevel } from "../../python/exprUtil";
import type { ClassDef, Location } from "../../python/types";
import { type DjangoSettings, readSettings } from "./settings";

export interface AppInfo {
  /** The INSTALLED_APPS entry as written. */
  entry: string;
  at?: Location;
  /** The app's full Python path (`AppConfig.name`). */
  name: string;
  label: string;
  /** The app's folder when it is in the workspace. */
  path: string | null;
  /** The AppConfig class path, when one applies and is known. */
  configClass: string | null;
  /** Where that class is defined, for workspace apps. */
  configLocation?: Location;
  /** `AppConfig.default_auto_field` when the config sets it. */
  defaultAutoField?: string;
  /** "workspace", "django" (Django's own) or "external" (a package we do not see). */
  origin: "workspace" | "django" | "external";
  /** Added under a condition we could not decide. */
  maybe?: boolean;
}

export interface UnresolvedApp {
  entry: string;
  at?: Location;
  message: string;
}

export interface AppRegistry {
  apps: AppInfo[];
  unresolved: UnresolvedApp[];
  /** False when INSTALLED_APPS is not fully known. */
  complete: boolean;
}

const APP_CONFIG_BASES = new Set(["AppConfig", "apps.AppConfig", "django.apps.AppConfig", "django.apps.config.AppConfig"]);

function labelOf(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/** AppConfig subclasses defined or imported in a module, with their `default` attribute. */
function appConfigsIn(project: DjangoProject, mod: ResolvedModule): { cls: ClassDef; path: string; file: string }[] {
  if (!mod.file) return [];
  const summary = project.index.summary(mod.file);
  if (!summary) return [];
  const out: { cls: ClassDef; path: string; file: string }[] = [];
  const local = new Set<string>();
  for (const s of topLevel(summary.statements)) {
    if (s.kind !== "class") continue;
    const isConfig = s.bases.some((b) => {
      const n = dottedName(b);
      return n !== null && (APP_CONFIG_BASES.has(n) || local.has(n));
    });
    if (isConfig) {
      local.add(s.name);
      out.push({ cls: s, path: `${mod.name}.${s.name}`, file: mod.file });
    }
  }
  return out;
}

function configDefault(cls: ClassDef): boolean | null {
  const v = assignedValue(cls.body, "default");
  if (v?.kind === "const" && typeof v.value === "boolean") return v.value;
  return null;
}

function fromConfigClass(
  project: DjangoProject,
  entry: string,
  cfg: { cls: ClassDef; path: string; file: string },
  at: Location | undefined,
): AppInfo | UnresolvedApp {
  const name = stringValue(assignedValue(cfg.cls.body, "name"));
  if (!name) {
    return { entry, at, message: `'${cfg.path}' must supply a name attribute.` };
  }
  const label = stringValue(assignedValue(cfg.cls.body, "label")) ?? labelOf(name);
  const mod = project.modules.resolveModule(name);
  if (!mod && project.modules.resolveModule(name.split(".")[0])) {
    return { entry, at, message: `Cannot import '${name}'. Check that '${cfg.path}.name' is correct.` };
  }
  const daf = stringValue(assignedValue(cfg.cls.body, "default_auto_field"));
  return {
    entry,
    at,
    name,
    label,
    path: mod ? (mod.dir ?? path.dirname(mod.file ?? "")) : null,
    configClass: cfg.path,
    configLocation: { file: cfg.file, range: cfg.cls.nameRange },
    defaultAutoField: daf ?? undefined,
    origin: "workspace",
  };
}

function resolveEntry(project: DjangoProject, entry: string, at: Location | undefined): AppInfo | UnresolvedApp {
  // Django's own apps, by module or by AppConfig path.
  const builtin = DJANGO_APP_CONFIGS.find((c) => c.config === entry) ?? DJANGO_APP_CONFIGS.find((c) => c.name === entry && c.isDefault);
  if (builtin) {
    return { entry, at, name: builtin.name, label: builtin.label, path: null, configClass: builtin.config, origin: "django" };
  }
  if (entry.startsWith("django.")) {
    return { entry, at, message: `No module named '${entry}'` };
  }
  const mod = project.modules.resolveModule(entry);
  if (mod) {
    // A module: its apps submodule's single (or default) AppConfig applies.
    const appsMod = project.modules.resolveModule(`${entry}.apps`);
    if (appsMod) {
      let configs = appConfigsIn(project, appsMod).filter((c) => configDefault(c.cls) !== false);
      if (configs.length > 1) configs = configs.filter((c) => configDefault(c.cls) === true);
      if (configs.length === 1) return fromConfigClass(project, entry, configs[0], at);
    }
    return {
      entry,
      at,
      name: entry,
      label: labelOf(entry),
      path: mod.dir ?? path.dirname(mod.file ?? ""),
      configClass: null,
      origin: "workspace",
    };
  }
  // A dotted path to an AppConfig class in the workspace.
  const dot = entry.lastIndexOf(".");
  if (dot > 0) {
    const parent = project.modules.resolveModule(entry.slice(0, dot));
    if (parent) {
      const cfg = appConfigsIn(project, parent).find((c) => c.path === entry);
      if (cfg) return fromConfigClass(project, entry, cfg, at);
      // Django: "Module '...' does not contain a 'X' class." (or no module of that name)
      if (/^[A-Z]/.test(entry.slice(dot + 1))) {
        // inspect.getmembers() order: sorted by name, each repr()'d.
        const choices = appConfigsIn(project, parent).map((c) => c.cls.name).sort();
        const more = choices.length ? ` Choices are: ${choices.map((c) => `'${c}'`).join(", ")}.` : "";
        return { entry, at, message: `Module '${entry.slice(0, dot)}' does not contain a '${entry.slice(dot + 1)}' class.${more}` };
      }
      return { entry, at, message: `No module named '${entry}'` };
    }
  }
  // Not in the workspace: a package we cannot see, unless its top package is one of ours.
  const top = entry.split(".")[0];
  if (project.modules.resolveModule(top)) {
    return { entry, at, message: `No module named '${entry}'` };
  }
  const parts = entry.split(".");
  const isConfigPath = parts.length > 2 && parts[parts.length - 2] === "apps" && /^[A-Z]/.test(parts[parts.length - 1]);
  const name = isConfigPath ? parts.slice(0, -2).join(".") : entry;
  return { entry, at, name, label: labelOf(name), path: null, configClass: isConfigPath ? entry : null, origin: "external" };
}

export function appRegistry(project: DjangoProject, settings: DjangoSettings = readSettings(project)): AppRegistry {
  return project.index.memo(`apps:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const list = settings.installedApps;
    const apps: AppInfo[] = [];
    const unresolved: UnresolvedApp[] = [];
    for (const item of list?.items ?? []) {
      const r = resolveEntry(project, item.value, item.at);
      if ("message" in r) unresolved.push(r);
      else apps.push(item.maybe ? { ...r, maybe: true } : r);
    }
    return { apps, unresolved, complete: !!list?.complete && unresolved.length === 0 };
  });
}
