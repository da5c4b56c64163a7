// A seeded generator of models.py mutants for the differential migrations test: edits that
// makemigrations must notice (fields, options, models, indexes, constraints, relations) and edits it
// must not (comments, docstrings, methods, kwarg order, redundant defaults, reformatting).
export type Rng = () => number;

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: T[]): T => xs[Math.floor(r() * xs.length)];

/** What a mutation may touch in one models.py of a base fixture. */
export interface Target {
  /** Concrete model classes that take new fields (not proxies). */
  classes: string[];
  /** Classes referenced nowhere else (other files, string labels): safe to rename or delete. */
  renamable: string[];
}

export interface Mutation {
  name: string;
  /** Returns the edited text, or null when the edit does not apply to this text. */
  apply(text: string, r: Rng, target: Target): string | null;
  drift: boolean;
}

/** A fixture whose migrations are clean, and the models.py files mutants edit. */
export interface Base {
  fixture: string;
  files: Record<string, Target>;
}

export const BASES: Base[] = [
  { fixture: "mysite", files: { "shop/models.py": { classes: ["Category", "Product", "Order"], renamable: [] } } },
  { fixture: "migrations-inheritance", files: { "zoo/models.py": { classes: ["Animal", "Dog", "Cat", "Keeper"], renamable: ["Cat", "Keeper"] } } },
  {
    fixture: "migrations-cross-app",
    files: {
      "catalog/models.py": { classes: ["Category", "Product"], renamable: [] },
      "orders/models.py": { classes: ["Order", "Warehouse"], renamable: ["Order"] },
    },
  },
  { fixture: "migrations-swappable-user", files: { "accounts/models.py": { classes: ["User"], renamable: [] }, "blog/models.py": { classes: ["Post"], renamable: ["Post"] } } },
  { fixture: "srclayout", files: { "src/apps/blog/models.py": { classes: ["Post", "Comment"], renamable: [] }, "src/apps/accounts/models.py": { classes: ["Profile"], renamable: [] } } },
];

/** Inserts `line` after the `class X(...):` line of a model class. */
function intoClass(text: string, cls: string, line: string): string | null {
  const re = new RegExp(`^class ${cls}\\([\\w.]+\\):\\n`, "m");
  if (!re.test(text)) return null;
  return text.replace(re, (m) => `${m}${line}\n`);
}

