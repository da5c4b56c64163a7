// What Django's Options computes once every model is loaded: a model's forward fields including
// those of its multi-table parents (`_meta.fields + many_to_many`), the reverse relations pointing
// at it (`related_objects`), and each relation's reverse accessor and query name. Used by the
// relation and model checks, hover and completion. `null` means "not statically known": callers
// make no claim then.
import type { DjangoProject } from "../../project/project";
import { modelRegistry } from "./registry";
import type { FieldInfo, ModelInfo, ModelRegistry } from "./types";

export interface ReverseNames {
  /** related_name ends with "+" (or a symmetrical m2m to self): no reverse accessor is installed. */
  hidden: boolean;
  /** The attribute on the target model (`book_set`), null for a symmetrical m2m to self. */
  accessor: string | null;
  /** The name used in lookups from the target (`book`). */
  query: string;
}

export interface ReverseRelation {
  /** The model holding the forward field (concrete). */
  model: ModelInfo;
  field: FieldInfo;
  names: ReverseNames | null;
}

export interface ModelGraph {
  registry: ModelRegistry;
  /** Forward fields of a model and its MTI ancestors (own first); null when some may be missing. */
  forwardFields(m: ModelInfo): FieldInfo[] | null;
  /** Reverse relations to the model or its MTI ancestors; null when some may be missing. */
  relatedObjects(m: ModelInfo): ReverseRelation[] | null;
  /** The model a relation field leads to, when known. */
  target(f: FieldInfo): ModelInfo | undefined;
}

/** A relation is symmetrical when it is an m2m to "self" (or the model's own name) not marked otherwise. */
export function isSymmetrical(m: ModelInfo, f: FieldInfo): boolean | null {
  if (f.relation?.kind !== "m2m") return false;
  const sym = f.params.get("symmetrical");
  if (sym) return sym.kind === "const" && typeof sym.value === "boolean" ? sym.value : null;
  const to = f.relation.toExpr;
  return !!to && to.kind === "str" && (to.value === "self" || to.value === m.name);
}

/** Django's related accessor and query names for a relation field on concrete model `m`. */
export function reverseNames(m: ModelInfo, f: FieldInfo): ReverseNames | null {
  const rel = f.relation;
  if (!rel) return null;
  if (f.implicit === "parent-link") return { hidden: false, accessor: m.modelName, query: m.modelName };
  if (m.origin === "django") {
    // Django's own relations use the default names (auth's related_name="user_set" is the default too).
    return { hidden: false, accessor: rel.kind === "o2o" ? m.modelName : `${m.modelName}_set`, query: m.modelName };
  }
  if (rel.relatedName === undefined || rel.relatedQueryName === undefined) return null;
  let related = rel.relatedName;
  const sym = isSymmetrical(m, f);
  if (sym === null) return null;
  if (sym) related = `${f.name}_rel_+`;
  else if (rel.kind === "m2m" && related?.endsWith("+")) related = `_${m.appLabel}_${m.name.toLowerCase()}_${f.name}_+`;
  const hidden = !!related && related.endsWith("+");
  const accessor = sym ? null : (related ?? (rel.kind === "o2o" ? m.modelName : `${m.modelName}_set`));
  return { hidden, accessor, query: rel.relatedQueryName || related || m.modelName };
}

export function modelGraph(project: DjangoProject): ModelGraph {
  return project.index.memo(`modelGraph:${project.managePy}:${project.options.settingsModule ?? ""}`, () => build(modelRegistry(project)));
}

