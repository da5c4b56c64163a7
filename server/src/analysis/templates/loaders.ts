// Finding a template by name the way django.template.loader.get_template() does: engines in
// TEMPLATES order, each engine's loader sources in order, the first that has the file wins. Each
// source joins the name under its folder as `safe_join` does (a name escaping the folder is not a
// candidate there). The template files of the project, by name, for completion and for knowing
// whether a file is a template at all.
import * as path from "node:path";
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { DJANGO_APP_TEMPLATES } from "./djangoTemplates.generated";
import { type Backend, type LoaderSource, templateSetup } from "./engines";

export interface Candidate {
  backend: Backend;
  /** The workspace file; null for a template inside Django itself or a locmem loader. */
  file: string | null;
  /** The Django app whose bundled template this is (file null). */
  app: string | null;
}

export interface TemplateLookup {
  name: string;
  /** Every existing candidate, in the order Django tries them. */
  candidates: Candidate[];
  /** The candidate Django loads; null when none is found. */
  winner: Candidate | null;
  /** A source we cannot see comes before the winner (or, with no winner, anywhere). */
  uncertain: boolean;
  /** Why `uncertain` holds. */
  why: string | null;
}

/** django.utils._os.safe_join: the joined path, or null when it leaves the base folder. */
export function safeJoin(base: string, name: string): string | null {
  const root = path.resolve(base);
  const joined = path.resolve(root, name);
  return joined.startsWith(root + path.sep) ? joined : null;
}

/**
 * Looks `name` up. `skip` lists files Django's {% extends %} skips (the extending template itself,
 * so that "admin/base.html" may extend the next "admin/base.html").
 */
export function findTemplate(project: DjangoProject, name: string, skip: string[] = []): TemplateLookup {
  const setup = templateSetup(project);
  const candidates: Candidate[] = [];
  let winner: Candidate | null = null;
  let why: string | null = setup.unknown[0] ?? null;
  for (const engine of setup.engines) {
    for (const source of engine.sources) {
      const found = lookIn(project, source, name, engine.backend);
      if (found === "unknown") {
        if (!winner) why ??= (source as { why: string }).why;
        continue;
      }
      if (!found || (found.file && skip.includes(found.file))) continue;
      candidates.push(found);
      winner ??= found;
    }
  }
  return { name, candidates, winner, uncertain: why !== null, why };
}

function lookIn(project: DjangoProject, source: LoaderSource, name: string, backend: Backend): Candidate | null | "unknown" {
  switch (source.kind) {
    case "dir": {
      const file = safeJoin(source.dir, name);
      return file && project.index.exists(file) ? { backend, file, app: source.app } : null;
    }
    case "django-app":
      return DJANGO_APP_TEMPLATES[source.app]?.includes(name) ? { backend, file: null, app: source.app } : null;
    case "locmem":
      return source.names.includes(name) ? { backend, file: null, app: null } : null;
    default:
      return "unknown";
  }
}

export interface TemplateFile {
  name: string;
  file: string;
  backend: Backend;
}

const MAX_TEMPLATES = 20000;

