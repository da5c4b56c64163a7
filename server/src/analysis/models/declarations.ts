// What one model class body declares, read without the rest of the registry: its field
// assignments (with the field class resolved and arguments bound to parameter names), its Meta
// options, and its other attributes.
import type { DjangoProject } from "../../project/project";
import { dottedName, topLevel } from "../../python/exprUtil";
import type { CallExpr, ClassDef, Expr, Location, Stmt } from "../../python/types";
import type { CatalogField, FieldCatalog } from "./fieldCatalog";
import { plainOrUndefined } from "./literal";
import { type NameTarget, resolveExprDirect } from "./names";

/** A field assignment as written in a class body. */
export interface FieldDeclaration {
  name: string;
  classPath: string;
  django: CatalogField | null;
  exactDjango: boolean;
  call: CallExpr;
  params: Map<string, Expr>;
  keywords: Map<string, Expr>;
  dynamicArgs: boolean;
  location: Location;
  statement: Location;
}

export interface MetaDeclaration {
  cls: ClassDef;
  /** `class Meta(Parent.Meta)`: the bases as written. */
  bases: Expr[];
  options: Map<string, { expr: Expr; value: unknown; location: Location }>;
}

export interface ClassDeclarations {
  fields: FieldDeclaration[];
  meta: MetaDeclaration | null;
  /** Every name the body binds (fields included). */
  attributes: Set<string>;
  methods: Set<string>;
  /** Names set to None in the body (removing an inherited field). */
  cleared: Set<string>;
  /** A field call whose class we cannot see into: the model may have fields we do not know. */
  hasOpaqueFields: boolean;
}

/** Django-namespace modules whose field classes we do not catalogue (database-specific): opaque. */
const OPAQUE_DJANGO = /^django\.contrib\.(postgres|gis|contenttypes)\./;

export type FieldClass =
  | { kind: "django"; path: string; field: CatalogField }
  | { kind: "workspace"; path: string; field: CatalogField | null }
  | { kind: "opaque" }
  | { kind: "not-a-field" };

/** Resolves a name as seen from a module's top level (resolveExprDirect, or a cached version of it). */
export type Resolver = (file: string, expr: Expr) => NameTarget;

/** Classifies a callee as a field class, following workspace subclasses to their Django ancestor. */
export function fieldClassOf(
  project: DjangoProject,
  catalog: FieldCatalog,
  target: NameTarget,
  depth = 0,
  resolve: Resolver = (file, e) => resolveExprDirect(project, file, e),
): FieldClass {
  if (depth > 10) return { kind: "opaque" };
  if (target.kind === "external") {
    if (OPAQUE_DJANGO.test(target.path)) return { kind: "opaque" };
    const f = catalog.field(target.path);
    if (f) return { kind: "django", path: catalog.publicPath(f), field: f };
    if (target.path.startsWith("django.") || target.path.startsWith("builtins.")) return { kind: "not-a-field" };
    return { kind: "opaque" };
  }
  if (target.kind === "class") {
    let sawField = false;
    let sawOpaque = false;
    for (const base of target.cls.bases) {
      const r = fieldClassOf(project, catalog, resolve(target.file, base), depth + 1, resolve);
      if (r.kind === "django" || r.kind === "workspace") {
        return { kind: "workspace", path: target.path, field: r.field };
      }
      if (r.kind === "opaque") sawOpaque = true;
      if (r.kind !== "not-a-field") sawField = true;
    }
    return sawOpaque || sawField ? { kind: "workspace", path: target.path, field: null } : { kind: "not-a-field" };
  }
  if (target.kind === "module" || target.kind === "undefined") return { kind: "not-a-field" };
  return { kind: "opaque" };
}

/** Binds a call's arguments to the catalogued signature; `dynamic` when `*`/`**` hide some. */
export function bindArguments(call: CallExpr, field: CatalogField | null): { params: Map<string, Expr>; dynamic: boolean } {
  const params = new Map<string, Expr>();
  let dynamic = false;
  call.args.forEach((a, i) => {
    if (a.kind === "starred") dynamic = true;
    else if (dynamic) return;
    else if (field && i < field.positional.length) params.set(field.positional[i], a);
    else dynamic = true;
  });
  for (const k of call.keywords) {
    if (k.name === "**" || k.value.kind === "starred") dynamic = true;
    else params.set(k.name, k.value);
  }
  return { params, dynamic };
}

function assignedName(s: Stmt): { name: string; target: Expr } | null {
  if (s.kind !== "assign" || s.targets.length !== 1) return null;
  const t = s.targets[0];
  return t.kind === "name" ? { name: t.id, target: t } : null;
}

export function readClassBody(
  project: DjangoProject,
  catalog: FieldCatalog,
  file: string,
  cls: ClassDef,
  resolve: Resolver = (f, e) => resolveExprDirect(project, f, e),
): ClassDeclarations {
  const out: ClassDeclarations = {
    fields: [],
    meta: null,
    attributes: new Set(),
    methods: new Set(),
    cleared: new Set(),
    hasOpaqueFields: false,
  };
  const at = (range: Location["range"]): Location => ({ file, range });
  for (const s of topLevel(cls.body)) {
    if (s.kind === "class") {
      out.attributes.add(s.name);
      if (s.name === "Meta") out.meta = readMeta(file, s);
      continue;
    }
    if (s.kind === "def") {
      out.attributes.add(s.name);
      out.methods.add(s.name);
      continue;
    }
    if (s.kind === "assign") for (const t of s.targets) if (t.kind === "name") out.attributes.add(t.id);
    const a = assignedName(s);
    if (!a || s.kind !== "assign" || !s.value) continue;
    if (s.value.kind === "const" && s.value.value === null) out.cleared.add(a.name);
    if (s.value.kind !== "call") continue;
    const call = s.value;
    const cls2 = fieldClassOf(project, catalog, resolve(file, call.func), 0, resolve);
    if (cls2.kind === "not-a-field") continue;
    if (cls2.kind === "opaque") out.hasOpaqueFields = true;
    const django = cls2.kind === "django" || cls2.kind === "workspace" ? cls2.field : null;
    const exact = cls2.kind === "django";
    const { params, dynamic } = bindArguments(call, exact ? django : null);
    const keywords = new Map<string, Expr>();
    for (const k of call.keywords) if (k.name !== "**") keywords.set(k.name, k.value);
    out.fields.push({
      name: a.name,
      classPath: cls2.kind === "opaque" ? "opaque" : cls2.path,
      django,
      exactDjango: exact,
      call,
      params: exact ? params : keywords,
      keywords,
      dynamicArgs: dynamic || !exact,
      location: at(a.target.range),
      statement: at(s.range),
    });
  }
  return out;
}

function readMeta(file: string, meta: ClassDef): MetaDeclaration {
  const options = new Map<string, { expr: Expr; value: unknown; location: Location }>();
  for (const s of topLevel(meta.body)) {
    if (s.kind !== "assign" || !s.value) continue;
    for (const t of s.targets) {
      if (t.kind === "name") options.set(t.id, { expr: s.value, value: plainOrUndefined(s.value), location: { file, range: s.range } });
    }
  }
  return { cls: meta, bases: meta.bases, options };
}

/** `Parent.Meta` → "Parent" for Meta bases. */
export function metaBaseOwner(e: Expr): string | null {
  const d = dottedName(e);
  return d && d.endsWith(".Meta") ? d.slice(0, -5) : null;
}
