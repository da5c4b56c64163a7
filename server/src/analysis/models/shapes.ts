// The model graph for analyses that run one file at a time. A file's own models are read in full
// (resolvedModels); any other model is read as its shape — what Django's Options knows about it
// (fields by name and kind, relation targets, bases, attributes), with no source position — from a
// per-model memo with early cutoff; reverse relations come from per-file memos with early cutoff
// over an index of every relation's names. So a per-file analysis stays valid after an edit in
// another file unless something it looked up there changed, and shifted lines never count.
//
// API: new ShapeGraph(project, ownModels) with get / byPath / forwardFields / relatedObjects /
// target (the same answers as ModelGraph's); modelShape(project, path); relatedIn(project, file).
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import type { CatalogField } from "./fieldCatalog";
import { type ReverseNames, ownThenInherited, reverseNames } from "./graph";
import { type LabelEntry, type ModelLabels, modelLabels } from "./labels";
import { cachedDjangoModel, modelsContext, modelsFiles, resolvedModels } from "./registry";
import type { ModelInfo, RelationInfo, RelationKind } from "./types";

export interface RelationShape {
  kind: RelationKind;
  target: string | null;
  unresolved?: RelationInfo["unresolved"];
}

export interface FieldShape {
  name: string;
  implicit?: "auto" | "parent-link";
  primaryKey: boolean;
  declaredIn: string;
  inherited: boolean;
  exactDjango: boolean;
  django: CatalogField | null;
  relation?: RelationShape;
}

export interface BaseShape {
  path: string | null;
  model?: string;
  opaque?: boolean;
}

/** A model without source positions; a ModelInfo is one too. */
export interface ModelShape {
  label: string;
  name: string;
  appLabel: string;
  modelName: string;
  path: string;
  origin: "workspace" | "django";
  abstract: boolean;
  proxy: boolean;
  proxyFor?: string | null;
  mtiParents: string[];
  incomplete: boolean;
  swappedBy?: string;
  attributes: Set<string>;
  methods: Set<string>;
  bases: BaseShape[];
  fields: FieldShape[];
}

/** A relation pointing at a model: the model holding the field (by label), the field, its reverse names. */
export interface ReverseShape {
  model: string;
  field: string;
  kind: RelationKind;
  names: ReverseNames | null;
}

const projectKey = (project: DjangoProject) => `${project.managePy}:${project.options.settingsModule ?? ""}`;

export function shapeOf(m: ModelInfo, swapped = false): ModelShape {
  const out: ModelShape = {
    label: m.label,
    name: m.name,
    appLabel: m.appLabel,
    modelName: m.modelName,
    path: m.path,
    origin: m.origin,
    abstract: m.abstract,
    proxy: m.proxy,
    proxyFor: m.proxyFor,
    mtiParents: m.mtiParents,
    incomplete: m.incomplete,
    attributes: m.attributes,
    methods: m.methods,
    bases: m.bases.map((b) => ({ path: b.path, model: b.model, opaque: b.opaque })),
    fields: m.fields.map((f) => ({
      name: f.name,
      implicit: f.implicit,
      primaryKey: f.primaryKey,
      declaredIn: f.declaredIn,
      inherited: f.inherited,
      exactDjango: f.exactDjango,
      django: f.django,
      relation: f.relation ? { kind: f.relation.kind, target: f.relation.target, unresolved: f.relation.unresolved } : undefined,
    })),
  };
  if (m.swappedBy || swapped) out.swappedBy = m.swappedBy ?? "AUTH_USER_MODEL";
  return out;
}

/** The full model at a class path (Django's or the workspace's, relations resolved), or undefined. */
export function modelAtPath(project: DjangoProject, labels: ModelLabels, path: string): ModelInfo | undefined {
  const e = labels.paths.get(path);
  if (!e || (e.kind !== "model" && e.kind !== "abstract")) return undefined;
  if (e.file === null) {
    const m = modelsContext(project).catalog.data.models.find((x) => `${x.module}.${x.name}` === path);
    return m ? cachedDjangoModel(project, m) : undefined;
  }
  return resolvedModels(project, e.module, e.file).find((m) => m.path === path);
}

/** A model's shape by class path, with early cutoff: readers in other files stay valid when it is unchanged. */
export function modelShape(project: DjangoProject, path: string): ModelShape | null {
  return project.index.memo(
    `modelShape:${projectKey(project)}:${path}`,
    () => {
      const labels = modelLabels(project);
      const m = modelAtPath(project, labels, path);
      return m ? shapeOf(m, labels.paths.get(path)?.swapped) : null;
    },
    { equals: deepEqual },
  );
}

