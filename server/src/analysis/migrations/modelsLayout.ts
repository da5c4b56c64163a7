// What the migrations' per-app model states need from the rest of the model registry, as small
// memos with early cutoff, so that a keystroke in one models.py re-derives only that app's states:
//
//   per models file:  the classes it classifies (ancestors first) and the models it registers;
//   layout:           the registry's registration order, labels, paths and "maybe" labels, replayed
//                     from the per-file facts exactly as the registry's assemble() visits them;
//   per app label, per module: projections of the layout (an app's models and what its labels
//                     name; what a module's class paths were classified as), each cut off by value.
//
// Everything is read through the index from the label index's per-file facts (models/labels.ts,
// themselves cut off by value), never from the whole registry, which an edit anywhere in the models
// rebuilds.
import type { DjangoProject } from "../../project/project";
import { deepEqual } from "../../project/equal";
import { fileFacts as labelFileFacts } from "../models/labels";
import { type ModelsContext, modelsContext, modelsFiles } from "../models/registry";
import { projectKey } from "./history";

/** A registered model (a concrete or proxy model of an installed app), where its class is. */
export interface RegisteredModel {
  app: string;
  /** `app_label.ModelName`, Django's casing. */
  label: string;
  origin: "workspace" | "django";
  /** `module.Class`; the models module and its file that declare it (workspace models). */
  path: string;
  module: string;
  file: string | null;
  /** The primary key's name. */
  pk: string | null;
  /** AUTH_USER_MODEL swaps it out. */
  swapped?: boolean;
}

/** One classified class: its path and, for a concrete or proxy model, its label. */
type Classified = [path: string, kind: "model" | "abstract" | "maybe" | "none", label: string];

interface FileFacts {
  /** Every class visited, ancestors first (the registry's visit order), each path once. */
  classified: Classified[];
  /** The file's top-level classes, in order. */
  top: string[];
  /** Top-level classes whose bases we cannot see, as lower-case labels. */
  maybe: string[];
  /** Registration facts of the concrete or proxy top-level models (by path). */
  models: RegisteredModel[];
}

export interface ModelsLayout {
  /** The registry's `models` order, restricted to registered models (Django's and the workspace's). */
  registered: RegisteredModel[];
  maybe: string[];
  classified: Classified[];
  // Derived lookups (not compared: they follow from the lists above).
  /** By lower-case app label (the part of a label before its first dot). */
  byAppFacts: Map<string, AppFacts>;
  /** By module: what each class path in it was classified as. */
  byModule: Map<string, Map<string, { kind: Classified[1]; label: string; registered: boolean }>>;
}

/** One models module's classes as the registry's assemble() sees them: the label index's per-file facts, in this module's terms. */
function fileFacts(project: DjangoProject, module: string, file: string): FileFacts {
  return project.index.memo(
    `migrations-file-models:${projectKey(project)}:${module}:${file}`,
    () => {
      const facts = labelFileFacts(project, module, file);
      return {
        classified: facts.classified.map((c): Classified => [c.path, c.kind, c.kind === "model" ? c.label : ""]),
        top: facts.top,
        maybe: facts.maybe,
        models: facts.models.map((m): RegisteredModel => ({ app: m.appLabel, label: m.label, origin: "workspace", path: m.path, module, file, pk: m.pk })),
      };
    },
    { equals: deepEqual },
  );
}

/**
 * The models context, cut off by value: it is recomputed whenever the Django version is detected
 * again (a migration file's header is one of the places it looks), most often to an equal context.
 * The memos here read this one, never modelsContext() directly.
 */
export function modelsContextCut(project: DjangoProject): ModelsContext {
  return project.index.memo(`migrations-models-context:${projectKey(project)}`, () => modelsContext(project), {
    // The catalog is one object per Django line: compared by identity inside deepEqual.
    equals: (a, b) => a.fp === b.fp && deepEqual(a, b),
  });
}

/**
 * The workspace apps' models modules (the registry's modelsFiles), cut off by value: resolving
 * `app.models` reads the module's file, so an edit in it recomputes the list, most often equal.
 */
function modelsModuleFiles(project: DjangoProject): { app: string; label: string; module: string; file: string }[] {
  return project.index.memo(
    `migrations-models-files:${projectKey(project)}`,
    () => modelsFiles(project).map((f) => ({ app: f.app.name, label: f.app.label, module: f.module, file: f.file })),
    { equals: deepEqual },
  );
}

function sameLayout(a: ModelsLayout, b: ModelsLayout): boolean {
  return deepEqual(a.registered, b.registered) && deepEqual(a.maybe, b.maybe) && deepEqual(a.classified, b.classified);
}

/**
 * The registry's registration, replayed from the per-file facts: Django's models of Django's apps
 * (from the catalog), then each workspace app's models modules in order; a class path is
 * classified once (the first visit wins), a model registered once.
 */
