// DRF ModelSerializer classes in each installed app's `serializers` module: their Meta (model,
// fields, exclude) looked up through workspace base serializers, and their declared fields.
// `known` is false when a base or a declared attribute is beyond what we can read: rules then
// make no claim that depends on it.
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { topLevel } from "../../python/exprUtil";
import type { ClassDef, Expr, Location } from "../../python/types";
import { modelLabels } from "../models/labels";
import { resolveExprDirect } from "../models/names";
import { modelRegistry } from "../models/registry";
import type { ModelInfo } from "../models/types";
import { appRegistry } from "../settings/apps";

export interface MetaEntry {
  expr: Expr;
  location: Location;
}

export interface SerializerInfo {
  name: string;
  module: string;
  file: string;
  cls: ClassDef;
  location: Location;
  /** Meta found (own or inherited through a visible base). */
  meta: ClassDef | null;
  metaFile: string | null;
  options: Map<string, MetaEntry>;
  /** Meta.model resolved: a model, "abstract", "unknown", or null when Meta has no model. */
  model: ModelInfo | "abstract" | "unknown" | null;
  /** Fields declared on this class's own body (name → range). */
  ownDeclared: Map<string, Location>;
  /** Fields declared on base serializers. */
  inheritedDeclared: Set<string>;
  /** Every base is a visible serializer class or DRF's ModelSerializer; every declared value is readable. */
  known: boolean;
}

const MODEL_SERIALIZER = new Set(["rest_framework.serializers.ModelSerializer"]);

/** A serializer as its module reads it: Meta.model by class path (the model itself is not read). */
export interface SerializerFacts extends Omit<SerializerInfo, "model"> {
  /** Meta.model: a registered model's class path, "abstract", "unknown", or null when Meta has no model. */
  model: { path: string } | "abstract" | "unknown" | null;
}

/** The installed workspace apps' `serializers` modules, in app order. */
export function serializerModules(project: DjangoProject): { module: string; file: string }[] {
  return project.index.memo(
    `serializerModules:${project.managePy}:${project.options.settingsModule ?? ""}`,
    () => {
      const out: { module: string; file: string }[] = [];
      for (const app of appRegistry(project).apps) {
        if (app.origin !== "workspace") continue;
        const module = `${app.name}.serializers`;
        const mod = project.modules.resolveModule(module);
        if (mod?.file) out.push({ module, file: mod.file });
      }
      return out;
    },
    { equals: deepEqual },
  );
}

/** One serializers module's ModelSerializer classes, memoised per file (models looked up by path, not read). */
export function fileSerializers(project: DjangoProject, module: string, file: string): SerializerFacts[] {
  return project.index.memo(`serializersFile:${project.managePy}:${project.options.settingsModule ?? ""}:${module}:${file}`, () => {
    const out: SerializerFacts[] = [];
    for (const s of topLevel(project.index.summary(file)?.statements ?? [])) {
      if (s.kind !== "class") continue;
      const info = read(project, module, file, s);
      if (info) out.push(info);
    }
    return out;
  });
}

export function modelSerializers(project: DjangoProject): SerializerInfo[] {
  return project.index.memo(`serializers:${project.managePy}:${project.options.settingsModule ?? ""}`, () => {
    const reg = modelRegistry(project);
    const out: SerializerInfo[] = [];
    for (const { module, file } of serializerModules(project)) {
      for (const s of fileSerializers(project, module, file)) {
        const model = s.model && typeof s.model === "object" ? (reg.byPath(s.model.path) ?? "unknown") : s.model;
        out.push({ ...s, model });
      }
    }
    return out;
  });
}

interface Walk {
  isModelSerializer: boolean;
  known: boolean;
  meta: { cls: ClassDef; file: string } | null;
  declared: Map<string, Location>;
}

/** Walks a class and its bases (depth-first, left to right) as the MRO would for simple trees. */
function walk(project: DjangoProject, file: string, cls: ClassDef, w: Walk, depth: number): void {
  if (depth > 10) {
    w.known = false;
    return;
  }
  for (const s of topLevel(cls.body)) {
    if (s.kind === "class" && s.name === "Meta" && !w.meta) w.meta = { cls: s, file };
    if (s.kind !== "assign" || !s.value) continue;
    for (const t of s.targets) {
      if (t.kind !== "name" || w.declared.has(t.id)) continue;
      if (s.value.kind !== "call") continue;
      const callee = resolveExprDirect(project, file, s.value.func);
      const isField = (callee.kind === "external" && callee.path.startsWith("rest_framework.")) || callee.kind === "class";
      if (!isField) w.known = w.known && callee.kind !== "unknown";
      if (isField) w.declared.set(t.id, { file, range: t.range });
    }
  }
  for (const b of cls.bases) {
    const t = resolveExprDirect(project, file, b);
    if (t.kind === "external" && MODEL_SERIALIZER.has(t.path)) w.isModelSerializer = true;
    else if (t.kind === "class") walk(project, t.file, t.cls, w, depth + 1);
    else w.known = false;
  }
}

function read(project: DjangoProject, module: string, file: string, cls: ClassDef): SerializerFacts | null {
  const ownWalk: Walk = { isModelSerializer: false, known: true, meta: null, declared: new Map() };
  walk(project, file, cls, ownWalk, 0);
  if (!ownWalk.isModelSerializer) return null;
  // Own declarations versus those of the bases (DRF exempts the latter from the `fields` check).
  const baseWalk: Walk = { isModelSerializer: false, known: true, meta: null, declared: new Map() };
  for (const b of cls.bases) {
    const t = resolveExprDirect(project, file, b);
    if (t.kind === "class") walk(project, t.file, t.cls, baseWalk, 1);
  }
  // DRF requires in `fields` only what this class declares and no base declares.
  const ownDeclared = new Map([...ownWalk.declared].filter(([n]) => ownBodyDeclares(cls, n) && !baseWalk.declared.has(n)));
  const options = new Map<string, MetaEntry>();
  const meta = ownWalk.meta;
  if (meta) {
    for (const s of topLevel(meta.cls.body)) {
      if (s.kind !== "assign" || !s.value) continue;
      for (const t of s.targets) if (t.kind === "name") options.set(t.id, { expr: s.value, location: { file: meta.file, range: s.range } });
    }
    if (meta.cls.bases.length) ownWalk.known = false; // Meta(Parent.Meta): inherited options
  }
  let model: SerializerFacts["model"] = null;
  const m = options.get("model");
  if (m && meta) {
    const t = resolveExprDirect(project, meta.file, m.expr);
    const labels = modelLabels(project);
    if (t.kind === "class") {
      const found = labels.paths.get(t.path);
      model = found?.inRegistry && found.file !== null ? (found.kind === "abstract" ? "abstract" : { path: t.path }) : "unknown";
    } else if (t.kind === "external") {
      const found = labels.paths.get(t.path);
      model = found?.inRegistry && found.file === null ? { path: t.path } : "unknown";
    } else model = "unknown";
  }
  return {
    name: cls.name,
    module,
    file,
    cls,
    location: { file, range: cls.nameRange },
    meta: meta?.cls ?? null,
    metaFile: meta?.file ?? null,
    options,
    model,
    ownDeclared,
    inheritedDeclared: new Set(baseWalk.declared.keys()),
    known: ownWalk.known && baseWalk.known,
  };
}

function ownBodyDeclares(cls: ClassDef, name: string): boolean {
  for (const s of topLevel(cls.body)) if (s.kind === "assign" && s.targets.some((t) => t.kind === "name" && t.id === name)) return true;
  return false;
}