function build(registry: ModelRegistry): ModelGraph {
  const installed = registry.models.filter((m) => !m.abstract && m.appLabel && !m.swappedBy);
  const incoming = new Map<string, ReverseRelation[]>();
  let unresolvedSomewhere = !registry.complete || registry.maybeModels.size > 0;
  for (const m of installed) {
    if (m.proxy) continue;
    if (m.incomplete) unresolvedSomewhere = true;
    for (const f of m.fields) {
      const rel = f.relation;
      if (!rel) continue;
      if (!rel.target) {
        if (rel.unresolved !== "not-found") unresolvedSomewhere = true;
        continue;
      }
      const key = rel.target.toLowerCase();
      const list = incoming.get(key) ?? [];
      list.push({ model: m, field: f, names: reverseNames(m, f) });
      incoming.set(key, list);
    }
  }
  // Proxies by the concrete model they proxy (one pass, not one per question).
  const proxiesOf = new Map<string, ModelInfo[]>();
  for (const x of installed) {
    if (!x.proxy || !x.proxyFor) continue;
    const list = proxiesOf.get(x.proxyFor) ?? [];
    list.push(x);
    proxiesOf.set(x.proxyFor, list);
  }
  const forwardCache = new Map<ModelInfo, FieldInfo[] | null>();
  const relatedCache = new Map<ModelInfo, ReverseRelation[] | null>();
  const parentsOf = (m: ModelInfo, seen = new Set<string>()): ModelInfo[] | null => {
    const out: ModelInfo[] = [];
    for (const p of m.mtiParents) {
      if (seen.has(p)) continue;
      seen.add(p);
      const pm = registry.get(p);
      if (!pm) return null;
      out.push(pm);
      const up = parentsOf(pm, seen);
      if (!up) return null;
      out.push(...up);
    }
    return out;
  };
  const forwardFields = (m: ModelInfo): FieldInfo[] | null => {
    if (forwardCache.has(m)) return forwardCache.get(m)!;
    const r = computeForward(m);
    forwardCache.set(m, r);
    return r;
  };
  const computeForward = (m: ModelInfo): FieldInfo[] | null => {
    if (m.proxy) {
      const base = m.proxyFor ? registry.get(m.proxyFor) : undefined;
      return base && base !== m ? forwardFields(base) : null;
    }
    const parents = parentsOf(m);
    if (!parents || m.incomplete || parents.some((p) => p.incomplete)) return null;
    return ownThenInherited([m, ...parents]);
  };
  return {
    registry,
    forwardFields,
    relatedObjects(m) {
      if (unresolvedSomewhere) return null;
      if (relatedCache.has(m)) return relatedCache.get(m)!;
      const r = computeRelated(m);
      relatedCache.set(m, r);
      return r;
    },
    target: (f) => (f.relation?.target ? registry.get(f.relation.target) : undefined),
  };
  function computeRelated(m: ModelInfo): ReverseRelation[] | null {
    {
      // A proxy sees the relations of its concrete model and of every proxy of it (Django keys
      // its relation tree by the concrete model).
      const concrete = m.proxy ? (m.proxyFor ? registry.get(m.proxyFor) : undefined) : m;
      if (!concrete || concrete.proxy) return null;
      const parents = parentsOf(concrete);
      if (!parents) return null;
      const out: ReverseRelation[] = [];
      const proxies = proxiesOf.get(concrete.label) ?? [];
      for (const x of [concrete, ...proxies, ...parents]) out.push(...(incoming.get(x.label.toLowerCase()) ?? []));
      return out.some((r) => r.names === null) ? null : out;
    }
  }
}

/** Django's attname: `<name>_id` for a foreign key or one-to-one, else the name. */
/** The fields of a model then of its parents, a name once (the nearest declaration wins). */
export function ownThenInherited<F extends { name: string }>(chain: { fields: F[] }[]): F[] {
  const out: F[] = [];
  const names = new Set<string>();
  for (const x of chain) {
    for (const f of x.fields) {
      if (names.has(f.name)) continue;
      names.add(f.name);
      out.push(f);
    }
  }
  return out;
}

export function attname(f: { name: string; relation?: { kind: string } }): string {
  return f.relation && f.relation.kind !== "m2m" ? `${f.name}_id` : f.name;
}
