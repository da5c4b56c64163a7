// A ModelAdmin class as the admin checks see it: its options (list_display, …) looked up along
// the class's bases as Python's MRO would for simple hierarchies, and every attribute name its
// bodies bind (for hasattr(model_admin, item)). `known` is false when some base is neither
// Django's ModelAdmin nor a workspace class we can read: then no claim is made about it.
import type { DjangoProject } from "../../project/project";
import { topLevel } from "../../python/exprUtil";
import type { ClassDef, Expr, Location } from "../../python/types";
import { resolveExprDirect } from "../models/names";

export interface AdminOption {
  name: string;
  expr: Expr;
  location: Location;
  /** The class whose body sets it. */
  owner: string;
}

export interface AdminClass {
  name: string;
  /** `module.Class`. */
  path: string;
  file: string;
  cls: ClassDef;
  location: Location;
  options: Map<string, AdminOption>;
  /** Every name bound in the class bodies (methods, attributes, options). */
  attributes: Set<string>;
  /** Methods defined in the class bodies. */
  methods: Set<string>;
  /** All bases lead to Django's ModelAdmin through classes we can read. */
  known: boolean;
  /** Derives from admin.ModelAdmin (not an inline or something else). */
  isModelAdmin: boolean;
}

const MODEL_ADMIN = new Set(["django.contrib.admin.ModelAdmin", "django.contrib.admin.options.ModelAdmin"]);

export function readAdminClass(project: DjangoProject, file: string, cls: ClassDef): AdminClass {
  const module = project.modules.moduleOfFile(file) ?? "";
  const out: AdminClass = {
    name: cls.name,
    path: `${module}.${cls.name}`,
    file,
    cls,
    location: { file, range: cls.nameRange },
    options: new Map(),
    attributes: new Set(),
    methods: new Set(),
    known: true,
    isModelAdmin: false,
  };
  visit(project, file, cls, out, 0, new Set());
  return out;
}

function visit(project: DjangoProject, file: string, cls: ClassDef, out: AdminClass, depth: number, seen: Set<ClassDef>): void {
  if (depth > 10 || seen.has(cls)) {
    out.known = false;
    return;
  }
  seen.add(cls);
  for (const s of topLevel(cls.body)) {
    if (s.kind === "def") {
      out.attributes.add(s.name);
      out.methods.add(s.name);
    } else if (s.kind === "class") out.attributes.add(s.name);
    else if (s.kind === "assign") {
      for (const t of s.targets) {
        if (t.kind !== "name") continue;
        out.attributes.add(t.id);
        // Nearest definition wins: this body before its bases (left-to-right depth-first).
        if (s.value && !out.options.has(t.id)) out.options.set(t.id, { name: t.id, expr: s.value, location: { file, range: s.range }, owner: cls.name });
      }
    }
  }
  for (const b of cls.bases) {
    const t = resolveExprDirect(project, file, b);
    if (t.kind === "external" && MODEL_ADMIN.has(t.path)) out.isModelAdmin = true;
    else if (t.kind === "class") visit(project, t.file, t.cls, out, depth + 1, seen);
    else if (!(t.kind === "external" && t.path === "builtins.object")) out.known = false;
  }
}
