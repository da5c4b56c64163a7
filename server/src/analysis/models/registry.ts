// The model registry: every model of every installed app, read statically the way Django's
// ModelBase builds them — abstract bases (fields and Meta inherited), multi-table inheritance
// (the implicit parent link), proxies, the implicit `id`, AUTH_USER_MODEL swapping, and relation
// targets resolved to labels. Memoised in the index on every file it read.
//
// API (stable, read by the migrations and admin analyses):
//   modelRegistry(project) → ModelRegistry   (see ./types.ts)
//   registry.models / get(label) / appModels(label) / byPath(path) / authUserModel / complete
import * as path from "node:path";
import type { DjangoProject } from "../../project/project";
import { topLevel } from "../../python/exprUtil";
import type { ClassDef, Location } from "../../python/types";
import { type AppInfo, appRegistry } from "../settings/apps";
import { readSettings } from "../settings/settings";
import { type ClassDeclarations, metaBaseOwner, readClassBody } from "./declarations";
import { type CatalogModel, type FieldCatalog, MODEL_BASE_PATHS, fieldCatalog } from "./fieldCatalog";
import { resolveExpr } from "./names";
import { type RelationScope, formatRelatedName, relationKind, resolveModelRef } from "./relations";
import type { FieldInfo, MetaOption, ModelBase, ModelInfo, ModelRegistry } from "./types";

export type { FieldInfo, MetaOption, ModelBase, ModelInfo, ModelRegistry, RelationInfo } from "./types";

interface ClassRef {
  path: string;
  module: string;
  file: string;
  cls: ClassDef;
}

