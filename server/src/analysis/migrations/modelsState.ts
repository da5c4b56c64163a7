// The models' state (Django's ProjectState.from_apps) from the model registry's per-file memos:
// every concrete model of a workspace app with its fields deconstructed, the Meta options the
// autodetector compares, and the managers ModelState.from_model keeps. What cannot be normalised
// makes the model unknown.
import type { DjangoProject } from "../../project/project";
import { deepEqual } from "../../project/equal";
import type { ClassDef, Expr } from "../../python/types";
import { dottedName } from "../../python/exprUtil";
import { type ClassModel, type ModelsContext, fileModels } from "../models/registry";
import { type RelationScope, resolveModelRef } from "../models/relations";
import type { FieldInfo, ModelInfo, RelationInfo } from "../models/types";
import { moduleScope, scopeContext } from "./context";
import { DJANGO_ABSTRACT_MODELS } from "./djangoCatalog";
import { type DjangoLine, type FieldState, type RelationContext, deconstructField, lowerLabel } from "./fields";
import { originalAttrs } from "./modelOptions";
import { type RegisteredModel, appMembers, labelFacts, modelsContextCut, modelsLayout, pathFacts } from "./modelsLayout";
import { normaliseObject } from "./objects";
import { setOptions } from "./replay";
import { type ModelState, ProjectState } from "./state";
import { type EvalContext, type NV, Unknowable, evaluate, str, unknowable } from "./values";
import { readSettings } from "../settings/settings";
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

/** The lookups a model's normalisation makes into the rest of the registry. */
export interface ModelLookup {
  /** `registry.byPath(ref) ?? registry.get(ref)`: a base by path (abstract) or label (concrete). */
  model(ref: string): ModelInfo | undefined;
  /** `registry.byPath(path)?.abstract`. */
  abstractPath(path: string): boolean;
  /** `registry.get(label)`'s label and primary key. */
  label(label: string): RegisteredModel | undefined;
}

/** Django's models, as a base: only their origin matters here (their managers and Meta are not read). */
function djangoStub(m: RegisteredModel): ModelInfo {
  return {
    appLabel: m.app, name: m.label.split(".")[1] ?? m.label, label: m.label, modelName: (m.label.split(".")[1] ?? "").toLowerCase(),
    module: m.module, path: m.path, origin: "django", file: null, cls: null, location: null, bases: [], abstract: false, proxy: false,
    mtiParents: [], meta: new Map(), metaLocation: null, fields: [], incomplete: false, attributes: new Set(), methods: new Set(),
    ...(m.swapped ? { swappedBy: "AUTH_USER_MODEL" } : {}),
  };
}

/**
 * One app's models as ModelStates (ProjectState.from_apps, that app's part), memoised with early
 * cutoff: it reads the app's own models files, the module contexts of the fields, and from the rest
 * of the registry only the labels and class paths it looks up (each a small cut-off memo), so an
 * edit elsewhere leaves it valid, and an edit that changes nothing here stops at it.
 */
export function appModelsState(project: DjangoProject, label: string, version: DjangoLine): ModelState[] {
  return project.index.memo(`migrations-models-app:${projectKey(project)}:${version.major}.${version.minor}:${label}`, () => computeAppModels(project, label, version), { equals: deepEqual });
}

