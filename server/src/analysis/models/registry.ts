// The model registry: every model of every installed app, read statically the way Django's
// ModelBase builds them — abstract bases (fields and Meta inherited), multi-table inheritance
// (the implicit parent link), proxies, the implicit `id`, AUTH_USER_MODEL swapping, and relation
// targets resolved to labels. Memoised in the index on every file it read.
//
// API (stable, read by the migrations and admin analyses):
//   modelRegistry(project) → ModelRegistry   (see ./types.ts)
//   registry.models / get(label) / appModels(label) / byPath(path) / authUserModel / complete
// Per module, for analyses that must not depend on the whole registry (it is rebuilt after any
// models edit): modelsFiles, fileModels (classes as declared), resolvedModels (relation targets
// resolved against the label index of ./labels.ts, which holds no model contents), and the
// shapes of ./shapes.ts for models of other modules.
import * as path from "node:path";
import type { DjangoProject } from "../../project/project";
import { dottedName, topLevel } from "../../python/exprUtil";
import type { ClassDef, Expr, Location } from "../../python/types";
import { type AppInfo, appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";
import { type ClassDeclarations, metaBaseOwner, readClassBody } from "./declarations";
import { type CatalogModel, type FieldCatalog, MODEL_BASE_PATHS, fieldCatalog } from "./fieldCatalog";
import { type ModelLabels, modelLabels } from "./labels";
import { type NameTarget, resolveExprDirect } from "./names";
import { type RelationScope, formatRelatedName, relationKind, resolveModelRef } from "./relations";
import type { FieldInfo, MetaOption, ModelBase, ModelInfo, ModelRegistry, RelationInfo } from "./types";

export type { FieldInfo, MetaOption, ModelBase, ModelInfo, ModelRegistry, RelationInfo } from "./types";

interface ClassRef {
  path: string;
  module: string;
  file: string;
  cls: ClassDef;
}

export function modelRegistry(project: DjangoProject): ModelRegistry {
  return project.index.memo(`models:${project.managePy}:${project.options.settingsModule ?? ""}`, () => assemble(project));
}

/** The modules Django imports for an app's models: `app.models`, and for a package the submodules its __init__ imports. */
export function modelsModules(project: DjangoProject, app: AppInfo): { module: string; file: string }[] {
  const out: { module: string; file: string }[] = [];
  const seen = new Set<string>();
  const visit = (name: string, depth: number) => {
    if (seen.has(name) || depth > 4) return;
    seen.add(name);
    const mod = project.modules.resolveModule(name);
    if (!mod?.file) return;
    out.push({ module: name, file: mod.file });
    if (!mod.dir) return;
    const summary = project.index.summary(mod.file);
    for (const s of topLevel(summary?.statements ?? [])) {
      if (s.kind !== "from") continue;
      const target = project.modules.absoluteImport(mod.file, s.level, s.module);
      if (!target) continue;
      if (target.startsWith(name + ".")) visit(target, depth + 1);
      else if (target === name && s.names !== "*") for (const n of s.names) visit(`${name}.${n.name}`, depth + 1);
    }
  };
  visit(`${app.name}.models`, 0);
  return out;
}

/** What every per-class computation shares: the catalog, the installed apps and the settings they read. */
export interface ModelsContext {
  catalog: FieldCatalog;
  apps: AppInfo[];
  complete: boolean;
  authUserModel: string | null;
  defaultAutoField: string | null;
  /** Everything above that a class's model depends on, as a string: part of per-class memo keys. */
  fp: string;
}

// Fingerprints go into memo keys, which the index hashes on every check: a long one (hundreds of
// apps) made each check cost microseconds. Each distinct fingerprint gets a short id instead.
const fingerprints = new Map<string, string>();
function internFingerprint(long: string): string {
  let id = fingerprints.get(long);
  if (id === undefined) fingerprints.set(long, (id = `fp${fingerprints.size}`));
  return id;
}

/**
 * The models context, read through the index (its reads become dependencies of the caller). Per-class
 * and per-file memos take it as an argument and put its fingerprint in their keys instead of
 * reading it: otherwise each would depend on every file the app registry read.
 */
export function modelsContext(project: DjangoProject): ModelsContext {
  return project.index.memo(`modelsContext:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const settings = readSettings(project);
    const registry = appRegistry(project, settings);
    const catalog = fieldCatalog(project.djangoVersion());
    const fp = internFingerprint(JSON.stringify([catalog.line, catalog.exact, settings.defaultAutoField, registry.apps.map((a) => [a.name, a.label, a.defaultAutoField ?? null])]));
    return {
      fp,
      catalog,
      apps: registry.apps,
      complete: registry.complete,
      authUserModel: settings.authUserModel,
      defaultAutoField: settings.defaultAutoField,
    };
  });
}

/**
 * One class, classified and declared as in its own module: its ModelInfo (relation targets not yet
 * resolved: those depend on every other model), "maybe", or null; and the workspace classes its
 * bases resolved to, classified the same way (memoised per class, so shared).
 */
export interface ClassModel {
  path: string;
  module: string;
  result: ModelInfo | "maybe" | null;
  ancestors: ClassModel[];
  /** The line of the `class` statement (a module may define a name twice). */
  line?: number;
}

/**
 * Classes are classified a file at a time (one memo per file: few entries for the index to check
 * after an edit); a base class in another file is read from that file's memo. A class of a file
 * whose memo is being computed (two files importing each other's classes) is classified inline,
 * reading its file again; a class reached again while it is being classified (an inheritance
 * cycle, which Python rejects) is no model.
 */
const fileInProgress = new Set<string>();
const classInProgress = new Set<string>();

function fileModelsKey(project: DjangoProject, ctx: ModelsContext, module: string, file: string): string {
  return `fileModels:${project.managePy}:${project.options.settingsModule ?? ""}:${ctx.fp}:${module}:${file}`;
}

/** Classifies the classes of one file, each once, in one memo computation (so every read is recorded there). */
class FileClassifier {
  private local = new Map<string, ClassModel>();
  private names = new Map<string, NameTarget>();

  constructor(
    private project: DjangoProject,
    private ctx: ModelsContext,
    readonly module: string,
    readonly file: string,
  ) {}

  /** The classification of a class of this file. */
  own(ref: ClassRef): ClassModel {
    const id = `${ref.file}:${ref.cls.range.start.line}:${ref.path}`;
    const hit = this.local.get(id);
    if (hit) return hit;
    if (classInProgress.has(id)) return { path: ref.path, module: ref.module, result: null, ancestors: [], line: ref.cls.range.start.line };
    classInProgress.add(id);
    this.project.index.text(this.file); // the class is read from this file's summary
    try {
      const c = new ClassBuilder(this.project, this.ctx, this).classify(ref);
      this.local.set(id, c);
      return c;
    } finally {
      classInProgress.delete(id);
    }
  }

  /** A name resolved from a module's top level, once per file computation (field classes repeat). */
  readonly resolve = (file: string, expr: Expr): NameTarget => {
    const dotted = dottedName(expr);
    if (!dotted) return { kind: "unknown" };
    const key = `${file}\0${dotted}`;
    let t = this.names.get(key);
    if (!t) this.names.set(key, (t = resolveExprDirect(this.project, file, expr)));
    return t;
  };

  /** Any class a base expression resolved to: this file's, or another file's (from its memo). */
  classOf(ref: ClassRef): ClassModel {
    if (ref.file === this.file && ref.module === this.module) return this.own(ref);
    if (!fileInProgress.has(fileModelsKey(this.project, this.ctx, ref.module, ref.file))) {
      const found = fileModels(this.project, this.ctx, ref.module, ref.file).find((c) => c.path === ref.path && c.line === ref.cls.range.start.line);
      if (found) return found;
    }
    return new FileClassifier(this.project, this.ctx, ref.module, ref.file).own(ref);
  }
}

/** A module's top-level classes, classified (memoised per file: an edit re-declares only its file). */
export function fileModels(project: DjangoProject, ctx: ModelsContext, module: string, file: string): ClassModel[] {
  const key = fileModelsKey(project, ctx, module, file);
  return project.index.memo(key, () => {
    fileInProgress.add(key);
    try {
      const classifier = new FileClassifier(project, ctx, module, file);
      const out: ClassModel[] = [];
      const summary = project.index.summary(file);
      for (const s of topLevel(summary?.statements ?? [])) {
        if (s.kind !== "class") continue;
        out.push(classifier.own({ path: `${module}.${s.name}`, module, file, cls: s }));
      }
      return out;
    } finally {
      fileInProgress.delete(key);
    }
  });
}

/** The workspace apps' models modules, in app order, each file once. */
export interface ModelsFile {
  app: AppInfo;
  module: string;
  file: string;
}

/**
 * With early cutoff: resolving a module reads its file, so an edit inside a models module
 * recomputes the list; the same list keeps everything that reads it valid.
 */
export function modelsFiles(project: DjangoProject): ModelsFile[] {
  return project.index.memo(
    `modelsFiles:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const out: ModelsFile[] = [];
      for (const app of modelsContext(project).apps) {
        if (app.origin === "django" || app.origin === "external") continue;
        for (const { module, file } of modelsModules(project, app)) out.push({ app, module, file });
      }
      return out;
    },
    // The same apps (objects of one modelsContext value) with the same modules: the same list.
    { equals: (a, b) => a.length === b.length && a.every((x, i) => x.app === b[i].app && x.module === b[i].module && x.file === b[i].file) },
  );
}

