// The Django settings a project's analyses need, read from the statically evaluated settings
// module, with Django's defaults (global_settings) where the module says nothing.
import { type Value, dictGet, toPlain } from "../../project/evaluate";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";

/** A string from a setting, with where it was written. */
export interface SettingString {
  value: string;
  at?: Location;
  /** Added in a branch of an `if` whose condition is not known. */
  maybe?: boolean;
}

/** A list setting: the known strings; `complete` is false when some entries are not known. */
export interface SettingList {
  items: SettingString[];
  complete: boolean;
  at?: Location;
}

export interface DatabaseInfo {
  alias: string;
  engine: string | null;
  at?: Location;
}

export interface DjangoSettings {
  /** The settings module's dotted name, or null when nothing names one. */
  module: string | null;
  file: string | null;
  /** Problems met while evaluating (missing imported modules …). */
  problems: { message: string; at: Location }[];
  installedApps: SettingList | null;
  middleware: SettingList | null;
  /** null: unset; undefined value: set to something not statically known. */
  rootUrlconf: SettingString | null | "unknown";
  databases: DatabaseInfo[] | null;
  authUserModel: string | null;
  defaultAutoField: string | null;
  testRunner: string | null;
  templates: Value | null;
  /** Any setting by name, as evaluated. */
  get(name: string): Value | undefined;
}

function stringOf(v: Value | undefined): SettingString | null {
  return v && v.k === "str" ? { value: v.v, at: v.at, maybe: v.maybe } : null;
}

function listOf(v: Value | undefined): SettingList | null {
  if (!v || (v.k !== "list" && v.k !== "tuple")) return null;
  const items: SettingString[] = [];
  let complete = true;
  for (const item of v.items) {
    if (item.k === "str") items.push({ value: item.v, at: item.at, maybe: item.maybe });
    else complete = false;
  }
  return { items, complete, at: v.at };
}

export function readSettings(project: DjangoProject): DjangoSettings {
  return project.index.memo(`settings:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const source = project.settingsSource();
    const ev = project.settingsModule();
    const names = ev?.names ?? new Map<string, Value>();
    const get = (name: string) => names.get(name);
    const known = !!ev;
    const dbs = get("DATABASES");
    let databases: DatabaseInfo[] | null = null;
    if (dbs?.k === "dict") {
      databases = [];
      for (const [k, v] of dbs.entries) {
        if (k.k !== "str") continue;
        const engine = dictGet(v, "ENGINE");
        databases.push({ alias: k.v, engine: engine?.k === "str" ? engine.v : null, at: k.at });
      }
    } else if (known && !dbs) databases = [];
    const root = get("ROOT_URLCONF");
    return {
      module: source?.module ?? null,
      file: ev?.file ?? null,
      problems: ev?.problems ?? [],
      installedApps: listOf(get("INSTALLED_APPS")) ?? (known && !get("INSTALLED_APPS") ? { items: [], complete: true } : null),
      middleware: listOf(get("MIDDLEWARE")) ?? (known && !get("MIDDLEWARE") ? { items: [], complete: true } : null),
      rootUrlconf: root === undefined ? null : root.k === "str" ? stringOf(root) : "unknown",
      databases,
      authUserModel: known ? (stringOf(get("AUTH_USER_MODEL"))?.value ?? (get("AUTH_USER_MODEL") ? null : "auth.User")) : null,
      defaultAutoField: known ? (stringOf(get("DEFAULT_AUTO_FIELD"))?.value ?? (get("DEFAULT_AUTO_FIELD") ? null : "django.db.models.AutoField")) : null,
      testRunner: known ? (stringOf(get("TEST_RUNNER"))?.value ?? (get("TEST_RUNNER") ? null : "django.test.runner.DiscoverRunner")) : null,
      templates: get("TEMPLATES") ?? null,
      get,
    };
  });
}

/** For display: a setting's plain value. */
export function plainSetting(settings: DjangoSettings, name: string): unknown {
  const v = settings.get(name);
  return v ? toPlain(v) : undefined;
}
