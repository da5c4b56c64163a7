// The registry's names without its contents: which class paths are models, which labels are
// registered (in registration order), the multi-table and proxy structure, and the tables. Each
// models module contributes its facts through a memo with early cutoff, so an edit inside a class
// body (a field renamed, added, a max_length changed) leaves the index valid, and with it every
// per-file analysis that looks labels up. Nothing here holds a source position.
//
// API: modelLabels(project) → ModelLabels; fileFacts(project, module, file) → FileFacts.
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { fieldCatalog } from "./fieldCatalog";
import { type ClassModel, fileModels, modelsContext, modelsFiles } from "./registry";
import type { ModelInfo } from "./types";

export type ClassKind = "model" | "abstract" | "maybe" | "none";

/** A class path as the registry classified it (ancestors in other modules included). */
export interface PathFact {
  path: string;
  kind: ClassKind;
  /** The model's label (an abstract model's is its path); "" when not a model. */
  label: string;
  module: string;
  /** The file defining the class (null for Django's models). */
  file: string | null;
}

/** A model a models module registers (concrete or proxy, with an app label). */
export interface RegisteredFact {
  label: string;
  path: string;
  appLabel: string;
  name: string;
  module: string;
  file: string | null;
  origin: "workspace" | "django";
  proxy: boolean;
  proxyFor: string | null | undefined;
  mtiParents: string[];
  /** Its database table when managed and statically known; null when unmanaged; undefined when not static. */
  table: string | null | undefined;
  /** The primary key's name (the migrations' model states need it). */
  pk: string | null;
}

export interface FileFacts {
  /** Classes in the registry's visit order (each class's ancestors first). */
  classified: PathFact[];
  /** Top-level class paths, in order. */
  top: string[];
  /** Labels of top-level classes whose bases we cannot see (possibly models). */
  maybe: string[];
  /** The models the module registers, in order. */
  models: RegisteredFact[];
}

export interface LabelEntry extends RegisteredFact {
  /** AUTH_USER_MODEL names another model: this is auth.User, swapped out. */
  swapped: boolean;
}

export interface PathEntry extends PathFact {
  /** In the registry's `models` (registered, or abstract): what `byPath` answers. */
  inRegistry: boolean;
  swapped: boolean;
}

export interface ModelLabels {
  /** Every registration in order (Django's models at their app's place). */
  registered: LabelEntry[];
  /** Lower-case label → the first registration (`registry.get`). */
  byLabel: Map<string, LabelEntry>;
  /** Class path → its first classification (Django's registered models too). */
  paths: Map<string, PathEntry>;
  /** Registrations by file ("" for Django's models). */
  byFile: Map<string, LabelEntry[]>;
  /** Installed proxies by the label they proxy. */
  proxiesOf: Map<string, LabelEntry[]>;
  maybe: Set<string>;
  /** App labels of installed apps outside the workspace. */
  external: Set<string>;
  authUserModel: string | null;
  complete: boolean;
}

const projectKey = (project: DjangoProject) => `${project.managePy}:${project.options.settingsModule ?? ""}`;

function appOfModule(apps: { name: string; label: string }[], module: string): { label: string } | undefined {
  let best: { name: string; label: string } | undefined;
  for (const a of apps) if ((module === a.name || module.startsWith(a.name + ".")) && (!best || a.name.length > best.name.length)) best = a;
  return best;
}

function tableOf(m: ModelInfo): string | null | undefined {
  const managed = m.meta.get("managed");
  if (managed && managed.value !== true) return null;
  const o = m.meta.get("db_table");
  if (!o) return `${m.appLabel}_${m.modelName}`;
  return typeof o.value === "string" ? o.value : undefined;
}