function computeAppModels(project: DjangoProject, label: string, version: DjangoLine): ModelState[] {
  const ctx = modelsContextCut(project);
  const members = appMembers(project, label);
  // Bases by path: the ancestors of the app's classes (the registry's byPath of abstract models).
  const ancestors = new Map<string, ModelInfo>();
  const visit = (c: ClassModel) => {
    for (const a of c.ancestors) visit(a);
    if (!ancestors.has(c.path) && c.result && c.result !== "maybe") ancestors.set(c.path, c.result);
  };
  const declared: [RegisteredModel, ModelInfo | null][] = [];
  for (const member of members) {
    const c = registeredClass(project, ctx, member);
    if (!c || !c.result || c.result === "maybe") {
      declared.push([member, null]); // not found again: cannot happen while the layout holds
      continue;
    }
    visit(c);
    declared.push([member, c.result]);
  }
  const lookup: ModelLookup = {
    model(ref) {
      const p = pathFacts(project, ref);
      if (p?.kind === "abstract" || (p?.kind === "model" && p.registered)) {
        const m = ancestors.get(ref);
        if (m) return m;
      }
      const r = labelFacts(project, ref).model;
      if (!r) return undefined;
      if (r.origin === "django") return djangoStub(r);
      const c = registeredClass(project, ctx, r);
      const m = c?.result && c.result !== "maybe" ? c.result : undefined;
      return m && r.swapped ? { ...m, swappedBy: "AUTH_USER_MODEL" } : m;
    },
    abstractPath: (p) => pathFacts(project, p)?.kind === "abstract",
    label: (l) => labelFacts(project, l).model ?? undefined,
  };
  const scopeBase = relationBase(project);
  const contexts = new Map<string, EvalContext | null>();
  const ctxFor = (file: string): EvalContext | null => {
    if (contexts.has(file)) return contexts.get(file) ?? null;
    const c = moduleContext(project, file);
    contexts.set(file, c);
    return c;
  };
  const states: ModelState[] = [];
  for (const [member, d] of declared) {
    if (!d) {
      states.push({ app: member.app, name: member.label.slice(member.app.length + 1), fields: new Map(), options: new Map(), indexes: [], constraints: [], managers: [], bases: [], unknown: "internal: the model's class was not found" });
      continue;
    }
    let m = resolveRelations(project, d, scopeBase);
    if (member.swapped) m = { ...m, swappedBy: "AUTH_USER_MODEL" };
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
      fillModel(ms, m, lookup, version, ctxFor);
    } catch (err) {
      ms.unknown = err instanceof Unknowable ? err.reason : `internal: ${String(err)}`;
    }
    states.push(ms);
  }
  return states;
}

/** The class of a registered workspace model, from its models file's memo. */
function registeredClass(project: DjangoProject, ctx: ModelsContext, m: RegisteredModel): ClassModel | undefined {
  if (m.origin !== "workspace" || !m.file) return undefined;
  return fileModels(project, ctx, m.module, m.file).find((c) => c.path === m.path);
}

type RelationBase = Omit<RelationScope, "appLabel" | "modelName" | "file">;

/** The registry's resolveRelations(): relation targets against every model (here: through the label and path memos). */
function resolveRelations(project: DjangoProject, model: ModelInfo, base: RelationBase): ModelInfo {
  let fields: FieldInfo[] | null = null;
  model.fields.forEach((f, i) => {
    if (f.implicit || !f.call || !f.location || !f.relation) return;
    const local = f.relation;
    const scope: RelationScope = { ...base, appLabel: model.appLabel, modelName: model.name, file: f.location.file };
    const rel: RelationInfo = { ...local, ...modelRef(project, f.params.get("to") ?? f.keywords.get("to"), scope) };
    if (local.throughExpr) rel.through = modelRef(project, local.throughExpr, scope).target;
    fields ??= model.fields.slice();
    fields[i] = { ...f, relation: rel };
  });
  return fields ? { ...model, fields } : model;
}

type ModelRef = ReturnType<typeof resolveModelRef>;

/**
 * resolveModelRef(), with a class reference (`ForeignKey(Product)`) resolved in a memo cut off by
 * value: the name's resolution reads the module it is imported from, and an edit there that leaves
 * the class where it is must not recompute the states of every app that imports it.
 */
function modelRef(project: DjangoProject, expr: Expr | undefined | null, scope: RelationScope): ModelRef {
  const dotted = expr && (expr.kind === "name" || expr.kind === "attr") ? dottedName(expr) : null;
  if (!dotted) return resolveModelRef(project, expr, scope); // a string label or a call: nothing read
  const { file, appLabel } = scope;
  return project.index.memo(
    `migrations-model-ref:${projectKey(project)}:${file}:${appLabel}:${dotted}`,
    () => {
      // The name alone decides the resolution (resolveExpr reads the dotted name, nothing else);
      // the model's name only ever completes a "self", which no class reference resolves to.
      const parts = dotted.split(".");
      let e: Expr = { kind: "name", id: parts[0], range: NO_RANGE };
      for (const attr of parts.slice(1)) e = { kind: "attr", object: e, attr, range: NO_RANGE, attrRange: NO_RANGE };
      return resolveModelRef(project, e, { ...relationBase(project), appLabel, modelName: "", file });
    },
    { equals: deepEqual },
  );
}

