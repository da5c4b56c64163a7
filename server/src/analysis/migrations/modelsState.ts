// The models' state (Django's ProjectState.from_apps) from the model registry: every concrete model
// of a workspace app with its fields deconstructed, the Meta options the autodetector compares, and
// the managers ModelState.from_model keeps. What cannot be normalised makes the model unknown.
import type { DjangoProject } from "../../project/project";
import type { ClassDef, Expr } from "../../python/types";
import { dottedName } from "../../python/exprUtil";
import { modelRegistry } from "../models/registry";
import type { FieldInfo, ModelInfo, ModelRegistry } from "../models/types";
import { moduleScope, scopeContext } from "./context";
import { DJANGO_ABSTRACT_MODELS } from "./djangoCatalog";
import { type DjangoLine, type FieldState, type RelationContext, deconstructField, lowerLabel } from "./fields";
import { originalAttrs } from "./modelOptions";
import { normaliseObject } from "./objects";
import { setOptions } from "./replay";
import { type ModelState, ProjectState } from "./state";
import { type EvalContext, type NV, Unknowable, evaluate, str, unknowable } from "./values";
import { readSettings } from "../settings/settings";
import { type RegistryReads, earlyCache, recordingRegistry, sameAnswer, sameReads } from "./early";
import { projectKey, settingReader } from "./history";

const AUTO_KWARGS: Record<string, NV> = {
  auto_created: { t: "bool", v: true },
  primary_key: { t: "bool", v: true },
  serialize: { t: "bool", v: false },
  verbose_name: str("ID"),
};

/** The compilation context (names, constants, settings) of a module, memoised on what it read. */
export function moduleContext(project: DjangoProject, file: string): EvalContext | null {
  return project.index.memo(`migrations-ctx:${projectKey(project)}:${file}`, () => {
    const summary = project.index.summary(file);
    const moduleName = project.modules.moduleOfFile(file);
    if (!summary || !moduleName) return null;
    return scopeContext(moduleScope(summary.statements, moduleName, file, project.modules), settingReader(readSettings(project)));
  });
}

interface AppModelsEntry {
  /** The registry's models of the app, as they were. */
  models: ModelInfo[];
  reads: RegistryReads;
  contexts: Map<string, EvalContext | null>;
  states: ModelState[];
}

/** The workspace models the migrations compare (concrete and proxy), by app label, registry order. */
export function comparedModels(registry: ModelRegistry): Map<string, ModelInfo[]> {
  const out = new Map<string, ModelInfo[]>();
  for (const m of registry.models) {
    if (m.origin !== "workspace" || m.abstract || !m.appLabel) continue;
    const list = out.get(m.appLabel);
    if (list) list.push(m);
    else out.set(m.appLabel, [m]);
  }
  return out;
}

/**
 * One app's models as ModelStates (ProjectState.from_apps, that app's part). The registry is one
 * project-wide memo, so this is cached by value: reused while the app's ModelInfos, every other
 * registry answer the normalisation used and the module contexts it read are equal to last time's.
 */
export function appModelsState(project: DjangoProject, label: string, models: ModelInfo[], registry: ModelRegistry, version: DjangoLine): ModelState[] {
  const cache = earlyCache<AppModelsEntry>(project.index, "models-state");
  const key = `${projectKey(project)}:${version.major}.${version.minor}:${label}`;
  const hit = cache.get(key);
  if (hit && sameAnswer(registry, hit.models, models) && sameReads(registry, hit.reads) && sameContexts(project, hit.contexts)) return hit.states;
  const reads: RegistryReads = new Map();
  const recorded = recordingRegistry(registry, reads);
  const contexts = new Map<string, EvalContext | null>();
  const ctxFor = (file: string): EvalContext | null => {
    if (contexts.has(file)) return contexts.get(file) ?? null;
    const ctx = moduleContext(project, file);
    contexts.set(file, ctx);
    return ctx;
  };
  const states: ModelState[] = [];
  for (const m of models) {
    const ms: ModelState = {
      app: m.appLabel,
      name: m.name,
      fields: new Map(),
      options: new Map(),
      indexes: [],
      constraints: [],
      managers: [],
      bases: [],
      at: m.location ?? undefined,
      fieldAt: new Map(),
    };
    try {
      fillModel(ms, m, recorded, version, ctxFor);
    } catch (err) {
      ms.unknown = err instanceof Unknowable ? err.reason : `internal: ${String(err)}`;
    }
    states.push(ms);
  }
  cache.set(key, { models, reads, contexts, states });
  return states;
}

function sameContexts(project: DjangoProject, contexts: Map<string, EvalContext | null>): boolean {
  for (const [file, ctx] of contexts) if (moduleContext(project, file) !== ctx) return false;
  return true;
}

export interface ModelsState {
  state: ProjectState;
  /** Each app's ModelStates (the same array while the app's inputs are equal). */
  byApp: Map<string, ModelState[]>;
  registry: ModelRegistry;
}