// ---- reverse relations ------------------------------------------------------------------------

interface ModelRelations {
  path: string;
  incomplete: boolean;
  /** Some relation's target is not known (not a missing model: one we cannot see). */
  unresolved: boolean;
  rels: { target: string; rel: ReverseShape }[];
}

function relationsOf(m: ModelInfo): ModelRelations {
  const out: ModelRelations = { path: m.path, incomplete: m.incomplete, unresolved: false, rels: [] };
  for (const f of m.fields) {
    const rel = f.relation;
    if (!rel) continue;
    if (!rel.target) {
      if (rel.unresolved !== "not-found") out.unresolved = true;
      continue;
    }
    out.rels.push({ target: rel.target.toLowerCase(), rel: { model: m.label, field: f.name, kind: rel.kind, names: reverseNames(m, f) } });
  }
  return out;
}

/** The relations one models module's installed concrete models hold, with early cutoff. */
function fileRelations(project: DjangoProject, module: string, file: string): ModelRelations[] {
  return project.index.memo(
    `modelRelations:${projectKey(project)}:${module}:${file}`,
    () => {
      const labels = modelLabels(project);
      const out: ModelRelations[] = [];
      for (const m of resolvedModels(project, module, file)) {
        const e = labels.paths.get(m.path);
        if (!e?.inRegistry || m.abstract || !m.appLabel || m.proxy) continue;
        out.push(relationsOf(m));
      }
      return out;
    },
    { equals: deepEqual },
  );
}

interface RelationIndex {
  /** Some model may have relations we cannot see: no reverse relation list is complete. */
  unresolved: boolean;
  byTarget: Map<string, ReverseShape[]>;
}

