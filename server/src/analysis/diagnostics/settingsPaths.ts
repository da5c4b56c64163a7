// INSTALLED_APPS, MIDDLEWARE and ROOT_URLCONF entries that do not resolve. Entries from Django
// itself are checked against Django's catalogue; packages outside the workspace get no claim.
import { DJANGO_CLASSES } from "../../project/djangoCatalog";
import { atLeast } from "../../project/djangoVersion";
import type { DjangoProject } from "../../project/project";
import { appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";
import type { Finding, Rule } from "./types";

type Raw = Omit<Finding, "code" | "severity">;

export const unknownInstalledApp: Rule = {
  code: "lens.unknown-installed-app",
  defaultSeverity: "error",
  description: "An INSTALLED_APPS entry names a module or AppConfig that does not exist.",
  run(project) {
    const out: Raw[] = [];
    for (const u of appRegistry(project).unresolved) {
      if (u.at) out.push({ file: u.at.file, range: u.at.range, message: u.message, data: { entry: u.entry } });
    }
    return out;
  },
};

/** Why a dotted class path does not resolve, in import_string's words; null when it does (or we cannot tell). */
export function classPathProblem(project: DjangoProject, dotted: string): string | null {
  const dot = dotted.lastIndexOf(".");
  if (dot <= 0) return `${dotted} doesn't look like a module path`;
  const moduleName = dotted.slice(0, dot);
  const attr = dotted.slice(dot + 1);
  if (dotted.startsWith("django.")) {
    const v = project.djangoVersion();
    const known = DJANGO_CLASSES.find((c) => c.path === dotted);
    if (known && (!known.since || atLeast(v, Number(known.since.split(".")[0]), Number(known.since.split(".")[1])))) return null;
    if (DJANGO_CLASSES.some((c) => c.path.startsWith(moduleName + "."))) {
      return `Module "${moduleName}" does not define a "${attr}" attribute/class`;
    }
    // Other parts of Django (custom backends …) are not catalogued: no claim.
    return null;
  }
  const mod = project.modules.resolveModule(moduleName);
  if (!mod) {
    return project.modules.resolveModule(dotted.split(".")[0]) ? `No module named '${moduleName}'` : null;
  }
  if (!mod.file) return `Module "${moduleName}" does not define a "${attr}" attribute/class`;
  const sym = project.modules.lookupIn(mod, [attr]);
  if (sym) return null;
  // A star import from outside the workspace could bring the name: stay silent.
  const summary = project.index.summary(mod.file);
  const hasExternalStar = summary?.statements.some((s) => s.kind === "from" && s.names === "*");
  return hasExternalStar ? null : `Module "${moduleName}" does not define a "${attr}" attribute/class`;
}

export const unknownMiddleware: Rule = {
  code: "lens.unknown-middleware",
  defaultSeverity: "error",
  description: "A MIDDLEWARE entry names a class that does not exist.",
  run(project) {
    const out: Raw[] = [];
    for (const item of readSettings(project).middleware?.items ?? []) {
      if (!item.at) continue;
      const problem = classPathProblem(project, item.value);
      if (problem) out.push({ file: item.at.file, range: item.at.range, message: problem, data: { entry: item.value } });
    }
    return out;
  },
};

export const unknownRootUrlconf: Rule = {
  code: "lens.unknown-root-urlconf",
  defaultSeverity: "error",
  description: "ROOT_URLCONF names a module that does not exist.",
  run(project) {
    const root = readSettings(project).rootUrlconf;
    if (!root || root === "unknown" || !root.at) return [];
    if (project.modules.resolveModule(root.value)) return [];
    const top = root.value.split(".")[0];
    // A URLconf from an installed package we cannot see is possible, but rare: only claim ours.
    if (!project.modules.resolveModule(top)) return [];
    return [{ file: root.at.file, range: root.at.range, message: `No module named '${root.value}'`, data: { entry: root.value } }];
  },
};
