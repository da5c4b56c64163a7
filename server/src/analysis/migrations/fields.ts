// A field as Django's deconstruct() gives it: the class path and the keyword arguments that differ
// from their defaults, per Django version (django/db/models/fields/*.py). Both a migration's field
// and a models.py declaration go through `deconstructField`, so a field written either way, with
// redundant defaults or positional arguments, compares equal exactly when Django's would.
import { type NV, NONE, bool, key, str, unknowable } from "./values";

export interface DjangoLine {
  major: number;
  minor: number;
}

export interface FieldState {
  /** `django.db.models.CharField` (the shortened path deconstruct() reports). */
  path: string;
  kwargs: Record<string, NV>;
}

const at = (v: DjangoLine, major: number, minor: number) => v.major > major || (v.major === major && v.minor >= minor);

const SIMPLE = [
  "CharField", "TextField", "SlugField", "EmailField", "URLField", "IntegerField", "BigIntegerField", "SmallIntegerField",
  "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "FloatField", "DecimalField",
  "BooleanField", "DateField", "DateTimeField", "TimeField", "DurationField", "UUIDField", "GenericIPAddressField",
  "BinaryField", "FileField", "ImageField", "FilePathField", "JSONField", "AutoField", "BigAutoField", "SmallAutoField",
];
const RELATED = ["ForeignKey", "OneToOneField", "ManyToManyField"];
export const FIELD_CLASSES = new Set([...SIMPLE, ...RELATED].map((n) => `django.db.models.${n}`));

/** Field.deconstruct()'s `possibles`: kwargs dropped when equal to these. */
function baseDefaults(v: DjangoLine): Record<string, NV | "NOT_PROVIDED"> {
  const d: Record<string, NV | "NOT_PROVIDED"> = {
    verbose_name: NONE, primary_key: bool(false), max_length: NONE, unique: bool(false), blank: bool(false),
    null: bool(false), db_index: bool(false), default: "NOT_PROVIDED", editable: bool(true), serialize: bool(true),
    unique_for_date: NONE, unique_for_month: NONE, unique_for_year: NONE, choices: NONE, help_text: str(""),
    db_column: NONE, db_comment: NONE, db_tablespace: NONE, auto_created: bool(false),
    validators: { t: "list", items: [] }, error_messages: NONE,
  };
  if (at(v, 5, 0)) d.db_default = "NOT_PROVIDED";
  return d;
}

/** Extra keyword arguments each class accepts, with the value deconstruct() leaves out. */
const EXTRA: Record<string, Record<string, NV | "KEEP">> = {
  CharField: { db_collation: NONE },
  TextField: { db_collation: NONE },
  SlugField: { db_collation: NONE, allow_unicode: bool(false) },
  EmailField: { db_collation: NONE },
  URLField: { db_collation: NONE },
  DecimalField: { max_digits: NONE, decimal_places: NONE },
  DateField: { auto_now: bool(false), auto_now_add: bool(false) },
  DateTimeField: { auto_now: bool(false), auto_now_add: bool(false) },
  TimeField: { auto_now: bool(false), auto_now_add: bool(false) },
  GenericIPAddressField: { protocol: str("both"), unpack_ipv4: bool(false) },
  FileField: { upload_to: "KEEP", storage: "KEEP" },
  ImageField: { upload_to: "KEEP", storage: "KEEP", width_field: NONE, height_field: NONE },
  FilePathField: { path: str(""), match: NONE, recursive: bool(false), allow_files: bool(true), allow_folders: bool(false) },
  JSONField: { encoder: NONE, decoder: NONE },
  ForeignKey: { to: "KEEP", on_delete: "KEEP", related_name: NONE, related_query_name: NONE, limit_choices_to: NONE, to_field: "KEEP", db_constraint: bool(true), parent_link: bool(false), swappable: "KEEP" },
  OneToOneField: { to: "KEEP", on_delete: "KEEP", related_name: NONE, related_query_name: NONE, limit_choices_to: NONE, to_field: "KEEP", db_constraint: bool(true), parent_link: bool(false), swappable: "KEEP" },
  ManyToManyField: { to: "KEEP", related_name: NONE, related_query_name: NONE, limit_choices_to: NONE, through: "KEEP", through_fields: "KEEP", db_table: NONE, db_constraint: bool(true), symmetrical: "KEEP", swappable: "KEEP" },
};

