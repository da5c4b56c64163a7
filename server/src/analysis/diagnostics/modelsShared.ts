// Shared helpers for the model, field and relation rules: which models Django checks, where a
// finding goes, and the default database's backend features (checks that depend on them follow
// the default ENGINE as Django's `connection.features` does; an unknown engine means no claim).
import type { DjangoProject } from "../../project/project";
import type { Location } from "../../python/types";
import { declaredModels, modelRegistry, modelsContext, modelsFiles } from "../models/registry";
import type { FieldInfo, ModelInfo } from "../models/types";
import { readSettings } from "../settings/settings";
import type { Finding, Rule, Severity } from "./types";

export type Raw = Omit<Finding, "code" | "severity">;

/** Models `run_checks()` visits: installed, concrete or proxy, not swapped out, ours. */
export function checkedModels(project: DjangoProject): ModelInfo[] {
  return modelRegistry(project).models.filter((m) => m.origin === "workspace" && !m.abstract && m.appLabel && !m.swappedBy);
}

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

/** Builds a rule from a function over the project, deduplicating findings. */
export function modelRule(code: string, defaultSeverity: Severity, description: string, run: (project: DjangoProject) => (Raw | null)[]): Rule {
  return {
    code,
    defaultSeverity,
    description,
    run: (project) => dedupe(run(project).filter((f): f is Raw => f !== null)),
  };
}

/**
 * Runs `fn` once per models module on its declared models (relation targets unresolved), memoised
 * per file: after an edit only the edited file's models are checked again. For checks that need
 * nothing beyond one model and the classes it inherits from.
 */
export function perModelsFile<T>(project: DjangoProject, key: string, fn: (models: ModelInfo[]) => T[]): T[] {
  const out: T[] = [];
  const ctx = modelsContext(project);
  for (const entry of modelsFiles(project)) {
    out.push(...project.index.memo(`${key}:${project.managePy}:${project.options.settingsModule ?? ""}:${ctx.fp}:${entry.file}`, () => fn(declaredModels(project, ctx, entry))));
  }
  return out;
}