/** The field names a class body assigns (`    name = models.X(` lines up to the next class). */
function fieldsOf(text: string, cls: string): string[] {
  const start = text.search(new RegExp(`^class ${cls}\\(`, "m"));
  if (start < 0) return [];
  const body = text.slice(start + 1);
  const end = body.search(/^class /m);
  return [...(end < 0 ? body : body.slice(0, end)).matchAll(/^    (\w+) = models\.(?!ManyToMany)\w+\(/gm)].map((m) => m[1]);
}

function replaceOnce(text: string, from: string | RegExp, to: string): string | null {
  const next = text.replace(from, to);
  return next === text ? null : next;
}

let counter = 0;
const fresh = () => `f${++counter}`;

export const MUTATIONS: Mutation[] = [
  // ---- drift ----
  { name: "add nullable field", drift: true, apply: (t, r, g) => intoClass(t, pick(r, g.classes), `    ${fresh()} = models.${pick(r, ["IntegerField", "DateField", "TextField", "FloatField"])}(null=True)`) },
  { name: "add field with default", drift: true, apply: (t, r, g) => intoClass(t, pick(r, g.classes), `    ${fresh()} = models.${pick(r, ["BooleanField(default=False)", "CharField(max_length=20, default=\"x\")", "PositiveIntegerField(default=0)", "CharField(max_length=5, blank=True)"])}`) },
  { name: "add non-null field (makemigrations asks)", drift: true, apply: (t, r, g) => intoClass(t, pick(r, g.classes), `    ${fresh()} = models.IntegerField()`) },
  { name: "remove field", drift: true, apply: (t, r) => replaceOnce(t, new RegExp(`^    ${pick(r, ["slug", "in_stock", "quantity", "price"])} = .*\\n`, "m"), "") },
  { name: "alter max_length", drift: true, apply: (t, r) => replaceOnce(t, /max_length=(100|200)/, `max_length=${pick(r, [50, 80, 150, 255])}`) },
  // (Not twice on one field: a repeated keyword argument is a SyntaxError.)
  { name: "alter null", drift: true, apply: (t, r) => replaceOnce(t, new RegExp(`(${pick(r, ["slug", "name", "quantity", "created"])} = models\\.\\w+\\()(?!null=True)`), "$1null=True, ") },
  { name: "alter default", drift: true, apply: (t) => replaceOnce(t, "default=True", "default=False") },
  { name: "alter on_delete", drift: true, apply: (t) => replaceOnce(t, "on_delete=models.PROTECT", "on_delete=models.CASCADE") },
  { name: "alter help_text", drift: true, apply: (t, r) => replaceOnce(t, /(price = models\.DecimalField\()/, `$1help_text="${pick(r, ["a", "b"])}", `) },
  { name: "alter decimal", drift: true, apply: (t) => replaceOnce(t, "max_digits=10", "max_digits=12") },
  { name: "alter field class", drift: true, apply: (t) => replaceOnce(t, "name = models.CharField(max_length=200)", "name = models.TextField()") },
  { name: "rename field", drift: true, apply: (t) => replaceOnce(t, /^    in_stock = /m, "    available = ") },
  { name: "add related_name", drift: true, apply: (t) => replaceOnce(t, "models.PROTECT)", 'models.PROTECT, related_name="order_set2")') },
  { name: "change ordering", drift: true, apply: (t, r) => replaceOnce(t, 'ordering = ["name"]', `ordering = ${pick(r, ['["-name"]', '["slug"]', '("name",)'])}`) },
  { name: "add verbose_name option", drift: true, apply: (t) => replaceOnce(t, "        ordering = [\"name\"]\n", '        ordering = ["name"]\n        verbose_name = "kind"\n') },
  { name: "add db_table", drift: true, apply: (t) => replaceOnce(t, "        ordering = [\"name\"]\n", '        ordering = ["name"]\n        db_table = "shop_kinds"\n') },
  { name: "add unique_together", drift: true, apply: (t) => !/^    slug = /m.test(t) ? null : replaceOnce(t, "        ordering = [\"name\"]\n", '        ordering = ["name"]\n        unique_together = [("name", "slug")]\n') },
  { name: "add index", drift: true, apply: (t) => replaceOnce(t, "        ordering = [\"name\"]\n", '        ordering = ["name"]\n        indexes = [models.Index(fields=["name"], name="cat_name_idx")]\n') },
  { name: "add unique constraint", drift: true, apply: (t) => replaceOnce(t, "        ordering = [\"name\"]\n", '        ordering = ["name"]\n        constraints = [models.UniqueConstraint(fields=["name"], name="uniq_cat_name")]\n') },
  { name: "add check constraint", drift: true, apply: (t) => replaceOnce(t, "        ordering = [\"name\"]\n", '        ordering = ["name"]\n        constraints = [models.CheckConstraint(check=models.Q(name__gt="") & ~models.Q(slug="x"), name="cat_ok")]\n') },
  { name: "add model", drift: true, apply: (t, r, g) => `${t}\n\nclass ${pick(r, ["Tag", "Review", "Coupon"])}${fresh()}(models.Model):\n    label = models.CharField(max_length=30)\n    product = models.ForeignKey(${pick(r, g.classes)}, on_delete=models.CASCADE, related_name="+")\n\n    class Meta:\n        ordering = ["label"]\n        indexes = [models.Index(fields=["label"], name="${fresh()}_idx")]\n` },
  { name: "delete Order model", drift: true, apply: (t) => !t.includes("class Category(models.Model)") ? null : replaceOnce(t, /\nclass Order\(models\.Model\):[\s\S]*$/, "\nOrder = None  # imported by admin.py and views.py\n") },
  { name: "add m2m", drift: true, apply: (t) => intoClass(t, "Product", '    tags = models.ManyToManyField(Category, blank=True, related_name="tagged")') },
  // ---- inheritance, proxies, renames, indexes (any base) ----
  { name: "add proxy model", drift: true, apply: (t, r, g) => `${t}\n\nclass Proxy${fresh()}(${pick(r, g.classes)}):\n    class Meta:\n        proxy = True\n${r() < 0.5 ? '        ordering = ["pk"]\n' : ""}` },
  { name: "add multi-table child", drift: true, apply: (t, r, g) => `${t}\n\nclass Sub${fresh()}(${pick(r, g.classes)}):\n    note = models.CharField(max_length=10, blank=True)\n` },
  {
    name: "rename model",
    drift: true,
    apply: (t, r, g) => {
      if (!g.renamable.length) return null;
      const cls = pick(r, g.renamable);
      return replaceOnce(t, new RegExp(`\\b${cls}\\b`, "g"), `${cls}Renamed`);
    },
  },
  {
    name: "delete model",
    drift: true,
    apply: (t, r, g) => {
      if (!g.renamable.length) return null;
      const cls = pick(r, g.renamable);
      const next = replaceOnce(t, new RegExp(`^class ${cls}\\([\\w.]+\\):\\n(?:(?:    .*)?\\n)*`, "m"), "");
      // Not while an added model still names it (a base or a relation): Python would fail.
      return next !== null && new RegExp(`\\b${cls}\\b`).test(next) ? null : next;
    },
  },
  {
    name: "add named index",
    drift: true,
    apply: (t, r, g) => {
      const cls = pick(r, g.classes);
      const fields = fieldsOf(t, cls);
      if (!fields.length || new RegExp(`^class ${cls}\\([\\w.]+\\):\\n(?:(?:    .*)?\\n)*?    class Meta`, "m").test(t)) return null;
      return intoClass(t, cls, `    class Meta:\n        indexes = [models.Index(fields=["${pick(r, fields)}"], name="${fresh()}_idx")]\n`);
    },
  },
  { name: "proxy ordering", drift: true, apply: (t) => replaceOnce(t, /(proxy = True\n        ordering = )\["name"\]/, '$1["-name"]') },
  { name: "child Meta option", drift: true, apply: (t) => replaceOnce(t, 'verbose_name = "kitty"', 'verbose_name = "cat"') },
  { name: "abstract parent ordering", drift: true, apply: (t) => replaceOnce(t, 'ordering = ["-created"]', 'ordering = ["created"]') },
  { name: "abstract parent field", drift: true, apply: (t) => replaceOnce(t, "created = models.DateTimeField(auto_now_add=True)", "created = models.DateTimeField(auto_now_add=True, db_index=True)") },
  { name: "proxy method", drift: false, apply: (t) => replaceOnce(t, '        return "WOOF"', '        return "WOOF!"') },
  { name: "proxy docstring", drift: false, apply: (t) => replaceOnce(t, '    """A proxy: no table', '    """A proxy (edited): no table') },
  // ---- no drift ----
  { name: "comment", drift: false, apply: (t, r, g) => intoClass(t, pick(r, g.classes), "    # a comment that changes nothing") },
  { name: "docstring", drift: false, apply: (t, r, g) => intoClass(t, pick(r, g.classes), '    """A docstring."""') },
  { name: "method", drift: false, apply: (t, r, g) => intoClass(t, pick(r, g.classes), "    def shout(self):\n        return str(self).upper()\n") },
  { name: "kwarg order", drift: false, apply: (t) => replaceOnce(t, "max_digits=10, decimal_places=2", "decimal_places=2, max_digits=10") },
  { name: "redundant defaults", drift: false, apply: (t) => replaceOnce(t, "slug = models.SlugField(unique=True)", "slug = models.SlugField(unique=True, null=False, blank=False, max_length=50, db_index=True)") },
  { name: "reformat call", drift: false, apply: (t) => replaceOnce(t, "quantity = models.PositiveIntegerField(default=1)", "quantity = models.PositiveIntegerField(\n        default=1,\n    )") },
  { name: "full on_delete path", drift: false, apply: (t) => replaceOnce(t, "on_delete=models.PROTECT", "on_delete=django.db.models.deletion.PROTECT")?.replace("from django.db import models\n", "import django.db.models.deletion\nfrom django.db import models\n") ?? null },
  { name: "string relation", drift: false, apply: (t) => !t.includes("class Product(") ? null : replaceOnce(t, "models.ForeignKey(Product,", 'models.ForeignKey("shop.Product",') },
  { name: "translated verbose_name_plural", drift: false, apply: (t) => replaceOnce(t, 'verbose_name_plural = "categories"', 'verbose_name_plural = _("categories")')?.replace("from django.db import models\n", "from django.db import models\nfrom django.utils.translation import gettext_lazy as _\n") ?? null },
  { name: "positional verbose_name equivalent", drift: false, apply: (t) => replaceOnce(t, "in_stock = models.BooleanField(default=True)", "in_stock = models.BooleanField(default=True, verbose_name=None)") },
];

export function mutate(text: string, r: Rng, edits: number, target: Target): { text: string; applied: string[] } {
  let cur = text;
  const applied: string[] = [];
  for (let tries = 0; applied.length < edits && tries < 40; tries++) {
    const m = pick(r, MUTATIONS);
    // Only classes still defined (an earlier edit may have renamed or deleted one).
    const live = (cs: string[]) => cs.filter((c) => new RegExp(`^class ${c}\\(`, "m").test(cur));
    if (!live(target.classes).length) break;
    const next = m.apply(cur, r, { classes: live(target.classes), renamable: live(target.renamable) });
    if (next === null || next === cur) continue;
    cur = next;
    applied.push(m.name);
  }
  return { text: cur, applied };
}