/** Positional parameters after which the class accepts keywords only (we map what we can). */
function positional(cls: string): string[] {
  if (cls === "ForeignKey" || cls === "OneToOneField") return ["to", "on_delete"];
  if (cls === "ManyToManyField") return ["to"];
  if (cls === "DecimalField") return ["verbose_name", "name", "max_digits", "decimal_places"];
  return ["verbose_name", "name"];
}

export interface RelationContext {
  /** `"Category"`, `"shop.Category"`, `"self"` → `"shop.category"`; null when not a model we know. */
  modelLabel(ref: NV): string | null;
  /** The primary key's name of a model (`"shop.category"`), or null when not known. */
  pkName(label: string): string | null;
}

/** Canonical relation target: `app.model` with the model part lower-cased (what deconstruct does). */
export function lowerLabel(label: string): string {
  const dot = label.indexOf(".");
  return dot < 0 ? label.toLowerCase() : label.slice(0, dot) + "." + label.slice(dot + 1).toLowerCase();
}

/**
 * Deconstructs `path(*args, **kwargs)` as Django would for the given version; throws Unknowable
 * for a class we do not model, an argument Django would reject, or a value we cannot compare.
 */
export function deconstructField(path: string, args: NV[], kwargsIn: [string, NV][], v: DjangoLine, rel: RelationContext): FieldState {
  if (!FIELD_CLASSES.has(path)) return unknowable(`field class ${path}`);
  const cls = path.slice("django.db.models.".length);
  const kw = new Map<string, NV>();
  const names = positional(cls);
  if (args.length > names.length) unknowable(`${cls} with ${args.length} positional arguments`);
  args.forEach((a, i) => kw.set(names[i], a));
  for (const [k, val] of kwargsIn) {
    if (kw.has(k)) unknowable(`${cls}() got multiple values for argument '${k}'`);
    kw.set(k, val);
  }
  kw.delete("name");
  const defaults = baseDefaults(v);
  const extra = EXTRA[cls] ?? {};
  for (const k of kw.keys()) {
    if (!(k in defaults) && !(k in extra)) unknowable(`${cls}() got an unexpected keyword argument '${k}'`);
  }
  // __init__ adjustments (setdefault / forced values) before deconstruct() runs.
  const setdefault = (k: string, val: NV) => {
    if (!kw.has(k)) kw.set(k, val);
  };
  const num = (n: number): NV => ({ t: "num", v: String(n) });
  switch (cls) {
    case "EmailField":
      setdefault("max_length", num(254));
      break;
    case "URLField":
      setdefault("max_length", num(200));
      break;
    case "SlugField":
      setdefault("max_length", num(50));
      setdefault("db_index", bool(true));
      break;
    case "FileField":
    case "ImageField":
    case "FilePathField":
      setdefault("max_length", num(100));
      break;
    case "BinaryField":
      setdefault("editable", bool(false));
      break;
    case "ForeignKey":
    case "OneToOneField":
      setdefault("db_index", bool(true));
      if (cls === "OneToOneField") kw.set("unique", bool(true));
      if (!kw.has("on_delete")) unknowable(`${cls}.__init__() missing 'on_delete'`);
      break;
    case "GenericIPAddressField":
    case "UUIDField":
      kw.delete("max_length");
      break;
    case "AutoField":
    case "BigAutoField":
    case "SmallAutoField":
      kw.set("blank", bool(true));
      break;
    default:
      break;
  }
  if ((cls === "DateField" || cls === "DateTimeField" || cls === "TimeField") && (isTrue(kw.get("auto_now")) || isTrue(kw.get("auto_now_add")))) {
    kw.set("editable", bool(false));
    kw.set("blank", bool(true));
  }
  if (kw.has("choices")) kw.set("choices", normaliseChoices(kw.get("choices") as NV, v));
  if (kw.has("validators")) {
    const val = kw.get("validators") as NV;
    if (val.t !== "list" && val.t !== "tuple") unknowable("validators that are not a list");
    kw.set("validators", { t: "list", items: val.items });
  }

  const out: Record<string, NV> = {};
  for (const [k, d] of Object.entries(defaults)) {
    const val = kw.get(k);
    if (val === undefined) continue;
    if (d !== "NOT_PROVIDED" && isDefault(k, val, d)) continue;
    out[k] = val;
  }
  for (const [k, d] of Object.entries(extra)) {
    const val = kw.get(k);
    if (val === undefined) continue;
    if (d !== "KEEP" && key(val) === key(d)) continue;
    out[k] = val;
  }
  // Class-specific deconstruct() rules.
  const eq = (k: string, n: number) => out[k]?.t === "num" && Number((out[k] as { v: string }).v) === n;
  switch (cls) {
    case "SlugField":
      if (eq("max_length", 50)) delete out.max_length;
      if (kw.get("db_index") && !isTrue(kw.get("db_index"))) out.db_index = bool(false);
      else delete out.db_index;
      break;
    case "URLField":
      if (eq("max_length", 200)) delete out.max_length;
      break;
    case "FileField":
    case "ImageField":
      if (eq("max_length", 100)) delete out.max_length;
      out.upload_to = kw.get("upload_to") ?? str("");
      if (out.storage && out.storage.t === "ref" && out.storage.path === "django.core.files.storage.default_storage") delete out.storage;
      break;
    case "FilePathField":
      if (eq("max_length", 100)) delete out.max_length;
      break;
    case "BinaryField":
      if (isTrue(kw.get("editable"))) out.editable = bool(true);
      else delete out.editable;
      break;
    case "AutoField":
    case "BigAutoField":
    case "SmallAutoField":
      delete out.blank;
      out.primary_key = bool(true);
      break;
    case "ForeignKey":
    case "OneToOneField":
    case "ManyToManyField":
      relatedRules(cls, out, kw, rel);
      break;
    default:
      break;
  }
  if ((cls === "DateField" || cls === "DateTimeField" || cls === "TimeField") && (isTrue(kw.get("auto_now")) || isTrue(kw.get("auto_now_add")))) {
    delete out.editable;
    delete out.blank;
  }
  return { path, kwargs: out };
}