/**
 * The models of one models module that Django's checks visit (concrete or proxy, installed), as
 * declared: relation targets are not resolved (kind, related names and `to` as written are).
 * Depends only on the file and what its classes read, not on the rest of the registry.
 */
export function declaredModels(project: DjangoProject, ctx: ModelsContext, entry: Pick<ModelsFile, "module" | "file">): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const c of fileModels(project, ctx, entry.module, entry.file)) {
    const r = c.result;
    if (r && r !== "maybe" && !r.abstract && r.appLabel && r.origin === "workspace" && !out.includes(r)) out.push(r);
  }
  return out;
}

// Django's own models depend only on the catalog: built once per catalog, never mutated.
const djangoModels = new WeakMap<FieldCatalog, Map<string, ModelInfo>>();

function cachedDjango(catalog: FieldCatalog, key: string, make: () => ModelInfo): ModelInfo {
  let m = djangoModels.get(catalog);
  if (!m) djangoModels.set(catalog, (m = new Map()));
  let v = m.get(key);
  if (!v) m.set(key, (v = make()));
  return v;
}

/** One of Django's own models (shared, never mutated). */
export function cachedDjangoModel(project: DjangoProject, m: CatalogModel): ModelInfo {
  return new ClassBuilder(project, modelsContext(project)).djangoModel(m);
}