/** Every template file under the loaders' folders, by name; earlier sources first. */
export function templateFiles(project: DjangoProject): TemplateFile[] {
  return project.index.memo(`template-files:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const out: TemplateFile[] = [];
    const seenDirs = new Set<string>();
    for (const engine of templateSetup(project).engines) {
      for (const source of engine.sources) {
        if (source.kind !== "dir" || seenDirs.has(source.dir)) continue;
        seenDirs.add(source.dir);
        walk(project, source.dir, "", 0, (rel, file) => out.push({ name: rel, file, backend: engine.backend }), () => out.length >= MAX_TEMPLATES);
      }
    }
    return out;
  }, { equals: sameTemplateFiles });
}

export function sameTemplateFiles(a: TemplateFile[], b: TemplateFile[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].file !== b[i].file || a[i].name !== b[i].name || a[i].backend !== b[i].backend) return false;
  return true;
}

/**
 * What the not-found diagnostic needs of the loaders, small and stable: the listed template files
 * by name, the names Django's own apps and locmem loaders provide, and whether some source is
 * unknown. A keystroke that does not add, remove or move a template leaves it equal.
 */
export interface TemplateNameTable {
  /** Name → listed files under the loaders' folders (candidates: whether each exists is checked apart). */
  files: Map<string, string[]>;
  /** Names found without a workspace file (Django's bundled app templates, locmem). */
  bundled: Set<string>;
  /** A source or the setup is not fully known: a name none of the known sources has is "maybe found". */
  uncertain: boolean;
}

export function templateNameTable(project: DjangoProject): TemplateNameTable {
  return project.index.memo(
    `template-names:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const setup = templateSetup(project);
      let uncertain = setup.unknown.length > 0;
      const bundled = new Set<string>();
      for (const engine of setup.engines) {
        for (const source of engine.sources) {
          if (source.kind === "unknown") uncertain = true;
          else if (source.kind === "django-app") for (const n of DJANGO_APP_TEMPLATES[source.app] ?? []) bundled.add(n);
          else if (source.kind === "locmem") for (const n of source.names) bundled.add(n);
        }
      }
      const files = new Map<string, string[]>();
      for (const t of templateFiles(project)) {
        const list = files.get(t.name);
        if (!list) files.set(t.name, [t.file]);
        else if (!list.includes(t.file)) list.push(t.file);
      }
      return { files, bundled, uncertain };
    },
    { equals: deepEqual },
  );
}

/** Whether a listed template file can be read (as `findTemplate` checks it); stable across edits of its text. */
export function templateExists(project: DjangoProject, file: string): boolean {
  return project.index.memo(`template-exists:${file}`, () => project.index.exists(file), { equals: (a, b) => a === b });
}

/**
 * Exactly `!(winner || uncertain)` of `findTemplate(project, name, skip)`, the condition of the
 * not-found diagnostic, read from the small name table: only a name the table does not show found
 * goes through the full lookup (rare: it is the error case, or a name written unusually).
 */
export function templateMissing(
  project: DjangoProject,
  name: string,
  skip: string[] = [],
  table: TemplateNameTable = templateNameTable(project),
  exists: (file: string) => boolean = (file) => templateExists(project, file),
): boolean {
  if (table.uncertain || table.bundled.has(name)) return false;
  for (const file of table.files.get(name) ?? []) if (!skip.includes(file) && exists(file)) return false;
  const found = findTemplate(project, name, skip);
  return !found.winner && !found.uncertain;
}

function walk(project: DjangoProject, dir: string, prefix: string, depth: number, visit: (rel: string, file: string) => void, full: () => boolean): void {
  if (depth > 12) return;
  for (const e of project.index.listDir(dir)) {
    if (full()) return;
    if (e.name.startsWith(".") || e.name === "__pycache__" || e.name === "node_modules") continue;
    const file = path.join(dir, e.name);
    if (e.isDir) walk(project, file, prefix + e.name + "/", depth + 1, visit, full);
    else visit(prefix + e.name, file);
  }
}

/** The names under which `file` is a template of the project (usually one), with its backend. */
export function templateNamesOf(project: DjangoProject, file: string): TemplateFile[] {
  return project.index.memo(`template-of:${project.managePy}:${project.options.settingsModule ?? ""}:${file}`, () => {
    const out: TemplateFile[] = [];
    for (const engine of templateSetup(project).engines) {
      for (const source of engine.sources) {
        if (source.kind !== "dir") continue;
        const rel = path.relative(source.dir, file);
        if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) out.push({ name: rel.split(path.sep).join("/"), file, backend: engine.backend });
      }
    }
    return out;
  });
}

/** A Django-language template (not Jinja2) of the project. */
export function isDjangoTemplate(project: DjangoProject, file: string): boolean {
  const names = templateNamesOf(project, file);
  return names.length > 0 && names.every((n) => n.backend === "django");
}

/** Extensions whose files under template folders are read as templates for diagnostics. */
export const TEMPLATE_EXTENSIONS = new Set([".html", ".htm", ".txt", ".xml", ".email", ".djhtml"]);
