// Shared helpers for the model, field and relation rules: which models Django checks, where a
// finding goes, and the default database's backend features (checks that depend on them follow
// the default ENGINE as Django's `connection.features` does; an unknown engine means no claim).
//
// The rules run one models module at a time: each rule module registers its checks (of a module's
// source, of a model as declared, of a model against the others through a ShapeGraph), and one memo
// per models module computes every check's findings, tagged with their codes. After a keystroke
// only the edited module's memo runs again; every rule then takes its code's share of the
// concatenation, which is itself cut off when nothing changed. Nothing here reads the whole model
// registry (modelRegistry is rebuilt after any models edit).
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { modelLabels } from "../models/labels";
import { declaredModels, modelsContext, modelsFiles, resolvedModels } from "../models/registry";
import { ShapeGraph } from "../models/shapes";
import type { FieldInfo, ModelInfo } from "../models/types";
import { readSettings } from "../settings/settings";
import type { Finding, Rule, Severity } from "./types";

export type Raw = Omit<Finding, "code" | "severity">;

/** A model's local fields with a declaration (the fields Django's field checks run on). */
export function declaredFields(m: ModelInfo): FieldInfo[] {
  return m.proxy ? [] : m.fields.filter((f) => !f.implicit && f.call && f.location);
}

/** Fields of abstract parents are reported once, on their own line, however many children. */
export function dedupe(findings: Raw[]): Raw[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file}:${f.range.start.line}:${f.range.start.character}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function fieldFinding(f: FieldInfo, message: string, data?: Record<string, unknown>): Raw {
  const at = f.location as Location;
  return { file: at.file, range: at.range, message, data: { field: f.name, ...(data ?? {}) } };
}

export function modelFinding(m: ModelInfo, message: string, at?: Location | null, data?: Record<string, unknown>): Raw | null {
  const loc = at ?? m.location;
  return loc ? { file: loc.file, range: loc.range, message, data: { model: m.label, ...(data ?? {}) } } : null;
}

export interface BackendFeatures {
  engine: string;
  supportsUnlimitedCharfield: boolean;
  interpretsEmptyStringsAsNulls: boolean;
}

/** Feature flags of Django's built-in backends, per Django version (read from their features.py). */
export function defaultBackend(project: DjangoProject): BackendFeatures | null {
  const dbs = readSettings(project).databases;
  const def = dbs?.find((d) => d.alias === "default");
  const engine = def?.engine ?? (dbs && dbs.length === 0 ? "django.db.backends.dummy" : null);
  if (!engine) return null;
  const v = project.djangoVersion();
  const atLeast = (major: number, minor: number) => v.major > major || (v.major === major && v.minor >= minor);
  const name = engine.replace(/^django\.contrib\.gis\.db\.backends\./, "django.db.backends.").replace(/^django\.db\.backends\./, "");
  const builtin = ["postgresql", "sqlite3", "mysql", "oracle", "dummy", "postgis", "spatialite"].includes(name);
  if (!builtin || !engine.startsWith("django.")) return null;
  const pg = name === "postgresql" || name === "postgis";
  const sqlite = name === "sqlite3" || name === "spatialite";
  return {
    engine,
    // PostgreSQL since 4.2, SQLite since 5.2.
    supportsUnlimitedCharfield: (pg && atLeast(4, 2)) || (sqlite && atLeast(5, 2)),
    interpretsEmptyStringsAsNulls: name === "oracle",
  };
}

/** A finding with the code of the rule that reports it: rules computed together, reported apart. */
export interface Tagged {
  code: string;
  raw: Raw;
}

const projectKey = (project: DjangoProject) => `${project.managePy}:${project.options.settingsModule ?? ""}`;

const CHUNK = 16;

/**
 * The concatenation of per-item results, each computed in its own memo with early cutoff (an edit
 * recomputes its own item's; when they come out the same nothing else runs again), gathered in
 * chunks of items with early cutoff too: a changed item recomputes its chunk and the top, not a
 * concatenation over every item. `items` and `compute` run inside memos and may be re-run from a
 * validity check: give module-level functions that read everything through the index, never
 * closures over versioned data.
 */
