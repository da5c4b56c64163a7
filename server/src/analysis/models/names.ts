// What a name or attribute chain in a module refers to, following imports through workspace
// modules: a class defined in the workspace, a dotted path outside it (Django, a third-party
// package), a name bound by nothing (a NameError when the code runs), or unknown.
import { findBinding } from "../../project/modules";
import type { DjangoProject } from "../../project/project";
import { dottedName } from "../../python/exprUtil";
import type { ClassDef, Expr } from "../../python/types";

export type NameTarget =
  /** A class defined in a workspace module; `path` is `module.Class`. */
  | { kind: "class"; path: string; module: string; file: string; cls: ClassDef }
  /** A workspace module. */
  | { kind: "module"; path: string; file: string | null }
  /** Something outside the workspace, by the dotted path it was imported as. */
  | { kind: "external"; path: string }
  /** The first name is bound nowhere in the module (and no star import could bind it). */
  | { kind: "undefined"; name: string }
  | { kind: "unknown" };

const BUILTINS = new Set(
  "object int str float bool bytes list dict set tuple frozenset type property staticmethod classmethod super len range print isinstance callable getattr setattr hasattr Exception ValueError TypeError None True False".split(" "),
);

const MAX_DEPTH = 12;

/** Resolves `expr` (a name or attribute chain) as seen from the top level of `file`. */
export function resolveExpr(project: DjangoProject, file: string, expr: Expr): NameTarget {
  const dotted = dottedName(expr);
  if (!dotted) return { kind: "unknown" };
  // Memoised on the files the resolution read: every rule resolves the same names (models.CharField,
  // models.CASCADE, imported models), and an edit re-resolves only what went through that file.
  return project.index.memo(`resolve:${project.managePy}:${file}:${dotted}`, () => resolveNameIn(project, file, dotted.split("."), 0));
}

/** Resolves a chain of names from the module-level namespace of `file`. */
export function resolveNameIn(project: DjangoProject, file: string, names: string[], depth: number): NameTarget {
  if (depth > MAX_DEPTH || names.length === 0) return { kind: "unknown" };
  const summary = project.index.summary(file);
  if (!summary) return { kind: "unknown" };
  const [first, ...rest] = names;
  const binding = findBinding(summary.statements, first);
  const moduleName = project.modules.moduleOfFile(file);
  if (!binding) {
    if (BUILTINS.has(first)) return { kind: "external", path: ["builtins", ...names].join(".") };
    // `global` statements, exec and friends are out of reach; a bare unbound name is a NameError.
    return { kind: "undefined", name: first };
  }
  switch (binding.kind) {
    case "class": {
      if (rest.length || !moduleName) return { kind: "unknown" };
      return { kind: "class", path: `${moduleName}.${first}`, module: moduleName, file, cls: binding };
    }
    case "def":
      return { kind: "unknown" };
    case "assign": {
      // An alias (`CharField = models.CharField`) resolves through its value.
      const value = binding.value;
      const d = value ? dottedName(value) : null;
      if (!d || binding.targets.length !== 1 || binding.targets[0].kind !== "name") return { kind: "unknown" };
      return resolveNameIn(project, file, [...d.split("."), ...rest], depth + 1);
    }
    case "import": {
      const entry = binding.names.find((n) => (n.asname ?? n.module.split(".")[0]) === first);
      if (!entry) return { kind: "unknown" };
      const base = entry.asname ? entry.module : entry.module.split(".")[0];
      return resolvePath(project, [...base.split("."), ...rest], depth + 1);
    }
    case "from": {
      const target = project.modules.absoluteImport(file, binding.level, binding.module);
      if (!target) return { kind: "unknown" };
      if (binding.names === "*") {
        // The name may come from the star import: resolve it there, never claim it is unbound.
        const r = resolvePath(project, [...target.split("."), ...names], depth + 1);
        return r.kind === "undefined" ? { kind: "unknown" } : r;
      }
      const orig = binding.names.find((n) => (n.asname ?? n.name) === first)?.name ?? first;
      return resolvePath(project, [...target.split("."), orig, ...rest], depth + 1);
    }
  }
}

/** Resolves an absolute dotted path: inside the workspace through its modules, else external. */
export function resolvePath(project: DjangoProject, parts: string[], depth = 0): NameTarget {
  if (depth > MAX_DEPTH) return { kind: "unknown" };
  for (let i = parts.length; i >= 1; i--) {
    const mod = project.modules.resolveModule(parts.slice(0, i).join("."));
    if (!mod) continue;
    const rest = parts.slice(i);
    if (rest.length === 0) return { kind: "module", path: parts.join("."), file: mod.file };
    if (!mod.file) return { kind: "unknown" };
    const r = resolveNameIn(project, mod.file, rest, depth + 1);
    // An attribute a workspace module does not bind is an AttributeError or ImportError, which
    // other rules report; here it is simply not a known target.
    return r.kind === "undefined" ? { kind: "unknown" } : r;
  }
  return { kind: "external", path: parts.join(".") };
}
