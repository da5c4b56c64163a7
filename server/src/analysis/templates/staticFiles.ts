// Where `{% static "path" %}` files live, as the default staticfiles finders look: STATICFILES_DIRS
// in order (a `(prefix, dir)` entry only serves paths under its prefix), then each workspace app's
// `static/` folder in INSTALLED_APPS order. Only finds files; never claims one is missing.
import * as path from "node:path";
import type { DjangoProject } from "../../project/project";
import { appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";
import { safeJoin } from "./loaders";

export function findStaticFile(project: DjangoProject, name: string): string | null {
  const roots: { prefix: string; dir: string }[] = [];
  const dirs = readSettings(project).get("STATICFILES_DIRS");
  if (dirs && (dirs.k === "list" || dirs.k === "tuple")) {
    for (const item of dirs.items) {
      if (item.k === "str" || item.k === "path") roots.push({ prefix: "", dir: path.resolve(project.root, item.v) });
      else if ((item.k === "tuple" || item.k === "list") && item.items[0]?.k === "str" && (item.items[1]?.k === "str" || item.items[1]?.k === "path")) {
        roots.push({ prefix: item.items[0].v.replace(/\/+$/, "") + "/", dir: path.resolve(project.root, item.items[1].v) });
      }
    }
  }
  for (const app of appRegistry(project).apps) if (app.path) roots.push({ prefix: "", dir: path.join(app.path, "static") });
  for (const { prefix, dir } of roots) {
    if (prefix && !name.startsWith(prefix)) continue;
    const file = safeJoin(dir, name.slice(prefix.length));
    if (file && project.index.exists(file)) return file;
  }
  return null;
}
