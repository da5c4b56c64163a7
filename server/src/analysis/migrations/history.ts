// The migrations' side of the drift check, memoised on the migration files alone (each app's
// migrations folder listing and files, plus settings and INSTALLED_APPS): the loaded packages, the
// graph, the plan and the replayed ProjectState, grouped per app. A keystroke in a models.py reads
// none of it, so none of it is recomputed.
import type { DjangoProject } from "../../project/project";
import { type AppRegistry, appRegistry } from "../settings/apps";
import { type DjangoSettings, readSettings } from "../settings/settings";
import type { DjangoLine } from "./fields";
import { type MigrationGraph, buildGraph } from "./graph";
import { type AppMigrations, type MigrationInfo, loadAppMigrations } from "./loader";
import { replay } from "./replay";
import type { ModelState, ProjectState } from "./state";

export interface MigrationHistory {
  version: DjangoLine;
  settings: DjangoSettings;
  registry: AppRegistry;
  migrations: AppMigrations[];
  graph: MigrationGraph;
  state: ProjectState;
  unknownApps: Map<string, string>;
  /** The replayed models of each app (same arrays while the history holds: per-app diffs key on them). */
  byApp: Map<string, ModelState[]>;
}

/** Key suffix shared by the migrations memos of one project. */
export function projectKey(project: DjangoProject): string {
  return `${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}`;
}

/** `setting(name)` as the migrations analysis reads it (AUTH_USER_MODEL and string settings). */
export function settingReader(settings: DjangoSettings): (name: string) => string | null {
  return (name) => {
    if (name === "AUTH_USER_MODEL") return settings.authUserModel;
    const v = settings.get(name);
    return v?.k === "str" ? v.v : null;
  };
}

export function djangoLine(project: DjangoProject): DjangoLine {
  const dv = project.djangoVersion();
  return { major: dv.major, minor: dv.minor };
}

/** One app's migrations package, memoised on its folder and files. */
function appMigrations(project: DjangoProject, app: AppMigrations["app"]): AppMigrations {
  const key = `migrations-app:${projectKey(project)}:${app.label}:${app.name}:${app.origin}:${app.path ?? ""}`;
  // Settings are read inside the memo: a settings change (AUTH_USER_MODEL in a
  // swappable_dependency) invalidates it too.
  const loaded = project.index.memo(key, () => loadAppMigrations(project, app, settingReader(readSettings(project))));
  // The same package under the app as INSTALLED_APPS lists it now.
  return loaded.app === app ? loaded : { ...loaded, app };
}

/**
 * The history for a Django line. The line is part of the key, not a dependency: without an explicit
 * version it is detected from folder listings that every keystroke in a models.py bumps (the
 * editor's file is in that folder), which would otherwise invalidate the whole history.
 */
export function migrationHistory(project: DjangoProject, version: DjangoLine = djangoLine(project)): MigrationHistory {
  return project.index.memo(`migrations-history:${projectKey(project)}:${version.major}.${version.minor}`, () => {
    const settings = readSettings(project);
    const registry = appRegistry(project, settings);
    const migrations = registry.apps.map((a) => appMigrations(project, a));
    const graph = buildGraph(migrations);
    const plan: MigrationInfo[] = graph.plan().map((k) => graph.nodes.get(k)!).filter(Boolean);
    const replayed = replay(plan, version);
    const byApp = new Map<string, ModelState[]>();
    for (const m of replayed.state.models.values()) {
      const list = byApp.get(m.app);
      if (list) list.push(m);
      else byApp.set(m.app, [m]);
    }
    return { version, settings, registry, migrations, graph, state: replayed.state, unknownApps: replayed.unknownApps, byApp };
  });
}