export function concatPerItem<I, T>(
  project: DjangoProject,
  key: string,
  items: (project: DjangoProject) => I[],
  itemKey: (item: I) => string,
  compute: (project: DjangoProject, item: I) => T[],
): T[] {
  const base = `${key}:${projectKey(project)}`;
  return project.index.memo(
    base,
    () => {
      const out: T[] = [];
      const n = Math.ceil(items(project).length / CHUNK);
      for (let c = 0; c < n; c++) {
        const chunk = project.index.memo(
          `${base}#${c}`,
          () => {
            const part: T[] = [];
            for (const item of items(project).slice(c * CHUNK, (c + 1) * CHUNK)) {
              part.push(...project.index.memo(`${base}:${itemKey(item)}`, () => compute(project, item), { equals: deepEqual }));
            }
            return part;
          },
          { equals: deepEqual },
        );
        out.push(...chunk);
      }
      return out;
    },
    { equals: deepEqual },
  );
}

const modelsFileKey = (f: { module: string; file: string }) => `${f.module}:${f.file}`;

/** The findings of a group of rules, computed once per models module (see concatPerItem). */
export function modelsFileGroup(project: DjangoProject, group: string, compute: (project: DjangoProject, module: string, file: string) => Tagged[]): Tagged[] {
  return concatPerItem(project, `modelsGroup:${group}`, modelsFiles, modelsFileKey, (p, f) => compute(p, f.module, f.file));
}

/** A rule reporting its code's share of a group's findings (deduplicated). */
export function groupRule(code: string, defaultSeverity: Severity, description: string, group: (project: DjangoProject) => Tagged[]): Rule {
  return {
    code,
    defaultSeverity,
    description,
    run: (project) => dedupe(group(project).flatMap((t) => (t.code === code ? [t.raw] : []))),
  };
}

/** A check of one model, pushing its findings under their codes. */
export type ModelCheck = (project: DjangoProject, m: ModelInfo, out: Tagged[]) => void;

/** Pushes a finding (when there is one) under a code. */
export function tag(out: Tagged[], code: string, raw: Raw | null | undefined): void {
  if (raw) out.push({ code, raw });
}

/** The models of one models module that Django's checks visit, relation targets resolved. */
export function checkedModelsIn(project: DjangoProject, module: string, file: string): ModelInfo[] {
  const labels = modelLabels(project);
  return resolvedModels(project, module, file).filter((m) => {
    const p = labels.paths.get(m.path);
    return m.origin === "workspace" && !m.abstract && m.appLabel && !m.swappedBy && p?.inRegistry && p.kind === "model";
  });
}

/**
 * Checks of one model as its module declares it (relation targets unresolved): they read nothing
 * beyond the model and the classes it inherits from. Each rule module registers its own.
 */
export const LOCAL_CHECKS: ModelCheck[] = [];

/** A check of one model against the others: its module's models in full, the rest through `g`. */
export type GraphCheck = (project: DjangoProject, g: ShapeGraph, m: ModelInfo, out: Tagged[]) => void;

export const GRAPH_CHECKS: GraphCheck[] = [];

/** A check of a models module's source (import crashes). */
export type FileCheck = (project: DjangoProject, module: string, file: string, out: Tagged[]) => void;

export const FILE_CHECKS: FileCheck[] = [];

/** Every check of one models module: one memo per module holds all the model rules' findings. */
function modelsFileCompute(project: DjangoProject, module: string, file: string): Tagged[] {
  const out: Tagged[] = [];
  for (const check of FILE_CHECKS) check(project, module, file, out);
  for (const m of declaredModels(project, modelsContext(project), { module, file })) for (const check of LOCAL_CHECKS) check(project, m, out);
  const checked = checkedModelsIn(project, module, file);
  if (checked.length) {
    const g = new ShapeGraph(project, resolvedModels(project, module, file));
    for (const m of checked) for (const check of GRAPH_CHECKS) check(project, g, m, out);
  }
  return out;
}

/** The model rules' findings over every models module (each rule keeps its code's share). */
export function modelsFileFindings(project: DjangoProject): Tagged[] {
  return modelsFileGroup(project, "models", modelsFileCompute);
}
