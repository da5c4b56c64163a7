// Mistakes that make importing an app's admin.py raise during `django.setup()` (admin autodiscover):
// registering a name that is not defined (NameError), an abstract model (ImproperlyConfigured), a
// model registered twice on the default site (AlreadyRegistered), or importing a name a workspace
// module does not define (ImportError). Django stops at the first one, so only the first is
// reported, in autodiscover order.
import type { DjangoProject } from "../../project/project";
import { topLevel } from "../../python/exprUtil";
import type { Location } from "../../python/types";
import { adminRegistry } from "../admin/registrations";
import { appRegistry } from "../settings/apps";
import type { Raw } from "./modelsShared";
import type { Rule } from "./types";

interface Crash {
  at: Location;
  message: string;
  data?: Record<string, unknown>;
}

/** `from x import Name` where workspace module x defines no Name. */
function importErrors(project: DjangoProject, file: string): Crash[] {
  const out: Crash[] = [];
  for (const s of topLevel(project.index.summary(file)?.statements ?? [])) {
    if (s.kind !== "from" || s.names === "*") continue;
    const target = project.modules.absoluteImport(file, s.level, s.module);
    const mod = target ? project.modules.resolveModule(target) : null;
    if (!target || !mod?.file) continue;
    const summary = project.index.summary(mod.file);
    if (!summary || summary.statements.some((x) => x.kind === "from" && x.names === "*")) continue;
    for (const n of s.names) {
      if (project.modules.lookupIn(mod, [n.name]) || project.modules.resolveModule(`${target}.${n.name}`)) continue;
      out.push({ at: { file, range: s.range }, message: `cannot import name '${n.name}' from '${target}' (${mod.file})`, data: { name: n.name, module: target } });
      break;
    }
  }
  return out;
}

function firstCrash(project: DjangoProject): Crash | null {
  const admin = adminRegistry(project);
  const apps = appRegistry(project).apps;
  const registered = new Map<string, string>();
  const authIndex = apps.findIndex((a) => a.origin === "django" && a.label === "auth");
  const unregistered = new Set<string>();
  for (const file of admin.files) {
    for (const c of project.index.summary(file)?.calls ?? []) if (/(^|\.)unregister$/.test(c.callee ?? "")) unregistered.add(file);
  }
  for (const file of admin.files) {
    const crashes: Crash[] = importErrors(project, file);
    const appIdx = apps.findIndex((a) => a.path !== null && file.startsWith(a.path + "/"));
    // Django's own admin registrations happen when their app's admin module is imported.
    if (authIndex >= 0 && authIndex < appIdx) for (const [label, b] of admin.builtin) registered.set(label, b.admin);
    for (const r of admin.registrations.filter((x) => x.file === file)) {
      if (r.model.kind === "undefined") {
        crashes.push({ at: { file, range: r.modelExpr.range }, message: `name '${r.model.name}' is not defined` });
      } else if (r.model.kind === "abstract") {
        crashes.push({ at: r.at, message: `The model ${r.model.name} is abstract, so it cannot be registered with admin.` });
      } else if (r.model.kind === "model" && !unregistered.has(file)) {
        const m = r.model.model;
        if (m.swappedBy) continue;
        const key = m.label.toLowerCase();
        const prev = registered.get(key);
        if (prev !== undefined) {
          const msg = prev.includes(".") ? `with '${prev}'.` : `in app '${prev}'.`;
          crashes.push({ at: r.at, message: `The model ${m.name} is already registered ${msg}`, data: { model: m.label } });
        } else if (r.admin !== "unknown") {
          registered.set(key, r.admin ? `${m.appLabel}.${r.admin.name}` : m.appLabel);
        }
      }
    }
    if (crashes.length) {
      crashes.sort((a, b) => a.at.range.start.line - b.at.range.start.line);
      return crashes[0];
    }
  }
  return null;
}

export const adminRegisterCrash: Rule = {
  code: "lens.admin-import-error",
  defaultSeverity: "error",
  description: "Importing an admin module raises (unknown or abstract model, a model registered twice, a bad import).",
  run(project) {
    const c = firstCrash(project);
    const out: Raw[] = c ? [{ file: c.at.file, range: c.at.range, message: c.message, data: c.data }] : [];
    return out;
  },
};
