// Template tag libraries as DjangoTemplates builds its table (backends/django.py
// get_installed_libraries): django.templatetags first, then each installed app's `templatetags`
// package in INSTALLED_APPS order, later names replacing earlier ones, then OPTIONS["libraries"].
// A workspace module is read for `register = template.Library()` and its registrations.
import * as path from "node:path";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { appRegistry } from "../settings/apps";
import { DJANGO_LIBRARIES } from "./builtins";
import { templateSetup } from "./engines";
import { readLibraryModule } from "./libraryModule";

export interface Registered {
  name: string;
  /** The function (or the registering call) in the workspace; null for Django's own. */
  at: Location | null;
  /** simple_block_tag's end tag. */
  end?: string;
}

export interface Library {
  name: string;
  module: string;
  file: string | null;
  tags: Map<string, Registered>;
  filters: Map<string, Registered>;
  /** False when some registration could not be read: any name may come from it. */
  complete: boolean;
  /** Tag-like string literals of the module: end and middle tags its compile functions may parse. */
  consumed: Set<string>;
}

export interface LibraryTable {
  /** Library name → library, for {% load %}. */
  byName: Map<string, Library>;
  /** False when a library could come from somewhere we cannot see (an app outside the workspace). */
  complete: boolean;
  /** OPTIONS["builtins"] libraries, available without {% load %}. */
  builtins: Library[];
  /** False when OPTIONS["builtins"] names something we cannot read. */
  builtinsComplete: boolean;
}

function djangoLibrary(name: string): Library | null {
  const lib = DJANGO_LIBRARIES.find((l) => l.name === name);
  if (!lib) return null;
  const reg = (xs: { name: string }[]) => new Map(xs.map((x) => [x.name, { name: x.name, at: null }]));
  return { name, module: lib.module, file: null, tags: reg(lib.tags), filters: reg(lib.filters), complete: true, consumed: new Set() };
}

function fromModule(project: DjangoProject, name: string, module: string): Library | null {
  const known = DJANGO_LIBRARIES.find((l) => l.module === module);
  if (known) return { ...djangoLibrary(known.name)!, name };
  const mod = project.modules.resolveModule(module);
  if (!mod?.file) return null;
  return readLibraryModule(project, name, module, mod.file);
}

export function libraryTable(project: DjangoProject): LibraryTable {
  return project.index.memo(`template-libraries:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const byName = new Map<string, Library>();
    let complete = true;
    for (const lib of DJANGO_LIBRARIES) if (lib.app === null) byName.set(lib.name, djangoLibrary(lib.name)!);
    const registry = appRegistry(project);
    if (!registry.complete) complete = false;
    for (const app of registry.apps) {
      if (app.origin === "django") {
        for (const lib of DJANGO_LIBRARIES) if (lib.app === app.name) byName.set(lib.name, djangoLibrary(lib.name)!);
        continue;
      }
      if (app.origin === "external" || !app.path) {
        complete = false;
        continue;
      }
      const dir = path.join(app.path, "templatetags");
      for (const [rel, file] of pythonModules(project, dir, "", 0)) {
        const lib = readLibraryModule(project, rel, `${app.name}.templatetags.${rel}`, file);
        if (lib) byName.set(rel, lib);
      }
    }
    // Only the first DjangoTemplates engine is modelled for libraries (one engine is the norm).
    const engine = templateSetup(project).engines.find((e) => e.backend === "django");
    if (engine?.libraries === null) complete = false;
    for (const [name, module] of engine?.libraries ?? []) {
      const lib = fromModule(project, name, module);
      if (lib) byName.set(name, lib);
      else complete = false;
    }
    const builtins: Library[] = [];
    let builtinsComplete = engine?.builtins !== null;
    for (const module of engine?.builtins ?? []) {
      const lib = fromModule(project, module, module);
      if (lib) builtins.push(lib);
      else builtinsComplete = false;
    }
    return { byName, complete, builtins, builtinsComplete };
  });
}

/** Modules of a templatetags package (pkgutil.walk_packages): `name` and `sub.name` for subpackages. */
function pythonModules(project: DjangoProject, dir: string, prefix: string, depth: number): [string, string][] {
  if (depth > 3) return [];
  const out: [string, string][] = [];
  for (const e of project.index.listDir(dir)) {
    if (e.isDir) {
      if (/^[A-Za-z_]\w*$/.test(e.name) && project.index.exists(path.join(dir, e.name, "__init__.py"))) {
        out.push(...pythonModules(project, path.join(dir, e.name), `${prefix}${e.name}.`, depth + 1));
      }
    } else if (e.name.endsWith(".py") && e.name !== "__init__.py" && /^[A-Za-z_]\w*\.py$/.test(e.name)) {
      out.push([prefix + e.name.slice(0, -3), path.join(dir, e.name)]);
    }
  }
  return out;
}
