// Django's own field classes and models, by Django version, from the generated catalogue
// (scripts/gen-field-catalog.py run against the real Django 5.2 and 4.2). Only these classes are
// the subject of claims; anything else is a workspace subclass or an opaque third-party class.
import { FIELD_CATALOG_DATA } from "./fieldCatalog.generated";

export interface CatalogField {
  /** The class name (`CharField`). */
  name: string;
  /** Every import path that reaches the class (`django.db.models.CharField`, `django.db.models.fields.CharField`). */
  paths: string[];
  /** Django field classes in the MRO after this one, nearest first. */
  bases: string[];
  /** Parameters a positional argument binds to, in order (following `*args` up to the parent). */
  positional: string[];
  /** Every keyword the constructor chain accepts. */
  keywords: string[];
  /** Parameters of the called `__init__` itself without a default. */
  required: string[];
  /** The check ID of a removed field class (`fields.E903`), with its message and hint. */
  removed: string | null;
  removedMsg: string | null;
  removedHint: string | null;
}

export interface CatalogModelField {
  name: string;
  class: string;
  attname: string;
  column: string;
  primaryKey: boolean;
  unique: boolean;
  relation?: "fk" | "o2o" | "m2m";
  /** The related model's label. */
  to?: string;
}

export interface CatalogModel {
  label: string;
  module: string;
  name: string;
  swappable: string | null;
  dbTable: string;
  fields: CatalogModelField[];
  ordering: string[];
}

export interface CatalogAbstractModel {
  path: string;
  name: string;
  bases: string[];
  fields: CatalogModelField[];
}

export interface FieldCatalogData {
  version: string;
  /** Keyed by the defining path (`django.db.models.fields.CharField`). */
  fields: Record<string, CatalogField>;
  /** Public names of each field module, for "did you mean" and for names that are not fields. */
  exports: Record<string, string[]>;
  models: CatalogModel[];
  abstractModels: CatalogAbstractModel[];
}

export interface FieldCatalog {
  /** "5.2" or "4.2": the catalogue that applies. */
  line: string;
  /** True when the project's Django is exactly the catalogued line (claims that differ by version are safe). */
  exact: boolean;
  data: FieldCatalogData;
  /** A field class by any path that reaches it. */
  field(path: string): CatalogField | undefined;
  /** The canonical (public) path of a catalogued class: `django.db.models.CharField`. */
  publicPath(f: CatalogField): string;
  /** Names a Django module exports, or undefined when the module is not catalogued. */
  exports(module: string): string[] | undefined;
  model(label: string): CatalogModel | undefined;
  abstractModel(path: string): CatalogAbstractModel | undefined;
  /** True when `f` is `base` or a subclass of it (`base` by short name, e.g. "IntegerField"). */
  isA(f: CatalogField, base: string): boolean;
}

const cache = new Map<string, FieldCatalog>();

function build(line: string, exact: boolean): FieldCatalog {
  const data = FIELD_CATALOG_DATA[line];
  const byPath = new Map<string, CatalogField>();
  for (const [key, f] of Object.entries(data.fields)) {
    byPath.set(key, f);
    for (const p of f.paths) byPath.set(p, f);
  }
  const defining = new Map<CatalogField, string>();
  for (const [key, f] of Object.entries(data.fields)) defining.set(f, key);
  return {
    line,
    exact,
    data,
    field: (p) => byPath.get(p),
    publicPath: (f) => f.paths.find((p) => p === `django.db.models.${f.name}`) ?? f.paths.find((p) => p.endsWith(`.${f.name}`)) ?? f.paths[0],
    exports: (m) => data.exports[m],
    model: (label) => data.models.find((m) => m.label.toLowerCase() === label.toLowerCase()),
    abstractModel: (p) => data.abstractModels.find((m) => m.path === p),
    isA: (f, base) => f.name === base || f.bases.some((b) => b.endsWith(`.${base}`)),
  };
}

/** The catalogue for a Django version: 5.x uses 5.2's, older ones 4.2's (marked inexact). */
export function fieldCatalog(version: { major: number; minor: number }): FieldCatalog {
  const line = version.major >= 5 ? "5.2" : "4.2";
  const exact = `${version.major}.${version.minor}` === line;
  const key = `${line}:${exact}`;
  let c = cache.get(key);
  if (!c) {
    c = build(line, exact);
    cache.set(key, c);
  }
  return c;
}

/** Django's own model base class paths. */
export const MODEL_BASE_PATHS = new Set(["django.db.models.Model", "django.db.models.base.Model"]);
