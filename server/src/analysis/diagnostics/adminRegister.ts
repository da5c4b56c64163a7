// Mistakes that make importing an app's admin.py raise during `django.setup()` (admin autodiscover):
// registering a name that is not defined (NameError), an abstract model (ImproperlyConfigured), a
// model registered twice on the default site (AlreadyRegistered), or importing a name a workspace
// module does not define (ImportError). Django stops at the first one, so only the first is
// reported, in autodiscover order.
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { adminFacts, adminFiles } from "../admin/registrations";
import { appRegistry } from "../settings/apps";
import type { Raw } from "./modelsShared";
import type { Rule } from "./types";

interface Crash {
  at: Location;
  message: string;
  data?: Record<string, unknown>;
}

/** The first import-time error of autodiscover, replayed over the admin modules' facts. */
function firstCrash(project: DjangoProject): Crash | null {
  return project.index.memo(
    `adminFirstCrash:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const admin = adminFiles(project);
      const apps = appRegistry(project).apps;
      const registered = new Map<string, string>();
      const authIndex = apps.findIndex((a) => a.origin === "django" && a.label === "auth");
      for (const file of admin.files) {
        const facts = adminFacts(project, file);
        const crashes: Crash[] = [...facts.importErrors];
        const appIdx = apps.findIndex((a) => a.path !== null && file.startsWith(a.path + "/"));
        // Django's own admin registrations happen when their app's admin module is imported.
        if (authIndex >= 0 && authIndex < appIdx) for (const [label, b] of admin.builtin) registered.set(label, b.admin);
        for (const r of facts.registrations) {
          if (r.kind === "undefined") {
            crashes.push({ at: r.at, message: `name '${r.name}' is not defined` });
          } else if (r.kind === "abstract") {
            crashes.push({ at: r.at, message: `The model ${r.name} is abstract, so it cannot be registered with admin.` });
          } else if (r.kind === "model" && !facts.unregisters) {
            if (r.swapped) continue;
            const key = r.label.toLowerCase();
            const prev = registered.get(key);
            if (prev !== undefined) {
              const msg = prev.includes(".") ? `with '${prev}'.` : `in app '${prev}'.`;
              crashes.push({ at: r.at, message: `The model ${r.name} is already registered ${msg}`, data: { model: r.label } });
            } else if (r.admin !== "unknown") {
              registered.set(key, r.admin ? `${r.appLabel}.${r.admin.name}` : r.appLabel);
            }
          }
        }
        if (crashes.length) {
          crashes.sort((a, b) => a.at.range.start.line - b.at.range.start.line);
          return crashes[0];
        }
      }
      return null;
    },
    { equals: deepEqual },
  );
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
