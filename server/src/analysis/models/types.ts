// The model registry's public shapes. Other analyses (migrations, admin, serializers, features)
// read these; keep them stable and add, rather than change, members.
import type { CallExpr, ClassDef, Expr, Location } from "../../python/types";
import type { CatalogField } from "./fieldCatalog";

/** A Meta option: the expression as written and its value when statically known. */
export interface MetaOption {
  name: string;
  expr: Expr;
  /** Plain JS value (string, number, boolean, null, arrays) or undefined when not static. */
  value: unknown;
  /** The model whose Meta declared it (inherited options name the abstract parent). */
  from: string;
  location: Location;
}

export type RelationKind = "fk" | "o2o" | "m2m";

export interface RelationInfo {
  kind: RelationKind;
  /** The `to` argument as written, or null when missing. */
  toExpr: Expr | null;
  /**
   * The related model's label ("app_label.ModelName", Django's casing of the class), or null
   * when it could not be decided statically (see `unresolved`).
   */
  target: string | null;
  /**
   * Why `target` is null: "missing" (no `to`), "dynamic" (not a literal or known class),
   * "external" (an app or class we cannot see), "not-found" (a label naming no model: fields.E300).
   */
  unresolved?: "missing" | "dynamic" | "external" | "not-found";
  /** The label as written in a string (`"shop.Prodct"`) when it names no known model. */
  written?: string;
  /** `through=` model label, when given and resolved. */
  through?: string | null;
  throughExpr?: Expr;
  /** related_name after %(class)s / %(app_label)s substitution; undefined when not static. */
  relatedName?: string | null;
  relatedQueryName?: string | null;
}

export interface FieldInfo {
  /** The attribute name in the class body. */
  name: string;
  /**
   * The field class: a catalogued Django class by its public path (`django.db.models.CharField`),
   * a workspace field class by its dotted path (`shop.fields.MoneyField`), or "opaque" when the
   * class is outside the workspace and not Django's (no claims are made about it).
   */
  classPath: string;
  /** The Django class this is or derives from (nearest catalogued ancestor), else null. */
  django: CatalogField | null;
  /** True when the class is exactly the catalogued Django class (not a workspace subclass). */
  exactDjango: boolean;
  /** The constructor call; null for implicit fields (auto `id`, MTI parent links, Django's own models). */
  call: CallExpr | null;
  args: Expr[];
  keywords: Map<string, Expr>;
  /**
   * Arguments bound to parameter names (positional ones mapped by the catalogued signature),
   * for Django classes; for others only the keywords.
   */
  params: Map<string, Expr>;
  /** The call has `*args`/`**kwargs` or arguments the signature cannot place: params are partial. */
  dynamicArgs: boolean;
  /** The name in the assignment; for implicit fields, the model's class name. */
  location: Location | null;
  /** The whole assignment statement. */
  statement: Location | null;
  /** Label of the model whose body declares it (an abstract parent for inherited fields). */
  declaredIn: string;
  inherited: boolean;
  /** "auto" for the implicit primary key, "parent-link" for the MTI link. */
  implicit?: "auto" | "parent-link";
  primaryKey: boolean;
  relation?: RelationInfo;
}

export interface ModelBase {
  expr: Expr | null;
  /** Resolved path (`django.db.models.Model`, `shop.models.Base`), or null when unknown. */
  path: string | null;
  /** The base is a model: its label (concrete/proxy) or its path (abstract). */
  model?: string;
  /** A class outside the workspace that is not a known Django model (a mixin or third-party model). */
  opaque?: boolean;
}

export interface ModelInfo {
  appLabel: string;
  /** The class name (Django's `object_name`). */
  name: string;
  /** `app_label.ModelName`. */
  label: string;
  /** Django's lower-case model name. */
  modelName: string;
  /** Dotted module and `module.Class` path. */
  module: string;
  path: string;
  origin: "workspace" | "django";
  file: string | null;
  cls: ClassDef | null;
  /** The class name's range. */
  location: Location | null;
  bases: ModelBase[];
  abstract: boolean;
  proxy: boolean;
  /** Concrete model parents (multi-table inheritance), as labels. */
  mtiParents: string[];
  /** For proxies: the concrete model proxied, when known. */
  proxyFor?: string | null;
  /** Meta options, including those inherited from abstract parents' Meta. */
  meta: Map<string, MetaOption>;
  /** Where `class Meta` is, when the model has its own. */
  metaLocation: Location | null;
  /** Fields in Django's order (inherited abstract fields, own fields), then the implicit ones. */
  fields: FieldInfo[];
  /** Some base (or a field class) is opaque: the field list may miss fields, so make no "unknown name" claims. */
  incomplete: boolean;
  /** The setting that swaps this model out (`AUTH_USER_MODEL`) when another model replaces it. */
  swappedBy?: string;
  /** Names bound in the class body besides fields (methods, properties, managers, constants). */
  attributes: Set<string>;
  /** The names of @property / method definitions in the body (for admin/serializer checks). */
  methods: Set<string>;
}

export interface ModelRegistry {
  /** Every model of every installed app (concrete, proxy and abstract), app order then definition order. */
  models: ModelInfo[];
  /** Model by label, case-insensitive as Django's `apps.get_model`. Abstract models have no label lookup. */
  get(label: string): ModelInfo | undefined;
  /** Models (concrete and proxy) of one app label. */
  appModels(appLabel: string): ModelInfo[];
  /** A workspace model class by its dotted path (abstract ones too). */
  byPath(path: string): ModelInfo | undefined;
  /** AUTH_USER_MODEL's label ("auth.User" by default), null when not static. */
  authUserModel: string | null;
  /** False when an installed app could not be resolved or INSTALLED_APPS is not fully known. */
  complete: boolean;
  /** Classes in models modules whose bases are opaque: possibly models we cannot see into, by label. */
  maybeModels: Set<string>;
}