/** Every installed model's relations by target, in registry order (valid while every file's relations are unchanged). */
function relationIndex(project: DjangoProject): RelationIndex {
  return project.index.memo(`modelRelationIndex:${projectKey(project)}`, () => {
    const labels = modelLabels(project);
    const out: RelationIndex = { unresolved: !labels.complete || labels.maybe.size > 0, byTarget: new Map() };
    const add = (r: ModelRelations) => {
      if (r.incomplete || r.unresolved) out.unresolved = true;
      for (const { target, rel } of r.rels) {
        const list = out.byTarget.get(target);
        if (list) list.push(rel);
        else out.byTarget.set(target, [rel]);
      }
    };
    const seen = new Set<string>();
    const byPath = new Map<string, ModelRelations>();
    for (const { module, file } of modelsFiles(project)) {
      const key = `${module}:${file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const r of fileRelations(project, module, file)) if (!byPath.has(r.path)) byPath.set(r.path, r);
    }
    for (const e of labels.registered) {
      if (e.swapped || e.proxy) continue;
      if (e.origin === "django") {
        const m = modelAtPath(project, labels, e.path);
        if (m) add(relationsOf(m));
      } else {
        const r = byPath.get(e.path);
        if (r) add(r);
      }
    }
    return out;
  });
}

function parentsOf(labels: ModelLabels, m: { mtiParents: string[] }, seen = new Set<string>()): LabelEntry[] | null {
  const out: LabelEntry[] = [];
  for (const p of m.mtiParents) {
    if (seen.has(p)) continue;
    seen.add(p);
    const pm = labels.byLabel.get(p.toLowerCase());
    if (!pm) return null;
    out.push(pm);
    const up = parentsOf(labels, pm, seen);
    if (!up) return null;
    out.push(...up);
  }
  return out;
}

function computeRelated(labels: ModelLabels, index: RelationIndex, m: { proxy: boolean; proxyFor?: string | null; mtiParents: string[]; label: string }): ReverseShape[] | null {
  if (index.unresolved) return null;
  // A proxy sees the relations of its concrete model and of every proxy of it.
  const concrete = m.proxy ? (m.proxyFor ? labels.byLabel.get(m.proxyFor.toLowerCase()) : undefined) : m;
  if (!concrete || concrete.proxy) return null;
  const parents = parentsOf(labels, concrete);
  if (!parents) return null;
  const out: ReverseShape[] = [];
  for (const x of [concrete, ...(labels.proxiesOf.get(concrete.label) ?? []), ...parents]) out.push(...(index.byTarget.get(x.label.toLowerCase()) ?? []));
  return out.some((r) => r.names === null) ? null : out;
}

/**
 * The reverse relations of the models one file registers ("" for Django's), by lower-case label,
 * with early cutoff: a relation added or renamed elsewhere reaches only the files it points into.
 */
export function relatedIn(project: DjangoProject, file: string): Map<string, ReverseShape[] | null> {
  return project.index.memo(
    `modelRelated:${projectKey(project)}:${file}`,
    () => {
      const labels = modelLabels(project);
      const index = relationIndex(project);
      const out = new Map<string, ReverseShape[] | null>();
      for (const e of labels.byFile.get(file) ?? []) {
        const lower = e.label.toLowerCase();
        if (labels.byLabel.get(lower) === e && !out.has(lower)) out.set(lower, computeRelated(labels, index, e));
      }
      return out;
    },
    { equals: deepEqual },
  );
}

/**
 * The model graph seen from one file: its own models in full, every other model by its shape.
 * Create it inside the memo that uses it (what it reads becomes that memo's dependencies).
 */
export class ShapeGraph {
  readonly labels: ModelLabels;
  private own = new Map<string, ModelInfo>();
  private forwardCache = new Map<ModelShape, FieldShape[] | null>();
  private relatedCache = new Map<ModelShape, ReverseShape[] | null>();

  /**
   * `own`: the models read in full; with `full`, every workspace model is read in full from its
   * module (one dependency per module instead of one per model: for analyses that look up models
   * of few modules, whose positions they do not use).
   */
  constructor(
    readonly project: DjangoProject,
    own: ModelInfo[] = [],
    private full = false,
  ) {
    this.labels = modelLabels(project);
    for (const m of own) this.own.set(m.path, m);
  }

  get complete(): boolean {
    return this.labels.complete;
  }

  private atPath(path: string): ModelShape | undefined {
    const own = this.own.get(path);
    const e = this.labels.paths.get(path);
    if (own && !e?.swapped) return own;
    if (this.full && e?.file) return resolvedModels(this.project, e.module, e.file).find((m) => m.path === path);
    return modelShape(this.project, path) ?? undefined;
  }

  /** registry.get: a registered model by label (case-insensitive). */
  get(label: string): ModelShape | undefined {
    const e = this.labels.byLabel.get(label.toLowerCase());
    return e ? this.atPath(e.path) : undefined;
  }

  /** registry.byPath: a registered or abstract model by class path. */
  byPath(path: string): ModelShape | undefined {
    return this.labels.paths.get(path)?.inRegistry ? this.atPath(path) : undefined;
  }

  /** Forward fields of a model and its MTI ancestors (own first); null when some may be missing. */
  forwardFields(m: ModelShape): FieldShape[] | null {
    if (this.forwardCache.has(m)) return this.forwardCache.get(m)!;
    const r = this.computeForward(m);
    this.forwardCache.set(m, r);
    return r;
  }

  private computeForward(m: ModelShape): FieldShape[] | null {
    if (m.proxy) {
      const base = m.proxyFor ? this.get(m.proxyFor) : undefined;
      return base && base.path !== m.path ? this.forwardFields(base) : null;
    }
    const parentEntries = parentsOf(this.labels, m);
    if (!parentEntries) return null;
    const parents: ModelShape[] = [];
    for (const e of parentEntries) {
      const p = this.atPath(e.path);
      if (!p) return null;
      parents.push(p);
    }
    if (m.incomplete || parents.some((p) => p.incomplete)) return null;
    return ownThenInherited([m, ...parents]);
  }

  /** Reverse relations to the model or its MTI ancestors; null when some may be missing. */
  relatedObjects(m: ModelShape): ReverseShape[] | null {
    if (this.relatedCache.has(m)) return this.relatedCache.get(m)!;
    const lower = m.label.toLowerCase();
    const e = this.labels.byLabel.get(lower);
    // A registered model: from its file's memo; anything else (rare): from the whole index.
    const r = e && e.path === m.path ? (relatedIn(this.project, e.file ?? "").get(lower) ?? null) : computeRelated(this.labels, relationIndex(this.project), m);
    this.relatedCache.set(m, r);
    return r;
  }

  /** The model a relation field leads to, when known. */
  target(f: FieldShape): ModelShape | undefined {
    return f.relation?.target ? this.get(f.relation.target) : undefined;
  }
}
