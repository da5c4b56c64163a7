// `djangoLens/projects`: what the status bar and the sidebar show of each project.
import { appRegistry } from "../analysis/settings/apps";
import { readSettings } from "../analysis/settings/settings";
import type { ProjectInfo } from "../protocol";
import type { Session } from "../session/session";

export function projectInfos(session: Session): ProjectInfo[] {
  return session.workspace.projects().map((project) => {
    const settings = readSettings(project);
    const apps = appRegistry(project, settings).apps;
    const src = project.settingsSource();
    const v = project.djangoVersion();
    const root = settings.rootUrlconf;
    return {
      root: project.root,
      managePy: project.managePy,
      settingsModule: src?.module ?? null,
      settingsFrom: src?.from ?? null,
      djangoVersion: `${v.major}.${v.minor}`,
      rootUrlconf: root && root !== "unknown" ? root.value : null,
      databases: (settings.databases ?? []).map((d) => d.alias),
      apps: apps.map((a) => ({ label: a.label, name: a.name, path: a.path, origin: a.origin })),
      indexedFiles: session.index.size,
    };
  });
}