// Resolved models by their declared model: reused (same object) while the targets are the same.
const resolvedCache = new WeakMap<ModelInfo, { key: string; model: ModelInfo }>();

function assemble(project: DjangoProject): ModelRegistry {
  const ctx = modelsContext(project);
  const registered: ModelInfo[] = [];
  const abstracts: ModelInfo[] = [];
  const classified = new Map<string, ModelInfo | "maybe" | null>();
  const maybeModels = new Set<string>();
  const externalApps = new Set<string>();
  const helper = new ClassBuilder(project, ctx);
  const visit = (c: ClassModel) => {
    if (classified.has(c.path)) return;
    for (const a of c.ancestors) visit(a);
    if (classified.has(c.path)) return;
    classified.set(c.path, c.result);
    if (c.result && c.result !== "maybe" && c.result.abstract) abstracts.push(c.result);
  };
  for (const app of ctx.apps) {
    if (app.origin === "django") {
      for (const m of ctx.catalog.data.models) if (m.label.split(".")[0] === app.label) registered.push(helper.djangoModel(m));
      continue;
    }
    if (app.origin === "external") {
      externalApps.add(app.label);
      continue;
    }
    for (const { module, file } of modelsModules(project, app)) {
      for (const c of fileModels(project, ctx, module, file)) {
        visit(c);
        const r = classified.get(c.path);
        if (r === "maybe") {
          const label = helper.appOfModule(module)?.label;
          if (label) maybeModels.add(`${label}.${c.path.slice(module.length + 1)}`.toLowerCase());
        } else if (r && !r.abstract && r.appLabel && !registered.includes(r)) registered.push(r);
      }
    }
  }
  // AUTH_USER_MODEL swapping: a copy, Django's models are shared between builds.
  const auth = ctx.authUserModel;
  if (auth && auth.toLowerCase() !== "auth.user") {
    const i = registered.findIndex((m) => m.label === "auth.User");
    if (i >= 0) registered[i] = { ...registered[i], swappedBy: "AUTH_USER_MODEL" };
  }
  const byLabel = new Map<string, ModelInfo>();
  for (const m of registered) if (!byLabel.has(m.label.toLowerCase())) byLabel.set(m.label.toLowerCase(), m);
  const declaredAll = [...registered, ...abstracts.filter((a) => !registered.includes(a))];
  const scopeBase = relationScope(modelLabels(project), ctx);
  const resolved = new Map<ModelInfo, ModelInfo>();
  const all = declaredAll.map((m) => {
    // A module's resolved models are memoised per module: after an edit only its module resolves again.
    const own = m.origin === "workspace" && m.file ? resolvedModels(project, m.module, m.file).find((x) => x.path === m.path) : undefined;
    const r = own ?? resolveRelations(project, m, scopeBase);
    resolved.set(m, r);
    return r;
  });
  const finalByLabel = new Map<string, ModelInfo>();
  for (const [k, m] of byLabel) finalByLabel.set(k, resolved.get(m) ?? m);
  const finalRegistered = registered.map((m) => resolved.get(m) ?? m);
  const byPath = new Map<string, ModelInfo>();
  for (const m of all) byPath.set(m.path, m);
  return {
    models: all,
    get: (label) => finalByLabel.get(label.toLowerCase()),
    appModels: (appLabel) => finalRegistered.filter((m) => m.appLabel === appLabel),
    byPath: (p) => byPath.get(p),
    authUserModel: ctx.authUserModel,
    complete: ctx.complete,
    maybeModels,
  };
}