export function modelsLayout(project: DjangoProject): ModelsLayout {
  return project.index.memo(
    `migrations-models-layout:${projectKey(project)}`,
    () => {
      const ctx = modelsContextCut(project);
      const files = modelsModuleFiles(project);
      const registered: RegisteredModel[] = [];
      const classified: Classified[] = [];
      const kindOfPath = new Map<string, Classified>();
      const registeredPaths = new Set<string>();
      const maybe: string[] = [];
      let k = 0;
      for (const app of ctx.apps) {
        if (app.origin === "django") {
          for (const m of ctx.catalog.data.models) {
            if (m.label.split(".")[0] !== app.label) continue;
            registered.push({ app: app.label, label: m.label, origin: "django", path: `${m.module}.${m.name}`, module: m.module, file: null, pk: m.fields.find((f) => f.primaryKey)?.name ?? null });
          }
          continue;
        }
        if (app.origin === "external") continue;
        // modelsFiles lists the workspace apps' modules in this same order.
        for (; k < files.length && files[k].app === app.name && files[k].label === app.label; k++) {
          const facts = fileFacts(project, files[k].module, files[k].file);
          for (const c of facts.classified) {
            if (kindOfPath.has(c[0])) continue;
            kindOfPath.set(c[0], c);
            classified.push(c);
          }
          maybe.push(...facts.maybe);
          for (const path of facts.top) {
            const c = kindOfPath.get(path);
            if (!c || c[1] !== "model" || registeredPaths.has(path)) continue;
            // The first visit of the path may have come from another file; its model is the same.
            const m = facts.models.find((x) => x.path === path);
            if (!m) continue;
            registeredPaths.add(path);
            registered.push(m);
          }
        }
      }
      const auth = ctx.authUserModel;
      if (auth && auth.toLowerCase() !== "auth.user") {
        const i = registered.findIndex((m) => m.label === "auth.User");
        if (i >= 0) registered[i] = { ...registered[i], swapped: true };
      }
      const byAppFacts = new Map<string, AppFacts>();
      const factsOf = (app: string) => {
        let f = byAppFacts.get(app);
        if (!f) byAppFacts.set(app, (f = { members: [], byLabel: new Map(), maybe: new Set() }));
        return f;
      };
      const appPart = (lower: string) => (lower.includes(".") ? lower.slice(0, lower.indexOf(".")) : lower);
      for (const m of registered) {
        const lower = m.label.toLowerCase();
        if (m.origin === "workspace") factsOf(m.app.toLowerCase()).members.push(m);
        const f = factsOf(appPart(lower));
        if (!f.byLabel.has(lower)) f.byLabel.set(lower, m);
      }
      for (const l of maybe) factsOf(appPart(l)).maybe.add(l);
      const byModule = new Map<string, Map<string, { kind: Classified[1]; label: string; registered: boolean }>>();
      for (const [path, kind, label] of classified) {
        const dot = path.lastIndexOf(".");
        const module = dot < 0 ? "" : path.slice(0, dot);
        let m = byModule.get(module);
        if (!m) byModule.set(module, (m = new Map()));
        m.set(path, { kind, label, registered: registeredPaths.has(path) });
      }
      return { registered, maybe, classified, byAppFacts, byModule };
    },
    { equals: sameLayout },
  );
}

/**
 * What the rest of the registry says about one app label, cut off by value: the workspace models
 * registered under it (registry order), and the lookups by label (`app.Model`, lower-cased, first
 * registered wins) and by class path that land in it. A per-app model state reads its own app's
 * facts and those of the apps its relations and bases name.
 */
export interface AppFacts {
  members: RegisteredModel[];
  /** Lower-case label → the first model registered under it. */
  byLabel: Map<string, RegisteredModel>;
  /** Lower-case labels of classes we cannot see into. */
  maybe: Set<string>;
}

const EMPTY_FACTS: AppFacts = { members: [], byLabel: new Map(), maybe: new Set() };

export function appFacts(project: DjangoProject, app: string): AppFacts {
  return project.index.memo(`migrations-app-facts:${projectKey(project)}:${app}`, () => modelsLayout(project).byAppFacts.get(app) ?? EMPTY_FACTS, { equals: deepEqual });
}

/** The workspace models registered under an app label, in the registry's order. */
export function appMembers(project: DjangoProject, label: string): RegisteredModel[] {
  return appFacts(project, label.toLowerCase()).members.filter((m) => m.app === label);
}

/** What a label names: the registered model (first of that label), a class we cannot see into, or nothing. */
export interface LabelFacts {
  model: RegisteredModel | null;
  maybe: boolean;
}

export function labelFacts(project: DjangoProject, label: string): LabelFacts {
  const lower = label.toLowerCase();
  const dot = lower.indexOf(".");
  const facts = appFacts(project, dot < 0 ? lower : lower.slice(0, dot));
  return { model: facts.byLabel.get(lower) ?? null, maybe: facts.maybe.has(lower) };
}

/** What a class path was classified as, first visit (the registry's `classified`), or null. */
export function pathFacts(project: DjangoProject, path: string): { kind: Classified[1]; label: string; registered: boolean } | null {
  const dot = path.lastIndexOf(".");
  const facts = moduleFacts(project, dot < 0 ? "" : path.slice(0, dot));
  return facts.get(path) ?? null;
}

/** The classified classes of one module, by path, cut off by value. */
function moduleFacts(project: DjangoProject, module: string): Map<string, { kind: Classified[1]; label: string; registered: boolean }> {
  return project.index.memo(`migrations-module-facts:${projectKey(project)}:${module}`, () => modelsLayout(project).byModule.get(module) ?? new Map(), { equals: deepEqual });
}