export function modelRegistry(project: DjangoProject): ModelRegistry {
  return project.index.memo(`models:${project.managePy}:${project.options.settingsModule ?? ""}`, () => new Builder(project).build());
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

class Builder {
  private catalog: FieldCatalog;
  private apps: AppInfo[];
  private classified = new Map<string, ModelInfo | "maybe" | null>();
  private declarations = new Map<ModelInfo, ClassDeclarations>();
  private inProgress = new Set<string>();
  private registered: ModelInfo[] = [];
  private abstracts: ModelInfo[] = [];
  private maybeModels = new Set<string>();
  private externalApps = new Set<string>();
  private authUserModel: string | null;
  private defaultAutoField: string | null;
  private complete: boolean;

  constructor(private project: DjangoProject) {
    this.catalog = fieldCatalog(project.djangoVersion());
    const settings = readSettings(project);
    const registry = appRegistry(project, settings);
    this.apps = registry.apps;
    this.complete = registry.complete;
    this.authUserModel = settings.authUserModel;
    this.defaultAutoField = settings.defaultAutoField;
  }

  build(): ModelRegistry {
    for (const app of this.apps) {
      if (app.origin === "django") {
        for (const m of this.catalog.data.models) if (m.label.split(".")[0] === app.label) this.registered.push(this.djangoModel(m));
        continue;
      }
      if (app.origin === "external") {
        this.externalApps.add(app.label);
        continue;
      }
      for (const { module, file } of modelsModules(this.project, app)) {
        const summary = this.project.index.summary(file);
        for (const s of topLevel(summary?.statements ?? [])) {
          if (s.kind !== "class") continue;
          const r = this.classify({ path: `${module}.${s.name}`, module, file, cls: s });
          if (r === "maybe") {
            const label = this.appOfModule(module)?.label;
            if (label) this.maybeModels.add(`${label}.${s.name}`.toLowerCase());
          } else if (r && !r.abstract && r.appLabel && !this.registered.includes(r)) this.registered.push(r);
        }
      }
    }
    this.swap();
    const byLabel = new Map<string, ModelInfo>();
    for (const m of this.registered) if (!byLabel.has(m.label.toLowerCase())) byLabel.set(m.label.toLowerCase(), m);
    const all = [...this.registered, ...this.abstracts.filter((a) => !this.registered.includes(a))];
    for (const m of all) this.resolveRelations(m, byLabel);
    const byPath = new Map<string, ModelInfo>();
    for (const m of all) byPath.set(m.path, m);
    const maybe = this.maybeModels;
    return {
      models: all,
      get: (label) => byLabel.get(label.toLowerCase()),
      appModels: (appLabel) => this.registered.filter((m) => m.appLabel === appLabel),
      byPath: (p) => byPath.get(p),
      authUserModel: this.authUserModel,
      complete: this.complete,
      maybeModels: maybe,
    };
  }

  private appOfModule(module: string): AppInfo | undefined {
    let best: AppInfo | undefined;
    for (const a of this.apps) {
      if ((module === a.name || module.startsWith(a.name + ".")) && (!best || a.name.length > best.name.length)) best = a;
    }
    return best;
  }

  private swap(): void {
    const auth = this.authUserModel;
    if (!auth || auth.toLowerCase() === "auth.user") return;
    const user = this.registered.find((m) => m.label === "auth.User");
    if (user) user.swappedBy = "AUTH_USER_MODEL";
  }

  private djangoModel(m: CatalogModel): ModelInfo {
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
        const django = this.catalog.field(f.class) ?? null;
        const rel = f.relation ? { kind: f.relation, toExpr: null, target: f.to ?? null } : undefined;
        return {
          name: f.name,
          classPath: django ? this.catalog.publicPath(django) : f.class,
          django,
          exactDjango: !!django,
          call: null,
          args: [],
          keywords: new Map(),
          params: new Map(),
          dynamicArgs: false,
          location: null,
          statement: null,
          declaredIn: m.label,
          inherited: false,
          primaryKey: f.primaryKey,
          relation: rel,
        } satisfies FieldInfo;
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

  /** A class → its ModelInfo, "maybe" (bases we cannot see), or null (not a model). */
  private classify(ref: ClassRef): ModelInfo | "maybe" | null {
    const known = this.classified.get(ref.path);
    if (known !== undefined) return known;
    if (this.inProgress.has(ref.path)) return null; // an inheritance cycle: Python would fail anyway
    this.inProgress.add(ref.path);
    try {
      const r = this.classifyUncached(ref);
      this.classified.set(ref.path, r);
      return r;
    } finally {
      this.inProgress.delete(ref.path);
    }
  }

  private classifyUncached(ref: ClassRef): ModelInfo | "maybe" | null {
    const bases: ModelBase[] = [];
    const parents: ModelInfo[] = [];
    let isModel = false;
    let opaque = false;
    for (const expr of ref.cls.bases) {
      const t = resolveExpr(this.project, ref.file, expr);
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
          const info = this.registered.find((m) => m.label === concrete.label) ?? this.djangoModel(concrete);
          parents.push(info);
          bases.push({ expr, path: t.path, model: concrete.label });
          continue;
        }
        opaque = opaque || !t.path.startsWith("builtins.");
        bases.push({ expr, path: t.path, opaque: !t.path.startsWith("builtins.") });
        continue;
      }
      if (t.kind === "class") {
        const sub = this.classify({ path: t.path, module: t.module, file: t.file, cls: t.cls });
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
    const known = this.classified.get(p);
    if (known && known !== "maybe") return known;
    const a = this.catalog.abstractModel(p)!;
    const model = this.djangoModel({ label: `auth.${a.name}`, module: p.slice(0, p.lastIndexOf(".")), name: a.name, swappable: null, dbTable: "", fields: a.fields, ordering: [] });
    model.abstract = true;
    model.appLabel = "";
    model.label = a.path;
    this.classified.set(p, model);
    return model;
  }

  private makeModel(ref: ClassRef, bases: ModelBase[], parents: ModelInfo[], opaque: boolean): ModelInfo {
    // Memoised per class: after an edit, only class bodies that read the edited file are re-read.
    const decl = this.project.index.memo(`classBody:${this.catalog.line}:${this.catalog.exact}:${ref.file}:${ref.cls.name}:${ref.cls.range.start.line}`, () =>
      readClassBody(this.project, this.catalog, ref.file, ref.cls),
    );
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
    this.declarations.set(model, decl);
    model.fields = this.fieldsOf(model, decl, abstractParents, concreteParents);
    if (abstract) this.abstracts.push(model);
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
    const django = this.catalog.field(autoPath) ?? null;
    return {
      name,
      classPath: django ? this.catalog.publicPath(django) : autoPath,
      django,
      exactDjango: !!django,
      call: null,
      args: [],
      keywords: new Map(),
      params: new Map(),
      dynamicArgs: false,
      location: model.location,
      statement: null,
      declaredIn: model.label,
      inherited: false,
      implicit: kind,
      primaryKey,
      relation: parent ? { kind: "o2o", toExpr: null, target: parent } : undefined,
    };
  }

  private resolveRelations(model: ModelInfo, byLabel: Map<string, ModelInfo>): void {
    if (model.origin !== "workspace") return;
    const defaultRelated = model.meta.get("default_related_name")?.value;
    for (const f of model.fields) {
      if (f.implicit || !f.call || !f.location) continue;
      const kind = relationKind(f.django);
      if (!kind) continue;
      const scope = this.scope(model, f.location.file, byLabel);
      const target = resolveModelRef(this.project, f.params.get("to") ?? f.keywords.get("to"), scope);
      const rel: FieldInfo["relation"] = { kind, toExpr: f.params.get("to") ?? null, ...target };
      const through = f.params.get("through");
      if (through) {
        rel.throughExpr = through;
        rel.through = resolveModelRef(this.project, through, scope).target;
      }
      rel.relatedName = nameOption(f.params.get("related_name"), typeof defaultRelated === "string" ? defaultRelated : undefined, model);
      rel.relatedQueryName = nameOption(f.params.get("related_query_name"), undefined, model);
      f.relation = rel;
    }
  }

  private scope(model: ModelInfo, file: string, byLabel: Map<string, ModelInfo>): RelationScope {
    return {
      appLabel: model.appLabel,
      modelName: model.name,
      file,
      find: (label) => byLabel.get(label.toLowerCase()),
      maybe: (label) => this.maybeModels.has(label.toLowerCase()),
      externalApp: (app) => this.externalApps.has(app),
      labelOfPath: (p) => {
        const m = this.classified.get(p);
        return m && m !== "maybe" && !m.abstract ? m.label : undefined;
      },
      authUserModel: this.authUserModel,
      catalog: this.catalog,
    };
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