/** What resolving a relation target needs from the rest of the registry: the label index only. */
export function relationScope(labels: ModelLabels, ctx: ModelsContext): Omit<RelationScope, "appLabel" | "modelName" | "file"> {
  return {
    find: (label: string) => labels.byLabel.get(label.toLowerCase()),
    maybe: (label: string) => labels.maybe.has(label.toLowerCase()),
    externalApp: (app: string) => labels.external.has(app),
    labelOfPath: (p: string) => {
      const c = labels.paths.get(p);
      return c && c.file !== null && c.kind === "model" ? c.label : undefined;
    },
    authUserModel: ctx.authUserModel,
    catalog: ctx.catalog,
  };
}

/**
 * The models of one module (its top-level model classes, abstract ones too) with relation targets
 * resolved: reads the module's classes and the label index, so an edit elsewhere that changes no
 * label leaves it valid. The same objects as the registry's.
 */
export function resolvedModels(project: DjangoProject, module: string, file: string): ModelInfo[] {
  return project.index.memo(`modelsResolved:${project.managePy}:${project.options.settingsModule ?? ""}:${module}:${file}`, () => {
    const ctx = modelsContext(project);
    const scope = relationScope(modelLabels(project), ctx);
    const out: ModelInfo[] = [];
    for (const c of fileModels(project, ctx, module, file)) {
      if (c.result && c.result !== "maybe" && !out.includes(c.result)) out.push(resolveRelations(project, c.result, scope));
    }
    return out;
  });
}

/** The declared model with its relation targets resolved against the whole registry. */
export function resolveRelations(project: DjangoProject, model: ModelInfo, base: Omit<RelationScope, "appLabel" | "modelName" | "file">): ModelInfo {
  if (model.origin !== "workspace") return model;
  const rels: [number, RelationInfo][] = [];
  let key = "";
  model.fields.forEach((f, i) => {
    if (f.implicit || !f.call || !f.location) return;
    const local = f.relation;
    if (!local) return;
    const scope: RelationScope = { ...base, appLabel: model.appLabel, modelName: model.name, file: f.location.file };
    const target = resolveModelRef(project, f.params.get("to") ?? f.keywords.get("to"), scope);
    const rel: RelationInfo = { kind: local.kind, toExpr: local.toExpr, ...target };
    if (local.throughExpr) {
      rel.throughExpr = local.throughExpr;
      rel.through = resolveModelRef(project, local.throughExpr, scope).target;
    }
    rel.relatedName = local.relatedName;
    rel.relatedQueryName = local.relatedQueryName;
    key += `${i}:${rel.target}:${rel.unresolved}:${rel.written}:${rel.through}|`;
    rels.push([i, rel]);
  });
  if (!rels.length) return model;
  const hit = resolvedCache.get(model);
  if (hit && hit.key === key) return hit.model;
  const fields = model.fields.slice();
  for (const [i, rel] of rels) fields[i] = { ...fields[i], relation: rel };
  const out: ModelInfo = { ...model, fields };
  resolvedCache.set(model, { key, model: out });
  return out;
}