function isTrue(v: NV | undefined): boolean {
  return !!v && ((v.t === "bool" && v.v) || (v.t === "num" && Number(v.v) !== 0));
}

/** `value is not default` for singletons, `!=` for choices and validators. */
function isDefault(k: string, val: NV, d: NV): boolean {
  if (k === "choices" || k === "validators") return key(val) === key(d);
  // `is not`: False/None/True are singletons; 0 is not False; "" of help_text is compared by
  // identity in CPython but the literal is interned, so equality is what happens in practice.
  return val.t === d.t && key(val) === key(d);
}

function normaliseChoices(c: NV, v: DjangoLine): NV {
  if (c.t === "none") return c;
  if (c.t === "dict") {
    if (!at(v, 5, 0)) unknowable("choices given as a dict (Django 5.0+)");
    return { t: "list", items: c.entries.map(([k, x]): NV => ({ t: "tuple", items: [k, normaliseGroup(x, v)] })) };
  }
  if (c.t !== "list" && c.t !== "tuple") return unknowable("choices that are not a literal sequence");
  if (!at(v, 5, 0)) return { t: "list", items: c.items }; // 4.2: list(choices), items untouched
  // 5.x normalize_choices(): [(k, normalize(v)) for k, v in value]
  return {
    t: "list",
    items: c.items.map((item): NV => {
      if ((item.t !== "list" && item.t !== "tuple") || item.items.length !== 2) return unknowable("a choice that is not a pair");
      return { t: "tuple", items: [item.items[0], normaliseGroup(item.items[1], v)] };
    }),
  };
}

function normaliseGroup(x: NV, v: DjangoLine): NV {
  if (x.t === "dict") return normaliseChoices(x, v);
  if ((x.t === "list" || x.t === "tuple") && !x.items.some((i) => i.t === "str")) return normaliseChoices(x, v);
  return x;
}

function relatedRules(cls: string, out: Record<string, NV>, kw: Map<string, NV>, rel: RelationContext): void {
  const to = kw.get("to");
  if (!to) return unknowable(`${cls} without a target`);
  const label = rel.modelLabel(to);
  if (!label) return unknowable("relation to a model that is not known");
  out.to = str(label);
  delete out.swappable;
  if (cls === "ManyToManyField") {
    delete out.symmetrical;
    const through = kw.get("through");
    if (through) {
      const t = rel.modelLabel(through);
      if (!t) return unknowable("through model that is not known");
      // deconstruct() keeps a string as written and gives a class's label (not lower-cased).
      out.through = through.t === "str" ? through : str(t);
    }
    return;
  }
  delete out.db_index;
  if (!isTrue(kw.get("db_index"))) out.db_index = bool(false);
  if (cls === "OneToOneField") delete out.unique;
  const toField = kw.get("to_field");
  if (toField) {
    if (toField.t === "none") delete out.to_field;
    else {
      const pk = rel.pkName(label);
      if (pk === null) return unknowable("to_field on a model whose primary key is not known");
      if (toField.t === "str" && toField.v === pk) delete out.to_field;
    }
  }
}