/** Every workspace app's models as one ProjectState (Django's ProjectState.from_apps). */
export function modelsState(project: DjangoProject, version: DjangoLine): ModelsState {
  const registry = modelRegistry(project);
  const state = new ProjectState();
  const byApp = new Map<string, ModelState[]>();
  for (const [label, models] of comparedModels(registry)) byApp.set(label, appModelsState(project, label, models, registry, version));
  // In the registry's order, as ProjectState.from_apps adds them.
  const next = new Map<string, number>();
  for (const m of registry.models) {
    if (m.origin !== "workspace" || m.abstract || !m.appLabel) continue;
    const i = next.get(m.appLabel) ?? 0;
    next.set(m.appLabel, i + 1);
    state.set(byApp.get(m.appLabel)![i]);
  }
  return { state, byApp, registry };
}

function fillModel(ms: ModelState, m: ModelInfo, registry: ModelRegistry, version: DjangoLine, ctxFor: (file: string) => EvalContext | null): void {
  if (m.incomplete) unknowable("a base class or field class is outside the workspace");
  if (m.swappedBy) unknowable(`swapped out by ${m.swappedBy}`);
  if (m.proxy && !m.proxyFor) unknowable("a proxy whose concrete model is not known");
  if (m.mtiParents.length && m.fields.some((f) => !f.implicit && f.params.has("parent_link"))) unknowable("an explicit parent_link field");
  const djangoBases = m.bases.map((b) => b.path).filter((p): p is string => !!p && p in DJANGO_ABSTRACT_MODELS);
  const rel = relations(registry, m);
  // A proxy has no local fields (ModelState.from_model keeps local fields only).
  if (m.proxy && m.fields.some((f) => !f.inherited)) unknowable("a proxy that declares fields");
  for (const f of m.proxy ? [] : m.fields) {
    if (f.location) ms.fieldAt?.set(f.name, f.location);
    ms.fields.set(f.name, fieldState(f, djangoBases, rel, version, ctxFor));
  }
  // Meta: the options ModelState.from_model copies from original_attrs.
  // The registry's Meta is the semantic one (what `_meta` ends up with); migrations want the Meta
  // class Django picked, as written (an own Meta hides an abstract parent's unless it inherits it).
  setOptions(ms, { t: "dict", entries: originalAttrs(m, registry, ctxFor) }, version);
  if (m.proxy) ms.options.set("proxy", { t: "bool", v: true });
  ms.bases = m.bases.filter((b) => b.model && !(b.model in DJANGO_ABSTRACT_MODELS) && !registry.byPath(b.model)?.abstract).map((b) => lowerLabel(b.model as string));
  ms.indexes = ms.indexes.map((i) => normaliseObject(i, version));
  ms.managers = managers(m, registry, djangoBases, ctxFor);
}

function relations(registry: ModelRegistry, m: ModelInfo): RelationContext {
  return {
    modelLabel(ref) {
      if (ref.t !== "str") return null;
      if (ref.v === "self") return lowerLabel(m.label);
      const label = ref.v.includes(".") ? ref.v : `${m.appLabel}.${ref.v}`;
      return lowerLabel(registry.get(label)?.label ?? label);
    },
    pkName(label) {
      const target = registry.get(label);
      if (!target) return null;
      return target.fields.find((f) => f.primaryKey)?.name ?? null;
    },
  };
}

function fieldState(
  f: FieldInfo,
  djangoBases: string[],
  rel: RelationContext,
  version: DjangoLine,
  ctxFor: (file: string) => EvalContext | null,
): FieldState {
  if (f.implicit === "auto") return { path: f.classPath, kwargs: { ...AUTO_KWARGS } };
  if (f.implicit === "parent-link") {
    // ModelBase's OneToOneField(base, on_delete=CASCADE, auto_created=True, parent_link=True);
    // Options._prepare() makes the first one the primary key (setup_pk: serialize=False).
    const target = f.relation?.target;
    if (!target) return unknowable("a parent link to a model that is not known");
    const kwargs: [string, NV][] = [
      ["to", str(target)],
      ["on_delete", { t: "ref", path: "django.db.models.deletion.CASCADE" }],
      ["auto_created", { t: "bool", v: true }],
      ["parent_link", { t: "bool", v: true }],
    ];
    if (f.primaryKey) kwargs.push(["primary_key", { t: "bool", v: true }], ["serialize", { t: "bool", v: false }]);
    return deconstructField("django.db.models.OneToOneField", [], kwargs, version, rel);
  }
  if (!f.call) {
    for (const b of djangoBases) {
      const cf = DJANGO_ABSTRACT_MODELS[b].fields.find((x) => x.name === f.name);
      if (cf) return { path: cf.path, kwargs: { ...cf.kwargs } };
    }
    return unknowable(`field ${f.name} of a class we cannot see`);
  }
  if (!f.exactDjango) return unknowable(`field ${f.name}: ${f.classPath} is not one of Django's field classes`);
  if (f.dynamicArgs) return unknowable(`field ${f.name} has arguments we cannot place`);
  const file = f.location?.file;
  const ctx = file ? ctxFor(file) : null;
  if (!ctx) return unknowable(`cannot read field ${f.name}`);
  const kwargs: [string, NV][] = [];
  for (const [name, e] of f.params) {
    if ((name === "to" || name === "through") && f.relation) {
      const target = name === "to" ? f.relation.target : f.relation.through;
      if (!target) return unknowable(`field ${f.name}: the related model is not known`);
      kwargs.push([name, str(target)]);
      continue;
    }
    kwargs.push([name, evaluate(e, ctx)]);
  }
  return deconstructField(f.classPath, [], kwargs, version, rel);
}