class ClassBuilder {
  private catalog: FieldCatalog;
  private apps: AppInfo[];
  private defaultAutoField: string | null;

  constructor(
    private project: DjangoProject,
    ctx: ModelsContext,
    private classes?: FileClassifier,
  ) {
    this.catalog = ctx.catalog;
    this.apps = ctx.apps;
    this.defaultAutoField = ctx.defaultAutoField;
  }

  appOfModule(module: string): AppInfo | undefined {
    let best: AppInfo | undefined;
    for (const a of this.apps) {
      if ((module === a.name || module.startsWith(a.name + ".")) && (!best || a.name.length > best.name.length)) best = a;
    }
    return best;
  }

  djangoModel(m: CatalogModel): ModelInfo {
    return cachedDjango(this.catalog, `model:${m.label}:${m.module}.${m.name}`, () => this.makeDjangoModel(m));
  }

  private makeDjangoModel(m: CatalogModel): ModelInfo {
    const [appLabel] = m.label.split(".");
    const info: ModelInfo = {
      appLabel,
      name: m.name,
      label: m.label,
      modelName: m.name.toLowerCase(),
      module: m.module,
      path: `${m.module}.${m.name}`,
      origin: "django",
      file: null,
      cls: null,
      location: null,
      bases: [],
      abstract: false,
      proxy: false,
      mtiParents: [],
      meta: new Map(),
      metaLocation: null,
      fields: m.fields.map((f) => {
        const rel = f.relation ? { kind: f.relation, toExpr: null, target: f.to ?? null } : undefined;
        return { ...this.fieldWithoutCall(f.name, f.class, m.label, null), primaryKey: f.primaryKey, relation: rel } satisfies FieldInfo;
      }),
      incomplete: false,
      attributes: new Set(m.fields.map((f) => f.name)),
      methods: new Set(),
    };
    if (m.ordering.length) {
      info.meta.set("ordering", { name: "ordering", expr: { kind: "unknown", text: "", range: ZERO }, value: m.ordering, from: m.label, location: { file: "", range: ZERO } });
    }
    return info;
  }

  private ancestors: ClassModel[] = [];

  /** A class → its ModelInfo, "maybe" (bases we cannot see), or null (not a model). */
  classify(ref: ClassRef): ClassModel {
    const result = this.classifyUncached(ref);
    return { path: ref.path, module: ref.module, result, ancestors: this.ancestors, line: ref.cls.range.start.line };
  }

  private classifyUncached(ref: ClassRef): ModelInfo | "maybe" | null {
    const bases: ModelBase[] = [];
    const parents: ModelInfo[] = [];
    let isModel = false;
    let opaque = false;
    for (const expr of ref.cls.bases) {
      const t = this.classes!.resolve(ref.file, expr);
      if (t.kind === "external") {
        if (MODEL_BASE_PATHS.has(t.path)) {
          isModel = true;
          bases.push({ expr, path: "django.db.models.Model" });
          continue;
        }
        const abstract = this.catalog.abstractModel(t.path);
        if (abstract) {
          isModel = true;
          const info = this.djangoAbstract(abstract.path);
          parents.push(info);
          bases.push({ expr, path: t.path, model: abstract.path });
          continue;
        }
        const dot = t.path.lastIndexOf(".");
        const concrete = this.catalog.data.models.find((m) => m.module === t.path.slice(0, dot) && m.name === t.path.slice(dot + 1));
        if (concrete) {
          isModel = true;
          const info = this.djangoModel(concrete);
          parents.push(info);
          bases.push({ expr, path: t.path, model: concrete.label });
          continue;
        }
        opaque = opaque || !t.path.startsWith("builtins.");
        bases.push({ expr, path: t.path, opaque: !t.path.startsWith("builtins.") });
        continue;
      }
      if (t.kind === "class") {
        const subModel = this.classes!.classOf({ path: t.path, module: t.module, file: t.file, cls: t.cls });
        this.ancestors.push(subModel);
        const sub = subModel.result;
        if (sub === "maybe") {
          opaque = true;
          bases.push({ expr, path: t.path, opaque: true });
        } else if (sub) {
          isModel = true;
          parents.push(sub);
          bases.push({ expr, path: t.path, model: sub.abstract ? sub.path : sub.label });
        } else {
          // A plain mixin: Django ignores fields on non-model classes, and so do we.
          bases.push({ expr, path: t.path });
        }
        continue;
      }
      opaque = true;
      bases.push({ expr, path: null, opaque: true });
    }
    if (!isModel) return opaque ? "maybe" : null;
    return this.makeModel(ref, bases, parents, opaque);
  }