const NO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The registry lookups relation targets are resolved with, read through the per-app memos. */
function relationBase(project: DjangoProject): RelationBase {
  const ctx = modelsContextCut(project);
  const external = new Set(ctx.apps.filter((a) => a.origin === "external").map((a) => a.label));
  return {
    find: (l: string) => labelFacts(project, l).model ?? undefined,
    maybe: (l: string) => labelFacts(project, l).maybe,
    externalApp: (app: string) => external.has(app),
    labelOfPath: (p: string) => {
      const f = pathFacts(project, p);
      return f?.kind === "model" ? f.label : undefined;
    },
    authUserModel: ctx.authUserModel,
    catalog: ctx.catalog,
  };
}

export interface ModelsState {
  /** Every workspace app's models as one ProjectState, in the registry's order (built on first use). */
  readonly state: ProjectState;
  /** Each app's ModelStates (the same array while the app's state is equal). */
  byApp: Map<string, ModelState[]>;
  /** False when an installed app could not be resolved or INSTALLED_APPS is not fully known. */
  complete: boolean;
}

/** Every workspace app's models (Django's ProjectState.from_apps), per app. */
export function modelsState(project: DjangoProject, version: DjangoLine): ModelsState {
  const layout = modelsLayout(project);
  const byApp = new Map<string, ModelState[]>();
  for (const m of layout.registered) if (m.origin === "workspace" && !byApp.has(m.app)) byApp.set(m.app, appModelsState(project, m.app, version));
  let state: ProjectState | undefined;
  const build = () => {
    const out = new ProjectState();
    const next = new Map<string, number>();
    // In the registry's order, as ProjectState.from_apps adds them.
    for (const m of layout.registered) {
      if (m.origin !== "workspace") continue;
      const i = next.get(m.app) ?? 0;
      next.set(m.app, i + 1);
      out.set(byApp.get(m.app)![i]);
    }
    return out;
  };
  return {
    get state() {
      return (state ??= build());
    },
    byApp,
    complete: modelsContextCut(project).complete,
  };
}

function fillModel(ms: ModelState, m: ModelInfo, registry: ModelLookup, version: DjangoLine, ctxFor: (file: string) => EvalContext | null): void {
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
  setOptions(ms, { t: "dict", entries: originalAttrs(m, (ref) => registry.model(ref), ctxFor) }, version);
  if (m.proxy) ms.options.set("proxy", { t: "bool", v: true });
  ms.bases = m.bases.filter((b) => b.model && !(b.model in DJANGO_ABSTRACT_MODELS) && !registry.abstractPath(b.model)).map((b) => lowerLabel(b.model as string));
  ms.indexes = ms.indexes.map((i) => normaliseObject(i, version));
  ms.managers = managers(m, registry, djangoBases, ctxFor);
}

function relations(registry: ModelLookup, m: ModelInfo): RelationContext {
  return {
    modelLabel(ref) {
      if (ref.t !== "str") return null;
      if (ref.v === "self") return lowerLabel(m.label);
      const label = ref.v.includes(".") ? ref.v : `${m.appLabel}.${ref.v}`;
      return lowerLabel(registry.label(label)?.label ?? label);
    },
    pkName(label) {
      const target = registry.label(label);
      if (!target) return null;
      return target.pk;
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
function managers(m: ModelInfo, registry: ModelLookup, djangoBases: string[], ctxFor: (file: string) => EvalContext | null): [string, NV][] {
  const declared: { name: string; value: NV | null; inMigrations: boolean }[] = [];
  for (const b of djangoBases) for (const mg of DJANGO_ABSTRACT_MODELS[b].managers) declared.push({ name: mg.name, value: mg.value, inMigrations: true });
  const chain: ModelInfo[] = [];
  for (const b of m.bases) {
    const parent = b.model ? registry.model(b.model) : undefined;
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
function declaresManagers(m: ModelInfo, registry: ModelLookup, ctxFor: (file: string) => EvalContext | null, depth: number): boolean {
  if (depth > 10 || m.origin !== "workspace" || !m.cls || !m.file) return depth > 10;
  const ctx = ctxFor(m.file);
  for (const s of m.cls.body) {
    if (s.kind !== "assign" || s.value?.kind !== "call") continue;
    const callee = dottedName(s.value.func);
    const full = (callee && ctx?.resolve(callee)) ?? callee ?? "";
    if (/Manager$|\.as_manager$|from_queryset/.test(full)) return true;
  }
  return m.bases.some((b) => {
    const p = b.model ? registry.model(b.model) : undefined;
    return !!p && declaresManagers(p, registry, ctxFor, depth + 1);
  });
}