/** ModelState.from_model's managers: use_in_migrations ones, and shims for a custom default. */
function managers(m: ModelInfo, registry: ModelRegistry, djangoBases: string[], ctxFor: (file: string) => EvalContext | null): [string, NV][] {
  const declared: { name: string; value: NV | null; inMigrations: boolean }[] = [];
  for (const b of djangoBases) for (const mg of DJANGO_ABSTRACT_MODELS[b].managers) declared.push({ name: mg.name, value: mg.value, inMigrations: true });
  const chain: ModelInfo[] = [];
  for (const b of m.bases) {
    const parent = b.model ? (registry.byPath(b.model) ?? registry.get(b.model)) : undefined;
    if (parent?.abstract && parent.origin === "workspace") chain.push(parent);
    // Managers of concrete parents are inherited too, in an order (creation counters across
    // classes) we do not model: only a parent chain without managers is compared.
    else if (parent && !parent.abstract && declaresManagers(parent, registry, ctxFor, 0)) unknowable(`managers inherited from ${parent.name}`);
  }
  chain.push(m);
  for (const cls of chain) {
    if (!cls.cls || !cls.file) continue;
    const ctx = ctxFor(cls.file);
    for (const s of cls.cls.body) {
      if (s.kind !== "assign" || !s.value || s.value.kind !== "call") continue;
      const t = s.targets[0];
      if (t?.kind !== "name") continue;
      const callee = dottedName(s.value.func);
      const full = callee && ctx ? ctx.resolve(callee) : null;
      if (!full || !/Manager$|\.as_manager$|from_queryset/.test(full + (callee ?? ""))) continue;
      if (full === "django.db.models.Manager" && s.value.args.length === 0 && s.value.keywords.length === 0) {
        declared.push({ name: t.id, value: null, inMigrations: false });
        continue;
      }
      const local = localClass(cls, callee ?? "");
      if (local && !usesInMigrations(local)) {
        declared.push({ name: t.id, value: null, inMigrations: false });
        continue;
      }
      unknowable(`manager ${t.id} (${callee}) is not modelled`);
    }
  }
  const seen = new Set<string>();
  const out: [string, NV][] = [];
  let shim = false;
  let first = true;
  for (const d of declared) {
    if (seen.has(d.name)) continue;
    seen.add(d.name);
    if (d.inMigrations && d.value) out.push([d.name, d.value]);
    else if (first) {
      out.push([d.name, { t: "call", path: "django.db.models.Manager", args: [], kwargs: [] }]);
      shim = true;
    }
    first = false;
  }
  if (shim && out.length === 1 && out[0][0] === "objects" && out[0][1].t === "call" && out[0][1].path === "django.db.models.Manager") return [];
  return out;
}

function localClass(m: ModelInfo, name: string): ClassDef | null {
  void m;
  void name;
  return null;
}

function usesInMigrations(c: ClassDef): boolean {
  return c.body.some((s) => s.kind === "assign" && s.targets.some((t) => t.kind === "name" && t.id === "use_in_migrations") && (s.value as Expr | null)?.kind === "const");
}

/** A workspace model (or one of its concrete ancestors) assigns a manager in its body. */
function declaresManagers(m: ModelInfo, registry: ModelRegistry, ctxFor: (file: string) => EvalContext | null, depth: number): boolean {
  if (depth > 10 || m.origin !== "workspace" || !m.cls || !m.file) return depth > 10;
  const ctx = ctxFor(m.file);
  for (const s of m.cls.body) {
    if (s.kind !== "assign" || s.value?.kind !== "call") continue;
    const callee = dottedName(s.value.func);
    const full = (callee && ctx?.resolve(callee)) ?? callee ?? "";
    if (/Manager$|\.as_manager$|from_queryset/.test(full)) return true;
  }
  return m.bases.some((b) => {
    const p = b.model ? (registry.byPath(b.model) ?? registry.get(b.model)) : undefined;
    return !!p && declaresManagers(p, registry, ctxFor, depth + 1);
  });
}