  private djangoAbstract(p: string): ModelInfo {
    return cachedDjango(this.catalog, `abstract:${p}`, () => {
      const a = this.catalog.abstractModel(p)!;
      const model = this.makeDjangoModel({ label: `auth.${a.name}`, module: p.slice(0, p.lastIndexOf(".")), name: a.name, swappable: null, dbTable: "", fields: a.fields, ordering: [] });
      model.abstract = true;
      model.appLabel = "";
      model.label = a.path;
      return model;
    });
  }

  private makeModel(ref: ClassRef, bases: ModelBase[], parents: ModelInfo[], opaque: boolean): ModelInfo {
    const decl = readClassBody(this.project, this.catalog, ref.file, ref.cls, this.classes!.resolve);
    const own = decl.meta?.options;
    const abstract = own?.get("abstract")?.value === true;
    const app = this.appOfModule(ref.module);
    const explicitLabel = own?.get("app_label")?.value;
    const appLabel = typeof explicitLabel === "string" ? explicitLabel : (app?.label ?? "");
    const label = `${appLabel}.${ref.cls.name}`;
    const meta = new Map<string, MetaOption>();
    // Meta inheritance: an own Meta inherits only from the parents' Meta it names; without one,
    // the first abstract parent's Meta applies (Django resets `abstract` on it).
    const abstractParents = parents.filter((p) => p.abstract);
    const inheritFrom = decl.meta
      ? abstractParents.filter((p) => decl.meta!.bases.some((b) => metaBaseOwner(b) !== null && p.name === metaBaseOwner(b)!.split(".").pop()))
      : abstractParents.slice(0, 1);
    for (const p of inheritFrom) for (const [k, v] of p.meta) if (k !== "abstract" && !meta.has(k)) meta.set(k, v);
    for (const [k, v] of own ?? []) meta.set(k, { name: k, expr: v.expr, value: v.value, from: label, location: v.location });
    const concreteParents = parents.filter((p) => !p.abstract);
    const proxy = own?.get("proxy")?.value === true;
    if (!decl.meta || (!own?.has("ordering") && !inheritFrom.some((p) => p.meta.has("ordering")))) {
      // Non-abstract children inherit ordering from a concrete parent they do not override.
      const parentOrdering = concreteParents.find((p) => p.meta.has("ordering"))?.meta.get("ordering");
      if (parentOrdering && !meta.has("ordering")) meta.set("ordering", parentOrdering);
    }
    const model: ModelInfo = {
      appLabel,
      name: ref.cls.name,
      label: abstract ? ref.path : label,
      modelName: ref.cls.name.toLowerCase(),
      module: ref.module,
      path: ref.path,
      origin: "workspace",
      file: ref.file,
      cls: ref.cls,
      location: { file: ref.file, range: ref.cls.nameRange },
      bases,
      abstract,
      proxy,
      mtiParents: proxy ? [] : concreteParents.map((p) => p.label),
      proxyFor: proxy ? (concreteParents[0] ? (concreteParents[0].proxyFor ?? concreteParents[0].label) : null) : undefined,
      meta,
      metaLocation: decl.meta ? { file: ref.file, range: decl.meta.cls.nameRange } : null,
      fields: [],
      incomplete: opaque || decl.hasOpaqueFields || parents.some((p) => p.incomplete),
      attributes: new Set([...decl.attributes, ...parents.flatMap((p) => [...p.attributes])]),
      methods: new Set([...decl.methods, ...parents.flatMap((p) => [...p.methods])]),
    };
    model.fields = this.fieldsOf(model, decl, abstractParents, concreteParents);
    this.localRelations(model);
    return model;
  }