/** One module's facts, with early cutoff: unchanged by edits inside class bodies. */
export function fileFacts(project: DjangoProject, module: string, file: string): FileFacts {
  return project.index.memo(
    `modelFacts:${projectKey(project)}:${module}:${file}`,
    () => {
      const ctx = modelsContext(project);
      const out: FileFacts = { classified: [], top: [], maybe: [], models: [] };
      const seen = new Set<string>();
      const visit = (c: ClassModel) => {
        if (seen.has(c.path)) return;
        for (const a of c.ancestors) visit(a);
        if (seen.has(c.path)) return;
        seen.add(c.path);
        const r = c.result;
        const kind: ClassKind = r === "maybe" ? "maybe" : !r ? "none" : r.abstract ? "abstract" : "model";
        out.classified.push({ path: c.path, kind, label: r && r !== "maybe" ? r.label : "", module: c.module, file: r && r !== "maybe" ? r.file : null });
      };
      for (const c of fileModels(project, ctx, module, file)) {
        visit(c);
        out.top.push(c.path);
        const r = c.result;
        if (r === "maybe") {
          const app = appOfModule(ctx.apps, module)?.label;
          if (app) out.maybe.push(`${app}.${c.path.slice(module.length + 1)}`.toLowerCase());
        } else if (r && !r.abstract && r.appLabel && !out.models.some((m) => m.path === r.path)) {
          out.models.push({
            label: r.label,
            path: r.path,
            appLabel: r.appLabel,
            name: r.name,
            module: r.module,
            file: r.file,
            origin: "workspace",
            proxy: r.proxy,
            proxyFor: r.proxyFor,
            mtiParents: r.mtiParents,
            table: tableOf(r),
            pk: r.fields.find((f) => f.primaryKey)?.name ?? null,
          });
        }
      }
      return out;
    },
    { equals: deepEqual },
  );
}

/**
 * The label index, replaying the registry's assembly from the per-file facts: Django's models of
 * Django's apps, then each workspace app's models modules in order; a class path is classified once
 * (the first visit wins), a model registered once.
 */
export function modelLabels(project: DjangoProject): ModelLabels {
  return project.index.memo(`modelLabels:${projectKey(project)}`, () => {
    const ctx = modelsContext(project);
    const files = modelsFiles(project);
    const out: ModelLabels = {
      registered: [],
      byLabel: new Map(),
      paths: new Map(),
      byFile: new Map(),
      proxiesOf: new Map(),
      maybe: new Set(),
      external: new Set(),
      authUserModel: ctx.authUserModel,
      complete: ctx.complete,
    };
    const catalog = fieldCatalog(project.djangoVersion());
    const registeredPaths = new Set<string>();
    const register = (e: LabelEntry) => {
      out.registered.push(e);
      registeredPaths.add(e.path);
      const p = out.paths.get(e.path);
      if (p) p.inRegistry = true;
    };
    let k = 0;
    for (const app of ctx.apps) {
      if (app.origin === "django") {
        for (const m of ctx.catalog.data.models) {
          if (m.label.split(".")[0] !== app.label) continue;
          const path = `${m.module}.${m.name}`;
          const e: LabelEntry = {
            label: m.label,
            path,
            appLabel: app.label,
            name: m.name,
            module: m.module,
            file: null,
            origin: "django",
            proxy: false,
            proxyFor: undefined,
            mtiParents: [],
            table: catalog.model(m.label)?.dbTable,
            pk: m.fields.find((f) => f.primaryKey)?.name ?? null,
            swapped: false,
          };
          if (!out.paths.has(path)) out.paths.set(path, { path, kind: "model", label: m.label, module: m.module, file: null, inRegistry: false, swapped: false });
          register(e);
        }
        continue;
      }
      if (app.origin === "external") {
        out.external.add(app.label);
        continue;
      }
      for (; k < files.length && files[k].app.name === app.name && files[k].app.label === app.label; k++) {
        const facts = fileFacts(project, files[k].module, files[k].file);
        for (const c of facts.classified) {
          if (!out.paths.has(c.path)) out.paths.set(c.path, { ...c, inRegistry: c.kind === "abstract", swapped: false });
        }
        for (const l of facts.maybe) out.maybe.add(l);
        for (const m of facts.models) {
          const c = out.paths.get(m.path);
          if (!c || c.kind !== "model" || registeredPaths.has(m.path)) continue;
          register({ ...m, swapped: false });
        }
      }
    }
    // AUTH_USER_MODEL swapping: auth.User stays registered, marked as swapped out.
    const auth = ctx.authUserModel;
    if (auth && auth.toLowerCase() !== "auth.user") {
      const i = out.registered.findIndex((m) => m.label === "auth.User");
      if (i >= 0) {
        out.registered[i] = { ...out.registered[i], swapped: true };
        const p = out.paths.get(out.registered[i].path);
        if (p) p.swapped = true;
      }
    }
    for (const e of out.registered) {
      const lower = e.label.toLowerCase();
      if (!out.byLabel.has(lower)) out.byLabel.set(lower, e);
      const key = e.file ?? "";
      const list = out.byFile.get(key);
      if (list) list.push(e);
      else out.byFile.set(key, [e]);
      if (e.proxy && e.proxyFor && !e.swapped) {
        const proxies = out.proxiesOf.get(e.proxyFor);
        if (proxies) proxies.push(e);
        else out.proxiesOf.set(e.proxyFor, [e]);
      }
    }
    return out;
  });
}
