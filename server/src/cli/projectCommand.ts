// `django-lens project <dir>`: what Django Lens knows of each project's settings and apps.
import { appRegistry } from "../analysis/settings/apps";
import { readSettings } from "../analysis/settings/settings";
import { type Command, color, projectHeader, rel, table } from "./common";

export const projectCommand: Command = (ws, opts) => {
  const projects: Record<string, unknown>[] = ws.projects().map((project) => {
    const settings = readSettings(project);
    const registry = appRegistry(project, settings);
    const root = settings.rootUrlconf;
    return {
      ...projectHeader(opts, project),
      rootUrlconf: root && root !== "unknown" ? root.value : null,
      databases: (settings.databases ?? []).map((d) => d.alias),
      apps: registry.apps.map((a) => ({ label: a.label, name: a.name, path: a.path ? rel(opts, a.path) : null })),
    };
  });
  const text = ws
    .projects()
    .map((project, i) => {
      const p = projects[i];
      const settings = readSettings(project);
      const registry = appRegistry(project, settings);
      const version = project.djangoVersion();
      const lines = [
        `${color.bold(String(p.managePy))}  settings ${color.cyan(String(p.settingsModule ?? "(none found)"))}  Django ${version.major}.${version.minor} ${color.dim(`(${version.from})`)}`,
        `  ROOT_URLCONF  ${p.rootUrlconf ?? color.dim("(unknown)")}`,
        `  DATABASES     ${(p.databases as string[]).join(", ") || color.dim("(none)")}`,
        `  apps (${registry.apps.length}):`,
        table(registry.apps.map((a) => [a.label, a.name, a.path ? rel(opts, a.path) : color.dim(a.origin)]), "    "),
      ];
      for (const u of registry.unresolved) lines.push(color.red(`  unresolved app ${u.entry}: ${u.message}`));
      return lines.join("\n");
    })
    .join("\n\n");
  return { exitCode: 0, json: { projects }, text };
};