  private fieldsOf(model: ModelInfo, decl: ClassDeclarations, abstractParents: ModelInfo[], concreteParents: ModelInfo[]): FieldInfo[] {
    const ownNames = new Set(decl.fields.map((f) => f.name));
    const fields: FieldInfo[] = [];
    const taken = new Set<string>();
    for (const p of abstractParents) {
      for (const f of p.fields) {
        if (f.implicit || ownNames.has(f.name) || decl.cleared.has(f.name) || taken.has(f.name)) continue;
        taken.add(f.name);
        fields.push({ ...f, inherited: true, relation: f.relation ? { ...f.relation } : undefined });
      }
    }
    for (const d of decl.fields) {
      const primary = d.params.get("primary_key");
      fields.push({
        name: d.name,
        classPath: d.classPath,
        django: d.django,
        exactDjango: d.exactDjango,
        call: d.call,
        args: d.call.args,
        keywords: d.keywords,
        params: d.params,
        dynamicArgs: d.dynamicArgs,
        location: d.location,
        statement: d.statement,
        declaredIn: model.label,
        inherited: false,
        primaryKey: primary?.kind === "const" && primary.value === true,
        relation: undefined,
      });
    }
    if (model.abstract || model.proxy) return fields;
    for (const [i, parent] of concreteParents.entries()) {
      const explicit = fields.some((f) => f.params.get("parent_link")?.kind === "const" && relationKind(f.django) === "o2o");
      if (explicit) continue;
      fields.unshift(this.implicitField(model, `${parent.modelName}_ptr`, "parent-link", i === 0 && !fields.some((f) => f.primaryKey), parent.label));
    }
    if (!fields.some((f) => f.primaryKey) && concreteParents.length === 0) {
      fields.unshift(this.implicitField(model, "id", "auto", true));
    }
    return fields;
  }

  private implicitField(model: ModelInfo, name: string, kind: "auto" | "parent-link", primaryKey: boolean, parent?: string): FieldInfo {
    const app = this.apps.find((a) => a.label === model.appLabel);
    const autoPath = kind === "auto" ? (app?.defaultAutoField ?? this.defaultAutoField ?? "django.db.models.AutoField") : "django.db.models.OneToOneField";
    return {
      ...this.fieldWithoutCall(name, autoPath, model.label, model.location),
      implicit: kind,
      primaryKey,
      relation: parent ? { kind: "o2o", toExpr: null, target: parent } : undefined,
    };
  }

  /** A field no source call declares (Django's own models, implicit `id` and parent links). */
  private fieldWithoutCall(name: string, classPath: string, declaredIn: string, location: FieldInfo["location"]) {
    const django = this.catalog.field(classPath) ?? null;
    return {
      name,
      classPath: django ? this.catalog.publicPath(django) : classPath,
      django,
      exactDjango: !!django,
      call: null,
      args: [],
      keywords: new Map(),
      params: new Map(),
      dynamicArgs: false,
      location,
      statement: null,
      declaredIn,
      inherited: false,
    };
  }

  /**
   * What a relation field says on its own, in the scope of this model (an abstract parent's
   * related_name is formatted for each child): kind, `to` and `through` as written, related
   * names. `target` stays null here; the registry resolves it against every model.
   */
  private localRelations(model: ModelInfo): void {
    const defaultRelated = model.meta.get("default_related_name")?.value;
    model.fields = model.fields.map((f) => {
      if (f.implicit || !f.call || !f.location) return f;
      const kind = relationKind(f.django);
      if (!kind) return f;
      const rel: RelationInfo = { kind, toExpr: f.params.get("to") ?? null, target: null };
      const through = f.params.get("through");
      if (through) rel.throughExpr = through;
      rel.relatedName = nameOption(f.params.get("related_name"), typeof defaultRelated === "string" ? defaultRelated : undefined, model);
      rel.relatedQueryName = nameOption(f.params.get("related_query_name"), undefined, model);
      return { ...f, relation: rel };
    });
  }
}

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function nameOption(expr: import("../../python/types").Expr | undefined, fallback: string | undefined, model: ModelInfo): string | null | undefined {
  if (!expr) return fallback === undefined ? null : formatRelatedName(fallback, model.appLabel, model.name);
  if (expr.kind === "str" && expr.exact) return formatRelatedName(expr.value, model.appLabel, model.name);
  if (expr.kind === "const" && expr.value === null) return null;
  return undefined;
}

/** For tests and tools: where a model's class is, relative to a folder. */
export function describeModel(m: ModelInfo, base: string): string {
  const where: Location | null = m.location;
  return `${m.label}${where ? ` (${path.relative(base, where.file)}:${where.range.start.line + 1})` : ""}`;
}
